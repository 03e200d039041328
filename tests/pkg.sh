#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# pkg.sh: installing and learning hytrace (issue 17).  Run by tests/run.sh section q with
#   HYTRACE (the binary itself), HWORK and TMO; from the repository root.
# Checks: (1) every long option of user/options.c's option table, parsed now (so a merged
# branch's new option counts), is in hytrace(1), in --help and in the zsh completion; (2) the
# man page renders without a groff warning and has the sections of a man page; (3) each letter
# of the usage line is an option getopt accepts; (4) a missing option argument is getopt's
# line; (5) -V: version, backends and the machine's verdict on eBPF, which --backend=bpf
# agrees with, formats; (6) --help: examples, environment, docs; (7) make install DESTDIR=
# then make uninstall leaves no file; (8) as root: make deb, installed with apt-get (dpkg -i
# when apt-get cannot), run from /usr/bin, man -w, then purged with nothing left.
# Prints `ok - NAME`, `FAIL - NAME: why`, `skip - NAME: why`; always exits 0.

HYTRACE=${HYTRACE:-build/hytrace}
HWORK=${HWORK:-/tmp/hytrace-pkg}
TMO=${TMO:-timeout 60}
case $HYTRACE in /*) ;; *) HYTRACE=$(pwd)/$HYTRACE ;; esac
export LC_ALL=C

W=$HWORK/pkg
rm -rf "$W"
mkdir -p "$W" || exit 0
ok() { printf 'ok - pkg: %s\n' "$1"; }
fail() { printf 'FAIL - pkg: %s: %s\n' "$1" "$2"; }
skip() { printf 'skip - pkg: %s: %s\n' "$1" "$2"; }
# check NAME COMMAND...: ok when it succeeds, else its output (first 600 bytes) is the reason
check()
{
	_n=$1
	shift
	if _o=$("$@" 2>&1); then ok "$_n"; else fail "$_n" "$(printf '%s' "$_o" | head -c 600)"; fi
}

MAN=docs/hytrace.1

########## (1) every long option of the table is documented
# the table: from "struct option longopts[] = {" to its "{ NULL" line, one { "name", ... } each
awk '/struct option longopts\[\] *= *\{/ { t = 1; next }
     t && /\{ *NULL/ { exit }
     t && match($0, /\{ *"[^"]+"/) { s = substr($0, RSTART, RLENGTH); sub(/\{ *"/, "", s);
				       sub(/"$/, "", s); print s }' user/options.c >"$W/longopts"
n=$(wc -l <"$W/longopts")
check "options.c's long option table parsed ($n options)" sh -c '[ "$1" -ge 20 ] || {
	echo "only $1 options found in user/options.c: has the table changed shape?"; exit 1; }' sh "$n"
"$HYTRACE" --help >"$W/help" 2>&1
# in roff a - is written \-: the page must say \-\-NAME (each - of NAME as - or \-), followed
# by no other name character
check "hytrace(1) names every long option" sh -c 'miss=
	while read -r o; do
		re=$(printf "%s" "$o" | sed "s/-/(\\\\\\\\)?-/g")
		grep -qE "\\\\-\\\\-$re([^a-z\\\\-]|\$)" "$1" || miss="$miss --$o"
	done <"$2"
	[ -z "$miss" ] || { echo "missing from $1:$miss"; exit 1; }' sh "$MAN" "$W/longopts"
check "--help names every long option" sh -c 'miss=
	while read -r o; do
		grep -qE -- "--$o([^a-z-]|\$)" "$1" || miss="$miss --$o"
	done <"$2"
	[ -z "$miss" ] || { echo "missing from --help:$miss"; exit 1; }' sh "$W/help" "$W/longopts"
check "zsh completion names every long option" sh -c 'miss=
	while read -r o; do
		grep -qE -- "--$o([^a-z-]|\$)" "$1" || miss="$miss --$o"
	done <"$2"
	[ -z "$miss" ] || { echo "missing from $1:$miss"; exit 1; }' sh docs/completion/_hytrace "$W/longopts"
if command -v bash >/dev/null 2>&1; then
	# the bash completion takes the long options from --help: load it, complete "--fo"
	check "bash completion: loads, completes --form to --format=, --fol to --follow-forks" bash -c '
		. "$1" || exit 1
		COMP_WORDS=("$2" --form); COMP_CWORD=1; COMP_LINE="$2 --form"; COMP_POINT=${#COMP_LINE}
		_hytrace
		[ "${COMPREPLY[*]}" = "--format=" ] || { echo "--form: got: ${COMPREPLY[*]}"; exit 1; }
		COMP_WORDS=("$2" --fol); COMP_LINE="$2 --fol"; COMP_POINT=${#COMP_LINE}
		_hytrace
		[ "${COMPREPLY[*]}" = "--follow-forks" ] || { echo "--fol: got: ${COMPREPLY[*]}"; exit 1; }' \
		bash docs/completion/hytrace.bash "$HYTRACE"
else
	skip "bash completion" "no bash"
fi

########## (2) the page renders cleanly and has a man page's sections
if command -v groff >/dev/null 2>&1; then
	check "hytrace(1) renders without groff warnings" sh -c '
		groff -man -Tutf8 -ww -z "$1" >"$2" 2>&1; rc=$?
		[ $rc -eq 0 ] && [ ! -s "$2" ] || { echo "groff exit $rc:"; head -n 5 "$2"; exit 1; }' \
		sh "$MAN" "$W/groff.err"
else
	skip "hytrace(1) renders without groff warnings" "no groff"
fi
check "hytrace(1) has NAME ... SEE ALSO" sh -c 'for s in NAME SYNOPSIS DESCRIPTION OPTIONS BACKENDS \
	"OUTPUT FORMATS" ENVIRONMENT "EXIT STATUS" FILES EXAMPLES "SEE ALSO"; do
		grep -qE "^\.SH \"?$s\"?\$" "$1" || { echo "no section $s"; exit 1; }
	done
	grep -q "^\.TH HYTRACE 1 " "$1" || { echo "no .TH HYTRACE 1"; exit 1; }' sh "$MAN"
check "hytrace(1) and debian/changelog carry the version of -V" sh -c '
	v=$("$1" -V | sed -n "s/^hytrace -- version //p")
	[ -n "$v" ] || { echo "no version in -V"; exit 1; }
	grep -q "^\.TH HYTRACE 1 .*\"hytrace $v\"" "$2" || { echo "the .TH line does not say hytrace $v"; exit 1; }
	head -n 1 debian/changelog | grep -q "^hytrace ($v-" || { echo "debian/changelog: $(head -n 1 debian/changelog), not $v"; exit 1; }' \
	sh "$HYTRACE" "$MAN"

########## (3) the usage line advertises only options that exist
letters=$(sed -n 's/^Usage: hytrace \[-\([A-Za-z]*\)\].*/\1/p' "$W/help" | fold -w 1 | sort -u | tr -d '\n')
check "usage line has its [-letters] group" sh -c '[ -n "$1" ] || { echo "no \"Usage: hytrace [-...]\" line"; exit 1; }' sh "$letters"
check "each letter of the usage line is accepted (${letters})" sh -c 'bad=
	for l in $(printf "%s" "$1" | fold -w 1); do
		$3 "$2" -$l -o /dev/null true >/dev/null 2>"$4"
		if grep -q "invalid option" "$4"; then bad="$bad -$l"; fi
	done
	[ -z "$bad" ] || { echo "refused:$bad"; exit 1; }' sh "$letters" "$HYTRACE" "$TMO" "$W/letter.err"
