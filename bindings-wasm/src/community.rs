//! `Community`: the validated set of residents, needs, volunteers, services and providers.

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use std::sync::Arc;

use huzhu::error::{ModelError, RecordRef};
use huzhu::model::text::format_local_datetime;
use huzhu::model::{Community, NeedId, NeedStatus, ResidentId, ServiceId, VolunteerId};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{
    date_from_js, datetime_from_js, id32, json, pretty, record_from_js, text_arg, to_js,
};
use crate::convert::{need_id, number};
use crate::error::{Failure, Fallible};
#[cfg(feature = "hours")]
use crate::matching::hours_plan;
use crate::matching::{JsMatcher, plan_once};
#[cfg(feature = "hours")]
use crate::types::TsHoursOptions;
use crate::types::TsNumber;
use crate::types::{
    TsCounts, TsDate, TsDateTime, TsGeoPointOrUndefined, TsLocalDateTimeOrUndefined,
    TsMatchContextInput, TsMatchPlan, TsMatchPolicyInput, TsNeed, TsNeedOrUndefined, TsNeedStatus,
    TsNeeds, TsProvider, TsProviders, TsResident, TsResidentOrUndefined, TsResidents, TsService,
    TsServiceOrUndefined, TsServices, TsSnapshot, TsSubsidyClassOrUndefined, TsText, TsVolunteer,
    TsVolunteerOrUndefined, TsVolunteers,
};

/// A community: every record is checked on entry; errors name the record and field. Its care
/// records (workers, care files, the contact log) are added and read by the methods in
/// [`crate::community_care`].
///
/// Shared copy-on-write: `clone()`, `District.community` and every `Matcher` hold the same records
/// until one of the copies changes (`addResident`, `setNeedStatus`, …), which then copies them
/// first; so a copy costs nothing until it is changed, and a change is never seen through another
/// copy. (An `Arc` rather than an `Rc`: the core's `Matcher` shares a community through an `Arc`.)
#[wasm_bindgen(js_name = Community)]
pub struct JsCommunity {
    pub(crate) inner: Arc<Community>,
}

#[derive(Serialize)]
struct Counts {
    residents: usize,
    needs: usize,
    volunteers: usize,
    services: usize,
    providers: usize,
    workers: usize,
    care_files: usize,
    contacts: usize,
}

pub(crate) fn list<'a, T: Serialize + 'a>(items: impl Iterator<Item = &'a T>) -> Fallible<JsValue> {
    to_js(&items.collect::<Vec<_>>())
}

pub(crate) fn opt<T: Serialize>(item: Option<&T>) -> Fallible<JsValue> {
    item.map_or(Ok(JsValue::UNDEFINED), to_js)
}

/// A record looked up by id, or the core's `MODEL_NOT_FOUND` naming it.
fn found<T>(item: Option<T>, record: RecordRef) -> Fallible<T> {
    item.ok_or_else(|| ModelError::NotFound { record }.into())
}

impl JsCommunity {
    /// Wraps a community.
    pub fn wrap(community: Community) -> Self {
        JsCommunity {
            inner: Arc::new(community),
        }
    }

    /// Reads a snapshot from JSON text.
    pub fn parse(text: &str) -> Fallible<Community> {
        Community::from_json(text).map_err(Failure::from)
    }

    /// The records, to change: copied first if another `Community` shares them.
    pub fn records_mut(&mut self) -> &mut Community {
        Arc::make_mut(&mut self.inner)
    }
}

