/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * bpfargs.c: arguments the eBPF backend once printed worse than ptrace (issue 16, item 6):
 * select's three fd sets, and output arguments (rt_sigpending, prctl(PR_GET_CHILD_SUBREAPER),
 * setgroups, mincore, the peer addresses of accept and recvfrom).
 */
#include "hyt.h"
#include <signal.h>
#include <stddef.h>
#include <grp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/un.h>

/*
 * n bytes that end where an inaccessible page starts, as strace's tests place their arguments
 * (tail_alloc): a tracer that reads more than the object faults
 */
static void *tail_alloc(size_t n)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	HYT_CHECK(p != MAP_FAILED && mprotect(p + 4096, 4096, PROT_NONE) == 0);
	memset(p, 0, 4096);
	return p + 4096 - n;
}

static socklen_t unix_addr(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path, name);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(name) + 1);
}

int main(void)
{
	struct sockaddr_un a;
	socklen_t alen, *plen = tail_alloc(sizeof(*plen));
	unsigned long *rd = tail_alloc(8), *wr = tail_alloc(8), *ex = tail_alloc(8);
	sigset_t set;
	unsigned long *pend = tail_alloc(8);
	unsigned char *vec = tail_alloc(2);
	gid_t groups[64], *gl;
	int p[2], *v = tail_alloc(sizeof(int)), n, srv, cli, acc, d1, d2;
	/* the peers' addresses are 14 bytes: "bpfargs.cli" plus sun_family and the NUL */
	struct sockaddr_un *peer = tail_alloc(offsetof(struct sockaddr_un, sun_path) + 12);
	char buf[16];
	void *m;

	HYT_CHECK(pipe(p) == 0 && p[0] == 3 && p[1] == 4);
	unlink("bpfargs.srv");
	unlink("bpfargs.cli");
	unlink("bpfargs.d1");
	unlink("bpfargs.d2");
	n = getgroups(64, groups);
	if (n == 0)	/* root often has none: its own group then */
		groups[n++] = getgid();
	gl = tail_alloc(n * sizeof(gid_t));
	memcpy(gl, groups, n * sizeof(gid_t));
	m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	HYT_CHECK(n >= 0 && m != MAP_FAILED);
	memset(m, 1, 8192);	/* both pages resident */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	hyt_begin();

	/* select: all three sets in, the ready ones out */
	syscall(SYS_write, p[1], "x", 1);
	*rd = *wr = *ex = 1ul << p[0] | 1ul << p[1];	/* 8 bytes: the kernel reads a long for 5 fds */
	syscall(SYS_select, 5, rd, wr, ex, NULL);

	/* output arguments */
	kill(getpid(), SIGUSR1);
	syscall(SYS_rt_sigpending, pend, 8);
	syscall(SYS_prctl, PR_GET_CHILD_SUBREAPER, v, 0, 0, 0);
	syscall(SYS_setgroups, n, gl);
	syscall(SYS_mincore, m, 8192, vec);

	/* peer addresses: accept of a bound client, recvfrom of a bound datagram sender */
	srv = socket(AF_UNIX, SOCK_STREAM, 0);
	cli = socket(AF_UNIX, SOCK_STREAM, 0);
	alen = unix_addr(&a, "bpfargs.srv");
	bind(srv, (struct sockaddr *)&a, alen);
	listen(srv, 1);
	alen = unix_addr(&a, "bpfargs.cli");
	bind(cli, (struct sockaddr *)&a, alen);
	alen = unix_addr(&a, "bpfargs.srv");
	connect(cli, (struct sockaddr *)&a, alen);
	*plen = offsetof(struct sockaddr_un, sun_path) + 12;
	acc = syscall(SYS_accept, srv, peer, plen);
	d1 = socket(AF_UNIX, SOCK_DGRAM, 0);
	d2 = socket(AF_UNIX, SOCK_DGRAM, 0);
	alen = unix_addr(&a, "bpfargs.d1");
	bind(d1, (struct sockaddr *)&a, alen);
	alen = unix_addr(&a, "bpfargs.d2");
	bind(d2, (struct sockaddr *)&a, alen);
	alen = unix_addr(&a, "bpfargs.d1");
	sendto(d2, "ping", 4, 0, (struct sockaddr *)&a, alen);
	*plen = offsetof(struct sockaddr_un, sun_path) + 12;
	recvfrom(d1, buf, sizeof(buf), 0, (struct sockaddr *)peer, plen);

	hyt_end();
	unlink("bpfargs.srv");
	unlink("bpfargs.cli");
	unlink("bpfargs.d1");
	unlink("bpfargs.d2");
	return acc >= 0 ? 0 : 1;
}
