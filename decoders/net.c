// SPDX-License-Identifier: LGPL-2.1-or-later
/* net.c: decoders for sockets: socket, bind, connect, accept, send/recv, msghdr, sockopts. */
/*
 * Output forms follow strace 6.1 (src/net.c, src/msghdr.c, src/mmsghdr.c),
 * checked against its output on loopback sockets; tests/unit/test_net.c holds
 * the lines.  Values pass through capture blobs only (see decoders/net.tbl).
 */
#include <string.h>
#include "decode.h"
#include "netlink.h"
#include "sockopt_more.h"
#include "xlat_gen.h"

/* include/linux/socket.h, include/linux/net.h, include/uapi/asm-generic/socket.h */
#define HY_AF_UNIX	1
#define HY_AF_INET	2
#define HY_AF_INET6	10
#define HY_AF_NETLINK	16
#define HY_AF_PACKET	17
#define HY_AF_RXRPC	33
#define SOCK_TYPE_MASK	0xf
#define HY_SOL_IP	0
#define HY_SOL_SOCKET	1
#define HY_SOL_TCP	6
#define HY_SOL_UDP	17
#define HY_SOL_IPV6	41
#define HY_SOL_NETLINK	270
#define HY_SO_LINGER	13
#define HY_SO_PEERCRED	17
#define HY_SO_ERROR	4
#define HY_SO_ATTACH_FILTER 26	/* SO_GET_FILTER for getsockopt */
#define HY_SO_TXREHASH	74
#define HY_SO_DEVMEM_DONTNEED 80	/* setsockopt only */
#define HY_SCM_RIGHTS	1
#define HY_SCM_CREDENTIALS 2
#define HY_SCM_SECURITY	3
#define MSGHDR_SIZE	56	/* struct msghdr, 64-bit */
#define MMSGHDR_SIZE	64	/* struct mmsghdr, 64-bit */
#define CMSGHDR_SIZE	16	/* struct cmsghdr, 64-bit */
#define IOV_MAX_STRACE	1024	/* IOV_MAX: strace's cap on mmsghdr vectors */

/* A flag set as strace's printflags(): A|B|0x40, or 0x40 / * DFLT * / when nothing is known. */
static struct hv *flags_or(struct dctx *d, const struct xlat *x, uint64_t v, const char *dflt)
{
	uint64_t known = 0;

	for (unsigned int i = 0; i < x->n; i++)
		if (x->e[i].val && (v & x->e[i].val) == x->e[i].val)
			known |= x->e[i].val;
	if (v && !known) {
		struct hv *h = hv_hex(d, v);

		h->comment = dflt;
		return h;
	}
	return hv_flags(d, x, v);
}

static struct hv *msg_flags(struct dctx *d, uint64_t v)
{
	return flags_or(d, &xlat_msg_flags, (uint32_t)v, "MSG_???");
}

/* SOCK_STREAM|SOCK_CLOEXEC: the type in the low 4 bits, then the flags. */
static struct hv *sock_type(struct dctx *d, unsigned int v)
{
	const char *t = xlat_name(&xlat_socket_types, v & SOCK_TYPE_MASK);
	unsigned int rest = v & ~SOCK_TYPE_MASK;

	if (!t)
		return flags_or(d, &xlat_sock_type_flags, v, "SOCK_???");
	struct hv *h = hv_new(d, HV_SYM);

	h->u = v;
	h->flags |= HVF_NUM;
	if (!rest) {
		h->text = t;
		return h;
	}
	struct hv *f = flags_or(d, &xlat_sock_type_flags, rest, "SOCK_???");

	if (f->kind == HV_SYM)
		h->text = arena_printf(d->ar, "%s|%s", t, f->text);
	else
		h->text = arena_printf(d->ar, "%s|%#x /* SOCK_??? */", t, rest);
	return h;
}

/* An int read from a blob of argument i captured at when; false if there is none. */
static bool blob_int(struct dctx *d, int i, int when, int *out)
{
	const struct event_blob *b = event_blob(d->ev, i, when, 0);

	if (!b || b->h.err || b->h.len < 4)
		return false;
	memcpy(out, b->data, 4);
	return true;
}

/* [n] */
static struct hv *hv_ind(struct dctx *d, struct hv *v)
{
	struct hv *a = hv_array(d);

	hv_add(a, NULL, v);
	return a;
}

/* [before => after], or [after] when equal */
static struct hv *hv_ind_changed(struct dctx *d, int before, int after)
{
	if (before == after)
		return hv_ind(d, hv_int(d, after));
	return hv_ind(d, hv_changed(d, hv_int(d, before), hv_int(d, after)));
}

static struct hv *hv_timespec(struct dctx *d, const uint8_t *p, const char *nsec)
{
	int64_t sec, ns;
	struct hv *s = hv_struct(d);

	memcpy(&sec, p, 8);
	memcpy(&ns, p + 8, 8);
	hv_add(s, "tv_sec", hv_int(d, sec));
	hv_add(s, nsec, hv_int(d, ns));
	return s;
}

/* Append "..." to an array that reached -s elements (not under -v): true when it did. */
static bool array_full(struct dctx *d, struct hv *a)
{
	if (d->o->verbose || a->len < d->o->strsize)
		return false;
	hv_add(a, NULL, hv_more(d));
	return true;
}

