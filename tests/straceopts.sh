#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# straceopts.sh: strace 6.1's options and -e language, each form run through strace and hytrace.
#
# Every case is one line of the table below: MODE|NAME|OPTIONS|COMMAND.  OPTIONS are words split
# by the shell (no quoting inside them); COMMAND runs under both tracers with -o FILE.
#   same     both tracers accept OPTIONS and print the same normalised trace (pids, addresses,
#            times, durations and summary figures replaced; the summary's rows sorted unless
#            -S names an order), on the ptrace backend
#   both     the same, on the ptrace backend and on the eBPF one when it loads (the forms whose
#            work is in the sinks and the pipeline are backend-independent: a few of each
#            kind run on both, to keep the section short on a shared machine)
#   exact    both backends print strace's output byte for byte (no normalising: padding counts)
#   reject   both refuse OPTIONS (exit status not 0, nothing traced)
#   refuse   hytrace refuses OPTIONS with one line that says why (strace accepts them): the
#            forms tests/KNOWN-DIFFERENCES.md lists under "Options"
# Cases marked "wrong before issue 15" failed before the -e language was made strace's.
#
# Run by tests/run.sh section s, or alone:
#   HYTRACE=build/hytrace HWORK=/tmp/hw sh tests/straceopts.sh
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
STRACE=${STRACE:-/usr/bin/strace}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-opts.XXXXXX)}
W=$HWORK/straceopts
mkdir -p "$W"
export TZ=UTC LC_ALL=C
TMO="timeout -k 5 60"

