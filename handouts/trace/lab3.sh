#!/usr/bin/env bash
#
# handouts/trace/lab3.sh: the classroom demo `./lab trace 3` runs.
#
#     bash handouts/trace/lab3.sh [REPO_ROOT]        (REPO_ROOT defaults to this file's ../..)
#
# Starts lab 3's RESP server (lab3-resp-parser/target/lab3-resp-parser.jar) on 127.0.0.1 and a
# port the kernel picks, then shows, with annotations:
#   1. RESP on the wire. A capture on lo while redis-cli runs SET name Alice EX 5, GET, TTL, DEL,
#      GET of the deleted key, SET/GET of a binary value, and a pipelined burst (redis-cli --pipe):
#      tcpdump -A and -X as a class sees them, every request and reply decoded byte by byte, and
#      tshark's summary (with its RESP dissector if this tshark has one, else "follow tcp stream").
#   2. Pipelining in system calls. strace -f -C on the server while redis-benchmark -t get -c 1
#      -n 2000 runs without and with -P 16: one read() and one write() per request, against one
#      read() of 16 requests and one write() of 16 replies.
#   3. Protocol errors. '*1\r\n+PING\r\n' and '*2147483648\r\n' sent with nc: the error reply, then
#      the server's FIN; and what a real redis-server does with the same bytes, if installed.
# Non-interactive, finishes in about 20 s (hard limit 60 s). A missing redis-cli/redis-benchmark,
# strace, tcpdump, tshark or nc skips the part that needs it, printing the Debian package (exit
# 0). Exit 1 if the server cannot start or behaves differently from what the handout explains
# (each check prints [ok]/[UNEXPECTED]). TRACE_KEEP=1 keeps the .pcap files (open them in
# Wireshark) and the strace logs. LAB3_TRACE_NO_RESP_DISSECTOR=1 shows the fallback an older
# tshark gets (follow the TCP stream) even when this one has a RESP dissector.
# The handout that walks through this output: handouts/lab3-resp-parser.md.

# Functions called through trace_check/trace_wait_until look unreachable to shellcheck; helpers
# whose argument is optional are called without one; '$...' strings are RESP bytes, not variables.
# shellcheck disable=SC2317,SC2119,SC2016

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "${1:-$HERE/../..}" && pwd) || exit 1
# shellcheck source=common.sh
source "$HERE/common.sh"

JAR=$ROOT/lab3-resp-parser/target/lab3-resp-parser.jar
HANDOUT=handouts/lab3-resp-parser.md

trace_init "lab 3" 60

# --- small helpers for this demo ----------------------------------------------------------------

# A tcpdump filter for "TCP packets that carry payload" (IP length - IP header - TCP header),
# the idiom from tcpdump's manual page. Handshakes, pure ACKs and FINs drop out.
DATA_ONLY='(((ip[2:2] - ((ip[0] & 0xf) << 2)) - ((tcp[12] & 0xf0) >> 2)) != 0)'

# Shortens strace -yy socket annotations and the log file's path:
#   13<TCPv6:[[::ffff:127.0.0.1]:41234->[::ffff:127.0.0.1]:50412]>  ->  13<TCPv6:[:41234->:50412]>
shorten_strace() {
    sed -E -e 's/\[::ffff:127\.0\.0\.1\]//g' -e 's/1<[^>]*server\.log>/1<server.log>/'
}

# The capture PCAP holds all N connections it should, each closed by both sides (two FINs) and
# the last FIN acknowledged: nothing the demo shows can still be missing.
connections_closed_in() {
    trace_pcap_summary "$1" | awk -v n="$2" '
        /Flags \[F|FIN/ { fins++; lastfin = NR }
        / (Flags |\[)/ { packets = NR }
        END { exit !(fins >= 2 * n && packets > lastfin) }'
}

# What a reply's first byte says it is.
reply_kind() {
    case $1 in
        '+'*) echo "simple string" ;;
        '-'*) echo "error" ;;
        ':'*) echo "integer" ;;
        '$-1\r\n') echo "null bulk string: no such key" ;;
        '$'*) echo "bulk string" ;;
        '*'*) echo "array" ;;
        *) echo "" ;;
    esac
}

