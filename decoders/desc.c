// SPDX-License-Identifier: LGPL-2.1-or-later
/* desc.c: decoders for descriptors: read/write family, dup, fcntl, pipes, poll, select, epoll... */
/*
 * Output formats follow strace 6.1 (src/io.c, src/fcntl.c, src/poll.c, src/desc.c,
 * src/epoll.c, src/eventfd.c, src/signalfd.c, src/timerfd.c, src/inotify.c...).
 */
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

/* Kernel layouts (x86_64): include/uapi/linux/{uio,poll,eventpoll,fcntl}.h */
struct k_iovec { uint64_t base, len; };
struct k_pollfd { int32_t fd; int16_t events, revents; };
struct k_epoll_event { uint32_t events; uint64_t data; } __attribute__((packed));
struct k_flock { int16_t l_type, l_whence; int32_t pad; int64_t l_start, l_len; int32_t l_pid, pad2; };
struct k_f_owner_ex { int32_t type, pid; };

#define F_DUPFD_V		0	/* include/uapi/asm-generic/fcntl.h */
#define F_GETFD_V		1
#define F_SETFD_V		2
#define F_GETFL_V		3
#define F_SETFL_V		4
#define F_GETLK_V		5
#define F_SETLK_V		6
#define F_SETLKW_V		7
#define F_SETOWN_V		8
#define F_GETOWN_V		9
#define F_SETSIG_V		10
#define F_GETSIG_V		11
#define F_SETOWN_EX_V		15
#define F_GETOWN_EX_V		16
#define F_OFD_GETLK_V		36
#define F_OFD_SETLK_V		37
#define F_OFD_SETLKW_V		38
#define F_SETLEASE_V		1024	/* include/uapi/linux/fcntl.h */
#define F_GETLEASE_V		1025
#define F_NOTIFY_V		1026
#define F_DUPFD_CLOEXEC_V	1030
#define F_SETPIPE_SZ_V		1031
#define F_GETPIPE_SZ_V		1032
#define F_ADD_SEALS_V		1033
#define F_GET_SEALS_V		1034
#define EPOLL_CTL_DEL_V		2	/* include/uapi/linux/eventpoll.h */
#define NSIG_BYTES		8	/* strace: kernel sigset_t on x86_64 */

/* -- shared pieces ------------------------------------------------------------ */

/* The fd a call returned, with its path under -y. */
static struct hv *ret_fd(struct dctx *d)
{
	const char *path = NULL;

	for (unsigned int k = 0; d->o->yflag && k < d->ev->nblobs; k++) {
		const struct event_blob *b = &d->ev->b[k];

		if (b->h.arg == HY_ARG_RET && (b->h.flags & HY_BF_FDPATH) && !b->h.err)
			path = arena_strndup(d->ar, (const char *)b->data, b->h.len);
	}
	return hv_fd(d, (int)d_ret(d), path);
}

/* The blob captured for argument i at when (element 0), or NULL when absent or unreadable. */
static const struct event_blob *blob_at(struct dctx *d, int i, int when)
{
	const struct event_blob *b = event_blob(d->ev, i, when, 0);

	return b && !b->h.err ? b : NULL;
}

/* Copy a fixed object captured for argument i at when; false if it is not all there. */
static bool fetch_at(struct dctx *d, int i, int when, void *buf, size_t size)
{
	const struct event_blob *b = blob_at(d, i, when);

	if (!b || b->h.len < size)
		return false;
	memcpy(buf, b->data, size);
	return true;
}

/* strace's sprintsigmask_n (src/signal.c): [INT USR2], ~[...] when 2/3 or more are set. */
static struct hv *hv_sigmask(struct dctx *d, const void *data, unsigned int bytes)
{
	uint32_t mask[NSIG_BYTES / 4] = { 0 };
	unsigned int size = ((bytes < NSIG_BYTES ? bytes : NSIG_BYTES) + 3) / 4;
	unsigned int pop = 0;
	struct hv *a = hv_array(d);

