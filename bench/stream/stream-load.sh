#!/usr/bin/env bash
# Streaming load: starts the gateway jar on loopback with a `streaming:` entry pointing at the harness, then runs
# bench/stream's StreamLoad: N calls (ramped at 10/s), each streamed bidirectionally to the harness's WebSocket
# consumer, SECONDS of measurement after the ramp. The harness is the SIP caller, the RTP peer and the consumer in
# one process with one clock, and prints latency each way (markers in RTP seen in WS media, markers in WS media
# seen in RTP), the mixer's late ticks, and frames sent / received / dropped against the gateway's counters.
# The stream allows a 10 s handshake and 2 reconnections: on a starved box a cold JVM's first handshakes can take
# longer than the default 5 s (counted in vg_media_stream_failed_total all the same).
# SERVICE=echo runs the same calls against the echo app instead: the no-streaming baseline.
#
# usage: bench/stream/stream-load.sh N SECONDS        (e.g. 100 60; build first: mvn -q package -DskipTests)
#        SERVICE=echo bench/stream/stream-load.sh 100 60
#        GATEWAY_JAR=/tmp/other.jar bench/stream/stream-load.sh 100 60   (another build, for a before/after)
#        RATE=5 …  ramps at 5 calls/s instead of 10
#        NICE=-5 …  runs the gateway and the harness at that niceness (root): on a box shared with builds, to tell
#                  the gateway's own latency from CPU starvation; say so next to the figures.
set -euo pipefail

calls=${1:-100}
seconds=${2:-60}
service=${SERVICE:-bot}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
sip_port=${SIP_PORT:-45060}
http_port=${HTTP_PORT:-48080}
ws_port=${WS_PORT:-48090}
rtp_min=50000
rtp_max=$((rtp_min + 4 * calls + 99))

[ -f "${GATEWAY_JAR:-$root/target/voice-gateway.jar}" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }

cat > "$work/gw.yaml" <<YAML
media:
  sip_port: $sip_port
  sip_transport: [udp]
  bind_address: 127.0.0.1
  rtp_port_range: $rtp_min-$rtp_max
http:
  host: 127.0.0.1
  port: $http_port
  api_token: bench
routes:
  - {direction: inbound, match: bot, stream: bot, from: any}
  - {direction: inbound, match: echo, app: echo, from: any}
streaming:
  bot: {url: 'ws://127.0.0.1:$ws_port/bench', tracks: inbound, encoding: mulaw/8000, bidirectional: true,
        on_disconnect: hangup, connect_timeout: 10s, reconnect_attempts: 2}
YAML

# The harness's classpath: the bench profile's test classes and the project's dependencies (cached in target/).
cd "$root"
mvn -q -o -B -Pbench test-compile
cp_file=target/bench-stream.classpath
[ -s "$cp_file" ] || mvn -q -o -B -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"

. "$root/bench/sipp/lib.sh"
start_gateway "$work/gw.yaml"
[ -z "${NICE:-}" ] || renice -n "$NICE" -p "$gw" > /dev/null
echo "gateway ${GATEWAY_JAR:-target/voice-gateway.jar} (pid $gw), $calls calls to '$service', $seconds s; work dir $work"

${NICE:+nice -n $NICE} java -Xmx512m -cp "target/classes:target/test-classes:$(cat "$cp_file")" io.voicegateway.bench.stream.StreamLoad \
  calls="$calls" seconds="$seconds" service="$service" gateway="127.0.0.1:$sip_port" ws="$ws_port" \
  metrics="http://127.0.0.1:$http_port/metrics" pid="$gw" rate="${RATE:-10}" rtp=$((rtp_max + 1000)) 2> "$work/harness.err"
grep -c 'WARN\|SEVERE' "$work/gateway.log" | sed 's/^/gateway warnings: /' || true
