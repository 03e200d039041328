// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_net.c: socket decoders on hand-built events; expected lines are strace 6.1's output. */
#include <arpa/inet.h>
#include <sys/syscall.h>
#include "unit.h"

/* struct sockaddr_in for 127.0.0.1:port */
static void sin_lo(uint8_t *b, unsigned int port)
{
	uint16_t f = 2, p = htons(port);
	uint32_t a = htonl(0x7f000001);

	memset(b, 0, 16);
	memcpy(b, &f, 2);
	memcpy(b + 2, &p, 2);
	memcpy(b + 4, &a, 4);
}

static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* struct msghdr */
static void msghdr(uint8_t *m, uint64_t name, uint32_t namelen, uint64_t iov, uint64_t iovlen,
		   uint64_t control, uint64_t controllen, uint32_t flags)
{
	memset(m, 0, 56);
	put64(m, name);
	put32(m + 8, namelen);
	put64(m + 16, iov);
	put64(m + 24, iovlen);
	put64(m + 32, control);
	put64(m + 40, controllen);
	put32(m + 48, flags);
}

/* struct cmsghdr + data, returns the aligned size */
static size_t cmsg(uint8_t *p, uint64_t len, int level, int type, const void *data, size_t n)
{
	put64(p, len);
	memcpy(p + 8, &level, 4);
	memcpy(p + 12, &type, 4);
	memcpy(p + 16, data, n);
	return (len + 7) & ~7ull;
}