void dec_socket(struct dctx *d)
{
	unsigned int family = d_ui(d, 0);
	unsigned int proto = d_ui(d, 2);

	arg(d, hv_sym(d, &xlat_address_families, family, true));
	arg(d, sock_type(d, d_ui(d, 1)));
	switch (family) {
	case HY_AF_INET:
	case HY_AF_INET6:
		arg(d, hv_sym(d, &xlat_inet_protocols, proto, true));
		break;
	case HY_AF_NETLINK:
		arg(d, hv_sym(d, &xlat_netlink_protocols, proto, true));
		break;
	case HY_AF_PACKET:
		arg(d, hv_htons_sym(d, &xlat_ethernet_protocols, proto));
		break;
	case HY_AF_RXRPC:
		arg(d, hv_sym(d, &xlat_address_families, proto, true));
		break;
	default:
		arg(d, hv_uint(d, proto));
		break;
	}
}

void dec_socketpair(struct dctx *d)
{
	arg(d, hv_sym(d, &xlat_address_families, d_ui(d, 0), true));
	arg(d, sock_type(d, d_ui(d, 1)));
	arg(d, hv_uint(d, d_ui(d, 2)));
	if (!d->exiting)
		return d_pending(d);

	int sv[2];

	if (d_failed(d) || !d_fetch_at(d, 3, HY_AT_EXIT, 0, sv, sizeof(sv))) {
		arg(d, v_ptr(d, 3));
		return;
	}
	struct hv *a = hv_array(d);

	hv_add(a, NULL, hv_fd_at(d, sv[0], 3, 1));
	hv_add(a, NULL, hv_fd_at(d, sv[1], 3, 2));
	arg(d, a);
}

/* bind, connect */
void dec_bind(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_sockaddr(d, 1, d_i(d, 2)));
	arg(d, hv_int(d, d_i(d, 2)));
}

void dec_listen(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, v_int(d, 1));
}

void dec_shutdown(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, hv_sym(d, &xlat_shutdown_modes, d_ui(d, 1), true));
}

/* accept, accept4, getsockname, getpeername: strace's decode_sockname(). */
static void sockname(struct dctx *d, int flags_arg)
{
	int ulen = 0, rlen = 0;

	arg(d, v_fd(d, 0));
	if (!d_u(d, 1) || !d_u(d, 2) || !blob_int(d, 2, HY_AT_ENTER, &ulen)) {
		arg(d, v_ptr(d, 1));
		arg(d, v_ptr(d, 2));
	} else if (!d->exiting) {
		return d_pending(d);
	} else if (d_failed(d) || !blob_int(d, 2, HY_AT_EXIT, &rlen)) {
		arg(d, v_ptr(d, 1));
		arg(d, hv_ind(d, hv_int(d, ulen)));
	} else {
		const struct event_blob *b = event_blob(d->ev, 1, HY_AT_EXIT, 0);

		arg(d, hv_sockaddr_blob(d, d_u(d, 1), b, ulen > rlen ? rlen : ulen));
		arg(d, hv_ind_changed(d, ulen, rlen));
	}
	if (flags_arg >= 0)
		arg(d, flags_or(d, &xlat_sock_type_flags, d_ui(d, flags_arg), "SOCK_???"));
}

void dec_accept(struct dctx *d)
{
	sockname(d, -1);
}

void dec_accept4(struct dctx *d)
{
	sockname(d, 3);
}

/* -- netlink buffers ----------------------------------------------------------- */

/* The netlink protocol the backend found for args[0] (HY_ARG_SOCK): -1 when the host did not
 * say (strace then decodes the headers only), -2 when args[0] is no netlink socket. */
static int nl_proto(struct dctx *d)
{
	const struct event_blob *b = event_blob_any(d->ev, HY_ARG_SOCK, 0);
	struct hy_sockid id;

	if (!b || b->h.err || b->h.len < sizeof(id))
		return -2;
	memcpy(&id, b->data, sizeof(id));
	return id.family == HY_AF_NETLINK ? (id.protocol < 0 ? -1 : id.protocol) : -2;
}

/* The bytes of a netlink buffer decoded, or NULL (not captured): the HY_ARG_NLMSG blob idx
 * (ptrace), else what the capture spec copied for args[1] (eBPF copies these whole). */
static struct hv *nl_buf(struct dctx *d, int idx, int proto, uint64_t size)
{
	const struct event_blob *b = event_blob_any(d->ev, HY_ARG_NLMSG, idx);

	if (!b)
		b = event_blob_any(d->ev, 1, 0);

	if (proto < -1 || !b || b->h.err)
		return NULL;
	return hv_netlink_blob(d, b, size, proto);
}

void dec_sendto(struct dctx *d)
{
	struct hv *nl = nl_buf(d, 0, nl_proto(d), d_u(d, 2));

	arg(d, v_fd(d, 0));
	arg(d, nl ? nl : v_buf(d, 1, d_u(d, 2)));
	arg(d, v_ulong(d, 2));
	arg(d, msg_flags(d, d_u(d, 3)));
	arg(d, v_sockaddr(d, 4, d_i(d, 5)));
	arg(d, hv_int(d, d_i(d, 5)));
}

