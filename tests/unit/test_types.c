// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_types.c: every syscall argument has a kernel type; the generic decoder prints by type. */
#include <sys/syscall.h>
#include "unit.h"

/* Every argument of every syscall in the table has a type (decoders/syscall_types_ARCH.tbl). */
UT_TEST(table)
{
	unsigned int n = 0, missing = 0;

	for (unsigned int nr = 0; nr < sysent_count; nr++) {
		const struct sysent *se = sysent_get(nr);

		if (!se)
			continue;
		for (int i = 0; i < se->nargs; i++) {
			n++;
			if (se->argtypes[i] == AT_NONE || se->argtypes[i] >= AT_NKINDS) {
				printf("# %s (%u): argument %d has no type\n", se->name, nr, i);
				missing++;
			}
		}
		for (int i = se->nargs; i < HY_NARGS; i++)
			if (se->argtypes[i] != AT_NONE) {
				printf("# %s (%u): a type past its %d arguments\n", se->name, nr, se->nargs);
				missing++;
			}
	}
	printf("# %u arguments typed\n", n);
	UT_CHECK("every argument of every syscall has a type", missing == 0 && n > 700);
}

/* Decode the event with the generic decoder whatever decoder the table names, so that these
 * checks keep testing it once the syscall gets a decoder of its own. */
static const char *generic_line(struct ut *u, int64_t ret)
{
	struct hy_rec *r = rb_rec(&u->rb);

	r->ret = ret;
	event_parse(&u->ev, u->rb.buf, u->rb.len);
	arena_reset(&u->ar);
	u->d.o = &u->o;
	u->d.ar = &u->ar;
	d_decode(&u->d, &u->ev, true);
	u->d.args = hv_array(&u->d);
	dec_generic(&u->d);
	sb_reset(&u->sb);
	sb_puts(&u->sb, u->d.se->name);
	sb_putc(&u->sb, '(');
	render_args(&u->sb, u->d.args, u->o.xflag);
	sb_puts(&u->sb, ") ");
	render_ret(&u->sb, &u->d, u->o.xflag);
	return u->sb.s;
}

UT_CASE(generic)
{
	/* int fanotify_fd, unsigned int flags, __u64 mask, int dfd, const char *pathname */
	ut_begin(u, SYS_fanotify_mark, 0xdeadfeed12345678, 0xffffffff00000001, 0x8000000000000008,
		 0xffffffffffffff9c, 0, 0);
	UT_EXPECT("fd truncated to int, flags in hex, AT_FDCWD, NULL", generic_line(u, -9),
		  "fanotify_mark(305419896, 0x1, 0x8000000000000008, AT_FDCWD, NULL) = -1 EBADF (Bad file descriptor)");
	/* int fs_fd, unsigned int flags, unsigned int attr_flags */
	ut_begin(u, SYS_fsmount, 0xffffffff, 0, 0, 0, 0, 0);
	UT_EXPECT("fd -1", generic_line(u, -9), "fsmount(-1, 0, 0) = -1 EBADF (Bad file descriptor)");
	/* int fd, loff_t offset, size_t count */
	ut_begin(u, SYS_readahead, 3, (uint64_t)-1, 0xfffffffffffffffe, 0, 0, 0);
	UT_EXPECT("loff_t signed, size_t unsigned decimal", generic_line(u, -22),
		  "readahead(3, -1, 18446744073709551614) = -1 EINVAL (Invalid argument)");
	/* unsigned long start, unsigned long len, unsigned long mode, const unsigned long *nmask,
	 * unsigned long maxnode, unsigned int flags */
	ut_begin(u, SYS_mbind, 0x7f0000001000, 4096, 1, 0, 64, 2);
	UT_EXPECT("addresses, unsigned long decimal", generic_line(u, 0),
		  "mbind(0x7f0000001000, 4096, 1, NULL, 64, 0x2) = 0");
	/* const char *name, umode_t mode (mq_open: oflag int, mode, attr) */
	ut_begin(u, SYS_mq_open, 0x1000, 0x40, 0644, 0, 0, 0);
	UT_EXPECT("octal mode", generic_line(u, 3), "mq_open(0x1000, 0x40, 0644, NULL) = 3");
	/* const clockid_t which_clock, struct __kernel_timex *utx */
	ut_begin(u, SYS_clock_adjtime, 1, 0x2000, 0, 0, 0, 0);
	UT_EXPECT("clockid", generic_line(u, 0), "clock_adjtime(CLOCK_MONOTONIC, 0x2000) = 0");
	/* const char *specialfile: a path; const char *_type, *_description: strings cut at -s */
	ut_begin(u, SYS_swapoff, 0x1000, 0, 0, 0, 0, 0);
	ut_str(u, 0, HY_AT_ENTER, "/dev/sda2");
	UT_EXPECT("path", generic_line(u, -1), "swapoff(\"/dev/sda2\") = -1 EPERM (Operation not permitted)");
	ut_begin(u, SYS_add_key, 0x1000, 0x2000, 0, 0, 0xfffffffd, 0);
	ut_str(u, 0, HY_AT_ENTER, "user");
	ut_str(u, 1, HY_AT_ENTER, "0123456789012345678901234567890123456789");
	UT_EXPECT("strings", generic_line(u, -22),
		  "add_key(\"user\", \"01234567890123456789012345678901\"..., NULL, 0, -3) = -1 EINVAL (Invalid argument)");
	/* printargs for syscalls the kernel no longer implements */
	ut_begin(u, SYS_tuxcall, 1, 2, 0xdeadfeed12345678, 0, 0, 0);
	UT_EXPECT("unimplemented: hex", generic_line(u, -38),
		  "tuxcall(0x1, 0x2, 0xdeadfeed12345678) = -1 ENOSYS (Function not implemented)");
}

static const struct ut_case cases[] = {
	UT_ENTRY(table), UT_ENTRY(generic),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
