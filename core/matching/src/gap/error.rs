//! Typed errors of the generalized-assignment solver.

use thiserror::Error;

/// Why a problem could not be built, an assignment is not feasible, or no solution was found.
///
/// Every variant names the offending agent, job, pair or conflict index (0-based) and field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum GapError {
    /// A pair or conflict names an agent that was never added.
    #[error("{what} {index}: agent {agent} out of range (there are {agents} agents)")]
    AgentOutOfRange {
        /// `"pair"` or `"conflict"`.
        what: &'static str,
        /// Index of the pair or conflict in insertion order.
        index: usize,
        /// The offending agent index.
        agent: usize,
        /// Number of agents.
        agents: usize,
    },
    /// A pair or conflict names a job that was never added.
    #[error("{what} {index}: job {job} out of range (there are {jobs} jobs)")]
    JobOutOfRange {
        /// `"pair"` or `"conflict"`.
        what: &'static str,
        /// Index of the pair or conflict in insertion order.
        index: usize,
        /// The offending job index.
        job: usize,
        /// Number of jobs.
        jobs: usize,
    },
    /// A number is negative where it must not be, or its magnitude exceeds
    /// [`MAX_MAGNITUDE`](super::MAX_MAGNITUDE).
    #[error("{what} {index}: {field} = {value} out of range ({why})")]
    ValueOutOfRange {
        /// `"agent"`, `"job"` or `"pair"`.
        what: &'static str,
        /// Index of the agent, job or pair.
        index: usize,
        /// The field: `"capacity"`, `"penalty"`, `"cost"` or `"weight"`.
        field: &'static str,
        /// The rejected value.
        value: i64,
        /// Why it was rejected.
        why: &'static str,
    },
    /// The same (agent, job) pair was given twice.
    #[error("pair {index}: duplicate pair for agent {agent} and job {job}")]
    DuplicatePair {
        /// Index of the second occurrence in insertion order.
        index: usize,
        /// Agent index.
        agent: usize,
        /// Job index.
        job: usize,
    },
    /// A conflict pairs a job with itself.
    #[error("conflict {index}: job {job} conflicts with itself")]
    SelfConflict {
        /// Index of the conflict in insertion order.
        index: usize,
        /// Job index.
        job: usize,
    },
    /// The problem is too large for the solver's integer arithmetic.
    #[error("too many {what}: {count} (at most {max})")]
    TooLarge {
        /// `"agents"`, `"jobs"`, `"pairs"` or `"conflicts"`.
        what: &'static str,
        /// How many were given.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// An assignment has the wrong number of entries.
    #[error("assignment has {found} entries, expected one per job ({expected})")]
    AssignmentLength {
        /// Number of jobs.
        expected: usize,
        /// Length of the assignment given.
        found: usize,
    },
    /// An assignment gives a job to an agent with no eligible pair for it.
    #[error("job {job}: agent {agent} is not eligible")]
    NotEligible {
        /// Job index.
        job: usize,
        /// Agent index.
        agent: usize,
    },
    /// An assignment leaves a job without penalty unassigned.
    #[error("job {job}: must be assigned (it has no unassigned penalty)")]
    RequiredJobUnassigned {
        /// Job index.
        job: usize,
    },
    /// An assignment loads an agent beyond its capacity.
    #[error("agent {agent}: load {load} exceeds capacity {capacity}")]
    CapacityExceeded {
        /// Agent index.
        agent: usize,
        /// Total weight assigned.
        load: i64,
        /// The agent's capacity.
        capacity: i64,
    },
    /// An assignment gives two conflicting jobs to the same agent.
    #[error("jobs {job_a} and {job_b} conflict but both go to agent {agent}")]
    ConflictViolated {
        /// The smaller job index.
        job_a: usize,
        /// The larger job index.
        job_b: usize,
        /// The agent both were given to.
        agent: usize,
    },
    /// A job without penalty has no eligible agent whose capacity fits its weight: the
    /// problem is infeasible.
    #[error("infeasible: job {job} has no penalty and no eligible agent with enough capacity")]
    JobCannotBeAssigned {
        /// Job index.
        job: usize,
    },
    /// The search ended without finding a feasible assignment. The problem may be infeasible.
    #[error(
        "no feasible assignment found after {iterations} iterations (best had {capacity_excess} \
         minutes over capacity and {conflicts} violated conflicts)"
    )]
    NoFeasibleSolution {
        /// Search iterations performed.
        iterations: u64,
        /// Total capacity excess of the least infeasible assignment found.
        capacity_excess: i64,
        /// Violated conflict pairs in that assignment.
        conflicts: usize,
    },
}

impl GapError {
    /// The stable code: `GAP_` and the variant (`GAP_AGENT_OUT_OF_RANGE`,
    /// `GAP_JOB_CANNOT_BE_ASSIGNED`, `GAP_NO_FEASIBLE_SOLUTION`, …).
    ///
    /// ```
    /// use huzhu::matching::gap::GapError;
    /// let e = GapError::JobCannotBeAssigned { job: 4 };
    /// assert_eq!((e.code(), e.index(), e.is_infeasible()), ("GAP_JOB_CANNOT_BE_ASSIGNED", Some(4), true));
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::AgentOutOfRange { .. } => "GAP_AGENT_OUT_OF_RANGE",
            Self::JobOutOfRange { .. } => "GAP_JOB_OUT_OF_RANGE",
            Self::ValueOutOfRange { .. } => "GAP_VALUE_OUT_OF_RANGE",
            Self::DuplicatePair { .. } => "GAP_DUPLICATE_PAIR",
            Self::SelfConflict { .. } => "GAP_SELF_CONFLICT",
            Self::TooLarge { .. } => "GAP_TOO_LARGE",
            Self::AssignmentLength { .. } => "GAP_ASSIGNMENT_LENGTH",
            Self::NotEligible { .. } => "GAP_NOT_ELIGIBLE",
            Self::RequiredJobUnassigned { .. } => "GAP_REQUIRED_JOB_UNASSIGNED",
            Self::CapacityExceeded { .. } => "GAP_CAPACITY_EXCEEDED",
            Self::ConflictViolated { .. } => "GAP_CONFLICT_VIOLATED",
            Self::JobCannotBeAssigned { .. } => "GAP_JOB_CANNOT_BE_ASSIGNED",
            Self::NoFeasibleSolution { .. } => "GAP_NO_FEASIBLE_SOLUTION",
        }
    }

    /// The index the error names: the pair, conflict, agent or job (from 0).
    pub fn index(&self) -> Option<usize> {
        match self {
            Self::AgentOutOfRange { index, .. }
            | Self::JobOutOfRange { index, .. }
            | Self::ValueOutOfRange { index, .. }
            | Self::DuplicatePair { index, .. }
            | Self::SelfConflict { index, .. } => Some(*index),
            Self::NotEligible { job, .. }
            | Self::RequiredJobUnassigned { job }
            | Self::JobCannotBeAssigned { job } => Some(*job),
            Self::CapacityExceeded { agent, .. } | Self::ConflictViolated { agent, .. } => {
                Some(*agent)
            }
            Self::TooLarge { .. }
            | Self::AssignmentLength { .. }
            | Self::NoFeasibleSolution { .. } => None,
        }
    }

    /// The field the error names (`capacity`, `penalty`, `cost`, `weight`).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::ValueOutOfRange { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Whether the problem (or the search) found no feasible assignment.
    pub fn is_infeasible(&self) -> bool {
        matches!(
            self,
            Self::JobCannotBeAssigned { .. } | Self::NoFeasibleSolution { .. }
        )
    }
}
