/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ptrace_capture.h: apply the capture spec to a stopped tracee (ptrace backend). */
#ifndef HY_PTRACE_CAPTURE_H
#define HY_PTRACE_CAPTURE_H

#include <stdint.h>
#include <sys/types.h>
#include "backend.h"
#include "event.h"

/* -e read=/write=: the most bytes of one buffer the ptrace backend copies for a dump (16 MiB:
 * larger reads and writes show a marked cut) */
#define PT_DUMP_MAX	HY_DUMP_MAX

/* Copy len bytes at addr of tid into buf: bytes copied, or -errno if none. */
ssize_t pmem_read(pid_t tid, uint64_t addr, void *buf, size_t len);
/* Copy a NUL-terminated string of at most max bytes: its length (without NUL),
 * *nul set when the NUL was found, or -errno. */
ssize_t pmem_read_str(pid_t tid, uint64_t addr, char *buf, size_t max, int *nul);

/*
 * Append the captures of entry `e` that run at `when` (HY_AT_*) to rb: the memory the spec
 * names (sizes from -s and -v), then the fd paths tr->cfg asks for.  sp: the stack pointer
 * at entry, for HY_CAP_STACK (0: none).
 */
void capture_apply(struct recbuf *rb, pid_t tid, const struct hy_cap_entry *e, int when,
		   const struct tracer *tr, uint64_t sp);

#endif
