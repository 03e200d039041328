// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_proc.c: process and credential decoders against lines printed by strace 6.1. */
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include "unit.h"

UT_CASE(clone)
{
	/* clone: named arguments, the rest at exit */
	ut_begin(u, SYS_clone, 0x01200011, 0, 0, 0x7f0e6d060a10, 0, 0);
	UT_EXPECT("clone enter", ut_enter(u),
		  "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, ");
	UT_LINE(u, "clone", 24182,
		"clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0e6d060a10) = 24182");
	ut_begin(u, SYS_clone, 0x4111, 0, 0, 0, 0, 0);
	UT_LINE(u, "clone vfork", 24194, "clone(child_stack=NULL, flags=CLONE_VM|CLONE_VFORK|SIGCHLD) = 24194");
}

UT_CASE(clone3)
{
	uint64_t ca[11] = { 0, 0, 0, 0, 17, 0, 0, 0, 0, 0, 0 };

	ut_begin(u, SYS_clone3, 0x1000, 88, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, ca, 88, 0);
	UT_LINE(u, "clone3", 24193, "clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 88) = 24193");
	ut_begin(u, SYS_clone3, 1, 88, 0, 0, 0, 0);
	ut_blob_err(u, 0, HY_AT_ENTER, 14);
	UT_LINE(u, "clone3 efault", -14, "clone3(0x1, 88) = -1 EFAULT (Bad address)");
	ut_begin(u, SYS_clone3, 0x7ffc6ab43b00, 8, 0, 0, 0, 0);
	UT_LINE(u, "clone3 small", -22, "clone3(0x7ffc6ab43b00, 8) = -1 EINVAL (Invalid argument)");

	uint64_t th[11] = { 0x3d0f00, 0, 0x7f237fb80990, 0x7f237fb80990, 0, 0x7f237f380000, 0x7fff80,
			    0x7f237fb806c0, 0, 0, 0 };

	ut_begin(u, SYS_clone3, 0x1000, 88, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, th, 88, 0);
	UT_LINE(u, "clone3 thread", 17377,
		"clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f237fb80990, parent_tid=0x7f237fb80990, exit_signal=0, stack=0x7f237f380000, stack_size=0x7fff80, tls=0x7f237fb806c0} => {parent_tid=[17377]}, 88) = 17377");
}

UT_CASE(vfork)
{
	ut_begin(u, SYS_vfork, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "vfork", 24192, "vfork() = 24192");
}

UT_CASE(exit_group)
{
	/* exit_group never returns */
	ut_begin(u, SYS_exit_group, 0, 0, 0, 0, 0, 0);
	rb_rec(&u->rb)->flags |= HY_F_NO_EXIT;
	UT_LINE(u, "exit_group", 0, "exit_group(0) = ?");
}

UT_CASE(wait4)
{
	int32_t i32;

	struct rusage ru = { .ru_utime = { 0, 319 } };

	i32 = 0;
	ut_begin(u, SYS_wait4, 24182, 0x1000, 0, 0x2000, 0, 0);
	UT_EXPECT("wait4 enter", ut_enter(u), "wait4(24182, ");
	ut_blob(u, 1, HY_AT_EXIT, 0, &i32, 4, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, &ru, sizeof(ru), 0);
	UT_LINE(u, "wait4 exited", 24182,
		"wait4(24182, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, {ru_utime={tv_sec=0, tv_usec=319}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 24182");
	i32 = 9;
	ut_begin(u, SYS_wait4, 24186, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &i32, 4, 0);
	UT_LINE(u, "wait4 killed", 24186, "wait4(24186, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = 24186");
	i32 = 0x8b;
	ut_begin(u, SYS_wait4, 24187, 0x1000, 0x40000000, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &i32, 4, 0);
	UT_LINE(u, "wait4 core", 24187,
		"wait4(24187, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], __WALL, NULL) = 24187");
	i32 = 0x137f;
	ut_begin(u, SYS_wait4, 24191, 0x1000, 2, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &i32, 4, 0);
	UT_LINE(u, "wait4 stopped", 24191,
		"wait4(24191, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WSTOPPED, NULL) = 24191");
	i32 = 0xffff;
	ut_begin(u, SYS_wait4, 24191, 0x1000, 8, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &i32, 4, 0);
	UT_LINE(u, "wait4 continued", 24191, "wait4(24191, [{WIFCONTINUED(s)}], WCONTINUED, NULL) = 24191");
	ut_begin(u, SYS_wait4, -1, 0x7ffd1000, 1, 0, 0, 0);
	UT_LINE(u, "wait4 echild", -10,
		"wait4(-1, 0x7ffd1000, WNOHANG, NULL) = -1 ECHILD (No child processes)");
}

