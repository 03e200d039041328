/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* dev_ioctl.h: device ioctls for the backends (NVIDIA, issue 11): where a call's device fd is,
 * and the ptrace backend's capture by the descriptions of decoders/ioctl/nvidia.h. */
#ifndef HY_DEV_IOCTL_H
#define HY_DEV_IOCTL_H

#include <stdbool.h>
#include <sys/types.h>
#include "backend.h"
#include "event.h"

/* The argument (0-5) of syscall nr that may be a device's fd, HY_ARG_RET for the opens (the
 * returned fd), or -1: ioctl, mmap, close, dup, dup2, dup3, fcntl and open, openat, openat2,
 * creat. */
int devioc_fd_arg(long nr);

/*
 * --cuda, ptrace backend, for the record in rb at when (HY_AT_*): the device kind of its fd
 * (enum hy_dev_kind), from /proc/PID/fd at entry or for a returned fd, else from the entry's
 * fd path blob; the path blob is added when the kind is known and -y did not add it
 * already (fdpaths: struct capture_cfg's level).  HY_DEV_NONE for any other call or file.
 */
unsigned int devioc_kind(struct recbuf *rb, int when, int fdpaths);

/*
 * An ioctl on a device fd of kind: capture its argument as its description says (the top
 * struct as blob arg 2 idx 0, second-level buffers as HY_ARG_EXTRA idx 1 + k), as
 * bpf/ioctl_dev.bpf.h does.  false when no description applies (the ordinary capture then).
 */
bool devioc_capture(struct recbuf *rb, pid_t tid, unsigned int kind, int when);

#endif
