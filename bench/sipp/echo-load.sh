#!/usr/bin/env bash
# Load on the echo app: starts the gateway (target/voice-gateway.jar) on loopback, ramps SIPp up to N
# concurrent echo calls that each send 56 s of G.711 A-law RTP in 30 ms packets (SIPp's stock pcap)
# and hang up, then reports the gateway's CPU per call, the mixer's late ticks and skipped frames, and
# RTP loss, from /proc and /metrics.
#
# usage: bench/sipp/echo-load.sh N        (e.g. 100 or 300; build first: mvn -q package -DskipTests)
set -euo pipefail

calls=${1:-100}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
sip_port=${SIP_PORT:-45060}
http_port=${HTTP_PORT:-48080}
rtp_min=50000
rtp_max=$((rtp_min + 4 * calls + 99))   # even start, odd end: whole RTP/RTCP pairs
ramp_s=10

command -v sipp >/dev/null || { echo "sipp not installed (Debian package sip-tester)" >&2; exit 2; }
[ -f "$root/target/voice-gateway.jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }

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
limits:
  enabled: false   # SIPp makes hundreds of calls a second from one loopback address: not a flood
YAML

. "$here/lib.sh"
start_gateway "$work/gw.yaml"

cd "$work"
start_near_sipp echo

# Measure over the steady middle of the run: every call up, none ended yet.
sleep $((ramp_s + 5))
measure_window 30

wait $sipp_pid && sipp_exit=0 || sipp_exit=$?
report "$calls" "$sipp_exit" stats.csv
