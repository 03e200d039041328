#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# stacks_bpf.sh: -k stack traces (issue 12) on the eBPF backend, against strace -k.
#
# The programs of tests/stacks.sh (tests/progs/stack.c: openat, write and getpid reached through
# chains of non-inlined functions, -O1 without frame pointers as `stack`, with them as
# `stack_fp`; a library loaded with dlopen after start; an exec; deep recursion), traced with
# --backend=bpf -k: the default --stack=dwarf (registers and a stack snapshot unwound in user
# space) must give strace's frames, and --stack=fp the frame-pointer chain.  The traced
# programs are short: they are gone before hytrace reads their records, so these also check
# that the maps come from the records (HY_REC_MAPS at exec, mmap records), not from /proc.
#
# Run by tests/run.sh section l, or alone:
#   HYTRACE=build/hytrace PROGS=build/tests/progs HWORK=/tmp/hw sh tests/stacks_bpf.sh
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
STRACE=${STRACE:-/usr/bin/strace}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$ROOT/$PROGS ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-stacks.XXXXXX)}
W=$HWORK/stacks_bpf
mkdir -p "$W"
chmod 755 "$HWORK" "$W"
export TZ=UTC LC_ALL=C
TMO="timeout -k 5 60"
BPF="$HYTRACE --backend=bpf"

