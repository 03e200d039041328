/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* hytrace.bpf.h: private to the BPF backend (bpf/hytrace.bpf.c and user/source/backend_bpf.c). */
/*
 * Not part of the record ABI (that is bpf/hytrace.h): these are the map value
 * layouts and config bits that only the BPF programs and their loader share.
 * Fixed-width types only, so that both sides see the same layout.
 */
#ifndef HYTRACE_BPF_H
#define HYTRACE_BPF_H

#include "hytrace.h"

#define HYB_REC_MAX	32768	/* largest record built in the kernel (header + blobs) */
#define HYB_SLOT_MAX	16384	/* entry blobs parked per thread until the syscall exits */
#define HYB_COMMS_MAX	8	/* --comm= names matched in the kernel */
#define HYB_CTRL_MAX	4096	/* msg_control bytes captured for HY_CAP_MSGHDR (as ptrace) */
#define HYB_NAME_MAX	128	/* msg_name bytes: sizeof(struct sockaddr_storage) */
#define HYB_SIGINFO_LEN	128	/* sizeof(siginfo_t) in user space: the blob ptrace would see */

/* cfg_mode */
#define HYB_DUMP_FDS	1024	/* -e read=/write=: fds the kernel side tests one by one (DUMP_FD_MAX) */
#define HYB_DUMP_READ	1	/* cfg_dumpnr: read, pread64, recvfrom: ret bytes at args[1] */
#define HYB_DUMP_WRITE	2	/* write, pwrite64, sendto: args[2] bytes at args[1] */

#define HYB_MODE_TARGET	0	/* only tasks in the task map (command, -p), plus children with -f */
#define HYB_MODE_ALL	1	/* -a: every task except hytrace, subject to --comm/--cgroup */

/* cfg_nrflags[nr] */
#define HYB_NF_TRACE	 0x01	/* in -e trace= */
#define HYB_NF_ENTER_CAP 0x02	/* has a capture at entry */
#define HYB_NF_EXIT_CAP	 0x04	/* has a capture at exit */
#define HYB_NF_BLOCKS	 0x08	/* HY_SC_BLOCKS: send HY_REC_ENTER */
#define HYB_NF_EXEC	 0x10	/* HY_SC_EXEC */
#define HYB_NF_COMM	 0x20	/* may rename the thread (prctl PR_SET_NAME): refresh comm */
#define HYB_NF_STACK	 0x40	/* -k: the record carries the call's user stack (bpf/stack.bpf.h) */
#define HYB_NF_MAPS	 0x80	/* -k: mmap, munmap, mprotect...: sent even when not shown (the
				   symbol layer follows the mappings; user space drops them) */

/* cfg_stack: -k and --stack= */
#define HYB_STACK_NONE	0
#define HYB_STACK_FP	1	/* bpf_get_task_stack(BPF_F_USER_STACK) into HY_ARG_STACK */
#define HYB_STACK_DWARF	2	/* registers and stack bytes into HY_ARG_USTACK */
#define HYB_USTACK_MAX	HY_USTACK_MAX	/* parked entry stacks must fit the slot */
_Static_assert(HYB_USTACK_MAX < HYB_SLOT_MAX + 1, "--stack-size bound");

/* struct hyb_task.flags */
#define HYB_TS_PRE_EXEC	 0x01	/* our command before its execve: not traced yet */
#define HYB_TS_ENTER_SEEN 0x02	/* an HY_REC_ENTER went out for the current call */
#define HYB_TS_CUT	 0x04	/* entry blobs did not all fit */
/*
 * --comm/--cgroup decided once per task, not per syscall (issue 10): SKIP says the filters
 * reject the task, RECHECK that its comm or cgroup changed (prctl, /proc/PID/comm, cgroup
 * migration) so that its next syscall decides again; SHOWN that -a has shown it once, so
 * its lifecycle records go on after a rename out of the filter (as before the change).
 */
#define HYB_TS_SKIP	 0x08
#define HYB_TS_RECHECK	 0x10
#define HYB_TS_SHOWN	 0x20
/*
 * -e inject= on the eBPF backend (user/source/bpf_inject.c): the current call was skipped by
 * the seccomp filter's user notification, so its record was built at the exit alone; RETVAL:
 * the rule is retval= (a success value, even in -4095..-1)
 */
#define HYB_TS_INJ	 0x40
#define HYB_TS_INJ_RETVAL 0x80

/* cfg_inj[nr]: the kind of -e inject= rule for nr (its skipped calls return cfg_inj_ret[nr]) */
#define HYB_INJ_NONE	0
#define HYB_INJ_ERROR	1	/* error= (and fault=): returns -error */
#define HYB_INJ_RETVAL	2	/* retval= */

/* Value of the per-thread map (key: tid).  ts == 0: not inside a traced syscall. */
struct hyb_task {
	__u64 ts;		/* CLOCK_BOOTTIME of the entry */
	__u64 args[HY_NARGS];
	__u32 tgid;
	__s32 nr;
	__u32 flags;		/* HYB_TS_* */
	__u16 nblobs;		/* entry blobs parked in the slot map */
	__u16 retry;		/* bit per argument: entry read failed, retry at exit */
	__u32 slot_len;		/* bytes parked in the slot map */
	__u32 tid;		/* saves bpf_get_current_pid_tgid() on the hot path */
	__u64 sp;		/* user stack pointer at entry (HY_CAP_STACK) */
	char comm[HY_COMM_LEN];	/* cached: bpf_get_current_comm() costs ~60 ns (measured);
				   refreshed at exec, prctl and every record with blobs */
	__u32 dev;		/* --cuda: enum hy_dev_kind of the current call's device fd */
	__u32 fatal_sig;	/* a fatal signal the kernel turned into a group SIGKILL, shown as
				   this task's (hy_sig_generate): its call returns, as under ptrace */
};

/* cfg_devfd[nr] (--cuda, bpf/ioctl_dev.bpf.h): 1 + the argument holding a device fd, or */
#define HYB_DEVFD_RET	0x10	/* the returned fd (the opens) */

/* Per-CPU drop counters: total for the summary, pending until a HY_REC_LOST reports them. */
struct hyb_drops {
	__u64 total[HY_LOST_NR];
	__u64 pending[HY_LOST_NR];
	/* of the pending drops: the process of the first, and whether others lost some too */
	__u32 pid[HY_LOST_NR];
	__u32 others[HY_LOST_NR];
};

/* --func (bpf/hytrace_func.bpf.c): a traced task stopped after its dynamic linker mapped objects */
struct hyb_newfile {
	__u32 pid;		/* thread group id */
	__u32 tid;
};

#endif /* HYTRACE_BPF_H */
