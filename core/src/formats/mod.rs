//! The field's formats: Open Referral HSDS service directories in, GeoJSON out, and (behind the
//! `rrule-full` feature) full RFC 5545 recurrence rules.
//!
//! Everything here is pure: importers take text or parsed values, never paths, and produce
//! deterministic output.

pub mod geojson;
pub mod hsds;
#[cfg(feature = "rrule-full")]
pub mod rrule_full;
