// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_strace_parse.c: strace text parsed into value trees prints back as the same text. */
/*
 * Every line below was printed by strace 6.1 on this machine (Linux 6.18, Debian 12) for
 * ls, sh -c and the test programs (tests/progs), with and without -f -ttt -T -yy -v -s 4096;
 * the padding before "= " is reduced to one space, as the renderer here does not pad.
 */
#include <errno.h>
#include <stdlib.h>
#include "strace_parse.h"
#include "unit.h"

static struct arena ar;
static struct dopts dop = { .strsize = 32 };
static struct dctx d = { .o = &dop, .ar = &ar };
static struct sp_state st;
static struct sbuf sb;

/* Parse "name(args) = ret" and print it back the same way. */
static const char *round_trip(const char *line)
{
	static char why_buf[256];
	struct sp_line l;
	struct sp_call c;
	struct event ev;
	const char *why = NULL;

	sp_line(&l, line, strlen(line));
	if (l.kind != SP_SYSCALL) {
		snprintf(why_buf, sizeof(why_buf), "not a call: %s", l.why ? l.why : "?");
		return why_buf;
	}
	arena_reset(&ar);
	memset(&ev, 0, sizeof(ev));
	d.ev = &ev;
	st.no_xlearn = l.name_len == 9 && !memcmp(l.name, "getrandom", 9);	/* as backend_input.c */
	if (sp_call(&d, &st, l.body, l.body_len, &c, &why)) {
		snprintf(why_buf, sizeof(why_buf), "sp_call: %s", why);
		return why_buf;
	}
	ev.r.ret = c.ret;
	if (c.no_exit)
		ev.r.flags |= HY_F_NO_EXIT;
	d.args = c.args;
	d.ret = c.retval;
	d.ret_note = c.ret_note;
	d.ret_is_error = c.is_error;
	d.se = NULL;
	sb_reset(&sb);
	sb_printf(&sb, "%.*s(", (int)l.name_len, l.name);
	render_args(&sb, c.args, st.xflag);
	sb_puts(&sb, ") ");
	render_ret(&sb, &d, st.xflag);
	return sb.s;
}

