"""Type stubs of the native module `huzhu._huzhu`."""

import datetime as dt
import os
import pathlib
from typing import Any, Callable, Iterable, Literal, Mapping

from ._table import Table
from .routing import DayRounds

__version__: str

# Local wall-clock times: a naive datetime, a date (midnight) or text such as
# "2026-11-24T09:00:00" / "2026-11-24 09:00" / "2026-11-24". A UTC offset ("+08:00", "Z"), a
# timezone-aware datetime or pandas Timestamp, NaT and leap seconds are refused (INVALID_DATE).
_DateTime = dt.datetime | dt.date | str
# Labels, written in one spelling; on input also any case, ":" or "/" for "#", and pairs.
_Helper = str | tuple[str, int]  # "volunteer#3", "service#2", ("volunteer", 3)
_Account = str | tuple[str, int]  # "resident#1", "volunteer#3", "organisation#2", "fund", "donation_pool"
_Need = int | str  # 7, "need#7", "7"
_Tx = int | str  # "tx#7", 7, "7"
_TableLike = Any  # anything with __arrow_c_stream__, a pandas DataFrame, a dict of columns, a list of row dicts
# KPIs in the core's JSON (a list of dicts, or JSON text): {"code", "measure", "name_en", "name_zh",
# "baseline" (optional), "baseline_date", "target", "deadline", "phase" (optional), "direction"}
_Kpis = Iterable[Mapping[str, Any]] | str

class HuzhuError(ValueError):
    """Every huzhu error carries the core's facts (None where they do not apply)."""

    code: str | None  # stable: "MODEL_INVALID_FIELD", "LEDGER_FLOOR_BREACH", "INVALID_DATE", "INVALID_ARGUMENT", …
    record: str | None  # "resident#3", "transaction 'k1'", "match policy", "journal line 4"
    field: str | None  # "home.lat", "operations[1].minutes", a JSON path, an argument or column
    setting: str | None  # the policy or configuration setting at fault
    account: str | None  # an account label, e.g. "volunteer#3"
    key: str | None  # the transaction's idempotency key
    transaction: str | None  # a transaction label, e.g. "tx#7"
    line: int | None  # the line of the text at fault (a journal, JSON)
    index: int | None  # the position at fault in a list (a batch item)
    cause: str | None  # the code of the wrapped error (a rejected batch item, a journal replay)
    table: str | None  # a table cell's table ("residents")
    row: str | None  # a table cell's row
    column: str | None  # a table cell's column

class ValidationError(HuzhuError): ...
class PolicyError(HuzhuError): ...
class LedgerError(HuzhuError): ...
class JournalError(LedgerError): ...
class MatchError(HuzhuError): ...
class InfeasibleError(MatchError): ...
class ScoringError(HuzhuError): ...
class StoreError(HuzhuError): ...  # a durable ledger's database: damaged (line), newer, full, read-only, busy
class InternalError(HuzhuError): ...  # code "INTERNAL_PANIC"

