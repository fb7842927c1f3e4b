//! A community: every record, indexed by id, with its policies. All insertion validates.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use chrono::NaiveDateTime;

use super::{
    CareFile, CategoryCode, Contact, ContactId, DeadlinePolicy, GeoPoint, Need, NeedId, NeedPlace,
    NeedStatus, PreferenceKind, Provider, ProviderId, Resident, ResidentId, Service, ServiceId,
    SubsidyPolicy, Taxonomy, Volunteer, VolunteerId, WalkingSpeed, Worker, WorkerId,
    WorkingCalendar,
};
use crate::error::{FieldProblem, ModelError, RecordRef};

/// Everything huzhu knows about one community: residents, needs, volunteers, providers and
/// services, the taxonomy, the working-day calendar, deadline policy and walking speed.
///
/// Records are kept in id order, so every iteration is deterministic. Every `add_*` checks the
/// record's fields and references and changes nothing on error.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// let mut c = Community::new("Demo street");
/// let home = GeoPoint { lat: 31.2, lon: 121.5 };
/// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1948, 5, 1).unwrap(), home, GridId(1))).unwrap();
/// let at = |h| NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let need = Need::new(NeedId(1), ResidentId(1), "elder.meals".into(), at(8), TimeWindow::new(at(11), at(13)).unwrap(), 30);
/// c.add_need(need.clone()).unwrap();
/// // A second need with the same id is rejected, naming the record.
/// assert_eq!(c.add_need(need).unwrap_err().to_string(), "need#1: duplicate id");
/// // A need for a resident who does not exist is rejected too.
/// let orphan = Need::new(NeedId(2), ResidentId(9), "elder.meals".into(), at(8), TimeWindow::new(at(11), at(13)).unwrap(), 30);
/// assert!(c.add_need(orphan).is_err());
/// assert_eq!(c.needs().count(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Community {
    name: String,
    taxonomy: Taxonomy,
    calendar: WorkingCalendar,
    deadlines: DeadlinePolicy,
    walking: WalkingSpeed,
    providers: BTreeMap<ProviderId, Provider>,
    pub(crate) residents: BTreeMap<ResidentId, Resident>,
    volunteers: BTreeMap<VolunteerId, Volunteer>,
    services: BTreeMap<ServiceId, Service>,
    needs: BTreeMap<NeedId, Need>,
    needs_by_resident: BTreeMap<ResidentId, Vec<NeedId>>,
    subsidy: SubsidyPolicy,
    pub(crate) workers: BTreeMap<WorkerId, Worker>,
    pub(crate) care_files: BTreeMap<ResidentId, CareFile>,
    pub(crate) contacts: BTreeMap<ContactId, Contact>,
    pub(crate) activities: BTreeMap<crate::ActivityId, crate::Activity>,
    pub(crate) feedback: BTreeMap<crate::FeedbackId, crate::Feedback>,
}

impl Community {
    /// An empty community with the default taxonomy, calendar and policies.
    pub fn new(name: &str) -> Self {
        Self::with_taxonomy(name, Taxonomy::default())
    }

    /// An empty community with the given taxonomy.
    pub fn with_taxonomy(name: &str, taxonomy: Taxonomy) -> Self {
        Self {
            name: name.to_owned(),
            taxonomy,
            calendar: WorkingCalendar::default(),
            deadlines: DeadlinePolicy::default(),
            walking: WalkingSpeed::default(),
            providers: BTreeMap::new(),
            residents: BTreeMap::new(),
            volunteers: BTreeMap::new(),
            services: BTreeMap::new(),
            needs: BTreeMap::new(),
            needs_by_resident: BTreeMap::new(),
            subsidy: SubsidyPolicy::default(),
            workers: BTreeMap::new(),
            care_files: BTreeMap::new(),
            contacts: BTreeMap::new(),
            activities: BTreeMap::new(),
            feedback: BTreeMap::new(),
        }
    }

