#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# out_raw.sh: the raw record format (--format=raw -o FILE, then --input FILE).  Run by
#   tests/run.sh section h with HYTRACE, PROGS, HWORK and TMO (see out_reader.sh).
# Checks, for each backend that can run here: (1) a program traced to a raw file and replayed
# in text equals the direct text trace of the same program (normalised: pids, addresses,
# times); (2) the JSON of the replay has the structure of the direct JSON (record kinds, calls,
# keys); (3) -tt -T -y from the replay (times and paths as captured); then (4) a file of a
# newer format version is refused with one line, exit 1; (5) every truncation of a small file
# is either a record boundary (exit 0) or one error naming the byte offset (exit 1), never a
# crash; (6) a corrupted record size and blob length are errors with the offset.
# Prints `ok - NAME`, `FAIL - NAME: why`, `skip - NAME: why`; always exits 0.

HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
HWORK=${HWORK:-/tmp/hytrace-raw}
TMO=${TMO:-timeout 60}
case $HYTRACE in /*) ;; *) HYTRACE=$(pwd)/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$(pwd)/$PROGS ;; esac
export LC_ALL=C
. tests/lib.sh

W=$HWORK/raw
rm -rf "$W"
mkdir -p "$W/run" || exit 0
ok() { printf 'ok - raw: %s\n' "$1"; }
fail() { printf 'FAIL - raw: %s: %s\n' "$1" "$2"; }
skip() { printf 'skip - raw: %s: %s\n' "$1" "$2"; }

if ! command -v python3 >/dev/null 2>&1; then
	skip "all" "no python3"
	exit 0
fi

# python3 shape.py FILE: per line, the record kind, call name and sorted keys (syscall_enter
# records left out: whether a call that may block is announced first depends on scheduling)
cat >"$W/shape.py" <<'PYEOF'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("type") == "syscall_enter":
        continue
    args = r.get("args")
    print(r.get("type"), r.get("syscall", ""), ",".join(sorted(r)),
          ",".join(sorted(args)) if isinstance(args, dict) else "")
PYEOF

# trace ARGS... -- PROG in a clean directory (the programs make files in their cwd)
in_dir()
{
	rm -rf "$W/run"
	mkdir -p "$W/run"
	(cd "$W/run" && $TMO "$@" >/dev/null 2>"$W/err" </dev/null)
}

# same A B: the normalised traces (pids, addresses, times, split calls merged) are equal
same()
{
	hyt_norm "$1" merge window | sed 's/^PID[0-9]* *//' >"$1.n"
	hyt_norm "$2" merge window | sed 's/^PID[0-9]* *//' >"$2.n"
	[ -s "$1.n" ] && cmp -s "$1.n" "$2.n"
}

