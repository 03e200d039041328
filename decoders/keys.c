// SPDX-License-Identifier: LGPL-2.1-or-later
/* keys.c: decoders for the key management syscalls: add_key, request_key, keyctl. */
/* Output formats follow strace 6.1 (src/keyctl.c); the values are in decoders/xlat/key*.in. */
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

/* A key or keyring serial (key_serial_t, int32): KEY_SPEC_* by name, else signed decimal. */
static struct hv *hv_key(struct dctx *d, uint64_t v)
{
	return hv_sym(d, &xlat_key_spec, (uint64_t)(int64_t)(int32_t)v, false);
}

/* A uid/gid as strace's printuid: -1 for (uid_t)-1, else unsigned. */
static struct hv *hv_keyid(struct dctx *d, uint32_t id)
{
	return id == 0xffffffff ? hv_int(d, -1) : hv_uint(d, id);
}

/* An errno number as strace's print_err: ECANCELED, else the number. */
static struct hv *hv_errnum(struct dctx *d, uint32_t e)
{
	const char *n = errno_name((int)e);

	if (!n)
		return hv_uint(d, e);
	struct hv *v = hv_new(d, HV_SYM);

	v->text = n;
	v->u = e;
	v->flags |= HVF_NUM;
	return v;
}

/*
 * strace's printstr: a string that runs into unreadable memory before its NUL and before -s
 * prints as its address (the ptrace backend keeps the readable part, flagged HY_BF_TRUNC).
 */
static struct hv *key_str(struct dctx *d, int i)
{
	const struct event_blob *b = event_blob_any(d->ev, i, 0);

	if (b && !b->h.err && (b->h.flags & HY_BF_TRUNC) && !(b->h.flags & HY_BF_NUL) &&
	    b->h.len <= d->o->strsize)
		return v_ptr(d, i);
	return v_str(d, i);
}

/* strace's printstrn: min(len, -s) bytes, or the address when they cannot all be read. */
static struct hv *key_buf(struct dctx *d, int i, uint64_t len)
{
	const struct event_blob *b = event_blob_any(d->ev, i, 0);
	uint64_t show = len < d->o->strsize ? len : d->o->strsize;

	if (len && d_u(d, i) && b && !b->h.err && b->h.len < show)
		return v_ptr(d, i);
	return v_buf(d, i, len);
}

/*
 * A string captured as a buffer (keyctl argument 2 holds a payload for some commands and a
 * string for others): the bytes up to the first NUL, at most -s, "..." when none was seen.
 */
static struct hv *buf_as_str(struct dctx *d, int i)
{
	const struct event_blob *b = event_blob(d->ev, i, HY_AT_ENTER, 0);
	struct hv *v = v_unread(d, i, b);

	if (v)
		return v;
	const char *z = memchr(b->data, '\0', b->h.len);

	if (z)
		return hv_str(d, b->data, (size_t)(z - (const char *)b->data), false);
	if (b->h.flags & HY_BF_TRUNC)	/* unreadable before its NUL: strace prints the address */
		return v_ptr(d, i);
	return hv_str(d, b->data, b->h.len, true);
}

/* An output buffer of ret bytes (at most len): the exit capture of argument i, or its address. */
static struct hv *out_buf(struct dctx *d, int i, uint64_t len, bool omit_nul)
{
	const struct event_blob *b = event_blob(d->ev, i, HY_AT_EXIT, 0);
	uint64_t n = (uint64_t)d_ret(d) > len ? len : (uint64_t)d_ret(d);

	if (d_failed(d))
		return v_ptr(d, i);
	if (n == 0 && d_u(d, i))
		return hv_str(d, "", 0, false);
	struct hv *v = v_unread(d, i, b);

	if (v)
		return v;
	uint64_t show = n < d->o->strsize ? n : d->o->strsize;

	if (show > b->h.len)
		show = b->h.len;
	/* QUOTE_OMIT_TRAILING_0: a description's terminating NUL is not shown */
	if (omit_nul && show == n && show && b->data[show - 1] == '\0')
		return hv_str(d, b->data, show - 1, false);
	return hv_str(d, b->data, show, n > show);
}

void dec_add_key(struct dctx *d)
{
	arg(d, key_str(d, 0));
	arg(d, key_str(d, 1));
	arg(d, key_buf(d, 2, d_u(d, 3)));
	arg(d, v_ulong(d, 3));
	arg(d, hv_key(d, d_u(d, 4)));
}

void dec_request_key(struct dctx *d)
{
	arg(d, key_str(d, 0));
	arg(d, key_str(d, 1));
	arg(d, key_str(d, 2));
	arg(d, hv_key(d, d_u(d, 3)));
}

