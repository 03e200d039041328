// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * nvver: the driver version a trace is decoded for (issue 11).  On a stand-in /dev/nvidiactl
 * (tests/nvidia.sh), NV_ESC_CHECK_VERSION_STR with the version string argv[1], then one
 * NV_ESC_RM_ALLOC whose NVOS21 has the same size in every driver but gained paramsSize in 535:
 * hytrace must print it by the version the first call carried.  Then copies of the device fd
 * (dup, dup2, dup3, fcntl) and of /dev/null's: --cuda-only shows the first only.
 *
 * Facts from NVIDIA's open-gpu-kernel-modules (MIT): nv-ioctl-numbers.h (escape numbers,
 * magic 'F'), nv-ioctl.h (nv_ioctl_rm_api_version_t), nvos.h (NVOS21 in 535.43.02 and in
 * 530.41.03), class/cl0080.h (NV01_DEVICE_0).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NV_IOCTL_MAGIC		'F'
#define NV_ESC_RM_ALLOC		0x2b
#define NV_ESC_CHECK_VERSION_STR 210
#define NV01_DEVICE_0		0x80

struct rm_api_version { uint32_t cmd, reply; char versionString[64]; };
/* 32 bytes in both layouts: paramsSize (535+) then status, or status then padding */
struct nvos21 { uint32_t hRoot, hObjectParent, hObjectNew, hClass; uint64_t pAllocParms;
		uint32_t word6, word7; };

int main(int argc, char **argv)
{
	struct rm_api_version v = { .cmd = '2' };
	struct nvos21 a = { 0xc1d00001, 0xc1d00001, 0xcaf00001, NV01_DEVICE_0, 0, 0, 0 };
	int ctl;

	if (argc < 2 || strlen(argv[1]) >= sizeof(v.versionString)) {
		fprintf(stderr, "usage: nvver VERSION\n");
		return 2;
	}
	strcpy(v.versionString, argv[1]);
	ctl = (int)syscall(SYS_openat, AT_FDCWD, "/dev/nvidiactl", O_RDWR | O_CLOEXEC);
	syscall(SYS_ioctl, ctl, _IOWR(NV_IOCTL_MAGIC, NV_ESC_CHECK_VERSION_STR, struct rm_api_version),
		&v);
	syscall(SYS_ioctl, ctl, _IOWR(NV_IOCTL_MAGIC, NV_ESC_RM_ALLOC, struct nvos21), &a);
	/* --cuda-only shows a device fd's copies (and not /dev/null's) */
	int null = (int)syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY | O_CLOEXEC);
	int d = (int)syscall(SYS_dup, ctl);

	syscall(SYS_dup2, ctl, 40);
	syscall(SYS_dup3, ctl, 41, O_CLOEXEC);
	syscall(SYS_fcntl, ctl, F_DUPFD_CLOEXEC, 50);
	syscall(SYS_fcntl, ctl, F_GETFD);
	syscall(SYS_dup, null);
	syscall(SYS_fcntl, null, F_GETFD);
	syscall(SYS_close, d);
	syscall(SYS_close, ctl);
	return 0;
}
