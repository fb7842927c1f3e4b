//! The DIMACS minimum-cost flow format, as NETGEN and GRIDGEN write it, read into a general
//! instance ([`parse`]) and then, when its shape allows, into the solver's [`FlowProblem`]
//! ([`to_problem`]).
//!
//! One record a line, the first token naming its kind:
//! * `c ...`: a comment (blank lines are skipped too);
//! * `p min NODES ARCS`: the problem line, once, before any node or arc;
//! * `n ID FLOW`: node `ID` (1-based) supplies `FLOW` units (a demand when negative); nodes
//!   without such a line have supply 0;
//! * `a SRC DST LOW CAP COST`: an arc with flow between `LOW` and `CAP` at `COST` a unit.
//!
//! # What the solver can take
//! [`FlowProblem`] is the matcher's network, needs → suppliers → one sink, with one unit per
//! need. [`to_problem`] first removes lower bounds (the bound's flow is sent up front: supplies
//! move, its cost goes into [`DimacsProblem::offset`]) and then accepts two shapes:
//! * **transportation**: every arc goes from a node with no entering arc (supply `b`, read as
//!   `b` needs with the node's arcs each) to a node with no leaving arc (demand `d`, read as a
//!   supplier with one tier of capacity `d` at cost 0);
//! * **the matcher's three layers**: sources → middle nodes (supply 0) → one sink; each middle
//!   node becomes a supplier whose arcs to the sink, cheapest first, are its load tiers (so
//!   they must cost ≥ 0), and a source's arc straight to the sink is its need's unassigned
//!   penalty.
//!
//! A source's costs are shifted by its cheapest arc when that one is negative (every unit it
//! supplies leaves by exactly one arc, so this changes the objective by a known constant). An
//! arc's capacity must not bind: a need is one unit along one arc, so the solver cannot cap
//! how many of a source's units share an arc. Anything else (transshipment nodes, longer
//! paths, demand at several nodes behind suppliers, binding arc capacities) is
//! [`DimacsError::Unsupported`], naming the line.

use std::fmt;
use std::time::Duration;

use huzhu::matching::solver::{FlowProblem, MAX_COST, MAX_ITEMS, SolveError, Tier};

use super::FormatError;
use super::bmatch::solve_problem;
use crate::report::SolveReport;
use huzhu::matching::solver::text::parse_int;

/// Largest supply, demand, lower bound or capacity accepted: 2⁶².
pub const MAX_FLOW: i64 = 1 << 62;

/// One arc of a DIMACS instance, with 0-based node indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DimacsArc {
    /// Tail node (0-based).
    pub tail: u32,
    /// Head node (0-based).
    pub head: u32,
    /// Lower bound on the flow.
    pub low: i64,
    /// Capacity (upper bound on the flow, ≥ `low`).
    pub cap: i64,
    /// Cost per unit of flow.
    pub cost: i64,
    /// The 1-based line it was read from.
    pub line: usize,
}

/// A DIMACS min-cost flow instance as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimacsInstance {
    /// Supply per node (0-based; negative: demand).
    pub supply: Vec<i64>,
    /// The `n` line of each node (0 when it has none).
    pub supply_line: Vec<usize>,
    /// The arcs in file order.
    pub arcs: Vec<DimacsArc>,
    /// The line of the `p` record.
    pub problem_line: usize,
}

impl DimacsInstance {
    /// Number of nodes.
    pub fn nodes(&self) -> usize {
        self.supply.len()
    }

    /// The line that speaks of node `v`: its `n` line, or the problem line.
    fn node_line(&self, v: usize) -> usize {
        match self.supply_line[v] {
            0 => self.problem_line,
            l => l,
        }
    }
}

/// A DIMACS instance that could not be read, or not be expressed as a [`FlowProblem`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DimacsError {
    /// The file is malformed (names the line and, for a bad number, the field).
    Format(FormatError),
    /// A well-formed instance the solver's [`FlowProblem`] cannot express.
    Unsupported {
        /// The 1-based line of the arc or node at fault (the problem line for the whole file).
        line: usize,
        /// What cannot be expressed, and why.
        why: String,
    },
    /// A well-formed instance that has no feasible flow, seen without solving.
    Infeasible {
        /// The 1-based line of the node at fault (the problem line for the whole file).
        line: usize,
        /// Why no flow exists.
        why: String,
    },
}

