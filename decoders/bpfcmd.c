// SPDX-License-Identifier: LGPL-2.1-or-later
/* bpfcmd.c: the decoder for bpf(2): the command and, for the map, attach and id commands, the
 * union bpf_attr member it uses. */
/* Output formats follow strace 6.1 (src/bpf.c; struct sizes as its src/bpf_attr.h lists them);
 * values in decoders/xlat/bpf_*.in.  BPF_PROG_LOAD, BPF_OBJ_PIN/GET, BPF_PROG_TEST_RUN,
 * BPF_OBJ_GET_INFO_BY_FD, BPF_PROG_QUERY, BPF_BTF_LOAD, BPF_RAW_TRACEPOINT_OPEN,
 * BPF_TASK_FD_QUERY, the batch and link commands hold pointers to further memory that the
 * capture spec cannot follow: their attr prints as its address. */
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

#define BPF_F_NUMA_NODE_V	(1u << 2)	/* include/uapi/linux/bpf.h */
#define BPF_OBJ_NAME_LEN_V	16
#define PAGE_SIZE_V		4096		/* strace: size must be at most a page */

/* an fd member (PRINT_FIELD_FD): -y paths when the fd was captured in this call */
static struct hv *fdm(struct dctx *d, uint32_t fd)
{
	return hv_fd_num(d, (int)fd);
}

/* strace's decode_attr_extra_data: nonzero bytes past the command's struct */
static void extra(struct dctx *d, struct hv *s, const uint8_t *a, size_t have, size_t size,
		  size_t attr_size)
{
	if (size <= attr_size)
		return;
	size_t end = size < have ? size : have;

	for (size_t k = attr_size; k < end; k++) {
		if (!a[k])
			continue;
		if (!d->o->verbose) {
			hv_add(s, NULL, hv_more(d));
		} else {
			hv_add(s, "extra_data", hv_comment(d, hv_hexstr(d, a + attr_size, end - attr_size, false),
							   "bytes %zu..%zu", attr_size, size - 1));
		}
		return;
	}
}

static struct hv *map_create(struct dctx *d, const uint8_t *a, size_t len)
{
	struct hv *s = hv_struct(d);
	uint32_t flags = ld32(a + 16);

	hv_add(s, "map_type", hv_sym_or(d, &xlat_bpf_map_types, ld32(a), "BPF_MAP_TYPE_???"));
	hv_add(s, "key_size", hv_uint(d, ld32(a + 4)));
	hv_add(s, "value_size", hv_uint(d, ld32(a + 8)));
	hv_add(s, "max_entries", hv_uint(d, ld32(a + 12)));
	if (len <= 16)
		return s;
	hv_add(s, "map_flags", hv_flags_or(d, &xlat_bpf_map_flags, flags, "BPF_F_???"));
	if (len <= 20)
		return s;
	hv_add(s, "inner_map_fd", fdm(d, ld32(a + 20)));
	if (len <= 24)
		return s;
	if (flags & BPF_F_NUMA_NODE_V) {
		uint32_t n = ld32(a + 24);
		struct hv *v = hv_uint(d, n);

		if (n == 0xffffffffu)
			hv_comment(d, v, "NUMA_NO_NODE");
		hv_add(s, "numa_node", v);
	}
	if (len <= 28)
		return s;
	size_t nl = len - 28 < BPF_OBJ_NAME_LEN_V ? len - 28 : BPF_OBJ_NAME_LEN_V;
	const char *z = memchr(a + 28, '\0', nl);

	hv_add(s, "map_name", z ? hv_str(d, a + 28, (size_t)(z - (const char *)(a + 28)), false) :
				  hv_str(d, a + 28, nl, true));
	if (len <= 44)
		return s;
	hv_add(s, "map_ifindex", hv_ifindex(d, ld32(a + 44)));
	if (len <= 48)
		return s;
	hv_add(s, "btf_fd", fdm(d, ld32(a + 48)));
	hv_add(s, "btf_key_type_id", hv_uint(d, ld32(a + 52)));
	hv_add(s, "btf_value_type_id", hv_uint(d, ld32(a + 56)));
	if (len <= 60)
		return s;
	hv_add(s, "btf_vmlinux_value_type_id", hv_uint(d, ld32(a + 60)));
	if (len <= 64)
		return s;
	hv_add(s, "map_extra", hv_uint(d, ld64(a + 64)));
	return s;
}

