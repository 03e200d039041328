#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-nvkms.sh: the tables of nvidia-modeset's ioctl (NVKMS, issue 11) from a pinned release of
# NVIDIA's MIT-licensed open-gpu-kernel-modules.  Run by hand; its outputs are committed:
#
#   decoders/xlat/nvkms_cmds.in         enum NvKmsIoctlCommand   (nvkms-api.h)
#   decoders/xlat/nvkms_*_status.in     the enums of the reply members named "status"
#   decoders/ioctl/nvkms_gen.c          which params struct each command takes (the dispatch
#                                       table of src/nvidia-modeset/src/nvkms.c: NvKms<F>Params
#                                       for ENTRY(cmd, F)) and the layouts of those structs,
#                                       offsets and sizes as the compiler computes them
#
# Usage: decoders/ioctl/gen-nvkms.sh [TAG]   (default: the pinned TAG below)
#        NVREPO=/path/to/open-gpu-kernel-modules.git overrides where the release is read.
# Only facts are taken (names, numbers, member names and layouts); no code or comment is copied.
set -eu

TAG=${1:-595.45.04}
NVREPO=${NVREPO:-/work/.mirror/NVIDIA+open-gpu-kernel-modules/repo}
CC=${CC:-cc}
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL

git -C "$NVREPO" archive "$TAG" src/nvidia-modeset/interface src/nvidia-modeset/src/nvkms.c \
	src/common/sdk/nvidia/inc src/common/inc src/common/unix/common/inc | tar -x -C "$tmp"
IF=$tmp/src/nvidia-modeset/interface
SRC="open-gpu-kernel-modules $TAG"
INC="-I$IF -I$tmp/src/common/sdk/nvidia/inc -I$tmp/src/common/inc -I$tmp/src/common/unix/common/inc"

# -- commands: the names of enum NvKmsIoctlCommand, values from the compiler ------------------
awk '/^enum NvKmsIoctlCommand *\{/ { on = 1; next }
on && /^\};/ { exit }
on { gsub(/[ \t,]/, ""); if ($0 ~ /^NVKMS_IOCTL_[A-Z0-9_]+$/) print }' "$IF/nvkms-api.h" > "$tmp/cmd.names"

