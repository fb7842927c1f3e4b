#![doc = include_str!("../README.md")]

mod backend;
mod chain;
mod error;
#[cfg(feature = "postgres")]
mod postgres;
mod sqlite;
mod store;

pub use backend::{SCHEMA_VERSION, STORE_FORMAT};
pub use error::StoreError;
pub use sqlite::{SqliteOptions, SqliteSync};
pub use store::{LedgerStore, Recovery};
