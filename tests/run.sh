#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# run.sh: hytrace's test suite (make test).  Assumes `make` built build/hytrace,
# build/tests/progs/* and build/tests/unit/*; compiles nothing itself.
#
#   sh tests/run.sh                          test build/hytrace
#   HYTRACE=/usr/bin/strace sh tests/run.sh  validate the suite itself against strace
#   HYT_SECTIONS="b c" sh tests/run.sh       run only some sections (a b c d e f g h i j k l m n o p q r s t u)
#   HYT_KEEP=1 sh tests/run.sh               keep the traces (the work dir is printed)
#
# Each check prints `ok - NAME`, `FAIL - NAME: reason` or `skip - NAME: reason`; lines starting
# with `#` are information.  The last line is `N passed, N failed[, N skipped]`; the exit status
# is 1 when anything failed.

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
. tests/lib.sh

# Descriptors inherited from make (jobserver) or a shell would shift the tracees' fd numbers:
# start again with only 0, 1 and 2 open (stdin from /dev/null).
if [ -z "$HYT_FDS_CLOSED" ] && [ "$(ls /proc/$$/fd | wc -l)" -gt 4 ]; then
	HYT_FDS_CLOSED=1 exec python3 -c 'import os, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)	# python ignores it; tracees would inherit that
os.closerange(3, os.sysconf("SC_OPEN_MAX"))
os.execvp("sh", ["sh"] + sys.argv[1:])' tests/run.sh "$@" </dev/null
fi
exec </dev/null

HYTRACE=${HYTRACE:-build/hytrace}
STRACE=${STRACE:-/usr/bin/strace}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
PROGS=$ROOT/build/tests/progs
UNITS=$ROOT/build/tests/unit
SECTIONS=${HYT_SECTIONS:-a b c d e f g h i j k l m n o p q r s t u}
# every traced run is bounded: a hang fails a check instead of hanging CI
TMO="timeout -k 5 60"
export TZ=UTC LC_ALL=C
unset NO_COLOR

IS_STRACE=0
case $("$HYTRACE" -V 2>/dev/null | head -n 1) in
*"strace -- version"*) IS_STRACE=1 ;;
esac

WORK=$(mktemp -d /tmp/hytrace-test.XXXXXX) || exit 2
chmod 755 "$WORK"
export HYT_WORK=$WORK
RUN=$WORK/run		# the tracees' working directory (their files live here)
OUT=$WORK/out		# traces
mkdir -p "$RUN" "$OUT"
BG_PIDS=

# Sections a-e test the ptrace backend explicitly (as root, auto would pick eBPF);
# section f runs the same programs with --backend=bpf.
HYTRACE_BIN=$HYTRACE
if [ $IS_STRACE = 0 ]; then
	printf '#!/bin/sh\nexec "%s" --backend=ptrace "$@"\n' "$HYTRACE_BIN" >"$WORK/hytrace-ptrace"
	chmod 755 "$WORK/hytrace-ptrace"
	HYTRACE=$WORK/hytrace-ptrace
fi

section() { case " $SECTIONS " in *" $1 "*) return 0 ;; esac; return 1; }

# kill what this run started in the background, by pid
kill_bg()
{
	for p in $BG_PIDS; do
		kill -KILL "$p" 2>/dev/null
	done
	BG_PIDS=
}

# pids of leftover processes running our test programs or living in our work dir
stragglers()
{
	for d in /proc/[0-9]*; do
		exe=$(readlink "$d/exe" 2>/dev/null) || continue
		case $exe in
		"$PROGS"/* | "$WORK"/*) echo "${d#/proc/}" ;;
		esac
	done
}

cleanup()
{
	kill_bg
	for p in $(stragglers); do
		kill -KILL "$p" 2>/dev/null
	done
	[ -n "$HYT_KEEP" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# trace_to TRACER OUTFILE OPTIONS... -- PROG ARGS: trace in $RUN, trace to OUTFILE, stdout of the
# program to OUTFILE.stdout, stderr of the tracer to OUTFILE.err; sets RC
trace_to()
{
	_t=$1
	_o=$2
	shift 2
	# the inner shell waits (no exec) and reports a tracer killed by a signal, to /dev/null
	(cd "$RUN" && $TMO $_t -o "$_o" "$@" >"$_o.stdout" 2>"$_o.err"; exit $?) 2>/dev/null
	RC=$?
	HYT_CONTEXT="tracer exit $RC; stderr: $(head -c 200 "$_o.err" | tr '\n' ' ')"
}

# wait_for COND-COMMAND...: retry for up to 5 seconds
wait_for()
{
	_i=0
	while [ $_i -lt 50 ]; do
		"$@" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# syscall names of a trace without pid prefixes (`+++`, `---` and resumed lines skipped)
names() { sed -n 's/^\([a-z_0-9]*\)(.*/\1/p' "$1" | sort -u; }

echo "# tracer: $HYTRACE$( [ $IS_STRACE = 1 ] && echo ' (strace: hytrace-only checks skipped)')"
[ -n "$HYT_KEEP" ] && echo "# traces kept in $WORK"
echo "# reference: $STRACE ($("$STRACE" -V 2>/dev/null | head -n 1))"
if [ ! -x "$HYTRACE" ]; then
	hyt_failed "tracer" "$HYTRACE is not executable (run make)"
	hyt_summary
	exit 1
fi

# Area programs compared with strace; the expected exit status of each traced run.
AREAS="fs desc mem proc signal time net misc threads exitcode sigsegv keys numa mountapi rare quota iouring prctl perf bpfcmd sockopt typed unread ioctls netlink ptracecall"
status_of() { case $1 in sigsegv) echo 139 ;; *) echo 0 ;; esac; }

########## (a) unit tests, and the direction of includes
if section a; then
	echo "# (a) unit tests, layering"
	found=0
	for u in "$UNITS"/*; do
		[ -f "$u" ] && [ -x "$u" ] || continue
		found=1
		n=$(basename "$u")
		uout=$(timeout -k 5 120 "$u" 2>&1)
		urc=$?
		nok=$(printf '%s\n' "$uout" | grep -c '^ok ')
		nbad=$(printf '%s\n' "$uout" | grep -c '^not ok ')
		if [ $urc -eq 0 ] && [ "$nbad" -eq 0 ] && [ "$nok" -gt 0 ]; then
			hyt_ok "unit $n ($nok tests)"
		else
			hyt_failed "unit $n" "exit $urc, $nok ok, $nbad not ok: $(printf '%s\n' "$uout" | grep '^not ok' | head -n 5 | tr '\n' ';')"
		fi
	done
	[ $found = 1 ] || hyt_skip "unit tests" "no binaries in $UNITS"

	# every input of every fuzz target's corpus (seeds and the reproducers of crashes found),
	# once, with the ASan+UBSan fuzz binaries that make test builds (tests/fuzz/fuzz.mk)
	for dir in tests/fuzz/corpus/*/; do
		t=$(basename "$dir")
		bin=$ROOT/build/fuzz/fuzz_$t
		if [ ! -x "$bin" ]; then
			hyt_skip "fuzz replay $t" "no $bin (make -f tests/fuzz/fuzz.mk fuzz-build)"
			continue
		fi
		n=$(ls "$dir" | wc -l)
		if [ "$n" = 0 ]; then	# no file names: libFuzzer would start fuzzing
			hyt_skip "fuzz replay $t" "no inputs in $dir"
			continue
		fi
		fout=$(cd "$dir" && env -u HYT_FUZZ_NO_NUL timeout -k 5 300 "$bin" -timeout=25 \
			-rss_limit_mb=2048 $(ls) 2>&1)
		frc=$?
		nrun=$(printf '%s\n' "$fout" | grep -c '^Executed ')
		if [ $frc -eq 0 ] && [ "$nrun" -eq "$n" ]; then
			hyt_ok "fuzz replay $t ($n inputs)"
		else
			hyt_failed "fuzz replay $t" "exit $frc after $nrun of $n inputs; $(printf '%s\n' "$fout" | grep '^Running: ' | tail -n 1): $(printf '%s\n' "$fout" | grep -m 1 -E '^SUMMARY|ERROR: ')"
		fi
	done

	# includes point down the layers (the rules and the allow-list: tests/layering.sh)
	lout=$(sh tests/layering.sh 2>&1)
	lrc=$?
	lfail=$HYT_FAIL
	while IFS= read -r line; do
		case $line in
		'ok - '*) hyt_ok "${line#ok - }" ;;
		'FAIL - '*) line=${line#FAIL - }; hyt_failed "${line%%: *}" "${line#*: }" ;;
		?*) printf '# %s\n' "$line" ;;
		esac
	done <<EOF
$lout
EOF
	[ $lrc -eq 0 ] || [ $HYT_FAIL -gt $lfail ] || hyt_failed "layering" "tests/layering.sh exited $lrc"

	# libcurl and the ~35 libraries it needs cost every start 15-20 ms and ~4 MB: only the
	# OTLP/HTTP export opens it (dlopen in user/sink/otlp_http.c); section h exercises that
	if [ $IS_STRACE = 1 ]; then
		hyt_skip "hytrace does not link libcurl" "tracer is strace"
	else
		hyt_check "hytrace does not link libcurl" sh -c '
			! ldd "$1" | grep libcurl || exit 1' sh "$HYTRACE_BIN"
	fi
fi

########## (b) each program traced, its expected lines present
if section b; then
	echo "# (b) expected lines (tests/expect/PROG.expect)"
	for p in $AREAS; do
		if [ ! -x "$PROGS/$p" ]; then
			hyt_failed "expect $p" "$PROGS/$p not built"
			continue
		fi
		o=$OUT/b.$p
		trace_to "$HYTRACE" "$o" -f -- "$PROGS/$p"
		want=$(status_of $p)
		if [ $RC -ne "$want" ]; then
			hyt_failed "expect $p" "exit status $RC, want $want; stderr: $(head -c 300 "$o.err")"
		elif [ ! -f "tests/expect/$p.expect" ]; then
			hyt_skip "expect $p" "no tests/expect/$p.expect"
		else
			hyt_check "expect $p" hyt_expect "$o" "tests/expect/$p.expect"
		fi
	done
fi

# compare_set NAME REF-TRACER OTHER-TRACER OPTIONS...: trace every area program with both
# tracers and the same options; >= 98% of the reference's lines (between the markers, after
# normalisation, minus tests/KNOWN-DIFFERENCES.md) must be identical
compare_set()
{
	_set=$1
	_ref=$2
	_oth=$3
	shift 3
	_same=0
	_total=0
	_bad=
	for p in $AREAS; do
		[ -x "$PROGS/$p" ] || continue
		trace_to "$_ref" "$OUT/c.$_set.$p.ref" "$@" -- "$PROGS/$p"
		trace_to "$_oth" "$OUT/c.$_set.$p.oth" "$@" -- "$PROGS/$p"
		_orc=$RC
		hyt_compare "$OUT/c.$_set.$p.ref" "$OUT/c.$_set.$p.oth" tests/KNOWN-DIFFERENCES.md >"$OUT/c.$_set.$p.cmp"
		read -r s t <"$OUT/c.$_set.$p.cmp"
		s=${s:-0}
		t=${t:-0}
		_same=$((_same + s))
		_total=$((_total + t))
		if [ "$s" -ne "$t" ] || [ "$(wc -l <"$OUT/c.$_set.$p.cmp")" -gt 1 ]; then
			echo "#   $_set $p: $s of $t lines identical (exit $_orc); first differences:"
			sed -n '2,7s/^/#     /p' "$OUT/c.$_set.$p.cmp" | cut -c1-300
			_bad="$_bad $p"
		fi
	done
	if [ $_total -eq 0 ]; then
		hyt_failed "compare $_set" "no reference lines"
		return
	fi
	_pct=$((_same * 1000 / _total))
	_msg="$_same of $_total lines identical ($((_pct / 10)).$((_pct % 10))%)${_bad:+, differences in:$_bad}"
	if [ $_pct -ge 980 ]; then
		hyt_ok "compare $_set: $_msg"
	else
		hyt_failed "compare $_set" "$_msg"
	fi
}

########## (c) comparison with strace
if section c; then
	echo "# (c) comparison with strace ($STRACE)"
	compare_set default "$STRACE" "$HYTRACE" -f
	compare_set verbose "$STRACE" "$HYTRACE" -f -v -s 256 -y
	compare_set hex "$STRACE" "$HYTRACE" -f -x
	compare_set time "$STRACE" "$HYTRACE" -f -tt -T
fi

