#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# run.sh: run a command where tests/fakenv (the fake NVIDIA driver) answers at the NVIDIA paths.
#
#   sh tests/fakenv/run.sh FAKENV WORKDIR CMD [ARG...]
#
# In a private mount namespace (unshare -m, root): FAKENV is mounted on WORKDIR/mnt, a tmpfs
# goes over /dev holding the usual device nodes (bound from the real /dev) and the fake's
# files bound at /dev/nvidiactl, /dev/nvidia0, /dev/nvidia-uvm, /dev/nvidia-uvm-tools,
# /dev/nvidia-modeset and /dev/nvidia-caps/nvidia-cap1; then CMD runs there and its exit
# status is ours.  Nothing outside the namespace changes; the fake ends with it.
# Exit status 77: the fake could not be set up (the reason on stderr), so callers can skip.
# FAKENV_OPTS: more FUSE options for the fake (-d: every request logged in WORKDIR/fakenv.err).

[ $# -ge 3 ] || { echo "usage: run.sh FAKENV WORKDIR CMD [ARG...]" >&2; exit 2; }
if [ -z "$FAKENV_INSIDE" ]; then
	FAKENV_INSIDE=1 exec unshare -m --propagation private sh "$0" "$@"
fi
FAKE=$1 W=$2
shift 2
mkdir -p "$W/mnt" "$W/olddev" || exit 77
"$FAKE" "$W/mnt" -f -s -o allow_other $FAKENV_OPTS 2>"$W/fakenv.err" &
fpid=$!
i=0
until [ -e "$W/mnt/dev/nvidiactl" ]; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 $fpid 2>/dev/null; then
		echo "fakenv: cannot mount the fake driver on $W/mnt: $(head -c 300 "$W/fakenv.err")" >&2
		kill $fpid 2>/dev/null
		exit 77
	fi
	sleep 0.05
done
mount --rbind /dev "$W/olddev" &&
mount -t tmpfs -o mode=755 fakedev /dev &&
mkdir -p /dev/pts /dev/shm /dev/nvidia-caps || { kill $fpid; exit 77; }
for n in null zero full random urandom tty; do
	[ -e "$W/olddev/$n" ] || continue
	touch /dev/$n && mount --bind "$W/olddev/$n" /dev/$n || { kill $fpid; exit 77; }
done
mount --rbind "$W/olddev/pts" /dev/pts 2>/dev/null
mount --rbind "$W/olddev/shm" /dev/shm 2>/dev/null
ln -s /proc/self/fd /dev/fd && ln -s fd/0 /dev/stdin && ln -s fd/1 /dev/stdout &&
ln -s fd/2 /dev/stderr || { kill $fpid; exit 77; }
for f in nvidiactl nvidia0 nvidia-uvm nvidia-uvm-tools nvidia-modeset nvidia-caps/nvidia-cap1; do
	touch "/dev/$f" && mount --bind "$W/mnt/dev/$f" "/dev/$f" || { kill $fpid; exit 77; }
done
"$@"
rc=$?
kill $fpid 2>/dev/null
wait $fpid 2>/dev/null
exit $rc
