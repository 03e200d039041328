// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_text.c: strace-compatible text lines from decoded events. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "clock.h"
#include "log.h"
#include "sink.h"
#include "dumpio.h"
#include "render.h"


/* One output: the -o file, stderr, or with -ff one per task. */
struct outf {
	struct outfile f;
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
	time_t tsec;		/* -t, -tt: the second whose "%T" is in tbuf */
	char tbuf[32];
	/* -a: the last "[pid TID COMM] " made, for that tid and comm (pfx_len 0: none yet) */
	pid_t pfx_tid;
	char pfx_comm[HY_COMM_LEN];
	char pfx[HY_COMM_LEN + 32];
	size_t pfx_len;
	/* -f -o FILE: the last "%-5d " made, for tid_last (tid_len 0: none) */
	pid_t tid_last;
	char tid_buf[32];
	size_t tid_len;
	const struct sym_frame *stack;	/* -k: the frames of the call being printed */
	unsigned int nstack;
};

/* Per task: where its lines go and what of its current call was printed. */
struct text_task {
	struct outf *out;
	bool enter_printed;	/* the first half of its current call was printed */
	uint32_t enter_len;	/* bytes of argument text printed then */
	long enter_nr;
	/* --func: the arguments of the leaf call whose exit comes next */
	unsigned int leaf_nargs;
	uint64_t leaf_args[HY_FUNC_ARGS];
	long last_nr;		/* -n: the number of its last call, shown on its exit line too */
};


static const char *const C_NAME = "\033[1m", *const C_ERR = "\033[31m",
		  *const C_SIG = "\033[33m", *const C_END = "\033[0m";

static unsigned int text_needs(const struct opts *o)
{
	unsigned int n = 0;

	if (o->tflag || o->rflag || o->Tflag)
		n |= SINK_NEED_TIMES;
	if (o->iflag)
		n |= SINK_NEED_IP;
	return n | sink_needs_fds(o) | sink_needs_stacks(o, false);
}

static struct outf *outf_add(struct text *tx)
{
	struct outf *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->next = tx->outs;
	tx->outs = o;
	return o;
}

static int text_open(struct sink *s)
{
	const struct opts *o = s->o;
	struct text *tx = calloc(1, sizeof(*tx));
	unsigned int fl = sink_outfile_flags(o);
	int err;

	if (!tx)
		return -ENOMEM;
	s->priv = tx;
	if (o->outfile && o->follow == 2) {
		/* -ff: one file per task, opened at its first line; check the directory now */
		err = outfile_check_dir(o->outfile, fl);
	} else {
		tx->main = outf_add(tx);
		err = tx->main ? outfile_open(&tx->main->f, o->outfile, stderr, fl) : -ENOMEM;
	}
	if (err) {
		free(tx->main);
		free(tx);
		s->priv = NULL;
		return err;
	}
	tx->color = o->color == COLOR_ALWAYS ||
		    (o->color == COLOR_AUTO && tx->main && outfile_isatty(&tx->main->f) &&
		     !getenv("NO_COLOR"));
	return 0;
}

static struct outf *task_out(struct text *tx, const struct opts *o, struct text_task *tt,
			     pid_t tid)
{
	if (tt->out)
		return tt->out;
	if (tx->main) {
		tt->out = tx->main;
		return tt->out;
	}
	struct outf *out = outf_add(tx);

	if (!out) {
		fputs("hytrace: out of memory\n", stderr);
		abort();
	}
	if (outfile_open_id(&out->f, o->outfile, tid, sink_outfile_flags(o)))
		outfile_open(&out->f, NULL, stderr, 0);	/* said why; the lines still show */
	tt->out = out;
	return out;
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
	outfile_write(&out->f, sb->s, sb->len);
	if (sb->len && sb->s[sb->len - 1] == '\n') {	/* a whole line, as most are */
		out->col = 0 - invis;
		return;
	}
	const char *nl = memrchr(sb->s, '\n', sb->len);

	if (nl)
		out->col = sb->len - (nl + 1 - sb->s) - invis;
	else
		out->col += sb->len - invis;
}

