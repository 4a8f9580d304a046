//! The worker's side: one task per command, answering through the outbox.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use super::compare;
use super::directory;
use super::files::{self, Dialog};
use super::validation;
use super::{
    AdvanceError, Command, ConnectError, Connected, ConnectionSource, Dialogs, Event, FetchedPage,
    KeyringChoice, RequestId, Wake,
};
use crate::api::{
    ApiError, Client, ClientConfig, Endpoint, ErrorKind, Page, PageRequest, Progress, StreamModel,
    StreamRef, Token,
};
use crate::credentials::{CredentialError, CredentialStore};
use crate::demo_server::{DemoServer, ServerConfig};
use crate::export::Provenance;

#[derive(Clone)]
pub(super) struct Context {
    pub keyring: KeyringChoice,
    pub client_config: ClientConfig,
    pub dialogs: Dialogs,
    pub outbox: std::sync::mpsc::Sender<Event>,
    pub wake: Wake,
    pub store: Arc<Mutex<Option<CredentialStore>>>,
    pub client: Arc<Mutex<Option<Client>>>,
    /// Kept alive while the demo is in use; the runtime's end stops it.
    pub demo: Arc<tokio::sync::Mutex<Option<DemoServer>>>,
    /// Running fetches, so Cancel can stop them.
    pub running: Arc<Mutex<HashMap<RequestId, AbortHandle>>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Context {
    pub(super) fn send(&self, event: Event) {
        let _ = self.outbox.send(event);
        (self.wake)();
    }

    pub(super) fn client(&self) -> Result<Client, ApiError> {
        lock(&self.client).clone().ok_or_else(|| {
            ApiError::new(
                ErrorKind::CannotConnect,
                None,
                "not connected: choose a connection first",
            )
        })
    }

    fn store(&self) -> Result<CredentialStore, CredentialError> {
        lock(&self.store)
            .clone()
            .ok_or_else(|| CredentialError::NoService {
                detail: "it has not answered yet".to_owned(),
            })
    }

    /// Runs a keyring call on a blocking thread.
    async fn with_store<T: Send + 'static>(
        &self,
        call: impl FnOnce(CredentialStore) -> Result<T, CredentialError> + Send + 'static,
    ) -> Result<T, CredentialError> {
        let store = self.store()?;
        tokio::task::spawn_blocking(move || call(store))
            .await
            .unwrap_or_else(|_| {
                Err(CredentialError::Other {
                    detail: "The keyring call stopped unexpectedly.".to_owned(),
                })
            })
    }
}

pub(super) async fn dispatch(context: Context, mut inbox: mpsc::UnboundedReceiver<Command>) {
    while let Some(command) = inbox.recv().await {
        match command {
            Command::Cancel { id } => cancel(&context, id),
            Command::Fetch {
                id,
                stream,
                request,
                model,
            } => {
                // Registered under the lock the task takes to unregister itself, so a fast fetch
                // cannot finish before it is known to Cancel.
                let mut running = lock(&context.running);
                let task = tokio::spawn(fetch(context.clone(), id, stream, request, model));
                running.insert(id, task.abort_handle());
            }
            other => {
                tokio::spawn(run(context.clone(), other));
            }
        }
    }
}

/// Reads a page and prepares it for the inspector; Cancel aborts it (see [`cancel`]).
async fn fetch(
    context: Context,
    id: RequestId,
    stream: StreamRef,
    request: PageRequest,
    model: Option<StreamModel>,
) {
    let client = match context.client() {
        Ok(client) => client,
        Err(err) => {
            return context.send(Event::Fetched {
                id,
                result: Err(err),
            });
        }
    };
    let reporter = context.clone();
    let progress = move |progress: Progress| reporter.send(Event::Progress { id, progress });
    log::info!(
        "fetching {} comments from {stream} ({} route)",
        request.size,
        request.route.as_str()
    );
    let result = client.peek(&stream, request, &progress).await;
    match &result {
        Ok(page) => log::info!(
            "{stream}: {} comments, {} bytes",
            page.results.len(),
            page.raw.len()
        ),
        Err(err) => log::warn!("{stream}: {err}"),
    }
    let result = result.map(|page| {
        let provenance = Provenance::new(
            client.endpoint(),
            &stream,
            model.as_ref(),
            &page,
            request.size,
            jiff::Timestamp::now(),
        );
        FetchedPage::new(page, model.as_ref(), Some(provenance))
    });
    lock(&context.running).remove(&id);
    context.send(Event::Fetched { id, result });
}

