// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_uftrace.c: --format=uftrace -o DIR: --func calls in uftrace's data format (file version 4). */
/*
 * What uftrace's replay, report, graph, dump and info read from a data folder, as uftrace 0.13
 * (Debian 12's package) reads it; the facts come from uftrace's uftrace.h, cmds/info.c,
 * utils/data-file.c, utils/session.c, utils/symbol.c and utils/fstack.c at tag v0.13.  The
 * layout is in docs/functions.md, section "uftrace format".
 *
 *   info           the 40-byte header (magic "Ftrace!", version 4, feature and info masks),
 *                  then the info sections whose bits are set, as text lines, in bit order
 *   task.txt       SESS lines (one per process image: pid, session id, executable) and TASK
 *                  lines (one per thread and session), before the records they cover
 *   sid-SID.map    per session, /proc/PID/maps lines of the modules that hold traced functions,
 *                  each at its load address (the function's address less its symbol value)
 *   NAME.sym       per module, "ADDR TYPE NAME" lines of its traced functions, addresses
 *                  relative to the module's first mapping, "# path name:" naming the module
 *   TID.dat        per thread, 16-byte records (time, then type:2 more:1 magic:3 depth:10
 *                  addr:48), entries and exits; --func-args values follow a record whose more
 *                  bit is set, as the argspec/retspec of the info file describe them
 *   events.txt     the syscalls, as user events "syscalls:sys_enter_NAME"/"sys_exit_NAME"
 *
 * Records are kept per thread in a buffer and appended to TID.dat when it fills, when the
 * source goes idle and at the end; everything else is written at the end, when every thread,
 * module and function is known.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include "log.h"
#include "sink.h"
#include "sysent.h"
#include "tidmap.h"

#define UFT_MAGIC		"Ftrace!"	/* 8 bytes with its NUL (UFTRACE_MAGIC_STR) */
#define UFT_FILE_VERSION	4		/* UFTRACE_FILE_VERSION of uftrace 0.13 */
#define UFT_HDR_SIZE		40		/* sizeof(struct uftrace_file_header) */
#define UFT_MAX_STACK		1024		/* OPT_RSTACK_DEFAULT: the depth it expects */
#define UFT_DEPTH_MAX		1023		/* the record's depth is 10 bits */

/* enum uftrace_feat_bits */
#define UFT_FEAT_TASK_SESSION	(1u << 1)
#define UFT_FEAT_ARGUMENT	(1u << 3)
#define UFT_FEAT_RETVAL		(1u << 4)
#define UFT_FEAT_SYM_REL_ADDR	(1u << 5)
#define UFT_FEAT_MAX_STACK	(1u << 6)
#define UFT_FEAT_EVENT		(1u << 7)

/* enum uftrace_info_bits */
#define UFT_INFO_EXE_NAME	(1u << 0)
#define UFT_INFO_CMDLINE	(1u << 3)
#define UFT_INFO_CPUINFO	(1u << 4)
#define UFT_INFO_OSINFO		(1u << 6)
#define UFT_INFO_TASKINFO	(1u << 7)
#define UFT_INFO_ARG_SPEC	(1u << 10)
#define UFT_INFO_RECORD_DATE	(1u << 11)
#define UFT_INFO_PATTERN_TYPE	(1u << 12)
#define UFT_INFO_VERSION	(1u << 13)

/* enum uftrace_record_type, RECORD_MAGIC_V4, EVENT_ID_USER */
#define UFT_ENTRY	0
#define UFT_EXIT	1
#define UFT_EVENT	3
#define UFT_REC_MAGIC	5
#define UFT_EVENT_USER	1000000u

#define UFT_BUF		(64u << 10)	/* record bytes kept per thread before an append */

struct umod {
	const char *path;	/* the function table's copy, alive as long as the trace */
	uint64_t base, end;
};

/* One process image: a uftrace session. */
struct usess {
	char sid[17];
	pid_t pid;
	uint64_t ts;
	char *exename;
	char *cmdline;		/* argv joined by spaces, for the info file (the first session's) */
	struct umod *mods;
	unsigned int nmods, cap;
};

struct uproc {
	unsigned int sess;	/* 1 + index of its current session in u->sess, 0: none yet */
};

/* A TASK line: a thread in a session from its first record there. */
struct utask {
	pid_t tid, pid;
	unsigned int sess;	/* 1 + index */
	uint64_t ts;
};

