#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# ab.sh OLD NEW: the same cells with two hytrace binaries, alternated in one run (before/after).
#
#   bash bench/ab.sh /tmp/hytrace-before build/hytrace
#   AB_REPS=7 AB_W1=200000 AB_W2=50000 AB_CELLS="bpf bpf-c pt" bash bench/ab.sh OLD NEW
#   AB_CELLS="pt-fork pt-exec pt-fork-cpu0 pt-exec-cpu0" bash bench/ab.sh OLD NEW   (fork storms)
#   AB_CELLS="start-bpf start-bpf-c start-pt tar-bpf find-bpf" bash bench/ab.sh OLD NEW   (start-up,
#   /bin/true traced, and the real short programs of issue 10; no loop time: whole process only)
#   AB_CELLS="nomatch raw bpf-c" bash bench/ab.sh OLD NEW   (issue 10: unmatched process, raw)
#
# nomatch: W1 timed alone while `hytrace -a --comm=hyt_nomatch` runs in the background (its
# whole time is W1's process only); raw: --format=raw to a file in /dev/shm.
#
# Each repetition runs every cell with OLD then NEW (the order swaps every repetition), so
# both see the same machine.  Reported per cell and binary: the median of the workload's own
# timing of its loop (BENCH_ELAPSED_FILE) and of the whole process, with min-max, and the
# ratio NEW/OLD of the medians.  Needs root for the eBPF cells; the workloads are built by
# `make -f bench/bench.mk bench-build`.
set -u
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 1

[ $# -eq 2 ] || { echo "usage: bash bench/ab.sh OLD_HYTRACE NEW_HYTRACE" >&2; exit 2; }
OLD=$(realpath "$1") NEW=$(realpath "$2")
for b in "$OLD" "$NEW"; do
	[ -x "$b" ] || { echo "ab.sh: $b: not an executable" >&2; exit 2; }
done
OUTPUT=${OUTPUT:-build}
mkdir -p "$OUTPUT" && BIN=$(cd "$OUTPUT" && pwd)/bench
[ -x "$BIN/w7_forkstorm" ] || make --no-print-directory -f bench/bench.mk bench-build >/dev/null || exit 1
REPS=${AB_REPS:-5}
W1=${AB_W1:-200000}
W2=${AB_W2:-50000}
W7F=${AB_W7FORK:-2000}
W7E=${AB_W7EXEC:-1000}
CELLS=${AB_CELLS:-"bpf bpf-c bpf-json pt pt-openat bpf-w2 pt-w2"}
TMP=$(mktemp -d /tmp/hytrace-ab.XXXXXX) || exit 1
RAWOUT=/dev/shm/hytrace-ab.$$.raw
BGP=
trap '[ -n "$BGP" ] && kill -INT "$BGP" 2>/dev/null; rm -rf "$TMP" "$RAWOUT"' EXIT
ATTACH_WAIT=${AB_ATTACH_WAIT:-1}

# cell -> tracer options and workload
cell_cmd() {	# cell hytrace out
	local c=$1 hy=$2 out=$3
	case $c in
	bpf)		echo "$hy --backend=bpf -f -o $out $BIN/w1_getppid $W1" ;;
	bpf-c)		echo "$hy --backend=bpf -f -c -o $out $BIN/w1_getppid $W1" ;;
	bpf-cuda-c)	echo "$hy --backend=bpf -f --cuda -c -o $out $BIN/w1_getppid $W1" ;;
	bpf-json)	echo "$hy --backend=bpf -f --format=json -o $out $BIN/w1_getppid $W1" ;;
	raw)		echo "$hy --backend=bpf -f --format=raw -o $RAWOUT $BIN/w1_getppid $W1" ;;
	nomatch)	echo "$BIN/w1_getppid $W1" ;;
	pt)		echo "$hy --backend=ptrace -f -o $out $BIN/w1_getppid $W1" ;;
	pt-openat)	echo "$hy --backend=ptrace -f -e trace=openat -o $out $BIN/w1_getppid $W1" ;;
	bpf-w2)		echo "$hy --backend=bpf -f -o $out $BIN/w2_pread_write $W2" ;;
	pt-w2)		echo "$hy --backend=ptrace -f -o $out $BIN/w2_pread_write $W2" ;;
	pt-fork)	echo "$hy --backend=ptrace -f -o $out $BIN/w7_forkstorm $W7F" ;;
	pt-exec)	echo "$hy --backend=ptrace -f -o $out $BIN/w7_forkstorm $W7E exec" ;;
	pt-fork-cpu0)	echo "taskset -c 0 $hy --backend=ptrace -f -o $out $BIN/w7_forkstorm $W7F" ;;
	pt-exec-cpu0)	echo "taskset -c 0 $hy --backend=ptrace -f -o $out $BIN/w7_forkstorm $W7E exec" ;;
	start-bpf)	echo "$hy --backend=bpf -f -o /dev/null /bin/true" ;;
	start-bpf-c)	echo "$hy --backend=bpf -f -c -o /dev/null /bin/true" ;;
	start-pt)	echo "$hy --backend=ptrace -f -o /dev/null /bin/true" ;;
	tar-bpf)	echo "$hy --backend=bpf -f -o $out tar -cf /dev/null ${AB_TAR_DIR:-/usr/include}" ;;
	find-bpf)	echo "$hy --backend=bpf -f -o $out find ${AB_FIND_DIR:-/usr/share} -type f" ;;
	*)		echo "ab.sh: unknown cell $c" >&2; return 1 ;;
	esac
}

