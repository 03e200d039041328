// SPDX-License-Identifier: LGPL-2.1-or-later
/* ptrace.c: the decoder of ptrace(2), every request's addr and data as strace 6.1 prints them. */
/*
 * Formats follow strace 6.1 (src/ptrace.c, src/ptrace_syscall_info.c, the x86_64 regset
 * printers); values in decoders/xlat/{ptrace_*,nt_descriptor_types,audit_arch}.in.  What the
 * data argument holds is captured per request (HY_CAP_PTRACE, hy_ptrace_data_len() in
 * bpf/hytrace.h).  Not decoded: PTRACE_SECCOMP_GET_FILTER's BPF program (its address is
 * printed), PEEKUSER/POKEUSER offsets inside struct user (printed as addresses).
 */
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

/* include/uapi/linux/ptrace.h, arch/x86/include/uapi/asm/ptrace-abi.h (Linux 6.1) */
enum {
	PT_TRACEME = 0, PT_PEEKTEXT = 1, PT_PEEKDATA = 2, PT_PEEKUSER = 3, PT_POKEUSER = 6,
	PT_CONT = 7, PT_KILL = 8, PT_SINGLESTEP = 9, PT_GETREGS = 0xc, PT_SETREGS = 0xd,
	PT_GETFPREGS = 0xe, PT_SETFPREGS = 0xf, PT_ATTACH = 0x10, PT_DETACH = 0x11,
	PT_OLDSETOPTIONS = 0x15, PT_SYSCALL = 0x18, PT_SYSEMU = 0x1f, PT_SYSEMU_SINGLESTEP = 0x20,
	PT_SINGLEBLOCK = 0x21, PT_SETOPTIONS = 0x4200, PT_GETEVENTMSG = 0x4201,
	PT_GETSIGINFO = 0x4202, PT_SETSIGINFO = 0x4203, PT_GETREGSET = 0x4204,
	PT_SETREGSET = 0x4205, PT_SEIZE = 0x4206, PT_INTERRUPT = 0x4207, PT_LISTEN = 0x4208,
	PT_PEEKSIGINFO = 0x4209, PT_GETSIGMASK = 0x420a, PT_SETSIGMASK = 0x420b,
	PT_SECCOMP_GET_FILTER = 0x420c, PT_SECCOMP_GET_METADATA = 0x420d,
	PT_GET_SYSCALL_INFO = 0x420e,
};
#define NT_PRSTATUS_V	1
#define NT_FPREGSET_V	2
#define AUDIT_ARCH_X86_64_V	0xc000003eu

/* The blob of argument i at when, element idx, when it holds at least need bytes: else NULL. */
static const struct event_blob *blob_need(struct dctx *d, int i, int when, int idx, size_t need)
{
	const struct event_blob *b = event_blob(d->ev, i, when, idx);

	return b && !b->h.err && b->h.len >= need ? b : NULL;
}

/* n elements of 32 bits at p as [0, 0x1f80, ...], cut at -s unless -v (strace's print_array) */
static struct hv *u32_array(struct dctx *d, const uint8_t *p, size_t n)
{
	struct hv *a = hv_array(d);

	for (size_t k = 0; k < n; k++) {
		if (!d->o->verbose && k >= d->o->strsize) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		hv_add(a, NULL, hv_hex(d, ld32(p + 4 * k)));
	}
	return a;
}

/* struct user_regs_struct (x86_64, arch/x86/include/asm/user_64.h): the fields inside size */
static struct hv *regs_node(struct dctx *d, const uint8_t *p, size_t fetched, uint64_t size)
{
	static const char *const names[27] = {
		"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx",
		"rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base",
		"gs_base", "ds", "es", "fs", "gs" };
	struct hv *s = hv_struct(d);

	for (size_t k = 0; k < 27 && 8 * k < fetched; k++)
		hv_add(s, names[k], hv_hex(d, ld64(p + 8 * k)));
	if (size > 27 * 8)
		hv_add(s, NULL, hv_more(d));
	return s;
}

