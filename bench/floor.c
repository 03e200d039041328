// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * floor: attach the floor programs of floor.bpf.o to sys_enter/sys_exit, then run a command
 * (exit with its status) or, without one, wait for SIGINT/SIGTERM.  Measures what hytrace's
 * hooks cannot go below (bench/README.md, section "unmatched").
 *
 *   floor [--lookup] [--obj FILE] [-- COMMAND [ARGS...]]
 *
 * --lookup: programs doing one task-storage lookup instead of nothing.  FILE defaults to
 * floor.bpf.o next to this program.
 */
#include <bpf/libbpf.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	stop = sig;
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, ap) : 0;
}

int main(int argc, char **argv)
{
	const char *kind = "empty", *obj_path = NULL;
	char def[PATH_MAX], progname[64];
	struct bpf_object *obj;
	struct bpf_program *p;
	struct bpf_link *links[2] = { 0 };
	int i = 1, n = 0, err, status = 0;

	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--miss") || !strcmp(argv[i], "--hit")) {
			kind = argv[i] + 2;
		} else if (!strcmp(argv[i], "--obj") && i + 1 < argc) {
			obj_path = argv[++i];
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else {
			fprintf(stderr, "usage: floor [--miss|--hit] [--obj FILE] [-- COMMAND [ARGS...]]\n");
			return 2;
		}
	}
	if (!obj_path) {
		ssize_t l = readlink("/proc/self/exe", def, sizeof(def) - 16);
		char *slash;

		if (l <= 0) {
			fprintf(stderr, "floor: cannot read /proc/self/exe: %s\n", strerror(errno));
			return 1;
		}
		def[l] = '\0';
		slash = strrchr(def, '/');
		strcpy(slash ? slash + 1 : def, "floor.bpf.o");
		obj_path = def;
	}
	libbpf_set_print(quiet);
	obj = bpf_object__open_file(obj_path, NULL);
	if (!obj) {
		fprintf(stderr, "floor: cannot open %s: %s\n", obj_path, strerror(errno));
		return 1;
	}
	bpf_object__for_each_program(p, obj)
		bpf_program__set_autoload(p, strstr(bpf_program__name(p), kind) != NULL);
	err = bpf_object__load(obj);
	if (err) {
		fprintf(stderr, "floor: cannot load %s: %s\n", obj_path, strerror(-err));
		return 1;
	}
	bpf_object__for_each_program(p, obj) {
		if (!bpf_program__autoload(p))
			continue;
		snprintf(progname, sizeof(progname), "%s", bpf_program__name(p));
		links[n] = bpf_program__attach(p);
		if (!links[n]) {
			fprintf(stderr, "floor: cannot attach %s: %s\n", progname, strerror(errno));
			return 1;
		}
		n++;
	}
	signal(SIGINT, on_stop);
	signal(SIGTERM, on_stop);
	if (i < argc) {
		pid_t pid = fork();

		if (pid < 0) {
			fprintf(stderr, "floor: cannot fork: %s\n", strerror(errno));
			return 1;
		}
		if (pid == 0) {
			execvp(argv[i], argv + i);
			fprintf(stderr, "floor: cannot run %s: %s\n", argv[i], strerror(errno));
			_exit(127);
		}
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	} else {
		while (!stop)
			pause();
		status = 128 + stop;
	}
	for (int k = 0; k < n; k++)
		bpf_link__destroy(links[k]);
	bpf_object__close(obj);
	return status;
}
