// SPDX-License-Identifier: LGPL-2.1-or-later
/* sockinfo.c: socket details for -yy over NETLINK_SOCK_DIAG, as strace 6.1 src/socketutils.c. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/inet_diag.h>
#include <linux/unix_diag.h>
#include <linux/netlink_diag.h>

#include "render.h"
#include "sbuf.h"
#include "sockinfo.h"
#include "xlat_gen.h"

#ifndef IPPROTO_L2TP
#define IPPROTO_L2TP 115	/* linux/in.h; glibc's netinet/in.h lacks it */
#endif

#define UNIX_PATH_MAX sizeof(((struct sockaddr_un *)0)->sun_path)	/* 108 */

enum diag_kind { DK_UNIX, DK_INET, DK_NETLINK };

/*
 * strace 6.1 src/socketutils.c protocols[], in its enum sock_proto order (src/defs.h): the names
 * match the kernel's system.sockprotoname xattr; an unknown name makes strace try every entry
 * in this order, so the order decides which name a "UDP-Lite" socket gets (UDPLITE).
 */
static const struct proto {
	const char *name;
	enum diag_kind kind;
	unsigned char family, protocol;
} protos[] = {
	{ "UNIX", DK_UNIX, AF_UNIX, 0 },
	{ "UNIX-STREAM", DK_UNIX, AF_UNIX, 0 },
	{ "TCP", DK_INET, AF_INET, IPPROTO_TCP },
	{ "UDP", DK_INET, AF_INET, IPPROTO_UDP },
	{ "UDPLITE", DK_INET, AF_INET, IPPROTO_UDPLITE },
	{ "DCCP", DK_INET, AF_INET, IPPROTO_DCCP },
	{ "SCTP", DK_INET, AF_INET, IPPROTO_SCTP },
	{ "L2TP/IP", DK_INET, AF_INET, IPPROTO_L2TP },
	{ "PING", DK_INET, AF_INET, IPPROTO_ICMP },
	{ "RAW", DK_INET, AF_INET, IPPROTO_RAW },
	{ "TCPv6", DK_INET, AF_INET6, IPPROTO_TCP },
	{ "UDPv6", DK_INET, AF_INET6, IPPROTO_UDP },
	{ "UDPLITEv6", DK_INET, AF_INET6, IPPROTO_UDPLITE },
	{ "DCCPv6", DK_INET, AF_INET6, IPPROTO_DCCP },
	{ "L2TP/IPv6", DK_INET, AF_INET6, IPPROTO_L2TP },
	{ "SCTPv6", DK_INET, AF_INET6, IPPROTO_SCTP },
	{ "PINGv6", DK_INET, AF_INET6, IPPROTO_ICMP },
	{ "RAWv6", DK_INET, AF_INET6, IPPROTO_RAW },
	{ "NETLINK", DK_NETLINK, AF_NETLINK, 0 },
};
#define NPROTOS (sizeof(protos) / sizeof(protos[0]))

/*
 * Names of sockets no diagnostics dump above can hold: trying all NPROTOS for them would only
 * cost time (strace 6.1 tries and finds nothing, then prints socket:[INODE]).
 */
static const char *const undiagable[] = { "PACKET" };

/* strace 6.1 socketutils.c: CACHE_SIZE 1024, direct-mapped by inode, only found details. */
#define CACHE_SIZE 1024U
static struct {
	unsigned long inode;
	char *text;
} cache[CACHE_SIZE];

/* One NETLINK_SOCK_DIAG socket per network namespace we ask in; [0] is our own. */
#define NS_MAX 8
static struct nsent {
	dev_t dev;
	ino_t ino;
	int fd;		/* -1: not open */
	bool valid;
} nstab[NS_MAX];
static unsigned int ns_next = 1;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t seq;

/* Dump replies fill at most our buffer (netlink_dump() sizes them by max_recvmsg_len). */
static union {
	struct nlmsghdr h;
	char buf[32768];
} rbuf;

static int diag_socket(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);

	return fd < 0 ? -errno : fd;
}

struct nsopen {
	int nsfd;
	int ret;
};

/* A thread's setns() moves only that thread; the socket it opens stays in that namespace. */
static void *nsopen_thread(void *arg)
{
	struct nsopen *o = arg;

	if (setns(o->nsfd, CLONE_NEWNET))
		o->ret = -errno;
	else
		o->ret = diag_socket();
	return NULL;
}

