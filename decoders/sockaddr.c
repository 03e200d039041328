// SPDX-License-Identifier: LGPL-2.1-or-later
/* sockaddr.c: socket addresses (struct sockaddr_*) as strace prints them. */
/*
 * Layouts and output forms follow strace's src/sockaddr.c: a known family is
 * decoded when the length covers its minimum, any other address prints its
 * bytes as sa_data="...".  The address bytes come from a capture blob; the
 * helpers here never look at the traced process.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

#define SA_STORAGE	128	/* sizeof(struct sockaddr_storage) */
#define SA_FAMILY_LEN	2	/* sizeof(sa_family_t) */
#define SUN_LEN_MAX	110	/* sizeof(struct sockaddr_un) */
#define SIN_LEN		16	/* sizeof(struct sockaddr_in) */
#define SIN6_MIN_LEN	24	/* offsetof(struct sockaddr_in6, sin6_scope_id) */
#define SNL_LEN		12	/* sizeof(struct sockaddr_nl) */
#define SLL_LEN		20	/* sizeof(struct sockaddr_ll) */
#define SLL_ADDR_OFF	12	/* offsetof(struct sockaddr_ll, sll_addr) */

/* include/linux/socket.h */
#define HY_AF_UNIX	1
#define HY_AF_INET	2
#define HY_AF_INET6	10
#define HY_AF_NETLINK	16
#define HY_AF_PACKET	17
#define HY_AF_IPX	4
#define HY_AF_X25	9
#define HY_AF_RXRPC	33
#define HY_AF_NFC	39
#define HY_AF_VSOCK	40
#define HY_AF_QIPCRTR	42
#define HY_AF_XDP	44
#define HY_AF_MCTP	45

/* sizes of the family structs (Linux UAPI headers, x86_64), as strace's minimum lengths */
#define SIPX_LEN	16	/* struct sockaddr_ipx */
#define SX25_LEN	18	/* struct sockaddr_x25: family + 16-byte x25_addr */
#define SRX_LEN		36	/* struct sockaddr_rxrpc: 8 bytes, then a sockaddr_in6-sized union */
#define SRX_TRANSPORT	8	/* offsetof(struct sockaddr_rxrpc, transport) */
#define SNFC_LEN	16	/* struct sockaddr_nfc */
#define SNFC_LLCP_LEN	96	/* struct sockaddr_nfc_llcp (64-bit size_t service_name_len) */
#define NFC_SN_MAX	63	/* NFC_LLCP_MAX_SERVICE_NAME */
#define SVM_LEN		16	/* struct sockaddr_vm */
#define SQRTR_LEN	12	/* struct sockaddr_qrtr */
#define SXDP_LEN	16	/* struct sockaddr_xdp */
#define SMCTP_LEN	12	/* struct sockaddr_mctp */
#define XDP_SHARED_UMEM	1
#define HY_AF_IEEE802154	36
#define HY_AF_AX25	3
#define HY_AF_BLUETOOTH	31
/* Bluetooth address structs, told apart by length (strace 6.1 print_sockaddr_data_bt) */
#define BT_HCI_DEV_END	4	/* offsetofend(struct sockaddr_hci, hci_dev) */
#define BT_HCI_LEN	6	/* struct sockaddr_hci */
#define BT_SCO_LEN	8	/* struct sockaddr_sco */
#define BT_RC_LEN	10	/* struct sockaddr_rc */
#define BT_L2_TYPE_OFF	12	/* offsetof(struct sockaddr_l2, l2_bdaddr_type) */
#define BT_L2_LEN	14	/* struct sockaddr_l2 */
#define L2CAP_PSM_LE_DYN_START	0x80
#define L2CAP_PSM_LE_DYN_END	0xff
#define L2CAP_PSM_DYN_START	0x1001
#define L2CAP_CID_DYN_START	0x40
#define SAX25_LEN	16	/* struct sockaddr_ax25: family, ax25_address (7), int sax25_ndigis */
#define AX25_CALL_LEN	7	/* ax25_address: 6 shifted characters and the SSID byte */
#define AX25_MAX_DIGIS	8	/* struct full_sockaddr_ax25.fsa_digipeater */
#define HY_AF_ALG	38
#define SIEEE802154_LEN	20	/* struct sockaddr_ieee802154: family, then a 4-aligned addr */
#define SALG_LEN	24	/* struct sockaddr_alg_new, without salg_name */
#define IEEE802154_ADDR_NONE	0
#define IEEE802154_ADDR_SHORT	2

static const char hexd[] = "0123456789abcdef";

