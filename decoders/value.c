// SPDX-License-Identifier: LGPL-2.1-or-later
/* value.c: the arena allocator and value-tree node constructors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "decode.h"

#define CHUNK_MIN (16 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	max_align_t data[];
};

void *arena_alloc_slow(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->cur;

	n = (n + 15) & ~(size_t)15;
	if (c)	/* what the inline path took */
		c->used = (size_t)(a->next - (char *)c->data);
	/* chunks after cur are empty since the last reset: move on or add one */
	while (c && c->size - c->used < n)
		c = c->next;
	if (!c) {
		size_t size = n > CHUNK_MIN ? n : CHUNK_MIN;

		c = malloc(sizeof(*c) + size);
		if (!c) {
			fprintf(stderr, "hytrace: out of memory\n");
			abort();
		}
		c->size = size;
		c->used = 0;
		c->next = NULL;
		if (a->cur) {
			c->next = a->cur->next;
			a->cur->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	a->cur = c;

	void *p = (char *)c->data + c->used;

	c->used += n;
	a->next = (char *)c->data + c->used;
	a->end = (char *)c->data + c->size;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_join(struct arena *a, const char *x, char sep, const char *y)
{
	size_t nx = strlen(x), ny = strlen(y);
	char *p = arena_alloc(a, nx + ny + 2);

	memcpy(p, x, nx);
	p[nx] = sep;
	memcpy(p + nx + 1, y, ny + 1);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n < sizeof(buf))
		return arena_strndup(a, buf, n);
	char *p = arena_alloc(a, n + 1);

	va_start(ap, fmt);
	vsnprintf(p, n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_reset(struct arena *a)
{
	for (struct arena_chunk *c = a->head; c; c = c->next)
		c->used = 0;
	a->cur = a->head;
	a->next = a->head ? (char *)a->head->data : NULL;
	a->end = a->head ? (char *)a->head->data + a->head->size : NULL;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;

	while (c) {
		struct arena_chunk *n = c->next;

		free(c);
		c = n;
	}
	a->head = NULL;
	a->cur = NULL;
	a->next = a->end = NULL;
}

struct hv *hv_new(struct dctx *d, enum hv_kind kind)
{
	struct hv *v = arena_alloc(d->ar, sizeof(*v));

	memset(v, 0, sizeof(*v));
	v->kind = kind;
	return v;
}

struct hv *hv_int(struct dctx *d, int64_t n)
{
	struct hv *v = hv_new(d, HV_INT);

	v->i = n;
	return v;
}

struct hv *hv_uint(struct dctx *d, uint64_t n)
{
	struct hv *v = hv_new(d, HV_UINT);

	v->u = n;
	return v;
}

struct hv *hv_hex(struct dctx *d, uint64_t n)
{
	struct hv *v = hv_new(d, HV_HEX);

	v->u = n;
	return v;
}

struct hv *hv_oct(struct dctx *d, uint64_t n)
{
	struct hv *v = hv_new(d, HV_OCT);

	v->u = n;
	return v;
}

struct hv *hv_mode(struct dctx *d, uint64_t n)
{
	struct hv *v = hv_oct(d, n);

	v->flags |= HVF_OCT3;
	return v;
}

struct hv *hv_ptr(struct dctx *d, uint64_t n)
{
	struct hv *v = hv_new(d, HV_PTR);

	v->u = n;
	return v;
}

struct hv *hv_expr(struct dctx *d, const char *fmt, ...)
{
	struct hv *v = hv_new(d, HV_EXPR);
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	v->text = arena_strndup(d->ar, buf, strlen(buf));
	return v;
}

struct hv *hv_str(struct dctx *d, const void *data, size_t len, bool trunc)
{
	struct hv *v = hv_new(d, HV_STR);

	v->text = arena_strndup(d->ar, data, len);
	v->len = len;
	if (trunc)
		v->flags |= HVF_TRUNC;
	return v;
}

struct hv *hv_sym_or(struct dctx *d, const struct xlat *x, uint64_t n, const char *dflt)
{
	const char *name = xlat_name(x, n);
	struct hv *v;

	if (name) {
		v = hv_new(d, HV_SYM);
		v->text = name;
		v->u = n;
		v->flags |= HVF_NUM;
		return v;
	}
	v = hv_new(d, HV_HEX);
	v->u = n;
	v->comment = dflt;
	v->flags |= HVF_DFLT;
	return v;
}

struct hv *hv_sym(struct dctx *d, const struct xlat *x, uint64_t n, bool hex)
{
	struct hv *v = hv_sym_or(d, x, n, x->unknown);

	if (v->kind != HV_SYM && !hex) {
		v->kind = HV_INT;
		v->i = (int64_t)n;
	}
	if (v->kind == HV_SYM && !hex)
		v->flags |= HVF_NUMDEC;	/* -X raw prints it in decimal (strace's printxval_d) */
	return v;
}

/* Append "|" (unless first) and s to buf (cap bytes, len used), cut to fit; the new length. */
static size_t flags_put(char *buf, size_t len, size_t cap, const char *s, size_t n)
{
	if (len && len + 1 < cap)
		buf[len++] = '|';
	if (n > cap - 1 - len)
		n = cap - 1 - len;
	memcpy(buf + len, s, n);
	len += n;
	buf[len] = '\0';
	return len;
}

char *flags_text(struct dctx *d, const struct xlat *x, uint64_t n)
{
	static const char hexd[] = "0123456789abcdef";
	char buf[1024];
	size_t len = 0;
	uint64_t rest = n;

	buf[0] = '\0';
	for (unsigned int i = 0; i < x->n; i++) {
		uint64_t f = x->e[i].val;

		if (f == 0) {
			if (n == 0)
				return arena_strndup(d->ar, x->e[i].name, strlen(x->e[i].name));
			continue;
		}
		if ((rest & f) == f) {
			len = flags_put(buf, len, sizeof(buf), x->e[i].name, strlen(x->e[i].name));
			rest &= ~f;
			if (len >= sizeof(buf) - 64)
				break;
		}
	}
	if (rest) {	/* "%#llx" */
		char hex[20], *p = hex + sizeof(hex);

		for (uint64_t r = rest; r; r >>= 4)
			*--p = hexd[r & 15];
		*--p = 'x';
		*--p = '0';
		len = flags_put(buf, len, sizeof(buf), p, hex + sizeof(hex) - p);
	}
	if (!len)
		return NULL;
	return arena_strndup(d->ar, buf, len);
}

struct hv *hv_flags(struct dctx *d, const struct xlat *x, uint64_t n)
{
	char *t = flags_text(d, x, n);
	struct hv *v;

	if (!t)
		return hv_uint(d, 0);
	v = hv_new(d, HV_SYM);
	v->text = t;
	v->u = n;
	v->flags |= HVF_NUM;
	return v;
}

struct hv *hv_fd(struct dctx *d, int fd, const char *path)
{
	struct hv *v = hv_new(d, HV_FD);

	v->i = fd;
	v->text = path;
	return v;
}

struct hv *hv_struct(struct dctx *d)
{
	return hv_new(d, HV_STRUCT);
}

struct hv *hv_array(struct dctx *d)
{
	return hv_new(d, HV_ARRAY);
}

struct hv *hv_more(struct dctx *d)
{
	return hv_new(d, HV_MORE);
}

struct hv *hv_changed(struct dctx *d, struct hv *before, struct hv *after)
{
	struct hv *v = hv_new(d, HV_CHANGED);

	hv_add(v, NULL, before);
	hv_add(v, NULL, after);
	return v;
}

struct hv *hv_add(struct hv *parent, const char *name, struct hv *child)
{
	if (!child)
		return NULL;
	if (name)
		child->name = name;
	child->next = NULL;
	if (parent->last)
		parent->last->next = child;
	else
		parent->child = child;
	parent->last = child;
	parent->len++;
	return child;
}

struct hv *hv_comment(struct dctx *d, struct hv *v, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	v->comment = arena_strndup(d->ar, buf, strlen(buf));
	return v;
}
