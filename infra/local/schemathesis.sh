#!/usr/bin/env bash
# Makes sure schemathesis (PyPI), the property-based OpenAPI tester, is installed in a virtual
# environment of its own and prints the path of its command. The OpenAPI test
# (services/standalone/src/openapi.schemathesis.e2e.spec.ts) runs it against /docs-json; CI calls
# this script during set-up. The venv is cached under .cache/infra/schemathesis: the first run
# installs (about 10 s), later runs only check the pinned version. A lock keeps parallel callers
# from installing twice.
set -euo pipefail

VERSION=4.32.5

log() { echo "[schemathesis] $*" >&2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
infra_dir=$(realpath -m "${LASTRI_INFRA_DIR:-$here/../../.cache/infra}")
venv="$infra_dir/schemathesis/venv"
command="$venv/bin/schemathesis"

installed() { [ -x "$command" ] && [ "$("$command" --version 2>/dev/null)" = "schemathesis, version $VERSION" ]; }

if ! installed; then
  command -v python3 >/dev/null || { log "python3 is needed to install schemathesis"; exit 3; }
  mkdir -p "$infra_dir/schemathesis"
  exec 9>"$infra_dir/schemathesis/install.lock"
  flock 9
  if ! installed; then
    log "installing schemathesis $VERSION into $venv"
    rm -rf "$venv"
    if ! python3 -m venv "$venv" >&2; then
      log "python3 -m venv failed: install the python3-venv package (apt-get install python3-venv)"
      exit 3
    fi
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION" >&2
  fi
  installed || { log "schemathesis $VERSION did not install"; exit 1; }
fi
echo "$command"
