// SPDX-License-Identifier: LGPL-2.1-or-later
/* main.c: hytrace's entry point: options, backend choice, run, exit status. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "backend.h"
#include "log.h"
#include "pipeline.h"
#include "procperm.h"
#include "sink.h"

static volatile int stop_sig;

static void on_signal(int sig)
{
	stop_sig = sig;
}

/* --duration is over: the backends stop as for a signal, main ends the command */
static void on_duration(int sig)
{
	(void)sig;
	if (!stop_sig)
		stop_sig = TRACER_STOP_DURATION;
}

/*
 * --duration: a timer from now, on every live backend (a signal, so that ptrace's waitpid and
 * eBPF's epoll_wait return EINTR and see the flag).  Its own real-time signal: ptrace's
 * injected delays use SIGALRM.  0 or -errno, printed.
 */
static int arm_duration(double secs)
{
	struct sigevent sev;
	struct itimerspec its;
	struct sigaction sa;
	timer_t timer;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_duration;	/* no SA_RESTART */
	sigaction(SIGRTMIN, &sa, NULL);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGRTMIN;
	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = (time_t)secs;
	its.it_value.tv_nsec = (long)((secs - (double)(time_t)secs) * 1e9);
	if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
		its.it_value.tv_nsec = 1;
	if (timer_create(CLOCK_MONOTONIC, &sev, &timer) < 0 || timer_settime(timer, 0, &its, NULL) < 0) {
		int err = errno;

		pr_warn("cannot start the --duration timer: %s", strerror(err));
		return -err;
	}
	return 0;
}