#[wasm_bindgen(js_class = Community)]
impl JsCommunity {
    /// An empty community with the built-in taxonomy.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] name: &JsValue,
    ) -> Result<JsCommunity, JsValue> {
        Ok(JsCommunity::wrap(Community::new(&text_arg(name, "name")?)))
    }

    /// Loads a community from its JSON snapshot text (format `huzhu.community`, version 1).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
    ) -> Result<JsCommunity, JsValue> {
        Ok(JsCommunity::wrap(Self::parse(&text_arg(text, "text")?)?))
    }

    /// Loads a community from a snapshot given as a plain object.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(snapshot: &TsSnapshot) -> Result<JsCommunity, JsValue> {
        let text = crate::convert::stringify(snapshot, "snapshot")?;
        Ok(JsCommunity::wrap(Self::parse(&text)?))
    }

    /// The JSON snapshot text, as the Rust core writes it.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        Ok(pretty(&json(&self.inner.to_snapshot())?))
    }

    /// The snapshot as a plain object.
    #[wasm_bindgen(js_name = toSnapshot)]
    pub fn to_snapshot(&self) -> Result<TsSnapshot, JsValue> {
        Ok(to_js(&self.inner.to_snapshot())?.unchecked_into())
    }

    /// The community's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// How many records of each kind.
    #[wasm_bindgen(getter)]
    pub fn counts(&self) -> Result<TsCounts, JsValue> {
        let c = &self.inner;
        Ok(to_js(&Counts {
            residents: c.residents().len(),
            needs: c.needs().len(),
            volunteers: c.volunteers().len(),
            services: c.services().len(),
            providers: c.providers().len(),
            workers: c.workers().len(),
            care_files: c.care_files().len(),
            contacts: c.contacts().len(),
        })?
        .unchecked_into())
    }

    /// Adds a resident (checked; the id must be new).
    #[wasm_bindgen(js_name = addResident)]
    pub fn add_resident(&mut self, resident: &TsResident) -> Result<(), JsValue> {
        let r = record_from_js(resident, "resident")?;
        self.records_mut().add_resident(r).map_err(Failure::from)?;
        Ok(())
    }

    /// Adds a need (checked; its resident and category must exist).
    #[wasm_bindgen(js_name = addNeed)]
    pub fn add_need(&mut self, need: &TsNeed) -> Result<(), JsValue> {
        let n = record_from_js(need, "need")?;
        self.records_mut().add_need(n).map_err(Failure::from)?;
        Ok(())
    }

    /// Adds a volunteer.
    #[wasm_bindgen(js_name = addVolunteer)]
    pub fn add_volunteer(&mut self, volunteer: &TsVolunteer) -> Result<(), JsValue> {
        let v = record_from_js(volunteer, "volunteer")?;
        self.records_mut().add_volunteer(v).map_err(Failure::from)?;
        Ok(())
    }

    /// Adds a service (its provider must exist).
    #[wasm_bindgen(js_name = addService)]
    pub fn add_service(&mut self, service: &TsService) -> Result<(), JsValue> {
        let s = record_from_js(service, "service")?;
        self.records_mut().add_service(s).map_err(Failure::from)?;
        Ok(())
    }

    /// Adds a provider.
    #[wasm_bindgen(js_name = addProvider)]
    pub fn add_provider(&mut self, provider: &TsProvider) -> Result<(), JsValue> {
        let p = record_from_js(provider, "provider")?;
        self.records_mut().add_provider(p).map_err(Failure::from)?;
        Ok(())
    }

    /// Moves a need along its lifecycle (`open` → `matched` → `in_progress` → `done`, …).
    #[wasm_bindgen(js_name = setNeedStatus)]
    pub fn set_need_status(
        &mut self,
        need: &TsNumber,
        status: &TsNeedStatus,
    ) -> Result<(), JsValue> {
        let need = number(need, "need")?;
        let id = need_id(need, "need")?;
        let status: NeedStatus = record_from_js(status, "status")?;
        self.records_mut()
            .set_need_status(id, status)
            .map_err(Failure::from)?;
        Ok(())
    }

    /// Moves a need along its lifecycle at `at` (a local time string or a `Date`), by `by` (a
    /// worker, a helper, `"matcher"`; default empty), and keeps the step in the need's status
    /// history for publishing progress. A step earlier than the last one is refused
    /// (`MODEL_INVALID_FIELD`, field `history[N].at`) and changes nothing.
    #[wasm_bindgen(js_name = recordNeedStatus)]
    pub fn record_need_status(
        &mut self,
        need: &TsNumber,
        status: &TsNeedStatus,
        at: &TsDateTime,
        by: Option<TsText>,
    ) -> Result<(), JsValue> {
        let need = number(need, "need")?;
        let id = need_id(need, "need")?;
        let status: NeedStatus = record_from_js(status, "status")?;
        let at = datetime_from_js(at, "at")?;
        let by = match by.as_deref() {
            Some(b) => text_arg(b, "by")?,
            None => String::new(),
        };
        self.records_mut()
            .record_need_status(id, status, at, by)
            .map_err(Failure::from)?;
        Ok(())
    }

    /// Records whether the resident or a worker confirmed an inferred need (what the
    /// identification accuracy counts).
    #[wasm_bindgen(js_name = confirmNeed)]
    pub fn confirm_need(
        &mut self,
        need: &TsNumber,
        #[wasm_bindgen(unchecked_param_type = "boolean")] confirmed: &JsValue,
    ) -> Result<(), JsValue> {
        let need = number(need, "need")?;
        let id = need_id(need, "need")?;
        let confirmed = confirmed
            .as_bool()
            .ok_or_else(|| Failure::invalid("confirmed", "expected a boolean"))?;
        self.records_mut()
            .confirm_need(id, confirmed)
            .map_err(Failure::from)?;
        Ok(())
    }

    /// Removes a need and returns it.
    #[wasm_bindgen(js_name = removeNeed)]
    pub fn remove_need(&mut self, need: &TsNumber) -> Result<TsNeed, JsValue> {
        let need = number(need, "need")?;
        let id = need_id(need, "need")?;
        let n = self.records_mut().remove_need(id).map_err(Failure::from)?;
        Ok(to_js(&n)?.unchecked_into())
    }

    /// A resident by id.
    pub fn resident(&self, id: &TsNumber) -> Result<TsResidentOrUndefined, JsValue> {
        let id = number(id, "id")?;
        let id = ResidentId(id32(id, "id")?);
        Ok(opt(self.inner.resident(id))?.unchecked_into())
    }

    /// A need by id.
    pub fn need(&self, id: &TsNumber) -> Result<TsNeedOrUndefined, JsValue> {
        let id = number(id, "id")?;
        let id = NeedId(id32(id, "id")?);
        Ok(opt(self.inner.need(id))?.unchecked_into())
    }

    /// A volunteer by id.
    pub fn volunteer(&self, id: &TsNumber) -> Result<TsVolunteerOrUndefined, JsValue> {
        let id = number(id, "id")?;
        let id = VolunteerId(id32(id, "id")?);
        Ok(opt(self.inner.volunteer(id))?.unchecked_into())
    }

    /// A service by id.
    pub fn service(&self, id: &TsNumber) -> Result<TsServiceOrUndefined, JsValue> {
        let id = number(id, "id")?;
        let id = ServiceId(id32(id, "id")?);
        Ok(opt(self.inner.service(id))?.unchecked_into())
    }

    /// Where a need is served (the resident's home unless the need names a place).
    #[wasm_bindgen(js_name = needLocation)]
    pub fn need_location(&self, id: &TsNumber) -> Result<TsGeoPointOrUndefined, JsValue> {
        let id = number(id, "id")?;
        let id = NeedId(id32(id, "id")?);
        let at = self
            .inner
            .need(id)
            .and_then(|n| self.inner.need_location(n));
        Ok(opt(at.as_ref())?.unchecked_into())
    }

    /// The subsidy class that gives a resident free service on `date` (`economic_hardship`,
    /// `special_contribution`, `aged_living_alone_dependent`: the documents' three), or
    /// `undefined` for everyone else, who pays the low-cost or paid price.
    #[wasm_bindgen(js_name = subsidyClass)]
    pub fn subsidy_class(
        &self,
        resident: &TsNumber,
        date: &TsDate,
    ) -> Result<TsSubsidyClassOrUndefined, JsValue> {
        let resident = number(resident, "resident")?;
        let id = ResidentId(id32(resident, "resident")?);
        let r = found(self.inner.resident(id), RecordRef::Resident(id))?;
        let date = date_from_js(date, "date")?;
        let class = r.subsidy_class(date, self.inner.subsidy());
        Ok(opt(class.as_ref())?.unchecked_into())
    }

    /// What a resident pays for a service on `date`, in fen: nothing where the service is
    /// `free_for_subsidised` and the resident in a subsidy class, else its fee with the
    /// care-card price or discount.
    #[wasm_bindgen(js_name = priceFor)]
    pub fn price_for(
        &self,
        service: &TsNumber,
        resident: &TsNumber,
        date: &TsDate,
    ) -> Result<u32, JsValue> {
        let service = number(service, "service")?;
        let resident = number(resident, "resident")?;
        let id = ServiceId(id32(service, "service")?);
        let s = found(self.inner.service(id), RecordRef::Service(id))?;
        let id = ResidentId(id32(resident, "resident")?);
        let r = found(self.inner.resident(id), RecordRef::Resident(id))?;
        let date = date_from_js(date, "date")?;
        Ok(s.price_for(r, date, self.inner.subsidy()))
    }

    /// A need's response deadline under the community's deadlines and calendar: by its urgency
    /// class, and within 24 hours (`deadlines.special_group_care`) for a special-group
    /// resident's need in a care area, however it is classed. `undefined` past the calendar.
    #[wasm_bindgen(js_name = deadlineOf)]
    pub fn deadline_of(&self, need: &TsNumber) -> Result<TsLocalDateTimeOrUndefined, JsValue> {
        let need = number(need, "need")?;
        let id = need_id(need, "need")?;
        let n = found(self.inner.need(id), RecordRef::Need(id))?;
        let at = self.inner.deadline_of(n).map(format_local_datetime);
        Ok(opt(at.as_ref())?.unchecked_into())
    }

    /// All residents, by id.
    pub fn residents(&self) -> Result<TsResidents, JsValue> {
        Ok(list(self.inner.residents())?.unchecked_into())
    }

    /// All needs, by id.
    pub fn needs(&self) -> Result<TsNeeds, JsValue> {
        Ok(list(self.inner.needs())?.unchecked_into())
    }

    /// All volunteers, by id.
    pub fn volunteers(&self) -> Result<TsVolunteers, JsValue> {
        Ok(list(self.inner.volunteers())?.unchecked_into())
    }

    /// All services, by id.
    pub fn services(&self) -> Result<TsServices, JsValue> {
        Ok(list(self.inner.services())?.unchecked_into())
    }

    /// All providers, by id.
    pub fn providers(&self) -> Result<TsProviders, JsValue> {
        Ok(list(self.inner.providers())?.unchecked_into())
    }

    /// Matches every open need exactly (min-cost flow) at time `now`; `policy` overrides the
    /// default weights field by field; `context` carries history, reliability, unavailable
    /// helpers, committed load and confirmed matches.
    #[wasm_bindgen(js_name = "match")]
    pub fn match_(
        &self,
        now: &TsDateTime,
        policy: Option<TsMatchPolicyInput>,
        context: Option<TsMatchContextInput>,
    ) -> Result<TsMatchPlan, JsValue> {
        let plan = plan_once(&self.inner, now, policy.as_deref(), context.as_deref())?;
        Ok(to_js(&plan)?.unchecked_into())
    }

    /// The same as `match`, returning its plan as JSON text (byte for byte what Rust writes).
    #[wasm_bindgen(js_name = matchJson)]
    pub fn match_json(
        &self,
        now: &TsDateTime,
        policy: Option<TsMatchPolicyInput>,
        context: Option<TsMatchContextInput>,
    ) -> Result<String, JsValue> {
        let plan = plan_once(&self.inner, now, policy.as_deref(), context.as_deref())?;
        Ok(json(&plan)?)
    }

    /// A matcher on this community (shared, not copied), for solving, explaining, pinning.
    pub fn matcher(
        &self,
        now: &TsDateTime,
        policy: Option<TsMatchPolicyInput>,
        context: Option<TsMatchContextInput>,
    ) -> Result<JsMatcher, JsValue> {
        JsMatcher::new(self, now, policy, context)
    }

    /// A copy.
    #[must_use]
    #[wasm_bindgen(js_name = clone)]
    pub fn clone_js(&self) -> JsCommunity {
        JsCommunity {
            inner: Arc::clone(&self.inner),
        }
    }
}

/// Matching under weekly hour budgets (the `hours` feature: not in the matcher entry).
#[cfg(feature = "hours")]
#[wasm_bindgen(js_class = Community)]
impl JsCommunity {
    /// Matching under weekly hour budgets (generalized assignment with a Lagrangian bound).
    #[wasm_bindgen(js_name = matchWithHours)]
    pub fn match_with_hours(
        &self,
        now: &TsDateTime,
        policy: Option<TsMatchPolicyInput>,
        context: Option<TsMatchContextInput>,
        options: Option<TsHoursOptions>,
    ) -> Result<TsMatchPlan, JsValue> {
        let plan = hours_plan(
            &self.inner,
            now,
            policy.as_deref(),
            context.as_deref(),
            options.as_deref(),
        )?;
        Ok(to_js(&plan)?.unchecked_into())
    }
}
