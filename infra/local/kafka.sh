#!/usr/bin/env bash
# Local single-node Apache Kafka 4.x (KRaft: broker + controller in one JVM) on loopback,
# run straight from its Maven Central jars: no Docker, no tarball download.
#
#   infra/local/kafka.sh up       install jars if needed, format storage once, start, wait until ready;
#                                 prints exactly one line on stdout: KAFKA_BROKERS=127.0.0.1:<port>
#   infra/local/kafka.sh down     stop gracefully (SIGTERM, then SIGKILL after a timeout); idempotent
#   infra/local/kafka.sh env      print the KAFKA_BROKERS=... line
#   infra/local/kafka.sh status   exit 0 if the broker is running and answering, 1 otherwise
#   infra/local/kafka.sh tool CLASS [ARGS...]
#                                 run a Kafka CLI class with the broker's jars, e.g.
#                                 tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:29092 --list
#
# Environment:
#   LASTRI_INFRA_DIR               cache/state root (default <repo>/.cache/infra); Kafka uses <root>/kafka
#   LASTRI_KAFKA_PORT              PLAINTEXT listener on 127.0.0.1 (default 29092)
#   LASTRI_KAFKA_CONTROLLER_PORT   KRaft controller listener on 127.0.0.1 (default 29093)
#   LASTRI_KAFKA_HEAP_OPTS         broker heap (default "-Xms256m -Xmx512m")
#   LASTRI_KAFKA_START_TIMEOUT     seconds to wait for the broker to answer (default 90)
#   LASTRI_KAFKA_STOP_TIMEOUT      seconds to wait after SIGTERM before SIGKILL (default 30)
#
# Only the KAFKA_BROKERS line ever goes to stdout, so callers can `eval "$(kafka.sh up)"` or
# append it to a dotenv file; all progress goes to stderr.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
CONF_DIR=$SCRIPT_DIR/kafka

HOST=127.0.0.1
PORT=${LASTRI_KAFKA_PORT:-29092}
CONTROLLER_PORT=${LASTRI_KAFKA_CONTROLLER_PORT:-29093}
HEAP_OPTS=${LASTRI_KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}
START_TIMEOUT=${LASTRI_KAFKA_START_TIMEOUT:-90}
STOP_TIMEOUT=${LASTRI_KAFKA_STOP_TIMEOUT:-30}

# Everything downloaded or written at run time lives under ROOT (default inside the repo's
# git-ignored .cache/), so a `rm -rf .cache` is a full reset and nothing leaks into ~/.m2.
ROOT=${LASTRI_INFRA_DIR:-$REPO_ROOT/.cache/infra}/kafka
LIBS=$ROOT/libs
DATA=$ROOT/data
LOGS=$ROOT/logs
M2_REPO=$ROOT/m2
PID_FILE=$ROOT/kafka.pid
CLUSTER_ID_FILE=$ROOT/cluster.id
SERVER_PROPS=$ROOT/server.properties
POM=$CONF_DIR/pom.xml
POM_STAMP=$LIBS/.pom.sha256

JAVA=java

