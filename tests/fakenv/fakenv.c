// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fakenv.c: a fake NVIDIA driver for hytrace's exit-side tests (issue 11).  A FUSE file system
 * whose tree mirrors /dev (dev/nvidiactl, dev/nvidia0, dev/nvidia-uvm, dev/nvidia-uvm-tools,
 * dev/nvidia-modeset, dev/nvidia-caps/nvidia-cap1) and whose files answer the driver's
 * escapes and UVM commands: the RM object calls keep a handle table and write back a status and
 * new handles, a few controls and one allocation class return their parameters, and three UVM
 * commands return their rmStatus, as the real drivers do.  tests/fakenv/run.sh mounts it and
 * binds its files over the NVIDIA paths in a private mount namespace.
 *
 * How the answers reach the caller.  FUSE passes a regular file's ioctls as "restricted"
 * (fs/fuse/ioctl.c, fuse_do_ioctl): the kernel copies _IOC_SIZE bytes of the argument in
 * (_IOC_WRITE) and back (_IOC_READ), and for a request with direction _IOC_NONE, such as every
 * UVM command (plain integers: UVM_INITIALIZE is 0x30000001), it copies nothing; either way it
 * passes the request and the argument's value.  So the top-level struct of an escape comes and
 * goes through FUSE, and everything else (RM_CONTROL's params, RM_ALLOC's pAllocParms, a UVM
 * command's whole params struct at the argument) the fake reads and writes in the caller's
 * memory itself, with process_vm_readv/process_vm_writev on the pid FUSE gives with the request
 * (fuse_get_context()->pid, the calling thread, in the pid namespace of the mount), while the
 * caller waits in its ioctl for the reply.  That needs the right to ptrace-attach to the caller
 * (PTRACE_MODE_ATTACH_REALCREDS): root has it (unless Yama's ptrace_scope is 3), the same uid
 * only while ptrace_scope is 0 (the fake is a sibling of the caller, not its parent); no attach
 * is made, so a tracer on the caller (hytrace's ptrace backend) does not stand in the way.  When the fake
 * cannot reach the caller (no pid: another pid namespace; EPERM; ESRCH) the ioctl fails with EIO
 * and the reason goes to stderr; when the caller's own pointer is bad (EFAULT) the answer is
 * what the driver answers: NV_ERR_INVALID_ADDRESS for RM, EFAULT for UVM.
 *
 * Before a request reaches any file system, the VFS answers some plain integers on regular
 * files itself (fs/ioctl.c, do_vfs_ioctl and file_ioctl): 1 (FIBMAP) and 2 (FIGETBSZ) among
 * them, which are UVM_RESERVE_VA and UVM_RELEASE_VA; the fake never sees those two.
 *
 * Facts, from NVIDIA's open-gpu-kernel-modules 595.45.04 (MIT):
 * kernel-open/common/inc/nv-ioctl-numbers.h (escape numbers), nv-ioctl.h
 * (nv_ioctl_rm_api_version_t), src/nvidia/arch/nvalloc/unix/include/nv_escape.h (RM escapes),
 * src/common/sdk/nvidia/inc/nvos.h (NVOS00/21/54/64, NV_MEMORY_ALLOCATION_PARAMS),
 * nvstatuscodes.h (NV_STATUS), class/cl0000.h, cl0041.h, cl0080.h, cl2080.h, cl003e.h (classes),
 * ctrl/ctrl0000/ctrl0000gpu.h (GET_ATTACHED_IDS), ctrl/ctrl2080/ctrl2080gpu.h and
 * ctrl2080gr.h (GPU_GET_INFO_V2, its indexes and SM versions); kernel-open/nvidia-uvm/
 * uvm_linux_ioctl.h, uvm_ioctl.h, uvm_types.h (UVM numbers, params, init flags).  Behaviour,
 * from the same release: src/nvidia/src/libraries/resserv/src/rs_resource.c (a control's
 * paramsSize must match: NV_ERR_INVALID_PARAM_STRUCT; no such control on the object's class:
 * NV_ERR_NOT_SUPPORTED), src/nvidia/src/kernel/gpu/subdevice/subdevice_ctrl_gpu_kernel.c
 * (getGpuInfos: NV_ERR_INVALID_ARGUMENT for a list size of 0 or over the maximum or an index
 * out of range), src/nvidia/src/kernel/mem_mgr/system_mem.c (sysmemConstruct writes back size,
 * limit and offset), src/nvidia/src/kernel/rmapi/param_copy.c (NULL alloc params, or a control's
 * params pointer and size of which only one is 0: NV_ERR_INVALID_ARGUMENT),
 * kernel-open/nvidia/os-interface.c (a failed copy from the user: NV_ERR_INVALID_ADDRESS),
 * kernel-open/nvidia-uvm/uvm_api.h (the whole params struct copied in, rmStatus set, copied
 * back; NV_ERR_ILLEGAL_ACTION before UVM_INITIALIZE), uvm.c
 * (uvm_api_initialize, uvm_api_pageable_mem_access), uvm_test.c (an unknown command: EINVAL),
 * src/nvidia/src/kernel/rmapi/nv_gpu_ops.c (an unknown GPU UUID: NV_ERR_GPU_UUID_NOT_FOUND).
 *
 * Usage: fakenv MOUNTPOINT [FUSE options]   (tests pass -f -s: foreground, one thread)
 */
#define _GNU_SOURCE
#define FUSE_USE_VERSION 35
#include <errno.h>
#include <fuse.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>

/* escapes: _IOWR('F', nr, struct) */
#define NV_IOCTL_MAGIC		'F'
#define NV_ESC_CHECK_VERSION_STR	(200 + 10)
#define NV_ESC_RM_FREE		0x29
#define NV_ESC_RM_CONTROL	0x2a
#define NV_ESC_RM_ALLOC		0x2b

/* UVM commands (plain integers) */
#define UVM_INITIALIZE			0x30000001
#define UVM_DEINITIALIZE		0x30000002
#define UVM_REGISTER_GPU		37
#define UVM_PAGEABLE_MEM_ACCESS		39
#define UVM_INIT_FLAGS_MASK		0x3ULL

/* NV_STATUS */
#define NV_OK				0x00
#define NV_ERR_GPU_UUID_NOT_FOUND	0x12
#define NV_ERR_ILLEGAL_ACTION		0x16
#define NV_ERR_INSERT_DUPLICATE_NAME	0x19
#define NV_ERR_INSUFFICIENT_RESOURCES	0x1a
#define NV_ERR_INVALID_ADDRESS		0x1e
#define NV_ERR_INVALID_ARGUMENT		0x1f
#define NV_ERR_INVALID_CLIENT		0x23
#define NV_ERR_INVALID_OBJECT_HANDLE	0x33
#define NV_ERR_INVALID_OBJECT_PARENT	0x36
#define NV_ERR_INVALID_PARAM_STRUCT	0x3a
#define NV_ERR_NOT_SUPPORTED		0x56

/* classes: the clients (NV01_ROOT, NV01_ROOT_NON_PRIV, NV01_ROOT_CLIENT), memory, device */
#define NV01_ROOT		0x00
#define NV01_ROOT_NON_PRIV	0x01
#define NV01_MEMORY_SYSTEM	0x3e
#define NV01_ROOT_CLIENT	0x41

/* controls answered */
#define NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS	0x00000201
#define NV0000_CTRL_GPU_MAX_ATTACHED_GPUS	32
#define NV0000_CTRL_GPU_INVALID_ID		0xffffffffu
#define NV2080_CTRL_CMD_GPU_GET_INFO_V2		0x20800102
#define NV2080_CTRL_GPU_INFO_MAX_LIST_SIZE	0x46
#define NV2080_CTRL_GPU_INFO_INDEX_INDEX_MASK	0x00ffffffu	/* INDEX 23:0 */
#define NV2080_CTRL_GPU_INFO_INDEX_SYSMEM_ACCESS	0x1f
#define NV2080_CTRL_GPU_INFO_INDEX_GPU_SM_VERSION	0x2c
#define NV2080_CTRL_GPU_INFO_SYSMEM_ACCESS_YES	1
#define NV2080_CTRL_GR_INFO_SM_VERSION_9_0	0x900

/* the fake's one GPU: its gpuId (an opaque value to the caller) */
#define FAKE_GPU_ID		0x100
#define RM_PAGE_SIZE		4096
#define FAKE_SYSMEM_BASE	0x10000000ULL

struct nvos00 {		/* NV_ESC_RM_FREE */
	uint32_t hRoot, hObjectParent, hObjectOld, status;
};
struct nvos21 {		/* NV_ESC_RM_ALLOC, 32 bytes */
	uint32_t hRoot, hObjectParent, hObjectNew, hClass;
	uint64_t pAllocParms;
	uint32_t paramsSize, status;
};
struct nvos64 {		/* NV_ESC_RM_ALLOC with rights, 48 bytes */
	uint32_t hRoot, hObjectParent, hObjectNew, hClass;
	uint64_t pAllocParms, pRightsRequested;
	uint32_t paramsSize, flags, status;
};
struct nvos54 {		/* NV_ESC_RM_CONTROL */
	uint32_t hClient, hObject, cmd, flags;
	uint64_t params;
	uint32_t paramsSize, status;
};
struct rm_api_version {	/* NV_ESC_CHECK_VERSION_STR */
	uint32_t cmd, reply;
	char versionString[64];
};
struct gpu_get_attached_ids {	/* NV0000_CTRL_GPU_GET_ATTACHED_IDS_PARAMS */
	uint32_t gpuIds[NV0000_CTRL_GPU_MAX_ATTACHED_GPUS];
};
struct gpu_get_info_v2 {	/* NV2080_CTRL_GPU_GET_INFO_V2_PARAMS */
	uint32_t gpuInfoListSize;
	struct { uint32_t index, data; } gpuInfoList[NV2080_CTRL_GPU_INFO_MAX_LIST_SIZE];
};
struct memory_alloc {		/* NV_MEMORY_ALLOCATION_PARAMS */
	uint32_t owner, type, flags, width, height;
	int32_t pitch;
	uint32_t attr, attr2, format, comprCovg, zcullCovg;
	uint64_t rangeLo, rangeHi, size, alignment, offset, limit, address;
	uint32_t ctagOffset, hVASpace, internalflags, tag;
	int32_t numaNode;
};
struct uvm_initialize {		/* UVM_INITIALIZE_PARAMS */
	uint64_t flags;
	uint32_t rmStatus;
};
struct uvm_register_gpu {	/* UVM_REGISTER_GPU_PARAMS */
	uint8_t gpu_uuid[16];
	uint8_t numaEnabled;
	int32_t numaNodeId, rmCtrlFd;
	uint32_t hClient, hSmcPartRef, rmStatus;
};
struct uvm_pageable_mem_access {	/* UVM_PAGEABLE_MEM_ACCESS_PARAMS */
	uint8_t pageableMemAccess;
	uint32_t rmStatus;
};
_Static_assert(sizeof(struct nvos21) == 32, "NVOS21_PARAMETERS");
_Static_assert(sizeof(struct nvos64) == 48, "NVOS64_PARAMETERS");
_Static_assert(sizeof(struct nvos54) == 32, "NVOS54_PARAMETERS");
_Static_assert(sizeof(struct rm_api_version) == 72, "nv_ioctl_rm_api_version_t");
_Static_assert(sizeof(struct gpu_get_attached_ids) == 128, "GET_ATTACHED_IDS_PARAMS");
_Static_assert(sizeof(struct gpu_get_info_v2) == 564, "GPU_GET_INFO_V2_PARAMS");
_Static_assert(sizeof(struct memory_alloc) == 128, "NV_MEMORY_ALLOCATION_PARAMS");
_Static_assert(offsetof(struct memory_alloc, size) == 64, "NV_MEMORY_ALLOCATION_PARAMS.size");
_Static_assert(sizeof(struct uvm_initialize) == 16, "UVM_INITIALIZE_PARAMS");
_Static_assert(sizeof(struct uvm_register_gpu) == 40, "UVM_REGISTER_GPU_PARAMS");
_Static_assert(offsetof(struct uvm_register_gpu, rmStatus) == 36, "UVM_REGISTER_GPU_PARAMS");
_Static_assert(sizeof(struct uvm_pageable_mem_access) == 8, "UVM_PAGEABLE_MEM_ACCESS_PARAMS");

#define NV_RM_API_VERSION_REPLY_RECOGNIZED	1

/* -- the caller's memory --------------------------------------------------------------------- */

/*
 * Copy LEN bytes between BUF and ADDR in the calling thread's memory (WRITE: to the caller).
 * 0; -EFAULT when the caller's range is not mapped (its own bad pointer); -EIO when the fake
 * cannot reach the caller at all, with the reason on stderr.
 */
static int caller_mem(uint64_t addr, void *buf, size_t len, int write)
{
	pid_t pid = fuse_get_context()->pid;
	struct iovec local = { .iov_base = buf, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)(uintptr_t)addr, .iov_len = len };
	ssize_t n;

	if (!len)
		return 0;
	if (pid <= 0) {
		fprintf(stderr, "fakenv: cannot %s the caller's memory: the caller is outside the "
			"fake's pid namespace (FUSE gave no pid)\n", write ? "write" : "read");
		return -EIO;
	}
	n = write ? process_vm_writev(pid, &local, 1, &remote, 1, 0)
		  : process_vm_readv(pid, &local, 1, &remote, 1, 0);
	if (n == (ssize_t)len)
		return 0;
	if (n >= 0 || errno == EFAULT)	/* a short copy: the range ends in unmapped memory */
		return -EFAULT;
	fprintf(stderr, "fakenv: cannot %s %zu bytes at %#llx in pid %d: %s%s\n",
		write ? "write" : "read", len, (unsigned long long)addr, (int)pid, strerror(errno),
		errno == EPERM ? " (process_vm_writev needs ptrace-attach rights over the caller: "
				 "run the fake as root, or see Yama's ptrace_scope)" : "");
	return -EIO;
}

/* an RM status for a failed copy of a second-level buffer, or the ioctl's -EIO: *st set, 0 */
static int rm_copy(uint64_t addr, void *buf, size_t len, int write, uint32_t *st)
{
	int err = caller_mem(addr, buf, len, write);

	if (err == -EFAULT) {
		*st = NV_ERR_INVALID_ADDRESS;
		return 0;
	}
	return err;
}

/* -- the handle table: clients and the objects under them ------------------------------------ */

#define MAX_OBJ 256
static struct obj {
	uint32_t h, client, parent, hclass;	/* client == h for a client */
	int used;
} objs[MAX_OBJ];
static uint32_t next_client = 0xc1d00001, next_obj = 0xcaf00001;
static uint64_t next_sysmem = FAKE_SYSMEM_BASE;

static int is_client_class(uint32_t hclass)
{
	return hclass == NV01_ROOT || hclass == NV01_ROOT_NON_PRIV || hclass == NV01_ROOT_CLIENT;
}

static struct obj *obj_find(uint32_t client, uint32_t h)
{
	for (int i = 0; i < MAX_OBJ; i++)
		if (objs[i].used && objs[i].h == h && objs[i].client == client)
			return &objs[i];
	return NULL;
}

static struct obj *client_find(uint32_t h)
{
	return obj_find(h, h);
}

static struct obj *obj_slot(void)
{
	for (int i = 0; i < MAX_OBJ; i++)
		if (!objs[i].used)
			return &objs[i];
	return NULL;
}

/* the object and, as the RM does, everything allocated under it */
static void obj_free(uint32_t client, uint32_t h)
{
	for (int i = 0; i < MAX_OBJ; i++)
		if (objs[i].used && objs[i].client == client && objs[i].parent == h &&
		    objs[i].h != h)
			obj_free(client, objs[i].h);
	for (int i = 0; i < MAX_OBJ; i++)
		if (objs[i].used && objs[i].client == client && objs[i].h == h)
			objs[i].used = 0;
}

/*
 * NV01_MEMORY_SYSTEM's params: read, checked, and after the object exists the size rounded up to
 * a page, limit and offset written back (sysmemConstruct).  0 with *st set, or -EIO.
 */
static int sysmem_params(uint64_t p, int write, struct memory_alloc *m, uint32_t *st)
{
	if (!write) {
		if (!p) {
			*st = NV_ERR_INVALID_ARGUMENT;
			return 0;
		}
		return rm_copy(p, m, sizeof(*m), 0, st);
	}
	m->size = (m->size + RM_PAGE_SIZE - 1) & ~(uint64_t)(RM_PAGE_SIZE - 1);
	m->limit = m->size - 1;
	m->offset = next_sysmem;
	next_sysmem += m->size;
	return rm_copy(p, m, sizeof(*m), 1, st);
}

/* hRoot, hObjectParent, hObjectNew (in/out), hClass, pAllocParms: 0 with *st, or -EIO */
static int rm_alloc(uint32_t root, uint32_t parent, uint32_t *hnew, uint32_t hclass,
		    uint64_t params, uint32_t *st)
{
	struct memory_alloc mem;
	struct obj *slot = obj_slot();
	int err;

	*st = NV_OK;
	if (!slot) {
		*st = NV_ERR_INSUFFICIENT_RESOURCES;
		return 0;
	}
	if (is_client_class(hclass)) {
		if (!*hnew)
			*hnew = next_client++;
		else if (client_find(*hnew))
			*st = NV_ERR_INSERT_DUPLICATE_NAME;
		if (*st == NV_OK)
			*slot = (struct obj){ .h = *hnew, .client = *hnew, .hclass = hclass,
					      .used = 1 };
		return 0;
	}
	if (!client_find(root))
		*st = NV_ERR_INVALID_CLIENT;
	else if (!obj_find(root, parent))
		*st = NV_ERR_INVALID_OBJECT_PARENT;
	else if (*hnew && obj_find(root, *hnew))
		*st = NV_ERR_INSERT_DUPLICATE_NAME;
	if (*st != NV_OK)
		return 0;
	if (hclass == NV01_MEMORY_SYSTEM) {
		err = sysmem_params(params, 0, &mem, st);
		if (err || *st != NV_OK)
			return err;
	}
	if (!*hnew)
		*hnew = next_obj++;
	*slot = (struct obj){ .h = *hnew, .client = root, .parent = parent, .hclass = hclass,
			      .used = 1 };
	if (hclass == NV01_MEMORY_SYSTEM) {
		err = sysmem_params(params, 1, &mem, st);
		if (err || *st != NV_OK)
			slot->used = 0;	/* the caller never learnt of it */
		return err;
	}
	return 0;
}

static uint32_t rm_free(const struct nvos00 *p)
{
	if (client_find(p->hObjectOld)) {	/* a client: it and everything under it */
		for (int i = 0; i < MAX_OBJ; i++)
			if (objs[i].used && objs[i].client == p->hObjectOld)
				objs[i].used = 0;
		return NV_OK;
	}
	if (!obj_find(p->hRoot, p->hObjectOld))
		return NV_ERR_INVALID_OBJECT_HANDLE;
	obj_free(p->hRoot, p->hObjectOld);
	return NV_OK;
}

/* NV2080_CTRL_GPU_INFO data of the fake's GPU; 0 for the indexes it has nothing to say about */
static uint32_t gpu_info(uint32_t index)
{
	switch (index) {
	case NV2080_CTRL_GPU_INFO_INDEX_SYSMEM_ACCESS:
		return NV2080_CTRL_GPU_INFO_SYSMEM_ACCESS_YES;
	case NV2080_CTRL_GPU_INFO_INDEX_GPU_SM_VERSION:
		return NV2080_CTRL_GR_INFO_SM_VERSION_9_0;
	default:
		return 0;
	}
}

/* the params of a control: 0 with p->status set, or -EIO */
static int rm_control_params(struct nvos54 *p)
{
	switch (p->cmd) {
	case NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS: {
		struct gpu_get_attached_ids ids;

		if (p->paramsSize != sizeof(ids)) {
			p->status = NV_ERR_INVALID_PARAM_STRUCT;
			return 0;
		}
		ids.gpuIds[0] = FAKE_GPU_ID;
		for (int i = 1; i < NV0000_CTRL_GPU_MAX_ATTACHED_GPUS; i++)
			ids.gpuIds[i] = NV0000_CTRL_GPU_INVALID_ID;
		return rm_copy(p->params, &ids, sizeof(ids), 1, &p->status);
	}
	case NV2080_CTRL_CMD_GPU_GET_INFO_V2: {
		struct gpu_get_info_v2 gi;
		int err;

		if (p->paramsSize != sizeof(gi)) {
			p->status = NV_ERR_INVALID_PARAM_STRUCT;
			return 0;
		}
		err = rm_copy(p->params, &gi, sizeof(gi), 0, &p->status);
		if (err || p->status != NV_OK)
			return err;
		if (gi.gpuInfoListSize == 0 || gi.gpuInfoListSize > NV2080_CTRL_GPU_INFO_MAX_LIST_SIZE) {
			p->status = NV_ERR_INVALID_ARGUMENT;
			return 0;
		}
		for (uint32_t i = 0; i < gi.gpuInfoListSize; i++) {
			uint32_t index = gi.gpuInfoList[i].index & NV2080_CTRL_GPU_INFO_INDEX_INDEX_MASK;

			if (index >= NV2080_CTRL_GPU_INFO_MAX_LIST_SIZE) {
				p->status = NV_ERR_INVALID_ARGUMENT;
				return 0;
			}
			gi.gpuInfoList[i].data = gpu_info(index);
		}
		return rm_copy(p->params, &gi, sizeof(gi), 1, &p->status);
	}
	default:
		p->status = NV_ERR_NOT_SUPPORTED;
		return 0;
	}
}

/* 0 with p->status set, or -EIO */
static int rm_control(struct nvos54 *p)
{
	const struct obj *o;

	p->status = NV_OK;
	if (!p->params != !p->paramsSize) {	/* a size without a buffer or the reverse */
		p->status = NV_ERR_INVALID_ARGUMENT;
		return 0;
	}
	if (!client_find(p->hClient)) {
		p->status = NV_ERR_INVALID_CLIENT;
		return 0;
	}
	o = obj_find(p->hClient, p->hObject);
	if (!o) {
		p->status = NV_ERR_INVALID_OBJECT_HANDLE;
		return 0;
	}
	/* a command belongs to a class (its top 16 bits): 0x0000 to the clients */
	if ((p->cmd >> 16) != (is_client_class(o->hclass) ? 0 : o->hclass)) {
		p->status = NV_ERR_NOT_SUPPORTED;
		return 0;
	}
	return rm_control_params(p);
}

/* -- UVM --------------------------------------------------------------------------------------- */

/* per open file: what UVM keeps in filp->private_data */
struct fstate {
	int uvm_initialized;
	uint64_t uvm_flags;
};

/*
 * A UVM command with params of SIZE bytes at ARG, rmStatus at STOFF: copied in, answered by
 * ANSWER (which sets the status and the OUT members), copied back (uvm_api.h's route).
 */
static int uvm_call(uint64_t arg, void *params, size_t size, size_t stoff,
		    uint32_t (*answer)(void *params, struct fstate *fs), struct fstate *fs,
		    int need_init)
{
	uint32_t st;
	int err = caller_mem(arg, params, size, 0);

	if (err)
		return err;
	if (need_init && !fs->uvm_initialized)
		st = NV_ERR_ILLEGAL_ACTION;
	else
		st = answer(params, fs);
	memcpy((char *)params + stoff, &st, sizeof(st));
	return caller_mem(arg, params, size, 1);
}

static uint32_t uvm_initialize(void *params, struct fstate *fs)
{
	struct uvm_initialize *p = params;

	if (fs->uvm_initialized)
		return p->flags == fs->uvm_flags ? NV_OK : NV_ERR_INVALID_ARGUMENT;
	if (p->flags & ~UVM_INIT_FLAGS_MASK)
		return NV_ERR_INVALID_ARGUMENT;
	fs->uvm_initialized = 1;
	fs->uvm_flags = p->flags;
	return NV_OK;
}

static uint32_t uvm_pageable_mem_access(void *params, struct fstate *fs)
{
	((struct uvm_pageable_mem_access *)params)->pageableMemAccess = 1;
	return NV_OK;
}

/* the fake's GPU is no GPU that UVM can register: every UUID is unknown */
static uint32_t uvm_register_gpu(void *params, struct fstate *fs)
{
	return NV_ERR_GPU_UUID_NOT_FOUND;
}

static int uvm_ioctl(unsigned int cmd, uint64_t arg, struct fstate *fs)
{
	switch (cmd) {
	case UVM_INITIALIZE: {
		struct uvm_initialize p;

		return uvm_call(arg, &p, sizeof(p), offsetof(struct uvm_initialize, rmStatus),
				uvm_initialize, fs, 0);
	}
	case UVM_DEINITIALIZE:
		return 0;
	case UVM_PAGEABLE_MEM_ACCESS: {
		struct uvm_pageable_mem_access p;

		return uvm_call(arg, &p, sizeof(p),
				offsetof(struct uvm_pageable_mem_access, rmStatus),
				uvm_pageable_mem_access, fs, 1);
	}
	case UVM_REGISTER_GPU: {
		struct uvm_register_gpu p;

		return uvm_call(arg, &p, sizeof(p), offsetof(struct uvm_register_gpu, rmStatus),
				uvm_register_gpu, fs, 1);
	}
	default:
		return -EINVAL;	/* what uvm_ioctl answers a command it does not know */
	}
}

/* -- escapes ----------------------------------------------------------------------------------- */

static int esc_ioctl(unsigned int cmd, void *data)
{
	unsigned int size = _IOC_SIZE(cmd);

	if (_IOC_TYPE(cmd) != NV_IOCTL_MAGIC)
		return -ENOTTY;
	if (_IOC_DIR(cmd) != (_IOC_READ | _IOC_WRITE) || !data)
		return -EINVAL;
	switch (_IOC_NR(cmd)) {
	case NV_ESC_RM_ALLOC:
		if (size == sizeof(struct nvos21)) {
			struct nvos21 *p = data;

			return rm_alloc(p->hRoot, p->hObjectParent, &p->hObjectNew, p->hClass,
					p->pAllocParms, &p->status);
		}
		if (size == sizeof(struct nvos64)) {
			struct nvos64 *p = data;

			return rm_alloc(p->hRoot, p->hObjectParent, &p->hObjectNew, p->hClass,
					p->pAllocParms, &p->status);
		}
		return -EINVAL;
	case NV_ESC_RM_FREE:
		if (size != sizeof(struct nvos00))
			return -EINVAL;
		((struct nvos00 *)data)->status = rm_free(data);
		return 0;
	case NV_ESC_RM_CONTROL:
		if (size != sizeof(struct nvos54))
			return -EINVAL;
		return rm_control(data);
	case NV_ESC_CHECK_VERSION_STR:
		if (size != sizeof(struct rm_api_version))
			return -EINVAL;
		((struct rm_api_version *)data)->reply = NV_RM_API_VERSION_REPLY_RECOGNIZED;
		return 0;
	default:
		return -ENOTTY;	/* what a driver says of a request it does not know */
	}
}

/* -- FUSE ---------------------------------------------------------------------------------- */

static const char *const dirs[] = { "/", "/dev", "/dev/nvidia-caps" };
static const char *const files[] = {
	"/dev/nvidiactl", "/dev/nvidia0", "/dev/nvidia-uvm", "/dev/nvidia-uvm-tools",
	"/dev/nvidia-modeset", "/dev/nvidia-caps/nvidia-cap1",
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static int fk_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	memset(st, 0, sizeof(*st));
	for (size_t i = 0; i < N(dirs); i++)
		if (!strcmp(path, dirs[i])) {
			st->st_mode = S_IFDIR | 0755;
			st->st_nlink = 2;
			return 0;
		}
	for (size_t i = 0; i < N(files); i++)
		if (!strcmp(path, files[i])) {
			st->st_mode = S_IFREG | 0666;
			st->st_nlink = 1;
			return 0;
		}
	return -ENOENT;
}

static int fk_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off,
		      struct fuse_file_info *fi, enum fuse_readdir_flags fl)
{
	size_t plen = strlen(path);
	int found = 0;

	for (size_t i = 0; i < N(dirs); i++)
		found |= !strcmp(path, dirs[i]);
	if (!found)
		return -ENOENT;
	fill(buf, ".", NULL, 0, 0);
	fill(buf, "..", NULL, 0, 0);
	for (size_t i = 0; i < N(dirs) + N(files); i++) {
		const char *e = i < N(dirs) ? dirs[i] : files[i - N(dirs)];
		const char *rest = e + (plen == 1 ? 1 : plen + 1);

		if (strlen(e) <= plen || strncmp(e, path, plen) || (plen > 1 && e[plen] != '/'))
			continue;
		if (*rest && !strchr(rest, '/'))
			fill(buf, rest, NULL, 0, 0);
	}
	return 0;
}

static int fk_open(const char *path, struct fuse_file_info *fi)
{
	for (size_t i = 0; i < N(files); i++)
		if (!strcmp(path, files[i])) {
			struct fstate *fs = calloc(1, sizeof(*fs));

			if (!fs)
				return -ENOMEM;
			fi->fh = (uintptr_t)fs;
			fi->direct_io = 1;
			return 0;
		}
	return -ENOENT;
}

static int fk_release(const char *path, struct fuse_file_info *fi)
{
	free((void *)(uintptr_t)fi->fh);
	return 0;
}

static int fk_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi)
{
	return 0;
}

static int fk_write(const char *path, const char *buf, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	return (int)size;
}

static int fk_ioctl(const char *path, unsigned int cmd, void *arg, struct fuse_file_info *fi,
		    unsigned int flags, void *data)
{
	struct fstate *fs = (struct fstate *)(uintptr_t)fi->fh;

	if (!strcmp(path, "/dev/nvidiactl") || !strcmp(path, "/dev/nvidia0"))
		return esc_ioctl(cmd, data);
	if (!strcmp(path, "/dev/nvidia-uvm") && fs)
		return uvm_ioctl(cmd, (uintptr_t)arg, fs);
	return -ENOTTY;	/* nvidia-uvm-tools, nvidia-modeset, the caps: nothing answered */
}

static void *fk_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
	cfg->direct_io = 1;
	cfg->attr_timeout = 0;
	cfg->entry_timeout = 0;
	return NULL;
}

static const struct fuse_operations ops = {
	.init = fk_init,
	.getattr = fk_getattr,
	.readdir = fk_readdir,
	.open = fk_open,
	.release = fk_release,
	.read = fk_read,
	.write = fk_write,
	.ioctl = fk_ioctl,
};

int main(int argc, char **argv)
{
	return fuse_main(argc, argv, &ops, NULL);
}
