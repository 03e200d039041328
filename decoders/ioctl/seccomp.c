// SPDX-License-Identifier: LGPL-2.1-or-later
/* seccomp.c: ioctl(2) requests of type '!' (0x21): seccomp user notification fds. */
/* Output formats follow strace 6.1 (src/seccomp_ioctl.c); request values: the generated table. */
#include <errno.h>
#include "ioctl.h"
#include "xlat_gen.h"

/* include/uapi/linux/seccomp.h: struct seccomp_notif_resp 24 bytes */
#define SECCOMP_IOCTL_NOTIF_SEND_V	0xc0182101
#define SECCOMP_IOCTL_NOTIF_ID_VALID_V	0x40082102
/* _IOR('!', 2, __u64): the direction the 5.x headers first had, decoded as the one above */
#define SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR_V 0x80082102

/* {id=0x1234, val=5, error=-EPERM, flags=SECCOMP_USER_NOTIF_FLAG_CONTINUE} */
static struct hv *notif_resp(struct dctx *d)
{
	struct { uint64_t id; int64_t val; int32_t error; uint32_t flags; } r;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if (!ioc_fetch(d, HY_AT_ENTER, &r, sizeof(r)))
		return v_ptr(d, 2);
	struct hv *s = hv_struct(d);
	const char *en = r.error < 0 ? xlat_name(&xlat_errnos, (uint64_t)-(int64_t)r.error) : NULL;

	hv_add(s, "id", hv_hex(d, r.id));
	hv_add(s, "val", hv_int(d, r.val));
	hv_add(s, "error", en ? hv_expr(d, "-%s", en) : hv_int(d, r.error));
	hv_add(s, "flags", hv_flags_or(d, &xlat_seccomp_notif_resp_flags, r.flags,
				       "SECCOMP_USER_NOTIF_FLAG_???"));
	return s;
}

static int seccomp_decode(struct dctx *d, uint32_t req)
{
	uint64_t id;

	switch (req) {
	case SECCOMP_IOCTL_NOTIF_SEND_V:
		arg(d, notif_resp(d));
		return 0;
	case SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR_V:
	case SECCOMP_IOCTL_NOTIF_ID_VALID_V:
		if (!d_u(d, 2)) {
			arg(d, hv_ptr(d, 0));
		} else if (!ioc_fetch(d, HY_AT_ENTER, &id, sizeof(id))) {
			arg(d, v_ptr(d, 2));
		} else {
			struct hv *a = hv_array(d);

			hv_add(a, NULL, hv_hex(d, id));
			arg(d, a);
		}
		return 0;
	}
	return -ENOTTY;
}

const struct ioctl_family ioctl_family_seccomp = {
	.name = "seccomp",
	.decode = seccomp_decode,
};