impl DimacsError {
    /// The stable code: the [`FormatError`]'s, `DIMACS_UNSUPPORTED` or `DIMACS_INFEASIBLE`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Format(e) => e.code(),
            Self::Unsupported { .. } => "DIMACS_UNSUPPORTED",
            Self::Infeasible { .. } => "DIMACS_INFEASIBLE",
        }
    }

    /// The 1-based line at fault, when there is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Format(e) => e.line(),
            Self::Unsupported { line, .. } | Self::Infeasible { line, .. } => Some(*line),
        }
    }
}

impl fmt::Display for DimacsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Format(e) => e.fmt(f),
            Self::Unsupported { line, why } => {
                write!(f, "line {line}: not expressible as a FlowProblem: {why}")
            }
            Self::Infeasible { line, why } => write!(f, "line {line}: infeasible: {why}"),
        }
    }
}

impl std::error::Error for DimacsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Format(e) => Some(e),
            _ => None,
        }
    }
}

impl From<FormatError> for DimacsError {
    fn from(e: FormatError) -> Self {
        Self::Format(e)
    }
}

fn malformed(line: usize, why: String) -> FormatError {
    FormatError::Malformed { line, why }
}

/// The fields of a record after its designator, checked for count; names the first missing
/// field or the surplus.
fn fields<'a, const N: usize>(
    line: usize,
    tokens: &[&'a str],
    names: [&str; N],
    form: &str,
) -> Result<[&'a str; N], FormatError> {
    let rest = &tokens[1..];
    if rest.len() < N {
        return Err(malformed(
            line,
            format!("missing {} (expected `{form}`)", names[rest.len()]),
        ));
    }
    if rest.len() > N {
        return Err(malformed(
            line,
            format!(
                "unexpected trailing data {:?} after {} (expected `{form}`)",
                rest[N],
                names[N - 1]
            ),
        ));
    }
    let mut out = [""; N];
    out.copy_from_slice(rest);
    Ok(out)
}

