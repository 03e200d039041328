// SPDX-License-Identifier: LGPL-2.1-or-later
/* spawn.c: start the traced command, held on a pipe until the tracer is attached. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "log.h"
#include "spawn.h"

extern char **environ;

static char *find_program(const char *name, int *err)
{
	struct stat st;

	if (strchr(name, '/')) {
		if (stat(name, &st) < 0) {
			*err = errno;
			return NULL;
		}
		return strdup(name);
	}
	const char *path = getenv("PATH");

	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	*err = ENOENT;
	while (*path) {
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);
		char buf[PATH_MAX];

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, n ? path : ".", name);
		if (stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(buf, X_OK) == 0)
				return strdup(buf);
			*err = EACCES;
		}
		path += n + (colon ? 1 : 0);
		if (!colon)
			break;
	}
	return NULL;
}

static char **build_env(const struct opts *o)
{
	size_t n = 0;

	while (environ[n])
		n++;
	char **env = calloc(n + o->nenv + 1, sizeof(*env));

	if (!env)
		return NULL;
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		env[k++] = environ[i];
	for (int e = 0; e < o->nenv; e++) {
		const char *set = o->env_set[e];
		const char *eq = strchr(set, '=');
		size_t key = eq ? (size_t)(eq - set) : strlen(set);

		/* drop an existing VAR=..., then add the new one (if any) */
		for (size_t i = 0; i < k; i++)
			if (!strncmp(env[i], set, key) && env[i][key] == '=') {
				memmove(&env[i], &env[i + 1], (k - i - 1) * sizeof(*env));
				k--;
				i--;
			}
		if (eq)
			env[k++] = (char *)set;
	}
	env[k] = NULL;
	return env;
}

int spawn_prepare(struct spawn *sp, const struct opts *o)
{
	int err;

	memset(sp, 0, sizeof(*sp));
	sp->hold[0] = sp->hold[1] = -1;
	sp->path = find_program(o->argv[0], &err);
	if (!sp->path) {
		pr_warn("cannot run '%s': %s", o->argv[0], strerror(err));
		return -err;
	}
	if (o->user) {
		struct passwd *pw = getpwnam(o->user);

		if (!pw) {
			pr_warn("cannot find user '%s'", o->user);
			free(sp->path);
			return -ENOENT;
		}
		if (geteuid() != 0) {
			pr_warn("-u %s needs root", o->user);
			free(sp->path);
			return -EPERM;
		}
		sp->as_user = true;
		sp->uid = pw->pw_uid;
		sp->gid = pw->pw_gid;
		sp->ngroups = 64;
		sp->groups = calloc(sp->ngroups, sizeof(gid_t));
		if (sp->groups && getgrouplist(pw->pw_name, pw->pw_gid, sp->groups, &sp->ngroups) < 0)
			sp->ngroups = 0;
	}
	sp->envp = build_env(o);
	if (!sp->envp || pipe2(sp->hold, O_CLOEXEC) < 0) {
		err = errno ? errno : ENOMEM;
		pr_warn("cannot start '%s': %s", o->argv[0], strerror(err));
		free(sp->path);
		free(sp->groups);
		free(sp->envp);
		return -err;
	}
	return 0;
}

int spawn_setenv(struct spawn *sp, const char *kv)
{
	const char *eq = strchr(kv, '=');
	size_t key = eq ? (size_t)(eq - kv) : strlen(kv), n = 0;

	for (; sp->envp[n]; n++)
		if (!strncmp(sp->envp[n], kv, key) && sp->envp[n][key] == '=') {
			sp->envp[n] = (char *)kv;
			return 0;
		}
	char **env = realloc(sp->envp, (n + 2) * sizeof(*env));

	if (!env)
		return -ENOMEM;
	env[n] = (char *)kv;
	env[n + 1] = NULL;
	sp->envp = env;
	return 0;
}

/* Wait for the tracer, then become the command (never returns). */
static void __attribute__((noreturn)) become_command(struct spawn *sp, const struct opts *o,
						     int (*in_child)(const struct opts *o, void *arg),
						     void *arg)
{
	char c;

	close(sp->hold[1]);
	while (read(sp->hold[0], &c, 1) < 0 && errno == EINTR)
		;
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	/* a structured trace on our stdout: the command's own output must not mix into it */
	if (o->cmd_out_to_err && dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
		pr_warn("cannot send the command's standard output to standard error: %s",
			strerror(errno));
		_exit(127);
	}
	if (sp->as_user) {
		if (setgroups(sp->ngroups, sp->groups) < 0 || setgid(sp->gid) < 0 ||
		    setuid(sp->uid) < 0) {
			pr_warn("cannot become user %s: %s", o->user, strerror(errno));
			_exit(127);
		}
	}
	if (in_child) {
		int err = in_child(o, arg);

		if (err) {
			pr_warn("cannot install the seccomp filter: %s", strerror(-err));
			_exit(127);
		}
	}
	execve(sp->path, o->argv, sp->envp);
	pr_warn("cannot execute '%s': %s", sp->path, strerror(errno));
	_exit(127);
}

pid_t spawn_start(struct spawn *sp, const struct opts *o,
		  int (*in_child)(const struct opts *o, void *arg), void *arg)
{
	pid_t pid = fork();

	if (pid < 0) {
		int err = errno;

		pr_warn("cannot fork: %s", strerror(err));
		return -err;
	}
	if (pid > 0)
		return pid;
	become_command(sp, o, in_child, arg);
}

pid_t spawn_daemon(struct spawn *sp, const struct opts *o, enum daemonize how)
{
	pid_t cmd = getpid(), mid;

	/*
	 * Yama's ptrace_scope 1 lets a process trace only its descendants, or the descendants
	 * of the process a tracee named: our grandchild is one of ours (fails harmlessly where
	 * Yama is absent)
	 */
	prctl(PR_SET_PTRACER, (unsigned long)cmd, 0, 0, 0);
	mid = fork();
	if (mid < 0) {
		int err = errno;

		pr_warn("cannot fork: %s", strerror(err));
		return -err;
	}
	if (mid == 0) {
		/* the middle process: gone at once, so the command is not the tracer's parent */
		pid_t g = fork();

		if (g != 0)
			_exit(g < 0 ? 1 : 0);
		/* the grandchild: the tracer, in a process group or session of its own if asked */
		if (how == DAEMON_PGROUP && setpgid(0, 0) < 0)
			pr_warn("-DD: cannot make a process group: %s", strerror(errno));
		if (how == DAEMON_SESSION && setsid() < 0)
			pr_warn("-DDD: cannot make a session: %s", strerror(errno));
		close(sp->hold[0]);
		sp->hold[0] = -1;
		return cmd;
	}
	while (waitpid(mid, NULL, 0) < 0 && errno == EINTR)
		;
	become_command(sp, o, NULL, NULL);
}

void spawn_release(struct spawn *sp)
{
	if (sp->hold[0] >= 0)
		close(sp->hold[0]);
	if (sp->hold[1] >= 0)
		close(sp->hold[1]);
	sp->hold[0] = sp->hold[1] = -1;
	free(sp->path);
	free(sp->groups);
	free(sp->envp);
	sp->path = NULL;
	sp->groups = NULL;
	sp->envp = NULL;
}
