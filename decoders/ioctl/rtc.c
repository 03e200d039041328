// SPDX-License-Identifier: LGPL-2.1-or-later
/* rtc.c: ioctl(2) requests of type 'p' (0x70): real-time clocks (RTC_RD_TIME, RTC_SET_TIME...). */
/* Output formats follow strace 6.1 (src/rtc.c); request values: the generated table. */
#include <errno.h>
#include "ioctl.h"
#include "xlat_gen.h"

/* include/uapi/linux/rtc.h: struct rtc_time is nine ints (36 bytes) */
#define RTC_ALM_SET_V	0x40247007
#define RTC_SET_TIME_V	0x4024700a
#define RTC_ALM_READ_V	0x80247008
#define RTC_RD_TIME_V	0x80247009

/* {tm_sec=1, ..., tm_year=106, ...}: the last three only under -v */
static struct hv *rtc_time(struct dctx *d, int when)
{
	static const char *const names[] = { "tm_sec", "tm_min", "tm_hour", "tm_mday", "tm_mon",
					     "tm_year", "tm_wday", "tm_yday", "tm_isdst" };
	int32_t t[9];

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !ioc_fetch(d, when, t, sizeof(t)))
		return v_ptr(d, 2);
	struct hv *s = hv_struct(d);

	for (unsigned int i = 0; i < 9; i++) {
		if (i == 6 && !d->o->verbose) {
			hv_add(s, NULL, hv_more(d));
			break;
		}
		hv_add(s, names[i], hv_int(d, t[i]));
	}
	return s;
}

static int rtc_decode(struct dctx *d, uint32_t req)
{
	switch (req) {
	case RTC_SET_TIME_V:
	case RTC_ALM_SET_V:
		arg(d, rtc_time(d, HY_AT_ENTER));
		return 0;
	case RTC_RD_TIME_V:
	case RTC_ALM_READ_V:
		if (!d->exiting) {
			d_pending(d);
			return 0;
		}
		arg(d, rtc_time(d, HY_AT_EXIT));
		return 0;
	}
	return -ENOTTY;
}

const struct ioctl_family ioctl_family_rtc = {
	.name = "rtc",
	.decode = rtc_decode,
};
