#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# funcs_bpf.sh: --func on the eBPF backend (issue 13): uprobes by pattern, the exact call tree.
#
# tests/progs/functree.c has a known call tree (its head comment): fib(10) (177 calls, 10
# deep), three leaves, a write inside ft_write, lib_add(2, 3) = 5 in libfunclib.so calling
# lib_twice(5) = 10, dl_entry > dl_inner > getpid in libfuncdl.so loaded with dlopen after
# start, a longjmp over ft_lj1 and ft_lj2 (returns made up), and two threads each running
# ft_thread_work > fib(5) (15 calls).  Traced with --backend=bpf --func, the text call tree
# must be that tree, line for line (times taken out); then --func-args, --func-depth,
# --func-exclude, PATTERN@BINARY, -f across an exec, -p, -a --comm (a process running before,
# one started after), and the error for a pattern that matches nothing.
#
# Run by tests/run.sh section r, or alone:
#   HYTRACE=build/hytrace PROGS=build/tests/progs HWORK=/tmp/hw sh tests/funcs_bpf.sh
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$ROOT/$PROGS ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-funcs.XXXXXX)}
W=$HWORK/funcs_bpf
mkdir -p "$W"
chmod 755 "$HWORK" "$W"
export TZ=UTC LC_ALL=C
TMO="timeout -k 5 60"
BPF="$HYTRACE --backend=bpf"
FT=$PROGS/functree
PAT='^(fib|ft_.*|lib_.*|dl_.*)$'
LOOP=

ok() { printf 'ok - funcs-bpf: %s\n' "$1"; }
fail() { printf 'FAIL - funcs-bpf: %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 800 | tr '\n' '|')"; }
skip() { printf 'skip - funcs-bpf: %s: %s\n' "$1" "$2"; }
check()
{
	_n=$1
	shift
	if _o=$("$@" 2>&1); then ok "$_n"; else fail "$_n" "$_o"; fi
}
cleanup() { [ -n "$LOOP" ] && kill -KILL "$LOOP" 2>/dev/null; LOOP=; }
trap cleanup EXIT

for f in functree libfunclib.so libfuncdl.so; do
	if [ ! -e "$PROGS/$f" ]; then
		skip "all" "$PROGS/$f not built (make test builds it)"
		exit 0
	fi
done
if ! _e=$($TMO $BPF -o /dev/null true 2>&1); then
	skip "all" "eBPF backend unavailable: $(printf '%s' "$_e" | head -n 1)"
	exit 0
fi

if ! _e=$($TMO $BPF --func='^ft_small$' -e trace=none -o /dev/null "$FT" calls 1 2>&1); then
	case $_e in
	*"cannot load the --func programs"*)
		skip "all" "no uprobe_multi links here: $(printf '%s' "$_e" | head -n 1)"
		exit 0 ;;
	esac
fi

# norm: the text tree without pids (one process), times, column padding; getpid's value and a
# write's string read as an address made fixed
norm()
{
	awk '/^[0-9]+ / { n = length($1); $0 = substr($0, n + (n < 5 ? 7 - n : 2)) } { print }' |
	sed -E 's/^\[pid +[0-9]+[^]]*\] //
		s#/\* [0-9.]+ [mun]?s \*/##; s#/\* [0-9.]+ [mun]?s, #/* #
		s#(/\* [a-z_0-9]+) [0-9.]+ [mun]?s#\1#
		s/\) +=/) =/; s/getpid\(\) = [0-9]+/getpid() = PID/
		s/write\(1, 0x[0-9a-f]+, 3\)/write(1, "ft\\n", 3)/; s/ +$//'
}
# lines of one tid (-f's prefix)
of_tid() { awk -v t="$1" '$1 == t' "$2"; }

# ---- the tree under -f: the main thread's lines but fib's, exactly ----
$TMO $BPF -f --func="$PAT" -e trace=write,getpid -o "$W/tree.txt" "$FT" tree >"$W/tree.out" 2>"$W/tree.err"
rc=$?
MAIN=$(head -n 1 "$W/tree.txt" | awk '{print $1}')
cat >"$W/tree.want" <<'EOF'
ft_run() {
  ft_leaf();
  ft_leaf();
  ft_leaf();
  ft_write() {
    write(1, "ft\n", 3) = 3
  } /* ft_write */
  lib_add() {
    lib_twice();
  } /* lib_add */
  ft_dlopen() {
    dl_entry() {
      dl_inner() {
        getpid() = PID
      } /* dl_inner */
    } /* dl_entry */
  } /* ft_dlopen */
  ft_jump() {
    ft_lj1() {
      ft_lj2(); /* no return seen */
    } /* ft_lj1, no return seen */
  } /* ft_jump */
  ft_threads();
} /* ft_run */
+++ exited with 0 +++
EOF
of_tid "$MAIN" "$W/tree.txt" | norm | grep -v fib >"$W/tree.got"
check "tree: exit 0, the main thread's tree (fib aside) line for line" sh -c '
	[ "$1" -eq 0 ] || { echo "exit $1: $(head -n 3 "$2")"; exit 1; }
	diff "$3" "$4"' sh $rc "$W/tree.err" "$W/tree.want" "$W/tree.got"
