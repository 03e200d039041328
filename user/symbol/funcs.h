/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* funcs.h: the functions --func traces: patterns resolved to (binary, offset) and named back. */
#ifndef HY_FUNCS_H
#define HY_FUNCS_H

#include <stdbool.h>
#include <stdint.h>

/*
 * One traced function, as sinks name it.  Entries live as long as the function table (the
 * whole trace), so sinks may keep the pointer.
 */
struct func_info {
	const char *name;	/* the symbol's name ("fib", "malloc") */
	const char *module;	/* the path of the binary or library that defines it */
	uint64_t offset;	/* its address in the module's ELF (st_value: a link-time address) */
	uint64_t size;		/* st_size, 0 when unknown */
	uint32_t id;		/* its index in the table (struct hy_func.fid) */
};

#endif