UT_CASE(socket)
{
	ut_begin(u, SYS_socket, 2, 1 | 02000000, 0, 0, 0, 0);
	UT_EXPECT("socket", ut_line(u, 3), "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3");
	ut_begin(u, SYS_socket, 2, 2 | 02000000 | 04000, 0, 0, 0, 0);
	UT_EXPECT("socket flags order", ut_line(u, 3),
		  "socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 3");
	ut_begin(u, SYS_socket, 2, 99, 0, 0, 0, 0);
	UT_EXPECT("socket bad type", ut_line(u, -22),
		  "socket(AF_INET, SOCK_RAW|0x60 /* SOCK_??? */, IPPROTO_IP) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_socket, 12345, 2, 0, 0, 0, 0);
	UT_EXPECT("socket bad family", ut_line(u, -97),
		  "socket(0x3039 /* AF_??? */, SOCK_DGRAM, 0) = -1 EAFNOSUPPORT (Address family not supported by protocol)");
	ut_begin(u, SYS_socket, 10, 2, 17, 0, 0, 0);
	UT_EXPECT("socket inet6 udp", ut_line(u, 8), "socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP) = 8");
	ut_begin(u, SYS_socket, 1, 1, 0, 0, 0, 0);
	UT_EXPECT("socket unix", ut_line(u, 3), "socket(AF_UNIX, SOCK_STREAM, 0)         = 3");
	ut_begin(u, SYS_socket, 16, 3 | 04000, 15, 0, 0, 0);
	UT_EXPECT("socket netlink", ut_line(u, 5),
		  "socket(AF_NETLINK, SOCK_RAW|SOCK_NONBLOCK, NETLINK_KOBJECT_UEVENT) = 5");
	ut_begin(u, SYS_socket, 17, 3, htons(3), 0, 0, 0);
	UT_EXPECT("socket packet", ut_line(u, 6), "socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)) = 6");

	int sv[2] = { 3, 4 };

	ut_begin(u, SYS_socketpair, 1, 1, 0, 0x7ffc1000, 0, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, sv, 8, 0);
	UT_EXPECT("socketpair", ut_line(u, 0), "socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0");
	UT_EXPECT("socketpair entry", ut_enter(u), "socketpair(AF_UNIX, SOCK_STREAM, 0, ");
	ut_begin(u, SYS_socketpair, 2, 1, 0, 0x7fff7f1db688, 0, 0);
	UT_EXPECT("socketpair fail", ut_line(u, -95),
		  "socketpair(AF_INET, SOCK_STREAM, 0, 0x7fff7f1db688) = -1 EOPNOTSUPP (Operation not supported)");

	ut_begin(u, SYS_listen, 3, 5, 0, 0, 0, 0);
	UT_EXPECT("listen", ut_line(u, 0), "listen(3, 5)                            = 0");
	ut_begin(u, SYS_shutdown, 4, 2, 0, 0, 0, 0);
	UT_EXPECT("shutdown", ut_line(u, 0), "shutdown(4, SHUT_RDWR)                  = 0");
	ut_begin(u, SYS_shutdown, 4, 7, 0, 0, 0, 0);
	UT_EXPECT("shutdown bad", ut_line(u, -22),
		  "shutdown(4, 0x7 /* SHUT_??? */)         = -1 EINVAL (Invalid argument)");
}

UT_CASE(sockaddr)
{
	uint8_t b[128];

	sin_lo(b, 40123);
	ut_begin(u, SYS_bind, 3, 0x1000, 16, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 16, 0);
	UT_EXPECT("bind inet", ut_line(u, 0),
		  "bind(3, {sa_family=AF_INET, sin_port=htons(40123), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0");
	ut_begin(u, SYS_connect, 99, 0x1000, 16, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 16, 0);
	UT_EXPECT("connect ebadf", ut_line(u, -9),
		  "connect(99, {sa_family=AF_INET, sin_port=htons(40123), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 EBADF (Bad file descriptor)");
	u->o.xflag = 2;
	UT_EXPECT("bind inet -xx", ut_line(u, -9),
		  "connect(99, {sa_family=AF_INET, sin_port=htons(40123), sin_addr=inet_addr(\"\\x31\\x32\\x37\\x2e\\x30\\x2e\\x30\\x2e\\x31\")}, 16) = -1 EBADF (Bad file descriptor)");
	u->o.xflag = 0;

	/* short sockaddr_in: raw bytes */
	sin_lo(b, 1);
	ut_begin(u, SYS_connect, 99, 0x1000, 8, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 8, 0);
	UT_EXPECT("connect short inet", ut_line(u, -9),
		  "connect(99, {sa_family=AF_INET, sa_data=\"\\0\\1\\177\\0\\0\\1\"}, 8) = -1 EBADF (Bad file descriptor)");
	ut_begin(u, SYS_connect, 99, 0x1000, 2, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 2, 0);
	UT_EXPECT("connect family only", ut_line(u, -9),
		  "connect(99, {sa_family=AF_INET}, 2)     = -1 EBADF (Bad file descriptor)");
	ut_begin(u, SYS_connect, 99, 0x7fff7f1db660, 1, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 1, 0);
	UT_EXPECT("connect len 1", ut_line(u, -9),
		  "connect(99, 0x7fff7f1db660, 1)          = -1 EBADF (Bad file descriptor)");
	ut_begin(u, SYS_connect, 99, 0, 0, 0, 0, 0);
	UT_EXPECT("connect NULL", ut_line(u, -9),
		  "connect(99, NULL, 0)                    = -1 EBADF (Bad file descriptor)");
	ut_begin(u, SYS_connect, 99, 8, 16, 0, 0, 0);
	ut_blob_err(u, 1, HY_AT_ENTER, 14);
	UT_EXPECT("connect efault", ut_line(u, -9),
		  "connect(99, 0x8, 16)                    = -1 EBADF (Bad file descriptor)");

	/* AF_UNSPEC: sa_data */
	memset(b, 0, sizeof(b));
	memcpy(b + 2, "abc", 3);
	ut_begin(u, SYS_connect, 99, 0x1000, 16, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 16, 0);
	UT_EXPECT("connect unspec", ut_line(u, -9),
		  "connect(99, {sa_family=AF_UNSPEC, sa_data=\"abc\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}, 16) = -1 EBADF (Bad file descriptor)");
	u->o.xflag = 1;
	UT_EXPECT("connect unspec -x", ut_line(u, -9),
		  "connect(99, {sa_family=AF_UNSPEC, sa_data=\"\\x61\\x62\\x63\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"}, 16) = -1 EBADF (Bad file descriptor)");
	u->o.xflag = 0;

	/* AF_UNIX: path, abstract, path with a NUL */
	memset(b, 0, sizeof(b));
	b[0] = 1;
	strcpy((char *)b + 2, "/tmp/nt/sock");
	ut_begin(u, SYS_bind, 3, 0x1000, 110, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 110, 0);
	UT_EXPECT("bind unix", ut_line(u, 0),
		  "bind(3, {sa_family=AF_UNIX, sun_path=\"/tmp/nt/sock\"}, 110) = 0");
	memset(b + 2, 0, 108);
	strcpy((char *)b + 3, "abstract");
	ut_begin(u, SYS_bind, 3, 0x1000, 11, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 11, 0);
	UT_EXPECT("bind unix abstract", ut_line(u, 0),
		  "bind(3, {sa_family=AF_UNIX, sun_path=@\"abstract\"}, 11) = 0");
	memcpy(b + 2, "a\0b\"\n", 5);
	ut_begin(u, SYS_connect, 99, 0x1000, 7, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 7, 0);
	UT_EXPECT("connect unix nul", ut_line(u, -9),
		  "connect(99, {sa_family=AF_UNIX, sun_path=\"a\"}, 7) = -1 EBADF (Bad file descriptor)");

	/* AF_INET6 */
	memset(b, 0, sizeof(b));
	b[0] = 10;
	b[2] = 40124 >> 8;
	b[3] = 40124 & 0xff;
	b[23] = 1;
	ut_begin(u, SYS_bind, 3, 0x1000, 28, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 28, 0);
	UT_EXPECT("bind inet6", ut_line(u, 0),
		  "bind(3, {sa_family=AF_INET6, sin6_port=htons(40124), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0");
	b[2] = 0;
	b[3] = 1;
	b[7] = 5;
	b[8] = 0xfe;
	b[9] = 0x80;
	b[24] = 77;
	ut_begin(u, SYS_connect, 99, 0x1000, 28, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 28, 0);
	UT_EXPECT("connect inet6 scope", ut_line(u, -9),
		  "connect(99, {sa_family=AF_INET6, sin6_port=htons(1), sin6_flowinfo=htonl(5), inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), sin6_scope_id=77}, 28) = -1 EBADF (Bad file descriptor)");
	ut_begin(u, SYS_connect, 99, 0x1000, 24, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 24, 0);
	UT_EXPECT("connect inet6 no scope", ut_line(u, -9),
		  "connect(99, {sa_family=AF_INET6, sin6_port=htons(1), sin6_flowinfo=htonl(5), inet_pton(AF_INET6, \"fe80::1\", &sin6_addr)}, 24) = -1 EBADF (Bad file descriptor)");

	/* AF_NETLINK */
	memset(b, 0, sizeof(b));
	b[0] = 16;
	ut_begin(u, SYS_bind, 5, 0x1000, 12, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 12, 0);
	UT_EXPECT("bind netlink", ut_line(u, 0),
		  "bind(5, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 0");
	b[2] = 3;
	put32(b + 4, 1234);
	put32(b + 8, 0x11);
	ut_begin(u, SYS_connect, 99, 0x1000, 12, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 12, 0);
	UT_EXPECT("connect netlink pad", ut_line(u, -9),
		  "connect(99, {sa_family=AF_NETLINK, nl_pad=0x3, nl_pid=1234, nl_groups=0x000011}, 12) = -1 EBADF (Bad file descriptor)");

	/* AF_PACKET (ifindex 999 is unknown to the host) */
	memset(b, 0, sizeof(b));
	b[0] = 17;
	b[2] = 0x08;
	put32(b + 4, 999);
	b[8] = 1;
	b[10] = 3;
	b[11] = 6;
	memcpy(b + 12, "\1\2\3\4\5\6", 6);
	ut_begin(u, SYS_connect, 5, 0x1000, 20, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, b, 20, 0);
	UT_EXPECT("connect packet", ut_line(u, -95),
		  "connect(5, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_IP), sll_ifindex=999, sll_hatype=ARPHRD_ETHER, sll_pkttype=PACKET_OTHERHOST, sll_halen=6, sll_addr=[0x1, 0x2, 0x3, 0x4, 0x5, 0x6]}, 20) = -1 EOPNOTSUPP (Operation not supported)");
}

