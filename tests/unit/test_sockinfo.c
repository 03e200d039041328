// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_sockinfo.c: sockinfo_format() on real loopback sockets of this process, against the
 * text strace 6.1 -yy prints for the same kinds (measured with strace 6.1 on Linux 6.18):
 *   fcntl(3<TCP:[92547]>, F_GETFD)                                  unbound: not in inet_diag
 *   fcntl(4<TCP:[127.0.0.1:56859]>, F_GETFD)                        bound or listening
 *   fcntl(3<TCP:[127.0.0.1:46758->127.0.0.1:56859]>, F_GETFD)       connected
 *   fcntl(3<TCP:[0.0.0.0:45899]>, F_GETFD)
 *   fcntl(4<TCPv6:[[::1]:34709]>, F_GETFD)
 *   fcntl(5<TCPv6:[[::1]:34709->[::1]:45428]>, F_GETFD)
 *   fcntl(5<TCPv6:[[::ffff:127.0.0.1]:42985->[::ffff:127.0.0.1]:35610]>, F_GETFD)
 *   fcntl(3<UDP:[127.0.0.1:37951]>, F_GETFD)                        bound, and still after
 *                                                                   connect(): strace caches
 *   fcntl(3<UDP:[127.0.0.1:46126->127.0.0.1:37951]>, F_GETFD)       connected before first look
 *   fcntl(3<UDPv6:[92599]>, F_GETFD)    fcntl(3<UDPv6:[[::1]:46488]>, F_GETFD)
 *   fcntl(3<socket:[92608]>, F_GETFD)   fcntl(3<UDPLITE:[127.0.0.1:50188]>, F_GETFD)
 *   fcntl(3<UNIX-STREAM:[92621->92622]>, F_GETFD)   fcntl(3<UNIX:[92625->92626]>, F_GETFD)
 *   fcntl(3<UNIX-STREAM:[92631]>, F_GETFD)          socket(AF_UNIX, SOCK_DGRAM, 0) = 3<UNIX:[92634]>
 *   fcntl(3<UNIX-STREAM:[92637,"/tmp/skinfo/s1"]>, F_GETFD)
 *   fcntl(4<UNIX-STREAM:[92641]>, F_GETFD)          connected, not yet accepted: no peer inode
 *   fcntl(5<UNIX-STREAM:[92645->92641,"/tmp/skinfo/s1"]>, F_GETFD)
 *   fcntl(3<UNIX:[92647,@"abs\"q\n"]>, F_GETFD)     SOCK_SEQPACKET is "UNIX" too
 *   fcntl(4<UNIX:[92661->92657]>, F_GETFD)          fcntl(3<UNIX:[92665,@"661ab"]>, F_GETFD)
 *   fcntl(3<UNIX:[96104,@"\x61\x62\x3c\x63\x3e\xc3\xa9\x01\x30\x09\x7a"]>, F_GETFD)   (-x)
 *   fcntl(3<NETLINK:[92669]>, F_GETFD)              unbound
 *   fcntl(3<NETLINK:[ROUTE:23682]>, F_GETFD)        fcntl(3<NETLINK:[SOCK_DIAG:12345]>, F_GETFD)
 *   fcntl(3<NETLINK:[GENERIC:23682]>, F_GETFD)      fcntl(3<NETLINK:[KOBJECT_UEVENT:23682]>, F_GETFD)
 *   fcntl(3<socket:[92691]>, F_GETFD)               AF_PACKET
 *   a process in another network namespace: fcntl(4<TCP:[95491]>, F_GETFD) even when listening
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>
#include <linux/netlink.h>
#include "sockinfo.h"
#include "unit.h"

static char got[1024], want[1024];
static unsigned int run_flags;	/* 0, then SOCKINFO_DUMP: both ways must agree */

static unsigned long ino(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : (unsigned long)st.st_ino;
}

