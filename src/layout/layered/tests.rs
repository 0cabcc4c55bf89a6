//! Whole-pipeline tests on small graphs.
