//! One call for every indicator: the scorecard, and its one-screen text rendering.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use chrono::NaiveDateTime;

use super::alerts::{QualityAlert, Verdict, quality_alerts};
use super::care::{SpecialGroupReport, special_group_coverage};
use super::corrective::{CorrectiveAction, corrective_actions};
use super::coverage::{CoverageReport, circle_coverage};
use super::delivery::{HelperDelivery, delivery};
use super::engagement::{EngagementReport, engagement};
use super::error::ScoringError;
use super::identity::{IdentityReport, IdentityResponse, check_identity, identity_index};
use super::index::{Indicator, ServiceIndex, composite_index};
use super::organisations::{OrganisationReport, organisations};
use super::participation::{ParticipationReport, participation};
use super::policy::ScoringPolicy;
use super::records::{
    Assignment, CareRecord, Period, ServiceRecord, SurveyResponse, VisitLog, check_assignments,
    check_care_records, check_service_records, check_surveys, check_visits,
};
use super::response::{ResponseReport, response_times};
use super::satisfaction::{SatisfactionReport, Scope, satisfaction_of};
use super::staffing::{StaffCounts, StaffingReport, staffing};
use super::supply::{FacilityUse, SupplyReport, facility_use, supply_demand};
use super::timebank::{TimeBankHealth, TimeBankPeriod, check_time_bank, time_bank_health};
use super::visits::{VisitReport, visit_schedule};
use super::voice::{VoiceReport, voice};
use super::workforce::{
    Funding, FundingReport, Training, WorkforceReport, check_funding, check_training, funding,
    workforce,
};
use crate::care::IdentificationReport;
use crate::model::Community;

/// A share scored against its target: `share / target`, at most 1 (`None` without data).
fn against(share: Option<f64>, target: f64) -> Option<f64> {
    share.map(|s| (s / target).min(1.0))
}

/// Everything scoring reads: the community, the period and moment judged, and the records of
/// what happened. Build with [`ScoringInputs::new`] and fill the slices you have.
#[derive(Debug, Clone, Copy)]
pub struct ScoringInputs<'a> {
    /// The community.
    pub community: &'a Community,
    /// The reporting period.
    pub period: Period,
    /// The moment "now" for deadlines and visits (the caller's clock, never read here).
    pub now: NaiveDateTime,
    /// The match plan.
    pub assignments: &'a [Assignment],
    /// Service records.
    pub records: &'a [ServiceRecord],
    /// Survey responses (of any periods: earlier ones feed the "two periods in a row" rule).
    pub surveys: &'a [SurveyResponse],
    /// Care records of special-group residents.
    pub care_records: &'a [CareRecord],
    /// Visit and call logs.
    pub visits: &'a [VisitLog],
    /// Staff headcounts.
    pub staff: StaffCounts,
    /// Time-bank period summaries.
    pub time_bank: &'a [TimeBankPeriod],
    /// Identity-survey responses (of any dates: those in the period count).
    pub identity: &'a [IdentityResponse],
    /// Workers' training (those dated in the period count).
    pub training: &'a [Training],
    /// Service funding received (those dated in the period count).
    pub funding: &'a [Funding],
}

impl<'a> ScoringInputs<'a> {
    /// Inputs with no records, no staff and no time bank.
    pub fn new(community: &'a Community, period: Period, now: NaiveDateTime) -> Self {
        Self {
            community,
            period,
            now,
            assignments: &[],
            records: &[],
            surveys: &[],
            care_records: &[],
            visits: &[],
            staff: StaffCounts::default(),
            time_bank: &[],
            identity: &[],
            training: &[],
            funding: &[],
        }
    }

    /// Checks every input against the community (ids, references, ranges).
    pub fn check(&self) -> Result<(), ScoringError> {
        let c = self.community;
        self.period
            .check(super::error::InputRef::Period, "period")?;
        check_assignments(c, self.assignments)?;
        check_service_records(c, self.records)?;
        check_surveys(c, self.surveys)?;
        check_care_records(c, self.care_records)?;
        check_visits(c, self.visits)?;
        check_training(c, self.training)?;
        check_funding(self.funding)?;
        check_time_bank(c, self.time_bank)
    }
}

