#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# soak.sh: hytrace -a (eBPF, system-wide) while a build runs in a loop; samples hytrace's RSS and
# open fds and fails when either grows after the warm-up (make soak SOAK_SECONDS=N).
#
#   sh bench/soak.sh                     60 s, build/hytrace
#   SOAK_SECONDS=600 sh bench/soak.sh    10 minutes
#
# Settings (environment): SOAK_SECONDS (60), SOAK_INTERVAL (seconds between samples, 5),
# SOAK_WARMUP (seconds not judged, default a fifth of the run, at most 60), SOAK_RSS_KB (the RSS
# growth allowed after the warm-up, 4096 KiB), HYTRACE (build/hytrace), SOAK_KEEP=1 (keep the
# work dir).  The workload: `make -j2 clean all` of a copy of this tree, again and again.
# The samples go to build/soak/samples.tsv, the summary to build/soak/summary.txt.
# Takes /tmp/hytrace-test.lock (HYT_LOCK) for the whole run: -a sees every process, and the
# test suite checks that no hytrace BPF program is loaded.

cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
LOCK=${HYT_LOCK:-/tmp/hytrace-test.lock}
if [ -z "$SOAK_LOCKED" ] && command -v flock >/dev/null; then
	SOAK_LOCKED=1 exec flock "$LOCK" env SOAK_LOCKED=1 sh "$0" "$@"
fi

HYTRACE=${HYTRACE:-build/hytrace}
case $HYTRACE in /*) ;; *) HYTRACE=$ROOT/$HYTRACE ;; esac
SECS=${SOAK_SECONDS:-60}
IVL=${SOAK_INTERVAL:-5}
WARM=${SOAK_WARMUP:-$((SECS / 5 > 60 ? 60 : SECS / 5))}
RSS_BOUND=${SOAK_RSS_KB:-4096}
RES=$ROOT/build/soak
mkdir -p "$RES"
W=$(mktemp -d /tmp/hytrace-soak.XXXXXX) || exit 2
HY=
LOOP=

die() { echo "soak: $*" >&2; exit 2; }
cleanup()
{
	[ -n "$LOOP" ] && kill -TERM "-$LOOP" 2>/dev/null
	[ -n "$HY" ] && kill -KILL "$HY" 2>/dev/null
	[ -n "$SOAK_KEEP" ] || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ -x "$HYTRACE" ] || die "$HYTRACE is not executable (run make)"
err=$("$HYTRACE" --backend=bpf -o /dev/null true 2>&1) || die "eBPF unavailable: $err"

# the workload: a copy of the tree, built from clean again and again
mkdir -p "$W/src"
git ls-files -co --exclude-standard | grep -v '^build/' | tar -cf - -T - | tar -xf - -C "$W/src" ||
	die "cannot copy the tree"
# in a session of its own; its pid, which is also its process group, is in loop.pid
setsid sh -c '
	echo $$ >"$1/loop.pid"
	n=0
	while [ -d "$1/src" ]; do
		make -s -j2 -C "$1/src" OUTPUT="$1/out" clean >/dev/null 2>&1
		make -s -j2 -C "$1/src" OUTPUT="$1/out" all >"$1/build.log" 2>&1 ||
			{ echo "build $n failed" >>"$1/builds"; sleep 1; }
		n=$((n + 1))
		echo "$n" >"$1/builds.n"
	done' sh "$W" </dev/null &
i=0
while [ ! -s "$W/loop.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
LOOP=$(cat "$W/loop.pid") || die "the build loop did not start"

# a background job of a script starts with SIGINT ignored: give it the default back
env --default-signal=INT "$HYTRACE" -a -o "$W/trace" 2>"$W/err" </dev/null &
HY=$!
load0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "# soak: hytrace -a for $SECS s under a build loop; samples every $IVL s, warm-up $WARM s"
printf 't_s\trss_kb\tfds\ttrace_bytes\n' >"$RES/samples.tsv"
t0=$(date +%s)
while :; do
	now=$(($(date +%s) - t0))
	kill -0 "$HY" 2>/dev/null || die "hytrace ended after $now s: $(head -c 300 "$W/err")"
	rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$HY/status")
	fds=$(ls "/proc/$HY/fd" | wc -l)
	bytes=$(stat -c %s "$W/trace")
	printf '%s\t%s\t%s\t%s\n' "$now" "$rss" "$fds" "$bytes" >>"$RES/samples.tsv"
	[ "$now" -ge "$SECS" ] && break
	sleep "$IVL"
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
kill -TERM "-$LOOP" 2>/dev/null
LOOP=
kill -INT "$HY"
wait "$HY"
rc=$?
HY=
builds=$(cat "$W/builds.n" 2>/dev/null || echo 0)
failed=$(cat "$W/builds" 2>/dev/null | wc -l)
lines=$(wc -l <"$W/trace")
lost=$(sed -n 's/^.*+++ \([0-9]*\) events lost +++$/\1/p' "$W/trace" |
	awk '{ s += $1 } END { print s + 0 }')

awk -v warm="$WARM" -v bound="$RSS_BOUND" -v rc="$rc" -v lines="$lines" -v lost="$lost" \
	-v builds="$builds" -v failed="$failed" -v load0="$load0" -v load1="$load1" '
NR == 1 { next }
{
	t = $1; rss = $2; fds = $3
	if (NR == 2) { rss0 = rss; fds0 = fds; rssmax = rss; fdsmax = fds }
	if (rss > rssmax) rssmax = rss
	if (fds > fdsmax) fdsmax = fds
	if (!havew && t >= warm) {
		havew = 1; tw = t; rssw = rss; fdsw = fds; rsswmax = rss; fdswmax = fds
	}
	if (havew) { if (rss > rsswmax) rsswmax = rss; if (fds > fdswmax) fdswmax = fds }
	tend = t; rssend = rss; fdsend = fds
}
END {
	min = (tend - tw) / 60
	per = min > 0 ? (rssend - rssw) / min : 0
	printf "duration %d s, %d builds (%d failed), load average %s at the start, %s at the end\n",
		tend, builds, failed, load0, load1
	printf "RSS KiB: start %d, after warm-up (%d s) %d, end %d, max %d; ",
		rss0, tw, rssw, rssend, rssmax
	printf "growth after warm-up %+d KiB (%+.1f KiB/min)\n", rssend - rssw, per
	printf "fds: start %d, after warm-up %d, end %d, max %d\n", fds0, fdsw, fdsend, fdsmax
	printf "events written %d lines, events lost %d; hytrace exit status %d\n", lines, lost, rc
	bad = 0
	if (rsswmax - rssw > bound) {
		printf "FAIL: RSS grew by %d KiB after the warm-up (bound %d KiB)\n", rsswmax - rssw, bound
		bad = 1
	}
	if (fdswmax > fdsw) {
		printf "FAIL: fds grew from %d to %d after the warm-up\n", fdsw, fdswmax
		bad = 1
	}
	if (rc != 130 && rc != 0) {
		printf "FAIL: hytrace exit status %d after SIGINT\n", rc
		bad = 1
	}
	if (lines < 1000) {
		printf "FAIL: only %d lines traced\n", lines
		bad = 1
	}
	if (!bad)
		printf "ok: RSS within %d KiB and fds flat after the warm-up\n", bound
	exit bad
}' "$RES/samples.tsv" | tee "$RES/summary.txt"
# (tee's status is not awk's: the verdict is read back)
grep -q '^FAIL' "$RES/summary.txt" && exit 1
exit 0