class Community:
    @staticmethod
    def from_tables(
        residents: _TableLike,
        needs: _TableLike | None = None,
        volunteers: _TableLike | None = None,
        services: _TableLike | None = None,
        providers: _TableLike | None = None,
        categories: _TableLike | None = None,
        workers: _TableLike | None = None,
        care_files: _TableLike | None = None,
        packages: _TableLike | None = None,  # one row per care-package item, keyed by `resident`
        contacts: _TableLike | None = None,
        activities: _TableLike | None = None,  # attendees: a list of resident ids or "1;2"
        feedback: _TableLike | None = None,  # subject + subject_id for a service, provider or facility
        *,
        name: str = "community",
    ) -> Community: ...
    def with_tables(
        self,
        *,
        residents: _TableLike | None = None,
        needs: _TableLike | None = None,
        volunteers: _TableLike | None = None,
        services: _TableLike | None = None,
        providers: _TableLike | None = None,
        categories: _TableLike | None = None,
        workers: _TableLike | None = None,
        care_files: _TableLike | None = None,
        packages: _TableLike | None = None,
        contacts: _TableLike | None = None,
        activities: _TableLike | None = None,
        feedback: _TableLike | None = None,  # a row whose id exists updates that feedback
    ) -> Community: ...  # a new community with the records added; this one unchanged
    # Rolling planning: a new community with the rows of `needs` (the columns of from_tables) written
    # in by id: a known id replaces that need whole (a status change, a moved window), a new id adds
    # one; an id twice in the table is refused (MODEL_DUPLICATE_ID, .table/.row/.record). Each row
    # given is read at the call, nothing is cached; the other records are this community's own.
    # This one is unchanged; with no row that differs, the result shares its records.
    def update(self, *, needs: _TableLike | None = None) -> Community: ...
    # A new community with records added from the snapshot's record lists, in the core's JSON:
    # {"providers", "residents", "volunteers", "services", "needs", "workers", "care_files", "contacts",
    #  "activities", "feedback"}.
    def with_records(self, records: Mapping[str, Iterable[Mapping[str, Any]]]) -> Community: ...
    @staticmethod
    def from_json(text: str) -> Community: ...
    def to_json(self) -> str: ...
    def to_tables(self) -> dict[str, Table]: ...
    @property
    def name(self) -> str: ...
    @property
    def counts(self) -> dict[str, int]: ...
    @property
    def residents(self) -> Table: ...
    @property
    def needs(self) -> Table: ...
    @property
    def volunteers(self) -> Table: ...
    @property
    def services(self) -> Table: ...
    @property
    def providers(self) -> Table: ...
    @property
    def categories(self) -> Table: ...
    @property
    def workers(self) -> Table: ...  # id, name, role, grids, qualified (optional on input, default False)
    @property
    def care_files(self) -> Table: ...  # resident, opened, closed, worker, assessment_date, assessor, self_care, health_risks, living_risks, risk, visit_every_days, call_every_days
    @property
    def packages(self) -> Table: ...  # resident, category, every, weekday, from, until, duration_minutes
    @property
    def contacts(self) -> Table: ...  # id, resident, worker, at, kind, notes
    @property
    def activities(self) -> Table: ...  # id, kind, organiser, category, start, end, place, grid, attendees
    @property
    def feedback(self) -> Table: ...  # id, kind, resident, channel, category, subject, subject_id, received, answered, closed, outcome, text
    @property
    def subsidy(self) -> dict[str, Any]: ...  # the core's JSON of the subsidy policy: {"aged_from": 80}
    def match(
        self,
        *,
        now: _DateTime | None = None,
        policy: Mapping[str, Any] | None = None,
        pinned: Mapping[_Need, _Helper] | None = None,
        committed: Mapping[_Helper, int] | None = None,
        history: Iterable[tuple[int, _Helper]] | None = None,
        unavailable: Iterable[_Helper] | None = None,
        reliability: Mapping[_Helper, int] | None = None,
        hours: bool = False,
        progress: bool | Callable[[str, int, int], object] | None = None,
        **policy_settings: Any,
    ) -> Plan: ...
    def _repr_html_(self) -> str: ...

class Plan:
    @property
    def assignments(self) -> Table: ...
    @property
    def unmatched(self) -> Table: ...
    @property
    def objective(self) -> int: ...
    @property
    def optimal(self) -> bool: ...
    @property
    def lower_bound(self) -> int | None: ...
    @property
    def match_rate(self) -> float: ...
    @property
    def now(self) -> dt.datetime: ...
    @property
    def stats(self) -> dict[str, Any]: ...
    def explain(self, need: _Need) -> dict[str, Any]: ...  # the core's JSON of an explanation
    def explain_text(self, need: _Need) -> str: ...
    def why_not(self, need: _Need, helper: _Helper) -> dict[str, Any]: ...
    def verify(self) -> bool: ...
    # Options (read and checked by the core; errors name "advice.<option>"): max_groups (5),
    # max_recruits (5), minutes_per_week (240), max_travel_m (1200). Exact matcher only.
    def staffing_advice(self, **options: int) -> StaffingAdvice: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __len__(self) -> int: ...
    def _repr_html_(self) -> str: ...

class StaffingAdvice:
    # skills, language, gender, grid, weekday ("Tue"), day_part (morning / afternoon / evening),
    # recruits, predicted_needs, predicted_value, needs_met, objective_gain, text_en, text_zh, group_needs
    @property
    def table(self) -> Table: ...
    # Piece `row`'s recruits in the columns of Community.volunteers: community.with_tables(volunteers=…)
    def volunteers(self, row: int) -> Table: ...
    def to_dict(self) -> list[dict[str, Any]]: ...  # the core's JSON of each piece (with "volunteers")
    def __len__(self) -> int: ...
    def _repr_html_(self) -> str: ...

