#!/usr/bin/env bash
# How often a quiet machine's run of the nginx shutdown scenario (20 requests/s against a 1 s delay, QUIT
# and TERM) ends inconclusive because of the harness's own delay lateness (docs/fidelity.md).
#   benchmarks/fidelity/run.sh [RUNS] [JAR]     default 10 runs of each signal with the checkout's jar
# One fresh JVM per run; prints one line per run (verdict, lateness p99, delayed responses) and the count.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-10}"
jar="${2:-$(ls -t "$here"/../../harness/target/faultline-[0-9]*.jar | head -1)}"
out="$(mktemp -d -t faultline-fidelity.XXXXXX)"
inconclusive=0
for i in $(seq 1 "$runs"); do
  for sig in QUIT TERM; do
    dir="$out/$sig-$i"; mkdir -p "$dir"; sed "s/QUIT/$sig/g" "$here/nginx-shutdown.yaml" > "$dir/nginx-shutdown.yaml"
    (cd "$dir" && java -jar "$jar" run nginx-shutdown.yaml --report-dir out >/dev/null 2>&1) || true
    line=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); h=r.get('harness',{}); print(r['verdict'], 'lateness p99', h.get('delayLatenessP99Ms'), 'ms over', h.get('delayedResponses'), 'delays')" "$dir/out/report.json")
    [[ $line == inconclusive* ]] && inconclusive=$((inconclusive + 1))
    echo "$sig $i load $(cut -d' ' -f1 /proc/loadavg): $line"
  done
done
echo "inconclusive: $inconclusive of $((runs * 2)) runs (reports in $out)"
