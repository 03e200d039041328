// SPDX-License-Identifier: LGPL-2.1-or-later
/* misc.c: decoders for futex and getrandom (ioctl lives in decoders/ioctl/). */
/* Output formats follow strace 6.1 (src/futex.c, src/getrandom.c). */
#include <stdio.h>
#include "decode.h"
#include "xlat_gen.h"

/* include/uapi/linux/futex.h */
#define FUTEX_WAIT_V		0
#define FUTEX_WAKE_V		1
#define FUTEX_FD_V		2
#define FUTEX_REQUEUE_V		3
#define FUTEX_CMP_REQUEUE_V	4
#define FUTEX_WAKE_OP_V		5
#define FUTEX_LOCK_PI_V		6
#define FUTEX_UNLOCK_PI_V	7
#define FUTEX_TRYLOCK_PI_V	8
#define FUTEX_WAIT_BITSET_V	9
#define FUTEX_WAKE_BITSET_V	10
#define FUTEX_WAIT_REQUEUE_PI_V	11
#define FUTEX_CMP_REQUEUE_PI_V	12
#define FUTEX_LOCK_PI2_V	13
#define FUTEX_CMD_MASK_V	127	/* ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME) */
#define FUTEX_OP_OPARG_SHIFT_V	8
#define FUTEX_BITSET_MATCH_ANY_V 0xffffffffu

static struct hv *futex_bitset(struct dctx *d, uint32_t v)
{
	if (v == FUTEX_BITSET_MATCH_ANY_V) {
		struct hv *s = hv_new(d, HV_SYM);

		s->text = "FUTEX_BITSET_MATCH_ANY";
		s->u = v;
		s->flags |= HVF_NUM;
		return s;
	}
	return hv_hex(d, v);
}

/* FUTEX_WAKE_OP's val3 as strace prints it: OP<<28|OPARG<<12|CMP<<24|CMPARG */
static struct hv *futex_wake_op(struct dctx *d, uint32_t v)
{
	uint32_t op = v >> 28, cmp = (v >> 24) & 0xf;
	const char *on = xlat_name(&xlat_futex_wake_ops, op & ~FUTEX_OP_OPARG_SHIFT_V);
	const char *cn = xlat_name(&xlat_futex_wake_cmps, cmp);
	char *t = arena_printf(d->ar, "%s", (op & FUTEX_OP_OPARG_SHIFT_V) ? "FUTEX_OP_OPARG_SHIFT<<28|" : "");

	t = on ? arena_printf(d->ar, "%s%s<<28", t, on) :
		 arena_printf(d->ar, "%s%#x /* FUTEX_OP_??? */<<28", t, op & ~FUTEX_OP_OPARG_SHIFT_V);
	t = arena_printf(d->ar, "%s|%#x<<12|", t, (v >> 12) & 0xfff);
	t = cn ? arena_printf(d->ar, "%s%s<<24", t, cn) :
		 arena_printf(d->ar, "%s%#x /* FUTEX_OP_CMP_??? */<<24", t, cmp);
	if (v & 0xfff)
		t = arena_printf(d->ar, "%s|%#x", t, v & 0xfff);
	else
		t = arena_printf(d->ar, "%s|0", t);
	struct hv *e = hv_expr(d, "%s", t);

	e->u = v;
	e->flags |= HVF_NUM;
	return e;
}

void dec_futex(struct dctx *d)
{
	unsigned int op = d_ui(d, 1), cmd = op & FUTEX_CMD_MASK_V;

	arg(d, v_ptr(d, 0));
	arg(d, hv_sym(d, &xlat_futex_ops, op, true));
	switch (cmd) {
	case FUTEX_WAIT_V:
	case FUTEX_WAIT_BITSET_V:
	case FUTEX_WAIT_REQUEUE_PI_V:
		arg(d, v_uint(d, 2));
		arg(d, v_tspec(d, 3, HY_AT_ENTER));
		if (cmd == FUTEX_WAIT_BITSET_V)
			arg(d, futex_bitset(d, d_ui(d, 5)));
		else if (cmd == FUTEX_WAIT_REQUEUE_PI_V)
			arg(d, v_ptr(d, 4));
		break;
	case FUTEX_LOCK_PI_V:
	case FUTEX_LOCK_PI2_V:
		arg(d, v_tspec(d, 3, HY_AT_ENTER));
		break;
	case FUTEX_WAKE_BITSET_V:
		arg(d, v_uint(d, 2));
		arg(d, futex_bitset(d, d_ui(d, 5)));
		break;
	case FUTEX_REQUEUE_V:
	case FUTEX_CMP_REQUEUE_V:
	case FUTEX_CMP_REQUEUE_PI_V:
	case FUTEX_WAKE_OP_V:
		arg(d, v_uint(d, 2));
		arg(d, v_uint(d, 3));
		arg(d, v_ptr(d, 4));
		if (cmd == FUTEX_CMP_REQUEUE_V || cmd == FUTEX_CMP_REQUEUE_PI_V)
			arg(d, v_uint(d, 5));
		else if (cmd == FUTEX_WAKE_OP_V)
			arg(d, futex_wake_op(d, d_ui(d, 5)));
		break;
	case FUTEX_WAKE_V:
	case FUTEX_FD_V:
		arg(d, v_uint(d, 2));
		break;
	case FUTEX_UNLOCK_PI_V:
	case FUTEX_TRYLOCK_PI_V:
		break;
	default:
		arg(d, v_uint(d, 2));
		arg(d, v_hex(d, 3));
		arg(d, v_hex(d, 4));
		arg(d, v_hex(d, 5));
		break;
	}
}

/* getrandom's buffer: strace always prints it in \x hex (QUOTE_FORCE_HEX). */
void dec_getrandom(struct dctx *d)
{
	if (!d->exiting)
		return d_pending(d);
	const struct event_blob *b = event_blob(d->ev, 0, HY_AT_EXIT, 0);
	uint64_t len = d_failed(d) ? 0 : (uint64_t)d_ret(d);

	if (d_failed(d) || !d_u(d, 0) || (len && (!b || b->h.err))) {
		arg(d, v_ptr(d, 0));
	} else {
		uint64_t show = len < d->o->strsize ? len : d->o->strsize;
		char *t = arena_alloc(d->ar, show * 4 + 6), *o = t;

		if (b && show > b->h.len)
			show = b->h.len;
		*o++ = '"';
		for (uint64_t k = 0; k < show; k++)
			o += sprintf(o, "\\x%02x", b->data[k]);
		*o++ = '"';
		if (len > show)
			o += sprintf(o, "...");
		*o = '\0';
		arg(d, hv_expr(d, "%s", t));
	}
	arg(d, v_ulong(d, 1));
	arg(d, v_flags_or(d, 2, &xlat_getrandom_flags, "GRND_???"));
}
