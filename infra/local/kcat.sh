#!/usr/bin/env bash
# Makes sure kcat (Debian package kcat, the Kafka CLI formerly kafkacat) is installed and prints
# its path. Tests use it to read LASTRI topics the way a partner would, with no LASTRI code; CI
# calls it during set-up. Installs through apt-get when missing (needs root), under a lock so
# parallel callers do not run apt-get twice.
set -euo pipefail

log() { echo "[kcat] $*" >&2; }

find_kcat() { command -v kcat || command -v kafkacat || true; }

path=$(find_kcat)
if [ -z "$path" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "kcat is not installed and this user cannot install it: run 'apt-get install kcat' as root."
    exit 3
  fi
  if ! command -v apt-get >/dev/null; then
    log "kcat is not installed and there is no apt-get here: install kcat with this system's package manager."
    exit 3
  fi
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  lock_dir="${LASTRI_INFRA_DIR:-$here/../../.cache/infra}"
  mkdir -p "$lock_dir"
  exec 9>"$lock_dir/kcat.lock"
  flock 9
  path=$(find_kcat)
  if [ -z "$path" ]; then
    log "installing kcat from Debian packages"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kcat >&2
    path=$(find_kcat)
  fi
fi
[ -n "$path" ] || { log "kcat did not install"; exit 1; }
echo "$path"