/* struct user_fpregs_struct (x86_64, 512 bytes): the fields that start inside fetched */
static struct hv *fpregs_node(struct dctx *d, const uint8_t *p, size_t fetched, uint64_t size)
{
	static const char *const w16[4] = { "cwd", "swd", "ftw", "fop" };
	static const struct { const char *name; size_t off, n; } arr[3] = {
		{ "st_space", 32, 32 }, { "xmm_space", 160, 64 }, { "padding", 416, 24 } };
	struct hv *s = hv_struct(d);

	for (size_t k = 0; k < 4 && 2 * k < fetched; k++) {
		uint16_t v;

		memcpy(&v, p + 2 * k, 2);
		hv_add(s, w16[k], hv_hex(d, v));
	}
	if (fetched > 8)
		hv_add(s, "rip", hv_hex(d, ld64(p + 8)));
	if (fetched > 16)
		hv_add(s, "rdp", hv_hex(d, ld64(p + 16)));
	if (fetched > 24)
		hv_add(s, "mxcsr", hv_hex(d, ld32(p + 24)));
	if (fetched > 28)
		hv_add(s, "mxcr_mask", hv_hex(d, ld32(p + 28)));
	for (int k = 0; k < 3; k++) {
		if (fetched <= arr[k].off)
			break;
		size_t n = (fetched - arr[k].off) / 4;

		hv_add(s, arr[k].name, u32_array(d, p + arr[k].off, n < arr[k].n ? n : arr[k].n));
	}
	if (size > 512)
		hv_add(s, NULL, hv_more(d));
	return s;
}

/*
 * A register set of size bytes at addr (strace's decode_prstatus_regset / decode_fpregset):
 * the address when size is 0 or not a multiple of 8, when nt is another set, or when its
 * bytes were not captured (b NULL: an output of a failed call, unreadable memory).
 */
static struct hv *regset_node(struct dctx *d, unsigned int nt, uint64_t addr, uint64_t size,
			      const struct event_blob *b)
{
	size_t full = nt == NT_PRSTATUS_V ? 27 * 8 : 512;
	size_t fetch = size < full ? size : full;

	if ((nt != NT_PRSTATUS_V && nt != NT_FPREGSET_V) || !size || (size & 7) || !b ||
	    b->h.err || b->h.len < fetch)
		return hv_ptr(d, addr);
	return nt == NT_PRSTATUS_V ? regs_node(d, b->data, fetch, size)
				   : fpregs_node(d, b->data, fetch, size);
}

/* PTRACE_GETREGSET / SETREGSET: {iov_base=..., iov_len=N} (len at entry => at exit) */
static void regset_arg(struct dctx *d, uint64_t req)
{
	const struct event_blob *in = blob_need(d, 3, HY_AT_ENTER, 0, 16);
	const struct event_blob *out = blob_need(d, 3, HY_AT_EXIT, 0, 16);
	unsigned int nt = (unsigned int)d_u(d, 2);
	uint64_t base, len;
	struct hv *s;

	if (req == PT_SETREGSET) {
		if (!in)
			return arg(d, v_ptr(d, 3));
		base = ld64(in->data);
		len = ld64(in->data + 8);
		s = hv_struct(d);
		hv_add(s, "iov_base", regset_node(d, nt, base, len,
						  event_blob(d->ev, 3, HY_AT_ENTER, 1)));
		struct hv *l = hv_uint(d, len);

		if (out && ld64(out->data + 8) != len)
			l = hv_changed(d, l, hv_uint(d, ld64(out->data + 8)));
		hv_add(s, "iov_len", l);
		return arg(d, s);
	}
	/* GETREGSET: printed at exit, from the iovec the kernel updated */
	if (!in && !out)
		return arg(d, v_ptr(d, 3));
	if (!out)
		out = in;
	base = ld64(out->data);
	len = ld64(out->data + 8);
	s = hv_struct(d);
	hv_add(s, "iov_base", regset_node(d, nt, base, len, d_failed(d) ? NULL :
					  event_blob(d->ev, 3, HY_AT_EXIT, 1)));
	struct hv *l = hv_uint(d, len);

	if (in && ld64(in->data + 8) != len)
		l = hv_changed(d, hv_uint(d, ld64(in->data + 8)), l);
	hv_add(s, "iov_len", l);
	arg(d, s);
}