/// Parses a DIMACS min-cost flow text. Every error names its line, and a bad number its field
/// (`SRC`, `CAP`, …).
///
/// ```
/// use huzhu_benches::formats::dimacs;
/// let inst = dimacs::parse("c tiny\np min 2 1\nn 1 3\nn 2 -3\na 1 2 0 5 7\n")?;
/// assert_eq!((inst.nodes(), inst.arcs.len(), inst.supply[1]), (2, 1, -3));
/// let e = dimacs::parse("p min 2 1\na 1 3 0 5 7\n").unwrap_err();
/// assert_eq!((e.line(), e.field()), (Some(2), Some("DST")));
/// # Ok::<(), huzhu_benches::formats::FormatError>(())
/// ```
pub fn parse(text: &str) -> Result<DimacsInstance, FormatError> {
    let mut inst: Option<DimacsInstance> = None;
    let mut declared_arcs = 0usize;
    let max_nodes = MAX_ITEMS as i64;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let tokens: Vec<&str> = raw.split_ascii_whitespace().collect();
        let Some(&kind) = tokens.first() else {
            continue;
        };
        if kind.starts_with('c') {
            continue;
        }
        match kind {
            "p" => {
                if let Some(first) = &inst {
                    return Err(malformed(
                        line,
                        format!(
                            "a second problem line (the first is line {})",
                            first.problem_line
                        ),
                    ));
                }
                let [ty, nodes, arcs] = fields(
                    line,
                    &tokens,
                    ["problem type", "NODES", "ARCS"],
                    "p min NODES ARCS",
                )?;
                if ty != "min" {
                    return Err(FormatError::InvalidNumber {
                        line,
                        field: "problem type".to_owned(),
                        token: ty.to_owned(),
                        why: "only `min` (min-cost flow) is read".to_owned(),
                    });
                }
                let n = parse_int(line, nodes, "NODES", 0, max_nodes)? as usize;
                declared_arcs = parse_int(line, arcs, "ARCS", 0, max_nodes)? as usize;
                // Never trust a header for an allocation: an arc line has at least 12 bytes.
                let room = declared_arcs.min(text.len() / 12 + 1);
                inst = Some(DimacsInstance {
                    supply: vec![0; n],
                    supply_line: vec![0; n],
                    arcs: Vec::with_capacity(room),
                    problem_line: line,
                });
            }
            "n" | "a" => {
                let Some(inst) = inst.as_mut() else {
                    return Err(malformed(
                        line,
                        format!("`{kind}` line before the problem line `p min NODES ARCS`"),
                    ));
                };
                let nodes = inst.nodes() as i64;
                if kind == "n" {
                    let [id, flow] = fields(line, &tokens, ["ID", "FLOW"], "n ID FLOW")?;
                    let v = parse_int(line, id, "ID", 1, nodes)? as usize - 1;
                    let flow = parse_int(line, flow, "FLOW", -MAX_FLOW, MAX_FLOW)?;
                    if inst.supply_line[v] != 0 {
                        return Err(malformed(
                            line,
                            format!(
                                "node {id} already has a supply (line {})",
                                inst.supply_line[v]
                            ),
                        ));
                    }
                    inst.supply[v] = flow;
                    inst.supply_line[v] = line;
                } else {
                    let [src, dst, low, cap, cost] = fields(
                        line,
                        &tokens,
                        ["SRC", "DST", "LOW", "CAP", "COST"],
                        "a SRC DST LOW CAP COST",
                    )?;
                    if inst.arcs.len() == declared_arcs {
                        return Err(malformed(
                            line,
                            format!(
                                "more arcs than the {declared_arcs} declared on line {}",
                                inst.problem_line
                            ),
                        ));
                    }
                    let tail = parse_int(line, src, "SRC", 1, nodes)? as u32 - 1;
                    let head = parse_int(line, dst, "DST", 1, nodes)? as u32 - 1;
                    let low = parse_int(line, low, "LOW", 0, MAX_FLOW)?;
                    let cap = parse_int(line, cap, "CAP", low, MAX_FLOW)?;
                    let cost = parse_int(line, cost, "COST", -MAX_COST, MAX_COST)?;
                    inst.arcs.push(DimacsArc {
                        tail,
                        head,
                        low,
                        cap,
                        cost,
                        line,
                    });
                }
            }
            other => {
                return Err(malformed(
                    line,
                    format!("unknown line type {other:?} (expected c, p, n or a)"),
                ));
            }
        }
    }
    let Some(inst) = inst else {
        return Err(FormatError::UnexpectedEof {
            expected: "problem line `p min NODES ARCS`".to_owned(),
        });
    };
    if inst.arcs.len() != declared_arcs {
        return Err(malformed(
            inst.problem_line,
            format!(
                "{declared_arcs} arcs declared but {} found",
                inst.arcs.len()
            ),
        ));
    }
    Ok(inst)
}

/// A DIMACS instance as a [`FlowProblem`]: its optimum plus `offset` is the DIMACS optimum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimacsProblem {
    /// The flow problem (one need per unit of supply).
    pub problem: FlowProblem,
    /// The cost of the lower bounds' flow, of negative-cost self-loops at capacity, and of the
    /// per-source cost shifts.
    pub offset: i64,
}

const NONE: usize = usize::MAX;

/// The role of a node in the matcher's network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// No arc and no supply: not needed.
    Idle,
    /// Units leave it: its supply becomes that many needs.
    Source,
    /// A supplier (index into the problem's suppliers).
    Supplier(usize),
    /// The sink behind the suppliers (three-layer shape).
    Sink,
}

