// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_signal.c: signal decoders, signal sets and siginfo against lines printed by strace 6.1. */
#include <sys/syscall.h>
#include "unit.h"

UT_CASE(rt_sigaction)
{
	uint64_t sa[4];

	/* rt_sigaction: act at entry, oldact at exit */
	uint64_t act[4] = { 0x5583fa015219, 0x14000004, 0x7f3021cdf050, 0xfffffffe7fffffffULL };

	ut_begin(u, SYS_rt_sigaction, 10, 0x1000, 0, 8, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, act, 32, 0);
	UT_EXPECT("rt_sigaction enter", ut_enter(u),
		  "rt_sigaction(SIGUSR1, {sa_handler=0x5583fa015219, sa_mask=~[RTMIN RT_1], sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, sa_restorer=0x7f3021cdf050}, ");
	UT_LINE(u, "rt_sigaction fill", 0,
		"rt_sigaction(SIGUSR1, {sa_handler=0x5583fa015219, sa_mask=~[RTMIN RT_1], sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, sa_restorer=0x7f3021cdf050}, NULL, 8) = 0");
	uint64_t ign[4] = { 1, 0x14000000, 0x7f0e6d0a0050, 1ULL << 12 };

	memset(sa, 0, sizeof(sa));
	sa[0] = 1;
	ut_begin(u, SYS_rt_sigaction, 13, 0x1000, 0x2000, 8, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, ign, 32, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, sa, 32, 0);
	UT_LINE(u, "rt_sigaction ign", 0,
		"rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, sa_mask=[PIPE], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f0e6d0a0050}, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=0}, 8) = 0");
	memset(sa, 0, sizeof(sa));
	ut_begin(u, SYS_rt_sigaction, 12, 0, 0x2000, 8, 0, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, sa, 32, 0);
	UT_LINE(u, "rt_sigaction query", 0,
		"rt_sigaction(SIGUSR2, NULL, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0");
	uint64_t kact[4] = { 0x55d0c4a2a1c9, 0x4c000000, 0x7f1b7ee3a050, 1ULL << 14 };

	ut_begin(u, SYS_rt_sigaction, 9, 0x1000, 0, 8, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, kact, 32, 0);
	UT_LINE(u, "rt_sigaction kill", -22,
		"rt_sigaction(SIGKILL, {sa_handler=0x55d0c4a2a1c9, sa_mask=[TERM], sa_flags=SA_RESTORER|SA_ONSTACK|SA_NODEFER, sa_restorer=0x7f1b7ee3a050}, NULL, 8) = -1 EINVAL (Invalid argument)");
}