UT_CASE(accept)
{
	uint8_t b[16];
	int ulen = 128, rlen = 16, zero = 0;

	sin_lo(b, 34808);
	ut_begin(u, SYS_accept, 3, 0x1000, 0x2000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, &ulen, 4, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, b, 16, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, &rlen, 4, 0);
	UT_EXPECT("accept", ut_line(u, 5),
		  "accept(3, {sa_family=AF_INET, sin_port=htons(34808), sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16]) = 5");
	UT_EXPECT("accept entry", ut_enter(u), "accept(3, ");

	ut_begin(u, SYS_accept, 99, 0, 0, 0, 0, 0);
	UT_EXPECT("accept NULL", ut_line(u, -9),
		  "accept(99, NULL, NULL)                  = -1 EBADF (Bad file descriptor)");
	ut_begin(u, SYS_accept4, 99, 0x7fff7f1db790, 0x2000, 04000, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, &zero, 4, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, &zero, 4, 0);
	UT_EXPECT("accept4 fail", ut_line(u, -9),
		  "accept4(99, 0x7fff7f1db790, [0], SOCK_NONBLOCK) = -1 EBADF (Bad file descriptor)");
	ut_begin(u, SYS_accept4, 5, 0, 0, 0x1234, 0, 0);
	UT_EXPECT("accept4 bad flags", ut_line(u, -22),
		  "accept4(5, NULL, NULL, 0x1234 /* SOCK_??? */) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_accept4, 5, 0, 0, 02000000 | 04000, 0, 0);
	UT_EXPECT("accept4 flags", ut_line(u, -22),
		  "accept4(5, NULL, NULL, SOCK_CLOEXEC|SOCK_NONBLOCK) = -1 EINVAL (Invalid argument)");

	sin_lo(b, 40123);
	ut_begin(u, SYS_getsockname, 3, 0x1000, 0x2000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, &rlen, 4, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, b, 16, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, &rlen, 4, 0);
	UT_EXPECT("getsockname", ut_line(u, 0),
		  "getsockname(3, {sa_family=AF_INET, sin_port=htons(40123), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0");

	int four = 4;

	b[2] = 0255;
	b[3] = 'v';
	ut_begin(u, SYS_getsockname, 5, 0x1000, 0x2000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, &four, 4, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, b, 16, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, &rlen, 4, 0);
	UT_EXPECT("getsockname short", ut_line(u, 0),
		  "getsockname(5, {sa_family=AF_INET, sa_data=\"\\255v\"}, [4 => 16]) = 0");
	ut_begin(u, SYS_getsockname, 5, 0x7ffedb557bc0, 0x2000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, &zero, 4, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, b, 16, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, &rlen, 4, 0);
	UT_EXPECT("getsockname zero len", ut_line(u, 0),
		  "getsockname(5, 0x7ffedb557bc0, [0 => 16]) = 0");
	ut_begin(u, SYS_getsockname, 5, 0x7ffedb557bc0, 0x8, 0, 0, 0);
	ut_blob_err(u, 2, HY_AT_ENTER, 14);
	UT_EXPECT("getsockname efault", ut_line(u, -14),
		  "getsockname(5, 0x7ffedb557bc0, 0x8)     = -1 EFAULT (Bad address)");

	int twenty = 20;

	ut_begin(u, SYS_getpeername, 5, 0x7ffedb557bc0, 0x2000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, &twenty, 4, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, &twenty, 4, 0);
	UT_EXPECT("getpeername fail", ut_line(u, -107),
		  "getpeername(5, 0x7ffedb557bc0, [20])    = -1 ENOTCONN (Transport endpoint is not connected)");
}

UT_CASE(sendrecv)
{
	static const char msg[] = "hello world, this is a long message for strsize testing";
	int ulen = 128, rlen = 0;

	ut_begin(u, SYS_sendto, 4, 0x1000, 5, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, "hello", 5, 0);
	UT_EXPECT("sendto", ut_line(u, 5), "sendto(4, \"hello\", 5, 0, NULL, 0)       = 5");
	ut_begin(u, SYS_sendto, 4, 0x1000, 55, 0x4000, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, msg, 32, 0);
	UT_EXPECT("sendto long", ut_line(u, 55),
		  "sendto(4, \"hello world, this is a long mess\"..., 55, MSG_NOSIGNAL, NULL, 0) = 55");
	u->o.strsize = 4;
	u->o.xflag = 1;
	UT_EXPECT("sendto -s4 -x", ut_line(u, 55),
		  "sendto(4, \"hell\"..., 55, MSG_NOSIGNAL, NULL, 0) = 55");
	u->o.strsize = 32;
	u->o.xflag = 0;

	ut_begin(u, SYS_recvfrom, 5, 0x1000, 64, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, "hello", 5, 0);
	UT_EXPECT("recvfrom", ut_line(u, 5), "recvfrom(5, \"hello\", 64, 0, NULL, NULL) = 5");
	UT_EXPECT("recvfrom entry", ut_enter(u), "recvfrom(5, ");
	ut_begin(u, SYS_recvfrom, 5, 0x1000, 64, 0x40, 0x7fff7f1db790, 0x2000);
	ut_blob(u, 1, HY_AT_EXIT, 0, msg, 32, 0);
	ut_blob(u, 5, HY_AT_ENTER, 0, &ulen, 4, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, "", 0, 0);
	ut_blob(u, 5, HY_AT_EXIT, 0, &rlen, 4, 0);
	UT_EXPECT("recvfrom no addr", ut_line(u, 55),
		  "recvfrom(5, \"hello world, this is a long mess\"..., 64, MSG_DONTWAIT, 0x7fff7f1db790, [128 => 0]) = 55");

	uint8_t b[28] = { 10, 0, 40124 >> 8, 40124 & 0xff };

	b[23] = 1;
	rlen = 28;
	ut_begin(u, SYS_recvfrom, 3, 0x1000, 64, 0, 0x3000, 0x2000);
	ut_blob(u, 1, HY_AT_EXIT, 0, "x", 1, 0);
	ut_blob(u, 5, HY_AT_ENTER, 0, &ulen, 4, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, b, 28, 0);
	ut_blob(u, 5, HY_AT_EXIT, 0, &rlen, 4, 0);
	UT_EXPECT("recvfrom inet6", ut_line(u, 1),
		  "recvfrom(3, \"x\", 64, 0, {sa_family=AF_INET6, sin6_port=htons(40124), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, [128 => 28]) = 1");
	ut_begin(u, SYS_recvfrom, 5, 0x7ffedb557bc0, 10, 0, 0x3000, 0x2000);
	ut_blob(u, 5, HY_AT_ENTER, 0, &ulen, 4, 0);
	ut_blob(u, 5, HY_AT_EXIT, 0, &ulen, 4, 0);
	UT_EXPECT("recvfrom fail", ut_line(u, -11),
		  "recvfrom(5, 0x7ffedb557bc0, 10, 0, 0x3000, [128]) = -1 EAGAIN (Resource temporarily unavailable)");
}

UT_CASE(msg)
{
	uint8_t m[56], iov[32], ctl[64];
	int fd0 = 0, namelen = 0;

	/* sendmsg with SCM_RIGHTS */
	msghdr(m, 0, 0, 0x3000, 2, 0x4000, 24, 0);
	put64(iov, 0x5000);
	put64(iov + 8, 5);
	put64(iov + 16, 0x6000);
	put64(iov + 24, 5);
	memset(ctl, 0, sizeof(ctl));
	cmsg(ctl, 20, 1, 1, &fd0, 4);
	ut_begin(u, SYS_sendmsg, 3, 0x2000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, m, 56, 0);
	ut_blob(u, 1, HY_AT_ENTER, 2, ctl, 24, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_ENTER, 3, iov, 32, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_ENTER, 4, "hello", 5, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_ENTER, 5, "world", 5, HY_BF_CHILD);
	UT_EXPECT("sendmsg rights", ut_line(u, 10),
		  "sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hello\", iov_len=5}, {iov_base=\"world\", iov_len=5}], msg_iovlen=2, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[0]}], msg_controllen=24, msg_flags=0}, 0) = 10");
	u->o.strsize = 3;
	UT_EXPECT("sendmsg -s3", ut_line(u, 10),
		  "sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hel\"..., iov_len=5}, {iov_base=\"wor\"..., iov_len=5}], msg_iovlen=2, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[0]}], msg_controllen=24, msg_flags=0}, 0) = 10");
	u->o.strsize = 32;

	ut_begin(u, SYS_sendmsg, 3, 0x8, 0, 0, 0, 0);
	ut_blob_err(u, 1, HY_AT_ENTER, 14);
	UT_EXPECT("sendmsg efault", ut_line(u, -14),
		  "sendmsg(3, 0x8, 0)                      = -1 EFAULT (Bad address)");

	/* short control: the address */
	msghdr(m, 0, 0, 0x3000, 1, 0x7fffa5ab58f0, 8, 0);
	put64(iov + 8, 2);
	ut_begin(u, SYS_sendmsg, 3, 0x2000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, m, 56, 0);
	ut_blob(u, 1, HY_AT_ENTER, 2, ctl, 8, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_ENTER, 3, iov, 16, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_ENTER, 4, "ab", 2, HY_BF_CHILD);
	UT_EXPECT("sendmsg short control", ut_line(u, 2),
		  "sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", iov_len=2}], msg_iovlen=1, msg_control=0x7fffa5ab58f0, msg_controllen=8, msg_flags=0}, 0) = 2");

	/* control with trailing garbage: "..." and the address of the rest */
	int one = 1;

	memset(ctl, 0, sizeof(ctl));
	cmsg(ctl, 20, 1, 1, &one, 4);
	msghdr(m, 0, 0, 0x3000, 1, 0x7fffa5ab58f0, 44, 0);
	ut_begin(u, SYS_sendmsg, 3, 0x2000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, m, 56, 0);
	ut_blob(u, 1, HY_AT_ENTER, 2, ctl, 44, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_ENTER, 3, iov, 16, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_ENTER, 4, "ab", 2, HY_BF_CHILD);
	UT_EXPECT("sendmsg control rest", ut_line(u, -22),
		  "sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", iov_len=2}], msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[1]}, {cmsg_len=0, cmsg_level=SOL_IP, cmsg_type=0 /* IP_??? */}, ... /* 0x7fffa5ab5918 */], msg_controllen=44, msg_flags=0}, 0) = -1 EINVAL (Invalid argument)");

	/* recvmsg: credentials then rights, a short read into one iovec */
	struct { int32_t pid; uint32_t uid, gid; } cr = { 24001, 0, 0 };
	int fd5 = 5;
	size_t off;

	memset(ctl, 0, sizeof(ctl));
	off = cmsg(ctl, 28, 1, 2, &cr, 12);
	cmsg(ctl + off, 20, 1, 1, &fd5, 4);
	msghdr(m, 0, 0, 0x3000, 1, 0x4000, 256, 0);
	put64(iov, 0x5000);
	put64(iov + 8, 64);
	ut_begin(u, SYS_recvmsg, 4, 0x2000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, m, 56, 0);
	msghdr(m, 0, 0, 0x3000, 1, 0x4000, 56, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, m, 56, 0);
	ut_blob(u, 1, HY_AT_EXIT, 2, ctl, 56, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_EXIT, 3, iov, 16, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_EXIT, 4, "helloworld", 10, HY_BF_CHILD);
	UT_EXPECT("recvmsg creds rights", ut_line(u, 10),
		  "recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"helloworld\", iov_len=64}], msg_iovlen=1, msg_control=[{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=24001, uid=0, gid=0}}, {cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], msg_controllen=56, msg_flags=0}, 0) = 10");
	UT_EXPECT("recvmsg entry", ut_enter(u), "recvmsg(4, ");

	ut_begin(u, SYS_recvmsg, 4, 0x2000, 0x40, 0, 0, 0);
	msghdr(m, 0, namelen, 0x3000, 1, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, m, 56, 0);
	UT_EXPECT("recvmsg fail", ut_line(u, -11),
		  "recvmsg(4, {msg_namelen=0}, MSG_DONTWAIT) = -1 EAGAIN (Resource temporarily unavailable)");

	/* recvmsg: two iovecs, data shorter than the first */
	uint8_t iov2[32];

	put64(iov2, 0x5000);
	put64(iov2 + 8, 4);
	put64(iov2 + 16, 0x6000);
	put64(iov2 + 24, 4);
	ut_begin(u, SYS_recvmsg, 4, 0x2000, 0, 0, 0, 0);
	msghdr(m, 0, 0, 0x3000, 2, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, m, 56, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, m, 56, 0);
	ut_blob(u, 1, HY_AT_EXIT, 3, iov2, 32, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_EXIT, 4, "ab", 2, HY_BF_CHILD);
	UT_EXPECT("recvmsg short", ut_line(u, 2),
		  "recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", iov_len=4}, {iov_base=\"\", iov_len=4}], msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = 2");

	/* recvmsg with a name, a timestamp and IP_PKTINFO */
	uint8_t name[16], ts[16], pi[12] = { 0 };

	sin_lo(name, 40125);
	put64(ts, 1795293281);
	put64(ts + 8, 974507);
	pi[8] = 127;
	pi[11] = 1;
	memset(ctl, 0, sizeof(ctl));
	off = cmsg(ctl, 32, 1, 29, ts, 16);
	cmsg(ctl + off, 28, 0, 8, pi, 12);
	put64(iov + 8, 64);
	ut_begin(u, SYS_recvmsg, 6, 0x2000, 0, 0, 0, 0);
	msghdr(m, 0x7000, 128, 0x3000, 1, 0x4000, 256, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, m, 56, 0);
	msghdr(m, 0x7000, 16, 0x3000, 1, 0x4000, 64, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, m, 56, 0);
	ut_blob(u, 1, HY_AT_EXIT, 1, name, 16, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_EXIT, 2, ctl, 64, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_EXIT, 3, iov, 16, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_EXIT, 4, "hello", 5, HY_BF_CHILD);
	UT_EXPECT("recvmsg name pktinfo", ut_line(u, 5),
		  "recvmsg(6, {msg_name={sa_family=AF_INET, sin_port=htons(40125), sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=128 => 16, msg_iov=[{iov_base=\"hello\", iov_len=64}], msg_iovlen=1, msg_control=[{cmsg_len=32, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMP_OLD, cmsg_data={tv_sec=1795293281, tv_usec=974507}}, {cmsg_len=28, cmsg_level=SOL_IP, cmsg_type=IP_PKTINFO, cmsg_data={ipi_ifindex=0, ipi_spec_dst=inet_addr(\"0.0.0.0\"), ipi_addr=inet_addr(\"127.0.0.1\")}}], msg_controllen=64, msg_flags=0}, 0) = 5");

	/* sendmmsg/recvmmsg: the parts not captured print as addresses (KNOWN-DIFFERENCES) */
	ut_begin(u, SYS_recvmmsg, 6, 0x7ffc0000, 2, 0x40, 0, 0);
	UT_EXPECT("recvmmsg fail", ut_line(u, -11),
		  "recvmmsg(6, 0x7ffc0000, 2, MSG_DONTWAIT, NULL) = -1 EAGAIN (Resource temporarily unavailable)");
	UT_EXPECT("recvmmsg entry", ut_enter(u), "recvmmsg(6, ");
}

