/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* nvkms.c: nvidia-modeset ioctls (NVKMS) and an ioctl on a capability file, for tests/nvidia.sh. */
/*
 * Run in a private mount namespace where /dev holds regular files at the NVIDIA paths: every
 * ioctl fails with ENOTTY, which is fine for what the tracer copies at entry.  The structs live
 * in a page mapped at a fixed address, so the captured bytes are the same on every run.
 * Layouts written out by hand from open-gpu-kernel-modules 595.45.04
 * (src/nvidia-modeset/interface/nvkms-ioctl.h, nvkms-api.h): struct NvKmsIoctlParams
 * {NvU32 cmd; NvU32 size; NvU64 address;}, NVKMS_IOCTL_IOWR = _IOWR('m', 0, that struct);
 * struct NvKmsAllocDeviceParams: request (620 bytes: versionString[32], deviceId
 * {rmDeviceId, migDevice}, no3d, enableConsoleHotplugHandling, registryKeys[16] of
 * {name[32], value}) at 0, reply at 624, 1512 bytes in all.
 */
#include "hyt.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#define PAGE_AT	((void *)0x7e5600000000ul)

struct nvkms_ioctl_params { uint32_t cmd, size; uint64_t address; };
#define NVKMS_IOCTL_IOWR	_IOWR('m', 0, struct nvkms_ioctl_params)
#define NVKMS_IOCTL_ALLOC_DEVICE	0
#define NVKMS_IOCTL_FREE_DEVICE		1
#define ALLOC_DEVICE_SIZE	1512
#define FREE_DEVICE_SIZE	8

struct page {
	struct nvkms_ioctl_params top;
	uint8_t params[ALLOC_DEVICE_SIZE];
};

int main(void)
{
	struct page *p = mmap(PAGE_AT, 4096, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	uint32_t v;

	HYT_CHECK(p == PAGE_AT);
	int kms = syscall(SYS_openat, AT_FDCWD, "/dev/nvidia-modeset", O_RDWR | O_CLOEXEC);
	int cap = syscall(SYS_openat, AT_FDCWD, "/dev/nvidia-caps/nvidia-cap1", O_RDONLY | O_CLOEXEC);

	/* ALLOC_DEVICE: versionString, deviceId {1, 0x2}, enableConsoleHotplugHandling, one key */
	memcpy(p->params, "595.45.04", 9);
	v = 1;
	memcpy(p->params + 32, &v, 4);
	v = 2;
	memcpy(p->params + 36, &v, 4);
	p->params[41] = 1;
	memcpy(p->params + 44, "RmMsg", 5);
	v = 7;
	memcpy(p->params + 44 + 32, &v, 4);
	p->top = (struct nvkms_ioctl_params){ NVKMS_IOCTL_ALLOC_DEVICE, ALLOC_DEVICE_SIZE,
					      (uintptr_t)p->params };
	syscall(SYS_ioctl, kms, NVKMS_IOCTL_IOWR, &p->top);
	/* FREE_DEVICE {deviceHandle 0x11} */
	memset(p->params, 0, sizeof(p->params));
	v = 0x11;
	memcpy(p->params, &v, 4);
	p->top = (struct nvkms_ioctl_params){ NVKMS_IOCTL_FREE_DEVICE, FREE_DEVICE_SIZE,
					      (uintptr_t)p->params };
	syscall(SYS_ioctl, kms, NVKMS_IOCTL_IOWR, &p->top);
	/* a command the tables do not know: its params print as the address */
	p->top.cmd = 0x99;
	syscall(SYS_ioctl, kms, NVKMS_IOCTL_IOWR, &p->top);
	/* params that cannot be read */
	p->top = (struct nvkms_ioctl_params){ NVKMS_IOCTL_FREE_DEVICE, FREE_DEVICE_SIZE, 0x10 };
	syscall(SYS_ioctl, kms, NVKMS_IOCTL_IOWR, &p->top);
	/* another request on nvidia-modeset (the driver answers ENOTTY): the generic form */
	syscall(SYS_ioctl, kms, _IO('m', 1), 0);
	/* the capability files have no ioctl (nv-caps.c): the generic form */
	syscall(SYS_ioctl, cap, NVKMS_IOCTL_IOWR, &p->top);
	syscall(SYS_close, cap);
	syscall(SYS_close, kms);
	return 0;
}
