/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ustack.h: user stacks captured by the eBPF backend (registers + stack bytes) unwound with libdwfl. */
#ifndef HY_USTACK_H
#define HY_USTACK_H

/*
 * perf's --call-graph=dwarf method: the kernel side copies the user registers and a window of
 * the user stack at the call (HY_ARG_USTACK, bpf/hytrace.h); here libdwfl unwinds that copy
 * with the DWARF CFI of the modules the process had mapped at the time.  The records arrive
 * after the fact, maybe after the process is gone, so the module maps are kept here from the
 * calls the backend sees (the same feed as symbol.h's sym_mmap...: the backend calls both),
 * seeded from /proc/TGID/maps when a process is first met or after its exec.
 *
 * Caches: per process one Dwfl (its modules reported again only when an executable mapping
 * changed, attached once: the snapshot it reads is swapped per record); per file the PT_LOAD
 * headers that turn a mapping into a load bias.  Not thread-safe.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "hytrace.h"

struct ustack;

/* A new unwinder, or NULL with errno set. */
struct ustack *ustack_new(void);
void ustack_free(struct ustack *u);

/* The maps of tgid, as symbol.h's calls of the same names; 0 or -errno. */
int ustack_mmap(struct ustack *u, pid_t tgid, uint64_t start, uint64_t len, uint64_t pgoff,
		unsigned int prot, const char *path);
int ustack_munmap(struct ustack *u, pid_t tgid, uint64_t start, uint64_t len);
int ustack_mprotect(struct ustack *u, pid_t tgid, uint64_t start, uint64_t len, unsigned int prot);
/* tgid exec'd: its maps are read again from /proc/TGID/maps at its next record. */
void ustack_exec(struct ustack *u, pid_t tgid);
/*
 * The mappings exec made (HY_REC_MAPS: the program at exe, its text from start_code, and the
 * interpreter its PT_INTERP names at interp_base): they replace tgid's maps; fn (if not
 * NULL) is told each mapping.  0 or -errno.
 */
typedef int (*ustack_map_fn)(void *arg, uint64_t start, uint64_t len, uint64_t pgoff,
			     unsigned int prot, const char *path);
int ustack_exec_maps(struct ustack *u, pid_t tgid, const char *exe, uint64_t start_code,
		     uint64_t interp_base, ustack_map_fn fn, void *arg);
int ustack_fork(struct ustack *u, pid_t parent, pid_t child);
void ustack_exit(struct ustack *u, pid_t tgid);
/* Whether tgid's maps are known (seeded or followed since its start). */
bool ustack_known(struct ustack *u, pid_t tgid);
/* Read /proc/TGID/maps now; 0 or -errno (-ESRCH: gone). */
int ustack_seed(struct ustack *u, pid_t tgid);

/*
 * Unwind thread tid of tgid from regs (HY_UREGS_N, DWARF numbering) and len bytes of its stack
 * copied from address sp: at most max addresses into pcs (pcs[0] the PC, then return
 * addresses).  Returns the count and sets *err: 0 (the outermost frame was reached), -E2BIG
 * (cut at max), -ENODATA (the next frame lies beyond the copied stack), or the -errno that
 * stopped the walk (-ENOENT: no module or unwind information at a PC).
 */
int ustack_unwind(struct ustack *u, pid_t tgid, pid_t tid, const uint64_t *regs, const void *stack,
		  size_t len, uint64_t sp, uint64_t *pcs, unsigned int max, int *err);

/* Whether the cached rules may be used (default); off: libdwfl's unwinder for every stack
   (tests and benchmarks compare the two). */
void ustack_set_rules(struct ustack *u, bool on);

struct ustack_stats {
	uint64_t unwinds;
	uint64_t fast;		/* unwound from the cached rules alone (the rest: libdwfl) */
	uint64_t frames;
	uint64_t reports;	/* module sets reported to libdwfl again */
	uint64_t seeds;		/* /proc/TGID/maps read */
};
void ustack_get_stats(const struct ustack *u, struct ustack_stats *st);

#endif
