/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * nvidia_tab.h: the shape of the tables that decoders/ioctl/gen-nvidia.sh writes into
 * nvidia_gen.c (struct layouts, request-to-struct bindings, capture descriptions, class sizes).
 * Private to decoders/ioctl/nvidia*.c.
 */
#ifndef HY_IOCTL_NVIDIA_TAB_H
#define HY_IOCTL_NVIDIA_TAB_H

#include <stddef.h>
#include <stdint.h>
#include "../../bpf/hytrace.h"
#include "nvidia.h"

/* How a member prints. */
enum nv_kind {
	NVK_U,		/* unsigned decimal */
	NVK_I,		/* signed decimal */
	NVK_X,		/* hex */
	NVK_H,		/* an RM handle: hex */
	NVK_P,		/* a user pointer: NULL or hex */
	NVK_CLS,	/* an RM class id: NV01_DEVICE_0 */
	NVK_CMD,	/* an RM control command: NV2080_CTRL_CMD_GPU_GET_INFO_V2 */
	NVK_ST,		/* an NV_STATUS: NV_OK */
	NVK_UUID,	/* 16 bytes: GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx */
	NVK_STR,	/* a char array: "text" up to its NUL */
	NVK_BYTES,	/* bytes: "\x01\x02" */
	NVK_FD,		/* a file descriptor (int) */
	NVK_ESC,	/* an escape number: NV_ESC_RM_CONTROL */
	NVK_VHF,	/* NVOS32 function: NVOS32_FUNCTION_ALLOC_SIZE */
	NVK_STRUCT,	/* a nested struct: sub */
	NVK_GII,	/* an NV2080_CTRL_GPU_INFO index: NV2080_CTRL_GPU_INFO_INDEX_SYSMEM_ACCESS */
};

struct nv_struct;

/* One member: n elements of esize bytes at off (n 1: a scalar); an array prints as [a, b]. */
struct nv_field {
	const char *name;	/* dotted path: "data.AllocSize.size" */
	size_t off;
	size_t esize;
	size_t n;
	enum nv_kind kind;
	const struct nv_struct *sub;	/* NVK_STRUCT */
};

struct nv_struct {
	const char *name;
	size_t size;
	unsigned int nf;
	const struct nv_field *f;
};

enum nv_role { NVB_ESC, NVB_UVM, NVB_CTRL, NVB_CLASS };

/* The struct a request takes: an escape number, a UVM command, a control command, a class. */
struct nv_bind {
	enum nv_role role;
	uint32_t key;
	const struct nv_struct *s;	/* NULL: the request takes no argument */
	unsigned int before;		/* 0: the pinned release's layout; else an older one,
					   used by drivers before this major version */
};

/*
 * A list that a pointer member of a control command's params points to: sub `sub` of the
 * command's HY_DEV_RMCTRL description (gen-nvidia.sh's "list" lines), elements of esize bytes
 * printed as kind (NVK_STRUCT: s's members; NVK_STR, NVK_BYTES: the bytes as one string).
 */
struct nv_list {
	uint32_t cmd;
	size_t ptr_off;			/* the pointer member inside the params */
	unsigned int sub;
	size_t esize;
	enum nv_kind kind;
	const struct nv_struct *s;
};

extern const struct nv_list nv_lists[];
extern const size_t nv_nlists;
extern const struct nv_bind nv_binds[];
extern const size_t nv_nbinds;
extern const struct nv_ioc_desc_entry nv_descs[];
extern const size_t nv_ndescs;
extern const struct nv_class_size nv_class_size_tab[];
extern const size_t nv_nclass_sizes;

#endif