ok() { printf 'ok - stacks-bpf: %s\n' "$1"; }
fail() { printf 'FAIL - stacks-bpf: %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 800 | tr '\n' '|')"; }
skip() { printf 'skip - stacks-bpf: %s: %s\n' "$1" "$2"; }
check()
{
	_n=$1
	shift
	if _o=$("$@" 2>&1); then ok "$_n"; else fail "$_n" "$_o"; fi
}

for f in stack stack_fp libstacklib.so; do
	if [ ! -e "$PROGS/$f" ]; then
		skip "all" "$PROGS/$f not built (make test builds it)"
		exit 0
	fi
done
if ! _e=$($TMO $BPF -k -o /dev/null true 2>&1); then
	skip "all" "eBPF backend unavailable: $(printf '%s' "$_e" | head -n 1)"
	exit 0
fi

# window FILE: the lines between the begin marker's write (and its frames) and the end marker.
# The markers' strings may show as addresses: BPF reads do not fault pages in, and the read
# made again from user space fails once the program is gone, which its first stacks (whose
# modules are opened then) make likelier (docs/stacks.md)
window()
{
	awk '/^write\(1, ("=== begin ===|0x[0-9a-f]+, 14\))/ { on = 1; skip = 1; next }
	     /^write\(1, ("=== end ===|0x[0-9a-f]+, 12\))/ { on = 0 }
	     on && skip && /^ > / { next }
	     on { skip = 0; print }' "$1"
}

# norm: a call line becomes its name; frames outside $PROGS lose their function name (strace
# 6.1 names libc's frames by the nearest exported symbol, hytrace by its debug info)
norm()
{
	sed -e '/^ > /!{s/(.*//;}' \
	    -e "/^ > ${PROGS_RE}\\//!s/^ > \\([^(]*\\)([^)]*) /  > \\1(?) /" \
	    -e 's/^  > / > /'
}
PROGS_RE=$(printf '%s' "$PROGS" | sed 's/[].[*^$\/]/\\&/g')

# same_as_strace NAME HYTRACE-OPTIONS -- PROGRAM ARGS...: eBPF -k and strace -k, compared
same_as_strace()
{
	_name=$1
	shift
	_opts=
	while [ "$1" != "--" ]; do
		_opts="$_opts $1"
		shift
	done
	shift
	$TMO $STRACE -k -o "$W/$_name.strace" "$@" >/dev/null 2>"$W/$_name.strace.err"
	$TMO $BPF -k $_opts -o "$W/$_name.hy" "$@" >/dev/null 2>"$W/$_name.hy.err"
	window "$W/$_name.strace" | norm >"$W/$_name.strace.n"
	window "$W/$_name.hy" | norm >"$W/$_name.hy.n"
	if [ ! -s "$W/$_name.strace.n" ] || ! grep -q '^ > ' "$W/$_name.strace.n"; then
		fail "$_name: same frames as strace -k" "strace gave no frames: $(head -c 300 "$W/$_name.strace.err")"
	elif diff -u "$W/$_name.strace.n" "$W/$_name.hy.n" >"$W/$_name.diff"; then
		ok "$_name: same frames as strace -k ($(grep -c '^ > ' "$W/$_name.hy.n") frames)"
	else
		fail "$_name: same frames as strace -k" "$(head -n 30 "$W/$_name.diff")"
	fi
}

# frames_after FILE CALL-REGEX: the frame lines after the first line matching CALL-REGEX
frames_after()
{
	# the regex through the environment: gawk's -v would turn its \( into ( (and fail)
	HYT_RE=$2 awk 'found && /^ > / { print; next } found { exit } $0 ~ ENVIRON["HYT_RE"] { found = 1 }' "$1"
}

# chain_is FILE CALL-REGEX SKIP MODULE FUNC...: after CALL and SKIP frames (libc's wrapper),
# the frames name FUNC... in MODULE, in order
chain_is()
{
	_f=$1 _re=$2 _skip=$3 _mod=$4
	shift 4
	_got=$(frames_after "$_f" "$_re" | sed -n "$((_skip + 1)),\$p" | head -n $# |
		sed 's/^ > \([^(]*\)(\([^+)]*\).*/\1 \2/')
	_want=$(for fn in "$@"; do printf '%s %s\n' "$_mod" "$fn"; done)
	[ "$_got" = "$_want" ] || { printf 'want:\n%s\ngot:\n%s\n' "$_want" "$_got"; return 1; }
}

########## --stack=dwarf (the default): the same frames as strace -k
same_as_strace "chain" -- "$PROGS/stack" chain
same_as_strace "chain-fp-binary" -- "$PROGS/stack_fp" chain
same_as_strace "dlopen" -- "$PROGS/stack" dlopen "$PROGS/libstacklib.so"
same_as_strace "deep" -- "$PROGS/stack" deep 40
same_as_strace "stack-size-1K" --stack-size=1K -- "$PROGS/stack" chain

C=$W/chain.hy
check "openat through st_do_openat < st_level2 < st_level1 < st_chain < main (no frame pointers)" \
	chain_is "$C" '^openat\(AT_FDCWD, "/dev/null"' 1 "$PROGS/stack" \
	st_do_openat st_level2 st_level1 st_chain main
check "write through st_do_write < st_level2 < st_level1" \
	chain_is "$C" '^write\([0-9]+, "", 0\)' 1 "$PROGS/stack" st_do_write st_level2 st_level1
check "getpid through st_do_getpid < st_level2 < st_level1" \
	chain_is "$C" '^getpid\(\)' 1 "$PROGS/stack" st_do_getpid st_level2 st_level1
check "dlopen'd library: lib_inner < lib_entry in libstacklib.so, then main" \
	chain_is "$W/dlopen.hy" '^write\(1, "", 0\)' 1 "$PROGS/libstacklib.so" lib_inner lib_entry

########## the snapshot's bound: a deep recursion is cut with a mark, never wrong frames
$TMO $BPF -k --stack-depth=1024 -e trace=getpid -o "$W/deep.hy" "$PROGS/stack" deep 2000 \
	>/dev/null 2>&1
check "deep recursion: only st_recurse frames, then 'backtrace stopped' (8 KiB snapshot)" sh -c '
	f=$(awk "/^getpid\\(\\)/ { on = 1; next } on && /^ > / { print; next } on { exit }" "$1")
	n=$(printf "%s\n" "$f" | sed -n "2,\$p" | grep -vc "(st_recurse+0x")
	[ "$n" = 1 ] && printf "%s\n" "$f" | tail -n 1 | grep -q "^ > backtrace stopped: " &&
	[ "$(printf "%s\n" "$f" | grep -c "(st_recurse+0x")" -ge 100 ] ||
	{ printf "%s\n" "$f" | sed -n "1,3p;\$p"; exit 1; }' sh "$W/deep.hy"
$TMO $BPF -k --stack-depth=1024 --stack-size=16K -e trace=getpid -o "$W/deep16.hy" \
	"$PROGS/stack" deep 2000 >/dev/null 2>&1
check "--stack-size=16K: more frames than 8K before a mark" sh -c '
	a=$(grep -c "(st_recurse+0x" "$1"); b=$(grep -c "(st_recurse+0x" "$2")
	[ "$b" -gt $((a * 3 / 2)) ] && tail -n 2 "$2" | grep -q "^ > \(backtrace stopped: \|too many stack frames\)" ||
	{ echo "8K: $a frames, 16K: $b"; exit 1; }' sh "$W/deep.hy" "$W/deep16.hy"
check "--stack-size=64 is refused with one line" sh -c '
	out=$($1 -k --stack-size=64 true 2>&1); rc=$?
	[ $rc -ne 0 ] && printf "%s\n" "$out" | head -n 1 | grep -q "invalid --stack-size: .64." ||
	{ echo "rc $rc: $out"; exit 1; }' sh "$BPF"

########## exec: the old image names the execve, the new one what follows
$TMO $BPF -k -o "$W/exec.hy" "$PROGS/stack" exec "$PROGS/stack_fp" >/dev/null 2>"$W/exec.err"
check "execve's stack is the old program's (st_do_exec in stack)" sh -c '
	awk "/^execve\\(\"[^\"]*stack_fp\"/ { on = 1; next } on && /^ > / { print; next } on { exit }" "$1" |
	grep -q "^ > $2/stack(st_do_exec+0x"' sh "$W/exec.hy" "$PROGS"
check "after exec, frames from the new program (stack_fp)" sh -c '
	awk "/^openat\\(AT_FDCWD, \"\\/dev\\/null\"/ { n++ } n == 2 && /^ > / { print }" "$1" |
	sed -n 2p | grep -q "^ > $2/stack_fp(st_do_openat+0x"' sh "$W/exec.hy" "$PROGS"

########## -e trace=: stacks only for the calls shown; the maps calls are followed, not shown
$TMO $BPF -k -e trace=getpid -o "$W/only.hy" "$PROGS/stack" chain >/dev/null 2>&1
check "-e trace=getpid: only getpid lines (no mmap), each with its stack" sh -c '
	grep -v "^ > " "$1" | grep -v "^+++ " | grep -v "^getpid()" && exit 1
	[ "$(grep -c "^getpid()" "$1")" -ge 1 ] || { echo no getpid; exit 1; }
	awk "/^getpid\\(\\)/ { if (seen && n == 0) bad = 1; seen = 1; n = 0; next } /^ > / { n++ } END { exit bad || n == 0 }" "$1" || { echo "a getpid without frames"; exit 1; }' sh "$W/only.hy"
$TMO $BPF -k -e trace=write -o "$W/onlyw.hy" "$PROGS/stack" dlopen "$PROGS/libstacklib.so" \
	>/dev/null 2>&1
check "-e trace=write: the dlopen'd library is named from the unshown mmap records" \
	chain_is "$W/onlyw.hy" '^write\(1, "", 0\)' 1 "$PROGS/libstacklib.so" lib_inner lib_entry

########## --stack=fp: the kernel's frame-pointer walk
$TMO $BPF -k --stack=fp -e trace=openat -o "$W/fp.hy" "$PROGS/stack_fp" chain >/dev/null 2>&1
# libc's wrapper keeps no frame: the function that called it is skipped (docs/stacks.md)
check "--stack=fp, frame-pointer build: st_level2 < st_level1 < st_chain < main after libc's wrapper" \
	chain_is "$W/fp.hy" '^openat\(AT_FDCWD, "/dev/null"' 1 "$PROGS/stack_fp" \
	st_level2 st_level1 st_chain main
check "--stack=fp: frame 0 is libc's wrapper" sh -c '
	awk "/^openat\\(AT_FDCWD, \"\\/dev\\/null\"/ { getline; print; exit }" "$1" |
	grep -q "^ > /usr/lib/x86_64-linux-gnu/libc.so.6(.*+0x[0-9a-f]*) \\[0x"' sh "$W/fp.hy"

########## formats: JSON frames come from the same blob as on ptrace
$TMO $BPF -k --format=json -e trace=getpid -o "$W/k.json" "$PROGS/stack" chain >/dev/null 2>&1
check "json: st_do_getpid ... main with file:line" python3 -c '
import json, sys
want = ["st_do_getpid", "st_level2", "st_level1", "st_chain", "main"]
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("syscall") != "getpid" or r["type"] != "syscall":
        continue
    ours = [f for f in r["stack"] if f.get("module") == sys.argv[2] + "/stack"]
    assert [f["symbol"] for f in ours][:5] == want, ours
    assert all(f["file"].endswith("stack.c") and f["line"] > 0 for f in ours[:5]), ours
    sys.exit(0)
sys.exit("no getpid record with a stack")' "$W/k.json" "$PROGS"

########## the consumer's two unwinders agree (cached CFI rules and libdwfl's own)
if [ -x "$ROOT/build/bench/ustack" ]; then
	for a in "8 8192" "40 16384" "200 1024"; do
		check "cached rules give libdwfl's frames (depth ${a% *}, ${a#* } bytes)" sh -c '
			"$1" 2000 $2 | grep -q "same frames: yes"' sh "$ROOT/build/bench/ustack" "$a"
	done
else
	skip "cached rules vs libdwfl" "build/bench/ustack not built"
fi
exit 0
