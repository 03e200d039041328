# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-nvidia-structs.awk: the typedef'd structs of NVIDIA's headers, members flattened, for
# gen-nvidia.sh.  Output, per struct:  "S NAME", then "M CTYPE PATH DIMS" per member (CTYPE with
# '~' for spaces; PATH dotted through inline structs and unions; DIMS the array bound's C text
# or "-"), then "E".  Offsets are not computed here: the C compiler computes them from PATH.
# "A NEW OLD" says that NEW is a typedef of OLD.  Members inside #if take a Linux build's view:
# Windows-only branches (a condition naming WIN) are left out, otherwise the first branch counts.
# Members this parser does not understand (several declarators, function pointers, bit fields)
# are left out, and so are the structs that contain them ("X NAME" says which).
# An array of an inline struct ("struct { ... } NAME[N];") becomes a member of a struct type of
# its own, named OWNER__PATH (dots as "__"), printed after its owner as "S OWNER__PATH" ... "E"
# and "T OWNER__PATH OWNER PATH": gen-nvidia-prog.awk declares it as the type of OWNER's
# PATH[0] (__typeof__), so the compiler lays it out.  Such arrays inside one another are left out.

function member(line,    n, p, t, dims, i) {
	gsub(/(NV_ALIGN_BYTES|__aligned)\([0-9]+\)/, "", line)
	if (match(line, /NV_DECLARE_ALIGNED\(/)) {
		line = substr(line, RSTART + RLENGTH)
		sub(/,[ \t]*[0-9]+[ \t]*\)[ \t]*;.*$/, ";", line)
	}
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
	n = split(line, p, /[ \t]+/)
	if (n < 2) { bad = 1; return }
	t = p[1]
	for (i = 2; i < n; i++) t = t "~" p[i]
	if (p[n] ~ /^\*/) { t = t "*"; sub(/^\*+/, "", p[n]) }
	mem[nm++] = t " " pfx[depth] p[n] " " dims
}

FNR == 1 { on = 0; incomment = 0; np = 0 }
!on && /^typedef[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*;/ {
	line = $0
	sub(/;.*$/, "", line)
	split(line, a, /[ \t]+/)
	alias[++nalias] = "A " a[3] " " a[2]
	next
}
END {
	for (i = 1; i <= nalias; i++)
		print alias[i]
}
!on && /^typedef[ \t]+(struct|union)([ \t]+[A-Za-z0-9_]+)?[ \t]*\{?[ \t]*(\/\/.*|\/\*.*)?$/ {
	on = 1; depth = 0; nm = 0; bad = 0; np = 0; ninl = 0
	pfx[0] = ""
	if ($0 ~ /\{/) { depth = 1; pfx[1] = "" }
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
	# conditional members: Windows-only branches are left out, elsewhere the first branch
	# is taken (a Linux build's view)
	if (line ~ /^[ \t]*#[ \t]*if/) {
		np++
		win[np] = line ~ /WIN/
		els[np] = 0
		next
	}
	if (line ~ /^[ \t]*#[ \t]*(else|elif)/) {
		if (np) els[np] = 1
		next
	}
	if (line ~ /^[ \t]*#[ \t]*endif/) {
		if (np) np--
		next
	}
	if (line ~ /^[ \t]*#/)
		next
	for (i = 1; i <= np; i++)
		if (win[i] != els[i])
			next
	if (line ~ /\{/) {
		depth++
		pfx[depth] = pfx[depth - 1]
		start[depth] = nm
		next
	}
	if (line ~ /^[ \t]*\}/) {
		name = line
		sub(/^[ \t]*\}[ \t]*/, "", name)
		sub(/[ \t]*;.*$/, "", name)
		if (depth == 1) {
			on = 0
			if (name !~ /^[A-Za-z_][A-Za-z0-9_]*$/ || (name in seen))
				next
			seen[name] = 1
			if (bad) { print "X " name; next }
			# the arrays of inline structs: their type's name, now that the owner's is known
			for (i = 0; i < nm; i++) {
				split(mem[i], q, " ")
				if (q[1] !~ /^@/) continue
				k = substr(q[1], 2) + 0
				inl_path[k] = q[2]
				inl_type[k] = name "__" q[2]
				gsub(/\./, "__", inl_type[k])
				mem[i] = inl_type[k] " " q[2] " " q[3]
			}
			print "S " name
			for (i = 0; i < nm; i++) print "M " mem[i]
			print "E"
			for (k = 1; k <= ninl; k++) {
				print "S " inl_type[k]
				n = split(inl_body[k], q, "\n")
				for (i = 1; i <= n; i++) if (q[i] != "") print "M " q[i]
				print "E"
				print "T " inl_type[k] " " name " " inl_path[k]
			}
			next
		}
		# an array of an inline struct ends: its members make a type of their own (numbered
		# until the owner's name is known), the array one member of that type
		if (name ~ /^[A-Za-z_][A-Za-z0-9_]*[ \t]*\[[^]]+\]$/) {
			dims = name
			sub(/^[^[]*\[/, "", dims); sub(/\]$/, "", dims); gsub(/[ \t]/, "", dims)
			sub(/[ \t]*\[.*$/, "", name)
			k = ++ninl
			inl_body[k] = ""
			for (i = start[depth]; i < nm; i++) {
				if (mem[i] ~ /^@/) bad = 1
				inl_body[k] = inl_body[k] mem[i] "\n"
			}
			nm = start[depth]
			mem[nm++] = "@" k " " name " " dims
			depth--
			next
		}
		# an inline struct or union member ends: prefix its members with "NAME."
		if (name !~ /^[A-Za-z_][A-Za-z0-9_]*$/) {
			bad = 1
		} else {
			for (i = start[depth]; i < nm; i++) {
				split(mem[i], q, " ")
				mem[i] = q[1] " " name "." q[2] " " q[3]
			}
		}
		depth--
		next
	}
	if (line ~ /;/)
		member(line)
	else if (line !~ /^[ \t]*((struct|union)([ \t]+[A-Za-z0-9_]+)?)?[ \t]*$/)
		bad = 1
}
