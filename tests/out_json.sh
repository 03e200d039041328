#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# out_json.sh: --format=json on real traces of the test programs, both backends: every line
# parses (jq and python), validates against docs/json-schema.json, and carries what the program
# did (names, flags, errno, fds with paths, forks, execs, signals, exits).
#
# Run by tests/run.sh section h, or alone:
#   HYTRACE=build/hytrace PROGS=build/tests/progs HWORK=/tmp/hw TMO="timeout 60" sh tests/out_json.sh
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).
#
# The schema check is a small validator for the subset of JSON Schema the schema uses ($ref,
# type, const, enum, required, properties, additionalProperties, items, oneOf, anyOf, minimum);
# it fails on any other keyword, so the schema cannot silently use an unchecked one.  (Debian's
# python3-jsonschema could replace it; it is not a dependency.)

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$ROOT/$PROGS ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-json.XXXXXX)}
TMO=${TMO:-timeout -k 5 60}
SCHEMA=$ROOT/docs/json-schema.json
W=$HWORK/json
mkdir -p "$W/run" "$W/ff"
export TZ=UTC LC_ALL=C

ok() { printf 'ok - %s\n' "$1"; }
fail() { printf 'FAIL - %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 600 | tr '\n' ' ')"; }
skip() { printf 'skip - %s: %s\n' "$1" "$2"; }

cat >"$W/check.py" <<'EOF'
# check.py SCHEMA FILE [EXPECT...]: every line of FILE is one JSON object that validates against
# SCHEMA; each EXPECT is "label=python expression" that must hold for at least one record r
# (or, for "all:label=expr", for every record).  Prints the first problem and exits 1.
import json, sys

KNOWN = {"$schema", "$id", "$defs", "$ref", "title", "description", "type", "const", "enum",
         "required", "properties", "additionalProperties", "items", "oneOf", "anyOf", "minimum"}

def keywords(s, where="#"):
    if isinstance(s, dict):
        for k, v in s.items():
            if k not in KNOWN and not where.endswith(("/properties", "/$defs")):
                raise SystemExit("schema: unsupported keyword %s at %s" % (k, where))
            keywords(v, where + "/" + k)
    elif isinstance(s, list):
        for i, v in enumerate(s):
            keywords(v, "%s/%d" % (where, i))

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}

def is_type(v, t):
    if t == "integer":
        return isinstance(v, int) and not isinstance(v, bool)
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    return isinstance(v, TYPES[t])

def validate(v, s, root, path):
    """None if v matches schema s, else a message."""
    if s is True or s == {}:
        return None
    if s is False:
        return "%s: not allowed" % path
    if "$ref" in s:
        node = root
        for part in s["$ref"].lstrip("#/").split("/"):
            node = node[part]
        err = validate(v, node, root, path)
        if err:
            return err
    if "type" in s:
        ts = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(is_type(v, t) for t in ts):
            return "%s: %s is not of type %s" % (path, json.dumps(v)[:80], "/".join(ts))
    if "const" in s and (v != s["const"] or type(v) != type(s["const"])):
        return "%s: %s is not %s" % (path, json.dumps(v)[:80], json.dumps(s["const"]))
    if "enum" in s and v not in s["enum"]:
        return "%s: %s is not one of %s" % (path, json.dumps(v)[:80], s["enum"])
    if "minimum" in s and is_type(v, "number") and v < s["minimum"]:
        return "%s: %s < %s" % (path, v, s["minimum"])
    if isinstance(v, dict):
        for k in s.get("required", []):
            if k not in v:
                return "%s: missing %s" % (path, k)
        props = s.get("properties", {})
        for k, x in v.items():
            if k in props:
                err = validate(x, props[k], root, path + "." + k)
            elif "additionalProperties" in s:
                err = validate(x, s["additionalProperties"], root, path + "." + k)
            else:
                err = None
            if err:
                return err
    if isinstance(v, list) and "items" in s:
        for i, x in enumerate(v):
            err = validate(x, s["items"], root, "%s[%d]" % (path, i))
            if err:
                return err
    if "anyOf" in s:
        errs = [validate(v, x, root, path) for x in s["anyOf"]]
        if all(errs):
            return "%s: matches none of anyOf (%s)" % (path, "; ".join(errs)[:300])
    if "oneOf" in s:
        errs = [validate(v, x, root, path) for x in s["oneOf"]]
        n = sum(1 for e in errs if not e)
        if n != 1:
            if n == 0 and isinstance(v, dict) and "type" in v:	# say why for its own type
                errs = [e for e in errs if "is not \"" not in e] or errs
            return "%s: matches %d of oneOf (%s)" % (path, n, "; ".join(e for e in errs if e)[:300])
    return None

schema = json.load(open(sys.argv[1]))
keywords(schema)
recs = []
with open(sys.argv[2], "rb") as f:
    data = f.read()
