/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fdpath.h: the paths behind fds (-y) and socket details (-yy), added to records in user space. */
#ifndef HY_FDPATH_H
#define HY_FDPATH_H

#include <stddef.h>
#include <sys/types.h>
#include "event.h"

/*
 * Append HY_BF_FDPATH blobs to the record in rb for every fd the capture entry
 * names at this time (HY_AT_ENTER or HY_AT_EXIT): fd arguments (HY_CAP_FDPATH;
 * AT_FDCWD gives the cwd), fd arrays (captures with HY_CF_FDS; one blob per
 * element, idx 1+i), SCM_RIGHTS fds of a msghdr, the fds of an fd_set and a
 * returned fd.  level is struct capture_cfg's fdpaths: nothing at 0, socket
 * details at 2; xflag (-x 1, -xx 2) quotes unix socket paths.  Both backends call it.
 */
void fdpath_add(struct recbuf *rb, const struct hy_cap_entry *e, int when, int level, int xflag);

/* What level 1 (-y) or 2 (-yy) shows for fd of pid (a process id, not a thread id):
 * text in buf and 0 (a path, to be quoted) or 1 (socket details, printed as is), or -errno. */
int fdpath_describe(pid_t pid, long fd, int level, int xflag, char *buf, size_t len);

/*
 * -yy: the path of a character or block device with its numbers, as strace 6.1 prints it
 * ("/dev/null<char 1:3>", the path quoted as -y quotes it), preformatted in out; 0, or -1
 * when path (n bytes) is no device (strace stat()s the path, so does this).
 */
int fdpath_dev(const char *path, size_t n, int xflag, char *out, size_t outlen);

#endif
