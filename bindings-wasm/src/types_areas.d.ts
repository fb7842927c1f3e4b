
// ---- Hand-written types of the other areas (time bank, care loop, scoring, rounds…); their
// building blocks are in types.d.ts. ----

// ---- Matching under weekly hour budgets (`matchWithHours`) ----
export interface HoursOptions { seed?: number; max_iterations?: number; bound_iterations?: number }

// ---- Time bank ----
/** An account label, the one spelling huzhu writes (results, maps, error properties). */
export type AccountLabel = `resident#${number}` | `volunteer#${number}` | `organisation#${number}` | "fund" | "donation_pool"
  /** The clearing account a bank keeps for another bank (通存通兑): `clearing#xuhui`. */
  | `clearing#${string}`;
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
  /** Points a member may earn per calendar day (2); `null`: no daily cap. */
  points_daily_cap?: number | null;
  /** Points a member may earn in all (600); `null`: no lifetime cap. */
  points_lifetime_cap?: number | null;
  /** Clearing between banks: this bank's code and the limits on what is sent. */
  clearing?: ClearingPolicyInput;
}
/** Clearing between banks (通存通兑); every setting optional. */
export interface ClearingPolicyInput {
  /** This bank's code (a–z, 0–9, `-`, `_`; up to 16); `null`: clearing disabled. */
  bank?: string | null;
  /** Minutes one member may send per calendar day (600); `null`: no limit. */
  member_daily_limit?: number | null;
  /** Minutes one member may send in all; `null`: no limit. */
  member_lifetime_limit?: number | null;
  /** Minutes this bank may send to one other bank per day; `null`: no limit. */
  pair_daily_limit?: number | null;
  /** Minutes this bank may send to one other bank in all; `null`: no limit. */
  pair_lifetime_limit?: number | null;
}
export type TransferRule = "family_only" | "anyone" | "nobody";
/** The policy in force, as the core writes it. */
export interface LedgerPolicy {
  overdraft_limit: number; cap: number | null; transfer_rule: TransferRule;
  group_donate_only: boolean; unit: number; starting_grant: number; reviewers_required: number;
  /** Left out at their defaults (2 a day, 600 in all), so that journals written before points read and write as they did; `null`: no cap. */
  points_daily_cap?: number | null; points_lifetime_cap?: number | null;
}
/** The unit of a posting, balance or statement: time-bank minutes or participation points (积分). */
export type Unit = "minutes" | "points";
/** An item of the points exchange catalogue (积分兑换): a price in points, a stock (`null` or left out: unlimited). */
export interface CatalogueItem { code: string; name: string; price: number; stock?: number | null }
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
  | { op: "reverse"; transaction: TxId }
  | { op: "earn_points"; account: AccountLabel; rule: string; points: number }
  | { op: "exchange"; account: AccountLabel; item: string; quantity: number }
  | { op: "list_item"; item: CatalogueItem }
  | { op: "restock"; item: string; quantity: number };
/** An operation on input (what `submit` and `batch` take). */
export type OperationInput =
  | { op: "earn"; account: AccountRef; need: number; minutes: number }
  | { op: "redeem"; account: AccountRef; minutes: number; need?: number | null }
  | { op: "transfer"; from: AccountRef; to: AccountRef; minutes: number }
  | { op: "donate"; from: AccountRef; minutes: number }
  | { op: "starting_grant"; to: AccountRef }
  | { op: "pool_grant"; recipients: AccountRef[]; minutes_each: number }
  | { op: "batch"; operations: OperationInput[] }
  | { op: "reverse"; transaction: TxIdInput }
  /** Points for taking part (`rule`: `activity`, `meeting`, `suggestion_adopted`…), capped by the policy. */
  | { op: "earn_points"; account: AccountRef; rule: string; points: number }
  | { op: "exchange"; account: AccountRef; item: string; quantity: number }
  | { op: "list_item"; item: CatalogueItem }
  | { op: "restock"; item: string; quantity: number }
  /** Clearing, phase 1 at the sending bank: the member's minutes go in transit to `to_bank`. */
  | { op: "clearing_prepare"; transfer: string; from_bank: string; to_bank: string; from: AccountRef; to: AccountRef; minutes: number }
  /** Clearing, phase 2 at the receiving bank, with the sending journal's head at the prepare. */
  | { op: "clearing_apply"; transfer: string; from_bank: string; to_bank: string; from: AccountRef; to: AccountRef; minutes: number; source_head: string }
  /** Clearing, phase 2 refused: the transfer will never apply here. */
  | { op: "clearing_refuse"; transfer: string; from_bank: string; to_bank: string; source_head: string; reason: string }
  /** Clearing, phase 3 at the sending bank, with the receiving journal's head. */
  | { op: "clearing_acknowledge"; transfer: string; from_bank: string; to_bank: string; dest_head: string }
  /** Clearing undone at the sending bank after a refusal: the minutes go back to the member. */
  | { op: "clearing_cancel"; transfer: string; from_bank: string; to_bank: string; dest_head: string };
/** What a submission or approval achieved: the same JSON on every surface. */
export type Receipt = { status: "posted"; transaction: TxId } | { status: "pending"; approvals: number; required: number };
export type OperationKind =
  | "earn" | "redeem" | "transfer" | "donate" | "starting_grant" | "pool_grant" | "batch" | "reversal"
  | "earn_points" | "exchange" | "list_item" | "restock"
  | "clearing_prepare" | "clearing_apply" | "clearing_refuse" | "clearing_acknowledge" | "clearing_cancel";
