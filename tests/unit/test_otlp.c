// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_otlp.c: the otlp sink on a fixed event stream: OTLP/JSON (golden), batching, limits, errors. */
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include "otlp.h"
#include "pipeline.h"
#include "unit.h"

#define BOOT_TO_REAL 1700000000000000000ll	/* 2023-11-14T22:13:20Z */

/* What the sink posts, kept instead of sent. */
struct capture {
	struct sbuf body[64];
	int n;
	int fail;	/* answer this -errno to every post */
	int calls;
};

static int cap_post(void *ctx, const char *body, size_t len, char *why, size_t whylen)
{
	struct capture *c = ctx;

	c->calls++;
	if (c->fail) {
		snprintf(why, whylen, "HTTP 400 Bad Request");
		return c->fail;
	}
	if (c->n < 64) {
		sb_reset(&c->body[c->n]);
		sb_putn(&c->body[c->n], body, len);
		c->n++;
	}
	return 0;
}

/* ids 01 02 03 ..., so that the output is fixed */
static void seq_random(void *ctx, uint8_t *buf, size_t n)
{
	unsigned int *next = ctx;

	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)(++*next);
}

struct world {
	struct opts o;
	struct tasks ts;	/* empty: the tasks below are the sink's only ones */
	struct sink s;
	struct capture cap;
	unsigned int rnd;
	struct task tasks[4];
	struct recbuf rb;
	struct event ev;
	struct arena ar;
	struct dctx d;
};

static struct task *task(struct world *w, pid_t tid, pid_t pid, const char *comm)
{
	for (int i = 0; i < 4; i++) {
		struct task *t = &w->tasks[i];

		if (t->tid == tid)
			return t;
		if (!t->tid) {
			t->tid = tid;
			t->pid = pid;
			snprintf(t->comm, sizeof(t->comm), "%s", comm);
			return t;
		}
	}
	abort();
}

static void cmdline(struct task *t, const char *argv, size_t len)
{
	free(t->cmdline);
	t->cmdline = malloc(len);
	memcpy(t->cmdline, argv, len);
	t->cmdline_len = len;
}

static void begin(struct world *w, int type, struct task *t, int nr, uint64_t a0, uint64_t a1,
		  uint64_t a2, uint64_t a3, uint64_t ts, uint64_t ts_exit)
{
	struct hy_rec r = { .type = type, .pid = t->pid, .tid = t->tid, .nr = nr,
			    .args = { a0, a1, a2, a3 }, .ts_enter = ts, .ts_exit = ts_exit };

	memcpy(r.comm, t->comm, sizeof(r.comm));
	rb_begin(&w->rb, &r);
}

static void str_blob(struct world *w, int arg, const char *s)
{
	void *p = rb_blob(&w->rb, arg, HY_AT_ENTER, 0, 0x1000, strlen(s));

	memcpy(p, s, strlen(s));
	rb_blob_done(&w->rb, strlen(s), 0, HY_BF_NUL);
}

/* Decode the record under construction and hand it to the sink. */
static void feed(struct world *w, struct task *t, int64_t ret, uint32_t flags)
{
	struct hy_rec *r = rb_rec(&w->rb);

	r->ret = ret;
	r->flags = flags;
	event_parse(&w->ev, w->rb.buf, w->rb.len);
	arena_reset(&w->ar);
	w->d.o = &w->o.d;
	w->d.ar = &w->ar;
	w->d.se = NULL;
	w->d.args = NULL;
	if (r->type == HY_REC_SYSCALL)
		d_decode(&w->d, &w->ev, true);
	else if (r->type == HY_REC_SIGNAL)
		decode_siginfo(&w->d, &w->ev);
	switch (r->type) {
	case HY_REC_SYSCALL:
	case HY_REC_ENTER:
		sink_otlp_ops.syscall(&w->s, &w->ev, &w->d, t);
		break;
	case HY_REC_SIGNAL:
	case HY_REC_SIGSTOP:
		sink_otlp_ops.signal(&w->s, &w->ev, &w->d, t);
		break;
	case HY_REC_LOST:
		sink_otlp_ops.lost(&w->s, &w->ev, t);
		break;
	default:
		sink_otlp_ops.process(&w->s, &w->ev, t);
		break;
	}
}

