//! Small, deterministic statistics: rates, mean and standard deviation, the Wilson score
//! interval, nearest-rank percentiles and Cronbach's alpha.
//!
//! Every function returns `None` instead of dividing by zero or reading past the end.

/// `num / den`, or `None` when `den` is zero.
///
/// ```
/// assert_eq!(huzhu::scoring::stats::rate(1, 4), Some(0.25));
/// assert_eq!(huzhu::scoring::stats::rate(1, 0), None);
/// ```
pub fn rate(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Mean and *sample* standard deviation (divisor n − 1; 0 for a single value).
///
/// ```
/// let (m, sd) = huzhu::scoring::stats::mean_sd(&[2.0, 4.0, 4.0, 5.0]).unwrap();
/// assert_eq!(m, 3.75);
/// assert!((sd - 1.258_305_739).abs() < 1e-9);
/// ```
pub fn mean_sd(values: &[f64]) -> Option<(f64, f64)> {
    if values.is_empty() {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let sd = if values.len() < 2 {
        0.0
    } else {
        (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
    };
    Some((mean, sd))
}

/// Sample variance (divisor n − 1), `None` for fewer than two values.
pub fn sample_variance(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    Some(values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0))
}

/// The Wilson score interval for `successes` out of `n` at normal quantile `z`, clamped to
/// `[0, 1]`. `None` when `n` is zero, `successes > n`, or `z` is not a finite non-negative number.
///
/// ```
/// let (lo, hi) = huzhu::scoring::stats::wilson_interval(18, 30, 1.96).unwrap();
/// assert!((lo - 0.4232).abs() < 1e-4 && (hi - 0.7541).abs() < 1e-4);
/// ```
pub fn wilson_interval(successes: u64, n: u64, z: f64) -> Option<(f64, f64)> {
    if n == 0 || successes > n || !z.is_finite() || z < 0.0 {
        return None;
    }
    let nf = n as f64;
    let p = successes as f64 / nf;
    let z2 = z * z;
    let denom = 1.0 + z2 / nf;
    let centre = (p + z2 / (2.0 * nf)) / denom;
    let half = z / denom * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// The `pct`-th percentile of an ascending slice by the *nearest-rank* method: the value at
/// 1-based rank ⌈pct × n / 100⌉ (at least rank 1). `pct` above 100 reads as 100. `None` for an
/// empty slice. The slice must be sorted ascending.
///
/// ```
/// use huzhu::scoring::stats::percentile;
/// let v = [15, 20, 35, 40, 50];
/// assert_eq!(percentile(&v, 50), Some(35)); // rank ⌈2.5⌉ = 3
/// assert_eq!(percentile(&v, 90), Some(50)); // rank ⌈4.5⌉ = 5
/// assert_eq!(percentile(&v, 0), Some(15));
/// ```
pub fn percentile(sorted: &[i64], pct: u32) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len() as u64;
    let pct = u64::from(pct.min(100));
    let rank = (pct * n).div_ceil(100).max(1);
    sorted.get((rank - 1) as usize).copied()
}

/// The Gini coefficient of non-negative counts (0: all equal; near 1: one holds nearly all),
/// `None` when they sum to zero: `2 Σ i·x₍ᵢ₎ / (n Σ x) − (n + 1) / n` over the counts sorted
/// ascending, `i` from 1, exact in integers until the last division.
///
/// ```
/// use huzhu::scoring::stats::gini;
/// assert_eq!(gini(&[0, 0, 0, 4]), Some(0.75)); // 2·16/(4·4) − 5/4
/// assert_eq!(gini(&[3, 3, 3]), Some(0.0));
/// assert_eq!(gini(&[3, 1]), Some(0.25)); // 2·(1 + 6)/(2·4) − 3/2
/// assert_eq!(gini(&[0, 0]), None);
/// assert_eq!(gini(&[]), None);
/// ```
pub fn gini(counts: &[u32]) -> Option<f64> {
    let mut x: Vec<u64> = counts.iter().map(|&c| u64::from(c)).collect();
    x.sort_unstable();
    let n = x.len() as u128;
    let total: u128 = x.iter().map(|&c| u128::from(c)).sum();
    if total == 0 {
        return None;
    }
    let weighted: u128 = x
        .iter()
        .enumerate()
        .map(|(i, &c)| (i as u128 + 1) * u128::from(c))
        .sum();
    let num = 2 * weighted as i128 - ((n + 1) * total) as i128;
    Some(num as f64 / (n * total) as f64)
}

/// Cronbach's alpha of a multi-item scale: one row per respondent, one column per item.
///
/// α = k / (k − 1) × (1 − Σ var(item) / var(total)), with sample variances. `None` with fewer than
/// two items or two respondents, rows of unequal length, or no variance in the totals.
///
/// ```
/// let rows = [vec![4.0, 5.0], vec![2.0, 3.0], vec![3.0, 3.0]];
/// let a = huzhu::scoring::stats::cronbach_alpha(&rows).unwrap();
/// assert!((a - 0.923_076_9).abs() < 1e-6);
/// ```
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let k = rows.first()?.len();
    if k < 2 || rows.len() < 2 || rows.iter().any(|r| r.len() != k) {
        return None;
    }
    let mut item_var = 0.0;
    for i in 0..k {
        let col: Vec<f64> = rows.iter().map(|r| r[i]).collect();
        item_var += sample_variance(&col)?;
    }
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let total_var = sample_variance(&totals)?;
    if total_var <= 0.0 || !total_var.is_finite() {
        return None;
    }
    let kf = k as f64;
    Some(kf / (kf - 1.0) * (1.0 - item_var / total_var))
}
