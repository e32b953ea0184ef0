#!/usr/bin/env bash
# Load driver accuracy: faultline's open-loop driver against nginx (return 200) at fixed rates, the
# achieved against the asked rate, its send lag against the schedule, and latency percentiles next to
# wrk's on the same nginx at about the same rate; then a coordinated-omission check against a server
# that stalls 500 ms every 5 s. Prints Markdown tables (paste them into benchmarks/RESULTS-load.md).
#
#   benchmarks/load/run.sh                      # rates 100 500 1000 2000 5000, 20 s each after a 15 s warm-up
#   RATES="1000 5000" SECONDS_PER_RATE=60 benchmarks/load/run.sh
#   RATES="1000 5000" PIN=0 STALL=0 JDK_RATES= benchmarks/load/run.sh   # driver and nginx share both cores; no stall or JDK rows
#
# JdkClientLoad.java sends the same schedule with the JDK's HttpClient, for comparison (JDK_RATES).
# Needs: java 17, maven (builds harness/target/faultline-VERSION.jar when missing), /usr/sbin/nginx, wrk, taskset.
# With PIN=1 (the default) the driver and wrk run on CPU 0 and nginx on CPU 1 (reference/metrics.md §3.1).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
RATES="${RATES:-100 500 1000 2000 5000}"
SECONDS_PER_RATE="${SECONDS_PER_RATE:-20}"
WARMUP="${WARMUP:-15}"                # the JIT settles after about 15 s at these rates
PIN="${PIN:-1}"
"$root/faultline" --version >/dev/null   # builds the jar when it is missing or stale
jar="$(ls -t "$root"/harness/target/faultline-[0-9]*.jar | head -1)"   # faultline-VERSION.jar

on_cpu() { # on_cpu CPU command...
  local cpu="$1"; shift
  if [[ "$PIN" == 1 ]]; then taskset -c "$cpu" "$@"; else "$@"; fi
}
pin_server=()                    # background servers are started without a function, so $! is their own pid
[[ "$PIN" == 1 ]] && pin_server=(taskset -c 1)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

