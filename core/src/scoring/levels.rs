//! Results by level, grid → community → street → district → city (三级联动): each level's
//! indicators from the counts of the level below, never averages of averages.
//!
//! A [`Tally`] is what a scorecard counted, kept so it adds up: every rate as its numerator and
//! denominator, every time as the raw values (so percentiles come from the data), every
//! headcount and amount as a sum. [`Tally::of`] takes a community's scorecard,
//! [`Tally::by_grid`] splits it by grid cell. [`rollup`] adds tallies up a [`Hierarchy`] and
//! reports each node's rates with the contribution of each child. Tallies computed apart (one per
//! district, on many machines) merge into exactly the tally of the whole.

use std::collections::{BTreeMap, BTreeSet};

use super::compare::{Count, counts};
use super::error::{InputRef, ScoringError};
use super::scorecard::Scorecard;
use crate::error::FieldProblem;
use crate::model::{Community, GridId};

/// What a scorecard counted, in a form that adds up.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Tally {
    /// Residents.
    pub residents: u64,
    /// Rates by code (the codes of [`compare`](super::compare)): numerator and denominator.
    pub counts: BTreeMap<String, Count>,
    /// Raw values by code: `response_minutes` (need to match), `done_minutes` (need to done);
    /// kept sorted by every function here (a tally read from JSON may come in any order).
    pub samples: BTreeMap<String, Vec<i64>>,
    /// Sums by code: `community_workers`, `social_workers`, `volunteers`, `workers`,
    /// `qualified`, `training_minutes`, `funding_fen`.
    pub amounts: BTreeMap<String, u64>,
}

impl Tally {
    /// The tally of one community's scorecard.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::Community;
    /// use huzhu::scoring::{Period, Scorecard, ScoringInputs, ScoringPolicy, Tally};
    /// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
    /// let c = Community::new("x");
    /// let card = Scorecard::compute(&ScoringInputs::new(&c, Period::new(d(1), d(4)).unwrap(),
    ///     d(4).and_hms_opt(0, 0, 0).unwrap()), &ScoringPolicy::default()).unwrap();
    /// let t = Tally::of(&card);
    /// assert_eq!(t.rate("match_rate"), None); // 0 of 0
    /// ```
    pub fn of(card: &Scorecard) -> Self {
        let mut t = Self {
            residents: u64::from(card.staffing.residents),
            counts: counts(card)
                .into_iter()
                .map(|(code, c)| (code.to_owned(), c))
                .collect(),
            ..Self::default()
        };
        for n in &card.response.needs {
            if let Some(m) = n.response_minutes {
                t.samples
                    .entry("response_minutes".into())
                    .or_default()
                    .push(m);
            }
            if let Some(m) = n.done_minutes {
                t.samples.entry("done_minutes".into()).or_default().push(m);
            }
        }
        let w = &card.workforce;
        for (code, v) in [
            (
                "community_workers",
                u64::from(card.staffing.community_workers.actual),
            ),
            (
                "social_workers",
                u64::from(card.staffing.social_workers.actual),
            ),
            ("volunteers", u64::from(card.staffing.volunteers.actual)),
            ("workers", u64::from(w.workers)),
            ("qualified", u64::from(w.qualified)),
            (
                "training_minutes",
                w.loads.iter().map(|l| l.training_minutes).sum(),
            ),
            ("funding_fen", card.funding.total_fen),
        ] {
            t.amounts.insert(code.to_owned(), v);
        }
        t.sort();
        t
    }

    /// The tally of each grid cell of a community's scorecard, for what the scorecard counts by
    /// grid: residents, the match rate (needs by their resident's grid), answered in time,
    /// participation in community affairs and activities, and response times. Summed over the
    /// grids these equal [`Tally::of`]'s counts.
    ///
    /// `community` is the one the scorecard was computed for (residents by grid come from it).
    pub fn by_grid(card: &Scorecard, community: &Community) -> BTreeMap<GridId, Self> {
        let mut out: BTreeMap<GridId, Self> = BTreeMap::new();
        for r in community.residents() {
            out.entry(r.grid).or_default().residents += 1;
        }
        let mut add = |grid: GridId, code: &str, of: u32, n: u32| {
            let c = out
                .entry(grid)
                .or_default()
                .counts
                .entry(code.to_owned())
                .or_insert(Count { of: 0, n: 0 });
            c.of += u64::from(of);
            c.n += u64::from(n);
        };
        for row in &card.supply.rows {
            add(row.grid, "match_rate", row.matched, row.demand);
        }
        for (g, s) in &card.response.by_grid {
            add(*g, "response_compliance", s.on_time, s.decided);
        }
        for (g, e) in &card.engagement.by_grid {
            add(
                *g,
                "community_affairs",
                e.community_affairs.participated,
                e.community_affairs.residents,
            );
            add(
                *g,
                "activity_participation",
                e.activities.participated,
                e.activities.residents,
            );
        }
        for n in &card.response.needs {
            let Some(g) = n.grid else { continue };
            let t = out.entry(g).or_default();
            if let Some(m) = n.response_minutes {
                t.samples
                    .entry("response_minutes".into())
                    .or_default()
                    .push(m);
            }
            if let Some(m) = n.done_minutes {
                t.samples.entry("done_minutes".into()).or_default().push(m);
            }
        }
        for t in out.values_mut() {
            t.sort();
        }
        out
    }