/* End the open line with text (" <unfinished ...>\n"). */
static void end_line(struct outf *out, const char *text)
{
	outfile_write(&out->f, text, strlen(text));
	out->col = 0;
	out->open_tid = 0;
}

/* End the open line of another task with " <unfinished ...>". */
static void close_open(struct text *tx, struct outf *out, pid_t tid)
{
	if (!out->open_tid || out->open_tid == tid)
		return;
	end_line(out, " <unfinished ...>\n");
}

/* -a: "[pid TID COMM] " (a record that names no task, such as lost events: "[pid     0 ?] ") */
static void all_prefix(struct text *tx, struct sbuf *sb, const struct task *t)
{
	size_t at = sb->len;

	/* the same task as the line before, as most lines are: its prefix is known */
	if (tx->pfx_len && t->tid == tx->pfx_tid && !memcmp(t->comm, tx->pfx_comm, HY_COMM_LEN)) {
		sb_putn(sb, tx->pfx, tx->pfx_len);
		return;
	}
	sb_puts(sb, "[pid ");
	sb_puti_pad(sb, t->tid, 5, 0);
	sb_putc(sb, ' ');
	if (t->comm[0])
		sb_putn(sb, t->comm, strnlen(t->comm, HY_COMM_LEN));
	else
		sb_putc(sb, '?');
	sb_puts(sb, "] ");
	tx->pfx_len = 0;
	if (sb->len - at <= sizeof(tx->pfx)) {
		tx->pfx_tid = t->tid;
		memcpy(tx->pfx_comm, t->comm, HY_COMM_LEN);
		tx->pfx_len = sb->len - at;
		memcpy(tx->pfx, sb->s + at, tx->pfx_len);
	}
}

/* The fraction of a second ns as digits (0, 3, 6 or 9: s, ms, us, ns), with its dot. */
static void frac(struct sbuf *sb, uint64_t ns, int digits)
{
	static const uint32_t div[] = { 1000000000, 100000000, 10000000, 1000000, 100000, 10000,
					1000, 100, 10, 1 };

	if (digits <= 0)
		return;
	sb_putc(sb, '.');
	sb_putu_zero(sb, ns / div[digits], digits);
}

/* -t, -tt, -ttt, -r */
static void timestamps(struct text *tx, const struct sink *s, struct sbuf *sb, uint64_t ts)
{
	const struct opts *o = s->o;

	if (o->tflag) {
		int64_t real = ts_shift(ts, s->boot_to_real);
		time_t sec = real > 0 ? real / 1000000000 : 0;	/* before the epoch: the epoch */

		if (o->tflag >= 3) {
			sb_puti(sb, sec);
			frac(sb, real > 0 ? real % 1000000000 : 0, o->tprec < 0 ? 6 : o->tprec);
		} else {
			if (!tx->tbuf[0] || sec != tx->tsec) {	/* localtime once per second */
				struct tm tm;

				if (!localtime_r(&sec, &tm))
					memset(&tm, 0, sizeof(tm));
				strftime(tx->tbuf, sizeof(tx->tbuf), "%T", &tm);
				tx->tsec = sec;
			}
			sb_puts(sb, tx->tbuf);
			if (o->tflag == 2)
				frac(sb, real > 0 ? real % 1000000000 : 0, o->tprec < 0 ? 6 : o->tprec);
		}
		sb_putc(sb, ' ');
	}
	if (o->rflag) {
		uint64_t d = tx->last_ts && ts > tx->last_ts ? ts - tx->last_ts : 0;

		sb_puti_pad(sb, d / 1000000000, 6, 0);
		frac(sb, d % 1000000000, o->rprec);
		sb_putc(sb, ' ');
		tx->last_ts = ts;
	}
}

/* pre, the tid in 5 columns (left-aligned or right), post: "%-5d ", "[pid %5d] "; with -Y
 * the command name follows the number: "[pid 42<sh>] " */
