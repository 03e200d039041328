// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fakenv.c: a fake NVIDIA driver for hytrace's exit-side tests (issue 11).  A FUSE file system
 * whose tree mirrors /dev (dev/nvidiactl, dev/nvidia0, dev/nvidia-uvm, dev/nvidia-uvm-tools,
 * dev/nvidia-modeset, dev/nvidia-caps/nvidia-cap1) and whose files answer the driver's
 * _IOC-encoded escapes: the RM object calls keep a handle table and write back a status and
 * new handles, as the real resource manager does.  tests/fakenv/run.sh mounts it and binds its
 * files over the NVIDIA paths in a private mount namespace.
 *
 * FUSE passes a regular file's ioctls as "restricted": the kernel copies _IOC_SIZE bytes in
 * (_IOC_WRITE) and back (_IOC_READ) and nothing else (fs/fuse/ioctl.c), so only the top-level
 * struct can be answered: second-level buffers (RM_CONTROL params) stay as the caller filled
 * them, and UVM's plain-integer commands (no _IOC size) get only a return value.
 *
 * Facts, from NVIDIA's open-gpu-kernel-modules (MIT), its main branch as read on 2026-12-07:
 * kernel-open/common/inc/nv-ioctl-numbers.h (escape numbers), nv-ioctl.h
 * (nv_ioctl_rm_api_version_t), src/nvidia/arch/nvalloc/unix/include/nv_escape.h (RM escapes),
 * src/common/sdk/nvidia/inc/nvos.h (NVOS00/21/54/64 layouts), nvstatuscodes.h (NV_STATUS),
 * class/cl0000.h, cl0041.h (client classes), ctrl/ctrl0000/ctrl0000gpu.h and
 * ctrl/ctrl2080/ctrl2080gpu.h (the two control commands answered NV_OK).
 *
 * Usage: fakenv MOUNTPOINT [FUSE options]   (tests pass -f -s: foreground, one thread)
 */
#define FUSE_USE_VERSION 35
#include <errno.h>
#include <fuse.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

/* escapes: _IOWR('F', nr, struct) */
#define NV_IOCTL_MAGIC		'F'
#define NV_ESC_CHECK_VERSION_STR	(200 + 10)
#define NV_ESC_RM_FREE		0x29
#define NV_ESC_RM_CONTROL	0x2a
#define NV_ESC_RM_ALLOC		0x2b

/* NV_STATUS */
#define NV_OK				0x00
#define NV_ERR_INSERT_DUPLICATE_NAME	0x19
#define NV_ERR_INVALID_CLIENT		0x23
#define NV_ERR_INVALID_OBJECT_HANDLE	0x33
#define NV_ERR_INVALID_OBJECT_PARENT	0x36
#define NV_ERR_INSUFFICIENT_RESOURCES	0x1a
#define NV_ERR_NOT_SUPPORTED		0x56

/* client classes: NV01_ROOT, NV01_ROOT_NON_PRIV, NV01_ROOT_CLIENT */
#define NV01_ROOT		0x00
#define NV01_ROOT_NON_PRIV	0x01
#define NV01_ROOT_CLIENT	0x41

/* control commands the fake answers NV_OK (all others: NV_ERR_NOT_SUPPORTED) */
static const uint32_t answered[] = {
	0x00000201,	/* NV0000_CTRL_CMD_GPU_GET_ATTACHED_IDS */
	0x20800102,	/* NV2080_CTRL_CMD_GPU_GET_INFO_V2 */
};

struct nvos00 {		/* NV_ESC_RM_FREE */
	uint32_t hRoot, hObjectParent, hObjectOld, status;
};
struct nvos21 {		/* NV_ESC_RM_ALLOC, 32 bytes */
	uint32_t hRoot, hObjectParent, hObjectNew, hClass;
	uint64_t pAllocParms;
	uint32_t paramsSize, status;
};
struct nvos64 {		/* NV_ESC_RM_ALLOC with rights, 48 bytes */
	uint32_t hRoot, hObjectParent, hObjectNew, hClass;
	uint64_t pAllocParms, pRightsRequested;
	uint32_t paramsSize, flags, status;
};
struct nvos54 {		/* NV_ESC_RM_CONTROL */
	uint32_t hClient, hObject, cmd, flags;
	uint64_t params;
	uint32_t paramsSize, status;
};
struct rm_api_version {	/* NV_ESC_CHECK_VERSION_STR */
	uint32_t cmd, reply;
	char versionString[64];
};
_Static_assert(sizeof(struct nvos21) == 32, "NVOS21_PARAMETERS");
_Static_assert(sizeof(struct nvos64) == 48, "NVOS64_PARAMETERS");
_Static_assert(sizeof(struct nvos54) == 32, "NVOS54_PARAMETERS");
_Static_assert(sizeof(struct rm_api_version) == 72, "nv_ioctl_rm_api_version_t");

