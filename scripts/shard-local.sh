#!/usr/bin/env bash
# Runs a study as N shards on this machine, the way the schedulers do: N processes of
# deploy/shard-task.sh, each given its index in the variable a scheduler sets (SLURM_ARRAY_TASK_ID
# for even indices, JOB_COMPLETION_INDEX for odd ones, so both paths are exercised), then
# deploy/merge-task.sh once every shard has succeeded. The local proof of the Slurm and Kubernetes
# launchers (docs/scale-out.md); the tests run it.
#
#   scripts/shard-local.sh N [STUDY]
#
# Environment (as the launchers): CLVSIM (default .build/release/clvsim, else .build/debug/clvsim,
# else clvsim), CLVSIM_ARGS (flags for every shard, e.g. "--trials 2000 --threads 1"),
# PARTS (default OUT/parts), OUT (default .build/shard-local/<study folder>), MERGE_ARGS.
set -euo pipefail
if (($# < 1)) || ! [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export SHARDS=$1
export STUDY=${2:-${STUDY:-scenarios/retail-bank/study.yaml}}
if [[ -z "${CLVSIM:-}" ]]; then
  for c in "$ROOT/.build/release/clvsim" "$ROOT/.build/debug/clvsim"; do
    if [[ -x "$c" ]]; then CLVSIM=$c; break; fi
  done
fi
export CLVSIM=${CLVSIM:-clvsim}
export OUT=${OUT:-.build/shard-local/$(basename "$(dirname "$STUDY")")}
export PARTS=${PARTS:-$OUT/parts}
mkdir -p "$PARTS"
rm -f "$PARTS"/part-*-of-"$SHARDS".clvpart

pids=()
for ((i = 0; i < SHARDS; i++)); do
  if ((i % 2 == 0)); then
    env -u JOB_COMPLETION_INDEX SLURM_ARRAY_TASK_ID="$i" "$ROOT/deploy/shard-task.sh" &
  else
    env -u SLURM_ARRAY_TASK_ID JOB_COMPLETION_INDEX="$i" "$ROOT/deploy/shard-task.sh" &
  fi
  pids+=($!)
done
failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "shard-local.sh: shard $i/$SHARDS failed" >&2
    failed=1
  fi
done
# As Slurm's afterok: no merge unless every shard succeeded.
if ((failed)); then exit 1; fi
"$ROOT/deploy/merge-task.sh"
