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
trap 'bench_stop "$ours_pid" "$redis_pid"; rm -rf "$tmp"' EXIT

OURS=$(bench_free_port); REDIS=$(bench_free_port)
mkdir -p "$tmp/ours" "$tmp/redis"
bench_start_jar lab5-integration/target/lab5-integration.jar "$OURS" "$tmp/ours" "$tmp/ours.log"; ours_pid=$BENCH_PID
bench_start_redis "$REDIS" "$tmp/redis" "$tmp/redis.log"; redis_pid=$BENCH_PID
bench_wait_pong "$OURS" "$ours_pid" || { cat "$tmp/ours.log"; exit 1; }
bench_wait_pong "$REDIS" "$redis_pid" || { cat "$tmp/redis.log"; exit 1; }

# run PORT REQUESTS [-P 16]: one redis-benchmark run of the tests at -c 50 (bench_run's lines)
run() {
  # shellcheck disable=SC2086  # ${3:-} is empty or "-P 16", two words
  bench_run "$1" -t "$TESTS" -c 50 -n "$2" ${3:-}
}
column() { bench_column "$@"; }

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
