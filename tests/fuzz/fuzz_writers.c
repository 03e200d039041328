// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz_writers.c: libFuzzer target: the JSON value, OTLP/JSON and protobuf writers on fuzz input. */
/*
 * The first byte picks the writer, the rest is its program:
 *   0: a value tree built by a small stack machine (every node kind, random flags, texts
 *      that are not UTF-8, strings that are not NUL-terminated, deep nesting) written by
 *      json_value() and by the strace-style render_value(); the JSON must parse.
 *   1: OTLP/JSON: attributes of every type with fuzz keys and values, then a span with
 *      events, written by otlp_encode(); the JSON must parse.
 *   2: protobuf: a sequence of fields and nested messages; the encoding is decoded again
 *      and must give back every field, value and nesting.
 *   3: json_string(), oj_str() and render_quoted() on the bytes as they are.
 * Texts are copied into allocations of their exact size, so ASan sees a read past one.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include "fuzz.h"
#include "decode.h"
#include "json_value.h"
#include "otlp.h"
#include "protobuf.h"
#include "render.h"
#include "sbuf.h"

/* -- allocations of exact size, freed after each input ------------------------------------ */

static void *allocs[4096];
static size_t nallocs;

static void *keep(void *p)
{
	if (!p || nallocs == sizeof(allocs) / sizeof(allocs[0]))
		abort();
	allocs[nallocs++] = p;
	return p;
}

static void free_all(void)
{
	while (nallocs)
		free(allocs[--nallocs]);
}

/* len bytes of the input, NUL-terminated or not */
static char *text(struct fin *f, bool nul, size_t *len)
{
	size_t want = fin_u8(f), got;
	const uint8_t *p = fin_bytes(f, want, &got);
	char *s = keep(malloc(got + nul + !got));

	memcpy(s, p, got);
	if (nul) {
		s[got] = '\0';
		got = strlen(s);
	}
	if (len)
		*len = got;
	return s;
}

/* -- a JSON checker (RFC 8259), with the UTF-8 of every byte outside escapes ----------------- */

struct jp {
	const unsigned char *s, *end;
	int depth;
};

static bool j_ws(struct jp *j)
{
	while (j->s < j->end && (*j->s == ' ' || *j->s == '\t' || *j->s == '\n' || *j->s == '\r'))
		j->s++;
	return true;
}

static bool j_lit(struct jp *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->s) < n || memcmp(j->s, w, n))
		return false;
	j->s += n;
	return true;
}

static bool j_str(struct jp *j)
{
	if (j->s >= j->end || *j->s++ != '"')
		return false;
	while (j->s < j->end) {
		unsigned char c = *j->s++;

		if (c == '"')
			return true;
		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (j->s >= j->end)
				return false;
			c = *j->s++;
			if (c == 'u') {
				for (int i = 0; i < 4; i++)
					if (j->s >= j->end || !strchr("0123456789abcdefABCDEF", *j->s++))
						return false;
			} else if (!strchr("\"\\/bfnrt", c) || !c) {
				return false;
			}
		} else if (c >= 0x80) {
			/* a UTF-8 sequence: no overlongs, no surrogates, at most U+10FFFF */
			int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : -1;
			uint32_t cp = c & (0x3f >> n);

			if (n < 0 || c > 0xf4 || j->end - j->s < n)
				return false;
			for (int i = 0; i < n; i++) {
				if ((j->s[i] & 0xc0) != 0x80)
					return false;
				cp = cp << 6 | (j->s[i] & 0x3f);
			}
			if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
			    (cp >= 0xd800 && cp <= 0xdfff))
				return false;
			j->s += n;
		}
	}
	return false;
}

static bool j_num(struct jp *j)
{
	const unsigned char *st = j->s;

	if (j->s < j->end && *j->s == '-')
		j->s++;
	if (j->s >= j->end || *j->s < '0' || *j->s > '9')
		return false;
	if (*j->s == '0')
		j->s++;
	else
		while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
			j->s++;
	if (j->s < j->end && *j->s == '.') {
		j->s++;
		if (j->s >= j->end || *j->s < '0' || *j->s > '9')
			return false;
		while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
			j->s++;
	}
	if (j->s < j->end && (*j->s == 'e' || *j->s == 'E')) {
		j->s++;
		if (j->s < j->end && (*j->s == '+' || *j->s == '-'))
			j->s++;
		if (j->s >= j->end || *j->s < '0' || *j->s > '9')
			return false;
		while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
			j->s++;
	}
	return j->s > st;
}

