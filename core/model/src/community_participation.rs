//! The participation records a community keeps: activities with their attendees, and
//! complaints and suggestions. Insertion checks every field and reference and changes nothing
//! on error.

use std::collections::btree_map::Entry;

use crate::error::{ModelError, RecordRef};
use crate::{
    Activity, ActivityId, CategoryCode, Community, Feedback, FeedbackId, ProviderId, ResidentId,
    Subject,
};

impl Community {
    /// Records an activity: its organiser, category and attendees must exist.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::*;
    /// let at = |h| NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(h, 0, 0).unwrap();
    /// let mut c = Community::new("x");
    /// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1960, 1, 1).unwrap(),
    ///                              GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1))).unwrap();
    /// let meeting = Activity::new(ActivityId(1), ActivityKind::Meeting, at(19), at(21));
    /// c.add_activity(meeting.clone().with_attendees([ResidentId(1)])).unwrap();
    /// let e = c.add_activity(Activity { id: ActivityId(2), ..meeting.with_attendees([ResidentId(9)]) }).unwrap_err();
    /// assert_eq!(e.to_string(), "activity#2: field `attendees[0]` refers to unknown resident#9");
    /// ```
    pub fn add_activity(&mut self, activity: Activity) -> Result<(), ModelError> {
        activity.check()?;
        let record = RecordRef::Activity(activity.id);
        if let Some(p) = activity.organiser {
            self.check_provider_ref(&record, "organiser", p)?;
        }
        if let Some(c) = &activity.category {
            self.check_category_ref(&record, "category", c)?;
        }
        for (i, r) in activity.attendees.iter().enumerate() {
            self.check_resident_ref(&record, &format!("attendees[{i}]"), *r)?;
        }
        match self.activities.entry(activity.id) {
            Entry::Occupied(_) => Err(ModelError::DuplicateId { record }),
            Entry::Vacant(v) => {
                v.insert(activity);
                Ok(())
            }
        }
    }

    /// Records a complaint or suggestion: its resident, category and subject must exist.
    pub fn add_feedback(&mut self, feedback: Feedback) -> Result<(), ModelError> {
        feedback.check()?;
        let record = RecordRef::Feedback(feedback.id);
        if let Some(r) = feedback.resident {
            self.check_resident_ref(&record, "resident", r)?;
        }
        if let Some(c) = &feedback.category {
            self.check_category_ref(&record, "category", c)?;
        }
        match feedback.subject {
            Some(Subject::Service(s) | Subject::Facility(s)) if self.service(s).is_none() => {
                return Err(ModelError::UnknownReference {
                    record,
                    field: "subject".into(),
                    target: RecordRef::Service(s),
                });
            }
            Some(Subject::Provider(p)) => self.check_provider_ref(&record, "subject", p)?,
            _ => {}
        }
        match self.feedback.entry(feedback.id) {
            Entry::Occupied(_) => Err(ModelError::DuplicateId { record }),
            Entry::Vacant(v) => {
                v.insert(feedback);
                Ok(())
            }
        }
    }

    /// Replaces a complaint or suggestion (answered, closed, its outcome), checked like a new
    /// one; a refused update changes nothing.
    pub fn update_feedback(&mut self, feedback: Feedback) -> Result<(), ModelError> {
        let id = feedback.id;
        let old = self.feedback.remove(&id).ok_or(ModelError::NotFound {
            record: RecordRef::Feedback(id),
        })?;
        self.add_feedback(feedback).inspect_err(|_| {
            self.feedback.insert(id, old);
        })
    }

    fn check_resident_ref(
        &self,
        record: &RecordRef,
        field: &str,
        resident: ResidentId,
    ) -> Result<(), ModelError> {
        if self.residents.contains_key(&resident) {
            Ok(())
        } else {
            Err(ModelError::UnknownReference {
                record: record.clone(),
                field: field.into(),
                target: RecordRef::Resident(resident),
            })
        }
    }

    fn check_provider_ref(
        &self,
        record: &RecordRef,
        field: &str,
        provider: ProviderId,
    ) -> Result<(), ModelError> {
        if self.provider(provider).is_some() {
            Ok(())
        } else {
            Err(ModelError::UnknownReference {
                record: record.clone(),
                field: field.into(),
                target: RecordRef::Provider(provider),
            })
        }
    }

    fn check_category_ref(
        &self,
        record: &RecordRef,
        field: &str,
        category: &CategoryCode,
    ) -> Result<(), ModelError> {
        if self.taxonomy().contains(category) {
            Ok(())
        } else {
            Err(ModelError::UnknownCategory {
                record: record.clone(),
                field: field.into(),
                code: category.as_str().to_owned(),
            })
        }
    }

    /// An activity by id.
    pub fn activity(&self, id: ActivityId) -> Option<&Activity> {
        self.activities.get(&id)
    }

    /// Every activity, in id order.
    pub fn activities(&self) -> impl ExactSizeIterator<Item = &Activity> {
        self.activities.values()
    }

    /// A complaint or suggestion by id.
    pub fn feedback(&self, id: FeedbackId) -> Option<&Feedback> {
        self.feedback.get(&id)
    }

    /// Every complaint and suggestion, in id order.
    pub fn all_feedback(&self) -> impl ExactSizeIterator<Item = &Feedback> {
        self.feedback.values()
    }
}
