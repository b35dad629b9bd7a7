#!/usr/bin/env bash
# Side by side (issue 13): the same SIPp load through the gateway and through Kamailio + rtpengine, interleaved.
#
#   bench/sidebyside/compare.sh N SECONDS REPEATS      e.g. 20 20 1 (a smoke run), 200 30 3, 500 30 3
#
# Every run: SIPp as the caller ramps to N concurrent calls (PCMA, SIPp's A-law pcap in 30 ms packets) through the
# system under test to a second SIPp that answers in PCMU and echoes the RTP back (-rtp_echo), so media flows both
# ways on both legs. Systems under test, in this order within each repeat:
#   gw              the gateway jar: a trunk-to-trunk route, both legs through the 48 kHz mixer (PCMA <-> PCMU)
#   rtpe-transcode  Kamailio (proxy, Record-Route) + rtpengine in userspace (--table=-1): PCMA masked towards the
#                   far end and PCMU offered (codec-mask / codec-transcode), so rtpengine transcodes both ways
#   rtpe-relay      the same without the codec flags: PCMA end to end, rtpengine only relays (the floor)
# CPU is read from /proc/<pid>/stat of the system under test (the JVM; rtpengine + every Kamailio process summed)
# over a steady window of SECONDS while all N calls are up, and divided by N. Loss is counted in three places,
# kept apart: the system's own counters (gateway /metrics; rtpengine's /metrics), the kernel's drop counter of the
# system's own UDP sockets, and the load generator's (the SIPp processes' sockets; the far SIPp's echo count).
#
# Environment: SUTS (default "gw rtpe-transcode rtpe-relay"), RAMP_S (10), GATEWAY_JAR, GATEWAY_JAVA_OPTS,
# RTPE_THREADS (rtpengine --num-threads, default: its own = cores), KAM_CHILDREN (4), KEEP=1 keeps the work dir,
# PROFILE=1 also records the system under test with perf over the window (call stacks at 499 Hz, kernel included,
# the JIT's symbols from `jcmd Compiler.perfmap`) and counts its system calls by kind; the profile costs CPU, so a
# profiled run's CPU figures are not for the comparison. The profile's summary lands in the work dir (with KEEP=1).
# Installs kamailio and rtpengine-daemon with apt-get when missing (needs root). Prints one table row per run and
# a summary (ratio gw / rtpe-transcode per repeat). Build the jar first: mvn -q package -DskipTests.
set -euo pipefail

usage() { echo "usage: $0 N SECONDS REPEATS   (N concurrent calls, SECONDS measured per run)" >&2; exit 2; }
[ $# -eq 3 ] || usage
calls=$1 window=$2 repeats=$3
for v in "$calls" "$window" "$repeats"; do [[ "$v" =~ ^[1-9][0-9]*$ ]] || usage; done

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
suts=${SUTS:-gw rtpe-transcode rtpe-relay}
ramp_s=${RAMP_S:-10}
settle_s=3
jar=${GATEWAY_JAR:-$root/target/voice-gateway.jar}
work=$(mktemp -d /tmp/sidebyside.XXXXXX)
hz=$(getconf CLK_TCK)
results="$work/results.tsv"

# --- tools -----------------------------------------------------------------------------------------------------
need_pkg() { # COMMAND PACKAGE
  command -v "$1" >/dev/null && return 0
  echo "installing $2 (for $1)" >&2
  if [ "$(id -u)" -eq 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >&2
  else sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >&2; fi
  command -v "$1" >/dev/null || { echo "$1 still missing after installing $2" >&2; exit 2; }
}
need_pkg sipp sip-tester
case " $suts " in *" rtpe-"*) need_pkg kamailio kamailio; need_pkg rtpengine rtpengine-daemon;; esac
need_pkg curl curl
need_pkg python3 python3
case " $suts " in *" gw "*) [ -f "$jar" ] || { echo "no $jar: build first (mvn -q package -DskipTests)" >&2; exit 2; };; esac

. "$here/../lib/ports.sh"   # free_ports, free_range
. "$here/../sipp/lib.sh"   # trunk_gateway_yaml, far_sipp_cmd, stat_column (its cpu_ticks is redefined below)

