#!/usr/bin/env bash
#
# handouts/trace/lab2.sh: the classroom demo `./lab trace 2` runs.
#
#     bash handouts/trace/lab2.sh [REPO_ROOT]        (REPO_ROOT defaults to this file's ../..)
#
# Starts lab 2's key-value server (lab2-datastore/target/lab2-datastore.jar) on 127.0.0.1 and a port
# the kernel picks, and, if redis-server is installed, a real Redis on a free loopback port. Then:
#   1. strace of the server while a client sends SET/GET/TTL/EXPIRE: the bytes read, the bytes written.
#   2. the server thread's wake-ups: jstack names the thread server-PORT and gives its Linux id
#      (nid=0x...); strace -T on that thread alone shows a poll() that times out every 100 ms (the
#      socket timeout, which is the cron interval), the moments the cron can run.
#   3. lazy expiry: an expired key stays in memory (DBSIZE counts it) until a command touches it.
#   4. active expiry: 10,000 keys expire and nobody reads them; DBSIZE, polled every 200 ms, shows
#      the server cron reclaiming them, next to a real Redis doing the same.
#   5. memory: Redis's MEMORY USAGE and INFO memory against our JOL figures (MemoryReport).
# Non-interactive, about 20 s (hard limit 100 s). Clients are bash /dev/tcp connections sending
# inline commands, which real Redis accepts too. A missing strace or redis-server skips its part
# and names the Debian package (exit 0); without jstack (JDK), part 2 finds the thread in /proc.
# Exit 1 if the server cannot start or behaves differently from what the handout explains (each
# check prints [ok] or [UNEXPECTED]).
# TRACE_KEEP=1 keeps the strace logs in a temp dir. The handout: handouts/lab2-datastore.md.

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "${1:-$HERE/../..}" && pwd) || exit 1
# shellcheck source=common.sh
source "$HERE/common.sh"

JAR=$ROOT/lab2-datastore/target/lab2-datastore.jar

trace_init "lab 2" 100

# --- small helpers for this demo ------------------------------------------------------------------

# Checks use common.sh's trace_check and trace_same.
at_least() { (($1 >= $2)); }
between() { (($1 >= $2 && $1 <= $3)); }

# ask FD REQUEST: sends one inline request (printf format, e.g. 'DBSIZE\r\n') and sets REPLY to
# the first reply line, without its \r\n. For a bulk string ($<len>) the payload line follows:
# read it with trace_read_line.
ask() {
    trace_send "$1" "$2"
    trace_read_line "$1" 5 REPLY
}

# int FD REQUEST: prints the integer an integer reply (:<n>) carries.
int() {
    ask "$1" "$2"
    echo "${REPLY#:}"
}