static const char *const lines[] = {
	"execve(\"/usr/bin/ls\", [\"ls\", \"/\"], 0x7ffff8e7cf38 /* 37 vars */) = 0",
	"brk(NULL) = 0x55a8784ea000",
	"mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f954a809000",
	"access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory)",
	"openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3",
	"newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=43823, ...}, AT_EMPTY_PATH) = 0",
	"close(3) = 0",
	"read(3, \"\\177ELF\\2\\1\\1\\0\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>\\0\\1\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"..., 832) = 832",
	"pread64(3, \"\\6\\0\\0\\0\\4\\0\\0\\0@\\0\\0\\0\\0\\0\\0\\0@\\0\\0\\0\\0\\0\\0\\0@\\0\\0\\0\\0\\0\\0\\0\"..., 784, 64) = 784",
	"arch_prctl(ARCH_SET_FS, 0x7f954a551800) = 0",
	"set_tid_address(0x7f954a551ad0) = 21364",
	"set_robust_list(0x7f954a551ae0, 24) = 0",
	"rseq(0x7f954a552120, 0x20, 0, 0x53053053) = 0",
	"mprotect(0x7f954a7bd000, 16384, PROT_READ) = 0",
	"prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0",
	"munmap(0x7f954a7fe000, 43823) = 0",
	"statfs(\"/sys/fs/selinux\", 0x7ffeae711870) = -1 ENOENT (No such file or directory)",
	"getrandom(\"\\x4f\\xd7\\xd4\\xad\\xbc\\xf4\\xa0\\x95\", 8, GRND_NONBLOCK) = 8",
	"futex(0x7f954a7c2a4c, FUTEX_WAKE_PRIVATE, 2147483647) = 0",
	"ioctl(1, TCGETS, 0x7ffeae7117b0) = -1 ENOTTY (Inappropriate ioctl for device)",
	"getdents64(3, 0x55a8784f32a0 /* 30 entries */, 32768) = 800",
	"write(1, \"bin\\nboot\\ncontainer_info.json\\ndev\"..., 159) = 159",
	"exit_group(0) = ?",
	"getuid() = 0",
	"getgid() = 0",
	"getpid() = 21368",
	"rt_sigaction(SIGCHLD, {sa_handler=0x564ea2e34dc0, sa_mask=~[RTMIN RT_1], sa_flags=SA_RESTORER, sa_restorer=0x7f6b4b22f050}, NULL, 8) = 0",
	"geteuid() = 0",
	"getppid() = 21365",
	"getegid() = 0",
	"pipe2([3, 4], 0) = 0",
	"clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f6b4b1f0a10) = 21369",
	"rt_sigreturn({mask=[]}) = 21369",
	"dup2(3, 0) = 0",
	"fadvise64(0, 0, 0, POSIX_FADV_SEQUENTIAL) = -1 ESPIPE (Illegal seek)",
	"wait4(-1, 0x7ffd30f36f4c, WNOHANG, NULL) = -1 ECHILD (No child processes)",
	"fcntl(1, F_DUPFD, 10) = 11",
	"unlink(\"hyt-d\") = -1 ENOENT (No such file or directory)",
	"mkdir(\"hyt-watch\", 0755) = 0",
	"umask(022) = 022",
	"lseek(3, 0, SEEK_SET) = 0",
	"pwrite64(3, \"XY\", 2, 100) = 2",
	"writev(3, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cde\", iov_len=3}], 2) = 5",
	"readv(3, [{iov_base=\"0123\", iov_len=4}, {iov_base=\"456789ab\", iov_len=8}], 2) = 12",
	"preadv2(3, [{iov_base=\"3456\", iov_len=4}, {iov_base=\"789abcde\", iov_len=8}], 2, 3, 0) = 12",
	"pwritev2(3, [{iov_base=\"pw\", iov_len=2}], 1, 200, RWF_DSYNC) = 2",
	"dup(3) = 4",
	"dup3(3, 11, O_CLOEXEC) = 11",
	"close_range(11, 40, 0) = 0",
	"poll([{fd=4, events=POLLIN}, {fd=5, events=POLLOUT}], 2, 0) = 2 ([{fd=4, revents=POLLIN}, {fd=5, revents=POLLOUT}])",
	"ppoll([{fd=4, events=POLLIN}], 1, {tv_sec=0, tv_nsec=0}, NULL, 8) = 1 ([{fd=4, revents=POLLIN}], left {tv_sec=0, tv_nsec=0})",
	"select(5, [4], NULL, NULL, {tv_sec=0, tv_usec=0}) = 1 (in [4], left {tv_sec=0, tv_usec=0})",
	"pselect6(5, [4], NULL, NULL, {tv_sec=0, tv_nsec=0}, {sigmask=[], sigsetsize=8}) = 1 (in [4], left {tv_sec=0, tv_nsec=0})",
	"epoll_create1(EPOLL_CLOEXEC) = 6",
	"epoll_ctl(6, EPOLL_CTL_ADD, 4, {events=EPOLLIN, data={u32=42, u64=42}}) = 0",
	"epoll_wait(6, [{events=EPOLLIN, data={u32=42, u64=42}}], 2, 0) = 1",
	"epoll_pwait(6, [{events=EPOLLIN, data={u32=42, u64=42}}], 2, 0, [], 8) = 1",
	"splice(4, NULL, 6, NULL, 4, SPLICE_F_MOVE) = 4",
	"sendfile(6, 3, [0] => [8], 8) = 8",
	"copy_file_range(3, [0], 6, NULL, 6, 0) = 6",
	"eventfd2(5, EFD_CLOEXEC|EFD_NONBLOCK) = 3",
	"signalfd4(-1, [USR2], 8, SFD_CLOEXEC|SFD_NONBLOCK) = 3",
	"timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK) = 3",
	"timerfd_settime(3, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=100, tv_nsec=0}}, NULL) = 0",
	"timerfd_gettime(3, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=0, tv_nsec=0}}) = 0",
	"inotify_init1(IN_NONBLOCK|IN_CLOEXEC) = 3",
	"inotify_add_watch(3, \"hyt-watch\", IN_CREATE|IN_DELETE) = 1",
	"inotify_rm_watch(3, 1) = 0",
	"memfd_create(\"hyt-memfd\", MFD_CLOEXEC|MFD_ALLOW_SEALING) = 3",
	"ftruncate(3, 4096) = 0",
	"rmdir(\"hyt-watch\") = 0",
	"open(\"hyt-f\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3",
	"creat(\"hyt-creat\", 0600) = 3",
	"stat(\"hyt-f\", {st_mode=S_IFREG|0644, st_size=5, ...}) = 0",
	"symlink(\"hyt-f\", \"hyt-sym\") = 0",
	"lstat(\"hyt-sym\", {st_mode=S_IFLNK|0777, st_size=5, ...}) = 0",
	"fstat(3, {st_mode=S_IFREG|0644, st_size=5, ...}) = 0",
	"statx(AT_FDCWD, \"hyt-f\", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0644, stx_size=5, ...}) = 0",
	"mkdirat(3, \"sub\", 0700) = 0",
	"unlinkat(3, \"a\", 0) = 0",
	"readlink(\"hyt-sym\", \"hyt-f\", 256) = 5",
	"readlinkat(AT_FDCWD, \"hyt-sym\", \"hyt\", 3) = 3",
	"symlinkat(\"hyt-f\", AT_FDCWD, \"hyt-sym2\") = 0",
	"link(\"hyt-f\", \"hyt-link\") = 0",
	"linkat(AT_FDCWD, \"hyt-f\", AT_FDCWD, \"hyt-link2\", 0) = 0",
	"rename(\"hyt-link\", \"hyt-g\") = 0",
	"renameat(AT_FDCWD, \"hyt-g\", AT_FDCWD, \"hyt-h\") = 0",
	"renameat2(AT_FDCWD, \"hyt-h\", AT_FDCWD, \"hyt-link2\", RENAME_NOREPLACE) = -1 EEXIST (File exists)",
	"chmod(\"hyt-f\", 0600) = 0",
	"fchmod(3, 0640) = 0",
	"fchmodat(AT_FDCWD, \"hyt-f\", 0644) = 0",
	"chown(\"hyt-f\", -1, -1) = 0",
	"fchown(3, -1, -1) = 0",
	"lchown(\"hyt-f\", -1, -1) = 0",
	"fchownat(AT_FDCWD, \"hyt-f\", -1, -1, AT_SYMLINK_NOFOLLOW) = 0",
	"faccessat(AT_FDCWD, \"hyt-f\", X_OK) = -1 EACCES (Permission denied)",
	"faccessat2(AT_FDCWD, \"hyt-f\", R_OK, AT_EACCESS) = 0",
	"truncate(\"hyt-f\", 100) = 0",
	"fsync(3) = 0",
	"fdatasync(3) = 0",
	"fallocate(3, 0, 0, 4096) = 0",
	"utimensat(AT_FDCWD, \"hyt-f\", [{tv_sec=1000000000, tv_nsec=0} /* 2001-09-09T01:46:40+0000 */, {tv_sec=1000000001, tv_nsec=500} /* 2001-09-09T01:46:41.000000500+0000 */], 0) = 0",
	"setxattr(\"hyt-f\", \"user.hyt\", \"value\", 5, XATTR_CREATE) = 0",
	"getxattr(\"hyt-f\", \"user.hyt\", \"value\", 256) = 5",
	"listxattr(\"hyt-f\", \"user.hyt\\0\", 256) = 9",
	"fsetxattr(3, \"user.two\", \"2\", 1, 0) = 0",
	"flistxattr(3, \"user.hyt\\0user.two\\0\", 256) = 18",
	"removexattr(\"hyt-f\", \"user.hyt\") = 0",
	"fremovexattr(3, \"user.two\") = 0",
	"chdir(\"/tmp\") = 0",
	"getcwd(\"/tmp\", 256) = 5",
	"fchdir(3) = 0",
	"madvise(0x7fd05c156000, 8192, MADV_DONTNEED) = 0",
	"mremap(0x7fd05c156000, 8192, 16384, MREMAP_MAYMOVE) = 0x7fd05c152000",
	"msync(0x7fd05c157000, 4096, MS_SYNC) = 0",
	"mlock(0x7fd05c157000, 4096) = 0",
	"munlock(0x7fd05c157000, 4096) = 0",
	"mlockall(MCL_FUTURE) = 0",
	"munlockall() = 0",
	"socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 3",
	"setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0",
	"bind(3, {sa_family=AF_INET, sin_port=htons(47321), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
	"listen(3, 5) = 0",
	"connect(4, {sa_family=AF_INET, sin_port=htons(47321), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
	"accept4(3, {sa_family=AF_INET, sin_port=htons(47322), sin_addr=inet_addr(\"127.0.0.1\")}, [16], SOCK_CLOEXEC) = 5",
	"getsockname(4, {sa_family=AF_INET, sin_port=htons(47322), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0",
	"getpeername(4, {sa_family=AF_INET, sin_port=htons(47321), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0",
	"getsockopt(4, SOL_TCP, TCP_NODELAY, [1], [4]) = 0",
	"sendto(4, \"ping\", 4, 0, NULL, 0) = 4",
	"recvfrom(5, \"ping\", 64, 0, NULL, NULL) = 4",
	"shutdown(4, SHUT_WR) = 0",
	"sendmsg(5, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"fd\", iov_len=2}, {iov_base=\"pass\", iov_len=4}], msg_iovlen=2, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[7]}], msg_controllen=24, msg_flags=0}, 0) = 6",
	"socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC, 0, [4, 5]) = 0",
	"rt_sigprocmask(SIG_BLOCK, [CHLD], NULL, 8) = 0",
	"getrusage(RUSAGE_CHILDREN, {ru_utime={tv_sec=0, tv_usec=0}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 0",
	"clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 88) = 21289",
	"gettid() = 21286",
	"getpgid(0) = 21282",
	"getsid(0) = 16956",
	"setpgid(0, 21282) = 0",
	"kill(21286, 0) = 0",
	"tgkill(21286, 21286, 0) = 0",
	"prctl(PR_SET_NAME, \"hyt-proc\") = 0",
	"getrlimit(RLIMIT_STACK, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0",
	"setrlimit(RLIMIT_CORE, {rlim_cur=0, rlim_max=RLIM64_INFINITY}) = 0",
	"sched_yield() = 0",
	"sched_getparam(0, [0]) = 0",
	"sched_getscheduler(0) = 0 (SCHED_OTHER)",
	"sched_getaffinity(0, 128, [0 1]) = 32",
	"uname({sysname=\"Linux\", nodename=\"vm\", ...}) = 0",
	"sysinfo({uptime=2263, loads=[83104, 117952, 143392], totalram=25274793984, freeram=24384925696, sharedram=67072000, bufferram=4706304, totalswap=0, freeswap=0, procs=101, totalhigh=0, freehigh=0, mem_unit=1}) = 0",
	"sigaltstack({ss_sp=0x55a925e5c0c0, ss_flags=0, ss_size=65536}, NULL) = 0",
	"rt_sigsuspend([], 8) = ? ERESTARTNOHAND (To be restarted if no handler)",
	"rt_sigtimedwait([USR2], {si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=21305, si_uid=0}, {tv_sec=1, tv_nsec=0}, 8) = 12 (SIGUSR2)",
	"alarm(100) = 0",
	"setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, tv_usec=100000}}, NULL) = 0",
	"pause() = ? ERESTARTNOHAND (To be restarted if no handler)",
	"nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0",
	"clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000000}, NULL) = 0",
	"clock_getres(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1}) = 0",
	"clock_gettime(CLOCK_MONOTONIC, {tv_sec=2262, tv_nsec=323777798}) = 0",
	"brk(NULL) = 0x563f52e00000",
	"mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7fb87d71d000",
	"close(3</etc/ld.so.cache>) = 0",
	"arch_prctl(ARCH_SET_FS, 0x7fb87d52d740) = 0",
	"set_tid_address(0x7fb87d52da10) = 21269",
	"set_robust_list(0x7fb87d52da20, 24) = 0",
	"rseq(0x7fb87d52e060, 0x20, 0, 0x53053053) = 0",
	"mprotect(0x7fb87d6ff000, 16384, PROT_READ) = 0",
	"munmap(0x7fb87d712000, 43823) = 0",
	"write(1</dev/null<char 1:3>>, \"=== begin ===\\n\", 14) = 14",
	"read(100, 0x7ffd8453ff00, 1) = -1 EBADF (Bad file descriptor)",
	"fcntl(99, F_GETFD) = -1 EBADF (Bad file descriptor)",
	"pipe2([4<pipe:[206501]>, 5<pipe:[206501]>], O_CLOEXEC) = 0",
	"poll([{fd=4<pipe:[206501]>, events=POLLIN}, {fd=5<pipe:[206501]>, events=POLLOUT}], 2, 0) = 2 ([{fd=4, revents=POLLIN}, {fd=5, revents=POLLOUT}])",
	"ppoll([{fd=4<pipe:[206501]>, events=POLLIN}], 1, {tv_sec=0, tv_nsec=0}, NULL, 8) = 1 ([{fd=4, revents=POLLIN}], left {tv_sec=0, tv_nsec=0})",
	"select(5, [4<pipe:[206501]>], NULL, NULL, {tv_sec=0, tv_usec=0}) = 1 (in [4], left {tv_sec=0, tv_usec=0})",
	"pselect6(5, [4<pipe:[206501]>], NULL, NULL, {tv_sec=0, tv_nsec=0}, {sigmask=[], sigsetsize=8}) = 1 (in [4], left {tv_sec=0, tv_nsec=0})",
	"epoll_create1(EPOLL_CLOEXEC) = 6<anon_inode:[eventpoll]>",
	"epoll_ctl(6<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 4<pipe:[206501]>, {events=EPOLLIN, data={u32=42, u64=42}}) = 0",
	"epoll_wait(6<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=42, u64=42}}], 2, 0) = 1",
	"epoll_pwait(6<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=42, u64=42}}], 2, 0, [], 8) = 1",
	"eventfd2(5, EFD_CLOEXEC|EFD_NONBLOCK) = 3<anon_inode:[eventfd]>",
	"signalfd4(-1, [USR2], 8, SFD_CLOEXEC|SFD_NONBLOCK) = 3<anon_inode:[signalfd]>",
	"timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK) = 3<anon_inode:[timerfd]>",
	"timerfd_settime(3<anon_inode:[timerfd]>, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=100, tv_nsec=0}}, NULL) = 0",
	"timerfd_gettime(3<anon_inode:[timerfd]>, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=0, tv_nsec=0}}) = 0",
	"inotify_init1(IN_NONBLOCK|IN_CLOEXEC) = 3<anon_inode:inotify>",
	"inotify_add_watch(3<anon_inode:inotify>, \"hyt-watch\", IN_CREATE|IN_DELETE) = 1",
	"inotify_rm_watch(3<anon_inode:inotify>, 1) = 0",
	"memfd_create(\"hyt-memfd\", MFD_CLOEXEC|MFD_ALLOW_SEALING) = 3</memfd:hyt-memfd>(deleted)",
	"ftruncate(3</memfd:hyt-memfd>(deleted), 4096) = 0",
	"open(\"hyt-nonexistent\", O_RDONLY) = -1 ENOENT (No such file or directory)",
	"stat(\"hyt-nonexistent\", 0x7ffeefa8e070) = -1 ENOENT (No such file or directory)",
	"madvise(0x7f9b974e9000, 8192, MADV_DONTNEED) = 0",
	"mremap(0x7f9b974e9000, 8192, 16384, MREMAP_MAYMOVE) = 0x7f9b974e5000",
	"msync(0x7f9b974ea000, 4096, MS_SYNC) = 0",
	"mlock(0x7f9b974ea000, 4096) = 0",
	"munlock(0x7f9b974ea000, 4096) = 0",
	"futex(0x56101db6b024, FUTEX_WAKE_PRIVATE, 1) = 0",
	"getrandom(\"\\xff\\x51\\x98\\xee\\xf3\\xda\\xcd\\x6e\", 8, GRND_NONBLOCK) = 8",
	"ioctl(3</dev/null<char 1:3>>, TCGETS, 0x7ffde7596690) = -1 ENOTTY (Inappropriate ioctl for device)",
	"socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 3<TCP:[207681]>",
	"setsockopt(3<TCP:[207681]>, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0",
	"bind(3<TCP:[207681]>, {sa_family=AF_INET, sin_port=htons(47321), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
	"listen(3<TCP:[127.0.0.1:47321]>, 5) = 0",
	"connect(4<TCP:[127.0.0.1:47322]>, {sa_family=AF_INET, sin_port=htons(47321), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
	"accept4(3<TCP:[127.0.0.1:47321]>, {sa_family=AF_INET, sin_port=htons(47322), sin_addr=inet_addr(\"127.0.0.1\")}, [16], SOCK_CLOEXEC) = 5<TCP:[127.0.0.1:47321->127.0.0.1:47322]>",
	"getsockname(4<TCP:[127.0.0.1:47322]>, {sa_family=AF_INET, sin_port=htons(47322), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0",
	"getpeername(4<TCP:[127.0.0.1:47322]>, {sa_family=AF_INET, sin_port=htons(47321), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0",
	"getsockopt(4<TCP:[127.0.0.1:47322]>, SOL_TCP, TCP_NODELAY, [1], [4]) = 0",
	"sendto(4<TCP:[127.0.0.1:47322]>, \"ping\", 4, 0, NULL, 0) = 4",
	"recvfrom(5<TCP:[127.0.0.1:47321->127.0.0.1:47322]>, \"ping\", 64, 0, NULL, NULL) = 4",
	"shutdown(4<TCP:[127.0.0.1:47322]>, SHUT_WR) = 0",
	"socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC, 0, [4<UNIX:[207724->207725]>, 5<UNIX:[207725->207724]>]) = 0",
	"clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f8c448d8a10) = 21296",
	"wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 1}], 0, NULL) = 21297",
	"clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 88) = 21298",
	"execve(\"/nonexistent/hyt\", [\"nosuch\"], NULL) = -1 ENOENT (No such file or directory)",
	"getpid() = 21295",
	"getppid() = 21292",
	"gettid() = 21295",
	"getpgid(0) = 21291",
	"setpgid(0, 21291) = 0",
	"kill(21295, 0) = 0",
	"tgkill(21295, 21295, 0) = 0",
	"uname({sysname=\"Linux\", nodename=\"vm\", release=\"6.18.44-fc-v445\", version=\"#1 SMP PREEMPT_DYNAMIC @0\", machine=\"x86_64\", domainname=\"(none)\"}) = 0",
	"sysinfo({uptime=2263, loads=[83104, 117952, 143392], totalram=25274793984, freeram=24384151552, sharedram=67072000, bufferram=4706304, totalswap=0, freeswap=0, procs=101, totalhigh=0, freehigh=0, mem_unit=1}) = 0",
	"rt_sigaction(SIGPIPE, {sa_handler=SIG_DFL, sa_mask=[PIPE], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7ff36515e050}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0",
	"sigaltstack({ss_sp=0x55d8aeb440c0, ss_flags=0, ss_size=65536}, NULL) = 0",
	"rt_sigreturn({mask=[]}) = 0",
	"rt_sigtimedwait([USR2], {si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=21310, si_uid=0}, {tv_sec=1, tv_nsec=0}, 8) = 12 (SIGUSR2)",
	"clock_gettime(CLOCK_MONOTONIC, {tv_sec=2262, tv_nsec=335981071}) = 0",
	/* written by hand in strace's forms, for what the programs above do not print */
	"read(0, \"a\\0b\\1\\377\\n\"..., 32) = 32",
	"ioctl(3, SNDCTL_TMR_TIMEBASE or SNDRV_TIMER_IOCTL_NEXT_DEVICE or TCGETS, 0x7ffd) = 0",
	"wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = 42",
	"mknodat(AT_FDCWD, \"dev\", S_IFCHR|0600, makedev(0x1, 0x3)) = 0",
	"syscall_0x1c4(0xffffff9c, 0x7ffe, 0x1ff, 0x100, 0, 0) = -1 ENOSYS (Function not implemented)",
	"accept4(3, {sa_family=AF_UNIX, sun_path=@\"abstract\"}, [110 => 19], SOCK_CLOEXEC) = 4",
	"openat(AT_FDCWD</a\\\\b\\n>, \"x\", O_RDONLY) = 3</a\\\\b\\nx>",
};

