#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# out_reader.sh: the strace log reader (--input).  Run by tests/run.sh section h with
#   HYTRACE (the binary), STRACE (/usr/bin/strace), PROGS (test programs), HWORK (a work
#   directory), TMO (a timeout command prefix).
# Checks: (1) strace logs print back byte for byte (`hytrace --input log`), for plain
# `strace -f` logs and for `-f -ttt -T -yy -v -s 4096` ones; (2) a log converted to JSON
# holds the same calls as hytrace's own JSON of the same programs (names, order per thread,
# return values, errno, paths and fds); (3) lines that are not strace's are reported with
# their line numbers and skipped, exit status 0; (4) -ff files (FILE.PID) and stdin.
# Prints `ok - NAME`, `FAIL - NAME: why`, `skip - NAME: why`; always exits 0.

HYTRACE=${HYTRACE:-build/hytrace}
STRACE=${STRACE:-/usr/bin/strace}
PROGS=${PROGS:-build/tests/progs}
HWORK=${HWORK:-/tmp/hytrace-reader}
TMO=${TMO:-timeout 60}
case $HYTRACE in /*) ;; *) HYTRACE=$(pwd)/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$(pwd)/$PROGS ;; esac
export LC_ALL=C

W=$HWORK/reader
rm -rf "$W"
mkdir -p "$W/run" || exit 0
ok() { printf 'ok - reader: %s\n' "$1"; }
fail() { printf 'FAIL - reader: %s: %s\n' "$1" "$2"; }
skip() { printf 'skip - reader: %s: %s\n' "$1" "$2"; }

if [ ! -x "$STRACE" ]; then
	skip "all" "no strace at $STRACE"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "all" "no python3"
	exit 0
fi

# python3 same.py A B: "SAME TOTAL" lines of B equal to A, in order (difflib)
cat >"$W/same.py" <<'EOF'
import difflib, sys
a = open(sys.argv[1], "rb").read().split(b"\n")
b = open(sys.argv[2], "rb").read().split(b"\n")
if a and a[-1] == b"": a.pop()
if b and b[-1] == b"": b.pop()
sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
same = sum(m.size for m in sm.get_matching_blocks())
print(same, max(len(a), len(b)))
for op, i1, i2, j1, j2 in sm.get_opcodes():
    if op != "equal":
        sys.stderr.write("  strace: %r\n  reader: %r\n" % (a[i1:i1 + 1], b[j1:j1 + 1]))
        break
EOF

# run PROG in a clean directory (the programs make files in their cwd)
trace_in_dir()
{
	rm -rf "$W/run"
	mkdir -p "$W/run"
	(cd "$W/run" && $TMO "$@" >/dev/null 2>&1 </dev/null)
}

PROGLIST="fs desc mem proc signal time net misc threads"

########## (1) round trip: strace's log printed back by hytrace --input
for opts in "-f" "-f -ttt -T -yy -v -s 4096"; do
	tsame=0
	ttotal=0
	for p in $PROGLIST; do
		[ -x "$PROGS/$p" ] || { skip "round trip $p" "no $PROGS/$p"; continue; }
		log=$W/rt-$p.log
		# shellcheck disable=SC2086
		trace_in_dir "$STRACE" $opts -o "$log" "$PROGS/$p"
		if [ ! -s "$log" ]; then
			fail "round trip $p ($opts)" "strace wrote no log"
			continue
		fi
		$TMO "$HYTRACE" --input "$log" -o "$log.out" 2>"$log.err"
		rc=$?
		set -- $(python3 "$W/same.py" "$log" "$log.out" 2>"$log.diff")
		same=${1:-0}
		total=${2:-1}
		tsame=$((tsame + same))
		ttotal=$((ttotal + total))
		if [ $rc -ne 0 ]; then
			fail "round trip $p ($opts)" "exit status $rc: $(head -c 300 "$log.err")"
		elif [ $((same * 100)) -lt $((total * 99)) ]; then
			fail "round trip $p ($opts)" "$same of $total lines identical; first difference:
$(head -c 600 "$log.diff")"
		else
			ok "round trip $p ($opts): $same of $total lines identical"
		fi
	done
	[ "$ttotal" -gt 0 ] && echo "# reader round trip ($opts): $tsame of $ttotal lines identical ($((tsame * 1000 / ttotal / 10)).$((tsame * 1000 / ttotal % 10))%)"
done

########## (2) a converted log against hytrace's own JSON of the same programs
cat >"$W/cmp.py" <<'EOF'
# cmp.py CONVERTED OWN MIN_PCT: the calls of each thread, in order, with the same name,
# return value (not addresses, pids or other values that change between runs), errno,
# paths and fd arguments; threads are paired by the similarity of their calls.
import difflib, json, re, sys
VARY = {"mmap", "mremap", "brk", "clone", "clone3", "fork", "vfork", "getpid", "gettid",
        "getppid", "getpgid", "getsid", "getpgrp", "setsid", "set_tid_address", "wait4",
        "waitid", "getrandom", "time", "times", "getdents64", "sched_getaffinity", "read",
        "readlink"}
PATHS = {"filename", "pathname", "path", "oldname", "newname", "oldpath", "newpath", "name"}
FDS = {"fd", "oldfd", "newfd", "dfd", "olddfd", "newdfd"}

def load(fn):
    th = {}
    order = []
    for line in open(fn, errors="surrogateescape"):
        e = json.loads(line)
        if e.get("type") != "syscall":
            continue
        if e["tid"] not in th:
            th[e["tid"]] = []
            order.append(e["tid"])
        th[e["tid"]].append(e)
    return [th[t] for t in order]

def key(e):
    ret = e.get("ret")
    if ret is not None and ret >= 0 and e["syscall"] in VARY:
        ret = "N"
    ka = []
    for k, v in sorted(e.get("args", {}).items()):
        if k in PATHS and isinstance(v, str) and ("/" in v or v.startswith("hyt")):
            ka.append((k, re.sub(r"^/tmp/[^/]*(/[^/]*)*/run/", "/RUN/", v)))
        elif k in FDS:
            ka.append((k, v.get("fd") if isinstance(v, dict) else v))
    return (e["syscall"], ret, e.get("errno"), tuple(ka))

