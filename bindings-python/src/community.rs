//! `huzhu.Community`: built from tables or a JSON snapshot, and back to tables.
//!
//! Column names follow the JSON snapshot's field names; nested places are flattened (`lat`,
//! `lon`), lists are Arrow lists or text separated by `;`, weekly schedules are text such as
//! `"Mon 09:00-12:00; Wed 14:00-17:00"` (or `"Mon-Fri 09:00-12:00"`, `"daily 08:00-20:00"`).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::{NaiveTime, Weekday};
use huzhu::model::{
    Category, Certification, Community, Eligibility, Fee, GeoPoint, GridId, Household, Need,
    NeedId, NeedPlace, Preference, Provider, ProviderId, ProviderKind, Resident, ResidentId,
    SelfCare, Service, ServiceId, Skill, SpecialGroup, TimeWindow, Volunteer, VolunteerId,
    WeeklySchedule, WeeklySlot,
};
use pyo3::prelude::*;
use pyo3_arrow::PyTable;

use crate::convert::html;
use crate::errors::{CellError, guard, model_err};
use crate::tables::{Frame, TableBuilder, split_list, wrap};

/// A validated community: residents, needs, volunteers, services and providers.
#[pyclass(frozen, module = "huzhu", name = "Community")]
pub struct PyCommunity {
    pub(crate) inner: Arc<Community>,
}

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn frame(name: &'static str, obj: Opt<'_, '_>) -> PyResult<Option<Frame>> {
    obj.filter(|o| !o.is_none())
        .map(|o| Frame::new(name, crate::tables::table_arg(o)?))
        .transpose()
}

#[pymethods]
impl PyCommunity {
    /// Builds a community from tables (anything Arrow-exportable, or pandas). Every row is
    /// validated; the first bad one raises `ValidationError` naming table, row and column.
    #[staticmethod]
    #[pyo3(signature = (residents, needs=None, volunteers=None, services=None, providers=None, categories=None, *, name="community"))]
    #[allow(clippy::too_many_arguments)]
    fn from_tables(
        py: Python<'_>,
        residents: &Bound<'_, PyAny>,
        needs: Opt<'_, '_>,
        volunteers: Opt<'_, '_>,
        services: Opt<'_, '_>,
        providers: Opt<'_, '_>,
        categories: Opt<'_, '_>,
        name: &str,
    ) -> PyResult<Self> {
        guard(|| {
            let frames = [
                frame("categories", categories)?,
                frame("providers", providers)?,
                frame("residents", Some(residents))?,
                frame("volunteers", volunteers)?,
                frame("services", services)?,
                frame("needs", needs)?,
            ];
            let c = py.detach(|| build(name, frames))?;
            Ok(Self { inner: Arc::new(c) })
        })
    }