########## (d) behaviours
has_line() { grep -qxF -e "$2" "$1" || { printf 'no line %s in %s; it ends:\n' "'$2'" "$1"; tail -n 5 "$1"; return 1; }; }
has_re() { grep -qE -e "$2" "$1" || { printf 'nothing matches /%s/ in %s; it ends:\n' "$2" "$1"; tail -n 5 "$1"; return 1; }; }
rc_is() { [ "$RC" -eq "$1" ] || { echo "exit status $RC, want $1; stderr: $(head -c 300 "$2.err" 2>/dev/null)"; return 1; }; }

# only_names TRACE ERE: every syscall in TRACE matches ERE, and there is at least one
only_names()
{
	_n=$(names "$1")
	[ -n "$_n" ] || { echo "no syscalls traced"; return 1; }
	_x=$(printf '%s\n' "$_n" | grep -vE "$2")
	[ -z "$_x" ] || { echo "unexpected:" $_x; return 1; }
}

proc_state() { sed -n 's/^State:[[:space:]]*\([A-Za-z]\).*/\1/p' "/proc/$1/status" 2>/dev/null; }
running_free()
{
	_s=$(proc_state "$1")
	[ -n "$_s" ] || { echo "pid $1 is gone"; return 1; }
	case $_s in t | T | Z | X) echo "pid $1 is in state $_s"; return 1 ;; esac
	grep -q '^TracerPid:[[:space:]]*0$' "/proc/$1/status" || { echo "pid $1 still traced"; return 1; }
}
ticks_grow()
{
	_a=$(wc -c <"$1")
	sleep 0.3
	[ "$(wc -c <"$1")" -gt "$_a" ] || { echo "$1 stopped growing: target not running"; return 1; }
}
nonempty() { [ -s "$1" ]; }
# json_ids JSON: "pid tid comm" of each record
json_ids() { sed -n 's/.*"pid":\([0-9]*\),"tid":\([0-9]*\),"comm":"\([^"]*\)".*/\1 \2 \3/p' "$1"; }
# fork_ids_ok JSON (of `forks N exec`): every task leads its process, named forks, then true
fork_ids_ok()
{
	json_ids "$1" | awk '$1 != $2 { print "pid " $1 " for tid " $2; bad = 1 }
		$3 != "forks" && $3 != "true" { print "comm " $3 " of tid " $2; bad = 1 }
		$3 == "true" { t[$2] = 1 } END { for (i in t) n++; if (n < 5) print n + 0 " tasks named true"; exit bad || n < 5 }'
}
# thread_ids_ok JSON (of `threads`): the three threads carry the process id of the first task
thread_ids_ok()
{
	json_ids "$1" | awk 'NR == 1 { main = $1 } $1 != main { print "pid " $1 " for tid " $2 ", want " main; bad = 1 }
		$2 != main { t[$2] = 1 } END { for (i in t) n++; if (n != 3) print n + 0 " threads"; exit bad || n != 3 }'
}
grep_q() { grep -q -e "$2" "$1" 2>/dev/null; }

# start_sleeper NAME [runuser args]: starts a sleeper writing $WORK/NAME.pid and $WORK/NAME.ticks
start_sleeper()
{
	rm -f "$WORK/$1.pid" "$WORK/u/$1.pid"	# a stale pid from an earlier start is no sleeper
	if [ -n "$2" ]; then
		runuser -u "$2" -- "$WORK/u/sleeper" "$WORK/u/$1.pid" >"$WORK/u/$1.ticks" 2>/dev/null &
		SL_PIDFILE=$WORK/u/$1.pid
		SL_TICKS=$WORK/u/$1.ticks
	else
		"$PROGS/sleeper" "$WORK/$1.pid" >"$WORK/$1.ticks" 2>/dev/null &
		SL_PIDFILE=$WORK/$1.pid
		SL_TICKS=$WORK/$1.ticks
	fi
	BG_PIDS="$BG_PIDS $!"
	wait_for nonempty "$SL_PIDFILE" || return 1
	SL=$(cat "$SL_PIDFILE")
	BG_PIDS="$BG_PIDS $SL"
}

# leaf PID: the innermost descendant of PID (the tracer under runuser/timeout wrappers)
leaf()
{
	_p=$1
	while _c=$(pgrep -P "$_p" 2>/dev/null | head -n 1) && [ -n "$_c" ]; do
		_p=$_c
	done
	echo "$_p"
}

# detached_ok PID TICKS TRACE: the target runs on, untraced, and was traced before
detached_ok()
{
	running_free "$1" || return 1
	ticks_grow "$2" || return 1
	grep -qE '^(clock_nanosleep|nanosleep|restart_syscall|write)\(' "$3" || { echo "no syscalls in $3"; return 1; }
}

# attach_detach NAME TRACER-CMD...: attach to a fresh sleeper with -p, stop the tracer with
# SIGINT, check it detached (exit 130 like strace) and the target runs on, untraced
attach_detach()
{
	_nm=$1
	shift
	if ! start_sleeper ad "$AS_USER"; then
		hyt_failed "$_nm" "sleeper did not start"
		return
	fi
	_o=$WORK/ad.trace
	[ -n "$AS_USER" ] && _o=$WORK/u/ad.trace
	rm -f "$_o"	# the trace of an earlier call would look like this one's
	# an asynchronous command of a non-interactive shell starts with SIGINT ignored: give the
	# tracer the default disposition a terminal's Ctrl-C would find
	env --default-signal=INT "$@" -o "$_o" -p "$SL" 2>"$_o.err" &
	_t=$!
	BG_PIDS="$BG_PIDS $_t"
	if ! wait_for grep_q "$_o" 'write(1, "tick'; then
		hyt_failed "$_nm" "no trace of the target after 5s; stderr: $(head -c 300 "$_o.err")"
		kill -KILL "$(leaf $_t)" $_t "$SL" 2>/dev/null
		return
	fi
	kill -INT "$(leaf $_t)"
	_w=0
	while kill -0 "$_t" 2>/dev/null && [ $_w -lt 50 ]; do sleep 0.1; _w=$((_w + 1)); done
	if kill -0 "$_t" 2>/dev/null; then
		hyt_failed "$_nm" "tracer still running 5s after SIGINT"
		kill -KILL "$(leaf $_t)" $_t 2>/dev/null
	else
		wait "$_t"
		RC=$?
		if [ $RC -ne 130 ]; then
			hyt_failed "$_nm" "tracer exit status $RC after SIGINT, want 130 (strace's)"
		else
			hyt_check "$_nm" detached_ok "$SL" "$SL_TICKS" "$_o"
		fi
	fi
	kill -KILL "$SL" 2>/dev/null
}

# lines_n FILE PATTERN N: FILE holds at least N lines matching PATTERN
lines_n() { _n=$(grep -c -e "$2" "$1" 2>/dev/null); [ "${_n:-0}" -ge "$3" ]; }

# live_trace NAME PATTERN TRACER-CMD...: -p of a slow tracee (a sleeper: a tick every 50 ms,
# about 80 bytes of trace) shows its lines while both run.  Output files are written in 64 KiB
# blocks: without the flush when the source goes idle, 5 s of it (8 KB) would stay buffered.
live_trace()
{
	_nm=$1 _pat=$2
	shift 2
	if ! start_sleeper live; then
		hyt_failed "$_nm" "sleeper did not start"
		return
	fi
	_o=$WORK/live.trace
	rm -f "$_o"
	"$@" -o "$_o" -p "$SL" 2>"$_o.err" &
	_t=$!
	BG_PIDS="$BG_PIDS $_t"
	if wait_for lines_n "$_o" "$_pat" 5 && kill -0 "$_t" 2>/dev/null; then
		hyt_ok "$_nm"
	else
		hyt_failed "$_nm" "$(grep -c -e "$_pat" "$_o" 2>/dev/null) lines after 5 s, want 5; stderr: $(head -c 300 "$_o.err")"
	fi
	kill -INT "$(leaf $_t)" 2>/dev/null
	wait "$_t" 2>/dev/null
	kill -KILL "$SL" 2>/dev/null
}

# ctrl_c TAG WHO OPTIONS...: trace $PROGS/intr under the seccomp filter (-f --seccomp-bpf
# -e trace=openat -o FILE PROG, plus OPTIONS), then SIGINT to the tracer's process group as a
# terminal's Ctrl-C does (WHO=group: tracer and command; timeout made the group), or to the
# tracer alone (WHO=tracer).  Sets RC (the tracer's exit status) and waits for the command's
# report $OUT/d.TAG.res ("sigint=N opens=N enosys=N failed=N").
ctrl_c()
{
	_tag=$1
	_who=$2
	shift 2
	_pf=$RUN/$_tag.pid
	_res=$OUT/d.$_tag.res
	rm -f "$_pf" "$_res"
	(cd "$RUN" && exec $TMO "$HYTRACE" "$@" -f --seccomp-bpf -e trace=openat -o "$OUT/d.$_tag" \
		"$PROGS/intr" "$_pf" "$_res" 2>"$OUT/d.$_tag.err") &
	_t=$!
	BG_PIDS="$BG_PIDS $_t"
	RC=255
	if ! wait_for nonempty "$_pf" || ! wait_for grep_q "$OUT/d.$_tag" '^[0-9]* *openat(AT_FDCWD, "/dev/null"'; then
		echo "# $_tag: no trace of the command after 5 s"
		kill -KILL "$(leaf $_t)" $_t 2>/dev/null
		return
	fi
	_c=$(cat "$_pf")
	BG_PIDS="$BG_PIDS $_c"
	if [ "$_who" = group ]; then
		kill -INT "-$_t"
	else
		kill -INT "$(sed -n 's/^TracerPid:[[:space:]]*//p' "/proc/$_c/status")"
	fi
	wait "$_t"
	RC=$?
	wait_for nonempty "$_res"
}

# intr_ok TRACE RC ENOSYS: after ctrl_c, the tracer's exit status is RC; the command got SIGINT
# and its report has enosys=0 failed=0 (ENOSYS "enosys=0"), or some ENOSYS (ENOSYS "+"); with
# no ENOSYS, the trace went on after the signal (10 of the 12 opens that follow it at least)
intr_ok()
{
	rc_is "$2" "$1" || return 1
	[ -s "$1.res" ] || { echo "no report from the command"; return 1; }
	read -r _rs _ro _re _rf <"$1.res"
	case $_rs in sigint=[1-9]*) ;; *) echo "the command got no SIGINT: $(cat "$1.res")"; return 1 ;; esac
	if [ "$3" = + ]; then
		[ "${_re#enosys=}" -gt 0 ] || { echo "no ENOSYS: $(cat "$1.res")"; return 1; }
		return 0
	fi
	[ "$_re $_rf" = "enosys=0 failed=0" ] || { echo "report: $(cat "$1.res")"; return 1; }
	_n=$(sed -n '/--- SIGINT /,$p' "$1" | grep -c 'openat(AT_FDCWD, "/dev/null"')
	[ "$_n" -ge 10 ] || { echo "$_n opens traced after SIGINT; trace ends: $(tail -n 2 "$1")"; return 1; }
}

