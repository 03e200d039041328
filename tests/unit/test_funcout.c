// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_funcout.c: --func events through the pipeline into each output format (issue 13). */
/*
 * Function records built by hand as a backend sends them (ids from a table filled here), fed
 * with syscalls through a pipeline opened with the format under test, and the files it writes
 * compared whole: uftrace's data folder (task.txt, the session map, the symbol files, the
 * TID.dat records decoded, the info header and sections), TEF, Perfetto (decoded), JSON, and
 * -c's per-function table.
 *
 * HYT_FUNCOUT_DIR=DIR keeps the uftrace folders under DIR (tests/funcs_out.sh then reads them
 * with uftrace itself); otherwise they go to a temporary folder removed at the end.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "unit.h"
#include "backend.h"
#include "pipeline.h"
#include "rawfmt.h"

#define P	4000100		/* pids no process of this machine is likely to have */
#define T2	4000101
#define PROG	"/opt/demo/bin/prog"
#define LIBX	"/opt/demo/lib/libx.so"
#define PROG_BASE	0x555555554000ull
#define LIBX_BASE	0x7ffff7fc0000ull

static struct pipeline pl;
static struct opts o;
static const struct func_info *fn_f, *fn_g, *fn_h;
static char tmpdir[512];

static void start(const char *const *args)
{
	char *argv[24];
	int argc = 0;

	argv[argc++] = "hytrace";
	argv[argc++] = "--func=.";
	for (int i = 0; args && args[i]; i++)
		argv[argc++] = (char *)args[i];
	argv[argc++] = "prog";
	argv[argc] = NULL;
	memset(&o, 0, sizeof(o));
	optind = 1;
	if (opts_parse(&o, argc, argv)) {
		ut_fail("options");
		exit(1);
	}
	o.input_clock = true;	/* times as fed: no wall-clock offset */
	o.input_boot_to_real = 0;
	if (pipeline_init(&pl, &o)) {
		ut_fail("pipeline set-up");
		exit(1);
	}
	fn_f = funcs_add(pl.funcs, "f", PROG, 0x1139, 0x27);
	fn_g = funcs_add(pl.funcs, "g", PROG, 0x1160, 0x12);
	fn_h = funcs_add(pl.funcs, "h", LIBX, 0x2000, 0x30);
}

static void finish(void)
{
	pipeline_close(&pl);
	opts_free(&o);
}

static uint64_t addr_of(const struct func_info *fn)
{
	return (strstr(fn->module, "libx") ? LIBX_BASE : PROG_BASE) + fn->offset;
}

/* entry (x false) or exit of fn on tid at ts, stack pointer sp, n values */
static void fr(uint32_t tid, bool x, const struct func_info *fn, uint64_t ts, uint64_t sp, int n,
	       uint64_t v0, uint64_t v1)
{
	union hy_func_rec r = { .h = {
		.type = x ? HY_REC_FUNC_EXIT : HY_REC_FUNC_ENTRY, .nval = (uint16_t)n,
		.size = (uint32_t)(sizeof(struct hy_func) + 8 * n), .pid = P, .tid = tid,
		.ts = ts, .addr = addr_of(fn), .sp = sp, .fid = fn->id } };

	r.h.v[0] = v0;
	r.h.v[1] = v1;
	pipeline_feed(&pl, &r, r.h.size);
}

#define E(tid, fn, ts, sp) fr(tid, false, fn, ts, sp, 0, 0, 0)
#define X(tid, fn, ts, sp) fr(tid, true, fn, ts, sp, 0, 0, 0)

static void sc(uint32_t tid, long nr, uint64_t ts, int64_t ret)
{
	struct hy_rec r = { .type = HY_REC_SYSCALL, .size = sizeof(r), .pid = P, .tid = tid,
			    .ts_enter = ts, .ts_exit = ts + 100, .nr = (int32_t)nr, .ret = ret };

	memcpy(r.comm, "prog", 5);
	pipeline_feed(&pl, &r, sizeof(r));
}

/*
 * The call tree every format is checked on:
 *   thread P:  f { g { getpid } h(leaf) }      thread T2: h(leaf)
 */
static void feed_tree(void)
{
	E(P, fn_f, 1000, 0x7000);
	E(T2, fn_h, 1500, 0x9000);
	X(T2, fn_h, 1800, 0x9008);
	E(P, fn_g, 2000, 0x6f00);
	sc(P, SYS_getpid, 2500, P);
	X(P, fn_g, 3000, 0x6f08);
	E(P, fn_h, 4000, 0x6f00);
	X(P, fn_h, 4500, 0x6f08);
	X(P, fn_f, 5000, 0x7008);
}

/* The contents of DIR/NAME (of DIR itself when name is NULL), NUL-terminated; *len its size. */
static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[1024];
	FILE *fp;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s%s%s", dir, name ? "/" : "", name ? name : "");
	fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	if (len)
		*len = (size_t)n;
	return buf;
}

