// SPDX-License-Identifier: LGPL-2.1-or-later
/* iouring.c: decoders for io_uring_setup, io_uring_enter and io_uring_register. */
/* Output formats follow strace 6.1 (src/io_uring.c); values in decoders/xlat/uring_*.in.
 * io_uring_register's structured arguments other than buffers and fd arrays (probe, restrictions,
 * rsrc updates, affinity, max workers, ring fds, buffer rings) print as addresses. */
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

void dec_io_uring_register(struct dctx *d)
{
	unsigned int op = d_ui(d, 1), n = d_ui(d, 3);
	const struct event_blob *b = event_blob(d->ev, 2, HY_AT_ENTER, 0);
	struct hv *v;

	arg(d, v_fd(d, 0));
	arg(d, hv_sym(d, &xlat_uring_register_opcodes, op, true));
	switch (op) {
	case HY_IORING_REGISTER_BUFFERS:
	case HY_IORING_REGISTER_FILES:
	case HY_IORING_REGISTER_EVENTFD:
	case HY_IORING_REGISTER_EVENTFD_ASYNC: {
		size_t esz = op == HY_IORING_REGISTER_BUFFERS ? 16 : 4;

		if (!d_u(d, 2)) {
			v = hv_ptr(d, 0);
			break;
		}
		if (!n) {
			v = hv_array(d);
			break;
		}
		v = v_unread(d, 2, b);
		if (v)
			break;
		uint64_t have = b->h.len / esz;

		v = hv_array(d);
		for (unsigned int k = 0; k < n; k++) {
			if (k >= d->o->strsize || k >= have) {
				hv_add(v, NULL, hv_more(d));
				break;
			}
			if (esz == 16) {
				uint64_t e[2];
				struct hv *s = hv_struct(d);

				memcpy(e, b->data + k * 16, 16);
				hv_add(s, "iov_base", hv_ptr(d, e[0]));
				hv_add(s, "iov_len", hv_uint(d, e[1]));
				hv_add(v, NULL, s);
			} else {
				int32_t fd;

				memcpy(&fd, b->data + k * 4, 4);
				hv_add(v, NULL, hv_fd_num(d, fd));
			}
		}
		break;
	}
	default:
		v = v_ptr(d, 2);
	}
	arg(d, v);
	arg(d, hv_uint(d, n));
}
