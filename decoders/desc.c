// SPDX-License-Identifier: LGPL-2.1-or-later
/* desc.c: decoders for descriptors: read/write family, dup, fcntl, pipes, poll, epoll... */
#include "decode.h"

void dec_read(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, 1) : v_buf(d, 1, d_ret(d)));
	arg(d, v_ulong(d, 2));
}

void dec_write(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_buf(d, 1, d_u(d, 2)));
	arg(d, v_ulong(d, 2));
}

void dec_close(struct dctx *d)
{
	arg(d, v_fd(d, 0));
}
