#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-syscalls-i386.sh: write decoders/xlat/syscalls_i386.in (the i386 syscall names and numbers,
# from asm/unistd_32.h) and decoders/xlat/socketcall_subcalls.in (socketcall(2)'s calls, from
# linux/net.h's SYS_*) out of the installed uapi headers.  strace 6.1 accepts all these names
# in -e trace= on x86_64 (they select its i386 personality, socketcall's as its subcalls).
# Rerun when the headers change and commit the result.
# Usage: sh decoders/gen-syscalls-i386.sh [INCLUDEDIR]   (default /usr/include), from the top
inc=${1:-/usr/include}
u32=$inc/x86_64-linux-gnu/asm/unistd_32.h
[ -r "$u32" ] || u32=$inc/asm/unistd_32.h
net=$inc/linux/net.h
for f in "$u32" "$net"; do
	[ -r "$f" ] || { echo "gen-syscalls-i386.sh: cannot read $f" >&2; exit 1; }
done
{
	echo "# syscalls_i386: the i386 (32-bit x86) syscall names, for -e trace= on x86_64"
	echo "# source: asm/unistd_32.h (linux uapi headers), made by decoders/gen-syscalls-i386.sh"
	echo "#type enum"
	sed -n 's/^#define __NR_\([a-z0-9_]*\)[ \t][ \t]*\([0-9][0-9]*\)$/\1\t\2/p' "$u32"
} >decoders/xlat/syscalls_i386.in
{
	echo "# socketcall_subcalls: socketcall(2)'s calls (i386), for -e trace= on x86_64 (recv, send)"
	echo "# source: linux/net.h SYS_* (linux uapi headers), made by decoders/gen-syscalls-i386.sh"
	echo "#type enum"
	sed -n 's/^#define SYS_\([A-Z0-9_]*\)[ \t][ \t]*\([0-9][0-9]*\).*$/\1\t\2/p' "$net" |
		tr 'A-Z' 'a-z'
} >decoders/xlat/socketcall_subcalls.in