/* A siginfo_t at data captured at when, or the address. */
static struct hv *siginfo_at(struct dctx *d, int when)
{
	const struct event_blob *b = blob_need(d, 3, when, 0, 128);

	return b ? hv_siginfo(d, b->data, 128) : v_ptr(d, 3);
}

/* A sigset of addr bytes at data (print_sigset_addr_len: only 8 bytes print as a set). */
static struct hv *sigset_at(struct dctx *d, int when)
{
	const struct event_blob *b = d_u(d, 2) == 8 ? blob_need(d, 3, when, 0, 8) : NULL;

	return b ? hv_sigset(d, b->data, 8) : v_ptr(d, 3);
}

/* struct ptrace_peeksiginfo_args {u64 off; u32 flags; s32 nr;} at addr */
static struct hv *peeksiginfo_args(struct dctx *d)
{
	const struct event_blob *b = blob_need(d, 2, HY_AT_ENTER, 0, 16);
	struct hv *s;

	if (!b)
		return v_ptr(d, 2);
	s = hv_struct(d);
	hv_add(s, "off", hv_uint(d, ld64(b->data)));
	hv_add(s, "flags", hv_flags_or(d, &xlat_ptrace_peeksiginfo_flags, ld32(b->data + 8),
					"PTRACE_PEEKSIGINFO_???"));
	hv_add(s, "nr", hv_uint(d, ld32(b->data + 12)));
	return s;
}

/* PEEKSIGINFO's output: the ret siginfos at data (print_siginfo_array) */
static struct hv *siginfo_array(struct dctx *d)
{
	uint64_t n = d_ret(d) > 0 ? (uint64_t)d_ret(d) : 0;
	const struct event_blob *b = event_blob(d->ev, 3, HY_AT_EXIT, 0);
	struct hv *a;

	if (d_failed(d) || !n || !b || b->h.err || b->h.len < 128)
		return v_ptr(d, 3);
	a = hv_array(d);
	for (uint64_t k = 0; k < n; k++) {
		if (!d->o->verbose && k >= d->o->strsize) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		if ((k + 1) * 128 > b->h.len) {	/* past what was captured */
			hv_add(a, NULL, hv_more_at(d, d_u(d, 3) + k * 128));
			break;
		}
		hv_add(a, NULL, hv_siginfo(d, b->data + k * 128, 128));
	}
	return a;
}

/* PTRACE_SECCOMP_GET_METADATA: {filter_off=N, flags=...} (addr: its size; flags at exit) */
static void seccomp_metadata(struct dctx *d)
{
	const struct event_blob *in = blob_need(d, 3, HY_AT_ENTER, 0, 8);
	struct hv *s;

	if (d_u(d, 2) < 8 || !in)
		return arg(d, v_ptr(d, 3));
	if (!d->exiting)
		return d_pending(d);
	s = hv_struct(d);
	hv_add(s, "filter_off", hv_uint(d, ld64(in->data)));
	if (!d_failed(d) && d_ret(d) > 8) {
		const struct event_blob *out = d_ret(d) >= 16 ?
			blob_need(d, 3, HY_AT_EXIT, 0, 16) : NULL;

		if (!out) {
			hv_add(s, "flags", hv_expr(d, "???"));
		} else {
			hv_add(s, "flags", hv_flags_or(d, &xlat_seccomp_filter_flags,
						       ld64(out->data + 8), "SECCOMP_FILTER_FLAG_???"));
			if (d_ret(d) > 16)
				hv_add(s, NULL, hv_more(d));
		}
	}
	arg(d, s);
}

/* A syscall number of struct ptrace_syscall_info: __NR_name for x86_64's, else the number. */
static struct hv *psi_nr(struct dctx *d, uint64_t nr, uint32_t arch)
{
	const struct sysent *se = arch == AUDIT_ARCH_X86_64_V && nr < 0x40000000 ?
		sysent_get((int)nr) : NULL;

	if (!se)
		return hv_uint(d, nr);
	struct hv *v = hv_expr(d, "__NR_%s", se->name);

	v->u = nr;
	v->flags |= HVF_NUM | HVF_NUMUDEC;
	return v;
}

