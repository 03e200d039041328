// SPDX-License-Identifier: LGPL-2.1-or-later
/* nvidia.c: the NVIDIA driver's ioctls (issue 11): frontend and RM escapes, UVM commands. */
/*
 * The layouts, numbers and names are data (nvidia_gen.c and decoders/xlat/nv_*.in, written by
 * gen-nvidia.sh from open-gpu-kernel-modules 595.45.04); this file walks them.  Blobs read
 * (the capture side writes exactly these, see bpf/hytrace.h):
 *   arg 2 idx 0                 the top struct, at entry and at exit
 *   HY_ARG_EXTRA idx 1 + i      sub i of the request's description (RM_CONTROL params,
 *                               RM_ALLOC pAllocParms, the buffer an XFER wrapper points to)
 *   HY_ARG_EXTRA idx 1 + HY_IOCD_SUBS + j
 *                               sub j of the command an XFER wrapper carries
 * Output: strace's form for in/out structs, {in} => {changed at exit}; NV_STATUS members print
 * only at exit, and the call's status follows the result as a note: "= 0 (NV_ERR_...)".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ioctl.h"
#include "nvidia.h"
#include "nvidia_tab.h"
#include "nvkms.h"
#include "xlat_gen.h"

#define NV_IOCTL_MAGIC	0x46	/* 'F': nv-ioctl-numbers.h NV_IOCTL_MAGIC */
#define NV_BRIEF	8	/* members shown without -v, then "..." */
#define NV_BRIEF_ELEMS	4	/* array elements shown without -v */

/* -- device kinds, descriptions, class sizes ---------------------------------------------- */

unsigned int nv_dev_kind(const char *path)
{
	static const char dev[] = "/dev/nvidia";
	const char *p;

	if (!path || strncmp(path, dev, sizeof(dev) - 1))
		return HY_DEV_NONE;
	p = path + sizeof(dev) - 1;
	if (!strcmp(p, "ctl"))
		return HY_DEV_NVIDIACTL;
	if (!strcmp(p, "-uvm"))
		return HY_DEV_NVIDIA_UVM;
	if (!strcmp(p, "-uvm-tools"))
		return HY_DEV_NVIDIA_UVM_TOOLS;
	if (!strcmp(p, "-modeset"))
		return HY_DEV_NVIDIA_MODESET;
	if (!strncmp(p, "-caps/", 6) && p[6])
		return HY_DEV_NVIDIA_CAPS;
	if (*p >= '0' && *p <= '9') {
		while (*p >= '0' && *p <= '9')
			p++;
		if (!*p)
			return HY_DEV_NVIDIA;
	}
	return HY_DEV_NONE;
}

unsigned int nv_ioctl_kind(const struct event *ev)
{
	char path[64];

	for (unsigned int k = 0; k < ev->nblobs; k++) {
		const struct event_blob *b = &ev->b[k];

		if (b->h.arg != 0 || b->h.idx != 0 || !(b->h.flags & HY_BF_FDPATH) || b->h.err ||
		    (b->h.flags & HY_BF_FDRAW))
			continue;
		if (b->h.len >= sizeof(path))
			return HY_DEV_NONE;
		memcpy(path, b->data, b->h.len);
		path[b->h.len] = '\0';
		return nv_dev_kind(path);
	}
	return HY_DEV_NONE;
}

const struct nv_ioc_desc_entry *nv_ioc_descs(size_t *n)
{
	*n = nv_ndescs;
	return nv_descs;
}

