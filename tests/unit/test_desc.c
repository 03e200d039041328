// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_desc.c: descriptor decoders (decoders/desc.c) against lines printed by strace 6.1. */
#include <sys/syscall.h>
#include "unit.h"
#include <stdlib.h>
#include "dumpio.h"

struct iov { uint64_t base, len; };
struct pfd { int32_t fd; int16_t events, revents; };

UT_CASE(pread_pwrite)
{
	ut_begin(u, SYS_pread64, 3, 0x1000, 5, 10, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, "abcde", 5, 0);
	UT_EXPECT("pread64", ut_line(u, 5), "pread64(3, \"abcde\", 5, 10)              = 5");
	UT_EXPECT("pread64 entry", ut_enter(u), "pread64(3, ");
	ut_begin(u, SYS_pread64, 3, 8, 5, 10, 0, 0);
	UT_EXPECT("pread64 efault", ut_line(u, -14),
		  "pread64(3, 0x8, 5, 10)                  = -1 EFAULT (Bad address)");

	ut_begin(u, SYS_pwrite64, 3, 0x1000, 2, 100, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, "XY", 2, 0);
	UT_EXPECT("pwrite64", ut_line(u, 2), "pwrite64(3, \"XY\", 2, 100)               = 2");
}

UT_CASE(writev)
{
	struct iov wv[2] = { { 0x10, 2 }, { 0x20, 3 } };

	ut_begin(u, SYS_writev, 3, 0x1000, 2, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, wv, sizeof(wv), 0);
	ut_blob(u, 1, HY_AT_ENTER, 1, "ab", 2, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_ENTER, 2, "cde", 3, HY_BF_CHILD);
	UT_EXPECT("writev", ut_line(u, 5),
		  "writev(3, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cde\", iov_len=3}], 2) = 5");
	u->o.strsize = 1;
	UT_EXPECT("writev -s 1", ut_line(u, 5),
		  "writev(3, [{iov_base=\"a\"..., iov_len=2}, ...], 2) = 5");
	u->o.strsize = 32;

	ut_begin(u, SYS_writev, 3, 0x1000, 0, 0, 0, 0);
	UT_EXPECT("writev empty", ut_line(u, 0), "writev(3, [], 0)                        = 0");
}

UT_CASE(readv)
{
	/* readv: data bounded by the return value; on error the bases are addresses */
	struct iov rv[3] = { { 0x7ffc10, 4 }, { 0x7ffc20, 8 }, { 0x7ffc30, 50 } };

	ut_begin(u, SYS_readv, 3, 0x1000, 2, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, rv, 2 * sizeof(rv[0]), 0);
	ut_blob(u, 1, HY_AT_EXIT, 1, "0123", 4, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_EXIT, 2, "456789ab", 8, HY_BF_CHILD);
	UT_EXPECT("readv", ut_line(u, 12),
		  "readv(3, [{iov_base=\"0123\", iov_len=4}, {iov_base=\"456789ab\", iov_len=8}], 2) = 12");
	UT_EXPECT("readv entry", ut_enter(u), "readv(3, ");
	ut_begin(u, SYS_readv, 3, 0x1000, 3, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, rv, sizeof(rv), 0);
	UT_EXPECT("readv eof", ut_line(u, 0),
		  "readv(3, [{iov_base=\"\", iov_len=4}, {iov_base=\"\", iov_len=8}, {iov_base=\"\", iov_len=50}], 3) = 0");
	ut_begin(u, SYS_readv, 99, 0x1000, 2, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, rv, 2 * sizeof(rv[0]), 0);
	UT_EXPECT("readv ebadf", ut_line(u, -9),
		  "readv(99, [{iov_base=0x7ffc10, iov_len=4}, {iov_base=0x7ffc20, iov_len=8}], 2) = -1 EBADF (Bad file descriptor)");
}

