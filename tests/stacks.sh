#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# stacks.sh: -k stack traces (issue 12) on the ptrace backend, against strace -k.
#
# tests/progs/stack.c reaches openat, write and getpid through chains of non-inlined functions,
# built -O1 without frame pointers (stack) and with them (stack_fp); it also loads a library
# with dlopen after start (libstacklib.so), execs another program, recurses deep, runs code from
# an anonymous mapping, and loops (for -p).  The frames hytrace prints must be strace's: between
# the program's begin and end markers, every frame line of both tracers is compared after
# normalisation -- pids and return values dropped (a call line is its name), and in modules
# that are not ours (libc, ld.so) the function name dropped, since hytrace reads their
# separate debug info (/usr/lib/debug) where strace 6.1's libunwind names the nearest exported
# symbol (docs/stacks.md); module paths and file offsets stay, so every frame is still compared.
#
# Run by tests/run.sh section k, or alone:
#   HYTRACE=build/hytrace PROGS=build/tests/progs HWORK=/tmp/hw sh tests/stacks.sh
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
STRACE=${STRACE:-/usr/bin/strace}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$ROOT/$PROGS ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-stacks.XXXXXX)}
W=$HWORK/stacks
mkdir -p "$W"
chmod 755 "$HWORK" "$W"
export TZ=UTC LC_ALL=C
TMO="timeout -k 5 60"
PT="$HYTRACE --backend=ptrace"
BG=

ok() { printf 'ok - stacks: %s\n' "$1"; }
fail() { printf 'FAIL - stacks: %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 800 | tr '\n' '|')"; }
skip() { printf 'skip - stacks: %s: %s\n' "$1" "$2"; }
# check NAME COMMAND...: ok when COMMAND succeeds, else its output is the reason
check()
{
	_n=$1
	shift
	if _o=$("$@" 2>&1); then ok "$_n"; else fail "$_n" "$_o"; fi
}
cleanup()
{
	for p in $BG; do
		kill -KILL "$p" 2>/dev/null
	done
}
trap cleanup EXIT

for f in stack stack_fp libstacklib.so; do
	if [ ! -e "$PROGS/$f" ]; then
		skip "all" "$PROGS/$f not built (make test builds it)"
		exit 0
	fi
done

# window FILE: the lines between the begin marker's write (and its frames) and the end marker
window()
{
	awk '/^write\(1, "=== begin ===/ { on = 1; skip = 1; next }
	     /^write\(1, "=== end ===/ { on = 0 }
	     on && skip && /^ > / { next }
	     on { skip = 0; print }' "$1"
}

# norm: a call line becomes its name; frames outside $PROGS lose their function name
norm()
{
	sed -e '/^ > /!{s/(.*//;}' \
	    -e "/^ > ${PROGS_RE}\\//!s/^ > \\([^(]*\\)([^)]*) /  > \\1(?) /" \
	    -e 's/^  > / > /' \
	    -e 's/^ > unexpected_backtracing_error \[0x[0-9a-f]*\]/ > unexpected_backtracing_error [ADDR]/'
}
PROGS_RE=$(printf '%s' "$PROGS" | sed 's/[].[*^$\/]/\\&/g')

# same_as_strace NAME ARGS...: hytrace -k and strace -k of the same run, compared
same_as_strace()
{
	_name=$1
	shift
	$TMO $STRACE -k -o "$W/$_name.strace" "$@" >/dev/null 2>"$W/$_name.strace.err"
	$TMO $PT -k -o "$W/$_name.hy" "$@" >/dev/null 2>"$W/$_name.hy.err"
	window "$W/$_name.strace" | norm >"$W/$_name.strace.n"
	window "$W/$_name.hy" | norm >"$W/$_name.hy.n"
	if [ ! -s "$W/$_name.strace.n" ] || ! grep -q '^ > ' "$W/$_name.strace.n"; then
		fail "$_name same frames as strace -k" "strace gave no frames: $(head -c 300 "$W/$_name.strace.err")"
	elif diff -u "$W/$_name.strace.n" "$W/$_name.hy.n" >"$W/$_name.diff"; then
		ok "$_name: same frames as strace -k ($(grep -c '^ > ' "$W/$_name.hy.n") frames)"
	else
		fail "$_name same frames as strace -k" "$(head -n 30 "$W/$_name.diff")"
	fi
}

# frames_after FILE CALL-REGEX: the frame lines after the first line matching CALL-REGEX
frames_after()
{
	# the regex through the environment: gawk's -v would turn its \( into ( (and fail)
	HYT_RE=$2 awk 'found && /^ > / { print; next } found { exit } $0 ~ ENVIRON["HYT_RE"] { found = 1 }' "$1"
}

# chain_is FILE CALL-REGEX MODULE FUNC...: the frames after CALL name FUNC... in MODULE, in
# order, right after the frame of libc's wrapper
chain_is()
{
	_f=$1 _re=$2 _mod=$3
	shift 3
	_got=$(frames_after "$_f" "$_re" | sed -n '2,$p' | head -n $# |
		sed 's/^ > \([^(]*\)(\([^+)]*\).*/\1 \2/')
	_want=$(for fn in "$@"; do printf '%s %s\n' "$_mod" "$fn"; done)
	[ "$_got" = "$_want" ] || { printf 'want:\n%s\ngot:\n%s\n' "$_want" "$_got"; return 1; }
}

########## the same frames as strace -k
same_as_strace "chain" "$PROGS/stack" chain
same_as_strace "chain-fp" "$PROGS/stack_fp" chain
same_as_strace "dlopen" "$PROGS/stack" dlopen "$PROGS/libstacklib.so"
same_as_strace "deep" "$PROGS/stack" deep 40

########## the chains by name
C=$W/chain.hy
check "openat through st_do_openat < st_level2 < st_level1 < st_chain < main (no frame pointers)" \
	chain_is "$C" '^openat\(AT_FDCWD, "/dev/null"' "$PROGS/stack" \
	st_do_openat st_level2 st_level1 st_chain main
check "write through st_do_write < st_level2" \
	chain_is "$C" '^write\([0-9]+, "", 0\)' "$PROGS/stack" st_do_write st_level2 st_level1
check "getpid through st_do_getpid < st_level2" \
	chain_is "$C" '^getpid\(\)' "$PROGS/stack" st_do_getpid st_level2 st_level1
check "frame 0 is libc's wrapper" sh -c 'frames_1=$(awk "/^openat\\(AT_FDCWD, \"\\/dev\\/null\"/ { getline; print; exit }" "$1")
	case $frames_1 in " > /usr/lib/x86_64-linux-gnu/libc.so.6("*"+0x"*") [0x"*"]") ;; *) echo "got: $frames_1"; exit 1 ;; esac' sh "$C"
