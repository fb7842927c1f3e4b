//! The validated problem: agents with capacities, jobs with optional penalties, sparse eligible
//! pairs and conflict pairs.

use super::error::GapError;

/// Largest magnitude accepted for any cost, weight, capacity or penalty (2^40).
///
/// With at most [`MAX_PAIRS`] pairs every sum the solver forms stays far inside `i64`.
pub const MAX_MAGNITUDE: i64 = 1 << 40;

/// Largest number of agents, jobs, pairs or conflicts accepted (2^22).
pub const MAX_PAIRS: usize = 1 << 22;

/// One eligible (agent, job) pair: assigning `job` to `agent` costs `cost` and uses `weight`
/// of the agent's capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Pair {
    /// Agent index (0-based, in the order agents were added).
    pub agent: usize,
    /// Job index (0-based, in the order jobs were added).
    pub job: usize,
    /// Cost of the assignment (to be minimised).
    pub cost: i64,
    /// Capacity used, e.g. minutes per week. Never negative.
    pub weight: i64,
}

/// Collects agents, jobs, pairs and conflicts; [`build`](GapBuilder::build) validates them.
///
/// ```
/// use huzhu::matching::gap::GapBuilder;
/// let mut b = GapBuilder::new();
/// let ana = b.add_agent(120); // 120 minutes a week
/// let shopping = b.add_job(None); // must be assigned
/// let visit = b.add_job(Some(50)); // may stay unassigned at a penalty of 50
/// b.add_pair(ana, shopping, 3, 90).add_pair(ana, visit, 1, 60);
/// b.add_conflict(shopping, visit); // overlapping time windows
/// let problem = b.build()?;
/// assert_eq!((problem.num_agents(), problem.num_jobs()), (1, 2));
/// # Ok::<(), huzhu::matching::gap::GapError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct GapBuilder {
    capacities: Vec<i64>,
    penalties: Vec<Option<i64>>,
    pairs: Vec<Pair>,
    conflicts: Vec<(usize, usize, usize)>,
}

impl GapBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an agent with the given capacity and returns its index.
    pub fn add_agent(&mut self, capacity: i64) -> usize {
        self.capacities.push(capacity);
        self.capacities.len() - 1
    }

    /// Adds a job and returns its index. With `Some(penalty)` the job may stay unassigned at
    /// that cost; with `None` it must be assigned.
    pub fn add_job(&mut self, penalty: Option<i64>) -> usize {
        self.penalties.push(penalty);
        self.penalties.len() - 1
    }

    /// Declares that `agent` may take `job` at `cost`, using `weight` of its capacity.
    pub fn add_pair(&mut self, agent: usize, job: usize, cost: i64, weight: i64) -> &mut Self {
        self.pairs.push(Pair {
            agent,
            job,
            cost,
            weight,
        });
        self
    }

    /// Declares that jobs `a` and `b` may not go to the same agent.
    pub fn add_conflict(&mut self, a: usize, b: usize) -> &mut Self {
        self.conflicts.push((a, b, NO_AGENT));
        self
    }

    /// Declares that jobs `a` and `b` may not both go to `agent` (e.g. their times overlap for
    /// that volunteer); other agents may take both.
    pub fn add_conflict_at(&mut self, agent: usize, a: usize, b: usize) -> &mut Self {
        self.conflicts.push((a, b, agent));
        self
    }

    /// Validates everything and builds the problem.
    ///
    /// Errors name the first offending agent, job, pair or conflict. Duplicate conflicts are
    /// merged; duplicate pairs are rejected. Pairs whose weight exceeds the agent's capacity
    /// are kept but can never be used.
    pub fn build(self) -> Result<GapProblem, GapError> {
        let m = self.capacities.len();
        let n = self.penalties.len();
        for (what, count) in [
            ("agents", m),
            ("jobs", n),
            ("pairs", self.pairs.len()),
            ("conflicts", self.conflicts.len()),
        ] {
            if count > MAX_PAIRS {
                return Err(GapError::TooLarge {
                    what,
                    count,
                    max: MAX_PAIRS,
                });
            }
        }
        for (index, &c) in self.capacities.iter().enumerate() {
            check_range("agent", index, "capacity", c, false)?;
        }
        for (index, p) in self.penalties.iter().enumerate() {
            if let Some(p) = *p {
                check_range("job", index, "penalty", p, true)?;
            }
        }
        for (index, p) in self.pairs.iter().enumerate() {
            if p.agent >= m {
                return Err(GapError::AgentOutOfRange {
                    what: "pair",
                    index,
                    agent: p.agent,
                    agents: m,
                });
            }
            if p.job >= n {
                return Err(GapError::JobOutOfRange {
                    what: "pair",
                    index,
                    job: p.job,
                    jobs: n,
                });
            }
            check_range("pair", index, "cost", p.cost, true)?;
            check_range("pair", index, "weight", p.weight, false)?;
        }
        let mut order: Vec<usize> = (0..self.pairs.len()).collect();
        order.sort_by_key(|&i| (self.pairs[i].job, self.pairs[i].agent, i));
        for w in order.windows(2) {
            let (x, y) = (self.pairs[w[0]], self.pairs[w[1]]);
            if x.job == y.job && x.agent == y.agent {
                return Err(GapError::DuplicatePair {
                    index: w[1],
                    agent: y.agent,
                    job: y.job,
                });
            }
        }
        let pairs: Vec<Pair> = order.iter().map(|&i| self.pairs[i]).collect();
        let mut job_start = vec![0usize; n + 1];
        for p in &pairs {
            job_start[p.job + 1] += 1;
        }
        for j in 0..n {
            job_start[j + 1] += job_start[j];
        }
        let mut by_agent: Vec<usize> = (0..pairs.len()).collect();
        by_agent.sort_by_key(|&i| (pairs[i].agent, pairs[i].job));
        let mut agent_start = vec![0usize; m + 1];
        for p in &pairs {
            agent_start[p.agent + 1] += 1;
        }
        for a in 0..m {
            agent_start[a + 1] += agent_start[a];
        }

        let mut conflicts = Vec::with_capacity(self.conflicts.len());
        for (index, &(a, b, agent)) in self.conflicts.iter().enumerate() {
            if agent != NO_AGENT && agent >= m {
                return Err(GapError::AgentOutOfRange {
                    what: "conflict",
                    index,
                    agent,
                    agents: m,
                });
            }
            for job in [a, b] {
                if job >= n {
                    return Err(GapError::JobOutOfRange {
                        what: "conflict",
                        index,
                        job,
                        jobs: n,
                    });
                }
            }
            if a == b {
                return Err(GapError::SelfConflict { index, job: a });
            }
            conflicts.push(Conflict {
                a: a.min(b),
                b: a.max(b),
                agent: (agent != NO_AGENT).then_some(agent),
            });
        }
        conflicts.sort_unstable();
        conflicts.dedup();
        let mut conflict_start = vec![0usize; n + 1];
        for c in &conflicts {
            conflict_start[c.a + 1] += 1;
            conflict_start[c.b + 1] += 1;
        }
        for j in 0..n {
            conflict_start[j + 1] += conflict_start[j];
        }
        let mut fill = conflict_start.clone();
        let mut conflict_adj = vec![(0usize, None); conflict_start[n]];
        for c in &conflicts {
            conflict_adj[fill[c.a]] = (c.b, c.agent);
            fill[c.a] += 1;
            conflict_adj[fill[c.b]] = (c.a, c.agent);
            fill[c.b] += 1;
        }

        Ok(GapProblem {
            capacities: self.capacities,
            penalties: self.penalties,
            pairs,
            job_start,
            by_agent,
            agent_start,
            conflicts,
            conflict_start,
            conflict_adj,
        })
    }
}