/** One line of a transaction; `unit` is left out for minutes (`"points"` otherwise). */
export interface Posting { account: AccountLabel; amount: number; cap_excess: boolean; unit?: "points" }
export interface Transaction { id: TxId; key: string; operator: string; at: LocalDateTime; memo: string; posted_at: LocalDateTime; kind: OperationKind; operation: Operation; postings: Posting[]; reviewers: string[] }
export interface PendingTransaction { key: string; operator: string; at: LocalDateTime; memo: string; operation: Operation; approvals: string[] }
export interface StatementLine { tx: TxId; at: LocalDateTime; kind: OperationKind; key: string; operator: string; memo: string; amount: number; balance: number }
/** An account statement; `unit` is left out for minutes (`"points"` otherwise). */
export interface Statement { account: AccountLabel; from: LocalDateTime; until: LocalDateTime; opening: number; lines: StatementLine[]; closing: number; unit?: "points" }
/**
 * Where a journal's chain stands: `seq` lines so far (the next line's number) and the last line's
 * hash, lowercase hex (64 zeros before the first).
 */
export interface JournalHead { seq: number; hash: string }
/** One line of the journal: its number, its hash, and the canonical JSON line (no newline). */
export interface JournalLine { seq: number; hash: string; text: string }
/** The lines after a head, and the head they lead to (`ledger.journalLinesAfter(head)`). */
export interface JournalLines { lines: JournalLine[]; head: JournalHead }

// ---- Clearing between banks (通存通兑): the wire format of `Clearing` ----
/**
 * A bank code: 1–16 of a–z, 0–9, `-`, `_`, starting with a letter or a digit (`"pudong"`); letters are
 * folded to lower case on input.
 */
export type BankCode = string;
/**
 * What a member asks of the sending bank: send `minutes` to `to_account` in `to_bank`. `transfer_key`,
 * unique in the sending bank, names the transfer on both sides. Every member required, unknown ones refused.
 */
export interface TransferRequest { transfer_key: string; to_bank: BankCode; from_account: AccountRef; to_account: AccountRef; minutes: number }
/**
 * The message from the sending bank to the receiving bank once a transfer is prepared; `source_head` is the
 * sending journal's head hash just after the prepare, so the message rebuilt later is the same message.
 */
export interface TransferMessage {
  transfer_key: string; from_bank: BankCode; to_bank: BankCode; from_account: AccountLabel; to_account: AccountLabel;
  minutes: number; source_head: string;
}
/** What the receiving bank did: applied, or refused for good (`reason`: an error code such as `LEDGER_CAP_BREACH`, or `timeout`). */
export type TransferOutcome = { state: "applied" } | { state: "refused"; reason: string };
/** The reply from the receiving bank, with its journal's head hash just after the line that applied or refused the transfer. */
export interface TransferReply { transfer_key: string; from_bank: BankCode; to_bank: BankCode; outcome: TransferOutcome; dest_head: string }

// ---- Synthetic districts ----
/** A district configuration: `residents` and `week_start` required, the rest the core's defaults; unknown settings refused. */
export interface DistrictConfig {
  residents: number; week_start: DateInput; seed?: number; name?: string; centre?: GeoPoint;
  residents_per_grid?: number; residents_per_compound?: number; density_per_km2?: number;
  aged_60_plus_permille?: number; aged_65_plus_permille?: number; aged_80_plus_permille?: number; children_permille?: number;
  volunteer_permille?: number; resident_volunteer_permille?: number; needs_per_thousand?: number;
  /** Registered volunteers who give time in the week, per mille of them (350). */
  active_volunteer_permille?: number;
  /** Weekly planning: every need of the week is recorded before it starts. */
  recorded_in_advance?: boolean;
}
export interface DistrictSummary {
  residents: number; aged_60_plus: number; aged_65_plus: number; aged_80_plus: number; children: number;
  special_groups: Partial<Record<SpecialGroup, number>>; grids: number; compounds: number; area_m2: number;
  volunteers: number; resident_volunteers: number; providers: number; services: number; needs: number;
  workers: number; care_files: number; contacts: number;
}
export interface GridArea { id: number; centre: GeoPoint; side_m: number; residents: number; compounds: GeoPoint[]; compound_radius_m: number }
export interface ExchangeSummary { accounts: number; earned: number; redeemed: number; donated: number; pool_granted: number; starting_grants: number; refused: number }
export interface TimeBankWeek { ledger: Ledger; summary: ExchangeSummary }

// ---- The care loop (一人一档, 走访) ----
/**
 * Who is on the rounds and how often (the documents': the elderly living alone aged 70+ visited weekly,
 * under 70 every half month and phoned weekly); a setting left out keeps its default, an unknown one is refused.
 */
export interface ContactPolicy {
  /** Living alone from this age (60) puts a resident on the rounds, file or not. */
  elderly_age: number;
  /** From this age (70), weekly visits. */
  older_age: number; older_visit_days: number;
  younger_visit_days: number;
  /** 0 turns phone calls off. */
  younger_call_days: number;
  /** Longest interval between visits for a high-risk file (7). */
  high_risk_visit_days: number;
  /** A contact is "due" this many days before it becomes overdue (1). */
  due_soon_days: number;
}
export type DueStatus = "due" | "overdue";
/** A contact that is due or overdue; `worker` is the care file's, else a worker covering the grid. */
export interface ContactDue {
  resident: number; grid: number; worker: number | null; age: number; kind: "visit" | "phone"; interval_days: number;
  last: LocalDate | null; days_since: number | null; status: DueStatus;
}
export interface DueCounts { residents: number; due: number; overdue: number }
/** The rounds as of a day; `by_worker` and `by_grid` are keyed by id. */
export interface ContactReport {
  today: LocalDate; in_scope: number; on_schedule: number; share_on_schedule: number | null; due: ContactDue[];
  by_worker: Record<string, DueCounts>; by_grid: Record<string, DueCounts>;
}
/** Why a risk flag is raised. */
export type RiskReason =
  | { reason: "missed_contact"; kind: "visit" | "phone"; days_since: number | null; interval_days: number }
  | { reason: "unserved_past_deadline"; need: number; deadline: LocalDateTime }
  | { reason: "self_care_fell"; assessed: SelfCare; now: SelfCare };
