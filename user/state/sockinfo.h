/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sockinfo.h: socket details for -yy fd decorations ("TCP:[127.0.0.1:80->127.0.0.1:4242]"). */
#ifndef HY_SOCKINFO_H
#define HY_SOCKINFO_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Flags for sockinfo_format_fd().  0 behaves as strace 6.1 does.
 * The low two bits are the -x level (1 for -x, 2 for -xx): they quote unix socket paths.
 */
#define SOCKINFO_XFLAG_MASK	0x3
#define SOCKINFO_NETNS		0x4	/* ask in the traced process's network namespace
					 * (strace 6.1 asks in its own: elsewhere it finds nothing) */
#define SOCKINFO_NOCACHE	0x8	/* ask the kernel every time (strace 6.1 keeps the first
					 * details it found for an inode, even after connect()) */
#define SOCKINFO_DUMP		0x10	/* TCP/UDP: skip the exact request by the socket's own
					 * addresses, read through pidfd_getfd(); dump like strace */

/*
 * The text between '<' and '>' that strace -yy prints for socket inode of process pid, e.g.
 * "TCP:[127.0.0.1:51403->127.0.0.1:36120]", "UNIX-STREAM:[44796->44797]",
 * "NETLINK:[ROUTE:23682]", or, when the kernel's socket diagnostics do not know the socket,
 * "UDPv6:[44800]" (the protocol named by the fd's system.sockprotoname attribute).
 * fd is the traced process's descriptor for the socket, or -1 when unknown: then the
 * protocol is guessed from the diagnostics and there is no "PROTO:[INODE]" fallback.
 * The text is printed as is (no quoting of '<', '>' or '"'): it is already quoted.
 * Returns 0, -ENOENT when the caller should print "socket:[INODE]", -ENOSPC when outlen is
 * too small, or another -errno.  Thread-safe.
 */
int sockinfo_format_fd(pid_t pid, int fd, unsigned long inode, unsigned int flags, char *out,
		       size_t outlen);

/* sockinfo_format_fd(pid, -1, inode, 0, out, outlen). */
int sockinfo_format(pid_t pid, unsigned long inode, char *out, size_t outlen);

/* Forget cached details and close the diagnostics sockets. */
void sockinfo_reset(void);

#endif
