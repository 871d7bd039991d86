#!/usr/bin/env bash
# ./lab bench 5 --vs-redis [ROUNDS] [REQUESTS]
#
# Runs redis-benchmark against lab 5's server and against a real redis-server, alternately, in the
# same session, with 50 connections at once:
#   redis-benchmark -t set,get,incr,mset -c 50 -n REQUESTS          (one request in flight per connection)
#   redis-benchmark -t set,get,incr,mset -c 50 -n REQUESTS -P 16    (16 pipelined requests per write)
# and prints, per test, the requests per second of both and the ratio (ours / Redis), and the
# latency percentiles redis-benchmark 7 reports (p50, p95, p99, in ms) for both. The same table is
# written to lab5-integration/target/vs-redis.md. Then the target: at least 0.7x Redis's
# throughput at -c 50 without pipelining, per test, met or not.
#
# Both servers run with no persistence (--save "" --appendonly no), on 127.0.0.1, on free ports.
# Alternating (ours, Redis, ours, Redis, ...) spreads machine noise over both; the median of ROUNDS
# (default 3) runs is reported for each number. REQUESTS defaults to 200,000, the issue's -n;
# each of the four tests of a run sends that many. A first, unreported run of each kind warms up
# lab 5's JIT (and Redis, for fairness). About 5 minutes on a 2-core machine.
# TESTS=set,get ./lab bench 5 --vs-redis runs a subset of the tests (redis-benchmark's -t names).
set -euo pipefail
ROOT=${1:?usage: vs-redis.sh REPO_ROOT [ROUNDS] [REQUESTS]}
ROUNDS=${2:-3}
REQUESTS=${3:-200000}
TESTS=${TESTS:-set,get,incr,mset}
cd "$ROOT"

# shellcheck source=../../bench/common.sh
source bench/common.sh
bench_require redis-benchmark redis-server redis-cli

OUT=lab5-integration/target/vs-redis.md
tmp=$(mktemp -d)
ours_pid="" redis_pid=""
stop_servers() {
  [ -z "$ours_pid" ] || { kill "$ours_pid" 2>/dev/null || true; wait "$ours_pid" 2>/dev/null || true; }
  [ -z "$redis_pid" ] || { kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; }
  ours_pid="" redis_pid=""
}
trap 'stop_servers; rm -rf "$tmp"' EXIT

OURS=$(bench_free_port); REDIS=$(bench_free_port)
mkdir -p "$tmp/ours" "$tmp/redis"
java -jar lab5-integration/target/lab5-integration.jar --port "$OURS" --bind 127.0.0.1 \
    --dir "$tmp/ours" --save "" --appendonly no >"$tmp/ours.log" 2>&1 &
ours_pid=$!
redis-server --port "$REDIS" --bind 127.0.0.1 --dir "$tmp/redis" --save "" --appendonly no \
    >"$tmp/redis.log" 2>&1 &
redis_pid=$!
bench_wait_pong "$OURS" "$ours_pid" || { cat "$tmp/ours.log"; exit 1; }
bench_wait_pong "$REDIS" "$redis_pid" || { cat "$tmp/redis.log"; exit 1; }

# run PORT REQUESTS [-P 16]: one redis-benchmark run; prints "TEST RPS P50 P95 P99" lines (the test
# name with its spaces as underscores: MSET_(10_keys)). An error reply stops redis-benchmark with
# exit status 1: then the whole script stops, with its output.
run() {
  local out
  # shellcheck disable=SC2086  # ${3:-} is empty or "-P 16", two words
  if ! out=$(redis-benchmark -p "$1" -t "$TESTS" -c 50 -n "$2" ${3:-} --csv 2>&1); then
    echo "redis-benchmark against port $1 failed:" >&2
    echo "$out" >&2
    exit 1
  fi
  # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  awk -F'","' 'NR > 1 { t = $1; sub(/^"/, "", t); gsub(/ /, "_", t); print t, $2, $5, $6, $7 }' <<<"$out"
}
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# column FILE TEST N: the N-th field (2 rps, 3 p50, 4 p95, 5 p99) of TEST's lines in FILE, their median
column() { awk -v t="$2" -v n="$3" '$1 == t { print $n }' "$1" | median; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for port in "$OURS" "$REDIS"; do run "$port" 20000 >/dev/null; run "$port" 20000 "-P 16" >/dev/null; done

{
  echo "| redis-benchmark -c 50 | lab 5 req/s | Redis req/s | ratio | lab 5 p50 / p95 / p99 ms | Redis p50 / p95 / p99 ms |"
  echo "|---|---:|---:|---:|---:|---:|"
} >"$tmp/table"
: >"$tmp/verdict"
for mode in "" "-P 16"; do
  : >"$tmp/o"; : >"$tmp/r"
  for round in $(seq "$ROUNDS"); do
    echo "round $round of $ROUNDS${mode:+ ($mode)}: lab 5, then Redis" >&2
    run "$OURS" "$REQUESTS" "$mode" >>"$tmp/o"
    run "$REDIS" "$REQUESTS" "$mode" >>"$tmp/r"
  done
  for test in $(awk '{ print $1 }' "$tmp/o" | awk '!seen[$0]++'); do
    o=$(column "$tmp/o" "$test" 2); r=$(column "$tmp/r" "$test" 2)
    ratio=$(awk -v o="$o" -v r="$r" 'BEGIN { printf "%.2f", o / r }')
    printf '| %s%s | %.0f | %.0f | %sx | %s / %s / %s | %s / %s / %s |\n' "${test//_/ }" "${mode:+ $mode}" "$o" "$r" "$ratio" \
        "$(column "$tmp/o" "$test" 3)" "$(column "$tmp/o" "$test" 4)" "$(column "$tmp/o" "$test" 5)" \
        "$(column "$tmp/r" "$test" 3)" "$(column "$tmp/r" "$test" 4)" "$(column "$tmp/r" "$test" 5)" >>"$tmp/table"
    if [ -z "$mode" ]; then
      awk -v t="${test//_/ }" -v x="$ratio" 'BEGIN { printf "  %-16s %sx: %s\n", t, x, (x >= 0.7 ? "met" : "not met") }' >>"$tmp/verdict"
    fi
  done
done

{
  cat "$tmp/table"
  echo
  echo "Median of $ROUNDS alternating rounds, -n $REQUESTS per test, no persistence on either server."
  echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load average before the runs: $load_before."
  echo
  echo "Target, at least 0.7x Redis's requests per second at -c 50 without pipelining:"
  cat "$tmp/verdict"
} | tee "$OUT"
echo "(written to $OUT)" >&2
