//! Generalized Assignment Problem solver: construction, local search and a lower bound.
