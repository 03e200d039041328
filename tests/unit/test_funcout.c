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
	if (opts_parse(&o, argc, argv) || pipeline_init(&pl, &o)) {
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
	struct {
		struct hy_func h;
		uint64_t v[2];
	} r = { .h = { .type = x ? HY_REC_FUNC_EXIT : HY_REC_FUNC_ENTRY, .nval = (uint16_t)n,
		       .size = (uint32_t)(sizeof(struct hy_func) + 8 * n), .pid = P, .tid = tid,
		       .ts = ts, .addr = addr_of(fn), .sp = sp, .fid = fn->id },
		.v = { v0, v1 } };

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

static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[1024];
	FILE *fp;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
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
	UT_ENTRY(uftrace_files), UT_ENTRY(uftrace_args), UT_ENTRY(uftrace_needs_dir),
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