struct uthread {
	pid_t tid, pid;
	unsigned int sess;	/* the session its last TASK line named (1 + index) */
	unsigned int task;	/* that TASK line (1 + index) */
	bool created;		/* TID.dat exists: later flushes append */
	bool listed;		/* in taskinfo's tids */
	uint8_t *buf;
	size_t len;
};

/* A traced function, by id. */
struct ufunc {
	const struct func_info *fn;
	uint64_t symaddr;	/* its address relative to its module's mapping */
	int nargs;		/* argument values its records carry (-1: not decided yet) */
	bool ret;		/* exits with a return value */
	bool seen;
};

struct uftrace {
	char *dir;
	unsigned int oflags;
	struct tidmap threads;	/* struct uthread */
	struct tidmap procs;	/* struct uproc */
	struct usess *sess;
	unsigned int nsess, capsess;
	struct ufunc *fns;
	unsigned int nfns;
	struct utask *tasks;	/* task.txt's TASK lines */
	unsigned int ntasks, captasks;
	pid_t *tids;		/* taskinfo's tids, in order of first record */
	unsigned int ntids, captids;
	uint64_t *sc_seen;	/* syscall numbers written as events (bitmap) */
	unsigned int sc_words;
	uint64_t first_ts, last_ts;
	uint64_t args_short;	/* entries with fewer values than their function's others */
	int err;		/* the first write error (reported) */
};

static void uthread_fini(void *v)
{
	free(((struct uthread *)v)->buf);
}

static unsigned int uft_needs(const struct opts *o)
{
	(void)o;
	return SINK_NEED_TIMES | SINK_NEED_EXEC_ARGV;	/* record times; executable names */
}

static int uft_open(struct sink *s)
{
	const struct opts *o = s->o;
	struct uftrace *u;
	struct stat st;

	if (!o->outfile || !strcmp(o->outfile, "-")) {
		pr_warn("--format=uftrace writes a folder of files: give -o DIR");
		return -EINVAL;
	}
	if (mkdir(o->outfile, sink_outfile_flags(o) & OUTF_PRIVATE ? 0700 : 0777) < 0 &&
	    errno != EEXIST) {
		int err = errno;

		pr_warn("cannot create folder %s: %s", o->outfile, strerror(err));
		return -err;
	}
	if (stat(o->outfile, &st) < 0 || !S_ISDIR(st.st_mode)) {
		pr_warn("cannot write uftrace data into %s: not a folder", o->outfile);
		return -ENOTDIR;
	}
	if (access(o->outfile, W_OK | X_OK) < 0) {
		int err = errno;

		pr_warn("cannot write uftrace data into %s: %s", o->outfile, strerror(err));
		return -err;
	}
	u = calloc(1, sizeof(*u));
	if (!u || !(u->dir = strdup(o->outfile))) {
		free(u);
		return -ENOMEM;
	}
	u->oflags = sink_outfile_flags(o);
	tidmap_init(&u->threads, sizeof(struct uthread), uthread_fini);
	tidmap_init(&u->procs, sizeof(struct uproc), NULL);
	s->priv = u;
	return 0;
}

static void oom(void)
{
	fputs("hytrace: out of memory\n", stderr);
	abort();
}

static void *grow(void *p, unsigned int *cap, unsigned int need, size_t size)
{
	if (need <= *cap)
		return p;
	unsigned int n = *cap ? *cap * 2 : 16;

	while (n < need)
		n *= 2;
	p = realloc(p, n * size);
	if (!p)
		oom();
	memset((char *)p + *cap * size, 0, (n - *cap) * size);
	*cap = n;
	return p;
}

/* Write the file DIR/name: len bytes of data (created, or truncated). */
static void write_file(struct uftrace *u, const char *name, const void *data, size_t len)
{
	struct outfile f;
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", u->dir, name);
	int err = outfile_open(&f, path, NULL, u->oflags);

	if (!err) {
		outfile_write(&f, data, len);
		err = outfile_close(&f);
	}
	if (err && !u->err)
		u->err = err;
}

/* Append th's buffered records to DIR/TID.dat (created at the first append). */
static void flush_thread(struct uftrace *u, struct uthread *th)
{
	struct outfile f;
	char path[4096];
	int err;

	if (!th->len)
		return;
	if (u->err) {	/* reported once; the rest is not written, and close says so */
		th->len = 0;
		return;
	}
	snprintf(path, sizeof(path), "%s/%d.dat", u->dir, (int)th->tid);
	err = outfile_open(&f, path, NULL, u->oflags | (th->created ? OUTF_APPEND : 0));
	if (!err) {
		outfile_write(&f, th->buf, th->len);
		err = outfile_close(&f);
	}
	if (err)
		u->err = err;
	th->created = true;
	th->len = 0;
}

