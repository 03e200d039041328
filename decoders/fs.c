// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs.c: decoders for files and directories: open, links, names, modes, owners, times, xattrs. */
/*
 * The formats follow strace 6.1 (src/open.c, chmod.c, chown.c, link.c,
 * mknod.c, readlink.c, utimes.c, xattr.c, mount.c, print_struct_stat.c,
 * statx.c, print_statfs.c, xgetdents.c...).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "decode.h"
#include "xlat_gen.h"

#define HY_O_ACCMODE	03		/* include/uapi/asm-generic/fcntl.h */
#define HY_O_CREAT	0100
#define HY_O_TMPFILE	020000000	/* __O_TMPFILE: O_TMPFILE without O_DIRECTORY */

#define HY_S_IFMT	0170000		/* include/uapi/linux/stat.h */
#define HY_S_IFCHR	0020000
#define HY_S_IFBLK	0060000
#define HY_S_ISUID	04000
#define HY_S_ISGID	02000
#define HY_S_ISVTX	01000

#define HY_UTIME_NOW	((1l << 30) - 1l)	/* include/uapi/linux/stat.h */
#define HY_UTIME_OMIT	((1l << 30) - 2l)

#define HY_XATTR_SIZE_MAX 65536		/* include/uapi/linux/limits.h */
#define HY_OPEN_HOW_SIZE 24		/* struct open_how, include/uapi/linux/openat2.h (v0) */

#define HY_MS_MGC_VAL	0xc0ed0000u	/* include/uapi/linux/mount.h: old magic */
#define HY_MS_MGC_MSK	0xffff0000u
#define HY_MS_REMOUNT	0x20
#define HY_MS_BIND	0x1000
#define HY_MS_MOVE	0x2000
#define HY_MS_UNBINDABLE 0x20000
#define HY_MS_PRIVATE	0x40000
#define HY_MS_SLAVE	0x80000
#define HY_MS_SHARED	0x100000

/* -- helpers --------------------------------------------------------------- */

static const char *fs_sprinttime(struct dctx *d, int64_t sec, uint64_t part, uint64_t max,
				 int width)
{
	char buf[96];
	struct tm tm;
	time_t t = (time_t)sec;
	size_t pos;

	/* strace's sprinttime_ex() (src/util.c): no comment for 0 or a bad fraction */
	if ((sec == 0 && part == 0) || part > max)
		return NULL;
	if (!localtime_r(&t, &tm))
		return NULL;
	pos = strftime(buf, sizeof(buf), "%FT%T", &tm);
	if (!pos)
		return NULL;
	if (part)
		pos += snprintf(buf + pos, sizeof(buf) - pos, ".%0*llu", width,
				(unsigned long long)part);
	if (pos >= sizeof(buf) || !strftime(buf + pos, sizeof(buf) - pos, "%z", &tm))
		return NULL;
	return arena_strndup(d->ar, buf, strlen(buf));
}

static struct hv *fs_time_comment(struct dctx *d, struct hv *v, int64_t sec, uint64_t part,
			   uint64_t max, int width)
{
	const char *t = fs_sprinttime(d, sec, part, max, width);

	if (t)
		v->comment = t;
	return v;
}

/* glibc's major()/minor() for a 64-bit dev_t (sysdeps/unix/sysv/linux/sys/sysmacros.h) */
static unsigned int dev_major(uint64_t dev)
{
	return ((dev >> 8) & 0xfff) | ((unsigned int)(dev >> 32) & ~0xfffu);
}

static unsigned int dev_minor(uint64_t dev)
{
	return (dev & 0xff) | ((unsigned int)(dev >> 12) & ~0xffu);
}

static struct hv *fs_dev(struct dctx *d, uint64_t dev)
{
	struct hv *v = hv_expr(d, "makedev(%#x, %#x)", dev_major(dev), dev_minor(dev));

	v->u = dev;	/* -X raw: 0x103 */
	v->flags |= HVF_NUM;
	return v;
}

static struct hv *fs_symbolic_mode(struct dctx *d, unsigned int mode)
{
	const char *ifmt = "";
	struct hv *v;

