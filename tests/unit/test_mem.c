// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_mem.c: memory decoders (decoders/mem.c) against lines printed by strace 6.1. */
#include <sys/syscall.h>
#include "unit.h"

UT_CASE(mmap)
{
	ut_begin(u, SYS_mmap, 0, 8192, 3, 0x22, -1, 0);
	UT_EXPECT("mmap anon", ut_line(u, 0x7f61a0070000),
		  "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f61a0070000");
	ut_begin(u, SYS_mmap, 0x7f619feab000, 1400832, 5, 0x812, 3, 0x26000);
	UT_EXPECT("mmap file", ut_line(u, 0x7f619feab000),
		  "mmap(0x7f619feab000, 1400832, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0x26000) = 0x7f619feab000");
	ut_begin(u, SYS_mmap, 0, 4096, 1, 1, 99, 0);
	UT_EXPECT("mmap ebadf", ut_line(u, -9),
		  "mmap(NULL, 4096, PROT_READ, MAP_SHARED, 99, 0) = -1 EBADF (Bad file descriptor)");
	ut_begin(u, SYS_mmap, 0, 2097152, 1, 0x40022 | (21u << 26), -1, 0);
	UT_EXPECT("mmap hugetlb", ut_line(u, -12),
		  "mmap(NULL, 2097152, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|21<<MAP_HUGE_SHIFT, -1, 0) = -1 ENOMEM (Cannot allocate memory)");
	ut_begin(u, SYS_mmap, 0, 4096, 1, 0x8000000f, -1, 0);
	UT_EXPECT("mmap unknown type", ut_line(u, -9),
		  "mmap(NULL, 4096, PROT_READ, 0xf /* MAP_??? */|32<<MAP_HUGE_SHIFT, -1, 0) = -1 EBADF (Bad file descriptor)");
}

UT_CASE(mprotect)
{
	ut_begin(u, SYS_mprotect, 0x7f61a0070000, 4096, 0, 0, 0, 0);
	UT_EXPECT("mprotect none", ut_line(u, 0), "mprotect(0x7f61a0070000, 4096, PROT_NONE) = 0");
	ut_begin(u, SYS_mprotect, 0x7f61a0070000, 4096, 0x100, 0, 0, 0);
	UT_EXPECT("mprotect unknown", ut_line(u, -22),
		  "mprotect(0x7f61a0070000, 4096, 0x100 /* PROT_??? */) = -1 EINVAL (Invalid argument)");
}

UT_CASE(munmap)
{
	ut_begin(u, SYS_munmap, 1, 4096, 0, 0, 0, 0);
	UT_EXPECT("munmap", ut_line(u, -22), "munmap(0x1, 4096)                       = -1 EINVAL (Invalid argument)");
}

UT_CASE(mremap)
{
	ut_begin(u, SYS_mremap, 0x7f61a0070000, 8192, 16384, 1, 0, 0);
	UT_EXPECT("mremap", ut_line(u, 0x7f61a0080000),
		  "mremap(0x7f61a0070000, 8192, 16384, MREMAP_MAYMOVE) = 0x7f61a0080000");
	ut_begin(u, SYS_mremap, -1, 16384, 4096, 3, 0x7f61a006f000, 0);
	UT_EXPECT("mremap fixed", ut_line(u, -22),
		  "mremap(0xffffffffffffffff, 16384, 4096, MREMAP_MAYMOVE|MREMAP_FIXED, 0x7f61a006f000) = -1 EINVAL (Invalid argument)");
}

UT_CASE(madvise)
{
	ut_begin(u, SYS_madvise, 0x7f61a0070000, 8192, 4, 0, 0, 0);
	UT_EXPECT("madvise", ut_line(u, 0), "madvise(0x7f61a0070000, 8192, MADV_DONTNEED) = 0");
	ut_begin(u, SYS_madvise, 0x7f61a0070000, 8192, 999, 0, 0, 0);
	UT_EXPECT("madvise unknown", ut_line(u, -22),
		  "madvise(0x7f61a0070000, 8192, 0x3e7 /* MADV_??? */) = -1 EINVAL (Invalid argument)");
}

UT_CASE(msync)
{
	ut_begin(u, SYS_msync, 0x7f61a006f000, 4096, 3, 0, 0, 0);
	UT_EXPECT("msync", ut_line(u, 0), "msync(0x7f61a006f000, 4096, MS_ASYNC|MS_INVALIDATE) = 0");
}

UT_CASE(mlock)
{
	ut_begin(u, SYS_mlock2, 0x7f61a006f000, 4096, 1, 0, 0, 0);
	UT_EXPECT("mlock2", ut_line(u, 0), "mlock2(0x7f61a006f000, 4096, MLOCK_ONFAULT) = 0");
	ut_begin(u, SYS_mlock, 0x7f61a006f000, 4096, 0, 0, 0, 0);
	UT_EXPECT("mlock", ut_line(u, 0), "mlock(0x7f61a006f000, 4096)             = 0");
	ut_begin(u, SYS_mlockall, 0x100, 0, 0, 0, 0, 0);
	UT_EXPECT("mlockall unknown", ut_line(u, -22),
		  "mlockall(0x100 /* MCL_??? */)           = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_munlockall, 0, 0, 0, 0, 0, 0);
	UT_EXPECT("munlockall", ut_line(u, 0), "munlockall()                            = 0");
}

UT_CASE(brk)
{
	ut_begin(u, SYS_brk, 0, 0, 0, 0, 0, 0);
	UT_EXPECT("brk", ut_line(u, 0x561dd57de000), "brk(NULL)                               = 0x561dd57de000");
}

UT_CASE(mincore)
{
	uint8_t vec[40];

	for (int i = 0; i < 40; i++)
		vec[i] = i >= 3;
	ut_begin(u, SYS_mincore, 0x7f61a006f000, 163840, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, vec, 40, 0);
	u->o.strsize = 4;
	UT_EXPECT("mincore -s 4", ut_line(u, 0),
		  "mincore(0x7f61a006f000, 163840, [0, 0, 0, 1, ...]) = 0");
	u->o.strsize = 32;
	ut_begin(u, SYS_mincore, 1, 4096, 0x7ffc1e78e0f0, 0, 0, 0);
	UT_EXPECT("mincore einval", ut_line(u, -22),
		  "mincore(0x1, 4096, 0x7ffc1e78e0f0)      = -1 EINVAL (Invalid argument)");
}

UT_CASE(membarrier)
{
	ut_begin(u, SYS_membarrier, 12345, 0, 0, 0, 0, 0);
	UT_EXPECT("membarrier unknown", ut_line(u, -22),
		  "membarrier(0x3039 /* MEMBARRIER_CMD_??? */, 0) = -1 EINVAL (Invalid argument)");
	ut_begin(u, SYS_membarrier, 128, 1, 1, 0, 0, 0);
	UT_EXPECT("membarrier cpu", ut_line(u, -1),
		  "membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, MEMBARRIER_CMD_FLAG_CPU, 1) = -1 EPERM (Operation not permitted)");
}

static const struct ut_case cases[] = {
	UT_ENTRY(mmap), UT_ENTRY(mprotect), UT_ENTRY(munmap), UT_ENTRY(mremap),
	UT_ENTRY(madvise), UT_ENTRY(msync), UT_ENTRY(mlock), UT_ENTRY(brk), UT_ENTRY(mincore),
	UT_ENTRY(membarrier),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
