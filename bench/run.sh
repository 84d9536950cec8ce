#!/usr/bin/env bash
# The squawk comparison, in one run: builds schemapilot when needed, generates the inputs into bench/work/
# (git-ignored), then times whole processes with hyperfine (squawk 2.66.0 vs schemapilot, large and small file)
# and the engine in-process. Results: bench/work/results/ (hyperfine JSON, summary.md, machine.txt).
#
#   bench/run.sh                      # defaults below
#   RUNS=20 bench/run.sh              # more runs
#   SQUAWK_TTY=0 bench/run.sh         # skip squawk's default (tty) reporter on the large file (slow: ~30 s a run)
#   SCHEMAPILOT="java -XX:TieredStopAtLevel=1 -jar /tmp/x/schemapilot.jar" bench/run.sh   # time another build
#
# Environment: LINES (30000) and SEED (42) of the generated migration; RUNS (10) and WARMUP (3) per command.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
LINES="${LINES:-30000}"
SEED="${SEED:-42}"
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-3}"
SQUAWK_TTY="${SQUAWK_TTY:-1}"
SCHEMAPILOT="${SCHEMAPILOT:-$root/bin/schemapilot}"
JAR="${JAR:-$root/target/schemapilot.jar}"
work="$root/bench/work"
results="$work/results"
mkdir -p "$results"

# --- tools: squawk (npm, native binary) and hyperfine
bench/setup.sh
squawk="$(bench/setup.sh --print-squawk)"

# --- schemapilot: build the jar (and the launcher's class-data archive) now, not inside a timed run
echo "== schemapilot: $SCHEMAPILOT" >&2
$SCHEMAPILOT --version >&2
[ -f "$JAR" ] || { echo "run.sh: $JAR not found (set JAR= to the jar the command runs)" >&2; exit 2; }

jar_stamp() { stat -c '%Y %s' "$JAR" 2>/dev/null || echo none; }
jar_before="$(jar_stamp)"

# --- inputs
java bench/GenerateMigration.java "$work/large.sql" "$LINES" "$SEED"
cp bench/small.sql "$work/small.sql"
large="$work/large.sql"
small="$work/small.sql"
# the same statements as one transaction (what --assume-in-transaction or a BEGIN ... COMMIT around a file gives)
onetx="$work/large-one-transaction.sql"
{ echo "BEGIN;"; grep -v -E '^(BEGIN|COMMIT|ROLLBACK);$' "$large"; echo "COMMIT;"; } > "$onetx"

# --- the machine and the versions, kept with the numbers
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(uname -srm)"
  echo "cpus (nproc): $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')"
  echo "memory: $(free -h 2>/dev/null | awk '/^Mem:/ {print $2}')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | tr '\n' ' ')"
  echo "squawk: $("$squawk" --version)"
  echo "hyperfine: $(hyperfine --version)"
  echo "schemapilot command: $SCHEMAPILOT"
  echo "large: $(wc -l < "$large") lines, $(wc -c < "$large") bytes (LINES=$LINES SEED=$SEED)"
  echo "one transaction: $(wc -l < "$onetx") lines"
  echo "small: $(wc -l < "$small") lines"
} > "$results/machine.txt"
cat "$results/machine.txt" >&2

# --- both tools read both files (statement counts; exit 1 means "findings", fine here)
echo "== sanity" >&2
$SCHEMAPILOT check --format json "$large" 2>/dev/null | grep -m1 '"statements"' >&2 || true
"$squawk" --reporter json "$large" 2>/dev/null | head -c 0 || true

hf=(hyperfine -N --ignore-failure --warmup "$WARMUP" --runs "$RUNS" --style basic)

echo "== (a) large file: $large" >&2
"${hf[@]}" --export-json "$results/large.json" \
  -n "squawk --reporter json (large)" "$squawk --reporter json $large" \
  -n "squawk --reporter gcc (large)" "$squawk --reporter gcc $large" \
  -n "schemapilot check --format json (large)" "$SCHEMAPILOT check --format json $large" \
  -n "schemapilot check (text, large)" "$SCHEMAPILOT check --no-color $large"

echo "== (c) the large file as one transaction: $onetx" >&2
"${hf[@]}" --export-json "$results/large-one-transaction.json" \
  -n "squawk --reporter json (one transaction)" "$squawk --reporter json $onetx" \
  -n "schemapilot check --format json (one transaction)" "$SCHEMAPILOT check --format json $onetx"

echo "== (b) small file: $small" >&2
"${hf[@]}" --export-json "$results/small.json" \
  -n "squawk --reporter json (small)" "$squawk --reporter json $small" \
  -n "squawk (tty, small)" "$squawk $small" \
  -n "schemapilot check --format json (small)" "$SCHEMAPILOT check --format json $small" \
  -n "schemapilot check (text, small)" "$SCHEMAPILOT check --no-color $small"

exports=("large=$results/large.json" "small=$results/small.json"
  "large, one transaction=$results/large-one-transaction.json")
if [ "$SQUAWK_TTY" = "1" ]; then
  echo "== (a') large file, squawk's default tty reporter (slow on big files)" >&2
  hyperfine -N --ignore-failure --warmup 1 --runs 5 --style basic --export-json "$results/large-tty.json" \
    -n "squawk (tty, large)" "$squawk $large" \
    -n "schemapilot check (text, large)" "$SCHEMAPILOT check --no-color $large"
  exports+=("large, tty=$results/large-tty.json")
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"
if [ "$(jar_stamp)" != "$jar_before" ]; then
  echo "WARNING: $JAR changed during the run (sources edited, launcher rebuilt): numbers are not comparable" \
    | tee -a "$results/machine.txt" >&2
fi

echo "== in-process (no JVM start): java -cp $JAR bench/InProcessBench.java $large" >&2
java -cp "$JAR" bench/InProcessBench.java "$large" 10 | tee "$results/inprocess.txt"

java -cp "$JAR" bench/Summarize.java "${exports[@]}" > "$results/summary.md"
echo
echo "== summary (ratio = command / first command of its group; below 1 is faster than squawk)"
cat "$results/summary.md"
echo
echo "results in $results/"
