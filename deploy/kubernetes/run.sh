#!/usr/bin/env bash
# Runs a sharded clvsim study on Kubernetes: the Indexed Job of shards, then — once every index
# has completed — the merge Job. Kubernetes has no job dependencies, so this script waits.
#
#   deploy/kubernetes/run.sh [NAMESPACE]
# Needs kubectl, the volume (volume.yaml) holding the study, and the image (deploy/Containerfile).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NS=(--namespace "${1:-default}")
kubectl "${NS[@]}" apply -f "$HERE/volume.yaml"
kubectl "${NS[@]}" delete job clvsim-shards clvsim-merge --ignore-not-found
kubectl "${NS[@]}" apply -f "$HERE/shards.yaml"
kubectl "${NS[@]}" wait --for=condition=complete --timeout="${TIMEOUT:-24h}" job/clvsim-shards
kubectl "${NS[@]}" apply -f "$HERE/merge.yaml"
kubectl "${NS[@]}" wait --for=condition=complete --timeout="${TIMEOUT:-24h}" job/clvsim-merge
kubectl "${NS[@]}" logs job/clvsim-merge