UT_TEST(lines)
{
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		char name[64];

		snprintf(name, sizeof(name), "round trip %zu: %.30s", i, lines[i]);
		UT_EXPECT(name, round_trip(lines[i]), lines[i]);
	}
}

static struct hv *arg_n(const struct hv *args, int n)
{
	struct hv *c = args->child;

	while (c && n--)
		c = c->next;
	return c;
}

/* What the trees hold, beyond printing the same. */
UT_TEST(nodes)
{
	struct sp_line l;
	struct sp_call c;
	const char *why;
	const char *s = "openat(AT_FDCWD</tmp>, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3</etc/passwd>";

	arena_reset(&ar);
	sp_line(&l, s, strlen(s));
	UT_CHECK("nodes: parsed", !sp_call(&d, &st, l.body, l.body_len, &c, &why));
	struct hv *a0 = arg_n(c.args, 0), *a1 = arg_n(c.args, 1), *a2 = arg_n(c.args, 2);

	UT_CHECK("nodes: AT_FDCWD is an fd", a0 && a0->kind == HV_FD && (a0->flags & HVF_ATCWD) &&
	      a0->i == -100 && !strcmp(a0->text, "/tmp"));
	UT_CHECK("nodes: path is a string", a1 && a1->kind == HV_STR && a1->len == 11);
	UT_CHECK("nodes: flags have their value", a2 && a2->kind == HV_SYM && (a2->flags & HVF_NUM) &&
	      a2->u == 02000000);
	UT_CHECK("nodes: returned fd with path", c.retval && c.retval->kind == HV_FD &&
	      c.retval->i == 3 && !strcmp(c.retval->text, "/etc/passwd") && c.ret == 3);

	s = "read(3, \"\\177ELF\\2\"..., 832) = 832";
	arena_reset(&ar);
	sp_line(&l, s, strlen(s));
	sp_call(&d, &st, l.body, l.body_len, &c, &why);
	a1 = arg_n(c.args, 1);
	UT_CHECK("nodes: escapes undone, cut string marked", a1 && a1->kind == HV_STR && a1->len == 5 &&
	      !memcmp(a1->text, "\177ELF\2", 5) && (a1->flags & HVF_TRUNC));

	s = "rt_sigprocmask(SIG_SETMASK, ~[RTMIN RT_1], [], 8) = 0";
	arena_reset(&ar);
	sp_line(&l, s, strlen(s));
	sp_call(&d, &st, l.body, l.body_len, &c, &why);
	a1 = arg_n(c.args, 1);
	UT_CHECK("nodes: signal set with its mask", a1 && a1->kind == HV_EXPR && (a1->flags & HVF_NUM) &&
	      a1->u == ~((1ull << 31) | (1ull << 32)));

	s = "sendfile(6, 3, [0] => [8], 8) = 8";
	arena_reset(&ar);
	sp_line(&l, s, strlen(s));
	sp_call(&d, &st, l.body, l.body_len, &c, &why);
	a2 = arg_n(c.args, 2);
	UT_CHECK("nodes: => is a changed value", a2 && a2->kind == HV_CHANGED && a2->child &&
	      a2->child->kind == HV_ARRAY && a2->child->next);

	s = "execve(\"/bin/ls\", [\"ls\"], 0x7ffd /* 37 vars */) = 0";
	arena_reset(&ar);
	sp_line(&l, s, strlen(s));
	sp_call(&d, &st, l.body, l.body_len, &c, &why);
	a2 = arg_n(c.args, 2);
	UT_CHECK("nodes: comment", a2 && a2->kind == HV_HEX && a2->comment &&
	      !strcmp(a2->comment, "37 vars"));

	s = "open(\"x\", O_RDONLY) = -1 ENOENT (No such file or directory)";
	arena_reset(&ar);
	sp_line(&l, s, strlen(s));
	sp_call(&d, &st, l.body, l.body_len, &c, &why);
	UT_CHECK("nodes: errno", c.is_error && c.ret == -2);

	s = "clone(child_stack=NULL, flags=CLONE_VM|SIGCHLD) = 7";
	arena_reset(&ar);
	sp_line(&l, s, strlen(s));
	sp_call(&d, &st, l.body, l.body_len, &c, &why);
	a0 = arg_n(c.args, 0);
	a1 = arg_n(c.args, 1);
	UT_CHECK("nodes: named arguments", a0 && a0->name && !strcmp(a0->name, "child_stack") &&
	      a0->kind == HV_PTR && a1 && !strcmp(a1->name, "flags") && a1->u == (0x100 | 17));

	s = "foo(1, @@@weird, 2) = 0";
	arena_reset(&ar);
	sp_line(&l, s, strlen(s));
	UT_CHECK("nodes: unknown text kept", !sp_call(&d, &st, l.body, l.body_len, &c, &why) &&
	      c.args->len == 3 && arg_n(c.args, 1)->kind == HV_EXPR);
}