    /// The community's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The taxonomy.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The taxonomy, to add categories.
    pub fn taxonomy_mut(&mut self) -> &mut Taxonomy {
        &mut self.taxonomy
    }

    /// The working-day calendar.
    pub fn calendar(&self) -> &WorkingCalendar {
        &self.calendar
    }

    /// Replaces the working-day calendar.
    pub fn set_calendar(&mut self, calendar: WorkingCalendar) {
        self.calendar = calendar;
    }

    /// The deadline policy.
    pub fn deadlines(&self) -> &DeadlinePolicy {
        &self.deadlines
    }

    /// Replaces the deadline policy.
    pub fn set_deadlines(&mut self, deadlines: DeadlinePolicy) {
        self.deadlines = deadlines;
    }

    /// Who gets free service (the documents' subsidy classes).
    pub fn subsidy(&self) -> &SubsidyPolicy {
        &self.subsidy
    }

    /// Replaces the subsidy policy.
    pub fn set_subsidy(&mut self, subsidy: SubsidyPolicy) {
        self.subsidy = subsidy;
    }

    /// The walking speed.
    pub fn walking(&self) -> WalkingSpeed {
        self.walking
    }

    /// Replaces the walking speed; it must be positive.
    pub fn set_walking(&mut self, walking: WalkingSpeed) -> Result<(), ModelError> {
        if walking.metres_per_minute == 0 {
            return Err(ModelError::invalid(
                RecordRef::Snapshot,
                "walking.metres_per_minute",
                FieldProblem::NotPositive,
            ));
        }
        self.walking = walking;
        Ok(())
    }

    /// Adds a provider organisation.
    pub fn add_provider(&mut self, provider: Provider) -> Result<(), ModelError> {
        provider.check()?;
        if self.providers.contains_key(&provider.id) {
            return Err(ModelError::DuplicateId {
                record: RecordRef::Provider(provider.id),
            });
        }
        self.providers.insert(provider.id, provider);
        Ok(())
    }

    /// Adds a resident.
    #[inline]
    pub fn add_resident(&mut self, resident: Resident) -> Result<(), ModelError> {
        resident.check()?;
        match self.residents.entry(resident.id) {
            Entry::Occupied(_) => Err(ModelError::DuplicateId {
                record: RecordRef::Resident(resident.id),
            }),
            Entry::Vacant(slot) => {
                slot.insert(resident);
                Ok(())
            }
        }
    }

    /// Adds a volunteer; its resident record, if named, must exist.
    #[inline]
    pub fn add_volunteer(&mut self, volunteer: Volunteer) -> Result<(), ModelError> {
        volunteer.check()?;
        let record = RecordRef::Volunteer(volunteer.id);
        if self.volunteers.contains_key(&volunteer.id) {
            return Err(ModelError::DuplicateId { record });
        }
        if let Some(r) = volunteer.resident
            && !self.residents.contains_key(&r)
        {
            return Err(ModelError::UnknownReference {
                record,
                field: "resident".into(),
                target: RecordRef::Resident(r),
            });
        }
        self.volunteers.insert(volunteer.id, volunteer);
        Ok(())
    }

    /// Adds a service; its provider and categories must exist.
    pub fn add_service(&mut self, service: Service) -> Result<(), ModelError> {
        service.check()?;
        let record = RecordRef::Service(service.id);
        if self.services.contains_key(&service.id) {
            return Err(ModelError::DuplicateId { record });
        }
        if !self.providers.contains_key(&service.provider) {
            return Err(ModelError::UnknownReference {
                record,
                field: "provider".into(),
                target: RecordRef::Provider(service.provider),
            });
        }
        for (i, c) in service.categories.iter().enumerate() {
            self.check_category(&record, &format!("categories[{i}]"), c)?;
        }
        self.services.insert(service.id, service);
        Ok(())
    }

