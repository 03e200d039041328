#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# func_formats.sh: what each output format costs per --func record, without a backend: a raw
# capture of N calls of one function (2N records, written here by a generator, as the eBPF
# backend would send them) replayed with --input into json, tef, perfetto, uftrace and -c,
# RUNS times each, alternating; prints the median and min-max seconds per format.
#   sh bench/func_formats.sh [N] [RUNS]      (defaults: 1000000 calls, 5 runs)
# Wrap it in flock /tmp/hytrace-bench.lock on a shared machine.

cd "$(dirname "$0")/.." || exit 2
N=${1:-1000000}
RUNS=${2:-5}
H=${HYTRACE:-build/hytrace}
W=$(mktemp -d /tmp/hyt-funcfmt.XXXXXX) || exit 1
trap 'rm -rf "$W"' EXIT

python3 - "$W/in.raw" "$N" <<'EOF' || exit 1
import struct, sys
path, n = sys.argv[1], int(sys.argv[2])
# raw header, version 2 with function records (docs/raw-format.md)
h = bytearray(144)
h[0:8] = b"\x7fHYTRAW\n"
struct.pack_into("<IIII", h, 8, 2, 144, 112, 0x1 | 0x8 | 0x10)
struct.pack_into("<I", h, 32, 32)
h[40:45] = b"bench"
name, mod = b"f", b"/opt/bench/prog"
size = (48 + len(name) + len(mod) + 7) // 8 * 8
info = bytearray(size)
struct.pack_into("<HHIIiQQIHHQ", info, 0, 0x8001, len(name), size, 0, -1, 0x1139, 0x20, 0,
                 len(mod), 0, 0)
info[48:48 + len(name) + len(mod)] = name + mod
addr, ts = 0x555555554000 + 0x1139, 10**9
ent = struct.Struct("<HHIIIQQQII")
with open(path, "wb") as f:
    f.write(h)
    f.write(info)
    buf = bytearray()
    for i in range(n):
        buf += ent.pack(11, 0, 48, 4242, 4242, ts, addr, 0x7000, 0, 0)
        buf += ent.pack(12, 0, 48, 4242, 4242, ts + 50, addr, 0x7008, 0, 0)
        ts += 100
        if len(buf) > 1 << 20:
            f.write(buf)
            buf = bytearray()
    f.write(buf)
EOF

for i in $(seq "$RUNS"); do
	for f in json tef perfetto uftrace c; do
		rm -rf "$W/out"
		s=$(date +%s%N)
		if [ $f = c ]; then
			"$H" --input "$W/in.raw" -c -o "$W/out" || exit 1
		else
			"$H" --input "$W/in.raw" --format=$f -o "$W/out" || exit 1
		fi
		e=$(date +%s%N)
		echo "$f $(( (e - s) / 1000000 ))"
	done
done | awk -v n="$N" '
	{ t[$1, ++c[$1]] = $2; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
	END {
		printf "%d calls (%d records) replayed from a raw capture, %d runs each:\n", n, 2 * n, c[order[1]]
		for (j = 1; j <= k; j++) {
			f = order[j]; m = c[f]
			for (a = 1; a <= m; a++) v[a] = t[f, a]
			for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (v[b] < v[a]) { x = v[a]; v[a] = v[b]; v[b] = x }
			printf "  %-9s median %.2f s (%.2f-%.2f), %.0f ns per record\n", f, v[int((m + 1) / 2)] / 1000, v[1] / 1000, v[m] / 1000, v[int((m + 1) / 2)] * 1e6 / (2 * n)
		}
	}'
