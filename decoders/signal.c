// SPDX-License-Identifier: LGPL-2.1-or-later
/* signal.c: decoders for signals: handlers, masks, sending, waiting; the signal set helper. */
#include <stdio.h>
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

#define NSIG_BYTES	8		/* kernel sigset_t on x86_64: 64 signals */
#define HY_SA_RESTORER	0x04000000	/* arch/x86/include/uapi/asm/signal.h */

/*
 * A signal set as strace prints it (sprintsigmask_n, src/signal.c): names without
 * "SIG" separated by spaces, [] when empty, and ~[...] listing the signals that are
 * not in the set when two thirds or more of its bits are set.
 */
struct hv *hv_sigset(struct dctx *d, const void *mask, size_t bytes)
{
	uint32_t w[NSIG_BYTES / 4] = { 0 };
	size_t words = ((bytes < NSIG_BYTES ? bytes : NSIG_BYTES) + 3) / 4;
	unsigned int pop = 0;
	char buf[8 * 64 + 8];
	size_t len = 0;
	struct hv *v = hv_new(d, HV_EXPR);

	memcpy(w, mask, bytes < NSIG_BYTES ? bytes : NSIG_BYTES);
	for (size_t i = 0; i < words; i++)
		pop += __builtin_popcount(w[i]);
	if (pop >= words * 32 * 2 / 3) {
		for (size_t i = 0; i < words; i++)
			w[i] = ~w[i];
		buf[len++] = '~';
	}
	buf[len++] = '[';
	bool first = true;

	for (unsigned int bit = 0; bit < words * 32; bit++) {
		if (!(w[bit / 32] & (1u << (bit % 32))))
			continue;
		unsigned int sig = bit + 1;
		const char *n = signame(sig);

		if (!first)
			buf[len++] = ' ';
		first = false;
		if (n && sig < 32)
			len += snprintf(buf + len, sizeof(buf) - len, "%s", n + 3);
		else if (sig == 32)
			len += snprintf(buf + len, sizeof(buf) - len, "RTMIN");
		else
			len += snprintf(buf + len, sizeof(buf) - len, "RT_%u", sig - 32);
	}
	buf[len++] = ']';
	v->text = arena_strndup(d->ar, buf, len);
	uint64_t u = 0;

	memcpy(&u, mask, bytes < 8 ? bytes : 8);
	v->u = u;
	v->flags |= HVF_NUM | HVF_SIGSET;
	return v;
}

/* A sigset_t of len bytes at argument i (print_sigset_addr_len: len must be 8 here). */
static struct hv *v_sigset(struct dctx *d, int i, uint64_t len, unsigned int min_len)
{
	uint64_t m;

	if (len < min_len || len > NSIG_BYTES || !d_u(d, i))
		return hv_ptr(d, d_u(d, i));
	if (!d_fetch(d, i, &m, sizeof(m)))
		return hv_ptr(d, d_u(d, i));
	return hv_sigset(d, &m, len);
}

/* An output sigset: the address when the call failed. */
static struct hv *v_sigset_out(struct dctx *d, int i, uint64_t len, unsigned int min_len)
{
	if (d_failed(d))
		return hv_ptr(d, d_u(d, i));
	return v_sigset(d, i, len, min_len);
}

/* struct sigaction as the kernel takes it (x86_64): handler, flags, restorer, mask. */
struct k_sigaction {
	uint64_t handler, flags, restorer, mask;
};

static struct hv *hv_sigaction(struct dctx *d, int i)
{
	struct k_sigaction sa;
	const struct event_blob *b = d_fetch(d, i, &sa, sizeof(sa));
	struct hv *v = v_unread(d, i, b);

	if (v)
		return v;
	v = hv_struct(d);
	hv_add(v, "sa_handler", hv_sym_or(d, &xlat_sa_handler_values, sa.handler, NULL));
	if (v->last->kind != HV_SYM)
		v->last->kind = HV_PTR;
	hv_add(v, "sa_mask", hv_sigset(d, &sa.mask, sizeof(sa.mask)));
	hv_add(v, "sa_flags", hv_flags(d, &xlat_sigact_flags, sa.flags));
	if (sa.flags & HY_SA_RESTORER)
		hv_add(v, "sa_restorer", hv_ptr(d, sa.restorer));
	return v;
}

void dec_rt_sigaction(struct dctx *d)
{
	arg(d, hv_signal(d, d_i(d, 0)));
	arg(d, hv_sigaction(d, 1));
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, 2) : hv_sigaction(d, 2));
	arg(d, v_ulong(d, 3));
}

void dec_rt_sigprocmask(struct dctx *d)
{
	arg(d, hv_sym(d, &xlat_sigprocmask_cmds, d_ui(d, 0), true));
	arg(d, v_sigset(d, 1, d_u(d, 3), 8));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_sigset_out(d, 2, d_u(d, 3), 8));
	arg(d, v_ulong(d, 3));
}

