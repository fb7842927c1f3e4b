//! `kind: "ledger"` and `kind: "journal"` — a time bank driven step by step.
//!
//! Input:
//! ```json
//! {"policy": {"overdraft_limit": 0, "cap": 90000 | null, "transfer_rule": "family_only",
//!             "group_donate_only": true, "unit": 1, "starting_grant": 0, "reviewers_required": 0},
//!  "steps": [{"open": {"id": "volunteer#1", "priority": false, "group": false, "family": []}},
//!            {"submit": {"key": "k1", "operator": "desk", "at": "2026-11-24T09:00:00", "memo": "",
//!                        "operation": {"op": "earn", "account": "volunteer#1", "need": 1, "minutes": 60}}},
//!            {"approve": {"key": "k1", "reviewer": "rev", "at": "2026-11-24T10:00:00"}},
//!            {"balance": "volunteer#1"},
//!            {"points_balance": "resident#1"},
//!            {"statement": {"account": "volunteer#1", "from": "…", "until": "…",
//!                           "unit": "minutes" | "points" (optional, minutes)}}]}
//! ```
//! The policy is read by `LedgerPolicy::from_json`: every setting is optional (defaults as
//! `LedgerPolicy::default()`; `"cap": null` removes the cap). Output:
//! ```json
//! {"steps": [{"ok": <receipt | balance | statement | "ok">} | {"error": {...}}],
//!  "balances": [[account, minutes]], "total_balance": 0, "pending": [key],
//!  "transactions": [{"id", "key", "kind", "posted_at", "postings", "reviewers"}],
//!  "journal": {"lines": n, "types": ["header", "open", …, "seal"], "reimport": "equal"}}
//! ```
//! When the case used points (any points posting or catalogue item), the output also has
//! `"points_balances": [[account, points]]` (members and the fund), `"total_points": 0` and
//! `"catalogue": [{"code", "name", "price", "stock"}]`; postings in points carry
//! `"unit": "points"`. Cases without points have exactly the output above.
//! A `journal` case has the same input plus `"tamper": [edit, …]` applied in order to the
//! exported journal text, where an edit is `{"replace": {"from": s, "to": s}}` (first
//! occurrence), `{"swap_lines": [i, j]}`, `{"delete_line": i}`, `{"truncate_lines": n}` (keep the
//! first n) or `{"append": s}`; lines are numbered from 1. Its output is the import:
//! `{"import": {"ok": {"balances", "transactions": count}}}` or `{"import": {"error": …}}`.

