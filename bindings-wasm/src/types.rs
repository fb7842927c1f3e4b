//! TypeScript names for the values that travel as plain objects. Their definitions are
//! hand-written, the community's and the matcher's in `types.d.ts`, the other areas' in
//! `types_areas.d.ts` (left out of a build with none of them, such as the matcher entry, whose
//! `.d.ts` then declares only what it holds), and emitted into the package's `.d.ts`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

#[cfg(any(
    feature = "advice",
    feature = "care",
    feature = "dispatch",
    feature = "formats",
    feature = "hours",
    feature = "ledger",
    feature = "report",
    feature = "rounds",
    feature = "scoring",
    feature = "solver",
    feature = "synth",
))]
#[wasm_bindgen(typescript_custom_section)]
const AREA_TYPES: &str = include_str!("types_areas.d.ts");

macro_rules! ts_types {
    ($($name:ident = $ts:literal;)*) => {
        #[wasm_bindgen]
        extern "C" {
            $(
                #[doc = concat!("The TypeScript type `", $ts, "`.")]
                #[wasm_bindgen(typescript_type = $ts)]
                pub type $name;
            )*
        }
    };
}

ts_types! {
    TsDateTime = "DateTimeInput";
    TsNumber = "number";
    TsDate = "DateInput";
    TsText = "string";
    TsSnapshot = "CommunitySnapshot";
    TsResident = "Resident";
    TsNeed = "Need";
    TsNeedOrUndefined = "Need | undefined";
    TsResidentOrUndefined = "Resident | undefined";
    TsVolunteer = "Volunteer";
    TsVolunteerOrUndefined = "Volunteer | undefined";
    TsService = "Service";
    TsServiceOrUndefined = "Service | undefined";
    TsProvider = "Provider";
    TsResidents = "Resident[]";
    TsNeeds = "Need[]";
    TsVolunteers = "Volunteer[]";
    TsServices = "Service[]";
    TsProviders = "Provider[]";
    TsNeedStatus = "NeedStatus";
    TsGeoPointOrUndefined = "GeoPoint | undefined";
    TsCounts = "CommunityCounts";
    TsSubsidyClassOrUndefined = "SubsidyClass | undefined";
    TsLocalDateTimeOrUndefined = "LocalDateTime | undefined";
    TsWorker = "Worker";
    TsWorkerOrUndefined = "Worker | undefined";
    TsWorkers = "Worker[]";
    TsCareFile = "CareFile";
    TsCareFileOrUndefined = "CareFile | undefined";
    TsCareFiles = "CareFile[]";
    TsContact = "Contact";
    TsContactOrUndefined = "Contact | undefined";
    TsContacts = "Contact[]";
    TsContactPolicy = "ContactPolicy";
    TsContactPolicyInput = "Partial<ContactPolicy>";
    TsContactReport = "ContactReport";
    TsRiskFlags = "RiskFlag[]";
    TsLatentRules = "LatentRule[]";
    TsInferredNeeds = "InferredNeed[]";
    TsIdentificationReport = "IdentificationReport";
    TsNeedsList = "NeedsListRow[]";
    TsMatchPolicy = "MatchPolicy";
    TsMatchPolicyInput = "Partial<MatchPolicy>";
    TsMatchContextInput = "MatchContextInput";
    TsHoursOptions = "HoursOptions";
    TsMatchPlan = "MatchPlan";
    TsExplanation = "Explanation";
    TsWhyNot = "WhyNot";
    TsHelperRef = "HelperRef";
    TsNeedCandidatesOrUndefined = "NeedCandidates | undefined";
    TsPins = "Record<string, HelperId>";
    TsLedgerPolicyInput = "LedgerPolicyInput";
    TsLedgerPolicy = "LedgerPolicy";
    TsAccountInput = "AccountInput";
    TsAccountRef = "AccountRef";
    TsAccountRefs = "AccountRef[]";
    TsAccounts = "Account[]";
    TsTxMeta = "TxMetaInput";
    TsOperation = "OperationInput";
    TsOperations = "OperationInput[]";
    TsReceipt = "Receipt";
    TsBalances = "Record<string, number>";
    TsTransactions = "Transaction[]";
    TsTransactionOrUndefined = "Transaction | undefined";
    TsPendings = "PendingTransaction[]";
    TsStatement = "Statement";
    TsStatements = "[minutes: Statement, points: Statement]";
    TsUnit = "Unit";
    TsJournalHead = "JournalHead";
    TsJournalLines = "JournalLines";
    TsCatalogueItem = "CatalogueItem";
    TsCatalogueItemOrUndefined = "CatalogueItem | undefined";
    TsCatalogue = "CatalogueItem[]";
    TsActivity = "Activity";
    TsActivityOrUndefined = "Activity | undefined";
    TsActivities = "Activity[]";
    TsFeedback = "Feedback";
    TsFeedbackList = "Feedback[]";
    TsEngagementReport = "EngagementReport";
    TsIdentityItems = "IdentityItem[]";
    TsIdentityResponses = "IdentityResponse[]";
    TsIdentityReport = "IdentityReport";
    TsVoiceReport = "VoiceReport";
    TsOrganisationReport = "OrganisationReport";
    TsCorrectiveActions = "CorrectiveAction[]";
    TsDistrictConfig = "DistrictConfig";
    TsDistrictSummary = "DistrictSummary";
    TsGridAreas = "GridArea[]";
    TsGeoPoints = "GeoPoint[]";
    TsAssignments = "Assignment[]";
    TsTimeBankWeek = "TimeBankWeek";
    TsScoredAssignments = "ScoredAssignment[]";
    TsScoringInputs = "ScoringInputs";
    TsScoringPolicy = "ScoringPolicy";
    TsScoringPolicyInput = "ScoringPolicyInput";
    TsScorecard = "Scorecard";
    TsComparison = "Comparison";
    TsPeriod = "Period";
    TsSimulationParams = "Partial<SimulationParams>";
    TsSimulated = "Simulated";
    TsTimeBankPeriod = "TimeBankPeriod";
    TsCoverageReport = "CoverageReport";
    TsSurveys = "SurveyResponse[]";
    TsServiceRecords = "ServiceRecord[]";
    TsSatisfactionReport = "SatisfactionReport";
    TsQualityAlerts = "QualityAlert[]";
    TsAlertPolicy = "Partial<AlertPolicy>";
    TsResponseReport = "ResponseReport";
    TsIndicatorValues = "Partial<Record<Indicator, number | null>>";
    TsIndicatorWeights = "Partial<Record<Indicator, number>>";
    TsServiceIndex = "ServiceIndex";
    TsScorecards = "Scorecard[]";
    TsMeasures = "Measure[]";
    TsKpi = "KpiInput";
    TsKpis = "KpiInput[]";
    TsKpiList = "Kpi[]";
    TsObservations = "ObservationInput[]";
    TsKpiProgress = "KpiProgress";
    TsKpiProgressList = "KpiProgress[]";
    TsTally = "Tally";
    TsTallyList = "Partial<Tally>[]";
    TsGridTallies = "Record<string, Tally>";
    TsTallyInputs = "Record<string, Partial<Tally>>";
    TsLevelNodes = "LevelNode[]";
    TsLevelRows = "LevelRow[]";
    TsAdviceOptionsInput = "Partial<AdviceOptions>";
    TsStaffingAdvice = "StaffingAdvice";
    TsEvaluationInput = "EvaluationInput";
    TsReportData = "ReportData";
    TsReportDataInput = "ReportDataInput";
    TsBmatchResult = "BmatchResult";
    TsGeoJson = "GeoJsonFeatureCollection";
    TsHsdsOptions = "Partial<HsdsImportOptions>";
    TsHsdsImport = "HsdsImport";
    TsImportReport = "ImportReport";
    TsRoundVisits = "RoundVisit[]";
    TsRoundWorkers = "RoundWorker[]";
    TsRoundsPolicy = "RoundsPolicy";
    TsRoundsPolicyInput = "Partial<RoundsPolicy>";
    TsRounds = "Rounds";
    TsRoundsGeoJson = "RoundsGeoJson";
    TsTimeWindows = "TimeWindow[]";
    TsContactRounds = "ContactRound[]";
    TsContactRoundsOptions = "ContactRoundsOptions";
    TsContactVisitsOptions = "ContactVisitsOptions";
    TsWeekOptions = "WeekOptions";
    TsWeekPolicy = "WeekPolicy";
    TsWeek = "Week";
    TsCommittedTasks = "Partial<Record<HelperLabel, number>>";
    TsDispatchTimes = "DispatchTimes";
    TsDispatcher = "Dispatcher";
    TsDispatchComparison = "DispatchComparison";
    TsDispatchReplay = "DispatchReplay";
}
