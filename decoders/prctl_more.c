// SPDX-License-Identifier: LGPL-2.1-or-later
/* prctl_more.c: the prctl options beyond the common ones: machine-check kill policy,
 * securebits, TSC, unaligned access, FP mode, tagged addresses, pointer authentication,
 * syscall user dispatch, core scheduling. */
/* Output formats follow strace 6.1 (src/prctl.c); values in decoders/xlat/{pr_*,secbits}.in. */
#include "prctl_more.h"
#include "xlat_gen.h"

/* include/uapi/linux/prctl.h */
enum {
	PR_GET_UNALIGN_V = 5, PR_SET_UNALIGN_V = 6, PR_GET_TSC_V = 25, PR_SET_TSC_V = 26,
	PR_GET_SECUREBITS_V = 27, PR_SET_SECUREBITS_V = 28, PR_MCE_KILL_V = 33,
	PR_MCE_KILL_GET_V = 34, PR_SET_FP_MODE_V = 45, PR_GET_FP_MODE_V = 46,
	PR_PAC_RESET_KEYS_V = 54, PR_SET_TAGGED_ADDR_CTRL_V = 55, PR_GET_TAGGED_ADDR_CTRL_V = 56,
	PR_SET_SYSCALL_USER_DISPATCH_V = 59, PR_PAC_SET_ENABLED_KEYS_V = 60,
	PR_PAC_GET_ENABLED_KEYS_V = 61, PR_SCHED_CORE_V = 62,
};
#define PR_MCE_KILL_SET_V	1
#define PR_TAGGED_ADDR_ENABLE_V	1ull
#define PR_MTE_TCF_MASK_V	6ull
#define PR_MTE_TAG_SHIFT_V	3
#define PR_MTE_TAG_MASK_V	(0xffffull << PR_MTE_TAG_SHIFT_V)

/* strace's print_prctl_args: the arguments from index first on, in hex */
static void rest_hex(struct dctx *d, int first)
{
	for (int i = first; i < 5; i++)
		arg(d, v_hex(d, i));
}

/* An int written through argument 1, as [NAME] (PR_GET_TSC, PR_GET_UNALIGN) */
static void out_int(struct dctx *d, const struct xlat *x, const char *dflt, bool flags)
{
	int32_t v;

	if (!d->exiting)
		return d_pending(d);
	if (d_failed(d) || !d_u(d, 1) || !d_fetch_at(d, 1, HY_AT_EXIT, 0, &v, sizeof(v)))
		return arg(d, v_ptr(d, 1));
	struct hv *a = hv_array(d);

	hv_add(a, NULL, flags ? hv_flags_or(d, x, (uint32_t)v, dflt) : hv_sym_or(d, x, (uint32_t)v, dflt));
	arg(d, a);
}

/* A result printed in hex with its flags as a note: = 0x1 (SECBIT_NOROOT); 0 prints plain. */
static void ret_flags(struct dctx *d, const struct xlat *x)
{
	if (!d->exiting || d_failed(d) || d_ret(d) == 0)
		return;
	d->ret = hv_hex(d, (uint64_t)d_ret(d));
	d->ret_note = hv_expr(d, "%s", flags_text(d, x, (uint64_t)d_ret(d)));
}

/* strace's sprint_tagged_addr_val: [!]PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_x[|N<<PR_MTE_TAG_SHIFT][|rest] */
static char *tagged_text(struct dctx *d, uint64_t v)
{
	uint64_t tcf = v & PR_MTE_TCF_MASK_V, tag = v & PR_MTE_TAG_MASK_V;
	uint64_t rest = v & ~(PR_TAGGED_ADDR_ENABLE_V | PR_MTE_TCF_MASK_V | PR_MTE_TAG_MASK_V);
	const char *tn = xlat_name(&xlat_pr_mte_tcf, tcf);
	char *t = arena_printf(d->ar, "%sPR_TAGGED_ADDR_ENABLE|", (v & PR_TAGGED_ADDR_ENABLE_V) ? "" : "!");

	t = tn ? arena_printf(d->ar, "%s%s", t, tn) : arena_printf(d->ar, "%s%#llx", t, (unsigned long long)tcf);
	if (tag)
		t = arena_printf(d->ar, "%s|%#llx<<PR_MTE_TAG_SHIFT", t,
				 (unsigned long long)(tag >> PR_MTE_TAG_SHIFT_V));
	if (rest)
		t = arena_printf(d->ar, "%s|%#llx", t, (unsigned long long)rest);
	return t;
}

