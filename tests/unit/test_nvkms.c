// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_nvkms.c: nvidia-modeset's ioctl (NVKMS, issue 11) decoded from hex fixtures. */
/*
 * The layouts here are written out by hand from open-gpu-kernel-modules 595.45.04
 * (src/nvidia-modeset/interface/nvkms-ioctl.h, nvkms-api.h), independently of the generated
 * tables, so a layout the generator got wrong shows up as a wrong line:
 *   struct NvKmsIoctlParams { NvU32 cmd; NvU32 size; NvU64 address; }   16 bytes
 *   NVKMS_IOCTL_IOWR = _IOWR('m', 0, struct NvKmsIoctlParams) = 0xc0106d00
 *   struct NvKmsAllocDeviceParams (1512 bytes): request at 0 (versionString[32], deviceId
 *   {rmDeviceId, migDevice} at 32, no3d at 40, enableConsoleHotplugHandling at 41,
 *   registryKeys[16] of {char name[32]; NvU32 value;} at 44), reply at 624 (status,
 *   deviceHandle, subDeviceMask, numHeads, numDisps, dispHandles[8] at 20, then NvBools at 52..)
 *   struct NvKmsFreeDeviceParams (8 bytes): request {deviceHandle}, reply {padding}
 */
#include <sys/syscall.h>
#include "unit.h"
#include "ioctl/ioctl.h"
#include "ioctl/nvidia.h"
#include "ioctl/nvkms.h"
#include "ioctl/nvkms_tab.h"
#include "xlat_gen.h"

#define REQ	0xc0106d00u	/* NVKMS_IOCTL_IOWR */
#define PTOP	0x7ffc1000	/* where struct NvKmsIoctlParams lies */
#define PSUB	0x7ffc2000	/* where the params lie */
#define ALLOC_SIZE	1512
#define REPLY_AT	624

struct top { uint32_t cmd, size; uint64_t address; };

static void put32(uint8_t *p, size_t off, uint32_t v)
{
	memcpy(p + off, &v, 4);
}

static void fdpath(struct ut *u, const char *p)
{
	ut_blob(u, 0, HY_AT_ENTER, 0, p, strlen(p), HY_BF_FDPATH);
}

