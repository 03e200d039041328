// SPDX-License-Identifier: LGPL-2.1-or-later
/* netlink.c: netlink messages (nlmsghdr, NLMSG_ERROR/DONE, NETLINK_ROUTE bodies, uevents). */
/*
 * Output forms follow strace 6.1 (src/netlink.c, src/netlink_route.c, src/rtnl_*.c,
 * src/nlattr.c), checked against its output on the messages of tests/progs/netlink.c.
 * The bytes come from the HY_ARG_NLMSG blobs and the protocol from the HY_ARG_SOCK blob
 * that the backends add for calls on netlink sockets (bpf/hytrace.h); struct layouts
 * from include/uapi/linux/{netlink,rtnetlink,if_link,if_addr,neighbour}.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <unistd.h>
#include "decode.h"
#include "netlink.h"
#include "xlat_gen.h"

#define NLMSG_HDRLEN	16	/* struct nlmsghdr */
#define NLA_HDRLEN	4	/* struct nlattr */
#define NLMSG_MIN_TYPE	0x10
#define NLMSG_ERROR	2
#define NLMSG_DONE	3
#define NLM_F_CAPPED	0x100
#define NLA_F_NESTED	0x8000
#define NLA_F_NET_BYTEORDER 0x4000
#define RTM_BASE	16
#define RTM_DELACTION	49
#define RTM_GETNEIGH	30
#define GENL_ID_CTRL	0x10	/* include/uapi/linux/genetlink.h */
#define ALIGN4(n)	(((n) + 3u) & ~3u)

/* the netlink protocols this file tells apart (include/uapi/linux/netlink.h) */
#define P_ROUTE		0
#define P_SOCK_DIAG	4
#define P_SELINUX	7
#define P_AUDIT		9
#define P_UEVENT	15
#define P_GENERIC	16

/*
 * The buffer being decoded (set by hv_netlink_blob for one call): its first have bytes were
 * captured; lengths inside it run to the size the call gave, so a read past have is of
 * memory the tracee could not read (HY_BF_FAULT: strace prints the address) or that the
 * capture left out (cut at HY_NLMSG_MAX / the eBPF netlink cap: said in a comment).
 * Decoding is single-threaded and does not nest across buffers.
 */
static struct {
	const uint8_t *start;
	size_t have;
	uint64_t addr;
	bool fault;
} nb;

static bool readable(const uint8_t *p, size_t n)
{
	return p >= nb.start && (size_t)(p - nb.start) <= nb.have &&
	       n <= nb.have - (size_t)(p - nb.start);
}

static uint64_t addr_of(const uint8_t *p)
{
	return nb.addr + (uint64_t)(p - nb.start);
}

/* What strace prints for an object at p it cannot read: its address. */
static struct hv *unreadable(struct dctx *d, const uint8_t *p)
{
	struct hv *h = hv_ptr(d, addr_of(p));

	if (!nb.fault)
		hv_comment(d, h, "not captured: the capture stops after %zu bytes", nb.have);
	return h;
}

/* The same inside an array: "... / * 0x7f.. * /" */
static struct hv *unreadable_elt(struct dctx *d, const uint8_t *p)
{
	if (!nb.fault)
		return unreadable(d, p);
	return hv_more_at(d, addr_of(p));
}

/* Bytes as strace's printstr_ex(QUOTE_FORCE_HEX): "\x01\x02", cut at -s. */
static struct hv *hexbytes(struct dctx *d, const uint8_t *p, size_t len)
{
	size_t n = len < d->o->strsize ? len : d->o->strsize;

	if (!readable(p, n))
		return unreadable(d, p);
	return hv_hexstr(d, p, n, n < len);
}

/* A flag set printed from two tables (strace's printflags_ex with two xlats): names of x1,
 * then of x2 (may be NULL), then the rest in hex; nothing known: 0x... / * NLM_F_??? * /. */
static struct hv *flags2(struct dctx *d, const struct xlat *x1, const struct xlat *x2, uint64_t v,
			 const char *dflt)
{
	const struct xlat *xs[2] = { x1, x2 };
	char *text = NULL;
	uint64_t rest = v;

	if (!v)
		return hv_uint(d, 0);
	for (int t = 0; t < 2; t++)
		for (unsigned int i = 0; xs[t] && i < xs[t]->n; i++) {
			uint64_t f = xs[t]->e[i].val;

			if (!f || (rest & f) != f)
				continue;
			rest &= ~f;
			text = text ? arena_join(d->ar, text, '|', xs[t]->e[i].name) :
				      (char *)xs[t]->e[i].name;
		}
	if (!text) {
		struct hv *h = hv_hex(d, v);

		h->comment = dflt;
		return h;
	}
	if (rest)
		text = arena_printf(d->ar, "%s|%#llx", text, (unsigned long long)rest);

	struct hv *h = hv_new(d, HV_SYM);

	h->text = text;
	h->u = v;
	h->flags |= HVF_NUM;
	return h;
}

/* -- attributes ------------------------------------------------------------ */

enum nla_kind { NK_HEX, NK_STR, NK_U8, NK_U32, NK_S32, NK_IFINDEX, NK_EXT_MASK, NK_IFA_FLAGS,
		NK_TABLE, NK_HWADDR, NK_INADDR, NK_STATS, NK_STATS64, NK_CACHEINFO, NK_U64,
		NK_RQLEN, NK_U16, NK_BE16, NK_NDA_CACHEINFO, NK_RTA_CACHEINFO,
		NK_NESTED,	/* attributes again: the table's nested() says which */
		NK_INET_CONF, NK_INET6_CONF, NK_INET6_STATS, NK_ICMP6_STATS, NK_INET6_FLAGS,
		NK_INET6_CACHEINFO, NK_IN6_ADDR, NK_AGM, NK_BR_FLAGS, NK_BR_MODE, NK_BR_VLAN_INFO,
		NK_BR_VLAN_FLAGS, NK_U32_MIN, NK_U16_MIN, NK_U8_MIN, NK_S32_MIN, NK_X32_MIN,
		NK_U64_MIN, NK_IFMAP, NK_FD, NK_IFLA_EVENT, NK_X16_MIN, NK_CLOCK_T, NK_BRIDGE_ID,
		NK_IFINDEX_MIN, NK_NUD_MASK, NK_NTF_MASK, NK_VF_STRUCT, NK_LINK_KIND, NK_LINK_SLAVE_KIND, NK_ETHER_PROTO, NK_BR_BOOLOPT,
		NK_TUN_TYPE, NK_UID, NK_CAN_XSTATS, NK_IPMRA_MSGTYPE, NK_IP6MRA_MSGTYPE, NK_IN_ADDR, NK_BR_MCAST_STATS, NK_BR_VLAN_XSTATS, NK_BR_STP_XSTATS, NK_MPLS_LINK_STATS };

struct nla_table {
	const struct xlat *names;
	enum nla_kind (*kind)(unsigned int type);
	int family;	/* the message's address family (addresses in attributes) */
	/* NK_NESTED: the table of the attributes inside an attribute of this type, or NULL
	 * (hex bytes); sub is room for a table made up from this one */
	const struct nla_table *(*nested)(const struct nla_table *t, unsigned int type,
					  struct nla_table *sub);
};

/* IFLA_INFO_KIND and IFLA_INFO_SLAVE_KIND of the IFLA_LINKINFO being decoded: they choose the
 * tables of the IFLA_INFO_DATA / IFLA_INFO_SLAVE_DATA that follow (strace's ifla_linkinfo_ctx,
 * "" when absent, not NUL-terminated in the attribute, or unreadable) */
static char li_kind[64], li_slave_kind[64];

/* struct rtnl_link_stats / rtnl_link_stats64 (include/uapi/linux/if_link.h, Linux 6.1): the
 * first 23 fields end at tx_compressed; then rx_nohandler, then (64-bit only)
 * rx_otherhost_dropped.  strace prints the struct when the attribute has the whole struct or
 * exactly the fields up to tx_compressed. */
static const char *const stats_names[] = {
	"rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors",
	"rx_dropped", "tx_dropped", "multicast", "collisions", "rx_length_errors",
	"rx_over_errors", "rx_crc_errors", "rx_frame_errors", "rx_fifo_errors",
	"rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
	"tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed",
	"rx_nohandler", "rx_otherhost_dropped",
};
#define STATS_MIN	23

static struct hv *link_stats(struct dctx *d, const uint8_t *p, unsigned int len, unsigned int w)
{
	unsigned int full = w == 8 ? 25 : 24, n;
	struct hv *s;

	if (len >= full * w)
		n = full;
	else if (len == (STATS_MIN + 1) * w)	/* up to rx_nohandler */
		n = STATS_MIN + 1;
	else if (len == STATS_MIN * w)
		n = STATS_MIN;
	else
		return NULL;
	s = hv_struct(d);
	for (unsigned int i = 0; i < n; i++) {
		uint64_t v = 0;

		memcpy(&v, p + i * w, w);
		hv_add(s, stats_names[i], hv_uint(d, v));
	}
	return s;
}

/* How strace 6.1 prints the attributes it decodes, by table (others: hex bytes); the link
 * attribute numbers from include/uapi/linux/if_link.h (Linux 6.1), the decoders as strace 6.1's
 * ifinfomsg_nla_decoders (src/rtnl_link.c). */
static enum nla_kind link_kind(unsigned int t)
{
	switch (t) {
	case 3: case 6: case 20: case 38: case 56: case 57: case 53:	/* IFNAME QDISC IFALIAS
		PHYS_PORT_NAME PARENT_DEV_NAME PARENT_DEV_BUS_NAME ALT_IFNAME */
		return NK_STR;
	case 4: case 5: case 10: case 13: case 15: case 19: case 21: case 27: case 30: case 31:
	case 32: case 35: case 40: case 41: case 47: case 48: case 50: case 51: case 58: case 59:
	case 60: case 61:
		/* MTU LINK MASTER TXQLEN WEIGHT NET_NS_PID NUM_VF GROUP PROMISCUITY NUM_TX_QUEUES
		 * NUM_RX_QUEUES CARRIER_CHANGES GSO_MAX_SEGS GSO_MAX_SIZE CARRIER_UP_COUNT
		 * CARRIER_DOWN_COUNT MIN_MTU MAX_MTU GRO_MAX_SIZE TSO_MAX_SIZE TSO_MAX_SEGS ALLMULTI */
		return NK_U32_MIN;
	case 16: case 17: case 33: case 39:	/* OPERSTATE LINKMODE CARRIER PROTO_DOWN */
		return NK_U8_MIN;
	case 29:	/* EXT_MASK */
		return NK_EXT_MASK;
	case 37: case 45: case 46:	/* LINK_NETNSID NEW_NETNSID IF_NETNSID */
		return NK_S32_MIN;
	case 49:	/* NEW_IFINDEX */
		return NK_IFINDEX;
	case 1: case 2: case 54:	/* ADDRESS BROADCAST PERM_ADDRESS */
		return NK_HWADDR;
	case 7: return NK_STATS;	/* STATS */
	case 23: return NK_STATS64;	/* STATS64 */
	case 14: return NK_IFMAP;	/* MAP */
	case 28: return NK_FD;		/* NET_NS_FD */
	case 44: return NK_IFLA_EVENT;	/* EVENT */
	case 12: case 18: case 22: case 24: case 25: case 43: case 52: case 55:	/* PROTINFO
		LINKINFO VFINFO_LIST VF_PORTS PORT_SELF XDP PROP_LIST PROTO_DOWN_REASON */
		return NK_NESTED;
	case 26: return NK_NESTED;	/* AF_SPEC */
	}
	return NK_HEX;
}

