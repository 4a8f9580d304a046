//! Two pages compared off the UI thread: each side parsed again or opened from its file where
//! needed, the comparison computed ([`crate::compare`]), and each page's inspector index built
//! against the thresholds the comparison reads it with, so its label bars say what the
//! comparison says.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;

use crate::api::{ApiError, Page, Route};
use crate::compare::{self, Comparison, Side};
use crate::export::{self, OpenError, Provenance};
use crate::inspect::PageIndex;

/// One side of a comparison as the state hands it over.
#[derive(Clone, Debug)]
pub enum CompareInput {
    /// A page of the history: its parsed form and index while the history keeps them, else its
    /// JSON to parse again (the history itself is left as it is).
    Page {
        parsed: Option<(Arc<Page>, Arc<PageIndex>)>,
        raw: Bytes,
        route: Route,
        provenance: Option<Box<Provenance>>,
    },
    /// A page file: an export or a bare response.
    File(PathBuf),
}

/// One compared page, with what the compare view draws of it.
#[derive(Clone, Debug)]
pub struct ComparedPage {
    pub page: Arc<Page>,
    /// Built against the thresholds the comparison reads the page with: its own, or the other
    /// side's where it records none.
    pub index: Arc<PageIndex>,
    /// `None` for a bare response file.
    pub provenance: Option<Provenance>,
}

/// Two pages compared.
#[derive(Clone, Debug)]
pub struct Compared {
    pub comparison: Comparison,
    pub a: ComparedPage,
    pub b: ComparedPage,
}

/// Why two pages could not be compared.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareError {
    /// The file is not a page, or could not be read.
    Open(OpenError),
    /// A history page's JSON did not parse again.
    Reparse(ApiError),
    Stopped,
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Open(err) => err.fmt(f),
            Self::Reparse(err) => write!(
                f,
                "A page of the history could not be read again from its JSON: {err}"
            ),
            Self::Stopped => f.write_str("The comparison stopped unexpectedly."),
        }
    }
}

impl std::error::Error for CompareError {}

/// Answers [`super::Task::Compare`]: everything on a blocking thread.
pub(super) async fn compare(
    a: CompareInput,
    b: CompareInput,
) -> Result<Box<Compared>, CompareError> {
    tokio::task::spawn_blocking(move || compare_now(a, b))
        .await
        .unwrap_or(Err(CompareError::Stopped))
}

/// A side's page, the index it came with (if any) and its provenance.
type Loaded = (Arc<Page>, Option<Arc<PageIndex>>, Option<Provenance>);

fn load(input: CompareInput) -> Result<Loaded, CompareError> {
    match input {
        CompareInput::Page {
            parsed: Some((page, index)),
            provenance,
            ..
        } => Ok((page, Some(index), provenance.map(|source| *source))),
        CompareInput::Page {
            parsed: None,
            raw,
            route,
            provenance,
        } => {
            let page = Page::parse(route, raw).map_err(CompareError::Reparse)?;
            Ok((Arc::new(page), None, provenance.map(|source| *source)))
        }
        CompareInput::File(path) => {
            let opened = export::open_file(&path).map_err(CompareError::Open)?;
            Ok((Arc::new(opened.page), None, opened.provenance))
        }
    }
}

fn compare_now(a: CompareInput, b: CompareInput) -> Result<Box<Compared>, CompareError> {
    let (page_a, index_a, source_a) = load(a)?;
    let (page_b, index_b, source_b) = load(b)?;
    let side_a = Side::new(&page_a, source_a.as_ref());
    let side_b = Side::new(&page_b, source_b.as_ref());
    let comparison = compare::compare(side_a, side_b);
    let [model_a, model_b] = compare::read_against(&side_a, &side_b);
    // A history page's index was built against its own thresholds; it serves unless the
    // page records none and borrows the other side's.
    let borrows = |side: &Side, other: &Side| side.model().is_none() && other.model().is_some();
    let index = |page: &Page, kept: Option<Arc<PageIndex>>, borrows: bool, model| match kept {
        Some(kept) if !borrows => kept,
        _ => Arc::new(PageIndex::build(page, model)),
    };
    let index_a = index(
        &page_a,
        index_a,
        borrows(&side_a, &side_b),
        model_a.as_ref(),
    );
    let index_b = index(
        &page_b,
        index_b,
        borrows(&side_b, &side_a),
        model_b.as_ref(),
    );
    Ok(Box::new(Compared {
        comparison,
        a: ComparedPage {
            page: page_a,
            index: index_a,
            provenance: source_a,
        },
        b: ComparedPage {
            page: page_b,
            index: index_b,
            provenance: source_b,
        },
    }))
}