    /// Adds a need; its resident, category and any volunteers it names must exist.
    #[inline]
    pub fn add_need(&mut self, need: Need) -> Result<(), ModelError> {
        need.check()?;
        let record = RecordRef::Need(need.id);
        if self.needs.contains_key(&need.id) {
            return Err(ModelError::DuplicateId { record });
        }
        if !self.residents.contains_key(&need.resident) {
            return Err(ModelError::UnknownReference {
                record,
                field: "resident".into(),
                target: RecordRef::Resident(need.resident),
            });
        }
        self.check_category(&record, "category", &need.category)?;
        for (i, p) in need.preferences.iter().enumerate() {
            if let PreferenceKind::PreferredVolunteer(v) = p.kind {
                self.check_volunteer_ref(&record, &format!("preferences[{i}].value"), v)?;
            }
        }
        for (i, v) in need.excluded_volunteers.iter().enumerate() {
            self.check_volunteer_ref(&record, &format!("excluded_volunteers[{i}]"), *v)?;
        }
        self.needs_by_resident
            .entry(need.resident)
            .or_default()
            .push(need.id);
        self.needs.insert(need.id, need);
        Ok(())
    }

    pub(crate) fn check_category(
        &self,
        record: &RecordRef,
        field: &str,
        code: &CategoryCode,
    ) -> Result<(), ModelError> {
        if self.taxonomy.contains(code) {
            Ok(())
        } else {
            Err(ModelError::UnknownCategory {
                record: record.clone(),
                field: field.into(),
                code: code.0.clone(),
            })
        }
    }

    fn check_volunteer_ref(
        &self,
        record: &RecordRef,
        field: &str,
        id: VolunteerId,
    ) -> Result<(), ModelError> {
        if self.volunteers.contains_key(&id) {
            Ok(())
        } else {
            Err(ModelError::UnknownReference {
                record: record.clone(),
                field: field.into(),
                target: RecordRef::Volunteer(id),
            })
        }
    }

    /// Moves a need along its lifecycle (see [`NeedStatus::can_become`]).
    pub fn set_need_status(&mut self, id: NeedId, to: NeedStatus) -> Result<(), ModelError> {
        self.needs
            .get_mut(&id)
            .ok_or(ModelError::NotFound {
                record: RecordRef::Need(id),
            })?
            .set_status(to)
    }

    /// Moves a need along its lifecycle at `at`, by `by` (a worker, a helper, `"matcher"`), and
    /// keeps the step in its status history for publishing progress; a refused step changes
    /// nothing (see [`Need::record_status`]).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::*;
    /// let at = |h| NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(h, 0, 0).unwrap();
    /// let mut c = Community::new("x");
    /// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1940, 1, 1).unwrap(),
    ///                              GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1))).unwrap();
    /// c.add_need(Need::new(NeedId(1), ResidentId(1), "elder.meals".into(), at(8),
    ///                      TimeWindow::new(at(11), at(13)).unwrap(), 30)).unwrap();
    /// c.record_need_status(NeedId(1), NeedStatus::Matched, at(9), "matcher").unwrap();
    /// assert!(c.record_need_status(NeedId(1), NeedStatus::Done, at(7), "volunteer#3").is_err());
    /// let n = c.need(NeedId(1)).unwrap();
    /// assert_eq!((n.status, n.history.len()), (NeedStatus::Matched, 1));
    /// ```
    pub fn record_need_status(
        &mut self,
        id: NeedId,
        to: NeedStatus,
        at: NaiveDateTime,
        by: impl Into<String>,
    ) -> Result<(), ModelError> {
        self.needs
            .get_mut(&id)
            .ok_or(ModelError::NotFound {
                record: RecordRef::Need(id),
            })?
            .record_status(to, at, by)
    }

    /// Records whether a worker confirmed an inferred need (the measure of identification
    /// accuracy).
    pub fn confirm_need(&mut self, id: NeedId, confirmed: bool) -> Result<(), ModelError> {
        self.needs
            .get_mut(&id)
            .ok_or(ModelError::NotFound {
                record: RecordRef::Need(id),
            })?
            .confirmed = Some(confirmed);
        Ok(())
    }

