/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* event.h: a parsed view of one hytrace record (struct hy_rec + blobs). */
#ifndef HY_EVENT_H
#define HY_EVENT_H

#include <stddef.h>
#include <stdint.h>
#include "../bpf/hytrace.h"

struct event_blob {
	struct hy_blob h;
	const uint8_t *data;	/* h.len bytes; not NUL-terminated */
};

struct event {
	struct hy_rec r;
	unsigned int nblobs;
	struct event_blob b[HY_MAX_BLOBS];
};

/* Parse a record of len bytes at buf into ev; the blobs point into buf. 0 or -EINVAL. */
int event_parse(struct event *ev, const void *buf, size_t len);

/* The blob for argument arg captured at when (HY_AT_*), element idx; NULL if none. */
const struct event_blob *event_blob(const struct event *ev, int arg, int when, int idx);
/* Like event_blob, taking the exit capture if there is one, else the entry capture. */
const struct event_blob *event_blob_any(const struct event *ev, int arg, int idx);

/*
 * A growable record under construction (used by the ptrace backend and by tests).
 * rb_begin starts a record; rb_blob appends a blob and returns its data area.
 */
struct recbuf {
	uint8_t *buf;
	size_t len, cap;
	size_t last;	/* offset of the last blob header */
};

int rb_begin(struct recbuf *rb, const struct hy_rec *hdr);
/* Append a blob with room for len bytes; returns the data area or NULL (ENOMEM, too many). */
void *rb_blob(struct recbuf *rb, int arg, int when, int idx, uint64_t addr, uint32_t len);
/* Shrink the last blob to len bytes, set its err and flags. */
void rb_blob_done(struct recbuf *rb, uint32_t len, int32_t err, uint32_t flags);
struct hy_rec *rb_rec(struct recbuf *rb);
void rb_free(struct recbuf *rb);

#endif
