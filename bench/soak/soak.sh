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
# The calls run in BATCHES batches (default 5) after a warm-up (WARMUP calls, default max(CALLS/10, 600): more
# than the 500 calls the SIP ladder store keeps). After the warm-up and after each batch the live heap is sampled
# after a full GC (jcmd GC.class_histogram, once the stack holds no SIPDialog and no more transactions than at the
# start). Passes with: every RTP port back in the pool (vg_rtp_ports_free), no call left (vg_media_active_calls),
# the least-squares slope of heap against calls under HEAP_SLOPE_LIMIT bytes per 1,000 calls (default 65536), no
# SIPDialog, Call or SipLeg object live after the last batch, and 0 failed calls (every ending above is what SIPp
# expects, so any other outcome is a failure). HISTOGRAM_DIR=dir keeps the histograms (start, batch-0..N).
#
# usage: nice -n 10 bench/soak/soak.sh CALLS CONCURRENCY   (build first: mvn -q package -DskipTests)
#        BATCHES=10 HEAP_SLOPE_LIMIT=32768 bench/soak/soak.sh 10000 40
set -euo pipefail

calls=${1:-1000}
conc=${2:-40}
batches=${BATCHES:-5}
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

. "$root/bench/sipp/lib.sh"
trunk_gateway_yaml "$work/gw.yaml" "soak*" soak "history:
  enabled: false"

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
ok_to_last() { # 200 OK to the request just received (a BYE or a CANCEL)
  cat <<XML
  <send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]></send>
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
$(ok_to_last)" > "$work/callee.xml"
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
$(ok_to_last)
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
$(ok_to_last)
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
# a background job of a script ignores SIGQUIT, so the JVM would never answer jcmd: open its attach listener now
GATEWAY_JAVA_OPTS="-XX:+StartAttachListener ${GATEWAY_JAVA_OPTS:-}" start_gateway "$work/gw.yaml"
hist_dir=${HISTOGRAM_DIR:-$work}
# count CLASS FILE: live instances of CLASS in a class histogram (0 when none)
count() { awk -v c="$1" '$4 == c {n = $2} END {printf "%d", n}' "$2"; }
# sample NAME: the live heap after a full GC, in bytes, once the SIP stack let go of the batch just ended; the
# histogram (which runs the full GC) is kept as $hist_dir/NAME.txt. Terminated transactions stay in the stack's
# tables until Timer J / Timer K (64 x T1 = 32 s over UDP) and a dialog until its last transaction goes, so it
# polls, every 5 s, for no SIPDialog and no more transactions than at the start (bounded by SETTLE_SECONDS, 60):
# counts, not a guessed wait, decide when a sample is comparable.
sample() {
  local file="$hist_dir/$1.txt" waited=0
  while :; do
    jcmd "$gw" GC.class_histogram > "$file"
    [ "$(count gov.nist.javax.sip.stack.SIPDialog "$file")" = 0 ] \
      && [ "$(count gov.nist.javax.sip.stack.SIPServerTransactionImpl "$file")" -le "${tx_base:-0}" ] \
      && [ "$(count gov.nist.javax.sip.stack.SIPClientTransactionImpl "$file")" -le "${ctx_base:-0}" ] && break
    [ "$waited" -ge "${SETTLE_SECONDS:-60}" ] && break
    sleep 5; waited=$((waited + 5))
  done
  awk '$1 == "Total" {printf "%d", $3}' "$file"
}
ports_total=$(metric vg_rtp_ports_capacity)
cd "$work"
# transactions of the gateway's own (OPTIONS keepalives: none here, keepalive_interval 1h) before any call
jcmd "$gw" GC.class_histogram > "$hist_dir/start.txt"
tx_base=$(count gov.nist.javax.sip.stack.SIPServerTransactionImpl "$hist_dir/start.txt")
ctx_base=$(count gov.nist.javax.sip.stack.SIPClientTransactionImpl "$hist_dir/start.txt")

far_sipp_cmd far.xml 46100 $((warm + calls))
"${sipp_cmd[@]}" -trace_stat -stf far-stats.csv -fd 5 > far.log 2>&1 &
far_pid=$!
trap 'kill $gw $far_pid 2>/dev/null || true' EXIT

