#!/usr/bin/env bash
# bash lab4-persistence/bench/startup-load.sh REPO_ROOT [KEYS] [ROUNDS]
#
# The snapshot load at startup, as each server's own log line reports it: lab 4 loading dump.json
# and redis-server loading dump.rdb, both holding KEYS keys (default 1,000,000) named key:1..key:N
# with the 10-byte value vvvvvvvvvv, as lab 4's JMH benchmarks make them.
#
#   1. both servers start empty (--save "", --appendonly no, a temp --dir each), get the same
#      SETs through redis-cli --pipe, and SAVE;
#   2. ROUNDS times (default 5), alternately: start the server on its file, wait until it answers
#      PING, read "DB loaded from disk: X seconds" from its log, stop it.
#
# It prints the median of the log's load time, and of the wall time from starting the process to
# its first PONG (lab 4's includes starting the JVM). Unlike SnapshotBenchmark's load, nothing
# is warm here: the JIT has compiled nothing yet, and the memory the keys go into is touched for
# the first time, which is what a restart costs.
set -euo pipefail
ROOT=${1:?usage: startup-load.sh REPO_ROOT [KEYS] [ROUNDS]}
KEYS=${2:-1000000}
ROUNDS=${3:-5}
cd "$ROOT"

# shellcheck source=../../bench/common.sh
source bench/common.sh
bench_require redis-server redis-cli
[ -f lab4-persistence/target/lab4-persistence.jar ] || { echo "build lab 4 first: ./lab run 4 --help" >&2; exit 1; }

now() { date +%s.%N; }

tmp=$(mktemp -d)
pid=""
stop() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; pid=""; }
trap 'stop; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/ours" "$tmp/redis"

# start NAME PORT LOG: the server in its directory, on its file
start() {
  case $1 in
    ours) java -jar lab4-persistence/target/lab4-persistence.jar --port "$2" --bind 127.0.0.1 --dir "$tmp/ours" \
              --save "" --appendonly no >"$3" 2>&1 & ;;
    redis) redis-server --port "$2" --bind 127.0.0.1 --dir "$tmp/redis" --save "" --appendonly no >"$3" 2>&1 & ;;
  esac
  pid=$!
}

echo "writing $KEYS SETs..."
awk -v n="$KEYS" 'BEGIN { for (i = 1; i <= n; i++) { k = "key:" i; printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$10\r\nvvvvvvvvvv\r\n", length(k), k } }' \
  >"$tmp/sets.resp"
for name in ours redis; do
  port=$(bench_free_port)
  start "$name" "$port" "$tmp/$name-fill.log"
  bench_wait_pong "$port" || { cat "$tmp/$name-fill.log"; exit 1; }
  redis-cli -p "$port" --pipe <"$tmp/sets.resp" >/dev/null
  [ "$(redis-cli -p "$port" DBSIZE)" = "$KEYS" ] || { echo "$name holds $(redis-cli -p "$port" DBSIZE) keys, not $KEYS" >&2; exit 1; }
  redis-cli -p "$port" SAVE >/dev/null
  stop
done
rm -f "$tmp/sets.resp"
echo "files: dump.json $(stat -c %s "$tmp/ours/dump.json") bytes, dump.rdb $(stat -c %s "$tmp/redis/dump.rdb") bytes"

: >"$tmp/ours.load"; : >"$tmp/ours.pong"; : >"$tmp/redis.load"; : >"$tmp/redis.pong"
for _ in $(seq "$ROUNDS"); do
  for name in ours redis; do
    port=$(bench_free_port)
    t0=$(now)
    start "$name" "$port" "$tmp/$name.log"
    bench_wait_pong "$port" || { cat "$tmp/$name.log"; exit 1; }
    t1=$(now)
    [ "$(redis-cli -p "$port" DBSIZE)" = "$KEYS" ] || { echo "$name loaded $(redis-cli -p "$port" DBSIZE) keys" >&2; exit 1; }
    sed -n 's/.*DB loaded from disk: \([0-9.]*\) seconds.*/\1/p' "$tmp/$name.log" >>"$tmp/$name.load"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >>"$tmp/$name.pong"
    stop
  done
done
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '%-34s %10s %10s %8s\n' "startup, $KEYS keys" "lab 4 s" "Redis s" "ratio"
for what in load pong; do
  o=$(median <"$tmp/ours.$what"); r=$(median <"$tmp/redis.$what")
  label=$([ $what = load ] && echo 'log: "DB loaded from disk"' || echo "process start to first PONG")
  printf '%-34s %10.3f %10.3f %7.2fx\n' "$label" "$o" "$r" "$(awk -v o="$o" -v r="$r" 'BEGIN{print o/r}')"
done
echo "(median of $ROUNDS alternating rounds; ratio: lab 4's time / Redis's, below 1 is faster;"
echo " machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'))"