/*
 * TID.dat as text: one "TIME TYPE[+] dDEPTH ADDR [v...]" line per record ("+": the more bit),
 * nv[i] values after the i-th record with the more bit.
 */
static char *dat_text(const char *dir, int tid, const int *nv)
{
	static char out[4096];
	char name[32];
	size_t len, n = 0;
	char *buf;

	snprintf(name, sizeof(name), "%d.dat", tid);
	buf = slurp(dir, name, &len);
	out[0] = '\0';
	if (!buf)
		return "(no file)";
	for (size_t off = 0; off + 16 <= len;) {
		uint64_t w[2];
		static const char *const type[] = { "entry", "exit", "lost", "event" };

		memcpy(w, buf + off, 16);
		off += 16;
		unsigned int t = w[1] & 3, more = w[1] >> 2 & 1, magic = w[1] >> 3 & 7;
		unsigned int depth = w[1] >> 6 & 0x3ff;
		uint64_t addr = w[1] >> 16;

		n += (size_t)snprintf(out + n, sizeof(out) - n, "%" PRIu64 " %s%s d%u %#" PRIx64 "%s",
				      w[0], type[t], more ? "+" : "", depth, addr,
				      magic == 5 ? "" : " BADMAGIC");
		int nvals = more ? *nv++ : 0;

		for (int i = 0; i < nvals && off + 8 <= len; i++, off += 8) {
			uint64_t v;

			memcpy(&v, buf + off, 8);
			n += (size_t)snprintf(out + n, sizeof(out) - n, " %" PRId64, (int64_t)v);
		}
		n += (size_t)snprintf(out + n, sizeof(out) - n, "\n");
	}
	free(buf);
	return out;
}

/* The folder for a uftrace case: under HYT_FUNCOUT_DIR (kept) or the temporary folder. */
static const char *case_dir(const char *name)
{
	static char dir[1024];
	const char *keep = getenv("HYT_FUNCOUT_DIR");

	snprintf(dir, sizeof(dir), "%s/%s", keep && keep[0] ? keep : tmpdir, name);
	return dir;
}

/* Replace the exename="..." of task.txt (the executable of a pid, if one runs here) with X. */
static char *mask_exename(char *s)
{
	char *p = s;

	while (p && (p = strstr(p, "exename=\""))) {
		char *q = strchr(p + 9, '"');

		if (!q)
			break;
		memmove(p + 10, q, strlen(q) + 1);
		p[9] = 'X';
		p += 11;
	}
	return s;
}

UT_TEST(uftrace_files)
{
	const char *dir = case_dir("tree");
	const char *a[] = { "--format=uftrace", "-o", dir, NULL };
	char *s, *info;
	size_t len;

	start(a);
	feed_tree();
	finish();

	s = mask_exename(slurp(dir, "task.txt", NULL));
	UT_EXPECT("task.txt: the session, then each thread at its first record", s,
		  "SESS timestamp=0.000001000 pid=4000100 sid=003d096400000001 exename=\"X\"\n"
		  "TASK timestamp=0.000001000 tid=4000100 pid=4000100\n"
		  "TASK timestamp=0.000001500 tid=4000101 pid=4000100\n");
	free(s);
	s = slurp(dir, "sid-003d096400000001.map", NULL);
	UT_EXPECT("the session map: each module at its load address", s,
		  "555555554000-555555556000 r-xp 00000000 00:00 0 " PROG "\n"
		  "7ffff7fc0000-7ffff7fc3000 r-xp 00000000 00:00 0 " LIBX "\n"
		  "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0 [stack]\n");
	free(s);
	s = slurp(dir, "prog.sym", NULL);
	UT_EXPECT("prog.sym: functions and their ends, relative to the module", s,
		  "# symbols: 2\n# path name: " PROG "\n"
		  "0000000000001139 T f\n0000000000001160 ? __func_end\n"
		  "0000000000001160 T g\n0000000000001172 ? __func_end\n");
	free(s);
	s = slurp(dir, "libx.so.sym", NULL);
	UT_EXPECT("libx.so.sym", s,
		  "# symbols: 1\n# path name: " LIBX "\n"
		  "0000000000002000 T h\n0000000000002030 ? __func_end\n");
	free(s);
	UT_EXPECT("the main thread's records, the syscall as two events", dat_text(dir, P, NULL),
		  "1000 entry d0 0x555555555139\n"
		  "2000 entry d1 0x555555555160\n"
		  "2500 event d2 0xf428e\n"
		  "2600 event d2 0xf428f\n"
		  "3000 exit d1 0x555555555160\n"
		  "4000 entry d1 0x7ffff7fc2000\n"
		  "4500 exit d1 0x7ffff7fc2000\n"
		  "5000 exit d0 0x555555555139\n");
	UT_EXPECT("the second thread's", dat_text(dir, T2, NULL),
		  "1500 entry d0 0x7ffff7fc2000\n1800 exit d0 0x7ffff7fc2000\n");
	s = slurp(dir, "events.txt", NULL);
	UT_EXPECT("events.txt names the syscall events", s,
		  "EVENT: 1000078 syscalls:sys_enter_getpid\n"
		  "EVENT: 1000079 syscalls:sys_exit_getpid\n");
	free(s);
	info = slurp(dir, "info", &len);
	UT_CHECK("info: magic, version 4, header size 40, little-endian 64-bit",
		 info && len > 40 && !memcmp(info, "Ftrace!\0\4\0\0\0\x28\0\1\2", 16));
	if (info && len > 40) {
		uint64_t feat, mask;

		memcpy(&feat, info + 16, 8);
		memcpy(&mask, info + 24, 8);
		UT_CHECK("features: task session, relative symbols, max stack, events",
			 feat == (0x2 | 0x20 | 0x40 | 0x80));
		UT_CHECK("info sections: exename cmdline cpu os task date pattern version",
			 mask == (0x1 | 0x8 | 0x10 | 0x40 | 0x80 | 0x800 | 0x1000 | 0x2000));
		UT_CHECK("the tids, in order",
			 strstr(info + 40, "taskinfo:lines=2\ntaskinfo:nr_tid=2\n"
					   "taskinfo:tids=4000100,4000101\n") != NULL);
		UT_CHECK("elapsed time from the first record to the last",
			 strstr(info + 40, "elapsed_time:0.000004000 sec\n") != NULL);
		UT_CHECK("no argspec without --func-args", !strstr(info + 40, "argspec:"));
	}
	free(info);
}

