//! huzhu: neighbourhood community services.
#![doc = include_str!("../../README.md")]

mod cold;
pub mod error;
#[cfg(feature = "serde")]
pub mod formats;
pub mod ledger;
pub mod matching;
pub mod model;
pub mod scoring;
pub mod synth;