/** One raised flag of an open care file, with the file's risk level and its reason. */
export type RiskFlag = { resident: number; worker: number | null; level: RiskLevel } & RiskReason;
/** Who a latent-need rule looks at: every condition given must hold (`groups_any` empty: anyone). */
export interface LatentWho { min_age?: number | null; household?: Household | null; self_care_at_least?: SelfCare | null; groups_any?: SpecialGroup[] }
/** What a rule finds missing: no contact, or no need of a category (not cancelled or expired), for `days`. */
export type Lacking = { kind: "contact"; days: number } | { kind: "need"; category: string; days: number };
/** A latent-need rule (潜在需求): data, to change or replace. */
export interface LatentRule { code: string; who?: LatentWho; lacking: Lacking; infer: string; duration_minutes: number }
/** A need a rule inferred: the rule's code and the facts that made it fire (`{age: "84", last_contact: "never"}`). */
export interface InferredNeed { resident: number; category: string; rule: string; facts: Record<string, string>; duration_minutes: number }
/** The identification indicators of a period (shares `null` when there is nothing to judge). */
export interface IdentificationReport {
  inferred_decided: number; inferred_confirmed: number;
  /** Needs-identification accuracy (target 85%). */
  accuracy: number | null;
  needs: number; personalised: number;
  /** Needs from care-file packages (target 40%). */
  personalised_share: number | null;
  residents: number; survey_window_days: number; surveyed: number;
  /** Residents with a needs survey in the window (target 100%). */
  survey_coverage: number | null;
}
/** One line of the needs list (需求清单) by quarter (its first day), grid and category. */
export interface NeedsListRow { quarter: LocalDate; grid: number; category: string; basic: number; dynamic: number; latent: number; served: number; pending: number }

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
  /** Identity-survey responses (of any dates: those in the period count). */
  identity?: IdentityResponse[];
  /** Workers' training (those dated in the period count). */
  training?: Training[];
  /** Service funding received (those dated in the period count). */
  funding?: Funding[];
}
/** Training a worker received (继续教育): `minutes` positive, `worker` a worker of the community. */
export interface Training { worker: number; date: LocalDate; minutes: number }
/** Where service funding comes from. */
export type FundingSource = "government" | "welfare_lottery" | "charity" | "enterprise" | "service_fees" | "other";
/** Money received for community services, in fen (分, 1/100 yuan; positive). */
export interface Funding { source: FundingSource; date: LocalDate; amount_fen: number }
/** Indicators of the composite index (`participation` is read too, as `volunteer_participation`: input only). */
export type Indicator =
  | "satisfaction" | "response_compliance" | "match_rate" | "completion" | "circle_coverage" | "utilisation" | "staffing"
  | "special_group_coverage" | "visits" | "volunteer_participation" | "identification_accuracy" | "personalised_services"
  | "survey_coverage" | "community_affairs" | "activity_participation" | "identity" | "neighbours_known"
  | "feedback_answered" | "suggestions_adopted";
/**
 * Quality warnings: below `correct_below` (0.60) correct; below it in `retire_after_years` (2) consecutive calendar
 * years, retire (`retire_after_periods` is read too, input only); fewer than `min_answers` (30) give no firm verdict.
 */
export interface AlertPolicy { correct_below: number; retire_after_years: number; min_answers: number }
/** The scoring policy in force, as the core writes it (`defaultScoringPolicy()`). */
export interface ScoringPolicy {
  z: number; satisfied_from: number; dimension_weights: Partial<Record<Dimension, number>>; alerts: AlertPolicy;
  /** Walking minutes of the living circle (15) and the service radius in metres (500). */
  circle_minutes: number; service_radius_m: number;
  idle_share_flag: number; target_utilisation: number; staffing: StaffingNorms;
  special_group_target: number; visits: ContactPolicy;
  /** `participation_target` is read too (input only). */
  volunteer_participation_target: number;
  identification_target: number; personalised_target: number; survey_coverage_target: number;
  /** Days a needs survey counts for in survey coverage (365). */
  survey_window_days: number;
  near_cap_share: number;
  index_weights: Partial<Record<Indicator, number>>;
  /** Residents counted for participation from this age (18). */
  participation_min_age: number;
  /** Targets: community affairs (0.60), activities (0.60), identity index of 100 (75), neighbours known (0.78), suggestions adopted (0.70). */
  community_affairs_target: number; activity_target: number; identity_target: number;
  neighbours_known_target: number; suggestions_adopted_target: number;
  /** The identity survey's items (`defaultIdentityItems()`); replace with yours. */
  identity_items: IdentityItem[];
  /** Neighbours known by name to count as knowing one's neighbours (3). */
  neighbours_threshold: number;
  /** A complaint repeats one by the same resident on the same matter within this many days (90). */
  repeat_complaint_days: number;
  /** An organisation that ran no activity in this many days before the period's end is dormant (90). */
  dormant_after_days: number;
}
/** A scoring policy on input: every setting optional (nested `alerts` and `visits` too), unknown settings refused. */
export type ScoringPolicyInput = Partial<Omit<ScoringPolicy, "alerts" | "visits" | "staffing">> & {
  alerts?: Partial<AlertPolicy>; visits?: Partial<ContactPolicy>; staffing?: Partial<StaffingNorms>;
};
/** Staffing norms (配备标准); shares are 0–1. */
export interface StaffingNorms {
  /** Community workers per 10,000 residents (18), residents per social worker (500), volunteers per resident (0.05). */
  community_workers_per_10k: number; residents_per_social_worker: number; volunteer_share: number;
  /** A worker serves 500–800 residents. */
  residents_per_worker_min: number; residents_per_worker_max: number;
  /** Workers professionally qualified (0.12), training hours per worker a year (40), service funding per resident a year in yuan (50). */
  qualified_share: number; training_hours_per_year: number; funding_yuan_per_resident: number;
}
export interface SimulationParams { base_no_show: number; cancel: number; reliability_spread: number; poor_share: number; good_mean: number; poor_mean: number; response_rate: number; first_id: number; redeem_share: number; cap_minutes: number; user_answers_per_place: number; prior_year_answers: number; poor_last_year: number; contact_made: number; inferred_confirmed: number }
export interface Simulated { records: ServiceRecord[]; surveys: SurveyResponse[]; care_records: CareRecord[]; visits: VisitLog[]; time_bank: TimeBankPeriod; /** The workers' verdicts on inferred needs served or visited: [need id, confirmed]. */ confirmations: [number, boolean][] }
export interface IndexComponent { indicator: Indicator; value: number | null; weight: number; effective_weight: number; contribution: number }
/** The 0–100 community service index; `score` is null when no indicator is known. */
export interface ServiceIndex { score: number | null; components: IndexComponent[]; missing: Indicator[] }
/** What a satisfaction row is about: every response, one helper, one provider's services, one category, or respondents in any special group. */
export type Scope =
  | { kind: "all" } | { kind: "helper"; id: HelperId } | { kind: "provider"; id: number } | { kind: "category"; id: string }
  | { kind: "special_groups" };
