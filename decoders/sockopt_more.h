/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sockopt_more.h: socket option levels decoded in decoders/sockopt_more.c (SOL_RAW, SOL_PACKET,
 * SOL_NETLINK names), for setsockopt/getsockopt in decoders/net.c. */
#ifndef HY_SOCKOPT_MORE_H
#define HY_SOCKOPT_MORE_H

#include "decode.h"

/* The option name at these levels, or NULL for another level. */
struct hv *sockopt_more_name(struct dctx *d, unsigned int level, unsigned int name);
/* optval (argument 3) of len bytes as setsockopt (get false: at entry) or getsockopt (get true:
 * rlen bytes at exit) prints it at these levels, or NULL for the generic printing. */
struct hv *sockopt_more_val(struct dctx *d, unsigned int level, unsigned int name, int len, bool get);

#endif
