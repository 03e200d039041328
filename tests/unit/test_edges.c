// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_edges.c: records at the edges (exit before entry, huge times, no arguments) through every sink. */
/*
 * Times come from strace logs, raw records and fuzzers as well as from the kernel: a record whose
 * exit precedes its entry, or whose times are near 2^63 or 2^64, must print sensibly and never
 * overflow (issue 9, item 12: run these under SAN="-fsanitize=address,undefined").  Empty
 * buffers (a call without arguments, an sbuf never written) must not reach memcpy as NULL.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "unit.h"
#include "backend.h"
#include "clock.h"
#include "pipeline.h"
#include "json_value.h"
#include "render.h"

static struct ut u;

struct feed {
	struct pipeline pl;
	struct opts o;
	struct recbuf rb;
};

static void rec(struct feed *f, int type, long nr, uint64_t t0, uint64_t t1, int64_t ret)
{
	struct hy_rec r = { .type = type, .pid = 100, .tid = 100, .nr = (int)nr, .ts_enter = t0,
			    .ts_exit = t1, .ret = ret };

	snprintf(r.comm, sizeof(r.comm), "prog");
	rb_begin(&f->rb, &r);
	pipeline_feed(&f->pl, f->rb.buf, f->rb.len);
}

/* The edge records: a call without arguments first (nothing rendered yet), then bad times. */
static void edges(struct feed *f)
{
	rec(f, HY_REC_SYSCALL, SYS_getpid, 1000, 2000, 100);
	rec(f, HY_REC_SYSCALL, SYS_getppid, 5000, 3000, 1);		/* exit before entry */
	rec(f, HY_REC_SYSCALL, SYS_getuid, INT64_MAX, UINT64_MAX, 0);	/* past 2^63 */
	rec(f, HY_REC_SYSCALL, SYS_getgid, UINT64_MAX, UINT64_MAX, 0);
	rec(f, HY_REC_SYSCALL, SYS_sync, (uint64_t)INT64_MAX + 1, 1, 0);
	rec(f, HY_REC_SYSCALL, SYS_getpid, 1, 0, 100);			/* no exit time */
}

/* Run the edge records through hytrace ARGS... -o path; 0 or the pipeline's error. */
static int run(const char *path, int64_t boot_to_real, const char *a1, const char *a2,
	       const char *a3)
{
	static struct feed f;
	char *argv[10];
	int argc = 0, err;

	argv[argc++] = "hytrace";
	if (a1)
		argv[argc++] = (char *)a1;
	if (a2)
		argv[argc++] = (char *)a2;
	if (a3)
		argv[argc++] = (char *)a3;
	argv[argc++] = "-o";
	argv[argc++] = (char *)path;
	argv[argc++] = "prog";
	argv[argc] = NULL;
	memset(&f, 0, sizeof(f));
	optind = 1;
	if (opts_parse(&f.o, argc, argv))
		return -1;
	if (pipeline_init(&f.pl, &f.o))
		return -1;
	f.pl.boot_to_real = boot_to_real;
	for (int i = 0; i < f.pl.nsinks; i++)
		f.pl.sinks[i].boot_to_real = boot_to_real;
	edges(&f);
	err = pipeline_close(&f.pl);
	rb_free(&f.rb);
	opts_free(&f.o);
	return err;
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "re");
	char *buf;
	size_t len;

	if (!fp)
		return NULL;
	buf = calloc(1, 1 << 20);
	len = buf ? fread(buf, 1, (1 << 20) - 1, fp) : 0;
	fclose(fp);
	if (buf)
		buf[len] = '\0';
	return buf;
}

static char dir[] = "/tmp/hyt-edges.XXXXXX";

/* The output of a run, or "" when it failed (a failed check says so). */
static char *out(const char *name, int64_t b2r, const char *a1, const char *a2, const char *a3)
{
	char path[64];
	char *s;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (run(path, b2r, a1, a2, a3)) {
		ut_fail(name);
		return strdup("");
	}
	s = slurp(path);
	if (getenv("HYT_KEEP"))
		fprintf(stderr, "--- %s\n%s", name, s ? s : "");
	unlink(path);
	return s ? s : strdup("");
}

