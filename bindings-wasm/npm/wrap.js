// Wraps the wasm-bindgen exports so that a Rust panic (a trap after the panic hook ran) reaches
// JavaScript as a HuzhuError with code INTERNAL_PANIC and the panic message, never as a bare
// `RuntimeError: unreachable`; and so that the glue's own check of a class argument (a plain
// `Error: expected instance of Community`) is a TypeError. Errors the Rust side throws on
// purpose (HuzhuError with a `code`) pass through unchanged.

const PANIC_GLOBAL = "__huzhuLastPanic";

function convert(e) {
  if (typeof WebAssembly !== "undefined" && e instanceof WebAssembly.RuntimeError) {
    const panic = globalThis[PANIC_GLOBAL];
    delete globalThis[PANIC_GLOBAL];
    const err = new Error(
      panic ? `internal error (Rust panic): ${panic}` : `internal error: ${e.message}`,
      { cause: e },
    );
    err.name = "HuzhuError";
    err.code = "INTERNAL_PANIC";
    return err;
  }
  if (e instanceof Error && e.constructor === Error && /^expected instance of \w+$/.test(e.message)) {
    return new TypeError(e.message, { cause: e });
  }
  return e;
}

function guard(fn) {
  const wrapped = function (...args) {
    try {
      return fn.apply(this, args);
    } catch (e) {
      throw convert(e);
    }
  };
  Object.defineProperty(wrapped, "name", { value: fn.name });
  return wrapped;
}

function wrapMembers(target) {
  for (const name of Object.getOwnPropertyNames(target)) {
    if (name === "constructor" || name === "prototype" || name === "length" || name === "name" || name.startsWith("__")) continue;
    const d = Object.getOwnPropertyDescriptor(target, name);
    if (!d || !d.configurable) continue;
    if (typeof d.value === "function") {
      Object.defineProperty(target, name, { ...d, value: guard(d.value) });
    } else if (d.get) {
      Object.defineProperty(target, name, { ...d, get: guard(d.get), set: d.set && guard(d.set) });
    }
  }
}

/** Returns the module's exports with every function, method and getter guarded. */
export function wrapModule(raw) {
  const out = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === "function" && /^[A-Z]/.test(name) && value.prototype) {
      wrapMembers(value);
      wrapMembers(value.prototype);
      // `new` too: a proxy whose construct trap converts errors (the proxy forwards
      // `prototype` and statics, so objects the glue creates are instances of the export).
      out[name] = new Proxy(value, {
        construct(target, args, newTarget) {
          try {
            return Reflect.construct(target, args, newTarget);
          } catch (e) {
            throw convert(e);
          }
        },
      });
    } else if (typeof value === "function" && name !== "default" && !name.startsWith("__") && name !== "initSync") {
      out[name] = guard(value);
    } else {
      out[name] = value;
    }
  }
  return out;
}
