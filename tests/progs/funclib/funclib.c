/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* funclib.c: a library linked by tests/progs/functree.c: lib_add > lib_twice. */
#include "funclib.h"

__attribute__((noipa)) int lib_twice(int x)
{
	return 2 * x;
}

__attribute__((noipa)) int lib_add(int a, int b)
{
	return lib_twice(a + b) / 2;
}