log() { printf '[kafka] %s\n' "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

brokers_line() { printf 'KAFKA_BROKERS=%s:%s\n' "$HOST" "$PORT"; }

# Absolute paths matter: the pid check matches the broker's command line against SERVER_PROPS,
# and the broker's cwd is ROOT, so a relative LASTRI_INFRA_DIR must not be resolved twice.
resolve_root() {
  mkdir -p "$ROOT"
  ROOT=$(cd "$ROOT" && pwd)
  LIBS=$ROOT/libs DATA=$ROOT/data LOGS=$ROOT/logs M2_REPO=$ROOT/m2
  PID_FILE=$ROOT/kafka.pid CLUSTER_ID_FILE=$ROOT/cluster.id SERVER_PROPS=$ROOT/server.properties
  POM_STAMP=$LIBS/.pom.sha256
}

# ---------------------------------------------------------------------------------------------
# Toolchain: CI starts from a fresh Debian machine as root, so install what is missing.
# ---------------------------------------------------------------------------------------------

apt_install() {
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install $*"
    sudo=(sudo)
  fi
  log "installing $* with apt-get"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

java_major() {
  # First line looks like: openjdk version "17.0.15" 2025-04-15  (or "1.8.0_392" for Java 8)
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }'
}

# Kafka 4 brokers need Java 17+. Prefer JAVA_HOME, then PATH, then Debian's JDK 17.
ensure_java() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    JAVA=$JAVA_HOME/bin/java
  elif command -v java >/dev/null 2>&1; then
    JAVA=$(command -v java)
  else
    apt_install openjdk-17-jdk-headless maven
    JAVA=$(command -v java)
  fi
  local major
  major=$(java_major "$JAVA")
  if [[ -z $major || $major -lt 17 ]]; then
    local jdk17
    jdk17=$(find_jdk17) || {
      apt_install openjdk-17-jdk-headless
      jdk17=$(find_jdk17)
    } || true
    [[ -n $jdk17 ]] || die "Kafka 4 needs Java 17+, found '$major' at $JAVA"
    JAVA=$jdk17
  fi
}

find_jdk17() {
  local candidate
  for candidate in /usr/lib/jvm/java-17-openjdk-*/bin/java; do
    [[ -x $candidate ]] && echo "$candidate" && return 0
  done
  return 1
}

ensure_maven() {
  command -v mvn >/dev/null 2>&1 || apt_install openjdk-17-jdk-headless maven
}

# ---------------------------------------------------------------------------------------------
# Jars: downloaded once per pom.xml content. The stamp holds the pom's hash, so editing the
# pom (e.g. a Kafka version bump) re-downloads; otherwise Maven is not even started.
# ---------------------------------------------------------------------------------------------

pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

jars_installed() { [[ -f $POM_STAMP && $(<"$POM_STAMP") == "$(pom_hash)" ]]; }

copy_jars() { # $1 = output dir, rest = extra mvn flags
  local out=$1
  shift
  # jansi.noreset: Debian's Maven 3.8 writes stray ANSI resets (ESC[0m) even with -B -q.
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q "$@" -f "$POM" -Dmaven.repo.local="$M2_REPO" \
    dependency:copy-dependencies -DoutputDirectory="$out"
}

install_jars() {
  jars_installed && return 0
  ensure_maven
  local tmp=$ROOT/libs.tmp.$$
  rm -rf "$tmp"
  # Offline first: if only libs/ was wiped, the Maven repo under ROOT still has everything.
  if copy_jars "$tmp" -o >/dev/null 2>&1; then
    log "jars restored from the local Maven cache ($M2_REPO)"
  else
    rm -rf "$tmp"
    log "downloading Kafka jars from Maven Central into $M2_REPO (first run only)"
    copy_jars "$tmp" >&2 || {
      rm -rf "$tmp"
      die "mvn dependency:copy-dependencies failed for $POM"
    }
  fi
  compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || die "no kafka_2.13 jar in $tmp"
  pom_hash >"$tmp/.pom.sha256"
  # Swap in atomically so a half-finished download never looks like a complete libs/.
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  local jars=("$LIBS"/*.jar) kafka_jar=("$LIBS"/kafka_2.13-*.jar)
  log "installed ${#jars[@]} jars (${kafka_jar[0]##*/}) into $LIBS"
}

# Runs a short-lived Kafka CLI class with the broker's jars. Small heap, client-JIT only and
# warnings-only logging on stderr: these are started a few times per `up`, startup time matters.
# An array rather than a function so that `timeout` can run it too.
tool_cmd() {
  TOOL=("$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$CONF_DIR/tools-log4j2.properties" -cp "$LIBS/*")
}
run_tool() {
  tool_cmd
  "${TOOL[@]}" "$@"
}