fn cancel(context: &Context, id: RequestId) {
    if let Some(task) = lock(&context.running).remove(&id) {
        task.abort();
        let cancelled = ApiError::new(ErrorKind::Cancelled, None, "cancelled");
        context.send(Event::Fetched {
            id,
            result: Err(cancelled),
        });
    }
}

async fn run(context: Context, command: Command) {
    let event = match command {
        Command::OpenKeyring => Event::Keyring(open_keyring(&context).await),
        Command::SaveConnection {
            id,
            connection,
            replaces,
        } => {
            let name = connection.name.clone();
            let result = context
                .with_store(move |store| {
                    let mut connection = connection;
                    // Editing without pasting the token again keeps the saved one.
                    if let (true, Some(old)) = (connection.token.is_empty(), &replaces) {
                        connection.token = store.load(old)?.token;
                    }
                    store.save(&connection)?;
                    match replaces {
                        Some(old) if old != connection.name => store.delete(&old),
                        _ => Ok(()),
                    }
                })
                .await;
            Event::ConnectionSaved { id, name, result }
        }
        Command::RenameConnection { id, old, new } => {
            let (from, to) = (old.clone(), new.clone());
            let result = context
                .with_store(move |store| store.rename(&from, &to))
                .await;
            Event::ConnectionRenamed {
                id,
                old,
                new,
                result,
            }
        }
        Command::DeleteConnection { id, name } => {
            let doomed = name.clone();
            let result = context.with_store(move |store| store.delete(&doomed)).await;
            Event::ConnectionDeleted { id, name, result }
        }
        Command::Connect { id, source } => Event::Connected {
            id,
            result: connect(&context, source).await,
        },
        Command::ListProjects { id } => {
            let result = async { context.client()?.projects().await }.await;
            Event::Projects { id, result }
        }
        Command::ListDatasets { id, project } => {
            let result = async { context.client()?.datasets(&project).await }.await;
            Event::Datasets { id, result }
        }
        Command::ListStreams {
            id,
            project,
            dataset,
        } => {
            let result = async { context.client()?.streams(&project, &dataset).await }.await;
            Event::Streams { id, result }
        }
        Command::Advance {
            id,
            stream,
            request,
            sequence_id,
        } => {
            log::info!("advancing {stream} past {sequence_id}, as the user confirmed");
            let result = match context.client() {
                Ok(client) => advance(&client, &stream, request, sequence_id).await,
                Err(err) => Err(AdvanceError::Api(err)),
            };
            Event::Advanced { id, result }
        }
        Command::Reset { id, stream, to } => {
            let result = async { context.client()?.reset(&stream, &to).await }.await;
            Event::Reset { id, result }
        }
        Command::Reparse {
            id,
            raw,
            route,
            model,
        } => {
            let parse = move || {
                let page = Page::parse(route, raw)?;
                Ok(FetchedPage::new(page, model.as_ref(), None))
            };
            let result = tokio::task::spawn_blocking(parse)
                .await
                .unwrap_or_else(|_| {
                    Err(ApiError::new(
                        ErrorKind::Unexpected,
                        None,
                        "reading the page again stopped unexpectedly",
                    ))
                });
            Event::Reparsed { id, result }
        }
        Command::ChooseSavePath { id, suggested_name } => {
            let chosen = files::choose(&context.dialogs, Dialog::Save { suggested_name }).await;
            let path = chosen.into_iter().next();
            Event::SavePathChosen { id, path }
        }
        Command::Export {
            id,
            path,
            page,
            provenance,
            format,
        } => {
            let result = files::export(path.clone(), page, provenance, format).await;
            match &result {
                Ok(bytes) => log::info!("exported {bytes} bytes to {}", path.display()),
                Err(err) => log::warn!("{err}"),
            }
            Event::Exported { id, path, result }
        }
        Command::ChooseOpenPath { id } => {
            let paths = files::choose(&context.dialogs, Dialog::Open).await;
            Event::OpenPathChosen { id, paths }
        }
        Command::ChooseComparePath { id } => {
            let chosen = files::choose(&context.dialogs, Dialog::Compare).await;
            let path = chosen.into_iter().next();
            Event::ComparePathChosen { id, path }
        }
        Command::Compare { id, a, b } => {
            let result = compare::compare(a, b).await;
            if let Err(err) = &result {
                log::warn!("{err}");
            }
            Event::Compared { id, result }
        }
        Command::Open { id, path } => {
            let result = files::open(&path).await;
            match &result {
                Ok(opened) => log::info!(
                    "opened {}: {} comments",
                    path.display(),
                    opened.page.results.len()
                ),
                Err(err) => log::warn!("{err}"),
            }
            Event::Opened { id, path, result }
        }
        Command::ListAllStreams { id } => {
            let send = |event| context.send(event);
            directory::list_all_streams(context.client(), id, send).await
        }
        Command::ListModelVersions {
            id,
            project,
            dataset,
        } => validation::list_model_versions(context.client(), id, project, dataset).await,
        Command::LoadValidation { id, key, labels } => {
            validation::load_validation(context.client(), id, key, labels).await
        }
        Command::LoadCurves { id, key, labels } => {
            validation::load_curves(context.client(), id, key, labels).await
        }
        Command::Fetch { .. } | Command::Cancel { .. } => return,
    };
    context.send(event);
}

