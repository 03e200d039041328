// SPDX-License-Identifier: LGPL-2.1-or-later
/* iouring.c: decoders for io_uring_setup, io_uring_enter and io_uring_register. */
/* Output formats follow strace 6.1 (src/io_uring.c); values in decoders/xlat/uring_*.in.
 * io_uring_register's argument is captured by its opcode's layout (opd_tables below,
 * HY_CAP_OPDESC): the top object, the arrays it points to, the paths of its fds. */
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

/* include/uapi/linux/io_uring.h */
struct k_sqring_offsets {
	uint32_t head, tail, ring_mask, ring_entries, flags, dropped, array, resv1;
	uint64_t resv2;
};
struct k_cqring_offsets {
	uint32_t head, tail, ring_mask, ring_entries, overflow, cqes, flags, resv1;
	uint64_t resv2;
};
struct k_uring_params {
	uint32_t sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle, features, wq_fd;
	uint32_t resv[3];
	struct k_sqring_offsets sq_off;
	struct k_cqring_offsets cq_off;
};
_Static_assert(sizeof(struct k_uring_params) == 120, "struct io_uring_params");
#define IORING_SETUP_ATTACH_WQ_V	(1u << 5)

static void resv12(struct dctx *d, struct hv *s, uint32_t r1, uint64_t r2)
{
	if (r1)
		hv_add(s, "resv1", hv_hex(d, r1));
	if (r2)
		hv_add(s, "resv2", hv_hex(d, r2));
}

void dec_io_uring_setup(struct dctx *d)
{
	struct k_uring_params p;
	const struct event_blob *b = d_fetch_at(d, 1, HY_AT_ENTER, 0, &p, sizeof(p));
	struct hv *v = v_unread(d, 1, b);

	arg(d, hv_uint(d, d_ui(d, 0)));
	if (!v && b->h.len < sizeof(p))
		v = v_ptr(d, 1);
	if (v)
		return arg(d, v);
	v = hv_struct(d);
	hv_add(v, "flags", hv_flags_or(d, &xlat_uring_setup_flags, p.flags, "IORING_SETUP_???"));
	hv_add(v, "sq_thread_cpu", hv_hex(d, p.sq_thread_cpu));
	hv_add(v, "sq_thread_idle", hv_uint(d, p.sq_thread_idle));
	if (p.flags & IORING_SETUP_ATTACH_WQ_V)
		hv_add(v, "wq_fd", hv_fd_num(d, (int)p.wq_fd));
	if (p.resv[0] || p.resv[1] || p.resv[2]) {
		struct hv *a = hv_array(d);

		for (int k = 0; k < 3; k++)
			hv_add(a, NULL, hv_hex(d, p.resv[k]));
		hv_add(v, "resv", a);
	}
	arg(d, v);
	if (!d->exiting)
		return d_pending(d);
	b = d_fetch_at(d, 1, HY_AT_EXIT, 0, &p, sizeof(p));
	if (d_failed(d) || !b || b->h.err || b->h.len < sizeof(p))
		return;
	hv_add(v, "sq_entries", hv_uint(d, p.sq_entries));
	hv_add(v, "cq_entries", hv_uint(d, p.cq_entries));
	hv_add(v, "features", hv_flags_or(d, &xlat_uring_setup_features, p.features, "IORING_FEAT_???"));

	struct hv *s = hv_struct(d);

	hv_add(s, "head", hv_uint(d, p.sq_off.head));
	hv_add(s, "tail", hv_uint(d, p.sq_off.tail));
	hv_add(s, "ring_mask", hv_uint(d, p.sq_off.ring_mask));
	hv_add(s, "ring_entries", hv_uint(d, p.sq_off.ring_entries));
	hv_add(s, "flags", hv_uint(d, p.sq_off.flags));
	hv_add(s, "dropped", hv_uint(d, p.sq_off.dropped));
	hv_add(s, "array", hv_uint(d, p.sq_off.array));
	resv12(d, s, p.sq_off.resv1, p.sq_off.resv2);
	hv_add(v, "sq_off", s);
	s = hv_struct(d);
	hv_add(s, "head", hv_uint(d, p.cq_off.head));
	hv_add(s, "tail", hv_uint(d, p.cq_off.tail));
	hv_add(s, "ring_mask", hv_uint(d, p.cq_off.ring_mask));
	hv_add(s, "ring_entries", hv_uint(d, p.cq_off.ring_entries));
	hv_add(s, "overflow", hv_uint(d, p.cq_off.overflow));
	hv_add(s, "cqes", hv_uint(d, p.cq_off.cqes));
	hv_add(s, "flags", hv_uint(d, p.cq_off.flags));
	resv12(d, s, p.cq_off.resv1, p.cq_off.resv2);
	hv_add(v, "cq_off", s);
}