	memcpy(mask, data, bytes < NSIG_BYTES ? bytes : NSIG_BYTES);
	for (unsigned int j = 0; j < size; j++)
		pop += __builtin_popcount(mask[j]);
	if (pop >= size * 32 * 2 / 3) {
		for (unsigned int j = 0; j < size; j++)
			mask[j] = ~mask[j];
		a->flags |= HVF_NOT;
	}
	a->flags |= HVF_SPACES;
	for (unsigned int bit = 0; bit < size * 32; bit++) {
		if (!(mask[bit / 32] & (1u << (bit % 32))))
			continue;
		const char *n = signame(bit + 1);
		struct hv *v = hv_new(d, HV_SYM);

		v->u = bit + 1;
		v->flags |= HVF_NUM | HVF_NUMDEC;
		v->text = n ? n + 3 : arena_printf(d->ar, "%u", bit + 1);
		hv_add(a, NULL, v);
	}
	return a;
}

/* A sigset_t pointer with its size (strace's print_sigset_addr_len). */
static struct hv *v_sigset(struct dctx *d, int i, uint64_t len)
{
	const struct event_blob *b = event_blob_any(d->ev, i, 0);
	uint8_t buf[NSIG_BYTES];

	if (!d_u(d, i))
		return hv_ptr(d, 0);
	if (len < 8 || len > NSIG_BYTES || !b || b->h.err || b->h.len < len)
		return v_ptr(d, i);
	memcpy(buf, b->data, len);
	return hv_sigmask(d, buf, len);
}

/* A pointer to one integer: [N], NULL or the address. */
static struct hv *num_at(struct dctx *d, int i, int when, bool sign64)
{
	int64_t n;

	if (!d_u(d, i))
		return hv_ptr(d, 0);
	if (!fetch_at(d, i, when, &n, sign64 ? 8 : 4))
		return v_ptr(d, i);
	struct hv *a = hv_array(d);

	hv_add(a, NULL, sign64 ? hv_int(d, n) : hv_int(d, (int32_t)n));
	return a;
}

/*
 * An iovec array (argument i, count in argument ci) as strace's tprint_iov_upto:
 * the data shown is bounded by limit bytes in all (-1: none); addrs prints iov_base raw.
 */
static struct hv *v_iov(struct dctx *d, int i, int ci, uint64_t limit, bool addrs)
{
	uint64_t cnt = d_u(d, ci);

	if (!d_u(d, i))
		return hv_ptr(d, 0);
	if (!cnt)
		return hv_array(d);
	const struct event_blob *b = event_blob_any(d->ev, i, 0);
	struct hv *v = v_unread(d, i, b);

	if (v)
		return v;
	struct hv *a = hv_array(d);
	size_t n = b->h.len / sizeof(struct k_iovec);

	for (size_t k = 0; k < cnt; k++) {
		struct k_iovec iov;

		bool cut = !d->o->verbose && k >= d->o->strsize;

		if (cut || k >= n) {	/* element k unreadable: strace's print_array */
			hv_add(a, NULL, cut ? hv_more(d) : b_fault(b) ?
				   hv_more_at(d, d_u(d, i) + k * sizeof(iov)) :
				   hv_ptr(d, d_u(d, i) + k * sizeof(iov)));
			break;
		}
		memcpy(&iov, b->data + k * sizeof(iov), sizeof(iov));
		struct hv *e = hv_struct(d);
		uint64_t len = iov.len < limit ? iov.len : limit;
		const struct event_blob *sb = event_blob(d->ev, i, b->h.when, 1 + k);

		limit -= len;
		if (addrs || !iov.base) {
			hv_add(e, "iov_base", hv_ptr(d, iov.base));
		} else if (!len) {
			hv_add(e, "iov_base", hv_str(d, "", 0, false));
		} else if (!sb || sb->h.err || (b_fault(sb) && sb->h.len < len && sb->h.len < d->o->strsize)) {
			hv_add(e, "iov_base", hv_ptr(d, iov.base));
		} else {
			uint64_t show = len < d->o->strsize ? len : d->o->strsize;

			if (show > sb->h.len)
				show = sb->h.len;
			hv_add(e, "iov_base", hv_str(d, sb->data, show, len > show));
		}
		hv_add(e, "iov_len", hv_uint(d, iov.len));
		hv_add(a, NULL, e);
	}
	return a;
}

/* -- read / write ------------------------------------------------------------- */

void dec_read(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, 1) : v_buf(d, 1, d_ret(d)));
	arg(d, v_ulong(d, 2));
}

void dec_write(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_buf(d, 1, d_u(d, 2)));
	arg(d, v_ulong(d, 2));
}

