/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* signal.c: signal syscalls and signal delivery (--- SIGNAL {siginfo} --- lines). */
#include "hyt.h"
#include <signal.h>
#include <sys/time.h>

static volatile sig_atomic_t got;

static void handler(int sig)
{
	got = sig;
}

static char altstack[65536];

int main(void)
{
	struct sigaction sa, old;
	sigset_t set, oldset, empty;
	siginfo_t info;
	stack_t ss;
	struct timespec ts = { 1, 0 };
	struct itimerval it = { { 0, 0 }, { 0, 100000 } };

	signal(SIGPIPE, SIG_DFL);	/* whatever the runner inherited: the old action below is fixed */
	hyt_begin();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, &old);
	sa.sa_flags = SA_ONSTACK | SA_NODEFER;
	sigaddset(&sa.sa_mask, SIGTERM);
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGUSR2, NULL, &old);
	signal(SIGPIPE, SIG_IGN);
	sigaction(SIGKILL, &sa, NULL);

	/* sigaltstack */
	ss.ss_sp = altstack;
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 0;
	sigaltstack(&ss, NULL);
	sigaltstack(NULL, &ss);

	/* a handled signal from kill(): --- SIGUSR1 {si_code=SI_USER ...} --- */
	kill(getpid(), SIGUSR1);

	/* masks */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, &oldset);
	sigprocmask(SIG_SETMASK, NULL, &oldset);

	/* pending SIGUSR1 released by rt_sigsuspend */
	kill(getpid(), SIGUSR1);
	sigemptyset(&empty);
	sigsuspend(&empty);

	/* pending SIGUSR2 (from tgkill) taken by rt_sigtimedwait */
	raise(SIGUSR2);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigtimedwait(&set, &info, &ts);
	sigprocmask(SIG_UNBLOCK, &set, NULL);

	/* alarm, and pause woken by an interval timer */
	alarm(100);
	alarm(0);
	setitimer(ITIMER_REAL, &it, NULL);
	pause();

	hyt_end();
	return got == SIGALRM ? 0 : 1;
}
