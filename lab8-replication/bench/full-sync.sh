#!/usr/bin/env bash
# ./lab bench 8 --full-sync [--keys N] [--rounds R] [--pairs LIST]
#
# Full-sync time of N keys (default 1,000,000), primary to an empty replica, for lab 8 to lab 8 and
# Redis to Redis in the same run (and, for context, lab 8 to Redis and Redis to lab 8, which show
# which side is slow: the primary's snapshot or the replica's loading). The time of one sync is
# measured by tools' `sync-time` (tools/.../replication/SyncTimeCommand): REPLICAOF sent to an
# empty replica, until that replica answers master_link_status:up and a DBSIZE equal to the
# primary's, polled every millisecond.
#
# The data: N strings, SET key:<i> value:<i> (keys of 5-11 bytes, values of 7-13 bytes), written
# by `redis-cli --pipe` into each primary once, checked with DBSIZE. Each primary is started once;
# each sync gets a new, empty replica process (started, made a replica, stopped). The pairs take
# turns, round after round (default 3 rounds); each number is the median of the rounds.
#
# Settings: no persistence (--save "" --appendonly no) everywhere. Redis's primary gets
# --repl-diskless-sync-delay 0: Redis 7.0 streams the snapshot to the socket (repl-diskless-sync
# yes, its default) but first waits 5 s for more replicas to arrive, which would be measured
# otherwise; Redis's replica keeps its defaults (it writes the payload to disk, then loads it).
#
# --pairs: a comma-separated subset of lab8-lab8,redis-redis,lab8-redis,redis-lab8 (the default:
# all four). Prints a markdown table and the target (lab 8 to lab 8 at most 2x Redis to Redis, met
# or not) and writes it to lab8-replication/target/full-sync.md. A pair that fails is reported as
# such (with its log's tail), and the others still run.
set -euo pipefail
ROOT=${1:?usage: full-sync.sh REPO_ROOT [--keys N] [--rounds R] [--pairs LIST]}
shift
KEYS=1000000
ROUNDS=3
PAIRS=lab8-lab8,redis-redis,lab8-redis,redis-lab8
while [ $# -gt 0 ]; do
  case "$1" in
    --keys) KEYS=${2:?--keys needs a count}; shift 2 ;;
    --rounds) ROUNDS=${2:?--rounds needs a count}; shift 2 ;;
    --pairs) PAIRS=${2:?--pairs needs a list}; shift 2 ;;
    *) echo "usage: ./lab bench 8 --full-sync [--keys N] [--rounds R] [--pairs LIST]" >&2; exit 2 ;;
  esac
done
cd "$ROOT"

# shellcheck source=../../bench/common.sh
source bench/common.sh
bench_require redis-server redis-cli

LAB8=lab8-replication/target/lab8-replication.jar
TOOLS=tools/target/tools.jar
OUT=lab8-replication/target/full-sync.md
# shellcheck source=servers.sh
source lab8-replication/bench/servers.sh   # start KIND NAME, WORK, PIDS

dbsize() { redis-cli -p "$1" DBSIZE; }

echo "+ awk ... >keys.resp   ($KEYS x SET key:<i> value:<i>, as RESP, for redis-cli --pipe)" >&2
awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++) { k = "key:" i; v = "value:" i;
  printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", length(k), k, length(v), v } }' >"$WORK/keys.resp"

machine=$(bench_machine)

# the primaries, one of each kind that a pair needs, loaded once
declare -A PRIMARY_PORT
for kind in lab8 redis; do
  case ",$PAIRS," in *",$kind-"*) ;; *) continue ;; esac
  extra=()
  [ "$kind" = redis ] && extra=(--repl-diskless-sync-delay 0)
  start "$kind" "primary-$kind" "${extra[@]}" || exit 1
  PRIMARY_PORT[$kind]=$PORT
  echo "+ redis-cli -p $PORT --pipe <keys.resp   ($kind primary)" >&2
  t0=$EPOCHREALTIME
  redis-cli -p "$PORT" --pipe <"$WORK/keys.resp" >"$WORK/pipe-$kind.log" 2>&1 \
    || { cat "$WORK/pipe-$kind.log" >&2; echo "loading the $kind primary failed" >&2; exit 1; }
  n=$(dbsize "$PORT")
  echo "  $kind primary: DBSIZE $n, loaded in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s" >&2
  [ "$n" = "$KEYS" ] || { echo "the $kind primary has $n keys, not $KEYS" >&2; exit 1; }