UT_CASE(rt_sigprocmask)
{
	uint64_t m;

	/* rt_sigprocmask and signal sets */
	m = 0xfffffffe7fffffffULL;
	ut_begin(u, SYS_rt_sigprocmask, 0, 0x1000, 0, 8, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, &m, 8, 0);
	UT_LINE(u, "rt_sigprocmask fill", 0, "rt_sigprocmask(SIG_BLOCK, ~[RTMIN RT_1], NULL, 8) = 0");
	m = (1ULL << 16) | (1ULL << 33) | (1ULL << 63);
	ut_begin(u, SYS_rt_sigprocmask, 1, 0x1000, 0, 8, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, &m, 8, 0);
	UT_LINE(u, "rt_sigprocmask rt", 0, "rt_sigprocmask(SIG_UNBLOCK, [CHLD RT_2 RT_32], NULL, 8) = 0");
	ut_begin(u, SYS_rt_sigprocmask, 1, 0x7fffb6248ef0, 0, 4, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, &m, 8, 0);
	UT_LINE(u, "rt_sigprocmask size", -22,
		"rt_sigprocmask(SIG_UNBLOCK, 0x7fffb6248ef0, NULL, 4) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_rt_sigprocmask, 7, 0x1000, 0, 8, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, &m, 8, 0);
	UT_LINE(u, "rt_sigprocmask bad how", -22,
		"rt_sigprocmask(0x7 /* SIG_??? */, [CHLD RT_2 RT_32], NULL, 8) = -1 EINVAL (Invalid argument)");
	m = (1ULL << 9) | (1ULL << 11);
	ut_begin(u, SYS_rt_sigprocmask, 2, 0, 0x2000, 8, 0, 0);
	UT_EXPECT("rt_sigprocmask enter", ut_enter(u), "rt_sigprocmask(SIG_SETMASK, NULL, ");
	ut_blob(u, 2, HY_AT_EXIT, 0, &m, 8, 0);
	UT_LINE(u, "rt_sigprocmask old", 0, "rt_sigprocmask(SIG_SETMASK, NULL, [USR1 USR2], 8) = 0");
	m = 0;
	ut_begin(u, SYS_rt_sigpending, 0x1000, 4, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, &m, 8, 0);
	UT_LINE(u, "rt_sigpending", 0, "rt_sigpending([], 4) = 0");
}

UT_CASE(rt_sigsuspend)
{
	uint64_t m = 0;

	/* rt_sigsuspend, pause: blocking */
	ut_begin(u, SYS_rt_sigsuspend, 0x1000, 8, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, &m, 8, 0);
	UT_LINE(u, "rt_sigsuspend", -514,
		"rt_sigsuspend([], 8) = ? ERESTARTNOHAND (To be restarted if no handler)");
	ut_begin(u, SYS_pause, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "pause", -514, "pause() = ? ERESTARTNOHAND (To be restarted if no handler)");
}

UT_CASE(rt_sigtimedwait)
{
	uint64_t m;

	/* rt_sigtimedwait: siginfo at exit, timeout from entry */
	int32_t si[32] = { 12, 0, -1, 0, 32255, 0, 5, 0 };
	int64_t ts[2] = { 0, 1000 };

	m = 1ULL << 11;
	ut_begin(u, SYS_rt_sigtimedwait, 0x1000, 0x2000, 0x3000, 8, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, &m, 8, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, ts, 16, 0);
	UT_EXPECT("rt_sigtimedwait enter", ut_enter(u), "rt_sigtimedwait([USR2], ");
	ut_blob(u, 1, HY_AT_EXIT, 0, si, 128, 0);
	UT_LINE(u, "rt_sigtimedwait", 12,
		"rt_sigtimedwait([USR2], {si_signo=SIGUSR2, si_code=SI_QUEUE, si_pid=32255, si_uid=0, si_int=5, si_ptr=0x5}, {tv_sec=0, tv_nsec=1000}, 8) = 12 (SIGUSR2)");
	ut_begin(u, SYS_rt_sigtimedwait, 0x1000, 0, 0x3000, 8, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, &m, 8, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, ts, 16, 0);
	UT_LINE(u, "rt_sigtimedwait no info", 12,
		"rt_sigtimedwait([USR2], NULL, {tv_sec=0, tv_nsec=1000}, 8) = 12 (SIGUSR2)");
	ut_begin(u, SYS_rt_sigtimedwait, 0x1000, 0x7fffb6248e50, 0x3000, 8, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, &m, 8, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, ts, 16, 0);
	UT_LINE(u, "rt_sigtimedwait eagain", -11,
		"rt_sigtimedwait([USR2], 0x7fffb6248e50, {tv_sec=0, tv_nsec=1000}, 8) = -1 EAGAIN (Resource temporarily unavailable)");
}

UT_CASE(rt_sigqueueinfo)
{
	/* rt_sigqueueinfo: an all-zero siginfo prints {} */
	int32_t zero[32] = { 0, 0, -1, 0, 32255, 0, 5 };

	ut_begin(u, SYS_rt_sigqueueinfo, 32255, 12, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, zero, 128, 0);
	UT_LINE(u, "rt_sigqueueinfo", 0, "rt_sigqueueinfo(32255, SIGUSR2, {}) = 0");
	ut_begin(u, SYS_rt_tgsigqueueinfo, 32255, 32255, 12, 0x1000, 0, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, zero, 128, 0);
	UT_LINE(u, "rt_tgsigqueueinfo", 0, "rt_tgsigqueueinfo(32255, 32255, SIGUSR2, {}) = 0");
}

UT_CASE(sigaltstack)
{
	struct { uint64_t sp; int32_t flags, pad; uint64_t size; } ss = { 0x55d0c4a2d0a0, 0, 0, 65536 };

	ut_begin(u, SYS_sigaltstack, 0x1000, 0, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, &ss, 24, 0);
	UT_LINE(u, "sigaltstack", 0, "sigaltstack({ss_sp=0x55d0c4a2d0a0, ss_flags=0, ss_size=65536}, NULL) = 0");
	ss.sp = 0;
	ss.flags = 2;
	ss.size = 0;
	ut_begin(u, SYS_sigaltstack, 0x1000, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, &ss, 24, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &ss, 24, 0);
	UT_LINE(u, "sigaltstack disable", 0,
		"sigaltstack({ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0");
	ut_begin(u, SYS_sigaltstack, 8, 0, 0, 0, 0, 0);
	ut_blob_err(u, 0, HY_AT_ENTER, 14);
	UT_LINE(u, "sigaltstack efault", -14, "sigaltstack(0x8, NULL) = -1 EFAULT (Bad address)");
}

UT_CASE(rt_sigreturn)
{
	uint64_t m;

	/* rt_sigreturn: the mask from the signal frame (HY_ARG_EXTRA) */
	m = (1ULL << 9) | (1ULL << 11);
	ut_begin(u, SYS_rt_sigreturn, 0, 0, 0, 0, 0, 0);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 0, &m, 8, 0);
	UT_LINE(u, "rt_sigreturn", -4, "rt_sigreturn({mask=[USR1 USR2]}) = -1 EINTR (Interrupted system call)");
	m = 0;
	ut_begin(u, SYS_rt_sigreturn, 0, 0, 0, 0, 0, 0);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 0, &m, 8, 0);
	UT_LINE(u, "rt_sigreturn empty", 0, "rt_sigreturn({mask=[]}) = 0");
}