# --- processes and cleanup -------------------------------------------------------------------------------------
pids=()   # everything this script started, killed on exit
cleanup() {
  local p
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "work dir kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_pid() { # PID: TERM, then KILL after 10 s
  local p=$1 i
  kill "$p" 2>/dev/null || return 0
  for i in $(seq 100); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
}

host_idle_ticks() { # idle + iowait of all cores, in clock ticks
  awk '$1 == "cpu" { print $5 + $6 }' /proc/stat
}

cpu_ticks() { # PID...: utime+stime of the processes (all their threads), in clock ticks
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
  done
  echo "$t"
}

descendants() { # PID: the pid and its children (Kamailio forks its workers from the main process)
  echo "$1"
  ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' ' || true
}

# socket_drops PID...: the kernel's drop counter summed over the UDP sockets these processes hold open now.
socket_drops() {
  python3 - "$@" <<'PY'
import os, sys
inodes = set()
for pid in sys.argv[1:]:
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if link.startswith("socket:["):
                inodes.add(link[8:-1])
    except OSError:
        pass
drops = 0
for f in ("/proc/net/udp", "/proc/net/udp6"):
    try:
        for line in open(f).readlines()[1:]:
            cols = line.split()
            if cols[9] in inodes:
                drops += int(cols[-1])
    except OSError:
        pass
print(drops)
PY
}

udp_snmp() { # the system-wide UDP RcvbufErrors counter
  awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++) n[$i] = i; h = 1 } else print $n["RcvbufErrors"] }' /proc/net/snmp
}

prom() { # FILE METRIC: the value of a Prometheus sample (METRIC may carry {labels}) in a scraped FILE, 0 when absent
  awk -v m="$2" '$1 == m {v = $2} END {print (v == "" ? 0 : v)}' "$1"
}


# calls_at FILE SECONDS: SIPp's CurrentCall at SECONDS after its start, from its -fd 1 stats (read after the run:
# SIPp buffers the file, so its last line while running is stale).
calls_at() {
  [ -f "$1" ] || { echo "?"; return; }
  awk -F';' -v at="$2" 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "ElapsedTime(C)") e = i; if ($i == "CurrentCall") c = i }; next }
    { split($e, hms, ":"); t = hms[1] * 3600 + hms[2] * 60 + hms[3]; if (t <= at) v = $c } END { print (v == "" ? "?" : v) }' "$1"
}