/* sockinfo text for fd (with the fd: strace's path), "-ERRNO" when it fails. */
static const char *info_fd(pid_t pid, int fd, unsigned long inode, unsigned int flags)
{
	int r = sockinfo_format_fd(pid, fd, inode, flags | run_flags, got, sizeof(got));

	if (r)
		snprintf(got, sizeof(got), "-%s", strerrorname_np(-r) ? strerrorname_np(-r) : "?");
	return got;
}

static const char *info(int fd, unsigned int flags)
{
	return info_fd(getpid(), fd, ino(fd), flags);
}

/* Without the fd: sockinfo_format(pid, inode). */
static const char *info_ino(int fd)
{
	int r = sockinfo_format(getpid(), ino(fd), got, sizeof(got));

	if (r)
		snprintf(got, sizeof(got), "-%s", strerrorname_np(-r) ? strerrorname_np(-r) : "?");
	return got;
}

static const char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static const char *fmt(const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vsnprintf(want, sizeof(want), f, ap);
	va_end(ap);
	return want;
}

static unsigned int port(int fd, int peer)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);

	if ((peer ? getpeername : getsockname)(fd, (struct sockaddr *)&ss, &sl))
		return 0;
	return ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
					       : ((struct sockaddr_in *)&ss)->sin_port);
}

/* The kernel's protocol name for fd, which strace prints: "UNIX-STREAM" since Linux 5.15. */
static const char *protoname(int fd)
{
	static char buf[64];
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = getxattr(path, "system.sockprotoname", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static int tcp_listener(int family, const char *addr)
{
	int s = socket(family, SOCK_STREAM, 0);

	if (family == AF_INET) {
		struct sockaddr_in a = { .sin_family = AF_INET };

		inet_pton(AF_INET, addr, &a.sin_addr);
		bind(s, (struct sockaddr *)&a, sizeof(a));
	} else {
		struct sockaddr_in6 a = { .sin6_family = AF_INET6 };

		inet_pton(AF_INET6, addr, &a.sin6_addr);
		bind(s, (struct sockaddr *)&a, sizeof(a));
	}
	return s;
}

static int connect_to(int family, const char *addr, unsigned int p)
{
	int s = socket(family, SOCK_STREAM, 0);

	if (family == AF_INET) {
		struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(p) };

		inet_pton(AF_INET, addr, &a.sin_addr);
		connect(s, (struct sockaddr *)&a, sizeof(a));
	} else {
		struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons(p) };

		inet_pton(AF_INET6, addr, &a.sin6_addr);
		connect(s, (struct sockaddr *)&a, sizeof(a));
	}
	return s;
}

/* IPv6 on loopback (CI containers may run without it). */
static bool has_ipv6(void)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	int s = socket(AF_INET6, SOCK_DGRAM, 0);
	bool ok = s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a)) == 0;

	if (s >= 0)
		close(s);
	return ok;
}

