/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ptrace_func.h: --func on the ptrace backend: the ring shared with the preload library. */
#ifndef HY_PTRACE_FUNC_H
#define HY_PTRACE_FUNC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "hytrace.h"

/*
 * The ring: one memfd that hytrace creates before starting the command, inherited by it and
 * its children (HYF_ENV_FD names the descriptor) and mapped by the preload library
 * (user/preload/libhyfunc.c, installed as libhytrace-func.so and set in LD_PRELOAD).
 *
 * It holds HYF_SLOTS per-thread rings of struct hy_func records (48 bytes, no values): one
 * producer (the thread) and one consumer (hytrace) each, so a record costs plain stores and
 * one release store, never an atomic read-modify-write on a line that other threads write.
 * A thread claims a free slot (compare-and-swap of owner from 0 to HYF_CLAIMING) at its first
 * call, then tells hytrace with the syscall HYF_NR (args: HYF_OP_CLAIM, the slot): a number
 * no kernel implements, so it stops the thread under ptrace (hytrace hides it, fills in the
 * slot's tid and pid, and makes it return 0) and fails with ENOSYS anywhere else, which is how
 * the library learns that nobody reads the ring (not traced, or not followed without -f) and
 * turns itself off for that thread.  A thread whose ring is full makes the same call
 * (HYF_OP_DRAIN): hytrace empties every ring at each stop, so the call returns to an empty ring.
 * Records leave the library without pid or tid: hytrace fills them in from the slot.  With
 * --func-args (hdr.args), -pg entries carry the 6 argument registers and exits the return
 * value: nval 6 or 1, the values in the next record's place of the ring (48 bytes, v[0..5]).  The
 * library's own setup syscalls (mapping the ring, a thread's shadow stack) come between two
 * HYF_OP_HIDE calls, and hytrace leaves them out of the trace; the first one, in the library's
 * constructor, is also how a process that nobody traces turns the library off at once.
 */
#define HYF_ENV_FD	"HYTRACE_FUNC_FD"
#define HYF_MAGIC	0x6e756679u	/* "yfun" */
#define HYF_VERSION	1
#define HYF_NR		0x6879		/* no such syscall: see above */
#define HYF_OP_CLAIM	1
#define HYF_OP_DRAIN	2
#define HYF_OP_HIDE	3		/* arg 1: the library's own syscalls follow (1) or end (0) */
#define HYF_SLOTS	256
#define HYF_SLOT_RECS	8192		/* records per thread ring (a power of 2) */
#define HYF_CLAIMING	0xffffffffu	/* owner: claimed, tid not yet filled in by hytrace */

struct hyf_slot {
	uint32_t owner;		/* 0 free, HYF_CLAIMING, else the tid (set by hytrace) */
	uint32_t pid;		/* set by hytrace with the tid */
	uint64_t lost;		/* records dropped: ring full with nobody draining it */
	uint8_t pad0[48];
	uint64_t head;		/* records written (the producer's line) */
	uint8_t pad1[56];
	uint64_t tail;		/* records read (the consumer's line) */
	uint8_t pad2[56];
	struct hy_func recs[HYF_SLOT_RECS];
};

struct hyf_hdr {
	uint32_t magic;		/* HYF_MAGIC */
	uint32_t version;	/* HYF_VERSION */
	uint32_t nslots;
	uint32_t slot_recs;
	uint64_t slot_size;	/* sizeof(struct hyf_slot) */
	uint32_t nused;		/* slots ever claimed: hytrace looks at [0, nused) */
	uint32_t args;		/* --func-args: mcount records the argument registers */
	uint64_t lost_noslot;	/* records of threads that found no free slot */
	uint8_t pad1[4056];
	struct hyf_slot slots[];
};

_Static_assert(sizeof(struct hyf_hdr) == 4096, "the ring header is one page");
_Static_assert(sizeof(struct hyf_slot) % 64 == 0, "slots keep their cache lines apart");
#define HYF_SIZE	(sizeof(struct hyf_hdr) + (size_t)HYF_SLOTS * sizeof(struct hyf_slot))

/* -- hytrace's side (user/source/ptrace_func.c) -------------------------------------------- */
struct tracer;
struct spawn;

/*
 * --func with a command to start: check that the program is built with -pg or
 * -finstrument-functions, find the preload library, create the ring and set LD_PRELOAD and
 * HYF_ENV_FD in sp's environment.  0 or -errno, with one line printed.
 */
int pfunc_start(struct tracer *tr, struct spawn *sp);
/* Whether the ring is in use. */
bool pfunc_active(void);
/* Feed every record waiting in the rings to the pipeline, oldest first (and their losses). */
void pfunc_drain(struct tracer *tr);
/* A HYF_NR syscall entry of thread tid of process pid: handled; true when it must return 0. */
bool pfunc_call(struct tracer *tr, pid_t tid, pid_t pid, const uint64_t args[6]);
/* Thread tid is gone: its ring, drained, becomes free. */
void pfunc_task_gone(struct tracer *tr, pid_t tid);
/* Process pid exec'd: the rings of its threads (the old image's) become free. */
void pfunc_exec(struct tracer *tr, pid_t pid);
/* The end: the last records, then the ring is unmapped. */
void pfunc_stop(struct tracer *tr);

#endif
