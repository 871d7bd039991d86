#!/usr/bin/env bash
#
# handouts/trace/lab8.sh: the classroom demo `./lab trace 8` runs.
#
#     bash handouts/trace/lab8.sh [REPO_ROOT]        (REPO_ROOT defaults to this file's ../..)
#
# Starts lab 8's server (lab8-replication/target/lab8-replication.jar) on 127.0.0.1, on a port the
# kernel picks, with no persistence, writes a few keys into it (strings, a list, a set, a TTL, in
# databases 0 and 3), then starts a REAL redis-server as its replica (redis-server --replicaof:
# the classroom demo, a real Redis replicating from the student's server) while tcpdump (or
# tshark) captures the primary's port on lo. Then, with annotations, from that one capture:
#   1. The handshake: the replica's PING, REPLCONF listening-port, REPLCONF capa eof capa psync2,
#      PSYNC ? -1, and the primary's +PONG, +OK, +OK.
#   2. +FULLRESYNC <replid> <offset>, then the snapshot: $<len>\r\n and the RDB, its REDIS0010 magic
#      visible; the replica has the keys (DBSIZE of databases 0 and 3).
#   3. The stream: writes in database 3, then 0, arrive as RESP commands, each change of database
#      preceded by SELECT.
#   4. REPLCONF ACK <offset> from the replica, once a second.
#   5. The link cut (CLIENT KILL TYPE master on the replica) and a write made meanwhile: the
#      replica reconnects with PSYNC <replid> <offset+1> and the primary answers +CONTINUE and
#      the backlog's bytes; INFO stats: sync_full:1, sync_partial_ok:1.
#   6. The student's replica: lab 8 started with --replicaof the same primary; its handshake next
#      to Redis's, command by command.
# Non-interactive, about 30 s on a 2-core machine (hard limit 150 s). Needs redis-server, redis-cli,
# tshark and, for the capture, root and tcpdump or tshark: without them it says which Debian package
# is missing and exits 0 (nothing to show). Exit 1 if the server cannot start or behaves differently
# from what the handout explains (each check prints [ok]/[UNEXPECTED]). TRACE_KEEP=1 keeps the
# capture. TRACE_PRIMARY=redis runs the same demo with a real redis-server as the primary (the
# reference the handout's output is compared with).
# The handout that walks through this output: handouts/lab8-replication.md.

# Functions called through trace_check/trace_wait_until look unreachable to shellcheck; '$...'
# strings are RESP bytes or awk programs, not variables.
# shellcheck disable=SC2317,SC2016

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "${1:-$HERE/../..}" && pwd) || exit 1
# shellcheck source=common.sh
source "$HERE/common.sh"

JAR=$ROOT/lab8-replication/target/lab8-replication.jar
HANDOUT=handouts/lab8-replication.md
PRIMARY_KIND=${TRACE_PRIMARY:-lab8}

trace_init "lab 8" 150

# --- small helpers for this demo ----------------------------------------------------------------

at_least() { (($1 >= $2)); }
between() { (($1 >= $2 && $1 <= $3)); }
matches() { [[ $1 =~ $2 ]]; }

# cli PORT ARGS...: redis-cli against 127.0.0.1:PORT, raw output (no "(integer)" decorations)
cli() {
    local port=$1
    shift
    redis-cli -p "$port" --raw "$@" 2>&1
}

# info_field PORT SECTION FIELD: FIELD's value in INFO SECTION
info_field() { cli "$1" INFO "$2" | tr -d '\r' | sed -n "s/^$3://p"; }

link_up() { [[ $(info_field "$1" replication master_link_status) == up ]]; }
has_value() { [[ $(cli "$1" -n "${4:-0}" GET "$2") == "$3" ]]; }

# streams PCAP FILTER: the tcp.stream numbers of the connections whose packets match FILTER, in order
streams() { tshark -r "$1" -Y "$2" -T fields -e tcp.stream 2>/dev/null | awk '!seen[$0]++'; }

# bytes_of PCAP STREAM DIRECTION: that connection's payload bytes, as escaped text, one direction
# (to: client to server, from: server to client)
bytes_of() {
    local dir=tcp.dstport
    [[ $3 == from ]] && dir=tcp.srcport
    trace_pcap_payload_hex "$1" "tcp.stream == $2 && $dir == $PORT" | trace_hex_to_text
}

