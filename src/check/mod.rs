//! `check`: parse and lay out every diagram under some paths and report.
