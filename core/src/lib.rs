//! huzhu: neighbourhood community services.
#![doc = include_str!("../../README.md")]

use huzhu_model::cold;
pub mod care;
pub mod dispatch;
pub mod error;
#[cfg(feature = "serde")]
pub mod formats;
pub mod ledger;
#[doc(inline)]
pub use huzhu_matching as matching;
#[doc(inline)]
pub use huzhu_model as model;
pub mod report;
pub mod routing;
pub mod scoring;
pub mod synth;