wait_for() { # SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.2 s
  local limit=$1 what=$2 i
  shift 2
  for i in $(seq $((limit * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "timed out after ${limit}s waiting for $what" >&2
  return 1
}
udp_bound() { ss -Hlun "sport = :$1" | grep -q .; }

# --- systems under test ----------------------------------------------------------------------------------------
start_gw() { # DIR: the gateway with a trunk-to-trunk route to the far SIPp
  local dir=$1
  rtp_min=$(free_range $((8 * calls + 100)))
  # lib.sh's trunk gateway reads these names
  sip_port=$sut_port rtp_max=$((rtp_min + 8 * calls + 99))
  trunk_gateway_yaml "$dir/gw.yaml" "load*" bench "limits:
  enabled: false   # SIPp makes many calls a second from one loopback address: not a flood"
  # shellcheck disable=SC2086
  java ${GATEWAY_JAVA_OPTS:-} -jar "$jar" --conf "$dir/gw.yaml" > "$dir/gateway.log" 2>&1 &
  gw_pid=$!; pids+=("$gw_pid")
  wait_for 60 "the gateway's banner" grep -q '^dashboard' "$dir/gateway.log" || { tail -20 "$dir/gateway.log" >&2; return 1; }
  sut_pids() { echo "$gw_pid"; }
  sut_stop() { stop_pid "$gw_pid"; }
}

start_rtpe() { # DIR FLAGS: rtpengine (userspace) and Kamailio in front of it
  local dir=$1 flags=$2 rtpe_min
  rtpe_min=$(free_range $((8 * calls + 100)))
  # shellcheck disable=SC2086
  rtpengine --config-file=none --table=-1 --foreground --log-stderr --log-level=4 --interface=127.0.0.1 \
    --listen-ng="127.0.0.1:$ng_port" --listen-http="127.0.0.1:$http_port" --port-min="$rtpe_min" \
    --port-max=$((rtpe_min + 8 * calls + 99)) --delete-delay=0 --timeout=60 \
    ${RTPE_THREADS:+--num-threads=$RTPE_THREADS} > "$dir/rtpengine.log" 2>&1 &
  rtpe_pid=$!; pids+=("$rtpe_pid")
  wait_for 20 "rtpengine's /metrics" curl -sf --max-time 1 "http://127.0.0.1:$http_port/metrics" \
    || { tail -20 "$dir/rtpengine.log" >&2; return 1; }
  sed -e "s/@SIP_PORT@/$sut_port/g" -e "s/@NG_PORT@/$ng_port/g" -e "s/@FAR_PORT@/$far_port/g" \
      -e "s/@CHILDREN@/${KAM_CHILDREN:-4}/g" -e "s/@RTPE_FLAGS@/$flags/g" \
      "$here/kamailio.cfg.in" > "$dir/kamailio.cfg"
  kamailio -c -f "$dir/kamailio.cfg" > "$dir/kamailio-check.log" 2>&1 || { cat "$dir/kamailio-check.log" >&2; return 1; }
  kamailio -DD -E -f "$dir/kamailio.cfg" -P "$dir/kamailio.pid" -Y "$dir" -m 64 -M 8 > "$dir/kamailio.log" 2>&1 &
  kam_pid=$!; pids+=("$kam_pid")
  wait_for 20 "Kamailio on udp $sut_port" udp_bound "$sut_port" || { tail -20 "$dir/kamailio.log" >&2; return 1; }
  sut_pids() { echo "$rtpe_pid"; descendants "$kam_pid"; }
  sut_stop() { stop_pid "$kam_pid"; stop_pid "$rtpe_pid"; }
}

# The system's own counters, as "name=value" words: the gateway's mixer and RTP statistics, rtpengine's packets.
sut_counters() { # SUT (one scrape)
  local m="$work/scrape"
  curl -s --max-time 10 "http://127.0.0.1:$http_port/metrics" > "$m" || true
  case $1 in
    gw) echo "active=$(prom "$m" vg_media_active_calls) ticks=$(prom "$m" vg_mixer_ticks_total)" \
             "late=$(prom "$m" vg_mixer_late_ticks_total) skipped=$(prom "$m" vg_mixer_frames_skipped_total)" \
             "rx=$(prom "$m" vg_media_rtp_packets_received_total) lost=$(prom "$m" vg_media_rtp_packets_lost_total)" \
             "transcoded=mixer";;
    *)  echo "active=$(prom "$m" 'rtpengine_sessions{type="own"}') ticks=0 late=0 skipped=0" \
             "rx=$(prom "$m" 'rtpengine_packets_total{type="userspace"}')" \
             "lost=$(prom "$m" 'rtpengine_packet_errors_total{type="userspace"}')" \
             "transcoded=$(prom "$m" rtpengine_transcoded_media)";;
  esac
}
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k {print $2}'; }

# --- optional profile (PROFILE=1) ------------------------------------------------------------------------------
profiled_syscalls="recvfrom recvmsg recvmmsg sendto sendmsg sendmmsg epoll_wait epoll_pwait futex read write"
start_profile() { # DIR PIDS: perf record (stacks) and perf stat (system calls by kind) on the processes
  local dir=$1 list; list=$(tr ' ' ',' <<<"$2" | sed 's/,*$//')
  command -v perf >/dev/null || need_pkg perf linux-perf
  perf record -q -F 499 -g -p "$list" -o "$dir/perf.data" >/dev/null 2>"$dir/perf-record.log" & prof_pids+=($!)
  local ev="" s; for s in $profiled_syscalls; do ev="$ev${ev:+,}syscalls:sys_enter_$s"; done
  perf stat -e "$ev" -p "$list" -o "$dir/syscalls.txt" >/dev/null 2>&1 & prof_pids+=($!)
}

finish_profile() { # DIR PIDS: stop perf, name the JIT's code, summarise into DIR/profile.txt
  local dir=$1 p
  for p in "${prof_pids[@]}"; do kill -INT "$p" 2>/dev/null || true; done
  for p in "${prof_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  for p in $2; do jcmd "$p" Compiler.perfmap >/dev/null 2>&1 || true; done   # /tmp/perf-PID.map (JVM only)
  {
    echo "== system calls in the window (perf stat)"; grep -E 'syscalls:' "$dir/syscalls.txt"
    echo "== samples by shared object (self time)"
    perf report -i "$dir/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -15
    echo "== samples by thread name"
    perf report -i "$dir/perf.data" --no-children --sort comm --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -15
    echo "== top symbols (self time)"
    perf report -i "$dir/perf.data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -60
  } > "$dir/profile.txt"
  echo "profile of $(basename "$dir"): $dir/profile.txt" >&2
}

# --- one run ---------------------------------------------------------------------------------------------------
run_one() { # REPEAT SUT
  local rep=$1 sut=$2 dir="$work/$1-$2" rate hold_ms c0 c1 t0 t1 a0 a1 s0 s1 n0 n1 up0 up1 k0 k1 sut_drops far_drops other_drops
  mkdir -p "$dir"
  read -r sut_port far_port http_port ng_port <<<"$(free_ports 4)"
  case $sut in
    gw) start_gw "$dir" || return 1 ;;
    rtpe-transcode) start_rtpe "$dir" "replace-origin replace-session-connection codec-mask=all codec-transcode=PCMU" || return 1 ;;
    rtpe-relay) start_rtpe "$dir" "replace-origin replace-session-connection" || return 1 ;;
    *) echo "unknown system under test '$sut'" >&2; return 1 ;;
  esac
  # every call is up from the end of the ramp until after the window: ramp + settle + window + 3 s, in whole pcaps
  hold_ms=$(( ((ramp_s + settle_s + window + 3) * 1000 + 7999) / 8000 * 8000 ))
  sed "s/@HOLD_MS@/$hold_ms/g" "$here/uac_pcma.xml.in" > "$dir/uac_pcma.xml"
  case $sut in
    rtpe-relay) sed -e 's/@ANSWER_PT@/8/g' -e 's/@ANSWER_CODEC@/PCMA/g' "$here/uas.xml.in" > "$dir/uas.xml" ;;
    *) sed -e 's/@ANSWER_PT@/0/g' -e 's/@ANSWER_CODEC@/PCMU/g' "$here/uas.xml.in" > "$dir/uas.xml" ;;
  esac
  rate=$(( (calls + ramp_s - 1) / ramp_s ))
  (
    cd "$dir" && ln -sfn /usr/share/sip-tester pcap
    far_sipp_cmd "$dir/uas.xml" "$(free_ports 1)" "$calls"
    exec "${sipp_cmd[@]}" -trace_stat -stf far-stats.csv -fd 1 > far.log 2>&1
  ) & far_pid=$!; pids+=("$far_pid")
  wait_for 10 "the far SIPp on udp $far_port" udp_bound "$far_port" || { sut_stop; return 1; }
  (
    cd "$dir" && exec sipp "127.0.0.1:$sut_port" -sf "$dir/uac_pcma.xml" -s load1 -i 127.0.0.1 -mi 127.0.0.1 \
      -p "$(free_ports 1)" -mp "$(free_ports 1)" -nostdin -r "$rate" -l "$calls" -m "$calls" -trace_stat -stf stats.csv -fd 1 \
      -trace_err -error_file errors.log -timeout $((hold_ms / 1000 + ramp_s + 60))s -timeout_error > near.log 2>&1
  ) & near_pid=$!; pids+=("$near_pid")
  local near_start; near_start=$(date +%s.%N)

  sleep $((ramp_s + settle_s))
  local sp; sp=$(sut_pids | tr '\n' ' ')
  # The CPU window is exactly the sleep; the slower samples (a /metrics scrape, the sockets' drops) bracket it, so
  # their deltas cover it and a little more, and no sampling cost stretches the CPU window on a busy box.
  k0=$(sut_counters "$sut"); n0=$(socket_drops "$near_pid"); s0=$(udp_snmp); a0=$(cut -d' ' -f1 /proc/loadavg)
  local g0 g1 i0 i1 prof_pids=()
  [ "${PROFILE:-0}" = 1 ] && start_profile "$dir" "$sp"
  # shellcheck disable=SC2086
  c0=$(cpu_ticks $sp); g0=$(cpu_ticks "$near_pid" "$far_pid"); i0=$(host_idle_ticks); t0=$(date +%s.%N)
  sleep "$window"
  # shellcheck disable=SC2086
  c1=$(cpu_ticks $sp); g1=$(cpu_ticks "$near_pid" "$far_pid"); i1=$(host_idle_ticks); t1=$(date +%s.%N)
  [ "${PROFILE:-0}" = 1 ] && finish_profile "$dir" "$sp"
  a1=$(cut -d' ' -f1 /proc/loadavg); s1=$(udp_snmp); n1=$(socket_drops "$near_pid"); k1=$(sut_counters "$sut")
  # shellcheck disable=SC2086
  sut_drops=$(socket_drops $sp)
  far_drops=$(socket_drops "$far_pid")   # the subshells exec'd sipp
  # The caller's RTP socket is never read (SIPp's pcap player only sends), so the echoed audio fills it and the kernel
  # drops the rest there: that is not loss of the system under test. The system-wide receive-buffer errors of the
  # window are reported without it, so any other drop on the host (the system's or the far SIPp's sockets) shows.
  other_drops=$(( (s1 - s0) - (n1 - n0) ))

  # calls end on their own (bounded by SIPp's -timeout); then the totals of the whole run
  local near_rc=0 far_rc=0
  wait "$near_pid" || near_rc=$?
  for _ in $(seq 100); do kill -0 "$far_pid" 2>/dev/null || break; sleep 0.1; done
  kill "$far_pid" 2>/dev/null || true; wait "$far_pid" 2>/dev/null || far_rc=$?
  local kend; kend=$(sut_counters "$sut")
  sut_stop
  local ok failed retrans
  up0=$(calls_at "$dir/stats.csv" "$(awk -v a="$t0" -v b="$near_start" 'BEGIN { printf "%d", a - b + 0.5 }')")
  up1=$(calls_at "$dir/stats.csv" "$(awk -v a="$t1" -v b="$near_start" 'BEGIN { printf "%d", a - b }')")
  echo "window $t0 - $t1, caller started $near_start, calls up $up0 / $up1" > "$dir/window.txt"
  ok=$(stat_column "$dir/stats.csv" "SuccessfulCall(C)"); failed=$(stat_column "$dir/stats.csv" "FailedCall(C)")
  retrans=$(stat_column "$dir/stats.csv" "Retransmissions(C)")
  awk -v rep="$rep" -v sut="$sut" -v calls="$calls" -v hz="$hz" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" \
      -v active="${up0:-0}" -v active1="${up1:-0}" \
      -v ticks0="$(field "$k0" ticks)" -v ticks1="$(field "$k1" ticks)" -v late0="$(field "$k0" late)" \
      -v late1="$(field "$k1" late)" -v skipped0="$(field "$k0" skipped)" -v skipped1="$(field "$k1" skipped)" \
      -v rx="$(field "$kend" rx)" -v lost="$(field "$kend" lost)" -v sutd="$sut_drops" \
      -v fard="$far_drops" -v snmp="$other_drops" -v a0="$a0" -v a1="$a1" -v ok="${ok:-?}" -v failed="${failed:-?}" \
      -v retrans="${retrans:-?}" -v transcoded="$(field "$k1" transcoded)" -v nrc="$near_rc" \
      -v g0="$g0" -v g1="$g1" -v i0="$i0" -v i1="$i1" 'BEGIN {
    secs = t1 - t0; cpu = (c1 - c0) / hz / secs * 100
    ticks = ticks1 - ticks0; late = late1 - late0; skipped = skipped1 - skipped0
    gen = (g1 - g0) / hz / secs * 100; idle = (i1 - i0) / hz / secs * 100
    printf "%s\t%s\t%d\t%s/%s\t%.1f\t%.4f\t%d\t%d\t%d\t%d\t%d\t%.4f\t%d\t%d\t%d\t%s\t%s\t%s/%s\t%s\t%s\t%s/%s\t%d\t%.1f\t%.1f\n",
      rep, sut, calls, active, active1, cpu, cpu / calls, secs, ticks, late, skipped, rx, (rx + lost > 0 ? lost * 100 / (rx + lost) : 0),
      lost, sutd, fard, snmp, transcoded, ok, failed, retrans, nrc, a0, a1, (c1 - c0), gen, idle }' >> "$results"
  tail -1 "$results" | print_rows
}

