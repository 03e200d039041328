// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * hytrace_ded.bpf.c: hytrace.bpf.c's programs with the per-syscall tracepoint programs
 * (ioctl_dev.bpf.h, HY_SYSCALL_TP: one per argument count, and hy_exit) in place of the
 * raw_syscalls ones.  A light skeleton loads
 * every program it holds, so the two sets are two objects of one source: this one is opened
 * only when a run traces a few syscalls that all have a dedicated program (--cuda-only,
 * -e trace=ioctl), and its start-up then pays for those programs, not every run's.
 */
#define HY_DEDICATED 1
#include "hytrace.bpf.c"
