//! Sorting and collecting on cold paths (reports, records, imports) with one shared copy of the
//! code.
//!
//! Every `sort_by_key` call site and every `collect()` into a `BTreeMap` or `BTreeSet` (which
//! sorts its input) instantiates the standard stable sort anew, about 4 KB of wasm each; the
//! browser package had thirty-odd. These helpers keep the standard sort but run it once, on
//! indices with the comparison behind a `dyn`, and fill maps and sets by insertion. Hot paths
//! (the matcher's candidate lists, the solvers) keep their own specialised sorts.

use std::cmp::Ordering;

/// Sorts stably by `cmp`, like [`slice::sort_by`].
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_indices(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts stably by a key, like [`slice::sort_by_key`].
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts stably, like [`slice::sort`].
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Collects by inserting one item at a time: for a `BTreeMap`, `BTreeSet` or JSON object the
/// same result as `collect` (later pairs replace earlier ones with the same key), without the
/// sort `collect` runs first.
pub fn collect<C: Default + Extend<T>, T>(items: impl IntoIterator<Item = T>) -> C {
    let mut c = C::default();
    c.extend(items);
    c
}

/// The one instantiation of the standard sort: `0..n` ordered by `cmp`, stably.
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Rearranges `v` so that position `i` holds what was at `order[i]`, following each cycle of
/// the permutation with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        if order[start] == DONE {
            continue;
        }
        let mut i = start;
        loop {
            let j = order[i];
            order[i] = DONE;
            if j == start {
                break;
            }
            v.swap(i, j);
            i = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        // (key, original position): equal keys must keep their order.
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(
            v,
            vec![(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
    }

    #[test]
    fn agrees_with_the_standard_sort_on_every_permutation_of_five() {
        // All 5! orders of a list with repeated keys, against slice::sort_by_key.
        let base = [2u8, 0, 2, 1, 0];
        let mut perm = [0usize, 1, 2, 3, 4];
        let mut count = 0;
        loop {
            let items: Vec<(u8, usize)> = perm.iter().map(|&i| (base[i], i)).collect();
            let mut ours = items.clone();
            let mut std = items;
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std);
            count += 1;
            // Next permutation (lexicographic).
            let Some(k) = (0..4).rev().find(|&k| perm[k] < perm[k + 1]) else {
                break;
            };
            let l = (k + 1..5).rev().find(|&l| perm[k] < perm[l]).unwrap();
            perm.swap(k, l);
            perm[k + 1..].reverse();
        }
        assert_eq!(count, 120);
    }

    #[test]
    fn collects_like_collect() {
        use std::collections::{BTreeMap, BTreeSet};
        let m: BTreeMap<_, _> = collect([(2, "b"), (1, "a"), (2, "c")]);
        assert_eq!(m.into_iter().collect::<Vec<_>>(), vec![(1, "a"), (2, "c")]);
        let s: BTreeSet<_> = collect([3, 1, 3, 2]);
        assert_eq!(s.into_iter().collect::<Vec<_>>(), vec![1, 2, 3]);
    }
}