/* -- IFLA_AF_SPEC (include/uapi/linux/if_link.h, if_bridge.h, Linux 6.1; strace 6.1
 * src/rtnl_link.c decode_ifla_af_spec): per address family attributes, except in AF_BRIDGE
 * messages, where they are the bridge's own. */
static enum nla_kind af_inet_kind(unsigned int t)
{
	return t == 1 ? NK_INET_CONF : NK_HEX;			/* IFLA_INET_CONF */
}

static enum nla_kind af_inet6_kind(unsigned int t)
{
	switch (t) {
	case 1: return NK_INET6_FLAGS;		/* IFLA_INET6_FLAGS */
	case 2: return NK_INET6_CONF;		/* CONF */
	case 3: return NK_INET6_STATS;		/* STATS */
	case 5: return NK_INET6_CACHEINFO;	/* CACHEINFO */
	case 6: return NK_ICMP6_STATS;		/* ICMP6STATS */
	case 7: return NK_IN6_ADDR;		/* TOKEN */
	case 8: return NK_AGM;			/* ADDR_GEN_MODE */
	case 9: return NK_U32_MIN;		/* RA_MTU */
	}
	return NK_HEX;					/* UNSPEC, MCAST */
}

static enum nla_kind af_mctp_kind(unsigned int t)
{
	return t == 1 ? NK_U32_MIN : NK_HEX;			/* IFLA_MCTP_NET */
}

static enum nla_kind br_vlan_tunnel_kind(unsigned int t)
{
	switch (t) {
	case 1: return NK_U32_MIN;		/* IFLA_BRIDGE_VLAN_TUNNEL_ID */
	case 2: return NK_U16_MIN;		/* VID */
	case 3: return NK_BR_VLAN_FLAGS;	/* FLAGS */
	}
	return NK_HEX;
}

static enum nla_kind af_bridge_kind(unsigned int t)
{
	switch (t) {
	case 0: return NK_BR_FLAGS;		/* IFLA_BRIDGE_FLAGS */
	case 1: return NK_BR_MODE;		/* MODE */
	case 2: return NK_BR_VLAN_INFO;		/* VLAN_INFO */
	case 3: return NK_NESTED;		/* VLAN_TUNNEL_INFO */
	}
	return NK_HEX;					/* MRP, CFM, MST: not decoded */
}

static enum nla_kind af_spec_kind(unsigned int t)
{
	(void)t;
	return NK_NESTED;
}

static const struct nla_table t_af_inet = { &xlat_rtnl_ifla_af_spec_inet_attrs, af_inet_kind };
static const struct nla_table t_af_inet6 = { &xlat_rtnl_ifla_af_spec_inet6_attrs, af_inet6_kind };
static const struct nla_table t_af_mctp = { &xlat_rtnl_ifla_af_spec_mctp_attrs, af_mctp_kind };
static const struct nla_table t_br_vlan_tunnel = { &xlat_rtnl_ifla_bridge_vlan_tunnel_attrs,
						   br_vlan_tunnel_kind };

static const struct nla_table *af_bridge_nested(const struct nla_table *t, unsigned int type,
						struct nla_table *sub)
{
	(void)t; (void)sub;
	return type == 3 ? &t_br_vlan_tunnel : NULL;
}

static const struct nla_table t_af_bridge = { &xlat_rtnl_ifla_af_spec_bridge_attrs,
					      af_bridge_kind, 0, af_bridge_nested };

/* inside IFLA_AF_SPEC the attribute type is the family; unknown families: hex bytes */
static const struct nla_table *af_spec_nested(const struct nla_table *t, unsigned int type,
					      struct nla_table *sub)
{
	(void)t; (void)sub;
	switch (type) {
	case 2: return &t_af_inet;	/* AF_INET */
	case 10: return &t_af_inet6;	/* AF_INET6 */
	case 45: return &t_af_mctp;	/* AF_MCTP */
	}
	return NULL;
}

/* IFLA_PROTINFO: bridge port attributes in AF_BRIDGE messages (strace 6.1
 * ifla_brport_nla_decoders), the IFLA_AF_SPEC AF_INET6 ones in AF_INET6 messages */
static enum nla_kind brport_kind(unsigned int t)
{
	static const uint8_t k[] = {
		[1] = NK_U8_MIN, [2] = NK_U16_MIN, [3] = NK_U32_MIN, [4] = NK_U8_MIN,
		[5] = NK_U8_MIN, [6] = NK_U8_MIN, [7] = NK_U8_MIN, [8] = NK_U8_MIN,
		[9] = NK_U8_MIN, [10] = NK_U8_MIN, [11] = NK_U8_MIN, [12] = NK_U8_MIN,
		[13] = NK_BRIDGE_ID, [14] = NK_BRIDGE_ID, [15] = NK_U16_MIN, [16] = NK_U16_MIN,
		[17] = NK_U16_MIN, [18] = NK_U16_MIN, [19] = NK_U8_MIN, [20] = NK_U8_MIN,
		[21] = NK_CLOCK_T, [22] = NK_CLOCK_T, [23] = NK_CLOCK_T, [25] = NK_U8_MIN,
		[27] = NK_U8_MIN, [28] = NK_U8_MIN, [29] = NK_U8_MIN, [30] = NK_U8_MIN,
		[31] = NK_X16_MIN, [32] = NK_U8_MIN, [33] = NK_U8_MIN, [34] = NK_IFINDEX_MIN,
		[35] = NK_U8_MIN, [36] = NK_U8_MIN, [37] = NK_U32_MIN, [38] = NK_U32_MIN,
		[39] = NK_U8_MIN,
	};

	return t < sizeof(k) && k[t] ? (enum nla_kind)k[t] : NK_HEX;
}

static const struct nla_table t_brport = { &xlat_rtnl_ifla_brport_attrs, brport_kind };

/* -- RTM_*STATS attributes (linux/if_link.h, if_bridge.h, if_bonding.h, mpls.h; strace 6.1
 * src/rtnl_stats.c) -- */
static enum nla_kind bond_3ad_kind(unsigned int t)
{
	return t <= 8 ? NK_U64_MIN : NK_HEX;	/* BOND_3AD_STAT_LACPDU_RX .. MARKER_UNKNOWN_RX */
}

static enum nla_kind xstats_bridge_kind(unsigned int t)
{
	return t == 1 ? NK_BR_VLAN_XSTATS : t == 2 ? NK_BR_MCAST_STATS :	/* VLAN MCAST */
	       t == 4 ? NK_BR_STP_XSTATS : NK_HEX;				/* STP */
}

static enum nla_kind nested_1(unsigned int t)
{
	return t == 1 ? NK_NESTED : NK_HEX;
}

static enum nla_kind nested_12(unsigned int t)
{
	return t == 1 || t == 2 ? NK_NESTED : NK_HEX;
}

static enum nla_kind offload_kind(unsigned int t)
{
	return t == 1 ? NK_STATS64 : NK_HEX;	/* IFLA_OFFLOAD_XSTATS_CPU_HIT */
}

static enum nla_kind mpls_stats_kind(unsigned int t)
{
	return t == 1 ? NK_MPLS_LINK_STATS : NK_HEX;	/* MPLS_STATS_LINK */
}

static enum nla_kind ifstats_kind(unsigned int t)
{
	switch (t) {
	case 1: return NK_STATS64;	/* IFLA_STATS_LINK_64 */
	case 2: case 3: case 4: case 5:	/* LINK_XSTATS LINK_XSTATS_SLAVE LINK_OFFLOAD_XSTATS
					   AF_SPEC */
		return NK_NESTED;
	}
	return NK_HEX;
}

static const struct nla_table t_bond_3ad = { &xlat_ifstats_xstats_bond_3ad_attrs, bond_3ad_kind };

static const struct nla_table *bond_nested(const struct nla_table *t, unsigned int type,
					   struct nla_table *sub)
{
	(void)t; (void)type; (void)sub;
	return &t_bond_3ad;	/* BOND_XSTATS_3AD */
}

static const struct nla_table t_xstats_bridge = { &xlat_ifstats_xstats_bridge_attrs,
						  xstats_bridge_kind };
static const struct nla_table t_xstats_bond = { &xlat_ifstats_xstats_bond_attrs, nested_1, 0,
						bond_nested };

static const struct nla_table *xstats_nested(const struct nla_table *t, unsigned int type,
					     struct nla_table *sub)
{
	(void)t; (void)sub;
	return type == 1 ? &t_xstats_bridge : &t_xstats_bond;	/* BRIDGE, BOND */
}

static const struct nla_table t_xstats = { &xlat_ifstats_xstats_type_attrs, nested_12, 0,
					   xstats_nested };
static const struct nla_table t_offload = { &xlat_ifstats_offload_attrs, offload_kind };
static const struct nla_table t_mpls_stats = { &xlat_ifstats_af_spec_mpls_attrs,
					       mpls_stats_kind };

static const struct nla_table *ifstats_af_nested(const struct nla_table *t, unsigned int type,
						 struct nla_table *sub)
{
	(void)t; (void)sub;
	return type == 28 ? &t_mpls_stats : NULL;	/* AF_MPLS */
}

static const struct nla_table t_ifstats_af = { &xlat_address_families, af_spec_kind, 0,
					       ifstats_af_nested };

static const struct nla_table *ifstats_nested(const struct nla_table *t, unsigned int type,
					      struct nla_table *sub)
{
	(void)t; (void)sub;
	switch (type) {
	case 2: case 3: return &t_xstats;
	case 4: return &t_offload;
	case 5: return &t_ifstats_af;
	}
	return NULL;
}

/* -- RTM_NEWCACHEREPORT (linux/mroute.h, mroute6.h; strace 6.1 src/rtnl_cachereport.c) -- */
static enum nla_kind ipmra_kind(unsigned int t)
{
	switch (t) {
	case 1: return NK_IPMRA_MSGTYPE;		/* IPMRA_CREPORT_MSGTYPE */
	case 2: case 6: return NK_U32_MIN;		/* VIF_ID TABLE */
	case 3: case 4: return NK_IN_ADDR;		/* SRC_ADDR DST_ADDR */
	}
	return NK_HEX;					/* UNSPEC, PKT */
}

static enum nla_kind ip6mra_kind(unsigned int t)
{
	switch (t) {
	case 1: return NK_IP6MRA_MSGTYPE;		/* IP6MRA_CREPORT_MSGTYPE */
	case 2: return NK_U32_MIN;			/* MIF_ID */
	case 3: case 4: return NK_IN6_ADDR;		/* SRC_ADDR DST_ADDR */
	}
	return NK_HEX;
}

static const struct nla_table t_ipmra = { &xlat_rtnl_ipmra_creport_attr, ipmra_kind };
static const struct nla_table t_ip6mra = { &xlat_rtnl_ip6mra_creport_attr, ip6mra_kind };

