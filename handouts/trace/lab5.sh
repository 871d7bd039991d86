#!/usr/bin/env bash
#
# handouts/trace/lab5.sh: the classroom demo `./lab trace 5` runs.
#
#     bash handouts/trace/lab5.sh [REPO_ROOT]        (REPO_ROOT defaults to this file's ../..)
#
# Starts lab 5's server (lab5-integration/target/lab5-integration.jar) on 127.0.0.1, on a port the
# kernel picks, with no persistence, and shows, with annotations:
#   1. A thread per client. strace -f on the whole JVM while three clients connect and send one
#      command each: the accept thread's accept() and clone3() (a new thread) per client, then each
#      new thread's epoll_wait, read and write on its own socket; the threads' names (client-N)
#      from /proc. Then what an idle client's thread does: wake up every 100 ms (one cron interval).
#   2. The lock, in futex calls. strace -f -e trace=futex while redis-benchmark -t get runs with one
#      connection, then with fifty: futex calls by the client threads per request, and one hand-off
#      (a thread parks in FUTEX_WAIT, the one releasing the lock wakes it with FUTEX_WAKE).
#   3. jstack: the accept thread, the cron thread and the client-N threads, with what each is doing.
#   4. ss -tn with 200 idle clients (redis-benchmark -I -c 200): 200 connections, 200 more threads in
#      the JVM, their memory and wake-ups; then they leave and the threads end. A real redis-server
#      with the same 200 clients, for comparison, if installed.
#   5. The lock profile: ./lab profile 5 --event lock --load redis-benchmark --connections 50
#      (async-profiler, the same way ./lab profile always runs it): how long threads waited for the
#      global lock, and where.
# Non-interactive, about 60 s on a 2-core machine (hard limit 150 s). strace needs root (or a
# permissive kernel.yama.ptrace_scope): without it parts 1 and 2 are skipped; a missing redis-cli,
# redis-benchmark or strace skips what needs it, printing the Debian package (exit 0). Exit 1 if the
# server cannot start or behaves differently from what the handout explains (each check prints
# [ok]/[UNEXPECTED]). TRACE_KEEP=1 keeps the strace logs and the profile.
# The handout that walks through this output: handouts/lab5-integration.md.

# Functions called through trace_check/trace_wait_until look unreachable to shellcheck; '$...'
# strings are awk programs, not variables.
# shellcheck disable=SC2317,SC2016

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "${1:-$HERE/../..}" && pwd) || exit 1
# shellcheck source=common.sh
source "$HERE/common.sh"

JAR=$ROOT/lab5-integration/target/lab5-integration.jar
HANDOUT=handouts/lab5-integration.md

trace_init "lab 5" 150

# --- small helpers for this demo ----------------------------------------------------------------

at_least() { (($1 >= $2)); }
between() { (($1 >= $2 && $1 <= $3)); }
less_than() { (($1 < $2)); }

# thread_name TID: the name Linux keeps for one of the server's threads (the JVM sets it from the
# Java name, cut to 15 characters), as ps -T and /proc/PID/task/TID/comm show it.
thread_name() { cat "/proc/$PID/task/$1/comm" 2>/dev/null || echo "(ended)"; }

# threads: how many threads the server's JVM has now.
threads() { awk '/^Threads:/ { print $2 }' "/proc/$PID/status"; }

# rss_mib PID: resident memory of a process, in MiB.
rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# established PORT: connections to PORT in state ESTABLISHED, server side.
established() { ss -Htn state established "( sport = :$1 )" 2>/dev/null | wc -l; }

