//! The importer proper: HSDS tables → providers and services, with the report.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;

use super::report::{ImportIssue, ImportReport, Severity};
use super::tables::{HsdsTables, Row};
use super::{HsdsError, HsdsIds, HsdsImport, HsdsImportOptions, ServiceOrigin};
use crate::error::RecordRef;
use crate::model::{
    CategoryCode, Eligibility, Fee, Frequency, GeoPoint, MAX_UTC_OFFSET_MINUTES, Provider,
    ProviderId, Recurrence, RecurringSchedule, Service, ServiceId, ServiceMode, ServiceStatus,
    SpecialGroups, WeekdayNum, WeeklySchedule, parse_weekday_code,
};

/// Text of a column, `None` when absent or blank.
fn get<'r>(row: &'r Row, key: &str) -> Option<&'r str> {
    row.get(key).map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn id_of(row: &Row, index: usize) -> String {
    get(row, "id").map_or_else(|| format!("row {}", index + 1), str::to_owned)
}

/// Issues of one record being built: errors make the record fail.
struct Issues<'a> {
    report: &'a mut ImportReport,
    failed: bool,
}

impl Issues<'_> {
    fn error(&mut self, table: &str, record: &str, field: &str, why: impl Into<String>) {
        self.failed = true;
        self.report
            .push(ImportIssue::new(Severity::Error, table, record, field, why));
    }

    fn warn(&mut self, table: &str, record: &str, field: &str, why: impl Into<String>) {
        self.report.push(ImportIssue::new(
            Severity::Warning,
            table,
            record,
            field,
            why,
        ));
    }
}

/// Rows of a table sorted by id (rows without id last, in input order), with duplicates
/// reported.
fn index<'t>(rows: &'t [Row], table: &str, report: &mut ImportReport) -> BTreeMap<String, &'t Row> {
    let mut out = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(id) = get(row, "id") else {
            report.push(ImportIssue::new(
                Severity::Error,
                table,
                id_of(row, i),
                "id",
                "missing",
            ));
            continue;
        };
        if out.insert(id.to_owned(), row).is_some() {
            report.push(ImportIssue::new(
                Severity::Error,
                table,
                id,
                "id",
                "appears twice",
            ));
        }
    }
    out
}

fn dense<T>(
    first: u32,
    n: usize,
    table: &str,
    make: impl Fn(u32) -> T,
) -> Result<Vec<T>, HsdsError> {
    (0..n)
        .map(|i| {
            u32::try_from(i)
                .ok()
                .and_then(|i| first.checked_add(i))
                .map(&make)
                .ok_or_else(|| HsdsError::TooMany {
                    table: table.into(),
                })
        })
        .collect()
}