# resp_breakdown HEX: one line per RESP element of the bytes HEX, with what it is. Lengths are
# obeyed, not searched for: a bulk string's payload is the next <len> bytes, whatever they are.
resp_breakdown() {
    awk "$TRACE_AWK_ESCAPE"'
        {
            h = tolower($0); gsub(/[^0-9a-f]/, "", h)
            n = length(h) / 2; pos = 1
            while (pos <= n) {
                # a header line: type byte, text up to \r\n
                eol = pos
                while (eol < n && substr(h, 2 * eol - 1, 4) != "0d0a") eol++
                if (eol >= n) { printf "      %-28s (incomplete)\n", trace_escape(substr(h, 2 * pos - 1)); break }
                line = trace_escape(substr(h, 2 * pos - 1, 2 * (eol - pos)))
                type = substr(line, 1, 1); num = substr(line, 2) + 0
                next_pos = eol + 2
                if (type == "$" && num >= 0) {
                    payload = substr(h, 2 * next_pos - 1, 2 * (num + 2))
                    shown = line "\\r\\n" trace_escape(payload)
                    what = sprintf("bulk string: %d byte%s, then \\r\\n", num, num == 1 ? "" : "s")
                    next_pos += num + 2
                } else if (type == "*") {
                    shown = line "\\r\\n"; what = "array of " num " elements: a multibulk request"
                } else if (line == "") {
                    shown = "\\r\\n"; what = "an empty line: an empty inline command, ignored"
                } else {
                    shown = line "\\r\\n"; what = ""
                }
                printf "      %-28s %s\n", shown, what
                pos = next_pos
            }
        }'
}

# Every packet with payload in capture $1, as "stream srcport dstport hex" lines in $2: one tshark
# run, instead of one per question (tshark takes a few hundred ms to start).
index_payloads() {
    tshark -r "$1" -Y "tcp.port == $PORT && tcp.len > 0" -T fields \
        -e tcp.stream -e tcp.srcport -e tcp.dstport -e tcp.payload 2>/dev/null | tr -d ':' >"$2"
}

# payload_hex STREAM client|server [first]: the bytes one side sent on tshark's tcp.stream
# STREAM, as hex, from the index $PAYLOADS (all packets, or the first packet only).
payload_hex() {
    awk -v s="$1" -v from="$2" -v first="${3:-}" -v port="$PORT" '
        $1 == s && ((from == "server") == ($2 == port)) { out = out $4; if (first != "") exit }
        END { print out }' "$PAYLOADS"
}

# The number of packets with payload one side sent on STREAM.
segments_from() {
    awk -v s="$1" -v from="$2" -v port="$PORT" '$1 == s && ((from == "server") == ($2 == port)) { n++ } END { print n + 0 }' "$PAYLOADS"
}

# Escaped text of what one side sent on STREAM.
sent_by_client() { trace_hex_to_text "$(payload_hex "$1" client)"; }
sent_by_server() { trace_hex_to_text "$(payload_hex "$1" server)"; }

# Strips strace -f's "TID  HH:MM:SS.uuuuuu " prefix.
drop_tid_time() {
    sed -E 's/^[0-9]+ +[0-9:.]+ //'
}

# TTL's reply: 5 seconds left, or 4 if the machine was slow (TTL rounds the milliseconds left).
ttl_is_5_or_4() {
    [[ $1 == ':5\r\n' || $1 == ':4\r\n' ]]
}

# starts_with TEXT PREFIX
starts_with() {
    [[ $1 == "$2"* ]]
}

# Escaped text of a file's bytes.
file_text() { trace_hex_to_text "$(trace_file_hex "$1")"; }

# --- start ----------------------------------------------------------------------------------------

trace_section "Lab 3 trace: RESP on the wire and in the server's system calls"
trace_say "Repository: $ROOT" "Server jar: $JAR"
LOG=$TRACE_TMP/server.log
trace_start_lab "$JAR" "$LOG" # sets PORT and PID
trace_say "pid $PID, listening on 127.0.0.1:$PORT (--port 0: the kernel picked a free port; in class" \
    "you use 6379). The script checked it answers an inline PING: one 'accepted' line in its log."

HAVE_TSHARK=0
command -v tshark >/dev/null 2>&1 && HAVE_TSHARK=1
RESP_DISSECTOR=0
if ((HAVE_TSHARK)) && [[ ${LAB3_TRACE_NO_RESP_DISSECTOR:-0} != 1 ]] && trace_tshark_knows resp; then
    RESP_DISSECTOR=1
fi

# --- 1. RESP on the wire --------------------------------------------------------------------------

