// SPDX-License-Identifier: LGPL-2.1-or-later
/* args.c: argument node helpers (v_*) and the decode entry point. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

#define AT_FDCWD_VAL (-100)	/* include/uapi/linux/fcntl.h */

void arg(struct dctx *d, struct hv *v)
{
	hv_add(d->args, NULL, v);
}

void d_pending(struct dctx *d)
{
	d->pending = true;
}

bool d_failed(const struct dctx *d)
{
	if (d->ev->r.flags & HY_F_NO_EXIT)
		return true;
	if (d->ev->r.flags & HY_F_INJ_RETVAL)
		return false;
	return d->ev->r.ret < 0 && d->ev->r.ret >= -4095;
}

const struct event_blob *d_fetch_at(const struct dctx *d, int i, int when, int idx, void *buf,
				    size_t size)
{
	const struct event_blob *b = event_blob(d->ev, i, when, idx);

	if (!b || b->h.err || (b_fault(b) && b->h.len < size))
		return NULL;
	size_t n = b->h.len < size ? b->h.len : size;

	memcpy(buf, b->data, n);
	memset((char *)buf + n, 0, size - n);
	return b;
}

const struct event_blob *d_fetch(const struct dctx *d, int i, void *buf, size_t size)
{
	const struct event_blob *b = event_blob_any(d->ev, i, 0);

	if (!b || b->h.err || (b_fault(b) && b->h.len < size))
		return NULL;
	size_t n = b->h.len < size ? b->h.len : size;

	memcpy(buf, b->data, n);
	memset((char *)buf + n, 0, size - n);
	return b;
}

struct hv *v_int(struct dctx *d, int i)
{
	return hv_int(d, d_i(d, i));
}

struct hv *hv_pid(struct dctx *d, int64_t pid, enum hv_pid_type t)
{
	struct hv *v = hv_int(d, pid);

	v->pidt = (uint8_t)t;
	return v;
}

struct hv *v_pid(struct dctx *d, int i, enum hv_pid_type t)
{
	return hv_pid(d, d_i(d, i), t);
}

struct hv *v_uint(struct dctx *d, int i)
{
	return hv_uint(d, d_ui(d, i));
}

struct hv *v_long(struct dctx *d, int i)
{
	return hv_int(d, d_l(d, i));
}

struct hv *v_ulong(struct dctx *d, int i)
{
	return hv_uint(d, d_u(d, i));
}

struct hv *v_hex(struct dctx *d, int i)
{
	return hv_hex(d, d_u(d, i));
}

struct hv *v_oct(struct dctx *d, int i)
{
	return hv_mode(d, d_ui(d, i));
}

struct hv *v_ptr(struct dctx *d, int i)
{
	return hv_ptr(d, d_u(d, i));
}

static const struct event_blob *fdpath_blob(struct dctx *d, int i, int idx)
{
	if (!d->o->yflag)
		return NULL;
	for (unsigned int k = 0; k < d->ev->nblobs; k++) {
		const struct event_blob *b = &d->ev->b[k];

		if (b->h.arg == i && b->h.idx == idx && (b->h.flags & HY_BF_FDPATH) && !b->h.err)
			return b;
	}
	return NULL;
}

const char *d_fdpath(struct dctx *d, int i, int idx)
{
	const struct event_blob *b = fdpath_blob(d, i, idx);

	return b ? arena_strndup(d->ar, (const char *)b->data, b->h.len) : NULL;
}

struct hv *hv_fd_at(struct dctx *d, int fd, int i, int idx)
{
	const struct event_blob *b = fdpath_blob(d, i, idx);
	struct hv *v = hv_fd(d, fd, b ? arena_strndup(d->ar, (const char *)b->data, b->h.len) : NULL);

	if (b && (b->h.flags & HY_BF_FDRAW))
		v->flags |= HVF_FDRAW;
	return v;
}

static const char *fd_path(struct dctx *d, int i)
{
	return d_fdpath(d, i, 0);
}

struct hv *hv_fd_num(struct dctx *d, int fd)
{
	if (d->o->yflag)
		for (unsigned int k = 0; k < d->ev->nblobs; k++) {
			const struct event_blob *b = &d->ev->b[k];

			if ((b->h.flags & HY_BF_FDPATH) && !b->h.err && (int)b->h.addr == fd &&
			    b->h.arg != HY_ARG_RET)
				return hv_fd_at(d, fd, b->h.arg, b->h.idx);
		}
	return hv_fd(d, fd, NULL);
}