AS_USER=
if section d; then
	echo "# (d) behaviours"
	P=$PROGS

	# exit status propagation
	trace_to "$HYTRACE" "$OUT/d.exit3" -- "$P/exitcode" 3
	hyt_check "exit status 3 propagated" rc_is 3 "$OUT/d.exit3"
	trace_to "$HYTRACE" "$OUT/d.exit0" -- "$P/exitcode" 0
	hyt_check "exit status 0 propagated" rc_is 0 "$OUT/d.exit0"
	trace_to "$HYTRACE" "$OUT/d.term" -- "$P/exitcode" -15
	hyt_check "killed by SIGTERM: tracer ends by SIGTERM (143)" rc_is 143 "$OUT/d.term"
	hyt_check "killed by SIGTERM: +++ line" has_line "$OUT/d.term" "+++ killed by SIGTERM +++"
	trace_to "$HYTRACE" "$OUT/d.segv" -- "$P/sigsegv"
	hyt_check "killed by SIGSEGV: tracer ends by SIGSEGV (139)" rc_is 139 "$OUT/d.segv"
	hyt_check "killed by SIGSEGV: siginfo and +++ lines" sh -c '
		grep -qxF -- "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---" "$1" &&
		grep -qxF -- "+++ killed by SIGSEGV +++" "$1" && ! ls "$2"/core* >/dev/null 2>&1' sh "$OUT/d.segv" "$RUN"

	# output destinations
	(cd "$RUN" && $TMO "$HYTRACE" "$P/exitcode" 0 >"$OUT/d.stderr.stdout" 2>"$OUT/d.stderr")
	hyt_check "trace on stderr without -o" sh -c 'grep -qxF "+++ exited with 0 +++" "$1" &&
		grep -qxF "=== begin ===" "$2" && ! grep -q "exited with" "$2"' sh "$OUT/d.stderr" "$OUT/d.stderr.stdout"
	hyt_check "-o FILE" sh -c 'grep -qxF "+++ exited with 0 +++" "$1" && grep -q "^execve(" "$1" &&
		! grep -q "exited with" "$1.err"' sh "$OUT/d.exit0"
	# -o - is standard output (no file named "-")
	(cd "$RUN" && $TMO "$HYTRACE" -o - "$P/exitcode" 0 >"$OUT/d.dash" 2>"$OUT/d.dash.err")
	hyt_check "-o -: the trace on standard output" sh -c 'grep -qxF "+++ exited with 0 +++" "$1" &&
		! grep -q "exited with" "$2" && [ ! -e "$3/-" ]' sh "$OUT/d.dash" "$OUT/d.dash.err" "$RUN"
	# a trace on a standard error that breaks (its reader exits) or is closed is lost: the exit
	# status says so (strace dies by SIGPIPE: 141); a closed one takes none of our files, so a
	# message cannot land in the -o FILE
	(cd "$RUN" && $TMO sh -c '"$1" "$2" 20000 2>&1 >/dev/null; echo $? >"$3"' sh \
		"$HYTRACE" "$P/storm" "$OUT/d.epipe.rc" | head -n 1 >/dev/null)
	hyt_check "trace to a stderr whose reader exits: non-zero exit" sh -c '
		[ -s "$1" ] && [ "$(cat "$1")" -ne 0 ] || { echo "exit status $(cat "$1")"; exit 1; }' sh "$OUT/d.epipe.rc"
	if [ $IS_STRACE = 1 ]; then
		hyt_skip "trace to a closed stderr: non-zero exit" "strace exits 0"
	else
		(cd "$RUN" && $TMO "$HYTRACE" "$P/exitcode" 0 >/dev/null 2>&-)
		RC=$?
		hyt_check "trace to a closed stderr: non-zero exit" sh -c '[ "$1" -ne 0 ]' sh $RC
	fi
	(cd "$RUN" && $TMO "$HYTRACE" -o "$OUT/d.closed" nosuch-hyt-command >/dev/null 2>&-)
	RC=$?
	hyt_check "closed stderr: no message in the -o FILE" sh -c '[ "$1" -ne 0 ] &&
		! grep "^[a-z]*: " "$2"' sh $RC "$OUT/d.closed"
	# strace 6.1: -o FILE PROG is quiet about attaching children (-q); not so without -o
	(cd "$RUN" && $TMO "$HYTRACE" -f -o "$OUT/d.fq" sh -c "$P/exitcode 0; $P/exitcode 0; :" \
		>/dev/null 2>"$OUT/d.fq.err")
	(cd "$RUN" && $TMO "$HYTRACE" -f -o /dev/null -e quiet=none sh -c "$P/exitcode 0; :" \
		>/dev/null 2>"$OUT/d.fq2.err")
	hyt_check "-f -o FILE PROG: no 'Process N attached' (-e quiet=none: one)" sh -c '
		[ ! -s "$1" ] || { echo "stderr: $(head -n 2 "$1")"; exit 1; }
		grep -q " +++ exited with 0 +++$" "$3" || { echo "no trace"; exit 1; }
		n=$(grep -c "Process [0-9]* attached" "$2"); [ "$n" -eq 1 ] || { echo "$n with quiet=none"; exit 1; }' \
		sh "$OUT/d.fq.err" "$OUT/d.fq2.err" "$OUT/d.fq"
	# a write error (ENOSPC) is one line naming the file and a failed run, for every output
	for f in "--format=text" "--format=json" "--format=tef" "--format=perfetto" "-c" "-j"; do
		(cd "$RUN" && $TMO "$HYTRACE" $f -o /dev/full "$P/exitcode" 0 >/dev/null 2>"$OUT/d.full")
		RC=$?
		hyt_check "$f -o /dev/full: one error line, exit 1" sh -c '[ "$1" -eq 1 ] || {
			echo "exit status $1"; exit 1; }
			n=$(grep -c "^hytrace: cannot write /dev/full: No space left on device$" "$2")
			[ "$n" -eq 1 ] || { echo "$n error lines:"; cat "$2"; exit 1; }' sh "$RC" "$OUT/d.full"
	done
	# the formats come from one registry: --help and the error for a bad one list them all
	"$HYTRACE" -h >"$OUT/d.help" 2>&1
	"$HYTRACE" --format=bogus true >/dev/null 2>"$OUT/d.fmt"
	RC=$?
	hyt_check "--format=bogus: exit 1 naming every format" sh -c '[ "$1" -eq 1 ] &&
		grep -qxF "hytrace: invalid --format: '"'bogus'"' (text, json, tef, perfetto, otlp, raw or uftrace)" "$2"' \
		sh "$RC" "$OUT/d.fmt"
	# option values: a bad number or list is one line naming the option and the value, the
	# usage hint, exit 1, and the command never runs (strace's words where strace has the option)
	while IFS='|' read -r args want; do
		[ -n "$args" ] || continue
		rm -f "$RUN/ran"
		# shellcheck disable=SC2086 # $args holds several words on purpose
		(cd "$RUN" && $TMO "$HYTRACE" $args -o /dev/null sh -c ": >ran" >/dev/null 2>"$OUT/d.badopt")
		RC=$?
		hyt_check "bad option value $args: exit 1, '$want'" sh -c '[ "$1" -eq 1 ] || {
			echo "exit status $1"; exit 1; }
			[ ! -e "$3/ran" ] || { echo "the command ran"; exit 1; }
			n=$(grep -c "^hytrace: " "$2")
			[ "$n" -eq 1 ] && grep -qxF -- "$4" "$2" || { echo "$n lines:"; cat "$2"; exit 1; }
			grep -qxF "Try '"'hytrace -h'"' for more information." "$2" || { echo "no usage hint"; exit 1; }' \
			sh "$RC" "$OUT/d.badopt" "$RUN" "hytrace: $want"
	done <<'EOF'
