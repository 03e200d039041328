// SPDX-License-Identifier: LGPL-2.1-or-later
/* ptrace_capture.c: read tracee memory as the capture spec says (process_vm_readv, PEEKDATA). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "dev_ioctl.h"
#include "fdpath.h"
#include "nlsock.h"
#include "ptrace_capture.h"
#include "dumpio.h"
#include "sysent.h"

#define PAGE 4096ul

static bool vm_readv_broken;	/* ENOSYS/EPERM once: use PTRACE_PEEKDATA from then on */

static ssize_t peek_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		uint64_t a = (addr + done) & ~7ull;
		unsigned int skip = (addr + done) & 7;

		errno = 0;
		long w = ptrace(PTRACE_PEEKDATA, tid, (void *)a, NULL);

		if (errno)
			return done ? (ssize_t)done : -errno;
		size_t n = 8 - skip;

		if (n > len - done)
			n = len - done;
		memcpy((char *)buf + done, (char *)&w + skip, n);
		done += n;
	}
	return done;
}

ssize_t pmem_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	size_t done = 0;

	if (!len)
		return 0;
	if (!addr)
		return -EFAULT;
	if (vm_readv_broken)
		return peek_read(tid, addr, buf, len);
	while (done < len) {
		/* a read stops at an unmapped page: go page by page after a short read */
		size_t chunk = len - done;
		struct iovec l = { (char *)buf + done, chunk }, r = { (void *)(addr + done), chunk };
		ssize_t n = process_vm_readv(tid, &l, 1, &r, 1, 0);

		if (n < 0 && (errno == ENOSYS || errno == EPERM) && !done) {
			vm_readv_broken = errno == ENOSYS;
			return peek_read(tid, addr, buf, len);
		}
		if (n <= 0) {
			if (done)
				break;
			/* retry the part up to the page end: the first page may be readable */
			size_t first = PAGE - ((addr + done) & (PAGE - 1));

			if (first >= chunk)
				return n < 0 ? -errno : -EFAULT;
			l.iov_len = r.iov_len = first;
			n = process_vm_readv(tid, &l, 1, &r, 1, 0);
			if (n <= 0)
				return n < 0 ? -errno : -EFAULT;
		}
		done += n;
		if ((size_t)n < chunk && n % PAGE == 0 && (addr + done) % PAGE == 0)
			continue;
		if ((size_t)n < chunk)
			break;
	}
	return done;
}

ssize_t pmem_read_str(pid_t tid, uint64_t addr, char *buf, size_t max, int *nul)
{
	size_t done = 0;

	*nul = 0;
	if (!addr)
		return -EFAULT;
	while (done < max) {
		/* never read past the page end: the next page may not exist */
		size_t chunk = PAGE - ((addr + done) & (PAGE - 1));

		if (chunk > max - done)
			chunk = max - done;
		ssize_t n = pmem_read(tid, addr + done, buf + done, chunk);

		/* unreadable memory before the NUL: the string cannot be read (strace's
		 * umovestr fails and the address is printed) */
		if (n <= 0)
			return n < 0 ? n : -EFAULT;
		char *z = memchr(buf + done, '\0', n);

		if (z) {
			*nul = 1;
			return z - buf;
		}
		done += n;
		if ((size_t)n < chunk)
			return -EFAULT;
	}
	return done;
}

static uint64_t count_of(const struct hy_rec *r, const struct hy_cap *c)
{
	if (c->count_src < HY_NARGS)
		return r->args[c->count_src];
	if (c->count_src == HY_SRC_RET)
		return r->ret < 0 ? 0 : (uint64_t)r->ret;
	return c->size;
}

static void blob_bytes(struct recbuf *rb, pid_t tid, int arg, int when, int idx, uint64_t addr,
		       size_t len, uint32_t flags)
{
	void *p = rb_blob(rb, arg, when, idx, addr, len);

	if (!p)
		return;
	ssize_t n = pmem_read(tid, addr, p, len);

	if (n < 0)
		rb_blob_done(rb, 0, (int32_t)n, flags);
	else
		rb_blob_done(rb, n, 0, flags | ((size_t)n < len ? HY_BF_TRUNC | HY_BF_FAULT : 0));
}