fn check_range(
    what: &'static str,
    index: usize,
    field: &'static str,
    value: i64,
    signed: bool,
) -> Result<(), GapError> {
    if !signed && value < 0 {
        return Err(GapError::ValueOutOfRange {
            what,
            index,
            field,
            value,
            why: "must not be negative",
        });
    }
    if value.unsigned_abs() > MAX_MAGNITUDE.unsigned_abs() {
        return Err(GapError::ValueOutOfRange {
            what,
            index,
            field,
            value,
            why: "magnitude above 2^40",
        });
    }
    Ok(())
}

/// A validated generalized assignment problem (minimisation).
///
/// Minimise the total cost of the assigned pairs plus the penalties of the unassigned jobs,
/// such that every job goes to at most one eligible agent (exactly one if it has no penalty),
/// no agent's load exceeds its capacity, and no two conflicting jobs go to the same agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapProblem {
    capacities: Vec<i64>,
    penalties: Vec<Option<i64>>,
    /// Sorted by (job, agent).
    pairs: Vec<Pair>,
    job_start: Vec<usize>,
    /// Indices into `pairs`, sorted by (agent, job).
    by_agent: Vec<usize>,
    agent_start: Vec<usize>,
    conflicts: Vec<Conflict>,
    conflict_start: Vec<usize>,
    conflict_adj: Vec<(usize, Option<usize>)>,
}

/// Two jobs that may not go to the same agent: any agent, or only `agent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Conflict {
    /// The smaller job index.
    pub a: usize,
    /// The larger job index.
    pub b: usize,
    /// The agent the conflict applies to; `None` for every agent.
    pub agent: Option<usize>,
}

impl Conflict {
    /// Whether the conflict forbids the two jobs sharing `agent`.
    #[inline]
    pub fn applies_to(&self, agent: usize) -> bool {
        self.agent.is_none_or(|g| g == agent)
    }
}

const NO_AGENT: usize = usize::MAX;