void dec_io_uring_enter(struct dctx *d)
{
	uint64_t len = d_u(d, 5);

	arg(d, v_fd(d, 0));
	arg(d, hv_uint(d, d_ui(d, 1)));
	arg(d, hv_uint(d, d_ui(d, 2)));
	arg(d, hv_flags_or(d, &xlat_uring_enter_flags, d_ui(d, 3), "IORING_ENTER_???"));
	/* strace's print_sigset_addr_len: a set of exactly 8 bytes on x86_64, else the address */
	if (!d_u(d, 4) || len != 8) {
		arg(d, v_ptr(d, 4));
	} else {
		uint64_t m;
		const struct event_blob *b = d_fetch(d, 4, &m, sizeof(m));

		arg(d, b && !b->h.err && b->h.len == 8 ? hv_sigset(d, &m, 8) : v_ptr(d, 4));
	}
	arg(d, hv_uint(d, len));
}

/*
 * io_uring_register's layouts by opcode (HY_CAP_OPDESC, bpf/hytrace.h): the structs of
 * include/uapi/linux/io_uring.h (Linux 6.1) as strace 6.1's src/io_uring.c reads them.
 * struct iovec is 16 bytes, io_uring_files_update and io_uring_rsrc_update 16,
 * io_uring_rsrc_register and io_uring_rsrc_update2 32, io_uring_probe 16 + 8 per op,
 * io_uring_restriction 16, io_uring_buf_reg 40; a CPU set is read up to 128 bytes
 * (strace's cpuset size) and the rsrc structs up to a page (their trailing bytes).
 */
#define OPD_ARR(el, ...) { .elem = (el), .max = HY_ARR_MAX * (el), .when = HY_AT_ENTER, __VA_ARGS__ }
#define OPD_FDS(off, stride) .fd_off = (off), .fd_stride = (stride)
#define OPD_SUB(ptr, cnt, el, fl) { (ptr), (cnt), (el), (fl), 0 }
#define RSRC_REG(el, fl) { .elem = 1, .max = 4096, .when = HY_AT_ENTER, .nsubs = 2, \
	.sub = { OPD_SUB(16, 0, el, fl), OPD_SUB(24, 0, 8, 0) } }
#define RSRC_UPD(el, fl) { .elem = 1, .max = 4096, .when = HY_AT_ENTER, .nsubs = 2, \
	.sub = { OPD_SUB(8, 24, el, fl), OPD_SUB(16, 24, 8, 0) } }

const struct hy_op_desc opd_tables[HY_OPD_TABLES][HY_OPD_MAX] = {
	[HY_OPD_URING_REG] = {
		[HY_IORING_REGISTER_BUFFERS] = OPD_ARR(16),
		[HY_IORING_REGISTER_FILES] = OPD_ARR(4, OPD_FDS(0, 4)),
		[HY_IORING_REGISTER_EVENTFD] = OPD_ARR(4, OPD_FDS(0, 4)),
		[HY_IORING_REGISTER_EVENTFD_ASYNC] = OPD_ARR(4, OPD_FDS(0, 4)),
		[HY_IORING_REGISTER_FILES_UPDATE] = { .base = 16, .max = 16, .when = HY_AT_ENTER,
			.nsubs = 1, .sub = { OPD_SUB(8, HY_OPS_CNT_ARG, 4, HY_OPS_FDS) } },
		[HY_IORING_REGISTER_PROBE] = { .base = 16, .elem = 8, .max = 16 + 256 * 8,
			.when = HY_AT_ENTER | HY_AT_EXIT },
		[HY_IORING_REGISTER_RESTRICTIONS] = OPD_ARR(16),
		[HY_IORING_REGISTER_FILES2] = RSRC_REG(4, HY_OPS_FDS),
		[HY_IORING_REGISTER_BUFFERS2] = RSRC_REG(16, 0),
		[HY_IORING_REGISTER_FILES_UPDATE2] = RSRC_UPD(4, HY_OPS_FDS),
		[HY_IORING_REGISTER_BUFFERS_UPDATE] = RSRC_UPD(16, 0),
		[HY_IORING_REGISTER_IOWQ_AFF] = { .elem = 1, .max = 128, .when = HY_AT_ENTER },
		[HY_IORING_REGISTER_IOWQ_MAX_WORKERS] = { .elem = 4, .max = HY_ARR_MAX * 4,
			.when = HY_AT_ENTER | HY_AT_EXIT },
		[HY_IORING_REGISTER_RING_FDS] = OPD_ARR(16, OPD_FDS(8, 16)),
		[HY_IORING_UNREGISTER_RING_FDS] = OPD_ARR(16),
		[HY_IORING_REGISTER_PBUF_RING] = { .base = 40, .max = 40, .when = HY_AT_ENTER },
		[HY_IORING_UNREGISTER_PBUF_RING] = { .base = 40, .max = 40, .when = HY_AT_ENTER },
	},
};

