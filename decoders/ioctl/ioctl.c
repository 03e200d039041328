// SPDX-License-Identifier: LGPL-2.1-or-later
/* ioctl.c: ioctl(2): dispatch on _IOC_TYPE to a family, else the generic _IOC(...) form. */
/* Output formats follow strace 6.1 (src/ioctl.c). */
#include <errno.h>
#include <string.h>
#include "ioctl.h"
#include "nvidia.h"
#include "xlat_gen.h"

/* The families by _IOC_TYPE: to add one, write decoders/ioctl/NAME.c and list it here. */
extern const struct ioctl_family ioctl_family_tty;

static const struct ioctl_family *const families[256] = {
	[0x54] = &ioctl_family_tty,	/* 'T': asm-generic tty and FIO* requests */
};

bool ioc_fetch(struct dctx *d, int when, void *buf, size_t size)
{
	const struct event_blob *b = event_blob(d->ev, 2, when, 0);

	if (!b || b->h.err || b->h.len < size)
		return false;
	memcpy(buf, b->data, size);
	return true;
}

struct hv *ioc_int(struct dctx *d, int when)
{
	int32_t n;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !ioc_fetch(d, when, &n, sizeof(n)))
		return v_ptr(d, 2);
	struct hv *a = hv_array(d);

	hv_add(a, NULL, hv_int(d, n));
	return a;
}

/* The request: the family's name for it, or _IOC(dir, type, nr, size). */
static struct hv *ioctl_request(struct dctx *d, const struct ioctl_family *f, uint32_t req)
{
	const char *n = f && f->req_name ? f->req_name(d, req) : NULL;
	struct hv *v = hv_new(d, HV_SYM);

	v->u = req;
	v->flags |= HVF_NUM;
	if (n) {
		v->text = n;
		return v;
	}
	uint32_t dir = HY_IOC_DIR(req), type = HY_IOC_TYPE(req), nr = HY_IOC_NR(req);
	uint32_t size = HY_IOC_SIZE(req);
	char *dn = dir ? flags_text(d, &xlat_ioc_dirs, dir) : "_IOC_NONE";

	v->text = size ? arena_printf(d->ar, "_IOC(%s, %#x, %#x, %#x)", dn, type, nr, size) :
			 arena_printf(d->ar, "_IOC(%s, %#x, %#x, 0)", dn, type, nr);
	return v;
}

void dec_ioctl(struct dctx *d)
{
	uint32_t req = d_ui(d, 1);
	const struct ioctl_family *f = families[HY_IOC_TYPE(req)];

	arg(d, v_fd(d, 0));
	/* NVIDIA's devices first, by the fd's path: UVM commands are plain integers */
	unsigned int kind = nv_ioctl_kind(d->ev);

	if (kind && nv_ioctl_decode(d, kind, req) == 0)
		return;
	arg(d, ioctl_request(d, f, req));
	if (f && f->decode && f->decode(d, req) != -ENOTTY)
		return;
	arg(d, v_hex(d, 2));
}
