/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* netlink.c: NETLINK_ROUTE requests whose answers do not depend on the host (an unknown link
 * name: NLMSG_ERROR echoing the request; two in one buffer), a NETLINK_GENERIC request to
 * nlctrl, and a first send on an unbound socket (its protocol not known yet, as strace sees
 * it: headers decoded generically). */
#include "hyt.h"
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/genetlink.h>

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
	syscall(SYS_close, nl);
	hyt_end();
	return 0;
}
