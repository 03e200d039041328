#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# run.sh: run each libFuzzer target SECONDS on its corpus; a line per target; exit 1 on a crash.
#   sh tests/fuzz/run.sh SECONDS OUTDIR TARGET...   (as make fuzz runs it: OUTDIR is build/fuzz)
# New inputs go to OUTDIR/corpus/TARGET (the committed seeds in tests/fuzz/corpus/TARGET are
# only read); a crash, leak, timeout or out-of-memory input is written to the committed
# corpus as tests/fuzz/corpus/TARGET/repro-{crash,leak,timeout,oom}-SHA1, so that make test
# replays it from then on.  The fuzzer's log is OUTDIR/TARGET.log.

secs=$1 out=$2
shift 2
fail=0
for t in "$@"; do
	bin=$out/fuzz_$t seeds=tests/fuzz/corpus/$t work=$out/corpus/$t log=$out/$t.log
	mkdir -p "$seeds" "$work"
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$seeds/repro-" "$work" "$seeds" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	art=$(sed -n "s/.*Test unit written to \(.*\)/\1/p" "$log" | head -n 1)
	# a reproducer already kept (under a name that says what it is): keep one copy
	if [ -f "$art" ]; then
		for f in "$seeds"/repro-*; do
			if [ "$f" != "$art" ] && cmp -s "$f" "$art"; then
				rm -f "$art"
				art=$f
				break
			fi
		done
	fi
	if [ $rc = 0 ]; then
		echo "fuzz $t: ${execs:-0} executions in ${secs}s (${rate:-0}/s), no crash"
	else
		fail=1
		why=$(grep -m 1 -E '^SUMMARY: |ERROR: libFuzzer|ERROR: AddressSanitizer' "$log")
		echo "fuzz $t: FAIL after ${execs:-?} executions: ${why:-exit $rc}" \
			"(input: ${art:-none}; log: $log)"
	fi
done
exit $fail
