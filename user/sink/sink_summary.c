// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_summary.c: per-syscall totals: strace's -c/-C table and the -j JSON summary. */
/*
 * With --cuda, ioctls on NVIDIA devices also count under their command (issue 11): one more
 * row per command, "ioctl:NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2", after the
 * syscall rows (they break the ioctl row down, so "total" counts only the syscall rows), and
 * a call whose driver status is not NV_OK counts as an error in both rows.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "log.h"
#include "nvcall.h"
#include "sink.h"
#include "tidmap.h"

struct sum_row {
	long nr;		/* -1 for a command row */
	const char *name;
	struct hy_sum s;
};

/* A command row (--cuda), in an open-addressing table keyed by its name. */
struct cmd_row {
	char *name;		/* NULL: a free slot */
	uint64_t hash;
	struct hy_sum s;
};

#define CMD_NAME_MAX	192	/* longer names are cut: "ioctl:" + the longest label is ~100 */

/* --func: a traced function's totals, as uftrace report counts them. */
struct func_row {
	const struct func_info *fn;	/* NULL: not called */
	uint64_t calls;
	uint64_t total_ns;	/* without the calls made inside a call of itself (recursion) */
	uint64_t self_ns;	/* less the time in traced calls it made */
	uint64_t min_ns, max_ns;
};

/* --func: a thread's open calls, by depth: the function and the time of the calls inside. */
struct func_thr {
	unsigned int cap;
	uint32_t *fid;
	uint64_t *child_ns;
};

struct summary {
	struct hy_sum s[HY_NR_MAX];
	struct func_row *funcs;	/* by function id */
	unsigned int nfuncs;
	struct tidmap fthreads;	/* struct func_thr by tid */
	struct outfile out;	/* opened at start for -c, so a bad -o fails before the command */
	struct cmd_row *cmds;	/* cmd_cap slots (a power of two), ncmds used */
	size_t ncmds, cmd_cap;
	bool oom;		/* a command row could not be added: said once */
};

static void func_thr_fini(void *v)
{
	struct func_thr *th = v;

	free(th->fid);
	free(th->child_ns);
}

static int summary_open(struct sink *sk)
{
	const struct opts *o = sk->o;
	struct summary *sm = calloc(1, sizeof(*sm));

	if (!sm)
		return -ENOMEM;
	sk->priv = sm;
	tidmap_init(&sm->fthreads, sizeof(struct func_thr), func_thr_fini);
	for (int i = 0; i < HY_NR_MAX; i++)
		sm->s[i].ns_min = UINT64_MAX;
	if (!sink_has_trace(o) && o->outfile && o->follow < 2) {
		int err = outfile_open(&sm->out, o->outfile, stderr, sink_outfile_flags(o));

		if (err) {
			free(sm);
			sk->priv = NULL;
			return err;
		}
	}
	return 0;
}

static unsigned int summary_needs(const struct opts *o)
{
	return SINK_NEED_TIMES;
}

static void sum_into(struct hy_sum *s, const struct hy_sum *in)
{
	s->calls += in->calls;
	s->errors += in->errors;
	s->ns_total += in->ns_total;
	if (in->ns_min < s->ns_min)
		s->ns_min = in->ns_min;
	if (in->ns_max > s->ns_max)
		s->ns_max = in->ns_max;
}

static void summary_add(struct sink *sk, long nr, const struct hy_sum *in)
{
	struct summary *sm = sk->priv;

	if (nr < 0 || nr >= HY_NR_MAX || !in->calls)
		return;
	sum_into(&sm->s[nr], in);
}

static uint64_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

/* The slot for name in a table of cap slots: its row, or the free slot it would take. */
static struct cmd_row *cmd_slot(struct cmd_row *t, size_t cap, const char *name, uint64_t h)
{
	for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1))
		if (!t[i].name || (t[i].hash == h && !strcmp(t[i].name, name)))
			return &t[i];
}

