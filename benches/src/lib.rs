//! `huzhu-benches`: criterion benches, the `huzhu-solve` tool and comparison scripts.