pub(super) fn run(tables: &HsdsTables, o: &HsdsImportOptions) -> Result<HsdsImport, HsdsError> {
    let mut report = ImportReport::default();
    let orgs = index(&tables.organizations, "organization", &mut report);
    let services = index(&tables.services, "service", &mut report);
    let locations = index(&tables.locations, "location", &mut report);
    let sals = index(
        &tables.service_at_locations,
        "service_at_location",
        &mut report,
    );
    let terms = index(&tables.taxonomy_terms, "taxonomy_term", &mut report);
    let units = index(&tables.units, "unit", &mut report);
    let mut skipped = BTreeSet::new();

    // Providers, in HSDS id order.
    let mut providers = Vec::new();
    let mut provider_ids = BTreeMap::new();
    let ids = dense(o.first_provider_id, orgs.len(), "organization", ProviderId)?;
    let mut next = ids.into_iter();
    for (hsds_id, row) in &orgs {
        let mut issues = Issues {
            report: &mut report,
            failed: false,
        };
        let name = get(row, "name").unwrap_or_default();
        if name.is_empty() {
            issues.error("organization", hsds_id, "name", "missing");
        }
        if issues.failed {
            skipped.insert(hsds_id.clone());
            continue;
        }
        let id = next.next().unwrap_or(ProviderId(u32::MAX));
        let p = Provider {
            id,
            name: name.to_owned(),
            kind: o.provider_kind,
            stars: 0,
        };
        if let Err(e) = p.check() {
            issues.error("organization", hsds_id, "name", model_why(&e));
            skipped.insert(hsds_id.clone());
            continue;
        }
        provider_ids.insert(hsds_id.clone(), id);
        providers.push(p);
    }

    // Attributes that link to no record read here.
    for (i, a) in tables.attributes.iter().enumerate() {
        if let Some(link) = get(a, "link_id")
            && !services.contains_key(link)
            && !sals.contains_key(link)
            && !locations.contains_key(link)
            && !orgs.contains_key(link)
        {
            report.push(ImportIssue::new(
                Severity::Warning,
                "attribute",
                id_of(a, i),
                "link_id",
                format!("refers to no service, location or organization ({link}): the attribute is not used"),
            ));
        }
    }

    // Services that no service-at-location places.
    let placed: BTreeSet<&str> =
        crate::cold::collect(sals.values().filter_map(|r| get(r, "service_id")));
    for hsds_id in services.keys() {
        if !placed.contains(hsds_id.as_str()) {
            report.push(ImportIssue::new(
                Severity::Error,
                "service",
                hsds_id,
                "service_at_locations",
                "no service-at-location: huzhu places a service at a located point",
            ));
            skipped.insert(hsds_id.clone());
        }
    }

    // One service per service-at-location, in HSDS id order.
    let ctx = Ctx {
        tables,
        o,
        terms: &terms,
        units: &units,
    };
    let mut built = Vec::new();
    for (sal_id, sal) in &sals {
        let mut issues = Issues {
            report: &mut report,
            failed: false,
        };
        let svc = match get(sal, "service_id") {
            None => {
                issues.error("service_at_location", sal_id, "service_id", "missing");
                None
            }
            Some(s) => services.get(s).copied().or_else(|| {
                issues.error(
                    "service_at_location",
                    sal_id,
                    "service_id",
                    format!("refers to unknown service {s}"),
                );
                None
            }),
        };
        let loc = match get(sal, "location_id") {
            None => {
                issues.error("service_at_location", sal_id, "location_id", "missing");
                None
            }
            Some(l) => locations.get(l).copied().or_else(|| {
                issues.error(
                    "service_at_location",
                    sal_id,
                    "location_id",
                    format!("refers to unknown location {l}"),
                );
                None
            }),
        };
        let (Some(svc), Some(loc)) = (svc, loc) else {
            skipped.insert(sal_id.clone());
            continue;
        };
        let service_id = get(svc, "id").unwrap_or_default().to_owned();
        let provider = match get(svc, "organization_id") {
            None => {
                issues.error("service", &service_id, "organization_id", "missing");
                None
            }
            Some(org) => provider_ids.get(org).copied().or_else(|| {
                issues.error(
                    "service",
                    &service_id,
                    "organization_id",
                    format!("refers to an unknown or skipped organization {org}"),
                );
                None
            }),
        };
        let service = ctx.service(&mut issues, sal_id, svc, loc, provider);
        match service {
            Some(s) if !issues.failed => built.push((
                s,
                ServiceOrigin {
                    id: ServiceId(0),
                    service_at_location: sal_id.clone(),
                    service: service_id,
                    location: get(loc, "id").unwrap_or_default().to_owned(),
                },
            )),
            _ => {
                skipped.insert(sal_id.clone());
            }
        }
    }

    let errors = report.errors().count();
    if errors > 0 && !o.skip_invalid {
        let first = report
            .errors()
            .next()
            .map(ToString::to_string)
            .unwrap_or_default();
        return Err(HsdsError::Rejected {
            errors,
            first,
            report,
        });
    }
    let ids = dense(
        o.first_service_id,
        built.len(),
        "service_at_location",
        ServiceId,
    )?;
    let mut out_services = Vec::with_capacity(built.len());
    let mut origins = Vec::with_capacity(built.len());
    for ((mut s, mut origin), id) in built.into_iter().zip(ids) {
        s.id = id;
        origin.id = id;
        out_services.push(s);
        origins.push(origin);
    }
    if o.skip_invalid {
        report.skipped = skipped.into_iter().collect();
    }
    Ok(HsdsImport {
        providers,
        services: out_services,
        ids: HsdsIds {
            providers: provider_ids,
            services: origins,
        },
        report,
    })
}