/* The diagnostics socket for pid's namespace (NETNS) or ours; >= 0 or -errno. */
static int diag_fd(pid_t pid, unsigned int flags, struct nsent **entp)
{
	struct nsent *e = &nstab[0];
	char path[64];
	struct stat st;

	if (!e->valid) {
		if (stat("/proc/self/ns/net", &st) == 0) {
			e->dev = st.st_dev;
			e->ino = st.st_ino;
		}
		e->fd = -1;
		e->valid = true;
	}
	if (flags & SOCKINFO_NETNS) {
		snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
		if (stat(path, &st))
			return -errno;
		if (st.st_dev != e->dev || st.st_ino != e->ino) {
			e = NULL;
			for (unsigned int i = 1; i < NS_MAX; i++) {
				if (nstab[i].valid && nstab[i].dev == st.st_dev &&
				    nstab[i].ino == st.st_ino) {
					e = &nstab[i];
					break;
				}
			}
			if (!e) {
				e = &nstab[ns_next];
				ns_next = ns_next + 1 < NS_MAX ? ns_next + 1 : 1;
				if (e->valid && e->fd >= 0)
					close(e->fd);
				*e = (struct nsent){ .dev = st.st_dev, .ino = st.st_ino, .fd = -1,
						     .valid = true };
			}
			if (e->fd < 0) {
				struct nsopen o = { .nsfd = open(path, O_RDONLY | O_CLOEXEC) };
				pthread_t t;
				int err;

				if (o.nsfd < 0)
					return -errno;
				err = pthread_create(&t, NULL, nsopen_thread, &o);
				if (!err)
					pthread_join(t, NULL);
				close(o.nsfd);
				if (err)
					return -err;
				if (o.ret < 0)
					return o.ret;
				e->fd = o.ret;
			}
		}
	}
	if (e->fd < 0) {
		int fd = diag_socket();

		if (fd < 0)
			return fd;
		e->fd = fd;
	}
	*entp = e;
	return e->fd;
}

/* What a parser says of one reply: not this inode, found (text in out), or stop looking. */
enum { P_NEXT = 0, P_FOUND = 1, P_STOP = -1 };

struct query {
	unsigned long inode;
	const char *name;	/* strace's protocol name, or NULL: guess unix names from the type */
	int xflag;
	char *out;
	size_t outlen;
	int err;		/* -ENOSPC when out was too small */
};

static int put(struct query *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int put(struct query *q, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(q->out, q->outlen, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= q->outlen) {
		q->err = -ENOSPC;
		return P_STOP;
	}
	return P_FOUND;
}

/* strace 6.1 inet_parse_response(). */
static int inet_parse(const struct nlmsghdr *h, struct query *q)
{
	const struct inet_diag_msg *m = NLMSG_DATA(h);
	static const unsigned char zero[16];
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	size_t alen;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
		return P_STOP;
	if (m->idiag_inode != q->inode)
		return P_NEXT;
	if (m->idiag_family == AF_INET)
		alen = 4;
	else if (m->idiag_family == AF_INET6)
		alen = 16;
	else
		return P_STOP;

	/* IPv6 addresses go in brackets. */
	const char *ob = m->idiag_family == AF_INET6 ? "[" : "";
	const char *cb = m->idiag_family == AF_INET6 ? "]" : "";

	if (!inet_ntop(m->idiag_family, m->id.idiag_src, src, sizeof(src)))
		return P_STOP;
	if (m->id.idiag_dport || memcmp(zero, m->id.idiag_dst, alen)) {
		if (!inet_ntop(m->idiag_family, m->id.idiag_dst, dst, sizeof(dst)))
			return P_STOP;
		return put(q, "%s:[%s%s%s:%u->%s%s%s:%u]", q->name, ob, src, cb,
			   ntohs(m->id.idiag_sport), ob, dst, cb, ntohs(m->id.idiag_dport));
	}
	return put(q, "%s:[%s%s%s:%u]", q->name, ob, src, cb, ntohs(m->id.idiag_sport));
}

/*
 * strace 6.1 unix_parse_response(): NAME:[INODE[->PEER][,"PATH"|,@"ABSTRACT"]], or not found
 * when the socket has neither a peer nor a name.  The path is quoted up to its first NUL.
 */
static int unix_parse(const struct nlmsghdr *h, struct query *q)
{
	const struct unix_diag_msg *m = NLMSG_DATA(h);
	int rta_len = (int)h->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*m));
	char path[UNIX_PATH_MAX + 1];
	size_t path_len = 0;
	uint32_t peer = 0;

	if (rta_len < 0)
		return P_STOP;
	if (m->udiag_ino != q->inode)
		return P_NEXT;
	if (m->udiag_family != AF_UNIX)
		return P_STOP;
	for (struct rtattr *a = (struct rtattr *)(m + 1); RTA_OK(a, rta_len);
	     a = RTA_NEXT(a, rta_len)) {
		switch (a->rta_type) {
		case UNIX_DIAG_NAME:
			if (!path_len) {
				path_len = RTA_PAYLOAD(a);
				if (path_len > UNIX_PATH_MAX)
					path_len = UNIX_PATH_MAX;
				memcpy(path, RTA_DATA(a), path_len);
				path[path_len] = '\0';
			}
			break;
		case UNIX_DIAG_PEER:
			if (RTA_PAYLOAD(a) >= 4)
				memcpy(&peer, RTA_DATA(a), 4);
			break;
		}
	}
	if (!peer && !path_len)
		return P_STOP;

	/* Without the fd's xattr, name it as kernels since 5.15 do (unix_stream_proto). */
	const char *name = q->name ? q->name : m->udiag_type == SOCK_STREAM ? "UNIX-STREAM" : "UNIX";
	struct sbuf sb = { 0 };
	int ret;

	sb_printf(&sb, "%s:[%lu", name, q->inode);
	if (peer)
		sb_printf(&sb, "->%u", peer);
	if (path_len) {
		const char *p = path[0] ? path : path + 1;

		sb_puts(&sb, path[0] ? "," : ",@");
		render_quoted(&sb, p, strlen(p), q->xflag, NULL, 1);
	}
	sb_putc(&sb, ']');
	ret = put(q, "%s", sb.s);
	sb_free(&sb);
	return ret;
}

