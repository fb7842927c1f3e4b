//! The assignment-with-capacities problem solved exactly as a min-cost flow.

use crate::error::{CostField, ProblemError};

/// Largest accepted cost of an arc, tier or penalty: 2³² − 1.
///
/// Together with [`MAX_ITEMS`] this keeps every path cost, potential and objective well
/// inside `i64`, so the solvers never overflow.
pub const MAX_COST: i64 = (1 << 32) - 1;

/// Largest number of needs, suppliers, arcs or tiers (each counted separately): 2²⁶.
pub const MAX_ITEMS: usize = 1 << 26;

/// One segment of a supplier's convex load curve: `capacity` more tasks at `cost` each.
///
/// A supplier's tiers are used in order, so the k-th extra task costs the marginal cost of the
/// tier it falls in. Tiers must have non-decreasing cost (a convex load curve), which lets the
/// flow model represent them exactly as parallel arcs of increasing cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Tier {
    /// How many tasks this tier can take.
    pub capacity: u32,
    /// Cost of each task in this tier (≥ 0).
    pub cost: i64,
}

impl Tier {
    /// A tier of `capacity` tasks at `cost` each.
    pub const fn new(capacity: u32, cost: i64) -> Self {
        Self { capacity, cost }
    }
}

/// A candidate pairing of a need with a supplier at a cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Candidate {
    /// Index of the need.
    pub need: usize,
    /// Index of the supplier.
    pub supplier: usize,
    /// Cost of serving the need by this supplier (≥ 0).
    pub cost: i64,
}

/// A need-to-supplier matching problem with convex supplier load tiers, optional unassigned
/// penalties, pins and exclusions, solved exactly as a minimum-cost flow.
///
/// Needs, suppliers and arcs are addressed by dense indices (`0..n`) in the order they were
/// added; indices never change, so a [`Solution`](crate::Solution) of an earlier version of a
/// problem can warm-start a later one. The flow network is needs → suppliers → sink: each
/// active need sends one unit along one of its arcs (or along its penalty arc straight to the
/// sink), and each supplier's tiers are parallel supplier → sink arcs of increasing cost.
///
/// ```
/// use huzhu_solver::{FlowProblem, Tier};
///
/// let mut p = FlowProblem::new();
/// let anna = p.add_supplier(&[Tier::new(1, 0)])?;
/// let ben = p.add_supplier(&[Tier::new(1, 0), Tier::new(1, 5)])?;
/// let shopping = p.add_need(None)?; // must be served
/// let repair = p.add_need(Some(20))?; // may stay unserved at cost 20
/// p.add_arc(shopping, anna, 3)?;
/// p.add_arc(shopping, ben, 1)?;
/// p.add_arc(repair, ben, 2)?;
/// assert_eq!((p.needs(), p.suppliers(), p.arcs()), (2, 2, 3));
/// # Ok::<(), huzhu_solver::ProblemError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FlowProblem {
    pub(crate) penalty: Vec<Option<i64>>,
    pub(crate) active: Vec<bool>,
    pub(crate) pinned: Vec<Option<u32>>,
    pub(crate) tier_start: Vec<u32>,
    pub(crate) tiers: Vec<Tier>,
    pub(crate) arc_need: Vec<u32>,
    pub(crate) arc_supplier: Vec<u32>,
    pub(crate) arc_cost: Vec<i64>,
    pub(crate) excluded: Vec<bool>,
}

fn check_cost(field: CostField, index: usize, value: i64) -> Result<(), ProblemError> {
    if value < 0 {
        Err(ProblemError::NegativeCost {
            field,
            index,
            value,
        })
    } else if value > MAX_COST {
        Err(ProblemError::CostTooLarge {
            field,
            index,
            value,
        })
    } else {
        Ok(())
    }
}

impl Default for FlowProblem {
    fn default() -> Self {
        Self::new()
    }
}

impl FlowProblem {
    /// An empty problem.
    pub fn new() -> Self {
        Self {
            penalty: Vec::new(),
            active: Vec::new(),
            pinned: Vec::new(),
            tier_start: vec![0],
            tiers: Vec::new(),
            arc_need: Vec::new(),
            arc_supplier: Vec::new(),
            arc_cost: Vec::new(),
            excluded: Vec::new(),
        }
    }