static bool has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static void t_clock(void)
{
	UT_CHECK("ts_shift plain", ts_shift(1000, 5) == 1005);
	UT_CHECK("ts_shift back", ts_shift(1000, -5) == 995);
	UT_CHECK("ts_shift before boot wraps back", ts_shift((uint64_t)-5, 1000) == 995);
	UT_CHECK("ts_shift before the epoch is negative", ts_shift(5, -1000) == -995);
	UT_CHECK("ts_shift huge, no overflow", ts_shift(UINT64_MAX, INT64_MAX) == INT64_MAX - 1);
	UT_CHECK("ts_shift INT64_MIN", ts_shift(0, INT64_MIN) == INT64_MIN);
}

static void t_sbuf(void)
{
	struct sbuf a = { 0 }, b = { 0 };

	sb_putn(&a, b.s, b.len);	/* an empty buffer's NULL, length 0 */
	UT_CHECK("sb_putn NULL, 0: an empty string", a.s && a.len == 0 && !a.s[0]);
	sb_putn(&a, "xy", 2);
	sb_putn(&a, NULL, 0);
	UT_EXPECT("sb_putn NULL, 0 after text", a.s, "xy");
	sb_free(&a);
}

/* The printf-free appenders write what the printf formats they replace write (issue 10). */
static void t_sbuf_numbers(void)
{
	static const uint64_t vals[] = {
		0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12345, 99999, 100000, 123456, 999999,
		1000000, 4294967295u, 4294967296u, 9999999999999999999u, INT64_MAX,
		(uint64_t)INT64_MAX + 1, UINT64_MAX, UINT64_MAX - 1, (uint64_t)-1000, (uint64_t)-100,
		(uint64_t)-99, (uint64_t)-10, (uint64_t)-9, 0xdeadbeef, 0x10, 0xf,
	};
	struct sbuf a = { 0 };
	char want[256], name[96];
	unsigned int bad = 0, first = 0;

	for (unsigned int k = 0; k < sizeof(vals) / sizeof(vals[0]); k++) {
		uint64_t v = vals[k];
		int64_t i = (int64_t)v;

		sb_reset(&a);
		sb_putu(&a, v);
		sb_putc(&a, ' ');
		sb_puti(&a, i);
		sb_putc(&a, ' ');
		sb_putx(&a, v);
		sb_putc(&a, '|');
		sb_puti_pad(&a, (int)i, 5, 0);
		sb_putc(&a, '|');
		sb_puti_pad(&a, (int)i, 5, 1);
		sb_putc(&a, '|');
		sb_puti_pad(&a, i, 6, 0);
		sb_putc(&a, '|');
		sb_putu_zero(&a, v % 1000000, 6);
		sb_putc(&a, '|');
		sb_putu_zero(&a, v, 6);
		snprintf(want, sizeof(want), "%" PRIu64 " %" PRId64 " %#" PRIx64 "|%5d|%-5d|%6" PRId64
			 "|%06" PRIu64 "|%06" PRIu64, v, i, v, (int)i, (int)i, i, v % 1000000, v);
		if (strcmp(a.s, want) || a.len != strlen(want)) {
			if (!bad++)
				first = k;
		}
	}
	snprintf(name, sizeof(name), "sb_put* as printf (%u of %zu differ, first #%u)", bad,
		 sizeof(vals) / sizeof(vals[0]), first);
	UT_CHECK(name, !bad);
	sb_reset(&a);
	for (unsigned int k = 0; k < 1000; k++)	/* growth from empty, inside appenders */
		sb_putu(&a, UINT64_MAX);
	UT_CHECK("sb_putu grows the buffer", a.len == 20000 && !a.s[a.len]);
	sb_free(&a);
}