fn model_why(e: &crate::error::ModelError) -> String {
    match e {
        crate::error::ModelError::InvalidField { problem, .. } => problem.to_string(),
        other => other.to_string(),
    }
}

struct Ctx<'a> {
    tables: &'a HsdsTables,
    o: &'a HsdsImportOptions,
    terms: &'a BTreeMap<String, &'a Row>,
    units: &'a BTreeMap<String, &'a Row>,
}

impl Ctx<'_> {
    fn service(
        &self,
        issues: &mut Issues<'_>,
        sal_id: &str,
        svc: &Row,
        loc: &Row,
        provider: Option<ProviderId>,
    ) -> Option<Service> {
        let sid = get(svc, "id").unwrap_or_default();
        let lid = get(loc, "id").unwrap_or_default();
        let name = get(svc, "name").unwrap_or_default();
        if name.is_empty() {
            issues.error("service", sid, "name", "missing");
        }
        let status = match get(svc, "status").map(str::to_lowercase).as_deref() {
            Some("active") => ServiceStatus::Active,
            Some("inactive") => ServiceStatus::Inactive,
            Some("defunct") => ServiceStatus::Defunct,
            Some("temporarily closed" | "temporarily_closed") => ServiceStatus::TemporarilyClosed,
            Some(other) => {
                issues.error(
                    "service",
                    sid,
                    "status",
                    format!("`{other}` is not active, inactive, defunct or temporarily closed"),
                );
                ServiceStatus::Inactive
            }
            None => {
                issues.error("service", sid, "status", "missing");
                ServiceStatus::Inactive
            }
        };
        let min_age = age(issues, sid, svc, "minimum_age");
        let max_age = age(issues, sid, svc, "maximum_age");
        if let (Some(lo), Some(hi)) = (min_age, max_age)
            && lo > hi
        {
            issues.error(
                "service",
                sid,
                "maximum_age",
                format!("{hi} is below minimum_age {lo}"),
            );
        }
        let location = Self::point(issues, lid, loc);
        let mode = match get(loc, "location_type").map(str::to_lowercase).as_deref() {
            None | Some("physical") => ServiceMode::AtFacility,
            Some("virtual") => ServiceMode::Device,
            Some(other) => {
                issues.error(
                    "location",
                    lid,
                    "location_type",
                    format!(
                        "`{other}` is not a place where a service is given (physical or virtual)"
                    ),
                );
                ServiceMode::AtFacility
            }
        };
        let (categories, groups) = self.terms_of(issues, sid, &[sid, sal_id]);
        let (recurring, had_schedules) = self.schedules(issues, sal_id, sid, lid);
        if !had_schedules && mode != ServiceMode::Device {
            issues.warn(
                "service",
                sid,
                "schedules",
                "no schedule: the matcher will not offer this service until opening hours are added",
            );
        }
        let capacity = self.capacity(issues, sid);
        let fee = self.fee(issues, sid);
        let radius_m = location.map_or(self.o.radius_m, |at| self.radius(issues, sid, at));
        let (Some(location), Some(provider)) = (location, provider) else {
            return None;
        };
        let s = Service {
            id: ServiceId(0),
            provider,
            name: name.to_owned(),
            categories,
            location,
            radius_m,
            schedule: WeeklySchedule::default(),
            recurring,
            capacity_per_week: capacity,
            eligibility: Eligibility {
                min_age,
                max_age,
                groups_any: groups,
            },
            fee,
            free_for_subsidised: false,
            mode,
            status,
        };
        if !issues.failed
            && let Err(e) = s.check()
        {
            let field = e.field().unwrap_or("record").to_owned();
            issues.error("service", sid, &field, model_why(&e));
        }
        Some(s)
    }

    fn point(issues: &mut Issues<'_>, lid: &str, loc: &Row) -> Option<GeoPoint> {
        let mut coord = |field: &str, limit: f64| -> Option<f64> {
            let Some(text) = get(loc, field) else {
                issues.error(
                    "location",
                    lid,
                    field,
                    "missing: huzhu places a service at a point",
                );
                return None;
            };
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() && v.abs() <= limit => Some(v),
                Ok(v) if v.is_finite() => {
                    issues.error(
                        "location",
                        lid,
                        field,
                        format!("value {v} is outside -{limit}..={limit}"),
                    );
                    None
                }
                _ => {
                    issues.error("location", lid, field, format!("`{text}` is not a number"));
                    None
                }
            }
        };
        let lat = coord("latitude", 90.0);
        let lon = coord("longitude", 180.0);
        Some(GeoPoint {
            lat: lat?,
            lon: lon?,
        })
    }

    /// Categories and eligibility groups from the taxonomy terms linked to `links`.
    fn terms_of(
        &self,
        issues: &mut Issues<'_>,
        sid: &str,
        links: &[&str],
    ) -> (Vec<CategoryCode>, SpecialGroups) {
        let mut categories: Vec<CategoryCode> = Vec::new();
        let mut groups = SpecialGroups::NONE;
        for a in self
            .tables
            .attributes
            .iter()
            .filter(|a| get(a, "link_id").is_some_and(|l| links.contains(&l)))
        {
            let aid = get(a, "id").unwrap_or_default();
            let Some(tid) = get(a, "taxonomy_term_id") else {
                issues.warn(
                    "attribute",
                    aid,
                    "taxonomy_term_id",
                    "missing: the attribute is not used",
                );
                continue;
            };
            let Some(term) = self.terms.get(tid) else {
                issues.warn(
                    "attribute",
                    aid,
                    "taxonomy_term_id",
                    format!("refers to unknown taxonomy term {tid}"),
                );
                continue;
            };
            let keys: Vec<String> = ["code", "name"]
                .iter()
                .filter_map(|k| get(term, k))
                .map(str::to_lowercase)
                .collect();
            if let Some(c) = keys.iter().find_map(|k| self.o.categories.get(k)) {
                if !categories.contains(c) {
                    categories.push(c.clone());
                }
            } else if let Some(g) = keys.iter().find_map(|k| self.o.groups.get(k)) {
                groups.insert(*g);
            } else {
                issues.warn(
                    "taxonomy_term",
                    tid,
                    "code",
                    format!(
                        "term {} maps to no huzhu category or eligibility group: add it to the mapping table",
                        keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" / ")
                    ),
                );
            }
        }
        if categories.is_empty() {
            if let Some(c) = &self.o.default_category {
                issues.warn(
                    "service",
                    sid,
                    "attributes",
                    format!("no taxonomy term maps to a huzhu category: the default `{c}` is used"),
                );
                categories.push(c.clone());
            } else {
                issues.error(
                    "service",
                    sid,
                    "attributes",
                    "no taxonomy term maps to a huzhu category (supply a mapping or a default category)",
                );
            }
        }
        (categories, groups)
    }

    /// The most specific schedules: the service-at-location's, else the location's, else the
    /// service's.
    fn schedules(
        &self,
        issues: &mut Issues<'_>,
        sal_id: &str,
        sid: &str,
        lid: &str,
    ) -> (RecurringSchedule, bool) {
        let rows: &[Row] = &self.tables.schedules;
        let pick = |key: &str, id: &str| -> Vec<&Row> {
            let mut v: Vec<&Row> = rows.iter().filter(|r| get(r, key) == Some(id)).collect();
            crate::cold::sort_by(&mut v, |a, b| get(a, "id").cmp(&get(b, "id")));
            v
        };
        let mut chosen = pick("service_at_location_id", sal_id);
        if chosen.is_empty() {
            chosen = pick("location_id", lid);
        }
        if chosen.is_empty() {
            chosen = pick("service_id", sid);
        }
        let mut out = RecurringSchedule {
            utc_offset_minutes: self.o.utc_offset_minutes,
            ..RecurringSchedule::default()
        };
        let had = !chosen.is_empty();
        for row in chosen {
            if let Some(r) = schedule(issues, row) {
                out.rules.push(r);
            }
        }
        (out, had)
    }

    fn capacity(&self, issues: &mut Issues<'_>, sid: &str) -> u32 {
        let rows: Vec<&Row> = self
            .tables
            .service_capacities
            .iter()
            .filter(|r| get(r, "service_id") == Some(sid))
            .collect();
        let Some(first) = rows.first() else {
            return self.o.capacity_per_week;
        };
        let cid = get(first, "id").unwrap_or_default();
        if rows.len() > 1 {
            issues.warn(
                "service_capacity",
                cid,
                "service_id",
                format!(
                    "the service has {} capacities: only the first (by order) is used",
                    rows.len()
                ),
            );
        }
        if let Some(unit) = get(first, "unit_id").and_then(|u| self.units.get(u)) {
            let name = get(unit, "name").unwrap_or_default();
            issues.warn(
                "service_capacity",
                cid,
                "unit_id",
                format!("capacity in `{name}` is read as tasks per week"),
            );
        }
        let field = if get(first, "available").is_some() {
            "available"
        } else {
            "maximum"
        };
        match get(first, field).map(parse_whole) {
            Some(Some(n)) => n,
            Some(None) => {
                issues.error("service_capacity", cid, field, "is not a whole number ≥ 0");
                0
            }
            None => {
                issues.error(
                    "service_capacity",
                    cid,
                    "available",
                    "neither available nor maximum given",
                );
                0
            }
        }
    }

    fn fee(&self, issues: &mut Issues<'_>, sid: &str) -> Fee {
        let mut best: Option<u32> = None;
        for row in self
            .tables
            .cost_options
            .iter()
            .filter(|r| get(r, "service_id") == Some(sid))
        {
            let cid = get(row, "id").unwrap_or_default();
            let Some(text) = get(row, "amount") else {
                issues.warn(
                    "cost_option",
                    cid,
                    "amount",
                    "missing: the option is not used",
                );
                continue;
            };
            let amount = match text.parse::<f64>() {
                Ok(a) if a.is_finite() && a >= 0.0 && a * 100.0 <= f64::from(u32::MAX) => a,
                _ => {
                    issues.error(
                        "cost_option",
                        cid,
                        "amount",
                        format!("`{text}` is not an amount ≥ 0"),
                    );
                    continue;
                }
            };
            let currency = get(row, "currency").unwrap_or_default();
            if !currency.eq_ignore_ascii_case(&self.o.currency) {
                issues.warn(
                    "cost_option",
                    cid,
                    "currency",
                    format!(
                        "`{currency}` is not the community's currency {}: the fee is not mapped",
                        self.o.currency
                    ),
                );
                continue;
            }
            let fen = (amount * 100.0).round() as u32;
            best = Some(best.map_or(fen, |b| b.min(fen)));
        }
        match best {
            None | Some(0) => Fee::Free,
            Some(price_fen) => Fee::Paid { price_fen },
        }
    }

    fn radius(&self, issues: &mut Issues<'_>, sid: &str, at: GeoPoint) -> u32 {
        let mut radius: Option<u32> = None;
        for row in self
            .tables
            .service_areas
            .iter()
            .filter(|r| get(r, "service_id") == Some(sid))
        {
            let aid = get(row, "id").unwrap_or_default();
            let Some(extent) = get(row, "extent") else {
                issues.warn(
                    "service_area",
                    aid,
                    "extent",
                    format!(
                        "missing: the area is named only; the radius stays {} m",
                        self.o.radius_m
                    ),
                );
                continue;
            };
            let kind = get(row, "extent_type").unwrap_or("geojson");
            if !kind.eq_ignore_ascii_case("geojson") {
                issues.warn(
                    "service_area",
                    aid,
                    "extent_type",
                    format!(
                        "`{kind}` extents are not read (only GeoJSON); the radius stays {} m",
                        self.o.radius_m
                    ),
                );
                continue;
            }
            let mut far: Option<u32> = None;
            if let Ok(geom) = serde_json::from_str::<Value>(extent) {
                positions(&geom, &mut |lon, lat| {
                    if lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0
                    {
                        let d = at.distance_m(GeoPoint { lat, lon });
                        far = Some(far.map_or(d, |f| f.max(d)));
                    }
                });
            }
            match far {
                Some(d) => radius = Some(radius.map_or(d, |r| r.max(d)).max(1)),
                None => issues.warn(
                    "service_area",
                    aid,
                    "extent",
                    format!(
                        "is not a GeoJSON geometry with valid positions; the radius stays {} m",
                        self.o.radius_m
                    ),
                ),
            }
        }
        radius.unwrap_or(self.o.radius_m)
    }
}

