#!/usr/bin/env bash
# Soak: CALLS B2BUA calls, CONCURRENCY at a time, with random endings, through the gateway: SIPp as the near
# trunk calls numbers the gateway routes to a far trunk (a second SIPp); both echo RTP (-rtp_echo), so every
# connected call carries audio both ways through the mixer. Endings, mixed in time (five SIPp callers at once)
# and with random durations (uniform pauses):
#   caller  35 %  answered, the caller hangs up after 1-4 s
#   callee  25 %  answered, the far end hangs up after 1-4 s
#   cancel  15 %  the far end rings, the caller CANCELs after 0.2-1.5 s (487)
#   noanswer 10 % the far end rings and never answers; the caller gives up after 3 s (CANCEL, 487)
#   busy    15 %  the far end answers 486 Busy Here, which reaches the caller
# Afterwards: every RTP port back in the pool (vg_rtp_ports_free), no call left (vg_media_active_calls), heap
# after a full GC within ±10 % of the heap after a full GC once a warm-up batch ran (WARMUP calls, default
# max(CALLS/10, 600): more than the 500 calls the SIP ladder store keeps), and 0 failed calls (every ending
# above is what SIPp expects, so any other outcome is a failure).
#
# usage: nice -n 10 bench/soak/soak.sh CALLS CONCURRENCY   (build first: mvn -q package -DskipTests)
set -euo pipefail

calls=${1:-1000}
conc=${2:-40}
warm=${WARMUP:-$(( calls / 10 > 600 ? calls / 10 : 600 ))}   # > the 500 calls the SIP ladder store keeps
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
sip_port=${SIP_PORT:-45160}
far_port=${FAR_PORT:-45170}
http_port=${HTTP_PORT:-48180}
rtp_min=52000
rtp_max=$((rtp_min + 4 * conc + 399))   # two legs a call, each an even/odd pair, and room for stragglers

