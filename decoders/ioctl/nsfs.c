// SPDX-License-Identifier: LGPL-2.1-or-later
/* nsfs.c: ioctl(2) requests of type 0xb7: the namespace file requests (NS_GET_*). */
/* Output formats follow strace 6.1 (src/nsfs.c); request values: the generated table. */
#include <errno.h>
#include "ioctl.h"
#include "xlat_gen.h"

/* include/uapi/linux/nsfs.h */
#define NS_GET_USERNS_V		0xb701
#define NS_GET_PARENT_V		0xb702
#define NS_GET_NSTYPE_V		0xb703
#define NS_GET_OWNER_UID_V	0xb704

static int nsfs_decode(struct dctx *d, uint32_t req)
{
	uint32_t uid;

	switch (req) {
	case NS_GET_USERNS_V:
	case NS_GET_PARENT_V:
		return 0;
	case NS_GET_NSTYPE_V:
		/* the returned type: "= 1073741824 (CLONE_NEWNET)" */
		if (d->exiting && !d_failed(d)) {
			const char *n = xlat_name(&xlat_clone_flags, (uint64_t)d_ret(d));

			if (n) {
				struct hv *v = hv_new(d, HV_SYM);

				v->text = n;
				v->u = (uint64_t)d_ret(d);
				d->ret_note = v;
			}
		}
		return 0;
	case NS_GET_OWNER_UID_V:
		if (!d->exiting) {
			d_pending(d);
			return 0;
		}
		if (!d_u(d, 2)) {
			arg(d, hv_ptr(d, 0));
		} else if (d_failed(d) || !ioc_fetch(d, HY_AT_EXIT, &uid, sizeof(uid))) {
			arg(d, v_ptr(d, 2));
		} else {
			struct hv *a = hv_array(d);

			hv_add(a, NULL, hv_uint(d, uid));
			arg(d, a);
		}
		return 0;
	}
	return -ENOTTY;
}

const struct ioctl_family ioctl_family_nsfs = {
	.name = "nsfs",
	.decode = nsfs_decode,
};