static void blob_str(struct recbuf *rb, pid_t tid, int arg, int when, int idx, uint64_t addr,
		     size_t max, uint32_t flags)
{
	char *p = rb_blob(rb, arg, when, idx, addr, max);
	int nul;

	if (!p)
		return;
	ssize_t n = pmem_read_str(tid, addr, p, max, &nul);

	if (n < 0)
		rb_blob_done(rb, 0, (int32_t)n, flags);
	else
		rb_blob_done(rb, n, 0, flags | (nul ? HY_BF_NUL : HY_BF_TRUNC));
}

/* The buffers of an iovec array: at most -s bytes each, all of them within budget. */
static void iov_buffers(struct recbuf *rb, pid_t tid, int arg, int when, int first_idx,
			const struct iovec *iov, size_t n, uint64_t budget, unsigned int strsize)
{
	for (size_t i = 0; i < n && budget; i++) {
		uint64_t len = iov[i].iov_len < budget ? iov[i].iov_len : budget;

		budget -= len;
		if (len > strsize)
			len = strsize;
		blob_bytes(rb, tid, arg, when, first_idx + i, (uint64_t)iov[i].iov_base, len, HY_BF_CHILD);
	}
}

/*
 * HY_CAP_OPDESC: the layout its opcode selects: the top object, then at entry its subs
 * (cap_opdesc() of the BPF side; fdpath_add() adds the paths of their fds).
 */
static void opdesc_capture(struct recbuf *rb, pid_t tid, const struct hy_cap *c, int arg, int when)
{
	const struct hy_rec *r = rb_rec(rb);
	const struct hy_op_desc *o = opdesc_of(c, r->args);
	uint64_t addr = r->args[arg], cnt, want;
	uint8_t top[64];	/* the subs' pointers and counts lie in the first 64 bytes */

	if (!o || !(o->when & when) || !addr)
		return;
	if (when == HY_AT_EXIT && r->ret < 0 && r->ret >= -4095)
		return;	/* the memory of a failed call was not written */
	cnt = c->count_src < HY_NARGS ? (uint32_t)r->args[c->count_src] : 0;
	want = o->base + (o->elem ? (cnt < 0xffff ? cnt : 0xffff) * o->elem : 0);
	if (want > o->max)
		want = o->max;
	if (!want)
		return;
	ssize_t got = pmem_read(tid, addr, top, want < sizeof(top) ? want : sizeof(top));

	blob_bytes(rb, tid, arg, when, 0, addr, want, 0);
	if (when != HY_AT_ENTER || got <= 0)
		return;
	for (int j = 0; j < HY_OPD_SUBS; j++) {
		const struct hy_op_sub *u = &o->sub[j];
		uint64_t ptr;
		uint32_t n;

		if (!u->elem || u->elem > 64 || u->ptr_off + 8u > (uint64_t)got || u->ptr_off + 8u > want)
			continue;
		memcpy(&ptr, top + u->ptr_off, 8);
		if (u->cnt_off == HY_OPS_CNT_ARG)
			n = (uint32_t)cnt;
		else if (u->cnt_off + 4u > (uint64_t)got)
			continue;
		else
			memcpy(&n, top + u->cnt_off, 4);
		if (!ptr || !n)
			continue;
		if (n > HY_ARR_MAX)
			n = HY_ARR_MAX;
		blob_bytes(rb, tid, arg, when, HY_OPD_SUB_IDX + j, ptr, (size_t)n * u->elem, HY_BF_CHILD);
	}
}