check "option -d (not implemented) is not advertised" sh -c '
	! grep -qE "^Usage: hytrace \[-[A-Za-z]*d" "$1" || { grep "^Usage" "$1"; exit 1; }' sh "$W/help"

########## (4) a missing option argument: getopt's words, exit 1, the usage hint
while IFS='|' read -r args want; do
	[ -n "$args" ] || continue
	# shellcheck disable=SC2086 # $args is one or two words on purpose
	$TMO "$HYTRACE" $args >"$W/miss.out" 2>"$W/miss.err"
	rc=$?
	check "missing argument: hytrace $args" sh -c '[ "$1" -eq 1 ] || { echo "exit $1"; exit 1; }
		[ "$(sed -n 1p "$2")" = "$3" ] || { echo "stderr:"; cat "$2"; exit 1; }
		grep -qxF "Try '"'hytrace -h'"' for more information." "$2" || { echo "no usage hint"; exit 1; }
		[ ! -s "$4" ] || { echo "stdout not empty"; exit 1; }' sh $rc "$W/miss.err" "$want" "$W/miss.out"
done <<'EOF2'
-o|hytrace: option requires an argument -- 'o'
-f -s|hytrace: option requires an argument -- 's'
-e|hytrace: option requires an argument -- 'e'
--format|hytrace: option '--format' requires an argument
--input|hytrace: option '--input' requires an argument
-x|hytrace: must have PROG [ARGS], -p PID, -a or --input FILE
EOF2

