#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# out_perfetto.sh: --format=perfetto on real programs, decoded with protoc and Perfetto's own
# trace proto (tests/proto/perfetto, pinned) and checked for structure: descriptors before
# their events, BEGIN/END matched per track, timestamps monotonic per sequence, interned names
# defined before use, names present; syscall arguments as structured debug annotations; --logs.
# Env (from tests/run.sh section h): HYTRACE, PROGS, HWORK, TMO (STRACE unused).
# Prints "ok - NAME" / "FAIL - NAME: why" / "skip - NAME: why"; exits 0.

HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
HWORK=${HWORK:-/tmp/hytrace-perfetto}
TMO=${TMO:-timeout 60}
HERE=$(cd "$(dirname "$0")" && pwd)
# the traces run in the work directory: make the paths absolute
case $HYTRACE in */*) HYTRACE=$(cd "$(dirname "$HYTRACE")" && pwd)/$(basename "$HYTRACE") ;; esac
PROGS=$(cd "$PROGS" 2>/dev/null && pwd || echo "$PROGS")
GOLD=$HERE/golden/perfetto
PROTO=$HERE/proto/perfetto	# Perfetto's perfetto_trace.proto, pinned (tests/proto/README.md)
W=$HWORK/perfetto
mkdir -p "$W"

ok() { printf 'ok - %s\n' "$1"; }
fail() { printf 'FAIL - %s: %s\n' "$1" "$(printf '%s' "$2" | tr '\n' ' ' | head -c 600)"; }
skip() { printf 'skip - %s: %s\n' "$1" "$2"; }

if ! command -v protoc >/dev/null 2>&1; then
	skip "perfetto" "protoc not installed (Debian: protobuf-compiler)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "perfetto" "python3 not installed"
	exit 0
fi
# Perfetto's proto compiled once (a 680 kB file): each decode then reads the descriptor set
if ! protoc -o "$W/perfetto.desc" -I "$PROTO" perfetto_trace.proto 2>"$W/perfetto.desc.err"; then
	fail "perfetto: Perfetto's trace proto" "protoc cannot compile $PROTO/perfetto_trace.proto: $(head -c 300 "$W/perfetto.desc.err")"
	exit 0
fi

# The checker reads protoc's text format (decoded with Perfetto's proto) on stdin.
# Options: procs=N (at least N process tracks), threads=N (at least N thread tracks in one
# process), signals=1 (signal instants), logs=1 (log entries, one per syscall slice at least),
# nologs=1, exits=1 (every process lifetime ends with an exit status), nonames=1 (strace logs
# have no comm: tracks may lack names).
# PARSE: protoc's text format as nested dicts of lists; one(node, key) is the first value.
PARSE=$(cat <<'PYEOF'
import re, sys

def parse(text):
    root = {}
    stack = [root]
    for ln in text.split('\n'):
        ln = ln.strip()
        if not ln:
            continue
        if ln == '}':
            stack.pop()
            continue
        m = re.match(r'^([A-Za-z_0-9]+) \{$', ln)
        if m:
            node = {}
            stack[-1].setdefault(m.group(1), []).append(node)
            stack.append(node)
            continue
        m = re.match(r'^([A-Za-z_0-9]+): (.*)$', ln)
        if not m:
            raise SystemExit('unparsable line: ' + ln)
        v = m.group(2)
        if v.startswith('"'):
            v = bytes(v[1:-1], 'latin1').decode('unicode_escape')
        elif re.match(r'^-?\d+$', v):
            v = int(v)
        stack[-1].setdefault(m.group(1), []).append(v)
    return root

def one(n, k, d=None):
    v = n.get(k)
    return v[0] if v else d

PYEOF
)
CHECK=$PARSE$(cat <<'PYEOF'

opts = dict(a.split('=', 1) for a in sys.argv[1:])
errs = []
def err(msg):
    if len(errs) < 8:
        errs.append(msg)

packets = parse(sys.stdin.read()).get('packet', [])
if not packets:
    raise SystemExit('no packets')
described = {}          # uuid -> descriptor
interned = {}           # seq -> {(table, iid): name}
last_ts = {}            # seq -> timestamp
seen_seq = set()
stacks = {}             # track -> [name of open slices]
tracks_used = set()
names_ok = {}           # uuid -> has a name
nslices = {'syscall': 0, 'process': 0}
ninst = {'signal': 0, 'process': 0}
nlogs = 0
exits = 0
syscall_ends = 0
ends_with_ret = 0
for i, p in enumerate(packets):
    seq = one(p, 'trusted_packet_sequence_id')
    if seq is None or seq == 0:
        err('packet %d: no trusted_packet_sequence_id' % i)
        continue
    flags = one(p, 'sequence_flags', 0)
    if seq not in seen_seq:
        if not flags & 1:
            err('packet %d: first of sequence %d without SEQ_INCREMENTAL_STATE_CLEARED' % (i, seq))
        seen_seq.add(seq)
    if flags & 1:
        interned[seq] = {}
    ts = one(p, 'timestamp')
    if ts is not None:
        if one(p, 'timestamp_clock_id') != 6:
            err('packet %d: timestamp_clock_id is not BOOTTIME (6)' % i)
        if ts < last_ts.get(seq, 0):
            err('packet %d: timestamp %d goes back (was %d) on sequence %d' % (i, ts, last_ts[seq], seq))
        last_ts[seq] = ts
    idata = one(p, 'interned_data')
    if idata:
        for table in ('event_categories', 'event_names', 'debug_annotation_names'):
            for e in idata.get(table, []):
                interned.setdefault(seq, {})[(table, one(e, 'iid'))] = one(e, 'name')
    def name_of(table, n, iid_key='name_iid', str_key='name'):
        if one(n, str_key) is not None:
            return one(n, str_key)
        iid = one(n, iid_key)
        if iid is None:
            return None
        v = interned.get(seq, {}).get((table, iid))
        if v is None:
            err('packet %d: %s iid %d used before it was interned on sequence %d' % (i, table, iid, seq))
        if not flags & 2:
            err('packet %d: uses interned data without SEQ_NEEDS_INCREMENTAL_STATE' % i)
        return v
    td = one(p, 'track_descriptor')
    if td:
        uuid = one(td, 'uuid')
        parent = one(td, 'parent_uuid')
        if parent is not None and parent not in described:
            err('packet %d: track %d has parent %d not described before' % (i, uuid, parent))
        pr, th = one(td, 'process'), one(td, 'thread')
        if pr:
            if one(pr, 'pid') is None:
                err('packet %d: process descriptor without pid' % i)
            names_ok[uuid] = names_ok.get(uuid) or bool(one(pr, 'process_name'))
        elif th:
            if one(th, 'pid') is None or one(th, 'tid') is None:
                err('packet %d: thread descriptor without pid/tid' % i)
            names_ok[uuid] = names_ok.get(uuid) or bool(one(th, 'thread_name'))
        else:
            names_ok[uuid] = bool(one(td, 'name'))
        described[uuid] = td
    te = one(p, 'track_event')
    if te:
        track = one(te, 'track_uuid')
        if track not in described:
            err('packet %d: event on track %s before its descriptor' % (i, track))
        tracks_used.add(track)
        typ = one(te, 'type')
        cats = [interned.get(seq, {}).get(('event_categories', c)) for c in te.get('category_iids', [])]
        cats += te.get('categories', [])
        anns = {}
        for a in te.get('debug_annotations', []):
            an = name_of('debug_annotation_names', a)
            if not an:
                err('packet %d: debug annotation without a name' % i)
            anns[an] = one(a, 'string_value', one(a, 'int_value'))
        st = stacks.setdefault(track, [])
        if typ == 'TYPE_SLICE_BEGIN':
            nm = name_of('event_names', te)
            if not nm:
                err('packet %d: slice without a name' % i)
            if not cats:
                err('packet %d: slice without a category' % i)
            st.append((nm, cats[0] if cats else None))
            if cats and cats[0] in nslices:
                nslices[cats[0]] += 1
        elif typ == 'TYPE_SLICE_END':
            if not st:
                err('packet %d: SLICE_END on track %d with no open slice' % (i, track))
                continue
            nm, cat = st.pop()
            if cat == 'syscall':
                syscall_ends += 1
                if 'ret' in anns or anns.get('result') == '?' or 'end' in anns:
                    ends_with_ret += 1
            if 'exit_code' in anns or 'killed_by' in anns:
                exits += 1
        elif typ == 'TYPE_INSTANT':
            nm = name_of('event_names', te)
            if not nm:
                err('packet %d: instant without a name' % i)
            if cats and cats[0] in ninst:
                ninst[cats[0]] += 1
        else:
            err('packet %d: event of type %s' % (i, typ))
    al = one(p, 'android_log')
    if al:
        for e in al.get('events', []):
            if not one(e, 'message') or one(e, 'pid') is None or one(e, 'timestamp') is None:
                err('packet %d: log entry without message, pid or timestamp' % i)
            nlogs += 1
for track, st in stacks.items():
    if st:
        err('track %d: %d slices never ended (%s)' % (track, len(st), st[-1][0]))
for uuid in tracks_used:
    if uuid in names_ok and not names_ok[uuid] and not opts.get('nonames'):
        err('track %d: no name in any of its descriptors' % uuid)
procs = [u for u, d in described.items() if one(d, 'process')]
threads = {}
for u, d in described.items():
    th = one(d, 'thread')
    if th:
        threads.setdefault(one(th, 'pid'), set()).add(one(th, 'tid'))
if nslices['syscall'] == 0:
    err('no syscall slices')
if syscall_ends != ends_with_ret:
    err('%d of %d syscall slices without a ret annotation' % (syscall_ends - ends_with_ret, syscall_ends))
if nslices['process'] < len(procs):
    err('%d process tracks but %d process slices' % (len(procs), nslices['process']))
if len(procs) < int(opts.get('procs', 1)):
    err('%d process tracks, want at least %s' % (len(procs), opts['procs']))
if int(opts.get('threads', 0)) and max(len(v) for v in threads.values()) < int(opts['threads']):
    err('at most %d threads in a process, want %s' % (max(len(v) for v in threads.values()), opts['threads']))
if opts.get('signals') and not ninst['signal']:
    err('no signal instants')
if opts.get('exits') and exits < len(procs):
    err('%d processes but %d lifetime slices end with an exit status' % (len(procs), exits))
if opts.get('logs') and nlogs < syscall_ends:
    err('%d log entries for %d syscalls' % (nlogs, syscall_ends))
if opts.get('nologs') and nlogs:
    err('%d log entries without --logs' % nlogs)
if errs:
    print('; '.join(errs))
    sys.exit(1)
PYEOF
)

# ARGS: the syscall arguments are structured debug annotations: one "args" dict per slice
# (BEGIN and END merged) with interned names resolved; checks on fs's calls: openat's dfd
# {names: ["AT_FDCWD"], raw: -100} and flags names, a path as a plain string, fstat's fd an
# int_value and its statbuf a dict with st_size an int_value; no argument is a struct's
# strace text ("{...}") any more.  With the argument "golden": the golden stream's writes
# (text, bytes that are not text, a string cut at -s).
ARGS=$PARSE$(cat <<'PYEOF'

def ann_name(a, names):
    if one(a, 'name') is not None:
        return one(a, 'name')
    return names.get(one(a, 'name_iid'))

def value(a, names):
    # a DebugAnnotation's value as Python: dicts, lists, ('int', n), ('ptr', n), str, bool
    if 'dict_entries' in a:
        return {ann_name(e, names): value(e, names) for e in a['dict_entries']}
    if 'array_values' in a:
        return [value(e, names) for e in a['array_values']]
    for k, tag in (('int_value', 'int'), ('uint_value', 'uint'), ('pointer_value', 'ptr')):
        if k in a:
            return (tag, one(a, k))
    if 'bool_value' in a:
        return one(a, 'bool_value') == 'true'
    return one(a, 'string_value')

names, evnames, open_, slices = {}, {}, {}, []
for p in parse(sys.stdin.read()).get('packet', []):
    seq = one(p, 'trusted_packet_sequence_id')
    if one(p, 'sequence_flags', 0) & 1:
        names[seq], evnames[seq] = {}, {}
    idata = one(p, 'interned_data')
    if idata:
        for e in idata.get('debug_annotation_names', []):
            names.setdefault(seq, {})[one(e, 'iid')] = one(e, 'name')
        for e in idata.get('event_names', []):
            evnames.setdefault(seq, {})[one(e, 'iid')] = one(e, 'name')
    te = one(p, 'track_event')
    if not te:
        continue
    anns = {ann_name(a, names.get(seq, {})): value(a, names.get(seq, {}))
            for a in te.get('debug_annotations', [])}
    track = one(te, 'track_uuid')
    if one(te, 'type') == 'TYPE_SLICE_BEGIN':
        nm = one(te, 'name') or evnames.get(seq, {}).get(one(te, 'name_iid'))
        open_.setdefault(track, []).append((nm, anns.get('args', {})))
    elif one(te, 'type') == 'TYPE_SLICE_END' and open_.get(track):
        nm, args = open_[track].pop()
        if isinstance(anns.get('args'), dict):
            args = dict(args, **anns['args'])
        slices.append((nm, args))
errs = []
def want(cond, msg):
    if not cond and len(errs) < 6:
        errs.append(msg)
calls = {}
for nm, args in slices:
    calls.setdefault(nm, []).append(args)
    if not isinstance(args, dict):
        errs.append('%s: "args" is %r, not a dict' % (nm, args))
        continue
    for k, v in args.items():
        want(not (isinstance(v, str) and v.startswith('{')), '%s: %s is strace text %r' % (nm, k, v))
if sys.argv[1:] == ['golden']:  # tests/unit/test_perfetto.c's stream: strings that are not plain
    bufs = [a.get('buf') for a in calls.get('write', [])]
    want({'escaped': '\\177ELF\\0\\1'} in bufs, 'no write buf {escaped: "\\177ELF\\0\\1"}: %r' % bufs)
    want({'str': '0123456789' * 3 + '01', 'truncated': True} in bufs,
         'no write buf {str: (32 bytes), truncated: true}: %r' % bufs)
    want('hi\n' in bufs, 'no write buf "hi\\n" (text with a newline stays as it is): %r' % bufs)
    calls = {}
op = [a for a in calls.get('openat', []) if a.get('filename') == 'hyt-f']
want(op or sys.argv[1:] == ['golden'], 'no openat of "hyt-f" with filename a plain string: %r' % calls.get('openat', [])[:2])
for a in op:
    want(a.get('dfd') == {'names': ['AT_FDCWD'], 'raw': ('int', -100)},
         'openat dfd is %r, want {names: [AT_FDCWD], raw: int -100}' % (a.get('dfd'),))
    fl = a.get('flags', {})
    want(isinstance(fl, dict) and fl.get('names') and all(n.startswith('O_') for n in fl['names'])
         and fl.get('raw', ('', ''))[0] == 'int', 'openat flags is %r, want {names: [O_...], raw: int}' % (fl,))
want(sys.argv[1:] == ['golden'] or any(a.get('flags', {}).get('names') == ['O_RDONLY', 'O_CLOEXEC'] for a in op),
     'no openat with flags names [O_RDONLY, O_CLOEXEC]')
fs = calls.get('fstat', [])
want(fs or sys.argv[1:] == ['golden'], 'no fstat slice')
for a in fs:
    want(isinstance(a.get('fd'), tuple) and a['fd'][0] == 'int', 'fstat fd is %r, not an int_value' % (a.get('fd'),))
    st = a.get('statbuf')
    want(isinstance(st, dict) and isinstance(st.get('st_size'), tuple) and st['st_size'][0] == 'int'
         and isinstance(st.get('st_mode'), dict), 'fstat statbuf is %r, want a dict with st_mode {...} and st_size an int' % (st,))
if errs:
    print('; '.join(errs))
    sys.exit(1)
PYEOF
)

decode() { protoc --decode=perfetto.protos.Trace --descriptor_set_in="$W/perfetto.desc" <"$1"; }

# check NAME FILE [checker options]: decode_raw must parse the file, then the structure checks
check()
{
	_n=$1
	_f=$2
	shift 2
	if [ ! -s "$_f" ]; then
		fail "$_n" "no trace written: $(head -c 300 "$_f.err" 2>/dev/null)"
		return
	fi
	_o=$W/$(basename "$_f")	# decoded text goes to the work directory
	if ! protoc --decode_raw <"$_f" >"$_o.raw" 2>"$_o.raw.err"; then
		fail "$_n" "protoc --decode_raw: $(head -c 300 "$_o.raw.err")"
		return
	fi
	if ! decode "$_f" >"$_o.txt" 2>"$_o.txt.err"; then
		fail "$_n" "protoc --decode: $(head -c 300 "$_o.txt.err")"
		return
	fi
	if _why=$(python3 -c "$CHECK" "$@" <"$_o.txt" 2>&1); then
		ok "$_n"
	else
		fail "$_n" "$_why"
	fi
}

# trace BACKEND NAME PROG [hytrace options...]
trace()
{
	_b=$1
	_n=$2
	_p=$3
	shift 3
	_f=$W/$_b.$_n.pftrace
	rm -f "$_f"
	(cd "$W" && $TMO "$HYTRACE" --backend="$_b" -f --format=perfetto "$@" -o "$_f" "$PROGS/$_p" \
		>"$_f.out" 2>"$_f.err")
	echo "$_f"
}

# golden file: hytrace's protobuf writer output for a fixed event stream (made by
# tests/unit/test_perfetto.c); decode_raw of it must stay what was reviewed
if [ -f "$GOLD/small.pftrace" ] && [ -f "$GOLD/small.txt" ]; then
	if protoc --decode_raw <"$GOLD/small.pftrace" | cmp -s - "$GOLD/small.txt"; then
		ok "perfetto golden: decode_raw of small.pftrace matches small.txt"
	else
		fail "perfetto golden" "decode_raw of $GOLD/small.pftrace differs from small.txt"
	fi
	check "perfetto golden: structure" "$GOLD/small.pftrace" procs=2 signals=1 logs=1
	if _why=$(python3 -c "$ARGS" golden <"$W/small.pftrace.txt" 2>&1); then
		ok "perfetto golden: strings as text, \"escaped\" and \"truncated\" debug annotations"
	else
		fail "perfetto golden: strings" "$_why"
	fi
else
	fail "perfetto golden" "missing $GOLD/small.pftrace or small.txt"
fi

backends=ptrace
if $TMO "$HYTRACE" --backend=bpf -o /dev/null true >/dev/null 2>&1; then
	backends="ptrace bpf"
else
	skip "perfetto --backend=bpf" "the eBPF backend cannot run here"
fi

for b in $backends; do
	check "perfetto $b: proc (fork, exec, wait)" "$(trace $b proc proc)" procs=2 exits=1 nologs=1
	check "perfetto $b: threads" "$(trace $b threads threads)" threads=4
	check "perfetto $b: signal" "$(trace $b signal signal)" signals=1
	check "perfetto $b: fs --logs" "$(trace $b fs fs --logs)" logs=1
	check "perfetto $b: desc" "$(trace $b desc desc)"
	check "perfetto $b: net" "$(trace $b net net)"
	_f=$W/$b.proc.pftrace.txt
	if [ -f "$_f" ] && grep -q 'name: "execve"' "$_f" && grep -q 'name: "exit_code"' "$_f" &&
		grep -q 'process_name: "proc"' "$_f" && grep -q 'name: "filename"' "$_f"; then
		ok "perfetto $b: execve slice, argument names, exit code, process name"
	else
		fail "perfetto $b: content" "$_f lacks execve, filename, exit_code or process_name \"proc\""
	fi
	_f=$W/$b.fs.pftrace.txt
	if [ -f "$_f" ] && _why=$(python3 -c "$ARGS" <"$_f" 2>&1); then
		ok "perfetto $b: syscall arguments as structured debug annotations (dicts, arrays, int_value)"
	else
		fail "perfetto $b: structured arguments" "$_f: ${_why:-not decoded}"
	fi
	if [ -f "$_f" ] && grep -q 'message: "openat(AT_FDCWD, ' "$_f"; then
		ok "perfetto $b: --logs has strace text lines"
	else
		fail "perfetto $b: --logs" "no openat(AT_FDCWD, ...) log message in $_f"
	fi
done

# a strace log converted (--input): no comm in strace's output, so names may be missing
_f=$W/input.pftrace
printf '%s\n' '42    openat(AT_FDCWD, "/etc/hosts", O_RDONLY) = 3' \
	'43    read(3, "x", 1)                   = 1' \
	'42    --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=43, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---' \
	'42    +++ exited with 0 +++' >"$W/input.log"
(cd "$W" && $TMO "$HYTRACE" --input "$W/input.log" --format=perfetto --logs -o "$_f" >"$_f.out" 2>"$_f.err")
check "perfetto --input (strace log)" "$_f" procs=2 nonames=1 signals=1 logs=1

# errors: a directory that does not exist; no -o with stderr on a terminal
_e=$W/err.nodir
(cd "$W" && $TMO "$HYTRACE" --backend=ptrace --format=perfetto -o /nonexistent-hyt/dir/t.pftrace \
	"$PROGS/exitcode" 0 >/dev/null 2>"$_e")
rc=$?
if [ $rc -ne 0 ] && grep -q "cannot open /nonexistent-hyt/dir/t.pftrace" "$_e"; then
	ok "perfetto: unwritable -o is a clear error"
else
	fail "perfetto: unwritable -o" "status $rc, stderr: $(head -c 200 "$_e")"
fi
if command -v script >/dev/null 2>&1; then
	_e=$W/err.tty
	script -qec "$HYTRACE --backend=ptrace --format=perfetto $PROGS/exitcode 0" /dev/null \
		>"$_e" 2>&1 </dev/null
	rc=$?
	if [ $rc -ne 0 ] && grep -q "give -o FILE" "$_e"; then
		ok "perfetto: refuses to write binary to a terminal"
	else
		fail "perfetto: terminal" "status $rc, output: $(head -c 200 "$_e")"
	fi
else
	skip "perfetto: terminal" "no script(1) to make a terminal"
fi
exit 0
