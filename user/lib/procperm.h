/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* procperm.h: who may trace what: the caller's capabilities and ptrace-like checks on a pid. */
#ifndef HY_PROCPERM_H
#define HY_PROCPERM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Whether capability cap (CAP_*) is in this process's effective set. */
bool cap_effective(int cap);
/*
 * Whether the real user may trace pid, as the kernel's ptrace access check decides for
 * PTRACE_ATTACH (kernel/ptrace.c __ptrace_may_access, security/commoncap.c):
 * a kernel thread never; then, without CAP_SYS_PTRACE, only a process whose real, effective
 * and saved uids and gids are the caller's real ones, that is dumpable (/proc/PID owned by
 * its uid) and holds no capability the caller's permitted set lacks.  0, or -ESRCH / -EPERM
 * with the reason in why (one line, lower case, no pid: the caller names it).
 */
int proc_may_trace(pid_t pid, char *why, size_t whylen);
/*
 * Whether pid's records may hold another user's data: its uids are not all the caller's
 * real uid, or it is not dumpable.  Unknown (gone, unreadable) counts as foreign.
 */
bool proc_foreign(pid_t pid);

#endif