ok() { printf 'ok - straceopts: %s\n' "$1"; }
fail() { printf 'FAIL - straceopts: %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 900 | tr '\n' '|')"; }
skip() { printf 'skip - straceopts: %s: %s\n' "$1" "$2"; }

if ! [ -x "$STRACE" ] || ! "$STRACE" -V 2>/dev/null | grep -q 'version 6\.1$'; then
	skip all "strace 6.1 is not installed at $STRACE"
	exit 0
fi
if ! [ -x "$HYTRACE" ]; then
	fail all "no hytrace at $HYTRACE"
	exit 0
fi

printf 'hello\n' >"$W/in.txt"
printf 'exit ${HYT_X:-0}\n' >"$W/exitx.sh"
printf 'exec cat %s\n' "$W/in.txt" >"$W/execcat.sh"
printf 'PATH=/nonexistent:/usr/bin:/bin exec sh -c "exit 7"\n' >"$W/execpath.sh"
cat >"$W/dinfo.sh" <<EOS
t=\$(awk '/^TracerPid/ { print \$2 }' /proc/\$\$/status)
echo \$\$ \$(ps -o pgid=,sid= -p \$\$) \$t \$(ps -o pgid=,sid= -p "\$t") >"$W/d.pid"
exec cat "$W/in.txt"
EOS
printf 'trap : USR1\nkill -USR1 $$\n' >"$W/sig.sh"
# a command in a new pid namespace (pid 1 there): its pids differ from the tracer's
printf 'kill -0 $$; sh -c "kill -0 \\$\\$"; true\n' >"$W/pidns-in.sh"
printf 'exec unshare -pf sh %s\n' "$W/pidns-in.sh" >"$W/pidns.sh"
ln -sf in.txt "$W/link"
IN=$W/in.txt
printf 'tab\tnl\nctl\001\037 high\222\377 end\n' >"$W/bytes.txt"
# the backends to compare on: ptrace always, eBPF when it loads here
BACKENDS=ptrace
if $TMO "$HYTRACE" --backend=bpf -o /dev/null -e trace=none true 2>/dev/null; then
	BACKENDS="ptrace bpf"
fi

# The normalised trace of FILE on stdout: what may differ between two runs of the same
# command is replaced (pids and tids, addresses, times, durations, summary figures).
norm()
{
	python3 - "$1" <<'EOF'
import re, sys
pids = {}
def pid(m):
    n = m.group(2)
    if n not in pids:
        pids[n] = 'P%d' % (len(pids) + 1)
    return m.group(1) + pids[n]
rows, out, summary = [], [], False
for line in open(sys.argv[1], errors='replace'):
    line = line.rstrip('\n').rstrip()
    if line.startswith('% time') or line.startswith('syscall ') or re.match(r'^ *(calls|errors|seconds|shortest|longest|usecs/call)\b', line):
        summary = True
    line = re.sub(r'0x[0-9a-f]{6,}', 'ADDR', line)
    line = re.sub(r'\[[0-9a-f]{16}\] ', '[IP] ', line)
    line = re.sub(r'^(\[pid +)(\d+)', pid, line)
    line = re.sub(r'^()(\d+)(?=[ <])', pid, line)
    line = re.sub(r'(si_pid=|\+\+\+ exited with |= |wait4\()(\d{3,})', pid, line)
    line = re.sub(r"(/\* )(\d+)(?= in strace's PID NS \*/)", pid, line)
    line = re.sub(r'(si_[us]time=)\d+( /\* [0-9.]+ s \*/)?', r'\1N', line)
    line = re.sub(r'(^|\] |P\d+ |P\d+<[^>]*> )(\d\d:\d\d:\d\d(\.\d+)?|\d{9,}(\.\d+)?|\s*\d+\.\d+) ', r'\1TS ', line)
    line = re.sub(r' <\d+(\.\d+)?>$', ' <DUR>', line)
    line = re.sub(r'\) +(= |<unfinished)', r') \1', line)
    line = re.sub(r'^(\[ *\d+\] )?(execve\(.*, )\[[^]]*\]\)', r'\1\2[ENV])', line)
    line = re.sub(r'/\* \d+ vars \*/', '/* N vars */', line)
    line = re.sub(r'(getrandom\()"[^"]*"', r'\1"RANDOM"', line)
    if summary and not line.startswith('-') and not re.match(r'^ *(% time|seconds|usecs|calls|errors|shortest|longest|syscall)', line):
        line = re.sub(r'\d+(\.\d+)?', 'N', line)
        line = re.sub(r' +', ' ', line)
        if not line.endswith(' total') and line != 'total':
            rows.append(line)
            continue
    if summary:
        line = re.sub(r' +', ' ', line)
    out.append(line)
if rows:
    if '-S' not in sys.argv[2:]:
        rows.sort()
    i = [k for k, l in enumerate(out) if l.startswith('-')]
    at = i[0] + 1 if i else len(out)
    out[at:at] = rows
print('\n'.join(out))
EOF
}

# run_case MODE NAME OPTIONS COMMAND
run_case()
{
	_mode=$1 _name=$2 _opts=$3 _cmd=$4
	rm -f "$W/s.out" "$W/h.out" "$W/s.err" "$W/h.err"
	# shellcheck disable=SC2086 # OPTIONS and COMMAND are word lists
	# stderr goes to the same file for both (-y shows its path), then is kept aside
	(cd "$W" && $TMO "$STRACE" -o "$W/s.out" $_opts $_cmd >/dev/null 2>"$W/err")
	_src=$?
	mv "$W/err" "$W/s.err"
	case $_mode in
	refuse|reject)
		# shellcheck disable=SC2086
		(cd "$W" && $TMO "$HYTRACE" -o "$W/h.out" $_opts $_cmd >/dev/null 2>"$W/err")
		_hrc=$?
		mv "$W/err" "$W/h.err"
		if [ $_hrc -eq 0 ]; then
			fail "$_name" "hytrace accepted '$_opts' (exit 0): $(cat "$W/h.err")"
		elif ! head -1 "$W/h.err" | grep -q '^hytrace: '; then
			fail "$_name" "no one-line reason: $(cat "$W/h.err")"
		elif [ "$_mode" = reject ] && [ $_src -eq 0 ]; then
			fail "$_name" "strace accepts '$_opts' but hytrace refuses it"
		elif [ -s "$W/h.out" ]; then
			fail "$_name" "refused, yet traced: $(head -3 "$W/h.out")"
		else
			ok "$_name ($(head -1 "$W/h.err" | cut -c1-100))"
		fi
		return
		;;
	esac
	if [ $_src -ne 0 ] && ! [ -s "$W/s.out" ]; then
		fail "$_name" "strace failed on '$_opts $_cmd': $(cat "$W/s.err")"
		return
	fi
	# exact: the output must be strace's byte for byte (padding included), on both backends
	_norm=norm
	[ "$_mode" = exact ] && _norm=cat
	$_norm "$W/s.out" $_opts >"$W/s.norm"
	_bs=ptrace
	case $_mode in both|exact) _bs=$BACKENDS ;; esac
	for _b in $_bs; do
		rm -f "$W/h.out"
		# shellcheck disable=SC2086
		(cd "$W" && $TMO "$HYTRACE" --backend=$_b -o "$W/h.out" $_opts $_cmd >/dev/null \
			2>"$W/err")
		mv "$W/err" "$W/h.err"
		$_norm "$W/h.out" $_opts >"$W/h.norm"
		if _d=$(diff "$W/s.norm" "$W/h.norm"); then
			ok "$_name [$_b]"
		else
			fail "$_name [$_b]" "$(cat "$W/h.err") $_d"
		fi
	done
}

