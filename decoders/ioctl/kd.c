// SPDX-License-Identifier: LGPL-2.1-or-later
/* kd.c: ioctl(2) requests of type 'K' (0x4b): the Linux console and keyboard (KD*, KIOCSOUND...). */
/* Output formats follow strace 6.1 (src/kd_ioctl.c); request values: include/uapi/linux/kd.h. */
#include <errno.h>
#include "ioctl.h"
#include "xlat_gen.h"

enum {
	KIOCSOUND = 0x4b2f, KDMKTONE = 0x4b30, KDGETLED = 0x4b31, KDSETLED = 0x4b32,
	KDGKBTYPE = 0x4b33, KDADDIO = 0x4b34, KDDELIO = 0x4b35, KDENABIO = 0x4b36,
	KDDISABIO = 0x4b37, KDSETMODE = 0x4b3a, KDGETMODE = 0x4b3b, KDMAPDISP = 0x4b3c,
	KDUNMAPDISP = 0x4b3d, KDGKBMODE = 0x4b44, KDSKBMODE = 0x4b45, KDGKBENT = 0x4b46,
	KDSKBENT = 0x4b47, KDSIGACCEPT = 0x4b4e, KDKBDREP = 0x4b52, KDGKBMETA = 0x4b62,
	KDSKBMETA = 0x4b63, KDGKBLED = 0x4b64, KDSKBLED = 0x4b65, PIO_FONTRESET = 0x4b6d,
};

#define PIT_TICK_RATE	1193182u	/* the kernel's i8253 input clock (Hz) */
#define GPFIRST		0x3b4		/* KDADDIO's first port, drivers/tty/vt/vt_ioctl.c */
#define GPLAST		0x3df

/* KIOCSOUND: the divisor, with the frequency it gives or "off" */
static struct hv *kd_sound(struct dctx *d)
{
	uint64_t a = d_u(d, 2);
	unsigned int freq = a ? (unsigned int)(PIT_TICK_RATE / a) : 0;
	struct hv *v = hv_uint(d, a);

	return freq ? hv_comment(d, v, "%u Hz", freq) : hv_comment(d, v, "off");
}

/* KDMKTONE: ticks<<16|count, with the frequency and length or "off" */
static struct hv *kd_tone(struct dctx *d)
{
	uint32_t a = d_ui(d, 2), ticks = a >> 16, count = a & 0xffff;
	unsigned int freq = ticks && count ? PIT_TICK_RATE / count : 0;
	struct hv *v = ticks ? hv_expr(d, "%u<<16|%u", ticks, count) : hv_uint(d, count);

	return freq ? hv_comment(d, v, "%u Hz, %u ms", freq, ticks) : hv_comment(d, v, "off");
}

/* [VALUE] of a get request: an object of size bytes written by the call; how: 'f' flags,
 * 'd' a decimal enum, 'x' a hex enum */
static struct hv *kd_got(struct dctx *d, size_t size, const struct xlat *x, const char *dflt,
			 int how)
{
	uint32_t v = 0;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if (d_failed(d) || !ioc_fetch(d, HY_AT_EXIT, &v, size))
		return v_ptr(d, 2);
	struct hv *a = hv_array(d);

	if (how == 'f')
		hv_add(a, NULL, hv_flags_or(d, x, v, dflt));
	else if (how == 'd')
		hv_add(a, NULL, hv_sym(d, x, v, false));
	else
		hv_add(a, NULL, hv_sym_or(d, x, v, dflt));
	return a;
}

/* struct kbentry's kb_table: a plain table's name, else modifier bits */
static struct hv *kd_kb_table(struct dctx *d, uint8_t t)
{
	const char *n = xlat_name(&xlat_kd_key_tables, t);

	if (n)
		return hv_expr(d, "%s", n);
	return hv_flags_or(d, &xlat_kd_keymap_flags, t, "K_???");
}

/*
 * KDGKBENT: {kb_table=..., kb_index=N} as read at entry, printed at exit; after a call that
 * worked strace adds kb_value with its key name, which is not decoded here: the address then.
 */
static int kd_get_entry(struct dctx *d)
{
	uint8_t e[2];

	if (!d->exiting) {
		d_pending(d);
		return 0;
	}
	if (!d_u(d, 2)) {
		arg(d, hv_ptr(d, 0));
		return 0;
	}
	if (!d_failed(d) || !ioc_fetch(d, HY_AT_ENTER, e, sizeof(e))) {
		arg(d, v_ptr(d, 2));
		return 0;
	}
	struct hv *s = hv_struct(d);

	hv_add(s, "kb_table", kd_kb_table(d, e[0]));
	hv_add(s, "kb_index", hv_uint(d, e[1]));
	arg(d, s);
	return 0;
}

