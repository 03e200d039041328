// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_text.c: strace-compatible text lines from decoded events. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "log.h"
#include "pipeline.h"
#include "render.h"

#define ALIGN_COL 40	/* strace's default -a: the column of "= " */

struct outf {
	FILE *fp;
	unsigned int col;	/* visible characters on the current line */
	pid_t open_tid;		/* the task whose line is open (not ended), or 0 */
	struct outf *next;
};

struct text {
	struct outf *outs;	/* all outputs (one, or one per task with -ff) */
	struct outf *main;
	struct sbuf line, args;
	bool color;
	uint64_t last_ts;	/* -r */
	int err;		/* first write error */
};

static const char *const C_NAME = "\033[1m", *const C_ERR = "\033[31m",
		  *const C_SIG = "\033[33m", *const C_END = "\033[0m";

static struct outf *outf_new(struct text *tx, FILE *fp)
{
	struct outf *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->fp = fp;
	o->next = tx->outs;
	tx->outs = o;
	return o;
}

static int text_open(struct sink *s)
{
	const struct opts *o = s->pl->o;
	struct text *tx = calloc(1, sizeof(*tx));
	FILE *fp = stderr;

	if (!tx)
		return -ENOMEM;
	s->priv = tx;
	if (o->outfile && o->follow < 2) {
		fp = fopen(o->outfile, "we");
		if (!fp) {
			int err = errno;

			pr_warn("cannot open %s: %s", o->outfile, strerror(err));
			free(tx);
			s->priv = NULL;
			return -err;
		}
		setvbuf(fp, NULL, _IOFBF, 1 << 16);
	} else if (o->outfile) {
		/* -ff: check the directory is writable now, before the command starts */
		char *probe = NULL;

		if (asprintf(&probe, "%s.%d", o->outfile, (int)getpid()) < 0)
			return -ENOMEM;
		FILE *t = fopen(probe, "we");

		if (!t) {
			int err = errno;

			pr_warn("cannot open %s: %s", probe, strerror(err));
			free(probe);
			free(tx);
			s->priv = NULL;
			return -err;
		}
		fclose(t);
		unlink(probe);
		free(probe);
		fp = NULL;
	}
	if (fp) {
		tx->main = outf_new(tx, fp);
		if (!tx->main)
			return -ENOMEM;
	}
	tx->color = o->color == COLOR_ALWAYS ||
		    (o->color == COLOR_AUTO && fp && isatty(fileno(fp)) && !getenv("NO_COLOR"));
	return 0;
}

static struct outf *task_out(struct text *tx, const struct opts *o, struct task *t)
{
	if (t->out)
		return t->out;
	if (tx->main) {
		t->out = tx->main;
		return t->out;
	}
	char name[4096];

	snprintf(name, sizeof(name), "%s.%d", o->outfile, (int)t->tid);
	FILE *fp = fopen(name, "we");

	if (!fp) {
		pr_warn("cannot open %s: %s", name, strerror(errno));
		fp = stderr;
	} else {
		setvbuf(fp, NULL, _IOFBF, 1 << 16);
	}
	t->out = outf_new(tx, fp);
	return t->out;
}

static void color(struct text *tx, struct sbuf *sb, const char *c, unsigned int *invis)
{
	if (!tx->color)
		return;
	sb_puts(sb, c);
	*invis += strlen(c);
}

/* Write sb to out, keeping track of the column. */
static void emit(struct text *tx, struct outf *out, const struct sbuf *sb, unsigned int invis)
{
	if (fwrite(sb->s, 1, sb->len, out->fp) != sb->len && !tx->err)
		tx->err = -errno;
	const char *nl = memrchr(sb->s, '\n', sb->len);

	if (nl)
		out->col = sb->len - (nl + 1 - sb->s) - invis;
	else
		out->col += sb->len - invis;
}

/* End the open line of another task with " <unfinished ...>". */
static void close_open(struct text *tx, struct outf *out, pid_t tid)
{
	if (!out->open_tid || out->open_tid == tid)
		return;
	fputs(" <unfinished ...>\n", out->fp);
	out->col = 0;
	out->open_tid = 0;
}