/* mq_timedsend, mq_timedreceive: as strace 6.1's src/mq.c */
void dec_mq_timedsend(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_buf(d, 1, d_u(d, 2)));
	arg(d, v_ulong(d, 2));
	arg(d, v_uint(d, 3));
	arg(d, v_tspec(d, 4, HY_AT_ENTER));
}

void dec_mq_timedreceive(struct dctx *d)
{
	uint32_t prio;

	arg(d, v_fd(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, d_failed(d) ? v_ptr(d, 1) : v_buf(d, 1, d_ret(d)));
	arg(d, v_ulong(d, 2));
	if (d_u(d, 3) && d_fetch_at(d, 3, HY_AT_EXIT, 0, &prio, sizeof(prio))) {
		struct hv *a = hv_array(d);

		hv_add(a, NULL, hv_uint(d, prio));
		arg(d, a);
	} else {
		arg(d, v_ptr(d, 3));	/* NULL, or the address it could not read */
	}
	arg(d, v_tspec(d, 4, HY_AT_ENTER));
}

void dec_pread64(struct dctx *d)
{
	dec_read(d);
	if (d->exiting)
		arg(d, v_long(d, 3));
}

void dec_pwrite64(struct dctx *d)
{
	dec_write(d);
	arg(d, v_long(d, 3));
}

/* readv, preadv, preadv2: the data is there at exit, bounded by the return value. */
static bool readv_common(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	if (!d->exiting) {
		d_pending(d);
		return false;
	}
	arg(d, v_iov(d, 1, 2, d_failed(d) ? 0 : (uint64_t)d_ret(d), d_failed(d)));
	arg(d, v_ulong(d, 2));
	return true;
}

static void writev_common(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_iov(d, 1, 2, UINT64_MAX, false));
	arg(d, v_ulong(d, 2));
}

void dec_readv(struct dctx *d)
{
	readv_common(d);
}

void dec_writev(struct dctx *d)
{
	writev_common(d);
}

void dec_preadv(struct dctx *d)
{
	if (readv_common(d))
		arg(d, v_long(d, 3));
}

void dec_pwritev(struct dctx *d)
{
	writev_common(d);
	arg(d, v_long(d, 3));
}

void dec_preadv2(struct dctx *d)
{
	if (!readv_common(d))
		return;
	arg(d, v_long(d, 3));
	arg(d, v_flags_or(d, 5, &xlat_rwf_flags, "RWF_???"));
}

void dec_pwritev2(struct dctx *d)
{
	writev_common(d);
	arg(d, v_long(d, 3));
	arg(d, v_flags_or(d, 5, &xlat_rwf_flags, "RWF_???"));
}

void dec_lseek(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_long(d, 1));
	arg(d, v_sym(d, 2, &xlat_lseek_whence));
}

/* -- descriptors ---------------------------------------------------------------- */

void dec_close(struct dctx *d)
{
	arg(d, v_fd(d, 0));
}

void dec_dup(struct dctx *d)
{
	arg(d, v_fd(d, 0));
}

void dec_dup2(struct dctx *d)
{
	dec_dup(d);
	arg(d, v_fd(d, 1));
}

void dec_dup3(struct dctx *d)
{
	dec_dup2(d);
	arg(d, hv_flags_or(d, &xlat_open_flags, d_ui(d, 2), "O_???"));
}

void dec_close_range(struct dctx *d)
{
	arg(d, v_uint(d, 0));	/* a bound, not an fd: strace shows no -y path */
	arg(d, v_uint(d, 1));
	arg(d, v_flags_or(d, 2, &xlat_close_range_flags, "CLOSE_RANGE_???"));
}

/* pipe, pipe2: the two fds are written at exit. */
static void pipe_common(struct dctx *d)
{
	int32_t fds[2];

	if (!d->exiting)
		return d_pending(d);
	if (d_failed(d) || !fetch_at(d, 0, HY_AT_EXIT, fds, sizeof(fds))) {
		arg(d, v_ptr(d, 0));
		return;
	}
	struct hv *a = hv_array(d);

	hv_add(a, NULL, hv_fd_at(d, fds[0], 0, 1));
	hv_add(a, NULL, hv_fd_at(d, fds[1], 0, 2));
	arg(d, a);
}

void dec_pipe(struct dctx *d)
{
	pipe_common(d);
}