const struct hy_op_desc *opdesc_of(const struct hy_cap *c, const __u64 *args)
{
	unsigned int tab = HY_PAIR_B(c->size), ai = HY_PAIR_A(c->size), op;

	if (c->kind != HY_CAP_OPDESC || tab >= HY_OPD_TABLES || ai >= HY_NARGS)
		return NULL;
	op = (uint32_t)args[ai];	/* an unsigned int argument: the upper half is not its */
	if (op >= HY_OPD_MAX || !opd_tables[tab][op].max)
		return NULL;
	return &opd_tables[tab][op];
}

/* One element of an array (esz bytes at e); ctx: the opcode's details. */
typedef struct hv *(*elem_fn)(struct dctx *d, const uint8_t *e, unsigned int ctx);

/*
 * strace's print_array over the n elements of esz bytes at addr, captured in b: NULL, [] for
 * none, the address when the first cannot be read; -s elements at most (unless -v), then
 * "..."; "..." with the address in a comment where the memory stops being readable, "..."
 * past the capture cap.
 */
static struct hv *arr(struct dctx *d, uint64_t addr, uint64_t n, const struct event_blob *b,
		      size_t esz, elem_fn f, unsigned int ctx)
{
	if (!addr)
		return hv_ptr(d, 0);
	if (!n)
		return hv_array(d);
	if (!b || b->h.err || b->h.len < esz)
		return hv_ptr(d, addr);
	struct hv *a = hv_array(d);

	for (uint64_t k = 0; k < n; k++) {
		/* as print_array_ex: an unreadable element first, then the -s limit */
		if ((k + 1) * esz > b->h.len) {
			hv_add(a, NULL, b_fault(b) ? hv_more_at(d, addr + k * esz) : hv_more(d));
			break;
		}
		if (!d->o->verbose && k >= d->o->strsize) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		hv_add(a, NULL, f(d, b->data + k * esz, ctx));
	}
	return a;
}

/* An enum printed in decimal, strace's PRINT_FIELD_XVAL_U / printxval_d. */
static struct hv *sym_u(struct dctx *d, const struct xlat *x, uint64_t v)
{
	struct hv *s = hv_sym(d, x, v, false);

	if (s->kind == HV_SYM)
		s->flags = (s->flags & ~HVF_NUMDEC) | HVF_NUMUDEC;
	return s;
}

static struct hv *e_iov(struct dctx *d, const uint8_t *e, unsigned int ctx)
{
	struct hv *s = hv_struct(d);

	(void)ctx;
	hv_add(s, "iov_base", hv_ptr(d, ld64(e)));
	hv_add(s, "iov_len", hv_uint(d, ld64(e + 8)));
	return s;
}

static struct hv *e_fd(struct dctx *d, const uint8_t *e, unsigned int ctx)
{
	(void)ctx;
	return hv_fd_num(d, (int)ld32(e));
}

/* print_files_update_array_member: fds, IORING_REGISTER_FILES_SKIP, other negatives */
static struct hv *e_upd_fd(struct dctx *d, const uint8_t *e, unsigned int ctx)
{
	int fd = (int)ld32(e);

