# Shared by the SIPp load scripts: start the gateway jar on loopback with a given configuration, read its
# metrics and CPU, and print the report. Source it after setting $root and $work.

# start_gateway CONF_FILE: runs the jar ($GATEWAY_JAR, default target/voice-gateway.jar: set it to compare
# two builds) in the background ($gw is its pid) and waits for the banner. $GATEWAY_JAVA_OPTS: extra JVM options.
start_gateway() {
  java ${GATEWAY_JAVA_OPTS:-} -jar "${GATEWAY_JAR:-$root/target/voice-gateway.jar}" --conf "$1" > "$work/gateway.log" 2>&1 &
  gw=$!
  trap 'kill $gw 2>/dev/null || true' EXIT
  for _ in $(seq 150); do grep -q '^dashboard' "$work/gateway.log" && break; sleep 0.2; done
  grep -q '^dashboard' "$work/gateway.log" || { cat "$work/gateway.log" >&2; exit 1; }
}

# trunk_gateway_yaml FILE MATCH TOKEN [EXTRA_YAML]: the trunk-to-trunk gateway of the B2BUA benches (b2bua-load,
# memory, soak, sidebyside): SIP over UDP on 127.0.0.1:$sip_port, RTP ports $rtp_min-$rtp_max, HTTP on $http_port
# with API token TOKEN; inbound numbers matching MATCH (from anyone: "trunk") go to the far trunk at
# 127.0.0.1:$far_port, offered PCMU; the bridge's TCP listener off. EXTRA_YAML (limits:, history:, bridge: ...) is appended as it is.
trunk_gateway_yaml() {
  cat > "$1" <<YAML
media:
  sip_port: $sip_port
  sip_transport: [udp]
  bind_address: 127.0.0.1
  rtp_port_range: $rtp_min-$rtp_max
  keepalive_interval: 1h
http:
  host: 127.0.0.1
  port: $http_port
  api_token: $3
bridge:
  tcp_enabled: false   # its fixed port 7000 may be taken on a shared box; no bench call uses the bridge
providers:
  - id: far
    host: 127.0.0.1
    port: $far_port
    codecs: [g711-ulaw]
routes:
  - direction: inbound
    match: "$2"
    provider: far
    from: trunk
${4:-}
YAML
}

# far_sipp_cmd SCENARIO MEDIA_PORT CALLS: sets the array $sipp_cmd to the far trunk's SIPp (UAS on $far_port,
# echoing RTP from MEDIA_PORT, CALLS calls, errors in far-errors.log); the caller adds its own options and runs
# it: "${sipp_cmd[@]}" -trace_stat ... > far.log 2>&1 &   (or exec it, so that $! is SIPp itself)
far_sipp_cmd() {
  sipp_cmd=(sipp -sf "$1" -p "$far_port" -i 127.0.0.1 -mi 127.0.0.1 -mp "$2" -rtp_echo -nostdin -m "$3"
    -trace_err -error_file far-errors.log)
}

# start_near_sipp SERVICE: SIPp as the calling side ($calls calls ramped over $ramp_s s, each the A-law pcap
# for 56 s, see echo_load.xml) to sip:SERVICE@gateway, in the background ($sipp_pid), stats in stats.csv.
start_near_sipp() {
  ln -sfn /usr/share/sip-tester pcap
  local rate=$(( (calls + ramp_s - 1) / ramp_s ))
  echo "$calls concurrent calls to $1 ($rate/s ramp), 56 s of RTP each; work dir $work"
  sipp "127.0.0.1:$sip_port" -sf "$here/echo_load.xml" -s "$1" -i 127.0.0.1 -mi 127.0.0.1 -nostdin \
    -r "$rate" -l "$calls" -m "$calls" -trace_stat -stf stats.csv -fd 5 -trace_counts \
    -trace_err -error_file errors.log -timeout 180s -timeout_error > sipp.log 2>&1 &
  sipp_pid=$!
}

metric() { curl -s "http://127.0.0.1:$http_port/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$gw/stat"; }

# measure_window SECONDS: samples CPU and mixer counters over a steady window.
measure_window() {
  late0=$(metric vg_mixer_late_ticks_total); skip0=$(metric vg_mixer_frames_skipped_total)
  ticks0=$(metric vg_mixer_ticks_total); cpu0=$(cpu_ticks); t0=$(date +%s.%N)
  active=$(metric vg_media_active_calls)
  sleep "$1"
  cpu1=$(cpu_ticks); t1=$(date +%s.%N)
  late1=$(metric vg_mixer_late_ticks_total); skip1=$(metric vg_mixer_frames_skipped_total)
  ticks1=$(metric vg_mixer_ticks_total)
}

# stat_column FILE NAME: the last value of a SIPp -trace_stat column; "?" when FILE is missing.
stat_column() {
  [ -f "$1" ] || { echo "?"; return; }
  tail -1 "$1" | awk -F';' -v h="$(head -1 "$1")" -v name="$2" \
    'BEGIN{n=split(h,H,";")} {for(i=1;i<=n;i++) if(H[i]==name) print $i}'
}

# count_column NAME: the last value of a SIPp -trace_counts column (e.g. 4_200_Retrans) in $work.
count_column() {
  local file
  file=$(ls "$work"/*_counts.csv 2>/dev/null | head -1 || true)
  if [ -n "$file" ]; then stat_column "$file" "$1"; fi
}

# report CALLS SIPP_EXIT STATS_FILE
report() {
  local received lost ok failed resent
  received=$(metric vg_media_rtp_packets_received_total); lost=$(metric vg_media_rtp_packets_lost_total)
  ok=$(stat_column "$3" "SuccessfulCall(C)"); failed=$(stat_column "$3" "FailedCall(C)")
  resent=$(count_column 4_200_Retrans)   # the 200 to the INVITE seen again: its ACK was missed or late
  awk -v calls="$1" -v active="$active" -v c0="$cpu0" -v c1="$cpu1" -v t0="$t0" -v t1="$t1" \
      -v hz="$(getconf CLK_TCK)" -v l0="$late0" -v l1="$late1" -v s0="$skip0" -v s1="$skip1" -v k0="$ticks0" \
      -v k1="$ticks1" -v rx="$received" -v lost="$lost" -v ok="$ok" -v failed="$failed" -v se="$2" \
      -v resent="${resent:-?}" 'BEGIN {
    secs = t1 - t0; cpu = (c1 - c0) / hz / secs * 100
    printf "concurrent calls (measured)   %d of %d\n", active, calls
    printf "gateway CPU                   %.1f %% of one core (%.3f %% per call)\n", cpu, cpu / (active > 0 ? active : 1)
    printf "mixer ticks / late / skipped  %d / %d / %d frames (over %.0f s)\n", k1 - k0, l1 - l0, s1 - s0, secs
    printf "RTP received / lost           %d / %d (%.4f %%)\n", rx, lost, (rx > 0 ? lost * 100 / (rx + lost) : 0)
    printf "SIPp calls ok / failed        %s / %s (exit %d)\n", ok, failed, se
    printf "200 OKs re-sent (ACK missed)  %s\n", resent
  }'
}
