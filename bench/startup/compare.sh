#!/usr/bin/env bash
# Start-up of several builds, interleaved (issue 13, and issue 15's "clustering off costs nothing at start-up"):
# round r starts each jar once, in the given order, with bench/startup/startup.sh, so a change in the machine's
# load falls on every build alike. Prints per build the median (min-max) time to /health, CPU time to /health and
# classes loaded, with the load average before and after.
#
#   bench/startup/compare.sh ROUNDS NAME=JAR [NAME=JAR ...]
#     e.g. bench/startup/compare.sh 5 before=/tmp/a9ff6b7.jar head=/tmp/head.jar branch=target/voice-gateway.jar
#
# GATEWAY_JAVA_OPTS applies to every build; per build options go after a second '=': NAME=JAR=OPTIONS
# (e.g. cds=target/voice-gateway.jar=-XX:SharedArchiveFile=/tmp/vg.jsa), and JAVA_NAME=/path/to/java runs build NAME
# on another JVM (e.g. JAVA_jdk25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java).
set -euo pipefail

rounds=${1:-}
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] && [ $# -ge 2 ] || { echo "usage: $0 ROUNDS NAME=JAR[=OPTIONS] ..." >&2; exit 2; }
shift
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/startup-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT
names=()
for spec in "$@"; do
  name=${spec%%=*}; rest=${spec#*=}; jar=${rest%%=*}
  [ -f "$jar" ] || { echo "$name: no jar $jar" >&2; exit 2; }
  names+=("$name")
done
echo "interleaved start-up, $rounds round(s) of: ${names[*]}; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  for spec in "$@"; do
    name=${spec%%=*}; rest=${spec#*=}; jar=${rest%%=*}; opts=""
    [ "$rest" != "$jar" ] && opts=${rest#*=}
    jvm="JAVA_$name"
    out=$(GATEWAY_JAVA=${!jvm:-java} GATEWAY_JAR=$jar GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:-} $opts" "$here/startup.sh" 1 2>&1) || { echo "$out" >&2; exit 1; }
    line=$(grep -m1 '^run 1:' <<<"$out")
    ms=$(sed -E 's/.*after ([0-9]+) ms.*/\1/' <<<"$line"); cpu=$(sed -E 's/.* ([0-9]+) ms of CPU.*/\1/' <<<"$line")
    classes=$(grep -o '[0-9]* classes loaded' <<<"$out" | head -1 | cut -d' ' -f1 || true) # older builds: no line
    echo "$ms $cpu ${classes:-0}" >> "$work/$name"
    printf 'round %d %-10s /health %6d ms  CPU %6d ms  %s classes  load %s\n' "$r" "$name" "$ms" "$cpu" "${classes:-?}" \
      "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
med() { sort -n | awk '{ t[NR] = $1 } END { printf "%d (%d-%d)", (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2, t[1], t[NR] }'; }
printf '%-10s %-26s %-26s %s\n' build "/health ms median (min-max)" "CPU ms median (min-max)" "classes"
for name in "${names[@]}"; do
  printf '%-10s %-26s %-26s %s\n' "$name" "$(cut -d' ' -f1 "$work/$name" | med)" "$(cut -d' ' -f2 "$work/$name" | med)" \
    "$(cut -d' ' -f3 "$work/$name" | med)"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