/* strace 6.1 netlink_parse_response(): NETLINK:[PROTO:PORTID], or NETLINK:[PROTO_NUMBER]. */
static int netlink_parse(const struct nlmsghdr *h, struct query *q)
{
	const struct netlink_diag_msg *m = NLMSG_DATA(h);
	const char *pn;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
		return P_STOP;
	if (m->ndiag_ino != q->inode)
		return P_NEXT;
	if (m->ndiag_family != AF_NETLINK)
		return P_STOP;
	pn = xlat_name(&xlat_netlink_protocols, m->ndiag_protocol);
	if (pn) {
		if (!strncmp(pn, "NETLINK_", 8))
			pn += 8;
		return put(q, "%s:[%s:%u]", q->name, pn, m->ndiag_portid);
	}
	return put(q, "%s:[%u]", q->name, (unsigned int)m->ndiag_protocol);
}

/*
 * Send one request and read replies until the kernel is done with it (a dump left half read
 * would make the next request on this socket fail with EBUSY).  Returns 1 when found, 0 when
 * not, -errno when the socket failed (the caller closes it).
 */
static int diag_ask(int fd, struct nlmsghdr *req, int (*parse)(const struct nlmsghdr *,
							       struct query *), struct query *q)
{
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	bool dump = req->nlmsg_flags & NLM_F_DUMP, done = false;
	int state = P_NEXT;

	req->nlmsg_seq = ++seq;
	while (sendto(fd, req, req->nlmsg_len, 0, (struct sockaddr *)&nl, sizeof(nl)) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	while (!done) {
		ssize_t n = recv(fd, rbuf.buf, sizeof(rbuf.buf), 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EIO;
		for (struct nlmsghdr *h = &rbuf.h; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != req->nlmsg_seq)
				continue;	/* a reply to an earlier request */
			if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY) {
				/* NLMSG_DONE or NLMSG_ERROR ends a request; strace stops too */
				done = true;
				break;
			}
			if (state == P_NEXT)
				state = parse(h, q);
		}
		if (!dump)
			done = true;
	}
	return state == P_FOUND;
}

static int ask_inet(int fd, const struct proto *p, struct query *q)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 r;
	} req = {
		.nlh = { .nlmsg_len = sizeof(req), .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.r = { .sdiag_family = p->family, .sdiag_protocol = p->protocol,
		       .idiag_states = ~0U },
	};

	return diag_ask(fd, &req.nlh, inet_parse, q);
}

