#!/usr/bin/env bash
# Puts load on the echo app of a running gateway with SIPp: concurrent calls that each send G.711 A-law
# RTP for a while and hang up. Reports SIPp's own summary and leaves its statistics CSV in the work dir.
#
# usage: bench/sipp/echo-load.sh [HOST:PORT] [CALLS_PER_SECOND] [MAX_CONCURRENT] [TOTAL_CALLS] [CALL_MS]
#   defaults: 127.0.0.1:5060, 10 cps, 100 concurrent, 500 calls, 10000 ms per call
# Watch the gateway meanwhile: curl -s localhost:8080/metrics | grep vg_media_
set -euo pipefail

target=${1:-127.0.0.1:5060}
rate=${2:-10}
limit=${3:-100}
total=${4:-500}
call_ms=${5:-10000}
here=$(cd "$(dirname "$0")" && pwd)
work=${WORK_DIR:-$(mktemp -d)}

command -v sipp >/dev/null || { echo "sipp not installed (Debian package sip-tester)" >&2; exit 2; }
cd "$work"
ln -sfn /usr/share/sip-tester pcap   # the scenario plays pcap/g711a.pcap
echo "SIPp echo load on $target: $rate cps, $limit concurrent, $total calls of $call_ms ms; work dir $work"
sipp "$target" -sf "$here/echo_load.xml" -s echo \
  -i 127.0.0.1 -mi 127.0.0.1 -nostdin \
  -r "$rate" -l "$limit" -m "$total" -d "$call_ms" \
  -trace_stat -stf stats.csv -fd 5 -trace_err -error_file errors.log \
  -timeout 600s -timeout_error
