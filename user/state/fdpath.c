// SPDX-License-Identifier: LGPL-2.1-or-later
/* fdpath.c: the paths behind fds (-y) and socket details (-yy), read from /proc and sock_diag. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "render.h"
#include "sbuf.h"
#include "fdpath.h"
#include "sockinfo.h"
#include "sysent.h"

#define AT_FDCWD_VAL (-100)	/* include/uapi/linux/fcntl.h */

int fdpath_dev(const char *path, size_t n, int xflag, char *out, size_t outlen)
{
	char p[PATH_MAX];
	struct stat st;
	struct sbuf sb = { 0 };

	if (!n || path[0] != '/' || n >= sizeof(p))
		return -1;
	memcpy(p, path, n);
	p[n] = '\0';
	if (strlen(p) != n || stat(p, &st) || (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode)))
		return -1;
	render_quoted(&sb, p, n, xflag & SOCKINFO_XFLAG_MASK, "<>", 0);
	if (!sb.s)
		return -1;
	int k = snprintf(out, outlen, "%s<%s %u:%u>", sb.s, S_ISBLK(st.st_mode) ? "block" : "char",
			 major(st.st_rdev), minor(st.st_rdev));

	sb_free(&sb);
	return k > 0 && (size_t)k < outlen ? 0 : -1;
}

int fdpath_describe(pid_t pid, long fd, int level, int xflag, char *buf, size_t len)
{
	char link[64];
	ssize_t n;

	if (fd == AT_FDCWD_VAL)
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)pid);
	else if (fd >= 0 && fd <= INT_MAX)
		snprintf(link, sizeof(link), "/proc/%d/fd/%ld", (int)pid, fd);
	else
		return -EBADF;
	n = readlink(link, buf, len - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	if (level >= 2 && buf[0] == '/') {
		char dev[PATH_MAX + 64];

		if (fdpath_dev(buf, (size_t)n, xflag, dev, sizeof(dev)) == 0) {
			snprintf(buf, len, "%s", dev);
			return 1;
		}
	}
	if (level >= 2 && !strncmp(buf, "socket:[", 8)) {
		unsigned long ino = strtoul(buf + 8, NULL, 10);
		char det[PATH_MAX];

		if (sockinfo_format_fd(pid, (int)fd, ino, xflag & SOCKINFO_XFLAG_MASK, det,
				       sizeof(det)) == 0) {
			snprintf(buf, len, "%s", det);
			return 1;
		}
	}
	return 0;
}

static void add_one(struct recbuf *rb, pid_t pid, int arg, int when, int idx, long fd, int level,
		    int xflag)
{
	char path[PATH_MAX + 64];
	int r = fdpath_describe(pid, fd, level, xflag, path, sizeof(path));

	if (r < 0)
		return;
	size_t n = strlen(path);
	char *p = rb_blob(rb, arg, when, idx, (uint64_t)fd, n + 1);

	if (!p)
		return;
	memcpy(p, path, n);
	rb_blob_done(rb, n, 0, HY_BF_FDPATH | (r > 0 ? HY_BF_FDRAW : 0));
}

/* The fds of the array captured for arg at when (idx 0): the first int of each element
 * of stride bytes, copied out; their count, or 0. */
static size_t fd_array_at(struct recbuf *rb, int arg, int when, int idx, size_t first,
			  size_t stride, int *out, size_t max)
{
	struct event ev;

	if (event_parse(&ev, rb->buf, rb->len))
		return 0;
	const struct event_blob *b = event_blob(&ev, arg, when, idx);

	if (!b || b->h.err || b->h.len < first)
		return 0;
	size_t n = (b->h.len - first) / stride;

	if (n > max)
		n = max;
	for (size_t k = 0; k < n; k++)
		memcpy(&out[k], b->data + first + k * stride, sizeof(int));
	return n;
}

static size_t fd_array(struct recbuf *rb, int arg, int when, size_t stride, int *out, size_t max)
{
	return fd_array_at(rb, arg, when, 0, 0, stride, out, max);
}

/*
 * HY_CAP_OPDESC: the fds its opcode's layout names: in the top object (idx 0, every
 * fd_stride bytes from fd_off) and in the subs flagged HY_OPS_FDS (as the BPF side does).
 */
static void opdesc_fds(struct recbuf *rb, pid_t pid, const struct hy_cap *c, int arg, int when,
		       int level, int xflag)
{
	const struct hy_op_desc *o = opdesc_of(c, rb_rec(rb)->args);
	int fds[HY_ARR_MAX];
	size_t n;

	if (!o || !(o->when & when))
		return;
	if (o->fd_stride >= 4 && o->fd_off + 4 <= o->fd_stride) {
		n = fd_array_at(rb, arg, when, 0, o->fd_off, o->fd_stride, fds, HY_ARR_MAX);
		for (size_t k = 0; k < n; k++)
			add_one(rb, pid, arg, when, 1 + k, fds[k], level, xflag);
	}
	for (int j = 0; j < HY_OPD_SUBS && when == HY_AT_ENTER; j++) {
		if (!(o->sub[j].flags & HY_OPS_FDS))
			continue;
		n = fd_array_at(rb, arg, when, HY_OPD_SUB_IDX + j, 0, 4, fds, HY_ARR_MAX);
		for (size_t k = 0; k < n; k++)
			add_one(rb, pid, arg, when, 1 + k, fds[k], level, xflag);
	}
}

