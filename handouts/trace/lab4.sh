#!/usr/bin/env bash
#
# handouts/trace/lab4.sh: the classroom demo `./lab trace 4` runs.
#
#     bash handouts/trace/lab4.sh [REPO_ROOT]        (REPO_ROOT defaults to this file's ../..)
#
# Starts lab 4's server (lab4-persistence/target/lab4-persistence.jar) several times on 127.0.0.1,
# each on a port the kernel picks and with a data directory of its own (--dir a, b-always, ...)
# in a temp dir, and shows, with annotations:
#   1. SAVE in system calls. strace -f -T on the server while redis-cli runs SET x 1 and SAVE: the
#      snapshot written to temp-<pid>.json through a 64 KiB buffer, fsync'ed, closed, renamed over
#      dump.json (Java's Files.move with ATOMIC_MOVE is rename(2)), the directory opened and
#      fsync'ed, and only then the +OK. Then the same SAVE on a real redis-server, if installed.
#   2. appendfsync always against everysec. redis-benchmark -t set -c 1 without strace (the rates),
#      then under strace -f -T -C: under always the server thread calls fdatasync once per request,
#      and once per batch with -P 16 (group commit), before the replies leave; under everysec the
#      server thread only writes and the thread named aof-fsync calls fdatasync once a second.
#      Then BGREWRITEAOF shrinks the benchmark's file to one SET.
#   3. kill -9. redis-cli writes keys under appendfsync always, the JVM is killed in the middle and
#      started again: every acknowledged key is there. Then a torn tail (half a command appended
#      to appendonly.aof): the server cuts it off at startup, with Redis's three log lines.
#   4. redis-check-aof. Redis's own checker finds our file valid; a copy with one byte changed in
#      the middle is not, and the checker and our server (which refuses to start, exit status 1,
#      one line) name the same offset. On the torn copy of part 3 the checker stops where the
#      server cut.
# Non-interactive, about 25 s on a 2-core machine with an SSD (hard limit 150 s; a slow disk makes
# parts 2 and 3 longer, each fsync waiting for it). A missing redis-cli/redis-benchmark/redis-check-aof or
# strace skips what needs it, printing the Debian package (exit 0). Exit 1 if a server cannot start
# or behaves differently from what the handout explains (each check prints [ok]/[UNEXPECTED]).
# The data directories go under TMPDIR, or /var/tmp when TMPDIR is a tmpfs (in RAM an fsync costs
# nothing, and part 2 would have nothing to show). TRACE_KEEP=1 keeps them and the strace logs.
# The handout that walks through this output: handouts/lab4-persistence.md.

# Functions called through trace_check/trace_wait_until look unreachable to shellcheck; helpers
# whose argument is optional are called without one; '$...' strings are RESP bytes or awk
# programs, not variables.
# shellcheck disable=SC2317,SC2119,SC2016

set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "${1:-$HERE/../..}" && pwd) || exit 1
# shellcheck source=common.sh
source "$HERE/common.sh"

JAR=$ROOT/lab4-persistence/target/lab4-persistence.jar
HANDOUT=handouts/lab4-persistence.md

trace_init "lab 4" 150

# --- small helpers for this demo ----------------------------------------------------------------

# Checks use common.sh's trace_check and trace_same.
at_least() { (($1 >= $2)); }
between() { (($1 >= $2 && $1 <= $3)); }
less_than() { (($1 < $2)); }
size_of() { stat -c %s "$1"; }
file_at_least() { [[ -f $1 ]] && (($(stat -c %s "$1") >= $2)); }
gone() { ! kill -0 "$1" 2>/dev/null; }

# start_server DIR ARG...: lab 4's server with --dir DIR (created) and ARG..., its log in
# DIR-<n>.log (n counts the starts); sets PID, PORT and SERVER_LOG. Exits the script if it does
# not start.
STARTS=0
start_server() {
    local dir=$1
    shift
    mkdir -p "$dir"
    STARTS=$((STARTS + 1))
    SERVER_LOG=$DATA/$dir-$STARTS.log
    if ! trace_start_jar "$JAR" 0 "$SERVER_LOG" --dir "$dir" "$@"; then
        exit 1
    fi
    PID=$TRACE_SERVER_PID
    PORT=$TRACE_SERVER_PORT
}

# The lines of the server's log (the current one, $SERVER_LOG) that match the regex $1.
log_lines() { grep -E -- "$1" "$SERVER_LOG" | shorten; }

# shorten: this run's paths made relative to the data directory (the script's working directory),
# strace -yy's loopback addresses cut: 13<TCPv6:[:41234->:50412]>, 7<TCP:[:6379->:50412]>.
shorten() {
    sed -e "s#$DATA_RE/##g" -e "s#$DATA_RE#.#g" -e 's/\[::ffff:127\.0\.0\.1\]//g' \
        -e 's/<TCP:\[127\.0\.0\.1:\([0-9]*\)->127\.0\.0\.1:\([0-9]*\)\]>/<TCP:[:\1->:\2]>/g'
}

# Strips strace -f's TID from the start of a line (keeps the -tt time).
drop_tid() { sed -E 's/^[0-9]+ +//'; }

# thread_name PID TID: the name Linux keeps for the thread (the JVM sets it from the Java name,
# cut to 15 characters), as ps -T and /proc/PID/task/TID/comm show it.
thread_name() { cat "/proc/$1/task/$2/comm" 2>/dev/null || echo "?"; }

# names_of PID: the names of the TIDs on stdin (one a line), sorted, without repeats, joined by ", ".
names_of() {
    local t
    sort -u | while read -r t; do thread_name "$1" "$t"; done | sort -u | paste -s -d, - | sed 's/,/, /g'
}

