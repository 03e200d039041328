#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-nv-gvisor-ids.sh: tests/unit/nv_gvisor_ids.h, the NVIDIA ioctls gVisor's nvproxy lets a
# sandboxed program make (its allowlist for one driver version), for tests/unit/test_nvcov.c.
#
# gVisor's nvproxy (Apache-2.0) passes through only the frontend escapes, UVM commands, RM
# control commands and RM allocation classes it lists per driver version in
# pkg/sentry/devices/nvproxy/version.go (the rest fail with EINVAL); what is listed is what
# CUDA programs, nvidia-smi and ML frameworks were seen to need, each tagged with the
# nvidia-container-toolkit capabilities (compute, utility, graphics, video, ...) that allow it.
# This script replays that file's chain of versions (a version copies its parent's lists, then
# adds or deletes entries) for one version, takes the numbers from pkg/abi/nvgpu/*.go, the
# params struct of each entry from the same file's DriverABIInfo lists, and looks every number
# up in the #defines of a release of NVIDIA's open-gpu-kernel-modules (the one hytrace's
# tables come from) to mark ids that release does not define.
#
# Usage: tests/unit/gen-nv-gvisor-ids.sh [GVISOR_COMMIT [GVISOR_VERSION [NV_TAG]]]
#        defaults: the gVisor repository's HEAD, 595.71.05 (gVisor's entry closest to
#        hytrace's pinned release), 595.45.04.  GVREPO= and NVREPO= point at the clones.
# Only facts are taken (ids, names, capability tags, params struct names); no code is copied.
set -eu

GVREPO=${GVREPO:-/work/.mirror/google+gvisor/repo}
NVREPO=${NVREPO:-/work/.mirror/NVIDIA+open-gpu-kernel-modules/repo}
GVC=$(git -C "$GVREPO" rev-parse "${1:-HEAD}")
GVV=${2:-595.71.05}
TAG=${3:-595.45.04}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/tests/unit/nv_gvisor_ids.h
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL

GVDATE=$(git -C "$GVREPO" log -1 --format=%cs "$GVC")
git -C "$GVREPO" show "$GVC:pkg/sentry/devices/nvproxy/version.go" >"$tmp/version.go"
for f in $(git -C "$GVREPO" ls-tree --name-only "$GVC" pkg/abi/nvgpu/ | grep '\.go$'); do
	git -C "$GVREPO" show "$GVC:$f"
done >"$tmp/nvgpu.go"
git -C "$NVREPO" archive "$TAG" src/common/sdk/nvidia/inc kernel-open/common/inc \
	kernel-open/nvidia-uvm src/nvidia/arch/nvalloc/unix/include | tar -x -C "$tmp"

# Every "#define NAME VALUE" of the release: AREA NAME VALUE (the number when VALUE is one),
# AREA ctrl for ctrl/**, class for class/** and nvos.h, other for the rest.
(cd "$tmp" && find src kernel-open -name '*.h' | sort | while read -r f; do
	case $f in
	*/inc/ctrl/*) a=ctrl ;;
	*/inc/class/* | */inc/nvos.h) a=class ;;
	*) a=other ;;
	esac
	awk -v a="$a" '$1 == "#define" && NF >= 3 { v = $3; gsub(/[()]/, "", v); sub(/[uU][lL]*$/, "", v)
		print a, $2, v }' "$f"
done) >"$tmp/defs"