/* The same quoting rules as the text sink (strace's string_quote()), into a string. */
char *quote_str(struct dctx *d, const void *data, size_t len)
{
	const unsigned char *s = data;
	int usehex = d->o->xflag > 1;
	char *out = arena_alloc(d->ar, len * 4 + 3), *o = out;

	if (d->o->xflag == 1)
		for (size_t i = 0; i < len; i++)
			if (s[i] > 0x7e || (s[i] < ' ' && (unsigned int)(s[i] - 9) >= 5))
				usehex = 1;
	*o++ = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (usehex) {
			*o++ = '\\';
			*o++ = 'x';
			*o++ = hexd[c >> 4];
			*o++ = hexd[c & 15];
			continue;
		}
		switch (c) {
		case '"': case '\\': *o++ = '\\'; *o++ = c; continue;
		case '\f': *o++ = '\\'; *o++ = 'f'; continue;
		case '\n': *o++ = '\\'; *o++ = 'n'; continue;
		case '\r': *o++ = '\\'; *o++ = 'r'; continue;
		case '\t': *o++ = '\\'; *o++ = 't'; continue;
		case '\v': *o++ = '\\'; *o++ = 'v'; continue;
		}
		if (c >= ' ' && c <= 0x7e) {
			*o++ = c;
			continue;
		}
		*o++ = '\\';
		if (i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7') {
			*o++ = '0' + (c >> 6);
			*o++ = '0' + ((c >> 3) & 7);
		} else if (c >> 3) {
			if (c >> 6)
				*o++ = '0' + (c >> 6);
			*o++ = '0' + ((c >> 3) & 7);
		}
		*o++ = '0' + (c & 7);
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

/* Bytes printed as "\x.." whatever -x says (strace's QUOTE_FORCE_HEX). */
struct hv *hv_hexstr(struct dctx *d, const void *data, size_t len, bool trunc)
{
	const unsigned char *s = data;
	char *out = arena_alloc(d->ar, len * 4 + 6), *o = out;

	*o++ = '"';
	for (size_t i = 0; i < len; i++) {
		*o++ = '\\';
		*o++ = 'x';
		*o++ = hexd[s[i] >> 4];
		*o++ = hexd[s[i] & 15];
	}
	*o++ = '"';
	if (trunc) {
		memcpy(o, "...", 3);
		o += 3;
	}
	*o = '\0';

	struct hv *v = hv_new(d, HV_EXPR);

	v->text = out;
	return v;
}

/* An interface index: if_nametoindex("lo") when the host knows it, else the number. */
struct hv *hv_ifindex(struct dctx *d, unsigned int idx)
{
	char name[IF_NAMESIZE + 1];

	/* strace asks the host too (print_ifindex()); 0 is never an interface */
	if (idx && if_indextoname(idx, name)) {
		struct hv *v = hv_expr(d, "if_nametoindex(%s)", quote_str(d, name, strlen(name)));
		struct hv *num = hv_uint(d, idx);

		/* -X raw: the number; -X verbose: the number, then the name (strace's print_ifindex) */
		num->comment = v->text;
		num->flags |= HVF_XCOMMENT;
		v->child = num;
		v->flags |= HVF_XALT;
		return v;
	}
	return hv_uint(d, idx);
}

/* in_addr: inet_addr("127.0.0.1"); in6_addr: inet_pton(AF_INET6, "::1", &field). */
struct hv *hv_inet_addr(struct dctx *d, int af, const void *addr, const char *field)
{
	char buf[INET6_ADDRSTRLEN];

	if (!inet_ntop(af, addr, buf, sizeof(buf)))
		return hv_hexstr(d, addr, af == HY_AF_INET6 ? 16 : 4, false);
	if (af == HY_AF_INET6)
		return hv_expr(d, "inet_pton(AF_INET6, %s, &%s)", quote_str(d, buf, strlen(buf)),
			       field);
	return hv_expr(d, "inet_addr(%s)", quote_str(d, buf, strlen(buf)));
}

/* An enum value as text: its name, or 0x1234 / * UNKNOWN * / (for use inside htons()). */
static const char *sym_text(struct dctx *d, const struct xlat *x, uint64_t v)
{
	const char *n = xlat_name(x, v);

	if (n)
		return n;
	if (!v)
		return arena_printf(d->ar, "0 /* %s */", x->unknown);
	return arena_printf(d->ar, "%#llx /* %s */", (unsigned long long)v, x->unknown);
}

struct hv *hv_htons_sym(struct dctx *d, const struct xlat *x, uint16_t net)
{
	return hv_expr(d, "htons(%s)", sym_text(d, x, ntohs(net)));
}

/*
 * v, printed under -X raw as the bytes "\x.." (field name), and under -X verbose as the bytes
 * then comment: strace 6.1 shows sin_port, sin_addr, sll_protocol... that way.
 */
static struct hv *hv_xalt(struct dctx *d, struct hv *v, const char *name, const void *data,
			  size_t len, const char *comment)
{
	struct hv *alt = hv_hexstr(d, data, len, false);

	alt->name = name;
	alt->comment = comment ? comment : v->text;
	alt->flags |= HVF_XCOMMENT;
	v->child = alt;
	v->flags |= HVF_XALT;
	return v;
}

static void sa_un(struct dctx *d, struct hv *s, const uint8_t *buf, int len)
{
	int path_len = (len > SUN_LEN_MAX ? SUN_LEN_MAX : len) - SA_FAMILY_LEN;
	const char *path = (const char *)buf + SA_FAMILY_LEN;

	if (path[0]) {
		/* up to the first NUL, at most the 108 bytes of sun_path (strace 6.1 likewise) */
		size_t n = strnlen(path, path_len);

		hv_add(s, "sun_path", hv_str(d, path, n, false));
		return;
	}
	hv_add(s, "sun_path", hv_expr(d, "@%s", quote_str(d, path + 1, path_len - 1)));
}

static void sa_in(struct dctx *d, struct hv *s, const uint8_t *buf)
{
	hv_add(s, "sin_port", hv_xalt(d, hv_expr(d, "htons(%u)", ntohs(ld16(buf + 2))), "sin_port",
				      buf + 2, 2, NULL));
	hv_add(s, "sin_addr", hv_xalt(d, hv_inet_addr(d, HY_AF_INET, buf + 4, NULL), "sin_addr",
				      buf + 4, 4, NULL));
}

/* fe80::/10 or ff02::/16 style link-local scopes: IN6_IS_ADDR_LINKLOCAL, IN6_IS_ADDR_MC_LINKLOCAL */
static bool in6_linklocal(const uint8_t *a)
{
	return (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) || (a[0] == 0xff && (a[1] & 0x0f) == 0x2);
}

static void sa_in6(struct dctx *d, struct hv *s, const uint8_t *buf, int len)
{
	char a6[INET6_ADDRSTRLEN];
	struct hv *addr = hv_inet_addr(d, HY_AF_INET6, buf + 8, "sin6_addr");

	hv_add(s, "sin6_port", hv_xalt(d, hv_expr(d, "htons(%u)", ntohs(ld16(buf + 2))),
				       "sin6_port", buf + 2, 2, NULL));
	hv_add(s, "sin6_flowinfo", hv_xalt(d, hv_expr(d, "htonl(%u)", ntohl(ld32(buf + 4))),
					   "sin6_flowinfo", buf + 4, 4, NULL));
	if (addr->kind == HV_EXPR && inet_ntop(AF_INET6, buf + 8, a6, sizeof(a6)))
		hv_xalt(d, addr, "sin6_addr", buf + 8, 16,
			arena_printf(d->ar, "inet_pton(AF_INET6, %s)", quote_str(d, a6, strlen(a6))));
	hv_add(s, NULL, addr);
	if (len <= SIN6_MIN_LEN)
		return;
	uint32_t scope = ld32(buf + 24);

	hv_add(s, "sin6_scope_id", in6_linklocal(buf + 8) ? hv_ifindex(d, scope) : hv_uint(d, scope));
}

static void sa_nl(struct dctx *d, struct hv *s, const uint8_t *buf)
{
	uint16_t pad = ld16(buf + 2);
	uint32_t groups = ld32(buf + 8);

	if (pad)
		hv_add(s, "nl_pad", hv_hex(d, pad));
	hv_add(s, "nl_pid", hv_int(d, (int32_t)ld32(buf + 4)));
	/* strace's PRINT_FIELD_0X: "%#08x" */
	hv_add(s, "nl_groups", hv_expr(d, "%#08x", groups));
}

static void sa_ll(struct dctx *d, struct hv *s, const uint8_t *buf, int len)
{
	unsigned int halen = buf[11];

	hv_add(s, "sll_protocol", hv_xalt(d, hv_htons_sym(d, &xlat_ethernet_protocols, ld16(buf + 2)),
					  "sll_protocol", buf + 2, 2, NULL));
	hv_add(s, "sll_ifindex", hv_ifindex(d, ld32(buf + 4)));
	hv_add(s, "sll_hatype", hv_sym(d, &xlat_arp_hardware_types, ld16(buf + 8), true));
	hv_add(s, "sll_pkttype", hv_sym(d, &xlat_af_packet_types, buf[10], true));
	hv_add(s, "sll_halen", hv_uint(d, halen));
	if (!halen)
		return;
	struct hv *a = hv_add(s, "sll_addr", hv_array(d));
	unsigned int oob = len - SLL_ADDR_OFF;

	for (unsigned int i = 0; i < halen; i++) {
		if (i >= oob) {
			hv_add(a, NULL, hv_more(d));
			break;
		}
		hv_add(a, NULL, hv_hex(d, buf[SLL_ADDR_OFF + i]));
	}
}

/* strace's PRINT_FIELD_XVAL_VERBOSE: the number, its name (or dflt) as a comment; -X raw: the number */
static struct hv *hv_xval_verbose(struct dctx *d, const struct xlat *x, uint64_t v, const char *dflt)
{
	const char *n = xlat_name(x, v);
	struct hv *h = v ? hv_hex(d, v) : hv_uint(d, 0);

	if (n || dflt) {
		hv_comment(d, h, "%s", n ? n : dflt);
		h->flags |= HVF_XCOMMENT;
	}
	return h;
}

/* struct sockaddr_ipx: port, network, node, type (and sipx_zero when set) */
static void sa_ipx(struct dctx *d, struct hv *s, const uint8_t *buf)
{
	hv_add(s, "sipx_port", hv_xalt(d, hv_expr(d, "htons(%u)", ntohs(ld16(buf + 2))), "sipx_port",
				       buf + 2, 2, NULL));
	hv_add(s, "sipx_network", hv_expr(d, "htonl(%#x)", ntohl(ld32(buf + 4))));

	struct hv *a = hv_add(s, "sipx_node", hv_array(d));

	for (int i = 0; i < 6; i++)
		hv_add(a, NULL, hv_expr(d, "%#04x", buf[8 + i]));
	hv_add(s, "sipx_type", hv_expr(d, "%#04x", buf[14]));
	if (buf[15])
		hv_add(s, "sipx_zero", hv_hex(d, buf[15]));
}

/* struct sockaddr_x25: sx25_addr={x25_addr="..."} (a NUL-terminated string of 16 bytes) */
static void sa_x25(struct dctx *d, struct hv *s, const uint8_t *buf)
{
	const char *a = (const char *)buf + SA_FAMILY_LEN;
	size_t n = strnlen(a, 16);
	struct hv *x = hv_add(s, "sx25_addr", hv_struct(d));

	hv_add(x, "x25_addr", n < 16 ? hv_str(d, a, n, false) : hv_str(d, a, 15, true));
}

/* struct sockaddr_in / sockaddr_in6 inside sockaddr_rxrpc.transport */
static void srx_transport(struct dctx *d, struct hv *s, const uint8_t *buf, int len)
{
	unsigned int tlen = ld16(buf + 6);
	const uint8_t *t = buf + SRX_TRANSPORT;
	int avail = len - SRX_TRANSPORT;
	int eff = (int)tlen < avail ? (int)tlen : avail;
	int rest = eff - SA_FAMILY_LEN > 0 ? eff - SA_FAMILY_LEN : 0;
	uint16_t fam = ld16(t);
	struct hv *tr = hv_add(s, "transport", hv_struct(d));
	struct hv *in;

	switch (fam) {
	case HY_AF_INET:
		in = hv_add(tr, "sin", hv_struct(d));
		hv_add(in, "sin_family", hv_sym(d, &xlat_address_families, fam, true));
		if (tlen >= SIN_LEN)
			sa_in(d, in, t);
		else if (rest)
			hv_add(in, NULL, hv_str(d, t + SA_FAMILY_LEN, rest, false));
		return;
	case HY_AF_INET6:
		in = hv_add(tr, "sin6", hv_struct(d));
		hv_add(in, "sin6_family", hv_sym(d, &xlat_address_families, fam, true));
		if (tlen >= SIN6_MIN_LEN)
			sa_in6(d, in, t, eff);
		else if (rest)
			hv_add(in, NULL, hv_str(d, t + SA_FAMILY_LEN, rest, false));
		return;
	}
	hv_add(tr, "family", hv_sym(d, &xlat_address_families, fam, true));
	if (rest)
		hv_add(tr, NULL, hv_str(d, t + SA_FAMILY_LEN, rest, false));
}

static void sa_rxrpc(struct dctx *d, struct hv *s, const uint8_t *buf, int len)
{
	hv_add(s, "srx_service", hv_xval_verbose(d, &xlat_rxrpc_services, ld16(buf + 2),
						 "???_SERVICE"));
	hv_add(s, "transport_type", hv_sym(d, &xlat_socket_types, ld16(buf + 4), true));
	hv_add(s, "transport_len", hv_uint(d, ld16(buf + 6)));
	srx_transport(d, s, buf, len);
}

/* struct sockaddr_nfc, and struct sockaddr_nfc_llcp when the length covers it */
static void sa_nfc(struct dctx *d, struct hv *s, const uint8_t *buf, int len)
{
	hv_add(s, "dev_idx", hv_ifindex(d, ld32(buf + 4)));
	hv_add(s, "target_idx", hv_hex(d, ld32(buf + 8)));
	hv_add(s, "nfc_protocol", hv_sym(d, &xlat_nfc_sockaddr_protocols, ld32(buf + 12), true));
	if (len < SNFC_LLCP_LEN) {
		if (len > SNFC_LEN)
			hv_add(s, NULL, hv_more(d));
		return;
	}
	uint64_t snsz;

	memcpy(&snsz, buf + 88, 8);	/* service_name_len: size_t, 8-aligned after the name */
	hv_add(s, "dsap", hv_xval_verbose(d, &xlat_nfc_saps, buf[16], NULL));
	hv_add(s, "ssap", hv_xval_verbose(d, &xlat_nfc_saps, buf[17], NULL));
	hv_add(s, "service_name", hv_str(d, buf + 18, snsz < NFC_SN_MAX ? snsz : NFC_SN_MAX, false));
	hv_add(s, "service_name_len", hv_uint(d, snsz));
}

static void sa_vsock(struct dctx *d, struct hv *s, const uint8_t *buf)
{
	uint16_t res1 = ld16(buf + 2);

	if (res1)
		hv_add(s, "svm_reserved1", hv_hex(d, res1));
	hv_add(s, "svm_cid", hv_sym_or(d, &xlat_vsock_cids, ld32(buf + 8), NULL));
	hv_add(s, "svm_port", hv_sym_or(d, &xlat_vsock_ports, ld32(buf + 4), NULL));
	hv_add(s, "svm_flags", hv_flags_or(d, &xlat_vsock_flags, buf[12], "VMADDR_FLAG_???"));
	if (buf[13] || buf[14] || buf[15])
		hv_add(s, "svm_zero", hv_hexstr(d, buf + 13, 3, false));
}

static void sa_qrtr(struct dctx *d, struct hv *s, const uint8_t *buf)
{
	hv_add(s, "sq_node", hv_sym_or(d, &xlat_qipcrtr_nodes, ld32(buf + 4), NULL));
	hv_add(s, "sq_port", hv_sym_or(d, &xlat_qipcrtr_ports, ld32(buf + 8), NULL));
}

static void sa_xdp(struct dctx *d, struct hv *s, const uint8_t *buf)
{
	uint16_t flags = ld16(buf + 2);
	uint32_t fd = ld32(buf + 12);

	hv_add(s, "sxdp_flags", hv_flags_or(d, &xlat_xdp_sockaddr_flags, flags, "XDP_???"));
	hv_add(s, "sxdp_ifindex", hv_ifindex(d, ld32(buf + 4)));
	hv_add(s, "sxdp_queue_id", hv_uint(d, ld32(buf + 8)));
	if (flags & XDP_SHARED_UMEM)
		hv_add(s, "sxdp_shared_umem_fd", hv_fd_num(d, (int)fd));
	else if (fd)
		hv_add(s, "sxdp_shared_umem_fd", hv_hex(d, fd));
}

static void sa_mctp(struct dctx *d, struct hv *s, const uint8_t *buf)
{
	uint16_t pad0 = ld16(buf + 2);

	if (pad0)
		hv_add(s, "__smctp_pad0", hv_hex(d, pad0));
	hv_add(s, "smctp_network", hv_sym_or(d, &xlat_mctp_nets, ld32(buf + 4), NULL));

	struct hv *a = hv_add(s, "smctp_addr", hv_struct(d));

	hv_add(a, "s_addr", hv_sym_or(d, &xlat_mctp_addrs, buf[8], NULL));
	hv_add(s, "smctp_type", hv_hex(d, buf[9]));
	hv_add(s, "smctp_tag", hv_hex(d, buf[10]));
	if (buf[11])
		hv_add(s, "__smctp_pad1", hv_hex(d, buf[11]));
}

/* strace's PRINT_FIELD_FLAGS_VERBOSE: the number, its flag names (or dflt) as a comment */
static struct hv *hv_flags_verbose(struct dctx *d, const struct xlat *x, uint64_t v, const char *dflt)
{
	uint64_t known = 0;

	if (!v)
		return hv_uint(d, 0);
	for (unsigned int i = 0; i < x->n; i++)
		known |= x->e[i].val;

	struct hv *h = hv_hex(d, v);

	hv_comment(d, h, "%s", (v & known) ? flags_text(d, x, v) : dflt);
	h->flags |= HVF_XCOMMENT;
	return h;
}

/* A fixed char array up to its NUL; none in size bytes: size - 1 of them and "..." */
static struct hv *hv_cstr_field(struct dctx *d, const uint8_t *p, size_t size)
{
	size_t n = strnlen((const char *)p, size);

	if (n < size)
		return hv_str(d, p, n, false);
	return hv_str(d, p, size ? size - 1 : 0, true);
}

/* struct sockaddr_ieee802154: addr={addr_type, pan_id, short_addr or hwaddr} */
static void sa_ieee802154(struct dctx *d, struct hv *s, const uint8_t *buf)
{
	uint32_t type = ld32(buf + 4);
	struct hv *a = hv_add(s, "addr", hv_struct(d));

	hv_add(a, "addr_type", hv_xval_verbose(d, &xlat_ieee802154_addr_types, type,
					       "IEEE802154_ADDR_???"));
	hv_add(a, "pan_id", hv_xval_verbose(d, &xlat_ieee802154_pan_ids, ld16(buf + 8), NULL));
	if (type == IEEE802154_ADDR_NONE)
		return;
	if (type == IEEE802154_ADDR_SHORT) {
		hv_add(a, "short_addr", hv_xval_verbose(d, &xlat_ieee802154_addrs, ld16(buf + 10),
							NULL));
		return;
	}
	/* IEEE802154_ADDR_LONG and any other type: the 8 bytes in memory order */
	const uint8_t *h = buf + 10;

	struct hv *hw = hv_expr(d, "%02x:%02x:%02x:%02x:%02x:%02x:%02x:%02x", h[0], h[1], h[2],
				h[3], h[4], h[5], h[6], h[7]);

	hv_add(a, "hwaddr", hv_xalt(d, hw, "hwaddr", h, 8, NULL));
}

/* struct sockaddr_alg_new: salg_type, salg_feat, salg_mask, salg_name (len - 24 bytes) */
static void sa_alg(struct dctx *d, struct hv *s, const uint8_t *buf, int len)
{
	hv_add(s, "salg_type", hv_cstr_field(d, buf + 2, 14));
	hv_add(s, "salg_feat", hv_flags_verbose(d, &xlat_alg_sockaddr_flags, ld32(buf + 16),
						"CRYPTO_ALG_???"));
	hv_add(s, "salg_mask", hv_flags_verbose(d, &xlat_alg_sockaddr_flags, ld32(buf + 20),
						"CRYPTO_ALG_???"));
	hv_add(s, "salg_name", hv_cstr_field(d, buf + SALG_LEN, len - SALG_LEN));
}

enum ax25_form { AX25_NATIVE, AX25_VERBOSE, AX25_RAW };

/*
 * How strace 6.1 shows an AX.25 callsign: natively (VALID-13) when the bytes are a sane shifted
 * callsign, raw bytes with the callsign as a comment when odd, raw bytes alone when a
 * character is unprintable or would break the comment.
 */
static enum ax25_form ax25_check(const uint8_t *call)
{
	enum ax25_form f = AX25_NATIVE;
	bool space = false, chr = false;

	for (int i = 0; i < AX25_CALL_LEN - 1; i++) {
		unsigned char c = call[i];

		if (c & 1)
			f = AX25_VERBOSE;
		c >>= 1;
		if (c == ' ')
			space = true;
		else
			chr = true;
		if ((c < '0' || c > '9') && (c < 'A' || c > 'Z') && c != ' ')
			f = AX25_VERBOSE;
		if (c != ' ' && space)
			f = AX25_VERBOSE;
		if (c < ' ' || c > 0x7e || c == '*' || c == '/')
			return AX25_RAW;
	}
	if (call[AX25_CALL_LEN - 1] & ~0x1e)
		f = AX25_VERBOSE;
	if (!chr && call[AX25_CALL_LEN - 1])
		f = AX25_VERBOSE;
	return f;
}

/* "CALL-SSID" with trailing spaces dropped; a blank callsign with SSID 0 is "*" */
static const char *ax25_text(struct dctx *d, const uint8_t *call)
{
	char buf[AX25_CALL_LEN + 4], *p = buf;
	int end = AX25_CALL_LEN - 1;
	unsigned int ssid = (call[AX25_CALL_LEN - 1] >> 1) & 0xf;

	while (end && (call[end - 1] >> 1) == ' ')
		end--;
	for (int i = 0; i < end; i++)
		*p++ = (char)(call[i] >> 1);
	*p++ = '-';
	if (ssid > 9) {
		*p++ = '1';
		ssid -= 10;
	}
	*p++ = (char)('0' + ssid);
	*p = '\0';
	if (buf[0] == '-' && buf[1] == '0')
		return "*";
	return arena_strndup(d->ar, buf, strlen(buf));
}

static struct hv *hv_ax25(struct dctx *d, const uint8_t *call)
{
	enum ax25_form f = ax25_check(call);
	struct hv *raw = hv_struct(d);

	hv_add(raw, "ax25_call", hv_hexstr(d, call, AX25_CALL_LEN, false));
	if (f == AX25_RAW)
		return raw;
	if (f == AX25_VERBOSE)
		return hv_comment(d, raw, "%s", ax25_text(d, call));

	/* sane: the text, and the bytes (text as a comment under -X verbose) under -X */
	struct hv *v = hv_expr(d, "%s", ax25_text(d, call));

	raw->comment = v->text;
	raw->flags |= HVF_XCOMMENT;
	v->child = raw;
	v->flags |= HVF_XALT;
	return v;
}

/* struct sockaddr_ax25, or full_sockaddr_ax25 when digipeaters are named or the length is longer */
static void sa_ax25(struct dctx *d, struct hv *s, const uint8_t *buf, int len)
{
	int32_t ndigis = (int32_t)ld32(buf + 12);
	bool full = ndigis || len > SAX25_LEN;
	struct hv *f = full ? hv_add(s, "fsa_ax25", hv_struct(d)) : s;

	hv_add(f, "sax25_call", hv_ax25(d, buf + 2));
	hv_add(f, "sax25_ndigis", hv_int(d, ndigis));
	if (!full)
		return;

	int has = (len - SAX25_LEN) / AX25_CALL_LEN;
	int want = ndigis > 0 ? ndigis : 0;

	if (has > AX25_MAX_DIGIS)
		has = AX25_MAX_DIGIS;
	if (want > AX25_MAX_DIGIS)
		want = AX25_MAX_DIGIS;
	if (want) {
		struct hv *a = hv_add(s, "fsa_digipeater", hv_array(d));
		int n = want < has ? want : has;

		for (int i = 0; i < n; i++)
			hv_add(a, NULL, hv_ax25(d, buf + SAX25_LEN + i * AX25_CALL_LEN));
		if (want > has)
			hv_add(a, NULL, hv_more(d));
	}
	if (len > has * AX25_CALL_LEN + SAX25_LEN)
		hv_add(s, NULL, hv_more(d));
}

/* aa:bb:cc:dd:ee:ff; under -X the bytes (then the text as a comment with -X verbose) */
static struct hv *hv_bdaddr(struct dctx *d, const uint8_t *b)
{
	struct hv *v = hv_expr(d, "%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4],
			       b[5]);

	return hv_xalt(d, v, NULL, b, 6, NULL);
}

/*
 * htobs(NAME) for an L2CAP PSM or CID (little-endian on the wire): a name, a dynamic range
 * start plus an offset, or the number with the unknown mark; -X raw: htobs(0x..);
 * -X verbose: htobs(0x.. / * NAME * /).
 */
static struct hv *hv_htobs(struct dctx *d, const struct xlat *x, uint16_t v, bool psm,
			   const char *unknown)
{
	const char *name = xlat_name(x, v);
	const char *start = NULL;
	unsigned int base = 0;

	if (name)
		;
	else if (psm && v >= L2CAP_PSM_LE_DYN_START && v <= L2CAP_PSM_LE_DYN_END)
		start = "L2CAP_PSM_LE_DYN_START", base = L2CAP_PSM_LE_DYN_START;
	else if (psm && v >= L2CAP_PSM_DYN_START)
		start = "L2CAP_PSM_DYN_START", base = L2CAP_PSM_DYN_START;
	else if (!psm && v >= L2CAP_CID_DYN_START)
		start = "L2CAP_CID_DYN_START", base = L2CAP_CID_DYN_START;

	struct hv *h, *raw = hv_expr(d, "htobs(%#x)", v);

	if (name) {
		h = hv_expr(d, "htobs(%s)", name);
		raw->next = hv_expr(d, "htobs(%#x /* %s */)", v, name);
	} else if (start) {
		/* -X verbose names the range start in its own verbose form, as strace */
		h = hv_expr(d, "htobs(%s+%u)", start, v - base);
		raw->next = hv_expr(d, "htobs(%#x /* %#x /* %s */+%u */)", v, base, start, v - base);
	} else {
		h = hv_expr(d, "htobs(%#x /* %s */)", v, unknown);
		raw->next = hv_expr(d, "htobs(%#x /* %s */)", v, unknown);
	}
	h->child = raw;
	h->flags |= HVF_XALT;
	return h;
}

static bool sa_bt(struct dctx *d, struct hv *s, const uint8_t *buf, int len)
{
	switch (len) {
	case BT_HCI_DEV_END:
	case BT_HCI_LEN:
		hv_add(s, "hci_dev", hv_expr(d, "htobs(%u)", ld16(buf + 2)));
		if (len == BT_HCI_LEN)
			hv_add(s, "hci_channel", hv_sym(d, &xlat_hci_channels, ld16(buf + 4), true));
		return true;
	case BT_SCO_LEN:
		hv_add(s, "sco_bdaddr", hv_bdaddr(d, buf + 2));
		return true;
	case BT_RC_LEN:
		hv_add(s, "rc_bdaddr", hv_bdaddr(d, buf + 2));
		hv_add(s, "rc_channel", hv_uint(d, buf[8]));
		return true;
	case BT_L2_TYPE_OFF:
	case BT_L2_LEN:
		hv_add(s, "l2_psm", hv_htobs(d, &xlat_bluetooth_l2_psm, ld16(buf + 2), true,
					     "L2CAP_PSM_???"));
		hv_add(s, "l2_bdaddr", hv_bdaddr(d, buf + 4));
		hv_add(s, "l2_cid", hv_htobs(d, &xlat_bluetooth_l2_cid, ld16(buf + 10), false,
					     "L2CAP_CID_???"));
		if (len == BT_L2_LEN)
			hv_add(s, "l2_bdaddr_type", hv_sym(d, &xlat_bdaddr_types, buf[12], true));
		return true;
	}
	return false;
}

struct hv *hv_sockaddr(struct dctx *d, const void *data, int len)
{
	uint8_t buf[SA_STORAGE + 2];
	struct hv *s = hv_struct(d);

	if (len > SA_STORAGE)
		len = SA_STORAGE;
	memset(buf, 0, sizeof(buf));
	memcpy(buf, data, len);

	uint16_t family = ld16(buf);

	hv_add(s, "sa_family", hv_sym(d, &xlat_address_families, family, true));
	if (len <= SA_FAMILY_LEN)
		return s;
	switch (family) {
	case HY_AF_UNIX:
		sa_un(d, s, buf, len);	/* min_len: sa_family + 1 */
		return s;
	case HY_AF_INET:
		if (len >= SIN_LEN) {
			sa_in(d, s, buf);
			return s;
		}
		break;
	case HY_AF_INET6:
		if (len >= SIN6_MIN_LEN) {
			sa_in6(d, s, buf, len);
			return s;
		}
		break;
	case HY_AF_NETLINK:
		if (len >= SNL_LEN) {
			sa_nl(d, s, buf);
			return s;
		}
		break;
	case HY_AF_PACKET:
		if (len >= SLL_LEN) {
			sa_ll(d, s, buf, len);
			return s;
		}
		break;
	case HY_AF_IPX:
		if (len >= SIPX_LEN) {
			sa_ipx(d, s, buf);
			return s;
		}
		break;
	case HY_AF_X25:
		if (len >= SX25_LEN) {
			sa_x25(d, s, buf);
			return s;
		}
		break;
	case HY_AF_RXRPC:
		if (len >= SRX_LEN) {
			sa_rxrpc(d, s, buf, len);
			return s;
		}
		break;
	case HY_AF_NFC:
		if (len >= SNFC_LEN) {
			sa_nfc(d, s, buf, len);
			return s;
		}
		break;
	case HY_AF_VSOCK:
		if (len >= SVM_LEN) {
			sa_vsock(d, s, buf);
			return s;
		}
		break;
	case HY_AF_QIPCRTR:
		if (len >= SQRTR_LEN) {
			sa_qrtr(d, s, buf);
			return s;
		}
		break;
	case HY_AF_XDP:
		if (len >= SXDP_LEN) {
			sa_xdp(d, s, buf);
			return s;
		}
		break;
	case HY_AF_MCTP:
		if (len >= SMCTP_LEN) {
			sa_mctp(d, s, buf);
			return s;
		}
		break;
	case HY_AF_IEEE802154:
		if (len >= SIEEE802154_LEN) {
			sa_ieee802154(d, s, buf);
			return s;
		}
		break;
	case HY_AF_ALG:
		if (len > SALG_LEN) {
			sa_alg(d, s, buf, len);
			return s;
		}
		break;
	case HY_AF_AX25:
		if (len >= SAX25_LEN) {
			sa_ax25(d, s, buf, len);
			return s;
		}
		break;
	case HY_AF_BLUETOOTH:
		if (sa_bt(d, s, buf, len))
			return s;
		break;
	}
	hv_add(s, "sa_data", hv_str(d, buf + SA_FAMILY_LEN, len - SA_FAMILY_LEN, false));
	return s;
}

struct hv *hv_sockaddr_blob(struct dctx *d, uint64_t addr, const struct event_blob *b, int len)
{
	if (len < SA_FAMILY_LEN || !addr || !b || b->h.err)
		return hv_ptr(d, addr);
	if (len > SA_STORAGE)
		len = SA_STORAGE;
	if (b->h.len < (uint32_t)len)	/* strace reads len bytes or prints the address */
		return hv_ptr(d, addr);
	return hv_sockaddr(d, b->data, len);
}

struct hv *v_sockaddr(struct dctx *d, int i, int len)
{
	return hv_sockaddr_blob(d, d_u(d, i), event_blob_any(d->ev, i, 0), len);
}