/// Calls `f(lon, lat)` on every position of a GeoJSON geometry, feature or collection.
fn positions(v: &Value, f: &mut impl FnMut(f64, f64)) {
    match v {
        Value::Array(a) if a.len() >= 2 && a.iter().all(Value::is_number) => {
            if let (Some(lon), Some(lat)) = (a[0].as_f64(), a[1].as_f64()) {
                f(lon, lat);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| positions(x, f)),
        Value::Object(o) => {
            for key in ["coordinates", "geometry", "geometries", "features"] {
                if let Some(x) = o.get(key) {
                    positions(x, f);
                }
            }
        }
        _ => {}
    }
}

fn parse_whole(text: &str) -> Option<u32> {
    text.parse::<u32>().ok().or_else(|| {
        let v = text.parse::<f64>().ok()?;
        (v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX))
            .then_some(v as u32)
    })
}

fn age(issues: &mut Issues<'_>, sid: &str, svc: &Row, field: &str) -> Option<u32> {
    let text = get(svc, field)?;
    let v = parse_whole(text).filter(|v| *v <= 150);
    if v.is_none() {
        issues.error(
            "service",
            sid,
            field,
            format!("`{text}` is not a whole number of years in 0..=150"),
        );
    }
    v
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(text, "%Y%m%d").ok())
        .or_else(|| {
            text.get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        })
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim_end_matches('Z');
    NaiveTime::parse_from_str(t, "%H:%M:%S")
        .ok()
        .or_else(|| NaiveTime::parse_from_str(t, "%H:%M").ok())
        .or_else(|| NaiveTime::parse_from_str(t, "%H:%M:%S%.f").ok())
}

