/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* options.h: the parsed command line, shared by backends, pipeline and sinks. */
#ifndef HY_OPTIONS_H
#define HY_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "dopts.h"
#include "hytrace.h"

#define HYTRACE_VERSION "0.1.0"

enum backend_kind { BACKEND_AUTO, BACKEND_PTRACE, BACKEND_BPF };
enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
enum cuda_mode { CUDA_OFF, CUDA_ON, CUDA_ONLY };	/* --cuda, --cuda-only */
enum stack_mode { STACK_DWARF, STACK_FP };	/* --stack= (eBPF -k) */
enum otlp_syscalls { OTLP_SC_EVENTS, OTLP_SC_SPANS, OTLP_SC_NONE };

/*
 * -I: when hytrace can be interrupted by SIGHUP, SIGINT, SIGQUIT, SIGPIPE and SIGTERM (strace's
 * numbers and names).  Both backends act on a signal between records, so 1 and 2 differ only for
 * a command run under the ptrace backend's seccomp filter: 1 detaches at once, 2 passes the
 * signal on to the command and traces on until every tracee is gone (a detached tracee would
 * keep the filter, and its traced syscalls would fail with ENOSYS).
 */
enum intr_mode {
	INTR_ANYWHERE = 1,	/* anywhere, always: stop at once */
	INTR_WHILE_WAIT = 2,	/* waiting: stop unless tracees would be left under the filter */
	INTR_NEVER = 3,		/* never: the signals are ignored once tracing (-o FILE PROG) */
	INTR_NEVER_TSTP = 4,	/* never_tstp: and SIGTSTP too */
};

/* -e status= bits */
#define ST_SUCCESSFUL	0x01
#define ST_FAILED	0x02
#define ST_UNFINISHED	0x04
#define ST_UNAVAILABLE	0x08
#define ST_DETACHED	0x10
#define ST_ALL		0x1f

#define NR_WORDS ((HY_NR_MAX + 63) / 64)

/* -e quiet= items (strace 6.1's names); -q is attach,personality, -qq adds exit, -qqq all */
#define QUIET_ATTACH		0x01	/* "Process N attached/detached" */
#define QUIET_EXIT		0x02	/* "+++ exited with N +++", "+++ killed by SIG +++" */
#define QUIET_PATH_RESOLUTION	0x04	/* -P: "Requested path ... resolved into ..." */
#define QUIET_PERSONALITY	0x08	/* "[ Process PID=N runs in M mode. ]" */
#define QUIET_SUPERSEDED	0x10	/* thread-execve, superseded: "+++ superseded by ... +++" */
#define QUIET_ALL		0x1f

/* -X, --const-print-style: how named constants print (strace 6.1's xlat styles) */
enum const_style { CONST_ABBREV, CONST_RAW, CONST_VERBOSE };

/* -D, --daemonize: where the tracer runs when it starts the command */
enum daemonize { DAEMON_OFF, DAEMON_GRANDCHILD, DAEMON_PGROUP, DAEMON_SESSION };
/*
 * -e inject=SET:... and -e fault=SET:... (strace 6.1's man page, "Tampering"): one rule per
 * expression; for each syscall, the last expression naming it wins (opts.inject_of).
 */
#define INJ_WHEN_MAX	65535	/* when=: first and step 1..65535, last 1..65534 (strace 6.1) */
struct inject_rule {
	int error;		/* error=: 1..4095, 0: none */
	bool has_retval;	/* retval= given */
	int64_t retval;		/* ... the success value returned */
	int signo;		/* signal=: 1..64, 0: none */
	long scno;		/* syscall=: a pure syscall run instead of -1; -1: none */
	uint64_t delay_enter_us;	/* delay_enter=, microseconds (0: none) */
	uint64_t delay_exit_us;		/* delay_exit= */
	unsigned int first, last, step;	/* when=: invocations first..last, every step */
};

/* -e read=SET, -e write=SET: the fds whose data is dumped in hex */
#define DUMP_FD_MAX	1024	/* fds named one by one: 0..1023 (all/none/! cover the rest) */
struct fd_set_q {
	uint64_t bits[DUMP_FD_MAX / 64];
	bool high;		/* fds from DUMP_FD_MAX up are in the set (all, or a negation) */
	bool any;		/* some fd is in the set */
};

