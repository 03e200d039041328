// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_ioctl.c: the _IOC_TYPE dispatch: every named request reaches the family that names it. */
#include <sys/syscall.h>
#include "unit.h"
#include "ioctl/ioctl.h"
#include "ioctl/ioctl_names.h"
#include "xlat_gen.h"

/* Every request of a family's tables has the family's type (type 0x100: any), and prints by its name. */
static void check_names(struct ut *u, const struct xlat *x, unsigned int type)
{
	char want[128];
	int bad = 0;

	for (unsigned int i = 0; i < x->n; i++) {
		uint32_t req = (uint32_t)x->e[i].val;

		if (type <= 0xff && HY_IOC_TYPE(req) != type) {
			printf("#  %s: %s has type %#x\n", x->tname, x->e[i].name, HY_IOC_TYPE(req));
			bad = 1;
		}
		ut_begin(u, SYS_ioctl, 3, req, 0, 0, 0, 0);
		snprintf(want, sizeof(want), "ioctl(3, %s", x->e[i].name);
		const char *got = ut_line(u, -25);

		/* TCSETS prints as "SNDCTL_TMR_START or TCSETS" */
		if (strncmp(got, want, strlen(want)) && !strstr(got, x->e[i].name)) {
			printf("#  got: %s\n", got);
			bad = 1;
		}
	}
	printf("%sok ioctl dispatch %s\n", bad ? "not " : "", x->tname);
	if (bad)
		ut_failed++;
	else
		ut_passed++;
}

/*
 * The generated table (gen-ioctls.sh): sorted by code then by name (the lookup's binary search
 * and strace's " or " order need it), and every name prints for its code where no family or
 * request-built name (evdev's) takes the code first.
 */
static void check_generated(struct ut *u)
{
	int bad = 0;

	for (unsigned int i = 0; i < ioctl_names_n; i++) {
		const struct ioctl_name *e = &ioctl_names[i];

		if (i && (e->code < e[-1].code ||
			  (e->code == e[-1].code && strcmp(e->name, e[-1].name) <= 0))) {
			printf("#  %s (%#x) out of order\n", e->name, e->code);
			bad = 1;
		}
		if (HY_IOC_TYPE(e->code) == 0x54 || HY_IOC_TYPE(e->code) == 'E')
			continue;
		ut_begin(u, SYS_ioctl, 3, e->code, 0, 0, 0, 0);
		const char *got = ut_line(u, -25);
		char want[160];
		size_t k = snprintf(want, sizeof(want), "ioctl(3, %s", e->name);

		/* the name whole, first or after another name of the code */
		const char *at = strstr(got, e->name);
		size_t len = strlen(e->name);

		if (!at || (at[len] != ',' && at[len] != ')' && at[len] != ' ') ||
		    (strncmp(got, want, k) && strncmp(at - 4, " or ", 4))) {
			printf("#  %s (%#x): %s\n", e->name, e->code, got);
			bad = 1;
		}
	}
	printf("%sok ioctl generated names (%u)\n", bad ? "not " : "", ioctl_names_n);
	if (bad)
		ut_failed++;
	else
		ut_passed++;
}

/* A table of requests by argument kind: each name has the generated table's code. */
static void check_kind(const struct xlat *x)
{
	int bad = 0;

	for (unsigned int i = 0; i < x->n; i++) {
		unsigned int n;
		const struct ioctl_name *e = ioctl_names_find((uint32_t)x->e[i].val, &n);
		unsigned int k = 0;

		while (k < n && strcmp(e[k].name, x->e[i].name))
			k++;
		if (k == n) {
			printf("#  %s: %s (%#llx) is not a name of that code in the generated table\n",
			       x->tname, x->e[i].name, (unsigned long long)x->e[i].val);
			bad = 1;
		}
	}
	printf("%sok ioctl %s agrees with the generated names\n", bad ? "not " : "", x->tname);
	if (bad)
		ut_failed++;
	else
		ut_passed++;
}

