/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* spawn.h: start the traced command, held before execve until the tracer is ready. */
#ifndef HY_SPAWN_H
#define HY_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>
#include "options.h"

struct spawn {
	int hold[2];		/* the child reads hold[0] until hold[1] is closed */
	char *path;		/* the resolved program */
	char **envp;
	bool as_user;		/* -u */
	uid_t uid;
	gid_t gid;
	gid_t *groups;
	int ngroups;
};

/* Resolve the program and -u USER; 0, or -errno with one line printed. */
int spawn_prepare(struct spawn *sp, const struct opts *o);
/* Set NAME=VALUE (kv) in the command's environment, replacing NAME; kv must outlive sp. */
int spawn_setenv(struct spawn *sp, const char *kv);
/* Fork the child; it waits, then runs in_child(o, arg) (if any) and execs. The pid, or -errno. */
pid_t spawn_start(struct spawn *sp, const struct opts *o,
		  int (*in_child)(const struct opts *o, void *arg), void *arg);
/*
 * -D, -DD, -DDD: the command keeps our pid (it waits, then execs, and never returns here); a
 * grandchild goes on as the tracer (in its own process group for DAEMON_PGROUP, session for
 * DAEMON_SESSION) and gets the command's pid, or -errno in the caller when the fork failed.
 */
pid_t spawn_daemon(struct spawn *sp, const struct opts *o, enum daemonize how);
/* Let the child go on to execve, and free what spawn_prepare took. */
void spawn_release(struct spawn *sp);

#endif
