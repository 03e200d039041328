// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_summary.c: per-syscall totals: strace's -c/-C table and the -j JSON summary. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "log.h"
#include "sink.h"

struct sum_row {
	long nr;
	struct hy_sum s;
};

struct summary {
	struct hy_sum s[HY_NR_MAX];
	struct outfile out;	/* opened at start for -c, so a bad -o fails before the command */
};

static int summary_open(struct sink *sk)
{
	const struct opts *o = sk->o;
	struct summary *sm = calloc(1, sizeof(*sm));

	if (!sm)
		return -ENOMEM;
	sk->priv = sm;
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

static void summary_add(struct sink *sk, long nr, const struct hy_sum *in)
{
	struct summary *sm = sk->priv;

	if (nr < 0 || nr >= HY_NR_MAX || !in->calls)
		return;
	struct hy_sum *s = &sm->s[nr];

	s->calls += in->calls;
	s->errors += in->errors;
	s->ns_total += in->ns_total;
	if (in->ns_min < s->ns_min)
		s->ns_min = in->ns_min;
	if (in->ns_max > s->ns_max)
		s->ns_max = in->ns_max;
}

static void summary_syscall(struct sink *sk, const struct event *ev, struct dctx *d, struct task *t)
{
	if (ev->r.type != HY_REC_SYSCALL)
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
	summary_add(sk, ev->r.nr, &one);
}

static const char *sort_key;

static const char *row_name(const struct sum_row *r)
{
	const struct sysent *se = sysent_get(r->nr);

	return se ? se->name : "?";
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
		return (x->nr > y->nr) - (x->nr < y->nr);
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

static const char *const DASHES = "------ ----------- ----------- --------- --------- ----------------\n";

static void table_row(FILE *fp, double pct, unsigned long long ns, unsigned long long calls,
		      unsigned long long errors, const char *name)
{
	fprintf(fp, "%6.2f %11.6f %11llu %9llu ", pct, ns / 1e9, calls ? ns / 1000 / calls : 0, calls);
	if (errors)
		fprintf(fp, "%9llu", errors);
	else
		fputs("         ", fp);
	fprintf(fp, " %s\n", name);
}

/* The table as strace -c prints it (times are wall-clock time inside each call). */
static void print_table(FILE *fp, struct sum_row *rows, int n)
{
	unsigned long long tot_ns = 0, tot_calls = 0, tot_err = 0;

	for (int i = 0; i < n; i++) {
		tot_ns += rows[i].s.ns_total;
		tot_calls += rows[i].s.calls;
		tot_err += rows[i].s.errors;
	}
	fputs("% time     seconds  usecs/call     calls    errors syscall\n", fp);
	fputs(DASHES, fp);
	for (int i = 0; i < n; i++) {
		const struct hy_sum *s = &rows[i].s;

		table_row(fp, tot_ns ? 100.0 * s->ns_total / tot_ns : 0, s->ns_total, s->calls,
			  s->errors, row_name(&rows[i]));
	}
	fputs(DASHES, fp);
	table_row(fp, 100.0, tot_ns, tot_calls, tot_err, "total");
}

static void json_counts(FILE *fp, unsigned long long calls, unsigned long long errors,
			unsigned long long ns, unsigned long long mn, unsigned long long mx)
{
	fprintf(fp, "\"calls\":%llu,\"errors\":%llu,\"total_ns\":%llu,\"avg_ns\":%llu,"
		"\"min_ns\":%llu,\"max_ns\":%llu}", calls, errors, ns, calls ? ns / calls : 0, mn, mx);
}

static void print_json(FILE *fp, struct sum_row *rows, int n)
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
	fputs("],\"total\":{", fp);
	json_counts(fp, tot_calls, tot_err, tot_ns, n ? mn : 0, mx);
	fputs("}\n", fp);
}

static int summary_close(struct sink *sk)
{
	struct summary *sm = sk->priv;
	const struct opts *o = sk->o;
	struct sum_row *rows;
	int n = 0, ret = 0;
	FILE *fp;

	if (!sm)
		return 0;
	rows = calloc(HY_NR_MAX, sizeof(*rows));
	if (!rows)
		return -ENOMEM;
	for (int i = 0; i < HY_NR_MAX; i++) {
		if (!sm->s[i].calls)
			continue;
		rows[n].nr = i;
		rows[n].s = sm->s[i];
		n++;
	}
	sort_key = o->sortby ? o->sortby : "time";
	qsort(rows, n, sizeof(*rows), row_cmp);
	if (!sm->out.fp && o->outfile && o->follow < 2)	/* -C: after the trace */
		ret = outfile_open(&sm->out, o->outfile, stderr,
				   sink_outfile_flags(o) | OUTF_APPEND);
	if (!sm->out.fp && !ret)
		ret = outfile_open(&sm->out, NULL, stderr, 0);
	fp = sm->out.fp;
	if (fp && o->summary_json)
		print_json(fp, rows, n);
	else if (fp)
		print_table(fp, rows, n);
	int err = outfile_close(&sm->out);

	if (!ret)
		ret = err;
	free(rows);
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
	.totals = summary_add,
	.close = summary_close,
};