awk -v gvv="$GVV" -v tag="$TAG" -v gvc="$GVC" -v gvdate="$GVDATE" '
function num(s,    v, i, c) {	# a Go or C integer literal: hex, decimal, uint32(\x27F\x27)
	s = tolower(s)
	if (s ~ /^0x[0-9a-f]+$/) {
		v = 0
		for (i = 3; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	if (s ~ /^[0-9]+$/)
		return s + 0
	return ""
}
function resolve(n,    e, p, a, b, op) {	# a Go constant of pkg/abi/nvgpu, "" if not a number
	if (n in val)
		return val[n]
	if (!(n in expr) || seen[n]++)
		return ""
	e = expr[n]
	if (e ~ /^uint32\(\x27.\x27\)$/)
		return val[n] = ord[substr(e, 9, 1)]
	if ((p = num(e)) != "")
		return val[n] = p
	if (match(e, /^[A-Za-z0-9_]+ *[-+] *[0-9]+$/)) {
		split(e, a, / *[-+] */)
		op = e ~ /\+/ ? 1 : -1
		b = resolve(a[1])
		return b == "" ? "" : (val[n] = b + op * a[2])
	}
	if (e ~ /^[A-Za-z_][A-Za-z0-9_]*$/)
		return (b = resolve(e)) == "" ? "" : (val[n] = b)
	return ""
}
function kind(m) {
	if (m ~ /^(frontendIoctl|FrontendInfos)$/) return "esc"
	if (m ~ /^(uvmIoctl|UvmInfos)$/) return "uvm"
	if (m ~ /^(controlCmd|ControlInfos)$/) return "ctrl"
	if (m ~ /^(allocationClass|AllocationInfos)$/) return "class"
	return ""
}
function caps(h,    c, n, i, p, r) {	# the capability set, the handler constructor s last argument
	sub(/ *\/\/.*$/, "", h); sub(/,? *$/, "", h); sub(/\) *$/, "", h)
	c = h; sub(/^.*, */, "", c)
	n = split(c, p, /\|/)
	r = ""
	for (i = 1; i <= n; i++) {
		sub(/^nvconf\./, "", p[i])
		if (p[i] == "compUtil") p[i] = "COMPUTE|NVG_UTILITY"
		else if (p[i] ~ /^Cap[A-Za-z]+$/) p[i] = toupper(substr(p[i], 4))
		else { print "gen-nv-gvisor-ids: cannot read capabilities of: " h > "/dev/stderr"; exit 1 }
		r = r (r == "" ? "" : "|") "NVG_" p[i]
	}
	return r
}
function params(h,    s) {	# the params struct an IoctlInfo names, "" for none
	sub(/ *\/\/.*$/, "", h)
	if (match(h, /^simpleIoctlInfo\("[A-Za-z0-9_]*"\)/)) return ""
	if (match(h, /^simpleIoctlInfo\("[A-Za-z0-9_]+", *"[A-Za-z0-9_]+"/) ||
	    match(h, /^ioctlInfoWithStructName\("[A-Za-z0-9_]+", *[^,]+, *"[A-Za-z0-9_]+"/)) {
		s = substr(h, 1, RLENGTH); sub(/"$/, "", s); sub(/^.*"/, "", s); return s
	}
	if (match(h, /^ioctlInfo\("[A-Za-z0-9_]+", *nvgpu\.[A-Za-z0-9_]+\{\}/)) {
		s = substr(h, 1, RLENGTH); sub(/\{\}$/, "", s); sub(/^.*nvgpu\./, "", s); return s
	}
	print "gen-nv-gvisor-ids: cannot read params of: " h > "/dev/stderr"; exit 1
}
function op(v, what, m, n, arg) {	# record one change to version v s lists
	k = kind(m)
	if (k == "") return
	nops[v]++
	ops[v, nops[v]] = what SUBSEP (m ~ /Infos$/ ? "info" : "handler") SUBSEP k SUBSEP n SUBSEP arg
}
function apply(v,    i, f) {	# replay version v: its parent, then its own changes
	if (v in alias) { apply(alias[v]); return }
	if (v in parent) apply(parent[v])
	for (i = 1; i <= nops[v]; i++) {
		split(ops[v, i], f, SUBSEP)
		if (f[1] == "del") { delete on[f[2], f[3], f[4]]; continue }
		on[f[2], f[3], f[4]] = 1
		arg[f[2], f[3], f[4]] = f[5]
	}
}
BEGIN {
	for (i = 32; i < 127; i++) ord[sprintf("%c", i)] = i
}
FILENAME ~ /defs$/ {
	d = num($3)
	if ($1 == "ctrl" && $2 ~ /_CTRL_/ && d != "") {	# a command s name first, then any
		if (!((d "") in ctrlname) || ($2 ~ /_CTRL_CMD_/ && ctrlname[d ""] !~ /_CTRL_CMD_/))
			ctrlname[d ""] = $2
		ctrlval[$2] = d
	}
	if ($1 == "class" && d != "") { if (!((d "") in classname)) classname[d ""] = $2; isclass[$2] = d }
	defined[$2] = 1
	next
}
FILENAME ~ /nvgpu\.go$/ {
	if ($0 ~ /^const \(/) { inconst = 1; next }
	if (inconst && $0 ~ /^\)/) { inconst = 0; next }
	line = $0; sub(/ *\/\/.*$/, "", line)
	if (inconst || line ~ /^const /) {
		sub(/^const /, "", line)
		if (match(line, /^[ \t]*[A-Za-z_][A-Za-z0-9_]*( +[A-Za-z0-9_.]+)? *= */)) {
			n = line; sub(/^[ \t]*/, "", n); sub(/[ =].*$/, "", n)
			e = substr(line, RLENGTH + 1); sub(/[ \t]+$/, "", e)
			expr[n] = e
		}
	}
	next
}
{	# version.go
	line = $0
	if (match(line, /(v[0-9_]+|_) :?= add(Unsupported)?DriverABI\([0-9]+, *[0-9]+, *[0-9]+/)) {
		s = substr(line, RSTART, RLENGTH)
		v = s; sub(/ .*$/, "", v)
		if (v == "_") v = "_" NR
		ver = s; sub(/^.*\(/, "", ver); gsub(/ /, "", ver); split(ver, vv, ",")
		vname[sprintf("%d.%d.%02d", vv[1], vv[2], vv[3])] = v
		if (line ~ /func\(\) \*driverABI \{ *$/) cur = v
		else if (match(line, /, *v[0-9_]+\) *(\/\/.*)?$/)) {
			p = substr(line, RSTART, RLENGTH); sub(/^, */, "", p); sub(/\).*$/, "", p)
			alias[v] = p
		}
		next
	}
	if (cur == "") next
	if (match(line, /abi := v[0-9_]+\(\)/)) {
		p = substr(line, RSTART + 7, RLENGTH - 9); parent[cur] = p; next
	}
	if (match(line, /^[ \t]*[A-Za-z]+: *map\[/)) {
		m = line; sub(/^[ \t]*/, "", m); sub(/:.*$/, "", m); sect = m; next
	}
	if (sect != "" && match(line, /^[ \t]*nvgpu\.[A-Za-z0-9_]+: */)) {
		n = line; sub(/^[ \t]*nvgpu\./, "", n); sub(/:.*$/, "", n)
		h = substr(line, RLENGTH + 1)
		op(cur, "set", sect, n, sect ~ /Infos$/ ? params(h) : caps(h))
		next
	}
	if (match(line, /^[ \t]*\},? *$/)) { sect = ""; next }
	if (match(line, /(abi|info)\.[A-Za-z]+\[nvgpu\.[A-Za-z0-9_]+\] = /)) {
		s = substr(line, RSTART, RLENGTH); h = substr(line, RSTART + RLENGTH)
		m = s; sub(/^[a-z]+\./, "", m); sub(/\[.*$/, "", m)
		n = s; sub(/^.*nvgpu\./, "", n); sub(/\].*$/, "", n)
		op(cur, "set", m, n, m ~ /Infos$/ ? params(h) : caps(h))
		next
	}
	if (match(line, /delete\((abi|info)\.[A-Za-z]+, *nvgpu\.[A-Za-z0-9_]+\)/)) {
		s = substr(line, RSTART + 7, RLENGTH - 8)
		m = s; sub(/^[a-z]+\./, "", m); sub(/,.*$/, "", m)
		n = s; sub(/^.*nvgpu\./, "", n)
		op(cur, "del", m, n, "")
		next
	}
	if (line ~ /^\t\t\}\)/) cur = ""
}
END {
	if (!(gvv in vname)) { print "gen-nv-gvisor-ids: no version " gvv " in version.go" > "/dev/stderr"; exit 1 }
	apply(vname[gvv])
	printf "/* SPDX-License-Identifier: LGPL-2.1-or-later */\n"
	printf "/*\n * nv_gvisor_ids.h: the NVIDIA ioctls gVisor%cs nvproxy allows for driver %s (facts, for\n", 39, gvv
	printf " * tests/unit/test_nvcov.c).  Generated by tests/unit/gen-nv-gvisor-ids.sh, do not edit.\n"
	printf " * source: google/gvisor %s (%s),\n", gvc, gvdate
	printf " * pkg/sentry/devices/nvproxy/version.go (the lists of driver %s: frontendIoctl,\n", gvv
	printf " * uvmIoctl, controlCmd, allocationClass, and the params structs of its DriverABIInfo) and\n"
	printf " * the Go files of pkg/abi/nvgpu (the numbers); each id looked up in the #defines of\n"
	printf " * open-gpu-kernel-modules %s.  Per entry: the number, the capabilities gVisor allows it\n", tag
	printf " * under, gVisor%cs name, the params struct gVisor names (NULL: none), and, for an id %s does\n", 39, tag
	printf " * not define, why.\n */\n"
	printf "#ifndef HY_TEST_NV_GVISOR_IDS_H\n#define HY_TEST_NV_GVISOR_IDS_H\n\n#include <stddef.h>\n#include <stdint.h>\n\n"
	printf "/* gVisor%cs nvconf capabilities (those of nvidia-container-toolkit, and privileged ones) */\n", 39
	printf "#define NVG_COMPUTE\t0x001\t/* CUDA */\n#define NVG_DISPLAY\t0x002\n#define NVG_GRAPHICS\t0x004\t/* OpenGL, Vulkan */\n"
	printf "#define NVG_NGX\t\t0x008\n#define NVG_UTILITY\t0x010\t/* nvidia-smi, NVML */\n#define NVG_VIDEO\t0x020\t/* NVENC, NVDEC */\n"
	printf "#define NVG_COMPAT32\t0x040\n#define NVG_FABRICIMEXMANAGEMENT 0x080\n#define NVG_PROFILING\t0x100\t/* Nsight */\n#define NVG_RDMA\t0x200\t/* GPUDirect RDMA */\n\n"
	printf "#define NVG_DRIVER \"%s\"\n#define NVG_HEADERS \"%s\"\n#define NVG_COMMIT \"%s\"\n\n", gvv, tag, gvc
	printf "struct nvg_id {\n\tuint32_t id;\n\tunsigned int caps;\n\tconst char *name;\t/* gVisor%cs */\n", 39
	printf "\tconst char *params;\t/* the params struct gVisor names, NULL: the request takes none */\n"
	printf "\tconst char *absent;\t/* NULL, or why open-gpu-kernel-modules %s does not define it */\n};\n", tag
	nk = split("esc uvm ctrl class", kinds, " ")
	split("frontend escapes (IOC_NR of the request)|UVM commands|RM control commands (NVOS54 cmd)|RM allocation classes (NVOS21/NVOS64 hClass)", titles, "|")
	for (ki = 1; ki <= nk; ki++) {
		k = kinds[ki]
		printf "\n/* %s */\nstatic const struct nvg_id nvg_%s[] = {\n", titles[ki], k
		cnt = 0
		delete row
		for (key in on) {
			split(key, f, SUBSEP)
			if (f[1] != "handler" || f[2] != k) continue
			n = f[3]
			id = resolve(n)
			if (k == "ctrl" && (n in ctrlval) && ctrlval[n] == id) ctrlname[id ""] = n
			if (id == "") { print "gen-nv-gvisor-ids: no number for " n > "/dev/stderr"; exit 1 }
			if (!(("info", k, n) in on)) { print "gen-nv-gvisor-ids: no DriverABIInfo for " n > "/dev/stderr"; exit 1 }
			pr = arg["info", k, n]
			ab = ""
			if (k == "ctrl" && !((id "") in ctrlname))
				ab = sprintf("no #define of 0x%08x in ctrl/**/*.h", id)
			if (k == "class" && !((id "") in classname))
				ab = sprintf("no #define of 0x%04x in class/*.h", id)
			if ((k == "esc" || k == "uvm") && !(n in defined))
				ab = "no #define " n
			hn = ""
			if (k == "ctrl" && (id "") in ctrlname && ctrlname[id ""] != n) hn = ctrlname[id ""]
			if (k == "class" && (id "") in classname && !(n in isclass)) hn = classname[id ""]
			row[sprintf("%010d", id) n] = sprintf("\t{ 0x%08x, %s, \"%s\", %s, %s },%s", id, arg[key], n,
				pr == "" ? "NULL" : "\"" pr "\"", ab == "" ? "NULL" : "\"" ab "\"",
				hn == "" ? "" : "\t/* " tag ": " hn " */")
			cnt++
		}
		m = asorti(row, idx)
		for (i = 1; i <= m; i++) print row[idx[i]]
		printf "};\n"
	}
	printf "\n#endif\n"
}
' "$tmp/defs" "$tmp/nvgpu.go" "$tmp/version.go" >"$tmp/out.h"
mv "$tmp/out.h" "$out"
echo "wrote $out"
