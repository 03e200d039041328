/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* stack.c: syscalls reached through known chains of non-inlined functions, for -k (issue 12). */
/*
 *   stack chain          main > st_chain > st_level1 > st_level2 > st_do_openat > openat,
 *                        ... st_level2 > st_do_write > write, ... st_do_getpid > getpid
 *   stack dlopen LIB     dlopen(LIB) after start, then lib_entry > lib_inner > write in LIB
 *   stack exec [PROG]    st_chain, then execv(PROG or itself, "chain") from st_do_exec
 *   stack loop           st_chain every 10 ms, for ever (for -p)
 *   stack jit            getpid from code in an anonymous executable mapping (no module)
 *   stack deep N         st_recurse N levels deep, then getpid
 *
 * Built -O1 without frame pointers (stack) and with them (stack_fp, see the Makefile).  The
 * calls go through glibc's wrappers (openat, write, getpid): the frames below are libc's.
 */
#include "hyt.h"
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>

#define NOINLINE __attribute__((noinline, noclone))

/* a side effect the compiler cannot drop, so no call becomes a tail call */
static volatile int sink;

NOINLINE int st_do_openat(void)
{
	int fd = openat(AT_FDCWD, "/dev/null", O_RDONLY);

	sink += fd;
	return fd;
}

NOINLINE void st_do_write(int fd)
{
	ssize_t n = write(fd, "x", 0);

	sink += (int)n;
}

NOINLINE void st_do_getpid(void)
{
	sink += getpid();
}

NOINLINE void st_level2(void)
{
	int fd = st_do_openat();

	st_do_write(fd);
	st_do_getpid();
	if (fd >= 0)
		close(fd);
	sink++;
}

NOINLINE void st_level1(void)
{
	st_level2();
	sink++;
}

NOINLINE void st_chain(void)
{
	st_level1();
	sink++;
}

NOINLINE int st_recurse(int n)
{
	if (n <= 0) {
		sink += getpid();
		return 0;
	}
	int r = st_recurse(n - 1);

	sink++;
	return r + 1;
}

NOINLINE void st_do_exec(const char *prog)
{
	char *argv[] = { (char *)prog, (char *)"chain", NULL };

	execv(prog, argv);
	perror("execv");
	sink++;
}

/* mov $39, %eax (SYS_getpid); syscall; ret -- x86-64 machine code */
static const unsigned char jit_getpid[] = { 0xb8, 0x27, 0, 0, 0, 0x0f, 0x05, 0xc3 };

NOINLINE int st_jit(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	memcpy(p, jit_getpid, sizeof(jit_getpid));
	sink += ((long (*)(void))p)() > 0;
	munmap(p, 4096);
	return 0;
}

static int run_dlopen(const char *lib)
{
	void *h = dlopen(lib, RTLD_NOW);

	if (!h) {
		fprintf(stderr, "stack: dlopen %s: %s\n", lib, dlerror());
		return 1;
	}
	int (*entry)(int) = (int (*)(int))dlsym(h, "lib_entry");

	if (!entry) {
		fprintf(stderr, "stack: dlsym lib_entry: %s\n", dlerror());
		return 1;
	}
	sink += entry(1);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: stack chain | dlopen LIB | exec [PROG] | deep N | loop | jit\n");
		return 2;
	}
	hyt_begin();
	if (!strcmp(argv[1], "chain")) {
		st_chain();
	} else if (!strcmp(argv[1], "dlopen") && argc > 2) {
		if (run_dlopen(argv[2]))
			return 1;
	} else if (!strcmp(argv[1], "exec")) {
		st_chain();
		st_do_exec(argc > 2 ? argv[2] : argv[0]);
		return 1;
	} else if (!strcmp(argv[1], "jit")) {
		if (st_jit())
			return 1;
	} else if (!strcmp(argv[1], "loop")) {
		for (;;) {
			st_chain();
			usleep(10000);
		}
	} else if (!strcmp(argv[1], "deep") && argc > 2) {
		sink += st_recurse(atoi(argv[2]));
	} else {
		fprintf(stderr, "stack: unknown mode %s\n", argv[1]);
		return 2;
	}
	hyt_end();
	return 0;
}
