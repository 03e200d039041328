// SPDX-License-Identifier: LGPL-2.1-or-later
/* tty.c: ioctl(2) requests of type 'T' (0x54): the asm-generic tty and FIO* requests. */
/* Output formats follow strace 6.1 (src/term.c, src/file_ioctl.c); request values: ioctl_tty.in. */
#include <errno.h>
#include <string.h>
#include "ioctl.h"
#include "xlat_gen.h"

/* struct termios fields: include/uapi/asm-generic/termbits.h (x86_64 uses the generic values) */
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

/* The request's name: "A or B" when strace knows two names for the number. */
static const char *tty_name(struct dctx *d, uint32_t req)
{
	const char *n = xlat_name(&xlat_ioctl_tty, req);
	const char *alias = xlat_name(&xlat_ioctl_aliases, req);

	if (n && alias)
		return arena_printf(d->ar, "%s or %s", alias, n);
	return n;
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

/* [TIOCM_DTR|TIOCM_RTS] at when (exit: only when the call worked), or NULL or the address */
static struct hv *ioc_modem(struct dctx *d, int when)
{
	uint32_t m;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !ioc_fetch(d, when, &m, sizeof(m)))
		return v_ptr(d, 2);
	struct hv *a = hv_array(d);

	hv_add(a, NULL, hv_flags_or(d, &xlat_modem_flags, m, "TIOCM_???"));
	return a;
}

static int tty_decode(struct dctx *d, uint32_t req)
{
	switch (req) {
	case IOCTL_TCGETS:
	case IOCTL_TCGETA:
		if (!d->exiting) {
			d_pending(d);
			return 0;
		}
		arg(d, ioc_termios(d, HY_AT_EXIT, req == IOCTL_TCGETA));
		break;
	case IOCTL_TCSETS:
	case IOCTL_TCSETSW:
	case IOCTL_TCSETSF:
		arg(d, ioc_termios(d, HY_AT_ENTER, false));
		break;
	case IOCTL_TCSETA:
	case IOCTL_TCSETAW:
	case IOCTL_TCSETAF:
		arg(d, ioc_termios(d, HY_AT_ENTER, true));
		break;
	case IOCTL_TIOCGWINSZ:
		if (!d->exiting) {
			d_pending(d);
			return 0;
		}
		arg(d, ioc_winsize(d, HY_AT_EXIT));
		break;
	case IOCTL_TIOCSWINSZ:
		arg(d, ioc_winsize(d, HY_AT_ENTER));
		break;
	case IOCTL_FIONREAD:
	case IOCTL_TIOCOUTQ:
	case IOCTL_TIOCGPGRP:
	case IOCTL_TIOCGSID:
	case IOCTL_TIOCGETD:
	case IOCTL_TIOCGPTN:
		if (!d->exiting) {
			d_pending(d);
			return 0;
		}
		arg(d, ioc_int(d, HY_AT_EXIT));
		break;
	case IOCTL_FIONBIO:
	case IOCTL_FIOASYNC:
	case IOCTL_TIOCSPGRP:
	case IOCTL_TIOCSPTLCK:
	case IOCTL_TIOCSETD:
		arg(d, ioc_int(d, HY_AT_ENTER));
		break;
	case IOCTL_TIOCMGET:
		if (!d->exiting) {
			d_pending(d);
			return 0;
		}
		arg(d, ioc_modem(d, HY_AT_EXIT));
		break;
	case IOCTL_TIOCMBIS:
	case IOCTL_TIOCMBIC:
	case IOCTL_TIOCMSET:
		arg(d, ioc_modem(d, HY_AT_ENTER));
		break;
	case IOCTL_TCXONC:
		arg(d, hv_sym(d, &xlat_tcxonc_args, d_u(d, 2), true));
		break;
	case IOCTL_TCFLSH:
		arg(d, hv_sym(d, &xlat_tcflsh_args, d_u(d, 2), true));
		break;
	case IOCTL_TIOCSCTTY:
	case IOCTL_TCSBRK:
	case IOCTL_TCSBRKP:
		arg(d, v_int(d, 2));
		break;
	default:
		/* requests without an argument: strace prints none */
		if (xlat_name(&xlat_ioctl_noarg, req))
			break;
		return -ENOTTY;
	}
	return 0;
}

const struct ioctl_family ioctl_family_tty = {
	.name = "tty",
	.req_name = tty_name,
	.decode = tty_decode,
};