struct hv *v_fd(struct dctx *d, int i)
{
	return hv_fd_at(d, d_i(d, i), i, 0);
}

struct hv *v_dirfd(struct dctx *d, int i)
{
	if (d_i(d, i) == AT_FDCWD_VAL) {
		const char *cwd = fd_path(d, i);
		struct hv *v;

		if (cwd) {	/* -y: AT_FDCWD</cwd> */
			v = hv_fd(d, AT_FDCWD_VAL, cwd);
			v->flags |= HVF_ATCWD;
			return v;
		}
		v = hv_new(d, HV_SYM);
		v->text = "AT_FDCWD";
		v->u = (uint64_t)(int64_t)AT_FDCWD_VAL;
		v->flags |= HVF_NUM | HVF_NUMDEC;
		return v;
	}
	return v_fd(d, i);
}

/*
 * The bytes of an extensible structure past the part hytrace knows, as strace's
 * print_nonzero_bytes(): NULL when there are none or all are zero; "???" when they cannot all be
 * read; else '/\* bytes KNOWN..USIZE-1 *\/ "\x.."' (at most -s bytes, then "...").  b holds the
 * structure's first bytes (min(usize, the capture's size)); past the capture, bytes that were
 * not captured are said so rather than guessed.
 */
struct hv *v_struct_tail(struct dctx *d, const struct event_blob *b, size_t known, uint64_t usize)
{
	static const char hexd[] = "0123456789abcdef";

	if (usize <= known)
		return NULL;
	if (!b || b->h.err || (b_fault(b) && b->h.len < usize))
		return hv_expr(d, "???");
	size_t have = b->h.len < usize ? b->h.len : (size_t)usize, k = known;

	while (k < have && !b->data[k])
		k++;
	if (k == have) {
		if (have >= usize)
			return NULL;
		return hv_expr(d, "/* bytes %zu..%llu: not captured */", have,
			       (unsigned long long)usize - 1);
	}
	size_t show = have - known < d->o->strsize ? have - known : d->o->strsize;
	char *t = arena_alloc(d->ar, 48 + show * 4 + 4), *o = t;

	o += sprintf(o, "/* bytes %zu..%llu */ \"", known, (unsigned long long)usize - 1);
	for (size_t i = 0; i < show; i++) {
		uint8_t c = (uint8_t)b->data[known + i];

		*o++ = '\\';
		*o++ = 'x';
		*o++ = hexd[c >> 4];
		*o++ = hexd[c & 15];
	}
	*o++ = '"';
	if (show < usize - known)
		o = stpcpy(o, "...");
	*o = '\0';
	return hv_expr(d, "%s", t);
}

struct hv *v_unread(struct dctx *d, int i, const struct event_blob *b)
{
	if (d_u(d, i) == 0)
		return hv_ptr(d, 0);
	if (!b || b->h.err)
		return hv_ptr(d, d_u(d, i));
	return NULL;
}

/* A NUL-terminated string blob, shown up to max bytes. */
static struct hv *str_node(struct dctx *d, int i, size_t max)
{
	const struct event_blob *b = event_blob_any(d->ev, i, 0);
	struct hv *v = v_unread(d, i, b);

	if (v)
		return v;
	size_t len = b->h.len;
	bool trunc = !(b->h.flags & HY_BF_NUL);	/* no terminator within what was read */

	if (len > max) {
		len = max;
		trunc = true;
	}
	v = hv_str(d, b->data, len, trunc);
	v->flags |= HVF_STRNUL;
	return v;
}

struct hv *v_path(struct dctx *d, int i)
{
	return str_node(d, i, HY_PATH_MAX);
}

struct hv *v_str(struct dctx *d, int i)
{
	return str_node(d, i, d->o->strsize);
}

struct hv *v_buf(struct dctx *d, int i, uint64_t len)
{
	const struct event_blob *b = event_blob_any(d->ev, i, 0);
	struct hv *v;

	if (len == 0 && d_u(d, i))	/* nothing to read: strace prints "" */
		return hv_str(d, "", 0, false);
	v = v_unread(d, i, b);

	if (v)
		return v;
	uint64_t show = len < d->o->strsize ? len : d->o->strsize;

	if (show > b->h.len) {
		if (b_fault(b))	/* strace's umoven fails: the address */
			return hv_ptr(d, d_u(d, i));
		show = b->h.len;
	}
	return hv_str(d, b->data, show, len > show);
}

