// SPDX-License-Identifier: LGPL-2.1-or-later
/* render.c: value trees to strace-style text. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "render.h"

static const char hexd[] = "0123456789abcdef";
static const unsigned char plain_bytes[256] = {
	[' ' ... '"' - 1] = 1, ['"' + 1 ... '\\' - 1] = 1, ['\\' + 1 ... 0x7e] = 1,	/* GNU C ranges */
};

/*
 * strace's quoting rules (facts from strace's string_quote(), util.c):
 * -xx prints every byte as \xNN; -x does so for the whole string when any byte
 * is neither printable ASCII nor one of \t\n\v\f\r; otherwise printable bytes
 * stay, the usual C escapes are used, and other bytes are octal, in the
 * shortest form unless the next byte is an octal digit.
 */
void render_quoted(struct sbuf *sb, const char *str, size_t len, int xflag, const char *escape,
		   int quotes)
{
	const unsigned char *s = (const unsigned char *)str;
	int usehex;

	xflag &= ~RENDER_XMASK;
	usehex = xflag == 2;
	if (xflag == 1) {
		for (size_t i = 0; i < len; i++) {
			unsigned char c = s[i];

			if (c > 0x7e || (c < ' ' && (unsigned int)(c - 9) >= 5)) {
				usehex = 1;
				break;
			}
		}
	}
	sb_room(sb, len * 4 + 2);
	char *o = sb->s + sb->len;

	if (quotes)
		*o++ = '"';
	for (size_t i = 0; usehex && i < len; i++) {
		*o++ = '\\';
		*o++ = 'x';
		*o++ = hexd[s[i] >> 4];
		*o++ = hexd[s[i] & 15];
	}
	/* bytes that stay as they are: printable, not a quote or backslash, not in escape */
	const unsigned char *plain = plain_bytes;
	unsigned char mine[256];

	if (escape && *escape) {
		memcpy(mine, plain_bytes, sizeof(mine));
		for (const char *e = escape; *e; e++)
			mine[(unsigned char)*e] = 0;
		plain = mine;
	}
	for (size_t i = 0; !usehex && i < len; i++) {
		unsigned char c;

		if (plain == plain_bytes) {	/* the common case: runs of plain bytes copied whole */
			size_t run = sb_plain_copy(o, s + i, len - i);

			o += run;
			i += run;
		}
		while (i < len && plain[s[i]])	/* bytes made to escape (escape): one at a time */
			*o++ = s[i++];
		if (i == len)
			break;
		c = s[i];
		switch (c) {
		case '"': case '\\':
			*o++ = '\\';
			*o++ = c;
			continue;
		case '\f': *o++ = '\\'; *o++ = 'f'; continue;
		case '\n': *o++ = '\\'; *o++ = 'n'; continue;
		case '\r': *o++ = '\\'; *o++ = 'r'; continue;
		case '\t': *o++ = '\\'; *o++ = 't'; continue;
		case '\v': *o++ = '\\'; *o++ = 'v'; continue;
		}
		*o++ = '\\';	/* other bytes, and printable ones in escape: octal */
		if (xflag == XFLAG_HEX_CHARS) {	/* or \xHH */
			*o++ = 'x';
			*o++ = hexd[c >> 4];
			*o++ = hexd[c & 15];
			continue;
		}
		if (i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7') {
			*o++ = '0' + (c >> 6);
			*o++ = '0' + ((c >> 3) & 7);
		} else if (c >> 3) {
			if (c >> 6)
				*o++ = '0' + (c >> 6);
			*o++ = '0' + ((c >> 3) & 7);
		}
		*o++ = '0' + (c & 7);
	}
	if (quotes)
		*o++ = '"';
	sb->len = o - sb->s;
	sb->s[sb->len] = '\0';
}

/* <path> after an fd: escaped like strings (and < >), or as is for -yy socket details;
 * strace puts readlink's " (deleted)" after the brackets: </memfd:x>(deleted). */
