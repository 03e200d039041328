#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# out_nvidia.sh: NVIDIA driver calls' exit side in every output (issue 11), against the fake
# driver tests/fakenv (a FUSE file system bound over /dev/nvidia* in a private mount namespace,
# see docs/nvidia-output.md).  Run by tests/run.sh section h with HYTRACE, PROGS, HWORK, TMO.
# First the fake itself, untraced: what build/tests/progs/nvexit saw (statuses, handles, the
# control and allocation parameters and UVM statuses the fake wrote into its memory), as root
# and as an unprivileged user.  Then, for each backend that can run here, nvexit's session is
# traced with --cuda and: the text shows the statuses by name, the handle the driver chose, and
# (exact lines) the returned second-level parameters and the UVM statuses; -c counts a failed
# status as an error, in the ioctl row and in a row per command, UVM's included; -Z shows only
# the failed calls, -z only the others, -e status=failed as -Z; the JSON validates against
# docs/json-schema.json and carries the struct, command, returned params and status (UVM's
# too); TEF slices are named by the command.  Last, the ptrace backend run by an unprivileged
# user still shows what the fake wrote.
# Prints `ok - NAME`, `FAIL - NAME: why`, `skip - NAME: why`; always exits 0.
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
alloc device = 0 status 0 handle 0xcaf00100
alloc subdevice = 0 status 0 handle 0xcaf00101
alloc bad client = 0 status 0x23 handle 0xcaf00200
alloc memory = 0 status 0 handle 0xcaf00102
memory size 0x2000 limit 0x1fff offset 0x10000000
attached ids = 0 status 0 first 0x100 then 31 of 0xffffffff
attached ids at a bad address = 0 status 0x1e
gpu info = 0 status 0 data 0x1 0x900
gpu info bad index = 0 status 0x1f data 0xee 0xee
gpu info unknown object = 0 status 0x33 data 0xee 0xee
gpu info on the device = 0 status 0x56 data 0xee 0xee
control 0x101 = 0 status 0x56
free device = 0 status 0
free device again = 0 status 0x33
free subdevice (freed with the device) = 0 status 0x33
uvm initialize = 0 status 0
uvm pageable mem access = 0 status 0 access 1
uvm register gpu = 0 status 0x12
unknown escape = -1
free client = 0 status 0
EOW
if [ $rc = 0 ] && cmp -s "$W/plain.want" "$W/plain.out"; then
	ok "the fake driver answers statuses, handles, returned params and UVM statuses"
else
	fail "the fake driver answers statuses, handles, returned params and UVM statuses" "exit $rc: $(diff "$W/plain.want" "$W/plain.out" | head -n 8) $(head -c 200 "$W/plain.err") $(head -c 300 "$W/ns$n/fakenv.err")"
fi

# the same as an unprivileged user (the fake, root, writes into a process of another uid);
# copies of the programs the user can reach whatever the permissions of the checkout
UNPRIV=
for u in nobody daemon; do id "$u" >/dev/null 2>&1 && { UNPRIV=$u; break; }; done
if [ -z "$UNPRIV" ] || ! command -v runuser >/dev/null 2>&1; then
	skip "unprivileged" "no runuser or no user nobody/daemon"
	UNPRIV=
else
	mkdir -p "$W/u" && cp "$PROGS/nvexit" "$HYTRACE" "$W/u/" && chown -R "$UNPRIV" "$W/u" &&
		chmod -R a+rX "$W" || UNPRIV=
	if [ -n "$UNPRIV" ] && ! runuser -u "$UNPRIV" -- test -x "$W/u/nvexit"; then
		skip "unprivileged" "$UNPRIV cannot reach $W (a directory above it is closed to others)"
		UNPRIV=
	fi
fi
if [ -n "$UNPRIV" ]; then
	fake runuser -u "$UNPRIV" -- "$W/u/nvexit" >"$W/u/plain.out" 2>"$W/u/plain.err"
	rc=$?
	if [ $rc = 0 ] && cmp -s "$W/plain.want" "$W/u/plain.out"; then
		ok "the fake driver answers an unprivileged caller the same"
	else
		fail "the fake driver answers an unprivileged caller the same" "exit $rc: $(diff "$W/plain.want" "$W/u/plain.out" | head -n 8) $(head -c 200 "$W/u/plain.err") $(head -c 300 "$W/ns$n/fakenv.err")"
	fi
fi