/* Prefixes, timestamps, durations and the other kinds of line. */
UT_TEST(split)
{
	struct sp_line l;
	const char *s;

	s = "1234  1795294600.980668 close(3) = 0 <0.000123>";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: -f -o prefix, -ttt, -T", l.kind == SP_SYSCALL && l.pidstyle == SP_PID_PLAIN &&
	      l.pid == 1234 && l.tstyle == SP_TS_TTT && l.ts_sec == 1795294600 &&
	      l.ts_usec == 980668 && l.has_dur && l.dur_ns == 123000 && l.body_len == 6);
	s = "[pid 42] 20:56:41.751428 read(0,  <unfinished ...>";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: [pid N], -tt, unfinished", l.kind == SP_UNFINISHED &&
	      l.pidstyle == SP_PID_BRACKET && l.pid == 42 && l.tstyle == SP_TS_TT &&
	      l.ts_sec == 20 * 3600 + 56 * 60 + 41 && l.body_len == 3);
	s = "20:56:41 <... read resumed>\"x\", 1) = 1";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: -t, resumed", l.kind == SP_RESUMED && l.tstyle == SP_TS_T &&
	      l.name_len == 4 && !memcmp(l.body, "\"x\", 1) = 1", l.body_len));
	s = "     0.000295 brk(NULL) = 0x55ab1bdc3000";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: -r", l.kind == SP_SYSCALL && l.tstyle == SP_TS_R && l.ts_usec == 295);
	s = "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=5, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: signal", l.kind == SP_SIGNAL && l.num == 17 && l.body_len > 10);
	s = "--- stopped by SIGSTOP ---";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: stop", l.kind == SP_STOPPED && l.num == 19);
	s = "+++ exited with 7 +++";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: exit", l.kind == SP_EXITED && l.num == 7);
	s = "+++ killed by SIGSEGV (core dumped) +++";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: killed", l.kind == SP_KILLED && l.num == 11 && l.core);
	s = "strace: Process 21385 attached";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: attached", l.kind == SP_ATTACHED && l.pid == 21385);
	s = "this is not strace";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: bad", l.kind == SP_BAD && l.why);
	/* times whose ns would not fit in 63 bits (issue 9: signed overflow downstream) */
	s = "1234  9223372035.999999 close(3) = 0 <9223372035.000000>";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: -ttt and -T at the year 2262", l.kind == SP_SYSCALL &&
	      l.ts_sec == 9223372035 && l.has_dur && l.dur_ns == 9223372035000000000ull);
	s = "1234  9223372036.000000 close(3) = 0";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: -ttt past the year 2262: bad", l.kind == SP_BAD && l.why);
	s = "1234  99999999999.000000 close(3) = 0";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: -ttt with 11 digits: bad", l.kind == SP_BAD && l.why);
	s = "1234  close(3) = 0 <99999999999.000000>";
	sp_line(&l, s, strlen(s));
	UT_CHECK("line: -T past 2^63 ns: no duration", !l.has_dur);

	bool pending = false;
	struct hv *a;

	arena_reset(&ar);
	a = sp_args(&d, &st, "21296, ", 7, &pending);
	UT_CHECK("unfinished: pending after \", \"", a->len == 1 && pending);
	a = sp_args(&d, &st, "2", 1, &pending);
	UT_CHECK("unfinished: all arguments", a->len == 1 && !pending);
}

