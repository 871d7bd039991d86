#!/usr/bin/env bash
# ./lab bench 7 --vs-redis [ROUNDS] [REQUESTS]
#
# Lab 7's targets, measured with redis-benchmark in one run against lab 7's server, a real
# redis-server and, for context, lab 5's thread-per-client server, all on 127.0.0.1:
#   redis-benchmark -t set,get -c 50 -n REQUESTS             requests/s, target >= 1.0x Redis
#   redis-benchmark -t set,get -c 50 -n 5xREQUESTS -P 16     requests/s, target >= 0.8x Redis
#   redis-benchmark -t set,get -c 100 -n REQUESTS            p99 latency, target <= 1.5x Redis's p99
# It prints a markdown table (ours, Redis, the ratio, the target, met or not; lab 5 beside them) and
# every number behind it (requests/s and redis-benchmark 7's p50/p95/p99 for each server), and
# writes both to lab7-concurrency/target/vs-redis.md, ready for docs/measurements/lab7.md.
#
# The three servers run at once with no persistence (--save "" --appendonly no), but only one is
# sent requests at a time: while one is measured the other two have no client (lab 7 and Redis then
# sleep in epoll_wait; lab 5 keeps only its cron thread's 10 wake-ups a second). Each round runs
# every kind of run against lab 7, then Redis, then lab 5, so machine noise is spread over all
# three; each number is the median of ROUNDS (default 3) rounds. REQUESTS defaults to 100,000.
#
# Warm-up: before anything is measured, each server gets an unreported run of the -c 50 kind and
# one with -P 16 (at the default, 200,000 requests of each kind per JVM, the same code path as the
# -c 100 runs), so that the JIT has compiled the read/parse/execute/write path into C2 code: a cold
# JVM interprets its first thousands of requests and compiles on background threads that compete
# for the cores, and that is the JVM's start-up, not the server. Redis gets the same, for fairness.
#
# About 3 minutes on a 2-core machine, where redis-benchmark shares the two cores with the server
# it measures.
# '`%s`' in printf formats is markdown, not an expansion:
# shellcheck disable=SC2016
set -euo pipefail
ROOT=${1:?usage: vs-redis.sh REPO_ROOT [ROUNDS] [REQUESTS]}
ROUNDS=${2:-3}
REQUESTS=${3:-100000}
cd "$ROOT"

# shellcheck source=../../bench/common.sh
source bench/common.sh
bench_require redis-benchmark redis-server redis-cli

LAB7=lab7-concurrency/target/lab7-concurrency.jar
LAB5=lab5-integration/target/lab5-integration.jar
[ -f "$LAB5" ] || { echo "$LAB5 is missing: mvn -q -DskipTests package -pl lab5-integration -am" >&2; exit 1; }
OUT=lab7-concurrency/target/vs-redis.md
tmp=$(mktemp -d)
pids=()
trap 'bench_stop "${pids[@]}"; rm -rf "$tmp"' EXIT

# the servers, by name: port and start
declare -A PORT
for name in lab7 redis lab5; do
  PORT[$name]=$(bench_free_port)
  mkdir -p "$tmp/$name"
  case $name in
    lab7) bench_start_jar "$LAB7" "${PORT[$name]}" "$tmp/$name" "$tmp/$name.log" ;;
    lab5) bench_start_jar "$LAB5" "${PORT[$name]}" "$tmp/$name" "$tmp/$name.log" ;;
    redis) bench_start_redis "${PORT[$name]}" "$tmp/$name" "$tmp/$name.log" ;;
  esac
  pids+=("$BENCH_PID")
  bench_wait_pong "${PORT[$name]}" "$BENCH_PID" || { cat "$tmp/$name.log"; exit 1; }
done

# the three kinds of run: name and redis-benchmark arguments (-n: requests per test)
KINDS=(c50 p16 c100)
declare -A ARGS=(
  [c50]="-t set,get -c 50 -n $REQUESTS"
  [p16]="-t set,get -c 50 -n $((REQUESTS * 5)) -P 16"
  [c100]="-t set,get -c 100 -n $REQUESTS"
)