/* struct keyctl_pkey_query, include/uapi/linux/keyctl.h */
struct k_pkey_query {
	uint32_t supported_ops, key_size;
	uint16_t max_data_size, max_sig_size, max_enc_size, max_dec_size;
	uint32_t spare[10];
};
_Static_assert(sizeof(struct k_pkey_query) == 56, "struct keyctl_pkey_query");

static struct hv *pkey_query(struct dctx *d, int i)
{
	struct k_pkey_query q;
	const struct event_blob *b = d_fetch_at(d, i, HY_AT_EXIT, 0, &q, sizeof(q));
	struct hv *v = v_unread(d, i, b);

	if (d_failed(d))
		return v_ptr(d, i);
	if (v)
		return v;
	v = hv_struct(d);
	hv_add(v, "supported_ops", hv_flags_or(d, &xlat_keyctl_pkey_ops, q.supported_ops,
					       "KEYCTL_SUPPORTS_???"));
	hv_add(v, "key_size", hv_uint(d, q.key_size));
	hv_add(v, "max_data_size", hv_uint(d, q.max_data_size));
	hv_add(v, "max_sig_size", hv_uint(d, q.max_sig_size));
	hv_add(v, "max_enc_size", hv_uint(d, q.max_enc_size));
	hv_add(v, "max_dec_size", hv_uint(d, q.max_dec_size));
	for (int k = 0; k < 10; k++) {
		if (!q.spare[k])
			continue;
		struct hv *a = hv_array(d);

		for (int j = 0; j < 10; j++)
			hv_add(a, NULL, hv_hex(d, q.spare[j]));
		hv_add(v, "__spare", a);
		break;
	}
	return v;
}

/* KEYCTL_CAPABILITIES' bytes: byte 0 and 1 as flag sets, the rest in hex. */
static struct hv *caps(struct dctx *d, int i, uint64_t len)
{
	const struct event_blob *b = event_blob(d->ev, i, HY_AT_EXIT, 0);
	uint64_t n = (uint64_t)d_ret(d) < len ? (uint64_t)d_ret(d) : len;

	if (d_failed(d) || !b || b->h.err || !d_u(d, i))
		return v_ptr(d, i);
	struct hv *a = hv_array(d);

	if (n > b->h.len)
		n = b->h.len;
	for (uint64_t k = 0; k < n; k++) {
		uint8_t c = b->data[k];

		if (k == 0)
			hv_add(a, NULL, hv_flags_or(d, &xlat_keyctl_caps0, c, "KEYCTL_CAPS0_???"));
		else if (k == 1)
			hv_add(a, NULL, hv_flags_or(d, &xlat_keyctl_caps1, c, "KEYCTL_CAPS1_???"));
		else
			hv_add(a, NULL, hv_hex(d, c));
	}
	return a;
}

