//! huzhu: neighbourhood community services.
#![doc = include_str!("../../README.md")]

pub mod error;
pub mod ledger;
pub mod matching;
pub mod model;
pub mod scoring;
pub mod synth;
