/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tamper.c: syscalls for -e inject=, -e fault= and -e read=/write= (tests/inject.sh).
 *
 *   tamper calls [fork]   chdir("/") 6 times and getuid() twice, printing what each returned
 *                         (so a test sees that the tracee got the injected value); SIGUSR1 is
 *                         caught and counted; with fork, a child does the same first (counts
 *                         are per process)
 *   tamper io             data through fds 3.. (files, a pipe, a socket pair) with read, write,
 *                         pread64, pwrite64, readv, writev, sendto, recvfrom, sendmsg, recvmsg;
 *                         one write of 5000 bytes (beyond the ordinary 4096-byte capture)
 *   tamper bigio          long buffers for dumps (bigio() below)
 *   tamper mq             messages through a POSIX message queue (fd 3): mq_timedsend and
 *                         mq_timedreceive, one of 6000 bytes
 * The output on stdout names no pid or address: it is the same under any tracer.
 */
#include "hyt.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <mqueue.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>

static volatile sig_atomic_t nsig;

static void on_usr1(int sig)
{
	(void)sig;
	nsig++;
}

static void calls(const char *who)
{
	for (int i = 1; i <= 6; i++) {
		long r = syscall(SYS_chdir, "/");

		printf("%s chdir %d: %ld %s\n", who, i, r, r < 0 ? strerror(errno) : "");
	}
	for (int i = 1; i <= 2; i++) {
		long r = syscall(SYS_getuid);

		printf("%s getuid %d: %ld\n", who, i, r);
	}
	printf("%s signals: %d\n", who, (int)nsig);
	fflush(stdout);
}

static int io(void)
{
	static char big[5000];
	char buf[6000], a[8], b[16];
	struct iovec wv[2] = { { "hello ", 6 }, { "vector\n", 7 } };
	struct iovec rv[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	struct msghdr m = { .msg_iov = wv, .msg_iovlen = 2 };
	int sv[2], pfd[2];
	int f = open("tamper.data", O_RDWR | O_CREAT | O_TRUNC, 0644);	/* fd 3 */

	if (f != 3 || pipe(pfd) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))	/* 4 5, 6 7 */
		return 1;
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + i / 256);
	HYT_CHECK(write(f, "abcdefghijklmnopqrstuvwxyz\001\002\377 end\n", 34) == 34);
	HYT_CHECK(pwrite(f, "PW", 2, 40) == 2);
	HYT_CHECK(writev(f, wv, 2) == 13);
	HYT_CHECK(pread(f, buf, sizeof(buf), 0) > 0);
	HYT_CHECK(lseek(f, 0, SEEK_SET) == 0);
	HYT_CHECK(read(f, buf, 20) == 20);
	HYT_CHECK(readv(f, rv, 2) == 24);
	HYT_CHECK(write(pfd[1], big, sizeof(big)) == (ssize_t)sizeof(big));
	HYT_CHECK(read(pfd[0], buf, sizeof(buf)) == (ssize_t)sizeof(big));
	HYT_CHECK(sendto(sv[0], "datagram?", 9, 0, NULL, 0) == 9);
	HYT_CHECK(recvfrom(sv[1], buf, sizeof(buf), 0, NULL, NULL) == 9);
	HYT_CHECK(sendmsg(sv[0], &m, 0) == 13);
	m.msg_iov = rv;
	HYT_CHECK(recvmsg(sv[1], &m, 0) == 13);
	HYT_CHECK(read(f, buf, 0) == 0);
	printf("io done\n");
	return 0;
}

/*
 * -e read=/write= dumps of long buffers, as strace's dumpstr() reads them in 64 KiB chunks: a
 * write of 1 MiB + 1 (the offsets widen to 6 digits), one whose last byte is on an unmapped page
 * ("<Cannot fetch 1 byte ...>" after the first chunk), one whose buffer is unmapped from its
 * start (no dump), a failed write (dumped), a read of several chunks, and a long read on an fd
 * that is not dumped.  Fixed addresses, so that the address strace prints is the same each run.
 */
static int bigio(void)
{
	size_t big = (1u << 20) + 1, chunk = 65536, pg = 4096;
	int f = open("tamper.big", O_RDWR | O_CREAT | O_TRUNC, 0644);	/* fd 3 */
	int z = open("/dev/zero", O_RDONLY);				/* fd 4 */
	char *p = mmap((void *)0x200000000ul, big + pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	char *t = mmap((void *)0x300000000ul, chunk + pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (f != 3 || z != 4 || p != (void *)0x200000000ul || t != (void *)0x300000000ul ||
	    munmap(t + chunk, pg))
		return 1;
	for (size_t i = 0; i < big; i++)
		p[i] = (char)(i + i / 251);
	memcpy(t, p, chunk);
	HYT_CHECK(write(f, p, big) == (ssize_t)big);
	HYT_CHECK(write(f, t, chunk + 1) == (ssize_t)chunk);
	HYT_CHECK(write(f, t + chunk, 10) == -1 && errno == EFAULT);
	HYT_CHECK(write(z, p, 20) == -1 && errno == EBADF);
	HYT_CHECK(read(z, p, 70000) == 70000);
	HYT_CHECK(lseek(f, 0, SEEK_SET) == 0);
	HYT_CHECK(read(f, p, 70000) == 70000);
	printf("bigio done\n");
	return 0;
}

static int mq(void)
{
	struct mq_attr a = { .mq_maxmsg = 2, .mq_msgsize = 8192 };
	struct timespec t = { 0, 0 };
	static char big[6000], b[8192];
	unsigned int prio = 0;
	char name[64];
	mqd_t q;

	snprintf(name, sizeof(name), "/hyt-tamper-%d", (int)getpid());
	q = mq_open(name, O_CREAT | O_RDWR, 0600, &a);
	if (q != 3)
		return 1;
	mq_unlink(name);
	memset(big, 'x', sizeof(big));
	HYT_CHECK(mq_send(q, "hello queue", 11, 1) == 0);
	HYT_CHECK(mq_receive(q, b, sizeof(b), &prio) == 11 && prio == 1);
	HYT_CHECK(mq_timedsend(q, big, sizeof(big), 0, &t) == 0);
	HYT_CHECK(mq_receive(q, b, sizeof(b), NULL) == (ssize_t)sizeof(big));
	printf("mq done\n");
	return 0;
}

int main(int argc, char **argv)
{
	signal(SIGUSR1, on_usr1);
	if (argc > 1 && !strcmp(argv[1], "io"))
		return io();
	if (argc > 1 && !strcmp(argv[1], "bigio"))
		return bigio();
	if (argc > 1 && !strcmp(argv[1], "mq"))
		return mq();
	if (argc > 2 && !strcmp(argv[2], "fork")) {
		pid_t c = fork();

		if (c == 0) {
			calls("child");
			_exit(0);
		}
		waitpid(c, NULL, 0);
	}
	calls("main");
	return 0;
}
