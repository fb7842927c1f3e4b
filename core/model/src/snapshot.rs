//! The JSON snapshot of a whole community (load and save).
//!
//! # Format (version 1)
//!
//! One JSON object. Times are local ISO-8601 without offset (`2026-11-24T09:00:00`), dates are
//! `YYYY-MM-DD`, weekdays are `Mon`…`Sun`, times of day `HH:MM:SS`. Records are arrays ordered by
//! id. Optional fields may be left out. `categories` holds only the categories added to the
//! built-in taxonomy. See `examples/community.json` in the repository for a complete example.
//!
//! ```json
//! {
//!   "format": "huzhu.community",
//!   "version": 1,
//!   "name": "Demo street",
//!   "calendar": {"weekend": ["Sat", "Sun"], "holidays": ["2026-10-01"], "make_up_days": []},
//!   "deadlines": {"emergency": {"minutes": 120}, "special_group": {"minutes": 1440},
//!                 "general": {"minutes": 1440}, "complex": {"working_days": 3}},
//!   "walking": {"metres_per_minute": 80},
//!   "categories": [],
//!   "providers": [{"id": 1, "name": "Canteen", "kind": "canteen"}],
//!   "residents": [{"id": 1, "birth_date": "1948-05-01", "household": "lives_alone",
//!                  "self_care": "partial", "home": {"lat": 31.2, "lon": 121.5}, "grid": 1,
//!                  "groups": ["elderly_living_alone"]}],
//!   "volunteers": [], "services": [], "needs": [],
//!   "subsidy": {"aged_from": 80},
//!   "workers": [{"id": 1, "name": "Li Hua", "role": "grid_worker", "grids": [1]}],
//!   "care_files": [{"resident": 1, "opened": "2026-11-02", "worker": 1, "risk": "medium",
//!                   "assessment": {"date": "2026-11-02", "assessor": "worker#1",
//!                                  "self_care": "partial", "health_risks": ["falls"]},
//!                   "package": [{"category": "elder.meals", "every": "daily",
//!                                "from": "11:00:00", "until": "13:00:00", "duration_minutes": 30}]}],
//!   "contacts": [{"id": 1, "resident": 1, "worker": 1, "at": "2026-11-20T10:00:00", "kind": "visit"}],
//!   "activities": [{"id": 1, "kind": "meeting", "start": "2026-11-24T19:00:00",
//!                   "end": "2026-11-24T21:00:00", "attendees": [1]}],
//!   "feedback": [{"id": 1, "kind": "suggestion", "resident": 1,
//!                 "received": "2026-11-02T09:00:00"}]
//! }
//! ```

use super::{
    CareFile, Category, Community, Contact, DeadlinePolicy, Need, Provider, Resident, Service,
    SubsidyPolicy, Taxonomy, Volunteer, WalkingSpeed, Worker, WorkingCalendar,
};
use crate::error::{FieldProblem, ModelError, RecordRef};

/// The `format` tag of a community snapshot.
pub const SNAPSHOT_FORMAT: &str = "huzhu.community";
/// The snapshot version this library writes and reads.
pub const SNAPSHOT_VERSION: u32 = 1;

/// A community as plain data, in the shape of the JSON snapshot. Turn it into a validated
/// [`Community`] with [`Community::from_snapshot`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Always [`SNAPSHOT_FORMAT`].
    pub format: String,
    /// Always [`SNAPSHOT_VERSION`].
    pub version: u32,
    /// Community name.
    pub name: String,
    /// Working-day calendar.
    #[serde(default)]
    pub calendar: WorkingCalendar,
    /// Deadline policy.
    #[serde(default)]
    pub deadlines: DeadlinePolicy,
    /// Walking speed.
    #[serde(default)]
    pub walking: WalkingSpeed,
    /// Categories added to the built-in taxonomy.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Providers.
    #[serde(default)]
    pub providers: Vec<Provider>,
    /// Residents.
    #[serde(default)]
    pub residents: Vec<Resident>,
    /// Volunteers.
    #[serde(default)]
    pub volunteers: Vec<Volunteer>,
    /// Services.
    #[serde(default)]
    pub services: Vec<Service>,
    /// Needs.
    #[serde(default)]
    pub needs: Vec<Need>,
    /// Who gets free service.
    #[serde(default)]
    pub subsidy: SubsidyPolicy,
    /// Workers who keep care files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workers: Vec<Worker>,
    /// Care files, one per resident.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub care_files: Vec<CareFile>,
    /// The contact log.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// Activities and deliberation with their attendees.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<crate::Activity>,
    /// Complaints and suggestions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<crate::Feedback>,
}

