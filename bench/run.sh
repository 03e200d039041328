#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# run.sh: run the tracer comparison (hytrace vs strace, perf trace, bpftrace) and write bench/results/.
#
# Usually run by `make bench` (bench/bench.mk builds the workloads first).  Modes:
#   default          median of 5 runs of the full workloads (long: see bench/README.md)
#   QUICK=1          median of 3 runs of smaller workloads, under 3 minutes
#   BENCH_SMOKE=1    each cell once on a tiny workload: proves the harness works (tests use it)
# Knobs (environment): BENCH_REPS=N, BENCH_WORKLOADS="W1 W6find", BENCH_TRACERS="untraced strace",
#   BENCH_SECTIONS="main ptrace forkstorm consumer reader buffer startup unmatched raw stacks cuda stacks-bpf
#   funcs funcs-preload", BENCH_FN=calls and BENCH_FREPS=runs of the funcs section,
#   BENCH_FUNC_CALLS=N (the funcs-preload section's calls),
#   BENCH_TIMEOUT=seconds per cell, BENCH_KW1/BENCH_KW3=sizes of the stacks-bpf section's W1/W3,
#   BENCH_SECTIONS="main ptrace forkstorm consumer buffer deps", BENCH_TIMEOUT=seconds per cell,
#   BENCH_ATTACH_WAIT=seconds to let `hytrace -a` attach, HYTRACE=path, OUTPUT=build dir.
# A cell whose tracer is missing or fails prints "n/a (reason)"; the run goes on.
set -u
export LC_ALL=C

cd "$(dirname "$0")/.." || exit 1
OUTPUT=${OUTPUT:-build}
BIN=${BENCH_BIN:-$OUTPUT/bench}
HYTRACE=${HYTRACE:-$OUTPUT/hytrace}
QUICK=${QUICK:-0}
SMOKE=${BENCH_SMOKE:-0}
# A smoke run proves the harness only: keep its numbers out of the committed bench/results.
if [ "$SMOKE" != 0 ]; then
	RESULTS=${BENCH_RESULTS:-$OUTPUT/bench/results}
else
	RESULTS=${BENCH_RESULTS:-bench/results}
fi
[ "$QUICK" = 0 ] && QUICK=
[ "$SMOKE" = 0 ] && SMOKE=

# ---- mode: repetitions and workload scales ---------------------------------------------------
# Columns: full / QUICK / SMOKE.  Full sizes are the ones issue 4 names.
if [ -n "$SMOKE" ]; then
	MODE=smoke REPS=1 TIMEOUT=60 ATTACH_WAIT=1
	S_W1=200 S_W2=100 S_W3=50 S_W4=2 S_W5=1000000 S_W7F=5 S_W7E=3
	D_TAR=/usr/include/asm-generic D_FIND=/usr/share/doc/bash
	S_TP=2000 BUF_SIZES="64K 1M"
	S_CONS=20000 D_READ=/usr/share/doc/bash
	S_K1=200 S_K3=50 S_KC=3000
	S_TP=2000 BUF_SIZES="64K 1M" S_W8=200
elif [ -n "$QUICK" ]; then
	# sized so that strace (about 130 us per syscall here) keeps the whole run under 3 minutes
	MODE=quick REPS=3 TIMEOUT=60 ATTACH_WAIT=1
	S_W1=10000 S_W2=5000 S_W3=2000 S_W4=30 S_W5=100000000 S_W7F=500 S_W7E=200
	D_TAR=/usr/include/linux D_FIND=/usr/share/doc
	S_TP=200000 BUF_SIZES="64K 1M 16M"
	S_CONS=500000 D_READ=/usr/share
	S_K1=2000 S_K3=500 S_KC=300000
	S_TP=200000 BUF_SIZES="64K 1M 16M" S_W8=50000
else
	MODE=full REPS=5 TIMEOUT=1200 ATTACH_WAIT=1
	S_W1=1000000 S_W2=200000 S_W3=20000 S_W4=500 S_W5=570000000 S_W7F=2000 S_W7E=1000
	D_TAR=/usr/include D_FIND=/usr/share
	S_TP=1000000 BUF_SIZES="64K 256K 1M 4M 16M"
	S_CONS=2000000 D_READ=/usr
	# -k: strace -k costs about 0.5 ms per call here, so smaller than W1/W3 themselves
	S_K1=20000 S_K3=2000 S_KC=1000000
	S_TP=1000000 BUF_SIZES="64K 256K 1M 4M 16M" S_W8=200000
fi
S_K1=${BENCH_K_W1:-$S_K1} S_K3=${BENCH_K_W3:-$S_K3} S_KC=${BENCH_K_CONSUMER:-$S_KC}
# section stacks-bpf (-k, issue 12): smaller W1/W3, as strace -k costs 1.5-2.5 ms per call here
if [ -n "$SMOKE" ]; then S_KW1=200 S_KW3=50
elif [ -n "$QUICK" ]; then S_KW1=2000 S_KW3=500
else S_KW1=20000 S_KW3=2000
fi
S_KW1=${BENCH_KW1:-$S_KW1} S_KW3=${BENCH_KW3:-$S_KW3}
# section funcs (--func, issue 13): calls of ft_small (build/tests/progs/functree calls N), and
# at least 5 alternating runs but in a smoke run (the issue asks for a median of 5 or more)
if [ -n "$SMOKE" ]; then S_FN=1000 FREPS=1
elif [ -n "$QUICK" ]; then S_FN=100000 FREPS=5
else S_FN=1000000 FREPS=5
fi
S_FN=${BENCH_FN:-$S_FN} FREPS=${BENCH_FREPS:-$FREPS}
# per-workload sizes can be overridden (BENCH_W1=200000 ...): results say which were used
S_W1=${BENCH_W1:-$S_W1} S_W2=${BENCH_W2:-$S_W2} S_W3=${BENCH_W3:-$S_W3} S_W4=${BENCH_W4:-$S_W4}
S_W5=${BENCH_W5:-$S_W5} S_TP=${BENCH_TP:-$S_TP} S_CONS=${BENCH_CONS:-$S_CONS}
D_READ=${BENCH_READ_DIR:-$D_READ}
S_W5=${BENCH_W5:-$S_W5} S_TP=${BENCH_TP:-$S_TP} S_W8=${BENCH_W8:-$S_W8}
S_W7F=${BENCH_W7FORK:-$S_W7F} S_W7E=${BENCH_W7EXEC:-$S_W7E}
D_TAR=${BENCH_TAR_DIR:-$D_TAR} D_FIND=${BENCH_FIND_DIR:-$D_FIND}
REPS=${BENCH_REPS:-$REPS}
TIMEOUT=${BENCH_TIMEOUT:-$TIMEOUT}
ATTACH_WAIT=${BENCH_ATTACH_WAIT:-$ATTACH_WAIT}
SECTIONS=${BENCH_SECTIONS:-main ptrace forkstorm consumer reader buffer startup unmatched raw stacks cuda funcs funcs-preload}
WORKLOADS=${BENCH_WORKLOADS:-W1 W2 W3 W4 W5 W6tar W6find}
TRACERS=${BENCH_TRACERS:-untraced hy-bpf hy-bpf-c hy-bpf-a hy-pt hy-pt-openat strace strace-c strace-openat perf-trace bpftrace bpftrace-c}
case " $TRACERS " in *" untraced "*) ;; *) TRACERS="untraced $TRACERS" ;; esac

