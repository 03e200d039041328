// SPDX-License-Identifier: LGPL-2.1-or-later
/* rawfmt.c: encode and decode the raw record file's header (little-endian, fixed width). */
#include <errno.h>
#include <string.h>
#include "rawfmt.h"

/* Field offsets of the version 1 header (docs/raw-format.md). */
#define OFF_VERSION	8
#define OFF_HDR_LEN	12
#define OFF_REC_HDR	16
#define OFF_FLAGS	20
#define OFF_B2R		24
#define OFF_STRSIZE	32
#define OFF_YFLAG	36
#define OFF_XFLAG	37
#define OFF_FOLLOW	38
#define OFF_VERSTR	40
#define OFF_KERNEL	(OFF_VERSTR + RAW_VERSION_STR_LEN)
_Static_assert(OFF_KERNEL + RAW_KERNEL_LEN == RAW_HDR_LEN, "raw header layout");

static void put_le(uint8_t *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

bool rawfmt_is_raw(const void *buf, size_t len)
{
	return len >= RAW_MAGIC_LEN && !memcmp(buf, RAW_MAGIC, RAW_MAGIC_LEN);
}

void rawfmt_hdr_encode(const struct raw_hdr *h, uint8_t out[RAW_HDR_LEN])
{
	memset(out, 0, RAW_HDR_LEN);
	memcpy(out, RAW_MAGIC, RAW_MAGIC_LEN);
	put_le(out + OFF_VERSION, RAW_VERSION, 4);
	put_le(out + OFF_HDR_LEN, RAW_HDR_LEN, 4);
	put_le(out + OFF_REC_HDR, h->rec_hdr_size, 4);
	put_le(out + OFF_FLAGS, h->flags, 4);
	put_le(out + OFF_B2R, (uint64_t)h->boot_to_real, 8);
	put_le(out + OFF_STRSIZE, h->strsize, 4);
	out[OFF_YFLAG] = h->yflag;
	out[OFF_XFLAG] = h->xflag;
	out[OFF_FOLLOW] = h->follow;
	/* NUL-padded, the last byte always NUL */
	memcpy(out + OFF_VERSTR, h->version_str, strnlen(h->version_str, RAW_VERSION_STR_LEN - 1));
	memcpy(out + OFF_KERNEL, h->kernel, strnlen(h->kernel, RAW_KERNEL_LEN - 1));
}

int rawfmt_hdr_decode(struct raw_hdr *h, const void *buf, size_t len, size_t *bad_off)
{
	const uint8_t *p = buf;

	memset(h, 0, sizeof(*h));
	*bad_off = 0;
	if (len < RAW_MAGIC_LEN)
		return -EAGAIN;
	if (!rawfmt_is_raw(p, len))
		return -EPROTO;
	if (len < OFF_REC_HDR)
		return -EAGAIN;
	h->version = (uint32_t)get_le(p + OFF_VERSION, 4);
	h->hdr_len = (uint32_t)get_le(p + OFF_HDR_LEN, 4);
	if (h->version > RAW_VERSION)
		return -EPROTONOSUPPORT;
	if (h->version == 0) {
		*bad_off = OFF_VERSION;
		return -EINVAL;
	}
	if (h->hdr_len < RAW_HDR_MIN || h->hdr_len > RAW_HDR_MAX || h->hdr_len % 8) {
		*bad_off = OFF_HDR_LEN;
		return -EINVAL;
	}
	if (len < h->hdr_len)
		return -EAGAIN;
	h->rec_hdr_size = (uint32_t)get_le(p + OFF_REC_HDR, 4);
	h->flags = (uint32_t)get_le(p + OFF_FLAGS, 4);
	h->boot_to_real = (int64_t)get_le(p + OFF_B2R, 8);
	h->strsize = (uint32_t)get_le(p + OFF_STRSIZE, 4);
	h->yflag = p[OFF_YFLAG];
	h->xflag = p[OFF_XFLAG];
	h->follow = p[OFF_FOLLOW];
	memcpy(h->version_str, p + OFF_VERSTR, RAW_VERSION_STR_LEN - 1);
	memcpy(h->kernel, p + OFF_KERNEL, RAW_KERNEL_LEN - 1);
	if (h->yflag > 2)
		*bad_off = OFF_YFLAG;
	else if (h->xflag > 2)
		*bad_off = OFF_XFLAG;
	else if (h->follow > 2)
		*bad_off = OFF_FOLLOW;
	else if (h->strsize == 0)
		*bad_off = OFF_STRSIZE;
	return *bad_off ? -EINVAL : 0;
}
