#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# layering.sh: every quoted #include under decoders/, user/ and bpf/ points down the layers.
#
#   sh tests/layering.sh        check this tree, then prove on a planted tree that the check fails
#
# Prints `ok - layering ...` or `FAIL - layering: FILE includes HEADER (RULE)` (the format of
# tests/run.sh); the exit status is 1 when anything failed.  An include resolves as the compiler
# finds it: the including file's folder first, then the -I folders of the Makefile (for bpf/:
# vmlinux/ARCH, bpf).  Headers the build generates (found under build/, or named in GENERATED)
# are `generated`.  tests/layering.allow lists known violations while they are being removed,
# one `FILE HEADER` per line as FAIL prints them; a line that matches no violation fails, so
# the list can only shrink.
#
# Used by the self-test: HYT_LAYERING_ROOT (the tree to check), HYT_LAYERING_ALLOW (the
# allow-list), HYT_LAYERING_SELFTEST=0 (no self-test).

# The rules.  A file obeys the first row whose FILES prefix it matches, and may include only
# what ALLOWED names: FOLDER/ (anything below it), a file or pattern, `generated`, `*` (all).
RULES='
decoders/	decoders/ bpf/hytrace.h generated
user/lib/	user/lib/
user/state/	user/lib/ decoders/ bpf/hytrace.h user/state/ generated user/options.h
user/symbol/	user/lib/ bpf/hytrace.h user/state/tidmap.h user/symbol/
user/sink/	user/lib/ decoders/ bpf/hytrace.h user/state/ user/symbol/ user/sink/ generated user/options.h
user/source/	user/lib/ decoders/ bpf/hytrace.h bpf/*.bpf.h user/state/ user/symbol/ user/source/ generated user/options.h
user/options.h	user/lib/ decoders/ bpf/hytrace.h
user/		*
bpf/		bpf/ vmlinux/
'
# names of generated headers, wherever the build writes them
GENERATED='xlat_gen.h *.skel.h'
# the Makefile's -I folders ($(OUTPUT) = build), used when the Makefile cannot be read
INCLUDE_DIRS='build/gen build decoders user user/lib user/state user/symbol user/source user/sink bpf'
ARCH=${ARCH:-x86_64}

cd "$(dirname "$0")/.." || exit 2
SELF=$(pwd)/tests/layering.sh
ROOT=${HYT_LAYERING_ROOT:-$(pwd)}
ALLOW=${HYT_LAYERING_ALLOW:-$ROOT/tests/layering.allow}
cd "$ROOT" || exit 2
set -f	# the patterns above are not file names
TMP=$(mktemp -d /tmp/hyt-layering.XXXXXX) || exit 2
trap 'rm -rf "$TMP"' EXIT

FAILS=0
fail() { FAILS=$((FAILS + 1)); printf 'FAIL - layering: %s\n' "$1"; }

# norm PATH: PATH without `.` and `DIR/..` parts
norm()
{
	_out=
	_ifs=$IFS
	IFS=/
	for _c in $1; do
		case $_c in
		'' | .) ;;
		..) _out=${_out%/*} ;;
		*) _out=$_out/$_c ;;
		esac
	done
	IFS=$_ifs
	printf '%s\n' "${_out#/}"
}

is_generated()
{
	for _g in $GENERATED; do
		# shellcheck disable=SC2254 # a pattern
		case ${1##*/} in $_g) return 0 ;; esac
	done
	return 1
}