    /// A problem with `needs` needs (each with the same optional penalty), the given suppliers'
    /// tiers and candidate arcs, validated as by the `add_*` methods.
    ///
    /// ```
    /// use huzhu_solver::{Candidate, FlowProblem, Tier};
    /// let p = FlowProblem::from_candidates(
    ///     2,
    ///     None,
    ///     &[vec![Tier::new(2, 0)]],
    ///     &[Candidate { need: 0, supplier: 0, cost: 4 }, Candidate { need: 1, supplier: 0, cost: 6 }],
    /// )?;
    /// assert_eq!(p.arcs(), 2);
    /// # Ok::<(), huzhu_solver::ProblemError>(())
    /// ```
    pub fn from_candidates(
        needs: usize,
        penalty: Option<i64>,
        suppliers: &[Vec<Tier>],
        candidates: &[Candidate],
    ) -> Result<Self, ProblemError> {
        let mut p = Self::new();
        for tiers in suppliers {
            p.add_supplier(tiers)?;
        }
        for _ in 0..needs {
            p.add_need(penalty)?;
        }
        p.arc_need.reserve(candidates.len());
        p.arc_supplier.reserve(candidates.len());
        p.arc_cost.reserve(candidates.len());
        p.excluded.reserve(candidates.len());
        for c in candidates {
            p.add_arc(c.need, c.supplier, c.cost)?;
        }
        Ok(p)
    }

    /// Adds a need and returns its index. With `Some(penalty)` the need may stay unassigned at
    /// that cost; with `None` it must be assigned.
    pub fn add_need(&mut self, penalty: Option<i64>) -> Result<usize, ProblemError> {
        let index = self.penalty.len();
        if index >= MAX_ITEMS {
            return Err(ProblemError::TooMany { what: "needs" });
        }
        if let Some(p) = penalty {
            check_cost(CostField::Penalty, index, p)?;
        }
        self.penalty.push(penalty);
        self.active.push(true);
        self.pinned.push(None);
        Ok(index)
    }

    /// Adds a supplier with the given convex load tiers and returns its index.
    ///
    /// A supplier with no tiers (or only zero-capacity ones) can take no task.
    pub fn add_supplier(&mut self, tiers: &[Tier]) -> Result<usize, ProblemError> {
        let index = self.supplier_count();
        if index >= MAX_ITEMS || self.tiers.len() + tiers.len() > MAX_ITEMS {
            return Err(ProblemError::TooMany { what: "suppliers" });
        }
        for (t, tier) in tiers.iter().enumerate() {
            check_cost(CostField::TierCost { supplier: index }, t, tier.cost)?;
            if t > 0 && tier.cost < tiers[t - 1].cost {
                return Err(ProblemError::NonConvexTiers {
                    supplier: index,
                    tier: t,
                    cost: tier.cost,
                    previous: tiers[t - 1].cost,
                });
            }
        }
        self.tiers.extend_from_slice(tiers);
        self.tier_start.push(self.tiers.len() as u32);
        Ok(index)
    }

    /// Adds a candidate arc serving `need` by `supplier` at `cost` and returns its index.
    pub fn add_arc(
        &mut self,
        need: usize,
        supplier: usize,
        cost: i64,
    ) -> Result<usize, ProblemError> {
        let index = self.arc_need.len();
        if index >= MAX_ITEMS {
            return Err(ProblemError::TooMany { what: "arcs" });
        }
        if need >= self.needs() {
            return Err(ProblemError::UnknownNeed {
                arc: Some(index),
                need,
            });
        }
        if supplier >= self.suppliers() {
            return Err(ProblemError::UnknownSupplier {
                arc: index,
                supplier,
            });
        }
        check_cost(CostField::ArcCost, index, cost)?;
        self.arc_need.push(need as u32);
        self.arc_supplier.push(supplier as u32);
        self.arc_cost.push(cost);
        self.excluded.push(false);
        Ok(index)
    }

    /// Forces the arc's need onto this arc, replacing any earlier pin of that need. A pinned
    /// need must be assigned along its pinned arc whatever its penalty; pinning an excluded arc
    /// is an error. [`unpin`](Self::unpin) lifts the pin.
    pub fn pin(&mut self, arc: usize) -> Result<(), ProblemError> {
        if arc >= self.arcs() {
            return Err(ProblemError::UnknownArc { arc });
        }
        if self.excluded[arc] {
            return Err(ProblemError::PinnedArcExcluded { arc });
        }
        let need = self.arc_need[arc] as usize;
        self.pinned[need] = Some(arc as u32);
        Ok(())
    }

