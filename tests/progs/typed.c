/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* typed.c: syscalls printed by their kernel argument types (decoders/syscall_types_x86_64.tbl),
 * called with odd values: ints in 64-bit registers with junk above bit 31, -1 fds, NULL. */
#include "hyt.h"
#include <stdint.h>

#ifndef SYS_fsmount
#define SYS_fsmount 432		/* arch/x86/entry/syscalls/syscall_64.tbl */
#endif
#ifndef SYS_fsopen
#define SYS_fsopen 430
#endif
#ifndef SYS_fspick
#define SYS_fspick 433
#endif
#ifndef SYS_open_tree
#define SYS_open_tree 428
#endif
#ifndef SYS_process_mrelease
#define SYS_process_mrelease 448
#endif

int main(void)
{
	hyt_begin();

	/* int fanotify_fd with junk in the upper half: strace prints 305419896 */
	syscall(SYS_fanotify_mark, 0xdeadfeed12345678UL, 0, 0, (unsigned long)-100, 0);
	syscall(SYS_fsmount, 0xffffffffUL, 0, 0);
	/* int fd, loff_t offset (signed), size_t count (unsigned decimal) */
	syscall(SYS_readahead, 0xfeedfacedeadbeefUL, -1L, 0xfffffffffffffffeUL);
	syscall(SYS_pkey_free, 0xfffffffffffffffeUL);
	syscall(SYS_process_mrelease, 0xffffffffUL, 0);
	syscall(SYS_io_destroy, 0x1234UL);
	syscall(SYS_shmdt, 0x1000);
	syscall(SYS_mq_unlink, 0);
	syscall(SYS_io_setup, 0xfffffffeUL, 0);
	syscall(SYS_migrate_pages, 0xffffffffUL, 0x10, 0, 0);
	syscall(SYS_process_vm_readv, -1, 0, 1, 0, 1, 0);
	syscall(SYS_fsopen, 0, 0);
	syscall(SYS_fspick, 0xffffffffUL, 0, 0);
	syscall(SYS_open_tree, -100, 0, 0);
	syscall(SYS_sched_rr_get_interval, 0xffffffffUL, 0);
	syscall(SYS_getcpu, 0, 0, 0);
	/* const char * strings: paths whole, other strings cut at -s */
	syscall(SYS_swapoff, "/nonexistent/swap");
	syscall(SYS_pivot_root, "/nonexistent/new", "/nonexistent/old");
	syscall(SYS_mq_unlink, "no-such-queue");
	syscall(SYS_fsopen, "no-such-filesystem-type", 0);
	/* sysfs: printargs in strace */
	syscall(SYS_sysfs, 9, 0, 0);

	hyt_end();
	return 0;
}
