# Sourced by lab 8's bench scripts (lag.sh, full-sync.sh) after bench/common.sh: the servers they
# start, lab 8's or Redis's, each on a free port with no persistence, stopped on exit.
# Uses LAB8 (lab 8's jar); sets WORK (a scratch directory) and PIDS.

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  bench_stop "${PIDS[@]}"
  rm -rf "$WORK"
}
trap cleanup EXIT

# start KIND NAME [ARGS...]: a server (lab8 or redis) on a free port, no persistence; sets PORT and PID
start() {
  local kind=$1 name=$2
  shift 2
  PORT=$(bench_free_port)
  mkdir -p "$WORK/$name"
  case $kind in
    lab8) java -jar "$LAB8" --port "$PORT" --bind 127.0.0.1 --dir "$WORK/$name" --save "" --appendonly no "$@" \
            >"$WORK/$name.log" 2>&1 & ;;
    redis) redis-server --port "$PORT" --bind 127.0.0.1 --dir "$WORK/$name" --save "" --appendonly no "$@" \
             >"$WORK/$name.log" 2>&1 & ;;
  esac
  PID=$!
  PIDS+=("$PID")
  bench_wait_pong "$PORT" "$PID" || { echo "$name did not start:" >&2; tail -20 "$WORK/$name.log" >&2; return 1; }
}
