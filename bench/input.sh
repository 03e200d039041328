#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/input.sh: --input speed (issue 10): lines/s of two builds reading one strace log, alternated.
#
#   bash bench/input.sh OLD_HYTRACE NEW_HYTRACE [LOG] [REPS]
#
# LOG defaults to /tmp/hyt-input-bench.log, made by `strace -f -o LOG find /usr -type f` when
# absent.  Each repetition runs OLD then NEW (the order swaps every repetition) for each output
# (text and json to /dev/null); the CPU time of each run (perf stat -e task-clock) gives
# lines per CPU-second; the medians are printed.
set -u
old=$1 new=$2 log=${3:-/tmp/hyt-input-bench.log} reps=${4:-5}

if [ ! -s "$log" ]; then
	strace -f -o "$log" find /usr -type f > /dev/null || exit 1
fi
lines=$(wc -l < "$log")

cpu_s() {	# BIN FORMAT: the CPU seconds of one run (perf stat's task-clock)
	perf stat -x, -e task-clock -o /tmp/hyt-input-stat.$$ -- \
		"$1" --input "$log" --format="$2" -o /dev/null > /dev/null 2>&1
	awk -F, '/task-clock/ { printf "%.4f\n", $1 / 1000 }' /tmp/hyt-input-stat.$$
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

echo "log: $log ($lines lines), $reps repetitions alternated"
printf '| output | OLD s | NEW s | OLD lines/s | NEW lines/s | NEW/OLD time |\n|---|---:|---:|---:|---:|---:|\n'
for fmt in text json; do
	: > /tmp/hyt-input-old.$$; : > /tmp/hyt-input-new.$$
	for ((i = 0; i < reps; i++)); do
		if ((i % 2)); then
			cpu_s "$new" $fmt >> /tmp/hyt-input-new.$$
			cpu_s "$old" $fmt >> /tmp/hyt-input-old.$$
		else
			cpu_s "$old" $fmt >> /tmp/hyt-input-old.$$
			cpu_s "$new" $fmt >> /tmp/hyt-input-new.$$
		fi
	done
	o=$(median < /tmp/hyt-input-old.$$) n=$(median < /tmp/hyt-input-new.$$)
	awk -v f=$fmt -v o="$o" -v n="$n" -v l="$lines" 'BEGIN {
		printf "| %s | %.3f | %.3f | %.2fM | %.2fM | %.2f |\n", f, o, n,
			(o > 0 ? l / o / 1e6 : 0), (n > 0 ? l / n / 1e6 : 0), (o > 0 ? n / o : 0) }'
done
rm -f /tmp/hyt-input-old.$$ /tmp/hyt-input-new.$$ /tmp/hyt-input-stat.$$
