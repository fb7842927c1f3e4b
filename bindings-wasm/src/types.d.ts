
// ---- Hand-written types of the values that cross the boundary as plain objects. ----
// Field names are the core's JSON (snake case), the same as the community snapshot and what the
// Rust and Python surfaces write. Labels and times are the core's: see "Vocabulary" in README.md.

/**
 * A local date-time (the community's wall clock): `YYYY-MM-DDTHH:MM[:SS[.f]]` (a space may replace
 * the `T`; a bare date is its midnight), or a `Date`, read in the runtime's local time. A UTC offset,
 * `Z` or zone is refused (`INVALID_DATE`), never dropped or applied.
 */
export type DateTimeInput = string | Date;
/** A local date `YYYY-MM-DD`, or a `Date` at local midnight. */
export type DateInput = string | Date;
/** Local ISO date-time string, as the core writes it. */
export type LocalDateTime = string;
export type LocalDate = string;
export type Weekday = "Mon" | "Tue" | "Wed" | "Thu" | "Fri" | "Sat" | "Sun";

export interface GeoPoint { lat: number; lon: number }
export type SpecialGroup = "elderly_living_alone" | "empty_nest" | "disabled" | "child_in_difficulty" | "minimum_allowance" | "special_contribution";
export type Urgency = "emergency" | "special_group" | "general" | "complex";
export type NeedStatus = "open" | "matched" | "in_progress" | "done" | "cancelled" | "expired";
export type Gender = "female" | "male";

export interface Resident {
  id: number; birth_date: LocalDate; home: GeoPoint; grid: number;
  household: "lives_alone" | "with_family"; self_care: "full" | "partial" | "dependent";
  groups?: SpecialGroup[]; consent_to_share?: boolean; gender?: Gender | null; languages?: string[]; care_card?: boolean;
}
export interface TimeWindow { start: LocalDateTime; end: LocalDateTime }
export interface WeeklySlot { weekday: Weekday; opens: string; closes: string }
export type NeedPlace = { kind: "home" } | { kind: "at"; point: GeoPoint; [k: string]: unknown };
export type PreferenceKind = { kind: "language"; value: string } | { kind: "helper_gender"; value: Gender } | { kind: "preferred_volunteer"; value: number };
export interface Preference { kind: PreferenceKind; strength: "hard" | "soft" }
export interface Need {
  id: number; resident: number; category: string; urgency: Urgency; created_at: LocalDateTime;
  windows: TimeWindow[]; duration_minutes: number; place: NeedPlace;
  required_skills?: string[]; preferences?: Preference[]; excluded_volunteers?: number[]; status?: NeedStatus;
}
export interface Certification { skill: string; valid_until?: LocalDate | null }
export interface Volunteer {
  id: number; resident?: number | null; skills?: string[]; certifications?: Certification[]; availability: WeeklySlot[];
  minutes_per_week: number; max_travel_m: number; languages?: string[]; gender?: Gender | null; home: GeoPoint;
  tier?: "professional" | "ordinary"; group?: boolean;
}
export type ProviderKind = "service_centre" | "health_station" | "day_care_centre" | "canteen" | "social_organisation" | "company" | "school" | "other";
export interface Provider { id: number; name: string; kind: ProviderKind; stars?: number }
export type Fee = { tier: "free" } | { tier: "low_cost"; price_fen: number; care_card_discount_pct?: number } | { tier: "paid"; price_fen: number; [k: string]: unknown };
export interface Service {
  id: number; provider: number; name: string; categories: string[]; location: GeoPoint; radius_m: number;
  schedule: WeeklySlot[]; capacity_per_week: number;
  eligibility?: { min_age?: number | null; max_age?: number | null; groups_any?: SpecialGroup[] };
  fee: Fee; free_for_priority?: boolean; mode: "at_facility" | "door_to_door" | "device";
  status?: "active" | "temporarily_closed" | "inactive" | "defunct";
}
export interface Category { code: string; name_en: string; name_zh: string; group: string; required_skills: string[]; essential: boolean; [k: string]: unknown }
/** The JSON snapshot (format `huzhu.community`, version 1). */
export interface CommunitySnapshot {
  format: "huzhu.community"; version: 1; name: string;
  calendar?: { weekend?: Weekday[]; holidays?: LocalDate[]; make_up_days?: LocalDate[] };
  deadlines?: Record<Urgency, { minutes: number } | { working_days: number }>;
  walking?: { metres_per_minute: number };
  categories?: Category[]; providers?: Provider[]; residents?: Resident[]; volunteers?: Volunteer[]; services?: Service[]; needs?: Need[];
}
export interface CommunityCounts { residents: number; needs: number; volunteers: number; services: number; providers: number }