/// Every indicator of one community for one period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Scorecard {
    /// Community name.
    pub community: String,
    /// The period.
    pub period: Period,
    /// The moment judged.
    pub now: NaiveDateTime,
    /// Satisfaction per scope and period.
    pub satisfaction: SatisfactionReport,
    /// Quality verdicts per helper and period.
    pub alerts: Vec<QualityAlert>,
    /// Response times.
    pub response: ResponseReport,
    /// Completion and no-show per helper.
    pub delivery: Vec<HelperDelivery>,
    /// Supply and demand per category × grid.
    pub supply: SupplyReport,
    /// Facility utilisation.
    pub facilities: Vec<FacilityUse>,
    /// Living-circle coverage.
    pub coverage: CoverageReport,
    /// Staffing against the norms.
    pub staffing: StaffingReport,
    /// Staffing beyond head counts: residents per worker, qualified share, training.
    pub workforce: WorkforceReport,
    /// Service funding per resident against the norm, by source.
    pub funding: FundingReport,
    /// Special-group coverage.
    pub special_groups: SpecialGroupReport,
    /// Visit schedule.
    pub visits: VisitReport,
    /// Volunteering and time-bank participation.
    pub participation: ParticipationReport,
    /// How well needs were identified: accuracy of inferred needs, personalised share, survey
    /// coverage.
    pub identification: IdentificationReport,
    /// Participation in community affairs and activities.
    pub engagement: EngagementReport,
    /// The community identity index and neighbours known.
    pub identity: IdentityReport,
    /// Complaints and suggestions.
    pub voice: VoiceReport,
    /// Self-governing and social organisations.
    pub organisations: OrganisationReport,
    /// Corrective actions opened by quality alerts, and their closing.
    pub corrective_actions: Vec<CorrectiveAction>,
    /// Time-bank health per period.
    pub time_bank: Vec<TimeBankHealth>,
    /// The composite index.
    pub index: ServiceIndex,
}

impl Scorecard {
    /// Checks the inputs and policy, then computes every indicator.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::Community;
    /// use huzhu::scoring::{Period, Scorecard, ScoringInputs, ScoringPolicy};
    /// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
    /// let community = Community::new("Demo street");
    /// let inputs = ScoringInputs::new(&community, Period::new(d(11), d(12)).unwrap(), d(12).and_hms_opt(0, 0, 0).unwrap());
    /// let card = Scorecard::compute(&inputs, &ScoringPolicy::default()).unwrap();
    /// assert_eq!(card.supply.demand, 0);
    /// assert!(card.render_text().contains("社区服务指数"));
    /// ```
    pub fn compute(
        inputs: &ScoringInputs<'_>,
        policy: &ScoringPolicy,
    ) -> Result<Self, ScoringError> {
        policy.check()?;
        inputs.check()?;
        check_identity(inputs.community, &policy.identity_items, inputs.identity)?;
        let c = inputs.community;
        let period = inputs.period;
        let sat = satisfaction_of(c, inputs.surveys, policy);
        let alerts = quality_alerts(&sat, &policy.alerts);
        let response = response_times(c, inputs.assignments, inputs.records, period, inputs.now);
        let delivery = delivery(inputs.records, period);
        let supply = supply_demand(c, inputs.assignments, period);
        let facilities = facility_use(c, inputs.records, period, policy);
        let coverage = circle_coverage(c, policy.circle_minutes, policy.service_radius_m);
        let staffing = staffing(c, inputs.staff, &policy.staffing)?;
        let workforce = workforce(c, inputs.training, period, &policy.staffing);
        let funding = funding(c, inputs.funding, period, &policy.staffing);
        let visits = visit_schedule(c, inputs.visits, inputs.now, &policy.visits);
        // Coverage reads the rounds as they stood at the end of the period (or now, if sooner).
        let end = period.end.and_time(chrono::NaiveTime::MIN).min(inputs.now);
        let rounds_at_end = visit_schedule(c, inputs.visits, end, &policy.visits);
        let special_groups = special_group_coverage(
            c,
            inputs.care_records,
            &rounds_at_end,
            period,
            policy.special_group_target,
        );
        let participation = participation(
            c,
            inputs.records,
            inputs.time_bank,
            period,
            policy.volunteer_participation_target,
        );
        let identification = crate::care::identification_with(c, period, policy.survey_window_days);
        let time_bank = time_bank_health(inputs.time_bank, policy.near_cap_share);
        let engagement = engagement(c, period, policy.participation_min_age);
        let identity = identity_index(
            inputs.identity,
            &policy.identity_items,
            period,
            policy.neighbours_threshold,
        );
        let voice = voice(c, period, inputs.now, policy.repeat_complaint_days);
        let organisations = organisations(c, period, policy.dormant_after_days);
        let corrective_actions = corrective_actions(&alerts);

        let (done, total) = delivery.iter().fold((0u64, 0u64), |(d, t), h| {
            (d + u64::from(h.done), t + u64::from(h.records))
        });
        let util: Vec<f64> = facilities
            .iter()
            .map(|f| (f.utilisation / policy.target_utilisation).min(1.0))
            .collect();
        let values = BTreeMap::from([
            (
                Indicator::Satisfaction,
                sat.row(&Scope::All, period)
                    .and_then(|r| r.overall)
                    .map(|o| o.share_satisfied),
            ),
            (
                Indicator::ResponseCompliance,
                response.overall.compliance_rate,
            ),
            (Indicator::MatchRate, supply.match_rate),
            (Indicator::Completion, super::stats::rate(done, total)),
            (Indicator::CircleCoverage, coverage.mean_share),
            (Indicator::SpecialGroupCoverage, special_groups.attainment),
            (Indicator::Staffing, staffing.attainment()),
            (Indicator::Visits, visits.share_on_schedule),
            (
                Indicator::VolunteerParticipation,
                against(participation.share, policy.volunteer_participation_target),
            ),
            (
                Indicator::Utilisation,
                super::stats::mean_sd(&util).map(|(m, _)| m),
            ),
            (
                Indicator::IdentificationAccuracy,
                against(identification.accuracy, policy.identification_target),
            ),
            (
                Indicator::PersonalisedServices,
                against(
                    identification.personalised_share,
                    policy.personalised_target,
                ),
            ),
            (
                Indicator::SurveyCoverage,
                against(
                    identification.survey_coverage,
                    policy.survey_coverage_target,
                ),
            ),
            (
                Indicator::CommunityAffairs,
                against(
                    engagement.all.community_affairs.share,
                    policy.community_affairs_target,
                ),
            ),
            (
                Indicator::ActivityParticipation,
                against(engagement.all.activities.share, policy.activity_target),
            ),
            (
                Indicator::Identity,
                against(identity.index, policy.identity_target),
            ),
            (
                Indicator::NeighboursKnown,
                against(
                    identity.neighbours_known_share,
                    policy.neighbours_known_target,
                ),
            ),
            (Indicator::FeedbackAnswered, voice.answered_on_time_share),
            (
                Indicator::SuggestionsAdopted,
                against(voice.adopted_share, policy.suggestions_adopted_target),
            ),
        ]);
        let index = composite_index(&values, &policy.index_weights)?;
        Ok(Self {
            community: c.name().to_owned(),
            period,
            now: inputs.now,
            satisfaction: sat,
            alerts,
            response,
            delivery,
            supply,
            facilities,
            coverage,
            staffing,
            workforce,
            funding,
            special_groups,
            visits,
            participation,
            identification,
            engagement,
            identity,
            voice,
            organisations,
            corrective_actions,
            time_bank,
            index,
        })
    }