# shorten: strace -yy's loopback addresses cut: 16<TCPv6:[[::ffff:127.0.0.1]:41234->[::ffff:127.0.0.1]:50412]>
# becomes 16<TCP:[:41234->:50412]>; clone3's long argument list cut to its flags and stack size.
shorten() {
    sed -E -e 's/\[::ffff:127\.0\.0\.1\]//g' -e 's/<TCPv6:\[/<TCP:[/g' \
        -e 's/<TCP:\[127\.0\.0\.1:([0-9]*)->127\.0\.0\.1:([0-9]*)\]>/<TCP:[:\1->:\2]>/g' \
        -e 's/clone3\(\{flags=([A-Z_|]*)\|CLONE_SYSVSEM[^}]*stack_size=(0x[0-9a-f]*)[^}]*\}[^)]*\)/clone3({flags=\1|..., stack_size=\2, ...})/' \
        -e 's/accept\(([0-9]*<[^>]*>), \{sa_family=AF_INET6, sin6_port=htons\(([0-9]*)\)[^}]*\}, \[28\]\)/accept(\1, {port \2}, ...)/'
}

# name_tids: prefixes each strace line (TID first) with the thread's name: "client-7  12:00:01.2 ..."
name_tids() {
    local tid rest
    while read -r tid rest; do
        printf '%-15s %s\n' "$(thread_name "$tid")" "$rest"
    done
}

# --- the server ---------------------------------------------------------------------------------

if ! trace_have java default-jre-headless || ! trace_have ss iproute2; then
    exit 1
fi
cd "$TRACE_TMP" || exit 1
trace_section "Lab 5 trace: a thread per client, and one lock around every command"
trace_say "Repository: $ROOT" "Server jar: $JAR"
trace_step "start the server: java -jar lab5-integration.jar --bind 127.0.0.1 --port 0 --save \"\" --appendonly no"
if ! trace_start_jar "$JAR" 0 "$TRACE_TMP/server.log" --save "" --appendonly no; then
    exit 1
fi
PORT=$TRACE_SERVER_PORT
PID=$TRACE_SERVER_PID
ACCEPT_TID=""
for task in /proc/"$PID"/task/*; do
    [[ $(cat "$task/comm" 2>/dev/null) == server-accept-* ]] && ACCEPT_TID=${task##*/}
done
trace_say "pid $PID, port $PORT; $(threads) threads already (the JVM's own: JIT compilers, GC, ...)," \
    "among them server-accept-$PORT (TID ${ACCEPT_TID:-?}; Linux shows 15 characters: $(thread_name "${ACCEPT_TID:-0}")) and server-cron"

HAVE_STRACE=0
trace_have strace strace && HAVE_STRACE=1
HAVE_TOOLS=0
trace_have redis-cli redis-tools && trace_have redis-benchmark redis-tools && HAVE_TOOLS=1

# --- 1. a thread per client ------------------------------------------------------------------------

