// SPDX-License-Identifier: LGPL-2.1-or-later
/* ustack.c: the consumer's cost of -k on the eBPF backend: stack snapshots unwound per CPU-second. */
/*
 * Issue 12's target: at least 200,000 stacks unwound (and symbolised) per CPU-second in the
 * consumer.  The snapshots are made here, as the kernel side makes them (bpf/stack.bpf.h): the
 * registers in DWARF order and the 8 KiB above the stack pointer, taken at the bottom of a
 * chain of DEPTH non-inlined calls; then each is unwound N times with ustack_unwind() (the
 * code the eBPF backend runs per record), then named with sym_lookup_stack() as the pipeline
 * names each stack before the sinks (user/symbol/symbol.h; no file:line, as for text output).
 *
 *   build/bench/ustack [N] [DEPTH] [STACK_BYTES]     defaults: 200000 8 8192
 * Prints: stacks, frames per stack, CPU seconds and stacks per CPU-second, unwound alone and
 * unwound + named; then libdwfl's own walk on the same snapshot (rate, and whether its frames
 * are the same).
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "symbol.h"
#include "ustack.h"

struct snap {
	uint64_t regs[HY_UREGS_N];
	uint8_t stack[HY_USTACK_MAX];
	uint64_t sp;
	size_t len;
};

static struct snap S;
static size_t want = 8192;
static uint64_t stack_top;

/* The registers an unwinder needs (DWARF numbers: rbx 3, rbp 6, rsp 7, r12-r15 12-15, rip 16),
   then the stack above rsp, as the kernel side copies it. */
static __attribute__((noinline)) void snapshot(void)
{
	uint64_t *r = S.regs;

	__asm__ volatile("movq %%rbx, 24(%0)\n\t"
			 "movq %%rbp, 48(%0)\n\t"
			 "movq %%rsp, 56(%0)\n\t"
			 "movq %%r12, 96(%0)\n\t"
			 "movq %%r13, 104(%0)\n\t"
			 "movq %%r14, 112(%0)\n\t"
			 "movq %%r15, 120(%0)\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "movq %%rax, 128(%0)\n\t"
			 "1:\n\t"
			 : : "r"(r) : "rax", "memory");
	S.sp = r[7];
	S.len = stack_top - S.sp < want ? stack_top - S.sp : want;
	memcpy(S.stack, (void *)S.sp, S.len);
}

static int depth;

static __attribute__((noinline)) int chain(int n)
{
	volatile char pad[64];

	pad[0] = (char)n;
	if (n >= depth)
		snapshot();
	else
		chain(n + 1);
	__asm__ volatile("" ::: "memory");	/* no tail call: each level keeps its frame */
	return pad[0];
}

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200000;
	pthread_attr_t a;
	void *addr;
	size_t size;
	uint64_t pcs[HY_STACK_DEPTH];
	struct ustack *u;
	int err = 0, nf = 0;

	depth = argc > 2 ? atoi(argv[2]) : 8;
	want = argc > 3 ? strtoul(argv[3], NULL, 0) : 8192;
	if (n <= 0 || depth < 0 || want < 64 || want > HY_USTACK_MAX) {
		fprintf(stderr, "usage: ustack [N] [DEPTH] [STACK_BYTES <= %d]\n", HY_USTACK_MAX);
		return 2;
	}
	if (pthread_getattr_np(pthread_self(), &a) || pthread_attr_getstack(&a, &addr, &size)) {
		fprintf(stderr, "ustack: cannot find this thread's stack\n");
		return 1;
	}
	stack_top = (uint64_t)addr + size;
	chain(0);
	u = ustack_new();
	if (!u || ustack_seed(u, getpid())) {
		fprintf(stderr, "ustack: cannot read /proc/self/maps\n");
		return 1;
	}
	pid_t pid = getpid(), tid = gettid();
	struct ustack_stats st;
	struct symbolizer *sym = sym_new();
	struct sym_frame fr[HY_STACK_DEPTH + 1];
	int named = 0;
	double t0 = cpu_s();

	for (long i = 0; i < n; i++)
		nf = ustack_unwind(u, pid, tid, S.regs, S.stack, S.len, S.sp, pcs, HY_STACK_DEPTH,
				   &err);
	double t = cpu_s() - t0;

	if (!sym || sym_seed(sym, pid)) {
		fprintf(stderr, "ustack: cannot set up the symbol layer\n");
		return 1;
	}
	t0 = cpu_s();
	for (long i = 0; i < n; i++) {
		nf = ustack_unwind(u, pid, tid, S.regs, S.stack, S.len, S.sp, pcs, HY_STACK_DEPTH,
				   &err);
		named = sym_lookup_stack(sym, pid, pcs, nf, err == -E2BIG, err == -E2BIG ? 0 : err,
					 0, fr);
	}
	double tn = cpu_s() - t0;

	ustack_get_stats(u, &st);
	/* the same frames as libdwfl's own unwinder, and its rate */
	uint64_t ref[HY_STACK_DEPTH];
	int rerr = 0, rn;
	long nslow = n / 20 ? n / 20 : 1;
	double t1 = cpu_s();

	ustack_set_rules(u, false);
	for (long i = 0; i < nslow; i++)
		rn = ustack_unwind(u, pid, tid, S.regs, S.stack, S.len, S.sp, ref, HY_STACK_DEPTH,
				   &rerr);
	double ts = cpu_s() - t1;
	bool same = rn == nf && rerr == err && !memcmp(ref, pcs, nf * sizeof(pcs[0]));

	if (!same && getenv("USTACK_SHOW")) {
		for (int i = 0; i < nf || i < rn; i++)
			fprintf(stderr, "%2d %#18llx %#18llx\n", i, i < nf ? (unsigned long long)pcs[i] : 0ull,
				i < rn ? (unsigned long long)ref[i] : 0ull);
		fprintf(stderr, "err %d libdwfl err %d\n", err, rerr);
	}

	printf("stacks %ld frames/stack %d err %d snapshot %zu bytes cpu %.3f s rate %.0f stacks/cpu-s"
	       " (%.1f%% from cached rules)\n", n, nf, err, S.len, t, n / t,
	       100.0 * st.fast / (st.unwinds ? st.unwinds : 1));
	printf("unwound + named: %.0f stacks/cpu-s (%d frames named, innermost %s)\n", n / tn, named,
	       named > 0 && fr[0].func ? fr[0].func : "?");
	printf("libdwfl alone: %.0f stacks/cpu-s; same frames: %s\n", nslow / ts, same ? "yes" : "NO");
	sym_free(sym);
	ustack_free(u);
	return err || !same ? 1 : 0;
}
