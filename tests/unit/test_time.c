// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_time.c: clock, sleep and timer decoders (decoders/time.c) against strace 6.1 lines. */
#include <stdlib.h>
#include <sys/syscall.h>
#include "unit.h"

UT_CASE(nanosleep)
{
	int64_t ms[2] = { 0, 1000000 }, rem[2] = { 2, 2313 };

	ut_begin(u, SYS_nanosleep, 0x1000, 0, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, ms, 16, 0);
	UT_EXPECT("nanosleep", ut_line(u, 0), "nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0");
	UT_EXPECT("nanosleep entry", ut_enter(u), "nanosleep({tv_sec=0, tv_nsec=1000000}, ");
	ut_begin(u, SYS_nanosleep, 0x1000, 0x7ffdb700d120, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, ms, 16, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, rem, 16, 0);
	UT_EXPECT("nanosleep rem unused", ut_line(u, 0),
		  "nanosleep({tv_sec=0, tv_nsec=1000000}, 0x7ffdb700d120) = 0");
	UT_EXPECT("nanosleep interrupted", ut_line(u, -516),
		  "nanosleep({tv_sec=0, tv_nsec=1000000}, {tv_sec=2, tv_nsec=2313}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)");
	ut_begin(u, SYS_nanosleep, 8, 0, 0, 0, 0, 0);
	UT_EXPECT("nanosleep efault", ut_line(u, -14),
		  "nanosleep(0x8, NULL)                    = -1 EFAULT (Bad address)");
}

UT_CASE(clock_nanosleep)
{
	int64_t us[2] = { 0, 1000 };

	ut_begin(u, SYS_clock_nanosleep, 1, 1, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, us, 16, 0);
	UT_EXPECT("clock_nanosleep abs", ut_line(u, 0),
		  "clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=0, tv_nsec=1000}, NULL) = 0");
	ut_begin(u, SYS_clock_nanosleep, 12345, 0, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, us, 16, 0);
	UT_EXPECT("clock_nanosleep bad clock", ut_line(u, -22),
		  "clock_nanosleep(0x3039 /* CLOCK_??? */, 0, {tv_sec=0, tv_nsec=1000}, NULL) = -1 EINVAL (Invalid argument)");
}