    /// Removes a need and returns it.
    pub fn remove_need(&mut self, id: NeedId) -> Result<Need, ModelError> {
        let need = self.needs.remove(&id).ok_or(ModelError::NotFound {
            record: RecordRef::Need(id),
        })?;
        if let Some(list) = self.needs_by_resident.get_mut(&need.resident) {
            list.retain(|n| *n != id);
        }
        Ok(need)
    }

    /// Removes a volunteer that no need names.
    pub fn remove_volunteer(&mut self, id: VolunteerId) -> Result<Volunteer, ModelError> {
        if !self.volunteers.contains_key(&id) {
            return Err(ModelError::NotFound {
                record: RecordRef::Volunteer(id),
            });
        }
        if let Some(need) = self.needs.values().find(|n| {
            n.excluded_volunteers.contains(&id)
                || n.preferences
                    .iter()
                    .any(|p| p.kind == PreferenceKind::PreferredVolunteer(id))
        }) {
            return Err(ModelError::invalid(
                RecordRef::Volunteer(id),
                "id",
                FieldProblem::Invalid {
                    why: format!("still named by {}", need.id),
                },
            ));
        }
        Ok(self.volunteers.remove(&id).expect("checked above"))
    }

    /// A resident by id.
    pub fn resident(&self, id: ResidentId) -> Option<&Resident> {
        self.residents.get(&id)
    }

    /// A need by id.
    pub fn need(&self, id: NeedId) -> Option<&Need> {
        self.needs.get(&id)
    }

    /// A volunteer by id.
    pub fn volunteer(&self, id: VolunteerId) -> Option<&Volunteer> {
        self.volunteers.get(&id)
    }

    /// A service by id.
    pub fn service(&self, id: ServiceId) -> Option<&Service> {
        self.services.get(&id)
    }

    /// A provider by id.
    pub fn provider(&self, id: ProviderId) -> Option<&Provider> {
        self.providers.get(&id)
    }

    /// Residents in id order.
    pub fn residents(&self) -> impl ExactSizeIterator<Item = &Resident> {
        self.residents.values()
    }

    /// Needs in id order.
    pub fn needs(&self) -> impl ExactSizeIterator<Item = &Need> {
        self.needs.values()
    }

    /// Volunteers in id order.
    pub fn volunteers(&self) -> impl ExactSizeIterator<Item = &Volunteer> {
        self.volunteers.values()
    }

    /// Services in id order.
    pub fn services(&self) -> impl ExactSizeIterator<Item = &Service> {
        self.services.values()
    }

    /// Providers in id order.
    pub fn providers(&self) -> impl ExactSizeIterator<Item = &Provider> {
        self.providers.values()
    }

    /// The needs of one resident, in the order they were added.
    pub fn needs_of(&self, resident: ResidentId) -> impl Iterator<Item = &Need> {
        self.needs_by_resident
            .get(&resident)
            .into_iter()
            .flatten()
            .filter_map(|id| self.needs.get(id))
    }

    /// Where a need is served: the resident's home or the need's own place.
    #[inline]
    pub fn need_location(&self, need: &Need) -> Option<GeoPoint> {
        match need.place {
            NeedPlace::At { point } => Some(point),
            NeedPlace::Home => self.residents.get(&need.resident).map(|r| r.home),
        }
    }

    /// The response deadline of a need under the community's policy and calendar: by its
    /// urgency class, and within 24 h (by default) for a special-group resident's need in a
    /// care area (medical help, daily care, emotional support), however it is classed.
    pub fn deadline_of(&self, need: &Need) -> Option<NaiveDateTime> {
        let special = self
            .residents
            .get(&need.resident)
            .is_some_and(Resident::is_priority);
        let care = self
            .taxonomy
            .get(&need.category)
            .is_some_and(|c| c.care_area.is_some());
        if special && care {
            self.deadlines.special_group_care_deadline(
                need.created_at,
                need.urgency,
                &self.calendar,
            )
        } else {
            self.deadlines
                .deadline(need.created_at, need.urgency, &self.calendar)
        }
    }
}