static void tid_prefix(struct sbuf *sb, const struct task *t, bool comm, const char *pre,
		       int left, const char *post)
{
	sb_puts(sb, pre);
	if (comm) {
		sb_puti(sb, t->tid);
		sb_putc(sb, '<');
		sb_putn(sb, t->comm, strnlen(t->comm, HY_COMM_LEN));
		sb_putc(sb, '>');
	} else {
		sb_puti_pad(sb, t->tid, 5, left);
	}
	sb_puts(sb, post);
}

/* --func: two spaces per open traced call (uftrace replay's indentation) */
static void indent(struct sbuf *sb, unsigned int depth)
{
	if (!depth)
		return;
	sb_room(sb, 2 * depth);
	memset(sb->s + sb->len, ' ', 2 * depth);
	sb->len += 2 * depth;
	sb->s[sb->len] = '\0';
}

static void leader_at(struct text *tx, const struct sink *s, struct sbuf *sb, const struct task *t,
		      uint64_t ts, unsigned int depth);

/* The start of a line of t: prefixes, times, and under --func its place in the call tree. */
static void leader(struct text *tx, const struct sink *s, struct sbuf *sb, const struct task *t,
		   uint64_t ts)
{
	leader_at(tx, s, sb, t, ts, s->o->nfuncs ? t->func_depth : 0);
}

static void leader_at(struct text *tx, const struct sink *s, struct sbuf *sb, const struct task *t,
		      uint64_t ts, unsigned int depth)
{
	const struct opts *o = s->o;

	if (o->all) {	/* system-wide: every line says whose it is */
		all_prefix(tx, sb, t);
	} else if (o->outfile && (o->follow == 1 || (o->follow == 0 && o->npids > 1))) {
		if (o->Yflag) {	/* the name may change (execve): not kept */
			tid_prefix(sb, t, true, "", 1, " ");
		} else if (t->tid != tx->tid_last || !tx->tid_len) {	/* "%-5d ", kept */
			size_t at = sb->len;

			tid_prefix(sb, t, false, "", 1, " ");
			tx->tid_len = sb->len - at;	/* at most 12 bytes: tid_buf holds it */
			tx->tid_last = t->tid;
			memcpy(tx->tid_buf, sb->s + at, tx->tid_len);
		} else {
			sb_putn(sb, tx->tid_buf, tx->tid_len);
		}
	} else if (!o->outfile) {
		/* tid 0 (lost-event records) is no process: it does not make the trace multi-process */
		unsigned int nlive = tasks_live(s->tasks) - (tasks_get(s->tasks, 0) != NULL);

		if (nlive > 1)
			tid_prefix(sb, t, o->Yflag, "[pid ", 0, "] ");
	}
	timestamps(tx, s, sb, ts);
	indent(sb, depth);
}

/*
 * -i: "[00007f3b8b1e2a7b] " after the leader, from ev's HY_ARG_IP blob captured when (at the
 * exit: the entry's where the exit has none); "[????????????????] " where there is none, as
 * strace prints on exit lines (strace 6.1, print_instruction_pointer())
 */
static void put_ip(const struct sink *s, struct sbuf *sb, const struct event *ev, int when)
{
	const struct event_blob *b = NULL;
	uint64_t ip;

	if (!s->o->iflag)
		return;
	if (ev) {
		b = event_blob(ev, HY_ARG_IP, when, 0);
		if (!b && when == HY_AT_EXIT)
			b = event_blob(ev, HY_ARG_IP, HY_AT_ENTER, 0);
	}
	if (!b || b->h.err || b->h.len < sizeof(ip)) {
		sb_puts(sb, "[????????????????] ");
		return;
	}
	memcpy(&ip, b->data, sizeof(ip));
	sb_printf(sb, "[%016" PRIx64 "] ", ip);
}

