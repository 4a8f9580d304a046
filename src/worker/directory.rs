//! Listing every stream of the connection for the command palette: one request for all the
//! datasets, then each dataset's streams, a few at a time, each reported as it arrives.

use futures_util::StreamExt as _;

use super::{Event, RequestId};
use crate::api::{ApiError, Client};

/// Stream listings in flight at once: quick for a few dozen datasets, gentle on the server.
const AT_ONCE: usize = 4;

/// Sends (`send`) an [`Event::StreamsOfDataset`] per dataset; returns the closing
/// [`Event::AllStreamsListed`].
pub(super) async fn list_all_streams(
    client: Result<Client, ApiError>,
    id: RequestId,
    send: impl Fn(Event),
) -> Event {
    let listed = async {
        let client = client?;
        let datasets = client.all_datasets().await?;
        Ok((client, datasets))
    };
    let (client, datasets) = match listed.await {
        Ok(listed) => listed,
        Err(err) => {
            return Event::AllStreamsListed {
                id,
                result: Err(err),
            };
        }
    };
    let mut each = futures_util::stream::iter(datasets)
        .map(|dataset| {
            let client = client.clone();
            async move {
                let result = client.streams(&dataset.owner, &dataset.name).await;
                (dataset.owner, dataset.name, result)
            }
        })
        .buffer_unordered(AT_ONCE);
    while let Some((project, dataset, result)) = each.next().await {
        send(Event::StreamsOfDataset {
            id,
            project,
            dataset,
            result,
        });
    }
    Event::AllStreamsListed { id, result: Ok(()) }
}
