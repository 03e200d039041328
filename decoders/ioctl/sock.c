// SPDX-License-Identifier: LGPL-2.1-or-later
/* sock.c: ioctl(2) requests of type 0x89: the socket interface requests (SIOCGIFNAME...). */
/* Output formats follow strace 6.1 (src/sock.c); request values: the generated table. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include "ioctl.h"
#include "xlat_gen.h"

/* include/uapi/linux/sockios.h */
#define SIOCGIFNAME_V	0x8910
#define SIOCBRADDBR_V	0x89a0
#define SIOCBRDELBR_V	0x89a1
#define IFNAMSIZ_V	16
#define IFREQ_SIZE	40	/* struct ifreq on x86_64: the name and a 24-byte union */

/* The struct ifreq requests that carry the name and one int member of the union. */
enum ifr_kind { IFR_INT, IFR_FLAGS };
static const struct ifr_req {
	uint32_t req;
	bool set;		/* the member is an input (printed at entry), else an output */
	enum ifr_kind kind;
	const char *member;
} ifr_reqs[] = {
	{ 0x8913, false, IFR_FLAGS, "ifr_flags" },	/* SIOCGIFFLAGS */
	{ 0x8914, true, IFR_FLAGS, "ifr_flags" },	/* SIOCSIFFLAGS */
	{ 0x891d, false, IFR_INT, "ifr_metric" },	/* SIOCGIFMETRIC */
	{ 0x891e, true, IFR_INT, "ifr_metric" },	/* SIOCSIFMETRIC */
	{ 0x8921, false, IFR_INT, "ifr_mtu" },		/* SIOCGIFMTU */
	{ 0x8922, true, IFR_INT, "ifr_mtu" },		/* SIOCSIFMTU */
	{ 0x8933, false, IFR_INT, "ifr_ifindex" },	/* SIOCGIFINDEX */
	{ 0x8942, false, IFR_INT, "ifr_qlen" },		/* SIOCGIFTXQLEN */
	{ 0x8943, true, IFR_INT, "ifr_qlen" },		/* SIOCSIFTXQLEN */
};

/* an interface name: at most IFNAMSIZ - 1 characters, "..." after them when no NUL ends it */
static struct hv *ifr_name(struct dctx *d, const uint8_t *r)
{
	size_t n = strnlen((const char *)r, IFNAMSIZ_V);

	return n < IFNAMSIZ_V ? hv_str(d, r, n, false) : hv_str(d, r, IFNAMSIZ_V - 1, true);
}

/* SIOCBRADDBR, SIOCBRDELBR: a bridge name read at entry, IFNAMSIZ bytes at most ("..." after) */
static int sock_brname(struct dctx *d)
{
	const struct event_blob *b = event_blob(d->ev, 2, HY_AT_ENTER, 0);

	if (!d_u(d, 2)) {
		arg(d, hv_ptr(d, 0));
		return 0;
	}
	if (!b || b->h.err || !b->h.len) {
		arg(d, v_ptr(d, 2));
		return 0;
	}
	size_t len = b->h.len < IFNAMSIZ_V ? b->h.len : IFNAMSIZ_V;
	size_t n = strnlen((const char *)b->data, len);

	if (n == len && len < IFNAMSIZ_V)	/* no NUL before unreadable memory */
		arg(d, v_ptr(d, 2));
	else
		arg(d, hv_str(d, b->data, n, n == IFNAMSIZ_V));
	return 0;
}

static struct hv *ifr_member(struct dctx *d, const struct ifr_req *q, const uint8_t *r)
{
	int32_t i32;
	uint16_t u16;

	if (q->kind == IFR_FLAGS) {
		memcpy(&u16, r + IFNAMSIZ_V, sizeof(u16));
		return hv_flags(d, &xlat_iff_flags, u16);
	}
	memcpy(&i32, r + IFNAMSIZ_V, sizeof(i32));
	return hv_int(d, i32);
}

/*
 * struct ifreq: {ifr_name="lo", member=N}; an output member only when the call worked.
 * SIOCGIFNAME goes the other way: the index in, the name out.
 */
static int sock_ifreq(struct dctx *d, uint32_t req, const struct ifr_req *q)
{
	uint8_t in[IFREQ_SIZE], out[IFREQ_SIZE];
	int32_t i32;

	if (q && q->set) {
		/* all input: decoded at entry */
	} else if (!d->exiting) {
		d_pending(d);
		return 0;
	}
	if (!d_u(d, 2)) {
		arg(d, hv_ptr(d, 0));
		return 0;
	}
	if (!ioc_fetch(d, HY_AT_ENTER, in, sizeof(in))) {
		arg(d, v_ptr(d, 2));
		return 0;
	}
	bool ok = d->exiting && !d_failed(d) && ioc_fetch(d, HY_AT_EXIT, out, sizeof(out));
	struct hv *s = hv_struct(d);

	if (req == SIOCGIFNAME_V) {
		memcpy(&i32, in + IFNAMSIZ_V, sizeof(i32));
		hv_add(s, "ifr_ifindex", hv_int(d, i32));
		if (ok)
			hv_add(s, "ifr_name", ifr_name(d, out));
	} else {
		hv_add(s, "ifr_name", ifr_name(d, in));
		if (q->set)
			hv_add(s, q->member, ifr_member(d, q, in));
		else if (ok)
			hv_add(s, q->member, ifr_member(d, q, out));
	}
	arg(d, s);
	return 0;
}

static int sock_decode(struct dctx *d, uint32_t req)
{
	if (req == SIOCGIFNAME_V)
		return sock_ifreq(d, req, NULL);
	if (req == SIOCBRADDBR_V || req == SIOCBRDELBR_V)
		return sock_brname(d);
	for (size_t i = 0; i < sizeof(ifr_reqs) / sizeof(ifr_reqs[0]); i++)
		if (ifr_reqs[i].req == req)
			return sock_ifreq(d, req, &ifr_reqs[i]);
	return -ENOTTY;
}

const struct ioctl_family ioctl_family_sock = {
	.name = "sock",
	.decode = sock_decode,
};
