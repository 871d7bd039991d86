#!/usr/bin/env bash
# Helpers shared by the labs' shell benchmarks (labN-*/bench/*.sh): source it, don't run it.
#
#   bench_require TOOL...     exit 1, naming the Debian packages, unless every TOOL is installed
#   bench_free_port           print a loopback port no socket uses (below Linux's ephemeral range, so
#                             no client connection holds it as its local port either)
#   bench_wait_pong PORT [PID] wait (up to 20 s) until redis-cli PING on PORT answers PONG; with PID,
#                             give up at once if that process (the server) has exited

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