machine=$(bench_machine)
echo "warm-up: redis-benchmark ${ARGS[c50]}, then -P 16 with -n $((REQUESTS * 2)), against each server, not reported" >&2
for name in lab7 redis lab5; do
  # shellcheck disable=SC2086  # ARGS are words
  bench_run "${PORT[$name]}" ${ARGS[c50]} >/dev/null
  bench_run "${PORT[$name]}" -t set,get -c 50 -n $((REQUESTS * 2)) -P 16 >/dev/null
done
for round in $(seq "$ROUNDS"); do
  for kind in "${KINDS[@]}"; do
    echo "round $round of $ROUNDS: redis-benchmark ${ARGS[$kind]}: lab 7, Redis, lab 5" >&2
    for name in lab7 redis lab5; do
      # shellcheck disable=SC2086
      bench_run "${PORT[$name]}" ${ARGS[$kind]} >>"$tmp/$kind.$name"
    done
  done
done

# ratio A B: A / B with two decimals ("n/a" if B is 0)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
# verdict RATIO OP LIMIT: met or not met
# round N: requests/s without decimals, milliseconds as redis-benchmark printed them
round() { awk -v n="$1" 'BEGIN { if (n >= 1000) printf "%.0f", n; else print n }'; }
verdict() { awk -v x="$1" -v op="$2" -v l="$3" 'BEGIN { ok = (op == ">=" ? x >= l : x <= l); print (x != "n/a" && ok ? "met" : "not met") }'; }

{
  echo "| redis-benchmark -t set,get | measure | lab 7 | Redis | lab 7 / Redis | target | | lab 5 | lab 5 / Redis |"
  echo "|---|---|---:|---:|---:|---|---|---:|---:|"
  for kind in "${KINDS[@]}"; do
    case $kind in
      c50) label="-c 50" field=2 what="req/s" op=">=" limit=1.0 ;;
      p16) label="-c 50 -P 16" field=2 what="req/s" op=">=" limit=0.8 ;;
      c100) label="-c 100" field=5 what="p99 ms" op="<=" limit=1.5 ;;
    esac
    for test in SET GET; do
      o=$(bench_column "$tmp/$kind.lab7" "$test" "$field")
      r=$(bench_column "$tmp/$kind.redis" "$test" "$field")
      f=$(bench_column "$tmp/$kind.lab5" "$test" "$field")
      x=$(ratio "$o" "$r")
      sign=${op/>=/≥}; sign=${sign/<=/≤}
      printf '| %s `%s` | %s | %s | %s | %sx | %s %sx | **%s** | %s | %sx |\n' "$test" "$label" "$what" \
          "$(round "$o")" "$(round "$r")" "$x" "$sign" "$limit" "$(verdict "$x" "$op" "$limit")" "$(round "$f")" "$(ratio "$f" "$r")"
    done
  done
} >"$tmp/targets"

{
  echo "| redis-benchmark | test | lab 7 req/s | Redis req/s | lab 5 req/s | lab 7 p50 / p95 / p99 ms | Redis p50 / p95 / p99 ms | lab 5 p50 / p95 / p99 ms |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  for kind in "${KINDS[@]}"; do
    for test in SET GET; do
      printf '| `%s` | %s' "${ARGS[$kind]}" "$test"
      for name in lab7 redis lab5; do printf ' | %s' "$(round "$(bench_column "$tmp/$kind.$name" "$test" 2)")"; done
      for name in lab7 redis lab5; do
        printf ' | %s / %s / %s' "$(bench_column "$tmp/$kind.$name" "$test" 3)" "$(bench_column "$tmp/$kind.$name" "$test" 4)" \
            "$(bench_column "$tmp/$kind.$name" "$test" 5)"
      done
      echo " |"
    done
  done
} >"$tmp/details"

{
  echo "Machine: $machine (before the runs)."
  echo "Median of $ROUNDS rounds (lab 7, Redis, lab 5 in turn), after an unreported warm-up of each; no persistence."
  echo
  cat "$tmp/targets"
  echo
  cat "$tmp/details"
} | tee "$OUT"
echo "(written to $OUT)" >&2
