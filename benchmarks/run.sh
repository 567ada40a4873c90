#!/usr/bin/env bash
# Runs every g4j benchmark and appends the figures to benchmarks/results/<date>-<mode>.md.
#   benchmarks/run.sh            full run (about 15 minutes on 2 cores)
#   benchmarks/run.sh --quick    quick run (about 5 minutes)
#   add --no-build to reuse the jars in benchmarks/target and examples/target
# Loopback only; every step has a time limit and stops by itself. Never part of 'mvn verify'.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=full
BUILD=1
for arg in "$@"; do
  case "$arg" in
    --quick) MODE=quick ;;
    --no-build) BUILD=0 ;;
    *) echo "usage: benchmarks/run.sh [--quick] [--no-build]" >&2; exit 2 ;;
  esac
done

if [ "$BUILD" = 1 ]; then
  mvn -B -q -pl benchmarks,examples -am package -DskipTests
fi
JAR=benchmarks/target/benchmarks.jar
CLI=examples/target/g4j.jar
mkdir -p benchmarks/results
OUT="benchmarks/results/$(date -u +%Y%m%d-%H%M)-$MODE.md"

# 10,000 streams need about 10,000 descriptors in the client and as many in the server process.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

{
  echo "# g4j benchmark run ($MODE), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo '```'
  echo "nproc: $(nproc)"
  free -g | head -2
  grep -m1 'model name' /proc/cpuinfo || true
  java -version 2>&1
  echo "ulimit -n: $(ulimit -n)"
  echo "uptime: $(uptime)"
  echo '```'
} > "$OUT"

section() { echo; echo "### $1 — $(uptime | sed 's/.*load/load/')"; } 

# 1. JMH: the decode path (SSE, JSON, diffs, Qwen text extraction) for 1k, 10k and 100k-token replies.
section "JMH decode path" | tee -a "$OUT"
if [ "$MODE" = quick ]; then
  JMH_SMALL=(-p tokens=1000,10000 -wi 1 -w 1 -i 2 -r 1 -f 1)
  JMH_LARGE=(-p tokens=100000 -wi 0 -i 1 -r 1 -f 1)
else
  JMH_SMALL=(-p tokens=1000,10000 -prof gc)
  JMH_LARGE=(-p tokens=100000 -wi 1 -w 1 -i 3 -r 1 -prof gc)
fi
timeout 1800 java -jar "$JAR" DecodeBenchmark "${JMH_SMALL[@]}" -rf text -rff /tmp/g4j-jmh-small.txt > /tmp/g4j-jmh-small.log 2>&1
timeout 1800 java -jar "$JAR" DecodeBenchmark "${JMH_LARGE[@]}" -rf text -rff /tmp/g4j-jmh-large.txt > /tmp/g4j-jmh-large.log 2>&1
{ echo '```'; cat /tmp/g4j-jmh-small.txt /tmp/g4j-jmh-large.txt; echo '```'; } | tee -a "$OUT"

# 2. End-to-end load: raw drain vs g4j through Qwen25Provider, 1 to 10,000 streams, client JVMs at -Xmx512m.
section "Load harness" | tee -a "$OUT"
LOAD_ARGS=()
[ "$MODE" = quick ] && LOAD_ARGS+=(--quick)
timeout 3000 java -Xmx256m -cp "$JAR" dev.g4j.bench.LoadHarness "${LOAD_ARGS[@]}" --out "$OUT" | tail -n 20

# 3. Start-up: CLI process start to first request, registry discovery in a fresh JVM.
section "Start-up" | tee -a "$OUT"
RUNS=11
[ "$MODE" = quick ] && RUNS=4
timeout 900 java -Xmx256m -cp "$JAR" dev.g4j.bench.StartupBenchmark --cli-jar "$CLI" --runs "$RUNS" --out "$OUT" | tail -n 12

# 4. Profile (full run only): where the g4j client spends its CPU in a paced 1,000-stream run.
if [ "$MODE" = full ]; then
  section "JFR profile of the g4j client, paced 1,000 streams" | tee -a "$OUT"
  timeout 600 java -Xmx256m -cp "$JAR" dev.g4j.bench.LoadHarness --only paced-c1000 --clients g4j \
    --jfr /tmp/g4j-client.jfr > /dev/null
  {
    echo '```'
    echo "top frames (self), jdk.ExecutionSample, $(jfr print --events jdk.ExecutionSample /tmp/g4j-client.jfr | grep -c 'jdk.ExecutionSample') samples:"
    jfr print --events jdk.ExecutionSample /tmp/g4j-client.jfr | grep -A1 'stackTrace = \[' | grep -v -e 'stackTrace = \[' -e '^--' \
      | sed 's/line:.*//; s/^ *//' | sort | uniq -c | sort -rn | head -25
    echo '```'
  } | tee -a "$OUT"
fi

echo
echo "Results: $OUT"