/* HY_CAP_PTRACE: ptrace's data argument as its request says (cap_ptrace() of the BPF side). */
static void cap_ptrace(struct recbuf *rb, pid_t tid, int when)
{
	const struct hy_rec *r = rb_rec(rb);
	uint64_t req = r->args[0], addr = r->args[2], data = r->args[3], len;
	int64_t ret = r->ret;	/* r may move when a blob is added */
	int ok = when == HY_AT_EXIT && !(ret < 0 && ret >= -4095);
	struct { uint64_t base, len; } iov;

	if (req == 0x4209 && when == HY_AT_ENTER && addr)	/* PTRACE_PEEKSIGINFO */
		blob_bytes(rb, tid, 2, when, 0, addr, 16, 0);
	if (!data)
		return;
	if (req == 0x4204 || req == 0x4205) {	/* PTRACE_GETREGSET, PTRACE_SETREGSET */
		if (pmem_read(tid, data, &iov, sizeof(iov)) != sizeof(iov)) {
			blob_bytes(rb, tid, 3, when, 0, data, sizeof(iov), 0);
			return;
		}
		void *p = rb_blob(rb, 3, when, 0, data, sizeof(iov));

		if (!p)
			return;
		memcpy(p, &iov, sizeof(iov));
		rb_blob_done(rb, sizeof(iov), 0, 0);
		if ((req == 0x4204 ? !ok : when != HY_AT_ENTER) || !iov.base || !iov.len)
			return;
		blob_bytes(rb, tid, 3, when, 1, iov.base,
			   iov.len < HY_PT_REGSET_MAX ? iov.len : HY_PT_REGSET_MAX, HY_BF_CHILD);
		return;
	}
	len = hy_ptrace_data_len(req, addr, ret, when, ok);
	if (len)
		blob_bytes(rb, tid, 3, when, 0, data, len, 0);
}