work="$(mktemp -d -t faultline-load-bench.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
# Compiled ahead, so javac does not run (and get JIT-compiled) inside the measured JVMs.
javac -d "$work/classes" -cp "$jar" "$root"/benchmarks/load/*.java
cp="$jar:$work/classes"

nginx_port="$(free_port)"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid nginx.pid;
error_log stderr warn;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path body; proxy_temp_path proxy; fastcgi_temp_path fastcgi; uwsgi_temp_path uwsgi; scgi_temp_path scgi;
  server {
    listen 127.0.0.1:$nginx_port backlog=4096;
    location / { return 200 "hello"; }
  }
}
CONF
"${pin_server[@]}" /usr/sbin/nginx -p "$work" -c nginx.conf -e stderr -g 'daemon off;' &
pids+=($!)
stall_port="$(free_port)"
"${pin_server[@]}" java -cp "$work/classes" StallingServer "$stall_port" 500 5000 >/dev/null &
pids+=($!)
for port in "$nginx_port" "$stall_port"; do
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
done

echo "## Run of $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "- machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB, Linux $(uname -r)"
echo "- $(java -version 2>&1 | head -1); $(/usr/sbin/nginx -v 2>&1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "- pinning: $([[ "$PIN" == 1 ]] && echo 'driver and wrk on CPU 0, nginx on CPU 1' || echo none); ${SECONDS_PER_RATE} s per rate after a ${WARMUP} s warm-up at the same rate"
echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "### faultline's driver against nginx"
echo
echo "| asked/s | asked | sent | achieved/s | error | lag p50 | lag p99 | lag max | sent > 10 ms late | p50 | p90 | p99 | max | from send p50 | from send p99 | ok | driver CPU | CPU per request |"
echo "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
for rate in $RATES; do
  line="$(on_cpu 0 java -cp "$cp" LoadAccuracy "http://127.0.0.1:$nginx_port/" "$rate" "$SECONDS_PER_RATE" "$WARMUP")"
  IFS=$'\t' read -r r s asked sent achieved err lag50 lag99 lagmax p50 p90 p99 pmax sp50 sp99 ok outcomes cpu late10 cpu_us <<<"$line"
  echo "| $rate | ${asked%.*} | $sent | $achieved | ${err} % | $lag50 ms | $lag99 ms | $lagmax ms | ${late10} % | $p50 ms | $p90 ms | $p99 ms | $pmax ms | $sp50 ms | $sp99 ms | $ok | ${cpu} s / ${SECONDS_PER_RATE} s | ${cpu_us} µs |"
done

# wrk's latency distribution in milliseconds: "50% 1.23ms" -> 1.230
wrk_ms() { awk -v want="$1" '$1 == want { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
  f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : 60000; printf "%.3f", v * f }'; }
wrk_max() { awk '$1 == "Latency" && NF >= 4 { v = $4; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
  f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : 60000; printf "%.3f", v * f; exit }'; }

echo
echo "### wrk (closed loop, each connection paced 10 ms) against the same nginx"
echo
echo "| about/s | connections | achieved/s | p50 | p90 | p99 | max | wrk CPU | CPU per request |"
echo "|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
for rate in $RATES; do
  conns=$(( rate / 100 )); (( conns < 1 )) && conns=1
  # wrk's own CPU time (user + system, from /usr/bin/time) over the requests it completed: the anchor of
  # the driver's CPU per request in the same run.
  out="$(PACE_MS=10 on_cpu 0 /usr/bin/time -f 'CPU %U %S' wrk -t1 -c"$conns" -d"${SECONDS_PER_RATE}s" --latency -s "$root/benchmarks/load/paced.lua" "http://127.0.0.1:$nginx_port/" 2>&1)"
  wrk_cpu="$(awk '$1 == "CPU" {printf "%.2f", $2 + $3}' <<<"$out")"
  wrk_requests="$(awk '$2 == "requests" && $3 == "in" {print $1}' <<<"$out")"
  echo "| $rate | $conns | $(awk '/Requests\/sec/ {printf "%.2f", $2}' <<<"$out") | $(wrk_ms 50% <<<"$out") ms | $(wrk_ms 90% <<<"$out") ms | $(wrk_ms 99% <<<"$out") ms | $(wrk_max <<<"$out") ms | ${wrk_cpu} s | $(awk -v c="$wrk_cpu" -v n="$wrk_requests" 'BEGIN {printf "%.2f", (n > 0 ? c * 1e6 / n : 0)}') µs |"
done

if [[ "${STALL:-1}" == 1 ]]; then
echo
echo "### Coordinated omission: a server that stalls 500 ms every 5 s (10 % of the time), at about 500/s"
echo
echo "| tool | achieved/s | p50 | p90 | p99 | max |"
echo "|:--|--:|--:|--:|--:|--:|"
line="$(on_cpu 0 java -cp "$cp" LoadAccuracy "http://127.0.0.1:$stall_port/" 500 "$SECONDS_PER_RATE" "$WARMUP")"
IFS=$'\t' read -r r s asked sent achieved err lag50 lag99 lagmax p50 p90 p99 pmax sp50 sp99 ok outcomes cpu <<<"$line"
echo "| faultline (open loop, from the intended send) | $achieved | $p50 ms | $p90 ms | $p99 ms | $pmax ms |"
out="$(PACE_MS=10 on_cpu 0 wrk -t1 -c5 -d"${SECONDS_PER_RATE}s" --latency -s "$root/benchmarks/load/paced.lua" "http://127.0.0.1:$stall_port/")"
echo "| wrk (closed loop, 5 connections paced 10 ms) | $(awk '/Requests\/sec/ {printf "%.2f", $2}' <<<"$out") | $(wrk_ms 50% <<<"$out") ms | $(wrk_ms 90% <<<"$out") ms | $(wrk_ms 99% <<<"$out") ms | $(wrk_max <<<"$out") ms |"
fi
echo
echo "### The same schedule sent with the JDK's HttpClient (sendAsync), for the choice of client"
echo
echo '```'
# Only 1,000/s by default: at 5,000/s the JDK client opens thousands of connections and threads and
# takes the machine with it for minutes.
for rate in ${JDK_RATES-1000}; do
  on_cpu 0 java -cp "$work/classes" JdkClientLoad "http://127.0.0.1:$nginx_port/" "$rate" 10 3
done
echo '```'
echo
echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
