// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_ptrace.c: the ptrace(2) decoder's outputs (successful calls) against lines printed by strace 6.1. */
#include <sys/syscall.h>
#include "unit.h"

UT_CASE(ptrace_words)
{
	uint64_t w = 0x1122334455667788ULL, zero = 0, mask = 0;
	uint8_t si[128];

	ut_begin(u, SYS_ptrace, 2, 25424, 0x56235cd45040, 0x7ffe0000, 0, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, &w, 8, 0);
	UT_LINE(u, "PEEKDATA", 0, "ptrace(PTRACE_PEEKDATA, 25424, 0x56235cd45040, [0x1122334455667788]) = 0");
	ut_begin(u, SYS_ptrace, 0x4201, 25424, 0, 0x7ffe0000, 0, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, &zero, 8, 0);
	UT_LINE(u, "GETEVENTMSG", 0, "ptrace(PTRACE_GETEVENTMSG, 25424, NULL, [0]) = 0");
	ut_begin(u, SYS_ptrace, 0x4201, 25424, 0, 0x7ffe0000, 0, 0);
	UT_LINE(u, "GETEVENTMSG failed", -3,
		"ptrace(PTRACE_GETEVENTMSG, 25424, NULL, 0x7ffe0000) = -1 ESRCH (No such process)");
	memset(si, 0, sizeof(si));
	si[0] = 5;		/* si_signo SIGTRAP */
	si[8] = 0x05;		/* si_code 0x8005 */
	si[9] = 0x80;
	si[16] = 0x50;		/* si_addr 0x6350 */
	si[17] = 0x63;
	ut_begin(u, SYS_ptrace, 0x4202, 25424, 0, 0x7ffe0000, 0, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, si, 128, 0);
	UT_LINE(u, "GETSIGINFO", 0,
		"ptrace(PTRACE_GETSIGINFO, 25424, NULL, {si_signo=SIGTRAP, si_code=0x8005, si_addr=0x6350}) = 0");
	ut_begin(u, SYS_ptrace, 0x420a, 25424, 8, 0x7ffe0000, 0, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, &mask, 8, 0);
	UT_LINE(u, "GETSIGMASK", 0, "ptrace(PTRACE_GETSIGMASK, 25424, 8, []) = 0");
}

UT_CASE(ptrace_regset)
{
	uint64_t iov_in[2] = { 0x7ffe1000, 1000 }, iov_out[2] = { 0x7ffe1000, 216 }, regs[27];
	static const uint64_t v[27] = { 0x7f5c31d2a020, 0x56235cd44dd8, 0x7ffe20cd4028, 0, 0x1,
		0x7ffe20cd4018, 0x202, 0x7f5c31b19fa0, 0x7f5c31afd740, 0, 0xfffffffffffffdfe,
		0x7f5c31bd3dd0, 0, 0, 0, 0x22, 0x7f5c31bd3dd0, 0x33, 0x202, 0x7ffe20cd3d68, 0x2b,
		0x7f5c31afd740, 0, 0, 0, 0, 0 };

	memcpy(regs, v, sizeof(regs));
	ut_begin(u, SYS_ptrace, 0x4204, 25424, 1, 0x7ffe0000, 0, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, iov_in, 16, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, iov_out, 16, 0);
	ut_blob(u, 3, HY_AT_EXIT, 1, regs, 216, HY_BF_CHILD);
	UT_LINE(u, "GETREGSET changed", 0,
		"ptrace(PTRACE_GETREGSET, 25424, NT_PRSTATUS, {iov_base={r15=0x7f5c31d2a020, r14=0x56235cd44dd8, r13=0x7ffe20cd4028, r12=0, rbp=0x1, rbx=0x7ffe20cd4018, r11=0x202, r10=0x7f5c31b19fa0, r9=0x7f5c31afd740, r8=0, rax=0xfffffffffffffdfe, rcx=0x7f5c31bd3dd0, rdx=0, rsi=0, rdi=0, orig_rax=0x22, rip=0x7f5c31bd3dd0, cs=0x33, eflags=0x202, rsp=0x7ffe20cd3d68, ss=0x2b, fs_base=0x7f5c31afd740, gs_base=0, ds=0, es=0, fs=0, gs=0}, iov_len=1000 => 216}) = 0");
	iov_in[1] = iov_out[1] = 24;
	ut_begin(u, SYS_ptrace, 0x4204, 25424, 1, 0x7ffe0000, 0, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, iov_in, 16, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, iov_out, 16, 0);
	ut_blob(u, 3, HY_AT_EXIT, 1, regs, 24, HY_BF_CHILD);
	UT_LINE(u, "GETREGSET 24", 0,
		"ptrace(PTRACE_GETREGSET, 25424, NT_PRSTATUS, {iov_base={r15=0x7f5c31d2a020, r14=0x56235cd44dd8, r13=0x7ffe20cd4028}, iov_len=24}) = 0");
	/* a failed call: the buffer's address (strace does not read it) */
	ut_begin(u, SYS_ptrace, 0x4204, 25424, 2, 0x7ffe0000, 0, 0);
	ut_blob(u, 3, HY_AT_ENTER, 0, iov_in, 16, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, iov_out, 16, 0);
	UT_LINE(u, "GETREGSET failed", -22,
		"ptrace(PTRACE_GETREGSET, 25424, NT_FPREGSET, {iov_base=0x7ffe1000, iov_len=24}) = -1 EINVAL (Invalid argument)");
}

