#!/bin/sh
# Rebuild lib/llm/cpu/kernels/kernels.wasm (SIMD128) and kernels-relaxed.wasm (+ relaxed SIMD's int8 dot), both
# committed, from the C sources with Debian's clang-16 + wasm-ld-16 (clang 16 is the first with the relaxed dot).
# Usage: build-kernels.sh [OUT_DIR] (default: beside the sources). Shared memory is imported (one
# WebAssembly.Memory for the caller and every helper thread).
set -eu
cd "$(dirname "$0")/../lib/llm/cpu/kernels"
CLANG=${CLANG:-clang-16}
WASM_LD=${WASM_LD:-wasm-ld-16}
OUT=${1:-.}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFLAGS="--target=wasm32 -O3 -msimd128 -matomics -mbulk-memory -mmutable-globals -nostdlib -fno-builtin-memcpy"
RELAXED="-mrelaxed-simd -DRELAXED"
LDFLAGS="--no-entry --import-memory --shared-memory --max-memory=4294967296 -z stack-size=65536 --export=__heap_base --export=__stack_pointer"
build() { # name, extra clang flags
  for f in repack matmul ops; do
    "$CLANG" $CFLAGS $2 -c "$f.c" -o "$TMP/$f.o"
  done
  "$WASM_LD" $LDFLAGS -o "$OUT/$1" "$TMP"/repack.o "$TMP"/matmul.o "$TMP"/ops.o
}
build kernels.wasm ""
build kernels-relaxed.wasm "$RELAXED"
# What built them, kept beside them (build.test.ts checks the record with the builds).
{
  echo "compiler: $("$CLANG" --version | head -n 1)"
  echo "linker: $("$WASM_LD" --version | head -n 1)"
  echo "compile: $CFLAGS (kernels-relaxed.wasm: + $RELAXED)"
  echo "link: $LDFLAGS"
} > "$OUT/kernels.build.txt"