	(void)ctx;
	if (fd >= -1)
		return hv_fd_num(d, fd);
	if (xlat_name(&xlat_uring_files_update_fds, (uint64_t)(int64_t)fd))
		return hv_sym(d, &xlat_uring_files_update_fds, (uint64_t)(int64_t)fd, false);
	return hv_int(d, fd);
}

static struct hv *e_xu64(struct dctx *d, const uint8_t *e, unsigned int ctx)
{
	(void)ctx;
	return hv_hex(d, ld64(e));
}

static struct hv *xu32_arr(struct dctx *d, const uint8_t *p, int n)
{
	struct hv *a = hv_array(d);

	for (int k = 0; k < n; k++)
		hv_add(a, NULL, hv_hex(d, ld32(p + 4 * k)));
	return a;
}

static bool zero(const uint8_t *p, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (p[k])
			return false;
	return true;
}

/* struct io_uring_restriction { u16 opcode; union { u8 register_op, sqe_op, sqe_flags }; u8 resv;
 * u32 resv2[3]; } */
static struct hv *e_restriction(struct dctx *d, const uint8_t *e, unsigned int ctx)
{
	struct hv *s = hv_struct(d);
	uint16_t op = (uint16_t)(e[0] | e[1] << 8);
	struct hv *o = hv_sym(d, &xlat_uring_restriction_opcodes, op, true);

	(void)ctx;
	hv_add(s, "opcode", o);
	switch (op) {
	case 0:	/* IORING_RESTRICTION_REGISTER_OP */
		hv_add(s, "register_op", hv_sym(d, &xlat_uring_register_opcodes, e[2], true));
		break;
	case 1:	/* IORING_RESTRICTION_SQE_OP */
		hv_add(s, "sqe_op", hv_sym(d, &xlat_uring_ops, e[2], true));
		break;
	case 2:	/* IORING_RESTRICTION_SQE_FLAGS_ALLOWED */
	case 3:	/* IORING_RESTRICTION_SQE_FLAGS_REQUIRED */
		hv_add(s, "sqe_flags", hv_flags_or(d, &xlat_uring_sqe_flags, e[2], "IOSQE_???"));
		break;
	default: {
		/* strace's tprintf_comment: right after the opcode */
		struct hv *c = hv_expr(d, " /* op: %s%x */", e[2] ? "0x" : "", e[2]);

		c->flags |= HVF_GLUE;
		hv_add(s, NULL, c);
	}
	}
	if (e[3])
		hv_add(s, "resv", hv_hex(d, e[3]));
	if (!zero(e + 4, 12))
		hv_add(s, "resv2", xu32_arr(d, e + 4, 3));
	return s;
}

/* struct io_uring_probe_op { u8 op; u8 resv; u16 flags; u32 resv2; } */
static struct hv *e_probe_op(struct dctx *d, const uint8_t *e, unsigned int ctx)
{
	struct hv *s = hv_struct(d);
	uint16_t fl = (uint16_t)(e[2] | e[3] << 8);

	(void)ctx;
	hv_add(s, "op", sym_u(d, &xlat_uring_ops, e[0]));
	if (e[1])
		hv_add(s, "resv", hv_hex(d, e[1]));
	hv_add(s, "flags", hv_flags_or(d, &xlat_uring_op_flags, fl, "IO_URING_OP_???"));
	if (ld32(e + 4))
		hv_add(s, "resv2", hv_hex(d, ld32(e + 4)));
	return s;
}

/* struct io_uring_rsrc_update { u32 offset; u32 resv; u64 data; }: ring fds to register */
static struct hv *e_ringfd(struct dctx *d, const uint8_t *e, unsigned int ctx)
{
	struct hv *s = hv_struct(d);
	uint32_t off = ld32(e);

	/* registering, offset -1 means the first free slot (printed signed) */
	hv_add(s, "offset", ctx && off == UINT32_MAX ? hv_int(d, -1) : hv_uint(d, off));
	if (ld32(e + 4))
		hv_add(s, "resv", hv_hex(d, ld32(e + 4)));
	if (ctx)	/* IORING_REGISTER_RING_FDS: data is the fd */
		hv_add(s, "data", hv_fd_num(d, (int)ld64(e + 8)));
	else if (ld64(e + 8))
		hv_add(s, "data", hv_hex(d, ld64(e + 8)));
	return s;
}

