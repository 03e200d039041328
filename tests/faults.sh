#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# faults.sh: hytrace under faults, for both backends: the tracer killed (KILL, TERM, INT) while it
# traces a -p target or a started command, the tracee killed in a blocking call, a full disk, a
# FIFO whose reader goes away, closed or broken stdout/stderr, and storms of threads, forks and
# execs.  Each check states what must hold: targets run on (not stopped, not traced, still making
# progress), nothing stays attached (no hy_* BPF program once the kernel has freed them), a lost
# trace is never silent (an error line or a non-zero exit), and every exit of a storm is present.
#
# Run by tests/run.sh section j, or alone (as root, for eBPF and the tmpfs mount):
#   HYTRACE=build/hytrace PROGS=build/tests/progs HWORK=/tmp/hw sh tests/faults.sh
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$ROOT/$PROGS ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-faults.XXXXXX)}
W=$HWORK/faults
mkdir -p "$W"
export TZ=UTC LC_ALL=C
BG=

ok() { printf 'ok - fault: %s\n' "$1"; }
fail() { printf 'FAIL - fault: %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 600 | tr '\n' ' ')"; }
skip() { printf 'skip - fault: %s: %s\n' "$1" "$2"; }

cleanup()
{
	for p in $BG; do
		kill -KILL "$p" 2>/dev/null
	done
	[ -n "$SMALL" ] && umount "$SMALL" 2>/dev/null
}
trap cleanup EXIT

# wait_for [TENTHS] COND-COMMAND...: retry for up to TENTHS/10 seconds (default 5 s)
wait_for()
{
	_n=50
	case $1 in [0-9]*) _n=$1; shift ;; esac
	_i=0
	while [ $_i -lt "$_n" ]; do
		"$@" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
gone() { ! kill -0 "$1" 2>/dev/null || grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
nonempty() { [ -s "$1" ]; }
has() { grep -q -e "$2" "$1" 2>/dev/null; }
no_hy_prog() { ! bpftool prog show 2>/dev/null | grep -q "name hy_"; }
# state letter from /proc/PID/stat (the field after the parenthesised comm)
stat_state() { sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null; }
in_read() { [ "$(cut -d' ' -f1 "/proc/$1/syscall" 2>/dev/null)" = 0 ]; }

# free_running PID TICKS: PID exists, is not stopped, not traced, and its TICKS file grows
free_running()
{
	_s=$(stat_state "$1")
	[ -n "$_s" ] || { echo "pid $1 is gone"; return 1; }
	case $_s in t | T | Z | X) echo "pid $1 is in state $_s"; return 1 ;; esac
	grep -q '^TracerPid:[[:space:]]*0$' "/proc/$1/status" ||
		{ echo "pid $1 still traced: $(grep TracerPid "/proc/$1/status")"; return 1; }
	_a=$(wc -c <"$2")
	sleep 0.3
	[ "$(wc -c <"$2")" -gt "$_a" ] ||
		{ echo "pid $1 makes no progress ($2 stopped growing)"; return 1; }
	_s=$(stat_state "$1")
	case $_s in t | T | Z | X | '') echo "pid $1 is in state '$_s'"; return 1 ;; esac
}

# exits TRACE N: N distinct pids have a `+++ exited with 0 +++` line in TRACE (-f -o prefixes)
exits()
{
	_e=$(awk '/ \+\+\+ exited with 0 \+\+\+$/ { print $1 }' "$1" | sort -u | wc -l)
	[ "$_e" -eq "$2" ] || { echo "$_e processes or threads exited with 0 in $1, want $2"; return 1; }
}

# ended RC WANT ERRFILE: the tracer's exit status
ended()
{
	[ "$1" -eq "$2" ] ||
		{ echo "tracer exit status $1, want $2; stderr: $(head -c 300 "$3")"; return 1; }
}

check() { _nm=$1; shift; if _why=$("$@" 2>&1); then ok "$_nm"; else fail "$_nm" "$_why"; fi; }

BACKENDS=ptrace
if ! bpf_err=$(timeout -k 5 30 "$HYTRACE" --backend=bpf -o /dev/null true 2>&1); then
	skip "eBPF cases" "--backend=bpf unavailable: $(printf '%s' "$bpf_err" | head -n 1)"
elif ! command -v bpftool >/dev/null; then
	skip "eBPF cases" "no bpftool to check that no program is left"
else
	BACKENDS="ptrace bpf"
fi

