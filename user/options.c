// SPDX-License-Identifier: LGPL-2.1-or-later
/* options.c: strace-compatible command line parsing. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "log.h"
#include "options.h"
#include "decode.h"
#include "digest.h"
#include "sink.h"
#include "paths.h"


static const char usage_text[] =
"Usage: hytrace [-cCffhjkqqrtttTvVxxyyzZ] [-I N] [-e EXPR]... [-o FILE] [-s STRSIZE] [-S SORTBY]\n"
"               [-u USER] [-E VAR=VAL]... [--backend=auto|bpf|ptrace] [--format=FORMAT]\n"
"               { -p PID | -a | [--] PROG [ARGS] }\n"
"       hytrace --input FILE [--format=FORMAT] [-o FILE]\n"
"\n"
"Tracing:\n"
"  -f, --follow-forks  follow forks; -ff with -o: one file per process (FILE.PID)\n"
"  -p PID[,PID]   attach to running processes (Ctrl-C detaches, they keep running)\n"
"  -a             system-wide: every process but hytrace (eBPF backend)\n"
"  --comm=NAME    -a: only processes named NAME (repeatable)\n"
"  --cgroup=PATH  -a: only processes in this cgroup v2 directory\n"
"  --duration=S   eBPF: stop after S seconds (0.001 to 1000000000)\n"
"  -I N, --interruptible=N  when fatal signals stop hytrace: 1 anywhere, 2 waiting (default),\n"
"                 3 never (default with -o FILE PROG: Ctrl-C reaches only PROG), 4 never_tstp\n"
"  -u USER        run PROG as USER (uid, gid and groups)\n"
"  -E VAR=VAL     put VAR=VAL in PROG's environment; -E VAR removes VAR\n"
"  --backend=B    auto (default: eBPF when permitted, else ptrace), bpf, ptrace\n"
"  --seccomp-bpf  ptrace: stop only for traced syscalls (default when -e trace= is given)\n"
"  --no-seccomp-bpf  ptrace: never use the seccomp filter\n"
"  --buffer-size=SIZE  eBPF ring buffer: 4K to 2G (K, M, G suffixes), rounded up to a\n"
"                 power of two (default 8M, 1M with -c)\n"
"Filtering:\n"
"  -e trace=SET   syscalls to show: names, !negation, %file %process %network %memory\n"
"                 %signal %ipc %desc %creds %clock %stat %lstat %fstat %%stat %statfs\n"
"                 %fstatfs %%statfs %pure, /REGEX, all, none\n"
"  -e status=SET  successful, failed, unfinished, unavailable, detached\n"
"  -e signal=SET  signals to show\n"
"  -e raw=all     print arguments undecoded\n"
"  --cuda         decode NVIDIA driver ioctls (escapes, RM and UVM commands) with their\n"
"                 structs, alongside the normal trace (fds are told by their device path)\n"
"  --cuda-only    only what touches NVIDIA devices: opens of /dev/nvidia*, ioctls, mmaps and\n"
"                 closes of their fds (implies --cuda; with -e trace=, the intersection)\n"
"  -z, -Z         only successful / only failed calls\n"
"Tampering (ptrace backend) and data dumps:\n"
"  -e inject=SET:HOW[:when=W], --inject=...  tamper with the calls in SET; HOW: error=E\n"
"                 (skip, fail with errno E), retval=V (skip, return V), signal=S (as it\n"
"                 returns), syscall=NAME, delay_enter=T, delay_exit=T (T: 10ms, 5us...);\n"
"                 W: N, N+, N+STEP, N..M, N..M+STEP (per thread); marked (INJECTED), (DELAYED)\n"
"  -e fault=SET[:error=E][:when=W], --fault=...  inject with error=ENOSYS by default\n"
"  -e read=FDS, --read=FDS   hex dump of all the data read from these fds (reads=, r=)\n"
"  -e write=FDS, --write=FDS  hex dump of all the data written to them (writes=, w=)\n"
"Output:\n"
"  -o FILE, --output=FILE  write the trace to FILE (default: standard error)\n"
"                 -o -: standard output; -o '|CMD' or '!CMD': piped to sh -c CMD\n"
"  -s N           show at most N bytes of strings and buffers (default 32, at most 1048576)\n"
"  -v             print structures in full\n"
"  -x, -xx        non-ASCII strings in hex; all strings in hex\n"
"  -y, -yy        print paths of fds; also socket details and device numbers\n"
"  -t, -tt, -ttt  time of day; with microseconds; seconds since the epoch\n"
"  -r             time since the previous line\n"
"  -T             time spent in each call\n"
"  -k, --stack-traces  the user stack of each call shown, after it (strace -k's format)\n"
"  --stack-depth=N  -k: at most N frames per stack (default 64, 1 to 1024)\n"
"  --stack=fp|dwarf  eBPF -k: frame pointers walked in the kernel (cheap; right only for\n"
"                 code built with them), or a copy of the user stack unwound with its DWARF\n"
"                 CFI here (default: Debian's binaries have no frame pointers)\n"
"  --stack-size=SIZE  eBPF -k --stack=dwarf: bytes of user stack copied per call, 256 to\n"
"                 16K (default 8K); a deeper stack shows a marked cut\n"
"  -q, -qq        no attach/detach messages; also no exit status lines\n"
"  --color=WHEN, --colour=WHEN  auto (default), always, never; NO_COLOR disables auto\n"
"Summary:\n"
"  -c, --summary-only  count time, calls and errors per syscall; print a table at the end\n"
"  -C, --summary  the same, and print the trace too\n"
"  -S SORTBY      sort the table by time (default), calls, errors, name, avg-time,\n"
"                 min-time, max-time, nothing\n"
"  -j, --summary-json  the summary as JSON (with -C: after the trace)\n"
"Functions (docs/functions.md):\n"
"  --func=PATTERN[@BINARY]  trace entry and exit of the functions whose names match the\n"
"                 regex PATTERN (repeatable), in the program and its libraries, or only in\n"
"                 BINARY (a path or soname); eBPF uprobes, or ptrace with a -pg or\n"
"                 -finstrument-functions build\n"
"  --func-exclude=PATTERN[@BINARY]  not these functions\n"
"  --func-depth=N  only calls nested at most N deep\n"
"  --func-min-time=TIME  drop calls shorter than TIME (10us, 1ms ...)\n"
"  --func-args    the first integer arguments and the return value of each call\n"
"Formats:\n"
"  --format=F     the output format, one of:\n"
"@FORMATS@"
"  --tef          --format=tef\n"
"  --otlp[=URL]   send OTLP/HTTP JSON spans (URL: else $OTEL_EXPORTER_OTLP_ENDPOINT,\n"
"                 else http://localhost:4318/v1/traces)\n"
"  --otlp-syscalls=events|spans|none  syscalls as span events (default), child spans, or not\n"
"  --relative-to-now  shift timestamps so that the trace ends now\n"
"  --logs         perfetto: also each text line as a log entry\n"
"  --input=FILE  read a strace log (\"-\": stdin) instead of tracing; any --format applies\n"
"Dependencies (docs/deps.md):\n"
"  --deps[=F]     no trace: the files the command tree read and wrote, at the end (implies -f);\n"
"                 F: text (default), json, make (a rule) or dvc (dvc.yaml + dvc.lock)\n"
"  --deps-root=DIR  only paths under DIR (default: the current directory; / for all)\n"
"  --deps-all     keep /proc, /sys, /dev and the dynamic loader's libraries and caches\n"
"  --deps-hash=H  md5, sha256 or none of the files at the end (default: md5 for dvc, else none)\n"
"  --deps-stage=NAME  dvc: the stage's name (default: hytrace)\n"
"Misc:\n"
"  --debug        log what hytrace does on stderr (twice: more)\n"
"  -h, --help     this help\n"
"  -V, --version  the version, the backends built in and whether this machine allows them,\n"
"                 the optional features\n"
"\n"
"Examples:\n"
"  hytrace ls /                                  trace a command, as strace does\n"
"  hytrace -f -tt -T -e trace=%file -o log make  children too, timed, file calls, into log\n"
"  hytrace -c -p 1234                            attach to a process, count its calls\n"
"  sudo hytrace -a --comm=nginx --duration=10    the whole system, processes named nginx\n"
"  hytrace -f --format=perfetto -o run.pftrace make   a trace for ui.perfetto.dev\n"
"  hytrace -f --otlp=http://collector:4318/v1/traces ./tests   spans to OpenTelemetry\n"
"  hytrace --input app.strace --format=perfetto -o app.pftrace  convert a strace log\n"
"\n"
"Environment:\n"
"  NO_COLOR                    set: no colours with --color=auto\n"
"  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT  --otlp without a URL\n"
"  OTEL_EXPORTER_OTLP_TRACES_HEADERS, OTEL_EXPORTER_OTLP_HEADERS    extra HTTP headers\n"
"  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT, OTEL_EXPORTER_OTLP_TIMEOUT    export deadline, ms\n"
"  OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES  resource attributes of the spans\n"
"\n"
"Documentation: man hytrace; " HYTRACE_DOCDIR "\n";

/* The usage text, with the formats listed from the sink registry. */
static void usage(FILE *fp)
{
	char formats[1024];
	size_t n = 0;

	formats[0] = '\0';
	for (int i = 0; sink_formats[i] && n < sizeof(formats); i++)
		n += snprintf(formats + n, sizeof(formats) - n, "                   %-9s %s%s\n",
			      sink_formats[i]->name, sink_formats[i]->help, i ? "" : " (default)");
	const char *at = strstr(usage_text, "@FORMATS@");

	fwrite(usage_text, 1, at - usage_text, fp);
	fputs(formats, fp);
	fputs(at + strlen("@FORMATS@"), fp);
}