FILEOPS="-e trace=openat,read,close,exit_group"
CASES=$(cat <<EOF
same|-e trace=SET|-e trace=openat,close|cat $IN
same|--trace=SET|--trace=openat,close|cat $IN
same|-e t=SET|-e t=openat|cat $IN
same|-e trace=NUMBER|-e trace=257|cat $IN
same|-e trace=NAME@64|-e trace=openat@64|cat $IN
same|-e trace=/REGEX|-e trace=/^clos|cat $IN
same|-e trace=?NAME|-e trace=?nosuchcall,close|cat $IN
both|-e trace=fstat is a syscall (wrong before issue 15)|-e trace=fstat,exit_group|cat $IN
same|-e trace=stat is a syscall|-e trace=stat,exit_group|cat $IN
same|-e trace=%fstat is the class|-e trace=%fstat|cat $IN
same|-e trace=file (legacy class)|-e trace=file|cat $IN
same|-e trace=%net|-e trace=%net,exit_group|cat $IN
reject|-e trace=creds is no syscall (wrong before issue 15)|-e trace=creds|cat $IN
reject|-e trace=clock is no syscall (wrong before issue 15)|-e trace=clock|cat $IN
reject|-e trace=pure is no syscall (wrong before issue 15)|-e trace=pure|cat $IN
reject|-e trace=net is no class (wrong before issue 15)|-e trace=net|cat $IN
reject|-e tr= is no qualifier (wrong before issue 15)|-e tr=openat|cat $IN
reject|-e =openat (wrong before issue 15)|-e =openat|cat $IN
reject|-e stat=x is no qualifier (wrong before issue 15)|-e stat=successful|cat $IN
reject|-e trace=NAME@foo|-e trace=openat@foo|cat $IN
reject|-e trace= empty|-e trace=|cat $IN
both|-e s=none is signal (wrong before issue 15)|-e trace=exit_group -e s=none|sh -c /bin/true;:
same|-e signal=none|-e trace=exit_group -e signal=none|sh -c /bin/true;:
same|--signal=SIGCHLD|-e trace=exit_group --signal=SIGCHLD|sh -c /bin/true;:
same|-e signals=!all|-e trace=exit_group -e signals=!all|sh -c /bin/true;:
both|-e status=failed|$FILEOPS -e status=failed|cat $IN /nonexistent
same|--status=successful|$FILEOPS --status=successful|cat $IN /nonexistent
same|-z, --successful-only|$FILEOPS --successful-only|cat $IN /nonexistent
same|-Z, --failed-only|$FILEOPS --failed-only|cat $IN /nonexistent
both|-e raw=NAME is per syscall (wrong before issue 15)|-e trace=openat,close -e raw=openat|cat $IN
both|-e raw=all prints returns in hex (wrong before issue 15)|$FILEOPS -e raw=all|cat $IN /nonexistent
same|-e x=SET|-e trace=openat,close -e x=close|cat $IN
same|--raw=SET|-e trace=openat,close --raw=close|cat $IN
both|-e verbose=none (wrong before issue 15)|-e trace=execve,newfstatat,rt_sigaction,prlimit64 -e verbose=none|sh -c :
same|-e verbose=all is the default (wrong before issue 15)|-e trace=execve -e verbose=all|cat $IN
same|--verbose=SET|-e trace=execve,newfstatat --verbose=execve|cat $IN
same|-e abbrev=none|-e trace=newfstatat -e abbrev=none|cat $IN
same|-e a=all|-e trace=newfstatat -e a=all|cat $IN
same|--abbrev=SET|-e trace=execve,newfstatat --abbrev=execve|cat $IN
same|-v, --no-abbrev|-e trace=newfstatat --no-abbrev|cat $IN
same|-s N, --string-limit|$FILEOPS --string-limit=4|cat $IN
both|-e quiet=attach keeps exit lines (wrong before issue 15)|-f -e trace=exit_group -e quiet=attach|sh -c /bin/true;:
both|-e quiet=exit|-f -e trace=exit_group -e quiet=exit|sh -c /bin/true;:
same|-e q=all|-f -e trace=exit_group -e q=all|sh -c /bin/true;:
same|-e silent=!exit|-f -e trace=exit_group -e silent=!exit|sh -c /bin/true;:
same|-e silence=personality|-f -e trace=exit_group -e silence=personality|sh -c /bin/true;:
same|-e quiet=thread-execve,superseded|-f -e trace=exit_group -e quiet=thread-execve,superseded|sh -c /bin/true;:
same|-e quiet=path-resolution|-e trace=exit_group -e quiet=path-resolution|sh -c /bin/true;:
both|-q|-f -q -e trace=exit_group|sh -c /bin/true;:
same|-qq|-f -qq -e trace=exit_group|sh -c /bin/true;:
same|--quiet|-f --quiet -e trace=exit_group|sh -c /bin/true;:
same|--quiet=SET|-f --quiet=exit -e trace=exit_group|sh -c /bin/true;:
reject|-e quiet=bogus|-e quiet=bogus|cat $IN
same|-e decode-fds=path|$FILEOPS -e decode-fds=path|cat $IN
same|-e decode-fd=none|$FILEOPS -e decode-fd=none|cat $IN
same|--decode-fds|$FILEOPS --decode-fds|cat $IN
same|-y|$FILEOPS -y|cat $IN
refuse|-e decode-fds=socket alone|-e decode-fds=socket|cat $IN
both|-Y, -e decode-pids=comm|-f -Y -e trace=exit_group|sh -c /bin/true;:
same|--decode-pids=comm|-f --decode-pids=comm -e trace=exit_group|sh -c /bin/true;:
same|-e decode-pids=pidns (no pid namespace: nothing added)|-f -e decode-pids=pidns -e trace=exit_group,getpid -e signal=none|sh -c /bin/true;:
same|--pidns-translation (no pid namespace: nothing added)|-f --pidns-translation -e trace=exit_group|sh -c /bin/true;:
same|--pidns-translation in a new pid namespace (issue 16)|-f --pidns-translation -e trace=kill,getpid,wait4,exit_group|sh $W/pidns.sh
same|--pidns-translation after other options (issue 16)|--pidns-translation -f -e trace=kill -e signal=none|sh $W/pidns.sh
refuse|-e kvm=vcpu|-e kvm=vcpu|cat $IN
same|-e read=SET (hex dumps)|-e trace=read -e read=3|cat $IN
same|-e write=SET (hex dumps)|-e trace=write -e write=1|cat $IN
same|-e inject=SET:error=|-e trace=openat -e inject=openat:error=ENOENT:when=3+|cat $IN
same|-e fault=SET|-e trace=openat -e fault=openat:when=3|cat $IN
refuse|-e trace=NAME@32|-e trace=openat@32|cat $IN
same|-e trace= skips empty items, as strace (issue 16)|-e trace=,openat,,close,|cat $IN
same|-e trace= takes i386 names (mmap2), as strace on x86_64 (issue 16)|-e trace=mmap2,_llseek,openat|cat $IN
same|-e trace=!!SET: each ! inverts (issue 16)|-e trace=!!openat|cat $IN
same|-e trace=recv,send: socketcall's i386 calls (issue 16)|-e trace=recv,send,openat|cat $IN
same|-e trace=/REGEX matching i386 names only (issue 16)|-e trace=/^signal$,openat|cat $IN
reject|-e trace=, (no item)|-e trace=,|cat $IN
reject|-e trace=NAME@64 of an i386 name|-e trace=mmap2@64|cat $IN
same|-d (debug lines on stderr, the trace unchanged)|$FILEOPS -d|cat $IN
both|-n, --syscall-number|$FILEOPS -n|cat $IN
same|--syscall-number|$FILEOPS --syscall-number|cat $IN
same|-t|$FILEOPS -t|cat $IN
same|-tt|$FILEOPS -tt|cat $IN
same|-ttt|$FILEOPS -ttt|cat $IN
same|--absolute-timestamps|$FILEOPS --absolute-timestamps|cat $IN
same|--absolute-timestamps=format:unix,precision:ms|$FILEOPS --absolute-timestamps=format:unix,precision:ms|cat $IN
same|--timestamps=precision:ns|$FILEOPS --timestamps=precision:ns|cat $IN
same|-r|$FILEOPS -r|cat $IN
same|--relative-timestamps=ms|$FILEOPS --relative-timestamps=ms|cat $IN
both|-T|$FILEOPS -T|cat $IN
same|--syscall-times=ns|$FILEOPS --syscall-times=ns|cat $IN
same|-x, --strings-in-hex=non-ascii|$FILEOPS --strings-in-hex=non-ascii|cat $IN
same|-xx, --strings-in-hex|$FILEOPS --strings-in-hex|cat $IN
same|--strings-in-hex=none|$FILEOPS --strings-in-hex=none|cat $IN
both|--strings-in-hex=non-ascii-chars: unprintable bytes as \\xHH|$FILEOPS --strings-in-hex=non-ascii-chars|cat $W/bytes.txt
same|--strings-in-hex=non-ascii on unprintable bytes|$FILEOPS --strings-in-hex=non-ascii|cat $W/bytes.txt
same|-E VAR=VAL, --env|-e trace=exit_group --env=HYT_X=3|sh $W/exitx.sh
same|-E VAR=VAL|-e trace=exit_group -E HYT_X=4|sh $W/exitx.sh
same|-I never, --interruptible|$FILEOPS --interruptible=never|cat $IN
both|-c|-c|cat $IN
same|-c -w, --summary-wall-clock|-c --summary-wall-clock|cat $IN
both|-c -U COLUMNS|-c -U name,calls,errors|cat $IN
same|--summary-columns|-c --summary-columns=calls,max-time,min-time,avg-time,time|cat $IN
same|-c -S name|-c -S name|cat $IN
same|--summary-sort-by=calls|-c --summary-sort-by=calls -U calls|cat $IN
same|-c -O 1us|-c -O 1us|cat $IN
same|--summary-syscall-overhead|-c --summary-syscall-overhead=2ns|cat $IN
both|-i, --instruction-pointer|$FILEOPS -i|cat $IN
same|--instruction-pointer -f (exit lines)|-f --instruction-pointer -e trace=exit_group,wait4|sh -c /bin/true;:
same|-i on signal lines|-i -e trace=rt_sigaction|sh $W/sig.sh
both|-P PATH (by path and by fd)|-P $IN -e trace=!fadvise64|cat $IN /etc/hostname
same|--trace-path=PATH|--trace-path=$IN -e trace=!fadvise64|cat $IN
both|-P PATH matching an fd in select's fd_set|-P /dev/null -e trace=select,pselect6,openat,close|$ROOT/build/tests/progs/desc
same|-P PATH through a symbolic link|-P $W/link -e trace=!fadvise64|cat $W/link
same|-P PATH -e quiet=path-resolution|-P $W/link -e quiet=path-resolution -e trace=!fadvise64|cat $W/link
refuse|-D on the eBPF backend|--backend=bpf -D|cat $IN
refuse|-D without a command|-D -p 1|
same|-b execve, --detach-on|-b execve -e trace=execve,exit_group|sh $W/execcat.sh
same|--detach-on=execve (a failed execve goes on)|--detach-on=execve -e trace=execve,exit_group|sh $W/execpath.sh
refuse|-b execve on the eBPF backend|--backend=bpf -b execve|cat $IN
same|-X raw|-X raw -e trace=!fadvise64|cat $IN
both|-X verbose|-X verbose -e trace=!fadvise64|cat $IN
both|-X raw: unknown constants bare, named numbers without their comment|-X raw -e trace=arch_prctl,prctl|$ROOT/build/tests/progs/prctl
same|-X verbose on arch_prctl and prctl|-X verbose -e trace=arch_prctl,prctl|$ROOT/build/tests/progs/prctl
both|-X raw on socket addresses of many families|-X raw -e trace=connect|$ROOT/build/tests/progs/net
both|-X verbose on socket addresses of many families|-X verbose -e trace=connect|$ROOT/build/tests/progs/net
same|-X abbrev|-X abbrev -e trace=!fadvise64|cat $IN
both|--const-print-style=raw signals|--const-print-style=raw -e trace=rt_sigaction,rt_sigprocmask,wait4|sh $W/sig.sh
same|--const-print-style=verbose signals|--const-print-style=verbose -e trace=rt_sigaction,rt_sigprocmask,wait4|sh $W/sig.sh
exact|-a COLUMN|-a 12 -e trace=close|cat $IN
exact|-aCOLUMN|-a25 -e trace=close|cat $IN
exact|-a0|-a0 -e trace=close|cat $IN
exact|--columns=COLUMN|--columns=50 -e trace=close|cat $IN
refuse|-a COLUMN out of range|-a 99999|cat $IN
reject|-a with a word not a column|-ax|cat $IN
EOF
)