bool prctl_more(struct dctx *d, unsigned int op)
{
	uint64_t a2 = d_u(d, 1);

	switch (op) {
	case PR_MCE_KILL_V:
		arg(d, hv_sym_or(d, &xlat_pr_mce_kill, a2, "PR_MCE_KILL_???"));
		if (a2 == PR_MCE_KILL_SET_V)
			arg(d, hv_sym_or(d, &xlat_pr_mce_kill_policy, d_u(d, 2), "PR_MCE_KILL_???"));
		else
			arg(d, v_hex(d, 2));
		rest_hex(d, 3);
		return true;
	case PR_MCE_KILL_GET_V:
		rest_hex(d, 1);
		if (d->exiting && !d_failed(d) && xlat_name(&xlat_pr_mce_kill_policy, d_ret(d)))
			d->ret_note = hv_sym(d, &xlat_pr_mce_kill_policy, d_ret(d), true);
		return true;
	case PR_GET_SECUREBITS_V:
		ret_flags(d, &xlat_secbits);
		return true;
	case PR_SET_SECUREBITS_V:
		arg(d, hv_flags_or(d, &xlat_secbits, a2, "SECBIT_???"));
		return true;
	case PR_GET_TSC_V:
		out_int(d, &xlat_pr_tsc, "PR_TSC_???", false);
		return true;
	case PR_SET_TSC_V:
		arg(d, hv_sym_or(d, &xlat_pr_tsc, (uint32_t)a2, "PR_TSC_???"));
		return true;
	case PR_GET_UNALIGN_V:
		out_int(d, &xlat_pr_unalign_flags, "PR_UNALIGN_???", true);
		return true;
	case PR_SET_UNALIGN_V:
		arg(d, hv_flags_or(d, &xlat_pr_unalign_flags, (uint32_t)a2, "PR_UNALIGN_???"));
		return true;
	case PR_GET_FP_MODE_V:
		ret_flags(d, &xlat_pr_fp_mode);
		return true;
	case PR_SET_FP_MODE_V:
		arg(d, hv_flags_or(d, &xlat_pr_fp_mode, (uint32_t)a2, "PR_FP_MODE_???"));
		return true;
	case PR_SET_TAGGED_ADDR_CTRL_V: {
		struct hv *v = hv_expr(d, "%s", tagged_text(d, a2));

		v->u = a2;
		v->flags |= HVF_NUM;
		arg(d, v);
		rest_hex(d, 2);
		return true;
	}
	case PR_GET_TAGGED_ADDR_CTRL_V:
		rest_hex(d, 1);
		if (d->exiting && !d_failed(d)) {
			d->ret = hv_hex(d, (uint64_t)d_ret(d));
			d->ret_note = hv_expr(d, "%s", tagged_text(d, (uint64_t)d_ret(d)));
		}
		return true;
	case PR_PAC_RESET_KEYS_V:
		arg(d, hv_flags_or(d, &xlat_pr_pac_keys, a2, "PR_PAC_???"));
		rest_hex(d, 2);
		return true;
	case PR_PAC_SET_ENABLED_KEYS_V:
		arg(d, hv_flags_or(d, &xlat_pr_pac_enabled_keys, a2, "PR_PAC_???"));
		arg(d, hv_flags_or(d, &xlat_pr_pac_enabled_keys, d_u(d, 2), "PR_PAC_???"));
		rest_hex(d, 3);
		return true;
	case PR_PAC_GET_ENABLED_KEYS_V:
		rest_hex(d, 1);
		ret_flags(d, &xlat_pr_pac_enabled_keys);
		return true;
	case PR_SET_SYSCALL_USER_DISPATCH_V:
		arg(d, hv_sym_or(d, &xlat_pr_sud_cmds, a2, "PR_SYS_DISPATCH_???"));
		arg(d, v_hex(d, 2));
		arg(d, v_hex(d, 3));
		arg(d, v_ptr(d, 4));
		return true;
	case PR_SCHED_CORE_V: {	/* PR_SCHED_CORE_GET's cookie is not captured: its address */
		unsigned int pt = d_ui(d, 3);
		const char *pn = xlat_name(&xlat_pr_sched_core_pidtypes, pt);

		arg(d, hv_sym_or(d, &xlat_pr_sched_core_cmds, (uint32_t)a2, "PR_SCHED_CORE_???"));
		arg(d, v_int(d, 2));
		/* strace prints this one in its verbose style: the number, then the name */
		struct hv *v = hv_comment(d, pt ? hv_hex(d, pt) : hv_uint(d, 0), "%s",
					  pn ? pn : "PIDTYPE_???");

		v->flags |= HVF_XCOMMENT;	/* -X raw: the number alone */
		arg(d, v);
		arg(d, v_ptr(d, 4));
		return true;
	}
	default:
		return false;
	}
}
