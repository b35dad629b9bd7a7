#!/usr/bin/env bash
# Flood bench (docs/reliability.md, "Floods and overload control"): one unknown address (127.0.0.2), or many
# (SOURCES), send an INVITE flood and a garbage flood at the gateway while a configured trunk (127.0.0.1) places
# one call a second
# (SIPp, echo, 1 s each). Prints the trunk's INVITE→200 latency distribution, /health latency (polled every
# 100 ms), the gateway's peak RSS and its limit counters.
#
# usage: bench/flood/flood.sh [INVITES_PER_S=5000] [GARBAGE_PER_S=2000] [FLOOD_SECONDS=30]
#        LIMITS=off bench/flood/flood.sh 0 1000 20   # the receive path alone, nobody limited or banned
#        SOURCES=127.0.0.2-127.0.0.254 bench/flood/flood.sh   # rotating over 253 addresses (per-address limits
#        SOURCES=127.1.0.0/16 bench/flood/flood.sh            # do not catch it) or 65,534 (flood.py for how)
# Bounded: the flood stops after FLOOD_SECONDS; the trunk calls for 3 s before, during and 10 s after.
# Run it under `nice -n 10` on a shared box. Needs the jar (mvn -q package -DskipTests), sipp, python3, curl.
set -euo pipefail
invites=${1:-5000}; garbage=${2:-2000}; flood_s=${3:-30}
lead_s=3; after_s=10
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/vg-flood.XXXXXX)
sip_port=${SIP_PORT:-$((20000 + RANDOM % 10000 * 2))}; http_port=$((sip_port + 1)); rtp_min=$((sip_port + 2))
rtp_max=$((rtp_min + 400))

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
providers:
  - id: carrier
    host: 127.0.0.1
    inbound_ips: [127.0.0.1]
YAML
if [ "${LIMITS:-on}" = off ]; then printf 'limits:\n  enabled: false\n' >> "$work/gw.yaml"; fi

. "$root/bench/sipp/lib.sh"
start_gateway "$work/gw.yaml"
cd "$work"

# warm-up: a cold JVM compiling its SIP path answers the first calls late, flood or not
sipp "127.0.0.1:$sip_port" -sn uac -s echo -d 100 -i 127.0.0.1 -mi 127.0.0.1 -nostdin -r 5 -m 10 -l 10 \
  -timeout 60s > warmup.log 2>&1 || { echo "warm-up calls failed: $work/warmup.log" >&2; exit 1; }

# /health every 100 ms: "seconds-since-start latency-seconds http-code"
t_start=$(date +%s.%N)
( while :; do
    s=$(date +%s.%N)
    r=$(curl -s -o /dev/null -m 5 -w '%{time_total} %{http_code}' "http://127.0.0.1:$http_port/health" || echo "5 000")
    echo "$(echo "$s - $t_start" | bc) $r"
    sleep 0.1
  done > health.txt ) &
poller=$!
hwm() { awk '/VmHWM/ {print $2}' "/proc/$gw/status"; }
trap 'kill $poller $gw 2>/dev/null || true' EXIT

legit=$((lead_s + flood_s + after_s))
sipp "127.0.0.1:$sip_port" -sn uac -s echo -d 1000 -i 127.0.0.1 -mi 127.0.0.1 -nostdin -r 1 -m "$legit" -l 10 \
  -trace_rtt -rtt_freq 1 -trace_stat -stf stats.csv -fd 1 -trace_err -error_file errors.log \
  -timeout $((legit + 30))s > sipp.log 2>&1 &
sipp_pid=$!
sleep "$lead_s"
python3 "$here/flood.py" 127.0.0.1 "$sip_port" "${SOURCES:-127.0.0.2}" "$invites" "$garbage" "$flood_s" | tee flood.txt
flood_end=$(echo "$(date +%s.%N) - $t_start" | bc)
set +e; wait $sipp_pid; sipp_exit=$?; set -e
kill $poller 2>/dev/null || true

# summary LABEL UNIT SCALE LIMIT: count, p50/p90/p99/max and how many exceed LIMIT, of the numbers on stdin
summary() {
  sort -n | awk -v label="$1" -v unit="$2" -v scale="$3" -v limit="$4" '
    {v[NR] = $1 * scale; if ($1 * scale > limit) over++}
    function at(q,   i) { i = int(NR * q) + 1; return v[i > NR ? NR : i] }
    END { if (NR == 0) { print label ": none"; exit }
      printf "%s: %d, p50 %.1f p90 %.1f p99 %.1f max %.1f %s, over %s %s: %d\n", label, NR, at(0.5), at(0.9),
        at(0.99), v[NR], unit, limit, unit, over + 0 }'
}

echo "== legitimate calls (trunk 127.0.0.1, 1/s, $legit calls; SIPp exit $sipp_exit)"
echo "answered $(stat_column stats.csv "SuccessfulCall(C)"), failed $(stat_column stats.csv "FailedCall(C)")"
tail -n +2 "$(ls ./*_rtt.csv | head -1)" | cut -d';' -f2 | summary "INVITE->200" ms 1 1000
echo "== /health (every 100 ms; the flood ran from ${lead_s} s to ${flood_end%.*} s)"
phase() { awk -v from="$1" -v to="$2" '$1 >= from && $1 < to {print ($3 == 200 ? $2 : 99)}' health.txt; }
phase 0 "$lead_s" | summary "before" ms 1000 100
phase "$lead_s" "$flood_end" | summary "during" ms 1000 100
phase "$flood_end" "$(echo "$flood_end + 5" | bc)" | summary "5 s after" ms 1000 100
phase "$(echo "$flood_end + 5" | bc)" 100000 | summary "later" ms 1000 100
echo "== gateway"
echo "peak RSS (VmHWM): $(( $(hwm) / 1024 )) MB"
curl -s -m 10 "http://127.0.0.1:$http_port/metrics" | grep -E '^vg_sip_(limited|bans|banned|overload|receive|sources)' || true
curl -s -m 10 "http://127.0.0.1:$http_port/health" | python3 -c 'import json,sys; print("limits:", json.dumps(json.load(sys.stdin).get("limits")))' || true
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); work dir $work"