struct hv *hv_more_at(struct dctx *d, uint64_t addr)
{
	return hv_comment(d, hv_more(d), "%#llx", (unsigned long long)addr);
}

struct hv *v_flags(struct dctx *d, int i, const struct xlat *x)
{
	return hv_flags(d, x, d_ui(d, i));
}

struct hv *hv_flags_or(struct dctx *d, const struct xlat *x, uint64_t v, const char *dflt)
{
	struct hv *n = hv_flags(d, x, v);

	if (n->kind == HV_SYM && v && dflt && n->text[0] == '0' && n->text[1] == 'x') {
		n->kind = HV_HEX;	/* no known bit: strace prints the number and the comment */
		n->comment = dflt;
		n->flags |= HVF_XCOMMENT;
	}
	return n;
}

struct hv *v_flags_or(struct dctx *d, int i, const struct xlat *x, const char *dflt)
{
	return hv_flags_or(d, x, d_ui(d, i), dflt);
}

struct hv *v_sym(struct dctx *d, int i, const struct xlat *x)
{
	return hv_sym(d, x, d_ui(d, i), true);
}

void dec_printargs(struct dctx *d)
{
	int n = d->se ? d->se->nargs : HY_NARGS;

	for (int i = 0; i < n; i++)
		arg(d, hv_hex(d, d_u(d, i)));
}

/*
 * -e verbose= without this call: a copy of ev in the arena without the blobs that hold
 * structures, so that decoders print their addresses, as strace's umove_or_printaddr() does
 * when !verbose(tcp).  Strings, paths, data buffers and fd paths stay (strace prints those).
 */
static const struct event *event_noderef(struct dctx *d, const struct event *ev)
{
	struct event *c = arena_alloc(d->ar, sizeof(*c));
	const struct hy_cap_entry *cap = d->se ? &d->se->cap : NULL;

	c->r = ev->r;
	c->nblobs = 0;
	for (unsigned int k = 0; k < ev->nblobs; k++) {
		const struct event_blob *b = &ev->b[k];
		unsigned int kind = cap && b->h.arg < HY_NARGS ? cap->arg[b->h.arg].kind : HY_CAP_NONE;

		if ((b->h.flags & HY_BF_FDPATH) || b->h.arg >= HY_NARGS || kind == HY_CAP_STR ||
		    kind == HY_CAP_PATH || kind == HY_CAP_BUF)
			c->b[c->nblobs++] = *b;
	}
	return c;
}

struct hv *v_typed(struct dctx *d, int i, enum arg_type t)
{
	switch (t) {
	case AT_INT:
		return v_int(d, i);
	case AT_UINT:
		return v_uint(d, i);
	case AT_LONG:
		return v_long(d, i);
	case AT_ULONG:
		return v_ulong(d, i);
	case AT_XINT:
		return hv_hex(d, d_ui(d, i));
	case AT_MODE:
		return hv_mode(d, d_ui(d, i));
	case AT_ID:	/* strace's printuid: -1 for (uid_t)-1 */
		return d_ui(d, i) == 0xffffffff ? hv_int(d, -1) : hv_uint(d, d_ui(d, i));
	case AT_CLOCKID:
		return hv_clockid(d, d_i(d, i));
	case AT_PTR:
		return v_ptr(d, i);
	case AT_FD:
		return v_fd(d, i);
	case AT_DIRFD:
		return v_dirfd(d, i);
	case AT_PATH:
		return v_path(d, i);
	case AT_STR:
		return v_str(d, i);
	case AT_XLONG:
	case AT_NONE:
	case AT_NKINDS:
		break;
	}
	return v_hex(d, i);
}

void dec_generic(struct dctx *d)
{
	for (int i = 0; i < d->se->nargs; i++) {
		struct hv *v = v_typed(d, i, d->se->argtypes[i]);

		/* a process by its kernel name (move_pages, process_vm_readv...): strace's TGID */
		if (d->se->argtypes[i] == AT_INT && d->se->argnames[i] &&
		    !strcmp(d->se->argnames[i], "pid"))
			v->pidt = HVP_TGID;
		arg(d, v);
	}
}

