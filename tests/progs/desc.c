/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* desc.c: descriptor syscalls: I/O, dup, fcntl, pipes, event/signal/timer/inotify fds, polling. */
#include "hyt.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/uio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <linux/fs.h>

int main(void)
{
	char buf[64], b1[4], b2[8];
	struct iovec iov[2];
	int fd, fd2, p[2], efd, ep, nul;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
	sigset_t ss;
	struct itimerspec its = { { 0, 0 }, { 100, 0 } }, zero = { { 0, 0 }, { 0, 0 } };
	struct pollfd pfd[2];
	struct timespec ts0 = { 0, 0 };
	struct timeval tv0 = { 0, 0 };
	fd_set rfds;
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 42 }, evs[2];
	loff_t off;
	struct { const sigset_t *ss; size_t len; } psig;

	unlink("hyt-d");
	unlink("hyt-d2");
	mkdir("hyt-watch", 0755);
	hyt_begin();

	fd = syscall(SYS_openat, AT_FDCWD, "hyt-d", O_RDWR | O_CREAT | O_TRUNC, 0644);
	HYT_CHECK(fd == 3);
	syscall(SYS_write, fd, "0123456789abcdef", 16);
	syscall(SYS_write, fd, "\x01\x02\xff tab\t nl\n \"q\" \\", 19);
	syscall(SYS_lseek, fd, 0, SEEK_SET);
	syscall(SYS_read, fd, buf, 4);
	syscall(SYS_read, fd, buf, sizeof(buf));
	syscall(SYS_read, fd, buf, sizeof(buf));
	syscall(SYS_lseek, fd, (off_t)-2, SEEK_END);
	syscall(SYS_lseek, fd, 1, SEEK_CUR);
	syscall(SYS_pread64, fd, buf, 5, 10);
	syscall(SYS_pwrite64, fd, "XY", 2, 100);
	iov[0].iov_base = "ab";
	iov[0].iov_len = 2;
	iov[1].iov_base = "cde";
	iov[1].iov_len = 3;
	syscall(SYS_writev, fd, iov, 2);
	syscall(SYS_lseek, fd, 0, SEEK_SET);
	iov[0].iov_base = b1;
	iov[0].iov_len = sizeof(b1);
	iov[1].iov_base = b2;
	iov[1].iov_len = sizeof(b2);
	syscall(SYS_readv, fd, iov, 2);
	syscall(SYS_preadv2, fd, iov, 2, 3, 0, 0);
	iov[0].iov_base = "pw";
	iov[0].iov_len = 2;
	syscall(SYS_pwritev2, fd, iov, 1, 200, 0, RWF_DSYNC);
	syscall(SYS_read, 100, buf, 1);
	syscall(SYS_write, 100, "x", 1);

	/* dup family and fcntl */
	fd2 = syscall(SYS_dup, fd);
	syscall(SYS_dup2, fd, 10);
	syscall(SYS_dup3, fd, 11, O_CLOEXEC);
	syscall(SYS_dup3, fd, fd, 0);
	syscall(SYS_fcntl, fd, F_GETFD);
	syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC);
	syscall(SYS_fcntl, fd, F_GETFL);
	syscall(SYS_fcntl, fd, F_SETFL, O_NONBLOCK | O_APPEND);
	syscall(SYS_fcntl, fd, F_DUPFD, 20);
	syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 30);
	syscall(SYS_fcntl, fd, F_SETLK, &fl);
	syscall(SYS_fcntl, fd, F_GETLK, &fl);
	syscall(SYS_fcntl, fd, F_OFD_GETLK, &fl);
	syscall(SYS_fcntl, 99, F_GETFD);
	syscall(SYS_close, fd2);
	syscall(SYS_close, 10);
	syscall(SYS_close, 99);
	syscall(SYS_close_range, 11, 40, 0);

	/* pipes */
	syscall(SYS_pipe2, p, O_CLOEXEC);
	syscall(SYS_fcntl, p[0], F_GETPIPE_SZ);
	syscall(SYS_fcntl, p[1], F_SETPIPE_SZ, 65536);
	syscall(SYS_write, p[1], "pipe", 4);
	pfd[0].fd = p[0];
	pfd[0].events = POLLIN;
	pfd[1].fd = p[1];
	pfd[1].events = POLLOUT;
	syscall(SYS_poll, pfd, 2, 0);
	syscall(SYS_ppoll, pfd, 1, &ts0, NULL, (size_t)8);
	FD_ZERO(&rfds);
	FD_SET(p[0], &rfds);
	syscall(SYS_select, p[0] + 1, &rfds, NULL, NULL, &tv0);
	sigemptyset(&ss);
	psig.ss = &ss;
	psig.len = 8;
	FD_ZERO(&rfds);
	FD_SET(p[0], &rfds);
	syscall(SYS_pselect6, p[0] + 1, &rfds, NULL, NULL, &ts0, &psig);
	/* a set holding an fd of /dev/null: -P /dev/null matches the select by it */
	nul = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
	FD_ZERO(&rfds);
	FD_SET(nul, &rfds);
	syscall(SYS_select, nul + 1, &rfds, NULL, NULL, &tv0);
	syscall(SYS_close, nul);
	ep = syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev);
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, 99, &ev);
	syscall(SYS_epoll_wait, ep, evs, 2, 0);
	syscall(SYS_epoll_pwait, ep, evs, 2, 0, &ss, (size_t)8);
	syscall(SYS_close, ep);

	/* splice, sendfile, copy_file_range */
	fd2 = syscall(SYS_openat, AT_FDCWD, "hyt-d2", O_RDWR | O_CREAT | O_TRUNC, 0644);
	syscall(SYS_splice, p[0], NULL, fd2, NULL, 4, SPLICE_F_MOVE);
	off = 0;
	syscall(SYS_sendfile, fd2, fd, &off, 8);
	off = 0;
	syscall(SYS_copy_file_range, fd, &off, fd2, NULL, 6, 0);
	syscall(SYS_close, fd2);
	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
	syscall(SYS_close, fd);

	/* special descriptors */
	efd = syscall(SYS_eventfd2, 5, EFD_CLOEXEC | EFD_NONBLOCK);
	syscall(SYS_read, efd, buf, 8);
	syscall(SYS_close, efd);
	sigemptyset(&ss);
	sigaddset(&ss, SIGUSR2);
	efd = syscall(SYS_signalfd4, -1, &ss, (size_t)8, SFD_CLOEXEC | SFD_NONBLOCK);
	syscall(SYS_read, efd, buf, sizeof(buf));
	syscall(SYS_close, efd);
	efd = syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	syscall(SYS_timerfd_settime, efd, 0, &its, NULL);
	syscall(SYS_timerfd_settime, efd, 0, &zero, NULL);
	syscall(SYS_timerfd_gettime, efd, &its);
	syscall(SYS_close, efd);
	efd = syscall(SYS_inotify_init1, IN_CLOEXEC | IN_NONBLOCK);
	fd = syscall(SYS_inotify_add_watch, efd, "hyt-watch", IN_CREATE | IN_DELETE);
	syscall(SYS_inotify_rm_watch, efd, fd);
	syscall(SYS_inotify_add_watch, efd, "hyt-nonexistent", IN_MODIFY);
	syscall(SYS_close, efd);
	efd = syscall(SYS_memfd_create, "hyt-memfd", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	syscall(SYS_ftruncate, efd, 4096);
	syscall(SYS_fcntl, efd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW);
	syscall(SYS_fcntl, efd, F_GET_SEALS);
	syscall(SYS_close, efd);
	syscall(SYS_unlink, "hyt-d");
	syscall(SYS_unlink, "hyt-d2");

	hyt_end();
	rmdir("hyt-watch");
	return 0;
}