/* An exec starts a new session with its own map; a thread's exit writes its records out. */
UT_TEST(uftrace_exec)
{
	const char *dir = case_dir("exec");
	const char *a[] = { "--format=uftrace", "-o", dir, NULL };
	struct hy_rec ex = { .type = HY_REC_EXEC, .size = sizeof(ex), .pid = P, .tid = P,
			     .ts_enter = 3000 };
	struct hy_rec end = { .type = HY_REC_EXIT, .size = sizeof(end), .pid = P, .tid = T2,
			      .ts_enter = 2500 };
	char *s;

	start(a);
	E(P, fn_f, 1000, 0x7000);
	X(P, fn_f, 2000, 0x7008);
	E(T2, fn_h, 2100, 0x9000);
	X(T2, fn_h, 2200, 0x9008);
	pipeline_feed(&pl, &end, sizeof(end));
	s = slurp(dir, "4000101.dat", NULL);
	UT_CHECK("the ended thread's records are in its file already", s != NULL);
	free(s);
	pipeline_feed(&pl, &ex, sizeof(ex));
	E(P, fn_g, 4000, 0x7000);
	X(P, fn_g, 4100, 0x7008);
	finish();
	s = mask_exename(slurp(dir, "task.txt", NULL));
	UT_EXPECT("a session per image, the thread listed in each", s,
		  "SESS timestamp=0.000001000 pid=4000100 sid=003d096400000001 exename=\"X\"\n"
		  "TASK timestamp=0.000001000 tid=4000100 pid=4000100\n"
		  "TASK timestamp=0.000002100 tid=4000101 pid=4000100\n"
		  "SESS timestamp=0.000004000 pid=4000100 sid=003d096400000002 exename=\"X\"\n"
		  "TASK timestamp=0.000004000 tid=4000100 pid=4000100\n");
	free(s);
	s = slurp(dir, "sid-003d096400000002.map", NULL);
	UT_EXPECT("the new image's map", s,
		  "555555554000-555555556000 r-xp 00000000 00:00 0 " PROG "\n"
		  "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0 [stack]\n");
	free(s);
}

UT_TEST(uftrace_args)
{
	const char *dir = case_dir("args");
	const char *a[] = { "--format=uftrace", "-o", dir, "--func-args", NULL };
	char *info;

	start(a);
	fr(P, false, fn_f, 1000, 0x7000, 2, 10, (uint64_t)-3);
	fr(P, false, fn_h, 1100, 0x6f00, 1, 7, 0);
	fr(P, true, fn_h, 1200, 0x6f08, 1, 42, 0);
	fr(P, false, fn_h, 1300, 0x6f00, 0, 0, 0);	/* fewer values: written without */
	fr(P, true, fn_h, 1400, 0x6f08, 0, 0, 0);
	fr(P, true, fn_f, 2000, 0x7008, 1, (uint64_t)-1, 0);
	finish();
	static const int nv[] = { 2, 1, 1, 1 };

	UT_EXPECT("values after the records whose more bit is set", dat_text(dir, P, nv),
		  "1000 entry+ d0 0x555555555139 10 -3\n"
		  "1100 entry+ d1 0x7ffff7fc2000 7\n"
		  "1200 exit+ d1 0x7ffff7fc2000 42\n"
		  "1300 entry d1 0x7ffff7fc2000\n"
		  "1400 exit d1 0x7ffff7fc2000\n"
		  "2000 exit+ d0 0x555555555139 -1\n");
	info = slurp(dir, "info", NULL);
	UT_CHECK("argspec and retspec per function, limited to its module",
		 info && strstr(info + 40, "argspec:lines=2\nargspec:^f$@arg1,arg2,prog;"
					   "^h$@arg1,libx.so\nretspec:^f$@retval,prog;"
					   "^h$@retval,libx.so\n"));
	UT_CHECK("pattern type regex", info && strstr(info + 40, "pattern_type:regex\n"));
	free(info);
}