static void usage_hint(void)
{
	fputs("Try 'hytrace -h' for more information.\n", stderr);
}

__attribute__((format(printf, 1, 2)))
static int bad(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pr_vmsg(0, fmt, ap);
	va_end(ap);
	usage_hint();
	return -1;
}

/*
 * Limits of the numeric options, and where they come from.  --help states them.
 */
#define STRSIZE_MAX	(1u << 20)	/* -s: 1 MiB of a string (strace allows 2^30: none need it) */
#define PID_MAX_LIMIT	(4u << 20)	/* -p: linux/threads.h, PID_MAX_LIMIT on 64-bit */
#define SIG_MAX		64		/* -e signal=: SIGRTMAX (asm-generic/signal.h, _NSIG) */
#define RING_MIN	4096ull		/* --buffer-size: a page (kernel/bpf/ringbuf.c) */
#define RING_MAX	(1ull << 31)	/* the largest power of two in its u32 max_entries */
#define DURATION_MAX	1000000000.0	/* --duration: ~31 years, in s; and 1 ms at least */

/* A whole decimal number, digits only (no sign, space or base prefix), at most max. */
static bool parse_uint(const char *s, unsigned long long max, unsigned long long *out)
{
	unsigned long long n = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned long long d = (unsigned long long)(*s - '0');

		if (*s < '0' || *s > '9' || d > max || n > (max - d) / 10)
			return false;
		n = n * 10 + d;
	}
	*out = n;
	return true;
}

/* A list with an empty item: "", "a,", ",a", "a,,b". */
static bool list_has_empty(const char *list)
{
	size_t n = strlen(list);

	return !n || list[0] == ',' || list[n - 1] == ',' || strstr(list, ",,");
}

static bool quiet_set;	/* -q or -e quiet= given */

static void nr_set(uint64_t *set, long nr, bool on)
{
	if (nr < 0 || nr >= HY_NR_MAX)
		return;
	if (on)
		set[nr / 64] |= 1ull << (nr % 64);
	else
		set[nr / 64] &= ~(1ull << (nr % 64));
}

struct cls {
	const char *name;
	uint32_t bits;
};

static const struct cls classes[] = {
	{ "file", SC_TF }, { "process", SC_TP }, { "network", SC_TN }, { "net", SC_TN },
	{ "signal", SC_TS }, { "ipc", SC_TI }, { "desc", SC_TD }, { "memory", SC_TM },
	{ "creds", SC_TC }, { "clock", SC_TCL }, { "stat", SC_TST }, { "lstat", SC_TLST },
	{ "fstat", SC_TFST }, { "%stat", SC_TSTA }, { "statfs", SC_TSF },
	{ "fstatfs", SC_TFSF }, { "%statfs", SC_TSFA }, { "pure", SC_PU },
};

