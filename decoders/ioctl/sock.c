// SPDX-License-Identifier: LGPL-2.1-or-later
/* sock.c: ioctl(2) requests of type 0x89: the socket interface requests (SIOCGIFNAME...). */
/* Output formats follow strace 6.1 (src/sock.c); request values: the generated table. */
#include <errno.h>
#include <string.h>
#include "ioctl.h"
#include "xlat_gen.h"

/* include/uapi/linux/sockios.h */
#define SIOCGIFNAME_V	0x8910
#define SIOCGIFFLAGS_V	0x8913
#define SIOCGIFINDEX_V	0x8933
#define IFNAMSIZ_V	16
#define IFREQ_SIZE	40	/* struct ifreq on x86_64: the name and a 24-byte union */

static struct hv *ifr_name(struct dctx *d, const uint8_t *r)
{
	size_t n = strnlen((const char *)r, IFNAMSIZ_V);

	return hv_str(d, r, n, false);
}

/* struct ifreq: what the caller gave at entry, and at exit (the call worked) what came back */
static int sock_ifreq(struct dctx *d, uint32_t req)
{
	uint8_t r[IFREQ_SIZE];
	int32_t i32;
	uint16_t u16;

	if (!d->exiting) {
		d_pending(d);
		return 0;
	}
	if (!d_u(d, 2)) {
		arg(d, hv_ptr(d, 0));
		return 0;
	}
	if (!ioc_fetch(d, HY_AT_ENTER, r, sizeof(r))) {
		arg(d, v_ptr(d, 2));
		return 0;
	}
	bool ok = !d_failed(d) && ioc_fetch(d, HY_AT_EXIT, r + 0, sizeof(r)) ;
	struct hv *s = hv_struct(d);

	if (req == SIOCGIFNAME_V) {
		/* the index at entry; the name it found */
		uint8_t in[IFREQ_SIZE];

		ioc_fetch(d, HY_AT_ENTER, in, sizeof(in));
		memcpy(&i32, in + IFNAMSIZ_V, sizeof(i32));
		hv_add(s, "ifr_ifindex", hv_int(d, i32));
		if (ok)
			hv_add(s, "ifr_name", ifr_name(d, r));
	} else {
		hv_add(s, "ifr_name", ifr_name(d, r));
		if (ok && req == SIOCGIFFLAGS_V) {
			memcpy(&u16, r + IFNAMSIZ_V, sizeof(u16));
			hv_add(s, "ifr_flags", hv_flags(d, &xlat_iff_flags, u16));
		} else if (ok) {
			memcpy(&i32, r + IFNAMSIZ_V, sizeof(i32));
			hv_add(s, "ifr_ifindex", hv_int(d, i32));
		}
	}
	arg(d, s);
	return 0;
}

static int sock_decode(struct dctx *d, uint32_t req)
{
	switch (req) {
	case SIOCGIFNAME_V:
	case SIOCGIFFLAGS_V:
	case SIOCGIFINDEX_V:
		return sock_ifreq(d, req);
	}
	return -ENOTTY;
}

const struct ioctl_family ioctl_family_sock = {
	.name = "sock",
	.decode = sock_decode,
};