static void begin(struct ut *u, const struct top *t)
{
	ut_begin(u, SYS_ioctl, 5, REQ, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia-modeset");
	ut_blob(u, 2, HY_AT_ENTER, 0, t, sizeof(*t), 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, t, sizeof(*t), 0);
}

static void alloc_request(uint8_t *p)
{
	memset(p, 0, ALLOC_SIZE);
	memcpy(p, "595.45.04", 9);
	put32(p, 32, 1);		/* deviceId.rmDeviceId */
	put32(p, 36, 0xffffffff);	/* deviceId.migDevice */
	p[41] = 1;			/* enableConsoleHotplugHandling */
}

static void alloc_reply(uint8_t *p, uint32_t status)
{
	put32(p, REPLY_AT + 0, status);
	put32(p, REPLY_AT + 4, 0x1);	/* deviceHandle */
	put32(p, REPLY_AT + 8, 0x1);	/* subDeviceMask */
	put32(p, REPLY_AT + 12, 4);	/* numHeads */
	put32(p, REPLY_AT + 16, 1);	/* numDisps */
	put32(p, REPLY_AT + 20, 0x2);	/* dispHandles[0] */
	p[REPLY_AT + 52] = 1;		/* supportsSwapGroups */
}

#define ALLOC_IN "{cmd=NVKMS_IOCTL_ALLOC_DEVICE, size=1512, address={request={versionString=\"595.45.04\", " \
	"deviceId={rmDeviceId=1, migDevice=0xffffffff}, no3d=0, enableConsoleHotplugHandling=1, registryKeys=[]}}}"

/* ALLOC_DEVICE: the request at entry, the reply at exit, the label */
UT_CASE(alloc_device)
{
	static uint8_t in[ALLOC_SIZE], out[ALLOC_SIZE];
	struct top t = { 0, ALLOC_SIZE, PSUB };
	char lb[128];
	uint32_t st;

	alloc_request(in);
	memcpy(out, in, sizeof(out));
	alloc_reply(out, 0);
	begin(u, &t);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, in, sizeof(in), 0);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_EXIT, 1, out, sizeof(out), 0);
	UT_LINE(u, "alloc device", 0,
		"ioctl(5, NVKMS_IOCTL_IOWR, " ALLOC_IN " => {address={reply={status=NVKMS_ALLOC_DEVICE_STATUS_SUCCESS, "
		"deviceHandle=0x1, subDeviceMask=0x1, numHeads=4, numDisps=1, dispHandles=[0x2], "
		"supportsSwapGroups=1, supportsWarpAndBlend=0, ...}}}) = 0");
	UT_CHECK("label length", nv_ioctl_label(&u->ev, HY_DEV_NVIDIA_MODESET, 0, lb, sizeof(lb)) ==
				 strlen("NVKMS_IOCTL_IOWR:NVKMS_IOCTL_ALLOC_DEVICE"));
	UT_EXPECT("label", lb, "NVKMS_IOCTL_IOWR:NVKMS_IOCTL_ALLOC_DEVICE");
	nv_ioctl_label(&u->ev, HY_DEV_NVIDIA_MODESET, 0, lb, 6);
	UT_EXPECT("label cut", lb, "NVKMS");
	/* failures are the ioctl's own (EPERM): no NV_STATUS note */
	UT_CHECK("no NV_STATUS", !nv_ioctl_status(&u->ev, HY_DEV_NVIDIA_MODESET, 0, &st));

	/* -v: every member of the reply */
	u->o.verbose = 1;
	const char *l = ut_nopad(ut_line(u, 0));

	UT_CHECK("-v: all reply members", strstr(l, "vtFbSize=0}}}) = 0") && !strstr(l, "..."));
	u->o.verbose = 0;

	/* at entry: the request only */
	ut_begin(u, SYS_ioctl, 5, REQ, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia-modeset");
	ut_blob(u, 2, HY_AT_ENTER, 0, &t, sizeof(t), 0);
	UT_EXPECT("entry", ut_enter(u), "ioctl(5, NVKMS_IOCTL_IOWR, ");
}

/* the command failed: EPERM, the reply written back with its status; other errors: no reply */
UT_CASE(alloc_device_failed)
{
	static uint8_t in[ALLOC_SIZE], out[ALLOC_SIZE];
	struct top t = { 0, ALLOC_SIZE, PSUB };

	alloc_request(in);
	memcpy(out, in, sizeof(out));
	put32(out, REPLY_AT, 1);	/* NVKMS_ALLOC_DEVICE_STATUS_VERSION_MISMATCH */
	begin(u, &t);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, in, sizeof(in), 0);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_EXIT, 1, out, sizeof(out), 0);
	UT_LINE(u, "version mismatch", -1,
		"ioctl(5, NVKMS_IOCTL_IOWR, " ALLOC_IN " => {address={reply={status=NVKMS_ALLOC_DEVICE_STATUS_VERSION_MISMATCH, "
		"deviceHandle=0, subDeviceMask=0, numHeads=0, numDisps=0, dispHandles=[], "
		"supportsSwapGroups=0, supportsWarpAndBlend=0, ...}}}) = -1 EPERM (Operation not permitted)");
	/* a status the table does not know */
	put32(out, REPLY_AT, 77);
	begin(u, &t);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, in, sizeof(in), 0);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_EXIT, 1, out, sizeof(out), 0);
	UT_CHECK("unknown status in hex",
		 strstr(ut_nopad(ut_line(u, -1)), "{reply={status=0x4d, deviceHandle=0,") != NULL);
	/* ENOTTY (a stand-in file): the driver never saw it, the exit capture is not shown */
	UT_LINE(u, "enotty", -25,
		"ioctl(5, NVKMS_IOCTL_IOWR, " ALLOC_IN ") = -1 ENOTTY (Inappropriate ioctl for device)");
}

