//! Tables into records: one reader per table, each row checked by the core as it is added
//! (errors name the table, row, column and record).

use huzhu::model::{
    Category, Certification, Community, Eligibility, Fee, GeoPoint, GridId, Household, Need,
    NeedId, NeedPlace, Preference, Provider, ProviderId, ProviderKind, Resident, ResidentId,
    SelfCare, Service, ServiceId, Skill, SpecialGroup, StatusChange, TimeWindow, Volunteer,
    VolunteerId,
};
use pyo3::prelude::*;

use crate::errors::{CellError, core_err_at};
use crate::tables::{Col, Frame};

pub(crate) fn read_categories(c: &mut Community, f: &Frame) -> PyResult<()> {
    let (code, en, zh, group, skills, essential, care_area) = (
        f.col("code")?,
        f.col("name_en")?,
        f.col("name_zh")?,
        f.col("group")?,
        f.col("required_skills")?,
        f.col("essential")?,
        f.col("care_area")?,
    );
    for row in 0..f.rows {
        let code_s = code.req(row, Col::string)?;
        let rec = |e: CellError| e.with_record(format!("category {code_s:?}"));
        let en_s = en
            .string(row)
            .map_err(rec)?
            .unwrap_or_else(|| code_s.clone());
        let zh_s = zh.string(row).map_err(rec)?.unwrap_or_else(|| en_s.clone());
        let group_s = group
            .string(row)
            .map_err(rec)?
            .unwrap_or_else(|| "other".into());
        let mut cat = Category::new(&code_s, &en_s, &zh_s, &group_s);
        cat.required_skills = skills
            .strings(row)
            .map_err(rec)?
            .into_iter()
            .map(Skill)
            .collect();
        cat.essential = essential.bool(row).map_err(rec)?.unwrap_or(false);
        cat.care_area = care_area.code(row).map_err(rec)?;
        if c.taxonomy().contains(&cat.code) {
            continue;
        }
        c.taxonomy_mut()
            .add(cat)
            .map_err(|e| core_err_at(e, f.table, Some(row)))?;
    }
    Ok(())
}

pub(crate) fn read_providers(c: &mut Community, f: &Frame) -> PyResult<()> {
    let (id, name, kind, stars) = (
        f.col("id")?,
        f.col("name")?,
        f.col("kind")?,
        f.col("stars")?,
    );
    for row in 0..f.rows {
        let pid = ProviderId(id.req(row, Col::u32)?);
        let rec = |e: CellError| e.with_record(pid.to_string());
        let p = Provider {
            id: pid,
            name: name
                .string(row)
                .map_err(rec)?
                .unwrap_or_else(|| pid.to_string()),
            kind: kind
                .code::<ProviderKind>(row)
                .map_err(rec)?
                .unwrap_or(ProviderKind::ServiceCentre),
            stars: stars
                .u32(row)
                .map_err(rec)?
                .unwrap_or(0)
                .try_into()
                .unwrap_or(u8::MAX),
        };
        c.add_provider(p)
            .map_err(|e| core_err_at(e, f.table, Some(row)))?;
    }
    Ok(())
}

pub(crate) fn point(lat: &Col, lon: &Col, row: usize) -> Result<Option<GeoPoint>, CellError> {
    match (lat.f64(row)?, lon.f64(row)?) {
        (Some(lat), Some(lon)) => Ok(Some(GeoPoint { lat, lon })),
        (None, None) => Ok(None),
        (None, Some(_)) => lat.req(row, Col::f64).map(|_| None),
        (Some(_), None) => lon.req(row, Col::f64).map(|_| None),
    }
}

pub(crate) fn req_point(lat: &Col, lon: &Col, row: usize) -> Result<GeoPoint, CellError> {
    Ok(GeoPoint {
        lat: lat.req(row, Col::f64)?,
        lon: lon.req(row, Col::f64)?,
    })
}

