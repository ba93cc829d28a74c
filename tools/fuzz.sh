#!/usr/bin/env bash
# The long fuzz run: every reader gets RECURRENT_FUZZ_CASES hostile inputs (10,000 by default here; the test suite
# runs 300 per reader). Prints one summary line per reader (inputs, read, refused, slowest, most allocated); an input
# that breaks a reader is saved under $TMPDIR/recurrent-fuzz-failures/ to be kept as a fixture.
# Usage: tools/fuzz.sh [cases]
set -euo pipefail
cd "$(dirname "$0")/.."
export RECURRENT_FUZZ_CASES="${1:-10000}"
dotnet test tests/Recurrent.Tests -c Release --filter "FullyQualifiedName~FuzzTests" \
  --logger "console;verbosity=detailed" | grep -E "inputs,|Passed!|Failed!|Failed Recurrent|saved as"