// ---- Matching ----
/** A helper as the core writes it in JSON. */
export type HelperId = { kind: "volunteer"; id: number } | { kind: "service"; id: number };
/** A helper label (`"volunteer#3"`, `"service#2"`), as the core writes it in messages and map keys. */
export type HelperLabel = `volunteer#${number}` | `service#${number}`;
/**
 * A helper on input: its label, `{kind, id}` or the pair `["volunteer", 3]`. Labels written by
 * earlier versions (any case, spaces, `:` or `/` for `#`: `"Volunteer:3"`) are read at run time
 * too, but only the one spelling is typed.
 */
export type HelperRef = HelperLabel | HelperId | [kind: "volunteer" | "service", id: number];
export interface MatchPolicy {
  travel_per_minute: number; delay_per_hour: [number, number, number, number]; late_per_hour: number;
  act_before_deadline: Urgency[]; fee_per_yuan: number; default_reliability_permille: number;
  unreliability_per_point: number; overqualification_per_skill: number; professional_on_unskilled: number;
  soft_preference_unmet: number; continuity_discount: number; fair_free_tasks: number; fairness_step: number;
  nominal_task_minutes: number; arc_cost_cap: number; unassigned_penalty_general: number;
  unassigned_penalty_special: number; unassigned_penalty_emergency: number; candidate_cap: number | null; score_scale: number;
}
/**
 * What the matcher knows besides the community; maps keyed by helper label. The time is the
 * `now` argument: a `now` member here is refused. A reliability above 1000 is refused
 * (`MATCH_INVALID_CONTEXT`).
 */
export interface MatchContextInput {
  history?: [residentId: number, helper: HelperRef][];
  reliability?: Partial<Record<HelperLabel, number>>;
  unavailable?: HelperRef[];
  committed?: Partial<Record<HelperLabel, number>>;
  /** Need id → helper. */
  confirmed?: Record<string, HelperRef>;
}
export interface HoursOptions { seed?: number; max_iterations?: number; bound_iterations?: number }
export interface CostBreakdown { travel: number; delay: number; late: number; fee: number; reliability: number; skill_fit: number; preferences: number; continuity: number; total: number }
export interface Assignment { need: number; helper: HelperId; start: LocalDateTime; distance_m: number; cost: CostBreakdown; load_cost: number; score: number; pinned: boolean }
export type Constraint =
  | { constraint: "too_far" } | { constraint: "not_active" } | { constraint: "category_not_offered" }
  | { constraint: "missing_skill"; [k: string]: unknown } | { constraint: "not_eligible" } | { constraint: "excluded" }
  | { constraint: "hard_preference"; [k: string]: unknown } | { constraint: "not_available"; [k: string]: unknown } | { constraint: "after_deadline" };
export interface Elimination { constraint: Constraint; count: number }
export type UnmatchedReason =
  | { kind: "no_candidate"; eliminated: Elimination[]; summary: string }
  | { kind: "outcompeted"; closest: HelperId; cost: number; reduced_cost: number; shortfall: number; taken_by: number[]; would_move: number[]; would_drop: number | null; candidates: number }
  | { kind: "unserved"; closest: HelperId; cost: number; taken_by: number[]; candidates: number };
export interface Unmatched { need: number; penalty: number; reason: UnmatchedReason }
export interface MatchStats { needs: number; helpers: number; candidates: number; arcs: number; iterations: number; solver: "network_simplex" | "successive_shortest_paths" | string | null; candidate_nanos: number | null; solve_nanos: number | null; explain_nanos: number | null }
export interface MatchPlan { assignments: Assignment[]; unmatched: Unmatched[]; objective: number; lower_bound: number | null; optimal: boolean; stats: MatchStats }
export type Explanation =
  | { kind: "matched"; need: number; helper: HelperId; cost: CostBreakdown; score: number; runner_up: [HelperId, number] | null; pinned: boolean }
  | { kind: "unmatched"; need: number; penalty: number; reason: UnmatchedReason };
