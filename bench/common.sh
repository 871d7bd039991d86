#!/usr/bin/env bash
# Helpers shared by the labs' shell benchmarks (labN-*/bench/*.sh): source it, don't run it.
#
#   bench_require TOOL...     exit 1, naming the Debian packages, unless every TOOL is installed
#   bench_free_port           print a loopback port no socket uses (below Linux's ephemeral range, so
#                             no client connection holds it as its local port either)
#   bench_wait_pong PORT [PID] wait (up to 20 s) until redis-cli PING on PORT answers PONG; with PID,
#                             give up at once if that process (the server) has exited
# and, for the redis-benchmark comparisons, the bench_start_*, bench_run and bench_column helpers
# further down.

bench_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (Debian: apt-get install redis-tools redis-server)" >&2; exit 1; }
  done
}

bench_free_port() {
  local p
  while :; do
    p=$((10000 + RANDOM % 22000)) # 10000-31999: Linux hands out local ports of connections from 32768
    if command -v ss >/dev/null && [ -n "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]; then
      continue
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

bench_wait_pong() {
  local _
  for _ in $(seq 2000); do
    [ "$(redis-cli -p "$1" PING 2>/dev/null)" = PONG ] && return 0
    if [ -n "${2:-}" ] && ! kill -0 "$2" 2>/dev/null; then
      return 1
    fi
    sleep 0.01
  done
  return 1
}

# redis-benchmark against a lab's server and a real redis-server (the labs' vs-redis.sh scripts):
#
#   bench_start_jar JAR PORT DIR LOG   start a lab's server jar on 127.0.0.1:PORT with no persistence
#                             (--save "" --appendonly no, --dir DIR), output to LOG; sets BENCH_PID
#   bench_start_redis PORT DIR LOG     the same for a real redis-server; sets BENCH_PID
#   bench_stop PID...         SIGTERM each server and wait for it (ignores empty and exited ones)
#   bench_run PORT ARGS...    one `redis-benchmark -p PORT ARGS... --csv` run (ARGS: -t, -c, -n, -P);
#                             prints one line per test, "TEST RPS P50 P95 P99" (latencies in ms,
#                             the test name with its spaces as underscores: MSET_(10_keys)); an
#                             error (an error reply stops redis-benchmark) exits the script with its
#                             output
#   bench_median              the median of the numbers on stdin, one a line
#   bench_column FILE TEST N  the median of field N (2 rps, 3 p50, 4 p95, 5 p99) of TEST's lines in
#                             FILE, a file of bench_run lines
#   bench_machine             one line: cores, CPU model, the JVM and its collector, redis-server's
#                             version, and the load average now

# shellcheck disable=SC2034  # BENCH_PID is for the caller
bench_start_jar() {
  java -jar "$1" --port "$2" --bind 127.0.0.1 --dir "$3" --save "" --appendonly no >"$4" 2>&1 &
  BENCH_PID=$!
}

# shellcheck disable=SC2034
bench_start_redis() {
  redis-server --port "$1" --bind 127.0.0.1 --dir "$2" --save "" --appendonly no >"$3" 2>&1 &
  BENCH_PID=$!
}

bench_stop() {
  local pid
  for pid in "$@"; do
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

bench_run() {
  local port=$1 out
  shift
  if ! out=$(redis-benchmark -p "$port" "$@" --csv 2>&1); then
    echo "redis-benchmark -p $port $* failed:" >&2
    echo "$out" >&2
    exit 1
  fi
  # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  awk -F'","' 'NR > 1 { t = $1; sub(/^"/, "", t); gsub(/ /, "_", t); print t, $2, $5, $6, $7 }' <<<"$out"
}

bench_median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

bench_column() { awk -v t="$2" -v n="$3" '$1 == t { print $n }' "$1" | bench_median; }

bench_machine() {
  local jvm gc
  jvm=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java.vm.name =/ { n = $2 } /^ *java.runtime.version =/ { v = $2 } END { print n, v }')
  gc=$(java -XX:+PrintCommandLineFlags -version 2>&1 | grep -o 'Use[A-Za-z0-9]*GC' | head -n 1 | sed 's/^Use//')
  echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $jvm (${gc:-default collector}); $(redis-server --version | grep -o 'v=[0-9.]*' | sed 's/v=/redis-server /'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
