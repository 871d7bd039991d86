#!/usr/bin/env bash
# ./lab bench 4 --vs-redis [ROUNDS] [REQUESTS_ALWAYS] [REQUESTS_EVERYSEC]
#
# Runs redis-benchmark against lab 4's server and against a real redis-server, both logging every
# write to an append-only file, alternately, in the same session, and prints requests per second
# and the ratio (ours / Redis) for:
#   redis-benchmark -t set -c 1 -n REQUESTS          (one request in flight)
#   redis-benchmark -t set -c 1 -n REQUESTS -P 16    (16 pipelined requests per write)
# first with both servers on --appendonly yes --appendfsync always (an fsync before each reply,
# or each batch of 16), then both restarted with --appendfsync everysec. Each server runs in a
# temp --dir of its own with --save "" (no snapshots).
#
# Alternating (ours, Redis, ours, Redis, ...) spreads machine noise over both; the median of ROUNDS
# (default 9: an fsync's latency moves with everything else written to the same disk, so short
# alternating runs and many of them) is reported. Under always every request waits for the disk's
# fsync, so that policy gets fewer requests (default 1,000) than everysec (default 20,000).
# Everything runs on 127.0.0.1 on free ports.
set -euo pipefail
ROOT=${1:?usage: vs-redis.sh REPO_ROOT [ROUNDS] [REQUESTS_ALWAYS] [REQUESTS_EVERYSEC]}
ROUNDS=${2:-9}
REQUESTS_ALWAYS=${3:-1000}
REQUESTS_EVERYSEC=${4:-20000}
cd "$ROOT"

# shellcheck source=../../bench/common.sh
source bench/common.sh
bench_require redis-benchmark redis-server redis-cli


tmp=$(mktemp -d)
ours_pid="" redis_pid=""
stop_servers() {
  [ -z "$ours_pid" ] || { kill "$ours_pid" 2>/dev/null || true; wait "$ours_pid" 2>/dev/null || true; }
  [ -z "$redis_pid" ] || { kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; }
  ours_pid="" redis_pid=""
}
trap 'stop_servers; rm -rf "$tmp"' EXIT

# start_servers POLICY: both servers, AOF on with that fsync policy, each in a new directory
start_servers() {
  local policy=$1
  OURS=$(bench_free_port); REDIS=$(bench_free_port)
  mkdir -p "$tmp/ours-$policy" "$tmp/redis-$policy"
  java -jar lab4-persistence/target/lab4-persistence.jar --port "$OURS" --bind 127.0.0.1 \
      --dir "$tmp/ours-$policy" --save "" --appendonly yes --appendfsync "$policy" >"$tmp/ours-$policy.log" 2>&1 &
  ours_pid=$!
  redis-server --port "$REDIS" --bind 127.0.0.1 --dir "$tmp/redis-$policy" --save "" \
      --appendonly yes --appendfsync "$policy" >"$tmp/redis-$policy.log" 2>&1 &
  redis_pid=$!
  bench_wait_pong "$OURS" || { cat "$tmp/ours-$policy.log"; exit 1; }
  bench_wait_pong "$REDIS" || { cat "$tmp/redis-$policy.log"; exit 1; }
}

# prints the SET requests per second of one run: run PORT REQUESTS [-P 16]
run() {
  redis-benchmark -p "$1" -t set -c 1 -n "$2" -q --csv ${3:-} 2>/dev/null \
    | awk -F'"' '/^"SET"/{s=$4} END{print s}'
}
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '%-34s %12s %12s %8s\n' "redis-benchmark" "lab 4 req/s" "Redis req/s" "ratio"
for policy in always everysec; do
  requests=$([ "$policy" = always ] && echo "$REQUESTS_ALWAYS" || echo "$REQUESTS_EVERYSEC")
  start_servers "$policy"
  # lab 4's JIT warms up in one unreported run of each kind (the same for Redis, so both files
  # start with some content)
  for port in "$OURS" "$REDIS"; do run "$port" "$requests" >/dev/null; run "$port" "$requests" "-P 16" >/dev/null; done
  for mode in "" "-P 16"; do
    : >"$tmp/o"; : >"$tmp/r"
    for _ in $(seq "$ROUNDS"); do
      run "$OURS" "$requests" "$mode" >>"$tmp/o"
      run "$REDIS" "$requests" "$mode" >>"$tmp/r"
    done
    o=$(median <"$tmp/o"); r=$(median <"$tmp/r")
    printf '%-34s %12.0f %12.0f %7.2fx\n' "SET -c 1 ${mode:+$mode }appendfsync $policy" "$o" "$r" \
        "$(awk -v o="$o" -v r="$r" 'BEGIN{print o/r}')"
  done
  stop_servers
done
echo "(median of $ROUNDS alternating rounds; $REQUESTS_ALWAYS requests per run under always, $REQUESTS_EVERYSEC under everysec;"
echo " machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'))"
