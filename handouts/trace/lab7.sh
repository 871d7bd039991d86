#!/usr/bin/env bash
#
# handouts/trace/lab7.sh: the classroom demo `./lab trace 7` runs.
#
#     bash handouts/trace/lab7.sh [REPO_ROOT]        (REPO_ROOT defaults to this file's ../..)
#
# Starts lab 7's server (lab7-concurrency/target/lab7-concurrency.jar) on 127.0.0.1, on a port the
# kernel picks, with no persistence, and later lab 5's server and a real redis-server, and shows,
# with annotations:
#   1. One thread does all the work. strace -f on the whole JVM while redis-benchmark -c 50 sends
#      10,000 requests, then a second of nothing: one thread accepts the 50 connections and makes
#      every read and write on them; one epoll_wait returns several ready sockets, and the reads
#      and writes of that pass follow; no thread is created; idle, the loop sleeps in epoll_wait
#      with the cron's timeout (100 ms at hz 10) and wakes ten times a second.
#   2. The same load against lab 5's thread per client and a real redis-server: strace -f -C's
#      summaries side by side (epoll_wait, read, write, futex calls per request; how many threads
#      wrote to a client socket), and Redis's own idle epoll_wait.
#   3. ss -s with 10,000 connections held open (redis-benchmark -I): the JVM's threads do not move,
#      its file descriptors grow by 10,000; one more client is still answered. The number is the
#      largest the file-descriptor limit allows if that is less (the script says so).
#   4. async-profiler under redis-benchmark -c 50: ./lab profile 7 --event cpu (where the CPU goes,
#      every thread) and --event wall (the loop thread's time, waiting included).
# Non-interactive, about 90 s on a 2-core machine (hard limit 170 s). strace needs root (or a
# permissive kernel.yama.ptrace_scope): without it parts 1 and 2 are skipped; a missing
# redis-benchmark, redis-server or strace skips what needs it, printing the Debian package (exit 0).
# Exit 1 if the server cannot start or behaves differently from what the handout explains (each
# check prints [ok]/[UNEXPECTED]). TRACE_KEEP=1 keeps the strace logs and the profiles.
# TRACE_CONNECTIONS=N holds N connections in part 3 instead of 10,000.
# The handout that walks through this output: handouts/lab7-concurrency.md.

# Functions called through trace_check/trace_wait_until look unreachable to shellcheck; '$...'
# strings are awk programs, not variables.
# shellcheck disable=SC2317,SC2016

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "${1:-$HERE/../..}" && pwd) || exit 1
# shellcheck source=common.sh
source "$HERE/common.sh"

JAR=$ROOT/lab7-concurrency/target/lab7-concurrency.jar
JAR5=$ROOT/lab5-integration/target/lab5-integration.jar
HANDOUT=handouts/lab7-concurrency.md
# the load of parts 1 and 2: 50 connections, 5,000 SETs then 5,000 GETs
LOAD=(-t "set,get" -c 50 -n 5000)
REQUESTS=10000

trace_init "lab 7" 170

# --- small helpers for this demo ----------------------------------------------------------------

at_least() { (($1 >= $2)); }
at_most() { (($1 <= $2)); }
between() { (($1 >= $2 && $1 <= $3)); }

# threads PID: how many threads a process has now.
threads() { awk '/^Threads:/ { print $2 }' "/proc/$1/status"; }

# rss_kib PID: resident memory of a process, in KiB.
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# fds PID: how many file descriptors a process has open.
fds() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }

# established PORT: connections to PORT in state ESTABLISHED, server side.
established() { ss -Htn state established "( sport = :$1 )" 2>/dev/null | wc -l; }

# per N D: N / D with three decimals.
per() { awk -v n="$1" -v d="$2" 'BEGIN { printf "%.3f", (d ? n / d : 0) }'; }

# thousandths N D: N / D in thousandths, an integer, for comparisons.
thousandths() { awk -v n="$1" -v d="$2" 'BEGIN { printf "%d", (d ? n * 1000 / d : 0) }'; }

# less_than_thousandths N D LIMIT: N / D < LIMIT / 1000.
less_than_thousandths() { (($(thousandths "$1" "$2") < $3)); }

