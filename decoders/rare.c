// SPDX-License-Identifier: LGPL-2.1-or-later
/* rare.c: decoders for readahead, process_madvise, process_mrelease, memfd_secret, kcmp and
 * fanotify_init/fanotify_mark. */
/* Output formats follow strace 6.1 (src/readahead.c, src/mem.c, src/memfd_secret.c,
 * src/kcmp.c, src/fanotify.c); values in decoders/xlat/{fan_*,kcmp_types,memfd_secret_flags}.in. */
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

void dec_readahead(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_long(d, 1));
	arg(d, v_ulong(d, 2));
}

/* An iovec array whose bases print as addresses (strace's iov_decode_addr). */
static struct hv *iov_addrs(struct dctx *d, int i, uint64_t n)
{
	const struct event_blob *b = event_blob(d->ev, i, HY_AT_ENTER, 0);
	struct hv *v = v_unread(d, i, b);

	if (v)
		return v;
	struct hv *a = hv_array(d);
	uint64_t have = b->h.len / 16;

	for (uint64_t k = 0; k < n; k++) {
		uint64_t e[2];

		if (k >= d->o->strsize || k >= have) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		memcpy(e, b->data + k * 16, 16);
		struct hv *s = hv_struct(d);

		hv_add(s, "iov_base", hv_ptr(d, e[0]));
		hv_add(s, "iov_len", hv_uint(d, e[1]));
		hv_add(a, NULL, s);
	}
	return a;
}

void dec_process_madvise(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, iov_addrs(d, 1, d_u(d, 2)));
	arg(d, v_ulong(d, 2));
	arg(d, hv_sym(d, &xlat_madvise_cmds, d_ui(d, 3), true));
	arg(d, hv_hex(d, d_ui(d, 4)));
}

void dec_process_mrelease(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, hv_hex(d, d_ui(d, 1)));
}

void dec_memfd_secret(struct dctx *d)
{
	arg(d, v_flags(d, 0, &xlat_memfd_secret_flags));
}

/* struct kcmp_epoll_slot, include/uapi/linux/kcmp.h */
struct k_epoll_slot {
	uint32_t efd, tfd, toff;
};

void dec_kcmp(struct dctx *d)
{
	int type = d_i(d, 2);

	arg(d, v_pid(d, 0, HVP_TGID));
	arg(d, v_pid(d, 1, HVP_TGID));
	arg(d, hv_sym(d, &xlat_kcmp_types, (uint32_t)type, true));
	switch (type) {
	case HY_KCMP_FILE:
		arg(d, hv_fd_at(d, d_i(d, 3), 3, 0));
		/* the second fd is pid2's: its path is known when it is the same fd */
		return arg(d, d_u(d, 4) == d_u(d, 3) ? hv_fd_at(d, d_i(d, 4), 3, 0) : v_int(d, 4));
	case HY_KCMP_EPOLL_TFD: {
		struct k_epoll_slot s;
		const struct event_blob *b;
		struct hv *v;

		arg(d, hv_fd_at(d, d_i(d, 3), 3, 0));
		b = d_fetch(d, 4, &s, sizeof(s));
		v = v_unread(d, 4, b);
		if (!v && b->h.len < sizeof(s))
			v = v_ptr(d, 4);
		if (!v) {
			v = hv_struct(d);
			hv_add(v, "efd", hv_fd_num(d, (int)s.efd));
			hv_add(v, "tfd", hv_fd_num(d, (int)s.tfd));
			hv_add(v, "toff", hv_uint(d, s.toff));
		}
		return arg(d, v);
	}
	case HY_KCMP_VM:
	case HY_KCMP_FILES:
	case HY_KCMP_FS:
	case HY_KCMP_SIGHAND:
	case HY_KCMP_IO:
	case HY_KCMP_SYSVSEM:
		return;
	default:
		arg(d, v_hex(d, 3));
		arg(d, v_hex(d, 4));
	}
}

/* include/uapi/linux/fanotify.h */
#define FAN_ALL_CLASS_BITS_V	0xcu
#define FAN_NOFD_V		(-1)

void dec_fanotify_init(struct dctx *d)
{
	unsigned int fl = d_ui(d, 0), rest = fl & ~FAN_ALL_CLASS_BITS_V;
	struct hv *c = hv_sym(d, &xlat_fan_classes, fl & FAN_ALL_CLASS_BITS_V, true);

	if (rest) {
		const char *ct = c->kind == HV_SYM ? c->text :
				 arena_printf(d->ar, "%#x /* FAN_CLASS_??? */", fl & FAN_ALL_CLASS_BITS_V);
		struct hv *r = hv_flags_or(d, &xlat_fan_init_flags, rest, "FAN_???");
		const char *rt = r->kind == HV_SYM ? r->text :
				 arena_printf(d->ar, "%#x /* FAN_??? */", rest);

		c = hv_new(d, HV_SYM);
		c->text = arena_join(d->ar, ct, '|', rt);
		c->u = fl;
		c->flags |= HVF_NUM;
	}
	arg(d, c);
	arg(d, hv_open_flags(d, d_ui(d, 1)));
}

