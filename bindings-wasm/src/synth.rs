//! The seeded synthetic district (its week of time-bank exchanges is in [`crate::bridges`]).

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::model::{Community, GeoPoint};
use huzhu::synth::{District, DistrictConfig, DistrictSummary, GridArea, generate};
use serde::Deserialize;
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::{from_js, iso, parse_date, parse_js};
use crate::error::{Failure, Fallible};
use crate::types::{TsDistrictConfig, TsDistrictSummary, TsGeoPoints, TsGridAreas};

/// The JS shape of a district configuration (snake case; all but `residents` and
/// `week_start` optional, defaulting as in the core).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigInput {
    residents: u32,
    week_start: String,
    seed: Option<u64>,
    name: Option<String>,
    centre: Option<GeoPoint>,
    residents_per_grid: Option<u32>,
    residents_per_compound: Option<u32>,
    density_per_km2: Option<u32>,
    aged_60_plus_permille: Option<u16>,
    aged_65_plus_permille: Option<u16>,
    aged_80_plus_permille: Option<u16>,
    children_permille: Option<u16>,
    volunteer_permille: Option<u16>,
    resident_volunteer_permille: Option<u16>,
    needs_per_thousand: Option<u32>,
    recorded_in_advance: Option<bool>,
}

/// The core configuration from the JS shape.
pub fn config_from(i: ConfigInput) -> Fallible<DistrictConfig> {
    let week = parse_date(&i.week_start, "config.week_start")?;
    let mut c = DistrictConfig::new(i.residents, week);
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = i.$f { c.$f = v; } )* };
    }
    set!(
        seed,
        name,
        centre,
        residents_per_grid,
        residents_per_compound,
        density_per_km2,
        aged_60_plus_permille,
        aged_65_plus_permille,
        aged_80_plus_permille,
        children_permille,
        volunteer_permille,
        resident_volunteer_permille,
        needs_per_thousand,
        recorded_in_advance
    );
    c.check()?;
    Ok(c)
}

/// Generates a district (host-testable).
pub fn district_from_json(text: &str) -> Fallible<District> {
    let input: ConfigInput = crate::convert::parse(text, "config")?;
    Ok(generate(&config_from(input)?)?)
}

/// A generated district.
#[wasm_bindgen(js_name = District)]
pub struct JsDistrict {
    /// Shared copy-on-write with every `community` handed out.
    community: Rc<Community>,
    week_start: NaiveDate,
    now: NaiveDateTime,
    grids: Vec<GridArea>,
    hospitals: Vec<GeoPoint>,
    summary: DistrictSummary,
}

#[wasm_bindgen(js_class = District)]
impl JsDistrict {
    /// The community: a copy of the generated one, which costs nothing until it is changed
    /// (copy-on-write; see `Community`).
    #[wasm_bindgen(getter)]
    pub fn community(&self) -> JsCommunity {
        JsCommunity {
            inner: Rc::clone(&self.community),
        }
    }

    /// Monday of the generated week, `YYYY-MM-DD`.
    #[wasm_bindgen(getter, js_name = weekStart)]
    pub fn week_start(&self) -> String {
        self.week_start.to_string()
    }

    /// The end of the week (the "now" for scoring), ISO local time.
    #[wasm_bindgen(getter)]
    pub fn now(&self) -> String {
        iso(self.now)
    }

    /// Counts by kind and group.
    #[wasm_bindgen(getter)]
    pub fn summary(&self) -> Result<TsDistrictSummary, JsValue> {
        let s = &self.summary;
        let groups: serde_json::Map<String, Value> = huzhu::model::cold::collect(
            s.special_groups
                .iter()
                .map(|(g, n)| (g.code().to_owned(), Value::from(*n))),
        );
        let v = json!({
            "residents": s.residents, "aged_60_plus": s.aged_60_plus, "aged_65_plus": s.aged_65_plus,
            "aged_80_plus": s.aged_80_plus, "children": s.children, "special_groups": groups,
            "grids": s.grids, "compounds": s.compounds, "area_m2": s.area_m2,
            "volunteers": s.volunteers, "resident_volunteers": s.resident_volunteers,
            "providers": s.providers, "services": s.services, "needs": s.needs,
        });
        Ok(parse_js(&v.to_string())?.unchecked_into())
    }

    /// The grid cells (centre, side, residents, compounds).
    #[wasm_bindgen(getter)]
    pub fn grids(&self) -> Result<TsGridAreas, JsValue> {
        let list: Vec<Value> = self
            .grids
            .iter()
            .map(|g| {
                json!({
                    "id": g.id, "centre": g.centre, "side_m": g.side_m, "residents": g.residents,
                    "compounds": g.compounds, "compound_radius_m": g.compound_radius_m,
                })
            })
            .collect();
        Ok(parse_js(&Value::Array(list).to_string())?.unchecked_into())
    }

    /// Hospitals (escort destinations).
    #[wasm_bindgen(getter)]
    pub fn hospitals(&self) -> Result<TsGeoPoints, JsValue> {
        Ok(crate::convert::to_js(&self.hospitals)?.unchecked_into())
    }
}

/// Generates a seeded synthetic district: `{residents, week_start, seed?, …}`.
#[wasm_bindgen(js_name = generateDistrict)]
pub fn generate_district(config: &TsDistrictConfig) -> Result<JsDistrict, JsValue> {
    let mut input: ConfigInput = from_js(config, "config")?;
    // A `Date` is read as its local calendar day (JSON would have made it a UTC instant).
    let week = js_sys::Reflect::get(config, &"week_start".into()).unwrap_or(JsValue::UNDEFINED);
    if week.is_instance_of::<js_sys::Date>() {
        input.week_start = crate::convert::date_from_js(&week, "config.week_start")?.to_string();
    }
    let District {
        community,
        week_start,
        now,
        grids,
        hospitals,
        summary,
    } = generate(&config_from(input)?).map_err(Failure::from)?;
    Ok(JsDistrict {
        community: Rc::new(community),
        week_start,
        now,
        grids,
        hospitals,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configs_default_and_check() {
        let d = district_from_json(r#"{"residents": 300, "week_start": "2026-11-23", "seed": 7}"#)
            .unwrap();
        assert_eq!(d.summary.residents, 300);
        let e =
            district_from_json(r#"{"residents": 300, "week_start": "23/11/2026"}"#).unwrap_err();
        assert_eq!(e.code, "INVALID_DATE");
        let e = district_from_json(
            r#"{"residents": 300, "week_start": "2026-11-23", "volunteer_permille": 5000}"#,
        )
        .unwrap_err();
        assert!(e.code.starts_with("MODEL_"), "{e:?}");
    }
}
