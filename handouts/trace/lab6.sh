#!/usr/bin/env bash
#
# handouts/trace/lab6.sh: the classroom demo `./lab trace 6` runs.
#
#     bash handouts/trace/lab6.sh [REPO_ROOT]        (REPO_ROOT defaults to this file's ../..)
#
# Starts lab 6's server (lab6-lists-sets/target/lab6-lists-sets.jar) on 127.0.0.1, on a port the
# kernel picks, with no persistence, and, if installed, a real redis-server on a free port. Then,
# with annotations:
#   1. A blocking pop on the wire. tcpdump (or tshark) on lo while one redis-cli runs BLPOP jobs 0
#      and waits, and another runs LPUSH jobs x: the BLPOP request, nothing at all on its
#      connection while it waits, then the LPUSH, its :1 reply and the *2 jobs x reply on the
#      blocked connection, decoded by tshark's RESP dissector (lab 6's two threads write the two
#      replies in either order). The same against the real Redis, which always writes the
#      blocked client's reply first.
#   2. The blocked client in system calls. strace -f on the JVM while a client is blocked: its
#      thread reads nothing and writes nothing while it waits (it only returns from epoll_wait
#      once per cron interval, 100 ms, and finds nothing to read); then the push: the pusher's
#      thread writes its own reply and wakes the blocked client's thread with a write to that
#      thread's selector's eventfd, whose epoll_wait returns; it then writes the BLPOP reply.
#   3. The encodings and their memory. The same five values (a small list, a long list, a set of
#      small integers, a small set of short strings, a large set) in both servers: OBJECT
#      ENCODING side by side and Redis's MEMORY USAGE; then lab 6's memory report,
#      bench.MemoryVsRedis --quick (JOL's bytes per key next to Redis's used_memory and MEMORY
#      USAGE for the same datasets, and JOL's footprint of the small values).
# Non-interactive, about 30 s on a 2-core machine (hard limit 170 s). Packet capture and strace
# need root: without it parts 1 and 2 are skipped; a missing tcpdump/tshark, strace, redis-cli or
# redis-server skips what needs it, printing the Debian package (exit 0). Exit 1 if the server
# cannot start or behaves differently from what the handout explains (each check prints
# [ok]/[UNEXPECTED]). TRACE_KEEP=1 keeps the capture files and the strace logs.
# The handout that walks through this output: handouts/lab6-lists-sets.md.

# Functions called through trace_check/trace_wait_until look unreachable to shellcheck; '$...'
# strings are RESP bytes or awk programs, not variables.
# shellcheck disable=SC2317,SC2016

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "${1:-$HERE/../..}" && pwd) || exit 1
# shellcheck source=common.sh
source "$HERE/common.sh"

JAR=$ROOT/lab6-lists-sets/target/lab6-lists-sets.jar
HANDOUT=handouts/lab6-lists-sets.md

trace_init "lab 6" 170

# --- small helpers for this demo ----------------------------------------------------------------

at_least() { (($1 >= $2)); }
between() { (($1 >= $2 && $1 <= $3)); }

# thread_name TID: the name Linux keeps for one of the server's threads (client-N, ...).
thread_name() { cat "/proc/$PID/task/$1/comm" 2>/dev/null || echo "(ended)"; }

# ask FD REQUEST: sends one inline request (a printf format, e.g. 'INFO clients\r\n') and sets
# REPLY to the first reply line, without its \r\n.
ask() {
    trace_send "$1" "$2"
    trace_read_line "$1" 5 REPLY
}

