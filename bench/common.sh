#!/usr/bin/env bash
# Helpers shared by the labs' shell benchmarks (labN-*/bench/*.sh): source it, don't run it.
#
#   bench_require TOOL...     exit 1, naming the Debian packages, unless every TOOL is installed
#   bench_free_port           print a loopback port nobody listens on (a connect to it is refused)
#   bench_wait_pong PORT      wait (up to 20 s) until redis-cli PING on PORT answers PONG

bench_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (Debian: apt-get install redis-tools redis-server)" >&2; exit 1; }
  done
}

bench_free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

bench_wait_pong() {
  local _
  for _ in $(seq 2000); do
    [ "$(redis-cli -p "$1" PING 2>/dev/null)" = PONG ] && return 0
    sleep 0.01
  done
  return 1
}