command -v sipp >/dev/null || { echo "sipp not installed (Debian package sip-tester)" >&2; exit 2; }
command -v jcmd >/dev/null || { echo "jcmd not found (a JDK's bin/)" >&2; exit 2; }
[ -f "$root/target/voice-gateway.jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }

cat > "$work/gw.yaml" <<YAML
media:
  sip_port: $sip_port
  sip_transport: [udp]
  bind_address: 127.0.0.1
  rtp_port_range: $rtp_min-$rtp_max
  keepalive_interval: 1h
http:
  host: 127.0.0.1
  port: $http_port
  api_token: soak
history:
  enabled: false
bridge:
  tcp_enabled: false
providers:
  - id: far
    host: 127.0.0.1
    port: $far_port
    codecs: [g711-ulaw]
routes:
  - direction: inbound
    match: "soak*"
    provider: far
    from: trunk
YAML

# --- scenarios, written from shared blocks (one INVITE, one ACK, one BYE) --------------------------------------
sdp() { # $1 payload type, $2 encoding
  printf '      v=0\n      o=soak 1 1 IN IP[local_ip_type] [local_ip]\n      s=-\n      c=IN IP[media_ip_type] [media_ip]\n'
  printf '      t=0 0\n      m=audio [media_port] RTP/AVP %s\n      a=rtpmap:%s %s/8000\n' "$1" "$1" "$2"
}
near_invite() {
  cat <<XML
  <send retrans="500"><![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-soak-[pid]-[call_number]
      From: "soak" <sip:soak@[local_ip]:[local_port]>;tag=[pid]SoakTag[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:soak@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

$(sdp 8 PCMA)
    ]]></send>
  <recv response="100" optional="true"/>
XML
}
near_in_dialog() { # $1 method, $2 CSeq number; Request-URI the gateway's Contact. An ACK is never retransmitted.
  cat <<XML
  <send$([ "$1" = ACK ] || echo ' retrans="500"')><![CDATA[
      $1 [\$peer] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-soak$1-[pid]-[call_number]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      CSeq: $2 $1
      Contact: <sip:soak@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]></send>
XML
}
near_cancel() {
  cat <<XML
  <send retrans="500"><![CDATA[
      CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-soak-[pid]-[call_number]
      From: "soak" <sip:soak@[local_ip]:[local_port]>;tag=[pid]SoakTag[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 CANCEL
      Max-Forwards: 70
      Content-Length: 0
    ]]></send>
  <recv response="200"/>
  <recv response="487"/>
XML
}
near_ack_failure() { # the ACK of a final failure is hop-by-hop: the INVITE's branch (a fixed one per call) and Request-URI
  cat <<XML
  <send><![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-soak-[pid]-[call_number]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]></send>
XML
}
answered() { # 180 optional, the 200 (its Contact kept for in-dialog requests), the ACK
  cat <<XML
  <recv response="180" optional="true"/>
  <recv response="200" rtd="true">
    <action><ereg regexp="sip:[^>]*" search_in="hdr" header="Contact:" assign_to="peer"/></action>
  </recv>
$(near_in_dialog ACK 1)
XML
}
near_scenario() { # $1 name, $2 body
  printf '<?xml version="1.0" encoding="ISO-8859-1" ?>\n<!DOCTYPE scenario SYSTEM "sipp.dtd">\n'
  printf '<scenario name="soak %s">\n%s\n%s\n</scenario>\n' "$1" "$(near_invite)" "$2"
}
pause() { echo "  <pause distribution=\"uniform\" min=\"$1\" max=\"$2\"/>"; }

near_scenario caller "$(answered)
$(pause 1000 4000)
$(near_in_dialog BYE 2)
  <recv response=\"200\" crlf=\"true\"/>" > "$work/caller.xml"
near_scenario callee "$(answered)
  <recv request=\"BYE\"/>
  <send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]></send>" > "$work/callee.xml"
near_scenario cancel "  <recv response=\"180\"/>
$(pause 200 1500)
$(near_cancel)
$(near_ack_failure)" > "$work/cancel.xml"
near_scenario noanswer "  <recv response=\"180\"/>
  <pause milliseconds=\"3000\"/>
$(near_cancel)
$(near_ack_failure)" > "$work/noanswer.xml"
near_scenario busy "  <recv response=\"180\" optional=\"true\"/>
  <recv response=\"486\"/>
$(near_ack_failure)" > "$work/busy.xml"

# The far trunk: what it does depends on the number dialled (soakcaller…, soakcallee…, soakcancel…, …).
far_reply() { # $1 status line, $2 extra headers/body marker
  cat <<XML
  <send><![CDATA[
      SIP/2.0 $1
      Via:[\$via]
      From:[\$from]
      To:[\$to];tag=[pid]FarTag[call_number]
      Call-ID:[\$cid]
      CSeq: [\$cseq] INVITE
      Contact: <sip:far@[local_ip]:[local_port]>
$2
    ]]></send>
XML
}
cat > "$work/far.xml" <<XML
<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="soak far end">
  <recv request="INVITE">
    <action>
      <ereg regexp=".*" search_in="hdr" header="Via:" assign_to="via"/>
      <ereg regexp=".*" search_in="hdr" header="From:" assign_to="from"/>
      <ereg regexp=".*" search_in="hdr" header="To:" assign_to="to"/>
      <ereg regexp=".*" search_in="hdr" header="Call-ID:" assign_to="cid"/>
      <ereg regexp="[0-9]+" search_in="hdr" header="CSeq:" assign_to="cseq"/>
      <ereg regexp="sip:[^>]*" search_in="hdr" header="Contact:" assign_to="gw"/>
      <ereg regexp="^INVITE sip:soakbusy" search_in="msg" check_it="false" assign_to="busy"/>
      <ereg regexp="^INVITE sip:soak(cancel|noanswer)" search_in="msg" check_it="false" assign_to="ringing"/>
      <ereg regexp="^INVITE sip:soakcallee" search_in="msg" check_it="false" assign_to="hangsup"/>
    </action>
  </recv>
  <nop next="busy" test="busy"/>
$(far_reply "180 Ringing" "      Content-Length: 0")
  <nop next="ringing" test="ringing"/>
$(far_reply "200 OK" "      Content-Type: application/sdp
      Content-Length: [len]

$(sdp 0 PCMU)")
  <recv request="ACK"/>
  <nop next="hangsup" test="hangsup"/>
  <recv request="BYE"/>
  <send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]></send>
  <nop next="end"/>

  <label id="hangsup"/>
$(pause 1000 4000)
  <send retrans="500"><![CDATA[
      BYE [\$gw] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From:[\$to];tag=[pid]FarTag[call_number]
      To:[\$from]
      Call-ID:[\$cid]
      CSeq: 2 BYE
      Contact: <sip:far@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]></send>
  <recv response="200"/>
  <nop next="end"/>

  <label id="ringing"/>
  <recv request="CANCEL"/>
  <send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]></send>
$(far_reply "487 Request Terminated" "      Content-Length: 0")
  <recv request="ACK"/>
  <nop next="end"/>

  <label id="busy"/>
$(far_reply "486 Busy Here" "      Content-Length: 0")
  <recv request="ACK"/>
  <label id="end"/>
</scenario>
XML

# --- run ------------------------------------------------------------------------------------------------------
. "$root/bench/sipp/lib.sh"
# a background job of a script ignores SIGQUIT, so the JVM would never answer jcmd: open its attach listener now
GATEWAY_JAVA_OPTS="-XX:+StartAttachListener ${GATEWAY_JAVA_OPTS:-}" start_gateway "$work/gw.yaml"
heap() { # heap in use after a full GC, bytes, once the last batch's SIP transactions have ended
  # Terminated transactions stay in the stack's tables until Timer J / Timer K (64 x T1 = 32 s over UDP) and a
  # dialog until its last transaction goes: measured at once, the baseline held the warm-up's tail (a 10,000-call
  # run then read -35 %, a baseline artefact rather than a shrinking heap). Both samples wait the same settle time.
  sleep "${SETTLE_SECONDS:-40}"
  jcmd "$gw" GC.run >/dev/null
  jcmd "$gw" GC.class_histogram > "${HISTOGRAM_DIR:-$work}/histogram-$(date +%s).txt" 2>/dev/null || true # what it holds
  curl -s "http://127.0.0.1:$http_port/metrics" \
    | awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 {s += $NF} END {printf "%d", s}' # ids hold spaces
}
ports_total=$(metric vg_rtp_ports_capacity)
cd "$work"

sipp -sf far.xml -p "$far_port" -i 127.0.0.1 -mi 127.0.0.1 -mp 46100 -rtp_echo -nostdin -m $((warm + calls)) \
  -trace_stat -stf far-stats.csv -fd 5 -trace_err -error_file far-errors.log > far.log 2>&1 &
far_pid=$!
trap 'kill $gw $far_pid 2>/dev/null || true' EXIT

declare -A share=([caller]=35 [callee]=25 [cancel]=15 [noanswer]=10 [busy]=15)
# run_batch CALLS PREFIX: the five callers at once, CALLS shared out as above; $status 1 if a SIPp failed
run_batch() {
  local pids=() port=45200 left=$1 n l
  for kind in caller callee cancel noanswer busy; do
    n=$(( $1 * ${share[$kind]} / 100 )); [ "$kind" = busy ] && n=$left; left=$((left - n))
    l=$(( conc * ${share[$kind]} / 100 )); [ "$l" -lt 1 ] && l=1
    sipp "127.0.0.1:$sip_port" -sf "$kind.xml" -s "soak$kind" -p "$port" -mp $((46200 + 10 * ${#pids[@]})) \
      -rtp_echo -i 127.0.0.1 -mi 127.0.0.1 -nostdin -m "$n" -l "$l" -r "$l" -trace_stat -stf "$2$kind-stats.csv" \
      -fd 5 -trace_err -error_file "$2$kind-errors.log" -timeout 900s -timeout_error > "$2$kind.log" 2>&1 &
    pids+=($!); port=$((port + 2))
  done
  status=0
  for p in "${pids[@]}"; do wait "$p" || status=1; done
}

# A warm-up first, so the baseline heap already holds what stays bounded (the SIP ladder store of recent calls,
# JIT and pool structures): the heap comparison then shows growth per call, not the first calls' fill.
run_batch "$warm" warmup-
warm_status=$status
heap0=$(heap)
echo "soak: $calls calls after $warm warm-up calls, $conc at a time; load average $(cut -d' ' -f1-3 /proc/loadavg); work dir $work"
t0=$(date +%s)
run_batch "$calls" ""
[ "$warm_status" = 0 ] || status=1
wait "$far_pid" || true
t1=$(date +%s)

# the gateway's own end of each call (its BYE/CANCEL transactions) may finish a moment after SIPp's
for _ in $(seq 50); do [ "$(metric vg_media_active_calls)" = "0.0" ] && break; sleep 0.2; done
ports_free=$(metric vg_rtp_ports_free)
active=$(metric vg_media_active_calls)
heap1=$(heap)

ok=0; failed=0
for kind in caller callee cancel noanswer busy; do
  k_ok=$(stat_column "$kind-stats.csv" "SuccessfulCall(C)"); k_failed=$(stat_column "$kind-stats.csv" "FailedCall(C)")
  printf "%-9s ok %6s  failed %s\n" "$kind" "$k_ok" "$k_failed"
  ok=$((ok + k_ok)); failed=$((failed + k_failed))
done
awk -v calls="$calls" -v ok="$ok" -v failed="$failed" -v secs=$((t1 - t0)) -v pt="$ports_total" -v pf="$ports_free" \
    -v active="$active" -v h0="$heap0" -v h1="$heap1" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "calls ok / failed / asked   %d / %d / %d in %d s (%.1f calls/s)\n", ok, failed, calls, secs, calls / (secs > 0 ? secs : 1)
  printf "RTP ports free after        %d of %d\n", pf, pt
  printf "calls still active after    %d\n", active
  printf "heap after full GC          %.1f MB before, %.1f MB after (%+.1f %%)\n", h0 / 1e6, h1 / 1e6, (h1 - h0) * 100 / h0
  printf "load average at the end     %s\n", load
}'
drift=$(awk -v h0="$heap0" -v h1="$heap1" 'BEGIN { if (h0 <= 0 || h1 <= 0) { print 1; exit }  # not measured: no pass
  d = (h1 - h0) * 100 / h0; print (d > 10 || d < -10) ? 1 : 0 }')
if [ "$failed" != 0 ] || [ "$ok" != "$calls" ] || [ "$ports_free" != "$ports_total" ] || [ "$active" != "0.0" ] \
    || [ "$drift" = 1 ] || [ "$status" != 0 ]; then
  echo "SOAK FAILED (logs in $work)"; exit 1
fi
echo "SOAK PASSED"
rm -rf "$work"
