# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-nvidia-prog.awk: write the C program that gen-nvidia.sh compiles against NVIDIA's headers
# and runs: it prints decoders/ioctl/nvidia_gen.c (struct layouts, which struct each request
# takes, the capture descriptions and the class sizes), with every offset and size computed by
# the compiler.  Inputs: specf (the request -> struct list), structsf (gen-nvidia-structs.awk).

function cstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }

function scalar(t) {
	return t ~ /^(NvU8|NvU16|NvU32|NvU64|NvV8|NvV16|NvV32|NvV64|NvS8|NvS16|NvS32|NvS64|NvBool|NvHandle|NvP64|NV_STATUS|char|int|unsigned~int|int32_t|uint32_t|uint64_t|uint8_t|uint16_t|int64_t|int16_t|int8_t|NvUPtr|NvLength|NvUuid|NvProcessorUuid)$/ || t ~ /\*$/
}

# The kind of a member (NVK_* suffix), "?" for "hex if it is a number's size, else bytes".
function kind(t, path, dims, ovr,    leaf) {
	leaf = path; sub(/^.*\./, "", leaf)
	if ((path in ovr)) return toupper(ovr[path])
	if ((leaf in ovr)) return toupper(ovr[leaf])
	if (t == "NvProcessorUuid" || t == "NvUuid") return "UUID"
	if ((t in sbody) && !scalar(t)) return "STRUCT"
	if (!scalar(t)) return "?"
	if (t == "NV_STATUS") return "ST"
	if (t == "NvHandle") return "H"
	if (t == "NvP64" || t ~ /\*$/) return "P"
	if (dims != "-" && t == "char") return "STR"
	if (dims != "-" && (t == "NvU8" || t == "uint8_t")) return "BYTES"
	if (leaf == "hClass") return "CLS"
	if (leaf ~ /^h[A-Z]/ && t ~ /32$/) return "H"
	if (leaf == "status" || leaf == "Status" || leaf == "rmStatus") return "ST"
	if (leaf ~ /[Ff]lags$/) return "X"
	if (t ~ /64$/ || t == "NvV32" || t == "NvUPtr") return "X"
	if (t ~ /^(NvS|int)/ || t == "int") return "I"
	return "U"
}

function want(t) {
	if (t in queued) return
	queued[t] = 1
	order[norder++] = t
}