/* Add one call to the row of command name; 0 or -ENOMEM. */
static int cmd_add(struct summary *sm, const char *name, const struct hy_sum *in)
{
	uint64_t h = name_hash(name);
	struct cmd_row *r;

	if (2 * (sm->ncmds + 1) > sm->cmd_cap) {	/* keep at most half full */
		size_t cap = sm->cmd_cap ? 2 * sm->cmd_cap : 64;
		struct cmd_row *t = calloc(cap, sizeof(*t));

		if (!t)
			return -ENOMEM;
		for (size_t i = 0; i < sm->cmd_cap; i++)
			if (sm->cmds[i].name)
				*cmd_slot(t, cap, sm->cmds[i].name, sm->cmds[i].hash) = sm->cmds[i];
		free(sm->cmds);
		sm->cmds = t;
		sm->cmd_cap = cap;
	}
	r = cmd_slot(sm->cmds, sm->cmd_cap, name, h);
	if (!r->name) {
		r->name = strdup(name);
		if (!r->name)
			return -ENOMEM;
		r->hash = h;
		r->s.ns_min = UINT64_MAX;
		sm->ncmds++;
	}
	sum_into(&r->s, in);
	return 0;
}

static void summary_syscall(struct sink *sk, const struct event *ev, struct dctx *d, struct task *t)
{
	/* strace counts a call when it returns: exit_group and calls cut by the death of their
	 * process are not in its table */
	if (ev->r.type != HY_REC_SYSCALL || (ev->r.flags & HY_F_NO_EXIT))
		return;
	uint64_t ns = 0;

	if (!(ev->r.flags & HY_F_NO_EXIT) && ev->r.ts_exit > ev->r.ts_enter)
		ns = ev->r.ts_exit - ev->r.ts_enter;
	struct hy_sum one = {
		.calls = 1,
		.errors = d->ret_is_error,
		.ns_total = ns,
		.ns_min = ns,
		.ns_max = ns,
	};
	struct nvcall nc;

	if (sk->o->cuda != CUDA_OFF && nvcall_get(ev, &nc)) {
		struct summary *sm = sk->priv;
		char name[CMD_NAME_MAX];

		one.errors |= nvcall_failed(ev, &nc);
		nvcall_row(ev, &nc, name, sizeof(name));
		if (cmd_add(sm, name, &one) && !sm->oom) {
			pr_warn("out of memory: -c rows of NVIDIA commands are incomplete");
			sm->oom = true;
		}
	}
	summary_add(sk, ev->r.nr, &one);
}

static void *grow_zero(void *p, size_t old, size_t n, size_t size)
{
	p = realloc(p, n * size);
	if (!p) {
		fputs("hytrace: out of memory\n", stderr);
		abort();
	}
	memset((char *)p + old * size, 0, (n - old) * size);
	return p;
}

/*
 * --func: calls, total and self time per function, as uftrace report: a call's total is its
 * duration, counted once for a recursion (the calls of a function inside a call of itself
 * add to its calls and self time, not again to its total); self time is the total less the
 * time of the traced calls made directly inside it.
 */
static void summary_func(struct sink *sk, const struct func_event *fe, struct task *t)
{
	struct summary *sm = sk->priv;
	struct func_thr *th = tidmap_add(&sm->fthreads, t->tid, NULL);
	unsigned int d = fe->depth;
	uint32_t id = fe->fn->id;

	if (!th) {
		fputs("hytrace: out of memory\n", stderr);
		abort();
	}
	if (d >= th->cap) {
		unsigned int cap = th->cap ? th->cap : 64;

		while (cap <= d)
			cap *= 2;
		th->fid = grow_zero(th->fid, th->cap, cap, sizeof(*th->fid));
		th->child_ns = grow_zero(th->child_ns, th->cap, cap, sizeof(*th->child_ns));
		th->cap = cap;
	}
	if (fe->kind == FUNC_EV_ENTRY) {
		th->fid[d] = id;
		th->child_ns[d] = 0;
		return;
	}
	if (id >= sm->nfuncs) {
		unsigned int n = sm->nfuncs ? sm->nfuncs : 64;

		while (n <= id)
			n *= 2;
		sm->funcs = grow_zero(sm->funcs, sm->nfuncs, n, sizeof(*sm->funcs));
		sm->nfuncs = n;
	}
	struct func_row *r = &sm->funcs[id];
	uint64_t dur = fe->ts > fe->ts_entry ? fe->ts - fe->ts_entry : 0;
	uint64_t child = th->child_ns[d] < dur ? th->child_ns[d] : dur;
	bool recursive = false;

	for (unsigned int i = 0; i < d && !recursive; i++)
		recursive = th->fid[i] == id;
	if (!r->fn) {
		r->fn = fe->fn;
		r->min_ns = UINT64_MAX;
	}
	r->calls++;
	if (!recursive)
		r->total_ns += dur;
	r->self_ns += dur - child;
	if (dur < r->min_ns)
		r->min_ns = dur;
	if (dur > r->max_ns)
		r->max_ns = dur;
	if (d)
		th->child_ns[d - 1] += dur;
}

