// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_nvidia.c: NVIDIA driver ioctls (issue 11) decoded from hex fixtures built from the structs. */
/*
 * The structs here are written out by hand from open-gpu-kernel-modules 595.45.04 (nvos.h,
 * nv-ioctl.h, uvm_ioctl.h, ctrl0000gpu.h, cl0080.h), independently of the generated tables, so
 * a layout the generator got wrong shows up as a wrong line.
 */
#include <sys/syscall.h>
#include "unit.h"
#include "ioctl/ioctl.h"
#include "ioctl/nvidia.h"
#include "ioctl/nvidia_tab.h"
#include "xlat_gen.h"

#define IOWR_F(nr, size) ((3u << 30) | ((uint32_t)(size) << 16) | (0x46u << 8) | (nr))
#define PTOP 0x7ffc1000		/* where the top struct lies */
#define PSUB 0x7ffc2000		/* where its params lie */

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
struct nvos47_v550 { uint32_t hClient, hDevice, hDma, hMemory, flags, pad; uint64_t dmaOffset, size;
		     uint32_t status, pad2; };
struct nvos47_v545 { uint32_t hClient, hDevice, hDma, hMemory, flags, pad; uint64_t dmaOffset;
		     uint32_t status, pad2; };

static void fdpath(struct ut *u, const char *p)
{
	ut_blob(u, 0, HY_AT_ENTER, 0, p, strlen(p), HY_BF_FDPATH);
}

static void top(struct ut *u, int when, const void *p, size_t n)
{
	ut_blob(u, 2, when, 0, p, n, 0);
}

static void sub(struct ut *u, int when, int idx, const void *p, size_t n)
{
	ut_blob(u, HY_ARG_EXTRA, when, idx, p, n, 0);
}

UT_TEST(dev_kind)
{
	UT_CHECK("nvidiactl", nv_dev_kind("/dev/nvidiactl") == HY_DEV_NVIDIACTL);
	UT_CHECK("nvidia0", nv_dev_kind("/dev/nvidia0") == HY_DEV_NVIDIA);
	UT_CHECK("nvidia17", nv_dev_kind("/dev/nvidia17") == HY_DEV_NVIDIA);
	UT_CHECK("uvm", nv_dev_kind("/dev/nvidia-uvm") == HY_DEV_NVIDIA_UVM);
	UT_CHECK("uvm-tools", nv_dev_kind("/dev/nvidia-uvm-tools") == HY_DEV_NVIDIA_UVM_TOOLS);
	UT_CHECK("modeset", nv_dev_kind("/dev/nvidia-modeset") == HY_DEV_NVIDIA_MODESET);
	UT_CHECK("caps", nv_dev_kind("/dev/nvidia-caps/nvidia-cap1") == HY_DEV_NVIDIA_CAPS);
	UT_CHECK("caps dir", nv_dev_kind("/dev/nvidia-caps/") == HY_DEV_NONE);
	UT_CHECK("nvidia", nv_dev_kind("/dev/nvidia") == HY_DEV_NONE);
	UT_CHECK("nvidia0x", nv_dev_kind("/dev/nvidia0x") == HY_DEV_NONE);
	UT_CHECK("nvidiactl2", nv_dev_kind("/dev/nvidiactl2") == HY_DEV_NONE);
	UT_CHECK("tty", nv_dev_kind("/dev/tty") == HY_DEV_NONE);
	UT_CHECK("relative", nv_dev_kind("nvidiactl") == HY_DEV_NONE);
	UT_CHECK("null", nv_dev_kind(NULL) == HY_DEV_NONE);
}

/* RM_CONTROL with params of a known layout, in and out, and its status */
UT_CASE(rm_control)
{
	uint32_t req = IOWR_F(0x2a, sizeof(struct nvos54));
	struct nvos54 in = { 0xc1d00001, 0xc1d00001, 0x201, 0, PSUB, 128, 0 }, out = in;
	uint32_t ids_in[32] = { 0 }, ids_out[32] = { 0 };

	ids_in[0] = 0xffffffff;
	ids_out[0] = 0x100;
	ids_out[1] = 0x200;
	ids_out[2] = 0xffffffff;
	out.status = 0;
	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &in, sizeof(in));
	sub(u, HY_AT_ENTER, 1, ids_in, sizeof(ids_in));
	top(u, HY_AT_EXIT, &out, sizeof(out));
	sub(u, HY_AT_EXIT, 1, ids_out, sizeof(ids_out));
	UT_LINE(u, "get attached ids", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xc1d00001, "
		"cmd=NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS, flags=0, params={gpuIds=[0xffffffff]}, "
		"paramsSize=128} => {params={gpuIds=[0x100, 0x200, 0xffffffff]}, status=NV_OK}) = 0 (NV_OK)");

	/* the same with -y: the path shows, nothing else changes */
	u->o.yflag = 1;
	UT_LINE(u, "get attached ids -y", 0,
		"ioctl(3</dev/nvidiactl>, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xc1d00001, "
		"cmd=NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS, flags=0, params={gpuIds=[0xffffffff]}, "
		"paramsSize=128} => {params={gpuIds=[0x100, 0x200, 0xffffffff]}, status=NV_OK}) = 0 (NV_OK)");
	u->o.yflag = 0;

	/* a failing status: by name after the result */
	out = in;
	out.status = 0x56;
	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &in, sizeof(in));
	sub(u, HY_AT_ENTER, 1, ids_in, sizeof(ids_in));
	top(u, HY_AT_EXIT, &out, sizeof(out));
	sub(u, HY_AT_EXIT, 1, ids_in, sizeof(ids_in));
	UT_LINE(u, "status not supported", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xc1d00001, "
		"cmd=NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS, flags=0, params={gpuIds=[0xffffffff]}, "
		"paramsSize=128} => {status=NV_ERR_NOT_SUPPORTED}) = 0 (NV_ERR_NOT_SUPPORTED)");
	uint32_t st = 0;

	UT_CHECK("nv_ioctl_status", nv_ioctl_status(&u->ev, HY_DEV_NVIDIACTL, 0, &st) && st == 0x56);
	char lb[128];

	nv_ioctl_label(&u->ev, HY_DEV_NVIDIACTL, 0, lb, sizeof(lb));
	UT_EXPECT("label", lb, "NV_ESC_RM_CONTROL:NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS");
	UT_CHECK("label length", nv_ioctl_label(&u->ev, HY_DEV_NVIDIACTL, 0, lb, 4) ==
				 strlen("NV_ESC_RM_CONTROL:NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS") &&
				 !strcmp(lb, "NV_"));

	/* the ioctl itself failed: no exit capture, no status */
	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &in, sizeof(in));
	sub(u, HY_AT_ENTER, 1, ids_in, sizeof(ids_in));
	UT_LINE(u, "enotty", -25,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xc1d00001, "
		"cmd=NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS, flags=0, params={gpuIds=[0xffffffff]}, "
		"paramsSize=128}) = -1 ENOTTY (Inappropriate ioctl for device)");
	UT_CHECK("no status on failure", !nv_ioctl_status(&u->ev, HY_DEV_NVIDIACTL, 0, &st));

	/* at entry: the request, then the rest at exit */
	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &in, sizeof(in));
	UT_EXPECT("entry", ut_enter(u), "ioctl(3, NV_ESC_RM_CONTROL, ");
}

/* arrays after their count: that many elements (classes by name), zeros included */
UT_CASE(rm_control_counted)
{
	uint32_t req = IOWR_F(0x2a, sizeof(struct nvos54));
	struct nvos54 c = { 0xc1d00001, 0x5c000001, 0x800292, 0, PSUB, 4 + 200 * 4, 0 };
	uint32_t in[201] = { 0 }, out[201] = { 3, 0x80, 0x2080, 0xc86f, 0x1234 };
	struct { uint32_t n; struct { uint32_t index, data; } l[70]; } gi = { 2, { { 0, 0 }, { 1, 0 } } },
		go = { 2, { { 0, 0x170 }, { 1, 0 } } };

	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &c, sizeof(c));
	top(u, HY_AT_EXIT, &c, sizeof(c));
	sub(u, HY_AT_ENTER, 1, in, sizeof(in));
	sub(u, HY_AT_EXIT, 1, out, sizeof(out));
	UT_LINE(u, "classlist v2", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000001, "
		"cmd=NV0080_CTRL_CMD_GPU_GET_CLASSLIST_V2, flags=0, params={numClasses=0, classList=[]}, "
		"paramsSize=804} => {params={numClasses=3, classList=[NV01_DEVICE_0, NV20_SUBDEVICE_0, "
		"HOPPER_CHANNEL_GPFIFO_A]}, status=NV_OK}) = 0 (NV_OK)");

	c.cmd = 0x20800102;
	c.paramsSize = sizeof(gi);
	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &c, sizeof(c));
	top(u, HY_AT_EXIT, &c, sizeof(c));
	sub(u, HY_AT_ENTER, 1, &gi, sizeof(gi));
	sub(u, HY_AT_EXIT, 1, &go, sizeof(go));
	UT_LINE(u, "gpu info v2", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000001, "
		"cmd=NV2080_CTRL_CMD_GPU_GET_INFO_V2, flags=0, params={gpuInfoListSize=2, "
		"gpuInfoList=[{index=0 /* NV2080_CTRL_GPU_INFO_INDEX_??? */, data=0}, "
		"{index=NV2080_CTRL_GPU_INFO_INDEX_ECID_LO32, data=0}]}, paramsSize=564} => "
		"{params={gpuInfoList=[{index=0 /* NV2080_CTRL_GPU_INFO_INDEX_??? */, data=368}, "
		"{index=NV2080_CTRL_GPU_INFO_INDEX_ECID_LO32, data=0}]}, status=NV_OK}) = 0 (NV_OK)");
}