--duration=inf|invalid --duration: 'inf' (seconds, 0.001 to 1000000000)
--duration=nan|invalid --duration: 'nan' (seconds, 0.001 to 1000000000)
--duration=0|invalid --duration: '0' (seconds, 0.001 to 1000000000)
--duration=-1|invalid --duration: '-1' (seconds, 0.001 to 1000000000)
--duration=1e3|invalid --duration: '1e3' (seconds, 0.001 to 1000000000)
--duration=0x10|invalid --duration: '0x10' (seconds, 0.001 to 1000000000)
--duration=0.0001|invalid --duration: '0.0001' (seconds, 0.001 to 1000000000)
--duration=2000000000|invalid --duration: '2000000000' (seconds, 0.001 to 1000000000)
--buffer-size=1e30|invalid --buffer-size: '1e30' (bytes, 4K to 2G)
--buffer-size=99G|invalid --buffer-size: '99G' (bytes, 4K to 2G)
--buffer-size=3G|invalid --buffer-size: '3G' (bytes, 4K to 2G)
--buffer-size=0.1|invalid --buffer-size: '0.1' (bytes, 4K to 2G)
--buffer-size=1|invalid --buffer-size: '1' (bytes, 4K to 2G)
--buffer-size=4095|invalid --buffer-size: '4095' (bytes, 4K to 2G)
--buffer-size=-4K|invalid --buffer-size: '-4K' (bytes, 4K to 2G)
--buffer-size=99999999999999999999K|invalid --buffer-size: '99999999999999999999K' (bytes, 4K to 2G)
--comm=|invalid --comm: '' (a process name, as in /proc/PID/comm)
--cgroup=|invalid --cgroup: '' (a cgroup v2 directory)
-e trace=|invalid system call ''
-e trace=!|invalid system call '!'
-e trace=,|invalid system call ','
-e trace=mmap2@64|invalid system call 'mmap2@64'
-e signal=|invalid signal '' in -e signal=''
-e signal=INT,|invalid signal '' in -e signal='INT,'
-e signal=0|invalid signal '0'
-e signal=65|invalid signal '65'
-e signal=+2|invalid signal '+2'
-e signal=99999999999999999999|invalid signal '99999999999999999999'
-e status=|invalid status '' in -e status=''
-e raw=|invalid system call ''
-e raw=bogus|invalid system call 'bogus'
-e quiet=|invalid quiet '' in -e quiet=''
-e quiet=bogus|invalid quiet 'bogus'
-e status=failed,|invalid status '' in -e status='failed,'
-p 1,|invalid process id: '' in -p '1,'
-p ,1|invalid process id: '' in -p ',1'
-p 0|invalid process id: '0' (1 to 4194304)
-p 4194305|invalid process id: '4194305' (1 to 4194304)
-p 1x|invalid process id: '1x' (1 to 4194304)
-p 99999999999999999999999|invalid process id: '99999999999999999999999' (1 to 4194304)
-s -1|invalid -s argument: '-1' (0 to 1048576)
-s 1x|invalid -s argument: '1x' (0 to 1048576)
-s 1048577|invalid -s argument: '1048577' (0 to 1048576)
-s 99999999999999999999|invalid -s argument: '99999999999999999999' (0 to 1048576)
-E =x|invalid -E: '=x' (VAR=VAL, or VAR to remove it)
EOF
	# and the edge values that are good still run the command
	for args in "-s 0" "-s 1048576" "-e signal=64" "-e signal=SIGRTMIN" "-e trace=all" \
		"-e raw=read,write" "-e quiet=attach,exit" "-e trace=none" \
		"--buffer-size=4K" "--buffer-size=2G" "--buffer-size=16MiB" "--buffer-size=5000" \
		"--duration=.5" "--duration=1000000000" "-E HYT_X=1"; do
		rm -f "$RUN/ran"
		# shellcheck disable=SC2086
		(cd "$RUN" && $TMO "$HYTRACE" $args -o /dev/null sh -c ": >ran" >/dev/null 2>"$OUT/d.goodopt")
		RC=$?
		hyt_check "good option value $args: runs" sh -c '[ "$1" -eq 0 ] && [ -e "$3/ran" ] &&
			[ ! -s "$2" ] || { echo "exit $1:"; cat "$2"; exit 1; }' sh "$RC" "$OUT/d.goodopt" "$RUN"
	done
	# the shortest --duration is good too: it ends the command (SIGTERM, exit 124: tests/pipes.sh)
	(cd "$RUN" && $TMO "$HYTRACE" --duration=0.001 -o /dev/null sleep 20 >/dev/null 2>"$OUT/d.goodopt")
	RC=$?
	hyt_check "good option value --duration=0.001: runs, then ends the command (exit 124)" sh -c '
		[ "$1" -eq 124 ] && [ ! -s "$2" ] || { echo "exit $1:"; cat "$2"; exit 1; }' sh "$RC" "$OUT/d.goodopt"
	hyt_check "--help lists every format" sh -c 'for f in text json tef perfetto otlp raw; do
		grep -qE "^ +$f +[a-zA-Z]" "$1" || { echo "no line for $f"; exit 1; }; done' sh "$OUT/d.help"
	rm -f "$OUT"/ff.*
	trace_to "$HYTRACE" "$OUT/ff" -ff -- "$P/proc"
	hyt_check "-ff -o FILE: one FILE.PID per process" sh -c '
		set -- "$1".[0-9]*
		[ $# -eq 5 ] || { echo "$# files: $*"; exit 1; }
		! grep -lE "^[0-9]+ " "$@" || { echo "pid prefixes inside FILE.PID"; exit 1; }
		[ "$(grep -l "\"=== begin ===" "$@" | wc -l)" -eq 1 ] || { echo "not one file with the begin marker"; exit 1; }
		[ "$(grep -l "^+++ exited with 7 +++" "$@" | wc -l)" -eq 1 ] || { echo "not one file ending +++ exited with 7 +++"; exit 1; }
	' sh "$OUT/ff"

	# filters
	trace_to "$HYTRACE" "$OUT/d.e1" -e trace=openat,close -- "$P/fs"
	hyt_check "-e trace=openat,close" only_names "$OUT/d.e1" '^(openat|close)$'
	trace_to "$HYTRACE" "$OUT/d.e2" -e trace=%file -- "$P/fs"
	hyt_check "-e trace=%file" sh -c 'grep -q "^stat(" "$1" && grep -q "^unlinkat(" "$1" &&
		grep -q "^execve(" "$1" && ! grep -qE "^(read|write|close|mmap|brk|fstat|fchmod|fsync)\(" "$1"' sh "$OUT/d.e2"
	trace_to "$HYTRACE" "$OUT/d.e3" -e 'trace=!write' -- "$P/fs"
	hyt_check "-e trace=!write" sh -c '! grep -q "^write(" "$1" && grep -q "^openat(" "$1" &&
		grep -q "^close(" "$1"' sh "$OUT/d.e3"
	trace_to "$HYTRACE" "$OUT/d.e4" -e 'trace=/^(un)?link' -- "$P/fs"
	hyt_check "-e trace=/regex" only_names "$OUT/d.e4" '^(un)?link(at)?$'
	trace_to "$HYTRACE" "$OUT/d.e5" -e trace=%process -- "$P/proc"
	hyt_check "-e trace=%process" only_names "$OUT/d.e5" '^(execve|clone|clone3|vfork|fork|wait4|waitid|exit_group|exit|kill|tgkill|tkill|execveat)$'
	trace_to "$HYTRACE" "$OUT/d.e6" -e status=failed -- "$P/fs"
	hyt_check "-e status=failed" sh -c '[ "$(grep -c "^[a-z]" "$1")" -ge 10 ] &&
		! grep "^[a-z]" "$1" | grep -v " = -1 E[A-Z0-9]* (" ' sh "$OUT/d.e6"
	trace_to "$HYTRACE" "$OUT/d.z" -z -- "$P/fs"
	hyt_check "-z (successful only)" sh -c '[ "$(grep -c "^[a-z]" "$1")" -ge 50 ] && ! grep -q " = -1 " "$1"' sh "$OUT/d.z"
	trace_to "$HYTRACE" "$OUT/d.Z" -Z -- "$P/fs"
	hyt_norm "$OUT/d.e6" >"$OUT/d.e6.n"
	hyt_norm "$OUT/d.Z" >"$OUT/d.Z.n"
	hyt_check "-Z (failed only, same as status=failed)" sh -c '[ -s "$1" ] && cmp -s "$1" "$2" || diff "$1" "$2" | head -n 5' sh "$OUT/d.e6.n" "$OUT/d.Z.n"
	trace_to "$HYTRACE" "$OUT/d.seccomp" -f --seccomp-bpf -e trace=openat,unlink -- "$P/fs"
	trace_to "$HYTRACE" "$OUT/d.noseccomp" -f -e trace=openat,unlink -- "$P/fs"
	hyt_check "--seccomp-bpf gives the same lines" sh -c '
		. tests/lib.sh; hyt_norm "$1" >"$1.n"; hyt_norm "$2" >"$2.n"
		[ -s "$1.n" ] && cmp -s "$1.n" "$2.n" || diff "$2.n" "$1.n" | head -n 5' sh "$OUT/d.seccomp" "$OUT/d.noseccomp"

	# formatting options (exact lines from strace 6.1)
	trace_to "$HYTRACE" "$OUT/d.s4" -s 4 -- "$P/desc"
	hyt_check "-s 4" has_line "$OUT/d.s4" 'write(3, "\1\2\377 "..., 19)            = 19'
	trace_to "$HYTRACE" "$OUT/d.xx" -xx -- "$P/desc"
	hyt_check "-xx" has_line "$OUT/d.xx" 'write(3, "\x30\x31\x32\x33\x34\x35\x36\x37\x38\x39\x61\x62\x63\x64\x65\x66", 16) = 16'
	trace_to "$HYTRACE" "$OUT/d.y" -y -- "$P/desc"
	hyt_norm "$OUT/d.y" >"$OUT/d.y.n"
	hyt_check "-y" sh -c 'for l in "write(3</WORK/run/hyt-d>, \"0123456789abcdef\", 16) = 16" \
			"pipe2([4<pipe:[INODE]>, 5<pipe:[INODE]>], O_CLOEXEC) = 0"; do
		grep -qxF "$l" "$1" || { echo "no line $l"; exit 1; }; done' sh "$OUT/d.y.n"
	trace_to "$HYTRACE" "$OUT/d.yy" -yy -- "$P/net"
	hyt_norm "$OUT/d.yy" >"$OUT/d.yy.n"
	hyt_check "-yy" has_line "$OUT/d.yy.n" 'accept4(3<TCP:[127.0.0.1:47321]>, {sa_family=AF_INET, sin_port=htons(47322), sin_addr=inet_addr("127.0.0.1")}, [16], SOCK_CLOEXEC) = 5<TCP:[127.0.0.1:47321->127.0.0.1:47322]>'
	trace_to "$HYTRACE" "$OUT/d.t" -t -- "$P/time"
	hyt_check "-t" has_re "$OUT/d.t" '^[0-2][0-9]:[0-5][0-9]:[0-6][0-9] nanosleep\(\{tv_sec=0, tv_nsec=1000000\}, NULL\) = 0$'
	trace_to "$HYTRACE" "$OUT/d.tt" -tt -- "$P/time"
	hyt_check "-tt" has_re "$OUT/d.tt" '^[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\.[0-9]{6} nanosleep\(\{tv_sec=0, tv_nsec=1000000\}, NULL\) = 0$'
	trace_to "$HYTRACE" "$OUT/d.ttt" -ttt -- "$P/time"
	hyt_check "-ttt" has_re "$OUT/d.ttt" '^[0-9]{10}\.[0-9]{6} nanosleep\(\{tv_sec=0, tv_nsec=1000000\}, NULL\) = 0$'
	trace_to "$HYTRACE" "$OUT/d.r" -r -- "$P/time"
	hyt_check "-r" has_re "$OUT/d.r" '^     0\.00[0-9]{4} nanosleep\(\{tv_sec=0, tv_nsec=1000000\}, NULL\) = 0$'
	trace_to "$HYTRACE" "$OUT/d.T" -T -- "$P/time"
	hyt_check "-T" has_re "$OUT/d.T" '^nanosleep\(\{tv_sec=0, tv_nsec=1000000\}, NULL\) = 0 <0\.00[0-9]{4}>$'
	trace_to "$HYTRACE" "$OUT/d.v" -f -v -- "$P/proc"
	hyt_norm "$OUT/d.v" merge >"$OUT/d.v.n"
	hyt_check "-v" has_re "$OUT/d.v.n" '^PID[0-9]+ +execve\("/proc/self/exe", \["proc", "exec-child"\], \["HYT=1", "LC_ALL=C"\]\) += 0$'
	hyt_check "column of = (strace's 40)" sh -c '. tests/lib.sh; for f; do hyt_align "$f" || { echo "in $f"; exit 1; }; done' sh \
		"$OUT/d.exit0" "$OUT/d.v" "$OUT/d.tt" "$OUT/d.y" "$OUT/d.s4" $(ls "$OUT"/b.* 2>/dev/null | grep -v '\.\(err\|stdout\)$')
	trace_to "$HYTRACE" "$OUT/d.qq" -qq -- "$P/exitcode" 0
	hyt_check "-qq (no exit status lines)" sh -c 'grep -q "^exit_group(0)" "$1" && ! grep -q "^+++" "$1"' sh "$OUT/d.qq"
	(cd "$RUN" && $TMO "$HYTRACE" -o "$OUT/d.E" -E HYT_TESTVAR=hello-hyt /usr/bin/env >"$OUT/d.E.stdout" 2>&1)
	hyt_check "-E VAR=VAL" grep -qxF HYT_TESTVAR=hello-hyt "$OUT/d.E.stdout"

	# summaries
	trace_to "$HYTRACE" "$OUT/d.c" -c -- "$P/fs"
	hyt_check "-c table shape" sh -c '
		[ "$(sed -n 1p "$1")" = "% time     seconds  usecs/call     calls    errors syscall" ] || { echo "bad header: $(sed -n 1p "$1")"; exit 1; }
		[ "$(sed -n 2p "$1")" = "------ ----------- ----------- --------- --------- ----------------" ] || { echo "bad rule"; exit 1; }
		[ "$(tail -n 2 "$1" | head -n 1)" = "------ ----------- ----------- --------- --------- ----------------" ] || { echo "bad last rule"; exit 1; }
		tail -n 1 "$1" | grep -qE "^100\.00 +[0-9]+\.[0-9]{6} +[0-9]+ +[0-9]+ +[0-9]+ total$" || { echo "bad total: $(tail -n 1 "$1")"; exit 1; }
		sed "1,2d;\$d" "$1" | sed "\$d" | grep -vE "^ *[0-9]+\.[0-9]{2} +[0-9]+\.[0-9]{6} +[0-9]+ +[0-9]+( +[0-9]+)? +[a-z_0-9]+$" && exit 1
		grep -qE " 23 +18 unlink$" "$1" || { echo "no unlink row with 23 calls, 18 errors"; exit 1; }
		! grep -q "^execve(\|^unlink(" "$1"' sh "$OUT/d.c"
	trace_to "$HYTRACE" "$OUT/d.C" -C -- "$P/fs"
	hyt_check "-C (trace and table)" sh -c 'grep -q "^unlink(\"hyt-f\") *= 0$" "$1" || { echo "no unlink(\"hyt-f\") line"; exit 1; }
		grep -qxF "% time     seconds  usecs/call     calls    errors syscall" "$1" || { echo "no -c header"; exit 1; }' sh "$OUT/d.C"
	trace_to "$HYTRACE" "$OUT/d.S" -c -S calls -- "$P/fs"
	hyt_check "-c -S calls (sorted by calls)" sh -c '
		sed "1,2d" "$1" | grep -vE "^-|total$" | awk "{print \$4}" > "$1.calls"
		sort -rn "$1.calls" | cmp -s - "$1.calls" && [ "$(head -n 1 "$1.calls")" = 23 ]' sh "$OUT/d.S"
	if [ $IS_STRACE = 1 ]; then
		hyt_skip "-j JSON summary" "hytrace only"
	else
		trace_to "$HYTRACE" "$OUT/d.j" -j -- "$P/fs"
		hyt_check "-j JSON summary" sh -c '
			jq -e . "$1" >/dev/null || { echo "not JSON: $(head -c 200 "$1")"; exit 1; }
			n=$(jq "[.. | objects | select(has(\"calls\") and has(\"errors\") and has(\"total_ns\") and has(\"avg_ns\") and has(\"min_ns\") and has(\"max_ns\"))] | length" "$1")
			[ "$n" -ge 10 ] || { echo "$n objects with calls/errors/total/avg/min/max"; exit 1; }
			u=$(jq -c "[(.. | objects | select(has(\"calls\") and (.name == \"unlink\" or .syscall == \"unlink\"))), (.. | objects | .unlink? // empty | objects | select(has(\"calls\")))] | .[0] | [.calls, .errors]" "$1")
			[ "$u" = "[23,18]" ] || { echo "unlink: $u, want [23,18] (calls, errors)"; exit 1; }' sh "$OUT/d.j"
	fi

	# signals and threads
	trace_to "$HYTRACE" "$OUT/d.sig" -- "$P/signal"
	hyt_norm "$OUT/d.sig" >"$OUT/d.sig.n"
	hyt_check "signal delivery line" has_line "$OUT/d.sig.n" "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=PID1, si_uid=$(id -u)} ---"
	hyt_check "signal: interrupted pause" sh -c 'grep -qxF "pause()                                 = ? ERESTARTNOHAND (To be restarted if no handler)" "$1" &&
		grep -qxF -- "--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---" "$1"' sh "$OUT/d.sig.n"
	trace_to "$HYTRACE" "$OUT/d.thr" -f -- "$P/threads"
	hyt_check "threads: unfinished/resumed under -f" sh -c 'grep -qE "^[0-9]+ +read\([0-9]+,  <unfinished \.\.\.>$" "$1" &&
		grep -qE "^[0-9]+ +<\.\.\. read resumed>\"a\", 1\) += 1$" "$1" && [ "$(grep -c "<... read resumed>" "$1")" -ge 3 ]' sh "$OUT/d.thr"
	(cd "$RUN" && $TMO "$HYTRACE" -f "$P/threads" >/dev/null 2>"$OUT/d.thr.tty")
	hyt_check "threads: [pid N] prefixes without -o" has_re "$OUT/d.thr.tty" '^\[pid +[0-9]+\] <\.\.\. read resumed>"b", 1\) += 1$'
	# a new task's process id and name come from its parent's fork or clone event
	trace_to "$HYTRACE" "$OUT/d.fk.json" -f --format=json -- "$P/forks" 5 exec
	hyt_check "fork children: their own process id, the parent's name until exec" fork_ids_ok "$OUT/d.fk.json"
	trace_to "$HYTRACE" "$OUT/d.thr.json" -f --format=json -- "$P/threads"
	hyt_check "threads: the process id of their group" thread_ids_ok "$OUT/d.thr.json"

	# fork and exec storms: no /proc file read per new child, no busy polling for children
	# that run long before their next stop (hytrace's own calls, counted by strace tracing
	# hytrace alone; before issue 9 these were 2 opens and ~100 empty polls per child)
	if [ $IS_STRACE = 1 ] || [ ! -x "$STRACE" ]; then
		hyt_skip "fork storm: hytrace's own calls" "needs strace to trace hytrace"
	else
		(cd "$RUN" && $TMO "$STRACE" -o "$OUT/d.fs.sys" -e trace=wait4,openat \
			"$HYTRACE" -f -o "$OUT/d.fs" "$P/forks" 200 2>"$OUT/d.fs.err")
		hyt_check "fork storm: every child traced, no /proc read per child" sh -c '
			n=$(grep -c "^[0-9]* *+++ exited with 0 +++$" "$1"); [ "$n" -eq 201 ] || { echo "$n exits traced, want 201"; exit 1; }
			n=$(grep -c "openat(.*\"/proc/[0-9]" "$2"); [ "$n" -le 5 ] || { echo "$n /proc opens for 200 children"; exit 1; }' sh "$OUT/d.fs" "$OUT/d.fs.sys"
		hyt_check "fork storm: under 20 empty waitpid polls per child" sh -c '
			n=$(grep -c "WNOHANG.*) = 0$" "$1"); [ "$n" -lt 4000 ] || { echo "$n empty polls for 200 children"; exit 1; }' sh "$OUT/d.fs.sys"
		(cd "$RUN" && $TMO "$STRACE" -o "$OUT/d.es.sys" -e trace=openat \
			"$HYTRACE" -f -o "$OUT/d.es" "$P/forks" 100 exec 2>"$OUT/d.es.err")
		hyt_check "exec storm: every exec traced, one /proc read per exec (the new name)" sh -c '
			n=$(grep -c "^[0-9]* *execve(\"/bin/true\", .* = 0$" "$1"); [ "$n" -eq 100 ] || { echo "$n execs traced, want 100"; exit 1; }
			n=$(grep -c "openat(.*\"/proc/[0-9]" "$2"); [ "$n" -le 105 ] || { echo "$n /proc opens for 100 execs"; exit 1; }' sh "$OUT/d.es" "$OUT/d.es.sys"
	fi

	# -p attach / detach
	attach_detach "-p attach, SIGINT detaches, target keeps running" $TMO "$HYTRACE"
	# a slow tracee's lines reach the file as they come, not a 64 KiB block at a time
	live_trace "-p of a slow tracee: its lines show while it runs (text)" \
		'^write(1, "tick' $TMO "$HYTRACE"
	live_trace "-p of a slow tracee: its lines show while it runs (json)" \
		'"syscall":"write"' $TMO "$HYTRACE" --format=json
	if start_sleeper killed; then
		"$HYTRACE" -o "$WORK/killed.trace" -p "$SL" 2>/dev/null &
		kt=$!
		BG_PIDS="$BG_PIDS $kt"
		if wait_for grep_q "$WORK/killed.trace" 'tick'; then
			kill -KILL "$kt"
			wait "$kt" 2>/dev/null
			sleep 0.2
			hyt_check "-p: tracer SIGKILLed, target keeps running" sh -c '
				s=$(sed -n "s/^State:[[:space:]]*\([A-Za-z]\).*/\1/p" /proc/$1/status)
				case $s in ""|t|T|Z|X) echo "target state \"$s\""; exit 1;; esac
				a=$(wc -c < "$2"); sleep 0.3; [ "$(wc -c < "$2")" -gt "$a" ]' sh "$SL" "$SL_TICKS"
		else
			hyt_failed "-p: tracer SIGKILLed, target keeps running" "no trace"
		fi
		kill -KILL "$SL" 2>/dev/null
	fi
	# -I: Ctrl-C under the seccomp filter.  A tracee left with the filter and no tracer gets
	# ENOSYS from every traced syscall: -o FILE PROG (-I 3) ignores the signal, the command gets
	# it and the trace goes on until the command ends with its own status
	ctrl_c intr3 group
	hyt_check "-o FILE PROG (-I 3): Ctrl-C reaches the command, no ENOSYS, exit with it" \
		intr_ok "$OUT/d.intr3" 0 enosys=0
	# -I 1 keeps stopping at once: detached (130 like strace), and the command meets ENOSYS
	ctrl_c intr1 group -I 1
	hyt_check "-I 1: Ctrl-C detaches at once (130), the command then gets ENOSYS" \
		intr_ok "$OUT/d.intr1" 130 +
	if [ $IS_STRACE = 1 ]; then
		hyt_skip "-I 2: SIGINT to the tracer alone, under the filter" "strace kills the command and detaches"
	else
		# -I 2 (the default without -o): the signal is passed on to the command, no detach
		ctrl_c intr2 tracer -I 2
		hyt_check "-I 2: SIGINT to the tracer alone is passed on, no ENOSYS" \
			intr_ok "$OUT/d.intr2" 0 enosys=0
	fi
	"$HYTRACE" -I 5 true >/dev/null 2>"$OUT/d.I5"
	RC=$?
	"$HYTRACE" --interruptible=never_tstp -o /dev/null true 2>"$OUT/d.Inever"
	RC2=$?
	hyt_check "-I 5 is refused; --interruptible=never_tstp is taken" sh -c '[ "$1" -eq 1 ] &&
		grep -q "invalid -I argument" "$2" && [ "$3" -eq 0 ]' sh $RC "$OUT/d.I5" $RC2
	# two targets at once
	if start_sleeper two1 && s1=$SL && start_sleeper two2 && s2=$SL; then
		(cd "$RUN" && timeout -s INT -k 5 1 "$HYTRACE" -o "$OUT/d.p2" -p "$s1,$s2" 2>/dev/null)
		hyt_check "-p PID,PID" sh -c 'grep -qE "^$2 +write\(1, \"tick" "$1" && grep -qE "^$3 +write\(1, \"tick" "$1"' sh "$OUT/d.p2" "$s1" "$s2"
		kill -KILL "$s1" "$s2" 2>/dev/null
	fi

	# errors: one line on stderr, non-zero exit
	(cd "$RUN" && $TMO "$HYTRACE" nosuch-hyt-command >/dev/null 2>"$OUT/d.err1")
	RC=$?
	hyt_check "error: command not found" sh -c '[ "$1" -ne 0 ] || { echo "exit 0"; exit 1; }
		[ "$(wc -l < "$2")" -eq 1 ] && grep -q "nosuch-hyt-command" "$2" || { echo "stderr:"; cat "$2"; exit 1; }' sh $RC "$OUT/d.err1"
	nopid=$(($(cat /proc/sys/kernel/pid_max) - 1))
	while [ -e /proc/$nopid ]; do nopid=$((nopid - 1)); done
	(cd "$RUN" && $TMO "$HYTRACE" -p $nopid >/dev/null 2>"$OUT/d.err2")
	RC=$?
	hyt_check "error: nonexistent pid" sh -c '[ "$1" -ne 0 ] || { echo "exit 0"; exit 1; }
		[ "$(wc -l < "$2")" -eq 1 ] && grep -q "$3" "$2" && grep -q "No such process" "$2" || { echo "stderr:"; cat "$2"; exit 1; }' sh $RC "$OUT/d.err2" $nopid
	rm -f "$RUN/marker"
	(cd "$RUN" && $TMO "$HYTRACE" -o /nonexistent/dir/out /usr/bin/touch "$RUN/marker" >/dev/null 2>"$OUT/d.err3")
	RC=$?
	hyt_check "error: unwritable -o, command not run" sh -c '[ "$1" -ne 0 ] || { echo "exit 0"; exit 1; }
		[ ! -e "$3" ] || { echo "the command ran"; exit 1; }
		[ "$(wc -l < "$2")" -eq 1 ] && grep -q "/nonexistent/dir/out" "$2" || { echo "stderr:"; cat "$2"; exit 1; }' sh $RC "$OUT/d.err3" "$RUN/marker"
	(cd "$RUN" && $TMO "$HYTRACE" --bogus-hyt-option true >"$OUT/d.err4.stdout" 2>"$OUT/d.err4")
	RC=$?
	hyt_check "error: bad option (exit 1, usage on stderr)" sh -c '[ "$1" -eq 1 ] || { echo "exit $1"; exit 1; }
		grep -q "bogus-hyt-option" "$2" && [ ! -s "$3" ] || { echo "stderr:"; cat "$2"; exit 1; }' sh $RC "$OUT/d.err4" "$OUT/d.err4.stdout"
	(cd "$RUN" && $TMO "$HYTRACE" >/dev/null 2>"$OUT/d.err5")
	RC=$?
	hyt_check "error: no command (exit 1)" sh -c '[ "$1" -eq 1 ] && [ -s "$2" ]' sh $RC "$OUT/d.err5"
	(cd "$RUN" && $TMO "$HYTRACE" -h >"$OUT/d.h" 2>&1)
	RC=$?
	hyt_check "-h" sh -c '[ "$1" -eq 0 ] && grep -qi "^usage: " "$2" && grep -q -- "-p PID" "$2"' sh $RC "$OUT/d.h"
	(cd "$RUN" && $TMO "$HYTRACE" -V >"$OUT/d.V" 2>&1)
	RC=$?
	hyt_check "-V" sh -c '[ "$1" -eq 0 ] && grep -qE "version [0-9]" "$2"' sh $RC "$OUT/d.V"
	if [ $IS_STRACE = 1 ]; then
		hyt_skip "--backend=ptrace" "hytrace only"
		hyt_skip "--backend=bogus" "hytrace only"
	else
		trace_to "$HYTRACE" "$OUT/d.bp" --backend=ptrace -- "$P/exitcode" 0
		hyt_check "--backend=ptrace" sh -c '[ "$1" -eq 0 ] && grep -qxF "+++ exited with 0 +++" "$2"' sh $RC "$OUT/d.bp"
		(cd "$RUN" && $TMO "$HYTRACE" --backend=bogus true >/dev/null 2>"$OUT/d.bb")
		RC=$?
		hyt_check "--backend=bogus (exit 1, one line)" sh -c '[ "$1" -eq 1 ] && [ "$(wc -l < "$2")" -ge 1 ] && grep -q bogus "$2"' sh $RC "$OUT/d.bb"
	fi

	# output files (SECURITY.md): a trace of one's own command keeps 0666 less the umask; in a
	# shared (sticky) folder a planted link is not followed, another user's file not overwritten
	if [ $IS_STRACE = 1 ]; then
		hyt_skip "output file modes and shared folders" "hytrace only (strace follows links)"
	else
		(cd "$RUN" && umask 002 && $TMO "$HYTRACE" -o "$OUT/d.mode" true 2>"$OUT/d.mode.err")
		hyt_check "ptrace, own command: -o FILE mode 0664 under umask 002" sh -c '
			m=$(stat -c %a "$1"); [ "$m" = 664 ] || { echo "mode $m, want 664"; exit 1; }' sh "$OUT/d.mode"
		SD=$WORK/shared
		mkdir -p "$SD" && chmod 1777 "$SD"
		echo "not a trace" >"$WORK/victim"
		ln -s "$WORK/victim" "$SD/trace"
		(cd "$RUN" && $TMO "$HYTRACE" -o "$SD/trace" true >/dev/null 2>"$OUT/d.link.err")
		RC=$?
		hyt_check "-o a symlink in a sticky folder: refused, one line, target untouched" sh -c '
			[ "$1" -eq 1 ] || { echo "exit $1, want 1"; exit 1; }
			[ "$(wc -l < "$2")" -eq 1 ] && grep -q "cannot open $3: a symbolic link" "$2" || { cat "$2"; exit 1; }
			[ "$(cat "$4")" = "not a trace" ] || { echo "the link target was written"; exit 1; }' \
			sh $RC "$OUT/d.link.err" "$SD/trace" "$WORK/victim"
		echo "not a trace" >"$SD/other"
		if ! chown 65534 "$SD/other" 2>/dev/null; then
			hyt_skip "-o another user's file in a sticky folder" "not root: cannot give a file away"
		else
			(cd "$RUN" && $TMO "$HYTRACE" -o "$SD/other" true >/dev/null 2>"$OUT/d.other.err")
			RC=$?
			hyt_check "-o another user's file in a sticky folder: refused, untouched" sh -c '
				[ "$1" -eq 1 ] || { echo "exit $1, want 1"; exit 1; }
				[ "$(wc -l < "$2")" -eq 1 ] && grep -q "owned by another user" "$2" || { cat "$2"; exit 1; }
				[ "$(cat "$3")" = "not a trace" ] || { echo "the file was written"; exit 1; }' \
				sh $RC "$OUT/d.other.err" "$SD/other"
		fi
		(cd "$RUN" && $TMO "$HYTRACE" -o "$SD/own" true 2>/dev/null && $TMO "$HYTRACE" -o "$SD/own" true 2>"$OUT/d.own.err")
		RC=$?
		hyt_check "-o one's own file in a sticky folder: written again" sh -c '
			[ "$1" -eq 0 ] && grep -q "^execve(" "$2" || { echo "exit $1"; cat "$3"; exit 1; }' sh $RC "$SD/own" "$OUT/d.own.err"
	fi
