// SPDX-License-Identifier: LGPL-2.1-or-later
/* ioctl.c: ioctl(2): the request name or _IOC(...) form, and the tty/file-layer arguments. */
/* Output formats follow strace 6.1 (src/ioctl.c, src/term.c, src/file_ioctl.c). */
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

/* include/uapi/asm-generic/ioctls.h, termbits.h (x86_64 uses the generic values) */
#define TCGETS_V	0x5401
#define TCSETS_V	0x5402
#define TCSETSW_V	0x5403
#define TCSETSF_V	0x5404
#define TCGETA_V	0x5405
#define TCSETA_V	0x5406
#define TCSETAW_V	0x5407
#define TCSETAF_V	0x5408
#define TCSBRK_V	0x5409
#define TCXONC_V	0x540A
#define TCFLSH_V	0x540B
#define TIOCSCTTY_V	0x540E
#define TIOCGPGRP_V	0x540F
#define TIOCSPGRP_V	0x5410
#define TIOCOUTQ_V	0x5411
#define TIOCGWINSZ_V	0x5413
#define TIOCSWINSZ_V	0x5414
#define TIOCMGET_V	0x5415
#define TIOCMBIS_V	0x5416
#define TIOCMBIC_V	0x5417
#define TIOCMSET_V	0x5418
#define FIONREAD_V	0x541B
#define FIONBIO_V	0x5421
#define TIOCSETD_V	0x5423
#define TIOCGETD_V	0x5424
#define TCSBRKP_V	0x5425
#define TIOCGSID_V	0x5429
#define TIOCGPTN_V	0x80045430
#define TIOCSPTLCK_V	0x40045431
#define FIOASYNC_V	0x5452

#define CBAUD_V		0010017
#define CIBAUD_V	002003600000
#define IBSHIFT_V	16
#define CSIZE_V		0000060
#define NLDLY_V		0000400
#define CRDLY_V		0003000
#define TABDLY_V	0014000
#define BSDLY_V		0020000
#define VTDLY_V		0040000
#define FFDLY_V		0100000
#define NCCS_V		19	/* kernel struct termios */
#define NCC_V		8	/* struct termio */

/* The request: its name ("A or B" when strace knows two), or _IOC(dir, type, nr, size). */
static struct hv *ioctl_request(struct dctx *d, uint32_t req)
{
	const char *n = xlat_name(&xlat_ioctl_tty, req);
	const char *alias = xlat_name(&xlat_ioctl_aliases, req);
	struct hv *v = hv_new(d, HV_SYM);

	v->u = req;
	v->flags |= HVF_NUM;
	if (n) {
		v->text = alias ? arena_printf(d->ar, "%s or %s", alias, n) : n;
		return v;
	}
	uint32_t dir = req >> 30, type = (req >> 8) & 0xff, nr = req & 0xff, size = (req >> 16) & 0x3fff;
	char *dn = dir ? flags_text(d, &xlat_ioc_dirs, dir) : "_IOC_NONE";

	v->text = size ? arena_printf(d->ar, "_IOC(%s, %#x, %#x, %#x)", dn, type, nr, size) :
			 arena_printf(d->ar, "_IOC(%s, %#x, %#x, 0)", dn, type, nr);
	return v;
}

static bool ioc_fetch(struct dctx *d, int when, void *buf, size_t size)
{
	const struct event_blob *b = event_blob(d->ev, 2, when, 0);

	if (!b || b->h.err || b->h.len < size)
		return false;
	memcpy(buf, b->data, size);
	return true;
}

/* An int pointer argument: [N] (at exit: address when the call failed). */
static struct hv *ioc_int(struct dctx *d, int when)
{
	int32_t n;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !ioc_fetch(d, when, &n, sizeof(n)))
		return v_ptr(d, 2);
	struct hv *a = hv_array(d);

	hv_add(a, NULL, hv_int(d, n));
	return a;
}

static struct hv *ioc_winsize(struct dctx *d, int when)
{
	uint16_t w[4];

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !ioc_fetch(d, when, w, sizeof(w)))
		return v_ptr(d, 2);
	struct hv *s = hv_struct(d);

	hv_add(s, "ws_row", hv_uint(d, w[0]));
	hv_add(s, "ws_col", hv_uint(d, w[1]));
	hv_add(s, "ws_xpixel", hv_uint(d, w[2]));
	hv_add(s, "ws_ypixel", hv_uint(d, w[3]));
	return s;
}

static struct hv *sym_text(struct dctx *d, char *t, uint64_t v)
{
	struct hv *s = hv_new(d, HV_SYM);

	s->text = t;
	s->u = v;
	s->flags |= HVF_NUM;
	return s;
}

static char *enum_text(struct dctx *d, const struct xlat *x, uint64_t v, const char *dflt)
{
	const char *n = xlat_name(x, v);

	return n ? (char *)n : arena_printf(d->ar, "%#llx /* %s */", (unsigned long long)v, dflt);
}

/* strace's print_oflag: the six delay fields, then the flags. */
static struct hv *term_oflag(struct dctx *d, uint32_t f)
{
	static const uint32_t dly[] = { NLDLY_V, CRDLY_V, TABDLY_V, BSDLY_V, VTDLY_V, FFDLY_V };
	char *t = "";

	for (unsigned int i = 0; i < sizeof(dly) / sizeof(dly[0]); i++) {
		const char *n = NULL;

		/* the zero names (NL0, CR0...) are found by position: NL0 is the 0 before NL1 */
		for (unsigned int k = 0; k < xlat_term_odelays.n; k++) {
			const struct xlat_ent *e = &xlat_term_odelays.e[k];

			if (e->val == (f & dly[i]) && (k + 1 < xlat_term_odelays.n) &&
			    (e->val || (xlat_term_odelays.e[k + 1].val & dly[i]))) {
				n = e->name;
				break;
			}
		}
		t = arena_printf(d->ar, "%s%s%s", t, *t ? "|" : "", n ? n : "?");
	}
	uint32_t rest = f & ~(NLDLY_V | CRDLY_V | TABDLY_V | BSDLY_V | VTDLY_V | FFDLY_V);