#define NV_RM_API_VERSION_REPLY_RECOGNIZED	1

/* -- the handle table: clients and the objects under them ------------------------------------ */

#define MAX_OBJ 256
static struct obj {
	uint32_t h, client, parent;	/* client == h for a client */
	int used;
} objs[MAX_OBJ];
static uint32_t next_client = 0xc1d00001, next_obj = 0xcaf00001;

static struct obj *obj_find(uint32_t client, uint32_t h)
{
	for (int i = 0; i < MAX_OBJ; i++)
		if (objs[i].used && objs[i].h == h && objs[i].client == client)
			return &objs[i];
	return NULL;
}

static struct obj *client_find(uint32_t h)
{
	return obj_find(h, h);
}

static uint32_t obj_add(uint32_t client, uint32_t parent, uint32_t h)
{
	for (int i = 0; i < MAX_OBJ; i++)
		if (!objs[i].used) {
			objs[i] = (struct obj){ .h = h, .client = client ? client : h,
						.parent = parent, .used = 1 };
			return NV_OK;
		}
	return NV_ERR_INSUFFICIENT_RESOURCES;
}

/* hRoot, hObjectParent, hObjectNew (in/out), hClass: the status */
static uint32_t rm_alloc(uint32_t root, uint32_t parent, uint32_t *hnew, uint32_t hclass)
{
	if (hclass == NV01_ROOT || hclass == NV01_ROOT_NON_PRIV || hclass == NV01_ROOT_CLIENT) {
		if (!*hnew)
			*hnew = next_client++;
		else if (client_find(*hnew))
			return NV_ERR_INSERT_DUPLICATE_NAME;
		return obj_add(0, 0, *hnew);
	}
	if (!client_find(root))
		return NV_ERR_INVALID_CLIENT;
	if (!obj_find(root, parent))
		return NV_ERR_INVALID_OBJECT_PARENT;
	if (!*hnew)
		*hnew = next_obj++;
	else if (obj_find(root, *hnew))
		return NV_ERR_INSERT_DUPLICATE_NAME;
	return obj_add(root, parent, *hnew);
}

static uint32_t rm_free(struct nvos00 *p)
{
	struct obj *o = client_find(p->hObjectOld);

	if (o) {	/* a client: it and everything under it */
		for (int i = 0; i < MAX_OBJ; i++)
			if (objs[i].used && objs[i].client == p->hObjectOld)
				objs[i].used = 0;
		return NV_OK;
	}
	o = obj_find(p->hRoot, p->hObjectOld);
	if (!o)
		return NV_ERR_INVALID_OBJECT_HANDLE;
	o->used = 0;
	return NV_OK;
}

static uint32_t rm_control(const struct nvos54 *p)
{
	if (!client_find(p->hClient))
		return NV_ERR_INVALID_CLIENT;
	if (!obj_find(p->hClient, p->hObject))
		return NV_ERR_INVALID_OBJECT_HANDLE;
	for (size_t i = 0; i < sizeof(answered) / sizeof(answered[0]); i++)
		if (answered[i] == p->cmd)
			return NV_OK;
	return NV_ERR_NOT_SUPPORTED;
}

/* -- FUSE ---------------------------------------------------------------------------------- */