void dec_recvfrom(struct dctx *d)
{
	int ulen = 0, rlen;

	arg(d, v_fd(d, 0));
	if (!d->exiting)
		return d_pending(d);
	if (d_failed(d)) {
		arg(d, v_ptr(d, 1));
	} else {
		uint64_t n = (uint64_t)d_ret(d) < d_u(d, 2) ? (uint64_t)d_ret(d) : d_u(d, 2);
		struct hv *nl = nl_buf(d, 0, nl_proto(d), n);

		arg(d, nl ? nl : v_buf(d, 1, n));
	}
	arg(d, v_ulong(d, 2));
	arg(d, msg_flags(d, d_u(d, 3)));
	blob_int(d, 5, HY_AT_ENTER, &ulen);
	if (!d_u(d, 4) || !d_u(d, 5) || !blob_int(d, 5, HY_AT_EXIT, &rlen)) {
		arg(d, v_ptr(d, 4));
		arg(d, v_ptr(d, 5));
	} else if (d_failed(d)) {
		arg(d, v_ptr(d, 4));
		arg(d, hv_ind(d, hv_int(d, ulen)));
	} else {
		const struct event_blob *b = event_blob(d->ev, 4, HY_AT_EXIT, 0);

		arg(d, hv_sockaddr_blob(d, d_u(d, 4), b, ulen > rlen ? rlen : ulen));
		arg(d, hv_ind_changed(d, ulen, rlen));
	}
}

/* -- msghdr ------------------------------------------------------------------ */

struct msghdr_view {
	uint64_t name, iov, iovlen, control, controllen;
	uint32_t namelen, flags;
};

static void msghdr_parse(const uint8_t *p, struct msghdr_view *m)
{
	memcpy(&m->name, p, 8);
	memcpy(&m->namelen, p + 8, 4);
	memcpy(&m->iov, p + 16, 8);
	memcpy(&m->iovlen, p + 24, 8);
	memcpy(&m->control, p + 32, 8);
	memcpy(&m->controllen, p + 40, 8);
	memcpy(&m->flags, p + 48, 4);
}

/*
 * An iovec array captured as blob idx iov_idx (the buffers at iov_idx + 1 + k):
 * [{iov_base="...", iov_len=N}, ...]; data_size bounds the bytes shown in all
 * (recvmsg: the return value), (uint64_t)-1 for none; nlproto: the netlink protocol when the
 * buffers are netlink messages (-1: unknown), else -2.
 */
static struct hv *hv_iov(struct dctx *d, int i, int when, int iov_idx, uint64_t addr, uint64_t n,
			 uint64_t data_size, int nlproto)
{
	const struct event_blob *ab = event_blob(d->ev, i, when, iov_idx);

	if (!addr)
		return hv_ptr(d, 0);
	if (!n)
		return hv_array(d);
	if (!ab || ab->h.err || ab->h.len < 16)
		return hv_ptr(d, addr);

	struct hv *a = hv_array(d);
	uint64_t have = ab->h.len / 16;

	for (uint64_t k = 0; k < n; k++) {
		if (k >= have) {	/* not captured: strace would go on reading */
			hv_add(a, NULL, hv_more(d));
			break;
		}
		if (array_full(d, a))
			break;

		uint64_t base, len, show;

		memcpy(&base, ab->data + k * 16, 8);
		memcpy(&len, ab->data + k * 16 + 8, 8);
		show = len;
		if (data_size != (uint64_t)-1) {
			if (show > data_size)
				show = data_size;
			data_size -= show;
		}

		struct hv *e = hv_struct(d);
		const struct event_blob *bb = event_blob(d->ev, i, when, iov_idx + 1 + k);

		const struct event_blob *nb = nlproto >= -1 && show ?
			event_blob_any(d->ev, HY_ARG_NLMSG, (int)k) : NULL;

		if (nlproto >= -1 && show && !nb)
			nb = bb;	/* eBPF: the buffer copied whole (see nl_buf) */

		if (!show && !base)	/* strace's printstrn of NULL */
			hv_add(e, "iov_base", hv_ptr(d, 0));
		else if (!show)
			hv_add(e, "iov_base", hv_str(d, "", 0, false));
		else if (nb && !nb->h.err)	/* netlink: decoded whole (strace's iov_decode_netlink) */
			hv_add(e, "iov_base", hv_netlink_blob(d, nb, show, nlproto));
		else if (!bb || bb->h.err)
			hv_add(e, "iov_base", hv_ptr(d, base));
		else {
			uint64_t s = show < d->o->strsize ? show : d->o->strsize;

			if (s > bb->h.len)
				s = bb->h.len;
			hv_add(e, "iov_base", hv_str(d, bb->data, s, show > s));
		}
		hv_add(e, "iov_len", hv_uint(d, len));
		hv_add(a, NULL, e);
	}
	return a;
}

static struct hv *cmsg_uints(struct dctx *d, const uint8_t *p, unsigned int len, int width)
{
	struct hv *a = hv_array(d);

	for (unsigned int k = 0; k + width <= len; k += width) {
		if (array_full(d, a))
			break;
		if (width == 1) {
			hv_add(a, NULL, hv_hex(d, p[k]));
		} else {
			uint32_t v;

			memcpy(&v, p + k, 4);
			hv_add(a, NULL, hv_uint(d, v));
		}
	}
	return a;
}

/* uid_t/gid_t as strace's PRINT_FIELD_ID: -1 for (uid_t)-1 */
static struct hv *hv_id(struct dctx *d, uint32_t v)
{
	return v == 0xffffffffu ? hv_int(d, -1) : hv_uint(d, v);
}