/* -n: "[ NR] " before the name (strace's "[%3u] "), after the leader */
static void put_nr(const struct sink *s, struct sbuf *sb, long nr)
{
	if (!s->o->nflag || nr < 0)
		return;
	sb_putc(sb, '[');
	sb_puti_pad(sb, nr, 4, 0);
	sb_puts(sb, "] ");
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

/* -e read=SET, -e write=SET: the hex dump after the line, as strace's dumpio() */
_Static_assert(HY_DUMP_MAX == 16u << 20, "the dump cut text names HY_DUMP_MAX");

static void dump_part(const struct opts *o, const struct event *ev, struct sbuf *sb)
{
	if (!o->dump_read.any && !o->dump_write.any)
		return;
	enum dumpio_dir dir = dumpio_dir(ev->r.nr);

	if ((dir == DUMPIO_READ && fdset_has(&o->dump_read, (long)(int)ev->r.args[0])) ||
	    (dir == DUMPIO_WRITE && fdset_has(&o->dump_write, (long)(int)ev->r.args[0])))
		dumpio_render(sb, ev, "hytrace copies at most 16 MiB a buffer, 4096 bytes "
			      "an iovec buffer on eBPF");
}

/* -x/-xx and -X for the renderer (render.h) */
static int text_xflag(const struct opts *o)
{
	if (o->xstyle == CONST_RAW)
		return o->d.xflag | RENDER_XRAW;
	if (o->xstyle == CONST_VERBOSE)
		return o->d.xflag | RENDER_XVERBOSE;
	return o->d.xflag;
}

/* ") = RET" (aligned, with -T's time) after the arguments in sb, and the line written. */
static void ret_part(struct text *tx, const struct sink *s, const struct event *ev,
		     const struct dctx *d, struct outf *out, const struct task *t, struct sbuf *sb,
		     unsigned int invis)
{
	const struct opts *o = s->o;
	int xflag = text_xflag(o);

	sb_puts(sb, ") ");
	/* pad so that "= " starts at -a's column, counting what this line already shows */
	unsigned int col = (out->open_tid == t->tid ? out->col : 0) + sb->len - invis;

	if (col < o->align_col) {	/* the spaces at once */
		sb_room(sb, o->align_col - col);
		memset(sb->s + sb->len, ' ', o->align_col - col);
		sb->len += o->align_col - col;
		sb->s[sb->len] = '\0';
	}
	if (d->ret_is_error)
		color(tx, sb, C_ERR, &invis);
	render_ret(sb, d, xflag);
	if (d->ret_is_error)
		color(tx, sb, C_END, &invis);
	if (o->Tflag) {
		if (!(ev->r.flags & HY_F_NO_EXIT) && ev->r.ts_exit) {	/* strace: nothing for "= ?" */
			/* an exit before the entry (a bad log or record): no time, not 2^64 - d */
			uint64_t dt = ev->r.ts_exit > ev->r.ts_enter ? ev->r.ts_exit - ev->r.ts_enter : 0;

			sb_puts(sb, " <");
			sb_putu(sb, dt / 1000000000);
			frac(sb, dt % 1000000000, o->Tprec);
			sb_putc(sb, '>');
		}
	}
	sb_putc(sb, '\n');
	dump_part(o, ev, sb);
	for (unsigned int i = 0; i < tx->nstack; i++) {
		sb_puts(sb, " > ");
		sink_frame_text(sb, &tx->stack[i]);
		sb_putc(sb, '\n');
	}
	tx->stack = NULL;
	tx->nstack = 0;
	emit(tx, out, sb, invis);
	out->open_tid = 0;
}

static void text_stack(struct sink *s, const struct event *ev, const struct sym_frame *f,
		       unsigned int n, struct task *t)
{
	struct text *tx = s->priv;

	tx->stack = f;
	tx->nstack = n;
}

static void text_syscall(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct text *tx = s->priv;
	const struct opts *o = s->o;
	struct text_task *tt = sink_task(s, t);
	struct outf *out = task_out(tx, o, tt, t->tid);
	struct sbuf *sb = &tx->line;
	unsigned int invis = 0;
	int xflag = text_xflag(o);

	tt->last_nr = ev->r.nr;
	sb_reset(sb);
	/*
	 * A call whose first half was not printed, as most are: its arguments go straight into
	 * the line (an entry or a resumed call keeps them apart, in tx->args, to split them).
	 */
	if (ev->r.type == HY_REC_SYSCALL && !(tt->enter_printed && tt->enter_nr == ev->r.nr)) {
		close_open(tx, out, t->tid);
		if (out->open_tid == t->tid)
			end_line(out, " <unfinished ...>\n");
		leader(tx, s, sb, t, ev->r.ts_enter);
		put_ip(s, sb, ev, HY_AT_ENTER);
		put_nr(s, sb, ev->r.nr);
		put_name(tx, sb, d, ev->r.nr, &invis);
		sb_putc(sb, '(');
		render_args(sb, d->args, xflag);
		tt->enter_printed = false;
		ret_part(tx, s, ev, d, out, t, sb, invis);
		return;
	}
	sb_reset(&tx->args);
	render_args(&tx->args, d->args, xflag);

	if (ev->r.type == HY_REC_ENTER) {
		close_open(tx, out, t->tid);
		if (out->open_tid == t->tid)	/* a previous entry of ours never ended */
			end_line(out, " <unfinished ...>\n");
		leader(tx, s, sb, t, ev->r.ts_enter);
		put_ip(s, sb, ev, HY_AT_ENTER);
		put_nr(s, sb, ev->r.nr);
		put_name(tx, sb, d, ev->r.nr, &invis);
		sb_putc(sb, '(');
		sb_putn(sb, tx->args.s, tx->args.len);
		tt->enter_len = tx->args.len;
		if (d->pending && tx->args.len) {
			sb_puts(sb, ", ");
			tt->enter_len += 2;
		}
		emit(tx, out, sb, invis);
		out->open_tid = t->tid;
		tt->enter_printed = true;
		tt->enter_nr = ev->r.nr;
		return;
	}

	size_t from = 0;

	if (tt->enter_printed && tt->enter_nr == ev->r.nr && tt->enter_len <= tx->args.len) {
		from = tt->enter_len;
		if (out->open_tid != t->tid) {
			close_open(tx, out, t->tid);
			leader(tx, s, sb, t, ev->r.ts_exit);
			put_ip(s, sb, ev, HY_AT_EXIT);
			put_nr(s, sb, ev->r.nr);
			sb_puts(sb, "<... ");
			put_name(tx, sb, d, ev->r.nr, &invis);
			sb_puts(sb, " resumed>");
		}
	} else {
		close_open(tx, out, t->tid);
		if (out->open_tid == t->tid)
			end_line(out, " <unfinished ...>\n");
		leader(tx, s, sb, t, ev->r.ts_enter);
		put_ip(s, sb, ev, HY_AT_ENTER);
		put_nr(s, sb, ev->r.nr);
		put_name(tx, sb, d, ev->r.nr, &invis);
		sb_putc(sb, '(');
	}
	tt->enter_printed = false;
	if (tx->args.len > from)	/* args.s is NULL for a call without arguments */
		sb_putn(sb, tx->args.s + from, tx->args.len - from);
	ret_part(tx, s, ev, d, out, t, sb, invis);
}

static void text_signal(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct text *tx = s->priv;
	const struct opts *o = s->o;
	struct outf *out = task_out(tx, o, sink_task(s, t), t->tid);
	struct sbuf *sb = &tx->line;
	unsigned int invis = 0;
	const char *name = signame(ev->r.nr);

	close_open(tx, out, 0);
	sb_reset(sb);
	leader(tx, s, sb, t, ev->r.ts_enter);
	put_ip(s, sb, ev, HY_AT_ENTER);
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
			render_value(sb, d->args->child, text_xflag(o));
		}
		sb_puts(sb, " ---");
	}
	color(tx, sb, C_END, &invis);
	sb_putc(sb, '\n');
	emit(tx, out, sb, invis);
}

