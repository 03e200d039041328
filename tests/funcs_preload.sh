#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# funcs_preload.sh: --func on the ptrace backend (issue 13): programs built with -pg (mcount) and
# -finstrument-functions, traced through the preload library libhytrace-func.so.
#
# tests/progs/functree.c has a known call tree (its head comment): fib(10) makes 177 calls of
# fib nested 10 deep, two threads 15 each; lib_add > lib_twice in a linked library, dl_entry >
# dl_inner > getpid in one loaded with dlopen; ft_lj1 > ft_lj2 left by a longjmp.  Its _pg and
# _fi builds are traced here as root and as an unprivileged user (setpriv), and their text call
# trees checked: the exact tree of every thread without fib, the exact fib counts and depths,
# -f against no -f, fork + exec through a shell, no record lost on 100,000 calls, and the one
# line errors for an uninstrumented program and for -p.
#
# Run by tests/run.sh section n, or alone:
#   HYTRACE=build/hytrace PROGS=build/tests/progs HWORK=/tmp/hw sh tests/funcs_preload.sh
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$ROOT/$PROGS ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-funcpre.XXXXXX)}
W=$HWORK/funcpre
mkdir -p "$W"
chmod 755 "$HWORK"
chmod 1777 "$W"		# the unprivileged runs write here too
export TZ=UTC LC_ALL=C
TMO="timeout -k 5 60"

ok() { printf 'ok - funcs-preload: %s\n' "$1"; }
fail() { printf 'FAIL - funcs-preload: %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 800 | tr '\n' '|')"; }
skip() { printf 'skip - funcs-preload: %s: %s\n' "$1" "$2"; }
check()
{
	_n=$1
	shift
	if _o=$("$@" 2>&1); then ok "$_n"; else fail "$_n" "$_o"; fi
}

for v in _pg _fi; do
	for f in functree$v libfunclib$v.so libfuncdl$v.so; do
		if [ ! -e "$PROGS/$f" ]; then
			skip "all" "$PROGS/$f not built (make test builds it)"
			exit 0
		fi
	done
done
if [ ! -e "$(dirname "$HYTRACE")/libhytrace-func.so" ]; then
	skip "all" "no libhytrace-func.so next to $HYTRACE (make builds it)"
	exit 0
fi

# norm FILE: the trace of `-f -o FILE` with each process's lines together (in the order the
# processes first appear, PID1...), pids and durations dropped, the ` = ` column squeezed, the
# -pg build's own gmon.out write left out (both halves when another process's line split it).
# The runs use -e signal=none: the -pg build's gprof timer (SIGPROF every 10 ms of CPU) may
# fire inside a call, which would then show with the signal in it instead of as a leaf.
norm()
{
	python3 - "$1" <<'EOF'
import re, sys
order, lines, gmon = [], {}, set()
for l in open(sys.argv[1]):
    l = l.rstrip('\n')
    m = re.match(r'^(\d+) ', l)	# no pid without -f
    # -f -o's prefix is the pid left-aligned in 5 columns and a space: "123   " or "12345 "
    pid, text = (m.group(1), l[max(len(m.group(1)) + 1, 6):]) if m else ('0', l)
    if 'gmon' in text:
        if text.endswith('<unfinished ...>'):
            gmon.add(pid)
        continue
    if pid in gmon and text.startswith('<... write resumed>'):
        gmon.discard(pid)
        continue
    if pid not in lines:
        order.append(pid)
        lines[pid] = []
    text = re.sub(r' /\* [0-9.]+ [mun]?s \*/$', '', text)            # a leaf's duration
    text = re.sub(r' /\* [0-9.]+ [mun]?s, ', ' /* ', text)           # ... made-up return
    text = re.sub(r'(\} /\* \S+) [0-9.]+ [mun]?s', r'\1', text)        # an exit's duration
    text = re.sub(r'\)\s+= ', ') = ', text)
    text = re.sub(r'(getpid\(\) = )\d+', r'\1PID', text)
    lines[pid].append(text)
for i, pid in enumerate(order):
    for t in lines[pid]:
        print('PID%d %s' % (i + 1, t))
EOF
}

# the tree without fib, every thread: the threads' calls are their own (ft_threads is a leaf
# in the main thread's tree: nothing of its own happens inside it)
cat >"$W/tree.expect" <<'EOF'
PID1 main() {
PID1   ft_run() {
PID1     ft_leaf();
PID1     ft_leaf();
PID1     ft_leaf();
PID1     ft_write() {
PID1       write(1, "ft\n", 3) = 3
PID1     } /* ft_write */
PID1     lib_add() {
PID1       lib_twice();
PID1     } /* lib_add */
PID1     ft_dlopen() {
PID1       dl_entry() {
PID1         dl_inner() {
PID1           getpid() = PID
PID1         } /* dl_inner */
PID1       } /* dl_entry */
PID1     } /* ft_dlopen */
PID1     ft_jump() {
PID1       ft_lj1() {
PID1         ft_lj2(); /* no return seen */
PID1       } /* ft_lj1, no return seen */
PID1     } /* ft_jump */
PID1     ft_threads();
PID1   } /* ft_run */
PID1 } /* main */
PID1 +++ exited with 0 +++
PID2 ft_thread_work();
PID2 +++ exited with 0 +++
PID3 ft_thread_work();
PID3 +++ exited with 0 +++
EOF

# fibs FILE: per process, "PIDn COUNT MAXINDENT" of the fib lines (entries and leaves)
fibs()
{
	norm "$1" | awk '{ p = $1; sub(/^PID[0-9]+ /, ""); if ($0 ~ /^ *fib\(\)/) {
		n[p]++; match($0, /^ */); if (RLENGTH > d[p]) d[p] = RLENGTH } }
		END { for (p in n) print p, n[p], d[p] }' | sort
}

