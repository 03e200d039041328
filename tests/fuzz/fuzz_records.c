// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz_records.c: libFuzzer target: random records (hy_rec + blobs) through decoders and sinks. */
/*
 * The input is read as: 3 bytes of option bits (fuzz_argv(): the sink, -y, -x, -v, -s, -T,
 * -t, -C...), then records until it ends.  Each record starts with a control byte:
 *   bit 7 set: raw: the next byte is a length L, and the next L*4 bytes are handed to
 *              pipeline_feed() as they are (lying sizes, blob counts and lengths);
 *   else:      built: type (bits 0-3, invalid ones included), blob count (bits 4-6), then
 *              pid, tid, syscall number, flags, return value, six arguments, comm, and
 *              each blob (argument, when, index, error, flags, length, bytes); the last
 *              byte may then make the record lie about its size or blob count.
 * Numbers come from a selector byte: small values, -errno, AT_FDCWD, addresses, or 8 raw
 * bytes, so that the decoders see the values they branch on.  Blob bytes run past the input
 * as zeros; strings are unterminated unless the bytes hold a NUL.
 */
#include <getopt.h>
#include <stdlib.h>
#include "fuzz.h"
#include "backend.h"
#include "pipeline.h"

static uint64_t num(struct fin *f)
{
	uint8_t sel = fin_u8(f);

	switch (sel >> 5) {
	case 0: return sel & 31;			/* 0..31 */
	case 1: return (uint64_t)-(int64_t)(sel & 31);	/* -errno */
	case 2: return 0x1000 + (sel & 31) * 0x100;	/* an address */
	case 3: return (uint64_t)-100;			/* AT_FDCWD */
	case 4: return fin_take(f, 1);
	case 5: return fin_take(f, 2);
	case 6: return fin_take(f, 4);
	default: return fin_take(f, 8);
	}
}

static void build(struct fin *f, struct recbuf *rb, uint8_t ctl, uint64_t *ts)
{
	struct hy_rec r = { .type = ctl & 15 };
	int nblobs = ctl >> 4 & 7;
	size_t got;

	r.pid = 100 + fin_u8(f) % 8;
	r.tid = r.pid + fin_u8(f) % 4;
	r.nr = (int32_t)fin_take(f, 2) % 600;	/* a few past the table, and negative ones */
	r.flags = fin_u8(f);
	r.ret = (int64_t)num(f);
	for (int i = 0; i < HY_NARGS; i++)
		r.args[i] = num(f);
	*ts += fin_u8(f) * 1000;
	r.ts_enter = *ts;
	r.ts_exit = fin_u8(f) & 1 ? *ts + 500 : 0;
	const uint8_t *c = fin_bytes(f, fin_u8(f) % (HY_COMM_LEN + 1), &got);

	memcpy(r.comm, c, got);	/* 16 bytes: unterminated */
	if (rb_begin(rb, &r))
		return;
	for (int i = 0; i < nblobs; i++) {
		uint8_t arg = fin_u8(f) % 9, when = fin_u8(f), idx = fin_u8(f);
		uint8_t flags = fin_u8(f), e = fin_u8(f);
		uint32_t len = (uint32_t)fin_take(f, 2) % 8192;
		uint8_t *p;

		/* mostly enter/exit; sometimes a when no decoder asks for */
		when = when < 250 ? (when & 1) + 1 : when - 250;
		p = rb_blob(rb, arg, when, idx % 4, num(f), len);
		if (!p)
			return;
		memcpy(p, fin_bytes(f, len, &got), got);
		rb_blob_done(rb, len, e < 240 ? 0 : -(e - 239), flags & 0x3f);
	}
	/* lies the record tells about itself: event_parse() must catch them */
	uint8_t lie = fin_u8(f);
	struct hy_rec *h = rb_rec(rb);

	switch (lie) {
	case 251: h->size -= 4; break;
	case 252: h->size += 8; break;
	case 253: h->nblobs += 1; break;
	case 254: if (h->nblobs) ((struct hy_blob *)(h + 1))->len += 8; break;
	case 255: h->size = sizeof(*h) - 1; break;
	}
}

/* a copy of the record's own size, so that ASan sees a read past it */
static void feed(struct pipeline *pl, const uint8_t *p, size_t len)
{
	uint8_t *rec = malloc(len ? len : 1);

	if (!rec)
		abort();
	memcpy(rec, p, len);
	pipeline_feed(pl, rec, len);
	free(rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pipeline pl;
	static struct opts o;
	static struct recbuf rb;
	struct fin f = { data, size };
	char *argv[32];
	uint64_t ts = 1000000000;
	int argc = fuzz_argv(argv, (uint32_t)fin_take(&f, 3), NULL);

	memset(&o, 0, sizeof(o));
	optind = 1;
	if (opts_parse(&o, argc, argv))
		return 0;
	if (pipeline_init(&pl, &o)) {
		opts_free(&o);
		return 0;
	}
	pl.boot_to_real = 1700000000000000000ll - 1000000000ll;	/* as in tests/unit/stream.h */
	for (int i = 0; i < pl.nsinks; i++)
		pl.sinks[i].boot_to_real = pl.boot_to_real;
	while (f.n) {
		uint8_t ctl = fin_u8(&f);

		if (ctl & 0x80) {
			size_t got;
			const uint8_t *p = fin_bytes(&f, fin_u8(&f) * 4u, &got);

			feed(&pl, p, got);
		} else {
			build(&f, &rb, ctl, &ts);
			feed(&pl, rb.buf, rb.len);
		}
	}
	pipeline_close(&pl);
	opts_free(&o);
	return 0;
}
