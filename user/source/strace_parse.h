/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* strace_parse.h: strace's text output (6.x), one line at a time, into value trees. */
/*
 * Two levels: sp_line() splits a line into its parts (pid prefix, timestamp, kind,
 * syscall name, the raw text of the arguments and result) without building anything;
 * sp_call() and sp_args() turn that text into value trees in d->ar, the same trees the
 * decoders build, so that render.c prints them back as the same text.  A value the
 * parser does not understand is kept whole as an HV_EXPR with its text.
 */
#ifndef HY_STRACE_PARSE_H
#define HY_STRACE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "decode.h"

/* What the parser has learnt about the options strace was run with. */
struct sp_state {
	int xflag;		/* 0; 1 (-x: a string with a non-printable byte was all \x);
				   2 (-xx: a printable string was all \x) */
	bool unresolved;	/* a symbol had no value in any xlat table (raw value 0) */
	bool no_xlearn;		/* set by the caller: strings here are in \x whatever -x says
				   (getrandom's buffer): learn nothing from them */
};

enum sp_kind {
	SP_BAD,		/* not a strace line; why says why */
	SP_SYSCALL,	/* name(args) = ret */
	SP_UNFINISHED,	/* name(args <unfinished ...> */
	SP_RESUMED,	/* <... name resumed>args) = ret */
	SP_SIGNAL,	/* --- SIGX {siginfo} --- */
	SP_STOPPED,	/* --- stopped by SIGX --- */
	SP_EXITED,	/* +++ exited with N +++ */
	SP_KILLED,	/* +++ killed by SIGX [(core dumped)] +++ */
	SP_ATTACHED,	/* strace: Process N attached */
	SP_DETACHED,	/* strace: Process N detached */
	SP_MESSAGE,	/* another "strace: ..." line, or "+++ superseded by execve ... +++" */
};

enum sp_pidstyle { SP_PID_NONE, SP_PID_PLAIN /* "1234  " (-f -o) */, SP_PID_BRACKET /* "[pid 1234] " */ };
enum sp_tstyle { SP_TS_NONE, SP_TS_T, SP_TS_TT, SP_TS_TTT, SP_TS_R };

struct sp_line {
	enum sp_kind kind;
	enum sp_pidstyle pidstyle;
	pid_t pid;		/* from the prefix (or the strace: message), else 0 */
	enum sp_tstyle tstyle;
	int64_t ts_sec;		/* -t/-tt: seconds since midnight; -ttt: epoch; -r: relative */
	long ts_usec;		/* 0 for -t */
	const char *name;	/* SP_SYSCALL, SP_UNFINISHED, SP_RESUMED: the syscall name */
	size_t name_len;
	/*
	 * SP_SYSCALL: after '(' to the end ("args) = ret", -T removed);
	 * SP_UNFINISHED: after '(' up to " <unfinished ...>";
	 * SP_RESUMED: after "resumed>" to the end; SP_SIGNAL: the siginfo text, if any.
	 */
	const char *body;
	size_t body_len;
	bool has_dur;		/* -T: <sec.usec> */
	uint64_t dur_ns;
	int num;		/* SP_EXITED: code; SP_KILLED, SP_SIGNAL, SP_STOPPED: signal */
	bool core;		/* SP_KILLED: (core dumped) */
	bool nr_prefix;		/* -n: "[ NR] " before the call (skipped) */
	bool ip_prefix;		/* -i: "[IP] " before the call (skipped) */
	const char *why;	/* SP_BAD: the reason, a constant string */
};

/* Split one line (no newline) into its parts; the pointers point into s. */
void sp_line(struct sp_line *l, const char *s, size_t len);

/* A parsed call: the arguments and the result, as the decoders would set them in a dctx. */
struct sp_call {
	struct hv *args;	/* HV_ARRAY */
	bool pending;		/* the argument text ended with ", " (an unfinished call) */
	bool no_exit;		/* "= ?" */
	bool is_error;		/* "= -1 ENAME (...)" or "= ? ERESTART... (...)" */
	int64_t ret;		/* the return value (-errno for errors) */
	struct hv *retval;	/* the return value as printed (HV_INT, HV_HEX, HV_FD ...) */
	struct hv *ret_note;	/* "(...)" after it, or NULL */
	uint32_t tamper;	/* HY_F_INJECTED, HY_F_DELAYED: "(INJECTED)", "(DELAYED)" at the end */
};

/*
 * "args) = ret" into c; 0, or -EINVAL with *why set when the text is not a call's end.
 * Nodes are allocated in d->ar.
 */
int sp_call(struct dctx *d, struct sp_state *st, const char *s, size_t len, struct sp_call *c,
	    const char **why);
/* Arguments only ("args" of an unfinished call, no ')'); never fails (unknown text: HV_EXPR). */
struct hv *sp_args(struct dctx *d, struct sp_state *st, const char *s, size_t len, bool *pending);
/* One value ("{si_signo=SIGCHLD, ...}"); NULL if len is 0. */
struct hv *sp_value(struct dctx *d, struct sp_state *st, const char *s, size_t len);

/* The number of a signal name ("SIGCHLD", "SIGRT_3"), or 0. */
int sp_signo(const char *name, size_t len);
/* The value of errno name ("ENOENT", "ERESTARTSYS"), or 0. */
int sp_errno(const char *name, size_t len);
/* The raw value of a symbol or flag set ("O_RDONLY|O_CLOEXEC"); 0 when found, else -ENOENT. */
int sp_symval(const char *text, size_t len, uint64_t *val);

/*
 * Reading a log line by line, as bytes: a line may hold any byte (a NUL too) and is returned
 * with its length; no line longer than max bytes is ever kept in memory.
 */
struct sp_reader {
	int fd;			/* -1: read from mem */
	size_t max;		/* the longest line returned */
	size_t skip_max;	/* of a line too long, bytes skipped before giving up (-EFBIG) */
	volatile int *stop;	/* when set (nonzero), reading ends with -EINTR; may be NULL */
	unsigned long lineno;	/* the number of the (last physical) line returned or refused */
	/*
	 * Called before a read that may wait (fd is a pipe, a terminal, a socket: not a regular
	 * file), so that the output of what was read so far need not wait; may be NULL.
	 */
	void (*idle)(void *arg);
	void *idle_arg;
	/* private */
	bool may_block;
	const char *mem;
	size_t mem_len, mem_pos;
	char *line;
	size_t len, cap;
	size_t rpos, rend, skipped;
	bool eof, skipping, dead;
	char rd[65536];
};

/* Read the log from fd (not closed by the reader). */
void sp_reader_init(struct sp_reader *r, int fd, size_t max, size_t skip_max,
		    volatile int *stop);
/* Read the log from len bytes at buf (kept by the caller until the end): fuzzers and tests. */
void sp_reader_init_mem(struct sp_reader *r, const void *buf, size_t len, size_t max);
/*
 * The next line, without its newline: 1 and *line, *len (valid until the next call, with a NUL
 * after it); 0 at the end of the input (the last line may lack its newline); -E2BIG when line
 * r->lineno is longer than max bytes: it is skipped, and the next call goes on after it;
 * -EFBIG when no newline ended it within skip_max bytes more (not a log: nothing more is read);
 * -EINTR when *stop was set; -ENOMEM; or a read error (-errno).
 */
int sp_reader_next(struct sp_reader *r, const char **line, size_t *len);
void sp_reader_free(struct sp_reader *r);

#endif