UT_CASE(waitid)
{
	/* waitid: siginfo out */
	int32_t si[32] = { 17, 0, 1, 0, 24193, 0, 2 };

	ut_begin(u, SYS_waitid, 1, 24193, 0x1000, 4, 0, 0);
	UT_EXPECT("waitid enter", ut_enter(u), "waitid(P_PID, 24193, ");
	ut_blob(u, 2, HY_AT_EXIT, 0, si, sizeof(si), 0);
	UT_LINE(u, "waitid", 0,
		"waitid(P_PID, 24193, {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=24193, si_uid=0, si_status=2, si_utime=0, si_stime=0}, WEXITED, NULL) = 0");
	ut_begin(u, SYS_waitid, 0, 0, 0x7ffc6ab43b60, 5, 0, 0);
	UT_LINE(u, "waitid echild", -10,
		"waitid(P_ALL, 0, 0x7ffc6ab43b60, WNOHANG|WEXITED, NULL) = -1 ECHILD (No child processes)");
}

UT_CASE(kill)
{
	/* kill & co */
	ut_begin(u, SYS_kill, 999999, 15, 0, 0, 0, 0);
	UT_LINE(u, "kill", -3, "kill(999999, SIGTERM) = -1 ESRCH (No such process)");
	ut_begin(u, SYS_kill, 24178, 77, 0, 0, 0, 0);
	UT_LINE(u, "kill bad", -22, "kill(24178, 77) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_tkill, 24178, 0, 0, 0, 0, 0);
	UT_LINE(u, "tkill", 0, "tkill(24178, 0) = 0");
	ut_begin(u, SYS_tgkill, 24178, 999999, 37, 0, 0, 0);
	UT_LINE(u, "tgkill rt", -3, "tgkill(24178, 999999, SIGRT_5) = -1 ESRCH (No such process)");
}

UT_CASE(ids)
{
	ut_begin(u, SYS_getppid, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "getppid", 24171, "getppid() = 24171");
	ut_begin(u, SYS_getpgid, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "getpgid", 24155, "getpgid(0) = 24155");
	ut_begin(u, SYS_setpgid, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "setpgid", -1, "setpgid(0, 0) = -1 EPERM (Operation not permitted)");
	ut_begin(u, SYS_set_tid_address, 0x7f0e6d060a10, 0, 0, 0, 0, 0);
	UT_LINE(u, "set_tid_address", 24178, "set_tid_address(0x7f0e6d060a10) = 24178");
	ut_begin(u, SYS_set_robust_list, 0x7f0e6d060a20, 24, 0, 0, 0, 0);
	UT_LINE(u, "set_robust_list", 0, "set_robust_list(0x7f0e6d060a20, 24) = 0");
	ut_begin(u, SYS_rseq, 0x7f0e6d061060, 0x20, 0, 0x53053053, 0, 0);
	UT_LINE(u, "rseq", 0, "rseq(0x7f0e6d061060, 0x20, 0, 0x53053053) = 0");
}

UT_CASE(prctl)
{
	int32_t i32;

	ut_begin(u, SYS_prctl, 15, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, "hyt-proc\0\0\0\0\0\0\0\0", 16, 0);
	UT_LINE(u, "prctl set_name", 0, "prctl(PR_SET_NAME, \"hyt-proc\") = 0");
	ut_begin(u, SYS_prctl, 16, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, "hyt-proc\0\0\0\0\0\0\0\0", 16, 0);
	UT_LINE(u, "prctl get_name", 0, "prctl(PR_GET_NAME, \"hyt-proc\") = 0");
	ut_begin(u, SYS_prctl, 3, 0, 0, 0, 0, 0);
	UT_LINE(u, "prctl get_dumpable", 1, "prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)");
	ut_begin(u, SYS_prctl, 4, 1, 0, 0, 0, 0);
	UT_LINE(u, "prctl set_dumpable", 0, "prctl(PR_SET_DUMPABLE, SUID_DUMP_USER) = 0");
	ut_begin(u, SYS_prctl, 1, 15, 0, 0, 0, 0);
	UT_LINE(u, "prctl set_pdeathsig", 0, "prctl(PR_SET_PDEATHSIG, SIGTERM) = 0");
	i32 = 15;
	ut_begin(u, SYS_prctl, 2, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &i32, 4, 0);
	UT_LINE(u, "prctl get_pdeathsig", 0, "prctl(PR_GET_PDEATHSIG, [SIGTERM]) = 0");
	ut_begin(u, SYS_prctl, 39, 0, 0, 0, 0, 0);
	UT_LINE(u, "prctl get_no_new_privs", 0, "prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) = 0");
	ut_begin(u, SYS_prctl, 38, 1, 0, 0, 0, 0);
	UT_LINE(u, "prctl set_no_new_privs", 0, "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0");
	ut_begin(u, SYS_prctl, 23, 21, 0, 0, 0, 0);
	UT_LINE(u, "prctl capbset_read", 1, "prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN) = 1");
	ut_begin(u, SYS_prctl, 23, 99, 0, 0, 0, 0);
	UT_LINE(u, "prctl capbset_read bad", -22,
		"prctl(PR_CAPBSET_READ, 0x63 /* CAP_??? */) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_prctl, 0x53564d41, 0, 0x1000, 0x2000, 0x3000, 0);
	ut_str(u, 4, HY_AT_ENTER, "foo");
	UT_LINE(u, "prctl set_vma", -22,
		"prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0x1000, 8192, \"foo\") = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_prctl, 30, 0, 0, 0, 0, 0);
	UT_LINE(u, "prctl get_timerslack", 50000, "prctl(PR_GET_TIMERSLACK) = 50000");
	ut_begin(u, SYS_prctl, 36, 1, 0, 0, 0, 0);
	UT_LINE(u, "prctl set_child_subreaper", 0, "prctl(PR_SET_CHILD_SUBREAPER, 1) = 0");
	i32 = 1;
	ut_begin(u, SYS_prctl, 37, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &i32, 4, 0);
	UT_LINE(u, "prctl get_child_subreaper", 0, "prctl(PR_GET_CHILD_SUBREAPER, [1]) = 0");
	ut_begin(u, SYS_prctl, 35, 1, 2, 3, 4, 0);
	UT_LINE(u, "prctl set_mm", -22,
		"prctl(PR_SET_MM, PR_SET_MM_START_CODE, 0x2, 0x3, 0x4) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_prctl, 0x12345, 1, 2, 3, 4, 0);
	UT_LINE(u, "prctl unknown", -22,
		"prctl(0x12345 /* PR_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_prctl, 47, 1, 0, 0, 0, 0);
	UT_LINE(u, "prctl cap_ambient", 0, "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0) = 0");
	ut_begin(u, SYS_prctl, 52, 0, 0, 0, 0, 0);
	UT_LINE(u, "prctl get_speculation_ctrl", 2,
		"prctl(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS) = 0x2 (PR_SPEC_ENABLE)");
}

UT_CASE(arch_prctl)
{
	uint64_t u64;

	u64 = 0x7f0e6d060740;
	ut_begin(u, SYS_arch_prctl, 0x1003, 0x1000, 0, 0, 0, 0);
	UT_EXPECT("arch_prctl enter", ut_enter(u), "arch_prctl(ARCH_GET_FS, ");
	ut_blob(u, 1, HY_AT_EXIT, 0, &u64, 8, 0);
	UT_LINE(u, "arch_prctl get_fs", 0, "arch_prctl(ARCH_GET_FS, [0x7f0e6d060740]) = 0");
	ut_begin(u, SYS_arch_prctl, 0x1002, 0x7f0e6d060740, 0, 0, 0, 0);
	UT_LINE(u, "arch_prctl set_fs", 0, "arch_prctl(ARCH_SET_FS, 0x7f0e6d060740) = 0");
	u64 = 0;
	ut_begin(u, SYS_arch_prctl, 0x1004, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &u64, 8, 0);
	UT_LINE(u, "arch_prctl get_gs", 0, "arch_prctl(ARCH_GET_GS, [NULL]) = 0");
	ut_begin(u, SYS_arch_prctl, 0x3001, 0x7ffc6ab43af8, 0, 0, 0, 0);
	UT_LINE(u, "arch_prctl cet", -22,
		"arch_prctl(0x3001 /* ARCH_??? */, 0x7ffc6ab43af8) = -1 EINVAL (Invalid argument)");
	u64 = 0xe7;
	ut_begin(u, SYS_arch_prctl, 0x1022, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &u64, 8, 0);
	UT_LINE(u, "arch_prctl xcomp_perm", 0,
		"arch_prctl(ARCH_GET_XCOMP_PERM, [0xe7 /* XFEATURE_MASK_FPSSE|XFEATURE_MASK_YMM|XFEATURE_MASK_AVX512 */]) = 0");
	ut_begin(u, SYS_arch_prctl, 0x1003, 8, 0, 0, 0, 0);
	UT_LINE(u, "arch_prctl efault", -14, "arch_prctl(ARCH_GET_FS, 0x8) = -1 EFAULT (Bad address)");
	ut_begin(u, SYS_arch_prctl, 0x1011, 0, 0, 0, 0, 0);
	UT_LINE(u, "arch_prctl get_cpuid", 1, "arch_prctl(ARCH_GET_CPUID) = 1");
}

UT_CASE(rlimit)
{
	uint64_t rl[2] = { 8192 * 1024, ~0ULL };

	ut_begin(u, SYS_prlimit64, 0, 3, 0, 0x1000, 0, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, rl, 16, 0);
	UT_LINE(u, "prlimit64 stack", 0,
		"prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0");
	rl[0] = 1000;
	rl[1] = 4096;
	ut_begin(u, SYS_prlimit64, 24178, 7, 0x1000, 0x2000, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, rl, 16, 0);
	UT_EXPECT("prlimit64 enter", ut_enter(u),
		  "prlimit64(24178, RLIMIT_NOFILE, {rlim_cur=1000, rlim_max=4*1024}, ");
	rl[0] = 1024;
	ut_blob(u, 3, HY_AT_EXIT, 0, rl, 16, 0);
	UT_LINE(u, "prlimit64 both", 0,
		"prlimit64(24178, RLIMIT_NOFILE, {rlim_cur=1000, rlim_max=4*1024}, {rlim_cur=1024, rlim_max=4*1024}) = 0");
	ut_begin(u, SYS_getrlimit, 99, 0x7ffc6ab43f00, 0, 0, 0, 0);
	UT_LINE(u, "getrlimit bad", -22,
		"getrlimit(0x63 /* RLIMIT_??? */, 0x7ffc6ab43f00) = -1 EINVAL (Invalid argument)");
	rl[0] = 0;
	rl[1] = ~0ULL;
	ut_begin(u, SYS_setrlimit, 4, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, rl, 16, 0);
	UT_LINE(u, "setrlimit", 0, "setrlimit(RLIMIT_CORE, {rlim_cur=0, rlim_max=RLIM64_INFINITY}) = 0");
}

UT_CASE(getrusage)
{
	struct rusage ru = { .ru_utime = { 0, 319 } };

	ru.ru_utime.tv_usec = 1526;
	ut_begin(u, SYS_getrusage, 0, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &ru, sizeof(ru), 0);
	UT_LINE(u, "getrusage", 0,
		"getrusage(RUSAGE_SELF, {ru_utime={tv_sec=0, tv_usec=1526}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 0");
	ut_begin(u, SYS_getrusage, (uint64_t)-1, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &ru, sizeof(ru), 0);
	u->o.verbose = true;
	ru.ru_maxrss = 972;
	ut_begin(u, SYS_getrusage, 0, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &ru, sizeof(ru), 0);
	UT_LINE(u, "getrusage -v", 0,
		"getrusage(RUSAGE_SELF, {ru_utime={tv_sec=0, tv_usec=1526}, ru_stime={tv_sec=0, tv_usec=0}, ru_maxrss=972, ru_ixrss=0, ru_idrss=0, ru_isrss=0, ru_minflt=0, ru_majflt=0, ru_nswap=0, ru_inblock=0, ru_oublock=0, ru_msgsnd=0, ru_msgrcv=0, ru_nsignals=0, ru_nvcsw=0, ru_nivcsw=0}) = 0");
	u->o.verbose = false;
	ut_begin(u, SYS_getrusage, 5, 0x7ffc6ab43e70, 0, 0, 0, 0);
	UT_LINE(u, "getrusage bad", -22,
		"getrusage(0x5 /* RUSAGE_??? */, 0x7ffc6ab43e70) = -1 EINVAL (Invalid argument)");
}

UT_CASE(sched)
{
	int32_t i32;

	/* priorities, scheduler */
	ut_begin(u, SYS_getpriority, 2, 0, 0, 0, 0, 0);
	UT_LINE(u, "getpriority", 40, "getpriority(PRIO_USER, 0) = 40");
	ut_begin(u, SYS_setpriority, 0, 0, 5, 0, 0, 0);
	UT_LINE(u, "setpriority", 0, "setpriority(PRIO_PROCESS, 0, 5) = 0");
	i32 = 0;
	ut_begin(u, SYS_sched_getparam, 0, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &i32, 4, 0);
	UT_LINE(u, "sched_getparam", 0, "sched_getparam(0, [0]) = 0");
	ut_begin(u, SYS_sched_getscheduler, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "sched_getscheduler", 0, "sched_getscheduler(0) = 0 (SCHED_OTHER)");
	UT_LINE(u, "sched_getscheduler reset", 0x40000000, "sched_getscheduler(0) = 1073741824");
	ut_begin(u, SYS_sched_setscheduler, 0, 0x40000000, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, &i32, 4, 0);
	UT_LINE(u, "sched_setscheduler", 0, "sched_setscheduler(0, 0x40000000 /* SCHED_??? */, [0]) = 0");
	ut_begin(u, SYS_sched_get_priority_max, 1, 0, 0, 0, 0, 0);
	UT_LINE(u, "sched_get_priority_max", 99, "sched_get_priority_max(SCHED_FIFO) = 99");
	uint8_t cpus[128] = { 3 };

	ut_begin(u, SYS_sched_getaffinity, 0, 128, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, cpus, 32, 0);
	UT_LINE(u, "sched_getaffinity", 32, "sched_getaffinity(0, 128, [0 1]) = 32");
	ut_begin(u, SYS_sched_getaffinity, 0, 1, 0x7ffc6ab43be0, 0, 0, 0);
	UT_LINE(u, "sched_getaffinity einval", -22,
		"sched_getaffinity(0, 1, 0x7ffc6ab43be0) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_sched_setaffinity, 0, 128, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, cpus, 128, 0);
	UT_LINE(u, "sched_setaffinity", 0, "sched_setaffinity(0, 128, [0 1]) = 0");
	uint32_t at[14] = { 56, 0, 0, 0, 0, 0, 1400000, 0, 0, 0, 0, 0, 0, 0 };

	ut_begin(u, SYS_sched_getattr, 0, 0x1000, 56, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, at, 56, 0);
	UT_LINE(u, "sched_getattr", 0,
		"sched_getattr(0, {size=56, sched_policy=SCHED_OTHER, sched_flags=0, sched_nice=0, sched_priority=0, sched_runtime=1400000, sched_deadline=0, sched_period=0, sched_util_min=0, sched_util_max=0}, 56, 0) = 0");
}

UT_CASE(uname)
{
	/* uname, sysinfo */
	struct utsname un;

	memset(&un, 0, sizeof(un));
	strcpy(un.sysname, "Linux");
	strcpy(un.nodename, "vm");
	strcpy(un.release, "6.18.44-fc-v445");
	strcpy(un.version, "#1 SMP PREEMPT_DYNAMIC @0");
	strcpy(un.machine, "x86_64");
	strcpy(un.domainname, "(none)");
	ut_begin(u, SYS_uname, 0x1000, 0, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, &un, sizeof(un), 0);
	UT_LINE(u, "uname", 0, "uname({sysname=\"Linux\", nodename=\"vm\", ...}) = 0");
	u->o.verbose = true;
	UT_LINE(u, "uname -v", 0,
		"uname({sysname=\"Linux\", nodename=\"vm\", release=\"6.18.44-fc-v445\", version=\"#1 SMP PREEMPT_DYNAMIC @0\", machine=\"x86_64\", domainname=\"(none)\"}) = 0");
	u->o.verbose = false;
	struct sysinfo sinfo = { .uptime = 716, .loads = { 162432, 73056, 30752 }, .totalram = 25274793984,
				 .freeram = 24468537344, .sharedram = 86994944, .bufferram = 5005312,
				 .procs = 128, .mem_unit = 1 };

	ut_begin(u, SYS_sysinfo, 0x1000, 0, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, &sinfo, sizeof(sinfo), 0);
	UT_LINE(u, "sysinfo", 0,
		"sysinfo({uptime=716, loads=[162432, 73056, 30752], totalram=25274793984, freeram=24468537344, sharedram=86994944, bufferram=5005312, totalswap=0, freeswap=0, procs=128, totalhigh=0, freehigh=0, mem_unit=1}) = 0");
}

UT_CASE(personality)
{
	ut_begin(u, SYS_personality, 0xffffffff, 0, 0, 0, 0, 0);
	UT_LINE(u, "personality query", 0, "personality(0xffffffff) = 0 (PER_LINUX)");
	ut_begin(u, SYS_personality, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "personality", 0x40000, "personality(PER_LINUX) = 0x40000 (PER_LINUX|ADDR_NO_RANDOMIZE)");
	ut_begin(u, SYS_personality, 0x40000, 0, 0, 0, 0, 0);
	UT_LINE(u, "personality set", 0, "personality(PER_LINUX|ADDR_NO_RANDOMIZE) = 0 (PER_LINUX)");
}

UT_CASE(unshare_setns)
{
	ut_begin(u, SYS_unshare, 0x04000400, 0, 0, 0, 0, 0);
	UT_LINE(u, "unshare", 0, "unshare(CLONE_FILES|CLONE_NEWUTS) = 0");
	ut_begin(u, SYS_unshare, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "unshare 0", 0, "unshare(0) = 0");
	ut_begin(u, SYS_setns, 99, 0x40000000, 0, 0, 0, 0);
	UT_LINE(u, "setns", -9, "setns(99, CLONE_NEWNET) = -1 EBADF (Bad file descriptor)");
}

UT_CASE(pidfd)
{
	ut_begin(u, SYS_pidfd_open, 24178, 04000, 0, 0, 0, 0);
	UT_LINE(u, "pidfd_open", 5, "pidfd_open(24178, PIDFD_NONBLOCK) = 5");
	ut_begin(u, SYS_pidfd_getfd, 3, 0, 0, 0, 0, 0);
	UT_LINE(u, "pidfd_getfd", 4, "pidfd_getfd(3, 0, 0) = 4");
	ut_begin(u, SYS_pidfd_send_signal, 3, 0, 0, 0, 0, 0);
	UT_LINE(u, "pidfd_send_signal", 0, "pidfd_send_signal(3, 0, NULL, 0) = 0");
}

UT_CASE(creds)
{
	int32_t i32;

	ut_begin(u, SYS_getuid, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "getuid", 0, "getuid() = 0");
	ut_begin(u, SYS_setreuid, 0xffffffff, 0, 0, 0, 0, 0);
	UT_LINE(u, "setreuid", 0, "setreuid(-1, 0) = 0");
	ut_begin(u, SYS_setresuid, -1, 0, -1, 0, 0, 0);
	UT_LINE(u, "setresuid", 0, "setresuid(-1, 0, -1) = 0");
	ut_begin(u, SYS_setfsgid, -1, 0, 0, 0, 0, 0);
	UT_LINE(u, "setfsgid", 0, "setfsgid(-1) = 0");
	i32 = 0;
	ut_begin(u, SYS_getresuid, 0x1000, 0x1004, 0x1008, 0, 0, 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, &i32, 4, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &i32, 4, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, &i32, 4, 0);
	UT_LINE(u, "getresuid", 0, "getresuid([0], [0], [0]) = 0");
	ut_begin(u, SYS_getresgid, 0x7fffb6249154, 0x7fffb6249158, 8, 0, 0, 0);
	UT_LINE(u, "getresgid efault", -14,
		"getresgid(0x7fffb6249154, 0x7fffb6249158, 0x8) = -1 EFAULT (Bad address)");
	uint32_t gs[3] = { 0, 5, 7 };

	ut_begin(u, SYS_getgroups, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "getgroups 0", 0, "getgroups(0, NULL) = 0");
	ut_begin(u, SYS_getgroups, 64, 0x1000, 0, 0, 0, 0);
	UT_LINE(u, "getgroups none", 0, "getgroups(64, []) = 0");
	ut_blob(u, 1, HY_AT_EXIT, 0, gs, 12, 0);
	UT_LINE(u, "getgroups", 3, "getgroups(64, [0, 5, 7]) = 3");
	ut_begin(u, SYS_setgroups, 3, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, gs, 12, 0);
	UT_LINE(u, "setgroups", 0, "setgroups(3, [0, 5, 7]) = 0");
}

UT_CASE(capget)
{
	uint32_t hd[2] = { 0x20080522, 0 }, cd[6] = { 3, 5, 0, 0, 0, 0 };

	ut_begin(u, SYS_capget, 0x1000, 0x2000, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, hd, 8, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, cd, 24, 0);
	UT_LINE(u, "capget", 0,
		"capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=1<<CAP_CHOWN|1<<CAP_DAC_OVERRIDE, permitted=1<<CAP_CHOWN|1<<CAP_DAC_READ_SEARCH, inheritable=0}) = 0");
	hd[0] = 0x1234;
	ut_begin(u, SYS_capget, 0x1000, 0x7fffb6248e50, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, hd, 8, 0);
	UT_LINE(u, "capget bad version", -22,
		"capget({version=0x1234 /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}, 0x7fffb6248e50) = -1 EINVAL (Invalid argument)");
}

/* The k-th argument of the last decoded call (0-based). */
static const struct hv *ut_arg(const struct ut *u, int k)
{
	const struct hv *v = u->d.args->child;

	while (v && k--)
		v = v->next;
	return v;
}

/*
 * --pidns-translation: which values are pids of which kind (strace 6.1's printpid() calls and
 * RVAL_TGID/TID/PGID/SID), marked by the decoders for the pass that translates them; the
 * rendering stays the same
 */
UT_CASE(pid_kinds)
{
	ut_begin(u, SYS_kill, (uint64_t)-5, 15, 0, 0, 0, 0);
	UT_LINE(u, "kill group", 0, "kill(-5, SIGTERM) = 0");
	UT_CHECK("kill: a process or -group", ut_arg(u, 0)->pidt == HVP_TGID_PGID);
	UT_CHECK("kill: the signal is no pid", ut_arg(u, 1)->pidt == HVP_NONE);
	ut_begin(u, SYS_tgkill, 7, 8, 15, 0, 0, 0);
	UT_LINE(u, "tgkill", 0, "tgkill(7, 8, SIGTERM) = 0");
	UT_CHECK("tgkill: tgid, tid", ut_arg(u, 0)->pidt == HVP_TGID && ut_arg(u, 1)->pidt == HVP_TID);
	ut_begin(u, SYS_setpgid, 7, 9, 0, 0, 0, 0);
	UT_LINE(u, "setpgid", 0, "setpgid(7, 9) = 0");
	UT_CHECK("setpgid: tgid, pgid", ut_arg(u, 0)->pidt == HVP_TGID && ut_arg(u, 1)->pidt == HVP_PGID);
	ut_begin(u, SYS_waitid, 2, 9, 0, 4, 0, 0);
	UT_LINE(u, "waitid P_PGID", -10, "waitid(P_PGID, 9, NULL, WEXITED, NULL) = -1 ECHILD (No child processes)");
	UT_CHECK("waitid P_PGID: a group", ut_arg(u, 1)->pidt == HVP_PGID);
	ut_begin(u, SYS_getsid, 7, 0, 0, 0, 0, 0);
	UT_LINE(u, "getsid", 3, "getsid(7) = 3");
	UT_CHECK("getsid: tgid, returns a sid", ut_arg(u, 0)->pidt == HVP_TGID && u->d.se->ret == RV_SID);
	ut_begin(u, SYS_getpid, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "getpid", 42, "getpid() = 42");
	UT_CHECK("getpid returns a tgid", u->d.se->ret == RV_TGID);
	ut_begin(u, SYS_gettid, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "gettid", 43, "gettid() = 43");
	UT_CHECK("gettid returns a tid", u->d.se->ret == RV_TID);
	ut_begin(u, SYS_getppid, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "getppid", 41, "getppid() = 41");
	UT_CHECK("getppid: not translated (as strace)", u->d.se->ret == RV_DEC);
	ut_begin(u, SYS_fcntl, 3, 9 /* F_GETOWN */, 0, 0, 0, 0);
	UT_LINE(u, "fcntl F_GETOWN", -5000, "fcntl(3, F_GETOWN) = -5000");
	UT_CHECK("F_GETOWN: negative, a group", u->d.ret && u->d.ret->pidt == HVP_PGID);
}

static const struct ut_case cases[] = {
	UT_ENTRY(pid_kinds),
	UT_ENTRY(clone), UT_ENTRY(clone3), UT_ENTRY(vfork), UT_ENTRY(exit_group),
	UT_ENTRY(wait4), UT_ENTRY(waitid), UT_ENTRY(kill), UT_ENTRY(ids), UT_ENTRY(prctl),
	UT_ENTRY(arch_prctl), UT_ENTRY(rlimit), UT_ENTRY(getrusage), UT_ENTRY(sched),
	UT_ENTRY(uname), UT_ENTRY(personality), UT_ENTRY(unshare_setns), UT_ENTRY(pidfd),
	UT_ENTRY(creds), UT_ENTRY(capget),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
