// SPDX-License-Identifier: LGPL-2.1-or-later
/* mountapi.c: decoders for the mount API: fsopen, fsconfig, fsmount, fspick, move_mount,
 * open_tree, mount_setattr. */
/* Output formats follow strace 6.1 (src/fsconfig.c, fsmount.c, fsopen.c, fspick.c,
 * move_mount.c, open_tree.c, mount_setattr.c); values in decoders/xlat/{fs*,mount_*,...}.in. */
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

/*
 * strace's printstr_ex(addr, limit, QUOTE_0_TERMINATED) for the string captured for argument i:
 * at most min(limit, -s) bytes up to the NUL, "..." when no NUL came within them, the address
 * when the memory ran out first.
 */
static struct hv *fs_str(struct dctx *d, int i, size_t limit)
{
	const struct event_blob *b = event_blob_any(d->ev, i, 0);
	struct hv *v = v_unread(d, i, b);
	size_t max = limit < d->o->strsize ? limit : d->o->strsize;

	if (v)
		return v;
	const char *z = memchr(b->data, '\0', b->h.len < max ? b->h.len : max);

	/* -s lets a string of exactly -s bytes print whole; strace's explicit limit does not */
	if ((b->h.flags & HY_BF_NUL) && (b->h.len < max || (b->h.len == max && limit > d->o->strsize)))
		z = (const char *)b->data + b->h.len;
	if (z) {
		v = hv_str(d, b->data, (size_t)(z - (const char *)b->data), false);
		v->flags |= HVF_STRNUL;
		return v;
	}
	if (b->h.len < max)	/* unreadable before the NUL */
		return v_ptr(d, i);
	return hv_str(d, b->data, max, true);
}

/* An fd: a negative one prints as a number (strace's printfd), never with a -y path. */
static struct hv *fs_fd(struct dctx *d, int i)
{
	return d_i(d, i) < 0 ? v_int(d, i) : v_fd(d, i);
}

void dec_fsopen(struct dctx *d)
{
	arg(d, fs_str(d, 0, (size_t)-1));
	arg(d, v_flags_or(d, 1, &xlat_fsopen_flags, "FSOPEN_???"));
}

/* FSCONFIG_SET_BINARY's aux bytes in \x hex, when the path capture holds them all. */
static struct hv *binary(struct dctx *d, int i, int aux)
{
	const struct event_blob *b = event_blob_any(d->ev, i, 0);
	struct hv *v = v_unread(d, i, b);

	if (v)
		return v;
	if (aux < 0 || aux > 1024 * 1024 || (uint32_t)aux > b->h.len)
		return v_ptr(d, i);
	size_t show = (size_t)aux < d->o->strsize ? (size_t)aux : d->o->strsize;

	return hv_hexstr(d, b->data, show, (size_t)aux > show);
}

void dec_fsconfig(struct dctx *d)
{
	unsigned int cmd = d_ui(d, 1);
	int aux = d_i(d, 4);

	arg(d, fs_fd(d, 0));
	arg(d, hv_sym(d, &xlat_fsconfig_cmds, cmd, true));
	switch (cmd) {
	case HY_FSCONFIG_SET_FLAG:
	case HY_FSCONFIG_SET_STRING:
	case HY_FSCONFIG_SET_BINARY:
	case HY_FSCONFIG_SET_PATH:
	case HY_FSCONFIG_SET_PATH_EMPTY:
	case HY_FSCONFIG_SET_FD:
		arg(d, fs_str(d, 2, 256));	/* strace: at most 256 bytes */
		break;
	default:
		arg(d, v_ptr(d, 2));
	}
	switch (cmd) {
	case HY_FSCONFIG_SET_STRING:
		arg(d, fs_str(d, 3, 256));
		break;
	case HY_FSCONFIG_SET_PATH:
	case HY_FSCONFIG_SET_PATH_EMPTY:
		arg(d, v_path(d, 3));
		break;
	case HY_FSCONFIG_SET_BINARY:
		arg(d, binary(d, 3, aux));
		break;
	default:
		arg(d, v_ptr(d, 3));
	}
	switch (cmd) {
	case HY_FSCONFIG_SET_PATH:
	case HY_FSCONFIG_SET_PATH_EMPTY:
		return arg(d, v_dirfd(d, 4));
	case HY_FSCONFIG_SET_FD:
		return arg(d, fs_fd(d, 4));
	default:
		return arg(d, v_int(d, 4));
	}
}

void dec_fsmount(struct dctx *d)
{
	arg(d, fs_fd(d, 0));
	arg(d, v_flags_or(d, 1, &xlat_fsmount_flags, "FSMOUNT_???"));
	arg(d, v_flags_or(d, 2, &xlat_fsmount_attr_flags, "MOUNT_ATTR_???"));
}

void dec_fspick(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_flags_or(d, 2, &xlat_fspick_flags, "FSPICK_???"));
}

void dec_move_mount(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_dirfd(d, 2));
	arg(d, v_path(d, 3));
	arg(d, v_flags_or(d, 4, &xlat_move_mount_flags, "MOVE_MOUNT_???"));
}

void dec_open_tree(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_flags_or(d, 2, &xlat_open_tree_flags, "OPEN_TREE_???"));
}

/* struct mount_attr, include/uapi/linux/mount.h (MOUNT_ATTR_SIZE_VER0) */
struct k_mount_attr {
	uint64_t attr_set, attr_clr, propagation, userns_fd;
};
_Static_assert(sizeof(struct k_mount_attr) == 32, "struct mount_attr");
#define MOUNT_ATTR_IDMAP_V	0x00100000u	/* include/uapi/linux/mount.h */

void dec_mount_setattr(struct dctx *d)
{
	uint64_t size = d_u(d, 4);

	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_flags_or(d, 2, &xlat_mount_setattr_flags, "AT_???"));
	if (size < sizeof(struct k_mount_attr)) {
		arg(d, v_ptr(d, 3));
	} else {
		struct k_mount_attr a;
		const struct event_blob *b = d_fetch(d, 3, &a, sizeof(a));
		struct hv *v = v_unread(d, 3, b);

		if (!v && b->h.len < sizeof(a))
			v = v_ptr(d, 3);
		if (!v) {
			v = hv_struct(d);
			hv_add(v, "attr_set", hv_flags_or(d, &xlat_mount_attr_attr, a.attr_set, "MOUNT_ATTR_???"));
			hv_add(v, "attr_clr", hv_flags_or(d, &xlat_mount_attr_attr, a.attr_clr, "MOUNT_ATTR_???"));
			hv_add(v, "propagation", hv_sym(d, &xlat_mount_attr_propagation, a.propagation, true));
			if (a.userns_fd > 0x7fffffff || !((a.attr_set | a.attr_clr) & MOUNT_ATTR_IDMAP_V))
				hv_add(v, "userns_fd", hv_uint(d, a.userns_fd));
			else
				hv_add(v, "userns_fd", hv_fd_num(d, (int)a.userns_fd));
		}
		arg(d, v);
	}
	arg(d, v_ulong(d, 4));
}