if data and not data.endswith(b"\n"):
    raise SystemExit("the last line is not ended")
for n, line in enumerate(data.split(b"\n")[:-1], 1):
    try:
        r = json.loads(line.decode("utf-8", "surrogateescape"))
    except Exception as e:
        raise SystemExit("line %d does not parse: %s: %s" % (n, e, line[:200]))
    if not isinstance(r, dict):
        raise SystemExit("line %d is not an object" % n)
    err = validate(r, schema, schema, "line %d" % n)
    if err:
        raise SystemExit("%s: %s" % (err, line[:300].decode("utf-8", "replace")))
    recs.append(r)
if not recs:
    raise SystemExit("no records")
for e in sys.argv[3:]:
    every = e.startswith("all:")
    label, expr = e[4 if every else 0:].split("=", 1)
    def holds(r):
        try:
            return bool(eval(expr, {}, {"r": r, "recs": recs}))
        except (KeyError, IndexError, TypeError, AttributeError):
            return False
    if every:
        bad = [r for r in recs if not holds(r)]
        if bad:
            raise SystemExit("%s: not true of %s" % (label, json.dumps(bad[0])[:300]))
    elif not any(holds(r) for r in recs):
        raise SystemExit("%s: no record has it" % label)
print("%d records" % len(recs))
EOF

# What each program's trace must show (python expressions over a record r).
SC='r["type"]=="syscall"'
expects()
{
	printf '%s\n' "all:dur not negative=r.get(\"dur\", 0) >= 0"
	printf '%s\n' "all:errno iff failed=(\"errno\" in r) == (r[\"type\"]==\"syscall\" and r.get(\"ret\") is not None and -4095 <= r[\"ret\"] < 0)"
	printf '%s\n' "all:ts set=r[\"ts\"] > 1500000000 * 10**9"
	printf '%s\n' "exited=r[\"type\"]==\"exit\" and r[\"tid\"]==r[\"pid\"]"
	case $1 in
	fs)
		printf '%s\n' "openat decoded=$SC and r[\"syscall\"]==\"openat\" and isinstance(r[\"args\"][\"filename\"], str) and \"O_CLOEXEC\" in r[\"args\"][\"flags\"][\"names\"] and r[\"args\"][\"flags\"][\"raw\"] & 0o2000000"
		printf '%s\n' "ENOENT=$SC and r[\"errno\"]==\"ENOENT\" and r[\"error\"]==\"No such file or directory\" and r[\"ret\"]==-2"
		printf '%s\n' "fd with path=$SC and isinstance(r[\"args\"][\"fd\"][\"path\"], str)"
		printf '%s\n' "returned fd with path=$SC and r[\"retval\"][\"fd\"]==r[\"ret\"] and r[\"retval\"][\"path\"]"
		printf '%s\n' "exec argv=r[\"type\"]==\"exec\" and r[\"argv\"][0].endswith(\"/fs\")"
		printf '%s\n' "exit 0=r[\"type\"]==\"exit\" and r[\"exit_code\"]==0"
		printf '%s\n' "struct=$SC and r[\"syscall\"]==\"newfstatat\" and \"st_mode\" in r[\"args\"][\"statbuf\"]" ;;
	net)
		if [ "$2" = bpf ]; then	# the eBPF backend resolves only socket:[INODE] (as -y)
			printf '%s\n' "socket fd=$SC and r[\"args\"][\"fd\"][\"path\"].startswith(\"socket:[\")"
		else
			printf '%s\n' "socket fd=$SC and r[\"args\"][\"fd\"][\"socket\"]"
		fi
		printf '%s\n' "socket flags=$SC and r[\"syscall\"]==\"socket\" and r[\"args\"][\"family\"][\"names\"]" ;;
	proc)
		printf '%s\n' "fork=r[\"type\"]==\"fork\" and not r[\"thread\"] and r[\"ppid\"] != r[\"pid\"]"
		printf '%s\n' "exec child=r[\"type\"]==\"exec\" and r[\"argv\"]==[\"proc\", \"exec-child\"]"
		printf '%s\n' "exit code=r[\"type\"]==\"exit\" and r[\"exit_code\"]==1"
		printf '%s\n' "no return=$SC and r[\"syscall\"]==\"exit_group\" and r[\"ret\"] is None and \"dur\" not in r" ;;
	signal)
		printf '%s\n' "signal=r[\"type\"]==\"signal\" and r[\"signal\"]==\"SIGUSR1\" and r[\"signo\"]==10 and r[\"siginfo\"][\"si_signo\"][\"names\"]==[\"SIGUSR1\"]"
		printf '%s\n' "sigaction=$SC and r[\"syscall\"]==\"rt_sigaction\" and r[\"args\"][\"sig\"][\"names\"]" ;;
	threads)
		printf '%s\n' "thread=r[\"type\"]==\"fork\" and r[\"thread\"] and r[\"tid\"] != r[\"pid\"]"
		printf '%s\n' "thread call=$SC and r[\"tid\"] != r[\"pid\"]" ;;
	sigsegv)
		printf '%s\n' "killed=r[\"type\"]==\"exit\" and r[\"signal\"]==\"SIGSEGV\" and r[\"signo\"]==11 and \"exit_code\" not in r"
		printf '%s\n' "SIGSEGV delivered=r[\"type\"]==\"signal\" and r[\"signal\"]==\"SIGSEGV\"" ;;
	esac
}

