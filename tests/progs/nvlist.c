/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* nvlist.c: RM control params that point to lists (the third level), for tests/nvidia.sh. */
/*
 * Run as nvcap.c is (stand-in files at the NVIDIA paths, every ioctl fails with ENOTTY, so
 * what prints is what was read at entry); everything lies in a page at a fixed address so the
 * captured bytes are the same on every run.  Layouts written out by hand from
 * open-gpu-kernel-modules 595.45.04: nvos.h (NVOS54), nv-ioctl.h (nv_ioctl_xfer_t),
 * ctrl/ctrl2080/ctrl2080gr.h (NV2080_CTRL_GR_GET_INFO_PARAMS: grInfoListSize, grInfoList,
 * grRouteInfo), ctrl/ctrlxxxx.h (NVXXXX_CTRL_XXX_INFO: index, data), ctrl/ctrl0080/
 * ctrl0080fifo.h (NV0080_CTRL_FIFO_GET_CHANNELLIST_PARAMS: numChannels, pChannelHandleList,
 * pChannelList), ctrl/ctrl0080/ctrl0080gpu.h (NV0080_CTRL_GPU_GET_CLASSLIST_PARAMS:
 * numClasses, classList).
 */
#include "hyt.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#define PAGE_AT	((void *)0x7e5600000000ul)

#define NV_IOCTL_MAGIC		'F'
#define NV_ESC_RM_CONTROL	0x2a
#define NV_ESC_IOCTL_XFER_CMD	211
#define NV2080_CTRL_CMD_GR_GET_INFO		0x20801201u
#define NV0080_CTRL_CMD_FIFO_GET_CHANNELLIST	0x0080170du
#define NV0080_CTRL_CMD_GPU_GET_CLASSLIST	0x00800201u

struct nvos54 { uint32_t hClient, hObject, cmd, flags; uint64_t params; uint32_t paramsSize, status; };
struct xfer { uint32_t cmd, size; uint64_t ptr; };
struct info { uint32_t index, data; };
struct grinfo { uint32_t grInfoListSize, pad; uint64_t grInfoList; uint32_t flags, pad2; uint64_t route; };
struct chlist { uint32_t numChannels, pad; uint64_t pChannelHandleList, pChannelList; };
struct classlist { uint32_t numClasses, pad; uint64_t classList; };

struct page {
	struct nvos54 ctl;
	struct grinfo gi;
	struct info list[6];
	struct chlist ch;
	uint32_t handles[3], ids[3];
	struct classlist cl;
	uint32_t classes[8];
	struct xfer x;
	struct nvos54 inner;
	struct grinfo igi;
	struct info ilist[2];
};

#define RM_CONTROL _IOWR(NV_IOCTL_MAGIC, NV_ESC_RM_CONTROL, struct nvos54)

static void control(int fd, struct page *p, uint32_t cmd, void *params, uint32_t size)
{
	p->ctl = (struct nvos54){ 0xc1d00001, 0x5c000001, cmd, 0, (uintptr_t)params, size, 0 };
	syscall(SYS_ioctl, fd, RM_CONTROL, &p->ctl);
}

int main(void)
{
	struct page *p = mmap(PAGE_AT, 4096, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	int ctl = syscall(SYS_openat, AT_FDCWD, "/dev/nvidiactl", O_RDWR | O_CLOEXEC);

	HYT_CHECK(p == PAGE_AT);
	/* {index, data} pairs read at entry: six of them (four print, then "...") */
	for (uint32_t i = 0; i < 6; i++)
		p->list[i] = (struct info){ i + 1, 0 };
	p->gi = (struct grinfo){ 6, 0, (uintptr_t)p->list, 0, 0, 0 };
	control(ctl, p, NV2080_CTRL_CMD_GR_GET_INFO, &p->gi, sizeof(p->gi));
	/* channel handles in (hex), their ids out (not read: the call failed) */
	p->handles[0] = 0xcaf00010;
	p->handles[1] = 0xcaf00011;
	p->handles[2] = 0xcaf00012;
	p->ch = (struct chlist){ 3, 0, (uintptr_t)p->handles, (uintptr_t)p->ids };
	control(ctl, p, NV0080_CTRL_CMD_FIFO_GET_CHANNELLIST, &p->ch, sizeof(p->ch));
	/* an output-only list: its address */
	p->cl = (struct classlist){ 8, 0, (uintptr_t)p->classes };
	control(ctl, p, NV0080_CTRL_CMD_GPU_GET_CLASSLIST, &p->cl, sizeof(p->cl));
	/* a list that cannot be read: its address */
	p->gi.grInfoListSize = 2;
	p->gi.grInfoList = 0x10;
	control(ctl, p, NV2080_CTRL_CMD_GR_GET_INFO, &p->gi, sizeof(p->gi));
	/* through IOCTL_XFER_CMD: XFER -> NVOS54 -> params -> list */
	p->ilist[0] = (struct info){ 0x19, 0 };
	p->ilist[1] = (struct info){ 0x1a, 0 };
	p->igi = (struct grinfo){ 2, 0, (uintptr_t)p->ilist, 0, 0, 0 };
	p->inner = (struct nvos54){ 0xc1d00001, 0x5c000001, NV2080_CTRL_CMD_GR_GET_INFO, 0,
				    (uintptr_t)&p->igi, sizeof(p->igi), 0 };
	p->x = (struct xfer){ NV_ESC_RM_CONTROL, sizeof(p->inner), (uintptr_t)&p->inner };
	syscall(SYS_ioctl, ctl, _IOWR(NV_IOCTL_MAGIC, NV_ESC_IOCTL_XFER_CMD, struct xfer), &p->x);
	syscall(SYS_close, ctl);
	return 0;
}