void dec_keyctl(struct dctx *d)
{
	int cmd = d_i(d, 0);

	arg(d, hv_sym(d, &xlat_keyctl_commands, (uint32_t)cmd, true));
	switch (cmd) {
	case HY_KEYCTL_GET_KEYRING_ID:
		arg(d, hv_key(d, d_u(d, 1)));
		return arg(d, v_int(d, 2));
	case HY_KEYCTL_JOIN_SESSION_KEYRING:
		return arg(d, key_str(d, 1));
	case HY_KEYCTL_UPDATE:
		arg(d, hv_key(d, d_u(d, 1)));
		arg(d, key_buf(d, 2, d_u(d, 3)));
		return arg(d, v_ulong(d, 3));
	case HY_KEYCTL_REVOKE:
	case HY_KEYCTL_CLEAR:
	case HY_KEYCTL_INVALIDATE:
	case HY_KEYCTL_ASSUME_AUTHORITY:
		return arg(d, hv_key(d, d_u(d, 1)));
	case HY_KEYCTL_LINK:
	case HY_KEYCTL_UNLINK:
		arg(d, hv_key(d, d_u(d, 1)));
		return arg(d, hv_key(d, d_u(d, 2)));
	case HY_KEYCTL_DESCRIBE:
	case HY_KEYCTL_READ:
	case HY_KEYCTL_GET_SECURITY:
		arg(d, hv_key(d, d_u(d, 1)));
		if (!d->exiting)
			return d_pending(d);
		arg(d, out_buf(d, 2, d_u(d, 3), cmd != HY_KEYCTL_READ));
		return arg(d, v_ulong(d, 3));
	case HY_KEYCTL_SEARCH:
		arg(d, hv_key(d, d_u(d, 1)));
		arg(d, buf_as_str(d, 2));
		arg(d, key_str(d, 3));
		return arg(d, hv_key(d, d_u(d, 4)));
	case HY_KEYCTL_CHOWN:
		arg(d, hv_key(d, d_u(d, 1)));
		arg(d, hv_keyid(d, d_ui(d, 2)));
		return arg(d, hv_keyid(d, d_ui(d, 3)));
	case HY_KEYCTL_SETPERM:
		arg(d, hv_key(d, d_u(d, 1)));
		return arg(d, hv_flags_or(d, &xlat_key_perms, d_ui(d, 2), "KEY_???"));
	case HY_KEYCTL_INSTANTIATE:
		arg(d, hv_key(d, d_u(d, 1)));
		arg(d, key_buf(d, 2, d_u(d, 3)));
		arg(d, v_ulong(d, 3));
		return arg(d, hv_key(d, d_u(d, 4)));
	case HY_KEYCTL_INSTANTIATE_IOV:	/* the iovec is not captured: its address */
		arg(d, hv_key(d, d_u(d, 1)));
		arg(d, v_ptr(d, 2));
		arg(d, v_ulong(d, 3));
		return arg(d, hv_key(d, d_u(d, 4)));
	case HY_KEYCTL_NEGATE:
		arg(d, hv_key(d, d_u(d, 1)));
		arg(d, v_uint(d, 2));
		return arg(d, hv_key(d, d_u(d, 3)));
	case HY_KEYCTL_REJECT:
		arg(d, hv_key(d, d_u(d, 1)));
		arg(d, v_uint(d, 2));
		arg(d, hv_errnum(d, d_ui(d, 3)));
		return arg(d, hv_key(d, d_u(d, 4)));
	case HY_KEYCTL_SET_REQKEY_KEYRING:
		return arg(d, hv_sym(d, &xlat_key_reqkeys, (uint64_t)(int64_t)d_i(d, 1), false));
	case HY_KEYCTL_SET_TIMEOUT:
		arg(d, hv_key(d, d_u(d, 1)));
		return arg(d, v_uint(d, 2));
	case HY_KEYCTL_SESSION_TO_PARENT:
		return;
	case HY_KEYCTL_GET_PERSISTENT:
		arg(d, hv_keyid(d, d_ui(d, 1)));
		return arg(d, hv_key(d, d_u(d, 2)));
	case HY_KEYCTL_DH_COMPUTE:	/* the parameter structs are not captured: their addresses */
		arg(d, v_ptr(d, 1));
		if (!d->exiting)
			return d_pending(d);
		arg(d, out_buf(d, 2, d_u(d, 3), false));
		arg(d, v_ulong(d, 3));
		return arg(d, v_ptr(d, 4));
	case HY_KEYCTL_PKEY_QUERY:
		arg(d, hv_key(d, d_u(d, 1)));
		arg(d, v_hex(d, 2));
		arg(d, key_str(d, 3));
		if (!d->exiting)
			return d_pending(d);
		return arg(d, pkey_query(d, 4));
	case HY_KEYCTL_PKEY_ENCRYPT:
	case HY_KEYCTL_PKEY_DECRYPT:
	case HY_KEYCTL_PKEY_SIGN:
	case HY_KEYCTL_PKEY_VERIFY:	/* struct keyctl_pkey_params is not captured */
		arg(d, v_ptr(d, 1));
		arg(d, key_str(d, 2));
		arg(d, v_ptr(d, 3));
		return arg(d, v_ptr(d, 4));
	case HY_KEYCTL_RESTRICT_KEYRING:
		arg(d, hv_key(d, d_u(d, 1)));
		arg(d, buf_as_str(d, 2));
		return arg(d, key_str(d, 3));
	case HY_KEYCTL_MOVE:
		arg(d, hv_key(d, d_u(d, 1)));
		arg(d, hv_key(d, d_u(d, 2)));
		arg(d, hv_key(d, d_u(d, 3)));
		return arg(d, hv_flags_or(d, &xlat_keyctl_move_flags, d_ui(d, 4), "KEYCTL_MOVE_???"));
	case HY_KEYCTL_CAPABILITIES:	/* argument 1 is read as a string: the bytes at exit are not */
		if (!d->exiting)
			return d_pending(d);
		arg(d, caps(d, 1, d_u(d, 2)));
		return arg(d, v_ulong(d, 2));
	default:
		for (int i = 1; i < 5; i++)
			arg(d, v_hex(d, i));
	}
}