/* The args[] of entry or seccomp: as many as the fetched bytes hold (at most 6). */
static struct hv *psi_args(struct dctx *d, const uint8_t *p, size_t fetch)
{
	size_t n = (fetch - 32) / 8;
	struct hv *a = hv_array(d);

	for (size_t k = 0; k < n && k < 6; k++)
		hv_add(a, NULL, hv_hex(d, ld64(p + 32 + 8 * k)));
	return a;
}

/*
 * PTRACE_GET_SYSCALL_INFO's struct ptrace_syscall_info (include/uapi/linux/ptrace.h): op u8 @0,
 * arch u32 @4, instruction_pointer @8, stack_pointer @16, then entry {nr @24, args[6] @32},
 * exit {rval s64 @24, is_error u8 @32} or seccomp {nr, args[6], ret_data u32 @80}; the
 * members within min(addr, ret, 84) bytes, as strace's print_ptrace_syscall_info.
 */
static struct hv *syscall_info(struct dctx *d)
{
	uint64_t ret = d_ret(d) > 0 ? (uint64_t)d_ret(d) : 0, fetch = d_u(d, 2);
	const struct event_blob *b;
	const uint8_t *p;
	struct hv *s, *u;
	uint32_t arch;

	if (ret < fetch)
		fetch = ret;
	if (fetch > HY_PT_SYSINFO_MAX)
		fetch = HY_PT_SYSINFO_MAX;
	b = d_failed(d) || !fetch ? NULL : blob_need(d, 3, HY_AT_EXIT, 0, fetch);
	if (!b)
		return v_ptr(d, 3);
	p = b->data;
	arch = fetch >= 8 ? ld32(p + 4) : 0;
	s = hv_struct(d);
	hv_add(s, "op", hv_sym(d, &xlat_ptrace_syscall_info_op, p[0], true));
	if (fetch < 8)
		return s;
	hv_add(s, "arch", hv_sym(d, &xlat_audit_arch, arch, true));
	if (fetch < 16)
		return s;
	hv_add(s, "instruction_pointer", hv_ptr(d, ld64(p + 8)));
	if (fetch < 24)
		return s;
	hv_add(s, "stack_pointer", hv_ptr(d, ld64(p + 16)));
	if (fetch < 32)
		return s;
	switch (p[0]) {
	case 1:	/* PTRACE_SYSCALL_INFO_ENTRY */
	case 3:	/* PTRACE_SYSCALL_INFO_SECCOMP */
		u = hv_add(s, p[0] == 1 ? "entry" : "seccomp", hv_struct(d));
		hv_add(u, "nr", psi_nr(d, ld64(p + 24), arch));
		if (fetch >= 40)
			hv_add(u, "args", psi_args(d, p, fetch));
		if (p[0] == 3 && fetch >= 84)
			hv_add(u, "ret_data", hv_uint(d, ld32(p + 80)));
		break;
	case 2: {	/* PTRACE_SYSCALL_INFO_EXIT */
		int64_t rval = (int64_t)ld64(p + 24);
		bool full = fetch >= 33;
		const char *en = full && p[32] && rval < 0 && rval >= -4095 ? errno_name((int)-rval)
									    : NULL;
		struct hv *v = en ? hv_expr(d, "-%s", en) : hv_int(d, rval);

		if (en) {
			v->u = (uint64_t)rval;
			v->flags |= HVF_NUM | HVF_NUMDEC;
		}
		u = hv_add(s, "exit", hv_struct(d));
		hv_add(u, "rval", v);
		if (full)
			hv_add(u, "is_error", hv_uint(d, p[32]));
		break;
	}
	}
	return s;
}

/* A word PEEK* wrote at data: [0x...] (strace's printnum_ptr), or the address. */
static struct hv *word_at(struct dctx *d, bool ptr)
{
	const struct event_blob *b = d_failed(d) ? NULL : blob_need(d, 3, HY_AT_EXIT, 0, 8);
	struct hv *a;

	if (!b)
		return v_ptr(d, 3);
	a = hv_array(d);
	hv_add(a, NULL, ptr ? hv_ptr(d, ld64(b->data)) : hv_uint(d, ld64(b->data)));
	return a;
}

