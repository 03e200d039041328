#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# out_tef.sh: --format=tef (Chrome Trace Event Format) on real traces of the test programs, both
# backends: the file parses as JSON, every event is well formed, each thread's complete slices
# nest properly (no partial overlap), each process's async lifetime slices balance, every process
# and thread has its name, and the trace shows what the program did.
#
# Run by tests/run.sh section h, or alone:
#   HYTRACE=build/hytrace PROGS=build/tests/progs HWORK=/tmp/hw TMO="timeout 60" sh tests/out_tef.sh
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$ROOT/$PROGS ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-tef.XXXXXX)}
TMO=${TMO:-timeout -k 5 60}
W=$HWORK/tef
mkdir -p "$W/run"
export TZ=UTC LC_ALL=C

ok() { printf 'ok - %s\n' "$1"; }
fail() { printf 'FAIL - %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 600 | tr '\n' ' ')"; }
skip() { printf 'skip - %s: %s\n' "$1" "$2"; }

cat >"$W/check.py" <<'EOF'
# check.py FILE [EXPECT...]: FILE is a well-formed Trace Event Format trace whose slices nest;
# each EXPECT is "label=python expression" true for at least one event e.  Exits 1 on a problem.
import json, sys
from decimal import Decimal
from collections import defaultdict

def die(msg):
    raise SystemExit(msg)

raw = open(sys.argv[1], "rb").read().decode("utf-8", "surrogateescape")
try:
    top = json.loads(raw, parse_float=Decimal)	# exact decimal microseconds
except Exception as ex:
    die("does not parse: %s" % ex)
if not isinstance(top, dict) or not isinstance(top.get("traceEvents"), list):
    die("no traceEvents array")
if top.get("displayTimeUnit") not in ("ns", "ms"):
    die("displayTimeUnit is %r" % top.get("displayTimeUnit"))
evs = top["traceEvents"]
if not evs:
    die("no events")

def num(v):
    return isinstance(v, (int, Decimal)) and not isinstance(v, bool)

slices = defaultdict(list)		# (pid, tid) -> [(ts, end, name)]
asyncs = defaultdict(list)		# (cat, id) -> [(ts, order, ph, name)]
names = {}				# ("process_name", pid) / ("thread_name", pid, tid) -> name
active_threads = set()
active_pids = set()
for n, e in enumerate(evs):
    where = "event %d %s" % (n, json.dumps(e, default=str)[:200])
    if not isinstance(e, dict):
        die(where + ": not an object")
    ph = e.get("ph")
    if ph not in ("X", "i", "b", "e", "M"):
        die(where + ": unexpected ph")
    if not isinstance(e.get("name"), str) or not e["name"]:
        die(where + ": no name")
    if not (isinstance(e.get("pid"), int) and isinstance(e.get("tid"), int)):
        die(where + ": pid/tid not integers")
    if "args" in e and not isinstance(e["args"], dict):
        die(where + ": args not an object")
    if ph == "M":
        if e["name"] in ("process_name", "thread_name"):
            v = e.get("args", {}).get("name")
            if not isinstance(v, str) or not v:
                die(where + ": empty name")
            key = (e["name"], e["pid"]) if e["name"] == "process_name" else (e["name"], e["pid"], e["tid"])
            names[key] = v
        elif e["name"] in ("process_sort_index", "thread_sort_index"):
            if not isinstance(e.get("args", {}).get("sort_index"), int):
                die(where + ": sort_index not an integer")
        elif e["name"] != "process_labels":
            die(where + ": unknown metadata")
        continue
    if not num(e.get("ts")) or e["ts"] < 0:
        die(where + ": bad ts")
    if ph == "X":
        if not num(e.get("dur")) or e["dur"] < 0:
            die(where + ": bad dur")
        slices[(e["pid"], e["tid"])].append((e["ts"], e["ts"] + e["dur"], e["name"]))
    elif ph == "i":
        if e.get("s") not in ("t", "p", "g"):
            die(where + ": instant without scope s")
    else:
        if not e.get("cat") or "id" not in e:
            die(where + ": async event without cat/id")
        asyncs[(e["cat"], e["id"], e["pid"])].append((e["ts"], n, ph, e["name"]))
    if ph in ("X", "b") or (ph == "i" and e["s"] == "t"):
        active_threads.add((e["pid"], e["tid"]))
        active_pids.add(e["pid"])

# complete slices on one thread: sorted by start (longest first), each one is either inside the
# enclosing one or after it, never overlapping its end
for key, ss in slices.items():
    ss.sort(key=lambda s: (s[0], -s[1]))
    stack = []
    for s in ss:
        while stack and stack[-1][1] <= s[0]:
            stack.pop()
        if stack and s[1] > stack[-1][1]:
            die("thread %s: %s [%s, %s] overlaps %s [%s, %s]" % (key, s[2], s[0], s[1],
                stack[-1][2], stack[-1][0], stack[-1][1]))
        stack.append(s)

# nestable async slices: every b has its e (same name), never ending before it begins
for key, aa in asyncs.items():
    aa.sort(key=lambda a: (a[0], a[1]))
    stack = []
    for ts, _, ph, name in aa:
        if ph == "b":
            stack.append(name)
        elif not stack:
            die("async %s: end %r at %s without a begin" % (key, name, ts))
        elif stack.pop() != name:
            die("async %s: end %r does not match its begin" % (key, name))
    if stack:
        die("async %s: %r never ends" % (key, stack[-1]))

for pid in active_pids:
    if ("process_name", pid) not in names:
        die("process %d has no process_name" % pid)
for pid, tid in active_threads:
    if ("thread_name", pid, tid) not in names:
        die("thread %d/%d has no thread_name" % (pid, tid))

def holds(expr, e):
    try:
        return bool(eval(expr, {}, {"e": e, "evs": evs, "names": names}))
    except (KeyError, IndexError, TypeError, AttributeError):
        return False

for x in sys.argv[2:]:
    label, expr = x.split("=", 1)
    if not any(holds(expr, e) for e in evs):
        die("%s: no event has it" % label)
print("%d events, %d threads, %d slices" % (len(evs), len(active_threads),
      sum(len(s) for s in slices.values())))
EOF

X='e["ph"]=="X"'
expects()
{
	printf '%s\n' "process lifetime=e[\"ph\"]==\"b\" and e[\"cat\"]==\"process\" and e[\"args\"][\"cmdline\"]"
	printf '%s\n' "exit=e[\"ph\"]==\"i\" and e[\"cat\"]==\"process\" and (e[\"name\"].startswith(\"exited with\") or e[\"name\"].startswith(\"killed by\"))"
	printf '%s\n' "syscall slices=$X and e[\"cat\"]==\"syscall\" and \"ret\" in e[\"args\"]"
	[ "$1" = sigsegv ] ||	# killed: no exit_group
		printf '%s\n' "exit_group instant=e[\"ph\"]==\"i\" and e[\"name\"]==\"exit_group\" and e[\"args\"][\"ret\"] is None"
	case $1 in
	fs)
		printf '%s\n' "openat args=$X and e[\"name\"]==\"openat\" and isinstance(e[\"args\"][\"filename\"], str) and \"O_CLOEXEC\" in e[\"args\"][\"flags\"][\"names\"]"
		printf '%s\n' "ENOENT=$X and e[\"args\"][\"errno\"]==\"ENOENT\" and e[\"args\"][\"ret\"]==-2" ;;
	proc)
		printf '%s\n' "forked process=e[\"ph\"]==\"b\" and e[\"args\"][\"ppid\"] > 0"
		printf '%s\n' "exec slice=e[\"ph\"]==\"b\" and e[\"args\"][\"cmdline\"]==\"proc exec-child\""
		printf '%s\n' "exit code=e[\"ph\"]==\"i\" and e[\"name\"]==\"exited with 1\"" ;;
	threads)
		printf '%s\n' "thread tracks=e[\"ph\"]==\"M\" and e[\"name\"]==\"thread_name\" and e[\"tid\"] != e[\"pid\"]"
		printf '%s\n' "thread slices=$X and e[\"tid\"] != e[\"pid\"]" ;;
	signal)
		printf '%s\n' "signal instant=e[\"ph\"]==\"i\" and e[\"cat\"]==\"signal\" and e[\"name\"]==\"SIGUSR1\" and e[\"args\"][\"siginfo\"][\"si_signo\"][\"names\"]==[\"SIGUSR1\"]" ;;
	sigsegv)
		printf '%s\n' "killed=e[\"ph\"]==\"i\" and e[\"name\"].startswith(\"killed by SIGSEGV\")" ;;
	esac
}