static struct hv *hv_ucred(struct dctx *d, const uint8_t *p)
{
	struct hv *s = hv_struct(d);
	int32_t pid;
	uint32_t uid, gid;

	memcpy(&pid, p, 4);
	memcpy(&uid, p + 4, 4);
	memcpy(&gid, p + 8, 4);
	hv_add(s, "pid", hv_pid(d, pid, HVP_TGID));
	hv_add(s, "uid", hv_id(d, uid));
	hv_add(s, "gid", hv_id(d, gid));
	return s;
}

/* cmsg_type=..., cmsg_data=... for one control message (strace's print_cmsg_type_data()). */
static void cmsg_type_data(struct dctx *d, struct hv *s, int level, int type, const uint8_t *p,
			   unsigned int len)
{
	unsigned int t = type;
	struct hv *data = NULL;

	switch (level) {
	case HY_SOL_SOCKET:
		hv_add(s, "cmsg_type", hv_sym(d, &xlat_scm_types, t, true));
		switch (t) {
		case HY_SCM_RIGHTS:
			if (len < 4)
				break;
			data = hv_array(d);
			for (unsigned int k = 0; k + 4 <= len; k += 4) {
				int fd;

				if (array_full(d, data))
					break;
				memcpy(&fd, p + k, 4);
				hv_add(data, NULL, hv_fd_num(d, fd));
			}
			break;
		case HY_SCM_CREDENTIALS:
			if (len >= 12)
				data = hv_ucred(d, p);
			break;
		case HY_SCM_SECURITY:
			if (len >= 1)
				data = hv_str(d, p, len, false);
			break;
		case 29:	/* SO_TIMESTAMP_OLD: struct timeval */
		case 63:	/* SO_TIMESTAMP_NEW: struct __kernel_sock_timeval */
			if (len >= 16)
				data = hv_timespec(d, p, "tv_usec");
			break;
		case 35:	/* SO_TIMESTAMPNS_OLD */
		case 64:	/* SO_TIMESTAMPNS_NEW */
			if (len >= 16)
				data = hv_timespec(d, p, "tv_nsec");
			break;
		case 37:	/* SO_TIMESTAMPING_OLD: struct timespec[3] */
		case 65:	/* SO_TIMESTAMPING_NEW */
			if (len >= 48) {
				data = hv_array(d);
				for (int k = 0; k < 3; k++)
					hv_add(data, NULL, hv_timespec(d, p + 16 * k, "tv_nsec"));
			}
			break;
		}
		break;
	case HY_SOL_IP:
		hv_add(s, "cmsg_type", hv_sym(d, &xlat_ip_cmsg_types, t, true));
		switch (t) {
		case 8:		/* IP_PKTINFO: struct in_pktinfo */
			if (len >= 12) {
				uint32_t ifi;

				memcpy(&ifi, p, 4);
				data = hv_struct(d);
				hv_add(data, "ipi_ifindex", hv_ifindex(d, ifi));
				hv_add(data, "ipi_spec_dst", hv_inet_addr(d, HY_AF_INET, p + 4, NULL));
				hv_add(data, "ipi_addr", hv_inet_addr(d, HY_AF_INET, p + 8, NULL));
			}
			break;
		case 2:		/* IP_TTL */
		case 23:	/* IP_CHECKSUM */
			if (len >= 4)
				data = cmsg_uints(d, p, len, 4);
			break;
		case 1:		/* IP_TOS */
		case 6:		/* IP_RECVOPTS */
		case 7:		/* IP_RETOPTS */
			if (len >= 1)
				data = cmsg_uints(d, p, len, 1);
			break;
		case 11:	/* IP_RECVERR: struct sock_extended_err + sockaddr_in */
			if (len >= 32) {
				uint32_t v;

				data = hv_struct(d);
				memcpy(&v, p, 4);
				hv_add(data, "ee_errno", hv_uint(d, v));
				hv_add(data, "ee_origin", hv_uint(d, p[4]));
				hv_add(data, "ee_type", hv_uint(d, p[5]));
				hv_add(data, "ee_code", hv_uint(d, p[6]));
				memcpy(&v, p + 8, 4);
				hv_add(data, "ee_info", hv_uint(d, v));
				memcpy(&v, p + 12, 4);
				hv_add(data, "ee_data", hv_uint(d, v));
				hv_add(data, "offender", hv_sockaddr(d, p + 16, 16));
			}
			break;
		case 20:	/* IP_ORIGDSTADDR */
			if (len >= 16)
				data = hv_sockaddr(d, p, len > 128 ? 128 : len);
			break;
		case HY_SCM_SECURITY:
			if (len >= 1)
				data = hv_str(d, p, len, false);
			break;
		}
		break;
	default:
		hv_add(s, "cmsg_type", hv_hex(d, t));
		break;
	}
	if (data)
		hv_add(s, "cmsg_data", data);
}

