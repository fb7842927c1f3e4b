//! The care loop of the planning documents (一人一档, 走访): find the need, keep one file per
//! person, visit and call on schedule, answer in time, and measure how well needs are found.
//!
//! The records live in the [`Community`](crate::model::Community) — workers, care files,
//! the contact log ([`crate::model::CareFile`] and friends). This module computes what
//! follows from them, purely, as of a time the caller gives:
//!
//! - [`contact_schedule`]: contacts due and overdue per resident, worker and grid;
//! - [`package_needs`]: the week's needs from the files' service packages, for the matcher;
//! - [`risk_flags`]: files whose resident is slipping (missed contacts, needs unserved past
//!   their deadline, self-care worse than assessed), each with its reason;
//! - [`infer_needs`] with [`default_rules`]: latent needs found from the records, each naming
//!   its rule and facts;
//! - [`identification`] and [`needs_list`]: identification accuracy, personalised share,
//!   survey coverage, and the quarterly needs list by grid and category.

mod contacts;
mod identification;
mod latent;
mod package;
mod risk;

pub use contacts::{ContactDue, ContactReport, DueCounts, DueStatus, Made, contact_schedule};
pub use identification::{
    IdentificationReport, NeedsListRow, SURVEY_WINDOW_DAYS, identification, identification_with,
    needs_list,
};
pub use latent::{InferredNeed, Lacking, LatentRule, Who, check_rules, default_rules, infer_needs};
pub use package::package_needs;
pub use risk::{RiskFlag, RiskReason, risk_flags};