    /// Loads a JSON snapshot (the format of `to_json`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(|| {
            let c = py
                .detach(|| Community::from_json(text))
                .map_err(|e| model_err(&e, None, None))?;
            Ok(Self { inner: Arc::new(c) })
        })
    }

    /// The JSON snapshot (pretty-printed); `from_json` gives an equal community back.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(|| Ok(py.detach(|| self.inner.to_json())))
    }

    /// Every table, in the columns `from_tables` reads: a dict of name → `huzhu.Table`.
    fn to_tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        guard(|| {
            let d = pyo3::types::PyDict::new(py);
            d.set_item("residents", self.residents(py)?)?;
            d.set_item("needs", self.needs(py)?)?;
            d.set_item("volunteers", self.volunteers(py)?)?;
            d.set_item("services", self.services(py)?)?;
            d.set_item("providers", self.providers(py)?)?;
            d.set_item("categories", self.categories(py)?)?;
            Ok(d)
        })
    }

    /// The community's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Counts of each kind of record.
    #[getter]
    fn counts(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let c = &self.inner;
        [
            ("residents", c.residents().len()),
            ("needs", c.needs().len()),
            ("volunteers", c.volunteers().len()),
            ("services", c.services().len()),
            ("providers", c.providers().len()),
        ]
        .into_iter()
        .collect()
    }

    /// Residents as a table.
    #[getter]
    fn residents(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, py.detach(|| residents_table(&self.inner))))
    }

    /// Needs as a table.
    #[getter]
    fn needs(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, py.detach(|| needs_table(&self.inner))))
    }

    /// Volunteers as a table.
    #[getter]
    fn volunteers(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, py.detach(|| volunteers_table(&self.inner))))
    }

    /// Services as a table.
    #[getter]
    fn services(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, py.detach(|| services_table(&self.inner))))
    }

    /// Providers as a table.
    #[getter]
    fn providers(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, providers_table(&self.inner)))
    }

    /// The need taxonomy (bilingual category labels with stable codes) as a table.
    #[getter]
    fn categories(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, categories_table(&self.inner)))
    }

    /// Matches the open needs exactly (min-cost flow); see the stubs for the keyword arguments.
    /// `progress=True` shows a `tqdm.auto` bar; a callable is called as `(phase, done, total)`.
    #[pyo3(name = "match", signature = (*, now=None, policy=None, pinned=None, committed=None, history=None, unavailable=None, reliability=None, hours=false, progress=None, **kwargs))]
    #[allow(clippy::too_many_arguments)]
    fn match_(
        &self,
        py: Python<'_>,
        now: Opt<'_, '_>,
        policy: Opt<'_, '_>,
        pinned: Opt<'_, '_>,
        committed: Opt<'_, '_>,
        history: Opt<'_, '_>,
        unavailable: Opt<'_, '_>,
        reliability: Opt<'_, '_>,
        hours: bool,
        progress: Opt<'_, '_>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<crate::matching::PyPlan> {
        guard(|| {
            let bar = match progress {
                Some(p) if !p.is_none() && !p.is_callable() => {
                    if p.is_truthy()? {
                        Some(py.import("huzhu._progress")?.call_method0("bar")?)
                    } else {
                        None
                    }
                }
                _ => None,
            };
            let progress = bar.as_ref().or(progress.filter(|p| p.is_callable()));
            let result = crate::matching::run(
                py,
                &self.inner,
                &crate::matching::Args {
                    now,
                    policy,
                    pinned,
                    committed,
                    history,
                    unavailable,
                    reliability,
                    hours,
                    progress,
                    kwargs,
                },
            );
            if let Some(b) = bar {
                b.call_method0("close")?;
            }
            result
        })
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Self>()
            .is_ok_and(|o| *o.get().inner == *self.inner)
    }

    fn __repr__(&self) -> String {
        let c = &self.inner;
        format!(
            "<huzhu.Community {:?}: {} residents, {} needs, {} volunteers, {} services>",
            c.name(),
            c.residents().len(),
            c.needs().len(),
            c.volunteers().len(),
            c.services().len()
        )
    }

    fn _repr_html_(&self) -> String {
        let c = &self.inner;
        let aged = |y: u32| {
            let today = c
                .needs()
                .map(|n| n.created_at.date())
                .max()
                .unwrap_or_default();
            c.residents().filter(|r| r.age_on(today) >= y).count()
        };
        let special = c.residents().filter(|r| r.is_priority()).count();
        let mut s = format!("<div><b>huzhu.Community</b> {}<table>", html(c.name()));
        for (k, v) in [
            ("residents", c.residents().len()),
            ("aged 60+", aged(60)),
            ("aged 80+", aged(80)),
            ("special groups", special),
            ("needs", c.needs().len()),
            ("volunteers", c.volunteers().len()),
            ("services", c.services().len()),
            ("providers", c.providers().len()),
        ] {
            let _ = write!(
                s,
                "<tr><td>{k}</td><td style='text-align:right'>{v}</td></tr>"
            );
        }
        s.push_str("</table></div>");
        s
    }
}

fn build(name: &str, frames: [Option<Frame>; 6]) -> PyResult<Community> {
    let [
        categories,
        providers,
        residents,
        volunteers,
        services,
        needs,
    ] = frames;
    let mut c = Community::new(name);
    if let Some(f) = categories {
        read_categories(&mut c, &f)?;
    }
    let mut have_providers = false;
    if let Some(f) = providers {
        read_providers(&mut c, &f)?;
        have_providers = true;
    }
    if let Some(f) = residents {
        read_residents(&mut c, &f)?;
    }
    if let Some(f) = volunteers {
        read_volunteers(&mut c, &f)?;
    }
    if let Some(f) = services {
        read_services(&mut c, &f, !have_providers)?;
    }
    if let Some(f) = needs {
        read_needs(&mut c, &f)?;
    }
    Ok(c)
}

