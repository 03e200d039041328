/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* netlink.h: netlink message buffers as strace prints them (decoders/netlink.c). */
#ifndef HY_NETLINK_H
#define HY_NETLINK_H

#include <stddef.h>
#include <stdint.h>
#include "decode.h"

/*
 * The size bytes at p, sent or received on a netlink socket of protocol proto (NETLINK_*,
 * or -1 when it is not known): [{nlmsg_len=..., ...}, body] for each message.
 */
struct hv *hv_netlink(struct dctx *d, const uint8_t *p, size_t size, int proto);

/*
 * The same for the captured blob b of a buffer of size bytes (the call's length): what the
 * capture could not read (HY_BF_FAULT) prints as strace prints unreadable memory, what it
 * left out (HY_BF_TRUNC) as the address with a comment saying so.
 */
struct hv *hv_netlink_blob(struct dctx *d, const struct event_blob *b, uint64_t size, int proto);

#endif
