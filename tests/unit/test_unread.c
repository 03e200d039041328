// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_unread.c: memory read only in part (HY_BF_FAULT) prints as strace prints it. */
#include <sys/syscall.h>
#include "unit.h"

UT_CASE(buffer)
{
	/* write(1, p, 20) with 10 bytes readable: strace's umoven fails, the address prints */
	ut_begin(u, SYS_write, 1, 0x7f0000000ff6, 20, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, "xxxxxxxxxx", 10, HY_BF_TRUNC | HY_BF_FAULT);
	UT_LINE(u, "short read: the address", 20, "write(1, 0x7f0000000ff6, 20) = 20");
	/* the same 10 bytes cut by the window, not by a fault, still print */
	ut_begin(u, SYS_write, 1, 0x7f0000000ff6, 20, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, "xxxxxxxxxx", 10, HY_BF_TRUNC);
	UT_LINE(u, "short capture: the bytes", 20, "write(1, \"xxxxxxxxxx\"..., 20) = 20");
}

UT_CASE(strct)
{
	/* a timespec with its second half unreadable */
	static const char half[8] = { 1 };

	ut_begin(u, SYS_nanosleep, 0x7f0000000ff8, 0, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, half, 8, HY_BF_TRUNC | HY_BF_FAULT);
	UT_LINE(u, "half a struct: the address", -14,
		"nanosleep(0x7f0000000ff8, NULL) = -1 EFAULT (Bad address)");
}

UT_CASE(array)
{
	/* poll: the second pollfd unreadable */
	static const int pfd[2] = { 0, 1 };	/* fd 0, events POLLIN */

	ut_begin(u, SYS_poll, 0x7f0000000ff8, 2, 0, 0, 0, 0);
	ut_blob(u, 0, HY_AT_ENTER, 0, pfd, 8, HY_BF_TRUNC | HY_BF_FAULT);
	UT_LINE(u, "poll: ... and the element's address", -14,
		"poll([{fd=0, events=POLLIN}, ... /* 0x7f0000001000 */], 2, 0) = -1 EFAULT (Bad address)");
	/* execve: the second pointer of argv unreadable */
	uint64_t ptr = 0x5000;

	ut_begin(u, SYS_execve, 0x4000, 0x7f0000000ff8, 0, 0, 0, 0);
	ut_str(u, 0, HY_AT_ENTER, "/nonexistent");
	ut_blob(u, 1, HY_AT_ENTER, 0, &ptr, 8, HY_BF_TRUNC | HY_BF_FAULT);
	ut_blob(u, 1, HY_AT_ENTER, 1, "x", 1, HY_BF_NUL | HY_BF_CHILD);
	UT_LINE(u, "argv: ... and the pointer's address", -2,
		"execve(\"/nonexistent\", [\"x\", ... /* 0x7f0000001000 */], NULL) = -1 ENOENT (No such file or directory)");
	/* argv longer than captured, no fault: only ... */
	ut_begin(u, SYS_execve, 0x4000, 0x7f0000000ff8, 0, 0, 0, 0);
	ut_str(u, 0, HY_AT_ENTER, "/nonexistent");
	ut_blob(u, 1, HY_AT_ENTER, 0, &ptr, 8, HY_BF_TRUNC);
	ut_blob(u, 1, HY_AT_ENTER, 1, "x", 1, HY_BF_NUL | HY_BF_CHILD);
	UT_LINE(u, "argv cut: ...", -2,
		"execve(\"/nonexistent\", [\"x\", ...], NULL) = -1 ENOENT (No such file or directory)");
}

static const struct ut_case cases[] = {
	UT_ENTRY(buffer), UT_ENTRY(strct), UT_ENTRY(array),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
