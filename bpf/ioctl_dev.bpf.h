/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* ioctl_dev.bpf.h: device ioctls (NVIDIA, issue 11) and the dedicated per-syscall programs. */
/*
 * Included by hytrace.bpf.c after its captures and before its programs.
 *
 * --cuda: the calls whose fd may be a device (cfg_devfd[nr]: ioctl, mmap, close, and the
 * opens by their returned fd) have that fd's kind (enum hy_dev_kind) told from its dentry
 * name and its parent's (crossing at most two mounts up), never from a full path walk; an
 * fd of a known kind gets its path blob (as -y would) and an ioctl on it is captured as the
 * description in `ioc_descs` says (struct hy_ioc_desc, bpf/hytrace.h): the top struct, then
 * the second-level buffers found inside it.  --cuda-only: a call on any other fd is not
 * recorded at all.  This file copies bytes; decoders/ioctl/nvidia*.c read them.
 *
 * The dedicated programs (tracepoint/syscalls/sys_{enter,exit}_NAME) run the same bodies as
 * the raw_syscalls ones; user space loads them instead of those when the run traces only
 * calls that have one, so that no other syscall runs any BPF at all.
 */
#ifndef IOCTL_DEV_BPF_H
#define IOCTL_DEV_BPF_H

const volatile __u32 cfg_cuda;			/* 0, 1 --cuda, 2 --cuda-only */
const volatile __u8 cfg_devfd[HY_NR_MAX];	/* HYB_DEVFD_*: where the call's device fd is */

/* descriptions by HY_IOCD_KEY(kind, request); user space sets max_entries and fills it */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u64);
	__type(value, struct hy_ioc_desc);
} ioc_descs SEC(".maps");

/* HY_IOCS_CLASS: parameter bytes by class (RM_ALLOC's hClass) */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} ioc_class_sizes SEC(".maps");

/* fs/mount.h real_mount(): the struct mount around a vfsmount */
static __always_inline struct mount *dev_real_mount(struct vfsmount *vm)
{
	return (struct mount *)((__u64)vm - bpf_core_field_offset(struct mount, mnt));
}

/* The name of dentry d into buf (NUL-padded); its length, or 0 if longer than 23 bytes. */
static __always_inline __u32 dev_name(struct dentry *d, char buf[24])
{
	struct qstr q = {};

	__builtin_memset(buf, 0, 24);
	if (bpf_core_read(&q, sizeof(q), &d->d_name) || !q.len || q.len > 23)
		return 0;
	bpf_probe_read_kernel(buf, q.len & 31, q.name);
	return q.len;
}

/* Byte compare with a literal of n bytes (n a constant: unrolled). */
static __always_inline int dev_eq(const char *a, const char *lit, __u32 n)
{
	for (__u32 i = 0; i < n; i++)
		if (a[i] != lit[i])
			return 0;
	return 1;
}

/*
 * The parent directory of d (in mount m) as a path goes: where it is the root of its mount,
 * the mount point in the parent mount instead, twice at most (a tmpfs or devtmpfs on /dev
 * has "/" as its root's name; a tmpfs over the devtmpfs on /dev is two mounts deep).
 */
static __always_inline struct dentry *dev_parent(struct dentry *d, struct mount *m)
{
	struct dentry *p = BPF_CORE_READ(d, d_parent);

	for (int i = 0; i < 2; i++) {
		if (p != BPF_CORE_READ(m, mnt.mnt_root))
			break;
		struct mount *mp = BPF_CORE_READ(m, mnt_parent);

		if (mp == m)
			return NULL;	/* the namespace's root: no name */
		p = BPF_CORE_READ(m, mnt_mountpoint);
		m = mp;
	}
	return p;
}