/*
 * An array of an inline struct (ctrl2080gr.h GR_GET_GLOBAL_SM_ORDER: globalSmId[512] of nine
 * NvU16, 9240 bytes): elements as structs; the capture stops at HY_IOC_SUB_MAX bytes, so the
 * members after the array (numSm at 9216) are not shown ("...") and the array shows what was
 * captured.
 */
UT_CASE(rm_control_sm_order)
{
	uint32_t req = IOWR_F(0x2a, sizeof(struct nvos54));
	struct nvos54 c = { 0xc1d00001, 0x5c000002, 0x2080121b, 0, PSUB, 9240, 0 };
	static uint16_t in[HY_IOC_SUB_MAX / 2], out[HY_IOC_SUB_MAX / 2];

	for (int i = 0; i < 2; i++)
		for (int k = 0; k < 9; k++)
			out[i * 9 + k] = (uint16_t)(i * 10 + k);
	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &c, sizeof(c));
	top(u, HY_AT_EXIT, &c, sizeof(c));
	sub(u, HY_AT_ENTER, 1, in, sizeof(in));
	sub(u, HY_AT_EXIT, 1, out, sizeof(out));
	UT_LINE(u, "global sm order", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000002, "
		"cmd=NV2080_CTRL_CMD_GR_GET_GLOBAL_SM_ORDER, flags=0, params={globalSmId=[], ...}, "
		"paramsSize=9240} => {params={globalSmId=[{gpcId=0, localTpcId=1, localSmId=2, "
		"globalTpcId=3, virtualGpcId=4, migratableTpcId=5, ugpuId=6, physicalCpcId=7, ...}, "
		"{gpcId=10, localTpcId=11, localSmId=12, globalTpcId=13, virtualGpcId=14, "
		"migratableTpcId=15, ugpuId=16, physicalCpcId=17, ...}]}, status=NV_OK}) = 0 (NV_OK)");
	u->o.verbose = 1;
	UT_LINE(u, "global sm order -v: every member of the elements", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000002, "
		"cmd=NV2080_CTRL_CMD_GR_GET_GLOBAL_SM_ORDER, flags=0, params={globalSmId=[], ...}, "
		"paramsSize=9240} => {params={globalSmId=[{gpcId=0, localTpcId=1, localSmId=2, "
		"globalTpcId=3, virtualGpcId=4, migratableTpcId=5, ugpuId=6, physicalCpcId=7, "
		"virtualTpcId=8}, {gpcId=10, localTpcId=11, localSmId=12, globalTpcId=13, "
		"virtualGpcId=14, migratableTpcId=15, ugpuId=16, physicalCpcId=17, virtualTpcId=18}]}, "
		"status=NV_OK}) = 0 (NV_OK)");
}

/* unknown cmd: class/category/index; params as the pointer, bytes under -v */
UT_CASE(rm_control_unknown)
{
	uint32_t req = IOWR_F(0x2a, sizeof(struct nvos54));
	struct nvos54 in = { 0xc1d00001, 0x5c000002, 0x2080fe07, 0, PSUB, 4, 0 };
	uint8_t p[4] = { 1, 2, 3, 4 };

	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &in, sizeof(in));
	sub(u, HY_AT_ENTER, 1, p, sizeof(p));
	top(u, HY_AT_EXIT, &in, sizeof(in));
	sub(u, HY_AT_EXIT, 1, p, sizeof(p));
	UT_LINE(u, "unknown cmd", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000002, "
		"cmd=0x2080fe07 /* class 0x2080, category 0xfe, index 0x7 */, flags=0, params=0x7ffc2000, "
		"paramsSize=4} => {status=NV_OK}) = 0 (NV_OK)");
	char lb[128];

	nv_ioctl_label(&u->ev, HY_DEV_NVIDIACTL, 0, lb, sizeof(lb));
	UT_EXPECT("label unknown cmd", lb, "NV_ESC_RM_CONTROL:0x2080fe07");
	u->o.verbose = 1;
	UT_LINE(u, "unknown cmd -v", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000002, "
		"cmd=0x2080fe07 /* class 0x2080, category 0xfe, index 0x7 */, flags=0, "
		"params=\"\\x01\\x02\\x03\\x04\", paramsSize=4} => {status=NV_OK}) = 0 (NV_OK)");
}

/* params pointer that could not be read: its address; a truncated params buffer: "..." */
UT_CASE(rm_control_unreadable)
{
	uint32_t req = IOWR_F(0x2a, sizeof(struct nvos54));
	struct nvos54 in = { 0xc1d00001, 0xc1d00001, 0x201, 0, PSUB, 128, 0 };
	uint32_t ids[2] = { 0x100, 0x200 };

	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &in, sizeof(in));
	rb_blob(&u->rb, HY_ARG_EXTRA, HY_AT_ENTER, 1, PSUB, 0);
	rb_blob_done(&u->rb, 0, -14, 0);
	top(u, HY_AT_EXIT, &in, sizeof(in));
	UT_LINE(u, "params unreadable", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xc1d00001, "
		"cmd=NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS, flags=0, params=0x7ffc2000, "
		"paramsSize=128} => {status=NV_OK}) = 0 (NV_OK)");

	/* a params buffer cut by the capture: the elements read, then "..." */
	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &in, sizeof(in));
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, ids, sizeof(ids), HY_BF_TRUNC);
	UT_LINE(u, "params truncated", -25,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xc1d00001, "
		"cmd=NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS, flags=0, params={gpuIds=[0x100, 0x200], ...}, "
		"paramsSize=128}) = -1 ENOTTY (Inappropriate ioctl for device)");
	/* a params buffer shorter than this release's struct (an array bound grew): what it holds */
	in.paramsSize = 8;
	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &in, sizeof(in));
	sub(u, HY_AT_ENTER, 1, ids, sizeof(ids));
	UT_LINE(u, "params shorter", -25,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xc1d00001, "
		"cmd=NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS, flags=0, params={gpuIds=[0x100, 0x200]}, "
		"paramsSize=8}) = -1 ENOTTY (Inappropriate ioctl for device)");
	in.paramsSize = 128;

	/* the top struct unreadable: the address, as strace prints it */
	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	ut_blob_err(u, 2, HY_AT_ENTER, 14);
	UT_LINE(u, "top unreadable", -14,
		"ioctl(3, NV_ESC_RM_CONTROL, 0x7ffc1000) = -1 EFAULT (Bad address)");

	/* NULL */
	ut_begin(u, SYS_ioctl, 3, req, 0, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	UT_LINE(u, "top NULL", -14, "ioctl(3, NV_ESC_RM_CONTROL, NULL) = -1 EFAULT (Bad address)");

	/* a top struct shorter than its layout: the members it holds, then "..." */
	ut_begin(u, SYS_ioctl, 3, req, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &in, 12);
	UT_LINE(u, "top truncated", -25,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0xc1d00001, "
		"cmd=NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS, ...}) = -1 ENOTTY (Inappropriate ioctl for device)");
}

