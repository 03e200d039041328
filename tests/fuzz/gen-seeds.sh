#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-seeds.sh: the reader target's seed corpus: real strace logs of one workload under many
# option sets, each cut to its first 25 and last 60 lines (tests/fuzz/corpus/reader/seed-*.log).
#   sh tests/fuzz/gen-seeds.sh [STRACE]   (run by hand, the result committed; needs strace 6.x)
# The workload forks, runs threads, exchanges a signal, blocks in a read (unfinished/resumed
# lines under -f) and writes binary data (-x, -xx).
set -e
cd "$(dirname "$0")/../.."
STRACE=${1:-strace}
dir=tests/fuzz/corpus/reader
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$dir"
# sh: a pipe between two processes (a blocking read), a signal to a child, binary bytes
work='printf "a\001\377b\n" | cat >/dev/null; sleep 0.05 & kill -USR1 $! 2>/dev/null; wait
ls -d / /nonexistent 2>/dev/null; echo done'

# the start (exec, the loader) and the end (forks, signals, exits) of a log
cut() {
	if [ "$(wc -l <"$1")" -le 85 ]; then
		cat "$1"
	else
		head -n 25 "$1"
		tail -n 60 "$1"
	fi >"$2"
}

seed() {
	name=$1
	shift
	$STRACE "$@" -o "$tmp/$name" sh -c "$work" >/dev/null 2>&1 || true
	cut "$tmp/$name" "$dir/seed-$name.log"
}

seed f -f
seed tt-T -f -tt -T
seed yy-v-s -f -yy -v -s 4096
seed x -x
seed xx -xx
seed ttt -f -ttt
seed r -r
seed plain
seed t-signals -f -t -e trace=kill,rt_sigaction,rt_sigreturn,wait4,clone,execve
seed ff-style -f -e trace=read,write,pipe2,dup2,close -e signal=all
seed attach-e -f -e trace=%process,%signal -e status=successful
seed C -f -C
# stderr form: "[pid N]" prefixes, the "strace: Process N attached" lines
$STRACE -f sh -c "$work" 2>"$tmp/stderr" >/dev/null || true
cut "$tmp/stderr" "$dir/seed-stderr-f.log"
# -ff writes FILE.PID: the lines of one process without any prefix
$STRACE -ff -tt -o "$tmp/ff" sh -c "$work" >/dev/null 2>&1 || true
for f in "$tmp"/ff.*; do
	cut "$f" "$dir/seed-ff-one-process.log"
	break
done
du -sh "$dir"