of_tid "$MAIN" "$W/tree.txt" | norm | grep fib >"$W/fib.main"
check "tree: fib(10) in the main thread: 88 calls with calls inside, 89 leaves, 10 deep" sh -c '
	a=$(grep -c "^ *fib() {\$" "$1"); b=$(grep -c "^ *} /\* fib \*/\$" "$1")
	c=$(grep -c "^ *fib();\$" "$1")
	[ "$a $b $c" = "88 88 89" ] || { echo "{ } leaves: $a $b $c, want 88 88 89"; exit 1; }
	d=$(grep "fib()" "$1" | sed -E "s/fib.*//" | awk "{ print length }" | sort -n | tail -n 1)
	[ "$d" -eq 20 ] || { echo "deepest fib indented $d, want 20 (depth 10)"; exit 1; }
	first=$(head -n 1 "$1"); [ "$first" = "  fib() {" ] || { echo "first: $first"; exit 1; }' \
	sh "$W/fib.main"
awk -v m="$MAIN" '$1 != m { print $1 }' "$W/tree.txt" | sort -u >"$W/threads"
check "tree: two threads, each ft_thread_work > fib(5) (15 calls), then its exit" sh -c '
	[ "$(wc -l <"$1")" -eq 2 ] || { echo "threads: $(tr "\n" " " <"$1")"; exit 1; }
	while read -r t; do
		awk -v t="$t" "\$1 == t" "$2" | sed -E "s/^[0-9]+ +//; s#/\\*.*##; s/ +\$//" >"$2.$t"
		[ "$(head -n 1 "$2.$t")" = "ft_thread_work() {" ] || { echo "$t: $(head -n 1 "$2.$t")"; exit 1; }
		[ "$(tail -n 1 "$2.$t")" = "+++ exited with 0 +++" ] || { echo "$t: $(tail -n 1 "$2.$t")"; exit 1; }
		n=$(grep -c "fib" "$2.$t"); l=$(grep -c "fib();" "$2.$t")
		[ "$n $l" = "15 8" ] || { echo "$t: fib calls $n, leaves $l (want 15, 8)"; exit 1; }
	done <"$1"' sh "$W/threads" "$W/tree.txt"

# ---- --debug counts and the stops for the library loaded later ----
$TMO $BPF --debug --func="$PAT" -e trace=none -o /dev/null "$FT" tree >/dev/null 2>"$W/debug.err"
check "--debug: 15 functions in 3 binaries at start, 17 after the dlopen; no -f: the main thread's 191 calls" sh -c '
	grep -q "^hytrace: --func: 15 functions in 3 binaries" "$1" || { grep -- --func "$1"; exit 1; }
	grep -q ", 17 functions in 4 binaries" "$1" || { grep -- --func "$1"; exit 1; }
	grep -q "17 functions known, 380 records, 191 calls shown, 2 returns made up, 0 exits without" "$1" ||
		{ grep -- --func "$1"; exit 1; }' sh "$W/debug.err"

# ---- --func-args: the argument count from DWARF, the return value ----
$TMO $BPF --func="$PAT" --func-args -e trace=none -o "$W/args.txt" "$FT" tree >/dev/null 2>&1
check "--func-args: lib_add(2, 3) = 5, lib_twice(5) = 10, fib(10) = 55" sh -c '
	grep -q "^  lib_add(2, 3) {\$" "$1" && grep -q "^    lib_twice(5) = 10; /\*" "$1" &&
	grep -q "^  } = 5 /\* lib_add " "$1" && grep -q "^  fib(10) {\$" "$1" &&
	grep -q "^  } = 55 /\* fib " "$1" || { grep lib_ "$1"; exit 1; }' sh "$W/args.txt"

# ---- --func-depth=2: ft_run and what it calls; the getpid two levels further in still shows ----
$TMO $BPF --func="$PAT" --func-depth=2 -e trace=getpid -o "$W/depth.txt" "$FT" tree >/dev/null 2>&1
check "--func-depth=2: nothing below depth 1, dl_entry gone, getpid kept" sh -c '
	! grep -q "dl_entry\|dl_inner\|lib_twice\|ft_lj2" "$1" || { echo "deeper calls shown"; exit 1; }
	grep -q "^  ft_dlopen() {\$" "$1" && grep -q "^  lib_add() {" "$1" &&
	grep -q "getpid() " "$1" || { cat "$1"; exit 1; }
	! grep -Eq "^    (fib|ft_|lib_|dl_)" "$1" || { echo "a call at depth 2"; exit 1; }' sh "$W/depth.txt"