T0=$(date +%s)
elapsed() { echo "# $1: $(($(date +%s) - T0)) s"; }

########## the tracer killed mid-trace
# kill_case BACKEND MODE SIG: MODE p attaches to a running sleeper, cmd starts it
kill_case()
{
	_b=$1
	_m=$2
	_sig=$3
	_nm="$_b -$_m: tracer killed by SIG$_sig"
	[ "$_m" = cmd ] && _nm="$_b command: tracer killed by SIG$_sig"
	_t=$W/k.$_b.$_m.$_sig
	rm -f "$_t".*
	[ "$_b" = bpf ] && wait_for 100 no_hy_prog
	# an asynchronous command of a non-interactive shell starts with SIGINT ignored: give the
	# tracer the default disposition a terminal's Ctrl-C would find
	if [ "$_m" = p ]; then
		"$PROGS/sleeper" "$_t.pid" >"$_t.ticks" 2>/dev/null &
		BG="$BG $!"
		wait_for nonempty "$_t.pid" || { fail "$_nm" "sleeper did not start"; return; }
		_sl=$(cat "$_t.pid")
		env --default-signal=INT "$HYTRACE" --backend=$_b -o "$_t.trace" -p "$_sl" 2>"$_t.err" &
		_tr=$!
	else
		env --default-signal=INT "$HYTRACE" --backend=$_b -o "$_t.trace" \
			-- "$PROGS/sleeper" "$_t.pid" >"$_t.ticks" 2>"$_t.err" &
		_tr=$!
		wait_for nonempty "$_t.pid" || { kill -KILL $_tr; fail "$_nm" "sleeper did not start"; return; }
		_sl=$(cat "$_t.pid")
	fi
	BG="$BG $_tr $_sl"
	if ! wait_for has "$_t.trace" 'write(1, "tick'; then
		fail "$_nm" "no trace of the target after 5 s; stderr: $(head -c 300 "$_t.err")"
		kill -KILL $_tr $_sl 2>/dev/null
		return
	fi
	kill -$_sig $_tr
	if wait_for gone $_tr; then
		wait $_tr 2>/dev/null
		_rc=$?
		_why=
		if [ "$_m" = p ] || [ "$_sig" = KILL ]; then
			case $_sig in KILL) _want=137 ;; TERM) _want=143 ;; INT) _want=130 ;; esac
			[ $_rc -eq $_want ] || _why="tracer exit status $_rc, want $_want (strace's); "
		fi
		_why=$_why$(free_running "$_sl" "$_t.ticks")
		if [ -z "$_why" ] && [ "$_b" = bpf ] && ! wait_for 100 no_hy_prog; then
			_why="hy_* programs still loaded 10 s later: $(bpftool prog show | grep 'name hy_' | head -n 3)"
		fi
		if [ -n "$_why" ]; then fail "$_nm" "$_why"; else ok "$_nm: the target runs on, untraced"; fi
	elif [ "$_sig" = KILL ] || [ "$_m" = p ]; then
		fail "$_nm" "tracer still running 5 s after SIG$_sig"
		kill -KILL $_tr
	else
		# strace's -I 3 (the default with -o FILE PROG): fatal signals are blocked and tracing
		# goes on; the target must still run, its trace still grow, and end with the target
		_a=$(wc -c <"$_t.trace")
		_why=
		wait_for 30 sh -c '[ "$(wc -c <"$1")" -gt "$2" ]' sh "$_t.trace" "$_a" ||
			_why="tracer ignores SIG$_sig but its trace stopped growing"
		kill -TERM "$_sl"
		if [ -z "$_why" ] && ! wait_for gone $_tr; then
			_why="tracer ignores SIG$_sig and did not end 5 s after its tracee"
			kill -KILL $_tr
		fi
		wait $_tr 2>/dev/null
		_rc=$?
		[ -n "$_why" ] || _why=$(ended $_rc 143 "$_t.err") ||
			_why="$_why (after SIG$_sig was ignored and the tracee was killed by SIGTERM)"
		[ -n "$_why" ] || has "$_t.trace" '^+++ killed by SIGTERM +++$' ||
			_why="no '+++ killed by SIGTERM +++' at the end of the trace"
		if [ -n "$_why" ]; then fail "$_nm" "$_why"; else ok "$_nm: blocked, tracing goes on"; fi
	fi
	kill -KILL "$_sl" 2>/dev/null
}

