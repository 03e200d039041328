#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# unit.sh BIN...: run unit test binaries, count their `ok CASE: CHECK` / `not ok CASE: CHECK` lines.

pass=0
fail=0
for bin in "$@"; do
	case $bin in *.d | *.o) continue ;; esac	# make's dependency files next to the binaries
	[ -f "$bin" ] && [ -x "$bin" ] || { echo "not ok $bin: not an executable"; fail=$((fail + 1)); continue; }
	out=$(timeout 60 "$bin" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | grep -c '^ok ')
	f=$(printf '%s\n' "$out" | grep -c '^not ok ')
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok $(basename "$bin"): exited with status $rc"
		fail=$((fail + 1))
	fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
