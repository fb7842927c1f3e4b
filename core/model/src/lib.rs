//! The domain model: residents, needs, services, volunteers, taxonomy, places and time.
//!
//! Records are plain structs with public fields; a [`Community`] holds them, checks every field
//! and reference on insertion, and loads and saves the whole as a JSON snapshot.
//!
//! It also owns the boundary vocabulary every surface shares: the labels of ids and the local
//! date-time rule ([`text`]) and reading JSON with errors that name the path (`json`).
//!
//! This crate is re-exported as `huzhu::model` (its [`error`] items are in `huzhu::error`); use
//! it through `huzhu`. It is a crate of its own so that the browser package can build the matcher
//! and the generator, which sit on top of it, for speed and the rest for size.

pub mod error;

// Not API: shared with the other huzhu crates and the bindings, which build one copy of it.
#[doc(hidden)]
pub mod cold;

mod calendar;
mod care;
mod community;
mod community_care;
mod community_participation;
mod ids;
#[cfg(feature = "serde")]
pub mod json;
mod need;
mod participation;
mod place;
mod recurrence;
mod resident;
mod schedule;
mod service;
#[cfg(feature = "serde")]
mod snapshot;
mod taxonomy;
pub mod text;
mod volunteer;

pub use calendar::{DeadlinePolicy, ResponseTime, Urgency, WorkingCalendar};
pub use care::{
    Assessment, Cadence, CareFile, Contact, ContactKind, ContactPlan, ContactPolicy, PackageItem,
    RiskLevel, Worker, WorkerRole,
};
pub use community::Community;
pub use ids::{
    ActivityId, ContactId, FeedbackId, GridId, HelperId, NeedId, ProviderId, ResidentId, ServiceId,
    VolunteerId, WorkerId,
};
pub use need::{
    IntakeChannel, MAX_DURATION_MINUTES, Need, NeedPlace, NeedStatus, Preference, PreferenceKind,
    StatusChange, Strength,
};
pub use participation::{Activity, ActivityKind, Feedback, FeedbackKind, FeedbackOutcome, Subject};
pub use place::{EARTH_RADIUS_M, GeoPoint, WalkingSpeed};
#[doc(hidden)]
pub use recurrence::parse_ical_until as recurrence_until;
pub use recurrence::{
    Frequency, MAX_UTC_OFFSET_MINUTES, Recurrence, RecurringSchedule, WeekdayNum,
    parse_weekday_code, weekday_code,
};
pub use resident::{
    Gender, Household, Occupation, Resident, SelfCare, SpecialGroup, SpecialGroups, SubsidyClass,
    SubsidyPolicy,
};
pub use schedule::{TimeWindow, WeeklySchedule, WeeklySlot};
pub use service::{
    Eligibility, Fee, PRIORITY_STARS, Provider, ProviderKind, Service, ServiceMode, ServiceStatus,
    allocation_order,
};
#[cfg(feature = "serde")]
pub use snapshot::{SNAPSHOT_FORMAT, SNAPSHOT_VERSION, Snapshot};
pub use taxonomy::{CareArea, Category, CategoryCode, MAX_LABEL, NeedKind, Skill, Taxonomy};
pub use volunteer::{Certification, Volunteer, VolunteerTier};
