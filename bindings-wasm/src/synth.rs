//! The seeded synthetic district (its week of time-bank exchanges is in [`crate::bridges`]).

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::model::text::format_local_datetime;
use huzhu::model::{Community, GeoPoint};
use huzhu::synth::{District, DistrictConfig, DistrictSummary, GridArea, generate};
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::{local_date_member, value_from_js};
use crate::error::{Failure, Fallible};
use crate::types::{TsDistrictConfig, TsDistrictSummary, TsGeoPoints, TsGridAreas};

/// A district configuration from JS, read and checked by the core (`week_start` may be a `Date`,
/// read as its local calendar day).
pub fn config_from_js(config: &JsValue) -> Fallible<DistrictConfig> {
    let mut v = value_from_js(config, "config")?;
    local_date_member(config, &mut v, "week_start", "config.week_start", true)?;
    Ok(DistrictConfig::from_value(v)?)
}

/// A generated district.
#[wasm_bindgen(js_name = District)]
pub struct JsDistrict {
    /// Shared copy-on-write with every `community` handed out.
    community: Arc<Community>,
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
            inner: Arc::clone(&self.community),
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
        format_local_datetime(self.now)
    }

    /// Counts by kind and group.
    #[wasm_bindgen(getter)]
    pub fn summary(&self) -> Result<TsDistrictSummary, JsValue> {
        Ok(crate::convert::to_js(&self.summary)?.unchecked_into())
    }

    /// The grid cells (centre, side, residents, compounds).
    #[wasm_bindgen(getter)]
    pub fn grids(&self) -> Result<TsGridAreas, JsValue> {
        Ok(crate::convert::to_js(&self.grids)?.unchecked_into())
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
    let District {
        community,
        week_start,
        now,
        grids,
        hospitals,
        summary,
    } = generate(&config_from_js(config)?).map_err(Failure::from)?;
    Ok(JsDistrict {
        community: Arc::new(community),
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
    fn configs_are_read_by_the_core() {
        let c = DistrictConfig::from_json(
            r#"{"residents": 300, "week_start": "2026-11-23", "seed": 7}"#,
        )
        .unwrap();
        assert_eq!(generate(&c).unwrap().summary.residents, 300);
        let e = Failure::from(
            DistrictConfig::from_json(
                r#"{"residents": 300, "week_start": "2026-11-23", "volunteer_permille": 5000}"#,
            )
            .unwrap_err(),
        );
        assert_eq!(
            (e.code.as_str(), e.record.as_deref(), e.field.as_deref()),
            (
                "MODEL_INVALID_FIELD",
                Some("district config"),
                Some("volunteer_permille")
            )
        );
    }
}