# read_bulk FD: reads one bulk string reply ($<len>\r\n<payload>\r\n), the payload to stdout.
read_bulk() {
    local header payload
    trace_read_line "$1" 5 header || return 1
    header=${header#\$}
    [[ $header =~ ^[0-9]+$ ]] || return 1
    IFS= read -r -N "$((header + 2))" -t 5 -u "$1" payload
    printf '%s' "${payload%$'\r\n'}"
}

# info_field FD FIELD: the value of one INFO clients field, e.g. blocked_clients.
info_field() {
    trace_send "$1" 'INFO clients\r\n'
    read_bulk "$1" | tr -d '\r' | sed -n "s/^$2:\\(.*\\)/\\1/p"
}

# blocked FD N: true when the server on FD counts N blocked clients (INFO clients).
blocked() { [[ $(info_field "$1" blocked_clients) == "$2" ]]; }

# local_port PORT: the client-side port of the one established connection to PORT.
local_port() {
    ss -Htn state established "( dport = :$1 )" 2>/dev/null | awk '{ n = split($3, a, ":"); print a[n]; exit }'
}

# seconds HH:MM:SS.uuuuuu: seconds since midnight (for comparing strace -tt times).
seconds() { awk -v t="$1" 'BEGIN { split(t, h, ":"); printf "%.6f", h[1] * 3600 + h[2] * 60 + h[3] }'; }

# packets PCAP PORT: one line per TCP packet to or from PORT: the connection (tshark's
# tcp.stream), ms since the capture's first such packet, who sent it, the TCP flags, the payload
# length and the payload as escaped text; a gap of more than half a second is a line of its own.
packets() {
    printf '    %4s %9s  %-7s %-12s %5s  %s\n' conn ms from flags bytes payload
    tshark -r "$1" -Y "tcp.port == $2" -T fields -E separator=/t \
        -e tcp.stream -e frame.time_relative -e tcp.srcport -e tcp.flags.str -e tcp.len -e tcp.payload 2>/dev/null |
        awk -F'\t' -v port="$2" "$TRACE_AWK_ESCAPE"'
            function flag_names(s,   out, i, c) {
                gsub(/[^A-Z]/, "", s)
                out = ""
                for (i = 1; i <= length(s); i++) {
                    c = substr(s, i, 1)
                    if (c == "S") c = "SYN"; else if (c == "F") c = "FIN"; else if (c == "R") c = "RST"
                    else if (c == "P") c = "PSH"; else if (c == "A") c = "ACK"
                    out = (out == "") ? c : c "," out
                }
                return out
            }
            {
                if (NR == 1) t0 = $2
                ms = ($2 - t0) * 1000
                if (NR > 1 && ms - last > 500) printf "    %4s %9s  (nothing for %.0f ms)\n", "", "", ms - last
                last = ms
                text = ($5 > 0) ? "\"" trace_escape($6) "\"" : ""
                line = sprintf("    %4s %9.3f  %-7s %-12s %5d  %s", $1, ms, ($3 == port) ? "server" : "client", flag_names($4), $5, text)
                sub(/ +$/, "", line)
                print line
            }'
}

# shorten: strace -yy's loopback addresses cut: 16<TCPv6:[[::ffff:127.0.0.1]:41234->[::ffff:127.0.0.1]:50412]>
# becomes 16<TCP:[:41234->:50412]>.
shorten() {
    sed -E -e 's/\[::ffff:127\.0\.0\.1\]//g' -e 's/<TCPv6:\[/<TCP:[/g' \
        -e 's/<TCP:\[127\.0\.0\.1:([0-9]*)->127\.0\.0\.1:([0-9]*)\]>/<TCP:[:\1->:\2]>/g' \
        -e 's/, u64=[0-9]*\}/}/g'
}

# name_tids: prefixes each strace line (TID first) with the thread's name: "client-7  12:00:01.2 ..."
name_tids() {
    local tid rest
    while read -r tid rest; do
        printf '%-10s %s\n' "$(thread_name "$tid")" "$rest"
    done
}

# --- the servers ----------------------------------------------------------------------------------

if ! trace_have java default-jre-headless || ! trace_have ss iproute2; then
    exit 1
fi
cd "$TRACE_TMP" || exit 1
trace_section "Lab 6 trace: a blocked client on the wire and in system calls, and what the encodings cost"
trace_say "Repository: $ROOT" "Server jar: $JAR"
trace_step "start the server: java -jar lab6-lists-sets.jar --bind 127.0.0.1 --port 0 --save \"\" --appendonly no"
if ! trace_start_jar "$JAR" 0 "$TRACE_TMP/server.log" --save "" --appendonly no; then
    exit 1
fi
PORT=$TRACE_SERVER_PORT
PID=$TRACE_SERVER_PID
trace_say "pid $PID, port $PORT"

CTL=""
# CTL: this script's own connection to lab 6, for INFO and OBJECT ENCODING; left out of the capture.
trace_connect CTL "$PORT" || exit 1
CTL_PORT=$(local_port "$PORT")
# A fresh JVM loads a command's classes and interprets its code the first time it runs: warm the
# list commands up once, so that the timings below are the server's, not the class loader's.
for warm in 'RPUSH warm a b\r\n' 'BLPOP warm 0\r\n' 'LPUSH warm c\r\n' 'DEL warm\r\n'; do
    ask "$CTL" "$warm"
    [[ $REPLY == \** ]] && for _ in 1 2 3 4; do trace_read_line "$CTL" 5 REPLY; done
done

RPORT="" RCTL="" RCTL_PORT="" REDIS_NAME=Redis
if trace_have redis-server redis-server; then
    RPORT=$(trace_free_port)
    trace_step "start a real Redis: redis-server --port $RPORT --bind 127.0.0.1 --save \"\" --appendonly no"
    redis-server --port "$RPORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$TRACE_TMP" >redis.log 2>&1 &
    RPID=$!
    trace_on_exit "trace_stop_pid $RPID"
    if trace_wait_until 10 "redis-server to answer PING" trace_ping "$RPORT" && trace_connect RCTL "$RPORT"; then
        RCTL_PORT=$(local_port "$RPORT")
        REDIS_NAME="Redis $(redis-server --version | sed -n 's/.* v=\([0-9.]*\).*/\1/p')"
        trace_say "pid $RPID, $REDIS_NAME"
    else
        trace_say "[skipped] redis-server did not start; the comparisons are left out."
        RPORT=""
    fi
fi

HAVE_CLI=0
trace_have redis-cli redis-tools && HAVE_CLI=1
HAVE_TSHARK=0
RESP_DISSECTOR=0
if command -v tshark >/dev/null 2>&1; then
    HAVE_TSHARK=1
    trace_tshark_knows resp && RESP_DISSECTOR=1
fi

# --- 1. BLPOP on the wire -------------------------------------------------------------------------

# blpop_capture SERVER_PORT CTL_FD CTL_PORT NAME: captures, into NAME.pcap, one redis-cli running
# BLPOP jobs 0 on SERVER_PORT, a 1.5 s wait once the server counts it blocked, then another
# redis-cli's LPUSH jobs x. Sets CLI_B (what BLPOP's redis-cli printed), CLI_A (LPUSH's) and
# BLOCKED_SEEN (1 if INFO counted the blocked client). Returns 1 if the capture could not start.
blpop_capture() {
    local port=$1 ctl=$2 ctl_port=$3 name=$4 b_pid
    CLI_A="" CLI_B="" BLOCKED_SEEN=0
    trace_capture_start lo "tcp port $port and not tcp port $ctl_port" "$name.pcap" || return 1
    redis-cli -p "$port" BLPOP jobs 0 >"$name.b.out" 2>&1 &
    b_pid=$!
    trace_on_exit "trace_stop_pid $b_pid"
    trace_wait_until 10 "INFO clients to count a blocked client" blocked "$ctl" 1 && BLOCKED_SEEN=1
    sleep 1.5 # a measuring window, not a wait for something: nothing should happen in it
    CLI_A=$(redis-cli -p "$port" LPUSH jobs x 2>&1)
    trace_wait_until 5 "BLPOP's redis-cli to print its reply and exit" _trace_gone "$b_pid"
    CLI_B=$(tr '\n' ' ' <"$name.b.out")
    CLI_B=${CLI_B% }
    # both redis-cli have closed their connections: 4 FINs (client's and server's, twice)
    fins() { (($(trace_pcap_summary "$name.pcap" | grep -c 'Flags \[F') >= 4)); }
    trace_wait_until 5 "both connections to close in the capture" fins
    trace_capture_stop
}

# blpop_frames PCAP PORT: one line, "BLPOP_FRAME LPUSH_FRAME ONE_FRAME REPLY_FRAME WAIT_PACKETS
# WAIT_DATA GAP_MS": the frames of the BLPOP request, the LPUSH request, its :1 reply and the BLPOP
# reply; packets on the BLPOP connection between its request and the LPUSH (and those carrying
# bytes); the time, ms, from the BLPOP request to the LPUSH request. 0 for what is missing.
blpop_frames() {
    tshark -r "$1" -Y "tcp.port == $2" -T fields -E separator=/t \
        -e frame.number -e tcp.stream -e frame.time_relative -e tcp.srcport -e tcp.len -e tcp.payload 2>/dev/null |
        awk -F'\t' -v port="$2" '
            { frame[NR] = $1; stream[NR] = $2; t[NR] = $3; len[NR] = $5; p = $6; gsub(/:/, "", p) }
            $4 != port && p ~ /^2a330d0a24350d0a424c504f50/ { fb = $1; sb = $2; tb = $3 }         # *3 $5 BLPOP
            $4 != port && p ~ /^2a330d0a24350d0a4c50555348/ { fl = $1; sl = $2; tl = $3 }         # *3 $5 LPUSH
            $4 == port && p == "3a310d0a" { fo = $1 }                                              # :1
            $4 == port && p ~ /^2a320d0a24340d0a6a6f62730d0a24310d0a780d0a$/ { fr = $1 }           # *2 $4 jobs $1 x
            END {
                for (i = 1; i <= NR; i++)
                    if (fb && fl && stream[i] == sb && frame[i] > fb && frame[i] < fl) { n++; if (len[i] > 0) d++ }
                printf "%d %d %d %d %d %d %.0f\n", fb, fl, fo, fr, n, d, (fl && fb) ? (tl - tb) * 1000 : 0
            }'
}

trace_section "1. BLPOP on the wire: a client waits, another pushes"
if ((HAVE_CLI)) && TOOL=$(trace_capture_tool); then
    trace_step "capture: $TOOL on lo, filter \"tcp port $PORT\" (this script's own connection left out), into blpop.pcap"
    if blpop_capture "$PORT" "$CTL" "$CTL_PORT" blpop; then
        trace_step "two redis-cli, so two connections:"
        trace_say "\$ redis-cli -p $PORT BLPOP jobs 0        # waits: 0 = no timeout" \
            "(the script waits until INFO clients says blocked_clients:1, then 1.5 s more)" \
            "\$ redis-cli -p $PORT LPUSH jobs x" \
            "$CLI_A" \
            "... and the first redis-cli prints its reply and exits:" \
            "$CLI_B"
        if ((HAVE_TSHARK)); then
            trace_step "the packets (conn 0: BLPOP's redis-cli, conn 1: LPUSH's; ms since the first packet)"
            packets blpop.pcap "$PORT"
            read -r F_BLPOP F_LPUSH F_ONE F_REPLY WAIT_PACKETS WAIT_DATA GAP_MS <<<"$(blpop_frames blpop.pcap "$PORT")"
            if ((RESP_DISSECTOR)); then
                trace_step "tshark -r blpop.pcap -d tcp.port==$PORT,resp -Y resp   (the RESP dissector)"
                tshark -r blpop.pcap -d "tcp.port==$PORT,resp" -Y resp 2>/dev/null |
                    sed -E 's/127\.0\.0\.1 → 127\.0\.0\.1 +//' | trace_indent '    '
            fi
            echo
            trace_check "redis-cli printed BLPOP's reply, the key and the element: $CLI_B" trace_same "$CLI_B" "jobs x"
            trace_check "and LPUSH's, the list's new length: $CLI_A" trace_same "$CLI_A" "1"
            trace_check "INFO clients counted the waiting client (blocked_clients:1)" trace_same "$BLOCKED_SEEN" 1
            trace_check "while it waited (${GAP_MS} ms), its connection carried no bytes ($WAIT_DATA packets with data, $WAIT_PACKETS in all: the kernel's ACK)" \
                test "$F_BLPOP" -gt 0 -a "$F_LPUSH" -gt 0 -a "$WAIT_DATA" -eq 0 -a "$WAIT_PACKETS" -le 1
            trace_check "the LPUSH request (frame $F_LPUSH) came before both replies (:1 frame $F_ONE, *2 jobs x frame $F_REPLY)" \
                test "$F_LPUSH" -gt 0 -a "$F_ONE" -gt "$F_LPUSH" -a "$F_REPLY" -gt "$F_LPUSH"
            if ((F_ONE > 0 && F_REPLY > 0)); then
                if ((F_ONE < F_REPLY)); then OURS="the pusher's :1 first, then the blocked client's reply"; else OURS="the blocked client's reply first, then the pusher's :1"; fi
                trace_say "" "lab 6 sent $OURS (two threads: either may write first)"
            fi
        else
            trace_say "[skipped] reading the capture needs tshark: sudo apt-get install tshark"
        fi
        cat <<'EOF'

    BLPOP's request goes out and then its connection is silent: no reply, no keep-alive, no
    polling by the client; redis-cli sits in read(). The server keeps the client in a list of
    clients blocked on the key "jobs". LPUSH on another connection makes the list non-empty and,
    in the same atomic step, serves the first client waiting on it: the element is popped for it
    (so the list is empty again) and its reply, *2 $4 jobs $1 x (an array: the key, then the
    element), goes out on the connection that was waiting. LPUSH's own reply is :1, the length
    right after the push.
EOF
        if [[ -n $RPORT ]]; then
            trace_step "the same against the real Redis (port $RPORT)"
            if blpop_capture "$RPORT" "$RCTL" "$RCTL_PORT" redis && ((HAVE_TSHARK)); then
                read -r _ R_LPUSH R_ONE R_REPLY _ R_WAIT_DATA R_GAP_MS <<<"$(blpop_frames redis.pcap "$RPORT")"
                if ((RESP_DISSECTOR)); then
                    tshark -r redis.pcap -d "tcp.port==$RPORT,resp" -Y resp 2>/dev/null |
                        sed -E 's/127\.0\.0\.1 → 127\.0\.0\.1 +//' | trace_indent '    '
                else
                    trace_pcap_packets redis.pcap "$RPORT" "tcp.len > 0" | sed 's/^    //' | trace_indent '    '
                fi
                echo
                trace_check "Redis: the same replies ($CLI_B / $CLI_A) and the same silence while waiting ($R_WAIT_DATA packets with data in ${R_GAP_MS} ms)" \
                    test "$CLI_B/$CLI_A/$R_WAIT_DATA" = "jobs x/1/0"
                trace_check "Redis wrote the blocked client's reply (frame $R_REPLY) before LPUSH's :1 (frame $R_ONE)" \
                    test "$R_REPLY" -gt "$R_LPUSH" -a "$R_ONE" -gt "$R_REPLY"
                cat <<'EOF'

    Redis runs both clients on one thread. LPUSH's :1 goes into the pusher's reply buffer, then,
    right after the command (processCommand -> handleClientsBlockedOnKeys), the blocked client is
    served and its reply goes into its buffer. Neither is written yet: each client with a reply
    is put at the head of a list of clients to write (networking.c, prepareClientToWrite:
    server.clients_pending_write), and before its next epoll_wait the event loop writes that
    list from the head, so the client served last is written first. Both orders are correct: the
    two replies go to different connections, and a client sees only its own.
EOF
            else
                trace_say "[skipped] the capture against Redis did not start."
            fi
        fi
    else
        trace_say "[skipped] capturing needs root (or CAP_NET_RAW): sudo ./lab trace 6"
    fi
else
    trace_say "[skipped] needs redis-cli (redis-tools) and tcpdump or tshark."
fi

# --- 2. the blocked client in system calls ---------------------------------------------------------

trace_section "2. strace: what a blocked client's thread does while it waits, and how a push wakes it"
FD_A="" FD_B=""
if trace_have strace strace; then
    LOG2=$TRACE_TMP/blocked.strace
    CALLS2=epoll_wait,read,write
    trace_step "attach: strace -f -tt -yy -e trace=$CALLS2 -p $PID"
    if trace_strace_start "$PID" "$LOG2" "$CALLS2"; then
        trace_step "client B (bash /dev/tcp) sends BLPOP jobs 0; the script waits until INFO counts it blocked"
        trace_connect FD_B "$PORT" && trace_send "$FD_B" '*3\r\n$5\r\nBLPOP\r\n$4\r\njobs\r\n$1\r\n0\r\n'
        trace_wait_until 10 "INFO clients to count a blocked client" blocked "$CTL" 1
        WAIT_FROM=$(trace_now)
        sleep 1 # a measuring window, not a wait for something: what does B's thread do in a second?
        WAIT_TO=$(trace_now)
        trace_step "one second later, client A connects and sends LPUSH jobs x"
        trace_connect FD_A "$PORT" && trace_send "$FD_A" '*3\r\n$5\r\nLPUSH\r\n$4\r\njobs\r\n$1\r\nx\r\n'
        trace_read_line "$FD_A" 5 REPLY_A
        B_REPLY="" line=""
        trace_read_line "$FD_B" 5 line && B_REPLY="$line\\r\\n"
        if [[ $line == "*2" ]]; then
            for _ in 1 2 3 4; do
                trace_read_line "$FD_B" 5 line && B_REPLY+="$line\\r\\n"
            done
        fi
        trace_say "A reads ${REPLY_A:-?}   B reads $B_REPLY"
        trace_wait_until 5 "the BLPOP reply's write in the strace log" trace_log_has "$LOG2" 'write\(.*"\*2\\r\\n\$4\\r\\njobs'
        trace_strace_stop
        shorten <"$LOG2" >blocked.raw
        trace_strace_join blocked.raw >blocked.lines
        # the same, with each epoll_wait that another thread's call split in two saying when it
        # returned as well as when it began
        awk '
            $1 ~ /^[0-9]+$/ && / <unfinished \.\.\.>$/ { l = $0; sub(/ <unfinished \.\.\.>$/, "", l); began[$1] = l; next }
            $1 ~ /^[0-9]+$/ && $3 ~ /^<\.\.\.$/ {
                if (!($1 in began)) next
                rest = $0; sub(/^[^<]*<\.\.\. [a-z0-9_]+ resumed> ?/, "", rest)
                l = began[$1] rest; delete began[$1]
                if (l ~ /epoll_wait\(/) l = l "   (returned " $2 ")"
                print l; next
            }
            { print }' blocked.raw >blocked.waits
        B_TID=$(awk '/read\(.*"\*3\\r\\n\$5\\r\\nBLPOP/ { print $1; exit }' blocked.lines)
        A_TID=$(awk '/read\(.*"\*3\\r\\n\$5\\r\\nLPUSH/ { print $1; exit }' blocked.lines)
        B_FD=$(awk -v t="$B_TID" '$1 == t && /BLPOP/ { s = $3; sub(/^read\(/, "", s); sub(/<.*/, "", s); print s; exit }' blocked.lines)
        A_FD=$(awk -v t="$A_TID" '$1 == t && /LPUSH/ { s = $3; sub(/^read\(/, "", s); sub(/<.*/, "", s); print s; exit }' blocked.lines)
        S_FROM=$(seconds "$WAIT_FROM")
        S_TO=$(seconds "$WAIT_TO")
        # B's thread in the window: epoll_waits that returned nothing, reads that found nothing,
        # reads that returned bytes, writes
        read -r W_EPOLL W_EMPTY W_READ W_WRITE <<<"$(awk -v t="${B_TID:-none}" -v a="$S_FROM" -v b="$S_TO" '
            $1 != t { next }
            { split($2, h, ":"); s = h[1] * 3600 + h[2] * 60 + h[3] }
            s < a || s > b { next }
            /epoll_wait\(.*\) = 0$/ { e++ }
            /read\(.*EAGAIN/ { n++; next }
            /read\(.*\) = [1-9]/ { r++ }
            /write\(/ { w++ }
            END { print e + 0, n + 0, r + 0, w + 0 }' blocked.lines)"
        trace_step "client B's thread ($(thread_name "${B_TID:-0}"), TID ${B_TID:-?}): its request, then the one second it waited"
        awk -v t="${B_TID:-none}" -v a="$S_FROM" '
            $1 != t { next }
            { split($2, h, ":"); s = h[1] * 3600 + h[2] * 60 + h[3] }
            /BLPOP/ { print; shown = 1; next }
            shown && s >= a && n < 6 { print; n++ }' blocked.lines | name_tids | trace_indent '    '
        trace_say "... $W_EPOLL epoll_wait timeouts in the $(awk -v a="$S_FROM" -v b="$S_TO" 'BEGIN { printf "%.2f", b - a }') s, each followed by a read that found nothing"
        trace_step "the push: A's thread and B's thread from A's LPUSH on (B's socket $B_FD, A's socket $A_FD; each call on one line, with the time it began)"
        awk -v a="${A_TID:-none}" -v b="${B_TID:-none}" '
            ($1 == a || $1 == b) && /LPUSH/ { go = 1 }
            go && ($1 == a || $1 == b) && !/epoll_wait\(.*\) = 0$/ { print; if (++n == 16 || ($1 == b && /write\(.*jobs/)) exit }' blocked.waits |
            name_tids | trace_indent '    '
        # the wake-up: A's write to an eventfd, the epoll_wait of B's that returns it, B's reply
        EFD=$(awk -v a="${A_TID:-none}" '$1 == a && /write\([0-9]+<anon_inode:\[eventfd\]>/ { s = $3; sub(/^write\(/, "", s); sub(/<.*/, "", s); print s; exit }' blocked.raw)
        read -r L_EFD L_WAKE L_REPLY WOKEN_BY <<<"$(awk -v a="${A_TID:-none}" -v b="${B_TID:-none}" -v efd="${EFD:-none}" '
            $1 == a && !le && index($0, "write(" efd "<anon_inode:[eventfd]>") { le = NR; next }
            $1 == b && le && !lw && /epoll_wait|epoll_wait resumed/ && /\) = [0-9]+$/ { lw = NR; if (index($0, "u32=" efd "}")) by = 1; next }
            $1 == b && lw && !lr && /write\(.*jobs/ { lr = NR }
            END { print le + 0, lw + 0, lr + 0, by + 0 }' blocked.raw)"
        B_WRITES_A=$(awk -v t="${B_TID:-none}" -v fd="${A_FD:-none}" '$1 == t && index($0, "write(" fd "<")' blocked.lines | wc -l)
        OTHERS_ON_B=$(awk -v t="${B_TID:-none}" -v fd="${B_FD:-none}" '$1 != t && index($0, "write(" fd "<TCP")' blocked.lines | wc -l)
        LATENCY=$(awk -v a="${A_TID:-none}" -v b="${B_TID:-none}" -v efd="${EFD:-none}" '
            { split($2, h, ":"); s = h[1] * 3600 + h[2] * 60 + h[3] }
            $1 == a && !x && index($0, "write(" efd "<anon_inode:[eventfd]>") { x = s }
            $1 == b && x && /write\(.*jobs/ { printf "%.1f", (s - x) * 1000; exit }' blocked.lines)
        echo
        trace_check "B's thread (TID ${B_TID:-?}) read the BLPOP, then in 1 s of waiting read no bytes and wrote none ($W_READ reads with data, $W_WRITE writes)" \
            test -n "$B_TID" -a "$W_READ" -eq 0 -a "$W_WRITE" -eq 0
        trace_check "it returned from epoll_wait only at the cron interval: $W_EPOLL timeouts of 100 ms in 1 s, each with a read that found nothing ($W_EMPTY EAGAIN)" \
            test "$W_EPOLL" -ge 5 -a "$W_EPOLL" -le 12 -a "$W_EMPTY" -ge "$((W_EPOLL - 1))" -a "$W_EMPTY" -le "$((W_EPOLL + 1))"
        trace_check "A's thread (TID ${A_TID:-?}) read LPUSH and wrote its own reply, :1, on its own socket" \
            grep -qE "^${A_TID:-none} .*write\\(${A_FD:-none}<TCP.*\":1\\\\r\\\\n\"" blocked.lines
        trace_check "A's thread woke B's: a write of 1 to an eventfd (fd ${EFD:-?}), B's selector's, which only B's thread waits on" \
            test -n "$EFD" -a "$WOKEN_BY" -eq 1
        trace_check "B's epoll_wait returned after that write, with the eventfd ready (u32=${EFD:-?}), then B's thread wrote the reply" \
            test "$L_EFD" -gt 0 -a "$L_WAKE" -gt "$L_EFD" -a "$L_REPLY" -gt "$L_WAKE"
        trace_check "only B's thread wrote on B's socket ($OTHERS_ON_B writes by other threads), and it did not touch A's ($B_WRITES_A)" \
            test "$OTHERS_ON_B" -eq 0 -a "$B_WRITES_A" -eq 0
        trace_check "B received *2 \$4 jobs \$1 x: $B_REPLY" trace_same "$B_REPLY" '*2\r\n$4\r\njobs\r\n$1\r\nx\r\n'
        trace_say "" "(${LATENCY:-?} ms from A's eventfd write to B's reply write, under strace)"
        cat <<'EOF'

    While B is blocked its thread holds no lock and runs no command: the server only remembers,
    under the global lock, that B waits on "jobs". The thread sleeps in epoll_wait on B's own
    selector. Not a sleep for ever, though: lab 5's clientLoop waits at most one cron
    interval (hz 10: 100 ms), then tries a read, which finds nothing (EAGAIN), exactly as any
    idle client's thread does. Ten wake-ups a second per blocked client; lab 7's event loop
    removes even that: one epoll_wait over every socket, with a timeout only as long as the
    nearest timer (a BLPOP's timeout, the cron).
    The push: A's thread runs LPUSH under the lock; the list has a waiting client, so in the
    same step it pops the element for B, appends B's reply to B's reply buffer and calls
    B's Client.requestWrite(), which Connection wired to selector.wakeup(): the JDK writes 1 to
    the selector's eventfd. A's thread never writes to B's socket. B's epoll_wait returns with
    the eventfd ready; B's thread drains it (read of 8 bytes), tries its socket (EAGAIN: B sent
    nothing new), takes the lock, takes its replies and writes them on its own socket.
EOF
    else
        trace_say "[skipped] strace could not attach (try as root: sudo ./lab trace 6)."
    fi
fi
[[ -n $FD_A ]] && trace_close "$FD_A"
[[ -n $FD_B ]] && trace_close "$FD_B"
# --- 3. the encodings and their memory ---------------------------------------------------------------

# The five values, the same in both servers: the first key of each dataset of lab 6's memory
# measurement (bench.MemoryVsRedis --quick, whose sizes are the full run's divided by 100), so the
# live OBJECT ENCODING and MEMORY USAGE below describe the values it measures.
BIG=10000
CASES=(list:1 biglist iset:1 sset:1 bigset)
declare -A WHAT=(
    [list:1]="RPUSH list:1 item-1 .. item-5"
    [biglist]="RPUSH biglist element:1 .. element:$BIG"
    [iset:1]="SADD iset:1 101 201 301 401 501"
    [sset:1]="SADD sset:1 member-1 .. member-5"
    [bigset]="SADD bigset member:1 .. member:$BIG"
)
declare -A CASE_NAME=([list:1]="small list" [biglist]="long list" [iset:1]="set of integers" [sset:1]="small set of strings" [bigset]="large set")
# Redis 7.2's names, which lab 6 follows. Redis 7.0 calls a small list quicklist (a quicklist of
# one listpack node) and a small set of strings hashtable (it has no listpack sets).
declare -A EXPECT_OURS=([list:1]=listpack [biglist]=quicklist [iset:1]=intset [sset:1]=listpack [bigset]=hashtable)

# values_resp: the five writes, as RESP requests (a bulk length counts bytes).
values_resp() {
    awk -v big="$BIG" '
        function cmd(n, args,   i) {
            printf "*%d\r\n", n
            for (i = 1; i <= n; i++) printf "$%d\r\n%s\r\n", length(args[i]), args[i]
        }
        function range(name, key, prefix, from, count, step,   a, i) {
            a[1] = name; a[2] = key
            for (i = 1; i <= count; i++) a[i + 2] = prefix (from + (i - 1) * step)
            cmd(count + 2, a)
        }
        BEGIN {
            range("RPUSH", "list:1", "item-", 1, 5, 1)
            range("RPUSH", "biglist", "element:", 1, big, 1)
            range("SADD", "iset:1", "", 101, 5, 100)
            range("SADD", "sset:1", "member-", 1, 5, 1)
            range("SADD", "bigset", "member:", 1, big, 1)
        }'
}

# load FD: writes the five values on FD and reads the five replies; true if all are integers.
load() {
    local i ok=0 reply
    cat values.resp >&"$1"
    for ((i = 0; i < 5; i++)); do
        trace_read_line "$1" 10 reply && [[ $reply == :* ]] && ok=$((ok + 1))
    done
    ((ok == 5))
}

# bulk_or_line FD REQUEST: sends an inline request and prints its reply: a bulk string's payload,
# or the line itself (:n, -ERR ...).
bulk_or_line() {
    ask "$1" "$2" || return 1
    if [[ $REPLY == \$* && $REPLY != '$-1' ]]; then
        trace_read_line "$1" 5 REPLY
    fi
    printf '%s' "$REPLY"
}

trace_section "3. The encodings: OBJECT ENCODING and bytes, lab 6 next to Redis"
values_resp >values.resp
trace_step "the same five values in both servers ($(wc -c <values.resp) bytes of RESP, written at once)"
for k in "${CASES[@]}"; do trace_say "${WHAT[$k]}"; done
LOADED=0
load "$CTL" && LOADED=1
R_LOADED=0
[[ -n $RCTL ]] && load "$RCTL" && R_LOADED=1
declare -A OURS_ENC REDIS_ENC REDIS_BYTES
for k in "${CASES[@]}"; do
    OURS_ENC[$k]=$(bulk_or_line "$CTL" "OBJECT ENCODING $k\\r\\n")
    if ((R_LOADED)); then
        REDIS_ENC[$k]=$(bulk_or_line "$RCTL" "OBJECT ENCODING $k\\r\\n")
        REDIS_BYTES[$k]=$(bulk_or_line "$RCTL" "MEMORY USAGE $k SAMPLES 0\\r\\n")
        REDIS_BYTES[$k]=${REDIS_BYTES[$k]#:}
    fi
done
trace_step "OBJECT ENCODING key in both, and Redis's MEMORY USAGE key SAMPLES 0 (bytes: the value and its key's entry)"
printf '\n    %-8s %-22s %-12s %-14s %14s\n' key value "lab 6" "$REDIS_NAME" "MEMORY USAGE"
for k in "${CASES[@]}"; do
    printf '    %-8s %-22s %-12s %-14s %14s\n' "$k" "${CASE_NAME[$k]}" "${OURS_ENC[$k]:-?}" "${REDIS_ENC[$k]:--}" "${REDIS_BYTES[$k]:--}"
done
echo
trace_check "lab 6 took the five values (five integer replies)" trace_same "$LOADED" 1
for k in "${CASES[@]}"; do
    trace_check "lab 6: OBJECT ENCODING $k is ${EXPECT_OURS[$k]} (Redis 7.2's name for a ${CASE_NAME[$k]})" \
        trace_same "${OURS_ENC[$k]}" "${EXPECT_OURS[$k]}"
done
if ((R_LOADED)); then
    AGREE=""
    for k in biglist iset:1 bigset; do
        [[ ${REDIS_ENC[$k]} == "${OURS_ENC[$k]}" ]] && AGREE+="$k "
    done
    trace_check "$REDIS_NAME agrees on biglist, iset:1 and bigset (for list:1 it says ${REDIS_ENC[list:1]}, for sset:1 ${REDIS_ENC[sset:1]})" \
        trace_same "$AGREE" "biglist iset:1 bigset "
fi
cat <<'EOF'

    A small list is one listpack: every element packed into one byte array, each with a header
    of its length and a trailer for walking backwards. A long list is a quicklist: a
    doubly linked list of listpacks, each at most 8 KB (list-max-listpack-size -2), so a push
    at either end touches one small array. A set of integers is an intset: a sorted array of
    2-, 4- or 8-byte integers, the narrowest that fits, searched by bisection. A small set of
    short strings is a listpack too, searched linearly; past 128 members or a 64-byte member,
    a hash table. Redis 7.0.15 calls the small list a quicklist (of one listpack node) and has
    no listpack sets: 7.2 added them, and lab 6 follows 7.2's scheme.
EOF

M6=$ROOT/lab6-lists-sets/target
if [[ -n $RPORT && -f $M6/bench-classpath.txt && -d $M6/test-classes/dev/redisfromscratch/bench ]]; then
    trace_step "lab 6's bytes: bench.MemoryVsRedis --quick (JOL deep sizes; used_memory and MEMORY USAGE of a redis-server it starts)"
    trace_say "(./lab bench 6 --memory --quick runs the same; without --quick, 100 times the data: docs/measurements/lab6.md)"
    java -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true -Dsun.stdout.encoding=UTF-8 \
        -cp "$M6/test-classes:$M6/classes:$(cat "$M6/bench-classpath.txt")" \
        dev.redisfromscratch.bench.MemoryVsRedis --quick >memory.out 2>memory.err
    MEMORY_RC=$?
    # the markdown rows, as fields: dataset, ours encoding, bytes/key, keyspace, value objects,
    # packed, Redis encoding, used_memory/key, MEMORY USAGE/key, ratio
    sed 's/×/x/g' memory.out | awk -F' *\\| *' '/^\| [0-9one]/ { gsub(/,/, "", $4); gsub(/,/, "", $5); gsub(/,/, "", $6); gsub(/,/, "", $7); gsub(/,/, "", $9); gsub(/,/, "", $10)
        print $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 "\t" $7 "\t" $8 "\t" $9 "\t" $10 "\t" $11 }' >memory.rows
    echo
    printf '    %-45s %-10s %9s %9s %9s %9s   %9s %9s %6s\n' dataset "lab 6" "B/key" keyspace "objects" packed "used/key" "USAGE" ratio
    while IFS=$'\t' read -r d enc per ks vo pk _ rused rusage ratio; do
        printf '    %-45s %-10s %9.0f %9.0f %9.0f %9.0f   %9.0f %9.0f %6s\n' "$d" "$enc" "$per" "$ks" "$vo" "$pk" "$rused" "$rusage" "$ratio"
    done <memory.rows
    ROWS=$(wc -l <memory.rows)
    # the report builds its values as RPUSH and SADD do: its encodings must be the server's
    REPORT_ENC=$(cut -f2 memory.rows | tr '\n' ' ')
    SERVER_ENC="${OURS_ENC[list:1]} ${OURS_ENC[iset:1]} ${OURS_ENC[sset:1]} ${OURS_ENC[biglist]} ${OURS_ENC[bigset]} "
    cat <<'EOF'

    B/key: lab 6's bytes per key by JOL, the store's growth divided by the keys; it is
    keyspace (Dict node, Key, the key's byte[], bucket slot) + objects (the value's objects:
    ListValue, quicklist nodes, hash-table entries) + packed (the primitive arrays inside:
    listpacks, intsets, members' bytes). used/key: Redis's used_memory growth per key while it
    loaded the same data; USAGE: the mean of MEMORY USAGE key SAMPLES 0 (objectComputeSize:
    the robj, the encoding's allocations, the key's dictEntry and sds). ratio: B/key over
    used/key; the issue's target is 1.5x for the three small-collection datasets.
EOF
    trace_step "where lab 6's bytes go: JOL's footprint of the values of 10 keys of each small dataset (the report prints it)"
    sed 's/×/x/g' memory.out | awk '
        /JOL footprint of the values/ { n++; show = (n <= 3); if (show) print ""; }
        /^JVM:/ { show = 0 }
        show && NF' | sed 's/ (JOL footprint of the values):/:/' | trace_indent '    '
    cat <<'EOF'

    [B is a byte[] (16-byte header, then the bytes, padded to 8): a small list is its ListValue
    (24 bytes) and one byte[], the listpack; a set of integers a SetValue, an IntSet and one
    byte[] of 2-byte slots; a small set of strings a SetValue and one byte[], a listpack of
    its members. EncodingLimits is shared by every list (counted once).
EOF
    SMALL_LIST_RATIO=$(awk -F'\t' 'NR == 1 { print $10 + 0 }' memory.rows)
    SMALL_SET_RATIO=$(awk -F'\t' 'NR == 3 { print $10 + 0 }' memory.rows)
    echo
    trace_check "bench.MemoryVsRedis --quick ran (exit status $MEMORY_RC) and measured the 5 datasets ($ROWS rows)" \
        test "$MEMORY_RC" -eq 0 -a "$ROWS" -eq 5
    trace_check "it builds values as the commands do: its encodings ($REPORT_ENC) are the server's ($SERVER_ENC)" \
        trace_same "$REPORT_ENC" "$SERVER_ENC"
    trace_check "a small list and a small set of strings take fewer bytes per key in lab 6 than in $REDIS_NAME (one listpack against a quicklist node or a hash table): ${SMALL_LIST_RATIO:-?}x, ${SMALL_SET_RATIO:-?}x" \
        awk -v a="${SMALL_LIST_RATIO:-9}" -v b="${SMALL_SET_RATIO:-9}" 'BEGIN { exit !(a < 1 && b < 1) }'
    if ((MEMORY_RC != 0)); then
        trace_indent '      | ' <memory.err | tail -n 20
    fi
else
    trace_say "[skipped] lab 6's bytes (bench.MemoryVsRedis) need a running redis-server and lab 6's test classes (./lab test 6 or ./lab run 6 builds them)."
fi

trace_checks_done "$HANDOUT"
exit