# show_threads PID: the two threads that matter here, as ps -T lists them.
show_threads() {
    if command -v ps >/dev/null 2>&1; then
        ps -T -o spid,comm -p "$1" | awk 'NR == 1 || /server-|aof-fsync/'
    else
        local t
        printf '  SPID COMMAND\n'
        for t in /proc/"$1"/task/*; do
            printf '%6s %s\n' "${t##*/}" "$(cat "$t/comm" 2>/dev/null)"
        done | awk '/server-|aof-fsync/'
    fi
}

# rate PORT N PIPELINE: requests per second of redis-benchmark -t set -c 1 -n N -P PIPELINE.
rate() {
    redis-benchmark -p "$1" -t set -c 1 -n "$2" -P "$3" --csv 2>/dev/null | awk -F'"' '$2 == "SET" { printf "%d", $4 }'
}

# median: the middle one of the numbers on stdin (one a line).
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

# aof_counts LOG: from a joined strace -f -T log, "READS AOF_WRITES FSYNCS OK_WRITES UNSYNCED_OKS":
# read() calls on a socket that returned requests, write() calls to appendonly.aof, fdatasync()/
# fsync() calls on it (any thread), write() calls of replies that start with +OK, and how many of
# those went out while the file held bytes written but not yet fsynced (a reply acknowledging a
# write the disk may not have).
aof_counts() {
    awk '
        $3 ~ /^read\(/ && /TCP/ && $(NF - 1) ~ /^[1-9][0-9]*$/ { reads++ }
        $3 ~ /^write\(/ && /appendonly\.aof>/ && $(NF - 1) ~ /^[1-9][0-9]*$/ { writes++; pending = 1 }
        $3 ~ /^f(data)?sync\(/ && /appendonly\.aof>/ { fsyncs++; pending = 0 }
        $3 ~ /^write\(/ && /TCP/ && /"\+OK/ { oks++; if (pending) unsynced++ }
        END { print reads + 0, writes + 0, fsyncs + 0, oks + 0, unsynced + 0 }' "$1"
}

# fsync_lines LOG: the fdatasync()/fsync() calls on appendonly.aof, as "TID SECONDS DURATION".
fsync_lines() {
    awk '$3 ~ /^f(data)?sync\(/ && /appendonly\.aof>/ {
        split($2, t, ":"); d = $NF; gsub(/[<>]/, "", d)
        printf "%s %.6f %s\n", $1, t[1] * 3600 + t[2] * 60 + t[3], d
    }' "$1"
}

# The TIDs that called fdatasync on the file, with how many calls each: "TID COUNT" lines.
fsync_threads() { fsync_lines "$1" | awk '{ n[$1]++ } END { for (t in n) print t, n[t] }'; }

# one_request LOG PATTERN: the first read() whose text contains PATTERN (fixed string) and the
# next three system calls of the same thread: request, file write, fsync, reply.
one_request() {
    PATTERN=$2 awk '
        !tid && $3 ~ /^read\(/ && index($0, ENVIRON["PATTERN"]) { tid = $1; n = 0 }
        tid && $1 == tid && n < 4 { print; n++ }' "$1" | drop_tid
}

# flip_byte FILE OFFSET CHAR: overwrites one byte of FILE, in place.
flip_byte() { printf '%s' "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

# bytes_at FILE OFFSET COUNT: those bytes, escaped (\r\n as text).
bytes_at() {
    od -An -v -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n' | trace_hex_to_text
}

# redis_save_compare: the same SET and SAVE against a real redis-server, under the same strace;
# checks that it makes the same five steps (its directory fsync is an fdatasync).
redis_save_compare() {
    local rport rpid log=$TRACE_TMP/redis-save.strace
    rport=$(trace_free_port) || return 0
    mkdir -p redis
    trace_step "the same against a real redis-server: redis-server --port $rport --dir redis --save '' --appendonly no"
    redis-server --port "$rport" --bind 127.0.0.1 --dir "$DATA/redis" --save '' --appendonly no >redis.log 2>&1 &
    rpid=$!
    trace_on_exit "trace_stop_pid $rpid"
    if ! trace_wait_until 10 "redis-server to answer PING" trace_ping "$rport"; then
        trace_say "[skipped] redis-server did not start."
        return 0
    fi
    redis-cli -p "$rport" SET x 1 >/dev/null 2>&1
    if ! trace_strace_start "$rpid" "$log" "$SAVE_CALLS" -T -s 32; then
        trace_say "[skipped] strace could not attach to redis-server."
        trace_stop_pid "$rpid"
        return 0
    fi
    trace_say "$(redis-server --version | cut -d' ' -f1-3); redis-cli -p $rport SAVE -> $(redis-cli -p "$rport" SAVE 2>&1)"
    trace_strace_stop
    trace_stop_pid "$rpid"
    # its main thread's calls from the temp file to the reply (Redis opens /proc/self/stat now and then)
    trace_strace_join "$log" | shorten | drop_tid |
        awk '/temp-[0-9]+\.rdb/ { on = 1 } on && !/proc\/self/ { print } on && /\+OK/ { exit }' >redis-save.lines
    trace_indent '    ' <redis-save.lines
    local rdb_open rdb_sync rdb_rename dir_sync
    rdb_open=$(grep -n -m1 'openat(.*"temp-[0-9]*\.rdb", O_WRONLY|O_CREAT|O_TRUNC' redis-save.lines | cut -d: -f1)
    rdb_sync=$(grep -n -m1 '^[0-9:.]* fsync(' redis-save.lines | cut -d: -f1)
    rdb_rename=$(grep -n -m1 'rename("temp-[0-9]*\.rdb", "dump\.rdb") = 0' redis-save.lines | cut -d: -f1)
    dir_sync=$(grep -n -m1 'f\(data\)\?sync(.*<redis>)\|fdatasync(' redis-save.lines | cut -d: -f1)
    echo
    trace_check "Redis too: temp-<pid>.rdb, fsync, rename to dump.rdb, then a flush of the directory, then +OK" \
        in_order "$rdb_open" "$rdb_sync" "$rdb_rename" "$dir_sync" "$(wc -l <redis-save.lines)"
}

# in_order N...: true if every N is set and each is greater than the one before.
in_order() {
    local prev=0 n
    for n in "$@"; do
        [[ -n $n ]] && ((n > prev)) || return 1
        prev=$n
    done
}

# --- the data directory ---------------------------------------------------------------------------

if ! trace_have java default-jre-headless || ! trace_have ss iproute2; then
    exit 1
fi
DATA=$TRACE_TMP
FSTYPE=$(stat -f -c %T "$TRACE_TMP" 2>/dev/null)
if [[ $FSTYPE == tmpfs || $FSTYPE == ramfs ]] && [[ -d /var/tmp && $(stat -f -c %T /var/tmp 2>/dev/null) != tmpfs ]]; then
    if DATA=$(mktemp -d /var/tmp/trace-lab4.XXXXXX); then
        if [[ ${TRACE_KEEP:-0} == 1 ]]; then
            trace_on_exit "echo '[lab 4] data kept in $DATA'"
        else
            trace_on_exit "rm -rf -- '$DATA'"
        fi
        FSTYPE=$(stat -f -c %T "$DATA")
    else
        DATA=$TRACE_TMP
    fi
fi
cd "$DATA" || exit 1
# $DATA as a sed regex (shorten)
DATA_RE=$(printf '%s' "$DATA" | sed 's/[][\.*^$#]/\\&/g')

trace_section "Lab 4 trace: the snapshot and the append-only file, in system calls and on disk"
trace_say "Repository: $ROOT" "Server jar: $JAR"
trace_say "Data directories: in a temp dir on $FSTYPE; the paths below are relative to it."
if [[ $FSTYPE == tmpfs || $FSTYPE == ramfs ]]; then
    trace_say "(it is in RAM: fsync returns at once, so part 2's rates will hardly differ)"
fi

# --- 1. SAVE ---------------------------------------------------------------------------------------

trace_section "1. SAVE: an atomic snapshot, in system calls"
if trace_have redis-cli redis-tools && trace_have strace strace; then
    trace_step "start: java -jar lab4-persistence.jar --port 0 --dir a --save \"\""
    start_server a --save ""
    trace_say "pid $PID, port $PORT. --save \"\": no save points, so only SAVE writes a snapshot."

    trace_step "2,000 keys first (key:1 .. key:2000), sent with redis-cli --pipe: a snapshot of ~110 KB"
    for ((i = 1; i <= 2000; i++)); do trace_resp_command SET "key:$i" "value-$i"; done >preload.resp
    redis-cli -p "$PORT" --pipe <preload.resp 2>&1 | tail -n 1 | trace_indent '      '

    SAVE_LOG=$TRACE_TMP/save.strace
    SAVE_CALLS=openat,write,fsync,fdatasync,rename,renameat,renameat2,close
    trace_step "attach: strace -f -tt -T -yy -e trace=$SAVE_CALLS -p $PID"
    if trace_strace_start "$PID" "$SAVE_LOG" "$SAVE_CALLS" -T -s 64; then
        trace_step "redis-cli -p $PORT SET x 1, then redis-cli -p $PORT SAVE"
        redis-cli -p "$PORT" SET x 1 2>&1 | trace_indent '      '
        redis-cli -p "$PORT" SAVE 2>&1 | trace_indent '      '
        trace_strace_stop
        trace_strace_join "$SAVE_LOG" | shorten >save.lines
        # The server thread is the one that opened the temp file: its calls only (the JVM's other
        # threads now and then read cgroup files, nothing to do with SAVE).
        SAVER=$(awk '/openat\(.*temp-[0-9]+\.json/ { print $1; exit }' save.lines)
        trace_step "what the server thread did (thread $SAVER, $(thread_name "$PID" "${SAVER:-0}")): both connections, in order"
        # from the first connection's "accepted" line (before it: the readiness PING's close)
        awk -v t="${SAVER:-none}" '$1 == t && /accepted/ { on = 1 } $1 == t && on' save.lines >save.server
        drop_tid <save.server | grep -v "<detached \.\.\.>" | trace_indent '    '

        # The order the handout claims, from line numbers in save.server.
        line_of() { grep -n -m1 -E -- "$1" save.server | cut -d: -f1; }
        TEMP="a/temp-$PID\\.json"
        L_OPEN=$(line_of "openat\\(.*\"$TEMP\", O_WRONLY\\|O_CREAT\\|O_TRUNC")
        TFD=$(sed -n "${L_OPEN:-0}s/.*= \\([0-9]*\\)<a\\/temp-.*/\\1/p" save.server 2>/dev/null)
        W_LINES=$(grep -n -E -- "write\\(${TFD:-x}<$TEMP>" save.server | cut -d: -f1 | tr '\n' ' ')
        read -r -a W_ARRAY <<<"$W_LINES"
        W_BYTES=$(grep -E -- "write\\(${TFD:-x}<$TEMP>" save.server | awk '{ s += $(NF - 1) } END { print s + 0 }')
        L_FSYNC=$(line_of "fsync\\(${TFD:-x}<$TEMP>\\) = 0")
        L_CLOSE=$(line_of "close\\(${TFD:-x}<$TEMP>\\) = 0")
        L_RENAME=$(line_of "rename(at2?)?\\(.*\"$TEMP\", .*\"a/dump\\.json\".*= 0")
        L_DIR=$(line_of "openat\\(.*\"a\", O_RDONLY")
        DFD=$(sed -n "${L_DIR:-0}s/.*= \\([0-9]*\\)<a>.*/\\1/p" save.server 2>/dev/null)
        L_DSYNC=$(line_of "fsync\\(${DFD:-x}<a>\\) = 0")
        L_OK=$(awk -v after="${L_DSYNC:-999999}" 'NR > after && /write\(.*TCP.*"\+OK\\r\\n"/ { print NR; exit }' save.server)
        echo
        trace_check "openat temp-$PID.json (the server's pid), O_CREAT|O_TRUNC" test -n "$L_OPEN"
        trace_check "${#W_ARRAY[@]} write(s) of the snapshot to it, $W_BYTES bytes: the size of dump.json ($(size_of a/dump.json))" \
            trace_same "$W_BYTES" "$(size_of a/dump.json)"
        trace_check "then fsync of the temp file, close, rename temp-$PID.json -> dump.json" \
            in_order "$L_OPEN" "${W_ARRAY[0]:-}" "${W_ARRAY[${#W_ARRAY[@]} - 1]:-}" "$L_FSYNC" "$L_CLOSE" "$L_RENAME"
        trace_check "then openat of the directory a (O_RDONLY) and fsync of it" in_order "$L_RENAME" "$L_DIR" "$L_DSYNC"
        trace_check "and only then SAVE's +OK goes out on the socket" in_order "$L_DSYNC" "$L_OK"
        A_FILES=$(find a -mindepth 1 -printf '%f ')
        trace_check "no temp file left in a/: $A_FILES" trace_same "$A_FILES" "dump.json "
        trace_step "the snapshot, dump.json (one line of JSON; the first 150 bytes)"
        head -c 150 a/dump.json | trace_indent '    '
        echo "..."
        cat <<'EOF'

    SAVE writes the whole keyspace to a NEW file, temp-<pid>.json, next to the snapshot, through
    a 64 KiB buffer (so 2,000 keys take two write() calls), then fsync: the bytes are on the disk.
    rename() then replaces dump.json in one step: anyone who opens dump.json gets the old file or
    the new one, never half of each. The rename is a change to the DIRECTORY, so the directory is
    opened and fsynced too, or a power cut could bring back the old name. Only then does the reply
    leave. SAVE runs on the server thread: every other client waits (BGSAVE does the writing on
    another thread). -T: the time spent in each call; fsync's is the device confirming the bytes.
EOF
        if command -v redis-server >/dev/null 2>&1; then
            redis_save_compare
        else
            trace_say "" "(redis-server is not installed, so no comparison with real Redis: sudo apt-get install redis-server)"
        fi
    else
        trace_say "[skipped] strace could not attach (try as root: sudo ./lab trace 4)."
    fi
    trace_stop_pid "$PID"
fi

# --- 2. appendfsync always vs everysec ---------------------------------------------------------------

trace_section "2. appendfsync always vs everysec: who calls fdatasync, and how often"
# traced_run PIPELINE N: redis-benchmark -t set -c 1 -n N -P PIPELINE under strace; the log in
# $TRACE_TMP/always-P<PIPELINE>.strace, joined in always-P<PIPELINE>.lines. Returns 1 if strace
# could not attach.
traced_run() {
    local p=$1 n=$2 log=$TRACE_TMP/always-P$1.strace
    trace_step "strace -f -tt -T -C -e trace=read,write,fdatasync,fsync -p $PID   while   redis-benchmark -p $PORT -t set -c 1 -n $n -P $p"
    if ! trace_strace_start "$PID" "$log" read,write,fdatasync,fsync -T -C -s 45; then
        trace_say "[skipped] strace could not attach (try as root: sudo ./lab trace 4)."
        return 1
    fi
    redis-benchmark -p "$PORT" -t set -c 1 -n "$n" -P "$p" --csv >/dev/null 2>&1
    trace_strace_stop
    trace_strace_join "$log" | shorten >"always-P$p.lines"
}

R_ALWAYS_1="" R_ALWAYS_16="" R_EVERYSEC_1="" R_EVERYSEC_16=""
if trace_have redis-benchmark redis-tools; then
    HAVE_STRACE=0
    trace_have strace strace && HAVE_STRACE=1

    # --- always ---
    trace_step "start: java -jar lab4-persistence.jar --port 0 --dir b-always --appendonly yes --appendfsync always --save \"\""
    start_server b-always --appendonly yes --appendfsync always --save ""
    trace_say "pid $PID, port $PORT. Its threads that matter (ps -T -o spid,comm -p $PID):"
    show_threads "$PID" | trace_indent '      '
    SERVER_THREAD="server-$PORT"
    trace_step "the rates first, without strace (a short warm-up, then -n 500 and -n 4000 -P 16)"
    redis-benchmark -p "$PORT" -t set -c 1 -n 400 -P 16 --csv >/dev/null 2>&1
    R_ALWAYS_1=$(rate "$PORT" 500 1)
    R_ALWAYS_16=$(rate "$PORT" 4000 16)
    trace_say "always, -P 1: ${R_ALWAYS_1:-?} SETs per second;  -P 16: ${R_ALWAYS_16:-?} per second"

    N1=500 N16=1600
    if ((HAVE_STRACE)) && traced_run 1 "$N1" && traced_run 16 "$N16"; then
        read -r RD1 AW1 FS1 OK1 UNS1 < <(aof_counts always-P1.lines)
        read -r RD16 AW16 FS16 OK16 UNS16 < <(aof_counts always-P16.lines)
        trace_step "one request under -P 1, on the server thread: read, write to the file, fdatasync, reply"
        one_request always-P1.lines 'SET\r\n' | trace_indent '      '
        trace_step "one batch under -P 16: 16 requests in one read, one write, ONE fdatasync, 16 replies in one write"
        one_request always-P16.lines 'SET\r\n' | trace_indent '      '
        trace_step "strace -C's summary of the -P 1 run (all threads)"
        sed -n '/^% time/,$p' "$TRACE_TMP/always-P1.strace" | trace_indent '      '
        MED1=$(fsync_lines always-P1.lines | awk '{ print $3 }' | median)
        MED16=$(fsync_lines always-P16.lines | awk '{ print $3 }' | median)
        echo
        awk -v n1="$N1" -v n16="$N16" -v rd1="$RD1" -v rd16="$RD16" -v aw1="$AW1" -v aw16="$AW16" \
            -v fs1="$FS1" -v fs16="$FS16" -v ok1="$OK1" -v ok16="$OK16" -v m1="$MED1" -v m16="$MED16" 'BEGIN {
            printf "      %-44s %10s %10s\n", "appendfsync always", "-P 1", "-P 16"
            printf "      %-44s %10d %10d\n", "SET requests", n1, n16
            printf "      %-44s %10d %10d\n", "read() calls that brought requests", rd1, rd16
            printf "      %-44s %10d %10d\n", "write() calls to appendonly.aof", aw1, aw16
            printf "      %-44s %10d %10d\n", "fdatasync(appendonly.aof)", fs1, fs16
            printf "      %-44s %10.3f %10.3f\n", "fdatasync calls per request", fs1 / n1, fs16 / n16
            printf "      %-44s %10d %10d\n", "write() calls of +OK replies", ok1, ok16
            printf "      %-44s %9.2fms %9.2fms\n", "fdatasync time, median (-T)", m1 * 1000, m16 * 1000
        }'
        FS_THREADS=$(fsync_threads always-P1.lines; fsync_threads always-P16.lines)
        FS_NAMES=$(awk '{ print $1 }' <<<"$FS_THREADS" | names_of "$PID")
        trace_say "" "the fdatasync calls came from thread(s): $FS_NAMES" \
            "(one read more than the batches: redis-benchmark's CONFIG GET, on a connection of its own)"
        cat <<'EOF'

    Under always, lab 4 writes the commands of a batch to the file and calls fdatasync BEFORE it
    sends a single reply (Persistence.beforeReply, Redis's beforeSleep). A client that reads +OK
    knows its SET is on the disk. -P 1: one request per read, so one fdatasync per request, and the
    rate is bounded by the disk's flush time. -P 16: the 16 SETs of a read share one write and one
    fdatasync, group commit: the same guarantee for each of them at a sixteenth of the flushes.
    fdatasync (FileChannel.force(false)) skips metadata such as the modification time; the file's
    size is still flushed, since the data could not be read back without it. strace -c's time
    column is CPU time spent in the kernel: a flush mostly WAITS for the disk, which -T shows.
EOF
        echo
        trace_check "-P 1: one fdatasync per request ($N1 for $N1 SETs)" trace_same "$FS1" "$N1"
        trace_check "-P 16: about one per batch of 16 ($FS16 for $((N16 / 16)) batches; at most 25% more)" \
            between "$FS16" $((N16 / 16)) $((N16 * 5 / 64))
        trace_check "every fdatasync ran on the server thread ($SERVER_THREAD)" \
            trace_same "$FS_NAMES" "$SERVER_THREAD"
        trace_check "no +OK left before the file was fsynced ($((UNS1 + UNS16)) of $((OK1 + OK16)) replies did)" \
            trace_same "$((UNS1 + UNS16))" 0
    fi

    trace_step "BGREWRITEAOF: the file now holds every SET; the keyspace holds one key"
    SIZE_BEFORE=$(size_of b-always/appendonly.aof)
    trace_say "redis-benchmark's key is literally key:__rand_int__ (only -r randomises it), so all of"
    trace_say "those SETs overwrote one key. appendonly.aof: $SIZE_BEFORE bytes. redis-cli -p $PORT BGREWRITEAOF:"
    redis-cli -p "$PORT" BGREWRITEAOF 2>&1 | trace_indent '      '
    trace_wait_until 20 "the rewrite to finish" trace_log_has "$SERVER_LOG" 'rewrite finished successfully'
    log_lines 'rewrit' | trace_indent '      | '
    SIZE_AFTER=$(size_of b-always/appendonly.aof)
    trace_say "appendonly.aof: $SIZE_AFTER bytes: $(bytes_at b-always/appendonly.aof 0 "$SIZE_AFTER")"
    { trace_resp_command SELECT 0; trace_resp_command SET key:__rand_int__ VXK; } >rewritten.expected
    trace_check "the rewritten file is SELECT 0 and one SET ($SIZE_BEFORE -> $SIZE_AFTER bytes)" \
        cmp -s b-always/appendonly.aof rewritten.expected
    trace_say "A background thread wrote temp-rewriteaof-bg-<pid>.aof from a frozen copy of the" \
        "keyspace; the server thread appended what came in meanwhile, fsynced it, renamed it over" \
        "appendonly.aof and fsynced the directory: SAVE's recipe again."
    trace_stop_pid "$PID"

    # --- everysec ---
    trace_step "start: ... --dir b-everysec --appendonly yes --appendfsync everysec --save \"\""
    start_server b-everysec --appendonly yes --appendfsync everysec --save ""
    trace_say "pid $PID, port $PORT. Its threads that matter (ps -T -o spid,comm -p $PID):"
    show_threads "$PID" | trace_indent '      '
    SERVER_THREAD="server-$PORT"
    trace_step "the rates, without strace (a warm-up, then -n 10000 and -n 40000 -P 16)"
    redis-benchmark -p "$PORT" -t set -c 1 -n 2000 -P 16 --csv >/dev/null 2>&1
    R_EVERYSEC_1=$(rate "$PORT" 10000 1)
    R_EVERYSEC_16=$(rate "$PORT" 40000 16)
    trace_say "everysec, -P 1: ${R_EVERYSEC_1:-?} SETs per second;  -P 16: ${R_EVERYSEC_16:-?} per second"

    ES_LOG=$TRACE_TMP/everysec.strace
    if ((HAVE_STRACE)); then
        trace_step "strace -f -tt -T -e trace=read,write,fdatasync,fsync -p $PID   while   redis-benchmark -t set -c 1 runs for 3 s"
        if trace_strace_start "$PID" "$ES_LOG" read,write,fdatasync,fsync -T -s 45; then
            timeout -s INT 3 redis-benchmark -p "$PORT" -t set -c 1 -n 100000000 --csv >/dev/null 2>&1
            # The last writes are fsynced within a second: wait until that fdatasync has returned
            # (a finished call after the last write in the log) before detaching.
            fsync_after_last_write() {
                awk '/write\(.*appendonly\.aof>/ { w = NR } /fdatasync\(.*appendonly\.aof>\) = |<\.\.\. fdatasync resumed>/ { f = NR }
                     END { exit !(w && f > w) }' "$ES_LOG"
            }
            trace_wait_until 3 "the fdatasync that follows the last write" fsync_after_last_write
            trace_strace_stop
            trace_strace_join "$ES_LOG" | shorten >everysec.lines
            read -r _ AWE FSE OKE UNSE < <(aof_counts everysec.lines)
            trace_step "every fdatasync of the 3 s (TID, time, call, -T), and a few of the server thread's writes"
            grep -E 'fdatasync\(' everysec.lines | trace_indent '      '
            trace_say "  ..."
            grep -E 'write\(.*appendonly\.aof>' everysec.lines | sed -n '1000,1002p' | trace_indent '      '
            trace_say "  ..."
            FS_THREADS=$(fsync_threads everysec.lines)
            FS_NAMES=$(awk '{ print $1 }' <<<"$FS_THREADS" | names_of "$PID")
            W_THREADS=$(awk '$3 ~ /^write\(/ && /appendonly\.aof>/ { print $1 }' everysec.lines | names_of "$PID")
            mapfile -t GAPS < <(fsync_lines everysec.lines | awk 'NR > 1 { printf "%.3f\n", $2 - prev } { prev = $2 }')
            # the exposure: from the last write to the file to the fdatasync that covered it
            EXPOSURE=$(awk '
                $3 ~ /^write\(/ && /appendonly\.aof>/ { split($2, t, ":"); w = t[1] * 3600 + t[2] * 60 + t[3] }
                $3 ~ /^fdatasync\(/ && /appendonly\.aof>/ { split($2, t, ":"); f = t[1] * 3600 + t[2] * 60 + t[3] }
                END { if (w && f > w) printf "%.3f", f - w; else print "-1" }' everysec.lines)
            echo
            trace_say "$AWE write() calls to appendonly.aof by: $W_THREADS" \
                "$FSE fdatasync() calls by: $FS_NAMES" \
                "seconds between two fdatasync calls: ${GAPS[*]}" \
                "$UNSE of $OKE +OK replies left while the file had writes not yet fsynced" \
                "the last write to the file was fsynced $EXPOSURE s later"
            cat <<'EOF'

    Under everysec (Redis's default) the server thread writes each batch to the file before it
    replies, exactly as under always, but does not wait for the disk: the write() lands in the
    kernel's page cache. A thread of its own, aof-fsync (Redis: a bio thread), calls fdatasync
    once a second if something was written. The reply no longer means "on the disk": a power cut
    or kernel crash loses up to about a second of acknowledged writes. A crash of the server
    process loses nothing, since the kernel already holds the bytes (part 3).
EOF
            echo
            trace_check "every fdatasync ran on the aof-fsync thread, none on $SERVER_THREAD" trace_same "$FS_NAMES" "aof-fsync"
            trace_check "the server thread did the writes ($AWE of them)" \
                trace_same "$W_THREADS" "$SERVER_THREAD"
            trace_check "about one fdatasync a second: $FSE for 3 s of load (2 to 5)" between "$FSE" 2 5
            gaps_ok() { ((${#GAPS[@]} > 0)) && awk 'BEGIN { for (i = 1; i < ARGC; i++) if (ARGV[i] < 0.8 || ARGV[i] > 1.25) exit 1 }' "${GAPS[@]}"; }
            trace_check "one second apart (0.8 to 1.25 s each)" gaps_ok
            trace_check "the last write was on the disk within ~1 s ($EXPOSURE s)" \
                awk -v e="$EXPOSURE" 'BEGIN { exit !(e >= 0 && e <= 1.25) }'
        else
            trace_say "[skipped] strace could not attach (try as root: sudo ./lab trace 4)."
        fi
    fi
    trace_stop_pid "$PID"

    trace_step "the four rates side by side (SETs per second; one short run each, no strace)"
    printf '      %-24s %12s %12s\n' "" "-P 1" "-P 16"
    printf '      %-24s %12s %12s\n' "appendfsync always" "${R_ALWAYS_1:-?}" "${R_ALWAYS_16:-?}"
    printf '      %-24s %12s %12s\n' "appendfsync everysec" "${R_EVERYSEC_1:-?}" "${R_EVERYSEC_16:-?}"
    trace_say "" "Compare them on one machine; the always column is the disk's flush time, elsewhere" \
        "it can be 20 times better (a fast SSD) or worse (a spinning disk, a network volume)."
fi

# --- 3. kill -9 ------------------------------------------------------------------------------------

trace_section "3. kill -9 under appendfsync always, then a torn tail"
AOF_C=c/appendonly.aof
if trace_have redis-cli redis-tools; then
    trace_step "start: java -jar lab4-persistence.jar --port 0 --dir c --appendonly yes --appendfsync always --save \"\""
    start_server c --appendonly yes --appendfsync always --save ""
    trace_say "pid $PID, port $PORT"
    trace_step "redis-cli -p $PORT < writes.txt   (30,000 lines SET key:N value-N; redis-cli prints OK per reply)"
    for ((i = 1; i <= 30000; i++)); do printf 'SET key:%d value-%d\n' "$i" "$i"; done >writes.txt
    redis-cli -p "$PORT" <writes.txt >acks.txt 2>cli-errors.txt &
    WRITER=$!
    trace_on_exit "kill $WRITER 2>/dev/null"
    trace_wait_until 30 "appendonly.aof to reach 20,000 bytes" file_at_least "$AOF_C" 20000
    trace_step "kill -9 $PID, in the middle of the writes (appendonly.aof had reached 20 KB)"
    kill -9 "$PID"
    { wait "$PID"; } 2>/dev/null
    trace_wait_until 60 "redis-cli to go through the rest of its input" gone "$WRITER"
    ACKED=$(grep -c '^OK$' acks.txt)
    trace_say "redis-cli printed $ACKED OKs on stdout; on stderr \"$(head -n 1 cli-errors.txt)\" for the SET" \
        "in flight, then an error for each of the $(($(wc -l <cli-errors.txt) - 1)) lines left (reset, then refused: nobody listens)."
    LAST_CMD=$(grep -abo '\*3' "$AOF_C" | tail -n 1 | cut -d: -f1)
    trace_say "the file's last command: \"$(bytes_at "$AOF_C" "$LAST_CMD" $(($(size_of "$AOF_C") - LAST_CMD)))\""

    trace_step "start again on the same directory (a new port)"
    start_server c --appendonly yes --appendfsync always --save ""
    log_lines 'loaded|Truncat|short read' | trace_indent '      | '
    trace_connect C "$PORT" || exit 1
    for ((i = 1; i <= ACKED; i++)); do printf 'key:%d\n' "$i"; done >acked-keys.txt
    mapfile -t KEYS <acked-keys.txt
    trace_resp_command EXISTS "${KEYS[@]}" >exists.resp
    cat exists.resp >&"$C"
    trace_read_line "$C" 10 REPLY
    EXISTS=${REPLY#:}
    trace_send "$C" 'DBSIZE\r\n'
    trace_read_line "$C" 5 REPLY
    DBSIZE=${REPLY#:}
    trace_close "$C"
    trace_say "EXISTS key:1 ... key:$ACKED -> $EXISTS   (how many of the acknowledged keys exist)" \
        "DBSIZE -> $DBSIZE" \
        "GET key:$ACKED -> $(redis-cli -p "$PORT" --no-raw GET "key:$ACKED" 2>&1)   (the last OK redis-cli printed)" \
        "GET key:$((ACKED + 1)) -> $(redis-cli -p "$PORT" --no-raw GET "key:$((ACKED + 1))" 2>&1)   (the one in flight when the JVM died)"
    echo
    trace_check "every acknowledged key survived kill -9 ($EXISTS of $ACKED)" trace_same "$EXISTS" "$ACKED"
    trace_check "at most one more: the write whose reply never arrived (DBSIZE $DBSIZE)" between "$DBSIZE" "$ACKED" $((ACKED + 1))
    cat <<'EOF'

    redis-cli prints OK only after the reply arrived, and under always no reply leaves before
    write() and fdatasync() of its command. The JVM died with a request in flight: its SET may be
    in the file (written and fsynced, the +OK lost with the process) or not (killed before the
    write). Either is correct; what must never happen is an OK for a key that is missing. Note that
    kill -9 does not test the fsync: the kernel outlives the process and still holds every byte
    write() gave it. With appendfsync no the keys would survive too; a power cut is another story.
EOF

    trace_step "a clean stop first: kill -TERM $PID (SIGTERM: what SHUTDOWN does)"
    trace_stop_pid "$PID"
    log_lines 'shutdown|fsync|bye' | trace_indent '      | '
    SIZE_C=$(size_of "$AOF_C")
    trace_step "a torn tail: printf '*3\\r\\n\$3\\r\\nSET\\r\\n\$1\\r\\nz' >> c/appendonly.aof"
    printf '*3\r\n$3\r\nSET\r\n$1\r\nz' >>"$AOF_C"
    cp "$AOF_C" torn-copy.aof
    trace_say "$SIZE_C -> $(size_of "$AOF_C") bytes; the file now ends: \"$(bytes_at "$AOF_C" $((SIZE_C - 30)) 48)\"" \
        "(half a SET, as a write() cut short by a power cut or a full disk leaves it)"
    trace_step "start again"
    start_server c --appendonly yes --appendfsync always --save ""
    log_lines 'AOF|append only' | trace_indent '      | '
    TORN_AFTER=$(size_of "$AOF_C")
    GET_Z=$(redis-cli -p "$PORT" --no-raw GET z 2>&1)
    trace_say "appendonly.aof: $TORN_AFTER bytes; GET z -> $GET_Z"
    echo
    trace_check "Redis's three lines: short read, Truncating at offset $SIZE_C, loaded anyway" \
        grep -q -E "Truncating the AOF appendonly\\.aof at offset $SIZE_C !!!" "$SERVER_LOG"
    trace_check "... the first and the last of them" \
        test "$(grep -c -E 'short read while loading the AOF file appendonly\.aof|loaded anyway because aof-load-truncated is enabled' "$SERVER_LOG")" -eq 2
    trace_check "the file was cut back to $SIZE_C bytes on disk" trace_same "$TORN_AFTER" "$SIZE_C"
    trace_check "the half-written SET was not applied (GET z -> (nil))" trace_same "$GET_Z" "(nil)"
    cat <<'EOF'

    A command is applied only once it is whole: the loader reads the file with lab 3's RESP
    decoder, and half a command at the end is "need more" when the file ends. That is a torn
    tail, what a crash in the middle of a write leaves, and Redis's default (aof-load-truncated
    yes) is to log it, cut the file at the end of the last whole command and start. The torn SET
    was never acknowledged: under always its reply would have waited for the fdatasync.
EOF
    trace_stop_pid "$PID"
fi

# --- 4. redis-check-aof ------------------------------------------------------------------------------

trace_section "4. redis-check-aof: Redis's checker on our file, and on a damaged copy"
if [[ ! -f $AOF_C ]]; then
    # part 3 was skipped: an append-only file written by hand, as the server would have written it
    mkdir -p c
    { trace_resp_command SELECT 0; for ((i = 1; i <= 1000; i++)); do trace_resp_command SET "key:$i" "value-$i"; done; } >"$AOF_C"
    trace_say "(part 3 did not run: c/appendonly.aof written by this script, SELECT 0 and 1,000 SETs)"
fi
HAVE_CHECKER=0
if trace_have redis-check-aof redis-tools; then
    HAVE_CHECKER=1
    trace_step "redis-check-aof c/appendonly.aof"
    redis-check-aof "$AOF_C" 2>&1 | shorten | trace_indent '      '
    trace_check "AOF appendonly.aof is valid" grep -q 'appendonly\.aof is valid' <(redis-check-aof "$AOF_C" 2>&1)
fi

mkdir -p d
cp "$AOF_C" d/appendonly.aof
MIDDLE=$(($(size_of d/appendonly.aof) / 2))
OFFSET=$(grep -abo '\*3' d/appendonly.aof | awk -F: -v m="$MIDDLE" '$1 >= m { print $1; exit }')
trace_step "a damaged copy: d/appendonly.aof, the command that starts at offset $OFFSET (mid-file) gets '*4' for '*3'"
trace_say "before: \"$(bytes_at d/appendonly.aof "$OFFSET" 40)...\""
flip_byte d/appendonly.aof $((OFFSET + 1)) 4
trace_say "after:  \"$(bytes_at d/appendonly.aof "$OFFSET" 40)...\""
trace_say "(as if the disk, a bad copy or a careless edit changed one byte)"
CHECKED_AT=""
if ((HAVE_CHECKER)); then
    trace_step "redis-check-aof d/appendonly.aof"
    redis-check-aof d/appendonly.aof >check-d.txt 2>&1
    CHECK_RC=$?
    shorten <check-d.txt | trace_indent '      '
    CHECKED_AT=$(sed -n 's/.*ok_up_to=\([0-9]*\),.*/\1/p' check-d.txt)
    trace_say "(exit status $CHECK_RC; the 0x... is where the checker stopped reading, in hex)"
fi
trace_step "our server on it: java -jar lab4-persistence.jar --port 0 --dir d --appendonly yes"
timeout 30 "${JAVA:-java}" -jar "$JAR" --bind 127.0.0.1 --port 0 --dir d --appendonly yes --save "" >d.out 2>d.err
START_RC=$?
trace_say "exit status $START_RC; its stderr:"
shorten <d.err | trace_indent '      | '
trace_say "its log (stdout):"
shorten <d.out | trace_indent '      | '
echo
trace_check "the server refused to start: exit status 1" trace_same "$START_RC" 1
trace_check "with one line on stderr" trace_same "$(wc -l <d.err)" 1
trace_check "naming offset $OFFSET, where the damaged command starts" grep -q "at offset $OFFSET " d.err
if ((HAVE_CHECKER)); then
    trace_check "redis-check-aof names the same offset (ok_up_to=$CHECKED_AT)" trace_same "$CHECKED_AT" "$OFFSET"
    if [[ -f torn-copy.aof ]]; then
        trace_step "and the torn copy of part 3 (before the server cut it): redis-check-aof torn-copy.aof"
        redis-check-aof torn-copy.aof 2>&1 | shorten | trace_indent '      '
        TORN_OK=$(redis-check-aof torn-copy.aof 2>&1 | sed -n 's/.*ok_up_to=\([0-9]*\),.*/\1/p')
        trace_check "ok_up_to=$TORN_OK: where our server truncated the file (${SIZE_C:-?})" trace_same "$TORN_OK" "${SIZE_C:-}"
    fi
fi
cat <<'EOF'

    The file is a stream of multibulks, and a reader knows where each command ends only by
    trusting the counts: *4 announces four arguments, so after SET, the key and the value the
    decoder expects a fourth "$" and finds the '*' of the next command. Everything before the
    damaged command is fine (ok_up_to), and both tools point at that offset. Damage in the MIDDLE
    is not a torn tail: the server will not guess, it stops and names the offset. The operator
    decides: redis-check-aof --fix cuts the file there, losing every command after it. And one
    byte changed inside a value (value-1234 -> value-1235) is found by neither: the AOF has no
    checksum (Redis's RDB files end with a CRC64).
EOF

# --- end -------------------------------------------------------------------------------------------

trace_checks_done "$HANDOUT"
exit
