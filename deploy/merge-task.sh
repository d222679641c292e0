#!/usr/bin/env bash
# The merge after every shard of a clvsim study has finished (Slurm dependent job, Kubernetes
# merge Job, scripts/shard-local.sh): results JSON and report, byte-identical to a plain run.
#
#   SHARDS, PARTS, CLVSIM  as in shard-task.sh
#   OUT                    output folder: OUT/results.json and the report in OUT/report/
# clvsim merge refuses (exit 1, naming the part) when a shard is missing, duplicated, overlapping,
# from other inputs or settings, truncated or corrupted.
set -euo pipefail
: "${SHARDS:?set SHARDS to the number of shards}" "${PARTS:?set PARTS to the parts folder}" "${OUT:?set OUT to the output folder}"
CLVSIM=${CLVSIM:-clvsim}
# Every part of this split that exists: clvsim merge itself names a missing shard.
shopt -s nullglob
parts=("$PARTS"/part-*-of-"$SHARDS".clvpart)
if ((${#parts[@]} == 0)); then
  echo "merge-task.sh: no part files $PARTS/part-*-of-$SHARDS.clvpart" >&2
  exit 1
fi
mkdir -p "$OUT"
# shellcheck disable=SC2086  # MERGE_ARGS is a list of flags
exec "$CLVSIM" merge "${parts[@]}" --json "$OUT/results.json" --report "$OUT/report" ${MERGE_ARGS:-}