########## (5) -V: version, backends with this machine's verdict, formats, features
$TMO "$HYTRACE" -V >"$W/V" 2>&1
rc=$?
check "-V: version, backends, ebpf and ptrace verdicts, formats, features" sh -c '
	[ "$1" -eq 0 ] || { echo "exit $1"; exit 1; }
	for re in "^hytrace -- version [0-9]+\.[0-9]+" "^Backends: .*ebpf.*ptrace" "^  ebpf: (yes|no: .+)\$" \
		"^  ptrace: (yes|no: .+)" "^Output formats: " "^Optional features enabled: "; do
		grep -qE "$re" "$2" || { echo "no line /$re/ in:"; cat "$2"; exit 1; }
	done' sh $rc "$W/V"
# the formats -V lists are those --format accepts (its error lists them)
"$HYTRACE" --format=bogus true >/dev/null 2>"$W/fmt.err"
check "-V lists the formats --format knows" sh -c '
	v=$(sed -n "s/^Output formats: //p" "$1")
	f=$(sed -n "s/^hytrace: invalid --format: .bogus. (\(.*\))\$/\1/p" "$2" | sed "s/,//g; s/ or / /")
	[ -n "$v" ] && [ "$v" = "$f" ] || { echo "-V: \"$v\", --format: \"$f\""; exit 1; }' sh "$W/V" "$W/fmt.err"
# the features known by their option (main.c's by_option[]): listed exactly when the option exists
sed -n '/by_option\[\] = {/,/};/p' user/main.c | sed -n 's/.*{ "\([^"]*\)", "\([^"]*\)" }.*/\1 \2/p' >"$W/byopt"
check "-V lists the features of the options that exist, and no other" sh -c '
	[ -s "$2" ] || { echo "no by_option[] entries found in user/main.c"; exit 1; }
	f=" $(sed -n "s/^Optional features enabled: //p" "$1") "
	while read -r opt feat; do
		if grep -qx -- "$opt" "$3"; then
			case $f in *" $feat "*) ;; *) echo "--$opt exists, -V lacks $feat"; exit 1 ;; esac
		else
			case $f in *" $feat "*) echo "-V lists $feat, --$opt does not exist"; exit 1 ;; esac
		fi
	done <"$2"' sh "$W/V" "$W/byopt" "$W/longopts"
