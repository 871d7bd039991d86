#!/usr/bin/env bash
# ./lab bench 3 --vs-redis [ROUNDS] [REQUESTS]
#
# Runs redis-benchmark against lab 3's server and against a real redis-server, alternately, in the
# same session, and prints requests per second and the ratio (ours / Redis) for:
#   redis-benchmark -t set,get -c 1 -n REQUESTS          (one request in flight)
#   redis-benchmark -t set,get -c 1 -n REQUESTS -P 16    (16 pipelined requests per write)
# Alternating (ours, Redis, ours, Redis, ...) spreads machine noise over both; the median of
# ROUNDS (default 5) is reported. Everything runs on 127.0.0.1 on free ports.
set -euo pipefail
ROOT=${1:?usage: vs-redis.sh REPO_ROOT [ROUNDS] [REQUESTS]}
ROUNDS=${2:-5}
REQUESTS=${3:-20000}
cd "$ROOT"

# shellcheck source=../../bench/common.sh
source bench/common.sh
bench_require redis-benchmark redis-server redis-cli


OURS=$(bench_free_port); REDIS=$(bench_free_port)
tmp=$(mktemp -d)
java -jar lab3-resp-parser/target/lab3-resp-parser.jar --port "$OURS" >"$tmp/ours.log" 2>&1 &
ours_pid=$!
redis-server --port "$REDIS" --bind 127.0.0.1 --save '' --appendonly no --dir "$tmp" >"$tmp/redis.log" 2>&1 &
redis_pid=$!
trap 'kill $ours_pid $redis_pid 2>/dev/null; rm -rf "$tmp"' EXIT
bench_wait_pong "$OURS" || { cat "$tmp/ours.log"; exit 1; }
bench_wait_pong "$REDIS" || { cat "$tmp/redis.log"; exit 1; }

# prints "SET_rps GET_rps" for one run
run() {
  redis-benchmark -p "$1" -t set,get -c 1 -n "$REQUESTS" -q --csv $2 2>/dev/null \
    | awk -F'"' '/^"SET"/{s=$4} /^"GET"/{g=$4} END{print s, g}'
}
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "warming up lab 3's JIT (one unreported run)..."
run "$OURS" "" >/dev/null; run "$OURS" "-P 16" >/dev/null

printf '%-26s %12s %12s %8s\n' "redis-benchmark" "lab 3 req/s" "Redis req/s" "ratio"
for mode in "" "-P 16"; do
  : >"$tmp/o"; : >"$tmp/r"
  for _ in $(seq "$ROUNDS"); do
    run "$OURS" "$mode" >>"$tmp/o"
    run "$REDIS" "$mode" >>"$tmp/r"
  done
  for col in 1 2; do
    name=$([ $col = 1 ] && echo SET || echo GET)
    o=$(cut -d' ' -f$col "$tmp/o" | median); r=$(cut -d' ' -f$col "$tmp/r" | median)
    printf '%-26s %12.0f %12.0f %7.2fx\n' "$name -c 1 ${mode:-(no pipeline)}" "$o" "$r" "$(awk -v o="$o" -v r="$r" 'BEGIN{print o/r}')"
  done
done
echo "(median of $ROUNDS alternating rounds of $REQUESTS requests; machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'))"
