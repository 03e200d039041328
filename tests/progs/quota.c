/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* quota.c: quotactl and quotactl_fd commands on a file system without quotas (their errors are fixed). */
#include "hyt.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/quota.h>
#include <linux/dqblk_xfs.h>

int main(void)
{
	struct if_dqblk dq = { 100, 50, 7, 10, 5, 3, 0, 0, QIF_BLIMITS | QIF_ILIMITS };
	struct if_dqinfo di = { 3600, 7200, 0x1, IIF_BGRACE | 0x80 };
	struct fs_disk_quota xq = { .d_version = FS_DQUOT_VERSION, .d_flags = FS_USER_QUOTA,
				    .d_fieldmask = FS_DQ_BSOFT, .d_id = 42, .d_blk_softlimit = 1000 };
	uint32_t flags = FS_QUOTA_UDQ_ACCT | FS_QUOTA_UDQ_ENFD;
	char buf[128];
	int fd;

	hyt_begin();
	fd = syscall(SYS_openat, AT_FDCWD, "/", O_RDONLY);
	syscall(SYS_quotactl, QCMD(Q_SYNC, USRQUOTA), NULL, 0, NULL);
	syscall(SYS_quotactl, QCMD(Q_QUOTAON, GRPQUOTA), "/dev/null", QFMT_VFS_V1, "/hyt/quota.group");
	syscall(SYS_quotactl, QCMD(Q_QUOTAOFF, PRJQUOTA), "/dev/null", 0, NULL);
	syscall(SYS_quotactl, QCMD(Q_GETQUOTA, USRQUOTA), "/dev/null", 1000, buf);
	syscall(SYS_quotactl, QCMD(Q_SETQUOTA, USRQUOTA), "/dev/null", -1, &dq);
	syscall(SYS_quotactl, QCMD(Q_GETNEXTQUOTA, USRQUOTA), "/dev/null", 0, buf);
	syscall(SYS_quotactl, QCMD(Q_GETFMT, USRQUOTA), "/dev/null", 0, buf);
	syscall(SYS_quotactl, QCMD(Q_GETINFO, USRQUOTA), "/dev/null", 0, buf);
	syscall(SYS_quotactl, QCMD(Q_SETINFO, USRQUOTA), "/dev/null", 0, &di);
	syscall(SYS_quotactl, QCMD(Q_XQUOTAON, USRQUOTA), "/dev/null", 0, &flags);
	syscall(SYS_quotactl, QCMD(Q_XQUOTARM, USRQUOTA), "/dev/null", 0, &flags);
	syscall(SYS_quotactl, QCMD(Q_XSETQLIM, USRQUOTA), "/dev/null", 42, &xq);
	syscall(SYS_quotactl, QCMD(Q_XGETQUOTA, USRQUOTA), "/dev/null", 42, buf);
	syscall(SYS_quotactl, QCMD(0xdead, 7), "/dev/null", 3, NULL);
	syscall(SYS_quotactl_fd, fd, QCMD(Q_GETQUOTA, USRQUOTA), 1000, buf);
	syscall(SYS_quotactl_fd, fd, QCMD(Q_SETQUOTA, GRPQUOTA), 1000, &dq);
	syscall(SYS_quotactl_fd, fd, QCMD(Q_SYNC, USRQUOTA), 0, NULL);
	syscall(SYS_close, fd);
	hyt_end();
	return 0;
}