	if (rest)
		t = arena_printf(d->ar, "%s|%s", t, flags_text(d, &xlat_term_oflags, rest));
	return sym_text(d, t, f);
}

/* strace's print_cflag: baud|[ibaud<<IBSHIFT|]CSn|flags */
static struct hv *term_cflag(struct dctx *d, uint32_t f)
{
	char *t = enum_text(d, &xlat_baud_options, f & CBAUD_V, "B???");

	if (f & CIBAUD_V)
		t = arena_printf(d->ar, "%s|%s<<IBSHIFT", t,
				 enum_text(d, &xlat_baud_options, (f & CIBAUD_V) >> IBSHIFT_V, "B???"));
	t = arena_printf(d->ar, "%s|%s", t, enum_text(d, &xlat_term_csize, f & CSIZE_V, "CS?"));
	uint32_t rest = f & ~(CBAUD_V | CIBAUD_V | CSIZE_V);

	if (rest)
		t = arena_printf(d->ar, "%s|%s", t, flags_text(d, &xlat_term_cflags, rest));
	return sym_text(d, t, f);
}

/* struct termios (kernel, 36 bytes) or struct termio (18 bytes); "..." without -v. */
static struct hv *ioc_termios(struct dctx *d, int when, bool termio)
{
	uint8_t buf[36];
	uint32_t fl[4];
	size_t size = termio ? 18 : 36, ncc = termio ? NCC_V : NCCS_V;
	const uint8_t *cc;
	uint8_t line;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !ioc_fetch(d, when, buf, size))
		return v_ptr(d, 2);
	if (termio) {
		uint16_t s[4];

		memcpy(s, buf, sizeof(s));
		for (int i = 0; i < 4; i++)
			fl[i] = s[i];
		line = buf[8];
		cc = buf + 9;
	} else {
		memcpy(fl, buf, sizeof(fl));
		line = buf[16];
		cc = buf + 17;
	}
	struct hv *s = hv_struct(d);

	hv_add(s, "c_iflag", hv_flags_or(d, &xlat_term_iflags, fl[0], "IGN???"));
	hv_add(s, "c_oflag", term_oflag(d, fl[1]));
	hv_add(s, "c_cflag", term_cflag(d, fl[2]));
	hv_add(s, "c_lflag", hv_flags_or(d, &xlat_term_lflags, fl[3], "ISIG???"));
	if (!d->o->verbose) {
		hv_add(s, NULL, hv_more(d));
		return s;
	}
	hv_add(s, "c_line", hv_sym(d, &xlat_term_line_discs, line, true));
	struct hv *a = hv_array(d);

	for (size_t i = 0; i < ncc; i++) {
		const char *n = xlat_name(&xlat_term_cc, i);
		struct hv *e = hv_hex(d, cc[i]);

		e->name = n ? arena_printf(d->ar, "[%s]", n) : arena_printf(d->ar, "[%zu]", i);
		hv_add(a, NULL, e);
	}
	hv_add(s, "c_cc", a);
	return s;
}

void dec_ioctl(struct dctx *d)
{
	uint32_t req = d_ui(d, 1);

	arg(d, v_fd(d, 0));
	arg(d, ioctl_request(d, req));
	switch (req) {
	case TCGETS_V:
	case TCGETA_V:
		if (!d->exiting)
			return d_pending(d);
		arg(d, ioc_termios(d, HY_AT_EXIT, req == TCGETA_V));
		break;
	case TCSETS_V:
	case TCSETSW_V:
	case TCSETSF_V:
		arg(d, ioc_termios(d, HY_AT_ENTER, false));
		break;
	case TCSETA_V:
	case TCSETAW_V:
	case TCSETAF_V:
		arg(d, ioc_termios(d, HY_AT_ENTER, true));
		break;
	case TIOCGWINSZ_V:
		if (!d->exiting)
			return d_pending(d);
		arg(d, ioc_winsize(d, HY_AT_EXIT));
		break;
	case TIOCSWINSZ_V:
		arg(d, ioc_winsize(d, HY_AT_ENTER));
		break;
	case FIONREAD_V:
	case TIOCOUTQ_V:
	case TIOCGPGRP_V:
	case TIOCGSID_V:
	case TIOCMGET_V:
	case TIOCGETD_V:
	case TIOCGPTN_V:
		if (!d->exiting)
			return d_pending(d);
		arg(d, ioc_int(d, HY_AT_EXIT));
		break;
	case FIONBIO_V:
	case FIOASYNC_V:
	case TIOCSPGRP_V:
	case TIOCSPTLCK_V:
	case TIOCSETD_V:
	case TIOCMBIS_V:
	case TIOCMBIC_V:
	case TIOCMSET_V:
		arg(d, ioc_int(d, HY_AT_ENTER));
		break;
	case TCXONC_V:
		arg(d, hv_sym(d, &xlat_tcxonc_args, d_u(d, 2), true));
		break;
	case TCFLSH_V:
		arg(d, hv_sym(d, &xlat_tcflsh_args, d_u(d, 2), true));
		break;
	case TIOCSCTTY_V:
	case TCSBRK_V:
	case TCSBRKP_V:
		arg(d, v_int(d, 2));
		break;
	default:
		/* requests without an argument: strace prints none */
		if (xlat_name(&xlat_ioctl_noarg, req))
			break;
		arg(d, v_hex(d, 2));
		break;
	}
}