UT_CASE(rm_alloc)
{
	struct nvos21 a = { 0xc1d00001, 0xc1d00001, 0xcaf00001, 0x80, PSUB, sizeof(struct nv0080_alloc), 0 };
	struct nvos21 ao = a;
	struct nv0080_alloc p = { .deviceId = 0, .hClientShare = 0xc1d00001, .vaMode = 2 };

	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x2b, sizeof(a)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &a, sizeof(a));
	sub(u, HY_AT_ENTER, 1, &p, sizeof(p));
	top(u, HY_AT_EXIT, &ao, sizeof(ao));
	sub(u, HY_AT_EXIT, 1, &p, sizeof(p));
	UT_LINE(u, "NVOS21 device", 0,
		"ioctl(3, NV_ESC_RM_ALLOC, {hRoot=0xc1d00001, hObjectParent=0xc1d00001, "
		"hObjectNew=0xcaf00001, hClass=NV01_DEVICE_0, pAllocParms={deviceId=0, "
		"hClientShare=0xc1d00001, hTargetClient=0, hTargetDevice=0, flags=0, vaSpaceSize=0, "
		"vaStartInternal=0, vaLimitInternal=0, ...}, paramsSize=56} => {status=NV_OK}) = 0 (NV_OK)");
	char lb[128];

	nv_ioctl_label(&u->ev, HY_DEV_NVIDIACTL, 0, lb, sizeof(lb));
	UT_EXPECT("label", lb, "NV_ESC_RM_ALLOC:NV01_DEVICE_0");

	/* NVOS64, by its size; a root client; a new handle returned */
	struct nvos64 b = { 0, 0, 0, 0x41, 0, 0, 0, 0, 0, 0 }, bo = b;

	bo.hObjectNew = 0xc1d00042;
	bo.hRoot = 0xc1d00042;
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x2b, sizeof(b)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &b, sizeof(b));
	top(u, HY_AT_EXIT, &bo, sizeof(bo));
	UT_LINE(u, "NVOS64 root", 0,
		"ioctl(3, NV_ESC_RM_ALLOC, {hRoot=0, hObjectParent=0, hObjectNew=0, "
		"hClass=NV01_ROOT_CLIENT, pAllocParms=NULL, pRightsRequested=NULL, paramsSize=0, "
		"flags=0} => {hRoot=0xc1d00042, hObjectNew=0xc1d00042, status=NV_OK}) = 0 (NV_OK)");

	/* an unknown class: the number; its params as the pointer */
	a.hClass = 0xbeef;
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x2b, sizeof(a)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia0");
	top(u, HY_AT_ENTER, &a, sizeof(a));
	sub(u, HY_AT_ENTER, 1, &p, 8);
	UT_LINE(u, "unknown class", -22,
		"ioctl(3, NV_ESC_RM_ALLOC, {hRoot=0xc1d00001, hObjectParent=0xc1d00001, "
		"hObjectNew=0xcaf00001, hClass=0xbeef /* class ??? */, pAllocParms=0x7ffc2000, "
		"paramsSize=56}) = -1 EINVAL (Invalid argument)");
	nv_ioctl_label(&u->ev, HY_DEV_NVIDIA, 0, lb, sizeof(lb));
	UT_EXPECT("label unknown class", lb, "NV_ESC_RM_ALLOC:0xbeef");
}

UT_CASE(rm_free)
{
	struct nvos00 f = { 0xc1d00001, 0xc1d00001, 0xcaf00001, 0 }, fo = f;

	fo.status = 0x1f;
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x29, sizeof(f)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &f, sizeof(f));
	top(u, HY_AT_EXIT, &fo, sizeof(fo));
	UT_LINE(u, "free", 0,
		"ioctl(3, NV_ESC_RM_FREE, {hRoot=0xc1d00001, hObjectParent=0xc1d00001, "
		"hObjectOld=0xcaf00001} => {status=NV_ERR_INVALID_ARGUMENT}) = 0 (NV_ERR_INVALID_ARGUMENT)");
	char lb[64];

	nv_ioctl_label(&u->ev, HY_DEV_NVIDIACTL, 0, lb, sizeof(lb));
	UT_EXPECT("label", lb, "NV_ESC_RM_FREE");
}

/* RM_MAP_MEMORY: NVOS33 inside nv_ioctl_nvos33_parameters_with_fd; its status is nested */
UT_CASE(rm_map_memory)
{
	struct { struct { uint32_t hClient, hDevice, hMemory, pad; uint64_t offset, length,
			  pLinearAddress; uint32_t status, flags; } params; int32_t fd, pad; }
		m = { { 0xc1d00001, 0x5c000003, 0xcaf00004, 0, 0, 0x200000, 0, 0, 0 }, 7, 0 }, mo = m;

	mo.params.pLinearAddress = 0x7f0000000000;
	mo.params.status = 0x1f;
	ut_begin(u, SYS_ioctl, 4, IOWR_F(0x4e, sizeof(m)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia0");
	top(u, HY_AT_ENTER, &m, sizeof(m));
	top(u, HY_AT_EXIT, &mo, sizeof(mo));
	UT_LINE(u, "map memory", 0,
		"ioctl(4, NV_ESC_RM_MAP_MEMORY, {params={hClient=0xc1d00001, hDevice=0x5c000003, "
		"hMemory=0xcaf00004, offset=0, length=0x200000, pLinearAddress=NULL, flags=0}, fd=7} => "
		"{params={hClient=0xc1d00001, hDevice=0x5c000003, hMemory=0xcaf00004, offset=0, "
		"length=0x200000, pLinearAddress=0x7f0000000000, status=NV_ERR_INVALID_ARGUMENT, flags=0}}) = 0 "
		"(NV_ERR_INVALID_ARGUMENT)");
	uint32_t st = 0;

	UT_CHECK("nested status", nv_ioctl_status(&u->ev, HY_DEV_NVIDIA, 0, &st) && st == 0x1f);
}

/* XFER: the command it carries, decoded in place of its pointer */
UT_CASE(xfer)
{
	struct xfer x = { 0x2a, sizeof(struct nvos54), PSUB };
	struct nvos54 in = { 0xc1d00001, 0xc1d00001, 0x201, 0, 0x7ffc3000, 128, 0 }, out = in;
	uint32_t ids[32] = { 0x100 };

	out.status = 0x56;
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0xd3, sizeof(x)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &x, sizeof(x));
	top(u, HY_AT_EXIT, &x, sizeof(x));
	sub(u, HY_AT_ENTER, 1, &in, sizeof(in));
	sub(u, HY_AT_EXIT, 1, &out, sizeof(out));
	sub(u, HY_AT_ENTER, 1 + HY_IOCD_SUBS, ids, sizeof(ids));
	sub(u, HY_AT_EXIT, 1 + HY_IOCD_SUBS, ids, sizeof(ids));
	UT_LINE(u, "xfer rm_control", 0,
		"ioctl(3, NV_ESC_IOCTL_XFER_CMD, {cmd=NV_ESC_RM_CONTROL, size=32, ptr={hClient=0xc1d00001, "
		"hObject=0xc1d00001, cmd=NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS, flags=0, "
		"params={gpuIds=[0x100]}, paramsSize=128}} => {ptr={status=NV_ERR_NOT_SUPPORTED}}) = 0 "
		"(NV_ERR_NOT_SUPPORTED)");
	char lb[128];
	uint32_t st;

	nv_ioctl_label(&u->ev, HY_DEV_NVIDIACTL, 0, lb, sizeof(lb));
	UT_EXPECT("label", lb, "NV_ESC_RM_CONTROL:NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS");
	UT_CHECK("status of the wrapped command", nv_ioctl_status(&u->ev, HY_DEV_NVIDIACTL, 0, &st) &&
							  st == 0x56);

	/* the wrapped buffer not captured: the pointer */
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0xd3, sizeof(x)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &x, sizeof(x));
	UT_LINE(u, "xfer uncaptured", -25,
		"ioctl(3, NV_ESC_IOCTL_XFER_CMD, {cmd=NV_ESC_RM_CONTROL, size=32, ptr=0x7ffc2000}) = -1 "
		"ENOTTY (Inappropriate ioctl for device)");
}

/*
 * Lists that RM control params point to (the third level): ctrl0080gpu.h's
 * NV0080_CTRL_GPU_GET_CLASSLIST_PARAMS { NvU32 numClasses; NvP64 classList; }, ctrl2080gr.h's
 * NV2080_CTRL_GR_GET_INFO_PARAMS { NvU32 grInfoListSize; NvP64 grInfoList;
 * NV2080_CTRL_GR_ROUTE_INFO grRouteInfo (NvU32 flags; NvU64 route); } of NVXXXX_CTRL_XXX_INFO
 * { NvU32 index, data; } and ctrl0000system.h's NV0000_CTRL_SYSTEM_GET_BUILD_VERSION_PARAMS.
 */
struct classlist { uint32_t numClasses, pad; uint64_t classList; };
struct grinfo { uint32_t grInfoListSize, pad; uint64_t grInfoList; uint32_t flags, pad2; uint64_t route; };
struct xxinfo { uint32_t index, data; };
struct buildver { uint32_t sizeOfStrings, pad; uint64_t pDriverVersionBuffer, pVersionBuffer,
		  pTitleBuffer; uint32_t changelistNumber, officialChangelistNumber; };
#define PLIST 0x7ffc4000	/* where a list lies */

static void ctl54(struct ut *u, uint32_t cmd, size_t psize, int status)
{
	struct nvos54 in = { 0xc1d00001, 0x5c000001, cmd, 0, PSUB, (uint32_t)psize, 0 }, out = in;

	out.status = (uint32_t)status;
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x2a, sizeof(in)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &in, sizeof(in));
	if (status >= 0)
		top(u, HY_AT_EXIT, &out, sizeof(out));
}

