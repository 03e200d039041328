// SPDX-License-Identifier: LGPL-2.1-or-later
/* procperm.c: who may trace what: the caller's capabilities and ptrace-like checks on a pid. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "procperm.h"

#define PF_KTHREAD	0x00200000	/* include/linux/sched.h: "I am a kernel thread" */

bool cap_effective(int cap)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2] = { 0 };

	if (cap < 0 || cap >= 64 || syscall(SYS_capget, &h, d) < 0)
		return false;
	return d[cap / 32].effective >> (cap % 32) & 1;
}

/* What /proc/PID/status says about the credentials of pid. */
struct pcred {
	long uid[4], gid[4];	/* real, effective, saved, filesystem */
	uint64_t cap_prm;
};

static int read_status(const char *path, struct pcred *c)
{
	char line[256];
	int seen = 0;
	FILE *f = fopen(path, "re");

	if (!f)
		return errno == ENOENT ? -ESRCH : -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Uid: %ld %ld %ld %ld", &c->uid[0], &c->uid[1], &c->uid[2],
			   &c->uid[3]) == 4)
			seen |= 1;
		else if (sscanf(line, "Gid: %ld %ld %ld %ld", &c->gid[0], &c->gid[1], &c->gid[2],
				&c->gid[3]) == 4)
			seen |= 2;
		else if (sscanf(line, "CapPrm: %" SCNx64, &c->cap_prm) == 1)
			seen |= 4;
	}
	fclose(f);
	return seen == 7 ? 0 : -EIO;
}

/* The flags field of /proc/PID/stat (the 9th; the name in parentheses may hold anything). */
static int read_flags(pid_t pid, unsigned long *flags)
{
	char path[64], buf[1024];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? -ESRCH : -errno;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *p = strrchr(buf, ')');

	/* after the name: state ppid pgrp session tty_nr tpgid flags */
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %lu", flags) != 1)
		return -EIO;
	return 0;
}

int proc_may_trace(pid_t pid, char *why, size_t whylen)
{
	char path[64];
	unsigned long flags;
	struct pcred t, me;
	struct stat st;
	int err;

	err = read_flags(pid, &flags);
	if (err) {
		snprintf(why, whylen, "%s", strerror(err == -ESRCH ? ESRCH : -err));
		return err == -ESRCH ? -ESRCH : -EPERM;
	}
	if (flags & PF_KTHREAD) {
		snprintf(why, whylen, "%s (a kernel thread)", strerror(EPERM));
		return -EPERM;
	}
	if (cap_effective(CAP_SYS_PTRACE))
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	err = read_status(path, &t);
	if (!err)
		err = read_status("/proc/self/status", &me);
	if (err) {
		snprintf(why, whylen, "%s (cannot read its credentials)", strerror(-err));
		return err == -ESRCH ? -ESRCH : -EPERM;
	}
	for (int i = 0; i < 3; i++)
		if (t.uid[i] != (long)getuid() || t.gid[i] != (long)getgid()) {
			snprintf(why, whylen, "%s (it runs as uid %ld gid %ld, not as the caller's uid %ld gid %ld; needs CAP_SYS_PTRACE)",
				 strerror(EPERM), t.uid[i], t.gid[i], (long)getuid(), (long)getgid());
			return -EPERM;
		}
	/* the kernel makes /proc/PID root's while the process is not dumpable (proc_pid_make_inode) */
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	if (stat(path, &st) < 0 || st.st_uid != getuid()) {
		snprintf(why, whylen, "%s (it is not dumpable: set-user-ID, file capabilities or prctl; needs CAP_SYS_PTRACE)",
			 strerror(EPERM));
		return -EPERM;
	}
	if (t.cap_prm & ~me.cap_prm) {
		snprintf(why, whylen, "%s (it holds capabilities the caller lacks; needs CAP_SYS_PTRACE)",
			 strerror(EPERM));
		return -EPERM;
	}
	return 0;
}

bool proc_foreign(pid_t pid)
{
	char path[64];
	struct pcred t;
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_status(path, &t))
		return true;
	for (int i = 0; i < 3; i++)
		if (t.uid[i] != (long)getuid())
			return true;
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	return stat(path, &st) < 0 || st.st_uid != getuid();
}
