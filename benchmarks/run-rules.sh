#!/usr/bin/env bash
# The rule-engine benchmark (issue #3): builds the opt-in "benchmark" profile, runs JMH, and writes the JMH
# JSON result and a Markdown summary with the target ratios to benchmarks/results/ (git-ignored).
#
#   benchmarks/run-rules.sh                  # the full run, about 7 minutes on 2 cores
#   benchmarks/run-rules.sh -p rules=10000   # extra arguments go to JMH (filters, -prof gc, -i 3, ...)
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=$(date -u +%Y%m%dT%H%M%SZ)
results=benchmarks/results
mkdir -p "$results"

./mvnw -q -B -Pbenchmark test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat target/benchmark.classpath)"

java -cp "$classpath" org.openjdk.jmh.Main RuleEngineBenchmark \
    -rf json -rff "$results/rules-$stamp.json" "$@" | tee "$results/rules-$stamp.txt"
java -cp "$classpath" dev.switchboard.bench.BenchmarkSummary \
    "$results/rules-$stamp.json" "$results/rules-$stamp.md"
echo "Summary: $results/rules-$stamp.md"