void dec_fanotify_mark(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_flags_or(d, 1, &xlat_fan_mark_flags, "FAN_MARK_???"));
	arg(d, hv_flags_or(d, &xlat_fan_event_flags, d_u(d, 2), "FAN_???"));
	if (d_i(d, 3) == FAN_NOFD_V) {
		struct hv *v = hv_new(d, HV_SYM);

		v->text = "FAN_NOFD";
		v->u = (uint64_t)-1;
		v->i = -1;
		v->flags |= HVF_NUM | HVF_NUMDEC;	/* -X raw: -1, as strace */
		arg(d, v);
	} else {
		arg(d, v_dirfd(d, 3));
	}
	arg(d, v_path(d, 4));
}

/* -- landlock (strace 6.1 src/landlock.c) ------------------------------------ */

#define LANDLOCK_CREATE_RULESET_VERSION_V	1u	/* include/uapi/linux/landlock.h */
#define LANDLOCK_RULE_PATH_BENEATH_V		1u

void dec_landlock_create_ruleset(struct dctx *d)
{
	uint64_t size = d_u(d, 1), fs;
	unsigned int flags = d_ui(d, 2);

	if (size < sizeof(fs)) {
		arg(d, v_ptr(d, 0));
	} else {
		const struct event_blob *b = d_fetch(d, 0, &fs, sizeof(fs));
		struct hv *v = v_unread(d, 0, b);

		if (!v && b->h.len < sizeof(fs))
			v = v_ptr(d, 0);
		if (!v) {
			v = hv_struct(d);
			hv_add(v, "handled_access_fs", hv_flags_or(d, &xlat_landlock_ruleset_access_fs, fs,
								   "LANDLOCK_ACCESS_FS_???"));
			if (size > sizeof(fs))
				hv_add(v, NULL, hv_more(d));
		}
		arg(d, v);
	}
	arg(d, v_ulong(d, 1));
	arg(d, hv_flags_or(d, &xlat_landlock_create_ruleset_flags, flags, "LANDLOCK_CREATE_RULESET_???"));
	/* with LANDLOCK_CREATE_RULESET_VERSION the result is the ABI version, not an fd */
	if (d->exiting && !d_failed(d) && !(flags & LANDLOCK_CREATE_RULESET_VERSION_V))
		d->ret = hv_fd_at(d, (int)d_ret(d), HY_ARG_RET, 0);
}

void dec_landlock_add_rule(struct dctx *d)
{
	unsigned int type = d_ui(d, 1);

	arg(d, v_fd(d, 0));
	arg(d, hv_sym(d, &xlat_landlock_rule_types, type, true));
	if (type == LANDLOCK_RULE_PATH_BENEATH_V) {
		uint8_t raw[12];
		const struct event_blob *b = d_fetch(d, 2, raw, sizeof(raw));
		struct hv *v = v_unread(d, 2, b);

		if (!v && b->h.len < sizeof(raw))
			v = v_ptr(d, 2);
		if (!v) {
			uint64_t acc;
			int32_t fd;

			memcpy(&acc, raw, 8);
			memcpy(&fd, raw + 8, 4);
			v = hv_struct(d);
			hv_add(v, "allowed_access", hv_flags_or(d, &xlat_landlock_ruleset_access_fs, acc,
								"LANDLOCK_ACCESS_FS_???"));
			hv_add(v, "parent_fd", hv_fd_num(d, fd));
		}
		arg(d, v);
	} else {
		arg(d, v_ptr(d, 2));
	}
	arg(d, hv_hex(d, d_ui(d, 3)));
}

void dec_landlock_restrict_self(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, hv_hex(d, d_ui(d, 1)));
}

/* -- futex_waitv (strace 6.1 src/futex_waitv.c) ------------------------------ */

#define FUTEX_WAITV_MAX_V	128	/* include/uapi/linux/futex.h */

struct k_futex_waitv {
	uint64_t val, uaddr;
	uint32_t flags, reserved;
};
_Static_assert(sizeof(struct k_futex_waitv) == 24, "struct futex_waitv");

void dec_futex_waitv(struct dctx *d)
{
	unsigned int n = d_ui(d, 1);
	const struct event_blob *b = event_blob(d->ev, 0, HY_AT_ENTER, 0);
	struct hv *v = n ? v_unread(d, 0, b) : (d_u(d, 0) ? NULL : hv_ptr(d, 0));

	if (!v) {
		uint64_t have = b ? b->h.len / sizeof(struct k_futex_waitv) : 0;

		v = hv_array(d);
		for (unsigned int k = 0; k < n; k++) {
			struct k_futex_waitv w;

			if (k >= FUTEX_WAITV_MAX_V || k >= d->o->strsize || k >= have) {
				hv_add(v, NULL, hv_more(d));
				break;
			}
			memcpy(&w, b->data + k * sizeof(w), sizeof(w));
			struct hv *s = hv_struct(d);

			hv_add(s, "val", hv_hex(d, w.val));
			hv_add(s, "uaddr", hv_ptr(d, w.uaddr));
			hv_add(s, "flags", hv_flags_or(d, &xlat_futex_waiter_flags, w.flags, "FUTEX_???"));
			if (w.reserved)
				hv_add(s, "__reserved", hv_hex(d, w.reserved));
			hv_add(v, NULL, s);
		}
	}
	arg(d, v);
	arg(d, hv_uint(d, n));
	arg(d, hv_hex(d, d_ui(d, 2)));
	arg(d, v_tspec(d, 3, HY_AT_ENTER));
	arg(d, hv_clockid(d, d_i(d, 4)));
}
