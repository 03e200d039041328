/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* dumpio.h: -e read=SET / -e write=SET: hex dumps of the data a call read or wrote. */
#ifndef HY_DUMPIO_H
#define HY_DUMPIO_H

#include "event.h"
#include "sbuf.h"

enum dumpio_dir { DUMPIO_NONE, DUMPIO_READ, DUMPIO_WRITE };

/* Whether syscall nr moves data that -e read= (DUMPIO_READ) or -e write= dumps. */
enum dumpio_dir dumpio_dir(long nr);

/*
 * The dump lines of a call (strace 6.1's dumpio(): src/util.c dumpstr() and dumpiov_upto()),
 * appended to sb; limit names the capture limit for the line that marks a buffer captured only
 * in part.  What a write-like call was given is dumped even when it failed; nothing for a failed
 * read-like call or one that dumpio_dir() skips.
 */
void dumpio_render(struct sbuf *sb, const struct event *ev, const char *limit);

#endif
