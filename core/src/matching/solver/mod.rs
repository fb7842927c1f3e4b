//! Exact min-cost flow solvers (network simplex, successive shortest paths) and `verify`.