UT_CASE(clock)
{
	int64_t res[2] = { 0, 1 };

	ut_begin(u, SYS_clock_getres, 1, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, res, 16, 0);
	UT_EXPECT("clock_getres", ut_line(u, 0), "clock_getres(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1}) = 0");
	ut_begin(u, SYS_clock_getres, 12345, 0x7ffdb700d130, 0, 0, 0, 0);
	UT_EXPECT("clock_getres einval", ut_line(u, -22),
		  "clock_getres(0x3039 /* CLOCK_??? */, 0x7ffdb700d130) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_clock_gettime, -2, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, res, 16, 0);
	UT_EXPECT("clock_gettime cpu clock", ut_line(u, 0),
		  "clock_gettime(0xfffffffe /* CLOCK_??? */, {tv_sec=0, tv_nsec=1}) = 0");
	ut_begin(u, SYS_clock_settime, 1, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, res, 16, 0);
	UT_EXPECT("clock_settime", ut_line(u, -22),
		  "clock_settime(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1}) = -1 EINVAL (Invalid argument)");
}

UT_CASE(gettimeofday)
{
	int64_t tv[2] = { 1795293178, 101558 };
	int32_t tz[2] = { 0, 0 };

	ut_begin(u, SYS_gettimeofday, 0x1000, 0x2000, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, tv, 16, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, tz, 8, 0);
	UT_EXPECT("gettimeofday", ut_line(u, 0),
		  "gettimeofday({tv_sec=1795293178, tv_usec=101558}, {tz_minuteswest=0, tz_dsttime=0}) = 0");
}

UT_CASE(time)
{
	int64_t now = 1795293178;

	ut_begin(u, SYS_time, 0x1000, 0, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, &now, 8, 0);
	UT_EXPECT("time", ut_line(u, now),
		  "time([1795293178 /* 2026-11-21T20:32:58+0000 */]) = 1795293178 (2026-11-21T20:32:58+0000)");
	ut_begin(u, SYS_time, 8, 0, 0, 0, 0, 0);
	UT_EXPECT("time efault", ut_line(u, -14), "time(0x8)                               = -1 EFAULT (Bad address)");
}

UT_CASE(times)
{
	int64_t tms[4] = { 0, 0, 0, 0 };

	ut_begin(u, SYS_times, 0x1000, 0, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, tms, sizeof(tms), 0);
	UT_EXPECT("times", ut_line(u, 1718040553),
		  "times({tms_utime=0, tms_stime=0, tms_cutime=0, tms_cstime=0}) = 1718040553");
}

UT_CASE(itimer)
{
	int64_t it[4] = { 0, 0, 10, 0 }, old[4] = { 0 };

	ut_begin(u, SYS_setitimer, 0, 0x1000, 0x2000, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, it, sizeof(it), 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, old, sizeof(old), 0);
	UT_EXPECT("setitimer", ut_line(u, 0),
		  "setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=10, tv_usec=0}}, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, tv_usec=0}}) = 0");
	ut_begin(u, SYS_getitimer, 7, 0x7ffdb700d0a0, 0, 0, 0, 0);
	UT_EXPECT("getitimer einval", ut_line(u, -22),
		  "getitimer(0x7 /* ITIMER_??? */, 0x7ffdb700d0a0) = -1 EINVAL (Invalid argument)");
}

UT_CASE(timer_create)
{
	struct { uint64_t value; int32_t signo, notify, tid, pad[3]; } sev = { 42, 10, 4, 32552, { 0 } };
	int32_t id = 2;

	ut_begin(u, SYS_timer_create, 1, 0x1000, 0x2000, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, &sev, sizeof(sev), 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, &id, 4, 0);
	UT_EXPECT("timer_create thread id", ut_line(u, 0),
		  "timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=42, sival_ptr=0x2a}, sigev_signo=SIGUSR1, sigev_notify=SIGEV_THREAD_ID, sigev_notify_thread_id=32552}, [2]) = 0");
	sev.notify = 1;
	ut_begin(u, SYS_timer_create, 1, 0x1000, 0x2000, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, &sev, sizeof(sev), 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, &id, 4, 0);
	UT_EXPECT("timer_create none", ut_line(u, 0),
		  "timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=42, sival_ptr=0x2a}, sigev_signo=10, sigev_notify=SIGEV_NONE}, [2]) = 0");
}

UT_CASE(timer)
{
	int64_t its[4] = { 1, 0, 5, 0 };

	ut_begin(u, SYS_timer_settime, 0, 1, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, its, sizeof(its), 0);
	UT_EXPECT("timer_settime", ut_line(u, 0),
		  "timer_settime(0, TIMER_ABSTIME, {it_interval={tv_sec=1, tv_nsec=0}, it_value={tv_sec=5, tv_nsec=0}}, NULL) = 0");
	ut_begin(u, SYS_timer_getoverrun, 0, 0, 0, 0, 0, 0);
	UT_EXPECT("timer_getoverrun", ut_line(u, 834), "timer_getoverrun(0)                     = 834");
	ut_begin(u, SYS_timer_delete, 99, 0, 0, 0, 0, 0);
	UT_EXPECT("timer_delete", ut_line(u, -22), "timer_delete(99)                        = -1 EINVAL (Invalid argument)");
}

static const struct ut_case cases[] = {
	UT_ENTRY(nanosleep), UT_ENTRY(clock_nanosleep), UT_ENTRY(clock),
	UT_ENTRY(gettimeofday), UT_ENTRY(time), UT_ENTRY(times), UT_ENTRY(itimer),
	UT_ENTRY(timer_create), UT_ENTRY(timer),
	{ NULL }
};

int main(int argc, char **argv)
{
	setenv("TZ", "UTC", 1);	/* the expected dates (case time) were printed in UTC */
	return ut_main(argc, argv, cases);
}
