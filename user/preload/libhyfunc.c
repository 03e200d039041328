// SPDX-License-Identifier: LGPL-2.1-or-later
/* libhyfunc.c: the preload library of --func on the ptrace backend (libhytrace-func.so). */
/*
 * hytrace sets LD_PRELOAD to this library for a command built with -pg (gcc calls mcount after
 * each function's prologue) or -finstrument-functions (__cyg_profile_func_enter/_exit), and
 * HYTRACE_FUNC_FD to the ring it reads (user/source/ptrace_func.h says how the ring works).
 * Both definitions interpose glibc's (its gprof mcount, its empty __cyg_profile_* hooks).
 *
 * mcount sees entries only; a function's return is seen by replacing its return address (at
 * 8(%rbp): gcc's -pg keeps the frame pointer and calls mcount after `push %rbp; mov %rsp,%rbp`)
 * with hyf_return, which records the exit and jumps to the real address kept on a per-thread
 * shadow stack.  Frames that a longjmp or an exception left are dropped from it when a later
 * entry's return-address slot is at or above theirs (the pipeline makes their returns up), and
 * a return that matches no frame on top finds its frame further down.
 *
 * Without hytrace (no HYTRACE_FUNC_FD, a bad descriptor, or the claim syscall failing because
 * nobody traces the thread) every hook returns at once.  The hooks make no syscall: time comes
 * from the vDSO (CLOCK_BOOTTIME), a thread makes one syscall when it first claims a ring and
 * one each time its ring is full.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../source/ptrace_func.h"

#define HIDDEN __attribute__((visibility("hidden")))
#define TLS __thread __attribute__((tls_model("initial-exec")))
#define SHADOW_MAX 16384	/* frames a thread may have open; deeper calls go untraced */

struct shadow {
	uintptr_t *loc;		/* mcount: where the return address was; -finstrument: the sp */
	uintptr_t ret;		/* mcount: the real return address */
	uintptr_t addr;		/* the address recorded for the function */
};

struct hyf_thread {
	struct hyf_slot *slot;
	int state;		/* 0 not yet, 1 recording, -1 off, -2 no free ring (records lost) */
	int busy;		/* inside a hook: a signal handler's calls go untraced */
	unsigned int n;
	struct shadow *sh;	/* SHADOW_MAX frames, mapped at the first call */
};

static struct hyf_hdr *ring;	/* NULL: off */
static TLS struct hyf_thread T;

void hyf_return(void) HIDDEN;

static long raw_syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "0"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return ret;
}