# the lines that show what the fake wrote back: second-level params and UVM statuses
cat >"$W/exit.want" <<'EOW'
ioctl(10, NV_ESC_RM_ALLOC, {hRoot=0xc1d00001, hObjectParent=0xcaf00100, hObjectNew=0xcaf00102, hClass=NV01_MEMORY_SYSTEM, pAllocParms={owner=0, type=0, flags=0, width=0, height=0, pitch=0, attr=0, attr2=0, ...}, paramsSize=128} => {pAllocParms={size=0x2000, offset=0x10000000, limit=0x1fff}, status=NV_OK}) = 0 (NV_OK)
ioctl(10, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xc1d00001, cmd=NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS, flags=0, params={gpuIds=[]}, paramsSize=128} => {params={gpuIds=[0x100, 0xffffffff, 0xffffffff, 0xffffffff, ...]}, status=NV_OK}) = 0 (NV_OK)
ioctl(10, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xc1d00001, cmd=NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS, flags=0, params=0x8, paramsSize=128} => {status=NV_ERR_INVALID_ADDRESS}) = 0 (NV_ERR_INVALID_ADDRESS)
ioctl(10, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xcaf00101, cmd=NV2080_CTRL_CMD_GPU_GET_INFO_V2, flags=0, params={gpuInfoListSize=2, gpuInfoList=[{index=NV2080_CTRL_GPU_INFO_INDEX_SYSMEM_ACCESS, data=238}, {index=NV2080_CTRL_GPU_INFO_INDEX_GPU_SM_VERSION, data=238}]}, paramsSize=564} => {params={gpuInfoList=[{index=NV2080_CTRL_GPU_INFO_INDEX_SYSMEM_ACCESS, data=1}, {index=NV2080_CTRL_GPU_INFO_INDEX_GPU_SM_VERSION, data=2304}]}, status=NV_OK}) = 0 (NV_OK)
ioctl(10, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xcaf00101, cmd=NV2080_CTRL_CMD_GPU_GET_INFO_V2, flags=0, params={gpuInfoListSize=2, gpuInfoList=[{index=NV2080_CTRL_GPU_INFO_INDEX_SYSMEM_ACCESS, data=238}, {index=0x50 /* NV2080_CTRL_GPU_INFO_INDEX_??? */, data=238}]}, paramsSize=564} => {status=NV_ERR_INVALID_ARGUMENT}) = 0 (NV_ERR_INVALID_ARGUMENT)
ioctl(11, UVM_INITIALIZE, {flags=0} => {rmStatus=NV_OK}) = 0 (NV_OK)
ioctl(11, UVM_PAGEABLE_MEM_ACCESS, {pageableMemAccess=238} => {pageableMemAccess=1, rmStatus=NV_OK}) = 0 (NV_OK)
ioctl(11, UVM_REGISTER_GPU, {gpu_uuid=GPU-5e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7, numaEnabled=0, numaNodeId=-1, rmCtrlFd=10, hClient=0xc1d00001, hSmcPartRef=0} => {rmStatus=NV_ERR_GPU_UUID_NOT_FOUND}) = 0 (NV_ERR_GPU_UUID_NOT_FOUND)
EOW
# exit_lines TRACE: the lines of TRACE that exit.want holds lines like (same request)
exit_lines() {
	grep -E 'NV01_MEMORY_SYSTEM|GPU_GET_ATTACHED_IDS|hObject=0xcaf00101, cmd=NV2080_CTRL_CMD_GPU_GET_INFO_V2|UVM_(INITIALIZE|PAGEABLE_MEM_ACCESS|REGISTER_GPU)' "$1"
}

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

	# 2. text: the statuses by name, the handle the driver chose, and exactly the lines that
	# show the returned params and the UVM statuses
	fake $T -e trace=ioctl -o "$W/$b.txt" "$PROGS/nvexit" >"$W/prog.out" 2>"$W/$b.txt.err"
	rc=$?
	nfail=$(grep -c 'NV_ERR_' "$W/$b.txt" 2>/dev/null)
	if [ $rc = 0 ] && [ "$nfail" = 9 ] &&
	   grep -q 'NV_ERR_INVALID_CLIENT' "$W/$b.txt" &&
	   [ "$(grep -c 'NV_ERR_INVALID_OBJECT_HANDLE' "$W/$b.txt")" = 3 ] &&
	   [ "$(grep -c 'NV_ERR_NOT_SUPPORTED' "$W/$b.txt")" = 2 ] &&
	   grep -q 'NV01_ROOT_CLIENT.*0xc1d00001' "$W/$b.txt" &&
	   grep -q 'ENOTTY' "$W/$b.txt"; then
		ok "$b: text shows the statuses by name and the new client handle"
	else
		fail "$b: text shows the statuses by name and the new client handle" \
			"exit $rc, $nfail NV_ERR_ lines (want 9): $(head -c 300 "$W/$b.txt.err") $(grep -E 'RM_(ALLOC|FREE)' "$W/$b.txt" | head -n 3)"
	fi
	exit_lines "$W/$b.txt" >"$W/$b.exit"
	if [ $rc = 0 ] && cmp -s "$W/exit.want" "$W/$b.exit"; then
		ok "$b: text shows the returned params and the UVM statuses"
	else
		fail "$b: text shows the returned params and the UVM statuses" \
			"exit $rc: $(diff "$W/exit.want" "$W/$b.exit" | head -n 6)"
	fi

	# 3. -c: a failed status is an error, in the ioctl row and in the command's row, UVM's too
	fake $T -c -o "$W/$b.c" "$PROGS/nvexit" >"$W/prog.out" 2>"$W/$b.c.err"
	rc=$?
	got="$(row "$W/$b.c" ioctl)/$(row "$W/$b.c" ioctl:NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2)/$(row "$W/$b.c" ioctl:UVM_REGISTER_GPU)/$(row "$W/$b.c" ioctl:UVM_INITIALIZE)/$(row "$W/$b.c" ioctl:UVM_PAGEABLE_MEM_ACCESS)/$(row "$W/$b.c" ioctl:NV_ESC_RM_ALLOC:NV01_MEMORY_SYSTEM)/$(row "$W/$b.c" ioctl:NV_ESC_RM_CONTROL:NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS)"
	want="21 10/4 3/1 1/1 0/1 0/1 0/2 1"
	if [ $rc = 0 ] && [ "$got" = "$want" ]; then
		ok "$b: -c counts failed statuses as errors, a row per command, UVM's too"
	else
		fail "$b: -c counts failed statuses as errors, a row per command, UVM's too" \
			"exit $rc, rows ioctl/GPU_GET_INFO_V2/UVM_REGISTER_GPU/UVM_INITIALIZE/UVM_PAGEABLE_MEM_ACCESS/NV01_MEMORY_SYSTEM/GET_ATTACHED_IDS '$got' (want '$want'): $(head -c 200 "$W/$b.c.err") $(grep ioctl "$W/$b.c" | head -n 16)"
	fi

	# 4. -Z only the failed calls (9 statuses, UVM_REGISTER_GPU's among them, and ENOTTY), -z
	# the others (UVM_INITIALIZE and UVM_PAGEABLE_MEM_ACCESS among them), status=failed as -Z
	fake $T -Z -e trace=ioctl -o "$W/$b.Z" "$PROGS/nvexit" >"$W/prog.out" 2>&1
	fake $T -z -e trace=ioctl -o "$W/$b.z" "$PROGS/nvexit" >"$W/prog.out" 2>&1
	fake $T -e trace=ioctl -e status=failed -o "$W/$b.sf" "$PROGS/nvexit" >"$W/prog.out" 2>&1
	nZ=$(grep -c '^ioctl(' "$W/$b.Z" 2>/dev/null)
	nZbad=$(grep '^ioctl(' "$W/$b.Z" 2>/dev/null | grep -vc 'NV_ERR_\|ENOTTY')
	nZuvm=$(grep -c '^ioctl(11, UVM_REGISTER_GPU, .* = 0 (NV_ERR_GPU_UUID_NOT_FOUND)$' "$W/$b.Z" 2>/dev/null)
	nz=$(grep -c '^ioctl(' "$W/$b.z" 2>/dev/null)
	nzbad=$(grep -c 'NV_ERR_\|ENOTTY' "$W/$b.z" 2>/dev/null)
	nzuvm=$(grep -c '^ioctl(11, UVM_\(INITIALIZE\|PAGEABLE_MEM_ACCESS\), .* = 0 (NV_OK)$' "$W/$b.z" 2>/dev/null)
	nsf=$(grep -c '^ioctl(' "$W/$b.sf" 2>/dev/null)
	got="$nZ $nZbad $nZuvm/$nz $nzbad $nzuvm/$nsf"
	want="10 0 1/11 0 2/10"
	if [ "$got" = "$want" ]; then
		ok "$b: -Z, -z and -e status=failed go by the driver's status, UVM's too"
	else
		fail "$b: -Z, -z and -e status=failed go by the driver's status, UVM's too" \
			"-Z lines, not failed, UVM_REGISTER_GPU / -z lines, failed, UVM OK / status=failed lines: '$got' (want '$want')"
	fi

	# 5. JSON: valid, the parameter struct as an object, command and status on top
	fake $T -e trace=ioctl --format=json -o "$W/$b.json" "$PROGS/nvexit" >"$W/prog.out" 2>&1
	if msg=$(python3 "$W/check.py" "$ROOT/docs/json-schema.json" "$W/$b.json" \
		'failed status=r.get("nv_command") == "NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2" and r.get("nv_status") == "NV_ERR_INVALID_OBJECT_HANDLE" and r.get("nv_status_code") == 0x33 and r.get("nv_failed") is True and r["ret"] == 0' \
		'ok status=r.get("nv_status") == "NV_OK" and r.get("nv_failed") is False' \
		'struct=r.get("nv_device") == "nvidiactl" and isinstance(r["args"].get("arg"), dict)' \
		'new handle=r.get("nv_command") == "NV_ESC_RM_ALLOC:NV01_ROOT_CLIENT" and "3251634177" in str(r["args"])' \
		'uvm=r.get("nv_device") == "nvidia-uvm" and r.get("nv_command") == "UVM_INITIALIZE" and r.get("nv_status") == "NV_OK"' \
		'uvm failed=r.get("nv_device") == "nvidia-uvm" and r.get("nv_command") == "UVM_REGISTER_GPU" and r.get("nv_status") == "NV_ERR_GPU_UUID_NOT_FOUND" and r.get("nv_status_code") == 0x12 and r.get("nv_failed") is True and r["ret"] == 0 and r["args"]["arg"]["out"]["rmStatus"]["names"] == ["NV_ERR_GPU_UUID_NOT_FOUND"]' \
		'uvm out=r.get("nv_command") == "UVM_PAGEABLE_MEM_ACCESS" and r.get("nv_failed") is False and r["args"]["arg"]["out"]["pageableMemAccess"] == 1' \
		'returned params=r.get("nv_command") == "NV_ESC_RM_CONTROL:NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS" and r["args"]["arg"]["out"]["params"]["gpuIds"][:2] == [0x100, 0xffffffff]' \
		'returned alloc params=r.get("nv_command") == "NV_ESC_RM_ALLOC:NV01_MEMORY_SYSTEM" and r["args"]["arg"]["out"]["pAllocParms"] == {"size": 0x2000, "offset": 0x10000000, "limit": 0x1fff}' 2>&1); then
		ok "$b: json carries the structs, returned params, the command and the status, UVM's too"
	else
		fail "$b: json carries the structs, returned params, the command and the status, UVM's too" "$msg"
	fi

	# 6. TEF: slices named by the command, in category nvidia
	fake $T -e trace=ioctl --format=tef -o "$W/$b.tef" "$PROGS/nvexit" >"$W/prog.out" 2>&1
	if msg=$(python3 - "$W/$b.tef" <<'EOP' 2>&1
import json, sys
ev = json.load(open(sys.argv[1]))["traceEvents"]
names = [e["name"] for e in ev if e.get("cat") == "nvidia"]
want = "NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2"
if names.count(want) != 4:
    sys.exit("%d slices %s in %s" % (names.count(want), want, sorted(set(names))))
bad = [e for e in ev if e.get("cat") == "nvidia" and e["name"] == want
       and e["args"].get("nv_status") == "NV_ERR_INVALID_OBJECT_HANDLE"]
if len(bad) != 1:
    sys.exit("no slice with nv_status NV_ERR_INVALID_OBJECT_HANDLE")
uvm = [e for e in ev if e.get("cat") == "nvidia" and e["name"] == "UVM_REGISTER_GPU"
       and e["args"].get("nv_status") == "NV_ERR_GPU_UUID_NOT_FOUND"]
if len(uvm) != 1:
    sys.exit("no UVM_REGISTER_GPU slice with nv_status NV_ERR_GPU_UUID_NOT_FOUND")
if any(e.get("cat") == "syscall" and e["name"] == "ioctl" for e in ev):
    sys.exit("an NVIDIA ioctl left as a plain ioctl slice")
EOP
	); then
		ok "$b: tef slices are named by the driver command"
	else
		fail "$b: tef slices are named by the driver command" "$msg"
	fi