for b in $BACKENDS; do
	for m in p cmd; do
		for sig in KILL TERM INT; do
			kill_case $b $m $sig
		done
	done
done

elapsed "tracer killed"

########## the tracee killed while blocked in read(): the trace says so, the exit status too
rm -f "$W/fifo"
mkfifo "$W/fifo"
exec 7<>"$W/fifo"	# a writer that never writes: the reader blocks, and opening never does
for b in $BACKENDS; do
	nm="$b: tracee killed by SIGKILL in read()"
	t=$W/r.$b
	rm -f "$t".*
	timeout -k 5 60 "$HYTRACE" --backend=$b -o "$t.trace" -- \
		sh -c 'echo $$ >"$1"; exec cat' sh "$t.pid" <"$W/fifo" 2>"$t.err" &
	tr=$!
	BG="$BG $tr"
	if ! wait_for nonempty "$t.pid" || ! wait_for in_read "$(cat "$t.pid")"; then
		fail "$nm" "the tracee did not block in read(); stderr: $(head -c 300 "$t.err")"
		kill -KILL $tr "$(cat "$t.pid" 2>/dev/null)" 2>/dev/null
		continue
	fi
	kill -KILL "$(cat "$t.pid")"
	wait $tr 2>/dev/null	# (dash reports the job's "Killed")
	rc=$?
	check "$nm: exit status 137, the trace ends with the kill" sh -c '
		[ "$1" -eq 137 ] || { echo "tracer exit status $1, want 137 (strace'\''s)"; exit 1; }
		l=$(tail -n 1 "$2")
		[ "$l" = "+++ killed by SIGKILL +++" ] || { echo "last line: $l"; exit 1; }
		grep -q "^read(0, " "$2" || { echo "no read(0, in the trace"; exit 1; }' sh $rc "$t.trace"
done
exec 7>&-
elapsed "tracee killed"

########## output faults: a full disk, a FIFO whose reader leaves, closed and broken stdout/stderr
# The tracee is `sh -c 'storm N && echo done >MARKER'` under -f: it must complete its work.
work() { echo "$PROGS/storm $1 && echo done >$2"; }
done_ok() { wait_for has "$1" done || { echo "the tracee did not complete its work"; return 1; }; }

SMALL=$W/small
mkdir -p "$SMALL"
if ! mnt_err=$(mount -t tmpfs -o size=64k hyt-faults "$SMALL" 2>&1); then
	skip "ENOSPC" "cannot mount a 64k tmpfs: $mnt_err"
	SMALL=