static inline bool fdset_has(const struct fd_set_q *s, long fd)
{
	if (fd < 0 || !s->any)
		return false;
	if (fd >= DUMP_FD_MAX)
		return s->high;
	return s->bits[fd / 64] >> (fd % 64) & 1;
}

/* --func=PATTERN[@BINARY] and --func-exclude=PATTERN[@BINARY], in command-line order */
struct func_pattern {
	const char *regex;	/* POSIX extended regex on symbol names, as given */
	const char *binary;	/* after '@': a path or soname to pick the binary, else NULL */
	bool exclude;		/* --func-exclude */
};

struct opts {
	enum backend_kind backend;
	int follow;			/* -f 1, -ff 2 */
	bool out_sep;			/* --output-separately (with -f: -ff) */
	const char *outfile;		/* -o */
	pid_t *pids;			/* -p */
	int npids;
	char **argv;			/* the command, or NULL */
	uint64_t trace[NR_WORDS];	/* -e trace=: syscall numbers traced */
	uint64_t raw_set[NR_WORDS];	/* -e raw=: calls printed undecoded (default none) */
	uint64_t abbrev_set[NR_WORDS];	/* -e abbrev=: calls abbreviated (default all; -v: none) */
	uint64_t verbose_set[NR_WORDS];	/* -e verbose=: calls whose structures are read (all) */
	bool trace_all;			/* no -e trace= given (or =all) */
	uint64_t signals[2];		/* -e signal=: bit per signal shown (1..64) */
	unsigned int status;		/* -e status=, ST_* (ST_ALL by default) */
	struct dopts d;			/* -s -v -x -y: decoding options */
	int tflag;			/* -t 1, -tt 2, -ttt 3 (format: %T for 1 and 2, epoch for 3) */
	int tprec;			/* digits after the second: -t 0, -tt 6, --absolute-timestamps */
	int rprec;			/* -r's digits (--relative-timestamps=PRECISION, default 6) */
	int Tprec;			/* -T's digits (--syscall-times=PRECISION, default 6) */
	bool rflag;			/* -r */
	bool Tflag;			/* -T */
	unsigned int align_col;		/* strace's -a COLUMN, --columns: where "= " starts (40) */
	bool nflag;			/* -n: the syscall number before the name */
	bool iflag;			/* -i: the instruction pointer at the call */
	bool Yflag;			/* -Y, --decode-pids=comm: the command name after pids */
	bool pidns;			/* --pidns-translation, -e decode-pids=pidns */
	bool append;			/* -A: -o FILE opened for appending */
	enum const_style xstyle;	/* -X */
	enum daemonize daemon;		/* -D, -DD, -DDD */
	bool detach_on_execve;		/* -b execve */
	char **paths;			/* -P PATH: only calls touching these paths (copies) */
	int npaths;
	/* summary (-c, -C) */
	bool wflag;			/* -w: the time column is wall-clock time, not system time */
	const char *columns;		/* -U: columns to show, as given (NULL: the default) */
	int64_t overhead_ns;		/* -O: time subtracted from each call; -1: not given */
	unsigned int quiet;		/* -q, -e quiet=: QUIET_* (attach by default with -o FILE
					   PROG, as in strace) */
	int intr;			/* -I, --interruptible: INTR_* (after parsing, never 0) */
	int cflag;			/* -c 1, -C 2 */
	const char *sortby;		/* -S */
	bool summary_json;		/* -j */
	const char *user;		/* -u */
	char **env_set;			/* -E VAR=VAL / -E VAR (unset) */
	int nenv;
	int seccomp;			/* --seccomp-bpf 1, --no-seccomp-bpf 0; -1: automatic */
	enum color_mode color;
	int verbose_log;		/* -v is decoding; --debug/-D logs */
	/* eBPF backend */
	bool all;			/* -a: system-wide */
	char **comms;			/* --comm= */
	int ncomms;
	const char *cgroup;		/* --cgroup= */
	double duration;		/* --duration= seconds, 0 = none */
	bool fail_on_loss;		/* --fail-on-loss: exit status 3 when events were lost */
	bool cmd_out_to_err;		/* the command's stdout goes to our stderr: the trace is on stdout */
	uint64_t buffer_size;		/* --buffer-size= bytes, 0 = default */
	enum stack_mode stack_mode;	/* --stack= */
	uint32_t stack_size;		/* --stack-size= bytes, 0 = HY_USTACK_DEFAULT */
	/* outputs */
	const char *format;		/* --format=NAME (a sink_formats[] name), --tef, --otlp */
	bool format_given;		/* --format, --tef: o->format was chosen, not the default */
	bool otlp;			/* --otlp: OTLP export too, besides --format's output */
	const char *otlp_url;		/* --otlp=URL, else OTEL_EXPORTER_OTLP_ENDPOINT, else default */
enum otlp_syscalls otlp_sc;	/* --otlp-syscalls= */
	bool relative_to_now;		/* --relative-to-now: shift times so the trace ends now */
	bool logs;			/* --logs: perfetto also gets each text line as a log entry */
	bool show_version;		/* -V: main.c prints the version, backends and features */
	const char *input;		/* --input FILE ("-": stdin): read strace text instead of tracing */
	char **more_inputs;		/* --input FILE FILE2...: the logs after the first (argv's) */
	int nmore_inputs;
	bool private_out;		/* output files 0600: set by main once the backend is known */
	enum cuda_mode cuda;		/* --cuda: NVIDIA ioctls decoded; --cuda-only: only those */
	bool input_clock;		/* a raw --input: its capture's clock offset, not ours */
	int64_t input_boot_to_real;	/* ... CLOCK_REALTIME - CLOCK_BOOTTIME at capture, ns */
	/* -k stack traces (issue 12) */
	bool kflag;			/* -k, --stack-traces: the user stack of each call shown */
	unsigned int stack_depth;	/* --stack-depth=N frames (HY_STACK_DEPTH by default) */
	/* --deps (docs/deps.md) */
	const char *deps;		/* text, json, make or dvc; NULL: no --deps */
	const char *deps_root;		/* --deps-root=DIR (NULL: the current directory) */
	bool deps_all;			/* --deps-all: keep /proc, /sys, /dev, the loader's files */
	int deps_hash;			/* --deps-hash: enum digest_kind; -1: md5 for dvc, else none */
	const char *deps_stage;		/* --deps-stage=NAME (dvc) */
	/* --func function tracing (issue 13) */
	struct func_pattern *funcs;	/* --func and --func-exclude, in order */
	int nfuncs;			/* ... of which at least one --func when nonzero */
	unsigned int func_depth;	/* --func-depth=N: calls nested deeper are dropped; 0: all */
	uint64_t func_min_ns;		/* --func-min-time: calls shorter than this are dropped */
	bool func_args;			/* --func-args: integer arguments and return values */
	/* -e inject=, -e fault= (ptrace backend) */
	struct inject_rule *injects;	/* the rules, in command-line order */
	int ninjects;
	uint16_t inject_of[HY_NR_MAX];	/* per syscall: 1 + its rule's index, 0: none */
	/* -e read=, -e write= */
	struct fd_set_q dump_read, dump_write;
};

/* The injection rule for syscall nr, or NULL. */
static inline const struct inject_rule *opts_inject(const struct opts *o, long nr)
{
	if (nr < 0 || nr >= HY_NR_MAX || !o->inject_of[nr])
		return NULL;
	return &o->injects[o->inject_of[nr] - 1];
}

static inline bool opts_traced(const struct opts *o, long nr)
{
	if (nr < 0 || nr >= HY_NR_MAX)
		return o->trace_all;
	return o->trace[nr / 64] >> (nr % 64) & 1;
}

/* Whether the option table has the long option --name (-V lists features by their options). */
bool opts_has_long(const char *name);
int opts_parse(struct opts *o, int argc, char **argv);
void opts_free(struct opts *o);

#endif
