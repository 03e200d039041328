// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_fuzzfound.c: what the fuzz targets (tests/fuzz/) found in decoders and sinks, a case each. */
/*
 * Each was undefined behaviour that only UBSan reports (the CI runs these tests under it,
 * .ci/run); each case names the reproducer kept in tests/fuzz/corpus/.
 */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "unit.h"
#include "backend.h"
#include "pipeline.h"

/* records/repro-crash-d5b4dd55...: memcpy(dst, NULL, 0) on an empty sbuf */
static void test_sbuf_empty(void)
{
	struct sbuf a = { 0 }, b = { 0 };

	sb_putn(&a, b.s, b.len);
	UT_EXPECT("sbuf: nothing appended from an empty sbuf", a.s, "");
	sb_free(&a);
}

/* One record (or none) through --format=FMT to a file; the file's contents, malloc'd. */
static char *one_record(const char *fmt, long nr, uint64_t ts)
{
	static struct pipeline pl;
	static struct opts o;
	static struct recbuf rb;
	char path[] = "/tmp/hytrace-unit-XXXXXX", *buf = calloc(1, 4096);
	int fd = mkstemp(path);
	char *argv[] = { "hytrace", (char *)fmt, "-ttt", "-o", path, "prog", NULL };

	if (fd < 0 || !buf)
		abort();
	optind = 1;
	if (opts_parse(&o, 6, argv) || pipeline_init(&pl, &o))
		abort();
	if (nr >= 0) {
		struct hy_rec r = { .type = HY_REC_SYSCALL, .pid = 100, .tid = 100, .nr = (int)nr,
				    .ts_enter = ts, .ts_exit = ts + 1000, .ret = 100 };

		rb_begin(&rb, &r);
		pipeline_feed(&pl, rb.buf, rb.len);
	}
	pipeline_close(&pl);
	opts_free(&o);
	rb_free(&rb);
	if (read(fd, buf, 4095) < 0)
		abort();
	close(fd);
	unlink(path);
	return buf;
}

/* records/repro-crash-bcd9cdb2...: the first line has no arguments: NULL + 0 in sink_text.c */
static void test_text_no_args(void)
{
	char *got = one_record("--format=text", SYS_getpid, 1000);

	UT_CHECK("text: a first call without arguments",
		 strstr(got, " getpid() ") && strstr(got, "= 100\n"));
	free(got);
}

/* records/repro-crash-a979ef10...: qsort(NULL, 0) when perfetto flushes an empty buffer */
static void test_perfetto_empty(void)
{
	char *got = one_record("--format=perfetto", -1, 0);

	UT_CHECK("perfetto: an empty trace is written", got != NULL);
	free(got);
}

/* records/repro-crash-json-ts-overflow: a record time near 2^63 plus the boot-to-real shift */
static void test_time_overflow(void)
{
	static const char *const fmts[] = { "--format=text", "--format=json", "--format=perfetto" };

	for (int i = 0; i < 3; i++) {
		char *got = one_record(fmts[i], SYS_getpid, 0x7ff0000000000000ull);

		UT_CHECK(fmts[i], got != NULL);
		free(got);
	}
}

static const struct ut_case cases[] = {
	{ "sbuf_empty", test_sbuf_empty }, { "text_no_args", test_text_no_args },
	{ "perfetto_empty", test_perfetto_empty }, { "time_overflow", test_time_overflow },
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