# ---------------------------------------------------------------------------------------------
# Config and storage
# ---------------------------------------------------------------------------------------------

# Regenerated on every start so port changes via env vars just work. A static voter set
# (controller.quorum.voters) is used rather than a dynamic one (--standalone +
# controller.quorum.bootstrap.servers): with a dynamic quorum the controller endpoint is baked
# into the formatted metadata log, so changing LASTRI_KAFKA_CONTROLLER_PORT later would break it.
write_config() {
  cat >"$SERVER_PROPS" <<EOF
# Generated by infra/local/kafka.sh on every 'up' -- edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA

num.partitions=3
default.replication.factor=1
auto.create.topics.enable=true
delete.topic.enable=true
group.initial.rebalance.delay.ms=0

# Single node: every internal topic must live with one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Dev box: keep the disk footprint bounded.
log.retention.hours=24
log.retention.bytes=1073741824
log.segment.bytes=104857600
EOF
}

# KRaft refuses to start on an unformatted log dir. Format exactly once, with a cluster id that
# is generated once and kept next to the data (so a re-format after wiping data/ keeps the id).
format_storage() {
  [[ -f $DATA/meta.properties ]] && return 0
  if [[ ! -s $CLUSTER_ID_FILE ]]; then
    run_tool kafka.tools.StorageTool random-uuid >"$CLUSTER_ID_FILE.tmp"
    mv "$CLUSTER_ID_FILE.tmp" "$CLUSTER_ID_FILE"
  fi
  local cluster_id
  cluster_id=$(tr -d '[:space:]' <"$CLUSTER_ID_FILE")
  log "formatting $DATA (cluster id $cluster_id)"
  # No --standalone / --initial-controllers: those are for dynamic quorums; with a static
  # controller.quorum.voters StorageTool rejects them.
  run_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$SERVER_PROPS" --ignore-formatted >&2
}

# ---------------------------------------------------------------------------------------------
# Process and readiness checks
# ---------------------------------------------------------------------------------------------

# A pid only counts if it is still our broker: pids get reused after reboots/container restarts.
is_our_broker() {
  local pid=$1 cmdline
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"kafka.Kafka $SERVER_PROPS"* ]]
}