for be in ${RAW_BACKENDS:-ptrace bpf}; do
	if ! $HYTRACE --backend=$be -o /dev/null -- /bin/true 2>/dev/null; then
		skip "$be: all" "the $be backend cannot run here"
		continue
	fi
	for prog in desc fs; do
		[ -x "$PROGS/$prog" ] || { skip "$be $prog" "no $PROGS/$prog"; continue; }
		F=$W/$be-$prog
		in_dir $HYTRACE --backend=$be -f -o "$F.direct" -- "$PROGS/$prog"
		in_dir $HYTRACE --backend=$be -f --format=raw -o "$F.raw" -- "$PROGS/$prog"
		if ! $HYTRACE --input "$F.raw" -o "$F.replay" 2>"$F.err"; then
			fail "$be $prog: replay" "$(head -c 300 "$F.err")"
			continue
		fi
		# one retry: a run may split a call differently (signals, scheduling)
		if same "$F.direct" "$F.replay" || {
			in_dir $HYTRACE --backend=$be -f -o "$F.direct" -- "$PROGS/$prog"
			same "$F.direct" "$F.replay"
		}; then
			ok "$be $prog: text replay equals the direct trace"
		else
			fail "$be $prog: text replay equals the direct trace" \
				"$(diff "$F.direct.n" "$F.replay.n" | head -6 | tr '\n' '|')"
		fi
		in_dir $HYTRACE --backend=$be -f --format=json -o "$F.djson" -- "$PROGS/$prog"
		$HYTRACE --input "$F.raw" --format=json -o "$F.rjson" 2>"$F.err"
		python3 "$W/shape.py" "$F.djson" >"$F.dshape" 2>&1
		python3 "$W/shape.py" "$F.rjson" >"$F.rshape" 2>&1
		if [ -s "$F.dshape" ] && cmp -s "$F.dshape" "$F.rshape"; then
			ok "$be $prog: json replay has the direct json's structure"
		else
			fail "$be $prog: json replay has the direct json's structure" \
				"$(diff "$F.dshape" "$F.rshape" | head -4 | tr '\n' '|')"
		fi
	done
	# times and paths: -tt -T at replay, -y captured
	F=$W/$be-y
	in_dir $HYTRACE --backend=$be -y --format=raw -o "$F.raw" -- cat /etc/hostname
	$HYTRACE --input "$F.raw" -tt -T -y -o "$F.txt" 2>"$F.err"
	if grep -Eq '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} read\([0-9]+</etc/hostname>, .* <[0-9]+\.[0-9]{6}>$' \
		"$F.txt"; then
		ok "$be: -tt -T -y from a raw file"
	else
		fail "$be: -tt -T -y from a raw file" "$(grep 'read(' "$F.txt" | head -2)"
	fi
	# the capture's clock: -ttt of the replay is the wall-clock time of the capture
	now=$(date +%s)
	t=$($HYTRACE --input "$F.raw" -ttt -o - 2>/dev/null | head -1 | cut -d. -f1)
	if [ -n "$t" ] && [ $((now - t)) -ge 0 ] && [ $((now - t)) -lt 120 ]; then
		ok "$be: wall-clock times from the capture's clock offset"
	else
		fail "$be: wall-clock times from the capture's clock offset" "now $now, first $t"
	fi
done

# a small file for the error cases: the ptrace backend needs no privilege
S=$W/small.raw
$HYTRACE --backend=ptrace -e trace=exit_group --format=raw -o "$S" -- /bin/true 2>/dev/null
if [ ! -s "$S" ] || ! $HYTRACE --input "$S" -o /dev/null 2>/dev/null; then
	skip "errors" "no small raw file (ptrace backend)"
	hyt_summary >/dev/null
	exit 0
fi

# -e trace= at capture limits what is recorded (both backends): only exit_group was kept
out=$($HYTRACE --input "$S" -o - 2>&1)
if [ "$(printf '%s\n' "$out" | grep -c '^[a-z_0-9]*(')" = 1 ] && printf '%s' "$out" | grep -q '^exit_group(0)'; then
	ok "-e trace= at capture limits the raw file"
else
	fail "-e trace= at capture limits the raw file" "$(printf '%s' "$out" | head -c 300)"
fi

# (4) a newer version
python3 - "$S" "$W/newer.raw" <<'PYEOF'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[8:12] = (7).to_bytes(4, "little")
open(sys.argv[2], "wb").write(b)
PYEOF
out=$($HYTRACE --input "$W/newer.raw" 2>&1 >/dev/null)
rc=$?
if [ $rc = 1 ] && [ "$out" = "hytrace: $W/newer.raw: raw format version 7 is newer than this hytrace's 2" ]; then
	ok "a newer format version is one error, exit 1"
else
	fail "a newer format version is one error, exit 1" "rc $rc: $out"
fi

# (5) truncations: a record boundary replays (exit 0), anything else is an error naming the
# byte offset (exit 1); never a crash.  Each process costs tens of ms, so not every byte: the
# first 16 (magic, version, length), and around each field of the header and each record
# boundary; tests/fuzz/fuzz_raw.c tries every cut of its seed in one process.
eval "$(python3 - "$S" <<'PYEOF'
import sys
b = open(sys.argv[1], "rb").read()
off = int.from_bytes(b[12:16], "little")
bounds = [off]
while off + 112 <= len(b):
    off += int.from_bytes(b[off + 4:off + 8], "little")
    bounds.append(off)