/* The fds set in the fd_set captured for arg at entry (nfds in args[0]): idx 0x2000 + fd. */
static void fdset_fds(struct recbuf *rb, pid_t pid, int arg, int level, int xflag)
{
	uint8_t set[128];
	struct event ev;
	int nfds = (int)rb_rec(rb)->args[0];

	if (event_parse(&ev, rb->buf, rb->len))
		return;
	const struct event_blob *b = event_blob(&ev, arg, HY_AT_ENTER, 0);

	if (!b || b->h.err)
		return;
	size_t len = b->h.len < sizeof(set) ? b->h.len : sizeof(set);

	memcpy(set, b->data, len);
	for (int fd = 0; fd < nfds && (size_t)fd / 8 < len; fd++)
		if (set[fd / 8] & (1u << (fd % 8)))
			add_one(rb, pid, arg, HY_AT_ENTER, 0x2000 + fd, fd, level, xflag);
}

/* SCM_RIGHTS fds in the control data captured with a msghdr (blob idx 2). */
static void msghdr_fds(struct recbuf *rb, pid_t pid, int arg, int when, int level, int xflag)
{
	uint8_t ctl[4096];
	size_t len = 0, off = 0;
	int k = 0;
	struct event ev;

	if (event_parse(&ev, rb->buf, rb->len))
		return;
	const struct event_blob *b = event_blob(&ev, arg, when, 2);

	if (!b || b->h.err)
		return;
	len = b->h.len < sizeof(ctl) ? b->h.len : sizeof(ctl);
	memcpy(ctl, b->data, len);
	/* struct cmsghdr { size_t len; int level, type; } + data, 8-aligned (linux/socket.h) */
	while (off + 16 <= len) {
		uint64_t clen;
		int clevel, ctype;

		memcpy(&clen, ctl + off, 8);
		memcpy(&clevel, ctl + off + 8, 4);
		memcpy(&ctype, ctl + off + 12, 4);
		if (clen < 16 || clen > len - off)
			break;
		if (clevel == 1 && ctype == 1)	/* SOL_SOCKET, SCM_RIGHTS */
			for (size_t p = off + 16; p + 4 <= off + clen; p += 4) {
				int fd;

				memcpy(&fd, ctl + p, 4);
				add_one(rb, pid, arg, when, 0x4000 + k++, fd, level, xflag);
			}
		off += (clen + 7) & ~(uint64_t)7;
	}
}

/* ptrace's GETSIGINFO/SETSIGINFO: the si_fd of a SIGIO siginfo (hy_si_has_fd), blob idx 1. */
static void ptrace_sigfd(struct recbuf *rb, pid_t pid, int when, int level, int xflag)
{
	uint64_t req = rb_rec(rb)->args[0];
	int32_t si[HY_PT_SIGINFO_FD / 4 + 1];
	struct event ev;

	if ((req != 0x4202 || when != HY_AT_EXIT) && (req != 0x4203 || when != HY_AT_ENTER))
		return;
	if (event_parse(&ev, rb->buf, rb->len))
		return;
	const struct event_blob *b = event_blob(&ev, 3, when, 0);

	if (!b || b->h.err || b->h.len < 128)
		return;
	memcpy(si, b->data, sizeof(si));
	if (hy_si_has_fd(si[0], si[2]))
		add_one(rb, pid, 3, when, 1, si[HY_PT_SIGINFO_FD / 4], level, xflag);
}

void fdpath_add(struct recbuf *rb, const struct hy_cap_entry *e, int when, int level, int xflag)
{
	const struct hy_rec *r = rb_rec(rb);
	pid_t pid = r->pid;

	if (!level)
		return;
	for (int i = 0; i < HY_NARGS; i++) {
		const struct hy_cap *c = &e->arg[i];

		if (!(c->when & when))
			continue;
		if (c->kind == HY_CAP_FDPATH) {
			add_one(rb, pid, i, when, 0, (long)(int)rb_rec(rb)->args[i], level, xflag);
		} else if ((c->flags & HY_CF_FDSET) && when == HY_AT_ENTER) {
			fdset_fds(rb, pid, i, level, xflag);
		} else if (c->kind == HY_CAP_MSGHDR) {
			msghdr_fds(rb, pid, i, when, level, xflag);
		} else if (c->kind == HY_CAP_OPDESC) {
			opdesc_fds(rb, pid, c, i, when, level, xflag);
		} else if (c->kind == HY_CAP_PTRACE) {
			ptrace_sigfd(rb, pid, when, level, xflag);
		} else if ((c->flags & HY_CF_FDS) &&
			   (when == HY_AT_ENTER || !(c->when & HY_AT_ENTER))) {	/* once */
			int fds[HY_ARR_MAX];
			size_t stride = c->kind == HY_CAP_ARRAY && c->size >= sizeof(int) ?
					c->size : sizeof(int);
			size_t n = fd_array(rb, i, when, stride, fds, HY_ARR_MAX);

			for (size_t k = 0; k < n; k++)
				add_one(rb, pid, i, when, 1 + k, fds[k], level, xflag);
		}
	}
	r = rb_rec(rb);
	if (when == HY_AT_EXIT && e->ret.kind == HY_CAP_FDPATH && r->ret >= 0 &&
	    !(r->flags & HY_F_NO_EXIT))
		add_one(rb, pid, HY_ARG_RET, HY_AT_EXIT, 0, (long)r->ret, level, xflag);
}
