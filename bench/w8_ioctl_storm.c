// SPDX-License-Identifier: LGPL-2.1-or-later
/* w8_ioctl_storm: N ioctls shaped as NVIDIA RM_CONTROL calls on a file (default 200,000). */
/*
 * The file is a stand-in: a regular file named nvidiactl in a directory named dev, which the
 * eBPF side of --cuda takes for /dev/nvidiactl (bpf/ioctl_dev.bpf.h), so that each call is
 * captured with its NVOS54 struct and params; on a regular file the ioctl fails with ENOTTY
 * at once, so the loop measures the tracer's cost per call.
 *   w8_ioctl_storm N PATH
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "bench.h"

/* NV_ESC_RM_CONTROL: _IOWR('F', 0x2a, NVOS54_PARAMETERS), 32 bytes (nvos.h, nv-ioctl-numbers.h) */
#define RM_CONTROL 0xc020462au

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 1, 200000);
	const char *path = argc > 2 ? argv[2] : "/dev/nvidiactl";
	uint8_t params[64] = { 0 };
	struct {
		uint32_t hClient, hObject, cmd, flags;
		uint64_t params;
		uint32_t paramsSize, status;
	} ctl = { 0xc1d00001, 0x5c000001, 0x20800110, 0, (uintptr_t)params, sizeof(params), 0 };
	long fails = 0;
	double t0, t1;
	int fd = open(path, O_RDWR);

	if (fd < 0) {
		perror(path);
		return 1;
	}
	t0 = bench_now();
	for (long i = 0; i < n; i++)
		fails += ioctl(fd, RM_CONTROL, &ctl) < 0;
	t1 = bench_now();
	bench_report("w8_ioctl_storm", t0, t1, n);
	close(fd);
	return fails != n;	/* a stand-in file answers every call with ENOTTY */
}
