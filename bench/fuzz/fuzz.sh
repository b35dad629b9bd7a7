#!/usr/bin/env bash
# Fuzzes the gateway's network parsers with Jazzer: bench/fuzz/fuzz.sh TARGET|all SECONDS
#
# Each target is a @FuzzTest next to the code it tests (*FuzzTest); `mvn test` only replays their stored inputs
# (src/test/resources/<package>/<Class>Inputs/<method>/), this script fuzzes them, SECONDS per target, one after the
# other (Jazzer fuzzes one test per JVM). A finding is written by Jazzer next to the seeds as crash-<sha1> (so the
# next `mvn test` fails on it until it is fixed: keep it, renamed finding-<what>, as the regression input); the
# corpus Jazzer grows lives in .cifuzz-corpus/ (git-ignored) and is reused by the next run.
# Prints per target the inputs run, inputs/s, and findings, then the totals; logs in target/fuzz/.
# Run it under `nice -n 10` on a shared machine. Needs Maven (offline is fine) and a JDK 17.
set -euo pipefail
cd "$(dirname "$0")/../.."

declare -A TARGETS=(
  [rtp]=io.voicegateway.media.rtp.RtpFuzzTest#rtp
  [rtcp]=io.voicegateway.media.rtp.RtpFuzzTest#rtcp
  [dtmf]=io.voicegateway.media.dtmf.Rfc4733FuzzTest#events
  [sip-raw]=io.voicegateway.sip.SipMessageFuzzTest#rawCheck
  [sip]=io.voicegateway.sip.SipMessageFuzzTest#stackParser
  [sdp]=io.voicegateway.sip.sdp.SdpFuzzTest#offer
  [webrtc-sdp]=io.voicegateway.webrtc.sdp.WebRtcSdpFuzzTest#offer
  [stun]=io.voicegateway.webrtc.ice.StunFuzzTest#datagram
  [dtls]=io.voicegateway.webrtc.dtls.DtlsRecordFuzzTest#records
  [api-json]=io.voicegateway.http.ApiBodiesFuzzTest#body
  [bridge]=io.voicegateway.bridge.BridgeFrameFuzzTest#connection
)
ORDER=(rtp rtcp dtmf sip-raw sip sdp webrtc-sdp stun dtls api-json bridge)

usage() { echo "usage: $0 TARGET|all SECONDS   (targets: ${ORDER[*]})" >&2; exit 2; }
[[ $# -eq 2 && $2 =~ ^[0-9]+$ && $2 -gt 0 ]] || usage
if [[ $1 == all ]]; then
  selected=("${ORDER[@]}")
else
  [[ -n ${TARGETS[$1]:-} ]] || usage
  selected=("$1")
fi
seconds=$2

mkdir -p target/fuzz
mvn -B -ntp -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/fuzz/classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/fuzz/classpath.txt)"
javac -d target/fuzz -cp "$cp" bench/fuzz/RunFuzzTest.java

total_runs=0
total_findings=0
printf '%-11s %12s %10s %9s %s\n' target inputs inputs/s seconds result
for name in "${selected[@]}"; do
  log="target/fuzz/$name.log"
  start=$(date +%s)
  status=0
  # Jazzer stops between inputs once the budget is spent, so a run still going 5 minutes past it is stuck in one
  # input: a hang, reported as a finding (a JUnit timeout would not do: it bounds the whole fuzzing run).
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" \
    timeout --kill-after=10 $((seconds + 300)) java -cp "target/fuzz:$cp" RunFuzzTest "${TARGETS[$name]}" \
    >"$log" 2>&1 || status=$?
  [[ $status -ne 124 && $status -ne 137 ]] || echo "HANG: $name ran 300 s past its budget" >>"$log"
  elapsed=$(( $(date +%s) - start ))
  # libFuzzer's last line of statistics: "Done N runs in S second(s)", or the last "#N ..." status line.
  # (-a: a target whose library prints what it parsed makes the log binary)
  runs=$(grep -aoE 'Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  [[ -n $runs ]] || runs=$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  runs=${runs:-0}
  if [[ $status -eq 0 ]]; then result=ok; else result="FINDING (see $log)"; total_findings=$((total_findings + 1)); fi
  printf '%-11s %12d %10d %9d %s\n' "$name" "$runs" $(( runs / (elapsed > 0 ? elapsed : 1) )) "$elapsed" "$result"
  total_runs=$((total_runs + runs))
done
printf '%-11s %12d %10s %9s %s\n' total "$total_runs" '' '' "$total_findings target(s) with findings"
[[ $total_findings -eq 0 ]]