static bool j_value(struct jp *j)
{
	bool ok = true;

	j_ws(j);
	if (j->s >= j->end || ++j->depth > 1000)
		return false;
	switch (*j->s) {
	case '{':
		j->s++;
		j_ws(j);
		if (j->s < j->end && *j->s == '}') {
			j->s++;
			break;
		}
		do {
			j_ws(j);
			ok = j_str(j) && j_ws(j) && j->s < j->end && *j->s++ == ':' && j_value(j);
			j_ws(j);
		} while (ok && j->s < j->end && *j->s == ',' && j->s++);
		ok = ok && j->s < j->end && *j->s++ == '}';
		break;
	case '[':
		j->s++;
		j_ws(j);
		if (j->s < j->end && *j->s == ']') {
			j->s++;
			break;
		}
		do {
			ok = j_value(j);
			j_ws(j);
		} while (ok && j->s < j->end && *j->s == ',' && j->s++);
		ok = ok && j->s < j->end && *j->s++ == ']';
		break;
	case '"':
		ok = j_str(j);
		break;
	case 't':
		ok = j_lit(j, "true");
		break;
	case 'f':
		ok = j_lit(j, "false");
		break;
	case 'n':
		ok = j_lit(j, "null");
		break;
	default:
		ok = j_num(j);
	}
	j->depth--;
	return ok;
}

/* abort() unless s is one JSON value (after a prefix, in brackets, for lists of members) */
static void check_json(const char *what, const char *pre, const struct sbuf *sb, const char *post)
{
	struct sbuf w = { 0 };
	struct jp j;

	sb_puts(&w, pre);
	sb_putn(&w, sb->s ? sb->s : "", sb->len);
	sb_puts(&w, post);
	j.s = (const unsigned char *)w.s;
	j.end = j.s + w.len;
	j.depth = 0;
	if (!j_value(&j) || (j_ws(&j), j.s != j.end)) {
		fprintf(stderr, "%s: not JSON at byte %zu: %.*s\n", what,
			(size_t)((const char *)j.s - w.s), (int)(w.len < 4096 ? w.len : 4096), w.s);
		abort();
	}
	sb_free(&w);
}

/* -- 0: value trees ------------------------------------------------------------------------ */

#define STACK_MAX 64

static struct hv *node(struct fin *f, struct dctx *d, uint8_t op)
{
	struct hv *v = hv_new(d, op % (HV_CHANGED + 1));
	size_t len;

	v->flags = (uint16_t)fin_take(f, 2) & 0x1ff;
	v->u = fin_u8(f) & 1 ? fin_take(f, 8) : fin_u8(f);
	switch (v->kind) {
	case HV_STR:
		v->text = text(f, false, &len);
		v->len = (uint32_t)len;
		break;
	case HV_SYM:
	case HV_EXPR:
	case HV_FD:
		if (fin_u8(f) & 1)
			v->text = text(f, true, NULL);
		break;
	default:
		break;
	}
	if (fin_u8(f) == 0xff)
		v->comment = text(f, true, NULL);
	return v;
}

static void do_tree(struct fin *f)
{
	static struct arena ar;
	struct dctx d = { .ar = &ar };
	struct hv *stack[STACK_MAX];
	struct hv *root = hv_array(&d);
	struct sbuf sb = { 0 };
	int sp = 0;

	stack[sp++] = root;
	while (f->n) {
		uint8_t op = fin_u8(f);
		struct hv *top = stack[sp - 1], *v;
		const char *name = top->kind == HV_STRUCT ? text(f, true, NULL) : NULL;

		if (op >= 0xf0) {	/* close */
			if (sp > 1)
				sp--;
			continue;
		}
		v = node(f, &d, op);
		if (v->kind == HV_CHANGED) {	/* before => after */
			v->child = node(f, &d, fin_u8(f));
			v->child->next = node(f, &d, fin_u8(f));
			v->last = v->child->next;
		}
		if (v->kind == HV_STRUCT || v->kind == HV_ARRAY)
			v->len = 0;
		hv_add(top, name, v);
		if ((v->kind == HV_STRUCT || v->kind == HV_ARRAY) && sp < STACK_MAX)
			stack[sp++] = v;
	}
	json_value(&sb, root);
	check_json("json_value", "", &sb, "");
	for (int x = 0; x <= 2; x++) {
		sb_reset(&sb);
		render_value(&sb, root, x);
	}
	sb_free(&sb);
	arena_reset(&ar);
}

/* -- 1: OTLP/JSON -------------------------------------------------------------------------- */