# read_bulk FD: reads one bulk string reply ($<len>\r\n<payload>\r\n), payload to stdout.
read_bulk() {
    local header payload
    trace_read_line "$1" 5 header
    header=${header#\$}
    IFS= read -r -N "$((header + 2))" -t 5 -u "$1" payload
    printf '%s' "${payload%$'\r\n'}"
}

# fill FD PREFIX COUNT TTL_SECONDS: SETs PREFIX1 .. PREFIX<COUNT> in one write (a pipeline) and
# reads the COUNT +OK replies.
fill() {
    local fd=$1 prefix=$2 count=$3 ttl=$4 i line ok=0
    for ((i = 1; i <= count; i++)); do
        printf 'SET %s%d v EX %d\r\n' "$prefix" "$i" "$ttl"
    done >"$TRACE_TMP/fill.txt"
    cat "$TRACE_TMP/fill.txt" >&"$fd"
    for ((i = 1; i <= count; i++)); do
        trace_read_line "$fd" 5 line && [[ $line == "+OK" ]] && ok=$((ok + 1))
    done
    [[ $ok == "$count" ]]
}

# fill_both FD: the same 10,000 live and 10,000 EX 1 keys, on another server.
fill_both() { fill "$1" live: 10000 600 && fill "$1" temp: 10000 1; }

# now_us: microseconds since the epoch. time_passed_us T: true once the clock is past T.
now_us() { echo "${EPOCHREALTIME/./}"; }
time_passed_us() { (($(now_us) >= $1)); }

# --- start the servers ------------------------------------------------------------------------------

trace_section "lab 2: the key-value store behind the blocking server"
LOG=$TRACE_TMP/server.log
trace_step "start lab 2's server: java -jar lab2-datastore/target/lab2-datastore.jar --port 0"
if ! trace_start_jar "$JAR" 0 "$LOG"; then
    exit 1
fi
PID=$TRACE_SERVER_PID
PORT=$TRACE_SERVER_PORT
trace_say "pid $PID, listening on 127.0.0.1:$PORT"

REDIS_PORT=""
if trace_have redis-server redis-server; then
    REDIS_PORT=$(trace_free_port)
    trace_step "start a real Redis for comparison: redis-server --port $REDIS_PORT --save '' --appendonly no"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$TRACE_TMP" \
        >"$TRACE_TMP/redis.log" 2>&1 &
    REDIS_PID=$!
    trace_on_exit "trace_stop_pid $REDIS_PID"
    if ! trace_wait_until 10 "redis-server to answer PING" trace_ping "$REDIS_PORT"; then
        trace_say "[skipped] redis-server did not start; the comparisons are left out."
        REDIS_PORT=""
    else
        trace_say "$(redis-server --version | cut -d' ' -f1-3)"
    fi
fi

# --- 1. strace --------------------------------------------------------------------------------------

trace_section "1. what the server reads and writes (strace)"
trace_connect C "$PORT" || exit 1
TRACED=0
STRACE=$TRACE_TMP/strace.txt
if trace_have strace strace; then
    trace_step "attach: strace -f -tt -yy -e trace=accept,read,write -p $PID"
    if trace_strace_start "$PID" "$STRACE" accept,read,write; then
        TRACED=1
    else
        trace_say "[skipped] strace could not attach (try as root: sudo ./lab trace 2)."
    fi
fi
REQUESTS='SET greeting "hello world" EX 100\r\nGET greeting\r\nTTL greeting\r\nEXPIRE nope 10\r\nSET k v EX 0\r\n'
trace_step "the client sends five inline commands in one write:"
trace_say "$REQUESTS"
trace_send "$C" "$REQUESTS"
replies=()
for _ in 1 2 3 4 5 6; do
    trace_read_line "$C" 5 line
    replies+=("$line")
done
printf -v joined '%s\r\n' "${replies[@]}"
trace_say "replies: $(trace_show_bytes "$joined")"
trace_check "+OK, \$11 hello world, :100, :0, then the invalid-expire-time error" \
    trace_same "${replies[*]}" "+OK \$11 hello world :100 :0 -ERR invalid expire time in 'set' command"
if ((TRACED)); then
    trace_strace_stop
    trace_step "what strace saw on the client's socket (idle EAGAIN retries left out)"
    grep -E '(read|write)\([0-9]+<TCP' "$STRACE" | grep -v EAGAIN |
        sed -E 's/^[0-9]+ +//; s/<TCPv6:\[[^]]*\]>//; s/\[::ffff:127\.0\.0\.1\]//g' | trace_indent '    '
    cat <<'EOF'

    One read() returned all five commands; the server ran them in order against the DataStore and
    sent the five replies in ONE write(): the reply buffer is flushed once per read, as Redis does.
    GET's reply is a bulk string ($11\r\nhello world\r\n), binary-safe because its length comes
    first. The last command was rejected before it touched the keyspace: EX 0 is not a valid TTL.
EOF
fi

# --- 2. the server thread's wake-ups ---------------------------------------------------------------

# timeouts_at_least FILE N: true once FILE holds N poll() lines that timed out.
timeouts_at_least() { (($(grep -c 'poll(.*= 0 (Timeout)' "$1" 2>/dev/null) >= $2)); }

# poll_timings FILE: for each poll() that timed out, "START_SECONDS DURATION_SECONDS" (strace -tt -T).
poll_timings() {
    awk '/poll\(.*= 0 \(Timeout\) </ {
        split($1, t, ":"); d = $NF; gsub(/[<>]/, "", d)
        printf "%.6f %s\n", t[1] * 3600 + t[2] * 60 + t[3], d
    }' "$1"
}