UT_CASE(rm_control_lists)
{
	struct classlist cl = { 5, 0, PLIST };
	uint32_t classes[5] = { 0x80, 0x2080, 0x3e, 0xc6c0, 0xbeef };
	struct grinfo gi = { 2, 0, PLIST, 0, 0, 0 };
	struct xxinfo gin[2] = { { 1, 0 }, { 2, 0 } }, gout[2] = { { 1, 64 }, { 2, 128 } };

	/* an output list: the pointer at entry, the elements at exit, by class name */
	ctl54(u, 0x800201, sizeof(cl), 0);
	sub(u, HY_AT_ENTER, 1, &cl, sizeof(cl));
	sub(u, HY_AT_EXIT, 1, &cl, sizeof(cl));
	sub(u, HY_AT_EXIT, 1 + HY_IOCD_SUBS, classes, sizeof(classes));
	UT_LINE(u, "class list", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000001, "
		"cmd=NV0080_CTRL_CMD_GPU_GET_CLASSLIST, flags=0, params={numClasses=5, "
		"classList=0x7ffc4000}, paramsSize=16} => {params={classList=[NV01_DEVICE_0, "
		"NV20_SUBDEVICE_0, NV01_MEMORY_SYSTEM, AMPERE_COMPUTE_A, ...]}, status=NV_OK}) = 0 (NV_OK)");
	u->o.verbose = 1;
	UT_LINE(u, "class list -v", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000001, "
		"cmd=NV0080_CTRL_CMD_GPU_GET_CLASSLIST, flags=0, params={numClasses=5, "
		"classList=0x7ffc4000}, paramsSize=16} => {params={classList=[NV01_DEVICE_0, "
		"NV20_SUBDEVICE_0, NV01_MEMORY_SYSTEM, AMPERE_COMPUTE_A, 0xbeef /* class ??? */]}, "
		"status=NV_OK}) = 0 (NV_OK)");
	u->o.verbose = 0;

	/* an in/out list: {index, data} pairs at entry, the data the driver wrote at exit */
	ctl54(u, 0x20801201, sizeof(gi), 0);
	sub(u, HY_AT_ENTER, 1, &gi, sizeof(gi));
	sub(u, HY_AT_EXIT, 1, &gi, sizeof(gi));
	sub(u, HY_AT_ENTER, 1 + HY_IOCD_SUBS, gin, sizeof(gin));
	sub(u, HY_AT_EXIT, 1 + HY_IOCD_SUBS, gout, sizeof(gout));
	UT_LINE(u, "gr info", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000001, "
		"cmd=NV2080_CTRL_CMD_GR_GET_INFO, flags=0, params={grInfoListSize=2, "
		"grInfoList=[{index=1, data=0}, {index=2, data=0}], grRouteInfo={flags=0, route=0}}, "
		"paramsSize=32} => {params={grInfoList=[{index=1, data=64}, {index=2, data=128}]}, "
		"status=NV_OK}) = 0 (NV_OK)");

	/* a list shorter than its count (the capture was cut): "..." after what was read */
	gi.grInfoListSize = 6;
	ctl54(u, 0x20801201, sizeof(gi), -1);
	sub(u, HY_AT_ENTER, 1, &gi, sizeof(gi));
	sub(u, HY_AT_ENTER, 1 + HY_IOCD_SUBS, gin, sizeof(gin));
	UT_LINE(u, "gr info truncated", -25,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000001, "
		"cmd=NV2080_CTRL_CMD_GR_GET_INFO, flags=0, params={grInfoListSize=6, "
		"grInfoList=[{index=1, data=0}, {index=2, data=0}, ...], grRouteInfo={flags=0, route=0}}, "
		"paramsSize=32}) = -1 ENOTTY (Inappropriate ioctl for device)");

	/* a list that could not be read: its address, as strace prints unreadable memory */
	ctl54(u, 0x20801201, sizeof(gi), -1);
	sub(u, HY_AT_ENTER, 1, &gi, sizeof(gi));
	rb_blob(&u->rb, HY_ARG_EXTRA, HY_AT_ENTER, 1 + HY_IOCD_SUBS, PLIST, 0);
	rb_blob_done(&u->rb, 0, -14, 0);	/* EFAULT */
	UT_LINE(u, "gr info unreadable", -25,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000001, "
		"cmd=NV2080_CTRL_CMD_GR_GET_INFO, flags=0, params={grInfoListSize=6, "
		"grInfoList=0x7ffc4000, grRouteInfo={flags=0, route=0}}, paramsSize=32}) = -1 ENOTTY "
		"(Inappropriate ioctl for device)");

	/* a list of 13 bytes: its one whole element, then "..." (the count says 2) */
	gi.grInfoListSize = 2;
	ctl54(u, 0x20801201, sizeof(gi), -1);
	sub(u, HY_AT_ENTER, 1, &gi, sizeof(gi));
	sub(u, HY_AT_ENTER, 1 + HY_IOCD_SUBS, gin, 13);
	UT_LINE(u, "gr info odd length", -25,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000001, "
		"cmd=NV2080_CTRL_CMD_GR_GET_INFO, flags=0, params={grInfoListSize=2, "
		"grInfoList=[{index=1, data=0}, ...], grRouteInfo={flags=0, route=0}}, "
		"paramsSize=32}) = -1 ENOTTY (Inappropriate ioctl for device)");

	/* params cut inside the pointer, the list captured: the list, then the params' "..." */
	ctl54(u, 0x20801201, sizeof(gi), -1);
	sub(u, HY_AT_ENTER, 1, &gi, 12);
	sub(u, HY_AT_ENTER, 1 + HY_IOCD_SUBS, gin, sizeof(gin));
	UT_LINE(u, "gr info params cut", -25,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000001, "
		"cmd=NV2080_CTRL_CMD_GR_GET_INFO, flags=0, params={grInfoListSize=2, "
		"grInfoList=[{index=1, data=0}, {index=2, data=0}], ...}, paramsSize=32}) = -1 ENOTTY "
		"(Inappropriate ioctl for device)");

	/* through XFER: the wrapped NVOS54 at idx 1, its params at 4, their list at 7 */
	struct xfer x = { 0x2a, sizeof(struct nvos54), PSUB };
	struct nvos54 w = { 0xc1d00001, 0x5c000001, 0x20801201, 0, 0x7ffc3000, sizeof(gi), 0 };

	gi.grInfoListSize = 2;
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0xd3, sizeof(x)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &x, sizeof(x));
	sub(u, HY_AT_ENTER, 1, &w, sizeof(w));
	sub(u, HY_AT_ENTER, 1 + HY_IOCD_SUBS, &gi, sizeof(gi));
	sub(u, HY_AT_ENTER, 1 + 2 * HY_IOCD_SUBS, gin, sizeof(gin));
	UT_LINE(u, "gr info in xfer", -25,
		"ioctl(3, NV_ESC_IOCTL_XFER_CMD, {cmd=NV_ESC_RM_CONTROL, size=32, ptr={hClient=0xc1d00001, "
		"hObject=0x5c000001, cmd=NV2080_CTRL_CMD_GR_GET_INFO, flags=0, params={grInfoListSize=2, "
		"grInfoList=[{index=1, data=0}, {index=2, data=0}], grRouteInfo={flags=0, route=0}}, "
		"paramsSize=32}}) = -1 ENOTTY (Inappropriate ioctl for device)");

	/* strings of sizeOfStrings bytes each, filled by the driver */
	struct buildver bv = { 16, 0, PLIST, PLIST + 16, PLIST + 32, 0, 0 }, bvo = bv;
	char drv[16] = "595.45.04", ver[16] = "rel/gpu_drv", title[16] = "NVIDIA UNIX x86";

	bvo.changelistNumber = 7;
	ctl54(u, 0x101, sizeof(bv), 0);
	sub(u, HY_AT_ENTER, 1, &bv, sizeof(bv));
	sub(u, HY_AT_EXIT, 1, &bvo, sizeof(bvo));
	sub(u, HY_AT_EXIT, 1 + HY_IOCD_SUBS, drv, sizeof(drv));
	sub(u, HY_AT_EXIT, 2 + HY_IOCD_SUBS, ver, sizeof(ver));
	sub(u, HY_AT_EXIT, 3 + HY_IOCD_SUBS, title, sizeof(title));
	UT_LINE(u, "build version", 0,
		"ioctl(3, NV_ESC_RM_CONTROL, {hClient=0xc1d00001, hObject=0x5c000001, "
		"cmd=NV0000_CTRL_CMD_SYSTEM_GET_BUILD_VERSION, flags=0, params={sizeOfStrings=16, "
		"pDriverVersionBuffer=0x7ffc4000, pVersionBuffer=0x7ffc4010, pTitleBuffer=0x7ffc4020, "
		"changelistNumber=0, officialChangelistNumber=0}, paramsSize=40} => "
		"{params={pDriverVersionBuffer=\"595.45.04\", pVersionBuffer=\"rel/gpu_drv\", "
		"pTitleBuffer=\"NVIDIA UNIX x86\", changelistNumber=7}, status=NV_OK}) = 0 (NV_OK)");
}