/* hytrace leaves the library's own syscalls out of the trace; 0, or -ENOSYS: not traced */
static long hide(int on)
{
	int saved = errno;
	long r = raw_syscall2(HYF_NR, HYF_OP_HIDE, on);

	errno = saved;
	return r;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);	/* the vDSO: no syscall */
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* A ring for this thread, and hytrace's word that it reads it; false: stay off. */
static bool claim(struct hyf_thread *t)
{
	struct hyf_hdr *h = ring;

	if (!h || t->state < 0)
		return false;
	if (!t->sh) {
		void *p = MAP_FAILED;

		if (hide(1) == 0) {
			p = mmap(NULL, SHADOW_MAX * sizeof(struct shadow), PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			hide(0);
		}
		if (p == MAP_FAILED) {
			t->state = -1;
			return false;
		}
		t->sh = p;
	}
	for (uint32_t i = 0; i < h->nslots; i++) {
		struct hyf_slot *s = &h->slots[i];
		uint32_t free_ = 0;

		if (__atomic_load_n(&s->owner, __ATOMIC_RELAXED) ||
		    !__atomic_compare_exchange_n(&s->owner, &free_, HYF_CLAIMING, false,
						 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			continue;
		uint32_t used = __atomic_load_n(&h->nused, __ATOMIC_RELAXED);

		while (used < i + 1 &&
		       !__atomic_compare_exchange_n(&h->nused, &used, i + 1, false,
						    __ATOMIC_RELEASE, __ATOMIC_RELAXED))
			;
		int saved = errno;
		long r = raw_syscall2(HYF_NR, HYF_OP_CLAIM, i);

		errno = saved;
		if (r != 0) {	/* nobody reads it: not traced, or not followed */
			__atomic_store_n(&s->owner, 0, __ATOMIC_RELEASE);
			t->state = -1;
			return false;
		}
		t->slot = s;
		t->state = 1;
		return true;
	}
	__atomic_add_fetch(&h->lost_noslot, 1, __ATOMIC_RELAXED);
	t->state = -2;
	return false;
}

/* A record, and nval values (at most HY_FUNC_ARGS) in the next place of the ring. */
static void emit(struct hyf_thread *t, uint16_t type, uintptr_t addr, uintptr_t sp,
		 const uint64_t *v, unsigned int nval)
{
	struct hyf_slot *s = t->slot;
	uint64_t head = s->head, tail = __atomic_load_n(&s->tail, __ATOMIC_ACQUIRE);
	unsigned int need = nval ? 2 : 1;

	if (head - tail > HYF_SLOT_RECS - need) {
		int saved = errno;

		raw_syscall2(HYF_NR, HYF_OP_DRAIN, 0);	/* hytrace empties the rings */
		errno = saved;
		tail = __atomic_load_n(&s->tail, __ATOMIC_ACQUIRE);
		if (head - tail > HYF_SLOT_RECS - need) {
			__atomic_store_n(&s->lost, s->lost + 1, __ATOMIC_RELAXED);
			return;
		}
	}
	struct hy_func *r = &s->recs[head & (HYF_SLOT_RECS - 1)];

	if (nval) {
		uint64_t *d = (uint64_t *)&s->recs[(head + 1) & (HYF_SLOT_RECS - 1)];

		for (unsigned int i = 0; i < nval; i++)
			d[i] = v[i];
	}
	r->type = type;
	r->nval = (uint16_t)nval;
	r->size = sizeof(*r);
	r->pid = r->tid = 0;	/* hytrace knows them from the slot */
	r->ts = now_ns();
	r->addr = addr;
	r->sp = sp;
	r->fid = HY_FUNC_NOID;
	r->flags = 0;
	__atomic_store_n(&s->head, head + need, __ATOMIC_RELEASE);
}

/* The thread's state for a hook, or NULL (off, or already inside a hook). */
static inline struct hyf_thread *enter_hook(void)
{
	struct hyf_thread *t = &T;

	if (__builtin_expect(!ring || t->busy || t->state < 0, 0)) {
		if (ring && t->state == -2)	/* every record of this thread is lost: said so */
			__atomic_add_fetch(&ring->lost_noslot, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	t->busy = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (__builtin_expect(!t->slot, 0) && !claim(t)) {
		t->busy = 0;
		return NULL;
	}
	return t;
}

static inline void leave_hook(struct hyf_thread *t)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	t->busy = 0;
}

/* -- -pg: mcount ---------------------------------------------------------------------------- */

/*
 * From mcount: the function that called it returns through *loc, and ip is in it; regs, the
 * argument registers as it was called (rdi, rsi, rdx, rcx, r8, r9).
 */
HIDDEN void hyf_mcount_entry(uintptr_t *loc, uintptr_t ip, const uint64_t *regs)
{
	struct hyf_thread *t = enter_hook();

	if (!t)
		return;
	/* frames at or below this one's return address are gone (longjmp, exception) */
	while (t->n && t->sh[t->n - 1].loc <= loc)
		t->n--;
	if (t->n < SHADOW_MAX && *loc != (uintptr_t)hyf_return) {
		struct shadow *f = &t->sh[t->n++];

		f->loc = loc;
		f->ret = *loc;
		f->addr = ip;
		*loc = (uintptr_t)hyf_return;
		emit(t, HY_REC_FUNC_ENTRY, ip, (uintptr_t)loc, regs, ring->args ? HY_FUNC_ARGS : 0);
	}
	leave_hook(t);
}

/*
 * From hyf_return: a hooked function returned, the stack pointer is now sp (just above the
 * slot of its return address), its return value is ret; the real return address.
 */
HIDDEN uintptr_t hyf_mcount_exit(uintptr_t sp, uint64_t ret)
{
	struct hyf_thread *t = &T;
	int busy = t->busy;
	unsigned int i = t->n;

	t->busy = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	/* the innermost frame whose slot was just below sp; deeper ones were left by a longjmp */
	while (i > 0 && (uintptr_t)(t->sh[i - 1].loc + 1) != sp)
		i--;
	if (!i) {
		static const char msg[] = "hytrace: libhytrace-func: a return matches no call "
					  "(stack switched?); cannot go on\n";

		ssize_t n = write(2, msg, sizeof(msg) - 1);

		(void)n;
		abort();
	}
	struct shadow f = t->sh[i - 1];

	t->n = i - 1;
	if (t->slot && !busy)
		emit(t, HY_REC_FUNC_EXIT, f.addr, sp, &ret, ring->args ? 1 : 0);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	t->busy = busy;
	return f.ret;
}

/*
 * mcount: called after the prologue, so 8(%rbp) holds the function's return address and
 * (%rsp) an address in the function.  Saves what a call may clobber that the function may
 * still need: the argument registers, %rax (the vector count of a variadic call) and %r10
 * (the static chain of a nested function).
 */
__asm__(
	".text\n"
	".globl mcount\n"
	".type mcount, @function\n"
	"mcount:\n"
	"	.cfi_startproc\n"
	"	pushq %rbp\n"
	"	.cfi_def_cfa_offset 16\n"
	"	.cfi_offset %rbp, -16\n"
	"	movq %rsp, %rbp\n"
	"	.cfi_def_cfa_register %rbp\n"
	"	andq $-16, %rsp\n"
	"	subq $80, %rsp\n"
	"	movq %rdi, 0(%rsp)\n"
	"	movq %rsi, 8(%rsp)\n"
	"	movq %rdx, 16(%rsp)\n"
	"	movq %rcx, 24(%rsp)\n"
	"	movq %r8, 32(%rsp)\n"
	"	movq %r9, 40(%rsp)\n"
	"	movq %rax, 48(%rsp)\n"
	"	movq %r10, 56(%rsp)\n"
	"	movq 0(%rbp), %rdi\n"	/* the function's %rbp */
	"	addq $8, %rdi\n"	/* where its return address is */
	"	movq 8(%rbp), %rsi\n"	/* our return address: in the function */
	"	movq %rsp, %rdx\n"	/* the argument registers saved above */
	"	call hyf_mcount_entry\n"
	"	movq 0(%rsp), %rdi\n"
	"	movq 8(%rsp), %rsi\n"
	"	movq 16(%rsp), %rdx\n"
	"	movq 24(%rsp), %rcx\n"
	"	movq 32(%rsp), %r8\n"
	"	movq 40(%rsp), %r9\n"
	"	movq 48(%rsp), %rax\n"
	"	movq 56(%rsp), %r10\n"
	"	movq %rbp, %rsp\n"
	"	popq %rbp\n"
	"	.cfi_def_cfa %rsp, 8\n"
	"	ret\n"
	"	.cfi_endproc\n"
	".size mcount, .-mcount\n"
	".globl _mcount\n"
	".set _mcount, mcount\n"

	/* where hooked functions return: the return value in %rax:%rdx or %xmm0:%xmm1 kept */
	".globl hyf_return\n"
	".hidden hyf_return\n"
	".type hyf_return, @function\n"
	"hyf_return:\n"
	"	pushq %rbp\n"
	"	movq %rsp, %rbp\n"
	"	andq $-16, %rsp\n"
	"	subq $64, %rsp\n"
	"	movq %rax, 0(%rsp)\n"
	"	movq %rdx, 8(%rsp)\n"
	"	movdqu %xmm0, 16(%rsp)\n"
	"	movdqu %xmm1, 32(%rsp)\n"
	"	leaq 8(%rbp), %rdi\n"	/* the stack pointer after the return */
	"	movq %rax, %rsi\n"	/* the return value */
	"	call hyf_mcount_exit\n"
	"	movq %rax, %r11\n"
	"	movq 0(%rsp), %rax\n"
	"	movq 8(%rsp), %rdx\n"
	"	movdqu 16(%rsp), %xmm0\n"
	"	movdqu 32(%rsp), %xmm1\n"
	"	movq %rbp, %rsp\n"
	"	popq %rbp\n"
	"	jmp *%r11\n"
	".size hyf_return, .-hyf_return\n");

/* -- -finstrument-functions ----------------------------------------------------------------- */

/*
 * The hooks get the function's address.  The stack pointer recorded is the hook's frame
 * address on entry (below the function's own frame, above its callees'), and that same value
 * + 8 on its exit, so that the exit is above the entry as the pipeline expects.
 */
void __cyg_profile_func_enter(void *fn, void *site)
{
	struct hyf_thread *t = enter_hook();
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);

	(void)site;
	if (!t)
		return;
	while (t->n && (uintptr_t)t->sh[t->n - 1].loc <= sp)
		t->n--;
	if (t->n < SHADOW_MAX) {
		t->sh[t->n++] = (struct shadow){ .loc = (uintptr_t *)sp, .addr = (uintptr_t)fn };
		emit(t, HY_REC_FUNC_ENTRY, (uintptr_t)fn, sp, NULL, 0);
	}
	leave_hook(t);
}

void __cyg_profile_func_exit(void *fn, void *site)
{
	struct hyf_thread *t = enter_hook();
	unsigned int i;

	(void)site;
	if (!t)
		return;
	for (i = t->n; i > 0 && t->sh[i - 1].addr != (uintptr_t)fn; i--)
		;
	if (i) {	/* an entry not recorded (too deep, or in a signal handler): no exit */
		uintptr_t sp = (uintptr_t)t->sh[i - 1].loc + 8;

		t->n = i - 1;
		emit(t, HY_REC_FUNC_EXIT, (uintptr_t)fn, sp, NULL, 0);
	}
	leave_hook(t);
}

/* -- exceptions, fork, start ---------------------------------------------------------------- */

/*
 * A C++ exception's unwinder reads return addresses and knows no hyf_return: before it runs,
 * every hooked frame gets its real return address back (only where the slot still holds ours:
 * a dropped frame's slot may have been reused).  When a handler catches it
 * (__cxa_begin_catch, called by the catching function), the frames below the catcher are gone
 * (their returns are made up by the pipeline, marked) and the others are hooked again, so the
 * catcher's own return is seen.
 */
typedef int (*unwind_fn)(void *);
typedef void *(*catch_fn)(void *);

static void unhook_all(void)
{
	struct hyf_thread *t = &T;

	t->busy++;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	for (unsigned int i = t->n; i > 0 && ring; i--) {
		struct shadow *f = &t->sh[i - 1];

		if (f->ret && *f->loc == (uintptr_t)hyf_return)
			*f->loc = f->ret;
	}
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	t->busy--;
}

static void *next_fn(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);

	if (!f) {
		static const char msg[] = "hytrace: libhytrace-func: no unwinder function to call\n";
		ssize_t n = write(2, msg, sizeof(msg) - 1);

		(void)n;
		abort();
	}
	return f;
}

int _Unwind_RaiseException(void *exc)
{
	static unwind_fn real;

	if (!real)
		real = (unwind_fn)next_fn("_Unwind_RaiseException");
	unhook_all();
	return real(exc);
}

int _Unwind_Resume_or_Rethrow(void *exc)	/* throw; in a handler */
{
	static unwind_fn real;

	if (!real)
		real = (unwind_fn)next_fn("_Unwind_Resume_or_Rethrow");
	unhook_all();
	return real(exc);
}

void *__cxa_begin_catch(void *exc)
{
	static catch_fn real;
	struct hyf_thread *t = &T;
	/* the slot of our own return address: the catcher's frame is above it, the frames it
	 * called (now unwound) were at or below it */
	uintptr_t *ra = (uintptr_t *)__builtin_frame_address(0) + 1;

	if (!real)
		real = (catch_fn)next_fn("__cxa_begin_catch");
	if (ring && t->sh) {
		t->busy++;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		while (t->n && t->sh[t->n - 1].loc <= ra)
			t->n--;
		for (unsigned int i = 0; i < t->n; i++) {
			struct shadow *f = &t->sh[i];

			if (f->ret && *f->loc == f->ret)
				*f->loc = (uintptr_t)hyf_return;
		}
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		t->busy--;
	}
	return real(exc);
}

/* A forked child is a new thread to hytrace: it claims a ring of its own (the shadow stack,
 * a copy of its parent's, is the one its returns need). */
static void child_after_fork(void)
{
	T.slot = NULL;
	if (T.state != -1)	/* -1: nobody traces the parent, nor then the child */
		T.state = 0;
}

__attribute__((constructor)) static void hyf_init(void)
{
	const char *env = getenv(HYF_ENV_FD);
	char *end;
	long fd;
	struct stat st;

	if (!env || !*env)
		return;
	errno = 0;
	fd = strtol(env, &end, 10);
	if (*end || errno || fd < 0 || fd > 1 << 20 || hide(1) != 0)
		return;	/* no ring, or nobody reads it (not traced, not followed) */
	void *p = MAP_FAILED;

	if (fstat((int)fd, &st) == 0 && (size_t)st.st_size >= HYF_SIZE)
		p = mmap(NULL, HYF_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, 0);
	hide(0);
	if (p == MAP_FAILED)
		return;
	struct hyf_hdr *h = p;

	if (h->magic != HYF_MAGIC || h->version != HYF_VERSION || h->nslots != HYF_SLOTS ||
	    h->slot_recs != HYF_SLOT_RECS || h->slot_size != sizeof(struct hyf_slot)) {
		munmap(p, HYF_SIZE);
		return;
	}
	pthread_atfork(NULL, NULL, child_after_fork);
	__atomic_store_n(&ring, h, __ATOMIC_RELEASE);
}