cuts = set(range(1, 17)) | {20, 24, 31, 32, 36, 39, 40, 72, 143}
for x in bounds:
    cuts |= {x + d for d in (-1, 1, 4, 8, 111, 112, 113, 120)}
cuts |= set(range(1, len(b), 97))
print("bounds='%s'" % " ".join(map(str, bounds)))
print("cuts='%s'" % " ".join(str(c) for c in sorted(cuts) if 0 < c < len(b)))
PYEOF
)"
size=$(wc -c <"$S")
bad=
for n in $cuts; do
	head -c $n "$S" >"$W/cut.raw"
	out=$($HYTRACE --input "$W/cut.raw" -o /dev/null 2>&1)
	rc=$?
	case " $bounds " in
	*" $n "*) [ $rc = 0 ] || bad="$bad $n:rc$rc" ;;
	*)	if [ $rc != 1 ] || [ "$(printf '%s\n' "$out" | wc -l)" != 1 ]; then
			bad="$bad $n:rc$rc"
		else
			case $out in
			*"truncated "*" at byte offset "*) ;;
			*) bad="$bad $n:$out" ;;
			esac
		fi ;;
	esac
done
if [ -z "$bad" ] && [ -n "$cuts" ]; then
	ok "$(echo $cuts | wc -w) truncations of a $size-byte file: a boundary or one error with the offset"
else
	fail "truncations of a $size-byte file" "$(printf '%s' "$bad" | head -c 300)"
fi

# (6) corrupted: a record size past the file's end, a record size below its header, a blob
# longer than its record
python3 - "$S" "$W" <<'PYEOF'
import sys
b = open(sys.argv[1], "rb").read()
off = int.from_bytes(b[12:16], "little")
def put(name, at, val):
    c = bytearray(b)
    c[at:at + 4] = val.to_bytes(4, "little")
    open(sys.argv[2] + "/" + name, "wb").write(c)
put("huge.raw", off + 4, 0xfffffff0)
put("short.raw", off + 4, 8)
# the first record with a blob: its first blob's len (at 112 + 8)
o = off
while o + 112 <= len(b):
    if int.from_bytes(b[o + 2:o + 4], "little"):
        put("blob.raw", o + 112 + 8, 0x7ffffff0)
        break
    o += int.from_bytes(b[o + 4:o + 8], "little")
PYEOF
for c in huge short blob; do
	[ -f "$W/$c.raw" ] || { skip "corrupted $c" "no record with a blob"; continue; }
	out=$($HYTRACE --input "$W/$c.raw" -o /dev/null 2>&1)
	rc=$?
	case $rc:$out in
	1:*"at byte offset "*) ok "corrupted record ($c): an error with the offset, exit 1" ;;
	*) fail "corrupted record ($c): an error with the offset, exit 1" "rc $rc: $out" ;;
	esac
done

# -C with --format=raw would append the summary to the records: refused
out=$($HYTRACE --backend=ptrace -C --format=raw -o "$W/c.raw" -- /bin/true 2>&1)
[ $? = 1 ] && ok "--format=raw -C is refused" || fail "--format=raw -C is refused" "$out"
# a replay summarises: -c from a raw file counts the captured calls (as strace -c, not the
# exit_group that never returns)
$HYTRACE --backend=ptrace -e trace=brk,exit_group --format=raw -o "$W/c2.raw" -- /bin/true 2>/dev/null
out=$($HYTRACE --input "$W/c2.raw" -c -o - 2>&1)
case $out in
*" brk"*) ok "-c from a raw file" ;;
*) fail "-c from a raw file" "$(printf '%s' "$out" | head -c 300)" ;;
esac

# --format=raw to a terminal-less default (standard error) and from a strace log: refused
out=$($HYTRACE --input /dev/null --format=raw -o "$W/x.raw" 2>&1)
[ $? = 1 ] && ok "--format=raw of a strace log is refused" || \
	fail "--format=raw of a strace log is refused" "$out"
exit 0
