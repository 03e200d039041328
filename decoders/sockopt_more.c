// SPDX-License-Identifier: LGPL-2.1-or-later
/* sockopt_more.c: socket options at SOL_RAW (ICMP_FILTER), SOL_PACKET (rings, membership,
 * statistics) and the SOL_NETLINK names. */
/* Output formats follow strace 6.1 (src/net.c: print_icmp_filter, print_tpacket_req,
 * print_packet_mreq, print_tpacket_stats); values in decoders/xlat/{sockopt_raw,sockopt_packet,
 * sockopt_netlink,packet_mreq_type,icmp_filter_flags}.in. */
#include <stdio.h>
#include <string.h>
#include "sockopt_more.h"
#include "xlat_gen.h"

/* include/linux/socket.h */
#define SOL_RAW_V	255
#define SOL_PACKET_V	263
#define SOL_NETLINK_V	270
#define ICMP_FILTER_V	1	/* include/uapi/linux/icmp.h */

struct hv *sockopt_more_name(struct dctx *d, unsigned int level, unsigned int name)
{
	switch (level) {
	case SOL_RAW_V:
		return hv_sym_or(d, &xlat_sockopt_raw, name, "RAW_???");
	case SOL_PACKET_V:
		return hv_sym_or(d, &xlat_sockopt_packet, name, "PACKET_???");
	case SOL_NETLINK_V:
		return hv_sym_or(d, &xlat_sockopt_netlink, name, "NETLINK_???");
	}
	return NULL;
}

/* optval's bytes (need of them), or NULL when not captured */
static const uint8_t *optbytes(struct dctx *d, unsigned int need)
{
	const struct event_blob *b = event_blob_any(d->ev, 3, 0);

	if (!d_u(d, 3) || !b || b->h.err || b->h.len < need)
		return NULL;
	return b->data;
}

/* ICMP_FILTER: the set bits as [ICMP_ECHO ...], or ~[...] of the clear ones when most are set */
static struct hv *icmp_filter(struct dctx *d, int len)
{
	uint32_t data = ~0u;
	const uint8_t *p;

	if (len <= 0)
		return v_ptr(d, 3);
	if (len > 4)
		len = 4;
	if (!(p = optbytes(d, (unsigned int)len)))
		return v_ptr(d, 3);
	memcpy(&data, p, (size_t)len);
	struct hv *a = hv_array(d);

	a->flags |= HVF_SPACES;
	if (__builtin_popcount(data) > 16) {
		data = ~data;
		a->flags |= HVF_NOT;
	}
	for (int bit = 0; bit < 32; bit++)
		if (data & (1u << bit))
			hv_add(a, NULL, hv_sym_or(d, &xlat_icmp_filter_flags, (unsigned int)bit, "ICMP_???"));
	return a;
}

static struct hv *u32_fields(struct dctx *d, const uint8_t *p, int len, const char *const *names, int n)
{
	struct hv *s = hv_struct(d);

	for (int k = 0; k < n && len >= (k + 1) * 4; k++) {
		uint32_t v;

		memcpy(&v, p + k * 4, 4);
		hv_add(s, names[k], hv_uint(d, v));
	}
	return s;
}

struct hv *sockopt_more_val(struct dctx *d, unsigned int level, unsigned int name, int len, bool get)
{
	static const char *const req[] = { "tp_block_size", "tp_block_nr", "tp_frame_size", "tp_frame_nr" };
	static const char *const stats[] = { "tp_packets", "tp_drops", "tp_freeze_q_cnt" };
	const uint8_t *p;

	if (level == SOL_RAW_V && name == ICMP_FILTER_V)
		return icmp_filter(d, len);
	if (level != SOL_PACKET_V)
		return NULL;
	if (get) {
		if (name != HY_PACKET_STATISTICS)
			return NULL;
		if (len > 12)
			len = 12;
		if (len <= 0 || !(p = optbytes(d, (unsigned int)len)))
			return v_ptr(d, 3);
		return u32_fields(d, p, len, stats, 3);
	}
	switch (name) {
	case HY_PACKET_RX_RING:
	case HY_PACKET_TX_RING:	/* struct tpacket_req, 16 bytes */
		if (len != 16 || !(p = optbytes(d, 16)))
			return v_ptr(d, 3);
		return u32_fields(d, p, len, req, 4);
	case HY_PACKET_ADD_MEMBERSHIP:
	case HY_PACKET_DROP_MEMBERSHIP: {	/* struct packet_mreq, 16 bytes */
		int32_t ifi;
		uint16_t type, alen;

		if (len != 16 || !(p = optbytes(d, 16)))
			return v_ptr(d, 3);
		memcpy(&ifi, p, 4);
		memcpy(&type, p + 4, 2);
		memcpy(&alen, p + 6, 2);
		struct hv *s = hv_struct(d);
		char mac[8 * 3 + 1] = "";
		size_t n = alen < 8 ? alen : 8, o = 0;

		for (size_t k = 0; k < n; k++)
			o += (size_t)snprintf(mac + o, sizeof(mac) - o, "%s%02x", k ? ":" : "", p[8 + k]);
		hv_add(s, "mr_ifindex", hv_ifindex(d, (unsigned int)ifi));
		hv_add(s, "mr_type", hv_sym_or(d, &xlat_packet_mreq_type, type, "PACKET_MR_???"));
		hv_add(s, "mr_alen", hv_uint(d, alen));
		hv_add(s, "mr_address", hv_expr(d, "%s", mac));
		return s;
	}
	}
	return NULL;
}