/* -- IFLA_LINKINFO (linux/if_link.h, if_bridge.h, if_tun.h; strace 6.1 src/rtnl_link.c) -- */
static enum nla_kind br_querier_kind(unsigned int t)
{
	switch (t) {
	case 1: return NK_IN_ADDR;			/* BRIDGE_QUERIER_IP_ADDRESS */
	case 2: case 6: return NK_IFINDEX_MIN;		/* IP_PORT IPV6_PORT */
	case 3: case 7: return NK_CLOCK_T;		/* IP_OTHER_TIMER IPV6_OTHER_TIMER */
	case 5: return NK_IN6_ADDR;			/* IPV6_ADDRESS */
	}
	return NK_HEX;
}

static enum nla_kind br_data_kind(unsigned int t)
{
	static const uint8_t k[] = {
		[1] = NK_CLOCK_T, [2] = NK_CLOCK_T, [3] = NK_CLOCK_T, [4] = NK_CLOCK_T,
		[5] = NK_U32_MIN, [6] = NK_U16_MIN, [7] = NK_U8_MIN, [8] = NK_ETHER_PROTO,
		[9] = NK_X16_MIN, [10] = NK_BRIDGE_ID, [11] = NK_BRIDGE_ID, [12] = NK_U16_MIN,
		[13] = NK_U32_MIN, [14] = NK_U8_MIN, [15] = NK_U8_MIN, [16] = NK_CLOCK_T,
		[17] = NK_CLOCK_T, [18] = NK_CLOCK_T, [19] = NK_CLOCK_T, [20] = NK_HWADDR,
		[22] = NK_U8_MIN, [23] = NK_U8_MIN, [24] = NK_U8_MIN, [25] = NK_U8_MIN,
		[26] = NK_U32_MIN, [27] = NK_U32_MIN, [28] = NK_U32_MIN, [29] = NK_U32_MIN,
		[30] = NK_CLOCK_T, [31] = NK_CLOCK_T, [32] = NK_CLOCK_T, [33] = NK_CLOCK_T,
		[34] = NK_CLOCK_T, [35] = NK_CLOCK_T, [36] = NK_U8_MIN, [37] = NK_U8_MIN,
		[38] = NK_U8_MIN, [39] = NK_U16_MIN, [41] = NK_U8_MIN, [42] = NK_U8_MIN,
		[43] = NK_U8_MIN, [44] = NK_U8_MIN, [45] = NK_U8_MIN, [46] = NK_BR_BOOLOPT,
		[47] = NK_NESTED,
	};

	return t < sizeof(k) && k[t] ? (enum nla_kind)k[t] : NK_HEX;
}

static enum nla_kind tun_data_kind(unsigned int t)
{
	switch (t) {
	case 1: case 2: return NK_UID;				/* IFLA_TUN_OWNER GROUP */
	case 3: return NK_TUN_TYPE;				/* TYPE */
	case 4: case 5: case 6: case 7: return NK_U8_MIN;	/* PI VNET_HDR PERSIST
								   MULTI_QUEUE */
	case 8: case 9: return NK_U32_MIN;			/* NUM_QUEUES
								   NUM_DISABLED_QUEUES */
	}
	return NK_HEX;
}

static enum nla_kind linkinfo_kind(unsigned int t)
{
	switch (t) {
	case 1: return NK_LINK_KIND;		/* IFLA_INFO_KIND */
	case 2: case 5: return NK_NESTED;	/* DATA SLAVE_DATA (by kind) */
	case 3: return NK_CAN_XSTATS;		/* XSTATS ("can" links) */
	case 4: return NK_LINK_SLAVE_KIND;	/* SLAVE_KIND */
	}
	return NK_HEX;
}

static const struct nla_table t_br_querier = { &xlat_rtnl_ifla_br_mcast_querier_attrs,
					       br_querier_kind };

static const struct nla_table *br_data_nested(const struct nla_table *t, unsigned int type,
					      struct nla_table *sub)
{
	(void)t; (void)type; (void)sub;
	return &t_br_querier;	/* IFLA_BR_MCAST_QUERIER_STATE */
}

static const struct nla_table t_br_data = { &xlat_rtnl_ifla_info_data_bridge_attrs, br_data_kind,
					    0, br_data_nested };
static const struct nla_table t_tun_data = { &xlat_rtnl_ifla_info_data_tun_attrs,
					     tun_data_kind };

static const struct nla_table *linkinfo_nested(const struct nla_table *t, unsigned int type,
					       struct nla_table *sub)
{
	(void)t; (void)sub;
	if (type == 2)		/* IFLA_INFO_DATA */
		return !strcmp(li_kind, "bridge") ? &t_br_data :
		       !strcmp(li_kind, "tun") ? &t_tun_data : NULL;
	return !strcmp(li_slave_kind, "bridge") ? &t_brport : NULL;	/* SLAVE_DATA */
}

static const struct nla_table t_linkinfo = { &xlat_rtnl_ifla_info_attrs, linkinfo_kind, 0,
					     linkinfo_nested };

/* -- IFLA_VFINFO_LIST (linux/if_link.h; strace 6.1 src/rtnl_link.c) -- */
static enum nla_kind vf_info_kind(unsigned int t)
{
	switch (t) {
	case 8: case 12: return NK_NESTED;	/* IFLA_VF_STATS VLAN_LIST */
	case 0: return NK_HEX;
	}
	return t <= 13 ? NK_VF_STRUCT : NK_HEX;
}

static enum nla_kind vf_stats_kind(unsigned int t)
{
	return t <= 8 && t != 6 ? NK_U64_MIN : NK_HEX;	/* all but IFLA_VF_STATS_PAD */
}

static enum nla_kind vf_vlan_list_kind(unsigned int t)
{
	return t == 1 ? NK_VF_STRUCT : NK_HEX;		/* IFLA_VF_VLAN_INFO */
}

static const struct nla_table t_vf_stats = { &xlat_rtnl_ifla_vf_stats_attrs, vf_stats_kind };
static const struct nla_table t_vf_vlan_list = { &xlat_rtnl_ifla_vf_vlan_list_attrs,
						 vf_vlan_list_kind };

static const struct nla_table *vf_info_nested(const struct nla_table *t, unsigned int type,
					      struct nla_table *sub)
{
	(void)t; (void)sub;
	return type == 8 ? &t_vf_stats : &t_vf_vlan_list;
}

static const struct nla_table t_vf_info = { &xlat_rtnl_ifla_vf_info_attrs, vf_info_kind, 0,
					    vf_info_nested };

static const struct nla_table *vfinfo_list_nested(const struct nla_table *t, unsigned int type,
						  struct nla_table *sub)
{
	(void)t; (void)type; (void)sub;
	return &t_vf_info;	/* IFLA_VF_INFO */
}

static const struct nla_table t_vfinfo_list = { &xlat_rtnl_ifla_vfinfo_list_attrs, nested_1, 0,
						vfinfo_list_nested };

static const struct nla_table t_af_spec = { &xlat_address_families, af_spec_kind, 0,
					    af_spec_nested };

static const struct nla_table *link_nested(const struct nla_table *t, unsigned int type,
					   struct nla_table *sub)
{
	(void)sub;
	switch (type) {
	case 26:	/* IFLA_AF_SPEC: AF_BRIDGE (7) messages have their own */
		return t->family == 7 ? &t_af_bridge : &t_af_spec;
	case 22:	/* IFLA_VFINFO_LIST */
		return &t_vfinfo_list;
	case 18:	/* IFLA_LINKINFO: its kinds start empty */
		li_kind[0] = li_slave_kind[0] = '\0';
		return &t_linkinfo;
	case 12:	/* IFLA_PROTINFO */
		return t->family == 7 ? &t_brport : t->family == 10 ? &t_af_inet6 : NULL;
	}
	return NULL;
}

static enum nla_kind addr_kind(unsigned int t)
{
	switch (t) {
	case 1: case 2: case 4: case 5: case 7:	/* ADDRESS LOCAL BROADCAST ANYCAST MULTICAST */
		return NK_INADDR;
	case 3: return NK_STR;			/* LABEL */
	case 6: return NK_CACHEINFO;		/* CACHEINFO */
	case 8: return NK_IFA_FLAGS;		/* FLAGS */
	case 9: return NK_U32;			/* RT_PRIORITY */
	case 10: return NK_S32;			/* TARGET_NETNSID */
	}
	return NK_HEX;
}

static enum nla_kind route_kind(unsigned int t)
{
	switch (t) {
	case 1: case 2: case 5: case 7: case 19:	/* DST SRC GATEWAY PREFSRC NEWDST */
		return NK_INADDR;
	case 3: case 4: return NK_IFINDEX;		/* IIF OIF */
	case 6: case 10: case 11: case 14: case 16: case 25:	/* PRIORITY PROTOINFO FLOW MP_ALGO
								   MARK UID */
		return NK_U32;
	case 20: case 26: case 27: return NK_U8;	/* PREF TTL_PROPAGATE IP_PROTO */
	case 28: case 29: return NK_U16;		/* SPORT DPORT */
	case 23: return NK_U64;				/* EXPIRES */
	case 15: return NK_TABLE;			/* TABLE */
	case 12: return NK_RTA_CACHEINFO;		/* CACHEINFO */
	}
	return NK_HEX;
}

static enum nla_kind neigh_kind(unsigned int t)
{
	switch (t) {
	case 1: return NK_INADDR;			/* DST */
	case 2: return NK_HWADDR;			/* LLADDR */
	case 3: return NK_NDA_CACHEINFO;		/* CACHEINFO */
	case 4: case 7: case 10: case 11: case 13:	/* PROBES VNI LINK_NETNSID SRC_VNI NH_ID */
		return NK_U32;
	case 5: return NK_U16;				/* VLAN */
	case 6: return NK_BE16;				/* PORT */
	case 8: case 9: return NK_IFINDEX;		/* IFINDEX MASTER */
	case 16: return NK_NUD_MASK;			/* NDM_STATE_MASK */
	case 17: return NK_NTF_MASK;			/* NDM_FLAGS_MASK */
	}
	return NK_HEX;
}

/* NLMSGERR_ATTR_MSG is a string, NLMSGERR_ATTR_OFFS a u32 (strace's decode_nlmsgerr) */
static enum nla_kind nlmsgerr_kind(unsigned int t)
{
	return t == 1 ? NK_STR : t == 2 ? NK_U32 : NK_HEX;
}


static struct hv *hv_nlattrs(struct dctx *d, const struct nla_table *t, const uint8_t *p,
			     unsigned int len);

/* An indexed array element [name]=value (name NULL: "idx / * dflt * /"), -X aware. */
static struct hv *hv_index(struct dctx *d, unsigned int idx, const char *name, const char *dflt,
			   struct hv *value)
{
	struct hv *k = hv_new(d, HV_SYM);

	k->text = name;
	k->u = idx;
	k->comment = name ? NULL : dflt;
	k->flags |= HVF_INDEX;
	k->child = k->last = value;
	return k;
}

/*
 * strace's print_array_ex with PAF_PRINT_INDICES: [[NAME]=value, ...] of w-byte elements
 * (len / w of them; index names from x, else "N / * dflt * /"), at most -s of them unless -v;
 * memory that cannot be read ends the array with "... / * address * /".
 */
