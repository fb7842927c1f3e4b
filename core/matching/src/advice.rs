//! Staffing advice from the plan: which helpers to recruit, where and when, to serve the most
//! unmet need — "recruit 3 `legal` volunteers in grid 12 on Tuesday mornings: +5 needs met".
//!
//! Unmet needs that still have a window ahead are grouped by what a helper for them must be
//! (the required skills and hard preferences), where (the resident's grid) and when (weekday
//! and part of day of the first window ahead). The plan's dual prices rank the groups: an unmet
//! need's price is its penalty, the objective a helper serving it would save before travel, so a
//! group is worth the prices of the needs its recruits could take within their weekly tasks.
//! The best groups are then checked: the recruits are added and the plan re-solved, and the
//! advice reports what the re-solve gives, beside what the prices predicted; recruits the
//! re-solve finds useless (a need whose deadline no helper can meet, say) are not advised.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveTime, Timelike, Weekday};
use huzhu_model::{
    Community, Gender, GeoPoint, GridId, NeedId, PreferenceKind, Skill, Strength, Volunteer,
    VolunteerId, WeeklySchedule, WeeklySlot,
};

use super::candidates::need_requirements;
use super::engine::Matcher;
use super::error::MatchError;
use super::plan::MatchPlan;

/// A part of the day a recruit would be available.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DayPart {
    /// 06:00–12:00.
    Morning,
    /// 12:00–18:00.
    Afternoon,
    /// 18:00–24:00.
    Evening,
}

impl DayPart {
    /// The part of the day an hour falls in (before 06:00 counts as morning).
    pub fn of_hour(hour: u32) -> Self {
        match hour {
            0..12 => Self::Morning,
            12..18 => Self::Afternoon,
            _ => Self::Evening,
        }
    }

    /// Opening and closing time of the part (evening closes at 23:59).
    pub fn hours(self) -> (NaiveTime, NaiveTime) {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
        match self {
            Self::Morning => (t(6, 0), t(12, 0)),
            Self::Afternoon => (t(12, 0), t(18, 0)),
            Self::Evening => (t(18, 0), t(23, 59)),
        }
    }

    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::Morning => ("morning", "上午"),
            Self::Afternoon => ("afternoon", "下午"),
            Self::Evening => ("evening", "晚上"),
        }
    }
}

/// How the advice is made.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct AdviceOptions {
    /// How many pieces of advice to give at most (default 5); up to three times as many groups
    /// are checked by re-solving to find them.
    pub max_groups: usize,
    /// Most recruits advised for one group (default 5).
    pub max_recruits: u32,
    /// Weekly minutes a recruit would give (default 240, a new volunteer's default).
    pub minutes_per_week: u32,
    /// How far a recruit would travel, metres (default 1,200).
    pub max_travel_m: u32,
}

impl Default for AdviceOptions {
    fn default() -> Self {
        Self {
            max_groups: 5,
            max_recruits: 5,
            minutes_per_week: 240,
            max_travel_m: 1_200,
        }
    }
}

impl AdviceOptions {
    /// Reads options from a JSON value (every field optional, unknown fields refused) and checks
    /// them; errors name the setting as `advice.<field>`, whether it cannot be read or is out of
    /// range (as [`MatchPolicy::from_value`](super::MatchPolicy::from_value) does).
    ///
    /// ```
    /// use huzhu::matching::AdviceOptions;
    /// let o = AdviceOptions::from_value(serde_json::json!({"max_recruits": 2})).unwrap();
    /// assert_eq!((o.max_recruits, o.minutes_per_week), (2, 240));
    /// let e = AdviceOptions::from_value(serde_json::json!({"max_recruits": true})).unwrap_err();
    /// assert_eq!((e.code(), e.field().as_deref()), ("MATCH_INVALID_POLICY", Some("advice.max_recruits")));
    /// ```
    #[cfg(feature = "serde")]
    pub fn from_value(value: serde_json::Value) -> Result<Self, MatchError> {
        let options: Self = huzhu_model::json::from_value(value, "advice")
            .map_err(|e| MatchError::policy_json(&e))?;
        options.check()?;
        Ok(options)
    }