# commands TEXT: the RESP commands in escaped TEXT (*N\r\n$L\r\nWORD\r\n...), one a line, words
# separated by spaces (binary-free: the client side of a replication link)
commands() {
    sed 's/\\r\\n/\n/g' <<<"$1" | awk '
        /^\*[0-9]+$/ { if (line != "") print line; line = ""; n = substr($0, 2); next }
        /^\$[0-9]+$/ || /^$/ { next }
        { line = (line == "") ? $0 : line " " $0 }
        END { if (line != "") print line }'
}

# acks PCAP STREAM: "time offset" of every REPLCONF ACK the replica sent on STREAM
acks() {
    tshark -r "$1" -Y "tcp.stream == $2 && tcp.dstport == $PORT && tcp.len > 0" -T fields \
        -e frame.time_relative -e tcp.payload 2>/dev/null |
        awk -F'\t' "$TRACE_AWK_ESCAPE"'{ t = trace_escape($2)
            while (match(t, /REPLCONF\\r\\n\$3\\r\\nACK\\r\\n\$[0-9]+\\r\\n[0-9]+/)) {
                a = substr(t, RSTART, RLENGTH); sub(/.*\\r\\n/, "", a); printf "%.3f %s\n", $1, a
                t = substr(t, RSTART + RLENGTH) } }'
}

# psync_asks COMMAND REPLID LOW HIGH: COMMAND is PSYNC REPLID n with LOW <= n <= HIGH
psync_asks() {
    local words
    read -r -a words <<<"$1"
    [[ ${words[0]:-} == PSYNC && ${words[1]:-} == "$2" && ${words[2]:-} =~ ^[0-9]+$ ]] && between "${words[2]}" "$3" "$4"
}

# acked_up_to N: at least N ACKs captured, the last one for the primary's whole stream; sets ACKS
# (the ACK lines), OFFSET (the primary's master_repl_offset) and LAST_ACK, read together
acked_up_to() {
    ACKS=$(acks "$PCAP" "$SYNC_STREAM")
    OFFSET=$(info_field "$PORT" replication master_repl_offset)
    LAST_ACK=$(tail -n 1 <<<"$ACKS" | cut -d' ' -f2)
    (($(wc -l <<<"$ACKS") >= $1)) && [[ $LAST_ACK == "$OFFSET" ]]
}

# slave0_at LINE PORT OFFSET: INFO's slave0 value names the replica's port, online, at OFFSET or
# later (the primary's PING every 10 s moves it on)
slave0_at() {
    [[ $1 =~ ^ip=127\.0\.0\.1,port=$2,state=online,offset=([0-9]+),lag=[0-9]+$ ]] && ((BASH_REMATCH[1] >= $3))
}

# --- the tools and the primary ------------------------------------------------------------------

cd "$TRACE_TMP" || exit 1
trace_section "Lab 8 trace: a real redis-server replicating from lab 8's server"
for tool in redis-server:redis-server redis-cli:redis-tools tshark:tshark java:default-jre-headless ss:iproute2; do
    trace_have "${tool%%:*}" "${tool#*:}" || exit 0
done
trace_capture_tool >/dev/null || exit 0
if ! trace_is_root; then
    trace_say "[skipped] capturing packets on lo needs root (sudo ./lab trace 8)."
    exit 0
fi

if [[ $PRIMARY_KIND == redis ]]; then
    PORT=$(trace_free_port) || exit 1
    trace_step "start the primary: redis-server --port $PORT --save \"\" --appendonly no --repl-diskless-sync-delay 0"
    redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --repl-diskless-sync-delay 0 \
        --dir "$TRACE_TMP" --dbfilename primary.rdb >primary.log 2>&1 &
    PID=$!
    trace_on_exit "trace_stop_pid $PID"
    trace_wait_until 10 "the primary's PONG" trace_ping "$PORT" || exit 1
else
    trace_step "start the primary: java -jar lab8-replication.jar --bind 127.0.0.1 --port 0 --save \"\" --appendonly no"
    trace_start_jar "$JAR" 0 "$TRACE_TMP/primary.log" --save "" --appendonly no --dir "$TRACE_TMP" || exit 1
    PORT=$TRACE_SERVER_PORT
    PID=$TRACE_SERVER_PID
fi
trace_say "pid $PID, port $PORT"

trace_step "data before any replica: strings, a list, a set, a key with a TTL, in databases 0 and 3"
{
    cli "$PORT" SET greeting hello
    cli "$PORT" SET counter 41
    cli "$PORT" RPUSH queue a b c
    cli "$PORT" SADD tags red green 7
    cli "$PORT" SET session abc EX 3600
    cli "$PORT" -n 3 SET other-db yes
} | tr '\n' ' ' | trace_indent '    '
echo