static void render_fdpath(struct sbuf *sb, const char *p, size_t n, bool raw, int xflag)
{
	bool deleted = !raw && n > 10 && !memcmp(p + n - 10, " (deleted)", 10);

	sb_putc(sb, '<');
	if (raw)
		sb_putn(sb, p, n);
	else
		render_quoted(sb, p, deleted ? n - 10 : n, xflag, "<>", 0);
	sb_putc(sb, '>');
	if (deleted)
		sb_puts(sb, "(deleted)");
}

static void render_list(struct sbuf *sb, const struct hv *v, const char *sep, int xflag)
{
	for (const struct hv *c = v->child; c; c = c->next) {
		render_value(sb, c, xflag);
		if (c->next && !(c->next->flags & HVF_GLUE))
			sb_puts(sb, sep);
	}
}

/* The number of an HVF_NUM node in the style its flags name (strace's XLAT_STYLE_FMT_*). */
static void render_num(struct sbuf *sb, const struct hv *v)
{
	if (v->flags & HVF_NUMDEC)
		sb_puti(sb, v->i);
	else if (v->flags & HVF_NUMUDEC)
		sb_putu(sb, v->u);
	else if (v->flags & HVF_NUMOCT)
		sb_printf(sb, "%#" PRIo64, v->u);
	else if (v->flags & HVF_NUM32)
		sb_putx(sb, (uint32_t)v->u);
	else
		sb_putx(sb, v->u);
}

/* The signal number a sigset element's name stands for ("INT", "RTMIN", "RT_3", "40"), or 0. */
static int sigset_num(const char *t, size_t n)
{
	char name[16];

	if (n >= sizeof(name) - 3)
		return 0;
	if (n == 5 && !memcmp(t, "RTMIN", 5))
		return 32;
	memcpy(name, "SIG", 3);
	memcpy(name + 3, t, n);
	name[n + 3] = '\0';
	for (int sig = 1; sig <= 64; sig++) {
		const char *sn = signame(sig);

		if (sn && !strcmp(sn, name))
			return sig;
	}
	if (n > 3 && !memcmp(t, "RT_", 3))
		return 32 + atoi(name + 6);
	return atoi(name + 3);
}

/*
 * A signal set under -X raw or -X verbose: [INT RT_1] as [2 33] or [2 /\* INT *\/ 33 /\* RT_1 *\/]
 * (strace 6.1, sprintsigmask_n with the xlat style).
 */
static void render_sigset(struct sbuf *sb, const char *t, bool verbose)
{
	const char *p = t;

	while (*p && *p != '[')
		sb_putc(sb, *p++);
	if (*p)
		sb_putc(sb, *p++);
	while (*p && *p != ']') {
		const char *e = p;

		while (*e && *e != ' ' && *e != ']')
			e++;
		sb_puti(sb, sigset_num(p, e - p));
		if (verbose) {
			sb_puts(sb, " /* ");
			sb_putn(sb, p, e - p);
			sb_puts(sb, " */");
		}
		p = *e == ' ' ? e + 1 : e;
		if (*e == ' ')
			sb_putc(sb, ' ');
	}
	sb_puts(sb, p);
}

/* "ARCH_???": the comment an unknown constant gets; -X raw prints the bare number, as strace */
static bool unknown_mark(const char *c)
{
	size_t n = strlen(c);

	return n >= 3 && !strcmp(c + n - 3, "???");
}

