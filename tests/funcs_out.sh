#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# funcs_out.sh: --func's output formats read by their consumers (issue 13), section o.
#
# (1) A known call tree (tests/unit/test_funcout writes it: f { g { getpid } h } on one thread,
#     h on another, plus --func-args with return values) is written by the uftrace sink and, as a
#     --format=raw capture, replayed by hytrace --input into every format:
#       - uftrace's own replay, report, graph, info and dump --chrome read the folder (Debian's
#         uftrace, tests/deps.sh installs it) and show the expected tree, counts and times;
#       - TEF: the functions are B/E slices that nest per thread, the syscall inside g;
#       - Perfetto: slices on the thread tracks, the syscall inside g (decoded here);
#       - JSON: func_entry/func_exit records as the schema (docs/json-schema.json) says;
#       - -c: calls, total and self time per function.
# (2) Live: tests/progs/functree under --func=... on each backend that can trace functions,
#     read again by uftrace (fib's 177 calls, the library's and the dlopen'ed one's functions).
#     Skipped, saying why, where --func cannot trace functions yet.
#
# Run by tests/run.sh section o, or alone:
#   HYTRACE=build/hytrace PROGS=build/tests/progs HWORK=/tmp/hw sh tests/funcs_out.sh
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
UNIT=${UNIT:-build/tests/unit}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$ROOT/$PROGS ;; esac
case $UNIT in /*) ;; *) UNIT=$ROOT/$UNIT ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-funcs.XXXXXX)}
TMO=${TMO:-timeout -k 5 60}
W=$HWORK/funcs
rm -rf "$W"
mkdir -p "$W"
export TZ=UTC LC_ALL=C

ok() { printf 'ok - %s\n' "$1"; }
fail() { printf 'FAIL - %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 600 | tr '\n' ' ')"; }
skip() { printf 'skip - %s: %s\n' "$1" "$2"; }

# same NAME GOT WANT: exact text
same()
{
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1" "got [$2] want [$3]"
	fi
}

HAVE_UFTRACE=1
command -v uftrace >/dev/null 2>&1 || HAVE_UFTRACE=0

# ---- (1) the known tree, written by the sinks and replayed from a raw capture
if [ ! -x "$UNIT/test_funcout" ]; then
	fail "funcs: the tree" "$UNIT/test_funcout is not built (make unit)"
	exit 0
fi
if ! out=$(HYT_FUNCOUT_DIR=$W "$UNIT/test_funcout" 2>&1); then
	fail "funcs: test_funcout writes the tree" "$(printf '%s\n' "$out" | grep -v '^ok' | head -5)"
	exit 0
fi
ok "funcs: test_funcout writes the tree (sink folder, --func-args folder, raw capture)"

if out=$($TMO "$HYTRACE" --input "$W/tree.raw" --format=uftrace -o "$W/replay" 2>&1) &&
	[ -s "$W/replay/info" ]; then
	ok "raw capture replayed into --format=uftrace"
else
	fail "raw capture replayed into --format=uftrace" "$out"
fi

TREE='            [4000100] | f() {
   0.300 us [4000101] | h();
            [4000100] |   g() {
            [4000100] |     /* syscalls:sys_enter_getpid */
            [4000100] |     /* syscalls:sys_exit_getpid */
   1.000 us [4000100] |   } /* g */
   0.500 us [4000100] |   h();
   4.000 us [4000100] | } /* f */'
REPORT='    4.000 us    2.500 us           1  f
    1.000 us    1.000 us           1  g
    0.800 us    0.800 us           2  h'

if [ $HAVE_UFTRACE = 0 ]; then
	skip "uftrace reads the folders" "uftrace not installed (Debian: uftrace; tests/deps.sh installs it)"
else
	uftrace --version | sed 's/^/# /'
	for d in tree replay; do
		got=$(uftrace replay -d "$W/$d" 2>&1 | sed 1d)
		same "uftrace replay -d ($d): the tree, syscalls as events" "$got" "$TREE"
		got=$(uftrace report -d "$W/$d" 2>&1 | sed 1,2d)
		same "uftrace report -d ($d): calls, total and self time" "$got" "$REPORT"
		got=$(uftrace graph -d "$W/$d" 2>&1)
		case $got in
		*"+-(1) f"*"+-(1) g"*"+-(1) h"*"+-(1) h"*) ok "uftrace graph -d ($d)" ;;
		*) fail "uftrace graph -d ($d)" "$got" ;;
		esac
		if uftrace dump --chrome -d "$W/$d" >"$W/$d.chrome.json" 2>"$W/$d.chrome.err" &&
			python3 - "$W/$d.chrome.json" <<'EOF'
import json, sys
evs = json.load(open(sys.argv[1]))["traceEvents"]
be = [(e["ph"], e["name"]) for e in evs if e["ph"] in "BE" and e.get("tid", e["pid"]) == 4000100]
want = [("B", "f"), ("B", "g"), ("E", "g"), ("B", "h"), ("E", "h"), ("E", "f")]
if be != want:
    raise SystemExit("main thread's B/E: %s" % be)
