#!/usr/bin/env bash
# FacilityHub's main job, locally: mosquitto + influxd + redis-server (data under one folder),
# the hub, the dispatch simulator and a simulated device fleet with injected faults; their
# consoles interleaved, prefixed [hub] [dispatch] [fleet]. Ctrl-C stops everything it started;
# the next run reuses the stored data (FH_DATA_DIR, default ./.fhub-data).
#
# Ports (env): FH_HUB_PORT=5080 FH_DISPATCH_PORT=5090 FH_MQTT_PORT=18830 FH_INFLUX_PORT=18086
#              FH_REDIS_PORT=16379; faults: FH_FAULTS (space-separated FAULT@EQUIPMENT+SECONDS);
#              FH_FLEET=0: no simulated fleet (for a drill: the fleet simulator's --scenario then has the devices alone).
# gRPC auth: a random signing key is made once into $FH_DATA_DIR/auth.key (mode 600); the hub validates
# tokens with it, the dispatch simulator and fhub mint theirs with it (fhub token --role R --name N).
# MQTT auth: fhub mqtt credentials gives every device of the topology and the hub a broker account, once, in
# $FH_DATA_DIR/mqtt/ (kept across runs; a device added to the topology gets one on the next run). mosquitto lets
# no one in anonymously; each device may publish only under its own topic, the hub may only read. The hub logs in
# as facilityhub.hub, the fleet simulator as each device (one connection per device).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
data=$(mkdir -p "${FH_DATA_DIR:-$root/.fhub-data}" && cd "${FH_DATA_DIR:-$root/.fhub-data}" && pwd)
hub_port=${FH_HUB_PORT:-5080}
dispatch_port=${FH_DISPATCH_PORT:-5090}
export FH_MQTT_PORT=${FH_MQTT_PORT:-18830} FH_INFLUX_PORT=${FH_INFLUX_PORT:-18086} FH_REDIS_PORT=${FH_REDIS_PORT:-16379}
faults=${FH_FAULTS:-"burst_pipe@rs-b1-pump-1+20 smoke@rs-b2-alarm-0902+40"}
bin=bin/Release/net10.0

bash deploy/infra.sh install
echo "run.sh: building (Release)..."
dotnet build FacilityHub.sln -c Release -v q -nologo | grep -E "error|Warn|Elapsed" || true
[ -f "src/FacilityHub.Server/$bin/FacilityHub.Server.dll" ] || { echo "run.sh: build failed" >&2; exit 1; }

fhub() { dotnet "src/FacilityHub.Cli/$bin/fhub.dll" --hub "http://127.0.0.1:$hub_port" "$@"; }
# Broker accounts: existing passwords are kept, so devices and the hub log in with the same ones every run.
mqtt_dir="$data/mqtt"
mqtt_hub_user=facilityhub.hub
fhub mqtt credentials --topology "$root/deploy/topology.json" --out "$mqtt_dir" --hub-user "$mqtt_hub_user"
export FH_MQTT_PASSWORD_FILE="$mqtt_dir/password_file" FH_MQTT_ACL_FILE="$mqtt_dir/acl_file"
bash deploy/infra.sh start "$data"