/* A syscall set (-e trace=, and the sets of raw=, verbose=, abbrev=) into out[NR_WORDS]. */
static int parse_sysset(const char *spec, const char *qual, uint64_t *out)
{
	uint64_t set[NR_WORDS] = { 0 };
	bool neg = false;
	char *copy, *save = NULL;

	if (*spec == '!') {
		neg = true;
		spec++;
	}
	if (list_has_empty(spec))	/* strace: invalid system call '' */
		return bad("invalid system call '' in -e %s='%s%s'", qual, neg ? "!" : "", spec);
	copy = strdup(spec);
	if (!copy)
		return -1;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool quiet = false;

		if (*tok == '?') {
			quiet = true;
			tok++;
		}
		if (!strcmp(tok, "all")) {
			memset(set, 0xff, sizeof(set));
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		if (*tok == '/') {
			regex_t re;
			bool any = false;

			if (regcomp(&re, tok + 1, REG_EXTENDED | REG_NOSUB)) {
				int r = bad("invalid regular expression '%s'", tok + 1);

				free(copy);
				return r;
			}
			for (unsigned int i = 0; i < sysent_count && i < HY_NR_MAX; i++)
				if (sysent[i].name && !regexec(&re, sysent[i].name, 0, NULL, 0)) {
					nr_set(set, i, true);
					any = true;
				}
			regfree(&re);
			if (!any && !quiet) {
				int r = bad("no system call matches '%s'", tok + 1);

				free(copy);
				return r;
			}
			continue;
		}
		const char *cname = *tok == '%' ? tok + 1 : tok;
		bool found = false;

		for (size_t c = 0; c < sizeof(classes) / sizeof(classes[0]); c++) {
			if (strcmp(cname, classes[c].name))
				continue;
			if (*tok != '%' && classes[c].name[0] == '%')
				break;
			for (unsigned int i = 0; i < sysent_count && i < HY_NR_MAX; i++)
				if (sysent[i].name && (sysent[i].classes & classes[c].bits))
					nr_set(set, i, true);
			found = true;
			break;
		}
		if (found)
			continue;
		long nr = sysent_lookup(tok);

		if (nr < 0) {
			if (quiet)
				continue;
			int r = bad("invalid system call '%s'", tok);

			free(copy);
			return r;
		}
		nr_set(set, nr, true);
	}
	free(copy);
	for (int w = 0; w < NR_WORDS; w++)
		out[w] = neg ? ~set[w] : set[w];
	return 0;
}

/*
 * --cuda-only: the calls that can touch an NVIDIA device (opening it, and ioctl, mmap and
 * close of its fds), within -e trace= when one was given; which of them are about an
 * NVIDIA file is decided per call (the kernel side, and pipeline_feed()).
 */
static void cuda_only_set(struct opts *o)
{
	static const char *const names[] = { "open", "openat", "openat2", "creat", "ioctl", "mmap",
					     "close" };
	uint64_t set[NR_WORDS] = { 0 };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		nr_set(set, sysent_lookup(names[i]), true);
	for (int w = 0; w < NR_WORDS; w++)
		o->trace[w] &= set[w];
	o->trace_all = false;
}

/* -e trace=SET */
static int parse_trace(struct opts *o, const char *spec)
{
	if (parse_sysset(spec, "trace", o->trace))
		return -1;
	o->trace_all = true;
	for (int w = 0; w < NR_WORDS; w++)
		if (o->trace[w] != ~0ull)
			o->trace_all = false;
	return 0;
}

static int parse_status(struct opts *o, const char *spec)
{
	static const char *const names[] = { "successful", "failed", "unfinished", "unavailable",
					     "detached" };
	unsigned int set = 0;
	bool neg = false;
	char *copy, *save = NULL;

	if (*spec == '!') {
		neg = true;
		spec++;
	}
	if (list_has_empty(spec))
		return bad("invalid status '' in -e status='%s%s'", neg ? "!" : "", spec);
	copy = strdup(spec);
	if (!copy)
		return -1;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;

		if (!strcmp(tok, "all")) {
			set = ST_ALL;
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		for (i = 0; i < 5; i++)
			if (!strcmp(tok, names[i]))
				break;
		if (i == 5) {
			int r = bad("invalid status '%s'", tok);

			free(copy);
			return r;
		}
		set |= 1u << i;
	}
	free(copy);
	o->status = neg ? ST_ALL & ~set : set;
	return 0;
}

static int signal_number(const char *s)
{
	unsigned long long n;

	if (*s >= '0' && *s <= '9')	/* a number: 1 to SIGRTMAX */
		return parse_uint(s, SIG_MAX, &n) && n ? (int)n : -1;
	for (int sig = 1; sig <= SIG_MAX; sig++) {
		const char *nm = signame(sig);

		if (!nm)
			continue;
		if (!strcasecmp(s, nm) || !strcasecmp(s, nm + 3))
			return sig;
	}
	return -1;
}

static int parse_signals(struct opts *o, const char *spec)
{
	uint64_t set[2] = { 0, 0 };
	bool neg = false;
	char *copy, *save = NULL;

	if (*spec == '!') {
		neg = true;
		spec++;
	}
	if (list_has_empty(spec))	/* strace: invalid signal '' */
		return bad("invalid signal '' in -e signal='%s%s'", neg ? "!" : "", spec);
	copy = strdup(spec);
	if (!copy)
		return -1;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "all")) {
			set[0] = set[1] = ~0ull;
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		int sig = signal_number(tok);

		if (sig < 0) {
			int r = bad("invalid signal '%s'", tok);

			free(copy);
			return r;
		}
		set[(sig - 1) / 64] |= 1ull << ((sig - 1) % 64);
	}
	free(copy);
	o->signals[0] = neg ? ~set[0] : set[0];
	o->signals[1] = neg ? ~set[1] : set[1];
	return 0;
}

/* An exact -e qualifier name: expr's first n bytes are one of the NULL-ended names. */
static bool qual_is(const char *expr, size_t n, const char *const *names)
{
	for (; *names; names++)
		if (strlen(*names) == n && !strncmp(expr, *names, n))
			return true;
	return false;
}

/* error=: a name (ENOENT) or a number 1..4095, as strace 6.1; 0 if invalid. */
static int inject_errno(const char *s)
{
	unsigned long long n;

	if (*s >= '0' && *s <= '9')
		return parse_uint(s, 4095, &n) && n ? (int)n : 0;
	for (int e = 1; e <= 4095; e++) {
		const char *nm = errno_name(e);

		if (nm && !strcmp(nm, s))
			return e;
	}
	return 0;
}

/* delay_enter=/delay_exit=: strace's time format, a decimal number with s, ms, us (the
 * default) or ns; into microseconds (at most a day: a longer one is surely a mistake). */
static int inject_delay(const char *s, uint64_t *us)
{
	static const struct { const char *unit; double us; } units[] = {
		{ "", 1 }, { "s", 1e6 }, { "ms", 1e3 }, { "us", 1 }, { "ns", 1e-3 },
	};
	size_t i = strspn(s, "0123456789"), f = 0;

	if (s[i] == '.')
		f = strspn(s + i + 1, "0123456789") + 1;
	if (!i && f < 2)
		return -1;
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		if (strcmp(s + i + f, units[u].unit))
			continue;
		double v = strtod(s, NULL) * units[u].us;

		if (v > 86400e6)
			return -1;
		*us = (uint64_t)(v + 0.5);
		if (!*us && v > 0)
			*us = 1;
		return 0;
	}
	return -1;
}

