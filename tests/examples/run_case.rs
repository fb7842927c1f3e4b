//! Prints `run_case` of a fixture file: `cargo run -p huzhu-conformance --example run_case FILE`.
//! For reviewing a draft case by hand; never paste its output into `expected` unchecked.

fn main() {
    let path = std::env::args().nth(1).expect("usage: run_case FILE");
    let text = std::fs::read_to_string(path).expect("readable file");
    println!("{}", huzhu_conformance::run_case(&text));
}
