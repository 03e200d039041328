// SPDX-License-Identifier: LGPL-2.1-or-later
/* fsioc.c: ioctl(2) requests of types 'f' (FS_IOC_GETFLAGS/SETFLAGS, 32-bit forms) and 'X' (fsxattr). */
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

/* Type 'X' (0x58): struct fsxattr (include/uapi/linux/fs.h, 28 bytes) */
#define FS_IOC_FSGETXATTR_V	0x801c581f
#define FS_IOC_FSSETXATTR_V	0x401c5820

static struct hv *fsxattr(struct dctx *d, int when)
{
	uint32_t x[5];

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !ioc_fetch(d, when, x, sizeof(x)))
		return v_ptr(d, 2);
	struct hv *s = hv_struct(d);

	hv_add(s, "fsx_xflags", hv_flags(d, &xlat_fs_xflags, x[0]));
	hv_add(s, "fsx_extsize", hv_uint(d, x[1]));
	if (when == HY_AT_EXIT)	/* strace prints the extent count only as the call's output */
		hv_add(s, "fsx_nextents", hv_uint(d, x[2]));
	hv_add(s, "fsx_projid", hv_hex(d, x[3]));	/* strace 6.1 prints it in hex */
	hv_add(s, "fsx_cowextsize", hv_uint(d, x[4]));
	return s;
}

static int fsx_decode(struct dctx *d, uint32_t req)
{
	switch (req) {
	case FS_IOC_FSGETXATTR_V:
		if (!d->exiting) {
			d_pending(d);
			return 0;
		}
		arg(d, fsxattr(d, HY_AT_EXIT));
		return 0;
	case FS_IOC_FSSETXATTR_V:
		arg(d, fsxattr(d, HY_AT_ENTER));
		return 0;
	}
	return -ENOTTY;
}

const struct ioctl_family ioctl_family_fsx = {
	.name = "fsx",
	.decode = fsx_decode,
};