static double mono_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Where a structured trace goes (docs/formats.md, "Where the output goes"): json, tef,
 * perfetto and raw without -o go to standard output when it is not a terminal (a pipe, a
 * file), else to standard error as text does.  When such a trace is on standard output, the
 * command's own standard output goes to our standard error, so that it never mixes into the
 * trace (text keeps strace's -o - behaviour: both on standard output).
 */
static void resolve_output(struct opts *o)
{
	static const char *const structured[] = { "json", "tef", "perfetto", "raw" };
	bool st = false;

	for (size_t i = 0; i < sizeof(structured) / sizeof(structured[0]); i++)
		st |= !strcmp(o->format, structured[i]);
	if (!st || o->deps || o->cflag == 1)
		return;
	if (!o->outfile && !isatty(STDOUT_FILENO))
		o->outfile = "-";
	if (o->outfile && !strcmp(o->outfile, "-") && o->argv)
		o->cmd_out_to_err = true;
}

/* -a: one line on stderr before the trace: what is traced, where it goes, how it stops. */
static void print_banner(const struct opts *o)
{
	char what[512], dur[64] = "";
	size_t n = snprintf(what, sizeof(what), "%s", o->ncomms ? "the processes" :
			    "every process but hytrace");
	const char *out = !o->outfile ? "standard error" :
			  !strcmp(o->outfile, "-") ? "standard output" : o->outfile;

	for (int i = 0; i < o->ncomms && n < sizeof(what); i++)
		n += snprintf(what + n, sizeof(what) - n, "%s%s", i ? ", " : " named ",
				      o->comms[i]);
	if (o->cgroup && n < sizeof(what))
		snprintf(what + n, sizeof(what) - n, " in the cgroup %s", o->cgroup);
	if (o->duration > 0)
		snprintf(dur, sizeof(dur), " or after %g s", o->duration);
	if (!strcmp(o->format, "otlp"))
		pr_warn("tracing the whole system (%s) with eBPF, OTLP spans to the collector; "
			"Ctrl-C stops%s", what, dur);
	else
		pr_warn("tracing the whole system (%s) with eBPF, %s%s to %s%s; Ctrl-C stops%s",
			what, o->cflag == 1 ? "a summary" : o->format, o->cflag == 1 ? "" : " trace",
			out, o->otlp ? " and OTLP spans" : "", dur);
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: waits return EINTR and see the flag */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
}

/*
 * -I 3 and 4, once the command runs (it must not inherit SIG_IGN): the fatal signals are ignored,
 * as strace does after startup_child(); a Ctrl-C at the terminal reaches the command (our process
 * group) and the trace ends when the tracees do.  One that came during start-up still counts.
 */
static void apply_interruptible(const struct opts *o)
{
	static const int fatal[] = { SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM };

	if (o->intr < INTR_NEVER)
		return;
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		signal(fatal[i], SIG_IGN);
	if (o->intr == INTR_NEVER_TSTP)
		signal(SIGTSTP, SIG_IGN);
}

/*
 * Keep 0, 1 and 2 open (strace's ensure_standard_fds_opened()): a file opened later must not
 * become standard error and get our messages, or standard output and get a trace.  A closed one
 * becomes the read end of a pipe (close-on-exec, so the command still finds it closed): writes
 * to it fail with EBADF, and a trace written there is reported as lost by the exit status.
 */
static void keep_std_fds(void)
{
	int fds[2];

	while (pipe2(fds, O_CLOEXEC) == 0) {
		close(fds[1]);
		if (fds[0] > 2) {
			close(fds[0]);
			break;
		}
	}
}

static const struct backend *choose_backend(const struct opts *o, bool raw)
{
	char why[256] = "";
	const struct backend *bpf = &backend_bpf;
	int err;

	if (o->input) {	/* the strace log reader, a source like the backends */
		if (backend_input.probe(o, why, sizeof(why))) {	/* an output that is the input */
			pr_warn("%s", why);
			return NULL;
		}
		if (!raw && !strcmp(o->format, "raw")) {
			pr_warn("--format=raw writes captured records: a strace log (--input %s) has none",
				o->input);
			return NULL;
		}
		return raw ? &backend_raw : &backend_input;
	}

	switch (o->backend) {
	case BACKEND_PTRACE:
		if (o->all) {
			pr_warn("-a (system-wide) needs the eBPF backend");
			return NULL;
		}
		return &backend_ptrace;
	case BACKEND_BPF:
		err = bpf->probe(o, why, sizeof(why));
		if (err == -EACCES) {	/* refused by the policy of SECURITY.md: why says it all */
			pr_warn("%s", why);
			return NULL;
		}
		if (err) {
			pr_warn("cannot use the eBPF backend: %s", why);
			return NULL;
		}
		return bpf;
	case BACKEND_AUTO:
	default:
		err = bpf->probe(o, why, sizeof(why));
		if (err == 0)
			return bpf;
		if (err == -EACCES) {	/* ptrace would refuse the same targets */
			pr_warn("%s", why);
			return NULL;
		}
		if (o->all) {
			pr_warn("-a (system-wide) needs the eBPF backend: %s", why);
			return NULL;
		}
		if (o->ninjects && err == -EOPNOTSUPP) {	/* the one notice of this fallback */
			pr_warn("using the ptrace backend: %s", why);
			return &backend_ptrace;
		}
		pr_info("using ptrace: %s", why);
		return &backend_ptrace;
	}
}

/*
 * Whether output files are created 0600 (SECURITY.md): a trace that may hold another user's
 * data -- system-wide, any record of the eBPF backend, -p of another user's process, a
 * command run as another user -- is for its writer only.
 */
static bool private_output(const struct opts *o, const struct backend *be)
{
	if (o->all || be == &backend_bpf || o->user)
		return true;
	for (int i = 0; i < o->npids; i++)
		if (proc_foreign(o->pids[i]))
			return true;
	return false;
}

/* End the way the command ended: its exit code, or the same signal. */
static int finish(const struct tracer *tr)
{
	int st = tr->exit_status;

	if (!tr->child_done)
		return 0;
	if (WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);
		struct rlimit no_core = { 0, 0 };
		sigset_t set;

		fflush(NULL);
		setrlimit(RLIMIT_CORE, &no_core);	/* our own death needs no core file */
		signal(sig, SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(sig);
		return 128 + sig;
	}
	return WEXITSTATUS(st);
}

/*
 * -V: as strace -V, the version and the optional features built in; and, since a tracer that
 * silently falls back to ptrace surprises, what each backend can do on this machine and why
 * not.  A feature of its own option (-k, --cuda, --deps) shows once that option exists.
 */
static void print_version(const struct opts *o)
{
	static const char *const features[] = {
		"strace-log-input",	/* --input: strace's text logs */
		"seccomp-bpf",		/* --seccomp-bpf (ptrace) */
		"system-wide",		/* -a, --comm, --cgroup (eBPF) */
	};
	static const struct { const char *option, *feature; } by_option[] = {
		{ "stack-traces", "stack-trace" },	/* -k */
		{ "stack", "stack-trace=fp,dwarf" },	/* --stack=fp|dwarf (eBPF) */
		{ "cuda", "cuda" },			/* NVIDIA ioctls */
		{ "deps", "deps" },			/* dependency records */
	};
	char why[256] = "";
	int err = backend_bpf.probe(o, why, sizeof(why));
	FILE *f;
	int scope = -1;

	printf("hytrace -- version %s\n", HYTRACE_VERSION);
	printf("Copyright: the hytrace authors; license: LGPL-2.1-or-later\n");
	printf("Backends: ebpf ptrace\n");
	if (err)
		printf("  ebpf: no: %s\n", why);
	else
		printf("  ebpf: yes\n");
	f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re");
	if (f) {
		if (fscanf(f, "%d", &scope) != 1)
			scope = -1;
		fclose(f);
	}
	if (scope >= 3)
		printf("  ptrace: no: ptrace is disabled (kernel.yama.ptrace_scope = %d)\n", scope);
	else if (scope == 2 && geteuid() != 0)
		printf("  ptrace: yes (commands it starts; -p needs CAP_SYS_PTRACE: "
		       "kernel.yama.ptrace_scope = 2)\n");
	else if (scope == 1 && geteuid() != 0)
		printf("  ptrace: yes (commands it starts; -p only of its own descendants: "
		       "kernel.yama.ptrace_scope = 1)\n");
	else
		printf("  ptrace: yes\n");
	printf("Output formats:");
	for (int i = 0; sink_formats[i]; i++)
		printf(" %s", sink_formats[i]->name);
	printf("\nOptional features enabled:");
	for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		printf(" %s", features[i]);
	/* the features of other branches, known by their option once merged */
	for (size_t i = 0; i < sizeof(by_option) / sizeof(by_option[0]); i++)
		if (opts_has_long(by_option[i].option))
			printf(" %s", by_option[i].feature);
	printf("\n");
}

int main(int argc, char **argv)
{
	struct opts o;
	struct pipeline pl;
	struct tracer tr;
	const struct backend *be;
	int err, ret;

	keep_std_fds();
	setvbuf(stderr, NULL, _IOLBF, 0);
	/*
	 * Set-user-ID or set-group-ID, hytrace would run commands (-u), write files (-o) and
	 * trace processes with privileges the user does not have: SECURITY.md names file
	 * capabilities instead.
	 */
	if (getuid() != geteuid() || getgid() != getegid()) {
		pr_warn("refusing to run set-user-ID or set-group-ID (see SECURITY.md: file capabilities)");
		return 1;
	}
	err = opts_parse(&o, argc, argv);
	if (err > 0 && o.show_version)
		print_version(&o);
	if (err)
		return err > 0 ? 0 : 1;
	log_level = o.verbose_log;
	resolve_output(&o);
	/* first: the eBPF probe already loads programs, and a Ctrl-C from then on must count
	   (a background job of a shell even starts with SIGINT ignored) */
	catch_signals();
	/* a raw --input: its header says what was captured, before the sinks open */
	bool raw = o.input && raw_input_detect(o.input);

	if (raw && raw_input_open(&o)) {
		backend_raw.cleanup(NULL);
		return 1;
	}
	be = choose_backend(&o, raw);
	if (!be) {
		if (raw)
			backend_raw.cleanup(NULL);
		return 1;
	}
	pr_info("backend %s", be->name);
	o.private_out = private_output(&o, be);
	if (pipeline_init(&pl, &o))
		return 1;
	memset(&tr, 0, sizeof(tr));
	tr.o = &o;
	tr.pl = &pl;
	tr.stop = &stop_sig;
	tr.sym = pl.sym;
	tr.funcs = pl.funcs;
	pipeline_capture_cfg(&pl, &tr.cfg);
	err = be->start(&tr);
	if (err) {
		be->cleanup(&tr);
		pipeline_close(&pl);
		return 1;
	}
	apply_interruptible(&o);
	if (o.all && !(o.quiet & QUIET_ATTACH))
		print_banner(&o);
	double t0 = mono_secs();

	if (o.duration > 0 && !o.input && arm_duration(o.duration)) {
		be->cleanup(&tr);
		pipeline_close(&pl);
		return 1;
	}
	err = be->run(&tr);
	be->cleanup(&tr);
	/* a sink that fails says why itself; the run then fails too */
	int cerr = pipeline_close(&pl);
	uint64_t lost = pipeline_report(&pl, o.all, o.quiet & QUIET_EXIT, mono_secs() - t0);
	bool timed_out = false;

	/* --duration over: the command still running ends by SIGTERM, as under timeout(1) */
	if (stop_sig == TRACER_STOP_DURATION && tr.child && !tr.child_done) {
		int st;

		if (!tr.child_killed)
			kill(tr.child, SIGTERM);
		while (waitpid(tr.child, &st, 0) < 0 && errno == EINTR)
			;
		timed_out = true;
	}
	ret = timed_out ? 124 : finish(&tr);
	if (cerr && !ret)
		ret = 1;
	if (lost && o.fail_on_loss && !ret)
		ret = 3;
	if (stop_sig == TRACER_STOP_DURATION)
		stop_sig = 0;
	if (!tr.child_done && stop_sig) {
		/* interrupted: the tracees go on untraced; we die by the signal, as strace does */
		signal(stop_sig, SIG_DFL);
		raise(stop_sig);
	}
	opts_free(&o);
	return err ? 1 : ret;
}
