//! The field's formats: Open Referral HSDS service directories in, GeoJSON out.

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::formats::geojson::{coverage_to_geojson, plan_to_geojson};
use huzhu::formats::hsds::{HsdsImport, HsdsImportOptions, import_json, import_tabular_json};
use wasm_bindgen::prelude::*;

use crate::community::JsCommunity;
use crate::convert::number;
use crate::convert::{from_js_opt, json, parse_js, text_arg, to_js, whole};
use crate::error::{Failure, Fallible};
use crate::matching::plan_once;
use crate::types::TsNumber;
use crate::types::{
    TsDateTime, TsGeoJson, TsHsdsImport, TsHsdsOptions, TsImportReport, TsMatchContextInput,
    TsMatchPolicyInput,
};

fn options(value: Option<&JsValue>) -> Fallible<HsdsImportOptions> {
    Ok(match value {
        Some(v) => from_js_opt(v, "options")?.unwrap_or_default(),
        None => HsdsImportOptions::default(),
    })
}

/// Imports an HSDS JSON directory (`tabular`: one array per table) with the given options.
pub fn import(json_text: &str, tabular: bool, opts: &HsdsImportOptions) -> Fallible<HsdsImport> {
    Ok(if tabular {
        import_tabular_json(json_text, opts)?
    } else {
        import_json(json_text, opts)?
    })
}

/// Reads an Open Referral HSDS directory (JSON: nested organizations, or `tabular` with one
/// array per table) into providers and services, with the id mapping and an import report.
/// Nothing is added anywhere: see `Community.addHsds`.
#[wasm_bindgen(js_name = importHsds)]
pub fn import_hsds(
    #[wasm_bindgen(js_name = json, unchecked_param_type = "string")] json_text: &JsValue,
    #[wasm_bindgen(js_name = options)] options_: Option<TsHsdsOptions>,
    tabular: Option<bool>,
) -> Result<TsHsdsImport, JsValue> {
    let json_text = text_arg(json_text, "json")?;
    let opts = options(options_.as_deref())?;
    let imported = import(&json_text, tabular.unwrap_or(false), &opts)?;
    Ok(to_js(&imported)?.unchecked_into())
}

#[wasm_bindgen(js_class = Community)]
impl JsCommunity {
    /// Imports an HSDS directory and adds its providers and services to this community
    /// (all or nothing); returns the import report.
    #[wasm_bindgen(js_name = addHsds)]
    pub fn add_hsds(
        &mut self,
        #[wasm_bindgen(js_name = json, unchecked_param_type = "string")] json_text: &JsValue,
        #[wasm_bindgen(js_name = options)] options_: Option<TsHsdsOptions>,
        tabular: Option<bool>,
    ) -> Result<TsImportReport, JsValue> {
        let json_text = text_arg(json_text, "json")?;
        let mut opts = options(options_.as_deref())?;
        // New ids continue after the community's own, so imported records never collide
        // (as the Python package does).
        if let Some(p) = self.inner.providers().map(|p| p.id.0).max() {
            opts.first_provider_id = opts.first_provider_id.max(p.saturating_add(1));
        }
        if let Some(s) = self.inner.services().map(|s| s.id.0).max() {
            opts.first_service_id = opts.first_service_id.max(s.saturating_add(1));
        }
        let imported = import(&json_text, tabular.unwrap_or(false), &opts)?;
        imported.add_to(self.records_mut()).map_err(Failure::from)?;
        Ok(to_js(&imported.report)?.unchecked_into())
    }

    /// Matches at `now` and returns the plan as a GeoJSON FeatureCollection (needs, helpers,
    /// assignment lines; unmatched needs carry their reason).
    #[wasm_bindgen(js_name = planGeoJson)]
    pub fn plan_geojson(
        &self,
        now: &TsDateTime,
        policy: Option<TsMatchPolicyInput>,
        context: Option<TsMatchContextInput>,
    ) -> Result<TsGeoJson, JsValue> {
        let plan = plan_once(&self.inner, now, policy.as_deref(), context.as_deref())?;
        Ok(parse_js(&json(&plan_to_geojson(&self.inner, &plan))?)?.unchecked_into())
    }

    /// Living-circle coverage by grid as a GeoJSON FeatureCollection.
    #[wasm_bindgen(js_name = coverageGeoJson)]
    pub fn coverage_geojson(
        &self,
        #[wasm_bindgen(js_name = thresholdMinutes)] threshold_minutes: &TsNumber,
    ) -> Result<TsGeoJson, JsValue> {
        let threshold_minutes = number(threshold_minutes, "thresholdMinutes")?;
        let t = whole(threshold_minutes, "thresholdMinutes", f64::from(u32::MAX))? as u32;
        Ok(parse_js(&json(&coverage_to_geojson(&self.inner, t))?)?.unchecked_into())
    }
}
