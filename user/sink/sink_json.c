// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_json.c: --format=json: one JSON object per line per event (docs/json-schema.json). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "json_value.h"
#include "log.h"
#include "pipeline.h"

/* -ff: one file per thread (FILE.TID, as the text sink names them), found by tid. */
struct jfile {
	pid_t tid;
	FILE *fp;
};

struct jsink {
	FILE *main;		/* -o FILE or stderr; NULL with -ff */
	struct jfile *files;	/* -ff: open addressing on tid */
	unsigned int nfiles, cap;
	struct sbuf line;
	int err;		/* first write error */
};

static FILE *open_out(const char *name)
{
	FILE *fp = fopen(name, "we");

	if (fp)
		setvbuf(fp, NULL, _IOFBF, 1 << 16);
	return fp;
}

static int json_open(struct sink *s)
{
	const struct opts *o = s->pl->o;
	struct jsink *js = calloc(1, sizeof(*js));

	if (!js)
		return -ENOMEM;
	s->priv = js;
	js->main = stderr;
	if (o->outfile && o->follow < 2) {
		js->main = open_out(o->outfile);
		if (!js->main) {
			int err = errno;

			pr_warn("cannot open %s: %s", o->outfile, strerror(err));
			free(js);
			s->priv = NULL;
			return -err;
		}
	} else if (o->outfile) {
		/* -ff: check now, before the command starts, that FILE.PID can be created */
		char probe[4096];

		snprintf(probe, sizeof(probe), "%s.%d", o->outfile, (int)getpid());
		FILE *fp = fopen(probe, "we");

		if (!fp) {
			int err = errno;

			pr_warn("cannot open %s: %s", probe, strerror(err));
			free(js);
			s->priv = NULL;
			return -err;
		}
		fclose(fp);
		unlink(probe);
		js->main = NULL;
	}
	return 0;
}

static struct jfile *file_slot(struct jfile *tab, unsigned int cap, pid_t tid)
{
	unsigned int mask = cap - 1, h = ((unsigned int)tid * 2654435761u) & mask;

	while (tab[h].fp && tab[h].tid != tid)
		h = (h + 1) & mask;
	return &tab[h];
}

/* The stream for a thread's events: the main output, or FILE.TID with -ff. */
static FILE *out_for(struct jsink *js, const struct opts *o, pid_t tid)
{
	if (js->main)
		return js->main;
	if ((js->nfiles + 1) * 2 > js->cap) {
		unsigned int ncap = js->cap ? js->cap * 2 : 64;
		struct jfile *nt = calloc(ncap, sizeof(*nt));

		if (!nt)
			return stderr;
		for (unsigned int i = 0; i < js->cap; i++)
			if (js->files[i].fp)
				*file_slot(nt, ncap, js->files[i].tid) = js->files[i];
		free(js->files);
		js->files = nt;
		js->cap = ncap;
	}
	struct jfile *f = file_slot(js->files, js->cap, tid);

	if (!f->fp) {
		char name[4096];

		snprintf(name, sizeof(name), "%s.%d", o->outfile, (int)tid);
		f->fp = open_out(name);
		if (!f->fp) {
			pr_warn("cannot open %s: %s", name, strerror(errno));
			return stderr;
		}
		f->tid = tid;
		js->nfiles++;
	}
	return f->fp;
}

/* {"type":"T","ts":N,"pid":P,"tid":T,"comm":"C" -- the members every record has. */
static void head(struct sbuf *sb, struct pipeline *pl, const char *type, const struct event *ev,
		 const struct task *t)
{
	const char *comm = ev->r.comm[0] ? ev->r.comm : t->comm;

	sb_reset(sb);
	sb_printf(sb, "{\"type\":\"%s\",\"ts\":", type);
	if (ev->r.ts_enter)
		sb_printf(sb, "%" PRId64, (int64_t)ev->r.ts_enter + pl->boot_to_real);
	else
		sb_puts(sb, "null");	/* the source had no clock (a strace log without -t) */
	sb_printf(sb, ",\"pid\":%u,\"tid\":%u,\"comm\":", ev->r.pid, ev->r.tid);
	json_string(sb, comm, strnlen(comm, HY_COMM_LEN));
}

static void put_syscall(struct sbuf *sb, const struct event *ev, const struct dctx *d)
{
	sb_puts(sb, ",\"syscall\":");
	if (d->se)
		json_cstr(sb, d->se->name);
	else
		sb_printf(sb, "\"syscall_%#lx\"", (unsigned long)(unsigned int)ev->r.nr);
	sb_printf(sb, ",\"nr\":%d", ev->r.nr);
}