TMP=$(mktemp -d /dev/shm/hytrace-bench.XXXXXX) || exit 1
TREE=
BGPID=
RCPID=
cleanup() {
	# runcell kills its command's process group when it gets SIGTERM
	[ -n "$RCPID" ] && kill -TERM "$RCPID" 2>/dev/null && wait "$RCPID"
	[ -n "$BGPID" ] && kill -TERM "$BGPID" 2>/dev/null && wait "$BGPID"
	rm -rf "$TMP"
	[ -n "$TREE" ] && rm -rf "$TREE"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

RAW=$TMP/raw.tsv	# section wl tracer rep wall_s self_s rss_kb events lost rc
NA=$TMP/na.tsv		# section wl tracer reason
: >"$RAW"
: >"$NA"
NOTES=()

say() { printf '%s\n' "$*"; }
# runcell ARGS...: run it in the background and wait, so that a signal to this script is
# handled at once (bash runs traps only between foreground commands).
runcell() {
	"$BIN/runcell" "$@" &
	RCPID=$!
	wait "$RCPID"
	RCPID=
}
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

for w in w1_getppid w2_pread_write w3_openat_tree w4_forkexec w5_cpu w7_forkstorm w8_ioctl_storm runcell; do
	[ -x "$BIN/$w" ] || die "$BIN/$w missing: run make -f bench/bench.mk"
done

# ---- environment checks ----------------------------------------------------------------------
# perf trace and libbpf's tracepoint attach need tracefs; some VMs boot without it mounted.
if [ ! -e /sys/kernel/tracing/events ] && [ ! -e /sys/kernel/debug/tracing/events ]; then
	if mount -t tracefs nodev /sys/kernel/tracing 2>"$TMP/mnt.err"; then
		NOTES+=("tracefs was not mounted: the harness ran \`mount -t tracefs nodev /sys/kernel/tracing\`")
	else
		NOTES+=("tracefs is not mounted and mounting it failed: $(head -1 "$TMP/mnt.err")")
	fi
fi

# Why a whole tracer is unavailable (empty: available).
declare -A MISSING
tool_missing() { command -v "$1" >/dev/null 2>&1 || echo "$1 not installed"; }
if [ ! -x "$HYTRACE" ]; then
	for t in hy-bpf hy-bpf-c hy-bpf-a hy-pt hy-pt-openat hy-bpf-json hy-bpf-buf hy-bpf-nomatch hy-bpf-raw \
		hy-bpf-k hy-bpf-kfp hy-pt-k hy-deps-bpf hy-deps-pt hy-bpf-a-cuda hy-bpf-ioctl hy-bpf-ioctl-raw; do
		MISSING[$t]="$HYTRACE missing"
	done
fi
[ -x "$BIN/floor" ] && [ -f "$BIN/floor.bpf.o" ] || MISSING[floor]="$BIN/floor or floor.bpf.o missing"
MISSING[floor-miss]=${MISSING[floor]:-}
MISSING[strace]=$(tool_missing strace)
MISSING[strace-c]=${MISSING[strace]}
MISSING[strace-openat]=${MISSING[strace]}
MISSING[strace-k]=${MISSING[strace]}
if [ -z "${MISSING[strace-k]}" ] && ! strace -k -o /dev/null true 2>"$TMP/stk.err"; then
	MISSING[strace-k]="strace -k fails: $(head -1 "$TMP/stk.err" | cut -c1-80)"
fi
MISSING[perf-trace]=$(tool_missing perf)
if [ -z "${MISSING[perf-trace]}" ] && ! perf trace -o /dev/null -- true >/dev/null 2>"$TMP/perf.err"; then
	MISSING[perf-trace]="perf trace fails: $(grep -v '^$' "$TMP/perf.err" | head -1 | cut -c1-80)"
fi
MISSING[bpftrace]=$(tool_missing bpftrace)
MISSING[bpftrace-c]=${MISSING[bpftrace]}
MISSING[bpftrace-buf]=${MISSING[bpftrace]}
MISSING[taskset]=$(tool_missing taskset)
MISSING[bpftrace-func]=${MISSING[bpftrace]}
[ -x "$HYTRACE" ] || MISSING[hy-bpf-func]="$HYTRACE missing"

# ---- workloads -------------------------------------------------------------------------------
declare -A WCMD WCOMM WOPS
WCMD[W1]="$BIN/w1_getppid $S_W1"; WCOMM[W1]=w1_getppid; WOPS[W1]=$S_W1
WCMD[W2]="$BIN/w2_pread_write $S_W2"; WCOMM[W2]=w2_pread_write; WOPS[W2]=$S_W2
WCMD[W4]="$BIN/w4_forkexec $S_W4"; WCOMM[W4]=w4_forkexec; WOPS[W4]=$S_W4
WCMD[W5]="$BIN/w5_cpu $S_W5"; WCOMM[W5]=w5_cpu; WOPS[W5]=$S_W5
# the fork-storm section's workloads (not in the main table unless named in BENCH_WORKLOADS)
WCMD[W7fork]="$BIN/w7_forkstorm $S_W7F"; WCOMM[W7fork]=w7_forkstorm; WOPS[W7fork]=$S_W7F
WCMD[W7exec]="$BIN/w7_forkstorm $S_W7E exec"; WCOMM[W7exec]=w7_forkstorm; WOPS[W7exec]=$S_W7E
# absolute paths: bpftrace -c refuses a name that /bin and /usr/bin both match
WCMD[W6tar]="$(command -v tar) -cf /dev/null $D_TAR"; WCOMM[W6tar]=tar
WCMD[W6find]="$(command -v find) $D_FIND -type f"; WCOMM[W6find]=find
WOPS[W3]=$S_W3; WCOMM[W3]=w3_openat_tree
if [[ " $WORKLOADS " == *" W3 "* || " $SECTIONS " == *" stacks "* ]]; then
	# The tree is built once, before any timing; every W3 cell scans it.
	TREE=$(mktemp -d /tmp/hytrace-bench-w3.XXXXXX) || die "cannot create the W3 tree directory"
	"$BIN/w3_openat_tree" --create "$S_W3" "$TREE" || die "cannot create the W3 tree in $TREE"
	[ "$S_K3" -le "$S_W3" ] || S_K3=$S_W3	# section stacks scans part of the same tree
fi
WCMD[W3]="$BIN/w3_openat_tree $S_W3 ${TREE:-/nonexistent}"

# bpftrace: print every syscall entry of the workload and its direct children with all six
# arguments, or only count them.  pid is the thread-group id; cpid is the -c command.
BT_FILTER='/pid == cpid || (uint32)curtask->real_parent->tgid == (uint32)cpid/'
BT_PRINT="tracepoint:raw_syscalls:sys_enter $BT_FILTER { printf(\"%d %ld %lx %lx %lx %lx %lx %lx\\n\", tid, args->id, args->args[0], args->args[1], args->args[2], args->args[3], args->args[4], args->args[5]); }"
BT_COUNT="tracepoint:raw_syscalls:sys_enter $BT_FILTER { @[args->id] = count(); }"

# Size with K/M/G suffix to bytes.
to_bytes() {
	local s=$1 m=1
	case $s in *K) m=1024 ;; *M) m=$((1024 * 1024)) ;; *G) m=$((1024 * 1024 * 1024)) ;; esac
	echo $(( ${s%[KMG]} * m ))
}
# bpftrace sizes its perf buffer in pages per CPU (a power of two): same total as hytrace's.
bt_pages() {
	[[ $1 =~ ^[0-9]+[KMG]?$ ]] || { echo "PAGES_PER_CPU"; return; }
	local p=$(( $(to_bytes "$1") / 4096 / $(nproc) )) q=1
	while [ $((q * 2)) -le "$p" ]; do q=$((q * 2)); done
	echo $q
}

