//! Statistics checked against numbers worked out by hand.

use huzhu::scoring::stats::{cronbach_alpha, mean_sd, percentile, rate, wilson_interval};

fn close(a: f64, b: f64, eps: f64) -> bool {
    (a - b).abs() < eps
}

#[test]
fn wilson_18_of_30_at_95_percent() {
    // p = 0.6, z² = 3.8416, z²/n = 0.128053, denominator 1 + z²/n = 1.128053
    // centre = (0.6 + z²/2n) / denom = (0.6 + 0.064027) / 1.128053 = 0.588649
    // half   = z / denom × √(p(1−p)/n + z²/4n²) = 1.96 / 1.128053 × √(0.008 + 0.001067)
    //        = 1.737507 × 0.095219 = 0.165445
    let (lo, hi) = wilson_interval(18, 30, 1.96).unwrap();
    assert!(close(lo, 0.423_204, 1e-5), "{lo}");
    assert!(close(hi, 0.754_094, 1e-5), "{hi}");
}

#[test]
fn wilson_edges() {
    // 0 of 10: centre = (z²/2n)/(1+z²/n) = 0.19208/1.38416 = 0.138771, half equal → lower 0.
    let (lo, hi) = wilson_interval(0, 10, 1.96).unwrap();
    assert!(close(lo, 0.0, 1e-12));
    assert!(close(hi, 0.277_541, 1e-5), "{hi}");
    // z = 0 collapses to the point estimate.
    assert_eq!(wilson_interval(3, 4, 0.0), Some((0.75, 0.75)));
    assert_eq!(wilson_interval(1, 0, 1.96), None);
    assert_eq!(wilson_interval(5, 4, 1.96), None);
    assert_eq!(wilson_interval(1, 4, f64::NAN), None);
    assert_eq!(wilson_interval(1, 4, -1.0), None);
}

#[test]
fn nearest_rank_percentiles() {
    let mut v = vec![5, 1, 9, 3, 7, 2, 8, 4, 10, 6];
    v.sort_unstable();
    // n = 10: p50 → rank ⌈5⌉ = 5 → 5; p90 → rank ⌈9⌉ = 9 → 9; p100 → 10.
    assert_eq!(percentile(&v, 50), Some(5));
    assert_eq!(percentile(&v, 90), Some(9));
    assert_eq!(percentile(&v, 100), Some(10));
    assert_eq!(percentile(&v, 250), Some(10));
    // n = 7: p50 → rank ⌈3.5⌉ = 4 → 40; p90 → rank ⌈6.3⌉ = 7 → 70; p10 → rank ⌈0.7⌉ = 1.
    let w = [10, 20, 30, 40, 50, 60, 70];
    assert_eq!(percentile(&w, 50), Some(40));
    assert_eq!(percentile(&w, 90), Some(70));
    assert_eq!(percentile(&w, 10), Some(10));
    assert_eq!(percentile(&[], 50), None);
}

#[test]
fn cronbach_alpha_three_items_four_respondents() {
    // Items (columns) for respondents R1..R4:
    //   R1 4 5 4 | 13      item variances (n−1): each item has mean 3.5 and squared
    //   R2 3 3 2 |  8      deviations summing to 5 → 5/3 each, 5 in total.
    //   R3 5 4 5 | 14      totals 13, 8, 14, 7: mean 10.5, squared deviations
    //   R4 2 2 3 |  7      6.25 + 6.25 + 12.25 + 12.25 = 37 → variance 37/3.
    // α = 3/2 × (1 − 5 / (37/3)) = 3/2 × 22/37 = 33/37 = 0.891892
    let rows = vec![
        vec![4.0, 5.0, 4.0],
        vec![3.0, 3.0, 2.0],
        vec![5.0, 4.0, 5.0],
        vec![2.0, 2.0, 3.0],
    ];
    let a = cronbach_alpha(&rows).unwrap();
    assert!(close(a, 33.0 / 37.0, 1e-12), "{a}");
}

#[test]
fn cronbach_alpha_undefined_cases() {
    assert_eq!(cronbach_alpha(&[]), None);
    assert_eq!(cronbach_alpha(&[vec![1.0, 2.0]]), None); // one respondent
    assert_eq!(cronbach_alpha(&[vec![1.0], vec![2.0]]), None); // one item
    assert_eq!(cronbach_alpha(&[vec![3.0, 3.0], vec![3.0, 3.0]]), None); // no variance
    assert_eq!(cronbach_alpha(&[vec![1.0, 2.0], vec![3.0]]), None); // ragged
}

#[test]
fn mean_sd_and_rate() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32 → sample variance 32/7.
    let (m, sd) = mean_sd(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap();
    assert!(close(m, 5.0, 1e-12));
    assert!(close(sd, (32.0f64 / 7.0).sqrt(), 1e-12));
    assert_eq!(mean_sd(&[3.0]), Some((3.0, 0.0)));
    assert_eq!(mean_sd(&[]), None);
    assert_eq!(rate(3, 4), Some(0.75));
    assert_eq!(rate(0, 0), None);
}
