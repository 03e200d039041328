/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * nvkms_tab.h: the shape of the tables that decoders/ioctl/gen-nvkms.sh writes into
 * nvkms_gen.c (nvidia-modeset's params layouts and the struct each command takes).
 * Private to decoders/ioctl/nvkms*.c.
 */
#ifndef HY_IOCTL_NVKMS_TAB_H
#define HY_IOCTL_NVKMS_TAB_H

#include <stddef.h>
#include <stdint.h>
#include "../xlat.h"
#include "nvidia.h"

/* How a member prints. */
enum nvkms_kind {
	NKK_U,		/* unsigned decimal */
	NKK_I,		/* signed decimal */
	NKK_X,		/* hex: handles, masks, flags, 64-bit values (addresses) */
	NKK_STR,	/* a char array: "text" up to its NUL */
	NKK_BYTES,	/* bytes: "\x01\x02" */
	NKK_ENUM,	/* an enum by name (the field's xlat): NVKMS_ALLOC_DEVICE_STATUS_SUCCESS */
	NKK_STRUCT,	/* a nested struct: sub */
};

struct nvkms_struct;

/* One member: n elements of esize bytes at off (n 1: a scalar); an array prints as [a, b]. */
struct nvkms_field {
	const char *name;	/* dotted path through inline structs: "deviceId.rmDeviceId" */
	size_t off;
	size_t esize;
	size_t n;
	enum nvkms_kind kind;
	const struct nvkms_struct *sub;	/* NKK_STRUCT */
	const struct xlat *x;		/* NKK_ENUM */
};

struct nvkms_struct {
	const char *name;
	size_t size;
	unsigned int nf;
	const struct nvkms_field *f;
};

/* A command (enum NvKmsIoctlCommand) and its params struct NvKms<F>Params {request; reply}. */
struct nvkms_cmd {
	uint32_t cmd;
	const struct nvkms_struct *s;
};

/* struct NvKmsIoctlParams: its size and the offsets of cmd, size and address */
struct nvkms_ioctl_layout {
	size_t size, cmd_off, size_off, address_off;
};

extern const struct nvkms_cmd nvkms_cmd_tab[];	/* sorted by cmd */
extern const size_t nvkms_ncmds;
extern const uint32_t nvkms_ioctl_iowr;		/* NVKMS_IOCTL_IOWR */
extern const struct nvkms_ioctl_layout nvkms_ioctl_layout;
extern const struct nv_ioc_desc_entry nvkms_descs[];	/* sorted by key */
extern const size_t nvkms_ndescs;

#endif