void dec_pipe2(struct dctx *d)
{
	pipe_common(d);
	if (d->exiting)
		arg(d, hv_flags_or(d, &xlat_open_flags, d_ui(d, 1), "O_???"));
}

/* -- fcntl ------------------------------------------------------------------------ */

static struct hv *hv_flock(struct dctx *d, int when, bool getlk)
{
	struct k_flock fl;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !fetch_at(d, 2, when, &fl, sizeof(fl)))
		return v_ptr(d, 2);
	struct hv *s = hv_struct(d);

	hv_add(s, "l_type", hv_sym(d, &xlat_flock_types, (uint16_t)fl.l_type, true));
	hv_add(s, "l_whence", hv_sym(d, &xlat_lseek_whence, (uint16_t)fl.l_whence, true));
	hv_add(s, "l_start", hv_int(d, fl.l_start));
	hv_add(s, "l_len", hv_int(d, fl.l_len));
	if (getlk)
		hv_add(s, "l_pid", hv_int(d, fl.l_pid));
	return s;
}

static struct hv *hv_owner_ex(struct dctx *d, int when)
{
	struct k_f_owner_ex o;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !fetch_at(d, 2, when, &o, sizeof(o)))
		return v_ptr(d, 2);
	struct hv *s = hv_struct(d);

	hv_add(s, "type", hv_sym(d, &xlat_f_owner_types, (uint32_t)o.type, true));
	/* F_OWNER_TID 0, F_OWNER_PID 1, F_OWNER_PGRP 2 (strace 6.1, fcntl.c) */
	hv_add(s, "pid", hv_pid(d, o.pid, o.type == 0 ? HVP_TID : o.type == 1 ? HVP_TGID :
					  o.type == 2 ? HVP_PGID : HVP_NONE));
	return s;
}

/* "= 0x8002 (flags O_RDWR|O_LARGEFILE)": the return value in hex with a note. */
static void ret_hex_note(struct dctx *d, const char *note)
{
	d->ret = hv_hex(d, (uint64_t)d_ret(d));
	if (note)
		d->ret_note = hv_expr(d, "%s", note);
}

void dec_fcntl(struct dctx *d)
{
	unsigned int cmd = d_ui(d, 1);
	bool ok = d->exiting && !d_failed(d);

	arg(d, v_fd(d, 0));
	arg(d, hv_sym(d, &xlat_fcntl_cmds, cmd, true));
	switch (cmd) {
	case F_SETFD_V:
		arg(d, hv_flags_or(d, &xlat_fd_flags, d_u(d, 2), "FD_???"));
		break;
	case F_SETOWN_V:	/* a process, or -N a process group */
		arg(d, v_pid(d, 2, HVP_TGID_PGID));
		break;
	case F_SETPIPE_SZ_V:
		arg(d, v_int(d, 2));
		break;
	case F_DUPFD_V:
	case F_DUPFD_CLOEXEC_V:
		arg(d, v_int(d, 2));
		if (ok)
			d->ret = ret_fd(d);
		break;
	case F_SETFL_V:
		arg(d, hv_open_flags(d, d_ui(d, 2)));
		break;
	case F_SETLK_V:
	case F_SETLKW_V:
	case F_OFD_SETLK_V:
	case F_OFD_SETLKW_V:
		arg(d, hv_flock(d, HY_AT_ENTER, false));
		break;
	case F_SETOWN_EX_V:
		arg(d, hv_owner_ex(d, HY_AT_ENTER));
		break;
	case F_NOTIFY_V:
		arg(d, hv_flags_or(d, &xlat_dnotify_flags, d_u(d, 2), "DN_???"));
		break;
	case F_SETLEASE_V:
		arg(d, hv_sym(d, &xlat_lease_types, d_u(d, 2), true));
		break;
	case F_ADD_SEALS_V:
		arg(d, hv_flags_or(d, &xlat_fcntl_seals, d_u(d, 2), "F_SEAL_???"));
		break;
	case F_SETSIG_V:
		arg(d, hv_signal(d, d_i(d, 2)));
		break;
	case F_GETOWN_V:	/* strace 6.1: a process group when negative, else a process */
		if (ok)
			d->ret = hv_pid(d, d_ret(d), d_ret(d) < 0 ? HVP_PGID : HVP_TGID);
		break;
	case F_GETPIPE_SZ_V:
		break;
	case F_GETFD_V:
		if (ok && d_ret(d))
			ret_hex_note(d, arena_printf(d->ar, "flags %s",
						     flags_text(d, &xlat_fd_flags, d_ret(d))));
		break;
	case F_GETFL_V:
		if (ok)
			ret_hex_note(d, arena_printf(d->ar, "flags %s",
						     hv_open_flags(d, d_ret(d))->text));
		break;
	case F_GETLK_V:
	case F_OFD_GETLK_V:
		if (!d->exiting)
			return d_pending(d);
		arg(d, hv_flock(d, HY_AT_EXIT, true));
		break;
	case F_GETOWN_EX_V:
		if (!d->exiting)
			return d_pending(d);
		arg(d, hv_owner_ex(d, HY_AT_EXIT));
		break;
	case F_GETLEASE_V:
		if (ok)
			ret_hex_note(d, xlat_name(&xlat_lease_types, d_ret(d)));
		break;
	case F_GET_SEALS_V:
		if (ok && d_ret(d))
			ret_hex_note(d, arena_printf(d->ar, "seals %s",
						     flags_text(d, &xlat_fcntl_seals, d_ret(d))));
		break;
	case F_GETSIG_V:
		if (ok && d_ret(d) && signame(d_ret(d)))
			d->ret_note = hv_expr(d, "%s", signame(d_ret(d)));
		break;
	default:
		arg(d, v_hex(d, 2));
		break;
	}
}