static const char *const dirs[] = { "/", "/dev", "/dev/nvidia-caps" };
static const char *const files[] = {
	"/dev/nvidiactl", "/dev/nvidia0", "/dev/nvidia-uvm", "/dev/nvidia-uvm-tools",
	"/dev/nvidia-modeset", "/dev/nvidia-caps/nvidia-cap1",
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static int fk_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	memset(st, 0, sizeof(*st));
	for (size_t i = 0; i < N(dirs); i++)
		if (!strcmp(path, dirs[i])) {
			st->st_mode = S_IFDIR | 0755;
			st->st_nlink = 2;
			return 0;
		}
	for (size_t i = 0; i < N(files); i++)
		if (!strcmp(path, files[i])) {
			st->st_mode = S_IFREG | 0666;
			st->st_nlink = 1;
			return 0;
		}
	return -ENOENT;
}

static int fk_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off,
		      struct fuse_file_info *fi, enum fuse_readdir_flags fl)
{
	size_t plen = strlen(path);
	int found = 0;

	for (size_t i = 0; i < N(dirs); i++)
		found |= !strcmp(path, dirs[i]);
	if (!found)
		return -ENOENT;
	fill(buf, ".", NULL, 0, 0);
	fill(buf, "..", NULL, 0, 0);
	for (size_t i = 0; i < N(dirs) + N(files); i++) {
		const char *e = i < N(dirs) ? dirs[i] : files[i - N(dirs)];
		const char *rest = e + (plen == 1 ? 1 : plen + 1);

		if (strlen(e) <= plen || strncmp(e, path, plen) || (plen > 1 && e[plen] != '/'))
			continue;
		if (*rest && !strchr(rest, '/'))
			fill(buf, rest, NULL, 0, 0);
	}
	return 0;
}

static int fk_open(const char *path, struct fuse_file_info *fi)
{
	for (size_t i = 0; i < N(files); i++)
		if (!strcmp(path, files[i])) {
			fi->direct_io = 1;
			return 0;
		}
	return -ENOENT;
}

static int fk_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi)
{
	return 0;
}

static int fk_write(const char *path, const char *buf, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	return (int)size;
}

static int fk_ioctl(const char *path, unsigned int cmd, void *arg, struct fuse_file_info *fi,
		    unsigned int flags, void *data)
{
	unsigned int size = _IOC_SIZE(cmd);

	if (_IOC_TYPE(cmd) != NV_IOCTL_MAGIC)
		return 0;	/* UVM and others: plain integers, no data to answer */
	if (_IOC_DIR(cmd) != (_IOC_READ | _IOC_WRITE) || !data)
		return -EINVAL;
	switch (_IOC_NR(cmd)) {
	case NV_ESC_RM_ALLOC:
		if (size == sizeof(struct nvos21)) {
			struct nvos21 *p = data;

			p->status = rm_alloc(p->hRoot, p->hObjectParent, &p->hObjectNew, p->hClass);
		} else if (size == sizeof(struct nvos64)) {
			struct nvos64 *p = data;

			p->status = rm_alloc(p->hRoot, p->hObjectParent, &p->hObjectNew, p->hClass);
		} else {
			return -EINVAL;
		}
		return 0;
	case NV_ESC_RM_FREE:
		if (size != sizeof(struct nvos00))
			return -EINVAL;
		((struct nvos00 *)data)->status = rm_free(data);
		return 0;
	case NV_ESC_RM_CONTROL:
		if (size != sizeof(struct nvos54))
			return -EINVAL;
		((struct nvos54 *)data)->status = rm_control(data);
		return 0;
	case NV_ESC_CHECK_VERSION_STR:
		if (size != sizeof(struct rm_api_version))
			return -EINVAL;
		((struct rm_api_version *)data)->reply = NV_RM_API_VERSION_REPLY_RECOGNIZED;
		return 0;
	default:
		return -ENOTTY;	/* what a driver says of a request it does not know */
	}
}

static void *fk_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
	cfg->direct_io = 1;
	cfg->attr_timeout = 0;
	cfg->entry_timeout = 0;
	return NULL;
}

static const struct fuse_operations ops = {
	.init = fk_init,
	.getattr = fk_getattr,
	.readdir = fk_readdir,
	.open = fk_open,
	.read = fk_read,
	.write = fk_write,
	.ioctl = fk_ioctl,
};

int main(int argc, char **argv)
{
	return fuse_main(argc, argv, &ops, NULL);
}