    /// Lifts the pin of `need`, if any.
    pub fn unpin(&mut self, need: usize) -> Result<(), ProblemError> {
        if need >= self.needs() {
            return Err(ProblemError::UnknownNeed { arc: None, need });
        }
        self.pinned[need] = None;
        Ok(())
    }

    /// Excludes (`true`) or re-admits (`false`) an arc. An excluded arc is never used; excluding
    /// a pinned arc is an error.
    pub fn set_excluded(&mut self, arc: usize, excluded: bool) -> Result<(), ProblemError> {
        if arc >= self.arcs() {
            return Err(ProblemError::UnknownArc { arc });
        }
        if excluded && self.pinned[self.arc_need[arc] as usize] == Some(arc as u32) {
            return Err(ProblemError::PinnedArcExcluded { arc });
        }
        self.excluded[arc] = excluded;
        Ok(())
    }

    /// Removes (`false`) or restores (`true`) a need. A removed need keeps its index but is
    /// ignored: never assigned, no penalty, no potential constraints.
    pub fn set_active(&mut self, need: usize, active: bool) -> Result<(), ProblemError> {
        if need >= self.needs() {
            return Err(ProblemError::UnknownNeed { arc: None, need });
        }
        self.active[need] = active;
        Ok(())
    }

    /// Number of needs (removed ones included).
    pub fn needs(&self) -> usize {
        self.penalty.len()
    }

    /// Number of suppliers.
    pub fn suppliers(&self) -> usize {
        self.supplier_count()
    }

    fn supplier_count(&self) -> usize {
        self.tier_start.len().saturating_sub(1)
    }

    /// Number of arcs (excluded ones included).
    pub fn arcs(&self) -> usize {
        self.arc_need.len()
    }

    /// The arc's need, supplier and cost, or `None` for an unknown arc.
    pub fn arc(&self, arc: usize) -> Option<Candidate> {
        Some(Candidate {
            need: *self.arc_need.get(arc)? as usize,
            supplier: self.arc_supplier[arc] as usize,
            cost: self.arc_cost[arc],
        })
    }

    /// The need's unassigned penalty (`None`: must be assigned), or `None` for an unknown need.
    pub fn penalty(&self, need: usize) -> Option<Option<i64>> {
        self.penalty.get(need).copied()
    }

    /// The supplier's tiers (empty for an unknown supplier).
    pub fn tiers(&self, supplier: usize) -> &[Tier] {
        if supplier >= self.supplier_count() {
            return &[];
        }
        &self.tiers[self.tier_start[supplier] as usize..self.tier_start[supplier + 1] as usize]
    }

    /// The arc the need is pinned to, if any.
    pub fn pinned(&self, need: usize) -> Option<usize> {
        self.pinned.get(need).copied().flatten().map(|a| a as usize)
    }

    /// Whether the arc is excluded (unknown arcs count as excluded).
    pub fn is_excluded(&self, arc: usize) -> bool {
        self.excluded.get(arc).copied().unwrap_or(true)
    }

    /// Whether the need takes part (unknown needs do not).
    pub fn is_active(&self, need: usize) -> bool {
        self.active.get(need).copied().unwrap_or(false)
    }

    /// Whether the solvers may use this arc: known, not excluded, its need active, and either
    /// the need is unpinned or this is its pinned arc.
    pub fn is_usable(&self, arc: usize) -> bool {
        if self.is_excluded(arc) {
            return false;
        }
        let need = self.arc_need[arc] as usize;
        self.active[need] && self.pinned[need].is_none_or(|p| p as usize == arc)
    }

    /// Whether the need may stay unassigned: active, unpinned and with a penalty.
    pub fn may_stay_unassigned(&self, need: usize) -> bool {
        self.is_active(need) && self.pinned[need].is_none() && self.penalty[need].is_some()
    }

    /// Total cost of serving `load` tasks by `supplier` (tiers filled cheapest first), or `None`
    /// when the load exceeds its capacity.
    pub fn load_cost(&self, supplier: usize, load: u64) -> Option<i64> {
        let mut left = load;
        let mut total = 0i64;
        for t in self.tiers(supplier) {
            if left == 0 {
                break;
            }
            let used = left.min(u64::from(t.capacity));
            total = total.checked_add(i64::try_from(used).ok()?.checked_mul(t.cost)?)?;
            left -= used;
        }
        (left == 0).then_some(total)
    }
}