/*
 * A dump walks every bucket of the protocol's hash table (~400 us for TCP's 262144 buckets on a
 * 23 GiB machine), so TCP and UDP first try an exact request for the socket's own addresses,
 * read from a copy of the traced fd (pidfd_getfd(), Linux 5.6; the tracer may ptrace it).
 * Returns 1 found, 0 surely absent (port 0: never hashed, so no dump lists it), -1 when
 * only a dump can tell (another socket answered, SO_REUSEPORT, bound but inactive, ...).
 */
static int inet_exact(pid_t pid, int tfd, int dfd, const struct proto *p, struct query *q)
{
	struct sockaddr_storage ls = { 0 }, rs = { 0 };
	socklen_t ll = sizeof(ls), rl = sizeof(rs);
	int pidfd, sfd, r;

	if (tfd < 0 || (p->protocol != IPPROTO_TCP && p->protocol != IPPROTO_UDP))
		return -1;
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		return -1;
	sfd = syscall(SYS_pidfd_getfd, pidfd, tfd, 0);
	close(pidfd);
	if (sfd < 0)
		return -1;
	r = getsockname(sfd, (struct sockaddr *)&ls, &ll);
	if (r == 0 && getpeername(sfd, (struct sockaddr *)&rs, &rl) && errno != ENOTCONN)
		r = -1;
	close(sfd);
	if (r || ls.ss_family != p->family || (rs.ss_family && rs.ss_family != p->family))
		return -1;

	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 r;
	} req = {
		.nlh = { .nlmsg_len = sizeof(req), .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST },
		.r = { .sdiag_family = p->family, .sdiag_protocol = p->protocol,
		       .idiag_states = ~0U,
		       .id.idiag_cookie = { INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE } },
	};
	/* inet_diag_find_one_icsk() takes src as local; udp_dump_one() swaps them (its comment) */
	bool swap = p->protocol == IPPROTO_UDP;
	struct inet_diag_sockid *id = &req.r.id;
	__be16 *lport = swap ? &id->idiag_dport : &id->idiag_sport;
	__be16 *rport = swap ? &id->idiag_sport : &id->idiag_dport;
	__be32 *laddr = swap ? id->idiag_dst : id->idiag_src;
	__be32 *raddr = swap ? id->idiag_src : id->idiag_dst;

	if (p->family == AF_INET) {
		const struct sockaddr_in *l4 = (void *)&ls, *r4 = (void *)&rs;

		*lport = l4->sin_port;
		laddr[0] = l4->sin_addr.s_addr;
		*rport = r4->sin_port;
		raddr[0] = r4->sin_addr.s_addr;
	} else {
		const struct sockaddr_in6 *l6 = (void *)&ls, *r6 = (void *)&rs;

		*lport = l6->sin6_port;
		memcpy(laddr, &l6->sin6_addr, 16);
		*rport = r6->sin6_port;
		memcpy(raddr, &r6->sin6_addr, 16);
		id->idiag_if = l6->sin6_scope_id;
	}
	if (!*lport)
		return 0;
	/* a failed socket fails the dump too, which then closes it */
	return diag_ask(dfd, &req.nlh, inet_parse, q) > 0 ? 1 : -1;
}

static int ask_unix(int fd, const struct proto *p, struct query *q)
{
	/* One socket by inode; the dump flag is needed only before Linux 4.4.4 (strace notes). */
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req r;
	} req = {
		.nlh = { .nlmsg_len = sizeof(req), .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST },
		.r = { .sdiag_family = AF_UNIX, .udiag_states = ~0U, .udiag_ino = q->inode,
		       .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
		       .udiag_cookie = { ~0U, ~0U } },
	};

	return diag_ask(fd, &req.nlh, unix_parse, q);
}