static void leader(struct text *tx, struct pipeline *pl, struct sbuf *sb, const struct task *t,
		   uint64_t ts)
{
	const struct opts *o = pl->o;

	if (o->all)	/* system-wide: every line says whose it is */
		sb_printf(sb, "[pid %5d %.*s] ", (int)t->tid, HY_COMM_LEN, t->comm);
	else if (o->outfile && (o->follow == 1 || (o->follow == 0 && o->npids > 1)))
		sb_printf(sb, "%-5d ", (int)t->tid);
	else if (!o->outfile && pl->nlive > 1)
		sb_printf(sb, "[pid %5d] ", (int)t->tid);
	else if (o->follow == 2 && !o->outfile && pl->nlive > 1)
		sb_printf(sb, "[pid %5d] ", (int)t->tid);
	if (o->tflag) {
		int64_t real = (int64_t)ts + pl->boot_to_real;
		time_t sec = real / 1000000000;
		long usec = (real % 1000000000) / 1000;

		if (o->tflag >= 3) {
			sb_printf(sb, "%lld.%06ld ", (long long)sec, usec);
		} else {
			struct tm tm;
			char buf[32];

			localtime_r(&sec, &tm);
			strftime(buf, sizeof(buf), "%T", &tm);
			if (o->tflag == 2)
				sb_printf(sb, "%s.%06ld ", buf, usec);
			else
				sb_printf(sb, "%s ", buf);
		}
	}
	if (o->rflag) {
		uint64_t d = tx->last_ts && ts > tx->last_ts ? ts - tx->last_ts : 0;

		sb_printf(sb, "%6llu.%06llu ", (unsigned long long)(d / 1000000000),
			  (unsigned long long)(d % 1000000000 / 1000));
		tx->last_ts = ts;
	}
}

static void put_name(struct text *tx, struct sbuf *sb, const struct dctx *d, long nr,
		     unsigned int *invis)
{
	color(tx, sb, C_NAME, invis);
	if (d->se)
		sb_puts(sb, d->se->name);
	else
		sb_printf(sb, "syscall_%#lx", (unsigned long)nr);
	color(tx, sb, C_END, invis);
}

static void text_syscall(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct text *tx = s->priv;
	struct pipeline *pl = s->pl;
	const struct opts *o = pl->o;
	struct outf *out = task_out(tx, o, t);
	struct sbuf *sb = &tx->line;
	unsigned int invis = 0;
	int xflag = o->d.xflag;

	sb_reset(&tx->args);
	render_args(&tx->args, d->args, xflag);
	sb_reset(sb);

	if (ev->r.type == HY_REC_ENTER) {
		close_open(tx, out, t->tid);
		if (out->open_tid == t->tid) {	/* a previous entry of ours never ended */
			fputs(" <unfinished ...>\n", out->fp);
			out->col = 0;
		}
		leader(tx, pl, sb, t, ev->r.ts_enter);
		put_name(tx, sb, d, ev->r.nr, &invis);
		sb_putc(sb, '(');
		sb_putn(sb, tx->args.s, tx->args.len);
		t->enter_len = tx->args.len;
		if (d->pending && tx->args.len) {
			sb_puts(sb, ", ");
			t->enter_len += 2;
		}
		emit(tx, out, sb, invis);
		out->open_tid = t->tid;
		t->enter_printed = true;
		t->enter_nr = ev->r.nr;
		return;
	}

	size_t from = 0;

	if (t->enter_printed && t->enter_nr == ev->r.nr && t->enter_len <= tx->args.len) {
		from = t->enter_len;
		if (out->open_tid != t->tid) {
			close_open(tx, out, t->tid);
			leader(tx, pl, sb, t, ev->r.ts_exit);
			sb_puts(sb, "<... ");
			put_name(tx, sb, d, ev->r.nr, &invis);
			sb_puts(sb, " resumed>");
		}
	} else {
		close_open(tx, out, t->tid);
		if (out->open_tid == t->tid) {
			fputs(" <unfinished ...>\n", out->fp);
			out->col = 0;
		}
		leader(tx, pl, sb, t, ev->r.ts_enter);
		put_name(tx, sb, d, ev->r.nr, &invis);
		sb_putc(sb, '(');
	}
	t->enter_printed = false;
	sb_putn(sb, tx->args.s + from, tx->args.len - from);
	sb_puts(sb, ") ");
	/* pad so that "= " starts at ALIGN_COL, counting what this line already shows */
	unsigned int col = (out->open_tid == t->tid ? out->col : 0) + sb->len - invis;

	while (col < ALIGN_COL) {
		sb_putc(sb, ' ');
		col++;
	}
	if (d->ret_is_error)
		color(tx, sb, C_ERR, &invis);
	render_ret(sb, d, xflag);
	if (d->ret_is_error)
		color(tx, sb, C_END, &invis);
	if (o->Tflag) {
		if (!(ev->r.flags & HY_F_NO_EXIT) && ev->r.ts_exit) {	/* strace: nothing for "= ?" */
			uint64_t dt = ev->r.ts_exit - ev->r.ts_enter;

			sb_printf(sb, " <%llu.%06llu>", (unsigned long long)(dt / 1000000000),
				  (unsigned long long)(dt % 1000000000 / 1000));
		}
	}
	sb_putc(sb, '\n');
	emit(tx, out, sb, invis);
	out->open_tid = 0;
}