/*
 * rt_sigreturn: strace prints the mask the call restores, read from the signal frame
 * on the stack ({mask=[...]}).  The backends capture it as a blob on HY_ARG_EXTRA at
 * entry (8 bytes at rsp + 296: rt_sigframe = rsp - 8, uc at +8, uc_sigmask at +288).
 * Without it, the mask is unknown: {mask=?}.
 */
void dec_rt_sigreturn(struct dctx *d)
{
	const struct event_blob *b = event_blob(d->ev, HY_ARG_EXTRA, HY_AT_ENTER, 0);
	struct hv *s = hv_struct(d);

	if (b && !b->h.err && b->h.len >= 8)
		hv_add(s, "mask", hv_sigset(d, b->data, 8));
	else if (b)
		hv_add(s, "mask", hv_ptr(d, b->h.addr));
	else
		hv_add(s, "mask", hv_expr(d, "?"));
	arg(d, s);
}

struct k_stack {
	uint64_t sp;
	int32_t flags, pad;
	uint64_t size;
};

static struct hv *hv_stack(struct dctx *d, int i)
{
	struct k_stack ss;
	const struct event_blob *b = d_fetch(d, i, &ss, sizeof(ss));
	struct hv *v = v_unread(d, i, b);

	if (v)
		return v;
	v = hv_struct(d);
	hv_add(v, "ss_sp", hv_ptr(d, ss.sp));
	hv_add(v, "ss_flags", hv_flags(d, &xlat_sigaltstack_flags, (uint32_t)ss.flags));
	hv_add(v, "ss_size", hv_uint(d, ss.size));
	return v;
}

void dec_sigaltstack(struct dctx *d)
{
	arg(d, hv_stack(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, 1) : hv_stack(d, 1));
}

void dec_rt_sigsuspend(struct dctx *d)
{
	arg(d, v_sigset(d, 0, d_u(d, 1), 8));
	arg(d, v_ulong(d, 1));
}

void dec_rt_sigpending(struct dctx *d)
{
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_sigset_out(d, 0, d_u(d, 1), 1));
	arg(d, v_ulong(d, 1));
}

/* A siginfo_t at argument i, or its address. */
static struct hv *v_siginfo(struct dctx *d, int i)
{
	uint8_t si[128];
	const struct event_blob *b = d_fetch(d, i, si, sizeof(si));
	struct hv *v = v_unread(d, i, b);

	return v ? v : hv_siginfo(d, si, sizeof(si));
}

/* struct timespec {tv_sec=1, tv_nsec=0}, or the address. */
static struct hv *v_timespec(struct dctx *d, int i)
{
	int64_t ts[2];
	const struct event_blob *b = d_fetch(d, i, ts, sizeof(ts));
	struct hv *v = v_unread(d, i, b);

	if (v)
		return v;
	v = hv_struct(d);
	hv_add(v, "tv_sec", hv_int(d, ts[0]));
	hv_add(v, "tv_nsec", hv_int(d, ts[1]));
	return v;
}

void dec_rt_sigtimedwait(struct dctx *d)
{
	arg(d, v_sigset(d, 0, d_u(d, 3), 8));
	/* without a siginfo to fetch, strace prints everything at entry */
	if (d_u(d, 1)) {
		if (!d->exiting)
			return d_pending(d);
		arg(d, d_failed(d) ? v_ptr(d, 1) : v_siginfo(d, 1));
	} else {
		arg(d, hv_ptr(d, 0));
	}
	arg(d, v_timespec(d, 2));
	arg(d, v_ulong(d, 3));
	if (d->exiting && !d_failed(d) && d_ret(d) > 0 && signame((int)d_ret(d)))
		d->ret_note = hv_signal(d, (int)d_ret(d));
}

void dec_rt_sigqueueinfo(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, hv_signal(d, d_i(d, 1)));
	arg(d, v_siginfo(d, 2));
}

void dec_rt_tgsigqueueinfo(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, v_pid(d, 1, HVP_TID));
	arg(d, hv_signal(d, d_i(d, 2)));
	arg(d, v_siginfo(d, 3));
}

void dec_pidfd_send_signal(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, hv_signal(d, d_i(d, 1)));
	arg(d, v_siginfo(d, 2));
	arg(d, hv_hex(d, d_ui(d, 3)));
}

void dec_kill(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID_PGID));
	arg(d, hv_signal(d, d_i(d, 1)));
}

void dec_tkill(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TID));
	arg(d, hv_signal(d, d_i(d, 1)));
}

void dec_tgkill(struct dctx *d)
{
	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, v_pid(d, 1, HVP_TID));
	arg(d, hv_signal(d, d_i(d, 2)));
}

void dec_alarm(struct dctx *d)
{
	arg(d, v_uint(d, 0));
}
