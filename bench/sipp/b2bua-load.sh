#!/usr/bin/env bash
# Load on the B2BUA: SIPp as the near trunk ramps up to N concurrent calls (PCMA, SIPp's 56 s A-law pcap
# in 30 ms packets, as echo-load.sh) to numbers that the gateway routes to a far trunk, a second SIPp
# that answers in PCMU and echoes RTP back. Every call is two SIP legs bridged through the mixer with
# transcoding on both; reports the gateway's CPU per call, late mixer ticks, skipped frames and RTP loss.
#
# usage: bench/sipp/b2bua-load.sh N        (e.g. 50 or 150; build first: mvn -q package -DskipTests)
set -euo pipefail

calls=${1:-50}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
sip_port=${SIP_PORT:-45060}
far_port=${FAR_PORT:-45070}
http_port=${HTTP_PORT:-48080}
rtp_min=50000
rtp_max=$((rtp_min + 8 * calls + 99))   # two legs a call; even start, odd end
ramp_s=10

command -v sipp >/dev/null || { echo "sipp not installed (Debian package sip-tester)" >&2; exit 2; }
[ -f "$root/target/voice-gateway.jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }

. "$here/lib.sh"
trunk_gateway_yaml "$work/gw.yaml" "load*" bench "limits:
  enabled: false   # SIPp makes hundreds of calls a second from one loopback address: not a flood"
start_gateway "$work/gw.yaml"

cd "$work"
far_sipp_cmd "$here/b2bua_far_end.xml" 46000 "$calls"
"${sipp_cmd[@]}" > far.log 2>&1 &
far_pid=$!
start_near_sipp load1

# Measure over the steady middle of the run: every call up, none ended yet.
sleep $((ramp_s + 5))
measure_window 30

wait $sipp_pid && sipp_exit=0 || sipp_exit=$?
wait $far_pid || true
report "$calls" "$sipp_exit" stats.csv
