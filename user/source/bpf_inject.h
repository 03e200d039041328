/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bpf_inject.h: -e inject= / -e fault= on the eBPF backend, by seccomp user notification. */
#ifndef HY_BPF_INJECT_H
#define HY_BPF_INJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "options.h"

struct tracer;

/* Whether the rules can be applied without ptrace: 0, or -errno and one line in why. */
int binj_check(const struct opts *o, char *why, size_t whylen);
/*
 * What a call skipped by rule ir returns, for the BPF side (cfg_inj, cfg_inj_ret): HYB_INJ_ERROR
 * or HYB_INJ_RETVAL with *ret set, or HYB_INJ_NONE (the call runs: signal=, delay_enter=).
 */
int binj_kind(const struct inject_rule *ir, int64_t *ret);
/*
 * Before the command is forked: the socket pair its listener comes back on; *child_sock gets the
 * command's end (binj_child's arg points to it).  0 or -errno.
 */
int binj_prepare(int *child_sock);
/* spawn_start()'s in_child: the filter installed, its listener sent to hytrace.  0 or -errno. */
int binj_child(const struct opts *o, void *arg);
/* After the fork: the supervisor thread, which answers the notifications.  0 or -errno. */
int binj_start(struct tracer *tr);
/*
 * The flags (HY_F_DELAYED) the supervisor left for the record of thread tid's call nr that
 * ended at ts_exit (CLOCK_BOOTTIME); taken.
 */
uint32_t binj_mark_take(pid_t tid, int32_t nr, uint64_t ts_exit);
/* Whether a rule delays calls: the marks need the records' exit times (cfg_time). */
bool binj_needs_times(const struct opts *o);
/* Thread tid exited (its HY_REC_EXIT): its counters go, as strace's with its tcb. */
void binj_task_gone(pid_t tid);
/* Whether some mark waits (cheap: tested per record). */
bool binj_marks(void);
/*
 * The end: held calls answered at once, the supervisor stopped; tasks still under the filter
 * are handed to a small process that lets their calls run (else they would fail with ENOSYS).
 */
void binj_stop(void);

#endif