static void cap_one(struct recbuf *rb, pid_t tid, const struct hy_cap *c, int arg, int when,
		    const struct opts *o, uint64_t sp, unsigned int strsize)
{
	const struct hy_rec *r = rb_rec(rb);
	uint64_t addr = r->args[arg];

	switch (c->kind) {
	case HY_CAP_STR:
		if (addr)
			blob_str(rb, tid, arg, when, 0, addr, (c->size ? c->size : strsize) + 1, 0);
		break;
	case HY_CAP_PATH:
		if (addr)
			blob_str(rb, tid, arg, when, 0, addr, c->size ? c->size : HY_PATH_MAX, 0);
		break;
	case HY_CAP_FIXED:
		if (addr)
			blob_bytes(rb, tid, arg, when, 0, addr, c->size, 0);
		break;
	case HY_CAP_BUF: {
		uint64_t n = count_of(r, c), show = n < strsize ? n : strsize;

		if (addr && n)
			blob_bytes(rb, tid, arg, when, 0, addr, show, 0);
		break;
	}
	case HY_CAP_SIZED: {
		uint64_t n = count_of(r, c);

		if (addr)
			blob_bytes(rb, tid, arg, when, 0, addr, n < c->size ? n : c->size, 0);
		break;
	}
	case HY_CAP_LENPTR: {
		int len = 0;

		if (!addr || c->count_src >= HY_NARGS)
			break;
		if (pmem_read(tid, r->args[c->count_src], &len, sizeof(len)) != sizeof(len) || len < 0)
			len = c->size;
		blob_bytes(rb, tid, arg, when, 0, addr, (unsigned int)len < c->size ? (unsigned int)len : c->size, 0);
		break;
	}
	case HY_CAP_ARRAY: {
		uint64_t n = count_of(r, c);

		if (n > HY_ARR_MAX)
			n = HY_ARR_MAX;
		if (addr && n)
			blob_bytes(rb, tid, arg, when, 0, addr, n * c->size, 0);
		break;
	}
	case HY_CAP_IOC: {
		uint64_t n = (r->args[1] >> 16) & 0x3fff;	/* _IOC_SIZE, asm-generic/ioctl.h */

		if (addr && n)
			blob_bytes(rb, tid, arg, when, 0, addr, n < c->size ? n : c->size, 0);
		break;
	}
	case HY_CAP_STRARR: {
		uint64_t ptrs[512];
		size_t n = 0;
		bool end = false, fault = false;
		uint64_t *blob;

		if (!addr)
			break;
		/* pointers first, in chunks, until the NULL */
		blob = rb_blob(rb, arg, when, 0, addr, HY_PTRS_MAX * 8);
		if (!blob)
			break;
		while (n < HY_PTRS_MAX && !end) {
			size_t want = HY_PTRS_MAX - n < 512 ? HY_PTRS_MAX - n : 512;
			uint64_t a = addr + n * 8;
			size_t to_page = (PAGE - (a & (PAGE - 1))) / 8;

			if (want > to_page)
				want = to_page;
			ssize_t got = pmem_read(tid, a, ptrs, want * 8);

			if (got < 8) {
				fault = true;
				break;
			}
			for (ssize_t i = 0; i < got / 8; i++) {
				if (!ptrs[i]) {
					end = true;
					break;
				}
				((uint64_t *)blob)[n++] = ptrs[i];
			}
			if ((size_t)got < want * 8 && !end) {
				fault = true;
				break;
			}
		}
		if (!n && !end) {
			rb_blob_done(rb, 0, -EFAULT, 0);
			break;
		}
		rb_blob_done(rb, n * 8, 0, end ? HY_BF_ARRAY_END : HY_BF_TRUNC | (fault ? HY_BF_FAULT : 0));
		if ((c->flags & HY_CF_VERBOSE) && !o->d.verbose)
			break;
		/* copy the pointers: rb_blob may move the buffer */
		size_t ns = n < HY_ARR_MAX ? n : HY_ARR_MAX;
		uint64_t strp[HY_ARR_MAX];

		memcpy(strp, (uint8_t *)rb->buf + rb->last + sizeof(struct hy_blob), ns * 8);
		for (size_t i = 0; i < ns; i++)
			blob_str(rb, tid, arg, when, 1 + i, strp[i], strsize + 1, HY_BF_CHILD);
		break;
	}
	case HY_CAP_IOVEC: {
		uint64_t n = c->count_src < HY_NARGS ? r->args[c->count_src] : 0;
		struct iovec iov[HY_ARR_MAX];

		if (!addr || !n)
			break;
		if (n > HY_ARR_MAX)
			n = HY_ARR_MAX;
		void *p = rb_blob(rb, arg, when, 0, addr, n * sizeof(struct iovec));

		if (!p)
			break;
		ssize_t got = pmem_read(tid, addr, p, n * sizeof(struct iovec));

		if (got < 0) {
			rb_blob_done(rb, 0, (int32_t)got, 0);
			break;
		}
		rb_blob_done(rb, got, 0,
			     (size_t)got < n * sizeof(struct iovec) ? HY_BF_TRUNC | HY_BF_FAULT : 0);
		memcpy(iov, p, got);
		n = got / sizeof(struct iovec);
		uint64_t budget = 0;

		if (when == HY_AT_EXIT)
			budget = r->ret > 0 ? (uint64_t)r->ret : 0;
		else
			for (size_t i = 0; i < n; i++)
				budget += iov[i].iov_len;
		iov_buffers(rb, tid, arg, when, 1, iov, n, budget, strsize);
		break;
	}
	case HY_CAP_MSGHDR: {
		struct msghdr m;
		struct iovec iov[HY_ARR_MAX];

		if (!addr)
			break;
		void *p = rb_blob(rb, arg, when, 0, addr, sizeof(m));

		if (!p)
			break;
		ssize_t got = pmem_read(tid, addr, p, sizeof(m));

		if (got != sizeof(m)) {
			rb_blob_done(rb, 0, got < 0 ? (int32_t)got : -EFAULT, 0);
			break;
		}
		memcpy(&m, p, sizeof(m));
		if (m.msg_name && m.msg_namelen)
			blob_bytes(rb, tid, arg, when, 1, (uint64_t)m.msg_name,
				   m.msg_namelen < 128 ? m.msg_namelen : 128, HY_BF_CHILD);
		if (m.msg_control && m.msg_controllen)
			blob_bytes(rb, tid, arg, when, 2, (uint64_t)m.msg_control,
				   m.msg_controllen < 4096 ? m.msg_controllen : 4096, HY_BF_CHILD);
		size_t n = m.msg_iovlen < HY_ARR_MAX ? m.msg_iovlen : HY_ARR_MAX;

		if (!m.msg_iov || !n)
			break;
		p = rb_blob(rb, arg, when, 3, (uint64_t)m.msg_iov, n * sizeof(struct iovec));
		if (!p)
			break;
		got = pmem_read(tid, (uint64_t)m.msg_iov, p, n * sizeof(struct iovec));
		if (got < 0) {
			rb_blob_done(rb, 0, (int32_t)got, HY_BF_CHILD);
			break;
		}
		rb_blob_done(rb, got, 0, HY_BF_CHILD);
		memcpy(iov, p, got);
		n = got / sizeof(struct iovec);
		uint64_t budget = 0;

		if (when == HY_AT_EXIT)
			budget = r->ret > 0 ? (uint64_t)r->ret : 0;
		else
			for (size_t i = 0; i < n; i++)
				budget += iov[i].iov_len;
		iov_buffers(rb, tid, arg, when, 4, iov, n, budget, strsize);
		break;
	}
	case HY_CAP_MMSGHDR: {
		uint64_t n = count_of(r, c);

		if (n > HY_ARR_MAX)
			n = HY_ARR_MAX;
		if (addr && n)
			blob_bytes(rb, tid, arg, when, 0, addr, n * 64, 0);	/* struct mmsghdr */
		break;
	}
	case HY_CAP_DEREF: {
		uint64_t ptr = 0;
		size_t a = HY_PAIR_A(c->size);

		if (!addr)
			break;
		void *p = rb_blob(rb, arg, when, 0, addr, a);

		if (!p)
			break;
		ssize_t got = pmem_read(tid, addr, p, a);

		if (got < 0) {
			rb_blob_done(rb, 0, (int32_t)got, 0);
			break;
		}
		rb_blob_done(rb, got, 0, 0);
		if (got >= 8)
			memcpy(&ptr, p, 8);
		if (ptr)
			blob_bytes(rb, tid, arg, when, 1, ptr, HY_PAIR_B(c->size), HY_BF_CHILD);
		break;
	}
	case HY_CAP_OPDESC:
		opdesc_capture(rb, tid, c, arg, when);
		break;
	case HY_CAP_STACK:
		if (sp)
			blob_bytes(rb, tid, HY_ARG_EXTRA, when, arg, sp + HY_STACK_OFF(c->size),
				   HY_STACK_LEN(c->size), 0);
		break;
	case HY_CAP_PTRACE:
		cap_ptrace(rb, tid, when);
		break;
	case HY_CAP_FDPATH:	/* fdpath_add() does these */
		break;
	default:
		break;
	}
}