fn read_categories(c: &mut Community, f: &Frame) -> PyResult<()> {
    let (code, en, zh, group, skills, essential) = (
        f.col("code")?,
        f.col("name_en")?,
        f.col("name_zh")?,
        f.col("group")?,
        f.col("required_skills")?,
        f.col("essential")?,
    );
    for row in 0..f.rows {
        let code_s = code.req(row, crate::tables::Col::string)?;
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
        if c.taxonomy().contains(&cat.code) {
            continue;
        }
        c.taxonomy_mut()
            .add(cat)
            .map_err(|e| model_err(&e, Some(f.table), Some(row)))?;
    }
    Ok(())
}

fn read_providers(c: &mut Community, f: &Frame) -> PyResult<()> {
    let (id, name, kind, stars) = (
        f.col("id")?,
        f.col("name")?,
        f.col("kind")?,
        f.col("stars")?,
    );
    for row in 0..f.rows {
        let pid = ProviderId(id.req(row, crate::tables::Col::u32)?);
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
            .map_err(|e| model_err(&e, Some(f.table), Some(row)))?;
    }
    Ok(())
}

fn point(
    lat: &crate::tables::Col,
    lon: &crate::tables::Col,
    row: usize,
) -> Result<Option<GeoPoint>, CellError> {
    match (lat.f64(row)?, lon.f64(row)?) {
        (Some(lat), Some(lon)) => Ok(Some(GeoPoint { lat, lon })),
        (None, None) => Ok(None),
        (None, Some(_)) => lat.req(row, crate::tables::Col::f64).map(|_| None),
        (Some(_), None) => lon.req(row, crate::tables::Col::f64).map(|_| None),
    }
}

fn req_point(
    lat: &crate::tables::Col,
    lon: &crate::tables::Col,
    row: usize,
) -> Result<GeoPoint, CellError> {
    Ok(GeoPoint {
        lat: lat.req(row, crate::tables::Col::f64)?,
        lon: lon.req(row, crate::tables::Col::f64)?,
    })
}

