// SPDX-License-Identifier: LGPL-2.1-or-later
/* evdev.c: ioctl(2) requests of type 'E' (0x45): input event devices (EVIOC*). */
/* Output formats follow strace 6.1 (src/evdev.c); request values: the generated table. */
#include <errno.h>
#include "ioctl.h"
#include "xlat_gen.h"

/* include/uapi/linux/input.h: _IOW/_IOR('E', 0x03, unsigned int[2]) */
#define EVIOCSREP_V	0x40084503
#define EVIOCGREP_V	0x80084503

/* [delay, period] */
static struct hv *evdev_rep(struct dctx *d, int when)
{
	uint32_t r[2];

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !ioc_fetch(d, when, r, sizeof(r)))
		return v_ptr(d, 2);
	struct hv *a = hv_array(d);

	hv_add(a, NULL, hv_uint(d, r[0]));
	hv_add(a, NULL, hv_uint(d, r[1]));
	return a;
}

static int evdev_decode(struct dctx *d, uint32_t req)
{
	switch (req) {
	case EVIOCSREP_V:
		arg(d, evdev_rep(d, HY_AT_ENTER));
		return 0;
	case EVIOCGREP_V:
		if (!d->exiting) {
			d_pending(d);
			return 0;
		}
		arg(d, evdev_rep(d, HY_AT_EXIT));
		return 0;
	}
	return -ENOTTY;
}

const struct ioctl_family ioctl_family_evdev = {
	.name = "evdev",
	.decode = evdev_decode,
};