static int func_row_cmp(const void *a, const void *b)
{
	const struct func_row *x = a, *y = b;

	if (x->total_ns != y->total_ns)
		return x->total_ns < y->total_ns ? 1 : -1;
	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return strcmp(x->fn->name, y->fn->name);
}

/* The called functions, by total time (as uftrace report sorts), into a new array. */
static struct func_row *func_rows(const struct summary *sm, unsigned int *n)
{
	struct func_row *rows = calloc(sm->nfuncs + 1, sizeof(*rows));

	*n = 0;
	if (!rows)
		return NULL;
	for (unsigned int i = 0; i < sm->nfuncs; i++)
		if (sm->funcs[i].fn)
			rows[(*n)++] = sm->funcs[i];
	qsort(rows, *n, sizeof(*rows), func_row_cmp);
	return rows;
}

/* A time as uftrace report prints it: 3 decimals of us, ms or s. */
static void put_time(FILE *fp, uint64_t ns)
{
	if (ns < 1000000)
		fprintf(fp, "%8.3f us", ns / 1e3);
	else if (ns < 1000000000)
		fprintf(fp, "%8.3f ms", ns / 1e6);
	else
		fprintf(fp, "%8.3f  s", ns / 1e9);
}

static void print_funcs(FILE *fp, const struct func_row *rows, unsigned int n)
{
	fputs("\n  Total time   Self time       Calls  Function\n"
	      "  ==========  ==========  ==========  ====================\n", fp);
	for (unsigned int i = 0; i < n; i++) {
		fputs(" ", fp);
		put_time(fp, rows[i].total_ns);
		fputs(" ", fp);
		put_time(fp, rows[i].self_ns);
		fprintf(fp, "  %10llu  %s\n", (unsigned long long)rows[i].calls, rows[i].fn->name);
	}
}

static void json_funcs(FILE *fp, const struct func_row *rows, unsigned int n)
{
	fputs(",\"functions\":[", fp);
	for (unsigned int i = 0; i < n; i++) {
		const struct func_row *r = &rows[i];

		fputs(i ? ",{\"name\":\"" : "{\"name\":\"", fp);
		for (const char *c = r->fn->name; *c; c++)
			if (*c == '"' || *c == '\\' || (unsigned char)*c < 0x20)
				fprintf(fp, "\\u%04x", (unsigned char)*c);
			else
				fputc(*c, fp);
		fputs("\",\"module\":\"", fp);
		for (const char *c = r->fn->module; *c; c++)
			if (*c == '"' || *c == '\\' || (unsigned char)*c < 0x20)
				fprintf(fp, "\\u%04x", (unsigned char)*c);
			else
				fputc(*c, fp);
		fprintf(fp, "\",\"calls\":%llu,\"total_ns\":%llu,\"self_ns\":%llu,\"min_ns\":%llu,"
			"\"max_ns\":%llu}", (unsigned long long)r->calls,
			(unsigned long long)r->total_ns, (unsigned long long)r->self_ns,
			(unsigned long long)r->min_ns, (unsigned long long)r->max_ns);
	}
	fputs("]", fp);
}

static const char *sort_key;

static const char *row_name(const struct sum_row *r)
{
	return r->name;
}

