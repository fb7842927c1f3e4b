
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
export type SpecialGroup =
  | "elderly_living_alone" | "empty_nest" | "disabled" | "child_in_difficulty" | "minimum_allowance" | "special_contribution"
  | "extreme_poverty" | "severe_disability";
export type Urgency = "emergency" | "special_group" | "general" | "complex";
export type NeedStatus = "open" | "matched" | "in_progress" | "done" | "cancelled" | "expired";
export type Gender = "female" | "male";
export type Household = "lives_alone" | "with_family";
export type SelfCare = "full" | "partial" | "dependent";
/** Basic, dynamic or latent (基础 / 动态 / 潜在). */
export type NeedKind = "basic" | "dynamic" | "latent";
/** How a need reached the community (受理渠道); `care_package` and `inferred` are set by `packageNeeds` and `needsFromInferred`. */
export type IntakeChannel = "grid_visit" | "hotline" | "online" | "survey" | "inferred" | "care_package";
/** The care areas in which a special-group resident's need is answered within 24 hours, whatever its class. */
export type CareArea = "medical_help" | "daily_care" | "emotional_support";

export interface Resident {
  id: number; birth_date: LocalDate; home: GeoPoint; grid: number;
  household: Household; self_care: SelfCare;
  groups?: SpecialGroup[]; consent_to_share?: boolean; gender?: Gender | null; languages?: string[]; care_card?: boolean;
  /** What the resident does, when known (participation is reported by it); left out when unknown. */
  occupation?: Occupation | null;
}
export type Occupation = "retired" | "working" | "student" | "unemployed" | "other";
export interface TimeWindow { start: LocalDateTime; end: LocalDateTime }
export interface WeeklySlot { weekday: Weekday; opens: string; closes: string }
export type NeedPlace = { kind: "home" } | { kind: "at"; point: GeoPoint; [k: string]: unknown };
export type PreferenceKind = { kind: "language"; value: string } | { kind: "helper_gender"; value: Gender } | { kind: "preferred_volunteer"; value: number };
export interface Preference { kind: PreferenceKind; strength: "hard" | "soft" }
/** One step of a need's status history. */
export interface StatusChange { at: LocalDateTime; status: NeedStatus; by?: string }
export interface Need {
  id: number; resident: number; category: string; urgency: Urgency; created_at: LocalDateTime;
  windows: TimeWindow[]; duration_minutes: number; place: NeedPlace;
  required_skills?: string[]; preferences?: Preference[]; excluded_volunteers?: number[]; status?: NeedStatus;
  /** Default `basic`. */
  kind?: NeedKind; channel?: IntakeChannel;
  /** The latent-need rule that inferred it. */
  inferred_by?: string;
  /** For an inferred need: confirmed by the resident or a worker (absent while undecided). */
  confirmed?: boolean;
  /** Every status change with its time, oldest first; it must end in `status`. */
  history?: StatusChange[];
}
export interface Certification { skill: string; valid_until?: LocalDate | null }
export interface Volunteer {
  id: number; resident?: number | null; skills?: string[]; certifications?: Certification[]; availability: WeeklySlot[];
  minutes_per_week: number; max_travel_m: number; languages?: string[]; gender?: Gender | null; home: GeoPoint;
  tier?: "professional" | "ordinary"; group?: boolean;
}
export type ProviderKind =
  | "service_centre" | "health_station" | "day_care_centre" | "canteen" | "social_organisation" | "company" | "school"
  | "owners_committee" | "volunteer_team" | "interest_group" | "other";
/**
 * `stars`: 1–5 for 1A–5A (0: not graded). The documents grade self-governing organisations (owners'
 * committees, volunteer teams, interest groups) and social organisations; 3A and above get resources first.
 */
export interface Provider { id: number; name: string; kind: ProviderKind; stars?: number }
/** Low-cost (低偿): care-card holders pay `care_card_price_fen` when set (3 yuan a meal), else the price less `care_card_discount_pct`. */
export type Fee =
  | { tier: "free" }
  | { tier: "low_cost"; price_fen: number; care_card_discount_pct?: number; care_card_price_fen?: number }
  | { tier: "paid"; price_fen: number; [k: string]: unknown };
