#!/usr/bin/env bash
# Issue 13: live heap per bridged call. Starts the gateway jar with a trunk-to-trunk route (SIPp near trunk in
# PCMA, a far-trunk SIPp answering in PCMU with -rtp_echo: every call two SIP legs transcoded through the mixer,
# as bench/sipp/b2bua-load.sh), takes `jcmd <pid> GC.class_histogram` (which runs a full GC first, so only live
# objects count) with 0 calls, with all N calls up, and after they have ended, and prints the bytes per call
# overall and the classes that grew most per call. The "after" line shows what calls leave behind (caches,
# history): per-call state proper is "up" minus "0"; a leak would show as "after" staying near "up".
#
# usage: bench/memory/memory.sh N    (e.g. 50; build first: mvn -B -ntp -o -q package -DskipTests)
#        HEAP_DUMPS=1 bench/memory/memory.sh 50    also dumps the heap (idle, up, after) and prints the growth per call
#                                                  by owner (heap_owners.py: the nearest non-JDK object holding it)
#        GATEWAY_JAR=other.jar bench/memory/memory.sh 50    measures another build (before/after)
#        SETTLE_S=40 bench/memory/memory.sh 50    waits 40 s (not 3) with all calls up before measuring: the INVITE
#                                                  transactions (32 s after the answer over UDP) are gone by then,
#                                                  so "up" is a long call's steady state (calls last 56 s)
set -euo pipefail

calls=${1:-50}
top=${TOP:-20}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sipp_dir="$root/bench/sipp"
work=$(mktemp -d)
# Free loopback ports unless given: other load runs may share the machine.
. "$root/bench/lib/ports.sh"
read -r free_sip free_far free_http <<<"$(free_ports 3)"
sip_port=${SIP_PORT:-$free_sip}
far_port=${FAR_PORT:-$free_far}
http_port=${HTTP_PORT:-$free_http}
rtp_min=$((20000 + RANDOM % 500 * 20))   # even; the gateway refuses a busy RTP port and takes the next
rtp_max=$((rtp_min + 8 * calls + 99))
ramp_s=10

command -v sipp >/dev/null || { echo "sipp not installed (Debian package sip-tester)" >&2; exit 2; }
command -v jcmd >/dev/null || { echo "jcmd not found (a JDK, not a JRE, is needed)" >&2; exit 2; }
[ -f "${GATEWAY_JAR:-$root/target/voice-gateway.jar}" ] || { echo "build first: mvn -B -ntp -o -q package -DskipTests" >&2; exit 2; }

here=$sipp_dir   # lib.sh's start_near_sipp finds the scenario through $here
. "$sipp_dir/lib.sh"
trunk_gateway_yaml "$work/gw.yaml" "load*" bench "limits:
  enabled: false   # SIPp makes many calls a second from one loopback address: not a flood
  overload_late_tick_percent: 100   # bytes are measured here, not timing: a busy machine must not refuse calls"

start_gateway "$work/gw.yaml"

histogram() { # NAME: the live objects by class now (and a heap dump when HEAP_DUMPS=1)
  jcmd "$gw" GC.class_histogram > "$work/$1.txt"
  if [ "${HEAP_DUMPS:-0}" = 1 ]; then jcmd "$gw" GC.heap_dump "$work/$1.hprof" > /dev/null; fi
}
total() { awk '$1 == "Total" {print $3}' "$work/$1.txt"; }

sleep 2
histogram idle
cd "$work"
far_sipp_cmd "$sipp_dir/b2bua_far_end.xml" $((rtp_min - 4000)) "$calls"
"${sipp_cmd[@]}" > far.log 2>&1 &
far_pid=$!
start_near_sipp load1

# All N calls up (bounded: the ramp plus 20 s by the clock), then a moment for every jitter buffer to fill.
calls_up() { metric vg_media_active_calls | awk '{printf "%d", $1}'; }   # the gauge prints 50.0
deadline=$((SECONDS + ramp_s + 20))
while [ $SECONDS -lt $deadline ] && [ "$(calls_up)" != "$calls" ]; do sleep 0.5; done
active=$(calls_up)
[ "${active:-0}" -gt 0 ] || { echo "no call came up; see $work (errors.log, gateway.log)" >&2; exit 1; }
sleep "${SETTLE_S:-3}"
histogram up
wait $sipp_pid && sipp_exit=0 || sipp_exit=$?
kill $far_pid 2>/dev/null || true   # it waits for N calls; a failed one never comes
sleep 2
histogram after

echo "gateway jar: ${GATEWAY_JAR:-$root/target/voice-gateway.jar}; calls up when measured: $active of $calls"
awk -v n="$active" -v idle="$(total idle)" -v up="$(total up)" -v after="$(total after)" 'BEGIN {
  printf "live heap: %.1f MB idle, %.1f MB with %d calls, %.1f MB after they ended\n", idle/1e6, up/1e6, n, after/1e6
  printf "bytes per call (up - idle) / calls:    %d\n", (up - idle) / (n > 0 ? n : 1)
  printf "left behind per call (after - idle):   %d\n", (after - idle) / (n > 0 ? n : 1)
}'
echo "top $top classes by growth per call (bytes, instances):"
awk -v n="$active" 'FNR == NR { if ($1 ~ /:$/) { b[$4] = $3; i[$4] = $2 }; next }
  $1 ~ /:$/ { d = $3 - b[$4]; if (d > 0) printf "%10d %8.1f  %s\n", d / n, ($2 - i[$4]) / n, $4 }' \
  "$work/idle.txt" "$work/up.txt" | sort -rn | head -"$top" || true   # head closing the pipe is not a failure
if [ "${HEAP_DUMPS:-0}" = 1 ]; then   # who holds the growth: owners (nearest non-JDK holder) per call
  echo "owners of the growth per call (bench/memory/heap_owners.py, heap dumps idle and up):"
  python3 "$root/bench/memory/heap_owners.py" "$work/idle.hprof" "$work/up.hprof" "$active" | head -"$((top + 1))" || true
fi
echo "SIPp calls ok / failed: $(stat_column stats.csv 'SuccessfulCall(C)') / $(stat_column stats.csv 'FailedCall(C)') (exit $sipp_exit); histograms in $work"
