// SPDX-License-Identifier: LGPL-2.1-or-later
/* nlsock.c: the netlink protocol of an fd and the whole messages sent or received on it. */
/*
 * strace 6.1 decodes the buffers of sendto/recvfrom/sendmsg/recvmsg on netlink sockets
 * whole, whatever -s says, and learns the socket's protocol from the host (getxattr
 * "system.sockprotoname" on the fd, then sock_diag).  Here: the fd's inode from
 * /proc/TID/fd, "system.sockprotoname" to skip other sockets cheaply, then the protocol from
 * /proc/TID/net/netlink (columns: sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode),
 * cached by inode.  Decoders only see the blobs this adds.  This is the ptrace backend's
 * way; the eBPF backend does the same in the kernel at entry (buf_max() in
 * bpf/hytrace.bpf.c: the task may be gone when user space sees the record): the protocol
 * from the socket, the buffers copied up to HYB_NL_MAX bytes where -s would cut them.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>
#include "nlsock.h"

#define AF_NETLINK_VAL	16
#define CACHE_N		64

static struct { unsigned long ino; int proto; } cache[CACHE_N];
static unsigned int cache_next;

/* The netlink protocol of fd in task tid; -1: a netlink socket whose protocol the host does
 * not say (not bound yet: /proc/net/netlink lists bound sockets, as strace's sock_diag query
 * sees them); -2: not a netlink socket, or gone. */
static int fd_nlproto(pid_t tid, int fd)
{
	char path[64], link[64], name[32];
	ssize_t n;
	unsigned long ino;
	int proto = -1;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)tid, fd);
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 8 || strncmp(link, "socket:[", 8))
		return -2;
	link[n] = '\0';
	ino = strtoul(link + 8, NULL, 10);
	for (unsigned int i = 0; i < CACHE_N; i++)
		if (cache[i].ino == ino)
			return cache[i].proto;
	n = getxattr(path, "system.sockprotoname", name, sizeof(name) - 1);
	if (n <= 0)
		return -2;
	name[n] = '\0';
	if (strcmp(name, "NETLINK"))
		return -2;

	char line[256];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/net/netlink", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long sk, i_ino;
		int eth;

		if (sscanf(line, "%llx %d %*u %*x %*d %*d %*d %*d %*d %llu", &sk, &eth, &i_ino) == 3 &&
		    i_ino == ino) {
			proto = eth;
			break;
		}
	}
	fclose(f);
	if (proto >= 0) {
		cache[cache_next].ino = ino;
		cache[cache_next].proto = proto;
		cache_next = (cache_next + 1) % CACHE_N;
	}
	return proto;
}

static bool has_sock_blob(struct recbuf *rb)
{
	struct event ev;

	return !event_parse(&ev, rb->buf, rb->len) && event_blob(&ev, HY_ARG_SOCK, HY_AT_ENTER, 0);
}

/* Read n bytes at addr of tid into a new blob (arg HY_ARG_NLMSG, idx). */
static void add_bytes(struct recbuf *rb, pid_t tid, int when, int idx, uint64_t addr, uint64_t n)
{
	uint32_t want = n > HY_NLMSG_MAX ? HY_NLMSG_MAX : (uint32_t)n;
	void *p = rb_blob(rb, HY_ARG_NLMSG, when, idx, addr, want);

	if (!p)
		return;

	struct iovec l = { p, want }, r = { (void *)(uintptr_t)addr, want };
	ssize_t got = want ? process_vm_readv(tid, &l, 1, &r, 1, 0) : 0;

	if (got < 0)
		rb_blob_done(rb, 0, -errno, 0);
	else
		/* short of what was asked: the read stopped at unreadable memory */
		rb_blob_done(rb, (uint32_t)got, 0, ((uint64_t)got < n ? HY_BF_TRUNC : 0) |
						   ((uint32_t)got < want ? HY_BF_FAULT : 0));
}

void nlsock_add(struct recbuf *rb, int when)
{
	const struct hy_rec *r = rb_rec(rb);
	pid_t tid = (pid_t)r->tid;
	long nr = (long)r->nr;
	int64_t ret = r->ret;
	uint64_t a[HY_NARGS];

	if (when == HY_AT_EXIT && (r->flags & HY_F_NO_EXIT))
		return;
	bool send = nr == SYS_sendto || nr == SYS_sendmsg;

	if (!send && nr != SYS_recvfrom && nr != SYS_recvmsg)
		return;
	if (when == HY_AT_ENTER ? !send : send && has_sock_blob(rb))
		return;	/* sent data at entry (an unfinished line shows it too), received at exit */
	memcpy(a, r->args, sizeof(a));

	int proto = fd_nlproto(tid, (int)a[0]);

	if (proto < -1)
		return;

	struct hy_sockid id = { .family = AF_NETLINK_VAL, .protocol = proto };
	void *p = rb_blob(rb, HY_ARG_SOCK, when, 0, a[0], sizeof(id));

	if (!p)
		return;
	memcpy(p, &id, sizeof(id));
	rb_blob_done(rb, sizeof(id), 0, 0);
	if (when == HY_AT_EXIT && ret < 0)
		return;	/* strace shows no data of a failed receive */
	if (nr == SYS_sendto || nr == SYS_recvfrom) {
		add_bytes(rb, tid, when, 0, a[1], nr == SYS_sendto ? a[2] : ((uint64_t)ret < a[2] ?
							     (uint64_t)ret : a[2]));
		return;
	}

	/* struct msghdr (64-bit): msg_iov at 16, msg_iovlen at 24 */
	uint64_t mh[7], budget = nr == SYS_recvmsg ? (uint64_t)ret : UINT64_MAX;
	struct iovec l = { mh, sizeof(mh) }, rr = { (void *)(uintptr_t)a[1], sizeof(mh) };

	if (process_vm_readv(tid, &l, 1, &rr, 1, 0) != (ssize_t)sizeof(mh))
		return;

	uint64_t iovlen = mh[3] < 64 ? mh[3] : 64, iov[2 * 64];

	l.iov_base = iov;
	l.iov_len = iovlen * 16;
	rr.iov_base = (void *)(uintptr_t)mh[2];
	rr.iov_len = iovlen * 16;
	if (!iovlen || process_vm_readv(tid, &l, 1, &rr, 1, 0) != (ssize_t)(iovlen * 16))
		return;
	for (uint64_t k = 0; k < iovlen && budget; k++) {
		uint64_t n = iov[2 * k + 1] < budget ? iov[2 * k + 1] : budget;

		add_bytes(rb, tid, when, (int)k, iov[2 * k], n);
		if (budget != UINT64_MAX)
			budget -= n;
	}
}