/* -- event, signal, timer and inotify fds --------------------------------------------- */

void dec_eventfd(struct dctx *d)
{
	arg(d, v_uint(d, 0));
}

void dec_eventfd2(struct dctx *d)
{
	arg(d, v_uint(d, 0));
	arg(d, v_flags_or(d, 1, &xlat_efd_flags, "EFD_???"));
}

void dec_signalfd(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_sigset(d, 1, d_u(d, 2)));
	arg(d, v_ulong(d, 2));
}

void dec_signalfd4(struct dctx *d)
{
	dec_signalfd(d);
	arg(d, v_flags_or(d, 3, &xlat_sfd_flags, "SFD_???"));
}

void dec_timerfd_create(struct dctx *d)
{
	arg(d, hv_clockid(d, d_i(d, 0)));
	arg(d, v_flags_or(d, 1, &xlat_timerfd_flags, "TFD_???"));
}

void dec_timerfd_settime(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_flags_or(d, 1, &xlat_timerfd_settime_flags, "TFD_???"));
	arg(d, v_itspec(d, 2, HY_AT_ENTER));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_itspec(d, 3, HY_AT_EXIT));
}

void dec_timerfd_gettime(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, v_itspec(d, 1, HY_AT_EXIT));
}

void dec_inotify_init(struct dctx *d)
{
}

void dec_inotify_init1(struct dctx *d)
{
	arg(d, v_flags_or(d, 0, &xlat_inotify_init_flags, "IN_???"));
}

void dec_inotify_add_watch(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_path(d, 1));
	arg(d, v_flags_or(d, 2, &xlat_inotify_flags, "IN_???"));
}

void dec_inotify_rm_watch(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_int(d, 1));
}

void dec_memfd_create(struct dctx *d)
{
	arg(d, v_path(d, 0));
	arg(d, v_flags_or(d, 1, &xlat_memfd_create_flags, "MFD_???"));
}

/* -- moving data between fds ------------------------------------------------------------ */

void dec_sendfile(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_fd(d, 1));
	if (!d_u(d, 2) || !blob_at(d, 2, HY_AT_ENTER)) {
		arg(d, num_at(d, 2, HY_AT_ENTER, true));
		arg(d, v_ulong(d, 3));
		return;
	}
	/*
	 * strace prints "[0] <unfinished ...>" here; the entry text must be a prefix of the
	 * whole line, so the offset waits for the exit.
	 */
	if (!d->exiting)
		return d_pending(d);
	struct hv *off = num_at(d, 2, HY_AT_ENTER, true);

	if (!d_failed(d) && d_ret(d))
		off = hv_changed(d, off, num_at(d, 2, HY_AT_EXIT, true));
	arg(d, off);
	arg(d, v_ulong(d, 3));
}

