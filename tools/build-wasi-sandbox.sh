#!/usr/bin/env bash
# Builds the WASI sandbox programs: every wasi-testsuite/sandbox/*.c to a WASI command module
# wasi-testsuite/sandbox/*.wasm. The .wasm files are committed, so the tests that run them
# (wasi-testsuite/sandbox/sandbox.test.ts) need no C toolchain; run this only after changing a
# program or sandbox.h.
#
# Needs (Debian 12):
#   apt-get update && apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32
#     clang                   clang 14, the compiler
#     lld                     wasm-ld, the linker clang uses for wasm32
#     wasi-libc               the wasm32-wasi sysroot: libc, crt1 (the _start of a command),
#                             and <wasi/api.h>, the raw preview1 calls the programs make
#     libclang-rt-dev-wasm32  compiler-rt builtins for wasm32
#   and node (checks each module's imports).
#
# Each program is a command (exports _start and memory) whose only imports are from
# wasi_snapshot_preview1. -O2; the name section is kept (function names in Wasm backtraces),
# DWARF is not. Warnings are errors.
#
# Idempotent: the same sources give the same bytes; an unchanged .wasm is not rewritten.
#
# Usage: tools/build-wasi-sandbox.sh [NAME...]     (default: every wasi-testsuite/sandbox/*.c)

set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/wasi-testsuite/sandbox"

CLANG="${CLANG:-clang}"
FLAGS=(--target=wasm32-wasi -O2 -std=c11 -Wall -Wextra -Werror -Wl,--strip-debug)

die() { echo "build-wasi-sandbox: $*" >&2; exit 1; }

command -v "$CLANG" >/dev/null || die "no $CLANG: apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32"
command -v wasm-ld >/dev/null || command -v wasm-ld-14 >/dev/null || die "no wasm-ld: apt-get install -y lld"
command -v node >/dev/null || die "no node"

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for src in "$dir"/*.c; do names+=("$(basename "$src" .c)"); done
fi
[ "${#names[@]}" -gt 0 ] || die "no programs in $dir"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for name in "${names[@]}"; do
  src="$dir/$name.c"
  [ -f "$src" ] || die "no $src"
  "$CLANG" "${FLAGS[@]}" "$src" -o "$tmp/$name.wasm" \
    || die "$name: the build failed (are lld, wasi-libc and libclang-rt-dev-wasm32 installed?)"
  # A command module importing nothing but WASI preview1.
  node --input-type=module -e '
    const bytes = (await import("node:fs")).readFileSync(process.argv[1]);
    const m = new WebAssembly.Module(bytes);
    const bad = WebAssembly.Module.imports(m).filter((i) => i.module !== "wasi_snapshot_preview1");
    const exports = WebAssembly.Module.exports(m).map((e) => e.name);
    if (bad.length > 0) throw new Error(`imports outside WASI: ${bad.map((i) => `${i.module}.${i.name}`)}`);
    if (!exports.includes("_start") || !exports.includes("memory")) throw new Error("not a WASI command");
  ' "$tmp/$name.wasm" || die "$name: unexpected imports or exports"
  if ! cmp -s "$tmp/$name.wasm" "$dir/$name.wasm"; then
    cp "$tmp/$name.wasm" "$dir/$name.wasm"
    echo "built $name.wasm ($(wc -c <"$dir/$name.wasm") bytes)"
  fi
done
echo "build-wasi-sandbox: ${#names[@]} program(s) up to date"
