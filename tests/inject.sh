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
	elif ! norm s.trace >s.n || ! norm h.trace >h.n || ! cmp -s s.n h.n; then
		fail "$_n ($_b)" "trace differs: $(diff s.n h.n | head -8)"
	elif ! cmp -s s.out h.out; then
		fail "$_n ($_b)" "the program saw other values: $(diff s.out h.out | head -6)"
	else
		ok "$_n ($_b)"
	fi
}

########## -e inject= and -e fault= against strace (ptrace: as strace does it)
T="-e trace=chdir,getuid"
same "error= every call" ptrace $T -e inject=chdir:error=ENOENT $P calls
same "error= by number, when=3" ptrace $T -e inject=chdir:error=13:when=3 $P calls
same "when=2+ (every from the 2nd)" ptrace $T -e inject=chdir:error=EACCES:when=2+ $P calls
same "when=2+2" ptrace $T -e inject=chdir:error=EPERM:when=2+2 $P calls
same "when=2..4" ptrace $T -e inject=chdir:error=EIO:when=2..4 $P calls
same "when=1..5+2" ptrace $T -e inject=chdir:error=EIO:when=1..5+2 $P calls
same "when=2..3+ and the last when= counts" ptrace $T \
	-e inject=chdir:error=EIO:when=1:when=2..3+ $P calls
same "retval= (success injected)" ptrace $T -e inject=chdir:retval=7:when=2 $P calls
same "retval=-1 (\"= -1 (INJECTED)\", strace's warning)" ptrace $T -e inject=getuid:retval=-1 $P calls
same "retval= on an unsigned return" ptrace $T -e inject=getuid:retval=42 $P calls
same "signal= (delivered as the call returns)" ptrace $T -e inject=chdir:signal=USR1:when=2 $P calls
same "error= and signal=" ptrace $T -e inject=chdir:error=EPERM:signal=SIGUSR1:when=3 $P calls
same "delay_enter= ((DELAYED))" ptrace $T -e inject=chdir:delay_enter=2ms:when=1 $P calls
same "delay_exit= with error=" ptrace $T -e inject=chdir:error=ENOENT:delay_exit=1000us:when=4 $P calls
same "syscall= (a pure call instead of -1)" ptrace $T -e inject=chdir:syscall=getuid:error=ENOENT:when=2 $P calls
same "two rules, the later wins" ptrace $T -e inject=chdir,getuid:error=EPERM \
	-e inject=getuid:retval=5 $P calls
same "fault= (ENOSYS)" ptrace $T -e fault=chdir:when=5 $P calls
same "fault= with error=" ptrace $T -e fault=chdir:error=ENOENT:when=1..2 $P calls
same "--inject= long form" ptrace $T --inject=chdir:error=ENOENT:when=6 $P calls
same "--fault= long form" ptrace $T --fault=getuid $P calls
same "counts per process (-f)" ptrace -f $T -e inject=chdir:error=ENOENT:when=2+3 $P calls fork
same "untraced calls are not tampered" ptrace -e trace=getuid -e inject=chdir:error=ENOENT $P calls

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

# eBPF: this kernel's reason, and the automatic fall back (one notice, the same trace)
if [ $BPF = 1 ]; then
	if "$HYTRACE" --backend=bpf -e inject=chdir:error=EIO true 2>h.err; then
		if grep -q "^CONFIG_BPF_KPROBE_OVERRIDE=y" /proc/config.gz 2>/dev/null; then
			fail "eBPF inject" "accepted, but the eBPF backend has no injection program"
		else
			fail "eBPF inject" "accepted on a kernel without CONFIG_BPF_KPROBE_OVERRIDE"
		fi
	elif grep -q "cannot use the eBPF backend: -e inject/fault" h.err; then
		ok "--backend=bpf -e inject= refused with the kernel's reason"
	else
		fail "eBPF inject refused" "$(cat h.err)"
	fi
	same "auto falls back to ptrace" auto $T -e inject=chdir:error=ENOENT:when=2+ $P calls
	if [ "$(grep -c "using the ptrace backend: -e inject/fault" h.err)" = 1 ]; then
		ok "auto: one line says why ptrace"
	else
		fail "auto: one line says why ptrace" "$(cat h.err)"
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