    /// Checks the options (errors name the setting as `advice.<field>`).
    pub fn check(&self) -> Result<(), MatchError> {
        let bad = |field: &str, value: u64, allowed: &str| {
            Err(MatchError::InvalidPolicy {
                setting: format!("advice.{field}"),
                reason: format!("value {value} is outside {allowed}"),
            })
        };
        if self.max_recruits == 0 || self.max_recruits > 100 {
            return bad("max_recruits", u64::from(self.max_recruits), "1..=100");
        }
        if self.minutes_per_week == 0 || self.minutes_per_week > 7 * 24 * 60 {
            return bad(
                "minutes_per_week",
                u64::from(self.minutes_per_week),
                "1..=10080",
            );
        }
        if self.max_travel_m == 0 {
            return bad("max_travel_m", 0, "1..");
        }
        if self.max_groups > 50 {
            return bad("max_groups", self.max_groups as u64, "0..=50");
        }
        Ok(())
    }
}

/// One piece of advice: recruits of one profile, and what they would bring.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Recruit {
    /// Skills the recruits need (those the needs require; empty for general help).
    pub skills: Vec<Skill>,
    /// A language the needs require, if any.
    pub language: Option<String>,
    /// A helper gender the needs require, if any.
    pub gender: Option<Gender>,
    /// The grid cell of the residents in need.
    pub grid: GridId,
    /// The weekday of their first window ahead.
    pub weekday: Weekday,
    /// The part of the day.
    pub day_part: DayPart,
    /// The unmet needs of the group, by id.
    pub group_needs: Vec<NeedId>,
    /// How many to recruit: enough weekly tasks for the group (a recruit takes
    /// `max(1, minutes_per_week ÷ nominal_task_minutes)` tasks, as the matcher counts), at most
    /// `max_recruits`.
    pub recruits: u32,
    /// Needs the dual prices predict the recruits would take (within their weekly tasks).
    pub predicted_needs: u32,
    /// The prices of those needs: the objective saved before the recruits' own costs.
    pub predicted_value: i64,
    /// Needs met after adding the recruits and re-solving (more matched needs in all).
    pub needs_met: u32,
    /// Fall of the optimal objective after re-solving.
    pub objective_gain: i64,
    /// The recruits as volunteer records (ids above every existing one): add them to the
    /// community to see the re-solved plan.
    pub volunteers: Vec<Volunteer>,
}

