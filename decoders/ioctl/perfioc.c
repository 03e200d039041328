// SPDX-License-Identifier: LGPL-2.1-or-later
/* perfioc.c: ioctl(2) requests of type '$' (0x24): perf_event fds (PERF_EVENT_IOC_*). */
/* Output formats follow strace 6.1 (src/perf_ioctl.c); request values: the generated table. */
#include <errno.h>
#include "ioctl.h"
#include "xlat_gen.h"

/* include/uapi/linux/perf_event.h */
#define PERF_EVENT_IOC_ENABLE_V		0x2400
#define PERF_EVENT_IOC_DISABLE_V	0x2401
#define PERF_EVENT_IOC_REFRESH_V	0x2402
#define PERF_EVENT_IOC_RESET_V		0x2403

static int perfioc_decode(struct dctx *d, uint32_t req)
{
	switch (req) {
	case PERF_EVENT_IOC_ENABLE_V:
	case PERF_EVENT_IOC_DISABLE_V:
	case PERF_EVENT_IOC_RESET_V:
		arg(d, hv_flags_or(d, &xlat_perf_ioc_flags, d_ui(d, 2), "PERF_IOC_FLAG_???"));
		return 0;
	case PERF_EVENT_IOC_REFRESH_V:
		arg(d, v_int(d, 2));
		return 0;
	}
	return -ENOTTY;
}

const struct ioctl_family ioctl_family_perf = {
	.name = "perf",
	.decode = perfioc_decode,
};
