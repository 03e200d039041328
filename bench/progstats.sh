#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# progstats.sh: nanoseconds per run of each BPF program a tracer loaded, while W1 runs
# (kernel.bpf_stats_enabled=1; bench/README.md, issue 10).  Needs root.
#
#   bash bench/progstats.sh bg CMD...     CMD in the background (hytrace -a ..., bench/floor),
#                                         W1 beside it
#   bash bench/progstats.sh wrap CMD...   CMD traces W1: `CMD sh -c 'w1_getppid N; sleep 2'`
#                                         (e.g. wrap build/hytrace --backend=bpf -f -c -o /dev/shm/x)
#
# The programs are those whose ids the tracer's /proc/PID/fdinfo names; run_time_ns/run_cnt
# are read from there while they are loaded.  The averages cover every syscall of the machine
# that ran them (the tracer's hooks are global), W1's being most.  PROGSTATS_N: W1's calls
# (default 2000000).  The workload's own loop time is printed as "self".
set -u
cd "$(dirname "$0")/.." || exit 1
BIN=${OUTPUT:-build}/bench
N=${PROGSTATS_N:-2000000}
[ $# -ge 2 ] || { echo "usage: bash bench/progstats.sh bg|wrap CMD..." >&2; exit 2; }
mode=$1
shift
EL=$(mktemp /tmp/progstats.XXXXXX) || exit 1
old=$(sysctl -n kernel.bpf_stats_enabled)
trap 'sysctl -q kernel.bpf_stats_enabled="$old"; rm -f "$EL"' EXIT
sysctl -q kernel.bpf_stats_enabled=1 || exit 1

stats() {	# PID: one line per program that ran
	local f id name
	for f in /proc/"$1"/fdinfo/*; do
		id=$(sed -n 's/^prog_id:[[:space:]]*//p' "$f" 2>/dev/null)
		[ -n "$id" ] || continue
		name=$(bpftool prog show id "$id" 2>/dev/null | sed -n 's/.* name \([A-Za-z0-9_]*\).*/\1/p')
		awk -v n="$name" '/^run_time_ns/ { t = $2 } /^run_cnt/ { c = $2 }
			END { if (c > 0) printf "%-20s %10d runs %8.1f ns\n", n, c, t / c }' "$f" 2>/dev/null
	done
}

case $mode in
bg)
	"$@" >/dev/null 2>&1 &
	P=$!
	sleep 1.5	# no readiness signal: time to load and attach
	BENCH_ELAPSED_FILE=$EL "$BIN/w1_getppid" "$N"
	stats $P
	kill -INT $P
	wait $P ;;
wrap)
	: >"$EL"
	"$@" sh -c "BENCH_ELAPSED_FILE=$EL $BIN/w1_getppid $N; sleep 2" >/dev/null 2>&1 &
	P=$!
	while [ ! -s "$EL" ] && kill -0 $P 2>/dev/null; do sleep 0.1; done
	sleep 0.3
	stats $P
	wait $P ;;
*)	echo "progstats.sh: bg or wrap, not $mode" >&2; exit 2 ;;
esac
echo "self $(cut -d' ' -f1 "$EL") s for $N calls"
