/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bpf_stack.h: -k on the eBPF backend: configure the capture, follow the maps, unwind. */
#ifndef HY_BPF_STACK_H
#define HY_BPF_STACK_H

#include <stddef.h>
#include <stdint.h>
#include "backend.h"

struct hytrace_bpf__rodata;

/* Set the BPF side's stack configuration (before load); 0 or -errno (message printed). */
int bstack_config(struct hytrace_bpf__rodata *rd, const struct tracer *tr);
/* The HYB_NF_* flags of syscall nr with -k added to f (f: what the backend set). */
uint8_t bstack_nrflags(const struct tracer *tr, unsigned int nr, uint8_t f);
/*
 * A record from the ring: follow the process maps it tells of, and turn its HY_ARG_USTACK
 * snapshot into an HY_ARG_STACK of return addresses.  Returns the record to feed: r itself or
 * a rewritten copy (valid until the next call), its length in *len; NULL for a record that
 * only the unwinder reads (HY_REC_MAPS).
 */
const struct hy_rec *bstack_record(struct tracer *tr, const struct hy_rec *r, size_t *len);
/* Read the maps of pid now (the command, before it is let go to its execve). */
void bstack_seed(struct tracer *tr, pid_t pid);
void bstack_cleanup(void);

#endif
