#!/usr/bin/env bash
# ./lab bench 7 --connections [N]
#
# Memory per idle connection, lab 7's server against Redis's, in the same run: each server is
# started for the run, N idle connections (default 10000; each has sent one PING) are opened to it
# by dev.redisfromscratch.scale.IdleConnections, and its resident memory (VmRSS in /proc/<pid>/status)
# is read before and after: (after - before) / N is its memory per connection. Also, for lab 7,
# the Java heap used after a full GC (jcmd GC.run, GC.heap_info) before and after, per connection;
# for Redis, INFO memory's used_memory (its allocator's count) before and after. Prints a markdown
# table (for docs/measurements/lab7.md) and writes it to lab7-concurrency/target/connections.md,
# then the target: lab 7's RSS per connection at most 2x Redis's, met or not.
set -euo pipefail
ROOT=${1:?usage: connections.sh REPO_ROOT [N]}
shift
N=${1:-10000}
cd "$ROOT"

# shellcheck source=../../bench/common.sh
source bench/common.sh
bench_require redis-server redis-cli jcmd bc

M=lab7-concurrency
OUT=$M/target/connections.md
TOOL_CP="$M/target/test-classes:$M/target/classes:$(cat "$M/target/bench-classpath.txt")"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

need=$((N + 200))
if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt "$need" ]; then
  echo "the hard limit on open files is $(ulimit -Hn); $N connections need $need per process (ulimit -Hn)" >&2
  exit 1
fi
ulimit -n "$need" 2>/dev/null || true

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
heap_kb() { # used heap after a full GC, KiB
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1
}

# holds N idle connections to port $1 until close_connections
open_connections() {
  coproc HOLDER { exec java -cp "$TOOL_CP" dev.redisfromscratch.scale.IdleConnections "$1" "$N"; }
  local line
  read -r line <&"${HOLDER[0]}" || { echo "the connection tool failed" >&2; exit 1; }
  [ "$line" = "ready $N" ] || { echo "the connection tool said: $line" >&2; exit 1; }
}
close_connections() {
  local pid=$HOLDER_PID
  eval "exec ${HOLDER[1]}>&-"
  wait "$pid" 2>/dev/null || true
}

# --- Redis
RP=$(bench_free_port)
echo "+ redis-server --port $RP --save '' --appendonly no --maxclients $((N + 100))" >&2
redis-server --port "$RP" --save '' --appendonly no --maxclients $((N + 100)) --dir "$WORK" --logfile "$WORK/redis.log" &
RPID=$!; PIDS+=("$RPID")
bench_wait_pong "$RP" "$RPID" || { echo "redis-server did not start" >&2; exit 1; }
r_used() { redis-cli -p "$RP" INFO memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p'; }
r_rss0=$(rss_kb "$RPID"); r_used0=$(r_used)
open_connections "$RP"
r_rss1=$(rss_kb "$RPID"); r_used1=$(r_used)
r_clients=$(redis-cli -p "$RP" INFO clients | sed -n 's/^connected_clients:\([0-9]*\).*/\1/p')
close_connections

# --- lab 7
LP=$(bench_free_port)
echo "+ java -jar $M/target/$M.jar --port $LP --save '' --maxclients $((N + 100))" >&2
java -jar "$M/target/$M.jar" --port "$LP" --save "" --dir "$WORK" --maxclients $((N + 100)) >"$WORK/lab7.log" 2>&1 &
LPID=$!; PIDS+=("$LPID")
bench_wait_pong "$LP" "$LPID" || { echo "lab 7's server did not start" >&2; exit 1; }
l_heap0=$(heap_kb "$LPID"); l_rss0=$(rss_kb "$LPID")
open_connections "$LP"
l_heap1=$(heap_kb "$LPID"); l_rss1=$(rss_kb "$LPID")
l_clients=$(redis-cli -p "$LP" INFO clients | sed -n 's/^connected_clients:\([0-9]*\).*/\1/p')
close_connections

per() { awk -v a="$1" -v b="$2" -v n="$N" 'BEGIN { printf "%.0f", (b - a) * 1024 / n }'; }
r_rss_per=$(per "$r_rss0" "$r_rss1")
l_rss_per=$(per "$l_rss0" "$l_rss1")
l_heap_per=$(per "$l_heap0" "$l_heap1")
r_used_per=$(awk -v a="$r_used0" -v b="$r_used1" -v n="$N" 'BEGIN { printf "%.0f", (b - a) / n }')
ratio=$(awk -v l="$l_rss_per" -v r="$r_rss_per" 'BEGIN { printf "%.2f", l / r }')
verdict=$(awk -v x="$ratio" 'BEGIN { print (x <= 2.0) ? "met" : "not met" }')

{
  echo "| server | connected_clients | RSS before (MiB) | RSS after (MiB) | RSS per connection (bytes) | allocator / heap per connection (bytes) |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf "| Redis %s | %s | %.1f | %.1f | %s | %s (used_memory) |\n" "$(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/')" \
      "$r_clients" "$(echo "$r_rss0/1024" | bc -l)" "$(echo "$r_rss1/1024" | bc -l)" "$r_rss_per" "$r_used_per"
  printf "| lab 7 (event loop, JVM %s) | %s | %.1f | %.1f | %s | %s (heap after GC) |\n" \
      "$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)" \
      "$l_clients" "$(echo "$l_rss0/1024" | bc -l)" "$(echo "$l_rss1/1024" | bc -l)" "$l_rss_per" "$l_heap_per"
  echo
  echo "$N idle connections (one PING each). Lab 7 / Redis, RSS per connection: ${ratio}x (target at most 2x: $verdict)."
} | tee "$OUT"
echo "table: $OUT" >&2
