#!/usr/bin/env bash
# Stops the local servers that up.sh started. Their data stays under .cache/infra.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=(ferretdb kafka postgres)
for server in "${servers[@]}"; do bash "$here/$server.sh" down; done
