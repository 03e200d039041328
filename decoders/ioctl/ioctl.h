/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ioctl.h: ioctl(2) request families, one file each, dispatched on _IOC_TYPE by ioctl.c. */
#ifndef HY_IOCTL_H
#define HY_IOCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "decode.h"

/* The fields of a request number: include/uapi/asm-generic/ioctl.h (x86_64 uses it). */
#define HY_IOC_NR(req)		((req) & 0xff)
#define HY_IOC_TYPE(req)	(((req) >> 8) & 0xff)
#define HY_IOC_SIZE(req)	(((req) >> 16) & 0x3fff)
#define HY_IOC_DIR(req)		((req) >> 30)

/*
 * A family of requests sharing one _IOC_TYPE (decoders/ioctl/NAME.c defines
 * ioctl_family_NAME; the table in decoders/ioctl/ioctl.c lists it by type).
 */
struct ioctl_family {
	const char *name;
	/* The request's name, or NULL: the request prints as _IOC(dir, type, nr, size). */
	const char *(*req_name)(struct dctx *d, uint32_t req);
	/*
	 * Append the arguments after the request and return 0, or return -ENOTTY for a request
	 * the family does not decode (the third argument then prints in hex).  At entry
	 * (!d->exiting), arguments known only at exit follow a d_pending(d).
	 */
	int (*decode)(struct dctx *d, uint32_t req);
};

/* Copy size bytes of the third argument captured at when (HY_AT_*): false if not there. */
bool ioc_fetch(struct dctx *d, int when, void *buf, size_t size);
/* An int pointer argument: [N], NULL, or the address (at exit: when the call failed). */
struct hv *ioc_int(struct dctx *d, int when);

/*
 * The request's name as strace 6.1 prints it (the generated table's names of the code joined
 * by " or ", after evdev's and a few others' names built from the request), or NULL.
 */
const char *ioctl_req_name(struct dctx *d, uint32_t req);

/*
 * NVIDIA's ioctls on an fd of device kind (enum hy_dev_kind, from its path): appends the
 * request and its argument and returns 0, or returns -ENOTTY having appended nothing (not
 * an NVIDIA request of that kind: the generic decoding applies).  decoders/ioctl/nvidia.c.
 */
int nv_ioctl_decode(struct dctx *d, unsigned int kind, uint32_t req);

#endif