export type WhyNot =
  | { kind: "chosen" }
  | { kind: "ruled_out"; constraint: Constraint }
  | { kind: "capped"; cost: CostBreakdown }
  | { kind: "costlier"; cost: CostBreakdown; reduced_cost: number; shortfall: number | null; would_move: number[]; would_drop: number | null; helper_marginal: number; need_marginal: number; serving: number[] };
export interface Candidate { helper: HelperId; start: LocalDateTime; distance_m: number; cost: CostBreakdown }
export interface NeedCandidates { need: number; candidates: Candidate[]; capped: number; eliminated: Elimination[] }

// ---- Time bank ----
/** An account label, the one spelling huzhu writes (results, maps, error properties). */
export type AccountLabel = `resident#${number}` | `volunteer#${number}` | `organisation#${number}` | "fund" | "donation_pool";
/**
 * An account on input: its label, the object `{volunteer: 3}` or the pair `["volunteer", 3]`.
 * Labels written by earlier versions are read at run time too (input only, never written, not
 * typed): `provider#3` and `organization#3` for `organisation#3`, `donation-pool` and `pool` for
 * `donation_pool`, any case, spaces, `:` or `/` for `#`.
 */
export type AccountRef =
  | AccountLabel
  | { resident: number } | { volunteer: number } | { organisation: number }
  | [kind: "resident" | "volunteer" | "organisation", id: number];
/** A ledger policy: every setting optional (the core's defaults), unknown settings refused. */
export interface LedgerPolicyInput {
  overdraft_limit?: number; /** `null`: no cap. */ cap?: number | null; transfer_rule?: TransferRule;
  group_donate_only?: boolean; unit?: number; starting_grant?: number; reviewers_required?: number;
}
export type TransferRule = "family_only" | "anyone" | "nobody";
/** The policy in force, as the core writes it. */
export interface LedgerPolicy {
  overdraft_limit: number; cap: number | null; transfer_rule: TransferRule;
  group_donate_only: boolean; unit: number; starting_grant: number; reviewers_required: number;
}
export interface AccountInput { id: AccountRef; priority?: boolean; group?: boolean; family?: AccountRef[] }
export interface Account { id: AccountLabel; priority: boolean; group: boolean; family: AccountLabel[] }
/** Who, when, why; `key` makes the request idempotent. Unknown members are refused. */
export interface TxMetaInput { key: string; operator: string; at: DateTimeInput; memo?: string }
/** A transaction id as huzhu writes it: `tx#7` (a string: ids may exceed 2^53). */
export type TxId = `tx#${number}`;
/** A transaction id on input: `"tx#7"`; also (input only) `"7"` and a safe integer `7`. */
export type TxIdInput = TxId | `${number}` | number;
/** An operation as huzhu writes it (labels). */
export type Operation =
  | { op: "earn"; account: AccountLabel; need: number; minutes: number }
  | { op: "redeem"; account: AccountLabel; minutes: number; need: number | null }
  | { op: "transfer"; from: AccountLabel; to: AccountLabel; minutes: number }
  | { op: "donate"; from: AccountLabel; minutes: number }
  | { op: "starting_grant"; to: AccountLabel }
  | { op: "pool_grant"; recipients: AccountLabel[]; minutes_each: number }
  | { op: "batch"; operations: Operation[] }
  | { op: "reverse"; transaction: TxId };
/** An operation on input (what `submit` and `batch` take). */
export type OperationInput =
  | { op: "earn"; account: AccountRef; need: number; minutes: number }
  | { op: "redeem"; account: AccountRef; minutes: number; need?: number | null }
  | { op: "transfer"; from: AccountRef; to: AccountRef; minutes: number }
  | { op: "donate"; from: AccountRef; minutes: number }
  | { op: "starting_grant"; to: AccountRef }
  | { op: "pool_grant"; recipients: AccountRef[]; minutes_each: number }
  | { op: "batch"; operations: OperationInput[] }
  | { op: "reverse"; transaction: TxIdInput };