/* -x and -xx are learnt from the strings. */
UT_TEST(xflag)
{
	struct sp_state xs = { 0 };
	struct hv *v;

	arena_reset(&ar);
	v = sp_value(&d, &xs, "\"abc\"", 5);
	UT_CHECK("x: plain string teaches nothing", v->kind == HV_STR && xs.xflag == 0);
	v = sp_value(&d, &xs, "\"\\x61\\x01\"", 10);
	UT_CHECK("x: -x", v->kind == HV_STR && v->len == 2 && xs.xflag == 1);
	v = sp_value(&d, &xs, "\"\\x61\\x62\"", 10);
	UT_CHECK("x: -xx", v->kind == HV_STR && xs.xflag == 2);
	xs.xflag = 0;
	xs.no_xlearn = true;
	v = sp_value(&d, &xs, "\"\\x61\\x01\"", 10);
	UT_CHECK("x: forced hex is kept as text", v->kind == HV_EXPR && xs.xflag == 0);
}

/*
 * Numbers and strings are kept as such only when they print back as their text; the reader
 * decides that for the common forms without printing them (issue 10): the forms that print
 * otherwise must still become text.
 */
UT_TEST(canonical)
{
	static const struct { const char *text; enum hv_kind kind; } v[] = {
		{ "0", HV_INT }, { "42", HV_INT }, { "-1", HV_INT }, { "-0", HV_EXPR },
		{ "123456789012345678", HV_INT }, { "9223372036854775807", HV_INT },
		{ "-9223372036854775808", HV_INT }, { "18446744073709551615", HV_UINT },
		{ "18446744073709551616", HV_EXPR }, { "0x1f", HV_HEX }, { "0x0", HV_EXPR },
		{ "0x01f", HV_EXPR }, { "0X1F", HV_EXPR }, { "0x1F", HV_EXPR }, { "0x", HV_EXPR }, { "0xABC", HV_EXPR },
		{ "0xffffffffffffffff", HV_HEX }, { "0x12345678901234567", HV_EXPR },
		{ "0644", HV_OCT }, { "007", HV_OCT }, { "0007", HV_EXPR }, { "00", HV_EXPR },
		{ "\"abc\"", HV_STR }, { "\"a\\\\b\"", HV_STR }, { "\"a\\x62\"", HV_EXPR },
		{ "\"\"", HV_STR }, { "\"x y~\"...", HV_STR }, { "3<", HV_EXPR },
	};
	struct sp_state xs = { 0 };
	char name[80];

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct hv *h;

		arena_reset(&ar);
		h = sp_value(&d, &xs, v[i].text, strlen(v[i].text));
		snprintf(name, sizeof(name), "canonical: %s", v[i].text);
		UT_CHECK(name, h && h->kind == v[i].kind);
		sb_reset(&sb);
		render_value(&sb, h, xs.xflag);
		snprintf(name, sizeof(name), "canonical: %s prints back", v[i].text);
		UT_EXPECT(name, sb.s, v[i].text);
	}
	/* with -xx every string is in \x: a plain one is not what it prints as */
	xs.xflag = 2;
	arena_reset(&ar);
	UT_CHECK("canonical: plain string under -xx is text",
		 sp_value(&d, &xs, "\"abc\"", 5)->kind == HV_EXPR);
}

