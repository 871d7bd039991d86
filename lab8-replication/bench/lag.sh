#!/usr/bin/env bash
# ./lab bench 8 --lag [--requests N] [--pairs LIST]
#
# Replication lag under load, lab 8 (primary and replica) and Redis (primary and replica) in the
# same run: while `redis-benchmark -c 50 -t set -n N` (default N 1,000,000) runs against the
# primary, tools' `lag` (tools/.../replication/LagCommand) writes a probe key on the primary and
# times, from the primary's +OK, until a GET on the replica returns it (HdrHistogram: p50, p99,
# p99.9, max; each sample at most one replica GET round trip late, printed as the resolution;
# corrected for coordinated omission, the raw p99 beside). Target: p99 < 5 ms on loopback.
#
# Each pair is a primary and a replica started with --replicaof, no persistence. Before anything is
# measured, each primary gets an unreported redis-benchmark run (-c 50 -t set -n 200000), so that
# lab 8's JIT has compiled the SET and replication paths (Redis gets the same, for fairness). Then
# the pairs are measured one after the other, each with the other pair idle.
#
# --pairs: lab8,redis (the default), or one of them. Prints a markdown table (for
# docs/measurements/lab8.md) and writes it to lab8-replication/target/lag.md; the histograms go to
# lab8-replication/target/lag/. A pair that fails is reported as such, and the other still runs.
set -euo pipefail
ROOT=${1:?usage: lag.sh REPO_ROOT [--requests N] [--pairs LIST]}
shift
REQUESTS=1000000
PAIRS=lab8,redis
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) REQUESTS=${2:?--requests needs a count}; shift 2 ;;
    --pairs) PAIRS=${2:?--pairs needs a list}; shift 2 ;;
    *) echo "usage: ./lab bench 8 --lag [--requests N] [--pairs lab8,redis]" >&2; exit 2 ;;
  esac
done
cd "$ROOT"

# shellcheck source=../../bench/common.sh
source bench/common.sh
bench_require redis-server redis-cli redis-benchmark

LAB8=lab8-replication/target/lab8-replication.jar
TOOLS=tools/target/tools.jar
OUT=lab8-replication/target/lag.md
HISTOGRAMS=lab8-replication/target/lag
mkdir -p "$HISTOGRAMS"
# shellcheck source=servers.sh
source lab8-replication/bench/servers.sh   # start KIND NAME, WORK, PIDS

machine=$(bench_machine)
IFS=, read -r -a PAIR_LIST <<<"$PAIRS"
declare -A PRIMARY REPLICA
for kind in "${PAIR_LIST[@]}"; do
  start "$kind" "primary-$kind" || { echo "FAILED start" >"$WORK/$kind.result"; continue; }
  PRIMARY[$kind]=$PORT
  start "$kind" "replica-$kind" --replicaof 127.0.0.1 "${PRIMARY[$kind]}" || { echo "FAILED start" >"$WORK/$kind.result"; continue; }
  REPLICA[$kind]=$PORT
  echo "$kind: primary on port ${PRIMARY[$kind]}, replica on port ${REPLICA[$kind]}" >&2
done

for kind in "${PAIR_LIST[@]}"; do
  [ -n "${REPLICA[$kind]:-}" ] || continue
  echo "warm-up: redis-benchmark -c 50 -t set -n 200000 against the $kind primary, not reported" >&2
  redis-benchmark -p "${PRIMARY[$kind]}" -c 50 -t set -n 200000 -q >/dev/null 2>&1 || true
done

for kind in "${PAIR_LIST[@]}"; do
  [ -n "${REPLICA[$kind]:-}" ] || continue
  cmd=(java -jar "$TOOLS" lag --primary "127.0.0.1:${PRIMARY[$kind]}" --replica "127.0.0.1:${REPLICA[$kind]}"
       --load-requests "$REQUESTS" --name "$kind" --out "$HISTOGRAMS")
  echo "+ ${cmd[*]}" >&2
  if "${cmd[@]}" >"$WORK/$kind.out" 2>&1; then
    grep -v '^lag-result' "$WORK/$kind.out" | sed 's/^/  /' >&2
    sed -n 's/^lag-result //p' "$WORK/$kind.out" >"$WORK/$kind.result"
  else
    cat "$WORK/$kind.out" >&2
    for side in primary replica; do
      echo "  the $kind $side's log, last lines:" >&2; tail -10 "$WORK/$side-$kind.log" | sed 's/^/    /' >&2
    done
    echo "FAILED lag" >"$WORK/$kind.result"
  fi
done

# get KIND KEY: KEY=value from KIND's result line (empty if it failed)
get() { [ -f "$WORK/$1.result" ] && tr ' ' '\n' <"$WORK/$1.result" | sed -n "s/^$2=//p"; }
label() { case $1 in lab8) echo "lab 8 → lab 8" ;; redis) echo "Redis → Redis" ;; esac; }
{
  echo "Machine: $machine (before the runs)."
  echo "Load: redis-benchmark -c 50 -t set -n $REQUESTS on the primary; probes 5 ms apart; loopback; no persistence."
  echo "Lag percentiles corrected for coordinated omission (tools' lag); the raw p99 beside them."
  echo
  echo "| primary → replica | load (SET req/s) | probes | lag p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | raw p99 (ms) | resolution (ms) | p99 < 5 ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for kind in "${PAIR_LIST[@]}"; do
    p99=$(get "$kind" p99_ms || true)
    if [ -z "$p99" ]; then
      echo "| $(label "$kind") | failed | | | | | | | | |"
      continue
    fi
    verdict=$(awk -v x="$p99" 'BEGIN { print (x < 5.0) ? "met" : "not met" }')
    printf '| %s | %.0f | %s | %s | %s | %s | %s | %s | %s | **%s** |\n' "$(label "$kind")" "$(get "$kind" load_rps)" \
        "$(get "$kind" probes)" "$(get "$kind" p50_ms)" "$p99" "$(get "$kind" p999_ms)" "$(get "$kind" max_ms)" \
        "$(get "$kind" raw_p99_ms)" "$(get "$kind" resolution_ms)" "$verdict"
  done
} | tee "$OUT"
echo "(written to $OUT; histograms in $HISTOGRAMS/)" >&2
