//! The Communications Mining API: a typed, lenient client and its models. No UI in here.

mod classify;
mod client;
mod endpoint;
mod error;
mod explain;
pub mod models;
mod page_scan;
mod parse;
mod repair;
mod retry;
mod stream_ref;
mod token;
mod transport;
mod validation;

pub use client::Client;
pub use endpoint::Endpoint;
pub use error::{ApiError, ErrorKind, Resource};
pub use models::*;
pub use stream_ref::{PageRequest, StreamRef};
pub use token::Token;
pub use transport::{ClientConfig, Progress, ProgressSink};
pub use validation::{NotAvailable, Unavailability, ValidationError};
