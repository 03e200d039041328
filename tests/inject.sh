#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# inject.sh: strace's tampering and data options against strace 6.1 itself, on small programs:
# -e inject= (error, retval, signal, syscall, delay_enter, delay_exit, every when= form, per
# process under -f), -e fault=, the arguments both refuse, the eBPF backend's refusal and the
# automatic fall back to ptrace; -e read=/write= hex dumps (both backends, long buffers too);
# fadvise64 advice names, -yy device numbers, -o - and -o '|CMD'.
#
# Run by tests/run.sh section t, or alone (as root for the eBPF cases):
#   HYTRACE=build/hytrace PROGS=build/tests/progs HWORK=/tmp/hw sh tests/inject.sh
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
STRACE=${STRACE:-/usr/bin/strace}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$ROOT/$PROGS ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-inject.XXXXXX)}
W=$HWORK/inject
mkdir -p "$W"
cd "$W" || exit 2
export TZ=UTC LC_ALL=C
TMO="timeout -k 5 60"
P=$PROGS/tamper

ok() { printf 'ok - inject: %s\n' "$1"; }
fail() { printf 'FAIL - inject: %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 600 | tr '\n' ' ')"; }
skip() { printf 'skip - inject: %s: %s\n' "$1" "$2"; }

if [ ! -x "$STRACE" ]; then
	skip "all" "no strace at $STRACE"
	exit 0
fi
BPF=0
if [ "$(id -u)" = 0 ] && "$HYTRACE" --backend=bpf -e trace=none true 2>/dev/null; then
	BPF=1
fi

# pids out of a trace: "-f -o" prefixes, si_pid= of SIGCHLD
norm() { sed -e 's/^[0-9][0-9]* *//' -e 's/si_pid=[0-9]*/si_pid=N/' -e 's/ from pid [0-9]* @/ from pid N @/' "$1"; }

# eBPF: signal= comes from hytrace (pidfd_send_signal: SI_TKILL with its pid and uid), where
# ptrace delivers it as the kernel's (SI_KERNEL); tests/KNOWN-DIFFERENCES.md.  Strace's line
# rewritten so: the rest of the trace must match
sig_bpf()
{
	[ "$1" = bpf ] || return 0
	sed -i "s/si_code=SI_KERNEL}/si_code=SI_TKILL, si_pid=N, si_uid=$(id -u)}/" "$2"
}

# same NAME BACKEND ARGS...: strace and hytrace --backend=BACKEND give the same trace (-o) and the
# same program output (which shows what the tracee got back)
same()
{
	_n=$1 _b=$2
	shift 2
	$TMO "$STRACE" -o s.trace "$@" >s.out 2>s.err
	_sr=$?
	$TMO "$HYTRACE" --backend="$_b" -o h.trace "$@" >h.out 2>h.err
	_hr=$?
	if [ $_sr != $_hr ]; then
		fail "$_n ($_b)" "exit status $_hr, strace $_sr: $(cat h.err)"
	elif ! norm s.trace >s.n || ! norm h.trace >h.n || ! sig_bpf "$_b" s.n || ! cmp -s s.n h.n; then
		fail "$_n ($_b)" "trace differs: $(diff s.n h.n | head -8)"
	elif ! cmp -s s.out h.out; then
		fail "$_n ($_b)" "the program saw other values: $(diff s.out h.out | head -6)"
	else
		ok "$_n ($_b)"
	fi
}

########## -e inject= and -e fault= against strace, on both backends (ptrace: as strace does it;
# eBPF: seccomp user notification, user/source/bpf_inject.c)
# same_inj NAME ARGS...: same() on the backend inj_cases() runs
same_inj()
{
	_sn=$1
	shift
	same "$_sn" "$_ib" "$@"
}
inj_cases()
{
	_ib=$1
	T="-e trace=chdir,getuid"
	same_inj "error= every call" $T -e inject=chdir:error=ENOENT $P calls
	same_inj "error= by number, when=3" $T -e inject=chdir:error=13:when=3 $P calls
	same_inj "when=2+ (every from the 2nd)" $T -e inject=chdir:error=EACCES:when=2+ $P calls
	same_inj "when=2+2" $T -e inject=chdir:error=EPERM:when=2+2 $P calls
	same_inj "when=2..4" $T -e inject=chdir:error=EIO:when=2..4 $P calls
	same_inj "when=1..5+2" $T -e inject=chdir:error=EIO:when=1..5+2 $P calls
	same_inj "when=2..3+ and the last when= counts" $T \
		-e inject=chdir:error=EIO:when=1:when=2..3+ $P calls
	same_inj "retval= (success injected)" $T -e inject=chdir:retval=7:when=2 $P calls
	same_inj "retval=-1 (\"= -1 (INJECTED)\", strace's warning)" $T -e inject=getuid:retval=-1 $P calls
	same_inj "retval= on an unsigned return" $T -e inject=getuid:retval=42 $P calls
	same_inj "signal= (delivered as the call returns)" $T -e inject=chdir:signal=USR1:when=2 $P calls
	same_inj "error= and signal=" $T -e inject=chdir:error=EPERM:signal=SIGUSR1:when=3 $P calls
	same_inj "delay_enter= ((DELAYED))" $T -e inject=chdir:delay_enter=2ms:when=1 $P calls
	same_inj "delay_exit= with error=" $T \
		-e inject=chdir:error=ENOENT:delay_exit=1000us:when=4 $P calls
	same_inj "syscall= (a pure call instead of -1)" $T \
		-e inject=chdir:syscall=getuid:error=ENOENT:when=2 $P calls
	same_inj "two rules, the later wins" $T -e inject=chdir,getuid:error=EPERM \
		-e inject=getuid:retval=5 $P calls
	same_inj "fault= (ENOSYS)" $T -e fault=chdir:when=5 $P calls
	same_inj "fault= with error=" $T -e fault=chdir:error=ENOENT:when=1..2 $P calls
	same_inj "--inject= long form" $T --inject=chdir:error=ENOENT:when=6 $P calls
	same_inj "--fault= long form" $T --fault=getuid $P calls
	same_inj "counts per process (-f)" -f $T -e inject=chdir:error=ENOENT:when=2+3 $P calls fork
	same_inj "untraced calls are not tampered" -e trace=getuid -e inject=chdir:error=ENOENT $P calls
}
inj_cases ptrace
if [ $BPF = 1 ]; then
	inj_cases bpf
fi

# a strace log with the marks, read back (--input): the same lines
"$STRACE" -o s.trace -e trace=chdir,getuid -e inject=chdir:error=ENOENT:delay_exit=1:when=2 \
	-e inject=getuid:retval=-1:delay_enter=1us $P calls >/dev/null 2>&1
"$HYTRACE" --input s.trace -o h.trace 2>h.err
if cmp -s s.trace h.trace; then
	ok "--input keeps (INJECTED) and (DELAYED)"
else
	fail "--input keeps (INJECTED) and (DELAYED)" "$(diff s.trace h.trace | head -6) $(cat h.err)"
fi

# arguments both refuse (strace: "invalid inject argument"); hytrace says why
for a in "inject=chdir" "inject=chdir:error=EPERM:retval=1" "inject=chdir:error=BOGUS" \
	"inject=chdir:error=5000" "inject=chdir:signal=0" "inject=chdir:when=0:error=EIO" \
	"inject=chdir:when=3..2:error=EIO" "inject=chdir:when=1+0:error=EIO" \
	"inject=chdir:error=EIO:when=70000" "inject=:error=EIO" "inject=nosuchcall:error=EIO" \
	"fault=chdir:retval=1" "fault=chdir:signal=USR1" "inject=chdir:delay_enter=x" \
	"inject=chdir:bogus=1"; do
	"$STRACE" -e "$a" true >/dev/null 2>&1
	sr=$?
	"$HYTRACE" -e "$a" true >/dev/null 2>h.err
	hr=$?
	if [ $sr = 0 ] || [ $hr = 0 ]; then
		fail "refused: -e $a" "strace exit $sr, hytrace exit $hr"
	elif ! grep -q "invalid \(inject\|fault\) argument\|invalid system call" h.err; then
		fail "refused: -e $a" "message: $(cat h.err)"
	else
		ok "refused: -e $a"
	fi
done
# poke_enter= is strace's and not hytrace's: a refusal that says so
if "$HYTRACE" -e inject=chdir:poke_enter=@arg1=00 true 2>h.err; then
	fail "poke_enter= refused" "accepted"
elif grep -q "poke_enter= and poke_exit= are not supported" h.err; then
	ok "poke_enter= refused with its reason"
else
	fail "poke_enter= refused" "$(cat h.err)"
fi

# eBPF: what it refuses (one line each), the automatic choice (eBPF, no notice), -ff files, a
# command that outlives hytrace, and a run without root (capabilities for BPF only)
if [ $BPF = 1 ]; then
	sleep 30 &
	_sp=$!
	for a in "-p $_sp -e inject=chdir:error=EIO|not with -p" \
		"-e inject=chdir:delay_exit=1ms true|delay_exit= without error= or retval=" \
		"-e inject=sendmsg:error=EIO true|sends its seccomp listener"; do
		_args=${a%%|*}
		if $TMO "$HYTRACE" --backend=bpf $_args 2>h.err; then
			fail "eBPF refuses: $_args" "accepted"
		elif [ "$(wc -l <h.err)" = 1 ] && grep -q "cannot use the eBPF backend: .*${a#*|}" h.err; then
			ok "eBPF refuses, one line why: $_args"
		else
			fail "eBPF refuses: $_args" "$(cat h.err)"
		fi
	done
	kill $_sp 2>/dev/null
	wait $_sp 2>/dev/null
	same "auto: eBPF injects" auto $T -e inject=chdir:error=ENOENT:when=2+ $P calls
	if [ -s h.err ]; then
		fail "auto: no fallback notice" "$(cat h.err)"
	else
		ok "auto: eBPF, no fallback notice"
	fi
	# -ff: the child's file has its own counts
	rm -f s.ff.* h.ff.*
	"$STRACE" -ff -o s.ff $T -e inject=chdir:error=EIO:when=3 $P calls fork >s.out 2>/dev/null
	"$HYTRACE" --backend=bpf -ff -o h.ff $T -e inject=chdir:error=EIO:when=3 $P calls fork \
		>h.out 2>h.err
	# the files in pid order: the parent's, then the child's
	_d=
	_hf=$(ls h.ff.* | sort -t. -k3 -n)
	for f in $(ls s.ff.* | sort -t. -k3 -n); do
		_h=$(echo "$_hf" | head -1)
		_hf=$(echo "$_hf" | sed 1d)
		sed 's/si_pid=[0-9]*/si_pid=N/' "$f" >s.n
		sed 's/si_pid=[0-9]*/si_pid=N/' "$_h" >h.n 2>/dev/null
		cmp -s s.n h.n || _d="$_d $f: $(diff s.n h.n 2>&1 | head -4)"
	done
	if [ -z "$_d" ] && cmp -s s.out h.out && [ "$(ls h.ff.* | wc -l)" = "$(ls s.ff.* | wc -l)" ]; then
		ok "eBPF -ff: per-process files, per-process counts"
	else
		fail "eBPF -ff" "$_d $(cat h.err)"
	fi
	# a command's child that outlives hytrace (no -f): its calls go on, not ENOSYS (the listener
	# is handed to a process that lets them run)
	rm -f after.txt
	$TMO "$HYTRACE" --backend=bpf -o h.trace -e trace=chdir -e inject=chdir:error=EIO \
		sh -c "(sleep 1; cd / && echo after >$W/after.txt) & exit 0" >h.out 2>h.err
	_i=0
	while [ ! -s after.txt ] && [ $_i -lt 20 ]; do
		sleep 0.5
		_i=$((_i + 1))
	done
	if grep -q '^after$' after.txt 2>/dev/null; then
		ok "eBPF: a child's calls go on after hytrace ends"
	else
		fail "eBPF: calls after hytrace ends" "$(cat after.txt h.err 2>&1)"
	fi
	# without root: CAP_BPF and CAP_PERFMON only, no CAP_SYS_ADMIN: the filter needs
	# no_new_privs, which the command then has (NoNewPrivs: 1 in its status)
	if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
		_cap="--inh-caps=-all,+bpf,+perfmon --ambient-caps=-all,+bpf,+perfmon"
		_cap="$_cap --bounding-set=-all,+bpf,+perfmon"
		rm -rf rl && mkdir rl && chown nobody rl
		_np="setpriv --reuid=nobody --regid=nogroup --clear-groups $_cap"
		$_np "$STRACE" -o rl/s.trace $T -e inject=chdir:error=ENOENT:when=2 $P calls >s.out 2>&1
		$_np "$HYTRACE" --backend=bpf -o rl/h.trace $T -e inject=chdir:error=ENOENT:when=2 \
			$P calls >h.out 2>h.err
		_hr=$?
		$_np "$HYTRACE" --backend=bpf -e trace=chdir -e inject=chdir:error=ENOENT \
			grep NoNewPrivs /proc/self/status >>h.err 2>&1
		grep -v '^execve' rl/s.trace >s.n2
		grep -v '^execve' rl/h.trace >h.n
		if [ $_hr = 0 ] && cmp -s s.n2 h.n && cmp -s s.out h.out && grep -q "NoNewPrivs:.*1" h.err; then
			ok "eBPF rootless (CAP_BPF+CAP_PERFMON, no_new_privs): the same calls"
		elif grep -q "needs root\|not permitted\|cannot load\|cannot attach" h.err; then
			skip "eBPF rootless" "this kernel wants more than CAP_BPF+CAP_PERFMON: $(head -1 h.err)"
		else
			fail "eBPF rootless" "exit $_hr: $(diff s.n2 h.n | head -4) $(cat h.err)"
		fi
	else
		skip "eBPF rootless" "no setpriv or no user nobody"
	fi
else
	skip "eBPF inject cases" "the eBPF backend is not usable here"
fi

########## -e read=/write=: hex dumps
IO="-e trace=read,write,pread64,pwrite64,readv,writev,sendto,recvfrom,sendmsg,recvmsg"
same "read=/write= dumps" ptrace $IO -e read=3,4,7 -e write=3,5,6 $P io
same "reads=all, writes=all" ptrace $IO -e reads=all -e writes=all $P io
same "r=!3 w=none" ptrace $IO -e r='!3' -e w=none $P io
same "--read= --write=" ptrace $IO --read=3 --write=3 $P io
same "-s 4 does not shorten the dump" ptrace -s 4 $IO -e read=3 -e write=3 $P io
# long buffers (bigio): offsets past 1 MiB, <Cannot fetch> after the first 64 KiB, no dump of a
# buffer unreadable from its start, a failed write dumped, a long read on an fd not dumped
BIG="-e trace=read,write -e write=3,4 -e read=4"
same "dumps of long buffers" ptrace $BIG $P bigio
MQ="-e trace=mq_timedsend,mq_timedreceive -e read=3 -e write=3"
same "mq_timedsend/mq_timedreceive dumps" ptrace $MQ $P mq
if [ $BPF = 1 ]; then
	same "read=/write= dumps" bpf $IO -e read=all -e write=all $P io
	same "dumps of long buffers" bpf $BIG $P bigio
	same "mq_timedsend/mq_timedreceive dumps" bpf $MQ $P mq
	# a ring too small for the chunks: the cut and the lost events show (never silently)
	"$HYTRACE" --backend=bpf --buffer-size=64K -o h.trace -e trace=write -e write=3 $P bigio >/dev/null 2>h.err
	if grep -q '^ | \.\.\. dump cut: [0-9]* of 1048577 bytes captured (the ring was full: events lost) |$' h.trace ||
	   { ! grep -q '^write(3, .*1048577) = 1048577$' h.trace && grep -q 'events lost' h.err; }; then
		ok "eBPF dumps: a full ring shows as a cut and lost events"
	else
		fail "eBPF dumps: a full ring shows as a cut and lost events" "$(grep -c '^ |' h.trace) dump lines; $(cat h.err)"
	fi
fi
if "$HYTRACE" -e read=x true 2>h.err || ! grep -q "invalid descriptor 'x'" h.err; then
	fail "read=x refused" "$(cat h.err)"
else
	ok "read=x refused"
fi

########## everyday decoding and outputs
printf 'some text\n' >f.txt
for b in ptrace auto; do
	same "fadvise64 advice names (cat)" $b -e trace=fadvise64 cat f.txt
	same "-yy: <char 1:3> after /dev/null" $b -yy -e trace=read,write,dup2,openat \
		sh -c 'exec head -c 3 /dev/zero >/dev/null'
done
# -o -: standard output.  strace 6.1 itself writes a file named "-" (checked here, so that the
# day it changes shows); hytrace writes the same lines to standard output, as later straces do
rm -f ./-
"$STRACE" -o - -e trace=chdir,getuid $P calls >/dev/null 2>&1
mv ./- s.n 2>/dev/null
"$HYTRACE" --backend=ptrace -o - -e trace=chdir,getuid $P calls >h.out 2>h.err
grep -v '^main ' h.out >h.n
if [ -e ./- ]; then
	fail "-o - is standard output" "a file named - was created"
elif [ -s s.n ] && cmp -s s.n h.n; then
	ok "-o - is standard output (strace 6.1 writes a file named -: the same lines)"
else
	fail "-o - is standard output" "$(diff s.n h.n 2>&1 | head -6)"
fi
for o in '|cat >piped.txt' '!cat >piped.txt'; do
	rm -f piped.txt
	"$STRACE" -o "$o" -e trace=chdir -e inject=chdir:error=EIO:when=2 $P calls >/dev/null 2>&1
	mv piped.txt s.n 2>/dev/null
	"$HYTRACE" --backend=ptrace -o "$o" -e trace=chdir -e inject=chdir:error=EIO:when=2 \
		$P calls >/dev/null 2>h.err
	if [ -e "$o" ] || [ -e "|cat" ]; then
		fail "-o '$o'" "a file named after the command was created"
	elif [ -s s.n ] && cmp -s s.n piped.txt; then
		ok "-o '$o' pipes the trace to the command"
	else
		fail "-o '$o'" "$(diff s.n piped.txt 2>&1 | head -6) $(cat h.err)"
	fi
done
if "$HYTRACE" -ff -o '|cat' true 2>h.err || ! grep -q "not with -o '|cat' (a pipe)" h.err; then
	fail "-ff with a pipe refused" "$(cat h.err)"
else
	ok "-ff with a pipe refused"
fi
exit 0