/// Expresses the instance as a [`FlowProblem`] (see the [module docs](self) for the shapes
/// accepted). Errors name the line of the arc or node that does not fit.
///
/// ```
/// use huzhu_benches::formats::dimacs;
/// // Two sources, one sink; lower bound 1 on the dearer arc.
/// let inst = dimacs::parse("p min 3 2\nn 1 1\nn 2 1\nn 3 -2\na 1 3 0 1 4\na 2 3 1 1 6\n")?;
/// let d = dimacs::to_problem(&inst)?;
/// assert_eq!((d.problem.needs(), d.problem.suppliers(), d.offset), (1, 1, 6));
/// // A node that both receives and forwards flow to a second layer of demands cannot be taken:
/// let chain = dimacs::parse("p min 4 3\nn 1 1\nn 4 -1\na 1 2 0 1 1\na 2 3 0 1 1\na 3 4 0 1 1\n")?;
/// assert_eq!(dimacs::to_problem(&chain).unwrap_err().code(), "DIMACS_UNSUPPORTED");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_problem(inst: &DimacsInstance) -> Result<DimacsProblem, DimacsError> {
    let bounded = without_lower_bounds(inst)?;
    let shape = Shape::of(inst, &bounded)?;
    let mut problem = FlowProblem::new();
    for (list, line) in supplier_tiers(inst, &bounded, &shape) {
        problem
            .add_supplier(&list)
            .map_err(|e| unsupported(line, e.to_string()))?;
    }
    let shifts = add_needs(inst, &bounded, &shape, &mut problem)?;
    let offset = bounded.offset + shifts;
    let offset = i64::try_from(offset).map_err(|_| {
        unsupported(
            inst.problem_line,
            format!("the cost of the lower bounds and shifts, {offset}, does not fit in i64"),
        )
    })?;
    Ok(DimacsProblem { problem, offset })
}

fn unsupported(line: usize, why: String) -> DimacsError {
    DimacsError::Unsupported { line, why }
}

fn infeasible(line: usize, why: String) -> DimacsError {
    DimacsError::Infeasible { line, why }
}

/// The instance with lower bounds sent up front: supplies, the cost of that flow (and of
/// negative-cost self-loops run at capacity), and the arcs with room left as (arc, room).
struct Bounded {
    supply: Vec<i128>,
    offset: i128,
    live: Vec<(usize, i128)>,
}

fn without_lower_bounds(inst: &DimacsInstance) -> Result<Bounded, DimacsError> {
    let mut supply: Vec<i128> = inst.supply.iter().map(|&s| i128::from(s)).collect();
    let mut offset: i128 = 0;
    let mut live = Vec::with_capacity(inst.arcs.len());
    for (k, arc) in inst.arcs.iter().enumerate() {
        let (low, cap, cost) = (
            i128::from(arc.low),
            i128::from(arc.cap),
            i128::from(arc.cost),
        );
        offset += low * cost;
        supply[arc.tail as usize] -= low;
        supply[arc.head as usize] += low;
        let room = cap - low;
        // A self-loop changes no balance: a negative-cost one runs full, any other idles.
        if arc.tail == arc.head {
            if cost < 0 {
                offset += room * cost;
            }
        } else if room > 0 {
            live.push((k, room));
        }
    }
    let total: i128 = supply.iter().sum();
    if total != 0 {
        return Err(infeasible(
            inst.problem_line,
            format!("supplies and demands do not balance: they sum to {total}"),
        ));
    }
    Ok(Bounded {
        supply,
        offset,
        live,
    })
}

/// Each node's role and each supplier's capacity (what it can take in all).
struct Shape {
    role: Vec<Role>,
    capacity: Vec<i128>,
}