_Receipt = dict[str, Any]  # {"status": "posted", "transaction": "tx#3"} or {"status": "pending", "approvals": 1, "required": 2}

class Ledger:
    def __init__(self, policy: Mapping[str, Any] | None = None, **settings: Any) -> None: ...
    @property
    def policy(self) -> dict[str, Any]: ...
    def open_account(self, account: _Account, *, priority: bool = False, group: bool = False, family: Iterable[_Account] | None = None) -> None: ...
    def earn(self, account: _Account, need: _Need, minutes: int, *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def redeem(self, account: _Account, minutes: int, *, at: _DateTime, need: _Need | None = None, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def transfer(self, from_: _Account, to: _Account, minutes: int, *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def donate(self, account: _Account, minutes: int, *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def grant(self, account: _Account, *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def pool_grant(self, recipients: Iterable[_Account], minutes_each: int, *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def batch(self, operations: Iterable[Mapping[str, Any]], *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def submit(self, operation_: Mapping[str, Any], *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def reverse(self, tx: _Tx, *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def approve(self, key: str, reviewer: str, at: _DateTime) -> _Receipt: ...
    def balance(self, account: _Account) -> int: ...
    def balances(self) -> Table: ...
    @property
    def total_balance(self) -> int: ...
    def verify_balances(self) -> bool: ...
    @property
    def transactions(self) -> Table: ...  # one row per posting; tx and account as labels
    def transaction(self, tx: _Tx) -> dict[str, Any] | None: ...  # {"id": "tx#1", "key", "operator", "at", "memo", "posted_at", "kind", "operation", "postings", "reviewers"}
    @property
    def pending(self) -> list[dict[str, Any]]: ...  # [{"key", "operator", "at", "memo", "operation", "approvals"}]
    def statement(self, account: _Account, start: _DateTime, until: _DateTime, unit: Literal["minutes", "points"] | None = None) -> Statement: ...
    def statements(self, account: _Account, start: _DateTime, until: _DateTime) -> tuple[Statement, Statement]: ...  # (minutes, points)
    # Points (积分): the second unit, capped per day and in all by the policy (points_daily_cap,
    # points_lifetime_cap); spent from the exchange catalogue.
    def earn_points(self, account: _Account, rule: str, points: int, *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def exchange(self, account: _Account, item: str, quantity: int | None = None, *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def list_item(self, item: Mapping[str, Any], *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...  # {"code", "name", "price", "stock"}
    def restock(self, item: str, quantity: int, *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _Receipt: ...
    def points_balance(self, account: _Account) -> int: ...
    def points_balances(self) -> Table: ...  # account, kind, id, points, earned
    def points_earned(self, account: _Account) -> int: ...
    @property
    def total_points(self) -> int: ...
    def catalogue(self) -> Table: ...  # code, name, price, stock (None: unlimited)
    def item(self, code: str) -> dict[str, Any] | None: ...
    def export_journal(self) -> str: ...
    @staticmethod
    def import_journal(text: str) -> Ledger: ...
    # A durable bank in a SQLite file: each operation committed before it returns; a new file
    # takes the policy given (default without one), an existing one keeps its own.
    @staticmethod
    def open(path: str | os.PathLike[str], policy: Mapping[str, Any] | None = None, **settings: Any) -> Ledger: ...
    # Mends a bank file: a damaged tail is set aside (quarantine), a deleted tail accepted as it
    # stands. {"kept": lines, "dropped": [seq, …] set aside, "missing": [seq, …] gone from the
    # file, "keys_rebuilt": bool, "head_rewritten": bool, "reason": message | None,
    # "reason_code": "STORE_CORRUPT" | "STORE_HEAD_MISMATCH" | "STORE_KEY_INDEX" | … | None}
    @staticmethod
    def recover(path: str | os.PathLike[str]) -> dict[str, Any]: ...
    @property
    def location(self) -> str | None: ...  # "sqlite:<path>", or None in memory
    @property
    def head(self) -> tuple[int, str]: ...  # (lines, hash of the last line)
    def refresh(self) -> int: ...  # lines other processes wrote, now read
    def __len__(self) -> int: ...

# Clearing between time banks (通存通兑), in the core's JSON:
# request {"transfer_key", "to_bank", "from_account", "to_account", "minutes"};
# message {"transfer_key", "from_bank", "to_bank", "from_account", "to_account", "minutes", "source_head"};
# reply {"transfer_key", "from_bank", "to_bank", "outcome": {"state": "applied"} | {"state": "refused", "reason": str}, "dest_head"}.
_TransferRequest = Mapping[str, Any]
_TransferMessage = dict[str, Any]
_TransferReply = dict[str, Any]

class Clearing:
    """The stateless clearing driver: prepare at the sending bank, apply (or refuse) at the
    receiving bank, settle at the sending bank; on a bank file each step is one database
    transaction."""

    def __init__(self, operator: str) -> None: ...
    @property
    def operator(self) -> str: ...
    @staticmethod
    def prepare(ledger: Ledger, request: _TransferRequest, *, at: _DateTime, key: str | None = None, operator: str = "office", memo: str = "") -> _TransferMessage: ...
    def apply(self, ledger: Ledger, message: Mapping[str, Any], *, at: _DateTime) -> _TransferReply: ...
    def refuse(self, ledger: Ledger, message: Mapping[str, Any], reason: str, *, at: _DateTime) -> _TransferReply: ...
    def settle(self, ledger: Ledger, reply: Mapping[str, Any], *, at: _DateTime) -> _Receipt: ...
    @staticmethod
    def message(ledger: Ledger, transfer_key: str) -> _TransferMessage | None: ...
    @staticmethod
    def reply(ledger: Ledger, from_bank: str, transfer_key: str) -> _TransferReply | None: ...
    @staticmethod
    def unsettled(ledger: Ledger) -> list[_TransferMessage]: ...  # in transfer-key order
    @staticmethod
    def apply_key(from_bank: str, transfer_key: str) -> str: ...  # "clearing:apply:<from_bank>:<transfer_key>"
    @staticmethod
    def refuse_key(from_bank: str, transfer_key: str) -> str: ...  # "clearing:refuse:<from_bank>:<transfer_key>"
    @staticmethod
    def acknowledge_key(transfer_key: str) -> str: ...  # "clearing:ack:<transfer_key>"
    @staticmethod
    def cancel_key(transfer_key: str) -> str: ...  # "clearing:cancel:<transfer_key>"

class Statement:
    @property
    def account(self) -> str: ...
    @property
    def unit(self) -> Literal["minutes", "points"]: ...
    @property
    def opening(self) -> int: ...
    @property
    def closing(self) -> int: ...
    @property
    def start(self) -> dt.datetime: ...
    @property
    def until(self) -> dt.datetime: ...
    @property
    def lines(self) -> Table: ...
    def to_dict(self) -> dict[str, Any]: ...  # the core's JSON: {"account", "from", "until", "opening", "lines", "closing", "unit" (points only)}
    def _repr_html_(self) -> str: ...

class Evidence:
    @staticmethod
    def from_tables(
        records: _TableLike | None = None,
        surveys: _TableLike | None = None,
        care_records: _TableLike | None = None,
        visits: _TableLike | None = None,
        identity: _TableLike | None = None,
        training: _TableLike | None = None,  # worker, date, minutes
        funding: _TableLike | None = None,  # source (government, welfare_lottery, charity, enterprise, service_fees, other), date, amount_fen
    ) -> Evidence: ...
    @staticmethod
    def from_dict(value: Mapping[str, Any]) -> Evidence: ...  # the core's JSON: records, surveys, care_records, visits, staff, time_bank, assignments, identity, training, funding
    @staticmethod
    def from_json(text: str) -> Evidence: ...
    def to_dict(self) -> dict[str, Any]: ...
    @property
    def records(self) -> Table: ...
    @property
    def surveys(self) -> Table: ...
    @property
    def care_records(self) -> Table: ...
    @property
    def visits(self) -> Table: ...
    @property
    def training(self) -> Table: ...  # worker, date, minutes
    @property
    def funding(self) -> Table: ...  # source, date, amount_fen

class Scorecard:
    def compare(self, before: Scorecard, *, z: float = 1.96) -> Any: ...  # rate, before_count, before_total, after_count, after_total, change, low, high, significant
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...  # the first day after the period
    def measure(self, code: str) -> float | None: ...  # a code of scoring.measures() (else ValidationError); None: no data
    # The core's JSON; "loads" is a Table: worker, role, qualified, grids, residents, care_files, training_minutes, over_caseload
    @property
    def workforce(self) -> dict[str, Any]: ...
    # The core's JSON; "by_source" is a Table: source, name_en, name_zh, amount_fen, share
    @property
    def funding(self) -> dict[str, Any]: ...
    def tally(self) -> dict[str, Any]: ...  # the core's Tally: {"residents", "counts": {code: {"of", "n"}}, "samples", "amounts"}
    def grid_tallies(self, community: Community | None = None) -> dict[int, dict[str, Any]]: ...
    def report(
        self,
        path: str | os.PathLike[str],
        *,
        history: Iterable[Scorecard] | None = None,  # earlier periods, in date order
        kpis: _Kpis | None = None,  # default: default_kpis(first period's start)
        community: Community | None = None,  # default: the community scored
        levels: Rollup | Iterable[Mapping[str, Any]] | None = None,
        advice: StaffingAdvice | Iterable[Mapping[str, Any]] | None = None,
        title_zh: str | None = None,
        title_en: str | None = None,
        generated: _DateTime | None = None,  # default: today
        z: float = 1.96,
    ) -> pathlib.Path: ...
    @property
    def score(self) -> float | None: ...
    @property
    def satisfaction(self) -> Table: ...
    @property
    def alerts(self) -> Table: ...
    @property
    def response(self) -> Table: ...
    @property
    def coverage(self) -> Table: ...
    @property
    def staffing(self) -> Table: ...
    @property
    def visits(self) -> Table: ...
    @property
    def identification(self) -> Table: ...  # indicator, name_en, name_zh, count, of, share
    @property
    def engagement(self) -> dict[str, Any]: ...  # as scoring.engagement
    @property
    def identity(self) -> dict[str, Any]: ...  # as scoring.identity_index
    @property
    def voice(self) -> dict[str, Any]: ...  # as scoring.voice
    @property
    def organisations(self) -> dict[str, Any]: ...  # as scoring.organisations
    @property
    def corrective_actions(self) -> list[dict[str, Any]]: ...  # as scoring.corrective_actions
    @property
    def index(self) -> Table: ...
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

class ContactSchedule:
    @property
    def today(self) -> dt.date: ...
    @property
    def in_scope(self) -> int: ...
    @property
    def on_schedule(self) -> int: ...
    @property
    def share_on_schedule(self) -> float | None: ...
    @property
    def due(self) -> Table: ...  # resident, grid, worker, age, kind (visit / phone), interval_days, last, days_since, status (due / overdue)
    @property
    def by_worker(self) -> Table: ...  # worker, name, residents, due, overdue
    @property
    def by_grid(self) -> Table: ...  # grid, residents, due, overdue
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

class District:
    @property
    def community(self) -> Community: ...
    @property
    def week_start(self) -> dt.date: ...
    @property
    def now(self) -> dt.datetime: ...
    @property
    def summary(self) -> dict[str, Any]: ...
    @property
    def grids(self) -> Table: ...

def generate_district(residents: int | None = None, *, seed: int | None = None, week_start: _DateTime | None = None, name: str | None = None, centre: tuple[float, float] | None = None, needs_per_thousand: int | None = None, volunteer_permille: int | None = None, recorded_in_advance: bool = False, **settings: Any) -> District: ...
def time_bank(plan: Plan, *, week_start: _DateTime, policy: Mapping[str, Any] | None = None, **settings: Any) -> tuple[Ledger, dict[str, int]]: ...
def simulate_evidence(plan: Plan, *, start: _DateTime | None = None, end: _DateTime | None = None, seed: int = 2026, **params: Any) -> Evidence: ...
def satisfaction(community: Community, evidence: Evidence, *, policy: Mapping[str, Any] | None = None, **settings: Any) -> Table: ...
def quality_alerts(community: Community, evidence: Evidence, *, policy: Mapping[str, Any] | None = None, **settings: Any) -> Table: ...
def response_times(plan: Plan, evidence: Evidence | None = None, *, start: _DateTime | None = None, end: _DateTime | None = None, now: _DateTime | None = None) -> Table: ...
def coverage(community: Community, threshold_minutes: int = 15, radius_m: int = 500) -> Table: ...
def staffing(community: Community, *, community_workers: int, social_workers: int, policy: Mapping[str, Any] | None = None, **settings: Any) -> Table: ...
def visits(community: Community, evidence: Evidence, *, now: _DateTime, policy: Mapping[str, Any] | None = None, **settings: Any) -> Table: ...
def composite_index(values: Mapping[str, float | None], weights: Mapping[str, float] | None = None) -> tuple[float | None, Table]: ...
def scorecard(plan: Plan, evidence: Evidence | None = None, *, start: _DateTime | None = None, end: _DateTime | None = None, now: _DateTime | None = None, community_workers: int | None = None, social_workers: int | None = None, ledger: Ledger | None = None, cap_minutes: int | None = None, policy: Mapping[str, Any] | None = None, **settings: Any) -> Scorecard: ...
# The care loop (huzhu.care). The contact policy's settings (elderly_age, older_age,
# older_visit_days, younger_visit_days, younger_call_days, high_risk_visit_days, due_soon_days) are
# read and checked by the core (errors name the setting). Rules are the core's JSON (see
# default_rules()): a list of dicts or JSON text, checked against the community.
_Rules = Iterable[Mapping[str, Any]] | str
def contact_schedule(community: Community, *, now: _DateTime, evidence: Evidence | None = None, policy: Mapping[str, Any] | None = None, **settings: Any) -> ContactSchedule: ...
def package_needs(community: Community, *, week_start: _DateTime, first_id: _Need | None = None) -> Table: ...  # the columns of Community.needs
def risk_flags(community: Community, *, now: _DateTime, evidence: Evidence | None = None, policy: Mapping[str, Any] | None = None, **settings: Any) -> Table: ...  # resident, worker, level, reason (missed_contact / unserved_past_deadline / self_care_fell), message, kind, days_since, interval_days, need, deadline, assessed, self_care
def default_rules() -> list[dict[str, Any]]: ...
def infer_needs(community: Community, *, now: _DateTime, rules: _Rules | None = None) -> Table: ...  # resident, grid, category, rule, facts (JSON), duration_minutes, reason
def inferred_needs(community: Community, *, now: _DateTime, rules: _Rules | None = None, first_id: _Need | None = None, days: int = 7) -> Table: ...  # the columns of Community.needs
def identification(community: Community, *, start: _DateTime, end: _DateTime, survey_window_days: int = 365) -> Table: ...
def needs_list(community: Community) -> Table: ...  # quarter, grid, category, name_en, name_zh, basic, dynamic, latent, served, pending
def _hsds_import(text: str, *, tabular: bool, community: Community | None = None, name: str = "community", skip_invalid: bool = False, utc_offset_minutes: int | None = None, categories: Mapping[str, str] | None = None, groups: Mapping[str, str] | None = None, default_category: str | None = None, radius_m: int | None = None, capacity_per_week: int | None = None) -> tuple[Community, Table, dict[str, dict[str, int]]]: ...
def plan_geojson(plan: Plan) -> str: ...
def coverage_geojson(community: Community, threshold_minutes: int = 15) -> str: ...

# Only in builds with the `testing` feature (the test suite and the benchmark):
def _rust_baseline(residents: int, seed: int = 2026, repeats: int = 3, recorded_in_advance: bool = False) -> tuple[float, float, float, int]: ...
def _run_case(case: str) -> str: ...
def _canonicalize(json: str) -> str: ...

# Participation, the residents' voice and organisations: the core's JSON as dicts.
def engagement(community: Community, *, start: _DateTime, end: _DateTime, policy: Mapping[str, Any] | None = None, **settings: Any) -> dict[str, Any]: ...  # all, by_age_band, by_household, by_occupation, by_grid, repeat_participants, never_reached
def engagement_table(community: Community, *, start: _DateTime, end: _DateTime, policy: Mapping[str, Any] | None = None, **settings: Any) -> Any: ...  # one row per group: dimension, group, residents, community_affairs(_share), activities(_share)
def default_identity_items() -> list[dict[str, Any]]: ...  # [{"code", "en", "zh", "reverse"}]
def identity_index(responses: Iterable[Mapping[str, Any]], *, start: _DateTime, end: _DateTime, community: Community | None = None, policy: Mapping[str, Any] | None = None, **settings: Any) -> dict[str, Any]: ...  # responses: {"respondent", "date", "answers": {code: 1-5}, "neighbours_known"}
def voice(community: Community, *, start: _DateTime, end: _DateTime, now: _DateTime, policy: Mapping[str, Any] | None = None, **settings: Any) -> dict[str, Any]: ...
def organisations(community: Community, *, start: _DateTime, end: _DateTime, policy: Mapping[str, Any] | None = None, **settings: Any) -> dict[str, Any]: ...  # rows, dormant, dormant_share, …
def corrective_actions(community: Community, evidence: Evidence, *, policy: Mapping[str, Any] | None = None, **settings: Any) -> list[dict[str, Any]]: ...

# The evaluation (huzhu.scoring): measures, KPIs, results by level, the report.
def measures() -> Table: ...  # code, name_en, name_zh, unit, higher_is_better
def default_kpis(start: _DateTime) -> list[dict[str, Any]]: ...
# series: [{"date": …, "value": float | None}] or [(date, value)], in date order
def kpi_progress(kpi: Mapping[str, Any] | str, series: Iterable[Any] | str, *, today: _DateTime, period_days: int = 91) -> dict[str, Any]: ...
# One row per KPI: code, name_en, name_zh, measure, direction, baseline, baseline_date, target, deadline, phase,
# latest, latest_date, change, progress, expected, on_track, status, remaining_periods, needed_per_period, phase_now
def evaluate_kpis(kpis: _Kpis, scorecards: Iterable[Scorecard], *, today: _DateTime) -> Table: ...

class Rollup:
    @property
    def table(self) -> Table: ...  # node, name, level, parent, depth, rate, count, of_total, share, residents, response_p50, response_p90
    @property
    def contributions(self) -> Table: ...  # node, rate, child, count, total, share, of_part, n_part
    @property
    def nodes(self) -> Table: ...  # node, name, level, parent, depth, residents, response/done p50 and p90, ratios of sums
    def to_dict(self) -> list[dict[str, Any]]: ...
    def __len__(self) -> int: ...
    def _repr_html_(self) -> str: ...

# nodes: [{"id", "name", "level" (grid / community / street / district / city), "parent"}], JSON text or a table;
# tallies: {node id: Scorecard.tally() / grid_tallies() value, or a Scorecard}
def rollup(nodes: Iterable[Mapping[str, Any]] | str | _TableLike, tallies: Mapping[str | int, Mapping[str, Any] | Scorecard]) -> Rollup: ...
def evaluation_html(
    scorecards: Iterable[Scorecard],
    *,
    kpis: _Kpis | None = None,
    community: Community | None = None,
    levels: Rollup | Iterable[Mapping[str, Any]] | None = None,
    advice: StaffingAdvice | Iterable[Mapping[str, Any]] | None = None,
    title_zh: str | None = None,
    title_en: str | None = None,
    generated: _DateTime | None = None,
    z: float = 1.96,
) -> str: ...

# Visit rounds (huzhu.routing): which worker or volunteer makes which home visit, in what order, when.
# Visits and servers are a table (one row per visit; one row per server's shift) or a list of dicts /
# JSON text in the core's JSON (RoundVisit, RoundWorker). Policy settings (read and checked by the
# core; PolicyError names the setting): detour_percent (130), continuity_minutes (20),
# stability_minutes (30), keep_times_minutes (None; replan_rounds keeps each planned visit within that
# many minutes of its previous start), iterations (2000), seed (1).
_RoundRecords = _TableLike | list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | str

class Rounds:
    @property
    def stops(self) -> Table: ...  # server, shift (from 0), order (from 1), visit, arrive, start, end, lat, lon
    @property
    def rounds(self) -> Table: ...  # server, shift, depart, back, travel_minutes, visits (list, in order)
    @property
    def unplanned(self) -> Table: ...  # visit, reason (no_skilled_server / window_unreachable / shift_full / budget_spent / outcompeted), by (list), server, lat, lon
    @property
    def travel_minutes(self) -> int: ...
    @property
    def policy(self) -> dict[str, Any]: ...  # every setting the plan was made with
    def geojson(self) -> dict[str, Any]: ...  # FeatureCollection: a LineString per round, a Point per stop
    def to_dict(self) -> dict[str, Any]: ...  # the core's JSON: {"rounds", "unplanned", "travel_minutes"}
    def to_json(self) -> str: ...
    def _repr_html_(self) -> str: ...

def plan_rounds(visits: _RoundRecords, workers: _RoundRecords, *, policy: Mapping[str, Any] | None = None, **settings: Any) -> Rounds: ...
def replan_rounds(previous: Rounds | Mapping[str, Any] | str, visits: _RoundRecords, workers: _RoundRecords, *, policy: Mapping[str, Any] | None = None, **settings: Any) -> Rounds: ...

# A week of rounds keeping contact intervals. Contact rounds (plans) are a table (a visit's columns,
# every_days, last) or the core's JSON ({"visit": {…}, "every_days": 7, "last": "2026-12-04"}).
# Policy settings: early_days (1), rounds (the RoundsPolicy settings above). Budgets: a server's
# minutes for the week, {"volunteer#7": 70} (labels or pairs).
# A time window: {"start": …, "end": …}, a pair (start, end) or the text "start/end".
_Window = Mapping[str, _DateTime] | tuple[_DateTime, _DateTime] | str

class Week:
    @property
    def start(self) -> dt.date: ...
    @property
    def through(self) -> dt.date: ...
    @property
    def days(self) -> list[DayRounds]: ...  # each working day: DayRounds(date, plan: Rounds)
    @property
    def contacts(self) -> Table: ...  # visit, made (list of dates), overdue_days (list of dates), next_due, kept
    @property
    def kept(self) -> int: ...  # contact rounds whose interval holds every day of the week
    @property
    def minutes_worked(self) -> dict[str, int]: ...  # server label -> minutes on its rounds
    @property
    def travel_minutes(self) -> int: ...
    @property
    def policy(self) -> dict[str, Any]: ...  # every setting the week was planned with
    def committed_tasks(self, nominal_task_minutes: int | None = None) -> dict[str, int]: ...  # {"volunteer#7": 1}: Community.match(committed=…)
    def to_dict(self) -> dict[str, Any]: ...  # the core's JSON: {"days", "contacts", "kept", "minutes_worked", "travel_minutes"}
    def to_json(self) -> str: ...
    def _repr_html_(self) -> str: ...

# A week of dispatching replayed run by run (huzhu::dispatch): huzhu's matcher beside the phone
# baseline (first come, first served, the nearest helper free now, no look-ahead). Times settings
# as times={...} or keywords: start (required), days (7), first ("08:00"), last ("20:00"),
# every_minutes (120); policy: the match policy's settings. None in a figure is "no data".
class DispatchReplay:
    @property
    def dispatcher(self) -> Literal["matcher", "phone"]: ...
    @property
    def summary(self) -> dict[str, Any]: ...  # needs, served, match_rate, on_time_rate, special_*, emergency_*, expired, no_candidate, waiting, travel_m, mean_travel_m, median_response_minutes, volunteer_load_gini, busiest_volunteer_tasks
    @property
    def outcomes(self) -> Table: ...  # need, created_at, urgency, special, deadline, fate, helper, booked_at, start, distance_m, on_time, expired_at, why
    @property
    def runs(self) -> Table: ...  # at, booked (need ids), waiting, served_so_far, expired_so_far
    def to_dict(self) -> dict[str, Any]: ...

class DispatchComparison:
    @property
    def phone(self) -> DispatchReplay: ...
    @property
    def matcher(self) -> DispatchReplay: ...
    @property
    def summary(self) -> Table: ...  # figure, phone, matcher (null: no data)
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

def compare_dispatchers(community: Community, *, times: Mapping[str, Any] | None = None, policy: Mapping[str, Any] | None = None, **settings: Any) -> DispatchComparison: ...
def replay_dispatch(community: Community, dispatcher: Literal["matcher", "phone"], *, times: Mapping[str, Any] | None = None, policy: Mapping[str, Any] | None = None, **settings: Any) -> DispatchReplay: ...
def plan_week(plans: _RoundRecords, workers: _RoundRecords, *, start: _DateTime, through: _DateTime, budgets: Mapping[str | tuple[str, int], int] | None = None, policy: Mapping[str, Any] | None = None, **settings: Any) -> Week: ...
# Rounds from the care files, as tables plan_rounds / plan_week read (visits: one row per visit;
# contact rounds: a visit's columns, every_days, last; servers: one row per shift).
def contact_rounds(community: Community, now: _DateTime, *, minutes: int = 30, windows: Iterable[_Window] | None = None, policy: Mapping[str, Any] | None = None, **settings: Any) -> Table: ...
def contact_visits(community: Community, schedule: ContactSchedule | _DateTime, *, window: _Window, minutes: int = 30, per_worker: int | None = None) -> Table: ...
def walkers_from_homes(visits: _RoundRecords, shifts: Iterable[_Window]) -> Table: ...
