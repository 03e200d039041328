// SPDX-License-Identifier: LGPL-2.1-or-later
/* fsioc.c: ioctl(2) requests of type 'f' (0x66): FS_IOC_GETFLAGS/SETFLAGS and their 32-bit forms. */
/* Output formats follow strace 6.1 (src/fs_f_ioctl.c); request values: the generated table. */
#include <errno.h>
#include "ioctl.h"
#include "xlat_gen.h"

/* include/uapi/linux/fs.h: _IOR/_IOW('f', 1|2, long) and the FS_IOC32_* (int) forms */
#define FS_IOC_GETFLAGS_V	0x80086601
#define FS_IOC_SETFLAGS_V	0x40086602
#define FS_IOC32_GETFLAGS_V	0x80046601
#define FS_IOC32_SETFLAGS_V	0x40046602

/* [FS_APPEND_FL|FS_NOATIME_FL]: the kernel reads and writes an int whatever the size says */
static struct hv *fs_flags_arg(struct dctx *d, int when)
{
	uint32_t f;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !ioc_fetch(d, when, &f, sizeof(f)))
		return v_ptr(d, 2);
	struct hv *a = hv_array(d);

	hv_add(a, NULL, hv_flags(d, &xlat_fs_flags, f));
	return a;
}

static int fs_decode(struct dctx *d, uint32_t req)
{
	switch (req) {
	case FS_IOC_GETFLAGS_V:
	case FS_IOC32_GETFLAGS_V:
		if (!d->exiting) {
			d_pending(d);
			return 0;
		}
		arg(d, fs_flags_arg(d, HY_AT_EXIT));
		return 0;
	case FS_IOC_SETFLAGS_V:
	case FS_IOC32_SETFLAGS_V:
		arg(d, fs_flags_arg(d, HY_AT_ENTER));
		return 0;
	}
	return -ENOTTY;
}

const struct ioctl_family ioctl_family_fs = {
	.name = "fs",
	.decode = fs_decode,
};
