/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* stream.h: a fixed event stream fed through the real pipeline, shared by the structured-format tests. */
/* Include after "unit.h", "pipeline.h" and a `static struct ut u;`. */
#ifndef HY_TEST_STREAM_H
#define HY_TEST_STREAM_H

struct feed {
	struct pipeline pl;
	struct opts o;
	struct recbuf rb;
};

static void rec(struct feed *f, int type, int pid, int tid, const char *comm, long nr,
		uint64_t t0, uint64_t t1, uint32_t flags, int64_t ret, uint64_t a0, uint64_t a1,
		uint64_t a2, uint64_t a3)
{
	struct hy_rec r = { .type = type, .pid = pid, .tid = tid, .nr = (int)nr, .ts_enter = t0,
			    .ts_exit = t1, .flags = flags, .ret = ret, .args = { a0, a1, a2, a3 } };

	snprintf(r.comm, sizeof(r.comm), "%s", comm);
	rb_begin(&f->rb, &r);
}

static void blob(struct feed *f, int arg, int when, const void *data, size_t len, uint32_t flags)
{
	void *p = rb_blob(&f->rb, arg, when, 0, 0x1000 + arg * 0x100, len);

	memcpy(p, data, len);
	rb_blob_done(&f->rb, len, 0, flags);
}

static void feed(struct feed *f)
{
	pipeline_feed(&f->pl, f->rb.buf, f->rb.len);
}

#define T0 1000000000ull	/* boot time of the first record, ns */