UT_TEST(uftrace_needs_dir)
{
	const char *a[] = { "--func=.", "--format=uftrace", "prog", NULL };
	struct opts oo;

	memset(&oo, 0, sizeof(oo));
	optind = 1;
	UT_CHECK("options parse", !opts_parse(&oo, 4, (char **)a));
	UT_CHECK("without -o DIR the sink refuses to open", pipeline_init(&pl, &oo) == -EINVAL);
	opts_free(&oo);
}

/* Run the tree through a format writing to FILE; its contents. */
static char *run_file(const char *const *args, const char *file)
{
	const char *a[16];
	int n = 0;
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, file);
	for (int i = 0; args[i]; i++)
		a[n++] = args[i];
	a[n++] = "-o";
	a[n++] = path;
	a[n] = NULL;
	start(a);
	feed_tree();
	finish();
	return slurp(tmpdir, file, NULL);
}

UT_TEST(json)
{
	static const char *const a[] = { "--format=json", NULL };
	char *s = run_file(a, "out.json");

	UT_EXPECT("one record per line: entries, exits with dur, the syscall inside g", s,
		  "{\"type\":\"func_entry\",\"ts\":1500,\"pid\":4000100,\"tid\":4000101,\"comm\":\"\",\"func\":\"h\",\"module\":\"/opt/demo/lib/libx.so\",\"depth\":0}\n"
		  "{\"type\":\"func_exit\",\"ts\":1800,\"pid\":4000100,\"tid\":4000101,\"comm\":\"\",\"func\":\"h\",\"module\":\"/opt/demo/lib/libx.so\",\"depth\":0,\"dur\":300}\n"
		  "{\"type\":\"func_entry\",\"ts\":1000,\"pid\":4000100,\"tid\":4000100,\"comm\":\"\",\"func\":\"f\",\"module\":\"/opt/demo/bin/prog\",\"depth\":0}\n"
		  "{\"type\":\"func_entry\",\"ts\":2000,\"pid\":4000100,\"tid\":4000100,\"comm\":\"prog\",\"func\":\"g\",\"module\":\"/opt/demo/bin/prog\",\"depth\":1}\n"
		  "{\"type\":\"syscall\",\"ts\":2500,\"pid\":4000100,\"tid\":4000100,\"comm\":\"prog\",\"syscall\":\"getpid\",\"nr\":39,\"dur\":100,\"args\":{},\"ret\":4000100}\n"
		  "{\"type\":\"func_exit\",\"ts\":3000,\"pid\":4000100,\"tid\":4000100,\"comm\":\"prog\",\"func\":\"g\",\"module\":\"/opt/demo/bin/prog\",\"depth\":1,\"dur\":1000}\n"
		  "{\"type\":\"func_entry\",\"ts\":4000,\"pid\":4000100,\"tid\":4000100,\"comm\":\"prog\",\"func\":\"h\",\"module\":\"/opt/demo/lib/libx.so\",\"depth\":1}\n"
		  "{\"type\":\"func_exit\",\"ts\":4500,\"pid\":4000100,\"tid\":4000100,\"comm\":\"prog\",\"func\":\"h\",\"module\":\"/opt/demo/lib/libx.so\",\"depth\":1,\"dur\":500}\n"
		  "{\"type\":\"func_exit\",\"ts\":5000,\"pid\":4000100,\"tid\":4000100,\"comm\":\"prog\",\"func\":\"f\",\"module\":\"/opt/demo/bin/prog\",\"depth\":0,\"dur\":4000}\n");
	free(s);
}