# the verdict is the backend probe's: --backend=bpf runs exactly when -V says yes, and fails
# with the reason -V gave
verdict_agrees()	# $1: -V output, $2: hytrace, $3: work file; run as the user to check
{
	$TMO "$2" --backend=bpf -o /dev/null true >/dev/null 2>"$3"
	rc=$?
	if grep -qx "  ebpf: yes" "$1"; then
		[ $rc -eq 0 ] || { echo "-V says yes, --backend=bpf exits $rc: $(head -n 1 "$3")"; return 1; }
	else
		why=$(sed -n "s/^  ebpf: no: //p" "$1")
		[ $rc -ne 0 ] || { echo "-V says no ($why), --backend=bpf ran"; return 1; }
		grep -qF "$why" "$3" || { echo "-V: \"$why\"; --backend=bpf: $(head -n 1 "$3")"; return 1; }
	fi
}
check "-V's eBPF verdict is what --backend=bpf does (as $(id -un))" verdict_agrees "$W/V" "$HYTRACE" "$W/bpf.err"
UNPRIV=
if [ "$(id -u)" -eq 0 ]; then
	for u in nobody daemon; do id "$u" >/dev/null 2>&1 && { UNPRIV=$u; break; }; done
fi
if [ -n "$UNPRIV" ] && command -v setpriv >/dev/null 2>&1; then
	chmod 755 "$W"
	uid=$(id -u "$UNPRIV")
	gid=$(id -g "$UNPRIV")
	asuser() { setpriv --reuid="$uid" --regid="$gid" --clear-groups --inh-caps=-all --bounding-set=-all -- "$@"; }
	cp "$HYTRACE" "$W/hytrace" && chmod 755 "$W/hytrace"
	asuser "$W/hytrace" -V >"$W/V.user" 2>&1
	check "-V as $UNPRIV: eBPF no, because not root / no CAP_BPF" sh -c '
		grep -qx "  ebpf: no: needs root, or CAP_BPF and CAP_PERFMON" "$1" || { cat "$1"; exit 1; }' sh "$W/V.user"
	touch "$W/bpf.user.err" && chmod 666 "$W/bpf.user.err"
	check "-V's eBPF verdict is what --backend=bpf does (as $UNPRIV)" asuser sh -c "$(cat <<'EOF3'
	$TMO "$2" --backend=bpf -o /dev/null true >/dev/null 2>"$3"; rc=$?
	why=$(sed -n "s/^  ebpf: no: //p" "$1")
	[ $rc -ne 0 ] && [ -n "$why" ] && grep -qF "$why" "$3" || { echo "exit $rc, -V: $why; $(cat "$3")"; exit 1; }
EOF3
)" sh "$W/V.user" "$W/hytrace" "$W/bpf.user.err"
else
	skip "-V as an unprivileged user" "not root, or no nobody/daemon user or setpriv"
fi

########## (6) --help: long forms, examples, environment, where the docs are
check "--help: examples, environment variables, documentation" sh -c '
	for re in "^Examples:" "^  hytrace .*--format=perfetto" "^Environment:" "NO_COLOR" \
		"OTEL_EXPORTER_OTLP_ENDPOINT" "OTEL_SERVICE_NAME" "^Documentation: man hytrace; /.*/share/doc/hytrace\$" \
		"-o FILE, --output=FILE" "-f, --follow-forks" "-h, --help" "-V, --version"; do
		grep -qE -- "$re" "$1" || { echo "no /$re/ in --help"; exit 1; }
	done' sh "$W/help"

