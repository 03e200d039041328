# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-nvkms-structs.awk: the structs of NVKMS's headers (plain "struct NAME {" and typedef'd
# ones), for gen-nvkms.sh.  Output, per struct:  "S NAME", then "M CTYPE PATH DIMS" per member,
# then "E".  CTYPE has '~' for spaces ("enum~NvKmsAllocDeviceStatus", "struct~NvKmsMode");
# PATH is dotted through inline structs and unions; DIMS the array bound's C text, "-" for a
# scalar, "A][B" for two dimensions.  An inline struct or union declared as an array
# ("struct { ... } registryKeys[N];") becomes a struct of its own named OUTER__PATH (CTYPE
# "@OUTER__PATH", preceded by "T OUTER__PATH OUTER PATH": gen-nvkms.sh declares it with
# typeof), its members relative to one element.  Anonymous unions add their members as they are.
# "A NEW OLD": NEW is a typedef of OLD; "K struct|union NAME" before a struct declared without
# typedef.  Offsets are the compiler's, not computed here.
# Members inside #if: the first branch counts.  Members this parser does not understand
# (several declarators, function pointers, bit fields, nested inline arrays of two dimensions)
# are left out with their struct ("X NAME").

function member(line,    n, p, t, dims, i) {
	gsub(/(NV_ALIGN_BYTES|__aligned)\([0-9]+\)/, "", line)
	sub(/^[ \t]+/, "", line)
	sub(/[ \t]*;.*$/, "", line)
	if (line == "")
		return
	if (line ~ /[,():]/) { bad = 1; return }
	dims = "-"
	if (match(line, /\[.*\]$/)) {
		dims = substr(line, RSTART + 1, RLENGTH - 2)
		line = substr(line, 1, RSTART - 1)
		gsub(/[ \t]/, "", dims)
	}
	sub(/[ \t]+$/, "", line)
	sub(/^const[ \t]+/, "", line)
	n = split(line, p, /[ \t]+/)
	if (n < 2) { bad = 1; return }
	t = p[1]
	for (i = 2; i < n; i++) t = t "~" p[i]
	if (p[n] ~ /^\*/) { t = t "*"; sub(/^\*+/, "", p[n]) }
	mem[depth, cnt[depth]++] = t " " p[n] " " dims
}

# close the inline struct at depth d (its members: mem[d, *]) as member NAME of depth d - 1
function close_inline(d, name,    dims, i, q, syn, tok) {
	dims = "-"
	if (match(name, /\[.*\]$/)) {
		dims = substr(name, RSTART + 1, RLENGTH - 2)
		name = substr(name, 1, RSTART - 1)
		gsub(/[ \t]/, "", dims)
	}
	if (name == "" && dims == "-") {	# an anonymous union or struct: its members as they are
		for (i = 0; i < cnt[d]; i++)
			mem[d - 1, cnt[d - 1]++] = mem[d, i]
		return
	}
	if (name !~ /^[A-Za-z_][A-Za-z0-9_]*$/ || dims ~ /\]\[/) { bad = 1; return }
	if (dims == "-") {	# flattened: NAME.member
		for (i = 0; i < cnt[d]; i++) {
			split(mem[d, i], q, " ")
			mem[d - 1, cnt[d - 1]++] = q[1] " " name "." q[2] " " q[3]
		}
		return
	}
	# an array of inline structs: a struct of its own, named after its parent's ("<D>" until
	# the parent's name is known)
	syn = "<" (d - 1) ">__" name
	tok = "<" d ">"
	for (i = 0; i < cnt[d]; i++) gsub(tok, syn, mem[d, i])
	for (i = 1; i <= nsyn; i++) gsub(tok, syn, synout[i])
	nsyn++
	synout[nsyn] = "T " syn " <" (d - 1) "> " name "\nS " syn
	for (i = 0; i < cnt[d]; i++)
		synout[nsyn] = synout[nsyn] "\nM " mem[d, i]
	synout[nsyn] = synout[nsyn] "\nE"
	mem[d - 1, cnt[d - 1]++] = "@" syn " " name " " dims
}

function start(name) {
	on = 1; depth = 1; bad = 0; np = 0; nsyn = 0; sname = name
	cnt[1] = 0
}

FNR == 1 { on = 0; incomment = 0; np = 0 }
!on && /^typedef[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*;/ {
	line = $0
	sub(/;.*$/, "", line)
	split(line, a, /[ \t]+/)
	print "A " a[3] " " a[2]
	next
}
# struct NAME {  /  union NAME {
!on && /^(struct|union)[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*\{[ \t]*$/ {
	line = $0
	kw = $1
	sub(/^(struct|union)[ \t]+/, "", line)
	sub(/[ \t]*\{.*$/, "", line)
	start(line)
	typedefd = 0
	next
}
# typedef struct [TAG] {   (the name comes at its end)
!on && /^typedef[ \t]+(struct|union)([ \t]+[A-Za-z0-9_]+)?[ \t]*\{[ \t]*$/ {
	start("")
	typedefd = 1
	next
}
on {
	line = $0
	if (incomment) {
		if (!sub(/^.*\*\//, "", line))
			next
		incomment = 0
	}
	gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, "", line)
	gsub(/\/\/.*$/, "", line)
	if (sub(/\/\*.*$/, "", line))
		incomment = 1
	if (line ~ /^[ \t]*#[ \t]*if/) { np++; els[np] = 0; next }
	if (line ~ /^[ \t]*#[ \t]*(else|elif)/) { if (np) els[np] = 1; next }
	if (line ~ /^[ \t]*#[ \t]*endif/) { if (np) np--; next }
	if (line ~ /^[ \t]*#/)
		next
	for (i = 1; i <= np; i++)
		if (els[i])
			next
	if (line ~ /\{/) {
		depth++
		cnt[depth] = 0
		next
	}
	if (line ~ /^[ \t]*\}/) {
		name = line
		sub(/^[ \t]*\}[ \t]*/, "", name)
		sub(/[ \t]*;.*$/, "", name)
		if (depth == 1) {
			on = 0
			if (typedefd) {
				if (name !~ /^[A-Za-z_][A-Za-z0-9_]*$/) next
				sname = name
			}
			if (sname in seen)
				next
			seen[sname] = 1
			if (bad) { print "X " sname; next }
			if (!typedefd) print "K " kw " " sname
			print "S " sname
			for (i = 0; i < cnt[1]; i++) { gsub(/<1>/, sname, mem[1, i]); print "M " mem[1, i] }
			print "E"
			# outer before inner: each is declared from its parent (typeof)
			for (i = nsyn; i >= 1; i--) { gsub(/<1>/, sname, synout[i]); print synout[i] }
			next
		}
		close_inline(depth, name)
		depth--
		next
	}
	if (line ~ /;/)
		member(line)
	else if (line !~ /^[ \t]*((struct|union)([ \t]+[A-Za-z0-9_]+)?)?[ \t]*$/)
		bad = 1
}
