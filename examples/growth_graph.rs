//! Writes one generated graph of the growth table to stdout, for profiling:
//! cargo run --release --example growth_graph -- 3200 [clustered]
#[path = "../benches/growth_graphs.rs"]
mod growth_graphs;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(400);
    let clustered = args.get(2).is_some_and(|a| a == "clustered");
    if args.get(1).is_some_and(|a| a == "deep") {
        print!("{}", growth_graphs::deep(args.get(2).and_then(|v| v.parse().ok()).unwrap_or(200)));
        return;
    }
    print!("{}", growth_graphs::layered(n, clustered, 7));
}
