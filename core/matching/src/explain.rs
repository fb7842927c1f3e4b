//! Explanations from the last solve: why a need got its helper, why it got none, and why not
//! a particular helper — answered from the candidates and the dual potentials.

use super::candidates::check_pair;
use super::plan::UnmatchedReason;
use super::solver::Residual;
use super::{Constraint, CostBreakdown, MatchError, Matcher};
use huzhu_model::{HelperId, NeedId};

/// What happened to one need, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum Explanation {
    /// The need is matched.
    Matched {
        /// The need.
        need: NeedId,
        /// The chosen helper.
        helper: HelperId,
        /// Its cost breakdown.
        cost: CostBreakdown,
        /// 0–100 match score.
        score: u8,
        /// The next-best candidate and how much cheaper it would have to be to be chosen.
        runner_up: Option<(HelperId, i64)>,
        /// Whether the caller pinned it.
        pinned: bool,
    },
    /// The need is unmatched.
    Unmatched {
        /// The need.
        need: NeedId,
        /// Its penalty.
        penalty: i64,
        /// Why.
        reason: UnmatchedReason,
    },
}

impl std::fmt::Display for Explanation {
    /// One sentence: `need#1 → volunteer#2: score 97/100, cost 65 (travel 40, …)`, or why the
    /// need is unmatched.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let join = |ids: &[NeedId]| {
            ids.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Self::Matched {
                need,
                helper,
                cost,
                score,
                runner_up,
                pinned,
            } => {
                write!(
                    f,
                    "{need} → {helper}: score {score}/100, cost {} (travel {}, delay {}, late {}, fee {}, reliability {}, skill fit {}, preferences {}, continuity −{})",
                    cost.total,
                    cost.travel,
                    cost.delay,
                    cost.late,
                    cost.fee,
                    cost.reliability,
                    cost.skill_fit,
                    cost.preferences,
                    cost.continuity
                )?;
                if *pinned {
                    f.write_str("; pinned")?;
                }
                if let Some((other, rc)) = runner_up {
                    write!(f, "; runner-up {other} would have to be {rc} cheaper")?;
                }
                Ok(())
            }
            Self::Unmatched { need, reason, .. } => match reason {
                UnmatchedReason::NoCandidate { summary, .. } => {
                    write!(f, "{need}: no candidate: {summary}")
                }
                UnmatchedReason::Outcompeted {
                    closest,
                    shortfall,
                    taken_by,
                    ..
                } => write!(
                    f,
                    "{need}: outcompeted; {closest} would have to be {shortfall} cheaper; its capacity went to {}",
                    join(taken_by)
                ),
                UnmatchedReason::Unserved {
                    closest, taken_by, ..
                } => write!(
                    f,
                    "{need}: unserved; closest {closest} is taken by {}",
                    join(taken_by)
                ),
            },
        }
    }
}

/// The answer to "why not helper X for need Y".
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum WhyNot {
    /// X does serve Y.
    Chosen,
    /// A hard constraint rules X out for Y.
    RuledOut {
        /// The constraint.
        constraint: Constraint,
    },
    /// X is a candidate but was dropped by the per-need candidate cap.
    Capped {
        /// The pair's cost.
        cost: CostBreakdown,
    },
    /// X is a candidate, but at the optimum it is dearer than the alternative.
    Costlier {
        /// The pair's cost.
        cost: CostBreakdown,
        /// The pair's reduced cost under the dual potentials (a lower bound on `shortfall`).
        reduced_cost: i64,
        /// Exactly how much the optimal objective would rise if the pair were required, i.e.
        /// how much cheaper it would have to be to be chosen. `None` when Y is pinned.
        shortfall: Option<i64>,
        /// Needs that would move to another helper if the pair were required.
        would_move: Vec<NeedId>,
        /// The need that would lose its helper if the pair were required, if any.
        would_drop: Option<NeedId>,
        /// X's marginal cost of one more task at its current load (its dual potential).
        helper_marginal: i64,
        /// What Y costs the plan at the margin now (its dual potential).
        need_marginal: i64,
        /// The needs X serves.
        serving: Vec<NeedId>,
    },
}