/* IORING_REGISTER_IOWQ_MAX_WORKERS: [[IO_WQ_BOUND]=N, ...] (PAF_PRINT_INDICES) */
static struct hv *workers(struct dctx *d, uint64_t addr, uint64_t n, const struct event_blob *b,
			  bool *whole)
{
	*whole = false;
	if (!addr)
		return hv_ptr(d, 0);
	if (!n)
		return hv_array(d);
	if (!b || b->h.err || b->h.len < 4)
		return hv_ptr(d, addr);
	struct hv *a = hv_array(d);

	for (uint64_t k = 0; k < n; k++) {
		if ((k + 1) * 4 > b->h.len) {
			hv_add(a, NULL, b_fault(b) ? hv_more_at(d, addr + k * 4) : hv_more(d));
			return a;
		}
		if (!d->o->verbose && k >= d->o->strsize) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		/* [INDEX]=value: the index as a one-element array, the value glued to it */
		struct hv *ix = hv_array(d), *val = hv_uint(d, ld32(b->data + 4 * k));

		hv_add(ix, NULL, sym_u(d, &xlat_uring_iowq_acct, k));
		hv_add(a, NULL, ix);
		val->flags |= HVF_GLUE;
		hv_add(a, "", val);
	}
	*whole = true;	/* print_array_ex's true: strace then shows the array at exit */
	return a;
}

/*
 * strace's print_nonzero_bytes: the bytes of a struct of size bytes past the known ones (up
 * to a page), "???" when they cannot all be read, nothing when all are zero.
 */
static void tail_bytes(struct dctx *d, struct hv *s, const struct event_blob *b, size_t known,
		       uint64_t size)
{
	size_t end = size < 4096 ? size : 4096;

	if (end <= known)
		return;
	if (b->h.len < end) {
		hv_add(s, NULL, hv_expr(d, "???"));
		return;
	}
	if (zero(b->data + known, end - known))
		return;
	size_t show = end - known < d->o->strsize ? end - known : d->o->strsize;
	struct hv *h = hv_hexstr(d, b->data + known, show, show < end - known);

	/* the range comment comes before the bytes in strace's output */
	hv_add(s, NULL, hv_expr(d, "/* bytes %zu..%zu */ %s", known, end - 1, h->text));
}

/* IORING_REGISTER_IOWQ_AFF: a CPU set of len bytes (strace's print_affinitylist, 128 bytes
 * at most, then "...") */
static struct hv *iowq_aff(struct dctx *d, uint64_t addr, uint64_t len, const struct event_blob *b)
{
	size_t n = len < 128 ? len : 128;
	struct hv *a;

	if (!addr)
		return hv_ptr(d, 0);
	a = hv_array(d);
	a->flags |= HVF_SPACES;
	if (!len)
		return a;
	if (!b || b->h.err || b->h.len < n)
		return hv_ptr(d, addr);
	for (size_t bit = 0; bit < n * 8; bit++)
		if (b->data[bit / 8] & (1u << (bit % 8)))
			hv_add(a, NULL, hv_int(d, bit));
	if ((n + 7) / 8 * 8 < len)
		hv_add(a, NULL, hv_more(d));
	return a;
}

/* A 64-bit user pointer field: NULL or the address (strace's print_big_u64_addr + array) */
static struct hv *sub_arr(struct dctx *d, uint64_t ptr, uint64_t n, int j, size_t esz, elem_fn f,
			  unsigned int ctx)
{
	return arr(d, ptr, n, event_blob(d->ev, 2, HY_AT_ENTER, HY_OPD_SUB_IDX + j), esz, f, ctx);
}

/* IORING_REGISTER_FILES2 / BUFFERS2 (struct io_uring_rsrc_register) and FILES_UPDATE2 /
 * BUFFERS_UPDATE (struct io_uring_rsrc_update2): size bytes at arg 2 */
static struct hv *rsrc(struct dctx *d, unsigned int op, uint64_t size, const struct event_blob *b)
{
	bool reg = op == HY_IORING_REGISTER_FILES2 || op == HY_IORING_REGISTER_BUFFERS2;
	bool files = op == HY_IORING_REGISTER_FILES2 || op == HY_IORING_REGISTER_FILES_UPDATE2;
	struct hv *s, *v = v_unread(d, 2, b);