export interface Service {
  id: number; provider: number; name: string; categories: string[]; location: GeoPoint; radius_m: number;
  schedule: WeeklySlot[]; capacity_per_week: number;
  eligibility?: { min_age?: number | null; max_age?: number | null; groups_any?: SpecialGroup[] };
  /** Free for the documents' subsidy classes (economic hardship, special contribution, aged living alone without full self-care); `free_for_priority` is read too (input only). */
  fee: Fee; free_for_subsidised?: boolean; mode: "at_facility" | "door_to_door" | "device";
  status?: "active" | "temporarily_closed" | "inactive" | "defunct";
}
export interface Category { code: string; name_en: string; name_zh: string; group: string; required_skills: string[]; essential: boolean; care_area?: CareArea; [k: string]: unknown }
/** A response deadline. */
export type ResponseTime = { minutes: number } | { working_days: number };
/** Deadlines by urgency class, and `special_group_care` (24 h) for a special-group resident's need in a care area, whatever its class. */
export type DeadlinePolicy = Record<Urgency | "special_group_care", ResponseTime>;
/** The documents' three classes given free service (无偿): minimum allowance or extreme poverty, special contribution, aged living alone without full self-care. */
export type SubsidyClass = "economic_hardship" | "special_contribution" | "aged_living_alone_dependent";
/** Who gets free service: living alone without full self-care from `aged_from` (default 80). */
export interface SubsidyPolicy { aged_from: number }
/** The JSON snapshot (format `huzhu.community`, version 1). */
export interface CommunitySnapshot {
  format: "huzhu.community"; version: 1; name: string;
  calendar?: { weekend?: Weekday[]; holidays?: LocalDate[]; make_up_days?: LocalDate[] };
  deadlines?: Partial<DeadlinePolicy>;
  walking?: { metres_per_minute: number };
  categories?: Category[]; providers?: Provider[]; residents?: Resident[]; volunteers?: Volunteer[]; services?: Service[]; needs?: Need[];
  subsidy?: Partial<SubsidyPolicy>; workers?: Worker[]; care_files?: CareFile[]; contacts?: Contact[];
  activities?: Activity[]; feedback?: Feedback[];
}
export interface CommunityCounts {
  residents: number; needs: number; volunteers: number; services: number; providers: number;
  workers: number; care_files: number; contacts: number;
}

// ---- Participation records: activities, complaints and suggestions ----
/** Meetings, hearings and consultations are community affairs (居民议事); the rest are activities. */
export type ActivityKind = "meeting" | "hearing" | "consultation" | "interest_group" | "volunteer_event" | "cultural" | "training";
/** An activity or deliberation and who came (each attendee once; it ends after it starts). */
export interface Activity {
  id: number; kind: ActivityKind;
  /** The provider that ran it (an owners' committee, a volunteer team…); `null`: the residents' committee. */
  organiser?: number | null; category?: string | null;
  start: LocalDateTime; end: LocalDateTime; place?: string; grid?: number | null; attendees?: number[];
}
export type FeedbackKind = "complaint" | "suggestion";
/** Complaints are upheld or dismissed, suggestions adopted or not; either may be withdrawn. */
export type FeedbackOutcome = "upheld" | "dismissed" | "adopted" | "not_adopted" | "withdrawn";
/** What a complaint or suggestion is about: a service, a provider, or a facility (the service that runs at it). */
export type Subject = { kind: "service"; id: number } | { kind: "provider"; id: number } | { kind: "facility"; id: number };
/** A complaint or suggestion: answered and closed not before received, an outcome only once closed. */
export interface Feedback {
  id: number; kind: FeedbackKind; resident?: number | null; channel?: IntakeChannel | null; category?: string | null;
  subject?: Subject | null; received: LocalDateTime; answered?: LocalDateTime | null; closed?: LocalDateTime | null;
  outcome?: FeedbackOutcome | null; text?: string;
}