static int open_world(struct world *w, enum otlp_syscalls sc, struct otlp_cfg *cfg)
{
	memset(w, 0, sizeof(*w));
	w->o.d.strsize = 32;
	w->o.otlp_sc = sc;
	tasks_init(&w->ts);
	w->s.o = &w->o;
	w->s.tasks = &w->ts;
	w->s.boot_to_real = BOOT_TO_REAL;
	w->s.ops = &sink_otlp_ops;
	cfg->post = cap_post;
	cfg->post_ctx = &w->cap;
	if (!cfg->encoding)	/* the checks read JSON bodies; protobuf is checked by its own */
		cfg->encoding = OTLP_ENC_JSON;
	cfg->random = seq_random;
	cfg->random_ctx = &w->rnd;
	cfg->host = "testhost";
	return otlp_sink_open(&w->s, cfg);
}

/*
 * sh (pid 100, "sh -c x") opens a file, forks 101 which calls getpid and a failing close and
 * exits with 3; sh gets SIGCHLD, calls exit_group and is killed by SIGSEGV with a core.
 */
static void run_stream(struct world *w)
{
	static const char argv[] = "sh\0-c\0x";
	struct task *sh = task(w, 100, 100, "sh"), *ch;

	sh->start_ts = 1000;
	cmdline(sh, argv, sizeof(argv));
	begin(w, HY_REC_SYSCALL, sh, SYS_openat, (uint64_t)-100, 0x1000, 0, 0, 1000, 1500);
	str_blob(w, 1, "/etc/hosts");
	feed(w, sh, 3, 0);

	ch = task(w, 101, 101, "sh");
	ch->ppid = 100;
	ch->ptid = 100;
	ch->start_ts = 2000;
	cmdline(ch, argv, sizeof(argv));
	begin(w, HY_REC_FORK, ch, 0, 101, 101, 100, 100, 2000, 0);
	feed(w, ch, 0, 0);
	begin(w, HY_REC_SYSCALL, ch, SYS_getpid, 0, 0, 0, 0, 2100, 2200);
	feed(w, ch, 101, 0);
	begin(w, HY_REC_SYSCALL, ch, SYS_close, 7, 0, 0, 0, 2300, 2400);
	feed(w, ch, -EBADF, 0);
	begin(w, HY_REC_EXIT, ch, 3, 0, 0, 0, 0, 3000, 0);
	feed(w, ch, 0, 0);

	begin(w, HY_REC_SIGNAL, sh, 17 /* SIGCHLD */, 0, 0, 0, 0, 3500, 0);
	feed(w, sh, 0, 0);
	begin(w, HY_REC_SYSCALL, sh, SYS_exit_group, 0, 0, 0, 0, 4000, 0);
	feed(w, sh, 0, HY_F_NO_EXIT);
	begin(w, HY_REC_EXIT, sh, 11 /* SIGSEGV */, 0, 0, 0, 0, 5000, 0);
	feed(w, sh, 0, HY_F_KILLED | HY_F_CORE);
}