static int ask_netlink(int fd, const struct proto *p, struct query *q)
{
	struct {
		struct nlmsghdr nlh;
		struct netlink_diag_req r;
	} req = {
		.nlh = { .nlmsg_len = sizeof(req), .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.r = { .sdiag_family = AF_NETLINK, .sdiag_protocol = NDIAG_PROTO_ALL },
	};

	return diag_ask(fd, &req.nlh, netlink_parse, q);
}

static int ask(int fd, const struct proto *p, const char *name, struct query *q)
{
	q->name = name;
	switch (p->kind) {
	case DK_UNIX:
		return ask_unix(fd, p, q);
	case DK_INET:
		return ask_inet(fd, p, q);
	case DK_NETLINK:
		return ask_netlink(fd, p, q);
	}
	return 0;
}

/* The fd's protocol as strace's getfdproto(): index into protos, -1 unknown; name in buf. */
static int fd_proto(pid_t pid, int fd, char *buf, size_t len)
{
	char path[64];
	ssize_t r;

	buf[0] = '\0';
	if (fd < 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid, fd);
	r = getxattr(path, "system.sockprotoname", buf, len - 1);
	if (r <= 0) {
		buf[0] = '\0';
		return -1;
	}
	buf[r] = '\0';
	for (unsigned int i = 0; i < NPROTOS; i++)
		if (!strcmp(buf, protos[i].name))
			return (int)i;
	return -1;
}

static int lookup(pid_t pid, int fd, unsigned long inode, unsigned int flags, char *out,
		  size_t outlen)
{
	struct query q = { .inode = inode, .xflag = flags & SOCKINFO_XFLAG_MASK, .out = out,
			   .outlen = outlen };
	char pname[256];
	int pi = fd_proto(pid, fd, pname, sizeof(pname));
	struct nsent *e = NULL;
	int dfd, found = 0;

	for (unsigned int i = 0; pi < 0 && i < sizeof(undiagable) / sizeof(undiagable[0]); i++)
		if (!strcmp(pname, undiagable[i]))
			return -ENOENT;
	dfd = diag_fd(pid, flags, &e);
	if (dfd < 0)
		return dfd;
	if (pi >= 0) {
		q.name = protos[pi].name;
		found = protos[pi].kind == DK_INET && !(flags & SOCKINFO_DUMP) ?
			inet_exact(pid, fd, dfd, &protos[pi], &q) : -1;
		if (found == -1 && !q.err)
			found = ask(dfd, &protos[pi], protos[pi].name, &q);
	} else {
		/* strace names a socket of unknown protocol after the table entry that finds it */
		for (unsigned int i = 0; i < NPROTOS && found == 0 && !q.err; i++) {
			const struct proto *p = &protos[i];

			/* without the fd's xattr, unix_parse() names unix sockets by their type */
			found = ask(dfd, p, fd < 0 && p->kind == DK_UNIX ? NULL : p->name, &q);
			/* both unix entries send the same query: ask once */
			if (p->kind == DK_UNIX)
				i++;
		}
	}
	if (found < 0) {
		close(e->fd);
		e->fd = -1;
		return found;
	}
	if (q.err)
		return q.err;
	if (found) {
		if (!(flags & SOCKINFO_NOCACHE)) {
			unsigned int slot = inode & (CACHE_SIZE - 1);
			char *t = strdup(out);

			if (t) {
				free(cache[slot].text);
				cache[slot].text = t;
				cache[slot].inode = inode;
			}
		}
		return 0;
	}
	/* strace: not found, but the protocol is known: PROTO:[INODE], not cached */
	if (pi >= 0) {
		int n = snprintf(out, outlen, "%s:[%lu]", protos[pi].name, inode);

		return n < 0 || (size_t)n >= outlen ? -ENOSPC : 0;
	}
	return -ENOENT;
}

int sockinfo_format_fd(pid_t pid, int fd, unsigned long inode, unsigned int flags, char *out,
		       size_t outlen)
{
	unsigned int slot = inode & (CACHE_SIZE - 1);
	int ret;

	if (!outlen)
		return -ENOSPC;
	pthread_mutex_lock(&lock);
	if (!(flags & SOCKINFO_NOCACHE) && cache[slot].text && cache[slot].inode == inode) {
		size_t n = strlen(cache[slot].text);

		if (n < outlen) {
			memcpy(out, cache[slot].text, n + 1);
			ret = 0;
		} else {
			ret = -ENOSPC;
		}
	} else {
		ret = lookup(pid, fd, inode, flags, out, outlen);
	}
	pthread_mutex_unlock(&lock);
	if (ret)
		out[0] = '\0';
	return ret;
}

int sockinfo_format(pid_t pid, unsigned long inode, char *out, size_t outlen)
{
	return sockinfo_format_fd(pid, -1, inode, 0, out, outlen);
}

void sockinfo_reset(void)
{
	pthread_mutex_lock(&lock);
	for (unsigned int i = 0; i < CACHE_SIZE; i++) {
		free(cache[i].text);
		cache[i].text = NULL;
		cache[i].inode = 0;
	}
	for (unsigned int i = 0; i < NS_MAX; i++) {
		if (nstab[i].valid && nstab[i].fd >= 0)
			close(nstab[i].fd);
		nstab[i].valid = false;
		nstab[i].fd = -1;
	}
	ns_next = 1;
	pthread_mutex_unlock(&lock);
}