trace_section "1. A thread per client: accept, clone3, then epoll_wait/read/write on each thread"
FD_A="" FD_B="" FD_C=""
if ((HAVE_STRACE)); then
    LOG1=$TRACE_TMP/threads.strace
    CALLS1=accept,accept4,clone,clone3,epoll_wait,read,write
    trace_step "attach: strace -f -tt -yy -e trace=$CALLS1 -p $PID"
    if trace_strace_start "$PID" "$LOG1" "$CALLS1" -s 32; then
        trace_step "three clients connect (bash /dev/tcp) and send one inline command each"
        trace_connect FD_A "$PORT" && trace_send "$FD_A" 'SET who alice\r\n' && trace_read_line "$FD_A" 5 REPLY_A
        trace_connect FD_B "$PORT" && trace_send "$FD_B" 'SET who bob\r\n' && trace_read_line "$FD_B" 5 REPLY_B
        trace_connect FD_C "$PORT" && trace_send "$FD_C" 'GET who\r\n' && trace_read_line "$FD_C" 5 LEN_C &&
            trace_read_line "$FD_C" 5 REPLY_C
        trace_say "A: SET who alice -> ${REPLY_A:-?}   B: SET who bob -> ${REPLY_B:-?}   C: GET who -> ${LEN_C:-?} ${REPLY_C:-?}"
        # Then leave them idle until each client thread has timed out of epoll_wait a few times.
        idle_reads() { awk '/read\(.*TCP.*EAGAIN/ { n[$1]++ } END { k = 0; for (t in n) if (n[t] >= 3) k++; print k + 0 }' "$LOG1"; }
        idle_ready() { (($(idle_reads) >= 3)); }
        trace_wait_until 10 "three idle wake-ups of each client thread" idle_ready
        trace_strace_stop
        trace_strace_join "$LOG1" | shorten >threads.lines
        CLIENT_TIDS=$(awk -v a="$ACCEPT_TID" '$1 == a && /clone3?\(/ { print $NF }' threads.lines | tr '\n' ' ')
        read -r -a CLIENTS <<<"$CLIENT_TIDS"
        trace_step "the accept thread and the new threads, in time order (their sockets only: no idle wake-ups, no class loading; no other JVM thread)"
        awk -v a="$ACCEPT_TID" -v c=" $CLIENT_TIDS " '
            ($1 == a && /accept|clone/) || (index(c, " " $1 " ") && /TCP|eventpoll/ && !/EAGAIN/ && !/epoll_wait\(.*\) = 0$/ && !/<detached/)' threads.lines |
            awk -v a="$ACCEPT_TID" '$1 == a || ++seen[$1] <= 4' | name_tids | trace_indent '    '
        echo
        NAMES=""
        for t in "${CLIENTS[@]}"; do NAMES+="$(thread_name "$t") "; done
        SOCKETS=$(awk -v c=" $CLIENT_TIDS " 'index(c, " " $1 " ") && /write\(.*TCP/ { sub(/<.*/, "", $3); sub(/write\(/, "", $3); print $1 "/" $3 }' threads.lines | sort -u | wc -l)
        trace_check "the accept thread (server-accept-$PORT) called clone3 once per client: ${#CLIENTS[@]} new threads (TIDs $CLIENT_TIDS)" \
            trace_same "${#CLIENTS[@]}" 3
        trace_check "each is named client-N: $NAMES" test "$(grep -o 'client-[0-9]*' <<<"$NAMES" | wc -l)" -eq 3
        trace_check "each read its client's request and wrote the reply on a socket of its own ($SOCKETS thread/socket pairs)" \
            trace_same "$SOCKETS" 3
        trace_check "the replies: +OK, +OK, then bob (C reads what B wrote)" trace_same "${REPLY_A:-}/${REPLY_B:-}/${REPLY_C:-}" "+OK/+OK/bob"
        trace_step "then idle: what client A's thread ($(thread_name "${CLIENTS[0]:-0}")) does while its client sends nothing"
        awk -v t="${CLIENTS[0]:-none}" '$1 == t && /EAGAIN|epoll_wait\(.*\) = 0/' threads.lines | head -n 6 | name_tids | trace_indent '    '
        GAPS=$(awk -v t="${CLIENTS[0]:-none}" '$1 == t && /read\(.*EAGAIN/ { split($2, h, ":"); s = h[1] * 3600 + h[2] * 60 + h[3]; if (p) { printf "%d\n", (s - p) * 1000 }; p = s }' threads.lines | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }')
        echo
        trace_check "an idle client's thread wakes about every 100 ms (median gap ${GAPS:-?} ms): epoll_wait times out, read() -> EAGAIN" \
            between "${GAPS:-0}" 80 200
        cat <<'EOF'

    The accept thread blocks in accept(); each connection it gets becomes a Connection and a new
    thread: clone3 with CLONE_THREAD (a thread of the same process, sharing its memory) and a
    stack of its own (stack_size: about 1 MiB, Java's default -Xss). From then on that client has
    a thread to itself: epoll_wait on its own selector (its own epoll fd), read() of its request,
    write() of its reply, on its socket only. Idle, each thread still wakes once per cron
    interval (hz 10: 100 ms), tries a read, finds nothing (EAGAIN) and goes back to epoll_wait.
EOF
    else
        trace_say "[skipped] strace could not attach (try as root: sudo ./lab trace 5)."
    fi
fi
if [[ -z $FD_A ]]; then
    # without strace: the three clients of part 3, connected anyway
    trace_connect FD_A "$PORT" && trace_send "$FD_A" 'SET who alice\r\n' && trace_read_line "$FD_A" 5 REPLY_A
    trace_connect FD_B "$PORT" && trace_send "$FD_B" 'SET who bob\r\n' && trace_read_line "$FD_B" 5 REPLY_B
    trace_connect FD_C "$PORT" && trace_send "$FD_C" 'PING\r\n' && trace_read_line "$FD_C" 5 REPLY_C
fi

# --- 2. the lock in futex calls ----------------------------------------------------------------------

trace_section "2. The global lock in system calls: futex, once clients contend"
if ((HAVE_STRACE && HAVE_TOOLS)); then
    # futex_run C N: redis-benchmark -t get -c C -n N under strace -f -e trace=futex,clone3; prints
    # "REQUESTS CLIENT_FUTEX WAITS WAKES WOKEN" (futex calls by the threads the accept thread
    # cloned during the run; WOKEN: FUTEX_WAKE calls that woke a thread); the log in futex-cC.lines.
    futex_run() {
        local c=$1 n=$2 log=$TRACE_TMP/futex-c$1.strace
        if ! trace_strace_start "$PID" "$log" futex,clone,clone3 >/dev/null 2>&1; then
            return 1
        fi
        redis-benchmark -p "$PORT" -t get -c "$c" -n "$n" -q --csv >"futex-c$c.csv" 2>&1
        trace_strace_stop
        trace_strace_join "$log" >"futex-c$c.lines"
        awk -v a="$ACCEPT_TID" -v n="$n" '
            $1 == a && /clone3?\(/ { client[$NF] = 1; next }
            ($1 in client) && /futex\(/ {
                calls++
                if (/FUTEX_WAIT/) waits++
                if (/FUTEX_WAKE/) { wakes++; if ($NF ~ /^[1-9]/) woken++ }
            }
            END { print n, calls + 0, waits + 0, wakes + 0, woken + 0 }' "futex-c$c.lines"
    }
    trace_step "warm-up, not traced: redis-benchmark -p $PORT -t get,set -c 50 -n 20000 (a fresh JVM's JIT compiles the hot code first)"
    redis-benchmark -p "$PORT" -t get,set -c 50 -n 20000 -q --csv 2>&1 | trace_indent '    '
    trace_step "strace -f -tt -e trace=futex,clone3 -p $PID   while   redis-benchmark -p $PORT -t get -c 1 -n 2000"
    if R1=$(futex_run 1 2000) && R50=$(futex_run 50 5000); then
        trace_say "(again, with 50 connections: redis-benchmark -t get -c 50 -n 5000)"
        read -r N1 F1 W1 K1 _ <<<"$R1"
        read -r N50 F50 W50 K50 WOKEN50 <<<"$R50"
        per() { awk -v f="$1" -v n="$2" 'BEGIN { printf "%.3f", f / n }'; }
        printf '\n    %-28s %9s %12s %12s %12s %14s\n' "redis-benchmark -t get" requests "futex calls" "FUTEX_WAIT" "FUTEX_WAKE" "WAITs/request"
        printf '    %-28s %9s %12s %12s %12s %14s\n' "-c 1 (one client thread)" "$N1" "$F1" "$W1" "$K1" "$(per "$W1" "$N1")"
        printf '    %-28s %9s %12s %12s %12s %14s\n' "-c 50 (fifty client threads)" "$N50" "$F50" "$W50" "$K50" "$(per "$W50" "$N50")"
        trace_say "" "(futex calls made by the client threads only: those the accept thread cloned during the run)"
        trace_step "one hand-off under -c 50: a thread parks (FUTEX_WAIT), the lock's holder wakes it on unlock (FUTEX_WAKE ... = 1)"
        # the first FUTEX_WAKE by a client thread that woke someone, with the WAIT on the same address before it
        awk -v a="$ACCEPT_TID" '
            $1 == a && /clone3?\(/ { client[$NF] = 1; next }
            !($1 in client) || !/futex\(/ { next }
            { addr = $3; sub(/^futex\(/, "", addr); sub(/,$/, "", addr) }
            /FUTEX_WAIT/ { wait[addr] = $0; next }
            /FUTEX_WAKE/ && $NF ~ /^[1-9]/ && (addr in wait) { print wait[addr]; print; exit }' "futex-c50.lines" |
            sed -E 's/, FUTEX_BITSET_MATCH_ANY//; s/\|FUTEX_CLOCK_REALTIME//; s/^([0-9]+) /thread \1  /' | trace_indent '    '
        echo
        trace_check "-c 1: the one client thread almost never parks ($W1 FUTEX_WAITs for $N1 requests)" \
            less_than "$(awk -v f="$W1" -v n="$N1" 'BEGIN { printf "%d", f * 1000 / n }')" 20
        trace_check "-c 50: $(per "$W50" "$N50") FUTEX_WAITs per request (at least 0.05, against about 0.002 with one client): threads park, waiting for the lock" \
            at_least "$(awk -v f="$W50" -v n="$N50" 'BEGIN { printf "%d", f * 1000 / n }')" 50
        trace_check "-c 50: $WOKEN50 FUTEX_WAKE calls woke a waiting thread" at_least "${WOKEN50:-0}" 1
        cat <<'EOF'

    GlobalLock is a java.util.concurrent ReentrantLock. Free, it is taken with one compare-and-set
    in user space: no system call, which is why one client almost never parks (when it does, the
    cron thread was holding the lock; the FUTEX_WAKEs are the JVM's own: a method queued for
    the JIT compiler wakes a compiler thread). Taken, a thread queues and parks:
    LockSupport.park, pthread_cond_wait, futex(FUTEX_WAIT): the kernel puts it to sleep. The
    holder's unlock sees a queue and unparks the first thread: futex(FUTEX_WAKE, 1), and the
    scheduler has to run it again (on two cores, after something else). Every hand-off is two
    system calls and a context switch, on top of the command itself. (strace slows every system
    call down, so here the lock is held longer and contended more than without it.)
EOF
    else
        trace_say "[skipped] strace could not attach (try as root: sudo ./lab trace 5)."
    fi
else
    trace_say "[skipped] needs strace and redis-benchmark."
fi

# --- 3. jstack ---------------------------------------------------------------------------------------

trace_section "3. jstack: the accept thread, the cron thread, a thread per client"
if trace_have jstack openjdk-17-jdk-headless; then
    trace_step "jstack $PID, the server's threads (name, state, top frames), with clients A, B and C connected"
    timeout 30 jstack "$PID" >jstack.txt 2>&1
    awk '
        /^"/ { keep = ($0 ~ /^"(server-|client-)/); n = 0; if (keep) { nid = ""; if (match($0, /nid=0x[0-9a-f]+/)) nid = substr($0, RSTART + 4, RLENGTH - 4); print $1, nid } next }
        keep && /java.lang.Thread.State/ { sub(/^[ \t]+/, ""); print "    " $0; next }
        keep && /^\tat / && n < 3 { sub(/^\tat /, ""); print "      at " $0; n++ }' jstack.txt >jstack.threads
    # the nid in decimal too: the TID strace and /proc show
    while IFS= read -r line; do
        if [[ $line == \"* ]]; then
            read -r name nid <<<"$line"
            printf '%s  nid=%s (TID %d)\n' "$name" "$nid" "$((nid))"
        else
            printf '%s\n' "$line"
        fi
    done <jstack.threads | trace_indent '    '
    N_CLIENT=$(grep -c '^"client-' jstack.threads)
    echo
    trace_check "one accept thread, \"server-accept-$PORT\", in accept" grep -q "^\"server-accept-$PORT\"" jstack.threads
    trace_check "one cron thread, \"server-cron\"" grep -q '^"server-cron"' jstack.threads
    trace_check "a thread per connected client: $N_CLIENT client-N threads for the 3 clients" trace_same "$N_CLIENT" 3
    trace_check "the client threads wait in the selector (EPoll.wait), not holding the lock" \
        test "$(awk '/^"client-/ { c = 1; next } /^"/ { c = 0 } c && /EPoll\.wait/' jstack.threads | wc -l)" -eq 3
    cat <<'EOF'

    jstack names the threads the server made: server-accept-<port> (in ServerSocketChannel.accept,
    RUNNABLE: a thread in a system call is RUNNABLE to the JVM), server-cron (a scheduled executor
    waiting for its next run, TIMED_WAITING) and client-<id> for each connection, each in its
    selector's epoll_wait. nid is the Linux thread id in hex: the TID strace printed in part 1.
EOF
fi
for fd in "$FD_A" "$FD_B" "$FD_C"; do
    [[ -n $fd ]] && trace_close "$fd"
done

# --- 4. ss with 200 idle clients ---------------------------------------------------------------------

trace_section "4. ss: 200 idle clients, 200 threads"
if ((HAVE_TOOLS)); then
    threads_at_most() { (($(threads) <= $1)); }
    threads_at_least() { (($(threads) >= $1)); }
    connections_at_least() { (($(established "$1") >= $2)); }
    no_connections() { (($(established "$PORT") == 0)); }
    trace_wait_until 10 "clients A, B and C to leave" no_connections
    T0=$(threads)
    M0=$(rss_mib "$PID")
    trace_step "redis-benchmark -p $PORT -I -c 200   (idle mode: open 200 connections, send nothing)"
    redis-benchmark -p "$PORT" -I -c 200 >idle.out 2>&1 &
    IDLE_PID=$!
    trace_on_exit "trace_stop_pid $IDLE_PID"
    trace_wait_until 20 "200 established connections" connections_at_least "$PORT" 200
    trace_wait_until 10 "200 more threads" threads_at_least $((T0 + 200))
    ESTAB=$(established "$PORT")
    T1=$(threads)
    M1=$(rss_mib "$PID")
    trace_step "ss -tn '( sport = :$PORT )' | head -n 4; ... | wc -l"
    ss -tn "( sport = :$PORT )" | head -n 4 | trace_indent '    '
    trace_say "... $(established "$PORT") established connections to port $PORT"
    trace_step "ss -ltn '( sport = :$PORT )': the listening socket (Recv-Q: connections not yet accepted)"
    ss -ltn "( sport = :$PORT )" | trace_indent '    '
    # context switches of the whole process over one second: the idle threads waking up
    ctx() { cat /proc/"$PID"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ { s += $2 } END { print s + 0 }'; }
    C0=$(ctx)
    S0=${EPOCHREALTIME/./}
    sleep 1 # a measuring window, not a wait for something
    C1=$(ctx)
    S1=${EPOCHREALTIME/./}
    WAKEUPS=$(((C1 - C0) * 1000000 / (S1 - S0)))
    trace_step "the JVM: threads, resident memory, context switches"
    trace_say "threads: $T0 before, $T1 with 200 idle clients (+$((T1 - T0)))" \
        "resident memory: $M0 MiB before, $M1 MiB after (+$((M1 - M0)) MiB, about $(((M1 - M0) * 1024 / 200)) KiB per client)" \
        "voluntary context switches: $WAKEUPS a second, with every client idle"
    REDIS_LINE=""
    if command -v redis-server >/dev/null 2>&1; then
        RPORT=$(trace_free_port)
        redis-server --port "$RPORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$TRACE_TMP" >redis.log 2>&1 &
        RPID=$!
        trace_on_exit "trace_stop_pid $RPID"
        if trace_wait_until 10 "redis-server to answer PING" trace_ping "$RPORT"; then
            RT0=$(awk '/^Threads:/ { print $2 }' "/proc/$RPID/status")
            redis-benchmark -p "$RPORT" -I -c 200 >redis-idle.out 2>&1 &
            RIDLE=$!
            trace_on_exit "trace_stop_pid $RIDLE"
            trace_wait_until 20 "200 connections to redis-server" connections_at_least "$RPORT" 200
            RT1=$(awk '/^Threads:/ { print $2 }' "/proc/$RPID/status")
            REDIS_LINE="a real redis-server with the same 200 idle clients: $RT0 threads before, $RT1 with them"
            trace_stop_pid "$RIDLE"
            trace_stop_pid "$RPID"
            trace_say "$REDIS_LINE"
        fi
    fi
    trace_stop_pid "$IDLE_PID"
    trace_wait_until 20 "the client threads to end" threads_at_most $((T0 + 2))
    T2=$(threads)
    echo
    trace_check "200 connections established to port $PORT ($ESTAB)" trace_same "$ESTAB" 200
    trace_check "one more thread per connection: +$((T1 - T0)) threads" between $((T1 - T0)) 200 205
    trace_check "idle threads still wake: $WAKEUPS context switches a second (about 10 per client)" between "$WAKEUPS" 1000 4000
    trace_check "once redis-benchmark is gone, the threads end: $T2 threads" at_least $((T0 + 2)) "$T2"
    if [[ -n $REDIS_LINE ]]; then
        trace_check "redis-server's thread count does not move with its clients ($RT0 -> $RT1)" trace_same "$RT0" "$RT1"
    fi
    cat <<'EOF'

    To ss, 200 clients are 200 sockets, as they would be for any server. To the JVM they are 200
    threads, each with a stack and a selector of its own: the memory grows with the clients even
    though they send nothing, and the threads wake (every 100 ms) with nothing to do. A real
    redis-server keeps one main thread for all of them and sleeps in one epoll_wait until one
    sends something; lab 7 does the same. Linux can run thousands of threads; the cost that hurts
    first is the scheduling and the lock hand-offs once they are busy (parts 2 and 5).
EOF
else
    trace_say "[skipped] needs redis-benchmark (redis-tools)."
fi
trace_stop_pid "$PID"

# --- 5. the lock profile -------------------------------------------------------------------------------

trace_section "5. async-profiler's lock profile under redis-benchmark -c 50"
if ((HAVE_TOOLS)); then
    COLLAPSED=$TRACE_TMP/lock.collapsed
    trace_step "./lab profile 5 --event lock --load redis-benchmark --connections 50 --seconds 5 --out lock.collapsed"
    trace_say "(the flame graph: the same without --out, then open target/profile/lab5-flamegraph.html)"
    "$ROOT/lab" profile 5 --event lock --load redis-benchmark --connections 50 --seconds 5 --out "$COLLAPSED" \
        >profile.out 2>&1
    PROFILE_RC=$?
    sed -e "s#$TRACE_TMP/##g" -e 's/-agentpath:[^ ]*=start/-agentpath:...=start/' profile.out | grep -v '^+ mvn' | trace_indent '    '
    ELAPSED=$(sed -n 's/^profile: .* replies in \([0-9.]*\) s .*/\1/p' profile.out)
    if [[ $PROFILE_RC == 0 && -s $COLLAPSED ]]; then
        # nanoseconds waited, by who waited: the last field of each collapsed line
        awk -v elapsed="${ELAPSED:-1}" '
            { ns = $NF; total += ns }
            /GlobalLock\.lock/ && /serveClient/ { clients += ns; next }
            /GlobalLock\.lock/ && /runCron/ { cron += ns; next }
            /GlobalLock\.lock/ && /register/ { accept += ns; next }
            /GlobalLock\.lock/ { other_lock += ns; next }
            { other += ns }
            END {
                printf "%.0f %.0f %.0f %.0f %.0f %.0f\n", total, clients, cron, accept, other_lock, other
            }' "$COLLAPSED" >lock.sums
        read -r TOTAL CLIENTS_NS CRON_NS ACCEPT_NS OTHER_LOCK_NS OTHER_NS <lock.sums
        ms() { awk -v n="$1" 'BEGIN { printf "%.0f", n / 1e6 }'; }
        trace_step "who waited, and how long in all (nanoseconds summed from lock.collapsed), over ${ELAPSED:-?} s of load"
        printf '    %-58s %10s\n' "stack that waited" "ms waited" "ThreadedServer.serveClient -> GlobalLock.lock (clients)" "$(ms "$CLIENTS_NS")" \
            "ThreadedServer.runCron -> GlobalLock.lock (the cron)" "$(ms "$CRON_NS")" \
            "ThreadedServer.register -> GlobalLock.lock (accepting)" "$(ms "$ACCEPT_NS")" \
            "anything else" "$(ms $((OTHER_LOCK_NS + OTHER_NS)))"
        AVERAGE=$(awk -v c="$CLIENTS_NS" -v e="${ELAPSED:-1}" 'BEGIN { printf "%.1f", c / 1e9 / e }')
        trace_say "" "client threads waited $(ms "$CLIENTS_NS") ms in ${ELAPSED:-?} s: on average $AVERAGE of them were queued for the lock at any moment"
        trace_step "the lock itself, the top frame of every stack (async-profiler puts the lock's class there)"
        awk '{ n = split($1, f, ";"); t = f[n]; sub(/_\[[a-z]\]$/, "", t); top[t] += $NF } END { for (t in top) printf "%s %.0f ms\n", t, top[t] / 1e6 }' "$COLLAPSED" |
            sort -t' ' -k2 -rn | trace_indent '    '
        echo
        trace_check "profile: exit status 0, no error replies" grep -q ' 0 error replies' profile.out
        trace_check "the global lock is where threads waited: $(ms $((CLIENTS_NS + CRON_NS + ACCEPT_NS + OTHER_LOCK_NS))) of $(ms "$TOTAL") ms" \
            at_least "$(awk -v l=$((CLIENTS_NS + CRON_NS + ACCEPT_NS + OTHER_LOCK_NS)) -v t="$TOTAL" 'BEGIN { printf "%d", l * 100 / (t ? t : 1) }')" 90
        trace_check "mostly the client threads, in serveClient" \
            at_least "$(awk -v c="$CLIENTS_NS" -v t="$TOTAL" 'BEGIN { printf "%d", c * 100 / (t ? t : 1) }')" 80
        trace_check "with 50 clients the lock is rarely free: threads queued for it $AVERAGE on average (at least 0.5)" \
            at_least "$(awk -v a="$AVERAGE" 'BEGIN { printf "%d", a * 10 }')" 5
        trace_check "the lock's class: ReentrantLock\$NonfairSync" grep -q 'ReentrantLock\$NonfairSync' "$COLLAPSED"
        cat <<'EOF'

    async-profiler's lock mode records every contended acquisition: the stack of the thread that
    had to wait and how long it waited, with the lock's class as the top frame. (A lock taken
    without waiting costs nothing and is not recorded.) Nearly all of it is client threads in
    serveClient, queued for GlobalLock: with 50 connections there are always several threads
    ready to run a command, and only one may. The flame graph (./lab profile 5 --event lock
    --load redis-benchmark --connections 50, then open the HTML) shows the same stacks as bars
    whose widths are the time waited.
EOF
    else
        trace_check "./lab profile 5 --event lock ran (exit status $PROFILE_RC)" false
    fi
else
    trace_say "[skipped] needs redis-benchmark (redis-tools)."
fi

# --- end -------------------------------------------------------------------------------------------

trace_checks_done "$HANDOUT"
exit
