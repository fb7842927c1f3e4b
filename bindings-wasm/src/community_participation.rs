//! The community's participation records: activities and deliberation (meetings, hearings,
//! consultations, interest groups, volunteer events…) with their attendees, and the residents'
//! complaints and suggestions with their handling times and outcome. Every record is read and
//! checked by the core (`Community::add_activity`, `add_feedback`, `update_feedback`): a
//! refusal names the record (`activity#2`, `feedback#5`) and the field, and changes nothing.
//! What follows from them (participation by group, answer times, repeat complaints,
//! suggestions adopted, organisations' dormancy) is in the `participation` module (the
//! `scoring` feature).

use huzhu::model::ActivityId;
use wasm_bindgen::prelude::*;

use crate::community::{JsCommunity, list, opt};
use crate::convert::number;
use crate::convert::{id32, record_from_js};
use crate::error::Failure;
use crate::types::TsNumber;
use crate::types::{TsActivities, TsActivity, TsActivityOrUndefined, TsFeedback, TsFeedbackList};

#[wasm_bindgen(js_class = Community)]
impl JsCommunity {
    /// Records an activity: `{id, kind, start, end, organiser?, category?, place?, grid?,
    /// attendees?}`; its organiser (a provider), category and attendees must exist, each
    /// attendee listed once, and it must end after it starts.
    #[wasm_bindgen(js_name = addActivity)]
    pub fn add_activity(&mut self, activity: &TsActivity) -> Result<(), JsValue> {
        let a = record_from_js(activity, "activity")?;
        self.records_mut().add_activity(a).map_err(Failure::from)?;
        Ok(())
    }

    /// Records a complaint or suggestion: its resident, category and subject (a service,
    /// provider or facility) must exist; answered and closed not before received, an outcome
    /// only once closed and one that fits the kind (complaints are upheld or dismissed,
    /// suggestions adopted or not).
    #[wasm_bindgen(js_name = addFeedback)]
    pub fn add_feedback(&mut self, feedback: &TsFeedback) -> Result<(), JsValue> {
        let f = record_from_js(feedback, "feedback")?;
        self.records_mut().add_feedback(f).map_err(Failure::from)?;
        Ok(())
    }

    /// Replaces a complaint or suggestion (answered, closed, its outcome), checked like a new
    /// one; it must exist (`MODEL_NOT_FOUND`).
    #[wasm_bindgen(js_name = updateFeedback)]
    pub fn update_feedback(&mut self, feedback: &TsFeedback) -> Result<(), JsValue> {
        let f = record_from_js(feedback, "feedback")?;
        self.records_mut()
            .update_feedback(f)
            .map_err(Failure::from)?;
        Ok(())
    }

    /// An activity by id.
    pub fn activity(&self, id: &TsNumber) -> Result<TsActivityOrUndefined, JsValue> {
        let id = number(id, "id")?;
        let id = ActivityId(id32(id, "id")?);
        Ok(opt(self.inner.activity(id))?.unchecked_into())
    }

    /// Every activity, by id.
    pub fn activities(&self) -> Result<TsActivities, JsValue> {
        Ok(list(self.inner.activities())?.unchecked_into())
    }

    /// Every complaint and suggestion, by id.
    pub fn feedback(&self) -> Result<TsFeedbackList, JsValue> {
        Ok(list(self.inner.all_feedback())?.unchecked_into())
    }
}
