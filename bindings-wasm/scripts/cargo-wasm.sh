#!/usr/bin/env bash
# Runs cargo for wasm32-unknown-unknown with the toolchain setup.sh found:
#   rustup mode: the rustup target;  debian mode: Debian's rustc-web + -Zbuild-std, linked by rust-lld.
# usage: cargo-wasm.sh build|test ARGS...   (target dir: $CARGO_TARGET_DIR when set, else target/wasm)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
env_file="$root/target/wasm/toolchain.env"
[ -f "$env_file" ] || bash "$root/bindings-wasm/scripts/setup.sh"
# shellcheck disable=SC1090
. "$env_file"
cmd="$1"; shift
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/wasm}"
if [ "${HUZHU_WASM_MODE:-rustup}" = debian ]; then
  export RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc
  [ -n "${HUZHU_WASM_LINKER:-}" ] && export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$HUZHU_WASM_LINKER"
  exec /usr/bin/cargo "$cmd" --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort "$@"
else
  exec cargo "$cmd" --target wasm32-unknown-unknown "$@"
fi