header="rep\tsut\tN\tup(start/end)\tcpu%\tcpu%/call\twin_s\tticks\tlate\tskipped\tsut_rx\tsut_loss%\tsut_lost\tsut_sock_drops\tfar_sock_drops\thost_rcvbuf_err\ttranscoding\tcalls_ok/failed\tretrans\tnear_exit\tload(start/end)\tcpu_ticks\tsipp_cpu%\thost_idle%"
print_rows() { awk -F'\t' '{ printf "%-3s %-15s %4s %9s %6s %9s %5s %6s %5s %7s %9s %9s %7s %7s %7s %6s %9s %8s %6s %3s %11s %9s %10s\n",
  $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24 }'; }

echo "side by side: $calls calls, ${window} s measured per run, $repeats repeat(s), order: $suts"
echo "host: $(nproc) cores, $(uname -r), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "gateway jar: $jar  java: $(java -version 2>&1 | head -1)"
echo "kamailio: $(kamailio -v 2>/dev/null | head -1 | awk '{print $3}')  rtpengine: $(rtpengine --version 2>&1 | awk '{print $2}' | head -1)  sipp: $(sipp -v 2>&1 | grep -o 'v[0-9.]*' | head -1)"
echo "work dir: $work"
printf '%b\n' "$header" | print_rows
printf '%b\n' "$header" > "$results"
for rep in $(seq "$repeats"); do
  for sut in $suts; do
    run_one "$rep" "$sut" || echo "run $rep $sut failed (logs in $work/$rep-$sut)" >&2
  done
