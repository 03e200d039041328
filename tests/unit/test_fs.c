// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_fs.c: file and directory decoders (decoders/fs.c) against lines printed by strace 6.1. */
/*
 * Every expected line was printed by strace 6.1 on Linux 6.18 (TZ=UTC) for
 * the same call, except fchmodat2, which strace 6.1 does not know (it prints
 * syscall_0x1c4(...)): there the expected line is the newer strace format.
 * The kernel structures come from the system headers here, which checks the
 * layouts that decoders/fs.c copies by hand.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <linux/openat2.h>
#include <linux/stat.h>
#include "unit.h"

#define AT_CWD ((uint64_t)-100)
#define P0 0x1000	/* addresses of the pointer arguments */
#define P1 0x2000
#define P2 0x3000
#define P3 0x4000
#define P4 0x5000

/* exit-captured fixed object for argument i */
static void out(struct ut *u, int i, const void *p, size_t n)
{
	ut_blob(u, i, HY_AT_EXIT, 0, p, n, 0);
}

static void in(struct ut *u, int i, const void *p, size_t n)
{
	ut_blob(u, i, HY_AT_ENTER, 0, p, n, 0);
}

static void path(struct ut *u, int i, const char *s)
{
	ut_str(u, i, HY_AT_ENTER, s);
}