status_of() { case $1 in sigsegv) echo 139 ;; *) echo 0 ;; esac; }

# check NAME FILE PROG
check()
{
	if [ ! -s "$2" ]; then
		fail "$1" "no output in $2 ($(head -c 300 "$2.err" 2>/dev/null))"
		return
	fi
	if command -v jq >/dev/null 2>&1 && ! jqerr=$(jq -e '.traceEvents | length' "$2" 2>&1 >/dev/null); then
		fail "$1" "jq cannot read it: $jqerr"
		return
	fi
	_args=$(expects "$3")
	if out=$(set -f; IFS='
'; python3 "$W/check.py" "$2" $_args 2>&1); then
		ok "$1 ($out)"
	else
		fail "$1" "$out"
	fi
}

BACKENDS=ptrace
if (cd "$W/run" && $TMO "$HYTRACE" --backend=bpf -o /dev/null true) >/dev/null 2>&1; then
	BACKENDS="ptrace bpf"
else
	skip "tef bpf" "the eBPF backend cannot run here"
fi

for b in $BACKENDS; do
	for p in fs desc mem net proc signal threads time misc sigsegv; do
		if [ ! -x "$PROGS/$p" ]; then
			skip "tef $b $p" "$PROGS/$p not built"
			continue
		fi
		o=$W/$b.$p.json
		(cd "$W/run" && $TMO "$HYTRACE" --backend=$b -f -y --tef -o "$o" "$PROGS/$p" \
			>"$o.stdout" 2>"$o.err"; exit $?) 2>/dev/null
		rc=$?
		if [ $rc -ne "$(status_of $p)" ]; then
			fail "tef $b $p" "exit status $rc: $(head -c 300 "$o.err")"
			continue
		fi
		check "tef $b $p" "$o" "$p"
	done
done

# --format=tef is --tef; a bad -o is a clear error
if [ -x "$PROGS/proc" ]; then
	o=$W/format.json
	(cd "$W/run" && $TMO "$HYTRACE" --backend=ptrace -f --format=tef -o "$o" "$PROGS/proc" >/dev/null 2>&1)
	check "tef --format=tef" "$o" proc
fi
err=$($TMO "$HYTRACE" --backend=ptrace --tef -o /nonexistent/dir/x true 2>&1)
rc=$?
case $rc:$err in
0:*) fail "tef bad -o" "exit status 0" ;;
*"cannot open /nonexistent/dir/x"*) ok "tef bad -o" ;;
*) fail "tef bad -o" "exit $rc, message: $err" ;;
esac

