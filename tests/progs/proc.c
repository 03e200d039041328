/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* proc.c: process syscalls: fork/vfork/clone3, execve, wait4/waitid, kill, prctl, limits, sched, ids. */
#include "hyt.h"
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <asm/prctl.h>
#include <linux/sched.h>

int main(int argc, char **argv)
{
	struct rlimit rl;
	struct rusage ru;
	struct utsname un;
	struct sysinfo si;
	struct sched_param sp;
	cpu_set_t set;
	siginfo_t info;
	struct clone_args ca;
	unsigned long fsbase;
	char name[32];
	int status, tidword;
	sigset_t chld;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		syscall(SYS_exit_group, 7);

	/* SIGCHLD stays pending until every child is reaped: where it would otherwise be
	 * delivered depends on scheduling */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	hyt_begin();

	/* before any child exists, so every field is 0 */
	syscall(SYS_getrusage, RUSAGE_CHILDREN, &ru);

	/* fork (glibc: clone), vfork, clone3 */
	pid = fork();
	if (pid == 0)
		syscall(SYS_exit_group, 0);
	syscall(SYS_wait4, pid, &status, 0, NULL);
	pid = vfork();
	if (pid == 0)
		syscall(SYS_exit_group, 1);
	syscall(SYS_wait4, -1, &status, 0, NULL);
	memset(&ca, 0, sizeof(ca));
	memset(&info, 0, sizeof(info));
	ca.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		syscall(SYS_exit_group, 2);
	syscall(SYS_waitid, P_PID, pid, &info, WEXITED, NULL);
	syscall(SYS_wait4, -1, &status, WNOHANG, NULL);

	/* execve of a helper: this program in its exec-child mode */
	pid = fork();
	if (pid == 0) {
		char *args[] = { "proc", "exec-child", NULL };
		char *env[] = { "HYT=1", "LC_ALL=C", NULL };
		syscall(SYS_execve, "/proc/self/exe", args, env);
		syscall(SYS_exit_group, 99);
	}
	syscall(SYS_wait4, pid, &status, 0, NULL);
	syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &chld, NULL, 8);
	{
		char *args[] = { "nosuch", NULL };
		syscall(SYS_execve, "/nonexistent/hyt", args, NULL);
	}

	/* ids, after the children so that their pids are numbered first by the normaliser */
	syscall(SYS_getpid);
	syscall(SYS_getppid);
	syscall(SYS_gettid);
	syscall(SYS_getuid);
	syscall(SYS_geteuid);
	syscall(SYS_getgid);
	syscall(SYS_getegid);
	syscall(SYS_getpgid, 0);
	syscall(SYS_getsid, 0);
	syscall(SYS_setpgid, 0, syscall(SYS_getpgid, 0));
	syscall(SYS_set_tid_address, &tidword);

	/* signals to self (signal 0 only checks) */
	syscall(SYS_kill, syscall(SYS_getpid), 0);
	syscall(SYS_tgkill, syscall(SYS_getpid), syscall(SYS_gettid), 0);

	/* prctl, arch_prctl */
	syscall(SYS_prctl, PR_SET_NAME, "hyt-proc", 0, 0, 0);
	syscall(SYS_prctl, PR_GET_NAME, name, 0, 0, 0);
	syscall(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	syscall(SYS_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	syscall(SYS_arch_prctl, ARCH_GET_FS, &fsbase);

	/* limits */
	syscall(SYS_getrlimit, RLIMIT_STACK, &rl);
	syscall(SYS_prlimit64, 0, RLIMIT_CORE, NULL, &rl);
	rl.rlim_cur = 0;
	syscall(SYS_setrlimit, RLIMIT_CORE, &rl);
	rl.rlim_cur = 1024;
	rl.rlim_max = 1024;
	syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &rl, NULL);
	syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl);

	/* scheduler */
	syscall(SYS_sched_yield);
	syscall(SYS_sched_getparam, 0, &sp);
	syscall(SYS_sched_getscheduler, 0);
	syscall(SYS_sched_getaffinity, 0, sizeof(set), &set);

	/* system information */
	syscall(SYS_uname, &un);
	syscall(SYS_sysinfo, &si);

	hyt_end();
	return 0;
}