static void text_signal(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct text *tx = s->priv;
	const struct opts *o = s->pl->o;
	struct outf *out = task_out(tx, o, t);
	struct sbuf *sb = &tx->line;
	unsigned int invis = 0;
	const char *name = signame(ev->r.nr);

	close_open(tx, out, 0);
	sb_reset(sb);
	leader(tx, s->pl, sb, t, ev->r.ts_enter);
	color(tx, sb, C_SIG, &invis);
	if (ev->r.type == HY_REC_SIGSTOP) {
		sb_printf(sb, "--- stopped by %s ---", name ? name : "?");
	} else {
		sb_puts(sb, "--- ");
		if (name)
			sb_puts(sb, name);
		else
			sb_printf(sb, "%d", ev->r.nr);
		if (d->args && d->args->child) {
			sb_putc(sb, ' ');
			render_value(sb, d->args->child, o->d.xflag);
		}
		sb_puts(sb, " ---");
	}
	color(tx, sb, C_END, &invis);
	sb_putc(sb, '\n');
	emit(tx, out, sb, invis);
}

static void text_exit(struct sink *s, const struct event *ev, struct task *t)
{
	struct text *tx = s->priv;
	const struct opts *o = s->pl->o;
	struct outf *out = task_out(tx, o, t);
	struct sbuf *sb = &tx->line;

	if (ev->r.type == HY_REC_DETACH) {
		if (out->open_tid == t->tid) {
			fputs(" <detached ...>\n", out->fp);
			out->col = 0;
			out->open_tid = 0;
		}
		return;
	}
	if (out->open_tid == t->tid) {	/* died inside a call */
		fputs(" <unfinished ...>\n", out->fp);
		out->col = 0;
		out->open_tid = 0;
	}
	if (o->qflag >= 2)
		return;
	close_open(tx, out, 0);
	sb_reset(sb);
	leader(tx, s->pl, sb, t, ev->r.ts_enter);
	if (ev->r.flags & HY_F_KILLED) {
		const char *name = signame(ev->r.nr);

		if (name)
			sb_printf(sb, "+++ killed by %s%s +++\n", name,
				  ev->r.flags & HY_F_CORE ? " (core dumped)" : "");
		else
			sb_printf(sb, "+++ killed by %d%s +++\n", ev->r.nr,
				  ev->r.flags & HY_F_CORE ? " (core dumped)" : "");
	} else {
		sb_printf(sb, "+++ exited with %d +++\n", ev->r.nr);
	}
	emit(tx, out, sb, 0);
}

static void text_lost(struct sink *s, const struct event *ev, struct task *t)
{
	struct text *tx = s->priv;
	struct outf *out = tx->main ? tx->main : task_out(tx, s->pl->o, t);
	struct sbuf *sb = &tx->line;

	close_open(tx, out, 0);
	sb_reset(sb);
	sb_printf(sb, "+++ %llu events lost +++\n", (unsigned long long)ev->r.args[0]);
	emit(tx, out, sb, 0);
}

static void text_event(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	switch (ev->r.type) {
	case HY_REC_SYSCALL:
	case HY_REC_ENTER:
		text_syscall(s, ev, d, t);
		break;
	case HY_REC_SIGNAL:
	case HY_REC_SIGSTOP:
		text_signal(s, ev, d, t);
		break;
	case HY_REC_EXIT:
	case HY_REC_DETACH:
		text_exit(s, ev, t);
		break;
	case HY_REC_LOST:
		text_lost(s, ev, t);
		break;
	default:
		break;
	}
}

static int text_close(struct sink *s)
{
	struct text *tx = s->priv;
	int ret;

	if (!tx)
		return 0;
	ret = tx->err;
	for (struct outf *o = tx->outs, *n; o; o = n) {
		n = o->next;
		if (o->open_tid)
			fputs(" <unfinished ...>\n", o->fp);
		if (o->fp == stderr) {
			fflush(o->fp);
		} else if (fclose(o->fp) && !ret) {
			ret = -errno;
		}
		free(o);
	}
	if (ret)
		pr_warn("cannot write %s: %s", s->pl->o->outfile ? s->pl->o->outfile : "the trace",
			strerror(-ret));
	sb_free(&tx->line);
	sb_free(&tx->args);
	free(tx);
	s->priv = NULL;
	return ret;
}

const struct sink_ops sink_text_ops = {
	.name = "text",
	.open = text_open,
	.event = text_event,
	.close = text_close,
};