	/* strace's print_symbolic_mode_t(): an unknown file type prints the mode in octal */
	if (mode & HY_S_IFMT)
		ifmt = xlat_name(&xlat_file_types, mode & HY_S_IFMT);
	if (!ifmt)
		return hv_mode(d, mode);
	v = hv_new(d, HV_SYM);
	v->u = mode;
	v->flags |= HVF_NUM | HVF_NUMOCT;
	v->text = arena_printf(d->ar, "%s%s%s%s%s%#03o", ifmt, ifmt[0] ? "|" : "",
			       (mode & HY_S_ISUID) ? "S_ISUID|" : "",
			       (mode & HY_S_ISGID) ? "S_ISGID|" : "",
			       (mode & HY_S_ISVTX) ? "S_ISVTX|" : "",
			       mode & ~(HY_S_IFMT | HY_S_ISUID | HY_S_ISGID | HY_S_ISVTX));
	return v;
}

/* uid_t/gid_t as strace's printuid(): -1 or unsigned */
static struct hv *fs_id(struct dctx *d, uint32_t id)
{
	return id == (uint32_t)-1 ? hv_int(d, -1) : hv_uint(d, id);
}

static bool fs_fetch(struct dctx *d, int i, void *buf, size_t size)
{
	const struct event_blob *b = d_fetch(d, i, buf, size);

	/* strace's umove(): all of it or nothing */
	return b && b->h.len >= size;
}

/* print_numeric_umode_t(): "%#03ho", the mode as an unsigned short */
static struct hv *v_umode(struct dctx *d, int i)
{
	return hv_mode(d, (uint16_t)d_u(d, i));
}

/* -- open family ------------------------------------------------------------ */

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
		v->text = arena_join(d->ar, mode, '|', rest);
	return v;
}

static void open_tail(struct dctx *d, int flags_arg)
{
	uint64_t flags = d_ui(d, flags_arg);

	arg(d, hv_open_flags(d, flags));
	if (flags & (HY_O_CREAT | HY_O_TMPFILE))
		arg(d, v_umode(d, flags_arg + 1));
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

void dec_creat(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_umode(d, 1));
}

/* struct open_how, include/uapi/linux/openat2.h */
struct k_open_how {
	uint64_t flags;
	uint64_t mode;
	uint64_t resolve;
};

void dec_openat2(struct dctx *d)
{
	struct k_open_how how;
	uint64_t size = d_u(d, 3);

	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	if (size < HY_OPEN_HOW_SIZE || !fs_fetch(d, 2, &how, sizeof(how))) {
		arg(d, v_ptr(d, 2));
	} else {
		struct hv *s = hv_struct(d), *tail;

		hv_add(s, "flags", hv_open_flags(d, how.flags));
		if ((how.flags & (HY_O_CREAT | HY_O_TMPFILE)) || how.mode)
			hv_add(s, "mode", hv_mode(d, how.mode));
		hv_add(s, "resolve",
		       hv_flags_or(d, &xlat_resolve_flags, how.resolve, "RESOLVE_???"));
		/* bytes past the 24-byte struct: strace shows non-zero ones */
		tail = v_struct_tail(d, event_blob_any(d->ev, 2, 0), HY_OPEN_HOW_SIZE, size);
		if (tail)
			hv_add(s, NULL, tail);
		arg(d, s);
	}
	arg(d, v_ulong(d, 3));
}

/* -- one path, one fd ------------------------------------------------------- */

void dec_fs_path(struct dctx *d)
{
	arg(d, v_path(d, 0));
}

void dec_fs_fd(struct dctx *d)
{
	arg(d, v_fd(d, 0));
}

void dec_fs_path_path(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_path(d, 1));
}

void dec_fs_path_mode(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_umode(d, 1));
}

void dec_fs_fd_mode(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_umode(d, 1));
}

void dec_fs_dirfd_path_mode(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_umode(d, 2));
}

void dec_fchmodat2(struct dctx *d)
{
	dec_fs_dirfd_path_mode(d);
	arg(d, v_flags_or(d, 3, &xlat_at_flags, "AT_???"));
}

void dec_getcwd(struct dctx *d)
{
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, 0) : v_path(d, 0));
	arg(d, v_ulong(d, 1));
}

/* -- links and names -------------------------------------------------------- */

static void readlink_tail(struct dctx *d, int buf)
{
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, buf) : v_buf(d, buf, d_ret(d)));
	arg(d, v_ulong(d, buf + 1));
}