BEGIN {
	# the structs of the headers
	while ((getline line < structsf) > 0) {
		split(line, a, " ")
		if (a[1] == "S") { cur = a[2]; sbody[cur] = ""; continue }
		if (a[1] == "M") { sbody[cur] = sbody[cur] a[2] " " a[3] " " a[4] "\n"; continue }
		if (a[1] == "A") { aliases[a[2]] = a[3]; continue }
		if (a[1] == "T") { inl_owner[a[2]] = a[3]; inl_path[a[2]] = a[4]; continue }
	}
	# typedef NEW OLD: NEW has OLD's members (chains resolved a few levels deep)
	for (pass = 0; pass < 4; pass++)
		for (nw in aliases)
			if (!(nw in sbody) && (aliases[nw] in sbody))
				sbody[nw] = sbody[aliases[nw]]
	# the spec
	while ((getline line < specf) > 0) {
		if (line ~ /^#/ || line ~ /^[ \t]*$/) continue
		n = split(line, a, /[ \t]+/)
		role = a[1]; key = a[2]; t = a[3]
		# "list CMD PARAMS PTR COUNT ELEM KIND WHEN": a list inside a control's params
		if (role == "list") {
			if (!(t in sbody) || (a[6] != "char" && a[6] !~ /^Nv/ && !(a[6] in sbody))) {
				printf "gen-nvidia: list %s %s: struct %s or %s not found, left out\n", key, a[4], t, a[6] > "/dev/stderr"
				continue
			}
			if (!(key in lcount)) lcmds[nlc++] = key
			j = ++lcount[key]
			lt[key, j] = t; lptr[key, j] = a[4]; lcnt[key, j] = a[5]; lel[key, j] = a[6]
			lkind[key, j] = toupper(a[7]); lwhen[key, j] = a[8] == "in" ? "HY_AT_ENTER | HY_AT_EXIT" : "HY_AT_EXIT"
			if (a[7] == "struct") want(a[6])
			continue
		}
		# "kind STRUCT - MEMBER=KIND...": member kinds of a struct, wherever it is used
		if (role == "kind") {
			for (i = 4; i <= n; i++) {
				split(a[i], kv, "=")
				ovrs[key, kv[1]] = kv[2]
			}
			continue
		}
		# "ctrl NAME TYPE|- auto ALT..." or "class NAME TYPE auto TYPE" (gen-nvidia.sh): a control
		# command or class not in the spec,
		# with the first of its candidate structs that the headers define
		if (a[4] == "auto") {
			if (role SUBSEP key in listed) continue
			if (t == "-" || !(t in sbody))
				for (i = 5; i <= n; i++) if (a[i] in sbody) { t = a[i]; break }
			if (!(t in sbody)) continue
			n = 3
		}
		listed[role, key] = 1
		if (t != "-" && !(t in sbody)) {
			printf "gen-nvidia: %s %s: struct %s not found in the headers, left out\n", role, key, t > "/dev/stderr"
			continue
		}
		nb++
		brole[nb] = role; bkey[nb] = key; btype[nb] = t
		for (i = 4; i <= n; i++) {
			if (a[i] ~ /^keep=/) { keepre[t] = substr(a[i], 6); continue }
			if (a[i] ~ /^before=/) { bbefore[nb] = substr(a[i], 8) + 0; continue }
			split(a[i], kv, "=")
			ovrs[t, kv[1]] = kv[2]
			hasovr[t] = 1
		}
		if (t != "-") want(t)
	}

	print "#include <stdio.h>"
	print "#include <stddef.h>"
	print "#include <string.h>"
	print "#define FSIZE(T, p) sizeof(((T *)0)->p)"
	print "#define ESIZE(T, p) sizeof(((T *)0)->p[0])"
	print "static const char *num_kind(size_t s) { return (s == 1 || s == 2 || s == 4 || s == 8) ? \"NVK_X\" : \"NVK_BYTES\"; }"
	print "#define HYIOC(nr, size) ((3u << 30) | ((unsigned)(size) << 16) | (0x46u << 8) | (unsigned)(nr))"
	# lists in control params (HY_DEV_RMCTRL descriptions and nv_lists): one block per command,
	# an entry left out (on stderr) when its element size is not a power of two up to 128 or
	# its count is not 4 or 8 bytes (what struct hy_ioc_sub can say)
	print "static int lg2(size_t s) { for (int k = 0; k < 8; k++) if (s == (size_t)1 << k) return k; return -1; }"
	print "static void rmctrl(int lists)"
	print "{"
	print "\tchar sb[1024];"
	print "\tint ns, sh;"
	for (q = 0; q < nlc; q++) {
		c = lcmds[q]
		printf "#ifdef %s\n", c
		print "\tsb[0] = 0; ns = 0;"
		for (j = 1; j <= lcount[c]; j++) {
			t = lt[c, j]; el = lel[c, j]; ptr = lptr[c, j]; cnt = lcnt[c, j]
			printf "\tsh = lg2(sizeof(%s));\n", el
			printf "\tif (sh < 0 || (FSIZE(%s, %s) != 4 && FSIZE(%s, %s) != 8) || FSIZE(%s, %s) != 8) {\n", t, cnt, t, cnt, t, ptr
			printf "\t\tif (!lists) fprintf(stderr, \"gen-nvidia: list %s %s: element of %%zu bytes or count of %%zu bytes, left out\\n\", sizeof(%s), FSIZE(%s, %s));\n", c, ptr, el, t, cnt
			print "\t} else {"
			printf "\t\tif (lists) printf(\"%%08x %%05zu\\t{ %%#x, %%zu, %%d, %%zu, NVK_%s, %s },\\n\", (unsigned)(%s), offsetof(%s, %s), (unsigned)(%s), offsetof(%s, %s), ns, sizeof(%s));\n", lkind[c, j], lkind[c, j] == "STRUCT" ? "&nvs_" el : "NULL", c, t, ptr, c, t, ptr, el
			printf "\t\tsnprintf(sb + strlen(sb), sizeof(sb) - strlen(sb), \"%%s{ %%zu, %%zu, %%zu, 0, %s, HY_IOCS_SHIFT(%%d), HY_IOC_SUB_MAX }\", ns ? \", \" : \"\", offsetof(%s, %s), offsetof(%s, %s), FSIZE(%s, %s), sh);\n", lwhen[c, j], t, ptr, t, cnt, t, cnt
			print "\t\tns++;"
			print "\t}"
		}
		printf "\tif (!lists && ns) printf(\"%%d %%08x\\t{ HY_IOCD_KEY(HY_DEV_RMCTRL, %%#x), { %%zu, HY_AT_ENTER | HY_AT_EXIT, %%d, 0, { %%s } } }, /* %s */\\n\", 128, (unsigned)(%s), (unsigned)(%s), sizeof(%s), ns, sb);\n", c, c, c, lt[c, 1]
		print "#else"
		printf "\tif (!lists) fprintf(stderr, \"gen-nvidia: list %s: not defined by the headers, left out\\n\");\n", c
		print "#endif"
	}
	print "}"
	print "int main(int argc, char **argv)"
	print "{"
	print "\tconst char *src = argc > 1 ? argv[1] : \"?\";"
	print "\tif (argc > 2 && !strcmp(argv[2], \"descs\")) goto descs;"
	print "\tif (argc > 2 && !strcmp(argv[2], \"classes\")) goto classes;"
	print "\tif (argc > 2 && !strcmp(argv[2], \"binds\")) goto binds;"
	print "\tif (argc > 2 && !strcmp(argv[2], \"lists\")) { rmctrl(1); return 0; }"
	print "\tprintf(\"// SPDX-License-Identifier: LGPL-2.1-or-later\\n\");"
	print "\tprintf(\"/* nvidia_gen.c: generated by decoders/ioctl/gen-nvidia.sh from %s, do not edit. */\\n\", src);"
	print "\tprintf(\"/* Struct layouts and request-to-struct bindings: facts from NVIDIA's MIT-licensed headers. */\\n\");"
	print "\tprintf(\"#include \\\"nvidia_tab.h\\\"\\n\\n\");"

	# expand the queue (structs referenced by members join it)
	for (q = 0; q < norder; q++) {
		t = order[q]
		nl = split(sbody[t], lines, "\n")
		for (i = 1; i <= nl; i++) {
			if (lines[i] == "") continue
			split(lines[i], m, " ")
			if ((t in keepre) && m[2] !~ keepre[t]) continue
			if (m[3] ~ /\]\[/) continue
			if ((m[1] in sbody) && !scalar(m[1])) want(m[1])
		}
	}
	# the element types of arrays of inline structs (gen-nvidia-structs.awk names them)
	for (q = 0; q < norder; q++)
		if (order[q] in inl_owner)
			printf "\ttypedef __typeof__(((%s *)0)->%s[0]) %s;\n", inl_owner[order[q]],
				inl_path[order[q]], order[q]
	for (q = 0; q < norder; q++)
		printf "\tprintf(\"static const struct nv_struct nvs_%s;\\n\");\n", order[q]
	print "\tprintf(\"\\n\");"
	for (q = 0; q < norder; q++) {
		t = order[q]
		printf "\tprintf(\"static const struct nv_field nvf_%s[] = {\\n\");\n", t
		nl = split(sbody[t], lines, "\n")
		nf = 0
		delete ovr
		for (k in ovrs) { split(k, kk, SUBSEP); if (kk[1] == t) ovr[kk[2]] = ovrs[k] }
		for (i = 1; i <= nl; i++) {
			if (lines[i] == "") continue
			split(lines[i], m, " ")
			ct = m[1]; path = m[2]; dims = m[3]
			if ((t in keepre) && path !~ keepre[t]) continue
			k = kind(ct, path, dims, ovr)
			sub_ = k == "STRUCT" ? "\"&nvs_" ct "\"" : "\"NULL\""
			if (dims == "-") {
				es = "FSIZE(" t ", " path ")"
				kc = k == "?" ? "num_kind(FSIZE(" t ", " path "))" : "\"NVK_" k "\""
			} else if (dims ~ /\]\[/) {
				es = "1"
				kc = "\"NVK_BYTES\""
				sub_ = "\"NULL\""
			} else {
				es = "ESIZE(" t ", " path ")"
				kc = k == "?" ? "num_kind(ESIZE(" t ", " path "))" : "\"NVK_" k "\""
			}
			printf "\tprintf(\"\\t{ \\\"%%s\\\", %%zu, %%zu, %%zu, %%s, %%s },\\n\", \"%s\", offsetof(%s, %s), (size_t)(%s), FSIZE(%s, %s) / (%s), %s, %s);\n", path, t, path, es, t, path, es, kc, sub_
			nf++
		}
		if (!nf) print "\tprintf(\"\\t{ NULL, 0, 0, 0, NVK_X, NULL },\\n\");"
		print "\tprintf(\"};\\n\");"
		printf "\tprintf(\"static const struct nv_struct nvs_%s = { \\\"%s\\\", %%zu, %d, nvf_%s };\\n\\n\", sizeof(%s));\n", t, t, nf, t, t
	}
	print "\treturn 0;"

	# request -> struct, one line each: "ROLE KEY { ... }" (sorted by gen-nvidia.sh)
	print "binds:"
	for (b = 1; b <= nb; b++) {
		r = brole[b] == "esc" ? "NVB_ESC" : brole[b] == "uvm" ? "NVB_UVM" : brole[b] == "ctrl" ? "NVB_CTRL" : "NVB_CLASS"
		s = btype[b] == "-" ? "NULL" : "&nvs_" btype[b]
		printf "#ifdef %s\n", bkey[b]
		rn = brole[b] == "esc" ? 0 : brole[b] == "uvm" ? 1 : brole[b] == "ctrl" ? 2 : 3
		printf "\tprintf(\"%%d %%010u\\t{ %s, %%#x, %s, %d },\\n\", %d, (unsigned)(%s), (unsigned)(%s));\n", r, s, bbefore[b] + 0, rn, bkey[b], bkey[b]
		print "#else"
		printf "\tfprintf(stderr, \"gen-nvidia: %s: not defined by the headers, left out\\n\");\n", bkey[b]
		print "#endif"
	}
	print "\treturn 0;"

	# capture descriptions: "KEY\t{ key, { top_size, when, nsubs, 0, { subs } } },"
	print "descs:"
	for (b = 1; b <= nb; b++) {
		t = btype[b]
		if ((brole[b] != "esc" && brole[b] != "uvm") || t == "-") continue
		subs = "{ 0 }"; nsubs = 0; keyoff = "(size_t)0"
		if (bkey[b] == "NV_ESC_RM_CONTROL") {
			subs = "{ %zu, %zu, 4, 0, HY_AT_ENTER | HY_AT_EXIT, HY_IOCS_RMCTRL, HY_IOC_SUB_MAX }"
			sargs = "offsetof(" t ", params), offsetof(" t ", paramsSize)"; nsubs = 1
			keyoff = "offsetof(" t ", cmd)"
		} else if (bkey[b] == "NV_ESC_RM_ALLOC") {
			subs = "{ %zu, %zu, 4, 0, HY_AT_ENTER | HY_AT_EXIT, HY_IOCS_CLASS, HY_IOC_SUB_MAX }"
			sargs = "offsetof(" t ", pAllocParms), offsetof(" t ", hClass)"; nsubs = 1
		} else if (bkey[b] == "NV_ESC_IOCTL_XFER_CMD") {
			subs = "{ %zu, %zu, 4, 0, HY_AT_ENTER | HY_AT_EXIT, HY_IOCS_XFER, HY_IOC_SUB_MAX }"
			sargs = "offsetof(" t ", ptr), offsetof(" t ", size)"; nsubs = 1
		}
		sz = t == "-" ? "(size_t)0" : "sizeof(" t ")"
		printf "#ifdef %s\n", bkey[b]
		if (brole[b] == "esc") {
			kinds[1] = "HY_DEV_NVIDIACTL"; kinds[2] = "HY_DEV_NVIDIA"; nk = 2
		} else {
			kinds[1] = "HY_DEV_NVIDIA_UVM"; kinds[2] = "HY_DEV_NVIDIA_UVM_TOOLS"; nk = 2
		}
		for (j = 1; j <= nk; j++) {
			kn = kinds[j] == "HY_DEV_NVIDIACTL" ? 1 : kinds[j] == "HY_DEV_NVIDIA" ? 2 : kinds[j] == "HY_DEV_NVIDIA_UVM" ? 3 : 4
			# the request as issued, and (escapes) the bare number an XFER wrapper carries
			for (bare = 0; bare <= (brole[b] == "esc"); bare++) {
				req = brole[b] == "uvm" ? "(unsigned)(" bkey[b] ")" : bare ? "(unsigned)(" bkey[b] ")" : "HYIOC(" bkey[b] ", " sz ")"
				fmt = "%d %08x\\t{ HY_IOCD_KEY(" kinds[j] ", %#x), { %zu, HY_AT_ENTER | HY_AT_EXIT, " nsubs ", %zu, { " subs " } } }, /* " bkey[b] (bare ? " (in XFER)" : "") " */\\n"
				printf "\tprintf(\"%s\", %d, %s, %s, %s, %s%s);\n", fmt, kn, req, req, sz, keyoff, nsubs ? ", " sargs : ""
			}
		}
		print "#endif"
	}
	print "\trmctrl(0);"
	print "\treturn 0;"

	print "classes:"
	for (b = 1; b <= nb; b++) {
		if (brole[b] != "class") continue
		printf "#ifdef %s\n", bkey[b]
		printf "\tprintf(\"%%08x\\t{ %%#x, %%zu }, /* %s */\\n\", (unsigned)(%s), (unsigned)(%s), sizeof(%s));\n", bkey[b], bkey[b], bkey[b], btype[b]
		print "#endif"
	}
	print "\treturn 0;"
	print "}"
}
