/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pidns.h: --pidns-translation: pids a tracee sees in its pid namespace, in hytrace's. */
#ifndef HY_PIDNS_H
#define HY_PIDNS_H

#include <sys/types.h>
#include "decode.h"
#include "tidmap.h"

/*
 * What is known about pid namespaces: hytrace's own, whether /proc is of that namespace, and
 * which /proc entry last translated each (namespace, id, kind) (strace 6.1's src/pidns.c keeps
 * the same cache: an entry is checked again against /proc before it is used).
 */
struct pidns {
	ino_t our_ns;		/* the inode of hytrace's pid namespace; 0: not known yet */
	int proc_ours;		/* /proc is of hytrace's namespace: 1, not: 0, not known: -1 */
	struct tidmap cache[HVP_SID + 1];	/* by id: struct pidns_hit, one map per kind */
};

void pidns_init(struct pidns *p);
void pidns_fini(struct pidns *p);
/*
 * The id of kind t that task tid (a tid as hytrace sees it) sees as id, in hytrace's pid
 * namespace; 0 when it cannot be found (strace then prints nothing more, and so does hytrace).
 */
int pidns_translate(struct pidns *p, pid_t tid, int id, enum hv_pid_type t);
/*
 * Every pid in d's tree (the arguments, the return value of the calls that return one, the
 * siginfo of a signal) that task tid sees differently from hytrace gets the comment
 * "N in strace's PID NS", the text strace 6.1 prints (so the traces compare).
 */
void pidns_annotate(struct pidns *p, struct dctx *d, pid_t tid);

#endif
