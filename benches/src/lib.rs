//! `huzhu-benches`: criterion benches, the `huzhu-solve` tool and comparison scripts.
//!
//! The library part holds the file formats the solve tool reads ([`formats`]) and the one-line
//! JSON report it prints ([`report`]).

pub mod formats;
pub mod report;