    /// A compact, bilingual, one-screen text rendering (also what `Display` prints).
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_text(&mut s);
        s
    }

    fn write_text(&self, out: &mut String) -> fmt::Result {
        let pct = |v: Option<f64>| {
            v.map_or_else(|| "  n/a".to_owned(), |v| format!("{:5.1}%", v * 100.0))
        };
        let mins = |v: Option<i64>| v.map_or_else(|| "n/a".to_owned(), |m| format!("{m} min"));
        writeln!(
            out,
            "{} · {} (as of {})",
            self.community, self.period, self.now
        )?;
        match self.index.score {
            Some(v) => writeln!(out, "Community service index 社区服务指数: {v:.1} / 100")?,
            None => writeln!(out, "Community service index 社区服务指数: n/a")?,
        }
        writeln!(
            out,
            "{} {:>7} {:>6} {:>6}",
            pad("Indicator 指标", 44),
            "value",
            "weight",
            "points"
        )?;
        for c in &self.index.components {
            let (en, zh) = c.indicator.labels();
            writeln!(
                out,
                "  {} {:>7} {:>5.0}% {:>6.1}",
                pad(&format!("{en} {zh}"), 42),
                pct(c.value),
                c.effective_weight * 100.0,
                c.contribution
            )?;
        }
        let r = &self.response.overall;
        writeln!(
            out,
            "Response 响应: {} needs, on time {}, p50 {}, p90 {}, overdue {}",
            r.needs,
            pct(r.compliance_rate).trim(),
            mins(r.p50_response_minutes),
            mins(r.p90_response_minutes),
            self.response.overdue.len()
        )?;
        writeln!(
            out,
            "Supply 供需: demand {}, matched {} ({}), unmet {}",
            self.supply.demand,
            self.supply.matched,
            pct(self.supply.match_rate).trim(),
            self.supply.demand - self.supply.matched
        )?;
        if let Some(all) = self.satisfaction.row(&Scope::All, self.period) {
            write!(out, "Satisfaction 满意度:")?;
            for (d, v) in &all.dimensions {
                write!(
                    out,
                    " {} {}",
                    d.labels().1,
                    pct(Some(v.share_satisfied)).trim()
                )?;
            }
            if let Some(a) = self.satisfaction.cronbach_alpha {
                write!(out, " · α {a:.2}")?;
            }
            writeln!(out)?;
        }
        let this: Vec<&QualityAlert> = self
            .alerts
            .iter()
            .filter(|a| a.period == self.period)
            .collect();
        let count = |v: Verdict| this.iter().filter(|a| a.verdict == v).count();
        write!(
            out,
            "Quality alerts 质量预警: correct 整改 {}, retire 退出 {}, below the line on few answers 样本少 {}, insufficient data 数据不足 {}",
            count(Verdict::Correct),
            count(Verdict::Retire),
            count(Verdict::BelowFewAnswers),
            count(Verdict::InsufficientData)
        )?;
        // The firm verdicts first (retire, then correct), then the lowest shares.
        let mut firm: Vec<&&QualityAlert> = this
            .iter()
            .filter(|a| matches!(a.verdict, Verdict::Retire | Verdict::Correct))
            .collect();
        firm.sort_by(|a, b| {
            (b.verdict == Verdict::Retire)
                .cmp(&(a.verdict == Verdict::Retire))
                .then(a.share_satisfied.total_cmp(&b.share_satisfied))
                .then(a.helper.cmp(&b.helper))
        });
        for a in firm.iter().take(3) {
            write!(
                out,
                " · {} {} {}",
                a.helper,
                a.verdict.labels().1,
                pct(Some(a.share_satisfied)).trim()
            )?;
        }
        writeln!(out)?;
        let flagged = self.facilities.iter().filter(|f| f.reallocate).count();
        writeln!(
            out,
            "Coverage 覆盖: {}-min walk {}, {} m radius {} · facilities 设施 {} active, {} idle > threshold (reallocate 调配)",
            self.coverage.threshold_minutes,
            pct(self.coverage.mean_share).trim(),
            self.coverage.radius_m,
            pct(self.coverage.mean_share_radius).trim(),
            self.facilities.len(),
            flagged
        )?;
        let st = &self.staffing;
        writeln!(
            out,
            "Staffing 人员: workers {}/{:.1}, social workers {}/{:.1}, volunteers {}/{:.1}",
            st.community_workers.actual,
            st.community_workers.required,
            st.social_workers.actual,
            st.social_workers.required,
            st.volunteers.actual,
            st.volunteers.required
        )?;
        let overdue = self
            .visits
            .due
            .iter()
            .filter(|v| v.status == crate::care::DueStatus::Overdue)
            .count();
        writeln!(
            out,
            "Visits 探访: {} on schedule, {} contacts due, {} overdue · special groups 特殊群体 {}",
            pct(self.visits.share_on_schedule).trim(),
            self.visits.due.len() - overdue,
            overdue,
            pct(self.special_groups.all.share).trim()
        )?;
        let e = &self.engagement.all;
        writeln!(
            out,
            "Residents 居民参与: community affairs 社区事务 {}, activities 活动 {}, identity 认同感 {}, neighbours known 邻里熟识 {}",
            pct(e.community_affairs.share).trim(),
            pct(e.activities.share).trim(),
            self.identity
                .index
                .map_or_else(|| "n/a".to_owned(), |v| format!("{v:.1}")),
            pct(self.identity.neighbours_known_share).trim()
        )?;
        let v = &self.voice;
        let open = self
            .corrective_actions
            .iter()
            .filter(|a| a.closed.is_none())
            .count();
        writeln!(
            out,
            "Voice 诉求: {} complaints, {} suggestions, answered on time {}, repeat {}, adopted {} · corrective actions open 整改中 {}",
            v.complaints,
            v.suggestions,
            pct(v.answered_on_time_share).trim(),
            pct(v.repeat_complaint_share).trim(),
            pct(v.adopted_share).trim(),
            open
        )?;
        let id = &self.identification;
        writeln!(
            out,
            "Needs found 需求识别: accuracy {} ({} of {} inferred confirmed), personalised {}, surveyed {}",
            pct(id.accuracy).trim(),
            id.inferred_confirmed,
            id.inferred_decided,
            pct(id.personalised_share).trim(),
            pct(id.survey_coverage).trim()
        )?;
        write!(
            out,
            "Volunteering 志愿参与: {}",
            pct(self.participation.share).trim()
        )?;
        if let Some(tb) = self.time_bank.last() {
            write!(
                out,
                " · time bank 时间银行: earned {} h, redeemed {} h, owed {} h, {} near cap",
                tb.earned / 60,
                tb.redeemed / 60,
                tb.outstanding / 60,
                tb.near_cap.len()
            )?;
        }
        writeln!(out)
    }
}

/// Pads text to a terminal width, counting East Asian wide characters as two columns.
fn pad(text: &str, width: usize) -> String {
    let used: usize = text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6)
}

impl fmt::Display for Scorecard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render_text())
    }
}
