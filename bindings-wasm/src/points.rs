//! Points (积分): the ledger's second unit, earned for taking part and spent from an exchange
//! catalogue. Minutes and points never mix: every posting names its unit (`"unit": "points"`;
//! left out for minutes), each unit's balances sum to zero on their own. Earning is capped by
//! the policy (`points_daily_cap`, `points_lifetime_cap`: 2 a day and 600 in all by default;
//! the part above a cap is trimmed, an earn with nothing left is refused with
//! `LEDGER_POINTS_CAP_REACHED` and the cap in `setting`). Catalogue items are the core's JSON
//! (`{code, name, price, stock?}`); every operation is checked by the core and a refusal changes
//! nothing. The same operations go through `submit` and `batch` as
//! `{op: "earn_points" | "exchange" | "list_item" | "restock", …}`.

// wasm-bindgen hands `JsValue` arguments over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::ledger::CatalogueItem;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::convert::number;
use crate::convert::{from_js, text_arg, to_js, whole};
use crate::error::{Failure, Fallible};
use crate::ledger::{JsLedger, account, meta, receipt};
use crate::types::TsNumber;
use crate::types::{
    TsAccountRef, TsBalances, TsCatalogue, TsCatalogueItem, TsCatalogueItemOrUndefined, TsDateTime,
    TsReceipt, TsStatements, TsTxMeta,
};

/// A whole number of points from JS (signed: the core refuses amounts below 1 with its own
/// error).
fn points(value: f64, field: &str) -> Fallible<i64> {
    if value.is_finite() && value.fract() == 0.0 && value.abs() <= crate::convert::SAFE_INTEGER {
        Ok(value as i64)
    } else {
        Err(Failure::invalid(
            field,
            format!("{value} is not a whole number of points"),
        ))
    }
}

/// A quantity of catalogue items (a u32; the core refuses 0).
fn quantity(value: f64) -> Fallible<u32> {
    whole(value, "quantity", f64::from(u32::MAX)).map(|q| q as u32)
}

#[wasm_bindgen(js_class = Ledger)]
impl JsLedger {
    /// Credits a member with points for taking part (`rule`: `activity`, `meeting`,
    /// `suggestion_adopted`, …), from the fund, under the policy's daily and lifetime caps.
    #[wasm_bindgen(js_name = earnPoints)]
    pub fn earn_points(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        #[wasm_bindgen(js_name = account)] account_: &TsAccountRef,
        #[wasm_bindgen(unchecked_param_type = "string")] rule: JsValue,
        #[wasm_bindgen(js_name = points)] points_: &TsNumber,
    ) -> Result<TsReceipt, JsValue> {
        let points_ = number(points_, "points")?;
        let meta = meta(meta_)?;
        let a = account(account_, "account")?;
        let rule = text_arg(&rule, "rule")?;
        let p = points(points_, "points")?;
        receipt(self.inner.earn_points(meta, a, &rule, p))
    }

    /// A member buys `quantity` of a catalogue item: `price × quantity` points back to the
    /// fund, and the stock (if limited) goes down. Refused when the stock or the balance is
    /// short.
    pub fn exchange(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        #[wasm_bindgen(js_name = account)] account_: &TsAccountRef,
        #[wasm_bindgen(unchecked_param_type = "string")] item: JsValue,
        #[wasm_bindgen(js_name = quantity)] quantity_: &TsNumber,
    ) -> Result<TsReceipt, JsValue> {
        let quantity_ = number(quantity_, "quantity")?;
        let meta = meta(meta_)?;
        let a = account(account_, "account")?;
        let item = text_arg(&item, "item")?;
        let q = quantity(quantity_)?;
        receipt(self.inner.exchange(meta, a, &item, q))
    }

    /// Adds an item to the exchange catalogue: `{code, name, price, stock?}` (`stock` left out
    /// or `null`: unlimited). Journaled; cannot be reversed.
    #[wasm_bindgen(js_name = listItem)]
    pub fn list_item(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        item: &TsCatalogueItem,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta(meta_)?;
        let item: CatalogueItem = from_js(item, "item")?;
        receipt(self.inner.list_item(meta, item))
    }

    /// Adds `quantity` to the stock of a listed item with limited stock.
    pub fn restock(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        #[wasm_bindgen(unchecked_param_type = "string")] item: JsValue,
        #[wasm_bindgen(js_name = quantity)] quantity_: &TsNumber,
    ) -> Result<TsReceipt, JsValue> {
        let quantity_ = number(quantity_, "quantity")?;
        let meta = meta(meta_)?;
        let item = text_arg(&item, "item")?;
        let q = quantity(quantity_)?;
        receipt(self.inner.restock(meta, &item, q))
    }

    /// An account's points balance (members and the fund, the points issuer).
    #[wasm_bindgen(js_name = pointsBalance)]
    pub fn points_balance(
        &self,
        #[wasm_bindgen(js_name = account)] account_: &TsAccountRef,
    ) -> Result<f64, JsValue> {
        let a = account(account_, "account")?;
        Ok(self.inner.points_balance(a).map_err(Failure::from)? as f64)
    }

    /// Every points balance, keyed by account label (members and the fund; the donation pool
    /// holds minutes only).
    #[wasm_bindgen(js_name = pointsBalances)]
    pub fn points_balances(&self) -> Result<TsBalances, JsValue> {
        let map: Map<String, Value> = huzhu::model::cold::collect(
            self.inner
                .points_balances()
                .map(|(a, b)| (a.to_string(), Value::from(b))),
        );
        Ok(to_js(&map)?.unchecked_into())
    }

    /// The sum of all points balances (0 in a sound ledger).
    #[wasm_bindgen(js_name = totalPoints)]
    pub fn total_points(&self) -> f64 {
        self.inner.total_points() as f64
    }

    /// Points a member has earned in all, net of reversed earns (what the lifetime cap reads).
    #[wasm_bindgen(js_name = pointsEarned)]
    pub fn points_earned(
        &self,
        #[wasm_bindgen(js_name = account)] account_: &TsAccountRef,
    ) -> Result<f64, JsValue> {
        let a = account(account_, "account")?;
        Ok(self.inner.points_earned(a) as f64)
    }

    /// A catalogue item by code, with its stock now.
    pub fn item(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    ) -> Result<TsCatalogueItemOrUndefined, JsValue> {
        let code = text_arg(&code, "code")?;
        Ok(match self.inner.item(&code) {
            Some(i) => to_js(i)?,
            None => JsValue::UNDEFINED,
        }
        .unchecked_into())
    }

    /// The exchange catalogue, by code, with stock now.
    pub fn catalogue(&self) -> Result<TsCatalogue, JsValue> {
        let items: Vec<&CatalogueItem> = self.inner.catalogue().collect();
        Ok(to_js(&items)?.unchecked_into())
    }

    /// Both statements of an account over `[from, until)`: minutes, then points.
    pub fn statements(
        &self,
        #[wasm_bindgen(js_name = account)] account_: &TsAccountRef,
        from: &TsDateTime,
        until: &TsDateTime,
    ) -> Result<TsStatements, JsValue> {
        let a = account(account_, "account")?;
        let from = crate::convert::datetime_from_js(from, "from")?;
        let until = crate::convert::datetime_from_js(until, "until")?;
        let s = self
            .inner
            .statements(a, from, until)
            .map_err(Failure::from)?;
        Ok(to_js(&s)?.unchecked_into())
    }
}
