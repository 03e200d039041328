# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-xlat.awk: turn decoders/xlat/NAME.in value tables into one C file of struct xlat.
#
# Input format (one table per file, the file name is the table name):
#   # comment lines; one must say "source: ..." (where the values come from)
#   #type flags|enum      flags: bit sets printed A|B; enum: one value
#   #unknown TEXT         enum only: comment for unknown values, e.g. F_???
#   #consts PREFIX        also define PREFIXNAME as VALUE in xlat_gen.h (case labels in code)
#   NAME VALUE            C integer literal (decimal, 0x hex, 0 octal, -N, ~X, A<<B, A|B)
# Order is kept: flags print in table order, the first matching name in file order wins.
#
# Lookups use indexes generated here (see struct xlat in decoders/xlat.h): the entries sorted
# by value (the first entry in file order of each value), a direct index for a dense run of
# values from the smallest, and the entries sorted by name (strcmp order; run with LC_ALL=C).
# The generator evaluates VALUE itself (exactly, as 16 hex digits, two's complement for -N) and
# emits a _Static_assert per entry that the C compiler agrees, so a sorted view never disagrees
# with the values the lookups compare; a value it cannot evaluate fails the build.

# -- exact 64-bit values as 16 lower-case hex digits ----------------------------------------
function num2hex(v,    s, k) {	# a non-negative integer held exactly in a double
	s = ""
	while (v > 0) { k = v % 16; s = substr(HEX, k + 1, 1) s; v = (v - k) / 16 }
	return pad16(s)
}
function pad16(s) {
	sub(/^0+/, "", s)
	if (length(s) > 16) return ""
	while (length(s) < 16) s = "0" s
	return s
}
function hexnot(h,    s, i) {
	s = ""
	for (i = 1; i <= 16; i++) s = s substr(HEX, 16 - index(HEX, substr(h, i, 1)) + 1, 1)
	return s
}
function hexor(a, b,    s, i, x, y, r, bit) {
	s = ""
	for (i = 1; i <= 16; i++) {
		x = index(HEX, substr(a, i, 1)) - 1; y = index(HEX, substr(b, i, 1)) - 1; r = 0
		for (bit = 8; bit >= 1; bit /= 2) {
			if (x >= bit || y >= bit) r += bit
			if (x >= bit) x -= bit
			if (y >= bit) y -= bit
		}
		s = s substr(HEX, r + 1, 1)
	}
	return s
}
function hex2num(h,    v, i) {	# only for values below 2^53 (checked by the caller)
	v = 0
	for (i = 1; i <= 16; i++) v = v * 16 + index(HEX, substr(h, i, 1)) - 1
	return v
}
# A term: decimal, 0x hex, 0 octal (each below 2^53 unless hex), optional U/L suffixes.
function term(t,    v, i) {
	sub(/[uUlL]+$/, "", t)
	if (t ~ /^0[xX][0-9a-fA-F]+$/) return pad16(tolower(substr(t, 3)))
	if (t ~ /^0[0-7]+$/) {
		if (length(t) > 18) return ""
		v = 0; for (i = 2; i <= length(t); i++) v = v * 8 + substr(t, i, 1)
		return num2hex(v)
	}
	if (t ~ /^[0-9]+$/) return length(t) > 15 ? "" : num2hex(t + 0)
	return ""
}
# VALUE as 16 hex digits, or "" when it is not a form handled here.
function evalv(s,    parts, np, i, h, r, sh, a) {
	gsub(/[ \t]/, "", s)
	while (s ~ /^\(.*\)$/) s = substr(s, 2, length(s) - 2)
	if (index(s, "|")) {
		np = split(s, parts, "|"); r = pad16("0")
		for (i = 1; i <= np; i++) { h = evalv(parts[i]); if (h == "") return ""; r = hexor(r, h) }
		return r
	}
	if (s ~ /^~/) { h = evalv(substr(s, 2)); return h == "" ? "" : hexnot(h) }
	if (s ~ /^-/) {		# -N: ~(N - 1)
		h = term(substr(s, 2)); if (h == "" || h == pad16("0")) return h
		if (h > NUM_MAX) return ""
		return hexnot(num2hex(hex2num(h) - 1))
	}
	if (index(s, "<<")) {
		np = split(s, parts, "<<"); if (np != 2) return ""
		h = term(parts[1]); sh = term(parts[2]); if (h == "" || sh == "") return ""
		if (h > NUM_MAX || sh > num2hex(63)) return ""
		a = hex2num(h); for (i = hex2num(sh); i > 0; i--) a *= 2
		return a >= 2 ^ 64 ? "" : num2hex(a)	# powers of two keep a double exact
	}
	return term(s)
}

# -- sorting: insertion sort of idx[0..m-1] by key[] (stable on ties: keys end in the index) --
function isort(key, idx, m,    i, j, t) {
	for (i = 1; i < m; i++) {
		t = idx[i]
		for (j = i - 1; j >= 0 && key[idx[j]] > key[t]; j--) idx[j + 1] = idx[j]
		idx[j + 1] = t
	}
}

# index lists, 16 to a line
function lstart() { list = ""; lc = 0 }
function ladd(v) { list = list (lc++ % 16 ? " " : "\n\t") v "," }
function lprint(what) { printf "static const uint16_t %s_%s[] = {%s\n};\n", what, tname, list }

