/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* numa.c: memory policies: set_mempolicy, get_mempolicy, mbind, migrate_pages, set_mempolicy_home_node. */
#include "hyt.h"
#include <stdint.h>
#include <sys/mman.h>
#include <linux/mempolicy.h>

int main(void)
{
	unsigned long mask[4] = { 1, 0, 0, 0 }, out[4] = { 0, 0, 0, 0 };
	int mode = -1;
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	HYT_CHECK(p != MAP_FAILED);
	hyt_begin();
	syscall(SYS_get_mempolicy, &mode, out, 65, NULL, 0);
	syscall(SYS_get_mempolicy, &mode, NULL, 0, p, MPOL_F_ADDR);
	syscall(SYS_get_mempolicy, &mode, out, 1, NULL, 0x10);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	syscall(SYS_set_mempolicy, MPOL_BIND, mask, 65);
	syscall(SYS_set_mempolicy, MPOL_INTERLEAVE | MPOL_F_STATIC_NODES, mask, 129);
	syscall(SYS_set_mempolicy, 0x77 | MPOL_F_RELATIVE_NODES, mask, 9);
	syscall(SYS_set_mempolicy, 0x77, mask, 9);
	syscall(SYS_set_mempolicy, MPOL_PREFERRED, (void *)8, 65);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	syscall(SYS_mbind, p, 4096, MPOL_BIND, mask, 65, MPOL_MF_STRICT | MPOL_MF_MOVE);
	syscall(SYS_mbind, p, 4096, MPOL_LOCAL, NULL, 0, 0x80);
	syscall(SYS_mbind, p, 4096, MPOL_PREFERRED_MANY | MPOL_F_NUMA_BALANCING, mask, 257, 0);
	syscall(SYS_migrate_pages, 0x7fffffff, 65, mask, out);
	syscall(SYS_set_mempolicy_home_node, p, 4096, 0, 0);
	syscall(SYS_set_mempolicy_home_node, p, 4096, 3, 1);
	hyt_end();
	return 0;
}
