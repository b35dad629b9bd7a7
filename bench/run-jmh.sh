#!/usr/bin/env bash
# Runs the JMH benchmarks in bench/jmh with the GC profiler (allocation per operation).
# usage: bench/run-jmh.sh [JMH args…]   e.g. bench/run-jmh.sh LegTick -p codec=PCMU
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -Pbench test-compile
cp=$(mvn -q -B -o -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -cp "target/classes:target/test-classes:$cp" org.openjdk.jmh.Main -prof gc "${@:-LegTick}"