# tracer_cmd TRACER OUTFILE WORKLOAD-ARGV...: sets CMD to the full command line.
# TRACER may end in @cpu0 (tracer and workload pinned to CPU 0) and carry :PARAM.
tracer_cmd() {
	local t=$1 out=$2 pin=()
	shift 2
	if [[ $t == *@cpu0 ]]; then
		pin=(taskset -c 0)
		t=${t%@cpu0}
	fi
	local p=${t#*:}
	case $t in
	untraced)	CMD=("$@") ;;
	hy-bpf)		CMD=("$HYTRACE" --backend=bpf -f -o "$out" "$@") ;;
	hy-bpf-json)	CMD=("$HYTRACE" --backend=bpf -f --format=json -o "$out" "$@") ;;
	hy-bpf-buf:*)	CMD=("$HYTRACE" --backend=bpf --buffer-size="$p" -f -o "$out" "$@") ;;
	hy-bpf-c)	CMD=("$HYTRACE" --backend=bpf -f -c -o "$out" "$@") ;;
	hy-bpf-raw)	CMD=("$HYTRACE" --backend=bpf -f --format=raw -o "$out" "$@") ;;
	hy-pt)		CMD=("$HYTRACE" --backend=ptrace -f -o "$out" "$@") ;;
	# --cuda with only ioctl traced: the dedicated sys_enter_ioctl/sys_exit_ioctl programs;
	# getppid added (the workload makes none) keeps the raw_syscalls programs instead
	hy-bpf-ioctl)	CMD=("$HYTRACE" --backend=bpf --cuda -e trace=ioctl -o "$out" "$@") ;;
	hy-bpf-ioctl-raw) CMD=("$HYTRACE" --backend=bpf --cuda -e trace=ioctl,getppid -o "$out" "$@") ;;
	hy-pt-openat)	CMD=("$HYTRACE" --backend=ptrace -f -e trace=openat -o "$out" "$@") ;;
	hy-bpf-k)	CMD=("$HYTRACE" --backend=bpf -f -k -o "$out" "$@") ;;
	hy-bpf-kfp)	CMD=("$HYTRACE" --backend=bpf -f -k --stack=fp -o "$out" "$@") ;;
	hy-pt-k)	CMD=("$HYTRACE" --backend=ptrace -f -k -o "$out" "$@") ;;
	# section funcs-preload: every function of a -pg / -finstrument-functions build
	hy-pt-func)	CMD=("$HYTRACE" --backend=ptrace --func=. -e trace=none -o "$out" "$@") ;;
	hy-pt-func-raw)	CMD=("$HYTRACE" --backend=ptrace --func=. -e trace=none --format=raw -o "$out" "$@") ;;
	uftrace)	CMD=(uftrace record -d "$out.uftrace" "$@") ;;
	strace-k)	CMD=(strace -f -k -o "$out" "$@") ;;
	hy-deps-bpf)	CMD=("$HYTRACE" --backend=bpf --deps=json --deps-root=/ -o "$out" "$@") ;;
	hy-deps-pt)	CMD=("$HYTRACE" --backend=ptrace --deps=json --deps-root=/ -o "$out" "$@") ;;
	# --func (issue 13): every call and return of ft_small through the ring, the pipeline
	# and the text sink (no syscall traced); bpftrace: empty uprobe and uretprobe bodies
	hy-bpf-func)	CMD=("$HYTRACE" --backend=bpf --func='^ft_small$' -e trace=none -o "$out" "$@") ;;
	bpftrace-func)	CMD=(bpftrace -e "uprobe:$1:ft_small {} uretprobe:$1:ft_small {}" -c "$*") ;;
	strace)		CMD=(strace -f -o "$out" "$@") ;;
	strace-c)	CMD=(strace -f -c -o "$out" "$@") ;;
	strace-openat)	CMD=(strace --seccomp-bpf -f -e trace=openat -o "$out" "$@") ;;
	perf-trace)	CMD=(perf trace -o "$out" -- "$@") ;;
	bpftrace)	CMD=(bpftrace -o "$out" -e "$BT_PRINT" -c "$*") ;;
	bpftrace-buf:*)	CMD=(env BPFTRACE_PERF_RB_PAGES="$(bt_pages "$p")" bpftrace -o "$out" -e "$BT_PRINT" -c "$*") ;;
	bpftrace-c)	CMD=(bpftrace -o "$out" -e "$BT_COUNT" -c "$*") ;;
	*)		die "unknown tracer $t" ;;
	esac
	CMD=("${pin[@]}" "${CMD[@]}")
}

# Tracers that run in the background while the workload is timed alone (syswide).
is_bg() { case ${1%@cpu0} in hy-bpf-a | hy-bpf-a-cuda | hy-bpf-nomatch | floor | floor-miss) return 0 ;; esac; return 1; }
# bg_cmd TRACER OUTFILE COMM: sets BG to the background command.
#   hy-bpf-a        hytrace -a --comm= the workload's name: its records
#   hy-bpf-a-cuda   hytrace -a --cuda-only: the cost of --cuda-only to every other syscall (issue 11)
#   hy-bpf-nomatch  hytrace -a --comm= a name no process has: the cost to processes it does
#                   not trace (issue 10)
#   floor           empty BPF programs on the same hooks (bench/floor.bpf.c): the floor
#   floor-miss      one task-storage lookup that finds nothing on each hook
bg_cmd() {
	case $1 in
	hy-bpf-a)	BG=("$HYTRACE" --backend=bpf -a --comm="$3" -o "$2") ;;
	hy-bpf-nomatch)	BG=("$HYTRACE" --backend=bpf -a --comm=hyt_nomatch -o "$2") ;;
	hy-bpf-a-cuda)	BG=("$HYTRACE" --backend=bpf -a --cuda-only -o "$2") ;;
	floor)		BG=("$BIN/floor") ;;
	floor-miss)	BG=("$BIN/floor" --miss) ;;
	*)		die "unknown background tracer $1" ;;
	esac
}

# The exact commands, for latest.md.
describe() {
	local t=$1
	if is_bg "$t"; then
		bg_cmd "$t" OUT COMM
		echo "${BG[*]} & CMD; kill -INT %1  (time of CMD only)"
		return
	fi
	if [ "$t" = hy-bpf-a-cuda ]; then
		echo "$HYTRACE --backend=bpf -a --cuda-only -o OUT & CMD; kill -INT %1  (time of CMD only)"
		return
	fi
	tracer_cmd "$t" OUT CMD
	local a s= prev=
	for a in "${CMD[@]}"; do
		[[ $a == *[\ \"\$\(\)\|\;\&\<\>\*]* || ( $prev == -c && $a == CMD ) ]] && a="'$a'"
		s+="${s:+ }$a"
		prev=$a
	done
	echo "${s//$'\n'/ }"
}

# events_of TRACER OUT: what the tracer wrote, in records.
events_of() {
	local t=${1%@cpu0} out=$2
	[ -f "$out" ] && [ "$out" != /dev/null ] || { echo -; return; }
	case $t in
	untraced | hy-bpf-raw | floor*) echo - ;;
	*-c) # -c tables: the calls column of the total line; bpftrace: sum of the map
		if [ "$t" = bpftrace-c ]; then
			awk '/^@\[/ { n += $2 } END { print n + 0 }' "$out"
		else
			awk '$NF == "total" { n = $4 } END { print n + 0 }' "$out"
		fi ;;
	bpftrace*) grep -c '^[0-9]' "$out" ;;
	*) wc -l <"$out" ;;
	esac
}

# lost_of TRACER OUT ERR: events the tracer says it lost (- where it cannot lose or say).
lost_of() {
	local t=${1%@cpu0} out=$2 err=$3 s
	[ "$out" = /dev/null ] && out=
	case $t in
	hy-*)	# hytrace: a stderr summary "... N events lost ...", else the sum of the
		# "+++ N events lost +++" lines in the output
		s=$(grep -v '+++' "$err" 2>/dev/null | grep -oE '[0-9]+ events? lost' | tail -1 | cut -d' ' -f1)
		if [ -z "$s" ]; then
			s=$(cat ${out:+"$out"} /dev/null | grep -oE '\+\+\+ [0-9]+ events? lost \+\+\+' |
				awk '{ n += $2 } END { print n + 0 }')
		fi
		echo "$s" ;;
	perf-trace)
		cat ${out:+"$out"} "$err" | grep -oE 'LOST [0-9]+ events' | awk '{ n += $2 } END { print n + 0 }' ;;
	bpftrace*)
		cat ${out:+"$out"} "$err" 2>/dev/null | grep -oE 'Lost [0-9]+ events' | awk '{ n += $2 } END { print n + 0 }' ;;
	*)	echo - ;;
	esac
}

# last_err FILE: the most telling line of a failed command's stderr (the first error-looking
# line, since usage hints follow the error; else the last line).
last_err() {
	local l
	l=$(grep -v -e '^$' -e RLIMIT_MEMLOCK -e 'Removing leading' "$1" 2>/dev/null |
		grep -i -m1 -E 'error|cannot|can.t|fail|unrecogni|invalid|unknown|not |denied|no such')
	[ -z "$l" ] && l=$(grep -v -e '^$' -e RLIMIT_MEMLOCK -e 'Removing leading' "$1" 2>/dev/null | tail -1)
	printf '%s\n' "$l" | cut -c1-90 | tr '\t|' '  '
}