done

# 7. the ptrace backend run by an unprivileged user: the fake still writes into the traced
# program (process_vm_writev needs no ptrace attach, so the tracer does not stand in the way)
if [ -n "$UNPRIV" ]; then
	fake runuser -u "$UNPRIV" -- "$W/u/$(basename "$HYTRACE")" --backend=ptrace --cuda \
		-e trace=ioctl -o "$W/u/ptrace.txt" "$W/u/nvexit" >"$W/u/prog.out" 2>"$W/u/ptrace.err"
	rc=$?
	exit_lines "$W/u/ptrace.txt" >"$W/u/ptrace.exit" 2>/dev/null
	if [ $rc = 0 ] && cmp -s "$W/exit.want" "$W/u/ptrace.exit" &&
	   cmp -s "$W/plain.want" "$W/u/prog.out"; then
		ok "ptrace as $UNPRIV: text shows the returned params and the UVM statuses"
	else
		fail "ptrace as $UNPRIV: text shows the returned params and the UVM statuses" \
			"exit $rc: $(head -c 200 "$W/u/ptrace.err") $(diff "$W/exit.want" "$W/u/ptrace.exit" | head -n 6) $(diff "$W/plain.want" "$W/u/prog.out" | head -n 4)"
	fi
fi
exit 0
