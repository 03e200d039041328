// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_functrack.c: --func records through the pipeline's call tracking (issue 13). */
/*
 * Function records built by hand as a backend sends them (ids from a table filled here, as the
 * eBPF backend fills it); a recording sink in place of the text sink writes one line per event:
 * "E name depth flags" / "X name depth flags dur".  Checked: nesting and depth, leaves, a
 * longjmp's made-up returns (by stack pointer), exits left open at the end or at thread exit,
 * an exit without its entry, --func-depth, --func-min-time, --func-args, and syscalls between.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "unit.h"
#include "backend.h"
#include "pipeline.h"

static char out[8192];
static size_t outlen;

static void put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void put(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	outlen += vsnprintf(out + outlen, sizeof(out) - outlen, fmt, ap);
	va_end(ap);
}

static void rec_func(struct sink *s, const struct func_event *fe, struct task *t)
{
	(void)s;
	if (fe->kind == FUNC_EV_ENTRY)
		put("E %s %u %x%s", fe->fn->name, fe->depth, fe->flags,
		    t->func_depth == fe->depth + 1 ? "" : " BADDEPTH");
	else
		put("X %s %u %x %llu%s", fe->fn->name, fe->depth, fe->flags,
		    (unsigned long long)(fe->ts - fe->ts_entry),
		    t->func_depth == fe->depth ? "" : " BADDEPTH");
	if (fe->flags & FUNC_EVF_ARGS)
		put(" a=%llu,%llu", (unsigned long long)fe->args[0], (unsigned long long)fe->args[1]);
	if (fe->flags & FUNC_EVF_RET)
		put(" r=%lld", (long long)fe->ret);
	put("\n");
}

static void rec_syscall(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	(void)s;
	(void)d;
	put("S %d %u\n", ev->r.nr, t->func_depth);
}

static void rec_process(struct sink *s, const struct event *ev, struct task *t)
{
	(void)s;
	(void)t;
	if (ev->r.type == HY_REC_EXIT)
		put("exit %u\n", ev->r.tid);
}

static int rec_open(struct sink *s) { (void)s; return 0; }
static int rec_close(struct sink *s) { (void)s; return 0; }

static const struct sink_ops rec_ops = {
	.name = "rec", .open = rec_open, .close = rec_close, .func = rec_func,
	.syscall = rec_syscall, .process = rec_process,
};

static struct pipeline pl;
static struct opts o;
static uint32_t id_f, id_g, id_h;

/* A pipeline with --func=. and args, the recording sink in the text sink's place. */
static void start(const char *const *args)
{
	char *argv[16];
	int argc = 0;

	argv[argc++] = "hytrace";
	argv[argc++] = "--func=.";
	for (int i = 0; args && args[i]; i++)
		argv[argc++] = (char *)args[i];
	argv[argc++] = "prog";
	argv[argc] = NULL;
	memset(&o, 0, sizeof(o));
	optind = 1;
	outlen = 0;
	out[0] = '\0';
	if (opts_parse(&o, argc, argv) || pipeline_init(&pl, &o)) {
		ut_fail("pipeline set-up");
		exit(1);
	}
	pl.sinks[0].ops->close(&pl.sinks[0]);
	pl.sinks[0].ops = &rec_ops;
	id_f = funcs_add(pl.funcs, "f", "/bin/prog", 0x1000, 16)->id;
	id_g = funcs_add(pl.funcs, "g", "/bin/prog", 0x1100, 16)->id;
	id_h = funcs_add(pl.funcs, "h", "/lib/libx.so", 0x2000, 16)->id;
}

static void finish(void)
{
	pipeline_close(&pl);
	opts_free(&o);
}

/* entry (x false) or exit of fid on tid at ts with stack pointer sp; n values v */
static void fr(uint32_t tid, bool x, uint32_t fid, uint64_t ts, uint64_t sp, int n, uint64_t v0,
	       uint64_t v1)
{
	union hy_func_rec r = { .h = {
		.type = x ? HY_REC_FUNC_EXIT : HY_REC_FUNC_ENTRY, .nval = (uint16_t)n,
		.size = (uint32_t)(sizeof(struct hy_func) + 8 * n), .pid = 100, .tid = tid,
		.ts = ts, .addr = 0x555500001000ull + fid * 0x100, .sp = sp, .fid = fid } };

	r.h.v[0] = v0;
	r.h.v[1] = v1;
	pipeline_feed(&pl, &r, r.h.size);
}