static void close_world(struct world *w)
{
	for (int i = 0; i < 4; i++) {
		free(w->tasks[i].cmdline);
		free(w->tasks[i].sink_state[0]);
	}
	for (int i = 0; i < 64; i++)
		sb_free(&w->cap.body[i]);
	rb_free(&w->rb);
	arena_free(&w->ar);
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void expect_int(const char *name, long got, long want)
{
	char g[32], e[32];

	snprintf(g, sizeof(g), "%ld", got);
	snprintf(e, sizeof(e), "%ld", want);
	UT_EXPECT(name, g, e);
}

/* The whole request for the fixed stream, events mode: checked by hand against the OTLP spec. */
static const char golden_events[] =
	"{\"resourceSpans\":[{\"resource\":{\"attributes\":["
	"{\"key\":\"service.name\",\"value\":{\"stringValue\":\"hytrace\"}},"
	"{\"key\":\"host.name\",\"value\":{\"stringValue\":\"testhost\"}},"
	"{\"key\":\"os.type\",\"value\":{\"stringValue\":\"linux\"}},"
	"{\"key\":\"host.arch\",\"value\":{\"stringValue\":\"amd64\"}},"
	"{\"key\":\"telemetry.sdk.name\",\"value\":{\"stringValue\":\"hytrace\"}},{\"key\":\"telemetry.sdk.language\",\"value\":{\"stringValue\":\"c\"}},{\"key\":\"telemetry.sdk.version\",\"value\":{\"stringValue\":\"" HYTRACE_VERSION "\"}}]},"
	"\"scopeSpans\":[{\"scope\":{\"name\":\"hytrace\",\"version\":\"" HYTRACE_VERSION "\"},\"spans\":["
	/* the child: ended first */
	"{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\",\"spanId\":\"191a1b1c1d1e1f20\","
	"\"parentSpanId\":\"1112131415161718\",\"name\":\"sh\",\"kind\":1,"
	"\"startTimeUnixNano\":\"1700000000000002000\",\"endTimeUnixNano\":\"1700000000000003000\","
	"\"attributes\":["
	"{\"key\":\"process.pid\",\"value\":{\"intValue\":\"101\"}},"
	"{\"key\":\"process.parent_pid\",\"value\":{\"intValue\":\"100\"}},"
	"{\"key\":\"process.executable.name\",\"value\":{\"stringValue\":\"sh\"}},"
	"{\"key\":\"process.command\",\"value\":{\"stringValue\":\"sh\"}},"
	"{\"key\":\"process.command_args\",\"value\":{\"arrayValue\":{\"values\":["
	"{\"stringValue\":\"sh\"},{\"stringValue\":\"-c\"},{\"stringValue\":\"x\"}]}}},"
	"{\"key\":\"process.exit.code\",\"value\":{\"intValue\":\"3\"}},"
	"{\"key\":\"hytrace.threads\",\"value\":{\"intValue\":\"1\"}},"
	"{\"key\":\"hytrace.syscalls\",\"value\":{\"intValue\":\"2\"}}],"
	"\"events\":["
	"{\"timeUnixNano\":\"1700000000000002100\",\"name\":\"getpid\",\"attributes\":["
	"{\"key\":\"thread.id\",\"value\":{\"intValue\":\"101\"}},"
	"{\"key\":\"hytrace.syscall.args\",\"value\":{\"stringValue\":\"\"}},"
	"{\"key\":\"hytrace.syscall.result\",\"value\":{\"stringValue\":\"101\"}},"
	"{\"key\":\"hytrace.syscall.ret\",\"value\":{\"intValue\":\"101\"}},"
	"{\"key\":\"hytrace.syscall.duration_ns\",\"value\":{\"intValue\":\"100\"}}]},"
	"{\"timeUnixNano\":\"1700000000000002300\",\"name\":\"close\",\"attributes\":["
	"{\"key\":\"thread.id\",\"value\":{\"intValue\":\"101\"}},"
	"{\"key\":\"hytrace.syscall.args\",\"value\":{\"stringValue\":\"7\"}},"
	"{\"key\":\"hytrace.syscall.result\",\"value\":{\"stringValue\":\"-1 EBADF (Bad file descriptor)\"}},"
	"{\"key\":\"hytrace.syscall.ret\",\"value\":{\"intValue\":\"-1\"}},"
	"{\"key\":\"hytrace.syscall.errno\",\"value\":{\"stringValue\":\"EBADF\"}},"
	"{\"key\":\"hytrace.syscall.duration_ns\",\"value\":{\"intValue\":\"100\"}}]}],"
	"\"status\":{\"code\":2,\"message\":\"exited with 3\"}},"
	/* the parent */
	"{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\",\"spanId\":\"1112131415161718\","
	"\"name\":\"sh\",\"kind\":1,"
	"\"startTimeUnixNano\":\"1700000000000001000\",\"endTimeUnixNano\":\"1700000000000005000\","
	"\"attributes\":["
	"{\"key\":\"process.pid\",\"value\":{\"intValue\":\"100\"}},"
	"{\"key\":\"process.executable.name\",\"value\":{\"stringValue\":\"sh\"}},"
	"{\"key\":\"process.command\",\"value\":{\"stringValue\":\"sh\"}},"
	"{\"key\":\"process.command_args\",\"value\":{\"arrayValue\":{\"values\":["
	"{\"stringValue\":\"sh\"},{\"stringValue\":\"-c\"},{\"stringValue\":\"x\"}]}}},"
	"{\"key\":\"hytrace.exit.signal\",\"value\":{\"stringValue\":\"SIGSEGV\"}},"
	"{\"key\":\"hytrace.core_dumped\",\"value\":{\"boolValue\":true}},"
	"{\"key\":\"hytrace.threads\",\"value\":{\"intValue\":\"1\"}},"
	"{\"key\":\"hytrace.syscalls\",\"value\":{\"intValue\":\"2\"}}],"
	"\"events\":["
	"{\"timeUnixNano\":\"1700000000000001000\",\"name\":\"openat\",\"attributes\":["
	"{\"key\":\"thread.id\",\"value\":{\"intValue\":\"100\"}},"
	"{\"key\":\"hytrace.syscall.args\",\"value\":{\"stringValue\":\"AT_FDCWD, \\\"/etc/hosts\\\", O_RDONLY\"}},"
	"{\"key\":\"hytrace.syscall.result\",\"value\":{\"stringValue\":\"3\"}},"
	"{\"key\":\"hytrace.syscall.ret\",\"value\":{\"intValue\":\"3\"}},"
	"{\"key\":\"hytrace.syscall.duration_ns\",\"value\":{\"intValue\":\"500\"}}]},"
	"{\"timeUnixNano\":\"1700000000000003500\",\"name\":\"SIGCHLD\",\"attributes\":["
	"{\"key\":\"thread.id\",\"value\":{\"intValue\":\"100\"}}]},"
	"{\"timeUnixNano\":\"1700000000000004000\",\"name\":\"exit_group\",\"attributes\":["
	"{\"key\":\"thread.id\",\"value\":{\"intValue\":\"100\"}},"
	"{\"key\":\"hytrace.syscall.args\",\"value\":{\"stringValue\":\"0\"}},"
	"{\"key\":\"hytrace.syscall.result\",\"value\":{\"stringValue\":\"?\"}}]}],"
	"\"status\":{\"code\":2,\"message\":\"killed by SIGSEGV (core dumped)\"}}"
	"]}]}]}";

static void test_golden(void)
{
	struct world w;
	struct otlp_cfg cfg = { 0 };

	unsetenv("OTEL_SERVICE_NAME");
	unsetenv("OTEL_RESOURCE_ATTRIBUTES");
	if (open_world(&w, OTLP_SC_EVENTS, &cfg)) {
		UT_EXPECT("otlp open", "failed", "0");
		return;
	}
	run_stream(&w);
	expect_int("otlp nothing sent before the end (batch not full)", w.cap.calls, 0);
	expect_int("otlp close", sink_otlp_ops.close(&w.s), 0);
	expect_int("otlp one request", w.cap.n, 1);
	UT_EXPECT("otlp golden request (events)", w.cap.n ? w.cap.body[0].s : "", golden_events);
	close_world(&w);
}

static void test_spans(void)
{
	struct world w;
	struct otlp_cfg cfg = { 0 };
	const char *b;

	open_world(&w, OTLP_SC_SPANS, &cfg);
	run_stream(&w);
	sink_otlp_ops.close(&w.s);
	b = w.cap.n ? w.cap.body[0].s : "";
	expect_int("otlp spans: 4 syscall spans + 2 process spans", count(b, "\"spanId\""), 6);
	expect_int("otlp spans: only signals as events", count(b, "\"events\""), 1);
	/* each syscall span is a child of its process span */
	expect_int("otlp spans: children of sh", count(b, "\"parentSpanId\":\"1112131415161718\""), 3);
	expect_int("otlp spans: children of the child", count(b, "\"parentSpanId\":\"2122232425262728\""), 2);
	UT_EXPECT("otlp spans: a syscall span",
		  strstr(b, "\"spanId\":\"292a2b2c2d2e2f30\"") ? "found" : b,
		  "found");
	expect_int("otlp spans: syscall span times",
		   !!strstr(b, "\"name\":\"close\",\"kind\":1,\"startTimeUnixNano\":\"1700000000000002300\","
			       "\"endTimeUnixNano\":\"1700000000000002400\""), 1);
	close_world(&w);
}

static void test_none_batches_limits(void)
{
	struct world w;
	struct otlp_cfg cfg = { .batch_spans = 1 };

	open_world(&w, OTLP_SC_NONE, &cfg);
	run_stream(&w);
	/* each process span goes when the process ends */
	expect_int("otlp batch of 1: a request per ended process", w.cap.n, 2);
	sink_otlp_ops.close(&w.s);
	expect_int("otlp batch of 1: nothing left for the end", w.cap.n, 2);
	expect_int("otlp none: no syscall events", count(w.cap.body[0].s, "hytrace.syscall.args") +
		   count(w.cap.body[1].s, "hytrace.syscall.args"), 0);
	expect_int("otlp none: syscalls still counted",
		   !!strstr(w.cap.body[1].s, "{\"key\":\"hytrace.syscalls\",\"value\":{\"intValue\":\"2\"}}"), 1);
	close_world(&w);

	struct otlp_cfg lim = { .max_events = 1 };

	open_world(&w, OTLP_SC_EVENTS, &lim);
	run_stream(&w);
	sink_otlp_ops.close(&w.s);
	/* sh keeps openat and drops SIGCHLD and exit_group; the child keeps getpid, drops close */
	expect_int("otlp event limit: dropped counted (sh)", count(w.cap.body[0].s, "\"droppedEventsCount\":2"), 1);
	expect_int("otlp event limit: dropped counted (child)", count(w.cap.body[0].s, "\"droppedEventsCount\":1"), 1);
	expect_int("otlp event limit: one event per span", count(w.cap.body[0].s, "\"timeUnixNano\""), 2);
	close_world(&w);
}

static void test_relative_and_running(void)
{
	struct world w;
	struct otlp_cfg cfg = { .now_real = 2000000000000000000ull, .batch_spans = 1 };
	struct task *t;

	open_world(&w, OTLP_SC_EVENTS, &cfg);
	w.o.relative_to_now = true;
	/* relative_to_now is read at open: open again with it set */
	sink_otlp_ops.close(&w.s);
	w.s.priv = NULL;
	otlp_sink_open(&w.s, &cfg);
	t = task(&w, 200, 200, "sleeper");
	t->start_ts = 10000;
	begin(&w, HY_REC_SYSCALL, t, SYS_getpid, 0, 0, 0, 0, 10000, 10100);
	feed(&w, t, 200, 0);
	begin(&w, HY_REC_SYSCALL, t, SYS_getppid, 0, 0, 0, 0, 20000, 30000);
	feed(&w, t, 1, 0);
	sink_otlp_ops.close(&w.s);
	expect_int("otlp relative: one request", w.cap.n, 1);
	expect_int("otlp relative: last time is now",
		   !!strstr(w.cap.body[0].s, "\"endTimeUnixNano\":\"2000000000000000000\""), 1);
	expect_int("otlp relative: start shifted as much",
		   !!strstr(w.cap.body[0].s, "\"startTimeUnixNano\":\"1999999999999980000\""), 1);
	expect_int("otlp still running at the end: marked",
		   !!strstr(w.cap.body[0].s, "{\"key\":\"hytrace.running\",\"value\":{\"boolValue\":true}}"), 1);
	expect_int("otlp still running: no exit code", !!strstr(w.cap.body[0].s, "process.exit.code"), 0);
	close_world(&w);
}

static void test_failure(void)
{
	struct world w;
	struct otlp_cfg cfg = { .batch_spans = 1 };

	open_world(&w, OTLP_SC_EVENTS, &cfg);
	w.cap.fail = -EPROTO;
	run_stream(&w);
	expect_int("otlp post failure: close says so", sink_otlp_ops.close(&w.s), -EPROTO);
	expect_int("otlp post failure: no retry storm after the first failure", w.cap.calls, 1);
	close_world(&w);
}

static void test_json(void)
{
	struct sbuf sb = { 0 };

	oj_str(&sb, "a\"b\\c\n\t\x01\x7f", 9);
	UT_EXPECT("json escapes", sb.s, "\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\"");
	sb_reset(&sb);
	oj_str(&sb, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14);
	UT_EXPECT("json utf-8 kept", sb.s, "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
	sb_reset(&sb);
	oj_str(&sb, "\xff\xc3(\xe0\x80\x80\xed\xa0\x80", 9);
	UT_EXPECT("json invalid utf-8 replaced", sb.s,
		  "\"\\ufffd\\ufffd(\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
	struct sbuf l = { 0 };

	sb_reset(&sb);
	otlp_attr_strv(&l, "a", "x\0\0y", 4);
	oj_attrs(&sb, l.s, l.len);
	UT_EXPECT("json argv with an empty argument", sb.s,
		  "{\"key\":\"a\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"x\"},"
		  "{\"stringValue\":\"\"},{\"stringValue\":\"y\"}]}}}");
	sb_reset(&sb);
	sb_reset(&l);
	otlp_attr_int(&l, "n", -9223372036854775807ll - 1);
	oj_attrs(&sb, l.s, l.len);
	sb_free(&l);
	UT_EXPECT("json int64 as a string", sb.s,
		  "{\"key\":\"n\",\"value\":{\"intValue\":\"-9223372036854775808\"}}");
	sb_free(&sb);

	/* a time and shift whose sum overflows (found by tests/fuzz/fuzz_writers): the largest */
	struct otlp_span *sp = calloc(1, sizeof(*sp));
	const uint8_t id[16] = { 1 };

	sp->name = strdup("s");
	sp->start = sp->end = 9000000000000000000ull;
	otlp_encode_span(&sb, sp, id, 1000000000000000000ll);
	expect_int("json time past 2262 is the largest, not 0",
		   strstr(sb.s, "\"startTimeUnixNano\":\"9223372036854775807\"") != NULL, 1);
	otlp_span_free(sp);
	sb_free(&sb);
}

static void kv_cat(void *ctx, const char *k, const char *v)
{
	struct sbuf *sb = ctx;

	sb_printf(sb, "[%s|%s]", k, v);
}

static void test_env(void)
{
	struct sbuf sb = { 0 };
	char *u;

#define EP(name, url, want)                                   \
	do {                                                  \
		u = otlp_endpoint(url, OTLP_TRACES);          \
		UT_EXPECT(name, u ? u : "(null)", want);      \
		free(u);                                      \
	} while (0)
	unsetenv("OTEL_EXPORTER_OTLP_ENDPOINT");
	unsetenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
	EP("endpoint default", NULL, "http://localhost:4318/v1/traces");
	EP("endpoint --otlp=URL with a path", "http://c:1/x/y", "http://c:1/x/y");
	EP("endpoint --otlp=URL without a path", "http://c:1", "http://c:1/v1/traces");
	EP("endpoint --otlp=URL/", "https://c:1/", "https://c:1/v1/traces");
	setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://base:4318", 1);
	EP("endpoint generic variable: base", NULL, "http://base:4318/v1/traces");
	setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://base:4318/mycollector/", 1);
	EP("endpoint generic variable: base with a path", NULL, "http://base:4318/mycollector/v1/traces");
	setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://t:9/custom", 1);
	EP("endpoint traces variable as is", NULL, "http://t:9/custom");
	EP("endpoint --otlp=URL wins", "http://o:2/v1/traces", "http://o:2/v1/traces");
	setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "", 1);
	EP("endpoint empty variable ignored", NULL, "http://base:4318/mycollector/v1/traces");
	unsetenv("OTEL_EXPORTER_OTLP_ENDPOINT");
	unsetenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
#define LEP(name, url, want)                                  \
	do {                                                  \
		u = otlp_endpoint(url, OTLP_LOGS);            \
		UT_EXPECT(name, u ? u : "(null)", want);      \
		free(u);                                      \
	} while (0)
	LEP("logs endpoint default", NULL, "http://localhost:4318/v1/logs");
	LEP("logs beside --otlp=URL's traces", "http://c:1/x/v1/traces", "http://c:1/x/v1/logs");
	LEP("logs under --otlp=URL without a path", "http://c:1", "http://c:1/v1/logs");
	LEP("logs under --otlp=URL with another path", "http://c:1/x", "http://c:1/x/v1/logs");
	setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://base:4318", 1);
	LEP("logs endpoint: generic base", NULL, "http://base:4318/v1/logs");
	setenv("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "http://l:9/custom", 1);
	LEP("logs variable as is", NULL, "http://l:9/custom");
	unsetenv("OTEL_EXPORTER_OTLP_ENDPOINT");
	unsetenv("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT");

	bool pbuf, gz;

	unsetenv("OTEL_EXPORTER_OTLP_PROTOCOL");
	unsetenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");
	unsetenv("OTEL_EXPORTER_OTLP_COMPRESSION");
	expect_int("protocol: http/protobuf by default", !otlp_protocol(OTLP_TRACES, &pbuf, &gz) &&
		   pbuf && !gz, 1);
	setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", 1);
	setenv("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip", 1);
	expect_int("protocol: http/json, gzip", !otlp_protocol(OTLP_TRACES, &pbuf, &gz) && !pbuf &&
		   gz, 1);
	setenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf", 1);
	expect_int("protocol: the signal's variable wins", !otlp_protocol(OTLP_TRACES, &pbuf, &gz) &&
		   pbuf, 1);
	expect_int("protocol: ... for its signal only", !otlp_protocol(OTLP_LOGS, &pbuf, &gz) &&
		   !pbuf, 1);
	setenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc", 1);
	expect_int("protocol: grpc refused", otlp_protocol(OTLP_TRACES, &pbuf, &gz), -ENOTSUP);
	unsetenv("OTEL_EXPORTER_OTLP_PROTOCOL");
	unsetenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");
	unsetenv("OTEL_EXPORTER_OTLP_COMPRESSION");

	const char *why;

	setenv("OTEL_SDK_DISABLED", "TRUE", 1);
	expect_int("OTEL_SDK_DISABLED=TRUE", otlp_disabled(&why), 1);
	setenv("OTEL_SDK_DISABLED", "false", 1);
	setenv("OTEL_TRACES_EXPORTER", "none", 1);
	expect_int("OTEL_TRACES_EXPORTER=none", otlp_disabled(&why), 1);
	unsetenv("OTEL_TRACES_EXPORTER");
	expect_int("enabled otherwise", otlp_disabled(&why), 0);
	unsetenv("OTEL_SDK_DISABLED");

	/* ExportTraceServiceResponse{partial_success{rejected_spans: 3, error_message: "full"}} */
	static const uint8_t resp[] = { 0x0a, 0x08, 0x08, 0x03, 0x12, 0x04, 'f', 'u', 'l', 'l' };
	int64_t rej;
	char msg[32];

	expect_int("protobuf partial success parsed", !otlp_partial_pb(resp, sizeof(resp), &rej, msg,
								    sizeof(msg)) &&
		   rej == 3 && !strcmp(msg, "full"), 1);
	expect_int("protobuf partial success: a cut body", otlp_partial_pb(resp, 5, &rej, msg,
									    sizeof(msg)), -EINVAL);

	otlp_parse_kv(" a=1, b = x%20y%2C ,bad,=v,c=", kv_cat, &sb);
	UT_EXPECT("key=value lists (OTEL_*_HEADERS, OTEL_RESOURCE_ATTRIBUTES)", sb.s ? sb.s : "",
		  "[a|1][b|x y,][c|]");
	sb_free(&sb);

	/* resource attributes from the environment */
	struct world w;
	struct otlp_cfg cfg = { 0 };

	setenv("OTEL_RESOURCE_ATTRIBUTES", "service.name=fromattrs,deployment.environment=ci", 1);
	setenv("OTEL_SERVICE_NAME", "fromname", 1);
	open_world(&w, OTLP_SC_NONE, &cfg);
	run_stream(&w);
	sink_otlp_ops.close(&w.s);
	UT_EXPECT("resource: OTEL_SERVICE_NAME wins, other attributes kept",
		  strstr(w.cap.body[0].s, "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"fromname\"}},"
					  "{\"key\":\"host.name\",\"value\":{\"stringValue\":\"testhost\"}},"
					  "{\"key\":\"deployment.environment\",\"value\":{\"stringValue\":\"ci\"}},")
			  ? "found" : w.cap.body[0].s, "found");
	close_world(&w);
	unsetenv("OTEL_RESOURCE_ATTRIBUTES");
	unsetenv("OTEL_SERVICE_NAME");
}

/* --cuda: an NVIDIA driver call is a span named by its command; a failed status is an error */
static void test_nvidia(void)
{
	static const char path[] = "/dev/nvidiactl";
	/* NVOS54_PARAMETERS: hClient, hObject, cmd NV2080_CTRL_CMD_GPU_GET_INFO_V2, flags, params,
	   paramsSize, status (NV_ERR_NOT_SUPPORTED at exit) */
	uint32_t p[8] = { 0xc1d00001, 0xcaf00002, 0x20800102, 0, 0, 0, 0, 0 };
	struct world w;
	struct otlp_cfg cfg = { 0 };
	struct task *t;
	const char *b;
	void *data;

	open_world(&w, OTLP_SC_SPANS, &cfg);
	w.o.cuda = CUDA_ON;
	t = task(&w, 100, 100, "app");
	begin(&w, HY_REC_SYSCALL, t, SYS_ioctl, 3, 0xc020462a, 0x7ffc0000, 0, 1000, 1500);
	data = rb_blob(&w.rb, 0, HY_AT_ENTER, 0, 3, sizeof(path) - 1);
	memcpy(data, path, sizeof(path) - 1);
	rb_blob_done(&w.rb, sizeof(path) - 1, 0, HY_BF_FDPATH);
	data = rb_blob(&w.rb, 2, HY_AT_ENTER, 0, 0x7ffc0000, sizeof(p));
	memcpy(data, p, sizeof(p));
	rb_blob_done(&w.rb, sizeof(p), 0, 0);
	p[7] = 0x56;
	data = rb_blob(&w.rb, 2, HY_AT_EXIT, 0, 0x7ffc0000, sizeof(p));
	memcpy(data, p, sizeof(p));
	rb_blob_done(&w.rb, sizeof(p), 0, 0);
	feed(&w, t, 0, 0);
	begin(&w, HY_REC_EXIT, t, 0, 0, 0, 0, 0, 2000, 0);
	feed(&w, t, 0, 0);
	sink_otlp_ops.close(&w.s);
	b = w.cap.n ? w.cap.body[0].s : "";
	expect_int("nvidia: the span is named by the command",
		   !!strstr(b, "\"name\":\"NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2\""), 1);
	expect_int("nvidia: its status attribute",
		   !!strstr(b, "{\"key\":\"hytrace.nvidia.status\",\"value\":{\"stringValue\":"
			       "\"NV_ERR_NOT_SUPPORTED\"}}"), 1);
	expect_int("nvidia: an error span with the status name",
		   !!strstr(b, "\"status\":{\"code\":2,\"message\":\"NV_ERR_NOT_SUPPORTED\"}"), 1);
	close_world(&w);
}

/* --logs: each line a log record in its process's span; protobuf requests for both */
static void test_logs(void)
{
	struct world w;
	struct otlp_cfg cfg = { 0 };
	struct capture logs = { 0 };

	cfg.post_logs = cap_post;
	cfg.post_logs_ctx = &logs;
	open_world(&w, OTLP_SC_EVENTS, &cfg);
	w.o.logs = true;
	run_stream(&w);
	sink_otlp_ops.close(&w.s);
	const char *b = logs.n ? logs.body[0].s : "";

	expect_int("logs: one request", logs.n, 1);
	expect_int("logs: a syscall line as the text output prints it",
		   !!strstr(b, "\"body\":{\"stringValue\":\"openat(AT_FDCWD, \\\"/etc/hosts\\\", "
			       "O_RDONLY) = 3\"}"), 1);
	expect_int("logs: a failed call is WARN", !!strstr(b, "\"severityNumber\":13,"
			"\"severityText\":\"WARN\",\"body\":{\"stringValue\":\"close(7) = -1 EBADF"), 1);
	expect_int("logs: the exit line", !!strstr(b, "+++ exited with 3 +++"), 1);
	expect_int("logs: a kill is ERROR", !!strstr(b, "\"severityNumber\":17,\"severityText\":"
			"\"ERROR\",\"body\":{\"stringValue\":\"+++ killed by SIGSEGV (core dumped) +++"), 1);
	expect_int("logs: in the trace and the process's span",
		   !!strstr(b, "\"traceId\":\"0102030405060708090a0b0c0d0e0f10\",\"spanId\":"
			       "\"191a1b1c1d1e1f20\""), 1);
	for (int i = 0; i < logs.n; i++)
		sb_free(&logs.body[i]);
	close_world(&w);

	/* the same in protobuf: the request starts with resource_logs (field 1, bytes) */
	memset(&logs, 0, sizeof(logs));
	memset(&cfg, 0, sizeof(cfg));
	cfg.encoding = OTLP_ENC_PROTOBUF;
	cfg.post_logs = cap_post;
	cfg.post_logs_ctx = &logs;
	open_world(&w, OTLP_SC_EVENTS, &cfg);
	w.o.logs = true;
	run_stream(&w);
	sink_otlp_ops.close(&w.s);
	expect_int("protobuf: spans and logs sent", w.cap.n == 1 && logs.n == 1 &&
		   (uint8_t)w.cap.body[0].s[0] == 0x0a && (uint8_t)logs.body[0].s[0] == 0x0a, 1);
	expect_int("protobuf: the syscall line inside", logs.n && memmem(logs.body[0].s,
		   logs.body[0].len, "close(7) = -1 EBADF", 19) != NULL, 1);
	for (int i = 0; i < logs.n; i++)
		sb_free(&logs.body[i]);
	close_world(&w);
}

static const struct ut_case cases[] = {
	{ "golden", test_golden }, { "spans", test_spans },
	{ "none_batches_limits", test_none_batches_limits },
	{ "relative_and_running", test_relative_and_running }, { "failure", test_failure },
	{ "json", test_json }, { "env", test_env }, { "nvidia", test_nvidia },
	{ "logs", test_logs },
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