declare -A FAILED
# cell SECTION WL TRACER REP OUT WORKLOAD-ARGV...: run one cell, append a raw row.
cell() {
	local sec=$1 wl=$2 t=$3 rep=$4 out=$5 key="$1|$2|$3"
	shift 5
	[ -n "${FAILED[$key]:-}" ] && return 1
	local base=${t%@cpu0}
	base=${base%%:*}
	local why=${MISSING[$base]:-}
	[ -z "$why" ] && [[ $t == *@cpu0 ]] && why=${MISSING[taskset]}
	if [ -n "$why" ]; then
		FAILED[$key]=1
		printf '%s\t%s\t%s\t%s\n' "$sec" "$wl" "$t" "$why" >>"$NA"
		return 1
	fi
	rm -f "$TMP/res" "$TMP/elapsed" "$TMP/err" "$TMP/tr.res" "$TMP/tr.pid" "$TMP/tr.err"
	[ "$out" != /dev/null ] && rm -f "$out"
	local wall rc rss self
	if is_bg "$base"; then
		syswide "$base" "$wl" "$out" "$@" || {
			FAILED[$key]=1
			printf '%s\t%s\t%s\t%s\n' "$sec" "$wl" "$t" "$SW_WHY" >>"$NA"
			return 1
		}
	else
		tracer_cmd "$t" "$out" "$@"
		BENCH_ELAPSED_FILE=$TMP/elapsed runcell -t "$TIMEOUT" -r "$TMP/res" -- "${CMD[@]}" \
			</dev/null >/dev/null 2>"$TMP/err"
	fi
	read -r wall rc rss <"$TMP/res" || { wall=0 rc=255 rss=0; }
	if [ "$rc" != 0 ]; then
		local r="exit $rc"
		[ "$rc" = 124 ] && r="timeout after ${TIMEOUT}s"
		local e
		e=$(last_err "$TMP/err")
		FAILED[$key]=1
		printf '%s\t%s\t%s\t%s\n' "$sec" "$wl" "$t" "$r${e:+: $e}" >>"$NA"
		return 1
	fi
	self=-
	[ -s "$TMP/elapsed" ] && read -r self _ <"$TMP/elapsed"
	if is_bg "$base"; then
		read -r _ _ rss <"$TMP/tr.res"	# the tracer's own peak RSS
		cat "$TMP/tr.err" >>"$TMP/err"
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$sec" "$wl" "$t" "$rep" "$wall" "$self" "$rss" \
		"$(events_of "$base" "$out")" "$(lost_of "$base" "$out" "$TMP/err")" "$rc" >>"$RAW"
	printf '%s=%.3fs ' "$t" "$wall"
	[ "$out" != /dev/null ] && rm -f "$out"
	return 0
}

# cpu_cell SECTION WL NAME REP COUNT CMD...: run CMD (output to /dev/null), append a raw row
# whose self_s is its CPU time (user + system, bash's time) and events COUNT (the records or
# lines it handled): what the consumer and reader rows give per CPU-second.
cpu_cell() {
	local sec=$1 wl=$2 t=$3 rep=$4 count=$5 key="$1|$2|$3" tm rc real user sys
	shift 5
	[ -n "${FAILED[$key]:-}" ] && return 1
	tm=$( { TIMEFORMAT='%R %U %S'; time timeout "$TIMEOUT" "$@" </dev/null >/dev/null 2>"$TMP/err"; } 2>&1 )
	rc=$?
	read -r real user sys <<<"$(printf '%s\n' "$tm" | tail -1)"
	if [ "$rc" != 0 ] || [ -z "$sys" ]; then
		FAILED[$key]=1
		printf '%s\t%s\t%s\t%s\n' "$sec" "$wl" "$t" "exit $rc: $(last_err "$TMP/err")" >>"$NA"
		return 1
	fi
	local cpu
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$sec" "$wl" "$t" "$rep" "$real" "$cpu" 0 \
		"$count" - 0 >>"$RAW"
	printf '%s=%.3fs CPU ' "$t" "$cpu"
}

# syswide TRACER WL OUT WORKLOAD-ARGV...: the tracer (bg_cmd) in the background, the workload
# timed alone.
syswide() {
	local wl=$2 out=$3 trpid i
	bg_cmd "$1" "$out" "${WCOMM[$wl]}"
	shift 3
	SW_WHY=
	"$BIN/runcell" -t "$TIMEOUT" -p "$TMP/tr.pid" -r "$TMP/tr.res" -- \
		"${BG[@]}" </dev/null >/dev/null 2>"$TMP/tr.err" &
	BGPID=$!
	sleep "$ATTACH_WAIT"	# no readiness signal yet: give it time to load and attach
	if ! kill -0 "$BGPID" 2>/dev/null; then
		wait "$BGPID"
		BGPID=
		SW_WHY="exited before the workload ($(cut -d' ' -f2 "$TMP/tr.res" 2>/dev/null)): $(last_err "$TMP/tr.err")"
		return 1
	fi
	BENCH_ELAPSED_FILE=$TMP/elapsed runcell -t "$TIMEOUT" -r "$TMP/res" -- "$@" \
		</dev/null >/dev/null 2>"$TMP/err"
	trpid=$(cat "$TMP/tr.pid" 2>/dev/null)
	[ -n "$trpid" ] && kill -INT "$trpid" 2>/dev/null
	for ((i = 0; i < 100; i++)); do
		kill -0 "$BGPID" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$BGPID" 2>/dev/null; then
		kill -KILL -- "-$trpid" 2>/dev/null
		wait "$BGPID"
		BGPID=
		SW_WHY="did not exit within 10 s of SIGINT"
		return 1
	fi
	wait "$BGPID"
	BGPID=
	local trc
	read -r _ trc _ <"$TMP/tr.res" || trc=255
	if [ "$trc" != 0 ] && [ "$trc" != 130 ]; then
		SW_WHY="exit $trc: $(last_err "$TMP/tr.err")"
		return 1
	fi
	return 0
}