static void sc(uint32_t tid, long nr, uint64_t ts)
{
	struct hy_rec r = { .type = HY_REC_SYSCALL, .size = sizeof(r), .pid = 100, .tid = tid,
			    .ts_enter = ts, .ts_exit = ts + 1, .nr = (int32_t)nr };

	pipeline_feed(&pl, &r, sizeof(r));
}

static void texit(uint32_t tid, uint64_t ts)
{
	struct hy_rec r = { .type = HY_REC_EXIT, .size = sizeof(r), .pid = 100, .tid = tid,
			    .ts_enter = ts };

	pipeline_feed(&pl, &r, sizeof(r));
}

#define E(tid, fid, ts, sp) fr(tid, false, fid, ts, sp, 0, 0, 0)
#define X(tid, fid, ts, sp) fr(tid, true, fid, ts, sp, 0, 0, 0)

UT_TEST(nesting)
{
	start(NULL);
	E(100, id_f, 10, 0x7000);
	E(100, id_g, 20, 0x6f00);
	sc(100, SYS_getpid, 25);
	X(100, id_g, 30, 0x6f08);
	E(100, id_h, 40, 0x6f00);
	X(100, id_h, 45, 0x6f08);
	X(100, id_f, 50, 0x7008);
	finish();
	UT_EXPECT("f > g (a syscall inside) and a leaf h", out,
		  "E f 0 0\nE g 1 0\nS 39 2\nX g 1 0 10\nE h 1 8\nX h 1 8 5\nX f 0 0 40\n");
}

UT_TEST(longjmp)
{
	start(NULL);
	E(100, id_f, 10, 0x7000);
	E(100, id_g, 20, 0x6f00);
	E(100, id_h, 30, 0x6e00);
	/* a longjmp back into f, which returns: g and h never did */
	X(100, id_f, 50, 0x7008);
	E(100, id_g, 60, 0x7000);	/* a sibling at f's old sp */
	X(100, id_g, 70, 0x7008);
	finish();
	UT_EXPECT("made-up returns at f's exit, then a new call", out,
		  "E f 0 0\nE g 1 0\nE h 2 8\nX h 2 c 20\nX g 1 4 30\nX f 0 0 40\n"
		  "E g 0 8\nX g 0 8 10\n");
}

UT_TEST(longjmp_entry)
{
	start(NULL);
	E(100, id_f, 10, 0x7000);
	E(100, id_g, 20, 0x6f00);
	/* a longjmp to main, which calls h at f's level: f and g are over */
	E(100, id_h, 30, 0x7000);
	X(100, id_h, 40, 0x7008);
	finish();
	UT_EXPECT("an entry at or above open frames closes them", out,
		  "E f 0 0\nE g 1 8\nX g 1 c 10\nX f 0 4 20\nE h 0 8\nX h 0 8 10\n");
}

UT_TEST(open_at_end)
{
	start(NULL);
	E(100, id_f, 10, 0x7000);
	E(101, id_g, 12, 0x9000);
	E(100, id_g, 20, 0x6f00);
	texit(101, 30);
	finish();
	UT_CHECK("a thread's exit closes its calls first",
		 strstr(out, "E g 0 8\nX g 0 c 18\nexit 101\n") != NULL);
	UT_CHECK("the end of the trace closes the rest at their last record",
		 strstr(out, "E f 0 0\nE g 0 8\nX g 0 c 18\nexit 101\nE g 1 8\nX g 1 c 0\n"
			     "X f 0 4 10\n") != NULL);
}

UT_TEST(unmatched_exit)
{
	start(NULL);
	X(100, id_f, 10, 0x7008);	/* entered before the trace began */
	E(100, id_g, 20, 0x6f00);
	X(100, id_g, 30, 0x6f08);
	finish();
	UT_EXPECT("the exit without its entry is dropped", out, "E g 0 8\nX g 0 8 10\n");
	UT_CHECK("and counted", pl.func_unmatched == 1);
}

UT_TEST(depth_limit)
{
	static const char *const a[] = { "--func-depth=1", NULL };

	start(a);
	E(100, id_f, 10, 0x7000);
	E(100, id_g, 20, 0x6f00);
	sc(100, SYS_getpid, 25);
	X(100, id_g, 30, 0x6f08);
	X(100, id_f, 50, 0x7008);
	finish();
	UT_EXPECT("only the outermost call; the syscall at depth 1", out,
		  "E f 0 0\nS 39 1\nX f 0 0 40\n");
}

