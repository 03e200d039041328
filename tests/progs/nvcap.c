/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* nvcap.c: NVIDIA driver ioctls with filled structs on stand-in files, for tests/nvidia.sh. */
/*
 * Run in a private mount namespace where /dev holds regular files at the NVIDIA paths: every
 * ioctl fails with ENOTTY, which is fine for what the tracer copies at entry.  The structs and
 * the buffers they point to live in a page mapped at a fixed address, so the captured bytes
 * (pointers included) are the same on every run.
 *   nvcap            the calls
 *   nvcap fork       the calls in a child (-f)
 *   nvcap wait FILE  the calls once FILE exists (-p attaches meanwhile)
 * Numbers: kernel-open/common/inc/nv-ioctl-numbers.h (NV_IOCTL_BASE 200), src/nvidia/arch/
 * nvalloc/unix/include/nv_escape.h and src/common/sdk/nvidia/inc/nvos.h (NVOS00/21/54), and
 * kernel-open/nvidia-uvm/uvm_linux_ioctl.h of open-gpu-kernel-modules 535.113.01.
 */
#include "hyt.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

#define PAGE_AT	((void *)0x7e5500000000ul)

#define NV_IOCTL_MAGIC	'F'
#define NV_ESC_RM_FREE		0x29
#define NV_ESC_RM_CONTROL	0x2a
#define NV_ESC_RM_ALLOC		0x2b
#define NV_ESC_CHECK_VERSION_STR 210
#define NV_ESC_IOCTL_XFER_CMD	211
#define NV_ESC_SYS_PARAMS	214
#define UVM_INITIALIZE		0x30000001

struct nvos00 { uint32_t hRoot, hObjectParent, hObjectOld, status; };
struct nvos21 { uint32_t hRoot, hObjectParent, hObjectNew, hClass; uint64_t pAllocParms;
		uint32_t paramsSize, status; };
struct nvos54 { uint32_t hClient, hObject, cmd, flags; uint64_t params; uint32_t paramsSize, status; };
struct rm_api_version { uint32_t cmd, reply; char versionString[64]; };
struct xfer { uint32_t cmd, size; uint64_t ptr; };
struct sys_params { uint64_t memblock_size; };
struct uvm_init { uint64_t flags; uint32_t rmStatus, pad; };

struct page {
	struct nvos54 ctl;
	uint8_t ctl_params[40];
	struct nvos21 alloc;
	uint8_t alloc_params[56];	/* NV0080_ALLOC_PARAMETERS */
	struct nvos00 fr;
	struct rm_api_version ver;
	struct xfer x;
	struct nvos54 inner;
	uint8_t inner_params[16];
	struct sys_params sp;
	struct uvm_init ui;
};

static void calls(struct page *p)
{
	int ctl = syscall(SYS_openat, AT_FDCWD, "/dev/nvidiactl", O_RDWR | O_CLOEXEC);
	int gpu = syscall(SYS_openat, AT_FDCWD, "/dev/nvidia0", O_RDWR | O_CLOEXEC);
	int uvm = syscall(SYS_openat, AT_FDCWD, "/dev/nvidia-uvm", O_RDWR | O_CLOEXEC);
	int cap = syscall(SYS_openat, AT_FDCWD, "/dev/nvidia-caps/nvidia-cap1", O_RDONLY | O_CLOEXEC);
	int null = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDWR | O_CLOEXEC);
	int miss = syscall(SYS_openat, AT_FDCWD, "/dev/nvidia-modeset", O_RDWR | O_CLOEXEC);

	p->ver = (struct rm_api_version){ .cmd = '2', .versionString = "535.113.01" };
	syscall(SYS_ioctl, ctl, _IOWR(NV_IOCTL_MAGIC, NV_ESC_CHECK_VERSION_STR, struct rm_api_version),
		&p->ver);
	p->sp.memblock_size = 0x8000000;
	syscall(SYS_ioctl, ctl, _IOWR(NV_IOCTL_MAGIC, NV_ESC_SYS_PARAMS, struct sys_params), &p->sp);
	/* NV01_DEVICE_0 (0x80) under a client and its root */
	p->alloc = (struct nvos21){ 0xc1d00001, 0xc1d00001, 0xcaf00001, 0x80,
				    (uintptr_t)p->alloc_params, sizeof(p->alloc_params), 0 };
	memset(p->alloc_params, 0x11, sizeof(p->alloc_params));
	syscall(SYS_ioctl, ctl, _IOWR(NV_IOCTL_MAGIC, NV_ESC_RM_ALLOC, struct nvos21), &p->alloc);
	/* NV2080_CTRL_CMD_GPU_GET_INFO_V2 (0x20800102) */
	p->ctl = (struct nvos54){ 0xc1d00001, 0x5c000001, 0x20800102, 0,
				  (uintptr_t)p->ctl_params, sizeof(p->ctl_params), 0 };
	memset(p->ctl_params, 0x22, sizeof(p->ctl_params));
	syscall(SYS_ioctl, ctl, _IOWR(NV_IOCTL_MAGIC, NV_ESC_RM_CONTROL, struct nvos54), &p->ctl);
	/* the same control command wrapped in IOCTL_XFER_CMD */
	p->inner = (struct nvos54){ 0xc1d00001, 0xc1d00001, 0x00000201, 0,
				    (uintptr_t)p->inner_params, sizeof(p->inner_params), 0 };
	memset(p->inner_params, 0x33, sizeof(p->inner_params));
	p->x = (struct xfer){ NV_ESC_RM_CONTROL, sizeof(p->inner), (uintptr_t)&p->inner };
	syscall(SYS_ioctl, ctl, _IOWR(NV_IOCTL_MAGIC, NV_ESC_IOCTL_XFER_CMD, struct xfer), &p->x);
	/* a params pointer that cannot be read */
	p->ctl.params = 0x10;
	syscall(SYS_ioctl, gpu, _IOWR(NV_IOCTL_MAGIC, NV_ESC_RM_CONTROL, struct nvos54), &p->ctl);
	p->fr = (struct nvos00){ 0xc1d00001, 0xc1d00001, 0xcaf00001, 0 };
	syscall(SYS_ioctl, ctl, _IOWR(NV_IOCTL_MAGIC, NV_ESC_RM_FREE, struct nvos00), &p->fr);
	p->ui.flags = 0x1;
	syscall(SYS_ioctl, uvm, UVM_INITIALIZE, &p->ui);
	/* not a device: the ordinary capture, and left out by --cuda-only */
	syscall(SYS_ioctl, null, _IOWR(NV_IOCTL_MAGIC, NV_ESC_RM_CONTROL, struct nvos54), &p->ctl);
	syscall(SYS_mmap, NULL, 4096, PROT_READ, MAP_SHARED, ctl, 0);
	syscall(SYS_close, miss);
	syscall(SYS_close, null);
	syscall(SYS_close, cap);
	syscall(SYS_close, uvm);
	syscall(SYS_close, gpu);
	syscall(SYS_close, ctl);
}

int main(int argc, char **argv)
{
	struct page *p = mmap(PAGE_AT, 4096, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	HYT_CHECK(p == PAGE_AT);
	if (argc > 2 && !strcmp(argv[1], "wait")) {
		struct timespec ts = { 0, 20 * 1000 * 1000 };

		while (access(argv[2], F_OK) != 0)
			nanosleep(&ts, NULL);
	}
	if (argc > 1 && !strcmp(argv[1], "fork")) {
		pid_t c = fork();

		if (c == 0) {
			calls(p);
			_exit(0);
		}
		waitpid(c, NULL, 0);
		return 0;
	}
	calls(p);
	return 0;
}
