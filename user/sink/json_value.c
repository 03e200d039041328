// SPDX-License-Identifier: LGPL-2.1-or-later
/* json_value.c: value trees and strings as JSON (the rules are in json_value.h). */
#include <ctype.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>
#include "json_value.h"

static const char hexd[] = "0123456789abcdef";

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 (RFC 3629, section 4). */
size_t json_utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xbf;	/* range of the second byte */

	if (c >= 0xc2 && c <= 0xdf)
		need = 2;
	else if (c >= 0xe0 && c <= 0xef)
		need = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		need = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;	/* no UTF-16 surrogates */
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;	/* nothing above U+10FFFF */
	if (n < need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return need;
}

void json_string(struct sbuf *sb, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;

	sb_room(sb, len * 6 + 2);
	char *o = sb->s + sb->len;

	*o++ = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c;

		size_t run = sb_plain_copy(o, s + i, len - i);	/* the common case, 8 bytes a time */

		o += run;
		i += run;
		if (i == len)
			break;
		c = s[i];
		if (c >= 0x80) {
			size_t n = json_utf8_len(s + i, len - i);

			if (n) {
				memcpy(o, s + i, n);
				o += n;
				i += n - 1;
			} else {	/* surrogateescape: byte 0xXY -> \udcXY */
				memcpy(o, "\\udc", 4);
				o += 4;
				*o++ = hexd[c >> 4];
				*o++ = hexd[c & 15];
			}
			continue;
		}
		switch (c) {
		case '"': case '\\':
			*o++ = '\\';
			*o++ = c;
			continue;
		case '\b': *o++ = '\\'; *o++ = 'b'; continue;
		case '\f': *o++ = '\\'; *o++ = 'f'; continue;
		case '\n': *o++ = '\\'; *o++ = 'n'; continue;
		case '\r': *o++ = '\\'; *o++ = 'r'; continue;
		case '\t': *o++ = '\\'; *o++ = 't'; continue;
		}
		if (c < 0x20 || c == 0x7f) {
			memcpy(o, "\\u00", 4);
			o += 4;
			*o++ = hexd[c >> 4];
			*o++ = hexd[c & 15];
			continue;
		}
		*o++ = c;
	}
	*o++ = '"';
	sb->len = o - sb->s;
	sb->s[sb->len] = '\0';
}

void json_cstr(struct sbuf *sb, const char *s)
{
	if (s)
		json_string(sb, s, strlen(s));
	else
		sb_puts(sb, "null");
}

/* A raw value: sign-extended 32-bit negatives (AT_FDCWD, -1) print negative, the rest unsigned. */
static void json_raw(struct sbuf *sb, uint64_t u)
{
	int64_t i = (int64_t)u;

	if (i < 0 && i >= INT32_MIN)
		sb_puti(sb, i);
	else
		sb_putu(sb, u);
}

/* "A|B|0x40" as ["A","B","0x40"]. */
static void json_names(struct sbuf *sb, const char *text)
{
	sb_putc(sb, '[');
	for (const char *p = text; ; ) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		json_string(sb, p, n);
		if (!bar)
			break;
		sb_putc(sb, ',');
		p = bar + 1;
	}
	sb_putc(sb, ']');
}

static void json_list(struct sbuf *sb, const struct hv *v)
{
	sb_putc(sb, '[');
	for (const struct hv *c = v->child; c; c = c->next) {
		json_value(sb, c);
		if (c->next)
			sb_putc(sb, ',');
	}
	sb_putc(sb, ']');
}

static void json_struct(struct sbuf *sb, const struct hv *v)
{
	unsigned int k = 0;

	sb_putc(sb, '{');
	for (const struct hv *c = v->child; c; c = c->next, k++) {
		if (k)
			sb_putc(sb, ',');
		if (c->kind == HV_MORE && !c->comment) {
			sb_puts(sb, "\"...\":true");
			continue;
		}
		if (c->name)
			json_cstr(sb, c->name);
		else
			sb_printf(sb, "\"_%u\"", k);	/* an unnamed member: its position */
		sb_putc(sb, ':');
		json_value(sb, c);
	}
	sb_putc(sb, '}');
}

/*
 * Whether an fd's preformatted text (-yy, HVF_FDRAW) names a socket: "socket:[N]" or a protocol
 * with its details ("TCP:[...]", "UNIX-STREAM:[...]", "NETLINK:[...]": strace and the kernel
 * write protocols in capitals), not a pipe ("pipe:[N]"), an anon inode or a device path with
 * its "<char 1:3>" suffix, which are files.
 */
bool json_fd_text_is_socket(const char *t, size_t n)
{
	if (n >= 7 && !memcmp(t, "socket:", 7))
		return true;
	if (!n || !isupper((unsigned char)t[0]))
		return false;
	const char *c = memchr(t, ':', n);

	return c && c + 1 < t + n && c[1] == '[';
}