void d_decode(struct dctx *d, const struct event *ev, bool exiting)
{
	d->ev = ev;
	d->se = sysent_get(ev->r.nr);
	d->exiting = exiting;
	d->pending = false;
	d->ret = NULL;
	d->ret_note = NULL;
	d->args = hv_array(d);
	d->ret_is_error = exiting && !(ev->r.flags & (HY_F_NO_EXIT | HY_F_INJ_RETVAL)) &&
			  ev->r.ret < 0 && ev->r.ret >= -4095;
	if (d->o->noderef && !d->o->raw)
		d->ev = ev = event_noderef(d, ev);
	if (d->se && !d->o->raw) {
		(d->se->decode ? d->se->decode : dec_generic)(d);
		return;
	}
	dec_printargs(d);
	/* strace's raw(): the return value of a call that returned one in hex (syscall.c) */
	if (d->o->raw && exiting && !d->ret_is_error && !(ev->r.flags & HY_F_NO_EXIT) &&
	    (!d->se || d->se->ret != RV_NONE))
		d->ret = hv_hex(d, (uint64_t)ev->r.ret);
}

long sysent_lookup(const char *name)
{
	unsigned int lo = 0, hi = sysent_nnames;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		int c = strcmp(sysent[sysent_by_name[mid]].name, name);

		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else
			return sysent_by_name[mid];
	}
	return -1;
}

const char *signame(int sig)
{
	static char rt[33][12];

	if (sig <= 0 || sig > 64)
		return NULL;
	const char *n = xlat_name(&xlat_signals, sig);

	if (n)
		return n;
	if (sig == 32)
		return "SIGRTMIN";	/* strace: kernel's SIGRTMIN, not glibc's */
	if (sig > 32) {
		char *p = rt[sig - 32];

		if (!p[0])
			snprintf(p, sizeof(rt[0]), "SIGRT_%d", sig - 32);
		return p;
	}
	return NULL;
}

struct hv *hv_signal(struct dctx *d, int sig)
{
	const char *n = signame(sig);

	if (n) {
		struct hv *v = hv_new(d, HV_SYM);

		v->text = n;
		v->u = sig;
		v->flags |= HVF_NUM | HVF_NUMDEC;
		return v;
	}
	return hv_int(d, sig);
}

const char *errno_name(int err)
{
	return xlat_name(&xlat_errnos, err);
}

const char *errno_text(int err)
{
	switch (err) {	/* texts from strace's src/xlat/errnos.in comments (kernel-internal codes) */
	case 512: return "To be restarted if SA_RESTART is set";
	case 513: return "To be restarted";
	case 514: return "To be restarted if no handler";
	case 515: return "ioctl not supported";
	case 516: return "Interrupted by signal";
	}
	if (err > 133)
		return NULL;
	return strerror(err);
}

struct hv *v_strarr(struct dctx *d, int i)
{
	const struct event_blob *pb = event_blob_any(d->ev, i, 0);
	struct hv *v = v_unread(d, i, pb);

	if (v)
		return v;
	int when = pb->h.when;
	size_t n = pb->h.len / 8;
	struct hv *a = hv_array(d);

	for (size_t k = 0; k < n; k++) {
		const struct event_blob *sb = event_blob(d->ev, i, when, 1 + k);

		if (!d->o->verbose && k >= d->o->strsize) {
			hv_add(a, NULL, hv_more(d));
			return a;
		}
		if (!sb) {	/* past what was captured */
			hv_add(a, NULL, hv_more(d));
			return a;
		}
		if (sb->h.err) {
			uint64_t ptr;

			memcpy(&ptr, pb->data + k * 8, 8);
			hv_add(a, NULL, hv_ptr(d, ptr));
			continue;
		}
		size_t len = sb->h.len;
		bool trunc = !(sb->h.flags & HY_BF_NUL);

		if (len > d->o->strsize) {
			len = d->o->strsize;
			trunc = true;
		}
		hv_add(a, NULL, hv_str(d, sb->data, len, trunc));
	}
	if (b_fault(pb))	/* pointer n could not be read: strace's print_array */
		hv_add(a, NULL, hv_more_at(d, d_u(d, i) + n * 8));
	else if (!(pb->h.flags & HY_BF_ARRAY_END))
		hv_add(a, NULL, hv_more(d));
	return a;
}

struct hv *v_envp(struct dctx *d, int i)
{
	const struct event_blob *pb = event_blob_any(d->ev, i, 0);

	if (d->o->verbose)
		return v_strarr(d, i);
	struct hv *v = v_unread(d, i, pb);

	if (v)
		return v;
	v = hv_ptr(d, d_u(d, i));
	if (pb->h.flags & HY_BF_ARRAY_END)
		hv_comment(d, v, "%u var%s", pb->h.len / 8, pb->h.len / 8 == 1 ? "" : "s");
	else
		hv_comment(d, v, "%u vars or more", pb->h.len / 8);
	return v;
}
