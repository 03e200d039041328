#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# out_reader.sh: the strace log reader (--input).  Run by tests/run.sh section h with
#   HYTRACE (the binary), STRACE (/usr/bin/strace), PROGS (test programs), HWORK (a work
#   directory), TMO (a timeout command prefix).
# Checks: (1) strace logs print back byte for byte (`hytrace --input log`), for plain
# `strace -f` logs and for `-f -ttt -T -yy -v -s 4096` ones; (2) a log converted to JSON
# holds the same calls as hytrace's own JSON of the same programs (names, order per thread,
# return values, errno, paths and fds); (3) lines that are not strace's are reported with
# their line numbers and skipped, exit status 0 (1 when nothing at all could be read); (4) -ff
# files (FILE.PID) and stdin;
# (5) bad input: NUL bytes, /dev/zero, SIGINT on a FIFO, 40,000 lines without a pid, -o the input.
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

########## (5) bad input: bytes, endless lines, signals, long logs without pids, -o the input
# a NUL byte: the held line was cut at it and read past its end (segfault on this one)
python3 -c 'import sys
sys.stdout.buffer.write(b"getuid() = 0\nclose(\0 = 0\n--- \0" + b"A" * 15000000 + b" ---\ngetgid() = 0\n")' \
	>"$W/nul.log"
$TMO "$HYTRACE" --input "$W/nul.log" -o "$W/nul.out" 2>"$W/nul.err"
rc=$?
if [ $rc -ne 0 ]; then
	fail "NUL bytes" "exit status $rc: $(head -c 300 "$W/nul.err")"
elif ! grep -q "nul.log:2: cannot parse" "$W/nul.err" || ! grep -q "nul.log:3: cannot parse" "$W/nul.err" ||
     [ "$(grep -c = "$W/nul.out")" -ne 2 ]; then
	fail "NUL bytes" "lines 2 and 3 not reported, or 1 and 4 not printed: $(head -c 300 "$W/nul.err")"
else
	ok "NUL bytes: lines with a NUL reported and skipped, the others printed"
fi
$TMO "$HYTRACE" --input /bin/sh -o /dev/null 2>"$W/bin.err"
rc=$?
# nothing in it is a strace line: its lines reported, then one line says nothing was converted
[ $rc -eq 1 ] && tail -n 1 "$W/bin.err" | grep -q "nothing to convert" &&
	ok "a binary as input: its lines reported, nothing converted: exit 1" ||
	fail "a binary as input" "exit status $rc: $(tail -c 300 "$W/bin.err")"

# an endless line: bounded (16 MiB, then 256 MiB skipped at most), exit 1 with the reason.
# Under a 2 GiB cap: a reader without the bound takes the machine's whole memory (OOM killer)
if grep -q __asan_init "$HYTRACE"; then	# ASan reserves terabytes of address space
	(ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=2048 \
		timeout 30 "$HYTRACE" --input /dev/zero -o /dev/null 2>"$W/zero.err")
else
	(ulimit -v 2097152 && timeout 30 "$HYTRACE" --input /dev/zero -o /dev/null 2>"$W/zero.err")
fi
rc=$?
if [ $rc -eq 124 ] || [ $rc -gt 128 ]; then
	fail "--input /dev/zero" "still reading after 30 s, or killed (status $rc)"
elif [ $rc -eq 0 ] || ! grep -q "/dev/zero:1: line longer than 16777216 bytes" "$W/zero.err"; then
	fail "--input /dev/zero" "status $rc, no message: $(head -c 300 "$W/zero.err")"
else
	ok "--input /dev/zero: line longer than 16777216 bytes, not a log, exit $rc"
fi

# SIGINT ends a read from a FIFO whose writer never closes it, the lines read are printed
rm -f "$W/fifo"
if mkfifo "$W/fifo"; then
	exec 3<>"$W/fifo"
	printf 'getuid() = 0\n' >&3
	"$HYTRACE" --input "$W/fifo" -o "$W/fifo.out" 2>"$W/fifo.err" &
	hpid=$!
	sleep 0.5
	kill -INT $hpid
	i=0
	while kill -0 $hpid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	if kill -0 $hpid 2>/dev/null; then
		kill -KILL $hpid
		wait $hpid
		fail "SIGINT on a FIFO" "still running 5 s after SIGINT"
	else
		wait $hpid
		rc=$?
		if [ $rc -ne 130 ] || [ -s "$W/fifo.err" ] ||
		   [ "$(cat "$W/fifo.out")" != "getuid()                                = 0" ]; then
			fail "SIGINT on a FIFO" "status $rc (not 130), or the line not printed, or a message: $(head -c 300 "$W/fifo.err")"
		else
			ok "SIGINT ends a read from a FIFO: the line read printed, no error, status 130"
		fi
	fi
	exec 3>&-