/* -- bytes, not C strings: what a damaged log holds ----------------------------------------- */

/* Lines of every kind, to be cut and spoilt below. */
static const char *const kinds[] = {
	"[pid 21296] --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=21297, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---",
	"21296 1700000000.123456 +++ killed by SIGSEGV (core dumped) +++",
	"21296  +++ exited with 3 +++",
	"--- stopped by SIGSTOP ---",
	"--- 77 {si_signo=77} ---",
	"+++ killed by 77 +++",
	"[pid 21297] <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 21297 <0.000123>",
	"21296 12:34:56.123456 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD <unfinished ...>",
	"strace: Process 21297 attached",
	"close(3) = -1 EBADF (Bad file descriptor)",
	"rt_sigreturn({mask=[]}) = 12ab",
	"read(0, \"x\", 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)",
};

/*
 * Parse n bytes copied to a buffer of exactly n bytes (no NUL after them: ASan sees any read
 * past the end) at every level; false if a part of the line points outside it.
 */
static bool parse_bytes(const char *s, size_t n)
{
	char *b = malloc(n ? n : 1);
	struct sp_line l;
	struct sp_call c;
	const char *why;
	bool pending, inside;

	memcpy(b, s, n);
	sp_line(&l, b, n);
	inside = (!l.body || (l.body >= b && l.body + l.body_len <= b + n)) &&
		 (!l.name || (l.name >= b && l.name + l.name_len <= b + n));
	arena_reset(&ar);
	if (inside && (l.kind == SP_SYSCALL || l.kind == SP_RESUMED))
		sp_call(&d, &st, l.body, l.body_len, &c, &why);
	else if (inside && l.kind == SP_UNFINISHED)
		sp_args(&d, &st, l.body, l.body_len, &pending);
	else if (inside && l.kind == SP_SIGNAL)
		sp_value(&d, &st, l.body, l.body_len);
	free(b);
	return inside;
}

