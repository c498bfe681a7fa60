#!/usr/bin/env bash
# Installs Emmett's stores, the event store benchmark's point of comparison, beside the
# repository (under the ignored .cache/bench/emmett): they cannot be devDependencies here (see
# the header of event-store-emmett.ts). Idempotent; quick once installed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
target="$root/.cache/bench/emmett"

install() { # dir, packages…
  local dir="$target/$1"; shift
  if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$*" ]; then return 0; fi
  echo "[bench] installing $* into $dir" >&2
  mkdir -p "$dir"
  # sqlite3 (emmett-sqlite's driver) builds its native part on install: allow just that.
  echo '{ "private": true, "allowScripts": { "sqlite3": true } }' >"$dir/package.json"
  npm --prefix "$dir" install --no-audit --no-fund "$@" >&2
  echo "$*" >"$dir/.installed"
}

install postgresql @event-driven-io/emmett@0.42.0 @event-driven-io/emmett-postgresql@0.42.0
install sqlite @event-driven-io/emmett@0.38.5 @event-driven-io/emmett-sqlite@0.38.5