/** Likert answers summarised: `satisfied` at or above `satisfied_from`, with the Wilson interval of the share. */
export interface LikertSummary { n: number; mean: number; sd: number; satisfied: number; share_satisfied: number; ci_low: number; ci_high: number }
export interface SatisfactionRow { scope: Scope; period: Period; dimensions: Partial<Record<Dimension, LikertSummary>>; overall: LikertSummary | null }
/** Rows by scope, then period; Cronbach's alpha over the responses answering all five dimensions. */
export interface SatisfactionReport { rows: SatisfactionRow[]; cronbach_alpha: number | null; alpha_respondents: number }
/** `below_few_answers`: below the line on fewer answers than a firm verdict needs (look at `interval`). */
export type Verdict = "ok" | "correct" | "retire" | "below_few_answers" | "insufficient_data";
/** The verdict on one helper in one period; `interval` is the Wilson interval of the share, `years_below` the consecutive calendar years below the line. */
export interface QualityAlert { helper: HelperId; period: Period; n: number; share_satisfied: number; interval: [low: number, high: number]; years_below: number; verdict: Verdict }
export interface ResponseReport { [k: string]: unknown }
export interface Share { residents: number; covered: number; share: number | null }
/** Coverage of one essential category: within the walking circle (`all`, `by_group`) and within the service radius. */
export interface CategoryCoverage { category: string; name_en: string; name_zh: string; all: Share; by_group: Partial<Record<SpecialGroup, Share>>; within_radius: Share }
/** Facility coverage: the walking circle and the documents' service radius, both reported (`mean_share_radius` is the facility coverage rate). */
export interface CoverageReport {
  threshold_minutes: number; radius_m: number; categories: CategoryCoverage[];
  all_essential: Share; mean_share: number | null; all_essential_radius: Share; mean_share_radius: number | null;
}
/** Special-group residents with a care file open in the period and nothing overdue on the rounds at its end: covered. */
export interface GroupCoverage { residents: number; with_care_file: number; on_schedule: number; covered: number; share: number | null }
export interface SpecialGroupReport { all: GroupCoverage; by_group: Partial<Record<SpecialGroup, GroupCoverage>>; target: number; attainment: number | null }
/** A rate as counted: `of` out of `n`. */
export interface Count { of: number; n: number }
/** One counted rate in two periods: the change in shares, Newcombe's interval of the difference and whether it leaves out zero. */
export interface RateChange { code: string; before: Count; after: Count; change: number | null; interval: [number, number] | null; significant: boolean }
/** What moved between two scorecards: the index in both and its change, and every counted rate. */
export interface Comparison { before: Period; after: Period; index: [number | null, number | null, number | null]; rates: RateChange[] }
/** One worker's load: residents of the grids covered (a grid covered by several is shared equally), care files, training in the period. */
export interface WorkerLoad {
  worker: number; role: WorkerRole; qualified: boolean; grids: number[]; residents: number; care_files: number;
  training_minutes: number; over_caseload: boolean;
}
/** Staffing beyond head counts; ratios `null` without workers (or residents). */
export interface WorkforceReport {
  residents: number; workers: number; residents_per_worker: number | null; caseload_norm: [min: number, max: number];
  within_caseload: boolean | null; uncovered_residents: number; qualified: number; qualified_share: number | null;
  meets_qualified: boolean | null;
  /** Hours ÷ workers × 365 ÷ period days. */
  training_hours_per_year: number | null; meets_training: boolean | null; loads: WorkerLoad[];
}
/** Funding dated in the period; `per_resident_year` is yuan ÷ residents × 365 ÷ days. */
export interface FundingReport {
  residents: number; days: number; total_fen: number; by_source: Partial<Record<FundingSource, number>>;
  per_resident_year: number | null; norm: number; meets: boolean | null;
}
/** The whole scorecard: every report of the scoring module and the composite index. */
export interface Scorecard {
  community: string; period: Period; now: LocalDateTime; satisfaction: SatisfactionReport; alerts: QualityAlert[];
  response: ResponseReport; delivery: Record<string, unknown>[]; supply: Record<string, unknown>; facilities: Record<string, unknown>[];
  coverage: CoverageReport; staffing: Record<string, unknown>;
  /** Staffing beyond head counts: residents per worker, the qualified share, training hours. */
  workforce: WorkforceReport;
  /** Service funding per resident against the norm, by source. */
  funding: FundingReport;
  special_groups: SpecialGroupReport; visits: ContactReport;
  /** Volunteering and time-bank participation. */
  participation: Record<string, unknown>; identification: IdentificationReport; time_bank: Record<string, unknown>[];
  /** Residents' participation in community affairs and activities. */
  engagement: EngagementReport; identity: IdentityReport; voice: VoiceReport; organisations: OrganisationReport;
  corrective_actions: CorrectiveAction[]; index: ServiceIndex;
}