async fn open_keyring(context: &Context) -> Result<(), CredentialError> {
    let store = match &context.keyring {
        KeyringChoice::Given(store) => store.clone(),
        KeyringChoice::Off => {
            return Err(CredentialError::NoService {
                detail: "it was turned off with --no-keyring".into(),
            });
        }
        KeyringChoice::Platform => tokio::task::spawn_blocking(CredentialStore::platform)
            .await
            .unwrap_or_else(|_| {
                Err(CredentialError::NoService {
                    detail: "the keyring check stopped".into(),
                })
            })?,
    };
    *lock(&context.store) = Some(store);
    Ok(())
}

/// Makes the client for `source`, proves it with `/auth/user`, and makes it the active one.
async fn connect(
    context: &Context,
    source: ConnectionSource,
) -> Result<Box<Connected>, ConnectError> {
    let kind = source.kind();
    let (endpoint, token) = match source {
        ConnectionSource::Saved(name) => {
            let saved = context
                .with_store(move |store| store.load(&name))
                .await
                .map_err(ConnectError::Keyring)?;
            (saved.endpoint, saved.token)
        }
        ConnectionSource::Session { endpoint, token } => (endpoint, token),
        ConnectionSource::Demo => {
            let mut demo = context.demo.lock().await;
            if demo.is_none() {
                let server = DemoServer::start(ServerConfig::default())
                    .await
                    .map_err(|e| ConnectError::DemoServer(e.to_string()))?;
                *demo = Some(server);
            }
            let server = demo.as_ref().expect("started above");
            let endpoint = Endpoint::parse(&server.base_url()).map_err(ConnectError::DemoServer)?;
            (endpoint, Token::new(server.token()))
        }
    };
    let host = endpoint.host();
    let client =
        Client::new(endpoint, token, context.client_config.clone()).map_err(ConnectError::Api)?;
    let user = client.current_user().await.map_err(|e| {
        log::warn!("connecting to {host} failed: {e}");
        ConnectError::Api(e)
    })?;
    log::info!("connected to {host} as {:?}", user.username);
    *lock(&context.client) = Some(client);
    Ok(Box::new(Connected { kind, host, user }))
}

/// Re-reads the head and advances only if it still ends where the user saw it end.
async fn advance(
    client: &Client,
    stream: &StreamRef,
    request: PageRequest,
    shown: String,
) -> Result<String, AdvanceError> {
    let head = client
        .peek(stream, request, &|_: Progress| {})
        .await
        .map_err(AdvanceError::Api)?;
    let now = head.position().map(str::to_owned);
    if now.as_deref() != Some(shown.as_str()) {
        return Err(AdvanceError::StaleHead { shown, now });
    }
    client
        .advance(stream, &shown)
        .await
        .map_err(AdvanceError::Api)?;
    Ok(shown)
}