static struct hv *idx_array(struct dctx *d, const uint8_t *p, unsigned int len, unsigned int w,
			    bool sgn, const struct xlat *x, const char *dflt)
{
	unsigned int cnt = len / w;
	struct hv *a;

	if (!cnt)
		return NULL;
	if (!readable(p, w))
		return unreadable(d, p);
	a = hv_array(d);
	for (unsigned int i = 0; i < cnt; i++) {
		const uint8_t *e = p + (size_t)i * w;
		const char *name = xlat_name(x, i);
		uint64_t v = 0;
		if (!d->o->verbose && i == d->o->strsize) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		if (!readable(e, w)) {
			hv_add(a, NULL, unreadable_elt(d, e));
			break;
		}
		memcpy(&v, e, w);
		hv_add(a, NULL, hv_index(d, i, name, dflt, sgn ? hv_int(d, (int32_t)v) :
								 hv_uint(d, v)));
	}
	return a;
}

/* decode_nla_xval / decode_nla_flags: size bytes (len from size to 8), as a value of x */
static struct hv *nla_xval(struct dctx *d, const uint8_t *p, unsigned int len, unsigned int size,
			   const struct xlat *x, const char *dflt, bool flags)
{
	uint64_t v = 0;

	if (len > 8 || len < size)
		return NULL;
	if (!readable(p, size))
		return unreadable(d, p);
	memcpy(&v, p, size);
	return flags ? hv_flags_or(d, x, v, dflt) : hv_sym_or(d, x, v, dflt);
}

/* An attribute's data made of two elements of its [header, ...] array (a struct, then the
 * bytes after it) is an HV_ARRAY marked so. */
static const char SPLICE_DATA[] = "splice data";

/* A struct of n u64 fields (names), then any bytes after it as hex in the same attribute
 * array (strace's decoders of fixed stats structs); NULL when len is short of it. */
static struct hv *u64_fields(struct dctx *d, const uint8_t *p, unsigned int len,
			     const char *const *names, unsigned int n)
{
	struct hv *s, *a;

	if (len < n * 8)
		return NULL;
	if (!readable(p, n * 8))
		return unreadable(d, p);
	s = hv_struct(d);
	for (unsigned int i = 0; i < n; i++) {
		uint64_t v;

		memcpy(&v, p + 8 * i, 8);
		hv_add(s, names[i], hv_uint(d, v));
	}
	if (len == n * 8)
		return s;
	a = hv_array(d);
	a->text = SPLICE_DATA;
	hv_add(a, NULL, s);
	hv_add(a, NULL, hexbytes(d, p + n * 8, len - n * 8));
	return a;
}


static void li_set(char *dst, size_t sz, const uint8_t *p, unsigned int len)
{
	memset(dst, 0, sz);
	if (len >= sz || !readable(p, len) || !memchr(p, 0, len))
		return;
	memcpy(dst, p, len);
}

/* printstr_ex(QUOTE_0_TERMINATED): up to the NUL, at most -s bytes; no NUL seen: "..." */
static struct hv *str0(struct dctx *d, const uint8_t *p, unsigned int len)
{
	size_t show = len < d->o->strsize ? len : d->o->strsize;
	const uint8_t *nul;

	if (!readable(p, show))
		return unreadable(d, p);
	nul = memchr(p, 0, show);
	if (nul)
		return hv_str(d, p, (size_t)(nul - p), false);
	return hv_str(d, p, show, true);
}

/* hex bytes as xx:xx:... (strace's PRINT_FIELD_MAC of a 32-byte array) */
static struct hv *mac_text(struct dctx *d, const uint8_t *p, unsigned int n)
{
	char *s = arena_alloc(d->ar, n * 3 + 1), *o = s;

	for (unsigned int i = 0; i < n; i++)
		o += sprintf(o, i ? ":%02x" : "%02x", p[i]);
	return hv_expr(d, "%s", s);
}

/* The structs of IFLA_VF_INFO attributes (struct ifla_vf_* in linux/if_link.h): their size,
 * then their fields as strace 6.1 prints them; NULL when the attribute is shorter. */
static struct hv *vf_struct(struct dctx *d, unsigned int type, const uint8_t *p, unsigned int len)
{
	static const struct { unsigned int size, nu32; const char *names[3]; } u32s[] = {
		[2] = { 12, 3, { "vf", "vlan", "qos" } },		/* VLAN */
		[3] = { 8, 2, { "vf", "rate" } },			/* TX_RATE */
		[4] = { 8, 2, { "vf", "setting" } },			/* SPOOFCHK */
		[6] = { 12, 3, { "vf", "min_tx_rate", "max_tx_rate" } },	/* RATE */
		[7] = { 8, 2, { "vf", "setting" } },			/* RSS_QUERY_EN */
		[9] = { 8, 2, { "vf", "setting" } },			/* TRUST */
	};
	struct hv *s = hv_struct(d);
	uint64_t g;

	switch (type) {
	case 1:		/* MAC: u32 vf; u8 mac[32] */
		if (len < 36)
			return NULL;
		if (!readable(p, 36))
			return unreadable(d, p);
		hv_add(s, "vf", hv_uint(d, ld32(p)));
		hv_add(s, "mac", mac_text(d, p + 4, 32));
		return s;
	case 5:		/* LINK_STATE: u32 vf, link_state */
		if (len < 8)
			return NULL;
		if (!readable(p, 8))
			return unreadable(d, p);
		hv_add(s, "vf", hv_uint(d, ld32(p)));
		hv_add(s, "link_state", hv_sym_or(d, &xlat_rtnl_ifla_vf_link_states, ld32(p + 4),
						  "IFLA_VF_LINK_STATE_???"));
		return s;
	case 10: case 11:	/* IB_NODE_GUID IB_PORT_GUID: u32 vf; u64 guid, 12 or 16 bytes */
		if (len != 12 && len != 16)
			return NULL;
		if (!readable(p, len))
			return unreadable(d, p);
		memcpy(&g, p + len - 8, 8);
		hv_add(s, "vf", hv_uint(d, ld32(p)));
		hv_add(s, "guid", hv_hex(d, g));
		return s;
	case 13:	/* BROADCAST: u8 broadcast[32] */
		if (len < 32)
			return NULL;
		if (!readable(p, 32))
			return unreadable(d, p);
		hv_add(s, "broadcast", mac_text(d, p, 32));
		return s;
	case 100:	/* IFLA_VF_VLAN_INFO (in IFLA_VF_VLAN_LIST): u32 vf vlan qos; be16 proto */
		if (len < 16)
			return NULL;
		if (!readable(p, 16))
			return unreadable(d, p);
		hv_add(s, "vf", hv_uint(d, ld32(p)));
		hv_add(s, "vlan", hv_uint(d, ld32(p + 4)));
		hv_add(s, "qos", hv_uint(d, ld32(p + 8)));
		hv_add(s, "vlan_proto", hv_htons_sym(d, &xlat_ethernet_protocols, ld16(p + 12)));
		return s;
	}
	if (type >= sizeof(u32s) / sizeof(u32s[0]) || !u32s[type].size || len < u32s[type].size)
		return NULL;
	if (!readable(p, u32s[type].size))
		return unreadable(d, p);
	for (unsigned int i = 0; i < u32s[type].nu32; i++)
		hv_add(s, u32s[type].names[i], hv_uint(d, ld32(p + 4 * i)));
	return s;
}

