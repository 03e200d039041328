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
	put_le(out + OFF_VERSION, h->version ? h->version : RAW_VERSION, 4);
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
	else if (h->xflag > 3)	/* 3: --strings-in-hex=non-ascii-chars */
		*bad_off = OFF_XFLAG;
	else if (h->follow > 2)
		*bad_off = OFF_FOLLOW;
	else if (h->strsize == 0)
		*bad_off = OFF_STRSIZE;
	return *bad_off ? -EINVAL : 0;
}

/* RAW_REC_FUNC_INFO: the field offsets (docs/raw-format.md) */
#define FI_TYPE		0
#define FI_NAME_LEN	2
#define FI_SIZE		4
#define FI_FID		8
#define FI_NPARAMS	12
#define FI_OFFSET	16
#define FI_FSIZE	24
#define FI_PID		32
#define FI_MOD_LEN	36
#define FI_ADDR		40
_Static_assert(FI_ADDR + 8 == RAW_FUNC_INFO_FIXED, "function info layout");

size_t rawfmt_func_encode(const struct raw_func_info *fi, uint8_t *out, size_t cap)
{
	size_t len = RAW_FUNC_INFO_FIXED + fi->name_len + fi->module_len;

	len = (len + 7) & ~(size_t)7;
	if (len > cap)
		return len;
	memset(out, 0, len);
	put_le(out + FI_TYPE, RAW_REC_FUNC_INFO, 2);
	put_le(out + FI_NAME_LEN, fi->name_len, 2);
	put_le(out + FI_SIZE, len, 4);
	put_le(out + FI_FID, fi->fid, 4);
	put_le(out + FI_NPARAMS, (uint32_t)fi->nparams, 4);
	put_le(out + FI_OFFSET, fi->offset, 8);
	put_le(out + FI_FSIZE, fi->size, 8);
	put_le(out + FI_PID, fi->pid, 4);
	put_le(out + FI_MOD_LEN, fi->module_len, 2);
	put_le(out + FI_ADDR, fi->addr, 8);
	memcpy(out + RAW_FUNC_INFO_FIXED, fi->name, fi->name_len);
	memcpy(out + RAW_FUNC_INFO_FIXED + fi->name_len, fi->module, fi->module_len);
	return len;
}

int rawfmt_func_decode(struct raw_func_info *fi, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	memset(fi, 0, sizeof(*fi));
	if (len < RAW_FUNC_INFO_FIXED || get_le(p + FI_TYPE, 2) != RAW_REC_FUNC_INFO ||
	    get_le(p + FI_SIZE, 4) != len)
		return -EINVAL;
	fi->name_len = (uint16_t)get_le(p + FI_NAME_LEN, 2);
	fi->module_len = (uint16_t)get_le(p + FI_MOD_LEN, 2);
	fi->fid = (uint32_t)get_le(p + FI_FID, 4);
	fi->nparams = (int32_t)(uint32_t)get_le(p + FI_NPARAMS, 4);
	fi->offset = get_le(p + FI_OFFSET, 8);
	fi->size = get_le(p + FI_FSIZE, 8);
	fi->pid = (uint32_t)get_le(p + FI_PID, 4);
	fi->addr = get_le(p + FI_ADDR, 8);
	if (!fi->name_len || !fi->module_len || fi->name_len > RAW_FUNC_NAME_MAX ||
	    fi->module_len > RAW_FUNC_NAME_MAX ||
	    RAW_FUNC_INFO_FIXED + (size_t)fi->name_len + fi->module_len > len ||
	    memchr(p + RAW_FUNC_INFO_FIXED, 0, (size_t)fi->name_len + fi->module_len))
		return -EINVAL;
	fi->name = (const char *)p + RAW_FUNC_INFO_FIXED;
	fi->module = fi->name + fi->name_len;
	return 0;
}