    /// Adds another tally into this one: counts, sums and samples alike.
    ///
    /// ```
    /// use huzhu::scoring::{Count, Tally};
    /// let a = Tally { residents: 10, counts: [("match_rate".into(), Count { of: 1, n: 4 })].into(), ..Tally::default() };
    /// let b = Tally { residents: 5, counts: [("match_rate".into(), Count { of: 3, n: 4 })].into(), ..Tally::default() };
    /// let mut all = a.clone();
    /// all.merge(&b);
    /// // 4 of 8 = 0.5, not the mean of 0.25 and 0.75 weighted by residents.
    /// assert_eq!(all.rate("match_rate"), Some(0.5));
    /// ```
    pub fn merge(&mut self, other: &Self) {
        self.residents += other.residents;
        for (code, c) in &other.counts {
            let e = self
                .counts
                .entry(code.clone())
                .or_insert(Count { of: 0, n: 0 });
            e.of += c.of;
            e.n += c.n;
        }
        for (code, v) in &other.samples {
            self.samples
                .entry(code.clone())
                .or_default()
                .extend_from_slice(v);
        }
        for (code, v) in &other.amounts {
            *self.amounts.entry(code.clone()).or_default() += v;
        }
        self.sort();
    }

    fn sort(&mut self) {
        for v in self.samples.values_mut() {
            v.sort_unstable();
        }
    }

    /// A rate's share (`None` for an unknown code or a zero denominator).
    pub fn rate(&self, code: &str) -> Option<f64> {
        self.counts
            .get(code)
            .filter(|c| c.n > 0)
            .map(|c| c.of as f64 / c.n as f64)
    }

    /// The `q`-quantile (0–1) of a sample by the nearest-rank method: the smallest value with
    /// at least `q` of the values at or below it.
    ///
    /// ```
    /// use huzhu::scoring::Tally;
    /// let t = Tally { samples: [("response_minutes".into(), vec![10, 20, 30, 40, 50])].into(), ..Tally::default() };
    /// assert_eq!(t.percentile("response_minutes", 0.5), Some(30));
    /// assert_eq!(t.percentile("response_minutes", 0.9), Some(50)); // rank ⌈4.5⌉ = 5
    /// ```
    pub fn percentile(&self, code: &str, q: f64) -> Option<i64> {
        let v = self.samples.get(code).filter(|v| !v.is_empty())?;
        if !q.is_finite() {
            return None;
        }
        // Tallies read from JSON may come unsorted.
        let sorted;
        let v = if v.is_sorted() {
            v
        } else {
            sorted = {
                let mut s = v.clone();
                s.sort_unstable();
                s
            };
            &sorted
        };
        let rank = (q.clamp(0.0, 1.0) * v.len() as f64).ceil() as usize;
        Some(v[rank.clamp(1, v.len()) - 1])
    }

    /// Ratios of sums: `qualified_share` (qualified ÷ workers), `residents_per_worker`,
    /// `community_workers_per_10k`, `residents_per_social_worker`, `volunteer_share`,
    /// `funding_yuan_per_resident` (over the period tallied, not scaled to a year).
    pub fn ratios(&self) -> BTreeMap<&'static str, Option<f64>> {
        let a = |k: &str| self.amounts.get(k).copied().unwrap_or(0) as f64;
        let div = |x: f64, y: f64| (y > 0.0).then(|| x / y);
        let r = self.residents as f64;
        BTreeMap::from([
            ("qualified_share", div(a("qualified"), a("workers"))),
            ("residents_per_worker", div(r, a("workers"))),
            (
                "community_workers_per_10k",
                div(a("community_workers") * 10_000.0, r),
            ),
            ("residents_per_social_worker", div(r, a("social_workers"))),
            ("volunteer_share", div(a("volunteers"), r)),
            (
                "funding_yuan_per_resident",
                div(a("funding_fen") / 100.0, r),
            ),
        ])
    }
}

