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
mod token;
mod transport;
mod validation;

pub use client::{Client, PageRequest, StreamRef};
pub use endpoint::Endpoint;
pub use error::{ApiError, ErrorKind, Resource};
pub use models::*;
pub use token::Token;
pub use transport::{ClientConfig, Progress, ProgressSink};
pub use validation::{NotAvailable, Unavailability, ValidationError};