declare -A share=([caller]=35 [callee]=25 [cancel]=15 [noanswer]=10 [busy]=15)
# run_batch CALLS PREFIX: the five callers at once, CALLS shared out as above; $status 1 if a SIPp failed
run_batch() {
  local pids=() port=45200 left=$1 n l
  for kind in caller callee cancel noanswer busy; do
    n=$(( $1 * ${share[$kind]} / 100 )); [ "$kind" = busy ] && n=$left; left=$((left - n))
    l=$(( conc * ${share[$kind]} / 100 )); [ "$l" -lt 1 ] && l=1
    [ "$n" -gt 0 ] || continue
    sipp "127.0.0.1:$sip_port" -sf "$kind.xml" -s "soak$kind" -p "$port" -mp $((46200 + 10 * ${#pids[@]})) \
      -rtp_echo -i 127.0.0.1 -mi 127.0.0.1 -nostdin -m "$n" -l "$l" -r "$l" -trace_stat -stf "$2$kind-stats.csv" \
      -fd 5 -trace_err -error_file "$2$kind-errors.log" -timeout 900s -timeout_error > "$2$kind.log" 2>&1 &
    pids+=($!); port=$((port + 2))
  done
  status=0
  for p in "${pids[@]}"; do wait "$p" || status=1; done
}

# A warm-up first, so the first sample already holds what stays bounded (the SIP ladder store of the last 500
# calls, JIT and pool structures): the trend then shows growth per call, not the first calls' fill.
run_batch "$warm" warmup-
any_failed=$status
heap_at=("$(sample batch-0)"); calls_at=(0)
echo "soak: $calls calls in $batches batches after $warm warm-up calls, $conc at a time; load average $(cut -d' ' -f1-3 /proc/loadavg); work dir $work"
t0=$(date +%s)
done_calls=0
for b in $(seq "$batches"); do
  n=$(( calls * b / batches - done_calls ))
  run_batch "$n" "b$b-"
  [ "$status" = 0 ] || any_failed=1
  done_calls=$((done_calls + n))
  heap_at+=("$(sample "batch-$b")"); calls_at+=("$done_calls")
  echo "  after $done_calls calls: heap after full GC $(awk -v h="${heap_at[-1]}" 'BEGIN {printf "%.2f MB", h / 1e6}'), SIPDialog $(count gov.nist.javax.sip.stack.SIPDialog "$hist_dir/batch-$b.txt"), Call $(count io.voicegateway.control.Call "$hist_dir/batch-$b.txt"), SipLeg $(count io.voicegateway.sip.SipLeg "$hist_dir/batch-$b.txt")"
done
wait "$far_pid" || true
t1=$(date +%s)

# the gateway's own end of each call (its BYE/CANCEL transactions) may finish a moment after SIPp's
for _ in $(seq 50); do [ "$(metric vg_media_active_calls)" = "0.0" ] && break; sleep 0.2; done
ports_free=$(metric vg_rtp_ports_free)
active=$(metric vg_media_active_calls)
last="$hist_dir/batch-$batches.txt"
left_dialogs=$(count gov.nist.javax.sip.stack.SIPDialog "$last")
left_calls=$(( $(count io.voicegateway.control.Call "$last") + $(count io.voicegateway.sip.SipLeg "$last") ))

ok=0; failed=0
for kind in caller callee cancel noanswer busy; do
  k_ok=0; k_failed=0
  for b in $(seq "$batches"); do
    [ -f "b$b-$kind-stats.csv" ] || continue
    k_ok=$((k_ok + $(stat_column "b$b-$kind-stats.csv" "SuccessfulCall(C)")))
    k_failed=$((k_failed + $(stat_column "b$b-$kind-stats.csv" "FailedCall(C)")))
  done
  printf "%-9s ok %6s  failed %s\n" "$kind" "$k_ok" "$k_failed"
  ok=$((ok + k_ok)); failed=$((failed + k_failed))
done
# Least-squares line through (calls, heap) over every sample: the slope is what each call leaves behind; one
# noisy sample moves it little, where a two-point comparison read it whole (it swung -35 % to +11 % at a 25-40 MB
# heap). The bound is on the slope, in bytes per 1,000 calls: HEAP_SLOPE_LIMIT (default 65536 = 64 B a call).
fit=$(printf '%s\n' "${calls_at[@]}" | paste - <(printf '%s\n' "${heap_at[@]}") | awk '
  { x[NR] = $1; y[NR] = $2; sx += $1; sy += $2 }
  END { n = NR; mx = sx / n; my = sy / n
    for (i = 1; i <= n; i++) { sxx += (x[i] - mx) ^ 2; sxy += (x[i] - mx) * (y[i] - my); syy += (y[i] - my) ^ 2 }
    b = sxy / sxx; a = my - b * mx
    for (i = 1; i <= n; i++) sse += (y[i] - a - b * x[i]) ^ 2
    se = (n > 2) ? sqrt(sse / (n - 2) / sxx) : 0
    printf "%.0f %.0f %.0f %.3f", b * 1000, se * 1000, a, (syy > 0 ? 1 - sse / syy : 1) }')
read -r slope slope_se intercept r2 <<<"$fit"
limit=${HEAP_SLOPE_LIMIT:-65536}
awk -v calls="$calls" -v ok="$ok" -v failed="$failed" -v secs=$((t1 - t0)) -v pt="$ports_total" -v pf="$ports_free" \
    -v active="$active" -v slope="$slope" -v se="$slope_se" -v a="$intercept" -v r2="$r2" -v n="${#heap_at[@]}" \
    -v limit="$limit" -v ld="$left_dialogs" -v lc="$left_calls" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "calls ok / failed / asked   %d / %d / %d in %d s (%.1f calls/s)\n", ok, failed, calls, secs, calls / (secs > 0 ? secs : 1)
  printf "RTP ports free after        %d of %d\n", pf, pt
  printf "calls still active after    %d\n", active
  printf "heap trend (%d samples)      %+.1f KB per 1,000 calls (standard error %.1f KB; limit %.1f KB), %.2f MB at 0, R^2 %.2f\n", n, slope / 1024, se / 1024, limit / 1024, a / 1e6, r2
  printf "left after the last batch   %d SIPDialog, %d Call + SipLeg objects\n", ld, lc
  printf "load average at the end     %s\n", load
}'
if [ "$failed" != 0 ] || [ "$ok" != "$calls" ] || [ "$ports_free" != "$ports_total" ] || [ "$active" != "0.0" ] \
    || [ "$slope" -ge "$limit" ] || [ "$left_dialogs" != 0 ] || [ "$left_calls" != 0 ] || [ "$any_failed" != 0 ]; then
  echo "SOAK FAILED (logs in $work)"; exit 1
fi
echo "SOAK PASSED"
[ -n "${HISTOGRAM_DIR:-}" ] || rm -rf "$work"