/* The executable of the process: /proc/PID/exe while it runs, else argv[0], else comm. */
static char *exe_name(const struct sink *s, const struct task *t)
{
	char link[64], path[4096];
	ssize_t n = -1;

	if (!s->o->input) {	/* a replay's pids are not this machine's processes */
		snprintf(link, sizeof(link), "/proc/%d/exe", (int)t->pid);
		n = readlink(link, path, sizeof(path) - 1);
	}
	if (n > 0) {
		path[n] = '\0';
	} else if (t->cmdline && t->cmdline_len && t->cmdline[0]) {
		snprintf(path, sizeof(path), "%.*s", (int)strnlen(t->cmdline, t->cmdline_len),
			 t->cmdline);
	} else {
		snprintf(path, sizeof(path), "%.*s", (int)strnlen(t->comm, HY_COMM_LEN), t->comm);
		if (!path[0])
			snprintf(path, sizeof(path), "unknown");
	}
	/* task.txt quotes it; read_session_map reads a path as one word */
	for (char *p = path; *p; p++)
		if (*p == '"' || *p == ' ' || *p == '\n')
			*p = '_';
	return strdup(path);
}

/*
 * The command line as uftrace's info keeps it: arguments joined by spaces, double quotes
 * escaped (its json_quote), which its dump --chrome puts between quotes as it is; so that this
 * stays JSON, backslashes and control characters become '_'.
 */
static char *cmd_line(const struct task *t, const char *exename)
{
	const char *c = t->cmdline && t->cmdline_len ? t->cmdline : exename;
	size_t len = t->cmdline && t->cmdline_len ? t->cmdline_len : strlen(exename);
	char *out = malloc(2 * len + 1), *o = out;

	if (!out)
		return NULL;
	while (len && !c[len - 1])
		len--;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)c[i];

		if (!ch)
			*o++ = ' ';
		else if (ch == '"')
			*o++ = '\\', *o++ = '"';
		else if (ch == '\\' || ch < 0x20 || ch == 0x7f)
			*o++ = '_';
		else
			*o++ = (char)ch;
	}
	*o = '\0';
	return out;
}

static void put_ts(struct sbuf *sb, uint64_t ns)
{
	sb_printf(sb, "%" PRIu64 ".%09" PRIu64, ns / 1000000000u, ns % 1000000000u);
}

/*
 * The thread of t, listed in task.txt under its process's current session (a new session for
 * a process seen first, or again after an exec) as of ts.
 */
static struct uthread *thread_of(struct sink *s, struct task *t, uint64_t ts)
{
	struct uftrace *u = s->priv;
	bool created;
	struct uthread *th = tidmap_add(&u->threads, t->tid, &created);
	struct uproc *p = tidmap_add(&u->procs, t->pid, NULL);

	if (!th || !p)
		oom();
	if (created)
		th->tid = t->tid;
	th->pid = t->pid;
	if (!u->first_ts || ts < u->first_ts)
		u->first_ts = ts;
	if (ts > u->last_ts)
		u->last_ts = ts;
	if (!p->sess) {
		struct usess *ss;

		u->sess = grow(u->sess, &u->capsess, u->nsess + 1, sizeof(*u->sess));
		ss = &u->sess[u->nsess++];
		p->sess = u->nsess;
		ss->pid = t->pid;
		ss->ts = ts;
		/* 16 hex digits, as uftrace's random ones: the pid and a count, to be repeatable */
		snprintf(ss->sid, sizeof(ss->sid), "%08x%08x", (unsigned int)t->pid, u->nsess);
		ss->exename = exe_name(s, t);
		ss->cmdline = cmd_line(t, ss->exename);
		if (!ss->exename || !ss->cmdline)
			oom();
	}
	if (th->sess != p->sess) {
		struct utask *tk;

		u->tasks = grow(u->tasks, &u->captasks, u->ntasks + 1, sizeof(*u->tasks));
		tk = &u->tasks[u->ntasks++];
		tk->tid = t->tid;
		tk->pid = t->pid;
		tk->sess = p->sess;
		tk->ts = ts;
		th->sess = p->sess;
		th->task = u->ntasks;
	}
	/*
	 * records come in time order per thread, not across threads (an entry waits for what
	 * happens inside it): a session and a TASK line start at their earliest record
	 */
	if (ts < u->tasks[th->task - 1].ts)
		u->tasks[th->task - 1].ts = ts;
	if (ts < u->sess[p->sess - 1].ts)
		u->sess[p->sess - 1].ts = ts;
	if (!th->listed) {
		th->listed = true;
		u->tids = grow(u->tids, &u->captids, u->ntids + 1, sizeof(*u->tids));
		u->tids[u->ntids++] = t->tid;
	}
	return th;
}

