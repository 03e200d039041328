/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * nvidia.c: NVIDIA driver ioctls (issue 11) with filled structs, on the paths given, for the
 * decoders to print.  No GPU needed: on stand-in files (tmpfs or bind mounts at the NVIDIA paths,
 * in a private mount namespace) every ioctl fails with ENOTTY, which is fine, the entry side is
 * what is checked.  Do not point it at a real driver: it frees and allocates made-up handles.
 *
 *	nvidia [CTL DEV UVM UVMTOOLS]	default /dev/nvidiactl /dev/nvidia0 /dev/nvidia-uvm
 *					/dev/nvidia-uvm-tools
 *
 * Issued, in this order, between the runner's begin/end markers:
 *   1. hand-filled structs, one per line below (the values a reader can check):
 *      CHECK_VERSION_STR "595.45.04", REGISTER_FD, RM_ALLOC NV01_ROOT_CLIENT (NVOS64),
 *      RM_ALLOC NV01_DEVICE_0 (NVOS21), RM_CONTROL NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS,
 *      RM_CONTROL of an unknown cmd, RM_CONTROL with an unreadable params pointer, RM_FREE,
 *      IOCTL_XFER_CMD carrying RM_CONTROL, ATTACH_GPUS_TO_FD, UVM_INITIALIZE,
 *      UVM_REGISTER_GPU (a UUID), UVM_INITIALIZE on nvidiactl (not decoded there), an unknown
 *      escape;
 *   2. every request of the generated tables (decoders/ioctl/nvidia_gen.c): each escape on
 *      CTL (frontend and RM escapes), each UVM command on UVM (UVM_TOOLS_* on UVMTOOLS), each
 *      control command as RM_CONTROL with its params, each class as RM_ALLOC with its params;
 *      struct words are filled with 0x1000 + their index, so every line is deterministic.
 * Exit status 0 when every path opened (the ioctls' own results are not checked), 2 otherwise.
 */
#include "hyt.h"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
/* the generated tables: which struct (and size) each request takes */
#include "../../decoders/ioctl/nvidia_gen.c"

#define NV_IOWR(nr, size) _IOC(_IOC_READ | _IOC_WRITE, 'F', (nr), (size))
#define ESC_RM_FREE 0x29		/* nv_escape.h (595.45.04) */
#define ESC_RM_CONTROL 0x2a
#define ESC_RM_ALLOC 0x2b
#define ESC_REGISTER_FD 201		/* nv-ioctl-numbers.h: NV_IOCTL_BASE 200 + 1 */
#define ESC_CHECK_VERSION_STR 210
#define ESC_IOCTL_XFER_CMD 211
#define ESC_ATTACH_GPUS_TO_FD 212
#define UVM_INITIALIZE 0x30000001	/* uvm_linux_ioctl.h */
#define UVM_REGISTER_GPU 37		/* uvm_ioctl.h: UVM_IOCTL_BASE(37) */

/* Layouts: open-gpu-kernel-modules 595.45.04 nvos.h, nv-ioctl.h, uvm_ioctl.h, cl0080.h. */
struct nvos54 { uint32_t hClient, hObject, cmd, flags; uint64_t params; uint32_t paramsSize, status; };
struct nvos21 { uint32_t hRoot, hObjectParent, hObjectNew, hClass; uint64_t pAllocParms;
		uint32_t paramsSize, status; };
struct nvos64 { uint32_t hRoot, hObjectParent, hObjectNew, hClass; uint64_t pAllocParms,
		pRightsRequested; uint32_t paramsSize, flags, status, pad; };
struct nvos00 { uint32_t hRoot, hObjectParent, hObjectOld, status; };
struct nv0080_alloc { uint32_t deviceId, hClientShare, hTargetClient, hTargetDevice, flags, pad;
		      uint64_t vaSpaceSize, vaStartInternal, vaLimitInternal; uint32_t vaMode, pad2; };
struct xfer { uint32_t cmd, size; uint64_t ptr; };
struct rm_api_version { uint32_t cmd, reply; char versionString[64]; };
struct uvm_register_gpu { uint8_t uuid[16]; uint8_t numaEnabled, pad[3]; int32_t numaNodeId,
			  rmCtrlFd; uint32_t hClient, hSmcPartRef, rmStatus; };
struct uvm_initialize { uint64_t flags; uint32_t rmStatus, pad; };

static uint32_t big[4096];	/* filled structs of the generic part (at most 16 KiB) */
static uint32_t params[4096];

static void fill(uint32_t *w, size_t bytes)
{
	memset(w, 0, bytes);
	for (size_t i = 0; i < bytes / 4; i++)
		w[i] = 0x1000 + (uint32_t)i;
}

static int open_or_say(const char *p)
{
	int fd = open(p, O_RDWR);

	if (fd < 0)
		fprintf(stderr, "nvidia: cannot open %s: %s\n", p, strerror(errno));
	return fd;
}

/* Part 1: hand-filled structs. */
static void by_hand(int ctl, int dev, int uvm)
{
	struct rm_api_version v = { 0, 0, "595.45.04" };
	int32_t ctl_fd = ctl;
	struct nvos64 root = { 0, 0, 0, 0x41, 0, 0, 0, 0, 0, 0 };
	struct nv0080_alloc dp = { .deviceId = 0, .hClientShare = 0xc1d00001, .vaMode = 2 };
	struct nvos21 alloc = { 0xc1d00001, 0xc1d00001, 0xcaf00001, 0x80, (uintptr_t)&dp,
				sizeof(dp), 0 };
	uint32_t ids[32] = { 0xffffffff };
	struct nvos54 c = { 0xc1d00001, 0xc1d00001, 0x201, 0, (uintptr_t)ids, sizeof(ids), 0 };
	struct nvos54 cu = { 0xc1d00001, 0x5c000002, 0x2080fe07, 0, (uintptr_t)ids, 4, 0 };
	struct nvos54 cbad = { 0xc1d00001, 0xc1d00001, 0x201, 0, 0x10, sizeof(ids), 0 };
	struct nvos00 f = { 0xc1d00001, 0xc1d00001, 0xcaf00001, 0 };
	struct xfer x = { ESC_RM_CONTROL, sizeof(c), (uintptr_t)&c };
	uint32_t gpus[2] = { 0x100, 0x200 };
	struct uvm_initialize ui = { 0, 0, 0 };
	struct uvm_register_gpu rg = { { 0x5e, 0x1f, 0x2a, 0x3b, 0x4c, 0x5d, 0x6e, 0x7f, 0x80, 0x91,
					 0xa2, 0xb3, 0xc4, 0xd5, 0xe6, 0xf7 }, 0, { 0 }, -1, ctl,
				       0xc1d00001, 0, 0 };

	ioctl(ctl, NV_IOWR(ESC_CHECK_VERSION_STR, sizeof(v)), &v);
	ioctl(dev, NV_IOWR(ESC_REGISTER_FD, sizeof(ctl_fd)), &ctl_fd);
	ioctl(ctl, NV_IOWR(ESC_RM_ALLOC, sizeof(root)), &root);
	ioctl(ctl, NV_IOWR(ESC_RM_ALLOC, sizeof(alloc)), &alloc);
	ioctl(ctl, NV_IOWR(ESC_RM_CONTROL, sizeof(c)), &c);
	ioctl(ctl, NV_IOWR(ESC_RM_CONTROL, sizeof(cu)), &cu);
	ioctl(ctl, NV_IOWR(ESC_RM_CONTROL, sizeof(cbad)), &cbad);
	ioctl(ctl, NV_IOWR(ESC_RM_FREE, sizeof(f)), &f);
	ioctl(ctl, NV_IOWR(ESC_IOCTL_XFER_CMD, sizeof(x)), &x);
	ioctl(ctl, NV_IOWR(ESC_ATTACH_GPUS_TO_FD, sizeof(gpus)), gpus);
	ioctl(uvm, UVM_INITIALIZE, &ui);
	ioctl(uvm, UVM_REGISTER_GPU, &rg);
	ioctl(ctl, UVM_INITIALIZE, &ui);
	ioctl(ctl, NV_IOWR(0xfe, 8), big);
}

/* Part 2: every request of the tables, with pattern-filled structs. */
static void every(int ctl, int uvm, int tools)
{
	for (size_t i = 0; i < nv_nbinds; i++) {
		const struct nv_bind *b = &nv_binds[i];
		size_t size = b->s ? b->s->size : 0;

		if (size > sizeof(big))
			continue;
		switch (b->role) {
		case NVB_ESC:
			fill(big, size);
			ioctl(ctl, NV_IOWR(b->key, size), big);
			break;
		case NVB_UVM:
			fill(big, size);
			ioctl(strncmp(b->s ? b->s->name : "", "UVM_TOOLS_", 10) ? uvm : tools, b->key,
			      size ? (void *)big : NULL);
			break;
		case NVB_CTRL: {
			struct nvos54 c = { 0xc1d00001, 0xc1d00002, b->key, 0, (uintptr_t)params,
					    (uint32_t)size, 0 };

			fill(params, size);
			ioctl(ctl, NV_IOWR(ESC_RM_CONTROL, sizeof(c)), &c);
			break;
		}
		case NVB_CLASS: {
			struct nvos21 a = { 0xc1d00001, 0xc1d00002, 0xcaf00010, b->key,
					    (uintptr_t)params, (uint32_t)size, 0 };

			fill(params, size);
			ioctl(ctl, NV_IOWR(ESC_RM_ALLOC, sizeof(a)), &a);
			break;
		}
		}
	}
}

int main(int argc, char **argv)
{
	const char *ctlp = argc > 1 ? argv[1] : "/dev/nvidiactl";
	const char *devp = argc > 2 ? argv[2] : "/dev/nvidia0";
	const char *uvmp = argc > 3 ? argv[3] : "/dev/nvidia-uvm";
	const char *toolsp = argc > 4 ? argv[4] : "/dev/nvidia-uvm-tools";
	int ctl = open_or_say(ctlp), dev = open_or_say(devp), uvm = open_or_say(uvmp);
	int tools = open_or_say(toolsp);

	if (ctl < 0 || dev < 0 || uvm < 0 || tools < 0)
		return 2;
	hyt_begin();
	by_hand(ctl, dev, uvm);
	every(ctl, uvm, tools);
	hyt_end();
	close(tools);
	close(uvm);
	close(dev);
	close(ctl);
	return 0;
}