/* when=first[..last][+[step]] (strace 6.1's man page) */
static int inject_when(const char *s, struct inject_rule *r)
{
	unsigned long long first, last = INJ_WHEN_MAX, step = 0;
	char buf[64];
	char *dots, *plus;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	plus = strchr(buf, '+');
	if (plus) {
		*plus++ = '\0';
		step = 1;
		if (*plus && (!parse_uint(plus, INJ_WHEN_MAX, &step) || !step))
			return -1;
	}
	dots = strstr(buf, "..");
	if (dots) {
		*dots = '\0';
		if (!parse_uint(dots + 2, INJ_WHEN_MAX - 1, &last) || !last)
			return -1;
		if (!plus)
			step = 1;
	}
	if (!parse_uint(buf, INJ_WHEN_MAX, &first) || !first || last < first)
		return -1;
	if (!plus && !dots)
		last = first;	/* first: that invocation only */
	r->first = (unsigned int)first;
	r->last = (unsigned int)last;
	r->step = step ? (unsigned int)step : 1;
	return 0;
}

/*
 * -e inject=SET:error=E|retval=V[:signal=S][:syscall=NAME][:delay_enter=D][:delay_exit=D]
 * [:when=EXPR], and -e fault=SET[:error=E][:when=EXPR] (inject with error=ENOSYS by default).
 */
static int parse_inject_rule(struct opts *o, const char *arg, bool fault)
{
	const char *what = fault ? "fault" : "inject";
	struct inject_rule r = { .scno = -1, .first = 1, .last = INJ_WHEN_MAX, .step = 1 };
	uint64_t set[NR_WORDS];
	const char *colon = strchr(arg, ':'), *why = NULL;
	char *copy, *save = NULL, *setspec;
	int ret = -1;

	copy = strdup(arg);
	if (!copy)
		return bad("-e %s: out of memory", what);
	setspec = copy;
	if (colon)
		copy[colon - arg] = '\0';
	if (!*setspec) {
		why = "no syscall set";
		goto out;
	}
	if (parse_sysset(setspec, what, set))
		goto out_quiet;
	for (char *tok = colon ? strtok_r(copy + (colon - arg) + 1, ":", &save) : NULL; tok;
	     tok = strtok_r(NULL, ":", &save)) {
		char *v = strchr(tok, '=');

		if (!v) {
			why = "each item is KEY=VALUE";
			goto out;
		}
		*v++ = '\0';
		if (!strcmp(tok, "when")) {	/* the last one counts, as in strace */
			if (inject_when(v, &r)) {
				why = "when= is FIRST[..LAST][+[STEP]], FIRST and STEP 1..65535, "
				      "LAST FIRST..65534";
				goto out;
			}
		} else if (!strcmp(tok, "error")) {
			if (r.error || r.has_retval) {
				why = "one error= or retval= only";
				goto out;
			}
			r.error = inject_errno(v);
			if (!r.error) {
				why = "error= is an errno name or 1..4095";
				goto out;
			}
		} else if (fault) {
			why = "fault takes error= and when= only";
			goto out;
		} else if (!strcmp(tok, "retval")) {
			char *end;

			if (r.error || r.has_retval || !*v) {
				why = r.error || r.has_retval ? "one error= or retval= only"
							      : "retval= needs a number";
				goto out;
			}
			errno = 0;
			r.retval = *v == '-' ? strtoll(v, &end, 0) : (int64_t)strtoull(v, &end, 0);
			if (errno || *end) {
				why = "retval= is a number (64 bits)";
				goto out;
			}
			r.has_retval = true;
		} else if (!strcmp(tok, "signal")) {
			if (r.signo) {
				why = "one signal= only";
				goto out;
			}
			r.signo = signal_number(v);
			if (r.signo <= 0) {
				r.signo = 0;
				why = "signal= is a signal name or 1..64";
				goto out;
			}
		} else if (!strcmp(tok, "syscall")) {
			long nr = sysent_lookup(v);

			if (nr < 0 || !(sysent[nr].classes & SC_PU)) {
				why = "syscall= names a %pure syscall (one without side effects)";
				goto out;
			}
			r.scno = nr;
		} else if (!strcmp(tok, "delay_enter") || !strcmp(tok, "delay_exit")) {
			uint64_t *d = tok[6] == 'e' && tok[7] == 'n' ? &r.delay_enter_us
								     : &r.delay_exit_us;

			if (inject_delay(v, d) || !*d) {
				why = "a delay is a number with s, ms, us (default) or ns, up to a day";
				goto out;
			}
		} else if (!strcmp(tok, "poke_enter") || !strcmp(tok, "poke_exit")) {
			why = "poke_enter= and poke_exit= are not supported by hytrace";
			goto out;
		} else {
			why = "unknown key (error, retval, signal, syscall, delay_enter, delay_exit, "
			      "when)";
			goto out;
		}
	}
	if (fault && !r.error)
		r.error = 38;	/* ENOSYS, strace's default for fault= */
	/* strace 6.1 (src/filter_qualify.c) warns alike: the tracee's libc takes it for an error */
	if (r.has_retval && (uint64_t)r.retval >= (uint64_t)-4095)
		pr_warn("Inadvertent injection of error %d is possible for retval=%llu",
			(int)-r.retval, (unsigned long long)r.retval);
	if (!r.error && !r.has_retval && !r.signo && !r.delay_enter_us && !r.delay_exit_us) {
		why = "needs error=, retval=, signal=, delay_enter= or delay_exit=";
		goto out;
	}
	struct inject_rule *n = realloc(o->injects, (o->ninjects + 1) * sizeof(*n));

	if (!n) {
		why = "out of memory";
		goto out;
	}
	o->injects = n;
	o->injects[o->ninjects++] = r;
	for (int i = 0; i < HY_NR_MAX; i++)
		if (set[i / 64] >> (i % 64) & 1)
			o->inject_of[i] = (uint16_t)o->ninjects;
	ret = 0;
out:
	if (ret)
		bad("invalid %s argument '%s': %s", what, arg, why);
out_quiet:
	free(copy);
	return ret;
}

static int parse_inject(struct opts *o, const char *arg)
{
	return parse_inject_rule(o, arg, false);
}

static int parse_fault(struct opts *o, const char *arg)
{
	return parse_inject_rule(o, arg, true);
}

/* -e read=SET, -e write=SET: fd numbers, all, none, !negation (strace's number sets) */
static int parse_rw_set(struct opts *o, const char *spec, bool write)
{
	struct fd_set_q s = { 0 };
	const char *what = write ? "write" : "read";
	bool neg = false;
	char *copy, *save = NULL;

	if (*spec == '!') {
		neg = true;
		spec++;
	}
	if (list_has_empty(spec))
		return bad("invalid descriptor '' in -e %s='%s%s'", what, neg ? "!" : "", spec);
	copy = strdup(spec);
	if (!copy)
		return -1;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned long long fd;

		if (!strcmp(tok, "all")) {
			memset(s.bits, 0xff, sizeof(s.bits));
			s.high = true;
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		if (!parse_uint(tok, DUMP_FD_MAX - 1, &fd)) {
			int r = bad("invalid descriptor '%s' in -e %s= (0 to %d, all or none)", tok,
				    what, DUMP_FD_MAX - 1);

			free(copy);
			return r;
		}
		s.bits[fd / 64] |= 1ull << (fd % 64);
	}
	free(copy);
	if (neg) {
		for (size_t w = 0; w < DUMP_FD_MAX / 64; w++)
			s.bits[w] = ~s.bits[w];
		s.high = !s.high;
	}
	s.any = s.high;
	for (size_t w = 0; w < DUMP_FD_MAX / 64; w++)
		s.any |= s.bits[w] != 0;
	if (write)
		o->dump_write = s;
	else
		o->dump_read = s;
	return 0;
}

