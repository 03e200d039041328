#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# out_otlp.sh: --otlp sends OpenTelemetry spans to a loopback receiver (tests/otlp_receiver.py);
# the bodies are checked against the OTLP/JSON rules (hex ids of the right length, one trace id,
# nanosecond times as decimal strings, lowerCamelCase keys, enums as integers), the process tree
# (a span per process, parented to its forker; count = processes of a text trace of the same
# program), syscalls as events / child spans / none, batching and limits, retries on 503/429,
# errors (400, no receiver) with a one-line message and a non-zero exit, a collector that never
# answers (one deadline, OTEL_EXPORTER_OTLP_TIMEOUT), --relative-to-now.
# Env (from tests/run.sh section h): HYTRACE, PROGS, HWORK, TMO (STRACE unused).
# Prints "ok - NAME" / "FAIL - NAME: why" / "skip - NAME: why"; exits 0.

HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
HWORK=${HWORK:-/tmp/hytrace-otlp}
TMO=${TMO:-timeout 60}
HERE=$(cd "$(dirname "$0")" && pwd)
case $HYTRACE in */*) HYTRACE=$(cd "$(dirname "$HYTRACE")" && pwd)/$(basename "$HYTRACE") ;; esac
PROGS=$(cd "$PROGS" 2>/dev/null && pwd || echo "$PROGS")
W=$HWORK/otlp
rm -rf "$W"
mkdir -p "$W"
# only the loopback receiver: no proxy, no collector settings from the caller
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
unset OTEL_EXPORTER_OTLP_ENDPOINT OTEL_EXPORTER_OTLP_TRACES_ENDPOINT OTEL_SERVICE_NAME \
	OTEL_RESOURCE_ATTRIBUTES OTEL_EXPORTER_OTLP_HEADERS OTEL_EXPORTER_OTLP_TRACES_HEADERS \
	OTEL_SPAN_EVENT_COUNT_LIMIT OTEL_BSP_MAX_EXPORT_BATCH_SIZE OTEL_EXPORTER_OTLP_TIMEOUT \
	OTEL_EXPORTER_OTLP_TRACES_TIMEOUT OTEL_EXPORTER_OTLP_TRACES_PROTOCOL \
	OTEL_EXPORTER_OTLP_LOGS_PROTOCOL OTEL_EXPORTER_OTLP_COMPRESSION \
	OTEL_EXPORTER_OTLP_TRACES_COMPRESSION OTEL_EXPORTER_OTLP_LOGS_COMPRESSION OTEL_SDK_DISABLED \
	OTEL_TRACES_EXPORTER OTEL_EXPORTER_OTLP_LOGS_ENDPOINT OTEL_EXPORTER_OTLP_LOGS_HEADERS
# The checks below read OTLP/JSON (the body's shape and rules); protobuf, the default, is checked
# at the end with the official definitions.
export OTEL_EXPORTER_OTLP_PROTOCOL=http/json

ok() { printf 'ok - %s\n' "$1"; }
fail() { printf 'FAIL - %s: %s\n' "$1" "$(printf '%s' "$2" | tr '\n' ' ' | head -c 600)"; }
skip() { printf 'skip - %s: %s\n' "$1" "$2"; }

if ! command -v python3 >/dev/null 2>&1; then
	skip "otlp" "python3 not installed"
	exit 0
fi
if ! "$HYTRACE" --help 2>&1 | grep -q -- --otlp; then
	skip "otlp" "this hytrace has no --otlp"
	exit 0
fi

# The checker: check.py DIR [procs=N] [mode=events|spans|none] [need=a,b] [exits=0,1,7]
# [threads=N] [maxspans=N] [maxevents=N] [dropped=1] [service=NAME] [rel=1] [minreq=N]
# Prints one line: "ok SUMMARY" or the problems found; exit status 1 on problems.
cat >"$W/check.py" <<'PYEOF'
import glob, json, os, re, sys, time

d = sys.argv[1]
opt = dict(a.split('=', 1) for a in sys.argv[2:])
errs = []
def err(m):
    if len(errs) < 8:
        errs.append(m)

CAMEL = re.compile(r'^[a-z][a-zA-Z0-9]*$')
HEX32, HEX16 = re.compile(r'^[0-9a-f]{32}$'), re.compile(r'^[0-9a-f]{16}$')
DEC = re.compile(r'^-?[0-9]+$')
VALUE_KINDS = {'stringValue', 'intValue', 'boolValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'}

def keys(o, path):
    if isinstance(o, dict):
        for k, v in o.items():
            if not CAMEL.match(k):
                err('key %r is not lowerCamelCase (at %s)' % (k, path))
            keys(v, path + '.' + k)
    elif isinstance(o, list):
        for v in o:
            keys(v, path + '[]')

def anyvalue(v, where):
    if not isinstance(v, dict) or len(v) != 1 or next(iter(v)) not in VALUE_KINDS:
        err('%s: bad AnyValue %r' % (where, v)); return None
    k, x = next(iter(v.items()))
    if k == 'intValue' and not (isinstance(x, str) and DEC.match(x)):
        err('%s: intValue %r is not a decimal string' % (where, x))
    if k == 'boolValue' and not isinstance(x, bool):
        err('%s: boolValue %r' % (where, x))
    if k == 'stringValue' and not isinstance(x, str):
        err('%s: stringValue %r' % (where, x))
    if k == 'arrayValue':
        return [anyvalue(e, where) for e in x.get('values', [])]
    return int(x) if k == 'intValue' else x

def attrs(lst, where):
    out = {}
    for kv in lst:
        if set(kv) != {'key', 'value'}:
            err('%s: bad KeyValue %r' % (where, kv)); continue
        out[kv['key']] = anyvalue(kv['value'], where + ' ' + kv['key'])
    return out

def ns(v, where):
    if not (isinstance(v, str) and re.match(r'^[0-9]+$', v)):
        err('%s: %r is not nanoseconds as a decimal string' % (where, v)); return 0
    return int(v)

files = sorted(glob.glob(os.path.join(d, 'req-*.json')), key=lambda f: int(re.findall(r'\d+', os.path.basename(f))[-1]))
spans, traceids, nreq, reqsizes = [], set(), 0, []
for f in files:
    nreq += 1
    try:
        body = json.load(open(f))
    except Exception as e:
        err('%s: not JSON: %s' % (f, e)); continue
    keys(body, '')
    n = 0
    for rs in body.get('resourceSpans', []):
        res = attrs(rs.get('resource', {}).get('attributes', []), 'resource')
        if 'service' in opt and res.get('service.name') != opt['service']:
            err('service.name %r, want %r' % (res.get('service.name'), opt['service']))
        if not res.get('service.name'):
            err('no service.name resource attribute')
        for ss in rs.get('scopeSpans', []):
            for sp in ss.get('spans', []):
                spans.append(sp); n += 1
    reqsizes.append(n)
if not spans:
    print('no spans received (%d requests)' % nreq); sys.exit(1)
if 'minreq' in opt and nreq < int(opt['minreq']):
    err('%d requests, expected at least %s' % (nreq, opt['minreq']))
if 'maxspans' in opt and max(reqsizes) > int(opt['maxspans']):
    err('a request with %d spans, over the batch size %s' % (max(reqsizes), opt['maxspans']))

now = time.time() * 1e9
byid, procs, scspans, nevents, scevents = {}, [], [], 0, 0
for sp in spans:
    w = 'span %s' % sp.get('name')
    tid, sid = sp.get('traceId', ''), sp.get('spanId', '')
    traceids.add(tid)
    if not HEX32.match(tid) or tid == '0' * 32:
        err('%s: traceId %r is not 32 lowercase hex digits' % (w, tid))
    if not HEX16.match(sid) or sid == '0' * 16:
        err('%s: spanId %r is not 16 lowercase hex digits' % (w, sid))
    if 'parentSpanId' in sp and not HEX16.match(sp['parentSpanId']):
        err('%s: parentSpanId %r' % (w, sp['parentSpanId']))
    if sid in byid:
        err('spanId %s used twice' % sid)
    byid[sid] = sp
    if sp.get('kind') != 1:
        err('%s: kind %r, want the integer 1 (INTERNAL)' % (w, sp.get('kind')))
    if not isinstance(sp.get('status', {}).get('code', 0), int):
        err('%s: status.code is not an integer' % w)
    sp['_s'], sp['_e'] = ns(sp.get('startTimeUnixNano'), w), ns(sp.get('endTimeUnixNano'), w)
    if sp['_s'] > sp['_e']:
        err('%s: starts after it ends' % w)
    if not now - 86400e9 < sp['_s'] < now + 60e9:
        err('%s: start %d is not near now' % (w, sp['_s']))
    if 'rel' in opt and abs(sp['_e'] - now) > 120e9 and sp['_e'] > now + 5e9:
        err('%s: ends after now with --relative-to-now' % w)
    sp['_a'] = attrs(sp.get('attributes', []), w)
    for ev in sp.get('events', []):
        nevents += 1
        t = ns(ev.get('timeUnixNano'), w + ' event')
        ea = attrs(ev.get('attributes', []), w + ' event ' + str(ev.get('name')))
        if not sp['_s'] <= t <= sp['_e']:
            err('%s: event %s at %d outside the span [%d, %d]' % (w, ev.get('name'), t, sp['_s'], sp['_e']))
        if 'hytrace.syscall.args' in ea:
            scevents += 1
            if not isinstance(ea.get('thread.id'), int):
                err('%s: syscall event without thread.id' % w)
    if 'maxevents' in opt and len(sp.get('events', [])) > int(opt['maxevents']):
        err('%s: %d events, over the limit %s' % (w, len(sp['events']), opt['maxevents']))
    (procs if 'process.pid' in sp['_a'] else scspans).append(sp)

if len(traceids) != 1:
    err('%d different traceIds in one run' % len(traceids))
if 'procs' in opt and len(procs) != int(opt['procs']):
    err('%d process spans, expected %s (processes traced)' % (len(procs), opt['procs']))
roots = [p for p in procs if 'parentSpanId' not in p]
if len(roots) != 1:
    err('%d process spans without a parent, expected 1 (the command)' % len(roots))
for p in procs:
    if 'parentSpanId' in p:
        par = byid.get(p['parentSpanId'])
        if par is None or 'process.pid' not in par['_a']:
            err('process %s: parent span is not a process span' % p['_a']['process.pid'])
        elif par['_a']['process.pid'] != p['_a'].get('process.parent_pid'):
            err('process %s: parent span is pid %s, process.parent_pid is %s' % (p['_a']['process.pid'], par['_a']['process.pid'], p['_a'].get('process.parent_pid')))
        elif p['_s'] < par['_s']:
            err('process %s starts before its parent' % p['_a']['process.pid'])
    # every span reaches the root: the links form a tree
    seen, q = set(), p
    while 'parentSpanId' in q and q['spanId'] not in seen:
        seen.add(q['spanId']); q = byid.get(q['parentSpanId'], {})
    if q.get('spanId') in seen:
        err('a cycle of parent links')
for s in scspans:
    par = byid.get(s.get('parentSpanId'))
    if par is None or 'process.pid' not in par['_a']:
        err('syscall span %s is not a child of a process span' % s.get('name'))
    elif not par['_s'] <= s['_s'] <= s['_e'] <= par['_e']:
        err('syscall span %s [%d, %d] outside its process [%d, %d]' % (s.get('name'), s['_s'], s['_e'], par['_s'], par['_e']))
    if 'hytrace.syscall.args' not in s['_a'] or not re.match(r'^[a-z0-9_]+$', s.get('name', '')):
        err('span %r is neither a process nor a syscall' % s.get('name'))
mode = opt.get('mode', 'events')
if mode == 'events' and (scevents == 0 or scspans):
    err('events mode: %d syscall events, %d syscall spans' % (scevents, len(scspans)))
if mode == 'spans' and (not scspans or scevents):
    err('spans mode: %d syscall spans, %d syscall events' % (len(scspans), scevents))
if mode == 'none' and (scspans or scevents):
    err('none: %d syscall spans, %d syscall events' % (len(scspans), scevents))
names = {e.get('name') for p in procs for e in p.get('events', [])} | {s.get('name') for s in scspans}
for n in filter(None, opt.get('need', '').split(',')):
    if n not in names:
        err('no syscall %s seen' % n)
if 'exits' in opt:
    got = sorted(p['_a'].get('process.exit.code', -1) for p in procs)
    want = sorted(int(x) for x in opt['exits'].split(','))
    if got != want:
        err('exit codes %s, expected %s' % (got, want))
if 'threads' in opt and not any(p['_a'].get('hytrace.threads') == int(opt['threads']) for p in procs):
    err('no process span with hytrace.threads = %s: %s' % (opt['threads'], [p['_a'].get('hytrace.threads') for p in procs]))
if 'dropped' in opt and not any(p.get('droppedEventsCount', 0) > 0 for p in procs):
    err('no span says droppedEventsCount')
if errs:
    print('; '.join(errs)); sys.exit(1)
print('ok requests=%d spans=%d processes=%d syscall_spans=%d events=%d syscall_events=%d' % (nreq, len(spans), len(procs), len(scspans), nevents, scevents))
PYEOF

RPID=
# recv NAME [receiver options]: start a receiver recording into $W/NAME; sets PORT and RPID.
recv() {
	_d=$W/$1
	shift
	rm -rf "$_d"
	mkdir -p "$_d"
	python3 "$HERE/otlp_receiver.py" "$_d" --timeout 90 "$@" >"$_d.port" 2>"$_d.err" &
	RPID=$!
	PORT=
	for _i in $(seq 1 100); do
		PORT=$(head -n 1 "$_d.port" 2>/dev/null)
		[ -n "$PORT" ] && return 0
		sleep 0.05
	done
	return 1
}
stop() {
	[ -n "$RPID" ] && kill "$RPID" 2>/dev/null && wait "$RPID" 2>/dev/null
	RPID=
}

# check NAME DIR CHECKER-OPTIONS...: run the checker, print ok/FAIL
check() {
	_n=$1
	_d=$2
	shift 2
	if _out=$(python3 "$W/check.py" "$_d" "$@" 2>&1); then
		ok "$_n"
		printf '# %s: %s\n' "$_n" "$_out"
	else
		fail "$_n" "$_out"
	fi
}

# Processes in a program's run, from a text trace: distinct pids (the test programs used here
# create no threads, except `threads`).
nprocs() {
	$TMO "$HYTRACE" -f -o "$W/$1.txt" "$PROGS/$1" >/dev/null 2>&1
	awk '$1 ~ /^[0-9]+$/ { p[$1] = 1 } END { n = 0; for (k in p) n++; print n }' "$W/$1.txt"
}

NPROC=$(nprocs proc)
if [ "${NPROC:-0}" -lt 2 ]; then
	fail "otlp: text trace of proc" "expected several processes, got '$NPROC'"
	NPROC=5
fi

# exit codes of proc's processes: fork 0, vfork 1, clone3 2, exec-child 7, proc itself 0
PROC_EXITS=0,0,1,2,7

for be in ptrace bpf; do
	if [ $be = bpf ] && ! $TMO "$HYTRACE" --backend=bpf -o /dev/null true >/dev/null 2>&1; then
		skip "otlp bpf" "the eBPF backend is not usable here"
		continue
	fi
	# the process tree, syscalls as span events
	if recv $be-events; then
		$TMO "$HYTRACE" --backend=$be -f --otlp="http://127.0.0.1:$PORT/v1/traces" "$PROGS/proc" \
			>/dev/null 2>"$W/$be-events.stderr"
		rc=$?
		stop
		if [ $rc -ne 0 ]; then
			fail "otlp $be: proc traced" "exit $rc: $(cat "$W/$be-events.stderr")"
		else
			check "otlp $be: spans of proc follow OTLP/JSON, one per process ($NPROC), forming the process tree, syscall events" \
				"$W/$be-events" procs="$NPROC" mode=events need=wait4,waitid,execve,exit_group exits=$PROC_EXITS
		fi
		grep -q "/v1/traces application/json" "$W/$be-events/log" && ok "otlp $be: POST /v1/traces, Content-Type application/json" ||
			fail "otlp $be: POST /v1/traces, Content-Type application/json" "$(cat "$W/$be-events/log")"
	else
		fail "otlp $be: receiver" "did not start: $(cat "$W/$be-events.err")"
	fi
	# threads belong to their process's span
	if recv $be-threads; then
		$TMO "$HYTRACE" --backend=$be -f --otlp="http://127.0.0.1:$PORT" "$PROGS/threads" >/dev/null 2>&1
		stop
		check "otlp $be: threads in their process's span (URL without a path gets /v1/traces)" \
			"$W/$be-threads" procs=1 threads=4 need=clone3,read
	fi
done

# syscalls as child spans, and none
if recv spans; then
	$TMO "$HYTRACE" -f --otlp="http://127.0.0.1:$PORT/v1/traces" --otlp-syscalls=spans "$PROGS/proc" >/dev/null 2>&1
	stop
	check "otlp --otlp-syscalls=spans: child spans of the process spans" "$W/spans" procs="$NPROC" mode=spans need=wait4,execve
fi
if recv none; then
	$TMO "$HYTRACE" -f --otlp="http://127.0.0.1:$PORT/v1/traces" --otlp-syscalls=none "$PROGS/proc" >/dev/null 2>&1
	stop
	check "otlp --otlp-syscalls=none: process spans only" "$W/none" procs="$NPROC" mode=none exits=$PROC_EXITS
fi

# batching: a small batch size gives several requests, none over it, nothing lost
if recv batch; then
	OTEL_BSP_MAX_EXPORT_BATCH_SIZE=7 $TMO "$HYTRACE" -f --otlp="http://127.0.0.1:$PORT/v1/traces" \
		--otlp-syscalls=spans "$PROGS/proc" >/dev/null 2>&1
	stop
	check "otlp batching (OTEL_BSP_MAX_EXPORT_BATCH_SIZE=7): several requests, all spans" \
		"$W/batch" procs="$NPROC" mode=spans maxspans=7 minreq=3
fi

# the per-span event limit, counted in droppedEventsCount and said on stderr
if recv limit; then
	OTEL_SPAN_EVENT_COUNT_LIMIT=5 $TMO "$HYTRACE" -f --otlp="http://127.0.0.1:$PORT/v1/traces" \
		"$PROGS/proc" >/dev/null 2>"$W/limit.stderr"
	stop
	check "otlp event limit (OTEL_SPAN_EVENT_COUNT_LIMIT=5): droppedEventsCount" "$W/limit" \
		procs="$NPROC" maxevents=5 dropped=1
	grep -q "over the limit of 5 per span" "$W/limit.stderr" && ok "otlp event limit: said on stderr" ||
		fail "otlp event limit: said on stderr" "$(cat "$W/limit.stderr")"
fi

# the environment: endpoint (base URL), headers, service name, resource attributes
if recv env; then
	OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$PORT" OTEL_SERVICE_NAME=otlp-test \
		OTEL_EXPORTER_OTLP_HEADERS="x-hytrace-test=a%20b" OTEL_RESOURCE_ATTRIBUTES="deployment.environment=ci" \
		$TMO "$HYTRACE" -f --format=otlp "$PROGS/proc" >/dev/null 2>&1
	stop
	check "otlp OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME" "$W/env" procs="$NPROC" service=otlp-test
	if grep -qi "^x-hytrace-test: a b" "$W/env/headers-1.txt" 2>/dev/null &&
		grep -q 'deployment.environment' "$W/env/req-1.json" 2>/dev/null; then
		ok "otlp OTEL_EXPORTER_OTLP_HEADERS, OTEL_RESOURCE_ATTRIBUTES"
	else
		fail "otlp OTEL_EXPORTER_OTLP_HEADERS, OTEL_RESOURCE_ATTRIBUTES" "$(cat "$W/env/headers-1.txt" 2>&1)"
	fi
fi

# retries: 503 twice, then 200: nothing lost
if recv retry --fail 2 --fail-status 503; then
	$TMO "$HYTRACE" -f --otlp="http://127.0.0.1:$PORT/v1/traces" "$PROGS/proc" >/dev/null 2>"$W/retry.stderr"
	rc=$?
	stop
	codes=$(awk '{ printf "%s ", $2 }' "$W/retry/log")
	case $codes in
	"503 503 200 "*) [ $rc -eq 0 ] && ok "otlp 503 twice then 200: retried, exit 0" ||
		fail "otlp 503 twice then 200: retried, exit 0" "exit $rc: $(cat "$W/retry.stderr")" ;;
	*) fail "otlp 503 twice then 200: retried, exit 0" "answers: $codes" ;;
	esac
	check "otlp 503 twice then 200: every span arrives" "$W/retry" procs="$NPROC" mode=events
fi

# 429 with Retry-After: 1 is honoured
if recv retry-after --fail 1 --fail-status 429 --retry-after 1; then
	$TMO "$HYTRACE" -f --otlp="http://127.0.0.1:$PORT/v1/traces" "$PROGS/proc" >/dev/null 2>&1
	stop
	gap=$(awk 'NR == 1 { t = $1 } NR == 2 { printf "%d", ($1 - t) * 1000 }' "$W/retry-after/log")
	if [ "${gap:-0}" -ge 900 ] && [ "$(awk '{ printf "%s ", $2 }' "$W/retry-after/log")" = "429 200 " ]; then
		ok "otlp 429 with Retry-After: 1: waited ${gap} ms, then sent"
	else
		fail "otlp 429 with Retry-After: 1" "gap ${gap:-?} ms, answers: $(awk '{ printf "%s ", $2 }' "$W/retry-after/log")"
	fi
fi

# a collector that refuses the data: one clear line, non-zero exit
if recv bad --status 400; then
	$TMO "$HYTRACE" -f --otlp="http://127.0.0.1:$PORT/v1/traces" "$PROGS/proc" >/dev/null 2>"$W/bad.stderr"
	rc=$?
	stop
	n400=$(grep -c " 400 " "$W/bad/log")
	if grep -q "^hytrace: cannot send spans to http://127.0.0.1:$PORT/v1/traces: HTTP 400 Bad Request" "$W/bad.stderr" &&
		[ "$n400" -eq 1 ]; then
		ok "otlp HTTP 400: one clear error line, not retried"
	else
		fail "otlp HTTP 400: one clear error line, not retried" "$n400 requests; stderr: $(cat "$W/bad.stderr")"
	fi
	[ $rc -ne 0 ] && ok "otlp HTTP 400: non-zero exit" ||
		fail "otlp HTTP 400: non-zero exit" "exit 0 (user/main.c must fail when pipeline_close() fails)"
fi

# no receiver: a port that was just free
CLOSED=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
rm -f "$W/ran"
$TMO "$HYTRACE" -f --otlp="http://127.0.0.1:$CLOSED/v1/traces" sh -c "touch $W/ran" >/dev/null 2>"$W/closed.stderr"
rc=$?
want="hytrace: cannot send spans to http://127.0.0.1:$CLOSED/v1/traces: Connection refused"
if [ $rc -ne 0 ] && [ "$(cat "$W/closed.stderr")" = "$want" ] && [ ! -e "$W/ran" ]; then
	ok "otlp no receiver: '$want', exit $rc, command not run"
else
	fail "otlp no receiver: one-line error, non-zero exit, command not run" \
		"exit $rc, ran: $([ -e "$W/ran" ] && echo yes || echo no), stderr: $(cat "$W/closed.stderr")"
fi

# a collector that accepts and never answers: one deadline for the whole export
# (OTEL_EXPORTER_OTLP_TIMEOUT, ms, retries and waits included), then one line and exit 1
ms_now() { date +%s%3N; }
# hang NAME ENV...: trace `true` to a hanging receiver under ENV; sets rc, ms, want
hang() {
	_n=$1
	shift
	recv "$_n" --hang || return 1
	_t0=$(ms_now)
	env "$@" $TMO "$HYTRACE" --otlp="http://127.0.0.1:$PORT/v1/traces" true >/dev/null 2>"$W/$_n.stderr"
	rc=$?
	ms=$(($(ms_now) - _t0))
	stop
}
if hang hang OTEL_EXPORTER_OTLP_TIMEOUT=1000; then
	want="hytrace: cannot send spans to http://127.0.0.1:$PORT/v1/traces: no answer within 1000 ms (OTEL_EXPORTER_OTLP_TIMEOUT)"
	if [ $rc -eq 1 ] && [ "$(cat "$W/hang.stderr")" = "$want" ] && [ $ms -lt 3000 ]; then
		ok "otlp collector that never answers, OTEL_EXPORTER_OTLP_TIMEOUT=1000: '$want', exit 1 after $ms ms"
	else
		fail "otlp collector that never answers, OTEL_EXPORTER_OTLP_TIMEOUT=1000: one line, exit 1 within 3 s" \
			"exit $rc after $ms ms, stderr: $(cat "$W/hang.stderr")"
	fi
fi
# the traces variable takes precedence over the generic one
if hang hang-traces OTEL_EXPORTER_OTLP_TIMEOUT=60000 OTEL_EXPORTER_OTLP_TRACES_TIMEOUT=1000; then
	if [ $rc -eq 1 ] && [ $ms -lt 3000 ] &&
		grep -qx "hytrace: cannot send spans to .*: no answer within 1000 ms (OTEL_EXPORTER_OTLP_TRACES_TIMEOUT)" "$W/hang-traces.stderr"; then
		ok "otlp OTEL_EXPORTER_OTLP_TRACES_TIMEOUT=1000 over OTEL_EXPORTER_OTLP_TIMEOUT=60000: exit 1 after $ms ms"
	else
		fail "otlp OTEL_EXPORTER_OTLP_TRACES_TIMEOUT takes precedence" \
			"exit $rc after $ms ms, stderr: $(cat "$W/hang-traces.stderr")"
	fi
fi
# invalid values: one warning each, the default applies, the spans are sent
for v in abc 0 -5 1.5 10s 99999999999; do
	if recv badtmo; then
		OTEL_EXPORTER_OTLP_TIMEOUT=$v $TMO "$HYTRACE" --otlp="http://127.0.0.1:$PORT/v1/traces" true \
			>/dev/null 2>"$W/badtmo.stderr"
		rc=$?
		stop
		want="hytrace: ignoring OTEL_EXPORTER_OTLP_TIMEOUT=$v (not a number of milliseconds from 1 to 2147483647)"
		if [ $rc -eq 0 ] && [ "$(cat "$W/badtmo.stderr")" = "$want" ] && [ -s "$W/badtmo/req-1.json" ]; then
			ok "otlp OTEL_EXPORTER_OTLP_TIMEOUT=$v: one warning, spans sent with the default"
		else
			fail "otlp OTEL_EXPORTER_OTLP_TIMEOUT=$v: one warning, spans sent" \
				"exit $rc, stderr: $(cat "$W/badtmo.stderr")"
		fi
	fi
done

# --relative-to-now: an old strace log (2001) converted, ending now
if printf '1  getpid() = 1\n' | $TMO "$HYTRACE" --input - -o /dev/null >/dev/null 2>&1; then
	cat >"$W/old.strace" <<'EOF'
4242  1000000000.100000 openat(AT_FDCWD, "/etc/hosts", O_RDONLY) = 3 <0.000010>
4242  1000000000.200000 close(3)        = 0 <0.000005>
4242  1000000000.300000 exit_group(0)   = ?
4242  1000000000.300100 +++ exited with 0 +++
EOF
	if recv rel; then
		$TMO "$HYTRACE" --input "$W/old.strace" --otlp="http://127.0.0.1:$PORT/v1/traces" --relative-to-now \
			>/dev/null 2>"$W/rel.stderr"
		stop
		check "otlp --relative-to-now on an old strace log: times end now" "$W/rel" procs=1 rel=1 need=openat,close
	fi
else
	skip "otlp --relative-to-now on a strace log" "--input (the strace log reader) does not work here"
fi

# --- protobuf, gzip, logs, several outputs, the environment, checked with opentelemetry-proto ---
unset OTEL_EXPORTER_OTLP_PROTOCOL
PYPB=/usr/bin/python3	# Debian's python3-protobuf (tests/deps.sh)
GEN=$W/gen
if ! command -v protoc >/dev/null 2>&1 || ! "$PYPB" -c 'import google.protobuf' 2>/dev/null; then
	skip "otlp protobuf" "protoc or Debian's python3-protobuf missing (tests/deps.sh installs them)"
	stop
	exit 0
fi
mkdir -p "$GEN"
if ! protoc -I "$HERE/proto" --python_out="$GEN" $(cd "$HERE/proto" && find opentelemetry -name '*.proto') \
	2>"$W/protoc.err"; then
	fail "otlp: the pinned protos compile" "$(cat "$W/protoc.err")"
	stop
	exit 0
fi
# pcheck NAME DIR PYTHON-EXPR: the bodies in DIR decoded with the official definitions; the
# expression (over `o`, the checker's summary) must be true
pcheck() {
	_n=$1
	_d=$2
	_f=$(ls "$_d"/req-* "$_d"/logs-* 2>/dev/null)
	if [ -z "$_f" ]; then
		fail "$_n" "no request received: $(cat "$_d/log" 2>/dev/null)"
		return
	fi
	# shellcheck disable=SC2086 # the file names are ours, without spaces
	if ! "$PYPB" "$HERE/otlp_proto_check.py" "$GEN" $_f >"$_d.sum" 2>"$_d.sumerr"; then
		fail "$_n" "$(cat "$_d.sumerr")"
		return
	fi
	_out=$(cat "$_d.sum")
	if printf '%s' "$_out" | "$PYPB" -c "import json, sys; o = json.load(sys.stdin); sys.exit(0 if ($3) else 1)"; then
		ok "$_n"
	else
		fail "$_n" "$(printf '%s' "$_out" | head -c 500)"
	fi
}
URLB="http://127.0.0.1"
if recv pb; then
	$TMO "$HYTRACE" -f --otlp="$URLB:$PORT/v1/traces" "$PROGS/proc" >/dev/null 2>"$W/pb.stderr"
	stop
	grep -q "/v1/traces application/x-protobuf" "$W/pb/log" && ok "otlp: protobuf by default (Content-Type application/x-protobuf)" ||
		fail "otlp: protobuf by default" "$(cat "$W/pb/log" "$W/pb.stderr")"
	pcheck "otlp protobuf: ExportTraceServiceRequest decodes with opentelemetry-proto v1.9.0, one span per process ($NPROC), scope and SDK attributes" \
		"$W/pb" "len([s for s in o['spans'] if 'process.pid' in s['attrs']]) == $NPROC and o['scope'] == ['hytrace', '$("$HYTRACE" -V 2>&1 | awk 'NR == 1 { print $NF }')'] and o['resource'].get('telemetry.sdk.name') == 'hytrace' and 'telemetry.sdk.version' in o['resource'] and any('wait4' in s['events'] for s in o['spans'])"
	grep -qi "^User-Agent: hytrace/" "$W/pb/headers-1.txt" && ok "otlp: User-Agent hytrace/VERSION" ||
		fail "otlp: User-Agent hytrace/VERSION" "$(cat "$W/pb/headers-1.txt")"
fi
if recv json2; then
	OTEL_EXPORTER_OTLP_PROTOCOL=http/json $TMO "$HYTRACE" -f --otlp="$URLB:$PORT/v1/traces" "$PROGS/proc" >/dev/null 2>&1
	stop
	pcheck "otlp http/json: parses with protobuf's strict JSON parser and the official definitions" \
		"$W/json2" "len([s for s in o['spans'] if 'process.pid' in s['attrs']]) == $NPROC"
fi
if recv gz; then
	OTEL_EXPORTER_OTLP_COMPRESSION=gzip $TMO "$HYTRACE" --otlp="$URLB:$PORT" "$PROGS/proc" >/dev/null 2>&1
	stop
	if ls "$W/gz"/gzip-* >/dev/null 2>&1 && grep -qi "^Content-Encoding: gzip" "$W/gz/headers-1.txt"; then
		pcheck "otlp OTEL_EXPORTER_OTLP_COMPRESSION=gzip: Content-Encoding gzip, the body decompresses and decodes" \
			"$W/gz" "len(o['spans']) >= 1"
	else
		fail "otlp gzip" "no gzip request: $(cat "$W/gz/log")"
	fi
fi
# --logs: each trace line a log record in its process's span, at /v1/logs beside the traces
if recv logs; then
	$TMO "$HYTRACE" -f --logs --otlp="$URLB:$PORT/v1/traces" "$PROGS/proc" >/dev/null 2>"$W/logs.stderr"
	stop
	pcheck "otlp --logs: ExportLogsServiceRequest at /v1/logs, lines as the text output prints them, linked to the process spans" \
		"$W/logs" "o['logs'] and all(l['span_id'] in {s['span_id'] for s in o['spans']} and l['trace_id'] == o['spans'][0]['trace_id'] for l in o['logs']) and any(l['body'].startswith('wait4(') for l in o['logs']) and any(l['body'].startswith('+++ exited with 7 +++') for l in o['logs'])"
	grep -q " /v1/logs application/x-protobuf" "$W/logs/log" && ok "otlp --logs: POST /v1/logs" ||
		fail "otlp --logs: POST /v1/logs" "$(cat "$W/logs/log" "$W/logs.stderr")"
fi
# several outputs at once: --format=perfetto -o FILE and --otlp; --format=json -o - and --otlp
if recv multi; then
	$TMO "$HYTRACE" -f --format=perfetto -o "$W/multi.pftrace" --otlp="$URLB:$PORT" "$PROGS/proc" >/dev/null 2>"$W/multi.stderr"
	stop
	if [ -s "$W/multi.pftrace" ] && protoc --decode_raw <"$W/multi.pftrace" >/dev/null 2>&1; then
		pcheck "otlp with --format=perfetto -o FILE: both outputs from one run" "$W/multi" \
			"len([s for s in o['spans'] if 'process.pid' in s['attrs']]) == $NPROC"
	else
		fail "otlp with --format=perfetto: both outputs" "no perfetto file: $(cat "$W/multi.stderr")"
	fi
fi
# "--otlp URL" (a space, as people type it) is the URL, never run as a command
if recv space; then
	$TMO "$HYTRACE" --otlp "$URLB:$PORT" "$PROGS/proc" >/dev/null 2>"$W/space.stderr"
	rc=$?
	stop
	[ $rc -eq 0 ] && ls "$W/space"/req-* >/dev/null 2>&1 && ok "otlp: '--otlp URL' with a space is the URL" ||
		fail "otlp: '--otlp URL' with a space" "exit $rc: $(cat "$W/space.stderr")"
fi
# the collector reports a partial success: rejected spans are said, in either encoding
for enc in http/protobuf http/json; do
	if recv partial --partial "2:quota exceeded"; then
		OTEL_EXPORTER_OTLP_PROTOCOL=$enc $TMO "$HYTRACE" --otlp="$URLB:$PORT" "$PROGS/proc" >/dev/null 2>"$W/partial.stderr"
		stop
		grep -q "rejected 2 spans: quota exceeded" "$W/partial.stderr" && ok "otlp $enc: partial success reported (2 rejected spans and the message)" ||
			fail "otlp $enc: partial success reported" "$(cat "$W/partial.stderr")"
	fi
done
# the environment turns export off, or asks for gRPC
if recv off; then
	OTEL_SDK_DISABLED=true $TMO "$HYTRACE" --otlp="$URLB:$PORT" "$PROGS/proc" >/dev/null 2>"$W/off.stderr"
	rc=$?
	stop
	if [ $rc -eq 0 ] && ! ls "$W/off"/req-* >/dev/null 2>&1 && grep -q "OTEL_SDK_DISABLED=true" "$W/off.stderr"; then
		ok "otlp OTEL_SDK_DISABLED=true: nothing sent, one line says so"
	else
		fail "otlp OTEL_SDK_DISABLED=true" "exit $rc: $(cat "$W/off.stderr"; ls "$W/off")"
	fi
fi
OTEL_TRACES_EXPORTER=none $TMO "$HYTRACE" --otlp=http://127.0.0.1:9/v1/traces -o /dev/null true >/dev/null 2>"$W/none.stderr"
rc=$?
[ $rc -eq 0 ] && grep -q "OTEL_TRACES_EXPORTER=none" "$W/none.stderr" && ok "otlp OTEL_TRACES_EXPORTER=none: no exporter, no connection" ||
	fail "otlp OTEL_TRACES_EXPORTER=none" "exit $rc: $(cat "$W/none.stderr")"
OTEL_EXPORTER_OTLP_PROTOCOL=grpc $TMO "$HYTRACE" --otlp=http://127.0.0.1:9 true >/dev/null 2>"$W/grpc.stderr"
rc=$?
[ $rc -ne 0 ] && [ "$(wc -l <"$W/grpc.stderr")" -eq 1 ] && grep -q "gRPC" "$W/grpc.stderr" && ok "otlp OTEL_EXPORTER_OTLP_PROTOCOL=grpc: one clear error" ||
	fail "otlp OTEL_EXPORTER_OTLP_PROTOCOL=grpc: one clear error" "exit $rc: $(cat "$W/grpc.stderr")"

stop
exit 0
