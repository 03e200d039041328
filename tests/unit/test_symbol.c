// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_symbol.c: the symbol layer (user/symbol/) on this very binary: pc -> function+offset. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include "symbol.h"
#include "unit.h"

#define NOINLINE __attribute__((noinline, used))

static volatile int sink;

NOINLINE void st_target_one(void)
{
	sink++;
	sink *= 3;
}

NOINLINE void st_target_two(void)
{
	sink--;
	sink *= 5;
}

/* mangled names, as a C++ compiler and rustc (legacy mangling) would write them */
NOINLINE void cxx_fn(void) __asm__("_ZN2ns3fooEi");
NOINLINE void cxx_fn(void)
{
	sink += 7;
}
NOINLINE void rust_fn(void) __asm__("_ZN4core3fmt5write17h0123456789abcdefE");
NOINLINE void rust_fn(void)
{
	sink += 11;
}

static char self[PATH_MAX];

static void self_path(void)
{
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	self[n > 0 ? n : 0] = 0;
}

UT_TEST(lookup)
{
	struct symbolizer *s = sym_new();
	struct sym_frame f;
	uint64_t pc = (uint64_t)(uintptr_t)st_target_two + 3;

	self_path();
	UT_CHECK("sym_new", s != NULL);
	UT_CHECK("lookup returns 0", sym_lookup(s, getpid(), pc, 0, &f) == 0);
	UT_EXPECT("function of pc", f.func ? f.func : "(none)", "st_target_two");
	UT_CHECK("offset in function", f.func_off == 3);
	UT_EXPECT("module is this binary", f.module ? f.module : "(none)", self);
	UT_CHECK("no flags", f.flags == 0);
	/* a return address just past a function's last byte names the call before it */
	UT_CHECK("caller lookup", sym_lookup(s, getpid(), (uint64_t)(uintptr_t)st_target_one + 1,
					     SYM_L_CALLER, &f) == 0 && f.func &&
				  !strcmp(f.func, "st_target_one") && f.func_off == 1 &&
				  (f.flags & SYM_F_CALLER));
	UT_CHECK("line info", sym_lookup(s, getpid(), pc, SYM_L_LINE, &f) == 0 && f.file &&
			      strstr(f.file, "test_symbol.c") && f.line > 0);
	/* an address on the heap: no module */
	void *heap = malloc(64);

	UT_CHECK("heap is no module", sym_lookup(s, getpid(), (uint64_t)(uintptr_t)heap, 0, &f) == 0 &&
				      (f.flags & SYM_F_NO_MODULE) && !f.module && !f.func);
	free(heap);
	struct sym_stats st;

	sym_get_stats(s, &st);
	UT_CHECK("one maps read, one file", st.maps_reads == 1 && st.files >= 1);
	sym_free(s);
}

UT_TEST(demangle)
{
	struct symbolizer *s = sym_new();
	struct sym_frame f;

	sym_lookup(s, getpid(), (uint64_t)(uintptr_t)cxx_fn + 1, 0, &f);
	UT_EXPECT("C++ name", f.func ? f.func : "(none)", "ns::foo(int)");
	sym_lookup(s, getpid(), (uint64_t)(uintptr_t)rust_fn + 1, 0, &f);
	UT_EXPECT("Rust legacy name, hash dropped", f.func ? f.func : "(none)", "core::fmt::write");
	sym_free(s);
}

/*
 * Maps kept from mmap/munmap/exec calls for a process that /proc no longer has (the eBPF
 * side's case): this binary's text mapped by hand into a made-up process.
 */