static void text_process(struct sink *s, const struct event *ev, struct task *t)
{
	struct text *tx = s->priv;
	const struct opts *o = s->o;
	struct outf *out;
	struct sbuf *sb = &tx->line;

	if (ev->r.type != HY_REC_EXIT && ev->r.type != HY_REC_DETACH)
		return;
	out = task_out(tx, o, sink_task(s, t), t->tid);
	if (ev->r.type == HY_REC_DETACH) {
		if (out->open_tid == t->tid)
			end_line(out, " <detached ...>\n");
		return;
	}
	if (out->open_tid == t->tid)	/* died inside a call */
		end_line(out, " <unfinished ...>\n");
	if (o->quiet & QUIET_EXIT)
		return;
	close_open(tx, out, 0);
	sb_reset(sb);
	leader(tx, s, sb, t, ev->r.ts_enter);
	put_ip(s, sb, NULL, 0);
	if (o->nflag) {	/* strace 6.1 prints the number of the task's last call there */
		const struct text_task *tt = sink_task(s, t);

		put_nr(s, sb, tt->last_nr);
	}
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
	struct outf *out = tx->main ? tx->main : task_out(tx, s->o, sink_task(s, t), t->tid);
	struct sbuf *sb = &tx->line;

	close_open(tx, out, 0);
	sb_reset(sb);
	/*
	 * Drops are counted per CPU, across tasks: the record names no task (tid 0) but the process
	 * whose events were dropped first.  Under -a every line still starts "[pid N COMM] " (here
	 * "[pid     0 ?] "); times as on every line.
	 */
	if (s->o->all)
		all_prefix(tx, sb, t);
	timestamps(tx, s, sb, ev->r.ts_enter);
	sb_printf(sb, "+++ %llu events lost", (unsigned long long)ev->r.args[0]);
	if (ev->r.args[2])	/* whose (eBPF: the process of the first drop since the last mark) */
		sb_printf(sb, " (pid %llu%s)", (unsigned long long)ev->r.args[2],
			  ev->r.args[3] ? " and others" : "");
	sb_puts(sb, " +++\n");
	emit(tx, out, sb, 0);
}

