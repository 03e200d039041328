#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-ioctls.sh: the ioctl(2) request names (issue 16) from the kernel's uapi headers installed
# on the build machine.  Run by hand; its output is committed:
#
#   decoders/ioctl/ioctl_names_gen.c   { code, name } sorted by code, then by name (strace 6.1
#                                      prints every name of a code joined by " or " in that order)
#
# The names are the object-like macros whose value is an _IO/_IOR/_IOW/_IOWR(...) expression
# or a header's own wrapper of them (SECCOMP_IOWR(...), XX_IOW(...), soundcard's _SIO*(...)),
# continuation lines joined (linux/*.h, linux/*/*.h, misc/*.h, mtd/*.h, scsi/sg.h,
# asm-generic/ioctls.h, asm-generic/sockios.h, asm/*.h), plus the plain numbers of the socket,
# tty, loop, console, ATA and SCSI generic requests (linux/sockios.h, asm*/sockios.h,
# asm-generic/ioctls.h, linux/loop.h: SIOC*, FIO*, TIOC*, TC*, LOOP_*; linux/kd.h: 0x4bNN;
# linux/hdreg.h: HDIO_* 0x03NN; scsi/sg.h: SG_* 0x22NN).  Names given by enum
# constants (binder's BC_*/BR_*) are not macros and are not taken.
# The numbers are not typed by hand: each header is compiled in a small C program that prints
# every macro's value as the compiler computes it for this machine (x86_64).  A macro whose
# expansion does not compile on its own (a type the header does not declare) is dropped and
# named on stderr (so is one inside #if 0); a header that does not compile at all is named
# on stderr too.  Against strace 6.1's output on all 1784 codes: 1776 print the same; the 8
# others are names strace also has from headers not installed here (sound/, xen/, vmci) or
# from binder's enum.
#
# Usage: decoders/ioctl/gen-ioctls.sh [INCLUDEDIR]   (default /usr/include; Debian 12's
#        linux-libc-dev 6.1.x gave the committed table).  CC overrides the compiler.
set -eu

INC=${1:-/usr/include}
CC=${CC:-cc}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/decoders/ioctl/ioctl_names_gen.c
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL
ver=$(dpkg-query -W -f '${Package} ${Version}' linux-libc-dev 2>/dev/null || echo "headers in $INC")

# the candidate names of one header: NAME<TAB>header
names() {	# $1 header path relative to INC
	# continuation lines joined first: PTP_SYS_OFFSET_EXTENDED's value is on its next line
	sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$INC/$1" > "$tmp/h"
	sed -n -E \
		-e 's/^[[:space:]]*#[[:space:]]*define[[:space:]]+([A-Za-z_][A-Za-z0-9_]*)[[:space:]]+(([A-Z][A-Z0-9_]*_)?_?IO(R|W|WR)?|_SIO(R|W|WR)?)[[:space:]]*\(.*/\1/p' \
		"$tmp/h"
	# the plain numbers of the requests of the headers that define them so, by their type byte
	case $1 in
	*sockios.h|asm-generic/ioctls.h|linux/loop.h)
		plain '(SIOC|FIO|TIOC|TC|LOOP_)[A-Za-z0-9_]*' '[0-9a-fA-F]{4}' ;;
	linux/kd.h) plain '[A-Z][A-Z0-9_]*' '4[bB][0-9a-fA-F]{2}' ;;
	linux/hdreg.h) plain 'HDIO_[A-Z0-9_]*' '03[0-9a-fA-F]{2}' ;;
	scsi/sg.h) plain 'SG_[A-Z0-9_]*' '22[0-9a-fA-F]{2}' ;;
	esac
}

# the object-like macros of $tmp/h named by $1 whose value is 0x$2 alone (and a comment)
plain() {
	sed -n -E "s/^[[:space:]]*#[[:space:]]*define[[:space:]]+($1)[[:space:]]+0x$2[[:space:]]*(\/\*.*)?\$/\1/p" "$tmp/h"
}

# compile one header's program: the names in $tmp/n, the prelude variant $2; 0 on success
build() {	# $1 header, $2 prelude (1 or 2)
	{
		if [ "$2" = 2 ]; then
			printf '#include <sys/types.h>\n#include <sys/time.h>\n#include <sys/socket.h>\n'
			printf '#include <stdint.h>\n#include <stddef.h>\n'
		fi
		printf '#include <linux/types.h>\n#include <linux/ioctl.h>\n'
		case $1 in	# the types their _IOR/_IOW sizes name: termios2, serial_iso7816, fiemap, blkpg...
		asm-generic/ioctls.h) printf '#include <asm/termbits.h>\n#include <linux/serial.h>\n' ;;
		linux/fs.h) printf '#include <linux/fiemap.h>\n#include <linux/blkpg.h>\n#include <linux/blktrace_api.h>\n' ;;
		esac
		printf '#include <%s>\n' "$1"
		printf 'int printf(const char *, ...);\nint main(void)\n{\n'
		while read -r n; do
			printf '\tprintf("%%#010x\\t%%s\\n", (unsigned int)(%s), "%s");\n' "$n" "$n"
		done < "$tmp/n"
		printf '\treturn 0;\n}\n'
	} > "$tmp/p.c"
	$CC -w -o "$tmp/p" "$tmp/p.c" 2> "$tmp/err"
}

