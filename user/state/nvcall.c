// SPDX-License-Identifier: LGPL-2.1-or-later
/* nvcall.c: an ioctl record on an NVIDIA device: its kind, driver status and label (issue 11). */
#include <stdio.h>
#include <string.h>
#include "ioctl/nvidia.h"
#include "nvcall.h"
#include "sysent.h"

#define NV_OK	0	/* nvstatuscodes.h */

/* Longer fd paths are no NVIDIA device's ("/dev/nvidia-caps/nvidia-cap" and a number). */
#define NV_PATH_MAX	64

static unsigned int trace_major;	/* nvcall_major() */

static long ioctl_nr(void)
{
	static long nr = -2;

	if (nr == -2)
		nr = sysent_lookup("ioctl");
	return nr;
}

bool nvcall_get(const struct event *ev, struct nvcall *nc)
{
	char path[NV_PATH_MAX];

	memset(nc, 0, sizeof(*nc));
	if ((ev->r.type != HY_REC_SYSCALL && ev->r.type != HY_REC_ENTER) || ev->r.nr != ioctl_nr())
		return false;
	for (unsigned int k = 0; k < ev->nblobs; k++) {
		const struct event_blob *b = &ev->b[k];

		if (b->h.arg != 0 || b->h.idx != 0 || !(b->h.flags & HY_BF_FDPATH) || b->h.err ||
		    (b->h.flags & HY_BF_FDRAW) || b->h.len >= sizeof(path))
			continue;
		memcpy(path, b->data, b->h.len);
		path[b->h.len] = 0;
		nc->kind = nv_dev_kind(path);
		break;
	}
	if (nc->kind == HY_DEV_NONE)
		return false;
	if (ev->r.type == HY_REC_SYSCALL && nv_ioctl_status(ev, nc->kind, trace_major, &nc->status)) {
		nc->has_status = true;
		nc->status_name = nv_status_name(nc->status);
	}
	return true;
}

bool nvcall_failed(const struct event *ev, const struct nvcall *nc)
{
	if (ev->r.type != HY_REC_SYSCALL || (ev->r.flags & HY_F_NO_EXIT) || ev->r.ret < 0)
		return false;
	return nc->kind != HY_DEV_NONE && nc->has_status && nc->status != NV_OK;
}

size_t nvcall_label(const struct event *ev, const struct nvcall *nc, char *buf, size_t size)
{
	return nv_ioctl_label(ev, nc->kind, trace_major, buf, size);
}

size_t nvcall_row(const struct event *ev, const struct nvcall *nc, char *buf, size_t size)
{
	char label[256];
	size_t n = nv_ioctl_label(ev, nc->kind, trace_major, label, sizeof(label));

	if (size)
		snprintf(buf, size, "ioctl:%s", label);
	return strlen("ioctl:") + n;
}

void nvcall_note(const struct event *ev, const struct nvcall *nc)
{
	unsigned int v = nc->kind != HY_DEV_NONE ? nv_version_major(ev, nc->kind) : 0;

	if (v)
		trace_major = v;
}

unsigned int nvcall_major(void)
{
	return trace_major;
}

void nvcall_set_major(unsigned int major)
{
	trace_major = major;
}

unsigned int nvcall_driver_major(void)
{
	FILE *f = fopen("/sys/module/nvidia/version", "re");
	unsigned int v = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%u", &v) != 1)
		v = 0;
	fclose(f);
	return v;
}

const char *nvcall_dev_name(unsigned int kind)
{
	static const char *const names[HY_DEV_KIND_NR] = {
		[HY_DEV_NVIDIACTL] = "nvidiactl",
		[HY_DEV_NVIDIA] = "nvidia",
		[HY_DEV_NVIDIA_UVM] = "nvidia-uvm",
		[HY_DEV_NVIDIA_UVM_TOOLS] = "nvidia-uvm-tools",
		[HY_DEV_NVIDIA_MODESET] = "nvidia-modeset",
		[HY_DEV_NVIDIA_CAPS] = "nvidia-caps",
	};

	return kind < HY_DEV_KIND_NR ? names[kind] : NULL;
}