/* An attribute's data as strace prints it, or NULL to print it as hex bytes. */
static struct hv *nla_data(struct dctx *d, const struct nla_table *t, unsigned int type,
			   const uint8_t *p, unsigned int len)
{
	enum nla_kind k = t->kind ? t->kind(type) : NK_HEX;

	switch (k) {	/* strace's decode_nla_<int>: the first bytes of a longer attribute too */
	case NK_U8: k = NK_U8_MIN; break;
	case NK_U16: k = NK_U16_MIN; break;
	case NK_U32: k = NK_U32_MIN; break;
	case NK_S32: k = NK_S32_MIN; break;
	case NK_U64: k = NK_U64_MIN; break;
	case NK_IFINDEX: k = NK_IFINDEX_MIN; break;
	default: break;
	}

	/* the fixed-size kinds read the whole attribute: unreadable memory prints as the
	 * address (umove_or_printaddr); the kinds below NK_NESTED check what they read */
	if (k < NK_NESTED && k != NK_HEX && k != NK_STR && !readable(p, len))
		return unreadable(d, p);
	switch (k) {
	case NK_STR: {
		/* decode_nla_str: printstr_ex(QUOTE_OMIT_TRAILING_0 | QUOTE_EXPECT_TRAILING_0) of
		 * at most -s bytes.  Shown in hex (-xx, or -x with a byte that is neither printable
		 * nor white space, the NUL included): every byte, then "...".  Else a last NUL
		 * is left out, and without one "..." follows. */
		size_t size = len < d->o->strsize ? len : d->o->strsize;
		bool hex = d->o->xflag == 2;

		if (!readable(p, size))
			return unreadable(d, p);
		for (size_t i = 0; d->o->xflag == 1 && !hex && i < size; i++)
			hex = p[i] > 0x7e || (p[i] < ' ' && (unsigned int)(p[i] - 9) >= 5);
		if (hex)
			return hv_hexstr(d, p, size, true);
		if (size && !p[size - 1])
			return hv_str(d, p, size - 1, false);
		return hv_str(d, p, size, true);
	}
	case NK_U8:
		return len == 1 ? hv_uint(d, p[0]) : NULL;
	case NK_U32:
		return len == 4 ? hv_uint(d, ld32(p)) : NULL;
	case NK_S32:
		return len == 4 ? hv_int(d, (int32_t)ld32(p)) : NULL;
	case NK_IFINDEX:
		return len == 4 ? hv_ifindex(d, ld32(p)) : NULL;
	case NK_EXT_MASK:
		return len == 4 ? hv_flags_or(d, &xlat_rtext_filter, ld32(p), "RTEXT_FILTER_???") :
				  NULL;
	case NK_IFA_FLAGS:
		return len == 4 ? hv_flags_or(d, &xlat_ifa_flags, ld32(p), "IFA_F_???") : NULL;
	case NK_TABLE:
		return len == 4 ? hv_sym_or(d, &xlat_rt_tables, ld32(p), NULL) : NULL;
	case NK_INADDR: {	/* decode_inet_addr: inet_addr("..."), inet_pton(AF_INET6, "...") */
		char buf[64];

		if (t->family == 2 && len >= 4)
			return hv_inet_addr(d, 2, p, "");
		if (t->family == 10 && len >= 16 && inet_ntop(10, p, buf, sizeof(buf)))
			return hv_expr(d, "inet_pton(AF_INET6, %s)", quote_str(d, buf, strlen(buf)));
		return NULL;
	}
	case NK_U64: {
		uint64_t v;

		if (len != 8)
			return NULL;
		memcpy(&v, p, 8);
		return hv_uint(d, v);
	}
	case NK_U16:
		return len == 2 ? hv_uint(d, ld16(p)) : NULL;
	case NK_BE16:
		return len == 2 ? hv_expr(d, "htons(%u)", (unsigned int)(p[0] << 8 | p[1])) : NULL;
	case NK_RTA_CACHEINFO: {	/* struct rta_cacheinfo: rta_id in hex */
		static const char *const n[] = { "rta_clntref", "rta_lastuse", "rta_expires",
						 "rta_error", "rta_used", "rta_id", "rta_ts",
						 "rta_tsage" };
		struct hv *s;

		if (len < 32)
			return NULL;
		s = hv_struct(d);
		for (int i = 0; i < 8; i++)
			hv_add(s, n[i], i == 5 ? hv_hex(d, ld32(p + 4 * i)) :
						 hv_uint(d, ld32(p + 4 * i)));
		return s;
	}
	case NK_NDA_CACHEINFO: {	/* struct nda_cacheinfo */
		static const char *const n[] = { "ndm_confirmed", "ndm_used", "ndm_updated",
						 "ndm_refcnt" };
		struct hv *s;

		if (len < 16)
			return NULL;
		s = hv_struct(d);
		for (int i = 0; i < 4; i++)
			hv_add(s, n[i], hv_uint(d, ld32(p + 4 * i)));
		return s;
	}
	case NK_RQLEN: {	/* struct unix_diag_rqlen */
		struct hv *s;

		if (len != 8)
			return NULL;
		s = hv_struct(d);
		hv_add(s, "udiag_rqueue", hv_uint(d, ld32(p)));
		hv_add(s, "udiag_wqueue", hv_uint(d, ld32(p + 4)));
		return s;
	}
	case NK_STATS:
		return link_stats(d, p, len, 4);
	case NK_STATS64:
		return link_stats(d, p, len, 8);
	case NK_CACHEINFO: {	/* struct ifa_cacheinfo */
		static const char *const n[] = { "ifa_prefered", "ifa_valid", "cstamp", "tstamp" };
		struct hv *s;

		if (len < 16)
			return NULL;
		s = hv_struct(d);
		for (int i = 0; i < 4; i++)
			hv_add(s, n[i], hv_uint(d, ld32(p + 4 * i)));
		return s;
	}
	case NK_HWADDR: {	/* decode_ifla_hwaddr: xx:xx:... (at most 32 bytes) */
		if (!len || len > 32)
			return NULL;
		char *s = arena_alloc(d->ar, len * 3 + 1), *o = s;

		for (unsigned int i = 0; i < len; i++)
			o += sprintf(o, i ? ":%02x" : "%02x", p[i]);
		return hv_expr(d, "%s", s);
	}
	case NK_NESTED: {
		struct nla_table sub;
		const struct nla_table *n = t->nested ? t->nested(t, type, &sub) : NULL;

		return n ? hv_nlattrs(d, n, p, len) : NULL;
	}
	case NK_INET_CONF:
		return idx_array(d, p, len, 4, true, &xlat_inet_devconf_indices,
				 "IPV4_DEVCONF_???");
	case NK_INET6_CONF:
		return idx_array(d, p, len, 4, true, &xlat_inet6_devconf_indices, "DEVCONF_???");
	case NK_INET6_STATS:
		return idx_array(d, p, len, 8, false, &xlat_snmp_ip_stats, "IPSTATS_MIB_???");
	case NK_ICMP6_STATS:
		return idx_array(d, p, len, 8, false, &xlat_snmp_icmp6_stats, "ICMP6_MIB_???");
	case NK_INET6_FLAGS:
		return nla_xval(d, p, len, 4, &xlat_inet6_if_flags, "IF_???", true);
	case NK_AGM:
		return nla_xval(d, p, len, 1, &xlat_in6_addr_gen_mode, "IN6_ADDR_GEN_MODE_???",
				false);
	case NK_BR_FLAGS:
		return nla_xval(d, p, len, 2, &xlat_rtnl_ifla_bridge_flags, "BRIDGE_FLAGS_???",
				true);
	case NK_BR_MODE:
		return nla_xval(d, p, len, 2, &xlat_rtnl_ifla_bridge_modes, "BRIDGE_MODE_???",
				false);
	case NK_BR_VLAN_FLAGS:
		return nla_xval(d, p, len, 2, &xlat_nl_bridge_vlan_flags, "BRIDGE_VLAN_INFO_???",
				true);
	case NK_U32_MIN:	/* decode_nla_u32: the first 4 bytes of 4 or more */
		if (len < 4)
			return NULL;
		return readable(p, 4) ? hv_uint(d, ld32(p)) : unreadable(d, p);
	case NK_U8_MIN:
		if (len < 1)
			return NULL;
		return readable(p, 1) ? hv_uint(d, p[0]) : unreadable(d, p);
	case NK_S32_MIN:
		if (len < 4)
			return NULL;
		return readable(p, 4) ? hv_int(d, (int32_t)ld32(p)) : unreadable(d, p);
	case NK_X32_MIN:
		if (len < 4)
			return NULL;
		return readable(p, 4) ? hv_hex(d, ld32(p)) : unreadable(d, p);
	case NK_FD:	/* decode_nla_fd */
		if (len < 4)
			return NULL;
		return readable(p, 4) ? hv_fd_num(d, (int32_t)ld32(p)) : unreadable(d, p);
	case NK_U64_MIN: {
		uint64_t v;

		if (len < 8)
			return NULL;
		if (!readable(p, 8))
			return unreadable(d, p);
		memcpy(&v, p, 8);
		return hv_uint(d, v);
	}
	case NK_IFLA_EVENT:
		if (len < 4)
			return NULL;
		return readable(p, 4) ? hv_sym_or(d, &xlat_rtnl_ifla_events, ld32(p),
						  "IFLA_EVENT_???") : unreadable(d, p);
	case NK_IFMAP: {	/* struct rtnl_link_ifmap: u64 mem_start mem_end base_addr, u16 irq,
				   u8 dma port (32 bytes with padding) */
		struct hv *s;
		uint64_t v[3];

		if (len < 28)	/* offsetofend(port): strace's size */
			return NULL;
		if (!readable(p, 28))
			return unreadable(d, p);
		memcpy(v, p, 24);
		s = hv_struct(d);
		hv_add(s, "mem_start", hv_hex(d, v[0]));
		hv_add(s, "mem_end", hv_hex(d, v[1]));
		hv_add(s, "base_addr", hv_hex(d, v[2]));
		hv_add(s, "irq", hv_uint(d, ld16(p + 24)));
		hv_add(s, "dma", hv_uint(d, p[26]));
		hv_add(s, "port", hv_uint(d, p[27]));
		return s;
	}
	case NK_X16_MIN:
		if (len < 2)
			return NULL;
		return readable(p, 2) ? hv_hex(d, ld16(p)) : unreadable(d, p);
	case NK_IFINDEX_MIN:	/* decode_nla_ifindex */
		if (len < 4)
			return NULL;
		return readable(p, 4) ? hv_ifindex(d, ld32(p)) : unreadable(d, p);
	case NK_CLOCK_T: {	/* decode_nla_clock_t: up to 8 bytes, "N / * S.SS s * /" */
		uint64_t v = 0;
		long hz = sysconf(_SC_CLK_TCK);
		struct hv *h;

		if (len > 8)
			return NULL;
		if (!readable(p, len))
			return unreadable(d, p);
		memcpy(&v, p, len);
		h = hv_uint(d, v);
		if (hz > 0 && v > 0) {	/* print_clock_t: seconds, log10(CLK_TCK) decimals */
			int w = 0;
			char frac[32];

			for (long x = hz; x >= 10 && w < 9; x /= 10)
				w++;
			snprintf(frac, sizeof(frac), "%.*f", w,
				 (double)(v % (uint64_t)hz) / (double)hz);
			hv_comment(d, h, "%llu%s s", (unsigned long long)(v / (uint64_t)hz),
				   frac + 1);
			h->flags |= HVF_XCOMMENT;
		}
		return h;
	}
	case NK_BRIDGE_ID: {	/* struct ifla_bridge_id { u8 prio[2]; u8 addr[6]; } */
		struct hv *s, *a;
		char mac[18];

		if (len < 8)
			return NULL;
		if (!readable(p, 8))
			return unreadable(d, p);
		s = hv_struct(d);
		a = hv_array(d);
		hv_add(a, NULL, hv_uint(d, p[0]));
		hv_add(a, NULL, hv_uint(d, p[1]));
		hv_add(s, "prio", a);
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", p[2], p[3], p[4], p[5],
			 p[6], p[7]);
		hv_add(s, "addr", hv_expr(d, "%s", mac));
		return s;
	}
	case NK_BR_MCAST_STATS: {	/* struct br_mcast_stats (linux/if_bridge.h): u64 pairs
					   by direction, two u64 parse error counts */
		static const char *const n[] = {
			"igmp_v1queries", "igmp_v2queries", "igmp_v3queries", "igmp_leaves",
			"igmp_v1reports", "igmp_v2reports", "igmp_v3reports", "=igmp_parse_errors",
			"mld_v1queries", "mld_v2queries", "mld_leaves", "mld_v1reports",
			"mld_v2reports", "=mld_parse_errors", "mcast_bytes", "mcast_packets" };
		struct hv *s, *a;
		unsigned int off = 0;
		uint64_t v;

		if (len < 240)
			return NULL;
		if (!readable(p, 240))
			return unreadable(d, p);
		s = hv_struct(d);
		for (unsigned int i = 0; i < 16; i++) {
			if (n[i][0] == '=') {
				memcpy(&v, p + off, 8);
				hv_add(s, n[i] + 1, hv_uint(d, v));
				off += 8;
				continue;
			}
			a = hv_array(d);
			for (unsigned int j = 0; j < 2; j++, off += 8) {
				memcpy(&v, p + off, 8);
				hv_add(a, NULL, hv_index(d, j, j ? "BR_MCAST_DIR_TX" :
							 "BR_MCAST_DIR_RX", NULL, hv_uint(d, v)));
			}
			hv_add(s, n[i], a);
		}
		if (len == 240)
			return s;
		a = hv_array(d);
		a->text = SPLICE_DATA;
		hv_add(a, NULL, s);
		hv_add(a, NULL, hexbytes(d, p + 240, len - 240));
		return a;
	}
	case NK_NUD_MASK:	/* NDA_NDM_STATE_MASK: NUD_* flags of 2 bytes */
		return nla_xval(d, p, len, 2, &xlat_nud_states, "NUD_???", true);
	case NK_NTF_MASK:	/* NDA_NDM_FLAGS_MASK: NTF_* flags of 1 byte */
		return nla_xval(d, p, len, 1, &xlat_ntf_flags, "NTF_???", true);
	case NK_VF_STRUCT:
		return vf_struct(d, t->names == &xlat_rtnl_ifla_vf_vlan_list_attrs ? 100 : type, p,
				 len);
	case NK_LINK_KIND:
		li_set(li_kind, sizeof(li_kind), p, len);
		return str0(d, p, len);
	case NK_LINK_SLAVE_KIND:
		li_set(li_slave_kind, sizeof(li_slave_kind), p, len);
		return str0(d, p, len);
	case NK_ETHER_PROTO:	/* decode_nla_ether_proto: htons(ETH_P_...) of 2 bytes */
		if (len > 8 || len < 2)
			return NULL;
		if (!readable(p, 2))
			return unreadable(d, p);
		return hv_htons_sym(d, &xlat_ethernet_protocols, ld16(p));
	case NK_TUN_TYPE:
		return nla_xval(d, p, len, 1, &xlat_tun_device_types, "IFF_???", false);
	case NK_UID:	/* decode_nla_uid: -1 as such */
		if (len < 4)
			return NULL;
		if (!readable(p, 4))
			return unreadable(d, p);
		return ld32(p) == UINT32_MAX ? hv_int(d, -1) : hv_uint(d, ld32(p));
	case NK_BR_BOOLOPT: {	/* struct br_boolopt_multi { u32 optval, optmask; } */
		struct hv *s;

		if (len < 8)
			return NULL;
		if (!readable(p, 8))
			return unreadable(d, p);
		s = hv_struct(d);
		hv_add(s, "optval", hv_flags_or(d, &xlat_rtnl_ifla_br_boolopt_flags, ld32(p),
						"1<<BR_BOOLOPT_???"));
		hv_add(s, "optmask", hv_flags_or(d, &xlat_rtnl_ifla_br_boolopt_flags, ld32(p + 4),
						 "1<<BR_BOOLOPT_???"));
		return s;
	}
	case NK_CAN_XSTATS: {	/* struct can_device_stats (linux/can/netlink.h): 6 u32 */
		static const char *const n[] = { "bus_error", "error_warning", "error_passive",
						 "bus_off", "arbitration_lost", "restarts" };
		struct hv *s;

		if (strcmp(li_kind, "can") || len < 24)
			return NULL;
		if (!readable(p, 24))
			return unreadable(d, p);
		s = hv_struct(d);
		for (int i = 0; i < 6; i++)
			hv_add(s, n[i], hv_uint(d, ld32(p + 4 * i)));
		return s;
	}
	case NK_IPMRA_MSGTYPE:
		return nla_xval(d, p, len, 1, &xlat_rtnl_ipmra_msg_types, "IGMPMSG_???", false);
	case NK_IP6MRA_MSGTYPE:
		return nla_xval(d, p, len, 1, &xlat_rtnl_ip6mra_msg_types, "MRT6MSG_???", false);
	case NK_IN_ADDR:	/* decode_nla_in_addr */
		if (len < 4)
			return NULL;
		return readable(p, 4) ? hv_inet_addr(d, 2, p, "") : unreadable(d, p);
	case NK_BR_STP_XSTATS: {	/* struct bridge_stp_xstats (linux/if_bridge.h) */
		static const char *const n[] = { "transition_blk", "transition_fwd", "rx_bpdu",
						 "tx_bpdu", "rx_tcn", "tx_tcn" };

		return u64_fields(d, p, len, n, 6);
	}
	case NK_MPLS_LINK_STATS: {	/* struct mpls_link_stats (linux/mpls.h) */
		static const char *const n[] = { "rx_packets", "tx_packets", "rx_bytes",
						 "tx_bytes", "rx_errors", "tx_errors", "rx_dropped",
						 "tx_dropped", "rx_noroute" };

		return u64_fields(d, p, len, n, 9);
	}
	case NK_BR_VLAN_XSTATS: {	/* struct bridge_vlan_xstats: 4 u64, u16 vid flags, u32 pad2 */
		static const char *const n[] = { "rx_bytes", "rx_packets", "tx_bytes",
						 "tx_packets" };
		struct hv *s, *a;
		uint64_t v;

		if (len < 40)
			return NULL;
		if (!readable(p, 40))
			return unreadable(d, p);
		s = hv_struct(d);
		for (int i = 0; i < 4; i++) {
			memcpy(&v, p + 8 * i, 8);
			hv_add(s, n[i], hv_uint(d, v));
		}
		hv_add(s, "vid", hv_uint(d, ld16(p + 32)));
		hv_add(s, "flags", hv_flags_or(d, &xlat_nl_bridge_vlan_flags, ld16(p + 34),
					       "BRIDGE_VLAN_INFO_???"));
		if (ld32(p + 36))
			hv_add(s, "pad2", hv_hex(d, ld32(p + 36)));
		if (len == 40)
			return s;
		a = hv_array(d);
		a->text = SPLICE_DATA;
		hv_add(a, NULL, s);
		hv_add(a, NULL, hexbytes(d, p + 40, len - 40));
		return a;
	}
	case NK_U16_MIN:
		if (len < 2)
			return NULL;
		return readable(p, 2) ? hv_uint(d, ld16(p)) : unreadable(d, p);
	case NK_INET6_CACHEINFO: {	/* struct ifla_cacheinfo (include/uapi/linux/if_link.h) */
		static const char *const n[] = { "max_reasm_len", "tstamp", "reachable_time",
						 "retrans_time" };
		struct hv *s;

		if (len < 16)
			return NULL;
		if (!readable(p, 16))
			return unreadable(d, p);
		s = hv_struct(d);
		for (int i = 0; i < 4; i++)
			hv_add(s, n[i], hv_uint(d, ld32(p + 4 * i)));
		return s;
	}
	case NK_IN6_ADDR: {	/* decode_nla_in6_addr */
		char buf[64];

		if (len < 16)
			return NULL;
		if (!readable(p, 16))
			return unreadable(d, p);
		inet_ntop(10, p, buf, sizeof(buf));
		return hv_expr(d, "inet_pton(AF_INET6, %s)", quote_str(d, buf, strlen(buf)));
	}
	case NK_BR_VLAN_INFO: {	/* struct bridge_vlan_info { u16 flags, vid; }, then the rest */
		struct hv *s;

		if (len < 4)
			return NULL;
		if (!readable(p, 4))
			return unreadable(d, p);
		s = hv_struct(d);
		hv_add(s, "flags", hv_flags_or(d, &xlat_nl_bridge_vlan_flags, ld16(p),
					       "BRIDGE_VLAN_INFO_???"));
		hv_add(s, "vid", hv_uint(d, ld16(p + 2)));
		if (len == 4)
			return s;

		struct hv *a = hv_array(d);

		a->text = SPLICE_DATA;
		hv_add(a, NULL, s);
		hv_add(a, NULL, hexbytes(d, p + 4, len - 4));
		return a;
	}
	case NK_HEX:
		break;
	}
	return NULL;
}