fi

########## (e) unprivileged user
UNPRIV=hytest
if section e; then
	echo "# (e) unprivileged user ($UNPRIV)"
	if [ "$(id -u)" -ne 0 ]; then
		hyt_skip "unprivileged" "not root: cannot switch users (the whole run is unprivileged)"
	elif ! id "$UNPRIV" >/dev/null 2>&1 && ! useradd -m "$UNPRIV" >/dev/null 2>&1; then
		hyt_failed "unprivileged" "cannot create user $UNPRIV"
	else
		# copies the user can reach whatever the permissions of the checkout
		mkdir -p "$WORK/u/progs"
		cp "$HYTRACE_BIN" "$WORK/u/tracer"
		cp "$PROGS"/* "$WORK/u/progs/"
		cp "$PROGS/sleeper" "$WORK/u/sleeper"
		chown -R "$UNPRIV" "$WORK/u"
		chmod -R a+rX "$WORK/u"
		UT=$WORK/u/tracer
		ustrace() { (cd "$WORK/u" && runuser -u "$UNPRIV" -- $TMO "$@"); }
		for p in fs desc threads; do
			ustrace "$UT" -f -o "$WORK/u/$p.trace" "$WORK/u/progs/$p" >/dev/null 2>"$WORK/u/$p.err"
			RC=$?
			if [ $RC -ne 0 ]; then
				hyt_failed "as $UNPRIV: trace $p" "exit status $RC: $(head -c 300 "$WORK/u/$p.err")"
				continue
			fi
			hyt_check "as $UNPRIV: trace $p, expected lines" env HYT_WORK="$WORK/u" sh -c '. tests/lib.sh; hyt_expect "$1" "$2"' sh "$WORK/u/$p.trace" "tests/expect/$p.expect"
			ustrace "$STRACE" -f -o "$WORK/u/$p.ref" "$WORK/u/progs/$p" >/dev/null 2>&1
			hyt_check "as $UNPRIV: $p identical to strace" env HYT_WORK="$WORK/u" sh -c '
				. tests/lib.sh; hyt_compare "$1" "$2" tests/KNOWN-DIFFERENCES.md > "$2.cmp"
				read -r s t < "$2.cmp"; [ "$t" -gt 0 ] && [ $((s * 100)) -ge $((t * 98)) ] || { echo "$s of $t identical"; sed -n 2,6p "$2.cmp"; exit 1; }' \
				sh "$WORK/u/$p.ref" "$WORK/u/$p.trace"
		done
		scope=$(cat /proc/sys/kernel/yama/ptrace_scope 2>/dev/null || echo none)
		case $scope in
		none | 0)
			AS_USER=$UNPRIV
			attach_detach "as $UNPRIV: -p attach to own process, detach" runuser -u "$UNPRIV" -- $TMO "$UT"
			AS_USER=
			# and a root process is out of reach
			if start_sleeper rootsl; then
				(cd "$WORK/u" && runuser -u "$UNPRIV" -- $TMO "$UT" -p "$SL" >/dev/null 2>"$WORK/u/eperm.err")
				RC=$?
				hyt_check "as $UNPRIV: -p on a root process: Operation not permitted" sh -c '
					[ "$1" -ne 0 ] || { echo "exit 0"; exit 1; }
					[ "$(wc -l < "$2")" -eq 1 ] && grep -q "$3" "$2" && grep -q "Operation not permitted" "$2" || { cat "$2"; exit 1; }' \
					sh $RC "$WORK/u/eperm.err" "$SL"
				kill -KILL "$SL" 2>/dev/null
			fi
			;;
		*)
			hyt_skip "as $UNPRIV: -p attach" "Yama ptrace_scope=$scope forbids attaching to non-children (strace fails too)"
			;;
		esac

		# root tracing another user's process: the trace holds that user's data, so it is 0600
		if [ $IS_STRACE = 1 ]; then
			hyt_skip "output modes and the capability policy" "hytrace only"
		elif start_sleeper othersl "$UNPRIV"; then
			(cd "$RUN" && umask 022 && $TMO "$HYTRACE" -o "$OUT/e.other" -p "$SL" >/dev/null 2>&1) &
			TP=$!
			wait_for grep_q "$OUT/e.other" 'write(1, "tick'
			kill -INT "$(leaf $TP)" 2>/dev/null
			wait $TP
			hyt_check "root, ptrace -p of $UNPRIV's process: -o FILE mode 0600" sh -c '
				m=$(stat -c %a "$1"); [ "$m" = 600 ] || { echo "mode $m, want 600"; exit 1; }' sh "$OUT/e.other"
			kill -KILL "$SL" 2>/dev/null
		fi

		# the non-root set-up of the README: a copy of hytrace with CAP_BPF+CAP_PERFMON.  The
		# eBPF programs see every process, so hytrace enforces the policy of SECURITY.md itself.
		CT=$WORK/u/captracer
		cp "$HYTRACE_BIN" "$CT" && chmod 755 "$CT"
		# whether file capabilities take effect here (not on a nosuid mount): a cat given one
		cp /bin/cat "$WORK/u/capcat"
		if [ $IS_STRACE = 1 ]; then
			:
		elif ! setcap cap_bpf,cap_perfmon+ep "$CT" 2>"$OUT/e.setcap" ||
		     ! setcap cap_bpf+ep "$WORK/u/capcat" 2>>"$OUT/e.setcap"; then
			hyt_skip "as $UNPRIV with CAP_BPF+CAP_PERFMON" "cannot set file capabilities: $(head -n 1 "$OUT/e.setcap")"
		elif ! runuser -u "$UNPRIV" -- "$WORK/u/capcat" /proc/self/status | grep -q "^CapEff:.*[1-9a-f]"; then
			hyt_skip "as $UNPRIV with CAP_BPF+CAP_PERFMON" "file capabilities do not take effect in $WORK (nosuid mount?)"
		else
			(cd "$WORK/u" && runuser -u "$UNPRIV" -- $TMO "$CT" --backend=bpf -p 1 -o "$WORK/u/p1" >/dev/null 2>"$WORK/u/p1.err")
			RC=$?
			hyt_check "as $UNPRIV+caps: --backend=bpf -p 1 refused (pid, reason, one line)" sh -c '
				[ "$1" -eq 1 ] || { echo "exit $1, want 1"; cat "$2"; exit 1; }
				[ "$(wc -l < "$2")" -eq 1 ] && grep -q "pid 1: Operation not permitted (.*uid 0" "$2" || { cat "$2"; exit 1; }' \
				sh $RC "$WORK/u/p1.err"
			(cd "$WORK/u" && runuser -u "$UNPRIV" -- $TMO "$CT" -p 1 -o "$WORK/u/p1a" >/dev/null 2>"$WORK/u/p1a.err")
			RC=$?
			hyt_check "as $UNPRIV+caps: -p 1 (automatic backend) refused" sh -c '
				[ "$1" -eq 1 ] && [ "$(wc -l < "$2")" -eq 1 ] && grep -q "pid 1: Operation not permitted" "$2" || { echo "exit $1"; cat "$2"; exit 1; }' \
				sh $RC "$WORK/u/p1a.err"
			(cd "$WORK/u" && runuser -u "$UNPRIV" -- $TMO "$CT" -a --duration=1 -o "$WORK/u/all" >/dev/null 2>"$WORK/u/all.err")
			RC=$?
			hyt_check "as $UNPRIV+caps: -a refused (needs root or CAP_SYS_ADMIN)" sh -c '
				[ "$1" -eq 1 ] && [ "$(wc -l < "$2")" -eq 1 ] && grep -q "^hytrace: -a .*needs root or CAP_SYS_ADMIN" "$2" || { echo "exit $1"; cat "$2"; exit 1; }
				[ ! -s "$3" ] || { echo "a trace was written"; exit 1; }' sh $RC "$WORK/u/all.err" "$WORK/u/all"
			# installed set-user-ID root, -u would let anyone run anything as anyone
			cp "$HYTRACE_BIN" "$WORK/u/suidtracer" && chmod 4755 "$WORK/u/suidtracer"
			(cd "$WORK/u" && runuser -u "$UNPRIV" -- $TMO "$WORK/u/suidtracer" -u root -o "$WORK/u/suid" id >"$WORK/u/suid.out" 2>"$WORK/u/suid.err")
			RC=$?
			hyt_check "as $UNPRIV: a set-user-ID root copy refuses to run" sh -c '
				[ "$1" -eq 1 ] && [ "$(wc -l < "$2")" -eq 1 ] && grep -q "refusing to run set-user-ID" "$2" || { echo "exit $1"; cat "$2"; exit 1; }
				! grep -q "uid=0" "$3" || { echo "the command ran as root"; exit 1; }' sh $RC "$WORK/u/suid.err" "$WORK/u/suid.out"
			if bpf_err=$(cd "$WORK/u" && runuser -u "$UNPRIV" -- $TMO "$CT" --backend=bpf -o "$WORK/u/bpf.trace" true 2>&1); then
				hyt_check "as $UNPRIV+caps: --backend=bpf -o FILE mode 0600" sh -c '
					m=$(stat -c %a "$1"); [ "$m" = 600 ] || { echo "mode $m, want 600"; exit 1; }' sh "$WORK/u/bpf.trace"
				AS_USER=$UNPRIV
				attach_detach "as $UNPRIV+caps: --backend=bpf -p of an own process, detach" runuser -u "$UNPRIV" -- $TMO "$CT" --backend=bpf
				AS_USER=
			else
				hyt_skip "as $UNPRIV+caps: eBPF on an own process" "eBPF unavailable with CAP_BPF+CAP_PERFMON here: $(printf '%s' "$bpf_err" | head -n 1)"
			fi
		fi
	fi
fi

########## (f) eBPF backend: same programs, compared with the ptrace backend's output
if section f; then
	echo "# (f) --backend=bpf"
	if [ $IS_STRACE = 1 ]; then
		hyt_skip "--backend=bpf" "tracer is strace"
	elif ! bpf_err=$($TMO "$HYTRACE_BIN" --backend=bpf -o /dev/null true 2>&1); then
		hyt_skip "--backend=bpf" "unavailable: $(printf '%s' "$bpf_err" | head -n 1)"
	else
		for p in $AREAS; do
			[ -x "$PROGS/$p" ] || continue
			trace_to "$HYTRACE_BIN --backend=bpf" "$OUT/f.$p" -f -- "$PROGS/$p"
			want=$(status_of $p)
			if [ $RC -ne "$want" ]; then
				hyt_failed "bpf: expect $p" "exit status $RC, want $want; stderr: $(head -c 300 "$OUT/f.$p.err")"
			elif [ -f "tests/expect/$p.expect" ]; then
				hyt_check "bpf: expect $p" hyt_expect "$OUT/f.$p" "tests/expect/$p.expect"
			fi
		done
		compare_set bpf-vs-ptrace "$HYTRACE_BIN --backend=ptrace" "$HYTRACE_BIN --backend=bpf" -f
		# what the eBPF backend once missed or printed worse (issues 15, 16): every line the
		# same as ptrace's.  sigs: handled, ignored, fatal, stopped/continued signals;
		# bpfargs: select's fd sets and output arguments that end at an unmapped page
		for p in sigs bpfargs; do
			if [ ! -x "$PROGS/$p" ]; then
				hyt_failed "bpf-vs-ptrace $p" "$PROGS/$p is missing (run make)"
				continue
			fi
			trace_to "$HYTRACE_BIN --backend=ptrace" "$OUT/f.$p.ref" -f -- "$PROGS/$p"
			trace_to "$HYTRACE_BIN --backend=bpf" "$OUT/f.$p.oth" -f -- "$PROGS/$p"
			hyt_compare "$OUT/f.$p.ref" "$OUT/f.$p.oth" tests/KNOWN-DIFFERENCES.md >"$OUT/f.$p.cmp"
			read -r s t <"$OUT/f.$p.cmp"
			if [ "${t:-0}" -gt 0 ] && [ "$s" -eq "$t" ] && [ "$(wc -l <"$OUT/f.$p.cmp")" -eq 1 ]; then
				hyt_ok "bpf-vs-ptrace $p: all $t lines identical"
			else
				hyt_failed "bpf-vs-ptrace $p" "$s of ${t:-0} lines identical (exit $RC): $(sed -n '2,5p' "$OUT/f.$p.cmp" | cut -c1-200 | tr '\n' ' ')"
			fi
		done
		# a CLONE_PARENT child is the tracer's to reap: the program waits for that, with and
		# without -f (it is then not traced); 20 s instead of a hang
		for fl in -f -q; do
			_tmo=$TMO
			TMO="timeout -k 2 20"
			trace_to "$HYTRACE_BIN --backend=bpf" "$OUT/f.cloneparent$fl" $fl -- "$PROGS/cloneparent"
			TMO=$_tmo
			if [ $RC -eq 0 ]; then
				hyt_ok "bpf: CLONE_PARENT child reaped ($fl)"
			else
				hyt_failed "bpf: CLONE_PARENT child reaped ($fl)" "exit status $RC (124: it hung)"
			fi
		done
		compare_set bpf-vs-strace "$STRACE" "$HYTRACE_BIN --backend=bpf" -f -v -s 256 -y
		# execve's path, argv and envp in a page first touched by the kernel: the reads at
		# entry fail, the exec program reads them again from the new stack (exec_recap)
		trace_to "$HYTRACE_BIN --backend=bpf" "$OUT/f.execrecap" -v -- "$PROGS/execrecap"
		hyt_check "bpf: execve strings not yet faulted in, read again at exec" sh -c '
			want='\''execve("/bin/true", ["/bin/true", "recap-arg1", "recap-arg2"], ["RECAP_ENV=1", "RECAP_ENV2=2"]) = 0'\''
			grep -qF "$want" "$1" || { echo "want: $want; got:"; grep "execve(\"/bin/true\"\|execve(0x" "$1" | head -2; exit 1; }' sh "$OUT/f.execrecap"
	fi
fi

########## (g) eBPF-only behaviour: system-wide filters, in-kernel filtering, drops, clean exit
if section g; then
	echo "# (g) eBPF: -a, filters, lost events, detaching"
	if [ $IS_STRACE = 1 ]; then
		hyt_skip "eBPF behaviour" "tracer is strace"
	elif ! bpf_err=$($TMO "$HYTRACE_BIN" --backend=bpf -o /dev/null true 2>&1); then
		hyt_skip "eBPF behaviour" "unavailable: $(printf '%s' "$bpf_err" | head -n 1)"
	else
		# every option set loads, whichever programs it takes: the dedicated per-syscall ones
		# (-e trace= of calls that have one) and raw_syscalls (-y, -k, other calls), with the
		# deeper captures on (a set that passes the verifier's 512-byte stack once failed)
		for set in "-e trace=openat,close" "-y -e trace=openat,close" "-yy -v -s 256 -e trace=ioctl,close" \
			   "-k -e trace=openat" "-e trace=execve,execveat -e read=0 -e write=1" \
			   "-y -e trace=select,close" "-y -e trace=io_uring_register,openat" \
			   "-P /dev/null -e trace=openat" "--cuda-only -y"; do
			# shellcheck disable=SC2086 # set is a word list
			out=$($TMO "$HYTRACE_BIN" --backend=bpf $set -o /dev/null cat /dev/null 2>&1)
			hyt_check "eBPF loads with $set" sh -c '[ $1 -eq 0 ] || { echo "exit $1: $2"; exit 1; }' sh $? "$(printf '%s' "$out" | head -n 2)"
		done
		# -a --comm=X: a process named X and another one run; only X appears
		cp "$PROGS/storm" "$RUN/hyt_storm"
		cp "$PROGS/storm" "$RUN/hyt_other"
		(cd "$RUN" && $TMO "$HYTRACE_BIN" -a --comm=hyt_storm --duration=4 -o "$OUT/g.a" 2>"$OUT/g.a.err") &
		GP=$!
		sleep 1.5
		"$RUN/hyt_other" 500 & OP=$!
		"$RUN/hyt_storm" 500 & SP=$!
		wait $OP $SP
		wait $GP
		hyt_check "-a --comm: the named process appears" sh -c '
			n=$(grep -c "^\[pid *$2 hyt_storm\] getppid() " "$1"); [ "$n" -eq 500 ] || { echo "$n getppid lines of hyt_storm, want 500"; exit 1; }' sh "$OUT/g.a" $SP
		hyt_check "-a --comm: the other process does not" sh -c '
			! grep -q -e "hyt_other" -e "^\[pid *$2 " "$1" || { echo "lines of hyt_other:"; grep -m3 -e hyt_other -e "^\[pid *$2 " "$1"; exit 1; }' sh "$OUT/g.a" $OP
		# -a --comm follows renames (prctl, /proc/self/task/TID/comm), forks and execs into and
		# out of the name: the marker calls close(-N) of tests/progs/rename.c that ran under it
		cp "$PROGS/rename" "$RUN/hyt_rn"
		cp "$PROGS/rename" "$RUN/hyt_xo"
		(cd "$RUN" && $TMO "$HYTRACE_BIN" -a --comm=hyt_rn --duration=4 -o "$OUT/g.rn" 2>"$OUT/g.rn.err") &
		GP=$!
		sleep 1.5
		"$RUN/hyt_rn" main "$RUN/hyt_rn" "$RUN/hyt_xo"
		wait $GP
		hyt_check "-a --comm: renames, forks and execs into and out of the name" sh -c '
			m=$(grep -o "close(-[0-9]*)" "$1" | tr -dc "0-9\n" | tr "\n" " ")
			[ "$m" = "1 3 5 6 9 10 " ] || { echo "markers \"$m\", want \"1 3 5 6 9 10 \""; exit 1; }' sh "$OUT/g.rn"
		# the same filter on a traced command (no -a): it gates its syscall records alone
		trace_to "$HYTRACE_BIN --backend=bpf" "$OUT/g.rnc" -f --comm=hyt_rn -- "$RUN/hyt_rn" main "$RUN/hyt_rn" "$RUN/hyt_xo"
		hyt_check "--comm on a command: the same calls" sh -c '
			m=$(grep -o "close(-[0-9]*)" "$1" | tr -dc "0-9\n" | tr "\n" " ")
			[ "$m" = "1 3 5 6 9 10 " ] || { echo "markers \"$m\", want \"1 3 5 6 9 10 \""; exit 1; }' sh "$OUT/g.rnc"
		# processes older than hytrace: the named one is traced, the other one is not
		cp "$PROGS/sleeper" "$RUN/hyt_sl"
		cp "$PROGS/sleeper" "$RUN/hyt_sl2"
		"$RUN/hyt_sl" >/dev/null & SL1=$!
		"$RUN/hyt_sl2" >/dev/null & SL2=$!
		BG_PIDS="$BG_PIDS $SL1 $SL2"
		(cd "$RUN" && $TMO "$HYTRACE_BIN" -a --comm=hyt_sl --duration=1.5 -o "$OUT/g.old" 2>"$OUT/g.old.err")
		kill_bg
		hyt_check "-a --comm: a process older than hytrace is traced, another one is not" sh -c '
			grep -q "^\[pid *$2 hyt_sl\] nanosleep\|^\[pid *$2 hyt_sl\] clock_nanosleep" "$1" || { echo "no sleep of pid $2"; head -3 "$1"; exit 1; }
			! grep -q -e "^\[pid *$3 " -e hyt_sl2 "$1" || { echo "lines of hyt_sl2"; exit 1; }' sh "$OUT/g.old" $SL1 $SL2
		# -a --cgroup: a process moved into the cgroup while traced starts to appear there
		CG2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
		if [ -n "$CG2" ] && mkdir "$CG2/hyt_test_$$" 2>/dev/null; then
			"$RUN/hyt_sl" >/dev/null & SL1=$!
			"$RUN/hyt_sl2" >/dev/null & SL2=$!
			BG_PIDS="$BG_PIDS $SL1 $SL2"
			(cd "$RUN" && $TMO "$HYTRACE_BIN" -a --cgroup="$CG2/hyt_test_$$" --duration=3 \
				-o "$OUT/g.cg" 2>"$OUT/g.cg.err") &
			GP=$!
			sleep 1.5
			echo $SL1 >"$CG2/hyt_test_$$/cgroup.procs"
			wait $GP
			kill_bg
			wait $SL1 $SL2 2>/dev/null
			hyt_check "-a --cgroup: a process moved into the cgroup appears, another one does not" sh -c '
				grep -q "^\[pid *$2 hyt_sl\] " "$1" || { echo "no line of pid $2"; head -3 "$1"; exit 1; }
				! grep -q "^\[pid *$3 " "$1" || { echo "lines of pid $3"; exit 1; }' sh "$OUT/g.cg" $SL1 $SL2
			rmdir "$CG2/hyt_test_$$" 2>/dev/null
		else
			hyt_skip "-a --cgroup: a process moved into the cgroup" "no writable cgroup2 mount"
		fi
		# a system-wide trace holds other users' data: its file is private, even if it existed
		hyt_check "-a -o FILE: mode 0600" sh -c '
			m=$(stat -c %a "$1"); [ "$m" = 600 ] || { echo "mode $m, want 600"; exit 1; }' sh "$OUT/g.a"

		# eBPF records can hold any process's data: its files are private too; a device given
		# as the output (-o /dev/null) is written as it is, never chmod-ed
		(cd "$RUN" && umask 022 && $TMO "$HYTRACE_BIN" --backend=bpf -o "$OUT/g.mode" true 2>/dev/null)
		hyt_check "--backend=bpf -o FILE: mode 0600" sh -c '
			m=$(stat -c %a "$1"); [ "$m" = 600 ] || { echo "mode $m, want 600"; exit 1; }' sh "$OUT/g.mode"
		if mknod "$WORK/null" c 1 3 2>/dev/null && chmod 666 "$WORK/null"; then
			(cd "$RUN" && $TMO "$HYTRACE_BIN" -a --comm=hyt_nothing --duration=0.5 -o "$WORK/null" 2>/dev/null)
			hyt_check "-a -o DEVICE: the device keeps its mode" sh -c '
				m=$(stat -c %a "$1"); [ "$m" = 666 ] || { echo "mode $m, want 666"; exit 1; }' sh "$WORK/null"
		else
			hyt_skip "-a -o DEVICE: the device keeps its mode" "cannot create a device node in $WORK"
		fi
		live_trace "--backend=bpf -p of a slow tracee: its lines show while it runs (text)" \
			'^write(1, "tick' $TMO "$HYTRACE_BIN" --backend=bpf
		live_trace "--backend=bpf -p of a slow tracee: its lines show while it runs (json)" \
			'"syscall":"write"' $TMO "$HYTRACE_BIN" --backend=bpf --format=json
		# a kernel thread has no user space to trace: refused as ptrace refuses it
		KT=
		for d in /proc/2 /proc/[0-9]*; do
			grep -q "^Kthread:[[:space:]]*1" "$d/status" 2>/dev/null && { KT=${d#/proc/}; break; }
		done
		if [ -z "$KT" ]; then
			hyt_skip "--backend=bpf -p KTHREAD" "no kernel thread visible here (pid namespace, or no Kthread: in /proc/PID/status)"
		else
			(cd "$RUN" && $TMO "$HYTRACE_BIN" --backend=bpf -p "$KT" -o "$OUT/g.kt" 2>"$OUT/g.kt.err")
			RC=$?
			hyt_check "--backend=bpf -p $KT (a kernel thread): refused, one line" sh -c '
				[ "$1" -eq 1 ] || { echo "exit $1, want 1"; exit 1; }
				[ "$(wc -l < "$2")" -eq 1 ] && grep -q "pid $3: Operation not permitted (a kernel thread)" "$2" || { cat "$2"; exit 1; }' \
				sh $RC "$OUT/g.kt.err" "$KT"
		fi

		# a syscall excluded by -e never reaches user space: count the records
		trace_to "$HYTRACE_BIN --backend=bpf --debug" "$OUT/g.e" -e trace=openat -- "$PROGS/storm" 20000
		hyt_check "-e trace=openat: getppid records stay in the kernel" sh -c '
			r=$(sed -n "s/^hytrace: \([0-9]*\) records received.*/\1/p" "$1.err")
			[ -n "$r" ] || { echo "no record count on stderr"; exit 1; }
			[ "$r" -lt 200 ] || { echo "$r records for 20000 getppid calls"; exit 1; }
			! grep -q getppid "$1" || { echo "getppid printed"; exit 1; }' sh "$OUT/g.e"

		# drops: a tiny ring under a storm; printed + lost = calls made
		trace_to "$HYTRACE_BIN --backend=bpf" "$OUT/g.d" --buffer-size=4096 -e trace=getppid -- "$PROGS/storm" 50000
		hyt_check "--buffer-size=4096: printed + lost = 50000" sh -c '
			p=$(grep -c "^getppid() " "$1")
			l=$(sed -n "s/^+++ \([0-9]*\) events lost.* +++$/\1/p" "$1" | awk "{s += \$1} END {print s + 0}")
			[ "$l" -gt 0 ] || { echo "no lost events reported ($p printed)"; exit 1; }
			grep -qE "^\+\+\+ [0-9]+ events lost \(pid [0-9]+" "$1" || { echo "no lost line names the process"; exit 1; }
			[ $((p + l)) -eq 50000 ] || { echo "$p printed + $l lost = $((p + l)), want 50000"; exit 1; }
			grep -q "events lost" "$1.err" || { echo "no lost-event summary on stderr"; exit 1; }' sh "$OUT/g.d"

		# lost events under -a: the line has the prefix every -a line has, [pid 0 ?] (no task);
		# without -o, a lost line does not count as a second process ([pid N] prefixes)
		(cd "$RUN" && $TMO "$HYTRACE_BIN" -a --comm=hyt_storm --buffer-size=4096 --duration=3 \
			-o "$OUT/g.al" 2>"$OUT/g.al.err") &
		GP=$!
		sleep 1.5
		"$RUN/hyt_storm" 50000
		wait $GP
		hyt_check "-a: lost-event lines carry [pid 0 ?]" sh -c '
			grep -qE "^\[pid +0 \?\] \+\+\+ [0-9]+ events lost( \(pid [0-9]+( and others)?\))? \+\+\+$" "$1" || { echo "no lost line"; exit 1; }
			! grep -v "^\[pid " "$1" | head -n 3 | grep . || { echo "lines without the prefix"; exit 1; }' sh "$OUT/g.al"
		(cd "$RUN" && $TMO "$HYTRACE_BIN" --buffer-size=4096 -e trace=getppid "$PROGS/storm" 50000 \
			2>"$OUT/g.dtty")
		hyt_check "lost events: no [pid N] prefixes after them" sh -c '
			grep -q "^+++ [0-9]* events lost.* +++$" "$1" || { echo "no lost line"; exit 1; }
			! grep -m 2 "^\[pid " "$1"' sh "$OUT/g.dtty"

		# a call cut by SIGKILL never returns: "= ?" as under ptrace and strace, not the
		# -ERESTART_RESTARTBLOCK the kernel's sys_exit still reports
		for b in bpf ptrace; do
			trace_to "$HYTRACE_BIN --backend=$b" "$OUT/g.kill.$b" -f -- timeout -s KILL 1 sleep 5
			hyt_check "$b: clock_nanosleep killed by SIGKILL: = ?" sh -c '
				grep -qE "clock_nanosleep.*\) += \?$" "$1" && ! grep clock_nanosleep "$1" | grep -q ERESTART ||
				{ grep clock_nanosleep "$1"; exit 1; }' sh "$OUT/g.kill.$b"
		done

		# however hytrace ends, no hytrace BPF program stays loaded
		for sig in INT TERM KILL; do
			# programs of earlier runs take a few seconds to be freed: start from none
			wait_for sh -c '! bpftool prog show | grep -q "name hy_"'
			"$HYTRACE_BIN" -a --comm=hyt_nothing -o /dev/null 2>/dev/null &
			GP=$!
			# ready: its programs are loaded and it catches SIGINT (SigCgt bit 1)
			wait_for sh -c 'bpftool prog show | grep -q "name hy_sys_enter" &&
				grep -q "^SigCgt:.*[2367abef]$" /proc/$1/status' sh $GP
			kill -$sig $GP
			if ! wait_for sh -c '! kill -0 $1 2>/dev/null || grep -q "^State:.*Z" /proc/$1/status 2>/dev/null' sh $GP; then
				hyt_failed "SIG$sig: hytrace ends" "still running 5 s after SIG$sig"
				kill -KILL $GP
			fi
			wait $GP 2>/dev/null
			hyt_check "SIG$sig: no hytrace BPF program left" wait_for sh -c '! bpftool prog show | grep -q "name hy_"'
		done
	fi
