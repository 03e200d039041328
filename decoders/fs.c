// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs.c: decoders for files and directories: open, stat, links, xattrs, modes, owners... */
#include "decode.h"

#define HY_O_ACCMODE	03		/* include/uapi/asm-generic/fcntl.h */
#define HY_O_CREAT	0100
#define HY_O_TMPFILE	020000000	/* __O_TMPFILE: O_TMPFILE without O_DIRECTORY */

/* open(2) flags as strace prints them: the access mode, then the other flags. */
struct hv *hv_open_flags(struct dctx *d, uint64_t flags)
{
	const char *mode = xlat_name(&xlat_open_access_modes, flags & HY_O_ACCMODE);
	char *rest = flags_text(d, &xlat_open_flags, flags & ~(uint64_t)HY_O_ACCMODE);
	struct hv *v = hv_new(d, HV_SYM);

	v->u = flags;
	v->flags |= HVF_NUM;
	if (!rest || !(flags & ~(uint64_t)HY_O_ACCMODE))
		v->text = mode;
	else
		v->text = arena_printf(d->ar, "%s|%s", mode, rest);
	return v;
}

static void open_tail(struct dctx *d, int flags_arg)
{
	uint64_t flags = d_ui(d, flags_arg);

	arg(d, hv_open_flags(d, flags));
	if (flags & (HY_O_CREAT | HY_O_TMPFILE))
		arg(d, v_oct(d, flags_arg + 1));
}

void dec_open(struct dctx *d)
{
	arg(d, v_path(d, 0));
	open_tail(d, 1);
}

void dec_openat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	open_tail(d, 2);
}