static void test_tcp(void)
{
	int c, l, a;
	unsigned int lp, cp;

	c = socket(AF_INET, SOCK_STREAM, 0);
	UT_EXPECT("tcp4 unbound", info(c, 0), fmt("TCP:[%lu]", ino(c)));
	UT_EXPECT("tcp4 unbound, no fd", info_ino(c), "-ENOENT");
	l = tcp_listener(AF_INET, "127.0.0.1");
	lp = port(l, 0);
	listen(l, 4);
	UT_EXPECT("tcp4 listening", info(l, 0), fmt("TCP:[127.0.0.1:%u]", lp));
	close(c);
	c = connect_to(AF_INET, "127.0.0.1", lp);
	a = accept(l, NULL, NULL);
	cp = port(c, 0);
	UT_EXPECT("tcp4 connected", info(c, 0), fmt("TCP:[127.0.0.1:%u->127.0.0.1:%u]", cp, lp));
	UT_EXPECT("tcp4 accepted, no fd", info_ino(a),
		  fmt("TCP:[127.0.0.1:%u->127.0.0.1:%u]", lp, cp));
	UT_EXPECT("tcp4 accepted", info(a, 0), fmt("TCP:[127.0.0.1:%u->127.0.0.1:%u]", lp, cp));
	close(a);
	close(c);
	close(l);

	l = tcp_listener(AF_INET, "0.0.0.0");
	UT_EXPECT("tcp4 any", info(l, 0), fmt("TCP:[0.0.0.0:%u]", port(l, 0)));
	close(l);

	if (!has_ipv6()) {
		ut_skip("tcp6", "no IPv6 on loopback");
		return;
	}
	c = socket(AF_INET6, SOCK_STREAM, 0);
	UT_EXPECT("tcp6 unbound", info(c, 0), fmt("TCPv6:[%lu]", ino(c)));
	close(c);
	l = tcp_listener(AF_INET6, "::1");
	lp = port(l, 0);
	listen(l, 4);
	UT_EXPECT("tcp6 listening", info(l, 0), fmt("TCPv6:[[::1]:%u]", lp));
	c = connect_to(AF_INET6, "::1", lp);
	a = accept(l, NULL, NULL);
	cp = port(c, 0);
	UT_EXPECT("tcp6 connected", info(c, 0), fmt("TCPv6:[[::1]:%u->[::1]:%u]", cp, lp));
	UT_EXPECT("tcp6 accepted", info(a, 0), fmt("TCPv6:[[::1]:%u->[::1]:%u]", lp, cp));
	close(a);
	close(c);
	close(l);

	l = tcp_listener(AF_INET6, "::");
	lp = port(l, 0);
	listen(l, 4);
	UT_EXPECT("tcp6 any", info(l, 0), fmt("TCPv6:[[::]:%u]", lp));
	c = connect_to(AF_INET, "127.0.0.1", lp);
	a = accept(l, NULL, NULL);
	cp = port(c, 0);
	UT_EXPECT("tcp6 v4-mapped", info(a, 0),
		  fmt("TCPv6:[[::ffff:127.0.0.1]:%u->[::ffff:127.0.0.1]:%u]", lp, cp));
	close(a);
	close(c);
	close(l);
}

static void test_udp(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	int s, c;
	unsigned int sp;

	s = socket(AF_INET, SOCK_DGRAM, 0);
	UT_EXPECT("udp4 unbound", info(s, 0), fmt("UDP:[%lu]", ino(s)));
	bind(s, (struct sockaddr *)&a, sizeof(a));
	sp = port(s, 0);
	UT_EXPECT("udp4 bound", info(s, 0), fmt("UDP:[127.0.0.1:%u]", sp));
	a.sin_port = htons(sp);
	connect(s, (struct sockaddr *)&a, sizeof(a));
	/* strace 6.1 keeps what it found first for an inode */
	UT_EXPECT("udp4 connected after a look, cached", info(s, 0),
		  fmt("UDP:[127.0.0.1:%u]", sp));
	UT_EXPECT("udp4 connected after a look, NOCACHE", info(s, SOCKINFO_NOCACHE),
		  fmt("UDP:[127.0.0.1:%u->127.0.0.1:%u]", sp, sp));
	c = socket(AF_INET, SOCK_DGRAM, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	UT_EXPECT("udp4 connected", info(c, 0),
		  fmt("UDP:[127.0.0.1:%u->127.0.0.1:%u]", port(c, 0), sp));
	close(c);
	close(s);

	if (!has_ipv6()) {
		ut_skip("udp6", "no IPv6 on loopback");
		goto udplite;
	}
	s = socket(AF_INET6, SOCK_DGRAM, 0);
	UT_EXPECT("udp6 unbound", info(s, 0), fmt("UDPv6:[%lu]", ino(s)));
	bind(s, (struct sockaddr *)&a6, sizeof(a6));
	sp = port(s, 0);
	UT_EXPECT("udp6 bound", info(s, 0), fmt("UDPv6:[[::1]:%u]", sp));
	close(s);
	s = socket(AF_INET6, SOCK_DGRAM, 0);
	a6.sin6_port = htons(9);
	connect(s, (struct sockaddr *)&a6, sizeof(a6));
	UT_EXPECT("udp6 connected", info(s, 0), fmt("UDPv6:[[::1]:%u->[::1]:9]", port(s, 0)));
	close(s);

udplite:
	/* The kernel calls it "UDP-Lite", strace knows only "UDPLITE": it tries every protocol. */
	s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE);
	if (s < 0) {
		ut_skip("udplite", strerror(errno));
		return;
	}
	UT_EXPECT("udplite unbound", info(s, 0), "-ENOENT");
	a.sin_port = 0;
	bind(s, (struct sockaddr *)&a, sizeof(a));
	UT_EXPECT("udplite bound", info(s, 0), fmt("UDPLITE:[127.0.0.1:%u]", port(s, 0)));
	close(s);
}

