/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sink.h: what a sink is (callbacks per event kind, per-task state, needs) and the registry. */
#ifndef HY_SINK_H
#define HY_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "decode.h"
#include "options.h"
#include "outfile.h"
#include "sbuf.h"
#include "symbol.h"
#include "funcs.h"
#include "task.h"

/*
 * What a sink shows, so that the backends capture it (the pipeline takes the union over the
 * open sinks and turns it into struct capture_cfg): nothing is captured that no sink shows.
 */
#define SINK_NEED_TIMES		0x01	/* timestamps or durations */
#define SINK_NEED_FDPATHS	0x02	/* fd paths (-y) */
#define SINK_NEED_SOCKINFO	0x04	/* socket details (-yy) */
#define SINK_NEED_EXEC_ARGV	0x08	/* the argv of each exec (process command lines) */
#define SINK_NEED_STACKS	0x10	/* a user stack per syscall (-k) */
#define SINK_NEED_STACK_LINES	0x20	/* ... with file:line of each frame where debug info has it */
#define SINK_NEED_IP		0x40	/* the user instruction pointer of each call and signal (-i) */

struct sink;

/*
 * --func: one function entry or exit, after the pipeline's per-thread call tracking (depth,
 * exits made up for calls left by longjmp or exceptions, --func-depth, --func-min-time).  The
 * pipeline hands them over in time order with the thread's syscalls, every entry before its
 * exit, and an exit for every entry it handed over (by the end of the trace at the latest).
 */
enum func_ev_kind { FUNC_EV_ENTRY = 1, FUNC_EV_EXIT = 2 };
#define FUNC_EVF_ARGS		0x01	/* entry: args[0..nargs) are the first integer arguments */
#define FUNC_EVF_RET		0x02	/* exit: ret is the return value */
#define FUNC_EVF_NO_RETURN	0x04	/* exit: made up; the return was never seen (longjmp, an
					   exception, the thread exited, a record was lost) */
#define FUNC_EVF_LEAF		0x08	/* entry: its exit comes next, nothing in between (a
					   sink may print the call on one line); exit: of such a
					   call */

struct func_event {
	enum func_ev_kind kind;
	uint32_t pid, tid;
	uint64_t ts;		/* CLOCK_BOOTTIME ns: entry or exit time */
	uint64_t ts_entry;	/* exit: the call's entry time (duration = ts - ts_entry) */
	uint64_t addr;		/* the function's address in the process */
	const struct func_info *fn;	/* its name and binary (never NULL) */
	unsigned int depth;	/* 0: the outermost traced call open on the thread */
	unsigned int flags;	/* FUNC_EVF_* */
	unsigned int nargs;
	uint64_t args[HY_FUNC_ARGS];
	int64_t ret;
};

/*
 * One callback per event kind; a sink sets those it renders and the pipeline skips the rest.
 * Every callback gets the task the event belongs to (already updated with the event: comm,
 * parents, command line) and the event itself; syscall and signal events come decoded.
 */
