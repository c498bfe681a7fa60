#!/usr/bin/env bash
# Local MongoDB stand-in: FerretDB v1 (MongoDB wire protocol) on the SQLite
# backend, listening on loopback only. No Docker and no MongoDB install are
# needed, just Go to build the small runner in ./ferretdb once.
#
# Usage: infra/local/ferretdb.sh up|down|env|status
#   up      build the runner if needed, start it in the background, wait until
#           it answers the MongoDB protocol, print MONGO_URL=... on stdout
#   down    stop it gracefully (idempotent)
#   env     print MONGO_URL=... on stdout
#   status  exit 0 if it is running and answering, non-zero otherwise
#
# Only the MONGO_URL line goes to stdout, so `eval "$(ferretdb.sh up)"` or
# `ferretdb.sh up >> "$GITHUB_ENV"`-style use works; all chatter is on stderr.
#
# Environment:
#   LASTRI_INFRA_DIR            state root (default <repo>/.cache/infra)
#   LASTRI_MONGO_PORT           TCP port on 127.0.0.1 (default 27117)
#   LASTRI_FERRETDB_LOG_LEVEL   debug|info|warn|error (default info)
#   LASTRI_FERRETDB_START_TIMEOUT  seconds to wait for readiness (default 60)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
RUNNER_SRC="$SCRIPT_DIR/ferretdb"