static void test_unix(const char *dir)
{
	struct sockaddr_un u = { .sun_family = AF_UNIX };
	int p[2], l, c, a;
	static const struct {
		int type;
		const char *name;
	} pairs[] = {
		{ SOCK_STREAM, "unix stream pair" },
		{ SOCK_DGRAM, "unix dgram pair" },
		{ SOCK_SEQPACKET, "unix seqpacket pair" },
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		socketpair(AF_UNIX, pairs[i].type, 0, p);
		UT_EXPECT(pairs[i].name, info(p[0], 0),
			  fmt("%s:[%lu->%lu]", protoname(p[0]), ino(p[0]), ino(p[1])));
		/* without the fd the name comes from the type, as kernels >= 5.15 name them */
		UT_EXPECT(pairs[i].name, info_ino(p[1]),
			  fmt("%s:[%lu->%lu]", pairs[i].type == SOCK_STREAM ? "UNIX-STREAM" : "UNIX",
			      ino(p[1]), ino(p[0])));
		close(p[0]);
		close(p[1]);
	}

	c = socket(AF_UNIX, SOCK_STREAM, 0);
	UT_EXPECT("unix stream unbound", info(c, 0), fmt("%s:[%lu]", protoname(c), ino(c)));
	UT_EXPECT("unix stream unbound, no fd", info_ino(c), "-ENOENT");
	close(c);
	c = socket(AF_UNIX, SOCK_DGRAM, 0);
	UT_EXPECT("unix dgram unbound", info(c, 0), fmt("UNIX:[%lu]", ino(c)));
	close(c);

	snprintf(u.sun_path, sizeof(u.sun_path), "%s/s1", dir);
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(l, (struct sockaddr *)&u, sizeof(u));
	listen(l, 1);
	UT_EXPECT("unix stream path", info(l, 0),
		  fmt("%s:[%lu,\"%s\"]", protoname(l), ino(l), u.sun_path));
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&u, sizeof(u));
	/* the server side of the connection has no inode until accept() */
	UT_EXPECT("unix stream connected, not accepted", info(c, 0),
		  fmt("%s:[%lu]", protoname(c), ino(c)));
	a = accept(l, NULL, NULL);
	UT_EXPECT("unix stream accepted", info(a, 0),
		  fmt("%s:[%lu->%lu,\"%s\"]", protoname(a), ino(a), ino(c), u.sun_path));
	/* not found before: not cached, so the peer shows now */
	UT_EXPECT("unix stream connected, accepted", info(c, 0),
		  fmt("%s:[%lu->%lu]", protoname(c), ino(c), ino(a)));
	close(a);
	close(c);
	close(l);
	unlink(u.sun_path);

	snprintf(u.sun_path, sizeof(u.sun_path), "%s/d1", dir);
	l = socket(AF_UNIX, SOCK_DGRAM, 0);
	bind(l, (struct sockaddr *)&u, sizeof(u));
	UT_EXPECT("unix dgram path", info(l, 0), fmt("UNIX:[%lu,\"%s\"]", ino(l), u.sun_path));
	c = socket(AF_UNIX, SOCK_DGRAM, 0);
	connect(c, (struct sockaddr *)&u, sizeof(u));
	UT_EXPECT("unix dgram connected", info(c, 0), fmt("UNIX:[%lu->%lu]", ino(c), ino(l)));
	close(c);
	close(l);
	unlink(u.sun_path);

	/* abstract name, quoted as strace quotes strings (to its first NUL) */
	static const char abs1[] = "\0abs\"q\n";
	memset(u.sun_path, 0, sizeof(u.sun_path));
	memcpy(u.sun_path, abs1, sizeof(abs1) - 1);
	l = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	bind(l, (struct sockaddr *)&u, offsetof(struct sockaddr_un, sun_path) + sizeof(abs1) - 1);
	UT_EXPECT("unix abstract", info(l, 0), fmt("UNIX:[%lu,@\"abs\\\"q\\n\"]", ino(l)));
	close(l);

	static const char abs2[] = "\0ab<c>\303\251\0010\tz\0tail";
	memcpy(u.sun_path, abs2, sizeof(abs2) - 1);
	l = socket(AF_UNIX, SOCK_DGRAM, 0);
	bind(l, (struct sockaddr *)&u, offsetof(struct sockaddr_un, sun_path) + sizeof(abs2) - 1);
	UT_EXPECT("unix abstract octal", info(l, SOCKINFO_NOCACHE),
		  fmt("UNIX:[%lu,@\"ab<c>\\303\\251\\0010\\tz\"]", ino(l)));
	UT_EXPECT("unix abstract -x", info(l, 1 | SOCKINFO_NOCACHE),
		  fmt("UNIX:[%lu,@\"\\x61\\x62\\x3c\\x63\\x3e\\xc3\\xa9\\x01\\x30\\x09\\x7a\"]",
		      ino(l)));
	close(l);

	/* autobind: the kernel picks 5 hex digits */
	l = socket(AF_UNIX, SOCK_DGRAM, 0);
	bind(l, (struct sockaddr *)&u, sizeof(sa_family_t));
	{
		struct sockaddr_un b;
		socklen_t bl = sizeof(b);

		getsockname(l, (struct sockaddr *)&b, &bl);
		UT_EXPECT("unix autobind", info(l, 0),
			  fmt("UNIX:[%lu,@\"%.*s\"]", ino(l),
			      (int)(bl - offsetof(struct sockaddr_un, sun_path) - 1), b.sun_path + 1));
	}
	close(l);

	/* the longest abstract name: 107 bytes after the NUL */
	memset(u.sun_path, 'A', sizeof(u.sun_path));
	u.sun_path[0] = '\0';
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(l, (struct sockaddr *)&u, sizeof(u));
	UT_EXPECT("unix abstract longest", info(l, 0),
		  fmt("%s:[%lu,@\"%.107s\"]", protoname(l), ino(l), u.sun_path + 1));
	{
		char small[24];

		UT_EXPECT("short buffer", sockinfo_format(getpid(), ino(l), small, sizeof(small)) ==
					  -ENOSPC ? "ENOSPC" : small, "ENOSPC");
	}
	close(l);
}

