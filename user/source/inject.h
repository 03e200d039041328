/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* inject.h: -e inject= counting, shared by the ptrace and eBPF backends (strace 6.1's when=). */
#ifndef HY_INJECT_H
#define HY_INJECT_H

#include <stdbool.h>
#include <stdint.h>
#include "options.h"

/*
 * One invocation of syscall nr by a thread whose counters are *counts (per syscall number,
 * allocated here on first use; the caller frees them with the thread): counted as strace 6.1
 * counts (src/syscall.c, tamper_with_syscall_entering: per thread and syscall, the count
 * stopping at INJ_WHEN_MAX), and whether rule ir's when= picks this invocation.  1: tamper
 * with it, 0: leave it, -ENOMEM: no counters (the call is left alone).
 */
int inject_pick(uint16_t **counts, long nr, const struct inject_rule *ir);

#endif