/* Quoting, whose plain bytes now go through a table (issue 10): runs cut by every kind of byte. */
static void t_quoting(void)
{
	static const struct {
		const char *in, *esc;
		int xflag;
		const char *text, *json;
	} c[] = {
		{ "<a>", "<>", 0, "\"\\74a\\76\"", "\"<a>\"" },
		{ "x<", "<>", 0, "\"x\\74\"", "\"x<\"" },
		{ "\\\\", NULL, 0, "\"\\\\\\\\\"", "\"\\\\\\\\\"" },
		{ "ab\0017c", NULL, 0, "\"ab\\0017c\"", "\"ab\\u00017c\"" },
		{ "\377\3770", NULL, 0, "\"\\377\\3770\"", "\"\\udcff\\udcff0\"" },
		{ "\n\t\r\v\f\b", NULL, 0, "\"\\n\\t\\r\\v\\f\\10\"", "\"\\n\\t\\r\\u000b\\f\\b\"" },
		{ "caf\xc3\xa9 \xed\xa0\x80 <>\x7f", "<>", 0,
		  "\"caf\\303\\251 \\355\\240\\200 \\74\\76\\177\"",
		  "\"caf\xc3\xa9 \\udced\\udca0\\udc80 <>\\u007f\"" },
		{ "caf\xc3\xa9 <", NULL, 1, "\"\\x63\\x61\\x66\\xc3\\xa9\\x20\\x3c\"", NULL },
		{ "end\001", NULL, 0, "\"end\\1\"", "\"end\\u0001\"" },
		{ "a\"b", NULL, 0, "\"a\\\"b\"", "\"a\\\"b\"" },
	};
	struct sbuf a = { 0 };

	for (unsigned int k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		sb_reset(&a);
		render_quoted(&a, c[k].in, strlen(c[k].in), c[k].xflag, c[k].esc, 1);
		UT_EXPECT(c[k].text, a.s, c[k].text);
		if (!c[k].json)
			continue;
		sb_reset(&a);
		json_string(&a, c[k].in, strlen(c[k].in));
		UT_EXPECT(c[k].json, a.s, c[k].json);
	}
	sb_free(&a);
}

static void t_text(void)
{
	const int64_t b2r = 1700000000000000000ll;
	char *s;

	s = out("T", b2r, "-T", NULL, NULL);
	UT_CHECK("text -T: a call without arguments", has(s, "= 100 <0.000001>\n"));
	UT_CHECK("text -T: exit before entry is no time, not 2^64", has(s, "= 1 <0.000000>\n"));
	UT_CHECK("text -T: huge times", has(s, "= 0 <9223372036.854775>\n") &&
		 has(s, "= 0 <0.000000>\n"));
	UT_CHECK("text -T: no exit time, no <>", has(s, "= 100\n"));
	free(s);
	s = out("ttt", b2r, "-ttt", NULL, NULL);
	UT_CHECK("text -ttt: the first time", has(s, "1700000000.000001 getpid()"));
	UT_CHECK("text -ttt: huge times print", has(s, " getuid()") && has(s, " sync()"));
	free(s);
	s = out("tt", INT64_MAX, "-tt", "-r", NULL);
	UT_CHECK("text -tt -r at the end of time", has(s, " getgid()") && has(s, " sync()"));
	free(s);
	s = out("before-epoch", -b2r, "-ttt", NULL, NULL);
	UT_CHECK("text -ttt before the epoch: the epoch", has(s, "0.000000 getppid()"));
	free(s);
}

static void t_structured(void)
{
	char *s;

	s = out("json", 1700000000000000000ll, "--format=json", NULL, NULL);
	UT_CHECK("json: a call without arguments", has(s, "\"ts\":1700000000000001000,"));
	UT_CHECK("json: exit before entry has no dur", has(s, "\"syscall\":\"getppid\"") &&
		 !has(s, "\"dur\":18446744073709"));
	UT_CHECK("json: huge times", has(s, "\"syscall\":\"getgid\"") && has(s, "\"syscall\":\"sync\""));
	free(s);
	s = out("json-max", INT64_MAX, "--format=json", NULL, NULL);
	UT_CHECK("json: times past INT64_MAX wrap, no overflow", has(s, "\"syscall\":\"sync\""));
	free(s);
	s = out("tef", INT64_MAX, "--format=tef", NULL, NULL);
	UT_CHECK("tef: every call", has(s, "\"getppid\"") && has(s, "\"sync\""));
	free(s);
	s = out("pf", INT64_MAX, "--format=perfetto", NULL, NULL);
	UT_CHECK("perfetto: written", has(s, "getppid") || s[0]);
	free(s);
	s = out("c", 0, "-c", NULL, NULL);
	UT_CHECK("-c: every call counted", has(s, "getppid") && has(s, "sync") && has(s, "total"));
	free(s);
}

/* -- random records: every type, lying lengths, random numbers and times ---------------------- */

static uint64_t rnd_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)	/* xorshift64: the same stream on every run */
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* A number that is often at an edge: 0, 1, -1, 2^63 +- 1, small, or anything. */
static uint64_t rnd_edge(void)
{
	static const uint64_t edge[] = { 0, 1, UINT64_MAX, INT64_MAX, (uint64_t)INT64_MAX + 1,
					 4096, 1000000000 };

	switch (rnd() % 4) {
	case 0: return edge[rnd() % (sizeof(edge) / sizeof(edge[0]))];
	case 1: return rnd() % 64;
	case 2: return rnd() % 100000000000ull;
	default: return rnd();
	}
}