# STRACEOPTS_ONLY=TEXT: only the cases whose name holds TEXT (as "wrong before issue 15")
printf '%s\n' "$CASES" | while IFS='|' read -r mode name opts cmd; do
	[ -n "$mode" ] || continue
	case $name in *"${STRACEOPTS_ONLY:-}"*) ;; *) continue ;; esac
	run_case "$mode" "$name" "$opts" "$cmd"
done

[ -z "${STRACEOPTS_ONLY:-}" ] || exit 0
# -A, --output-append-mode: a second run adds to the file (strace's and ours the same)
for t in strace hytrace; do
	bin=$STRACE
	[ $t = hytrace ] && bin="$HYTRACE --backend=ptrace"
	printf 'first\n' >"$W/$t.app"
	$TMO $bin -A -o "$W/$t.app" -e trace=exit_group true 2>/dev/null
	$TMO $bin --output-append-mode -o "$W/$t.app" -e trace=exit_group true 2>/dev/null
done
if diff "$W/strace.app" "$W/hytrace.app" >/dev/null; then
	ok "-A, --output-append-mode"
else
	fail "-A, --output-append-mode" "$(diff "$W/strace.app" "$W/hytrace.app")"
fi
# --secontext, -e secontext=: strace 6.1 prints SELinux contexts only where SELinux is enabled
# (this strace may be built without it, so the comparison is with hytrace's own trace without
# the option); hytrace adds nothing where it is not enabled and refuses the option where it is
for sc in "--secontext" "--secontext=full" "--secontext=mismatch" "-e secontext=!full,mismatch"; do
	# shellcheck disable=SC2086 # $FILEOPS and $sc hold several words on purpose
	$TMO "$HYTRACE" --backend=ptrace $FILEOPS -o "$W/sc0.out" cat "$IN" >/dev/null 2>&1
	# shellcheck disable=SC2086
	$TMO "$HYTRACE" --backend=ptrace $FILEOPS $sc -o "$W/sc1.out" cat "$IN" >/dev/null 2>"$W/sc.err"
	rc=$?
	if [ -e /sys/fs/selinux/enforce ]; then
		if [ $rc -ne 0 ] && [ "$(grep -c '^hytrace: .*SELinux is enabled' "$W/sc.err")" -eq 1 ]; then
			ok "$sc refused where SELinux is enabled"
		else
			fail "$sc refused where SELinux is enabled" "exit $rc: $(cat "$W/sc.err")"
		fi
	elif [ $rc -eq 0 ] && _d=$(diff "$(norm "$W/sc0.out" >"$W/sc0.n"; echo "$W/sc0.n")" \
			"$(norm "$W/sc1.out" >"$W/sc1.n"; echo "$W/sc1.n")"); then
		ok "$sc adds nothing without SELinux"
	else
		fail "$sc adds nothing without SELinux" "exit $rc: $(cat "$W/sc.err") $_d"
	fi
