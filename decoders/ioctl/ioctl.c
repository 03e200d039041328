// SPDX-License-Identifier: LGPL-2.1-or-later
/* ioctl.c: ioctl(2): dispatch on _IOC_TYPE to a family, else the generic _IOC(...) form. */
/* Output formats follow strace 6.1 (src/ioctl.c). */
#include <errno.h>
#include <string.h>
#include "ioctl.h"
#include "ioctl_names.h"
#include "nvidia.h"
#include "xlat_gen.h"

/* The families by _IOC_TYPE: to add one, write decoders/ioctl/NAME.c and list it here. */
extern const struct ioctl_family ioctl_family_tty;
extern const struct ioctl_family ioctl_family_fs;
extern const struct ioctl_family ioctl_family_sock;
extern const struct ioctl_family ioctl_family_nsfs;
extern const struct ioctl_family ioctl_family_perf;
extern const struct ioctl_family ioctl_family_kvm;
extern const struct ioctl_family ioctl_family_uffd;
extern const struct ioctl_family ioctl_family_fsx;
extern const struct ioctl_family ioctl_family_rtc;
extern const struct ioctl_family ioctl_family_evdev;
extern const struct ioctl_family ioctl_family_seccomp;
extern const struct ioctl_family ioctl_family_kd;

static const struct ioctl_family *const families[256] = {
	[0x21] = &ioctl_family_seccomp,	/* '!': seccomp user notification fds */
	[0x24] = &ioctl_family_perf,	/* '$': perf_event fds (PERF_EVENT_IOC_*) */
	[0x45] = &ioctl_family_evdev,	/* 'E': input event devices (EVIOC*) */
	[0x4b] = &ioctl_family_kd,	/* 'K': the console and keyboard (KD*, KIOCSOUND) */
	[0x54] = &ioctl_family_tty,	/* 'T': asm-generic tty and FIO* requests */
	[0x58] = &ioctl_family_fsx,	/* 'X': FS_IOC_FSGETXATTR/FSSETXATTR */
	[0x66] = &ioctl_family_fs,	/* 'f': FS_IOC_GETFLAGS/SETFLAGS */
	[0x70] = &ioctl_family_rtc,	/* 'p': real-time clocks (RTC_*) */
	[0x89] = &ioctl_family_sock,	/* socket interface requests (SIOC*) */
	[0xaa] = &ioctl_family_uffd,	/* userfaultfd (UFFDIO_API, UFFDIO_REGISTER) */
	[0xae] = &ioctl_family_kvm,	/* KVM_* */
	[0xb7] = &ioctl_family_nsfs,	/* namespace files (NS_GET_*) */
};

bool ioc_fetch(struct dctx *d, int when, void *buf, size_t size)
{
	const struct event_blob *b = event_blob(d->ev, 2, when, 0);

	if (!b || b->h.err || b->h.len < size)
		return false;
	memcpy(buf, b->data, size);
	return true;
}

struct hv *ioc_int(struct dctx *d, int when)
{
	int32_t n;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !ioc_fetch(d, when, &n, sizeof(n)))
		return v_ptr(d, 2);
	struct hv *a = hv_array(d);

	hv_add(a, NULL, hv_int(d, n));
	return a;
}

/* "EVIOCGABS(ABS_X)"; an unknown axis as strace's printxval prints it, with an ABS_??? comment */
static const char *ioc_evdev_abs(struct dctx *d, const char *fn, uint32_t axis)
{
	const char *n = xlat_name(&xlat_evdev_abs, axis);

	return n ? arena_printf(d->ar, "%s(%s)", fn, n) :
		   arena_printf(d->ar, "%s(%#x /* ABS_??? */)", fn, axis);
}

static const char *ioc_evdev_bit(struct dctx *d, uint32_t ev, uint32_t size)
{
	const char *n = xlat_name(&xlat_evdev_ev, ev);

	return n ? arena_printf(d->ar, "EVIOCGBIT(%s, %u)", n, size) :
		   arena_printf(d->ar, "EVIOCGBIT(%#x /* EV_??? */, %u)", ev, size);
}