impl GapProblem {
    /// Builds a dense problem where every agent is eligible for every job and all jobs are
    /// required: `costs[agent][job]`, `weights[agent][job]`, `capacities[agent]` (the
    /// OR-Library layout).
    ///
    /// ```
    /// use huzhu::matching::gap::GapProblem;
    /// let p = GapProblem::dense(&[vec![1, 2], vec![3, 1]], &[vec![2, 2], vec![2, 2]], &[2, 2])?;
    /// assert_eq!(p.pairs().len(), 4);
    /// # Ok::<(), huzhu::matching::gap::GapError>(())
    /// ```
    pub fn dense(
        costs: &[Vec<i64>],
        weights: &[Vec<i64>],
        capacities: &[i64],
    ) -> Result<Self, GapError> {
        let mut b = GapBuilder::new();
        let n = costs.first().map_or(0, Vec::len);
        for &c in capacities {
            b.add_agent(c);
        }
        for _ in 0..n {
            b.add_job(None);
        }
        for (a, (cs, ws)) in costs.iter().zip(weights).enumerate() {
            for (j, (&c, &w)) in cs.iter().zip(ws).enumerate() {
                b.add_pair(a, j, c, w);
            }
        }
        b.build()
    }

    /// Number of agents.
    pub fn num_agents(&self) -> usize {
        self.capacities.len()
    }

    /// Number of jobs.
    pub fn num_jobs(&self) -> usize {
        self.penalties.len()
    }

    /// Capacity of every agent, by agent index.
    pub fn capacities(&self) -> &[i64] {
        &self.capacities
    }

    /// Unassigned penalty of every job (`None`: the job must be assigned), by job index.
    pub fn penalties(&self) -> &[Option<i64>] {
        &self.penalties
    }

    /// All eligible pairs, sorted by job then agent.
    pub fn pairs(&self) -> &[Pair] {
        &self.pairs
    }

    /// The eligible pairs of one job, sorted by agent. Empty for an out-of-range job.
    pub fn job_pairs(&self, job: usize) -> &[Pair] {
        if job >= self.num_jobs() {
            return &[];
        }
        &self.pairs[self.job_start[job]..self.job_start[job + 1]]
    }

    /// Indices into [`pairs`](Self::pairs) of one agent's eligible pairs, sorted by job.
    pub(crate) fn agent_pair_indices(&self, agent: usize) -> &[usize] {
        &self.by_agent[self.agent_start[agent]..self.agent_start[agent + 1]]
    }

    /// The pair of `agent` and `job`, if eligible.
    pub fn pair(&self, agent: usize, job: usize) -> Option<&Pair> {
        let ps = self.job_pairs(job);
        ps.binary_search_by_key(&agent, |p| p.agent)
            .ok()
            .map(|i| &ps[i])
    }

    /// All conflicts with `a < b`, sorted and without duplicates.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// The jobs conflicting with `job`, each with the agent the conflict is limited to (`None`:
    /// every agent). Empty for an out-of-range job.
    pub fn conflicts_of(&self, job: usize) -> &[(usize, Option<usize>)] {
        if job >= self.num_jobs() {
            return &[];
        }
        &self.conflict_adj[self.conflict_start[job]..self.conflict_start[job + 1]]
    }

    /// Checks that `assignment` (one `Option<agent>` per job) is feasible and returns its
    /// objective: the cost of the assigned pairs plus the penalties of the unassigned jobs.
    ///
    /// ```
    /// use huzhu::matching::gap::{GapError, GapProblem};
    /// let p = GapProblem::dense(&[vec![1, 2], vec![3, 1]], &[vec![2, 2], vec![2, 2]], &[2, 2])?;
    /// assert_eq!(p.evaluate(&[Some(0), Some(1)]), Ok(2));
    /// assert!(matches!(p.evaluate(&[Some(0), Some(0)]), Err(GapError::CapacityExceeded { agent: 0, .. })));
    /// # Ok::<(), GapError>(())
    /// ```
    pub fn evaluate(&self, assignment: &[Option<usize>]) -> Result<i64, GapError> {
        if assignment.len() != self.num_jobs() {
            return Err(GapError::AssignmentLength {
                expected: self.num_jobs(),
                found: assignment.len(),
            });
        }
        let mut load = vec![0i64; self.num_agents()];
        let mut total = 0i64;
        for (job, a) in assignment.iter().enumerate() {
            match *a {
                Some(agent) => {
                    let p = self
                        .pair(agent, job)
                        .ok_or(GapError::NotEligible { job, agent })?;
                    load[agent] += p.weight;
                    total += p.cost;
                }
                None => {
                    total += self.penalties[job].ok_or(GapError::RequiredJobUnassigned { job })?;
                }
            }
        }
        for (agent, (&l, &c)) in load.iter().zip(&self.capacities).enumerate() {
            if l > c {
                return Err(GapError::CapacityExceeded {
                    agent,
                    load: l,
                    capacity: c,
                });
            }
        }
        for c in &self.conflicts {
            if let (Some(x), Some(y)) = (assignment[c.a], assignment[c.b])
                && x == y
                && c.applies_to(x)
            {
                return Err(GapError::ConflictViolated {
                    job_a: c.a,
                    job_b: c.b,
                    agent: x,
                });
            }
        }
        Ok(total)
    }
}