void dec_splice(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, num_at(d, 1, HY_AT_ENTER, true));
	arg(d, v_fd(d, 2));
	arg(d, num_at(d, 3, HY_AT_ENTER, true));
	arg(d, v_ulong(d, 4));
	arg(d, v_flags_or(d, 5, &xlat_splice_flags, "SPLICE_F_???"));
}

void dec_tee(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_fd(d, 1));
	arg(d, v_ulong(d, 2));
	arg(d, v_flags_or(d, 3, &xlat_splice_flags, "SPLICE_F_???"));
}

void dec_vmsplice(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_iov(d, 1, 2, UINT64_MAX, false));
	arg(d, v_ulong(d, 2));
	arg(d, v_flags_or(d, 3, &xlat_splice_flags, "SPLICE_F_???"));
}

void dec_copy_file_range(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, num_at(d, 1, HY_AT_ENTER, true));
	arg(d, v_fd(d, 2));
	arg(d, num_at(d, 3, HY_AT_ENTER, true));
	arg(d, v_ulong(d, 4));
	arg(d, v_uint(d, 5));
}

/* -- poll ------------------------------------------------------------------------------- */

static struct hv *pollfds_in(struct dctx *d)
{
	uint64_t n = d_ui(d, 1);

	if (!d_u(d, 0))
		return hv_ptr(d, 0);
	if (!n)
		return hv_array(d);
	const struct event_blob *b = event_blob(d->ev, 0, HY_AT_ENTER, 0);
	struct hv *v = v_unread(d, 0, b);

	if (v)
		return v;
	struct hv *a = hv_array(d);

	for (uint64_t k = 0; k < n; k++) {
		struct k_pollfd p;

		if (!d->o->verbose && k >= d->o->strsize) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		if ((k + 1) * sizeof(p) > b->h.len) {	/* unreadable: strace's print_array */
			hv_add(a, NULL, b_fault(b) ? hv_more_at(d, d_u(d, 0) + k * sizeof(p)) :
				   hv_ptr(d, d_u(d, 0) + k * sizeof(p)));
			break;
		}
		memcpy(&p, b->data + k * sizeof(p), sizeof(p));
		struct hv *s = hv_struct(d);

		hv_add(s, "fd", hv_fd_num(d, p.fd));
		if (p.fd >= 0)
			hv_add(s, "events", hv_flags_or(d, &xlat_poll_events, (uint16_t)p.events, "POLL???"));
		hv_add(a, NULL, s);
	}
	return a;
}

/* The note of poll/ppoll (strace's decode_poll_exiting): ready fds, then "left" time. */
static void poll_note(struct dctx *d, int tmo)
{
	if (d_failed(d))
		return;
	if (d_ret(d) == 0) {
		d->ret_note = hv_expr(d, "Timeout");
		return;
	}
	uint64_t n = d_ui(d, 1);
	const struct event_blob *b = event_blob(d->ev, 0, HY_AT_EXIT, 0);
	char *out = "";
	unsigned int printed = 0;
	bool any = false;

	if (!d_u(d, 0) || !n)
		return;
	for (uint64_t k = 0; k < n; k++) {
		struct k_pollfd p;

		if (!b || b->h.err || (k + 1) * sizeof(p) > b->h.len) {
			out = arena_printf(d->ar, "%s%s%#llx", out, any ? ", " : "[",
					   (unsigned long long)(d_u(d, 0) + k * sizeof(p)));
			any = true;
			break;
		}
		memcpy(&p, b->data + k * sizeof(p), sizeof(p));
		if (!p.revents)
			continue;
		out = arena_printf(d->ar, "%s%s", out, any ? ", " : "[");
		any = true;
		if (!d->o->verbose && printed >= d->o->strsize) {
			out = arena_printf(d->ar, "%s...", out);
			break;
		}
		char *fl = flags_text(d, &xlat_poll_events, (uint16_t)p.revents);

		out = arena_printf(d->ar, "%s{fd=%d, revents=%s}", out, p.fd, fl ? fl : "0");
		printed++;
	}
	if (any)
		out = arena_printf(d->ar, "%s]", out);
	if (tmo >= 0 && d_u(d, tmo)) {
		int64_t ts[2];
		char *t = fetch_at(d, tmo, HY_AT_EXIT, ts, sizeof(ts)) ?
			  arena_printf(d->ar, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ts[0], (long long)ts[1]) :
			  arena_printf(d->ar, "%#llx", (unsigned long long)d_u(d, tmo));

		out = arena_printf(d->ar, "%s%sleft %s", out, any ? ", " : "", t);
		any = true;
	}
	if (any)
		d->ret_note = hv_expr(d, "%s", out);
}