	if (size < 32)
		return v_ptr(d, 2);
	if (v)
		return v;
	if (b->h.len < 32)
		return v_ptr(d, 2);
	const uint8_t *p = b->data;
	uint32_t nr = reg ? ld32(p) : ld32(p + 24);
	uint64_t data = ld64(p + (reg ? 16 : 8)), tags = ld64(p + (reg ? 24 : 16));

	s = hv_struct(d);
	if (reg) {
		hv_add(s, "nr", hv_uint(d, nr));
		hv_add(s, "flags", hv_flags_or(d, &xlat_uring_register_rsrc_flags, ld32(p + 4),
					       "IORING_RSRC_REGISTER_???"));
		if (ld64(p + 8))
			hv_add(s, "resv2", hv_hex(d, ld64(p + 8)));
	} else {
		hv_add(s, "offset", hv_uint(d, ld32(p)));
		if (ld32(p + 4))
			hv_add(s, "resv", hv_hex(d, ld32(p + 4)));
	}
	if (files)
		hv_add(s, "data", sub_arr(d, data, nr, 0, 4, reg ? e_fd : e_upd_fd, 0));
	else
		hv_add(s, "data", sub_arr(d, data, nr, 0, 16, e_iov, 0));
	hv_add(s, "tags", sub_arr(d, tags, nr, 1, 8, e_xu64, 0));
	if (!reg) {
		hv_add(s, "nr", hv_uint(d, nr));
		if (ld32(p + 28))
			hv_add(s, "resv2", hv_hex(d, ld32(p + 28)));
	}
	tail_bytes(d, s, b, 32, size);
	return s;
}

/* struct io_uring_probe (16 bytes: u8 last_op, ops_len; u16 resv; u32 resv2[3]) + ops */
static struct hv *probe(struct dctx *d, const struct event_blob *b, unsigned int nargs, bool exit)
{
	const uint8_t *p = b->data;
	struct hv *s = hv_struct(d), *ops;
	uint64_t n = exit && p[1] < nargs ? p[1] : nargs;

	hv_add(s, "last_op", sym_u(d, &xlat_uring_ops, p[0]));
	hv_add(s, "ops_len", hv_uint(d, p[1]));
	if (p[2] || p[3])
		hv_add(s, "resv", hv_hex(d, (uint16_t)(p[2] | p[3] << 8)));
	if (!zero(p + 4, 12))
		hv_add(s, "resv2", xu32_arr(d, p + 4, 3));
	ops = hv_array(d);
	for (uint64_t k = 0; k < n; k++) {
		if (!d->o->verbose && k >= d->o->strsize) {
			hv_add(ops, NULL, hv_more(d));
			break;
		}
		hv_add(ops, NULL, e_probe_op(d, p + 16 + 8 * k, 0));
	}
	/* PAF_ARRAY_TRUNCATED: the kernel has more ops than the array holds */
	if (exit && nargs < p[1] && (!ops->last || ops->last->kind != HV_MORE))
		hv_add(ops, NULL, hv_more(d));
	hv_add(s, "ops", ops);
	return s;
}

static struct hv *probe_arg(struct dctx *d, unsigned int nargs)
{
	const struct event_blob *in = event_blob(d->ev, 2, HY_AT_ENTER, 0);
	const struct event_blob *out = event_blob(d->ev, 2, HY_AT_EXIT, 0);
	size_t sz = 16 + 8 * (size_t)nargs;
	struct hv *before = NULL, *v;

	if (nargs > 256 || !d_u(d, 2))
		return v_ptr(d, 2);
	if (!in || in->h.err || in->h.len < sz)
		return v_ptr(d, 2);
	if (!zero(in->data, sz))
		before = probe(d, in, nargs, false);
	if (d_failed(d))
		return before ? before : v_ptr(d, 2);
	if (!out || out->h.err || out->h.len < sz)
		return before ? before : v_ptr(d, 2);
	v = probe(d, out, nargs, true);
	return before ? hv_changed(d, before, v) : v;
}

