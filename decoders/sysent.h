/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sysent.h: the syscall table (names, classes, decoders, capture spec), generated from decoders/AREA.tbl. */
#ifndef HY_SYSENT_H
#define HY_SYSENT_H

#include <stddef.h>
#include <stdint.h>
#include "../bpf/hytrace.h"

struct dctx;

/* Syscall classes, named after strace's (used by -e trace=%CLASS). */
#define SC_TD	0x0001	/* %desc */
#define SC_TF	0x0002	/* %file */
#define SC_TI	0x0004	/* %ipc */
#define SC_TN	0x0008	/* %network */
#define SC_TP	0x0010	/* %process */
#define SC_TS	0x0020	/* %signal */
#define SC_TM	0x0040	/* %memory */
#define SC_TC	0x0080	/* %creds */
#define SC_TCL	0x0100	/* %clock */
#define SC_TST	0x0200	/* %stat */
#define SC_TLST	0x0400	/* %lstat */
#define SC_TFST	0x0800	/* %fstat */
#define SC_TSTA	0x1000	/* %%stat */
#define SC_TSF	0x2000	/* %statfs */
#define SC_TFSF	0x4000	/* %fstatfs */
#define SC_TSFA	0x8000	/* %%statfs */
#define SC_PU	0x10000	/* %pure: no args, never fails */
#define SC_NF	0x20000	/* never fails */
#define SC_MA	0x40000	/* max args: unused here */
#define SC_SI	0x80000	/* stack trace interesting */
#define SC_SE	0x100000 /* seccomp-filtered in strace */
#define SC_CST	0x200000 /* compat syscall: unused on x86_64 */
#define SC_TSD	0x400000 /* depends on arg: unused */

/* How the return value prints. */
enum ret_kind { RV_DEC, RV_UDEC, RV_HEX, RV_OCT, RV_FD, RV_NONE };

struct sysent {
	const char *name;		/* NULL: no syscall with this number */
	int nargs;
	uint32_t classes;		/* SC_* */
	void (*decode)(struct dctx *d);	/* NULL: print arguments raw */
	enum ret_kind ret;
	struct hy_cap_entry cap;
	const char *argnames[HY_NARGS];	/* the kernel's names (dfd, filename...), or NULL */
};

extern const struct sysent sysent[];
extern const unsigned int sysent_count;

static inline const struct sysent *sysent_get(long nr)
{
	if (nr < 0 || (unsigned long)nr >= sysent_count || !sysent[nr].name)
		return NULL;
	return &sysent[nr];
}

/* The syscall numbers sorted by name (strcmp order), for sysent_lookup(). */
extern const uint16_t sysent_by_name[];
extern const unsigned int sysent_nnames;

/* The number of a syscall by name, or -1 (a binary search in sysent_by_name). */
long sysent_lookup(const char *name);

#endif