/* enum hy_dev_kind of the current task's fd, from its name and its parent directory's. */
__noinline int dev_kind(__s64 fd)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct dentry *d, *p;
	struct mount *m;
	struct fdtable *fdt;
	struct file **fda, *f = NULL;
	char name[24], pname[24];
	__u32 n, pn;

	if (fd < 0 || fd > 0x7fffffff)
		return HY_DEV_NONE;
	fdt = BPF_CORE_READ(t, files, fdt);
	if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds))
		return HY_DEV_NONE;
	fda = BPF_CORE_READ(fdt, fd);
	if (bpf_probe_read_kernel(&f, sizeof(f), &fda[fd]) || !f)
		return HY_DEV_NONE;
	d = BPF_CORE_READ(f, f_path.dentry);
	m = dev_real_mount(BPF_CORE_READ(f, f_path.mnt));
	if (!d)
		return HY_DEV_NONE;
	/* the file's own name: at the root of a (bind) mount, the mount point's */
	if (d == BPF_CORE_READ(m, mnt.mnt_root) && BPF_CORE_READ(m, mnt_parent) != m) {
		struct mount *mp = BPF_CORE_READ(m, mnt_parent);

		d = BPF_CORE_READ(m, mnt_mountpoint);
		m = mp;
	}
	n = dev_name(d, name);
	if (!n)
		return HY_DEV_NONE;
	p = dev_parent(d, m);
	if (!p || p == d)
		return HY_DEV_NONE;
	pn = dev_name(p, pname);
	if (pn == 11 && dev_eq(pname, "nvidia-caps", 11))
		return HY_DEV_NVIDIA_CAPS;
	if (pn != 3 || !dev_eq(pname, "dev", 3) || n < 7 || !dev_eq(name, "nvidia", 6))
		return HY_DEV_NONE;
	if (n == 9 && dev_eq(name, "nvidiactl", 9))
		return HY_DEV_NVIDIACTL;
	if (n == 10 && dev_eq(name, "nvidia-uvm", 10))
		return HY_DEV_NVIDIA_UVM;
	if (n == 16 && dev_eq(name, "nvidia-uvm-tools", 16))
		return HY_DEV_NVIDIA_UVM_TOOLS;
	if (n == 14 && dev_eq(name, "nvidia-modeset", 14))
		return HY_DEV_NVIDIA_MODESET;
	/* nvidia[0-9]+: the minor numbers are below 256 (NV_MAX_DEVICES, nv.h) */
	if (n > 9)
		return HY_DEV_NONE;
	for (__u32 i = 6; i < 9; i++) {
		if (i >= n)
			break;
		if (name[i] < '0' || name[i] > '9')
			return HY_DEV_NONE;
	}
	return HY_DEV_NVIDIA;
}