// ---- Participation, identity, the residents' voice, organisations ----
/** Residents (of the minimum age) and those who took part; `share` null when there are none. */
export interface Rate { residents: number; participated: number; share: number | null }
export interface Engagement { community_affairs: Rate; activities: Rate }
export type AgeBand = "under_18" | "18_34" | "35_59" | "60_79" | "80_plus";
/** Participation over a period: in all and by group (`by_grid` keyed by grid id, `by_occupation` has `unknown`). */
export interface EngagementReport {
  period: Period; min_age: number; all: Engagement;
  by_age_band: Partial<Record<AgeBand, Engagement>>; by_household: Partial<Record<Household, Engagement>>;
  by_occupation: Partial<Record<Occupation | "unknown", Engagement>>; by_grid: Record<string, Engagement>;
  /** Residents who attended two or more times in the period. */
  repeat_participants: number;
  /** Residents with no attendance up to the period's end. */
  never_reached: number;
}
/** A Likert item of the identity survey; `reverse` items are scored 6 − answer. */
export interface IdentityItem { code: string; en: string; zh: string; reverse?: boolean }
/** One respondent's answers (1–5 per item code) and how many neighbours they know by name. */
export interface IdentityResponse { respondent: number; date: LocalDate; answers: Record<string, number>; neighbours_known?: number | null }
export interface IdentityReport {
  respondents: number;
  /** 0–100: each respondent's mean (1–5) mapped to 0–100, averaged. */
  index: number | null;
  /** Cronbach's alpha (null below two respondents or two items). */
  alpha: number | null;
  item_means: Record<string, number>;
  neighbours_answered: number; neighbours_known: number; neighbours_known_share: number | null; neighbours_threshold: number;
}
/** Complaints and suggestions received in the period. */
export interface VoiceReport {
  complaints: number; suggestions: number;
  /** Answered, or unanswered past the deadline: what on-time is judged on. */
  decided: number; answered_on_time: number; answered_on_time_share: number | null;
  p50_answer_minutes: number | null; p90_answer_minutes: number | null;
  closed: number; mean_handling_days: number | null;
  repeat_complaints: number; repeat_complaint_share: number | null;
  suggestions_decided: number; suggestions_adopted: number; adopted_share: number | null;
  /** Feedback ids unanswered past their deadline. */
  overdue: number[]; repeat_window_days: number;
}
export interface OrganisationRow { provider: number; kind: ProviderKind; stars: number; priority: boolean; activities: number; members: number; dormant: boolean }
export interface OrganisationReport {
  rows: OrganisationRow[]; dormant: number; dormant_share: number | null; volunteer_teams: number; volunteer_teams_dormant: number;
  /** Active services, and those run by social organisations and companies. */
  projects: number; by_social_and_companies: number; social_share: number | null; dormant_after_days: number;
}
/** A corrective action (整改): opened by an alert's period, escalated by a retire verdict, closed by the next passing evaluation. */
export interface CorrectiveAction { helper: HelperId; opened: Period; escalated: boolean; closed: Period | null }

// ---- Evaluation: KPIs, results by level, staffing advice, the report ----
/** The scorecard measures a KPI can track (`measures()`). */
export type MeasureCode =
  | "index" | "match_rate" | "response_compliance" | "satisfaction" | "special_group_satisfaction" | "special_group_coverage"
  | "community_affairs" | "activity_participation" | "identity_index" | "neighbours_known" | "handling_days"
  | "suggestions_adopted" | "facility_idle_share" | "circle_coverage" | "radius_coverage" | "community_workers_per_10k"
  | "residents_per_social_worker" | "volunteer_share" | "residents_per_worker" | "qualified_share" | "training_hours"
  | "funding_per_resident";
/** `share`: 0–1 (shown as a percentage); `points`: 0–100. */
export type MeasureUnit = "share" | "points" | "days" | "yuan" | "hours" | "residents" | "per_10k";
export interface Measure { code: MeasureCode; name_en: string; name_zh: string; unit: MeasureUnit; higher_is_better: boolean }
/** Which way a KPI should move (it must agree with its measure's `higher_is_better`). */
export type Direction = "increase" | "decrease";
/** Work-plan phases counted in months from the start: pilot 1–6, roll-out 7–18, consolidation 19–36. */
export type Phase = "pilot" | "roll_out" | "consolidation";
/**
 * A key performance indicator: a measure, its baseline (`null`: not yet measured), its target (on the far side of the
 * baseline) and its deadline (after `baseline_date`). Codes are unique in a set.
 */
