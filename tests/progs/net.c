/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * net.c: sockets on loopback and AF_UNIX: TCP (fixed ports, abortive close so no TIME_WAIT),
 * UDP, AF_INET6, AF_NETLINK, socketpair, msghdr with iovec and SCM_RIGHTS, socket options.
 */
#include "hyt.h"
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <linux/netlink.h>

/* Fixed ports so that every address in the trace is the same run to run. */
#define PORT_SRV 47321
#define PORT_CLI 47322
#define PORT_UDP 47323

static void set_addr(struct sockaddr_in *a, int port)
{
	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	a->sin_port = htons(port);
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

/* Bytes of a socket address of another family, laid out by hand (Linux UAPI layouts, x86_64). */
struct rawsa {
	unsigned char b[128];
	int len;
};

static void put16(struct rawsa *a, int off, unsigned int v)
{
	uint16_t x = v;

	memcpy(a->b + off, &x, 2);
}

static void put32(struct rawsa *a, int off, uint32_t v)
{
	memcpy(a->b + off, &v, 4);
}

static void sa_begin(struct rawsa *a, int family, int len)
{
	memset(a, 0, sizeof(*a));
	put16(a, 0, family);
	a->len = len;
}

/* connect(-1, ...) fails with EBADF after the address is printed */
static void sa_try(const struct rawsa *a)
{
	connect(-1, (const struct sockaddr *)a->b, a->len);
}

static void other_families(void)
{
	struct rawsa a;

	sa_begin(&a, 33, 36);		/* AF_RXRPC, transport AF_INET */
	put16(&a, 2, 1);		/* CM_SERVICE */
	put16(&a, 4, SOCK_DGRAM);
	put16(&a, 6, 16);
	put16(&a, 8, AF_INET);
	put16(&a, 10, htons(7001));
	put32(&a, 12, htonl(INADDR_LOOPBACK));
	sa_try(&a);
	put16(&a, 2, 0x8382);		/* unknown service, short transport */
	put16(&a, 6, 5);
	sa_try(&a);
	sa_begin(&a, 40, 16);		/* AF_VSOCK */
	put32(&a, 4, 1234);
	put32(&a, 8, 2);
	a.b[12] = 1;
	sa_try(&a);
	sa_begin(&a, 42, 12);		/* AF_QIPCRTR */
	put32(&a, 4, 0xffffffff);
	put32(&a, 8, 5);
	sa_try(&a);
	sa_begin(&a, 44, 16);		/* AF_XDP */
	put16(&a, 2, 0x12);
	put32(&a, 8, 3);
	sa_try(&a);
	sa_begin(&a, 45, 12);		/* AF_MCTP */
	a.b[8] = 0xff;
	a.b[9] = 1;
	a.b[10] = 8;
	sa_try(&a);
	sa_begin(&a, 39, 16);		/* AF_NFC */
	put32(&a, 8, 1);
	put32(&a, 12, 1);
	sa_try(&a);
	sa_begin(&a, 36, 20);		/* AF_IEEE802154, short address */
	put32(&a, 4, 2);
	put16(&a, 8, 0xffff);
	put16(&a, 10, 0x1234);
	sa_try(&a);
	sa_begin(&a, 38, 88);		/* AF_ALG */
	memcpy(a.b + 2, "hash", 4);
	put32(&a, 16, 0x1000);
	memcpy(a.b + 24, "sha256", 6);
	sa_try(&a);
	sa_begin(&a, 4, 16);		/* AF_IPX */
	put16(&a, 2, htons(12345));
	put32(&a, 4, htonl(0xfacefeed));
	memcpy(a.b + 8, "ABCDEF", 6);
	a.b[14] = 0xff;
	sa_try(&a);
	sa_begin(&a, 9, 18);		/* AF_X25 */
	memcpy(a.b + 2, "12345", 5);
	sa_try(&a);
	sa_begin(&a, 3, 30);		/* AF_AX25: callsign, two digipeaters, one of them raw */
	memcpy(a.b + 2, "\x9c\x82\x92\x40\x40\x40\x06", 7);	/* "NAI" SSID 3, shifted */
	put32(&a, 12, 2);
	memcpy(a.b + 16, "\x82\x84\x40\x40\x40\x40\x00", 7);	/* "AB" SSID 0 */
	memcpy(a.b + 23, "\x82\x85\x40\x40\x40\x40\x00", 7);	/* an odd bit: bytes and comment */
	sa_try(&a);
	sa_begin(&a, 31, 6);		/* AF_BLUETOOTH: the struct goes by the length */
	put16(&a, 2, 1);		/* hci_dev */
	put16(&a, 4, 2);		/* HCI_CHANNEL_MONITOR */
	sa_try(&a);
	memcpy(a.b + 2, "\x01\x02\x03\x04\x05\x06\x07", 7);
	a.len = 8;			/* sockaddr_sco */
	sa_try(&a);
	a.len = 10;			/* sockaddr_rc: bdaddr, channel 7 */
	sa_try(&a);
	sa_begin(&a, 31, 14);		/* sockaddr_l2 */
	put16(&a, 2, 0x1003);		/* L2CAP_PSM_DYN_START+2 */
	memcpy(a.b + 4, "\xaa\xbb\xcc\xdd\xee\xff", 6);
	put16(&a, 10, 0x4);		/* L2CAP_CID_ATT */
	a.b[12] = 1;			/* BDADDR_LE_PUBLIC */
	sa_try(&a);
	put16(&a, 2, 0x5);		/* no such PSM */
	put16(&a, 10, 0x41);		/* L2CAP_CID_DYN_START+1 */
	a.len = 12;
	sa_try(&a);
	sa_begin(&a, 45, 11);		/* AF_MCTP, too short: sa_data */
	sa_try(&a);
}

int main(void)
{
	struct sockaddr_in sa, ca, peer;
	struct sockaddr_in6 s6;
	struct sockaddr_un su;
	struct sockaddr_nl snl;
	struct linger lg = { 1, 0 };
	socklen_t len;
	int one = 1, val, srv, cli, acc, u, sv[2], fd;
	char buf[64], cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov[2];
	struct msghdr mh;
	struct cmsghdr *cm;

	unlink("hyt.sock");
	hyt_begin();

	/* TCP over 127.0.0.1 */
	srv = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	set_addr(&sa, PORT_SRV);
	bind(srv, (struct sockaddr *)&sa, sizeof(sa));
	listen(srv, 5);
	cli = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(cli, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	set_addr(&ca, PORT_CLI);
	bind(cli, (struct sockaddr *)&ca, sizeof(ca));
	connect(cli, (struct sockaddr *)&sa, sizeof(sa));
	len = sizeof(peer);
	acc = accept4(srv, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	len = sizeof(peer);
	getsockname(cli, (struct sockaddr *)&peer, &len);
	len = sizeof(peer);
	getpeername(cli, (struct sockaddr *)&peer, &len);
	setsockopt(cli, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	len = sizeof(val);
	getsockopt(cli, IPPROTO_TCP, TCP_NODELAY, &val, &len);
	val = 0x10;
	setsockopt(cli, IPPROTO_IP, IP_TOS, &val, sizeof(val));
	len = sizeof(val);
	getsockopt(cli, IPPROTO_IP, IP_TOS, &val, &len);
	val = 65536;
	setsockopt(cli, SOL_SOCKET, SO_RCVBUF, &val, sizeof(val));
	len = sizeof(val);
	getsockopt(cli, SOL_SOCKET, SO_RCVBUF, &val, &len);
	len = sizeof(val);
	getsockopt(cli, SOL_SOCKET, SO_REUSEADDR, &val, &len);
	len = sizeof(val);
	getsockopt(cli, SOL_SOCKET, SO_ERROR, &val, &len);
	sendto(cli, "ping", 4, 0, NULL, 0);
	recvfrom(acc, buf, sizeof(buf), 0, NULL, NULL);
	shutdown(cli, SHUT_WR);
	recvfrom(acc, buf, sizeof(buf), 0, NULL, NULL);
	setsockopt(cli, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	setsockopt(acc, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(acc);
	close(cli);
	close(srv);
	connect(socket(AF_INET, SOCK_STREAM, 0), (struct sockaddr *)&sa, sizeof(sa));

	/* UDP to itself */
	u = socket(AF_INET, SOCK_DGRAM, 0);
	set_addr(&sa, PORT_UDP);
	bind(u, (struct sockaddr *)&sa, sizeof(sa));
	sendto(u, "datagram", 8, MSG_DONTWAIT, (struct sockaddr *)&sa, sizeof(sa));
	len = sizeof(peer);
	recvfrom(u, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&peer, &len);
	recvfrom(u, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&peer, &len);
	close(u);

	/* AF_INET6: needs no configured address */
	u = socket(AF_INET6, SOCK_DGRAM, 0);
	setsockopt(u, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	len = sizeof(val);
	getsockopt(u, IPPROTO_IPV6, IPV6_V6ONLY, &val, &len);
	memset(&s6, 0, sizeof(s6));
	s6.sin6_family = AF_INET6;
	s6.sin6_addr = in6addr_any;
	bind(u, (struct sockaddr *)&s6, sizeof(s6));
	inet_pton(AF_INET6, "::1", &s6.sin6_addr);
	s6.sin6_port = htons(PORT_UDP);
	sendto(u, "six", 3, 0, (struct sockaddr *)&s6, sizeof(s6));
	close(u);

	/* AF_NETLINK */
	u = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	memset(&snl, 0, sizeof(snl));
	snl.nl_family = AF_NETLINK;
	bind(u, (struct sockaddr *)&snl, sizeof(snl));
	close(u);

	/* AF_UNIX stream socket with a path, fd passing with SCM_RIGHTS */
	srv = socket(AF_UNIX, SOCK_STREAM, 0);
	memset(&su, 0, sizeof(su));
	su.sun_family = AF_UNIX;
	strcpy(su.sun_path, "hyt.sock");
	bind(srv, (struct sockaddr *)&su, sizeof(su));
	listen(srv, 1);
	cli = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(cli, (struct sockaddr *)&su, sizeof(su));
	acc = accept4(srv, NULL, NULL, 0);
	fd = open("/dev/null", O_RDONLY);
	iov[0].iov_base = "fd";
	iov[0].iov_len = 2;
	iov[1].iov_base = "pass";
	iov[1].iov_len = 4;
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	sendmsg(cli, &mh, 0);
	close(fd);
	iov[0].iov_base = buf;
	iov[0].iov_len = 3;
	iov[1].iov_base = buf + 3;
	iov[1].iov_len = 10;
	memset(cbuf, 0, sizeof(cbuf));
	mh.msg_controllen = sizeof(cbuf);
	recvmsg(acc, &mh, MSG_CMSG_CLOEXEC);
	memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&mh)), sizeof(int));
	close(fd);
	close(acc);
	close(cli);
	close(srv);
	unlink("hyt.sock");

	/* socketpair */
	socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv);
	send(sv[0], "sp", 2, MSG_NOSIGNAL);
	recv(sv[1], buf, sizeof(buf), 0);
	close(sv[0]);
	close(sv[1]);
	socket(AF_INET, 1234, 0);
	other_families();

	hyt_end();
	return 0;
}
