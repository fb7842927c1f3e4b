//! `huzhu-conformance`: shared JSON fixtures that the Rust, Python and JS surfaces all run
//! and must agree on byte for byte. The conformance issue fills it in.