/** What a submission or approval achieved: the same JSON on every surface. */
export type Receipt = { status: "posted"; transaction: TxId } | { status: "pending"; approvals: number; required: number };
export type OperationKind = "earn" | "redeem" | "transfer" | "donate" | "starting_grant" | "pool_grant" | "batch" | "reversal";
export interface Posting { account: AccountLabel; amount: number; cap_excess: boolean }
export interface Transaction { id: TxId; key: string; operator: string; at: LocalDateTime; memo: string; posted_at: LocalDateTime; kind: OperationKind; operation: Operation; postings: Posting[]; reviewers: string[] }
export interface PendingTransaction { key: string; operator: string; at: LocalDateTime; memo: string; operation: Operation; approvals: string[] }
export interface StatementLine { tx: TxId; at: LocalDateTime; kind: OperationKind; key: string; operator: string; memo: string; amount: number; balance: number }
export interface Statement { account: AccountLabel; from: LocalDateTime; until: LocalDateTime; opening: number; lines: StatementLine[]; closing: number }

// ---- Synthetic districts ----
/** A district configuration: `residents` and `week_start` required, the rest the core's defaults; unknown settings refused. */
export interface DistrictConfig {
  residents: number; week_start: DateInput; seed?: number; name?: string; centre?: GeoPoint;
  residents_per_grid?: number; residents_per_compound?: number; density_per_km2?: number;
  aged_60_plus_permille?: number; aged_65_plus_permille?: number; aged_80_plus_permille?: number; children_permille?: number;
  volunteer_permille?: number; resident_volunteer_permille?: number; needs_per_thousand?: number;
  /** Weekly planning: every need of the week is recorded before it starts. */
  recorded_in_advance?: boolean;
}
export interface DistrictSummary {
  residents: number; aged_60_plus: number; aged_65_plus: number; aged_80_plus: number; children: number;
  special_groups: Partial<Record<SpecialGroup, number>>; grids: number; compounds: number; area_m2: number;
  volunteers: number; resident_volunteers: number; providers: number; services: number; needs: number;
}
export interface GridArea { id: number; centre: GeoPoint; side_m: number; residents: number; compounds: GeoPoint[]; compound_radius_m: number }
export interface ExchangeSummary { accounts: number; earned: number; redeemed: number; donated: number; pool_granted: number; starting_grants: number; refused: number }
export interface TimeBankWeek { ledger: Ledger; summary: ExchangeSummary }

// ---- Scoring ----
export interface Period { start: LocalDate; end: LocalDate }
export interface ScoredAssignment { need: number; helper: HelperId; matched_at: LocalDateTime }
export type Dimension = "content" | "efficiency" | "attitude" | "sustainability" | "innovation";
export type Outcome = "done" | "no_show" | "cancelled";
export interface ServiceRecord { id: number; need: number | null; resident: number; helper: HelperId; category: string; started: LocalDateTime; minutes: number; outcome: Outcome; [k: string]: unknown }
export interface SurveyResponse { id: number; respondent: number; helper: HelperId; period: Period; answers: Partial<Record<Dimension, number>>; [k: string]: unknown }
export interface CareRecord { resident: number; opened: LocalDate; closed?: LocalDate | null; [k: string]: unknown }
export interface VisitLog { resident: number; at: LocalDateTime; kind: string; [k: string]: unknown }
export interface StaffCounts { community_workers: number; social_workers: number }
export interface TimeBankPeriod { period: Period; accounts: unknown[]; [k: string]: unknown }
/** A scoring request: the period, the moment judged, and the evidence (every part optional; unknown members refused). */
export interface ScoringInputs {
  period: Period; now: DateTimeInput; assignments?: ScoredAssignment[]; records?: ServiceRecord[]; surveys?: SurveyResponse[];
  care_records?: CareRecord[]; visits?: VisitLog[]; staff?: StaffCounts; time_bank?: TimeBankPeriod[];
}
export type Indicator = "satisfaction" | "response_compliance" | "match_rate" | "completion" | "circle_coverage" | "utilisation" | "staffing" | "special_group_coverage" | "visits" | "participation";
export interface AlertPolicy { [k: string]: number | boolean }
export interface ScoringPolicy {
  z: number; satisfied_from: number; dimension_weights: Partial<Record<Dimension, number>>; alerts: AlertPolicy;
  circle_minutes: number; idle_share_flag: number; target_utilisation: number; staffing: Record<string, number>;
  special_group_target: number; visits: Record<string, number>; participation_target: number; near_cap_share: number;
  index_weights: Partial<Record<Indicator, number>>;
}
export interface SimulationParams { base_no_show: number; cancel: number; reliability_spread: number; poor_share: number; good_mean: number; poor_mean: number; response_rate: number; first_id: number; redeem_share: number; cap_minutes: number }
export interface Simulated { records: ServiceRecord[]; surveys: SurveyResponse[]; care_records: CareRecord[]; visits: VisitLog[]; time_bank: TimeBankPeriod }
export interface IndexComponent { indicator: Indicator; value: number | null; weight: number; effective_weight: number; contribution: number }
/** The 0–100 community service index; `score` is null when no indicator is known. */
export interface ServiceIndex { score: number | null; components: IndexComponent[]; missing: Indicator[] }
export interface SatisfactionReport { rows: Record<string, unknown>[]; [k: string]: unknown }
export interface QualityAlert { helper: HelperId; verdict: "correct" | "retire" | string; [k: string]: unknown }
export interface ResponseReport { [k: string]: unknown }
export interface CoverageReport { threshold_minutes: number; categories: Record<string, unknown>[]; [k: string]: unknown }
/** The whole scorecard: every report of the scoring module and the composite index. */
export interface Scorecard {
  community: string; period: Period; now: LocalDateTime; satisfaction: SatisfactionReport; alerts: QualityAlert[];
  response: ResponseReport; delivery: Record<string, unknown>[]; supply: Record<string, unknown>; facilities: Record<string, unknown>[];
  coverage: CoverageReport; staffing: Record<string, unknown>; special_groups: Record<string, unknown>; visits: Record<string, unknown>;
  participation: Record<string, unknown>; time_bank: Record<string, unknown>[]; index: ServiceIndex;
}