impl Shape {
    fn of(inst: &DimacsInstance, bounded: &Bounded) -> Result<Self, DimacsError> {
        let nodes = inst.nodes();
        let supply = &bounded.supply;
        let mut first_in = vec![NONE; nodes];
        let mut first_out = vec![NONE; nodes];
        for &(k, _) in &bounded.live {
            let arc = &inst.arcs[k];
            if first_out[arc.tail as usize] == NONE {
                first_out[arc.tail as usize] = k;
            }
            if first_in[arc.head as usize] == NONE {
                first_in[arc.head as usize] = k;
            }
        }
        let line_of = |k: usize| inst.arcs[k].line;
        // The three-layer shape: the first node with arcs in and out names the sink.
        let sink = (0..nodes)
            .find(|&v| first_in[v] != NONE && first_out[v] != NONE)
            .map(|v| inst.arcs[first_out[v]].head as usize);
        if let Some(t) = sink
            && first_out[t] != NONE
        {
            return Err(unsupported(
                line_of(first_out[t]),
                format!(
                    "node {} both receives flow from a node that forwards it (line {}) and \
                     forwards flow itself: FlowProblem has needs, suppliers and one sink, no \
                     longer paths",
                    t + 1,
                    line_of(first_in[t])
                ),
            ));
        }
        let mut role = vec![Role::Idle; nodes];
        let mut capacity: Vec<i128> = Vec::new();
        for v in 0..nodes {
            let (has_in, has_out) = (first_in[v] != NONE, first_out[v] != NONE);
            let line = inst.node_line(v);
            let id = v + 1;
            role[v] = if Some(v) == sink {
                Role::Sink
            } else if has_in && has_out {
                if supply[v] != 0 {
                    return Err(unsupported(
                        line,
                        format!(
                            "node {id} forwards flow and has supply {}: only sources supply \
                             and only the sink demands in the three-layer shape",
                            supply[v]
                        ),
                    ));
                }
                capacity.push(0); // its tiers, added below
                Role::Supplier(capacity.len() - 1)
            } else if has_out {
                if supply[v] < 0 {
                    return Err(infeasible(
                        line,
                        format!("node {id} demands {} but no arc enters it", -supply[v]),
                    ));
                }
                Role::Source
            } else if supply[v] > 0 {
                return Err(infeasible(
                    line,
                    format!("node {id} supplies {} but no arc leaves it", supply[v]),
                ));
            } else if supply[v] < 0 && !has_in {
                return Err(infeasible(
                    line,
                    format!("node {id} demands {} but no arc enters it", -supply[v]),
                ));
            } else if let (true, Some(t)) = (supply[v] < 0, sink) {
                return Err(unsupported(
                    line,
                    format!(
                        "node {id} demands {} besides the sink behind the suppliers (node {}): \
                         FlowProblem cannot make a supplier take an exact load",
                        -supply[v],
                        t + 1
                    ),
                ));
            } else if has_in {
                capacity.push(-supply[v]);
                Role::Supplier(capacity.len() - 1)
            } else {
                Role::Idle
            };
        }
        // Every arc must run source -> supplier, source -> sink or middle node -> sink.
        for &(k, room) in &bounded.live {
            let arc = &inst.arcs[k];
            let (tail, head) = (arc.tail as usize + 1, arc.head as usize + 1);
            match (role[tail - 1], role[head - 1]) {
                (Role::Source, Role::Supplier(_) | Role::Sink) => {}
                (Role::Supplier(s), Role::Sink) => {
                    if arc.cost < 0 {
                        return Err(unsupported(
                            arc.line,
                            format!(
                                "arc {tail} -> {head} into the sink costs {}: a supplier's load \
                                 tiers must cost 0 or more",
                                arc.cost
                            ),
                        ));
                    }
                    capacity[s] += room;
                }
                _ => {
                    return Err(unsupported(
                        arc.line,
                        format!(
                            "arc {tail} -> {head} leaves a node that receives flow and does not \
                             lead to the sink: FlowProblem has needs, suppliers and one sink, \
                             no longer paths"
                        ),
                    ));
                }
            }
        }
        Ok(Self { role, capacity })
    }
}

/// Per supplier, its tiers and the line to blame if the solver refuses them: a middle node's
/// arcs to the sink cheapest first (so convex), or a demand node's demand at no cost.
fn supplier_tiers(
    inst: &DimacsInstance,
    bounded: &Bounded,
    shape: &Shape,
) -> Vec<(Vec<Tier>, usize)> {
    let mut arcs: Vec<Vec<(i64, usize, i128)>> = vec![Vec::new(); shape.capacity.len()];
    for &(k, room) in &bounded.live {
        let arc = &inst.arcs[k];
        if let Role::Supplier(s) = shape.role[arc.tail as usize] {
            arcs[s].push((arc.cost, k, room));
        }
    }
    arcs.into_iter()
        .enumerate()
        .map(|(s, mut list)| {
            list.sort_unstable();
            match list.first() {
                None => (
                    vec![Tier::new(clamp_u32(shape.capacity[s]), 0)],
                    inst.problem_line,
                ),
                Some(&(_, k, _)) => (
                    list.iter()
                        .map(|&(cost, _, room)| Tier::new(clamp_u32(room), cost))
                        .collect(),
                    inst.arcs[k].line,
                ),
            }
        })
        .collect()
}