/* a command the tables do not know; a size that is not the command's: the address (-v bytes) */
UT_CASE(unknown)
{
	uint8_t p[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct top t = { 0x99, sizeof(p), PSUB };
	char lb[128];

	begin(u, &t);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, p, sizeof(p), 0);
	UT_LINE(u, "unknown cmd", -1,
		"ioctl(5, NVKMS_IOCTL_IOWR, {cmd=0x99 /* NVKMS_IOCTL_??? */, size=8, address=0x7ffc2000}) = -1 EPERM (Operation not permitted)");
	nv_ioctl_label(&u->ev, HY_DEV_NVIDIA_MODESET, 0, lb, sizeof(lb));
	UT_EXPECT("label unknown cmd", lb, "NVKMS_IOCTL_IOWR:0x99");
	u->o.verbose = 1;
	UT_LINE(u, "unknown cmd -v", -1,
		"ioctl(5, NVKMS_IOCTL_IOWR, {cmd=0x99 /* NVKMS_IOCTL_??? */, size=8, address=\"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\"}) = -1 EPERM (Operation not permitted)");
	u->o.verbose = 0;

	/* FREE_DEVICE with a size that is not its params' (8): the driver refuses it */
	t = (struct top){ 1, 4, PSUB };
	begin(u, &t);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, p, 4, 0);
	UT_LINE(u, "wrong size", -1,
		"ioctl(5, NVKMS_IOCTL_IOWR, {cmd=NVKMS_IOCTL_FREE_DEVICE, size=4, address=0x7ffc2000}) = -1 EPERM (Operation not permitted)");

	/* another request on nvidia-modeset, and NVKMS_IOCTL_IOWR on a capability file: generic */
	ut_begin(u, SYS_ioctl, 5, 0x6d01, 0, 0, 0, 0);
	fdpath(u, "/dev/nvidia-modeset");
	UT_LINE(u, "other request", -25,
		"ioctl(5, _IOC(_IOC_NONE, 0x6d, 0x1, 0), 0) = -1 ENOTTY (Inappropriate ioctl for device)");
	nv_ioctl_label(&u->ev, HY_DEV_NVIDIA_MODESET, 0, lb, sizeof(lb));
	UT_EXPECT("label other request", lb, "0x6d01");
	ut_begin(u, SYS_ioctl, 6, REQ, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia-caps/nvidia-cap1");
	UT_LINE(u, "caps", -25,
		"ioctl(6, _IOC(_IOC_READ|_IOC_WRITE, 0x6d, 0, 0x10), 0x7ffc1000) = -1 ENOTTY (Inappropriate ioctl for device)");
	/* without the fd's path: not decoded */
	ut_begin(u, SYS_ioctl, 5, REQ, PTOP, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, &t, sizeof(t), 0);
	UT_LINE(u, "no path", -25,
		"ioctl(5, _IOC(_IOC_READ|_IOC_WRITE, 0x6d, 0, 0x10), 0x7ffc1000) = -1 ENOTTY (Inappropriate ioctl for device)");
}