check "with frame pointers too" \
	chain_is "$W/chain-fp.hy" '^openat\(AT_FDCWD, "/dev/null"' "$PROGS/stack_fp" \
	st_do_openat st_level2 st_level1 st_chain main
check "dlopen'd library: lib_inner < lib_entry in libstacklib.so, then main" sh -c '
	f=$(awk "/^write\\(1, \"\", 0\\)/ { on = 1; next } on && /^ > / { print; next } on { exit }" "$1")
	printf "%s\n" "$f" | sed -n 2,4p | sed "s/^ > \\([^(]*\\)(\\([^+)]*\\).*/\\1 \\2/" >"$1.got"
	printf "%s\n" "$2/libstacklib.so lib_inner" "$2/libstacklib.so lib_entry" "$2/stack main" >"$1.want"
	diff "$1.want" "$1.got"' sh "$W/dlopen.hy" "$PROGS"

########## exec: the old image names the execve, the new one what follows
$TMO $PT -k -o "$W/exec.hy" "$PROGS/stack" exec "$PROGS/stack_fp" >/dev/null 2>"$W/exec.err"
check "execve's stack is the old program's (st_do_exec in stack)" sh -c '
	awk "/^execve\\(\"[^\"]*stack_fp\"/ { on = 1; next } on && /^ > / { print; next } on { exit }" "$1" |
	grep -q "^ > $2/stack(st_do_exec+0x"' sh "$W/exec.hy" "$PROGS"
