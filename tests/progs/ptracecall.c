/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ptracecall.c: ptrace(2) requests on a pid that cannot exist (pid_max is at most 4194304), so
 * every call fails the same way on both backends: their inputs decoded, their outputs as the
 * addresses strace prints for a failed call. */
#include "hyt.h"
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <elf.h>

#define NOPID 0x7ffffffe

static long pt(long req, long pid, uintptr_t addr, uintptr_t data)
{
	return syscall(SYS_ptrace, req, pid, addr, data);
}

int main(void)
{
	static struct user_regs_struct regs;
	static struct user_fpregs_struct fpregs;
	siginfo_t si;
	uint64_t mask = 1ull << (SIGUSR1 - 1) | 1ull << (SIGHUP - 1);
	struct { uint64_t off; uint32_t flags; int32_t nr; } psi = { 3, 1, 8 };
	uint64_t md[2] = { 5, 0 };
	uint64_t word = 0;
	struct iovec iov;
	siginfo_t sio;
	int fd;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR2;
	si.si_code = SI_QUEUE;
	si.si_pid = 1234;
	si.si_uid = 1000;
	si.si_value.sival_int = 7;
	memset(&regs, 0, sizeof(regs));
	regs.r15 = 0xf15;
	regs.rax = 0xa;
	regs.orig_rax = 0x3c;
	regs.rip = 0x401000;
	regs.cs = 0x33;
	memset(&fpregs, 0, sizeof(fpregs));
	fpregs.cwd = 0x37f;
	fpregs.mxcsr = 0x1f80;
	fpregs.st_space[1] = 0xabc;
	iov.iov_base = &regs;
	iov.iov_len = 3 * 8;
	memset(&sio, 0, sizeof(sio));
	sio.si_signo = SIGIO;
	sio.si_code = POLL_IN;
	sio.si_band = 1;

	hyt_begin();
	pt(0xdeadbeef, NOPID, 0, 0);
	pt(PTRACE_PEEKDATA, NOPID, 0x1000, (uintptr_t)&word);
	pt(PTRACE_POKEDATA, NOPID, 0x1000, 0x55);
	pt(PTRACE_ATTACH, NOPID, 0, 0);
	pt(PTRACE_KILL, NOPID, 0, 0);
	pt(PTRACE_CONT, NOPID, 0, SIGUSR1);
	pt(PTRACE_SYSCALL, NOPID, 0, 0);
	pt(PTRACE_DETACH, NOPID, 0, SIGTERM);
	pt(PTRACE_SETOPTIONS, NOPID, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | 0x8000);
	pt(PTRACE_SEIZE, NOPID, 0, PTRACE_O_EXITKILL);
	pt(PTRACE_GETEVENTMSG, NOPID, 0, (uintptr_t)&word);
	pt(PTRACE_SETSIGINFO, NOPID, 0, (uintptr_t)&si);
	pt(PTRACE_GETSIGINFO, NOPID, 0, (uintptr_t)&si);
	fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
	sio.si_fd = fd;
	pt(PTRACE_SETSIGINFO, NOPID, 0, (uintptr_t)&sio);	/* si_fd's path under -y */
	syscall(SYS_close, fd);
	pt(PTRACE_SETSIGMASK, NOPID, 8, (uintptr_t)&mask);
	pt(PTRACE_SETSIGMASK, NOPID, 4, (uintptr_t)&mask);
	pt(PTRACE_GETSIGMASK, NOPID, 8, (uintptr_t)&mask);
	pt(PTRACE_PEEKSIGINFO, NOPID, (uintptr_t)&psi, (uintptr_t)&si);
	pt(PTRACE_SETREGS, NOPID, 0, (uintptr_t)&regs);
	pt(PTRACE_GETREGS, NOPID, 0, (uintptr_t)&regs);
	pt(PTRACE_SETFPREGS, NOPID, 0, (uintptr_t)&fpregs);
	pt(PTRACE_GETFPREGS, NOPID, 0, (uintptr_t)&fpregs);
	pt(PTRACE_SETREGSET, NOPID, NT_PRSTATUS, (uintptr_t)&iov);
	pt(PTRACE_GETREGSET, NOPID, NT_PRSTATUS, (uintptr_t)&iov);
	iov.iov_base = &fpregs;
	iov.iov_len = 40;
	pt(PTRACE_SETREGSET, NOPID, NT_FPREGSET, (uintptr_t)&iov);
	iov.iov_len = 12;
	pt(PTRACE_SETREGSET, NOPID, NT_PRSTATUS, (uintptr_t)&iov);
	pt(PTRACE_SETREGSET, NOPID, 0x4444, (uintptr_t)&iov);
	pt(PTRACE_SECCOMP_GET_METADATA, NOPID, sizeof(md), (uintptr_t)md);
	pt(PTRACE_SECCOMP_GET_METADATA, NOPID, 4, (uintptr_t)md);
	pt(PTRACE_GET_SYSCALL_INFO, NOPID, 88, (uintptr_t)&regs);
	pt(PTRACE_INTERRUPT, NOPID, 0, 0);
	hyt_end();
	return 0;
}