/* --func: an argument or return value without its type: small numbers in decimal (negative
 * ones too), anything else (pointers, masks) in hex */
static void func_value(struct sbuf *sb, uint64_t v)
{
	if (v < 0x10000)
		sb_putu(sb, v);
	else if ((int64_t)v < 0 && (int64_t)v >= -4096)
		sb_puti(sb, (int64_t)v);
	else
		sb_printf(sb, "%#" PRIx64, v);
}

/* --func: a duration as uftrace prints them: "0.250 us", "12.345 ms", "1.002 s" */
static void func_duration(struct sbuf *sb, uint64_t ns)
{
	if (ns < 1000000)
		sb_printf(sb, "%" PRIu64 ".%03" PRIu64 " us", ns / 1000, ns % 1000);
	else if (ns < 1000000000)
		sb_printf(sb, "%" PRIu64 ".%03" PRIu64 " ms", ns / 1000000, ns / 1000 % 1000);
	else
		sb_printf(sb, "%" PRIu64 ".%03" PRIu64 " s", ns / 1000000000, ns / 1000000 % 1000);
}

/* "name(ARGS)" of the call fe enters (or of the leaf call fe leaves: args kept at its entry) */
static void func_call(struct text *tx, struct sbuf *sb, const struct func_info *fn,
		      const uint64_t *args, unsigned int nargs, unsigned int *invis)
{
	if (fn->nparams >= 0 && (unsigned int)fn->nparams < nargs)
		nargs = (unsigned int)fn->nparams;
	/* a demangled C++ name has its parameter list ("catcher()", "f(int)"): without it, the
	 * call's own parentheses hold the values (uftrace replay prints "catcher()" too) */
	size_t len = strlen(fn->name);

	if (len && fn->name[len - 1] == ')') {
		int depth = 0;

		for (size_t i = len; i-- > 0;) {
			depth += fn->name[i] == ')' ? 1 : fn->name[i] == '(' ? -1 : 0;
			if (!depth) {
				len = i;
				break;
			}
		}
	}
	color(tx, sb, C_NAME, invis);
	sb_putn(sb, fn->name, len);
	color(tx, sb, C_END, invis);
	sb_putc(sb, '(');
	for (unsigned int i = 0; i < nargs; i++) {
		if (i)
			sb_puts(sb, ", ");
		func_value(sb, args[i]);
	}
	sb_putc(sb, ')');
}