/// A level of the administrative hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Level {
    /// Grid cell (网格).
    Grid,
    /// Community (社区).
    Community,
    /// Street (街道).
    Street,
    /// District (区).
    District,
    /// City (市).
    City,
}

impl Level {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Grid => "grid",
            Self::Community => "community",
            Self::Street => "street",
            Self::District => "district",
            Self::City => "city",
        }
    }

    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::Grid => ("Grid", "网格"),
            Self::Community => ("Community", "社区"),
            Self::Street => ("Street", "街道"),
            Self::District => ("District", "区"),
            Self::City => ("City", "市"),
        }
    }
}

/// One node of the hierarchy.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LevelNode {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its level.
    pub level: Level,
    /// The node above (at a higher level); `None` for a root.
    #[cfg_attr(feature = "serde", serde(default))]
    pub parent: Option<String>,
}

/// Grid → community → street → district → city: nodes whose parents sit at a higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hierarchy {
    nodes: BTreeMap<String, LevelNode>,
    children: BTreeMap<String, Vec<String>>,
    roots: Vec<String>,
}

impl Hierarchy {
    /// Checks and builds a hierarchy: ids non-empty and unique, parents known and at a higher
    /// level (so there are no cycles).
    ///
    /// ```
    /// use huzhu::scoring::{Hierarchy, Level, LevelNode};
    /// let n = |id: &str, level, parent: Option<&str>| LevelNode { id: id.into(), name: id.into(), level, parent: parent.map(Into::into) };
    /// let h = Hierarchy::new(vec![n("d", Level::District, None), n("s", Level::Street, Some("d")),
    ///     n("c", Level::Community, Some("s"))]).unwrap();
    /// assert_eq!(h.children("s"), ["c"]);
    /// let e = Hierarchy::new(vec![n("s", Level::Street, Some("c")), n("c", Level::Community, None)]).unwrap_err();
    /// assert_eq!((e.record().as_deref(), e.field()), (Some("level node s"), Some("parent")));
    /// ```
    pub fn new(nodes: Vec<LevelNode>) -> Result<Self, ScoringError> {
        let mut map = BTreeMap::new();
        for n in nodes {
            let record = InputRef::LevelNode { id: n.id.clone() };
            if n.id.trim().is_empty() {
                return Err(ScoringError::invalid(record, "id", FieldProblem::Empty));
            }
            if map.contains_key(&n.id) {
                return Err(ScoringError::DuplicateId { record });
            }
            map.insert(n.id.clone(), n);
        }
        let mut children: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut roots = Vec::new();
        for n in map.values() {
            match &n.parent {
                None => roots.push(n.id.clone()),
                Some(p) => {
                    let bad = |why: String| {
                        ScoringError::invalid(
                            InputRef::LevelNode { id: n.id.clone() },
                            "parent",
                            FieldProblem::Invalid { why },
                        )
                    };
                    let parent = map
                        .get(p)
                        .ok_or_else(|| bad(format!("unknown node {p:?}")))?;
                    if parent.level <= n.level {
                        return Err(bad(format!(
                            "{p:?} is a {} and cannot hold a {}",
                            parent.level.code(),
                            n.level.code()
                        )));
                    }
                    children.entry(p.clone()).or_default().push(n.id.clone());
                }
            }
        }
        Ok(Self {
            nodes: map,
            children,
            roots,
        })
    }

    /// The node of an id.
    pub fn node(&self, id: &str) -> Option<&LevelNode> {
        self.nodes.get(id)
    }

    /// The children of a node, by id.
    pub fn children(&self, id: &str) -> &[String] {
        self.children.get(id).map_or(&[], Vec::as_slice)
    }

    /// Every node, parents before children, siblings by id.
    pub fn tree_order(&self) -> Vec<(&LevelNode, u32)> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<(&str, u32)> =
            self.roots.iter().rev().map(|r| (r.as_str(), 0)).collect();
        while let Some((id, depth)) = stack.pop() {
            out.push((&self.nodes[id], depth));
            for c in self.children(id).iter().rev() {
                stack.push((c, depth + 1));
            }
        }
        out
    }
}

/// One child's part of a rate at its parent.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Contribution {
    /// The child node.
    pub child: String,
    /// The child's count.
    pub count: Count,
    /// The child's own rate.
    pub share: Option<f64>,
    /// The child's part of the parent's numerator (`child.of ÷ parent.of`).
    pub of_part: Option<f64>,
    /// The child's part of the parent's denominator (`child.n ÷ parent.n`).
    pub n_part: Option<f64>,
}