UT_TEST(tef)
{
	static const char *const a[] = { "--format=tef", NULL };
	char *s = run_file(a, "out.tef");

	UT_EXPECT("B/E slices per thread, the syscall's X inside g's", s,
		  "{\"traceEvents\":[\n"
		  "{\"ph\":\"b\",\"name\":\"\",\"cat\":\"process\",\"pid\":4000100,\"tid\":4000100,\"ts\":1.500,\"id\":\"0x3d0964\",\"args\":{\"cmdline\":\"\"}},\n"
		  "{\"ph\":\"B\",\"name\":\"h\",\"cat\":\"func\",\"pid\":4000100,\"tid\":4000101,\"ts\":1.500,\"args\":{\"module\":\"/opt/demo/lib/libx.so\"}},\n"
		  "{\"ph\":\"E\",\"name\":\"h\",\"cat\":\"func\",\"pid\":4000100,\"tid\":4000101,\"ts\":1.800},\n"
		  "{\"ph\":\"B\",\"name\":\"f\",\"cat\":\"func\",\"pid\":4000100,\"tid\":4000100,\"ts\":1.000,\"args\":{\"module\":\"/opt/demo/bin/prog\"}},\n"
		  "{\"ph\":\"B\",\"name\":\"g\",\"cat\":\"func\",\"pid\":4000100,\"tid\":4000100,\"ts\":2.000,\"args\":{\"module\":\"/opt/demo/bin/prog\"}},\n"
		  "{\"ph\":\"X\",\"name\":\"getpid\",\"cat\":\"syscall\",\"pid\":4000100,\"tid\":4000100,\"ts\":2.500,\"dur\":0.100,\"args\":{\"ret\":4000100}},\n"
		  "{\"ph\":\"E\",\"name\":\"g\",\"cat\":\"func\",\"pid\":4000100,\"tid\":4000100,\"ts\":3.000},\n"
		  "{\"ph\":\"B\",\"name\":\"h\",\"cat\":\"func\",\"pid\":4000100,\"tid\":4000100,\"ts\":4.000,\"args\":{\"module\":\"/opt/demo/lib/libx.so\"}},\n"
		  "{\"ph\":\"E\",\"name\":\"h\",\"cat\":\"func\",\"pid\":4000100,\"tid\":4000100,\"ts\":4.500},\n"
		  "{\"ph\":\"E\",\"name\":\"f\",\"cat\":\"func\",\"pid\":4000100,\"tid\":4000100,\"ts\":5.000},\n"
		  "{\"ph\":\"e\",\"name\":\"prog\",\"cat\":\"process\",\"pid\":4000100,\"tid\":4000100,\"ts\":5.000,\"id\":\"0x3d0964\",\"args\":{\"ended_by\":\"end of trace\"}},\n"
		  "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":4000100,\"tid\":4000100,\"args\":{\"name\":\"prog\"}},\n"
		  "{\"ph\":\"M\",\"name\":\"process_sort_index\",\"pid\":4000100,\"tid\":4000100,\"args\":{\"sort_index\":1}},\n"
		  "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":4000100,\"tid\":4000101,\"args\":{\"name\":\"\"}},\n"
		  "{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":4000100,\"tid\":4000101,\"args\":{\"sort_index\":2}},\n"
		  "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":4000100,\"tid\":4000100,\"args\":{\"name\":\"prog\"}},\n"
		  "{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":4000100,\"tid\":4000100,\"args\":{\"sort_index\":3}}\n"
		  "],\n"
		  "\"displayTimeUnit\":\"ns\",\n"
		  "\"otherData\":{\"tool\":\"hytrace\",\"clock\":\"CLOCK_BOOTTIME\",\"boot_to_realtime_ns\":0}}\n");
	free(s);
}

UT_TEST(summary)
{
	static const char *const a[] = { "-c", NULL };
	char *s = run_file(a, "out.c");

	UT_EXPECT("the syscall table, then calls, total and self time per function", s,
		  "% time     seconds  usecs/call     calls    errors syscall\n"
		  "------ ----------- ----------- --------- --------- ----------------\n"
		  "100.00    0.000000           0         1           getpid\n"
		  "------ ----------- ----------- --------- --------- ----------------\n"
		  "100.00    0.000000           0         1           total\n"
		  "\n"
		  "  Total time   Self time       Calls  Function\n"
		  "  ==========  ==========  ==========  ====================\n"
		  "    4.000 us    2.500 us           1  f\n"
		  "    1.000 us    1.000 us           1  g\n"
		  "    0.800 us    0.800 us           2  h\n");
	free(s);
}

UT_TEST(summary_json)
{
	static const char *const a[] = { "-j", NULL };
	char *s = run_file(a, "out.j");

	UT_EXPECT("-j: the functions beside the syscalls", s,
		  "{\"syscalls\":[{\"name\":\"getpid\",\"nr\":39,\"calls\":1,\"errors\":0,\"total_ns\":100,\"avg_ns\":100,\"min_ns\":100,\"max_ns\":100}],\"functions\":[{\"name\":\"f\",\"module\":\"/opt/demo/bin/prog\",\"calls\":1,\"total_ns\":4000,\"self_ns\":2500,\"min_ns\":4000,\"max_ns\":4000},{\"name\":\"g\",\"module\":\"/opt/demo/bin/prog\",\"calls\":1,\"total_ns\":1000,\"self_ns\":1000,\"min_ns\":1000,\"max_ns\":1000},{\"name\":\"h\",\"module\":\"/opt/demo/lib/libx.so\",\"calls\":2,\"total_ns\":800,\"self_ns\":800,\"min_ns\":300,\"max_ns\":500}],\"total\":{\"calls\":1,\"errors\":0,\"total_ns\":100,\"avg_ns\":100,\"min_ns\":100,\"max_ns\":100}}\n");
	free(s);
}

