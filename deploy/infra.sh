#!/usr/bin/env bash
# Local infrastructure for FacilityHub: mosquitto, influxd (InfluxDB 1.x) and redis-server,
# started straight from the Debian binaries (no system services), loopback only, with every
# byte of data, config and log under one DATA_DIR.
#
#   deploy/infra.sh install          install the Debian packages if any is missing
#   deploy/infra.sh start DATA_DIR   start (or reuse) the three servers, wait until ready,
#                                    create the InfluxDB database
#   deploy/infra.sh stop DATA_DIR    stop what start started (pid files), wait for exit
#
# Ports (env): FH_MQTT_PORT=18830 FH_INFLUX_PORT=18086 FH_INFLUX_RPC_PORT=18088
#              FH_REDIS_PORT=16379; database FH_INFLUX_DB=facilityhub
# Broker accounts (env, both or neither): FH_MQTT_PASSWORD_FILE and FH_MQTT_ACL_FILE, mosquitto's password_file
#              and acl_file (fhub mqtt credentials writes them); with them mosquitto lets no one in anonymously.
#              Without them it is anonymous (any client may publish and read anything).
set -euo pipefail

PACKAGES=(mosquitto mosquitto-clients influxdb influxdb-client redis-server)
HOST=127.0.0.1
MQTT_PORT=${FH_MQTT_PORT:-18830}
INFLUX_PORT=${FH_INFLUX_PORT:-18086}
INFLUX_RPC_PORT=${FH_INFLUX_RPC_PORT:-18088}
REDIS_PORT=${FH_REDIS_PORT:-16379}
INFLUX_DB=${FH_INFLUX_DB:-facilityhub}
READY_TIMEOUT=${FH_READY_TIMEOUT:-30}
MQTT_PASSWORD_FILE=${FH_MQTT_PASSWORD_FILE:-}
MQTT_ACL_FILE=${FH_MQTT_ACL_FILE:-}
# mosquitto lives in /usr/sbin, which is not on every user's PATH.
export PATH="$PATH:/usr/sbin:/sbin"

die() { echo "infra.sh: $*" >&2; exit 1; }

usage() { die "usage: $0 install | start DATA_DIR | stop DATA_DIR"; }

cmd_install() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "infra.sh: packages already installed: ${PACKAGES[*]}"
        return
    fi
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "infra.sh: installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# pid_alive NAME EXPECTED_COMM: prints the pid from DATA_DIR/pids/NAME.pid if that process is
# alive and is the expected program (guards against a recycled pid).
pid_alive() {
    local file="$DATA_DIR/pids/$1.pid" pid
    [ -f "$file" ] || return 1
    pid=$(cat "$file")
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    running "$pid" || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || return 1
    echo "$pid"
}

# running PID: alive and not a zombie waiting to be reaped.
running() { kill -0 "$1" 2>/dev/null && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null; }

port_in_use() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

need() { command -v "$1" >/dev/null || die "$1 not found; run: $0 install (Debian package $2)"; }

# launch NAME COMM PORT CMD...: start CMD in its own session with output to logs/NAME.log,
# unless a server from an earlier run in this DATA_DIR is still alive.
launch() {
    local name=$1 comm=$2 port=$3 pid; shift 3
    if pid=$(pid_alive "$name" "$comm"); then
        echo "infra.sh: $name already running (pid $pid), reusing it"
        return
    fi
    rm -f "$DATA_DIR/pids/$name.pid"
    port_in_use "$port" && die "$name: port $HOST:$port is already in use by another process (set the FH_*_PORT variable)"
    setsid "$@" >>"$DATA_DIR/logs/$name.log" 2>&1 </dev/null &
    echo $! >"$DATA_DIR/pids/$name.pid"
    LAUNCHED+=("$name:$!")
}

# On a failed start, stop what this run launched (servers reused from an earlier run stay up).
cleanup_failed_start() {
    local rc=$? entry
    [ $rc -ne 0 ] || return 0
    for entry in ${LAUNCHED[@]+"${LAUNCHED[@]}"}; do
        kill -TERM "${entry#*:}" 2>/dev/null && echo "infra.sh: start failed, stopping ${entry%%:*}" >&2
        rm -f "$DATA_DIR/pids/${entry%%:*}.pid"
    done
    wait
    return $rc
}

