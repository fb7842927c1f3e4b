//! Solomon's VRPTW format: an optional header (name, `VEHICLE` / `NUMBER CAPACITY` and their
//! values, `CUSTOMER` and the column titles), then one row per node — number, x, y, demand,
//! ready time, due date, service time — node 0 the depot. Travel time and distance are the
//! Euclidean distance, multiplied by `scale` and rounded per edge (times and service alike),
//! so the solvers compared work on the same integers.

use std::time::Instant;

use huzhu::routing::{Matrix, Options, Problem, Vehicle, Visit, solve_with};

/// A VRPTW instance as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// Vehicles available.
    pub vehicles: usize,
    /// Capacity of each.
    pub capacity: i64,
    /// Rows: x, y, demand, ready, due, service; the depot first.
    pub nodes: Vec<[f64; 6]>,
}

/// Reads the text; `vehicles` and `capacity` are used when the header lacks them.
pub fn parse(text: &str, vehicles: usize, capacity: i64) -> Result<Instance, String> {
    let mut header: Option<(usize, i64)> = None;
    let mut nodes = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((n, line)) = lines.next() {
        let upper = line.trim().to_ascii_uppercase();
        if upper.starts_with("NUMBER") && upper.contains("CAPACITY") {
            let values = lines.next().map(|(_, l)| l).unwrap_or_default();
            let v: Vec<&str> = values.split_whitespace().collect();
            let (Some(k), Some(c)) = (v.first(), v.get(1)) else {
                return Err(format!(
                    "line {}: expected vehicle number and capacity",
                    n + 2
                ));
            };
            header = Some((
                k.parse()
                    .map_err(|_| format!("line {}: bad vehicle number", n + 2))?,
                c.parse()
                    .map_err(|_| format!("line {}: bad capacity", n + 2))?,
            ));
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() != 7 {
            continue; // a title or blank line
        }
        let Ok(values) = fields
            .iter()
            .map(|f| f.parse::<f64>())
            .collect::<Result<Vec<f64>, _>>()
        else {
            continue; // column titles
        };
        if values[0] as usize != nodes.len() {
            return Err(format!(
                "line {}: node {} out of order (expected {})",
                n + 1,
                values[0],
                nodes.len()
            ));
        }
        nodes.push([
            values[1], values[2], values[3], values[4], values[5], values[6],
        ]);
    }
    if nodes.len() < 2 {
        return Err("no depot and customers found".into());
    }
    let (vehicles, capacity) = header.unwrap_or((vehicles, capacity));
    Ok(Instance {
        vehicles,
        capacity,
        nodes,
    })
}

/// Euclidean distance × `scale`, rounded.
pub fn scaled_distance(a: &[f64; 6], b: &[f64; 6], scale: f64) -> i64 {
    (((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt() * scale).round() as i64
}

/// The instance as a routing problem, every number × `scale` (rounded).
pub fn problem(instance: &Instance, scale: f64) -> Problem {
    let n = &instance.nodes;
    let s = |x: f64| (x * scale).round() as i64;
    let matrix = Matrix::from_fn(n.len(), |a, b| scaled_distance(&n[a], &n[b], scale))
        .expect("distances are not negative");
    let visits = n[1..]
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Visit::new(i + 1, s(c[5]))
                .with_windows([(s(c[3]), s(c[4]))])
                .with_demand(c[2] as i64)
        })
        .collect();
    let depot = n[0];
    let vehicles = (0..instance.vehicles)
        .map(|_| Vehicle::new(0, 0, (s(depot[3]), s(depot[4]))).with_capacity(instance.capacity))
        .collect();
    Problem {
        matrices: vec![matrix],
        visits,
        vehicles,
    }
}

/// What a timed run found.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteReport {
    /// Total distance (scaled).
    pub cost: i64,
    /// Vehicles used.
    pub vehicles: usize,
    /// Customers not served.
    pub unserved: usize,
    /// Seconds spent.
    pub seconds: f64,
    /// Destroy-and-repair iterations.
    pub iterations: u64,
}

impl RouteReport {
    /// One JSON line.
    pub fn to_json_line(&self) -> String {
        format!(
            r#"{{"cost": {}, "vehicles": {}, "unserved": {}, "seconds": {:.6}, "iterations": {}}}"#,
            self.cost, self.vehicles, self.unserved, self.seconds, self.iterations
        )
    }
}

/// Solves for `seconds` of wall-clock time (read here, in the tool, not in the solver).
pub fn solve(problem: &Problem, seconds: f64, seed: u64) -> RouteReport {
    let start = Instant::now();
    let options = Options::default().with_seed(seed);
    let solution = solve_with(problem, &options, None, &mut |_| {
        start.elapsed().as_secs_f64() / seconds
    })
    .expect("a Solomon instance is a valid problem");
    RouteReport {
        cost: solution.cost,
        vehicles: solution.routes.len(),
        unserved: solution.unserved.len(),
        seconds: start.elapsed().as_secs_f64(),
        iterations: solution.iterations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_with_and_without_header() {
        let body = "0 0 0 0 0 100 0\n1 3 4 5 10 20 2\n";
        let bare = parse(body, 25, 200).unwrap();
        assert_eq!(
            (bare.vehicles, bare.capacity, bare.nodes.len()),
            (25, 200, 2)
        );
        let full = format!(
            "C101\n\nVEHICLE\nNUMBER     CAPACITY\n  25         200\n\nCUSTOMER\nCUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n\n{body}"
        );
        let with = parse(&full, 1, 1).unwrap();
        assert_eq!((with.vehicles, with.capacity), (25, 200));
        assert_eq!(with.nodes, bare.nodes);
        let p = problem(&with, 10.0);
        assert_eq!(p.matrices[0].time(0, 1), 50); // a 3-4-5 triangle, ×10
        assert_eq!(p.visits[0].windows, [(100, 200)]);
        assert_eq!(p.visits[0].duration, 20);
    }
}