/* Every line cut at every length: parsed within its bytes (ASan and UBSan watch the reads). */
UT_TEST(truncated)
{
	size_t bad = 0, total = 0;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]) + sizeof(kinds) / sizeof(kinds[0]); i++) {
		const char *s = i < sizeof(lines) / sizeof(lines[0]) ? lines[i] :
				kinds[i - sizeof(lines) / sizeof(lines[0])];

		for (size_t k = 0; k <= strlen(s); k++, total++)
			bad += !parse_bytes(s, k);
	}
	UT_CHECK("truncated: every prefix of every line parsed within its bytes", total > 1000 && !bad);
}

/* A NUL byte anywhere in a line (strace never prints one: a damaged log, a binary). */
UT_TEST(nul_bytes)
{
	size_t bad = 0;
	struct sp_line l;
	uint64_t v;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		char buf[512];
		size_t n = strlen(kinds[i]);

		for (size_t k = 0; k <= n; k++) {
			memcpy(buf, kinds[i], k);
			buf[k] = '\0';
			memcpy(buf + k + 1, kinds[i] + k, n - k);
			bad += !parse_bytes(buf, n + 1);
		}
	}
	UT_CHECK("nul: a NUL at every place of every kind of line, parsed within its bytes", !bad);
	/* the release build read 5000 bytes past a line cut by strndup() at the NUL here */
	static const char sig[] = "--- \0SIGCHLD {si_signo=SIGCHLD} ---";

	sp_line(&l, sig, sizeof(sig) - 1);
	UT_CHECK("nul: \"--- \\0SIGCHLD ... ---\" is not a signal", l.kind == SP_BAD);
	/* a byte changed in a -ttt time: 51796615617 s overflowed the time in ns (UBSan) */
	static const char ts[] = "2956  51796615617.939969 getuid() = 0";

	sp_line(&l, ts, sizeof(ts) - 1);
	UT_CHECK("nul: a time past 2262 is not a time", l.kind == SP_BAD);
	UT_CHECK("nul: a symbol with a NUL inside has no value", sp_symval("O_RDONLY\0X", 10, &v) == -ENOENT);
	UT_CHECK("nul: the symbol without it has one", !sp_symval("O_RDONLY", 8, &v) && v == 0);
}