# wait_ready NAME COMM PROBE...: poll PROBE until it succeeds, the server dies, or the deadline.
wait_ready() {
    local name=$1 comm=$2 log="$DATA_DIR/logs/$1.log"; shift 2
    local deadline=$((SECONDS + READY_TIMEOUT))
    local pid; pid=$(cat "$DATA_DIR/pids/$name.pid")
    until "$@" >/dev/null 2>&1; do
        running "$pid" || die "$name exited during start; see $log"
        [ $SECONDS -lt $deadline ] || die "$name not ready after ${READY_TIMEOUT}s; see $log"
        sleep 0.1
    done
    # Still alive after answering (a server that lost the port race exits at once).
    pid_alive "$name" "$comm" >/dev/null || die "$name (pid $pid) is not running as $comm; see $log"
    echo "infra.sh: $name ready (pid $pid)"
}

# With accounts, an anonymous probe is refused ("not authorised", exit code 5): that answer means ready too.
mqtt_ready() {
    local rc=0
    mosquitto_sub -h "$HOST" -p "$MQTT_PORT" -t fh/infra/ready -E -W 2 || rc=$?
    [ "$rc" -eq 0 ] || { [ -n "$MQTT_PASSWORD_FILE" ] && [ "$rc" -eq 5 ]; }
}
influx_ready() { [ "$(curl --noproxy "*" -s -m 2 -o /dev/null -w '%{http_code}' "http://$HOST:$INFLUX_PORT/ping")" = 204 ]; }
redis_ready() { [ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping)" = PONG ]; }

mqtt_access() {
    if [ -n "$MQTT_PASSWORD_FILE" ]; then
        printf 'allow_anonymous false\npassword_file %s\nacl_file %s\n' "$MQTT_PASSWORD_FILE" "$MQTT_ACL_FILE"
    else
        echo "allow_anonymous true"
    fi
}

write_configs() {
    cat >"$DATA_DIR/mosquitto/mosquitto.conf" <<EOF
# generated by deploy/infra.sh
listener $MQTT_PORT $HOST
$(mqtt_access)
persistence true
persistence_location $DATA_DIR/mosquitto/
# QoS 1 messages to one subscriber not yet acknowledged (default 20): the hub acknowledges each after its grain has
# judged it, and keeps up to 1000 under way; 20 would cap it at 20 per grain round trip.
max_inflight_messages 1000
# Messages held for a subscriber that is behind or briefly away (default 1000, then dropped): a hub restart at 20,000
# msgs/s must not lose the seconds it was away.
max_queued_messages 1000000
# run as the invoking user (as root mosquitto would otherwise switch to user 'mosquitto',
# which cannot write into DATA_DIR)
user $(id -un)
log_dest stderr
log_timestamp_format %Y-%m-%dT%H:%M:%S
EOF
    # Written from scratch: unset keys take influxd's built-in defaults, and nothing depends on
    # /etc/influxdb/influxdb.conf. graphite/collectd/opentsdb/udp are off by default.
    cat >"$DATA_DIR/influxdb/influxdb.conf" <<EOF
# generated by deploy/infra.sh
reporting-enabled = false
bind-address = "$HOST:$INFLUX_RPC_PORT"

[meta]
  dir = "$DATA_DIR/influxdb/meta"

[data]
  dir = "$DATA_DIR/influxdb/data"
  wal-dir = "$DATA_DIR/influxdb/wal"
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "$HOST:$INFLUX_PORT"
  log-enabled = true
  suppress-write-log = true
  unix-socket-enabled = false

[ifql]
  enabled = false
  bind-address = "$HOST:0"

[logging]
  suppress-logo = true
EOF
}

cmd_start() {
    need mosquitto mosquitto; need mosquitto_sub mosquitto-clients; need influxd influxdb
    need redis-server redis-server; need redis-cli redis-server; need curl curl
    if [ -n "$MQTT_PASSWORD_FILE$MQTT_ACL_FILE" ]; then
        [ -n "$MQTT_PASSWORD_FILE" ] && [ -n "$MQTT_ACL_FILE" ] || die "set both FH_MQTT_PASSWORD_FILE and FH_MQTT_ACL_FILE, or neither"
        [ -r "$MQTT_PASSWORD_FILE" ] || die "FH_MQTT_PASSWORD_FILE: cannot read $MQTT_PASSWORD_FILE"
        [ -r "$MQTT_ACL_FILE" ] || die "FH_MQTT_ACL_FILE: cannot read $MQTT_ACL_FILE"
        MQTT_PASSWORD_FILE=$(cd "$(dirname "$MQTT_PASSWORD_FILE")" && pwd)/$(basename "$MQTT_PASSWORD_FILE")
        MQTT_ACL_FILE=$(cd "$(dirname "$MQTT_ACL_FILE")" && pwd)/$(basename "$MQTT_ACL_FILE")
    fi
    mkdir -p "$DATA_DIR"
    DATA_DIR=$(cd "$DATA_DIR" && pwd)
    mkdir -p "$DATA_DIR"/{mosquitto,influxdb,redis,logs,pids}
    write_configs
    LAUNCHED=()
    trap cleanup_failed_start EXIT

    local reused
    # A broker left running by an earlier run reads the (possibly regenerated) config and accounts again.
    if reused=$(pid_alive mosquitto mosquitto); then kill -HUP "$reused"; fi
    launch mosquitto mosquitto "$MQTT_PORT" mosquitto -c "$DATA_DIR/mosquitto/mosquitto.conf"
    # INFLUXDB_* environment variables override the config file; keep them out.
    launch influxd influxd "$INFLUX_PORT" env $(env | sed -n 's/^\(INFLUXDB_[^=]*\)=.*/-u \1/p') \
        influxd run -config "$DATA_DIR/influxdb/influxdb.conf"
    launch redis redis-server "$REDIS_PORT" redis-server --port "$REDIS_PORT" --bind "$HOST" \
        --dir "$DATA_DIR/redis" --appendonly yes --save "" --daemonize no --logfile ""

    wait_ready mosquitto mosquitto mqtt_ready
    wait_ready influxd influxd influx_ready
    wait_ready redis redis-server redis_ready

    local out
    out=$(curl --noproxy "*" -s -m 10 -XPOST "http://$HOST:$INFLUX_PORT/query" \
        --data-urlencode "q=CREATE DATABASE \"$INFLUX_DB\"") || die "influxd: CREATE DATABASE failed; see $DATA_DIR/logs/influxd.log"
    case "$out" in *'"error"'*) die "influxd: CREATE DATABASE $INFLUX_DB: $out";; esac
    trap - EXIT
    echo "infra.sh: mqtt://$HOST:$MQTT_PORT ($([ -n "$MQTT_PASSWORD_FILE" ] && echo "accounts and ACL from $MQTT_PASSWORD_FILE, $MQTT_ACL_FILE" || echo anonymous))  http://$HOST:$INFLUX_PORT (db $INFLUX_DB)  redis $HOST:$REDIS_PORT  data $DATA_DIR"
}

cmd_stop() {
    local name comm pid pids=()
    for name in redis:redis-server influxd:influxd mosquitto:mosquitto; do
        comm=${name#*:}; name=${name%%:*}
        if pid=$(pid_alive "$name" "$comm"); then
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$name:$pid")
        fi
        rm -f "$DATA_DIR/pids/$name.pid"
    done
    [ ${#pids[@]} -gt 0 ] || { echo "infra.sh: nothing running in $DATA_DIR"; return; }
    local entry deadline=$((SECONDS + READY_TIMEOUT))
    for entry in ${pids[@]+"${pids[@]}"}; do
        pid=${entry#*:}
        while running "$pid"; do
            if [ $SECONDS -ge $deadline ]; then
                echo "infra.sh: ${entry%%:*} (pid $pid) did not exit after SIGTERM; sending SIGKILL" >&2
                kill -KILL "$pid" 2>/dev/null || true
            fi
            sleep 0.1
        done
        echo "infra.sh: ${entry%%:*} stopped (pid $pid)"
    done
}

[ $# -ge 1 ] || usage
case "$1" in
    install) cmd_install ;;
    start) [ $# -eq 2 ] || usage; DATA_DIR=$2; cmd_start ;;
    stop) [ $# -eq 2 ] || usage; DATA_DIR=$(cd "$2" 2>/dev/null && pwd) || { echo "infra.sh: nothing to stop in $2"; exit 0; }; cmd_stop ;;
    *) usage ;;
esac
