// A Rust panic reaches JS as a HuzhuError with code INTERNAL_PANIC and the panic message, not as
// `RuntimeError: unreachable`. (Own file: node:test runs each file in its own process, and a
// module that trapped should be reloaded.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { debugPanic } from "../../pkg/node.js";
import { throwsCode } from "./helpers.mjs";

test("a panic becomes INTERNAL_PANIC with its message", () => {
  const original = console.error;
  console.error = () => {};
  try {
    const e = throwsCode(() => debugPanic("boom"), "INTERNAL_PANIC");
    assert.match(e.message, /boom/);
    assert.ok(e.cause instanceof WebAssembly.RuntimeError);
  } finally {
    console.error = original;
  }
});