static void test_netlink(void)
{
	static const struct {
		int proto, type;
		unsigned int portid;
		const char *name;
	} t[] = {
		{ NETLINK_ROUTE, SOCK_RAW, 0, "ROUTE" },
		{ NETLINK_GENERIC, SOCK_RAW, 0, "GENERIC" },
		{ NETLINK_AUDIT, SOCK_RAW, 0, "AUDIT" },
		{ NETLINK_SOCK_DIAG, SOCK_RAW, 12345, "SOCK_DIAG" },
		{ NETLINK_KOBJECT_UEVENT, SOCK_DGRAM, 0, "KOBJECT_UEVENT" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct sockaddr_nl n = { .nl_family = AF_NETLINK, .nl_pid = t[i].portid };
		socklen_t nl = sizeof(n);
		char name[64];
		int s = socket(AF_NETLINK, t[i].type, t[i].proto);

		snprintf(name, sizeof(name), "netlink %s", t[i].name);
		if (s < 0) {
			ut_skip(name, strerror(errno));
			continue;
		}
		if (i == 0)
			UT_EXPECT("netlink unbound", info(s, 0), fmt("NETLINK:[%lu]", ino(s)));
		if (bind(s, (struct sockaddr *)&n, sizeof(n))) {
			ut_skip(name, strerror(errno));
			close(s);
			continue;
		}
		getsockname(s, (struct sockaddr *)&n, &nl);
		UT_EXPECT(name, info(s, 0), fmt("NETLINK:[%s:%u]", t[i].name, n.nl_pid));
		close(s);
	}
}

static void test_other(void)
{
	int p[2], s;

	if (pipe(p) == 0) {
		UT_EXPECT("pipe, no fd", info_ino(p[0]), "-ENOENT");
		close(p[0]);
		close(p[1]);
	}
	s = socket(AF_PACKET, SOCK_DGRAM, 0);
	if (s < 0) {
		ut_skip("packet", strerror(errno));
		return;
	}
	UT_EXPECT("packet", info(s, 0), "-ENOENT");
	close(s);
}

/*
 * A child in a new network namespace listens on TCP; strace 6.1 asks in its own namespace and
 * prints TCP:[INODE]; SOCKINFO_NETNS finds the socket in the child's.
 */
static void test_netns(void)
{
	int pp[2], rp[2];
	pid_t pid;
	struct {
		int fd;
		unsigned long ino;
		unsigned int port;
		int err;
	} m = { 0 };

	if (pipe(pp) || pipe(rp))
		return;
	pid = fork();
	if (pid == 0) {
		char c;

		if (unshare(CLONE_NEWNET)) {
			m.err = errno;
		} else {
			struct ifreq ifr = { .ifr_name = "lo" };
			int s = socket(AF_INET, SOCK_DGRAM, 0);

			ioctl(s, SIOCGIFFLAGS, &ifr);
			ifr.ifr_flags |= IFF_UP;
			ioctl(s, SIOCSIFFLAGS, &ifr);
			close(s);
			m.fd = tcp_listener(AF_INET, "127.0.0.1");
			listen(m.fd, 1);
			m.ino = ino(m.fd);
			m.port = port(m.fd, 0);
		}
		if (write(pp[1], &m, sizeof(m)) != sizeof(m))
			_exit(1);
		if (read(rp[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	if (pid < 0 || read(pp[0], &m, sizeof(m)) != sizeof(m) || m.err) {
		ut_skip("netns", m.err ? strerror(m.err) : "fork failed");
	} else {
		UT_EXPECT("netns, strace's namespace", info_fd(pid, m.fd, m.ino, SOCKINFO_NOCACHE),
			  fmt("TCP:[%lu]", m.ino));
		UT_EXPECT("netns, SOCKINFO_NETNS", info_fd(pid, m.fd, m.ino, SOCKINFO_NETNS),
			  fmt("TCP:[127.0.0.1:%u]", m.port));
	}
	if (write(rp[1], "x", 1) < 0)
		perror("write");
	if (pid > 0)
		waitpid(pid, NULL, 0);
	close(pp[0]);
	close(pp[1]);
	close(rp[0]);
	close(rp[1]);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Lookup cost: printed as comments, never failed on (CI machines vary). */
static void bench(const char *what, int fd, unsigned int flags)
{
	unsigned long inode = ino(fd);
	int n = 2000;
	double t0 = now_us();

	for (int i = 0; i < n; i++)
		sockinfo_format_fd(getpid(), fd, inode, flags, got, sizeof(got));
	printf("# sockinfo %-40s %8.2f us/lookup  (%s)\n", what, (now_us() - t0) / n, got);
}

static void test_bench(void)
{
	int l = tcp_listener(AF_INET, "127.0.0.1"), p[2], c = socket(AF_INET, SOCK_STREAM, 0);

	listen(l, 1);
	socketpair(AF_UNIX, SOCK_STREAM, 0, p);
	bench("tcp listening, cached", l, 0);
	UT_EXPECT("bench tcp listening, cached", got, fmt("TCP:[127.0.0.1:%u]", port(l, 0)));
	bench("tcp listening, NOCACHE", l, SOCKINFO_NOCACHE);
	bench("tcp listening, NOCACHE|DUMP", l, SOCKINFO_NOCACHE | SOCKINFO_DUMP);
	bench("tcp unbound (miss, PROTO:[INODE])", c, 0);
	bench("tcp unbound (miss), DUMP", c, SOCKINFO_DUMP);
	{
		struct sockaddr_in a;
		socklen_t al = sizeof(a);
		int k = socket(AF_INET, SOCK_STREAM, 0), acc;

		getsockname(l, (struct sockaddr *)&a, &al);
		connect(k, (struct sockaddr *)&a, al);
		acc = accept(l, NULL, NULL);
		bench("tcp connected, NOCACHE", k, SOCKINFO_NOCACHE);
		close(acc);
		close(k);
	}
	{
		struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
		int u = socket(AF_INET, SOCK_DGRAM, 0);

		bind(u, (struct sockaddr *)&a, sizeof(a));
		bench("udp bound, NOCACHE", u, SOCKINFO_NOCACHE);
		bench("udp bound, NOCACHE|DUMP", u, SOCKINFO_NOCACHE | SOCKINFO_DUMP);
		close(u);
	}
	bench("unix pair, NOCACHE", p[0], SOCKINFO_NOCACHE);
	bench("tcp listening, NOCACHE|NETNS (same ns)", l, SOCKINFO_NOCACHE | SOCKINFO_NETNS);
	close(l);
	close(c);
	close(p[0]);
	close(p[1]);
}

/* Each case runs twice: with default flags, then with SOCKINFO_DUMP; both ways must agree. */
static void both_ways(void (*fn)(void))
{
	for (int pass = 0; pass < 2; pass++) {
		printf("# pass %d: %s\n", pass + 1, pass ? "SOCKINFO_DUMP" : "default flags");
		run_flags = pass ? SOCKINFO_DUMP : 0;
		sockinfo_reset();
		fn();
	}
	run_flags = 0;
	sockinfo_reset();
}

static char unix_dir[] = "/tmp/hytrace-sockinfo-XXXXXX";

static void test_unix_dir(void)
{
	test_unix(unix_dir);
}

UT_TEST(tcp) { both_ways(test_tcp); }
UT_TEST(udp) { both_ways(test_udp); }
UT_TEST(netlink) { both_ways(test_netlink); }
UT_TEST(other) { both_ways(test_other); }
UT_TEST(netns) { both_ways(test_netns); }

UT_TEST(unix)
{
	if (!mkdtemp(unix_dir)) {
		ut_fail("mkdtemp");
		printf("#  %s\n", strerror(errno));
		return;
	}
	both_ways(test_unix_dir);
	rmdir(unix_dir);
}

UT_TEST(bench)
{
	test_bench();
	sockinfo_reset();
}

static const struct ut_case cases[] = {
	UT_ENTRY(tcp), UT_ENTRY(udp), UT_ENTRY(unix), UT_ENTRY(netlink), UT_ENTRY(other),
	UT_ENTRY(netns), UT_ENTRY(bench),
	{ NULL }
};

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	return ut_main(argc, argv, cases);
}
