# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-sysent.awk: merge the syscall name table and the per-area decoder/capture tables into C.
#
# decoders/syscalls_x86_64.tbl:   NR NAME NARGS CLASSES      (CLASSES: strace's TD|TF|..., or 0)
# decoders/<area>.tbl:            NAME DECODER RET FLAGS CAPTURE...
#   DECODER  dec_DECODER(struct dctx *) is called; "-" means the generic decoder
#   RET      dec udec hex oct fd none   (how the return value prints)
#            tgid tid pgid sid          (dec: a pid of that kind, for --pidns-translation)
#   FLAGS    comma list of block, noreturn, exec; or "-"
#   CAPTURE  ARG:KIND[:SIZE][:SRC][@enter|@exit|@both][!always]
#            !always: exit capture even when the call failed; !verbose: strarr strings only with -v;
#            !fds: the captured ints are fds whose paths -y shows (blob idx 1+i);
#            !fdset: the capture is an fd_set of args[0] bits whose fds -y shows
#            ARG 0-5 or ret; KIND str path fixed buf array strarr iovec msghdr fd sized lenptr ioc mmsghdr stack deref opdesc ptrace;
#            SRC a0-a5 or ret (count/length source); SIZE a C expression without spaces or colons
# decoders/syscall_args_x86_64.tbl: NAME ARG0 ARG1 ... (argument names for structured outputs)
# decoders/syscall_types_x86_64.tbl: NAME KIND0 KIND1 ... (how the generic decoder prints each
#   argument: kinds listed in decoders/gen-argtypes.sh, turned into AT_* of sysent.h)
# Syscall tables come first on the command line, then the argument names and types, area tables
# after.  Tracepoint names that differ from the syscall's (newstat, sendfile64, umount) are mapped.
function capkind(k) {
	if (k in KIND) return KIND[k]
	printf "%s:%d: unknown capture kind %s\n", FILENAME, FNR, k > "/dev/stderr"; bad = 1; return "0"
}
function cap(tok, nm,    when, fl, parts, np, a, k, size, src, i, f, c) {
	when = ""; fl = "0"
	if (tok ~ /!always$/) { fl = "HY_CF_ALWAYS"; sub(/!always$/, "", tok) }
	if (tok ~ /!verbose$/) { fl = "HY_CF_VERBOSE"; sub(/!verbose$/, "", tok) }
	if (tok ~ /!fds$/) { fl = "HY_CF_FDS"; sub(/!fds$/, "", tok) }
	if (tok ~ /!fdset$/) { fl = "HY_CF_FDSET"; sub(/!fdset$/, "", tok) }
	if (tok ~ /@/) { when = tok; sub(/.*@/, "", when); sub(/@.*/, "", tok) }
	np = split(tok, parts, ":")
	a = parts[1]; k = parts[2]; size = ""; src = "HY_SRC_NONE"
	for (i = 3; i <= np; i++) {
		f = parts[i]
		if (f ~ /^a[0-5]$/) src = substr(f, 2)
		else if (f == "ret") src = "HY_SRC_RET"
		else size = f
	}
	if (size == "") size = (k == "path") ? "HY_PATH_MAX" : (k == "strarr" || k == "iovec" || k == "array" || k == "mmsghdr") ? "HY_ARR_MAX" : "0"
	if (when == "") when = (a == "ret" || src == "HY_SRC_RET") ? "exit" : "enter"
	when = (when == "enter") ? "HY_AT_ENTER" : (when == "exit") ? "HY_AT_EXIT" : "HY_AT_ENTER|HY_AT_EXIT"
	c = sprintf("{ %s, %s, %s, %s, %s }", capkind(k), when, src, fl, size)
	if (a == "ret") return "ret=" c
	if (a !~ /^[0-5]$/) { printf "%s:%d: bad capture argument in %s\n", FILENAME, FNR, tok > "/dev/stderr"; bad = 1 }
	return "arg" a "=" c
}
BEGIN {
	split("str path fixed buf array strarr iovec msghdr fd sized lenptr ioc mmsghdr stack deref opdesc ptrace", kk, " ")
	split("HY_CAP_STR HY_CAP_PATH HY_CAP_FIXED HY_CAP_BUF HY_CAP_ARRAY HY_CAP_STRARR HY_CAP_IOVEC HY_CAP_MSGHDR HY_CAP_FDPATH HY_CAP_SIZED HY_CAP_LENPTR HY_CAP_IOC HY_CAP_MMSGHDR HY_CAP_STACK HY_CAP_DEREF HY_CAP_OPDESC HY_CAP_PTRACE", kv, " ")
	for (i in kk) KIND[kk[i]] = kv[i]
	split("dec udec hex oct fd none tgid tid pgid sid", rr, " ")
	for (i in rr) RET[rr[i]] = "RV_" toupper(rr[i])
	split("int uint long ulong xint xlong mode id clockid ptr fd dirfd path str", ak, " ")
	for (i in ak) AKIND[ak[i]] = "AT_" toupper(ak[i])
}
/^#/ || NF == 0 { next }
function tpname(n) {
	# the kernel's tracepoints say newstat, newfstat, newlstat, newuname for stat, fstat, lstat,
	# uname; sendfile64 for sendfile (40) and umount for umount2 (166)
	if (!(n in BYNAME) && n ~ /^new/ && (substr(n, 4) in BYNAME)) return substr(n, 4)
	if (n == "sendfile64" && !(n in BYNAME)) return "sendfile"
	if (n == "umount" && !(n in BYNAME)) return "umount2"
	return n
}
FILENAME ~ /syscall_args_[^\/]*\.tbl$/ {
	$1 = tpname($1)
	if ($1 in BYNAME) { a = ""; for (i = 2; i <= NF; i++) a = a "\"" $i "\", "; ARGN[BYNAME[$1]] = a }
	next
}
FILENAME ~ /syscall_types_[^\/]*\.tbl$/ {
	$1 = tpname($1)
	if (!($1 in BYNAME)) next	# a tracepoint of a syscall this table lacks
	a = ""
	# strace's argument count wins (preadv's pos_l, pos_h are one 64-bit argument on x86_64)
	for (i = 2; i <= NF && $i !~ /^#/ && i - 2 < NARGS[BYNAME[$1]]; i++) {
		if (!($i in AKIND)) { printf "%s:%d: unknown argument kind %s\n", FILENAME, FNR, $i > "/dev/stderr"; bad = 1 }
		a = a AKIND[$i] ", "
		TK[BYNAME[$1], i - 2] = $i
	}
	ATYPES[BYNAME[$1]] = a
	next
}
FILENAME ~ /syscalls_[^\/]*\.tbl$/ {
	nr = $1; NAME[nr] = $2; NARGS[nr] = $3; CL[nr] = $4
	if ($2 in BYNAME) { printf "%s:%d: %s listed twice\n", FILENAME, FNR, $2 > "/dev/stderr"; bad = 1 }
	BYNAME[$2] = nr
	if (nr > maxnr) maxnr = nr
	next
}
{
	if (!($1 in BYNAME)) { printf "%s:%d: %s is not in the syscall table\n", FILENAME, FNR, $1 > "/dev/stderr"; bad = 1; next }
	nr = BYNAME[$1]
	if (nr in DEC) { printf "%s:%d: %s described twice\n", FILENAME, FNR, $1 > "/dev/stderr"; bad = 1; next }
	DEC[nr] = $2; if ($2 != "-") DECS[$2] = 1
	if (!($3 in RET)) { printf "%s:%d: bad return kind %s\n", FILENAME, FNR, $3 > "/dev/stderr"; bad = 1 }
	RV[nr] = RET[$3]
	f = "0"
	if ($4 != "-") {
		n = split($4, ff, ",")
		for (i = 1; i <= n; i++) {
			if (ff[i] == "block") f = f "|HY_SC_BLOCKS"
			else if (ff[i] == "noreturn") f = f "|HY_SC_NO_RETURN"
			else if (ff[i] == "exec") f = f "|HY_SC_EXEC"
			else { printf "%s:%d: bad flag %s\n", FILENAME, FNR, ff[i] > "/dev/stderr"; bad = 1 }
		}
	}
	FL[nr] = f; CAPS[nr] = ""
	for (i = 5; i <= NF; i++) {
		if ($i ~ /^#/) break
		c = cap($i, $1); split(c, cp, "="); CAPS[nr] = CAPS[nr] "\n\t\t." (cp[1] == "ret" ? "ret" : "arg[" substr(cp[1], 4) "]") " = " substr(c, length(cp[1]) + 2) ","
	}
}
END {
	print "/* Generated by decoders/gen-sysent.awk from decoders/AREA.tbl: do not edit. */"
	print "#include \"sysent.h\"\n"
	for (d in DECS) print "void dec_" d "(struct dctx *d);"
	printf "\nconst unsigned int sysent_count = %d;\n", maxnr + 1
	print "const struct sysent sysent[] = {"
	for (nr = 0; nr <= maxnr; nr++) {
		if (!(nr in NAME)) continue
		# what the generic decoder shows: the -y paths of fds, the strings (as "N:fd", "N:path",
		# "N:str" would), where the table captures nothing else for that argument
		if (!(nr in DEC) || DEC[nr] == "-")
			for (i = 0; i < NARGS[nr]; i++) {
				k = TK[nr, i]
				c = (k == "fd" || k == "dirfd") ? "HY_CAP_FDPATH, HY_AT_ENTER, HY_SRC_NONE, 0, 0" : \
				    k == "path" ? "HY_CAP_PATH, HY_AT_ENTER, HY_SRC_NONE, 0, HY_PATH_MAX" : \
				    k == "str" ? "HY_CAP_STR, HY_AT_ENTER, HY_SRC_NONE, 0, 0" : ""
				if (c != "" && index(CAPS[nr], ".arg[" i "] ") == 0)
					CAPS[nr] = CAPS[nr] "\n\t\t.arg[" i "] = { " c " },"
			}
		cls = CL[nr]; gsub(/[A-Z]+/, "SC_&", cls); if (cls == "SC_0" || cls == "-" || cls == "0") cls = "0"
		printf "\t[%d] = { \"%s\", %d, %s, %s, %s, {%s%s\n\t\t.flags = %s }, { %s }, { %s } },\n", nr, NAME[nr], NARGS[nr], cls, \
			(nr in DEC && DEC[nr] != "-") ? "dec_" DEC[nr] : "NULL", (nr in RV) ? RV[nr] : "RV_DEC", \
			"", (nr in CAPS) ? CAPS[nr] : "", (nr in FL) ? FL[nr] : "0", (nr in ARGN) ? ARGN[nr] : "NULL", \
			(nr in ATYPES) ? ATYPES[nr] : "AT_NONE"
	}
	print "};"
	if (maxnr > 65535) { print "syscall numbers above 65535 do not fit sysent_by_name" > "/dev/stderr"; bad = 1 }
	# the numbers sorted by name (strcmp order: run with LC_ALL=C), for sysent_lookup()
	m = 0
	for (nr = 0; nr <= maxnr; nr++)
		if (nr in NAME) ORD[m++] = nr
	for (i = 1; i < m; i++) {
		t = ORD[i]
		for (j = i - 1; j >= 0 && ("" NAME[ORD[j]]) > ("" NAME[t]); j--) ORD[j + 1] = ORD[j]
		ORD[j + 1] = t
	}
	printf "\nconst unsigned int sysent_nnames = %d;\nconst uint16_t sysent_by_name[] = {", m
	for (i = 0; i < m; i++) printf "%s%d,", i % 16 ? " " : "\n\t", ORD[i]
	print "\n};"
	exit bad
}
