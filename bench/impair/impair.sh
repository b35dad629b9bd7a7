#!/usr/bin/env bash
# Impairment probe (issue 14): the echo call through a UDP impairment proxy at 5/10/20 % loss, 0-40/0-100 ms jitter,
# reordering and duplicates, one level after another, printing the echo correlation of each as a Markdown table.
# The proxy (src/test/java/io/voicegateway/it/support/ImpairProxy.java) sits between a baresip caller and an
# in-process gateway with default media settings; only the caller's RTP toward the gateway is impaired, so the
# figure is what the gateway's jitter buffer and concealment make of a bad network. ~25 s per level.
#
# usage: bench/impair/impair.sh [SEED]      (needs baresip, espeak-ng, sox; run under nice on a shared box)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
mvn -q -o -B test-compile
cp_file=target/bench-impair.classpath
[ -s "$cp_file" ] || mvn -q -o -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
classes=target/bench-impair-classes
mkdir -p "$classes"
javac -d "$classes" -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  "$here/io/voicegateway/bench/impair/ImpairedEchoBench.java"
java -Xmx512m -cp "$classes:target/classes:target/test-classes:$(cat "$cp_file")" \
  io.voicegateway.bench.impair.ImpairedEchoBench "${1:-14}" 2> target/bench-impair.err
