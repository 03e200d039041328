#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# nvidia.sh: --cuda and --cuda-only (issue 11) on both backends, without a GPU: the test
# program tests/progs/nvcap.c issues NVIDIA escapes, RM and UVM commands with filled structs on
# stand-in files at the NVIDIA paths (a private mount namespace with a tmpfs over /dev; the real
# /dev/null is bound into it), where every ioctl fails with ENOTTY.  What the backends copy
# (tests/rawblobs.py over --format=raw) and what is printed are compared with tests/expect/
# exactly; -f, -p, -c, -o and --format=json are checked on the same program, the ptrace
# backend also as an unprivileged user (unshare -Ur for the namespace), and the dedicated
# per-syscall BPF programs and their fallback when tracefs is absent.
#
# Run by tests/run.sh section m, or alone (as root):
#   HYTRACE=build/hytrace PROGS=build/tests/progs HWORK=/tmp/hw sh tests/nvidia.sh
#   HYT_NV_UPDATE=1 ... writes the expect files instead of comparing (review the diff!)
# Prints `ok - NAME` / `FAIL - NAME: why` / `skip - NAME: why`; exits 0 (the runner counts).

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
# fds inherited (a lock, a jobserver) would shift the program's fd numbers: only 0, 1, 2
if [ -z "$HYT_NV_FDS_CLOSED" ] && [ "$(ls /proc/$$/fd | wc -l)" -gt 4 ]; then
	HYT_NV_FDS_CLOSED=1 exec python3 -c 'import os, sys
