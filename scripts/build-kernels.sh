#!/bin/sh
# Rebuild lib/llm/cpu/kernels/kernels.wasm (committed) from the C sources with Debian's clang 14 + wasm-ld.
# Shared memory is imported (one WebAssembly.Memory for the caller and every helper thread).
set -eu
cd "$(dirname "$0")/../lib/llm/cpu/kernels"
CLANG=${CLANG:-clang}
OUT=${1:-kernels.wasm}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for f in repack matmul ops; do
  "$CLANG" --target=wasm32 -O3 -msimd128 -matomics -mbulk-memory -mmutable-globals -nostdlib -fno-builtin-memcpy \
    -c "$f.c" -o "$TMP/$f.o"
done
wasm-ld --no-entry --import-memory --shared-memory --max-memory=4294967296 -z stack-size=65536 \
  --export=__heap_base --export=__stack_pointer -o "$OUT" "$TMP"/repack.o "$TMP"/matmul.o "$TMP"/ops.o
