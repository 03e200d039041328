// SPDX-License-Identifier: LGPL-2.1-or-later
/* dev_ioctl.c: device ioctls for the backends (NVIDIA, issue 11), the ptrace side's capture. */
/*
 * Blob for blob the same as bpf/ioctl_dev.bpf.h: the top struct at args[2] (arg 2, idx 0),
 * then the description's subs, whose pointers and lengths are read from the tracee inside
 * their parent (the top struct or an earlier sub), each at most HY_IOC_SUB_MAX bytes; a keyed
 * sub (HY_IOCS_XFER: a wrapped request; HY_IOCS_RMCTRL: an RM control's params) has its own
 * description, whose subs follow one level down (idx 1 + level * HY_IOCD_SUBS + k).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include "dev_ioctl.h"
#include "fdpath.h"
#include "ioctl/nvidia.h"
#include "ptrace_capture.h"

#define TOP_MAX	8192	/* the BPF side's bound: HYB_SLOT_MAX / 2 (bpf/hytrace.bpf.h) */

int devioc_fd_arg(long nr)
{
	switch (nr) {
	case SYS_ioctl:
	case SYS_close:
	case SYS_dup:
	case SYS_dup2:
	case SYS_dup3:
	case SYS_fcntl:
		return 0;
	case SYS_mmap:
		return 4;
	case SYS_open:
	case SYS_openat:
	case SYS_openat2:
	case SYS_creat:
		return HY_ARG_RET;
	default:
		return -1;
	}
}

/* The kind of fd of pid by its path now; the path into buf. */
static unsigned int kind_now(pid_t pid, long fd, char *buf, size_t len)
{
	if (fd < 0 || fd > INT_MAX || fdpath_describe(pid, fd, 1, 0, buf, len) != 0)
		return HY_DEV_NONE;
	return nv_dev_kind(buf);
}

static void path_blob(struct recbuf *rb, int arg, int when, long fd, const char *path)
{
	size_t n = strlen(path);
	char *p = rb_blob(rb, arg, when, 0, (uint64_t)fd, n + 1);

	if (!p)
		return;
	memcpy(p, path, n);
	rb_blob_done(rb, n, 0, HY_BF_FDPATH);
}

unsigned int devioc_kind(struct recbuf *rb, int when, int fdpaths)
{
	const struct hy_rec *r = rb_rec(rb);
	int arg = devioc_fd_arg(r->nr);
	char path[PATH_MAX + 64];
	unsigned int kind;
	long fd;

	if (arg < 0)
		return HY_DEV_NONE;
	if (arg == HY_ARG_RET) {
		if (when != HY_AT_EXIT || r->ret < 0 || (r->flags & HY_F_NO_EXIT))
			return HY_DEV_NONE;
		fd = (long)r->ret;
	} else if (when == HY_AT_ENTER) {
		fd = (long)(int)r->args[arg];
	} else {
		/* at exit: the fd may be closed by now; its entry path tells */
		struct event ev;
		const struct event_blob *b;

		if (event_parse(&ev, rb->buf, rb->len))
			return HY_DEV_NONE;
		for (unsigned int i = 0; i < ev.nblobs; i++) {
			b = &ev.b[i];
			if (b->h.arg == arg && b->h.idx == 0 && b->h.when == HY_AT_ENTER &&
			    (b->h.flags & HY_BF_FDPATH) && !b->h.err && b->h.len < sizeof(path)) {
				memcpy(path, b->data, b->h.len);
				path[b->h.len] = '\0';
				return nv_dev_kind(path);
			}
		}
		return HY_DEV_NONE;
	}
	kind = kind_now(r->pid, fd, path, sizeof(path));
	if (kind != HY_DEV_NONE && !fdpaths)	/* else fdpath_add() adds it */
		path_blob(rb, arg, when, fd, path);
	return kind;
}

static int cmp_class(const void *k, const void *e)
{
	uint32_t a = *(const uint32_t *)k, b = ((const struct nv_class_size *)e)->hclass;

	return a < b ? -1 : a > b;
}

static void read_bytes(struct recbuf *rb, pid_t tid, int arg, int when, int idx, uint64_t addr,
		       size_t len)
{
	void *p = rb_blob(rb, arg, when, idx, addr, len);

	if (!p)
		return;
	ssize_t n = pmem_read(tid, addr, p, len);

	if (n < 0)
		rb_blob_done(rb, 0, (int32_t)n, 0);
	else
		rb_blob_done(rb, n, 0, (size_t)n < len ? HY_BF_TRUNC : 0);
}