impl Matcher<'_> {
    /// Explains the fate of `need` in the last solve.
    ///
    /// ```
    /// # use chrono::{NaiveDate, NaiveTime};
    /// # use huzhu::matching::{Explanation, MatchContext, MatchPolicy, Matcher, UnmatchedReason};
    /// # use huzhu::model::*;
    /// # let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// # let at = |h| day.and_hms_opt(h, 0, 0).unwrap();
    /// # let home = GeoPoint { lat: 31.23, lon: 121.47 };
    /// let mut c = Community::new("Demo");
    /// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1944, 1, 1).unwrap(), home, GridId(1))).unwrap();
    /// // A volunteer 3 km away, farther than the 1.2 km they travel.
    /// c.add_volunteer(Volunteer::new(VolunteerId(1), home.offset_m(3000.0, 0.0))).unwrap();
    /// c.add_need(Need::new(NeedId(1), ResidentId(1), "elder.cleaning".into(), at(8), TimeWindow::new(at(10), at(12)).unwrap(), 60)).unwrap();
    /// let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(at(8))).unwrap();
    /// m.solve().unwrap();
    /// match m.explain(NeedId(1)).unwrap() {
    ///     Explanation::Unmatched { reason: UnmatchedReason::NoCandidate { summary, .. }, .. } => {
    ///         assert_eq!(summary, "1 too far");
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn explain(&self, need: NeedId) -> Result<Explanation, MatchError> {
        let (index, cands, penalty) = self.slot(need).ok_or(MatchError::UnknownNeed { need })?;
        let Some(sol) = self.solution() else {
            return Err(MatchError::UnknownNeed { need });
        };
        let arcs = self.slot_arcs(index);
        match sol.assignment.get(index).copied().flatten() {
            Some(arc) => {
                let pos = arcs
                    .iter()
                    .position(|&a| a as usize == arc)
                    .ok_or(MatchError::UnknownNeed { need })?;
                let chosen = &cands.candidates[pos];
                let runner_up = arcs
                    .iter()
                    .map(|&a| a as usize)
                    .zip(&cands.candidates)
                    .filter(|(a, _)| *a != arc && self.problem().is_usable(*a))
                    .filter_map(|(a, c)| {
                        sol.reduced_cost(self.problem(), a).map(|rc| (c.helper, rc))
                    })
                    .min_by(|x, y| x.1.cmp(&y.1).then(x.0.cmp(&y.0)));
                Ok(Explanation::Matched {
                    need,
                    helper: chosen.helper,
                    cost: chosen.cost,
                    score: chosen.cost.score(self.policy()),
                    runner_up,
                    pinned: self.pins().contains_key(&need),
                })
            }
            None => Ok(Explanation::Unmatched {
                need,
                penalty,
                reason: self.unmatched_reason(index, sol, &self.duals()),
            }),
        }
    }

    /// Answers "why not `helper` for `need`" from the hard constraints and the duals.
    ///
    /// ```
    /// # use chrono::{NaiveDate, NaiveTime};
    /// # use huzhu::matching::{MatchContext, MatchPolicy, Matcher, WhyNot};
    /// # use huzhu::model::*;
    /// # let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// # let at = |h| day.and_hms_opt(h, 0, 0).unwrap();
    /// # let home = GeoPoint { lat: 31.23, lon: 121.47 };
    /// # let nine_to_noon = WeeklySchedule::weekdays(NaiveTime::from_hms_opt(9, 0, 0).unwrap(), NaiveTime::from_hms_opt(12, 0, 0).unwrap());
    /// let mut c = Community::new("Demo");
    /// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1944, 1, 1).unwrap(), home, GridId(1))).unwrap();
    /// let mut near = Volunteer::new(VolunteerId(1), home.offset_m(80.0, 0.0)); // 1 minute away
    /// near.availability = nine_to_noon.clone();
    /// let mut far = Volunteer::new(VolunteerId(2), home.offset_m(800.0, 0.0)); // 10 minutes away
    /// far.availability = nine_to_noon;
    /// c.add_volunteer(near).unwrap();
    /// c.add_volunteer(far).unwrap();
    /// c.add_need(Need::new(NeedId(1), ResidentId(1), "elder.cleaning".into(), at(8), TimeWindow::new(at(10), at(12)).unwrap(), 60)).unwrap();
    /// let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(at(8))).unwrap();
    /// m.solve().unwrap();
    /// match m.why_not(NeedId(1), HelperId::Volunteer(VolunteerId(2))).unwrap() {
    ///     // Travel 10 − 1 minutes at 10 per minute: 90 dearer.
    ///     WhyNot::Costlier { shortfall, .. } => assert_eq!(shortfall, Some(90)),
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn why_not(&self, need: NeedId, helper: HelperId) -> Result<WhyNot, MatchError> {
        let (index, cands, _) = self.slot(need).ok_or(MatchError::UnknownNeed { need })?;
        let sol = self.solution().ok_or(MatchError::UnknownNeed { need })?;
        let arcs = self.slot_arcs(index);
        if let Some(pos) = cands.candidates.iter().position(|c| c.helper == helper) {
            let arc = arcs[pos] as usize;
            if sol.assignment.get(index).copied().flatten() == Some(arc) {
                return Ok(WhyNot::Chosen);
            }
            let s = self
                .supplier_of(helper)
                .ok_or(MatchError::UnknownHelper { helper })?;
            let rc = sol.reduced_cost(self.problem(), arc).unwrap_or(0);
            let path = Residual::build(self.problem(), sol).and_then(|r| {
                if self.problem().pinned(index).is_some() {
                    return None;
                }
                let from = r.supplier_node(s);
                let (dist, prev) = r.from(from);
                r.path_from(from, index, &dist, &prev)
            });
            return Ok(WhyNot::Costlier {
                cost: cands.candidates[pos].cost,
                reduced_cost: rc,
                shortfall: path.as_ref().map(|p| rc.max(0) + p.cost),
                would_move: path
                    .as_ref()
                    .map(|p| p.moved.iter().map(|&i| self.need_at(i)).collect())
                    .unwrap_or_default(),
                would_drop: path
                    .as_ref()
                    .and_then(|p| p.dropped)
                    .map(|i| self.need_at(i)),
                helper_marginal: sol.supplier_potential.get(s).copied().unwrap_or(0),
                need_marginal: sol.need_potential.get(index).copied().unwrap_or(0),
                serving: self.served_by()[s].clone(),
            });
        }
        let n = self
            .community()
            .need(need)
            .ok_or(MatchError::UnknownNeed { need })?;
        match check_pair(
            self.community(),
            self.supply(),
            self.policy(),
            self.context(),
            n,
            helper,
        ) {
            None => Err(MatchError::UnknownHelper { helper }),
            Some(Err(constraint)) => Ok(WhyNot::RuledOut { constraint }),
            Some(Ok(c)) => Ok(WhyNot::Capped { cost: c.cost }),
        }
    }
}