########## (7) make install DESTDIR= then make uninstall: the files, then none
D=$W/destdir
if command -v make >/dev/null 2>&1; then
	make --no-print-directory -s install DESTDIR="$D" >"$W/install.log" 2>&1
	rc=$?
	check "make install DESTDIR=: binary, man page, completions, docs" sh -c '
		[ "$1" -eq 0 ] || { echo "exit $1:"; tail -n 3 "$3"; exit 1; }
		d=$2/usr/local
		for f in bin/hytrace share/man/man1/hytrace.1 share/bash-completion/completions/hytrace \
			share/zsh/vendor-completions/_hytrace share/doc/hytrace/formats.md \
			share/doc/hytrace/json-schema.json; do
			[ -f "$d/$f" ] || { echo "no $d/$f"; exit 1; }
		done
		[ -x "$d/bin/hytrace" ] || { echo "bin/hytrace not executable"; exit 1; }
		for m in docs/*.md; do
			[ -f "$d/share/doc/hytrace/${m#docs/}" ] || { echo "no share/doc/hytrace/${m#docs/}"; exit 1; }
		done
		"$d/bin/hytrace" -V | grep -q "^hytrace -- version" || { echo "installed binary: no -V"; exit 1; }' \
		sh $rc "$D" "$W/install.log"
	if command -v man >/dev/null 2>&1; then
		check "installed hytrace(1) opens with man -l" sh -c '
			MANWIDTH=80 man -l "$1" 2>&1 | grep -q "^NAME" || { echo "man -l shows no NAME"; exit 1; }' \
			sh "$D/usr/local/share/man/man1/hytrace.1"
	fi
	make --no-print-directory -s uninstall DESTDIR="$D" >"$W/uninstall.log" 2>&1
	rc=$?
	check "make uninstall DESTDIR=: no file left" sh -c '
		[ "$1" -eq 0 ] || { echo "exit $1:"; tail -n 3 "$3"; exit 1; }
		left=$(find "$2" ! -type d | head -n 5)
		[ -z "$left" ] || { echo "left: $left"; exit 1; }
		[ ! -d "$2/usr/local/share/doc/hytrace" ] || { echo "share/doc/hytrace left"; exit 1; }' \
		sh $rc "$D" "$W/uninstall.log"
else
	skip "make install/uninstall" "no make"
fi

########## (8) the Debian package: build, install, run, man, purge
if [ "$(id -u)" -ne 0 ]; then
	skip "make deb, install, run, remove" "needs root (apt-get/dpkg install into /usr)"
elif ! command -v dpkg-deb >/dev/null 2>&1 || ! command -v dpkg-shlibdeps >/dev/null 2>&1; then
	skip "make deb, install, run, remove" "no dpkg-deb/dpkg-shlibdeps (apt-get install dpkg-dev)"
elif dpkg-query -W -f '${Status}' hytrace 2>/dev/null | grep -q "installed"; then
	skip "make deb, install, run, remove" "a hytrace package is installed already: not touched"
else
	rm -f build/hytrace_*.deb
	timeout 300 make --no-print-directory -s deb >"$W/deb.log" 2>&1
	rc=$?
	deb=$(ls build/hytrace_*.deb 2>/dev/null | head -n 1)
	check "make deb builds build/hytrace_VERSION_ARCH.deb" sh -c '
		[ "$1" -eq 0 ] && [ -n "$2" ] || { echo "exit $1, deb \"$2\":"; tail -n 5 "$3"; exit 1; }' \
		sh $rc "$deb" "$W/deb.log"
	if [ -n "$deb" ]; then
		dpkg-deb -f "$deb" >"$W/control"
		dpkg-deb -c "$deb" >"$W/contents"
		# Depends names the package of every library the binary needs (DT_NEEDED), no more
		check "Depends: the packages of the libraries the binary links" sh -c '
			dep=$(sed -n "s/^Depends: //p" "$1")
			objdump -p "$2" | awk "/NEEDED/ { print \$2 }" >"$3"
			while read -r lib; do
				path=$(ldconfig -p | awk -v l="$lib" "\$1 == l && /x86-64/ { print \$NF; exit }")
				pkg=$(dpkg -S "$path" 2>/dev/null | head -n 1 | cut -d: -f1)
				[ -n "$pkg" ] || pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n 1 | cut -d: -f1)
				[ -n "$pkg" ] || { echo "$lib ($path): no package"; exit 1; }
				echo "$dep" | tr "," "\n" | sed "s/^ *//; s/ .*//" | grep -qxF "$pkg" ||
					{ echo "Depends: $dep lacks $pkg ($lib)"; exit 1; }
			done <"$3"
			n=$(echo "$dep" | tr "," "\n" | grep -c .); m=$(grep -c . "$3")
			[ "$n" -le "$m" ] || { echo "Depends: $dep: more packages ($n) than libraries ($m)"; exit 1; }' \
			sh "$W/control" build/hytrace "$W/needed"
		check "package: copyright LGPL-2.1-or-later, changelog, man page, completions" sh -c '
			for f in ./usr/bin/hytrace ./usr/share/doc/hytrace/copyright ./usr/share/doc/hytrace/changelog.Debian.gz \
				./usr/share/man/man1/hytrace.1.gz ./usr/share/bash-completion/completions/hytrace \
				./usr/share/zsh/vendor-completions/_hytrace; do
				grep -q " $f\$" "$1" || { echo "no $f in the package"; exit 1; }
			done
			grep -q "^License: LGPL-2.1-or-later" debian/copyright || { echo "debian/copyright: no LGPL-2.1-or-later"; exit 1; }' \
			sh "$W/contents"
		# apt-get resolves the dependencies; offline it fails, then dpkg -i (they are here)
		if timeout 300 apt-get install -y --no-install-recommends "./$deb" >"$W/apt.log" 2>&1; then
			how="apt-get install ./$(basename "$deb")"
		else
			timeout 120 dpkg -i "$deb" >"$W/apt.log" 2>&1
			how="dpkg -i (apt-get failed: $(grep -m 1 -E "^E:" "$W/apt.log"))"
		fi
		check "installed with $how" sh -c '
			dpkg-query -W -f "\${Status}" hytrace | grep -q "install ok installed" || { tail -n 5 "$1"; exit 1; }' \
			sh "$W/apt.log"
		check "installed: /usr/bin/hytrace -V" sh -c '/usr/bin/hytrace -V | grep -q "^hytrace -- version" &&
			/usr/bin/hytrace --help | grep -q "^Documentation: man hytrace; /usr/share/doc/hytrace\$" || {
			echo "-V or --help wrong:"; /usr/bin/hytrace -V; /usr/bin/hytrace --help | tail -n 1; exit 1; }'
		$TMO /usr/bin/hytrace -o "$W/true.trace" /bin/true >/dev/null 2>"$W/true.err"
		rc=$?
		check "installed: /usr/bin/hytrace traces /bin/true" sh -c '[ "$1" -eq 0 ] || { echo "exit $1: $(head -n 2 "$3")"; exit 1; }
			grep -q "^execve(\"/bin/true\"" "$2" && grep -qx "+++ exited with 0 +++" "$2" || { head -n 3 "$2"; exit 1; }' \
			sh $rc "$W/true.trace" "$W/true.err"
		if command -v man >/dev/null 2>&1; then
			check "installed: man -w hytrace" sh -c 'p=$(man -w hytrace 2>&1)
				[ "$p" = /usr/share/man/man1/hytrace.1.gz ] || { echo "man -w: $p"; exit 1; }'
		else
			check "installed: /usr/share/man/man1/hytrace.1.gz" test -f /usr/share/man/man1/hytrace.1.gz
		fi
		dpkg -L hytrace >"$W/files" 2>/dev/null
		timeout 120 dpkg --purge hytrace >"$W/purge.log" 2>&1
		rc=$?
		check "dpkg --purge hytrace: nothing left" sh -c '[ "$1" -eq 0 ] || { echo "exit $1: $(tail -n 2 "$2")"; exit 1; }
			! dpkg-query -W -f "\${Status}" hytrace 2>/dev/null | grep -q "installed" || { echo "still installed"; exit 1; }
			while read -r f; do
				case $f in /usr/*/hytrace* | /usr/*/_hytrace | /usr/share/doc/hytrace/*) [ ! -e "$f" ] || { echo "left: $f"; exit 1; } ;; esac
			done <"$3"
			[ ! -e /usr/share/doc/hytrace ] || { echo "left: /usr/share/doc/hytrace"; exit 1; }
			[ ! -e /usr/bin/hytrace ] || { echo "left: /usr/bin/hytrace"; exit 1; }' sh $rc "$W/purge.log" "$W/files"
	fi
fi
exit 0