const struct hy_ioc_desc *nv_ioc_desc(unsigned int kind, uint32_t req)
{
	uint64_t key = HY_IOCD_KEY(kind, req);
	size_t lo = 0, hi = nv_ndescs;

	if (kind == HY_DEV_NVIDIA_MODESET)
		return nvkms_ioc_desc(req);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (nv_descs[mid].key == key)
			return &nv_descs[mid].desc;
		if (nv_descs[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct nv_class_size *nv_class_sizes(size_t *n)
{
	*n = nv_nclass_sizes;
	return nv_class_size_tab;
}

const char *nv_status_name(uint32_t status)
{
	return xlat_name(&xlat_nv_status, status);
}

/* -- which struct a request takes ---------------------------------------------------------- */

static bool is_esc_kind(unsigned int kind)
{
	return kind == HY_DEV_NVIDIACTL || kind == HY_DEV_NVIDIA;
}

static bool is_uvm_kind(unsigned int kind)
{
	return kind == HY_DEV_NVIDIA_UVM || kind == HY_DEV_NVIDIA_UVM_TOOLS;
}

/* The escape number of a frontend/RM request, or -1 when req is not one. */
static int esc_nr(uint32_t req)
{
	if (HY_IOC_TYPE(req) != NV_IOCTL_MAGIC || !xlat_name(&xlat_nv_escapes, HY_IOC_NR(req)))
		return -1;
	return (int)HY_IOC_NR(req);
}

/* The bindings of (role, key): nv_binds is sorted by role, then key (gen-nvidia.sh). */
static const struct nv_bind *bind_find(enum nv_role role, uint32_t key, size_t *n)
{
	size_t lo = 0, hi = nv_nbinds, k;

	while (lo < hi) {	/* the first entry not below (role, key) */
		size_t mid = lo + (hi - lo) / 2;
		const struct nv_bind *b = &nv_binds[mid];

		if (b->role < role || (b->role == role && b->key < key))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < nv_nbinds && nv_binds[k].role == role && nv_binds[k].key == key; k++)
		;
	*n = k - lo;
	return *n ? &nv_binds[lo] : NULL;
}

/* True when an older layout of c's struct (named C_Vnnn, before > major) applies to major. */
static bool newer_than(const struct nv_bind *b, size_t n, const struct nv_bind *c,
		       unsigned int major)
{
	size_t k = strlen(c->s ? c->s->name : "");

	for (size_t i = 0; c->s && i < n; i++)
		if (b[i].before && major < b[i].before && b[i].s &&
		    !strncmp(b[i].s->name, c->s->name, k) && !strncmp(b[i].s->name + k, "_V", 2))
			return true;
	return false;
}

/*
 * The struct of an escape.  Of the layouts known for it, those the driver version allows
 * (d->nv_major, when CHECK_VERSION_STR told it), then the one of the size the request carries
 * (RM_ALLOC: NVOS21 or NVOS64; NVOS46/47 changed size in 580/550), then the most specific for
 * a known version (NVOS21 before 535 had the same size), else the pinned release's.
 * size 0 or unknown: the first.  d NULL: the version is not known.
 */
static const struct nv_struct *esc_struct(const struct dctx *d, int nr, size_t size)
{
	size_t n;
	const struct nv_bind *b = bind_find(NVB_ESC, (uint32_t)nr, &n), *best = NULL;
	unsigned int major = d ? d->nv_major : 0;
	int best_score = -1;

	if (!b)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const struct nv_bind *c = &b[i];
		int score;

		if (major && c->before && major >= c->before)
			continue;	/* a layout older than this driver */
		if (major && !c->before && newer_than(b, n, c, major))
			continue;	/* a layout newer than this driver */
		score = (c->s && c->s->size == size) ? 4 : 0;
		if (major && c->before)
			score += 2;	/* older layout that this older driver still used */
		else if (!major && !c->before)
			score += 1;
		if (score > best_score) {
			best = c;
			best_score = score;
		}
	}
	return best ? best->s : b->s;
}

static const struct nv_struct *role_struct(enum nv_role role, uint32_t key)
{
	size_t n;
	const struct nv_bind *b = bind_find(role, key, &n);

	return b ? b->s : NULL;
}

static const struct nv_field *field_named(const struct nv_struct *s, const char *name)
{
	for (unsigned int i = 0; s && i < s->nf; i++)
		if (s->f[i].name && !strcmp(s->f[i].name, name))
			return &s->f[i];
	return NULL;
}

/*
 * The offset of the struct's NV_STATUS member, looked for in nested structs too
 * (nv_ioctl_nvos33_parameters_with_fd.params.status): true and *off when there is one.
 */
static bool status_off(const struct nv_struct *s, size_t *off)
{
	for (unsigned int i = 0; s && i < s->nf; i++) {
		const struct nv_field *f = &s->f[i];
		size_t sub;

		if (f->kind == NVK_ST && f->n == 1 && f->esize == 4) {
			*off = f->off;
			return true;
		}
		if (f->kind == NVK_STRUCT && f->n == 1 && status_off(f->sub, &sub)) {
			*off = f->off + sub;
			return true;
		}
	}
	return false;
}

static uint64_t get_uint(const uint8_t *p, size_t size)
{
	uint64_t v = 0;

	switch (size) {
	case 1: v = p[0]; break;
	case 2: { uint16_t x; memcpy(&x, p, 2); v = x; break; }
	case 4: { uint32_t x; memcpy(&x, p, 4); v = x; break; }
	case 8: memcpy(&v, p, 8); break;
	}
	return v;
}

static int64_t get_int(const uint8_t *p, size_t size)
{
	switch (size) {
	case 1: return (int8_t)p[0];
	case 2: return (int16_t)get_uint(p, 2);
	case 4: return (int32_t)get_uint(p, 4);
	default: return (int64_t)get_uint(p, size);
	}
}

/* A u32 member of a captured struct: true when the blob holds it. */
static bool blob_u32(const struct event_blob *b, const struct nv_field *f, uint32_t *v)
{
	if (!b || b->h.err || !f || b->h.len < f->off + 4)
		return false;
	*v = (uint32_t)get_uint(b->data + f->off, 4);
	return true;
}

static const struct event_blob *blob_at(const struct event *ev, int arg, int when, int idx)
{
	const struct event_blob *b = event_blob(ev, arg, when, idx);

	return b && !b->h.err ? b : NULL;
}

/* -- values ----------------------------------------------------------------------------------- */

static struct hv *sym_or_hex(struct dctx *d, const struct xlat *x, uint64_t v, const char *what)
{
	const char *n = xlat_name(x, v);
	struct hv *h;

	if (n) {
		h = hv_new(d, HV_SYM);
		h->text = n;
		h->u = v;
		h->flags |= HVF_NUM;
		return h;
	}
	h = hv_hex(d, v);
	if (what)
		hv_comment(d, h, "%s", what);
	return h;
}

/* An RM control command: its name, or the number with its class, category and index. */
static struct hv *hv_nv_cmd(struct dctx *d, uint32_t cmd)
{
	if (xlat_name(&xlat_nv_ctrl_cmds, cmd))
		return sym_or_hex(d, &xlat_nv_ctrl_cmds, cmd, NULL);
	return hv_comment(d, hv_hex(d, cmd), "class %#x, category %#x, index %#x", cmd >> 16,
			  (cmd >> 8) & 0xff, cmd & 0xff);
}

static struct hv *hv_nv_status(struct dctx *d, uint32_t st)
{
	return sym_or_hex(d, &xlat_nv_status, st, "NV_ERR_???");
}

static struct hv *hv_uuid(struct dctx *d, const uint8_t *u)
{
	struct hv *v = hv_expr(d, "GPU-%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
			       u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10],
			       u[11], u[12], u[13], u[14], u[15]);
	return v;
}

static struct hv *nv_struct_val(struct dctx *d, const struct nv_struct *s, const uint8_t *p,
				size_t len, bool all);

/* One element of kind f->kind at p (esize bytes); out: captured at exit (NV_STATUS shows). */
static struct hv *elem_val(struct dctx *d, const struct nv_field *f, const uint8_t *p, bool out)
{
	switch (f->kind) {
	case NVK_U:
		return hv_uint(d, get_uint(p, f->esize));
	case NVK_I:
		return hv_int(d, get_int(p, f->esize));
	case NVK_FD:
		return hv_fd_num(d, (int)get_int(p, f->esize));
	case NVK_X:
	case NVK_H:
		return hv_hex(d, get_uint(p, f->esize));
	case NVK_P:
		return hv_ptr(d, get_uint(p, f->esize));
	case NVK_CLS:
		return sym_or_hex(d, &xlat_nv_classes, get_uint(p, f->esize), "class ???");
	case NVK_CMD:
		return hv_nv_cmd(d, (uint32_t)get_uint(p, f->esize));
	case NVK_ST:
		return hv_nv_status(d, (uint32_t)get_uint(p, f->esize));
	case NVK_ESC:
		return sym_or_hex(d, &xlat_nv_escapes, get_uint(p, f->esize), "NV_ESC_???");
	case NVK_VHF:
		return sym_or_hex(d, &xlat_nv_vidheap_funcs, get_uint(p, f->esize),
				  "NVOS32_FUNCTION_???");
	case NVK_GII:
		return sym_or_hex(d, &xlat_nv_gpu_info_index, get_uint(p, f->esize),
				  "NV2080_CTRL_GPU_INFO_INDEX_???");
	case NVK_UUID:
		return f->esize >= 16 ? hv_uuid(d, p) : hv_hexstr(d, p, f->esize, false);
	case NVK_STRUCT:
		return nv_struct_val(d, f->sub, p, f->esize, out);
	case NVK_STR:
	case NVK_BYTES:
		break;
	}
	return hv_hexstr(d, p, f->esize, false);
}

/*
 * Bytes of member f inside a capture of len bytes: all of it, the whole elements that fit of
 * an array cut short (a caller built for another release's bound), or 0.
 */
static size_t fit(const struct nv_field *f, size_t len)
{
	size_t size = f->esize * f->n;

	if (f->off + size <= len)
		return size;
	if (f->n > 1 && f->off + f->esize <= len)
		return (len - f->off) / f->esize * f->esize;
	return 0;
}

/* A member: scalar, string, bytes or array, from its size bytes at p; out as for elem_val. */
static struct hv *field_val(struct dctx *d, const struct nv_field *f, const uint8_t *p,
			    size_t size, bool out, int64_t count)
{
	/* an array after its count (numClasses, gpuInfoListSize, length): that many elements */
	if (f->n > 1 && count >= 0 && (uint64_t)count * f->esize < size)
		size = (size_t)count * f->esize;

	if (f->kind == NVK_STR) {
		size_t k = strnlen((const char *)p, size);
		size_t max = d->o->strsize ? (size_t)d->o->strsize : k;

		return hv_str(d, p, k < max ? k : max, k > max);
	}
	if (f->kind == NVK_BYTES) {
		size_t show = size;

		if (!d->o->verbose && d->o->strsize && show > (size_t)d->o->strsize)
			show = (size_t)d->o->strsize;
		return hv_hexstr(d, p, show, show < size);
	}
	if (f->n == 1)
		return elem_val(d, f, p, out);
	struct hv *a = hv_array(d);
	size_t n = size / f->esize;

	/* without a count, trailing zero elements are not shown: arrays filled from the front */
	while (count < 0 && n > 0) {
		const uint8_t *e = p + (n - 1) * f->esize;
		size_t k = 0;

		while (k < f->esize && !e[k])
			k++;
		if (k < f->esize)
			break;
		n--;
	}
	for (size_t i = 0; i < n; i++) {
		if (!d->o->verbose && i == NV_BRIEF_ELEMS) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		hv_add(a, NULL, elem_val(d, f, p + i * f->esize, out));
	}
	return a;
}

/*
 * The element count that member i of s has from the member before it, when that one is an
 * integer named as a count (numClasses, gpuInfoListSize, engineCount, length) and member i is
 * an array; else -1.  p holds len bytes of the struct.
 */
static int64_t array_count(const struct nv_struct *s, unsigned int i, const uint8_t *p, size_t len)
{
	const struct nv_field *f = &s->f[i], *c;
	const char *n;
	size_t k;

	if (!i || f->n < 2 || !p)
		return -1;
	c = &s->f[i - 1];
	if (c->n != 1 || (c->kind != NVK_U && c->kind != NVK_I && c->kind != NVK_X) ||
	    c->esize > 8 || c->off + c->esize > len || !c->name)
		return -1;
	n = strrchr(c->name, '.');
	n = n ? n + 1 : c->name;
	k = strlen(n);
	if (!(k > 4 && !strcmp(n + k - 4, "Size")) && !(k > 5 && !strcmp(n + k - 5, "Count")) &&
	    strcmp(n, "length") && strcmp(n, "count") &&
	    !(!strncmp(n, "num", 3) && n[3] >= 'A' && n[3] <= 'Z'))
		return -1;
	uint64_t v = get_uint(p + c->off, c->esize);

	return v > f->n ? (int64_t)f->n : (int64_t)v;
}

/* A whole struct from len bytes (a nested struct or a struct known only at exit). */
static struct hv *nv_struct_val(struct dctx *d, const struct nv_struct *s, const uint8_t *p,
				size_t len, bool all)
{
	struct hv *v = hv_struct(d);
	unsigned int shown = 0;

	for (unsigned int i = 0; s && i < s->nf; i++) {
		const struct nv_field *f = &s->f[i];

		if (!f->name)
			continue;
		size_t k = fit(f, len);

		if (!k) {
			hv_add(v, NULL, hv_more(d));
			break;
		}
		if (!all && f->kind == NVK_ST)
			continue;
		if (!d->o->verbose && shown == NV_BRIEF) {
			hv_add(v, NULL, hv_more(d));
			break;
		}
		hv_add(v, f->name, field_val(d, f, p + f->off, k, all, array_count(s, i, p, len)));
		shown++;
	}
	return v;
}

/* -- structs at entry and exit --------------------------------------------------------------- */

/* The lists inside an RM control's params: the command, and the blob idx of its sub 0. */
struct nv_lctx {
	uint32_t cmd;
	int idx0;
};

/* A pointer member whose buffer was captured as a sub (what it points to prints instead). */
struct nv_subref {
	const struct nv_field *ptr;	/* the pointer member */
	const struct nv_struct *s;	/* its layout, or NULL: bytes (under -v) */
	const struct event_blob *in, *out;
	bool have;			/* captured (else the pointer prints) */
	const struct nv_subref *inner;	/* the sub's own sub (a command inside XFER) */
	const struct nv_lctx *lists;	/* RM_CONTROL params: the lists they point to, or NULL */
	struct nv_lctx lc;
};

/* -- lists inside RM control params (third-level buffers) ------------------------------------ */

static const struct nv_list *list_find(uint32_t cmd, size_t off)
{
	size_t lo = 0, hi = nv_nlists;

	while (lo < hi) {	/* nv_lists is sorted by command, then member offset */
		size_t mid = lo + (hi - lo) / 2;
		const struct nv_list *l = &nv_lists[mid];

		if (l->cmd == cmd && l->ptr_off == off)
			return l;
		if (l->cmd < cmd || (l->cmd == cmd && l->ptr_off < off))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The element count of list l in len bytes of its params at p (its description's count), or -1. */
static int64_t list_count(const struct nv_list *l, const uint8_t *p, size_t len)
{
	const struct hy_ioc_desc *dsc = nv_ioc_desc(HY_DEV_RMCTRL, l->cmd);
	const struct hy_ioc_sub *c;

	if (!dsc || l->sub >= dsc->nsubs || l->sub >= HY_IOCD_SUBS || !p)
		return -1;
	c = &dsc->sub[l->sub];
	if ((c->len_size != 4 && c->len_size != 8) || (size_t)c->len_off + c->len_size > len)
		return -1;
	uint64_t v = get_uint(p + c->len_off, c->len_size);

	return v > INT64_MAX / 256 ? INT64_MAX / 256 : (int64_t)v;
}

/*
 * A list's elements from blob b: strings and bytes as one string, others as an array (at most
 * NV_BRIEF_ELEMS without -v); "..." when the params' count holds more than was captured.
 */
static struct hv *list_val(struct dctx *d, const struct nv_list *l, const struct event_blob *b,
			   int64_t count, bool out)
{
	size_t len = b->h.len, n = l->esize ? len / l->esize : 0;
	bool cut = (b->h.flags & (HY_BF_TRUNC | HY_BF_FAULT | HY_BF_PAGE_END)) ||
		   (count >= 0 && (uint64_t)count > n);
	struct nv_field f = { NULL, 0, l->esize, 1, l->kind, l->s };

	if (l->kind == NVK_STR) {
		size_t k = strnlen((const char *)b->data, len);
		size_t max = d->o->strsize ? (size_t)d->o->strsize : k;

		return hv_str(d, b->data, k < max ? k : max, k > max || (k == len && cut));
	}
	if (l->kind == NVK_BYTES) {
		size_t show = len;

		if (!d->o->verbose && d->o->strsize && show > (size_t)d->o->strsize)
			show = (size_t)d->o->strsize;
		return hv_hexstr(d, b->data, show, show < len || cut);
	}
	struct hv *a = hv_array(d);

	for (size_t i = 0; i < n; i++) {
		if (!d->o->verbose && i == NV_BRIEF_ELEMS) {
			hv_add(a, NULL, hv_more(d));
			return a;
		}
		hv_add(a, NULL, elem_val(d, &f, b->data + i * l->esize, out));
	}
	if (cut)
		hv_add(a, NULL, hv_more(d));
	return a;
}

/*
 * Pointer member f of params (pi/li at entry, po/lo at exit) when it is a list of lc's command
 * whose buffer was captured: *vi gets what prints at entry (the list, or the pointer when the
 * list is read only at exit), *vo the list at exit when it differs, else NULL.  False: not a
 * captured list (the pointer prints as usual).
 */
static bool list_pair(struct dctx *d, const struct nv_lctx *lc, const struct nv_field *f,
		      const uint8_t *pi, size_t li, const uint8_t *po, size_t lo, bool have_in,
		      struct hv **vi, struct hv **vo)
{
	const struct nv_list *l = lc && f->kind == NVK_P && f->n == 1 ? list_find(lc->cmd, f->off) : NULL;
	const struct event_blob *bi, *bo;

	if (!l)
		return false;
	bi = blob_at(d->ev, HY_ARG_EXTRA, HY_AT_ENTER, lc->idx0 + (int)l->sub);
	bo = d_failed(d) ? NULL : blob_at(d->ev, HY_ARG_EXTRA, HY_AT_EXIT, lc->idx0 + (int)l->sub);
	if (!bi && !bo)
		return false;
	*vo = NULL;
	if (!have_in) {		/* only the exit capture of the params: it stands for the whole */
		*vi = list_val(d, l, bo ? bo : bi, list_count(l, pi, li), true);
		return true;
	}
	if (bi)
		*vi = list_val(d, l, bi, list_count(l, pi, li), false);
	else if (fit(f, li))
		*vi = elem_val(d, f, pi + f->off, false);
	else
		*vi = NULL;
	if (bo && (!bi || bi->h.len != bo->h.len || memcmp(bi->data, bo->data, bo->h.len)))
		*vo = list_val(d, l, bo, list_count(l, po ? po : pi, po ? lo : li), true);
	return true;
}

static bool nvos32_skip(const struct nv_struct *s, const struct nv_field *f, const uint8_t *p,
			size_t len)
{
	static const char data[] = "data.";
	const struct nv_field *fn;

	if (strcmp(s->name, "NVOS32_PARAMETERS") || strncmp(f->name, data, sizeof(data) - 1))
		return false;
	fn = field_named(s, "function");
	return !fn || len < fn->off + 4 || get_uint(p + fn->off, 4) != HY_NVOS32_FUNCTION_ALLOC_SIZE;
}

static void sub_pair(struct dctx *d, const struct nv_subref *r, struct hv **in, struct hv **out);

/*
 * The struct s captured as in (entry) and out (exit): *vin gets {members at entry}, *vout
 * {members changed at exit, NV_STATUS members}, or NULL when nothing changed.
 */
static void nv_pair(struct dctx *d, const struct nv_struct *s, const struct event_blob *in,
		    const struct event_blob *out, const struct nv_subref *sub,
		    const struct nv_lctx *lists, struct hv **vin, struct hv **vout)
{
	const uint8_t *pi = in ? in->data : NULL, *po = out ? out->data : NULL;
	size_t li = in ? in->h.len : 0, lo = out ? out->h.len : 0;
	struct hv *a = hv_struct(d), *b = hv_struct(d);
	unsigned int na = 0, nb = 0;
	bool cut_a = false, cut_b = false;

	if (!pi) {	/* only the exit capture: it stands for the whole struct */
		pi = po;
		li = lo;
		po = NULL;
		lo = 0;
	}
	for (unsigned int i = 0; i < s->nf; i++) {
		const struct nv_field *f = &s->f[i];
		size_t ai = pi ? fit(f, li) : 0, ao = po ? fit(f, lo) : 0;

		if (!f->name)
			continue;
		if (pi && nvos32_skip(s, f, pi, li))
			continue;
		if (sub && sub->ptr == f && sub->have) {
			struct hv *si = NULL, *so = NULL;

			sub_pair(d, sub, &si, &so);
			if (si && !cut_a) {
				if (!d->o->verbose && na >= NV_BRIEF)
					cut_a = true;
				else
					hv_add(a, f->name, si), na++;
			}
			if (so)
				hv_add(b, f->name, so), nb++;
			continue;
		}
		struct hv *li_v = NULL, *lo_v = NULL;

		if (list_pair(d, lists, f, pi, li, po, lo, in != NULL, &li_v, &lo_v)) {
			if (!li_v || cut_a || (!d->o->verbose && na >= NV_BRIEF))
				cut_a = true;
			else
				hv_add(a, f->name, li_v), na++;
			if (lo_v && !d->o->verbose && nb >= NV_BRIEF)
				cut_b = true;
			else if (lo_v)
				hv_add(b, f->name, lo_v), nb++;
			continue;
		}
		if (f->kind != NVK_ST && !cut_a) {
			if (!ai) {
				cut_a = true;
			} else if (!d->o->verbose && na >= NV_BRIEF) {
				cut_a = true;
			} else {
				hv_add(a, f->name, field_val(d, f, pi + f->off, ai, !in,
							     array_count(s, i, pi, li)));
				na++;
			}
		}
		if (ao && (f->kind == NVK_ST || ai != ao || memcmp(pi + f->off, po + f->off, ao))) {
			if (!d->o->verbose && nb >= NV_BRIEF && f->kind != NVK_ST) {
				cut_b = true;
				continue;
			}
			hv_add(b, f->name, field_val(d, f, po + f->off, ao, true,
						     array_count(s, i, po, lo)));
			nb++;
		} else if (!po && !in && f->kind == NVK_ST && ai) {
			hv_add(a, f->name, field_val(d, f, pi + f->off, ai, true,
						     array_count(s, i, pi, li)));
		}
	}
	/* the capture was cut (HY_IOC_SUB_MAX, or the read stopped short): say so */
	if (cut_a || (in && (in->h.flags & HY_BF_TRUNC)) || (!in && out && (out->h.flags & HY_BF_TRUNC)))
		hv_add(a, NULL, hv_more(d));
	if (cut_b)
		hv_add(b, NULL, hv_more(d));
	*vin = a;
	*vout = nb ? b : NULL;
}

/* What a sub buffer prints as: its struct, its bytes (-v), or the pointer. */
static void sub_pair(struct dctx *d, const struct nv_subref *r, struct hv **in, struct hv **out)
{
	if (r->s) {
		nv_pair(d, r->s, r->in, r->out, r->inner, r->lists, in, out);
		return;
	}
	/* no layout known: bytes under -v, the pointer otherwise (set by the caller) */
	if (!d->o->verbose) {
		*in = NULL;
		*out = NULL;
		return;
	}
	const struct event_blob *bi = r->in ? r->in : r->out;

	*in = bi ? hv_hexstr(d, bi->data, bi->h.len, bi->h.flags & HY_BF_TRUNC) : NULL;
	*out = r->in && r->out && (r->in->h.len != r->out->h.len ||
				  memcmp(r->in->data, r->out->data, r->in->h.len)) ?
		       hv_hexstr(d, r->out->data, r->out->h.len, r->out->h.flags & HY_BF_TRUNC) : NULL;
}

/* -- the requests --------------------------------------------------------------------------- */

/*
 * The sub a request's struct points to: RM_CONTROL params (by cmd), RM_ALLOC pAllocParms
 * (by class), XFER's buffer (handled by the caller).  top: the entry capture, else the exit one.
 */
static void find_sub(struct dctx *d, int nr, const struct nv_struct *s, const struct event_blob *top,
		     int idx, struct nv_subref *r)
{
	uint32_t key;

	memset(r, 0, sizeof(*r));
	if (nr == HY_NV_ESC_RM_CONTROL) {
		r->ptr = field_named(s, "params");
		if (blob_u32(top, field_named(s, "cmd"), &key)) {
			r->s = role_struct(NVB_CTRL, key);
			/* the params' own subs: one level below theirs (bpf/hytrace.h) */
			r->lc.cmd = key;
			r->lc.idx0 = 1 + ((idx - 1) / HY_IOCD_SUBS + 1) * HY_IOCD_SUBS;
			r->lists = &r->lc;
		}
	} else if (nr == HY_NV_ESC_RM_ALLOC) {
		r->ptr = field_named(s, "pAllocParms");
		if (blob_u32(top, field_named(s, "hClass"), &key))
			r->s = role_struct(NVB_CLASS, key);
	} else {
		return;
	}
	r->in = blob_at(d->ev, HY_ARG_EXTRA, HY_AT_ENTER, idx);
	r->out = d_failed(d) ? NULL : blob_at(d->ev, HY_ARG_EXTRA, HY_AT_EXIT, idx);
	r->have = r->ptr && (r->in || r->out);
	/* without -v, a params buffer of unknown layout prints as the pointer */
	if (r->have && !r->s && !d->o->verbose)
		r->have = false;
}

/* The struct argument: NULL, the address (unreadable), or {in} => {out}. */
static struct hv *nv_arg(struct dctx *d, const struct nv_struct *s, const struct event_blob *in,
			 const struct event_blob *out, const struct nv_subref *sub)
{
	struct hv *a, *b;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if (!in && !out)
		return v_ptr(d, 2);
	nv_pair(d, s, in, out, sub, NULL, &a, &b);
	return b ? hv_changed(d, a, b) : a;
}

/* NV_ESC_IOCTL_XFER_CMD: {cmd=NV_ESC_..., size=N, ptr={the wrapped command's struct}}. */
static struct hv *xfer_arg(struct dctx *d, const struct nv_struct *xs, const struct event_blob *in,
			   const struct event_blob *out)
{
	const struct event_blob *top = in ? in : out;
	const struct nv_field *fc = field_named(xs, "cmd"), *fsz = field_named(xs, "size");
	uint32_t cmd, size;
	struct nv_subref r;

	memset(&r, 0, sizeof(r));
	if (top && blob_u32(top, fc, &cmd) && blob_u32(top, fsz, &size)) {
		const struct nv_struct *is = esc_struct(d, (int)cmd, size);
		struct nv_subref inner;

		r.ptr = field_named(xs, "ptr");
		r.s = is;
		r.in = blob_at(d->ev, HY_ARG_EXTRA, HY_AT_ENTER, 1);
		r.out = d_failed(d) ? NULL : blob_at(d->ev, HY_ARG_EXTRA, HY_AT_EXIT, 1);
		r.have = is && r.ptr && (r.in || r.out);
		if (r.have) {
			find_sub(d, (int)cmd, is, r.in ? r.in : r.out, 1 + HY_IOCD_SUBS, &inner);
			r.inner = inner.have ? &inner : NULL;
			return nv_arg(d, xs, in, out, &r);
		}
	}
	return nv_arg(d, xs, in, out, NULL);
}

/* NV_ESC_ATTACH_GPUS_TO_FD: an array of GPU ids, _IOC_SIZE bytes. */
static struct hv *gpu_ids_arg(struct dctx *d, uint32_t req)
{
	const struct event_blob *b = blob_at(d->ev, 2, HY_AT_ENTER, 0);
	size_t n;
	struct hv *a;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if (!b)
		return v_ptr(d, 2);
	n = (b->h.len < HY_IOC_SIZE(req) ? b->h.len : HY_IOC_SIZE(req)) / 4;
	a = hv_array(d);
	for (size_t i = 0; i < n; i++) {
		if (!d->o->verbose && i == NV_BRIEF_ELEMS) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		hv_add(a, NULL, hv_hex(d, get_uint(b->data + 4 * i, 4)));
	}
	return a;
}

/* NV_ESC_CARD_INFO: an array of nv_ioctl_card_info_t, _IOC_SIZE bytes, filled at exit. */
static struct hv *array_arg(struct dctx *d, const struct nv_struct *s, uint32_t req)
{
	const struct event_blob *b = d_failed(d) ? NULL : blob_at(d->ev, 2, HY_AT_EXIT, 0);
	size_t n, len;
	struct hv *a;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if (!b)
		return v_ptr(d, 2);
	len = b->h.len < HY_IOC_SIZE(req) ? b->h.len : HY_IOC_SIZE(req);
	n = len / s->size;
	a = hv_array(d);
	for (size_t i = 0; i < n; i++) {
		if (!d->o->verbose && i == 1) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		hv_add(a, NULL, nv_struct_val(d, s, b->data + i * s->size, s->size, true));
	}
	return a;
}

static bool ioctl_status(const struct dctx *d, const struct event *ev, unsigned int kind,
			 uint32_t *status);

/* The status after the result: "= 0 (NV_ERR_NOT_SUPPORTED)". */
static void status_note(struct dctx *d, unsigned int kind)
{
	uint32_t st;

	if (d_failed(d) || !ioctl_status(d, d->ev, kind, &st))
		return;
	const char *n = nv_status_name(st);

	d->ret_note = n ? hv_expr(d, "%s", n) : hv_expr(d, "NV_STATUS %#x", st);
}

int nv_ioctl_decode(struct dctx *d, unsigned int kind, uint32_t req)
{
	const struct nv_struct *s = NULL;
	const char *name;
	int nr = -1;

	if (kind == HY_DEV_NVIDIA_MODESET)
		return nvkms_ioctl_decode(d, req);
	if (is_esc_kind(kind)) {
		nr = esc_nr(req);
		if (nr < 0)
			return -ENOTTY;
		name = xlat_name(&xlat_nv_escapes, (uint32_t)nr);
	} else if (is_uvm_kind(kind)) {
		name = xlat_name(&xlat_nv_uvm_cmds, req);
		if (!name)
			return -ENOTTY;
	} else {
		return -ENOTTY;
	}
	struct hv *rq = hv_new(d, HV_SYM);

	rq->text = name;
	rq->u = req;
	rq->flags |= HVF_NUM;
	arg(d, rq);
	if (!d->exiting) {
		d_pending(d);
		return 0;
	}
	if (nr >= 0) {
		if (nr == HY_NV_ESC_ATTACH_GPUS_TO_FD) {
			arg(d, gpu_ids_arg(d, req));
			return 0;
		}
		s = esc_struct(d, nr, HY_IOC_SIZE(req));
	} else {
		size_t n;
		const struct nv_bind *b = bind_find(NVB_UVM, req, &n);

		if (b && !b->s) {	/* takes no argument */
			arg(d, v_hex(d, 2));
			return 0;
		}
		s = b ? b->s : NULL;
	}
	if (!s) {
		arg(d, v_hex(d, 2));
		return 0;
	}
	if (nr == HY_NV_ESC_CARD_INFO) {
		arg(d, array_arg(d, s, req));
		return 0;
	}
	const struct event_blob *in = blob_at(d->ev, 2, HY_AT_ENTER, 0);
	const struct event_blob *out = d_failed(d) ? NULL : blob_at(d->ev, 2, HY_AT_EXIT, 0);

	if (nr == HY_NV_ESC_IOCTL_XFER_CMD) {
		arg(d, xfer_arg(d, s, in, out));
	} else {
		struct nv_subref r;

		find_sub(d, nr, s, in ? in : out, 1, &r);
		arg(d, nv_arg(d, s, in, out, r.have ? &r : NULL));
	}
	status_note(d, kind);
	return 0;
}

/* -- status and labels for the sinks ------------------------------------------------------- */

/* The request's struct and the blob arg/idx its top lies in (XFER: the wrapped command's). */
static const struct nv_struct *rec_struct(const struct dctx *d, const struct event *ev,
					  unsigned int kind, int *arg, int *idx, int *nr_out,
					  uint32_t *inner)
{
	uint32_t req = (uint32_t)ev->r.args[1];

	*arg = 2;
	*idx = 0;
	*nr_out = -1;
	if (is_uvm_kind(kind))
		return xlat_name(&xlat_nv_uvm_cmds, req) ? role_struct(NVB_UVM, req) : NULL;
	if (!is_esc_kind(kind))
		return NULL;
	int nr = esc_nr(req);

	*nr_out = nr;
	if (nr < 0)
		return NULL;
	const struct nv_struct *s = esc_struct(d, nr, HY_IOC_SIZE(req));

	if (nr != HY_NV_ESC_IOCTL_XFER_CMD || !s)
		return s;
	const struct event_blob *b = event_blob_any(ev, 2, 0);
	uint32_t cmd, size;

	if (!b || b->h.err || !blob_u32(b, field_named(s, "cmd"), &cmd) ||
	    !blob_u32(b, field_named(s, "size"), &size))
		return s;
	*arg = HY_ARG_EXTRA;
	*idx = 1;
	*nr_out = (int)cmd;
	*inner = cmd;
	return esc_struct(d, (int)cmd, size);
}

/* The status of the record, its layouts chosen with d's driver version (d NULL: unknown). */
static bool ioctl_status(const struct dctx *d, const struct event *ev, unsigned int kind,
			 uint32_t *status)
{
	int arg, idx, nr;
	uint32_t inner = 0;
	const struct nv_struct *s = rec_struct(d, ev, kind, &arg, &idx, &nr, &inner);
	const struct event_blob *b;

	if (!s)
		return false;
	b = event_blob(ev, arg, HY_AT_EXIT, idx);
	size_t off;

	if (!b || b->h.err || !status_off(s, &off) || b->h.len < off + 4)
		return false;
	*status = (uint32_t)get_uint(b->data + off, 4);
	return true;
}

bool nv_ioctl_status(const struct event *ev, unsigned int kind, unsigned int major,
		     uint32_t *status)
{
	const struct dctx d = { .nv_major = major };	/* the layouts read only the version */

	return ioctl_status(&d, ev, kind, status);
}

static size_t put(char *buf, size_t size, size_t at, const char *s)
{
	size_t n = strlen(s);

	if (at < size) {
		size_t k = size - at - 1 < n ? size - at - 1 : n;

		memcpy(buf + at, s, k);
		buf[at + k] = '\0';
	}
	return at + n;
}

size_t nv_ioctl_label(const struct event *ev, unsigned int kind, unsigned int major, char *buf,
		      size_t size)
{
	const struct dctx d = { .nv_major = major };	/* the layouts read only the version */
	uint32_t req = (uint32_t)ev->r.args[1], inner = 0, key;
	int arg, idx, nr;
	const struct nv_struct *s = rec_struct(&d, ev, kind, &arg, &idx, &nr, &inner);
	const char *n;
	char tmp[32];
	size_t at = 0;

	if (kind == HY_DEV_NVIDIA_MODESET)
		return nvkms_ioctl_label(ev, buf, size);
	if (size)
		buf[0] = '\0';
	if (is_uvm_kind(kind)) {
		n = xlat_name(&xlat_nv_uvm_cmds, req);
		snprintf(tmp, sizeof(tmp), "%#x", req);
		return put(buf, size, 0, n ? n : tmp);
	}
	if (nr < 0) {
		snprintf(tmp, sizeof(tmp), "%#x", req);
		return put(buf, size, 0, tmp);
	}
	/* XFER: labelled by the command it carries */
	n = xlat_name(&xlat_nv_escapes, (uint32_t)nr);
	snprintf(tmp, sizeof(tmp), "NV_ESC_%#x", (unsigned int)nr);
	at = put(buf, size, at, n ? n : tmp);
	if (!s || (nr != HY_NV_ESC_RM_CONTROL && nr != HY_NV_ESC_RM_ALLOC))
		return at;
	const struct event_blob *b = event_blob(ev, arg, HY_AT_ENTER, idx);

	if (!b || b->h.err)
		b = event_blob(ev, arg, HY_AT_EXIT, idx);
	if (!blob_u32(b, field_named(s, nr == HY_NV_ESC_RM_CONTROL ? "cmd" : "hClass"), &key))
		return at;
	n = xlat_name(nr == HY_NV_ESC_RM_CONTROL ? &xlat_nv_ctrl_cmds : &xlat_nv_classes, key);
	snprintf(tmp, sizeof(tmp), "%#x", key);
	at = put(buf, size, at, ":");
	return put(buf, size, at, n ? n : tmp);
}

unsigned int nv_version_major(const struct event *ev, unsigned int kind)
{
	uint32_t req = (uint32_t)ev->r.args[1];
	const struct nv_struct *s;
	const struct nv_field *f;
	const struct event_blob *b;

	if (!is_esc_kind(kind) || esc_nr(req) != HY_NV_ESC_CHECK_VERSION_STR)
		return 0;
	s = esc_struct(NULL, HY_NV_ESC_CHECK_VERSION_STR, HY_IOC_SIZE(req));
	f = field_named(s, "versionString");
	b = event_blob(ev, 2, HY_AT_ENTER, 0);
	if (!f || !b || b->h.err || b->h.len < f->off + 1)
		return 0;
	unsigned int v = 0;
	size_t end = f->off + f->esize * f->n < b->h.len ? f->off + f->esize * f->n : b->h.len;

	for (size_t i = f->off; i < end && b->data[i] >= '0' && b->data[i] <= '9' && v < 100000; i++)
		v = v * 10 + (unsigned int)(b->data[i] - '0');
	return v;
}