fn read_residents(c: &mut Community, f: &Frame) -> PyResult<()> {
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
    for row in 0..f.rows {
        let rid = ResidentId(id.req(row, crate::tables::Col::u32)?);
        let rec = |e: CellError| e.with_record(rid.to_string());
        let home = req_point(&lat, &lon, row).map_err(rec)?;
        let mut r = Resident::new(
            rid,
            birth.req(row, crate::tables::Col::date).map_err(rec)?,
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
        c.add_resident(r)
            .map_err(|e| model_err(&e, Some(f.table), Some(row)))?;
    }
    Ok(())
}

/// `"Mon 09:00-12:00; Mon-Fri 14:00-17:00; daily 08:00-20:00"`.
pub(crate) fn parse_schedule(items: &[String]) -> Result<WeeklySchedule, String> {
    let mut slots = Vec::new();
    for item in items.iter().flat_map(|s| split_list(s)) {
        let (days, times) = item
            .trim()
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("expected \"Mon 09:00-12:00\", got {item:?}"))?;
        let (opens, closes) = times
            .trim()
            .split_once('-')
            .ok_or_else(|| format!("expected a time range such as 09:00-12:00 in {item:?}"))?;
        let time = |t: &str| {
            NaiveTime::parse_from_str(t.trim(), "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(t.trim(), "%H:%M:%S"))
                .map_err(|_| format!("bad time {t:?} in {item:?}"))
        };
        let (opens, closes) = (time(opens)?, time(closes)?);
        let day = |d: &str| {
            d.trim()
                .parse::<Weekday>()
                .map_err(|_| format!("bad weekday {d:?} in {item:?}"))
        };
        let days: Vec<Weekday> = match days.trim().to_ascii_lowercase().as_str() {
            "daily" | "every" | "all" => (0..7)
                .map(|i| Weekday::try_from(i).expect("0..7"))
                .collect(),
            "weekdays" => (0..5)
                .map(|i| Weekday::try_from(i).expect("0..5"))
                .collect(),
            _ => {
                if let Some((a, b)) = days.split_once('-') {
                    let (a, b) = (day(a)?, day(b)?);
                    let mut v = vec![a];
                    let mut d = a;
                    while d != b {
                        d = d.succ();
                        v.push(d);
                    }
                    v
                } else {
                    days.split(',').map(day).collect::<Result<_, _>>()?
                }
            }
        };
        for d in days {
            slots.push(WeeklySlot::new(d, opens, closes));
        }
    }
    Ok(WeeklySchedule { slots })
}

pub(crate) fn schedule_items(s: &WeeklySchedule) -> Vec<String> {
    s.slots
        .iter()
        .map(|x| {
            format!(
                "{} {}-{}",
                x.weekday,
                x.opens.format("%H:%M"),
                x.closes.format("%H:%M")
            )
        })
        .collect()
}

fn read_volunteers(c: &mut Community, f: &Frame) -> PyResult<()> {
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
        let vid = VolunteerId(id.req(row, crate::tables::Col::u32)?);
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
            .map(|s| match s.split_once('@') {
                Some((k, d)) => crate::tables::parse_date(d).map(|d| Certification {
                    skill: Skill(k.trim().into()),
                    valid_until: Some(d),
                }),
                None => Ok(Certification {
                    skill: Skill(s),
                    valid_until: None,
                }),
            })
            .collect::<Result<_, _>>()
            .map_err(|e| {
                rec(CellError::new(
                    f.table,
                    Some(row),
                    Some("certifications"),
                    None,
                    e,
                ))
            })?;
        v.availability = parse_schedule(&availability.strings(row).map_err(rec)?).map_err(|e| {
            rec(CellError::new(
                f.table,
                Some(row),
                Some("availability"),
                None,
                e,
            ))
        })?;
        v.minutes_per_week = minutes.u32(row).map_err(rec)?.unwrap_or(v.minutes_per_week);
        v.max_travel_m = travel.u32(row).map_err(rec)?.unwrap_or(v.max_travel_m);
        v.languages = languages.strings(row).map_err(rec)?;
        v.gender = gender.code(row).map_err(rec)?;
        v.tier = tier.code(row).map_err(rec)?.unwrap_or(v.tier);
        v.group = group.bool(row).map_err(rec)?.unwrap_or(false);
        c.add_volunteer(v)
            .map_err(|e| model_err(&e, Some(f.table), Some(row)))?;
    }
    Ok(())
}

fn read_services(c: &mut Community, f: &Frame, auto_providers: bool) -> PyResult<()> {
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
    let (tier, price, discount) = (
        f.col("fee_tier")?,
        f.col("price_fen")?,
        f.col("care_card_discount_pct")?,
    );
    let free_for_priority = f.col("free_for_priority")?;
    let mode = f.col("mode")?;
    let status = f.col("status")?;
    for row in 0..f.rows {
        let sid = ServiceId(id.req(row, crate::tables::Col::u32)?);
        let rec = |e: CellError| e.with_record(sid.to_string());
        let cell = |col: &'static str, e: String| {
            rec(CellError::new(f.table, Some(row), Some(col), None, e))
        };
        let pid = ProviderId(provider.req(row, crate::tables::Col::u32).map_err(rec)?);
        if auto_providers && c.provider(pid).is_none() {
            c.add_provider(Provider {
                id: pid,
                name: pid.to_string(),
                kind: ProviderKind::ServiceCentre,
                stars: 0,
            })
            .map_err(|e| model_err(&e, Some(f.table), Some(row)))?;
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
            schedule: parse_schedule(&schedule.strings(row).map_err(rec)?)
                .map_err(|e| cell("schedule", e))?,
            capacity_per_week: capacity.req(row, crate::tables::Col::u32).map_err(rec)?,
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
            free_for_priority: free_for_priority.bool(row).map_err(rec)?.unwrap_or(false),
            mode: mode
                .code(row)
                .map_err(rec)?
                .unwrap_or(huzhu::model::ServiceMode::AtFacility),
            status: status.code(row).map_err(rec)?.unwrap_or_default(),
            recurring: huzhu::model::RecurringSchedule::default(),
        };
        c.add_service(s)
            .map_err(|e| model_err(&e, Some(f.table), Some(row)))?;
    }
    Ok(())
}

