//! The one JSON line the solve tool prints.

/// Result of one solve, as printed by `huzhu-solve`.
///
/// `seconds` is the solve time without file parsing.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveReport {
    /// Objective value (total cost, including unassigned penalties).
    pub objective: i64,
    /// Number of needs / jobs assigned.
    pub assigned: usize,
    /// Number of needs / jobs left unassigned.
    pub unassigned: usize,
    /// Solve time in seconds, parsing excluded.
    pub seconds: f64,
    /// Whether the objective is proven optimal.
    pub optimal: bool,
    /// A proven lower bound on the optimum, when the solver has one.
    pub lower_bound: Option<i64>,
}

impl SolveReport {
    /// Formats the report as one JSON line with the fields in a fixed order.
    ///
    /// ```
    /// use huzhu_benches::report::SolveReport;
    /// let r = SolveReport { objective: 5, assigned: 2, unassigned: 0, seconds: 0.5, optimal: true, lower_bound: None };
    /// assert_eq!(r.to_json_line(), r#"{"objective": 5, "assigned": 2, "unassigned": 0, "seconds": 0.500000, "optimal": true, "lower_bound": null}"#);
    /// ```
    pub fn to_json_line(&self) -> String {
        let bound = self
            .lower_bound
            .map_or_else(|| "null".to_owned(), |b| b.to_string());
        format!(
            r#"{{"objective": {}, "assigned": {}, "unassigned": {}, "seconds": {:.6}, "optimal": {}, "lower_bound": {}}}"#,
            self.objective, self.assigned, self.unassigned, self.seconds, self.optimal, bound
        )
    }
}