void dec_poll(struct dctx *d)
{
	arg(d, pollfds_in(d));
	arg(d, v_uint(d, 1));
	arg(d, v_int(d, 2));
	if (d->exiting)
		poll_note(d, -1);
}

void dec_ppoll(struct dctx *d)
{
	arg(d, pollfds_in(d));
	arg(d, v_uint(d, 1));
	arg(d, v_tspec(d, 2, HY_AT_ENTER));
	arg(d, v_sigset(d, 3, d_u(d, 4)));
	arg(d, v_ulong(d, 4));
	if (d->exiting)
		poll_note(d, 2);
}

/* -- select ------------------------------------------------------------------------------ */

#define FDSET_MAX	1024	/* bits captured per fd_set (FD_SETSIZE; the capture is 128 bytes) */

static struct hv *fdset_in(struct dctx *d, int i, int nfds)
{
	const struct event_blob *b = event_blob(d->ev, i, HY_AT_ENTER, 0);

	if (!d_u(d, i))
		return hv_ptr(d, 0);
	if (nfds <= 0 || !b || b->h.err)
		return v_ptr(d, i);
	struct hv *a = hv_array(d);

	a->flags |= HVF_SPACES;
	for (int k = 0; k < nfds && (unsigned int)k / 8 < b->h.len; k++)
		if (b->data[k / 8] & (1u << (k % 8)))
			hv_add(a, NULL, hv_fd_num(d, k));
	return a;
}

/* strace's decode_select exit note, including its stray ']' after a set with no ready fd. */
static void select_note(struct dctx *d, bool timeval)
{
	static const char *const names[] = { "in", "out", "except" };
	int nfds = d_i(d, 0);
	int64_t ready = d_ret(d);
	char *out = "";

	if (d_failed(d))
		return;
	if (!ready) {
		d->ret_note = hv_expr(d, "Timeout");
		return;
	}
	if (nfds > FDSET_MAX)
		nfds = FDSET_MAX;
	for (int i = 1; i <= 3 && ready > 0; i++) {
		const struct event_blob *b = blob_at(d, i, HY_AT_EXIT);
		bool first = true;

		if (!d_u(d, i) || !b || nfds <= 0)
			continue;
		for (int k = 0; k < nfds && (unsigned int)k / 8 < b->h.len; k++) {
			if (!(b->data[k / 8] & (1u << (k % 8))))
				continue;
			if (first)
				out = arena_printf(d->ar, "%s%s%s [%d", out, *out ? ", " : "",
						   names[i - 1], k);
			else
				out = arena_printf(d->ar, "%s %d", out, k);
			first = false;
			if (--ready == 0)
				break;
		}
		if (*out)
			out = arena_printf(d->ar, "%s]", out);
	}
	if (d_u(d, 4)) {
		int64_t t[2];
		char *s = fetch_at(d, 4, HY_AT_EXIT, t, sizeof(t)) ?
			  arena_printf(d->ar, "{tv_sec=%lld, %s=%lld}", (long long)t[0],
				       timeval ? "tv_usec" : "tv_nsec", (long long)t[1]) :
			  arena_printf(d->ar, "%#llx", (unsigned long long)d_u(d, 4));

		out = arena_printf(d->ar, "%s%sleft %s", out, *out ? ", " : "", s);
	}
	d->ret_note = hv_expr(d, "%s", out);
}

static void select_common(struct dctx *d)
{
	int nfds = d_i(d, 0);

	arg(d, v_int(d, 0));
	for (int i = 1; i <= 3; i++)
		arg(d, fdset_in(d, i, nfds > FDSET_MAX ? FDSET_MAX : nfds));
}

void dec_select(struct dctx *d)
{
	int64_t tv[2];

	select_common(d);
	if (!d_u(d, 4))
		arg(d, hv_ptr(d, 0));
	else if (!fetch_at(d, 4, HY_AT_ENTER, tv, sizeof(tv)))
		arg(d, v_ptr(d, 4));
	else
		arg(d, hv_tval(d, tv));
	if (d->exiting)
		select_note(d, true);
}