pub(crate) fn read_residents(c: &mut Community, f: &Frame) -> PyResult<()> {
    let id = f.col("id")?;
    let birth = f.col("birth_date")?;
    let (lat, lon, grid) = (f.col("lat")?, f.col("lon")?, f.col("grid")?);
    let household = f.col("household")?;
    let self_care = f.col("self_care")?;
    let groups = f.col("groups")?;
    let consent = f.col("consent_to_share")?;
    let gender = f.col("gender")?;
    let languages = f.col("languages")?;
    let care_card = f.col("care_card")?;
    let occupation = f.col("occupation")?;
    for row in 0..f.rows {
        let rid = ResidentId(id.req(row, Col::u32)?);
        let rec = |e: CellError| e.with_record(rid.to_string());
        let home = req_point(&lat, &lon, row).map_err(rec)?;
        let mut r = Resident::new(
            rid,
            birth.req(row, Col::date).map_err(rec)?,
            home,
            GridId(grid.u32(row).map_err(rec)?.unwrap_or(0)),
        );
        r.household = household
            .code::<Household>(row)
            .map_err(rec)?
            .unwrap_or(r.household);
        r.self_care = self_care
            .code::<SelfCare>(row)
            .map_err(rec)?
            .unwrap_or(r.self_care);
        r.groups = groups
            .codes::<SpecialGroup>(row)
            .map_err(rec)?
            .into_iter()
            .collect();
        r.consent_to_share = consent.bool(row).map_err(rec)?.unwrap_or(false);
        r.gender = gender.code(row).map_err(rec)?;
        r.languages = languages.strings(row).map_err(rec)?;
        r.care_card = care_card.bool(row).map_err(rec)?.unwrap_or(false);
        r.occupation = occupation.code(row).map_err(rec)?;
        c.add_resident(r)
            .map_err(|e| core_err_at(e, f.table, Some(row)))?;
    }
    Ok(())
}

pub(crate) fn read_volunteers(c: &mut Community, f: &Frame) -> PyResult<()> {
    let id = f.col("id")?;
    let (lat, lon) = (f.col("lat")?, f.col("lon")?);
    let resident = f.col("resident")?;
    let skills = f.col("skills")?;
    let certs = f.col("certifications")?;
    let availability = f.col("availability")?;
    let minutes = f.col("minutes_per_week")?;
    let travel = f.col("max_travel_m")?;
    let languages = f.col("languages")?;
    let gender = f.col("gender")?;
    let tier = f.col("tier")?;
    let group = f.col("group")?;
    for row in 0..f.rows {
        let vid = VolunteerId(id.req(row, Col::u32)?);
        let rec = |e: CellError| e.with_record(vid.to_string());
        let home = req_point(&lat, &lon, row).map_err(rec)?;
        let mut v = Volunteer::new(vid, home);
        v.resident = resident.u32(row).map_err(rec)?.map(ResidentId);
        v.skills = skills
            .strings(row)
            .map_err(rec)?
            .into_iter()
            .map(Skill)
            .collect();
        v.certifications = certs
            .strings(row)
            .map_err(rec)?
            .into_iter()
            .map(|s| s.parse::<Certification>())
            .collect::<Result<_, _>>()
            .map_err(|e| rec(certs.core_err(row, e)))?;
        v.availability = availability
            .strings(row)
            .map_err(rec)?
            .join(";")
            .parse()
            .map_err(|e| rec(availability.core_err(row, e)))?;
        v.minutes_per_week = minutes.u32(row).map_err(rec)?.unwrap_or(v.minutes_per_week);
        v.max_travel_m = travel.u32(row).map_err(rec)?.unwrap_or(v.max_travel_m);
        v.languages = languages.strings(row).map_err(rec)?;
        v.gender = gender.code(row).map_err(rec)?;
        v.tier = tier.code(row).map_err(rec)?.unwrap_or(v.tier);
        v.group = group.bool(row).map_err(rec)?.unwrap_or(false);
        c.add_volunteer(v)
            .map_err(|e| core_err_at(e, f.table, Some(row)))?;
    }
    Ok(())
}

