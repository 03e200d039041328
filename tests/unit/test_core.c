// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_core.c: the renderer and the exemplar decoders on hand-built events. */
#include <sys/syscall.h>
#include "unit.h"

UT_CASE(openat)
{
	ut_begin(u, SYS_openat, (uint64_t)-100, 0x1000, 02000000, 0, 0, 0);
	ut_str(u, 1, HY_AT_ENTER, "/etc/ld.so.cache");
	UT_EXPECT("openat", ut_line(u, 3),
		  "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3");

	ut_begin(u, SYS_openat, (uint64_t)-100, 0x1000, 01101, 0666, 0, 0);
	ut_str(u, 1, HY_AT_ENTER, "/dev/null");
	UT_EXPECT("openat creat", ut_line(u, 3),
		  "openat(AT_FDCWD, \"/dev/null\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3");

	ut_begin(u, SYS_openat, (uint64_t)-100, 0x1000, 0, 0, 0, 0);
	ut_str(u, 1, HY_AT_ENTER, "/nonexistent");
	UT_EXPECT("openat enoent", ut_line(u, -2),
		  "openat(AT_FDCWD, \"/nonexistent\", O_RDONLY) = -1 ENOENT (No such file or directory)");

	ut_begin(u, SYS_openat, (uint64_t)-100, 0x7ffd0000, 0, 0, 0, 0);
	ut_blob_err(u, 1, HY_AT_ENTER, 14);
	UT_EXPECT("openat efault", ut_line(u, -14),
		  "openat(AT_FDCWD, 0x7ffd0000, O_RDONLY)  = -1 EFAULT (Bad address)");
}

UT_CASE(read)
{
	static const char elf[] = "\177ELF\2\1\1\3\0\0\0\0\0\0\0\0\3\0>\0\1\0\0\0\20t\2\0\0\0\0\0";

	ut_begin(u, SYS_read, 3, 0x1000, 832, 0, 0, 0);
	ut_blob(u, 1, HY_AT_EXIT, 0, elf, 32, 0);
	UT_EXPECT("read octal escapes", ut_line(u, 832),
		  "read(3, \"\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>\\0\\1\\0\\0\\0\\20t\\2\\0\\0\\0\\0\\0\"..., 832) = 832");
	UT_EXPECT("read entry half", ut_enter(u), "read(3, ");
}

UT_CASE(write)
{
	ut_begin(u, SYS_write, 1, 0x1000, 3, 0, 0, 0);
	ut_blob(u, 1, HY_AT_ENTER, 0, "hi\n", 3, 0);
	UT_EXPECT("write", ut_line(u, 3), "write(1, \"hi\\n\", 3)                     = 3");
	u->o.xflag = 2;
	UT_EXPECT("write -xx", ut_line(u, 3), "write(1, \"\\x68\\x69\\x0a\", 3)             = 3");
	u->o.xflag = 0;
}

UT_CASE(close)
{
	ut_begin(u, SYS_close, 3, 0, 0, 0, 0, 0);
	UT_EXPECT("close", ut_line(u, 0), "close(3)                                = 0");
	UT_EXPECT("close ebadf", ut_line(u, -9),
		  "close(3)                                = -1 EBADF (Bad file descriptor)");
	UT_EXPECT("restart", ut_line(u, -512),
		  "close(3)                                = ? ERESTARTSYS (To be restarted if SA_RESTART is set)");
}

UT_CASE(execve)
{
	/* execve: argv capped at -s elements, envp counted */
	uint64_t ptrs[3] = { 0x10, 0x20, 0x30 };

	ut_begin(u, SYS_execve, 0x1000, 0x2000, 0x3000, 0, 0, 0);
	ut_str(u, 0, HY_AT_ENTER, "/bin/true");
	ut_blob(u, 1, HY_AT_ENTER, 0, ptrs, 8, HY_BF_ARRAY_END);
	ut_blob(u, 1, HY_AT_ENTER, 1, "true", 4, HY_BF_NUL | HY_BF_CHILD);
	ut_blob(u, 2, HY_AT_ENTER, 0, ptrs, 24, HY_BF_ARRAY_END);
	UT_EXPECT("execve", ut_line(u, 0),
		  "execve(\"/bin/true\", [\"true\"], 0x3000 /* 3 vars */) = 0");
}

static const struct ut_case cases[] = {
	UT_ENTRY(openat), UT_ENTRY(read), UT_ENTRY(write), UT_ENTRY(close), UT_ENTRY(execve),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