static void put_rec(struct uftrace *u, struct uthread *th, uint64_t ts, unsigned int type,
		    bool more, unsigned int depth, uint64_t addr, const uint64_t *vals, unsigned int n)
{
	uint64_t w[2 + HY_FUNC_ARGS];
	size_t len = 16 + 8 * (size_t)n;

	if (!th->buf && !(th->buf = malloc(UFT_BUF)))	/* freed when the thread ends */
		oom();
	if (th->len + len > UFT_BUF)
		flush_thread(u, th);
	if (depth > UFT_DEPTH_MAX)
		depth = UFT_DEPTH_MAX;
	w[0] = ts;	/* little-endian: the header says so (endian 1) */
	w[1] = (uint64_t)type | (uint64_t)more << 2 | (uint64_t)UFT_REC_MAGIC << 3 |
	       (uint64_t)depth << 6 | (addr & 0xffffffffffffull) << 16;
	if (n)
		memcpy(&w[2], vals, 8 * (size_t)n);
	memcpy(th->buf + th->len, w, len);
	th->len += len;
}

/* The session's mapping of fn's module (added: at addr less the symbol's value). */
static struct umod *module_of(struct usess *ss, const struct func_event *fe)
{
	struct umod *m;
	uint64_t end = fe->addr + (fe->fn->size ? fe->fn->size : 1);

	for (unsigned int i = 0; i < ss->nmods; i++) {
		m = &ss->mods[i];
		if (m->path == fe->fn->module || !strcmp(m->path, fe->fn->module)) {
			if (end > m->end)
				m->end = end;
			return m;
		}
	}
	ss->mods = grow(ss->mods, &ss->cap, ss->nmods + 1, sizeof(*ss->mods));
	m = &ss->mods[ss->nmods++];
	m->path = fe->fn->module;
	m->base = fe->addr - fe->fn->offset;
	m->end = end;
	return m;
}

static struct ufunc *func_of(struct uftrace *u, struct usess *ss, const struct func_event *fe)
{
	uint32_t id = fe->fn->id;
	struct umod *m = module_of(ss, fe);

	if (id >= u->nfns) {
		unsigned int cap = u->nfns;

		u->fns = grow(u->fns, &cap, id + 1, sizeof(*u->fns));
		for (unsigned int i = u->nfns; i < cap; i++)
			u->fns[i].nargs = -1;
		u->nfns = cap;
	}
	struct ufunc *f = &u->fns[id];

	if (!f->seen) {
		f->seen = true;
		f->fn = fe->fn;
		f->symaddr = fe->addr - m->base;
	}
	return f;
}