/* --func-args values, and a longjmp from h out of g back into f: made-up returns marked. */
static void feed_jump(void)
{
	fr(P, false, fn_f, 1000, 0x7000, 2, 10, (uint64_t)-3);
	fr(P, false, fn_g, 2000, 0x6f00, 1, 5, 0);
	fr(P, false, fn_h, 3000, 0x6e00, 1, 6, 0);
	fr(P, true, fn_f, 4000, 0x7008, 1, 42, 0);	/* g and h never returned */
}

static char *run_jump(const char *fmt, const char *file)
{
	const char *a[] = { fmt, "--func-args", "-o", NULL, NULL };
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, file);
	a[3] = path;
	start(a);
	feed_jump();
	finish();
	return slurp(tmpdir, file, NULL);
}

UT_TEST(json_args)
{
	char *s = run_jump("--format=json", "jump.json");

	UT_EXPECT("args at entry, retval at exit, made-up returns marked", s,
		  "{\"type\":\"func_entry\",\"ts\":1000,\"pid\":4000100,\"tid\":4000100,\"comm\":\"\",\"func\":\"f\",\"module\":\"" PROG "\",\"depth\":0,\"args\":[10,-3]}\n"
		  "{\"type\":\"func_entry\",\"ts\":2000,\"pid\":4000100,\"tid\":4000100,\"comm\":\"\",\"func\":\"g\",\"module\":\"" PROG "\",\"depth\":1,\"args\":[5]}\n"
		  "{\"type\":\"func_entry\",\"ts\":3000,\"pid\":4000100,\"tid\":4000100,\"comm\":\"\",\"func\":\"h\",\"module\":\"" LIBX "\",\"depth\":2,\"args\":[6]}\n"
		  "{\"type\":\"func_exit\",\"ts\":4000,\"pid\":4000100,\"tid\":4000100,\"comm\":\"\",\"func\":\"h\",\"module\":\"" LIBX "\",\"depth\":2,\"dur\":1000,\"no_return\":true}\n"
		  "{\"type\":\"func_exit\",\"ts\":4000,\"pid\":4000100,\"tid\":4000100,\"comm\":\"\",\"func\":\"g\",\"module\":\"" PROG "\",\"depth\":1,\"dur\":2000,\"no_return\":true}\n"
		  "{\"type\":\"func_exit\",\"ts\":4000,\"pid\":4000100,\"tid\":4000100,\"comm\":\"\",\"func\":\"f\",\"module\":\"" PROG "\",\"depth\":0,\"dur\":3000,\"retval\":42}\n");
	free(s);
}

UT_TEST(tef_args)
{
	char *s = run_jump("--format=tef", "jump.tef");

	UT_CHECK("B carries the arguments",
		 s && strstr(s, "{\"ph\":\"B\",\"name\":\"f\",\"cat\":\"func\",\"pid\":4000100,"
				"\"tid\":4000100,\"ts\":1.000,\"args\":{\"module\":\"" PROG "\","
				"\"args\":[10,-3]}}"));
	UT_CHECK("a made-up return is marked",
		 s && strstr(s, "{\"ph\":\"E\",\"name\":\"h\",\"cat\":\"func\",\"pid\":4000100,"
				"\"tid\":4000100,\"ts\":4.000,\"args\":{\"no_return\":true}}"));
	UT_CHECK("E carries the return value",
		 s && strstr(s, "{\"ph\":\"E\",\"name\":\"f\",\"cat\":\"func\",\"pid\":4000100,"
				"\"tid\":4000100,\"ts\":4.000,\"args\":{\"retval\":42}}"));
	free(s);
}

/* -- a small reader of the perfetto sink's protobuf, enough to print its thread slices -- */

struct rd {
	const uint8_t *p, *end;
};

static bool rd_varint(struct rd *r, uint64_t *v)
{
	*v = 0;
	for (int sh = 0; r->p < r->end && sh < 64; sh += 7) {
		uint8_t b = *r->p++;

		*v |= (uint64_t)(b & 0x7f) << sh;
		if (!(b & 0x80))
			return true;
	}
	return false;
}

/* The next field: its number, and its varint or its bytes (sub). false at the end or on junk. */
static bool rd_field(struct rd *r, uint32_t *field, uint64_t *v, struct rd *sub)
{
	uint64_t key, len;

	if (r->p >= r->end || !rd_varint(r, &key))
		return false;
	*field = (uint32_t)(key >> 3);
	switch (key & 7) {
	case 0:
		return rd_varint(r, v);
	case 2:
		if (!rd_varint(r, &len) || len > (uint64_t)(r->end - r->p))
			return false;
		sub->p = r->p;
		sub->end = r->p + len;
		r->p += len;
		return true;
	case 1:
		r->p += 8;
		return r->p <= r->end;
	case 5:
		r->p += 4;
		return r->p <= r->end;
	default:
		return false;
	}
}

#define NINT 64
struct interned {
	uint64_t iid[3][NINT];
	char name[3][NINT][64];
	unsigned int n[3];
};