impl Community {
    /// Loads a community from its JSON snapshot, validating every record.
    ///
    /// ```
    /// use huzhu::model::Community;
    /// let json = r#"{"format": "huzhu.community", "version": 1, "name": "Empty"}"#;
    /// let c = Community::from_json(json).unwrap();
    /// assert_eq!(c.name(), "Empty");
    /// let bad = r#"{"format": "huzhu.community", "version": 1, "name": "X",
    ///   "residents": [{"id": 1, "birth_date": "1950-01-01", "household": "lives_alone",
    ///   "self_care": "full", "home": {"lat": 91.0, "lon": 0.0}, "grid": 1}]}"#;
    /// let err = Community::from_json(bad).unwrap_err();
    /// assert_eq!(err.to_string(), "resident#1: field `home.lat` value 91 is outside -90..=90");
    /// ```
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        let snapshot: Snapshot = crate::json::from_str(json, "")?;
        Self::from_snapshot(snapshot)
    }

    /// Saves the community as a pretty-printed JSON snapshot. Loading it back gives an equal
    /// community.
    ///
    /// ```
    /// use huzhu::model::Community;
    /// let c = Community::new("Demo");
    /// assert_eq!(Community::from_json(&c.to_json()).unwrap(), c);
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_snapshot())
            .expect("a snapshot of plain data always serialises")
    }

    /// Builds a validated community from plain data. Records are added providers first, then
    /// residents, volunteers, services, needs, workers, care files and contacts, so references
    /// may point backwards only in that order.
    pub fn from_snapshot(snapshot: Snapshot) -> Result<Self, ModelError> {
        if snapshot.format != SNAPSHOT_FORMAT {
            return Err(ModelError::invalid(
                RecordRef::Snapshot,
                "format",
                FieldProblem::Invalid {
                    why: format!("expected {SNAPSHOT_FORMAT:?}, found {:?}", snapshot.format),
                },
            ));
        }
        if snapshot.version != SNAPSHOT_VERSION {
            return Err(ModelError::UnsupportedVersion {
                found: snapshot.version,
                expected: SNAPSHOT_VERSION,
            });
        }
        super::taxonomy::check_text(
            &RecordRef::Snapshot,
            "name",
            &snapshot.name,
            super::taxonomy::MAX_LABEL,
        )?;
        let mut taxonomy = Taxonomy::default();
        for c in snapshot.categories {
            taxonomy.add(c)?;
        }
        let mut community = Self::with_taxonomy(&snapshot.name, taxonomy);
        community.set_calendar(snapshot.calendar);
        community.set_deadlines(snapshot.deadlines);
        community.set_walking(snapshot.walking)?;
        community.set_subsidy(snapshot.subsidy);
        for p in snapshot.providers {
            community.add_provider(p)?;
        }
        for r in snapshot.residents {
            community.add_resident(r)?;
        }
        for v in snapshot.volunteers {
            community.add_volunteer(v)?;
        }
        for s in snapshot.services {
            community.add_service(s)?;
        }
        for n in snapshot.needs {
            community.add_need(n)?;
        }
        for w in snapshot.workers {
            community.add_worker(w)?;
        }
        for f in snapshot.care_files {
            community.add_care_file(f)?;
        }
        for c in snapshot.contacts {
            community.add_contact(c)?;
        }
        for a in snapshot.activities {
            community.add_activity(a)?;
        }
        for f in snapshot.feedback {
            community.add_feedback(f)?;
        }
        Ok(community)
    }

    /// The community as plain data.
    pub fn to_snapshot(&self) -> Snapshot {
        Snapshot {
            format: SNAPSHOT_FORMAT.to_owned(),
            version: SNAPSHOT_VERSION,
            name: self.name().to_owned(),
            calendar: self.calendar().clone(),
            deadlines: *self.deadlines(),
            walking: self.walking(),
            categories: self.taxonomy().user_categories(),
            providers: self.providers().cloned().collect(),
            residents: self.residents().cloned().collect(),
            volunteers: self.volunteers().cloned().collect(),
            services: self.services().cloned().collect(),
            needs: self.needs().cloned().collect(),
            subsidy: *self.subsidy(),
            workers: self.workers().cloned().collect(),
            care_files: self.care_files().cloned().collect(),
            contacts: self.contacts().cloned().collect(),
            activities: self.activities().cloned().collect(),
            feedback: self.all_feedback().cloned().collect(),
        }
    }
}