UT_TEST(min_time)
{
	static const char *const a[] = { "--func-min-time=15ns", NULL };

	start(a);
	E(100, id_f, 10, 0x7000);
	E(100, id_g, 20, 0x6f00);	/* 5 ns: dropped */
	X(100, id_g, 25, 0x6f08);
	E(100, id_h, 30, 0x6f00);	/* 20 ns: shown, f with it */
	X(100, id_h, 50, 0x6f08);
	E(100, id_g, 60, 0x6f00);	/* short, but made a syscall: shown */
	sc(100, SYS_getpid, 61);
	X(100, id_g, 62, 0x6f08);
	X(100, id_f, 70, 0x7008);
	E(100, id_g, 80, 0x7000);	/* short, alone: dropped */
	X(100, id_g, 81, 0x7008);
	finish();
	UT_EXPECT("short calls dropped, long ones and their callers kept", out,
		  "E f 0 0\nE h 1 8\nX h 1 8 20\nE g 1 0\nS 39 2\nX g 1 0 2\nX f 0 0 60\n");
	UT_CHECK("the dropped calls counted", pl.func_short == 2);
}

UT_TEST(args)
{
	static const char *const a[] = { "--func-args", NULL };

	start(a);
	fr(100, false, id_f, 10, 0x7000, 2, 7, 8);
	fr(100, true, id_f, 20, 0x7008, 1, (uint64_t)-1, 0);
	finish();
	UT_EXPECT("arguments at entry, the return value at exit", out,
		  "E f 0 9 a=7,8\nX f 0 a 10 r=-1\n");
}

UT_TEST(malformed)
{
	start(NULL);
	struct hy_func h = { .type = HY_REC_FUNC_ENTRY, .nval = 9, .size = 48 + 72, .pid = 100,
			     .tid = 100, .fid = 0 };
	uint8_t buf[256] = { 0 };

	memcpy(buf, &h, sizeof(h));
	pipeline_feed(&pl, buf, sizeof(buf));	/* too many values */
	h.nval = 0;
	h.size = 40;
	memcpy(buf, &h, sizeof(h));
	pipeline_feed(&pl, buf, 48);		/* size below the header */
	h.size = 48;
	h.fid = 77;				/* no such function */
	memcpy(buf, &h, sizeof(h));
	pipeline_feed(&pl, buf, 48);
	finish();
	UT_EXPECT("malformed and unknown records are skipped", out, "");
	UT_CHECK("the unknown id counted", pl.func_unnamed == 1);
}

/* The text sink's tree (sink_text.c) for the session of the nesting case, with args. */
UT_TEST(text)
{
	static const char *const a[] = { "--func-args", "-o", "/dev/null", NULL };
	char path[] = "/tmp/hyt-functext.XXXXXX", buf[1024];
	int fd = mkstemp(path);

	close(fd);
	start(a);
	/* the text sink again, writing to path */
	pl.sinks[0].ops = sink_format_find("text");
	o.outfile = path;
	if (pl.sinks[0].ops->open(&pl.sinks[0]))
		ut_fail("text sink");
	fr(100, false, id_f, 10, 0x7000, 2, 10, 0x7ffd1234);
	E(100, id_g, 20, 0x6f00);
	sc(100, SYS_getppid, 25);
	fr(100, true, id_g, 1030, 0x6f08, 1, (uint64_t)-1, 0);
	fr(100, false, id_h, 1040, 0x6f00, 1, 3, 0);
	fr(100, true, id_h, 1290, 0x6f08, 1, 6, 0);
	E(100, id_g, 2000, 0x6f00);
	finish();	/* g never returns: made up at the end */
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	buf[n] = '\0';
	if (f)
		fclose(f);
	unlink(path);
	UT_EXPECT("the tree, the syscall indented, a leaf on one line, a made-up return", buf,
		  "f(10, 0x7ffd1234) {\n"
		  "  g() {\n"
		  "    getppid()                           = 0\n"
		  "  } = -1 /* g 1.010 us */\n"
		  "  h(3) = 6; /* 0.250 us */\n"
		  "  g(); /* 0.000 us, no return seen */\n"
		  "} /* f 1.990 us, no return seen */\n");
}

static const struct ut_case cases[] = {
	UT_ENTRY(nesting), UT_ENTRY(longjmp), UT_ENTRY(longjmp_entry), UT_ENTRY(open_at_end),
	UT_ENTRY(unmatched_exit), UT_ENTRY(depth_limit), UT_ENTRY(min_time), UT_ENTRY(args),
	UT_ENTRY(malformed), UT_ENTRY(text), { NULL, NULL },
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