void capture_apply(struct recbuf *rb, pid_t tid, const struct hy_cap_entry *e, int when,
		   const struct tracer *tr, uint64_t sp)
{
	const struct hy_rec *r = rb_rec(rb);
	bool failed = when == HY_AT_EXIT && r->ret < 0 && r->ret >= -4095;
	/* --cuda: a device's fd (its path blob added), an ioctl on it by its description */
	unsigned int dev = tr->o->cuda ? devioc_kind(rb, when, tr->cfg.fdpaths) : HY_DEV_NONE;
	bool dev_ioc = dev != HY_DEV_NONE && rb_rec(rb)->nr == SYS_ioctl;

	/* -e read=/write=: the data of a call on a dumped fd is taken whole (up to PT_DUMP_MAX) */
	unsigned int strsize = tr->o->d.strsize;
	enum dumpio_dir dir = tr->o->dump_read.any || tr->o->dump_write.any ? dumpio_dir(r->nr)
									      : DUMPIO_NONE;

	if ((dir == DUMPIO_READ && fdset_has(&tr->o->dump_read, (long)(int)r->args[0])) ||
	    (dir == DUMPIO_WRITE && fdset_has(&tr->o->dump_write, (long)(int)r->args[0])))
		strsize = PT_DUMP_MAX;
	for (int i = 0; i < HY_NARGS; i++) {
		const struct hy_cap *c = &e->arg[i];

		if (c->kind == HY_CAP_NONE || !(c->when & when))
			continue;
		if (failed && !(c->flags & HY_CF_ALWAYS) && !(c->when & HY_AT_ENTER))
			continue;
		if (i == 2 && dev_ioc && devioc_capture(rb, tid, dev, when))
			continue;
		cap_one(rb, tid, c, i, when, tr->o, sp, strsize);
	}
	fdpath_add(rb, e, when, tr->cfg.fdpaths, tr->o->d.xflag);
	nlsock_add(rb, when);	/* netlink messages whole, and the socket's protocol */
}
