//! The `assign` format (being written).
