/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bpf_func.h: --func on the eBPF backend: patterns resolved in ELF files, uprobe_multi links. */
#ifndef HY_BPF_FUNC_H
#define HY_BPF_FUNC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "backend.h"

struct ring_buffer;

/* The main object's maps and settings the function programs share. */
struct bfunc_shared {
	int rb_fd, tasks_fd, drops_fd;
	uint32_t mode;		/* HYB_MODE_* */
	uint64_t ring_size, ring_half, life_reserve;
	struct ring_buffer *ring;	/* the backend's reader: new-file notices join it */
};

/*
 * Load bpf/hytrace_func.bpf.c on the main object's maps, resolve the patterns in the files the
 * traced processes run at start (the command child and its libraries, -p's maps, -a's
 * processes) and attach.  0, or -errno with one line printed (nothing matched: -ENOENT).
 */
int bfunc_start(struct tracer *tr, const struct bfunc_shared *sh, pid_t child);
/*
 * pid exec'd (its HY_REC_EXEC record): resolve what it maps now, without stopping it.  A
 * dynamically linked program was already stopped at its dynamic linker's hook; this catches
 * static ones, from the time the record is read.
 */
void bfunc_exec(pid_t pid);
/* Whether a SIGSTOP delivered to tid is one of ours (counted off once): its record is hidden. */
bool bfunc_own_stop(pid_t tid);
/* CLOCK_BOOTTIME - CLOCK_MONOTONIC for the records' times (as the main object's). */
void bfunc_boot_off(uint64_t off);
/* The end: no more records nor stops; what is drained after this only lets stopped tasks go. */
void bfunc_detach(void);
void bfunc_cleanup(void);

#endif
