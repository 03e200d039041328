#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# out_nvidia.sh: NVIDIA driver calls' exit side in every output (issue 11), against the fake
# driver tests/fakenv (a FUSE file system bound over /dev/nvidia* in a private mount namespace,
# see docs/nvidia-output.md).  Run by tests/run.sh section h with HYTRACE, PROGS, HWORK, TMO.
# For each backend that can run here, build/tests/progs/nvexit's session is traced with --cuda
# and: the text shows the statuses by name and the handle the driver chose; -c counts a failed
# status as an error, in the ioctl row and in a row per command; -Z shows only the failed
# calls, -z only the others, -e status=failed as -Z; the JSON validates against
# docs/json-schema.json and carries the struct, command and status; TEF slices are named by
# the command.  Prints `ok - NAME`, `FAIL - NAME: why`, `skip - NAME: why`; always exits 0.

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-nvidia.XXXXXX)}
TMO=${TMO:-timeout -k 5 60}
FAKE=${FAKENV:-$ROOT/build/tests/fakenv}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$ROOT/$PROGS ;; esac
W=$HWORK/nvidia
rm -rf "$W"
mkdir -p "$W" || exit 0
export TZ=UTC LC_ALL=C

ok() { printf 'ok - nvidia: %s\n' "$1"; }
fail() { printf 'FAIL - nvidia: %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 600 | tr '\n' ' ')"; }
skip() { printf 'skip - nvidia: %s: %s\n' "$1" "$2"; }

why=
[ "$(id -u)" = 0 ] || why="not root (the fake driver mounts FUSE in a private mount namespace)"
[ -n "$why" ] || [ -c /dev/fuse ] || why="no /dev/fuse"
[ -n "$why" ] || command -v unshare >/dev/null 2>&1 || why="no unshare (util-linux)"
[ -n "$why" ] || [ -x "$FAKE" ] || why="no $FAKE (libfuse3-dev missing at build time: tests/deps.sh)"
[ -n "$why" ] || [ -x "$PROGS/nvexit" ] || why="no $PROGS/nvexit"
[ -n "$why" ] || command -v python3 >/dev/null 2>&1 || why="no python3"
if [ -n "$why" ]; then
	skip "fake driver" "$why"
	exit 0
fi

# fake CMD...: CMD where the fake driver answers; its exit status (77: the fake did not mount)
n=0
fake() {
	n=$((n + 1))
	$TMO sh "$ROOT/tests/fakenv/run.sh" "$FAKE" "$W/ns$n" "$@"
}

# 1. the fake driver itself, untraced: what the program saw
fake "$PROGS/nvexit" >"$W/plain.out" 2>"$W/plain.err"
rc=$?
if [ $rc = 77 ]; then
	skip "fake driver" "$(head -c 300 "$W/plain.err")"
	exit 0
fi
cat >"$W/plain.want" <<'EOW'
version = 0 reply 1
alloc client = 0 status 0 handle 0xc1d00001
alloc device = 0 status 0
alloc bad client = 0 status 0x23
control 0x201 = 0 status 0
control 0x20800102 = 0 status 0
control 0x20800102 = 0 status 0x33
control 0x101 = 0 status 0x56
free device = 0 status 0
free device again = 0 status 0x33
uvm init = 0
unknown escape = -1
free client = 0 status 0
EOW
if [ $rc = 0 ] && cmp -s "$W/plain.want" "$W/plain.out"; then
	ok "the fake driver answers statuses and handles"
else
	fail "the fake driver answers statuses and handles" "exit $rc: $(diff "$W/plain.want" "$W/plain.out" | head -n 8) $(head -c 200 "$W/plain.err")"
fi

# the JSON checker of out_json.sh (schema validation and expectations)
sed -n "/^cat >\"\$W\/check.py\" <<'EOF'/,/^EOF\$/p" tests/out_json.sh | sed '1d;$d' >"$W/check.py"

# row FILE NAME: "calls errors" of a -c table row (errors 0 when blank)
row() {
	awk -v n="$2" '$NF == n { if (NF == 6) print $4, $5; else print $4, 0 }' "$1"
}

backends=ptrace
if $TMO "$HYTRACE" --backend=bpf -o /dev/null true >/dev/null 2>&1; then
	backends="ptrace bpf"
else
	skip "bpf backend" "cannot trace with eBPF here"
fi

for b in $backends; do
	T="$HYTRACE --backend=$b --cuda"

	# 2. text: the statuses by name, the handle the driver chose
	fake $T -e trace=ioctl -o "$W/$b.txt" "$PROGS/nvexit" >"$W/prog.out" 2>"$W/$b.txt.err"
	rc=$?
	nfail=$(grep -c 'NV_ERR_' "$W/$b.txt" 2>/dev/null)
	if [ $rc = 0 ] && [ "$nfail" = 4 ] &&
	   grep -q 'NV_ERR_INVALID_CLIENT' "$W/$b.txt" &&
	   [ "$(grep -c 'NV_ERR_INVALID_OBJECT_HANDLE' "$W/$b.txt")" = 2 ] &&
	   grep -q 'NV_ERR_NOT_SUPPORTED' "$W/$b.txt" &&
	   grep -q 'NV01_ROOT_CLIENT.*0xc1d00001' "$W/$b.txt" &&
	   grep -q 'ENOTTY' "$W/$b.txt"; then
		ok "$b: text shows the statuses by name and the new client handle"
	else
		fail "$b: text shows the statuses by name and the new client handle" \
			"exit $rc, $nfail NV_ERR_ lines: $(head -c 300 "$W/$b.txt.err") $(grep -E 'RM_(ALLOC|FREE)' "$W/$b.txt" | head -n 3)"
	fi

	# 3. -c: a failed status is an error, in the ioctl row and in the command's row
	fake $T -c -o "$W/$b.c" "$PROGS/nvexit" >"$W/prog.out" 2>"$W/$b.c.err"
	rc=$?
	io=$(row "$W/$b.c" ioctl)
	ctl=$(row "$W/$b.c" ioctl:NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2)
	if [ $rc = 0 ] && [ "$io" = "13 5" ] && [ "$ctl" = "2 1" ]; then
		ok "$b: -c counts failed statuses as errors, a row per command"
	else
		fail "$b: -c counts failed statuses as errors, a row per command" \
			"exit $rc, ioctl row '$io' (want 13 5), GPU_GET_INFO_V2 row '$ctl' (want 2 1): $(head -c 200 "$W/$b.c.err") $(grep ioctl "$W/$b.c" | head -n 12)"
	fi

	# 4. -Z only the failed calls (4 statuses and ENOTTY), -z the others, status=failed as -Z
	fake $T -Z -e trace=ioctl -o "$W/$b.Z" "$PROGS/nvexit" >"$W/prog.out" 2>&1
	fake $T -z -e trace=ioctl -o "$W/$b.z" "$PROGS/nvexit" >"$W/prog.out" 2>&1
	fake $T -e trace=ioctl -e status=failed -o "$W/$b.sf" "$PROGS/nvexit" >"$W/prog.out" 2>&1
	nZ=$(grep -c '^ioctl(' "$W/$b.Z" 2>/dev/null)
	nZbad=$(grep '^ioctl(' "$W/$b.Z" 2>/dev/null | grep -vc 'NV_ERR_\|ENOTTY')
	nz=$(grep -c '^ioctl(' "$W/$b.z" 2>/dev/null)
	nzbad=$(grep -c 'NV_ERR_\|ENOTTY' "$W/$b.z" 2>/dev/null)
	nsf=$(grep -c '^ioctl(' "$W/$b.sf" 2>/dev/null)
	if [ "$nZ" = 5 ] && [ "$nZbad" = 0 ] && [ "$nz" = 8 ] && [ "$nzbad" = 0 ] && [ "$nsf" = 5 ]; then
		ok "$b: -Z, -z and -e status=failed go by the driver's status"
	else
		fail "$b: -Z, -z and -e status=failed go by the driver's status" \
			"-Z $nZ lines ($nZbad not failed, want 5/0), -z $nz ($nzbad failed, want 8/0), status=failed $nsf (want 5)"
	fi

	# 5. JSON: valid, the parameter struct as an object, command and status on top
	fake $T -e trace=ioctl --format=json -o "$W/$b.json" "$PROGS/nvexit" >"$W/prog.out" 2>&1
	if msg=$(python3 "$W/check.py" "$ROOT/docs/json-schema.json" "$W/$b.json" \
		'failed status=r.get("nv_command") == "NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2" and r.get("nv_status") == "NV_ERR_INVALID_OBJECT_HANDLE" and r.get("nv_status_code") == 0x33 and r.get("nv_failed") is True and r["ret"] == 0' \
		'ok status=r.get("nv_status") == "NV_OK" and r.get("nv_failed") is False' \
		'struct=r.get("nv_device") == "nvidiactl" and isinstance(r["args"].get("arg"), dict)' \
		'new handle=r.get("nv_command") == "NV_ESC_RM_ALLOC:NV01_ROOT_CLIENT" and "3251634177" in str(r["args"])' \
		'uvm=r.get("nv_device") == "nvidia-uvm" and r.get("nv_command") == "UVM_INITIALIZE"' 2>&1); then
		ok "$b: json carries the structs, the command and the status"
	else
		fail "$b: json carries the structs, the command and the status" "$msg"
	fi

	# 6. TEF: slices named by the command, in category nvidia
	fake $T -e trace=ioctl --format=tef -o "$W/$b.tef" "$PROGS/nvexit" >"$W/prog.out" 2>&1
	if msg=$(python3 - "$W/$b.tef" <<'EOP' 2>&1
import json, sys
ev = json.load(open(sys.argv[1]))["traceEvents"]
names = [e["name"] for e in ev if e.get("cat") == "nvidia"]
want = "NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2"
if names.count(want) != 2:
    sys.exit("%d slices %s in %s" % (names.count(want), want, sorted(set(names))))
bad = [e for e in ev if e.get("cat") == "nvidia" and e["name"] == want
       and e["args"].get("nv_status") == "NV_ERR_INVALID_OBJECT_HANDLE"]
if len(bad) != 1:
    sys.exit("no slice with nv_status NV_ERR_INVALID_OBJECT_HANDLE")
if any(e.get("cat") == "syscall" and e["name"] == "ioctl" for e in ev):
    sys.exit("an NVIDIA ioctl left as a plain ioctl slice")
EOP
	); then
		ok "$b: tef slices are named by the driver command"
	else
		fail "$b: tef slices are named by the driver command" "$msg"
	fi
done
exit 0