static void json_syscall(struct sbuf *sb, const struct event *ev, const struct dctx *d)
{
	const struct hy_rec *r = &ev->r;

	put_syscall(sb, ev, d);
	if (r->type == HY_REC_SYSCALL && !(r->flags & HY_F_NO_EXIT) && r->ts_enter &&
	    r->ts_exit >= r->ts_enter)
		sb_printf(sb, ",\"dur\":%" PRIu64, (uint64_t)(r->ts_exit - r->ts_enter));
	sb_puts(sb, ",\"args\":");
	json_args(sb, d);
	if (r->type == HY_REC_SYSCALL)
		json_result(sb, d);
	if (r->flags & HY_F_BLOBS_CUT)
		sb_puts(sb, ",\"incomplete\":true");	/* some argument memory was not captured */
}

static void put_signal(struct sbuf *sb, int sig)
{
	const char *name = signame(sig);

	sb_puts(sb, ",\"signal\":");
	if (name)
		json_cstr(sb, name);
	else
		sb_printf(sb, "\"%d\"", sig);
	sb_printf(sb, ",\"signo\":%d", sig);
}

static void json_event(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct jsink *js = s->priv;
	struct pipeline *pl = s->pl;
	struct sbuf *sb = &js->line;
	const struct hy_rec *r = &ev->r;

	switch (r->type) {
	case HY_REC_SYSCALL:
		head(sb, pl, "syscall", ev, t);
		json_syscall(sb, ev, d);
		break;
	case HY_REC_ENTER:	/* a call seen starting; its "syscall" record follows */
		head(sb, pl, "syscall_enter", ev, t);
		json_syscall(sb, ev, d);
		break;
	case HY_REC_SIGNAL:
		head(sb, pl, "signal", ev, t);
		put_signal(sb, r->nr);
		if (d->args && d->args->child) {
			sb_puts(sb, ",\"siginfo\":");
			json_value(sb, d->args->child);
		}
		break;
	case HY_REC_SIGSTOP:
		head(sb, pl, "stop", ev, t);
		put_signal(sb, r->nr);
		break;
	case HY_REC_EXIT:
		head(sb, pl, "exit", ev, t);
		if (r->flags & HY_F_KILLED) {
			put_signal(sb, r->nr);
			sb_printf(sb, ",\"core\":%s", (r->flags & HY_F_CORE) ? "true" : "false");
		} else {
			sb_printf(sb, ",\"exit_code\":%d", r->nr);
		}
		break;
	case HY_REC_DETACH:
		head(sb, pl, "detach", ev, t);
		break;
	case HY_REC_FORK:
		head(sb, pl, "fork", ev, t);
		sb_printf(sb, ",\"parent_tid\":%" PRIu64 ",\"ppid\":%" PRIu64 ",\"thread\":%s",
			  (uint64_t)r->args[2], (uint64_t)r->args[3],
			  (r->flags & HY_F_THREAD) ? "true" : "false");
		break;
	case HY_REC_EXEC:
		head(sb, pl, "exec", ev, t);
		if (r->args[0] && r->args[0] != r->tid)
			sb_printf(sb, ",\"old_tid\":%" PRIu64, (uint64_t)r->args[0]);
		sb_puts(sb, ",\"argv\":");
		json_argv(sb, t->cmdline ? t->cmdline : "", t->cmdline ? t->cmdline_len : 0);
		break;
	case HY_REC_LOST:
		head(sb, pl, "lost", ev, t);
		sb_printf(sb, ",\"count\":%" PRIu64 ",\"reason\":\"%s\"", (uint64_t)r->args[0],
			  json_lost_reason(r->args[1]));
		break;
	default:
		return;
	}
	sb_puts(sb, "}\n");

	FILE *fp = out_for(js, pl->o, t->tid);

	if (fwrite(sb->s, 1, sb->len, fp) != sb->len && !js->err)
		js->err = -errno;
}

static int close_one(FILE *fp, int ret)
{
	if (fp == stderr)
		return fflush(fp) && !ret ? -errno : ret;
	return fclose(fp) && !ret ? -errno : ret;
}

static int json_close(struct sink *s)
{
	struct jsink *js = s->priv;
	int ret;

	if (!js)
		return 0;
	ret = js->err;
	if (js->main)
		ret = close_one(js->main, ret);
	for (unsigned int i = 0; i < js->cap; i++)
		if (js->files[i].fp)
			ret = close_one(js->files[i].fp, ret);
	if (ret)
		pr_warn("cannot write the json output: %s", strerror(-ret));
	free(js->files);
	sb_free(&js->line);
	free(js);
	s->priv = NULL;
	return ret;
}

const struct sink_ops sink_json_ops = {
	.name = "json",
	.open = json_open,
	.event = json_event,
	.close = json_close,
};