os.closerange(3, os.sysconf("SC_OPEN_MAX"))
os.execvp("sh", ["sh"] + sys.argv[1:])' tests/nvidia.sh "$@"
fi
HYTRACE=${HYTRACE:-build/hytrace}
PROGS=${PROGS:-build/tests/progs}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
case $PROGS in /*) ;; *) PROGS=$ROOT/$PROGS ;; esac
HWORK=${HWORK:-$(mktemp -d /tmp/hyt-nvidia.XXXXXX)}
W=$HWORK/nvidia
mkdir -p "$W"
chmod 777 "$W"		# the unprivileged run writes here too
export TZ=UTC LC_ALL=C
EXP=$ROOT/tests/expect
PROG=$PROGS/nvcap
BG=

ok() { printf 'ok - nvidia: %s\n' "$1"; }
fail() { printf 'FAIL - nvidia: %s: %s\n' "$1" "$(printf '%s' "$2" | head -c 600 | tr '\n' ' ')"; }
skip() { printf 'skip - nvidia: %s: %s\n' "$1" "$2"; }

cleanup()
{
	for p in $BG; do
		kill -KILL "$p" 2>/dev/null
	done
}
trap cleanup EXIT

# The stand-ins, made inside the namespace by nsrun; nvidia-modeset is missing on purpose
# (a failed open of an NVIDIA path is shown by --cuda-only).
NS_SETUP='set -e
: >"$W/null.keep"
mount --bind /dev/null "$W/null.keep"
mount -t tmpfs -o mode=755 hyt-nvidia /dev
: >/dev/null
mount --bind "$W/null.keep" /dev/null
for f in nvidiactl nvidia0 nvidia-uvm nvidia-uvm-tools; do : >/dev/$f; chmod 666 /dev/$f; done
mkdir /dev/nvidia-caps
: >/dev/nvidia-caps/nvidia-cap1
set +e'

# nsrun SCRIPT: run sh -c SCRIPT in a private mount namespace with the stand-ins ($W, $HYTRACE,
# $PROG exported); NSRUN_PREFIX (e.g. setpriv ... unshare -Urm) replaces `unshare -m`.
nsrun()
{
	W=$W HYTRACE=$HYTRACE PROG=$PROG ${NSRUN_PREFIX:-unshare -m} sh -c "$NS_SETUP
$1"
}

# blobs_same NAME RAW EXPECT LOG [NR...]: the blobs of the raw capture RAW (tests/rawblobs.py,
# only the syscalls NR if given) into RAW less .raw plus .blobs, compared with EXPECT-FILE; LOG:
# what hytrace said, shown when the capture cannot be read
blobs_same()
{
	_n=$1 _raw=$2 _exp=$3 _log=$4
	shift 4
	if python3 tests/rawblobs.py "$_raw" "$@" >"${_raw%.raw}.blobs" 2>"${_raw%.raw}.err"; then
		same "$_n" "${_raw%.raw}.blobs" "$_exp"
	else
		fail "$_n" "$(cat "$_log" "${_raw%.raw}.err")"
	fi
}

# addresses that move from run to run (mmap's result, stack and heap pointers)
norm() { sed -e 's/= 0x[0-9a-f]\{9,\}$/= ADDR/' -e 's/ret=[0-9]\{9,\}/ret=ADDR/' -e 's/\[pid *[0-9]*\]/[pid N]/' "$1"; }

# same NAME GOT EXPECT-FILE: exact comparison after norm (HYT_NV_UPDATE=1: write EXPECT-FILE)
same()
{
	norm "$2" >"$2.norm"
	if [ -n "$HYT_NV_UPDATE" ]; then
		cp "$2.norm" "$3"
		skip "$1" "wrote $3"
		return
	fi
	if [ ! -f "$3" ]; then
		fail "$1" "no $3"
	elif diff -u "$3" "$2.norm" >"$2.diff"; then
		ok "$1"
	else
		fail "$1" "differs from $(basename "$3"): $(head -c 500 "$2.diff")"
	fi
}

if [ "$(id -u)" != 0 ]; then
	skip "all" "needs root (mount namespaces, eBPF)"
	exit 0
fi
if ! unshare -m true 2>/dev/null; then
	skip "all" "unshare -m fails here"
	exit 0
fi
[ -x "$PROG" ] || { fail "program" "$PROG missing (make)"; exit 0; }

# the syscalls the dumps keep: ioctl 16, mmap 9, close 3, openat 257 (x86_64)
for b in ptrace bpf; do
	# --cuda-only: only the calls on NVIDIA files, the same bytes copied by both backends
	nsrun '"$HYTRACE" --backend='$b' --cuda-only --format=raw -o "$W/'$b'-only.raw" "$PROG"' \
		>"$W/$b-only.log" 2>&1
	blobs_same "$b --cuda-only capture" "$W/$b-only.raw" "$EXP/nvcap-cuda-only.blobs" \
		"$W/$b-only.log"
	# --cuda: the ioctls, the NVIDIA ones by their descriptions, /dev/null's as usual
	nsrun '"$HYTRACE" --backend='$b' --cuda --format=raw -o "$W/'$b'-cuda.raw" "$PROG"' \
		>"$W/$b-cuda.log" 2>&1
	blobs_same "$b --cuda capture" "$W/$b-cuda.raw" "$EXP/nvcap-cuda.blobs" "$W/$b-cuda.log" 16
	# the text, decoded
	nsrun '"$HYTRACE" --backend='$b' --cuda-only -o "$W/'$b'.txt" "$PROG"' >"$W/$b.log" 2>&1
	same "$b --cuda-only text (-o)" "$W/$b.txt" "$EXP/nvcap.expect"

	# -f: the calls of a child
	nsrun '"$HYTRACE" --backend='$b' --cuda-only -f -o "$W/'$b'-f.txt" "$PROG" fork' \
		>"$W/$b-f.log" 2>&1
	n=$(grep -c '^[0-9][0-9]*  *ioctl(' "$W/$b-f.txt" 2>/dev/null)
	if [ "$n" = 8 ]; then
		ok "$b --cuda-only -f: the child's 8 device ioctls"
	else
		fail "$b --cuda-only -f" "$n child ioctl lines, want 8: $(head -c 300 "$W/$b-f.txt" "$W/$b-f.log")"
	fi

	# -p: attached while the program waits, then it makes its calls
	rm -f "$W/go"
	nsrun '"$PROG" wait "$W/go" & p=$!
		"$HYTRACE" --backend='$b' --cuda-only -p $p -o "$W/'$b'-p.txt" 2>"$W/'$b'-p.err" & t=$!
		i=0; while [ $i -lt 100 ] && ! grep -q attached "$W/'$b'-p.err"; do sleep 0.1; i=$((i + 1)); done
		: >"$W/go"; wait $p; wait $t' >"$W/$b-p.log" 2>&1
	norm "$W/$b.txt" | grep -v '^+++ exited' >"$W/$b-p.want"
	norm "$W/$b-p.txt" 2>/dev/null | grep -v '^+++ exited' >"$W/$b-p.got"
	if [ -s "$W/$b-p.got" ] && cmp -s "$W/$b-p.want" "$W/$b-p.got"; then
		ok "$b --cuda-only -p"
	else
		fail "$b --cuda-only -p" "$(diff "$W/$b-p.want" "$W/$b-p.got" | head -c 300) $(cat "$W/$b-p.err" "$W/$b-p.log")"
	fi

	# -c: the ioctls counted (9: the 8 device ones and /dev/null's; all fail with ENOTTY)
	nsrun '"$HYTRACE" --backend='$b' --cuda -c -o "$W/'$b'-c.txt" "$PROG"' >"$W/$b-c.log" 2>&1
	row=$(awk '$NF == "ioctl" { print $4, $5 }' "$W/$b-c.txt" 2>/dev/null)
	if [ "$row" = "9 9" ]; then
		ok "$b --cuda -c: ioctl calls and errors"
	else
		fail "$b --cuda -c" "ioctl row '$row', want '9 9': $(head -c 400 "$W/$b-c.txt" "$W/$b-c.log")"
	fi

	# --format=json: one object per call, the device ioctls among them with their decoding
	nsrun '"$HYTRACE" --backend='$b' --cuda-only --format=json -o "$W/'$b'.json" "$PROG"' \
		>"$W/$b-json.log" 2>&1
	if python3 - "$W/$b.json" >"$W/$b-json.err" 2>&1 <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
calls = [r for r in recs if r.get("type") == "syscall" and r.get("syscall") == "ioctl"]
text = json.dumps(calls)
assert len(calls) == 8, "%d ioctl records, want 8" % len(calls)
for word in ("NV_ESC_RM_ALLOC", "NV_ESC_RM_CONTROL", "UVM_INITIALIZE"):
    assert word in text, "no %s in the ioctl records" % word
EOF
	then
		ok "$b --cuda-only --format=json: the 8 device ioctls, decoded"
	else
		fail "$b --cuda-only --format=json" "$(cat "$W/$b-json.err" "$W/$b-json.log")"
	fi
done

# nvidia-modeset (NVKMS_IOCTL_IOWR and the params it points to) and an ioctl on a capability
# file (which has none: kernel-open/nvidia/nv-caps.c), from tests/progs/nvkms.c, with
# /dev/nvidia-modeset made too
KMS=$PROGS/nvkms
for b in ptrace bpf; do
	nsrun ': >/dev/nvidia-modeset; chmod 666 /dev/nvidia-modeset
		"$HYTRACE" --backend='$b' --cuda-only --format=raw -o "$W/'$b'-kms.raw" "'"$KMS"'"' \
		>"$W/$b-kms-raw.log" 2>&1
	blobs_same "$b nvidia-modeset capture" "$W/$b-kms.raw" "$EXP/nvkms-cuda-only.blobs" \
		"$W/$b-kms-raw.log"
	nsrun ': >/dev/nvidia-modeset; chmod 666 /dev/nvidia-modeset
		"$HYTRACE" --backend='$b' --cuda-only -o "$W/'$b'-kms.txt" "'"$KMS"'"' \
		>"$W/$b-kms.log" 2>&1
	same "$b nvidia-modeset text (--cuda-only)" "$W/$b-kms.txt" "$EXP/nvkms.expect"
	# json: the command as structure, the label as nv_command
	nsrun ': >/dev/nvidia-modeset; chmod 666 /dev/nvidia-modeset
		"$HYTRACE" --backend='$b' --cuda-only --format=json -o "$W/'$b'-kms.json" "'"$KMS"'"' \
		>"$W/$b-kms-json.log" 2>&1
	if python3 - "$W/$b-kms.json" >"$W/$b-kms-json.err" 2>&1 <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
kms = [r for r in recs if r.get("type") == "syscall" and r.get("syscall") == "ioctl" and
       r.get("nv_device") == "nvidia-modeset"]
assert len(kms) == 5, "%d nvidia-modeset ioctl records, want 5" % len(kms)
a = kms[0]["args"]["arg"]
assert a["cmd"] == {"names": ["NVKMS_IOCTL_ALLOC_DEVICE"], "raw": 0}, a["cmd"]
assert a["address"]["request"]["versionString"] == "595.45.04", a["address"]
assert kms[0]["nv_command"] == "NVKMS_IOCTL_IOWR:NVKMS_IOCTL_ALLOC_DEVICE", kms[0]["nv_command"]
EOF
	then
		ok "$b nvidia-modeset --format=json"
	else
		fail "$b nvidia-modeset --format=json" "$(cat "$W/$b-kms-json.err" "$W/$b-kms-json.log")"
	fi
	# -c: one row per NVKMS command
	nsrun ': >/dev/nvidia-modeset; chmod 666 /dev/nvidia-modeset
		"$HYTRACE" --backend='$b' --cuda -c -o "$W/'$b'-kms-c.txt" "'"$KMS"'"' \
		>"$W/$b-kms-c.log" 2>&1
	rows=$(awk '$NF ~ /^ioctl:NVKMS/ { print $4, $5, $NF }' "$W/$b-kms-c.txt" 2>/dev/null | sort | tr '\n' ';')
	want="1 1 ioctl:NVKMS_IOCTL_IOWR:0x99;1 1 ioctl:NVKMS_IOCTL_IOWR:NVKMS_IOCTL_ALLOC_DEVICE;2 2 ioctl:NVKMS_IOCTL_IOWR:NVKMS_IOCTL_FREE_DEVICE;"
	if [ "$rows" = "$want" ]; then
		ok "$b --cuda -c: NVKMS rows by command"
	else
		fail "$b --cuda -c: NVKMS rows" "got '$rows': $(head -c 400 "$W/$b-kms-c.txt" "$W/$b-kms-c.log")"
	fi
done

# lists inside RM control params (the third level, tests/progs/nvlist.c): the same bytes copied
# by both backends (an in list, handles, an output-only list, an unreadable one, through XFER),
# the lines printed, and JSON's arrays
PROG0=$PROG
PROG=$PROGS/nvlist
for b in ptrace bpf; do
	nsrun '"$HYTRACE" --backend='$b' --cuda-only --format=raw -o "$W/'$b'-list.raw" "$PROG"' \
		>"$W/$b-list.log" 2>&1
	blobs_same "$b lists in control params: capture" "$W/$b-list.raw" "$EXP/nvlist.blobs" \
		"$W/$b-list.log"
	nsrun '"$HYTRACE" --backend='$b' --cuda-only -o "$W/'$b'-list.txt" "$PROG"' >"$W/$b-listt.log" 2>&1
	same "$b lists in control params: text" "$W/$b-list.txt" "$EXP/nvlist.expect"
	nsrun '"$HYTRACE" --backend='$b' --cuda-only --format=json -o "$W/'$b'-list.json" "$PROG"' \
		>"$W/$b-listj.log" 2>&1
	if python3 - "$W/$b-list.json" >"$W/$b-listj.err" 2>&1 <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
calls = [r["args"] for r in recs if r.get("type") == "syscall" and r.get("syscall") == "ioctl"]
assert len(calls) == 5, "%d ioctl records, want 5" % len(calls)
gi = calls[0]["arg"]["params"]["grInfoList"]
assert [e["index"] for e in gi[:4]] == [1, 2, 3, 4] and gi[4] == {"...": True}, gi
assert calls[1]["arg"]["params"]["pChannelHandleList"] == [0xcaf00010, 0xcaf00011, 0xcaf00012]
inner = calls[4]["arg"]["ptr"]["params"]["grInfoList"]
assert [e["index"] for e in inner] == [0x19, 0x1a], inner
EOF
	then
		ok "$b lists in control params: JSON arrays"
	else
		fail "$b lists in control params: JSON arrays" "$(cat "$W/$b-listj.err" "$W/$b-listj.log")"
	fi
done
if cmp -s "$W/ptrace-list.blobs" "$W/bpf-list.blobs"; then
	ok "lists in control params: the same blobs on both backends"
else
	fail "lists in control params: the same blobs on both backends" \
		"$(diff "$W/ptrace-list.blobs" "$W/bpf-list.blobs" | head -c 400)"
fi
PROG=$PROG0

# -a: the whole system; the program's calls on the stand-ins and its exit, and of other
# processes only those that touch NVIDIA files too (none but ours, unless another test runs)
nsrun '"$HYTRACE" --backend=bpf -a --cuda-only -o "$W/a.txt" 2>"$W/a.err" & t=$!
	i=0; while [ $i -lt 150 ] && ! [ -s "$W/a.txt" ]; do
		"$PROG"; i=$((i + 1)); sleep 0.1; done
	"$PROG"; sleep 0.5; kill -INT $t; wait $t' >"$W/a.log" 2>&1
# the last run of the program started once the trace was flowing: the whole of it is there
pid=$(sed -n 's/^\[pid *\([0-9]*\) nvcap\] openat(AT_FDCWD, "\/dev\/nvidiactl".*/\1/p' "$W/a.txt" | tail -1)
sed -n "s/^\[pid *$pid nvcap\] //p" "$W/a.txt" | sed 's/) *= /) = /' >"$W/a.got"
norm "$W/ptrace.txt" | sed 's/) *= /) = /' >"$W/a.want"
if [ -n "$pid" ] && [ "$(norm "$W/a.got")" = "$(cat "$W/a.want")" ]; then
	ok "bpf -a --cuda-only: a program's device calls and exit"
