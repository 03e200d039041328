/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sockopt.c: socket options at SOL_RAW (ICMP_FILTER), SOL_PACKET and SOL_NETLINK (root: raw and
 * packet sockets). */
#include "hyt.h"
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/icmp.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <arpa/inet.h>

int main(void)
{
	struct icmp_filter f = { .data = (1 << ICMP_ECHO) | (1 << ICMP_TIMESTAMP) };
	struct tpacket_req req = { 4096, 4, 2048, 8 };
	struct packet_mreq mreq = { .mr_ifindex = 1, .mr_type = PACKET_MR_PROMISC, .mr_alen = 6,
				    .mr_address = { 0, 0x11, 0x22, 0x33, 0x44, 0x55 } };
	socklen_t len;
	int raw, pk, nl, one = 1, v;

	hyt_begin();
	raw = syscall(SYS_socket, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	syscall(SYS_setsockopt, raw, SOL_RAW, ICMP_FILTER, &f, sizeof(f));
	len = sizeof(f);
	syscall(SYS_getsockopt, raw, SOL_RAW, ICMP_FILTER, &f, &len);
	f.data = ~(1u << ICMP_ECHOREPLY | 1u << ICMP_DEST_UNREACH);
	syscall(SYS_setsockopt, raw, SOL_RAW, ICMP_FILTER, &f, sizeof(f));
	syscall(SYS_setsockopt, raw, SOL_RAW, 7, &one, sizeof(one));
	syscall(SYS_setsockopt, raw, SOL_RAW, ICMP_FILTER, &f, 0);
	pk = syscall(SYS_socket, AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	syscall(SYS_setsockopt, pk, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mreq, sizeof(mreq));
	syscall(SYS_setsockopt, pk, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mreq, sizeof(mreq));
	syscall(SYS_setsockopt, pk, SOL_PACKET, PACKET_RX_RING, &req, 8);
	v = TPACKET_V2;
	syscall(SYS_setsockopt, pk, SOL_PACKET, PACKET_VERSION, &v, sizeof(v));
	/* (PACKET_STATISTICS counts the host's traffic: in tests/unit/test_families.c) */
	len = sizeof(v);
	syscall(SYS_getsockopt, pk, SOL_PACKET, PACKET_VERSION, &v, &len);
	syscall(SYS_setsockopt, pk, SOL_PACKET, 99, &one, sizeof(one));
	nl = syscall(SYS_socket, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	syscall(SYS_setsockopt, nl, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	len = sizeof(v);
	syscall(SYS_getsockopt, nl, SOL_NETLINK, NETLINK_CAP_ACK, &v, &len);
	syscall(SYS_setsockopt, nl, SOL_NETLINK, 99, &one, sizeof(one));
	syscall(SYS_close, nl);
	syscall(SYS_close, pk);
	syscall(SYS_close, raw);
	hyt_end();
	return 0;
}
