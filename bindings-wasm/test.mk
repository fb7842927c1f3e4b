# The browser package's tests, included by the root Makefile (`make test` depends on test-wasm).
.PHONY: wasm-package wasm-bench wasm-demo wasm-size

test-wasm::
	@bash bindings-wasm/scripts/test.sh

# Just the package (bindings-wasm/pkg).
wasm-package:
	@bash bindings-wasm/scripts/setup.sh && bash bindings-wasm/scripts/build.sh

# Serve the demo on http://127.0.0.1:8080/demo/ (after wasm-package).
wasm-demo:
	node bindings-wasm/tests/browser/serve.mjs 8080

# wasm in Node against native on the bmatch instance and a 10k-resident district (not a test).
wasm-bench:
	@bash bindings-wasm/scripts/bench.sh

# What each area of the API adds to the package, gzipped (not a test).
wasm-size:
	@bash bindings-wasm/scripts/setup.sh && bash bindings-wasm/scripts/size-by-area.sh
