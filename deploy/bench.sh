#!/usr/bin/env bash
# FacilityHub's end-to-end benchmark on this machine: mosquitto + influxd + redis-server as deploy/run.sh starts them,
# but on FREE loopback ports with their own data folder (never colliding with a run or with tests), a generated estate,
# the hub, the raw forwarder (simplest batching MQTT -> InfluxDB program, the ceiling) and an in-process dispatch
# simulator; the benchmark (simulators/FacilityHub.Bench) drives them and prints one "bench: ..." line per figure.
#
#   bash deploy/bench.sh            full run (10k-item estate for rates and latency, 100k for memory; ~5-10 min)
#   bash deploy/bench.sh --smoke    tiny estate, two rates, seconds (the test suite runs this)
#   bash deploy/bench.sh -- ARGS    extra arguments for the benchmark, e.g. -- --step-seconds 15 --start-rate 8000
#   bash deploy/bench.sh -- --latency-rate 8000    only fault -> work order (140 burst pipes) under 8,000 msg/s (~2 min)
#   bash deploy/bench.sh --state-bytes [-- --alarm-points N --rounds R]   live bytes of the hub's own state per home alarm
#                                   point (rule monitor, duplicate filter), no servers, seconds
#
# Env: FH_BENCH_NO_BUILD=1 (binaries already built), FH_BENCH_CONFIGURATION (default Release), FH_BENCH_KEEP=1 (keep the data folder and logs),
#      FH_DATA_DIR (data folder; default a new one under /tmp), FH_BENCH_LARGE_ALARM_POINTS (the large estate's home
#      alarm points, default 100000: fewer on a machine too busy to start 100k items within the 90 s offline delay),
#      FHHUB_<NAME>=value (passed to the hub alone as NAME=value, for experiments: FHHUB_DOTNET_gcServer=1).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
smoke=0
state=0
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) smoke=1 ;;
        --state-bytes) state=1 ;;
        --) shift; extra=("$@"); break ;;
        *) echo "bench.sh: unknown argument $1 (--smoke, --state-bytes, or -- ARGS for the benchmark)" >&2; exit 2 ;;
    esac
    shift
done

bin=bin/${FH_BENCH_CONFIGURATION:-Release}/net10.0
if [ "${FH_BENCH_NO_BUILD:-0}" != 1 ]; then
    bash deploy/infra.sh install
    echo "bench.sh: building (Release)..."
    dotnet build FacilityHub.sln -c "${FH_BENCH_CONFIGURATION:-Release}" -v q -nologo | grep -E " error |rror\(s\)" || true
fi
for dll in src/FacilityHub.Server/$bin/FacilityHub.Server.dll simulators/FacilityHub.Bench/$bin/FacilityHub.Bench.dll \
    simulators/FacilityHub.RawForwarder/$bin/FacilityHub.RawForwarder.dll simulators/FacilityHub.FleetSimulator/$bin/FacilityHub.FleetSimulator.dll; do
    [ -f "$dll" ] || { echo "bench.sh: $dll missing; build first" >&2; exit 1; }
done
if [ $state = 1 ]; then
    exec dotnet "simulators/FacilityHub.Bench/$bin/FacilityHub.Bench.dll" state-bytes "${extra[@]+"${extra[@]}"}"
fi

data=${FH_DATA_DIR:-$(mktemp -d /tmp/fhub-bench.XXXXXX)}
mkdir -p "$data"
data=$(cd "$data" && pwd)

# Free loopback ports, picked at random below the kernel's ephemeral range (where outgoing connections take their local
# ports, which a server cannot then bind) and checked; a server that loses its port to another program meanwhile (the
# test suite starts servers in parallel) fails the start, which is then tried again on new ports.
ephemeral=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$ephemeral" -gt 21000 ] 2>/dev/null || ephemeral=60000
taken=" "
free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % (ephemeral - 20000)))
        case "$taken" in *" $p "*) continue ;; esac
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
        taken="$taken$p "
        echo "$p"
        return
    done
}
export FH_MQTT_PORT FH_INFLUX_PORT FH_INFLUX_RPC_PORT FH_REDIS_PORT
pick_ports() {
    FH_MQTT_PORT=$(free_port); taken="$taken$FH_MQTT_PORT "
    FH_INFLUX_PORT=$(free_port); taken="$taken$FH_INFLUX_PORT "
    FH_INFLUX_RPC_PORT=$(free_port); taken="$taken$FH_INFLUX_RPC_PORT "
    FH_REDIS_PORT=$(free_port); taken="$taken$FH_REDIS_PORT "
}
# Anonymous broker: the load generator publishes for many devices per connection (as the tests do).
unset FH_MQTT_PASSWORD_FILE FH_MQTT_ACL_FILE

cleanup() {
    trap - EXIT INT TERM
    bash deploy/infra.sh stop "$data" >/dev/null || true
    if [ "${FH_BENCH_KEEP:-0}" = 1 ]; then echo "bench.sh: data and logs kept in $data"; else rm -rf "$data"; fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM
for attempt in 1 2 3; do
    pick_ports
    bash deploy/infra.sh start "$data" >/dev/null 2>"$data/infra-start.err" && break
    [ $attempt -lt 3 ] || { cat "$data/infra-start.err" >&2; exit 1; }
    echo "bench.sh: the servers did not start ($(head -1 "$data/infra-start.err")); again on new ports" >&2
done

fleet() { dotnet "simulators/FacilityHub.FleetSimulator/$bin/FacilityHub.FleetSimulator.dll" "$@"; }
if [ $smoke = 1 ]; then
    fleet topology --sites 1 --buildings 2 --alarm-points 40 --out "$data/estate-small.json"
    fleet topology --sites 1 --buildings 2 --alarm-points 400 --out "$data/estate-large.json"
    args=(--topology-large "$data/estate-large.json" --start-rate 100 --max-rate 150 --step-seconds 2 --grace-seconds 20 --faults 2 --warm-up-faults 2 --warm-up-seconds 1 --connections 2)
else
    # 6 pumps a building: 300, enough for 140 burst pipes, so that p99 (the second slowest of 140) is not the slowest one.
    fleet topology --sites 5 --buildings 10 --pumps 6 --alarm-points 10000 --out "$data/estate-small.json"
    large=(--topology-large "$data/estate-large.json")
    # The latency phase alone needs no large estate.
    case " ${extra[*]+"${extra[*]}"} " in
        *" --latency-rate "*) large=() ;;
        *) fleet topology --sites 50 --buildings 20 --alarm-points "${FH_BENCH_LARGE_ALARM_POINTS:-100000}" --out "$data/estate-large.json" ;;
    esac
    args=("${large[@]+"${large[@]}"}")
fi

dotnet "simulators/FacilityHub.Bench/$bin/FacilityHub.Bench.dll" --data "$data" \
    --mqtt-port "$FH_MQTT_PORT" --influx-url "http://127.0.0.1:$FH_INFLUX_PORT" --redis "127.0.0.1:$FH_REDIS_PORT" \
    --topology "$data/estate-small.json" \
    --hub-dll "src/FacilityHub.Server/$bin/FacilityHub.Server.dll" \
    --forwarder-dll "simulators/FacilityHub.RawForwarder/$bin/FacilityHub.RawForwarder.dll" \
    "${args[@]+"${args[@]}"}" "${extra[@]+"${extra[@]}"}"
