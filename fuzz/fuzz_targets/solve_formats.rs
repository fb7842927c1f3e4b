//! The solve tool's parsers (`bmatch`, `assign`, `gap`): the first byte picks the format, the
//! rest is the file. Parsing never panics; a parsed instance small enough solves without panic,
//! and a network-simplex solution verifies.
#![no_main]

use huzhu::matching::solver::{NetworkSimplex, verify};
use huzhu_benches::formats::{assign, bmatch, gap};
use libfuzzer_sys::fuzz_target;

fn check_flow(p: &huzhu::matching::solver::FlowProblem) {
    if p.arcs() > 2_000 || p.needs() > 500 || p.suppliers() > 500 {
        return;
    }
    if let Ok(sol) = NetworkSimplex::new().solve(p) {
        verify(p, &sol).expect("a network-simplex solution verifies");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match which % 3 {
        0 => {
            if let Ok(inst) = bmatch::parse(text) {
                check_flow(&inst.problem);
            }
        }
        1 => {
            if let Ok(inst) = assign::parse(text) {
                check_flow(&inst.problem);
            }
        }
        _ => {
            if let Ok(all) = gap::parse_all(text) {
                for inst in &all {
                    let p = &inst.problem;
                    if p.num_agents() * p.num_jobs() <= 60 {
                        let r = gap::solve(inst, Some(std::time::Duration::from_millis(5)));
                        if r.optimal {
                            assert!(r.lower_bound.is_some());
                        }
                    }
                }
            }
        }
    }
});
