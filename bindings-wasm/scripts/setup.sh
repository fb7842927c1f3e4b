#!/usr/bin/env bash
# Installs what the browser package needs, when it is missing:
#   - a Rust toolchain that can build wasm32-unknown-unknown (rustup's target first; when that
#     cannot be downloaded, Debian's rustc-web + rust-web-src with -Zbuild-std),
#   - wasm-bindgen-cli at exactly the version the crate pins,
#   - node + npm, the npm dev dependencies (from the committed package-lock.json),
#   - Debian's chromium for the end-to-end browser test, and a CJK font (fonts-noto-cjk) so that
#     the demo page's Chinese renders as glyphs, not .notdef boxes (the test checks).
# Writes target/wasm/toolchain.env, which bindings-wasm/scripts/build.sh reads.
# Non-interactive: safe on CI (root, CI=true, no stdin).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' "$root/Cargo.toml")"
export DEBIAN_FRONTEND=noninteractive
need() { command -v "$1" >/dev/null 2>&1; }
sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; elif need sudo; then sudo -n "$@"; else "$@"; fi; }
apt_updated=0
apt_update() { sudo_ apt-get update -qq </dev/null; apt_updated=1; }
# Whether apt knows a version of every package to install (else the lists need an update).
apt_known() {
  local p
  for p in "$@"; do apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]' || return 1; done
}
# apt-get update only when needed: when a package is unknown, or an install fails on stale lists.
apt_install() {
  if ! need apt-get; then
    echo "setup: apt-get not available; please install: $*" >&2
    return 1
  fi
  if [ "$apt_updated" = 0 ] && ! apt_known "$@"; then apt_update; fi
  if sudo_ apt-get install -y -qq --no-install-recommends "$@" </dev/null; then return 0; fi
  [ "$apt_updated" = 0 ] || return 1
  apt_update
  sudo_ apt-get install -y -qq --no-install-recommends "$@" </dev/null
}
mkdir -p "$root/target/wasm"
envfile="$root/target/wasm/toolchain.env"

# 1. Rust for wasm32-unknown-unknown.
# HUZHU_WASM_ROUTE=debian skips rustup (to exercise the fallback on a machine where rustup works).
mode=""
if [ "${HUZHU_WASM_ROUTE:-}" = debian ]; then
  :
elif need rustup && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  mode=rustup
elif need rustup && timeout 20 rustup target add wasm32-unknown-unknown </dev/null >/dev/null 2>&1; then
  mode=rustup
fi
if [ -z "$mode" ]; then
  echo "setup: rustup cannot add wasm32-unknown-unknown here; using Debian's rustc-web with build-std"
  if [ ! -x /usr/bin/rustc ] || [ ! -x /usr/bin/cargo ] || ! ls -d /usr/lib/rustlib/src/rust/library >/dev/null 2>&1; then
    apt_install rustc-web cargo-web rust-web-src
  fi
  mode=debian
fi
linker=""
if [ "$mode" = debian ]; then
  # Debian's rustc has no wasm linker of its own; rustup's toolchain ships rust-lld, else lld.
  if need rustc; then
    cand="$(rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
    [ -x "$cand" ] && linker="$cand"
  fi
  if [ -z "$linker" ]; then
    need wasm-ld || need ld.lld || apt_install lld
    linker="$(command -v wasm-ld || command -v ld.lld)"
  fi
fi
{
  echo "HUZHU_WASM_MODE=$mode"
  echo "HUZHU_WASM_LINKER=$linker"
} >"$envfile"

# 2. wasm-bindgen-cli, exactly the crate's version.
if ! need wasm-bindgen || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" </dev/null
fi

# 3. node, npm, chromium.
if ! need node || ! need npm; then apt_install nodejs npm; fi
if ! need chromium && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium chromium-driver || echo "setup: no chromium; the browser test will be skipped" >&2
fi
# A CJK font for the demo page's Chinese (Chromium falls back to fontconfig's fonts;
# without one it draws boxes). Installed unless fontconfig already has a Chinese font.
if ! { need fc-list && fc-list :lang=zh family 2>/dev/null | grep -q .; }; then
  apt_install fonts-noto-cjk || echo "setup: no CJK font; the demo's Chinese will render as boxes and its test fail" >&2
fi

# 4. npm dev dependencies (playwright-core, typescript), pinned by package-lock.json.
cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "setup: ok (mode=$mode${linker:+, linker=$linker}, wasm-bindgen $WASM_BINDGEN_VERSION, node $(node --version))"
