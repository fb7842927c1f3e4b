//! `huzhu-wasm`: the WebAssembly bindings of huzhu (wasm-bindgen). An empty shell that
//! builds; the browser package issue fills it in.