# The hub's Auth:SigningKey, made once and kept with the data: tokens minted earlier stay valid across runs.
key_file="$data/auth.key"
if [ ! -s "$key_file" ]; then
    (umask 077 && printf 'base64:%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" > "$key_file")
fi
# In the environment, not on command lines (which any user can read with ps).
export Auth__SigningKey FHUB_SIGNING_KEY
Auth__SigningKey=$(cat "$key_file")
FHUB_SIGNING_KEY=$Auth__SigningKey

pids=()
cleanup() {
    trap - EXIT INT TERM
    echo "run.sh: stopping..."
    for p in "${pids[@]+"${pids[@]}"}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]+"${pids[@]}"}"; do wait "$p" 2>/dev/null || true; done
    bash deploy/infra.sh stop "$data"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# Each program's console, prefixed; $! is the program itself, not the prefixing sed.
start() {
    local tag=$1; shift
    "$@" > >(sed -u "/^\[$tag\]/!s/^/[$tag] /") 2>&1 &
    pids+=($!)
}

start dispatch dotnet "simulators/FacilityHub.DispatchSimulator/$bin/FacilityHub.DispatchSimulator.dll" \
    --port "$dispatch_port" --hub-url "http://127.0.0.1:$hub_port" --hub-key-file "$key_file" --state-file "$data/dispatch-orders.json"
# The hub's broker password through its environment only (not the command line, not the other programs).
export Mqtt__Username="$mqtt_hub_user" Mqtt__Password
Mqtt__Password=$(awk -v user="$mqtt_hub_user" 'index($0, user ":") == 1 { print substr($0, length(user) + 2) }' "$mqtt_dir/credentials")
[ -n "$Mqtt__Password" ] || { echo "run.sh: no password for $mqtt_hub_user in $mqtt_dir/credentials" >&2; exit 1; }
start hub dotnet "src/FacilityHub.Server/$bin/FacilityHub.Server.dll" \
    --Hub:TopologyFile="$root/deploy/topology.json" \
    --Mqtt:Port="$FH_MQTT_PORT" --Influx:Url="http://127.0.0.1:$FH_INFLUX_PORT" \
    --Redis:ConnectionString="127.0.0.1:$FH_REDIS_PORT" --Dispatch:Url="http://127.0.0.1:$dispatch_port" \
    --Influx:SpoolDirectory="$data/influx-spool" \
    --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$hub_port"
unset Mqtt__Username Mqtt__Password

# An admin's token for this script's own calls (ingestion stats is for operators and admins).
token=$(fhub token --role admin --name run.sh --ttl 1h)
for _ in $(seq 1 120); do
    FHUB_TOKEN=$token fhub ingestion stats >/dev/null 2>&1 && break
    kill -0 "${pids[1]}" 2>/dev/null || { echo "run.sh: the hub stopped; see [hub] above" >&2; exit 1; }
    sleep 0.5
done

if [ "${FH_FLEET:-1}" = 0 ]; then
    echo "run.sh: no fleet (FH_FLEET=0). A drill, from another shell:"
    echo "  dotnet simulators/FacilityHub.FleetSimulator/$bin/FacilityHub.FleetSimulator.dll --mqtt-port $FH_MQTT_PORT --credentials $mqtt_dir/credentials \\"
    echo "      --scenario simulators/scenarios/burst-pipe.json --score --hub http://127.0.0.1:$hub_port --hub-key-file $key_file"
else
    inject=()
    for f in $faults; do inject+=(--inject "$f"); done
    start fleet dotnet "simulators/FacilityHub.FleetSimulator/$bin/FacilityHub.FleetSimulator.dll" \
        --mqtt-port "$FH_MQTT_PORT" --topology "$root/deploy/topology.json" --credentials "$mqtt_dir/credentials" \
        --interval 2 --clear-after 60 "${inject[@]}"
    echo "run.sh: running. Faults: $faults."
fi

echo "run.sh: in another shell (as the operator alice):"
echo "  export FHUB_SIGNING_KEY=\$(cat $key_file) FHUB_URL=http://127.0.0.1:$hub_port"
echo "  export FHUB_TOKEN=\$(dotnet src/FacilityHub.Cli/$bin/fhub.dll token --role operator --name alice)"
echo "  dotnet src/FacilityHub.Cli/$bin/fhub.dll alarms list"
echo "  # publish as a device (its password from $mqtt_dir/credentials):"
echo "  mosquitto_pub -p $FH_MQTT_PORT -q 1 -u rs-b1-pump-2 -P \"\$(grep ^rs-b1-pump-2: $mqtt_dir/credentials | cut -d: -f2-)\" -t facility/riverside/rs-b1/rs-b1-pump-2/telemetry -m '{\"values\":{\"running\":1}}'"
echo "run.sh: Ctrl-C stops everything."
wait "${pids[1]}"
