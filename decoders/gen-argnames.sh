#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-argnames.sh: print decoders/syscall_args_x86_64.tbl from the running kernel's syscall
# tracepoint formats (needs tracefs: mount -t tracefs nodev /sys/kernel/tracing).
T=/sys/kernel/tracing/events/syscalls
[ -d "$T" ] || { echo "gen-argnames.sh: $T missing (mount tracefs)" >&2; exit 1; }
echo "# syscall_args_x86_64.tbl: argument names of each syscall, for structured outputs (json, tef, perfetto, otlp)"
echo "# source: the kernel's syscall tracepoint formats, $T/sys_enter_NAME/format"
echo "# (Linux $(uname -r | cut -d- -f1)); regenerate with: sh decoders/gen-argnames.sh > decoders/syscall_args_x86_64.tbl"
echo "# NAME	ARG0 ARG1 ..."
for f in "$T"/sys_enter_*/format; do
	n=$(basename "$(dirname "$f")")
	n=${n#sys_enter_}
	args=$(awk -F'[;:]' '/field:/ && !/common_|__syscall_nr/ { split($2, a, " "); nm = a[length(a)]; gsub(/^\*+/, "", nm); printf "%s ", nm }' "$f")
	printf '%s\t%s\n' "$n" "${args% }"
done | sort
