#!/usr/bin/env bash
# Runs the JMH benchmarks in bench/jmh with the GC profiler (allocation per operation).
# usage: bench/run-jmh.sh [JMH args…]   e.g. bench/run-jmh.sh LegTick -p codec=PCMU
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -Pbench test-compile
# To a file, not /dev/stdout: Maven's console may wrap its output in colour escapes, which break the classpath.
mvn -q -B -o -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
cp=$(cat target/jmh.classpath)
exec java -cp "target/classes:target/test-classes:$cp" org.openjdk.jmh.Main -prof gc "${@:-LegTick}"