done
# -b execve: the command, let go at its second execve, still gives hytrace its exit status
$TMO "$HYTRACE" --backend=ptrace -b execve -o "$W/bx.out" sh "$W/execpath.sh" 2>"$W/bx.err"
rc=$?
if [ $rc -eq 7 ] && tail -1 "$W/bx.out" | grep -q ' <detached \.\.\.>$'; then
	ok "-b execve keeps the command's exit status"
else
	fail "-b execve keeps the command's exit status" "exit $rc: $(cat "$W/bx.err"; tail -2 "$W/bx.out")"
fi
# -D, -DD, -DDD: the command keeps the pid the shell started (so the shell gets its exit status
# itself), the tracer runs apart and finishes the trace after the command's end: the files are
# compared once both hold their last line
for d in "-D" "-DD" "-DDD" "--daemonize=grandchild" "--daemonize=pgroup" "--daemonize=session"; do
	rm -f "$W/ds.out" "$W/dh.out" "$W/d.pid"
	$STRACE $d -o "$W/ds.out" -e trace=execve,openat,read,close,exit_group cat "$IN" \
		>/dev/null 2>&1
	$HYTRACE --backend=ptrace $d -o "$W/dh.out" -e trace=execve,openat,read,close,exit_group \
		sh "$W/dinfo.sh" >/dev/null 2>"$W/dh.err" &
	bg=$!
	wait $bg
	rc=$?
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		grep -q '^+++ exited' "$W/ds.out" 2>/dev/null && grep -q '^+++ exited' "$W/dh.out" 2>/dev/null && break
		sleep 0.25
	done
	norm "$W/ds.out" >"$W/ds.norm"
	grep -v '^execve\|^+++' "$W/ds.norm" >"$W/ds.body"
	norm "$W/dh.out" | sed -n '/^execve("[^"]*cat"/,$p' | grep -v '^execve\|^+++' >"$W/dh.body"
	# d.pid: the command's pid, pgid, sid; its tracer's pid, pgid, sid
	read -r cpid cpg csid tpid tpg tsid <"$W/d.pid"
	case $d in
	-D|*=grandchild) apart=$([ "$tpg" = "$cpg" ] && [ "$tsid" = "$csid" ] && echo y) ;;
	-DD|*=pgroup) apart=$([ "$tpg" = "$tpid" ] && [ "$tsid" = "$csid" ] && echo y) ;;
	*) apart=$([ "$tsid" = "$tpid" ] && echo y) ;;
	esac
	if [ $rc -ne 0 ] || [ "$cpid" != "$bg" ] || [ "$apart" != y ]; then
		fail "$d" "exit $rc, command $cpid/$cpg/$csid (hytrace's pid: $bg), tracer $tpid/$tpg/$tsid: $(cat "$W/dh.err")"
	elif ! _d=$(diff "$W/ds.body" "$W/dh.body"); then
		fail "$d" "$_d"
	else
		ok "$d (the command keeps hytrace's pid $bg)"
	fi
done
# --attach=PID: attaching to a running process, as -p does
sleep 30 &
BG=$!
$TMO "$HYTRACE" -o "$W/att.out" --attach=$BG -e trace=none 2>"$W/att.err" &
HPID=$!
sleep 1
kill -TERM $BG 2>/dev/null
wait $HPID
if grep -q 'killed by SIGTERM' "$W/att.out"; then
	ok "--attach=PID"
else
	fail "--attach=PID" "$(cat "$W/att.err" "$W/att.out")"
fi
exit 0
