#!/usr/bin/env bash
# The issue's two numbers, quickly: squawk 2.66.0 vs `schemapilot check --format json` on the large generated file
# (a) and on the small one (b), each pair timed in ONE hyperfine invocation (same load), median and min reported.
# The full benchmark (more commands, the one-transaction file, in-process throughput) is bench/run.sh.
#
#   bench/compare.sh                    # RUNS=30 WARMUP=3
#   RUNS=50 bench/compare.sh
#   SCHEMAPILOT=/tmp/other/bin/schemapilot bench/compare.sh    # time another tree's launcher
#
# Results: bench/work/results/compare-{large,small}.json and compare.md (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
RUNS="${RUNS:-30}"
WARMUP="${WARMUP:-3}"
SCHEMAPILOT="${SCHEMAPILOT:-$root/bin/schemapilot}"
work="$root/bench/work"
results="$work/results"
mkdir -p "$results"

bench/setup.sh
squawk="$(bench/setup.sh --print-squawk)"
# build the jar and its class-data archive now, not inside a timed run
$SCHEMAPILOT --version >&2
java bench/GenerateMigration.java "$work/large.sql" 30000 42 >&2
cp bench/small.sql "$work/small.sql"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$results/compare-load.txt" >&2
for f in large small; do
  hyperfine -N --ignore-failure --warmup "$WARMUP" --runs "$RUNS" --style basic \
    --export-json "$results/compare-$f.json" \
    -n "squawk --reporter json ($f)" "$squawk --reporter json $work/$f.sql" \
    -n "schemapilot check --format json ($f)" "$SCHEMAPILOT check --format json $work/$f.sql" >&2
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results/compare-load.txt" >&2

java -cp "$root/target/schemapilot.jar" bench/Summarize.java \
  "large=$results/compare-large.json" "small=$results/compare-small.json" | tee "$results/compare.md"