UT_CASE(sockopt)
{
	int one = 1, four = 4, v;

	ut_begin(u, SYS_setsockopt, 3, 1, 2, 0x1000, 4, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, &one, 4, 0);
	UT_EXPECT("setsockopt reuseaddr", ut_line(u, 0),
		  "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0");
	int lg[2] = { 1, 5 };

	ut_begin(u, SYS_setsockopt, 4, 1, 13, 0x1000, 8, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, lg, 8, 0);
	UT_EXPECT("setsockopt linger", ut_line(u, 0),
		  "setsockopt(4, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0");
	ut_begin(u, SYS_setsockopt, 5, 1, 13, 0x7ffedb557bec, 4, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, lg, 4, 0);
	UT_EXPECT("setsockopt linger short", ut_line(u, -22),
		  "setsockopt(5, SOL_SOCKET, SO_LINGER, 0x7ffedb557bec, 4) = -1 EINVAL (Invalid argument)");
	uint64_t tv[2] = { 3, 500 };

	ut_begin(u, SYS_setsockopt, 4, 1, 20, 0x1000, 16, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, tv, 16, 0);
	UT_EXPECT("setsockopt rcvtimeo", ut_line(u, 0),
		  "setsockopt(4, SOL_SOCKET, SO_RCVTIMEO_OLD, \"\\3\\0\\0\\0\\0\\0\\0\\0\\364\\1\\0\\0\\0\\0\\0\\0\", 16) = 0");
	ut_begin(u, SYS_setsockopt, 4, 1, 25, 0x1000, 3, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, "lo", 3, 0);
	UT_EXPECT("setsockopt bindtodevice", ut_line(u, 0),
		  "setsockopt(4, SOL_SOCKET, SO_BINDTODEVICE, \"lo\\0\", 3) = 0");
	ut_begin(u, SYS_setsockopt, 4, 999, 5, 0x1000, 4, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, &one, 4, 0);
	UT_EXPECT("setsockopt bad level", ut_line(u, -92),
		  "setsockopt(4, 0x3e7 /* SOL_?? */, 5, [1], 4) = -1 ENOPROTOOPT (Protocol not available)");
	ut_begin(u, SYS_setsockopt, 4, 1, 999, 0x1000, 4, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, &one, 4, 0);
	UT_EXPECT("setsockopt bad name", ut_line(u, -92),
		  "setsockopt(4, SOL_SOCKET, 0x3e7 /* SO_??? */, [1], 4) = -1 ENOPROTOOPT (Protocol not available)");
	ut_begin(u, SYS_setsockopt, 4, 1, 2, 8, 4, 0);
	ut_blob_err(u, 3, HY_AT_ENTER, 14);
	UT_EXPECT("setsockopt efault", ut_line(u, -14),
		  "setsockopt(4, SOL_SOCKET, SO_REUSEADDR, 0x8, 4) = -1 EFAULT (Bad address)");
	ut_begin(u, SYS_setsockopt, 5, 1, 8, 0, 4, 0);
	UT_EXPECT("setsockopt NULL", ut_line(u, -14),
		  "setsockopt(5, SOL_SOCKET, SO_RCVBUF, NULL, 4) = -1 EFAULT (Bad address)");
	long long big = 131072;

	ut_begin(u, SYS_setsockopt, 3, 1, 9, 0x1000, 8, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, &big, 8, 0);
	UT_EXPECT("setsockopt int-like len 8", ut_line(u, 0),
		  "setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [131072], 8) = 0");
	ut_begin(u, SYS_setsockopt, 5, 6, 13, 0x1000, 5, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, "cubic", 5, 0);
	UT_EXPECT("setsockopt congestion", ut_line(u, 0),
		  "setsockopt(5, SOL_TCP, TCP_CONGESTION, \"cubic\", 5) = 0");
	ut_begin(u, SYS_setsockopt, 5, 17, 1, 0x1000, 4, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, &four, 4, 0);
	UT_EXPECT("setsockopt udp", ut_line(u, -92),
		  "setsockopt(5, SOL_UDP, UDP_CORK, [4], 4) = -1 ENOPROTOOPT (Protocol not available)");
	ut_begin(u, SYS_setsockopt, 5, 0, 64, 0x1000, 4, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, &four, 4, 0);
	UT_EXPECT("setsockopt ipt", ut_line(u, -22),
		  "setsockopt(5, SOL_IP, IPT_SO_SET_REPLACE, [4], 4) = -1 EINVAL (Invalid argument)");
	uint8_t mr[8] = { 224, 0, 0, 251, 0, 0, 0, 0 };

	ut_begin(u, SYS_setsockopt, 3, 0, 35, 0x1000, 8, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, mr, 8, 0);
	UT_EXPECT("setsockopt membership", ut_line(u, 0),
		  "setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr(\"224.0.0.251\"), imr_interface=inet_addr(\"0.0.0.0\")}, 8) = 0");
	ut_begin(u, SYS_setsockopt, 3, 0, 33, 0x1000, 1, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, "\5", 1, 0);
	UT_EXPECT("setsockopt mcast ttl", ut_line(u, 0),
		  "setsockopt(3, SOL_IP, IP_MULTICAST_TTL, \"\\5\", 1) = 0");
	ut_begin(u, SYS_setsockopt, 3, 41, 26, 0x1000, 4, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, &one, 4, 0);
	UT_EXPECT("setsockopt v6only", ut_line(u, 0),
		  "setsockopt(3, SOL_IPV6, IPV6_V6ONLY, [1], 4) = 0");
	big = 131072;
	ut_begin(u, SYS_setsockopt, 3, 1, 74, 0x1000, 4, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, &big, 4, 0);
	UT_EXPECT("setsockopt txrehash", ut_line(u, -22),
		  "setsockopt(3, SOL_SOCKET, SO_TXREHASH, [131072 /* SOCK_TXREHASH_??? */], 4) = -1 EINVAL (Invalid argument)");

	/* getsockopt */
	ut_begin(u, SYS_getsockopt, 4, 1, 3, 0x1000, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &four, 4, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, &one, 4, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &four, 4, 0);
	UT_EXPECT("getsockopt type", ut_line(u, 0), "getsockopt(4, SOL_SOCKET, SO_TYPE, [1], [4]) = 0");
	UT_EXPECT("getsockopt entry", ut_enter(u), "getsockopt(4, SOL_SOCKET, SO_TYPE, ");
	v = 111;
	ut_begin(u, SYS_getsockopt, 5, 1, 4, 0x1000, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &four, 4, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, &v, 4, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &four, 4, 0);
	UT_EXPECT("getsockopt so_error", ut_line(u, 0),
		  "getsockopt(5, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0");
	ut_begin(u, SYS_getsockopt, 5, 1, 4, 0, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &four, 4, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &four, 4, 0);
	UT_EXPECT("getsockopt NULL", ut_line(u, -14),
		  "getsockopt(5, SOL_SOCKET, SO_ERROR, NULL, [4]) = -1 EFAULT (Bad address)");
	ut_begin(u, SYS_getsockopt, 5, 1, 4, 0x7ffedb557bec, 0, 0);
	UT_EXPECT("getsockopt NULL len", ut_line(u, -14),
		  "getsockopt(5, SOL_SOCKET, SO_ERROR, 0x7ffedb557bec, NULL) = -1 EFAULT (Bad address)");
	int hundred = 100, sixteen = 16, two = 2;

	ut_begin(u, SYS_getsockopt, 5, 6, 13, 0x1000, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &hundred, 4, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, "bbr\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &sixteen, 4, 0);
	UT_EXPECT("getsockopt congestion", ut_line(u, 0),
		  "getsockopt(5, SOL_TCP, TCP_CONGESTION, \"bbr\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\", [100 => 16]) = 0");
	ut_begin(u, SYS_getsockopt, 3, 1, 2, 0x1000, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &two, 4, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, "\0\0", 2, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &two, 4, 0);
	UT_EXPECT("getsockopt int-like short", ut_line(u, 0),
		  "getsockopt(3, SOL_SOCKET, SO_REUSEADDR, \"\\x00\\x00\", [2]) = 0");
	struct { int32_t pid; uint32_t uid, gid; } cr = { 0, 0xffffffff, 0 };
	int eight = 8, twelve = 12;

	ut_begin(u, SYS_getsockopt, 5, 1, 17, 0x1000, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &eight, 4, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, &cr, 8, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &eight, 4, 0);
	UT_EXPECT("getsockopt peercred short", ut_line(u, 0),
		  "getsockopt(5, SOL_SOCKET, SO_PEERCRED, {pid=0, uid=-1}, [8]) = 0");
	cr.pid = 7919;
	cr.uid = 0;
	ut_begin(u, SYS_getsockopt, 3, 1, 17, 0x1000, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &twelve, 4, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, &cr, 12, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &twelve, 4, 0);
	UT_EXPECT("getsockopt peercred", ut_line(u, 0),
		  "getsockopt(3, SOL_SOCKET, SO_PEERCRED, {pid=7919, uid=0, gid=0}, [12]) = 0");
	ut_begin(u, SYS_getsockopt, 4, 1, 13, 0x1000, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &eight, 4, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, lg, 8, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &eight, 4, 0);
	UT_EXPECT("getsockopt linger", ut_line(u, 0),
		  "getsockopt(4, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, [8]) = 0");
	int zero = 0, minus = -1;

	ut_begin(u, SYS_getsockopt, 5, 1, 26, 0x7ffedb557bec, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &four, 4, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, "", 0, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &zero, 4, 0);
	UT_EXPECT("getsockopt get_filter", ut_line(u, 0),
		  "getsockopt(5, SOL_SOCKET, SO_GET_FILTER, 0x7ffedb557bec, [4 => 0]) = 0");
	ut_begin(u, SYS_getsockopt, 99, 1, 8, 0x7ffedb557bec, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &minus, 4, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &minus, 4, 0);
	UT_EXPECT("getsockopt ebadf", ut_line(u, -9),
		  "getsockopt(99, SOL_SOCKET, SO_RCVBUF, 0x7ffedb557bec, [-1]) = -1 EBADF (Bad file descriptor)");
	one = 1;
	ut_begin(u, SYS_getsockopt, 3, 1, 74, 0x1000, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &four, 4, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, &one, 4, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &four, 4, 0);
	UT_EXPECT("getsockopt txrehash", ut_line(u, 0),
		  "getsockopt(3, SOL_SOCKET, SO_TXREHASH, [SOCK_TXREHASH_ENABLED], [4]) = 0");
	ut_begin(u, SYS_getsockopt, 5, 0, 64, 0x7ffedb557bec, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &four, 4, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &four, 4, 0);
	UT_EXPECT("getsockopt ipt", ut_line(u, -22),
		  "getsockopt(5, SOL_IP, IPT_SO_GET_INFO, 0x7ffedb557bec, [4]) = -1 EINVAL (Invalid argument)");
}

static const struct ut_case cases[] = {
	UT_ENTRY(socket), UT_ENTRY(sockaddr), UT_ENTRY(accept), UT_ENTRY(sendrecv), UT_ENTRY(msg),
	UT_ENTRY(sockopt),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