void dec_readlink(struct dctx *d)
{
	arg(d, v_path(d, 0));
	readlink_tail(d, 1);
}

void dec_readlinkat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	readlink_tail(d, 2);
}

void dec_renameat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_dirfd(d, 2));
	arg(d, v_path(d, 3));
}

void dec_renameat2(struct dctx *d)
{
	dec_renameat(d);
	arg(d, v_flags_or(d, 4, &xlat_rename_flags, "RENAME_??"));
}

void dec_linkat(struct dctx *d)
{
	dec_renameat(d);
	arg(d, v_flags_or(d, 4, &xlat_at_flags, "AT_???"));
}

void dec_symlinkat(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_dirfd(d, 1));
	arg(d, v_path(d, 2));
}

void dec_unlinkat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_flags_or(d, 2, &xlat_at_flags, "AT_???"));
}

static void mknod_tail(struct dctx *d, int i)
{
	unsigned int mode = (uint16_t)d_u(d, i);	/* strace: unsigned short */

	arg(d, fs_symbolic_mode(d, mode));
	switch (mode & HY_S_IFMT) {
	case HY_S_IFCHR:
	case HY_S_IFBLK:
		arg(d, fs_dev(d, d_u(d, i + 1)));
		break;
	}
}

void dec_mknod(struct dctx *d)
{
	arg(d, v_path(d, 0));
	mknod_tail(d, 1);
}

void dec_mknodat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	mknod_tail(d, 2);
}

/* -- owners, access --------------------------------------------------------- */

void dec_chown(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, fs_id(d, d_ui(d, 1)));
	arg(d, fs_id(d, d_ui(d, 2)));
}

void dec_fchown(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, fs_id(d, d_ui(d, 1)));
	arg(d, fs_id(d, d_ui(d, 2)));
}

void dec_fchownat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, fs_id(d, d_ui(d, 2)));
	arg(d, fs_id(d, d_ui(d, 3)));
	arg(d, v_flags_or(d, 4, &xlat_at_flags, "AT_???"));
}

void dec_access(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_flags_or(d, 1, &xlat_access_modes, "?_OK"));
}

void dec_faccessat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_flags_or(d, 2, &xlat_access_modes, "?_OK"));
}

void dec_faccessat2(struct dctx *d)
{
	dec_faccessat(d);
	arg(d, v_flags_or(d, 3, &xlat_faccessat_flags, "AT_???"));
}

void dec_umask(struct dctx *d)
{
	arg(d, hv_mode(d, d_u(d, 0)));	/* print_numeric_long_umask(): "%#03lo" */
	if (d->exiting && !d_failed(d))
		d->ret = hv_mode(d, (uint64_t)d_ret(d));	/* RVAL_OCTAL: 000, 022 */
}

/* -- sizes, locks ----------------------------------------------------------- */

void dec_truncate(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_long(d, 1));
}

void dec_ftruncate(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_long(d, 1));
}

void dec_fallocate(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_flags_or(d, 1, &xlat_falloc_flags, "FALLOC_FL_???"));
	arg(d, v_long(d, 2));
	arg(d, v_long(d, 3));
}

void dec_fadvise64(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_long(d, 1));
	arg(d, v_long(d, 2));
	arg(d, v_sym(d, 3, &xlat_fadvise_advice));
}

void dec_flock(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_flags_or(d, 1, &xlat_flock_cmds, "LOCK_???"));
}

/* -- times ------------------------------------------------------------------ */

/* struct timespec / timeval / utimbuf, x86_64 (include/uapi/linux/time_types.h, utime.h) */
struct k_tv {
	int64_t sec;
	int64_t frac;	/* tv_nsec or tv_usec */
};

static struct hv *hv_tv(struct dctx *d, const struct k_tv *t, bool nsec)
{
	struct hv *s = hv_struct(d);

	hv_add(s, "tv_sec", hv_int(d, t->sec));
	hv_add(s, nsec ? "tv_nsec" : "tv_usec", hv_uint(d, (uint64_t)t->frac));
	if (nsec)
		return fs_time_comment(d, s, t->sec, (uint64_t)t->frac, 999999999, 9);
	return fs_time_comment(d, s, t->sec, (uint64_t)t->frac, 999999, 6);
}

