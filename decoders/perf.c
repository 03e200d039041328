// SPDX-License-Identifier: LGPL-2.1-or-later
/* perf.c: the decoder for perf_event_open and its struct perf_event_attr. */
/* Output formats follow strace 6.1 (src/perf.c); values in decoders/xlat/perf_*.in.  The attr
 * prints at exit, as strace prints it (the size the kernel wrote back on E2BIG follows "=>"). */
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

/* include/uapi/linux/perf_event.h (Linux 6.1): the fields strace 6.1 prints, by offset */
struct k_perf_attr {
	uint32_t type, size;
	uint64_t config, sample, sample_type, read_format, flags;
	uint32_t wakeup, bp_type;
	uint64_t config1, config2, branch_sample_type, sample_regs_user;
	uint32_t sample_stack_user;
	int32_t clockid;
	uint64_t sample_regs_intr;
	uint32_t aux_watermark;
	uint16_t sample_max_stack, reserved_2;
	uint32_t aux_sample_size, reserved_3;
	uint64_t sig_data;
};
_Static_assert(sizeof(struct k_perf_attr) == 128, "struct perf_event_attr (VER7)");

#define PERF_ATTR_SIZE_VER0_V	64
#define OFF_WAKEUP		48	/* offsetof(struct perf_event_attr, wakeup_events) */
enum { PT_HARDWARE, PT_SOFTWARE, PT_TRACEPOINT, PT_HW_CACHE, PT_RAW, PT_BREAKPOINT };
#define PERF_HW_EVENT_MASK_V	0xffffffffull
#define PERF_SAMPLE_BRANCH_STACK_V	(1ull << 11)
#define PERF_SAMPLE_STACK_USER_V	(1ull << 13)
#define HW_BREAKPOINT_RWX_V	7
#define E2BIG_V			7	/* include/uapi/asm-generic/errno-base.h */

/* the one-bit flags of the bitfield word, from bit 0; precise_ip (bits 15-16) sits after watermark */
static const char *const flag_names[] = {
	"disabled", "inherit", "pinned", "exclusive", "exclude_user", "exclude_kernel", "exclude_hv",
	"exclude_idle", "mmap", "comm", "freq", "inherit_stat", "enable_on_exec", "task", "watermark",
	NULL, NULL, "mmap_data", "sample_id_all", "exclude_host", "exclude_guest",
	"exclude_callchain_kernel", "exclude_callchain_user", "mmap2", "comm_exec", "use_clockid",
	"context_switch", "write_backward", "namespaces", "ksymbol", "bpf_event", "aux_output",
	"cgroup", "text_poke", "build_id", "inherit_thread", "remove_on_exec", "sigtrap",
};
#define FL(a, bit)	(((a)->flags >> (bit)) & 1)
#define FL_FREQ		10
#define FL_WATERMARK	14
#define FL_USE_CLOCKID	25
#define FLAGS_KNOWN	38	/* bits 38..63: __reserved_1 */

static const char *const precise_desc[] = {
	"arbitrary skid", "constant skid", "requested to have 0 skid", "must have 0 skid",
};

static struct hv *sym_or_hex(struct dctx *d, const struct xlat *x, uint64_t v, const char *dflt)
{
	return hv_sym_or(d, x, v, dflt);
}

/* "config" of PERF_TYPE_HARDWARE / HW_CACHE: high bits as 0x..<<32|, then the ids */
static struct hv *hw_config(struct dctx *d, uint64_t c, bool cache)
{
	char *t = arena_printf(d->ar, "%s", "");
	const char *n;

