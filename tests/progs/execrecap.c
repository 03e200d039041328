/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * execrecap.c: execve whose path, argv and envp strings lie in a file mapping never touched
 * before the call.  eBPF reads at syscall entry do not fault pages in, so they fail; the
 * eBPF backend must read them again at exec, from the new image's stack (exec_recap in
 * bpf/hytrace.bpf.c), and show them as the ptrace backend and strace do.
 */
#include "hyt.h"
#include <fcntl.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
	static const char text[] = "/bin/true\0recap-arg1\0recap-arg2\0RECAP_ENV=1\0RECAP_ENV2=2";
	char path[] = "/tmp/hyt-execrecap.XXXXXX";
	char *av[4], *ev[3], *m;
	int fd = mkstemp(path);

	HYT_CHECK(fd >= 0);
	HYT_CHECK(write(fd, text, sizeof(text)) == (ssize_t)sizeof(text));
	m = mmap(NULL, sizeof(text), PROT_READ, MAP_PRIVATE, fd, 0);
	HYT_CHECK(m != MAP_FAILED);
	unlink(path);
	close(fd);
	/* only pointers into the mapping: its page is first touched by the kernel's execve */
	av[0] = m;
	av[1] = m + 10;
	av[2] = m + 21;
	av[3] = NULL;
	ev[0] = m + 32;
	ev[1] = m + 44;
	ev[2] = NULL;
	hyt_begin();
	execve(m, av, ev);
	return 127;
}
