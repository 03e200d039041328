// SPDX-License-Identifier: LGPL-2.1-or-later
/* kvm.c: ioctl(2) requests of type 0xae: /dev/kvm and its VM and vCPU fds (KVM_*). */
/* Output formats follow strace 6.1 (src/kvm.c); request values: the generated table. */
#include <errno.h>
#include "ioctl.h"
#include "xlat_gen.h"

/* include/uapi/linux/kvm.h */
#define KVM_CHECK_EXTENSION_V	0xae03

static int kvm_decode(struct dctx *d, uint32_t req)
{
	switch (req) {
	case KVM_CHECK_EXTENSION_V:
		arg(d, hv_sym_or(d, &xlat_kvm_cap, d_u(d, 2), "KVM_CAP_???"));
		return 0;
	}
	return -ENOTTY;
}

const struct ioctl_family ioctl_family_kvm = {
	.name = "kvm",
	.decode = kvm_decode,
};