static void random_records(struct feed *f, unsigned int n)
{
	static char data[300];

	for (unsigned int i = 0; i < n; i++) {
		struct hy_rec r = { .type = 1 + (int)(rnd() % 9), .pid = 100 + (int)(rnd() % 4),
				    .nr = (int)(rnd() % 500), .ts_enter = rnd_edge(),
				    .ts_exit = rnd_edge(), .flags = (uint32_t)rnd() & 0xff,
				    .ret = (int64_t)rnd_edge() };

		if (r.type == HY_REC_LOST)	/* each says so on stderr: tested elsewhere */
			r.type = HY_REC_SYSCALL;
		r.tid = r.pid + (int)(rnd() % 2);
		for (int a = 0; a < 6; a++)
			r.args[a] = rnd_edge();
		if (rnd() % 2)
			snprintf(r.comm, sizeof(r.comm), "c%u", (unsigned int)(rnd() % 5));
		rb_begin(&f->rb, &r);
		for (unsigned int b = rnd() % 4; b; b--) {
			uint32_t len = (uint32_t)(rnd() % sizeof(data));
			void *p;

			for (uint32_t k = 0; k < len; k++)
				data[k] = (char)rnd();
			p = rb_blob(&f->rb, (int)(rnd() % 9), 1 + (int)(rnd() % 2), (int)(rnd() % 3),
				    rnd_edge(), len);
			if (!p)
				break;
			memcpy(p, data, len);
			rb_blob_done(&f->rb, len, rnd() % 8 ? 0 : -14, (uint32_t)rnd() & 0x3f);
		}
		pipeline_feed(&f->pl, f->rb.buf, f->rb.len);
	}
}

/* Each format on the same random stream: it must end without error (and, under SAN=, clean). */
static void t_random(void)
{
	static const char *const fmts[][3] = {
		{ "-tt", "-T", "-yy" }, { "-ttt", "-r", "-x" }, { "--format=json", "-T", NULL },
		{ "--format=tef", NULL, NULL }, { "--format=perfetto", NULL, NULL },
		{ "-c", NULL, NULL }, { "-C", "-j", NULL }, { "-ff", "-xx", "-v" },
	};
	static struct feed f;

	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		char path[64], name[64];
		char *argv[10];
		int argc = 0;

		snprintf(path, sizeof(path), "%s/random", dir);
		snprintf(name, sizeof(name), "random records, %s %s %s", fmts[i][0],
			 fmts[i][1] ? fmts[i][1] : "", fmts[i][2] ? fmts[i][2] : "");
		argv[argc++] = "hytrace";
		argv[argc++] = "-f";
		for (int k = 0; k < 3 && fmts[i][k]; k++)
			argv[argc++] = (char *)fmts[i][k];
		argv[argc++] = "-o";
		argv[argc++] = path;
		argv[argc++] = "prog";
		argv[argc] = NULL;
		memset(&f, 0, sizeof(f));
		optind = 1;
		if (opts_parse(&f.o, argc, argv) || pipeline_init(&f.pl, &f.o)) {
			ut_fail(name);
			continue;
		}
		/* HYT_RANDOM=SEED: another stream, ten times longer (a longer search by hand) */
		const char *seed = getenv("HYT_RANDOM");

		rnd_state = (seed ? strtoull(seed, NULL, 0) << 8 : 0x9e3779b97f4a7c15ull) + i + 1;
		random_records(&f, seed ? 30000 : 3000);
		UT_CHECK(name, !pipeline_close(&f.pl));
		rb_free(&f.rb);
		opts_free(&f.o);
		unlink(path);
		for (int t = 100; t < 105; t++) {	/* -ff */
			char p2[80];

			snprintf(p2, sizeof(p2), "%s.%d", path, t);
			unlink(p2);
		}
	}
}

static const struct ut_case cases[] = {
	{ "clock", t_clock }, { "sbuf", t_sbuf }, { "sbuf_numbers", t_sbuf_numbers }, { "quoting", t_quoting }, { "text", t_text }, { "structured", t_structured },
	{ "random", t_random }, { NULL }
};

int main(int argc, char **argv)
{
	int ret;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	ret = ut_main(argc, argv, cases);
	rmdir(dir);
	ut_done(&u);
	return ret;
}