EOF
		then
			ok "uftrace dump --chrome -d ($d): the calls as B/E events"
		else
			fail "uftrace dump --chrome -d ($d)" "$(cat "$W/$d.chrome.err")"
		fi
		got=$(uftrace info -d "$W/$d" 2>&1)
		case $got in
		*"number of tasks     : 2"*"pattern             : regex"*) ok "uftrace info -d ($d)" ;;
		*) fail "uftrace info -d ($d)" "$got" ;;
		esac
	done
	got=$(uftrace replay -d "$W/args" 2>&1 | sed 1d)
	same "uftrace replay -d: --func-args values and return values (argspec)" "$got" \
'            [4000100] | f(10, -3) {
   0.100 us [4000100] |   h(7) = 42;
   0.100 us [4000100] |   h();
   1.000 us [4000100] | } = -1; /* f */'
fi

# TEF: B/E slices balance and nest per thread, with the syscall's X inside g
if out=$($TMO "$HYTRACE" --input "$W/tree.raw" --format=tef -o "$W/tree.tef" 2>&1) &&
	out=$(python3 - "$W/tree.tef" 2>&1 <<'EOF'
import json, sys
from collections import defaultdict
evs = json.load(open(sys.argv[1]))["traceEvents"]
stacks, inside = defaultdict(list), {}
for e in sorted((e for e in evs if e["ph"] in "BEX"), key=lambda e: e["ts"]):
    st = stacks[(e["pid"], e["tid"])]
    if e["ph"] == "B":
        st.append(e["name"])
    elif e["ph"] == "E":
        if not st or st[-1] != e["name"]:
            raise SystemExit("E %s at %s does not close %s" % (e["name"], e["ts"], st))
        st.pop()
    else:
        inside[e["name"]] = list(st)
for k, st in stacks.items():
    if st:
        raise SystemExit("thread %s: %s never end" % (k, st))
if inside.get("getpid") != ["f", "g"]:
    raise SystemExit("getpid inside %s" % inside.get("getpid"))
EOF
); then
	ok "tef: function slices nest per thread, the syscall inside f > g"
else
	fail "tef: function slices nest per thread" "$out"
fi

# Perfetto: slices on each thread's track, the syscall inside g (a small protobuf reader)
if out=$($TMO "$HYTRACE" --input "$W/tree.raw" --format=perfetto -o "$W/tree.pftrace" 2>&1) &&
	out=$(python3 - "$W/tree.pftrace" 2>&1 <<'EOF'
import sys
def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1
        v |= (c & 0x7f) << s; s += 7
        if c < 0x80:
            return v, i
def fields(b):
    i = 0
    while i < len(b):
        k, i = varint(b, i)
        f, wt = k >> 3, k & 7
        if wt == 0:
            v, i = varint(b, i)
        elif wt == 2:
            n, i = varint(b, i); v = b[i:i + n]; i += n
        elif wt == 1:
            v = b[i:i + 8]; i += 8
        elif wt == 5:
            v = b[i:i + 4]; i += 4
        else:
            raise SystemExit("wire type %d" % wt)
        yield f, v
names, tids, evs = {}, {}, []
for f, pkt in fields(open(sys.argv[1], "rb").read()):
    ts, te = 0, None
    for g, v in fields(pkt):
        if g == 8:
            ts = v
        elif g == 11:
            te = v
        elif g == 12:
            for h, e in fields(v):
                if h == 2:
                    d = dict(fields(e)); names[d[1]] = d[2].decode()
        elif g == 60:
            d = dict(fields(v))
            if 4 in d:
                tids[d[1]] = dict(fields(d[4]))[2]
    if te is not None:
        d = dict(fields(te))
        if d.get(11) in tids and d.get(9) in (1, 2):
            evs.append((ts, tids[d[11]], d[9], names.get(d.get(10), d.get(23, b"").decode() if 23 in d else "")))
stacks, inside = {}, {}
for ts, tid, typ, name in sorted(evs, key=lambda e: e[0]):
    st = stacks.setdefault(tid, [])
    if typ == 1:
        if name == "getpid":
            inside[name] = list(st)
        st.append(name)
    else:
        if not st:
            raise SystemExit("END without BEGIN on %d at %d" % (tid, ts))
        st.pop()
for tid, st in stacks.items():
    if st:
        raise SystemExit("thread %d: %s never end" % (tid, st))
if inside.get("getpid") != ["f", "g"]:
    raise SystemExit("getpid inside %s" % inside.get("getpid"))
if sorted(n for _, t, ty, n in evs if ty == 1) != ["f", "g", "getpid", "h", "h"]:
    raise SystemExit("slices %s" % [n for _, t, ty, n in evs if ty == 1])
EOF
); then
	ok "perfetto: function slices on the thread tracks, the syscall inside f > g"
else
	fail "perfetto: function slices on the thread tracks" "$out"
fi

