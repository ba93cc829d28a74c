#!/usr/bin/env bash
# Builds and runs the OpenBLAS peer of `recurrent bench gemm` (Debian's libopenblas, 2 threads by default).
# Usage: bench/openblas/run.sh [repeats] [MxKxN ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -e /usr/include/x86_64-linux-gnu/cblas.h ] && [ ! -e /usr/include/cblas.h ]; then
    apt-get install -y libopenblas-dev >/dev/null || { apt-get update >/dev/null && apt-get install -y libopenblas-dev >/dev/null; }
fi
out="${TMPDIR:-/tmp}/recurrent-openblas-gemm-bench"
gcc -O2 -o "$out" "$here/gemm_bench.c" -lopenblas
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-2}"
echo "OpenBLAS $(dpkg-query -W -f='${Version}' libopenblas0-pthread 2>/dev/null || echo '?'), OPENBLAS_NUM_THREADS=$OPENBLAS_NUM_THREADS"
"$out" "$@"