use chrono::NaiveDateTime;
use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, Operation, TxMeta, Unit};
use huzhu::model::text::format_local_datetime;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{case_json, error_value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Submit {
    key: String,
    operator: String,
    #[serde(with = "huzhu::model::text::local")]
    at: NaiveDateTime,
    #[serde(default)]
    memo: String,
    operation: Operation,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Approve {
    key: String,
    reviewer: String,
    #[serde(with = "huzhu::model::text::local")]
    at: NaiveDateTime,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatementQuery {
    account: AccountId,
    #[serde(with = "huzhu::model::text::local")]
    from: NaiveDateTime,
    #[serde(with = "huzhu::model::text::local")]
    until: NaiveDateTime,
    #[serde(default)]
    unit: Unit,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Step {
    /// An account as the core reads it: `{"id", "priority", "group", "family"}`.
    Open(Account),
    Submit(Submit),
    Approve(Approve),
    Balance(AccountId),
    PointsBalance(AccountId),
    Statement(StatementQuery),
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Tamper {
    Replace { from: String, to: String },
    SwapLines([usize; 2]),
    DeleteLine(usize),
    TruncateLines(usize),
    Append(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    #[serde(default)]
    policy: Option<Value>,
    #[serde(default)]
    steps: Vec<Step>,
    #[serde(default)]
    tamper: Vec<Tamper>,
}

fn result<T: serde::Serialize>(r: Result<T, huzhu::ledger::LedgerError>) -> Value {
    match r {
        Ok(v) => json!({"ok": v}),
        Err(e) => error_value(e.clone()),
    }
}

fn drive(input: Input) -> Result<(Ledger, Vec<Value>, Vec<Tamper>), Value> {
    let policy = match input.policy {
        Some(p) => LedgerPolicy::from_value(p).map_err(error_value)?,
        None => LedgerPolicy::default(),
    };
    let mut ledger = Ledger::new(policy).map_err(|e| error_value(e.clone()))?;
    let mut out = Vec::with_capacity(input.steps.len());
    for step in input.steps {
        let before = ledger.clone();
        let r = match step {
            Step::Open(account) => result(ledger.open_account(account).map(|()| "ok")),
            Step::Submit(s) => {
                let meta = TxMeta::new(s.key, s.operator, s.at).with_memo(s.memo);
                result(ledger.submit(meta, s.operation))
            }
            Step::Approve(a) => result(ledger.approve(&a.key, &a.reviewer, a.at)),
            Step::Balance(account) => result(ledger.balance(account)),
            Step::PointsBalance(account) => result(ledger.points_balance(account)),
            Step::Statement(q) => result(ledger.statement_in(q.account, q.unit, q.from, q.until)),
        };
        // The ledger's promise: a rejected operation changes nothing.
        if r.get("error").is_some() && ledger != before {
            return Err(
                json!({"error": {"code": "CONFORMANCE_REJECTED_OPERATION_CHANGED_LEDGER",
                "message": "a rejected operation changed the ledger"}}),
            );
        }
        out.push(r);
    }
    Ok((ledger, out, input.tamper))
}

fn balances(ledger: &Ledger) -> Value {
    json!(
        ledger
            .balances()
            .map(|(a, b)| json!([a, b]))
            .collect::<Vec<_>>()
    )
}

fn line_type(line: &str) -> Value {
    serde_json::from_str::<Value>(line)
        .ok()
        .and_then(|v| {
            v.get("type")
                .cloned()
                .or_else(|| v.get("entry")?.get("type").cloned())
        })
        .unwrap_or(Value::Null)
}

/// Runs a ledger case.
pub fn run(input: Value) -> Value {
    let input: Input = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    let (ledger, steps, _) = match drive(input) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let transactions: Vec<Value> = ledger
        .transactions()
        .iter()
        .map(|t| {
            json!({"id": t.id, "key": t.meta.key, "kind": t.operation.kind(),
                   "posted_at": format_local_datetime(t.posted_at), "postings": t.postings,
                   "reviewers": t.reviewers})
        })
        .collect();
    let pending: Vec<&str> = ledger
        .pending_transactions()
        .map(|p| p.meta.key.as_str())
        .collect();
    let journal = match ledger.export_journal() {
        Ok(text) => {
            let reimport = match Ledger::import_journal(&text) {
                Ok(l) if l == ledger => json!("equal"),
                Ok(_) => json!("different"),
                Err(e) => error_value(e.clone()),
            };
            json!({"lines": text.lines().count(),
                   "types": text.lines().map(line_type).collect::<Vec<_>>(),
                   "reimport": reimport})
        }
        Err(e) => error_value(e.clone()),
    };
    let mut out = json!({
        "steps": steps,
        "balances": balances(&ledger),
        "total_balance": ledger.total_balance().to_string().parse::<i64>().unwrap_or(i64::MAX),
        "pending": pending,
        "transactions": transactions,
        "journal": journal,
    });
    let used_points = ledger.catalogue().next().is_some()
        || ledger
            .transactions()
            .iter()
            .flat_map(|t| &t.postings)
            .any(|p| p.unit == Unit::Points);
    if used_points {
        out["points_balances"] = json!(
            ledger
                .points_balances()
                .map(|(a, b)| json!([a, b]))
                .collect::<Vec<_>>()
        );
        out["total_points"] = json!(
            ledger
                .total_points()
                .to_string()
                .parse::<i64>()
                .unwrap_or(i64::MAX)
        );
        out["catalogue"] = json!(ledger.catalogue().collect::<Vec<_>>());
    }
    out
}

fn tamper(text: &str, edits: &[Tamper]) -> String {
    let mut text = text.to_owned();
    for edit in edits {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        match edit {
            Tamper::Replace { from, to } => {
                text = text.replacen(from.as_str(), to, 1);
                continue;
            }
            Tamper::SwapLines([i, j]) => {
                if (1..=lines.len()).contains(i) && (1..=lines.len()).contains(j) {
                    lines.swap(i - 1, j - 1);
                }
            }
            Tamper::DeleteLine(i) => {
                if (1..=lines.len()).contains(i) {
                    lines.remove(i - 1);
                }
            }
            Tamper::TruncateLines(n) => lines.truncate(*n),
            Tamper::Append(s) => lines.push(s.clone()),
        }
        text = lines.join("\n");
        if !text.is_empty() {
            text.push('\n');
        }
    }
    text
}

/// Runs a journal case: drive a ledger, export, tamper, import.
pub fn run_journal(input: Value) -> Value {
    let input: Input = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    let (ledger, _, edits) = match drive(input) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let text = match ledger.export_journal() {
        Ok(t) => t,
        Err(e) => return error_value(e.clone()),
    };
    let import = match Ledger::import_journal(&tamper(&text, &edits)) {
        Ok(l) => json!({"ok": {"balances": balances(&l), "transactions": l.transactions().len(),
                              "equal_to_original": l == ledger}}),
        Err(e) => error_value(e.clone()),
    };
    json!({"import": import})
}