/// Adds one need per unit of each source's supply, with the source's arcs (costs shifted up
/// by its cheapest when that is negative); returns the shifts' total cost.
fn add_needs(
    inst: &DimacsInstance,
    bounded: &Bounded,
    shape: &Shape,
    problem: &mut FlowProblem,
) -> Result<i128, DimacsError> {
    let nodes = inst.nodes();
    let supply = &bounded.supply;
    let mut out: Vec<Vec<(usize, i128)>> = vec![Vec::new(); nodes];
    for &(k, room) in &bounded.live {
        let v = inst.arcs[k].tail as usize;
        if shape.role[v] == Role::Source {
            out[v].push((k, room));
        }
    }
    let (mut needs, mut arcs) = (0i128, 0i128);
    for v in 0..nodes {
        if shape.role[v] == Role::Source {
            needs += supply[v];
            arcs += supply[v] * out[v].len() as i128;
        }
    }
    if needs >= MAX_ITEMS as i128 || arcs >= MAX_ITEMS as i128 {
        return Err(unsupported(
            inst.problem_line,
            format!(
                "{needs} units of supply make {needs} needs with {arcs} arcs, more than the \
                 solver's {MAX_ITEMS}"
            ),
        ));
    }
    let mut shifts = 0i128;
    for (v, arcs) in out.iter().enumerate() {
        let units = supply[v];
        if shape.role[v] != Role::Source || units == 0 {
            continue;
        }
        let shift = arcs
            .iter()
            .map(|&(k, _)| inst.arcs[k].cost)
            .min()
            .unwrap_or(0)
            .min(0);
        shifts += units * i128::from(shift);
        let mut penalty: Option<i64> = None;
        let mut candidates: Vec<(usize, i64, usize)> = Vec::with_capacity(arcs.len());
        for &(k, room) in arcs {
            let arc = &inst.arcs[k];
            let head = arc.head as usize;
            let most = match shape.role[head] {
                Role::Supplier(s) => units.min(shape.capacity[s]),
                _ => units,
            };
            if room < most {
                return Err(unsupported(
                    arc.line,
                    format!(
                        "arc {} -> {} has room for {room} units but up to {most} could use it: \
                         a FlowProblem arc carries one need's unit, so a capacity below the \
                         source's supply cannot be expressed",
                        v + 1,
                        head + 1
                    ),
                ));
            }
            let cost = arc.cost - shift;
            match shape.role[head] {
                Role::Supplier(s) => candidates.push((s, cost, arc.line)),
                _ => penalty = Some(penalty.map_or(cost, |c| c.min(cost))),
            }
        }
        for _ in 0..units {
            let need = problem
                .add_need(penalty)
                .map_err(|e| unsupported(inst.node_line(v), e.to_string()))?;
            for &(s, cost, line) in &candidates {
                problem
                    .add_arc(need, s, cost)
                    .map_err(|e| unsupported(line, e.to_string()))?;
            }
        }
    }
    Ok(shifts)
}

fn clamp_u32(v: i128) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