// ---- Care records (一人一档) ----
export type WorkerRole = "grid_worker" | "social_worker" | "community_worker";
/**
 * A member of staff who keeps care files and makes the rounds; `grids`: the grid cells covered (片区);
 * `qualified`: holds a professional qualification (社会工作者职业资格; default false).
 */
export interface Worker { id: number; name: string; role: WorkerRole; grids?: number[]; qualified?: boolean }
export type RiskLevel = "low" | "medium" | "high";
/** An assessment (评估): `assessor` is a name or a worker's label (`worker#1`). */
export interface Assessment { date: LocalDate; assessor: string; self_care: SelfCare; health_risks?: string[]; living_risks?: string[] }
/** `weekly` and `fortnightly` items need a `weekday`; fortnightly weeks have the parity of the week the file was opened. */
export type Cadence = "daily" | "weekdays" | "weekly" | "fortnightly";
/** One item of a tailored service package (定制化服务包); `from` and `until` are times of day, `HH:MM:SS`. */
export interface PackageItem { category: string; every: Cadence; weekday?: Weekday | null; from: string; until: string; duration_minutes: number }
/** Days between home visits, and between calls (a visit counts as a call; `null`: no calls). */
export interface ContactPlan { visit_every_days: number; call_every_days?: number | null }
/**
 * The care file of one special-group resident (one per resident): the latest assessment, the risk level,
 * the responsible worker, the service package, and `contact` when the plan differs from the policy's default.
 */
export interface CareFile {
  resident: number; opened: LocalDate; closed?: LocalDate | null; worker: number; assessment: Assessment;
  risk?: RiskLevel; package?: PackageItem[]; contact?: ContactPlan | null;
}
/** Visit (走访), phone call, or needs survey (counts as a call, and for survey coverage). */
export type ContactKind = "visit" | "phone" | "survey";
/** One entry of the contact log. */
export interface Contact { id: number; resident: number; worker?: number | null; at: LocalDateTime; kind: ContactKind; notes?: string }

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
  soft_preference_unmet: number; continuity_discount: number; priority_discount: number; fair_free_tasks: number; fairness_step: number;
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
export interface CostBreakdown { travel: number; delay: number; late: number; fee: number; reliability: number; skill_fit: number; preferences: number; continuity: number; priority: number; total: number }
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

/**
 * Every error the package throws: a JS `Error` named `HuzhuError`, whose own properties are the
 * core error's facts (present only when the error names them).
 */
export interface HuzhuError extends Error {
  name: "HuzhuError";
  /**
   * Stable code, the same on every surface: the core's (`MODEL_INVALID_FIELD`, `MATCH_INVALID_POLICY`,
   * `LEDGER_FLOOR_BREACH`, `JOURNAL_HASH_MISMATCH`, `SCORING_…`, `SOLVER_…`, `GAP_…`, `FORMAT_…`,
   * `HSDS_…`, `ROUNDS_INVALID`, `ROUTING_…`, `INVALID_ID`, `INVALID_DATE`), or the package's own
   * `INVALID_ARGUMENT` (a JS value of the wrong type, a number that is not whole) and `INTERNAL_PANIC` (a bug).
   */
  code: string;
  /** The record at fault: `resident#3`, `transaction 'k1'`, `match policy`, `journal line 4`… */
  record?: string;
  /** The field, argument or JSON path at fault: `home.lat`, `account`, `needs[2].windows`… */
  field?: string;
  /** The policy setting at fault: `unit`, `travel_per_minute`, `alerts.correct_below`… */
  setting?: string;
  /** 1-based line of the text at fault (journal, JSON, bmatch). */
  line?: number;
  /** Position in a list (a batch item). */
  index?: number;
  /** The wrapped error's code (a rejected batch item, a journal line whose replay failed). */
  cause?: string;
}