void dec_ptrace(struct dctx *d)
{
	uint64_t req = d_u(d, 0);
	const struct event_blob *b;

	arg(d, hv_sym(d, &xlat_ptrace_cmds, req, true));
	if (req == PT_TRACEME)
		return;	/* pid, addr and data are ignored */
	arg(d, v_int(d, 1));
	switch (req) {
	case PT_ATTACH: case PT_INTERRUPT: case PT_KILL: case PT_LISTEN:
		return;	/* addr and data are ignored */
	case PT_GETREGS: case PT_GETFPREGS:
		/* x86_64: addr is ignored, the registers are written at data */
		if (!d->exiting)
			return d_pending(d);
		b = d_failed(d) ? NULL : event_blob(d->ev, 3, HY_AT_EXIT, 0);
		return arg(d, regset_node(d, req == PT_GETREGS ? NT_PRSTATUS_V : NT_FPREGSET_V,
					  d_u(d, 3), req == PT_GETREGS ? 27 * 8 : 512, b));
	case PT_SETREGS: case PT_SETFPREGS:
		b = event_blob(d->ev, 3, HY_AT_ENTER, 0);
		return arg(d, regset_node(d, req == PT_SETREGS ? NT_PRSTATUS_V : NT_FPREGSET_V,
					  d_u(d, 3), req == PT_SETREGS ? 27 * 8 : 512, b));
	case PT_GETREGSET: case PT_SETREGSET:
		arg(d, hv_sym_or(d, &xlat_nt_descriptor_types, (uint32_t)d_u(d, 2), "NT_???"));
		break;
	case PT_GETSIGMASK: case PT_SETSIGMASK: case PT_SECCOMP_GET_FILTER:
	case PT_SECCOMP_GET_METADATA: case PT_GET_SYSCALL_INFO:
		arg(d, hv_uint(d, d_u(d, 2)));
		break;
	case PT_PEEKSIGINFO:
		arg(d, peeksiginfo_args(d));
		break;
	default:
		arg(d, v_ptr(d, 2));
		break;
	}

	switch (req) {
	case PT_CONT: case PT_DETACH: case PT_SYSCALL: case PT_SINGLESTEP: case PT_SINGLEBLOCK:
	case PT_SYSEMU: case PT_SYSEMU_SINGLESTEP:
		return arg(d, hv_signal(d, (int)d_u(d, 3)));
	case PT_SEIZE: case PT_SETOPTIONS: case PT_OLDSETOPTIONS:
		return arg(d, hv_flags_or(d, &xlat_ptrace_setoptions_flags, d_u(d, 3), "PTRACE_O_???"));
	case PT_SETSIGINFO:
		return arg(d, siginfo_at(d, HY_AT_ENTER));
	case PT_SETSIGMASK:
		return arg(d, sigset_at(d, HY_AT_ENTER));
	case PT_SETREGSET:
		return regset_arg(d, req);
	case PT_SECCOMP_GET_METADATA:
		return seccomp_metadata(d);
	case PT_GETREGSET: case PT_PEEKDATA: case PT_PEEKTEXT: case PT_PEEKUSER:
	case PT_GETEVENTMSG: case PT_GETSIGINFO: case PT_GETSIGMASK: case PT_PEEKSIGINFO:
	case PT_GET_SYSCALL_INFO:
		break;
	default:	/* SECCOMP_GET_FILTER's program is not decoded */
		return arg(d, v_ptr(d, 3));
	}
	/* outputs, printed at exit */
	if (!d->exiting)
		return d_pending(d);
	switch (req) {
	case PT_GETREGSET:
		return regset_arg(d, req);
	case PT_PEEKDATA: case PT_PEEKTEXT: case PT_PEEKUSER:
		return arg(d, word_at(d, true));
	case PT_GETEVENTMSG:
		return arg(d, word_at(d, false));
	case PT_GETSIGINFO:
		return arg(d, d_failed(d) ? v_ptr(d, 3) : siginfo_at(d, HY_AT_EXIT));
	case PT_GETSIGMASK:
		return arg(d, d_failed(d) ? v_ptr(d, 3) : sigset_at(d, HY_AT_EXIT));
	case PT_PEEKSIGINFO:
		return arg(d, siginfo_array(d));
	case PT_GET_SYSCALL_INFO:
		return arg(d, syscall_info(d));
	}
}
