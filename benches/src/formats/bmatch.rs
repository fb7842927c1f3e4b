//! The `bmatch` format (being written).