/* msg_control: strace's decode_msg_control() over the captured bytes. */
static struct hv *hv_msg_control(struct dctx *d, const struct event_blob *b, uint64_t addr,
				 uint64_t in_len)
{
	uint64_t want = in_len < 4096 ? in_len : 4096;	/* the capture's cap (ptrace_capture.c) */

	if (in_len < CMSGHDR_SIZE || !b || b->h.err || b->h.len < want)
		return hv_ptr(d, addr);

	uint64_t control_len = b->h.len, buf_len = control_len;
	const uint8_t *p = b->data;
	struct hv *a = hv_array(d);

	while (buf_len >= CMSGHDR_SIZE) {
		uint64_t cmsg_len, len;
		int level, type;

		memcpy(&cmsg_len, p, 8);
		memcpy(&level, p + 8, 4);
		memcpy(&type, p + 12, 4);

		struct hv *s = hv_add(a, NULL, hv_struct(d));

		hv_add(s, "cmsg_len", hv_uint(d, cmsg_len));
		hv_add(s, "cmsg_level", hv_sym_or(d, &xlat_sockopt_levels, (uint32_t)level, "SOL_???"));
		len = cmsg_len > buf_len ? buf_len : cmsg_len;
		cmsg_type_data(d, s, level, type, p + CMSGHDR_SIZE,
			       len > CMSGHDR_SIZE ? len - CMSGHDR_SIZE : 0);
		if (len < CMSGHDR_SIZE) {
			buf_len -= CMSGHDR_SIZE;
			break;
		}
		len = (cmsg_len + 7) & ~7ull;
		if (len >= buf_len) {
			buf_len = 0;
			break;
		}
		p += len;
		buf_len -= len;
	}
	if (buf_len) {
		hv_comment(d, hv_add(a, NULL, hv_more(d)), "%#llx",
			   (unsigned long long)(addr + (control_len - buf_len)));
	} else if (control_len < in_len) {
		hv_add(a, NULL, hv_more(d));
	}
	return a;
}

/*
 * struct msghdr captured for argument i at when (HY_CAP_MSGHDR layout): idx 0
 * the header, 1 msg_name, 2 msg_control, 3 the iovec array, 4+ the buffers.
 * user_namelen: recvmsg's msg_namelen at entry, or NULL.
 */
static struct hv *hv_msghdr(struct dctx *d, int i, int when, const int *user_namelen,
			    uint64_t data_size)
{
	const struct event_blob *b = event_blob(d->ev, i, when, 0);
	struct msghdr_view m;

	if (!d_u(d, i) || !b || b->h.err || b->h.len < MSGHDR_SIZE)
		return v_ptr(d, i);
	msghdr_parse(b->data, &m);

	int namelen = user_namelen && (int)m.namelen > *user_namelen ? *user_namelen : (int)m.namelen;
	struct hv *s = hv_struct(d);

	hv_add(s, "msg_name", hv_sockaddr_blob(d, m.name, event_blob(d->ev, i, when, 1), namelen));
	if (user_namelen && *user_namelen != (int)m.namelen)
		hv_add(s, "msg_namelen",
		       hv_changed(d, hv_int(d, *user_namelen), hv_int(d, (int)m.namelen)));
	else
		hv_add(s, "msg_namelen", hv_int(d, (int)m.namelen));
	/* strace decodes the data as netlink only when msg_name is a netlink address */
	const struct event_blob *nb = event_blob(d->ev, i, when, 1);
	int nlp = namelen >= 2 && nb && !nb->h.err && nb->h.len >= 2 &&
		  (nb->data[0] | nb->data[1] << 8) == HY_AF_NETLINK ? nl_proto(d) : -2;

	hv_add(s, "msg_iov", hv_iov(d, i, when, 3, m.iov, m.iovlen, data_size, nlp));
	hv_add(s, "msg_iovlen", hv_uint(d, m.iovlen));
	if (m.controllen)
		hv_add(s, "msg_control", hv_msg_control(d, event_blob(d->ev, i, when, 2), m.control,
							 m.controllen));
	hv_add(s, "msg_controllen", hv_uint(d, m.controllen));
	hv_add(s, "msg_flags", flags_or(d, &xlat_msg_flags, m.flags, "MSG_???"));
	return s;
}

void dec_sendmsg(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	arg(d, hv_msghdr(d, 1, HY_AT_ENTER, NULL, (uint64_t)-1));
	arg(d, msg_flags(d, d_u(d, 2)));
}

void dec_recvmsg(struct dctx *d)
{
	const struct event_blob *b = event_blob(d->ev, 1, HY_AT_ENTER, 0);
	int namelen;

	arg(d, v_fd(d, 0));
	if (!d_u(d, 1) || !b || b->h.err || b->h.len < MSGHDR_SIZE) {
		arg(d, v_ptr(d, 1));
		arg(d, msg_flags(d, d_u(d, 2)));
		return;
	}
	if (!d->exiting)
		return d_pending(d);
	memcpy(&namelen, b->data + 8, 4);
	if (d_failed(d)) {
		struct hv *s = hv_struct(d);

		hv_add(s, "msg_namelen", hv_int(d, namelen));
		arg(d, s);
	} else {
		arg(d, hv_msghdr(d, 1, HY_AT_EXIT, &namelen, d_ret(d)));
	}
	arg(d, msg_flags(d, d_u(d, 2)));
}

/*
 * mmsghdr vectors: only the headers are captured (HY_CAP_MMSGHDR), so msg_name,
 * msg_iov and msg_control print as addresses where strace shows their contents
 * (see tests/KNOWN-DIFFERENCES.md).
 */