# rotate N WORDS...: the words starting at the N-th (mod count), so each repetition starts
# with a different tracer and none always runs first after the warm-up.
rotate() {
	local n=$1
	shift
	local a=("$@") k=${#a[@]} i
	for ((i = 0; i < k; i++)); do printf '%s ' "${a[(i + n) % k]}"; done
}

START=$EPOCHREALTIME
say "hytrace bench: mode $MODE, $REPS run(s) per cell, $(nproc) CPUs, kernel $(uname -r)"
for n in "${NOTES[@]}"; do say "note: $n"; done

# ---- section main: every workload x every tracer -------------------------------------------
if [[ " $SECTIONS " == *" main "* ]]; then
	for wl in $WORKLOADS; do
		[ -n "${WCMD[$wl]:-}" ] || die "unknown workload $wl"
		read -r -a argv <<<"${WCMD[$wl]}"
		"${argv[@]}" >/dev/null 2>&1	# warm caches, not timed
		for ((rep = 1; rep <= REPS; rep++)); do
			printf '%s run %d/%d: ' "$wl" "$rep" "$REPS"
			for t in $(rotate $((rep - 1)) $TRACERS); do
				cell main "$wl" "$t" "$rep" "$TMP/out.txt" "${argv[@]}"
			done
			printf '\n'
		done
	done
fi

# ---- section ptrace: issue 2's W1 comparison, unpinned and on one CPU -----------------------
if [[ " $SECTIONS " == *" ptrace "* ]]; then
	read -r -a argv <<<"${WCMD[W1]}"
	PT_TRACERS="untraced strace hy-pt untraced@cpu0 strace@cpu0 hy-pt@cpu0 strace-openat hy-pt-openat"
	for ((rep = 1; rep <= REPS; rep++)); do
		printf 'ptrace W1 run %d/%d: ' "$rep" "$REPS"
		for t in $(rotate $((rep - 1)) $PT_TRACERS); do
			cell ptrace W1 "$t" "$rep" /dev/null "${argv[@]}"
		done
		printf '\n'
	done
fi

# ---- section forkstorm: issue 9's fork and exec storms, ptrace against strace ----------------
# Each child costs the tracer its birth, first stops and death; unpinned and with tracer and
# workload on one CPU.  At least 5 runs (unless a smoke run), tracers alternated.
if [[ " $SECTIONS " == *" forkstorm "* ]]; then
	FREPS=$REPS
	[ -z "$SMOKE" ] && [ "$FREPS" -lt 5 ] && FREPS=5
	FS_TRACERS="untraced strace hy-pt untraced@cpu0 strace@cpu0 hy-pt@cpu0"
	for wl in W7fork W7exec; do
		read -r -a argv <<<"${WCMD[$wl]}"
		"${argv[@]}" >/dev/null 2>&1	# warm caches, not timed
		for ((rep = 1; rep <= FREPS; rep++)); do
			printf 'forkstorm %s run %d/%d: ' "$wl" "$rep" "$FREPS"
			for t in $(rotate $((rep - 1)) $FS_TRACERS); do
				cell forkstorm "$wl" "$t" "$rep" /dev/null "${argv[@]}"
			done
			printf '\n'
		done
	done
fi

# ---- section deps: issue 14's --deps on a real build -----------------------------------------
# hytrace itself (this tree as committed: git archive HEAD, else a copy without build/) built by
# make -j2 from a clean tree in a scratch directory, untraced, under --deps=json with eBPF and with
# ptrace.  At least 5 runs (3 with QUICK), tracers alternated.
if [[ " $SECTIONS " == *" deps "* ]]; then
	DREPS=$REPS
	[ -z "$SMOKE" ] && [ -z "$QUICK" ] && [ "$DREPS" -lt 5 ] && DREPS=5
	DB=$TMP/deps-build
	rm -rf "$DB" && mkdir -p "$DB/src"
	if git -C "$PWD" rev-parse --verify -q HEAD >/dev/null 2>&1; then
		git -C "$PWD" archive HEAD | tar -x -C "$DB/src" || die "cannot copy the tree for the deps section"
	else
		tar -C "$PWD" --exclude=./build -cf - . | tar -x -C "$DB/src" || die "cannot copy the tree"
	fi
	printf 'cd "%s/src" && rm -rf build && exec make -s -j2 all\n' "$DB" >"$DB/build.sh"
	sh "$DB/build.sh" >/dev/null 2>&1 || die "the deps section's build of hytrace failed"	# warm caches
	for ((rep = 1; rep <= DREPS; rep++)); do
		printf 'deps make -j2 run %d/%d: ' "$rep" "$DREPS"
		for t in $(rotate $((rep - 1)) untraced hy-deps-bpf hy-deps-pt); do
			cell deps build "$t" "$rep" "$TMP/out.txt" sh "$DB/build.sh"
		done
		printf '\n'
	done
fi

# ---- section consumer: records decoded and written per second, text and json ---------------
# W1 traced to tmpfs in text and in json against untraced (self-timed), and the consumer alone
# (bench/consumer: fixed records through the sinks, no tracer) in records per CPU-second.
if [[ " $SECTIONS " == *" consumer "* ]]; then
	for ((rep = 1; rep <= REPS; rep++)); do
		printf 'consumer W1 x %s run %d/%d: ' "$S_TP" "$rep" "$REPS"
		for t in $(rotate $((rep - 1)) untraced hy-bpf hy-bpf-json); do
			cell consumer W1 "$t" "$rep" "$TMP/out.txt" "$BIN/w1_getppid" "$S_TP"
		done
		if [ -x "$OUTPUT/bench/consumer" ]; then
			for f in $(rotate $((rep - 1)) text json); do
				cpu_cell consumer fixed "$f" "$rep" "$S_CONS" "$OUTPUT/bench/consumer" \
					"$S_CONS" -a --format="$f"
			done
		elif [ "$rep" = 1 ]; then
			for f in text json; do
				printf 'consumer\tfixed\t%s\t%s\n' "$f" "$OUTPUT/bench/consumer missing (make $OUTPUT/bench/consumer)" >>"$NA"
			done
		fi
		printf '\n'
	done
fi

# ---- section reader: --input of a strace log, and replay of a raw capture ------------------
# The log is made on the spot (strace -f find DIR -type f); the raw file is W1 captured by the
# eBPF backend with --format=raw.  Both are read to /dev/null; CPU time (bash's time).
if [[ " $SECTIONS " == *" reader "* ]]; then
	RLOG=$TMP/reader.log RRAW=$TMP/w1.raw RLINES= RRECS=
	if [ -n "${MISSING[strace]}" ] || [ ! -x "$HYTRACE" ]; then
		why=${MISSING[strace]:-$HYTRACE missing}
		for t in text json; do printf 'reader\tlog\t%s\t%s\n' "$t" "$why" >>"$NA"; done
	elif ! strace -f -o "$RLOG" find "$D_READ" -type f >/dev/null 2>"$TMP/err"; then
		for t in text json; do printf 'reader\tlog\t%s\t%s\n' "$t" "strace failed: $(last_err "$TMP/err")" >>"$NA"; done
	else
		RLINES=$(wc -l <"$RLOG")
	fi
	if [ ! -x "$HYTRACE" ]; then
		printf 'reader\traw\ttext\t%s\n' "$HYTRACE missing" >>"$NA"
	elif ! "$HYTRACE" --backend=bpf -f --format=raw -o "$RRAW" "$BIN/w1_getppid" "$S_TP" \
			</dev/null >/dev/null 2>"$TMP/err"; then
		printf 'reader\traw\ttext\t%s\n' "capture failed: $(last_err "$TMP/err")" >>"$NA"
	else
		RRECS=$("$HYTRACE" --input "$RRAW" -o - 2>/dev/null | wc -l)
	fi
	for ((rep = 1; rep <= REPS; rep++)); do
		printf 'reader run %d/%d: ' "$rep" "$REPS"
		for t in $(rotate $((rep - 1)) log-text log-json raw-text); do
			case $t in
			log-*)	[ -n "$RLINES" ] && cpu_cell reader log "${t#log-}" "$rep" "$RLINES" \
					"$HYTRACE" --input "$RLOG" --format="${t#log-}" -o /dev/null ;;
			raw-*)	[ -n "$RRECS" ] && cpu_cell reader raw text "$rep" "$RRECS" \
					"$HYTRACE" --input "$RRAW" -o /dev/null ;;
			esac
		done
		printf '\n'
	done
	rm -f "$RLOG" "$RRAW"
fi

# ---- section stacks-bpf: -k (issue 12), eBPF against strace -k, on W1 and W3 ----------------
# Every call shown with its stack (default depth and --stack-size), output to tmpfs.  Then the
# record size with stacks (hytrace's --debug count of snapshot bytes, and --format=raw's bytes
# per record after unwinding) and the consumer's unwinding rate (build/bench/ustack).
if [[ " $SECTIONS " == *" stacks-bpf "* ]]; then
	KTREE=$(mktemp -d /tmp/hytrace-bench-k3.XXXXXX) || die "cannot create the -k W3 tree directory"
	"$BIN/w3_openat_tree" --create "$S_KW3" "$KTREE" || die "cannot create the W3 tree in $KTREE"
	K_TRACERS="untraced strace-k hy-pt-k hy-bpf-k hy-bpf-kfp"
	for wl in W1 W3; do
		if [ $wl = W1 ]; then argv=("$BIN/w1_getppid" "$S_KW1"); else argv=("$BIN/w3_openat_tree" "$S_KW3" "$KTREE"); fi
		"${argv[@]}" >/dev/null 2>&1	# warm caches, not timed
		for ((rep = 1; rep <= REPS; rep++)); do
			printf 'stacks-bpf %s run %d/%d: ' "$wl" "$rep" "$REPS"
			for t in $(rotate $((rep - 1)) $K_TRACERS); do
				cell stacks-bpf "$wl" "$t" "$rep" "$TMP/out.txt" "${argv[@]}"
			done
			printf '\n'
		done
		if [ -x "$HYTRACE" ]; then
			"$HYTRACE" --backend=bpf -f -k --debug -o /dev/null "${argv[@]}" 2>"$TMP/kdbg" >/dev/null
			"$HYTRACE" --backend=bpf -f -k --format=raw -o "$TMP/k.raw" "${argv[@]}" >/dev/null 2>&1
			kline=$(grep -o '[0-9]* stack snapshots of [0-9]* bytes on average' "$TMP/kdbg" | tail -1)
			krec=$(grep -o '[0-9]* records from the kernel' "$TMP/kdbg" | tail -1 | cut -d' ' -f1)
			kraw=$(stat -c %s "$TMP/k.raw" 2>/dev/null)
			NOTES+=("stacks-bpf $wl: ${kline:-no snapshot count}; --format=raw -k: ${kraw:-?} bytes for ${krec:-?} records$([ -n "$krec" ] && [ -n "$kraw" ] && [ "$krec" -gt 0 ] && echo " ($((kraw / krec)) bytes/record, frames unwound)")")
			rm -f "$TMP/k.raw"
		fi
	done
	rm -rf "$KTREE"
	if [ -x "$OUTPUT/bench/ustack" ]; then
		NOTES+=("stacks-bpf consumer unwinding (build/bench/ustack 1000000 8): $("$OUTPUT/bench/ustack" 1000000 8 | tr '\n' ' ')")
	fi
