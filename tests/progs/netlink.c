/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* netlink.c: NETLINK_ROUTE requests whose answers do not depend on the host (an unknown link
 * name: NLMSG_ERROR echoing the request; two in one buffer), a NETLINK_GENERIC request to
 * nlctrl, and a first send on an unbound socket (its protocol not known yet, as strace sees
 * it: headers decoded generically).  Then messages without NLM_F_REQUEST (the kernel drops
 * them unanswered) with nested attributes: IFLA_AF_SPEC, IFLA_LINKINFO, RTM_GETSTATS link
 * xstats, and one whose last attribute runs into an unmapped page. */
#include "hyt.h"
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/genetlink.h>

/* Append attribute type with len bytes of data at b + *off; returns its offset. */
static unsigned int put(unsigned char *b, unsigned int *off, unsigned short type, const void *data,
			unsigned short len)
{
	unsigned int at = *off;
	unsigned short alen = 4 + len;

	memcpy(b + at, &alen, 2);
	memcpy(b + at + 2, &type, 2);
	if (len)
		memcpy(b + at + 4, data, len);
	*off = at + ((alen + 3u) & ~3u);
	return at;
}

/* Close the nest opened at offset at: its length runs to *off. */
static void end(unsigned char *b, unsigned int at, unsigned int off)
{
	unsigned short alen = off - at;

	memcpy(b + at, &alen, 2);
}

/* A message of type with a 16-byte (ifinfomsg, family fam) or 12-byte (if_stats_msg) header
 * of total length off, sent from b on fd nl; no NLM_F_REQUEST: the kernel drops it. */
static void send_msg(int nl, unsigned char *b, unsigned short type, unsigned int off)
{
	struct nlmsghdr h = { .nlmsg_len = off, .nlmsg_type = type, .nlmsg_flags = NLM_F_DUMP };

	memcpy(b, &h, sizeof(h));
	syscall(SYS_sendto, nl, b, off, MSG_DONTWAIT, NULL, 0);
}

static void nested(int nl)
{
	static const int conf6[2] = { 1, -1 }, conf4[1] = { 5 };
	unsigned char b[256], mode = 1, *page;
	unsigned int off, spec, af, li, data, x, bond, one = 1, hello = 200;
	unsigned long long lacp = 7;
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	unsigned char stats[12] = { 0 };

	memset(b, 0, sizeof(b));
	memcpy(b + 16, &ifi, sizeof(ifi));
	off = 32;
	spec = put(b, &off, IFLA_AF_SPEC, NULL, 0);
	af = put(b, &off, AF_INET6, NULL, 0);
	put(b, &off, 2 /* IFLA_INET6_CONF */, conf6, sizeof(conf6));
	put(b, &off, 8 /* IFLA_INET6_ADDR_GEN_MODE */, &mode, 1);
	end(b, af, off);
	af = put(b, &off, AF_INET, NULL, 0);
	put(b, &off, 1 /* IFLA_INET_CONF */, conf4, sizeof(conf4));
	end(b, af, off);
	end(b, spec, off);
	send_msg(nl, b, RTM_GETLINK, off);

	off = 32;
	li = put(b, &off, IFLA_LINKINFO, NULL, 0);
	put(b, &off, 1 /* IFLA_INFO_KIND */, "bridge", 7);
	data = put(b, &off, 2 /* IFLA_INFO_DATA */, NULL, 0);
	put(b, &off, 5 /* IFLA_BR_STP_STATE */, &one, 4);
	put(b, &off, 2 /* IFLA_BR_HELLO_TIME */, &hello, 4);
	end(b, data, off);
	end(b, li, off);
	send_msg(nl, b, RTM_GETLINK, off);

	memset(b + 16, 0, 16);
	stats[4] = 1;	/* ifindex 1 */
	stats[8] = 4;	/* filter_mask 1<<IFLA_STATS_LINK_XSTATS */
	memcpy(b + 16, stats, sizeof(stats));
	off = 28;
	x = put(b, &off, 2 /* IFLA_STATS_LINK_XSTATS */, NULL, 0);
	bond = put(b, &off, 2 /* LINK_XSTATS_TYPE_BOND */, NULL, 0);
	af = put(b, &off, 1 /* BOND_XSTATS_3AD */, NULL, 0);
	put(b, &off, 0 /* BOND_3AD_STAT_LACPDU_RX */, &lacp, 8);
	end(b, af, off);
	end(b, bond, off);
	end(b, x, off);
	send_msg(nl, b, RTM_GETSTATS, off);

	/* the message's last 4 bytes are past the end of the mapping: the IFLA_INET6_CONF data
	 * cannot be read (strace prints its address), the call fails with EFAULT */
	page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return;
	munmap(page + 4096, 4096);
	memcpy(b + 16, &ifi, sizeof(ifi));
	off = 32;
	spec = put(b, &off, IFLA_AF_SPEC, NULL, 0);
	af = put(b, &off, AF_INET6, NULL, 0);
	put(b, &off, 2 /* IFLA_INET6_CONF */, conf6, 4);
	end(b, af, off);
	end(b, spec, off);
	send_msg(nl, b, RTM_GETLINK, off);
	memcpy(page + 4096 - (off - 4), b, off - 4);
	syscall(SYS_sendto, nl, page + 4096 - (off - 4), off, MSG_DONTWAIT, NULL, 0);
	munmap(page, 4096);
}