# resolve FILE HEADER: the tree path of the header FILE includes, `generated`, or nothing
resolve()
{
	_dir=${1%/*}
	if [ -f "$_dir/$2" ]; then
		norm "$_dir/$2"
		return
	fi
	case $1 in
	bpf/*) _dirs="vmlinux/$ARCH bpf" ;;
	*) _dirs=$INCLUDE_DIRS ;;
	esac
	for _d in $_dirs; do
		case $_d in
		build | build/*)
			if [ -f "$_d/$2" ] || is_generated "$2"; then
				echo generated
				return
			fi
			;;
		*)
			if [ -f "$_d/$2" ]; then
				norm "$_d/$2"
				return
			fi
			;;
		esac
	done
	is_generated "$2" && echo generated
}

# rule_of FILE: the first row of RULES that FILE matches
rule_of()
{
	while read -r _files _allowed; do
		[ -n "$_files" ] || continue
		case $1 in
		"$_files"*)
			printf '%s %s\n' "$_files" "$_allowed"
			return
			;;
		esac
	done <<EOF
$RULES
EOF
}

# admits HEADER ALLOWED...: does a word of ALLOWED admit the resolved header?
admits()
{
	_h=$1
	shift
	for _a in "$@"; do
		# shellcheck disable=SC2254 # the last $_a is a file or a pattern
		case $_a in
		'*') return 0 ;;
		generated) [ "$_h" = generated ] && return 0 ;;
		*/) case $_h in "$_a"*) return 0 ;; esac ;;
		*) case $_h in $_a) return 0 ;; esac ;;
		esac
	done
	return 1
}

if [ -r Makefile ]; then
	_i=$(sed -n 's/^override CFLAGS += //p' Makefile | tr ' \t' '\n\n' | sed -n 's/^-I//p' |
	     sed 's/\$(OUTPUT)/build/' | tr '\n' ' ')
	[ -n "$_i" ] && INCLUDE_DIRS=$_i
fi
: >"$TMP/allow"
[ -r "$ALLOW" ] && sed -e 's/#.*//' -e 's/[[:space:]][[:space:]]*/ /g' -e 's/^ //' -e 's/ $//' \
		       -e '/^$/d' "$ALLOW" >"$TMP/allow"

# every include as `FILE HEADER`
find decoders user bpf -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null | sort |
while read -r f; do
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
	while read -r h; do
		printf '%s %s\n' "$f" "$h"
	done
done >"$TMP/includes"