	if (c >> 32)
		t = arena_printf(d->ar, "%#llx<<32|", (unsigned long long)(c >> 32));
	if (!cache) {
		n = xlat_name(&xlat_perf_hw_id, c & PERF_HW_EVENT_MASK_V);
		t = n ? arena_printf(d->ar, "%s%s", t, n) :
			arena_printf(d->ar, "%s%#llx /* PERF_COUNT_HW_??? */", t,
				     (unsigned long long)(c & PERF_HW_EVENT_MASK_V));
	} else {
		uint64_t hi = (c & PERF_HW_EVENT_MASK_V) >> 24;
		const struct { const struct xlat *x; int shift; const char *dflt; } p[3] = {
			{ &xlat_perf_hw_cache_op_result_id, 16, "PERF_COUNT_HW_CACHE_RESULT_???" },
			{ &xlat_perf_hw_cache_op_id, 8, "PERF_COUNT_HW_CACHE_OP_???" },
			{ &xlat_perf_hw_cache_id, 0, "PERF_COUNT_HW_CACHE_???" },
		};

		if (hi)
			t = arena_printf(d->ar, "%s%#llx<<24|", t, (unsigned long long)hi);
		for (int k = 0; k < 3; k++) {
			uint64_t v = (c >> p[k].shift) & 0xff;

			n = xlat_name(p[k].x, v);
			t = n ? arena_printf(d->ar, "%s%s", t, n) :
				arena_printf(d->ar, "%s%#llx /* %s */", t, (unsigned long long)v, p[k].dflt);
			if (p[k].shift)
				t = arena_printf(d->ar, "%s<<%d|", t, p[k].shift);
		}
	}
	struct hv *v = hv_expr(d, "%s", t);

	v->u = c;
	v->flags |= HVF_NUM;
	return v;
}

static struct hv *perf_attr(struct dctx *d)
{
	struct k_perf_attr a;
	const struct event_blob *b = event_blob(d->ev, 0, HY_AT_ENTER, 0);
	struct hv *v = v_unread(d, 0, b);
	uint32_t size;

	if (v)
		return v;
	if (b->h.len < 8)
		return v_ptr(d, 0);
	memset(&a, 0, sizeof(a));
	memcpy(&size, b->data + 4, 4);
	/* strace's fetch_perf_event_attr: the size the struct says, 64 for 0, at most 128 */
	if (size > sizeof(a))
		size = sizeof(a);
	if (!size)
		size = PERF_ATTR_SIZE_VER0_V;
	if (size < PERF_ATTR_SIZE_VER0_V || b->h.len < size)
		return v_ptr(d, 0);
	if (!d->o->verbose)
		size = OFF_WAKEUP;
	memcpy(&a, b->data, size);

	v = hv_struct(d);
	hv_add(v, "type", sym_or_hex(d, &xlat_perf_type_id, a.type, "PERF_TYPE_???"));
	struct hv *sz = sym_or_hex(d, &xlat_perf_attr_size, a.size, "PERF_ATTR_SIZE_???");