static void attrs(struct fin *f, struct sbuf *sb, int n)
{
	for (int i = 0; i < n && f->n; i++) {
		uint8_t op = fin_u8(f);
		const char *key = text(f, true, NULL);
		size_t len;
		const char *val;

		switch (op % 6) {
		case 0: otlp_attr_str(sb, key, text(f, true, NULL)); break;
		case 1: val = text(f, false, &len); otlp_attr_strn(sb, key, val, len); break;
		case 2: otlp_attr_int(sb, key, (int64_t)fin_take(f, 8)); break;
		case 3: otlp_attr_bool(sb, key, fin_u8(f) & 1); break;
		case 4: val = text(f, false, &len); otlp_attr_strv(sb, key, val, len); break;
		default: otlp_attr_str(sb, key, ""); break;
		}
	}
}

static void do_otlp(struct fin *f)
{
	struct otlp_span *spp = calloc(1, sizeof(*spp)), sp = { 0 };	/* freed by otlp_span_free */
	struct sbuf res = { 0 }, out = { 0 };
	uint8_t trace_id[16];

	for (int i = 0; i < 16; i++)
		trace_id[i] = fin_u8(f);
	for (int i = 0; i < 8; i++)
		sp.span_id[i] = fin_u8(f), sp.parent_id[i] = fin_u8(f);
	sp.has_parent = fin_u8(f) & 1;
	sp.start = fin_take(f, 8);
	sp.end = fin_take(f, 8);
	sp.status = fin_u8(f) % 3;
	sp.name = strdup(text(f, true, NULL));
	if (sp.status == 2)
		sp.status_msg = strdup(text(f, true, NULL));
	struct sbuf rendered = { 0 };

	attrs(f, &res, fin_u8(f) % 8);
	oj_attrs(&rendered, res.s, res.len);
	check_json("otlp resource attributes", "[", &rendered, "]");
	attrs(f, &sp.attrs, fin_u8(f) % 16);
	sb_reset(&rendered);
	oj_attrs(&rendered, sp.attrs.s, sp.attrs.len);
	check_json("otlp attributes", "[", &rendered, "]");
	sb_free(&rendered);
	sp.nev = fin_u8(f) % 8;
	sp.ev_cap = sp.nev;
	sp.ev = calloc(sp.nev ? sp.nev : 1, sizeof(*sp.ev));
	for (uint32_t i = 0; i < sp.nev; i++) {
		struct sbuf a = { 0 };
		const char *name = text(f, true, NULL);
		size_t nl = strlen(name);

		sp.ev[i].ts = fin_take(f, 8);
		attrs(f, &a, fin_u8(f) % 4);
		sp.ev[i].name = malloc(nl + 1 + a.len + 1);
		memcpy(sp.ev[i].name, name, nl + 1);
		memcpy(sp.ev[i].name + nl + 1, a.s ? a.s : "", a.len);
		sp.ev[i].name[nl + 1 + a.len] = '\0';
		sp.ev[i].attrs = sp.ev[i].name + nl + 1;
		sp.ev[i].attrs_len = (uint32_t)a.len;
		sb_free(&a);
	}
	sp.dropped_ev = fin_u8(f);
	*spp = sp;
	int64_t off = (int64_t)fin_take(f, 8);
	struct pb pb = { 0 };

	otlp_encode(&out, &res, trace_id, spp, 1, off);
	check_json("otlp_encode", "", &out, "");
	otlp_encode_pb(&pb, &res, trace_id, spp, 1, off);	/* the protobuf encoder too */
	pb_free(&pb);
	sb_free(&out);
	sb_free(&res);
	otlp_span_free(spp);
}

/* -- 2: protobuf --------------------------------------------------------------------------- */

enum { P_UINT, P_INT, P_SINT, P_BOOL, P_FIX64, P_FIX32, P_BYTES, P_STRING, P_BEGIN, P_END };

struct pop {
	int kind;
	uint32_t field;
	uint64_t v;
	const char *s;
	size_t len;
};

static uint64_t rd_varint(const uint8_t **p, const uint8_t *end)
{
	uint64_t v = 0;

	for (int sh = 0; sh < 70; sh += 7) {
		if (*p >= end)
			abort();
		uint8_t b = *(*p)++;

		v |= (uint64_t)(b & 0x7f) << sh;
		if (!(b & 0x80))
			return v;
	}
	abort();	/* more than 10 bytes */
}