# shorten: strace -yy's loopback addresses cut: 16<TCPv6:[[::ffff:127.0.0.1]:41234->[::ffff:127.0.0.1]:50412]>
# becomes 16<TCP:[:41234->:50412]>; epoll's u64 and accept's peer address dropped.
shorten() {
    sed -E -e 's/\[::ffff:127\.0\.0\.1\]//g' -e 's/<TCPv6:\[/<TCP:[/g' \
        -e 's/<TCP:\[127\.0\.0\.1:([0-9]*)->127\.0\.0\.1:([0-9]*)\]>/<TCP:[:\1->:\2]>/g' \
        -e 's/, u64=[0-9]*\}/}/g' -e 's/data=\{u32=([0-9]*)\}/data={u32=\1}/g' \
        -e 's/accept4?\(([0-9]*<[^>]*>), \{sa_family=AF_INET6?, [^}]*\}, \[[0-9]*\]([^)]*)\)/accept(\1, ...)/'
}

# summary LOG CALL: the number of CALL calls in the summary strace -C appended to LOG (0 if none).
summary() { awk -v c="$2" '$NF == c && $4 ~ /^[0-9]+$/ { n = $4 } END { print n + 0 }' "$1"; }

# socket_tids LINES: the TIDs that read or wrote a TCP socket, "TID calls" by calls, most first.
socket_tids() {
    awk '$3 ~ /^(read|write|readv|writev)\(/ && /<TCP/ && !/resumed/ { n[$1]++ } END { for (t in n) print t, n[t] }' "$1" | sort -k2 -rn
}

# idle_timeouts LINES TID: that thread's epoll_wait calls that returned 0 (timed out), as
# "seconds timeout" (start time in seconds since midnight, the timeout argument in ms).
idle_timeouts() {
    awk -v t="$2" '$1 == t && $3 ~ /^epoll_p?wait\(/ && / = 0$/ {
        split($2, h, ":"); s = h[1] * 3600 + h[2] * 60 + h[3]
        n = split($0, f, ", "); to = f[4]; sub(/\).*/, "", to); print s, to }' "$1"
}

# median_gap_ms: the median gap between consecutive start times on stdin ("seconds ..."), in ms.
median_gap_ms() {
    awk '{ if (NR > 1) printf "%d\n", ($1 - p) * 1000; p = $1 }' | sort -n |
        awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'
}

# traced_load NAME PID OUT: strace -f -tt -yy -C on PID while redis-benchmark ${LOAD[*]} runs
# against PORT_OF_NAME, then until the server's idle epoll_wait timed out 4 times (not for lab 5,
# which has no loop); OUT.lines: the log with split calls joined and addresses shortened.
traced_load() {
    local name=$1 pid=$2 out=$3 port=$4 wait_idle=$5
    local calls=epoll_wait,epoll_pwait,read,write,futex,accept,accept4,clone,clone3
    trace_strace_start "$pid" "$out" "$calls" -C -s 24 || return 1
    trace_say "redis-benchmark -p $port ${LOAD[*]}   (strace attached to every thread of $name)"
    redis-benchmark -p "$port" "${LOAD[@]}" -q 2>&1 | tr '\r' '\n' | grep 'requests per second' | grep -v 'rps=' | trace_indent '    '
    if ((wait_idle)); then
        local before
        before=$(wc -l <"$out")
        # (a call split by another thread's call ends in "<... epoll_wait resumed>..., 100) = 0")
        idle_ready() { (($(tail -n +"$before" "$out" | grep -cE 'epoll_p?wait( resumed>|\().* = 0$') >= 4)); }
        trace_wait_until 5 "four idle epoll_wait timeouts" idle_ready
    fi
    trace_strace_stop
    trace_strace_join "$out" | shorten >"$out.lines"
}

# --- the server ---------------------------------------------------------------------------------

if ! trace_have java default-jre-headless || ! trace_have ss iproute2; then
    exit 1
fi
cd "$TRACE_TMP" || exit 1
trace_section "Lab 7 trace: one event-loop thread serving every client"
trace_say "Repository: $ROOT" "Server jar: $JAR"
# maxclients: Redis's default, 10000, plus room for this demo's own probes next to part 3's 10,000
trace_step "start the server: java -jar lab7-concurrency.jar --bind 127.0.0.1 --port 0 --save \"\" --appendonly no --maxclients 10100"
if ! trace_start_jar "$JAR" 0 "$TRACE_TMP/server.log" --save "" --appendonly no --maxclients 10100; then
    exit 1
