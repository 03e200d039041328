/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* nlsock.h: the netlink protocol and whole messages of send/recv calls on netlink sockets. */
#ifndef HY_NLSOCK_H
#define HY_NLSOCK_H

#include <stddef.h>
#include "event.h"

/*
 * For a sendto/sendmsg record at entry (when HY_AT_ENTER), or a recvfrom/recvmsg (and a
 * sendto/sendmsg that has none yet) at exit, whose fd is a netlink socket: append the
 * HY_ARG_SOCK and HY_ARG_NLMSG blobs (bpf/hytrace.h), reading the task's memory now
 * (ptrace: at the stop).  Nothing for other sockets and calls.
 */
void nlsock_add(struct recbuf *rb, int when);
#endif
