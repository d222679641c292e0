#!/usr/bin/env bash
# Submits a sharded clvsim study to Slurm: a job array of N shard tasks, then a merge job that
# starts only when every task has succeeded (afterok). Run from the folder that holds the study,
# on a file system the compute nodes share (the parts and the merge read the same paths).
#
#   deploy/slurm/submit.sh N STUDY OUT [clvsim run flags...]
#   deploy/slurm/submit.sh 50 scenarios/retail-bank/study.yaml results/bank --trials 100000 --sobol 2000
#
# Environment: CLVSIM (binary, default clvsim on PATH), PARTS (default OUT/parts),
# SBATCH_ARGS (extra sbatch flags for both jobs, e.g. "--partition=batch --account=strategy").
set -euo pipefail
if (($# < 3)); then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
N=$1 STUDY=$2 OUT=$3
shift 3
if ! [[ "$N" =~ ^[1-9][0-9]*$ ]]; then echo "submit.sh: N must be a positive whole number, not '$N'" >&2; exit 2; fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PARTS=${PARTS:-$OUT/parts}
mkdir -p "$PARTS" "$OUT/logs"
# Slurm runs a copy of each batch script, so the tasks find the launchers through DEPLOY.
export STUDY SHARDS="$N" PARTS OUT CLVSIM="${CLVSIM:-clvsim}" CLVSIM_ARGS="$*" DEPLOY="$(dirname "$HERE")"
# --parsable prints the job id alone; --export=ALL hands the variables above to the tasks.
# shellcheck disable=SC2086  # SBATCH_ARGS is a list of flags
array=$(sbatch --parsable --export=ALL ${SBATCH_ARGS:-} --array="0-$((N - 1))" \
  --output="$OUT/logs/shard-%a.out" "$HERE/shard.sbatch")
array=${array%%;*}
# shellcheck disable=SC2086
merge=$(sbatch --parsable --export=ALL ${SBATCH_ARGS:-} --dependency="afterok:$array" \
  --output="$OUT/logs/merge.out" "$HERE/merge.sbatch")
echo "shards: job array $array (0-$((N - 1))); merge: job ${merge%%;*} after all of them"
echo "results: $OUT/results.json and $OUT/report/"
