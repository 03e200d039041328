// SPDX-License-Identifier: LGPL-2.1-or-later
/* creds.c: decoders for credentials: user and group ids, supplementary groups, capabilities. */
#include <string.h>
#include <stdio.h>
#include "decode.h"
#include "xlat_gen.h"

#define HY_NGROUPS_MAX	65536	/* include/uapi/linux/limits.h NGROUPS_MAX */

/* A uid/gid as strace prints it (printuid): -1 for (uid_t)-1, else unsigned. */
static struct hv *hv_id(struct dctx *d, uint32_t id)
{
	return id == 0xffffffff ? hv_int(d, -1) : hv_uint(d, id);
}

void dec_setuid(struct dctx *d)
{
	arg(d, hv_id(d, d_ui(d, 0)));
}

void dec_setreuid(struct dctx *d)
{
	arg(d, hv_id(d, d_ui(d, 0)));
	arg(d, hv_id(d, d_ui(d, 1)));
}

void dec_setresuid(struct dctx *d)
{
	for (int i = 0; i < 3; i++)
		arg(d, hv_id(d, d_ui(d, i)));
}

void dec_getresid(struct dctx *d)
{
	if (!d->exiting)
		return d_pending(d);
	for (int i = 0; i < 3; i++) {
		uint32_t id;
		struct hv *a;

		if (d_failed(d) || !d_u(d, i) || !d_fetch(d, i, &id, sizeof(id))) {
			arg(d, v_ptr(d, i));
			continue;
		}
		a = hv_array(d);
		hv_add(a, NULL, hv_id(d, id));
		arg(d, a);
	}
}

/* A gid_t array of n elements at argument i (print_groups: at most -s of them shown). */
static struct hv *v_groups(struct dctx *d, int i, uint64_t n)
{
	const struct event_blob *b;
	struct hv *a;

	if (!d_u(d, i) || n > HY_NGROUPS_MAX)
		return v_ptr(d, i);
	a = hv_array(d);
	if (!n)
		return a;
	b = event_blob_any(d->ev, i, 0);
	if (!b || b->h.err)
		return v_ptr(d, i);
	size_t have = b->h.len / 4;

	for (size_t k = 0; k < n; k++) {
		uint32_t g;

		if (k >= d->o->strsize || k >= have) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		memcpy(&g, b->data + k * 4, 4);
		hv_add(a, NULL, hv_id(d, g));
	}
	return a;
}

void dec_getgroups(struct dctx *d)
{
	arg(d, v_int(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, 1) : v_groups(d, 1, (uint64_t)d_ret(d)));
}

void dec_setgroups(struct dctx *d)
{
	arg(d, v_int(d, 0));
	arg(d, v_groups(d, 1, d_ui(d, 0)));
}

/* 1<<CAP_CHOWN|1<<CAP_KILL..., or 0 (print_cap_bits). */
static struct hv *hv_capbits(struct dctx *d, uint64_t bits)
{
	char buf[2048];
	size_t n = 0;

	if (!bits)
		return hv_uint(d, 0);
	for (unsigned int i = 0; i < 64; i++) {
		if (!(bits & (1ULL << i)))
			continue;
		const char *name = xlat_name(&xlat_caps, i);

		if (!name)
			continue;
		n += snprintf(buf + n, sizeof(buf) - n, "%s1<<%s", n ? "|" : "", name);
		bits &= ~(1ULL << i);
	}
	if (bits)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%#llx", n ? "|" : "", (unsigned long long)bits);
	struct hv *v = hv_expr(d, "%s", buf);

	v->flags |= HVF_NUM;
	return v;
}

struct k_cap_header {
	uint32_t version;
	int32_t pid;
};

/* struct __user_cap_header_struct at argument 0. */
static struct hv *v_cap_header(struct dctx *d, struct k_cap_header *h)
{
	const struct event_blob *b = d_fetch_at(d, 0, HY_AT_ENTER, 0, h, sizeof(*h));
	struct hv *s = v_unread(d, 0, b);

	if (s) {
		h->version = 0;
		return s;
	}
	s = hv_struct(d);
	hv_add(s, "version", hv_sym(d, &xlat_cap_version, h->version, true));
	hv_add(s, "pid", hv_pid(d, h->pid, HVP_TGID));
	return s;
}

/* The data structs at argument 1: 1 (version 1) or 2 of {effective, permitted, inheritable}. */
static struct hv *v_cap_data(struct dctx *d, const struct k_cap_header *h)
{
	uint32_t c[6];
	const struct event_blob *b = d_fetch(d, 1, c, sizeof(c));
	struct hv *s = v_unread(d, 1, b);

	if (s)
		return s;
	if (!h->version || !xlat_name(&xlat_cap_version, h->version))
		return v_ptr(d, 1);
	if (h->version == 0x19980330)	/* _LINUX_CAPABILITY_VERSION_1: one struct */
		c[3] = c[4] = c[5] = 0;
	s = hv_struct(d);
	hv_add(s, "effective", hv_capbits(d, c[0] | (uint64_t)c[3] << 32));
	hv_add(s, "permitted", hv_capbits(d, c[1] | (uint64_t)c[4] << 32));
	hv_add(s, "inheritable", hv_capbits(d, c[2] | (uint64_t)c[5] << 32));
	return s;
}

void dec_capget(struct dctx *d)
{
	struct k_cap_header h;

	arg(d, v_cap_header(d, &h));
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, 1) : v_cap_data(d, &h));
}

void dec_capset(struct dctx *d)
{
	struct k_cap_header h;

	arg(d, v_cap_header(d, &h));
	arg(d, v_cap_data(d, &h));
}