/* [{tv_sec=..., tv_nsec=...} / * time * /, UTIME_NOW] (strace's print_timespec_utime_pair) */
static struct hv *v_utime_pair(struct dctx *d, int i, bool nsec)
{
	struct k_tv t[2];

	if (!fs_fetch(d, i, t, sizeof(t)))
		return v_ptr(d, i);
	struct hv *a = hv_array(d);

	for (int k = 0; k < 2; k++) {
		if (nsec && t[k].frac == HY_UTIME_NOW)
			hv_add(a, NULL, hv_expr(d, "UTIME_NOW"));
		else if (nsec && t[k].frac == HY_UTIME_OMIT)
			hv_add(a, NULL, hv_expr(d, "UTIME_OMIT"));
		else
			hv_add(a, NULL, hv_tv(d, &t[k], nsec));
	}
	return a;
}

void dec_utimensat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_utime_pair(d, 2, true));
	arg(d, v_flags_or(d, 3, &xlat_at_flags, "AT_???"));
}

void dec_utimes(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_utime_pair(d, 1, false));
}

void dec_futimesat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_utime_pair(d, 2, false));
}

void dec_utime(struct dctx *d)
{
	int64_t t[2];

	arg(d, v_path(d, 0));
	if (!fs_fetch(d, 1, t, sizeof(t)))
		return arg(d, v_ptr(d, 1));
	struct hv *s = hv_struct(d);

	hv_add(s, "actime", fs_time_comment(d, hv_int(d, t[0]), t[0], 0, 0, 0));
	hv_add(s, "modtime", fs_time_comment(d, hv_int(d, t[1]), t[1], 0, 0, 0));
	arg(d, s);
}

/* -- extended attributes ---------------------------------------------------- */

/*
 * An xattr value of len bytes (strace's print_xattr_val(): printstr_ex with
 * QUOTE_OMIT_TRAILING_0): at most -s bytes; a NUL as the last byte shown is
 * left out (not under -x), and then no "..." follows.
 */
static struct hv *v_xattr_val(struct dctx *d, int i, uint64_t len)
{
	if (len > HY_XATTR_SIZE_MAX || !d_u(d, i))
		return v_ptr(d, i);
	if (!len)
		return hv_str(d, "", 0, false);

	const struct event_blob *b = event_blob_any(d->ev, i, 0);
	struct hv *v = v_unread(d, i, b);

	if (v)
		return v;
	uint64_t show = len < d->o->strsize ? len : d->o->strsize;

	if (show > b->h.len)
		return v_ptr(d, i);	/* strace reads all shown bytes or prints the address */
	bool trunc = len > show;

	/* under -x/-xx the NUL makes strace print every byte in hex, the NUL included */
	if (show && b->data[show - 1] == '\0' && !d->o->xflag) {
		show--;
		trunc = false;
	}
	return hv_str(d, b->data, show, trunc);
}

static void setxattr_tail(struct dctx *d)
{
	arg(d, v_str(d, 1));
	arg(d, v_xattr_val(d, 2, d_u(d, 3)));
	arg(d, v_ulong(d, 3));
	arg(d, v_flags_or(d, 4, &xlat_xattr_flags, "XATTR_???"));
}

void dec_setxattr(struct dctx *d)
{
	arg(d, v_path(d, 0));
	setxattr_tail(d);
}

void dec_fsetxattr(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	setxattr_tail(d);
}

static void getxattr_tail(struct dctx *d)
{
	arg(d, v_str(d, 1));
	if (!d->exiting)
		return d_pending(d);
	/* strace passes the return value as the length: -1 is huge, so the address */
	arg(d, v_xattr_val(d, 2, d_failed(d) ? (uint64_t)-1 : (uint64_t)d_ret(d)));
	arg(d, v_ulong(d, 3));
}

void dec_getxattr(struct dctx *d)
{
	arg(d, v_path(d, 0));
	getxattr_tail(d);
}

void dec_fgetxattr(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	getxattr_tail(d);
}

static void listxattr_tail(struct dctx *d)
{
	if (!d->exiting)
		return d_pending(d);
	if (!d_u(d, 2) || d_failed(d))
		arg(d, v_ptr(d, 1));
	else
		arg(d, v_buf(d, 1, d_ret(d)));
	arg(d, v_ulong(d, 2));
}

