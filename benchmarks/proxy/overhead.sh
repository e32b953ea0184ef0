#!/usr/bin/env bash
# The proxy's overhead: wrk against nginx alone, then against `faultline serve` forwarding every
# request to that nginx (a proxy upstream, no fault in force, journal on), interleaved RUNS times.
# nginx and faultline pinned to CPU 1, wrk to CPU 0 (2-core machine). Prints each run and the medians.
# Usage: [WARM=seconds of warm-up each, default 15] benchmarks/proxy/overhead.sh [SECONDS per run, default 10] [RUNS, default 5] [CONNECTIONS, default 32]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
secs="${1:-10}"; runs="${2:-5}"; conns="${3:-32}"
work="$(mktemp -d -t faultline-proxy-bench.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done; sleep 0.5; rm -rf "$work"; }
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
"$root/faultline" --version >/dev/null            # builds the jar if needed
jar="$(ls -t "$root"/harness/target/faultline-[0-9]*.jar | head -1)"
jvm=(-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=1)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; return 1; }

measure() { # url -> "req/s p50 p99 errors"
  taskset -c 0 wrk -t1 -c"$conns" -d"${secs}s" --latency "$1" > "$work/wrk.out" 2>&1
  python3 - "$work/wrk.out" <<'PY'
import re,sys
t=open(sys.argv[1]).read()
def ms(v):
    n=re.match(r'[\d.]+',v).group(); return float(n)*{'us':0.001,'ms':1,'s':1000,'m':60000}[v[len(n):]]
rps=float(re.search(r'Requests/sec:\s+([\d.]+)',t).group(1))
p50=ms(re.search(r'^\s+50%\s+(\S+)',t,re.M).group(1)); p99=ms(re.search(r'^\s+99%\s+(\S+)',t,re.M).group(1))
errs=re.search(r'Non-2xx or 3xx responses: (\d+)',t); sock=re.search(r'Socket errors: (.*)',t)
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {(errs.group(1) if errs else '0')}/{sock.group(1).replace(' ','_') if sock else 'none'}")
PY
}

port=$(free_port); mkdir -p "$work/nginx"
sed -e "s#PIDFILE#$work/nginx/pid#" -e "s#ERRORLOG#$work/nginx/error.log#" -e "s#TMPDIR#$work/nginx#g" -e "s#PORT#$port#" \
    "$here/nginx-200.conf" > "$work/nginx/nginx.conf"
taskset -c 1 /usr/sbin/nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" & pids+=("$!")
wait_port "$port"; nginx_url="http://127.0.0.1:$port/"

DEPENDENCY_URL="$nginx_url" taskset -c 1 java "${jvm[@]}" -jar "$jar" serve "$here/serve-proxy.yaml" \
    --control-port 0 > "$work/serve.out" 2>&1 & pids+=("$!")
for _ in $(seq 1 300); do grep -q "upstream api:" "$work/serve.out" && break; sleep 0.1; done
proxy_url="$(sed -n 's/.*upstream api: \(http[^ ]*\).*/\1/p' "$work/serve.out")/"
[[ "$(curl -s "$proxy_url")" == "ok" ]] || { echo "the proxy does not answer: $(cat "$work/serve.out")" >&2; exit 1; }

# warm both (the JIT, nginx's and the proxy's connection pools)
secs_saved=$secs; secs="${WARM:-15}"; measure "$nginx_url" >/dev/null; measure "$proxy_url" >/dev/null; secs=$secs_saved
echo "wrk -t1 -c$conns -d${secs}s --latency, $runs interleaved runs; columns: req/s p50_ms p99_ms non2xx/socket_errors"
for i in $(seq 1 "$runs"); do
  echo "nginx  $(measure "$nginx_url")" | tee -a "$work/results"
  echo "proxy  $(measure "$proxy_url")" | tee -a "$work/results"
done
python3 - "$work/results" <<'PY'
import sys,statistics as st
rows={}
for line in open(sys.argv[1]):
    k,*v=line.split(); rows.setdefault(k,[]).append([float(x) for x in v[:3]])
for k,v in rows.items():
    print(f"median {k:6} {st.median(r[0] for r in v):8.0f} req/s  p50 {st.median(r[1] for r in v):6.2f} ms  p99 {st.median(r[2] for r in v):6.2f} ms")
PY
