/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* protobuf.h: a small protobuf wire-format writer (varints, zigzag, nested messages). */
/*
 * Encoding rules from https://protobuf.dev/programming-guides/encoding/:
 * a field is a tag (field number << 3 | wire type) followed by its value;
 * wire type 0 is a varint, 1 a little-endian 64-bit value, 2 a varint length
 * and that many bytes (strings, bytes, nested messages), 5 a 32-bit value.
 * Negative int32/int64 values take 10 bytes as varints; sint32/sint64 use
 * zigzag encoding instead.
 *
 * Nested messages are written in place: pb_begin() reserves one length byte,
 * pb_end() patches it and moves the body when the length needs more bytes,
 * so every length is minimally encoded and the output is canonical.
 * Allocation failures are sticky: they set err (-ENOMEM) and later calls do nothing.
 */
#ifndef HY_PROTOBUF_H
#define HY_PROTOBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum pb_wire { PB_VARINT = 0, PB_I64 = 1, PB_LEN = 2, PB_I32 = 5 };

#define PB_MAX_DEPTH 16	/* nesting depth of open messages */

struct pb {
	uint8_t *buf;
	size_t len, cap;
	int err;			/* 0 or -ENOMEM (sticky), -E2BIG when nested too deep */
	int depth;
	size_t open[PB_MAX_DEPTH];	/* offset of each open message's length byte */
};

/* Bytes a varint of v takes (1..10). */
unsigned int pb_varint_size(uint64_t v);
/* Encode v as a varint into out (at least 10 bytes); returns the bytes written. */
unsigned int pb_varint_encode(uint8_t *out, uint64_t v);
static inline uint64_t pb_zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

void pb_reset(struct pb *pb);
void pb_free(struct pb *pb);
void pb_raw(struct pb *pb, const void *data, size_t len);
void pb_varint(struct pb *pb, uint64_t v);
void pb_tag(struct pb *pb, uint32_t field, enum pb_wire wt);

/* Fields: pb_uint for uint32/uint64/enum, pb_int for int32/int64 (varint), pb_sint for sint64 (zigzag). */
void pb_uint(struct pb *pb, uint32_t field, uint64_t v);
void pb_int(struct pb *pb, uint32_t field, int64_t v);
void pb_sint(struct pb *pb, uint32_t field, int64_t v);
void pb_bool(struct pb *pb, uint32_t field, bool v);
void pb_fixed64(struct pb *pb, uint32_t field, uint64_t v);
void pb_fixed32(struct pb *pb, uint32_t field, uint32_t v);
void pb_bytes(struct pb *pb, uint32_t field, const void *data, size_t len);
void pb_string(struct pb *pb, uint32_t field, const char *s);

/* Open a nested message (length-delimited field); every pb_begin needs a pb_end. */
void pb_begin(struct pb *pb, uint32_t field);
void pb_end(struct pb *pb);

#endif