fn read_needs(c: &mut Community, f: &Frame) -> PyResult<()> {
    let id = f.col("id")?;
    let resident = f.col("resident")?;
    let category = f.col("category")?;
    let urgency = f.col("urgency")?;
    let created = f.col("created_at")?;
    let (ws, we, windows) = (
        f.col("window_start")?,
        f.col("window_end")?,
        f.col("windows")?,
    );
    let duration = f.col("duration_minutes")?;
    let (plat, plon) = (f.col("place_lat")?, f.col("place_lon")?);
    let skills = f.col("required_skills")?;
    let prefs = f.col("preferences")?;
    let excluded = f.col("excluded_volunteers")?;
    let status = f.col("status")?;
    for row in 0..f.rows {
        let nid = NeedId(id.req(row, crate::tables::Col::u32)?);
        let rec = |e: CellError| e.with_record(nid.to_string());
        let cell = |col: &'static str, e: String| {
            rec(CellError::new(f.table, Some(row), Some(col), None, e))
        };
        let mut wins = Vec::new();
        for w in windows.strings(row).map_err(rec)? {
            let (a, b) = w
                .split_once('/')
                .ok_or_else(|| cell("windows", format!("expected \"start/end\", got {w:?}")))?;
            let a = crate::tables::parse_datetime(a).map_err(|e| cell("windows", e))?;
            let b = crate::tables::parse_datetime(b).map_err(|e| cell("windows", e))?;
            wins.push(TimeWindow { start: a, end: b });
        }
        if wins.is_empty() {
            wins.push(TimeWindow {
                start: ws.req(row, crate::tables::Col::datetime).map_err(rec)?,
                end: we.req(row, crate::tables::Col::datetime).map_err(rec)?,
            });
        }
        let mut n = Need::new(
            nid,
            ResidentId(resident.req(row, crate::tables::Col::u32).map_err(rec)?),
            huzhu::model::CategoryCode(category.req(row, crate::tables::Col::string).map_err(rec)?),
            created
                .req(row, crate::tables::Col::datetime)
                .map_err(rec)?,
            wins[0],
            duration.req(row, crate::tables::Col::u32).map_err(rec)?,
        );
        n.windows = wins;
        n.urgency = urgency.code(row).map_err(rec)?.unwrap_or(n.urgency);
        if let Some(p) = point(&plat, &plon, row).map_err(rec)? {
            n.place = NeedPlace::At { point: p };
        }
        n.required_skills = skills
            .strings(row)
            .map_err(rec)?
            .into_iter()
            .map(Skill)
            .collect();
        if let Some(text) = prefs.string(row).map_err(rec)? {
            n.preferences = serde_json::from_str::<Vec<Preference>>(&text).map_err(|e| {
                cell(
                    "preferences",
                    format!("expected a JSON list of preferences: {e}"),
                )
            })?;
        }
        n.excluded_volunteers = excluded
            .u32s(row)
            .map_err(rec)?
            .into_iter()
            .map(VolunteerId)
            .collect();
        n.status = status.code(row).map_err(rec)?.unwrap_or_default();
        c.add_need(n)
            .map_err(|e| model_err(&e, Some(f.table), Some(row)))?;
    }
    Ok(())
}

fn code<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

pub(crate) fn residents_table(c: &Community) -> PyTable {
    let r: Vec<&Resident> = c.residents().collect();
    let mut b = TableBuilder::default();
    b.int("id", r.iter().map(|x| Some(i64::from(x.id.0))))
        .date("birth_date", r.iter().map(|x| Some(x.birth_date)))
        .float("lat", r.iter().map(|x| Some(x.home.lat)))
        .float("lon", r.iter().map(|x| Some(x.home.lon)))
        .int("grid", r.iter().map(|x| Some(i64::from(x.grid.0))))
        .str("household", r.iter().map(|x| Some(code(&x.household))))
        .str("self_care", r.iter().map(|x| Some(code(&x.self_care))))
        .strs(
            "groups",
            r.iter().map(|x| x.groups.iter().map(SpecialGroup::code)),
        )
        .bool(
            "consent_to_share",
            r.iter().map(|x| Some(x.consent_to_share)),
        )
        .str("gender", r.iter().map(|x| x.gender.as_ref().map(code)))
        .strs("languages", r.iter().map(|x| x.languages.iter()))
        .bool("care_card", r.iter().map(|x| Some(x.care_card)));
    b.finish()
}

