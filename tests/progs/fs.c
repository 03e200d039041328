/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fs.c: file and directory syscalls on files in the current directory (a fresh dir under /tmp). */
#include "hyt.h"
#include <fcntl.h>
#include <dirent.h>
#include <sys/xattr.h>
#include <linux/stat.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif

static void cleanup(void)
{
	unlink("hyt-f");
	unlink("hyt-g");
	unlink("hyt-h");
	unlink("hyt-link");
	unlink("hyt-link2");
	unlink("hyt-sym");
	unlink("hyt-sym2");
	unlink("hyt-creat");
	unlink("hyt-dir/a");
	rmdir("hyt-dir/sub");
	rmdir("hyt-dir");
	rmdir("hyt-dir2");
}

int main(void)
{
	struct stat st;
	struct statx stx;
	char buf[256];
	int fd, dfd, cwd;
	struct timespec ts[2] = { { 1000000000, 0 }, { 1000000001, 500 } };

	cleanup();
	hyt_begin();

	/* open family */
	fd = syscall(SYS_open, "hyt-f", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	HYT_CHECK(fd == 3);
	syscall(SYS_write, fd, "hello", 5);
	syscall(SYS_close, fd);
	syscall(SYS_open, "hyt-nonexistent", O_RDONLY);
	fd = syscall(SYS_openat, AT_FDCWD, "hyt-f", O_RDONLY | O_CLOEXEC);
	syscall(SYS_close, fd);
	fd = syscall(SYS_creat, "hyt-creat", 0600);
	syscall(SYS_close, fd);
	syscall(SYS_openat, AT_FDCWD, "hyt-f", O_RDWR | O_CREAT | O_EXCL, 0644);

	/* stat family */
	syscall(SYS_stat, "hyt-f", &st);
	syscall(SYS_stat, "hyt-nonexistent", &st);
	syscall(SYS_symlink, "hyt-f", "hyt-sym");
	syscall(SYS_lstat, "hyt-sym", &st);
	fd = syscall(SYS_openat, AT_FDCWD, "hyt-f", O_RDONLY);
	syscall(SYS_fstat, fd, &st);
	syscall(SYS_newfstatat, AT_FDCWD, "hyt-sym", &st, AT_SYMLINK_NOFOLLOW);
	syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH);
	syscall(SYS_statx, AT_FDCWD, "hyt-f", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, &stx);
	syscall(SYS_statx, AT_FDCWD, "hyt-nonexistent", 0, STATX_SIZE, &stx);
	syscall(SYS_close, fd);

	/* directories */
	syscall(SYS_mkdir, "hyt-dir", 0755);
	syscall(SYS_mkdir, "hyt-dir", 0755);
	dfd = syscall(SYS_openat, AT_FDCWD, "hyt-dir", O_RDONLY | O_DIRECTORY);
	syscall(SYS_mkdirat, dfd, "sub", 0700);
	fd = syscall(SYS_openat, dfd, "a", O_WRONLY | O_CREAT, 0640);
	syscall(SYS_close, fd);
	syscall(SYS_getdents64, dfd, buf, sizeof(buf));
	syscall(SYS_getdents64, dfd, buf, sizeof(buf));
	syscall(SYS_unlinkat, dfd, "a", 0);
	syscall(SYS_unlinkat, dfd, "sub", AT_REMOVEDIR);
	syscall(SYS_close, dfd);
	syscall(SYS_rmdir, "hyt-dir");
	syscall(SYS_rmdir, "hyt-dir");

	/* links */
	syscall(SYS_readlink, "hyt-sym", buf, sizeof(buf));
	syscall(SYS_readlinkat, AT_FDCWD, "hyt-sym", buf, 3);
	syscall(SYS_readlink, "hyt-f", buf, sizeof(buf));
	syscall(SYS_symlinkat, "hyt-f", AT_FDCWD, "hyt-sym2");
	syscall(SYS_link, "hyt-f", "hyt-link");
	syscall(SYS_linkat, AT_FDCWD, "hyt-f", AT_FDCWD, "hyt-link2", 0);
	syscall(SYS_rename, "hyt-link", "hyt-g");
	syscall(SYS_renameat, AT_FDCWD, "hyt-g", AT_FDCWD, "hyt-h");
	syscall(SYS_renameat2, AT_FDCWD, "hyt-h", AT_FDCWD, "hyt-link2", RENAME_NOREPLACE);
	syscall(SYS_unlink, "hyt-h");
	syscall(SYS_unlink, "hyt-link2");
	syscall(SYS_unlinkat, AT_FDCWD, "hyt-sym2", 0);
	syscall(SYS_unlink, "hyt-sym");

	/* modes and owners (to oneself: works for any user) */
	syscall(SYS_chmod, "hyt-f", 0600);
	fd = syscall(SYS_openat, AT_FDCWD, "hyt-f", O_RDWR);
	syscall(SYS_fchmod, fd, 0640);
	syscall(SYS_fchmodat, AT_FDCWD, "hyt-f", 0644, 0);
	syscall(SYS_chown, "hyt-f", -1, -1);
	syscall(SYS_fchown, fd, -1, -1);
	syscall(SYS_lchown, "hyt-f", -1, -1);
	syscall(SYS_fchownat, AT_FDCWD, "hyt-f", -1, -1, AT_SYMLINK_NOFOLLOW);
	syscall(SYS_access, "hyt-f", R_OK | W_OK);
	syscall(SYS_access, "hyt-nonexistent", F_OK);
	syscall(SYS_faccessat, AT_FDCWD, "hyt-f", X_OK);
	syscall(SYS_faccessat2, AT_FDCWD, "hyt-f", R_OK, AT_EACCESS);

	/* sizes and sync */
	syscall(SYS_truncate, "hyt-f", 100);
	syscall(SYS_ftruncate, fd, 10);
	syscall(SYS_fsync, fd);
	syscall(SYS_fdatasync, fd);
	syscall(SYS_fallocate, fd, 0, 0, 4096);
	syscall(SYS_fallocate, fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, 4096);
	syscall(SYS_utimensat, AT_FDCWD, "hyt-f", ts, 0);
	syscall(SYS_utimensat, fd, NULL, NULL, 0);
	ts[0].tv_nsec = UTIME_NOW;
	ts[1].tv_nsec = UTIME_OMIT;
	syscall(SYS_utimensat, AT_FDCWD, "hyt-f", ts, AT_SYMLINK_NOFOLLOW);

	/* extended attributes (user.* works on ext4, tmpfs >= 6.6, btrfs, xfs) */
	syscall(SYS_setxattr, "hyt-f", "user.hyt", "value", 5, XATTR_CREATE);
	syscall(SYS_getxattr, "hyt-f", "user.hyt", buf, sizeof(buf));
	syscall(SYS_getxattr, "hyt-f", "user.none", buf, sizeof(buf));
	syscall(SYS_listxattr, "hyt-f", buf, sizeof(buf));
	syscall(SYS_fsetxattr, fd, "user.two", "2", 1, 0);
	syscall(SYS_flistxattr, fd, buf, sizeof(buf));
	syscall(SYS_removexattr, "hyt-f", "user.hyt");
	syscall(SYS_fremovexattr, fd, "user.two");
	syscall(SYS_close, fd);

	/* working directory */
	cwd = syscall(SYS_openat, AT_FDCWD, ".", O_RDONLY | O_DIRECTORY);
	syscall(SYS_chdir, "/tmp");
	syscall(SYS_getcwd, buf, sizeof(buf));
	syscall(SYS_chdir, "/nonexistent-hyt");
	syscall(SYS_fchdir, cwd);
	syscall(SYS_close, cwd);
	syscall(SYS_unlink, "hyt-f");
	syscall(SYS_unlink, "hyt-creat");

	hyt_end();
	cleanup();
	return 0;
}