run_one() {	# cell which(old|new) rep
	local c=$1 w=$2 hy out cmd t0 t1
	[ "$w" = old ] && hy=$OLD || hy=$NEW
	out=$TMP/trace
	cmd=$(cell_cmd "$c" "$hy" "$out") || exit 1
	rm -f "$TMP/elapsed"
	if [ "$c" = nomatch ]; then
		"$hy" --backend=bpf -a --comm=hyt_nomatch -o /dev/null 2>"$TMP/bgerr" &
		BGP=$!
		sleep "$ATTACH_WAIT"	# no readiness signal: time to load and attach
		kill -0 "$BGP" 2>/dev/null || { echo "ab.sh: nomatch ($w): $(head -c 300 "$TMP/bgerr")" >&2; exit 1; }
	fi
	t0=$(date +%s.%N)
	(cd "$TMP" && BENCH_ELAPSED_FILE=$TMP/elapsed $cmd >/dev/null 2>"$TMP/err") ||
		{ echo "ab.sh: $c ($w) failed: $(head -c 300 "$TMP/err")" >&2; exit 1; }
	t1=$(date +%s.%N)
	if [ -n "$BGP" ]; then
		kill -INT "$BGP"
		wait "$BGP"
		BGP=
	fi
	rm -f "$RAWOUT"
	# cells whose program times no loop (start-up, tar, find) record 0: shown as "-"
	echo "$c $w $(cut -d' ' -f1 "$TMP/elapsed" 2>/dev/null || echo 0) $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')" >>"$TMP/res"
}

for ((r = 0; r < REPS; r++)); do
	for c in $CELLS; do
		if ((r % 2)); then run_one "$c" new; run_one "$c" old; else run_one "$c" old; run_one "$c" new; fi
	done
done

echo "A/B, $REPS repetitions alternated; OLD=$OLD NEW=$NEW; W1=$W1 getppid, W2=$W2 pread+write, W7=$W7F forks, $W7E fork+exec"
echo
echo "| cell | OLD loop ms (min-max) | NEW loop ms (min-max) | NEW/OLD | OLD whole ms (min-max) | NEW whole ms (min-max) | NEW/OLD |"
echo "|---|---|---|---|---|---|---|"
for c in $CELLS; do
	awk -v c="$c" '
	function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
			if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
	$1 == c && $2 == "old" { lo[++no] = $3 * 1000; wo[no] = $4 * 1000 }
	$1 == c && $2 == "new" { ln[++nn] = $3 * 1000; wn[nn] = $4 * 1000 }
	END {
		mlo = med(lo, no); mln = med(ln, nn); mwo = med(wo, no); mwn = med(wn, nn)
		if (mlo > 0 && mln > 0)
			printf "| %s | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) | %.2f |", c,
				mlo, lo[1], lo[no], mln, ln[1], ln[nn], mln / mlo
		else
			printf "| %s | - | - | - |", c
		printf " %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) | %.2f |\n", mwo, wo[1], wo[no], mwn, wn[1], wn[nn], mwn / mwo
	}' "$TMP/res"
done