/* The length of sub c inside its parent at paddr (0: nothing to read). */
static __always_inline __u32 dev_sub_len(const struct hy_ioc_sub *c, __u64 paddr)
{
	__u64 len = 0;
	__u32 max = c->max < HY_IOC_SUB_MAX ? c->max : HY_IOC_SUB_MAX;

	if (c->flags & HY_IOCS_CLASS) {
		__u32 cls = 0, *sz;

		if (bpf_probe_read_user(&cls, 4, (const void *)(paddr + c->len_off)))
			return 0;
		sz = bpf_map_lookup_elem(&ioc_class_sizes, &cls);
		len = sz ? *sz : 0;
	} else if (c->len_size == 4) {
		__u32 v = 0;

		if (bpf_probe_read_user(&v, 4, (const void *)(paddr + c->len_off)))
			return 0;
		len = v;
	} else if (c->len_size == 8) {
		if (bpf_probe_read_user(&len, 8, (const void *)(paddr + c->len_off)))
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
 * The subs of the description dsc whose parent struct lies at top: sub k as blob
 * HY_ARG_EXTRA idx idx0 + k at time s->when (pointers and lengths read again from the
 * tracee, as the ptrace backend does).  The first keyed sub made (HY_IOCS_XFER: the wrapped
 * request on the same kind; HY_IOCS_RMCTRL: the control command in HY_DEV_RMCTRL) gives the
 * next level: its key, 0 when none, and *naddr, where its buffer lies.
 */
static __always_inline __u64 dev_subs(struct scratch *s, const struct hy_ioc_desc *dsc, __u64 top,
				      __u32 idx0, __u64 *naddr)
{
	__u64 addr[1 + HY_IOCD_SUBS] = { top };
	__u64 next = 0;

	for (__u32 k = 0; k < HY_IOCD_SUBS; k++) {
		const struct hy_ioc_sub *c = &dsc->sub[k];
		__u64 paddr, ptr = 0;
		__u32 len, key = 0;

		if (k >= dsc->nsubs)
			break;
		if (c->parent > k)
			continue;	/* only the top struct or an earlier sub */
		paddr = addr[c->parent & 3];
		if (!paddr || bpf_probe_read_user(&ptr, 8, (const void *)(paddr + c->ptr_off)) || !ptr)
			continue;
		addr[(k + 1) & 3] = ptr;
		if (!(c->when & s->when))
			continue;
		/* an output-only buffer of a failed call: the driver wrote nothing */
		if (s->when == HY_AT_EXIT && !(c->when & HY_AT_ENTER) &&
		    (__u64)s->ret >= (__u64)-MAX_ERRNO)
			continue;
		len = dev_sub_len(c, paddr);
		if (!len)
			continue;
		put_blob(s, META(HY_ARG_EXTRA, s->when, idx0 + k, 0), ptr, len, RD_USER);
		if (next)
			continue;
		if ((c->flags & HY_IOCS_XFER) && c->len_off >= 4 &&
		    !bpf_probe_read_user(&key, 4, (const void *)(paddr + c->len_off - 4)) && key) {
			next = HY_IOCD_KEY(s->dev, key);
			*naddr = ptr;
		} else if ((c->flags & HY_IOCS_RMCTRL) &&
			   !bpf_probe_read_user(&key, 4, (const void *)(paddr + dsc->key_off)) && key) {
			next = HY_IOCD_KEY(HY_DEV_RMCTRL, key);
			*naddr = ptr;
		}
	}
	return next;
}

/*
 * ioctl's argument on a device fd of kind s->dev at time s->when: 1 when a description
 * applied, 0 when the ordinary capture (misc.tbl) must be made.
 */
static __always_inline int dev_ioc_cap(struct scratch *s)
{
	const struct hy_ioc_desc *dsc;
	__u64 key, top, addr = 0;
	__u32 req, size;

	if (!s || !s->dev)
		return 0;
	req = s->args[1];
	key = HY_IOCD_KEY(s->dev, req);
	dsc = bpf_map_lookup_elem(&ioc_descs, &key);
	if (!dsc)
		return 0;
	top = s->args[2];
	if (!top)
		return 1;
	/* exit-only parts are not made when the call failed: the driver wrote nothing */
	if (s->when == HY_AT_EXIT && (__u64)s->ret >= (__u64)-MAX_ERRNO && !(dsc->when & HY_AT_ENTER))
		return 1;
	size = dsc->top_size ? dsc->top_size : (req >> 16) & 0x3fff;	/* _IOC_SIZE */
	if ((dsc->when & s->when) && size)
		put_blob(s, META(2, s->when, 0, 0), top, size < HYB_SLOT_MAX / 2 ? size : HYB_SLOT_MAX / 2,
			 RD_USER);
	/* level 0: the request's subs; then each keyed sub's own description, one level down */
	for (__u32 lvl = 0; lvl < HY_IOCD_LEVELS; lvl++) {
		if (lvl) {
			dsc = bpf_map_lookup_elem(&ioc_descs, &key);
			if (!dsc)
				break;
			top = addr;
		}
		addr = 0;
		key = dev_subs(s, dsc, top, 1 + lvl * HY_IOCD_SUBS, &addr);
		if (!key || !addr)
			break;
	}
	return 1;
}

/*
 * Entry of a call with a device fd (cfg_devfd[nr] names its argument): its kind into
 * st->dev.  1 when the call is not to be recorded (--cuda-only, another file).
 */
static __always_inline int dev_enter(struct hyb_task *st, long id)
{
	__u8 where = cfg_devfd[id & (HY_NR_MAX - 1)];

	st->dev = 0;
	if (where & HYB_DEVFD_RET)
		return 0;	/* told at exit */
	st->dev = dev_kind((int)st->args[(where - 1) & 7]);
	return cfg_cuda == 2 && !st->dev;
}

/*
 * Exit of an open under --cuda: the kind of the returned fd into st->dev.  1 when the call
 * is not to be recorded (--cuda-only: it opened another file, or failed on a path that the
 * kernel side cannot judge: user space judges failed opens by their path).
 */
static __always_inline int dev_exit(struct hyb_task *st, long ret)
{
	if (!(cfg_devfd[st->nr & (HY_NR_MAX - 1)] & HYB_DEVFD_RET))
		return 0;
	st->dev = ret >= 0 ? dev_kind(ret) : 0;
	return cfg_cuda == 2 && !st->dev && ret >= 0;
}

/* -------------------------------------------------------------------------
 * Dedicated programs: the per-syscall tracepoints of the calls hytrace may trace alone.
 * Their bodies are the raw_syscalls programs' (sys_enter_body, sys_exit_body).
 */
/*
 * One entry program per argument count, attached by user space to the sys_enter_NAME
 * tracepoint of every dedicated syscall with that many arguments (backend_bpf.c, ded_attach),
 * and one exit program for all: a tracepoint program may not read past the event's fields
 * (perf_event_set_bpf_prog(): max_ctx_offset, or the attach fails with EACCES), so a program
 * that reads nargs arguments serves the syscalls of nargs arguments.  Seven programs to load
 * and verify instead of two per syscall.  SEC("tracepoint") without a name: no auto-attach.
 */
#define HY_SYSCALL_TP(nargs)							\
SEC("tracepoint")								\
int hy_enter_##nargs(struct trace_event_raw_sys_enter *ctx)			\
{										\
	unsigned long a[HY_NARGS] = {};						\
										\
	/* constant offsets: the verifier refuses loads from a moved ctx pointer */ \
	a[0] = ctx->args[0];							\
	if ((nargs) > 1)							\
		a[1] = ctx->args[1];						\
	if ((nargs) > 2)							\
		a[2] = ctx->args[2];						\
	if ((nargs) > 3)							\
		a[3] = ctx->args[3];						\
	if ((nargs) > 4)							\
		a[4] = ctx->args[4];						\
	if ((nargs) > 5)							\
		a[5] = ctx->args[5];						\
	return sys_enter_body(NULL, a, ctx->id);				\
}

#endif /* IOCTL_DEV_BPF_H */