UT_CASE(pwritev2)
{
	struct iov wv[2] = { { 0x10, 2 }, { 0x20, 3 } };

	ut_begin(u, SYS_pwritev2, 3, 0x1000, 1, 200, 0, 0x12);
	ut_blob(u, 1, HY_AT_ENTER, 0, wv, sizeof(wv[0]), 0);
	ut_blob(u, 1, HY_AT_ENTER, 1, "ab", 2, HY_BF_CHILD);
	UT_EXPECT("pwritev2", ut_line(u, 2),
		  "pwritev2(3, [{iov_base=\"ab\", iov_len=2}], 1, 200, RWF_DSYNC|RWF_APPEND) = 2");
	ut_begin(u, SYS_pwritev2, 3, 0x1000, 1, -1, 0, 0x100);
	ut_blob(u, 1, HY_AT_ENTER, 0, wv, sizeof(wv[0]), 0);
	ut_blob(u, 1, HY_AT_ENTER, 1, "ab", 2, HY_BF_CHILD);
	UT_EXPECT("pwritev2 unknown flag", ut_line(u, 2),
		  "pwritev2(3, [{iov_base=\"ab\", iov_len=2}], 1, -1, 0x100 /* RWF_??? */) = 2");
}

UT_CASE(lseek)
{
	ut_begin(u, SYS_lseek, 3, -2, 2, 0, 0, 0);
	UT_EXPECT("lseek", ut_line(u, 140), "lseek(3, -2, SEEK_END)                  = 140");
	ut_begin(u, SYS_lseek, 3, 1, 7, 0, 0, 0);
	UT_EXPECT("lseek bad whence", ut_line(u, -22),
		  "lseek(3, 1, 0x7 /* SEEK_??? */)         = -1 EINVAL (Invalid argument)");
}

UT_CASE(dup)
{
	ut_begin(u, SYS_dup3, 3, 11, 02000000, 0, 0, 0);
	UT_EXPECT("dup3", ut_line(u, 11), "dup3(3, 11, O_CLOEXEC)                  = 11");
	ut_begin(u, SYS_dup2, 3, 10, 0, 0, 0, 0);
	UT_EXPECT("dup2", ut_line(u, 10), "dup2(3, 10)                             = 10");
}