done

echo
echo "summary (cpu % of one core per call over the measured window; ratio = gw / rtpe-transcode of the same repeat):"
awk -F'\t' 'NR > 1 { cpu[$1, $2] = $6; if ($1 > reps) reps = $1; skip[$2] += $10; late[$2] += $9; load[$1, $2] = $21 }
  END {
    for (r = 1; r <= reps; r++) {
      g = cpu[r, "gw"]; t = cpu[r, "rtpe-transcode"]; l = cpu[r, "rtpe-relay"]
      printf "repeat %d: gw %s  rtpe-transcode %s  rtpe-relay %s  ratio gw/transcode %s  gw/relay %s  load gw|transcode|relay %s | %s | %s\n",
        r, g == "" ? "-" : g, t == "" ? "-" : t, l == "" ? "-" : l, (g != "" && t > 0) ? sprintf("%.2f", g / t) : "-",
        (g != "" && l > 0) ? sprintf("%.2f", g / l) : "-", load[r, "gw"], load[r, "rtpe-transcode"], load[r, "rtpe-relay"]
      if (g != "" && t > 0) { printf "%.4f\n", g / t > ratios }
    }
    close(ratios)
    printf "gw mixer late ticks / skipped frames over all windows: %d / %d (goal: 0 skipped)\n", late["gw"], skip["gw"]
  }' ratios="$work/ratios" "$results"
sort -n "$work/ratios" 2>/dev/null | awk '{ r[NR] = $1 } END { if (NR) printf "median ratio gw/rtpe-transcode over %d repeat(s): %.2f (goal <= 0.80)\n",
  NR, (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }'
echo "rows (tab-separated, for docs/performance.md):"
cat "$results"