fi
PORT=$TRACE_SERVER_PORT
PID=$TRACE_SERVER_PID
T_START=$(threads "$PID")
trace_say "pid $PID, port $PORT; $T_START threads (the JVM's own: JIT compilers, GC, ... and the server's)"

HAVE_STRACE=0
trace_have strace strace && HAVE_STRACE=1
HAVE_BENCH=0
trace_have redis-benchmark redis-tools && HAVE_BENCH=1
HAVE_REDIS=0
command -v redis-server >/dev/null 2>&1 && HAVE_REDIS=1

if ((HAVE_BENCH)); then
    trace_step "warm-up, not traced: redis-benchmark -p $PORT -t set,get -c 50 -n 20000 (a fresh JVM's JIT compiles the hot code first)"
    redis-benchmark -p "$PORT" -t set,get -c 50 -n 20000 -q --csv 2>&1 | trace_indent '    '
fi

# --- 1. one thread does all the work ---------------------------------------------------------------

trace_section "1. One thread does all the work: accept, epoll_wait, read and write, on every socket"
LOOP_TID=""
if ((HAVE_STRACE && HAVE_BENCH)); then
    LOG7=$TRACE_TMP/lab7.strace
    trace_step "strace -f -tt -yy -C -e trace=epoll_wait,read,write,futex,accept,clone3,... -p $PID"
    if traced_load "lab 7" "$PID" "$LOG7" "$PORT" 1; then
        read -r LOOP_TID LOOP_CALLS < <(socket_tids "$LOG7.lines")
        LOOP_NAME=$(cat "/proc/$PID/task/${LOOP_TID:-0}/comm" 2>/dev/null || echo "?")
        SOCKET_THREADS=$(socket_tids "$LOG7.lines" | wc -l)
        ACCEPTS=$(awk '$3 ~ /^accept4?\(/ && !/EAGAIN/ { n[$1]++ } END { for (t in n) print t, n[t] }' "$LOG7.lines")
        ACCEPT_TIDS=$(awk '{ print $1 }' <<<"$ACCEPTS" | sort -u | tr '\n' ' ')
        ACCEPTED=$(awk '{ s += $2 } END { print s + 0 }' <<<"$ACCEPTS")
        CLIENT_FDS=$(awk -v t="$LOOP_TID" '$1 == t && $3 ~ /^(read|write)\(/ && /<TCP/ { fd = $3; sub(/^[a-z]*\(/, "", fd); sub(/<.*/, "", fd); print fd }' "$LOG7.lines" | sort -u | wc -l)
        CLONES=$(summary "$LOG7" clone3)
        CLONES=$((CLONES + $(summary "$LOG7" clone)))
        FUTEX7=$(summary "$LOG7" futex)
        FUTEX_LOOP=$(awk -v t="$LOOP_TID" '$1 == t && $3 ~ /^futex\(/' "$LOG7.lines" | wc -l)
        trace_step "the thread that made every read and write on a client socket: TID $LOOP_TID, $LOOP_NAME in /proc (Linux keeps 15 characters of event-loop-$PORT)"
        trace_step "one pass of the loop under load: an epoll_wait that returned several ready sockets, then that pass's calls"
        awk -v t="$LOOP_TID" '
            function short(line) {  # an epoll_wait result list cut to its first entry
                if (match(line, /\[\{events=[^}]*, data=\{u32=[0-9]*\}\}, .*\], [0-9]/)) line = substr(line, 1, index(line, "}}, ") + 1) ", ...]" substr(line, RSTART + RLENGTH - 3)
                return line
            }
            function flush() {
                if (nr > 3) printf "%s  ... %d reads in all\n", t, nr
                if (nw > 3) printf "%s  ... %d writes in all\n", t, nw
                nr = nw = -1000
            }
            $1 != t { next }
            on && $3 ~ /^epoll_p?wait\(/ { if (nw > 0) { flush(); print short($0); exit } ; next }
            on && $3 ~ /^read\(/ && /<TCP/ { if (++nr <= 3) print; next }
            on && $3 ~ /^write\(/ && /<TCP/ { if (nr > 3) { printf "%s  ... %d reads in all\n", t, nr; nr = -1000 } if (++nw <= 3) print; next }
            !on && $3 ~ /^epoll_p?wait\(/ && $NF + 0 >= 4 { on = 1; print short($0) }' "$LOG7.lines" |
            cut -c1-150 | trace_indent '    '
        trace_step "then idle: the same thread, once redis-benchmark has gone"
        idle_timeouts "$LOG7.lines" "$LOOP_TID" >idle7.txt
        awk -v t="$LOOP_TID" '$1 == t && $3 ~ /^epoll_p?wait\(/ && / = 0$/' "$LOG7.lines" | tail -n 4 | trace_indent '    '
        trace_step "who made the JVM's $FUTEX7 futex calls (the five busiest threads, named from /proc)"
        awk '$3 ~ /^futex\(/ { n[$1]++ } END { for (t in n) print n[t], t }' "$LOG7.lines" | sort -rn | head -n 5 |
            while read -r calls tid; do
                printf '%6d  %s\n' "$calls" "$(cat "/proc/$PID/task/$tid/comm" 2>/dev/null || echo "(ended) $tid")"
            done | trace_indent '    '
        GAP7=$(median_gap_ms <idle7.txt)
        MAXTIMEOUT7=$(awk '{ if ($2 > m) m = $2 } END { print m + 0 }' idle7.txt)
        echo
        trace_check "one thread read and wrote every client socket ($SOCKET_THREADS thread(s) made the $LOOP_CALLS reads and writes on TCP sockets)" \
            trace_same "$SOCKET_THREADS" 1
        trace_check "the same thread accepted the connections ($ACCEPTED accepts, by TID(s) $ACCEPT_TIDS)" \
            trace_same "${ACCEPT_TIDS% }" "$LOOP_TID"
        trace_check "it served $CLIENT_FDS different client sockets (redis-benchmark: 50 connections per test)" at_least "$CLIENT_FDS" 50
        trace_check "no thread was created for a client: $CLONES clone/clone3 calls" trace_same "$CLONES" 0
        trace_check "no futex storm: the loop thread made $FUTEX_LOOP futex calls for $REQUESTS requests ($(per "$FUTEX_LOOP" "$REQUESTS") a request)" \
            less_than_thousandths "$FUTEX_LOOP" "$REQUESTS" 50
        trace_check "and the whole JVM $FUTEX7 ($(per "$FUTEX7" "$REQUESTS") a request), mostly its own service threads'" \
            less_than_thousandths "$FUTEX7" "$REQUESTS" 250
        trace_check "idle, it waits in epoll_wait with a timeout of at most 100 ms (the cron's, hz 10; largest seen: $MAXTIMEOUT7)" \
            between "$MAXTIMEOUT7" 1 100
        trace_check "and wakes about every 100 ms (median gap $GAP7 ms)" between "$GAP7" 60 200
        cat <<'EOF'

    One thread, the event loop, does everything a server thread does: it accepts each connection
    (accept on the listening socket, which is one of the sockets its selector watches), asks the
    kernel which sockets are ready (one epoll_wait for all of them: it returns a list of ready
    file descriptors), reads each ready socket's bytes into that client's query buffer, runs the
    complete commands, and writes the replies, before it asks again. No thread is made per client
    and no lock is needed: there is no one else to share the keyspace with, so the futex calls
    that remain are the JVM's own (the JIT compiler's queue, the GC). When no client sends
    anything, the loop sleeps in epoll_wait until the next timer is due: the cron, every 100 ms at
    hz 10 (a BLPOP's timeout, or a client's idle timeout, when one is nearer).
EOF
    else
        trace_say "[skipped] strace could not attach (try as root: sudo ./lab trace 7)."
    fi
else
    trace_say "[skipped] needs strace and redis-benchmark."
fi

# --- 2. the same load: lab 5 and Redis --------------------------------------------------------------

trace_section "2. The same load against lab 5's threads and a real redis-server: strace -f -C"
if ((HAVE_STRACE && HAVE_BENCH)) && [[ -n $LOOP_TID ]]; then
    LOG5=$TRACE_TMP/lab5.strace
    LOGR=$TRACE_TMP/redis.strace
    trace_step "start lab 5: java -jar lab5-integration.jar --bind 127.0.0.1 --port 0 --save \"\" --appendonly no"
    if trace_start_jar "$JAR5" 0 "$TRACE_TMP/lab5.log" --save "" --appendonly no; then
        PORT5=$TRACE_SERVER_PORT
        PID5=$TRACE_SERVER_PID
        redis-benchmark -p "$PORT5" -t set,get -c 50 -n 20000 -q >/dev/null 2>&1 # its warm-up
        trace_step "strace -f -tt -yy -C ... -p $PID5 (lab 5)"
        traced_load "lab 5" "$PID5" "$LOG5" "$PORT5" 0 || LOG5=""
        trace_stop_pid "$PID5"
    else
        LOG5=""
    fi
    REDIS_OK=0
    if ((HAVE_REDIS)); then
        RPORT=$(trace_free_port)
        trace_step "start a real Redis: redis-server --port $RPORT --bind 127.0.0.1 --save '' --appendonly no"
        redis-server --port "$RPORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$TRACE_TMP" >redis.log 2>&1 &
        RPID=$!
        trace_on_exit "trace_stop_pid $RPID"
        if trace_wait_until 10 "redis-server to answer PING" trace_ping "$RPORT"; then
            trace_step "strace -f -tt -yy -C ... -p $RPID (redis-server)"
            traced_load "redis-server" "$RPID" "$LOGR" "$RPORT" 1 && REDIS_OK=1
        fi
        trace_stop_pid "$RPID"
    else
        trace_have redis-server redis-server
    fi
    trace_step "strace -C's summaries, for ${LOAD[*]}: $REQUESTS requests"
    printf '\n    %-34s %12s %12s %12s\n' "" "lab 7" "lab 5" "Redis"
    # col LOG CALL: CALL's count in LOG's summary ("-" without a log); accept counts accept4 too
    col() {
        if [[ -z $1 || ! -s $1 ]]; then echo "-"
        elif [[ $2 == accept ]]; then echo $(($(summary "$1" accept) + $(summary "$1" accept4)))
        else summary "$1" "$2"; fi
    }
    for call in epoll_wait read write futex accept clone3; do
        label=$call
        [[ $call == accept ]] && label="accept, accept4"
        printf '    %-34s %12s %12s %12s\n' "$label calls" "$(col "$LOG7" "$call")" "$(col "$LOG5" "$call")" \
            "$( ((REDIS_OK)) && col "$LOGR" "$call" || echo -)"
    done

    threads_on_sockets() { [[ -n $1 && -s $1.lines ]] && socket_tids "$1.lines" | wc -l || echo "-"; }
    printf '    %-34s %12s %12s %12s\n' "threads that read/wrote a client" "$(threads_on_sockets "$LOG7")" \
        "$(threads_on_sockets "$LOG5")" "$( ((REDIS_OK)) && threads_on_sockets "$LOGR" || echo -)"
    for call in epoll_wait futex; do
        printf '    %-34s %12s %12s %12s\n' "$call per request" "$(per "$(col "$LOG7" "$call")" "$REQUESTS")" \
            "$( [[ -n $LOG5 ]] && per "$(col "$LOG5" "$call")" "$REQUESTS" || echo -)" \
            "$( ((REDIS_OK)) && per "$(col "$LOGR" "$call")" "$REQUESTS" || echo -)"
    done
    echo
    if [[ -n $LOG5 ]]; then
        F5=$(summary "$LOG5" futex)
        E5=$(summary "$LOG5" epoll_wait)
        E7=$(summary "$LOG7" epoll_wait)
        trace_check "lab 5: a thread per connection wrote to a client socket ($(threads_on_sockets "$LOG5") threads)" \
            at_least "$(threads_on_sockets "$LOG5")" 50
        # against the loop thread's own: the rest of lab 7's (the JIT compilers', G1's) vary from run to run
        trace_check "lab 5 made at least 5 times the futex calls of lab 7's loop thread ($F5 against $FUTEX_LOOP): its threads hand the global lock over" \
            at_least "$F5" $((5 * FUTEX_LOOP + 5))
        trace_check "lab 7 needed fewer epoll_wait calls than lab 5 ($E7 against $E5): one call reports many ready sockets" \
            at_least "$E5" "$E7"
    fi
    if ((REDIS_OK)); then
        read -r RTID _ < <(socket_tids "$LOGR.lines")
        FR=$(summary "$LOGR" futex)
        trace_step "Redis idle: its main thread's epoll_wait, once redis-benchmark has gone"
        awk -v t="$RTID" '$1 == t && $3 ~ /^epoll_p?wait\(/ && / = 0$/' "$LOGR.lines" | tail -n 4 | trace_indent '    '
        idle_timeouts "$LOGR.lines" "$RTID" >idler.txt
        GAPR=$(median_gap_ms <idler.txt)
        MAXTIMEOUTR=$(awk '{ if ($2 > m) m = $2 } END { print m + 0 }' idler.txt)
        echo
        trace_check "Redis: one thread read and wrote every client socket too ($(threads_on_sockets "$LOGR"))" \
            trace_same "$(threads_on_sockets "$LOGR")" 1
        trace_check "Redis: almost no futex calls ($FR)" less_than_thousandths "$FR" "$REQUESTS" 20
        trace_check "Redis idle: epoll_wait with a timeout of at most 100 ms (largest $MAXTIMEOUTR), about every 100 ms (median gap $GAPR ms)" \
            test "$MAXTIMEOUTR" -le 100 -a "$MAXTIMEOUTR" -ge 1 -a "$GAPR" -ge 60 -a "$GAPR" -le 200
    fi
    cat <<'EOF'

    Lab 5 serves the same 10,000 requests with a thread per connection: fifty threads each wait in
    an epoll_wait of their own (one ready socket each time), read, take the global lock, run the
    command, unlock and write; when the lock is taken, the thread parks (futex WAIT) and the
    holder wakes it (futex WAKE). Lab 7 and Redis need no lock and no hand-off: one epoll_wait
    returns every ready socket, and one thread reads, runs and writes them in a row. Redis's
    idle loop is the same as lab 7's: ae.c's aeProcessEvents sleeps in epoll_wait until its
    nearest timer, serverCron, every 1000/hz ms.
EOF
else
    trace_say "[skipped] needs strace, redis-benchmark and part 1."
fi

# --- 3. ss -s with 10,000 connections ---------------------------------------------------------------

trace_section "3. ss -s: 10,000 connections, one thread"
if ((HAVE_BENCH)); then
    WANT=${TRACE_CONNECTIONS:-10000}
    HARD=$(ulimit -Hn)
    N=$WANT
    # redis-benchmark needs one descriptor per connection plus a few; so does the server (the JVM
    # raises its own soft limit to the hard limit; -XX:+MaxFDLimit is on by default)
    if [[ $HARD != unlimited ]] && ((HARD - 64 < N)); then
        N=$((HARD - 64))
        trace_say "the hard limit on open files is $HARD (ulimit -Hn): $N connections instead of $WANT" \
            "(raise it in /etc/security/limits.conf, or with ulimit -Hn as root, to see $WANT)"
    fi
    NOFILE=$((N + 64))
    connections_at_least() { (($(established "$1") >= $2)); }
    no_connections() { (($(established "$PORT") == 0)); }
    trace_wait_until 10 "the earlier clients to leave" no_connections
    T0=$(threads "$PID")
    M0=$(rss_kib "$PID")
    D0=$(fds "$PID")
    trace_step "ulimit -n $NOFILE; redis-benchmark -p $PORT -I -c $N   (idle mode: open $N connections, send nothing)"
    (ulimit -n "$NOFILE" && exec redis-benchmark -p "$PORT" -I -c "$N") >idle.out 2>&1 &
    IDLE_PID=$!
    trace_on_exit "trace_stop_pid $IDLE_PID"
    S0=${EPOCHREALTIME/./}
    trace_wait_until 60 "$N established connections" connections_at_least "$PORT" "$N"
    S1=${EPOCHREALTIME/./}
    ESTAB=$(established "$PORT")
    T1=$(threads "$PID")
    M1=$(rss_kib "$PID")
    D1=$(fds "$PID")
    trace_step "ss -s"
    ss -s >ss-s.txt
    trace_indent '    ' <ss-s.txt
    ESTAB_ALL=$(sed -n 's/^TCP: *[0-9]* (estab \([0-9]*\).*/\1/p' ss-s.txt | head -n 1)
    trace_step "ss -Htn state established '( sport = :$PORT )' | wc -l"
    trace_say "$ESTAB   (connected in $(((S1 - S0) / 1000)) ms)"
    trace_step "one more client, while the $N wait: redis-cli PING"
    PING_OK=0
    trace_ping "$PORT" && PING_OK=1
    trace_say "$( ((PING_OK)) && echo PONG || echo 'no answer')"
    CPU0=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
    sleep 1 # a measuring window for the idle CPU time, not a wait for something
    CPU1=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
    trace_step "the JVM, before and with the $N connections"
    trace_say "threads: $T0 before, $T1 with them" \
        "file descriptors: $D0 before, $D1 with them (+$((D1 - D0)))" \
        "resident memory: $((M0 / 1024)) MiB before, $((M1 / 1024)) MiB with them (+$(((M1 - M0) / 1024)) MiB, about $(((M1 - M0) * 1024 / N)) bytes a connection)" \
        "CPU time over one idle second with $N clients: $((CPU1 - CPU0)) clock ticks (of $(getconf CLK_TCK) a second)"
    REDIS_LINE=""
    if ((HAVE_REDIS)); then
        RPORT=$(trace_free_port)
        redis-server --port "$RPORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$TRACE_TMP" --maxclients 10100 >redis-idle.log 2>&1 &
        RPID=$!
        trace_on_exit "trace_stop_pid $RPID"
        if trace_wait_until 10 "redis-server to answer PING" trace_ping "$RPORT"; then
            RT0=$(threads "$RPID")
            RM0=$(rss_kib "$RPID")
            (ulimit -n "$NOFILE" && exec redis-benchmark -p "$RPORT" -I -c "$N") >redis-idle.out 2>&1 &
            RIDLE=$!
            trace_on_exit "trace_stop_pid $RIDLE"
            if trace_wait_until 60 "$N connections to redis-server" connections_at_least "$RPORT" "$N"; then
                RT1=$(threads "$RPID")
                RM1=$(rss_kib "$RPID")
                REDIS_LINE="a real redis-server with the same $N idle clients: threads $RT0 -> $RT1; resident memory +$(((RM1 - RM0) / 1024)) MiB, about $(((RM1 - RM0) * 1024 / N)) bytes a connection"
                trace_say "$REDIS_LINE"
            fi
            trace_stop_pid "$RIDLE"
        fi
        trace_stop_pid "$RPID"
    fi
    trace_stop_pid "$IDLE_PID"
    echo
    trace_check "$N connections established to port $PORT ($ESTAB)" trace_same "$ESTAB" "$N"
    trace_check "ss -s counts both ends of each: ${ESTAB_ALL:-?} established, at least $((2 * N))" \
        at_least "${ESTAB_ALL:-0}" $((2 * N))
    trace_check "the server's threads did not grow with its clients ($T0 -> $T1)" at_most "$T1" $((T0 + 2))
    trace_check "one file descriptor per connection (+$((D1 - D0)) for $N)" between $((D1 - D0)) "$N" $((N + 20))
    trace_check "one more client is still served at once (PING -> PONG)" trace_same "$PING_OK" 1
    cat <<'EOF'

    To the kernel, 10,000 clients are 10,000 sockets, whoever serves them: ss -s counts them
    twice, once for each end, since redis-benchmark's ends are on this machine too. To lab 7
    they are 10,000 file descriptors registered with one epoll instance and 10,000 Client objects
    with their buffers: no thread, no stack, and no CPU while they send nothing, since an idle
    socket never shows up in epoll_wait's answer. (The resident memory's growth is an upper bound:
    it also holds garbage the collector has not needed to collect yet.)
    Lab 5 would have started 10,000 threads, each with its stack, each waking every 100 ms. The
    limit that bites first is the number of open files (ulimit -n): 10,000 connections need
    10,000 descriptors in the server and 10,000 in the client.
EOF
else
    trace_say "[skipped] needs redis-benchmark (redis-tools)."
fi
trace_stop_pid "$PID"

# --- 4. async-profiler: CPU and wall-clock --------------------------------------------------------

trace_section "4. async-profiler under redis-benchmark -c 50: CPU, then the loop thread's wall-clock time"
if ((HAVE_BENCH)); then
    for event in cpu wall; do
        trace_step "./lab profile 7 --event $event --load redis-benchmark --connections 50 --seconds 5 --out $event.collapsed"
        "$ROOT/lab" profile 7 --event "$event" --load redis-benchmark --connections 50 --seconds 5 \
            --out "$TRACE_TMP/$event.collapsed" >"profile-$event.out" 2>&1
        echo "$?" >"profile-$event.rc"
        sed -e "s#$TRACE_TMP/##g" -e 's/-agentpath:[^ ]*=start/-agentpath:...=start/' "profile-$event.out" |
            grep -v '^+ mvn' | cut -c1-200 | trace_indent '    '
    done
    # share FILE AWK_CONDITION: the percentage of FILE's samples (the last field of each collapsed
    # line) whose stack matches the condition
    share() {
        awk "{ n = \$NF; total += n } $2 { hit += n } END { printf \"%.0f\", (total ? hit * 100 / total : 0) }" "$1"
    }
    # breakdown FILE: the loop thread's share and its parts, one line each
    breakdown() {
        printf '%-60s %5s%%\n' "  waiting for readiness (EPoll.wait: epoll_wait)" "$(share "$1" '/EventLoop\.run/ && /EPoll\.wait/')"
        printf '%-60s %5s%%\n' "  accepting connections (ServerSocketChannel.accept)" "$(share "$1" '/EventLoop\.run/ && /ServerSocketChannelImpl\.accept/')"
        printf '%-60s %5s%%\n' "  reading sockets (SocketChannel.read)" "$(share "$1" '/EventLoop\.run/ && /SocketChannelImpl\.read/')"
        printf '%-60s %5s%%\n' "  parsing and running commands (processInputBuffer)" "$(share "$1" '/EventLoop\.run/ && /processInputBuffer/')"
        printf '%-60s %5s%%\n' "  writing sockets (SocketChannel.write)" "$(share "$1" '/EventLoop\.run/ && /SocketChannelImpl\.write/')"
    }
    if [[ $(cat profile-cpu.rc) == 0 && -s cpu.collapsed ]]; then
        trace_step "CPU: where the samples are (cpu.collapsed: every thread; % of all samples)"
        {
            printf '%-60s %5s%%\n' "the event-loop thread (stacks through EventLoop.run)" "$(share cpu.collapsed '/EventLoop\.run/')"
            breakdown cpu.collapsed
            printf '%-60s %5s%%\n' "the JIT compilers (C1, C2)" "$(share cpu.collapsed '/CompileBroker|C2Compiler|Compiler::/')"
            printf '%-60s %5s%%\n' "the garbage collector" "$(share cpu.collapsed '/G1[A-Z]|GCTaskThread|WorkerThread::|ConcurrentGCThread/')"
        } | trace_indent '    '
        trace_step "CPU: the 8 hottest frames (self time: the frame at the top of the stack)"
        awk '{ n = split($1, f, ";"); t = f[n]; sub(/_\[[a-z]\]$/, "", t); top[t] += $NF; total += $NF }
             END { for (t in top) printf "%5.1f%%  %s\n", top[t] * 100 / total, t }' cpu.collapsed |
            sort -rn | head -n 8 | cut -c1-120 | trace_indent '    '
    fi
    if [[ $(cat profile-wall.rc) == 0 && -s wall.collapsed ]]; then
        WALL_THREADS=$(sed 's/;.*//' wall.collapsed | sort -u)
        trace_step "wall-clock: the loop thread's time (wall.collapsed: $(tr '\n' ' ' <<<"$WALL_THREADS")only; 100 samples a second, running or waiting)"
        breakdown wall.collapsed | trace_indent '    '
    fi
    echo
    trace_check "./lab profile 7 --event cpu: exit status 0, no error replies" \
        test "$(cat profile-cpu.rc)" = 0 -a -n "$(grep ' 0 error replies' profile-cpu.out)"
    trace_check "./lab profile 7 --event wall: exit status 0, no error replies" \
        test "$(cat profile-wall.rc)" = 0 -a -n "$(grep ' 0 error replies' profile-wall.out)"
    if [[ -s wall.collapsed ]]; then
        trace_check "the wall-clock profile has one thread, the loop's ($(wc -l <<<"$WALL_THREADS") root frame)" \
            trace_same "$(wc -l <<<"$WALL_THREADS")" 1
    fi
    if [[ -s cpu.collapsed ]]; then
        trace_check "the CPU profile has the loop's stacks" at_least "$(share cpu.collapsed '/EventLoop\.run/')" 10
    fi
    cat <<'EOF'

    The CPU profile counts a sample only while a thread runs: the loop's share is its parsing,
    commands and the system calls' kernel time (with perf events; itimer mode shows Java frames
    only), and what is left is the JIT compilers and the GC, which run on other threads and
    take the cores that redis-benchmark and the loop also want. The wall-clock profile follows
    the loop thread whether it runs or waits: the part in epoll_wait is time the loop had
    nothing to do (no socket ready), the rest is the loop's work. On a 2-core machine with
    redis-benchmark on the other core, the loop rarely waits: it is the bottleneck, and every
    cycle saved in it is throughput.
EOF
else
    trace_say "[skipped] needs redis-benchmark (redis-tools)."
fi

# --- end -------------------------------------------------------------------------------------------

trace_checks_done "$HANDOUT"
exit
