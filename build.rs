//! The binary is linked as a fixed-address executable (not PIE) on Linux:
//! a PIE's 22,000 relative relocations are applied at every start, which
//! with the page faults they cause was a fifth of drawing a small diagram
//! (2.2 ms -> 1.7 ms of CPU per process). Only the binary; the library,
//! tests and the Python extension are built as before.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