/* params cut by the capture (HY_IOC_SUB_MAX, or a short read) */
UT_CASE(truncated)
{
	static uint8_t in[ALLOC_SIZE];
	struct top t = { 0, ALLOC_SIZE, PSUB };

	alloc_request(in);
	memcpy(in + 44, "RmA", 3);
	put32(in, 44 + 32, 5);
	memcpy(in + 80, "RmB", 3);
	put32(in, 80 + 32, 6);
	/* cut inside the second registry key */
	begin(u, &t);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, in, 90, HY_BF_TRUNC);
	UT_LINE(u, "cut in an array", -25,
		"ioctl(5, NVKMS_IOCTL_IOWR, {cmd=NVKMS_IOCTL_ALLOC_DEVICE, size=1512, address={request={versionString=\"595.45.04\", "
		"deviceId={rmDeviceId=1, migDevice=0xffffffff}, no3d=0, enableConsoleHotplugHandling=1, "
		"registryKeys=[{name=\"RmA\", value=5}, ...]}}}) = -1 ENOTTY (Inappropriate ioctl for device)");
	/* cut after a zero element: the zeros are not shown, the cut is */
	memset(in + 80, 0, 36);
	begin(u, &t);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, in, 120, HY_BF_TRUNC);
	UT_LINE(u, "cut after zeros", -25,
		"ioctl(5, NVKMS_IOCTL_IOWR, {cmd=NVKMS_IOCTL_ALLOC_DEVICE, size=1512, address={request={versionString=\"595.45.04\", "
		"deviceId={rmDeviceId=1, migDevice=0xffffffff}, no3d=0, enableConsoleHotplugHandling=1, "
		"registryKeys=[{name=\"RmA\", value=5}, ...]}}}) = -1 ENOTTY (Inappropriate ioctl for device)");
	/* cut inside the version string */
	begin(u, &t);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, in, 5, HY_BF_TRUNC);
	UT_LINE(u, "cut in a string", -25,
		"ioctl(5, NVKMS_IOCTL_IOWR, {cmd=NVKMS_IOCTL_ALLOC_DEVICE, size=1512, address={request={...}}}) = -1 ENOTTY (Inappropriate ioctl for device)");
	/* cut inside deviceId */
	begin(u, &t);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, in, 34, HY_BF_TRUNC);
	UT_LINE(u, "cut in a struct", -25,
		"ioctl(5, NVKMS_IOCTL_IOWR, {cmd=NVKMS_IOCTL_ALLOC_DEVICE, size=1512, address={request={versionString=\"595.45.04\", "
		"deviceId={...}}}}) = -1 ENOTTY (Inappropriate ioctl for device)");
	/* the reply beyond what was read at exit: not shown */
	begin(u, &t);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, in, 600, HY_BF_TRUNC);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_EXIT, 1, in, 600, HY_BF_TRUNC);
	UT_CHECK("no reply past the capture", !strstr(ut_nopad(ut_line(u, 0)), "=> "));
}

/* params or the top struct that cannot be read: the address, as strace */
UT_CASE(unreadable)
{
	struct top t = { 1, 8, 0x10 };

	begin(u, &t);
	rb_blob(&u->rb, HY_ARG_EXTRA, HY_AT_ENTER, 1, 0x10, 0);
	rb_blob_done(&u->rb, 0, -14, 0);
	UT_LINE(u, "params unreadable", -1,
		"ioctl(5, NVKMS_IOCTL_IOWR, {cmd=NVKMS_IOCTL_FREE_DEVICE, size=8, address=0x10}) = -1 EPERM (Operation not permitted)");
	ut_begin(u, SYS_ioctl, 5, REQ, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia-modeset");
	ut_blob_err(u, 2, HY_AT_ENTER, 14);
	UT_LINE(u, "top unreadable", -14,
		"ioctl(5, NVKMS_IOCTL_IOWR, 0x7ffc1000) = -1 EFAULT (Bad address)");
	ut_begin(u, SYS_ioctl, 5, REQ, 0, 0, 0, 0);
	fdpath(u, "/dev/nvidia-modeset");
	UT_LINE(u, "NULL", -14, "ioctl(5, NVKMS_IOCTL_IOWR, NULL) = -1 EFAULT (Bad address)");
	/* a top struct read short */
	ut_begin(u, SYS_ioctl, 5, REQ, PTOP, 0, 0, 0);
	fdpath(u, "/dev/nvidia-modeset");
	ut_blob(u, 2, HY_AT_ENTER, 0, &t, 8, HY_BF_TRUNC);
	UT_LINE(u, "top short", -14, "ioctl(5, NVKMS_IOCTL_IOWR, 0x7ffc1000) = -1 EFAULT (Bad address)");
	/* FREE_DEVICE read whole */
	uint8_t p[8] = { 0x11, 0, 0, 0, 0, 0, 0, 0 };

	t.address = PSUB;
	begin(u, &t);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_ENTER, 1, p, sizeof(p), 0);
	ut_blob(u, HY_ARG_EXTRA, HY_AT_EXIT, 1, p, sizeof(p), 0);
	UT_LINE(u, "free device", 0,
		"ioctl(5, NVKMS_IOCTL_IOWR, {cmd=NVKMS_IOCTL_FREE_DEVICE, size=8, address={request={deviceHandle=0x11}}} => {address={reply={padding=0}}}) = 0");
}

