#!/usr/bin/env bash
# Start-up time (issue 13): starts the gateway jar K times, one after the other, on free loopback ports and measures
# the wall time from launching `java` to the first 200 from GET /health. Prints each run, then median/min/max, and
# the CPU time the JVM had used by then (all threads: on a busy box the wall time mostly measures the box),
# per run the gateway's own start-up breakdown line ("start-up: ...", see Gateway) and the number of classes loaded.
#
#   bench/startup/startup.sh [K]          (default 5; build first: mvn -q package -DskipTests)
#
# Environment: GATEWAY_JAR (another build, for a before/after), GATEWAY_JAVA (another java, e.g. a JDK 25), GATEWAY_JAVA_OPTS (extra JVM options, e.g. an AppCDS
# archive: -XX:SharedArchiveFile=vg.jsa), CLASSLOAD=1 also counts loaded classes by source (-Xlog:class+load),
# GATEWAY_YAML_EXTRA is appended to the generated configuration (e.g. "cluster:\n  enabled: false" to say it, or
# another section to see what it costs), STARTUPTIME=1 adds -Xlog:startuptime (JVM phases), THREADS=1 prints the CPU time each thread (grouped by name:
# JIT compilers, GC, event loops, workers...) had used when /health answered. Every run is killed after 60 s at most.
set -euo pipefail

runs=${1:-5}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [K]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${GATEWAY_JAR:-$root/target/voice-gateway.jar}
[ -f "$jar" ] || { echo "no $jar: build first (mvn -q package -DskipTests)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }
work=$(mktemp -d /tmp/startup.XXXXXX)
gw=""
cleanup() {
  if [ -n "$gw" ]; then kill "$gw" 2>/dev/null || true; wait "$gw" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "work dir kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. "$here/../lib/ports.sh"   # free_ports

now_ms() { date +%s%3N; }

# thread_cpu PID: CPU ms per thread-name group (digits folded: vert.x-eventloop-thread-0 and -1 are one group).
thread_cpu() {
  local hz; hz=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(tr -d '\n' < "$t/comm")" "$(sed 's/^.*) //' "$t/stat" | awk '{ print $12 + $13 }')"
  done 2>/dev/null | awk -F'\t' -v hz="$hz" '{ name = $1; gsub(/[0-9]+/, "N", name); ms[name] += $2 * 1000 / hz; n[name]++ }
    END { for (k in ms) printf "%6d ms  %s (%d)\n", ms[k], k, n[k] }' | sort -rn
}

echo "start-up of $jar, $runs run(s); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java=${GATEWAY_JAVA:-java}
echo "java: $("$java" -version 2>&1 | head -1)  options: ${GATEWAY_JAVA_OPTS:-(none)}"
: > "$work/times"; : > "$work/cpu"
for i in $(seq "$runs"); do
  read -r sip http bus <<<"$(free_ports 3)"
  # the configuration refuses a SIP port inside the RTP range (40000-40199, below): pick again
  while [ "$sip" -ge 40000 ] && [ "$sip" -le 40199 ]; do read -r sip http bus <<<"$(free_ports 3)"; done
  cat > "$work/gw.yaml" <<YAML
media:
  sip_port: $sip
  sip_transport: [udp]
  bind_address: 127.0.0.1
  rtp_port_range: 40000-40199   # ports are bound per call: none is opened here
http:
  host: 127.0.0.1
  port: $http
  api_token: bench
bridge:
  tcp_port: $bus   # not the default 7000, which another gateway on a shared box may hold
history:
  data_dir: $work/data-$i
YAML
  [ -n "${GATEWAY_YAML_EXTRA:-}" ] && printf '%b\n' "$GATEWAY_YAML_EXTRA" >> "$work/gw.yaml"
  opts=${GATEWAY_JAVA_OPTS:-}
  [ "${CLASSLOAD:-0}" = 1 ] && opts="$opts -Xlog:class+load=info:file=$work/classes-$i.log"
  [ "${STARTUPTIME:-0}" = 1 ] && opts="$opts -Xlog:startuptime=info:file=$work/startuptime-$i.log"
  t0=$(now_ms)
  # shellcheck disable=SC2086
  "$java" $opts -jar "$jar" --conf "$work/gw.yaml" > "$work/gateway-$i.log" 2>&1 &
  gw=$!
  up=""
  while [ $(( $(now_ms) - t0 )) -lt 60000 ]; do
    if curl -sf --max-time 1 -o /dev/null "http://127.0.0.1:$http/health"; then
      up=$(( $(now_ms) - t0 ))
      cpu=$(sed 's/^.*) //' "/proc/$gw/stat" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($12 + $13) * 1000 / hz }')
      if [ "${THREADS:-0}" = 1 ]; then
        thread_cpu "$gw" > "$work/threads-$i.txt"
        # JIT compilations so far and their time, from the JVM's perf data (jstat attaches to nothing)
        jstat -compiler "$gw" 2>/dev/null | awk 'NR == 2 { printf "%6d ms  JIT: %d methods compiled (jstat)\n", $4 * 1000, $1 }' >> "$work/threads-$i.txt" || true
      fi
      break
    fi
    kill -0 "$gw" 2>/dev/null || break
    sleep 0.02
  done
  kill "$gw" 2>/dev/null || true; wait "$gw" 2>/dev/null || true; gw=""
  if [ -z "$up" ]; then echo "run $i: no /health within 60 s" >&2; tail -20 "$work/gateway-$i.log" >&2; exit 1; fi
  echo "$up" >> "$work/times"; echo "$cpu" >> "$work/cpu"
  breakdown=$(grep -o 'start-up: .*' "$work/gateway-$i.log" | head -1 || true)
  classes=""
  if [ -f "$work/classes-$i.log" ]; then
    classes=$(awk '{ n++; if (/shared objects file/) cds++; else if (/jrt:\//) jdk++; else app++ }
      END { printf " classes %d (CDS %d, JDK %d, jar %d)", n, cds, jdk, app }' "$work/classes-$i.log")
  fi
  printf 'run %d: /health after %d ms, %d ms of CPU (all threads)%s\n    %s\n' "$i" "$up" "$cpu" "$classes" "${breakdown:-(no start-up line in the log)}"
  if [ -f "$work/threads-$i.txt" ]; then head -14 "$work/threads-$i.txt" | sed 's/^/    thread CPU: /'; fi
  if [ -f "$work/startuptime-$i.log" ]; then sed 's/^/    jvm: /' "$work/startuptime-$i.log" | tail -n 12; fi
done
sort -n "$work/times" | awk '{ t[NR] = $1 } END {
  med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
  printf "time to /health over %d run(s): median %d ms, min %d ms, max %d ms (goal: median <= 1500 ms)\n", NR, med, t[1], t[NR] }'
sort -n "$work/cpu" | awk '{ t[NR] = $1 } END {
  printf "CPU time to /health: median %d ms, min %d ms, max %d ms (less sensitive to a busy box than the wall time)\n",
    (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2, t[1], t[NR] }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
