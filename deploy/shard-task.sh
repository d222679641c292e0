#!/usr/bin/env bash
# One shard of a clvsim study: the launcher logic every scheduler runs (Slurm array task,
# Kubernetes Indexed Job pod, scripts/shard-local.sh). clvsim itself reads the shard index from
# SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX (`--shard auto/N`); this script only names the part.
#
#   STUDY        study file, relative to the working directory (the merge reads it from the same path)
#   SHARDS       number of shards N
#   PARTS        folder for the part files (shared between the tasks and the merge)
#   CLVSIM       the clvsim binary (default: clvsim on PATH)
#   CLVSIM_ARGS  extra `clvsim run` flags, the same for every shard (e.g. "--trials 100000 --sobol 2000")
# A task that fails can simply be run again: the same shard writes the same part, byte for byte.
set -euo pipefail
: "${STUDY:?set STUDY to the study file}" "${SHARDS:?set SHARDS to the number of shards}" "${PARTS:?set PARTS to the parts folder}"
CLVSIM=${CLVSIM:-clvsim}
INDEX=${SLURM_ARRAY_TASK_ID:-${JOB_COMPLETION_INDEX:-}}
if [[ -z "$INDEX" ]]; then
  echo "shard-task.sh: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set" >&2
  exit 2
fi
mkdir -p "$PARTS"
# shellcheck disable=SC2086  # CLVSIM_ARGS is a list of flags
exec "$CLVSIM" run "$STUDY" --shard "auto/$SHARDS" --out "$PARTS/part-$INDEX-of-$SHARDS.clvpart" --quiet ${CLVSIM_ARGS:-}