UT_CASE(ptrace_peeksiginfo)
{
	struct { uint64_t off; uint32_t flags, nr; } args = { 0, 0, 4 };
	uint8_t si[3][128];
	static const int sig[3] = { 10, 12, 14 };

	memset(si, 0, sizeof(si));
	for (int k = 0; k < 3; k++) {
		int32_t code = -6, pid = 15447;	/* SI_TKILL */

		si[k][0] = (uint8_t)sig[k];
		memcpy(&si[k][8], &code, 4);
		memcpy(&si[k][16], &pid, 4);
	}
	ut_begin(u, SYS_ptrace, 0x4209, 15447, 0x7ffe1000, 0x7ffe2000, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, &args, 16, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, si, sizeof(si), 0);
	UT_LINE(u, "PEEKSIGINFO", 3,
		"ptrace(PTRACE_PEEKSIGINFO, 15447, {off=0, flags=0, nr=4}, [{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=15447, si_uid=0}, {si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=15447, si_uid=0}, {si_signo=SIGALRM, si_code=SI_TKILL, si_pid=15447, si_uid=0}]) = 3");
}

UT_CASE(ptrace_syscall_info)
{
	uint8_t info[88];
	uint32_t arch = 0xc000003e;
	uint64_t ip = 0x7fac06bc0829, sp = 0x7ffc9db1af08, nr = 80, a0 = 0x555a042f7248;
	int64_t rval = -2;

	memset(info, 0, sizeof(info));
	info[0] = 1;	/* PTRACE_SYSCALL_INFO_ENTRY */
	memcpy(info + 4, &arch, 4);
	memcpy(info + 8, &ip, 8);
	memcpy(info + 16, &sp, 8);
	memcpy(info + 24, &nr, 8);
	memcpy(info + 32, &a0, 8);
	ut_begin(u, SYS_ptrace, 0x420e, 16121, 40, 0x7ffe0000, 0, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, info, 40, 0);
	UT_LINE(u, "GET_SYSCALL_INFO entry", 80,
		"ptrace(PTRACE_GET_SYSCALL_INFO, 16121, 40, {op=PTRACE_SYSCALL_INFO_ENTRY, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x7fac06bc0829, stack_pointer=0x7ffc9db1af08, entry={nr=__NR_chdir, args=[0x555a042f7248]}}) = 80");
	info[0] = 2;	/* PTRACE_SYSCALL_INFO_EXIT */
	memcpy(info + 24, &rval, 8);
	info[32] = 1;
	ut_begin(u, SYS_ptrace, 0x420e, 16121, 33, 0x7ffe0000, 0, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, info, 33, 0);
	UT_LINE(u, "GET_SYSCALL_INFO exit error", 33,
		"ptrace(PTRACE_GET_SYSCALL_INFO, 16121, 33, {op=PTRACE_SYSCALL_INFO_EXIT, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x7fac06bc0829, stack_pointer=0x7ffc9db1af08, exit={rval=-ENOENT, is_error=1}}) = 33");
	ut_begin(u, SYS_ptrace, 0x420e, 16121, 32, 0x7ffe0000, 0, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, info, 32, 0);
	UT_LINE(u, "GET_SYSCALL_INFO exit short", 33,
		"ptrace(PTRACE_GET_SYSCALL_INFO, 16121, 32, {op=PTRACE_SYSCALL_INFO_EXIT, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x7fac06bc0829, stack_pointer=0x7ffc9db1af08, exit={rval=-2}}) = 33");
	info[0] = 0;	/* PTRACE_SYSCALL_INFO_NONE */
	ut_begin(u, SYS_ptrace, 0x420e, 16121, 7, 0x7ffe0000, 0, 0);
	ut_blob(u, 3, HY_AT_EXIT, 0, info, 7, 0);
	UT_LINE(u, "GET_SYSCALL_INFO op only", 24,
		"ptrace(PTRACE_GET_SYSCALL_INFO, 16121, 7, {op=PTRACE_SYSCALL_INFO_NONE}) = 24");
}

static const struct ut_case cases[] = {
	UT_ENTRY(ptrace_words), UT_ENTRY(ptrace_regset), UT_ENTRY(ptrace_peeksiginfo),
	UT_ENTRY(ptrace_syscall_info),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
