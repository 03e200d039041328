// SPDX-License-Identifier: LGPL-2.1-or-later
/* event.c: parse records into struct event, and build records (struct recbuf). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "event.h"

int event_parse(struct event *ev, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t off = sizeof(struct hy_rec);

	if (len < sizeof(struct hy_rec))
		return -EINVAL;
	memcpy(&ev->r, p, sizeof(ev->r));
	if (ev->r.size > len)
		return -EINVAL;
	len = ev->r.size;
	ev->nblobs = 0;
	for (unsigned int i = 0; i < ev->r.nblobs && i < HY_MAX_BLOBS; i++) {
		struct event_blob *b = &ev->b[ev->nblobs];

		if (off + sizeof(struct hy_blob) > len)
			return -EINVAL;
		memcpy(&b->h, p + off, sizeof(b->h));
		off += sizeof(struct hy_blob);
		if (b->h.len > len - off)
			return -EINVAL;
		b->data = p + off;
		off += HY_BLOB_ALIGN(b->h.len);
		ev->nblobs++;
	}
	return 0;
}

const struct event_blob *event_blob(const struct event *ev, int arg, int when, int idx)
{
	for (unsigned int i = 0; i < ev->nblobs; i++) {
		const struct event_blob *b = &ev->b[i];

		if (b->h.arg == arg && b->h.when == when && b->h.idx == idx &&
		    !(b->h.flags & HY_BF_FDPATH))
			return b;
	}
	return NULL;
}

const struct event_blob *event_blob_any(const struct event *ev, int arg, int idx)
{
	const struct event_blob *b = event_blob(ev, arg, HY_AT_EXIT, idx);

	return b ? b : event_blob(ev, arg, HY_AT_ENTER, idx);
}

static int rb_reserve(struct recbuf *rb, size_t more)
{
	if (rb->len + more <= rb->cap)
		return 0;
	size_t cap = rb->cap ? rb->cap : 4096;

	while (cap < rb->len + more)
		cap *= 2;
	uint8_t *n = realloc(rb->buf, cap);

	if (!n)
		return -ENOMEM;
	rb->buf = n;
	rb->cap = cap;
	return 0;
}

struct hy_rec *rb_rec(struct recbuf *rb)
{
	return (struct hy_rec *)rb->buf;
}

int rb_begin(struct recbuf *rb, const struct hy_rec *hdr)
{
	rb->len = 0;
	if (rb_reserve(rb, sizeof(*hdr)))
		return -ENOMEM;
	memcpy(rb->buf, hdr, sizeof(*hdr));
	rb->len = sizeof(*hdr);
	rb_rec(rb)->nblobs = 0;
	rb_rec(rb)->size = rb->len;
	return 0;
}

void *rb_blob(struct recbuf *rb, int arg, int when, int idx, uint64_t addr, uint32_t len)
{
	struct hy_rec *r = rb_rec(rb);
	struct hy_blob b = { .arg = arg, .when = when, .idx = idx, .len = len, .addr = addr };

	if (r->nblobs >= HY_MAX_BLOBS) {
		r->flags |= HY_F_BLOBS_CUT;
		return NULL;
	}
	if (rb_reserve(rb, sizeof(b) + HY_BLOB_ALIGN(len)))
		return NULL;
	r = rb_rec(rb);
	memcpy(rb->buf + rb->len, &b, sizeof(b));
	rb->last = rb->len;
	rb->len += sizeof(b);
	void *data = rb->buf + rb->len;

	memset(data, 0, HY_BLOB_ALIGN(len));
	rb->len += HY_BLOB_ALIGN(len);
	r->nblobs++;
	r->size = rb->len;
	return data;
}

void rb_blob_done(struct recbuf *rb, uint32_t len, int32_t err, uint32_t flags)
{
	struct hy_rec *r = rb_rec(rb);
	struct hy_blob *b;

	if (!r->nblobs)
		return;
	b = (struct hy_blob *)(rb->buf + rb->last);
	size_t start = (uint8_t *)(b + 1) - rb->buf;

	if (len < b->len)
		b->len = len;
	b->err = err;
	b->flags |= flags;
	rb->len = start + HY_BLOB_ALIGN(b->len);
	r->size = rb->len;
}

void rb_free(struct recbuf *rb)
{
	free(rb->buf);
	rb->buf = NULL;
	rb->len = rb->cap = 0;
}