STATE_DIR="${LASTRI_INFRA_DIR:-$REPO_ROOT/.cache/infra}/ferretdb"
# Absolute, because the binary path doubles as the key for finding our
# process in /proc.
[[ "$STATE_DIR" == /* ]] || STATE_DIR="$PWD/$STATE_DIR"
BIN="$STATE_DIR/bin/ferretdb-runner"
# Hash of the runner's sources the binary was built from; a mismatch means
# the sources changed and the binary is stale.
HASH_FILE="$STATE_DIR/bin/ferretdb-runner.src-sha256"
DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
LOG_FILE="$LOG_DIR/ferretdb.log"
PID_FILE="$STATE_DIR/ferretdb.pid"
LOCK_FILE="$STATE_DIR/.lock"

PORT="${LASTRI_MONGO_PORT:-27117}"
ADDR="127.0.0.1:$PORT"
MONGO_URL="mongodb://$ADDR/"
LOG_LEVEL="${LASTRI_FERRETDB_LOG_LEVEL:-info}"
# The first `up` on a fresh machine compiles before this wait starts, so the
# wait itself only covers process start-up; keep it generous for slow CI.
START_TIMEOUT="${LASTRI_FERRETDB_START_TIMEOUT:-60}"
STOP_TIMEOUT=15

log() { printf 'ferretdb: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

print_env() { printf 'MONGO_URL=%s\n' "$MONGO_URL"; }

validate_port() {
  if ! [[ "$PORT" =~ ^[0-9]+$ ]] || ((PORT < 1 || PORT > 65535)); then
    die "LASTRI_MONGO_PORT must be a TCP port number, got '$PORT'"
  fi
}

# Serialise up/down so that parallel callers (e.g. several test targets
# starting at once) neither build twice nor start two servers.
take_lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$LOCK_FILE"
  flock 9
}

source_hash() {
  (cd "$RUNNER_SRC" && sha256sum go.mod go.sum main.go) | sha256sum | cut -d' ' -f1
}

require_go() {
  command -v go >/dev/null 2>&1 ||
    die "Go (>= 1.24) is required to build the FerretDB runner but 'go' is not on PATH; install Go (CI images have Go 1.26) and retry"
}

# Build only when the binary is missing or its sources changed, so a warm
# `up` never invokes the Go toolchain (and never touches the network).
# Sets REBUILT=1 when it built, so `up` can restart a server running the
# old binary.
REBUILT=0
ensure_built() {
  local want
  want=$(source_hash)
  if [[ -x "$BIN" && -f "$HASH_FILE" && "$(<"$HASH_FILE")" == "$want" ]]; then
    return 0
  fi

  require_go
  log "building runner (first run downloads Go modules and compiles SQLite; this can take a few minutes)"
  mkdir -p "$(dirname "$BIN")"
  local tmp="$BIN.tmp.$$"
  # GOWORK=off: never let a go.work elsewhere in the repo change the build.
  # -mod=readonly: go.mod/go.sum are committed complete; never rewrite them.
  # CGO_ENABLED=0: the SQLite driver is pure Go, so no C compiler is needed.
  # -buildvcs=false: no git metadata needed (and git may refuse the repo dir).
  if ! GOWORK=off CGO_ENABLED=0 go -C "$RUNNER_SRC" build \
    -mod=readonly -buildvcs=false -trimpath -o "$tmp" . >&2; then
    rm -f "$tmp"
    die "building the FerretDB runner failed (see Go output above)"
  fi
  mv -f "$tmp" "$BIN"
  printf '%s\n' "$want" >"$HASH_FILE"
  REBUILT=1
  log "built $BIN"
}

# Prints the pid of this state dir's server if one is running, whatever its
# port: it owns the data dir and pid file, so there is one per state dir.
# The pid file is checked
# against /proc so that a stale file whose pid was reused is ignored; if the
# file is missing (e.g. the server is still starting) fall back to scanning
# for our exact binary path.
server_pid() {
  local pid
  if [[ -f "$PID_FILE" ]]; then
    pid=$(<"$PID_FILE")
    if [[ "$pid" =~ ^[0-9]+$ ]] && is_our_process "$pid"; then
      printf '%s\n' "$pid"
      return 0
    fi
  fi
  local cmdline
  for cmdline in /proc/[0-9]*/cmdline; do
    pid=${cmdline#/proc/}
    pid=${pid%/cmdline}
    if is_our_process "$pid"; then
      printf '%s\n' "$pid"
      return 0
    fi
  done
  return 1
}

# True if pid is this state dir's runner serving (not a -ping probe).
# Pure bash (no fork per process) since it may run over every pid.
is_our_process() {
  local -a argv
  { mapfile -d '' -t argv <"/proc/$1/cmdline"; } 2>/dev/null || return 1
  [[ "${argv[0]:-}" == "$BIN" ]] || return 1
  local arg
  for arg in "${argv[@]}"; do
    [[ "$arg" == -ping ]] && return 1
  done
  return 0
}

# Prints the -listen-addr a running server was started with.
server_addr() {
  local -a argv
  { mapfile -d '' -t argv <"/proc/$1/cmdline"; } 2>/dev/null || return 1
  local i
  for ((i = 1; i + 1 < ${#argv[@]}; i++)); do
    if [[ "${argv[i]}" == -listen-addr ]]; then
      printf '%s\n' "${argv[i + 1]}"
      return 0
    fi
  done
  return 1
}

# Fails if this state dir's server listens elsewhere than $ADDR (another
# LASTRI_MONGO_PORT): two servers must not share one data dir and pid file.
require_same_addr() {
  local pid=$1 addr
  addr=$(server_addr "$pid") || addr=unknown
  if [[ "$addr" != "$ADDR" ]]; then
    die "the server of $STATE_DIR is already running on $addr (pid $pid); stop it with '$0 down' or use another LASTRI_INFRA_DIR"
  fi
}

# A real MongoDB round trip (hello + ping via the Go driver inside the
# runner), not just an open port.
answers() {
  [[ -x "$BIN" ]] && "$BIN" -ping -listen-addr "$ADDR" -ping-timeout 2s 2>/dev/null
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

log_tail() {
  if [[ -f "$LOG_FILE" ]]; then
    log "last lines of $LOG_FILE:"
    tail -n 40 "$LOG_FILE" >&2
  fi
}

start_server() {
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  rm -f "$PID_FILE"
  # Keep the previous run's log for post-mortems, start a fresh one so the
  # tail shown on failure is about this start only.
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"

  # setsid + nohup: the server must outlive the calling shell and its
  # terminal. stdin/stdout/stderr are detached so that `$(ferretdb.sh up)`
  # does not hang waiting on an inherited pipe, and fd 9 (the lock) is
  # closed so the server does not hold the lock for its whole life.
  setsid nohup "$BIN" \
    -listen-addr "$ADDR" \
    -sqlite-dir "$DATA_DIR" \
    -log-level "$LOG_LEVEL" \
    -pid-file "$PID_FILE" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  local launched=$!
  log "started (pid $launched), logs in $LOG_FILE"
  wait_ready "$launched"
}

# Bounded wait until the server answers a MongoDB ping; fail fast if the
# process dies (e.g. port taken, bad data dir).
wait_ready() {
  local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if answers; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log_tail
      die "FerretDB exited during start-up"
    fi
    sleep 0.2
  done
  log_tail
  die "FerretDB did not answer on $ADDR within ${START_TIMEOUT}s (still running as pid $pid; run '$0 down' to stop it)"
}

cmd_up() {
  validate_port
  take_lock
  ensure_built

  local pid
  if ((REBUILT)) && pid=$(server_pid); then
    require_same_addr "$pid"
    log "runner was rebuilt; restarting the running server (pid $pid)"
    stop_server "$pid"
  fi

  if pid=$(server_pid); then
    require_same_addr "$pid"
    if answers; then
      log "already running (pid $pid)"
    else
      # Probably still starting (e.g. after a crash-restart); give it the
      # same bounded wait as a fresh start.
      log "running (pid $pid) but not answering yet; waiting"
      wait_ready "$pid"
    fi
  else
    if port_open; then
      die "port $PORT on 127.0.0.1 is already in use by another process; stop it or set LASTRI_MONGO_PORT"
    fi
    start_server
  fi
  log "ready at $MONGO_URL"
  print_env
}

# SIGTERM lets FerretDB close connections and the SQLite databases
# cleanly; SIGKILL only as a last resort.
stop_server() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "pid $pid did not stop within ${STOP_TIMEOUT}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  rm -f "$PID_FILE"
  log "stopped (pid $pid)"
}

cmd_down() {
  validate_port
  take_lock

  local pid
  if ! pid=$(server_pid); then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  stop_server "$pid"
}

cmd_status() {
  validate_port
  local pid
  if ! pid=$(server_pid); then
    log "not running"
    return 1
  fi
  (require_same_addr "$pid") || return 1
  if ! answers; then
    log "running (pid $pid) but not answering on $ADDR"
    return 2
  fi
  log "running (pid $pid) at $MONGO_URL"
}

main() {
  case "${1:-}" in
    up) cmd_up ;;
    down) cmd_down ;;
    env) validate_port && print_env ;;
    status) cmd_status ;;
    *)
      log "usage: $0 up|down|env|status"
      exit 64
      ;;
  esac
}

main "$@"
