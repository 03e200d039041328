/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mountapi.c: fsopen, fsconfig, fsmount, fspick, move_mount, open_tree, mount_setattr (nothing is mounted). */
#include "hyt.h"
#include <fcntl.h>
#include <stdint.h>
#include <linux/mount.h>

int main(void)
{
	struct mount_attr attr = { .attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID,
				   .attr_clr = 0x400, .propagation = MS_PRIVATE, .userns_fd = 7 };
	long fs, mnt;

	hyt_begin();
	fs = syscall(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC);
	syscall(SYS_fsopen, "hyt-no-such-fs", 0x10);
	syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "size", "1m", 0);
	syscall(SYS_fsconfig, fs, FSCONFIG_SET_FLAG, "hyt-no-such-flag", NULL, 0);
	syscall(SYS_fsconfig, fs, FSCONFIG_SET_PATH, "source", "/hyt/no/such/path", AT_FDCWD);
	syscall(SYS_fsconfig, fs, FSCONFIG_SET_FD, "fd", NULL, 0);
	syscall(SYS_fsconfig, fs, FSCONFIG_SET_BINARY, "hyt-bin", "\1\2\3abc", 6);
	syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0);
	syscall(SYS_fsconfig, -1, 0x55, (void *)16, (void *)32, 3);
	mnt = syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NODEV | MOUNT_ATTR_NOATIME);
	syscall(SYS_fsmount, -1, 2, 0x40000);
	syscall(SYS_move_mount, mnt, "", AT_FDCWD, "/hyt/no/such/dir", MOVE_MOUNT_F_EMPTY_PATH);
	syscall(SYS_move_mount, -1, "/hyt/a", -1, "/hyt/b", 0x8000);
	syscall(SYS_fspick, AT_FDCWD, "/hyt/no/such/dir", FSPICK_CLOEXEC | FSPICK_SYMLINK_NOFOLLOW);
	syscall(SYS_open_tree, AT_FDCWD, "/hyt/no/such/dir", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
	syscall(SYS_mount_setattr, AT_FDCWD, "/hyt/no/such/dir", AT_RECURSIVE, &attr, sizeof(attr));
	syscall(SYS_mount_setattr, -1, "", AT_EMPTY_PATH, &attr, 16);
	syscall(SYS_close, mnt);
	syscall(SYS_close, fs);
	hyt_end();
	return 0;
}
