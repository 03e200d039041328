/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* funcdl.c: a library tests/progs/functree.c loads with dlopen: dl_entry > dl_inner > getpid. */
#include <unistd.h>

__attribute__((noipa)) long dl_inner(void)
{
	return getpid();
}

__attribute__((noipa)) long dl_entry(void)
{
	return dl_inner() + 1;
}
