#!/usr/bin/env bash
# ./lab bench 6 --memory [--quick]
#
# Lab 6's memory against Redis's, for the same data in the same run (dev.redisfromscratch.bench.
# MemoryVsRedis): 100k keys × 5-element list of short strings, 100k keys × 5-member set of small
# integers, 100k keys × 5-member set of short strings, one list of 1M elements, one set of 1M
# members. Ours: JOL deep sizes, split into keyspace / value objects / packed arrays. Redis's: the
# growth of used_memory while a redis-server started for the run loads the data, and MEMORY USAGE
# of sampled keys. Prints the table and writes it to lab6-lists-sets/target/memory.md, then the
# target: at most 1.5x Redis's bytes for the three small-collection datasets, met or not.
# --quick: every size divided by 100 (a smoke run, seconds). The full run takes a few minutes
# (JOL walks millions of objects) and about 3 GB of heap.
set -euo pipefail
ROOT=${1:?usage: memory.sh REPO_ROOT [--quick]}
shift
cd "$ROOT"

# shellcheck source=../../bench/common.sh
source bench/common.sh
bench_require redis-server redis-cli

M=lab6-lists-sets
OUT=$M/target/memory.md
CP="$M/target/test-classes:$M/target/classes:$(cat "$M/target/bench-classpath.txt")"
echo "+ java -Xmx3g -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true -cp $M/target/test-classes:$M/target/classes:\$(cat $M/target/bench-classpath.txt) dev.redisfromscratch.bench.MemoryVsRedis --out $OUT $*" >&2
java -Xmx3g -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true -cp "$CP" \
    dev.redisfromscratch.bench.MemoryVsRedis --out "$OUT" "$@"
echo "table: $OUT" >&2
