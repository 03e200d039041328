// SPDX-License-Identifier: LGPL-2.1-or-later
/* mem.c: decoders for memory mappings: mmap, mprotect, mremap, madvise, mlock, brk... */
/* Output formats follow strace 6.1 (src/mem.c, src/membarrier.c). */
#include "decode.h"
#include "xlat_gen.h"

#define MAP_TYPE_MASK		0x0f	/* include/uapi/linux/mman.h */
#define MAP_HUGE_SHIFT_V	26	/* include/uapi/asm-generic/hugetlb_encode.h */
#define MAP_HUGE_MASK_V		0x3f
#define MREMAP_MAYMOVE_V	1	/* include/uapi/linux/mman.h */
#define MREMAP_FIXED_V		2
#define MEMBARRIER_CMD_QUERY_V	0	/* include/uapi/linux/membarrier.h */
#define MEMBARRIER_FLAG_CPU_V	1
#define PAGE_SIZE_V		4096	/* x86_64 */

/* strace's print_mmap_flags: the map type, the other flags, then N<<MAP_HUGE_SHIFT. */
static struct hv *hv_mmap_flags(struct dctx *d, uint64_t flags)
{
	uint64_t type = flags & MAP_TYPE_MASK;
	uint64_t huge = (flags >> MAP_HUGE_SHIFT_V) & MAP_HUGE_MASK_V;
	uint64_t rest = flags & ~(uint64_t)MAP_TYPE_MASK &
			~((uint64_t)MAP_HUGE_MASK_V << MAP_HUGE_SHIFT_V);
	const char *tn = xlat_name(&xlat_mmap_type, type);
	char *t = tn ? (char *)tn : arena_printf(d->ar, "%#llx /* MAP_??? */", (unsigned long long)type);
	struct hv *v = hv_new(d, HV_SYM);

	if (rest)
		t = arena_printf(d->ar, "%s|%s", t, flags_text(d, &xlat_mmap_flags, rest));
	if (huge)
		t = arena_printf(d->ar, "%s|%llu<<MAP_HUGE_SHIFT", t, (unsigned long long)huge);
	v->text = t;
	v->u = flags;
	v->flags |= HVF_NUM;
	return v;
}

static struct hv *v_prot(struct dctx *d, int i)
{
	return hv_flags_or(d, &xlat_mmap_prot, d_u(d, i), "PROT_???");
}

void dec_mmap(struct dctx *d)
{
	arg(d, v_ptr(d, 0));
	arg(d, v_ulong(d, 1));
	arg(d, v_prot(d, 2));
	arg(d, hv_mmap_flags(d, d_ui(d, 3)));
	arg(d, v_fd(d, 4));
	arg(d, v_hex(d, 5));
}

void dec_mprotect(struct dctx *d)
{
	arg(d, v_ptr(d, 0));
	arg(d, v_ulong(d, 1));
	arg(d, v_prot(d, 2));
}

void dec_pkey_mprotect(struct dctx *d)
{
	dec_mprotect(d);
	arg(d, v_int(d, 3));
}

/* munmap, mlock, munlock: address and length. */
void dec_addr_len(struct dctx *d)
{
	arg(d, v_ptr(d, 0));
	arg(d, v_ulong(d, 1));
}

void dec_mremap(struct dctx *d)
{
	uint64_t flags = d_u(d, 3);

	arg(d, v_ptr(d, 0));
	arg(d, v_ulong(d, 1));
	arg(d, v_ulong(d, 2));
	arg(d, hv_flags_or(d, &xlat_mremap_flags, flags, "MREMAP_???"));
	if ((flags & (MREMAP_MAYMOVE_V | MREMAP_FIXED_V)) == (MREMAP_MAYMOVE_V | MREMAP_FIXED_V))
		arg(d, v_ptr(d, 4));
}

void dec_madvise(struct dctx *d)
{
	arg(d, v_ptr(d, 0));
	arg(d, v_ulong(d, 1));
	arg(d, v_sym(d, 2, &xlat_madvise_cmds));
}

void dec_msync(struct dctx *d)
{
	arg(d, v_ptr(d, 0));
	arg(d, v_ulong(d, 1));
	arg(d, v_flags_or(d, 2, &xlat_msync_flags, "MS_???"));
}

void dec_mlock2(struct dctx *d)
{
	dec_addr_len(d);
	arg(d, v_flags_or(d, 2, &xlat_mlock_flags, "MLOCK_???"));
}

void dec_mlockall(struct dctx *d)
{
	arg(d, v_flags_or(d, 0, &xlat_mlockall_flags, "MCL_???"));
}

void dec_brk(struct dctx *d)
{
	arg(d, v_ptr(d, 0));
}

/* mincore: one byte per page, written at exit; shown as [0, 1, ...] (-s elements unless -v). */
void dec_mincore(struct dctx *d)
{
	uint64_t pages = (d_u(d, 1) + PAGE_SIZE_V - 1) / PAGE_SIZE_V;

	arg(d, v_ptr(d, 0));
	arg(d, v_ulong(d, 1));
	if (!d->exiting)
		return d_pending(d);
	const struct event_blob *b = event_blob(d->ev, 2, HY_AT_EXIT, 0);

	if (d_failed(d) || !d_u(d, 2) || !b || b->h.err) {
		arg(d, v_ptr(d, 2));
		return;
	}
	struct hv *a = hv_array(d);

	for (uint64_t k = 0; k < pages; k++) {
		if ((!d->o->verbose && k >= d->o->strsize) || k >= b->h.len) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		hv_add(a, NULL, hv_uint(d, b->data[k]));
	}
	arg(d, a);
}

void dec_membarrier(struct dctx *d)
{
	unsigned int cmd = d_ui(d, 0), flags = d_ui(d, 1);

	arg(d, hv_sym(d, &xlat_membarrier_cmds, cmd, true));
	arg(d, hv_flags_or(d, &xlat_membarrier_flags, flags, "MEMBARRIER_CMD_FLAG_???"));
	if (flags & MEMBARRIER_FLAG_CPU_V)
		arg(d, v_int(d, 2));
	if (d->exiting && !d_failed(d) && cmd == MEMBARRIER_CMD_QUERY_V && d_ret(d)) {
		d->ret = hv_hex(d, d_ret(d));
		d->ret_note = hv_expr(d, "%s", flags_text(d, &xlat_membarrier_cmds, d_ret(d)));
	}
}
