// SPDX-License-Identifier: LGPL-2.1-or-later
/* nvkms.c: nvidia-modeset's ioctl (NVKMS, issue 11): NVKMS_IOCTL_IOWR and the command it carries. */
/*
 * Facts (open-gpu-kernel-modules 595.45.04): /dev/nvidia-modeset takes one request,
 * NVKMS_IOCTL_IOWR = _IOWR('m', 0, struct NvKmsIoctlParams {NvU32 cmd; NvU32 size; NvU64
 * address;}) (src/nvidia-modeset/interface/nvkms-ioctl.h; kernel-open/nvidia-modeset/
 * nvidia-modeset-linux.c nvkms_ioctl() refuses any other with ENOTTY).  cmd is an enum
 * NvKmsIoctlCommand; address points to size bytes of the command's NvKms<F>Params
 * {request; reply} (src/nvidia-modeset/src/nvkms.c nvKmsIoctl(): the driver reads the request
 * and writes the reply back, also when the command fails and the ioctl returns EPERM).
 * The layouts and names are data (nvkms_gen.c and decoders/xlat/nvkms_*.in, written by
 * gen-nvkms.sh).  Blobs read (the capture description nvkms_descs writes exactly these):
 *   arg 2 idx 0                 struct NvKmsIoctlParams, at entry
 *   HY_ARG_EXTRA idx 1          the params at address, at entry (request) and exit (reply)
 * Output: {cmd=NVKMS_IOCTL_..., size=N, address={request={...}}} => {address={reply={...}}}.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "ioctl.h"
#include "nvkms.h"
#include "nvkms_tab.h"
#include "xlat_gen.h"

#define NVKMS_BRIEF		8	/* members shown without -v, then "..." (as nvidia.c) */
#define NVKMS_BRIEF_ELEMS	4	/* array elements shown without -v (as nvidia.c) */
#define NVKMS_DEPTH		8	/* nested structs deeper than this print as "{...}" */

const struct nv_ioc_desc_entry *nvkms_ioc_descs(size_t *n)
{
	*n = nvkms_ndescs;
	return nvkms_descs;
}

const struct hy_ioc_desc *nvkms_ioc_desc(uint32_t req)
{
	uint64_t key = HY_IOCD_KEY(HY_DEV_NVIDIA_MODESET, req);

	for (size_t i = 0; i < nvkms_ndescs; i++)
		if (nvkms_descs[i].key == key)
			return &nvkms_descs[i].desc;
	return NULL;
}

