/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* stacklib.c: a shared library that tests/progs/stack.c loads with dlopen (-k frames, issue 12). */
#include <unistd.h>

static volatile int lib_sink;

__attribute__((noinline)) void lib_inner(int fd)
{
	lib_sink += (int)write(fd, "", 0);
}

__attribute__((noinline)) int lib_entry(int fd)
{
	lib_inner(fd);
	return lib_sink;
}