export interface Kpi {
  code: string; measure: MeasureCode; name_en: string; name_zh: string; baseline: number | null; baseline_date: LocalDate;
  target: number; deadline: LocalDate; phase: Phase | null; direction: Direction;
}
/** A KPI on input: `baseline` and `phase` may be left out; unknown members refused. */
export type KpiInput = Omit<Kpi, "baseline" | "phase" | "measure"> & { measure: MeasureCode | (string & {}); baseline?: number | null; phase?: Phase | null };
/** One evaluation's value: the day it stands for (the evaluated period's end); `null` when that period gave no data. */
export interface Observation { date: LocalDate; value: number | null }
/** An observation on input (`value` may be left out: no data). */
export type ObservationInput = { date: LocalDate; value?: number | null };
export type KpiStatus = "met" | "on_track" | "behind" | "missed" | "no_data";
/** Where a KPI stands on a day. */
export interface KpiProgress {
  kpi: Kpi; series: Observation[];
  /** The latest observation with a value on or before the day. */
  latest: Observation | null;
  /** `latest − baseline`; the share of the way to the target; the share of the time to the deadline elapsed at `latest`. */
  change: number | null; progress: number | null; expected: number | null;
  /** Met, or at least as far along as the time elapsed. */
  on_track: boolean | null; status: KpiStatus;
  /** Evaluation periods left to the deadline (rounded up), and the change still needed in each (signed). */
  remaining_periods: number; needed_per_period: number | null;
  phase_now: Phase | null;
}
/**
 * What a scorecard counted, in a form that adds up: rates as `{of, n}` by code, raw samples (`response_minutes`,
 * `done_minutes`, sorted), and sums (`community_workers`, `social_workers`, `volunteers`, `workers`, `qualified`,
 * `training_minutes`, `funding_fen`).
 */
export interface Tally { residents: number; counts: Record<string, Count>; samples: Record<string, number[]>; amounts: Record<string, number> }
export type Level = "grid" | "community" | "street" | "district" | "city";
/** A node of the hierarchy: ids unique, the parent known and at a higher level (`null` or left out: a root). */
export interface LevelNode { id: string; name: string; level: Level; parent?: string | null }
/** One child's part of a rate at its parent: its count, its own share, its part of the parent's numerator and denominator. */
export interface Contribution { child: string; count: Count; share: number | null; of_part: number | null; n_part: number | null }
export interface LevelRate { code: string; count: Count; share: number | null; children: Contribution[] }
/** One node's results: its tally (given, or summed from its children), every rate, response-time percentiles (nearest rank, from every need below) and ratios of sums. */
export interface LevelRow {
  node: LevelNode & { parent: string | null }; depth: number; tally: Tally; rates: LevelRate[];
  response_p50: number | null; response_p90: number | null; ratios: Record<string, number | null>;
}
/** How staffing advice is made: groups checked by re-solving (5), most recruits a group (5, 1–100), a recruit's weekly minutes (240) and travel (1,200 m). */
export interface AdviceOptions { max_groups: number; max_recruits: number; minutes_per_week: number; max_travel_m: number }
export type DayPart = "morning" | "afternoon" | "evening";
/** One piece of staffing advice: recruits of one profile for one grid, weekday and part of the day, and what they would bring. */
export interface Recruit {
  skills: string[]; language: string | null; gender: Gender | null; grid: number; weekday: Weekday; day_part: DayPart;
  /** The unmet needs of the group. */
  group_needs: number[];
  recruits: number;
  /** What the plan's dual prices predicted (needs, objective saved), and what re-solving with the recruits gave. */
  predicted_needs: number; predicted_value: number; needs_met: number; objective_gain: number;
  /** The recruits as volunteer records (ids above every existing one), ready for `addVolunteer`. */
  volunteers: Volunteer[];
  /** "recruit 1 volunteer with `legal` in grid 12 for Tue mornings: +2 needs met", and the same in Chinese. */
  text_en: string; text_zh: string;
}
export interface StaffingAdvice { plan: MatchPlan; advice: Recruit[] }
/** A piece of advice on input (as `staffingAdvice` gives it; the two sentences are written again from the record). */
export type RecruitInput = Omit<Recruit, "text_en" | "text_zh"> & { text_en?: string; text_zh?: string };
/**
 * What an evaluation report is made of: the scorecards, one per period in date order (the last is the current one);
 * KPIs judged on `generated`; `levels` as `rollup` gives them (left out: the community and its grids); staffing advice;
 * `z` for comparing the last two periods (1.96). Unknown members refused.
 */
export interface EvaluationInput {
  generated: DateInput; scorecards: Scorecard[]; kpis?: KpiInput[]; levels?: LevelRow[]; advice?: RecruitInput[];
  title_zh?: string; title_en?: string; z?: number;
}
/** One KPI against its target; shares in 0–1 when `percent`; `baseline` null when not measured. */
export interface KpiLine {
  code: string; name_zh: string; name_en: string; unit: string; percent: boolean; baseline: number | null; target: number;
  deadline: LocalDate | null; phase: string | null; higher_is_better: boolean; series: (number | null)[]; latest: number | null;
  progress: number | null; on_track: boolean | null; met: boolean; needed_per_period: number | null;
}
/** One rate in the last two periods (`before`, `after` as text such as `"48/80"`); `low`–`high` the interval of the change. */
export interface ChangeLine { code: string; name_zh: string; name_en: string; before: string; after: string; change: number | null; low: number | null; high: number | null; significant: boolean }
export interface LevelLine {
  id: string; name: string; level: Level | (string & {}); depth: number; residents: number; demand: number; unmet: number;
  match_rate: number | null; response_compliance: number | null; satisfaction: number | null;
}
export interface GridCell { grid: string; lat: number; lon: number; demand: number; unmet: number }
export interface AlertLine { subject: string; verdict_zh: string; verdict_en: string; share: number | null; answers: number; action_zh: string; action_en: string; open: boolean }
export interface AdviceLine { text_zh: string; text_en: string; recruits: number; needs_met: number; grid: string; skill: string }
export interface NormLine { name_zh: string; name_en: string; actual: string; norm: string; meets: boolean | null }
/** Everything the evaluation report shows, section by section, already computed and labelled (`evaluationReportData`). */
export interface ReportData {
  title_zh: string; title_en: string; place: string; generated: LocalDate | null;
  /** Period labels (`2026 Q1`), oldest first: the x axis of every chart; `index` has one value per label. */
  periods: string[]; index: (number | null)[];
  kpis: KpiLine[]; changes: ChangeLine[]; levels: LevelLine[]; grids: GridCell[]; alerts: AlertLine[]; advice: AdviceLine[];
  staffing: NormLine[];
}
/** Report data on input: every member optional (lines too), unknown members refused. */
export type ReportDataInput = Partial<Omit<ReportData, "kpis" | "changes" | "levels" | "grids" | "alerts" | "advice" | "staffing">> & {
  kpis?: Partial<KpiLine>[]; changes?: Partial<ChangeLine>[]; levels?: Partial<LevelLine>[]; grids?: Partial<GridCell>[];
  alerts?: Partial<AlertLine>[]; advice?: Partial<AdviceLine>[]; staffing?: Partial<NormLine>[];
};

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