static const char *iname(const struct interned *in, int tab, uint64_t iid)
{
	for (unsigned int i = 0; i < in->n[tab]; i++)
		if (in->iid[tab][i] == iid)
			return in->name[tab][i];
	return "?";
}

static void copy_str(char *dst, size_t size, const struct rd *s)
{
	size_t n = (size_t)(s->end - s->p);

	if (n >= size)
		n = size - 1;
	memcpy(dst, s->p, n);
	dst[n] = '\0';
}

/* One line per slice begin or end on a thread track: "TS TID B|E [NAME CAT] ANN=V...". */
static char *pf_text(const char *file)
{
	static char out[4096];
	static struct interned in;
	uint64_t track_tid[64][2];
	unsigned int ntracks = 0;
	size_t len, n = 0;
	char *buf = slurp(tmpdir, file, &len);
	struct rd tr = { (const uint8_t *)buf, (const uint8_t *)buf + len }, pk, f;
	uint32_t fld;
	uint64_t v;

	memset(&in, 0, sizeof(in));
	out[0] = '\0';
	while (buf && rd_field(&tr, &fld, &v, &pk)) {
		uint64_t ts = 0;
		struct rd te = { NULL, NULL };

		if (fld != 1)
			continue;
		while (rd_field(&pk, &fld, &v, &f)) {
			if (fld == 8) {
				ts = v;
			} else if (fld == 11) {
				te = f;
			} else if (fld == 12) {	/* interned data: categories 1, names 2, annotations 3 */
				struct rd e, x;
				uint32_t ef, xf;
				uint64_t ev2, xv;

				while (rd_field(&f, &ef, &ev2, &e)) {
					int tab = ef == 1 ? 0 : ef == 2 ? 1 : ef == 3 ? 2 : -1;
					uint64_t iid = 0;
					char nm[64] = "";

					while (tab >= 0 && rd_field(&e, &xf, &xv, &x)) {
						if (xf == 1)
							iid = xv;
						else if (xf == 2)
							copy_str(nm, sizeof(nm), &x);
					}
					if (tab >= 0 && in.n[tab] < NINT) {
						in.iid[tab][in.n[tab]] = iid;
						snprintf(in.name[tab][in.n[tab]++], 64, "%s", nm);
					}
				}
			} else if (fld == 60) {	/* track descriptor: uuid 1, thread 4 { tid 2 } */
				struct rd x, y;
				uint32_t xf, yf;
				uint64_t xv, yv, uuid = 0, tid = 0;

				while (rd_field(&f, &xf, &xv, &x)) {
					if (xf == 1)
						uuid = xv;
					while (xf == 4 && rd_field(&x, &yf, &yv, &y))
						if (yf == 2)
							tid = yv;
				}
				if (tid && ntracks < 64) {
					track_tid[ntracks][0] = uuid;
					track_tid[ntracks++][1] = tid;
				}
			}
		}
		if (!te.p)
			continue;
		uint64_t type = 0, track = 0, tid = 0;
		const char *name = "", *cat = "";
		char line[512];
		size_t ln = 0;

		line[0] = '\0';
		while (rd_field(&te, &fld, &v, &f)) {
			if (fld == 9) {
				type = v;
			} else if (fld == 11) {
				track = v;
			} else if (fld == 10) {
				name = iname(&in, 1, v);
			} else if (fld == 3) {
				cat = iname(&in, 0, v);
			} else if (fld == 4) {	/* debug annotation: name_iid 1, int 4, string 6 */
				struct rd x;
				uint32_t xf;
				uint64_t xv;
				const char *an = "?";
				char sv[128] = "";
				bool is_int = false;
				int64_t iv = 0;

				while (rd_field(&f, &xf, &xv, &x)) {
					if (xf == 1)
						an = iname(&in, 2, xv);
					else if (xf == 4)
						is_int = true, iv = (int64_t)xv;
					else if (xf == 6)
						copy_str(sv, sizeof(sv), &x);
				}
				if (is_int)
					ln += (size_t)snprintf(line + ln, sizeof(line) - ln, " %s=%" PRId64, an, iv);
				else
					ln += (size_t)snprintf(line + ln, sizeof(line) - ln, " %s=%s", an, sv);
			}
		}
		for (unsigned int i = 0; i < ntracks; i++)
			if (track_tid[i][0] == track)
				tid = track_tid[i][1];
		if (!tid || (type != 1 && type != 2))
			continue;	/* process tracks: their lifetimes */
		if (type == 1)
			n += (size_t)snprintf(out + n, sizeof(out) - n, "%" PRIu64 " %" PRIu64 " B %s [%s]%s\n",
					      ts, tid, name, cat, line);
		else
			n += (size_t)snprintf(out + n, sizeof(out) - n, "%" PRIu64 " %" PRIu64 " E%s\n", ts,
					      tid, line);
	}
	free(buf);
	return out;
}