fi
for b in $BACKENDS; do
	# ENOSPC: one error line naming the file, exit 1, the tracee completes
	if [ -n "$SMALL" ]; then
		t=$W/n.$b
		rm -f "$t".* "$SMALL/trace"
		timeout -k 5 60 "$HYTRACE" --backend=$b -f -o "$SMALL/trace" -- \
			sh -c "$(work 20000 "$t.marker")" 2>"$t.err"
		rc=$?
		check "$b: ENOSPC on a 64k tmpfs: one error line naming the file, exit 1" sh -c '
			[ "$1" -eq 1 ] || { echo "exit status $1, want 1; stderr: $(head -c 300 "$2")"; exit 1; }
			# (attach messages are not errors; whether -f -o prints them is checked elsewhere)
			n=$(grep -cvE "^hytrace: Process [0-9]+ attached$" "$2")
			[ "$n" -eq 1 ] ||
				{ echo "$n lines on stderr, want 1:"; grep -v "attached$" "$2" | head -n 3; exit 1; }
			grep -qF "$3" "$2" && grep -qi "no space" "$2" || { echo "stderr: $(cat "$2")"; exit 1; }' \
			sh $rc "$t.err" "$SMALL/trace"
		check "$b: ENOSPC: the tracee completes" done_ok "$t.marker"
	fi

	# a FIFO whose reader exits after 1000 bytes: an error and a non-zero exit
	t=$W/f.$b
	rm -f "$t".* "$W/ofifo"
	mkfifo "$W/ofifo"
	head -c 1000 "$W/ofifo" >/dev/null &
	BG="$BG $!"
	timeout -k 5 60 "$HYTRACE" --backend=$b -f -o "$W/ofifo" -- \
		sh -c "$(work 20000 "$t.marker")" 2>"$t.err"
	rc=$?
	check "$b: -o FIFO whose reader exits: an error naming it, exit 1" sh -c '
		[ "$1" -eq 1 ] || { echo "exit status $1, want 1; stderr: $(head -c 300 "$2")"; exit 1; }
		grep -qF "$3" "$2" || { echo "no error naming $3; stderr: $(head -c 300 "$2")"; exit 1; }' \
		sh $rc "$t.err" "$W/ofifo"
	check "$b: -o FIFO whose reader exits: the tracee completes" done_ok "$t.marker"

	# the trace on a closed stderr: nothing can be said, so the exit status says it
	t=$W/c2.$b
	rm -f "$t".*
	timeout -k 5 60 "$HYTRACE" --backend=$b -f -- sh -c "$(work 2000 "$t.marker")" 2>&-
	rc=$?
	check "$b: trace to a closed stderr: exit non-zero" ended $rc 1 /dev/null
	check "$b: trace to a closed stderr: the tracee completes" done_ok "$t.marker"

	# -o - on a closed stdout: an error line naming it, exit 1
	t=$W/c1.$b
	rm -f "$t".*
	timeout -k 5 60 "$HYTRACE" --backend=$b -f -o - -- sh -c "$(work 2000 "$t.marker")" >&- 2>"$t.err"
	rc=$?
	check "$b: -o - on a closed stdout: an error line, exit 1" sh -c '
		[ "$1" -eq 1 ] || { echo "exit status $1, want 1; stderr: $(head -c 300 "$2")"; exit 1; }
		grep -q "standard output" "$2" || { echo "stderr: $(head -c 300 "$2")"; exit 1; }' sh $rc "$t.err"
	check "$b: -o - on a closed stdout: the tracee completes" done_ok "$t.marker"

	# the trace on stderr piped into `head -c 100`: exit non-zero (1 or SIGPIPE's 141)
	t=$W/p2.$b
	rm -f "$t".*
	{ timeout -k 5 60 "$HYTRACE" --backend=$b -f -- sh -c "$(work 20000 "$t.marker")"
		echo $? >"$t.rc"; } 2>&1 >/dev/null | head -c 100 >/dev/null
	check "$b: trace to a stderr pipe whose reader exits: exit non-zero" sh -c '
		r=$(cat "$1"); [ "$r" -ne 0 ] && { [ "$r" -lt 124 ] || [ "$r" -eq 141 ]; } ||
			{ echo "exit status $r"; exit 1; }' sh "$t.rc"
	check "$b: trace to a stderr pipe whose reader exits: the tracee completes" done_ok "$t.marker"
done
if [ -n "$SMALL" ]; then
	umount "$SMALL"
	SMALL=
fi

elapsed "output faults"

########## storms: every exit present
storm()
{
	_b=$1
	_what=$2
	_n=$3
	_t=$W/s.$_b.$_what
	timeout -k 5 60 "$HYTRACE" --backend=$_b -f -o "$_t" -- "$PROGS/swarm" $_what $_n 2>"$_t.err"
	_rc=$?
	if [ $_rc -ne 0 ]; then
		fail "$_b: $_what storm of $_n" \
			"exit status $_rc, want 0; stderr: $(grep -v 'attached$' "$_t.err" | head -c 300)"
		return 1
	fi
	if has "$_t" 'events lost'; then
		fail "$_b: $_what storm of $_n" "$(grep 'events lost' "$_t" | head -n 3)"
		return 1
	fi
}
for b in $BACKENDS; do
	if storm $b threads 1000; then
		check "$b: 1000 threads: every thread's exit(0)" sh -c '
			n=$(grep -c " exit(0) *= ?$" "$1")
			[ "$n" -eq 1000 ] || { echo "$n exit(0) lines, want 1000"; exit 1; }' sh "$W/s.$b.threads"
		check "$b: 1000 threads: every thread's +++ exited line" exits "$W/s.$b.threads" 1001
	fi
	if storm $b forks 2000; then
		check "$b: 2000 forks: every child's exit line" exits "$W/s.$b.forks" 2001
	fi
	if storm $b execs 200; then
		check "$b: 200 fork+execs: every execve and exit" sh -c '
			n=$(grep -c "execve(\"$2\", \[\"swarm\", \"exit\"\], .*) = 0$" "$1")
			[ "$n" -eq 200 ] || { echo "$n execve lines, want 200"; exit 1; }' \
			sh "$W/s.$b.execs" "$PROGS/swarm"
		check "$b: 200 fork+execs: every exit" exits "$W/s.$b.execs" 201
	fi
done
elapsed "storms"
exit 0