/* KDKBDREP: {delay=N, period=N} read at entry, and what the call made of it when it worked */
static int kd_kbdrep(struct dctx *d)
{
	int32_t in[2], out[2];

	if (!d_u(d, 2)) {
		arg(d, hv_ptr(d, 0));
		return 0;
	}
	if (!ioc_fetch(d, HY_AT_ENTER, in, sizeof(in))) {
		arg(d, v_ptr(d, 2));
		return 0;
	}
	struct hv *s = hv_struct(d);

	hv_add(s, "delay", hv_int(d, in[0]));
	hv_add(s, "period", hv_int(d, in[1]));
	if (!d->exiting) {
		d_pending(d);	/* the whole struct at exit, as the other families do */
		return 0;
	}
	if (d_failed(d) || !ioc_fetch(d, HY_AT_EXIT, out, sizeof(out))) {
		arg(d, s);
		return 0;
	}
	struct hv *o = hv_struct(d);

	hv_add(o, "delay", hv_int(d, out[0]));
	hv_add(o, "period", hv_int(d, out[1]));
	arg(d, hv_changed(d, s, o));
	return 0;
}

static int kd_decode(struct dctx *d, uint32_t req)
{
	uint64_t a = d_u(d, 2);

	switch (req) {
	case KIOCSOUND:
		arg(d, kd_sound(d));
		return 0;
	case KDMKTONE:
		arg(d, kd_tone(d));
		return 0;
	case KDSETLED:
		arg(d, hv_flags_or(d, &xlat_kd_led_flags, (uint8_t)a, "LED_???"));
		return 0;
	case KDSKBLED:
		arg(d, hv_flags_or(d, &xlat_kd_default_led_flags, (uint8_t)a, "LED_???"));
		return 0;
	case KDADDIO:
	case KDDELIO: {
		struct hv *v = hv_hex(d, a);

		arg(d, a >= GPFIRST && a <= GPLAST ?
			       hv_comment(d, v, "GPFIRST + %llu", (unsigned long long)(a - GPFIRST)) : v);
		return 0;
	}
	case KDSETMODE:
		arg(d, hv_sym_or(d, &xlat_kd_modes, a, "KD_???"));
		return 0;
	case KDSKBMODE:
		arg(d, hv_sym(d, &xlat_kd_kbd_modes, (uint64_t)(int64_t)(int32_t)a, false));
		return 0;
	case KDSKBMETA:
		arg(d, hv_sym_or(d, &xlat_kd_meta_vals, (uint32_t)a, "K_???"));
		return 0;
	case KDSIGACCEPT:
		arg(d, a < 0x7fffffff ? hv_signal(d, (int)a) : hv_uint(d, a));
		return 0;
	case KDENABIO:
	case KDDISABIO:
	case KDMAPDISP:
	case KDUNMAPDISP:
	case PIO_FONTRESET:
		return 0;	/* no argument */
	case KDGKBENT:
		return kd_get_entry(d);
	case KDKBDREP:
		return kd_kbdrep(d);
	}
	/* the requests whose value the call writes: printed at exit */
	switch (req) {
	case KDGETLED:
	case KDGKBLED:
	case KDGKBTYPE:
	case KDGETMODE:
	case KDGKBMODE:
	case KDGKBMETA:
		break;
	default:
		return -ENOTTY;
	}
	if (!d->exiting) {
		d_pending(d);
		return 0;
	}
	switch (req) {
	case KDGETLED:
		arg(d, kd_got(d, 1, &xlat_kd_led_flags, "LED_???", 'f'));
		break;
	case KDGKBLED:
		arg(d, kd_got(d, 1, &xlat_kd_default_led_flags, "LED_???", 'f'));
		break;
	case KDGKBTYPE:
		arg(d, kd_got(d, 1, &xlat_kd_kbd_types, "KB_???", 'x'));
		break;
	case KDGETMODE:
		arg(d, kd_got(d, 4, &xlat_kd_modes, "KD_???", 'x'));
		break;
	case KDGKBMODE:
		arg(d, kd_got(d, 4, &xlat_kd_kbd_modes, "K_???", 'd'));
		break;
	case KDGKBMETA:
		arg(d, kd_got(d, 4, &xlat_kd_meta_vals, "K_???", 'x'));
		break;
	}
	return 0;
}

const struct ioctl_family ioctl_family_kd = {
	.name = "kd",
	.decode = kd_decode,
};
