// SPDX-License-Identifier: LGPL-2.1-or-later
/* proc.c: decoders for processes: exec, clone, wait, exit, ids, limits, scheduling. */
#include "decode.h"

void dec_execve(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_strarr(d, 1));
	arg(d, v_envp(d, 2));
}

void dec_execveat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_strarr(d, 2));
	arg(d, v_envp(d, 3));
	arg(d, v_flags(d, 4, &xlat_at_flags));
}
