/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * nvkms.h: nvidia-modeset's ioctl (NVKMS, issue 11): its one request NVKMS_IOCTL_IOWR, whose
 * struct NvKmsIoctlParams {cmd, size, address} points to the params of a command.  The decoder
 * and its capture description; nvidia.c hands HY_DEV_NVIDIA_MODESET fds here.  Pure functions
 * of their arguments and of the record.
 */
#ifndef HY_IOCTL_NVKMS_H
#define HY_IOCTL_NVKMS_H

#include <stddef.h>
#include <stdint.h>
#include "nvidia.h"

struct dctx;

/*
 * Appends the request and its argument and returns 0, or returns -ENOTTY having appended
 * nothing (not NVKMS_IOCTL_IOWR: the generic decoding applies).
 */
int nvkms_ioctl_decode(struct dctx *d, uint32_t req);

/* "NVKMS_IOCTL_IOWR:NVKMS_IOCTL_ALLOC_DEVICE" (an unknown cmd in hex), as nv_ioctl_label(). */
size_t nvkms_ioctl_label(const struct event *ev, char *buf, size_t size);

/* The capture descriptions on HY_DEV_NVIDIA_MODESET, sorted by key; *n gets their count. */
const struct nv_ioc_desc_entry *nvkms_ioc_descs(size_t *n);
/* The description for req on HY_DEV_NVIDIA_MODESET, or NULL. */
const struct hy_ioc_desc *nvkms_ioc_desc(uint32_t req);

#endif