static void json_fd(struct sbuf *sb, const struct hv *v)
{
	if (!v->text && !(v->flags & HVF_ATCWD)) {
		sb_puti(sb, v->i);
		return;
	}
	sb_puts(sb, "{\"fd\":");
	sb_puti(sb, v->i);
	if (v->flags & HVF_ATCWD)
		sb_puts(sb, ",\"name\":\"AT_FDCWD\"");
	if (v->text) {
		sb_puts(sb, (v->flags & HVF_FDRAW) && json_fd_text_is_socket(v->text, strlen(v->text))
				    ? ",\"socket\":" : ",\"path\":");
		json_cstr(sb, v->text);
	}
	sb_putc(sb, '}');
}

/* The node without its comment. */
static void json_bare(struct sbuf *sb, const struct hv *v)
{
	switch (v->kind) {
	case HV_INT:
		sb_puti(sb, v->i);
		break;
	case HV_UINT:
	case HV_HEX:
	case HV_OCT:
	case HV_PTR:
		sb_putu(sb, v->u);
		break;
	case HV_SYM:
		sb_puts(sb, "{\"names\":");
		json_names(sb, v->text ? v->text : "?");
		if (v->flags & HVF_NUM) {
			sb_puts(sb, ",\"raw\":");
			json_raw(sb, v->u);
		}
		sb_putc(sb, '}');
		break;
	case HV_EXPR:
		if (v->flags & HVF_NUM) {
			sb_puts(sb, "{\"expr\":");
			json_cstr(sb, v->text ? v->text : "?");
			sb_puts(sb, ",\"raw\":");
			json_raw(sb, v->u);
			sb_putc(sb, '}');
		} else {
			json_cstr(sb, v->text ? v->text : "?");
		}
		break;
	case HV_STR:
		if (v->flags & HVF_TRUNC) {
			sb_puts(sb, "{\"str\":");
			json_string(sb, v->text ? v->text : "", v->len);
			sb_puts(sb, ",\"truncated\":true}");
		} else {
			json_string(sb, v->text ? v->text : "", v->len);
		}
		break;
	case HV_FD:
		json_fd(sb, v);
		break;
	case HV_STRUCT:
		json_struct(sb, v);
		break;
	case HV_ARRAY:
		if (v->flags & HVF_NOT) {
			sb_puts(sb, "{\"not\":");
			json_list(sb, v);
			sb_putc(sb, '}');
		} else {
			json_list(sb, v);
		}
		break;
	case HV_MORE:
		sb_puts(sb, "{\"...\":true}");
		break;
	case HV_CHANGED:
		if (v->child && v->child->next) {
			sb_puts(sb, "{\"in\":");
			json_value(sb, v->child);
			sb_puts(sb, ",\"out\":");
			json_value(sb, v->child->next);
			sb_putc(sb, '}');
		} else if (v->child) {
			json_value(sb, v->child);
		} else {
			sb_puts(sb, "null");
		}
		break;
	default:	/* HV_PENDING never reaches a tree */
		sb_puts(sb, "null");
		break;
	}
}

void json_value(struct sbuf *sb, const struct hv *v)
{
	if (!v) {
		sb_puts(sb, "null");
		return;
	}
	if (!v->comment) {
		json_bare(sb, v);
		return;
	}
	sb_puts(sb, "{\"value\":");
	json_bare(sb, v);
	sb_puts(sb, ",\"comment\":");
	json_cstr(sb, v->comment);
	sb_putc(sb, '}');
}

void json_args(struct sbuf *sb, const struct dctx *d)
{
	unsigned int i = 0;

	sb_putc(sb, '{');
	for (const struct hv *c = d->args ? d->args->child : NULL; c; c = c->next, i++) {
		const char *name = d->se && i < HY_NARGS ? d->se->argnames[i] : NULL;

		if (i)
			sb_putc(sb, ',');
		if (name)
			json_cstr(sb, name);
		else
			sb_printf(sb, "\"arg%u\"", i);
		sb_putc(sb, ':');
		json_value(sb, c);
	}
	sb_putc(sb, '}');
}

/* The -y path captured for a returned fd (as render.c finds it). */
static const struct event_blob *ret_fd_path(const struct dctx *d)
{
	for (unsigned int k = 0; k < d->ev->nblobs; k++) {
		const struct event_blob *b = &d->ev->b[k];

		if (b->h.arg == HY_ARG_RET && (b->h.flags & HY_BF_FDPATH) && !b->h.err)
			return b;
	}
	return NULL;
}