status_of() { case $1 in sigsegv) echo 139 ;; *) echo 0 ;; esac; }

# check NAME FILE PROG BACKEND: parse with jq and validate with the schema and the expectations
check()
{
	if [ ! -s "$2" ]; then
		fail "$1" "no output in $2 ($(head -c 300 "$2.err" 2>/dev/null))"
		return
	fi
	if command -v jq >/dev/null 2>&1; then
		if ! jqerr=$(jq -c . "$2" 2>&1 >/dev/null); then
			fail "$1" "jq cannot parse it: $jqerr"
			return
		fi
	fi
	_args=$(expects "$3" "$4")
	# shellcheck disable=SC2046
	if out=$(set -f; IFS='
'; python3 "$W/check.py" "$SCHEMA" "$2" $_args 2>&1); then
		ok "$1 ($out)"
	else
		fail "$1" "$out"
	fi
}

BACKENDS=ptrace
if (cd "$W/run" && $TMO "$HYTRACE" --backend=bpf -o /dev/null true) >/dev/null 2>&1; then
	BACKENDS="ptrace bpf"
else
	skip "json bpf" "the eBPF backend cannot run here"
fi

for b in $BACKENDS; do
	for p in fs desc mem net proc signal threads time misc sigsegv; do
		if [ ! -x "$PROGS/$p" ]; then
			skip "json $b $p" "$PROGS/$p not built"
			continue
		fi
		o=$W/$b.$p.jsonl
		(cd "$W/run" && $TMO "$HYTRACE" --backend=$b -f -yy --format=json -o "$o" "$PROGS/$p" \
			>"$o.stdout" 2>"$o.err"; exit $?) 2>/dev/null
		rc=$?
		if [ $rc -ne "$(status_of $p)" ]; then
			fail "json $b $p" "exit status $rc: $(head -c 300 "$o.err")"
			continue
		fi
		check "json $b $p" "$o" "$p" "$b"
	done
done

# -ff: a file per thread, FILE.TID, each valid and holding only that thread's records
if [ -x "$PROGS/threads" ]; then
	rm -f "$W/ff/t".*
	(cd "$W/run" && $TMO "$HYTRACE" --backend=ptrace -ff --format=json -o "$W/ff/t" "$PROGS/threads" \
		>/dev/null 2>"$W/ff.err")
	n=0
	bad=
	for f in "$W/ff/t".*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		tid=${f##*.}
		out=$(python3 "$W/check.py" "$SCHEMA" "$f" "all:own tid=r[\"tid\"]==$tid" 2>&1) || bad="$bad $f: $out;"
	done
	if [ $n -lt 2 ]; then
		fail "json -ff" "$n files ($(head -c 200 "$W/ff.err"))"
	elif [ -n "$bad" ]; then
		fail "json -ff" "$bad"
	else
		ok "json -ff ($n files)"
	fi
fi

# -e trace= filters json like text; -o in a missing directory is a clear error
if [ -x "$PROGS/fs" ]; then
	o=$W/filter.jsonl
	(cd "$W/run" && $TMO "$HYTRACE" --backend=ptrace -e trace=openat --format=json -o "$o" "$PROGS/fs" \
		>/dev/null 2>&1)
	if out=$(python3 "$W/check.py" "$SCHEMA" "$o" "all:only openat=r[\"type\"]!=\"syscall\" or r[\"syscall\"]==\"openat\"" \
		"openat=r[\"type\"]==\"syscall\"" 2>&1); then
		ok "json -e trace=openat"
	else
		fail "json -e trace=openat" "$out"
	fi
fi
err=$($TMO "$HYTRACE" --backend=ptrace --format=json -o /nonexistent/dir/x true 2>&1)
rc=$?
case $rc:$err in
0:*) fail "json bad -o" "exit status 0" ;;
*"cannot open /nonexistent/dir/x"*) ok "json bad -o" ;;
*) fail "json bad -o" "exit $rc, message: $err" ;;
esac

# the unit test's golden stream validates too
if out=$(python3 "$W/check.py" "$SCHEMA" tests/golden/json/stream.jsonl \
	"lost=r[\"type\"]==\"lost\" and r[\"reason\"]==\"ring_full\"" 2>&1); then
	ok "json golden stream validates ($out)"
else
	fail "json golden stream validates" "$out"
fi
exit 0