/* An attribute list (strace's decode_nlattr): [{nla_len=N, nla_type=T}, data] ... */
static struct hv *hv_nlattrs(struct dctx *d, const struct nla_table *t, const uint8_t *p,
			     unsigned int len)
{
	struct hv *arr = NULL, *one = NULL;

	for (unsigned int elt = 0;; elt++) {
		if (len < NLA_HDRLEN) {
			struct hv *h = hexbytes(d, p, len);

			if (!arr)
				return h;
			hv_add(arr, NULL, h);
			break;
		}
		if (!d->o->verbose && elt == d->o->strsize) {
			hv_add(arr, NULL, hv_more(d));
			break;
		}

		if (!readable(p, NLA_HDRLEN)) {	/* fetch_nlattr */
			if (!arr)
				return unreadable(d, p);
			hv_add(arr, NULL, unreadable_elt(d, p));
			break;
		}

		uint16_t nla_len = ld16(p), type = ld16(p + 2);
		unsigned int alen = ALIGN4(nla_len), next = 0;

		if (nla_len >= NLA_HDRLEN && len >= alen)
			next = len - alen;
		if (!arr && next) {
			arr = hv_array(d);
		}

		unsigned int dlen = nla_len < len ? nla_len : len;
		struct hv *hdr = hv_struct(d), *a;
		char *tt = NULL;

		hv_add(hdr, "nla_len", hv_uint(d, nla_len));
		if (type & NLA_F_NESTED)
			tt = "NLA_F_NESTED";
		if (type & NLA_F_NET_BYTEORDER)
			tt = tt ? arena_join(d->ar, tt, '|', "NLA_F_NET_BYTEORDER") :
				  "NLA_F_NET_BYTEORDER";

		struct hv *tv = hv_sym(d, t->names, type & ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER),
				       true);

		if (tt) {
			const char *rest = tv->comment ? arena_printf(d->ar, "%#x /* %s */",
					type & ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER), tv->comment) :
					tv->text ? tv->text : arena_printf(d->ar, "%#x", type & 0x3fff);

			tv = hv_expr(d, "%s|%s", tt, rest);
		}
		hv_add(hdr, "nla_type", tv);
		if (dlen > NLA_HDRLEN) {
			struct hv *v = nla_data(d, t, type & ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER),
						p + NLA_HDRLEN, dlen - NLA_HDRLEN);

			a = hv_array(d);
			hv_add(a, NULL, hdr);
			if (v && v->kind == HV_ARRAY && v->text == SPLICE_DATA) {
				struct hv *rest = v->child->next;

				v->child->next = NULL;
				hv_add(a, NULL, v->child);
				hv_add(a, NULL, rest);
			} else {
				hv_add(a, NULL, v ? v : hexbytes(d, p + NLA_HDRLEN,
								 dlen - NLA_HDRLEN));
			}
		} else {
			a = hdr;
		}
		if (arr)
			hv_add(arr, NULL, a);
		else
			one = a;
		if (!next)
			break;
		p += alen;
		len = next;
	}
	return arr ? arr : one;
}

/* -- NETLINK_ROUTE bodies -------------------------------------------------- */

/* The struct, then its attributes as the next element of the message's array (an HV_ARRAY
 * marked by SPLICE that msg_with_payload opens), as strace prints them. */
static const char SPLICE[] = "splice";
static struct hv *with_attrs(struct dctx *d, struct hv *s, const struct nla_table *t,
			     const uint8_t *p, unsigned int len, unsigned int off)
{
	if (len <= off)
		return s;

	struct hv *a = hv_array(d);

	a->text = SPLICE;
	hv_add(a, NULL, s);
	hv_add(a, NULL, hv_nlattrs(d, t, p + off, len - off));
	return a;
}

static struct hv *family_only(struct dctx *d, struct hv *s)
{
	hv_add(s, NULL, hv_more(d));
	return s;
}

static struct hv *rt_ifinfomsg(struct dctx *d, const uint8_t *p, unsigned int len)
{
	struct hv *s = hv_struct(d);
	struct nla_table t = { &xlat_rtnl_link_attrs, link_kind, p[0], link_nested };

	hv_add(s, "ifi_family", hv_sym(d, &xlat_address_families, p[0], true));
	if (len < 16)
		return family_only(d, s);
	hv_add(s, "ifi_type", hv_sym(d, &xlat_arp_hardware_types, ld16(p + 2), true));
	hv_add(s, "ifi_index", hv_ifindex(d, ld32(p + 4)));
	hv_add(s, "ifi_flags", hv_flags_or(d, &xlat_iff_flags, ld32(p + 8), "IFF_???"));
	hv_add(s, "ifi_change", hv_hex(d, ld32(p + 12)));
	return with_attrs(d, s, &t, p, len, 16);
}

static struct hv *rt_ifaddrmsg(struct dctx *d, const uint8_t *p, unsigned int len)
{
	struct hv *s = hv_struct(d);
	struct nla_table t = { &xlat_rtnl_addr_attrs, addr_kind, p[0] };

	hv_add(s, "ifa_family", hv_sym(d, &xlat_address_families, p[0], false));
	if (len < 8)
		return family_only(d, s);
	hv_add(s, "ifa_prefixlen", hv_uint(d, p[1]));
	hv_add(s, "ifa_flags", hv_flags_or(d, &xlat_ifa_flags, p[2], "IFA_F_???"));
	hv_add(s, "ifa_scope", hv_sym_or(d, &xlat_rt_scopes, p[3], NULL));
	hv_add(s, "ifa_index", hv_ifindex(d, ld32(p + 4)));
	return with_attrs(d, s, &t, p, len, 8);
}