// ---- Visit rounds ----
/** Who walks a round: a care worker or a volunteer, by label (read and written by the core). */
export type ServerLabel = `worker#${number}` | `volunteer#${number}`;
/** How a server travels, with huzhu's speeds along streets: walking 75, cycling 200, e-bike 300 metres a minute. */
export type TravelMode = "walking" | "cycling" | "e_bike";
/** Where a visit comes from: a care file's home visit (the resident's id), a need served at the door (the need's id), or anything else. */
export type VisitSource = "other" | { contact: number } | { need: number };
/**
 * A visit to plan: `id` unique among the visits, `minutes` at least 1, the whole visit inside one of its
 * `windows` (without windows, at any time in a shift). Left out: `source` other, no windows or skills, no
 * required or preferred server, urgency general. Unknown members are refused.
 */
export interface RoundVisit {
  id: number; place: GeoPoint; minutes: number;
  source?: VisitSource; windows?: TimeWindow[]; skills?: string[];
  /** Only this server may make it. */
  required?: ServerLabel | null;
  /** The server the resident knows: kept unless it costs more travel than `continuity_minutes`. */
  preferred?: ServerLabel | null;
  urgency?: Urgency;
}
/** A server's shifts (several for a week; each shift is a round), start and end places, skills and way of travel (default walking). Unknown members are refused. */
export interface RoundWorker {
  server: ServerLabel; start: GeoPoint; end: GeoPoint; shifts: TimeWindow[];
  skills?: string[]; max_minutes_per_shift?: number | null; mode?: TravelMode;
}
/** Settings of a rounds plan (`defaultRoundsPolicy()`); on input every setting is optional, an unknown one is refused. */
export interface RoundsPolicy {
  /** Street distance over great-circle distance, in percent (130); at least 100. */
  detour_percent: number;
  /** Minutes of travel worth keeping a resident with the server they know (20). */
  continuity_minutes: number;
  /** Minutes of travel a re-plan must save to move a visit to another server, or to leave it out for another visit as urgent (30). */
  stability_minutes: number;
  /** In a re-plan, a visit planned before starts within this many minutes of its previous start, whoever makes it (`null`, the default: times may move). */
  keep_times_minutes: number | null;
  /** Search iterations (2000); at least 1. */
  iterations: number;
  /** Random seed (1): the same inputs and seed give the same plan. */
  seed: number;
}
/** A stop on a round: arrival, start (after waiting, if early) and end of the visit. */
export interface Stop { visit: number; arrive: LocalDateTime; start: LocalDateTime; end: LocalDateTime }
/** One server's round in one of its shifts (`shift`: its index in `shifts`, from 0). */
export interface Round { server: ServerLabel; shift: number; depart: LocalDateTime; stops: Stop[]; back: LocalDateTime; travel_minutes: number }
/**
 * Why a visit is not planned: no server has every skill it needs (or its required server has no shift);
 * no server that may make it can reach it within its windows even with nothing else to do; the shifts that
 * could take it are full of visits at least as urgent; in a week's plan only (`planWeek`), a server could
 * make it that day but for the weekly minutes it has spent (`budget_spent`); or a shift would have room
 * without the more urgent visits `by` on `server`'s round.
 */
export type Unplanned =
  | { reason: "no_skilled_server" }
  | { reason: "window_unreachable" }
  | { reason: "shift_full" }
  | { reason: "budget_spent" }
  | { reason: "outcompeted"; by: number[]; server: ServerLabel };
/** A plan of rounds: by server and shift; the visits not planned, each with its reason; minutes travelling in all. */
export interface Rounds { rounds: Round[]; unplanned: [visit: number, why: Unplanned][]; travel_minutes: number }
/** A round's path: from the server's start through its stops in visit order to its end. */
export interface RoundLineFeature {
  type: "Feature"; geometry: { type: "LineString"; coordinates: [lon: number, lat: number][] };
  properties: { server: ServerLabel; shift: number; depart: LocalDateTime; back: LocalDateTime; travel_minutes: number; visits: number[] };
}
/** A stop, numbered from 1 along its round. */
export interface RoundStopFeature {
  type: "Feature"; geometry: { type: "Point"; coordinates: [lon: number, lat: number] };
  properties: { server: ServerLabel; shift: number; order: number; visit: number; arrive: LocalDateTime; start: LocalDateTime; end: LocalDateTime };
}
/** `roundsGeoJson`: for each round its `LineString`, then a Point per stop (RFC 7946, positions `[lon, lat]`). */
export interface RoundsGeoJson { type: "FeatureCollection"; features: (RoundLineFeature | RoundStopFeature)[] }