/* Read a log of len bytes at s, lines of at most max bytes: the results as text. */
static const char *read_all(const char *s, size_t len, size_t max, size_t skip_max)
{
	static char out[1024];
	struct sp_reader r;
	const char *line;
	size_t n, k = 0;
	int ret;

	sp_reader_init_mem(&r, s, len, max);
	r.skip_max = skip_max;
	do {
		ret = sp_reader_next(&r, &line, &n);
		if (ret == 1 && n > 40) {
			k += snprintf(out + k, sizeof(out) - k, "%lu:<%zu bytes>|", r.lineno, n);
		} else if (ret == 1) {
			k += snprintf(out + k, sizeof(out) - k, "%lu:", r.lineno);
			for (size_t i = 0; i < n && k + 4 < sizeof(out); i++)
				out[k++] = line[i] ? line[i] : '@';
			k += snprintf(out + k, sizeof(out) - k, "|");
		} else if (ret < 0) {
			k += snprintf(out + k, sizeof(out) - k, "%lu:%s|", r.lineno,
				      ret == -E2BIG ? "E2BIG" : ret == -EFBIG ? "EFBIG" : "ERR");
		}
	} while (ret == 1 || ret == -E2BIG);
	sp_reader_free(&r);
	return out;
}

/* Lines as bytes with their lengths, a bound on their length, the end of a log. */
UT_TEST(reader)
{
	static const char nul[] = "a\0b\nc\n";
	char big[300000];

	UT_EXPECT("reader: lines, the last without newline, an empty one",
		  read_all("ab\n\ncd", 6, 16, 64), "1:ab|2:|3:cd|");
	UT_EXPECT("reader: a NUL is a byte of the line", read_all(nul, sizeof(nul) - 1, 16, 64),
		  "1:a@b|2:c|");
	UT_EXPECT("reader: strace -f's \"Process N attached\" cut joined",
		  read_all("f(1, strace: Process 5 attached\n2) = 0\nx\n", 41, 64, 64),
		  "2:f(1, 2) = 0|3:x|");
	UT_EXPECT("reader: overlong lines skipped, the next ones read",
		  read_all("0123456789\n0123456789a\n0123456789abcdefghij\nok\n", 47, 10, 64),
		  "1:0123456789|2:E2BIG|3:E2BIG|4:ok|");
	UT_EXPECT("reader: an overlong last line without newline",
		  read_all("ok\n0123456789abcdef", 19, 10, 64), "1:ok|2:E2BIG|");
	/* longer than the read buffer: cut and skipped across reads */
	memset(big, 'x', sizeof(big));
	big[100000] = '\n';
	memcpy(big + sizeof(big) - 3, "\nok", 3);
	UT_EXPECT("reader: lines longer than the read buffer, kept and skipped",
		  read_all(big, sizeof(big), 150000, 1 << 20), "1:<100000 bytes>|2:E2BIG|3:ok|");
	UT_EXPECT("reader: the rest of a line of 200000 bytes is skipped",
		  read_all(big + 100001, sizeof(big) - 100001, 1000, 1 << 20), "1:E2BIG|2:ok|");
	UT_EXPECT("reader: no newline in skip_max more bytes: not a log, nothing more read",
		  read_all(big + 100001, sizeof(big) - 100001, 1000, 50000), "1:E2BIG|1:EFBIG|");

	volatile int stop = 1;
	struct sp_reader r;
	const char *line;
	size_t n;

	sp_reader_init_mem(&r, "a\nb\n", 4, 16);
	r.stop = &stop;
	UT_CHECK("reader: the stop flag ends reading", sp_reader_next(&r, &line, &n) == -EINTR);
	sp_reader_free(&r);
}

/*
 * Lines are returned in the read buffer where they lie whole in it (issue 10): those across
 * the end of a read, of every length and at every offset, come back whole and in order.
 */
UT_TEST(reader_inplace)
{
	static char log[300000];
	char want[128];
	size_t len = 0, n;
	unsigned long nlines = 0, good = 0;
	struct sp_reader r;
	const char *line;

	while (len + 200 < sizeof(log)) {
		int k = snprintf(log + len, sizeof(log) - len, "%lu %.*s|", nlines,
				 (int)(nlines * 7 % 97), "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
				 "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz");

		len += k;
		log[len++] = '\n';
		nlines++;
	}
	sp_reader_init_mem(&r, log, len, 4096);
	for (unsigned long i = 0; sp_reader_next(&r, &line, &n) == 1; i++) {
		int k = snprintf(want, sizeof(want), "%lu %.*s|", i, (int)(i * 7 % 97),
				 "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
				 "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz");

		good += n == (size_t)k && !memcmp(line, want, n) && !line[n] && r.lineno == i + 1;
	}
	sp_reader_free(&r);
	UT_CHECK("reader: every line across reads whole, in order", good == nlines && nlines > 3000);
	UT_EXPECT("reader: a line ending in \" attached\" without the message is kept",
		  read_all("x attached\nf(1, strace: Process 5 attached\n2) = 0\n", 50, 64, 64),
		  "1:x attached|3:f(1, 2) = 0|");
}

static const struct ut_case cases[] = {
	UT_ENTRY(lines), UT_ENTRY(nodes), UT_ENTRY(split), UT_ENTRY(xflag), UT_ENTRY(truncated),
	UT_ENTRY(nul_bytes), UT_ENTRY(reader), UT_ENTRY(canonical),
	UT_ENTRY(reader_inplace),
	{ NULL }
};

int main(int argc, char **argv)
{
	int ret = ut_main(argc, argv, cases);

	sb_free(&sb);
	arena_free(&ar);
	return ret;
}