static struct hv *rt_rtmsg(struct dctx *d, const uint8_t *p, unsigned int len)
{
	struct hv *s = hv_struct(d);
	struct nla_table t = { &xlat_rtnl_route_attrs, route_kind, p[0] };

	hv_add(s, "rtm_family", hv_sym(d, &xlat_address_families, p[0], false));
	if (len < 12)
		return family_only(d, s);
	hv_add(s, "rtm_dst_len", hv_uint(d, p[1]));
	hv_add(s, "rtm_src_len", hv_uint(d, p[2]));
	hv_add(s, "rtm_tos", hv_flags_or(d, &xlat_ip_type_of_services, p[3], "IPTOS_TOS_???"));
	hv_add(s, "rtm_table", hv_sym_or(d, &xlat_rt_tables, p[4], NULL));
	hv_add(s, "rtm_protocol", hv_sym(d, &xlat_rt_protocols, p[5], true));
	hv_add(s, "rtm_scope", hv_sym_or(d, &xlat_rt_scopes, p[6], NULL));
	hv_add(s, "rtm_type", hv_sym(d, &xlat_rt_types, p[7], true));
	hv_add(s, "rtm_flags", hv_flags_or(d, &xlat_routing_flags, ld32(p + 8), "RTM_F_???"));
	return with_attrs(d, s, &t, p, len, 12);
}

static struct hv *rt_ndmsg(struct dctx *d, const uint8_t *p, unsigned int len)
{
	struct hv *s = hv_struct(d);
	struct nla_table t = { &xlat_rtnl_neigh_attrs, neigh_kind, p[0] };

	hv_add(s, "ndm_family", hv_sym(d, &xlat_address_families, p[0], false));
	if (len < 12)
		return family_only(d, s);
	hv_add(s, "ndm_ifindex", hv_ifindex(d, ld32(p + 4)));
	hv_add(s, "ndm_state", hv_flags_or(d, &xlat_nud_states, ld16(p + 8), "NUD_???"));
	hv_add(s, "ndm_flags", hv_flags_or(d, &xlat_ntf_flags, p[10], "NTF_???"));
	hv_add(s, "ndm_type", hv_sym(d, &xlat_rt_types, p[11], true));
	return with_attrs(d, s, &t, p, len, 12);
}

/* struct if_stats_msg { u8 family, pad1; u16 pad2; u32 ifindex, filter_mask; } */
static struct hv *rt_ifstatsmsg(struct dctx *d, const uint8_t *p, unsigned int len)
{
	struct hv *s = hv_struct(d);
	struct nla_table t = { &xlat_ifstats_attrs, ifstats_kind, p[0], ifstats_nested };

	hv_add(s, "family", hv_sym(d, &xlat_address_families, p[0], true));
	if (len < 12)
		return family_only(d, s);
	if (!readable(p, 12))
		return unreadable(d, p);
	if (p[1])
		hv_add(s, "pad1", hv_hex(d, p[1]));
	if (ld16(p + 2))
		hv_add(s, "pad2", hv_hex(d, ld16(p + 2)));
	hv_add(s, "ifindex", hv_ifindex(d, ld32(p + 4)));
	hv_add(s, "filter_mask", hv_flags_or(d, &xlat_ifstats_attr_flags, ld32(p + 8),
					     "1<<IFLA_STATS_???"));
	return with_attrs(d, s, &t, p, len, 12);
}

/* struct rtgenmsg of RTM_NEWCACHEREPORT, then the attributes of RTNL_FAMILY_IPMR (128) or
 * RTNL_FAMILY_IP6MR (129) reports; other families: hex bytes */
static struct hv *rt_cachereport(struct dctx *d, const uint8_t *p, unsigned int len)
{
	struct hv *s = hv_struct(d), *a;
	const char *name = xlat_name(&xlat_rtnl_family, p[0]);
	const struct nla_table *t = p[0] == 128 ? &t_ipmra : p[0] == 129 ? &t_ip6mra : NULL;

	if (name) {
		struct hv *v = hv_new(d, HV_SYM);

		v->text = name;
		v->u = p[0];
		v->flags |= HVF_NUM;
		hv_add(s, "rtgen_family", v);
	} else {
		hv_add(s, "rtgen_family", hv_sym_or(d, &xlat_address_families, p[0],
						    "RTNL_FAMILY_???"));
	}
	if (len <= 4)
		return s;
	a = hv_array(d);
	a->text = SPLICE;
	hv_add(a, NULL, s);
	hv_add(a, NULL, t ? hv_nlattrs(d, t, p + 4, len - 4) : hexbytes(d, p + 4, len - 4));
	return a;
}

/* decode_netlink_route: NULL when the generic form applies (NLMSG_DONE). */
static struct hv *route_body(struct dctx *d, uint16_t type, const uint8_t *p, unsigned int len)
{
	if (type == NLMSG_DONE || !len)
		return NULL;
	switch ((type - RTM_BASE) >> 2) {
	case 0: return rt_ifinfomsg(d, p, len);		/* RTM_*LINK */
	case 1: return rt_ifaddrmsg(d, p, len);		/* RTM_*ADDR */
	case 2: if ((type & 3) != 3) return rt_rtmsg(d, p, len);	/* RTM_*ROUTE */
		break;
	case 3:						/* RTM_*NEIGH */
		if ((type & 3) == 3)
			break;
		/* RTM_GETNEIGH: a bare struct rtgenmsg as a family (decode_rtm_getneigh) */
		if (type == RTM_GETNEIGH && len < 12)
			break;
		return rt_ndmsg(d, p, len);
	}
	if (type == 96)					/* RTM_NEWCACHEREPORT */
		return rt_cachereport(d, p, len);
	if (type == 92 || type == 94)			/* RTM_NEWSTATS, RTM_GETSTATS */
		return rt_ifstatsmsg(d, p, len);
	if ((type == 20 || type == 21 || type == 22 || type == 58 || type == 62))
		return rt_ifaddrmsg(d, p, len);		/* GETMULTICAST, GETANYCAST */

	struct hv *s = hv_struct(d);	/* decode_family */

	hv_add(s, "family", hv_sym(d, &xlat_address_families, p[0], false));
	if (len > 1)
		hv_add(s, "data", hexbytes(d, p + 1, len - 1));
	return s;
}

/* -- NETLINK_SOCK_DIAG bodies (include/uapi/linux/{sock_diag,inet_diag,unix_diag}.h) ---- */

static struct hv *u32pair(struct dctx *d, const uint8_t *p)
{
	struct hv *a = hv_array(d);

	hv_add(a, NULL, hv_uint(d, ld32(p)));
	hv_add(a, NULL, hv_uint(d, ld32(p + 4)));
	return a;
}

/* struct inet_diag_sockid (48 bytes): ports in network order, addresses of 16 bytes */
static struct hv *diag_sockid(struct dctx *d, const uint8_t *p, int family)
{
	struct hv *s = hv_struct(d);

	hv_add(s, "idiag_sport", hv_expr(d, "htons(%u)", (unsigned int)(p[0] << 8 | p[1])));
	hv_add(s, "idiag_dport", hv_expr(d, "htons(%u)", (unsigned int)(p[2] << 8 | p[3])));
	if (family == 2) {
		hv_add(s, "idiag_src", hv_inet_addr(d, family, p + 4, "idiag_src"));
		hv_add(s, "idiag_dst", hv_inet_addr(d, family, p + 20, "idiag_dst"));
	} else if (family == 10) {	/* strace prints these without the field name */
		hv_add(s, NULL, hv_inet_addr(d, family, p + 4, "idiag_src"));
		hv_add(s, NULL, hv_inet_addr(d, family, p + 20, "idiag_dst"));
	} else {
		hv_add(s, "idiag_src", hexbytes(d, p + 4, 16));
		hv_add(s, "idiag_dst", hexbytes(d, p + 20, 16));
	}
	hv_add(s, "idiag_if", hv_ifindex(d, ld32(p + 36)));
	hv_add(s, "idiag_cookie", u32pair(d, p + 40));
	return s;
}

static enum nla_kind inet_diag_kind(unsigned int t)
{
	switch (t) {
	case 4: return NK_STR;					/* CONG */
	case 5: case 6: case 8: case 10: case 11: return NK_U8;	/* TOS TCLASS SHUTDOWN PROTOCOL
								   SKV6ONLY */
	case 15: case 17: return NK_U32;			/* MARK CLASS_ID */
	case 21: return NK_U64;					/* CGROUP_ID */
	}
	return NK_HEX;
}

static enum nla_kind unix_diag_kind(unsigned int t)
{
	switch (t) {
	case 2: return NK_U32;		/* PEER */
	case 4: return NK_RQLEN;	/* RQLEN */
	case 6: return NK_U8;		/* SHUTDOWN */
	case 7: return NK_U32;		/* UID */
	}
	return NK_HEX;
}

static struct hv *diag_family_only(struct dctx *d, const uint8_t *p, unsigned int len,
				   const char *field)
{
	struct hv *s = hv_struct(d);

	hv_add(s, field, hv_sym(d, &xlat_address_families, p[0], false));
	(void)len;
	hv_add(s, NULL, hv_more(d));
	return s;
}