static int row_cmp(const void *a, const void *b)
{
	const struct sum_row *x = a, *y = b;
	int c = 0;

	if (!strcmp(sort_key, "calls"))
		c = (x->s.calls < y->s.calls) - (x->s.calls > y->s.calls);
	else if (!strcmp(sort_key, "errors"))
		c = (x->s.errors < y->s.errors) - (x->s.errors > y->s.errors);
	else if (!strcmp(sort_key, "name") || !strcmp(sort_key, "syscall"))
		return strcmp(row_name(x), row_name(y));
	else if (!strcmp(sort_key, "nothing") || !strcmp(sort_key, "none"))
		c = (x->nr > y->nr) - (x->nr < y->nr);	/* command rows (nr -1): by name */
	else if (!strcmp(sort_key, "avg-time")) {
		uint64_t ax = x->s.ns_total / x->s.calls, ay = y->s.ns_total / y->s.calls;

		c = (ax < ay) - (ax > ay);
	} else if (!strcmp(sort_key, "max-time"))
		c = (x->s.ns_max < y->s.ns_max) - (x->s.ns_max > y->s.ns_max);
	else if (!strcmp(sort_key, "min-time"))
		c = (x->s.ns_min < y->s.ns_min) - (x->s.ns_min > y->s.ns_min);
	else
		c = (x->s.ns_total < y->s.ns_total) - (x->s.ns_total > y->s.ns_total);
	return c ? c : strcmp(row_name(x), row_name(y));
}

/* -U columns (strace 6.1's count.c: names, headers, widths) */
enum col { COL_PCT, COL_TOTAL, COL_AVG, COL_MIN, COL_MAX, COL_CALLS, COL_ERRORS, COL_NAME, COL_NR };

static const struct {
	const char *names[4];
	const char *header;
	int width;
} columns[COL_NR] = {
	[COL_PCT] = { { "time-percent", "time" }, "% time", 6 },
	[COL_TOTAL] = { { "total-time", "time-total" }, "seconds", 11 },
	[COL_AVG] = { { "avg-time", "time-avg" }, "usecs/call", 11 },
	[COL_MIN] = { { "min-time", "shortest", "time-min" }, "shortest", 8 },
	[COL_MAX] = { { "max-time", "longest", "time-max" }, "longest", 8 },
	[COL_CALLS] = { { "calls", "count" }, "calls", 9 },
	[COL_ERRORS] = { { "errors", "error" }, "errors", 9 },
	[COL_NAME] = { { "name", "syscall", "syscall-name" }, "syscall", 16 },
};

/* The columns of -U (checked by opts_parse), the name last when not given; their number. */
static int table_columns(const char *spec, enum col *out)
{
	static const enum col defaults[] = { COL_PCT, COL_TOTAL, COL_AVG, COL_CALLS, COL_ERRORS,
					     COL_NAME };
	int n = 0;
	bool name = false;

	if (!spec) {
		memcpy(out, defaults, sizeof(defaults));
		return 6;
	}
	for (const char *p = spec; *p && n < COL_NR * 4;) {
		size_t len = strcspn(p, ",");

		for (int c = 0; c < COL_NR; c++)
			for (int k = 0; k < 4 && columns[c].names[k]; k++)
				if (strlen(columns[c].names[k]) == len &&
				    !strncmp(p, columns[c].names[k], len)) {
					out[n++] = (enum col)c;
					name |= c == COL_NAME;
				}
		p += len + (p[len] == ',');
	}
	if (!name)
		out[n++] = COL_NAME;
	return n;
}

/* One row; the -O overhead is already taken off s's times. */
static void table_row(FILE *fp, const enum col *cols, int ncols, double pct,
		      const struct hy_sum *s, const char *name)
{
	for (int i = 0; i < ncols; i++) {
		bool last = i == ncols - 1;

		switch (cols[i]) {
		case COL_PCT: fprintf(fp, "%6.2f", pct); break;
		case COL_TOTAL: fprintf(fp, "%11.6f", s->ns_total / 1e9); break;
		case COL_AVG:
			fprintf(fp, "%11llu", s->calls ?
				(unsigned long long)(s->ns_total / 1000 / s->calls) : 0ull);
			break;
		case COL_MIN:
			fprintf(fp, "%8.6f", s->calls ? s->ns_min / 1e9 : 0.0);
			break;
		case COL_MAX: fprintf(fp, "%8.6f", s->ns_max / 1e9); break;
		case COL_CALLS: fprintf(fp, "%9llu", (unsigned long long)s->calls); break;
		case COL_ERRORS:
			if (s->errors)
				fprintf(fp, "%9llu", (unsigned long long)s->errors);
			else
				fputs("         ", fp);
			break;
		case COL_NAME:
			fprintf(fp, last ? "%s" : "%-16s", name);
			break;
		case COL_NR:
			break;
		}
		fputc(last ? '\n' : ' ', fp);
	}
}