PCAP=$TRACE_TMP/replication.pcap
trace_step "capture: tcpdump -i lo -w replication.pcap 'tcp port $PORT'"
trace_capture_start lo "tcp port $PORT" "$PCAP" || exit 1

RPORT=$(trace_free_port) || exit 1
trace_step "start a real replica: redis-server --port $RPORT --replicaof 127.0.0.1 $PORT --save \"\" --appendonly no"
mkdir -p replica
redis-server --port "$RPORT" --bind 127.0.0.1 --replicaof 127.0.0.1 "$PORT" --save "" --appendonly no \
    --dir "$TRACE_TMP/replica" >replica.log 2>&1 &
RPID=$!
trace_on_exit "trace_stop_pid $RPID"
if ! trace_wait_until 20 "the replica's master_link_status:up" link_up "$RPORT"; then
    trace_say "the replica's log:"
    trace_indent '      | ' <replica.log
    exit 1
fi
trace_say "INFO replication on the replica: master_link_status:$(info_field "$RPORT" replication master_link_status)"

# --- 1. the handshake ---------------------------------------------------------------------------

trace_section "1. The handshake: PING, REPLCONF listening-port, REPLCONF capa, PSYNC"
SYNC_STREAM=$(streams "$PCAP" 'tcp.payload contains "PSYNC"' | head -n 1)
if [[ -z $SYNC_STREAM ]]; then
    trace_say "no connection sent PSYNC to port $PORT: the capture has nothing to show."
    exit 1
fi
trace_step "the replica's connection (tcp.stream $SYNC_STREAM): every packet until the snapshot starts"
trace_pcap_packets "$PCAP" "$PORT" "tcp.stream == $SYNC_STREAM" 110 | awk 'NR == 1 || !done { print } /FULLRESYNC/ { done = 1 }' | head -n 16
SENT=$(bytes_of "$PCAP" "$SYNC_STREAM" to)
GOT=$(bytes_of "$PCAP" "$SYNC_STREAM" from)
mapfile -t HANDSHAKE < <(commands "$SENT" | head -n 4)
trace_step "the replica's first four commands, decoded"
printf '%s\n' "${HANDSHAKE[@]}" | trace_indent '      '
trace_check "first PING, answered +PONG" eval '[[ ${HANDSHAKE[0]:-} == PING && $GOT == "+PONG\\r\\n"* ]]'
trace_check "REPLCONF listening-port $RPORT (the replica's own port, for INFO's slave0 line)" \
    trace_same "${HANDSHAKE[1]:-}" "REPLCONF listening-port $RPORT"
trace_check "REPLCONF capa eof capa psync2" trace_same "${HANDSHAKE[2]:-}" "REPLCONF capa eof capa psync2"
trace_check "PSYNC ? -1 (a new replica: no replication ID, no offset)" trace_same "${HANDSHAKE[3]:-}" "PSYNC ? -1"
trace_check "both REPLCONFs answered +OK" matches "$GOT" '^\+PONG\\r\\n\+OK\\r\\n\+OK\\r\\n\+FULLRESYNC'

# --- 2. +FULLRESYNC and the snapshot ----------------------------------------------------------------

