#!/usr/bin/env bash
# The minute-long concurrency run: one loaded model predicting from 8 threads for RECURRENT_SOAK_SECONDS (60 by
# default here, 2 in the test suite); every answer must equal the serial one and the managed heap must not grow.
# Usage: tools/concurrency-soak.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
export RECURRENT_SOAK_SECONDS="${1:-60}"
dotnet test tests/Recurrent.Tests -c Release --filter "FullyQualifiedName~ConcurrencyTests" \
  --logger "console;verbosity=detailed" | grep -E "predictions|Passed!|Failed!|Failed Recurrent"
