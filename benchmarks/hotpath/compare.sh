#!/usr/bin/env bash
# Side-by-side hot-path benchmark, in one go on this machine:
#   wrk against faultline serve answering 503 (journal on), nginx `return 503`, bare Jetty 12 answering
#   503 (the same Jetty faultline runs on, sized the same, with nothing of faultline's: BareJetty in this
#   module), WireMock standalone with a 503 stub (defaults, and tuned for speed); then 1,000 connections
#   against a 100 ms delay (faultline, bare Jetty, a 3-line Node.js setTimeout server, tuned WireMock),
#   sampling the server's live thread count; then, from a cold start, five back-to-back 5 s runs each
#   for faultline (without and with --warm-up), bare Jetty and nginx: how fast each is from the start.
# Server pinned to CPU 1, wrk to CPU 0 (2-core machine), so neither steals the other's cycles.
# Usage: benchmarks/hotpath/compare.sh [SECONDS per measurement, default 20]
# Prints a dated Markdown section (benchmarks/RESULTS.md keeps the curated results).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
secs="${1:-20}"
warm=5
work="$(mktemp -d -t faultline-bench.XXXXXX)"
pids=()
# Servers started inside $(series ...) live in a subshell, so every pid is also written to a file.
cleanup() {
  for p in "${pids[@]:-}" $(cat "$work/pids" 2>/dev/null); do [[ -n "$p" ]] && kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v node >/dev/null || need+=(nodejs)
[[ -x /usr/sbin/nginx ]] || need+=(nginx-light)
if ((${#need[@]})); then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"; fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

wiremock_version=3.13.2
wiremock_jar="$root/benchmarks/target/wiremock-standalone-$wiremock_version.jar"
if [[ ! -f "$wiremock_jar" ]]; then
  mvn -B -q -ntp dependency:copy -Dartifact="org.wiremock:wiremock-standalone:$wiremock_version" \
      -DoutputDirectory="$root/benchmarks/target" >/dev/null
fi
"$root/faultline" --version >/dev/null            # builds the jar if needed
jar="$(ls -t "$root"/harness/target/faultline-[0-9]*.jar | head -1)"   # faultline-VERSION.jar
bench_jar="$root/benchmarks/target/benchmarks.jar"
if ! unzip -l "$bench_jar" 2>/dev/null | grep -q 'dev/faultline/bench/BareJetty.class'; then
  (cd "$root" && mvn -B -q -ntp -pl benchmarks -am package -DskipTests >/dev/null)
fi
# Both JVMs see the one core they are pinned to (the protocol of reference/perf.md), so GC and JIT
# threads size themselves for it instead of fighting over it.
jvm=(-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=1)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; return 1; }
threads_of() { awk '/^Threads:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# wrk: warm-up, then one measured run; prints "req/s p50 p99" (latencies in ms).
measure() { # url connections seconds
  taskset -c 0 wrk -t1 -c"$2" -d"${warm}s" "$1" >/dev/null 2>&1 || true
  taskset -c 0 wrk -t1 -c"$2" -d"$3s" --latency "$1" > "$work/wrk.out" 2>&1
  python3 - "$work/wrk.out" <<'PY'
import re,sys
t=open(sys.argv[1]).read()
def ms(v):
    n=float(re.match(r'[\d.]+',v).group()); u=v[len(re.match(r'[\d.]+',v).group()):]
    return n*{'us':0.001,'ms':1,'s':1000,'m':60000}[u]
rps=float(re.search(r'Requests/sec:\s+([\d.]+)',t).group(1))
# anchored: "87.50%" in the Stdev column must not pass for the 50th percentile
p50=ms(re.search(r'^\s+50%\s+(\S+)',t,re.M).group(1)); p99=ms(re.search(r'^\s+99%\s+(\S+)',t,re.M).group(1))
errs=re.search(r'Non-2xx or 3xx responses: (\d+)',t); sock=re.search(r'Socket errors: (.*)',t)
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {sock.group(1).replace(' ','_') if sock else 'none'}")
PY
}

start_faultline() { # scenario -> sets pid url
  taskset -c 1 java "${jvm[@]}" -jar "$jar" serve "$1" --journal /dev/null "${serve_args[@]}" > "$work/serve.out" 2>&1 &
  pid=$!; pids+=("$pid"); echo "$pid" >> "$work/pids"
  for _ in $(seq 1 200); do grep -q "upstream api:" "$work/serve.out" && break; sleep 0.1; done
  url="$(sed -n 's/.*upstream api: \(http[^ ]*\).*/\1/p' "$work/serve.out")/"
}
start_nginx() {
  port=$(free_port); mkdir -p "$work/nginx"
  sed -e "s#PIDFILE#$work/nginx/pid#" -e "s#ERRORLOG#$work/nginx/error.log#" -e "s#TMPDIR#$work/nginx#g" -e "s#PORT#$port#" \
      "$here/nginx-503.conf" > "$work/nginx/nginx.conf"
  taskset -c 1 /usr/sbin/nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" & pid=$!; pids+=("$pid"); echo "$pid" >> "$work/pids"
  wait_port "$port"; url="http://127.0.0.1:$port/"
}
start_wiremock() { # root-dir extra-args...
  local dir="$1"; shift; port=$(free_port)
  taskset -c 1 java "${jvm[@]}" -jar "$wiremock_jar" --port "$port" --root-dir "$dir" --disable-banner "$@" > "$work/wm.out" 2>&1 &
  pid=$!; pids+=("$pid"); echo "$pid" >> "$work/pids"; wait_port "$port"; url="http://127.0.0.1:$port/"
}
start_bare_jetty() { # 503|delay
  taskset -c 1 java "${jvm[@]}" -cp "$bench_jar" dev.faultline.bench.BareJetty "$1" > "$work/jetty.out" 2>&1 &
  pid=$!; pids+=("$pid"); echo "$pid" >> "$work/pids"
  for _ in $(seq 1 200); do grep -q "listening on" "$work/jetty.out" && break; sleep 0.1; done
  url="http://127.0.0.1:$(sed -n 's/listening on //p' "$work/jetty.out")/"
}
start_node_delay() { # the issue's anchor: setTimeout 100 ms, backlog 1024 as the fake upstream's
  taskset -c 1 node -e "const s=require('http').createServer((q,r)=>setTimeout(()=>r.end('ok'),100));
    s.listen(0,'127.0.0.1',1024,()=>console.log('listening on '+s.address().port));" > "$work/node.out" 2>&1 &
  pid=$!; pids+=("$pid"); echo "$pid" >> "$work/pids"
  for _ in $(seq 1 200); do grep -q "listening on" "$work/node.out" && break; sleep 0.1; done
  url="http://127.0.0.1:$(sed -n 's/listening on //p' "$work/node.out")/"
}
stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
# From a cold start: five back-to-back 5 s runs, no warm-up; prints the requests/s of each and the
# milliseconds from launch to accepting connections.
series() { # start-command...
  local t0 t1 out=""; t0=$(date +%s%N); "$@"; wait_port "$(echo "$url" | sed 's#.*:\([0-9]*\)/#\1#')"; t1=$(date +%s%N)
  for _ in 1 2 3 4 5; do
    out="$out $(taskset -c 0 wrk -t1 -c64 -d5s "$url" 2>&1 | sed -n 's/Requests\/sec: *\([0-9]*\).*/\1/p')"
  done
  stop; echo "$(( (t1 - t0) / 1000000 ))$out"
}

serve_args=()
tuned=(--async-response-enabled true --async-response-threads 8 --container-threads 16 --jetty-acceptor-threads 1
       --disable-request-logging --no-request-journal)

declare -A r
start_faultline "$here/serve-503.yaml"; r[faultline]=$(measure "$url" 64 "$secs"); stop
start_nginx;                            r[nginx]=$(measure "$url" 64 "$secs"); stop
start_bare_jetty 503;                   r[jetty]=$(measure "$url" 64 "$secs"); stop
start_wiremock "$here/wiremock-root";   r[wiremock]=$(measure "$url" 64 "$secs"); stop
start_wiremock "$here/wiremock-root" "${tuned[@]}"; r[wiremock_tuned]=$(measure "$url" 64 "$secs"); stop

# 1,000 connections, each request delayed 100 ms: the ideal is 10,000 requests/s.
delay_run() { # label
  local before; before=$(threads_of "$pid"); local peak=$before
  ( while kill -0 "$pid" 2>/dev/null; do threads_of "$pid"; sleep 1; done ) > "$work/threads.$1" &
  local sampler=$!
  r[$1]=$(measure "$url" 1000 "$secs")
  kill "$sampler" 2>/dev/null || true
  peak=$(sort -n "$work/threads.$1" | tail -1); r[$1.threads]="$before $peak"
}
start_faultline "$here/serve-delay.yaml"; delay_run delay_faultline; stop
start_bare_jetty delay; delay_run delay_jetty; stop
start_node_delay; delay_run delay_node; stop
start_wiremock "$here/wiremock-delay-root" "${tuned[@]}"; delay_run delay_wiremock_tuned; stop

declare -A cold
cold[faultline]=$(series start_faultline "$here/serve-503.yaml")
serve_args=(--warm-up 10); cold[faultline_warmed]=$(series start_faultline "$here/serve-503.yaml"); serve_args=()
cold[jetty]=$(series start_bare_jetty 503)
cold[nginx]=$(series start_nginx)

rps() { echo "${r[$1]}" | cut -d' ' -f1; }
p99() { echo "${r[$1]}" | cut -d' ' -f3; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
f=$(rps faultline); n=$(rps nginx); j=$(rps jetty); w=$(rps wiremock); wt=$(rps wiremock_tuned)
row() { read -r a b c d <<<"${r[$1]}"; echo "| $2 | $a | $b | $c | $d |"; }
{
  echo
  echo "## Hot path, $(date -u +%Y-%m-%d) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), JDK $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
  echo
  echo "wrk -t1, server on CPU 1, wrk on CPU 0, ${warm} s warm-up then ${secs} s measured; latencies in ms."
  echo
  echo "| server | requests/s | p50 | p99 | socket errors |"
  echo "|---|---|---|---|---|"
  row faultline "faultline serve, 503 rule, journal on (64 connections)"
  row nginx "nginx return 503, 1 worker (64 connections)"
  row jetty "bare Jetty 12, 503, sized as faultline's upstream (64 connections)"
  row wiremock "WireMock $wiremock_version defaults, 503 stub (64 connections)"
  row wiremock_tuned "WireMock tuned: async, no journal, 16 container threads (64 connections)"
  row delay_faultline "faultline, 100 ms delay (1,000 connections)"
  row delay_jetty "bare Jetty 12, 100 ms scheduler task (1,000 connections)"
  row delay_node "Node.js setTimeout 100 ms, backlog 1024 (1,000 connections)"
  row delay_wiremock_tuned "WireMock tuned, 100 ms delay (1,000 connections)"
  echo
  echo "- 503: faultline ÷ nginx **$(ratio "$f" "$n")×** (#19 goal ≥ 1.0×); faultline ÷ bare Jetty **$(ratio "$f" "$j")×** (faultline's own cost); bare Jetty ÷ nginx **$(ratio "$j" "$n")×** (the server library's floor); faultline ÷ WireMock tuned **$(ratio "$f" "$wt")×** (goal ≥ 4×), ÷ WireMock defaults $(ratio "$f" "$w")×"
  echo "- 100 ms delay, 1,000 connections: faultline ÷ Node.js requests/s **$(ratio "$(rps delay_faultline)" "$(rps delay_node)")×** (goal ≥ 0.98×), p99 **$(ratio "$(p99 delay_faultline)" "$(p99 delay_node)")×** Node's (goal ≤ 1.05×); bare Jetty ÷ Node.js $(ratio "$(rps delay_jetty)" "$(rps delay_node)")×, p99 $(ratio "$(p99 delay_jetty)" "$(p99 delay_node)")×; WireMock tuned $(rps delay_wiremock_tuned) requests/s"
  echo "- live threads before → peak during the delay run: faultline ${r[delay_faultline.threads]}, bare Jetty ${r[delay_jetty.threads]}, WireMock tuned ${r[delay_wiremock_tuned.threads]}"
  echo
  echo "From a cold start, five back-to-back 5 s runs (64 connections, no warm-up), requests/s; ready = ms from launch to accepting connections:"
  echo
  echo "| server | ready ms | 0–5 s | 5–10 s | 10–15 s | 15–20 s | 20–25 s |"
  echo "|---|---|---|---|---|---|---|"
  coldrow() { echo "| $2 | $(echo "${cold[$1]}" | tr ' ' '|' | sed 's/|/ | /g') |"; }
  coldrow faultline "faultline serve, 503 rule (no warm-up, the default)"
  coldrow faultline_warmed "faultline serve, 503 rule, --warm-up 10"
  coldrow jetty "bare Jetty 12, 503"
  coldrow nginx "nginx return 503"
}