static struct hv *hv_mmsgvec(struct dctx *d, int i, uint64_t vlen, uint64_t msg_len_vlen)
{
	const struct event_blob *b = event_blob(d->ev, i, HY_AT_EXIT, 0);

	if (!d_u(d, i))
		return hv_ptr(d, 0);
	if (!vlen)
		return hv_array(d);
	if (!b || b->h.err || b->h.len < MMSGHDR_SIZE)
		return v_ptr(d, i);

	struct hv *a = hv_array(d);
	uint64_t have = b->h.len / MMSGHDR_SIZE;

	for (uint64_t k = 0; k < vlen; k++) {
		if (k >= IOV_MAX_STRACE || k >= have) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		if (array_full(d, a))
			break;

		const uint8_t *p = b->data + k * MMSGHDR_SIZE;
		struct msghdr_view m;
		struct hv *e = hv_struct(d), *h = hv_struct(d);
		uint32_t msg_len;

		msghdr_parse(p, &m);
		memcpy(&msg_len, p + MSGHDR_SIZE, 4);
		hv_add(h, "msg_name", hv_ptr(d, m.name));
		hv_add(h, "msg_namelen", hv_int(d, (int)m.namelen));
		hv_add(h, "msg_iov", m.iovlen || !m.iov ? hv_ptr(d, m.iov) : hv_array(d));
		hv_add(h, "msg_iovlen", hv_uint(d, m.iovlen));
		if (m.controllen)
			hv_add(h, "msg_control", hv_ptr(d, m.control));
		hv_add(h, "msg_controllen", hv_uint(d, m.controllen));
		hv_add(h, "msg_flags", flags_or(d, &xlat_msg_flags, m.flags, "MSG_???"));
		hv_add(e, "msg_hdr", h);
		if (k < msg_len_vlen)
			hv_add(e, "msg_len", hv_uint(d, msg_len));
		hv_add(a, NULL, e);
	}
	return a;
}

void dec_sendmmsg(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, hv_mmsgvec(d, 1, d_ui(d, 2), d_failed(d) ? 0 : (uint64_t)d_ret(d)));
	arg(d, hv_uint(d, d_ui(d, 2)));
	arg(d, msg_flags(d, d_u(d, 3)));
}

static struct hv *timeout_at(struct dctx *d, int when)
{
	uint8_t ts[16];

	if (!d_u(d, 4))
		return hv_ptr(d, 0);
	if (!d_fetch_at(d, 4, when, 0, ts, sizeof(ts)))
		return v_ptr(d, 4);
	return hv_timespec(d, ts, "tv_nsec");
}

void dec_recvmmsg(struct dctx *d)
{
	arg(d, v_fd(d, 0));
	if (!d->exiting)
		return d_pending(d);
	if (d_failed(d))
		arg(d, v_ptr(d, 1));
	else
		arg(d, hv_mmsgvec(d, 1, d_ret(d), d_ret(d)));
	arg(d, hv_uint(d, d_ui(d, 2)));
	arg(d, msg_flags(d, d_u(d, 3)));
	arg(d, timeout_at(d, HY_AT_ENTER));
	if (d_failed(d))
		return;
	if (d_ret(d) == 0) {
		d->ret_note = hv_expr(d, "Timeout");
		return;
	}
	if (!d_u(d, 4))
		return;

	struct hv *left = timeout_at(d, HY_AT_EXIT);

	if (left->kind == HV_STRUCT)
		d->ret_note = hv_expr(d, "left {tv_sec=%lld, tv_nsec=%lld}",
				      (long long)left->child->i, (long long)left->child->next->i);
}

/* -- socket options -------------------------------------------------------- */

static struct hv *sockopt_name(struct dctx *d, unsigned int level, unsigned int name, bool get)
{
	const struct xlat *x = NULL, *x2 = NULL;
	const char *dflt = NULL;

	switch (level) {
	case HY_SOL_SOCKET:
		if (name == HY_SO_ATTACH_FILTER && get)
			return hv_expr(d, "SO_GET_FILTER");
		if (name == HY_SO_DEVMEM_DONTNEED && get)
			return hv_comment(d, hv_hex(d, name), "SO_???");
		x = &xlat_sockopt_socket;
		break;
	case HY_SOL_IP:
		x = &xlat_sockopt_ip;
		x2 = get ? &xlat_sockopt_ip_get : &xlat_sockopt_ip_set;
		break;
	case HY_SOL_IPV6:
		x = &xlat_sockopt_ipv6;
		x2 = get ? &xlat_sockopt_ipv6_get : &xlat_sockopt_ipv6_set;
		break;
	case HY_SOL_TCP:
		x = &xlat_sockopt_tcp;
		break;
	case HY_SOL_UDP:
		x = &xlat_sockopt_udp;
		break;
	default: {
		struct hv *v = sockopt_more_name(d, level, name);	/* decoders/sockopt_more.c */

		return v ? v : hv_uint(d, name);
	}
	}
	dflt = x->unknown;
	if (x2 && !xlat_name(x, name) && xlat_name(x2, name))
		x = x2;
	return hv_sym_or(d, x, name, dflt);
}

