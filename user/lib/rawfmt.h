/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rawfmt.h: the raw record file's header (--format=raw), written and parsed (docs/raw-format.md). */
#ifndef HY_RAWFMT_H
#define HY_RAWFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RAW_MAGIC	"\x7fHYTRAW\n"	/* 8 bytes: never the start of a strace log line */
#define RAW_MAGIC_LEN	8
#define RAW_VERSION	2	/* bumped only by a change that older readers cannot skip */
#define RAW_VERSION_FUNCS 2	/* the first with function records (--func): a capture without
				   them is still written as version 1 */
#define RAW_HDR_LEN	144	/* the version 1 header; later ones may be longer (hdr_len) */
#define RAW_HDR_MIN	RAW_HDR_LEN	/* the shortest header a version 1 reader accepts */
#define RAW_HDR_MAX	(1u << 20)	/* a longer header is a corrupted file */
#define RAW_REC_MAX	(64u << 20)	/* a longer record is a corrupted file */
#define RAW_VERSION_STR_LEN	32
#define RAW_KERNEL_LEN	72

/* struct raw_hdr.flags */
#define RAW_F_TIMES	0x01	/* records carry times (-t/-r/-T can be shown) */
#define RAW_F_VERBOSE	0x02	/* captured with -v (argv/envp strings, structures in full) */
#define RAW_F_ALL	0x04	/* system-wide (-a) */
#define RAW_F_EXEC_ARGV	0x08	/* exec records carry the new argv */
#define RAW_F_FUNCS	0x10	/* --func: function records, each function named once before its
				   first record by a RAW_REC_FUNC_INFO record (version 2) */

/*
 * A record of raw files only (no backend makes it): the name of a function that the function
 * records after it refer to, by the writer's id (fid) or, for records that carry addresses
 * (fid HY_FUNC_NOID), by (pid, addr).  Its first 8 bytes are laid out as every record's
 * (type, a count, size); docs/raw-format.md has the layout.
 */
#define RAW_REC_FUNC_INFO	0x8001
#define RAW_FUNC_INFO_FIXED	48	/* bytes before the name */
#define RAW_FUNC_NAME_MAX	4096	/* a longer name or module is a corrupted record */

struct raw_func_info {
	uint32_t fid;		/* the id the records use, or HY_FUNC_NOID (0xffffffff): by address */
	int32_t nparams;	/* integer parameters by debug info, -1 unknown */
	uint64_t offset;	/* the symbol's value in its module */
	uint64_t size;		/* the symbol's size, 0 unknown */
	uint32_t pid;		/* fid HY_FUNC_NOID: the process whose records carry ... */
	uint64_t addr;		/* ... this address */
	const char *name, *module;	/* not NUL-terminated in a decoded record */
	uint16_t name_len, module_len;
};

/* The header, decoded (host order). */
struct raw_hdr {
	uint32_t version;
	uint32_t hdr_len;		/* bytes from the file's start to the first record */
	uint32_t rec_hdr_size;		/* sizeof(struct hy_rec) of the writer */
	uint32_t flags;			/* RAW_F_* */
	int64_t boot_to_real;		/* CLOCK_REALTIME - CLOCK_BOOTTIME at capture, ns */
	uint32_t strsize;		/* -s at capture */
	uint8_t yflag;			/* -y 1, -yy 2 at capture */
	uint8_t xflag;			/* -x 1, -xx 2, --strings-in-hex=non-ascii-chars 3 at capture */
	uint8_t follow;			/* -f 1, -ff 2 at capture */
	char version_str[RAW_VERSION_STR_LEN];	/* hytrace's version, NUL-terminated */
	char kernel[RAW_KERNEL_LEN];	/* uname -r of the capturing machine, NUL-terminated */
};

/* Whether buf (len bytes) starts with the magic. */
bool rawfmt_is_raw(const void *buf, size_t len);
/* Encode h as the version 1 header into out (RAW_HDR_LEN bytes). */
void rawfmt_hdr_encode(const struct raw_hdr *h, uint8_t out[RAW_HDR_LEN]);
/*
 * Decode the header at buf (len bytes available).  0; -EPROTO: no magic; -EPROTONOSUPPORT:
 * a newer version (h->version says which); -EAGAIN: len too short (h->hdr_len, when known,
 * says how much is needed); -EINVAL: an impossible field, *bad_off its byte offset.
 */
int rawfmt_hdr_decode(struct raw_hdr *h, const void *buf, size_t len, size_t *bad_off);
/* The bytes of fi as a RAW_REC_FUNC_INFO record (a multiple of 8); written to out when they
 * fit in cap. */
size_t rawfmt_func_encode(const struct raw_func_info *fi, uint8_t *out, size_t cap);
/* Decode the RAW_REC_FUNC_INFO record buf of len bytes (its size field); 0 or -EINVAL. */
int rawfmt_func_decode(struct raw_func_info *fi, const void *buf, size_t len);

#endif