static const struct nvkms_struct *cmd_struct(uint32_t cmd)
{
	size_t lo = 0, hi = nvkms_ncmds;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (nvkms_cmd_tab[mid].cmd == cmd)
			return nvkms_cmd_tab[mid].s;
		if (nvkms_cmd_tab[mid].cmd < cmd)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const struct nvkms_field *field_named(const struct nvkms_struct *s, const char *name)
{
	for (unsigned int i = 0; s && i < s->nf; i++)
		if (s->f[i].name && !strcmp(s->f[i].name, name))
			return &s->f[i];
	return NULL;
}

static uint64_t get_uint(const uint8_t *p, size_t size)
{
	switch (size) {
	case 1: return p[0];
	case 2: return ld16(p);
	case 4: return ld32(p);
	case 8: return ld64(p);
	}
	return 0;
}

static int64_t get_int(const uint8_t *p, size_t size)
{
	switch (size) {
	case 1: return (int8_t)p[0];
	case 2: return (int16_t)ld16(p);
	case 4: return (int32_t)ld32(p);
	case 8: return (int64_t)ld64(p);
	}
	return 0;
}

static struct hv *struct_val(struct dctx *d, const struct nvkms_struct *s, const uint8_t *p,
			     size_t len, bool cut, int depth);

static struct hv *bytes_val(struct dctx *d, const uint8_t *p, size_t size)
{
	size_t show = size;

	if (!d->o->verbose && d->o->strsize && show > (size_t)d->o->strsize)
		show = (size_t)d->o->strsize;
	return hv_hexstr(d, p, show, show < size);
}

/* One element of f at p: esize bytes, of which len are captured (a struct may be cut). */
static struct hv *elem_val(struct dctx *d, const struct nvkms_field *f, const uint8_t *p,
			   size_t len, int depth)
{
	switch (f->kind) {
	case NKK_U:
		return hv_uint(d, get_uint(p, f->esize));
	case NKK_I:
		return hv_int(d, get_int(p, f->esize));
	case NKK_X:
		if (f->esize == 1 || f->esize == 2 || f->esize == 4 || f->esize == 8)
			return hv_hex(d, get_uint(p, f->esize));
		break;
	case NKK_ENUM:
		return hv_sym_or(d, f->x, get_uint(p, f->esize), NULL);
	case NKK_STRUCT:
		if (depth >= NVKMS_DEPTH) {
			struct hv *v = hv_struct(d);

			hv_add(v, NULL, hv_more(d));
			return v;
		}
		return struct_val(d, f->sub, p, len, len < f->esize, depth + 1);
	case NKK_STR:
	case NKK_BYTES:
		break;
	}
	return bytes_val(d, p, f->esize);
}

/* A member from the size bytes at p that the capture holds (an array: its whole elements). */
static struct hv *field_val(struct dctx *d, const struct nvkms_field *f, const uint8_t *p,
			    size_t size, int depth)
{
	if (f->kind == NKK_STR) {
		size_t k = strnlen((const char *)p, size);
		size_t max = d->o->strsize ? (size_t)d->o->strsize : k;

		return hv_str(d, p, k < max ? k : max, k > max);
	}
	if (f->kind == NKK_BYTES)
		return bytes_val(d, p, size);
	if (f->n == 1)
		return elem_val(d, f, p, size, depth);
	struct hv *a = hv_array(d);
	size_t n = size / f->esize;
	bool cut = size < f->esize * f->n;	/* the capture ends inside the array */

	/* trailing zero elements are not shown: arrays filled from the front (as nvidia.c) */
	while (n > 0) {
		const uint8_t *e = p + (n - 1) * f->esize;
		size_t k = 0;

		while (k < f->esize && !e[k])
			k++;
		if (k < f->esize)
			break;
		n--;
	}
	for (size_t i = 0; i < n; i++) {
		if (!d->o->verbose && i == NVKMS_BRIEF_ELEMS) {
			cut = true;
			break;
		}
		hv_add(a, NULL, elem_val(d, f, p + i * f->esize, f->esize, depth));
	}
	if (cut)
		hv_add(a, NULL, hv_more(d));
	return a;
}

/*
 * The members of s from the len bytes at p; cut: the capture ends before the struct does,
 * so a member it does not hold, or holds in part, ends the struct with "...".
 */
static struct hv *struct_val(struct dctx *d, const struct nvkms_struct *s, const uint8_t *p,
			     size_t len, bool cut, int depth)
{
	struct hv *v = hv_struct(d);
	unsigned int shown = 0;

	for (unsigned int i = 0; s && i < s->nf; i++) {
		const struct nvkms_field *f = &s->f[i];
		size_t size = f->esize * f->n, k;

		if (!f->name)
			continue;
		if (f->off >= len) {
			hv_add(v, NULL, hv_more(d));
			return v;
		}
		k = f->off + size <= len ? size : len - f->off;
		/* a scalar, string or bytes cut: not shown; a struct or array shows where */
		if (k < size && (f->n == 1 || f->kind == NKK_STR || f->kind == NKK_BYTES) &&
		    f->kind != NKK_STRUCT) {
			hv_add(v, NULL, hv_more(d));
			return v;
		}
		if (!d->o->verbose && shown == NVKMS_BRIEF) {
			hv_add(v, NULL, hv_more(d));
			return v;
		}
		hv_add(v, f->name, field_val(d, f, p + f->off, k, depth));
		shown++;
		if (k < size)
			return v;	/* the member said where it was cut */
	}
	if (cut && s && s->nf == 0)
		hv_add(v, NULL, hv_more(d));
	return v;
}

/*
 * {NAME={...}}: the member NAME (request or reply) of the params s from a capture of them;
 * NULL when the capture does not reach it.
 */
static struct hv *half(struct dctx *d, const struct nvkms_struct *s, const char *name,
		       const struct event_blob *b)
{
	const struct nvkms_field *f = field_named(s, name);
	struct hv *v;

	if (!f || !b || b->h.len <= f->off)
		return NULL;
	size_t len = b->h.len - f->off < f->esize ? b->h.len - f->off : f->esize;

	v = hv_struct(d);
	if (f->kind == NKK_STRUCT)
		hv_add(v, name, struct_val(d, f->sub, b->data + f->off, len, len < f->esize, 1));
	else
		hv_add(v, name, field_val(d, f, b->data + f->off, len, 1));
	return v;	/* a capture that ends inside it: struct_val() said where */
}

static const struct event_blob *blob_ok(const struct event *ev, int arg, int when, int idx)
{
	const struct event_blob *b = event_blob(ev, arg, when, idx);

	return b && !b->h.err ? b : NULL;
}

/* The command, size and address of the captured NvKmsIoctlParams: false if not captured. */
static bool top_fields(const struct event *ev, uint32_t *cmd, uint32_t *size, uint64_t *addr)
{
	const struct nvkms_ioctl_layout *l = &nvkms_ioctl_layout;
	const struct event_blob *b = blob_ok(ev, 2, HY_AT_ENTER, 0);

	if (!b)
		b = blob_ok(ev, 2, HY_AT_EXIT, 0);
	if (!b || b->h.len < l->size)
		return false;
	*cmd = ld32(b->data + l->cmd_off);
	*size = ld32(b->data + l->size_off);
	*addr = ld64(b->data + l->address_off);
	return true;
}

/* address= at entry (*in) and at exit (*out, or NULL) */
static void params_val(struct dctx *d, uint32_t cmd, uint32_t size, uint64_t addr,
		       struct hv **in, struct hv **out)
{
	const struct nvkms_struct *s = cmd_struct(cmd);
	const struct event_blob *bi = blob_ok(d->ev, HY_ARG_EXTRA, HY_AT_ENTER, 1);
	const struct event_blob *bo = blob_ok(d->ev, HY_ARG_EXTRA, HY_AT_EXIT, 1);
	struct hv *a = NULL, *b = NULL;

	*out = NULL;
	/*
	 * the reply is written back when the command ran, whether it succeeded or failed (EPERM);
	 * other errors (ENOTTY, EFAULT, EINVAL, EINTR) come before the driver touches it
	 */
	if (d_failed(d) && d_ret(d) != -EPERM)
		bo = NULL;
	if (s && size == s->size) {
		a = half(d, s, "request", bi);
		b = half(d, s, "reply", bo);
	} else if (d->o->verbose && bi) {	/* no known layout: the bytes under -v */
		a = hv_hexstr(d, bi->data, bi->h.len, bi->h.flags & HY_BF_TRUNC);
		if (bo && (bo->h.len != bi->h.len || memcmp(bo->data, bi->data, bi->h.len)))
			b = hv_hexstr(d, bo->data, bo->h.len, bo->h.flags & HY_BF_TRUNC);
	}
	*in = a ? a : hv_ptr(d, addr);
	*out = b;
}

int nvkms_ioctl_decode(struct dctx *d, uint32_t req)
{
	uint32_t cmd, size;
	uint64_t addr;

	if (req != nvkms_ioctl_iowr)
		return -ENOTTY;
	struct hv *rq = hv_new(d, HV_SYM);

	rq->text = "NVKMS_IOCTL_IOWR";
	rq->u = req;
	rq->flags |= HVF_NUM;
	arg(d, rq);
	if (!d->exiting) {
		d_pending(d);
		return 0;
	}
	if (!d_u(d, 2)) {
		arg(d, hv_ptr(d, 0));
		return 0;
	}
	if (!top_fields(d->ev, &cmd, &size, &addr)) {
		arg(d, v_ptr(d, 2));	/* unreadable: the address, as strace */
		return 0;
	}
	struct hv *t = hv_struct(d), *pin, *pout;

	hv_add(t, "cmd", hv_sym_or(d, &xlat_nvkms_cmds, cmd, "NVKMS_IOCTL_???"));
	hv_add(t, "size", hv_uint(d, size));
	params_val(d, cmd, size, addr, &pin, &pout);
	hv_add(t, "address", pin);
	if (pout) {
		struct hv *o = hv_struct(d);

		hv_add(o, "address", pout);
		arg(d, hv_changed(d, t, o));
	} else {
		arg(d, t);
	}
	return 0;
}

static size_t put(char *buf, size_t size, size_t at, const char *s)
{
	size_t n = strlen(s);

	if (at < size) {
		size_t k = size - at - 1 < n ? size - at - 1 : n;

		memcpy(buf + at, s, k);
		buf[at + k] = '\0';
	}
	return at + n;
}

size_t nvkms_ioctl_label(const struct event *ev, char *buf, size_t size)
{
	uint32_t req = (uint32_t)ev->r.args[1], cmd, psize;
	uint64_t addr;
	char tmp[32];
	const char *n;
	size_t at;

	if (size)
		buf[0] = '\0';
	if (req != nvkms_ioctl_iowr) {
		snprintf(tmp, sizeof(tmp), "%#x", req);
		return put(buf, size, 0, tmp);
	}
	at = put(buf, size, 0, "NVKMS_IOCTL_IOWR");
	if (!ev->r.args[2] || !top_fields(ev, &cmd, &psize, &addr))
		return at;
	n = xlat_name(&xlat_nvkms_cmds, cmd);
	snprintf(tmp, sizeof(tmp), "%#x", cmd);
	at = put(buf, size, at, ":");
	return put(buf, size, at, n ? n : tmp);
}