void dec_listxattr(struct dctx *d)
{
	arg(d, v_path(d, 0));
	listxattr_tail(d);
}

void dec_flistxattr(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	listxattr_tail(d);
}

void dec_removexattr(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_str(d, 1));
}

void dec_fremovexattr(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_str(d, 1));
}

/* -- mounts ----------------------------------------------------------------- */

void dec_mount(struct dctx *d)
{
	uint64_t flags = d_u(d, 3);
	bool ignore_type = false, ignore_data = false, old_magic = false;

	if ((flags & HY_MS_MGC_MSK) == HY_MS_MGC_VAL) {
		flags &= ~(uint64_t)HY_MS_MGC_MSK;
		old_magic = true;
	}
	if (flags & HY_MS_REMOUNT)
		ignore_type = true;
	else if (flags & (HY_MS_BIND | HY_MS_MOVE | HY_MS_SHARED | HY_MS_PRIVATE | HY_MS_SLAVE |
			  HY_MS_UNBINDABLE))
		ignore_type = ignore_data = true;

	arg(d, v_path(d, 0));
	arg(d, v_path(d, 1));
	arg(d, ignore_type ? v_ptr(d, 2) : v_str(d, 2));
	if (old_magic) {
		char *rest = flags ? flags_text(d, &xlat_mount_flags, flags) : NULL;
		struct hv *v = hv_new(d, HV_SYM);

		v->u = d_u(d, 3);
		v->flags |= HVF_NUM;
		v->text = rest ? arena_printf(d->ar, "MS_MGC_VAL|%s", rest) : "MS_MGC_VAL";
		arg(d, v);
	} else {
		arg(d, hv_flags_or(d, &xlat_mount_flags, flags, "MS_???"));
	}
	arg(d, ignore_data ? v_ptr(d, 4) : v_str(d, 4));
}

void dec_umount2(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_flags_or(d, 1, &xlat_umount_flags, "MNT_???"));
}

/* -- stat family ------------------------------------------------------------ */

/* struct stat, x86_64: arch/x86/include/uapi/asm/stat.h (144 bytes) */
struct k_stat {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	uint64_t atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
	int64_t unused[3];
};
_Static_assert(sizeof(struct k_stat) == 144, "struct stat is 144 bytes on x86_64");

static void stat_time(struct dctx *d, struct hv *s, const char *name, const char *nname,
		      uint64_t sec, uint64_t nsec)
{
	hv_add(s, name, fs_time_comment(d, hv_int(d, (int64_t)sec), (int64_t)sec, nsec,
					999999999, 9));
	hv_add(s, nname, hv_uint(d, nsec));
}

/* strace's print_struct_stat() (src/print_struct_stat.c) */
static struct hv *v_stat(struct dctx *d, int i)
{
	struct k_stat st;
	bool full = d->o->verbose;

	if (d_failed(d) || !fs_fetch(d, i, &st, sizeof(st)))
		return v_ptr(d, i);
	struct hv *s = hv_struct(d);

	if (full) {
		hv_add(s, "st_dev", fs_dev(d, st.dev));
		hv_add(s, "st_ino", hv_uint(d, st.ino));
		hv_add(s, "st_mode", fs_symbolic_mode(d, st.mode));
		hv_add(s, "st_nlink", hv_uint(d, st.nlink));
		hv_add(s, "st_uid", hv_uint(d, st.uid));
		hv_add(s, "st_gid", hv_uint(d, st.gid));
		hv_add(s, "st_blksize", hv_uint(d, (uint64_t)st.blksize));
		hv_add(s, "st_blocks", hv_uint(d, (uint64_t)st.blocks));
	} else {
		hv_add(s, "st_mode", fs_symbolic_mode(d, st.mode));
	}
	switch (st.mode & HY_S_IFMT) {
	case HY_S_IFCHR:
	case HY_S_IFBLK:
		hv_add(s, "st_rdev", fs_dev(d, st.rdev));
		break;
	default:
		hv_add(s, "st_size", hv_uint(d, (uint64_t)st.size));
		break;
	}
	if (!full) {
		hv_add(s, NULL, hv_more(d));
		return s;
	}
	stat_time(d, s, "st_atime", "st_atime_nsec", st.atime, st.atime_nsec);
	stat_time(d, s, "st_mtime", "st_mtime_nsec", st.mtime, st.mtime_nsec);
	stat_time(d, s, "st_ctime", "st_ctime_nsec", st.ctime, st.ctime_nsec);
	return s;
}