fi

# no pid in the log (strace -p PID -o log): linear in the lines (40,000 took 55 s), and each
# line printed back alone (a bogus " <unfinished ...>" line came before each)
trace_in_dir "$STRACE" -o "$W/np.log" "$PROGS/fs"
sed '1,/^set_tid_address/d' "$W/np.log" |
	grep -Ev '^(getpid|gettid|clone|clone3|fork|vfork|set_tid_address)\(|^(\+\+\+|---) ' >"$W/np1.log"
if [ -s "$W/np1.log" ]; then
	: >"$W/np.in"
	while [ "$(wc -l <"$W/np.in")" -lt 40000 ]; do cat "$W/np1.log" "$W/np1.log" "$W/np1.log" "$W/np1.log" >>"$W/np.in"; done
	n=$(wc -l <"$W/np.in")
	timeout 10 "$HYTRACE" --input "$W/np.in" -o "$W/np.out" 2>"$W/np.err"
	rc=$?
	if [ $rc -ne 0 ]; then
		fail "no pid, $n lines" "status $rc (124: more than 10 s): $(head -c 300 "$W/np.err")"
	elif ! cmp -s "$W/np.in" "$W/np.out"; then
		fail "no pid, $n lines" "not printed back the same: $(diff "$W/np.in" "$W/np.out" | head -c 300)"
	else
		ok "no pid, $n lines: read in under 10 s, printed back byte for byte"
	fi
else
	fail "no pid" "strace -o of $PROGS/fs has no set_tid_address"
fi

# -o the input: refused before anything is opened (it was truncated to 0 bytes)
cp "$W/bad.log" "$W/self.log"
ln -sf self.log "$W/self.sym"
ln -f "$W/self.log" "$W/self.hard"
mkdir -p "$W/ffself"
cp "$W/bad.log" "$W/ffself/out.1234"
for o in self.log self.sym self.hard ffself; do
	case $o in
	ffself) in=$W/ffself/out.1234 args="-ff -o $W/ffself/out" ;;
	*) in=$W/self.log args="-o $W/$o" ;;
	esac
	# shellcheck disable=SC2086
	"$HYTRACE" --input "$in" $args 2>"$W/self.err"
	rc=$?
	if [ $rc -eq 0 ] || ! cmp -s "$in" "$W/bad.log" || ! grep -q "is the input file" "$W/self.err"; then
		fail "-o the input ($o)" "status $rc, input now $(wc -c <"$in") bytes: $(head -c 300 "$W/self.err")"
	else
		ok "-o the input ($o): refused, input unchanged"
	fi
done
"$HYTRACE" --input "$W/self.log" -o - >>"$W/self.log" 2>"$W/self.err"
rc=$?
if [ $rc -eq 0 ] || ! cmp -s "$W/self.log" "$W/bad.log"; then
	fail "-o - appended to the input" "status $rc: $(head -c 300 "$W/self.err")"
else
	ok "-o - appended to the input: refused"
fi
########## (6) what strace writes with other options (issue 17)
# systrument's flags: -e status=!unfinished puts the end of an unfinished call on a line of its
# own, without a pid or time; every call must come through, none as a bad line
trace_in_dir "$STRACE" --seccomp-bpf -fe 'status=!unfinished' -Ttttyyv -s 4096 -o "$W/sysm.log" \
	sh -c "$PROGS/proc >/dev/null; cat /etc/hostname | wc -c"
ncont=$(grep -c '^)' "$W/sysm.log")
$TMO "$HYTRACE" --input "$W/sysm.log" -o "$W/sysm.out" 2>"$W/sysm.err"
rc=$?
ncalls_in=$(grep -c '^[0-9]* [0-9.]* [a-z_0-9]*(' "$W/sysm.log")
ncalls_out=$(grep -c '^[0-9]* [0-9.]* [a-z_0-9]*(' "$W/sysm.out")
if [ $rc -eq 0 ] && [ ! -s "$W/sysm.err" ] && [ "$ncalls_in" = "$ncalls_out" ] && ! grep -q '^)' "$W/sysm.out"; then
	ok "-e status=!unfinished -Ttttyyv logs: $ncont continuation lines joined to their calls, $ncalls_out calls, no bad line"
