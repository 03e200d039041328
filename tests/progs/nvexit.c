// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * nvexit.c: an NVIDIA driver session against tests/fakenv (the fake driver), for the exit-side
 * checks of issue 11: status names, new handles, returned control and allocation parameters, UVM
 * statuses, failed statuses counted as errors.  Prints what each call gave back (the status and
 * what the driver wrote into the program's buffers) so the test can compare what the tracer
 * decoded with what the program saw.  Every OUT member starts as a value the fake never writes
 * (0xee), so a line shows whether the fake wrote it.  The device fds are moved to 10
 * (nvidiactl) and 11 (nvidia-uvm) so that trace lines do not depend on inherited fds.
 * Layouts: see tests/fakenv/fakenv.c.
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
struct gpu_info_v2 {
	uint32_t gpuInfoListSize;
	struct { uint32_t index, data; } gpuInfoList[0x46];
};
struct memory_alloc {		/* NV_MEMORY_ALLOCATION_PARAMS, 128 bytes */
	uint32_t owner, type, flags, width, height;
	int32_t pitch;
	uint32_t attr, attr2, format, comprCovg, zcullCovg;
	uint64_t rangeLo, rangeHi, size, alignment, offset, limit, address;
	uint32_t ctagOffset, hVASpace, internalflags, tag;
	int32_t numaNode;
};
struct uvm_initialize { uint64_t flags; uint32_t rmStatus; };
struct uvm_register_gpu {
	uint8_t gpu_uuid[16];
	uint8_t numaEnabled;
	int32_t numaNodeId, rmCtrlFd;
	uint32_t hClient, hSmcPartRef, rmStatus;
};
struct uvm_pageable_mem_access { uint8_t pageableMemAccess; uint32_t rmStatus; };

#define ESC(nr, t)	_IOWR('F', nr, t)
#define RM_FREE		ESC(0x29, struct nvos00)
#define RM_CONTROL	ESC(0x2a, struct nvos54)
#define RM_ALLOC	ESC(0x2b, struct nvos21)
#define CHECK_VERSION	ESC(210, struct rm_api_version)
#define UVM_INITIALIZE		0x30000001
#define UVM_REGISTER_GPU	37
#define UVM_PAGEABLE_MEM_ACCESS	39

#define UNSET		0xee	/* what the OUT members hold before the call */
#define CTL_FD		10
#define UVM_FD		11

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

static long control(uint32_t client, uint32_t obj, uint32_t cmd, void *params, uint32_t size,
		    uint32_t *status)
{
	struct nvos54 c = { .hClient = client, .hObject = obj, .cmd = cmd,
			    .params = (uintptr_t)params, .paramsSize = size, .status = UNSET };
	long r = ioc(CTL_FD, RM_CONTROL, &c);

	*status = c.status;
	return r;
}

static uint32_t alloc(const char *what, uint32_t root, uint32_t parent, uint32_t h, uint32_t cls,
		      void *params, uint32_t size)
{
	struct nvos21 a = { .hRoot = root, .hObjectParent = parent, .hObjectNew = h, .hClass = cls,
			    .pAllocParms = (uintptr_t)params, .paramsSize = size, .status = UNSET };

	long r = ioc(CTL_FD, RM_ALLOC, &a);

	printf("alloc %s = %ld status %#x handle %#x\n", what, r, a.status, a.hObjectNew);
	return a.hObjectNew;
}

static void gpu_info(const char *what, uint32_t client, uint32_t obj, uint32_t i0, uint32_t i1)
{
	struct gpu_info_v2 gi = { .gpuInfoListSize = 2 };
	uint32_t st;
	long r;

	gi.gpuInfoList[0].index = i0;
	gi.gpuInfoList[1].index = i1;
	gi.gpuInfoList[0].data = gi.gpuInfoList[1].data = UNSET;
	r = control(client, obj, 0x20800102, &gi, sizeof(gi), &st);	/* GPU_GET_INFO_V2 */
	printf("gpu info%s%s = %ld status %#x data %#x %#x\n", *what ? " " : "", what, r, st,
	       gi.gpuInfoList[0].data, gi.gpuInfoList[1].data);
}

/* "N of V": how many of the N values from the second on are V */
static int count_of(const uint32_t *v, int n, uint32_t want)
{
	int k = 0;

	for (int i = 1; i < n; i++)
		k += v[i] == want;
	return k;
}

static int move_fd(int fd, int to)
{
	if (fd < 0 || dup2(fd, to) < 0)
		return -1;
	close(fd);
	return 0;
}

int main(void)
{
	struct rm_api_version v = { .cmd = '2' };
	uint32_t client, dev, subdev, st;

	if (move_fd(open("/dev/nvidiactl", O_RDWR | O_CLOEXEC), CTL_FD) ||
	    move_fd(open("/dev/nvidia-uvm", O_RDWR | O_CLOEXEC), UVM_FD)) {
		perror("nvexit: open /dev/nvidiactl, /dev/nvidia-uvm");
		return 1;
	}
	strcpy(v.versionString, "535.113.01");
	CALL("version", CTL_FD, CHECK_VERSION, &v, " reply %u", v.reply);

	client = alloc("client", 0, 0, 0, 0x41, NULL, 0);	/* NV01_ROOT_CLIENT: handle chosen */
	uint64_t devparams[7] = { 0 };				/* NV0080_ALLOC_PARAMETERS */
	dev = alloc("device", client, client, 0xcaf00100, 0x80, devparams, sizeof(devparams));
	uint32_t subparams = 0;					/* NV2080_ALLOC_PARAMETERS */
	subdev = alloc("subdevice", client, dev, 0xcaf00101, 0x2080, &subparams, 4);
	alloc("bad client", 0xdead0001, 0xdead0001, 0xcaf00200, 0x80, NULL, 0);

	/* NV01_MEMORY_SYSTEM: size rounded up to a page, limit and offset written back */
	struct memory_alloc mem = { .size = 0x1234, .limit = UNSET, .offset = UNSET };
	alloc("memory", client, dev, 0xcaf00102, 0x3e, &mem, sizeof(mem));
	printf("memory size %#llx limit %#llx offset %#llx\n", (unsigned long long)mem.size,
	       (unsigned long long)mem.limit, (unsigned long long)mem.offset);

	uint32_t ids[32];					/* GET_ATTACHED_IDS */
	memset(ids, 0, sizeof(ids));
	long r = control(client, client, 0x00000201, ids, sizeof(ids), &st);
	printf("attached ids = %ld status %#x first %#x then %d of 0xffffffff\n", r, st, ids[0],
	       count_of(ids, 32, 0xffffffff));

	r = control(client, client, 0x00000201, (void *)8, sizeof(ids), &st);	/* unmapped */
	printf("attached ids at a bad address = %ld status %#x\n", r, st);

	gpu_info("", client, subdev, 0x1f, 0x2c);		/* SYSMEM_ACCESS, GPU_SM_VERSION */
	gpu_info("bad index", client, subdev, 0x1f, 0x50);	/* past the list: rejected */
	gpu_info("unknown object", client, 0xbad00000, 0x1f, 0x2c);
	gpu_info("on the device", client, dev, 0x1f, 0x2c);	/* a 2080 command on a 0080 */
	uint8_t junk[16] = { 0 };
	r = control(client, client, 0x00000101, junk, sizeof(junk), &st);	/* not answered */
	printf("control 0x101 = %ld status %#x\n", r, st);

	struct nvos00 f = { .hRoot = client, .hObjectParent = client, .hObjectOld = dev };
	CALL("free device", CTL_FD, RM_FREE, &f, " status %#x", f.status);
	CALL("free device again", CTL_FD, RM_FREE, &f, " status %#x", f.status);
	struct nvos00 fs = { .hRoot = client, .hObjectParent = dev, .hObjectOld = subdev };
	CALL("free subdevice (freed with the device)", CTL_FD, RM_FREE, &fs, " status %#x",
	     fs.status);

	/* UVM: plain integers; the fake answers in the program's memory */
	struct uvm_initialize ui = { .flags = 0, .rmStatus = UNSET };
	CALL("uvm initialize", UVM_FD, UVM_INITIALIZE, &ui, " status %#x", ui.rmStatus);
	struct uvm_pageable_mem_access pm = { .pageableMemAccess = UNSET, .rmStatus = UNSET };
	CALL("uvm pageable mem access", UVM_FD, UVM_PAGEABLE_MEM_ACCESS, &pm,
	     " status %#x access %u", pm.rmStatus, pm.pageableMemAccess);
	struct uvm_register_gpu rg = { .gpu_uuid = { 0x5e, 0x1f, 0x2a, 0x3b, 0x4c, 0x5d, 0x6e,
						     0x7f, 0x80, 0x91, 0xa2, 0xb3, 0xc4, 0xd5,
						     0xe6, 0xf7 },
				       .numaNodeId = -1, .rmCtrlFd = CTL_FD, .hClient = client,
				       .rmStatus = UNSET };
	CALL("uvm register gpu", UVM_FD, UVM_REGISTER_GPU, &rg, " status %#x", rg.rmStatus);

	/* an escape the fake does not know: ENOTTY */
	uint32_t junk4[4] = { 0 };
	CALL("unknown escape", CTL_FD, ESC(0x7f, uint32_t[4]), junk4, "");

	struct nvos00 fc = { .hObjectOld = client };
	CALL("free client", CTL_FD, RM_FREE, &fc, " status %#x", fc.status);
	close(UVM_FD);
	close(CTL_FD);
	return 0;
}