trace_section "1. RESP on the wire: what redis-cli sends, what the server answers"
PCAP1=$TRACE_TMP/resp.pcap
CAPTURED1=0
if trace_have redis-cli redis-tools; then
    if TOOL=$(trace_capture_tool); then
        trace_step "capture: $TOOL on lo, filter \"tcp port $PORT\", into resp.pcap"
        if trace_capture_start lo "tcp port $PORT" "$PCAP1"; then
            CAPTURED1=1
        else
            trace_say "[skipped] capturing needs root (or CAP_NET_RAW): sudo ./lab trace 3. The clients still run."
        fi
    fi

    # The clients: one redis-cli process, so one TCP connection, per command. --no-raw prints
    # replies as redis-cli's interactive mode does (our stdout is not a terminal).
    LABELS=()
    run_cli() {
        local label=$1 out
        shift
        LABELS+=("$label")
        out=$(redis-cli -p "$PORT" --no-raw "$@" 2>&1)
        printf '    $ %s\n' "$label"
        printf '%s\n' "$out" | trace_indent '      '
    }
    trace_step "redis-cli, one process and so one connection per command"
    trace_say "(the script adds --no-raw: replies printed as in interactive mode, as its output is no terminal)"
    run_cli "redis-cli -p $PORT SET name Alice EX 5" SET name Alice EX 5
    run_cli "redis-cli -p $PORT GET name" GET name
    run_cli "redis-cli -p $PORT TTL name" TTL name
    run_cli "redis-cli -p $PORT DEL name" DEL name
    run_cli "redis-cli -p $PORT GET name" GET name
    BIN_VALUE=$TRACE_TMP/binary-value
    printf 'A\0B\r\nC' >"$BIN_VALUE"
    run_cli "printf 'A\\0B\\r\\nC' | redis-cli -p $PORT -x SET bin" -x SET bin <"$BIN_VALUE"
    run_cli "redis-cli -p $PORT GET bin" GET bin

    trace_step "a pipelined burst: five requests written at once with redis-cli --pipe"
    BURST=$TRACE_TMP/burst.resp
    {
        trace_resp_command SET k1 v1
        trace_resp_command GET k1
        trace_resp_command EXISTS k1 k2
        trace_resp_command DEL k1
        trace_resp_command GET k1
    } >"$BURST"
    trace_say "burst.resp holds the requests already encoded in RESP ($(wc -c <"$BURST") bytes):" \
        "SET k1 v1, GET k1, EXISTS k1 k2, DEL k1, GET k1. --pipe writes it without waiting for replies."
    LABELS+=("redis-cli -p $PORT --pipe < burst.resp")
    printf '    $ redis-cli -p %s --pipe < burst.resp\n' "$PORT"
    redis-cli -p "$PORT" --pipe <"$BURST" 2>&1 | trace_indent '      '

    if ((CAPTURED1)); then
        trace_wait_until 5 "all ${#LABELS[@]} connections to be closed in the capture" \
            connections_closed_in "$PCAP1" "${#LABELS[@]}"
        trace_capture_stop
    fi
fi

if ((CAPTURED1)) && command -v tcpdump >/dev/null 2>&1; then
    trace_step "tcpdump -A: the first request and its reply, as a class sees them live"
    trace_say "tcpdump -nn -A -r resp.pcap 'tcp port $PORT and <payload length != 0>' (first 2 packets)"
    echo
    tcpdump -nn -A -r "$PCAP1" -c 2 "tcp port $PORT and $DATA_ONLY" 2>/dev/null |
        sed -E 's/, options \[[^]]*\]//' | trace_indent '      | '
    cat <<'EOF'

    Each packet is a summary line, then its bytes as text. -A prints the whole IP packet: its
    first 52 bytes are the IP and TCP headers, printed as junk ("E..e..@.@..."), over two lines
    or more: a header byte that happens to be 10 is a newline (the length of the TCP timestamp
    option always is). Then the RESP text, one element per line because -A shows \r\n as a line
    break: "*5" (an array of 5 elements), "$3" (a bulk string of 3 bytes), "SET", "$4", "name"...
    Packet 2 is the reply, 5 bytes: "+OK\r\n".
EOF
fi

if ((CAPTURED1 && HAVE_TSHARK)); then
    trace_step "every request and reply of the capture, byte for byte (tshark -T fields -e tcp.payload)"
    PAYLOADS=$TRACE_TMP/resp.payloads
    index_payloads "$PCAP1" "$PAYLOADS"
    for i in "${!LABELS[@]}"; do
        sent=$(sent_by_client "$i")
        got=$(sent_by_server "$i")
        printf '\n    %s\n' "${LABELS[i]}"
        printf '      client -> "%s"\n' "$sent"
        if ((i == ${#LABELS[@]} - 1)); then
            printf '      server -> "%s"\n' "$got"
        else
            printf '      server -> "%s"   %s\n' "$got" "$(reply_kind "$got")"
        fi
        case $i in
            0) SET_SENT=$sent SET_GOT=$got ;;
            1) GET_GOT=$got ;;
            2) TTL_GOT=$got ;;
            3) DEL_GOT=$got ;;
            4) NULL_GOT=$got ;;
            5) BIN_SENT=$sent BIN_SET_GOT=$got ;;
            6) BIN_GOT=$got ;;
        esac
    done
    echo
    trace_check "SET name Alice EX 5 travels as a multibulk of 5 bulk strings" \
        trace_same "$SET_SENT" "$(trace_hex_to_text "$(trace_resp_command SET name Alice EX 5 | trace_file_hex /dev/stdin)")"
    trace_check "SET -> +OK\\r\\n" trace_same "$SET_GOT" '+OK\r\n'
    trace_check "GET name -> \$5\\r\\nAlice\\r\\n" trace_same "$GET_GOT" '$5\r\nAlice\r\n'
    trace_check "TTL name -> :5\\r\\n (seconds left, rounded)" ttl_is_5_or_4 "$TTL_GOT"
    trace_check "DEL name -> :1\\r\\n" trace_same "$DEL_GOT" ':1\r\n'
    trace_check "GET of a missing key -> \$-1\\r\\n" trace_same "$NULL_GOT" '$-1\r\n'

    trace_step "the SET request, element by element"
    payload_hex 0 client | resp_breakdown
    cat <<'EOF'

    A request is an array of bulk strings (a "multibulk"): the command name is its first element.
    Every element says its length first, so the server never scans for a delimiter inside it, and
    "5" (the seconds of EX) is sent as text, a 1-byte string: the server parses the number.