# the checker itself sees a partial overlap and an unbalanced lifetime slice
printf '%s\n' '{"traceEvents":[' \
	'{"ph":"X","name":"a","pid":1,"tid":1,"ts":1.000,"dur":2.000},' \
	'{"ph":"X","name":"b","pid":1,"tid":1,"ts":2.500,"dur":1.000},' \
	'{"ph":"M","name":"thread_name","pid":1,"tid":1,"args":{"name":"t"}},' \
	'{"ph":"M","name":"process_name","pid":1,"tid":1,"args":{"name":"p"}}' \
	'],"displayTimeUnit":"ns"}' >"$W/overlap.json"
sed -e 's/"ts":2.500,"dur":1.000/"ts":2.500,"dur":0.500/' -e 's/^\],/,{"ph":"b","name":"p","cat":"process","id":"0x1","pid":1,"tid":1,"ts":0.5}],/' \
	"$W/overlap.json" >"$W/unbalanced.json"
if python3 "$W/check.py" "$W/overlap.json" >/dev/null 2>&1; then
	fail "tef checker sees overlaps" "it accepted $W/overlap.json"
elif python3 "$W/check.py" "$W/unbalanced.json" >/dev/null 2>&1; then
	fail "tef checker sees unbalanced async slices" "it accepted $W/unbalanced.json"
else
	ok "tef checker sees overlaps and unbalanced slices"
fi

# the unit test's golden trace has the same structure
if out=$(python3 "$W/check.py" tests/golden/tef/stream.json \
	'lost=e["ph"]=="i" and e["s"]=="g"' 'thread=e["ph"]=="X" and e["tid"]==102' 2>&1); then
	ok "tef golden stream structure ($out)"
else
	fail "tef golden stream structure" "$out"
fi
exit 0