void render_value(struct sbuf *sb, const struct hv *v, int xflag)
{
	if ((xflag & RENDER_XMASK) && (v->flags & HVF_XALT) && v->kind == HV_EXPR && v->child) {
		/* a second alternative, when there is one, is the -X verbose form */
		const struct hv *alt = (xflag & RENDER_XVERBOSE) && v->child->next ? v->child->next :
				       v->child;

		if (v->name && !alt->name) {
			sb_puts(sb, v->name);
			sb_putc(sb, '=');
		}
		render_value(sb, alt, xflag);
		return;
	}
	if (v->name) {
		sb_puts(sb, v->name);
		sb_putc(sb, '=');
	}
	if (v->flags & HVF_INDEX) {	/* [NAME]=value, [1 / * NAME * /]=value under -X verbose */
		sb_putc(sb, '[');
		if (v->text && !(xflag & RENDER_XMASK)) {
			sb_puts(sb, v->text);
		} else {
			sb_putu(sb, v->u);
			if (v->text && (xflag & RENDER_XVERBOSE))
				sb_printf(sb, " /* %s */", v->text);
			else if (!v->text && v->comment && !(xflag & RENDER_XRAW))
				sb_printf(sb, " /* %s */", v->comment);
		}
		sb_puts(sb, "]=");
		if (v->child)
			render_value(sb, v->child, xflag);
		return;
	}
	/* -X raw / -X verbose: a named constant as its number (then its name in a comment) */
	if ((xflag & RENDER_XMASK) && (v->flags & HVF_NUM) &&
	    (v->kind == HV_SYM || v->kind == HV_EXPR) && v->text) {
		if (v->flags & HVF_SIGSET)
			render_sigset(sb, v->text, xflag & RENDER_XVERBOSE);
		else
			render_num(sb, v);
		if ((xflag & RENDER_XVERBOSE) && !(v->flags & HVF_SIGSET)) {
			sb_puts(sb, " /* ");
			sb_puts(sb, v->text);
			sb_puts(sb, " */");
		}
		if (v->comment && (xflag & RENDER_XVERBOSE)) {
			sb_puts(sb, " /* ");
			sb_puts(sb, v->comment);
			sb_puts(sb, " */");
		}
		return;
	}
	switch (v->kind) {
	case HV_INT:
		sb_puti(sb, v->i);
		break;
	case HV_UINT:
		sb_putu(sb, v->u);
		break;
	case HV_HEX:
		sb_putx(sb, v->u);
		break;
	case HV_OCT:
		if (v->flags & HVF_OCT3)
			sb_printf(sb, "%#03" PRIo64, v->u);
		else
			sb_printf(sb, "%#" PRIo64, v->u);
		break;
	case HV_PTR:
		if (v->u)
			sb_putx(sb, v->u);
		else
			sb_puts(sb, "NULL");
		break;
	case HV_SYM:
	case HV_EXPR:
		sb_puts(sb, v->text ? v->text : "?");
		break;
	case HV_STR:
		render_quoted(sb, v->text, v->len, xflag & ~RENDER_XMASK, NULL,
			      !(v->flags & HVF_NOQUOTE));
		if (v->flags & HVF_TRUNC)
			sb_puts(sb, "...");
		break;
	case HV_FD:
		if ((v->flags & HVF_ATCWD) && !(xflag & RENDER_XMASK))
			sb_puts(sb, "AT_FDCWD");
		else
			sb_puti(sb, v->i);
		if ((v->flags & HVF_ATCWD) && (xflag & RENDER_XVERBOSE))
			sb_puts(sb, " /* AT_FDCWD */");
		if (v->text)
			render_fdpath(sb, v->text, strlen(v->text), v->flags & HVF_FDRAW, xflag);
		break;
	case HV_STRUCT:
		sb_putc(sb, '{');
		render_list(sb, v, ", ", xflag);
		sb_putc(sb, '}');
		break;
	case HV_ARRAY:
		sb_puts(sb, (v->flags & HVF_NOT) ? "~[" : "[");
		render_list(sb, v, (v->flags & HVF_SPACES) ? " " : ", ", xflag);
		sb_putc(sb, ']');
		break;
	case HV_MORE:
		sb_puts(sb, "...");
		break;
	case HV_CHANGED:
		if (v->child) {
			render_value(sb, v->child, xflag);
			if (v->child->next) {
				sb_puts(sb, " => ");
				render_value(sb, v->child->next, xflag);
			}
		}
		break;
	case HV_PENDING:
		break;
	}
	if (v->comment && !((xflag & RENDER_XRAW) &&
			    ((v->flags & HVF_XCOMMENT) || unknown_mark(v->comment)))) {
		sb_puts(sb, " /* ");
		sb_puts(sb, v->comment);
		sb_puts(sb, " */");
	}
}

