#!/usr/bin/env bash
# faultline run's own overhead: from starting the JVM to the first phase, the design's target 1.5 s.
#
# Runs a scenario with one fake upstream and a target faultline does not start (so nothing but the
# harness is timed) RUNS times, and takes the moment the "  phase" progress line reaches stderr.
# The first run also pays for the page cache; it is reported but not counted.
#
#   benchmarks/startup/run.sh            # 11 runs
#   RUNS=21 benchmarks/startup/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${RUNS:-11}"
"$root/faultline" --version >/dev/null   # builds the jar when it is missing or stale
jar="$(ls -t "$root"/harness/target/faultline-[0-9]*.jar | head -1)"   # faultline-VERSION.jar

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/startup.yaml" <<'YAML'
name: startup overhead
upstreams:
  api:
    routes: [{match: {path: /}, respond: {status: 200}}]
target:
  url: http://127.0.0.1:9
phases:
  - {name: only, duration: 1s}
YAML

times=()
for i in $(seq 0 "$runs"); do
  : >"$tmp/first-phase"
  start=$(date +%s%N)
  java ${FAULTLINE_JAVA_OPTS:-} -jar "$jar" run "$tmp/startup.yaml" --report-dir "$tmp/out" 2>&1 >/dev/null |
    while IFS= read -r line; do
      if [[ "$line" == "  phase "* && ! -s "$tmp/first-phase" ]]; then
        echo $(( ($(date +%s%N) - start) / 1000000 )) >"$tmp/first-phase"
      fi
    done || true
  ms="$(cat "$tmp/first-phase")"
  if [[ -z "$ms" ]]; then
    echo "run $i: no phase line on stderr (did the run fail? try: ./faultline run $tmp/startup.yaml)" >&2
    exit 3
  fi
  if ((i == 0)); then
    echo "run 0 (not counted, cold page cache): ${ms} ms"
  else
    times+=("$ms")
  fi
done

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
echo "JVM start to first phase over $n runs: min ${sorted[0]} ms, median ${sorted[$((n / 2))]} ms, max ${sorted[$((n - 1))]} ms (target <= 1500 ms)"
