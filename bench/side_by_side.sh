#!/bin/sh
# Alternates `recurrent bench` and bench/pytorch_reference.py on the workloads of docs/benchmarks.md, round after round,
# printing one JSON line per run (a shared machine is noisy: compare medians over rounds, taken in the same session).
# Usage: bench/side_by_side.sh ROUNDS [RECURRENT_BINARY] [PYTHON]   (run from the repository root after a Release build)
set -eu
rounds=${1:-3}
ours=${2:-src/Recurrent.Cli/bin/Release/net10.0/recurrent}
python=${3:-/usr/bin/python3}
one() { tr -d '\n ' ; echo; }
for round in $(seq 1 "$rounds"); do
  for model in lstm gru rnn; do
    for hidden in 128 512; do
      steps=10; [ "$hidden" = 512 ] && steps=5
      for threads in 2 1; do
        printf '{"round":%s,"side":"ours",' "$round"; "$ours" bench --model $model --hidden $hidden --steps $steps --threads $threads --json | one | cut -c2-
      done
      printf '{"round":%s,"side":"pytorch",' "$round"; "$python" bench/pytorch_reference.py --model $model --hidden $hidden --steps $steps --threads 2 --json | one | cut -c2-
    done
  done
  printf '{"round":%s,"side":"ours",' "$round"; "$ours" bench sample --json | one | cut -c2-
  printf '{"round":%s,"side":"pytorch",' "$round"; "$python" bench/pytorch_reference.py sample --threads 2 --json | one | cut -c2-
done