/* SOL_SOCKET options strace prints as an int (its "all known int-like options"). */
static bool so_int_like(unsigned int name)
{
	static const unsigned char ints[] = {
		1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18, 19, 27, 29, 30, 32, 33, 34,
		35, 36, 37, 40, 41, 42, 43, 44, 45, 46, 49, 53, 56, 60, 63, 64, 65, 68, 69,
		70, 73, 75,
	};

	for (size_t k = 0; k < sizeof(ints); k++)
		if (ints[k] == name)
			return true;
	return false;
}

/* The int at the start of optval's blob as [n], or the address. */
static struct hv *opt_int(struct dctx *d, int i)
{
	const struct event_blob *b = event_blob_any(d->ev, i, 0);
	int v;

	if (!d_u(d, i) || !b || b->h.err || b->h.len < 4)
		return v_ptr(d, i);
	memcpy(&v, b->data, 4);
	return hv_ind(d, hv_int(d, v));
}

/* Bytes of optval blob i (at least need), or NULL when not captured. */
static const uint8_t *opt_bytes(struct dctx *d, int i, unsigned int need)
{
	const struct event_blob *b = event_blob_any(d->ev, i, 0);

	if (!d_u(d, i) || !b || b->h.err || b->h.len < need)
		return NULL;
	return b->data;
}

static struct hv *opt_hexstr(struct dctx *d, int i, unsigned int len)
{
	const uint8_t *p = opt_bytes(d, i, len);
	unsigned int show = len < d->o->strsize ? len : d->o->strsize;

	if (!p)
		return v_ptr(d, i);
	return hv_hexstr(d, p, show, len > show);
}

static struct hv *opt_txrehash(struct dctx *d, int i, int len, bool get)
{
	const uint8_t *p;
	int v;

	if (len < 4)
		return get ? opt_hexstr(d, i, len) : v_ptr(d, i);
	if (!(p = opt_bytes(d, i, 4)))
		return v_ptr(d, i);
	memcpy(&v, p, 4);
	/* a signed int: -1 prints as -1 with the unknown comment (strace 6.1) */
	return hv_ind(d, hv_sym(d, &xlat_sockopt_txrehash, (uint64_t)(int64_t)v, false));
}

static struct hv *opt_mreq6(struct dctx *d, const uint8_t *p)
{
	struct hv *s = hv_struct(d);
	uint32_t ifi;

	memcpy(&ifi, p + 16, 4);
	hv_add(s, NULL, hv_inet_addr(d, HY_AF_INET6, p, "ipv6mr_multiaddr"));
	hv_add(s, "ipv6mr_interface", hv_ifindex(d, ifi));
	return s;
}

/* struct group_req (MCAST_JOIN_GROUP, MCAST_LEAVE_GROUP): 136 bytes on 64-bit */
static struct hv *opt_group_req(struct dctx *d, int i, int len)
{
	const uint8_t *p = len == 136 ? opt_bytes(d, i, 136) : NULL;
	uint32_t ifi;

	if (!p)
		return v_ptr(d, i);
	struct hv *s = hv_struct(d);

	memcpy(&ifi, p, 4);
	hv_add(s, "gr_interface", hv_ifindex(d, ifi));
	hv_add(s, "gr_group", hv_sockaddr(d, p + 8, 128));
	return s;
}

static struct hv *setsockopt_val(struct dctx *d, unsigned int level, unsigned int name, int len)
{
	const uint8_t *p;
	struct hv *more = sockopt_more_val(d, level, name, len, false);

	if (more)
		return more;
	if (d_u(d, 3)) {
		switch (level) {
		case HY_SOL_SOCKET:
			if (name == HY_SO_LINGER) {
				if (len < 8 || !(p = opt_bytes(d, 3, 8)))
					return v_ptr(d, 3);
				struct hv *s = hv_struct(d);
				int32_t v[2];

				memcpy(v, p, 8);
				hv_add(s, "l_onoff", hv_int(d, v[0]));
				hv_add(s, "l_linger", hv_int(d, v[1]));
				return s;
			}
			if (name == HY_SO_ATTACH_FILTER || name == 51 /* SO_ATTACH_REUSEPORT_CBPF */)
				return v_ptr(d, 3);	/* strace decodes the BPF program: not done */
			if (name == HY_SO_TXREHASH)
				return opt_txrehash(d, 3, len, false);
			if (so_int_like(name))
				return len < 4 ? v_ptr(d, 3) : opt_int(d, 3);
			break;
		case HY_SOL_IP:
			if (name == 35 || name == 36) {	/* IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP */
				if (len < 8 || !(p = opt_bytes(d, 3, 8)))
					return v_ptr(d, 3);
				struct hv *s = hv_struct(d);

				hv_add(s, "imr_multiaddr", hv_inet_addr(d, HY_AF_INET, p, NULL));
				hv_add(s, "imr_interface", hv_inet_addr(d, HY_AF_INET, p + 4, NULL));
				return s;
			}
			if (name == 42 || name == 45)	/* MCAST_JOIN_GROUP, MCAST_LEAVE_GROUP */
				return opt_group_req(d, 3, len);
			break;
		case HY_SOL_IPV6:
			/* IPV6_ADD/DROP_MEMBERSHIP, IPV6_JOIN/LEAVE_ANYCAST */
			if (name == 20 || name == 21 || name == 27 || name == 28) {
				if (len < 20 || !(p = opt_bytes(d, 3, 20)))
					return v_ptr(d, 3);
				return opt_mreq6(d, p);
			}
			if (name == 42 || name == 45)
				return opt_group_req(d, 3, len);
			break;
		case HY_SOL_NETLINK:
			return len < 4 ? v_ptr(d, 3) : opt_int(d, 3);
		}
	}
	if (len == 4)
		return opt_int(d, 3);
	return v_buf(d, 3, (uint64_t)(int64_t)len);
}

