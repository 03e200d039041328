/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* nvcall.h: what the sinks and the status filters need of an ioctl on an NVIDIA device (issue 11). */
#ifndef HY_NVCALL_H
#define HY_NVCALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "event.h"

/*
 * An ioctl record on an NVIDIA device, as the backends capture it under --cuda: the device
 * kind comes from the fd path blob of argument 0 (the backends add it for device fds whether
 * or not -y is given), the driver's status from the exit capture (decoders/ioctl/nvidia.h).
 */
struct nvcall {
	unsigned int kind;		/* enum hy_dev_kind; HY_DEV_NONE: not an NVIDIA ioctl */
	bool has_status;		/* the call carries an NV_STATUS that was captured */
	uint32_t status;
	const char *status_name;	/* "NV_OK", "NV_ERR_..."; NULL if unknown or none */
};

/* Fill nc for ev (HY_REC_SYSCALL or HY_REC_ENTER); false when ev is no NVIDIA device's ioctl. */
bool nvcall_get(const struct event *ev, struct nvcall *nc);

/*
 * Whether the call failed in the driver: it completed, the syscall itself succeeded, and
 * the status is not NV_OK (warnings, NV_WARN_*, included: the driver did not do all it was
 * asked).  A syscall that failed with -errno is failed anyway and is not counted here.
 */
bool nvcall_failed(const struct event *ev, const struct nvcall *nc);

/*
 * The -c row of the call: "ioctl:" and the command's label ("ioctl:NV_ESC_RM_CONTROL:
 * NV2080_CTRL_CMD_GPU_GET_INFO_V2").  Writes at most size bytes (NUL included, cut if
 * needed) and returns the length it needed.
 */
size_t nvcall_row(const struct event *ev, const struct nvcall *nc, char *buf, size_t size);

/*
 * The label alone ("NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2"): slice names of
 * the timeline formats.  As nvcall_row.
 */
size_t nvcall_label(const struct event *ev, const struct nvcall *nc, char *buf, size_t size);

/*
 * The driver's major version that the trace's calls are decoded for (layouts that changed
 * between versions: NVOS21, NVOS46, NVOS47): one driver serves the whole machine, so one
 * value for the trace.  nvcall_note() learns it from each NV_ESC_CHECK_VERSION_STR record
 * (the version string the library sends, which the driver refuses unless it is its own);
 * before any, nvcall_set_major()'s (the loaded driver's, when tracing live), else 0: unknown.
 */
void nvcall_note(const struct event *ev, const struct nvcall *nc);
unsigned int nvcall_major(void);
void nvcall_set_major(unsigned int major);
/* The loaded NVIDIA driver's major version (/sys/module/nvidia/version), or 0. */
unsigned int nvcall_driver_major(void);

/* The short name of a device kind: "nvidiactl", "nvidia", "nvidia-uvm", ...; NULL for none. */
const char *nvcall_dev_name(unsigned int kind);

#endif
