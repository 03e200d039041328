// SPDX-License-Identifier: LGPL-2.1-or-later
/* protobuf.c: a small protobuf wire-format writer (see protobuf.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "protobuf.h"

unsigned int pb_varint_size(uint64_t v)
{
	unsigned int n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

unsigned int pb_varint_encode(uint8_t *out, uint64_t v)
{
	unsigned int n = 0;

	while (v >= 0x80) {
		out[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	out[n++] = (uint8_t)v;
	return n;
}

void pb_reset(struct pb *pb)
{
	pb->len = 0;
	pb->err = 0;
	pb->depth = 0;
}

void pb_free(struct pb *pb)
{
	free(pb->buf);
	memset(pb, 0, sizeof(*pb));
}

static bool pb_room(struct pb *pb, size_t more)
{
	if (pb->err)
		return false;
	if (pb->len + more <= pb->cap)
		return true;
	size_t ncap = pb->cap ? pb->cap : 256;

	while (ncap < pb->len + more)
		ncap *= 2;
	uint8_t *n = realloc(pb->buf, ncap);

	if (!n) {
		pb->err = -ENOMEM;
		return false;
	}
	pb->buf = n;
	pb->cap = ncap;
	return true;
}

void pb_raw(struct pb *pb, const void *data, size_t len)
{
	if (!len || !pb_room(pb, len))
		return;
	memcpy(pb->buf + pb->len, data, len);
	pb->len += len;
}

void pb_varint(struct pb *pb, uint64_t v)
{
	if (!pb_room(pb, 10))
		return;
	pb->len += pb_varint_encode(pb->buf + pb->len, v);
}

void pb_tag(struct pb *pb, uint32_t field, enum pb_wire wt)
{
	pb_varint(pb, (uint64_t)field << 3 | wt);
}

void pb_uint(struct pb *pb, uint32_t field, uint64_t v)
{
	pb_tag(pb, field, PB_VARINT);
	pb_varint(pb, v);
}

void pb_int(struct pb *pb, uint32_t field, int64_t v)
{
	pb_uint(pb, field, (uint64_t)v);	/* negative: 10 bytes, as protobuf's int64 */
}

void pb_sint(struct pb *pb, uint32_t field, int64_t v)
{
	pb_uint(pb, field, pb_zigzag(v));
}

void pb_bool(struct pb *pb, uint32_t field, bool v)
{
	pb_uint(pb, field, v ? 1 : 0);
}

void pb_fixed64(struct pb *pb, uint32_t field, uint64_t v)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	pb_tag(pb, field, PB_I64);
	pb_raw(pb, b, 8);
}

void pb_fixed32(struct pb *pb, uint32_t field, uint32_t v)
{
	uint8_t b[4];

	for (int i = 0; i < 4; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	pb_tag(pb, field, PB_I32);
	pb_raw(pb, b, 4);
}

void pb_bytes(struct pb *pb, uint32_t field, const void *data, size_t len)
{
	pb_tag(pb, field, PB_LEN);
	pb_varint(pb, len);
	pb_raw(pb, data, len);
}

void pb_string(struct pb *pb, uint32_t field, const char *s)
{
	pb_bytes(pb, field, s, strlen(s));
}

void pb_begin(struct pb *pb, uint32_t field)
{
	if (pb->depth >= PB_MAX_DEPTH) {
		if (!pb->err)
			pb->err = -E2BIG;
		return;
	}
	pb_tag(pb, field, PB_LEN);
	if (!pb_room(pb, 1))
		return;
	pb->open[pb->depth++] = pb->len;
	pb->buf[pb->len++] = 0;	/* the length, patched by pb_end */
}

void pb_end(struct pb *pb)
{
	if (pb->err || pb->depth <= 0)
		return;
	size_t at = pb->open[--pb->depth];
	size_t body = pb->len - at - 1;
	unsigned int n = pb_varint_size(body);

	if (n > 1) {	/* the length needs more than the reserved byte: move the body */
		if (!pb_room(pb, n - 1))
			return;
		memmove(pb->buf + at + n, pb->buf + at + 1, body);
		pb->len += n - 1;
	}
	pb_varint_encode(pb->buf + at, body);
}