/// One rate at one node.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LevelRate {
    /// The rate's code.
    pub code: String,
    /// Numerator and denominator, summed from below.
    pub count: Count,
    /// `of ÷ n`.
    pub share: Option<f64>,
    /// Each child that counts this rate.
    pub children: Vec<Contribution>,
}

/// One node's results.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LevelRow {
    /// The node.
    pub node: LevelNode,
    /// Depth in the tree (0 for a root).
    pub depth: u32,
    /// Its tally: given for the node, or the sum of its children's.
    pub tally: Tally,
    /// Every rate the tally counts, with each child's contribution.
    pub rates: Vec<LevelRate>,
    /// Median time from need to match, minutes (from every need below, not averaged).
    pub response_p50: Option<i64>,
    /// 90th percentile of the same.
    pub response_p90: Option<i64>,
    /// Ratios of sums ([`Tally::ratios`]).
    pub ratios: BTreeMap<String, Option<f64>>,
}

/// Adds tallies up the hierarchy. `tallies` gives the tally of some nodes (usually the leaves:
/// communities, or grids); a node without one gets the sum of its children's. Rows come in tree
/// order.
///
/// ```
/// use std::collections::BTreeMap;
/// use huzhu::scoring::{Count, Hierarchy, Level, LevelNode, Tally, rollup};
/// let n = |id: &str, level, parent: Option<&str>| LevelNode { id: id.into(), name: id.into(), level, parent: parent.map(Into::into) };
/// let h = Hierarchy::new(vec![n("s", Level::Street, None), n("a", Level::Community, Some("s")),
///     n("b", Level::Community, Some("s"))]).unwrap();
/// let t = |of, n| Tally { counts: [("match_rate".into(), Count { of, n })].into(), ..Tally::default() };
/// let rows = rollup(&h, &BTreeMap::from([("a".into(), t(9, 10)), ("b".into(), t(1, 10))])).unwrap();
/// let street = &rows[0].rates[0];
/// assert_eq!((street.count, street.share), (Count { of: 10, n: 20 }, Some(0.5)));
/// assert_eq!(street.children[0].of_part, Some(0.9)); // community a made 9 of the 10 matches
/// ```
pub fn rollup(
    hierarchy: &Hierarchy,
    tallies: &BTreeMap<String, Tally>,
) -> Result<Vec<LevelRow>, ScoringError> {
    if let Some(id) = tallies.keys().find(|id| hierarchy.node(id).is_none()) {
        return Err(ScoringError::invalid(
            InputRef::LevelNode { id: id.clone() },
            "id",
            FieldProblem::Invalid {
                why: "no such node in the hierarchy".into(),
            },
        ));
    }
    let order = hierarchy.tree_order();
    let mut totals: BTreeMap<&str, Tally> = BTreeMap::new();
    for (node, _) in order.iter().rev() {
        let t = tallies.get(&node.id).cloned().map_or_else(
            || {
                let mut sum = Tally::default();
                for c in hierarchy.children(&node.id) {
                    if let Some(ct) = totals.get(c.as_str()) {
                        sum.merge(ct);
                    }
                }
                sum
            },
            |mut given| {
                given.sort();
                given
            },
        );
        totals.insert(node.id.as_str(), t);
    }
    let part = |x: u64, of: u64| (of > 0).then(|| x as f64 / of as f64);
    Ok(order
        .iter()
        .map(|(node, depth)| {
            let tally = totals[node.id.as_str()].clone();
            let kids = hierarchy.children(&node.id);
            let codes: BTreeSet<&String> = tally.counts.keys().collect();
            let rates = codes
                .into_iter()
                .map(|code| {
                    let count = tally.counts[code];
                    let children = kids
                        .iter()
                        .filter_map(|k| {
                            let c = *totals[k.as_str()].counts.get(code)?;
                            Some(Contribution {
                                child: k.clone(),
                                count: c,
                                share: part(c.of, c.n),
                                of_part: part(c.of, count.of),
                                n_part: part(c.n, count.n),
                            })
                        })
                        .collect();
                    LevelRate {
                        code: code.clone(),
                        count,
                        share: part(count.of, count.n),
                        children,
                    }
                })
                .collect();
            LevelRow {
                node: (*node).clone(),
                depth: *depth,
                response_p50: tally.percentile("response_minutes", 0.5),
                response_p90: tally.percentile("response_minutes", 0.9),
                ratios: tally
                    .ratios()
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect(),
                tally,
                rates,
            }
        })
        .collect())
}