// ---- A week of rounds ----
/**
 * A resident's home visits on a contact interval: the visit (its windows may span the week: each day
 * uses the part of them on that day; without windows: at any time in a shift), the most days allowed
 * between two visits (at least 1), and the day of the last visit (left out or `null`: never, so overdue
 * from the start; at the latest the week's first day). Unknown members are refused.
 */
export interface ContactRound { visit: RoundVisit; every_days: number; last?: LocalDate | null }
/** Settings of a week's plan (`defaultWeekPolicy()`); on input every setting is optional, an unknown one is refused. */
export interface WeekPolicy {
  /** The settings of each day's plan. */
  rounds: RoundsPolicy;
  /**
   * A visit due within this many working days may be made early, at the lowest priority, when a round
   * has room and that adds no visit to the week (1); 0 plans only the visits that cannot wait.
   */
  early_days: number;
}
/** A week policy on input: every setting optional, the day's settings too. */
export interface WeekPolicyInput { rounds?: Partial<RoundsPolicy>; early_days?: number }
/** `planWeek`'s options: the week's first and last days, servers' weekly minutes, the settings. */
export interface WeekOptions {
  from: DateInput;
  through: DateInput;
  /** Minutes each server may work on rounds this week (what the matcher leaves of a volunteer's hours); servers left out have no weekly limit. */
  budgets?: Partial<Record<ServerLabel, number>> | null;
  policy?: WeekPolicyInput | null;
}
/** One working day's rounds; a round's `shift` is its index in the server's `shifts` for the week. Unplanned: the visits that could not wait. */
export interface DayRounds { date: LocalDate; plan: Rounds }
/** How one resident's interval went: the days a visit is made, the days more than the interval had passed (empty: it held all week), the last day the next visit may be made on. */
export interface ContactKept { visit: number; made: LocalDate[]; overdue_days: LocalDate[]; next_due: LocalDate }
/** A week of rounds: each working day's plan, each contact round's outcome by visit id, how many held all week, minutes each server works, minutes travelling in all. */
export interface Week {
  days: DayRounds[]; contacts: ContactKept[]; kept: number;
  minutes_worked: Partial<Record<ServerLabel, number>>; travel_minutes: number;
}
/** `contactRounds`' options: each visit's length, when it may take place (without windows: at any time in a shift), the contact policy (`contactSchedule`'s). */
export interface ContactRoundsOptions { minutes: number; windows?: TimeWindow[] | null; policy?: Partial<ContactPolicy> | null }
/** `contactVisits`' options: the day's window, each visit's length, at most so many visits per worker (left out: all). */
export interface ContactVisitsOptions { window: TimeWindow; minutes: number; per_worker?: number | null }

// ---- Dispatching replayed: huzhu beside the phone baseline ----
/**
 * When the office dispatches: every `every_minutes` (120) from `first` ("08:00") to `last` ("20:00"),
 * both included, on each of `days` (7) days from `start`. Unknown members are refused.
 */
export interface DispatchTimes { start: DateInput; days?: number; first?: string; last?: string; every_minutes?: number }
/** `"matcher"`: huzhu's exact matching; `"phone"`: first come, first served, the nearest helper free now, no look-ahead. */
export type Dispatcher = "matcher" | "phone";
/** How a need ended the replay. */
export type Fate = "served" | "expired" | "no_candidate" | "waiting";
/** The helper a need was booked with, at which run, when it starts, how far. */
export interface Booking { helper: HelperId; at: LocalDateTime; start: LocalDateTime; distance_m: number }
/** One need's course: booked (and on time?), expired (every window passed unserved), no candidate, or waiting; `why` the last reason a run that could serve it gave. */
export interface NeedOutcome {
  need: number; created_at: LocalDateTime; urgency: Urgency; special: boolean; deadline: LocalDateTime | null;
  fate: Fate; booking: Booking | null; on_time: boolean | null; expired_at: LocalDateTime | null; why: UnmatchedReason | null;
}
/** One run, for a time slider: the needs it booked, those left waiting, the totals so far. */
export interface RunRecord { at: LocalDateTime; booked: number[]; waiting: number; served_so_far: number; expired_so_far: number }
/** The figures of a replay; a rate over no needs is `null` ("no data"), never a number. */
export interface DispatchSummary {
  needs: number; served: number; match_rate: number | null;
  decided: number; on_time: number; on_time_rate: number | null;
  special_needs: number; special_served: number; special_rate: number | null;
  emergency_needs: number; emergency_served: number; emergency_rate: number | null;
  expired: number; no_candidate: number; waiting: number;
  travel_m: number; mean_travel_m: number | null; median_response_minutes: number | null;
  volunteer_load_gini: number | null; busiest_volunteer_tasks: number;
}
/** A replayed week: every run, every need's course (by need id), the figures. */
export interface DispatchReplay { dispatcher: Dispatcher; runs: RunRecord[]; outcomes: NeedOutcome[]; summary: DispatchSummary }
/** Both dispatchers on the same needs and run times. */
export interface DispatchComparison { phone: DispatchReplay; matcher: DispatchReplay }

// ---- Benchmark solver ----
export interface BmatchResult { needs: number; suppliers: number; arcs: number; objective: number; assigned: number; unassigned: number; optimal: boolean; iterations: number }

/** The time bank's facts of an error (its account and transaction as labels, the idempotency key). */
export interface HuzhuError { account?: AccountLabel; key?: string; transaction?: TxId }