: > "$tmp/all"
cd "$INC"
for h in linux/*.h linux/*/*.h misc/*.h mtd/*.h scsi/sg.h asm-generic/ioctls.h asm-generic/sockios.h \
	x86_64-linux-gnu/asm/*.h; do
	inc=${h#x86_64-linux-gnu/}
	names "$h" | sort -u > "$tmp/n"
	[ -s "$tmp/n" ] || continue
	ok=
	for pre in 2 1; do
		cp "$tmp/n" "$tmp/n0"
		: > "$tmp/dropped"
		# drop the macros the compiler names in its errors, a few rounds at most
		for round in 1 2 3 4 5 6; do
			if build "$inc" "$pre"; then ok=$pre; break; fi
			sed -n -E "s/.*in expansion of macro '([A-Za-z0-9_]+)'.*/\1/p; s/.*printf\(.*\"([A-Za-z0-9_]+)\"\);.*/\1/p" \
				"$tmp/err" | sort -u > "$tmp/bad"
			grep -qxFf "$tmp/bad" "$tmp/n" 2>/dev/null || break
			grep -vxFf "$tmp/bad" "$tmp/n" > "$tmp/n1" || true
			grep -xFf "$tmp/n" "$tmp/bad" >> "$tmp/dropped" || true
			mv "$tmp/n1" "$tmp/n"
		done
		[ -n "$ok" ] && break
		cp "$tmp/n0" "$tmp/n"
	done
	if [ -z "$ok" ]; then
		echo "gen-ioctls.sh: $h skipped: it does not compile ($(head -1 "$tmp/err"))" >&2
		continue
	fi
	for b in $(sort -u "$tmp/dropped"); do
		echo "gen-ioctls.sh: $h: $b dropped: its value does not compile" >&2
	done
	"$tmp/p" | sed "s|\$|	$inc|" >> "$tmp/all"
done

# one line per (code, name): the first header that defines a name wins.  Left out, as strace
# 6.1's x86_64 table leaves them out (checked against its output): other architectures' KVM
# requests, the kernel's reserved __ names, and the second names some headers give a code
# (v4l2-subdev.h's VIDIOC_SUBDEV_* copies of VIDIOC_*, PPPIOCGIDLE = PPPIOCGIDLE64 here,
# DMA_BUF_SET_NAME = DMA_BUF_SET_NAME_B here).
skip='^(__|KVM_(S390|PPC|ARM)_|PPPIOCGIDLE$|DMA_BUF_SET_NAME$|VIDIOC_SUBDEV_(G_STD|S_STD|QUERYSTD|ENUMSTD|G_EDID|S_EDID|QUERY_DV_TIMINGS|S_DV_TIMINGS|G_DV_TIMINGS|DV_TIMINGS_CAP|ENUM_DV_TIMINGS)$)'
sort -t '	' -k2,2 -s "$tmp/all" | awk -F '\t' -v skip="$skip" '$2 !~ skip && !seen[$2]++' | sort -t '	' -k1,1 -k2,2 > "$tmp/sorted"
n=$(wc -l < "$tmp/sorted")
{
	echo '// SPDX-License-Identifier: LGPL-2.1-or-later'
	echo '/* ioctl_names_gen.c: generated by decoders/ioctl/gen-ioctls.sh, do not edit. */'
	echo "/* source: $ver (x86_64): the headers of linux/, misc/, mtd/, asm/ */"
	echo "/* $n names, sorted by code then name; the values as the compiler computed them. */"
	echo '#include "ioctl_names.h"'
	echo
	echo 'const struct ioctl_name ioctl_names[] = {'
	awk -F '\t' '{ printf "\t{ %s, \"%s\" },\t/* %s */\n", $1, $2, $3 }' "$tmp/sorted"
	echo '};'
	echo
	echo 'const unsigned int ioctl_names_n = sizeof(ioctl_names) / sizeof(ioctl_names[0]);'
} > "$out"
echo "gen-ioctls.sh: $n names written to $out" >&2