pub(crate) fn needs_table(c: &Community) -> PyTable {
    let n: Vec<&Need> = c.needs().collect();
    let place = |x: &Need| match x.place {
        NeedPlace::At { point } => Some(point),
        NeedPlace::Home => None,
    };
    let mut b = TableBuilder::default();
    b.int("id", n.iter().map(|x| Some(i64::from(x.id.0))))
        .int("resident", n.iter().map(|x| Some(i64::from(x.resident.0))))
        .int(
            "grid",
            n.iter()
                .map(|x| c.resident(x.resident).map(|r| i64::from(r.grid.0))),
        )
        .str("category", n.iter().map(|x| Some(x.category.as_str())))
        .str("urgency", n.iter().map(|x| Some(code(&x.urgency))))
        .ts("created_at", n.iter().map(|x| Some(x.created_at)))
        .ts(
            "window_start",
            n.iter().map(|x| x.windows.first().map(|w| w.start)),
        )
        .ts(
            "window_end",
            n.iter().map(|x| x.windows.first().map(|w| w.end)),
        )
        .strs(
            "windows",
            n.iter().map(|x| {
                x.windows.iter().map(|w| {
                    format!(
                        "{}/{}",
                        w.start.format("%Y-%m-%dT%H:%M:%S"),
                        w.end.format("%Y-%m-%dT%H:%M:%S")
                    )
                })
            }),
        )
        .int(
            "duration_minutes",
            n.iter().map(|x| Some(i64::from(x.duration_minutes))),
        )
        .float("place_lat", n.iter().map(|x| place(x).map(|p| p.lat)))
        .float("place_lon", n.iter().map(|x| place(x).map(|p| p.lon)))
        .strs(
            "required_skills",
            n.iter()
                .map(|x| x.required_skills.iter().map(Skill::as_str)),
        )
        .str(
            "preferences",
            n.iter().map(|x| {
                (!x.preferences.is_empty())
                    .then(|| serde_json::to_string(&x.preferences).unwrap_or_default())
            }),
        )
        .strs(
            "excluded_volunteers",
            n.iter()
                .map(|x| x.excluded_volunteers.iter().map(|v| v.0.to_string())),
        )
        .str("status", n.iter().map(|x| Some(x.status.code())));
    b.finish()
}

pub(crate) fn volunteers_table(c: &Community) -> PyTable {
    let v: Vec<&Volunteer> = c.volunteers().collect();
    let mut b = TableBuilder::default();
    b.int("id", v.iter().map(|x| Some(i64::from(x.id.0))))
        .float("lat", v.iter().map(|x| Some(x.home.lat)))
        .float("lon", v.iter().map(|x| Some(x.home.lon)))
        .int(
            "resident",
            v.iter().map(|x| x.resident.map(|r| i64::from(r.0))),
        )
        .strs(
            "skills",
            v.iter().map(|x| x.skills.iter().map(Skill::as_str)),
        )
        .strs(
            "certifications",
            v.iter().map(|x| {
                x.certifications.iter().map(|c| match c.valid_until {
                    Some(d) => format!("{}@{d}", c.skill.as_str()),
                    None => c.skill.as_str().to_owned(),
                })
            }),
        )
        .strs(
            "availability",
            v.iter().map(|x| schedule_items(&x.availability)),
        )
        .int(
            "minutes_per_week",
            v.iter().map(|x| Some(i64::from(x.minutes_per_week))),
        )
        .int(
            "max_travel_m",
            v.iter().map(|x| Some(i64::from(x.max_travel_m))),
        )
        .strs("languages", v.iter().map(|x| x.languages.iter()))
        .str("gender", v.iter().map(|x| x.gender.as_ref().map(code)))
        .str("tier", v.iter().map(|x| Some(code(&x.tier))))
        .bool("group", v.iter().map(|x| Some(x.group)));
    b.finish()
}