/*
 * --func: the call tree as uftrace replay draws it, with the syscalls at their place, each
 * line indented two spaces per open call: an entry "fib(10) {"; a leaf, the whole call on one
 * line, "fib(1) = 1;" and its duration in a C comment; an exit "} = 55" and a comment with
 * the function's name and the call's duration, and ", no return seen" when the return was
 * made up (longjmp, exception, exit).  Arguments and return values only with --func-args.
 */
static void text_func(struct sink *s, const struct func_event *fe, struct task *t)
{
	struct text *tx = s->priv;
	const struct opts *o = s->o;
	struct text_task *tt = sink_task(s, t);
	struct outf *out = task_out(tx, o, tt, t->tid);
	struct sbuf *sb = &tx->line;
	unsigned int invis = 0;

	if (!sink_has_trace(o))
		return;
	if (fe->kind == FUNC_EV_ENTRY && (fe->flags & FUNC_EVF_LEAF)) {
		/* its exit comes next: the call is printed then, on one line */
		tt->leaf_nargs = fe->flags & FUNC_EVF_ARGS ? fe->nargs : 0;
		memcpy(tt->leaf_args, fe->args, sizeof(tt->leaf_args));
		return;
	}
	close_open(tx, out, t->tid);
	if (out->open_tid == t->tid)
		end_line(out, " <unfinished ...>\n");
	sb_reset(sb);
	if (fe->kind == FUNC_EV_ENTRY) {
		leader_at(tx, s, sb, t, fe->ts, fe->depth);
		func_call(tx, sb, fe->fn, fe->args, fe->flags & FUNC_EVF_ARGS ? fe->nargs : 0,
			  &invis);
		sb_puts(sb, " {\n");
		emit(tx, out, sb, invis);
		return;
	}
	if (fe->flags & FUNC_EVF_LEAF) {
		leader_at(tx, s, sb, t, fe->ts_entry, fe->depth);
		func_call(tx, sb, fe->fn, tt->leaf_args, tt->leaf_nargs, &invis);
	} else {
		leader_at(tx, s, sb, t, fe->ts, fe->depth);
		sb_putc(sb, '}');
	}
	if (fe->flags & FUNC_EVF_RET) {
		sb_puts(sb, " = ");
		func_value(sb, (uint64_t)fe->ret);
	}
	if (fe->flags & FUNC_EVF_LEAF)
		sb_putc(sb, ';');
	sb_puts(sb, " /* ");
	if (!(fe->flags & FUNC_EVF_LEAF)) {
		sb_puts(sb, fe->fn->name);
		sb_putc(sb, ' ');
	}
	func_duration(sb, fe->ts - fe->ts_entry);
	if (fe->flags & FUNC_EVF_NO_RETURN)
		sb_puts(sb, ", no return seen");
	sb_puts(sb, " */\n");
	emit(tx, out, sb, invis);
}

/* The source went idle: every output's lines so far reach their file (an open line too). */
static void text_idle(struct sink *s)
{
	struct text *tx = s->priv;

	for (struct outf *o = tx ? tx->outs : NULL; o; o = o->next)
		outfile_flush(&o->f);
}

static int text_close(struct sink *s)
{
	struct text *tx = s->priv;
	int ret = 0;

	if (!tx)
		return 0;
	for (struct outf *o = tx->outs, *n; o; o = n) {
		n = o->next;
		if (o->open_tid)
			outfile_write(&o->f, " <unfinished ...>\n", 18);
		int err = outfile_close(&o->f);

		if (err && !ret)
			ret = err;
		free(o);
	}
	sb_free(&tx->line);
	sb_free(&tx->args);
	free(tx);
	s->priv = NULL;
	return ret;
}

const struct sink_ops sink_text_ops = {
	.name = "text",
	.help = "strace's lines",
	.task_size = sizeof(struct text_task),
	.needs = text_needs,
	.open = text_open,
	.syscall = text_syscall,
	.stack = text_stack,
	.signal = text_signal,
	.process = text_process,
	.lost = text_lost,
	.func = text_func,
	.idle = text_idle,
	.close = text_close,
};