int main(void)
{
	struct ut u = { 0 };
	uint32_t flags;
	uint8_t ifr[64] = "lo";

	check_names(&u, &xlat_ioctl_tty, 0x54);
	check_names(&u, &xlat_ioctl_aliases, 0x54);
	check_names(&u, &xlat_ioctl_noarg, 0x100);
	check_generated(&u);
	check_kind(&xlat_ioctl_noarg);
	check_kind(&xlat_ioctl_arg_int);
	check_kind(&xlat_ioctl_arg_fd);
	check_kind(&xlat_ioctl_arg_pint_in);
	check_kind(&xlat_ioctl_arg_pint_out);
	check_kind(&xlat_ioctl_arg_pushort_out);
	check_kind(&xlat_ioctl_arg_pu64_out);
	check_kind(&xlat_ioctl_arg_ptr);
	check_kind(&xlat_ioctl_arg_ulong);
	check_kind(&xlat_ioctl_arg_pu32_in);
	check_kind(&xlat_ioctl_arg_pu64_in);

	/* one plain value: decimal, an fd, [N] at entry, [N] at exit of 2, 4 and 8 bytes */
	ut_begin(&u, SYS_ioctl, 3, 0x1262, 256, 0, 0, 0);
	UT_LINE(&u, "ioctl BLKRASET", 0, "ioctl(3, BLKRASET, 256) = 0");
	ut_begin(&u, SYS_ioctl, 3, 0x4c00, 4, 0, 0, 0);
	UT_LINE(&u, "ioctl LOOP_SET_FD", 0, "ioctl(3, LOOP_SET_FD, 4) = 0");
	ut_begin(&u, SYS_ioctl, 3, 0x125d, 0x7000, 0, 0, 0);
	flags = 1;
	ut_blob(&u, 2, HY_AT_ENTER, 0, &flags, sizeof(flags), 0);
	UT_LINE(&u, "ioctl BLKROSET", -13, "ioctl(3, BLKROSET, [1]) = -1 EACCES (Permission denied)");
	{
		uint64_t big = 1ULL << 40;
		uint16_t sect = 2560;

		ut_begin(&u, SYS_ioctl, 3, 0x80081272, 0x7000, 0, 0, 0);
		ut_blob(&u, 2, HY_AT_EXIT, 0, &big, sizeof(big), 0);
		UT_LINE(&u, "ioctl BLKGETSIZE64", 0, "ioctl(3, BLKGETSIZE64, [1099511627776]) = 0");
		ut_begin(&u, SYS_ioctl, 3, 0x1267, 0x7000, 0, 0, 0);
		ut_blob(&u, 2, HY_AT_EXIT, 0, &sect, sizeof(sect), 0);
		UT_LINE(&u, "ioctl BLKSECTGET", 0, "ioctl(3, BLKSECTGET, [2560]) = 0");
	}
	ut_begin(&u, SYS_ioctl, 3, 0x1268, 0x7000, 0, 0, 0);
	UT_LINE(&u, "ioctl BLKSSZGET failed", -9, "ioctl(3, BLKSSZGET, 0x7000) = -1 EBADF (Bad file descriptor)");
	ut_begin(&u, SYS_ioctl, 3, 0x80045705, 0, 0, 0, 0);
	UT_LINE(&u, "ioctl WDIOC_KEEPALIVE", 0, "ioctl(3, WDIOC_KEEPALIVE) = 0");

	/* names from the table, two names of one code, names built from the request */
	ut_begin(&u, SYS_ioctl, 3, 0x9408, 0, 0, 0, 0);
	UT_LINE(&u, "ioctl no-argument request", -9, "ioctl(3, BTRFS_IOC_SYNC) = -1 EBADF (Bad file descriptor)");
	ut_begin(&u, SYS_ioctl, 3, 0x4101, 0, 0, 0, 0);
	UT_LINE(&u, "ioctl two names", -25, "ioctl(3, AGPIOC_ACQUIRE or APM_IOC_STANDBY, 0) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(&u, SYS_ioctl, 3, 0x80404506, 0x1000, 0, 0, 0);
	UT_LINE(&u, "ioctl EVIOCGNAME(len)", -9, "ioctl(3, EVIOCGNAME(64), 0x1000) = -1 EBADF (Bad file descriptor)");
	ut_begin(&u, SYS_ioctl, 3, 0x80604521, 0x1000, 0, 0, 0);
	UT_LINE(&u, "ioctl EVIOCGBIT", -9, "ioctl(3, EVIOCGBIT(EV_KEY, 96), 0x1000) = -1 EBADF (Bad file descriptor)");
	ut_begin(&u, SYS_ioctl, 3, 0x8018457f, 0x1000, 0, 0, 0);
	UT_LINE(&u, "ioctl EVIOCGABS unknown axis", -9,
		"ioctl(3, EVIOCGABS(0x3f /* ABS_??? */), 0x1000) = -1 EBADF (Bad file descriptor)");
	ut_begin(&u, SYS_ioctl, 3, 0x80081234, 0, 0, 0, 0);
	UT_LINE(&u, "ioctl unknown code", -9, "ioctl(3, _IOC(_IOC_READ, 0x12, 0x34, 0x8), 0) = -1 EBADF (Bad file descriptor)");

	/* FS_IOC_SETFLAGS at entry, FS_IOC_GETFLAGS at exit, NULL, a failed call */
	ut_begin(&u, SYS_ioctl, 3, 0x40086602, 0x7000, 0, 0, 0);
	flags = 0x20 | 0x80;	/* FS_APPEND_FL|FS_NOATIME_FL */
	ut_blob(&u, 2, HY_AT_ENTER, 0, &flags, sizeof(flags), 0);
	UT_LINE(&u, "ioctl FS_IOC_SETFLAGS", 0, "ioctl(3, FS_IOC_SETFLAGS, [FS_APPEND_FL|FS_NOATIME_FL]) = 0");
	ut_begin(&u, SYS_ioctl, 3, 0x80086601, 0x7000, 0, 0, 0);
	flags = 0x1000 | 0x80000 | 0x4000000;
	ut_blob(&u, 2, HY_AT_EXIT, 0, &flags, sizeof(flags), 0);
	UT_LINE(&u, "ioctl FS_IOC_GETFLAGS", 0, "ioctl(3, FS_IOC_GETFLAGS, [FS_INDEX_FL|FS_EXTENT_FL|0x4000000]) = 0");
	ut_begin(&u, SYS_ioctl, 3, 0x80086601, 0x7000, 0, 0, 0);
	UT_LINE(&u, "ioctl FS_IOC_GETFLAGS failed", -25, "ioctl(3, FS_IOC_GETFLAGS, 0x7000) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(&u, SYS_ioctl, 3, 0x40086602, 0, 0, 0, 0);
	UT_LINE(&u, "ioctl FS_IOC_SETFLAGS NULL", -14, "ioctl(3, FS_IOC_SETFLAGS, NULL) = -1 EFAULT (Bad address)");

	/* nsfs's returned type, perf's flags, KVM's capabilities */
	ut_begin(&u, SYS_ioctl, 3, 0xb703, 0, 0, 0, 0);
	UT_LINE(&u, "ioctl NS_GET_NSTYPE", 0x40000000, "ioctl(3, NS_GET_NSTYPE) = 1073741824 (CLONE_NEWNET)");
	ut_begin(&u, SYS_ioctl, 3, 0xb704, 0x7000, 0, 0, 0);
	flags = 65534;
	ut_blob(&u, 2, HY_AT_EXIT, 0, &flags, sizeof(flags), 0);
	UT_LINE(&u, "ioctl NS_GET_OWNER_UID", 0, "ioctl(3, NS_GET_OWNER_UID, [65534]) = 0");
	ut_begin(&u, SYS_ioctl, 3, 0x2401, 3, 0, 0, 0);
	UT_LINE(&u, "ioctl PERF_EVENT_IOC_DISABLE", 0, "ioctl(3, PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP|0x2) = 0");
	ut_begin(&u, SYS_ioctl, 3, 0x2403, 2, 0, 0, 0);
	UT_LINE(&u, "ioctl PERF_EVENT_IOC_RESET unknown", 0,
		"ioctl(3, PERF_EVENT_IOC_RESET, 0x2 /* PERF_IOC_FLAG_??? */) = 0");
	ut_begin(&u, SYS_ioctl, 3, 0xae03, 0, 0, 0, 0);
	UT_LINE(&u, "ioctl KVM_CHECK_EXTENSION", 1, "ioctl(3, KVM_CHECK_EXTENSION, KVM_CAP_IRQCHIP) = 1");
	ut_begin(&u, SYS_ioctl, 3, 0xae03, 9999, 0, 0, 0);
	UT_LINE(&u, "ioctl KVM_CHECK_EXTENSION unknown", 0,
		"ioctl(3, KVM_CHECK_EXTENSION, 0x270f /* KVM_CAP_??? */) = 0");

	/* uffd: features asked => granted, the ioctls bits; fsxattr at exit */
	{
		uint64_t in[3] = { 0xaa, 0, 0 }, out[3] = { 0xaa, 0x2 | 0x100000, 0x8000000000000003ULL };
		uint64_t reg[4] = { 0x10000, 0x2000, 0x1, 0x1c };
		uint32_t fx[7] = { 0x8 | 0x10000, 4096, 3, 0, 0, 0, 0 };

		ut_begin(&u, SYS_ioctl, 3, 0xc018aa3f, 0x7000, 0, 0, 0);
		ut_blob(&u, 2, HY_AT_ENTER, 0, in, sizeof(in), 0);
		ut_blob(&u, 2, HY_AT_EXIT, 0, out, sizeof(out), 0);
		UT_LINE(&u, "ioctl UFFDIO_API", 0, "ioctl(3, UFFDIO_API, {api=0xaa, features=0 => "
			"features=UFFD_FEATURE_EVENT_FORK|0x100000, ioctls=1<<_UFFDIO_REGISTER|"
			"1<<_UFFDIO_UNREGISTER|1<<_UFFDIO_API}) = 0");
		ut_begin(&u, SYS_ioctl, 3, 0xc020aa00, 0x7000, 0, 0, 0);
		ut_blob(&u, 2, HY_AT_ENTER, 0, reg, sizeof(reg), 0);
		ut_blob(&u, 2, HY_AT_EXIT, 0, reg, sizeof(reg), 0);
		UT_LINE(&u, "ioctl UFFDIO_REGISTER", 0, "ioctl(3, UFFDIO_REGISTER, {range={start=0x10000, "
			"len=0x2000}, mode=UFFDIO_REGISTER_MODE_MISSING, ioctls=1<<_UFFDIO_WAKE|"
			"1<<_UFFDIO_COPY|1<<_UFFDIO_ZEROPAGE}) = 0");
		ut_begin(&u, SYS_ioctl, 3, 0xc020aa00, 0x7000, 0, 0, 0);
		ut_blob_err(&u, 2, HY_AT_ENTER, 14);
		UT_LINE(&u, "ioctl UFFDIO_REGISTER unreadable", -14, "ioctl(3, UFFDIO_REGISTER, 0x7000) = -1 EFAULT (Bad address)");
		ut_begin(&u, SYS_ioctl, 3, 0x801c581f, 0x7000, 0, 0, 0);
		ut_blob(&u, 2, HY_AT_EXIT, 0, fx, 28, 0);
		UT_LINE(&u, "ioctl FS_IOC_FSGETXATTR", 0, "ioctl(3, FS_IOC_FSGETXATTR, {fsx_xflags=FS_XFLAG_IMMUTABLE|"
			"FS_XFLAG_COWEXTSIZE, fsx_extsize=4096, fsx_nextents=3, fsx_projid=0, fsx_cowextsize=0}) = 0");
	}

	/* struct rtc_time at exit (-v: all of it), seccomp's response, evdev's repeat */
	{
		int32_t tm[9] = { 1, 2, 3, 4, 5, 106, 6, 7, 0 };
		struct { uint64_t id; int64_t val; int32_t error; uint32_t flags; } resp = { 0x10, -5, -1, 1 };
		uint32_t rep[2] = { 250, 33 };

		ut_begin(&u, SYS_ioctl, 3, 0x80247009, 0x7000, 0, 0, 0);
		ut_blob(&u, 2, HY_AT_EXIT, 0, tm, sizeof(tm), 0);
		UT_LINE(&u, "ioctl RTC_RD_TIME", 0, "ioctl(3, RTC_RD_TIME, {tm_sec=1, tm_min=2, tm_hour=3, "
			"tm_mday=4, tm_mon=5, tm_year=106, ...}) = 0");
		u.o.verbose = 1;
		ut_begin(&u, SYS_ioctl, 3, 0x80247009, 0x7000, 0, 0, 0);
		ut_blob(&u, 2, HY_AT_EXIT, 0, tm, sizeof(tm), 0);
		UT_LINE(&u, "ioctl RTC_RD_TIME -v", 0, "ioctl(3, RTC_RD_TIME, {tm_sec=1, tm_min=2, tm_hour=3, "
			"tm_mday=4, tm_mon=5, tm_year=106, tm_wday=6, tm_yday=7, tm_isdst=0}) = 0");
		u.o.verbose = 0;
		ut_begin(&u, SYS_ioctl, 3, 0xc0182101, 0x7000, 0, 0, 0);
		ut_blob(&u, 2, HY_AT_ENTER, 0, &resp, sizeof(resp), 0);
		UT_LINE(&u, "ioctl SECCOMP_IOCTL_NOTIF_SEND", 0, "ioctl(3, SECCOMP_IOCTL_NOTIF_SEND, {id=0x10, "
			"val=-5, error=-EPERM, flags=SECCOMP_USER_NOTIF_FLAG_CONTINUE}) = 0");
		ut_begin(&u, SYS_ioctl, 3, 0x80084503, 0x7000, 0, 0, 0);
		ut_blob(&u, 2, HY_AT_EXIT, 0, rep, sizeof(rep), 0);
		UT_LINE(&u, "ioctl EVIOCGREP", 0, "ioctl(3, EVIOCGREP, [250, 33]) = 0");
	}

	/* struct ifreq: SIOCGIFNAME (index in, name out), SIOCGIFFLAGS, a failed SIOCGIFINDEX */
	ut_begin(&u, SYS_ioctl, 3, 0x8910, 0x7000, 0, 0, 0);
	memset(ifr, 0, sizeof(ifr));
	ifr[16] = 1;
	ut_blob(&u, 2, HY_AT_ENTER, 0, ifr, sizeof(ifr), 0);
	memcpy(ifr, "lo", 3);
	ut_blob(&u, 2, HY_AT_EXIT, 0, ifr, sizeof(ifr), 0);
	UT_LINE(&u, "ioctl SIOCGIFNAME", 0, "ioctl(3, SIOCGIFNAME, {ifr_ifindex=1, ifr_name=\"lo\"}) = 0");
	ifr[16] = 0x49;
	ut_begin(&u, SYS_ioctl, 3, 0x8913, 0x7000, 0, 0, 0);
	ut_blob(&u, 2, HY_AT_ENTER, 0, ifr, sizeof(ifr), 0);
	ut_blob(&u, 2, HY_AT_EXIT, 0, ifr, sizeof(ifr), 0);
	UT_LINE(&u, "ioctl SIOCGIFFLAGS", 0,
		"ioctl(3, SIOCGIFFLAGS, {ifr_name=\"lo\", ifr_flags=IFF_UP|IFF_LOOPBACK|IFF_RUNNING}) = 0");
	ut_begin(&u, SYS_ioctl, 3, 0x8933, 0x7000, 0, 0, 0);
	ut_blob(&u, 2, HY_AT_ENTER, 0, ifr, sizeof(ifr), 0);
	UT_LINE(&u, "ioctl SIOCGIFINDEX failed", -19, "ioctl(3, SIOCGIFINDEX, {ifr_name=\"lo\"}) = -1 ENODEV (No such device)");
	ut_begin(&u, SYS_ioctl, 3, 0x8921, 0x7000, 0, 0, 0);
	memcpy(ifr + 16, &(int32_t){ 65536 }, 4);
	ut_blob(&u, 2, HY_AT_ENTER, 0, ifr, sizeof(ifr), 0);
	ut_blob(&u, 2, HY_AT_EXIT, 0, ifr, sizeof(ifr), 0);
	UT_LINE(&u, "ioctl SIOCGIFMTU", 0, "ioctl(3, SIOCGIFMTU, {ifr_name=\"lo\", ifr_mtu=65536}) = 0");
	ut_begin(&u, SYS_ioctl, 3, 0x8922, 0x7000, 0, 0, 0);
	ut_blob(&u, 2, HY_AT_ENTER, 0, ifr, sizeof(ifr), 0);
	UT_LINE(&u, "ioctl SIOCSIFMTU", -1, "ioctl(3, SIOCSIFMTU, {ifr_name=\"lo\", ifr_mtu=65536}) = -1 EPERM (Operation not permitted)");
	ut_begin(&u, SYS_ioctl, 3, 0x8933, 0x7000, 0, 0, 0);
	ut_blob_err(&u, 2, HY_AT_ENTER, 14);
	UT_LINE(&u, "ioctl SIOCGIFINDEX unreadable", -14, "ioctl(3, SIOCGIFINDEX, 0x7000) = -1 EFAULT (Bad address)");
	/* a type with no family, and one unknown 'T' request: generic forms */
	ut_begin(&u, SYS_ioctl, 3, 0x80044600, 0x7ffd0000, 0, 0, 0);
	UT_LINE(&u, "ioctl no family", -25,
		"ioctl(3, _IOC(_IOC_READ, 0x46, 0, 0x4), 0x7ffd0000) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(&u, SYS_ioctl, 3, 0x54ff, 0x10, 0, 0, 0);
	UT_LINE(&u, "ioctl unknown tty request", -25,
		"ioctl(3, _IOC(_IOC_NONE, 0x54, 0xff, 0), 0x10) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(&u, SYS_ioctl, 3, 0x30000001, 0, 0, 0, 0);	/* nvidia-uvm's UVM_INITIALIZE */
	UT_LINE(&u, "ioctl type 0", -25,
		"ioctl(3, _IOC(_IOC_NONE, 0, 0x1, 0x3000), 0) = -1 ENOTTY (Inappropriate ioctl for device)");
	return ut_done(&u);
}