fi

# script_section LETTER NAME SCRIPT [VAR=VALUE...]: a section kept in a file of its own: run
# tests/SCRIPT with HYTRACE, HWORK and the VAR=VALUEs, show its lines and count its ok/FAIL/skip
# lines here; a non-zero exit with no FAIL line is a failure too
script_section() {
	_sl=$1 _sn=$2 _ss=$3
	shift 3
	if [ $IS_STRACE = 1 ]; then
		hyt_skip "$_sn" "tracer is strace"
		return
	fi
	mkdir -p "$WORK/$_sl"
	_log=$WORK/$_sl/${_ss%.sh}.log
	env HYTRACE="$HYTRACE_BIN" HWORK="$WORK/$_sl" "$@" sh "tests/$_ss" >"$_log" 2>&1
	_src=$?
	cat "$_log"
	while IFS= read -r line; do
		case $line in
		"ok - "*) HYT_PASS=$((HYT_PASS + 1)) ;;
		"FAIL - "*) HYT_FAIL=$((HYT_FAIL + 1)) ;;
		"skip - "*) HYT_SKIP=$((HYT_SKIP + 1)) ;;
		esac
	done <"$_log"
	if [ $_src -ne 0 ] && ! grep -q "^FAIL - " "$_log"; then
		hyt_failed "$_ss" "exited with status $_src and reported no failure"
	fi
}

