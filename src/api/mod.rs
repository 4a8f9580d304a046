//! The Communications Mining API: a typed, lenient client and its models. No UI in here.

mod client;
mod endpoint;
mod error;
pub mod models;
mod token;

pub use client::{Client, ClientConfig, PageRequest, Progress, ProgressSink, StreamRef};
pub use endpoint::Endpoint;
pub use error::{ApiError, ErrorKind, Resource};
pub use models::*;
pub use token::Token;