/* stat, lstat */
void dec_stat(struct dctx *d)
{
	arg(d, v_path(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_stat(d, 1));
}

void dec_fstat(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_stat(d, 1));
}

void dec_newfstatat(struct dctx *d)
{
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_stat(d, 2));
	arg(d, v_flags_or(d, 3, &xlat_at_flags, "AT_???"));
}

/* struct statx, include/uapi/linux/stat.h (256 bytes) */
struct k_statx_ts {
	int64_t sec;
	uint32_t nsec;
	int32_t reserved;
};

struct k_statx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, pad1;
	uint64_t ino, size, blocks, attributes_mask;
	struct k_statx_ts atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t mnt_id;
	uint32_t dio_mem_align, dio_offset_align;
	uint64_t spare[12];
};
_Static_assert(sizeof(struct k_statx) == 256, "struct statx is 256 bytes");

#define HY_STATX_TYPE		0x0001	/* include/uapi/linux/stat.h */
#define HY_STATX_MODE		0x0002
#define HY_STATX_NLINK		0x0004
#define HY_STATX_UID		0x0008
#define HY_STATX_GID		0x0010
#define HY_STATX_ATIME		0x0020
#define HY_STATX_MTIME		0x0040
#define HY_STATX_CTIME		0x0080
#define HY_STATX_INO		0x0100
#define HY_STATX_SIZE		0x0200
#define HY_STATX_BLOCKS		0x0400
#define HY_STATX_BTIME		0x0800
#define HY_STATX_MNT_ID		0x1000
#define HY_STATX_DIOALIGN	0x2000
#define HY_AT_STATX_SYNC_TYPE	0x6000	/* include/uapi/linux/fcntl.h */

static struct hv *hv_statx_ts(struct dctx *d, const struct k_statx_ts *t)
{
	struct hv *s = hv_struct(d);

	hv_add(s, "tv_sec", hv_int(d, t->sec));
	hv_add(s, "tv_nsec", hv_uint(d, t->nsec));
	return fs_time_comment(d, s, t->sec, t->nsec, 999999999, 9);
}

/* strace 6.1's SYS_FUNC(statx) (src/statx.c): fields the mask says are filled */
static struct hv *v_statx(struct dctx *d, int i)
{
	struct k_statx x;
	bool full = d->o->verbose;

	if (d_failed(d) || !fs_fetch(d, i, &x, sizeof(x)))
		return v_ptr(d, i);
	struct hv *s = hv_struct(d);

	hv_add(s, "stx_mask", hv_flags_or(d, &xlat_statx_masks, x.mask, "STATX_???"));
	if (full)
		hv_add(s, "stx_blksize", hv_uint(d, x.blksize));
	hv_add(s, "stx_attributes",
	       hv_flags_or(d, &xlat_statx_attrs, x.attributes, "STATX_ATTR_???"));
	if (full) {
		if (x.mask & HY_STATX_NLINK)
			hv_add(s, "stx_nlink", hv_uint(d, x.nlink));
		if (x.mask & HY_STATX_UID)
			hv_add(s, "stx_uid", fs_id(d, x.uid));
		if (x.mask & HY_STATX_GID)
			hv_add(s, "stx_gid", fs_id(d, x.gid));
	}
	if (x.mask & (HY_STATX_TYPE | HY_STATX_MODE))
		hv_add(s, "stx_mode", fs_symbolic_mode(d, x.mode));
	if (full && (x.mask & HY_STATX_INO))
		hv_add(s, "stx_ino", hv_uint(d, x.ino));
	if (x.mask & HY_STATX_SIZE)
		hv_add(s, "stx_size", hv_uint(d, x.size));
	if (!full) {
		hv_add(s, NULL, hv_more(d));
		return s;
	}
	if (x.mask & HY_STATX_BLOCKS)
		hv_add(s, "stx_blocks", hv_uint(d, x.blocks));
	hv_add(s, "stx_attributes_mask", hv_flags_or(d, &xlat_statx_attrs, x.attributes_mask,
							     "STATX_ATTR_???"));
	if (x.mask & HY_STATX_ATIME)
		hv_add(s, "stx_atime", hv_statx_ts(d, &x.atime));
	if (x.mask & HY_STATX_BTIME)
		hv_add(s, "stx_btime", hv_statx_ts(d, &x.btime));
	if (x.mask & HY_STATX_CTIME)
		hv_add(s, "stx_ctime", hv_statx_ts(d, &x.ctime));
	if (x.mask & HY_STATX_MTIME)
		hv_add(s, "stx_mtime", hv_statx_ts(d, &x.mtime));
	hv_add(s, "stx_rdev_major", hv_uint(d, x.rdev_major));
	hv_add(s, "stx_rdev_minor", hv_uint(d, x.rdev_minor));
	hv_add(s, "stx_dev_major", hv_uint(d, x.dev_major));
	hv_add(s, "stx_dev_minor", hv_uint(d, x.dev_minor));
	if (x.mask & HY_STATX_MNT_ID)
		hv_add(s, "stx_mnt_id", hv_hex(d, x.mnt_id));
	if (x.mask & HY_STATX_DIOALIGN) {
		hv_add(s, "stx_dio_mem_align", hv_uint(d, x.dio_mem_align));
		hv_add(s, "stx_dio_offset_align", hv_uint(d, x.dio_offset_align));
	}
	return s;
}

