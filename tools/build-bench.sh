#!/usr/bin/env bash
# Builds the benchmark programs: every bench/programs/*.c to bench/programs/*.wasm, and checks
# each Wasm checksum against native x86-64 builds of the same source. The .wasm files and
# bench/programs/checksums.json are committed, so running the benchmarks needs no C toolchain;
# run this only after changing a program.
#
# Needs (Debian 12):
#   apt-get update && apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32
#     clang                   clang 14, the compiler (also the native compiler for the check)
#     lld                     wasm-ld, the linker clang uses for wasm32
#     wasi-libc               the wasm32-wasi sysroot: headers, and memcpy/memset/memmove
#     libclang-rt-dev-wasm32  compiler-rt builtins for wasm32 (pulls in libclang-rt-14-dev-wasm32)
#   and node (runs bench/programs/check.mjs on the .wasm files). gcc, if present, is used as a
#   second native compiler. wabt (wasm-objdump, wasm2wat) is handy to inspect the output.
#
# Each program is a module with no imports (WASI is not used) exporting `run`, which returns the
# checksum. Compiled with --target=wasm32-wasi -O2; Wasm flags for one program only go on a line
# "CFLAGS: ..." in its leading comment (bulkmem.c: -mbulk-memory, so memcpy/memset become
# memory.copy/memory.fill). The native builds define NATIVE, which gives each program a main()
# that prints its checksum; both sides use -ffp-contract=off so float results agree bit for bit.
#
# Idempotent: the same sources give the same bytes; an unchanged .wasm is not rewritten.
# On success it (re)writes bench/programs/checksums.json. Exits non-zero on any mismatch.
#
# Usage: tools/build-bench.sh [NAME...]     (default: every bench/programs/*.c)

set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/bench/programs"

CLANG="${CLANG:-clang}"
COMMON_FLAGS=(-O2 -std=c11 -Wall -Wextra -ffp-contract=off -fno-math-errno)
WASM_FLAGS=(--target=wasm32-wasi -nostartfiles -Wl,--no-entry -Wl,--export=run -Wl,--strip-debug)

die() { echo "build-bench: $*" >&2; exit 1; }

command -v "$CLANG" >/dev/null || die "no $CLANG: apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32"
command -v wasm-ld >/dev/null || command -v wasm-ld-14 >/dev/null || die "no wasm-ld: apt-get install -y lld"
command -v node >/dev/null || die "no node"

native_ccs=("$CLANG")
if command -v gcc >/dev/null; then native_ccs+=(gcc); fi

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for src in "$dir"/*.c; do names+=("$(basename "$src" .c)"); done
fi
[ "${#names[@]}" -gt 0 ] || die "no programs in $dir"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# 1. Compile: Wasm (into place if changed) and native (into the temporary folder).
for name in "${names[@]}"; do
  src="$dir/$name.c"
  [ -f "$src" ] || die "no $src"
  # Extra flags from a "CFLAGS: ..." line in the source's leading comment.
  read -r -a extra <<<"$(sed -n 's/^[ /*]*CFLAGS:\(.*\)$/\1/p' "$src" | head -n 1)"
  "$CLANG" "${WASM_FLAGS[@]}" "${COMMON_FLAGS[@]}" ${extra[@]+"${extra[@]}"} "$src" -o "$tmp/$name.wasm" \
    || die "$name: the Wasm build failed (are lld, wasi-libc and libclang-rt-dev-wasm32 installed?)"
  if ! cmp -s "$tmp/$name.wasm" "$dir/$name.wasm"; then
    cp "$tmp/$name.wasm" "$dir/$name.wasm"
    echo "built $name.wasm ($(wc -c <"$dir/$name.wasm") bytes)"
  fi
  for cc in "${native_ccs[@]}"; do
    "$cc" -DNATIVE "${COMMON_FLAGS[@]}" "$src" -o "$tmp/$name.$(basename "$cc")" -lm \
      || die "$name: the native build with $cc failed"
  done
done

# 2. Run: the Wasm builds in node (which also checks: no imports, run() exported, repeatable).
node "$dir/check.mjs" --json "${names[@]}" >"$tmp/wasm.json" || die "check.mjs failed on the .wasm files"

# 3. Compare the native checksums with the Wasm ones.
printf '%-12s %22s  %s\n' program 'checksum (wasm)' 'native'
status=0
: >"$tmp/native.tsv"
for name in "${names[@]}"; do
  wasm="$(node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(j[process.argv[2]] ?? "")' "$tmp/wasm.json" "$name")"
  line=""
  for cc in "${native_ccs[@]}"; do
    native="$("$tmp/$name.$(basename "$cc")")"
    if [ "$native" = "$wasm" ]; then
      line+=" $(basename "$cc"):ok"
    else
      line+=" $(basename "$cc"):MISMATCH($native)"
      status=1
    fi
  done
  [ -n "$wasm" ] || status=1
  printf '%-12s %22s %s\n' "$name" "$wasm" "$line"
done
[ "$status" -eq 0 ] || die "native and Wasm checksums differ; checksums.json not written"

# 4. Record the checksums (merged with the existing file when only some programs were built).
node -e '
  const fs = require("fs");
  const [file, fresh] = process.argv.slice(1);
  const old = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  const all = { ...old, ...JSON.parse(fs.readFileSync(fresh, "utf8")) };
  const sorted = Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]]));
  const text = JSON.stringify(sorted, null, 2) + "\n";
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) {
    fs.writeFileSync(file, text);
    console.log("wrote " + file);
  }
' "$dir/checksums.json" "$tmp/wasm.json"
echo "build-bench: ${#names[@]} program(s), native and Wasm checksums agree"
