//! `huzhu-py`: the Python bindings of huzhu (PyO3). An empty shell that builds;
//! the Python package issue fills it in.
