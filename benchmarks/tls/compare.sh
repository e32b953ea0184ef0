#!/usr/bin/env bash
# TLS handshake cost and HTTP/2 vs HTTP/1.1 serve throughput of faultline's fake upstreams.
#   One `faultline serve` with four upstreams answering 200 "ok": HTTP/1.1 in the clear, h2c (prior
#   knowledge), HTTP/1.1 over TLS, h2 over TLS (ALPN). Then:
#   - handshake cost: N fresh curl connections to the TLS upstream; curl's time_appconnect minus
#     time_connect (client side), and the tls-handshake events' durationNanos (server side, from
#     the accepted connection to the handshake's end);
#   - throughput: h2load against each upstream, 16 connections; HTTP/1.1 one request at a time per
#     connection, HTTP/2 10 concurrent streams per connection.
# Usage: benchmarks/tls/compare.sh [REQUESTS per h2load run, default 50000] [HANDSHAKES, default 200]
# Prints a dated Markdown section (benchmarks/RESULTS.md keeps the curated results).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
requests="${1:-50000}"
handshakes="${2:-200}"
work="$(mktemp -d -t faultline-tls-bench.XXXXXX)"
serve_pid=""
cleanup() { [[ -n "$serve_pid" ]] && kill -9 "$serve_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
command -v h2load >/dev/null || { echo "h2load is missing (apt-get install nghttp2-client)" >&2; exit 2; }

"$root/faultline" --version >/dev/null            # builds the jar if needed
jar="$(ls -t "$root"/harness/target/faultline-[0-9]*.jar | head -1)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; return 1; }
median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) {print "n/a"} else if (NR%2) {print v[(NR+1)/2]} else {print (v[NR/2]+v[NR/2+1])/2}}'; }

p_h1=$(free_port); p_h2c=$(free_port); p_tls=$(free_port); p_h2=$(free_port)
cat > "$work/protocols.yaml" <<YAML
name: tls benchmark
upstreams:
  clear: {port: $p_h1, routes: [{respond: {status: 200, body: ok}}]}
  h2c: {port: $p_h2c, http2: true, routes: [{respond: {status: 200, body: ok}}]}
  tls: {port: $p_tls, tls: true, routes: [{respond: {status: 200, body: ok}}]}
  h2: {port: $p_h2, tls: true, http2: true, routes: [{respond: {status: 200, body: ok}}]}
phases:
  - name: serve
    duration: 1h
YAML
java -Xms1g -Xmx1g -jar "$jar" serve --journal "$work/journal.jsonl" --journal-max-bytes 1000000000 \
    "$work/protocols.yaml" > "$work/serve.log" 2>&1 &
serve_pid=$!
for p in $p_h1 $p_h2c $p_tls $p_h2; do wait_port "$p"; done
ca="$(grep -o '/[^ ]*ca.pem' "$work/serve.log" | head -1)"

# Handshakes: warm the JIT first, then measure fresh connections one after another.
for _ in $(seq 1 50); do curl -s -o /dev/null --cacert "$ca" "https://127.0.0.1:$p_tls/"; done
for _ in $(seq 1 "$handshakes"); do
  curl -s -o /dev/null --cacert "$ca" -w '%{time_connect} %{time_appconnect} %{ssl_verify_result}\n' "https://127.0.0.1:$p_tls/"
done > "$work/handshakes.txt"
client_ms="$(awk '{printf "%.3f\n", ($2-$1)*1000}' "$work/handshakes.txt" | median)"
verified="$(awk '$3==0' "$work/handshakes.txt" | wc -l)"

run_h2load() { # label url extra-args...
  local label="$1" url="$2"; shift 2
  h2load -n 5000 -c 16 "$@" "$url" > /dev/null 2>&1 || true                 # warm-up
  local out; out="$(h2load -n "$requests" -c 16 "$@" "$url" 2>&1)"
  local rps; rps="$(grep -o 'finished in [0-9.]*m\?s, [0-9.]* req/s' <<<"$out" | awk '{print $4}')"
  local ok; ok="$(grep -o 'status codes: [0-9]* 2xx' <<<"$out" | awk '{print $3}')"
  local proto; proto="$(grep -o 'Application protocol: [^ ]*' <<<"$out" | awk '{print $3}')"
  printf '| %s | %s | %s | %s / %s |\n' "$label" "${proto:-h2c}" "${rps:-n/a}" "${ok:-0}" "$requests"
}

echo "## TLS and HTTP/2 (\`benchmarks/tls/compare.sh\`), $(date -u +%Y-%m-%d)"
echo
echo "Machine: $(nproc) CPUs, $(java -version 2>&1 | head -1), $(curl --version | head -1 | cut -d' ' -f1-2,5), $(h2load --version | head -1)."
echo
echo "Handshake (TLS 1.3, EC P-256 certificate, new connection each, after 50 warm-up connections):"
echo "median $client_ms ms as curl measured it (time_appconnect - time_connect), $verified of $handshakes verified against the run's CA."
echo
echo "Throughput: h2load, $requests requests after 5,000 warm-up, 16 connections; HTTP/1.1 one request at a"
echo "time per connection, HTTP/2 \`-m 10\` (10 concurrent streams per connection). Journal on."
echo
echo "| upstream | protocol | requests/s | 2xx |"
echo "|---|---|---|---|"
run_h2load "HTTP/1.1, clear" "http://127.0.0.1:$p_h1/" --h1
run_h2load "h2c, clear (prior knowledge)" "http://127.0.0.1:$p_h2c/" -m 10
run_h2load "HTTP/1.1 over TLS" "https://127.0.0.1:$p_tls/" --h1
run_h2load "h2 over TLS (ALPN)" "https://127.0.0.1:$p_h2/" -m 10

kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
if [[ -s "$work/journal.jsonl" ]]; then
  server_ms="$(grep '"tls-handshake"' "$work/journal.jsonl" | grep '"outcome":"completed"' \
      | grep -o '"durationNanos":[0-9]*' | cut -d: -f2 | awk '{printf "%.3f\n", $1/1e6}' | median)"
  count="$(grep -c '"tls-handshake"' "$work/journal.jsonl")"
  echo
  echo "Server side: median $server_ms ms from accepted connection to handshake end over $count tls-handshake events (journal)."
fi