/* the tables: the description, every command with a layout, members inside their structs */
UT_TEST(tables)
{
	const struct hy_ioc_desc *d = nv_ioc_desc(HY_DEV_NVIDIA_MODESET, REQ);
	size_t n, bad = 0;
	const struct nv_ioc_desc_entry *e = nvkms_ioc_descs(&n);

	UT_CHECK("description", d && d->top_size == sizeof(struct top) && d->nsubs == 1 &&
				d->sub[0].ptr_off == 8 && d->sub[0].len_off == 4 &&
				d->sub[0].len_size == 4 && d->sub[0].parent == 0 &&
				d->when == (HY_AT_ENTER | HY_AT_EXIT) &&
				d->sub[0].when == (HY_AT_ENTER | HY_AT_EXIT));
	UT_CHECK("one description, its key", n == 1 && e[0].key == HY_IOCD_KEY(HY_DEV_NVIDIA_MODESET, REQ));
	UT_CHECK("none on other kinds", !nv_ioc_desc(HY_DEV_NVIDIA_CAPS, REQ) &&
					!nv_ioc_desc(HY_DEV_NVIDIA_MODESET, 0x6d01));
	UT_CHECK("the request", nvkms_ioctl_iowr == REQ && nvkms_ioctl_layout.size == 16 &&
				nvkms_ioctl_layout.cmd_off == 0 && nvkms_ioctl_layout.size_off == 4 &&
				nvkms_ioctl_layout.address_off == 8);
	UT_CHECK("command names", !strcmp(xlat_name(&xlat_nvkms_cmds, 0), "NVKMS_IOCTL_ALLOC_DEVICE") &&
				  !strcmp(xlat_name(&xlat_nvkms_cmds, 63), "NVKMS_IOCTL_FRAMEBUFFER_CONSOLE_DISABLED") &&
				  !xlat_name(&xlat_nvkms_cmds, 64));
	for (size_t i = 0; i < nvkms_ncmds; i++) {
		const struct nvkms_struct *s = nvkms_cmd_tab[i].s;
		int halves = 0;

		if ((i && nvkms_cmd_tab[i].cmd <= nvkms_cmd_tab[i - 1].cmd) ||
		    !xlat_name(&xlat_nvkms_cmds, nvkms_cmd_tab[i].cmd)) {
			printf("#  cmd %u\n", nvkms_cmd_tab[i].cmd);
			bad++;
		}
		for (unsigned int k = 0; k < s->nf; k++) {
			const struct nvkms_field *f = &s->f[k];

			halves += f->name && (!strcmp(f->name, "request") || !strcmp(f->name, "reply"));
			if (f->name && (f->off + f->esize * f->n > s->size || !f->esize || !f->n ||
					(f->kind == NKK_STRUCT && (!f->sub || f->sub->size != f->esize)) ||
					(f->kind == NKK_ENUM && !f->x))) {
				printf("#  %s.%s\n", s->name, f->name);
				bad++;
			}
		}
		if (halves != 2) {
			printf("#  %s: request and reply\n", s->name);
			bad++;
		}
	}
	UT_CHECK("sorted, named, members inside, request and reply", !bad);
	UT_CHECK("layouts for all dispatched commands", nvkms_ncmds == 62);
	UT_CHECK("ALLOC_DEVICE's size", nvkms_cmd_tab[0].cmd == 0 && nvkms_cmd_tab[0].s->size == ALLOC_SIZE);
}

static const struct ut_case cases[] = {
	UT_ENTRY(alloc_device), UT_ENTRY(alloc_device_failed), UT_ENTRY(unknown),
	UT_ENTRY(truncated), UT_ENTRY(unreadable), UT_ENTRY(tables), { NULL },
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
