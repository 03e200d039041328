/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * nvidia.h: the NVIDIA driver's ioctls (issue 11), the interface between the decoders
 * (decoders/ioctl/nvidia*.c and their generated tables) and the backends and sinks.
 * Pure functions of their arguments and of the record.
 */
#ifndef HY_IOCTL_NVIDIA_H
#define HY_IOCTL_NVIDIA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../event.h"

/*
 * Blobs of an ioctl on an NVIDIA fd (what the capture descriptions produce and the decoders
 * read, docs/nvidia.md):
 *   arg 0 idx 0, HY_BF_FDPATH    the fd's path: the device kind (with --cuda even without -y)
 *   arg 2 idx 0                  the top struct, at HY_AT_ENTER and/or HY_AT_EXIT
 *   HY_ARG_EXTRA idx 1 + i       sub i of the request's description, in its order
 *   NV_ESC_IOCTL_XFER_CMD: HY_ARG_EXTRA idx 1 is the wrapped command's top struct (the XFER's
 *   only sub) and HY_ARG_EXTRA idx 1 + HY_IOCD_SUBS + j that command's own sub j.
 */

/* The device kind (enum hy_dev_kind) of a file by its path as -y prints it; HY_DEV_NONE if not NVIDIA's. */
unsigned int nv_dev_kind(const char *path);

/*
 * The device kind of an ioctl record's fd: nv_dev_kind() of its path blob (arg 0,
 * HY_BF_FDPATH), whether or not -y prints it; HY_DEV_NONE without one.
 */
unsigned int nv_ioctl_kind(const struct event *ev);

/* One capture description for the BPF map and the ptrace backend (struct hy_ioc_desc). */
struct nv_ioc_desc_entry {
	uint64_t key;			/* HY_IOCD_KEY(kind, request) */
	struct hy_ioc_desc desc;
};
/* All descriptions, sorted by key; *n gets their count. */
const struct nv_ioc_desc_entry *nv_ioc_descs(size_t *n);
/* The description for (kind, request), or NULL (then the ordinary ioctl capture applies). */
const struct hy_ioc_desc *nv_ioc_desc(unsigned int kind, uint32_t req);

/* RM_ALLOC parameter sizes by class (HY_IOCS_CLASS), sorted by class; *n gets their count. */
struct nv_class_size {
	uint32_t hclass;
	uint32_t size;
};
const struct nv_class_size *nv_class_sizes(size_t *n);

/*
 * The driver's status of an ioctl record on an fd of kind (NV_STATUS in the exit capture of
 * its top struct or of the command it wraps): true and *status when the call carries one.
 * major: the driver's major version (nv_version_major()), 0 if unknown; it picks the layout
 * where one changed (NVOS21's status moved in 535).
 */
bool nv_ioctl_status(const struct event *ev, unsigned int kind, unsigned int major,
		     uint32_t *status);
/* NV_OK, NV_ERR_...: the name of a status, or NULL if unknown. */
const char *nv_status_name(uint32_t status);
/*
 * The command's label for -c rows and slice names: "NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2",
 * "NV_ESC_CARD_INFO", "UVM_INITIALIZE"; unknown parts in hex.  Writes at most size bytes
 * (NUL included) and returns the length it needed.
 */
size_t nv_ioctl_label(const struct event *ev, unsigned int kind, unsigned int major, char *buf,
		      size_t size);

/*
 * The driver's major version (e.g. 595) that an NV_ESC_CHECK_VERSION_STR record on an fd of
 * kind carries in its version string, or 0.  The pipeline keeps the trace's (one driver
 * serves the whole machine; user/state/nvcall.c) and sets struct dctx.nv_major, which picks
 * layouts that changed between versions (NVOS21, NVOS46, NVOS47).
 */
unsigned int nv_version_major(const struct event *ev, unsigned int kind);

#endif