done

IFS=, read -r -a PAIR_LIST <<<"$PAIRS"
for round in $(seq "$ROUNDS"); do
  for pair in "${PAIR_LIST[@]}"; do
    from=${pair%-*} to=${pair#*-}
    echo "round $round of $ROUNDS: $from primary -> new empty $to replica" >&2
    name="replica-$pair-$round"
    if ! start "$to" "$name"; then
      echo "FAILED start" >>"$WORK/$pair.results"; continue
    fi
    cmd=(java -jar "$TOOLS" sync-time --primary "127.0.0.1:${PRIMARY_PORT[$from]}" --replica "127.0.0.1:$PORT" --name "$pair" --timeout 300)
    echo "+ ${cmd[*]}" >&2
    if "${cmd[@]}" >"$WORK/$name.out" 2>&1; then
      sed -n 's/^sync-time: /  /p' "$WORK/$name.out" >&2
      sed -n 's/^sync-result //p' "$WORK/$name.out" >>"$WORK/$pair.results"
    else
      cat "$WORK/$name.out" >&2
      echo "  the replica's log, last lines:" >&2; tail -15 "$WORK/$name.log" | sed 's/^/    /' >&2
      echo "FAILED sync" >>"$WORK/$pair.results"
    fi
    bench_stop "$PID"
  done
done

# field FILE KEY: the median of KEY=value over FILE's result lines (empty if any round failed)
field() {
  [ -f "$1" ] || return 0
  grep -q '^FAILED' "$1" 2>/dev/null && return 0
  tr ' ' '\n' <"$1" | sed -n "s/^$2=//p" | bench_median
}
label() { case $1 in lab8) echo "lab 8" ;; redis) echo "Redis" ;; esac; }
redis_s=$(field "$WORK/redis-redis.results" seconds)
{
  echo "Machine: $machine (before the runs)."
  echo "$KEYS string keys (SET key:<i> value:<i>), median of $ROUNDS rounds; a new empty replica each time; no persistence;"
  echo "Redis's primary with --repl-diskless-sync-delay 0."
  echo
  echo "| primary → replica | keys | master_link_status:up (s) | DBSIZE equal (s) | / Redis → Redis |"
  echo "|---|---:|---:|---:|---:|"
  for pair in "${PAIR_LIST[@]}"; do
    from=${pair%-*} to=${pair#*-}
    s=$(field "$WORK/$pair.results" seconds)
    if [ -z "$s" ]; then
      echo "| $(label "$from") → $(label "$to") | $KEYS | failed | failed | |"
      continue
    fi
    ratio=$(awk -v a="$s" -v b="${redis_s:-0}" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "n/a" }')
    echo "| $(label "$from") → $(label "$to") | $KEYS | $(field "$WORK/$pair.results" link_up_s) | $s | $ratio |"
  done
  echo
  ours=$(field "$WORK/lab8-lab8.results" seconds)
  if [ -n "$ours" ] && [ -n "$redis_s" ]; then
    x=$(awk -v a="$ours" -v b="$redis_s" 'BEGIN { printf "%.2f", a / b }')
    v=$(awk -v x="$x" 'BEGIN { print (x <= 2.0) ? "met" : "not met" }')
    echo "Lab 8 → lab 8 / Redis → Redis: ${x}x (target at most 2x: $v)."
  else
    echo "Lab 8 → lab 8 / Redis → Redis: not measured (a pair is missing or failed)."
  fi
} | tee "$OUT"
echo "(written to $OUT)" >&2
