// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * nvexit.c: an NVIDIA driver session against tests/fakenv (the fake driver), for the exit-side
 * checks of issue 11: status names, new handles, failed statuses counted as errors.  Prints
 * each status it got back so the test can compare what the tracer decoded with what the
 * program saw.  Layouts: see tests/fakenv/fakenv.c.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

struct nvos00 { uint32_t hRoot, hObjectParent, hObjectOld, status; };
struct nvos21 {
	uint32_t hRoot, hObjectParent, hObjectNew, hClass;
	uint64_t pAllocParms;
	uint32_t paramsSize, status;
};
struct nvos54 {
	uint32_t hClient, hObject, cmd, flags;
	uint64_t params;
	uint32_t paramsSize, status;
};
struct rm_api_version { uint32_t cmd, reply; char versionString[64]; };

#define ESC(nr, t)	_IOWR('F', nr, t)
#define RM_FREE		ESC(0x29, struct nvos00)
#define RM_CONTROL	ESC(0x2a, struct nvos54)
#define RM_ALLOC	ESC(0x2b, struct nvos21)
#define CHECK_VERSION	ESC(210, struct rm_api_version)

static long ioc(int fd, unsigned long req, void *p)
{
	return syscall(SYS_ioctl, fd, req, p);
}

/* the call first, then what it wrote (printf's arguments have no order) */
#define CALL(what, fd, req, p, fmt, ...)						\
	do {										\
		long r_ = ioc(fd, req, p);						\
		printf(what " = %ld" fmt "\n", r_, ##__VA_ARGS__);			\
	} while (0)

static void control(int fd, uint32_t client, uint32_t obj, uint32_t cmd)
{
	uint8_t params[16] = { 0 };
	struct nvos54 c = { .hClient = client, .hObject = obj, .cmd = cmd,
			    .params = (uintptr_t)params, .paramsSize = sizeof(params) };
	long r = ioc(fd, RM_CONTROL, &c);

	printf("control %#x = %ld status %#x\n", cmd, r, c.status);
}

int main(void)
{
	int ctl = open("/dev/nvidiactl", O_RDWR | O_CLOEXEC);
	int uvm = open("/dev/nvidia-uvm", O_RDWR | O_CLOEXEC);
	struct rm_api_version v = { .cmd = '2' };
	uint32_t client, dev;

	if (ctl < 0 || uvm < 0) {
		perror("nvexit: open /dev/nvidiactl, /dev/nvidia-uvm");
		return 1;
	}
	strcpy(v.versionString, "535.113.01");
	CALL("version", ctl, CHECK_VERSION, &v, " reply %u", v.reply);

	struct nvos21 a = { .hClass = 0x41 };	/* NV01_ROOT_CLIENT, handle chosen by the driver */
	CALL("alloc client", ctl, RM_ALLOC, &a, " status %#x handle %#x", a.status, a.hObjectNew);
	client = a.hObjectNew;

	uint64_t devparams[16] = { 0 };	/* NV0080_ALLOC_PARAMETERS and room to spare */
	struct nvos21 d = { .hRoot = client, .hObjectParent = client, .hObjectNew = 0xcaf00100,
			    .hClass = 0x80, .pAllocParms = (uintptr_t)devparams,
			    .paramsSize = 56 };	/* NV01_DEVICE_0 */
	CALL("alloc device", ctl, RM_ALLOC, &d, " status %#x", d.status);
	dev = d.hObjectNew;
	struct nvos21 bad = { .hRoot = 0xdead0001, .hObjectParent = 0xdead0001,
			      .hObjectNew = 0xcaf00200, .hClass = 0x80 };
	CALL("alloc bad client", ctl, RM_ALLOC, &bad, " status %#x", bad.status);

	control(ctl, client, client, 0x00000201);	/* NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS: OK */
	control(ctl, client, dev, 0x20800102);		/* GPU_GET_INFO_V2 on a device handle: OK */
	control(ctl, client, 0xbad00000, 0x20800102);	/* unknown object */
	control(ctl, client, client, 0x00000101);	/* a command the fake does not answer */

	struct nvos00 f = { .hRoot = client, .hObjectParent = client, .hObjectOld = dev };
	CALL("free device", ctl, RM_FREE, &f, " status %#x", f.status);
	CALL("free device again", ctl, RM_FREE, &f, " status %#x", f.status);

	/* UVM_INITIALIZE (0x30000001): a plain integer; the fake answers 0 */
	uint64_t uvm_init[2] = { 0, 0 };
	CALL("uvm init", uvm, 0x30000001, uvm_init, "");
	/* an escape the fake does not know: ENOTTY */
	uint32_t junk[4] = { 0 };
	CALL("unknown escape", ctl, ESC(0x7f, uint32_t[4]), junk, "");

	struct nvos00 fc = { .hObjectOld = client };
	CALL("free client", ctl, RM_FREE, &fc, " status %#x", fc.status);
	close(uvm);
	close(ctl);
	return 0;
}