else
	fail "bpf -a --cuda-only" "pid '$pid': $(norm "$W/a.got" | diff "$W/a.want" - | head -c 300) $(head -c 300 "$W/a.err")"
fi
others=$(awk '/^\[pid / { p = $2 + 0; if ($0 ~ /\] (\+\+\+|---) /) late[NR] = p " " $0; else dev[p] = 1 }
	END { for (n in late) { split(late[n], f, " "); if (!(f[1] in dev)) print late[n] } }' "$W/a.txt" | head -3)
if [ -z "$others" ]; then
	ok "bpf -a --cuda-only: no signal or exit of processes that touch no NVIDIA file"
else
	fail "bpf -a --cuda-only: no signal or exit of other processes" "$others"
fi

# the ptrace backend needs no privilege: an unprivileged user in its own user and mount namespace
if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	W0=$W W=$W/rootless
	mkdir -p "$W" && chmod 777 "$W"
	NSRUN_PREFIX="setpriv --reuid=nobody --regid=nogroup --clear-groups unshare -Urm" \
		nsrun '"$HYTRACE" --backend=ptrace --cuda-only -o "$W/rootless.txt" "$PROG"' \
		>"$W/rootless.log" 2>&1
	if [ -s "$W/rootless.txt" ]; then
		same "ptrace --cuda-only as nobody (unshare -Ur)" "$W/rootless.txt" "$EXP/nvcap.expect"
	else
		skip "ptrace as nobody" "no trace (unprivileged user namespaces refused?): $(head -c 200 "$W/rootless.log")"
	fi
	W=$W0
else
	skip "ptrace as nobody" "no setpriv or no user nobody"
fi

# the driver version: NVOS21 (RM_ALLOC) has one size in every driver, paramsSize only from 535
# on; the layout follows the version string of the process's CHECK_VERSION_STR
for b in ptrace bpf; do
	for v in 530.41.03 595.45.04; do
		nsrun '"$HYTRACE" --backend='$b' --cuda-only -e trace=ioctl -o "$W/'$b'-v'$v'.txt" \
			"$PROGS/nvver" '$v >"$W/$b-v$v.log" 2>&1
	done
	got=$(grep -h NV_ESC_RM_ALLOC "$W/$b-v530.41.03.txt" "$W/$b-v595.45.04.txt" 2>/dev/null)
	want='ioctl(3, NV_ESC_RM_ALLOC, {hRoot=0xc1d00001, hObjectParent=0xc1d00001, hObjectNew=0xcaf00001, hClass=NV01_DEVICE_0, pAllocParms=NULL}) = -1 ENOTTY (Inappropriate ioctl for device)
ioctl(3, NV_ESC_RM_ALLOC, {hRoot=0xc1d00001, hObjectParent=0xc1d00001, hObjectNew=0xcaf00001, hClass=NV01_DEVICE_0, pAllocParms=NULL, paramsSize=0}) = -1 ENOTTY (Inappropriate ioctl for device)'
	if [ "$got" = "$want" ]; then
		ok "$b: NVOS21 decoded for the driver version the process checked (530, 595)"
	else
		fail "$b: NVOS21 by the driver version" "$got $(cat "$W/$b-v530.41.03.log")"
	fi
done

# --cuda-only and a device fd's copies: dup, dup2, dup3, fcntl on it show (and /dev/null's not)
for b in ptrace bpf; do
	nsrun '"$HYTRACE" --backend='$b' --cuda-only -o "$W/'$b'-dup.txt" "$PROGS/nvver" 595.45.04' \
		>"$W/$b-dup.log" 2>&1
	same "$b --cuda-only: dup, dup2, dup3, fcntl of a device fd" "$W/$b-dup.txt" "$EXP/nvver.expect"
done

# the dedicated programs, and the raw_syscalls ones where tracefs is absent (unmounted in a
# private namespace only)
nsrun '"$HYTRACE" --backend=bpf --debug --cuda-only -o "$W/ded.txt" "$PROG"' >"$W/ded.log" 2>&1
if grep -q "dedicated per-syscall programs" "$W/ded.log"; then
	ok "bpf --cuda-only: dedicated per-syscall programs"
else
	fail "bpf --cuda-only: dedicated per-syscall programs" "$(grep -v libbpf "$W/ded.log" | head -c 400)"
fi
nsrun 'umount -l /sys/kernel/tracing 2>/dev/null; umount -l /sys/kernel/debug/tracing 2>/dev/null
	umount -l /sys/kernel/debug 2>/dev/null
	"$HYTRACE" --backend=bpf --debug --cuda-only -o "$W/fb.txt" "$PROG"' >"$W/fb.log" 2>&1
if grep -q "no per-syscall tracepoint" "$W/fb.log" && grep -q "^ioctl(" "$W/fb.txt" 2>/dev/null; then
	same "bpf --cuda-only without tracefs: the raw_syscalls programs" "$W/fb.txt" "$EXP/nvcap.expect"
else
	fail "bpf --cuda-only without tracefs" "$(grep -v libbpf "$W/fb.log" | head -c 400)"
fi
exit 0