/* Whether a name can stand in an argspec pattern (a plain C name: no demangling, no , ; @). */
static bool spec_name_ok(const char *name)
{
	if (!name[0] || !strncmp(name, "_Z", 2))
		return false;
	for (const char *p = name; *p; p++)
		if (!(*p == '_' || *p == '.' || (*p >= '0' && *p <= '9') ||
		      ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
			return false;
	return true;
}

static void uft_func(struct sink *s, const struct func_event *fe, struct task *t)
{
	struct uftrace *u = s->priv;
	struct uthread *th = thread_of(s, t, fe->ts);
	struct usess *ss = &u->sess[th->sess - 1];
	struct ufunc *f = func_of(u, ss, fe);
	uint64_t v[HY_FUNC_ARGS];
	unsigned int n = 0;

	if (fe->kind == FUNC_EV_ENTRY) {
		if ((fe->flags & FUNC_EVF_ARGS) && spec_name_ok(fe->fn->name)) {
			unsigned int want = fe->nargs;

			if (fe->fn->nparams >= 0 && (unsigned int)fe->fn->nparams < want)
				want = (unsigned int)fe->fn->nparams;
			if (f->nargs < 0)
				f->nargs = (int)want;	/* the first entry decides: one spec a function */
			if (fe->nargs >= (unsigned int)f->nargs) {
				n = (unsigned int)f->nargs;
				memcpy(v, fe->args, n * sizeof(v[0]));
			} else {
				u->args_short++;
			}
		}
		put_rec(u, th, fe->ts, UFT_ENTRY, n > 0, fe->depth, fe->addr, v, n);
		return;
	}
	if ((fe->flags & FUNC_EVF_RET) && spec_name_ok(fe->fn->name)) {
		f->ret = true;
		v[0] = (uint64_t)fe->ret;
		n = 1;
	}
	put_rec(u, th, fe->ts, UFT_EXIT, n > 0, fe->depth, fe->addr, v, n);
}

/* A syscall as user events: sys_enter_NAME at its entry, sys_exit_NAME at its return. */
static void uft_syscall(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct uftrace *u = s->priv;
	const struct hy_rec *r = &ev->r;
	struct uthread *th;
	unsigned int nr;

	(void)d;
	if (r->nr < 0 || r->nr >= 4096)
		return;	/* no such syscall: nothing to name the event by */
	nr = (unsigned int)r->nr;
	if (nr / 64 >= u->sc_words) {
		unsigned int cap = u->sc_words;

		u->sc_seen = grow(u->sc_seen, &cap, nr / 64 + 1, sizeof(*u->sc_seen));
		u->sc_words = cap;
	}
	u->sc_seen[nr / 64] |= 1ull << (nr % 64);
	th = thread_of(s, t, r->ts_enter);
	if (r->type == HY_REC_ENTER || !(r->flags & HY_F_ENTER_SEEN))
		put_rec(u, th, r->ts_enter, UFT_EVENT, false, t->func_depth, UFT_EVENT_USER + 2 * nr,
			NULL, 0);
	if (r->type == HY_REC_SYSCALL && !(r->flags & HY_F_NO_EXIT)) {
		if (r->ts_exit > u->last_ts)
			u->last_ts = r->ts_exit;
		put_rec(u, th, r->ts_exit, UFT_EVENT, false, t->func_depth,
			UFT_EVENT_USER + 2 * nr + 1, NULL, 0);
	}
}

/*
 * An exec starts a new session (another image, other modules); records stay in TID.dat.  A
 * thread that ends has its records written out and its buffer freed (its calls were closed
 * just before).
 */
static void uft_process(struct sink *s, const struct event *ev, struct task *t)
{
	struct uftrace *u = s->priv;
	struct uthread *th;
	struct uproc *p;

	(void)t;
	if (ev->r.type == HY_REC_EXEC && (p = tidmap_get(&u->procs, ev->r.pid)))
		p->sess = 0;
	if ((ev->r.type == HY_REC_EXIT || ev->r.type == HY_REC_DETACH) &&
	    (th = tidmap_get(&u->threads, ev->r.tid))) {
		flush_thread(u, th);
		free(th->buf);
		th->buf = NULL;
	}
}

static void uft_idle(struct sink *s)
{
	struct uftrace *u = s->priv;
	unsigned int pos = 0;
	struct uthread *th;

	while ((th = tidmap_next(&u->threads, &pos, NULL)))
		flush_thread(u, th);
}

static int cmp_mod(const void *a, const void *b)
{
	const struct umod *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

static int cmp_task(const void *a, const void *b)
{
	const struct utask *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->tid < y->tid ? -1 : x->tid > y->tid;
}

/*
 * task.txt: the SESS and TASK lines in time order, a session before the TASK lines that name
 * it (uftrace looks each TASK's session up by pid and time as it reads the line).
 */
static void write_tasks(struct uftrace *u, struct sbuf *sb)
{
	unsigned int si = 0;

	sb_reset(sb);
	qsort(u->tasks, u->ntasks, sizeof(*u->tasks), cmp_task);
	for (unsigned int i = 0; i <= u->ntasks; i++) {
		const struct utask *tk = i < u->ntasks ? &u->tasks[i] : NULL;

		/* sessions start no later than their first TASK line: in creation order */
		for (; si < u->nsess && (!tk || u->sess[si].ts <= tk->ts); si++) {
			sb_puts(sb, "SESS timestamp=");
			put_ts(sb, u->sess[si].ts);
			sb_printf(sb, " pid=%d sid=%s exename=\"%s\"\n", (int)u->sess[si].pid,
				  u->sess[si].sid, u->sess[si].exename);
		}
		if (!tk)
			break;
		sb_puts(sb, "TASK timestamp=");
		put_ts(sb, tk->ts);
		sb_printf(sb, " tid=%d pid=%d\n", (int)tk->tid, (int)tk->pid);
	}
	write_file(u, "task.txt", sb->s ? sb->s : "", sb->len);
}

/* sid-SID.map: the modules as /proc/PID/maps lines (one mapping each, from base to end). */
static void write_maps(struct uftrace *u, struct usess *ss, struct sbuf *sb)
{
	char name[64];

	sb_reset(sb);
	qsort(ss->mods, ss->nmods, sizeof(*ss->mods), cmp_mod);
	for (unsigned int i = 0; i < ss->nmods; i++) {
		const struct umod *m = &ss->mods[i];
		uint64_t end = (m->end + 4095) & ~(uint64_t)4095;

		/* a later module starting below that page end cuts it there */
		if (i + 1 < ss->nmods && end > ss->mods[i + 1].base)
			end = ss->mods[i + 1].base;
		sb_printf(sb, "%012" PRIx64 "-%012" PRIx64 " r-xp 00000000 00:00 0 %s\n", m->base,
			  end, m->path);
	}
	/* uftrace guesses the kernel's start from the stack's address (guess_kernel_base): without
	 * this line every address counts as the kernel's; the stack's place on x86-64 */
	sb_puts(sb, "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0 [stack]\n");
	snprintf(name, sizeof(name), "sid-%s.map", ss->sid);
	write_file(u, name, sb->s ? sb->s : "", sb->len);
}

static int cmp_func(const void *a, const void *b)
{
	const struct ufunc *x = *(const struct ufunc *const *)a, *y = *(const struct ufunc *const *)b;

	if (x->symaddr != y->symaddr)
		return x->symaddr < y->symaddr ? -1 : 1;
	return x->fn->id < y->fn->id ? -1 : x->fn->id > y->fn->id;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/*
 * MODULE.sym for each module: its functions as "ADDR T NAME" (uftrace's symbol file, as
 * save_module_symbol_file writes it), each followed by a "? __func_end" line at its end.  A
 * second module of the same file name gets NAME-CSUM.sym, the name uftrace looks for then
 * (make_new_symbol_filename: the 16-bit sum of the path's bytes, without a build-id).
 */
static void write_syms(struct uftrace *u, struct sbuf *sb)
{
	struct ufunc **list = malloc((u->nfns + 1) * sizeof(*list));
	const char **done = malloc((u->nfns + 1) * sizeof(*done));
	unsigned int ndone = 0;

	if (!list || !done)
		oom();
	for (unsigned int i = 0; i < u->nfns; i++) {
		const char *mod;
		unsigned int n = 0;
		bool again = false;

		if (!u->fns[i].seen)
			continue;
		mod = u->fns[i].fn->module;
		for (unsigned int j = 0; j < ndone && !again; j++)
			again = !strcmp(done[j], mod);
		if (again)
			continue;
		for (unsigned int j = i; j < u->nfns; j++)
			if (u->fns[j].seen && !strcmp(u->fns[j].fn->module, mod))
				list[n++] = &u->fns[j];
		qsort(list, n, sizeof(*list), cmp_func);
		sb_reset(sb);
		sb_printf(sb, "# symbols: %u\n# path name: %s\n", n, mod);
		for (unsigned int j = 0; j < n; j++) {
			const struct ufunc *f = list[j];
			uint64_t end = f->symaddr + (f->fn->size ? f->fn->size : 1);

			if (j && f->symaddr == list[j - 1]->symaddr)
				continue;	/* an alias: the first name stands for the address */
			sb_printf(sb, "%016" PRIx64 " T %s\n", f->symaddr, f->fn->name);
			if (j + 1 == n || list[j + 1]->symaddr >= end)
				sb_printf(sb, "%016" PRIx64 " ? __func_end\n", end);
		}
		/* the file name: the first module of a name takes it plain */
		char name[512];
		bool clash = false;
		const char *bn = base_name(mod);

		for (unsigned int j = 0; j < ndone && !clash; j++)
			clash = !strcmp(base_name(done[j]), bn);
		if (clash) {
			uint16_t csum = 0;

			for (const char *p = mod; *p; p++)
				csum = (uint16_t)(csum + (int)*p);
			snprintf(name, sizeof(name), "%s-%04x.sym", bn, csum);
		} else {
			snprintf(name, sizeof(name), "%s.sym", bn);
		}
		done[ndone++] = mod;
		write_file(u, name, sb->s, sb->len);
	}
	free(list);
	free(done);
}

/* argspec/retspec: "^NAME$@arg1,...,MODULE" per function with values (pattern_type regex). */
static void put_spec(struct sbuf *sb, const struct ufunc *f, bool ret)
{
	static const char *const actions[] = {	/* a module named like one is left out */
		"arg", "fparg", "retval", "filter", "notrace", "depth=", "time=", "size=",
		"caller", "hide", "trace", "finish", "read=", "color=", "backtrace", "recover",
		"auto-args",
	};
	const char *mod = base_name(f->fn->module);
	bool with_mod = mod[0] && !strpbrk(mod, ",;@");

	for (size_t i = 0; with_mod && i < sizeof(actions) / sizeof(actions[0]); i++)
		if (!strncasecmp(mod, actions[i], strlen(actions[i])))
			with_mod = false;
	if (sb->len)
		sb_putc(sb, ';');
	sb_putc(sb, '^');
	for (const char *p = f->fn->name; *p; p++) {
		if (*p == '.')
			sb_putc(sb, '\\');
		sb_putc(sb, *p);
	}
	sb_puts(sb, "$@");
	if (ret)
		sb_puts(sb, "retval");
	for (int i = 0; !ret && i < f->nargs; i++)
		sb_printf(sb, "%sarg%d", i ? "," : "", i + 1);
	if (with_mod)
		sb_printf(sb, ",%s", mod);
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return x < y ? -1 : x > y;
}

/* The model name of the first CPU (what uftrace's cpuinfo:desc holds on x86). */
static void cpu_desc(char *buf, size_t size)
{
	FILE *fp = fopen("/proc/cpuinfo", "r");
	char line[512];

	snprintf(buf, size, "unknown");
	while (fp && fgets(line, sizeof(line), fp)) {
		char *c = strchr(line, ':');

		if (!strncmp(line, "model name", 10) && c) {
			c += c[1] == ' ' ? 2 : 1;
			c[strcspn(c, "\n")] = '\0';
			snprintf(buf, size, "%s", c);
			break;
		}
	}
	if (fp)
		fclose(fp);
}

/* The info file: the header, then the sections of info_mask in bit order. */
static void write_info(struct sink *s, struct sbuf *sb)
{
	struct uftrace *u = s->priv;
	struct sbuf args = { 0 }, rets = { 0 };
	uint64_t feat = UFT_FEAT_TASK_SESSION | UFT_FEAT_SYM_REL_ADDR | UFT_FEAT_MAX_STACK;
	uint64_t info = UFT_INFO_EXE_NAME | UFT_INFO_CMDLINE | UFT_INFO_CPUINFO | UFT_INFO_OSINFO |
			UFT_INFO_TASKINFO | UFT_INFO_RECORD_DATE | UFT_INFO_PATTERN_TYPE |
			UFT_INFO_VERSION;
	uint8_t hdr[UFT_HDR_SIZE] = { 0 };
	uint32_t version = UFT_FILE_VERSION;
	uint16_t hsize = UFT_HDR_SIZE, max_stack = UFT_MAX_STACK;
	struct utsname uts;
	char desc[256];
	time_t now = time(NULL);
	char date[64];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN), npos = sysconf(_SC_NPROCESSORS_CONF);
	bool events = false;

	for (unsigned int i = 0; i < u->nfns; i++) {
		const struct ufunc *f = &u->fns[i];

		if (f->seen && f->nargs > 0)
			put_spec(&args, f, false);
		if (f->seen && f->ret)
			put_spec(&rets, f, true);
	}
	if (args.len) {
		feat |= UFT_FEAT_ARGUMENT;
		info |= UFT_INFO_ARG_SPEC;
	}
	if (rets.len) {
		feat |= UFT_FEAT_RETVAL;
		info |= UFT_INFO_ARG_SPEC;
	}
	for (unsigned int i = 0; i < u->sc_words; i++)
		events |= u->sc_seen[i] != 0;
	if (events)
		feat |= UFT_FEAT_EVENT;

	memcpy(hdr, UFT_MAGIC, 8);
	memcpy(hdr + 8, &version, 4);
	memcpy(hdr + 12, &hsize, 2);
	hdr[14] = 1;	/* ELFDATA2LSB */
	hdr[15] = 2;	/* ELFCLASS64 */
	memcpy(hdr + 16, &feat, 8);
	memcpy(hdr + 24, &info, 8);
	memcpy(hdr + 32, &max_stack, 2);
	sb_reset(sb);
	sb_putn(sb, (const char *)hdr, sizeof(hdr));

	sb_printf(sb, "exename:%s\n", u->nsess ? u->sess[0].exename : "unknown");
	sb_printf(sb, "cmdline:%s\n", u->nsess ? u->sess[0].cmdline : "unknown");
	cpu_desc(desc, sizeof(desc));
	sb_printf(sb, "cpuinfo:lines=2\ncpuinfo:nr_cpus=%ld / %ld (online/possible)\n"
		  "cpuinfo:desc=%s\n", ncpu, npos, desc);
	if (uname(&uts) < 0)
		memset(&uts, 0, sizeof(uts));
	sb_printf(sb, "osinfo:lines=3\nosinfo:kernel=%s %s\nosinfo:hostname=%s\n"
		  "osinfo:distro=\"unknown\"\n", uts.sysname, uts.release, uts.nodename);
	qsort(u->tids, u->ntids, sizeof(*u->tids), cmp_pid);	/* as uftrace lists them */
	sb_printf(sb, "taskinfo:lines=2\ntaskinfo:nr_tid=%u\ntaskinfo:tids=", u->ntids);
	for (unsigned int i = 0; i < u->ntids; i++)
		sb_printf(sb, "%s%d", i ? "," : "", (int)u->tids[i]);
	sb_putc(sb, '\n');
	if (info & UFT_INFO_ARG_SPEC) {
		sb_printf(sb, "argspec:lines=%d\n", !!args.len + !!rets.len);
		if (args.len)
			sb_printf(sb, "argspec:%.*s\n", (int)args.len, args.s);
		if (rets.len)
			sb_printf(sb, "retspec:%.*s\n", (int)rets.len, rets.s);
	}
	ctime_r(&now, date);	/* ends in a newline, as uftrace writes it */
	sb_printf(sb, "record_date:%s", date);
	sb_printf(sb, "elapsed_time:%" PRIu64 ".%09" PRIu64 " sec\n",
		  (u->last_ts - u->first_ts) / 1000000000u, (u->last_ts - u->first_ts) % 1000000000u);
	sb_puts(sb, "pattern_type:regex\n");
	sb_printf(sb, "uftrace_version:hytrace %s\n", HYTRACE_VERSION);
	write_file(u, "info", sb->s, sb->len);
	sb_free(&args);
	sb_free(&rets);
}

static void write_events(struct uftrace *u, struct sbuf *sb)
{
	sb_reset(sb);
	for (unsigned int nr = 0; nr < u->sc_words * 64; nr++) {
		const struct sysent *se;
		char buf[32];
		const char *name;

		if (!(u->sc_seen[nr / 64] >> (nr % 64) & 1))
			continue;
		se = sysent_get(nr);
		if (se) {
			name = se->name;
		} else {
			snprintf(buf, sizeof(buf), "syscall_%u", nr);
			name = buf;
		}
		sb_printf(sb, "EVENT: %u syscalls:sys_enter_%s\n", UFT_EVENT_USER + 2 * nr, name);
		sb_printf(sb, "EVENT: %u syscalls:sys_exit_%s\n", UFT_EVENT_USER + 2 * nr + 1, name);
	}
	if (sb->len)
		write_file(u, "events.txt", sb->s, sb->len);
}

static int uft_close(struct sink *s)
{
	struct uftrace *u = s->priv;
	struct sbuf sb = { 0 };
	int err;

	uft_idle(s);
	if (u->args_short)
		pr_warn("--format=uftrace: %llu calls with fewer argument values than other calls "
			"of their function are written without them",
			(unsigned long long)u->args_short);
	if (!u->ntids)
		pr_warn("--format=uftrace: no function entered and no syscall: %s holds an empty "
			"trace that uftrace refuses", u->dir);
	write_tasks(u, &sb);
	for (unsigned int i = 0; i < u->nsess; i++)
		write_maps(u, &u->sess[i], &sb);
	write_syms(u, &sb);
	write_events(u, &sb);
	write_info(s, &sb);
	err = u->err;
	sb_free(&sb);
	free(u->tasks);
	for (unsigned int i = 0; i < u->nsess; i++) {
		free(u->sess[i].exename);
		free(u->sess[i].cmdline);
		free(u->sess[i].mods);
	}
	free(u->sess);
	free(u->fns);
	free(u->tids);
	free(u->sc_seen);
	tidmap_free(&u->threads);
	tidmap_free(&u->procs);
	free(u->dir);
	free(u);
	s->priv = NULL;
	return err;
}

const struct sink_ops sink_uftrace_ops = {
	.name = "uftrace",
	.help = "--func calls in uftrace's data format: -o DIR, then uftrace replay -d DIR",
	.needs = uft_needs,
	.open = uft_open,
	.syscall = uft_syscall,
	.raw_syscalls = true,
	.process = uft_process,
	.func = uft_func,
	.idle = uft_idle,
	.close = uft_close,
};
