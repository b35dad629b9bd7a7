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
YAML

java -jar "$root/target/voice-gateway.jar" --conf "$work/gw.yaml" > "$work/gateway.log" 2>&1 &
gw=$!
trap 'kill $gw 2>/dev/null || true' EXIT
for _ in $(seq 150); do grep -q '^dashboard' "$work/gateway.log" && break; sleep 0.2; done
grep -q '^dashboard' "$work/gateway.log" || { cat "$work/gateway.log" >&2; exit 1; }

metric() { curl -s "http://127.0.0.1:$http_port/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$gw/stat"; }
hz=$(getconf CLK_TCK)

cd "$work"
ln -sfn /usr/share/sip-tester pcap
rate=$(( (calls + ramp_s - 1) / ramp_s ))
echo "echo load: $calls concurrent calls ($rate/s ramp), 56 s of RTP each; work dir $work"
sipp "127.0.0.1:$sip_port" -sf "$here/echo_load.xml" -s echo -i 127.0.0.1 -mi 127.0.0.1 -nostdin \
  -r "$rate" -l "$calls" -m "$calls" -trace_stat -stf stats.csv -fd 5 \
  -trace_err -error_file errors.log -timeout 180s -timeout_error > sipp.log 2>&1 &
sipp_pid=$!

# Measure over the steady middle of the run: every call up, none ended yet.
sleep $((ramp_s + 5))
late0=$(metric vg_mixer_late_ticks_total); skip0=$(metric vg_mixer_frames_skipped_total)
ticks0=$(metric vg_mixer_ticks_total); cpu0=$(cpu_ticks); t0=$(date +%s.%N)
active=$(metric vg_media_active_calls)
sleep 30
cpu1=$(cpu_ticks); t1=$(date +%s.%N)
late1=$(metric vg_mixer_late_ticks_total); skip1=$(metric vg_mixer_frames_skipped_total)
ticks1=$(metric vg_mixer_ticks_total)

wait $sipp_pid && sipp_exit=0 || sipp_exit=$?
received=$(metric vg_media_rtp_packets_received_total); lost=$(metric vg_media_rtp_packets_lost_total)
ok=$(tail -1 stats.csv | awk -F';' -v h="$(head -1 stats.csv)" 'BEGIN{n=split(h,H,";")} {for(i=1;i<=n;i++) if(H[i]=="SuccessfulCall(C)") print $i}')
failed=$(tail -1 stats.csv | awk -F';' -v h="$(head -1 stats.csv)" 'BEGIN{n=split(h,H,";")} {for(i=1;i<=n;i++) if(H[i]=="FailedCall(C)") print $i}')

awk -v calls="$calls" -v active="$active" -v c0="$cpu0" -v c1="$cpu1" -v t0="$t0" -v t1="$t1" -v hz="$hz" \
    -v l0="$late0" -v l1="$late1" -v s0="$skip0" -v s1="$skip1" -v k0="$ticks0" -v k1="$ticks1" \
    -v rx="$received" -v lost="$lost" -v ok="$ok" -v failed="$failed" -v se="$sipp_exit" 'BEGIN {
  secs = t1 - t0; cpu = (c1 - c0) / hz / secs * 100
  printf "concurrent calls (measured)   %d of %d\n", active, calls
  printf "gateway CPU                   %.1f %% of one core (%.3f %% per call)\n", cpu, cpu / (active > 0 ? active : 1)
  printf "mixer ticks / late / skipped  %d / %d / %d frames (over %.0f s)\n", k1 - k0, l1 - l0, s1 - s0, secs
  printf "RTP received / lost           %d / %d (%.4f %%)\n", rx, lost, (rx > 0 ? lost * 100 / (rx + lost) : 0)
  printf "SIPp calls ok / failed        %s / %s (exit %d)\n", ok, failed, se
}'