/* strace 6.1's names built from the request (ioctl_decode_command_number): "EVIOCGNAME(64)" */
static const char *ioctl_sized_name(struct dctx *d, uint32_t req)
{
	uint32_t dir = HY_IOC_DIR(req), nr = HY_IOC_NR(req), size = HY_IOC_SIZE(req);
	const char *n = NULL;

	switch (HY_IOC_TYPE(req)) {
	case 'E':
		if (dir == 1 && nr >= 0xc0 && nr <= 0xc0 + 0x3f)
			return ioc_evdev_abs(d, "EVIOCSABS", nr - 0xc0);
		if (dir != 2)
			return NULL;
		if (nr == 0x20)
			return arena_printf(d->ar, "EVIOCGBIT(0, %u)", size);
		if (nr > 0x20 && nr <= 0x20 + 0x1f)
			return ioc_evdev_bit(d, nr - 0x20, size);
		if (nr >= 0x40 && nr <= 0x40 + 0x3f)
			return ioc_evdev_abs(d, "EVIOCGABS", nr - 0x40);
		switch (nr) {
		case 0x06: n = "EVIOCGNAME"; break;
		case 0x07: n = "EVIOCGPHYS"; break;
		case 0x08: n = "EVIOCGUNIQ"; break;
		case 0x09: n = "EVIOCGPROP"; break;
		case 0x0a: n = "EVIOCGMTSLOTS"; break;
		case 0x18: n = "EVIOCGKEY"; break;
		case 0x19: n = "EVIOCGLED"; break;
		case 0x1a: n = "EVIOCGSND"; break;
		case 0x1b: n = "EVIOCGSW"; break;
		}
		break;
	case 'H':
		if (dir == 2)
			n = nr == 4 ? "HIDIOCGRAWNAME" : nr == 5 ? "HIDIOCGRAWPHYS" :
			    nr == 6 ? "HIDIOCSFEATURE" : nr == 8 ? "HIDIOCGRAWUNIQ" :
			    nr == 0x12 ? "HIDIOCGPHYS" : NULL;
		else if (dir == 3)
			n = nr == 6 ? "HIDIOCSFEATURE" : nr == 7 ? "HIDIOCGFEATURE" : NULL;
		break;
	case 'M':
		if (dir == 1 || dir == 2)
			return arena_printf(d->ar, "%s(%u)", dir == 1 ? "MIXER_WRITE" : "MIXER_READ", nr);
		break;
	case 'U':
		if (dir == 2 && nr == 0x2c)
			n = "UI_GET_SYSNAME";
		break;
	case 'j':
		if (dir == 2 && nr == 0x13)
			n = "JSIOCGNAME";
		break;
	case 'k':
		if (dir == 1 && nr == 0)
			n = "SPI_IOC_MESSAGE";
		break;
	case '!':
		/* _IOC(_IOC_READ, '!', 2, 8): the direction the 5.x headers first had */
		if (req == 0x80082102)
			return "SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR";
		break;
	}
	return n ? arena_printf(d->ar, "%s(%u)", n, size) : NULL;
}

/*
 * The request's name as strace 6.1 prints it: the name built from the request (evdev's,
 * MIXER_*...) then every name of the code in the generated table, joined by " or ".
 */
const char *ioctl_req_name(struct dctx *d, uint32_t req)
{
	const char *t = ioctl_sized_name(d, req);
	unsigned int n;
	const struct ioctl_name *e = ioctl_names_find(req, &n);

	for (unsigned int i = 0; i < n; i++)
		t = t ? arena_printf(d->ar, "%s or %s", t, e[i].name) : e[i].name;
	return t;
}

/* The request: the family's name for it, the generated table's, or _IOC(dir, type, nr, size). */
static struct hv *ioctl_request(struct dctx *d, const struct ioctl_family *f, uint32_t req)
{
	const char *n = f && f->req_name ? f->req_name(d, req) : NULL;

	if (!n)
		n = ioctl_req_name(d, req);
	struct hv *v = hv_new(d, HV_SYM);

