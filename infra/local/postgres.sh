#!/usr/bin/env bash
# A PostgreSQL server for development and tests, from Debian's packages, on loopback.
# Its cluster lives under the ignored cache folder, apart from any system cluster, so tests can
# create and drop databases freely. Usage: postgres.sh up|down|env|status
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state_dir="${LASTRI_INFRA_DIR:-$repo_root/.cache/infra}/postgres"
data_dir="$state_dir/data"
socket_dir="$state_dir/run"
log_file="$state_dir/postgres.log"
port="${LASTRI_POSTGRES_PORT:-55432}"
user=lastri
password=lastri
database=lastri

log() { echo "[postgres] $*" >&2; }

endpoint() { echo "POSTGRES_URL=postgres://$user:$password@127.0.0.1:$port/$database"; }

# The newest server installed by Debian's postgresql packages.
pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}

install_server() {
  pg_bin_dir >/dev/null && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL is not installed and this user cannot install it: run 'apt-get install postgresql' as root."
    exit 3
  fi
  log "installing PostgreSQL from Debian packages"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

# PostgreSQL refuses to run as root: as root we run it as the package's own 'postgres' user.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

server_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }

init_cluster() {
  [ -f "$data_dir/PG_VERSION" ] && return 0
  log "creating a cluster in $data_dir"
  mkdir -p "$data_dir" "$socket_dir"
  chown -R "$(server_user)" "$state_dir"
  local pwfile="$state_dir/.pwfile"
  echo "$password" >"$pwfile"
  chown "$(server_user)" "$pwfile"
  as_server_user "$(pg_bin_dir)/initdb" -D "$data_dir" -U "$user" --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >&2
  rm -f "$pwfile"
  cat >>"$data_dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$socket_dir'
max_connections = 300
shared_buffers = 128MB
fsync = on
log_min_messages = warning
CONF
}

is_running() {
  [ -n "$(pg_bin_dir)" ] && as_server_user "$(pg_bin_dir)/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

wait_until_ready() {
  local i
  for i in $(seq 1 60); do
    if "$(pg_bin_dir)/pg_isready" -q -h 127.0.0.1 -p "$port"; then return 0; fi
    sleep 0.5
  done
  log "PostgreSQL did not answer on port $port; last lines of $log_file:"
  tail -n 20 "$log_file" >&2 || true
  exit 1
}

ensure_database() {
  local exists
  exists=$(as_server_user "$(pg_bin_dir)/psql" -h "$socket_dir" -p "$port" -U "$user" -d postgres -tAc \
    "select 1 from pg_database where datname = '$database'")
  [ "$exists" = 1 ] || as_server_user "$(pg_bin_dir)/createdb" -h "$socket_dir" -p "$port" -U "$user" "$database"
}

up() {
  install_server
  init_cluster
  if ! is_running; then
    log "starting on 127.0.0.1:$port"
    touch "$log_file" && chown "$(server_user)" "$log_file"
    as_server_user "$(pg_bin_dir)/pg_ctl" -D "$data_dir" -l "$log_file" -o "-p $port" -w start >&2
  fi
  wait_until_ready
  ensure_database
  endpoint
}

down() {
  if is_running; then
    log "stopping"
    as_server_user "$(pg_bin_dir)/pg_ctl" -D "$data_dir" -m fast -w stop >&2
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env) endpoint ;;
  status) is_running ;;
  *) echo "usage: $0 up|down|env|status" >&2; exit 2 ;;
esac