pub(crate) fn read_services(c: &mut Community, f: &Frame, auto_providers: bool) -> PyResult<()> {
    let id = f.col("id")?;
    let provider = f.col("provider")?;
    let name = f.col("name")?;
    let categories = f.col("categories")?;
    let (lat, lon) = (f.col("lat")?, f.col("lon")?);
    let radius = f.col("radius_m")?;
    let schedule = f.col("schedule")?;
    let capacity = f.col("capacity_per_week")?;
    let (min_age, max_age, groups) = (
        f.col("min_age")?,
        f.col("max_age")?,
        f.col("eligible_groups")?,
    );
    let (tier, price, discount, card_price) = (
        f.col("fee_tier")?,
        f.col("price_fen")?,
        f.col("care_card_discount_pct")?,
        f.col("care_card_price_fen")?,
    );
    // `free_for_priority` is the column's former name, read when the new one is absent or empty.
    let (free, free_old) = (f.col("free_for_subsidised")?, f.col("free_for_priority")?);
    let mode = f.col("mode")?;
    let status = f.col("status")?;
    for row in 0..f.rows {
        let sid = ServiceId(id.req(row, Col::u32)?);
        let rec = |e: CellError| e.with_record(sid.to_string());
        let cell =
            |col: &'static str, e: String| rec(CellError::new(f.table, Some(row), Some(col), e));
        let pid = ProviderId(provider.req(row, Col::u32).map_err(rec)?);
        if auto_providers && c.provider(pid).is_none() {
            c.add_provider(Provider {
                id: pid,
                name: pid.to_string(),
                kind: ProviderKind::ServiceCentre,
                stars: 0,
            })
            .map_err(|e| core_err_at(e, f.table, Some(row)))?;
        }
        let location = req_point(&lat, &lon, row).map_err(rec)?;
        let price_fen = price.u32(row).map_err(rec)?;
        let fee = match tier.string(row).map_err(rec)?.as_deref().unwrap_or("free") {
            "free" => Fee::Free,
            "low_cost" | "low-cost" => Fee::LowCost {
                price_fen: price_fen
                    .ok_or_else(|| cell("price_fen", "required for fee_tier low_cost".into()))?,
                care_card_discount_pct: discount
                    .u32(row)
                    .map_err(rec)?
                    .unwrap_or(0)
                    .try_into()
                    .unwrap_or(u8::MAX),
                care_card_price_fen: card_price.u32(row).map_err(rec)?,
            },
            "paid" => Fee::Paid {
                price_fen: price_fen
                    .ok_or_else(|| cell("price_fen", "required for fee_tier paid".into()))?,
            },
            other => {
                return Err(cell(
                    "fee_tier",
                    format!("unknown code {other:?}, expected one of `free`, `low_cost`, `paid`"),
                )
                .into());
            }
        };
        let s = Service {
            id: sid,
            provider: pid,
            name: name
                .string(row)
                .map_err(rec)?
                .unwrap_or_else(|| sid.to_string()),
            categories: categories
                .strings(row)
                .map_err(rec)?
                .into_iter()
                .map(huzhu::model::CategoryCode)
                .collect(),
            location,
            radius_m: radius.u32(row).map_err(rec)?.unwrap_or(500),
            schedule: schedule
                .strings(row)
                .map_err(rec)?
                .join(";")
                .parse()
                .map_err(|e| rec(schedule.core_err(row, e)))?,
            capacity_per_week: capacity.req(row, Col::u32).map_err(rec)?,
            eligibility: Eligibility {
                min_age: min_age.u32(row).map_err(rec)?,
                max_age: max_age.u32(row).map_err(rec)?,
                groups_any: groups
                    .codes::<SpecialGroup>(row)
                    .map_err(rec)?
                    .into_iter()
                    .collect(),
            },
            fee,
            free_for_subsidised: match free.bool(row).map_err(rec)? {
                Some(b) => b,
                None => free_old.bool(row).map_err(rec)?.unwrap_or(false),
            },
            mode: mode
                .code(row)
                .map_err(rec)?
                .unwrap_or(huzhu::model::ServiceMode::AtFacility),
            status: status.code(row).map_err(rec)?.unwrap_or_default(),
            recurring: huzhu::model::RecurringSchedule::default(),
        };
        c.add_service(s)
            .map_err(|e| core_err_at(e, f.table, Some(row)))?;
    }
    Ok(())
}