static int parse_expr(struct opts *o, const char *expr)
{
	const char *eq = strchr(expr, '=');

	if (!eq)
		return parse_trace(o, expr);
	size_t n = eq - expr;
	const char *v = eq + 1;
	/* inject, fault, read, write: exact names (strace 6.1, src/filter_qualify.c) */
	static const char *const q_inject[] = { "inject", NULL }, *const q_fault[] = { "fault", NULL },
		*const q_read[] = { "read", "reads", "r", NULL },
		*const q_write[] = { "write", "writes", "w", NULL };

	if (qual_is(expr, n, q_inject))
		return parse_inject(o, v);
	if (qual_is(expr, n, q_fault))
		return parse_fault(o, v);
	if (qual_is(expr, n, q_read))
		return parse_rw_set(o, v, false);
	if (qual_is(expr, n, q_write))
		return parse_rw_set(o, v, true);


	if (!strncmp(expr, "trace", n) || !strncmp(expr, "t", n))
		return parse_trace(o, v);
	if (!strncmp(expr, "status", n))
		return parse_status(o, v);
	if (!strncmp(expr, "signal", n) || !strncmp(expr, "signals", n) || !strncmp(expr, "s", n))
		return parse_signals(o, v);
	/* raw=, verbose=, abbrev= take syscall sets in strace; here any set but none is all */
	uint64_t set[NR_WORDS];

	if (!strncmp(expr, "raw", n)) {
		if (parse_sysset(v, "raw", set))
			return -1;
		o->d.raw = strcmp(v, "none") != 0;
		return 0;
	}
	if (!strncmp(expr, "verbose", n)) {
		if (parse_sysset(v, "verbose", set))
			return -1;
		o->d.verbose = strcmp(v, "none") != 0;
		return 0;
	}
	if (!strncmp(expr, "abbrev", n)) {
		if (parse_sysset(v, "abbrev", set))
			return -1;
		o->d.verbose = !strcmp(v, "none");
		return 0;
	}
	if (!strncmp(expr, "quiet", n) || !strncmp(expr, "q", n)) {
		/* strace 6.1's quiet= names; each here means -qq's "all" */
		static const char *const names[] = { "attach", "exit", "path-resolution",
						     "personality", "thread-execve", "superseded",
						     "all", "none" };
		const char *q = *v == '!' ? v + 1 : v;

		if (list_has_empty(q))
			return bad("invalid quiet '' in -e quiet='%s'", v);
		for (const char *p = q; *p;) {
			size_t len = strcspn(p, ","), i;

			for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
				if (strlen(names[i]) == len && !strncmp(p, names[i], len))
					break;
			if (i == sizeof(names) / sizeof(names[0]))
				return bad("invalid quiet '%.*s'", (int)len, p);
			p += len + (p[len] == ',');
		}
		o->qflag = strcmp(v, "none") ? 2 : 0;
		quiet_set = true;
		return 0;
	}
	return bad("invalid -e expression '%s'", expr);
}

/*
 * -p PID[,PID]: separated by commas or blanks ("-p '1 2'", as strace); an empty item between
 * commas or at an end is an error, as in strace ("-p ,1": invalid process id: '').
 */
static int parse_pids(struct opts *o, const char *arg)
{
	const char *p = arg;
	bool want = true;	/* an item must come: at the start and after a comma */

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if ((!*p || *p == ',') && want)
			return bad("invalid process id: '' in -p '%s'", arg);
		if (!*p)
			return 0;
		if (*p == ',') {
			p++;
			want = true;
			continue;
		}
		size_t len = strcspn(p, ", \t");
		char tok[24];
		unsigned long long pid;

		snprintf(tok, sizeof(tok), "%.*s", (int)len, p);
		if (len >= sizeof(tok) || !parse_uint(tok, PID_MAX_LIMIT, &pid) || !pid)
			return bad("invalid process id: '%.*s' (1 to %u)", (int)len, p, PID_MAX_LIMIT);
		pid_t *n = realloc(o->pids, (o->npids + 1) * sizeof(*n));

		if (!n)
			return -1;
		o->pids = n;
		o->pids[o->npids++] = (pid_t)pid;
		p += len;
		want = false;
	}
}

/* --buffer-size: a whole number of bytes with an optional K, M or G (KiB...) suffix, in range. */
static int parse_size(const char *s, uint64_t *out)
{
	unsigned long long n = 0;
	unsigned int shift = 0;
	size_t digits = strspn(s, "0123456789");
	char num[24];

	if (!digits || digits >= sizeof(num))
		return -1;
	memcpy(num, s, digits);
	num[digits] = '\0';
	s += digits;
	switch (toupper((unsigned char)*s)) {
	case 'K': shift = 10; s++; break;
	case 'M': shift = 20; s++; break;
	case 'G': shift = 30; s++; break;
	}
	if (shift && *s == 'i')	/* KiB */
		s++;
	if (*s == 'B' || *s == 'b')
		s++;
	if (*s || !parse_uint(num, RING_MAX >> shift, &n) || n << shift < RING_MIN)
		return -1;
	*out = n << shift;
	return 0;
}

/* --duration: seconds as a plain decimal ("10", "0.5"; no sign, exponent, hex, inf or nan). */
static int parse_seconds(const char *s, double *out)
{
	size_t i = strspn(s, "0123456789"), f = 0;
	char *end;

	if (s[i] == '.')
		f = strspn(s + i + 1, "0123456789") + 1;
	if (!i && f < 2)
		return -1;
	if (s[i + f])
		return -1;
	*out = strtod(s, &end);
	return *end || *out < 0.001 || *out > DURATION_MAX ? -1 : 0;
}

/* --func-min-time: a whole or decimal number with a unit ns, us, ms or s (uftrace -t's). */
static int parse_duration_ns(const char *s, uint64_t *out)
{
	static const struct { const char *unit; double ns; } units[] = {
		{ "ns", 1 }, { "us", 1e3 }, { "ms", 1e6 }, { "s", 1e9 },
	};
	size_t i = strspn(s, "0123456789"), f = 0;

	if (s[i] == '.')
		f = strspn(s + i + 1, "0123456789") + 1;
	if (!i && f < 2)
		return -1;
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		if (strcmp(s + i + f, units[u].unit))
			continue;
		double v = strtod(s, NULL) * units[u].ns;

		if (v > 1e18)
			return -1;
		*out = (uint64_t)v;
		return 0;
	}
	return -1;
}