	v->u = req;
	v->flags |= HVF_NUM;
	if (n) {
		v->text = n;
		return v;
	}
	uint32_t dir = HY_IOC_DIR(req), type = HY_IOC_TYPE(req), nr = HY_IOC_NR(req);
	uint32_t size = HY_IOC_SIZE(req);
	char *dn = dir ? flags_text(d, &xlat_ioc_dirs, dir) : "_IOC_NONE";

	v->text = size ? arena_printf(d->ar, "_IOC(%s, %#x, %#x, %#x)", dn, type, nr, size) :
			 arena_printf(d->ar, "_IOC(%s, %#x, %#x, 0)", dn, type, nr);
	return v;
}

/* [N] of an unsigned integer of size bytes at when (exit: only when the call worked) */
static struct hv *ioc_unum(struct dctx *d, int when, size_t size)
{
	uint64_t v = 0;

	if (!d_u(d, 2))
		return hv_ptr(d, 0);
	if ((when == HY_AT_EXIT && d_failed(d)) || !ioc_fetch(d, when, &v, size))
		return v_ptr(d, 2);
	struct hv *a = hv_array(d);

	hv_add(a, NULL, hv_uint(d, v));	/* little-endian: the low bytes hold the value */
	return a;
}

/*
 * The requests whose argument is one plain value, listed by kind in decoders/xlat/ioctl_arg_*.in
 * and ioctl_noarg.in (strace 6.1 prints them so whatever the family): 0 when decoded.
 */
static int ioc_simple(struct dctx *d, uint32_t req)
{
	int when = HY_AT_EXIT;
	size_t size = 0;

	if (xlat_name(&xlat_ioctl_noarg, req))
		return 0;
	if (xlat_name(&xlat_ioctl_arg_int, req)) {
		arg(d, v_int(d, 2));
		return 0;
	}
	if (xlat_name(&xlat_ioctl_arg_ulong, req)) {
		arg(d, v_ulong(d, 2));
		return 0;
	}
	if (xlat_name(&xlat_ioctl_arg_fd, req)) {
		arg(d, v_fd(d, 2));
		return 0;
	}
	if (xlat_name(&xlat_ioctl_arg_pint_in, req)) {
		arg(d, ioc_int(d, HY_AT_ENTER));
		return 0;
	}
	if (xlat_name(&xlat_ioctl_arg_pu32_in, req)) {
		arg(d, ioc_unum(d, HY_AT_ENTER, 4));
		return 0;
	}
	if (xlat_name(&xlat_ioctl_arg_pu64_in, req)) {
		arg(d, ioc_unum(d, HY_AT_ENTER, 8));
		return 0;
	}
	if (xlat_name(&xlat_ioctl_arg_pint_out, req))
		size = 4;
	else if (xlat_name(&xlat_ioctl_arg_pushort_out, req))
		size = 2;
	else if (xlat_name(&xlat_ioctl_arg_pu64_out, req))
		size = 8;
	else
		return -ENOTTY;
	if (!d->exiting) {
		d_pending(d);
		return 0;
	}
	arg(d, size == 4 ? ioc_int(d, when) : ioc_unum(d, when, size));
	return 0;
}

void dec_ioctl(struct dctx *d)
{
	uint32_t req = d_ui(d, 1);
	const struct ioctl_family *f = families[HY_IOC_TYPE(req)];

	arg(d, v_fd(d, 0));
	/* NVIDIA's devices first, by the fd's path: UVM commands are plain integers */
	unsigned int kind = nv_ioctl_kind(d->ev);

	if (kind && nv_ioctl_decode(d, kind, req) == 0)
		return;
	arg(d, ioctl_request(d, f, req));
	if (f && f->decode && f->decode(d, req) != -ENOTTY)
		return;
	if (ioc_simple(d, req) == 0)
		return;
	/*
	 * a request strace reads through a pointer: NULL, else the address (its struct undecoded);
	 * so are the input event requests whose names carry a size or an axis (EVIOCGNAME(64))
	 */
	bool ptr = xlat_name(&xlat_ioctl_arg_ptr, req) ||
		   (HY_IOC_TYPE(req) == 'E' && HY_IOC_DIR(req) && ioctl_sized_name(d, req));

	arg(d, ptr ? v_ptr(d, 2) : v_hex(d, 2));
}