void dec_pselect6(struct dctx *d)
{
	uint64_t sm[2];

	select_common(d);
	arg(d, v_tspec(d, 4, HY_AT_ENTER));
	/* struct { const sigset_t *ss; size_t ss_len; }: the set is blob idx 1 (deref capture) */
	if (!d_u(d, 5)) {
		arg(d, hv_ptr(d, 0));
	} else if (!fetch_at(d, 5, HY_AT_ENTER, sm, sizeof(sm))) {
		arg(d, v_ptr(d, 5));
	} else {
		struct hv *s = hv_struct(d);
		const struct event_blob *set = event_blob(d->ev, 5, HY_AT_ENTER, 1);

		if (sm[0] && set && !set->h.err && set->h.len == 8 && sm[1] == 8)
			hv_add(s, "sigmask", hv_sigset(d, set->data, 8));
		else
			hv_add(s, "sigmask", hv_ptr(d, sm[0]));
		hv_add(s, "sigsetsize", hv_uint(d, sm[1]));
		arg(d, s);
	}
	if (d->exiting)
		select_note(d, false);
}

/* -- epoll ---------------------------------------------------------------------------------- */

static struct hv *hv_epoll_event(struct dctx *d, const struct k_epoll_event *e)
{
	struct hv *s = hv_struct(d), *data = hv_struct(d);

	hv_add(s, "events", hv_flags_or(d, &xlat_epoll_events, e->events, "EPOLL???"));
	hv_add(data, "u32", hv_uint(d, (uint32_t)e->data));
	hv_add(data, "u64", hv_uint(d, e->data));
	hv_add(s, "data", data);
	return s;
}

void dec_epoll_create(struct dctx *d)
{
	arg(d, v_int(d, 0));
}

void dec_epoll_create1(struct dctx *d)
{
	arg(d, v_flags_or(d, 0, &xlat_epoll_flags, "EPOLL_???"));
}

void dec_epoll_ctl(struct dctx *d)
{
	struct k_epoll_event e;

	arg(d, v_fd(d, 0));
	arg(d, v_sym(d, 1, &xlat_epoll_ctl_ops));
	arg(d, v_fd(d, 2));
	if (d_ui(d, 1) == EPOLL_CTL_DEL_V)
		arg(d, v_ptr(d, 3));
	else if (!d_u(d, 3) || !fetch_at(d, 3, HY_AT_ENTER, &e, sizeof(e)))
		arg(d, v_ptr(d, 3));
	else
		arg(d, hv_epoll_event(d, &e));
}

/* epoll_wait family: fd, then at exit the ready events, maxevents, timeout. */
static bool epoll_wait_common(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	if (!d->exiting) {
		d_pending(d);
		return false;
	}
	const struct event_blob *b = blob_at(d, 1, HY_AT_EXIT);

	if (d_failed(d) || !d_u(d, 1) || (!b && d_ret(d) > 0)) {
		arg(d, v_ptr(d, 1));
	} else {
		struct hv *a = hv_array(d);
		int64_t n = d_ret(d);

		for (int64_t k = 0; k < n; k++) {
			struct k_epoll_event e;

			if ((!d->o->verbose && k >= d->o->strsize) ||
			    (uint64_t)(k + 1) * sizeof(e) > b->h.len) {
				hv_add(a, NULL, hv_more(d));
				break;
			}
			memcpy(&e, b->data + k * sizeof(e), sizeof(e));
			hv_add(a, NULL, hv_epoll_event(d, &e));
		}
		arg(d, a);
	}
	arg(d, v_int(d, 2));
	return true;
}

void dec_epoll_wait(struct dctx *d)
{
	if (epoll_wait_common(d))
		arg(d, v_int(d, 3));
}

void dec_epoll_pwait(struct dctx *d)
{
	if (!epoll_wait_common(d))
		return;
	arg(d, v_int(d, 3));
	arg(d, v_sigset(d, 4, d_u(d, 5)));
	arg(d, v_ulong(d, 5));
}

void dec_epoll_pwait2(struct dctx *d)
{
	if (!epoll_wait_common(d))
		return;
	arg(d, v_tspec(d, 3, HY_AT_ENTER));
	arg(d, v_sigset(d, 4, d_u(d, 5)));
	arg(d, v_ulong(d, 5));
}