void json_result(struct sbuf *sb, const struct dctx *d)
{
	const struct hy_rec *r = &d->ev->r;

	if (r->flags & HY_F_NO_EXIT) {
		sb_puts(sb, ",\"ret\":null");
		return;
	}
	sb_puts(sb, ",\"ret\":");
	sb_puti(sb, (int64_t)r->ret);
	if (d->ret_is_error) {
		int err = (int)-r->ret;
		const char *name = errno_name(err);
		const char *text = errno_text(err);

		if (name) {
			sb_puts(sb, ",\"errno\":");
			json_cstr(sb, name);
		}
		if (text) {
			sb_puts(sb, ",\"error\":");
			json_cstr(sb, text);
		}
		return;
	}
	if (d->ret) {
		sb_puts(sb, ",\"retval\":");
		json_value(sb, d->ret);
	} else if (d->se && d->se->ret == RV_FD && d->o && d->o->yflag) {
		const struct event_blob *p = ret_fd_path(d);

		if (p) {
			bool sock = (p->h.flags & HY_BF_FDRAW) &&
				    json_fd_text_is_socket((const char *)p->data, p->h.len);

			sb_printf(sb, ",\"retval\":{\"fd\":%" PRId64 ",%s:", (int64_t)r->ret,
				  sock ? "\"socket\"" : "\"path\"");
			json_string(sb, (const char *)p->data, p->h.len);
			sb_putc(sb, '}');
		}
	}
	if (d->ret_note) {
		sb_puts(sb, ",\"ret_note\":");
		json_value(sb, d->ret_note);
	}
}

void json_argv(struct sbuf *sb, const char *argv, size_t len)
{
	sb_putc(sb, '[');
	for (size_t i = 0; i < len; ) {
		const char *nul = memchr(argv + i, '\0', len - i);
		size_t n = nul ? (size_t)(nul - (argv + i)) : len - i;

		if (i)
			sb_putc(sb, ',');
		json_string(sb, argv + i, n);
		i += n + 1;
	}
	sb_putc(sb, ']');
}

const char *json_lost_reason(uint64_t reason)
{
	static const char *const names[HY_LOST_NR] = {
		[HY_LOST_RING_FULL] = "ring_full",
		[HY_LOST_TOO_BIG] = "too_big",
		[HY_LOST_READ_FAILED] = "read_failed",
		[HY_LOST_TOO_MANY_TASKS] = "too_many_tasks",
	};

	return reason < HY_LOST_NR ? names[reason] : "unknown";
}

void json_frame(struct sbuf *sb, const struct sym_frame *f)
{
	if (f->flags & (SYM_F_TRUNC | SYM_F_ERROR)) {
		if (f->flags & SYM_F_TRUNC) {
			sb_puts(sb, "{\"marker\":\"truncated\"}");
			return;
		}
		sb_puts(sb, "{\"marker\":\"error\",\"error\":");
		json_cstr(sb, sym_strerror(f->err));
		sb_putc(sb, '}');
		return;
	}
	sb_puts(sb, "{\"addr\":");
	sb_putu(sb, f->pc);
	sb_puts(sb, ",\"module\":");
	json_cstr(sb, f->module);
	if (f->func) {
		sb_puts(sb, ",\"symbol\":");
		json_cstr(sb, f->func);
		sb_puts(sb, ",\"offset\":");
		sb_putu(sb, f->func_off);
	}
	if (f->module) {
		sb_puts(sb, ",\"module_offset\":");
		sb_putu(sb, f->mod_off);
	}
	if (f->file && f->line) {
		sb_puts(sb, ",\"file\":");
		json_cstr(sb, f->file);
		sb_puts(sb, ",\"line\":");
		sb_putu(sb, f->line);
	}
	sb_putc(sb, '}');
}

void json_stack(struct sbuf *sb, const struct sym_frame *f, unsigned int n)
{
	sb_putc(sb, '[');
	for (unsigned int i = 0; i < n; i++) {
		if (i)
			sb_putc(sb, ',');
		json_frame(sb, &f[i]);
	}
	sb_putc(sb, ']');
}

void json_nvcall(struct sbuf *sb, const struct event *ev, const struct nvcall *nc)
{
	char label[192];
	size_t n = nvcall_label(ev, nc, label, sizeof(label));

	sb_puts(sb, ",\"nv_device\":");
	json_cstr(sb, nvcall_dev_name(nc->kind));
	sb_puts(sb, ",\"nv_command\":");
	json_string(sb, label, n < sizeof(label) ? n : sizeof(label) - 1);
	if (!nc->has_status)
		return;
	sb_puts(sb, ",\"nv_status\":");
	if (nc->status_name)
		json_cstr(sb, nc->status_name);
	else
		sb_printf(sb, "\"%#x\"", (unsigned int)nc->status);
	sb_puts(sb, ",\"nv_status_code\":");
	sb_putu(sb, nc->status);
	sb_puts(sb, nc->status ? ",\"nv_failed\":true" : ",\"nv_failed\":false");
}