same_tree()	# OUT
{
	norm "$1" >"$1.norm"
	diff -u "$W/tree.expect" "$1.norm" >"$1.diff" || { cat "$1.diff"; return 1; }
}

fib_counts()	# OUT EXPECTED
{
	_got=$(fibs "$1" | tr '\n' ';')
	[ "$_got" = "$2" ] || { echo "fib calls (process count max-indent): got '$_got', want '$2'"; return 1; }
}

# run WHO VARIANT NAME HYTRACE-ARGS...: trace functree$VARIANT tree in $W/WHO (as WHO: root or
# an unprivileged user; the -pg build writes its gmon.out there), output in $W/NAME.txt, stderr
# in $W/NAME.err
run()
{
	_who=$1 _v=$2 _name=$3
	shift 3
	rm -f "$W/$_name.txt"
	mkdir -p "$W/$_who"
	chmod 1777 "$W/$_who"
	(cd "$W/$_who" && $AS $TMO "$HYTRACE" --backend=ptrace "$@" -o "$W/$_name.txt" \
		"$PROGS/functree$_v" tree >/dev/null 2>"$W/$_name.err")
	_rc=$?
	[ $_rc -eq 0 ] || echo "exit $_rc: $(head -c 300 "$W/$_name.err")"
	return $_rc
}

UNPRIV=
for u in nobody daemon; do id "$u" >/dev/null 2>&1 && { UNPRIV=$u; break; }; done
WHOS=
if [ "$(id -u)" -eq 0 ]; then
	WHOS=root
	if [ -n "$UNPRIV" ] && command -v setpriv >/dev/null 2>&1; then
		WHOS="root user"
	else
		skip "as an unprivileged user" "no nobody/daemon user or no setpriv"
	fi
else
	WHOS=user	# we are the unprivileged user
	skip "as root" "not root"
fi

for who in $WHOS; do
	AS=
	if [ "$who" = user ] && [ "$(id -u)" -eq 0 ]; then
		AS="setpriv --reuid=$UNPRIV --regid=$(id -g "$UNPRIV") --clear-groups --inh-caps=-all --"
	fi
	for v in _pg _fi; do
		b=functree$v
		t="$b as $who"
		if run "$who" "$v" "$who$v-tree" -f --func='.*' --func-exclude='^fib$' \
			-e trace=write,getpid -e signal=none >"$W/out" 2>&1; then
			check "$t: -f, the tree of every thread (libraries, dlopen, longjmp)" \
				same_tree "$W/$who$v-tree.txt"
		else
			fail "$t: -f, the tree of every thread" "$(cat "$W/out")"
		fi
		if run "$who" "$v" "$who$v-fib" -f --func='.*' -e trace=none -e signal=none >"$W/out" 2>&1; then
			check "$t: -f, fib 177 calls 10 deep, 15 in each thread 5 deep" \
				fib_counts "$W/$who$v-fib.txt" "PID1 177 22;PID2 15 10;PID3 15 10;"
		else
			fail "$t: -f, fib counts" "$(cat "$W/out")"
		fi
		if run "$who" "$v" "$who$v-nof" --func='^(fib|ft_thread_work)$' -e trace=none -e signal=none \
			>"$W/out" 2>&1; then
			check "$t: without -f, only the main thread's calls" \
				fib_counts "$W/$who$v-nof.txt" "PID1 177 18;"
		else
			fail "$t: without -f" "$(cat "$W/out")"
		fi
	done
done
AS=

# fork and exec through a shell that is not instrumented itself (-f: a warning, not an error);
# LD_PRELOAD goes on to the exec'd program, the forked child finds the ring
rm -f "$W/sh.txt"
(cd "$W" && $TMO "$HYTRACE" --backend=ptrace -f --func='^fib$' -e trace=none -e signal=none \
	-o "$W/sh.txt" sh -c '"$0" tree >/dev/null; exec "$0" tree >/dev/null' "$PROGS/functree_pg" 2>"$W/sh.err")
rc=$?
check "-f through sh: fork, exec, each process's fib calls" sh -c '
	[ "$1" -eq 0 ] || { echo "exit $1: $(head -c 300 "$2")"; exit 1; }
	grep -q "sh is not built with -pg" "$2" || { echo "no warning about sh: $(head -c 300 "$2")"; exit 1; }
	n=$(grep -c "^[0-9]*  *fib()" "$3")
	[ "$n" -eq 414 ] || { echo "fib lines: $n, want 2 x (177 + 30)"; exit 1; }' sh $rc "$W/sh.err" "$W/sh.txt"