/* The same stream for every structured format (json, tef). */
static void stream(struct feed *f)
{
	static const char argv[] = "prog\0--flag\0";
	static const char data[32] = "h\xc3\xa9llo\n\xff\x01\"quoted\\ end...........";
	struct stat st = { .st_mode = S_IFREG | 0644, .st_size = 1234 };
	siginfo_t si = { .si_signo = SIGCHLD, .si_code = CLD_EXITED };
	int status = 0;

	si.si_pid = 101;
	rec(f, HY_REC_EXEC, 100, 100, "prog", 0, T0, 0, 0, 0, 100, 0, 0, 0);
	blob(f, HY_ARG_EXTRA, HY_AT_ENTER, argv, sizeof(argv) - 1, 0);
	feed(f);

	rec(f, HY_REC_SYSCALL, 100, 100, "prog", SYS_openat, T0 + 1000, T0 + 1500, 0, 3,
	    (uint64_t)-100, 0x1100, O_RDONLY | O_CLOEXEC, 0);
	blob(f, 1, HY_AT_ENTER, "/etc/passwd", 11, HY_BF_NUL);
	blob(f, 0, HY_AT_ENTER, "/work", 5, HY_BF_FDPATH);
	blob(f, HY_ARG_RET, HY_AT_EXIT, "/etc/passwd", 11, HY_BF_FDPATH);
	feed(f);

	rec(f, HY_REC_SYSCALL, 100, 100, "prog", SYS_openat, T0 + 2000, T0 + 2100, 0, -2,
	    (uint64_t)-100, 0x1100, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	blob(f, 1, HY_AT_ENTER, "/nonexistent/f", 14, HY_BF_NUL);
	feed(f);

	rec(f, HY_REC_SYSCALL, 100, 100, "prog", SYS_read, T0 + 3000, T0 + 3250, 0, 40,
	    3, 0x1100, 64, 0);
	blob(f, 1, HY_AT_EXIT, data, sizeof(data), 0);
	blob(f, 0, HY_AT_ENTER, "/etc/passwd", 11, HY_BF_FDPATH);
	feed(f);

	rec(f, HY_REC_SYSCALL, 100, 100, "prog", SYS_fstat, T0 + 3500, T0 + 3600, 0, 0,
	    3, 0x1100, 0, 0);
	blob(f, 1, HY_AT_EXIT, &st, sizeof(st), 0);
	feed(f);

	rec(f, HY_REC_SYSCALL, 100, 100, "prog", SYS_mmap, T0 + 3700, T0 + 3800, 0, 0x7f0000000000,
	    0, 8192, 3, 0x22);
	rb_rec(&f->rb)->args[4] = (uint64_t)-1;	/* fd */
	feed(f);

	/* a blocking wait4: entry, a child's life, then the exit */
	rec(f, HY_REC_ENTER, 100, 100, "prog", SYS_wait4, T0 + 4000, 0, 0, 0,
	    (uint64_t)-1, 0x1100, 0, 0);
	feed(f);
	rec(f, HY_REC_FORK, 101, 101, "prog", 0, T0 + 4100, 0, 0, 0, 101, 101, 100, 100);
	feed(f);
	rec(f, HY_REC_SYSCALL, 101, 101, "prog", SYS_exit_group, T0 + 4200, 0, HY_F_NO_EXIT, 0,
	    0, 0, 0, 0);
	feed(f);
	rec(f, HY_REC_EXIT, 101, 101, "prog", 0, T0 + 4300, 0, 0, 0, 0, 0, 0, 0);
	feed(f);
	rec(f, HY_REC_SIGNAL, 100, 100, "prog", SIGCHLD, T0 + 4400, 0, 0, 0, 0, 0, 0, 0);
	blob(f, HY_ARG_SIGINFO, HY_AT_ENTER, &si, sizeof(si), 0);
	feed(f);
	rec(f, HY_REC_SYSCALL, 100, 100, "prog", SYS_wait4, T0 + 4000, T0 + 4500, HY_F_ENTER_SEEN,
	    101, (uint64_t)-1, 0x1100, 0, 0);
	blob(f, 1, HY_AT_EXIT, &status, sizeof(status), 0);
	feed(f);

	/* a thread */
	rec(f, HY_REC_FORK, 100, 102, "prog", 0, T0 + 5000, 0, HY_F_THREAD, 0, 102, 100, 100, 100);
	feed(f);
	rec(f, HY_REC_SYSCALL, 100, 102, "worker", SYS_gettid, T0 + 5100, T0 + 5150, 0, 102,
	    0, 0, 0, 0);
	feed(f);
	rec(f, HY_REC_EXIT, 100, 102, "worker", 0, T0 + 5200, 0, 0, 0, 0, 0, 0, 0);
	feed(f);

	/* an unknown syscall number, a stop, lost events, death by signal */
	rec(f, HY_REC_SYSCALL, 100, 100, "prog", 500, T0 + 6000, T0 + 6010, 0, -38, 1, 2, 0, 0);
	feed(f);
	rec(f, HY_REC_SIGSTOP, 100, 100, "prog", SIGSTOP, T0 + 6100, 0, 0, 0, 0, 0, 0, 0);
	feed(f);
	rec(f, HY_REC_LOST, 0, 0, "", 0, T0 + 6200, 0, 0, 0, 5, HY_LOST_RING_FULL, 0, 0);
	feed(f);
	rec(f, HY_REC_EXIT, 100, 100, "prog", SIGSEGV, T0 + 7000, 0, HY_F_KILLED | HY_F_CORE, 0,
	    0, 0, 0, 0);
	feed(f);
}

/* Run the stream through the given format with options, output to path. */
static int run_stream(const char *format, const char *path, bool ff)
{
	static struct feed f;
	char fmt[32];
	char *argv[] = { "hytrace", fmt, "-y", ff ? "-ff" : "-f", "-o", (char *)path, "prog", NULL };

	memset(&f, 0, sizeof(f));
	snprintf(fmt, sizeof(fmt), "--format=%s", format);
	optind = 1;
	if (opts_parse(&f.o, 7, argv))
		return -1;
	if (pipeline_init(&f.pl, &f.o))
		return -1;
	f.pl.boot_to_real = 1700000000000000000ll - (int64_t)T0;
	for (int i = 0; i < f.pl.nsinks; i++)	/* each sink has its copy */
		f.pl.sinks[i].boot_to_real = f.pl.boot_to_real;
	stream(&f);
	int err = pipeline_close(&f.pl);

	rb_free(&f.rb);
	opts_free(&f.o);
	return err;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "re");
	char *buf = NULL;

	*len = 0;
	if (!fp)
		return NULL;
	buf = malloc(1 << 20);
	if (buf)
		*len = fread(buf, 1, (1 << 20) - 1, fp);
	fclose(fp);
	if (buf)
		buf[*len] = '\0';
	return buf;
}

/* Compare path with the golden file (or rewrite it under HYT_UPDATE_GOLDEN=1). */
static void golden(const char *name, const char *path, const char *gold)
{
	size_t glen, olen;
	char *got = slurp(path, &olen), *want;

	if (getenv("HYT_UPDATE_GOLDEN")) {
		FILE *fp = fopen(gold, "we");

		if (fp && got) {
			fwrite(got, 1, olen, fp);
			fclose(fp);
			printf("# rewrote %s\n", gold);
		}
	}
	want = slurp(gold, &glen);
	if (!got || !want) {
		ut_fail(name);
		printf("#  cannot read %s\n", got ? gold : path);
	} else {
		/* report the first line that differs */
		const char *g = got, *w = want;
		int line = 1;

		while (*g && *g == *w) {
			if (*g == '\n')
				line++;
			g++, w++;
		}
		if (*g || *w) {
			const char *ge = strchr(g, '\n'), *we = strchr(w, '\n');

			while (g > got && g[-1] != '\n')
				g--;
			while (w > want && w[-1] != '\n')
				w--;
			ut_fail(name);
			printf("# line %d differs from %s\n#  got: %.*s\n# want: %.*s\n", line, gold,
			       ge ? (int)(ge - g) : (int)strlen(g), g,
			       we ? (int)(we - w) : (int)strlen(w), w);
		} else {
			ut_pass(name);
		}
	}
	free(got);
	free(want);
}

static void t_stream(void)

#endif