static void dashes(FILE *fp, const enum col *cols, int ncols)
{
	for (int i = 0; i < ncols; i++) {
		for (int k = 0; k < columns[cols[i]].width; k++)
			fputc('-', fp);
		fputc(i == ncols - 1 ? '\n' : ' ', fp);
	}
}

/* -O: the tracing overhead taken off each call (from the totals: a call shorter than it
 * counts as 0 in min and max, but the total loses the overhead of every call) */
static struct hy_sum less_overhead(const struct hy_sum *in, int64_t ns)
{
	struct hy_sum s = *in;
	uint64_t o = ns > 0 ? (uint64_t)ns : 0, all = o * s.calls;

	s.ns_total = s.ns_total > all ? s.ns_total - all : 0;
	s.ns_min = s.ns_min > o ? s.ns_min - o : 0;
	s.ns_max = s.ns_max > o ? s.ns_max - o : 0;
	return s;
}

/* The table as strace -c -w prints it (times are wall-clock time inside each call); the
 * nc command rows (--cuda) follow the syscall rows, before the total of the syscalls. */
static void print_table(FILE *fp, const struct opts *o, struct sum_row *rows, int n,
			const struct sum_row *cmds, int nc)
{
	struct hy_sum tot = { .ns_min = UINT64_MAX };
	enum col cols[COL_NR * 4 + 1];
	int ncols = table_columns(o->columns, cols);

	for (int i = 0; i < n; i++) {
		if (o->overhead_ns >= 0)
			rows[i].s = less_overhead(&rows[i].s, o->overhead_ns);
		sum_into(&tot, &rows[i].s);
	}
	if (!n)
		tot.ns_min = 0;
	for (int i = 0; i < ncols; i++) {	/* the header: numbers right-aligned, the name left */
		bool last = i == ncols - 1;

		if (cols[i] == COL_NAME)
			fprintf(fp, last ? "%s" : "%-16s", columns[COL_NAME].header);
		else
			fprintf(fp, "%*s", columns[cols[i]].width, columns[cols[i]].header);
		fputc(last ? '\n' : ' ', fp);
	}
	dashes(fp, cols, ncols);
	for (int i = 0; i < n; i++)
		table_row(fp, cols, ncols, tot.ns_total ? 100.0 * rows[i].s.ns_total / tot.ns_total : 0,
			  &rows[i].s, row_name(&rows[i]));
	for (int i = 0; i < nc; i++) {
		struct hy_sum s = o->overhead_ns >= 0 ? less_overhead(&cmds[i].s, o->overhead_ns) :
				  cmds[i].s;

		table_row(fp, cols, ncols, tot.ns_total ? 100.0 * s.ns_total / tot.ns_total : 0, &s,
			  cmds[i].name);
	}
	dashes(fp, cols, ncols);
	table_row(fp, cols, ncols, 100.0, &tot, "total");
}

static void json_counts(FILE *fp, unsigned long long calls, unsigned long long errors,
			unsigned long long ns, unsigned long long mn, unsigned long long mx)
{
	fprintf(fp, "\"calls\":%llu,\"errors\":%llu,\"total_ns\":%llu,\"avg_ns\":%llu,"
		"\"min_ns\":%llu,\"max_ns\":%llu}", calls, errors, ns, calls ? ns / calls : 0, mn, mx);
}

