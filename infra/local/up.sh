#!/usr/bin/env bash
# Starts the three servers LASTRI's tests use — PostgreSQL, Kafka (KRaft), FerretDB — on
# loopback, installing and building what is missing (cached under .cache/infra), and prints
# their endpoints as KEY=value lines. Idempotent; concurrent callers wait on one lock.
# Usage: up.sh [postgres] [kafka] [ferretdb]   (default: all three)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
state_root="${LASTRI_INFRA_DIR:-$here/../../.cache/infra}"
mkdir -p "$state_root"

servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=(postgres kafka ferretdb)

exec 9>"$state_root/up.lock"
flock 9

# Started side by side: the cold run is dominated by Kafka's jar download and FerretDB's Go
# build, which do not compete much for the same resource.
out_dir=$(mktemp -d)
trap 'rm -rf "$out_dir"' EXIT
pids=()
for server in "${servers[@]}"; do
  # 9>&-: a server started here must not inherit the lock, or it holds it for as long as it
  # runs and every later up.sh waits forever (PostgreSQL's postmaster did).
  bash "$here/$server.sh" up >"$out_dir/$server.out" 9>&- &
  pids+=("$!")
done

failed=()
for i in "${!servers[@]}"; do
  wait "${pids[$i]}" || failed+=("${servers[$i]}")
done

for server in "${servers[@]}"; do cat "$out_dir/$server.out"; done
if [ ${#failed[@]} -gt 0 ]; then
  echo "infra: could not start: ${failed[*]} (see the messages above)" >&2
  exit 1
fi
