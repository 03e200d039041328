// SPDX-License-Identifier: LGPL-2.1-or-later
/* numa.c: decoders for memory policies: set_mempolicy, get_mempolicy, mbind, migrate_pages,
 * set_mempolicy_home_node. */
/* Output formats follow strace 6.1 (src/numa.c); the values are in decoders/xlat/mpol_*.in. */
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

/* include/uapi/linux/mempolicy.h: MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES | MPOL_F_NUMA_BALANCING */
#define MPOL_MODE_FLAGS_V	0xe000u

/* A mode as strace's print_mode: MPOL_BIND, MPOL_BIND|MPOL_F_STATIC_NODES, or flags and a number. */
static struct hv *hv_mpol_mode(struct dctx *d, uint64_t m)
{
	uint64_t mode = m & ~(uint64_t)MPOL_MODE_FLAGS_V, fl = m & MPOL_MODE_FLAGS_V;
	const char *name = xlat_name(&xlat_mpol_modes, mode);

	if (!fl)
		return hv_sym(d, &xlat_mpol_modes, mode, true);
	if (!name)
		return hv_flags_or(d, &xlat_mpol_mode_flags, m, "MPOL_???");
	struct hv *v = hv_new(d, HV_SYM);

	v->text = arena_join(d->ar, name, '|', flags_text(d, &xlat_mpol_mode_flags, fl));
	v->u = m;
	v->flags |= HVF_NUM;
	return v;
}

/*
 * The node mask of argument i, maxnode bits, captured at when: [0x0000000000000003, ...] in
 * unsigned longs, NULL, or the address when it could not be read.  At most -s elements.
 */
static struct hv *hv_nodemask(struct dctx *d, int i, uint64_t maxnode, int when)
{
	uint64_t addr = d_u(d, i), nmemb = (maxnode + 62) / 64;

	if (!addr)
		return hv_ptr(d, 0);
	if (nmemb < maxnode / 64 || (maxnode && !nmemb))	/* the sum wrapped */
		return hv_ptr(d, addr);
	if (!nmemb)
		return hv_array(d);
	const struct event_blob *b = event_blob(d->ev, i, when, 0);

	if (!b || b->h.err || b->h.len < 8)
		return hv_ptr(d, addr);
	struct hv *a = hv_array(d);
	uint64_t have = b->h.len / 8;

	for (uint64_t k = 0; k < nmemb; k++) {
		uint64_t w;

		if (k >= d->o->strsize || k >= have) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		memcpy(&w, b->data + k * 8, 8);
		hv_add(a, NULL, hv_expr(d, "%#0*llx", 16, (unsigned long long)w));
	}
	return a;
}

void dec_set_mempolicy(struct dctx *d)
{
	arg(d, hv_mpol_mode(d, d_ui(d, 0)));
	arg(d, hv_nodemask(d, 1, d_u(d, 2), HY_AT_ENTER));
	arg(d, v_ulong(d, 2));
}

void dec_get_mempolicy(struct dctx *d)
{
	int32_t pol;

	if (!d->exiting)
		return d_pending(d);
	if (d_failed(d) || !d_u(d, 0) || !d_fetch_at(d, 0, HY_AT_EXIT, 0, &pol, sizeof(pol))) {
		arg(d, v_ptr(d, 0));
	} else {
		struct hv *a = hv_array(d);

		hv_add(a, NULL, hv_sym(d, &xlat_mpol_modes, (uint64_t)(int64_t)pol, true));
		arg(d, a);
	}
	arg(d, d_failed(d) ? v_ptr(d, 1) : hv_nodemask(d, 1, d_u(d, 2), HY_AT_EXIT));
	arg(d, v_ulong(d, 2));
	arg(d, v_ptr(d, 3));
	arg(d, hv_flags_or(d, &xlat_get_mempolicy_flags, d_u(d, 4), "MPOL_???"));
}

void dec_mbind(struct dctx *d)
{
	arg(d, v_ptr(d, 0));
	arg(d, v_ulong(d, 1));
	arg(d, hv_mpol_mode(d, d_u(d, 2)));
	arg(d, hv_nodemask(d, 3, d_u(d, 4), HY_AT_ENTER));
	arg(d, v_ulong(d, 4));
	arg(d, hv_flags_or(d, &xlat_mbind_flags, d_ui(d, 5), "MPOL_???"));
}

void dec_migrate_pages(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, v_ulong(d, 1));
	arg(d, hv_nodemask(d, 2, d_u(d, 1), HY_AT_ENTER));
	arg(d, hv_nodemask(d, 3, d_u(d, 1), HY_AT_ENTER));
}

void dec_set_mempolicy_home_node(struct dctx *d)
{
	arg(d, v_ptr(d, 0));
	arg(d, v_ulong(d, 1));
	arg(d, v_ulong(d, 2));
	arg(d, v_hex(d, 3));
}