/* --func=PATTERN[@BINARY]: the regex is checked here, compiled where it is resolved. */
static int add_func_pattern(struct opts *o, const char *arg, bool exclude)
{
	const char *opt = exclude ? "--func-exclude" : "--func";
	struct func_pattern *n = realloc(o->funcs, (o->nfuncs + 1) * sizeof(*n));
	char *re = strdup(arg), *at;
	regex_t rx;

	if (!n || !re) {
		free(re);
		return bad("%s: out of memory", opt);
	}
	o->funcs = n;
	at = strrchr(re, '@');
	if (at)
		*at++ = '\0';
	if (!*re || (at && !*at)) {
		free(re);
		return bad("invalid %s: '%s' (PATTERN or PATTERN@BINARY)", opt, arg);
	}
	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB)) {
		free(re);
		return bad("invalid %s: '%s' is not a regular expression", opt, arg);
	}
	regfree(&rx);
	o->funcs[o->nfuncs++] = (struct func_pattern){ .regex = re, .binary = at, .exclude = exclude };
	return 0;
}

/* -I N or --interruptible=NAME (strace 6.1's parse_interruptible_arg()) */
static int parse_intr(struct opts *o, const char *arg)
{
	static const char *const names[] = { "anywhere", "always", "waiting", "never", "never_tstp" };
	static const int modes[] = { INTR_ANYWHERE, INTR_ANYWHERE, INTR_WHILE_WAIT, INTR_NEVER,
				     INTR_NEVER_TSTP };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(arg, names[i])) {
			o->intr = modes[i];
			return 0;
		}
	if (arg[0] >= '1' && arg[0] <= '4' && !arg[1]) {
		o->intr = arg[0] - '0';
		return 0;
	}
	return bad("invalid -I argument: '%s' (1-4, anywhere, waiting, never or never_tstp)", arg);
}

enum {
	OPT_BACKEND = 256, OPT_COLOR, OPT_SECCOMP, OPT_NO_SECCOMP, OPT_COMM, OPT_CGROUP,
	OPT_DURATION, OPT_BUFSIZE, OPT_DEBUG, OPT_FORMAT, OPT_TEF, OPT_OTLP, OPT_OTLP_SC,
	OPT_REL_NOW, OPT_LOGS, OPT_INPUT,
	OPT_STACK_DEPTH, OPT_CUDA, OPT_CUDA_ONLY,
	OPT_STACK_MODE, OPT_STACK_SIZE,
	OPT_DEPS, OPT_DEPS_ROOT, OPT_DEPS_ALL, OPT_DEPS_HASH, OPT_DEPS_STAGE,
	OPT_FUNC, OPT_FUNC_EXCLUDE, OPT_FUNC_DEPTH, OPT_FUNC_MIN_TIME, OPT_FUNC_ARGS,
	OPT_INJECT, OPT_FAULT, OPT_READ, OPT_WRITE,
};

static const struct option longopts[] = {
	{ "backend", required_argument, NULL, OPT_BACKEND },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "seccomp-bpf", no_argument, NULL, OPT_SECCOMP },
	{ "no-seccomp-bpf", no_argument, NULL, OPT_NO_SECCOMP },
	{ "summary-json", no_argument, NULL, 'j' },
	{ "comm", required_argument, NULL, OPT_COMM },
	{ "cgroup", required_argument, NULL, OPT_CGROUP },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "buffer-size", required_argument, NULL, OPT_BUFSIZE },
	{ "debug", no_argument, NULL, OPT_DEBUG },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "tef", no_argument, NULL, OPT_TEF },
	{ "otlp", optional_argument, NULL, OPT_OTLP },
	{ "otlp-syscalls", required_argument, NULL, OPT_OTLP_SC },
	{ "relative-to-now", no_argument, NULL, OPT_REL_NOW },
	{ "logs", no_argument, NULL, OPT_LOGS },
	{ "input", required_argument, NULL, OPT_INPUT },
	{ "stack-traces", no_argument, NULL, 'k' },
	{ "stack-depth", required_argument, NULL, OPT_STACK_DEPTH },
	{ "deps", optional_argument, NULL, OPT_DEPS },
	{ "deps-root", required_argument, NULL, OPT_DEPS_ROOT },
	{ "deps-all", no_argument, NULL, OPT_DEPS_ALL },
	{ "deps-hash", required_argument, NULL, OPT_DEPS_HASH },
	{ "deps-stage", required_argument, NULL, OPT_DEPS_STAGE },
	{ "cuda", no_argument, NULL, OPT_CUDA },
	{ "cuda-only", no_argument, NULL, OPT_CUDA_ONLY },
	{ "interruptible", required_argument, NULL, 'I' },
	{ "output", required_argument, NULL, 'o' },
	{ "follow-forks", no_argument, NULL, 'f' },
	{ "summary-only", no_argument, NULL, 'c' },
	{ "summary", no_argument, NULL, 'C' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "stack", required_argument, NULL, OPT_STACK_MODE },
	{ "stack-size", required_argument, NULL, OPT_STACK_SIZE },
	{ "func", required_argument, NULL, OPT_FUNC },
	{ "func-exclude", required_argument, NULL, OPT_FUNC_EXCLUDE },
	{ "func-depth", required_argument, NULL, OPT_FUNC_DEPTH },
	{ "func-min-time", required_argument, NULL, OPT_FUNC_MIN_TIME },
	{ "func-args", no_argument, NULL, OPT_FUNC_ARGS },
	{ "inject", required_argument, NULL, OPT_INJECT },
	{ "fault", required_argument, NULL, OPT_FAULT },
	{ "read", required_argument, NULL, OPT_READ },
	{ "write", required_argument, NULL, OPT_WRITE },
	{ NULL, 0, NULL, 0 },
};

bool opts_has_long(const char *name)
{
	for (const struct option *lo = longopts; lo->name; lo++)
		if (!strcmp(lo->name, name))
			return true;
	return false;
}