void render_args(struct sbuf *sb, const struct hv *args, int xflag)
{
	render_list(sb, args, ", ", xflag);
}

static const struct event_blob *ret_fd_path(const struct dctx *d)
{
	for (unsigned int k = 0; k < d->ev->nblobs; k++) {
		const struct event_blob *b = &d->ev->b[k];

		if (b->h.arg == HY_ARG_RET && (b->h.flags & HY_BF_FDPATH) && !b->h.err)
			return b;
	}
	return NULL;
}

/* -e inject=: strace's marks after the return value (src/syscall.c, syscall_exiting_trace) */
static void render_tamper(struct sbuf *sb, const struct hy_rec *r)
{
	if (r->flags & HY_F_INJECTED)
		sb_puts(sb, " (INJECTED)");
	if (r->flags & HY_F_DELAYED)
		sb_puts(sb, " (DELAYED)");
}

void render_ret(struct sbuf *sb, const struct dctx *d, int xflag)
{
	const struct hy_rec *r = &d->ev->r;

	if (r->flags & HY_F_NO_EXIT) {
		sb_puts(sb, "= ?");
		return;
	}
	if (d->ret_is_error) {
		int err = (int)-r->ret;
		const char *name = errno_name(err);
		const char *text = errno_text(err);

		if (err >= 512 && err <= 516)
			sb_printf(sb, "= ? %s", name ? name : "ERESTART?");
		else if (name) {
			sb_puts(sb, "= -1 ");
			sb_puts(sb, name);
		} else {
			sb_puts(sb, "= -1 ");
			sb_puti(sb, err);
		}
		if (text) {
			sb_puts(sb, " (");
			sb_puts(sb, text);
			sb_putc(sb, ')');
		}
		render_tamper(sb, r);
		return;
	}
	sb_puts(sb, "= ");
	if (d->ret) {
		render_value(sb, d->ret, xflag);
	} else {
		switch (d->se ? d->se->ret : RV_HEX) {
		case RV_DEC:
		case RV_TGID:
		case RV_TID:
		case RV_PGID:
		case RV_SID:
			sb_puti(sb, (int64_t)r->ret);
			break;
		case RV_UDEC:
			sb_putu(sb, (uint64_t)r->ret);
			break;
		case RV_HEX:
			sb_putx(sb, (uint64_t)r->ret);
			break;
		case RV_OCT:
			sb_printf(sb, "%#" PRIo64, (uint64_t)r->ret);
			break;
		case RV_FD: {
			const struct event_blob *p = d->o->yflag ? ret_fd_path(d) : NULL;

			sb_puti(sb, (int64_t)r->ret);
			if (p)
				render_fdpath(sb, (const char *)p->data, p->h.len,
					      p->h.flags & HY_BF_FDRAW, xflag);
			break;
		}
		case RV_NONE:
			sb_putc(sb, '?');
			break;
		}
	}
	/* a note naming the value (HVF_XCOMMENT) is not printed with -X raw, as strace */
	if (d->ret_note && !((xflag & RENDER_XRAW) && (d->ret_note->flags & HVF_XCOMMENT))) {
		sb_puts(sb, " (");	/* strace's auxstr: text, whatever -X says */
		render_value(sb, d->ret_note, xflag & ~RENDER_XMASK);
		sb_putc(sb, ')');
	}
	render_tamper(sb, r);
}