trace_section "2. +FULLRESYNC <replid> <offset>, then the snapshot: \$<len>\\r\\n and REDIS0010"
FULL=${GOT#*+FULLRESYNC}
FULL="+FULLRESYNC${FULL}"
trace_step "the primary's bytes from +FULLRESYNC on (first 260 characters, escaped as redis-cli would)"
printf '%s\n' "${FULL:0:260}" | fold -w 100 | trace_indent '      '
trace_check "+FULLRESYNC, a 40-hex-digit replication ID and an offset" matches "$FULL" '^\+FULLRESYNC [0-9a-f]{40} [0-9]+\\r\\n'
if [[ $FULL =~ ^\+FULLRESYNC\ [0-9a-f]{40}\ [0-9]+\\r\\n(\\n)*\$EOF: ]]; then
    trace_say "(\$EOF:<40 random bytes>: the diskless form, the RDB streamed with no length, ended by the same 40 bytes)"
    trace_check "the RDB starts with REDIS0010 after \$EOF:<mark>\\r\\n" matches "$FULL" '^\+FULLRESYNC [^\\]*\\r\\n(\\n)*\$EOF:.{40}\\r\\nREDIS0010'
else
    trace_check "the RDB starts with REDIS0010 after \$<len>\\r\\n" matches "$FULL" '^\+FULLRESYNC [^\\]*\\r\\n(\\n)*\$[0-9]+\\r\\nREDIS0010'
fi
trace_check "the RDB's aux fields are there: redis-ver" matches "$FULL" 'redis-ver'
trace_step "the replica's data: DBSIZE in databases 0 and 3, TTL session, LRANGE queue 0 -1"
D0=$(cli "$RPORT" DBSIZE); D3=$(cli "$RPORT" -n 3 DBSIZE); TTL=$(cli "$RPORT" TTL session)
QUEUE=$(cli "$RPORT" LRANGE queue 0 -1 | tr '\n' ' ')
trace_say "db 0: $D0 keys; db 3: $D3 keys; TTL session: $TTL; queue: $QUEUE"
trace_check "the replica has 5 keys in db 0 and 1 in db 3" trace_same "$D0/$D3" "5/1"
trace_check "the TTL came along (an absolute expire time in ms in the RDB)" between "${TTL:-0}" 3500 3600
trace_check "the list kept its order" trace_same "$QUEUE" "a b c "

# --- 3. the stream --------------------------------------------------------------------------------

trace_section "3. The stream: every write, as the RESP command, SELECT when the database changes"
trace_step "redis-cli -n 3 SET colour blue; redis-cli -n 3 SADD tags x; redis-cli -n 0 INCR counter"
MARK=$(tshark -r "$PCAP" -Y "tcp.stream == $SYNC_STREAM && tcp.srcport == $PORT" -T fields -e frame.number 2>/dev/null | tail -n 1)
cli "$PORT" -n 3 SET colour blue >/dev/null
cli "$PORT" -n 3 SADD tags x >/dev/null
cli "$PORT" INCR counter >/dev/null
trace_wait_until 5 "the replica's counter to be 42" has_value "$RPORT" counter 42 || true
trace_wait_until 3 "the capture to hold the INCR" eval 'bytes_of "$PCAP" "$SYNC_STREAM" from | grep -q INCR'
trace_step "the primary's packets on the replica's connection after the snapshot"
trace_pcap_packets "$PCAP" "$PORT" "tcp.stream == $SYNC_STREAM && tcp.srcport == $PORT && frame.number > ${MARK:-0} && tcp.len > 0" 120
STREAM=$(trace_pcap_payload_hex "$PCAP" "tcp.stream == $SYNC_STREAM && tcp.srcport == $PORT && frame.number > ${MARK:-0}" | trace_hex_to_text)
mapfile -t FED < <(commands "$STREAM" | grep -v '^PING$' | grep -v '^REPLCONF GETACK')
trace_step "decoded"
printf '%s\n' "${FED[@]}" | trace_indent '      '
trace_check "SELECT 3, SET colour blue, SADD tags x, SELECT 0, INCR counter" \
    trace_same "$(printf '%s|' "${FED[@]}")" "SELECT 3|SET colour blue|SADD tags x|SELECT 0|INCR counter|"
trace_check "the replica applied them: GET colour in db 3 is blue" has_value "$RPORT" colour blue 3

# --- 4. acknowledgements ------------------------------------------------------------------------------

trace_section "4. REPLCONF ACK <offset>: the replica's acknowledgement, once a second"
ACKS="" OFFSET="" LAST_ACK=""
trace_wait_until 8 "four REPLCONF ACKs in the capture, the last for the whole stream" acked_up_to 4 || true
trace_step "the replica's ACKs (seconds since the capture started, the offset it acknowledges)"
tail -n 6 <<<"$ACKS" | trace_indent '      '
GAP=$(awk 'NR > 1 { printf "%d\n", ($1 - p) * 1000 } { p = $1 }' <<<"$ACKS" | sort -n |
    awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }')
trace_say "median gap: $GAP ms; the primary's master_repl_offset: $OFFSET; the last ACK: ${LAST_ACK:-none}"
trace_check "one ACK a second (median gap 900-1100 ms)" between "${GAP:-0}" 900 1100
trace_check "the last ACK acknowledges the primary's whole stream (offset $OFFSET)" trace_same "${LAST_ACK:-}" "$OFFSET"
SLAVE0=$(info_field "$PORT" replication slave0)
trace_say "INFO replication on the primary: slave0:$SLAVE0"
trace_check "slave0 shows the replica online at that offset" slave0_at "$SLAVE0" "$RPORT" "$OFFSET"

# --- 5. a cut link and a partial resync ----------------------------------------------------------------

trace_section "5. The link cut: PSYNC <replid> <offset+1>, +CONTINUE, the backlog's bytes"
REPLID=$(info_field "$PORT" replication master_replid)
OFFSET=$(info_field "$RPORT" replication slave_repl_offset)
trace_step "redis-cli -p $RPORT CLIENT KILL TYPE master   (the replica drops its link); then, at once, SET during-cut 1 on the primary"
cli "$RPORT" CLIENT KILL TYPE master | trace_indent '    '
AT_CUT=$(info_field "$PORT" replication master_repl_offset)
cli "$PORT" SET during-cut 1 >/dev/null
trace_wait_until 10 "the replica to see during-cut" has_value "$RPORT" during-cut 1 || true
trace_wait_until 5 "the replica's link to be up again" link_up "$RPORT" || true
CONT_STREAM=$(streams "$PCAP" 'tcp.payload contains "PSYNC"' | sed -n 2p)
if [[ -n $CONT_STREAM ]]; then
    trace_step "the new connection (tcp.stream $CONT_STREAM)"
    trace_pcap_packets "$PCAP" "$PORT" "tcp.stream == $CONT_STREAM && tcp.len > 0" 120 | head -n 12
    SENT2=$(bytes_of "$PCAP" "$CONT_STREAM" to)
    GOT2=$(bytes_of "$PCAP" "$CONT_STREAM" from)
    PSYNC2=$(commands "$SENT2" | grep '^PSYNC' | head -n 1)
    trace_say "the replica asked: $PSYNC2 (its offset before the cut: $OFFSET)"
    # (the primary's PING every 10 s could land between reading the replica's offset and the cut)
    trace_check "PSYNC with the primary's replication ID and offset+1" \
        psync_asks "$PSYNC2" "$REPLID" $((OFFSET + 1)) $((AT_CUT + 1))
    trace_check "+CONTINUE $REPLID, no snapshot" eval '[[ $GOT2 == *"+CONTINUE $REPLID\\r\\n"* && $GOT2 != *REDIS0010* ]]'
    trace_check "the write made during the cut arrived after +CONTINUE" matches "$GOT2" 'CONTINUE.*during-cut'
else
    trace_check "the replica reconnected with PSYNC" false
fi
FULLS=$(info_field "$PORT" stats sync_full); PARTIAL=$(info_field "$PORT" stats sync_partial_ok)
trace_say "INFO stats on the primary: sync_full:$FULLS sync_partial_ok:$PARTIAL"
trace_check "sync_full:1 sync_partial_ok:1" trace_same "$FULLS/$PARTIAL" "1/1"
trace_say "the replica's log:"
grep -E 'partial resynchronization|Successful partial|MASTER <-> REPLICA sync' replica.log | sed 's/^[0-9]*:S //' | trace_indent '      | '
trace_check "Redis's replica logged a successful partial resynchronization" trace_log_has replica.log 'Successful partial resynchronization'

# --- 6. the student's replica ----------------------------------------------------------------------

trace_section "6. The student's replica: lab 8 with --replicaof, the same handshake"
if [[ -f $JAR ]]; then
    trace_step "java -jar lab8-replication.jar --port 0 --replicaof 127.0.0.1 $PORT --save \"\" --appendonly no"
    mkdir -p ours
    if trace_start_jar "$JAR" 0 "$TRACE_TMP/ours.log" --replicaof 127.0.0.1 "$PORT" --save "" --appendonly no \
        --dir "$TRACE_TMP/ours"; then
        OPORT=$TRACE_SERVER_PORT
        trace_wait_until 20 "lab 8's master_link_status:up" link_up "$OPORT" || true
        OURS_STREAM=$(streams "$PCAP" "tcp.payload contains \"listening-port\" && tcp.payload contains \"$OPORT\"" | head -n 1)
        OURS=()
        [[ -z $OURS_STREAM ]] || mapfile -t OURS < <(commands "$(bytes_of "$PCAP" "$OURS_STREAM" to)" | head -n 4)
        trace_step "side by side: Redis's replica | lab 8's replica"
        for i in 0 1 2 3; do printf '      %-40s | %s\n' "${HANDSHAKE[i]:-}" "${OURS[i]:-}"; done
        trace_check "lab 8's handshake: PING, REPLCONF listening-port $OPORT, REPLCONF capa eof capa psync2, PSYNC ? -1" \
            trace_same "$(printf '%s|' "${OURS[@]}")" "PING|REPLCONF listening-port $OPORT|REPLCONF capa eof capa psync2|PSYNC ? -1|"
        trace_check "lab 8's replica has the data: GET colour in db 3 is blue" has_value "$OPORT" colour blue 3
        trace_check "and refuses a client's write: -READONLY" \
            trace_same "$(cli "$OPORT" SET x 1)" "READONLY You can't write against a read only replica."
    fi
else
    trace_say "[skipped] $JAR is missing."
fi

trace_checks_done "$HANDOUT"
exit