static struct hv *sock_diag_body(struct dctx *d, const uint8_t *hdr, const uint8_t *p,
				 unsigned int len)
{
	uint16_t type = ld16(hdr + 4);
	bool req = ld16(hdr + 6) & 1;	/* NLM_F_REQUEST */
	int family = p[0];
	struct hv *s;

	if (type == NLMSG_DONE || !len)
		return NULL;
	if (len > 1 && (family == 2 || family == 10) && req && type == 20) {
		/* struct inet_diag_req_v2 (SOCK_DIAG_BY_FAMILY) */
		if (len < 56)
			return diag_family_only(d, p, len, "sdiag_family");
		s = hv_struct(d);
		hv_add(s, "sdiag_family", hv_sym(d, &xlat_address_families, family, false));
		hv_add(s, "sdiag_protocol", hv_sym_or(d, &xlat_inet_protocols, p[1], "IPPROTO_???"));
		hv_add(s, "idiag_ext", hv_flags_or(d, &xlat_inet_diag_ext_flags, p[2],
						   "1<<INET_DIAG_\?\?\?-1"));
		hv_add(s, "idiag_states", hv_flags_or(d, &xlat_tcp_state_flags, ld32(p + 4),
						      "1<<TCP_???"));
		hv_add(s, "id", diag_sockid(d, p + 8, family));
		return s;	/* request attributes (INET_DIAG_REQ_*): not decoded here */
	}
	if (len > 1 && (family == 2 || family == 10) && !req) {
		/* struct inet_diag_msg */
		struct nla_table t = { &xlat_inet_diag_attrs, inet_diag_kind, family };

		if (len < 72)
			return diag_family_only(d, p, len, "idiag_family");
		s = hv_struct(d);
		hv_add(s, "idiag_family", hv_sym(d, &xlat_address_families, family, false));
		hv_add(s, "idiag_state", hv_sym_or(d, &xlat_tcp_states, p[1], "TCP_???"));
		hv_add(s, "idiag_timer", hv_uint(d, p[2]));
		hv_add(s, "idiag_retrans", hv_uint(d, p[3]));
		hv_add(s, "id", diag_sockid(d, p + 4, family));
		hv_add(s, "idiag_expires", hv_uint(d, ld32(p + 52)));
		hv_add(s, "idiag_rqueue", hv_uint(d, ld32(p + 56)));
		hv_add(s, "idiag_wqueue", hv_uint(d, ld32(p + 60)));
		hv_add(s, "idiag_uid", hv_uint(d, ld32(p + 64)));
		hv_add(s, "idiag_inode", hv_uint(d, ld32(p + 68)));
		return with_attrs(d, s, &t, p, len, 72);
	}
	if (len > 1 && family == 1 && req) {
		/* struct unix_diag_req */
		if (len < 24)
			return diag_family_only(d, p, len, "sdiag_family");
		s = hv_struct(d);
		hv_add(s, "sdiag_family", hv_sym(d, &xlat_address_families, family, false));
		hv_add(s, "sdiag_protocol", hv_uint(d, p[1]));
		hv_add(s, "udiag_states", hv_flags_or(d, &xlat_tcp_state_flags, ld32(p + 4),
						      "1<<TCP_???"));
		hv_add(s, "udiag_ino", hv_uint(d, ld32(p + 8)));
		hv_add(s, "udiag_show", hv_flags_or(d, &xlat_unix_diag_show, ld32(p + 12),
						    "UDIAG_SHOW_???"));
		hv_add(s, "udiag_cookie", u32pair(d, p + 16));
		return s;
	}
	if (len > 1 && family == 1 && !req) {
		/* struct unix_diag_msg */
		struct nla_table t = { &xlat_unix_diag_attrs, unix_diag_kind, 0 };

		if (len < 16)
			return diag_family_only(d, p, len, "udiag_family");
		s = hv_struct(d);
		hv_add(s, "udiag_family", hv_sym(d, &xlat_address_families, family, false));
		hv_add(s, "udiag_type", hv_sym_or(d, &xlat_socket_types, p[1], "SOCK_???"));
		hv_add(s, "udiag_state", hv_sym_or(d, &xlat_tcp_states, p[2], "TCP_???"));
		hv_add(s, "udiag_ino", hv_uint(d, ld32(p + 4)));
		hv_add(s, "udiag_cookie", u32pair(d, p + 8));
		return with_attrs(d, s, &t, p, len, 16);
	}
	s = hv_struct(d);	/* decode_family: other families (netlink, packet, smc) */
	hv_add(s, "family", hv_sym(d, &xlat_address_families, family, false));
	if (len > 1)
		hv_add(s, "data", hexbytes(d, p + 1, len - 1));
	return s;
}

/* -- messages -------------------------------------------------------------- */

static struct hv *nlmsg_type(struct dctx *d, uint16_t type, int proto)
{
	const struct xlat *x = &xlat_nlmsg_types;

	if (type >= NLMSG_MIN_TYPE)
		switch (proto) {
		case P_ROUTE: x = &xlat_nl_route_types; break;
		case P_SOCK_DIAG: x = &xlat_nl_sock_diag_types; break;
		case P_SELINUX: x = &xlat_nl_selinux_types; break;
		case P_AUDIT: x = &xlat_nl_audit_types; break;
		case P_GENERIC:	/* strace asks the kernel for the family ids; only nlctrl's is fixed */
			if (type == GENL_ID_CTRL)
				return hv_expr(d, "nlctrl");
			return hv_comment(d, hv_hex(d, type), "GENERIC_FAMILY_???");
		}
	return hv_sym(d, x, type, true);
}

static struct hv *nlmsg_flags(struct dctx *d, uint16_t flags, uint16_t type, int proto)
{
	const struct xlat *x2 = NULL;

	if (type < NLMSG_MIN_TYPE) {
		if (type == NLMSG_ERROR)
			x2 = &xlat_nlm_ack_flags;
	} else if (proto == P_ROUTE) {
		if (type == RTM_DELACTION)
			x2 = &xlat_nlm_get_flags;
		else
			x2 = (type & 3) == 0 ? &xlat_nlm_new_flags :
			     (type & 3) == 1 ? &xlat_nlm_delete_flags :
			     (type & 3) == 2 ? &xlat_nlm_get_flags : NULL;
	} else if (proto == P_SOCK_DIAG) {
		x2 = &xlat_nlm_get_flags;
	}
	return flags2(d, &xlat_nlm_flags, x2, flags, "NLM_F_???");
}

static struct hv *nlmsghdr(struct dctx *d, const uint8_t *p, int proto)
{
	struct hv *s = hv_struct(d);
	uint16_t type = ld16(p + 4);

	hv_add(s, "nlmsg_len", hv_uint(d, ld32(p)));
	hv_add(s, "nlmsg_type", nlmsg_type(d, type, proto));
	hv_add(s, "nlmsg_flags", nlmsg_flags(d, ld16(p + 6), type, proto));
	hv_add(s, "nlmsg_seq", hv_uint(d, ld32(p + 8)));
	hv_add(s, "nlmsg_pid", hv_int(d, (int32_t)ld32(p + 12)));
	return s;
}

static struct hv *msg_with_payload(struct dctx *d, const uint8_t *p, unsigned int len, int proto);

static struct hv *nlmsgerr(struct dctx *d, const uint8_t *p, unsigned int len, bool capped,
			   int proto)
{
	if (len < 4 + NLMSG_HDRLEN)
		return hexbytes(d, p, len);

	int32_t err = (int32_t)ld32(p);
	unsigned int inner = ld32(p + 4), mlen = len - 4;

	if (inner < NLMSG_HDRLEN)
		inner = NLMSG_HDRLEN;

	unsigned int payload = capped ? NLMSG_HDRLEN : inner;

	if (payload > mlen)
		payload = mlen;

	struct hv *s = hv_struct(d);
	const char *en = err < 0 ? errno_name(-err) : NULL;

	hv_add(s, "error", en ? hv_expr(d, "-%s", en) : hv_int(d, err));
	hv_add(s, "msg", msg_with_payload(d, p + 4, payload, proto));
	if (mlen <= payload)
		return s;

	struct hv *a = hv_array(d);
	struct nla_table t = { &xlat_nlmsgerr_attrs, nlmsgerr_kind, 0 };
	const uint8_t *ap = p + 4 + payload;
	unsigned int alen = mlen - payload;

	hv_add(a, NULL, s);
	hv_add(a, NULL, hv_nlattrs(d, &t, ap, alen));
	return a;
}

static struct hv *payload(struct dctx *d, const uint8_t *hdr, const uint8_t *p, unsigned int len,
			  int proto)
{
	uint16_t type = ld16(hdr + 4);

	if (type == NLMSG_ERROR)
		return nlmsgerr(d, p, len, ld16(hdr + 6) & NLM_F_CAPPED, proto);
	if (proto == P_SELINUX && (type == 0x10 || type == 0x11)) {
		/* struct selnl_msg_setenforce { s32 val; }, selnl_msg_policyload { u32 seqno; }
		 * (include/uapi/linux/selinux_netlink.h) */
		struct hv *s;

		if (len < 4)
			return hexbytes(d, p, len);
		s = hv_struct(d);
		if (type == 0x10)
			hv_add(s, "val", hv_int(d, (int32_t)ld32(p)));
		else
			hv_add(s, "seqno", hv_uint(d, ld32(p)));
		return s;
	}
	if ((type >= NLMSG_MIN_TYPE || type == NLMSG_DONE) && (proto == P_ROUTE ||
							       proto == P_SOCK_DIAG)) {
		struct hv *v = proto == P_ROUTE ? route_body(d, type, p, len) :
						  sock_diag_body(d, hdr, p, len);

		if (v)
			return v;
	}
	if (type == NLMSG_DONE && len == 4)
		return hv_int(d, (int32_t)ld32(p));
	return hexbytes(d, p, len);
}

/* decode_nlmsghdr_with_payload: the header, or [header, payload] */
static struct hv *msg_with_payload(struct dctx *d, const uint8_t *p, unsigned int len, int proto)
{
	unsigned int nlen = ld32(p) < len ? ld32(p) : len;
	struct hv *h = nlmsghdr(d, p, proto);

	if (nlen <= NLMSG_HDRLEN)
		return h;

	struct hv *a = hv_array(d);

	hv_add(a, NULL, h);

	struct hv *pl = payload(d, p, p + NLMSG_HDRLEN, nlen - NLMSG_HDRLEN, proto);

	if (pl->kind == HV_ARRAY && pl->text == SPLICE) {	/* struct and attributes */
		struct hv *attrs = pl->child->next;

		pl->child->next = NULL;
		hv_add(a, NULL, pl->child);
		hv_add(a, NULL, attrs);
	} else {
		hv_add(a, NULL, pl);
	}
	return a;
}

static struct hv *netlink_msgs(struct dctx *d, const uint8_t *p, size_t size, int proto)
{
	unsigned int len = size > UINT32_MAX ? UINT32_MAX : (unsigned int)size;
	struct hv *arr = NULL, *one = NULL;

	if (proto == P_UEVENT) {	/* decode_netlink_kobject_uevent: the text as a string */
		size_t show = size < d->o->strsize ? size : d->o->strsize;

		if (!readable(p, show))
			return unreadable(d, p);
		return hv_str(d, p, show, show < size);
	}
	for (unsigned int elt = 0;; elt++) {
		if (len < NLMSG_HDRLEN) {
			struct hv *h = hexbytes(d, p, len);

			if (!arr)
				return h;
			hv_add(arr, NULL, h);
			break;
		}
		if (!readable(p, NLMSG_HDRLEN)) {	/* fetch_nlmsghdr */
			if (!arr)
				return unreadable(d, p);
			hv_add(arr, NULL, unreadable_elt(d, p));
			break;
		}
		if (!d->o->verbose && elt == d->o->strsize) {
			hv_add(arr, NULL, hv_more(d));
			break;
		}

		uint32_t mlen = ld32(p), alen = (mlen + 3u) & ~3u, next = 0;

		if (mlen >= NLMSG_HDRLEN && alen >= mlen && len >= alen)
			next = len - alen;
		if (!arr && next)
			arr = hv_array(d);

		struct hv *m = msg_with_payload(d, p, len, proto);

		if (arr)
			hv_add(arr, NULL, m);
		else
			one = m;
		if (!next)
			break;
		p += alen;
		len = next;
	}
	return arr ? arr : one;
}

struct hv *hv_netlink(struct dctx *d, const uint8_t *p, size_t size, int proto)
{
	nb.start = p;
	nb.have = size;
	nb.addr = 0;
	nb.fault = true;
	return netlink_msgs(d, p, size, proto);
}

struct hv *hv_netlink_blob(struct dctx *d, const struct event_blob *b, uint64_t size, int proto)
{
	if (!(b->h.flags & (HY_BF_TRUNC | HY_BF_FAULT)) || size < b->h.len)
		size = b->h.len < size ? b->h.len : size;
	nb.start = b->data;
	nb.have = b->h.len;
	nb.addr = b->h.addr;
	nb.fault = b->h.flags & HY_BF_FAULT;
	return netlink_msgs(d, b->data, size, proto);
}