	if (d->exiting && d_ret(d) == -E2BIG_V) {	/* E2BIG: the size the kernel wants */
		uint32_t ns;
		const struct event_blob *e = event_blob(d->ev, 0, HY_AT_EXIT, 0);

		if (e && !e->h.err && e->h.len >= 8) {
			memcpy(&ns, e->data + 4, 4);
			sz = hv_changed(d, sz, sym_or_hex(d, &xlat_perf_attr_size, ns, "PERF_ATTR_SIZE_???"));
		} else {
			sz = hv_changed(d, sz, hv_expr(d, "???"));
		}
	}
	hv_add(v, "size", sz);
	switch (a.type) {
	case PT_HARDWARE:
		hv_add(v, "config", hw_config(d, a.config, false));
		break;
	case PT_SOFTWARE:
		hv_add(v, "config", sym_or_hex(d, &xlat_perf_sw_ids, a.config, "PERF_COUNT_SW_???"));
		break;
	case PT_TRACEPOINT:
		hv_add(v, "config", hv_uint(d, a.config));
		break;
	case PT_HW_CACHE:
		hv_add(v, "config", hw_config(d, a.config, true));
		break;
	default:
		hv_add(v, "config", hv_hex(d, a.config));
	}
	hv_add(v, FL(&a, FL_FREQ) ? "sample_freq" : "sample_period", hv_uint(d, a.sample));
	hv_add(v, "sample_type", hv_flags_or(d, &xlat_perf_event_sample_format, a.sample_type,
					     "PERF_SAMPLE_???"));
	hv_add(v, "read_format", hv_flags_or(d, &xlat_perf_event_read_format, a.read_format,
					     "PERF_FORMAT_???"));
	for (int bit = 0; bit < FLAGS_KNOWN; bit++) {
		if (bit == 15) {
			unsigned int pi = (a.flags >> 15) & 3;

			hv_add(v, "precise_ip", hv_comment(d, hv_uint(d, pi), "%s", precise_desc[pi]));
			bit++;
			continue;
		}
		if (d->o->verbose || FL(&a, bit))
			hv_add(v, flag_names[bit], hv_uint(d, FL(&a, bit)));
	}
	if (a.flags >> FLAGS_KNOWN)
		hv_add(v, "__reserved_1", hv_comment(d, hv_hex(d, a.flags >> FLAGS_KNOWN), "Bits 63..38"));
	if (!d->o->verbose)
		goto out;
	hv_add(v, FL(&a, FL_WATERMARK) ? "wakeup_watermark" : "wakeup_events", hv_uint(d, a.wakeup));
	if (a.type == PT_BREAKPOINT) {
		hv_add(v, "bp_type", hv_sym_or(d, &xlat_hw_breakpoint_type, a.bp_type,
					       a.bp_type <= HW_BREAKPOINT_RWX_V ? "HW_BREAKPOINT_INVALID" :
					       "HW_BREAKPOINT_???"));
		hv_add(v, "bp_addr", hv_hex(d, a.config1));
	} else {
		hv_add(v, "config1", hv_hex(d, a.config1));
	}
	/* the fields after config1 only as far as size says (strace's STRACE_PERF_CHECK_FIELD) */
	if (size <= 64)
		goto out;
	if (a.type == PT_BREAKPOINT)
		hv_add(v, "bp_len", hv_uint(d, a.config2));
	else
		hv_add(v, "config2", hv_hex(d, a.config2));
	if (size <= 72)
		goto out;
	if (a.sample_type & PERF_SAMPLE_BRANCH_STACK_V)
		hv_add(v, "branch_sample_type", hv_flags_or(d, &xlat_perf_branch_sample_type,
							     a.branch_sample_type, "PERF_SAMPLE_BRANCH_???"));
	if (size <= 80)
		goto out;
	hv_add(v, "sample_regs_user", hv_hex(d, a.sample_regs_user));
	if (size <= 88)
		goto out;
	if (a.sample_type & PERF_SAMPLE_STACK_USER_V)
		hv_add(v, "sample_stack_user", hv_hex(d, a.sample_stack_user));
	if (FL(&a, FL_USE_CLOCKID)) {
		if (size <= 92)
			goto out;
		hv_add(v, "clockid", hv_clockid(d, a.clockid));
	}
	if (size <= 96)
		goto out;
	hv_add(v, "sample_regs_intr", hv_hex(d, a.sample_regs_intr));
	if (size <= 104)
		goto out;
	hv_add(v, "aux_watermark", hv_uint(d, a.aux_watermark));
	if (size <= 108)
		goto out;
	hv_add(v, "sample_max_stack", hv_uint(d, a.sample_max_stack));
	if (size <= 110)
		goto out;
	if (a.reserved_2)
		hv_comment(d, v->last, "bytes 110..111: %#hx", a.reserved_2);
	if (size <= 112)
		goto out;
	hv_add(v, "aux_sample_size", hv_uint(d, a.aux_sample_size));
	if (size <= 116)
		goto out;
	if (a.reserved_3)
		hv_comment(d, v->last, "bytes 116..119: %#x", a.reserved_3);
	if (size <= 120)
		goto out;
	hv_add(v, "sig_data", hv_hex(d, a.sig_data));
out:
	if ((a.size && a.size > size) || (!a.size && size < PERF_ATTR_SIZE_VER0_V))
		hv_add(v, NULL, hv_more(d));
	return v;
}

void dec_perf_event_open(struct dctx *d)
{
	if (!d->exiting)
		return d_pending(d);
	arg(d, perf_attr(d));
	arg(d, v_int(d, 1));
	arg(d, v_int(d, 2));
	arg(d, v_fd(d, 3));
	arg(d, hv_flags_or(d, &xlat_perf_event_open_flags, d_u(d, 4), "PERF_FLAG_???"));
}