void dec_statx(struct dctx *d)
{
	unsigned int flags = d_ui(d, 2);
	char *sync = flags_text(d, &xlat_at_statx_sync_types, flags & HY_AT_STATX_SYNC_TYPE);
	char *rest = flags_text(d, &xlat_at_flags, flags & ~HY_AT_STATX_SYNC_TYPE);
	struct hv *f = hv_new(d, HV_SYM);

	f->u = flags;
	f->flags |= HVF_NUM;
	f->text = sync;
	if (flags & ~HY_AT_STATX_SYNC_TYPE)
		f->text = arena_printf(d->ar, "%s|%s", sync, rest);
	arg(d, v_dirfd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, f);
	arg(d, v_flags_or(d, 3, &xlat_statx_masks, "STATX_???"));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_statx(d, 4));
}

/* struct statfs, x86_64: include/uapi/asm-generic/statfs.h with a 64-bit __statfs_word */
struct k_statfs {
	uint64_t type, bsize, blocks, bfree, bavail, files, ffree;
	uint32_t fsid[2];
	uint64_t namelen, frsize, flags, spare[4];
};
_Static_assert(sizeof(struct k_statfs) == 120, "struct statfs is 120 bytes on x86_64");

#define HY_ST_VALID	0x0020	/* include/linux/statfs.h */

/* strace's print_struct_statfs() (src/print_statfs.c) */
static struct hv *v_statfs(struct dctx *d, int i)
{
	struct k_statfs b;

	if (d_failed(d) || !fs_fetch(d, i, &b, sizeof(b)))
		return v_ptr(d, i);
	struct hv *s = hv_struct(d), *fsid = hv_struct(d), *val = hv_array(d);

	hv_add(s, "f_type", hv_sym_or(d, &xlat_fsmagic, b.type, NULL));
	hv_add(s, "f_bsize", hv_uint(d, b.bsize));
	hv_add(s, "f_blocks", hv_uint(d, b.blocks));
	hv_add(s, "f_bfree", hv_uint(d, b.bfree));
	hv_add(s, "f_bavail", hv_uint(d, b.bavail));
	hv_add(s, "f_files", hv_uint(d, b.files));
	hv_add(s, "f_ffree", hv_uint(d, b.ffree));
	hv_add(val, NULL, hv_hex(d, b.fsid[0]));
	hv_add(val, NULL, hv_hex(d, b.fsid[1]));
	hv_add(fsid, "val", val);
	hv_add(s, "f_fsid", fsid);
	hv_add(s, "f_namelen", hv_uint(d, b.namelen));
	hv_add(s, "f_frsize", hv_uint(d, b.frsize));
	if (b.flags & HY_ST_VALID)
		hv_add(s, "f_flags", hv_flags_or(d, &xlat_statfs_flags, b.flags, "ST_???"));
	return s;
}

void dec_statfs(struct dctx *d)
{
	arg(d, v_path(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_statfs(d, 1));
}

void dec_fstatfs(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_statfs(d, 1));
}

/* -- directory entries ------------------------------------------------------ */