check "after exec, frames from the new program (stack_fp)" \
	chain_is "$W/exec.hy" '^openat\(AT_FDCWD, "/dev/null"' "$PROGS/stack" \
	st_do_openat st_level2 st_level1 st_chain main
check "... and the second openat in stack_fp" sh -c '
	awk "/^openat\\(AT_FDCWD, \"\\/dev\\/null\"/ { n++ } n == 2 && /^ > / { print }" "$1" |
	sed -n 2p | grep -q "^ > $2/stack_fp(st_do_openat+0x"' sh "$W/exec.hy" "$PROGS"

########## -e trace=: stacks only for the calls shown
$TMO $PT -k -e trace=getpid -o "$W/only.hy" "$PROGS/stack" chain >/dev/null 2>&1
check "-e trace=getpid: only getpid lines, each with its stack" sh -c '
	grep -v "^ > " "$1" | grep -v "^+++ " | grep -v "^getpid()" && exit 1
	[ "$(grep -c "^getpid()" "$1")" -ge 1 ] || { echo no getpid; exit 1; }
	awk "/^getpid\\(\\)/ { if (n == 0 && seen) bad = 1; seen = 1; n = 0; next } /^ > / { n++ } END { exit bad || n == 0 }" "$1" || { echo "a getpid without frames"; exit 1; }' sh "$W/only.hy"

########## depth
$TMO $PT -k --stack-depth=3 -e trace=getpid -o "$W/depth3.hy" "$PROGS/stack" deep 50 >/dev/null 2>&1
check "--stack-depth=3: three frames, then strace's 'too many stack frames'" sh -c '
	f=$(awk "/^getpid\\(\\)/ { on = 1; next } on && /^ > / { print; next } on { exit }" "$1")
	[ "$(printf "%s\n" "$f" | wc -l)" = 4 ] && printf "%s\n" "$f" | tail -n 1 | grep -qx " > too many stack frames" ||
	{ printf "%s\n" "$f"; exit 1; }' sh "$W/depth3.hy"
$TMO $PT -k -e trace=getpid -o "$W/depth64.hy" "$PROGS/stack" deep 200 >/dev/null 2>&1
check "default depth: 64 frames and the mark on a 200-deep recursion" sh -c '
	f=$(awk "/^getpid\\(\\)/ { on = 1; next } on && /^ > / { print; next } on { exit }" "$1")
	[ "$(printf "%s\n" "$f" | grep -c "st_recurse+")" = 63 ] &&
	printf "%s\n" "$f" | tail -n 1 | grep -qx " > too many stack frames" ||
	{ printf "%s\n" "$f" | tail -n 3; exit 1; }' sh "$W/depth64.hy"
check "--stack-depth=0 is refused with one line" sh -c '
	out=$($1 -k --stack-depth=0 true 2>&1); rc=$?
	[ $rc -ne 0 ] && printf "%s\n" "$out" | grep -q "invalid --stack-depth: .0." || { echo "rc $rc: $out"; exit 1; }' sh "$PT"

########## code in no module: strace's line, and a mark where the walk stops
$TMO $STRACE -k -e trace=getpid -o "$W/jit.strace" "$PROGS/stack" jit >/dev/null 2>&1
$TMO $PT -k -e trace=getpid -o "$W/jit.hy" "$PROGS/stack" jit >/dev/null 2>&1
check "anonymous code: ' > unexpected_backtracing_error [0x...]' as strace, then a stop mark" sh -c '
	a=$(frames_after() { HYT_RE=$2 awk "found && /^ > / { print; next } found { exit } \$0 ~ ENVIRON[\"HYT_RE\"] { found = 1 }" "$1"; }
	    frames_after "$1" "^getpid" | head -n 1 | sed "s/0x[0-9a-f]*/ADDR/")
	b=$(awk "found && /^ > / { print; next } found { exit } /^getpid/ { found = 1 }" "$2")
	[ "$a" = " > unexpected_backtracing_error [ADDR]" ] || { echo "strace: $a"; exit 1; }
	[ "$(printf "%s\n" "$b" | head -n 1 | sed "s/0x[0-9a-f]*/ADDR/")" = "$a" ] &&
	printf "%s\n" "$b" | tail -n 1 | grep -q "^ > backtrace stopped: " || { echo "hytrace: $b"; exit 1; }' \
	sh "$W/jit.strace" "$W/jit.hy"

