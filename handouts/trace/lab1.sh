#!/usr/bin/env bash
#
# handouts/trace/lab1.sh: the classroom demo `./lab trace 1` runs.
#
#     bash handouts/trace/lab1.sh [REPO_ROOT]        (REPO_ROOT defaults to this file's ../..)
#
# Starts lab 1's PING server (lab1-tcp-ping/target/lab1-tcp-ping.jar) on 127.0.0.1 and a port the
# kernel picks, then shows, with annotations:
#   1. strace of the server's threads while client A is served and client B waits in the kernel's
#      accept queue (ss -ltn shows it), until A quits and the server's next accept returns B.
#   2. a packet capture on lo: the 3-way handshake, "PING\r\n" / "+PONG\r\n", the FIN exchange,
#      one command split over two segments, and three commands in one segment (with the
#      server's read()/write() calls that match them).
# Non-interactive, finishes in a few seconds (hard limit 55 s). A missing strace, tcpdump or tshark
# skips its part with the Debian package to install (exit 0). Exit 1 if the server cannot start
# or behaves differently from what the handout explains (each check prints [ok]/[UNEXPECTED]).
# Clients are plain bash /dev/tcp connections, so the exact bytes and write() boundaries are ours.
# TRACE_KEEP=1 keeps the strace logs and the .pcap (open it in Wireshark) in a temp dir.
# The handout that walks through this output: handouts/lab1-tcp-ping.md.
#
# Conditions are called through trace_wait_until/check (SC2317); the stop helpers default to the
# current PID when called without arguments (SC2119).
# shellcheck disable=SC2317,SC2119

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "${1:-$HERE/../..}" && pwd) || exit 1
# shellcheck source=common.sh
source "$HERE/common.sh"

JAR=$ROOT/lab1-tcp-ping/target/lab1-tcp-ping.jar
SYSCALLS=accept,accept4,read,recvfrom,write,sendto,close,poll

trace_init "lab 1" 55

# --- small helpers for this demo ------------------------------------------------------------------

# Checks use common.sh's trace_check and trace_same.

# The accept queue of the listening socket: for a LISTEN socket, ss's Recv-Q column is the number
# of connections the kernel has completed but the program has not accept()ed yet.
listen_queue() {
    ss -Hltn "( sport = :$PORT )" | awk '{print $2; exit}'
}

# Recv-Q (unread bytes) of the server-side socket of the connection from client port $1.
server_recvq() {
    ss -Htn state established "( sport = :$PORT and dport = :$1 )" | awk '{print $1; exit}'
}

# Send-Q (bytes sent but not acknowledged yet) and Recv-Q of the client-side socket from port $1.
client_sendq() {
    ss -Htn state established "( sport = :$1 and dport = :$PORT )" | awk '{print $2; exit}'
}
client_recvq() {
    ss -Htn state established "( sport = :$1 and dport = :$PORT )" | awk '{print $1; exit}'
}

# The client port of the newest connection in the server log ("accepted 127.0.0.1:PORT").
last_accepted_port() {
    sed -n 's/.*accepted 127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$LOG" | tail -n 1
}

# Every connection to the server port has finished closing: only the LISTEN socket and client
# sockets in TIME-WAIT (which got the server's FIN and sent the last ACK) are left.
all_closed() {
    ! ss -Htan "( sport = :$PORT or dport = :$PORT )" | grep -q -v -e '^LISTEN' -e '^TIME-WAIT'
}

# strace has logged at least $1 accept() -> EAGAIN calls (only the listening socket is accepted on).
idle_accepts_seen() {
    (($(grep -F "accept(" "$STRACE1" | grep -c EAGAIN) >= $1))
}

queue_is() { [[ $(listen_queue) == "$1" ]]; }
recvq_is() { [[ $(server_recvq "$1") == "$2" ]]; }
pi_consumed() { [[ $(client_sendq "$1") == 0 && $(server_recvq "$1") == 0 ]]; }

