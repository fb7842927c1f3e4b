//! `wasm-bindgen-test`s of the bindings' Rust side, run in Node by `wasm-bindgen-test-runner`
//! (`make test-wasm`). Compiled only for wasm32: on the host this file is empty.
#![cfg(target_arch = "wasm32")]

use huzhu_wasm::clearing::JsClearing;
use huzhu_wasm::community::JsCommunity;
use huzhu_wasm::ledger::JsLedger;
use huzhu_wasm::types::{TsAccountInput, TsDateTime, TsNumber, TsTxMeta};
use js_sys::{JSON, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A JS number, as the package's number arguments take it.
fn n(v: f64) -> TsNumber {
    JsValue::from_f64(v).unchecked_into()
}

const EXAMPLE: &str = include_str!("../../core/examples/community.json");

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn code(e: &JsValue) -> String {
    get(e, "code").as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
fn snapshot_round_trip_and_match() {
    let c = JsCommunity::from_json(&JsValue::from_str(EXAMPLE)).unwrap();
    assert_eq!(c.name(), "Plum Blossom Lane 梅花里");
    let text = c.to_json().unwrap();
    let again = JsCommunity::from_json(&JsValue::from(text.as_str())).unwrap();
    assert_eq!(again.to_json().unwrap(), text);
    let now: TsDateTime = JsValue::from_str("2026-11-24T08:00:00").unchecked_into();
    let plan: JsValue = c.match_(&now, None, None).unwrap().into();
    assert_eq!(get(&plan, "optimal"), JsValue::TRUE);
    // The same plan as the text form, and a Date gives the same.
    let text = c.match_json(&now, None, None).unwrap();
    assert_eq!(JSON::stringify(&plan).unwrap().as_string().unwrap(), text);
    let date: TsDateTime = JsValue::from(js_sys::Date::new_with_year_month_day_hr_min_sec(
        2026, 10, 24, 8, 0, 0,
    ))
    .unchecked_into();
    assert_eq!(c.match_json(&date, None, None).unwrap(), text);
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_codes() {
    let e = JsCommunity::from_json(&JsValue::from_str("{"))
        .err()
        .unwrap();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(code(&e), "MODEL_JSON");
    assert_eq!(get(&e, "name").as_string().as_deref(), Some("HuzhuError"));
    let mut c = JsCommunity::new(&JsValue::from_str("Demo")).unwrap();
    let bad = js(
        r#"{"id": 1, "birth_date": "1940-01-01", "household": "lives_alone", "self_care": "full", "home": {"lat": 95, "lon": 0}, "grid": 1}"#,
    );
    let e = c.add_resident(bad.unchecked_ref()).err().unwrap();
    assert_eq!(code(&e), "MODEL_INVALID_FIELD");
    assert_eq!(get(&e, "record").as_string().as_deref(), Some("resident#1"));
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("home.lat"));
    let wrong = js(r#"{"id": "one"}"#);
    let e = c.add_resident(wrong.unchecked_ref()).err().unwrap();
    assert_eq!(code(&e), "MODEL_JSON");
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("resident.id"));
    assert!(get(&e, "line").is_undefined());
    let now: TsDateTime = JsValue::from_str("2026-11-24T08:00:00Z").unchecked_into();
    let e = c.match_(&now, None, None).err().unwrap();
    assert_eq!(code(&e), "INVALID_DATE");
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("now"));
    let number: TsDateTime = JsValue::from_f64(5.0).unchecked_into();
    assert_eq!(
        code(&c.match_(&number, None, None).err().unwrap()),
        "INVALID_ARGUMENT"
    );
}

#[wasm_bindgen_test]
fn ledger_ids_travel_as_labels() {
    let mut l = JsLedger::new(None).unwrap();
    let acc: TsAccountInput = js(r#"{"id": "volunteer#1"}"#).unchecked_into();
    l.open_account(&acc).unwrap();
    let org: TsAccountInput = js(r#"{"id": "provider#2", "group": true}"#).unchecked_into();
    l.open_account(&org).unwrap();
    let meta: TsTxMeta =
        js(r#"{"key": "k1", "operator": "desk", "at": "2026-11-24T10:00:00"}"#).unchecked_into();
    let who = JsValue::from_str("volunteer#1").unchecked_into();
    let r: JsValue = l.earn(&meta, &who, &n(1.0), &n(60.0)).unwrap().into();
    assert_eq!(get(&r, "transaction").as_string().as_deref(), Some("tx#1"));
    let accounts: JsValue = l.accounts().unwrap().into();
    let second = Reflect::get_u32(&accounts, 1).unwrap();
    assert_eq!(
        get(&second, "id").as_string().as_deref(),
        Some("organisation#2")
    );
    assert_eq!(l.balance(&who).unwrap(), 60.0);
    let meta2: TsTxMeta =
        js(r#"{"key": "k2", "operator": "desk", "at": "2026-11-24T10:05:00"}"#).unchecked_into();
    let e = l.redeem(&meta2, &who, &n(61.0), None).err().unwrap();
    assert_eq!(code(&e), "LEDGER_FLOOR_BREACH");
    assert_eq!(
        get(&e, "account").as_string().as_deref(),
        Some("volunteer#1")
    );
    let journal = l.export_journal().unwrap();
    let back = JsLedger::import_journal(JsValue::from(journal)).unwrap();
    assert_eq!(back.balance(&who).unwrap(), 60.0);
}

#[wasm_bindgen_test]
fn journal_lines_rebuild_and_catch_up() {
    let mut a = JsLedger::new(None).unwrap();
    let acc: TsAccountInput = js(r#"{"id": "volunteer#1"}"#).unchecked_into();
    a.open_account(&acc).unwrap();
    let start: JsValue = a.journal_lines_after(None).unwrap().into();
    let head = get(&start, "head");
    let texts = |lines: &JsValue| -> js_sys::Array {
        js_sys::Array::from(lines)
            .iter()
            .map(|l| get(&l, "text"))
            .collect()
    };
    let mut b = JsLedger::from_journal_lines(
        texts(&get(&start, "lines")).into(),
        Some(head.clone().unchecked_into()),
    )
    .unwrap();
    let meta: TsTxMeta =
        js(r#"{"key": "k1", "operator": "desk", "at": "2026-11-24T10:00:00"}"#).unchecked_into();
    let who = JsValue::from_str("volunteer#1").unchecked_into();
    a.earn(&meta, &who, &n(1.0), &n(60.0)).unwrap();
    let news: JsValue = a
        .journal_lines_after(Some(head.clone().unchecked_into()))
        .unwrap()
        .into();
    let lines = texts(&get(&news, "lines"));
    assert_eq!(lines.length(), 1);
    let new_head: JsValue = b
        .append_journal_lines(head.unchecked_ref(), lines.clone().into())
        .unwrap()
        .into();
    assert_eq!(get(&new_head, "seq").as_f64(), Some(3.0));
    assert_eq!(b.balance(&who).unwrap(), 60.0);
    assert_eq!(b.export_journal().unwrap(), a.export_journal().unwrap());
    // An edited line is refused, naming it; b is unchanged.
    let edited = lines
        .get(0)
        .as_string()
        .unwrap()
        .replace("\"minutes\":60", "\"minutes\":600");
    let e = JsLedger::verify_journal_lines(
        head.unchecked_ref(),
        js_sys::Array::of1(&JsValue::from(edited)).into(),
        None,
    )
    .err()
    .unwrap();
    assert_eq!(code(&e), "JOURNAL_HASH_MISMATCH");
    assert_eq!(get(&e, "line").as_f64(), Some(3.0));
}

#[wasm_bindgen_test]
fn clearing_between_two_banks() {
    let bank = |own: &str, other: &str, member: &str| {
        let policy = js(&format!(r#"{{"clearing": {{"bank": "{own}"}}}}"#));
        let mut l = JsLedger::new(Some(policy.unchecked_into())).unwrap();
        for id in [format!("clearing#{other}"), member.to_owned()] {
            let acc: TsAccountInput = js(&format!(r#"{{"id": "{id}"}}"#)).unchecked_into();
            l.open_account(&acc).unwrap();
        }
        l
    };
    let mut pudong = bank("pudong", "xuhui", "volunteer#1");
    let mut xuhui = bank("xuhui", "pudong", "resident#7");
    let meta = |key: &str, hour: u32| -> TsTxMeta {
        js(&format!(
            r#"{{"key": "{key}", "operator": "desk", "at": "2026-11-24T{hour:02}:00:00"}}"#
        ))
        .unchecked_into()
    };
    let who = JsValue::from_str("volunteer#1").unchecked_into();
    pudong
        .earn(&meta("e1", 9), &who, &n(1.0), &n(120.0))
        .unwrap();
    let clearing = JsClearing::new(JsValue::from_str("clearing:city")).unwrap();
    let request = js(
        r#"{"transfer_key": "t1", "to_bank": "xuhui", "from_account": "volunteer#1",
        "to_account": "resident#7", "minutes": 45}"#,
    );
    let message = JsClearing::prepare(&mut pudong, meta("send-1", 10).into(), request).unwrap();
    assert_eq!(
        get(&message, "from_bank").as_string().as_deref(),
        Some("pudong")
    );
    let at = |hour: u32| JsValue::from_str(&format!("2026-11-24T{hour:02}:00:00"));
    let reply = clearing.apply(&mut xuhui, message.clone(), at(11)).unwrap();
    let outcome = get(&reply, "outcome");
    assert_eq!(
        get(&outcome, "state").as_string().as_deref(),
        Some("applied")
    );
    let receipt = clearing.settle(&mut pudong, reply, at(12)).unwrap();
    assert_eq!(
        get(&receipt, "transaction").as_string().as_deref(),
        Some("tx#3")
    );
    assert_eq!(pudong.balance(&who).unwrap(), 75.0);
    let unsettled = JsClearing::unsettled(&pudong).unwrap();
    assert_eq!(js_sys::Array::from(&unsettled).length(), 0);
    assert!(
        JsClearing::message(&pudong, JsValue::from_str("t9"))
            .unwrap()
            .is_undefined()
    );
    // A message without its head names the member; nothing changes.
    let head = xuhui.head().unwrap();
    Reflect::delete_property(
        message.unchecked_ref::<js_sys::Object>(),
        &JsValue::from_str("source_head"),
    )
    .unwrap();
    let e = clearing.apply(&mut xuhui, message, at(13)).err().unwrap();
    assert_eq!(code(&e), "MODEL_JSON");
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("message.source_head")
    );
    let again: JsValue = xuhui.head().unwrap().into();
    assert_eq!(
        JSON::stringify(&again).unwrap(),
        JSON::stringify(&head).unwrap()
    );
}

#[wasm_bindgen_test]
fn bmatch_and_synth() {
    let r: JsValue =
        huzhu_wasm::solver::solve_bmatch(&JsValue::from_str("2 1 2 10\n1\n0 0 5\n1 0 7\n"))
            .unwrap()
            .into();
    assert_eq!(get(&r, "objective").as_f64(), Some(15.0));
    let cfg = js(r#"{"residents": 500, "week_start": "2026-11-23", "seed": 3}"#).unchecked_into();
    let d = huzhu_wasm::synth::generate_district(&cfg).unwrap();
    assert_eq!(d.week_start(), "2026-11-23");
    assert_eq!(d.community().name(), d.community().name());
}

#[wasm_bindgen_test]
fn care_records_and_the_rounds() {
    let mut c = JsCommunity::from_json(&JsValue::from_str(EXAMPLE)).unwrap();
    let worker = js(r#"{"id": 1, "name": "Li Hua", "role": "grid_worker", "grids": [1]}"#);
    c.add_worker(worker.unchecked_ref()).unwrap();
    // Resident 1 (85, living alone) is on the rounds, never visited: one overdue visit, by
    // worker#1 who covers grid 1.
    let now: TsDateTime = JsValue::from_str("2026-11-24T12:00:00").unchecked_into();
    let rounds: JsValue = huzhu_wasm::care::contact_schedule_js(&c, &now, None)
        .unwrap()
        .into();
    assert_eq!(get(&rounds, "in_scope").as_f64(), Some(1.0));
    let by_worker = get(&get(&rounds, "by_worker"), "1");
    assert_eq!(get(&by_worker, "overdue").as_f64(), Some(1.0));
    // A contact naming an unknown worker is refused with the record and field, and not logged.
    let bad = js(
        r#"{"id": 1, "resident": 1, "worker": 9, "at": "2026-11-24T10:00:00", "kind": "visit"}"#,
    );
    let e = c.add_contact(bad.unchecked_ref()).err().unwrap();
    assert_eq!(code(&e), "MODEL_UNKNOWN_REFERENCE");
    assert_eq!(get(&e, "record").as_string().as_deref(), Some("contact#1"));
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("worker"));
    let contacts: JsValue = c.contacts().unwrap().into();
    assert_eq!(js_sys::Array::from(&contacts).length(), 0);
}

#[wasm_bindgen_test]
fn kpis_levels_and_the_report() {
    // Match rate 55% → 82% from 2026-01-01 to 2029-01-01, 64% on 2026-07-01: a third of the way.
    let start: huzhu_wasm::types::TsDate = JsValue::from_str("2026-01-01").unchecked_into();
    let kpis: JsValue = huzhu_wasm::kpi::default_kpis_js(&start).unwrap().into();
    let rate = js_sys::Array::from(&kpis).get(0);
    assert_eq!(
        get(&rate, "code").as_string().as_deref(),
        Some("match_rate")
    );
    let series = js(r#"[{"date": "2026-07-01", "value": 0.64}]"#);
    let today: huzhu_wasm::types::TsDate = JsValue::from_str("2026-07-01").unchecked_into();
    let p: JsValue = huzhu_wasm::kpi::kpi_progress_js(
        rate.unchecked_ref(),
        series.unchecked_ref(),
        &today,
        None,
    )
    .unwrap()
    .into();
    assert!((get(&p, "progress").as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(get(&p, "status").as_string().as_deref(), Some("on_track"));
    // 0 days between evaluations: refused by the core, naming the KPI and field.
    let e = huzhu_wasm::kpi::kpi_progress_js(
        rate.unchecked_ref(),
        series.unchecked_ref(),
        &today,
        Some(n(0.0)),
    )
    .err()
    .unwrap();
    assert_eq!(code(&e), "SCORING_INVALID_FIELD");
    assert_eq!(
        get(&e, "record").as_string().as_deref(),
        Some("kpi match_rate")
    );
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("period_days"));
    // A community under a grid: the parent must sit at a higher level.
    let nodes = js(
        r#"[{"id": "g", "name": "G", "level": "grid"}, {"id": "a", "name": "A", "level": "community", "parent": "g"}]"#,
    );
    let e = huzhu_wasm::levels::rollup_js(nodes.unchecked_ref(), js("{}").unchecked_ref())
        .err()
        .unwrap();
    assert_eq!(code(&e), "SCORING_INVALID_FIELD");
    assert_eq!(
        get(&e, "record").as_string().as_deref(),
        Some("level node a")
    );
    // The report of an empty quarter is a whole HTML document.
    let c = JsCommunity::from_json(&JsValue::from_str(EXAMPLE)).unwrap();
    let inputs = js(
        r#"{"period": {"start": "2026-10-01", "end": "2027-01-01"}, "now": "2027-01-01T00:00:00"}"#,
    );
    let card: JsValue = huzhu_wasm::scoring::scorecard(&c, inputs.unchecked_ref(), None)
        .unwrap()
        .into();
    let input = js_sys::Object::new();
    Reflect::set(&input, &"generated".into(), &"2027-01-01".into()).unwrap();
    Reflect::set(&input, &"scorecards".into(), &js_sys::Array::of1(&card)).unwrap();
    Reflect::set(&input, &"kpis".into(), &kpis).unwrap();
    let html = huzhu_wasm::report::evaluation_report_js(&c, input.unchecked_ref()).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("供需匹配率") && html.contains("2026 Q4"));
}
