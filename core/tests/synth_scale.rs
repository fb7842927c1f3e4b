//! Timing and counts of large generated districts. Ignored by default; run in release mode:
//! `cargo test --release -p huzhu --test synth_scale -- --ignored --nocapture`.

use std::time::Instant;

use chrono::NaiveDate;
use huzhu::synth::{DistrictConfig, generate};

#[test]
#[ignore = "slow in debug builds; run in release mode with --ignored"]
fn generate_10k_100k_1m() {
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for n in [10_000, 100_000, 1_000_000] {
        let start = Instant::now();
        let d = generate(&DistrictConfig::new(n, monday).with_seed(1)).unwrap();
        let took = start.elapsed();
        let s = &d.summary;
        println!(
            "{n:>9} residents: {took:>8.2?}  needs {:>6}  volunteers {:>6} ({} residents)  \
             providers {:>5}  services {:>5}  grids {:>4}  compounds {:>5}  area {:.1} km²  \
             60+ {:.1}%  65+ {:.1}%  80+ {:.1}%  groups {:?}",
            s.needs,
            s.volunteers,
            s.resident_volunteers,
            s.providers,
            s.services,
            s.grids,
            s.compounds,
            s.area_m2 as f64 / 1e6,
            100.0 * f64::from(s.aged_60_plus) / f64::from(n),
            100.0 * f64::from(s.aged_65_plus) / f64::from(n),
            100.0 * f64::from(s.aged_80_plus) / f64::from(n),
            s.special_groups,
        );
        assert_eq!(s.residents, n);
    }
    // Peak resident memory of the whole test process (Linux only).
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status.lines().filter(|l| l.starts_with("VmHWM")) {
            println!("peak memory: {line}");
        }
    }
}