fi

# ---- section buffer: lost events against the ring buffer size (W1) -------------------------
if [[ " $SECTIONS " == *" buffer "* ]]; then
	BREPS=$REPS
	[ "$MODE" = quick ] && BREPS=1
	BT=()
	for s in $BUF_SIZES; do BT+=("hy-bpf-buf:$s" "bpftrace-buf:$s"); done
	for ((rep = 1; rep <= BREPS; rep++)); do
		printf 'buffer W1 x %s run %d/%d: ' "$S_TP" "$rep" "$BREPS"
		for t in $(rotate $((rep - 1)) "${BT[@]}"); do
			cell buffer W1 "$t" "$rep" "$TMP/out.txt" "$BIN/w1_getppid" "$S_TP"
		done
		printf '\n'
	done
fi

# ---- section startup: issue 10's start-up, peak RSS and real short programs ------------------
# Start-up: each tracer runs /bin/true (output to /dev/null), so the wall time is the tracer's
# own start and end.  Then tar and find (W6tar, W6find) untraced, under hytrace eBPF full text
# and under bpftrace counting.  At least 7 runs (unless a smoke run), tracers alternated.
SU_STARTUP="hy-bpf hy-bpf-c hy-pt strace untraced"
SU_SHORT="untraced hy-bpf bpftrace-c"
if [[ " $SECTIONS " == *" startup "* ]]; then
	SREPS=$REPS
	[ -z "$SMOKE" ] && [ "$SREPS" -lt 7 ] && SREPS=7
	/bin/true	# its pages in the cache, not timed
	for ((rep = 1; rep <= SREPS; rep++)); do
		printf 'startup true run %d/%d: ' "$rep" "$SREPS"
		for t in $(rotate $((rep - 1)) $SU_STARTUP); do
			cell startup true "$t" "$rep" /dev/null /bin/true
		done
		printf '\n'
	done
	for wl in W6tar W6find; do
		read -r -a argv <<<"${WCMD[$wl]}"
		"${argv[@]}" >/dev/null 2>&1	# warm caches, not timed
		for ((rep = 1; rep <= SREPS; rep++)); do
			printf 'startup %s run %d/%d: ' "$wl" "$rep" "$SREPS"
			for t in $(rotate $((rep - 1)) $SU_SHORT); do
				cell startup "$wl" "$t" "$rep" "$TMP/out.txt" "${argv[@]}"
			done
			printf '\n'
		done
	done
fi

# ---- section unmatched: W1 beside hytrace -a --comm=NAME that does not match it (issue 10) --
# Against the floor: the same W1 beside empty programs on the same hooks, and beside programs
# doing one task-storage lookup that finds nothing.  At least 5 runs, alternated.
if [[ " $SECTIONS " == *" unmatched "* ]]; then
	UREPS=$REPS
	[ -z "$SMOKE" ] && [ "$UREPS" -lt 5 ] && UREPS=5
	read -r -a argv <<<"${WCMD[W1]}"
	"${argv[@]}" >/dev/null 2>&1	# warm caches, not timed
	for ((rep = 1; rep <= UREPS; rep++)); do
		printf 'unmatched W1 run %d/%d: ' "$rep" "$UREPS"
		for t in $(rotate $((rep - 1)) untraced floor floor-miss hy-bpf-nomatch); do
			cell unmatched W1 "$t" "$rep" "$TMP/out.txt" "${argv[@]}"
		done
		printf '\n'
	done
fi

# ---- section raw: --format=raw to tmpfs against -c, W1 (issue 10) --------------------------
if [[ " $SECTIONS " == *" raw "* ]]; then
	RREPS=$REPS
	[ -z "$SMOKE" ] && [ "$RREPS" -lt 5 ] && RREPS=5
	for ((rep = 1; rep <= RREPS; rep++)); do
		printf 'raw W1 x %s run %d/%d: ' "$S_TP" "$rep" "$RREPS"
		for t in $(rotate $((rep - 1)) untraced hy-bpf-c hy-bpf-raw); do
			cell raw W1 "$t" "$rep" "$TMP/out.raw" "$BIN/w1_getppid" "$S_TP"
		done
		printf '\n'
	done
fi

# ---- section stacks: -k on W1 and W3 (issue 12) -----------------------------------------------
# The ptrace rows (branch stacksym): strace -k against hytrace --backend=ptrace -k, whole-process
# wall time and the workload's own loop, tracers alternated; then the consumer's naming and
# rendering rate (bench/consumer -k: stacks per CPU-second).  The eBPF rows are the stackbpf
# branch's: they add their tracers to STK_TRACERS and their lines to the block below this one.
STK_TRACERS="untraced strace hy-pt strace-k hy-pt-k hy-bpf-k hy-bpf-kfp"
STK_RATE=$TMP/stacks_rate.tsv	# format  rate-per-CPU-s (one line per run)
: >"$STK_RATE"
if [[ " $SECTIONS " == *" stacks "* ]]; then
	KREPS=$REPS
	[ -z "$SMOKE" ] && [ "$KREPS" -lt 5 ] && KREPS=5
	declare -A KCMD
	KCMD[W1]="$BIN/w1_getppid $S_K1"
	KCMD[W3]="$BIN/w3_openat_tree $S_K3 ${TREE:-/nonexistent}"
	for wl in W1 W3; do
		read -r -a argv <<<"${KCMD[$wl]}"
		"${argv[@]}" >/dev/null 2>&1	# warm caches, not timed
		for ((rep = 1; rep <= KREPS; rep++)); do
			printf 'stacks %s run %d/%d: ' "$wl" "$rep" "$KREPS"
			for t in $(rotate $((rep - 1)) $STK_TRACERS); do
				cell stacks "$wl" "$t" "$rep" /dev/null "${argv[@]}"
			done
			printf '\n'
		done
	done
	if [ -x "$OUTPUT/bench/consumer" ]; then
		for ((rep = 1; rep <= KREPS; rep++)); do
			for f in text json; do
				r=$("$OUTPUT/bench/consumer" "$S_KC" -k --format=$f 2>/dev/null |
					sed -n 's/.* records in \([0-9.]*\) CPU-s.*/\1/p')
				[ -n "$r" ] && awk -v n="$S_KC" -v s="$r" -v f=$f \
					'BEGIN { if (s > 0) printf "%s\t%.0f\n", f, n / s }' >>"$STK_RATE"
			done
		done
	else
		NOTES+=("section stacks: $OUTPUT/bench/consumer not built: no consumer rate")
	fi
fi
# ---- end of section stacks (ptrace) -----------------------------------------------------------