UT_CASE(frontend)
{
	struct rm_api_version v = { 0, 0, "595.45.04" }, vo = v;

	vo.reply = 1;
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0xd2, sizeof(v)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &v, sizeof(v));
	top(u, HY_AT_EXIT, &vo, sizeof(vo));
	UT_LINE(u, "check version", 0,
		"ioctl(3, NV_ESC_CHECK_VERSION_STR, {cmd=0, reply=0, versionString=\"595.45.04\"} => "
		"{reply=1}) = 0");
	UT_CHECK("version major", nv_version_major(&u->ev, HY_DEV_NVIDIACTL) == 595);
	UT_CHECK("version major, other kind", nv_version_major(&u->ev, HY_DEV_NVIDIA_UVM) == 0);

	int32_t ctl = 3;

	ut_begin(u, SYS_ioctl, 4, IOWR_F(0xc9, 4), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia0");
	top(u, HY_AT_ENTER, &ctl, 4);
	top(u, HY_AT_EXIT, &ctl, 4);
	UT_LINE(u, "register fd", 0, "ioctl(4, NV_ESC_REGISTER_FD, {ctl_fd=3}) = 0");

	uint32_t ids[2] = { 0x100, 0x200 };

	ut_begin(u, SYS_ioctl, 3, IOWR_F(0xd4, sizeof(ids)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, ids, sizeof(ids));
	UT_LINE(u, "attach gpus", 0, "ioctl(3, NV_ESC_ATTACH_GPUS_TO_FD, [0x100, 0x200]) = 0");

	/* an escape number the tables do not know: the generic form */
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0xfe, 8), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	UT_LINE(u, "unknown escape", -25,
		"ioctl(3, _IOC(_IOC_READ|_IOC_WRITE, 0x46, 0xfe, 0x8), 0x7ffc1000) = -1 ENOTTY "
		"(Inappropriate ioctl for device)");
	char lb[64];

	nv_ioctl_label(&u->ev, HY_DEV_NVIDIACTL, 0, lb, sizeof(lb));
	UT_EXPECT("label unknown escape", lb, "0xc00846fe");
}

/* NVOS47 changed in 550: the layout by the version CHECK_VERSION_STR reported, else by size */
UT_CASE(nvos47)
{
	struct nvos47_v550 n = { 1, 2, 3, 4, 0, 0, 0x1000, 0x2000, 0, 0 };
	struct nvos47_v545 o = { 1, 2, 3, 4, 0, 0, 0x1000, 0, 0 };

	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x58, sizeof(n)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &n, sizeof(n));
	UT_LINE(u, "550 by size", -25,
		"ioctl(3, NV_ESC_RM_UNMAP_MEMORY_DMA, {hClient=0x1, hDevice=0x2, hDma=0x3, hMemory=0x4, "
		"flags=0, dmaOffset=0x1000, size=0x2000}) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x58, sizeof(o)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &o, sizeof(o));
	UT_LINE(u, "545 by size", -25,
		"ioctl(3, NV_ESC_RM_UNMAP_MEMORY_DMA, {hClient=0x1, hDevice=0x2, hDma=0x3, hMemory=0x4, "
		"flags=0, dmaOffset=0x1000}) = -1 ENOTTY (Inappropriate ioctl for device)");
	/* the version wins over the size */
	u->d.nv_major = 535;
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x58, sizeof(n)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &o, sizeof(o));
	UT_LINE(u, "545 by version", -25,
		"ioctl(3, NV_ESC_RM_UNMAP_MEMORY_DMA, {hClient=0x1, hDevice=0x2, hDma=0x3, hMemory=0x4, "
		"flags=0, dmaOffset=0x1000}) = -1 ENOTTY (Inappropriate ioctl for device)");
	u->d.nv_major = 0;

	/* NVOS46 before 580: 56 bytes, no flags2/kindOverride; chosen by its size */
	struct { uint32_t hClient, hDevice, hDma, hMemory; uint64_t offset, length; uint32_t flags, pad;
		 uint64_t dmaOffset; uint32_t status, pad2; } m = { 1, 2, 3, 4, 0x10, 0x20, 0, 0, 0x3000, 0, 0 };

	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x57, sizeof(m)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &m, sizeof(m));
	UT_LINE(u, "NVOS46 575 by size", -25,
		"ioctl(3, NV_ESC_RM_MAP_MEMORY_DMA, {hClient=0x1, hDevice=0x2, hDma=0x3, hMemory=0x4, "
		"offset=0x10, length=0x20, flags=0, dmaOffset=0x3000}) = -1 ENOTTY (Inappropriate ioctl for device)");

	/* NVOS21 before 535: same size, no paramsSize: only the version tells */
	struct { uint32_t hRoot, hObjectParent, hObjectNew, hClass; uint64_t pAllocParms;
		 uint32_t status, pad; } r = { 1, 2, 3, 0x80, 0, 0x56, 0 };

	u->d.nv_major = 520;
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x2b, sizeof(r)), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &r, sizeof(r));
	top(u, HY_AT_EXIT, &r, sizeof(r));
	UT_LINE(u, "NVOS21 520 by version", 0,
		"ioctl(3, NV_ESC_RM_ALLOC, {hRoot=0x1, hObjectParent=0x2, hObjectNew=0x3, "
		"hClass=NV01_DEVICE_0, pAllocParms=NULL} => {status=NV_ERR_NOT_SUPPORTED}) = 0 "
		"(NV_ERR_NOT_SUPPORTED)");
	/* the sinks' status (-c, -Z, -e status=) and label read the same layout */
	uint32_t st = 0;
	char lb[64];

	UT_CHECK("NVOS21 520 status", nv_ioctl_status(&u->ev, HY_DEV_NVIDIACTL, 520, &st) &&
		 st == 0x56);
	UT_CHECK("NVOS21 595 status", nv_ioctl_status(&u->ev, HY_DEV_NVIDIACTL, 595, &st) &&
		 st == 0);
	nv_ioctl_label(&u->ev, HY_DEV_NVIDIACTL, 520, lb, sizeof(lb));
	UT_CHECK("NVOS21 520 label", !strcmp(lb, "NV_ESC_RM_ALLOC:NV01_DEVICE_0"));
	u->d.nv_major = 595;
	UT_LINE(u, "NVOS21 595 by version", 0,
		"ioctl(3, NV_ESC_RM_ALLOC, {hRoot=0x1, hObjectParent=0x2, hObjectNew=0x3, "
		"hClass=NV01_DEVICE_0, pAllocParms=NULL, paramsSize=86} => {status=NV_OK}) = 0 (NV_OK)");
	u->d.nv_major = 0;
}