UT_CASE(open)
{
	ut_begin(u, SYS_open, P0, O_RDWR | O_CREAT | O_TRUNC, 0644, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("open creat", ut_line(u, 3), "open(\"f1\", O_RDWR|O_CREAT|O_TRUNC, 0644) = 3");

	ut_begin(u, SYS_open, P0, O_RDONLY, 0, 0, 0, 0);
	path(u, 0, "nonexist");
	UT_EXPECT("open enoent", ut_line(u, -2),
		  "open(\"nonexist\", O_RDONLY)              = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_open, 0x10, O_RDONLY, 0, 0, 0, 0);
	ut_blob_err(u, 0, HY_AT_ENTER, 14);
	UT_EXPECT("open efault", ut_line(u, -14),
		  "open(0x10, O_RDONLY)                    = -1 EFAULT (Bad address)");

	ut_begin(u, SYS_open, P0, O_RDWR | O_TMPFILE, 0600, 0, 0, 0);
	path(u, 0, "tmpf");
	UT_EXPECT("open tmpfile", ut_line(u, -2),
		  "open(\"tmpf\", O_RDWR|O_TMPFILE, 0600)    = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_openat, AT_CWD, P1, O_RDONLY | 0x40000000, 0, 0, 0);
	path(u, 1, "e1");
	UT_EXPECT("openat unknown flag", ut_line(u, 4),
		  "openat(AT_FDCWD, \"e1\", O_RDONLY|0x40000000) = 4");

	ut_begin(u, SYS_openat, AT_CWD, P1, 3, 0, 0, 0);
	path(u, 1, "e1");
	UT_EXPECT("openat O_ACCMODE", ut_line(u, 5),
		  "openat(AT_FDCWD, \"e1\", O_ACCMODE)       = 5");

	/* -y: the returned fd and the directory fd with their paths */
	ut_begin(u, SYS_openat, 7, P1, O_RDONLY, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, "/tmp/fsw", 8, HY_BF_FDPATH);
	path(u, 1, "f1");
	ut_blob(u, HY_ARG_RET, HY_AT_EXIT, 0, "/tmp/fsw/f1", 11, HY_BF_FDPATH);
	u->o.yflag = 1;
	UT_EXPECT("openat -y", ut_line(u, 3),
		  "openat(7</tmp/fsw>, \"f1\", O_RDONLY)     = 3</tmp/fsw/f1>");
	u->o.yflag = 0;

	ut_begin(u, SYS_creat, P0, 0600, 0, 0, 0, 0);
	path(u, 0, "f2");
	UT_EXPECT("creat", ut_line(u, 4), "creat(\"f2\", 0600)                       = 4");

	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC,
				.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS };

	ut_begin(u, SYS_openat2, AT_CWD, P1, P2, sizeof(how), 0, 0);
	path(u, 1, "f1");
	in(u, 2, &how, sizeof(how));
	UT_EXPECT("openat2", ut_line(u, 5),
		  "openat2(AT_FDCWD, \"f1\", {flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, 24) = 5");

	struct open_how how2 = { .flags = O_WRONLY | O_CREAT, .mode = 0600 };

	ut_begin(u, SYS_openat2, AT_CWD, P1, P2, sizeof(how2), 0, 0);
	path(u, 1, "f3");
	in(u, 2, &how2, sizeof(how2));
	UT_EXPECT("openat2 mode", ut_line(u, 6),
		  "openat2(AT_FDCWD, \"f3\", {flags=O_WRONLY|O_CREAT, mode=0600, resolve=0}, 24) = 6");

	ut_begin(u, SYS_openat2, AT_CWD, P1, 0x10, 24, 0, 0);
	path(u, 1, "f1");
	ut_blob_err(u, 2, HY_AT_ENTER, 14);
	UT_EXPECT("openat2 efault", ut_line(u, -14),
		  "openat2(AT_FDCWD, \"f1\", 0x10, 24)       = -1 EFAULT (Bad address)");

	ut_begin(u, SYS_openat2, AT_CWD, P1, 0x7fff59036500, 7, 0, 0);
	path(u, 1, "f1");
	in(u, 2, &how, 7);
	UT_EXPECT("openat2 short size", ut_line(u, -22),
		  "openat2(AT_FDCWD, \"f1\", 0x7fff59036500, 7) = -1 EINVAL (Invalid argument)");
}

static void fill_stat(struct stat *st, dev_t dev, ino_t ino, mode_t mode, off_t size, dev_t rdev,
		      blkcnt_t blocks, time_t t, long ns)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = dev;
	st->st_ino = ino;
	st->st_mode = mode;
	st->st_nlink = 1;
	st->st_size = size;
	st->st_rdev = rdev;
	st->st_blksize = 4096;
	st->st_blocks = blocks;
	st->st_atim.tv_sec = st->st_mtim.tv_sec = st->st_ctim.tv_sec = t;
	st->st_atim.tv_nsec = st->st_mtim.tv_nsec = st->st_ctim.tv_nsec = ns;
}

UT_CASE(stat)
{
	struct stat st, null;

	_Static_assert(sizeof(struct stat) == 144, "x86_64 struct stat");
	fill_stat(&st, makedev(0xfe, 0), 10953458, S_IFREG | 0644, 12, 0, 8, 1795293050, 945264716);
	st.st_mtim.tv_nsec = st.st_ctim.tv_nsec = 953264716;
	fill_stat(&null, makedev(0, 6), 3, S_IFCHR | 0666, 0, makedev(1, 3), 0, 1795141580,
		  381976563);

	ut_begin(u, SYS_stat, P0, P1, 0, 0, 0, 0);
	path(u, 0, "f1");
	out(u, 1, &st, sizeof(st));
	UT_EXPECT("stat", ut_line(u, 0), "stat(\"f1\", {st_mode=S_IFREG|0644, st_size=12, ...}) = 0");
	UT_EXPECT("stat entry half", ut_enter(u), "stat(\"f1\", ");
	u->o.verbose = true;
	UT_EXPECT("stat -v", ut_line(u, 0),
		  "stat(\"f1\", {st_dev=makedev(0xfe, 0), st_ino=10953458, st_mode=S_IFREG|0644, st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=8, st_size=12, st_atime=1795293050 /* 2026-11-21T20:30:50.945264716+0000 */, st_atime_nsec=945264716, st_mtime=1795293050 /* 2026-11-21T20:30:50.953264716+0000 */, st_mtime_nsec=953264716, st_ctime=1795293050 /* 2026-11-21T20:30:50.953264716+0000 */, st_ctime_nsec=953264716}) = 0");
	u->o.verbose = false;

	ut_begin(u, SYS_stat, P0, 0x7fff590366a0, 0, 0, 0, 0);
	path(u, 0, "nonexist");
	UT_EXPECT("stat enoent", ut_line(u, -2),
		  "stat(\"nonexist\", 0x7fff590366a0)        = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_stat, P0, 0x10, 0, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("stat efault", ut_line(u, -14),
		  "stat(\"f1\", 0x10)                        = -1 EFAULT (Bad address)");

	struct stat dir = st;

	dir.st_mode = S_IFDIR | S_ISVTX | 0777;
	dir.st_size = 4096;
	ut_begin(u, SYS_stat, P0, P1, 0, 0, 0, 0);
	path(u, 0, "/tmp");
	out(u, 1, &dir, sizeof(dir));
	UT_EXPECT("stat sticky dir", ut_line(u, 0),
		  "stat(\"/tmp\", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=4096, ...}) = 0");

	ut_begin(u, SYS_lstat, P0, P1, 0, 0, 0, 0);
	path(u, 0, "/dev/null");
	out(u, 1, &null, sizeof(null));
	UT_EXPECT("lstat chr", ut_line(u, 0),
		  "lstat(\"/dev/null\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0");
	u->o.verbose = true;
	UT_EXPECT("lstat -v", ut_line(u, 0),
		  "lstat(\"/dev/null\", {st_dev=makedev(0, 0x6), st_ino=3, st_mode=S_IFCHR|0666, st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=0, st_rdev=makedev(0x1, 0x3), st_atime=1795141580 /* 2026-11-20T02:26:20.381976563+0000 */, st_atime_nsec=381976563, st_mtime=1795141580 /* 2026-11-20T02:26:20.381976563+0000 */, st_mtime_nsec=381976563, st_ctime=1795141580 /* 2026-11-20T02:26:20.381976563+0000 */, st_ctime_nsec=381976563}) = 0");
	u->o.verbose = false;

	ut_begin(u, SYS_fstat, 3, P1, 0, 0, 0, 0);
	out(u, 1, &st, sizeof(st));
	UT_EXPECT("fstat", ut_line(u, 0),
		  "fstat(3, {st_mode=S_IFREG|0644, st_size=12, ...}) = 0");
	UT_EXPECT("fstat entry half", ut_enter(u), "fstat(3, ");

	ut_begin(u, SYS_fstat, 3, P1, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, "/tmp/fsw/f1", 11, HY_BF_FDPATH);
	out(u, 1, &st, sizeof(st));
	u->o.yflag = 1;
	UT_EXPECT("fstat -y", ut_line(u, 0),
		  "fstat(3</tmp/fsw/f1>, {st_mode=S_IFREG|0644, st_size=12, ...}) = 0");
	u->o.yflag = 0;

	ut_begin(u, SYS_newfstatat, AT_CWD, P1, P2, AT_SYMLINK_NOFOLLOW, 0, 0);
	path(u, 1, "f1");
	out(u, 2, &st, sizeof(st));
	UT_EXPECT("newfstatat", ut_line(u, 0),
		  "newfstatat(AT_FDCWD, \"f1\", {st_mode=S_IFREG|0644, st_size=12, ...}, AT_SYMLINK_NOFOLLOW) = 0");
	UT_EXPECT("newfstatat entry half", ut_enter(u), "newfstatat(AT_FDCWD, \"f1\", ");

	ut_begin(u, SYS_newfstatat, 3, P1, P2, AT_EMPTY_PATH, 0, 0);
	path(u, 1, "");
	out(u, 2, &st, sizeof(st));
	UT_EXPECT("newfstatat empty path", ut_line(u, 0),
		  "newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=12, ...}, AT_EMPTY_PATH) = 0");

	ut_begin(u, SYS_newfstatat, AT_CWD, P1, P2, 0, 0, 0);
	path(u, 1, "/dev/null");
	out(u, 2, &null, sizeof(null));
	UT_EXPECT("newfstatat chr", ut_line(u, 0),
		  "newfstatat(AT_FDCWD, \"/dev/null\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, 0) = 0");
}

UT_CASE(statx)
{
	struct statx x;

	_Static_assert(sizeof(struct statx) == 256, "struct statx");
	memset(&x, 0, sizeof(x));
	x.stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	x.stx_blksize = 4096;
	x.stx_nlink = 1;
	x.stx_mode = S_IFCHR | 0666;
	x.stx_ino = 3;
	x.stx_attributes_mask = STATX_ATTR_IMMUTABLE | STATX_ATTR_APPEND | STATX_ATTR_NODUMP |
				STATX_ATTR_AUTOMOUNT | STATX_ATTR_MOUNT_ROOT | STATX_ATTR_DAX;
	x.stx_atime.tv_sec = x.stx_ctime.tv_sec = x.stx_mtime.tv_sec = 1795141580;
	x.stx_atime.tv_nsec = x.stx_ctime.tv_nsec = x.stx_mtime.tv_nsec = 381976563;
	x.stx_rdev_major = 1;
	x.stx_rdev_minor = 3;
	x.stx_dev_minor = 6;
	x.stx_mnt_id = 0x18;

	ut_begin(u, SYS_statx, AT_CWD, P1, 0, STATX_TYPE | STATX_MODE, P4, 0);
	path(u, 1, "/dev/null");
	out(u, 4, &x, sizeof(x));
	UT_EXPECT("statx", ut_line(u, 0),
		  "statx(AT_FDCWD, \"/dev/null\", AT_STATX_SYNC_AS_STAT, STATX_TYPE|STATX_MODE, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFCHR|0666, stx_size=0, ...}) = 0");
	UT_EXPECT("statx entry half", ut_enter(u),
		  "statx(AT_FDCWD, \"/dev/null\", AT_STATX_SYNC_AS_STAT, STATX_TYPE|STATX_MODE, ");
	u->o.verbose = true;
	UT_EXPECT("statx -v no btime", ut_line(u, 0),
		  "statx(AT_FDCWD, \"/dev/null\", AT_STATX_SYNC_AS_STAT, STATX_TYPE|STATX_MODE, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_blksize=4096, stx_attributes=0, stx_nlink=1, stx_uid=0, stx_gid=0, stx_mode=S_IFCHR|0666, stx_ino=3, stx_size=0, stx_blocks=0, stx_attributes_mask=STATX_ATTR_IMMUTABLE|STATX_ATTR_APPEND|STATX_ATTR_NODUMP|STATX_ATTR_AUTOMOUNT|STATX_ATTR_MOUNT_ROOT|STATX_ATTR_DAX, stx_atime={tv_sec=1795141580, tv_nsec=381976563} /* 2026-11-20T02:26:20.381976563+0000 */, stx_ctime={tv_sec=1795141580, tv_nsec=381976563} /* 2026-11-20T02:26:20.381976563+0000 */, stx_mtime={tv_sec=1795141580, tv_nsec=381976563} /* 2026-11-20T02:26:20.381976563+0000 */, stx_rdev_major=1, stx_rdev_minor=3, stx_dev_major=0, stx_dev_minor=6, stx_mnt_id=0x18}) = 0");
	u->o.verbose = false;

	memset(&x, 0, sizeof(x));
	x.stx_mask = 0x1fff;
	x.stx_mode = S_IFREG | 0644;
	x.stx_size = 12;
	ut_begin(u, SYS_statx, AT_CWD, P1, AT_SYMLINK_NOFOLLOW, 0x1fff, P4, 0);
	path(u, 1, "f1");
	out(u, 4, &x, sizeof(x));
	UT_EXPECT("statx nofollow", ut_line(u, 0),
		  "statx(AT_FDCWD, \"f1\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, STATX_ALL|STATX_MNT_ID, {stx_mask=STATX_ALL|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0644, stx_size=12, ...}) = 0");

	ut_begin(u, SYS_statx, AT_CWD, P1, 0x6000 | 0x100 | 0x80000, 0x80000000, 0x7fff2f091870, 0);
	path(u, 1, "e1");
	UT_EXPECT("statx unknown bits", ut_line(u, -22),
		  "statx(AT_FDCWD, \"e1\", AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC|AT_SYMLINK_NOFOLLOW|0x80000, 0x80000000 /* STATX_??? */, 0x7fff2f091870) = -1 EINVAL (Invalid argument)");

	ut_begin(u, SYS_statx, AT_CWD, P1, 0, STATX_ALL, 0x7fff59036520, 0);
	path(u, 1, "nonexist");
	UT_EXPECT("statx enoent", ut_line(u, -2),
		  "statx(AT_FDCWD, \"nonexist\", AT_STATX_SYNC_AS_STAT, STATX_ALL, 0x7fff59036520) = -1 ENOENT (No such file or directory)");
}

UT_CASE(statfs)
{
	struct statfs b;

	_Static_assert(sizeof(struct statfs) == 120, "x86_64 struct statfs");
	memset(&b, 0, sizeof(b));
	b.f_type = 0xef53;
	b.f_bsize = 4096;
	b.f_blocks = 66053021;
	b.f_bfree = 61857755;
	b.f_bavail = 20889031;
	b.f_files = 16777216;
	b.f_ffree = 16362433;
	memcpy(&b.f_fsid, (int[2]){ (int)0xf4f0371f, (int)0xea872442 }, 8);
	b.f_namelen = 255;
	b.f_frsize = 4096;
	b.f_flags = 0x20 | 0x1000;

	ut_begin(u, SYS_statfs, P0, P1, 0, 0, 0, 0);
	path(u, 0, "/tmp");
	out(u, 1, &b, sizeof(b));
	UT_EXPECT("statfs", ut_line(u, 0),
		  "statfs(\"/tmp\", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=66053021, f_bfree=61857755, f_bavail=20889031, f_files=16777216, f_ffree=16362433, f_fsid={val=[0xf4f0371f, 0xea872442]}, f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0");

	ut_begin(u, SYS_fstatfs, 3, P1, 0, 0, 0, 0);
	out(u, 1, &b, sizeof(b));
	UT_EXPECT("fstatfs", ut_line(u, 0),
		  "fstatfs(3, {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=66053021, f_bfree=61857755, f_bavail=20889031, f_files=16777216, f_ffree=16362433, f_fsid={val=[0xf4f0371f, 0xea872442]}, f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0");

	memset(&b, 0, sizeof(b));
	b.f_type = 0x9fa0;
	b.f_bsize = 4096;
	b.f_fsid.__val[0] = 0x15;
	b.f_namelen = 255;
	b.f_frsize = 4096;
	b.f_flags = 0x20 | 0x1000;
	ut_begin(u, SYS_statfs, P0, P1, 0, 0, 0, 0);
	path(u, 0, "/proc");
	out(u, 1, &b, sizeof(b));
	UT_EXPECT("statfs proc", ut_line(u, 0),
		  "statfs(\"/proc\", {f_type=PROC_SUPER_MAGIC, f_bsize=4096, f_blocks=0, f_bfree=0, f_bavail=0, f_files=0, f_ffree=0, f_fsid={val=[0x15, 0]}, f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0");

	ut_begin(u, SYS_statfs, P0, 0x7fff59036620, 0, 0, 0, 0);
	path(u, 0, "nonexist");
	UT_EXPECT("statfs enoent", ut_line(u, -2),
		  "statfs(\"nonexist\", 0x7fff59036620)      = -1 ENOENT (No such file or directory)");
}

/* Append one linux_dirent64 (or linux_dirent) record to buf at *off. */
static void dent(uint8_t *buf, size_t *off, bool is64, uint64_t ino, uint64_t doff, uint16_t reclen,
		 uint8_t type, const char *name)
{
	uint8_t *p = buf + *off;

	memset(p, 0, reclen);
	memcpy(p, &ino, 8);
	memcpy(p + 8, &doff, 8);
	memcpy(p + 16, &reclen, 2);
	if (is64) {
		p[18] = type;
		memcpy(p + 19, name, strlen(name));
	} else {
		memcpy(p + 18, name, strlen(name));
		p[reclen - 1] = type;
	}
	*off += reclen;
}

UT_CASE(getdents)
{
	uint8_t buf[256];
	size_t n = 0;

	dent(buf, &n, true, 10954466, 2232908316014189079ull, 32, 8, "v.out");
	dent(buf, &n, true, 10953443, 4039513858043730606ull, 24, 4, ".");
	dent(buf, &n, true, 10953602, 9223372036854775807ull, 32, 8, "s.out");

	ut_begin(u, SYS_getdents64, 7, 0x7fff59036730, 4096, 0, 0, 0);
	out(u, 1, buf, n);
	UT_EXPECT("getdents64", ut_line(u, n),
		  "getdents64(7, 0x7fff59036730 /* 3 entries */, 4096) = 88");
	UT_EXPECT("getdents64 entry half", ut_enter(u), "getdents64(7, ");
	u->o.verbose = true;
	UT_EXPECT("getdents64 -v", ut_line(u, n),
		  "getdents64(7, [{d_ino=10954466, d_off=2232908316014189079, d_reclen=32, d_type=DT_REG, d_name=\"v.out\"}, {d_ino=10953443, d_off=4039513858043730606, d_reclen=24, d_type=DT_DIR, d_name=\".\"}, {d_ino=10953602, d_off=9223372036854775807, d_reclen=32, d_type=DT_REG, d_name=\"s.out\"}], 4096) = 88");

	ut_begin(u, SYS_getdents64, 7, 0x7fff59036730, 4096, 0, 0, 0);
	UT_EXPECT("getdents64 -v eof", ut_line(u, 0), "getdents64(7, [], 4096)                 = 0");
	u->o.verbose = false;
	UT_EXPECT("getdents64 eof", ut_line(u, 0),
		  "getdents64(7, 0x7fff59036730 /* 0 entries */, 4096) = 0");

	ut_begin(u, SYS_getdents64, 7, 0x10, 4096, 0, 0, 0);
	UT_EXPECT("getdents64 efault", ut_line(u, -14),
		  "getdents64(7, 0x10, 4096)               = -1 EFAULT (Bad address)");

	n = 0;
	dent(buf, &n, false, 10954466, 2232908316014189079ull, 32, 8, "v.out");
	dent(buf, &n, false, 10953443, 4039513858043730606ull, 24, 4, ".");
	ut_begin(u, SYS_getdents, 7, 0x7fff59036730, 4096, 0, 0, 0);
	out(u, 1, buf, n);
	UT_EXPECT("getdents", ut_line(u, n),
		  "getdents(7, 0x7fff59036730 /* 2 entries */, 4096) = 56");
	u->o.verbose = true;
	UT_EXPECT("getdents -v", ut_line(u, n),
		  "getdents(7, [{d_ino=10954466, d_off=2232908316014189079, d_reclen=32, d_name=\"v.out\", d_type=DT_REG}, {d_ino=10953443, d_off=4039513858043730606, d_reclen=24, d_name=\".\", d_type=DT_DIR}], 4096) = 56");
	u->o.verbose = false;
}

UT_CASE(names)
{
	ut_begin(u, SYS_readlink, P0, P1, 4096, 0, 0, 0);
	path(u, 0, "lnk");
	out(u, 1, "f1", 2);
	UT_EXPECT("readlink", ut_line(u, 2), "readlink(\"lnk\", \"f1\", 4096)             = 2");
	UT_EXPECT("readlink entry half", ut_enter(u), "readlink(\"lnk\", ");

	static const char tgt[] = "/a/very/long/target/name/that/exceeds/thirty/two/bytes";

	ut_begin(u, SYS_readlink, P0, P1, 256, 0, 0, 0);
	path(u, 0, "longlnk");
	out(u, 1, tgt, 32);
	UT_EXPECT("readlink long", ut_line(u, sizeof(tgt) - 1),
		  "readlink(\"longlnk\", \"/a/very/long/target/name/that/ex\"..., 256) = 54");

	ut_begin(u, SYS_readlink, P0, 0x7fff59036730, 4096, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("readlink einval", ut_line(u, -22),
		  "readlink(\"f1\", 0x7fff59036730, 4096)    = -1 EINVAL (Invalid argument)");

	ut_begin(u, SYS_readlinkat, AT_CWD, P1, P2, 4096, 0, 0);
	path(u, 1, "lnk");
	out(u, 2, "f1", 2);
	UT_EXPECT("readlinkat", ut_line(u, 2), "readlinkat(AT_FDCWD, \"lnk\", \"f1\", 4096) = 2");

	ut_begin(u, SYS_symlink, P0, P1, 0, 0, 0, 0);
	path(u, 0, "f1");
	path(u, 1, "lnk");
	UT_EXPECT("symlink", ut_line(u, 0), "symlink(\"f1\", \"lnk\")                    = 0");

	ut_begin(u, SYS_symlinkat, P0, AT_CWD, P2, 0, 0, 0);
	path(u, 0, "f1");
	path(u, 2, "lnk2");
	UT_EXPECT("symlinkat", ut_line(u, 0), "symlinkat(\"f1\", AT_FDCWD, \"lnk2\")       = 0");

	ut_begin(u, SYS_link, P0, P1, 0, 0, 0, 0);
	path(u, 0, "f1");
	path(u, 1, "f1h");
	UT_EXPECT("link", ut_line(u, 0), "link(\"f1\", \"f1h\")                       = 0");

	ut_begin(u, SYS_linkat, AT_CWD, P1, 7, P3, AT_SYMLINK_FOLLOW, 0);
	path(u, 1, "f1");
	path(u, 3, "f1h2");
	UT_EXPECT("linkat", ut_line(u, 0),
		  "linkat(AT_FDCWD, \"f1\", 7, \"f1h2\", AT_SYMLINK_FOLLOW) = 0");

	ut_begin(u, SYS_rename, P0, P1, 0, 0, 0, 0);
	path(u, 0, "f1h");
	path(u, 1, "f1i");
	UT_EXPECT("rename", ut_line(u, 0), "rename(\"f1h\", \"f1i\")                    = 0");

	ut_begin(u, SYS_renameat, AT_CWD, P1, 7, P3, 0, 0);
	path(u, 1, "f1i");
	path(u, 3, "f1j");
	UT_EXPECT("renameat", ut_line(u, 0), "renameat(AT_FDCWD, \"f1i\", 7, \"f1j\")     = 0");

	ut_begin(u, SYS_renameat2, AT_CWD, P1, AT_CWD, P3, 1, 0);
	path(u, 1, "f1j");
	path(u, 3, "f1h2");
	UT_EXPECT("renameat2", ut_line(u, -17),
		  "renameat2(AT_FDCWD, \"f1j\", AT_FDCWD, \"f1h2\", RENAME_NOREPLACE) = -1 EEXIST (File exists)");

	ut_begin(u, SYS_renameat2, AT_CWD, P1, AT_CWD, P3, 8, 0);
	path(u, 1, "nonexist");
	path(u, 3, "x");
	UT_EXPECT("renameat2 unknown flag", ut_line(u, -22),
		  "renameat2(AT_FDCWD, \"nonexist\", AT_FDCWD, \"x\", 0x8 /* RENAME_?? */) = -1 EINVAL (Invalid argument)");

	ut_begin(u, SYS_unlink, P0, 0, 0, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("unlink", ut_line(u, -2),
		  "unlink(\"f1\")                            = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_unlinkat, AT_CWD, P1, AT_REMOVEDIR, 0, 0, 0);
	path(u, 1, "d1");
	UT_EXPECT("unlinkat", ut_line(u, 0), "unlinkat(AT_FDCWD, \"d1\", AT_REMOVEDIR)  = 0");

	ut_begin(u, SYS_unlinkat, AT_CWD, P1, 0x10000, 0, 0, 0);
	path(u, 1, "nonexist");
	UT_EXPECT("unlinkat unknown flag", ut_line(u, -22),
		  "unlinkat(AT_FDCWD, \"nonexist\", 0x10000 /* AT_??? */) = -1 EINVAL (Invalid argument)");

	ut_begin(u, SYS_mkdir, P0, 0755, 0, 0, 0, 0);
	path(u, 0, "d1");
	UT_EXPECT("mkdir", ut_line(u, -17),
		  "mkdir(\"d1\", 0755)                       = -1 EEXIST (File exists)");

	ut_begin(u, SYS_mkdirat, AT_CWD, P1, 0700, 0, 0, 0);
	path(u, 1, "d1");
	UT_EXPECT("mkdirat", ut_line(u, 0), "mkdirat(AT_FDCWD, \"d1\", 0700)           = 0");

	ut_begin(u, SYS_rmdir, P0, 0, 0, 0, 0, 0);
	path(u, 0, "d1");
	UT_EXPECT("rmdir", ut_line(u, 0), "rmdir(\"d1\")                             = 0");

	ut_begin(u, SYS_mknod, P0, S_IFIFO | 0644, 0, 0, 0, 0);
	path(u, 0, "fifo");
	UT_EXPECT("mknod fifo", ut_line(u, 0), "mknod(\"fifo\", S_IFIFO|0644)             = 0");

	ut_begin(u, SYS_mknod, P0, S_IFREG | 04755, 0, 0, 0, 0);
	path(u, 0, "sfile");
	UT_EXPECT("mknod suid", ut_line(u, 0), "mknod(\"sfile\", S_IFREG|S_ISUID|0755)    = 0");

	ut_begin(u, SYS_mknod, P0, 02644 | 01000, 0, 0, 0, 0);
	path(u, 0, "sfile2");
	UT_EXPECT("mknod no type", ut_line(u, 0), "mknod(\"sfile2\", S_ISGID|S_ISVTX|0644)   = 0");

	ut_begin(u, SYS_mknod, P0, S_IFBLK | 0600, makedev(259, 70000), 0, 0, 0);
	path(u, 0, "bdev");
	UT_EXPECT("mknod blk", ut_line(u, 0),
		  "mknod(\"bdev\", S_IFBLK|0600, makedev(0x103, 0x11170)) = 0");

	ut_begin(u, SYS_mknod, P0, 0170644, 0, 0, 0, 0);
	path(u, 0, "weird");
	UT_EXPECT("mknod bad type", ut_line(u, -22),
		  "mknod(\"weird\", 0170644)                 = -1 EINVAL (Invalid argument)");

	ut_begin(u, SYS_mknodat, AT_CWD, P1, S_IFCHR | 0600, makedev(1, 3), 0, 0);
	path(u, 1, "cdev");
	UT_EXPECT("mknodat chr", ut_line(u, 0),
		  "mknodat(AT_FDCWD, \"cdev\", S_IFCHR|0600, makedev(0x1, 0x3)) = 0");

	ut_begin(u, SYS_mknodat, AT_CWD, P1, 0600, 0, 0, 0);
	path(u, 1, "reg");
	UT_EXPECT("mknodat reg", ut_line(u, 0), "mknodat(AT_FDCWD, \"reg\", 0600)          = 0");
}

UT_CASE(modes)
{
	ut_begin(u, SYS_chmod, P0, 0640, 0, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("chmod", ut_line(u, 0), "chmod(\"f1\", 0640)                       = 0");

	ut_begin(u, SYS_chmod, P0, 0, 0, 0, 0, 0);
	path(u, 0, "e1");
	UT_EXPECT("chmod 000", ut_line(u, 0), "chmod(\"e1\", 000)                        = 0");

	ut_begin(u, SYS_chmod, P0, 0100644, 0, 0, 0, 0);
	path(u, 0, "e1");
	UT_EXPECT("chmod type bits", ut_line(u, 0), "chmod(\"e1\", 0100644)                    = 0");

	ut_begin(u, SYS_fchmod, 3, 04755, 0, 0, 0, 0);
	UT_EXPECT("fchmod", ut_line(u, 0), "fchmod(3, 04755)                        = 0");

	ut_begin(u, SYS_fchmodat, AT_CWD, P1, 0644, 0, 0, 0);
	path(u, 1, "f1");
	UT_EXPECT("fchmodat", ut_line(u, 0), "fchmodat(AT_FDCWD, \"f1\", 0644)          = 0");

	/* not in strace 6.1 (syscall_0x1c4): the format of later strace versions */
	ut_begin(u, 452, AT_CWD, P1, 0644, AT_SYMLINK_NOFOLLOW, 0, 0);
	path(u, 1, "f1");
	UT_EXPECT("fchmodat2", ut_line(u, 0),
		  "fchmodat2(AT_FDCWD, \"f1\", 0644, AT_SYMLINK_NOFOLLOW) = 0");

	ut_begin(u, SYS_chown, P0, 0, 0, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("chown", ut_line(u, 0), "chown(\"f1\", 0, 0)                       = 0");

	ut_begin(u, SYS_chown, P0, 0xffffffff, 0xffffffff, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("chown -1", ut_line(u, 0), "chown(\"f1\", -1, -1)                     = 0");

	ut_begin(u, SYS_chown, P0, 65534, 4294967294u, 0, 0, 0);
	path(u, 0, "e1");
	UT_EXPECT("chown big ids", ut_line(u, 0), "chown(\"e1\", 65534, 4294967294)          = 0");

	ut_begin(u, SYS_fchown, 3, 1000, (uint64_t)-1, 0, 0, 0);
	UT_EXPECT("fchown", ut_line(u, 0), "fchown(3, 1000, -1)                     = 0");

	ut_begin(u, SYS_lchown, P0, 0xffffffff, 0, 0, 0, 0);
	path(u, 0, "lnk");
	UT_EXPECT("lchown", ut_line(u, 0), "lchown(\"lnk\", -1, 0)                    = 0");

	ut_begin(u, SYS_fchownat, AT_CWD, P1, 0, 0, AT_SYMLINK_NOFOLLOW, 0);
	path(u, 1, "f1");
	UT_EXPECT("fchownat", ut_line(u, 0),
		  "fchownat(AT_FDCWD, \"f1\", 0, 0, AT_SYMLINK_NOFOLLOW) = 0");

	ut_begin(u, SYS_access, P0, R_OK | W_OK, 0, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("access", ut_line(u, 0), "access(\"f1\", R_OK|W_OK)                 = 0");

	ut_begin(u, SYS_access, P0, F_OK, 0, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("access F_OK", ut_line(u, 0), "access(\"f1\", F_OK)                      = 0");

	ut_begin(u, SYS_access, P0, 0x10, 0, 0, 0, 0);
	path(u, 0, "e1");
	UT_EXPECT("access unknown", ut_line(u, -22),
		  "access(\"e1\", 0x10 /* ?_OK */)           = -1 EINVAL (Invalid argument)");

	ut_begin(u, SYS_access, P0, 0x13, 0, 0, 0, 0);
	path(u, 0, "e1");
	UT_EXPECT("access mixed", ut_line(u, -22),
		  "access(\"e1\", W_OK|X_OK|0x10)            = -1 EINVAL (Invalid argument)");

	ut_begin(u, SYS_faccessat, AT_CWD, P1, X_OK, 0, 0, 0);
	path(u, 1, "f1");
	UT_EXPECT("faccessat", ut_line(u, -13),
		  "faccessat(AT_FDCWD, \"f1\", X_OK)         = -1 EACCES (Permission denied)");

	ut_begin(u, SYS_faccessat2, AT_CWD, P1, R_OK, AT_EACCESS, 0, 0);
	path(u, 1, "f1");
	UT_EXPECT("faccessat2", ut_line(u, 0),
		  "faccessat2(AT_FDCWD, \"f1\", R_OK, AT_EACCESS) = 0");

	ut_begin(u, SYS_umask, 022, 0, 0, 0, 0, 0);
	UT_EXPECT("umask", ut_line(u, 0), "umask(022)                              = 000");
	ut_begin(u, SYS_umask, 0, 0, 0, 0, 0, 0);
	UT_EXPECT("umask 000", ut_line(u, 022), "umask(000)                              = 022");
}

UT_CASE(sizes)
{
	ut_begin(u, SYS_truncate, P0, 100, 0, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("truncate", ut_line(u, 0), "truncate(\"f1\", 100)                     = 0");

	ut_begin(u, SYS_truncate, P0, 0xffffffff, 0, 0, 0, 0);
	path(u, 0, "e1");
	UT_EXPECT("truncate 32-bit -1", ut_line(u, 0),
		  "truncate(\"e1\", 4294967295)              = 0");

	ut_begin(u, SYS_ftruncate, 3, 50, 0, 0, 0, 0);
	UT_EXPECT("ftruncate", ut_line(u, 0), "ftruncate(3, 50)                        = 0");

	ut_begin(u, SYS_fsync, 3, 0, 0, 0, 0, 0);
	UT_EXPECT("fsync", ut_line(u, 0), "fsync(3)                                = 0");

	ut_begin(u, SYS_fdatasync, 3, 0, 0, 0, 0, 0);
	UT_EXPECT("fdatasync", ut_line(u, 0), "fdatasync(3)                            = 0");

	ut_begin(u, SYS_sync, 0, 0, 0, 0, 0, 0);
	UT_EXPECT("sync", ut_line(u, 0), "sync()                                  = 0");

	ut_begin(u, SYS_syncfs, 3, 0, 0, 0, 0, 0);
	UT_EXPECT("syncfs", ut_line(u, 0), "syncfs(3)                               = 0");

	ut_begin(u, SYS_fallocate, 3, 0, 0, 4096, 0, 0);
	UT_EXPECT("fallocate", ut_line(u, 0), "fallocate(3, 0, 0, 4096)                = 0");

	ut_begin(u, SYS_fallocate, 3, 3, 10, 20, 0, 0);
	UT_EXPECT("fallocate flags", ut_line(u, 0),
		  "fallocate(3, FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE, 10, 20) = 0");

	ut_begin(u, SYS_fallocate, 3, 0x100, 0, 1, 0, 0);
	UT_EXPECT("fallocate unknown", ut_line(u, -95),
		  "fallocate(3, 0x100 /* FALLOC_FL_??? */, 0, 1) = -1 EOPNOTSUPP (Operation not supported)");

	/* strace 6.1, cat: fadvise64(3, 0, 0, POSIX_FADV_SEQUENTIAL) = 0 */
	ut_begin(u, SYS_fadvise64, 3, 0, 0, 2, 0, 0);
	UT_EXPECT("fadvise64", ut_line(u, 0), "fadvise64(3, 0, 0, POSIX_FADV_SEQUENTIAL) = 0");
	ut_begin(u, SYS_fadvise64, 3, 10, 20, 5, 0, 0);
	UT_EXPECT("fadvise64 noreuse", ut_line(u, 0), "fadvise64(3, 10, 20, POSIX_FADV_NOREUSE) = 0");
	ut_begin(u, SYS_fadvise64, 3, 0, 0, 99, 0, 0);
	UT_EXPECT("fadvise64 unknown", ut_line(u, -22),
		  "fadvise64(3, 0, 0, 0x63 /* POSIX_FADV_??? */) = -1 EINVAL (Invalid argument)");

	ut_begin(u, SYS_flock, 3, 2 | 4, 0, 0, 0, 0);
	UT_EXPECT("flock", ut_line(u, 0), "flock(3, LOCK_EX|LOCK_NB)               = 0");

	ut_begin(u, SYS_flock, 3, 8, 0, 0, 0, 0);
	UT_EXPECT("flock un", ut_line(u, 0), "flock(3, LOCK_UN)                       = 0");

	ut_begin(u, SYS_flock, 3, 0x100, 0, 0, 0, 0);
	UT_EXPECT("flock unknown", ut_line(u, -22),
		  "flock(3, 0x100 /* LOCK_??? */)          = -1 EINVAL (Invalid argument)");
}

UT_CASE(times)
{
	int64_t ts[4] = { 1700000000, 123456789, 0, (1l << 30) - 1 };

	ut_begin(u, SYS_utimensat, AT_CWD, P1, P2, 0, 0, 0);
	path(u, 1, "f1");
	in(u, 2, ts, sizeof(ts));
	UT_EXPECT("utimensat", ut_line(u, 0),
		  "utimensat(AT_FDCWD, \"f1\", [{tv_sec=1700000000, tv_nsec=123456789} /* 2023-11-14T22:13:20.123456789+0000 */, UTIME_NOW], 0) = 0");

	int64_t ts2[4] = { 0, (1l << 30) - 2, 1, 2 };

	ut_begin(u, SYS_utimensat, AT_CWD, P1, P2, AT_SYMLINK_NOFOLLOW, 0, 0);
	path(u, 1, "f1");
	in(u, 2, ts2, sizeof(ts2));
	UT_EXPECT("utimensat omit", ut_line(u, 0),
		  "utimensat(AT_FDCWD, \"f1\", [UTIME_OMIT, {tv_sec=1, tv_nsec=2} /* 1970-01-01T00:00:01.000000002+0000 */], AT_SYMLINK_NOFOLLOW) = 0");

	int64_t ts3[4] = { 0, 0, -1, 5 };

	ut_begin(u, SYS_utimensat, AT_CWD, P1, P2, 0, 0, 0);
	path(u, 1, "e1");
	in(u, 2, ts3, sizeof(ts3));
	UT_EXPECT("utimensat zero and negative", ut_line(u, 0),
		  "utimensat(AT_FDCWD, \"e1\", [{tv_sec=0, tv_nsec=0}, {tv_sec=-1, tv_nsec=5} /* 1969-12-31T23:59:59.000000005+0000 */], 0) = 0");

	int64_t ts4[4] = { 1, 1000000000, 1, 0 };

	ut_begin(u, SYS_utimensat, AT_CWD, P1, P2, 0, 0, 0);
	path(u, 1, "e1");
	in(u, 2, ts4, sizeof(ts4));
	UT_EXPECT("utimensat bad nsec", ut_line(u, -22),
		  "utimensat(AT_FDCWD, \"e1\", [{tv_sec=1, tv_nsec=1000000000}, {tv_sec=1, tv_nsec=0} /* 1970-01-01T00:00:01+0000 */], 0) = -1 EINVAL (Invalid argument)");

	ut_begin(u, SYS_utimensat, 3, 0, 0, 0, 0, 0);
	UT_EXPECT("utimensat NULL", ut_line(u, 0), "utimensat(3, NULL, NULL, 0)             = 0");

	ut_begin(u, SYS_utimensat, AT_CWD, P1, 0x10, 0, 0, 0);
	path(u, 1, "e1");
	ut_blob_err(u, 2, HY_AT_ENTER, 14);
	UT_EXPECT("utimensat efault", ut_line(u, -14),
		  "utimensat(AT_FDCWD, \"e1\", 0x10, 0)      = -1 EFAULT (Bad address)");

	int64_t tv[4] = { 1700000000, 500000, 1700000001, 0 };

	ut_begin(u, SYS_utimes, P0, P1, 0, 0, 0, 0);
	path(u, 0, "f1");
	in(u, 1, tv, sizeof(tv));
	UT_EXPECT("utimes", ut_line(u, 0),
		  "utimes(\"f1\", [{tv_sec=1700000000, tv_usec=500000} /* 2023-11-14T22:13:20.500000+0000 */, {tv_sec=1700000001, tv_usec=0} /* 2023-11-14T22:13:21+0000 */]) = 0");

	ut_begin(u, SYS_utimes, P0, 0, 0, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("utimes NULL", ut_line(u, 0), "utimes(\"f1\", NULL)                      = 0");

	ut_begin(u, SYS_futimesat, AT_CWD, P1, P2, 0, 0, 0);
	path(u, 1, "f1");
	in(u, 2, tv, sizeof(tv));
	UT_EXPECT("futimesat", ut_line(u, 0),
		  "futimesat(AT_FDCWD, \"f1\", [{tv_sec=1700000000, tv_usec=500000} /* 2023-11-14T22:13:20.500000+0000 */, {tv_sec=1700000001, tv_usec=0} /* 2023-11-14T22:13:21+0000 */]) = 0");

	int64_t ub[2] = { 1700000000, 1700000002 };

	ut_begin(u, SYS_utime, P0, P1, 0, 0, 0, 0);
	path(u, 0, "f1");
	in(u, 1, ub, sizeof(ub));
	UT_EXPECT("utime", ut_line(u, 0),
		  "utime(\"f1\", {actime=1700000000 /* 2023-11-14T22:13:20+0000 */, modtime=1700000002 /* 2023-11-14T22:13:22+0000 */}) = 0");

	ut_begin(u, SYS_utime, P0, 0x10, 0, 0, 0, 0);
	path(u, 0, "e1");
	ut_blob_err(u, 1, HY_AT_ENTER, 14);
	UT_EXPECT("utime efault", ut_line(u, -14),
		  "utime(\"e1\", 0x10)                       = -1 EFAULT (Bad address)");
}

UT_CASE(xattr)
{
	ut_begin(u, SYS_setxattr, P0, P1, P2, 6, 0, 0);
	path(u, 0, "f1");
	ut_str(u, 1, HY_AT_ENTER, "user.test");
	in(u, 2, "value1", 6);
	UT_EXPECT("setxattr", ut_line(u, 0), "setxattr(\"f1\", \"user.test\", \"value1\", 6, 0) = 0");

	ut_begin(u, SYS_lsetxattr, P0, P1, P2, 3, 1, 0);
	path(u, 0, "f1");
	ut_str(u, 1, HY_AT_ENTER, "user.t2");
	in(u, 2, "v\0x", 3);
	UT_EXPECT("lsetxattr", ut_line(u, 0),
		  "lsetxattr(\"f1\", \"user.t2\", \"v\\0x\", 3, XATTR_CREATE) = 0");

	ut_begin(u, SYS_fsetxattr, 3, P1, P2, 3, 2, 0);
	ut_str(u, 1, HY_AT_ENTER, "user.t3");
	in(u, 2, "abc", 3);
	UT_EXPECT("fsetxattr", ut_line(u, -61),
		  "fsetxattr(3, \"user.t3\", \"abc\", 3, XATTR_REPLACE) = -1 ENODATA (No data available)");

	ut_begin(u, SYS_setxattr, P0, P1, P2, 2, 8, 0);
	path(u, 0, "e1");
	ut_str(u, 1, HY_AT_ENTER, "user.x");
	in(u, 2, "ab", 2);
	UT_EXPECT("setxattr unknown flag", ut_line(u, -22),
		  "setxattr(\"e1\", \"user.x\", \"ab\", 2, 0x8 /* XATTR_??? */) = -1 EINVAL (Invalid argument)");

	ut_begin(u, SYS_setxattr, P0, P1, P2, 0, 0, 0);
	path(u, 0, "e1");
	ut_str(u, 1, HY_AT_ENTER, "user.empty");
	UT_EXPECT("setxattr empty", ut_line(u, 0),
		  "setxattr(\"e1\", \"user.empty\", \"\", 0, 0)  = 0");

	static const char longname[] = "user.a_very_long_attribute_name_exceeding_32";

	ut_begin(u, SYS_setxattr, P0, P1, P2, 40, 0, 0);
	path(u, 0, "e1");
	ut_blob(u, 1, HY_AT_ENTER, 0, longname, 33, 0);	/* -s 32 + 1 bytes, no NUL */
	in(u, 2, "01234567890123456789012345678901", 32);
	UT_EXPECT("setxattr long", ut_line(u, 0),
		  "setxattr(\"e1\", \"user.a_very_long_attribute_name_\"..., \"01234567890123456789012345678901\"..., 40, 0) = 0");

	ut_begin(u, SYS_setxattr, P0, P1, P2, 4, 0, 0);
	path(u, 0, "e1");
	ut_str(u, 1, HY_AT_ENTER, "user.z");
	in(u, 2, "abc\0", 4);
	UT_EXPECT("setxattr trailing NUL", ut_line(u, 0),
		  "setxattr(\"e1\", \"user.z\", \"abc\", 4, 0)   = 0");
	u->o.xflag = 1;
	UT_EXPECT("setxattr trailing NUL -x", ut_line(u, 0),
		  "setxattr(\"e1\", \"user.z\", \"\\x61\\x62\\x63\\x00\", 4, 0) = 0");
	u->o.xflag = 0;

	ut_begin(u, SYS_getxattr, P0, P1, P2, 4096, 0, 0);
	path(u, 0, "f1");
	ut_str(u, 1, HY_AT_ENTER, "user.test");
	out(u, 2, "value1", 6);
	UT_EXPECT("getxattr", ut_line(u, 6), "getxattr(\"f1\", \"user.test\", \"value1\", 4096) = 6");
	UT_EXPECT("getxattr entry half", ut_enter(u), "getxattr(\"f1\", \"user.test\", ");

	ut_begin(u, SYS_getxattr, P0, P1, P2, 256, 0, 0);
	path(u, 0, "e1");
	ut_str(u, 1, HY_AT_ENTER, "user.empty");
	UT_EXPECT("getxattr empty", ut_line(u, 0),
		  "getxattr(\"e1\", \"user.empty\", \"\", 256)   = 0");

	ut_begin(u, SYS_getxattr, P0, P1, 0, 0, 0, 0);
	path(u, 0, "e1");
	ut_str(u, 1, HY_AT_ENTER, "user.z");
	UT_EXPECT("getxattr NULL", ut_line(u, 4), "getxattr(\"e1\", \"user.z\", NULL, 0)       = 4");

	ut_begin(u, SYS_lgetxattr, P0, P1, P2, 0, 0, 0);
	path(u, 0, "f1");
	ut_str(u, 1, HY_AT_ENTER, "user.test");
	out(u, 2, "value1", 6);
	UT_EXPECT("lgetxattr size 0", ut_line(u, 6),
		  "lgetxattr(\"f1\", \"user.test\", \"value1\", 0) = 6");

	ut_begin(u, SYS_fgetxattr, 3, P1, 0x7fff59036730, 4096, 0, 0);
	ut_str(u, 1, HY_AT_ENTER, "user.nonexist");
	UT_EXPECT("fgetxattr enodata", ut_line(u, -61),
		  "fgetxattr(3, \"user.nonexist\", 0x7fff59036730, 4096) = -1 ENODATA (No data available)");

	ut_begin(u, SYS_listxattr, P0, P1, 4096, 0, 0, 0);
	path(u, 0, "f1");
	out(u, 1, "user.test\0user.t2\0", 18);
	UT_EXPECT("listxattr", ut_line(u, 18),
		  "listxattr(\"f1\", \"user.test\\0user.t2\\0\", 4096) = 18");
	UT_EXPECT("listxattr entry half", ut_enter(u), "listxattr(\"f1\", ");

	ut_begin(u, SYS_listxattr, P0, P1, 256, 0, 0, 0);
	path(u, 0, "e1");
	out(u, 1, "user.empty\0user.z\0user.a_very_lo", 32);
	UT_EXPECT("listxattr long", ut_line(u, 63),
		  "listxattr(\"e1\", \"user.empty\\0user.z\\0user.a_very_lo\"..., 256) = 63");

	ut_begin(u, SYS_listxattr, P0, 0x7fff2f091a00, 0, 0, 0, 0);
	path(u, 0, "e1");
	UT_EXPECT("listxattr size 0", ut_line(u, 63),
		  "listxattr(\"e1\", 0x7fff2f091a00, 0)      = 63");

	ut_begin(u, SYS_llistxattr, P0, 0, 0, 0, 0, 0);
	path(u, 0, "f1");
	UT_EXPECT("llistxattr NULL", ut_line(u, 18), "llistxattr(\"f1\", NULL, 0)               = 18");

	ut_begin(u, SYS_flistxattr, 3, P1, 4096, 0, 0, 0);
	out(u, 1, "user.test\0user.t2\0", 18);
	UT_EXPECT("flistxattr", ut_line(u, 18),
		  "flistxattr(3, \"user.test\\0user.t2\\0\", 4096) = 18");

	ut_begin(u, SYS_removexattr, P0, P1, 0, 0, 0, 0);
	path(u, 0, "f1");
	ut_str(u, 1, HY_AT_ENTER, "user.test");
	UT_EXPECT("removexattr", ut_line(u, 0), "removexattr(\"f1\", \"user.test\")          = 0");

	ut_begin(u, SYS_lremovexattr, P0, P1, 0, 0, 0, 0);
	path(u, 0, "f1");
	ut_str(u, 1, HY_AT_ENTER, "user.t2");
	UT_EXPECT("lremovexattr", ut_line(u, 0), "lremovexattr(\"f1\", \"user.t2\")           = 0");

	ut_begin(u, SYS_fremovexattr, 3, P1, 0, 0, 0, 0);
	ut_str(u, 1, HY_AT_ENTER, "user.t3");
	UT_EXPECT("fremovexattr", ut_line(u, -61),
		  "fremovexattr(3, \"user.t3\")              = -1 ENODATA (No data available)");
}

UT_CASE(dirs_mounts)
{
	ut_begin(u, SYS_chdir, P0, 0, 0, 0, 0, 0);
	path(u, 0, "/tmp");
	UT_EXPECT("chdir", ut_line(u, 0), "chdir(\"/tmp\")                           = 0");

	ut_begin(u, SYS_fchdir, 7, 0, 0, 0, 0, 0);
	UT_EXPECT("fchdir", ut_line(u, 0), "fchdir(7)                               = 0");

	ut_begin(u, SYS_getcwd, P0, 4096, 0, 0, 0, 0);
	ut_str(u, 0, HY_AT_EXIT, "/tmp/fsw");
	UT_EXPECT("getcwd", ut_line(u, 9), "getcwd(\"/tmp/fsw\", 4096)                = 9");
	UT_EXPECT("getcwd entry half", ut_enter(u), "getcwd(");

	ut_begin(u, SYS_getcwd, 0x7fff59036730, 1, 0, 0, 0, 0);
	UT_EXPECT("getcwd erange", ut_line(u, -34),
		  "getcwd(0x7fff59036730, 1)               = -1 ERANGE (Numerical result out of range)");

	ut_begin(u, SYS_chroot, P0, 0, 0, 0, 0, 0);
	path(u, 0, "/nonexist");
	UT_EXPECT("chroot", ut_line(u, -2),
		  "chroot(\"/nonexist\")                     = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_mount, P0, P1, P2, 1 | 2, P4, 0);
	path(u, 0, "none");
	path(u, 1, "/nonexist");
	ut_str(u, 2, HY_AT_ENTER, "tmpfs");
	ut_str(u, 4, HY_AT_ENTER, "size=1m");
	UT_EXPECT("mount", ut_line(u, -2),
		  "mount(\"none\", \"/nonexist\", \"tmpfs\", MS_RDONLY|MS_NOSUID, \"size=1m\") = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_mount, 0, P1, 0, 0x20 | 0x1000, 0, 0);
	path(u, 1, "/nonexist");
	UT_EXPECT("mount remount", ut_line(u, -2),
		  "mount(NULL, \"/nonexist\", NULL, MS_REMOUNT|MS_BIND, NULL) = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_mount, P0, P1, 0, 0x1000, 0x55f09e3a5018, 0);
	path(u, 0, "src");
	path(u, 1, "/nonexist");
	UT_EXPECT("mount bind", ut_line(u, -2),
		  "mount(\"src\", \"/nonexist\", NULL, MS_BIND, 0x55f09e3a5018) = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_mount, P0, P1, P2, 0xc0ed0000 | 1, 0, 0);
	path(u, 0, "src");
	path(u, 1, "/nonexist");
	ut_str(u, 2, HY_AT_ENTER, "ext4");
	UT_EXPECT("mount magic", ut_line(u, -2),
		  "mount(\"src\", \"/nonexist\", \"ext4\", MS_MGC_VAL|MS_RDONLY, NULL) = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_mount, P0, P1, P2, 0xc0ed0000, P4, 0);
	path(u, 0, "src");
	path(u, 1, "/nonexist");
	ut_str(u, 2, HY_AT_ENTER, "ext4");
	ut_str(u, 4, HY_AT_ENTER, "x");
	UT_EXPECT("mount magic only", ut_line(u, -2),
		  "mount(\"src\", \"/nonexist\", \"ext4\", MS_MGC_VAL, \"x\") = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_umount2, P0, 2, 0, 0, 0, 0);
	path(u, 0, "/nonexist");
	UT_EXPECT("umount2", ut_line(u, -2),
		  "umount2(\"/nonexist\", MNT_DETACH)        = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_umount2, P0, 0x10, 0, 0, 0, 0);
	path(u, 0, "/nonexist");
	UT_EXPECT("umount2 unknown", ut_line(u, -22),
		  "umount2(\"/nonexist\", 0x10 /* MNT_??? */) = -1 EINVAL (Invalid argument)");
}

/*
 * -e verbose= without the call (strace 6.1 -e verbose=none): structures print as their
 * addresses, paths stay; -e raw= with it: every argument in hex, the return value too.
 */
UT_CASE(verbose_raw)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_mode = S_IFREG | 0644;
	st.st_size = 12;
	ut_begin(u, SYS_newfstatat, AT_CWD, P1, P2, 0, 0, 0);
	path(u, 1, "f1");
	out(u, 2, &st, sizeof(st));
	u->o.noderef = true;
	UT_EXPECT("newfstatat verbose=none", ut_line(u, 0),
		  "newfstatat(AT_FDCWD, \"f1\", 0x3000, 0)   = 0");
	u->o.noderef = false;
	u->o.raw = true;
	UT_EXPECT("newfstatat raw", ut_line(u, 0), "newfstatat(0xffffffffffffff9c, 0x2000, 0x3000, 0) = 0");

	ut_begin(u, SYS_openat, AT_CWD, P1, O_RDONLY | O_CLOEXEC, 0, 0, 0);
	path(u, 1, "f1");
	UT_EXPECT("openat raw: the fd in hex", ut_line(u, 3),
		  "openat(0xffffffffffffff9c, 0x2000, 0x80000, 0) = 0x3");
	UT_EXPECT("openat raw: an error as usual", ut_line(u, -2),
		  "openat(0xffffffffffffff9c, 0x2000, 0x80000, 0) = -1 ENOENT (No such file or directory)");
	u->o.raw = false;
	u->o.noderef = true;
	UT_EXPECT("openat verbose=none: the path stays", ut_line(u, 3),
		  "openat(AT_FDCWD, \"f1\", O_RDONLY|O_CLOEXEC) = 3");
	u->o.noderef = false;
}

static const struct ut_case cases[] = {
	UT_ENTRY(open), UT_ENTRY(stat), UT_ENTRY(statx), UT_ENTRY(statfs), UT_ENTRY(getdents),
	UT_ENTRY(names), UT_ENTRY(modes), UT_ENTRY(sizes), UT_ENTRY(times), UT_ENTRY(xattr),
	UT_ENTRY(dirs_mounts), UT_ENTRY(verbose_raw),
	{ NULL }
};

int main(int argc, char **argv)
{
	/* strace prints times in local time: the expected lines were taken with TZ=UTC */
	setenv("TZ", "UTC", 1);
	tzset();
	return ut_main(argc, argv, cases);
}