# Prints the broker pid if it runs. Falls back to scanning /proc for our exact server.properties
# path in case the pid file was lost (e.g. someone wiped it while the broker kept running).
broker_pid() {
  local pid
  if [[ -f $PID_FILE ]]; then
    pid=$(<"$PID_FILE")
    if is_our_broker "$pid"; then
      echo "$pid"
      return 0
    fi
  fi
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    if is_our_broker "$pid"; then
      echo "$pid" >"$PID_FILE"
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# The default ports (29092/29093) lie below Linux's ephemeral range (32768-60999); a port chosen
# inside it is at risk: any outgoing connection may be given that port as its *local* port, and a
# client retrying it
# while nothing listens can even connect to itself (TCP self-connect). Either way the port stays
# taken (TIME_WAIT of a non-SO_REUSEADDR socket lasts 60s) and the broker dies at startup with
# "Address already in use". Hence: reserve our ports so the kernel never hands them out, never
# connect to a port nobody listens on, and wait for leftovers to clear before starting.

# Best effort (root, writable /proc/sys; per network namespace, until reboot). Opt out with
# LASTRI_KAFKA_RESERVE_PORTS=0.
reserve_ports() {
  local file=/proc/sys/net/ipv4/ip_local_reserved_ports current
  [[ ${LASTRI_KAFKA_RESERVE_PORTS:-1} != 0 && -w $file ]] || return 0
  current=$(<"$file") || return 0
  # Only ports inside the ephemeral range need it; the defaults lie below it, so by default this
  # machine-wide setting is left alone.
  local low high
  read -r low high </proc/sys/net/ipv4/ip_local_port_range || return 0
  in_range() { (($1 >= low && $1 <= high)); }
  in_range "$PORT" || in_range "$CONTROLLER_PORT" || return 0
  if ! port_reserved "$current" "$PORT" || ! port_reserved "$current" "$CONTROLLER_PORT"; then
    if echo "${current:+$current,}$PORT,$CONTROLLER_PORT" >"$file" 2>/dev/null; then
      log "reserved ports $PORT,$CONTROLLER_PORT in $file (kept out of the ephemeral range)"
    fi
  fi
}

port_reserved() { # $1 = comma separated list of ports and ranges, $2 = port
  local item items=()
  IFS=, read -ra items <<<"$1"
  for item in "${items[@]}"; do
    if [[ $item == *-* ]]; then
      ((${item%-*} <= $2 && $2 <= ${item#*-})) && return 0
    elif [[ -n $item ]]; then
      ((item == $2)) && return 0
    fi
  done
  return 1
}

# TCP states (hex, as in /proc/net/tcp*) of every socket whose local port is $1, one per line:
# 0A = LISTEN, 06 = TIME_WAIT, 01 = ESTABLISHED, ... Reading /proc needs no connect().
port_states() {
  local hex file
  hex=$(printf '%04X' "$1")
  for file in /proc/net/tcp /proc/net/tcp6; do
    [[ -r $file ]] || continue
    awk -v port="$hex" 'NR > 1 { split($2, a, ":"); if (a[2] == port) print $4 }' "$file"
  done
}

port_listening() { port_states "$1" | grep -qx 0A; }

# Nobody may listen on our ports; anything else bound to them (TIME_WAIT, a self-connected
# client) goes away within a minute, so wait for it instead of letting the broker crash.
wait_ports_free() {
  local p deadline=$((SECONDS + 75)) states told=
  for p in "$PORT" "$CONTROLLER_PORT"; do
    if port_listening "$p"; then
      die "port $HOST:$p is already in use by another process (set LASTRI_KAFKA_PORT / LASTRI_KAFKA_CONTROLLER_PORT)"
    fi
    while states=$(port_states "$p") && [[ -n $states ]]; do
      ((SECONDS < deadline)) ||
        die "port $p still held by sockets in state(s) $(echo "$states" | sort -u | tr '\n' ' ')(see /proc/net/tcp)"
      [[ -n $told ]] || log "port $p still held by a closing connection (TIME_WAIT?); waiting up to 75s for it to clear"
      told=1
      sleep 1
    done
  done
}

# Speaks just enough Kafka protocol to know the broker processes requests, without a JVM:
# an ApiVersions v0 request (api_key 18, correlation id 42, empty client id). A TCP connect alone
# is not enough, the socket is bound before the broker is done starting.
broker_answers() {
  local reply
  port_listening "$PORT" || return 1 # see wait_ports_free: never connect to a dead port
  reply=$(timeout 3 bash -c "
    exec 3<>/dev/tcp/$HOST/$PORT
    printf '\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x2a\x00\x00' >&3
    head -c 8 <&3 | od -An -tx1
  " 2>/dev/null) || return 1
  # Reply: int32 length, then int32 correlation id which must echo ours (0x2a).
  reply=${reply//[[:space:]]/}
  [[ $reply == ????????0000002a ]]
}

log_tail() {
  log "---- last lines of $LOGS/server.log ----"
  tail -n 40 "$LOGS/server.log" >&2 2>/dev/null || true
  log "---- last lines of $LOGS/kafka.out ----"
  tail -n 20 "$LOGS/kafka.out" >&2 2>/dev/null || true
}

# Waits until the broker answers the Kafka protocol, then proves that metadata works with a
# real admin call (list topics) — that is what producers/consumers need.
wait_ready() {
  local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
  log "waiting for the broker on $HOST:$PORT (up to ${START_TIMEOUT}s)"
  until broker_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log_tail
      die "broker process $pid exited during startup"
    fi
    if ((SECONDS >= deadline)); then
      log_tail
      die "broker did not answer on $HOST:$PORT within ${START_TIMEOUT}s"
    fi
    sleep 0.5
  done
  local left=$((deadline - SECONDS))
  ((left > 10)) || left=10
  tool_cmd
  if ! timeout "$left" "${TOOL[@]}" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$HOST:$PORT" --list >/dev/null; then
    log_tail
    die "broker answers on $HOST:$PORT but listing topics failed"
  fi
}

start_broker() {
  mkdir -p "$LOGS"
  rm -f "$PID_FILE"
  log "starting Kafka broker+controller (logs: $LOGS/server.log)"
  # setsid + nohup: the broker must outlive the calling shell (CI step, terminal). The inner
  # bash writes its own pid and then execs java, so the pid file holds the JVM's pid.
  # 9>&- : don't let the broker inherit the `up` lock, or the next `up` would block forever.
  (
    cd "$ROOT"
    # shellcheck disable=SC2086,SC2016 # HEAP_OPTS is a list of JVM flags; $$ is the inner bash's
    setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
      "$JAVA" $HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent \
      -Djava.awt.headless=true \
      -Dkafka.logs.dir="$LOGS" \
      -Dlog4j2.configurationFile="$CONF_DIR/log4j2.properties" \
      -cp "$LIBS/*" kafka.Kafka "$SERVER_PROPS" \
      >>"$LOGS/kafka.out" 2>&1 </dev/null 9>&- &
  )
  for _ in $(seq 50); do
    [[ -s $PID_FILE ]] && break
    sleep 0.1
  done
  [[ -s $PID_FILE ]] || die "broker did not start (no pid file); see $LOGS/kafka.out"
  cat "$PID_FILE"
}

# Serialises concurrent up/down calls (e.g. parallel CI steps) on one state dir.
take_lock() {
  exec 9>"$ROOT/.lock"
  flock -w 300 9 || die "could not lock $ROOT/.lock"
}

# ---------------------------------------------------------------------------------------------
# Subcommands
# ---------------------------------------------------------------------------------------------

cmd_up() {
  resolve_root
  take_lock
  local pid
  if pid=$(broker_pid); then
    # Fast path: no JVM, no Maven; the whole `up` took 0.02 s when measured on a running broker.
    if broker_answers; then
      jars_installed || log "warning: $POM changed since this broker started; run 'down' then 'up' to apply"
      log "already running (pid $pid)"
      brokers_line
      return 0
    fi
    # Running but not answering yet (still starting, e.g. an earlier `up` was interrupted).
    ensure_java
    wait_ready "$pid"
    brokers_line
    return 0
  fi
  # Fail fast, before any download: our ports must be free (nothing of ours runs here).
  reserve_ports
  wait_ports_free
  ensure_java
  mkdir -p "$DATA" "$LOGS"
  install_jars
  write_config
  format_storage
  pid=$(start_broker)
  wait_ready "$pid"
  log "ready (pid $pid)"
  brokers_line
}

cmd_down() {
  resolve_root
  take_lock
  local pid
  if ! pid=$(broker_pid); then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  resolve_root
  local pid
  if pid=$(broker_pid) && broker_answers; then
    log "running (pid $pid) on $HOST:$PORT"
    return 0
  fi
  log "not running"
  return 1
}

cmd_tool() {
  [[ $# -ge 1 ]] || die "usage: $0 tool CLASS [ARGS...]"
  resolve_root
  jars_installed || die "jars not installed yet; run '$0 up' first"
  ensure_java
  run_tool "$@"
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    up) cmd_up ;;
    down) cmd_down ;;
    env) brokers_line ;;
    status) cmd_status ;;
    tool) cmd_tool "$@" ;;
    *) usage ;;
  esac
}

main "$@"