/// Solves the problem with the network simplex, timing only the solve; the reported objective
/// includes the offset.
pub fn try_solve(
    instance: &DimacsProblem,
    time_limit: Option<Duration>,
) -> Result<SolveReport, SolveError> {
    let mut report = solve_problem(&instance.problem, time_limit)?;
    report.objective = report.objective.saturating_add(instance.offset);
    report.lower_bound = report
        .lower_bound
        .map(|b| b.saturating_add(instance.offset));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solve_text(text: &str) -> SolveReport {
        let d = to_problem(&parse(text).unwrap()).unwrap();
        try_solve(&d, None).unwrap()
    }

    /// Two sources (1: supply 2, 2: supply 1), two sinks (3: demand 1, 4: demand 2).
    /// Arcs: 1→3 cost 1, 1→4 cost 6, 2→3 cost 5 with lower bound 1, 2→4 cost −3.
    ///
    /// By hand: without the bound the cheapest is 1→3 (1) + 1→4 (6) + 2→4 (−3) = 4. The bound
    /// forces 2→3, which fills sink 3 and uses source 2's only unit, so source 1 sends both
    /// units to sink 4: 5 + 2·6 = 17. In the `FlowProblem`: the bound's flow is the offset 5,
    /// source 2 and sink 3 are left with nothing, source 1's two needs go to supplier 4 (12).
    const HAND: &str = "c hand-worked: optimum 17\n\
        p min 4 4\n\
        n 1 2\n\
        n 2 1\n\
        n 3 -1\n\
        n 4 -2\n\
        a 1 3 0 2 1\n\
        a 1 4 0 2 6\n\
        a 2 3 1 1 5\n\
        a 2 4 0 1 -3\n";

    #[test]
    fn hand_worked_transportation_with_a_lower_bound() {
        let d = to_problem(&parse(HAND).unwrap()).unwrap();
        assert_eq!(
            (d.problem.needs(), d.problem.suppliers(), d.offset),
            (2, 2, 5)
        );
        let r = try_solve(&d, None).unwrap();
        assert_eq!((r.objective, r.assigned, r.optimal), (17, 2, true));
        // Without the bound: 4, as worked out above (source 2's shift by −3 is the offset).
        let r = solve_text(&HAND.replace("a 2 3 1 1 5", "a 2 3 0 1 5"));
        assert_eq!(r.objective, 4);
    }

    #[test]
    fn three_layers_read_as_the_matcher_network() {
        // The bmatch test instance (needs 1-3, suppliers 4 and 5 of capacity 2 and 1, sink 6):
        // optimum 6. Supplier 4's capacity is split into tiers listed dearest first, and need 3
        // may go straight to the sink at 9 (its penalty): both unused at the optimum.
        let text = "p min 6 9\nn 1 1\nn 2 1\nn 3 1\nn 6 -3\n\
            a 1 4 0 1 4\na 1 5 0 1 1\na 2 4 0 1 2\na 2 5 0 1 2\na 3 4 0 1 3\na 3 6 0 1 9\n\
            a 4 6 0 1 7\na 4 6 0 2 0\na 5 6 0 1 0\n";
        let d = to_problem(&parse(text).unwrap()).unwrap();
        assert_eq!(d.problem.tiers(0), &[Tier::new(2, 0), Tier::new(1, 7)]);
        assert_eq!(d.problem.penalty(2), Some(Some(9)));
        let r = try_solve(&d, None).unwrap();
        assert_eq!((r.objective, r.assigned, r.unassigned), (6, 3, 0));
        // Raising need 3's arc to supplier 4 to 20 makes its penalty 9 the better choice.
        let r = solve_text(&text.replace("a 3 4 0 1 3", "a 3 4 0 1 20"));
        assert_eq!((r.objective, r.unassigned), (1 + 2 + 9, 1));
    }

    #[test]
    fn self_loops_and_unit_capacities() {
        // A negative self-loop runs full (3 × −1), a positive one idles.
        let text = "p min 2 3\nn 1 1\nn 2 -1\na 1 2 0 1 4\na 2 2 0 3 -1\na 1 1 0 5 2\n";
        assert_eq!(solve_text(text).objective, 4 - 3);
    }

    fn parse_err(text: &str) -> FormatError {
        parse(text).unwrap_err()
    }

    #[test]
    fn malformed_lines_are_refused_with_their_line_and_field() {
        let bad_number = |text: &str| match parse_err(text) {
            FormatError::InvalidNumber { line, field, .. } => (line, field),
            e => panic!("expected a bad number, got {e:?}"),
        };
        let head = "c x\np min 3 1\n";
        assert_eq!(
            bad_number(&format!("{head}a 1 4 0 1 1\n")),
            (3, "DST".into())
        );
        assert_eq!(
            bad_number(&format!("{head}a 0 2 0 1 1\n")),
            (3, "SRC".into())
        );
        assert_eq!(
            bad_number(&format!("{head}a 1 2 0 x 1\n")),
            (3, "CAP".into())
        );
        assert_eq!(
            bad_number(&format!("{head}a 1 2 3 2 1\n")),
            (3, "CAP".into())
        ); // CAP < LOW
        assert_eq!(
            bad_number(&format!("{head}a 1 2 -1 2 1\n")),
            (3, "LOW".into())
        );
        assert_eq!(
            bad_number(&format!("{head}a 1 2 0 2 1.5\n")),
            (3, "COST".into())
        );
        assert_eq!(bad_number(&format!("{head}n 1 one\n")), (3, "FLOW".into()));
        assert_eq!(bad_number("p max 3 1\n"), (1, "problem type".into()));
        assert_eq!(bad_number("p min -3 1\n"), (1, "NODES".into()));

        let malformed = |text: &str| match parse_err(text) {
            FormatError::Malformed { line, why } => (line, why),
            e => panic!("expected malformed, got {e:?}"),
        };
        let (line, why) = malformed(&format!("{head}\na 1 2 0 1\n"));
        assert_eq!(line, 4);
        assert!(why.contains("missing COST"), "{why}");
        let (line, why) = malformed(&format!("{head}a 1 2 0 1 1 9\n"));
        assert_eq!(line, 3);
        assert!(why.contains("trailing"), "{why}");
        assert_eq!(malformed(&format!("{head}x 1 2\n")).0, 3);
        assert_eq!(malformed("a 1 2 0 1 1\np min 2 1\n").0, 1);
        assert_eq!(malformed(&format!("{head}p min 3 1\n")).0, 3);
        assert_eq!(malformed(&format!("{head}n 1 1\nn 1 2\n")).0, 4);
        assert_eq!(malformed(&format!("{head}a 1 2 0 1 1\na 1 3 0 1 1\n")).0, 4);
        assert_eq!(malformed(head).0, 2); // 1 arc declared, none found
        assert!(matches!(
            parse_err("c only a comment\n"),
            FormatError::UnexpectedEof { .. }
        ));
    }

    #[test]
    fn shapes_the_solver_cannot_take_name_the_line() {
        let err = |text: &str| to_problem(&parse(text).unwrap()).unwrap_err();
        // A chain 1 → 2 → 3 → 4: node 3 forwards what node 2 forwarded.
        let e = err("p min 4 3\nn 1 1\nn 4 -1\na 1 2 0 1 1\na 2 3 0 1 1\na 3 4 0 1 1\n");
        assert_eq!((e.code(), e.line()), ("DIMACS_UNSUPPORTED", Some(6)));
        // A capacity of 1 on an arc from a source of 2 would bind.
        let e = err("p min 2 1\nn 1 2\nn 2 -2\na 1 2 0 1 3\n");
        assert_eq!((e.code(), e.line()), ("DIMACS_UNSUPPORTED", Some(4)));
        // Unbalanced, and a demand no arc reaches.
        let e = err("p min 2 1\nn 1 2\nn 2 -1\na 1 2 0 2 3\n");
        assert_eq!((e.code(), e.line()), ("DIMACS_INFEASIBLE", Some(1)));
        let e = err("p min 3 1\nn 1 1\nn 2 -1\nn 3 0\na 1 3 0 1 3\n");
        assert_eq!((e.code(), e.line()), ("DIMACS_INFEASIBLE", Some(3)));
        // A supplier-to-sink arc with a negative cost cannot be a tier.
        let e = err("p min 3 2\nn 1 1\nn 3 -1\na 1 2 0 1 1\na 2 3 0 1 -1\n");
        assert_eq!((e.code(), e.line()), ("DIMACS_UNSUPPORTED", Some(5)));
    }
}