/// One HSDS schedule row → a recurrence rule, reporting what cannot be mapped.
fn schedule(issues: &mut Issues<'_>, row: &Row) -> Option<Recurrence> {
    let id = get(row, "id").unwrap_or_default().to_owned();
    let before = issues.failed;
    issues.failed = false;
    let err = |issues: &mut Issues<'_>, field: &str, why: String| {
        issues.error("schedule", &id, field, why);
    };

    for (field, why) in [
        (
            "byweekno",
            "BYWEEKNO is outside the supported subset (RFC 5545 allows it only with FREQ=YEARLY)",
        ),
        (
            "byyearday",
            "BYYEARDAY is outside the supported subset (RFC 5545 forbids it with WEEKLY and MONTHLY)",
        ),
    ] {
        if get(row, field).is_some() {
            err(issues, field, why.into());
        }
    }
    let by_day: Vec<WeekdayNum> = get(row, "byday")
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .filter_map(|x| match x.parse() {
                    Ok(d) => Some(d),
                    Err(e) => {
                        err(issues, "byday", e);
                        None
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let freq = match get(row, "freq").map(str::to_uppercase).as_deref() {
        Some("WEEKLY") => Some(Frequency::Weekly),
        Some("MONTHLY") => Some(Frequency::Monthly),
        Some(other) => {
            err(
                issues,
                "freq",
                format!("{other} is outside the supported subset (WEEKLY, MONTHLY)"),
            );
            None
        }
        None if !by_day.is_empty() => {
            issues.warn(
                "schedule",
                &id,
                "freq",
                "missing: read as WEEKLY because byday is given",
            );
            Some(Frequency::Weekly)
        }
        None => {
            err(issues, "freq", "missing".into());
            None
        }
    };
    let by_month_day: Vec<i8> = get(row, "bymonthday")
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .filter_map(|x| match x.trim_start_matches('+').parse::<i8>() {
                    Ok(n) if n != 0 && (-31..=31).contains(&n) => Some(n),
                    _ => {
                        err(
                            issues,
                            "bymonthday",
                            format!("`{x}` is not a day of the month (1..=31 or -31..=-1)"),
                        );
                        None
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    if freq == Some(Frequency::Weekly) && !by_month_day.is_empty() {
        issues.warn(
            "schedule",
            &id,
            "bymonthday",
            "RFC 5545 does not allow BYMONTHDAY with FREQ=WEEKLY: applied as a filter on the weekly days",
        );
    }
    let date = |issues: &mut Issues<'_>, field: &str| -> Option<NaiveDate> {
        let text = get(row, field)?;
        let d = parse_date(text);
        if d.is_none() {
            issues.error(
                "schedule",
                &id,
                field,
                format!("`{text}` is not a date (YYYY-MM-DD)"),
            );
        }
        d
    };
    let valid_from = date(issues, "valid_from");
    let valid_to = date(issues, "valid_to");
    let dtstart = date(issues, "dtstart");
    let until = get(row, "until").and_then(|text| {
        let u = crate::model::recurrence_until(text);
        if u.is_none() {
            issues.error(
                "schedule",
                &id,
                "until",
                format!("`{text}` is not a date or date-time"),
            );
        }
        u
    });
    let whole = |issues: &mut Issues<'_>, field: &str| -> Option<u32> {
        let text = get(row, field)?;
        let v = parse_whole(text).filter(|v| *v > 0);
        if v.is_none() {
            issues.error(
                "schedule",
                &id,
                field,
                format!("`{text}` is not a whole number ≥ 1"),
            );
        }
        v
    };
    let interval = whole(issues, "interval").unwrap_or(1);
    let count = whole(issues, "count");
    if count.is_some() && until.is_some() {
        issues.error(
            "schedule",
            &id,
            "count",
            "COUNT and UNTIL must not both be set (RFC 5545)",
        );
    }
    let wkst = match get(row, "wkst") {
        None => chrono::Weekday::Mon,
        Some(text) => parse_weekday_code(text).unwrap_or_else(|| {
            issues.error(
                "schedule",
                &id,
                "wkst",
                format!("`{text}` is not a weekday (MO…SU)"),
            );
            chrono::Weekday::Mon
        }),
    };
    let time = |issues: &mut Issues<'_>, field: &str| -> Option<NaiveTime> {
        let Some(text) = get(row, field) else {
            issues.error(
                "schedule",
                &id,
                field,
                "missing: the opening hours are unknown",
            );
            return None;
        };
        let t = parse_time(text);
        if t.is_none() {
            issues.error(
                "schedule",
                &id,
                field,
                format!("`{text}` is not a time of day (HH:MM[:SS])"),
            );
        }
        t
    };
    let opens = time(issues, "opens_at");
    let closes = time(issues, "closes_at");
    let utc_offset_minutes = get(row, "timezone").and_then(|text| match text.parse::<f64>() {
        Ok(h) if h.is_finite() && (h * 60.0).abs() <= f64::from(MAX_UTC_OFFSET_MINUTES) => {
            Some((h * 60.0).round() as i32)
        }
        _ => {
            issues.error(
                "schedule",
                &id,
                "timezone",
                format!("`{text}` is not a UTC offset in hours (-18..=18)"),
            );
            None
        }
    });
    // Without DTSTART the phase of the rule is unknown, unless nothing depends on it.
    let dtstart = dtstart.or(valid_from).or_else(|| {
        let phase_free =
            interval == 1 && count.is_none() && (!by_day.is_empty() || !by_month_day.is_empty());
        if phase_free {
            NaiveDate::from_ymd_opt(1970, 1, 1)
        } else {
            issues.error(
                "schedule",
                &id,
                "dtstart",
                "missing, and the rule depends on it (INTERVAL, COUNT or no BYDAY/BYMONTHDAY)",
            );
            None
        }
    });
    let failed = issues.failed;
    issues.failed = before || failed;
    if failed {
        return None;
    }
    let rule = Recurrence {
        freq: freq?,
        interval,
        by_day,
        by_month_day,
        dtstart: dtstart?,
        until,
        count,
        wkst,
        opens: opens?,
        closes: closes?,
        valid_from,
        valid_to,
        utc_offset_minutes,
    };
    if let Err(e) = rule.check(&RecordRef::Snapshot, "") {
        let field = e.field().unwrap_or("").trim_start_matches('.');
        let field = match field {
            "closes" => "closes_at",
            "by_day[0]" => "byday",
            f => f,
        };
        issues.error("schedule", &id, field, model_why(&e));
        return None;
    }
    Some(rule)
}