void dec_io_uring_register(struct dctx *d)
{
	unsigned int op = d_ui(d, 1), n = d_ui(d, 3);
	const struct event_blob *b = event_blob(d->ev, 2, HY_AT_ENTER, 0);
	uint64_t addr = d_u(d, 2);
	struct hv *v;

	arg(d, v_fd(d, 0));
	arg(d, hv_sym(d, &xlat_uring_register_opcodes, op, true));
	if ((op == HY_IORING_REGISTER_PROBE || op == HY_IORING_REGISTER_IOWQ_MAX_WORKERS) &&
	    !d->exiting)
		return d_pending(d);
	switch (op) {
	case HY_IORING_REGISTER_BUFFERS:
		v = arr(d, addr, n, b, 16, e_iov, 0);
		break;
	case HY_IORING_REGISTER_FILES:
	case HY_IORING_REGISTER_EVENTFD:
	case HY_IORING_REGISTER_EVENTFD_ASYNC:
		v = arr(d, addr, n, b, 4, e_fd, 0);
		break;
	case HY_IORING_REGISTER_FILES_UPDATE:
		/* struct io_uring_files_update { u32 offset; u32 resv; u64 fds; } */
		v = v_unread(d, 2, b);
		if (v)
			break;
		if (b->h.len < 16) {
			v = v_ptr(d, 2);
			break;
		}
		v = hv_struct(d);
		hv_add(v, "offset", hv_uint(d, ld32(b->data)));
		if (ld32(b->data + 4))
			hv_add(v, "resv", hv_hex(d, ld32(b->data + 4)));
		hv_add(v, "fds", sub_arr(d, ld64(b->data + 8), n, 0, 4, e_upd_fd, 0));
		break;
	case HY_IORING_REGISTER_PROBE:
		v = probe_arg(d, n);
		break;
	case HY_IORING_REGISTER_RESTRICTIONS:
		v = arr(d, addr, n, b, 16, e_restriction, 0);
		break;
	case HY_IORING_REGISTER_FILES2:
	case HY_IORING_REGISTER_BUFFERS2:
	case HY_IORING_REGISTER_FILES_UPDATE2:
	case HY_IORING_REGISTER_BUFFERS_UPDATE:
		v = rsrc(d, op, n, b);
		break;
	case HY_IORING_REGISTER_IOWQ_AFF:
		v = iowq_aff(d, addr, n, b);
		break;
	case HY_IORING_REGISTER_IOWQ_MAX_WORKERS: {
		const struct event_blob *out = event_blob(d->ev, 2, HY_AT_EXIT, 0);

		bool whole, w2;

		v = workers(d, addr, n, b, &whole);
		/* print_array_ex read it all at entry: the array again at exit after " => " */
		if (whole)
			v = hv_changed(d, v, d_failed(d) ? hv_ptr(d, addr) :
				       workers(d, addr, n, out, &w2));
		break;
	}
	case HY_IORING_REGISTER_RING_FDS:
		v = arr(d, addr, n, b, 16, e_ringfd, 1);
		break;
	case HY_IORING_UNREGISTER_RING_FDS:
		v = arr(d, addr, n, b, 16, e_ringfd, 0);
		break;
	case HY_IORING_REGISTER_PBUF_RING:
	case HY_IORING_UNREGISTER_PBUF_RING: {
		/* struct io_uring_buf_reg { u64 ring_addr; u32 ring_entries; u16 bgid, pad;
		 * u64 resv[3]; } */
		v = v_unread(d, 2, b);
		if (v)
			break;
		if (b->h.len < 40) {
			v = v_ptr(d, 2);
			break;
		}
		v = hv_struct(d);
		hv_add(v, "ring_addr", hv_ptr(d, ld64(b->data)));
		hv_add(v, "ring_entries", hv_uint(d, ld32(b->data + 8)));
		hv_add(v, "bgid", hv_uint(d, (uint16_t)(b->data[12] | b->data[13] << 8)));
		if (b->data[14] || b->data[15])
			hv_add(v, "pad", hv_hex(d, (uint16_t)(b->data[14] | b->data[15] << 8)));
		if (!zero(b->data + 16, 24)) {
			struct hv *a = hv_array(d);

			for (int k = 0; k < 3; k++)
				hv_add(a, NULL, hv_hex(d, ld64(b->data + 16 + 8 * k)));
			hv_add(v, "resv", a);
		}
		break;
	}
	default:
		v = v_ptr(d, 2);
	}
	arg(d, v);
	arg(d, hv_uint(d, n));
}