# HH:MM:SS.uuuuuu -> microseconds since midnight.
usec() {
    local t=$1
    echo $(((10#${t:0:2} * 3600 + 10#${t:3:2} * 60 + 10#${t:6:2}) * 1000000 + 10#${t:9:6}))
}
ms_between() {
    local a b
    a=$(usec "$1")
    b=$(usec "$2")
    awk -v d=$((b - a)) 'BEGIN { printf "%.1f", d / 1000 }'
}

# strace_clean FILE: strace -f output -> "TIME CALL" lines for socket calls and the server's log
# writes. Joins "<unfinished ...>" / "<... resumed>" halves (strace splits a call when another
# thread makes a traced call meanwhile), drops the thread id (one thread does all the socket work,
# which the script checks), and shortens the socket annotations of -yy:
#   9<TCPv6:[[::ffff:127.0.0.1]:41234->[::ffff:127.0.0.1]:50412]>  ->  9<TCPv6:[:41234->:50412]>
#   accept's {sa_family=AF_INET6, sin6_port=htons(50412), ...the rest...}  ->  {..., htons(50412), ...}
#   1</tmp/trace-lab_1.XXXXXX/server.log>  ->  1<server.log>
strace_clean() {
    awk '
        $1 ~ /^[0-9]+$/ && $2 ~ /^[0-9][0-9]:/ {
            tid = $1; time = $2
            text = $0; sub(/^[0-9]+ +[0-9:.]+ /, "", text)
            if (text ~ /<unfinished \.\.\.>$/) {
                sub(/ <unfinished \.\.\.>$/, "", text)
                pend[tid] = text; pendtime[tid] = time; next
            }
            if (text ~ /^<\.\.\. [a-z0-9_]+ resumed>/) {
                if (!(tid in pend)) next
                sub(/^<\.\.\. [a-z0-9_]+ resumed>/, "", text)
                text = pend[tid] text; time = pendtime[tid]; delete pend[tid]
            }
            if (text ~ /<TCP/ || text ~ /^write\(1<.*accepted/) print time, tid, text
        }' "$1" |
        sed -E \
            -e 's/\[::ffff:127\.0\.0\.1\]//g' \
            -e 's/\{sa_family=AF_INET6?, sin6?_port=(htons\([0-9]+\)), [^}]*\}/{sa_family=..., sin6_port=\1, ...}/' \
            -e 's/1<[^>]*server\.log>/1<server.log>/'
}


# idle_sample CALL FD_TEXT: prints the first "CALL -> EAGAIN, CALL -> EAGAIN, poll -> Timeout"
# cycle on the socket whose annotation contains FD_TEXT, from the cleaned strace log $CLEAN1.
idle_sample() {
    awk -v call="$1(" -v fd="$2" '
        { time[NR] = $1; text[NR] = $0; sub(/^[^ ]+ [^ ]+ /, "", text[NR]) }
        function is(i, c) { return index(text[i], c) == 1 && text[i] ~ /EAGAIN|Timeout/ }
        END {
            for (i = 1; i + 2 <= NR; i++) {
                if (is(i, call) && index(text[i], fd) && is(i + 1, call) && is(i + 2, "poll(")) {
                    for (j = i; j <= i + 2; j++) printf "    %s %s\n", time[j], text[j]
                    exit
                }
            }
        }' "$CLEAN1" | cut -c1-160
}

# --- start ------------------------------------------------------------------------------------

trace_section "Lab 1 trace: a blocking, single-threaded TCP server, seen from the kernel"
trace_say "Repository: $ROOT" "Server jar: $JAR"
LOG=$TRACE_TMP/server.log
trace_start_lab "$JAR" "$LOG" # sets PORT and PID
trace_say "pid $PID, listening on 127.0.0.1:$PORT (--port 0: the kernel picked a free port)." \
    "The script sent one PING to check it answers; that is the first 'accepted' line in its log:"
trace_indent '      | ' <"$LOG"

# --- 1. strace: accept queue ------------------------------------------------------------------

trace_section "1. strace: one client is served, the next one waits in the kernel's accept queue"
STRACE1=$TRACE_TMP/strace-accept-queue.txt
TRACED=0
if trace_have strace strace; then
    trace_is_root || trace_say "(not root: attaching strace to a process usually needs root; trying anyway)"
    trace_step "attach: strace -f -tt -yy -e trace=$SYSCALLS -p $PID"
    if trace_strace_start "$PID" "$STRACE1" "$SYSCALLS"; then
        TRACED=1
        # Let strace record the idle server for a moment: wait until it has seen accept() -> EAGAIN
        # on the listening socket three times (at least one full 100 ms poll cycle).
        trace_wait_until 3 "strace to show the idle accept loop" idle_accepts_seen 3
        trace_say "attached to all threads of the JVM (-f). The clients below are bash /dev/tcp sockets."
    else
        trace_say "[skipped] strace could not attach: run as root (sudo ./lab trace 1). The clients still run."
    fi
else
    trace_say "The clients still run; only the system-call view is missing."
fi

trace_step "client A connects and sends \"PING\\r\\n\""
trace_mark '@ client A: connect(), send "PING\r\n"'
if ! trace_connect A "$PORT"; then
    echo "    cannot connect to 127.0.0.1:$PORT" >&2
    exit 1
fi
trace_send "$A" 'PING\r\n'
trace_read_line "$A" 5 reply
trace_mark "@ client A: got \"$reply\\r\\n\""
A_PORT=$(last_accepted_port)
trace_say "A (client port $A_PORT) got $(trace_show_bytes "$reply"). The server thread is now inside A's" \
    "request loop: read, run, write, read again... until A leaves."
trace_check "A got +PONG" trace_same "$reply" "+PONG"

trace_step "client B connects while A is still connected, and sends \"PING\\r\\n\""
B_CONNECT_TIME=$(trace_now)
trace_mark '@ client B: connect(), send "PING\r\n"'
if trace_connect B "$PORT"; then B_OK=0; else B_OK=1; fi
trace_check "B's connect() succeeded at once, although the server is busy with A" trace_same "$B_OK" 0
trace_send "$B" 'PING\r\n'
B_PORT=$(ss -Htn state established "( dport = :$PORT )" | awk -v a="$A_PORT" '{ n = split($3, p, ":"); if (p[n] != a) { print p[n]; exit } }')
# Wait until the kernel has queued B (listen Recv-Q 1) and B's 6 bytes sit in B's socket.
trace_wait_until 3 "B in the accept queue" queue_is 1
trace_wait_until 3 "B's PING in its receive buffer" recvq_is "$B_PORT" 6
trace_mark "@ ss: listen socket Recv-Q = $(listen_queue) (B is queued); B's socket holds $(server_recvq "$B_PORT") unread bytes"
trace_say "The kernel answered B's SYN and completed the handshake by itself. B is in the listen" \
    "socket's accept queue; accept() has not been called for it. ss shows it:"
printf '\n    $ ss -ltn "sport = :%s"        # LISTEN: Recv-Q = connections waiting for accept()\n' "$PORT"
ss -ltn "( sport = :$PORT )" | trace_indent '    '
printf '\n    $ ss -tn "sport = :%s"         # the server side of each connection\n' "$PORT"
ss -tn "( sport = :$PORT )" | awk -v a=":$A_PORT" -v b=":$B_PORT" '
    { note = "" }
    index($0, b " ") || $0 ~ b "$" { note = "   <- B: accepted by the kernel only; its PING is unread (Recv-Q)" }
    index($0, a " ") || $0 ~ a "$" { note = "   <- A: the client being served" }
    { print "    " $0 note }'
trace_check "the listen socket's Recv-Q is 1: B waits in the accept queue" trace_same "$(listen_queue)" 1
trace_check "B's 6 bytes (PING\\r\\n) wait unread in B's socket" trace_same "$(server_recvq "$B_PORT")" 6

trace_step "B waits for a reply (1 s)"
trace_read_line "$B" 1 reply
B_WAIT_RC=$?
trace_mark "@ client B: still no reply after 1 s"
trace_check "B got no reply while A is connected" trace_same "$B_WAIT_RC" 2

trace_step "client A sends \"QUIT\\r\\n\" and leaves"
trace_mark '@ client A: send "QUIT\r\n"'
trace_send "$A" 'QUIT\r\n'
trace_read_line "$A" 5 reply
trace_read_line "$A" 5 eof
A_EOF_RC=$?
trace_mark "@ client A: got \"$reply\\r\\n\", then end of stream (the server closed); A closes"
trace_close "$A"
trace_check "A got +OK, then the server closed the connection" test "$reply" = "+OK" -a "$A_EOF_RC" = 1

trace_step "B's reply arrives"
trace_read_line "$B" 5 reply
trace_mark "@ client B: got \"$reply\\r\\n\""
B_REPLY_TIME=$(trace_now)
trace_say "B got $(trace_show_bytes "$reply"), $(ms_between "$B_CONNECT_TIME" "$B_REPLY_TIME") ms after it connected."
trace_check "B got +PONG once A had left" trace_same "$reply" "+PONG"
trace_mark '@ client B: send "QUIT\r\n"'
trace_send "$B" 'QUIT\r\n'
trace_read_line "$B" 5 reply
trace_read_line "$B" 5 eof
trace_close "$B"
trace_wait_until 5 "both connections to finish closing" all_closed

trace_say "" "The server's log (one line per accepted connection):"
trace_indent '      | ' <"$LOG"

if ((TRACED)); then
    trace_strace_stop
    CLEAN1=$TRACE_TMP/strace-accept-queue.clean
    strace_clean "$STRACE1" >"$CLEAN1"
    SERVER_TIDS=$(awk '/<TCP/ {print $2}' "$CLEAN1" | sort -u | paste -sd' ')
    trace_step "what strace saw (syscalls: $SYSCALLS)"
fi
if ((TRACED)) && ! grep -q '<TCP' "$STRACE1"; then
    # strace -yy names sockets through the kernel's sock_diag netlink interface; some containers
    # block it and strace prints 9<socket:[123456]> instead. Show the raw calls, skip the checks.
    trace_say "strace could not decode the sockets' addresses (-yy needs sock_diag; blocked here?)." \
        "The raw socket calls, idle EAGAIN/Timeout lines left out:"
    grep -E '<socket:\[|accepted' "$STRACE1" | grep -v -e EAGAIN -e Timeout | cut -c1-160 | head -n 60 | trace_indent
    TRACED=0
fi
if ((TRACED)); then
    trace_say "Socket calls came from thread(s): $SERVER_TIDS -- one thread does all the socket work." \
        "First, the server idling. Raw strace lines, the listening socket first (then A's socket):"
    echo
    idle_sample accept "<TCPv6:[:$PORT]>"
    echo
    idle_sample read ":$A_PORT]>"
    cat <<'EOF'

    Java's "blocking" accept() and read() do not block inside the kernel here. BlockingServer sets
    a 100 ms socket timeout (SO_TIMEOUT, its cron interval, like Redis's hz 10), and with a timeout
    the JDK's socket code (NioSocketImpl, Java 13+) puts the socket in non-blocking mode and waits
    in poll(): try accept()/read() -> EAGAIN ("nothing yet"), poll(fd, 100 ms) -> Timeout, try
    again -> EAGAIN, throw SocketTimeoutException; our loop runs the cron and calls again. So an
    idle server makes about 3 syscalls every 100 ms. Without a timeout you would see one accept()
    or read() call that sleeps in the kernel until a client arrives. Also note: the JDK calls
    accept and read/write, not accept4 or recvfrom/sendto, and its sockets are dual-stack IPv6
    (TCPv6, with our IPv4 clients shown as ::ffff:127.0.0.1).
EOF
    trace_step "the whole story, strace lines merged with the clients' actions (@) by time"
    trace_say "Idle runs (EAGAIN / poll Timeout) are folded into one '...' line. Shortened: the" \
        "[::ffff:127.0.0.1] addresses, accept's sockaddr. strace -tt stamps a call when it STARTS," \
        "so a poll() that waited shows the time it began waiting."
    echo
    { cut -d' ' -f1,3- "$CLEAN1"; cat "$TRACE_MARKS"; } | sort -s -k1,1 |
        awk -v a=":$A_PORT]" -v b=":$B_PORT]" -v lp="[:$PORT]" '
            function flush() {
                if (idle > 0) {
                    who = (idlefd ~ /->/) ? (index(idlefd, a) ? "for A to send more" : "for B to send more") : "for a new connection"
                    printf "    %-15s ... %d x (poll 100 ms -> Timeout, EAGAIN): waiting %s\n", idlestart, idle, who
                }
                idle = 0
            }
            {
                time = $1; rest = substr($0, length($1) + 2)
                if (rest ~ /EAGAIN|= 0 \(Timeout\)/) {
                    if (idle == 0) { idlestart = time; idlefd = rest }
                    if (rest ~ /^poll/) idle++
                    next
                }
                flush()
                tag = ""
                if (index(rest, a)) tag = "   # A"
                else if (index(rest, b)) tag = "   # B"
                if (rest ~ /^accept\(/ && rest ~ /\) = [0-9]/) tag = tag " <- accept returns a new connection"
                if (rest ~ /^@/) printf "    %-15s %s\n", time, rest
                else printf "    %-15s   %s%s\n", time, rest, tag
            }
            END { flush() }'
    echo
    # Checks on the timeline.
    ACCEPTS=$(grep -cE ' accept\(.*\) = [0-9]+<' "$CLEAN1")
    B_ACCEPT=$(grep -E " accept\(.*\) = [0-9]+<TCP.*:$B_PORT\]" "$CLEAN1" | head -n 1 | cut -d' ' -f1)
    A_CLOSE=$(grep -E " close\([0-9]+<TCP.*:$A_PORT\]" "$CLEAN1" | head -n 1 | cut -d' ' -f1)
    B_MARK=$(grep -m1 '@ client B: connect' "$TRACE_MARKS" | cut -d' ' -f1)
    trace_check "strace saw exactly 2 accepted connections (A and B)" trace_same "$ACCEPTS" 2
    trace_check "all socket calls came from one thread" trace_same "$(echo "$SERVER_TIDS" | wc -w)" 1
    if [[ -n $B_ACCEPT && -n $A_CLOSE && -n $B_MARK ]]; then
        trace_check "the accept() that returned B came after close() of A's socket" test "$(usec "$B_ACCEPT")" -ge "$(usec "$A_CLOSE")"
        NEXT_AFTER_CLOSE=$(grep -A1 -E " close\([0-9]+<TCP.*:$A_PORT\]" "$CLEAN1" | sed -n 2p)
        trace_check "the very next socket call after close(A) was the accept() of B (no EAGAIN, no poll)" \
            grep -qE "^$B_ACCEPT [0-9]+ accept\(" <<<"$NEXT_AFTER_CLOSE"
        trace_say "B connected at $B_MARK; the server closed A at $A_CLOSE and its next accept() returned B" \
            "at $B_ACCEPT: $(ms_between "$A_CLOSE" "$B_ACCEPT") ms after closing A, $(ms_between "$B_MARK" "$B_ACCEPT") ms after B had connected." \
            "B was already in the queue, so the first accept() try succeeded: no poll() needed."
    else
        trace_check "strace shows close(A) and the accept() of B" false
    fi
fi
cat <<'EOF'

    What happened: connect() returns as soon as the KERNEL has done the 3-way handshake, and the
    kernel does that for a listening socket without asking the program. Finished connections wait
    in the listen socket's accept queue (ss: Recv-Q; the limit, the backlog, is Send-Q = 50), and
    bytes a queued client sends wait in its socket's receive buffer. Our single thread only calls
    accept() again after it has finished with A. Real Redis is also single-threaded but never
    waits on one client: its event loop (ae.c, epoll) asks the kernel which sockets are ready and
    serves all of them in turn. Lab 7 gets there.
EOF

# --- 2. packets ---------------------------------------------------------------------------------

trace_section "2. the bytes on the wire: handshake, PING/+PONG, FIN; TCP is a byte stream"
PCAP=$TRACE_TMP/lab1.pcap
CAPTURED=0
if TOOL=$(trace_capture_tool); then
    trace_is_root || trace_say "(not root: capturing packets needs root or CAP_NET_RAW; trying anyway)"
    trace_step "capture: $TOOL on lo, filter \"tcp port $PORT\""
    if trace_capture_start lo "tcp port $PORT" "$PCAP"; then
        CAPTURED=1
    else
        trace_say "[skipped] the capture needs root: run sudo ./lab trace 1. The clients still run."
    fi
fi
STRACE2=$TRACE_TMP/strace-framing.txt
TRACED2=0
if command -v strace >/dev/null 2>&1 && trace_strace_start "$PID" "$STRACE2" read,write 2>/dev/null; then
    TRACED2=1
    trace_say "(strace attached again, read/write only, to show the server's side of the byte stream)"
fi

trace_step "connection 1: connect, send \"PING\\r\\n\", read the reply, close"
if ! trace_connect C "$PORT"; then
    echo "    cannot connect to 127.0.0.1:$PORT" >&2
    exit 1
fi
trace_send "$C" 'PING\r\n'
trace_read_line "$C" 5 reply
C1_PORT=$(last_accepted_port)
trace_close "$C"
trace_wait_until 5 "connection 1 to finish closing" all_closed
trace_check "connection 1 (client port $C1_PORT): +PONG, then closed" trace_same "$reply" "+PONG"

trace_step "connection 2: send \"PI\" ... then \"NG\\r\\n\": one command in two segments"
trace_connect C "$PORT" || exit 1
trace_send "$C" 'PI'
C2_PORT=$(ss -Htn state established "( dport = :$PORT )" | awk '{ n = split($3, p, ":"); print p[n]; exit }')
# Observable: the server's kernel acknowledged the 2 bytes (client Send-Q 0) and the server read
# them (its socket's Recv-Q 0). Only then send the rest, so the halves are separate reads.
trace_wait_until 5 "the server to read \"PI\"" pi_consumed "$C2_PORT"
trace_say "the server has read \"PI\" (its socket's Recv-Q is 0 again) and sent nothing" \
    "(bytes waiting at the client: $(client_recvq "$C2_PORT")): no \\n yet, so no complete command."
trace_check "no reply to half a command" trace_same "$(client_recvq "$C2_PORT")" 0
trace_send "$C" 'NG\r\n'
trace_read_line "$C" 5 reply
trace_check "\"PI\" + \"NG\\r\\n\" is one PING: +PONG" trace_same "$reply" "+PONG"

trace_step "connection 2: three commands in ONE write: \"PING\\r\\nECHO hello\\r\\nPING\\r\\n\""
trace_send "$C" 'PING\r\nECHO hello\r\nPING\r\n'
replies=()
for _ in 1 2 3 4; do
    trace_read_line "$C" 5 line
    replies+=("$line")
done
printf -v joined '%s\r\n' "${replies[@]}"
trace_say "replies, read line by line: $(trace_show_bytes "$joined")"
trace_check "three replies in order: +PONG, \$5 hello, +PONG" trace_same "${replies[*]}" "+PONG \$5 hello +PONG"

trace_step "connection 2: \"QUIT\\r\\n\": the server replies +OK and closes first"
trace_send "$C" 'QUIT\r\n'
trace_read_line "$C" 5 reply
trace_read_line "$C" 5 eof
EOF_RC=$?
trace_close "$C"
trace_check "+OK, then the server closed" test "$reply" = "+OK" -a "$EOF_RC" = 1
trace_wait_until 5 "connection 2 to finish closing" all_closed

# The capture has everything once it holds 4 FINs (2 per connection) and the ACK after the last.
capture_complete() {
    trace_pcap_summary "$PCAP" | awk '/Flags \[F|FIN/ { f++; last = NR } END { exit !(f >= 4 && NR > last) }'
}

if ((TRACED2)); then
    trace_strace_stop
    if ! grep -q '<TCP' "$STRACE2"; then
        TRACED2=0
        trace_say "(strace could not decode the sockets' addresses: no read/write view of connection 2)"
    fi
fi
if ((CAPTURED)); then
    trace_wait_until 3 "the last ACK in the capture" capture_complete
    trace_capture_stop
    trace_step "the packets (seq:ack are relative: byte offsets in each direction)"
    if command -v tshark >/dev/null 2>&1; then
        tshark -r "$PCAP" -Y tcp -T fields -E separator=/t \
            -e frame.time_relative -e tcp.srcport -e tcp.dstport -e tcp.flags -e tcp.seq -e tcp.ack \
            -e tcp.len -e tcp.payload 2>/dev/null |
            awk -F'\t' -v srv="$PORT" '
                function hexval(c) { return index("0123456789abcdef", tolower(c)) - 1 }
                function num(h,   i, v) { v = 0; for (i = 1; i <= length(h); i++) v = v * 16 + hexval(substr(h, i, 1)); return v }
                function decode(h,   i, b, out) {
                    gsub(/:/, "", h); out = ""
                    for (i = 1; i < length(h); i += 2) {
                        b = hexval(substr(h, i, 1)) * 16 + hexval(substr(h, i + 1, 1))
                        if (b == 13) out = out "\\r"; else if (b == 10) out = out "\\n"
                        else if (b >= 32 && b < 127) out = out sprintf("%c", b)
                        else out = out sprintf("\\x%02x", b)
                    }
                    return out
                }
                function flags(h,   v, s) {
                    v = num(substr(h, 3)); s = ""
                    if (int(v / 2) % 2) s = s ",SYN"
                    if (v % 2) s = s ",FIN"
                    if (int(v / 4) % 2) s = s ",RST"
                    if (int(v / 8) % 2) s = s ",PSH"
                    if (int(v / 16) % 2) s = s ",ACK"
                    return substr(s, 2)
                }
                {
                    t = $1; sp = $2; dp = $3; fl = flags($4); cport = (sp == srv) ? dp : sp
                    if (!(cport in conn)) {
                        conn[cport] = ++nconn; start[cport] = t; state[cport] = 0
                        printf "\n    connection %d (client port %s)\n", nconn, cport
                        printf "    %8s  %-17s %-12s %9s %4s  %s\n", "ms", "direction", "flags", "seq:ack", "len", "payload / meaning"
                    }
                    dir = (sp == srv) ? "server -> client" : "client -> server"
                    note = ""
                    if (fl == "SYN") { note = "handshake 1/3: client asks to connect"; state[cport] = 1 }
                    else if (fl == "SYN,ACK") { note = "handshake 2/3: the server KERNEL answers"; state[cport] = 2 }
                    else if (state[cport] == 2 && fl == "ACK" && $7 == 0) { note = "handshake 3/3: connected (queued for accept)"; state[cport] = 3 }
                    else if ($7 > 0) note = "\"" decode($8) "\""
                    else if (fl ~ /FIN/) note = (sp == srv) ? "server: no more data from me" : "client: no more data from me"
                    else note = "(ack: got everything before byte " $6 ")"
                    printf "    %8.3f  %-17s %-12s %9s %4d  %s\n", (t - start[cport]) * 1000, dir, fl, $5 ":" $6, $7, note
                }'
    else
        trace_say "(tshark is not installed: tcpdump's summary lines, TCP options cut; the payloads are in" \
            " the strace view below. sudo apt-get install tshark for a decoded table.)"
        tcpdump -nn -r "$PCAP" tcp 2>/dev/null | sed -E 's/, options \[[^]]*\]//' | trace_indent '    '
    fi
    cat <<'EOF'

    Handshake: SYN, SYN+ACK, ACK, all done by the kernels before the server calls accept().
    Each data segment is acknowledged (ack = next byte expected); PSH marks "deliver now".
    Closing takes a FIN from each side, each ACKed: connection 1 is closed by the client first,
    connection 2 by the server (after QUIT). Segments carry bytes, not messages: "PING\r\n"
    arrived as "PI" + "NG\r\n", and three commands rode in one 24-byte segment.
EOF
fi
if ((TRACED2)); then
    trace_step "the same bytes as the server read them (strace, connection 2)"
    strace_clean "$STRACE2" | grep -F ":$C2_PORT]" | grep -v EAGAIN | cut -d' ' -f1,3- |
        awk '{
            call = $2; note = ""
            if (call ~ /^read\(/) {
                s = $0; n = gsub(/\\n/, "", s)
                if ($NF == 0) note = "<- 0 bytes: the client closed"
                else if (n == 0) note = "<- half a command: no \\n, nothing to run yet"
                else if (n == 1) note = "<- completes 1 command"
                else note = "<- " n " commands in one read"
            } else if (call ~ /^write\(/) note = "<- all replies of that read, one write"
            printf "    %-15s %s   %s\n", $1, substr($0, length($1) + 2), note
        }'
    READS=$(strace_clean "$STRACE2" | grep -F ":$C2_PORT]" | grep -cE ' read\(.*"(PI|NG\\r\\n)", ')
    trace_check "the server got \"PI\" and \"NG\\r\\n\" in two separate reads" trace_same "$READS" 2
    trace_check "one read returned all three commands (24 bytes)" grep -qE ' read\(.*ECHO hello.*\) = 24$' <(strace_clean "$STRACE2")
    trace_check "one write sent all three replies (25 bytes)" grep -qE ' write\(.*hello.*, 25\) = 25$' <(strace_clean "$STRACE2")
fi
cat <<'EOF'

    TCP delivers a byte stream: one read() may return half a command or several commands. The
    server keeps unread bytes in its query buffer (QueryBuffer), runs every complete command it
    finds (InlineFramer: a command ends at \n), and sends all their replies in one write. Redis
    does the same: networking.c, readQueryFromClient -> processInputBuffer.
EOF

# --- end ----------------------------------------------------------------------------------------

trace_section "Done"
trace_stop_pid "$PID"
if ((TRACE_FAILURES > 0)); then
    trace_say "$TRACE_FAILURES check(s) did not go as the handout explains: see [UNEXPECTED] above."
    exit 1
fi
trace_say "All checks passed. Handout: handouts/lab1-tcp-ping.md"
exit 0
