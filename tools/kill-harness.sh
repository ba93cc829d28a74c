#!/usr/bin/env bash
# The long kill run: `recurrent train` and `recurrent classify train` are each SIGKILLed RECURRENT_KILLS times at
# random moments (150 each by default here, 300 in all; the test suite does 15 each), resumed after every kill, and
# must end with the weights of an uninterrupted run bit for bit, every checkpoint loading after every kill.
# Usage: tools/kill-harness.sh [kills-per-command]
set -euo pipefail
cd "$(dirname "$0")/.."
export RECURRENT_KILLS="${1:-150}"
dotnet test tests/Recurrent.Tests -c Release --filter "FullyQualifiedName~KillHarnessTests" \
  --logger "console;verbosity=detailed" | grep -E "kills|Passed!|Failed!|Failed Recurrent"