########## -f: a child's stacks
$TMO $PT -f -k -e trace=openat -o "$W/fork.hy" sh -c "$PROGS/stack chain; true" >/dev/null 2>&1
check "-f: the child's openat names st_do_openat in stack" sh -c '
	grep -q "^ > $2/stack(st_do_openat+0x" "$1" || { tail -n 5 "$1"; exit 1; }' sh "$W/fork.hy" "$PROGS"

# under the seccomp filter (-f with -e trace=), untraced mmaps must still keep the maps current:
# the library dlopen'd after the first stack is then named
$TMO $PT -f -k -e trace=write -o "$W/seccomp-dl.hy" "$PROGS/stack" dlopen "$PROGS/libstacklib.so" \
	>/dev/null 2>&1
check "-f -e trace=write (seccomp filter): the dlopen'd library's frames still named" sh -c '
	grep -q "^ > $2/libstacklib.so(lib_inner+0x" "$1" || { tail -n 8 "$1"; exit 1; }' \
	sh "$W/seccomp-dl.hy" "$PROGS"

########## -p: attach to a running program
"$PROGS/stack" loop >/dev/null 2>&1 &
LP=$!
BG="$BG $LP"
sleep 0.2
$TMO $PT -k -e trace=getpid -p "$LP" -o "$W/attach.hy" 2>"$W/attach.err" &
HP=$!
BG="$BG $HP"
i=0
while [ $i -lt 50 ] && ! grep -q "st_chain+" "$W/attach.hy" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
kill -INT "$HP" 2>/dev/null
wait "$HP" 2>/dev/null
kill -KILL "$LP" 2>/dev/null
wait "$LP" 2>/dev/null
check "-p: stacks of an attached process (st_do_getpid < st_level2 ... st_chain)" \
	chain_is "$W/attach.hy" '^getpid\(\)' "$PROGS/stack" st_do_getpid st_level2 st_level1 st_chain

########## -c: strace 6.1 warns and ignores -k
$TMO $PT -c -k "$PROGS/stack" chain >/dev/null 2>"$W/c.err"
check "-c -k: strace's warning, a summary, no frames" sh -c '
	grep -q "k/--stack-traces has no effect with -c/--summary-only" "$1" &&
	grep -q "total" "$1" && ! grep -q "^ > " "$1" || { head -n 5 "$1"; exit 1; }' sh "$W/c.err"
$TMO $PT -C -k -e trace=getpid "$PROGS/stack" chain >/dev/null 2>"$W/bigc.err"
check "-C -k: frames and the summary" sh -c '
	grep -q "^ > .*(st_do_getpid+0x" "$1" && grep -q "total" "$1" || { head -n 5 "$1"; exit 1; }' \
	sh "$W/bigc.err"

########## formats
$TMO $PT -k --format=json -e trace=getpid -o "$W/k.json" "$PROGS/stack" chain >/dev/null 2>&1
check "json: stack frames with module, symbol, offset, module_offset, file:line" python3 -c '
import json, sys
want = ["st_do_getpid", "st_level2", "st_level1", "st_chain", "main"]
keys = {"addr", "module", "symbol", "offset", "module_offset", "file", "line", "marker", "error"}
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("syscall") != "getpid" or r["type"] != "syscall":
        continue
    st = r["stack"]
    for f in st:
        assert set(f) <= keys, f
    ours = [f for f in st if f.get("module") == sys.argv[2] + "/stack"]
    assert [f["symbol"] for f in ours][:5] == want, ours
    assert all(f["file"].endswith("stack.c") and f["line"] > 0 for f in ours[:5]), ours
    assert all(isinstance(f["addr"], int) and f["offset"] >= 0 for f in ours), ours
    assert st[0]["module"].endswith("libc.so.6"), st[0]
    sys.exit(0)