/// The columns of a needs table, read row by row into needs (for `from_tables` and
/// `with_tables`, which add them, and `update`, which writes them in by id).
pub(crate) struct NeedRows {
    id: Col,
    resident: Col,
    category: Col,
    urgency: Col,
    created: Col,
    window_start: Col,
    window_end: Col,
    windows: Col,
    duration: Col,
    place_lat: Col,
    place_lon: Col,
    skills: Col,
    prefs: Col,
    excluded: Col,
    status: Col,
    kind: Col,
    channel: Col,
    inferred_by: Col,
    confirmed: Col,
    history: Col,
}

impl NeedRows {
    pub(crate) fn new(f: &Frame) -> PyResult<Self> {
        Ok(Self {
            id: f.col("id")?,
            resident: f.col("resident")?,
            category: f.col("category")?,
            urgency: f.col("urgency")?,
            created: f.col("created_at")?,
            window_start: f.col("window_start")?,
            window_end: f.col("window_end")?,
            windows: f.col("windows")?,
            duration: f.col("duration_minutes")?,
            place_lat: f.col("place_lat")?,
            place_lon: f.col("place_lon")?,
            skills: f.col("required_skills")?,
            prefs: f.col("preferences")?,
            excluded: f.col("excluded_volunteers")?,
            status: f.col("status")?,
            kind: f.col("kind")?,
            channel: f.col("channel")?,
            inferred_by: f.col("inferred_by")?,
            confirmed: f.col("confirmed")?,
            history: f.col("history")?,
        })
    }

    /// The need of row `row` (its cells read and checked; its references are checked when it
    /// is added to a community).
    pub(crate) fn need(&self, row: usize) -> Result<Need, CellError> {
        let nid = NeedId(self.id.req(row, Col::u32)?);
        let rec = |e: CellError| e.with_record(nid.to_string());
        let mut wins = Vec::new();
        for w in self.windows.strings(row).map_err(rec)? {
            wins.push(
                w.parse::<TimeWindow>()
                    .map_err(|e| rec(self.windows.core_err(row, e)))?,
            );
        }
        if wins.is_empty() {
            wins.push(TimeWindow {
                start: self.window_start.req(row, Col::datetime).map_err(rec)?,
                end: self.window_end.req(row, Col::datetime).map_err(rec)?,
            });
        }
        let mut n = Need::new(
            nid,
            ResidentId(self.resident.req(row, Col::u32).map_err(rec)?),
            huzhu::model::CategoryCode(self.category.req(row, Col::string).map_err(rec)?),
            self.created.req(row, Col::datetime).map_err(rec)?,
            wins[0],
            self.duration.req(row, Col::u32).map_err(rec)?,
        );
        n.windows = wins;
        n.urgency = self.urgency.code(row).map_err(rec)?.unwrap_or(n.urgency);
        if let Some(p) = point(&self.place_lat, &self.place_lon, row).map_err(rec)? {
            n.place = NeedPlace::At { point: p };
        }
        n.required_skills = self
            .skills
            .strings(row)
            .map_err(rec)?
            .into_iter()
            .map(Skill)
            .collect();
        if let Some(text) = self.prefs.string(row).map_err(rec)? {
            n.preferences = huzhu::model::json::from_str::<Vec<Preference>>(&text, "preferences")
                .map_err(|e| rec(self.prefs.core_err(row, e)))?;
        }
        n.excluded_volunteers = self
            .excluded
            .u32s(row)
            .map_err(rec)?
            .into_iter()
            .map(VolunteerId)
            .collect();
        n.status = self.status.code(row).map_err(rec)?.unwrap_or_default();
        n.kind = self.kind.code(row).map_err(rec)?.unwrap_or_default();
        n.channel = self.channel.code(row).map_err(rec)?;
        n.inferred_by = self.inferred_by.string(row).map_err(rec)?;
        n.confirmed = self.confirmed.bool(row).map_err(rec)?;
        if let Some(text) = self.history.string(row).map_err(rec)? {
            n.history = huzhu::model::json::from_str::<Vec<StatusChange>>(&text, "history")
                .map_err(|e| rec(self.history.core_err(row, e)))?;
        }
        Ok(n)
    }
}

pub(crate) fn read_needs(c: &mut Community, f: &Frame) -> PyResult<()> {
    let rows = NeedRows::new(f)?;
    for row in 0..f.rows {
        c.add_need(rows.need(row)?)
            .map_err(|e| core_err_at(e, f.table, Some(row)))?;
    }
    Ok(())
}