# JSON: func_entry/func_exit as the schema's definitions say (required members, no others)
if out=$($TMO "$HYTRACE" --input "$W/tree.raw" --format=json -o "$W/tree.json" 2>&1) &&
	out=$(python3 - "$ROOT/docs/json-schema.json" "$W/tree.json" 2>&1 <<'EOF'
import json, sys
defs = json.load(open(sys.argv[1]))["$defs"]
n = 0
for line in open(sys.argv[2]):
    r = json.loads(line)
    if not r["type"].startswith("func_"):
        continue
    d = defs[r["type"]]
    missing = [k for k in d["required"] if k not in r]
    extra = [k for k in r if k not in d["properties"]]
    if missing or extra:
        raise SystemExit("%s: missing %s, unknown %s" % (line.strip(), missing, extra))
    n += 1
if n != 8:	# f, g, and h twice: an entry and an exit each
    raise SystemExit("%d function records, not 8" % n)
EOF
); then
	ok "json: func_entry/func_exit records as the schema defines them"
else
	fail "json: func_entry/func_exit records" "$out"
fi

# -c: the per-function table after the syscall table
got=$($TMO "$HYTRACE" --input "$W/tree.raw" -c 2>&1 | sed -n '/Total time/,$p')
same "-c: calls, total and self time per function" "$got" \
"  Total time   Self time       Calls  Function
  ==========  ==========  ==========  ====================
$REPORT"

# ---- (2) live: functree under --func, where a backend traces functions
for b in bpf ptrace; do
	prog=$PROGS/functree
	[ $b = ptrace ] && prog=$PROGS/functree_pg
	if [ ! -x "$prog" ]; then
		skip "functree --backend=$b" "$prog is not built"
		continue
	fi
	rm -rf "$W/live-$b"
	out=$(cd "$W" && $TMO "$HYTRACE" --backend=$b -f --debug --func='^(fib|ft_.*|lib_.*|dl_.*)$' \
		--format=uftrace -o "$W/live-$b" "$prog" tree 2>&1 >/dev/null)
	rc=$?
	case $out in
	*"--func: "*" functions known, 0 records"*)
		skip "functree --backend=$b --format=uftrace" \
			"this backend made no function records (--func not wired to it yet)"
		continue ;;
	esac
	if [ $rc != 0 ]; then
		fail "functree --backend=$b --format=uftrace" "exit $rc: $(printf '%s' "$out" | grep -v '^hytrace: [0-9]' | tail -3)"
		continue
	fi
	if [ $HAVE_UFTRACE = 0 ]; then
		skip "functree --backend=$b: uftrace reads it" "uftrace not installed"
		continue
	fi
	rep=$(uftrace report -d "$W/live-$b" 2>&1)
	calls=$(printf '%s\n' "$rep" | awk '$NF == "fib" { print $(NF-1) }')
	# fib(10) in ft_run, fib(5) in each of two threads: 177 + 2 * 15
	same "functree --backend=$b: uftrace report counts fib's calls" "$calls" 207
	for fn in ft_run lib_add lib_twice dl_entry dl_inner ft_lj1 ft_lj2; do
		case $rep in
		*" $fn"*) ;;
		*) fail "functree --backend=$b: uftrace report lists $fn" "$rep"; continue 2 ;;
		esac
	done
	ok "functree --backend=$b: uftrace report lists main's, the library's and dlopen's functions"
	if uftrace replay -d "$W/live-$b" >/dev/null 2>&1 && uftrace graph -d "$W/live-$b" >/dev/null 2>&1 &&
		uftrace dump --chrome -d "$W/live-$b" | python3 -c 'import json,sys; json.load(sys.stdin)'; then
		ok "functree --backend=$b: uftrace replay, graph and dump --chrome read it"
	else
		fail "functree --backend=$b: uftrace replay, graph and dump --chrome" "$(uftrace replay -d "$W/live-$b" 2>&1 | tail -3)"
	fi
	out=$(cd "$W" && $TMO "$HYTRACE" --backend=$b --func='^(fib|ft_write|ft_run)$' \
		--format=tef -o "$W/live-$b.tef" "$prog" tree 2>&1 >/dev/null)
	if python3 - "$W/live-$b.tef" <<'EOF'
import json, sys
from collections import defaultdict
evs = json.load(open(sys.argv[1]))["traceEvents"]
stacks, inside = defaultdict(list), None
for e in sorted((e for e in evs if e["ph"] in "BEX"), key=lambda e: e["ts"]):
    st = stacks[(e["pid"], e["tid"])]
    if e["ph"] == "B":
        st.append(e["name"])
    elif e["ph"] == "E":
        if not st or st[-1] != e["name"]:
            raise SystemExit("E %s does not close %s" % (e["name"], st))
        st.pop()
    elif e["name"] == "write" and e["args"].get("ret") == 3 and st[-1:] == ["ft_write"]:
        inside = st
if inside is None:
    raise SystemExit("no write inside ft_write")
EOF
	then
		ok "functree --backend=$b --format=tef: slices nest, write(1, \"ft\\n\", 3) inside ft_write"
	else
		fail "functree --backend=$b --format=tef" "$out"
	fi
done
exit 0