EOF

    trace_step "a binary value: printf 'A\\0B\\r\\nC' | redis-cli -x SET bin"
    trace_say "the value is 6 bytes: A, a zero byte, B, CR, LF, C. The request, element by element:"
    payload_hex 5 client | resp_breakdown
    trace_say "" "and GET bin's reply:"
    payload_hex 6 server | resp_breakdown
    EXPECTED_BIN_SET=$TRACE_TMP/expected-set-bin
    { printf '*3\r\n$3\r\nSET\r\n$3\r\nbin\r\n$6\r\n'; cat "$BIN_VALUE"; printf '\r\n'; } >"$EXPECTED_BIN_SET"
    EXPECTED_BIN_REPLY=$TRACE_TMP/expected-get-bin
    { printf '$6\r\n'; cat "$BIN_VALUE"; printf '\r\n'; } >"$EXPECTED_BIN_REPLY"
    echo
    trace_check "SET bin sends \$6 and the 6 raw bytes, zero byte and \\r\\n included" \
        trace_same "$BIN_SENT" "$(file_text "$EXPECTED_BIN_SET")"
    trace_check "SET bin -> +OK\\r\\n" trace_same "$BIN_SET_GOT" '+OK\r\n'
    trace_check "GET bin -> the same 6 bytes back: \$6\\r\\nA\\x00B\\r\\nC\\r\\n" \
        trace_same "$BIN_GOT" "$(file_text "$EXPECTED_BIN_REPLY")"
    if command -v tcpdump >/dev/null 2>&1; then
        BIN_CLIENT_PORT=$(awk -v p="$PORT" '$1 == 6 { print ($2 == p) ? $3 : $2; exit }' "$PAYLOADS")
        trace_say "" "the same reply in tcpdump -X (hex and text; the payload starts at offset 0x34," \
            "after the 20-byte IP and 32-byte TCP headers):"
        echo
        tcpdump -nn -X -r "$PCAP1" "tcp src port $PORT and dst port $BIN_CLIENT_PORT and $DATA_ONLY" 2>/dev/null |
            sed -E 's/, options \[[^]]*\]//' >"$TRACE_TMP/get-bin.X"
        trace_indent '      | ' <"$TRACE_TMP/get-bin.X"
        echo
        # The hex columns of -X, joined: they must hold the reply "$6\r\nA\0B\r\nC\r\n".
        trace_check "tcpdump -X shows the reply's bytes 24 36 0d 0a 41 00 42 0d 0a 43 0d 0a" \
            grep -q 24360d0a4100420d0a430d0a <(awk '$1 ~ /^0x/ { for (i = 2; i <= 9 && $i ~ /^[0-9a-f]+$/; i++) printf "%s", $i }' "$TRACE_TMP/get-bin.X")
    fi
    cat <<'EOF'

    "$6" announces 6 bytes and the parser takes the next 6 bytes, whatever they are: the 00 byte
    and the 0d 0a (\r\n) inside the value are data, not the end of anything. That is what
    "binary-safe" means: a bulk string can hold an image, a serialized object, any bytes. An
    inline command ("SET bin A...") could not: there, \r\n ends the command.