########## (h) output formats and the strace log reader: one script per format, tests/out_*.sh
# Each script gets the tracer, the test programs and a work directory, and prints
# "ok - NAME" / "FAIL - NAME: why" / "skip - NAME: why" lines that are counted here.
if section h; then
	echo "# (h) formats: json, tef, perfetto, otlp, strace reader"
	for s in tests/out_*.sh; do
		[ -f "$s" ] || continue
		script_section h "$(basename "$s" .sh)" "$(basename "$s")" STRACE="$STRACE" \
			PROGS="$PROGS" TMO="$TMO"
	done
fi

########## (i) the benchmark harness runs every cell once on tiny workloads (no timing checked)
if section i; then
	echo "# (i) make bench QUICK=1 BENCH_SMOKE=1"
	if [ $IS_STRACE = 1 ]; then
		hyt_skip "bench smoke" "tracer is strace"
	else
		rm -f build/bench/results/latest.md
		timeout -k 5 300 make --no-print-directory -s bench QUICK=1 BENCH_SMOKE=1 >"$WORK/bench.log" 2>&1
		rc=$?
		hyt_check "bench smoke: the harness runs and reports" sh -c '
			[ "$1" -eq 0 ] || { echo "exit $1: $(tail -n 3 "$2" | tr "\n" " ")"; exit 1; }
			[ -s build/bench/results/latest.md ] || { echo "no build/bench/results/latest.md"; exit 1; }
			grep -q "hy-pt" build/bench/results/latest.md || { echo "no hytrace ptrace cell"; exit 1; }
			grep -q "^| hy-bpf-c | [0-9.]* ([0-9.]*–[0-9.]*) | [0-9.]*x | [0-9.]* (" build/bench/results/latest.md ||
				{ echo "no start-up row of hytrace eBPF -c"; exit 1; }
			grep -q "^| hy-bpf-nomatch | [0-9]" build/bench/results/latest.md || { echo "no unmatched cell"; exit 1; }
			grep -q "^| hy-bpf-raw | [0-9]" build/bench/results/latest.md || { echo "no raw cell"; exit 1; }' sh $rc "$WORK/bench.log"
	fi
