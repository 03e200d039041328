#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# consumer_ab.sh OLD_BUILD NEW_BUILD: issue 10's consumer rows for two builds, alternated.
#
#   bash bench/consumer_ab.sh /tmp/hytrace-before/build build
#   AB_REPS=7 AB_N=2000000 AB_W1=1000000 AB_CELLS="consumer raw w1" bash bench/consumer_ab.sh OLD NEW
#
# OLD and NEW are build directories holding hytrace and bench/consumer (make, and make
# build/bench/consumer).  Cells: consumer: `bench/consumer N -a [--format=json]`, CPU seconds
# (user + system); raw: W1 captured once with NEW's `--backend=bpf -f --format=raw`, replayed by
# each `hytrace --input FILE -o /dev/null`, CPU seconds; w1: `hytrace --backend=bpf -f
# [--format=json] -o /dev/shm/F w1_getppid N` self-timed against untraced.  Each repetition
# runs OLD then NEW (swapped every other one), so both see the same machine.  Prints medians
# with min-max; eBPF cells need root.
set -u
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 1
[ $# -eq 2 ] || { echo "usage: bash bench/consumer_ab.sh OLD_BUILD_DIR NEW_BUILD_DIR" >&2; exit 2; }
old=$(realpath "$1") new=$(realpath "$2")
for b in "$old" "$new"; do
	[ -x "$b/hytrace" ] && [ -x "$b/bench/consumer" ] ||
		{ echo "consumer_ab.sh: $b: no hytrace or bench/consumer" >&2; exit 2; }
done
REPS=${AB_REPS:-7} N=${AB_N:-2000000} NW1=${AB_W1:-1000000} CELLS=${AB_CELLS:-consumer raw w1}
W1=$(realpath "$new/bench/w1_getppid")
[ -x "$W1" ] || make --no-print-directory -f bench/bench.mk bench-build >/dev/null || exit 1
TMP=$(mktemp -d /dev/shm/hytrace-cab.XXXXXX) || exit 1
trap 'rm -rf "$TMP"' EXIT
declare -A R

# cpu KEY CMD...: CPU seconds of CMD appended to R[KEY]
cpu() {
	local t
	t=$( { TIMEFORMAT='%U %S'; time "${@:2}" >/dev/null 2>&1 </dev/null; } 2>&1 )
	R[$1]+="$(awk '{ print $1 + $2 }' <<<"$t") "
}
# self KEY CMD...: the workload's own time (BENCH_ELAPSED_FILE) appended to R[KEY]
self() {
	rm -f "$TMP/el" "$TMP/F"
	BENCH_ELAPSED_FILE=$TMP/el "${@:2}" >/dev/null 2>&1 </dev/null
	[ -s "$TMP/el" ] && R[$1]+="$(cut -d' ' -f1 "$TMP/el") "
}
med() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)], a[1], a[NR] }'; }

RECS=
if [[ " $CELLS " == *" raw "* ]]; then
	"$new/hytrace" --backend=bpf -f --format=raw -o "$TMP/w1.raw" "$W1" "$NW1" >/dev/null 2>&1 </dev/null &&
		RECS=$("$new/hytrace" --input "$TMP/w1.raw" -o - 2>/dev/null | wc -l)
	[ -n "$RECS" ] || echo "raw: the capture failed (eBPF needs root)"
fi
for ((i = 0; i < REPS; i++)); do
	order="old new"
	((i % 2)) && order="new old"
	[[ " $CELLS " == *" w1 "* ]] && self untraced "$W1" "$NW1"
	for b in $order; do
		d=${!b}
		if [[ " $CELLS " == *" consumer "* ]]; then
			cpu "$b consumer text" "$d/bench/consumer" "$N" -a
			cpu "$b consumer json" "$d/bench/consumer" "$N" -a --format=json
		fi
		[ -n "$RECS" ] && cpu "$b raw text" "$d/hytrace" --input "$TMP/w1.raw" -o /dev/null
		if [[ " $CELLS " == *" w1 "* ]]; then
			self "$b w1 text" "$d/hytrace" --backend=bpf -f -o "$TMP/F" "$W1" "$NW1"
			self "$b w1 json" "$d/hytrace" --backend=bpf -f --format=json -o "$TMP/F" "$W1" "$NW1"
		fi
	done
done

echo "$REPS repetitions alternated; OLD=$old NEW=$new"
for k in "consumer text" "consumer json" "raw text"; do
	for b in old new; do
		[ -n "${R[$b $k]:-}" ] || continue
		n=$N
		[ "$k" = "raw text" ] && n=$RECS
		read -r m lo hi <<<"$(med <<<"${R[$b $k]}")"
		awk -v k="$b $k" -v m="$m" -v lo="$lo" -v hi="$hi" -v n="$n" 'BEGIN {
			printf "%s: %.3f CPU s (%.3f-%.3f), %.2fM per CPU-second (%.2f-%.2f)\n",
				k, m, lo, hi, n / m / 1e6, n / hi / 1e6, n / lo / 1e6 }'
	done
done
if [ -n "${R[untraced]:-}" ]; then
	read -r mu _ <<<"$(med <<<"${R[untraced]}")"
	echo "W1 $NW1 untraced: $mu s (median)"
	for b in old new; do
		for f in text json; do
			read -r m lo hi <<<"$(med <<<"${R[$b w1 $f]:-}")"
			[ -n "$m" ] || { echo "$b w1 $f: n/a"; continue; }
			awk -v k="$b w1 $f" -v m="$m" -v lo="$lo" -v hi="$hi" -v u="$mu" 'BEGIN {
				printf "%s: %.3f s self-timed, %.2fx untraced (%.2fx-%.2fx)\n", k, m, m / u, lo / u, hi / u }'
		done
	done
fi