EOF

    trace_step "the pipelined burst, packet by packet (trace_pcap_packets: tshark fields, decoded)"
    PIPE_STREAM=$((${#LABELS[@]} - 1))
    trace_pcap_packets "$PCAP1" "$PORT" "tcp.stream == $PIPE_STREAM && tcp.len > 0" 100
    FIRST_SEGMENT=$(payload_hex "$PIPE_STREAM" client first)
    REPLY_SEGMENTS=$(segments_from "$PIPE_STREAM" server)
    PIPE_REPLIES=$(sent_by_server "$PIPE_STREAM")
    PIPE_CLIENT_HEX=$(payload_hex "$PIPE_STREAM" client)
    PIPE_SERVER_HEX=$(payload_hex "$PIPE_STREAM" server)
    cat <<EOF

    redis-cli wrote the five requests in one write(): one segment of $(wc -c <"$BURST") bytes. Then it sent
    one more request of its own, "\r\n*2\r\n\$4\r\nECHO\r\n\$20\r\n<20 random bytes>\r\n": when the
    same 20 bytes come back, every earlier reply has arrived (replies keep the order of requests).
    The leading \r\n is an empty inline command, which a server ignores. The server answered in
    $REPLY_SEGMENTS segment(s): one write() for all the complete requests that one read() brought.
EOF
    echo
    trace_check "the first segment carries all five requests" \
        trace_same "$FIRST_SEGMENT" "$(trace_file_hex "$BURST")"
    trace_check "the five replies, in order: +OK, \$2 v1, :1, :1, \$-1" \
        starts_with "$PIPE_REPLIES" '+OK\r\n$2\r\nv1\r\n:1\r\n:1\r\n$-1\r\n'
    trace_check "ECHO's 20 random bytes came back unchanged" \
        trace_same "${PIPE_SERVER_HEX: -44}" "${PIPE_CLIENT_HEX: -44}"

    if ((RESP_DISSECTOR)); then
        trace_step "tshark's summary, with its RESP dissector (tshark -G protocols | grep -i resp: yes)"
        trace_say "tshark -r resp.pcap -d tcp.port==$PORT,resp -Y resp" \
            "(-d: decode this port as RESP; by default tshark does that for port 6379 only)"
        echo
        tshark -r "$PCAP1" -d "tcp.port==$PORT,resp" -Y resp 2>/dev/null |
            sed -E 's/127\.0\.0\.1 → 127\.0\.0\.1 +//' | trace_indent '    '
        cat <<'EOF'

    The Info column shows each request's elements and each reply's value; a null bulk string has
    no value ("Response:" and nothing). That text ends at the zero byte of the binary value
    ("SET bin A", "Response: A"), but the full value is in the packet's tree. The detail view of
    GET bin's reply (tshark -O resp: only the RESP layer expanded):
EOF
        echo
        tshark -r "$PCAP1" -d "tcp.port==$PORT,resp" -O resp -Y "tcp.stream == 6 && tcp.srcport == $PORT && resp" 2>/dev/null |
            sed -n '/^REdis Serialization Protocol/,$p' | grep -v '^$' | trace_indent '      '
        echo
        DECODED=$TRACE_TMP/resp.decoded
        tshark -r "$PCAP1" -d "tcp.port==$PORT,resp" -Y resp -T fields -E separator=/t \
            -e tcp.stream -e resp.integer -e resp.bulk_string.length >"$DECODED" 2>/dev/null
        trace_check "tshark decodes TTL's reply (conn 2) as an integer, 5" \
            grep -qx $'2\t5\t' "$DECODED"
        trace_check "tshark decodes GET's null reply (conn 4) as a bulk string of length -1" \
            grep -qx $'4\t\t-1' "$DECODED"
    elif ((HAVE_TSHARK)); then
        trace_step "this tshark has no RESP dissector: following the TCP stream instead"
        trace_say "tshark -r resp.pcap -q -z follow,tcp,ascii,0  (connection 0: SET name Alice EX 5)" \
            "(with a tshark that has one, e.g. 4.0 in Debian 12: tshark -r resp.pcap -d tcp.port==$PORT,resp -Y resp)"
        echo
        tshark -r "$PCAP1" -q -z follow,tcp,ascii,0 2>/dev/null | trace_indent '      '
        cat <<'EOF'

    The follow view prints what each side sent, one block per direction change, with the byte
    count first; the server's blocks are indented by a tab. \r\n shows as a line break.
EOF
    fi
elif ((CAPTURED1)); then
    trace_step "the other packets with data, without tshark (sudo apt-get install tshark decodes them byte by byte)"
    tcpdump -nn -A -r "$PCAP1" "tcp port $PORT and $DATA_ONLY" 2>/dev/null | sed -E 's/, options \[[^]]*\]//' |
        awk '/^[0-9][0-9]:/ { n++ } n > 2' | trace_indent '      | '
fi

# --- 2. pipelining in system calls ----------------------------------------------------------------

trace_section "2. Pipelining in system calls: strace while redis-benchmark sends 2000 GETs"
N=2000
# Per run: the benchmark connection's calls, counted from the strace log, in the globals below.
declare -A DATA_READS EAGAIN_READS POLLS WRITES BYTES_IN BYTES_OUT
run_traced_benchmark() {
    local pipeline=$1 log=$TRACE_TMP/strace-P$1.txt
    trace_step "strace -f -C -e trace=read,write,poll -p $PID   while   redis-benchmark -p $PORT -t get -c 1 -n $N -P $pipeline"
    if ! trace_strace_start "$PID" "$log" read,write,poll -C; then
        trace_say "[skipped] strace could not attach: run as root (sudo ./lab trace 3)."
        return 1
    fi
    redis-benchmark -p "$PORT" -t get -c 1 -n "$N" -P "$pipeline" --csv >"$TRACE_TMP/bench-P$pipeline.csv" 2>&1
    trace_strace_stop
    # The benchmark's connection: the one with the most reads. (redis-benchmark first opens a
    # connection of its own to ask CONFIG GET save and appendonly.)
    trace_strace_join "$log" | shorten_strace >"$log.joined"
    read -r CPORT "DATA_READS[$pipeline]" "EAGAIN_READS[$pipeline]" "POLLS[$pipeline]" "WRITES[$pipeline]" \
        "BYTES_IN[$pipeline]" "BYTES_OUT[$pipeline]" < <(awk '
            match($0, /TCPv6:\[:[0-9]+->:[0-9]+\]/) {
                conn = substr($0, RSTART, RLENGTH); sub(/.*->:/, "", conn); sub(/\]$/, "", conn)
                call = $3; sub(/\(.*/, "", call)
                result = $NF
                if (call == "read" && $0 ~ /EAGAIN/) eagain[conn]++
                else if (call == "read" && result ~ /^[1-9][0-9]*$/) { reads[conn]++; bin[conn] += result }
                else if (call == "write" && result ~ /^[1-9][0-9]*$/) { writes[conn]++; bout[conn] += result }
                else if (call == "poll") polls[conn]++
            }
            END {
                best = ""
                for (c in reads) if (best == "" || reads[c] > reads[best]) best = c
                if (best == "") { print "none 0 0 0 0 0 0"; exit }
                print best, reads[best] + 0, eagain[best] + 0, polls[best] + 0, writes[best] + 0, bin[best] + 0, bout[best] + 0
            }' "$log.joined")
    trace_say "the benchmark's connection is the one from client port $CPORT. Two of its calls:"
    grep -F ":$CPORT]>" "$log.joined" | grep -E ' (read|write)\(' | grep -v -e EAGAIN -e '= 0$' |
        head -n 2 | drop_tid_time | cut -c1-200 | trace_indent '      '
    trace_say "" "strace's summary table (-C: it counts every thread and every file, e.g. the log line" \
        "the server writes per connection, and a JVM thread reading cgroup files):"
    sed -n '/^% time/,$p' "$log" | trace_indent '      '
    local per_read per_write
    per_read=$(awk -v b="${BYTES_IN[$pipeline]}" -v r="${DATA_READS[$pipeline]}" 'BEGIN { printf "%.1f", r ? b / r : 0 }')
    per_write=$(awk -v b="${BYTES_OUT[$pipeline]}" -v w="${WRITES[$pipeline]}" 'BEGIN { printf "%.1f", w ? b / w : 0 }')
    trace_say "" "on that connection: ${DATA_READS[$pipeline]} read() calls returned data, $per_read bytes each on average;" \
        "${WRITES[$pipeline]} write() calls, $per_write bytes each; ${EAGAIN_READS[$pipeline]} read() -> EAGAIN and ${POLLS[$pipeline]} poll()."
}

STRACED=0
if trace_have redis-benchmark redis-tools && trace_have strace strace; then
    trace_is_root || trace_say "(not root: attaching strace to a process usually needs root; trying anyway)"
    trace_step "first without strace (also warms up the JIT): redis-benchmark -t get -c 1 -n 20000, -P 1 and -P 16"
    for p in 1 16; do
        rate=$(redis-benchmark -p "$PORT" -t get -c 1 -n 20000 -P "$p" --csv 2>/dev/null |
            awk -F'"' '$2 == "GET" { print $4 }')
        trace_say "-P $p: ${rate:-?} requests per second"
    done
    trace_say "(one short run on a shared machine: compare the two, do not quote them)"
    if run_traced_benchmark 1 && run_traced_benchmark 16; then
        STRACED=1
    fi
fi
if ((STRACED)); then
    trace_step "per request, on the benchmark's connection"
    awk -v n="$N" -v r1="${DATA_READS[1]}" -v w1="${WRITES[1]}" -v e1="${EAGAIN_READS[1]}" -v p1="${POLLS[1]}" \
        -v b1="${BYTES_IN[1]}" -v o1="${BYTES_OUT[1]}" \
        -v r16="${DATA_READS[16]}" -v w16="${WRITES[16]}" -v e16="${EAGAIN_READS[16]}" -v p16="${POLLS[16]}" \
        -v b16="${BYTES_IN[16]}" -v o16="${BYTES_OUT[16]}" 'BEGIN {
            printf "      %-34s %10s %10s\n", "", "-P 1", "-P 16"
            printf "      %-34s %10d %10d\n", "requests (GET)", n, n
            printf "      %-34s %10d %10d\n", "read() calls that returned data", r1, r16
            printf "      %-34s %10d %10d\n", "bytes per read (36 per request)", b1 / r1, b16 / r16
            printf "      %-34s %10.1f %10.1f\n", "requests per read", b1 / r1 / 36, b16 / r16 / 36
            printf "      %-34s %10d %10d\n", "write() calls", w1, w16
            printf "      %-34s %10d %10d\n", "bytes per write (\"$-1\\r\\n\" = 5)", o1 / w1, o16 / w16
            printf "      %-34s %10.1f %10.1f\n", "replies per write", o1 / w1 / 5, o16 / w16 / 5
            printf "      %-34s %10d %10d\n", "read() -> EAGAIN, then poll()", e1, e16
            printf "      %-34s %10.2f %10.2f\n", "system calls per request", (r1 + w1 + e1 + p1) / n, (r16 + w16 + e16 + p16) / n
        }'
    cat <<'EOF'

    Each GET request is 36 bytes, "*2\r\n$3\r\nGET\r\n$16\r\nkey:__rand_int__\r\n", and each reply
    the null bulk string "$-1\r\n" (nobody set that key). Without pipelining the client waits for
    each reply before it sends the next request, so the server does one read() and one write()
    per request, plus a read() -> EAGAIN and a poll() whenever it is faster than the client (Java's
    blocking socket with a timeout: try, then wait in poll). With -P 16 redis-benchmark writes 16
    requests at once: one read() returns all 576 bytes, the server runs the 16 GETs and sends the
    16 replies (80 bytes) with one write(). Same work, a sixteenth of the system calls and of the
    loopback round trips: that is why a single-threaded server goes several times faster.
EOF
    echo
    trace_check "-P 1: one read() per request ($N reads of 36 bytes)" \
        test "${DATA_READS[1]}" -eq "$N" -a "${BYTES_IN[1]}" -eq $((N * 36))
    trace_check "-P 1: one write() per reply ($N writes of 5 bytes)" \
        test "${WRITES[1]}" -eq "$N" -a "${BYTES_OUT[1]}" -eq $((N * 5))
    trace_check "-P 16: one read() per 16 requests ($((N / 16)) reads of 576 bytes)" \
        test "${DATA_READS[16]}" -eq $((N / 16)) -a "${BYTES_IN[16]}" -eq $((N * 36))
    trace_check "-P 16: one write() per 16 replies ($((N / 16)) writes of 80 bytes)" \
        test "${WRITES[16]}" -eq $((N / 16)) -a "${BYTES_OUT[16]}" -eq $((N * 5))
fi

# --- 3. protocol errors ---------------------------------------------------------------------------

trace_section "3. Protocol errors on the wire: the error reply, then the server closes"
if trace_have nc netcat-openbsd; then
    PCAP3=$TRACE_TMP/errors.pcap
    CAPTURED3=0
    if TOOL=$(trace_capture_tool); then
        trace_step "capture: $TOOL on lo, filter \"tcp port $PORT\""
        trace_capture_start lo "tcp port $PORT" "$PCAP3" && CAPTURED3=1
    fi
    STRACE3=$TRACE_TMP/strace-errors.txt
    TRACED3=0
    if command -v strace >/dev/null 2>&1 && trace_strace_start "$PID" "$STRACE3" read,write,close,shutdown 2>/dev/null; then
        TRACED3=1
        trace_say "(strace attached again: -e trace=read,write,close,shutdown)"
    fi
    ERR_INPUTS=('*1\r\n+PING\r\n' '*2147483648\r\n')
    ERR_TEXTS=()
    for input in "${ERR_INPUTS[@]}"; do
        trace_step "printf '$input' | nc 127.0.0.1 $PORT"
        # nc sends its input and, without -q or -N, keeps its side of the connection open: it
        # quits when the server closes. (timeout: in case a server never does.)
        # shellcheck disable=SC2059  # the input is a printf format on purpose, as in class
        printf "$input" | timeout 5 nc 127.0.0.1 "$PORT" >"$TRACE_TMP/nc.out" 2>&1
        ERR_TEXTS+=("$(file_text "$TRACE_TMP/nc.out")")
        trace_say "nc printed \"${ERR_TEXTS[-1]}\" and quit: the server had closed the connection."
    done
    ((TRACED3)) && trace_strace_stop
    if ((CAPTURED3)); then
        trace_wait_until 5 "both connections to be closed in the capture" connections_closed_in "$PCAP3" 2
        trace_capture_stop
        if ((HAVE_TSHARK)); then
            trace_step "the packets of both connections (conn 0: *1 +PING, conn 1: *2147483648)"
            trace_pcap_packets "$PCAP3" "$PORT"
            cat <<'EOF'

    In both: handshake, request, the error reply, and right after it the server's FIN. After a
    protocol error the server closes the connection, as Redis does: it cannot know where the next
    request would start in the bytes that follow. nc sees the end of the stream, quits, and its
    own FIN comes last. (With nc -q1 or -N, nc half-closes as soon as its input ends, so its FIN
    comes before the reply: that is nc's doing, not the server's.)
EOF
            echo
            for s in 0 1; do
                first_fin=$(tshark -r "$PCAP3" -Y "tcp.stream == $s && tcp.flags.fin == 1" -T fields -e tcp.srcport 2>/dev/null | head -n 1)
                trace_check "conn $s: the server sent the first FIN" trace_same "$first_fin" "$PORT"
            done
        else
            trace_step "the packets of both connections (tcpdump -A; sudo apt-get install tshark for a table)"
            tcpdump -nn -A -r "$PCAP3" "tcp port $PORT" 2>/dev/null | sed -E 's/, options \[[^]]*\]//' | trace_indent '      | '
        fi
    fi
    if ((TRACED3)); then
        trace_step "the server's system calls for those two connections (strace)"
        trace_strace_join "$STRACE3" | shorten_strace | grep -E '<TCPv6:\[:[0-9]+->' | grep -v EAGAIN |
            drop_tid_time | cut -c1-160 | trace_indent '      '
        cat <<'EOF'

    read() the request, write() the error, shutdown(SHUT_WR): "I will send nothing more", which
    makes the kernel send the FIN; then close(). The server did not wait for more input.
EOF
    fi
    echo
    trace_check "*1 +PING -> -ERR Protocol error: expected '\$', got '+'" \
        trace_same "${ERR_TEXTS[0]}" "-ERR Protocol error: expected '\$', got '+'\\r\\n"
    trace_check "*2147483648 -> -ERR Protocol error: invalid multibulk length" \
        trace_same "${ERR_TEXTS[1]}" '-ERR Protocol error: invalid multibulk length\r\n'

    if trace_have redis-server redis-server; then
        trace_step "the same two inputs against a real redis-server"
        RPORT=$(trace_free_port)
        redis-server --port "$RPORT" --bind 127.0.0.1 --save '' --appendonly no >"$TRACE_TMP/redis.log" 2>&1 &
        RPID=$!
        trace_on_exit "trace_stop_pid $RPID"
        if trace_wait_until 10 "redis-server to answer PING" trace_ping "$RPORT"; then
            trace_say "$(redis-server --version | cut -d' ' -f1-3), port $RPORT"
            printf '*1\r\n+PING\r\n' | timeout 5 nc 127.0.0.1 "$RPORT" >"$TRACE_TMP/nc.out" 2>&1
            REAL_PING=$(file_text "$TRACE_TMP/nc.out")
            trace_say "printf '*1\\r\\n+PING\\r\\n' | nc 127.0.0.1 $RPORT  ->  \"$REAL_PING\", then closed"
            printf '*2147483648\r\n' | timeout 5 nc 127.0.0.1 "$RPORT" >"$TRACE_TMP/nc.out" 2>&1
            REAL_OVER=$(file_text "$TRACE_TMP/nc.out")
            trace_say "printf '*2147483648\\r\\n' | nc 127.0.0.1 $RPORT  ->  \"$REAL_OVER\", then closed"
            # Redis would keep this connection open: send with bash's /dev/tcp and wait one second
            # for a reply line instead of letting nc hang.
            REAL_BIG_RC=9
            line=""
            if trace_connect R "$RPORT"; then
                trace_send "$R" '*2147483647\r\n'
                trace_read_line "$R" 1 line
                REAL_BIG_RC=$?
                trace_close "$R"
            fi
            if ((REAL_BIG_RC == 2)); then
                trace_say "'*2147483647\\r\\n' (sent with bash /dev/tcp)  ->  no reply within 1 s, connection still open"
            else
                trace_say "'*2147483647\\r\\n' (sent with bash /dev/tcp)  ->  \"$line\" (read status $REAL_BIG_RC)"
            fi
            cat <<'EOF'

    Both errors are the same, byte for byte. To *2147483647 Redis 7 says nothing and waits
    for the first "$": it accepts any element count up to 2147483647 (INT_MAX), but allocates
    room for at most 1024 arguments and grows the array only as elements actually arrive
    (networking.c, processMultibulkBuffer). Lab 3 follows the same rule, and only a count above
    INT_MAX (*2147483648) is "invalid multibulk length" (see lab3-resp-parser/README.md). Older
    Redis refused counts over 1024*1024. Either way, a 13-byte header must not make a server
    allocate gigabytes.
EOF
            echo
            trace_check "real Redis sends the same expected-'\$' error" trace_same "$REAL_PING" "${ERR_TEXTS[0]}"
            trace_check "real Redis sends the same error for *2147483648" trace_same "$REAL_OVER" "${ERR_TEXTS[1]}"
            trace_check "real Redis 7 does not answer *2147483647 (it waits for the elements)" \
                test "$REAL_BIG_RC" -eq 2
        fi
        trace_stop_pid "$RPID"
    fi
fi

# --- end ------------------------------------------------------------------------------------------

trace_step "the server's log: one line per accepted connection"
trace_indent '      | ' <"$LOG"
trace_stop_pid "$PID"
trace_checks_done "$HANDOUT"
exit