# ---- --func-exclude ----
$TMO $BPF --func="$PAT" --func-exclude='^fib$' -e trace=none -o "$W/excl.txt" "$FT" tree >/dev/null 2>&1
check "--func-exclude=^fib\$: no fib, the rest there" sh -c '
	! grep -q fib "$1" && grep -q "^  lib_add() {" "$1" && grep -q "^  ft_threads();" "$1" ||
		{ head -n 5 "$1"; exit 1; }' sh "$W/excl.txt"

# ---- PATTERN@BINARY: only libfunclib.so's functions ----
$TMO $BPF --func='.*@libfunclib.so' -e trace=none -o "$W/at.txt" "$FT" tree >/dev/null 2>&1
norm <"$W/at.txt" >"$W/at.got"
check "PATTERN@libfunclib.so: lib_add > lib_twice alone" sh -c '
	[ "$(tr "\n" "|" <"$1")" = "lib_add() {|  lib_twice();|} /* lib_add */|+++ exited with 0 +++|" ] ||
		{ cat "$1"; exit 1; }' sh "$W/at.got"

# ---- -f across an exec: sh runs functree, whose functions are resolved when it starts ----
$TMO $BPF -f --func='^(fib|ft_run)$' -e trace=none -o "$W/exec.txt" sh -c "$FT tree; true" >/dev/null 2>&1
check "-f: a child's exec of another program: its 177 + 2 x 15 fib calls" sh -c '
	n=$(grep -c "fib() {\$\|fib();" "$1"); [ "$n" -eq 207 ] || { echo "fib calls with calls or leaves: $n, want 207"; exit 1; }
	grep -q " ft_run() {\$" "$1" || { head -n 3 "$1"; exit 1; }' sh "$W/exec.txt"

# ---- the error: a pattern that matches nothing; the command never runs ----
$TMO $BPF --func='^no_such_function$' -o "$W/none.txt" "$FT" tree >"$W/none.out" 2>"$W/none.err"
rc=$?
check "a pattern matching nothing: one line, exit non-zero, the command not run" sh -c '
	[ "$1" -ne 0 ] || { echo "exit 0"; exit 1; }
	[ "$(wc -l <"$2")" -eq 1 ] && grep -q "^hytrace: --func: ^no_such_function\$ matches no function in the" "$2" ||
		{ cat "$2"; exit 1; }
	[ ! -s "$3" ] || { echo "the command ran: $(cat "$3")"; exit 1; }' sh $rc "$W/none.err" "$W/none.out"

# ---- -p: a running process; it goes on after hytrace is gone ----
"$FT" loop >/dev/null 2>&1 &
LOOP=$!
sleep 0.3
$TMO $BPF -p "$LOOP" --func='^ft_tick$' -e trace=getppid --duration=1 -o "$W/p.txt" >/dev/null 2>&1
rc=$?
check "-p: ft_tick calls with getppid inside, the process left running" sh -c '
	[ "$1" -eq 0 ] || { echo "exit $1"; exit 1; }
	n=$(grep -c "^ft_tick() {\$" "$2"); [ "$n" -ge 5 ] || { echo "$n ft_tick calls"; exit 1; }
	grep -q "^  getppid() " "$2" || { head -n 3 "$2"; exit 1; }
	s=$(awk "{ print \$3 }" /proc/$3/stat); [ "$s" != T ] || { echo "left stopped"; exit 1; }' \
	sh $rc "$W/p.txt" "$LOOP"

# ---- -a --comm: the process running before, and one started after hytrace ----
$TMO $BPF --debug -a --comm=functree --func="$PAT" -e trace=none --duration=30 -o "$W/a.txt" \
	>/dev/null 2>"$W/a.err" &
HP=$!
# ready once it reports what it attached (start-up takes about a second on a loaded machine)
i=0
while [ $i -lt 200 ] && ! grep -q "^hytrace: --func: [0-9]* functions in" "$W/a.err" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
sleep 0.5	# a few ft_tick calls of the loop
"$FT" tree >/dev/null
sleep 0.5
kill -INT $HP
wait $HP
rc=$?
cleanup
check "-a --comm=functree: ft_tick of the loop, the whole tree of one started later" sh -c '
	[ "$1" -eq 0 ] || [ "$1" -eq 130 ] || { echo "exit $1: $(head -n 2 "$3")"; exit 1; }
	grep -q "] ft_tick();" "$2" || { echo "no ft_tick"; exit 1; }
	n=$(grep -c "] *fib() {\$\|] *fib();" "$2"); [ "$n" -eq 207 ] || { echo "$n fib calls, want 207"; exit 1; }
	grep -q "] *dl_inner();" "$2" && grep -q "] *lib_twice();" "$2" || { echo "no dl_inner or lib_twice"; exit 1; }' \
	sh $rc "$W/a.txt" "$W/a.err"
exit 0