/* The length of sub c inside its parent at paddr; 0: nothing to read. */
static uint32_t sub_len(pid_t tid, const struct hy_ioc_sub *c, uint64_t paddr)
{
	uint32_t max = c->max < HY_IOC_SUB_MAX ? c->max : HY_IOC_SUB_MAX;
	uint64_t len = 0;

	if (c->flags & HY_IOCS_CLASS) {
		uint32_t cls;
		size_t n;
		const struct nv_class_size *t = nv_class_sizes(&n), *e;

		if (pmem_read(tid, paddr + c->len_off, &cls, 4) != 4)
			return 0;
		e = bsearch(&cls, t, n, sizeof(*t), cmp_class);
		len = e ? e->size : 0;
	} else if (c->len_size == 4) {
		uint32_t v;

		if (pmem_read(tid, paddr + c->len_off, &v, 4) != 4)
			return 0;
		len = v;
	} else if (c->len_size == 8) {
		if (pmem_read(tid, paddr + c->len_off, &len, 8) != 8)
			return 0;
	} else {
		len = max;
	}
	if (len > max)
		return max;
	len <<= HY_IOCS_SHIFT_OF(c->flags);	/* a count of elements: below 2^13 << 7 */
	return len < max ? len : max;
}

/*
 * The subs of d inside top (blobs idx idx0 + k); the key of the next level (the first keyed
 * sub made: HY_IOCS_XFER's wrapped request, HY_IOCS_RMCTRL's control command), or 0, and in
 * *naddr where its buffer lies.
 */
static uint64_t subs(struct recbuf *rb, pid_t tid, unsigned int kind, const struct hy_ioc_desc *d,
		     uint64_t top, int idx0, int when, bool failed, uint64_t *naddr)
{
	uint64_t addr[1 + HY_IOCD_SUBS] = { top };
	uint64_t next = 0;

	for (unsigned int k = 0; k < d->nsubs && k < HY_IOCD_SUBS; k++) {
		const struct hy_ioc_sub *c = &d->sub[k];
		uint64_t paddr, ptr = 0;
		uint32_t len, key = 0;

		if (c->parent > k)
			continue;
		paddr = addr[c->parent];
		if (!paddr || pmem_read(tid, paddr + c->ptr_off, &ptr, 8) != 8 || !ptr)
			continue;
		addr[k + 1] = ptr;
		if (!(c->when & when))
			continue;
		/* an output-only buffer of a failed call: the driver wrote nothing */
		if (failed && !(c->when & HY_AT_ENTER))
			continue;
		len = sub_len(tid, c, paddr);
		if (!len)
			continue;
		read_bytes(rb, tid, HY_ARG_EXTRA, when, idx0 + k, ptr, len);
		if (next)
			continue;
		if ((c->flags & HY_IOCS_XFER) && c->len_off >= 4 &&
		    pmem_read(tid, paddr + c->len_off - 4, &key, 4) == 4 && key) {
			next = HY_IOCD_KEY(kind, key);
			*naddr = ptr;
		} else if ((c->flags & HY_IOCS_RMCTRL) &&
			   pmem_read(tid, paddr + d->key_off, &key, 4) == 4 && key) {
			next = HY_IOCD_KEY(HY_DEV_RMCTRL, key);
			*naddr = ptr;
		}
	}
	return next;
}

bool devioc_capture(struct recbuf *rb, pid_t tid, unsigned int kind, int when)
{
	const struct hy_rec *r = rb_rec(rb);
	uint32_t req = (uint32_t)r->args[1], size;
	uint64_t top = r->args[2], addr = 0, key;
	const struct hy_ioc_desc *d = nv_ioc_desc(kind, req);

	if (!d)
		return false;
	if (!top)
		return true;
	/* exit-only parts are not made when the call failed: the driver wrote nothing */
	if (when == HY_AT_EXIT && r->ret < 0 && r->ret >= -4095 && !(d->when & HY_AT_ENTER))
		return true;
	size = d->top_size ? d->top_size : (req >> 16) & 0x3fff;	/* _IOC_SIZE */
	if ((d->when & when) && size)
		read_bytes(rb, tid, 2, when, 0, top, size < TOP_MAX ? size : TOP_MAX);
	/* level 0: the request's subs; then each keyed sub's own description, one level down */
	for (unsigned int lvl = 0; lvl < HY_IOCD_LEVELS; lvl++) {
		if (lvl) {
			d = nv_ioc_desc((unsigned int)(key >> 32), (uint32_t)key);
			if (!d)
				break;
			top = addr;
		}
		addr = 0;
		key = subs(rb, tid, kind, d, top, 1 + (int)lvl * HY_IOCD_SUBS, when,
			   when == HY_AT_EXIT && r->ret < 0 && r->ret >= -4095, &addr);
		if (!key || !addr)
			break;
	}
	return true;
}