int main(void)
{
	struct {
		struct nlmsghdr h;
		struct ifinfomsg i;
		struct rtattr a;
		char name[16];
	} req;
	struct {
		struct nlmsghdr h;
		struct genlmsghdr g;
	} greq;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	char buf[8192];
	char two[2 * sizeof(req)];
	int nl, gn, ub;

	hyt_begin();
	nl = syscall(SYS_socket, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	/* bound first: strace (and hytrace) learn the protocol of bound sockets only */
	syscall(SYS_bind, nl, &sa, sizeof(sa));
	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = sizeof(req);
	req.h.nlmsg_type = RTM_GETLINK;
	req.h.nlmsg_flags = NLM_F_REQUEST;
	req.h.nlmsg_seq = 1;
	req.a.rta_len = 4 + 12;
	req.a.rta_type = IFLA_IFNAME;
	strcpy(req.name, "hytnosuch0");
	syscall(SYS_sendto, nl, &req, sizeof(req), 0, NULL, 0);
	syscall(SYS_recvfrom, nl, buf, sizeof(buf), 0, NULL, NULL);
	/* two requests in one buffer: two answers */
	memcpy(two, &req, sizeof(req));
	req.h.nlmsg_seq = 2;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	memcpy(two + sizeof(req), &req, sizeof(req));
	syscall(SYS_sendto, nl, two, sizeof(two), 0, NULL, 0);
	syscall(SYS_recvfrom, nl, buf, sizeof(buf), 0, NULL, NULL);
	ub = syscall(SYS_socket, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	syscall(SYS_sendto, ub, &req, sizeof(req), 0, NULL, 0);
	syscall(SYS_recvfrom, ub, buf, sizeof(buf), 0, NULL, NULL);
	syscall(SYS_close, ub);
	gn = syscall(SYS_socket, AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	syscall(SYS_bind, gn, &sa, sizeof(sa));
	memset(&greq, 0, sizeof(greq));
	greq.h.nlmsg_len = sizeof(greq);
	greq.h.nlmsg_type = GENL_ID_CTRL;
	greq.h.nlmsg_flags = NLM_F_REQUEST;
	greq.h.nlmsg_seq = 2;
	greq.g.cmd = 0x7f;	/* no such command: an error answer */
	syscall(SYS_sendto, gn, &greq, sizeof(greq), 0, NULL, 0);
	syscall(SYS_recvfrom, gn, buf, sizeof(buf), 0, NULL, NULL);
	syscall(SYS_close, gn);
	nested(nl);
	syscall(SYS_close, nl);
	hyt_end();
	return 0;
}
