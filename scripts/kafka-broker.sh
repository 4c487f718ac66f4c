#!/usr/bin/env bash
# A single-node Apache Kafka 4.x broker (KRaft, broker+controller in one JVM) for tests, CI and
# developers, run from Maven Central jars only: no Docker and no tarball on these machines.
#
#   scripts/kafka-broker.sh fetch                       jars into .cache/kafka/lib (quick when present)
#   scripts/kafka-broker.sh start  [--dir D] [--owner PID] [--secure]
#                                                       fresh broker on random free ports; prints host:port
#   scripts/kafka-broker.sh resume [--dir D] [--owner PID]  starts D's broker again: same ports, same data
#   scripts/kafka-broker.sh stop   [--dir D]
#
# D defaults to $KAFKA_BROKER_DIR or .cache/kafka/broker; D/bootstrap holds the address, D/broker.log the log.
# --owner PID: the broker is stopped when PID exits, so a crashed test run leaves no JVM behind.
# --secure: also a SASL_SSL listener (TLS from a CA made here; SASL PLAIN, SCRAM-SHA-256/512 for user
#   "relay"), to test client settings as operators use them: D/secure-bootstrap, D/tls/ca.pem, D/sasl-password.
# Waits are bounded: KAFKA_START_TIMEOUT (s, default 90), KAFKA_STOP_TIMEOUT (s, default 30).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUPPORT="$ROOT/test/support/kafka"
LIB="$ROOT/.cache/kafka/lib"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
# Small heap: one test broker holds a few MB of records. SerialGC starts fastest on small heaps.
JVM_OPTS="${KAFKA_JVM_OPTS:--Xms128m -Xmx512m -XX:+UseSerialGC -Djava.awt.headless=true}"
MARKER=".keyward-kafka-broker" # only a directory carrying it is ever wiped

log() { echo "kafka-broker: $*" >&2; }
die() { log "error: $*"; exit 1; }
now_ms() { date +%s%3N; }