else
	fail "-e status=!unfinished continuation lines" "exit $rc, calls $ncalls_in -> $ncalls_out, $(head -c 300 "$W/sysm.err")"
fi
# -n and -i prefixes ([ NR] [IP], [????????????????] on exit lines) are read and dropped
trace_in_dir "$STRACE" -f -n -i -tt -o "$W/ni.log" "$PROGS/proc"
$TMO "$HYTRACE" --input "$W/ni.log" -o "$W/ni.out" 2>"$W/ni.err"
rc=$?
sed -E 's/^([0-9]+ +[0-9:.]+ )\[ *[0-9]+\] \[[0-9a-f?]+\] /\1/' "$W/ni.log" | sed 's/  */ /g' >"$W/ni.want"
sed 's/  */ /g' "$W/ni.out" >"$W/ni.got"
if [ $rc -eq 0 ] && [ ! -s "$W/ni.err" ] && cmp -s "$W/ni.want" "$W/ni.got"; then
	ok "-n -i logs: the prefixes read and dropped, every line back"
else
	fail "-n -i logs" "exit $rc: $(head -c 200 "$W/ni.err") $(diff "$W/ni.want" "$W/ni.got" | head -4)"
fi
# -k: each call's " > " frames go with it (exit_group's come after +++ exited in strace's log)
trace_in_dir "$STRACE" -k -o "$W/k.log" "$PROGS/fs"
$TMO "$HYTRACE" --input "$W/k.log" -o "$W/k.out" 2>"$W/k.err"
rc=$?
$TMO "$HYTRACE" --input "$W/k.log" --format=json -o "$W/k.json" 2>/dev/null
nf_in=$(grep -c '^ > ' "$W/k.log")
nf_out=$(grep -c '^ > ' "$W/k.out")
nstk=$(python3 -c "
import json, sys
n = 0
for l in open(sys.argv[1]):
    n += len(json.loads(l).get('stack', []))
print(n)" "$W/k.json" 2>&1)
if [ $rc -eq 0 ] && [ ! -s "$W/k.err" ] && [ "$nf_in" -gt 10 ] && [ "$nf_in" = "$nf_out" ] && [ "$nstk" = "$nf_in" ] &&
	[ "$(grep -v '^ > \|^+++' "$W/k.log")" = "$(grep -v '^ > \|^+++' "$W/k.out")" ]; then
	ok "-k logs: $nf_in frame lines kept with their calls (text, and JSON \"stack\")"
else
	fail "-k logs" "exit $rc, frames $nf_in -> text $nf_out, json $nstk: $(head -c 200 "$W/k.err")"
fi
# -c and -C tables: a table alone is said to be one (exit 1); after a trace it is skipped
trace_in_dir "$STRACE" -c -o "$W/c.log" "$PROGS/fs"
$TMO "$HYTRACE" --input "$W/c.log" -o /dev/null 2>"$W/c.err"
rc=$?
if [ $rc -ne 0 ] && [ "$(wc -l <"$W/c.err")" -eq 1 ] && grep -q "is a strace -c summary" "$W/c.err"; then
	ok "a -c log: one line says it is a summary, exit $rc"
else
	fail "a -c log" "exit $rc: $(cat "$W/c.err")"
fi
trace_in_dir "$STRACE" -C -o "$W/cc.log" "$PROGS/fs"
$TMO "$HYTRACE" --input "$W/cc.log" -o "$W/cc.out" 2>"$W/cc.err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$W/cc.err" ] && grep -q '^exit_group' "$W/cc.out" && ! grep -q 'total$' "$W/cc.out"; then
	ok "a -C log: the trace read, the table after it skipped (no bad lines)"
else
	fail "a -C log" "exit $rc: $(head -c 300 "$W/cc.err")"
fi
# nothing parsed is a failure: an empty log, a file that is no log
: >"$W/empty.log"
$TMO "$HYTRACE" --input "$W/empty.log" -o /dev/null 2>"$W/empty.err"
rc1=$?
$TMO "$HYTRACE" --input /etc/hostname -o /dev/null 2>"$W/host.err"
rc2=$?
if [ $rc1 -ne 0 ] && [ $rc2 -ne 0 ] && grep -q "nothing to convert" "$W/empty.err" && grep -q "nothing to convert" "$W/host.err"; then
	ok "a log with no strace line: exit status 1, said once"