# all_between LO HI NUMBERS...: true if there is a number and every one is within [LO, HI].
all_between() {
    local lo=$1 hi=$2
    shift 2
    (($# > 0)) && awk -v lo="$lo" -v hi="$hi" \
        'BEGIN { for (i = 1; i < ARGC; i++) if (ARGV[i] + 0 < lo + 0 || ARGV[i] + 0 > hi + 0) exit 1 }' "$@"
}

trace_section "2. the server thread wakes up every 100 ms (jstack, strace -T)"
if trace_have strace strace; then
    trace_step "which thread serves? jstack $PID | grep '\"server-$PORT\"'"
    if ! trace_server_thread "$PID" "$PORT"; then
        trace_check "lab 2's JVM has a thread named server-$PORT" false
    else
        if [[ -n $TRACE_SERVER_NID ]]; then
            trace_say "${TRACE_SERVER_JSTACK%%  \[*}"
            trace_say "nid=$TRACE_SERVER_NID is the thread's Linux id (TID) in hex: $TRACE_SERVER_TID." \
                "The JVM has $(ls /proc/"$PID"/task | wc -l) threads; this one runs the server."
        else
            trace_say "(no jstack here: found by its name in /proc/$PID/task/*/comm) TID $TRACE_SERVER_TID"
        fi
        WAKE=$TRACE_TMP/wakeups.txt
        trace_step "strace that thread alone (no -f), with -T: strace -tt -T -e trace=poll,accept,read -p $TRACE_SERVER_TID"
        trace_say "client C from part 1 is still connected, and sends nothing for the next 0.6 s"
        if trace_strace_thread_start "$TRACE_SERVER_TID" "$WAKE" poll,accept,read; then
            trace_wait_until 5 "six poll() timeouts" timeouts_at_least "$WAKE" 6
            trace_strace_stop
            sed -E 's/\[::ffff:127\.0\.0\.1\]//g' "$WAKE" | head -n 9 | trace_indent '    '
            trace_say "... ($(($(wc -l <"$WAKE") - 9)) more lines)"
            mapfile -t DURATIONS < <(poll_timings "$WAKE" | awk '{ print $2 }')
            mapfile -t GAPS < <(poll_timings "$WAKE" | awk 'NR > 1 { printf "%.6f\n", $1 - prev } { prev = $1 }')
            trace_say "the polls that timed out waited (s): ${DURATIONS[*]}"
            trace_say "each began this long after the one before (s): ${GAPS[*]}"
            trace_check "every poll() on C's socket waited about 100 ms, then timed out (90-250 ms)" \
                all_between 0.090 0.250 "${DURATIONS[@]}"
            trace_check "one wake-up every ~100 ms: each poll() began 90-250 ms after the one before" \
                all_between 0.090 0.250 "${GAPS[@]}"
            trace_check "between the polls only read() -> EAGAIN: C sent nothing, the thread just woke up" \
                trace_same "$(grep 'read(' "$WAKE" | grep -vc EAGAIN)" 0
            cat <<'EOF'

    The server thread waits for client C's next command, but never longer than 100 ms: BlockingServer
    sets that socket timeout (setSoTimeout(cron.intervalMillis()), Redis's hz 10). When it runs out,
    Java's read() throws SocketTimeoutException, BlockingServer.serveClient runs cron.runIfDue() (in
    lab 2: ActiveExpiry's cycle, part 4) and reads again. The cron works in memory and makes no
    system call: it is the short gap after each poll() returns. -T is the time spent inside each
    call: <0.100...> is a poll() that slept its full 100 ms. jstack's nid is the thread id in hex,
    and strace -p TID without -f traces that one thread, none of the JVM's other threads.
EOF
        else
            trace_say "[skipped] strace could not attach (try as root: sudo ./lab trace 2)."
        fi
    fi
fi

# --- 3. lazy expiry ---------------------------------------------------------------------------------

trace_section "3. lazy expiry: an expired key stays in memory until something touches it"
trace_step "10,000 long-lived keys (live:1 .. live:10000, EX 600), in one pipelined write"
trace_check "10,000 x +OK" fill "$C" live: 10000 600
BASE=$(int "$C" 'DBSIZE\r\n')
trace_say "DBSIZE -> $BASE (the live keys, and greeting from part 1)"
trace_step "SET lazy v PX 300, then let 400 ms pass without touching it"
ask "$C" 'SET lazy v PX 300\r\n'
DEADLINE=$(($(now_us) + 400000))
trace_wait_until 2 "400 ms to pass" time_passed_us "$DEADLINE"
SIZE_BEFORE=$(int "$C" 'DBSIZE\r\n')
trace_say "DBSIZE -> $SIZE_BEFORE   (DBSIZE counts the main dict and touches no key)"
EXISTS=$(int "$C" 'EXISTS lazy\r\n')
trace_say "EXISTS lazy -> $EXISTS   (the lookup finds it past its time: expireIfNeeded deletes it)"
SIZE_AFTER=$(int "$C" 'DBSIZE\r\n')
trace_say "DBSIZE -> $SIZE_AFTER"
trace_check "the expired key was gone for EXISTS" trace_same "$EXISTS" 0
if [[ $SIZE_BEFORE == $((BASE + 1)) ]]; then
    trace_check "it was still in memory ($((BASE + 1)) keys) until EXISTS reclaimed it ($BASE)" trace_same "$SIZE_AFTER" "$BASE"
else
    trace_say "(this time the active cycle sampled it first: 3-4 cron ticks, 20 of 10,001 keys each," \
        " so a 1-in-100 chance; run the demo again to see the lazy path)"
    trace_check "DBSIZE is back to $BASE either way" trace_same "$SIZE_AFTER" "$BASE"
fi
cat <<'EOF'

    Every command that looks a key up goes through lookupKey -> expireIfNeeded (Redis: db.c). A key
    whose time has passed is deleted right there, and the command sees a missing key. That is cheap
    (no timer per key), but a key that is never looked up again would stay in memory for ever.
EOF

# --- 4. active expiry -------------------------------------------------------------------------------

trace_section "4. active expiry: keys nobody reads are reclaimed by the server cron"
R=""
if [[ -n $REDIS_PORT ]]; then
    trace_connect R "$REDIS_PORT" || R=""
fi
BASE=$(int "$C" 'DBSIZE\r\n')
trace_step "10,000 keys that expire in 1 s (temp:1 .. temp:10000, EX 1), next to the $BASE live ones"
trace_check "lab 2: 10,000 x +OK" fill "$C" temp: 10000 1
if [[ -n $R ]]; then
    # Checked by the replies, not by DBSIZE: by the time the 10,000th +OK is read, Redis may already
    # have reclaimed the first keys of the EX 1 batch.
    trace_check "Redis: the same 20,000 keys (20,000 x +OK)" fill_both "$R"
fi
START=$(now_us)
trace_step "poll DBSIZE every 200 ms for 6 s (from now: the keys have just expired); no command touches a key"
if [[ -n $R ]]; then
    printf '    %8s  %14s  %16s  %14s\n' "time" "lab 2 DBSIZE" "(expired left)" "Redis DBSIZE"
else
    printf '    %8s  %14s  %16s\n' "time" "lab 2 DBSIZE" "(expired left)"
fi
LAB_SIZE=0
REDIS_SIZE=0
for ((tick = 1; tick <= 30; tick++)); do
    trace_wait_until 2 "the next 200 ms" time_passed_us $((START + tick * 200000))
    LAB_SIZE=$(int "$C" 'DBSIZE\r\n')
    if [[ -n $R ]]; then
        REDIS_SIZE=$(int "$R" 'DBSIZE\r\n')
        printf '    %7.1fs  %14s  %16s  %14s\n' "$(awk -v t=$tick 'BEGIN { print t / 5 }')" "$LAB_SIZE" \
            "$((LAB_SIZE - BASE))" "$REDIS_SIZE"
    else
        printf '    %7.1fs  %14s  %16s\n' "$(awk -v t=$tick 'BEGIN { print t / 5 }')" "$LAB_SIZE" "$((LAB_SIZE - BASE))"
    fi
done
trace_check "the live keys were never touched: lab 2 keeps at least $BASE" at_least "$LAB_SIZE" "$BASE"
trace_check "at least 2,000 of the expired keys are gone without a single read" between "$LAB_SIZE" "$BASE" $((BASE + 8000))
[[ -n $R ]] && trace_check "Redis reclaimed at least as many" at_least "$LAB_SIZE" "$REDIS_SIZE"
cat <<'EOF'

    Ten times a second (ServerCron, Redis's hz 10) the server runs ActiveExpiry (Redis: expire.c,
    activeExpireCycle): sample 20 keys that have a TTL, delete the expired ones, and repeat while
    more than 25% of the sample had expired, for at most 25 ms. Right after the expiry half of the
    keys with a TTL are dead, so the first cycle loops and reclaims thousands. As the dead share
    falls toward 40%, a sample of 20 holds 5 or fewer dead keys more and more often (about 1 loop
    in 8), the cycle stops early, and each tick reclaims only some dozens: a long tail. The rule
    bounds the work per tick, not the time a dead key may linger.
    Real Redis 7 repeats while more than 10% are expired (active-expire-effort 1) and, when the
    last slow cycle ran out of time or many keys are stale, also runs a 1 ms "fast" cycle before
    every sleep of its event loop: it drains the same backlog in a few seconds.
EOF

# --- 5. memory --------------------------------------------------------------------------------------

trace_section "5. memory per key: real Redis vs our store"
if [[ -n $R ]]; then
    trace_step "Redis: SET key:1 vvvvvvvvvv (a 10-byte value), then MEMORY USAGE key:1"
    ask "$R" 'SET key:1 vvvvvvvvvv\r\n'
    USAGE=$(int "$R" 'MEMORY USAGE key:1\r\n')
    trace_say "MEMORY USAGE key:1 -> $USAGE bytes (dictEntry 24 + key sds 8 + value robj with embedded sds 32)"
    trace_check "64 bytes" trace_same "$USAGE" 64
    trace_step "Redis: used_memory (INFO memory) before and after 1,000 keys key:1 .. key:1000"
    ask "$R" 'DEL key:1\r\n'
    used() {
        trace_send "$R" 'INFO memory\r\n'
        read_bulk "$R" | sed -n 's/^used_memory:\([0-9]*\).*/\1/p'
    }
    BEFORE=$(used)
    for ((i = 1; i <= 1000; i++)); do printf 'SET key:%d vvvvvvvvvv\r\n' "$i"; done >"$TRACE_TMP/mem.txt"
    cat "$TRACE_TMP/mem.txt" >&"$R"
    for ((i = 1; i <= 1000; i++)); do trace_read_line "$R" 5 line; done
    AFTER=$(used)
    trace_say "used_memory: $BEFORE -> $AFTER bytes: $(((AFTER - BEFORE) / 1000)) bytes per key"
fi
trace_step "our store, measured with JOL (MemoryReport, 1,000 keys, 10-byte values):"
java -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true \
    -cp "$JAR:$ROOT/lab2-datastore/target/lib/*" dev.redisfromscratch.store.MemoryReport 1000 2>/dev/null |
    sed -n '1,7p' | trace_indent '    '
cat <<'EOF'

    Redis (object.c, memoryCommand): a dictEntry (24 bytes: key, value, next pointers), the key as
    an sds string (1-byte header + "key:1" + NUL = 7, jemalloc rounds to 8), and the value as an
    "embstr": the robj (16) and its sds (3-byte header + 10 bytes + NUL) in one allocation of 30,
    rounded to 32. 24 + 8 + 32 = 64; the bucket slot (8 bytes) is not counted. A TTL adds a second
    dictEntry in db->expires that points at the same key sds.
    Java: a Dict.Node (32 bytes: hash, key, value, next), our Key wrapper (16), the key's and
    the value's byte[] (16-byte header each, padded to 8), the bucket slot (4 bytes per slot, the
    table at most 75% full). A TTL adds an ExpiresIndex entry (32), its Dict.Node (32) and
    two more slots. The JVM's headers and padding are our price for objects; Redis pays in
    allocator rounding. Run the whole report with 1,000,000 keys: see lab2-datastore/README.md.
EOF

# --- end ----------------------------------------------------------------------------------------------

trace_section "Done"
trace_close "$C"
[[ -n $R ]] && trace_close "$R"
if ((TRACE_FAILURES > 0)); then
    trace_say "$TRACE_FAILURES check(s) did not go as the handout explains: see [UNEXPECTED] above."
    exit 1
fi
trace_say "All checks passed. Handout: handouts/lab2-datastore.md"
exit 0