UT_CASE(kill)
{
	/* kill, alarm */
	ut_begin(u, SYS_kill, 0, 0, 0, 0, 0, 0);
	UT_LINE(u, "kill 0", 0, "kill(0, 0) = 0");
	ut_begin(u, SYS_kill, -1, 0, 0, 0, 0, 0);
	UT_LINE(u, "kill -1", 0, "kill(-1, 0) = 0");
	ut_begin(u, SYS_alarm, 100, 0, 0, 0, 0, 0);
	UT_LINE(u, "alarm", 0, "alarm(100) = 0");
}

UT_CASE(siginfo)
{
	/* siginfo as in --- SIG --- lines */
	struct dctx *d = &u->d;
	struct sbuf *sb = &u->sb;
	int32_t usr1[32] = { 10, 0, 0, 0, 24178, 0 };
	int32_t chld[32] = { 17, 0, 3, 0, 24187, 0, 11, 0 };
	int32_t alrm[32] = { 14, 0, 0x80, 0 };
	int32_t segv[32] = { 11, 0, 1, 0 };
	struct { const char *name; const void *si; const char *want; } sig[] = {
		{ "siginfo SI_USER", usr1, "{si_signo=SIGUSR1, si_code=SI_USER, si_pid=24178, si_uid=0}" },
		{ "siginfo CLD_DUMPED", chld,
		  "{si_signo=SIGCHLD, si_code=CLD_DUMPED, si_pid=24187, si_uid=0, si_status=SIGSEGV, si_utime=0, si_stime=0}" },
		{ "siginfo SI_KERNEL", alrm, "{si_signo=SIGALRM, si_code=SI_KERNEL}" },
		{ "siginfo SEGV_MAPERR", segv, "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}" },
	};

	ut_begin(u, SYS_getpid, 0, 0, 0, 0, 0, 0);
	ut_line(u, 1);
	for (size_t i = 0; i < sizeof(sig) / sizeof(sig[0]); i++) {
		arena_reset(&u->ar);
		sb_reset(sb);
		render_value(sb, hv_siginfo(d, sig[i].si, 128), 0);
		UT_EXPECT(sig[i].name, sb->s, sig[i].want);
	}
}

static const struct ut_case cases[] = {
	UT_ENTRY(rt_sigaction), UT_ENTRY(rt_sigprocmask), UT_ENTRY(rt_sigsuspend),
	UT_ENTRY(rt_sigtimedwait), UT_ENTRY(rt_sigqueueinfo), UT_ENTRY(sigaltstack),
	UT_ENTRY(rt_sigreturn), UT_ENTRY(kill), UT_ENTRY(siginfo),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
