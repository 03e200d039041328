// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_perfetto.c: the protobuf writer, and the perfetto sink on a fixed event stream (golden). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "backend.h"
#include "pipeline.h"
#include "protobuf.h"
#include "unit.h"

/* Hex of the writer's bytes, for comparison with the encoding worked out by hand. */
static const char *hex(const struct pb *pb)
{
	static char buf[4096];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < pb->len && n + 4 < sizeof(buf); i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%02x", i ? " " : "", pb->buf[i]);
	return pb->err ? "error" : buf;
}

static void test_writer(void)
{
	struct pb pb = { 0 };
	char name[64];
	static const struct { uint64_t v; const char *want; } vi[] = {
		{ 0, "00" }, { 1, "01" }, { 127, "7f" }, { 128, "80 01" }, { 300, "ac 02" },
		{ 16383, "ff 7f" }, { 16384, "80 80 01" },
		{ UINT64_MAX, "ff ff ff ff ff ff ff ff ff 01" },
	};

	for (size_t i = 0; i < sizeof(vi) / sizeof(vi[0]); i++) {
		pb_reset(&pb);
		pb_varint(&pb, vi[i].v);
		snprintf(name, sizeof(name), "varint %llu", (unsigned long long)vi[i].v);
		UT_EXPECT(name, hex(&pb), vi[i].want);
		UT_EXPECT("varint size", pb_varint_size(vi[i].v) == pb.len ? "same" : "differs", "same");
	}
	/* protobuf.dev encoding guide: zigzag 0 -> 0, -1 -> 1, 1 -> 2, -2 -> 3 */
	UT_EXPECT("zigzag", pb_zigzag(0) == 0 && pb_zigzag(-1) == 1 && pb_zigzag(1) == 2 &&
		  pb_zigzag(-2) == 3 && pb_zigzag(INT64_MIN) == UINT64_MAX ? "ok" : "wrong", "ok");

	pb_reset(&pb);
	pb_uint(&pb, 1, 150);	/* the guide's first example: 08 96 01 */
	UT_EXPECT("field 1 = 150", hex(&pb), "08 96 01");
	pb_reset(&pb);
	pb_int(&pb, 4, -1);	/* int64: ten bytes */
	UT_EXPECT("int64 -1", hex(&pb), "20 ff ff ff ff ff ff ff ff ff 01");
	pb_reset(&pb);
	pb_sint(&pb, 4, -1);
	UT_EXPECT("sint64 -1", hex(&pb), "20 01");
	pb_reset(&pb);
	pb_string(&pb, 2, "testing");	/* the guide: 12 07 74 65 73 74 69 6e 67 */
	UT_EXPECT("string", hex(&pb), "12 07 74 65 73 74 69 6e 67");
	pb_reset(&pb);
	pb_fixed64(&pb, 1, 0x0102030405060708ull);
	UT_EXPECT("fixed64", hex(&pb), "09 08 07 06 05 04 03 02 01");
	pb_reset(&pb);
	pb_fixed32(&pb, 2, 0x01020304);
	UT_EXPECT("fixed32", hex(&pb), "15 04 03 02 01");
	pb_reset(&pb);
	pb_uint(&pb, 58, 6);	/* a two-byte tag: 58 << 3 = 464 */
	UT_EXPECT("tag 58", hex(&pb), "d0 03 06");

	/* nested: the guide's message 3 { 1: 150 } = 1a 03 08 96 01 */
	pb_reset(&pb);
	pb_begin(&pb, 3);
	pb_uint(&pb, 1, 150);
	pb_end(&pb);
	UT_EXPECT("nested", hex(&pb), "1a 03 08 96 01");
	pb_reset(&pb);
	pb_begin(&pb, 1);
	pb_end(&pb);
	UT_EXPECT("nested empty", hex(&pb), "0a 00");

	/* a body of 127 bytes keeps the one length byte; 128 moves the body by one */
	char big[300];

	memset(big, 'a', sizeof(big));
	for (int body = 127; body <= 128; body++) {
		pb_reset(&pb);
		pb_begin(&pb, 1);
		pb_bytes(&pb, 2, big, (size_t)body - 2);	/* tag + 1-byte length + data */
		pb_end(&pb);
		snprintf(name, sizeof(name), "nested length %d", body);
		bool good = pb.len == (size_t)(1 + pb_varint_size(body) + body) && pb.buf[0] == 0x0a &&
			    (body < 128 ? pb.buf[1] == 127 : pb.buf[1] == 0x80 && pb.buf[2] == 0x01) &&
			    pb.buf[pb.len - 1] == 'a' && pb.buf[pb.len - body] == 0x12;
		UT_EXPECT(name, good ? "ok" : hex(&pb), "ok");
	}
	/* three levels, the inner one long: every outer length counts the moved bytes */
	pb_reset(&pb);
	pb_begin(&pb, 1);
	pb_begin(&pb, 2);
	pb_begin(&pb, 3);
	pb_bytes(&pb, 4, big, 200);	/* 1 + 2 + 200 = 203 */
	pb_end(&pb);			/* 1 + 2 + 203 = 206 */
	pb_end(&pb);			/* 1 + 2 + 206 = 209 */
	pb_uint(&pb, 5, 1);		/* + 2 = 211 */
	pb_end(&pb);
	bool good = pb.len == 214 && !memcmp(pb.buf, "\x0a\xd3\x01\x12\xce\x01\x1a\xcb\x01\x22\xc8\x01", 12) &&
		    pb.buf[212] == 0x28 && pb.buf[213] == 0x01;
	UT_EXPECT("nested three levels", good ? "ok" : hex(&pb), "ok");
	UT_EXPECT("depth back to 0", pb.depth == 0 ? "ok" : "open", "ok");
	pb_reset(&pb);
	for (int i = 0; i <= PB_MAX_DEPTH; i++)
		pb_begin(&pb, 1);
	UT_EXPECT("too deep is an error", pb.err == -E2BIG ? "ok" : "no error", "ok");
	pb_free(&pb);
}