UT_CASE(uvm)
{
	struct uvm_register_gpu g = { { 0x5e, 0x1f, 0x2a, 0x3b, 0x4c, 0x5d, 0x6e, 0x7f, 0x80, 0x91, 0xa2,
					0xb3, 0xc4, 0xd5, 0xe6, 0xf7 }, 0, { 0 }, -1, 3, 0xc1d00001, 0, 0 };
	struct uvm_register_gpu go = g;

	go.rmStatus = 0x1f;
	ut_begin(u, SYS_ioctl, 5, 0x25, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia-uvm");
	top(u, HY_AT_ENTER, &g, sizeof(g));
	top(u, HY_AT_EXIT, &go, sizeof(go));
	UT_LINE(u, "register gpu", 0,
		"ioctl(5, UVM_REGISTER_GPU, {gpu_uuid=GPU-5e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7, "
		"numaEnabled=0, numaNodeId=-1, rmCtrlFd=3, hClient=0xc1d00001, hSmcPartRef=0} => "
		"{rmStatus=NV_ERR_INVALID_ARGUMENT}) = 0 (NV_ERR_INVALID_ARGUMENT)");
	char lb[64];

	nv_ioctl_label(&u->ev, HY_DEV_NVIDIA_UVM, 0, lb, sizeof(lb));
	UT_EXPECT("label", lb, "UVM_REGISTER_GPU");

	struct uvm_initialize i = { 0, 0, 0 };

	ut_begin(u, SYS_ioctl, 5, 0x30000001, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia-uvm");
	top(u, HY_AT_ENTER, &i, sizeof(i));
	top(u, HY_AT_EXIT, &i, sizeof(i));
	UT_LINE(u, "initialize", 0, "ioctl(5, UVM_INITIALIZE, {flags=0} => {rmStatus=NV_OK}) = 0 (NV_OK)");

	ut_begin(u, SYS_ioctl, 5, 0x30000002, 0, 0, 0, 0);
	fdpath(u, "/dev/nvidia-uvm");
	UT_LINE(u, "deinitialize", 0, "ioctl(5, UVM_DEINITIALIZE, 0) = 0");

	/* UVM numbers on other fds are not UVM's: not decoded */
	ut_begin(u, SYS_ioctl, 3, 0x30000001, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, &i, sizeof(i));
	UT_LINE(u, "uvm on nvidiactl", -25,
		"ioctl(3, _IOC(_IOC_NONE, 0, 0x1, 0x3000), 0x7ffc1000) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(u, SYS_ioctl, 3, 0x30000001, PTOP, 0, 0, 0);
	top(u, HY_AT_ENTER, &i, sizeof(i));
	UT_LINE(u, "uvm without a path", -25,
		"ioctl(3, _IOC(_IOC_NONE, 0, 0x1, 0x3000), 0x7ffc1000) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(u, SYS_ioctl, 3, 0x30000001, PTOP, 0, 0, 0);
	fdpath(u, "/tmp/nvidia-uvm");
	UT_LINE(u, "uvm on a file", -25,
		"ioctl(3, _IOC(_IOC_NONE, 0, 0x1, 0x3000), 0x7ffc1000) = -1 ENOTTY (Inappropriate ioctl for device)");
	/* and escapes are not decoded on UVM's fd, nor on nvidia-modeset's */
	ut_begin(u, SYS_ioctl, 5, IOWR_F(0x2a, 32), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia-uvm");
	UT_LINE(u, "escape on uvm", -25,
		"ioctl(5, _IOC(_IOC_READ|_IOC_WRITE, 0x46, 0x2a, 0x20), 0x7ffc1000) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(u, SYS_ioctl, 5, IOWR_F(0x2a, 32), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia-modeset");
	UT_LINE(u, "escape on modeset", -25,
		"ioctl(5, _IOC(_IOC_READ|_IOC_WRITE, 0x46, 0x2a, 0x20), 0x7ffc1000) = -1 ENOTTY (Inappropriate ioctl for device)");
	/* an unknown UVM number */
	ut_begin(u, SYS_ioctl, 5, 0x3ff, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia-uvm");
	UT_LINE(u, "unknown uvm", -25,
		"ioctl(5, _IOC(_IOC_NONE, 0x3, 0xff, 0), 0x7ffc1000) = -1 ENOTTY (Inappropriate ioctl for device)");
	nv_ioctl_label(&u->ev, HY_DEV_NVIDIA_UVM, 0, lb, sizeof(lb));
	UT_EXPECT("label unknown", lb, "0x3ff");
}

/* RM_VID_HEAP_CONTROL: the function by name; the AllocSize members only for ALLOC_SIZE */
UT_CASE(vidheap)
{
	struct { uint32_t hRoot, hObjectParent, function, hVASpace; int16_t ivcHeapNumber; uint16_t pad;
		 uint32_t status; uint64_t total, free;
		 struct { uint32_t owner, hMemory, type, flags, attr, format, comprCovg, zcullCovg,
			  partitionStride, width, height, pad; uint64_t size, alignment, offset, limit,
			  address, rangeBegin, rangeEnd; uint32_t attr2, ctagOffset; int32_t numaNode; } as;
	} v = { 0xc1d00001, 0x5c000001, 2, 0, 0, 0, 0, 0, 0,
		{ 0x1, 0xcaf00003, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0x200000, 0x1000, 0, 0, 0, 0, 0, 0,
		  0, -1 } };
	size_t n;
	const struct nv_bind *b = NULL;

	for (n = 0; n < nv_nbinds; n++)
		if (nv_binds[n].role == NVB_ESC && nv_binds[n].key == 0x4a)
			b = &nv_binds[n];
	UT_CHECK("NVOS32 bound", b && b->s && b->s->size >= sizeof(v));
	if (!b || !b->s)
		return;
	uint8_t buf[512] = { 0 };

	memcpy(buf, &v, sizeof(v));
	u->o.verbose = 1;
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x4a, b->s->size), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, buf, b->s->size);
	UT_LINE(u, "alloc size -v", -25,
		"ioctl(3, NV_ESC_RM_VID_HEAP_CONTROL, {hRoot=0xc1d00001, hObjectParent=0x5c000001, "
		"function=NVOS32_FUNCTION_ALLOC_SIZE, hVASpace=0, ivcHeapNumber=0, total=0, free=0, "
		"data.AllocSize.owner=1, data.AllocSize.hMemory=0xcaf00003, data.AllocSize.type=0, "
		"data.AllocSize.flags=0x10, data.AllocSize.attr=0, data.AllocSize.format=0, "
		"data.AllocSize.comprCovg=0, data.AllocSize.zcullCovg=0, data.AllocSize.partitionStride=0, "
		"data.AllocSize.width=0, data.AllocSize.height=0, data.AllocSize.size=0x200000, "
		"data.AllocSize.alignment=0x1000, data.AllocSize.offset=0, data.AllocSize.limit=0, "
		"data.AllocSize.address=NULL, data.AllocSize.rangeBegin=0, data.AllocSize.rangeEnd=0, "
		"data.AllocSize.attr2=0, data.AllocSize.ctagOffset=0, data.AllocSize.numaNode=-1}) = -1 "
		"ENOTTY (Inappropriate ioctl for device)");
	u->o.verbose = 0;
	UT_LINE(u, "alloc size", -25,
		"ioctl(3, NV_ESC_RM_VID_HEAP_CONTROL, {hRoot=0xc1d00001, hObjectParent=0x5c000001, "
		"function=NVOS32_FUNCTION_ALLOC_SIZE, hVASpace=0, ivcHeapNumber=0, total=0, free=0, "
		"data.AllocSize.owner=1, ...}) = -1 ENOTTY (Inappropriate ioctl for device)");
	buf[8] = 3;	/* NVOS32_FUNCTION_FREE: no AllocSize members */
	ut_begin(u, SYS_ioctl, 3, IOWR_F(0x4a, b->s->size), PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidiactl");
	top(u, HY_AT_ENTER, buf, b->s->size);
	UT_LINE(u, "free", -25,
		"ioctl(3, NV_ESC_RM_VID_HEAP_CONTROL, {hRoot=0xc1d00001, hObjectParent=0x5c000001, "
		"function=NVOS32_FUNCTION_FREE, hVASpace=0, ivcHeapNumber=0, total=0, free=0}) = -1 "
		"ENOTTY (Inappropriate ioctl for device)");
}

/* Every escape and UVM command of the tables prints by name on its kind of fd. */
UT_CASE(names)
{
	int bad = 0;

	for (unsigned int i = 0; i < xlat_nv_escapes.n; i++) {
		const struct xlat_ent *e = &xlat_nv_escapes.e[i];
		char want[96];

		ut_begin(u, SYS_ioctl, 3, IOWR_F((uint32_t)e->val, 8), 0, 0, 0, 0);
		fdpath(u, "/dev/nvidiactl");
		snprintf(want, sizeof(want), "ioctl(3, %s, ", e->name);
		if (strncmp(ut_line(u, -25), want, strlen(want))) {
			printf("#  got: %s\n", u->sb.s);
			bad = 1;
		}
	}
	UT_CHECK("escapes by name", !bad);
	for (unsigned int i = 0; i < xlat_nv_uvm_cmds.n; i++) {
		const struct xlat_ent *e = &xlat_nv_uvm_cmds.e[i];
		char want[96];

		ut_begin(u, SYS_ioctl, 3, e->val, 0, 0, 0, 0);
		fdpath(u, "/dev/nvidia-uvm-tools");
		snprintf(want, sizeof(want), "ioctl(3, %s, ", e->name);
		if (strncmp(ut_line(u, -25), want, strlen(want))) {
			printf("#  got: %s\n", u->sb.s);
			bad = 1;
		}
	}
	UT_CHECK("uvm commands by name", !bad);
}

UT_TEST(status_names)
{
	UT_EXPECT("NV_OK", nv_status_name(0), "NV_OK");
	UT_EXPECT("generic", nv_status_name(0xffff), "NV_ERR_GENERIC");
	UT_EXPECT("not supported", nv_status_name(0x56), "NV_ERR_NOT_SUPPORTED");
	UT_EXPECT("invalid argument", nv_status_name(0x1f), "NV_ERR_INVALID_ARGUMENT");
	UT_CHECK("unknown", nv_status_name(0x7654321) == NULL);
	UT_CHECK("all codes", xlat_nv_status.n > 140);
	for (unsigned int i = 0; i < xlat_nv_status.n; i++)
		if (strncmp(xlat_nv_status.e[i].name, "NV_", 3)) {
			UT_CHECK("names start with NV_", 0);
			return;
		}
	UT_CHECK("names start with NV_", 1);
}

UT_TEST(tables)
{
	uint64_t v;

	UT_CHECK("class NV01_ROOT_CLIENT", !xlat_value(&xlat_nv_classes, "NV01_ROOT_CLIENT", &v) && v == 0x41);
	UT_EXPECT("class 0x41", xlat_name(&xlat_nv_classes, 0x41), "NV01_ROOT_CLIENT");
	UT_EXPECT("class 0x2080", xlat_name(&xlat_nv_classes, 0x2080), "NV20_SUBDEVICE_0");
	UT_EXPECT("class c86f", xlat_name(&xlat_nv_classes, 0xc86f), "HOPPER_CHANNEL_GPFIFO_A");
	UT_EXPECT("class 0x3e by its allocation name", xlat_name(&xlat_nv_classes, 0x3e), "NV01_MEMORY_SYSTEM");
	UT_EXPECT("class 0x79", xlat_name(&xlat_nv_classes, 0x79), "NV01_EVENT_OS_EVENT");
	UT_EXPECT("class 0x81 (cl84a0.h)", xlat_name(&xlat_nv_classes, 0x81), "NV01_MEMORY_LIST_SYSTEM");
	UT_EXPECT("cmd 0x20800102", xlat_name(&xlat_nv_ctrl_cmds, 0x20800102), "NV2080_CTRL_CMD_GPU_GET_INFO_V2");
	UT_CHECK("thousand cmds", xlat_nv_ctrl_cmds.n > 1000);
	/* GPU info indexes: the index block of ctrl2080gpu.h, not the data values below it */
	UT_EXPECT("gpu info index 0x1f", xlat_name(&xlat_nv_gpu_info_index, 0x1f),
		  "NV2080_CTRL_GPU_INFO_INDEX_SYSMEM_ACCESS");
	UT_CHECK("gpu info index 0 unnamed (GEMINI_BOARD_NO is a data value)",
		 !xlat_name(&xlat_nv_gpu_info_index, 0));
	UT_CHECK("no bit range", xlat_value(&xlat_nv_gpu_info_index,
					    "NV2080_CTRL_GPU_INFO_INDEX_INDEX", &v));
	/* commands the finn comments mark, whatever their name or category (gen-nvidia.sh) */
	UT_EXPECT("cmd without _CMD_", xlat_name(&xlat_nv_ctrl_cmds, 0x906f0101),
		  "NV906F_CTRL_GET_CLASS_ENGINEID");
	UT_EXPECT("cmd of category 0", xlat_name(&xlat_nv_ctrl_cmds, 0x00de0001),
		  "NV00DE_CTRL_CMD_REQUEST_DATA_POLL");
	UT_EXPECT("cmd of category 0 without NVxxxx_", xlat_name(&xlat_nv_ctrl_cmds, 0x00da0002),
		  "NV_SEMAPHORE_SURFACE_CTRL_CMD_BIND_CHANNEL");
	/* ... and not the flags and field values named *_CTRL_CMD_* nor a NULL command of category 0 */
	UT_CHECK("no flag", xlat_value(&xlat_nv_ctrl_cmds,
				       "NV0073_CTRL_CMD_DP_GET_LINK_CONFIG_LANE_COUNT_1", &v));
	UT_CHECK("no NULL command of category 0", xlat_value(&xlat_nv_ctrl_cmds,
							     "NV0073_CTRL_CMD_NULL", &v));
	/*
	 * every cmd is class << 16 | category << 8 | index with its class in its name; category 0
	 * only in the classes whose interface id is 0 in 595.45.04 (ctrl00da.h, ctrl00de.h,
	 * ctrl00f1.h: FINN_*_INTERFACE_ID << 8 is 0)
	 */
	int bad = 0;

	for (unsigned int i = 0; i < xlat_nv_ctrl_cmds.n; i++) {
		const struct xlat_ent *e = &xlat_nv_ctrl_cmds.e[i];
		unsigned int cls;

		if ((((e->val >> 8) & 0xff) == 0 && e->val >> 16 != 0xda && e->val >> 16 != 0xde &&
		     e->val >> 16 != 0xf1) || e->val > 0xffffffffu) {
			printf("#  %s = %#llx\n", e->name, (unsigned long long)e->val);
			bad = 1;
		}
		if (sscanf(e->name, "NV%4x_CTRL_CMD_", &cls) == 1 && cls != e->val >> 16) {
			printf("#  %s = %#llx\n", e->name, (unsigned long long)e->val);
			bad = 1;
		}
	}
	UT_CHECK("cmd numbers", !bad);
	bad = 0;
	for (const char *const *f = (const char *const[]){ "0000", "0080", "2080", "83DE", "C36F",
							   "00F8", "90F1", "A06C", "0073", "0041",
							   "503C", "906F", NULL }; *f; f++) {
		char pre[32];
		unsigned int k = 0;

		snprintf(pre, sizeof(pre), "NV%s_CTRL_CMD_", *f);
		for (unsigned int i = 0; i < xlat_nv_ctrl_cmds.n; i++)
			k += !strncmp(xlat_nv_ctrl_cmds.e[i].name, pre, strlen(pre));
		if (!k) {
			printf("#  no %s\n", pre);
			bad = 1;
		}
	}
	UT_CHECK("cmd families", !bad);
}

/* The capture descriptions: sorted, tops as large as their struct, subs inside their parent. */
UT_TEST(descs)
{
	size_t n, nc;
	const struct nv_ioc_desc_entry *e = nv_ioc_descs(&n);
	const struct nv_class_size *cs = nv_class_sizes(&nc);
	int bad = 0;

	UT_CHECK("some", n > 100);
	for (size_t i = 0; i < n; i++) {
		const struct hy_ioc_desc *dd = &e[i].desc;
		uint32_t kind = (uint32_t)(e[i].key >> 32), req = (uint32_t)e[i].key;

		if (i && e[i - 1].key >= e[i].key) {
			printf("#  not sorted at %zu\n", i);
			bad = 1;
		}
		if (!kind || (kind >= HY_DEV_KIND_NR && kind != HY_DEV_RMCTRL) || !dd->top_size ||
		    dd->nsubs > HY_IOCD_SUBS || dd->key_off + 4u > dd->top_size ||
		    !(dd->when & (HY_AT_ENTER | HY_AT_EXIT))) {
			printf("#  bad desc %#llx\n", (unsigned long long)e[i].key);
			bad = 1;
		}
		/* an escape issued as such carries its struct's size in the request */
		if (HY_IOC_TYPE(req) == 0x46 && HY_IOC_SIZE(req) != dd->top_size) {
			printf("#  %#x: top_size %u\n", req, dd->top_size);
			bad = 1;
		}
		for (unsigned int k = 0; k < dd->nsubs; k++) {
			const struct hy_ioc_sub *s = &dd->sub[k];

			if (s->parent > k || s->ptr_off + 8u > dd->top_size ||
			    (s->len_size && s->len_off + (uint32_t)s->len_size > dd->top_size) ||
			    (s->len_size != 0 && s->len_size != 4 && s->len_size != 8) ||
			    !s->max || s->max > HY_IOC_SUB_MAX || !s->when ||
			    (s->flags & ~(HY_IOCS_CLASS | HY_IOCS_XFER | HY_IOCS_RMCTRL |
					  HY_IOCS_SHIFT(7))) ||
			    (!(s->flags & HY_IOCS_RMCTRL) && dd->key_off) ||
			    ((s->flags & HY_IOCS_SHIFT(7)) && !s->len_size)) {
				printf("#  bad sub %u of %#llx\n", k, (unsigned long long)e[i].key);
				bad = 1;
			}
		}
		if (nv_ioc_desc(kind, req) != dd)
			bad = 1;
	}
	UT_CHECK("sorted and sane", !bad);
	UT_CHECK("lookup RM_CONTROL", nv_ioc_desc(HY_DEV_NVIDIACTL, IOWR_F(0x2a, 32)) != NULL);
	UT_CHECK("lookup RM_CONTROL on nvidia0", nv_ioc_desc(HY_DEV_NVIDIA, IOWR_F(0x2a, 32)) != NULL);
	UT_CHECK("lookup RM_CONTROL in XFER", nv_ioc_desc(HY_DEV_NVIDIACTL, 0x2a) != NULL);
	UT_CHECK("lookup UVM_INITIALIZE", nv_ioc_desc(HY_DEV_NVIDIA_UVM, 0x30000001) != NULL);
	UT_CHECK("no UVM on nvidiactl", nv_ioc_desc(HY_DEV_NVIDIACTL, 0x30000001) == NULL);
	UT_CHECK("nothing for modeset", nv_ioc_desc(HY_DEV_NVIDIA_MODESET, IOWR_F(0x2a, 32)) == NULL);
	const struct hy_ioc_desc *c = nv_ioc_desc(HY_DEV_NVIDIACTL, IOWR_F(0x2a, 32));

	UT_CHECK("RM_CONTROL params sub", c && c->nsubs == 1 && c->sub[0].ptr_off == 16 &&
						  c->sub[0].len_off == 24 && c->sub[0].len_size == 4);
	UT_CHECK("RM_CONTROL params keyed by cmd", c && c->sub[0].flags == HY_IOCS_RMCTRL &&
							   c->key_off == 8);
	c = nv_ioc_desc(HY_DEV_NVIDIACTL, 0x2a);
	UT_CHECK("RM_CONTROL in XFER keyed by cmd", c && c->sub[0].flags == HY_IOCS_RMCTRL &&
							    c->key_off == 8);
	/* NV0080_CTRL_GPU_GET_CLASSLIST_PARAMS (ctrl0080gpu.h): numClasses at 0, classList at 8 */
	c = nv_ioc_desc(HY_DEV_RMCTRL, 0x800201);
	UT_CHECK("class list", c && c->nsubs == 1 && c->sub[0].ptr_off == 8 && c->sub[0].len_off == 0 &&
				       c->sub[0].len_size == 4 && c->sub[0].flags == HY_IOCS_SHIFT(2) &&
				       c->sub[0].when == HY_AT_EXIT && c->top_size == 16);
	/* NV0080_CTRL_FIFO_GET_CHANNELLIST_PARAMS (ctrl0080fifo.h): two lists of numChannels */
	c = nv_ioc_desc(HY_DEV_RMCTRL, 0x80170d);
	UT_CHECK("channel lists", c && c->nsubs == 2 && c->sub[0].ptr_off == 8 &&
					  c->sub[1].ptr_off == 16 && c->sub[1].len_off == 0 &&
					  c->sub[0].when == (HY_AT_ENTER | HY_AT_EXIT));
	/* every list names a sub of its command's description at its member */
	bad = 0;
	for (size_t i = 0; i < nv_nlists; i++) {
		const struct nv_list *l = &nv_lists[i];
		const struct hy_ioc_desc *ld = nv_ioc_desc(HY_DEV_RMCTRL, l->cmd);

		if ((i && (nv_lists[i - 1].cmd > l->cmd || (nv_lists[i - 1].cmd == l->cmd &&
							    nv_lists[i - 1].ptr_off >= l->ptr_off))) ||
		    !ld || l->sub >= ld->nsubs || ld->sub[l->sub].ptr_off != l->ptr_off ||
		    (1u << HY_IOCS_SHIFT_OF(ld->sub[l->sub].flags)) != l->esize ||
		    !xlat_name(&xlat_nv_ctrl_cmds, l->cmd) ||
		    (l->kind == NVK_STRUCT) != (l->s != NULL)) {
			printf("#  bad list %zu (%#x)\n", i, l->cmd);
			bad = 1;
		}
	}
	UT_CHECK("lists sorted, each a sub of its description", nv_nlists >= 30 && !bad);
	c = nv_ioc_desc(HY_DEV_NVIDIACTL, IOWR_F(0x2b, 32));
	UT_CHECK("RM_ALLOC class sub", c && c->nsubs == 1 && c->sub[0].ptr_off == 16 &&
					       c->sub[0].len_off == 12 && c->sub[0].flags == HY_IOCS_CLASS);
	c = nv_ioc_desc(HY_DEV_NVIDIACTL, IOWR_F(0xd3, 16));
	UT_CHECK("XFER sub", c && c->nsubs == 1 && c->sub[0].ptr_off == 8 && c->sub[0].len_off == 4 &&
				     c->sub[0].flags == HY_IOCS_XFER);

	bad = 0;
	for (size_t i = 0; i < nc; i++)
		if ((i && cs[i - 1].hclass >= cs[i].hclass) || !cs[i].size || cs[i].size > HY_IOC_SUB_MAX)
			bad = 1;
	UT_CHECK("class sizes sorted and sane", nc > 10 && !bad);
	bad = 1;
	for (size_t i = 0; i < nc; i++)
		if (cs[i].hclass == 0x80 && cs[i].size == sizeof(struct nv0080_alloc))
			bad = 0;
	UT_CHECK("NV01_DEVICE_0 size", !bad);
}

/* The allocation params struct a class is bound to and its RM_ALLOC capture size (0: none). */
static const char *class_params(uint32_t hclass, size_t *size)
{
	size_t nc;
	const struct nv_class_size *cs = nv_class_sizes(&nc);
	const char *name = NULL;

	*size = 0;
	for (size_t i = 0; i < nv_nbinds; i++)
		if (nv_binds[i].role == NVB_CLASS && nv_binds[i].key == hclass && nv_binds[i].s)
			name = nv_binds[i].s->name;
	for (size_t i = 0; i < nc; i++)
		if (cs[i].hclass == hclass)
			*size = cs[i].size;
	return name;
}

/* The request-to-struct bindings: sorted (they are searched), and naming known requests. */
UT_TEST(binds)
{
	unsigned int nctrl = 0, nclass = 0;
	int bad = 0;

	for (size_t i = 0; i < nv_nbinds; i++) {
		const struct nv_bind *b = &nv_binds[i];

		if (i && (nv_binds[i - 1].role > b->role ||
			  (nv_binds[i - 1].role == b->role && nv_binds[i - 1].key > b->key))) {
			printf("#  not sorted at %zu\n", i);
			bad = 1;
		}
		const struct xlat *x = b->role == NVB_CTRL ? &xlat_nv_ctrl_cmds :
				       b->role == NVB_CLASS ? &xlat_nv_classes :
				       b->role == NVB_ESC ? &xlat_nv_escapes : &xlat_nv_uvm_cmds;

		if (!xlat_name(x, b->key) || (!b->s && b->role != NVB_UVM)) {
			printf("#  %s %#x: %s\n", x->tname, b->key, b->s ? b->s->name : "no struct");
			bad = 1;
		}
		/* every member inside its struct, elements whole */
		for (unsigned int k = 0; b->s && k < b->s->nf; k++) {
			const struct nv_field *f = &b->s->f[k];

			if (f->name && (f->off + f->esize * f->n > b->s->size || !f->esize || !f->n)) {
				printf("#  %s.%s\n", b->s->name, f->name);
				bad = 1;
			}
		}
		nctrl += b->role == NVB_CTRL;
		nclass += b->role == NVB_CLASS;
	}
	UT_CHECK("sorted, known, members inside", !bad);
	UT_CHECK("params layouts for most control commands", nctrl > 1300);
	UT_CHECK("alloc params for the common classes", nclass > 40);

	/*
	 * NV50_MEMORY_VIRTUAL takes what NV01_MEMORY_SYSTEM takes (595.45.04 virtual_mem.c,
	 * virtmemConstruct_IMPL); the others by the driver's resource_list.h
	 */
	size_t sz, sys;
	const char *name = class_params(0x3e, &sys);

	UT_EXPECT("NV01_MEMORY_SYSTEM params", name, "NV_MEMORY_ALLOCATION_PARAMS");
	name = class_params(0x50a0, &sz);
	UT_EXPECT("NV50_MEMORY_VIRTUAL params", name, "NV_MEMORY_ALLOCATION_PARAMS");
	UT_CHECK("NV50_MEMORY_VIRTUAL capture size", sz == sys && sz > 24);
	name = class_params(0x70, &sz);
	UT_EXPECT("NV01_MEMORY_VIRTUAL params", name, "NV_MEMORY_VIRTUAL_ALLOCATION_PARAMS");
	name = class_params(0xde, &sz);
	UT_EXPECT("RM_USER_SHARED_DATA params", name, "NV00DE_ALLOC_PARAMETERS");
	UT_CHECK("RM_USER_SHARED_DATA capture size (one NvU64)", sz == 8);
	name = class_params(0xc761, &sz);
	UT_EXPECT("BLACKWELL_USERMODE_A params", name, "NV_HOPPER_USERMODE_A_PARAMS");
	name = class_params(0xcb33, &sz);
	UT_EXPECT("NV_CONFIDENTIAL_COMPUTE params", name, "NV_CONFIDENTIAL_COMPUTE_ALLOC_PARAMS");
	UT_CHECK("NV_CONFIDENTIAL_COMPUTE capture size (one NvHandle)", sz == 4);
	name = class_params(0xc361, &sz);
	UT_CHECK("VOLTA_USERMODE_A takes none (RS_NONE)", !name && !sz);
}

static const struct ut_case cases[] = {
	UT_ENTRY(dev_kind), UT_ENTRY(rm_control), UT_ENTRY(rm_control_unknown),
	UT_ENTRY(rm_control_unreadable), UT_ENTRY(rm_alloc), UT_ENTRY(rm_free), UT_ENTRY(xfer),
	UT_ENTRY(frontend), UT_ENTRY(nvos47), UT_ENTRY(uvm), UT_ENTRY(names),
	UT_ENTRY(status_names), UT_ENTRY(tables), UT_ENTRY(descs), UT_ENTRY(binds),
	UT_ENTRY(vidheap), UT_ENTRY(rm_map_memory), UT_ENTRY(rm_control_counted),
	UT_ENTRY(rm_control_lists), UT_ENTRY(rm_control_sm_order), { NULL },
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