#define HY_D_NAME_LEN_MAX	256	/* strace src/dirent.c, dirent64.c */
#define HY_DIRENT64_HDR		19	/* offsetof(struct linux_dirent64, d_name) */
#define HY_DIRENT_HDR		18	/* offsetof(struct linux_dirent, d_name), 64-bit */

/* d_name: a path of at most n bytes (strace's printpathn()) */
static struct hv *dirent_name(struct dctx *d, const uint8_t *p, unsigned int n)
{
	const uint8_t *z;

	if (n > HY_D_NAME_LEN_MAX)
		n = HY_D_NAME_LEN_MAX;
	z = memchr(p, '\0', n);
	if (z)
		return hv_str(d, p, z - p, false);
	return hv_str(d, p, n, true);
}

/*
 * The entries of a getdents/getdents64 buffer (strace's decode_dents(),
 * src/xgetdents.c): under -v the array, else the address and a count.
 */
static struct hv *v_dents(struct dctx *d, int i, bool is64)
{
	const unsigned int hdr = is64 ? HY_DIRENT64_HDR : HY_DIRENT_HDR;
	const struct event_blob *b = event_blob_any(d->ev, i, 0);
	uint64_t addr = d_u(d, i), len = (uint64_t)d_ret(d);
	uint64_t have = (b && !b->h.err) ? b->h.len : 0, off = 0;
	bool full = d->o->verbose;
	unsigned int count = 0;
	struct hv *a = hv_array(d);

	for (;;) {
		if (len < hdr) {
			if (full && len)	/* trailing bytes: strace prints a hex string */
				hv_add(a, NULL, hv_more(d));
			break;
		}
		if (off + hdr > have) {	/* not captured: strace's read fails here */
			if (!full)
				break;
			if (!count)
				return hv_ptr(d, addr + off);
			hv_add(a, NULL, hv_comment(d, hv_more(d), "%#llx",
						   (unsigned long long)(addr + off)));
			break;
		}
		count++;

		const uint8_t *p = b->data + off;
		unsigned int reclen = ld16(p + 16);
		uint64_t next_len = 0;
		bool next = false;
		struct hv *e = hv_struct(d), *rl;

		hv_add(e, "d_ino", hv_uint(d, ld64(p)));
		hv_add(e, "d_off", hv_uint(d, ld64(p + 8)));
		rl = hv_add(e, "d_reclen", hv_uint(d, reclen));
		if (reclen > len) {
			hv_comment(d, rl, "%llu bytes overflow",
				   (unsigned long long)(reclen - len));
			reclen = len;
		} else if (reclen < hdr) {
			hv_comment(d, rl, "%u bytes underflow", hdr - reclen);
			reclen = hdr;
			next_len = len - hdr;
		} else {
			next_len = len - reclen;
			next = next_len != 0;
		}
		len = next_len;
		if (full) {
			unsigned int tail = reclen - hdr;
			uint64_t avail = have - off - hdr;

			if (tail > avail)
				tail = avail;
			if (is64) {
				hv_add(e, "d_type", hv_sym(d, &xlat_dirent_types, p[18], true));
				if (tail)
					hv_add(e, "d_name", dirent_name(d, p + hdr, tail));
			} else if (tail) {
				if (tail > 1)
					hv_add(e, "d_name", dirent_name(d, p + hdr, tail - 1));
				hv_add(e, "d_type",
				       hv_sym(d, &xlat_dirent_types, p[hdr + tail - 1], true));
			}
			hv_add(a, NULL, e);
		}
		if (!next)
			break;
		off += reclen;
	}
	if (full)
		return a;
	return hv_comment(d, hv_ptr(d, addr), "%u%s entries", count, len ? "+" : "");
}

static void getdents_common(struct dctx *d, bool is64)
{
	arg(d, v_fd(d, 0));
	if (!d->exiting)
		return d_pending(d);
	if (d_failed(d) || (uint64_t)d_ret(d) > d_ui(d, 2))
		arg(d, v_ptr(d, 1));
	else
		arg(d, v_dents(d, 1, is64));
	arg(d, v_uint(d, 2));
}

void dec_getdents64(struct dctx *d)
{
	getdents_common(d, true);
}

void dec_getdents(struct dctx *d)
{
	getdents_common(d, false);
}