// ---- Formats ----
/** RFC 7946: positions are `[lon, lat]`; every feature has a string `id` and a `kind` property. */
export interface GeoJsonFeature { type: "Feature"; id: string; geometry: { type: "Point"; coordinates: [number, number] } | { type: "LineString"; coordinates: [number, number][] } | { type: "Polygon"; coordinates: [number, number][][] } | null; properties: { kind: string; [k: string]: unknown } }
export interface GeoJsonFeatureCollection { type: "FeatureCollection"; features: GeoJsonFeature[] }
export interface HsdsImportOptions {
  skip_invalid: boolean; categories: Record<string, string>; groups: Record<string, SpecialGroup>; default_category: string | null;
  provider_kind: ProviderKind; radius_m: number; capacity_per_week: number; currency: string; utc_offset_minutes: number | null;
  first_provider_id: number; first_service_id: number; [k: string]: unknown;
}
export interface ImportIssue { severity: "error" | "warning"; table: string; record: string; field: string; why: string }
export interface ImportReport { issues: ImportIssue[]; skipped: string[] }
export interface HsdsImport {
  providers: Provider[]; services: Service[]; report: ImportReport;
  ids: { providers: Record<string, number>; services: { id: number; service_at_location: string; service: string; location: string }[] };
}

// ---- Benchmark solver ----
export interface BmatchResult { needs: number; suppliers: number; arcs: number; objective: number; assigned: number; unassigned: number; optimal: boolean; iterations: number }

/**
 * Every error the package throws: a JS `Error` named `HuzhuError`, whose own properties are the
 * core error's facts (present only when the error names them).
 */
export interface HuzhuError extends Error {
  name: "HuzhuError";
  /**
   * Stable code, the same on every surface: the core's (`MODEL_INVALID_FIELD`, `MATCH_INVALID_POLICY`,
   * `LEDGER_FLOOR_BREACH`, `JOURNAL_HASH_MISMATCH`, `SCORING_…`, `SOLVER_…`, `GAP_…`, `FORMAT_…`,
   * `HSDS_…`, `INVALID_ID`, `INVALID_DATE`), or the package's own `INVALID_ARGUMENT` (a JS value of
   * the wrong type, a number that is not whole) and `INTERNAL_PANIC` (a bug).
   */
  code: string;
  /** The record at fault: `resident#3`, `transaction 'k1'`, `match policy`, `journal line 4`… */
  record?: string;
  /** The field, argument or JSON path at fault: `home.lat`, `account`, `needs[2].windows`… */
  field?: string;
  /** The policy setting at fault: `unit`, `travel_per_minute`, `alerts.correct_below`… */
  setting?: string;
  account?: AccountLabel; key?: string; transaction?: TxId;
  /** 1-based line of the text at fault (journal, JSON, bmatch). */
  line?: number;
  /** Position in a list (a batch item). */
  index?: number;
  /** The wrapped error's code (a rejected batch item, a journal line whose replay failed). */
  cause?: string;
}