# -- which params struct each command takes: ENTRY(NVKMS_IOCTL_X, F) / ENTRY_CUSTOM_USER(...) --
awk '/dispatch\[\] = \{/ { on = 1; next }
on && /^ *\};/ { exit }
on { buf = buf " " $0 }
END {
	while (match(buf, /ENTRY(_CUSTOM_USER)?\([ \t]*NVKMS_IOCTL_[A-Z0-9_]+[ \t]*,[ \t]*[A-Za-z0-9_]+/)) {
		e = substr(buf, RSTART, RLENGTH); buf = substr(buf, RSTART + RLENGTH)
		sub(/^[A-Z_]*\([ \t]*/, "", e); split(e, p, /[ \t]*,[ \t]*/)
		print p[1], "NvKms" p[2] "Params"
	}
}' "$tmp/src/nvidia-modeset/src/nvkms.c" > "$tmp/dispatch"
[ -s "$tmp/dispatch" ] || { echo "gen-nvkms.sh: no dispatch table in nvkms.c" >&2; exit 1; }

# -- the structs of the interface headers, members flattened ------------------------------------
# (not nv_dpy_id.h: NVDpyId and NVDpyIdList are opaque, their members renamed by a macro; they
# print as numbers or bytes by their size)
awk -f "$top/decoders/ioctl/gen-nvkms-structs.awk" "$IF/nvkms-api.h" "$IF/nvkms-api-types.h" \
	"$IF/nvkms-format.h" "$tmp/src/common/unix/common/inc/nv_mode_timings.h" \
	"$tmp/src/common/sdk/nvidia/inc/nvgputypes.h" > "$tmp/structs"

# the enums of members named "status" (in the structs the commands reach: checked below)
sed -n 's/^M enum~\([A-Za-z0-9_]*\) status -$/\1/p' "$tmp/structs" | sort -u > "$tmp/status.enums"

# table name of a status enum: NvKmsAllocDeviceStatus -> nvkms_alloc_device_status
tabname() {
	echo "$1" | sed 's/^NvKms//;s/\([a-z0-9]\)\([A-Z]\)/\1_\2/g' | tr '[:upper:]' '[:lower:]' | sed 's/^/nvkms_/'
}

# -- the C program that prints the layouts ------------------------------------------------------
{
	echo '#include <stdio.h>'
	echo '#include <stddef.h>'
	echo '#include <linux/ioctl.h>'
	echo '#include "nvkms-api.h"'
	echo '#include "nvkms-ioctl.h"'
} > "$tmp/incs.h"

awk -v dispf="$tmp/dispatch" -v enumf="$tmp/status.enums" -v structsf="$tmp/structs" '
function scalar(t) {
	return t ~ /^(NvU8|NvU16|NvU32|NvU64|NvS8|NvS16|NvS32|NvS64|NvBool|NvV32|NvV64|char|NvUPtr|NvLength)$/
}
function resolve(t,    k) {	# through typedefs to a struct or a scalar
	for (k = 0; k < 8 && !(t in sbody) && !scalar(t) && (t in alias); k++) t = alias[t]
	return t
}
function want(t) { if (!(t in queued)) { queued[t] = 1; order[norder++] = t } }
# a member: sets K (NKK_* suffix or "?" = by size) and SUB (a struct name or "")
function kind(ct, path, dims,    leaf, r, e) {
	leaf = path; sub(/^.*\./, "", leaf)
	SUB = ""; XL = "NULL"
	if (dims ~ /\]\[/) return "BYTES"
	if (ct ~ /^@/) { SUB = substr(ct, 2); return "STRUCT" }
	if (ct ~ /\*$/) return "X"
	if (ct ~ /^struct~/) ct = substr(ct, 8)
	if (ct ~ /^union~/) ct = substr(ct, 7)
	if (ct ~ /^enum~/) {
		e = substr(ct, 6)
		if (e in stenum) { XL = "&xlat_" stenum[e]; return "ENUM" }
		return "U"
	}
	r = resolve(ct)
	if (r in sbody) { SUB = r; return "STRUCT" }
	if (!scalar(r)) return "?"
	if (dims != "-" && r == "char") return "STR"
	if (dims != "-" && r == "NvU8") return "BYTES"
	if (ct ~ /Handle$/ || leaf ~ /[Hh]andle$/ || leaf ~ /([Ff]lags|Mask)$/) return "X"
	if (r ~ /64$/ || r == "NvUPtr") return "X"
	if (r ~ /^NvS/) return "I"
	return "U"
}
BEGIN {
	while ((getline line < structsf) > 0) {
		split(line, a, " ")
		if (a[1] == "S") { cur = a[2]; sbody[cur] = ""; continue }
		if (a[1] == "M") { sbody[cur] = sbody[cur] a[2] " " a[3] " " a[4] "\n"; continue }
		if (a[1] == "A") { alias[a[2]] = a[3]; continue }
		if (a[1] == "K") { kw[a[3]] = a[2]; continue }
		if (a[1] == "T") { tparent[a[2]] = a[3]; tmember[a[2]] = a[4]; continue }
	}
	while ((getline line < enumf) > 0) {
		t = line; sub(/^NvKms/, "", t); u = ""
		for (i = 1; i <= length(t); i++) {	# CamelCase -> snake_case, as tabname() does
			c = substr(t, i, 1)
			if (i > 1 && c ~ /[A-Z]/ && substr(t, i - 1, 1) ~ /[a-z0-9]/) u = u "_"
			u = u c
		}
		stenum[line] = "nvkms_" tolower(u)
	}
	while ((getline line < dispf) > 0) {
		split(line, a, " ")
		if (!(a[2] in sbody)) {
			printf "gen-nvkms: %s: struct %s not parsed, left out\n", a[1], a[2] > "/dev/stderr"
			continue
		}
		ncmd++; ccmd[ncmd] = a[1]; cstruct[ncmd] = a[2]
		want(a[2])
	}
	for (q = 0; q < norder; q++) {
		nl = split(sbody[order[q]], lines, "\n")
		for (i = 1; i <= nl; i++) {
			if (lines[i] == "") continue
			split(lines[i], m, " ")
			kind(m[1], m[2], m[3])
			if (SUB != "") want(SUB)
		}
	}
	print "#define FSIZE(T, p) sizeof(((T *)0)->p)"
	print "#define ESIZE(T, p) sizeof(((T *)0)->p[0])"
	print "static const char *num_kind(size_t s) { return (s == 1 || s == 2 || s == 4 || s == 8) ? \"NKK_X\" : \"NKK_BYTES\"; }"
	# a name for every struct: the plain ones, then the inline arrays (outer before inner)
	for (t in kw) printf "typedef %s %s %s;\n", kw[t], t, t
	for (q = 0; q < norder; q++) {
		t = order[q]
		if (t in tparent) {
			# declared after its parent: the parents come first in the queue or have a name
			p = tparent[t]
			printf "typedef __typeof__(((%s *)0)->%s[0]) %s;\n", p, tmember[t], t
		}
	}
	print "int main(int argc, char **argv)"
	print "{"
	print "\tconst char *src = argc > 1 ? argv[1] : \"?\";"
	print "\tprintf(\"// SPDX-License-Identifier: LGPL-2.1-or-later\\n\");"
	print "\tprintf(\"/* nvkms_gen.c: generated by decoders/ioctl/gen-nvkms.sh from %s, do not edit. */\\n\", src);"
	print "\tprintf(\"/* NVKMS params layouts and the struct of each command: facts from NVIDIA'\''s MIT-licensed headers. */\\n\");"
	print "\tprintf(\"#include \\\"nvkms_tab.h\\\"\\n#include \\\"xlat_gen.h\\\"\\n\\n\");"
	for (q = 0; q < norder; q++)
		printf "\tprintf(\"static const struct nvkms_struct nvks_%s;\\n\");\n", order[q]
	print "\tprintf(\"\\n\");"
	for (q = 0; q < norder; q++) {
		t = order[q]
		printf "\tprintf(\"static const struct nvkms_field nvkf_%s[] = {\\n\");\n", t
		nl = split(sbody[t], lines, "\n")
		nf = 0
		for (i = 1; i <= nl; i++) {
			if (lines[i] == "") continue
			split(lines[i], m, " ")
			ct = m[1]; path = m[2]; dims = m[3]
			k = kind(ct, path, dims)
			sub_ = SUB != "" ? "\"&nvks_" SUB "\"" : "\"NULL\""
			if (dims == "-" || dims ~ /\]\[/) {
				es = dims == "-" ? "FSIZE(" t ", " path ")" : "1"
			} else {
				es = "ESIZE(" t ", " path ")"
			}
			kc = k == "?" ? "num_kind(" es ")" : "\"NKK_" k "\""
			if (k == "?" && dims ~ /\]\[/) kc = "\"NKK_BYTES\""
			printf "\tprintf(\"\\t{ \\\"%%s\\\", %%zu, %%zu, %%zu, %%s, %%s, %%s },\\n\", \"%s\", offsetof(%s, %s), (size_t)(%s), FSIZE(%s, %s) / (%s), %s, %s, \"%s\");\n", path, t, path, es, t, path, es, kc, sub_, XL
			nf++
		}
		if (!nf) print "\tprintf(\"\\t{ NULL, 0, 0, 0, NKK_X, NULL, NULL },\\n\");"
		print "\tprintf(\"};\\n\");"
		printf "\tprintf(\"static const struct nvkms_struct nvks_%s = { \\\"%s\\\", %%zu, %d, nvkf_%s };\\n\\n\", sizeof(%s));\n", t, t, nf, t, t
	}
	print "\tprintf(\"/* command -> params struct, by command (enum NvKmsIoctlCommand) */\\n\");"
	print "\tprintf(\"const struct nvkms_cmd nvkms_cmd_tab[] = {\\n\");"
	for (c = 1; c <= ncmd; c++)
		printf "\tprintf(\"\\t{ %%u, &nvks_%s }, /* %s */\\n\", (unsigned)(%s));\n", cstruct[c], ccmd[c], ccmd[c]
	print "\tprintf(\"};\\nconst size_t nvkms_ncmds = sizeof(nvkms_cmd_tab) / sizeof(nvkms_cmd_tab[0]);\\n\\n\");"
	print "\tprintf(\"/* the request (NVKMS_IOCTL_IOWR) and its struct NvKmsIoctlParams */\\n\");"
	print "\tprintf(\"const uint32_t nvkms_ioctl_iowr = %#x;\\n\", (unsigned)NVKMS_IOCTL_IOWR);"
	print "\tprintf(\"const struct nvkms_ioctl_layout nvkms_ioctl_layout = { %zu, %zu, %zu, %zu };\\n\", sizeof(struct NvKmsIoctlParams), offsetof(struct NvKmsIoctlParams, cmd), offsetof(struct NvKmsIoctlParams, size), offsetof(struct NvKmsIoctlParams, address));"
	print "\tprintf(\"\\n/* the capture description: the top struct, and the params at address (size bytes) */\\n\");"
	print "\tprintf(\"const struct nv_ioc_desc_entry nvkms_descs[] = {\\n\");"
	print "\tprintf(\"\\t{ HY_IOCD_KEY(HY_DEV_NVIDIA_MODESET, %#x), { %zu, HY_AT_ENTER | HY_AT_EXIT, 1, 0, { { %zu, %zu, 4, 0, HY_AT_ENTER | HY_AT_EXIT, 0, HY_IOC_SUB_MAX } } } }, /* NVKMS_IOCTL_IOWR */\\n\", (unsigned)NVKMS_IOCTL_IOWR, sizeof(struct NvKmsIoctlParams), offsetof(struct NvKmsIoctlParams, address), offsetof(struct NvKmsIoctlParams, size));"
	print "\tprintf(\"};\\nconst size_t nvkms_ndescs = sizeof(nvkms_descs) / sizeof(nvkms_descs[0]);\\n\");"
	print "\treturn 0;"
	print "}"
}' > "$tmp/prog.c"
# shellcheck disable=SC2086	# INC: several -I options
$CC -std=gnu11 -w -DNV_UNIX -DNV_LINUX -D__linux__ $INC -include "$tmp/incs.h" -o "$tmp/prog" \
	"$tmp/prog.c"
"$tmp/prog" "$SRC" > "$tmp/nvkms_gen.c"

# -- value tables, evaluated by the compiler ----------------------------------------------------
xlat() {	# $1 table, $2 source, then the names
	t=$1 s=$2
	shift 2
	{
		printf '#include <stdio.h>\nint main(void)\n{\n'
		for n in "$@"; do
			printf 'printf("%%s\\t%%d\\n", "%s", (int)(%s));\n' "$n" "$n"
		done
		printf 'return 0;\n}\n'
	} > "$tmp/x.c"
	# shellcheck disable=SC2086	# INC: several -I options
	$CC -std=gnu11 -w -DNV_UNIX -DNV_LINUX -D__linux__ $INC -include "$tmp/incs.h" -o "$tmp/x" "$tmp/x.c"
	{
		echo "# $t: generated by decoders/ioctl/gen-nvkms.sh, do not edit"
		echo "# source: $SRC, $s"
		echo "#type enum"
		"$tmp/x"
	} > "$tmp/$t.in"
}
# shellcheck disable=SC2046
xlat nvkms_cmds "src/nvidia-modeset/interface/nvkms-api.h (enum NvKmsIoctlCommand)" $(cat "$tmp/cmd.names")
tabs=nvkms_cmds
for e in $(cat "$tmp/status.enums"); do
	grep -q "xlat_$(tabname "$e")\b" "$tmp/nvkms_gen.c" || continue	# not reached by a command
	names=$(awk -v e="$e" '$0 ~ "^enum " e " *\\{" { on = 1; next }
		on && /^\};/ { exit }
		on { sub(/\/\*.*$/, ""); sub(/=.*$/, ""); gsub(/[ \t,]/, ""); if ($0 ~ /^[A-Z][A-Z0-9_]+$/) print }' \
		"$IF/nvkms-api.h")
	# shellcheck disable=SC2086
	xlat "$(tabname "$e")" "src/nvidia-modeset/interface/nvkms-api.h (enum $e)" $names
	tabs="$tabs $(tabname "$e")"
done

rm -f "$top"/decoders/xlat/nvkms_*.in
for t in $tabs; do
	cp "$tmp/$t.in" "$top/decoders/xlat/$t.in"
done
cp "$tmp/nvkms_gen.c" "$top/decoders/ioctl/nvkms_gen.c"
echo "gen-nvkms.sh: tables from $SRC written ($(wc -l < "$tmp/cmd.names") commands, $(grep -c '^	{ [0-9]*, &nvks_' "$tmp/nvkms_gen.c") with a layout)" >&2
