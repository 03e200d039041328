// SPDX-License-Identifier: LGPL-2.1-or-later
/* uffd.c: ioctl(2) requests of type 0xaa: userfaultfd fds (UFFDIO_API, UFFDIO_REGISTER). */
/* Output formats follow strace 6.1 (src/userfaultfd.c); request values: the generated table. */
#include <errno.h>
#include <string.h>
#include "ioctl.h"
#include "xlat_gen.h"

/* include/uapi/linux/userfaultfd.h: struct uffdio_api 24 bytes, struct uffdio_register 32 */
#define UFFDIO_API_V		0xc018aa3f
#define UFFDIO_REGISTER_V	0xc020aa00

static struct hv *sym_text(struct dctx *d, const char *t, uint64_t v)
{
	struct hv *s = hv_new(d, HV_SYM);

	s->text = t;
	s->u = v;
	s->flags |= HVF_NUM;
	return s;
}

/* the ioctls bit set: 1<<_UFFDIO_REGISTER|1<<_UFFDIO_API|0x120 */
static struct hv *uffd_ioctls(struct dctx *d, uint64_t v)
{
	const char *t = NULL;
	uint64_t rest = v;

	for (unsigned int b = 0; b < 64; b++) {
		const char *n = (v >> b) & 1 ? xlat_name(&xlat_uffd_ioctl_bits, b) : NULL;

		if (!n)
			continue;
		rest &= ~(1ULL << b);
		t = t ? arena_printf(d->ar, "%s|1<<%s", t, n) : arena_printf(d->ar, "1<<%s", n);
	}
	if (!t)
		return v ? sym_text(d, arena_printf(d->ar, "%#llx /* 1<<_UFFDIO_??? */",
						    (unsigned long long)v), v) : hv_uint(d, 0);
	if (rest)
		t = arena_printf(d->ar, "%s|%#llx", t, (unsigned long long)rest);
	return sym_text(d, t, v);
}

/* {api=0xaa, features=0 => features=..., ioctls=...}: the features asked, then granted */
static struct hv *uffd_api(struct dctx *d)
{
	uint64_t in[3], out[3];

	if (!ioc_fetch(d, HY_AT_ENTER, in, sizeof(in)))
		return v_ptr(d, 2);
	struct hv *s = hv_struct(d);
	struct hv *f = hv_flags_or(d, &xlat_uffd_api_features, in[1], "UFFD_FEATURE_???");

	hv_add(s, "api", hv_hex(d, in[0]));
	if (d_failed(d) || !ioc_fetch(d, HY_AT_EXIT, out, sizeof(out))) {
		hv_add(s, "features", f);
		return s;
	}
	const char *ft = flags_text(d, &xlat_uffd_api_features, out[1]);

	hv_add(s, "features", hv_changed(d, f, sym_text(d, arena_printf(d->ar, "features=%s",
						ft ? ft : "0"), out[1])));
	hv_add(s, "ioctls", uffd_ioctls(d, out[2]));
	return s;
}

/* {range={start=0x..., len=0x...}, mode=UFFDIO_REGISTER_MODE_MISSING, ioctls=...} */
static struct hv *uffd_register(struct dctx *d)
{
	uint64_t r[4];

	if (!ioc_fetch(d, HY_AT_ENTER, r, sizeof(r)))
		return v_ptr(d, 2);
	struct hv *s = hv_struct(d), *range = hv_struct(d);

	hv_add(range, "start", hv_hex(d, r[0]));
	hv_add(range, "len", hv_hex(d, r[1]));
	hv_add(s, "range", range);
	hv_add(s, "mode", hv_flags_or(d, &xlat_uffd_register_modes, r[2], "UFFDIO_REGISTER_MODE_???"));
	if (!d_failed(d) && ioc_fetch(d, HY_AT_EXIT, r, sizeof(r)))
		hv_add(s, "ioctls", uffd_ioctls(d, r[3]));
	return s;
}

static int uffd_decode(struct dctx *d, uint32_t req)
{
	if (req != UFFDIO_API_V && req != UFFDIO_REGISTER_V)
		return -ENOTTY;
	if (!d->exiting) {
		d_pending(d);
		return 0;
	}
	if (!d_u(d, 2))
		arg(d, hv_ptr(d, 0));
	else
		arg(d, req == UFFDIO_API_V ? uffd_api(d) : uffd_register(d));
	return 0;
}

const struct ioctl_family ioctl_family_uffd = {
	.name = "uffd",
	.decode = uffd_decode,
};