UT_TEST(perfetto)
{
	static const char *const a[] = { "--format=perfetto", NULL };

	free(run_file(a, "out.pftrace"));
	UT_EXPECT("slices on each thread's track in time order, the syscall's inside g's",
		  pf_text("out.pftrace"),
		  "1000 4000100 B f [func] module=" PROG "\n"
		  "1500 4000101 B h [func] module=" LIBX "\n"
		  "1800 4000101 E\n"
		  "2000 4000100 B g [func] module=" PROG "\n"
		  "2500 4000100 B getpid [syscall]\n"
		  "2600 4000100 E ret=4000100 result=4000100\n"
		  "3000 4000100 E\n"
		  "4000 4000100 B h [func] module=" LIBX "\n"
		  "4500 4000100 E\n"
		  "5000 4000100 E\n");
}

UT_TEST(perfetto_args)
{
	free(run_jump("--format=perfetto", "jump.pftrace"));
	UT_EXPECT("arguments, return value and made-up returns as debug annotations",
		  pf_text("jump.pftrace"),
		  "1000 4000100 B f [func] module=" PROG " arg1=10 arg2=-3\n"
		  "2000 4000100 B g [func] module=" PROG " arg1=5\n"
		  "3000 4000100 B h [func] module=" LIBX " arg1=6\n"
		  "4000 4000100 E no_return=1\n"
		  "4000 4000100 E no_return=1\n"
		  "4000 4000100 E retval=42\n");
}

/*
 * --format=raw keeps the function records and names each function once, before its first
 * record (tests/funcs_out.sh replays the file kept under HYT_FUNCOUT_DIR into every format).
 */
UT_TEST(raw_names)
{
	const char *path = case_dir("tree.raw");
	const char *a[] = { "--format=raw", "-o", path, NULL };
	uint8_t *buf;
	size_t len, off = RAW_HDR_LEN;
	char got[1024];
	size_t n = 0;
	struct raw_hdr h;
	size_t bad;

	start(a);
	feed_tree();
	/* an address-carrying record (the preload library's), of a function not in the table */
	struct hy_func noid = { .type = HY_REC_FUNC_ENTRY, .size = sizeof(noid), .pid = P,
				.tid = P, .ts = 6000, .addr = 0x1234, .fid = HY_FUNC_NOID };

	pipeline_feed(&pl, &noid, sizeof(noid));
	finish();
	buf = (uint8_t *)slurp(path, NULL, &len);
	UT_CHECK("header: version 2, functions flag",
		 buf && len > RAW_HDR_LEN && !rawfmt_hdr_decode(&h, buf, len, &bad) &&
		 h.version == RAW_VERSION_FUNCS && (h.flags & RAW_F_FUNCS));
	got[0] = '\0';
	while (buf && off + 8 <= len) {
		uint16_t type;
		uint32_t size;
		struct raw_func_info fi;

		memcpy(&type, buf + off, 2);
		memcpy(&size, buf + off + 4, 4);
		if (size < 8 || off + size > len)
			break;
		if (type == RAW_REC_FUNC_INFO && !rawfmt_func_decode(&fi, buf + off, size))
			n += (size_t)snprintf(got + n, sizeof(got) - n, "name %u %.*s %.*s %#" PRIx64 "\n",
					      fi.fid, fi.name_len, fi.name, fi.module_len, fi.module,
					      fi.offset);
		else if (type == HY_REC_FUNC_ENTRY || type == HY_REC_FUNC_EXIT)
			n += (size_t)snprintf(got + n, sizeof(got) - n, "%s\n",
					      type == HY_REC_FUNC_ENTRY ? "E" : "X");
		else
			n += (size_t)snprintf(got + n, sizeof(got) - n, "rec %u\n", type);
		off += size;
	}
	UT_EXPECT("each function named once before its first record", got,
		  "name 0 f " PROG " 0x1139\nE\nname 2 h " LIBX " 0x2000\nE\nX\n"
		  "name 1 g " PROG " 0x1160\nE\nrec 1\nX\nE\nX\nX\nE\n");
	UT_CHECK("the file ends with the last record", off == len);
	free(buf);
	if (!getenv("HYT_FUNCOUT_DIR"))
		unlink(path);
}

static void rm_rf(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char p[1024];

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, e->d_name);
		if (e->d_type == DT_DIR)
			rm_rf(p);
		else
			unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

static const struct ut_case cases[] = {
	UT_ENTRY(uftrace_files), UT_ENTRY(uftrace_exec), UT_ENTRY(uftrace_args), UT_ENTRY(uftrace_needs_dir),
	UT_ENTRY(json), UT_ENTRY(tef), UT_ENTRY(json_args), UT_ENTRY(tef_args),
	UT_ENTRY(perfetto), UT_ENTRY(perfetto_args), UT_ENTRY(raw_names), UT_ENTRY(summary), UT_ENTRY(summary_json),
	{ NULL, NULL },
};

int main(int argc, char **argv)
{
	const char *t = getenv("TMPDIR");
	int rc;

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_funcout.XXXXXX", t && t[0] ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	rc = ut_main(argc, argv, cases);
	rm_rf(tmpdir);
	return rc;
}
