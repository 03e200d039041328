#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# pipes.sh: pipes and files (issue 17): a structured trace on standard output never mixes with
# the command's output, binary formats refused on a terminal, -a's banner and end line, lost
# events (hint, --fail-on-loss), --duration on both backends with a command (SIGTERM, exit 124)
# and with -p, --color alone.
#
# Run by tests/run.sh section u, or alone:
#   HYTRACE=build/hytrace HWORK=/tmp/hw sh tests/pipes.sh
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-$ROOT/build/tests/progs}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-pipes.XXXXXX)}
W=$HWORK/pipes
mkdir -p "$W"
export TZ=UTC LC_ALL=C
unset NO_COLOR
TMO="timeout -k 5 60"

ok() { printf 'ok - pipes: %s\n' "$1"; }
fail() { printf 'FAIL - pipes: %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 600 | tr '\n' '|')"; }
skip() { printf 'skip - pipes: %s: %s\n' "$1" "$2"; }

if ! [ -x "$HYTRACE" ]; then
	fail all "no hytrace at $HYTRACE"
	exit 0
fi
BACKENDS=ptrace
if $TMO "$HYTRACE" --backend=bpf -o /dev/null -e trace=none true 2>/dev/null; then
	BACKENDS="ptrace bpf"
fi

# every line of FILE is a JSON object: prints nothing, or the first line that is not
json_only()
{
	python3 - "$1" <<'EOF'
import json, sys
n = 0
for line in open(sys.argv[1], errors='replace'):
    try:
        json.loads(line)
        n += 1
    except ValueError:
        print('not JSON: ' + line.strip()[:120])
        sys.exit(1)
if n == 0:
    print('no line at all')
    sys.exit(1)
EOF
}

########## 1. a structured trace on standard output, the command's output on standard error
for b in $BACKENDS; do
	# -o -: jq reads the trace only; echo's line is on stderr
	$TMO "$HYTRACE" --backend=$b --format=json -o - -- echo pipes-marker 2>"$W/j1.$b.err" |
		jq -c 'select(.type == "syscall") | .syscall' >"$W/j1.$b.jq" 2>"$W/j1.$b.jqerr"
	if grep -q '^"write"$' "$W/j1.$b.jq" && [ ! -s "$W/j1.$b.jqerr" ] &&
	   grep -q '^pipes-marker$' "$W/j1.$b.err"; then
		ok "$b --format=json -o - | jq: jq parses the trace, the command's output is on stderr"
	else
		fail "$b --format=json -o - | jq" "jq: $(head -c 200 "$W/j1.$b.jqerr") stderr: $(head -c 200 "$W/j1.$b.err")"
	fi
	# no -o, standard output a file (not a terminal): the trace goes there
	$TMO "$HYTRACE" --backend=$b --format=json -- echo pipes-marker >"$W/j2.$b.out" 2>"$W/j2.$b.err"
	rc=$?
	why=$(json_only "$W/j2.$b.out")
	if [ $rc -eq 0 ] && [ -z "$why" ] && grep -q '"syscall":"write"' "$W/j2.$b.out" &&
	   grep -q '^pipes-marker$' "$W/j2.$b.err" && ! grep -q '"syscall"' "$W/j2.$b.err"; then
		ok "$b --format=json without -o, stdout not a terminal: the trace on stdout, only JSON"
	else
		fail "$b --format=json without -o to a file" "exit $rc; $why; stderr: $(head -c 200 "$W/j2.$b.err")"
	fi
done
# tef and perfetto too (ptrace: the choice is the pipeline's, not the backend's)
$TMO "$HYTRACE" --backend=ptrace --format=tef -- echo pipes-marker 2>"$W/t.err" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(len(d["traceEvents"]) if isinstance(d, dict) else len(d))' >"$W/t.n" 2>"$W/t.perr"
if [ -s "$W/t.n" ] && [ "$(cat "$W/t.n")" -gt 0 ] && grep -q '^pipes-marker$' "$W/t.err"; then
	ok "--format=tef | python json.load: one JSON document, the command's output on stderr"
else
	fail "--format=tef into a pipe" "$(cat "$W/t.perr" "$W/t.err" | head -c 300)"
fi
$TMO "$HYTRACE" --backend=ptrace --format=perfetto -- echo pipes-marker 2>"$W/p.err" | od -An -tx1 -N1 >"$W/p.first"
if [ "$(tr -d ' \n' <"$W/p.first")" = "0a" ] && grep -q '^pipes-marker$' "$W/p.err"; then
	ok "--format=perfetto | CMD: the protobuf trace on stdout (a TracePacket field 1), the output on stderr"
else
	fail "--format=perfetto into a pipe" "first byte '$(cat "$W/p.first")'; stderr: $(head -c 200 "$W/p.err")"
fi
# text keeps strace's -o -: the trace and the command's output share stdout
$TMO "$HYTRACE" --backend=ptrace -e trace=write -o - -- echo pipes-marker >"$W/x.out" 2>"$W/x.err"
# (the lines interleave as under strace: the command writes between the call and its result)
if [ "$(grep -c 'pipes-marker' "$W/x.out")" -ge 1 ] && grep -q '^write(1, "pipes-marker' "$W/x.out" &&
   [ "$(grep -o 'pipes-marker' "$W/x.out" | wc -l)" -eq 2 ]; then
	ok "text -o -: the trace and the command's output both on stdout, as strace -o -"
else
	fail "text -o -" "$(head -c 300 "$W/x.out")"
fi
# -o '|CMD': the command keeps its stdout, the trace goes to CMD
$TMO "$HYTRACE" --backend=ptrace --format=json -o "|jq -c .syscall >$W/pj.jq" -- echo pipes-marker \
	>"$W/pj.out" 2>"$W/pj.err"
if grep -q '^pipes-marker$' "$W/pj.out" && grep -q '^"write"$' "$W/pj.jq"; then
	ok "--format=json -o '|jq': the trace to jq, the command's output on stdout"
else
	fail "--format=json -o '|jq'" "stdout: $(head -c 100 "$W/pj.out"), jq: $(head -c 100 "$W/pj.jq")"
fi
# binary formats refused on a terminal, with the hint
if command -v script >/dev/null 2>&1; then
	for f in perfetto raw; do
		script -qec "$HYTRACE --backend=ptrace --format=$f -o - true" /dev/null >"$W/tty.$f" 2>&1 </dev/null
		rc=$?
		if [ $rc -ne 0 ] && grep -q "writes a binary trace: give -o FILE, or pipe it" "$W/tty.$f"; then
			ok "--format=$f -o - on a terminal: refused, -o FILE or a pipe suggested"
		else
			fail "--format=$f on a terminal" "exit $rc: $(head -c 200 "$W/tty.$f")"
		fi
	done
else
	skip "binary formats on a terminal" "no script(1)"
fi

########## 2. --color alone is always; --colour too; "--color never" with a space
esc=$(printf '\033')
for c in --color --colour; do
	$TMO "$HYTRACE" --backend=ptrace $c -e trace=write -o "$W/c$c" -- echo hi >/dev/null 2>"$W/c$c.err"
	if grep -q "$esc\[" "$W/c$c"; then
		ok "$c alone colours a trace written to a file (always)"
	else
		fail "$c alone" "no escape sequence: $(head -c 200 "$W/c$c" "$W/c$c.err")"
	fi
done
$TMO "$HYTRACE" --backend=ptrace --color never -e trace=write -o "$W/cn" -- echo hi >/dev/null 2>"$W/cn.err"
rc=$?
if [ $rc -eq 0 ] && grep -q '^write(1, "hi' "$W/cn" && ! grep -q "$esc" "$W/cn"; then
	ok "--color never (a space): the word is the value, the command runs"
else
	fail "--color never" "exit $rc: $(head -c 200 "$W/cn.err")"
fi

########## 3. --duration with a command, on each backend: SIGTERM to it, exit 124
for b in $BACKENDS; do
	rm -f "$W/d.$b.pid"
	$TMO "$HYTRACE" --backend=$b --duration=1 -o "$W/d.$b" -- \
		sh -c "echo \$\$ >$W/d.$b.pid; exec sleep 50" 2>"$W/d.$b.err"
	rc=$?
	pid=$(cat "$W/d.$b.pid" 2>/dev/null)
	alive=no
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && alive=yes
	if [ $rc -eq 124 ] && [ $alive = no ] && grep -q 'detached' "$W/d.$b"; then
		ok "$b --duration=1 with a command: tracing stops, the command ends by SIGTERM, exit 124"
	else
		fail "$b --duration with a command" "exit $rc, command alive: $alive; $(tail -n 2 "$W/d.$b") $(head -c 200 "$W/d.$b.err")"
		[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	fi
done
# a command that ends first keeps its own status
$TMO "$HYTRACE" --backend=ptrace --duration=50 -o /dev/null -- sh -c 'exit 7' 2>/dev/null
rc=$?
[ $rc -eq 7 ] && ok "--duration longer than the command: the command's exit status (7)" ||
	fail "--duration longer than the command" "exit $rc"
# -p on ptrace: detached after the duration, the process goes on
sleep 50 &
SL=$!
$TMO "$HYTRACE" --backend=ptrace --duration=0.5 -o "$W/dp" -p $SL 2>"$W/dp.err"
rc=$?
if [ $rc -eq 0 ] && kill -0 $SL 2>/dev/null; then
	ok "ptrace --duration with -p: detached at the end, the process keeps running, exit 0"
else
	fail "ptrace --duration with -p" "exit $rc: $(head -c 200 "$W/dp.err")"
fi
kill -KILL $SL 2>/dev/null
wait $SL 2>/dev/null

########## 4. -a: banner and end line; lost events: the hint, --fail-on-loss
case " $BACKENDS " in
*" bpf "*)
	$TMO "$HYTRACE" -a --comm=hyt_nothing_x --duration=0.5 -o "$W/a.out" 2>"$W/a.err"
	rc=$?
	first=$(head -n 1 "$W/a.err")
	last=$(tail -n 1 "$W/a.err")
	case $first in
	"hytrace: tracing the whole system (the processes named hyt_nothing_x) with eBPF, text trace to $W/a.out; Ctrl-C stops or after 0.5 s") b1=1 ;;
	*) b1=0 ;;
	esac
	if [ $rc -eq 0 ] && [ $b1 = 1 ] && printf '%s\n' "$last" | grep -qE '^hytrace: [0-9]+ events written in [0-9.]+ s, 0 lost$'; then
		ok "-a: a banner (what, where, how it stops) and an end line (written, lost, time) on stderr"
	else
		fail "-a banner and end line" "exit $rc: $(cat "$W/a.err")"
	fi
	$TMO "$HYTRACE" -a -q --comm=hyt_nothing_x --duration=0.2 -o /dev/null 2>"$W/aq.err"
	if ! grep -q "tracing the whole system" "$W/aq.err"; then
		ok "-a -q: no banner"
	else
		fail "-a -q" "$(cat "$W/aq.err")"
	fi
	# a tiny ring under a storm: one line with the reason, the ring's size and the hint
	$TMO "$HYTRACE" --backend=bpf --buffer-size=4096 -e trace=getppid -o "$W/l.out" \
		"$PROGS/storm" 50000 2>"$W/l.err"
	rc=$?
	if [ $rc -eq 0 ] && grep -qE '^hytrace: [0-9]+ events lost \(ring buffer full: [0-9]+\); try a larger --buffer-size \(this run: 4K\)$' "$W/l.err"; then
		ok "lost events: one line with the reason and a --buffer-size hint; the status stays 0"
	else
		fail "lost events line" "exit $rc: $(cat "$W/l.err")"
	fi
	$TMO "$HYTRACE" --backend=bpf --fail-on-loss --buffer-size=4096 -e trace=getppid \
		-o "$W/l2.out" "$PROGS/storm" 50000 2>"$W/l2.err"
	rc=$?
	if [ $rc -eq 3 ] && grep -q "events lost" "$W/l2.err"; then
		ok "--fail-on-loss: exit status 3 when events were lost"
	else
		fail "--fail-on-loss" "exit $rc: $(cat "$W/l2.err")"
	fi
	$TMO "$HYTRACE" --backend=bpf --fail-on-loss -o /dev/null -- true 2>"$W/l3.err"
	rc=$?
	[ $rc -eq 0 ] && ok "--fail-on-loss without loss: exit 0" || fail "--fail-on-loss without loss" "exit $rc"
	;;
*)
	skip "-a banner, lost events" "the eBPF backend does not load here"
	;;
esac
exit 0