fetch() {
  command -v java >/dev/null || die "java not found (Java 17+ is needed)"
  local stamp
  stamp="$(sha256sum "$SUPPORT/pom.xml" | cut -d' ' -f1)"
  [[ -f "$LIB/.fetched" && "$(cat "$LIB/.fetched")" == "$stamp" ]] && return 0
  mkdir -p "$ROOT/.cache/kafka"
  # Parallel callers (CI and a test run, several workers) wait for one fetch instead of racing.
  exec 9>"$ROOT/.cache/kafka/fetch.lock"
  flock -w 600 9 || die "timed out waiting for another fetch"
  if [[ -f "$LIB/.fetched" && "$(cat "$LIB/.fetched")" == "$stamp" ]]; then exec 9>&-; return 0; fi
  command -v mvn >/dev/null || die "mvn not found (Maven fetches the broker jars)"
  local t0 tmp
  t0=$(now_ms)
  tmp="$LIB.tmp.$$"
  rm -rf "$tmp"
  log "fetching broker jars from Maven Central"
  mvn -B -q -Dstyle.color=never -f "$SUPPORT/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >&2 || die "maven fetch failed"
  rm -rf "$LIB" && mv "$tmp" "$LIB" && echo "$stamp" >"$LIB/.fetched"
  exec 9>&-
  log "fetched $(ls "$LIB" | wc -l) jars in $(($(now_ms) - t0)) ms"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Kafka's Uuid.randomUuid: 16 random bytes, base64url, re-drawn if it starts with "-" (reserved by its CLI).
cluster_id() {
  node -e 'let id;do{id=require("crypto").randomBytes(16).toString("base64url")}while(id.startsWith("-"));console.log(id)'
}

write_config() {
  local dir="$1" port="$2" cport="$3" sport="${4:-}"
  local listeners="PLAINTEXT://127.0.0.1:$port" map="PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
  [[ -z "$sport" ]] || { listeners="$listeners,SASL_SSL://127.0.0.1:$sport"; map="$map,SASL_SSL:SASL_SSL"; }
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$cport
listeners=$listeners,CONTROLLER://127.0.0.1:$cport
advertised.listeners=$listeners
listener.security.protocol.map=$map
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
# One node: every internal topic must be satisfiable by a single replica.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
num.partitions=1
# Tests create the topics they use; an auto-created topic would hide a missing createTopics.
auto.create.topics.enable=false
# Consumers in tests join an empty group; the default 3 s delay only slows them.
group.initial.rebalance.delay.ms=0
# After a SIGKILL the restarted broker is refused (DUPLICATE_BROKER_REGISTRATION) until its old
# session expires: 9 s by default, 2.5 s here so crash tests do not wait.
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=2500
EOF
  echo "127.0.0.1:$port" >"$dir/bootstrap"
  [[ -z "$sport" ]] || write_secure_config "$dir" "$sport"
}

# TLS with a throwaway CA (the broker's certificate names IP 127.0.0.1, so clients verify the
# hostname too), SASL with every mechanism the relay supports. Inter-broker traffic stays PLAINTEXT.
write_secure_config() {
  local dir="$1" sport="$2" password
  command -v openssl >/dev/null || die "openssl not found (--secure makes a CA with it)"
  mkdir -p "$dir/tls"
  (
    cd "$dir/tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=keyward test CA" -keyout ca.key -out ca.pem
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout broker.key -out broker.csr
    printf 'subjectAltName=IP:127.0.0.1\n' >san.ext
    openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out broker.crt
    # Kafka's PEM keystore: the unencrypted PKCS#8 key, then the chain.
    openssl pkcs8 -topk8 -nocrypt -in broker.key -out broker-key.pem
    cat broker-key.pem broker.crt >broker.pem
  ) >"$dir/tls.log" 2>&1 || { cat "$dir/tls.log" >&2; die "making the test CA failed"; }
  password="$(node -e 'console.log(require("crypto").randomBytes(18).toString("base64url"))')"
  echo "$password" >"$dir/sasl-password"
  echo "127.0.0.1:$sport" >"$dir/secure-bootstrap"
  cat >>"$dir/server.properties" <<EOF
ssl.keystore.type=PEM
ssl.keystore.location=$dir/tls/broker.pem
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_relay="$password";
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
EOF
}

# SCRAM users live in the metadata log; KRaft takes them at format time.
scram_args() {
  local dir="$1" password
  [[ -f "$dir/sasl-password" ]] || return 0
  password="$(cat "$dir/sasl-password")"
  echo "--add-scram SCRAM-SHA-256=[name=relay,password=$password] --add-scram SCRAM-SHA-512=[name=relay,password=$password]"
}

is_our_broker() { # pid dir
  [[ -n "$1" && -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q "kafka.Kafka $2/server.properties"
}

running_pid() { # dir -> pid of its live broker, or nothing
  local pid
  pid="$(cat "$1/broker.pid" 2>/dev/null || true)"
  if is_our_broker "$pid" "$1"; then echo "$pid"; fi
}

launch() { # dir -> 0 ready, 2 port taken, 1 other failure
  local dir="$1" owner="$2" port t0 pid
  port="$(cut -d: -f2 <"$dir/bootstrap")"
  t0=$(now_ms)
  : >"$dir/broker.log"
  # setsid: the broker leaves the caller's process group, so only stop/--owner end it, not a stray ^C.
  (
    echo "$BASHPID" >"$dir/broker.pid"
    exec setsid java $JVM_OPTS -Dlog4j2.configurationFile="$SUPPORT/log4j2.properties" \
      -cp "$LIB/*" kafka.Kafka "$dir/server.properties" </dev/null >>"$dir/broker.log" 2>&1
  ) &
  pid=$!
  disown "$pid" 2>/dev/null || true
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      if grep -q "Address already in use" "$dir/broker.log"; then return 2; fi
      log "broker exited during start; last lines of $dir/broker.log:"
      tail -n 30 "$dir/broker.log" >&2
      return 1
    fi
    # The log line says the broker finished starting; the connect proves the listener is serving.
    if grep -q "Kafka Server started" "$dir/broker.log" && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      break
    fi
    if (($(now_ms) - t0 > START_TIMEOUT * 1000)); then
      log "not ready after ${START_TIMEOUT}s; last lines of $dir/broker.log:"
      tail -n 30 "$dir/broker.log" >&2
      kill -KILL "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.1
  done
  if [[ -n "$owner" ]]; then
    # Watchdog: when the owner exits without calling stop, end the broker (TERM, then KILL).
    nohup bash -c 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done
      kill -TERM "$2" 2>/dev/null || exit 0
      for _ in $(seq 1 "$3"); do kill -0 "$2" 2>/dev/null || exit 0; sleep 1; done
      kill -KILL "$2" 2>/dev/null' _ "$owner" "$pid" "$STOP_TIMEOUT" >/dev/null 2>&1 </dev/null &
    disown $! 2>/dev/null || true
  fi
  log "broker pid $pid ready at 127.0.0.1:$port in $(($(now_ms) - t0)) ms"
  return 0
}

start() {
  local dir="$1" owner="$2" secure="$3" attempt rc t0 sport
  t0=$(now_ms)
  fetch
  [[ -z "$(running_pid "$dir")" ]] || die "a broker is already running in $dir (stop it first)"
  if [[ -e "$dir" && -n "$(ls -A "$dir")" && ! -e "$dir/$MARKER" ]]; then
    die "$dir exists and is not a broker directory; refusing to wipe it"
  fi
  for attempt in 1 2 3; do
    rm -rf "$dir" && mkdir -p "$dir/data" && touch "$dir/$MARKER"
    sport=""
    [[ -z "$secure" ]] || sport="$(free_port)"
    write_config "$dir" "$(free_port)" "$(free_port)" "$sport"
    # shellcheck disable=SC2046 # scram_args is a list of words on purpose
    java -cp "$LIB/*" -Dlog4j2.configurationFile="$SUPPORT/log4j2.properties" kafka.tools.StorageTool \
      format --standalone -t "$(cluster_id)" -c "$dir/server.properties" $(scram_args "$dir") >"$dir/format.log" 2>&1 ||
      { cat "$dir/format.log" >&2; die "storage format failed"; }
    rc=0 && launch "$dir" "$owner" || rc=$?
    if ((rc == 0)); then
      log "cold start (format + boot) took $(($(now_ms) - t0)) ms"
      cat "$dir/bootstrap"
      return 0
    fi
    ((rc == 2)) || die "broker failed to start"
    log "port taken between pick and bind (attempt $attempt); picking new ports"
  done
  die "no free ports after 3 attempts"
}

resume() {
  local dir="$1" owner="$2"
  [[ -f "$dir/server.properties" && -e "$dir/$MARKER" ]] || die "$dir holds no broker to resume"
  [[ -z "$(running_pid "$dir")" ]] || die "the broker in $dir is already running"
  fetch
  launch "$dir" "$owner" || die "broker failed to resume (ports $(cat "$dir/bootstrap") taken?)"
  cat "$dir/bootstrap"
}

stop() {
  local dir="$1" pid i
  pid="$(running_pid "$dir")"
  if [[ -z "$pid" ]]; then
    rm -f "$dir/broker.pid"
    return 0
  fi
  kill -TERM "$pid"
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$dir/broker.pid"; log "stopped broker pid $pid"; return 0; }
    sleep 0.1
  done
  log "broker pid $pid ignored TERM for ${STOP_TIMEOUT}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/broker.pid"
}

main() {
  local cmd="${1:-}" dir="${KAFKA_BROKER_DIR:-$ROOT/.cache/kafka/broker}" owner="" secure=""
  shift || true
  while (($#)); do
    case "$1" in
      --dir) dir="$2"; shift 2 ;;
      --owner) owner="$2"; shift 2 ;;
      --secure) secure=1; shift ;;
      *) die "unknown argument $1" ;;
    esac
  done
  [[ "$dir" = /* ]] || dir="$PWD/$dir"
  case "$cmd" in
    fetch) fetch ;;
    start) start "$dir" "$owner" "$secure" ;;
    resume) resume "$dir" "$owner" ;;
    stop) stop "$dir" ;;
    *) die "usage: $0 fetch | start [--dir D] [--owner PID] [--secure] | resume [--dir D] [--owner PID] | stop [--dir D]" ;;
  esac
}

main "$@"