/* -- the sink on a fixed stream --------------------------------------------- */

struct feed {
	struct recbuf rb;
	struct pipeline *pl;
};

static void rec(struct feed *f, int type, int pid, int tid, int nr, uint64_t t0, uint64_t t1,
		const char *comm, uint32_t flags, const uint64_t *args, int64_t ret)
{
	struct hy_rec r = { .type = (uint16_t)type, .pid = (uint32_t)pid, .tid = (uint32_t)tid,
			    .nr = nr, .ts_enter = t0, .ts_exit = t1, .flags = flags, .ret = ret };

	if (args)
		memcpy(r.args, args, sizeof(r.args));
	snprintf(r.comm, sizeof(r.comm), "%s", comm);
	rb_begin(&f->rb, &r);
}

static void blob(struct feed *f, int arg, int when, const void *data, size_t len, uint32_t flags)
{
	void *p = rb_blob(&f->rb, arg, when, 0, 0x1000 + arg * 0x100, (uint32_t)len);

	memcpy(p, data, len);
	rb_blob_done(&f->rb, (uint32_t)len, 0, flags);
}

static void send(struct feed *f)
{
	pipeline_feed(f->pl, f->rb.buf, f->rb.len);
}

static int read_file(const char *path, char **buf, size_t *len)
{
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return -1;
	*buf = NULL;
	*len = 0;
	char tmp[4096];
	size_t n;

	while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0) {
		*buf = realloc(*buf, *len + n);
		memcpy(*buf + *len, tmp, n);
		*len += n;
	}
	fclose(fp);
	return 0;
}

