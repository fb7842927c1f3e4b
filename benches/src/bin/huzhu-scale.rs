//! Scale benchmark: a synthetic district of N residents planned in one run at the start of its
//! week. Prints one JSON line: generation, candidate and solve times, counts and the process's
//! peak memory (`VmHWM`, after generating, after finding the candidates and at the end). The
//! `_cpu_s` times are the main thread's time on a CPU (from `/proc/thread-self/schedstat`:
//! building the matcher, and solving with the plan), which a busy machine disturbs less than
//! wall time. Run one size per process so the peak belongs to that size:
//!
//! `cargo run --release -p huzhu-benches --bin huzhu-scale -- 1000000 [CAP|none] [--seed S] [--dump FILE]`
//!
//! CAP is the per-need candidate cap K (default 40; `none` keeps every candidate); the seed of
//! the district defaults to 2026. `--dump FILE` writes the plan in a canonical text form after
//! the JSON line (so it changes neither the times nor the peak): the objective, every
//! assignment and every unmatched need with its reason, one JSON object a line in need-id
//! order, and a digest (FNV-1a, 64 bits) of every need's candidates, caps and eliminations.
//! Two builds plan the same if their dumps are the same byte for byte.

use std::io::Write;
use std::time::Instant;

use chrono::NaiveDate;
use huzhu::matching::{Hooks, MatchContext, MatchPlan, MatchPolicy, Matcher};
use huzhu::synth::{DistrictConfig, generate};

const USAGE: &str = "usage: huzhu-scale RESIDENTS [CAP|none] [--seed S] [--dump FILE]";

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Nanoseconds this thread has run on a CPU (Linux), which other processes on a busy machine
/// disturb less than wall time does.
fn cpu_nanos() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn mib(kib: Option<u64>) -> i64 {
    kib.map_or(-1, |k| (k / 1024) as i64)
}

struct Args {
    residents: u32,
    cap: Option<usize>,
    seed: u64,
    dump: Option<String>,
}

fn args() -> Result<Args, Box<dyn std::error::Error>> {
    let mut positional = Vec::new();
    let mut seed = 2026;
    let mut dump = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => seed = it.next().ok_or(USAGE)?.parse()?,
            "--dump" => dump = Some(it.next().ok_or(USAGE)?),
            _ => positional.push(a),
        }
    }
    let residents = positional.first().ok_or(USAGE)?.parse()?;
    let cap = match positional.get(1).map(String::as_str) {
        None => Some(40),
        Some("none") => None,
        Some(k) => Some(k.parse()?),
    };
    Ok(Args {
        residents,
        cap,
        seed,
        dump,
    })
}

/// FNV-1a over everything written to it.
struct Fnv(u64);

impl Write for Fnv {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for b in buf {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes the plan and the candidates' digest in the canonical form described above.
fn dump(
    path: &str,
    header: &str,
    matcher: &Matcher<'_>,
    plan: &MatchPlan,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "{header}")?;
    writeln!(
        out,
        "objective {} optimal {} lower_bound {:?} assignments {} unmatched {}",
        plan.objective,
        plan.optimal,
        plan.lower_bound,
        plan.assignments.len(),
        plan.unmatched.len()
    )?;
    for a in &plan.assignments {
        writeln!(out, "{}", serde_json::to_string(a)?)?;
    }
    for u in &plan.unmatched {
        writeln!(out, "{}", serde_json::to_string(u)?)?;
    }
    let mut digest = Fnv(0xcbf2_9ce4_8422_2325);
    let mut needs = 0u64;
    let mut kept = 0u64;
    for id in matcher.community().needs().map(|n| n.id) {
        if let Some(c) = matcher.candidates(id) {
            serde_json::to_writer(&mut digest, c)?;
            digest.write_all(b"\n")?;
            needs += 1;
            kept += c.candidates.len() as u64;
        }
    }
    writeln!(
        out,
        "candidates of {needs} needs: {kept} kept, digest {:016x}",
        digest.0
    )?;
    out.flush()?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Args {
        residents,
        cap,
        seed,
        dump: dump_to,
    } = args()?;
    let week = NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    let t0 = Instant::now();
    let district = generate(
        &DistrictConfig::new(residents, week)
            .with_seed(seed)
            .with_needs_recorded_in_advance(true),
    )?;
    let generate_s = t0.elapsed().as_secs_f64();
    let generate_peak = peak_kib();
    let start = week.and_hms_opt(0, 0, 0).ok_or("time")?;
    let cpu0 = cpu_nanos();
    let origin = Instant::now();
    let mut clock = || origin.elapsed().as_nanos() as u64;
    let mut hooks = Hooks {
        clock: Some(&mut clock),
        ..Hooks::default()
    };
    let mut matcher = Matcher::with_hooks(
        &district.community,
        MatchPolicy::default().with_candidate_cap(cap),
        MatchContext::new(start),
        &mut hooks,
    )?;
    let cpu1 = cpu_nanos();
    let candidates_peak = peak_kib();
    let plan = matcher.solve_with(&mut hooks)?;
    let cpu2 = cpu_nanos();
    let verified = matcher.verify().is_ok();
    let s = &plan.stats;
    let secs = |n: Option<u64>| n.map_or(0.0, |n| n as f64 / 1e9);
    let cpu = |a: Option<u64>, b: Option<u64>| secs(a.zip(b).map(|(a, b)| b.saturating_sub(a)));
    let cap_text = cap.map_or_else(|| "null".to_owned(), |k| k.to_string());
    println!(
        "{{\"residents\": {residents}, \"cap\": {cap_text}, \"seed\": {seed}, \"needs\": {}, \"helpers\": {}, \"candidates\": {}, \"arcs\": {}, \"generate_s\": {generate_s:.3}, \"candidates_s\": {:.3}, \"solve_s\": {:.3}, \"plan_s\": {:.3}, \"candidates_cpu_s\": {:.3}, \"solve_cpu_s\": {:.3}, \"matched\": {}, \"objective\": {}, \"optimal\": {}, \"verified\": {verified}, \"generate_peak_mib\": {}, \"candidates_peak_mib\": {}, \"peak_mib\": {}}}",
        s.needs,
        s.helpers,
        s.candidates,
        s.arcs,
        secs(s.candidate_nanos),
        secs(s.solve_nanos),
        secs(s.explain_nanos),
        cpu(cpu0, cpu1),
        cpu(cpu1, cpu2),
        plan.assignments.len(),
        plan.objective,
        plan.optimal,
        mib(generate_peak),
        mib(candidates_peak),
        mib(peak_kib()),
    );
    if let Some(path) = dump_to {
        let header = format!("huzhu-scale plan: residents {residents} cap {cap_text} seed {seed}");
        dump(&path, &header, &matcher, &plan)?;
    }
    Ok(())
}