pub(crate) fn services_table(c: &Community) -> PyTable {
    let s: Vec<&Service> = c.services().collect();
    let (price, discount) = (
        |x: &Service| match x.fee {
            Fee::Free => None,
            Fee::LowCost { price_fen, .. } | Fee::Paid { price_fen } => Some(i64::from(price_fen)),
        },
        |x: &Service| match x.fee {
            Fee::LowCost {
                care_card_discount_pct,
                ..
            } => Some(i64::from(care_card_discount_pct)),
            _ => None,
        },
    );
    let mut b = TableBuilder::default();
    b.int("id", s.iter().map(|x| Some(i64::from(x.id.0))))
        .int("provider", s.iter().map(|x| Some(i64::from(x.provider.0))))
        .str("name", s.iter().map(|x| Some(x.name.as_str())))
        .strs(
            "categories",
            s.iter()
                .map(|x| x.categories.iter().map(huzhu::model::CategoryCode::as_str)),
        )
        .float("lat", s.iter().map(|x| Some(x.location.lat)))
        .float("lon", s.iter().map(|x| Some(x.location.lon)))
        .int("radius_m", s.iter().map(|x| Some(i64::from(x.radius_m))))
        .strs("schedule", s.iter().map(|x| schedule_items(&x.schedule)))
        .int(
            "capacity_per_week",
            s.iter().map(|x| Some(i64::from(x.capacity_per_week))),
        )
        .int(
            "min_age",
            s.iter().map(|x| x.eligibility.min_age.map(i64::from)),
        )
        .int(
            "max_age",
            s.iter().map(|x| x.eligibility.max_age.map(i64::from)),
        )
        .strs(
            "eligible_groups",
            s.iter()
                .map(|x| x.eligibility.groups_any.iter().map(SpecialGroup::code)),
        )
        .str("fee_tier", s.iter().map(|x| Some(x.fee.tier_code())))
        .int("price_fen", s.iter().map(|x| price(x)))
        .int("care_card_discount_pct", s.iter().map(|x| discount(x)))
        .bool(
            "free_for_priority",
            s.iter().map(|x| Some(x.free_for_priority)),
        )
        .str("mode", s.iter().map(|x| Some(code(&x.mode))))
        .str("status", s.iter().map(|x| Some(code(&x.status))));
    b.finish()
}

fn providers_table(c: &Community) -> PyTable {
    let p: Vec<&Provider> = c.providers().collect();
    let mut b = TableBuilder::default();
    b.int("id", p.iter().map(|x| Some(i64::from(x.id.0))))
        .str("name", p.iter().map(|x| Some(x.name.as_str())))
        .str("kind", p.iter().map(|x| Some(code(&x.kind))))
        .int("stars", p.iter().map(|x| Some(i64::from(x.stars))));
    b.finish()
}

fn categories_table(c: &Community) -> PyTable {
    let k: Vec<&Category> = c.taxonomy().iter().collect();
    let mut b = TableBuilder::default();
    b.str("code", k.iter().map(|x| Some(x.code.as_str())))
        .str("name_en", k.iter().map(|x| Some(x.name_en.as_str())))
        .str("name_zh", k.iter().map(|x| Some(x.name_zh.as_str())))
        .str("group", k.iter().map(|x| Some(x.group.as_str())))
        .strs(
            "required_skills",
            k.iter()
                .map(|x| x.required_skills.iter().map(Skill::as_str)),
        )
        .bool("essential", k.iter().map(|x| Some(x.essential)));
    b.finish()
}

/// Grids that appear in the community (for plots and summaries).
#[allow(dead_code)]
pub(crate) fn grids(c: &Community) -> BTreeSet<u32> {
    c.residents().map(|r| r.grid.0).collect()
}

#[cfg(test)]
mod tests {
    use super::{parse_schedule, schedule_items};

    #[test]
    fn schedules_parse_ranges_and_round_trip() {
        let s = parse_schedule(&["Mon-Fri 09:00-12:00; Sun 14:00-16:30".to_owned()]).unwrap();
        assert_eq!(s.slots.len(), 6);
        let items = schedule_items(&s);
        assert_eq!(items[0], "Mon 09:00-12:00");
        assert_eq!(parse_schedule(&items).unwrap(), s);
        assert_eq!(
            parse_schedule(&["daily 08:00-20:00".to_owned()])
                .unwrap()
                .slots
                .len(),
            7
        );
        assert!(parse_schedule(&["Funday 09:00-10:00".to_owned()]).is_err());
        assert!(parse_schedule(&["Mon 9-10".to_owned()]).is_err());
    }
}