function flush(    i, m, last, kv, kn, ord, nv, nn, nd, base, k, span, dense) {
	if (tname == "") return
	if (n == 0) { printf "%s: empty table\n", tname > "/dev/stderr"; bad = 1; return }
	if (n > 65535) { printf "%s: more than 65535 entries\n", tname > "/dev/stderr"; bad = 1; return }
	printf "static const struct xlat_ent xe_%s[] = {\n", tname
	for (i = 0; i < n; i++) printf "\t{ %s, \"%s\" },\n", vals[i], names[i]
	print "};"
	for (i = 0; i < n; i++)
		printf "XLAT_CHECK(%s, %s, 0x%sULL);\n", tname, vals[i], hexv[i]

	# by value: the first entry in file order of each value
	for (i = 0; i < n; i++) { kv[i] = hexv[i] sprintf("%05d", i); ord[i] = i }
	isort(kv, ord, n)
	nv = 0; last = ""; lstart()
	for (i = 0; i < n; i++) {
		if (hexv[ord[i]] == last) continue
		last = hexv[ord[i]]; vsorted[nv++] = ord[i]; ladd(ord[i])
	}
	lprint("xv")

	# dense: values v0..v[k] held directly when at least half the slots are used
	nd = 0; base = hexv[vsorted[0]]
	if (base <= NUM_MAX)
		for (k = 0; k < nv && hexv[vsorted[k]] <= NUM_MAX; k++) {
			span = hex2num(hexv[vsorted[k]]) - hex2num(base) + 1
			if (span <= 2 * (k + 1) && span <= 65536) { nd = span; m = k + 1 }
		}
	if (m < 8) nd = 0	# a few entries: binary search is as fast
	if (nd) {
		for (i = 0; i < nd; i++) dense[i] = 0
		for (i = 0; i < m; i++) dense[hex2num(hexv[vsorted[i]]) - hex2num(base)] = vsorted[i] + 1
		lstart(); for (i = 0; i < nd; i++) ladd(dense[i])
		lprint("xd")
	}

	# by name: the first entry in file order of each name
	for (i = 0; i < n; i++) { kn[i] = names[i] "\001" sprintf("%05d", i); ord[i] = i }
	isort(kn, ord, n)
	nn = 0; last = "\001"; lstart()
	for (i = 0; i < n; i++) {
		if (names[ord[i]] == last) continue
		last = names[ord[i]]; nn++; ladd(ord[i])
	}
	lprint("xn")

	printf "const struct xlat xlat_%s = {\n\t.tname = \"%s\", .type = %s, .n = %d, .e = xe_%s,\n", \
		tname, tname, ttype == "flags" ? "XT_FLAGS" : "XT_ENUM", n, tname
	printf "\t.unknown = %s,\n", unk == "" ? "NULL" : "\"" unk "\""
	printf "\t.nval = %d, .by_val = xv_%s, .nname = %d, .by_name = xn_%s,\n", nv, tname, nn, tname
	if (nd) printf "\t.dense_base = 0x%sULL, .ndense = %d, .dense = xd_%s,\n", base, nd, tname
	print "};\n"
	hdr = hdr "extern const struct xlat xlat_" tname ";\n"
	if (cpfx != "") {
		for (i = 0; i < n; i++) hdr = hdr "#define " cpfx names[i] " (" raw[i] ")\n"
	}
	all = all "\t&xlat_" tname ",\n"; nall++
	if (!src) { printf "%s: no '# source:' line\n", tname > "/dev/stderr"; bad = 1 }
}
BEGIN { HEX = "0123456789abcdef"; NUM_MAX = "001fffffffffffff"	# 2^53 - 1: exact in a double
	print "/* Generated by decoders/gen-xlat.awk from decoders/xlat/NAME.in: do not edit. */"
	print "#include \"xlat.h\"\n"
	print "/* the value gen-xlat.awk computed and sorted by is the value C gives the expression */"
	print "#define XLAT_CHECK(t, expr, v) \\"
	print "\t_Static_assert((uint64_t)(expr) == (v), #t \": gen-xlat.awk evaluated \" #expr \" as \" #v)\n" }
FNR == 1 { flush(); tname = FILENAME; sub(/.*\//, "", tname); sub(/\.in$/, "", tname)
	n = 0; ttype = "enum"; unk = ""; src = 0; cpfx = "" }
/^#type[ \t]/ { ttype = $2; next }
/^#unknown[ \t]/ { unk = $2; next }
/^#consts[ \t]/ { cpfx = $2; next }
/^#.*source:/ { src = 1; next }
/^#/ || NF == 0 { next }
{ if (NF < 2) { printf "%s:%d: want NAME VALUE\n", FILENAME, FNR > "/dev/stderr"; bad = 1; next }
  v = $2; for (k = 3; k <= NF && $k !~ /^#/; k++) v = v " " $k
  h = evalv(v)
  if (h == "") { printf "%s:%d: cannot evaluate %s (extend evalv in gen-xlat.awk)\n", FILENAME, FNR, v > "/dev/stderr"; bad = 1; next }
  names[n] = "" $1; hexv[n] = h; raw[n] = v; vals[n++] = "(uint64_t)(" v ")" }
END { flush()
	printf "const struct xlat *const xlat_all[] = {\n%s};\nconst unsigned int xlat_all_count = %d;\n", all, nall
	if (hdrfile != "") { print "/* Generated by decoders/gen-xlat.awk: do not edit. */\n#include \"xlat.h\"\n" hdr \
		"\n/* every table, in file name order */\nextern const struct xlat *const xlat_all[];\nextern const unsigned int xlat_all_count;" > hdrfile }
	exit bad }