struct sink_ops {
	const char *name;	/* --format=NAME; NULL for sinks chosen by other options */
	const char *help;	/* what --help says of the format */
	size_t task_size;	/* bytes of per-task state (sink_task()), 0: none */
	/* SINK_NEED_* for these options; NULL: none */
	unsigned int (*needs)(const struct opts *o);
	int (*open)(struct sink *s);	/* 0 or -errno, message printed */
	/*
	 * Every record as the backend produced it (struct hy_rec + blobs, len bytes, len checked
	 * against its size), before decoding and every filter but -e trace=: the raw format.
	 * The pipeline skips parsing and decoding when no open sink has another event callback.
	 */
	void (*record)(struct sink *s, const void *rec, size_t len);
	/* HY_REC_SYSCALL: a completed call; HY_REC_ENTER: the start of one that may block */
	void (*syscall)(struct sink *s, const struct event *ev, struct dctx *d, struct task *t);
	/* syscall() reads only ev (raw arguments and blobs): when every open sink says so, the
	 * pipeline does not decode, and d is not filled in */
	bool raw_syscalls;
	/* HY_REC_SIGNAL (d->args: the siginfo) and HY_REC_SIGSTOP */
	void (*signal)(struct sink *s, const struct event *ev, struct dctx *d, struct task *t);
	/* process lifecycle: HY_REC_FORK, HY_REC_EXEC, HY_REC_EXIT, HY_REC_DETACH */
	void (*process)(struct sink *s, const struct event *ev, struct task *t);
	/* HY_REC_LOST: args[0] events lost for reason args[1] */
	void (*lost)(struct sink *s, const struct event *ev, struct task *t);
	/* --func: a function entry or exit (see struct func_event); t->func_depth is the depth
	 * after the event (an entry's depth + 1, an exit's depth) */
	void (*func)(struct sink *s, const struct func_event *fe, struct task *t);
	/*
	 * -k: the user stack of the HY_REC_SYSCALL event ev, called just before syscall() for
	 * it when the record carries one: n frames, innermost first, the last one possibly a
	 * marker (SYM_F_TRUNC, SYM_F_ERROR).  f stays valid until that syscall() returns.
	 */
	void (*stack)(struct sink *s, const struct event *ev, const struct sym_frame *f,
		      unsigned int n, struct task *t);
	/* in-kernel totals for one syscall (eBPF -c): summaries only */
	void (*totals)(struct sink *s, long nr, const struct hy_sum *sum);
	/*
	 * The source has nothing more for now and is about to wait (pipeline_idle()): write out
	 * what is buffered, so that a slow trace shows at once.  NULL: nothing is buffered.
	 */
	void (*idle)(struct sink *s);
	int (*close)(struct sink *s);	/* flush and finish; 0 or -errno */
};

struct sink {
	const struct sink_ops *ops;
	const struct opts *o;
	const struct tasks *tasks;	/* the pipeline's live tasks, read-only */
	int64_t boot_to_real;		/* CLOCK_REALTIME - CLOCK_BOOTTIME, ns */
	int idx;			/* this sink's slot in task->sink_state */
	void *priv;
	/* --func: the pipeline's function table and symbolizer (NULL without --func), set after
	 * open: the raw format names the functions its records refer to */
	struct func_table *funcs;
	struct symbolizer *sym;
};

/* This sink's state for task t (task_size bytes, zeroed at first use; freed with the task). */
void *sink_task(struct sink *s, struct task *t);

/* Whether syscall lines are printed: not with -c, nor -j alone (summary only). */
static inline bool sink_has_trace(const struct opts *o)
{
	return o->cflag == 2 || (o->cflag == 0 && !o->summary_json);
}

/* The fd details an argument rendering shows: paths under -y, and socket details under -yy. */
static inline unsigned int sink_needs_fds(const struct opts *o)
{
	return o->d.yflag > 1 ? SINK_NEED_FDPATHS | SINK_NEED_SOCKINFO :
	       o->d.yflag ? SINK_NEED_FDPATHS : 0;
}

/* What a sink that shows stacks needs for -k (lines: it shows file:line too). */
static inline unsigned int sink_needs_stacks(const struct opts *o, bool lines)
{
	return !o->kflag ? 0 : lines ? SINK_NEED_STACKS | SINK_NEED_STACK_LINES : SINK_NEED_STACKS;
}

/*
 * -k: frame f as strace -k prints it after " > ": MODULE(FUNC+0xOFF) [0xFILEOFF], MODULE()
 * [0xFILEOFF], unexpected_backtracing_error [0xADDR], too many stack frames, or the reason
 * an unwind stopped.
 */
void sink_frame_text(struct sbuf *sb, const struct sym_frame *f);

/* Output file flags for the options: private (0600) when the trace may hold others' data. */
unsigned int sink_outfile_flags(const struct opts *o);

/* -- the registry --------------------------------------------------------------------------- */

/* The --format sinks in --help order, NULL-terminated. */
extern const struct sink_ops *const sink_formats[];
extern const struct sink_ops sink_summary_ops;	/* -c, -C, -j */
extern const struct sink_ops sink_deps_ops;	/* --deps */
extern const struct sink_ops sink_otlp_ops;	/* --otlp besides another --format */
/* The syscalls --deps reads (file and process calls), as -e trace= bits (NR_WORDS words). */
void deps_trace_set(uint64_t *set);
/* The format called name, or NULL. */
const struct sink_ops *sink_format_find(const char *name);
/* "text, json, tef, perfetto or otlp": for error messages. */
const char *sink_format_list(void);

#endif