UT_CASE(fcntl)
{
	ut_begin(u, SYS_fcntl, 3, 3, 0, 0, 0, 0);
	UT_EXPECT("fcntl F_GETFL", ut_line(u, 0x8002),
		  "fcntl(3, F_GETFL)                       = 0x8002 (flags O_RDWR|O_LARGEFILE)");
	ut_begin(u, SYS_fcntl, 3, 1, 0, 0, 0, 0);
	UT_EXPECT("fcntl F_GETFD 0", ut_line(u, 0), "fcntl(3, F_GETFD)                       = 0");
	UT_EXPECT("fcntl F_GETFD 1", ut_line(u, 1),
		  "fcntl(3, F_GETFD)                       = 0x1 (flags FD_CLOEXEC)");
	ut_begin(u, SYS_fcntl, 3, 4, 06000, 0, 0, 0);
	UT_EXPECT("fcntl F_SETFL", ut_line(u, 0),
		  "fcntl(3, F_SETFL, O_RDONLY|O_APPEND|O_NONBLOCK) = 0");
	ut_begin(u, SYS_fcntl, 3, 1025, 0, 0, 0, 0);
	UT_EXPECT("fcntl F_GETLEASE", ut_line(u, 2),
		  "fcntl(3, F_GETLEASE)                    = 0x2 (F_UNLCK)");
	ut_begin(u, SYS_fcntl, 3, 1034, 0, 0, 0, 0);
	UT_EXPECT("fcntl F_GET_SEALS", ut_line(u, 6),
		  "fcntl(3, F_GET_SEALS)                   = 0x6 (seals F_SEAL_SHRINK|F_SEAL_GROW)");
	ut_begin(u, SYS_fcntl, 3, 12345, 5, 0, 0, 0);
	UT_EXPECT("fcntl unknown", ut_line(u, -22),
		  "fcntl(3, 0x3039 /* F_??? */, 0x5)       = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_fcntl, 3, 0x402, 0x80000002, 0, 0, 0);
	UT_EXPECT("fcntl F_NOTIFY", ut_line(u, -20),
		  "fcntl(3, F_NOTIFY, DN_MODIFY|DN_MULTISHOT) = -1 ENOTDIR (Not a directory)");
}

UT_CASE(fcntl_lock)
{
	int16_t fl[16] = { 1, 0 };	/* l_type F_WRLCK, l_whence SEEK_SET */
	int64_t *fl64 = (int64_t *)fl;

	fl64[1] = 0;
	fl64[2] = 10;
	ut_begin(u, SYS_fcntl, 3, 6, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, fl, 32, 0);
	UT_EXPECT("fcntl F_SETLK", ut_line(u, 0),
		  "fcntl(3, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10}) = 0");
	fl[0] = 2;
	ut_begin(u, SYS_fcntl, 3, 5, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, fl, 32, 0);
	UT_EXPECT("fcntl F_GETLK", ut_line(u, 0),
		  "fcntl(3, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=0}) = 0");
	ut_begin(u, SYS_fcntl, 3, 5, 8, 0, 0, 0);
	UT_EXPECT("fcntl F_GETLK efault", ut_line(u, -14),
		  "fcntl(3, F_GETLK, 0x8)                  = -1 EFAULT (Bad address)");
}

UT_CASE(pipe2)
{
	int32_t fds[2] = { 7, 8 };

	ut_begin(u, SYS_pipe2, 0x1000, 04000 | 02000000, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, fds, sizeof(fds), 0);
	UT_EXPECT("pipe2", ut_line(u, 0), "pipe2([7, 8], O_NONBLOCK|O_CLOEXEC)     = 0");
	ut_begin(u, SYS_pipe2, 8, 0, 0, 0, 0, 0);
	UT_EXPECT("pipe2 efault", ut_line(u, -14), "pipe2(0x8, 0)                           = -1 EFAULT (Bad address)");
}

UT_CASE(close_range)
{
	ut_begin(u, SYS_close_range, 40, 0xffffffff, 4, 0, 0, 0);
	UT_EXPECT("close_range", ut_line(u, 0),
		  "close_range(40, 4294967295, CLOSE_RANGE_CLOEXEC) = 0");
}

UT_CASE(eventfd2)
{
	ut_begin(u, SYS_eventfd2, 5, 02004001, 0, 0, 0, 0);
	UT_EXPECT("eventfd2", ut_line(u, 13), "eventfd2(5, EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK) = 13");
}

UT_CASE(signalfd4)
{
	uint64_t mask = (1ull << 1) | (1ull << 11);	/* SIGINT, SIGUSR2 */

	ut_begin(u, SYS_signalfd4, -1, 0x1000, 8, 02000000, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, &mask, 8, 0);
	UT_EXPECT("signalfd4", ut_line(u, 15), "signalfd4(-1, [INT USR2], 8, SFD_CLOEXEC) = 15");
	mask = ~(1ull << 10);	/* all but SIGSEGV */
	ut_begin(u, SYS_signalfd4, -1, 0x1000, 8, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, &mask, 8, 0);
	UT_EXPECT("signalfd4 complement", ut_line(u, 15), "signalfd4(-1, ~[SEGV], 8, 0)            = 15");
}

UT_CASE(timerfd)
{
	int64_t its[4] = { 1, 5, 100, 0 }, zero[4] = { 0 };

	ut_begin(u, SYS_timerfd_settime, 16, 0, 0x1000, 0x2000, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, its, sizeof(its), 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, zero, sizeof(zero), 0);
	UT_EXPECT("timerfd_settime", ut_line(u, 0),
		  "timerfd_settime(16, 0, {it_interval={tv_sec=1, tv_nsec=5}, it_value={tv_sec=100, tv_nsec=0}}, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=0, tv_nsec=0}}) = 0");
	ut_begin(u, SYS_timerfd_create, 1, 02000000, 0, 0, 0, 0);
	UT_EXPECT("timerfd_create", ut_line(u, 16), "timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC) = 16");
}

UT_CASE(inotify)
{
	ut_begin(u, SYS_inotify_add_watch, 17, 0x1000, 0x300, 0, 0, 0);
	ut_str(u, 1, HY_AT_ENTER, "/tmp");
	UT_EXPECT("inotify_add_watch", ut_line(u, 1),
		  "inotify_add_watch(17, \"/tmp\", IN_CREATE|IN_DELETE) = 1");
	ut_begin(u, SYS_inotify_init1, 04000, 0, 0, 0, 0, 0);
	UT_EXPECT("inotify_init1", ut_line(u, 17), "inotify_init1(IN_NONBLOCK)              = 17");
}

UT_CASE(memfd_create)
{
	ut_begin(u, SYS_memfd_create, 0x1000, 3, 0, 0, 0, 0);
	ut_str(u, 0, HY_AT_ENTER, "hyt-memfd");
	UT_EXPECT("memfd_create", ut_line(u, 3),
		  "memfd_create(\"hyt-memfd\", MFD_CLOEXEC|MFD_ALLOW_SEALING) = 3");
}

UT_CASE(sendfile)
{
	int64_t off0 = 0, off8 = 8;

	ut_begin(u, SYS_sendfile, 8, 3, 0x1000, 8, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, &off0, 8, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, &off8, 8, 0);
	UT_EXPECT("sendfile", ut_line(u, 8), "sendfile(8, 3, [0] => [8], 8)           = 8");
}

UT_CASE(splice)
{
	int64_t off0 = 0;

	ut_begin(u, SYS_splice, 7, 0, 3, 0x1000, 4, 1);
	ut_blob(u, 3, HY_AT_ENTER, 0, &off0, 8, 0);
	UT_EXPECT("splice", ut_line(u, -22),
		  "splice(7, NULL, 3, [0], 4, SPLICE_F_MOVE) = -1 EINVAL (Invalid argument)");
}

UT_CASE(poll)
{
	struct pfd pin[2] = { { 7, 1, 0 }, { 8, 4, 0 } }, pout[2] = { { 7, 1, 1 }, { 8, 4, 4 } };

	ut_begin(u, SYS_poll, 0x1000, 2, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, pin, sizeof(pin), 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, pout, sizeof(pout), 0);
	UT_EXPECT("poll", ut_line(u, 2),
		  "poll([{fd=7, events=POLLIN}, {fd=8, events=POLLOUT}], 2, 0) = 2 ([{fd=7, revents=POLLIN}, {fd=8, revents=POLLOUT}])");
	UT_EXPECT("poll timeout", ut_line(u, 0),
		  "poll([{fd=7, events=POLLIN}, {fd=8, events=POLLOUT}], 2, 0) = 0 (Timeout)");
	ut_begin(u, SYS_poll, 0, 0, 1, 0, 0, 0);
	UT_EXPECT("poll NULL", ut_line(u, 0), "poll(NULL, 0, 1)                        = 0 (Timeout)");

	int64_t ts100[2] = { 0, 100 }, ts0[2] = { 0, 0 };

	uint64_t mask = (1ull << 1) | (1ull << 11);

	ut_begin(u, SYS_ppoll, 0x1000, 1, 0x2000, 0x3000, 8, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, pin, sizeof(pin[0]), 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, pout, sizeof(pout[0]), 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, ts100, 16, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, ts0, 16, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, &mask, 8, 0);
	UT_EXPECT("ppoll", ut_line(u, 1),
		  "ppoll([{fd=7, events=POLLIN}], 1, {tv_sec=0, tv_nsec=100}, [INT USR2], 8) = 1 ([{fd=7, revents=POLLIN}], left {tv_sec=0, tv_nsec=0})");
}

UT_CASE(select)
{
	uint8_t rs[128] = { 0 }, ws[128] = { 0 }, es[128] = { 0 };
	int64_t tv[2] = { 0, 100 }, tvl[2] = { 0, 97 };

	rs[0] = 1 << 4;
	ws[0] = 1 << 5;
	es[0] = 1 << 3;
	ut_begin(u, SYS_select, 6, 0x1000, 0x2000, 0x3000, 0x4000, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, rs, 128, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, ws, 128, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, es, 128, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, tv, 16, 0);
	rs[0] = 0;
	es[0] = 0;
	ut_blob(u, 1, HY_AT_EXIT, 0, rs, 128, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, ws, 128, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, es, 128, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, tvl, 16, 0);
	UT_EXPECT("select", ut_line(u, 1),
		  "select(6, [4], [5], [3], {tv_sec=0, tv_usec=100}) = 1 (out [5], left {tv_sec=0, tv_usec=97})");
	UT_EXPECT("select timeout", ut_line(u, 0),
		  "select(6, [4], [5], [3], {tv_sec=0, tv_usec=100}) = 0 (Timeout)");
}

UT_CASE(epoll)
{
	uint8_t ev[12] = { 0x01, 0, 0, 0x80, 0x42, 0, 0, 0, 1, 0, 0, 0 };	/* EPOLLIN|EPOLLET, data */

	ut_begin(u, SYS_epoll_ctl, 21, 1, 7, 0x1000, 0, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, ev, 12, 0);
	UT_EXPECT("epoll_ctl", ut_line(u, 0),
		  "epoll_ctl(21, EPOLL_CTL_ADD, 7, {events=EPOLLIN|EPOLLET, data={u32=66, u64=4294967362}}) = 0");
	ut_begin(u, SYS_epoll_ctl, 21, 2, 99, 0x7ffd1000, 0, 0);
	UT_EXPECT("epoll_ctl del", ut_line(u, -9),
		  "epoll_ctl(21, EPOLL_CTL_DEL, 99, 0x7ffd1000) = -1 EBADF (Bad file descriptor)");
	ev[3] = 0;
	ut_begin(u, SYS_epoll_wait, 21, 0x1000, 4, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, ev, 12, 0);
	UT_EXPECT("epoll_wait", ut_line(u, 1),
		  "epoll_wait(21, [{events=EPOLLIN, data={u32=66, u64=4294967362}}], 4, 0) = 1");
	UT_EXPECT("epoll_wait entry", ut_enter(u), "epoll_wait(21, ");
	ut_begin(u, SYS_epoll_pwait, 21, 0x1000, 4, 0, 0, 8);
	UT_EXPECT("epoll_pwait", ut_line(u, 0), "epoll_pwait(21, [], 4, 0, NULL, 8)      = 0");
	ut_begin(u, SYS_epoll_create1, 02000000, 0, 0, 0, 0, 0);
	UT_EXPECT("epoll_create1", ut_line(u, 21), "epoll_create1(EPOLL_CLOEXEC)            = 21");
}

/* -e read=/write= dumps and -e inject= marks, as strace 6.1 printed them (cat, writev) */
UT_CASE(dump_inject)
{
	static const char data[] = "abcdefghijklmnopqrstuvwxyz\001\002\377 ";
	struct iov wv[2] = { { 0x10, 6 }, { 0x20, 6 } };
	struct sbuf sb = { 0 };

	ut_begin(u, SYS_read, 3, 0x1000, 131072, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, data, 30, 0);
	ut_line(u, 30);
	dumpio_render(&sb, &u->ev, "limit");
	UT_EXPECT("read dump", sb.s,
		  " | 00000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  abcdefghijklmnop |\n"
		  " | 00010  71 72 73 74 75 76 77 78  79 7a 01 02 ff 20        qrstuvwxyz...    |\n");
	sb_reset(&sb);
	ut_begin(u, SYS_write, 1, 0x1000, 40, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, data, 30, HY_BF_TRUNC);
	ut_line(u, 40);
	dumpio_render(&sb, &u->ev, "limit");
	UT_EXPECT("write dump cut", strstr(sb.s, " | ... dump cut: 30 of 40 bytes captured (limit) |\n")
		  ? "marked" : sb.s, "marked");
	sb_reset(&sb);
	ut_line(u, -9);	/* strace dumps what a write was given even when it failed */
	dumpio_render(&sb, &u->ev, "limit");
	UT_EXPECT("a failed write dumped", sb.s && !strncmp(sb.s, " | 00000  61 62", 15) ? "dumped" : sb.s,
		  "dumped");
	sb_reset(&sb);
	ut_begin(u, SYS_read, 3, 0x1000, 131072, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, data, 30, 0);
	ut_line(u, -9);
	dumpio_render(&sb, &u->ev, "limit");
	UT_EXPECT("no dump of a failed read", sb.s ? sb.s : "", "");
	sb_reset(&sb);
	ut_begin(u, SYS_writev, 1, 0x1000, 2, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, wv, sizeof(wv), 0);
	ut_blob(u, 1, HY_AT_ENTER, 1, "hello ", 6, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_ENTER, 2, "world\n", 6, HY_BF_CHILD);
	ut_line(u, 12);
	dumpio_render(&sb, &u->ev, "limit");
	UT_EXPECT("writev dump", sb.s,
		  " * 6 bytes in buffer 0\n"
		  " | 00000  68 65 6c 6c 6f 20                                 hello            |\n"
		  " * 6 bytes in buffer 1\n"
		  " | 00000  77 6f 72 6c 64 0a                                 world.           |\n");
	sb_reset(&sb);
	/* strace stops at the first empty iovec buffer */
	struct iov wv3[3] = { { 0x10, 6 }, { 0x20, 0 }, { 0x30, 6 } };

	ut_begin(u, SYS_writev, 1, 0x1000, 3, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, wv3, sizeof(wv3), 0);
	ut_blob(u, 1, HY_AT_ENTER, 1, "hello ", 6, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_ENTER, 2, "", 0, HY_BF_CHILD);
	ut_blob(u, 1, HY_AT_ENTER, 3, "world\n", 6, HY_BF_CHILD);
	ut_line(u, 12);
	dumpio_render(&sb, &u->ev, "limit");
	UT_EXPECT("writev: the dump stops at an empty buffer", sb.s,
		  " * 6 bytes in buffer 0\n"
		  " | 00000  68 65 6c 6c 6f 20                                 hello            |\n");
	sb_reset(&sb);
	/* the whole-buffer capture (HY_ARG_DUMP) is preferred to the argument's */
	ut_begin(u, SYS_write, 1, 0x1000, 30, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, data, 4, HY_BF_TRUNC);
	ut_blob(u, HY_ARG_DUMP, HY_AT_ENTER, 0, data, 30, 0);
	ut_line(u, 30);
	dumpio_render(&sb, &u->ev, "limit");
	UT_EXPECT("HY_ARG_DUMP used", sb.s,
		  " | 00000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  abcdefghijklmnop |\n"
		  " | 00010  71 72 73 74 75 76 77 78  79 7a 01 02 ff 20        qrstuvwxyz...    |\n");
	sb_reset(&sb);
	ut_begin(u, SYS_write, 1, 0x1000, 40, 0, 0, 0);
	ut_blob(u, HY_ARG_DUMP, HY_AT_ENTER, 0, data, 16, HY_BF_TRUNC | HY_BF_RING_FULL);
	ut_line(u, 40);
	dumpio_render(&sb, &u->ev, "limit");
	UT_EXPECT("ring full: the cut says why",
		  strstr(sb.s, " | ... dump cut: 16 of 40 bytes captured (the ring was full: events "
			 "lost) |\n") ? "marked" : sb.s, "marked");
	sb_reset(&sb);
	/* strace's dumpstr(): the first 64 KiB chunk unreadable, no dump at all */
	ut_begin(u, SYS_write, 1, 0x1000, 200, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, data, 30, HY_BF_TRUNC | HY_BF_FAULT);
	ut_line(u, -14);
	dumpio_render(&sb, &u->ev, "limit");
	UT_EXPECT("first chunk unreadable: nothing", sb.s ? sb.s : "", "");
	ut_begin(u, SYS_write, 1, 0x1000, 200, 0, 0, 0);
	ut_blob_err(u, 1, HY_AT_ENTER, 14);
	ut_line(u, -14);
	dumpio_render(&sb, &u->ev, "limit");
	UT_EXPECT("buffer unreadable: nothing", sb.s ? sb.s : "", "");
	sb_free(&sb);
	{
		/* past 1 MiB the offset widens (1 + log2(len - 1) / 4 digits); an unreadable
		   chunk after the first: what was read, then "<Cannot fetch N bytes ...>" */
		size_t big = 0x100001;
		uint8_t *m = malloc(big);
		struct sbuf b = { 0 };

		for (size_t i = 0; i < big; i++)
			m[i] = (uint8_t)i;
		ut_begin(u, SYS_write, 1, 0x1000, big, 0, 0, 0);
		ut_blob(u, 1, HY_AT_ENTER, 0, m, big, 0);
		ut_line(u, (int64_t)big);
		dumpio_render(&b, &u->ev, "limit");
		UT_EXPECT("1 MiB + 1: six offset digits", !strncmp(b.s, " | 000000  00 01 02", 19) &&
			  strstr(b.s, "\n | 100000  00                    ") ? "wide" : "narrow", "wide");
		sb_reset(&b);
		ut_begin(u, SYS_write, 1, 0x1000, 0x100000, 0, 0, 0);
		ut_blob(u, 1, HY_AT_ENTER, 0, m, 0x100000, 0);
		ut_line(u, 0x100000);
		dumpio_render(&b, &u->ev, "limit");
		UT_EXPECT("1 MiB: five offset digits", !strncmp(b.s, " | 00000  00 01 02", 18) &&
			  strstr(b.s, "\n | fffff0  ") == NULL && strstr(b.s, "\n | ffff0  ") ?
			  "five" : "other", "five");
		sb_reset(&b);
		ut_begin(u, SYS_write, 1, 0x1000, 0x20005, 0, 0, 0);
		ut_blob(u, 1, HY_AT_ENTER, 0, m, 0x10000 + 100, HY_BF_TRUNC | HY_BF_FAULT);
		ut_line(u, 0x20005);
		dumpio_render(&b, &u->ev, "limit");
		const char *tail = b.s ? strstr(b.s, " | 0fff0  ") : NULL;

		UT_EXPECT("Cannot fetch after the chunks read", tail ? tail : "",
			  " | 0fff0  f0 f1 f2 f3 f4 f5 f6 f7  f8 f9 fa fb fc fd fe ff  ................ |\n"
			  " | <Cannot fetch 65536 bytes from pid 100 @0x11100>\n");
		sb_reset(&b);
		ut_begin(u, SYS_write, 1, 0x1000, 0x10001, 0, 0, 0);
		ut_blob(u, 1, HY_AT_ENTER, 0, m, 0x10000, HY_BF_TRUNC | HY_BF_FAULT);
		ut_line(u, 0x10001);
		dumpio_render(&b, &u->ev, "limit");
		tail = b.s ? strstr(b.s, " | <") : NULL;
		UT_EXPECT("Cannot fetch 1 byte", tail ? tail : "",
			  " | <Cannot fetch 1 byte from pid 100 @0x11100>\n");
		sb_free(&b);
		free(m);
	}

	ut_begin(u, SYS_read, 3, 0x1000, 10, 0, 0, 0);
	rb_rec(&u->rb)->flags |= HY_F_INJECTED;
	UT_EXPECT("error injected", ut_line(u, -2),
		  "read(3, 0x1000, 10)                     = -1 ENOENT (No such file or directory) (INJECTED)");
	ut_begin(u, SYS_getpid, 0, 0, 0, 0, 0, 0);
	rb_rec(&u->rb)->flags |= HY_F_INJECTED | HY_F_INJ_RETVAL | HY_F_DELAYED;
	UT_EXPECT("retval=-1 injected", ut_line(u, -1),
		  "getpid()                                = -1 (INJECTED) (DELAYED)");
}

static const struct ut_case cases[] = {
	UT_ENTRY(dump_inject),
	UT_ENTRY(pread_pwrite), UT_ENTRY(writev), UT_ENTRY(readv), UT_ENTRY(pwritev2),
	UT_ENTRY(lseek), UT_ENTRY(dup), UT_ENTRY(fcntl), UT_ENTRY(fcntl_lock), UT_ENTRY(pipe2),
	UT_ENTRY(close_range), UT_ENTRY(eventfd2), UT_ENTRY(signalfd4), UT_ENTRY(timerfd),
	UT_ENTRY(inotify), UT_ENTRY(memfd_create), UT_ENTRY(sendfile), UT_ENTRY(splice),
	UT_ENTRY(poll), UT_ENTRY(select), UT_ENTRY(epoll),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