impl Recruit {
    /// One line in English, e.g. "recruit 3 volunteers with `legal` in grid 12 for Tuesday
    /// mornings: +5 needs met".
    pub fn text_en(&self) -> String {
        let skills = if self.skills.is_empty() {
            String::new()
        } else {
            format!(
                " with {}",
                self.skills
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let language = self
            .language
            .as_ref()
            .map_or_else(String::new, |l| format!(" speaking {l}"));
        let gender = self
            .gender
            .map_or_else(String::new, |g| format!(" ({})", gender_en(g)));
        let who = language + &gender;
        format!(
            "recruit {} volunteer{}{skills}{who} in grid {} for {:?} {}s: +{} need{} met",
            self.recruits,
            if self.recruits == 1 { "" } else { "s" },
            self.grid.0,
            self.weekday,
            self.day_part.labels().0,
            self.needs_met,
            if self.needs_met == 1 { "" } else { "s" },
        )
    }

    /// The same in Chinese, e.g. "在网格12招募3名具备`legal`技能的志愿者（周二上午）：可多满足5项需求".
    pub fn text_zh(&self) -> String {
        const DAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
        let skills = if self.skills.is_empty() {
            String::new()
        } else {
            format!(
                "具备{}技能的",
                self.skills
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join("、")
            )
        };
        let language = self
            .language
            .as_ref()
            .map_or_else(String::new, |l| format!("会说{l}的"));
        let who = language + self.gender.map_or("", gender_zh);
        format!(
            "在网格{}招募{}名{skills}{who}志愿者（{}{}）：可多满足{}项需求",
            self.grid.0,
            self.recruits,
            DAYS[self.weekday.num_days_from_monday() as usize],
            self.day_part.labels().1,
            self.needs_met
        )
    }
}

fn gender_en(g: Gender) -> &'static str {
    match g {
        Gender::Female => "women",
        Gender::Male => "men",
    }
}

fn gender_zh(g: Gender) -> &'static str {
    match g {
        Gender::Female => "女性",
        Gender::Male => "男性",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    skills: Vec<Skill>,
    language: Option<String>,
    gender: Option<Gender>,
    grid: GridId,
    weekday: u32,
    part: DayPart,
}

struct Group {
    weekday: Weekday,
    hours: (NaiveTime, NaiveTime),
    needs: Vec<(NeedId, i64, GeoPoint)>,
}

/// Staffing advice for the plan `plan` that `matcher` last solved: the groups of unmet needs
/// whose recruits would serve the most, each checked by adding the recruits and re-solving;
/// best first (needs met, then objective gain, then the group's key).
///
/// # Errors
/// Bad options, or a re-solve that fails.
pub fn staffing_advice(
    matcher: &Matcher<'_>,
    plan: &MatchPlan,
    options: &AdviceOptions,
) -> Result<Vec<Recruit>, MatchError> {
    options.check()?;
    let community = matcher.community();
    let mut groups: BTreeMap<Key, Group> = BTreeMap::new();
    for u in &plan.unmatched {
        let Some(need) = community.need(u.need) else {
            continue;
        };
        let Some(resident) = community.resident(need.resident) else {
            continue;
        };
        let Some((place, mut skills, windows)) =
            need_requirements(community, matcher.policy(), matcher.context(), need)
        else {
            continue;
        };
        let Some(first) = windows.first().copied() else {
            continue;
        };
        skills.sort();
        skills.dedup();
        let mut language = None;
        let mut gender = None;
        for p in need
            .preferences
            .iter()
            .filter(|p| p.strength == Strength::Hard)
        {
            match &p.kind {
                PreferenceKind::Language(l) => language = Some(l.clone()),
                PreferenceKind::HelperGender(g) => gender = Some(*g),
                PreferenceKind::PreferredVolunteer(_) => {}
            }
        }
        // The need's first usable window, as hours of its day (to 23:59 if it runs past).
        let day_end = NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(NaiveTime::MIN);
        let until = first.start + chrono::Duration::minutes(i64::from(need.duration_minutes));
        let hours = (
            first.start.time(),
            if until.date() == first.start.date() {
                first.end.min(first.start.date().and_time(day_end)).time()
            } else {
                day_end
            },
        );
        let first = first.start;
        let key = Key {
            skills,
            language,
            gender,
            grid: resident.grid,
            weekday: first.weekday().num_days_from_monday(),
            part: DayPart::of_hour(first.hour()),
        };
        let g = groups.entry(key).or_insert_with(|| Group {
            weekday: first.weekday(),
            hours: DayPart::of_hour(first.hour()).hours(),
            needs: Vec::new(),
        });
        // The recruits' hours cover the day part and every window of the group.
        g.hours = (g.hours.0.min(hours.0), g.hours.1.max(hours.1));
        g.needs.push((u.need, u.penalty, place));
    }
    let first_id = community
        .volunteers()
        .map(|v| v.id.0)
        .max()
        .map_or(1, |m| m.saturating_add(1));
    // A volunteer takes max(1, weekly minutes ÷ nominal task minutes) tasks a week, as the
    // matcher counts capacity.
    let per_recruit =
        (options.minutes_per_week / matcher.policy().nominal_task_minutes.max(1)).max(1);
    let mut ranked: Vec<(Key, Group, u32, u32, i64)> = groups
        .into_iter()
        .map(|(key, mut g)| {
            // The most valuable needs first; ties by id.
            g.needs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let needs = u32::try_from(g.needs.len()).unwrap_or(u32::MAX);
            let recruits = needs.div_ceil(per_recruit).clamp(1, options.max_recruits);
            let count = needs.min(recruits.saturating_mul(per_recruit));
            let value = g
                .needs
                .iter()
                .take(count as usize)
                .fold(0i64, |v, n| v.saturating_add(n.1));
            (key, g, recruits, count, value)
        })
        .collect();
    ranked.sort_by(|a, b| b.4.cmp(&a.4).then(b.3.cmp(&a.3)).then(a.0.cmp(&b.0)));
    // Check the best-priced groups until `max_groups` would meet something (at most three times
    // as many re-solves): a recruit the re-solve finds useless is not advised.
    ranked.truncate(options.max_groups.saturating_mul(3));
    let matched_before = plan.assignments.len();
    let mut out = Vec::with_capacity(options.max_groups);
    for (key, group, recruits, predicted_needs, predicted_value) in ranked {
        if out.len() >= options.max_groups {
            break;
        }
        let n = group.needs.len() as f64;
        let centre = GeoPoint {
            lat: group.needs.iter().map(|x| x.2.lat).sum::<f64>() / n,
            lon: group.needs.iter().map(|x| x.2.lon).sum::<f64>() / n,
        };
        let (opens, closes) = group.hours;
        let volunteers: Vec<Volunteer> = (0..recruits)
            .map(|i| {
                let mut v = Volunteer::new(VolunteerId(first_id.saturating_add(i)), centre);
                v.skills.clone_from(&key.skills);
                v.availability = WeeklySchedule {
                    slots: vec![WeeklySlot::new(group.weekday, opens, closes)],
                };
                v.minutes_per_week = options.minutes_per_week;
                v.max_travel_m = options.max_travel_m;
                v.languages = key.language.iter().cloned().collect();
                v.gender = key.gender;
                v
            })
            .collect();
        let after = resolve_with(matcher, &volunteers)?;
        let needs_met = u32::try_from(after.assignments.len().saturating_sub(matched_before))
            .unwrap_or(u32::MAX);
        if needs_met == 0 {
            continue;
        }
        out.push(Recruit {
            skills: key.skills,
            language: key.language,
            gender: key.gender,
            grid: key.grid,
            weekday: group.weekday,
            day_part: key.part,
            group_needs: {
                let mut ids: Vec<NeedId> = group.needs.iter().map(|x| x.0).collect();
                ids.sort_unstable();
                ids
            },
            recruits,
            predicted_needs,
            predicted_value,
            needs_met,
            objective_gain: plan.objective.saturating_sub(after.objective),
            volunteers,
        });
    }
    out.sort_by(|a, b| {
        b.needs_met
            .cmp(&a.needs_met)
            .then(b.objective_gain.cmp(&a.objective_gain))
            .then(a.grid.cmp(&b.grid))
            .then(a.skills.cmp(&b.skills))
            .then(
                a.weekday
                    .num_days_from_monday()
                    .cmp(&b.weekday.num_days_from_monday()),
            )
            .then(a.day_part.cmp(&b.day_part))
    });
    Ok(out)
}

/// Matches `community` and advises on the plan in one call: the plan, and the advice
/// ([`staffing_advice`]).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::matching::{AdviceOptions, MatchContext, MatchPolicy, advise};
/// use huzhu::model::Community;
/// let now = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let (plan, advice) = advise(&Community::new("x"), &MatchPolicy::default(),
///     &MatchContext::new(now), &AdviceOptions::default()).unwrap();
/// assert!(plan.unmatched.is_empty() && advice.is_empty()); // nothing unmet, nobody to recruit
/// ```
///
/// # Errors
/// Bad options, policy or context, or a solve that fails.
pub fn advise(
    community: &Community,
    policy: &super::MatchPolicy,
    ctx: &super::MatchContext,
    options: &AdviceOptions,
) -> Result<(MatchPlan, Vec<Recruit>), MatchError> {
    options.check()?;
    let mut m = Matcher::new(community, policy.clone(), ctx.clone())?;
    let plan = m.solve()?;
    let advice = staffing_advice(&m, &plan, options)?;
    Ok((plan, advice))
}

/// The plan re-solved from scratch with `extra` volunteers added to the matcher's community,
/// under the same policy, context and pins.
fn resolve_with(matcher: &Matcher<'_>, extra: &[Volunteer]) -> Result<MatchPlan, MatchError> {
    let mut community: Community = matcher.community().clone();
    for v in extra {
        community.add_volunteer(v.clone())?;
    }
    let mut m = Matcher::new(
        &community,
        matcher.policy().clone(),
        matcher.context().clone(),
    )?;
    for (need, helper) in matcher.pins() {
        m.pin(*need, *helper)?;
    }
    m.solve()
}