UT_TEST(tracked_maps)
{
	struct symbolizer *s = sym_new();
	struct sym_frame f, g;
	const pid_t gone = 2000000000;	/* above any pid_max: never in /proc */
	uint64_t pc = (uint64_t)(uintptr_t)st_target_one + 2;

	self_path();
	/* where our own mapping of pc starts, and its file offset */
	sym_lookup(s, getpid(), pc, 0, &g);
	uint64_t start = 0x500000000000ull, off = g.mod_off & ~(uint64_t)4095;

	UT_CHECK("mmap", sym_mmap(s, gone, start, 1 << 20, off, PROT_READ | PROT_EXEC, self) == 0);
	uint64_t fake = start + (g.mod_off - off);

	UT_CHECK("lookup in mmap'd file", sym_lookup(s, gone, fake, 0, &f) == 0 && f.func &&
					 !strcmp(f.func, "st_target_one") && f.func_off == 2 &&
					 f.mod_off == g.mod_off);
	UT_CHECK("mprotect without exec", sym_mprotect(s, gone, start, 1 << 20, PROT_READ) == 0 &&
					  sym_lookup(s, gone, fake, 0, &f) == 0 &&
					  (f.flags & SYM_F_NO_MODULE));
	sym_mprotect(s, gone, start, 1 << 20, PROT_READ | PROT_EXEC);
	UT_CHECK("munmap a hole", sym_munmap(s, gone, fake & ~4095ull, 4096) == 0 &&
				  sym_lookup(s, gone, fake, 0, &f) == 0 && (f.flags & SYM_F_NO_MODULE));
	UT_CHECK("the rest stays", sym_lookup(s, gone, start + (1 << 19), 0, &f) == 0 && f.module &&
				   !strcmp(f.module, self));
	UT_CHECK("fork copies", sym_fork(s, gone, gone + 1) == 0 &&
				sym_lookup(s, gone + 1, start + (1 << 19), 0, &f) == 0 && f.module);
	/* sizes from a bad record: refused or cut at the top, never a wrap */
	UT_CHECK("mmap wrapping refused", sym_mmap(s, gone, UINT64_MAX - 4095, 8192, 0,
						   PROT_EXEC, self) == -EINVAL);
	UT_CHECK("munmap to the top keeps what is below",
		 sym_munmap(s, gone, start + (1 << 20) - 4096, UINT64_MAX) == 0 &&
		 sym_mprotect(s, gone, start + (1 << 20) - 4096, UINT64_MAX, PROT_EXEC) == 0 &&
		 sym_lookup(s, gone, start + (1 << 19), 0, &f) == 0 && f.module);
	sym_exec(s, gone);
	UT_CHECK("exec forgets", sym_lookup(s, gone, start, 0, &f) == 0 &&
				 (f.flags & SYM_F_NO_MODULE));
	sym_exit(s, gone + 1);
	UT_CHECK("exit forgets", sym_lookup(s, gone + 1, start, 0, &f) == 0 &&
				 (f.flags & SYM_F_NO_MODULE));
	sym_free(s);
}

UT_TEST(stack_marks)
{
	struct symbolizer *s = sym_new();
	struct sym_frame f[4];
	uint64_t pcs[2] = { (uint64_t)(uintptr_t)st_target_one + 1,
			    (uint64_t)(uintptr_t)st_target_two + 4 };

	UT_CHECK("two frames + trunc mark", sym_lookup_stack(s, getpid(), pcs, 2, true, 0, 0, f) == 3 &&
					   !(f[0].flags & SYM_F_CALLER) &&
					   (f[1].flags & SYM_F_CALLER) && f[1].func_off == 4 &&
					   (f[2].flags & SYM_F_TRUNC));
	UT_CHECK("error mark", sym_lookup_stack(s, getpid(), pcs, 1, false, -EIO, 0, f) == 2 &&
			       (f[1].flags & SYM_F_ERROR) && f[1].err == -EIO);
	sym_free(s);
}

/* a child stops itself three functions deep: its stack, unwound through ptrace, names them */
NOINLINE void st_child_leaf(void)
{
	raise(SIGSTOP);
	sink++;
}

NOINLINE void st_child_mid(void)
{
	st_child_leaf();
	sink++;
}

NOINLINE void st_child_top(void)
{
	st_child_mid();
	sink++;
}

UT_TEST(unwind_live)
{
	struct symbolizer *s = sym_new();
	struct sym_frame f[66];
	uint64_t pcs[64];
	int status, err = 1, n = 0;
	pid_t c = fork();

	if (c == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		st_child_top();
		_exit(0);
	}
	UT_CHECK("child stopped", c > 0 && waitpid(c, &status, 0) == c && WIFSTOPPED(status));
	n = sym_unwind_live(s, c, c, pcs, 64, &err);
	UT_CHECK("unwound to the end", n >= 5 && err == 0);
	int nf = sym_lookup_stack(s, c, pcs, (unsigned int)(n > 0 ? n : 0), false, err, 0, f);
	int leaf = -1;

	for (int i = 0; i < nf; i++)
		if (f[i].func && !strcmp(f[i].func, "st_child_leaf"))
			leaf = i;
	UT_CHECK("leaf, mid, top in order", leaf >= 0 && leaf + 2 < nf && f[leaf + 1].func &&
					    !strcmp(f[leaf + 1].func, "st_child_mid") &&
					    f[leaf + 2].func && !strcmp(f[leaf + 2].func, "st_child_top"));
	bool has_main = false;

	for (int i = leaf + 3; leaf >= 0 && i < nf; i++)
		has_main |= f[i].func && !strcmp(f[i].func, "main");
	UT_CHECK("main further out", has_main);
	n = sym_unwind_live(s, c, c, pcs, 2, &err);
	UT_CHECK("cut at max", n == 2 && err == -E2BIG);
	kill(c, SIGKILL);
	ptrace(PTRACE_DETACH, c, NULL, NULL);
	waitpid(c, &status, 0);
	sym_free(s);
}

static const struct ut_case cases[] = {
	UT_ENTRY(lookup), UT_ENTRY(demangle), UT_ENTRY(tracked_maps), UT_ENTRY(stack_marks),
	UT_ENTRY(unwind_live),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