else
	fail "a log with no strace line" "exit $rc1/$rc2: $(cat "$W/empty.err" "$W/host.err" | head -c 300)"
fi
# a log from before this boot: times stay the log's (JSON), TEF and Perfetto stay positive
printf '4242  1000000000.100000 openat(AT_FDCWD, "/etc/hosts", O_RDONLY) = 3 <0.000010>\n4242  1000000000.300100 +++ exited with 0 +++\n' >"$W/old.log"
$TMO "$HYTRACE" --input "$W/old.log" --format=json -o "$W/old.json" 2>/dev/null
$TMO "$HYTRACE" --input "$W/old.log" --format=tef -o "$W/old.tef" 2>/dev/null
if grep -q '"ts":1000000000100000000' "$W/old.json" && python3 -c "
import json, sys
t = json.load(open(sys.argv[1]))
ts = [e['ts'] for e in t['traceEvents'] if 'ts' in e]
sys.exit(0 if ts and all(0 <= x < 1e13 for x in ts) else 1)" "$W/old.tef"; then
	ok "a log from 2001 (before this boot): JSON times the log's, TEF times positive and small"
else
	fail "a log from before this boot" "$(head -c 200 "$W/old.json") $(head -c 300 "$W/old.tef")"
fi
# JSON types fds by what they are: pipes and devices are files, sockets are sockets
printf '7  close(3<pipe:[77]>) = 0\n7  close(1</dev/null<char 1:3>>) = 0\n7  close(4<TCP:[1.2.3.4:5->6.7.8.9:10]>) = 0\n7  close(5<socket:[99]>) = 0\n7  close(6<anon_inode:[eventfd]>) = 0\n' >"$W/fds.log"
got=$($TMO "$HYTRACE" --input "$W/fds.log" --format=json -o - 2>&1 | grep -o '"fd":[0-9]*,"[a-z]*"' | tr '\n' ' ')
want='"fd":3,"path" "fd":1,"path" "fd":4,"socket" "fd":5,"socket" "fd":6,"path" '
[ "$got" = "$want" ] && ok "JSON from logs: pipe:[N], /dev/null<char 1:3> and anon inodes are paths, TCP:[...] and socket:[N] sockets" ||
	fail "JSON fd kinds from logs" "got $got"
# strace -ff's FILE.PID files: --input FILE finds them, and several logs merge in time order
trace_in_dir "$STRACE" -ff -ttt -o "$W/ffm" "$PROGS/proc"
nfiles=$(ls "$W"/ffm.* 2>/dev/null | wc -l)
$TMO "$HYTRACE" --input "$W/ffm" --format=json -o "$W/ffm.json" 2>"$W/ffm.err"
rc=$?
$TMO "$HYTRACE" --format=json -o "$W/ffm2.json" --input "$W"/ffm.* 2>/dev/null
res=$(python3 -c "
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
ts = [e['ts'] for e in ev if e.get('ts')]
print(len({e['pid'] for e in ev if e['type'] == 'syscall'}), all(a <= b for a, b in zip(ts, ts[1:])), len(ev))" "$W/ffm.json" 2>&1)
nlines=$(cat "$W"/ffm.[0-9]* | grep -c '(')
if [ $rc -eq 0 ] && [ "$nfiles" -ge 3 ] && [ "$res" = "$nfiles True $(wc -l <"$W/ffm.json")" ] && cmp -s "$W/ffm.json" "$W/ffm2.json"; then
	ok "--input FILE of strace -ff: $nfiles FILE.PID files merged in time order, pids from the names (same as listing them)"
else
	fail "--input of -ff files" "exit $rc, $nfiles files, got '$res': $(head -c 300 "$W/ffm.err")"
fi
$TMO "$HYTRACE" --input "$W/ffm.1" --format=json 2>"$W/opt.err" >/dev/null
$TMO "$HYTRACE" --input "$W/empty.log" "$W/empty.log" --format=json >/dev/null 2>"$W/opt2.err"
rc=$?
[ $rc -ne 0 ] && grep -q "options go before the logs" "$W/opt2.err" && ok "--input FILE FILE2 --option: one line says options go first" ||
	fail "--input FILE FILE2 --option" "exit $rc: $(cat "$W/opt2.err")"

exit 0
