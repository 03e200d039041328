/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* funclib.h: the linked library of tests/progs/functree.c. */
#ifndef FUNCLIB_H
#define FUNCLIB_H

int lib_add(int a, int b);	/* lib_twice(a + b) / 2: a + b */
int lib_twice(int x);

#endif