static void print_json(FILE *fp, struct sum_row *rows, int n, const struct sum_row *cmds, int nc,
		       const struct func_row *frows, unsigned int nf)
{
	unsigned long long tot_ns = 0, tot_calls = 0, tot_err = 0, mn = UINT64_MAX, mx = 0;

	fputs("{\"syscalls\":[", fp);
	for (int i = 0; i < n; i++) {
		const struct hy_sum *s = &rows[i].s;

		fprintf(fp, "%s{\"name\":\"%s\",\"nr\":%ld,", i ? "," : "", row_name(&rows[i]),
			rows[i].nr);
		json_counts(fp, s->calls, s->errors, s->ns_total, s->ns_min, s->ns_max);
		tot_ns += s->ns_total;
		tot_calls += s->calls;
		tot_err += s->errors;
		if (s->ns_min < mn)
			mn = s->ns_min;
		if (s->ns_max > mx)
			mx = s->ns_max;
	}
	fputs("]", fp);
	if (nc)	/* --cuda: NVIDIA commands, not counted again in the total */
		fputs(",\"commands\":[", fp);
	for (int i = 0; i < nc; i++) {
		const struct hy_sum *s = &cmds[i].s;

		fputs(i ? ",{\"name\":\"" : "{\"name\":\"", fp);
		for (const char *c = cmds[i].name; *c; c++)	/* labels are names; escape anyway */
			if (*c == '"' || *c == '\\' || (unsigned char)*c < 0x20)
				fprintf(fp, "\\u%04x", (unsigned char)*c);
			else
				fputc(*c, fp);
		fputs("\",", fp);
		json_counts(fp, s->calls, s->errors, s->ns_total, s->ns_min, s->ns_max);
	}
	if (nc)
		fputs("]", fp);
	if (nf)	/* --func: the functions called */
		json_funcs(fp, frows, nf);
	fputs(",\"total\":{", fp);
	json_counts(fp, tot_calls, tot_err, tot_ns, n ? mn : 0, mx);
	fputs("}\n", fp);
}

static int summary_close(struct sink *sk)
{
	struct summary *sm = sk->priv;
	const struct opts *o = sk->o;
	struct sum_row *rows, *cmds;
	int n = 0, nc = 0, ret = 0;
	FILE *fp;

	if (!sm)
		return 0;
	rows = calloc(HY_NR_MAX + sm->ncmds, sizeof(*rows));
	if (!rows)
		return -ENOMEM;
	for (int i = 0; i < HY_NR_MAX; i++) {
		const struct sysent *se = sysent_get(i);

		if (!sm->s[i].calls)
			continue;
		rows[n].nr = i;
		rows[n].name = se ? se->name : "?";
		rows[n].s = sm->s[i];
		n++;
	}
	cmds = rows + n;
	for (size_t i = 0; i < sm->cmd_cap; i++) {
		if (!sm->cmds[i].name)
			continue;
		cmds[nc].nr = -1;
		cmds[nc].name = sm->cmds[i].name;
		cmds[nc].s = sm->cmds[i].s;
		nc++;
	}
	sort_key = o->sortby ? o->sortby : "time";
	qsort(rows, n, sizeof(*rows), row_cmp);
	qsort(cmds, nc, sizeof(*cmds), row_cmp);
	if (!sm->out.fp && o->outfile && o->follow < 2)	/* -C: after the trace */
		ret = outfile_open(&sm->out, o->outfile, stderr,
				   sink_outfile_flags(o) | OUTF_APPEND);
	if (!sm->out.fp && !ret)
		ret = outfile_open(&sm->out, NULL, stderr, 0);
	fp = sm->out.fp;
	unsigned int nf = 0;
	struct func_row *frows = func_rows(sm, &nf);

	if (fp && o->summary_json)
		print_json(fp, rows, n, cmds, nc, frows, nf);
	else if (fp)
		print_table(fp, o, rows, n, cmds, nc);
	if (fp && !o->summary_json && nf)
		print_funcs(fp, frows, nf);
	free(frows);
	free(sm->funcs);
	tidmap_free(&sm->fthreads);
	int err = outfile_close(&sm->out);

	if (!ret)
		ret = err;
	free(rows);
	for (size_t i = 0; i < sm->cmd_cap; i++)
		free(sm->cmds[i].name);
	free(sm->cmds);
	free(sm);
	sk->priv = NULL;
	return ret;
}

const struct sink_ops sink_summary_ops = {
	.name = NULL,	/* chosen by -c, -C and -j, not by --format */
	.help = "per-syscall totals",
	.needs = summary_needs,
	.open = summary_open,
	.syscall = summary_syscall,
	.func = summary_func,
	.totals = summary_add,
	.close = summary_close,
};