void dec_setsockopt(struct dctx *d)
{
	unsigned int level = d_ui(d, 1), name = d_ui(d, 2);

	arg(d, v_fd(d, 0));
	arg(d, hv_sym(d, &xlat_sockopt_levels, level, true));
	arg(d, sockopt_name(d, level, name, false));
	arg(d, setsockopt_val(d, level, name, d_i(d, 4)));
	arg(d, hv_int(d, d_i(d, 4)));
}

/* struct linger / struct ucred fields that fit in len (strace's MAYBE_PRINT_FIELD_LEN) */
static struct hv *opt_fields(struct dctx *d, int i, int len, const char *const *names, int n,
			     bool ids)
{
	int size = n * 4;

	if (len > size)
		len = size;

	const uint8_t *p = opt_bytes(d, i, len);

	if (!p)
		return v_ptr(d, i);
	struct hv *s = hv_struct(d);

	for (int k = 0; k < n && len > k * 4; k++) {
		int32_t v;

		if (len < (k + 1) * 4) {
			hv_add(s, names[k], hv_hexstr(d, p + k * 4, len - k * 4, false));
			break;
		}
		memcpy(&v, p + k * 4, 4);
		/* ucred's pid is a process (strace's PRINT_FIELD_TGID) */
		hv_add(s, names[k], ids && k ? hv_id(d, v) : ids ? hv_pid(d, v, HVP_TGID) : hv_int(d, v));
	}
	return s;
}

static struct hv *getsockopt_val(struct dctx *d, unsigned int level, unsigned int name, int ulen,
				 int rlen)
{
	static const char *const linger[] = { "l_onoff", "l_linger" };
	static const char *const ucred[] = { "pid", "uid", "gid" };
	const uint8_t *p;

	if (ulen <= 0 || rlen <= 0)
		return v_ptr(d, 3);
	struct hv *more = sockopt_more_val(d, level, name, rlen, true);

	if (more)
		return more;
	if (d_u(d, 3)) {
		switch (level) {
		case HY_SOL_SOCKET:
			switch (name) {
			case HY_SO_LINGER:
				return opt_fields(d, 3, rlen, linger, 2, false);
			case HY_SO_PEERCRED:
				return opt_fields(d, 3, rlen, ucred, 3, true);
			case HY_SO_ATTACH_FILTER:
				return v_ptr(d, 3);	/* strace decodes the BPF program: not done */
			case HY_SO_ERROR: {
				int err;
				const char *n;

				if (rlen < 4)
					return opt_hexstr(d, 3, rlen);
				if (!(p = opt_bytes(d, 3, 4)))
					return v_ptr(d, 3);
				memcpy(&err, p, 4);
				n = errno_name(err);
				return hv_ind(d, n ? hv_expr(d, "%s", n) : hv_uint(d, (unsigned int)err));
			}
			case HY_SO_TXREHASH:
				return opt_txrehash(d, 3, rlen, true);
			}
			if (so_int_like(name))
				return rlen >= 4 ? opt_int(d, 3) : opt_hexstr(d, 3, rlen);
			break;
		case HY_SOL_NETLINK:
			if (name == 9) {	/* NETLINK_LIST_MEMBERSHIPS: u32 array */
				int n = (ulen < rlen ? ulen : rlen) / 4;
				const struct event_blob *b = event_blob_any(d->ev, 3, 0);
				struct hv *a = hv_array(d);

				if (!b || b->h.err)
					return v_ptr(d, 3);
				for (int k = 0; k < n && (uint32_t)(k + 1) * 4 <= b->h.len; k++) {
					uint32_t v;

					if (array_full(d, a))
						break;
					memcpy(&v, b->data + k * 4, 4);
					hv_add(a, NULL, hv_uint(d, v));
				}
				return a;
			}
			return opt_int(d, 3);
		}
	}
	if (rlen == 4)
		return opt_int(d, 3);
	return v_buf(d, 3, (uint64_t)rlen);
}

void dec_getsockopt(struct dctx *d)
{
	unsigned int level = d_ui(d, 1), name = d_ui(d, 2);
	int ulen, rlen;

	arg(d, v_fd(d, 0));
	arg(d, hv_sym(d, &xlat_sockopt_levels, level, true));
	arg(d, sockopt_name(d, level, name, true));
	if (!d_u(d, 4) || !blob_int(d, 4, HY_AT_ENTER, &ulen)) {
		arg(d, v_ptr(d, 3));
		arg(d, v_ptr(d, 4));
		return;
	}
	if (!d->exiting)
		return d_pending(d);
	if (!blob_int(d, 4, HY_AT_EXIT, &rlen)) {
		arg(d, v_ptr(d, 3));
		arg(d, hv_ind(d, hv_int(d, ulen)));
	} else if (d_failed(d)) {
		arg(d, v_ptr(d, 3));
		arg(d, hv_ind_changed(d, ulen, rlen));
	} else {
		arg(d, getsockopt_val(d, level, name, ulen, rlen));
		arg(d, hv_ind_changed(d, ulen, rlen));
	}
}