int opts_parse(struct opts *o, int argc, char **argv)
{
	int c;

	memset(o, 0, sizeof(*o));
	quiet_set = false;
	o->trace_all = true;
	memset(o->trace, 0xff, sizeof(o->trace));
	o->signals[0] = o->signals[1] = ~0ull;
	o->status = ST_ALL;
	o->d.strsize = 32;
	o->format = "text";
	o->color = COLOR_AUTO;
	o->seccomp = -1;
	o->stack_depth = HY_STACK_DEPTH;
	o->deps_hash = -1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+:acCe:E:fhI:jko:p:qrs:S:tTu:vVxyzZ", longopts, NULL)) != -1) {
		switch (c) {
		case 'a': o->all = true; break;
		case 'c': o->cflag = 1; break;
		case 'C': o->cflag = 2; break;
		case 'e':
			if (parse_expr(o, optarg))
				return -1;
			break;
		case 'E': {
			char **n;

			if (!*optarg || *optarg == '=')
				return bad("invalid -E: '%s' (VAR=VAL, or VAR to remove it)", optarg);
			n = realloc(o->env_set, (o->nenv + 1) * sizeof(*n));

			if (!n)
				return -1;
			o->env_set = n;
			o->env_set[o->nenv++] = optarg;
			break;
		}
		case 'f': o->follow++; break;
		case 'h':
			usage(stdout);
			return 1;
		case 'I':
			if (parse_intr(o, optarg))
				return -1;
			break;
		case 'j': o->summary_json = true; break;
		case 'o': o->outfile = optarg; break;
		case 'p':
			if (parse_pids(o, optarg))
				return -1;
			break;
		case 'q':
			o->qflag++;
			quiet_set = true;
			break;
		case 'r': o->rflag = true; break;
		case 's': {
			unsigned long long n;

			if (!parse_uint(optarg, STRSIZE_MAX, &n))	/* strace's words */
				return bad("invalid -s argument: '%s' (0 to %u)", optarg, STRSIZE_MAX);
			o->d.strsize = (unsigned int)n;
			break;
		}
		case 'S': {
			static const char *const keys[] = { "time", "calls", "errors", "name", "syscall",
							    "nothing", "none", "avg-time", "min-time",
							    "max-time", "total-time" };
			size_t i;

			for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
				if (!strcmp(optarg, keys[i]))
					break;
			if (i == sizeof(keys) / sizeof(keys[0]))
				return bad("invalid sortby: '%s'", optarg);
			o->sortby = !strcmp(optarg, "total-time") ? "time" : optarg;
			break;
		}
		case 't': o->tflag++; break;
		case 'T': o->Tflag = true; break;
		case 'u': o->user = optarg; break;
		case 'v': o->d.verbose = true; break;
		case 'V':	/* main.c prints it: what this machine allows is the backends' to say */
			o->show_version = true;
			return 1;
		case 'x': o->d.xflag++; break;
		case 'y': o->d.yflag++; break;
		case 'z': o->status = ST_SUCCESSFUL; break;
		case 'Z': o->status = ST_FAILED; break;
		case OPT_BACKEND:
			if (!strcmp(optarg, "auto"))
				o->backend = BACKEND_AUTO;
			else if (!strcmp(optarg, "bpf") || !strcmp(optarg, "ebpf"))
				o->backend = BACKEND_BPF;
			else if (!strcmp(optarg, "ptrace"))
				o->backend = BACKEND_PTRACE;
			else
				return bad("invalid --backend: '%s' (auto, bpf or ptrace)", optarg);
			break;
		case OPT_COLOR:
			if (!strcmp(optarg, "auto"))
				o->color = COLOR_AUTO;
			else if (!strcmp(optarg, "always"))
				o->color = COLOR_ALWAYS;
			else if (!strcmp(optarg, "never"))
				o->color = COLOR_NEVER;
			else
				return bad("invalid --color: '%s' (auto, always or never)", optarg);
			break;
		case OPT_SECCOMP: o->seccomp = 1; break;
		case OPT_NO_SECCOMP: o->seccomp = 0; break;
		case OPT_COMM: {
			char **n;

			if (!*optarg)
				return bad("%s", "invalid --comm: '' (a process name, as in /proc/PID/comm)");
			n = realloc(o->comms, (o->ncomms + 1) * sizeof(*n));

			if (!n)
				return -1;
			o->comms = n;
			o->comms[o->ncomms++] = optarg;
			break;
		}
		case OPT_CGROUP:
			if (!*optarg)
				return bad("%s", "invalid --cgroup: '' (a cgroup v2 directory)");
			o->cgroup = optarg;
			break;
		case OPT_DURATION:
			if (parse_seconds(optarg, &o->duration))
				return bad("invalid --duration: '%s' (seconds, 0.001 to %.0f)", optarg,
					   DURATION_MAX);
			break;
		case OPT_BUFSIZE:
			if (parse_size(optarg, &o->buffer_size))
				return bad("invalid --buffer-size: '%s' (bytes, 4K to 2G)", optarg);
			break;
		case OPT_STACK_MODE:
			if (!strcmp(optarg, "fp"))
				o->stack_mode = STACK_FP;
			else if (!strcmp(optarg, "dwarf"))
				o->stack_mode = STACK_DWARF;
			else
				return bad("invalid --stack: '%s' (fp or dwarf)", optarg);
			break;
		case OPT_STACK_SIZE: {
			unsigned long long n = 0;
			char *end;

			errno = 0;
			n = strtoull(optarg, &end, 10);
			if (*end == 'K' || *end == 'k') {
				n <<= 10;
				end++;
			}
			if (errno || end == optarg || *end || n < 256 || n > HY_USTACK_MAX)
				return bad("invalid --stack-size: '%s' (bytes, 256 to 16K)", optarg);
			o->stack_size = n & ~7ull;
			break;
		}
		case OPT_DEBUG: o->verbose_log++; break;
		case OPT_FORMAT:
			if (!sink_format_find(optarg))
				return bad("invalid --format: '%s' (%s)", optarg, sink_format_list());
			o->format = optarg;
			break;
		case OPT_TEF: o->format = "tef"; break;
		case OPT_OTLP:
			o->format = "otlp";
			if (optarg)
				o->otlp_url = optarg;
			break;
		case OPT_OTLP_SC:
			if (!strcmp(optarg, "events"))
				o->otlp_sc = OTLP_SC_EVENTS;
			else if (!strcmp(optarg, "spans"))
				o->otlp_sc = OTLP_SC_SPANS;
			else if (!strcmp(optarg, "none"))
				o->otlp_sc = OTLP_SC_NONE;
			else
				return bad("invalid --otlp-syscalls: '%s' (events, spans or none)", optarg);
			break;
		case OPT_REL_NOW: o->relative_to_now = true; break;
		case OPT_LOGS: o->logs = true; break;
		case OPT_INPUT: o->input = optarg; break;
		case 'k': o->kflag = true; break;
		case OPT_STACK_DEPTH: {
			char *end;
			unsigned long n = strtoul(optarg, &end, 10);

			if (*optarg < '0' || *optarg > '9' || *end || !n || n > HY_STACK_DEPTH_MAX)
				return bad("invalid --stack-depth: '%s' (frames, 1 to %d)", optarg,
					   HY_STACK_DEPTH_MAX);
			o->stack_depth = (unsigned int)n;
			break;
		}
		case OPT_DEPS:
			if (!optarg)
				optarg = "text";
			if (strcmp(optarg, "text") && strcmp(optarg, "json") && strcmp(optarg, "make") &&
			    strcmp(optarg, "dvc"))
				return bad("invalid --deps: '%s' (text, json, make or dvc)", optarg);
			o->deps = optarg;
			break;
		case OPT_DEPS_ROOT:
			if (!*optarg)
				return bad("%s", "invalid --deps-root: '' (a directory)");
			o->deps_root = optarg;
			break;
		case OPT_DEPS_ALL: o->deps_all = true; break;
		case OPT_DEPS_HASH:
			if (!strcmp(optarg, "none"))
				o->deps_hash = DIGEST_NONE;
			else if (!strcmp(optarg, "md5"))
				o->deps_hash = DIGEST_MD5;
			else if (!strcmp(optarg, "sha256"))
				o->deps_hash = DIGEST_SHA256;
			else
				return bad("invalid --deps-hash: '%s' (md5, sha256 or none)", optarg);
			break;
		case OPT_DEPS_STAGE:
			if (!*optarg || strchr(optarg, '\n'))
				return bad("%s", "invalid --deps-stage: a non-empty name on one line");
			o->deps_stage = optarg;
			break;
		case OPT_FUNC:
		case OPT_FUNC_EXCLUDE:
			if (add_func_pattern(o, optarg, c == OPT_FUNC_EXCLUDE))
				return -1;
			break;
		case OPT_FUNC_DEPTH: {
			char *end;
			unsigned long n = strtoul(optarg, &end, 10);

			if (*optarg < '0' || *optarg > '9' || *end || !n || n > 1024)
				return bad("invalid --func-depth: '%s' (calls, 1 to 1024)", optarg);
			o->func_depth = (unsigned int)n;
			break;
		}
		case OPT_FUNC_MIN_TIME:
			if (parse_duration_ns(optarg, &o->func_min_ns))
				return bad("invalid --func-min-time: '%s' (a time with a unit: ns, us, ms "
					   "or s, as 10us)", optarg);
			break;
		case OPT_FUNC_ARGS: o->func_args = true; break;
		case OPT_INJECT:
		case OPT_FAULT:
			if (parse_inject_rule(o, optarg, c == OPT_FAULT))
				return -1;
			break;
		case OPT_READ:
		case OPT_WRITE:
			if (parse_rw_set(o, optarg, c == OPT_WRITE))
				return -1;
			break;
		case ':':	/* getopt's own words (glibc), without its program name */
			if (optopt && optopt < 256)
				pr_warn("option requires an argument -- '%c'", optopt);
			else
				pr_warn("option '%s' requires an argument", argv[optind - 1]);
			usage_hint();
			return -1;
		case OPT_CUDA:
			if (o->cuda < CUDA_ON)
				o->cuda = CUDA_ON;
			break;
		case OPT_CUDA_ONLY: o->cuda = CUDA_ONLY; break;
		case '?':
		default:
			if (optopt && optopt < 256)
				pr_warn("invalid option -- '%c'", optopt);
			else
				pr_warn("unrecognized option '%s'", argv[optind - 1]);
			usage_hint();
			return -1;
		}
	}
	if (o->d.xflag > 2)
		o->d.xflag = 2;
	if (o->d.yflag > 2)
		o->d.yflag = 2;
	if (o->follow > 2)
		o->follow = 2;
	if (o->tflag > 3)
		o->tflag = 3;
	if (optind < argc)
		o->argv = argv + optind;
	if (o->cuda == CUDA_ONLY)
		cuda_only_set(o);
	if (o->input && (o->argv || o->npids || o->all))
		return bad("%s", "--input reads a trace: no command, -p or -a with it");
	if (!o->argv && !o->npids && !o->all && !o->input) {
		pr_warn("must have PROG [ARGS], -p PID, -a or --input FILE");
		usage_hint();
		return -1;
	}
	if (o->follow == 2 && !o->outfile)
		o->follow = 1;	/* -ff without -o is -f, as in strace */
	/* strace 6.1: "piping the output and -ff are mutually exclusive" */
	if (o->follow == 2 && (o->outfile[0] == '|' || o->outfile[0] == '!'))
		return bad("-ff writes one file per process: not with -o '%s' (a pipe)", o->outfile);
	if (o->input && (o->ninjects || o->dump_read.any || o->dump_write.any))
		return bad("%s", "-e inject=, fault=, read= and write= need a live trace: not with "
			   "--input");
	/*
	 * strace 6.1 (src/strace.c, init()): with -o FILE PROG, no attach messages (-q) unless -q
	 * or -e quiet= says otherwise, and fatal signals do not stop the tracer (-I 3): a Ctrl-C
	 * reaches the command, and the trace ends when the command does
	 */
	if (o->outfile && o->argv) {
		if (!o->intr)
			o->intr = INTR_NEVER;
		if (!quiet_set)
			o->qflag = 1;
	}
	if (!o->intr)
		o->intr = INTR_WHILE_WAIT;
	if (o->user && !o->argv)
		return bad("%s", "-u USER needs a command to run");
	if (o->kflag && o->input)
		return bad("%s", "-k needs a live trace: --input has no processes to unwind or name");
	/* strace 6.1 (src/strace.c, init()) warns the same way and goes on without stacks */
	if (o->kflag && o->cflag == 1) {
		pr_warn("-k/--stack-traces has no effect with -c/--summary-only");
		o->kflag = false;
	}
	if (o->nfuncs) {
		bool inc = false;

		for (int i = 0; i < o->nfuncs; i++)
			inc |= !o->funcs[i].exclude;
		if (!inc)
			return bad("%s", "--func-exclude needs a --func to exclude from");
	} else if (o->func_depth || o->func_min_ns || o->func_args) {
		return bad("%s", "--func-depth, --func-min-time and --func-args need --func");
	}
	if (!o->deps && (o->deps_root || o->deps_all || o->deps_hash >= 0 || o->deps_stage))
		return bad("%s", "--deps-root, --deps-all, --deps-hash and --deps-stage need --deps");
	if (o->deps) {
		if (o->deps_hash == DIGEST_SHA256 && !strcmp(o->deps, "dvc"))
			return bad("%s", "--deps=dvc: dvc.lock holds md5 sums (--deps-hash=md5 or none)");
		if (o->input)
			return bad("%s", "--deps traces a command or -p: not with --input");
		/* the whole tree, and only the file and process calls (the eBPF side filters them
		 * in the kernel, ptrace stops only for them under its seccomp filter) */
		if (!o->follow)
			o->follow = 1;
		if (o->follow == 2)
			return bad("%s", "--deps writes one report: not with -ff");
		if (!o->qflag)
			o->qflag = 1;	/* no "Process N attached" lines: the report is the output */
		deps_trace_set(o->trace);
		o->trace_all = false;
	}
	return 0;
}

void opts_free(struct opts *o)
{
	for (int i = 0; i < o->nfuncs; i++)
		free((char *)o->funcs[i].regex);
	free(o->funcs);
	free(o->injects);
	free(o->pids);
	free(o->env_set);
	free(o->comms);
}