a, b = load(sys.argv[1]), load(sys.argv[2])
total = same = 0
why = []
for ta in a:
    ka = [key(e) for e in ta]
    best = max(range(len(b)), default=None,
               key=lambda i: difflib.SequenceMatcher(None, ka, [key(e) for e in b[i]],
                                                     autojunk=False).ratio())
    if best is None:
        total += len(ka)
        why.append("a thread of %d calls has no counterpart" % len(ka))
        continue
    kb = [key(e) for e in b.pop(best)]
    sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    same += sum(m.size for m in sm.get_matching_blocks())
    total += max(len(ka), len(kb))
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal" and len(why) < 3:
            why.append("log %s vs hytrace %s" % (ka[i1:i2][:1], kb[j1:j2][:1]))
for tb in b:
    total += len(tb)
    why.append("hytrace has a thread of %d calls the log has not" % len(tb))
pct = 100.0 * same / total if total else 100.0
print("%d of %d calls the same (%.1f%%)%s" % (same, total, pct, "; " + "; ".join(why) if why else ""))
sys.exit(0 if pct >= float(sys.argv[3]) else 1)
EOF
for p in $PROGLIST; do
	[ -x "$PROGS/$p" ] || continue
	log=$W/js-$p.log
	trace_in_dir "$STRACE" -f -ttt -T -yy -v -s 4096 -o "$log" "$PROGS/$p"
	trace_in_dir "$HYTRACE" --backend=ptrace -f -ttt -T -yy -v -s 4096 --format=json \
		-o "$W/js-$p.own" "$PROGS/$p"
	if ! $TMO "$HYTRACE" --input "$log" --format=json -o "$W/js-$p.conv" 2>"$W/js-$p.err"; then
		fail "json $p" "conversion failed: $(head -c 300 "$W/js-$p.err")"
		continue
	fi
	if [ ! -s "$W/js-$p.own" ]; then
		fail "json $p" "hytrace --backend=ptrace wrote no json"
		continue
	fi
	# threads race: their calls interleave differently from run to run, not per thread
	if res=$(python3 "$W/cmp.py" "$W/js-$p.conv" "$W/js-$p.own" 97 2>&1); then
		ok "json $p: $res"
	else
		fail "json $p" "$res"
	fi
done

########## (3) lines that are not strace's: reported with their numbers, skipped, exit 0
cat >"$W/bad.log" <<'EOF'
1234  openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
this is not strace output
1234  read(3, "root:x:0:0"..., 4096) = 1520
1234  close(3 = 0
1234  close(3)                          = 0
1234  +++ exited with 0 +++
EOF
"$HYTRACE" --input "$W/bad.log" -o "$W/bad.out" 2>"$W/bad.err"
rc=$?
if [ $rc -ne 0 ]; then
	fail "bad lines" "exit status $rc"
elif ! grep -q "bad.log:2: cannot parse" "$W/bad.err" || ! grep -q "bad.log:4: cannot parse" "$W/bad.err"; then
	fail "bad lines" "lines 2 and 4 not reported: $(head -c 300 "$W/bad.err")"
elif ! grep -q "2 of 6 lines could not be parsed" "$W/bad.err"; then
	fail "bad lines" "no count of skipped lines: $(head -c 300 "$W/bad.err")"
elif [ "$(grep -c . "$W/bad.out")" -ne 4 ]; then
	fail "bad lines" "the 4 good lines were not all printed: $(head -c 300 "$W/bad.out")"
else
	ok "bad lines reported with their numbers and skipped"
fi

########## (4) -ff files name their pid; stdin
if [ -x "$PROGS/proc" ]; then
	trace_in_dir "$STRACE" -ff -o "$W/ff" "$PROGS/proc"
	first=$(ls "$W"/ff.* 2>/dev/null | head -n 1)
	pid=${first##*.}
	if [ -z "$first" ]; then
		fail "-ff file" "strace -ff wrote nothing"
	elif ! "$HYTRACE" --input "$first" -o "$W/ff.out" 2>"$W/ff.err" ||
	     ! cmp -s "$first" "$W/ff.out"; then
		fail "-ff file" "$first does not print back the same: $(diff "$first" "$W/ff.out" | head -c 300)"
	elif ! "$HYTRACE" --input "$first" --format=json -o "$W/ff.json" ||
	     ! python3 -c 'import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if all(e["pid"] == int(sys.argv[2]) for e in ev if e["type"] == "syscall") else 1)' \
		"$W/ff.json" "$pid"; then
		fail "-ff file" "the calls of $first are not all pid $pid"
	else
		ok "-ff file: prints back the same, pid $pid from the file name"
	fi
fi
log=$W/rt-fs.log
if [ -s "$log" ]; then
	if "$HYTRACE" --input - -o "$W/stdin.out" <"$log" 2>"$W/stdin.err" && cmp -s "$log" "$W/stdin.out"; then
		ok "--input - reads stdin"
	else
		fail "--input -" "$(head -c 300 "$W/stdin.err")"
	fi
fi
exit 0
