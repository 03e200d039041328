/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* funcs.h: the functions --func traces: patterns resolved to (binary, offset) and named back. */
#ifndef HY_FUNCS_H
#define HY_FUNCS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * One traced function, as sinks name it.  Entries live as long as the function table (the
 * whole trace), so sinks may keep the pointer.
 */
struct func_info {
	const char *name;	/* the symbol's name ("fib", "malloc") */
	const char *module;	/* the path of the binary or library that defines it */
	uint64_t offset;	/* its address in the module: the symbol's st_value (a link-time
				   address); for a function named by address (funcs_by_addr), its
				   file offset, the same for the text of the usual layouts */
	uint64_t size;		/* st_size, 0 when unknown */
	int nparams;		/* integer parameters by its debug info, -1 when unknown (then
				   sinks show every value --func-args recorded) */
	uint32_t id;		/* its index in the table (struct hy_func.fid) */
};

struct symbolizer;
struct func_table;

/* An empty table with no patterns, or NULL (ENOMEM). */
struct func_table *funcs_new(void);
void funcs_free(struct func_table *ft);

/*
 * Add --func (exclude false) or --func-exclude (true) PATTERN, an extended regex on symbol
 * names, for every binary or only for binary (a path, or a file name or soname: "libc.so.6",
 * "libc.so", "functree").  0 or -EINVAL (bad regex) or -ENOMEM.
 */
int funcs_add_pattern(struct func_table *ft, const char *regex, const char *binary, bool exclude);
/* Whether binary (a path or file name) is named by spec: the same path or the same file name,
 * or a soname prefix of it ("libc.so" names /lib/x86_64-linux-gnu/libc.so.6). */
bool funcs_binary_is(const char *spec, const char *binary);
/* Whether the patterns select function name of module (a path): some --func takes it and no
 * --func-exclude drops it. */
bool funcs_match(const struct func_table *ft, const char *name, const char *module);
/* Whether some pattern is limited to a binary spec that names module (or to none). */
bool funcs_module_wanted(const struct func_table *ft, const char *module);

/*
 * The function at offset in module, added if new (name and module are copied), or NULL
 * (ENOMEM).  Ids count from 0 in the order of addition.
 */
const struct func_info *funcs_add(struct func_table *ft, const char *name, const char *module,
				  uint64_t offset, uint64_t size);
/* Function id, or NULL. */
const struct func_info *funcs_get(const struct func_table *ft, uint32_t id);
unsigned int funcs_count(const struct func_table *ft);

/*
 * The function that holds addr in process tgid, named with the symbol layer and added to the
 * table when the patterns select it (records of the preload library carry addresses, not
 * ids); cached per (tgid, addr).  NULL when addr lies in no named function or one the
 * patterns do not select (errno ENOENT), or on ENOMEM.
 */
const struct func_info *funcs_by_addr(struct func_table *ft, struct symbolizer *sym, pid_t tgid,
				      uint64_t addr);
/* tgid exec'd or exited: forget its address cache. */
void funcs_forget_process(struct func_table *ft, pid_t tgid);

#endif