fi

########## (j) faults, storms and broken outputs, both backends: tests/faults.sh
if section j; then
	echo "# (j) faults: tracer killed, tracee killed, ENOSPC, broken outputs, storms"
	script_section j faults faults.sh PROGS="$PROGS"
fi

########## (k) -k stack traces against strace -k: tests/stacks.sh
if section k; then
	echo "# (k) stacks: -k frames against strace -k, dlopen, exec, depth, -f, -p, formats"
	script_section k stacks stacks.sh PROGS="$PROGS" STRACE="$STRACE"
fi

########## (l) -k on the eBPF backend (issue 12): stack snapshots unwound here, --stack=fp
if section l; then
	echo "# (l) stacks on eBPF: -k against strace -k, --stack=fp, snapshot bounds"
	script_section l stacks-bpf stacks_bpf.sh PROGS="$PROGS" STRACE="$STRACE"
fi

########## (m) NVIDIA ioctls (--cuda, --cuda-only) on stand-in devices, both backends: tests/nvidia.sh
if section m; then
	echo "# (m) nvidia: --cuda and --cuda-only on stand-in /dev/nvidia* files"
	script_section m nvidia nvidia.sh PROGS="$PROGS"
fi

########## (n) --func on the ptrace backend: -pg and -finstrument-functions builds through the
# preload library, as root and as an unprivileged user: tests/funcs_preload.sh
if section n; then
	echo "# (n) funcs-preload: --func on ptrace, -pg and -finstrument-functions call trees"
	script_section n funcs-preload funcs_preload.sh PROGS="$PROGS"
fi

########## (o) --func's output formats read by their consumers (uftrace, TEF, Perfetto, JSON, -c):
# tests/funcs_out.sh
if section o; then
	echo "# (o) funcs: uftrace reads --format=uftrace, TEF/Perfetto nesting, JSON, -c"
	script_section o funcs-out funcs_out.sh PROGS="$PROGS" TMO="$TMO"
fi

########## (p) --deps: inputs, outputs, temporaries of builds and pipelines, both backends: tests/filedeps.sh
if section p; then
	echo "# (p) --deps: a C project with make, a Python step with dvc, dirfd/chdir/symlink paths"
	script_section p deps filedeps.sh
fi

########## (q) installing and learning it: make install/uninstall, make deb, hytrace(1), -V,
# --help, missing option arguments (tests/pkg.sh)
if section q; then
	echo "# (q) install, uninstall, Debian package, man page, -V, --help"
	script_section q pkg pkg.sh TMO="$TMO"
fi

########## (s) strace 6.1's options and -e language, form by form, against strace (tests/straceopts.sh)
if section s; then
	echo "# (s) strace's options: each form through strace and hytrace, refusals with a reason"
	script_section s straceopts straceopts.sh STRACE="$STRACE"
fi

########## (t) -e inject=/fault=, -e read=/write= dumps, fadvise64, -yy devices, -o - and -o '|CMD',
# each against strace 6.1 itself (tests/inject.sh)
if section t; then
	echo "# (t) tampering (-e inject=, -e fault=), hex dumps (-e read=, -e write=), -yy, -o |CMD"
	script_section t inject inject.sh PROGS="$PROGS" STRACE="$STRACE"
fi

########## (r) --func on the eBPF backend (issue 13): uprobes by pattern, the exact call tree
if section r; then
	echo "# (r) funcs on eBPF: functree's call tree, --func-args/-depth/-exclude, @BINARY, -f, -p, -a --comm"
	script_section r funcs-bpf funcs_bpf.sh PROGS="$PROGS"
fi

########## (u) pipes and files (issue 17): structured traces on stdout, -a's banner and end line,
# lost events, --duration on both backends, --color alone (tests/pipes.sh)
if section u; then
	echo "# (u) pipes: json/tef/perfetto on stdout apart from the command's output, -a, loss, --duration"
	script_section u pipes pipes.sh PROGS="$PROGS"
fi

########## no tracee left behind
kill_bg
sleep 0.2
left=$(stragglers)
if [ -n "$left" ]; then
	hyt_failed "no tracee left behind" "still running: $(for p in $left; do printf '%s(%s) ' "$p" "$(proc_state "$p")"; done)"
	for p in $left; do kill -KILL "$p" 2>/dev/null; done
else
	hyt_ok "no tracee left behind"
fi

hyt_summary
[ "$HYT_FAIL" -eq 0 ]