static void test_golden(void)
{
	const char *dir = getenv("HY_GOLDEN_DIR") ? getenv("HY_GOLDEN_DIR") : "tests/golden/perfetto";
	char out[] = "/tmp/hytrace-perfetto-XXXXXX";
	int fd = mkstemp(out);
	char gold[512];
	struct opts o;
	struct pipeline pl;
	struct feed f = { .pl = &pl };

	if (fd < 0) {
		UT_EXPECT("golden: temporary file", "cannot create", "created");
		return;
	}
	close(fd);
	char *argv[] = { "hytrace", "--format=perfetto", "--logs", "-o", out, "true", NULL };

	if (opts_parse(&o, 6, argv) || pipeline_init(&pl, &o)) {
		UT_EXPECT("golden: sink opens", "failed", "ok");
		return;
	}
	pl.boot_to_real = 1700000000000000000ll;	/* fixed, so the bytes are */
	pl.sinks[0].boot_to_real = pl.boot_to_real;	/* sinks take it at open */

	/* pid 100 opens a file */
	uint64_t a_open[6] = { (uint64_t)-100, 0x1100, 0 };

	rec(&f, HY_REC_SYSCALL, 100, 100, SYS_openat, 1000, 2000, "sh", 0, a_open, 3);
	blob(&f, 1, HY_AT_ENTER, "/etc/hosts", 10, HY_BF_NUL);
	send(&f);
	/* forks 101 */
	uint64_t a_fork[6] = { 101, 101, 100, 100 };

	rec(&f, HY_REC_FORK, 101, 101, 0, 2500, 0, "sh", 0, a_fork, 0);
	send(&f);
	/* 101 blocks in read; meanwhile 100 writes */
	uint64_t a_read[6] = { 0, 0x2000, 64 };

	rec(&f, HY_REC_ENTER, 101, 101, SYS_read, 3000, 0, "sh", 0, a_read, 0);
	send(&f);
	uint64_t a_write[6] = { 1, 0x3000, 3 };

	rec(&f, HY_REC_SYSCALL, 100, 100, SYS_write, 3100, 3200, "sh", 0, a_write, 3);
	blob(&f, 1, HY_AT_ENTER, "hi\n", 3, 0);
	send(&f);
	/* bytes that are not text (an "escaped" dict), text longer than -s ("truncated") */
	uint64_t a_wbin[6] = { 1, 0x3000, 6 };

	rec(&f, HY_REC_SYSCALL, 100, 100, SYS_write, 3300, 3400, "sh", 0, a_wbin, 6);
	blob(&f, 1, HY_AT_ENTER, "\177ELF\0\1", 6, 0);
	send(&f);
	uint64_t a_wlong[6] = { 1, 0x3000, 40 };

	rec(&f, HY_REC_SYSCALL, 100, 100, SYS_write, 3500, 3600, "sh", 0, a_wlong, 40);
	blob(&f, 1, HY_AT_ENTER, "0123456789012345678901234567890123456789", 40, 0);
	send(&f);
	rec(&f, HY_REC_SYSCALL, 101, 101, SYS_read, 3000, 4000, "sh", HY_F_ENTER_SEEN, a_read, 2);
	blob(&f, 1, HY_AT_EXIT, "ok", 2, 0);
	send(&f);
	/* 101 runs /bin/true -x, which fails a stat and exits */
	static const char argv1[] = "/bin/true\0-x";

	rec(&f, HY_REC_EXEC, 101, 101, 0, 4500, 0, "true", 0, a_fork, 0);
	blob(&f, HY_ARG_EXTRA, HY_AT_ENTER, argv1, sizeof(argv1) - 1, 0);
	send(&f);
	uint64_t a_stat[6] = { 0x4000, 0x5000 };

	rec(&f, HY_REC_SYSCALL, 101, 101, SYS_stat, 4600, 4700, "true", 0, a_stat, -2);
	blob(&f, 0, HY_AT_ENTER, "/nonexistent", 12, HY_BF_NUL);
	send(&f);
	uint64_t a_exit[6] = { 1 };

	rec(&f, HY_REC_SYSCALL, 101, 101, SYS_exit_group, 5500, 0, "true", HY_F_NO_EXIT, a_exit, 0);
	send(&f);
	rec(&f, HY_REC_EXIT, 101, 101, 1, 5600, 0, "true", 0, NULL, 0);
	send(&f);
	/* 100 gets SIGCHLD, events are lost, and it waits until tracing stops */
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGCHLD;
	si.si_code = CLD_EXITED;
	si.si_pid = 101;
	si.si_status = 1;
	rec(&f, HY_REC_SIGNAL, 100, 100, SIGCHLD, 5700, 0, "sh", 0, NULL, 0);
	blob(&f, HY_ARG_SIGINFO, HY_AT_ENTER, &si, sizeof(si), 0);
	send(&f);
	uint64_t a_lost[6] = { 3, HY_LOST_RING_FULL };

	rec(&f, HY_REC_LOST, 100, 100, 0, 5800, 0, "sh", 0, a_lost, 0);
	send(&f);
	uint64_t a_wait[6] = { (uint64_t)-1, 0x6000, 0, 0 };

	rec(&f, HY_REC_ENTER, 100, 100, SYS_wait4, 5900, 0, "sh", 0, a_wait, 0);
	send(&f);
	UT_EXPECT("golden: sink closes", pipeline_close(&pl) ? "error" : "ok", "ok");
	rb_free(&f.rb);
	opts_free(&o);

	char *got = NULL, *want = NULL;
	size_t glen = 0, wlen = 0;

	snprintf(gold, sizeof(gold), "%s/small.pftrace", dir);
	if (read_file(out, &got, &glen)) {
		UT_EXPECT("golden: trace written", "missing", "written");
	} else if (getenv("HY_UPDATE_GOLDEN")) {
		FILE *fp = fopen(gold, "wb");

		UT_EXPECT("golden: updated", fp && fwrite(got, 1, glen, fp) == glen && !fclose(fp) ?
			  "ok" : "cannot write", "ok");
	} else if (read_file(gold, &want, &wlen)) {
		printf("# %s missing: run with HY_UPDATE_GOLDEN=1 to create it\n", gold);
		UT_EXPECT("golden: reference", "missing", "present");
	} else {
		size_t at = 0;

		while (at < glen && at < wlen && got[at] == want[at])
			at++;
		if (glen != wlen || at != glen)
			printf("# %s differs from %s at byte %zu (%zu vs %zu bytes); "
			       "compare with protoc --decode_raw\n", out, gold, at, glen, wlen);
		else
			unlink(out);
		UT_EXPECT("golden: bytes equal small.pftrace", glen == wlen && at == glen ? "same" : "differ",
			  "same");
	}
	free(got);
	free(want);
}

static const struct ut_case cases[] = {
	{ "writer", test_writer }, { "golden", test_golden },
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