# ---- section cuda: issue 11's dedicated per-syscall programs ---------------------------------
# W1 under `-a --cuda-only` (only opens, ioctl, mmap, close have programs: getppid runs no BPF)
# against untraced; an ioctl storm on a stand-in nvidiactl (a regular file in a directory named
# dev: the kernel side takes it for /dev/nvidiactl and captures each call's NVOS54 and params)
# through the dedicated sys_enter_ioctl programs and through the raw_syscalls ones.
CUDA_MD=$TMP/cuda.md
: >"$CUDA_MD"
if [[ " $SECTIONS " == *" cuda "* ]]; then
	CREPS=$REPS
	[ -z "$SMOKE" ] && [ "$CREPS" -lt 5 ] && CREPS=5
	mkdir -p "$TMP/dev" && : >"$TMP/dev/nvidiactl"
	read -r -a argv <<<"${WCMD[W1]}"
	for ((rep = 1; rep <= CREPS; rep++)); do
		printf 'cuda W1 run %d/%d: ' "$rep" "$CREPS"
		for t in $(rotate $((rep - 1)) untraced hy-bpf-a-cuda); do
			cell cuda W1 "$t" "$rep" "$TMP/out.txt" "${argv[@]}"
		done
		printf '\n'
	done
	for ((rep = 1; rep <= CREPS; rep++)); do
		printf 'cuda W8 run %d/%d: ' "$rep" "$CREPS"
		for t in $(rotate $((rep - 1)) untraced hy-bpf-ioctl hy-bpf-ioctl-raw); do
			cell cuda W8 "$t" "$rep" "$TMP/out.txt" "$BIN/w8_ioctl_storm" "$S_W8" "$TMP/dev/nvidiactl"
		done
		printf '\n'
	done
	# medians of the workloads' own loop times: slowdown, and ns per call over untraced
	awk -F'\t' -v w1="$S_W1" -v w8="$S_W8" -v reps="$CREPS" '
	function med(s,    a, n, i, j, x) {
		n = split(s, a, " ")
		for (i = 2; i <= n; i++) { x = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	$1 == "cuda" && $6 != "-" {
		k = $2 SUBSEP $3
		if (!(k in v)) { v[k] = $6; lo[k] = $6 + 0; hi[k] = $6 + 0; next }
		v[k] = v[k] " " $6
		if ($6 + 0 < lo[k]) lo[k] = $6 + 0
		if ($6 + 0 > hi[k]) hi[k] = $6 + 0
	}
	END {
		printf "## cuda: dedicated per-syscall programs (issue 11)\n\n"
		printf "Median of %d runs of the workload'"'"'s own loop (min-max in brackets).\n\n", reps
		printf "| workload | tracer | loop time | per call | slowdown | over untraced, per call |\n|---|---|---:|---:|---:|---:|\n"
		split("W1 untraced|W1 hy-bpf-a-cuda|W8 untraced|W8 hy-bpf-ioctl|W8 hy-bpf-ioctl-raw", rows, "|")
		for (r = 1; r <= 5; r++) {
			split(rows[r], f, " "); k = f[1] SUBSEP f[2]; b = f[1] SUBSEP "untraced"
			if (!(k in v)) { printf "| %s | %s | n/a | | | |\n", f[1], f[2]; continue }
			n = f[1] == "W1" ? w1 : w8; m = med(v[k]); mb = (b in v) ? med(v[b]) : 0
			printf "| %s x %d | %s | %.4f s (%.4f-%.4f) | %.0f ns | %s | %s |\n", f[1], n, f[2], m, lo[k], hi[k],
				m / n * 1e9, mb ? sprintf("%.3fx", m / mb) : "-", mb && f[2] != "untraced" ? sprintf("%.0f ns", (m - mb) / n * 1e9) : "-"
		}
	}' "$RAW" >"$CUDA_MD"
fi

# ---- section funcs: --func (issue 13), the cost per traced call (entry + exit) ---------------
# build/tests/progs/functree calls N: N calls of ft_small (lea, ret).  hytrace --func on eBPF
# (uprobe_multi links, records through the ring and the text sink) against bpftrace's empty
# uprobe and uretprobe bodies on the same function, and untraced.  Each tracer's start and end
# are taken out: every run times `calls 0` and `calls N` back to back, per call = the
# difference / N; tracers alternated round-robin, median and min-max of the runs.
FUNCS_MD=$TMP/funcs.md
if [[ " $SECTIONS " == *" funcs "* ]]; then
	FT=$OUTPUT/tests/progs/functree
	if [ ! -x "$FT" ]; then
		NOTES+=("funcs: $FT not built (make $FT): section skipped")
	else
		case $FT in /*) ;; *) FT=$PWD/$FT ;; esac
		for ((rep = 1; rep <= FREPS; rep++)); do
			printf 'funcs run %d/%d: ' "$rep" "$FREPS"
			for t in $(rotate $((rep - 1)) untraced hy-bpf-func bpftrace-func); do
				cell funcs F0 "$t" "$rep" "$TMP/out.txt" "$FT" calls 0 &&
					cell funcs FN "$t" "$rep" "$TMP/out.txt" "$FT" calls "$S_FN"
			done
			printf '\n'
		done
		awk -F'\t' -v n="$S_FN" -v reps="$FREPS" -v ft="$FT" '
		function med(s,    a, k, i, j, x) {
			k = split(s, a, " ")
			for (i = 2; i <= k; i++) { x = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
			return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
		}
		$1 == "funcs" { w[$2 SUBSEP $3 SUBSEP $4] = $5 }
		END {
			printf "## funcs: --func, cost per traced call (issue 13)\n\n"
			printf "`%s calls %d` (a call of ft_small, `lea 0x1(%%rdi),%%rax; ret`, per iteration); per call =\n", ft, n
			printf "(wall of `calls %d` - wall of `calls 0`) / %d within each run, so that start-up and end are\n", n, n
			printf "left out; %d alternating runs, median (min-max).\n\n", reps
			printf "| tracer | wall, calls 0 | wall, calls %d | per call (entry + exit) | over untraced |\n|---|---:|---:|---:|---:|\n", n
			split("untraced hy-bpf-func bpftrace-func", tr, " ")
			for (i = 1; i <= 3; i++) {
				t = tr[i]; s0 = ""; sn = ""; sp = ""; lo = ""; hi = ""
				for (r = 1; r <= reps; r++) {
					k0 = "F0" SUBSEP t SUBSEP r; kn = "FN" SUBSEP t SUBSEP r
					if (!(k0 in w) || !(kn in w)) continue
					s0 = s0 " " w[k0]; sn = sn " " w[kn]; pc = (w[kn] - w[k0]) / n * 1e9; sp = sp " " pc
					if (lo == "" || pc < lo) lo = pc
					if (hi == "" || pc > hi) hi = pc
				}
				if (sp == "") { printf "| %s | n/a | n/a | n/a | |\n", t; continue }
				m = med(sp); pcs[t] = m
				printf "| %s | %.3f s | %.3f s | %.0f ns (%.0f-%.0f) | %s |\n", t, med(s0), med(sn), m, lo, hi,
					t == "untraced" ? "-" : sprintf("%.0f ns", m - pcs["untraced"])
			}
			if (("hy-bpf-func" in pcs) && ("bpftrace-func" in pcs))
				printf "\nhytrace / bpftrace per call: %.2f\n", (pcs["hy-bpf-func"] - pcs["untraced"]) / (pcs["bpftrace-func"] - pcs["untraced"])
		}' "$RAW" >"$FUNCS_MD"
	fi
fi

# ---- section funcs-preload: --func on ptrace through the preload library (issue 13) ---------
# `functree_pg calls N` (-pg: mcount) and `functree_fi calls N` (-finstrument-functions): N calls
# of a one-line function, untraced, under hytrace's preload path (the text call tree of every
# call to tmpfs, and --format=raw) and under `uftrace record` (Debian's uftrace: installed here
# with apt-get when missing and root).  At least 5 runs (3 with QUICK), tracers alternated; the
# cost per traced call (entry + exit) is the median wall time over untraced's, divided by N.
FP_MD=$TMP/funcs-preload.md
: >"$FP_MD"
if [[ " $SECTIONS " == *" funcs-preload "* ]]; then
	FPN=${BENCH_FUNC_CALLS:-$([ -n "$SMOKE" ] && echo 2000 || { [ -n "$QUICK" ] && echo 200000 || echo 1000000; })}
	FPREPS=$REPS
	[ -z "$SMOKE" ] && [ "$FPREPS" -lt 5 ] && FPREPS=5
	[ -z "$SMOKE" ] && [ -n "$QUICK" ] && FPREPS=3
	P=$OUTPUT/tests/progs
	make -s --no-print-directory OUTPUT="$OUTPUT" "$P/functree_pg" "$P/functree_fi" \
		"$OUTPUT/libhytrace-func.so" >/dev/null 2>&1 || NOTES+=("funcs-preload: building functree_pg/_fi failed")
	if ! command -v uftrace >/dev/null 2>&1 && [ -z "$SMOKE" ] && [ "$(id -u)" = 0 ]; then
		apt-get install -y -q uftrace >/dev/null 2>&1 &&
			NOTES+=("funcs-preload: installed uftrace with apt-get")
	fi
	command -v uftrace >/dev/null 2>&1 || MISSING[uftrace]="uftrace not installed (apt-get install uftrace)"
	# the -pg build writes gmon.out at exit (glibc's gprof support): into $TMP, not here
	export GMON_OUT_PREFIX=$TMP/gmon
	for v in pg fi; do
		for ((rep = 1; rep <= FPREPS; rep++)); do
			printf 'funcs-preload %s run %d/%d: ' "$v" "$rep" "$FPREPS"
			for t in $(rotate $((rep - 1)) untraced hy-pt-func hy-pt-func-raw uftrace); do
				cell funcs-preload "$v" "$t" "$rep" "$TMP/out.txt" "$P/functree_$v" calls "$FPN"
				rm -rf "$TMP/out.txt.uftrace" "$TMP"/gmon.*
			done
			printf '\n'
		done
	done
	awk -F'\t' -v n="$FPN" -v reps="$FPREPS" '
	function med(s,    a, m, i, j, x) {
		m = split(s, a, " ")
		for (i = 2; i <= m; i++) { x = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
		return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
	}
	FILENAME == ARGV[1] { if ($1 == "funcs-preload") why[$2 SUBSEP $3] = $4; next }
	$1 == "funcs-preload" {
		k = $2 SUBSEP $3
		if (!(k in v)) { v[k] = $5; lo[k] = $5 + 0; hi[k] = $5 + 0; next }
		v[k] = v[k] " " $5
		if ($5 + 0 < lo[k]) lo[k] = $5 + 0
		if ($5 + 0 > hi[k]) hi[k] = $5 + 0
	}
	END {
		printf "## funcs-preload: --func on ptrace, -pg and -finstrument-functions builds (issue 13)\n\n"
		printf "`functree_V calls %d`: median wall time of %d runs (min-max), tracers alternated; per call: (median - untraced median) / %d, one call being an entry and an exit.\n\n", n, reps, n
		printf "| build | tracer | wall | slowdown | per traced call |\n|---|---|---:|---:|---:|\n"
		split("untraced hy-pt-func hy-pt-func-raw uftrace", T, " ")
		for (b = 1; b <= 2; b++) {
			bv = b == 1 ? "pg" : "fi"; ku = bv SUBSEP "untraced"; mu = (ku in v) ? med(v[ku]) : 0
			for (i = 1; i <= 4; i++) {
				k = bv SUBSEP T[i]
				if (!(k in v)) { printf "| %s | %s | n/a (%s) | | |\n", bv, T[i], why[k]; continue }
				m = med(v[k])
				printf "| %s | %s | %.3f s (%.3f-%.3f) | %s | %s |\n", bv, T[i], m, lo[k], hi[k],
					mu ? sprintf("%.2fx", m / mu) : "-", mu && T[i] != "untraced" ? sprintf("%.0f ns", (m - mu) / n * 1e9) : "-"
			}
		}
	}' "$NA" "$RAW" >"$FP_MD"
fi

ELAPSED=$(awk -v a="$START" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')

# ---- report ----------------------------------------------------------------------------------
mkdir -p "$RESULTS"
{
	printf 'section\tworkload\ttracer\trep\twall_s\tself_s\tpeak_rss_kb\tevents\tlost\trc\n'
	cat "$RAW"
	awk -F'\t' '{ printf "%s\t%s\t%s\tn/a\t\t\t\t\t\t%s\n", $1, $2, $3, $4 }' "$NA"
} >"$RESULTS/latest.tsv"

CMDS=$TMP/cmds.tsv
for t in $TRACERS hy-bpf-json hy-bpf-buf:SIZE bpftrace-buf:SIZE hy-bpf-raw hy-bpf-nomatch floor floor-miss strace-k hy-pt-k hy-bpf-k hy-bpf-kfp hy-deps-bpf hy-deps-pt; do
	printf '%s\t%s\n' "$t" "$(describe "$t")"
done >"$CMDS"

REPORT_ARGS=(-v mode="$MODE" -v reps="$REPS" -v tracers="$TRACERS" -v workloads="$WORKLOADS"
	-v bufsizes="$BUF_SIZES" -v s_w1="$S_W1" -v s_tp="$S_TP" -v s_w7f="$S_W7F" -v s_w7e="$S_W7E"
	-v plotdir="$TMP" -v su_startup="$SU_STARTUP" -v su_short="$SU_SHORT" -v d_tar="$D_TAR"
	-v d_find="$D_FIND" -v s_cons="$S_CONS" -v d_read="$D_READ" -v hytrace="$HYTRACE"
	-v stk_tracers="$STK_TRACERS" -v s_k1="$S_K1" -v s_k3="$S_K3"
	-v s_kc="$S_KC" -v stk_rate="$(cat "$STK_RATE" | tr '\n\t' ';=')"
	-v s_kw1="${S_KW1:-}" -v s_kw3="${S_KW3:-}")
WLDESC=$TMP/wl.tsv
for wl in $WORKLOADS; do printf '%s\t%s\n' "$wl" "${WCMD[$wl]}"; done >"$WLDESC"

{
	say "# hytrace benchmark results"
	say
	say "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	say "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, kernel $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME")"
	say "- tools: $(strace -V 2>/dev/null | head -1), $(perf --version 2>/dev/null), $(bpftrace --version 2>/dev/null), hytrace: $([ -x "$HYTRACE" ] && "$HYTRACE" -V 2>&1 | head -1 || echo "not built")"
	say "- mode: $MODE, $REPS run(s) per cell (median), tracers alternated round-robin within each run; run took ${ELAPSED} s"
	for n in "${NOTES[@]}"; do say "- note: $n"; done
	say
	awk -F'\t' "${REPORT_ARGS[@]}" -f bench/report.awk "$WLDESC" "$CMDS" "$NA" "$RAW"
	if [ -s "$CUDA_MD" ]; then
		say
		cat "$CUDA_MD"
		say
		say "W8: \`$BIN/w8_ioctl_storm $S_W8 DIR/dev/nvidiactl\` (a regular file); hy-bpf-a-cuda, hy-bpf-ioctl, hy-bpf-ioctl-raw:"
		for t in hy-bpf-a-cuda hy-bpf-ioctl hy-bpf-ioctl-raw; do say "- $t: \`$(describe "$t")\`"; done
	fi
	if [ -s "$FUNCS_MD" ]; then
		say
		cat "$FUNCS_MD"
		say
		tracer_cmd hy-bpf-func OUT "$FT" calls N
		say "- hy-bpf-func: \`${CMD[*]}\`"
		say "- bpftrace-func: \`bpftrace -e 'uprobe:$FT:ft_small {} uretprobe:$FT:ft_small {}' -c '$FT calls N'\`"
	fi
	if [ -s "$FP_MD" ]; then
		say
		cat "$FP_MD"
		say
		for t in hy-pt-func hy-pt-func-raw uftrace; do say "- $t: \`$(describe "$t")\`"; done
	fi
} >"$RESULTS/latest.md"

# ---- plots -----------------------------------------------------------------------------------
if command -v gnuplot >/dev/null 2>&1; then
	bench/plot.sh "$TMP/slowdown.dat" "$TMP/lost.dat" "$RESULTS" "$MODE" 2>"$TMP/gnuplot.err" ||
		say "bench: gnuplot failed: $(head -3 "$TMP/gnuplot.err")"
else
	say "bench: gnuplot not installed (apt-get install gnuplot-nox): no plots"
fi

cat "$RESULTS/latest.md"
say
say "wrote $RESULTS/latest.md, $RESULTS/latest.tsv, $RESULTS/slowdown.png, $RESULTS/lost.png"
