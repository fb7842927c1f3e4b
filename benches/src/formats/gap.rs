//! The `gap` format (being written).