# --func-args: a -pg build's argument registers and return values (lib_add(2, 3) = 5 calls
# lib_twice(5) = 10); -finstrument-functions' hooks have none: a warning, and calls without them
rm -f "$W/args.txt" "$W/args_fi.txt"
(cd "$W" && $TMO "$HYTRACE" --backend=ptrace --func='^lib_' --func-args -e trace=none \
	-o "$W/args.txt" "$PROGS/functree_pg" tree >/dev/null 2>"$W/args.err")
rc=$?
check "--func-args on -pg: arguments and return values" sh -c '
	[ "$1" -eq 0 ] || { echo "exit $1: $(head -c 300 "$2")"; exit 1; }
	grep -q "^lib_add(2, 3[,)].* {\$" "$3" && grep -q "^  lib_twice(5[,)].*) = 10; /\*" "$3" &&
		grep -q "^} = 5 /\* lib_add " "$3" || { cat "$3"; exit 1; }' sh $rc "$W/args.err" "$W/args.txt"
(cd "$W" && $TMO "$HYTRACE" --backend=ptrace --func='^lib_' --func-args -e trace=none \
	-o "$W/args_fi.txt" "$PROGS/functree_fi" tree >/dev/null 2>"$W/args_fi.err")
rc=$?
check "--func-args on -finstrument-functions: one warning, calls without values" sh -c '
	[ "$1" -eq 0 ] || { echo "exit $1: $(head -c 300 "$2")"; exit 1; }
	[ "$(grep -c "func-args" "$2")" -eq 1 ] || { cat "$2"; exit 1; }
	grep -q "^lib_add() {\$" "$3" && grep -q "^  lib_twice(); /\*" "$3" || { cat "$3"; exit 1; }' \
	sh $rc "$W/args_fi.err" "$W/args_fi.txt"

# no record lost on a long run (the ring fills many times: the library waits for hytrace)
rm -f "$W/calls.txt"
(cd "$W" && $TMO "$HYTRACE" --backend=ptrace --debug --func='^ft_small$' -e trace=none -e signal=none \
	-o "$W/calls.txt" "$PROGS/functree_pg" calls 100000 2>"$W/calls.err")
rc=$?
check "100,000 calls: every record read, every call shown, none lost" sh -c '
	[ "$1" -eq 0 ] || { echo "exit $1"; exit 1; }
	grep -q "200002 function records read" "$2" || { echo "$(grep -- "--func" "$2" | head -c 400)"; exit 1; }
	n=$(grep -c "ft_small();" "$3")
	[ "$n" -eq 100000 ] || { echo "ft_small leaves: $n"; exit 1; }
	! grep -qi "lost" "$3" || { echo "$(grep -i lost "$3" | head -3)"; exit 1; }' sh $rc "$W/calls.err" "$W/calls.txt"

# the errors: one line each, saying what works instead
"$HYTRACE" --backend=ptrace --func=fib "$PROGS/functree" tree >/dev/null 2>"$W/plain.err"
rc=$?
check "an uninstrumented program: one line that names -pg, -finstrument-functions and --backend=bpf" sh -c '
	[ "$1" -ne 0 ] || { echo "exit 0"; exit 1; }
	[ "$(wc -l <"$2")" -eq 1 ] || { echo "$(cat "$2")"; exit 1; }
	grep -q -- "-pg" "$2" && grep -q -- "-finstrument-functions" "$2" && grep -q -- "--backend=bpf" "$2" ||
		{ echo "$(cat "$2")"; exit 1; }' sh $rc "$W/plain.err"

(cd "$W" && exec "$PROGS/functree_pg" loop >/dev/null 2>&1) &	# its gmon.out, if any, there
LOOP=$!
(cd "$W" && "$HYTRACE" --backend=ptrace --func=ft_tick -p $LOOP >/dev/null 2>"$W/p.err")
rc=$?
kill -KILL $LOOP 2>/dev/null
wait $LOOP 2>/dev/null
check "-p: one line that says why and what works" sh -c '
	[ "$1" -ne 0 ] || { echo "exit 0"; exit 1; }
	[ "$(wc -l <"$2")" -eq 1 ] && grep -q -- "-p" "$2" && grep -q -- "--backend=bpf" "$2" ||
		{ echo "$(cat "$2")"; exit 1; }' sh $rc "$W/p.err"

# the library does nothing without hytrace, and nothing in a process nobody traces
LIB=$(dirname "$HYTRACE")/libhytrace-func.so
check "the library alone: the program runs as without it" sh -c '
	cd "$1" && a=$(LD_PRELOAD="$2" "$3" tree) && b=$(LD_PRELOAD="$2" HYTRACE_FUNC_FD=0 "$3" tree) &&
	[ "$a" = ft ] && [ "$b" = ft ]' sh "$W" "$LIB" "$PROGS/functree_pg"
exit 0
