/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* prctl.c: the rarer prctl options (machine-check kill, securebits, TSC, unaligned access, FP mode,
 * tagged addresses, pointer authentication, syscall user dispatch, core scheduling). */
#include "hyt.h"
#include <sys/prctl.h>
#include <linux/prctl.h>

int main(void)
{
	int v = -1;

	hyt_begin();
	syscall(SYS_prctl, PR_MCE_KILL, PR_MCE_KILL_SET, PR_MCE_KILL_EARLY, 0, 0);
	syscall(SYS_prctl, PR_MCE_KILL_GET, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_MCE_KILL, PR_MCE_KILL_CLEAR, 0, 0, 0);
	syscall(SYS_prctl, PR_MCE_KILL_GET, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_MCE_KILL, 7, 3, 1, 2);
	syscall(SYS_prctl, PR_MCE_KILL, PR_MCE_KILL_SET, 9, 0, 0);
	syscall(SYS_prctl, PR_GET_SECUREBITS, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_SECUREBITS, 0x100 | 0x2, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_SECUREBITS, 0x100, 0, 0, 0);
	syscall(SYS_prctl, PR_GET_TSC, &v, 0, 0, 0);
	syscall(SYS_prctl, PR_GET_TSC, NULL, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_TSC, 3, 0, 0, 0);
	syscall(SYS_prctl, PR_GET_UNALIGN, &v, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_UNALIGN, PR_UNALIGN_NOPRINT | 4, 0, 0, 0);
	syscall(SYS_prctl, PR_GET_FP_MODE, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_FP_MODE, PR_FP_MODE_FR | PR_FP_MODE_FRE, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_TAGGED_ADDR_CTRL, PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_SYNC | (5 << 3), 0, 0, 0);
	syscall(SYS_prctl, PR_SET_TAGGED_ADDR_CTRL, 0x6 | 0x100000, 1, 2, 3);
	syscall(SYS_prctl, PR_GET_TAGGED_ADDR_CTRL, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_PAC_RESET_KEYS, PR_PAC_APIAKEY | PR_PAC_APGAKEY, 0, 0, 0);
	syscall(SYS_prctl, PR_PAC_SET_ENABLED_KEYS, PR_PAC_APDAKEY, 0x20, 0, 0);
	syscall(SYS_prctl, PR_PAC_GET_ENABLED_KEYS, 0, 0, 0, 0);
	syscall(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 1, 2, 0);
	syscall(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, 5, 1, 2, 3);
	syscall(SYS_prctl, PR_SCHED_CORE, 99, 0, 0, 0);
	syscall(SYS_prctl, PR_SCHED_CORE, PR_SCHED_CORE_SHARE_TO, 1, 7, 0);
	syscall(SYS_prctl, PR_SCHED_CORE, PR_SCHED_CORE_CREATE, 0x7fffffff, 1, 0);
	/* arch_prctl's XSAVE feature permissions: numbers and masks named in comments */
	syscall(SYS_arch_prctl, 0x1023 /* ARCH_REQ_XCOMP_PERM */, 0x13);
	syscall(SYS_arch_prctl, 0x1023, 0);
	syscall(SYS_arch_prctl, 0x1025 /* ARCH_REQ_XCOMP_GUEST_PERM */, 0xf);
	syscall(SYS_arch_prctl, 0x1021 /* ARCH_GET_XCOMP_SUPP */, NULL);
	syscall(SYS_arch_prctl, 0x3fff, 0);
	hyt_end();
	return 0;
}