void dec_bpf(struct dctx *d)
{
	unsigned int cmd = d_ui(d, 0), size = d_ui(d, 2);
	uint8_t a[256] = { 0 }, x[256] = { 0 };
	size_t attr_size = 0, have;
	struct hv *s = NULL;
	const struct event_blob *b;

	arg(d, hv_sym(d, &xlat_bpf_commands, cmd, true));
	switch (cmd) {
	case HY_BPF_MAP_CREATE: attr_size = 72; break;
	case HY_BPF_MAP_LOOKUP_ELEM:
	case HY_BPF_MAP_LOOKUP_AND_DELETE_ELEM:
	case HY_BPF_MAP_UPDATE_ELEM: attr_size = 32; break;
	case HY_BPF_MAP_DELETE_ELEM: attr_size = 16; break;
	case HY_BPF_MAP_GET_NEXT_KEY: attr_size = 24; break;
	case HY_BPF_MAP_FREEZE:
	case HY_BPF_BTF_GET_FD_BY_ID:
	case HY_BPF_LINK_GET_FD_BY_ID: attr_size = 4; break;
	case HY_BPF_PROG_ATTACH: attr_size = 20; break;
	case HY_BPF_PROG_DETACH:
	case HY_BPF_PROG_GET_NEXT_ID:
	case HY_BPF_MAP_GET_NEXT_ID:
	case HY_BPF_BTF_GET_NEXT_ID:
	case HY_BPF_LINK_GET_NEXT_ID:
	case HY_BPF_PROG_GET_FD_BY_ID:
	case HY_BPF_MAP_GET_FD_BY_ID: attr_size = 12; break;
	}
	b = d_fetch_at(d, 1, HY_AT_ENTER, 0, a, sizeof(a));
	if (!attr_size || !size || size > PAGE_SIZE_V || !b || b->h.err ||
	    b->h.len < (size < sizeof(a) ? size : sizeof(a))) {
		arg(d, v_ptr(d, 1));
		arg(d, hv_uint(d, size));
		return;
	}
	have = b->h.len < sizeof(a) ? b->h.len : sizeof(a);	/* what a holds (found by fuzz_records) */
	size_t len = size < attr_size ? size : attr_size;

	if (len < attr_size)
		memset(a + len, 0, attr_size - len);
	switch (cmd) {
	case HY_BPF_MAP_CREATE:
		s = map_create(d, a, len);
		break;
	case HY_BPF_MAP_LOOKUP_ELEM:
	case HY_BPF_MAP_LOOKUP_AND_DELETE_ELEM:
	case HY_BPF_MAP_UPDATE_ELEM:
	case HY_BPF_MAP_DELETE_ELEM:
	case HY_BPF_MAP_GET_NEXT_KEY:
		s = hv_struct(d);
		hv_add(s, "map_fd", fdm(d, ld32(a)));
		hv_add(s, "key", hv_ptr(d, ld64(a + 8)));
		if (cmd == HY_BPF_MAP_DELETE_ELEM)
			break;
		hv_add(s, cmd == HY_BPF_MAP_GET_NEXT_KEY ? "next_key" : "value", hv_ptr(d, ld64(a + 16)));
		if (cmd == HY_BPF_MAP_GET_NEXT_KEY)
			break;
		if (cmd == HY_BPF_MAP_UPDATE_ELEM)
			hv_add(s, "flags", hv_sym_or(d, &xlat_bpf_map_update_elem_flags, ld64(a + 24), "BPF_???"));
		else if (len > 24)
			hv_add(s, "flags", hv_flags_or(d, &xlat_bpf_map_lookup_elem_flags, ld64(a + 24), "BPF_???"));
		break;
	case HY_BPF_MAP_FREEZE:
		s = hv_struct(d);
		hv_add(s, "map_fd", fdm(d, ld32(a)));
		break;
	case HY_BPF_PROG_ATTACH:
		s = hv_struct(d);
		hv_add(s, "target_fd", fdm(d, ld32(a)));
		hv_add(s, "attach_bpf_fd", fdm(d, ld32(a + 4)));
		hv_add(s, "attach_type", hv_sym_or(d, &xlat_bpf_attach_type, ld32(a + 8), "BPF_???"));
		hv_add(s, "attach_flags", hv_flags_or(d, &xlat_bpf_attach_flags, ld32(a + 12), "BPF_F_???"));
		if (len > 16)
			hv_add(s, "replace_bpf_fd", fdm(d, ld32(a + 16)));
		break;
	case HY_BPF_PROG_DETACH:
		s = hv_struct(d);
		hv_add(s, "target_fd", fdm(d, ld32(a)));
		hv_add(s, "attach_type", hv_sym_or(d, &xlat_bpf_attach_type, ld32(a + 8), "BPF_???"));
		break;
	case HY_BPF_PROG_GET_NEXT_ID:
	case HY_BPF_MAP_GET_NEXT_ID:
	case HY_BPF_BTF_GET_NEXT_ID:
	case HY_BPF_LINK_GET_NEXT_ID: {
		struct hv *next = hv_uint(d, ld32(a + 4));

		s = hv_struct(d);
		hv_add(s, "start_id", hv_uint(d, ld32(a)));
		if (!d->exiting)
			return d_pending(d);	/* strace: the struct ends at exit */
		const struct event_blob *e = d_fetch_at(d, 1, HY_AT_EXIT, 0, x, sizeof(x));

		if (e && !e->h.err && e->h.len >= 8 && ld32(x + 4) != ld32(a + 4))
			next = hv_changed(d, next, hv_uint(d, ld32(x + 4)));
		hv_add(s, "next_id", next);
		if (len > 8)
			hv_add(s, "open_flags", hv_flags_or(d, &xlat_bpf_file_mode_flags,
							    (e && !e->h.err && e->h.len >= 12 ? ld32(x + 8) : ld32(a + 8)),
							    "BPF_F_???"));
		break;
	}
	case HY_BPF_PROG_GET_FD_BY_ID:
	case HY_BPF_MAP_GET_FD_BY_ID:
		s = hv_struct(d);
		hv_add(s, cmd == HY_BPF_PROG_GET_FD_BY_ID ? "prog_id" : "map_id", hv_uint(d, ld32(a)));
		hv_add(s, "next_id", hv_uint(d, ld32(a + 4)));
		if (len > 8)
			hv_add(s, "open_flags", hv_flags_or(d, &xlat_bpf_file_mode_flags, ld32(a + 8), "BPF_F_???"));
		break;
	case HY_BPF_BTF_GET_FD_BY_ID:
	case HY_BPF_LINK_GET_FD_BY_ID:
		s = hv_struct(d);
		hv_add(s, cmd == HY_BPF_BTF_GET_FD_BY_ID ? "btf_id" : "link_id", hv_uint(d, ld32(a)));
		break;
	}
	extra(d, s, a, have, size, attr_size);
	arg(d, s);
	arg(d, hv_uint(d, size));
	/* the commands that return an fd */
	if (d->exiting && !d_failed(d) &&
	    (cmd == HY_BPF_MAP_CREATE || cmd == HY_BPF_PROG_GET_FD_BY_ID || cmd == HY_BPF_MAP_GET_FD_BY_ID ||
	     cmd == HY_BPF_BTF_GET_FD_BY_ID || cmd == HY_BPF_LINK_GET_FD_BY_ID))
		d->ret = hv_fd_at(d, (int)d_ret(d), HY_ARG_RET, 0);
}