sys.exit("no getpid record with a stack")' "$W/k.json" "$PROGS"
# the whole trace against docs/json-schema.json, with tests/out_json.sh's validator, markers too
$TMO $PT -k --stack-depth=4 --format=json -o "$W/k2.json" "$PROGS/stack" jit >/dev/null 2>&1
awk '/^cat >"\$W\/check.py" <<.EOF./ { on = 1; next } /^EOF$/ { on = 0 } on' \
	"$ROOT/tests/out_json.sh" >"$W/check.py"
check "json: every record, frames and markers, valid against docs/json-schema.json" sh -c '
	cat "$2" "$3" >"$2.all" && grep -q "\"marker\"" "$2.all" &&
	python3 "$1" "$4" "$2.all"' sh "$W/check.py" "$W/k.json" "$W/k2.json" "$ROOT/docs/json-schema.json"
$TMO $PT -k --tef -e trace=getpid -o "$W/k.tef" "$PROGS/stack" chain >/dev/null 2>&1
check "tef: args.stack on the getpid slice" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
ev = d["traceEvents"] if isinstance(d, dict) else d
for e in ev:
    if e.get("name") == "getpid" and e.get("ph") == "X":
        st = e["args"]["stack"]
        assert any("(st_do_getpid+0x" in f and "stack.c:" in f for f in st), st
        sys.exit(0)
sys.exit("no getpid slice")' "$W/k.tef"
if command -v protoc >/dev/null 2>&1; then
	$TMO $PT -k --format=perfetto -e trace=getpid -o "$W/k.pftrace" "$PROGS/stack" chain >/dev/null 2>&1
	check "perfetto: a \"stack\" debug annotation (array) on the getpid slice" sh -c '
		protoc --decode=perfetto.protos.Trace -I "$2" perfetto_trace.proto <"$1" >"$1.txt" 2>&1 &&
		grep -q "array_values" "$1.txt" && grep -q "(st_do_getpid+0x" "$1.txt" ||
		{ head -c 300 "$1.txt"; exit 1; }' sh "$W/k.pftrace" "$ROOT/tests/proto/perfetto"
else
	skip "perfetto" "protoc not installed"
fi

mkdir -p "$W/otlp"
python3 "$ROOT/tests/otlp_receiver.py" "$W/otlp" --timeout 60 >"$W/otlp.port" 2>"$W/otlp.err" &
RP=$!
BG="$BG $RP"
i=0
while [ $i -lt 50 ] && [ ! -s "$W/otlp.port" ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(head -n 1 "$W/otlp.port")
OTEL_EXPORTER_OTLP_PROTOCOL=http/json $TMO $PT -k --otlp="http://127.0.0.1:$PORT" -e trace=getpid "$PROGS/stack" chain >/dev/null 2>&1
kill "$RP" 2>/dev/null
check "otlp: code.stacktrace on the getpid event" python3 -c '
import glob, json, sys
for p in glob.glob(sys.argv[1] + "/req-*.json"):
    def walk(v):
        if isinstance(v, dict):
            if v.get("key") == "code.stacktrace":
                t = v["value"]["stringValue"]
                if "(st_do_getpid+0x" in t and "\n" in t:
                    sys.exit(0)
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(json.load(open(p)))
sys.exit("no code.stacktrace attribute naming st_do_getpid")' "$W/otlp"

########## as an unprivileged user (ptrace of one's own child)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	mkdir -p "$W/user"
	chmod 777 "$W/user"
	$TMO setpriv --reuid=65534 --regid=65534 --clear-groups \
		$PT -k -e trace=openat -o "$W/user/chain.hy" "$PROGS/stack" chain >/dev/null 2>"$W/user.err"
	check "unprivileged: same chain as root" \
		chain_is "$W/user/chain.hy" '^openat\(AT_FDCWD, "/dev/null"' "$PROGS/stack" \
		st_do_openat st_level2 st_level1 st_chain main
elif [ "$(id -u)" != 0 ]; then
	check "unprivileged (this user): chain" \
		chain_is "$C" '^openat\(AT_FDCWD, "/dev/null"' "$PROGS/stack" st_do_openat st_level2
else
	skip "unprivileged" "no setpriv"
fi
exit 0