static void pb_check(const struct pb *pb, const struct pop *ops, int n)
{
	static const int wire[] = { PB_VARINT, PB_VARINT, PB_VARINT, PB_VARINT, PB_I64, PB_I32,
				    PB_LEN, PB_LEN, PB_LEN };
	const uint8_t *ends[PB_MAX_DEPTH + 1];
	const uint8_t *p, *end;
	int depth = 0;

	if (!pb->buf) {
		if (n)
			abort();	/* fields written, no bytes */
		return;
	}
	p = pb->buf;
	end = p + pb->len;

	for (int i = 0; i < n; i++) {
		const struct pop *o = &ops[i];
		const uint8_t *lim = depth ? ends[depth - 1] : end;
		uint64_t v, tag;

		if (o->kind == P_END) {
			if (!depth || p != ends[--depth])
				abort();	/* the message's length is wrong */
			continue;
		}
		tag = rd_varint(&p, lim);
		if (tag >> 3 != o->field || (tag & 7) != (uint64_t)wire[o->kind])
			abort();
		switch (o->kind) {
		case P_FIX64:
		case P_FIX32:
			v = 0;
			if (lim - p < (o->kind == P_FIX64 ? 8 : 4))
				abort();
			memcpy(&v, p, o->kind == P_FIX64 ? 8 : 4);
			p += o->kind == P_FIX64 ? 8 : 4;
			if (v != (o->kind == P_FIX64 ? o->v : (uint32_t)o->v))
				abort();
			break;
		case P_BYTES:
		case P_STRING:
			v = rd_varint(&p, lim);
			if (v != o->len || (uint64_t)(lim - p) < v || memcmp(p, o->s, v))
				abort();
			p += v;
			break;
		case P_BEGIN:
			v = rd_varint(&p, lim);
			if ((uint64_t)(lim - p) < v)
				abort();
			ends[depth++] = p + v;
			break;
		default:
			v = rd_varint(&p, lim);
			if (o->kind == P_SINT ? v != pb_zigzag((int64_t)o->v) :
			    o->kind == P_BOOL ? v != !!o->v : v != o->v)
				abort();
		}
	}
	if (depth || p != end)
		abort();
}

static void do_pb(struct fin *f)
{
	static struct pop ops[1024];
	struct pb pb = { 0 };
	int n = 0, depth = 0;

	while (f->n && n < 1000) {
		struct pop *o = &ops[n];
		uint8_t op = fin_u8(f);

		o->kind = op % 10;
		o->field = 1 + (uint32_t)(fin_take(f, 4) % ((1u << 29) - 1));	/* 1 .. 2^29-1 */
		o->v = fin_u8(f) & 1 ? fin_take(f, 8) : fin_u8(f);
		switch (o->kind) {
		case P_UINT: pb_uint(&pb, o->field, o->v); break;
		case P_INT: pb_int(&pb, o->field, (int64_t)o->v); break;
		case P_SINT: pb_sint(&pb, o->field, (int64_t)o->v); break;
		case P_BOOL: pb_bool(&pb, o->field, o->v & 1); o->v &= 1; break;
		case P_FIX64: pb_fixed64(&pb, o->field, o->v); break;
		case P_FIX32: pb_fixed32(&pb, o->field, (uint32_t)o->v); break;
		case P_BYTES:
			o->s = text(f, false, &o->len);
			if (fin_u8(f) == 0xff) {	/* a long one: lengths of 2-3 varint bytes */
				char *big = keep(calloc(1, 70000));

				o->s = big;
				o->len = 128 + fin_take(f, 2);
			}
			pb_bytes(&pb, o->field, o->s, o->len);
			break;
		case P_STRING:
			o->s = text(f, true, &o->len);
			pb_string(&pb, o->field, o->s);
			break;
		case P_BEGIN:
			if (depth == PB_MAX_DEPTH)
				continue;
			depth++;
			pb_begin(&pb, o->field);
			break;
		default:
			if (!depth)
				continue;
			depth--;
			pb_end(&pb);
		}
		n++;
	}
	while (depth--) {
		ops[n++].kind = P_END;
		pb_end(&pb);
	}
	if (!pb.err)
		pb_check(&pb, ops, n);
	pb_free(&pb);
}

/* -- 3: strings ---------------------------------------------------------------------------- */

static void do_strings(const uint8_t *data, size_t size)
{
	char *s = keep(malloc(size ? size : 1));
	struct sbuf sb = { 0 };

	memcpy(s, data, size);
	json_string(&sb, s, size);
	check_json("json_string", "", &sb, "");
	sb_reset(&sb);
	oj_str(&sb, s, size);
	check_json("oj_str", "", &sb, "");
	for (int x = 0; x <= 2; x++) {
		sb_reset(&sb);
		render_quoted(&sb, s, size, x, size ? "\"" : NULL, 1);
	}
	sb_free(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fin f = { data, size };

	if (!size)
		return 0;
	switch (fin_u8(&f) % 4) {
	case 0: do_tree(&f); break;
	case 1: do_otlp(&f); break;
	case 2: do_pb(&f); break;
	default: do_strings(f.p, f.n); break;
	}
	free_all();
	return 0;
}
