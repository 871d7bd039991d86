# shellcheck shell=bash
#
# handouts/trace/common.sh: shell helpers shared by the classroom trace scripts
# (handouts/trace/labN.sh, run by `./lab trace N`).
#
# Source it; it defines functions and sets no shell options:
#
#     source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
#     trace_init "lab 2"               # temp dir, cleanup on exit, 55 s deadline
#     trace_have strace strace || ...  # tool check: prints the Debian package if missing
#     trace_start_jar "$ROOT/lab2-datastore/target/lab2-datastore.jar" 0 "$TRACE_TMP/server.log"
#     echo "server pid $TRACE_SERVER_PID on port $TRACE_SERVER_PORT"
#
# Conventions:
#   - Everything runs on 127.0.0.1. Servers are started with --port 0 (the kernel picks a free port)
#     or a port from trace_free_port.
#   - Every wait is bounded and polls something observable (a log line, a reply, a socket state);
#     none of these helpers sleeps "long enough" and hopes.
#   - Background processes (servers, strace, captures) are stopped by the EXIT trap that trace_init
#     installs, also when the script fails or is interrupted. They are stopped by their PID only.
#   - Functions return non-zero on failure and print why; they never exit the calling script.
#   - Set TRACE_KEEP=1 to keep the temp dir (strace logs, .pcap files) after the script ends.
#
# Needs bash >= 5 (EPOCHREALTIME), coreutils, iproute2 (ss) and, for the parts that use them,
# strace, tcpdump or tshark, and java.

# --- set-up and clean-up ------------------------------------------------------------------------

# trace_init LABEL [DEADLINE_SECONDS]
#   Creates the temp dir $TRACE_TMP, installs the EXIT/INT/TERM traps that run the cleanups
#   (see trace_on_exit), and starts a watchdog that stops the script after DEADLINE_SECONDS
#   (default 55), so a demo can never hang a classroom. Sets LC_ALL=C (stable tool output, '.' as
#   the decimal point in timestamps) and $TRACE_MARKS (the file trace_mark appends to).
trace_init() {
    local label=$1 deadline=${2:-55}
    export LC_ALL=C
    TRACE_LABEL=$label
    TRACE_TMP=$(mktemp -d "${TMPDIR:-/tmp}/trace-${label// /_}.XXXXXX") || return 1
    TRACE_MARKS=$TRACE_TMP/marks.txt
    : >"$TRACE_MARKS"
    TRACE_CLEANUPS=()
    trap '_trace_cleanup' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    # The watchdog: a subshell that sleeps, then sends TERM to this script ($$ is the script's PID
    # in the subshell too). Cleanup stops it (and its sleep) first.
    (
        trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
        sleep "$deadline" &
        sleeper=$!
        if wait "$sleeper"; then
            echo "[$label] deadline of ${deadline} s reached: stopping." >&2
            kill -TERM $$
        fi
    ) &
    trace_on_exit "kill $! 2>/dev/null"
}

# trace_on_exit COMMAND
#   Registers COMMAND (a string, run with eval) to run when the script exits. Cleanups run last
#   registered, first run.
trace_on_exit() {
    TRACE_CLEANUPS+=("$1")
}

