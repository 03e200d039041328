// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_families.c: the rarer syscall families (keys, memory policies, the mount API, kcmp,
 * fanotify, landlock, futex_waitv, quotactl, io_uring, prctl's rarer options) against lines
 * printed by strace 6.1, with unreadable and cut arguments. */
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include "unit.h"

#define ENOKEY_V	126
#define EINVAL_V	22
#define EFAULT_V	14
#define E2BIG_T		7

UT_CASE(keys)
{
	ut_begin(u, SYS_add_key, 0x1000, 0x2000, 0x3000, 7, 0x12345678, 0);
	ut_str(u, 0, HY_AT_ENTER, "user");
	ut_str(u, 1, HY_AT_ENTER, "hyt:desc");
	ut_blob(u, 2, HY_AT_ENTER, 0, "payload", 7, 0);
	UT_LINE(u, "add_key", -ENOKEY_V,
		"add_key(\"user\", \"hyt:desc\", \"payload\", 7, 305419896) = -1 ENOKEY (Required key not available)");
	ut_begin(u, SYS_add_key, 0, 0, 0, 0, (uint32_t)-5, 0);
	UT_LINE(u, "add_key NULL", -EFAULT_V,
		"add_key(NULL, NULL, NULL, 0, KEY_SPEC_USER_SESSION_KEYRING) = -1 EFAULT (Bad address)");
	/* a payload longer than -s, a description that cannot be read */
	ut_begin(u, SYS_add_key, 0x1000, 0x7ff000, 0x3000, 40, (uint32_t)-100, 0);
	ut_str(u, 0, HY_AT_ENTER, "user");
	ut_blob_err(u, 1, HY_AT_ENTER, EFAULT_V);
	ut_blob(u, 2, HY_AT_ENTER, 0, "0123456789012345678901234567890123456789", 32, 0);
	UT_LINE(u, "add_key cut", -EFAULT_V,
		"add_key(\"user\", 0x7ff000, \"01234567890123456789012345678901\"..., 40, -100) = -1 EFAULT (Bad address)");
	/* a payload and a description that run into unreadable memory: their addresses */
	ut_begin(u, SYS_add_key, 0x1000, 0x7ffb, 0x6ffb, 10, 0, 0);
	ut_str(u, 0, HY_AT_ENTER, "user");
	ut_blob(u, 1, HY_AT_ENTER, 0, "abcde", 5, HY_BF_TRUNC);
	ut_blob(u, 2, HY_AT_ENTER, 0, "\16\17\20\21\22", 5, HY_BF_TRUNC);
	UT_LINE(u, "add_key partial", -EFAULT_V,
		"add_key(\"user\", 0x7ffb, 0x6ffb, 10, 0) = -1 EFAULT (Bad address)");
	ut_begin(u, SYS_request_key, 0x1000, 0x2000, 0, (uint32_t)-2, 0, 0);
	ut_str(u, 0, HY_AT_ENTER, "user");
	ut_str(u, 1, HY_AT_ENTER, "hyt:none");
	UT_LINE(u, "request_key", -ENOKEY_V,
		"request_key(\"user\", \"hyt:none\", NULL, KEY_SPEC_PROCESS_KEYRING) = -1 ENOKEY (Required key not available)");
	ut_begin(u, SYS_keyctl, 5, 0x12345678, 0x3f010040, 0, 0, 0);
	UT_LINE(u, "keyctl setperm", -EINVAL_V,
		"keyctl(KEYCTL_SETPERM, 305419896, KEY_POS_VIEW|KEY_POS_READ|KEY_POS_WRITE|KEY_POS_SEARCH|KEY_POS_LINK|KEY_POS_SETATTR|KEY_USR_VIEW|0x40) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_keyctl, 19, 0x12345678, 10, 125, 0x12345679, 0);
	UT_LINE(u, "keyctl reject", -1,
		"keyctl(KEYCTL_REJECT, 305419896, 10, ECANCELED, 305419897) = -1 EPERM (Operation not permitted)");
	ut_begin(u, SYS_keyctl, 14, (uint32_t)-1, 0, 0, 0, 0);
	UT_LINE(u, "keyctl reqkey", 0, "keyctl(KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE) = 0");
	ut_begin(u, SYS_keyctl, 14, 99, 0, 0, 0, 0);
	UT_LINE(u, "keyctl reqkey unknown", -EINVAL_V,
		"keyctl(KEYCTL_SET_REQKEY_KEYRING, 99 /* KEY_REQKEY_DEFL_??? */) = -1 EINVAL (Invalid argument)");
	/* KEYCTL_READ: the returned bytes, at most len; the entry half stops after the key */
	ut_begin(u, SYS_keyctl, 11, 0x12345678, 0x5000, 4, 0, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, "abcd", 4, 0);
	UT_EXPECT("keyctl read entry", ut_enter(u), "keyctl(KEYCTL_READ, 305419896, ");
	UT_LINE(u, "keyctl read", 10, "keyctl(KEYCTL_READ, 305419896, \"abcd\", 4) = 10");
	/* KEYCTL_DESCRIBE drops the terminating NUL */
	ut_begin(u, SYS_keyctl, 6, 0x12345678, 0x5000, 64, 0, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, "user;0;0;3f010000;k\0", 20, 0);
	UT_LINE(u, "keyctl describe", 20,
		"keyctl(KEYCTL_DESCRIBE, 305419896, \"user;0;0;3f010000;k\", 64) = 20");
	ut_begin(u, SYS_keyctl, 10, 0x12345678, 0x1000, 0x2000, (uint32_t)-6, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, "user\0xyz", 8, 0);
	ut_str(u, 3, HY_AT_ENTER, "hyt:none");
	UT_LINE(u, "keyctl search", -ENOKEY_V,
		"keyctl(KEYCTL_SEARCH, 305419896, \"user\", \"hyt:none\", KEY_SPEC_GROUP_KEYRING) = -1 ENOKEY (Required key not available)");
	ut_begin(u, SYS_keyctl, 30, 1, 2, 3, 3, 0);
	UT_LINE(u, "keyctl move", -EINVAL_V,
		"keyctl(KEYCTL_MOVE, 1, 2, 3, KEYCTL_MOVE_EXCL|0x2) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_keyctl, 0x7fff, 1, 2, 3, 4, 0);
	UT_LINE(u, "keyctl unknown", -95,
		"keyctl(0x7fff /* KEYCTL_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EOPNOTSUPP (Operation not supported)");
}

UT_CASE(numa)
{
	uint64_t mask[4] = { 1, 0, 0, 0 };
	int32_t mode = 0;

	ut_begin(u, SYS_set_mempolicy, 3 | 0x8000, 0x1000, 129, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, mask, 32, 0);
	UT_LINE(u, "set_mempolicy", 0,
		"set_mempolicy(MPOL_INTERLEAVE|MPOL_F_STATIC_NODES, [0x00000000000001, 0000000000000000], 129) = 0");
	ut_begin(u, SYS_set_mempolicy, 0x77 | 0x4000, 0x1000, 9, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, mask, 9, 0);
	UT_LINE(u, "set_mempolicy unknown mode", -EINVAL_V,
		"set_mempolicy(MPOL_F_RELATIVE_NODES|0x77, [0x00000000000001], 9) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_set_mempolicy, 0x77, 0x8, 65, 0, 0, 0);
	ut_blob_err(u, 1, HY_AT_ENTER, EFAULT_V);
	UT_LINE(u, "set_mempolicy unreadable", -EFAULT_V,
		"set_mempolicy(0x77 /* MPOL_??? */, 0x8, 65) = -1 EFAULT (Bad address)");
	/* only part of the mask was read: what was, then ... */
	ut_begin(u, SYS_mbind, 0x7f0000000000, 4096, 5 | 0x2000, 0x1000, 257, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, mask, 16, 0);
	UT_LINE(u, "mbind", 0,
		"mbind(0x7f0000000000, 4096, MPOL_PREFERRED_MANY|MPOL_F_NUMA_BALANCING, [0x00000000000001, 0000000000000000, ...], 257, 0) = 0");
	ut_begin(u, SYS_get_mempolicy, 0x2000, 0x1000, 65, 0, 0, 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, &mode, 4, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, mask + 1, 16, 0);
	UT_EXPECT("get_mempolicy entry", ut_enter(u), "get_mempolicy(");
	UT_LINE(u, "get_mempolicy", 0,
		"get_mempolicy([MPOL_DEFAULT], [0000000000000000], 65, NULL, 0) = 0");
	ut_begin(u, SYS_get_mempolicy, 0x2000, 0x1000, 1, 0, 0x10, 0);
	UT_LINE(u, "get_mempolicy einval", -EINVAL_V,
		"get_mempolicy(0x2000, 0x1000, 1, NULL, 0x10 /* MPOL_??? */) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_set_mempolicy_home_node, 0x7f0000000000, 4096, 3, 1, 0, 0);
	UT_LINE(u, "set_mempolicy_home_node", -EINVAL_V,
		"set_mempolicy_home_node(0x7f0000000000, 4096, 3, 0x1) = -1 EINVAL (Invalid argument)");
}

UT_CASE(mountapi)
{
	uint64_t attr[4] = { 3, 0x400, 1 << 18, 7 };

	ut_begin(u, SYS_fsconfig, 3, 1, 0x1000, 0x2000, 0, 0);
	ut_str(u, 2, HY_AT_ENTER, "size");
	ut_str(u, 3, HY_AT_ENTER, "1m");
	UT_LINE(u, "fsconfig string", 0, "fsconfig(3, FSCONFIG_SET_STRING, \"size\", \"1m\", 0) = 0");
	ut_begin(u, SYS_fsconfig, 3, 3, 0x1000, 0x2000, (uint32_t)-100, 0);
	ut_str(u, 2, HY_AT_ENTER, "source");
	ut_str(u, 3, HY_AT_ENTER, "/hyt/no/such/path");
	UT_LINE(u, "fsconfig path", -EINVAL_V,
		"fsconfig(3, FSCONFIG_SET_PATH, \"source\", \"/hyt/no/such/path\", AT_FDCWD) = -1 EINVAL (Invalid argument)");
	/* binary data: shown in hex when the bytes before its NUL cover aux, else the address */
	ut_begin(u, SYS_fsconfig, 3, 2, 0x1000, 0x2000, 6, 0);
	ut_str(u, 2, HY_AT_ENTER, "hyt-bin");
	ut_blob(u, 3, HY_AT_ENTER, 0, "\1\2\3abc", 6, HY_BF_NUL);
	UT_LINE(u, "fsconfig binary", -EINVAL_V,
		"fsconfig(3, FSCONFIG_SET_BINARY, \"hyt-bin\", \"\\x01\\x02\\x03\\x61\\x62\\x63\", 6) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_fsconfig, 3, 2, 0x1000, 0x2000, 6, 0);
	ut_str(u, 2, HY_AT_ENTER, "hyt-bin");
	ut_blob(u, 3, HY_AT_ENTER, 0, "\1", 1, HY_BF_NUL);
	UT_LINE(u, "fsconfig binary with a NUL", -EINVAL_V,
		"fsconfig(3, FSCONFIG_SET_BINARY, \"hyt-bin\", 0x2000, 6) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_fsconfig, (uint32_t)-1, 0x55, 16, 32, 3, 0);
	UT_LINE(u, "fsconfig unknown", -EINVAL_V,
		"fsconfig(-1, 0x55 /* FSCONFIG_??? */, 0x10, 0x20, 3) = -1 EINVAL (Invalid argument)");
	/* strace prints at most 256 bytes of a key: a key of exactly 256 gets "..." even at -s 300 */
	{
		char key[257];

		memset(key, 'k', 256);
		key[256] = '\0';
		u->o.strsize = 300;
		ut_begin(u, SYS_fsconfig, 3, 0, 0x1000, 0, 0, 0);
		ut_str(u, 2, HY_AT_ENTER, key);
		key[0] = '\0';
		UT_EXPECT("fsconfig 256-byte key", strstr(ut_line(u, -EINVAL_V), "kkkk\"..., NULL, 0)") ? "..." : "none", "...");
		u->o.strsize = 32;
	}
	ut_begin(u, SYS_fsmount, (uint32_t)-1, 2, 0x40000, 0, 0, 0);
	UT_LINE(u, "fsmount", -EINVAL_V,
		"fsmount(-1, 0x2 /* FSMOUNT_??? */, 0x40000 /* MOUNT_ATTR_??? */) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_mount_setattr, (uint32_t)-100, 0x1000, 0x8000, 0x2000, 32, 0);
	ut_str(u, 1, HY_AT_ENTER, "/hyt/no/such/dir");
	ut_blob(u, 3, HY_AT_ENTER, 0, attr, 32, 0);
	UT_LINE(u, "mount_setattr", -EINVAL_V,
		"mount_setattr(AT_FDCWD, \"/hyt/no/such/dir\", AT_RECURSIVE, {attr_set=MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOSUID, attr_clr=0x400 /* MOUNT_ATTR_??? */, propagation=MS_PRIVATE, userns_fd=7}, 32) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_mount_setattr, (uint32_t)-1, 0x1000, 0x1000, 0x2000, 16, 0);
	ut_str(u, 1, HY_AT_ENTER, "");
	UT_LINE(u, "mount_setattr short size", -EINVAL_V,
		"mount_setattr(-1, \"\", AT_EMPTY_PATH, 0x2000, 16) = -1 EINVAL (Invalid argument)");
}

UT_CASE(rare)
{
	uint32_t slot[3] = { 3, 4, 5 };
	uint64_t acc = 1;
	uint64_t w[3] = { 5, 0x5000, 2 | 128 };

	ut_begin(u, SYS_kcmp, 42, 42, 7, 3, 0x1000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, slot, 12, 0);
	UT_LINE(u, "kcmp epoll", -EINVAL_V,
		"kcmp(42, 42, KCMP_EPOLL_TFD, 3, {efd=3, tfd=4, toff=5}) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_kcmp, 42, 42, 1, 9, 9, 0);
	UT_LINE(u, "kcmp vm", 0, "kcmp(42, 42, KCMP_VM) = 0");
	ut_begin(u, SYS_fanotify_init, 0x3 | 0x80000000, 1, 0, 0, 0, 0);
	UT_LINE(u, "fanotify_init", -EINVAL_V,
		"fanotify_init(FAN_CLASS_NOTIF|FAN_CLOEXEC|FAN_NONBLOCK|0x80000000, O_WRONLY) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_fanotify_mark, (uint32_t)-1, 0x8000, 0x1000000, (uint32_t)-1, 0, 0);
	UT_LINE(u, "fanotify_mark", -EINVAL_V,
		"fanotify_mark(-1, 0x8000 /* FAN_MARK_??? */, 0x1000000 /* FAN_??? */, FAN_NOFD, NULL) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_landlock_create_ruleset, 0x1000, 16, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, &acc, 8, 0);
	UT_LINE(u, "landlock_create_ruleset", 5,
		"landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_EXECUTE, ...}, 16, 0) = 5");
	ut_begin(u, SYS_landlock_create_ruleset, 0x1000, 4, 0x10, 0, 0, 0);
	UT_LINE(u, "landlock_create_ruleset small", -EINVAL_V,
		"landlock_create_ruleset(0x1000, 4, 0x10 /* LANDLOCK_CREATE_RULESET_??? */) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_futex_waitv, 0x1000, 2, 0, 0, 99, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, w, 24, 0);
	UT_LINE(u, "futex_waitv cut", -EINVAL_V,
		"futex_waitv([{val=0x5, uaddr=0x5000, flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, ...], 2, 0, NULL, 0x63 /* CLOCK_??? */) = -1 EINVAL (Invalid argument)");
}

UT_CASE(quota)
{
	uint64_t dq[9] = { 100, 50, 7, 10, 5, 3, 0, 0, 5 };
	uint32_t fmt = 4;

	ut_begin(u, SYS_quotactl, 0x80000800, 0x1000, (uint32_t)-1, 0x2000, 0, 0);
	ut_str(u, 1, HY_AT_ENTER, "/dev/sda");
	ut_blob(u, 3, HY_AT_ENTER, 0, dq, 72, 0);
	UT_LINE(u, "quotactl setquota", 0,
		"quotactl(QCMD(Q_SETQUOTA, USRQUOTA), \"/dev/sda\", -1, {dqb_bhardlimit=100, dqb_bsoftlimit=50, dqb_curspace=7, dqb_ihardlimit=10, dqb_isoftlimit=5, dqb_curinodes=3, ...}) = 0");
	u->o.verbose = true;
	UT_LINE(u, "quotactl setquota -v", 0,
		"quotactl(QCMD(Q_SETQUOTA, USRQUOTA), \"/dev/sda\", -1, {dqb_bhardlimit=100, dqb_bsoftlimit=50, dqb_curspace=7, dqb_ihardlimit=10, dqb_isoftlimit=5, dqb_curinodes=3, dqb_btime=0, dqb_itime=0, dqb_valid=QIF_BLIMITS|QIF_ILIMITS}) = 0");
	u->o.verbose = false;
	ut_begin(u, SYS_quotactl, 0x80000400, 0x1000, 0, 0x2000, 0, 0);
	ut_str(u, 1, HY_AT_ENTER, "/dev/sda");
	ut_blob(u, 3, HY_AT_EXIT, 0, &fmt, 4, 0);
	UT_EXPECT("quotactl getfmt entry", ut_enter(u), "quotactl(QCMD(Q_GETFMT, USRQUOTA), \"/dev/sda\", ");
	UT_LINE(u, "quotactl getfmt", 0, "quotactl(QCMD(Q_GETFMT, USRQUOTA), \"/dev/sda\", [QFMT_VFS_V1]) = 0");
	ut_begin(u, SYS_quotactl, 0xdead07, 0x1000, 3, 0, 0, 0);
	ut_str(u, 1, HY_AT_ENTER, "/dev/null");
	UT_LINE(u, "quotactl unknown", -EINVAL_V,
		"quotactl(QCMD(0xdead /* Q_??? */, 0x7 /* ???QUOTA */), \"/dev/null\", 3, NULL) = -1 EINVAL (Invalid argument)");
}

UT_CASE(iouring)
{
	uint32_t p[30] = { 0, 8, 1 | 8, 1, 10 };
	uint64_t set = 1 << 9;

	ut_begin(u, SYS_io_uring_setup, 0, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, p, 120, 0);
	UT_LINE(u, "io_uring_setup failed", -EINVAL_V,
		"io_uring_setup(0, {flags=IORING_SETUP_IOPOLL|IORING_SETUP_CQSIZE, sq_thread_cpu=0x1, sq_thread_idle=10}) = -1 EINVAL (Invalid argument)");
	p[0] = 4;
	p[5] = 1;
	ut_blob(u, 1, HY_AT_EXIT, 0, p, 120, 0);
	UT_LINE(u, "io_uring_setup", 3,
		"io_uring_setup(0, {flags=IORING_SETUP_IOPOLL|IORING_SETUP_CQSIZE, sq_thread_cpu=0x1, sq_thread_idle=10, sq_entries=4, cq_entries=8, features=IORING_FEAT_SINGLE_MMAP, sq_off={head=0, tail=0, ring_mask=0, ring_entries=0, flags=0, dropped=0, array=0}, cq_off={head=0, tail=0, ring_mask=0, ring_entries=0, overflow=0, cqes=0, flags=0}}) = 3");
	ut_begin(u, SYS_io_uring_enter, (uint32_t)-1, 0, 0, 0x100, 0x1000, 8);
	ut_blob(u, 4, HY_AT_ENTER, 0, &set, 8, 0);
	UT_LINE(u, "io_uring_enter", -EINVAL_V,
		"io_uring_enter(-1, 0, 0, 0x100 /* IORING_ENTER_??? */, [USR1], 8) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_io_uring_register, (uint32_t)-1, 0xdead, 0x10, 3, 0, 0);
	UT_LINE(u, "io_uring_register", -EINVAL_V,
		"io_uring_register(-1, 0xdead /* IORING_REGISTER_??? */, 0x10, 3) = -1 EINVAL (Invalid argument)");

	/* IORING_REGISTER_FILES2: struct io_uring_rsrc_register, its data and tags arrays (blob
	 * idx HY_OPD_SUB_IDX + 0 and + 1), the tags cut by an unreadable page after one */
	uint64_t rr[5] = { 3 | 1ull << 32, 0, 0x2000, 0x3000, 0x5a };
	int32_t fds[3] = { 0, -2, 7 };
	uint64_t tag = 0xfeed;

	ut_begin(u, SYS_io_uring_register, 5, 13, 0x1200, 40, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, rr, 40, 0);
	ut_blob(u, 2, HY_AT_ENTER, HY_OPD_SUB_IDX, fds, sizeof(fds), HY_BF_CHILD);
	ut_blob(u, 2, HY_AT_ENTER, HY_OPD_SUB_IDX + 1, &tag, 8, HY_BF_CHILD | HY_BF_TRUNC | HY_BF_FAULT);
	UT_LINE(u, "io_uring_register FILES2", -EINVAL_V,
		"io_uring_register(5, IORING_REGISTER_FILES2, {nr=3, flags=IORING_RSRC_REGISTER_SPARSE, data=[0, -2, 7], tags=[0xfeed, ... /* 0x3008 */], /* bytes 32..39 */ \"\\x5a\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"}, 40) = -1 EINVAL (Invalid argument)");
	/* a size below the struct's: the address */
	ut_begin(u, SYS_io_uring_register, 5, 13, 0x1200, 16, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, rr, 16, 0);
	UT_LINE(u, "io_uring_register FILES2 short", -EINVAL_V,
		"io_uring_register(5, IORING_REGISTER_FILES2, 0x1200, 16) = -1 EINVAL (Invalid argument)");

	/* IORING_REGISTER_RESTRICTIONS with an unknown opcode, default and -X raw */
	uint8_t res[16] = { 7, 0, 0x12, 1 };

	ut_begin(u, SYS_io_uring_register, 5, 11, 0x1200, 1, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, res, 16, 0);
	UT_LINE(u, "io_uring_register RESTRICTIONS", -EINVAL_V,
		"io_uring_register(5, IORING_REGISTER_RESTRICTIONS, [{opcode=0x7 /* IORING_RESTRICTION_??? */ /* op: 0x12 */, resv=0x1}], 1) = -1 EINVAL (Invalid argument)");
	u->o.xflag |= RENDER_XRAW;
	UT_LINE(u, "io_uring_register RESTRICTIONS -X raw", -EINVAL_V,
		"io_uring_register(5, 0xb, [{opcode=0x7 /* op: 0x12 */, resv=0x1}], 1) = -1 EINVAL (Invalid argument)");
	u->o.xflag &= ~RENDER_XRAW;

	/* IORING_REGISTER_IOWQ_MAX_WORKERS: indexed, again at exit; -X verbose names the index */
	uint32_t w[3] = { 4, 8, 9 }, w2[3] = { 1, 2, 3 };

	ut_begin(u, SYS_io_uring_register, 5, 19, 0x1200, 3, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, w, sizeof(w), 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, w2, sizeof(w2), 0);
	UT_LINE(u, "io_uring_register IOWQ_MAX_WORKERS", 0,
		"io_uring_register(5, IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=4, [IO_WQ_UNBOUND]=8, [2 /* IO_WQ_??? */]=9] => [[IO_WQ_BOUND]=1, [IO_WQ_UNBOUND]=2, [2 /* IO_WQ_??? */]=3], 3) = 0");
	u->o.xflag |= RENDER_XVERBOSE;
	UT_LINE(u, "io_uring_register IOWQ_MAX_WORKERS -X verbose", 0,
		"io_uring_register(5, 0x13 /* IORING_REGISTER_IOWQ_MAX_WORKERS */, [[0 /* IO_WQ_BOUND */]=4, [1 /* IO_WQ_UNBOUND */]=8, [2 /* IO_WQ_??? */]=9] => [[0 /* IO_WQ_BOUND */]=1, [1 /* IO_WQ_UNBOUND */]=2, [2 /* IO_WQ_??? */]=3], 3) = 0");
	u->o.xflag &= ~RENDER_XVERBOSE;
}

UT_CASE(prctl_more)
{
	int32_t tsc = 1;

	ut_begin(u, SYS_prctl, 34, 0, 0, 0, 0, 0);
	UT_LINE(u, "PR_MCE_KILL_GET", 2, "prctl(PR_MCE_KILL_GET, 0, 0, 0, 0) = 2 (PR_MCE_KILL_DEFAULT)");
	ut_begin(u, SYS_prctl, 33, 7, 3, 1, 2, 0);
	UT_LINE(u, "PR_MCE_KILL unknown", -EINVAL_V,
		"prctl(PR_MCE_KILL, 0x7 /* PR_MCE_KILL_??? */, 0x3, 0x1, 0x2) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_prctl, 27, 0, 0, 0, 0, 0);
	UT_LINE(u, "PR_GET_SECUREBITS", 0x11, "prctl(PR_GET_SECUREBITS) = 0x11 (SECBIT_NOROOT|SECBIT_KEEP_CAPS)");
	ut_begin(u, SYS_prctl, 25, 0x1000, 0, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, &tsc, 4, 0);
	UT_LINE(u, "PR_GET_TSC", 0, "prctl(PR_GET_TSC, [PR_TSC_ENABLE]) = 0");
	ut_begin(u, SYS_prctl, 55, 0x6 | 0x100000, 1, 2, 3, 0);
	UT_LINE(u, "PR_SET_TAGGED_ADDR_CTRL", -EINVAL_V,
		"prctl(PR_SET_TAGGED_ADDR_CTRL, !PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_MASK|0x100000, 0x1, 0x2, 0x3) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_prctl, 62, 2, 1, 7, 0, 0);
	UT_LINE(u, "PR_SCHED_CORE", -EINVAL_V,
		"prctl(PR_SCHED_CORE, PR_SCHED_CORE_SHARE_TO, 1, 0x7 /* PIDTYPE_??? */, NULL) = -1 EINVAL (Invalid argument)");
}

UT_CASE(perf)
{
	uint8_t a[128] = { 0 }, b[128] = { 0 };
	uint32_t t = 5, sz = 4096, ksz = 136;

	memcpy(a, &t, 4);
	memcpy(a + 4, &sz, 4);
	memcpy(b, a, sizeof(b));
	memcpy(b + 4, &ksz, 4);
	ut_begin(u, SYS_perf_event_open, 0x1000, 0x7fffffff, (uint32_t)-1, (uint32_t)-1, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, a, 128, 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, b, 128, 0);
	UT_EXPECT("perf_event_open entry", ut_enter(u), "perf_event_open(");
	UT_LINE(u, "perf_event_open E2BIG", -7,
		"perf_event_open({type=PERF_TYPE_BREAKPOINT, size=0x1000 /* PERF_ATTR_SIZE_??? */ => PERF_ATTR_SIZE_VER8, config=0, sample_period=0, sample_type=0, read_format=0, precise_ip=0 /* arbitrary skid */, ...}, 2147483647, -1, -1, 0) = -1 E2BIG (Argument list too long)");
	/* a size below PERF_ATTR_SIZE_VER0, and an attr that cannot be read */
	sz = 40;
	memcpy(a + 4, &sz, 4);
	ut_begin(u, SYS_perf_event_open, 0x1000, 0, (uint32_t)-1, (uint32_t)-1, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, a, 128, 0);
	UT_LINE(u, "perf_event_open small", -7, "perf_event_open(0x1000, 0, -1, -1, 0) = -1 E2BIG (Argument list too long)");
	ut_begin(u, SYS_perf_event_open, 0x1000, 0, (uint32_t)-1, (uint32_t)-1, 0x10, 0);
	ut_blob_err(u, 0, HY_AT_ENTER, EFAULT_V);
	UT_LINE(u, "perf_event_open unreadable", -EFAULT_V,
		"perf_event_open(0x1000, 0, -1, -1, 0x10 /* PERF_FLAG_??? */) = -1 EFAULT (Bad address)");
}

UT_CASE(bpfcmd)
{
	uint32_t in[3] = { 7, 0, 0 }, out[3] = { 7, 9, 0 };
	uint8_t big[96] = { 0 };

	ut_begin(u, SYS_bpf, 12, 0x1000, 12, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, in, 12, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, out, 12, 0);
	UT_LINE(u, "bpf get_next_id", 0, "bpf(BPF_MAP_GET_NEXT_ID, {start_id=7, next_id=0 => 9, open_flags=0}, 12) = 0");
	big[80] = 1;
	ut_begin(u, SYS_bpf, 0, 0x1000, 96, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, big, 96, 0);
	u->o.verbose = true;
	UT_LINE(u, "bpf extra_data -v", -EINVAL_V,
		"bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_UNSPEC, key_size=0, value_size=0, max_entries=0, map_flags=0, inner_map_fd=0, map_name=\"\", map_ifindex=0, btf_fd=0, btf_key_type_id=0, btf_value_type_id=0, btf_vmlinux_value_type_id=0, map_extra=0, extra_data=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\" /* bytes 72..95 */}, 96) = -1 EINVAL (Invalid argument)");
	u->o.verbose = false;
	/* an attr that cannot be read, a size above a page */
	ut_begin(u, SYS_bpf, 1, 0x1000, 32, 0, 0, 0);
	ut_blob_err(u, 1, HY_AT_ENTER, EFAULT_V);
	UT_LINE(u, "bpf unreadable", -EFAULT_V, "bpf(BPF_MAP_LOOKUP_ELEM, 0x1000, 32) = -1 EFAULT (Bad address)");
	ut_begin(u, SYS_bpf, 1, 0x1000, 8192, 0, 0, 0);
	UT_LINE(u, "bpf big size", -E2BIG_T, "bpf(BPF_MAP_LOOKUP_ELEM, 0x1000, 8192) = -1 E2BIG (Argument list too long)");
}

UT_CASE(sockopt_more)
{
	uint32_t st[3] = { 5, 1, 9 }, f = 1u << 8;
	int32_t ulen = 12, rlen = 8;

	ut_begin(u, SYS_getsockopt, 4, 263, 6, 0x1000, 0x2000, 0);
	ut_blob(u, 4, HY_AT_ENTER, 0, &ulen, 4, 0);
	ut_blob(u, 4, HY_AT_EXIT, 0, &rlen, 4, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, st, 8, 0);
	UT_LINE(u, "PACKET_STATISTICS", 0,
		"getsockopt(4, SOL_PACKET, PACKET_STATISTICS, {tp_packets=5, tp_drops=1}, [12 => 8]) = 0");
	ut_begin(u, SYS_setsockopt, 3, 255, 1, 0x1000, 4, 0);
	ut_blob_err(u, 3, HY_AT_ENTER, EFAULT_V);
	UT_LINE(u, "ICMP_FILTER unreadable", -EFAULT_V,
		"setsockopt(3, SOL_RAW, ICMP_FILTER, 0x1000, 4) = -1 EFAULT (Bad address)");
	/* two bytes over a filter of all ones (strace 6.1's output for the same call) */
	ut_begin(u, SYS_setsockopt, 3, 255, 1, 0x1000, 2, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, &f, 2, 0);
	UT_LINE(u, "ICMP_FILTER short", 0, "setsockopt(3, SOL_RAW, ICMP_FILTER, ~[ICMP_ECHOREPLY 0x1 /* ICMP_??? */ 0x2 /* ICMP_??? */ ICMP_DEST_UNREACH ICMP_SOURCE_QUENCH ICMP_REDIRECT 0x6 /* ICMP_??? */ 0x7 /* ICMP_??? */ 0x9 /* ICMP_??? */ 0xa /* ICMP_??? */ ICMP_TIME_EXCEEDED ICMP_PARAMETERPROB ICMP_TIMESTAMP ICMP_TIMESTAMPREPLY ICMP_INFO_REQUEST], 2) = 0");
}

/* netlink buffers (decoders/netlink.c): the protocol from HY_ARG_SOCK, the bytes from
 * HY_ARG_NLMSG; lines as strace 6.1 prints such messages. */
static void nl_sock(struct ut *u, int when, int proto)
{
	struct hy_sockid id = { .family = 16, .protocol = proto };

	ut_blob(u, HY_ARG_SOCK, when, 0, &id, sizeof(id), 0);
}

UT_CASE(netlink)
{
	/* NLMSG_DONE with its int, NLM_F_MULTI */
	static const uint8_t done[20] = { 20, 0, 0, 0, 3, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	/* NLMSG_ERROR, NLM_F_CAPPED: error 0 and the request's header only */
	static const uint8_t ack[36] = { 36, 0, 0, 0, 2, 0, 0, 1, 5, 0, 0, 0, 0x39, 0x30, 0, 0,
		0, 0, 0, 0,
		32, 0, 0, 0, 20, 0, 5, 0, 5, 0, 0, 0, 0, 0, 0, 0 };
	/* RTM_NEWADDR: ifaddrmsg, IFA_ADDRESS 127.0.0.1, IFA_LABEL "lo", IFA_FLAGS */
	static const uint8_t addr[48] = { 48, 0, 0, 0, 20, 0, 1, 0, 7, 0, 0, 0, 0, 0, 0, 0,
		2, 8, 0x80, 254, 0, 0, 0, 0,
		8, 0, 1, 0, 127, 0, 0, 1,
		7, 0, 3, 0, 'l', 'o', 0, 0,
		8, 0, 8, 0, 0x80, 0, 0, 0 };
	/* RTM_GETLINK dump request, NLA_F_NESTED on an attribute of an unknown type */
	static const uint8_t dump[40] = { 40, 0, 0, 0, 18, 0, 1, 3, 1, 0, 0, 0, 0, 0, 0, 0,
		17, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		8, 0, 0x63, 0x80, 1, 2, 3, 4 };
	static const char uev[] = "add@/devices/hyt\0ACTION=add";

	ut_begin(u, SYS_recvfrom, 3, 0x1000, 4096, 0, 0, 0);
	nl_sock(u, HY_AT_ENTER, 0);
	ut_blob(u, HY_ARG_NLMSG, HY_AT_EXIT, 0, done, sizeof(done), 0);
	UT_LINE(u, "NLMSG_DONE", 20,
		"recvfrom(3, [{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=1, nlmsg_pid=0}, 0], 4096, 0, NULL, NULL) = 20");
	ut_begin(u, SYS_recvfrom, 3, 0x1000, 4096, 0, 0, 0);
	nl_sock(u, HY_AT_ENTER, 0);
	ut_blob(u, HY_ARG_NLMSG, HY_AT_EXIT, 0, ack, sizeof(ack), 0);
	UT_LINE(u, "NLMSG_ERROR capped", 36,
		"recvfrom(3, [{nlmsg_len=36, nlmsg_type=NLMSG_ERROR, nlmsg_flags=NLM_F_CAPPED, nlmsg_seq=5, nlmsg_pid=12345}, {error=0, msg={nlmsg_len=32, nlmsg_type=RTM_NEWADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK, nlmsg_seq=5, nlmsg_pid=0}}], 4096, 0, NULL, NULL) = 36");
	ut_begin(u, SYS_sendto, 3, 0x1000, sizeof(addr), 0, 0, 0);
	nl_sock(u, HY_AT_ENTER, 0);
	ut_blob(u, HY_ARG_NLMSG, HY_AT_ENTER, 0, addr, sizeof(addr), 0);
	UT_LINE(u, "RTM_NEWADDR", 48,
		"sendto(3, [{nlmsg_len=48, nlmsg_type=RTM_NEWADDR, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=7, nlmsg_pid=0}, {ifa_family=AF_INET, ifa_prefixlen=8, ifa_flags=IFA_F_PERMANENT, ifa_scope=RT_SCOPE_HOST, ifa_index=0}, [[{nla_len=8, nla_type=IFA_ADDRESS}, inet_addr(\"127.0.0.1\")], [{nla_len=7, nla_type=IFA_LABEL}, \"lo\"], [{nla_len=8, nla_type=IFA_FLAGS}, IFA_F_PERMANENT]]], 48, 0, NULL, 0) = 48");
	ut_begin(u, SYS_sendto, 3, 0x1000, sizeof(dump), 0, 0, 0);
	nl_sock(u, HY_AT_ENTER, 0);
	ut_blob(u, HY_ARG_NLMSG, HY_AT_ENTER, 0, dump, sizeof(dump), 0);
	UT_LINE(u, "RTM_GETLINK dump", 40,
		"sendto(3, [{nlmsg_len=40, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=1, nlmsg_pid=0}, {ifi_family=AF_PACKET, ifi_type=ARPHRD_NETROM, ifi_index=0, ifi_flags=0, ifi_change=0}, [{nla_len=8, nla_type=NLA_F_NESTED|0x63 /* IFLA_??? */}, \"\\x01\\x02\\x03\\x04\"]], 40, 0, NULL, 0) = 40");
	/* the protocol not known (an unbound socket): generic headers, body in hex */
	ut_begin(u, SYS_sendto, 3, 0x1000, sizeof(dump), 0, 0, 0);
	nl_sock(u, HY_AT_ENTER, -1);
	ut_blob(u, HY_ARG_NLMSG, HY_AT_ENTER, 0, dump, 20, 0);
	UT_LINE(u, "unknown protocol", 20,
		"sendto(3, [{nlmsg_len=40, nlmsg_type=0x12 /* NLMSG_??? */, nlmsg_flags=NLM_F_REQUEST|0x300, nlmsg_seq=1, nlmsg_pid=0}, \"\\x11\\x00\\x00\\x00\"], 40, 0, NULL, 0) = 20");
	/* shorter than a header: hex bytes; no socket blob: the plain string */
	ut_begin(u, SYS_sendto, 3, 0x1000, 3, 0, 0, 0);
	nl_sock(u, HY_AT_ENTER, 0);
	ut_blob(u, HY_ARG_NLMSG, HY_AT_ENTER, 0, "\1\2\3", 3, 0);
	UT_LINE(u, "short", 3, "sendto(3, \"\\x01\\x02\\x03\", 3, 0, NULL, 0) = 3");
	ut_begin(u, SYS_sendto, 3, 0x1000, 3, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, "abc", 3, 0);
	UT_LINE(u, "not netlink", 3, "sendto(3, \"abc\", 3, 0, NULL, 0) = 3");
	/* NETLINK_SOCK_DIAG: a unix_diag_req; NETLINK_SELINUX: setenforce */
	static const uint8_t udiag[40] = { 40, 0, 0, 0, 20, 0, 1, 3, 9, 0, 0, 0, 0, 0, 0, 0,
		1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0x11, 0, 0, 0,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t sel[20] = { 20, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		1, 0, 0, 0 };

	ut_begin(u, SYS_sendto, 3, 0x1000, sizeof(udiag), 0, 0, 0);
	nl_sock(u, HY_AT_ENTER, 4);
	ut_blob(u, HY_ARG_NLMSG, HY_AT_ENTER, 0, udiag, sizeof(udiag), 0);
	UT_LINE(u, "unix_diag_req", 40,
		"sendto(3, [{nlmsg_len=40, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=9, nlmsg_pid=0}, {sdiag_family=AF_UNIX, sdiag_protocol=0, udiag_states=1<<TCP_ESTABLISHED|1<<TCP_SYN_SENT|1<<TCP_SYN_RECV|1<<TCP_FIN_WAIT1|1<<TCP_FIN_WAIT2|1<<TCP_TIME_WAIT|1<<TCP_CLOSE|1<<TCP_CLOSE_WAIT|1<<TCP_LAST_ACK|1<<TCP_LISTEN|1<<TCP_CLOSING|1<<TCP_NEW_SYN_RECV|0xffffe001, udiag_ino=0, udiag_show=UDIAG_SHOW_NAME|UDIAG_SHOW_RQLEN, udiag_cookie=[4294967295, 4294967295]}], 40, 0, NULL, 0) = 40");
	ut_begin(u, SYS_sendto, 3, 0x1000, sizeof(sel), 0, 0, 0);
	nl_sock(u, HY_AT_ENTER, 7);
	ut_blob(u, HY_ARG_NLMSG, HY_AT_ENTER, 0, sel, sizeof(sel), 0);
	UT_LINE(u, "selinux setenforce", 20,
		"sendto(3, [{nlmsg_len=20, nlmsg_type=SELNL_MSG_SETENFORCE, nlmsg_flags=0, nlmsg_seq=0, nlmsg_pid=0}, {val=1}], 20, 0, NULL, 0) = 20");
	/* NETLINK_KOBJECT_UEVENT: the text */
	ut_begin(u, SYS_recvfrom, 3, 0x1000, 4096, 0, 0, 0);
	nl_sock(u, HY_AT_ENTER, 15);
	ut_blob(u, HY_ARG_NLMSG, HY_AT_EXIT, 0, uev, sizeof(uev) - 1, 0);
	UT_LINE(u, "uevent", sizeof(uev) - 1,
		"recvfrom(3, \"add@/devices/hyt\\0ACTION=add\", 4096, 0, NULL, NULL) = 27");
}

static const struct ut_case cases[] = {
	UT_ENTRY(keys), UT_ENTRY(numa), UT_ENTRY(mountapi), UT_ENTRY(rare), UT_ENTRY(quota),
	UT_ENTRY(iouring), UT_ENTRY(prctl_more), UT_ENTRY(perf), UT_ENTRY(bpfcmd), UT_ENTRY(sockopt_more),
	UT_ENTRY(netlink),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