# each as `ROW good|known|bad FILE HEADER [WHY]`
while read -r f h; do
	# shellcheck disable=SC2046 # the row's words
	set -- $(rule_of "$f")
	if [ $# -eq 0 ]; then
		printf '%s bad %s "%s" (no row of RULES covers this file)\n' "-" "$f" "$h"
		continue
	fi
	row=$1
	shift
	r=$(resolve "$f" "$h")
	if [ -z "$r" ]; then
		printf '%s bad %s "%s" (found neither beside it nor in %s)\n' "$row" "$f" "$h" \
		       "$INCLUDE_DIRS"
	elif admits "$r" "$@"; then
		printf '%s good %s %s\n' "$row" "$f" "$r"
	elif grep -qxF "$f $r" "$TMP/allow"; then
		printf '%s known %s %s\n' "$row" "$f" "$r"
	else
		printf '%s bad %s %s (%s may include only %s)\n' "$row" "$f" "$r" "$row" "$*"
	fi
done <"$TMP/includes" >"$TMP/report"

# fail_all STATUS-PATTERN: a FAIL for each report line matching it
fail_all()
{
	while read -r _row _st _f _r _why; do
		[ -n "$_f" ] && fail "$_f includes $_r $_why"
	done <<EOF
$(grep "$1" "$TMP/report")
EOF
}

while read -r row _rest; do
	[ -n "$row" ] || continue
	if grep -q "^$row bad " "$TMP/report"; then
		fail_all "^$row bad "
	else
		n=$(grep -c "^$row " "$TMP/report")
		k=$(grep -c "^$row known " "$TMP/report")
		printf 'ok - layering %s (%d includes%s)\n' "$row" "$n" \
		       "$([ "$k" -eq 0 ] || printf ', %d known violations allowed' "$k")"
	fi
done <<EOF
$RULES
EOF
fail_all '^- bad '

# the allow-list names only violations that are still there
if [ -s "$TMP/allow" ]; then
	before=$FAILS
	while read -r f r; do
		grep -qxF -e "$(rule_of "$f" | cut -d' ' -f1) known $f $r" "$TMP/report" ||
			fail "${ALLOW#"$ROOT"/}: '$f $r' is not a violation any more (remove the line)"
	done <"$TMP/allow"
	[ "$FAILS" -eq "$before" ] &&
		echo "ok - layering allow-list ($(wc -l <"$TMP/allow") known violations, each still there)"
fi

# plant wrong includes in a small tree: the check must fail on them, and only on them
selftest()
{
	t=$TMP/tree
	mkdir -p "$t/decoders" "$t/user/lib" "$t/user/state" "$t/user/sink" "$t/user/source" \
		 "$t/bpf" "$t/vmlinux/$ARCH"
	: >"$t/bpf/hytrace.h"
	: >"$t/vmlinux/$ARCH/vmlinux.h"
	printf '#include "hytrace.h"\n#include "vmlinux.h"\n' >"$t/bpf/prog.bpf.c"
	: >"$t/user/lib/sbuf.h"
	: >"$t/user/pipeline.h"
	: >"$t/user/options.h"
	: >"$t/user/source/backend.h"
	printf '#include "../bpf/hytrace.h"\n#include "xlat_gen.h"\n' >"$t/decoders/decode.h"
	printf '#include "decode.h"\n#include "pipeline.h"\n' >"$t/decoders/planted.c"
	printf '#include "decode.h"\n#include "sbuf.h"\n#include "options.h"\n' >"$t/user/sink/ok.c"
	printf '#include "render.h"\n#include "backend.h"\n' >"$t/user/sink/planted.c"
	: >"$t/user/sink/render.h"
	printf '#include "sbuf.h"\n#include "decode.h"\n' >"$t/user/state/ok.c"
	printf '#include "pipeline.h"\n#include "backend.h"\n#include "decode.h"\n' >"$t/user/main.c"

	out=$(HYT_LAYERING_ROOT=$t HYT_LAYERING_ALLOW=$t/none HYT_LAYERING_SELFTEST=0 sh "$SELF")
	rc=$?
	got=$(printf '%s\n' "$out" | sed -n 's/^FAIL - layering: \([^ ]*\) includes \([^ ]*\) .*/\1 \2/p')
	want='decoders/planted.c user/pipeline.h
user/sink/planted.c user/source/backend.h'
	if [ $rc -eq 0 ] || [ "$got" != "$want" ]; then
		fail "self-test: planted includes gave exit $rc and FAIL for [$got], want [$want]"
		return
	fi
	printf '%s\n' 'decoders/planted.c user/pipeline.h' '# being removed' \
	       'user/state/ok.c user/lib/sbuf.h' >"$t/allow"
	out=$(HYT_LAYERING_ROOT=$t HYT_LAYERING_ALLOW=$t/allow HYT_LAYERING_SELFTEST=0 sh "$SELF")
	rc=$?
	got=$(printf '%s\n' "$out" | grep -c '^FAIL')
	if [ $rc -eq 0 ] || [ "$got" -ne 2 ] ||
	   ! printf '%s\n' "$out" | grep -q "^FAIL - layering: allow: 'user/state/ok.c user/lib/sbuf.h'" ||
	   ! printf '%s\n' "$out" | grep -q '^FAIL - layering: user/sink/planted.c includes'; then
		fail "self-test: an allow-list with a stale line gave exit $rc and: $(printf '%s\n' "$out" |
		      grep '^FAIL' | tr '\n' ';')"
		return
	fi
	echo "ok - layering self-test (planted includes fail, naming their files; a stale allow line too)"
}
[ "${HYT_LAYERING_SELFTEST:-1}" = 0 ] || selftest

[ "$FAILS" -eq 0 ]