_trace_cleanup() {
    local rc=$? i
    trap - EXIT INT TERM
    for ((i = ${#TRACE_CLEANUPS[@]} - 1; i >= 0; i--)); do
        eval "${TRACE_CLEANUPS[i]}" || true
    done
    if [[ -n ${TRACE_TMP:-} && -d $TRACE_TMP ]]; then
        if [[ ${TRACE_KEEP:-0} == 1 ]]; then
            echo "[${TRACE_LABEL:-trace}] files kept in $TRACE_TMP"
        else
            rm -rf -- "$TRACE_TMP"
        fi
    fi
    exit "$rc"
}

# --- printing -----------------------------------------------------------------------------------

# trace_section TITLE
#   Prints a section header.
trace_section() {
    local rule='=================================================================================='
    printf '\n%s\n %s\n%s\n' "$rule" "$1" "$rule"
}

# trace_step TEXT...
#   Prints one action of the demo ("--> client A connects").
trace_step() {
    printf '\n--> %s\n' "$*"
}

# trace_say LINE...
#   Prints each LINE as explanation text, indented under the current step ("" = empty line).
trace_say() {
    local line
    for line in "$@"; do
        if [[ -n $line ]]; then printf '    %s\n' "$line"; else echo; fi
    done
}

# trace_indent [PREFIX]
#   Copies stdin to stdout with each line indented (default four spaces).
trace_indent() {
    local prefix=${1:-'    '} line
    while IFS= read -r line || [[ -n $line ]]; do
        printf '%s%s\n' "$prefix" "$line"
    done
}

# trace_show_bytes STRING
#   Prints STRING in double quotes with CR, LF and TAB written as \r, \n, \t.
trace_show_bytes() {
    local s=$1
    s=${s//$'\r'/\\r}
    s=${s//$'\n'/\\n}
    s=${s//$'\t'/\\t}
    printf '"%s"' "$s"
}

# trace_now
#   Prints the wall-clock time as HH:MM:SS.uuuuuu, the format of `strace -tt`, so client-side
#   events can be merged into a strace timeline with sort.
trace_now() {
    local t=$EPOCHREALTIME
    printf '%(%H:%M:%S)T.%s\n' "${t%.*}" "${t#*.}"
}

# trace_mark TEXT...
#   Appends "HH:MM:SS.uuuuuu TEXT" to $TRACE_MARKS: a client-side event for a merged timeline.
#   Take the mark BEFORE an action (send, connect) and AFTER an observation (a reply arrived).
trace_mark() {
    printf '%s %s\n' "$(trace_now)" "$*" >>"$TRACE_MARKS"
}

# --- tools --------------------------------------------------------------------------------------

# trace_have TOOL DEBIAN_PACKAGE
#   Returns 0 if TOOL is on the PATH. Otherwise prints which Debian/Ubuntu package installs it
#   and returns 1; the caller skips the part that needs it.
trace_have() {
    if command -v "$1" >/dev/null 2>&1; then
        return 0
    fi
    printf '    [skipped] %s is not installed. On Debian/Ubuntu: sudo apt-get install %s\n' "$1" "$2"
    return 1
}

# trace_is_root
#   Returns 0 when running as root (packet capture and attaching strace usually need it).
trace_is_root() {
    [[ $EUID -eq 0 ]]
}

# --- waiting ------------------------------------------------------------------------------------

# trace_wait_until TIMEOUT_SECONDS DESCRIPTION COMMAND [ARGS...]
#   Runs COMMAND every 20 ms until it succeeds (returns 0) or TIMEOUT_SECONDS (may be a decimal)
#   pass (prints "timed out waiting for DESCRIPTION" and returns 1). COMMAND should test something
#   observable: a log line, a socket state, a reply.
trace_wait_until() {
    local timeout=$1 what=$2
    shift 2
    local now=${EPOCHREALTIME/./}
    local secs=${timeout%.*} frac=${timeout#*.}
    [[ $timeout == *.* ]] || frac=0
    frac=${frac}000000
    local end=$((now + 10#${secs:-0} * 1000000 + 10#${frac:0:6}))
    while ! "$@"; do
        if ((${EPOCHREALTIME/./} >= end)); then
            printf '    timed out after %s s waiting for %s\n' "$timeout" "$what" >&2
            return 1
        fi
        sleep 0.02
    done
}

# trace_log_has FILE PATTERN
#   Returns 0 if FILE exists and a line matches the extended regex PATTERN (for trace_wait_until).
trace_log_has() {
    [[ -f $1 ]] && grep -Eq -- "$2" "$1"
}

# --- ports and servers --------------------------------------------------------------------------

# trace_free_port
#   Prints a TCP port on which nothing listens or is connected right now (for tools that need a
#   number, e.g. a real redis-server). Another program could still take it before you bind; lab
#   servers should prefer --port 0, which trace_start_jar supports.
trace_free_port() {
    local p i
    for ((i = 0; i < 200; i++)); do
        p=$((20000 + RANDOM % 30000))
        if [[ -z $(ss -Htan "( sport = :$p )" 2>/dev/null) ]]; then
            echo "$p"
            return 0
        fi
    done
    echo "no free port found" >&2
    return 1
}

# trace_start_jar JAR PORT LOGFILE [EXTRA_ARGS...]
#   Starts `java -jar JAR --bind 127.0.0.1 --port PORT EXTRA_ARGS` in the background (stdout and
#   stderr to LOGFILE) and waits, at most 30 s, until it answers: first its "listening on
#   HOST:PORT" line (every lab server prints it, see ServerLauncher), then an inline PING that
#   must get +PONG. PORT 0 lets the kernel choose a free port. Sets TRACE_SERVER_PID and
#   TRACE_SERVER_PORT (the real port, read from the log). The server is stopped on exit; stop it
#   earlier with trace_stop_pid "$TRACE_SERVER_PID". Note the readiness PING is one accepted
#   connection in the server's log. The JVM is ${JAVA:-java}.
trace_start_jar() {
    local jar=$1 port=$2 log=$3
    shift 3
    if [[ ! -f $jar ]]; then
        echo "    $jar does not exist: build the labs first (mvn -q -o install)." >&2
        return 1
    fi
    "${JAVA:-java}" -jar "$jar" --bind 127.0.0.1 --port "$port" "$@" >"$log" 2>&1 &
    TRACE_SERVER_PID=$!
    trace_on_exit "trace_stop_pid $TRACE_SERVER_PID"
    if ! trace_wait_until 30 "the server's 'listening on' line" _trace_listening_or_dead "$log" "$TRACE_SERVER_PID" ||
        ! kill -0 "$TRACE_SERVER_PID" 2>/dev/null || ! trace_log_has "$log" ' listening on '; then
        echo "    the server did not start. Its output:" >&2
        trace_indent '      | ' <"$log" >&2
        return 1
    fi
    TRACE_SERVER_PORT=$(sed -n 's/.* listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
    if ! trace_wait_until 10 "+PONG from 127.0.0.1:$TRACE_SERVER_PORT" trace_ping "$TRACE_SERVER_PORT"; then
        echo "    the server listens but does not answer PING. Its output:" >&2
        trace_indent '      | ' <"$log" >&2
        return 1
    fi
}

_trace_listening_or_dead() {
    trace_log_has "$1" ' listening on ' || ! kill -0 "$2" 2>/dev/null
}

# trace_ping PORT
#   Connects to 127.0.0.1:PORT, sends the inline command PING and returns 0 if the reply line is
#   +PONG (waits at most 2 s).
trace_ping() {
    local fd reply
    trace_connect fd "$1" 2>/dev/null || return 1
    trace_send "$fd" 'PING\r\n'
    trace_read_line "$fd" 2 reply
    trace_close "$fd"
    [[ $reply == "+PONG" ]]
}

# trace_stop_pid PID [TIMEOUT_SECONDS]
#   Sends TERM to PID (a process this script started), waits up to TIMEOUT_SECONDS (default 5)
#   for it to exit, then sends KILL. Safe to call twice or for a process that already exited.
trace_stop_pid() {
    local pid=$1 timeout=${2:-5}
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    if ! trace_wait_until "$timeout" "process $pid to exit" _trace_gone "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    return 0
}

_trace_gone() {
    ! kill -0 "$1" 2>/dev/null
}

# --- clients (bash /dev/tcp: exact bytes, no client library in the way) -----------------------

# trace_connect VAR PORT
#   Opens a TCP connection to 127.0.0.1:PORT and stores its file descriptor number in VAR.
#   Returns non-zero if the connection is refused. Note: processes started afterwards inherit
#   the descriptor; start long-running helpers (strace, captures) before connecting clients.
trace_connect() {
    local _fd
    exec {_fd}<>"/dev/tcp/127.0.0.1/$2" || return 1
    printf -v "$1" '%s' "$_fd"
}

# trace_send FD PRINTF_FORMAT [ARGS...]
#   Sends the bytes printf FORMAT ARGS produces on FD in ONE write() system call, so on loopback
#   they travel as one TCP segment. (Bash's own printf flushes at every newline, which would
#   split "PING\r\nPING\r\n" into several writes.)
trace_send() {
    local fd=$1 fmt=$2
    shift 2
    # shellcheck disable=SC2059  # the format is the caller's, on purpose
    printf "$fmt" "$@" >"$TRACE_TMP/.send"
    cat "$TRACE_TMP/.send" >&"$fd"
}

# trace_read_line FD TIMEOUT_SECONDS VAR
#   Reads one reply line from FD into VAR, without the trailing \r\n.
#   Returns 0 for a line, 1 at end of stream (the server closed), 2 if nothing came in time.
trace_read_line() {
    local _line _rc
    IFS= read -r -t "$2" -u "$1" _line
    _rc=$?
    printf -v "$3" '%s' "${_line%$'\r'}"
    if ((_rc == 0)); then
        return 0
    elif ((_rc > 128)); then
        return 2
    fi
    return 1
}

# trace_close FD
#   Closes the client connection on FD (the kernel sends FIN).
trace_close() {
    local fd=$1
    exec {fd}>&-
}

# --- strace -------------------------------------------------------------------------------------

# trace_strace_start PID OUTFILE SYSCALLS [STRACE_OPTIONS...]
#   Attaches `strace -f -tt -yy -s 80 -e trace=SYSCALLS -e signal=none -o OUTFILE -p PID` to a
#   running process and all its threads, and returns once strace reports it is attached (at most
#   10 s). -tt: wall-clock timestamps (merge them with trace_mark lines); -yy: each socket fd is
#   printed with its addresses, e.g. 9<TCPv6:[[::ffff:127.0.0.1]:6379->[::ffff:127.0.0.1]:50412]>.
#   Sets TRACE_STRACE_PID. Attaching needs root, or the same user and a permissive
#   kernel.yama.ptrace_scope; on failure prints strace's reason and returns 1.
#   Optional STRACE_OPTIONS after SYSCALLS are passed to strace as they are, e.g. -C (also
#   append a per-syscall summary table, the one -c prints, to OUTFILE when strace detaches).
trace_strace_start() {
    local pid=$1 out=$2 syscalls=$3
    shift 3
    _trace_strace_attach "process $pid" "$out" -f -tt -yy -s 80 "$@" -e trace="$syscalls" -e signal=none \
        -o "$out" -p "$pid"
}

# trace_strace_thread_start TID OUTFILE SYSCALLS [STRACE_OPTIONS...]
#   Like trace_strace_start, but for one thread only: `strace -tt -T -yy -s 80 -e trace=SYSCALLS
#   -e signal=none -o OUTFILE -p TID`, without -f (with -f, strace would attach to every thread of
#   the process). -T: each line ends with the time the call took, e.g. <0.100213> for a poll() that
#   waited 100 ms. Find the TID with trace_server_thread. Sets TRACE_STRACE_PID.
trace_strace_thread_start() {
    local tid=$1 out=$2 syscalls=$3
    shift 3
    _trace_strace_attach "thread $tid" "$out" -tt -T -yy -s 80 "$@" -e trace="$syscalls" -e signal=none \
        -o "$out" -p "$tid"
}

# _trace_strace_attach WHAT OUTFILE STRACE_ARGS...: runs strace in the background, registers its
#   stop, and waits until it is attached (see trace_strace_start).
_trace_strace_attach() {
    local what=$1 out=$2
    shift 2
    strace "$@" 2>"$out.err" &
    TRACE_STRACE_PID=$!
    trace_on_exit "trace_strace_stop $TRACE_STRACE_PID"
    trace_wait_until 10 "strace to attach" _trace_attached_or_dead "$out.err" "$TRACE_STRACE_PID"
    if ! trace_log_has "$out.err" 'attached' || ! kill -0 "$TRACE_STRACE_PID" 2>/dev/null; then
        echo "    strace could not attach to $what:" >&2
        trace_indent '      | ' <"$out.err" >&2
        return 1
    fi
}

# trace_server_thread PID PORT
#   Finds the Linux thread id (TID) of a lab server's serving thread, the Java thread named
#   server-PORT (BlockingServer.start), and sets TRACE_SERVER_TID. With jstack (from the JDK) it
#   reads the thread's nid=0x... from a thread dump, which is the same TID in hex, and also sets
#   TRACE_SERVER_NID to that nid and TRACE_SERVER_JSTACK to the dump's line for the thread.
#   Without jstack, or if it cannot attach (another user's JVM), it looks for the name in
#   /proc/PID/task/*/comm, where Linux keeps each thread's name (the JVM sets it; at most 15
#   characters); TRACE_SERVER_NID is then empty. Returns 1 if there is no such thread.
trace_server_thread() {
    local pid=$1 port=$2 line="" task
    TRACE_SERVER_TID=""
    TRACE_SERVER_NID=""
    TRACE_SERVER_JSTACK=""
    if command -v jstack >/dev/null 2>&1; then
        line=$(timeout 20 jstack "$pid" 2>/dev/null | grep -m1 "^\"server-$port\"")
    fi
    if [[ $line =~ nid=(0x[0-9a-f]+) ]]; then
        TRACE_SERVER_NID=${BASH_REMATCH[1]}
        TRACE_SERVER_JSTACK=$line
        TRACE_SERVER_TID=$((TRACE_SERVER_NID))
        return 0
    fi
    for task in /proc/"$pid"/task/*; do
        if [[ $(cat "$task/comm" 2>/dev/null) == "server-$port" ]]; then
            TRACE_SERVER_TID=${task##*/}
            return 0
        fi
    done
    return 1
}

_trace_attached_or_dead() {
    trace_log_has "$1" 'attached' || ! kill -0 "$2" 2>/dev/null
}

# _trace_interrupt_and_wait PID WHAT
#   Sends SIGINT to PID (if it is running), waits up to 5 s for it to exit (then SIGKILL), and
#   reaps it. SIGINT lets strace detach cleanly and a capture finish its file.
_trace_interrupt_and_wait() {
    local pid=$1
    [[ -n $pid ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -INT "$pid" 2>/dev/null
    trace_wait_until 5 "$2" _trace_gone "$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

# trace_strace_stop [STRACE_PID]
#   Detaches strace (SIGINT: the traced process keeps running) and waits until it has written its
#   last line. Defaults to $TRACE_STRACE_PID.
trace_strace_stop() {
    _trace_interrupt_and_wait "${1:-${TRACE_STRACE_PID:-}}" "strace to detach"
}

# --- packet capture -----------------------------------------------------------------------------

# trace_capture_tool
#   Prints the capture program to use: tcpdump if installed, else tshark; returns 1 (and prints
#   the Debian packages) if neither is.
trace_capture_tool() {
    if command -v tcpdump >/dev/null 2>&1; then
        echo tcpdump
    elif command -v tshark >/dev/null 2>&1; then
        echo tshark
    else
        printf '    [skipped] neither tcpdump nor tshark is installed. On Debian/Ubuntu: sudo apt-get install tcpdump tshark\n' >&2
        return 1
    fi
}

# trace_capture_start INTERFACE BPF_FILTER OUTFILE
#   Captures packets on INTERFACE (lo for 127.0.0.1) matching BPF_FILTER (e.g. "tcp port 6379")
#   into the pcap file OUTFILE, with tcpdump (-U --immediate-mode: every packet is written as it
#   arrives) or, without tcpdump, tshark. Returns once the capture provably works: the filter
#   also admits UDP datagrams to 127.0.0.1:$TRACE_CAPTURE_PROBE_PORT (a port nobody listens on),
#   and probes are sent there until one shows up in OUTFILE (at most 10 s). So OUTFILE holds a
#   few UDP "probe" packets first: read it with a filter ("tcp", "tcp port 6379"). A tool's own
#   "listening" message is not enough: tshark prints it before its capture process is ready.
#   Sets TRACE_CAPTURE_PID. Capturing needs root (or CAP_NET_RAW); on failure prints the tool's
#   message and returns 1.
trace_capture_start() {
    local iface=$1 filter=$2 out=$3 tool i
    tool=$(trace_capture_tool) || return 1
    for ((i = 0; i < 100; i++)); do
        TRACE_CAPTURE_PROBE_PORT=$((20000 + RANDOM % 30000))
        [[ -z $(ss -Huan "( sport = :$TRACE_CAPTURE_PROBE_PORT )" 2>/dev/null) ]] && break
    done
    filter="($filter) or (udp and dst host 127.0.0.1 and dst port $TRACE_CAPTURE_PROBE_PORT)"
    if [[ $tool == tcpdump ]]; then
        tcpdump -i "$iface" -nn -U --immediate-mode -w "$out" "$filter" 2>"$out.err" &
    else
        tshark -i "$iface" -f "$filter" -w "$out" 2>"$out.err" &
    fi
    TRACE_CAPTURE_PID=$!
    trace_on_exit "trace_capture_stop $TRACE_CAPTURE_PID"
    if ! trace_wait_until 10 "$tool to capture a probe packet" _trace_probe_captured "$out" "$TRACE_CAPTURE_PID"; then
        echo "    $tool could not capture on $iface:" >&2
        trace_indent '      | ' <"$out.err" >&2
        return 1
    fi
    if ! kill -0 "$TRACE_CAPTURE_PID" 2>/dev/null; then
        echo "    $tool stopped:" >&2
        trace_indent '      | ' <"$out.err" >&2
        return 1
    fi
}

# Sends one UDP probe datagram; true once a probe is in the capture file (or the tool died).
_trace_probe_captured() {
    kill -0 "$2" 2>/dev/null || return 0
    printf 'probe' 2>/dev/null >"/dev/udp/127.0.0.1/$TRACE_CAPTURE_PROBE_PORT"
    [[ -s $1 ]] && trace_pcap_summary "$1" | grep -q UDP
}

# trace_capture_stop [CAPTURE_PID]
#   Stops the capture (SIGINT, so the file is complete) and waits for it to exit.
#   Defaults to $TRACE_CAPTURE_PID.
trace_capture_stop() {
    _trace_interrupt_and_wait "${1:-${TRACE_CAPTURE_PID:-}}" "the capture to stop"
}

# trace_pcap_summary FILE
#   Prints one summary line per packet of the capture FILE (tcpdump -nn -r, or tshark -r without
#   tcpdump). Works on a file that is still being written, so a script can wait until a packet it
#   expects (say, the last ACK of a close) has been captured before it stops the capture.
trace_pcap_summary() {
    if command -v tcpdump >/dev/null 2>&1; then
        tcpdump -nn -r "$1" 2>/dev/null
    else
        tshark -r "$1" 2>/dev/null
    fi
}

# trace_strace_join FILE
#   Prints the strace -f log FILE with every split call put back on one line. When another
#   thread makes a traced call while a call is in progress, strace prints the first half
#   ("TID TIME read(13<...>,  <unfinished ...>") and later the rest ("TID TIME <... read
#   resumed>"*2\r\n..."..., 16384) = 36"); the joined line keeps the time of the first half, the
#   moment the call started. Other lines (strace's own "+++"/"---" notes) pass unchanged.
trace_strace_join() {
    awk '
        $1 ~ /^[0-9]+$/ && / <unfinished \.\.\.>$/ {
            first = $0
            sub(/ <unfinished \.\.\.>$/, "", first)
            started[$1] = first
            next
        }
        $1 ~ /^[0-9]+$/ && $3 ~ /^<\.\.\.$/ {
            if (!($1 in started)) next      # began before strace attached
            rest = $0
            sub(/^[^<]*<\.\.\. [a-z0-9_]+ resumed> ?/, "", rest)
            print started[$1] rest
            delete started[$1]
            next
        }
        { print }' "$1"
}

# --- checks -------------------------------------------------------------------------------------

# trace_check DESCRIPTION COMMAND [ARGS...]
#   Runs COMMAND and prints "[ok] DESCRIPTION" if it succeeds, "[UNEXPECTED] DESCRIPTION" if
#   not, counting the second kind in $TRACE_FAILURES. A demo checks what its text claims, so a
#   change in the server (or the tools) shows up as [UNEXPECTED] instead of a wrong explanation.
TRACE_FAILURES=0
trace_check() {
    local what=$1
    shift
    if "$@"; then
        printf '    [ok] %s\n' "$what"
    else
        printf '    [UNEXPECTED] %s\n' "$what"
        TRACE_FAILURES=$((TRACE_FAILURES + 1))
    fi
}

# trace_same A B
#   Returns 0 if the strings A and B are equal (a COMMAND for trace_check).
trace_same() {
    [[ $1 == "$2" ]]
}

# trace_checks_done HANDOUT
#   Prints the closing section: how many checks failed, or that all passed, and where the
#   handout is. Returns 1 if a check failed, so a script can end with: trace_checks_done X; exit
trace_checks_done() {
    trace_section "Done"
    if ((TRACE_FAILURES > 0)); then
        trace_say "$TRACE_FAILURES check(s) did not go as the handout explains: see [UNEXPECTED] above." \
            "Handout: $1"
        return 1
    fi
    trace_say "All checks passed. Handout: $1"
}

# --- bytes and RESP -----------------------------------------------------------------------------

# TRACE_AWK_ESCAPE: the source of an awk function, trace_escape(HEX), for awk programs that print
# bytes (the helpers below use it; prepend it to your own: awk "$TRACE_AWK_ESCAPE"' {...}').
# It turns hex digits (separators such as ':' are ignored) into text in redis-cli's quoting
# style: printable ASCII as is, \r \n \t, \" and \\, every other byte as \xNN. So
# "2a310d0a00" -> *1\r\n\x00.
TRACE_AWK_ESCAPE='
    function trace_escape(hex,   i, b, out) {
        if (!("00" in _trace_byte)) for (i = 0; i < 256; i++) _trace_byte[sprintf("%02x", i)] = i
        hex = tolower(hex)
        gsub(/[^0-9a-f]/, "", hex)
        out = ""
        for (i = 1; i < length(hex); i += 2) {
            b = _trace_byte[substr(hex, i, 2)]
            if (b == 13) out = out "\\r"
            else if (b == 10) out = out "\\n"
            else if (b == 9) out = out "\\t"
            else if (b == 34) out = out "\\\""
            else if (b == 92) out = out "\\\\"
            else if (b >= 32 && b < 127) out = out sprintf("%c", b)
            else out = out sprintf("\\x%02x", b)
        }
        return out
    }'

# trace_hex_to_text [HEX...]
#   Prints each HEX argument (or, with none, each line of stdin) as escaped text, one line each:
#   trace_hex_to_text 2b4f4b0d0a  ->  +OK\r\n
# shellcheck disable=SC2120  # callers in the labN.sh scripts pass arguments
trace_hex_to_text() {
    if (($# > 0)); then
        printf '%s\n' "$@" | _trace_escape_lines
    else
        _trace_escape_lines
    fi
}

_trace_escape_lines() {
    awk "$TRACE_AWK_ESCAPE"' { print trace_escape($0) }'
}

# trace_file_hex FILE
#   Prints the bytes of FILE as one line of lower-case hex digits (for trace_hex_to_text and
#   for comparing with the payloads trace_pcap_payload_hex prints).
trace_file_hex() {
    od -An -v -tx1 "$1" | tr -d ' \n'
    echo
}

# trace_resp_command ARG...
#   Writes the RESP request for the command ARG... to stdout: a multibulk (an array of bulk
#   strings), the bytes redis-cli and every client library send:
#   trace_resp_command GET k  ->  *2\r\n$3\r\nGET\r\n$1\r\nk\r\n
#   A bulk length counts bytes, not characters. (A bash string cannot hold a zero byte: write a
#   request with one in it with printf.)
trace_resp_command() {
    local LC_ALL=C arg
    printf '*%d\r\n' "$#"
    for arg in "$@"; do
        printf '$%d\r\n%s\r\n' "${#arg}" "$arg"
    done
}

# --- reading captures with tshark ----------------------------------------------------------------

# trace_tshark_knows PROTOCOL
#   Returns 0 if this tshark has a dissector whose filter name is PROTOCOL (e.g. resp: the RESP
#   dissector, which tshark 4.0 has). Without one, tshark shows the payload as plain TCP data.
trace_tshark_knows() {
    tshark -G protocols 2>/dev/null | awk -F'\t' -v p="$1" '$3 == p { found = 1 } END { exit !found }'
}

# trace_pcap_payload_hex PCAP DISPLAY_FILTER
#   Prints, as one line of hex, the TCP payload bytes of every packet of PCAP that matches the
#   Wireshark DISPLAY_FILTER, in capture order. For one direction of one connection use e.g.
#   "tcp.stream == 2 && tcp.dstport == 6379": the bytes that client sent. Needs tshark.
trace_pcap_payload_hex() {
    tshark -r "$1" -Y "($2) && tcp.len > 0" -T fields -e tcp.payload 2>/dev/null | tr -d ':\n'
    echo
}

# trace_pcap_packets PCAP SERVER_PORT [DISPLAY_FILTER] [MAX_PAYLOAD_CHARS]
#   Prints one line per TCP packet to or from SERVER_PORT (and matching DISPLAY_FILTER, if
#   given): the connection (tshark's tcp.stream), milliseconds since that connection's first
#   packet, who sent it, the TCP flags, the payload length and the payload as escaped text,
#   cut after MAX_PAYLOAD_CHARS (default 90) characters. Needs tshark.
trace_pcap_packets() {
    local pcap=$1 port=$2 filter=${3:-} width=${4:-90}
    local display="tcp.port == $port"
    [[ -n $filter ]] && display="$display && ($filter)"
    printf '    %4s %8s  %-7s %-12s %5s  %s\n' conn ms from flags bytes payload
    tshark -r "$pcap" -Y "$display" -T fields -E separator=/t \
        -e tcp.stream -e frame.time_relative -e tcp.srcport -e tcp.flags.str -e tcp.len -e tcp.payload 2>/dev/null |
        awk -F'\t' -v port="$port" -v width="$width" "$TRACE_AWK_ESCAPE"'
            function flag_names(s,   out, i, c) {
                gsub(/[^A-Z]/, "", s)      # tcp.flags.str: a letter per set flag, e.g. "AP"
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
                if (!($1 in t0)) t0[$1] = $2
                text = ($5 > 0) ? "\"" trace_escape($6) "\"" : ""
                if (length(text) > width) text = substr(text, 1, width) "..."
                line = sprintf("    %4s %8.3f  %-7s %-12s %5d  %s", $1, ($2 - t0[$1]) * 1000, ($3 == port) ? "server" : "client", flag_names($4), $5, text)
                sub(/ +$/, "", line)
                print line
            }'
}

# trace_start_lab JAR LOG
#   The usual opening of a lab's demo: checks that java and ss are installed, prints the start
#   step, starts JAR on a free port (--port 0) with its log in LOG, and sets PORT and PID.
#   Exits the script if any of that fails.
trace_start_lab() {
    local jar=$1 log=$2
    if ! trace_have java default-jre-headless || ! trace_have ss iproute2; then
        exit 1
    fi
    trace_step "start the server: java -jar $(basename "$jar") --bind 127.0.0.1 --port 0"
    if ! trace_start_jar "$jar" 0 "$log"; then
        exit 1
    fi
    PORT=$TRACE_SERVER_PORT
    PID=$TRACE_SERVER_PID
}
