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
#include <unistd.h>
#include "log.h"
#include "options.h"
#include "decode.h"
#include "xlat_gen.h"
#include "digest.h"
#include "sink.h"
#include "paths.h"


static const char usage_text[] =
"Usage: hytrace [-AcCffhjknqqrtttTvVwxxyyYzZ] [-I N] [-e EXPR]... [-o FILE] [-s STRSIZE]\n"
"               [-S SORTBY] [-U COLUMNS] [-O OVERHEAD]\n"
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
"  --duration=S   stop tracing after S seconds (0.001 to 1000000000); a command still\n"
"                 running then gets SIGTERM, and hytrace exits with status 124\n"
"  -I N, --interruptible=N  when fatal signals stop hytrace: 1 anywhere, 2 waiting (default),\n"
"                 3 never (default with -o FILE PROG: Ctrl-C reaches only PROG), 4 never_tstp\n"
"  -u USER        run PROG as USER (uid, gid and groups)\n"
"  -E VAR=VAL, --env=VAR=VAL  put VAR=VAL in PROG's environment; -E VAR removes VAR\n"
"  --attach=PID   the same as -p PID;  --user=USER: the same as -u USER\n"
"  -D, --daemonize[=grandchild|pgroup|session]  the tracer runs apart: PROG keeps hytrace's pid\n"
"                 (-DD: own process group, -DDD: own session; ptrace backend)\n"
"  -b execve, --detach-on=execve  let a process go (untraced) when it runs a new program\n"
"                 (ptrace backend)\n"
"  --output-separately  with -f and -o FILE: one file per process (-ff)\n"
"  --backend=B    auto (default: eBPF when permitted, else ptrace), bpf, ptrace\n"
"  --seccomp-bpf  ptrace: stop only for traced syscalls (default when -e trace= is given)\n"
"  --no-seccomp-bpf  ptrace: never use the seccomp filter\n"
"  --fail-on-loss  exit with status 3 when events were lost (else the usual status)\n"
"  --buffer-size=SIZE  eBPF ring buffer: 4K to 2G (K, M, G suffixes), rounded up to a\n"
"                 power of two (default 8M, 1M with -c)\n"
"Filtering:\n"
"  -e trace=SET, --trace=SET  syscalls to show: names, numbers, !negation, /REGEX, ?NAME,\n"
"                 NAME@64, all, none, %file %process %net %network %memory %signal %ipc\n"
"                 %desc %creds %clock %stat %lstat %fstat %%stat %statfs %fstatfs %%statfs\n"
"                 %pure (file process network memory signal ipc desc also without %)\n"
"  -e status=SET, --status=SET  successful, failed, unfinished, unavailable, detached\n"
"  -e signal=SET, --signal=SET, --signals=SET  signals to show (also signals=, s=)\n"
"  -e raw=SET, --raw=SET  these calls undecoded, return values in hex (also x=)\n"
"  -e abbrev=SET, --abbrev=SET  these calls abbreviated (default all; also a=)\n"
"  -e verbose=SET, --verbose=SET  structures of these calls read (default all; none:\n"
"                 their addresses; also v=)\n"
"  -e quiet=SET, --quiet[=SET], --silent, --silence  attach, exit, path-resolution,\n"
"                 personality, thread-execve, superseded (also silent=, silence=, q=)\n"
"  -e decode-fds=SET, --decode-fds[=SET]  path (-y), or path,socket,dev,pidfd (-yy)\n"
"  -e decode-pids=SET, --decode-pids=SET  comm (the same as -Y), pidns\n"
"  --pidns-translation, -e decode-pids=pidns  pids of other pid namespaces followed by\n"
"                 the pid hytrace sees (/* N in strace's PID NS */)\n"
"  -e kvm=, --kvm=  refused: no KVM decoding\n"
"  --secontext[=full,mismatch], -e secontext=  accepted where SELinux is not enabled\n"
"                 (nothing to print, as strace); refused where it is\n"
"  -e read=, write=, inject=, fault=  refused: not implemented yet\n"
"  -P PATH, --trace-path=PATH  only calls whose path or fd arguments name PATH (or the\n"
"                 file it resolves to; repeatable)\n"
"  --cuda         decode NVIDIA driver ioctls (escapes, RM and UVM commands) with their\n"
"                 structs, alongside the normal trace (fds are told by their device path)\n"
"  --cuda-only    only what touches NVIDIA devices: opens of /dev/nvidia*, ioctls, mmaps,\n"
"                 closes, dups and fcntls of their fds (implies --cuda; with -e trace=, the\n"
"                 intersection)\n"
"  -z, --successful-only  only successful calls;  -Z, --failed-only: only failed calls\n"
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
"                 -o -: standard output; -o '|CMD' or '!CMD': piped to sh -c CMD;\n"
"                 json, tef, perfetto, raw go to standard output when it is not a terminal,\n"
"                 and the command's own standard output then goes to standard error\n"
"  -A, --output-append-mode  -o FILE: append to it\n"
"  -s N, --string-limit=N  show at most N bytes of strings and buffers (default 32, at most\n"
"                 1048576)\n"
"  -v, --no-abbrev  print structures in full (-e abbrev=none)\n"
"  -x, -xx, --strings-in-hex[=none|non-ascii-chars|non-ascii|all]  non-ASCII strings in hex;\n"
"                 all in hex; non-ascii-chars: unprintable bytes as \\xHH, not octal\n"
"  -X raw|abbrev|verbose, --const-print-style  named constants as numbers, names (default)\n"
"                 or both: 0x80000 /* O_RDONLY|O_CLOEXEC */\n"
"  -y, -yy        print paths of fds; also socket details and device numbers\n"
"  -Y             the command name after each pid: [pid 42<sh>]\n"
"  -n, --syscall-number  the syscall's number before its name: [ 257] openat(...)\n"
"  -i, --instruction-pointer  the user instruction pointer of each call: [00007f3b8b1e2a7b]\n"
"  -t, -tt, -ttt  time of day; with microseconds; seconds since the epoch\n"
"  --absolute-timestamps[=[format:]none|time|unix,[precision:]s|ms|us|ns], --timestamps\n"
"  -r, --relative-timestamps[=s|ms|us|ns]  time since the previous line\n"
"  -T, --syscall-times[=s|ms|us|ns]  time spent in each call\n"
"  -aN, -a N, --columns=N  strace's -a COLUMN: \"= RESULT\" starts at column N (40)\n"
"  -k, --stack-traces  the user stack of each call shown, after it (strace -k's format)\n"
"  --stack-depth=N  -k: at most N frames per stack (default 64, 1 to 1024)\n"
"  --stack=fp|dwarf  eBPF -k: frame pointers walked in the kernel (cheap; right only for\n"
"                 code built with them), or a copy of the user stack unwound with its DWARF\n"
"                 CFI here (default: Debian's binaries have no frame pointers)\n"
"  --stack-size=SIZE  eBPF -k --stack=dwarf: bytes of user stack copied per call, 256 to\n"
"                 16K (default 8K); a deeper stack shows a marked cut\n"
"  -q, -qq, -qqq  no attach/detach messages; also no exit status lines; no messages\n"
"  --color[=WHEN], --colour[=WHEN]  auto (default), always (--color alone), never;\n"
"                 NO_COLOR disables auto\n"
"Summary:\n"
"  -c, --summary-only  count time, calls and errors per syscall; print a table at the end\n"
"  -C, --summary  the same, and print the trace too\n"
"  -S SORTBY, --summary-sort-by=SORTBY  sort the table by time (default), calls, errors,\n"
"                 name, avg-time, min-time, max-time, nothing (and strace's aliases)\n"
"  -U COLUMNS, --summary-columns=COLUMNS  the table's columns: time-percent, total-time,\n"
"                 avg-time, min-time, max-time, calls, errors, name (and aliases)\n"
"  -w, --summary-wall-clock  wall-clock time in each call (hytrace's only measure)\n"
"  -O TIME, --summary-syscall-overhead=TIME  taken off each call (us, or s ms us ns)\n"
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
"  --otlp[=URL]   send OTLP/HTTP spans (URL: else $OTEL_EXPORTER_OTLP_ENDPOINT,\n"
"                 else http://localhost:4318/v1/traces), protobuf unless\n"
"                 OTEL_EXPORTER_OTLP_PROTOCOL=http/json; alone, or besides --format's output\n"
"  --otlp-syscalls=events|spans|none  syscalls as span events (default), child spans, or not\n"
"  --relative-to-now  shift timestamps so that the trace ends now\n"
"  --logs         perfetto: also each text line as a log entry; --otlp: also each line\n"
"                 as an OTLP log record in its process's span (/v1/logs)\n"
"  --input=FILE [FILE...]  read strace logs (\"-\": stdin) instead of tracing; any --format\n"
"                 applies; several logs, or strace -ff's FILE.PID files (--input FILE finds\n"
"                 them), are merged in time order\n"
"Dependencies (docs/deps.md):\n"
"  --deps[=F]     no trace: the files the command tree read and wrote, at the end (implies -f);\n"
"                 F: text (default), json, make (a rule) or dvc (dvc.yaml + dvc.lock)\n"
"  --deps-root=DIR  only paths under DIR (default: the current directory; / for all)\n"
"  --deps-all     keep /proc, /sys, /dev and the dynamic loader's libraries and caches\n"
"  --deps-hash=H  md5, sha256 or none of the files at the end (default: md5 for dvc, else none)\n"
"  --deps-stage=NAME  dvc: the stage's name (default: hytrace)\n"
"Misc:\n"
"  -d, --debug    log what hytrace does on stderr (twice: more)\n"
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
"  OTEL_EXPORTER_OTLP_PROTOCOL   http/protobuf (default) or http/json (grpc: refused)\n"
"  OTEL_EXPORTER_OTLP_COMPRESSION  gzip or none (default)\n"
"  OTEL_EXPORTER_OTLP_LOGS_ENDPOINT  --logs --otlp: where log records go\n"
"  OTEL_SDK_DISABLED=true, OTEL_TRACES_EXPORTER=none  --otlp sends nothing\n"
"  (each OTEL_EXPORTER_OTLP_X also as OTEL_EXPORTER_OTLP_TRACES_X and _LOGS_X, which win)\n"
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

/* strace 6.1's class names (filter_qualify.c, lookup_class()): with '%', and the legacy few
 * without; "stat", "fstat", "clock"... without '%' are syscall names (or no syscall at all) */
static const struct cls classes[] = {
	{ "%desc", SC_TD }, { "%file", SC_TF }, { "%memory", SC_TM }, { "%process", SC_TP },
	{ "%signal", SC_TS }, { "%ipc", SC_TI }, { "%net", SC_TN }, { "%network", SC_TN },
	{ "%stat", SC_TST }, { "%lstat", SC_TLST }, { "%fstat", SC_TFST }, { "%%stat", SC_TSTA },
	{ "%statfs", SC_TSF }, { "%fstatfs", SC_TFSF }, { "%%statfs", SC_TSFA },
	{ "%pure", SC_PU }, { "%creds", SC_TC }, { "%clock", SC_TCL },
	{ "desc", SC_TD }, { "file", SC_TF }, { "memory", SC_TM }, { "process", SC_TP },
	{ "signal", SC_TS }, { "ipc", SC_TI }, { "network", SC_TN },
};

/*
 * strace 6.1 on x86_64 also knows the i386 personality's names (mmap2, _llseek, socketcall, and
 * socketcall's recv and send): it accepts them, and they select no 64-bit call.  hytrace traces
 * 64-bit calls only, so they add nothing to a set.  Does some such name match (re: by regex)?
 */
static bool other_personality_name(const char *name, const regex_t *re)
{
	static const struct xlat *const tables[] = { &xlat_syscalls_i386, &xlat_socketcall_subcalls };

	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (unsigned int i = 0; i < tables[t]->n; i++)
			if (re ? !regexec(re, tables[t]->e[i].name, 0, NULL, 0)
			       : !strcmp(name, tables[t]->e[i].name))
				return true;
	return false;
}

/*
 * One item of a syscall set into set: a class, a name, a number, /REGEX, all or none, with
 * strace's "?" (no error when nothing matches) and "@PERSONALITY" suffix.  0 or -1 (said).
 */
static int sysset_item(const char *item, const char *qual, uint64_t *set)
{
	char tok[256];
	bool quiet = false;
	const char *at;

	while (*item == '?') {
		quiet = true;
		item++;
	}
	if (strlen(item) >= sizeof(tok))
		return bad("invalid system call '%.40s...'", item);
	strcpy(tok, item);
	at = strrchr(item, '@');
	if (at) {	/* strace 6.1: a personality, 64, 32 or x32 on x86_64 */
		const char *pers = at + 1;

		if (!strcmp(pers, "32") || !strcmp(pers, "x32"))
			return bad("no '@%s' calls in -e %s: hytrace traces x86_64 (64-bit) calls "
				   "only", pers, qual);
		if (strcmp(pers, "64"))
			return bad("incorrect personality designator '%s' in qualification '%s'",
				   pers, item);
		tok[at - item] = '\0';
	}
	if (!strcmp(tok, "all")) {
		memset(set, 0xff, NR_WORDS * sizeof(*set));
		return 0;
	}
	if (!strcmp(tok, "none"))
		return 0;
	if (*tok >= '0' && *tok <= '9') {	/* a syscall number */
		unsigned long long nr;

		if (!parse_uint(tok, HY_NR_MAX - 1, &nr) || !sysent_get((long)nr)) {
			if (quiet)
				return 0;
			return bad("invalid system call '%s'", tok);
		}
		nr_set(set, (long)nr, true);
		return 0;
	}
	if (*tok == '/') {
		regex_t re;
		bool any = false;

		if (regcomp(&re, tok + 1, REG_EXTENDED | REG_NOSUB))
			return bad("invalid regular expression '%s'", tok + 1);
		for (unsigned int i = 0; i < sysent_count && i < HY_NR_MAX; i++)
			if (sysent[i].name && !regexec(&re, sysent[i].name, 0, NULL, 0)) {
				nr_set(set, i, true);
				any = true;
			}
		if (!any && !at)
			any = other_personality_name(NULL, &re);
		regfree(&re);
		if (!any && !quiet)
			return bad("no system call matches '%s'", tok + 1);
		return 0;
	}
	for (size_t c = 0; c < sizeof(classes) / sizeof(classes[0]); c++) {
		if (strcmp(tok, classes[c].name))
			continue;
		for (unsigned int i = 0; i < sysent_count && i < HY_NR_MAX; i++)
			if (sysent[i].name && (sysent[i].classes & classes[c].bits))
				nr_set(set, i, true);
		return 0;
	}
	long nr = sysent_lookup(tok);

	if (nr < 0 && !at && other_personality_name(tok, NULL))	/* "NAME@64": 64-bit only */
		return 0;
	if (nr < 0)	/* strace names the item with its personality: 'mmap2@64' */
		return quiet ? 0 : bad("invalid system call '%s'", item);
	nr_set(set, nr, true);
	return 0;
}

/*
 * A syscall set (-e trace=, and the sets of raw=, verbose=, abbrev=) into out[NR_WORDS], read as
 * strace 6.1's qualify_syscall_tokens() reads it: each leading '!' inverts the rest, empty items
 * between commas are skipped (",mmap" and "openat," are accepted), and a set with no item at all
 * ("", "!", ",") is an error naming the whole set.
 */
static int parse_sysset(const char *spec, const char *qual, uint64_t *out)
{
	uint64_t set[NR_WORDS] = { 0 };
	const char *s = spec;
	bool neg = false, any = false;
	char *copy, *save = NULL;

	(void)qual;
	while (*s == '!') {
		neg = !neg;
		s++;
	}
	copy = strdup(s);
	if (!copy)
		return -1;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		any = true;
		if (sysset_item(tok, qual, set)) {
			free(copy);
			return -1;
		}
	}
	free(copy);
	if (!any)
		return bad("invalid system call '%s'", spec);
	for (int w = 0; w < NR_WORDS; w++)
		out[w] = neg ? ~set[w] : set[w];
	return 0;
}

/*
 * --cuda-only: the calls that can touch an NVIDIA device (opening it, and ioctl, mmap,
 * close, dup, dup2, dup3 and fcntl of its fds), within -e trace= when one was given; which of them are about an
 * NVIDIA file is decided per call (the kernel side, and pipeline_feed()).
 */
static void cuda_only_set(struct opts *o)
{
	static const char *const names[] = { "open", "openat", "openat2", "creat", "ioctl", "mmap",
					     "close", "dup", "dup2", "dup3", "fcntl" };
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

/*
 * The length of the whole or decimal number ("12", "1.5", ".5"; no sign, no exponent) that s
 * starts with; 0 when it starts with none.
 */
static size_t decimal_len(const char *s)
{
	size_t i = strspn(s, "0123456789"), f = 0;

	if (s[i] == '.')
		f = strspn(s + i + 1, "0123456789") + 1;
	return !i && f < 2 ? 0 : i + f;
}

/* delay_enter=/delay_exit=: strace's time format, a decimal number with s, ms, us (the
 * default) or ns; into microseconds (at most a day: a longer one is surely a mistake). */
static int inject_delay(const char *s, uint64_t *us)
{
	static const struct { const char *unit; double us; } units[] = {
		{ "", 1 }, { "s", 1e6 }, { "ms", 1e3 }, { "us", 1 }, { "ns", 1e-3 },
	};
	size_t n = decimal_len(s);

	if (!n)
		return -1;
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		if (strcmp(s + n, units[u].unit))
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

/*
 * A set of names (quiet=, decode-fds=, decode-pids=) into bits: "all", "none", a leading "!"
 * negating the set, and strace's words for an empty or unknown item ("invalid quiet ''").
 */
static int parse_nameset(const char *spec, const char *what, const char *const *names,
			 const unsigned int *bits, size_t n, unsigned int all, unsigned int *out)
{
	const char *q = *spec == '!' ? spec + 1 : spec;
	unsigned int set = 0;

	if (list_has_empty(q))
		return bad("invalid %s '' in -e %s='%s'", what, what, spec);
	for (const char *p = q; *p;) {
		size_t len = strcspn(p, ","), i;

		if (len == 3 && !strncmp(p, "all", 3)) {
			set = all;
		} else if (!(len == 4 && !strncmp(p, "none", 4))) {
			for (i = 0; i < n; i++)
				if (strlen(names[i]) == len && !strncmp(p, names[i], len))
					break;
			if (i == n)
				return bad("invalid %s '%.*s'", what, (int)len, p);
			set |= bits[i];
		}
		p += len + (p[len] == ',');
	}
	*out = *spec == '!' ? all & ~set : set;
	return 0;
}

/* -e trace=SET */
static int qual_trace(struct opts *o, const char *v, const char *qual)
{
	(void)qual;
	return parse_trace(o, v);
}

static int qual_status(struct opts *o, const char *v, const char *qual)
{
	(void)qual;
	return parse_status(o, v);
}

static int qual_signal(struct opts *o, const char *v, const char *qual)
{
	(void)qual;
	return parse_signals(o, v);
}

/* -e raw=, abbrev=, verbose=: per-syscall sets, applied per call by the pipeline */
static int qual_raw(struct opts *o, const char *v, const char *qual)
{
	return parse_sysset(v, qual, o->raw_set);
}

static int qual_abbrev(struct opts *o, const char *v, const char *qual)
{
	return parse_sysset(v, qual, o->abbrev_set);
}

static int qual_verbose(struct opts *o, const char *v, const char *qual)
{
	return parse_sysset(v, qual, o->verbose_set);
}

static int qual_quiet(struct opts *o, const char *v, const char *qual)
{
	static const char *const names[] = { "attach", "exit", "path-resolution", "personality",
					     "thread-execve", "superseded" };
	static const unsigned int bits[] = { QUIET_ATTACH, QUIET_EXIT, QUIET_PATH_RESOLUTION,
					     QUIET_PERSONALITY, QUIET_SUPERSEDED,
					     QUIET_SUPERSEDED };

	(void)qual;
	quiet_set = true;
	return parse_nameset(v, "quiet", names, bits, 6, QUIET_ALL, &o->quiet);
}

/*
 * -e decode-fds=: hytrace has two levels, -y (paths) and -yy (paths, socket details, device
 * numbers, pidfds): a set that is neither would silently print something else, so it is refused.
 */
static int qual_decode_fds(struct opts *o, const char *v, const char *qual)
{
	static const char *const names[] = { "path", "socket", "dev", "pidfd" };
	static const unsigned int bits[] = { 1, 2, 4, 8 };
	unsigned int set;

	(void)qual;
	if (parse_nameset(v, "decode-fds", names, bits, 4, 15, &set))
		return -1;
	if (set && set != 1 && set != 15)
		return bad("-e decode-fds='%s': hytrace decodes fds as path (-y) or as all of "
			   "path,socket,dev,pidfd (-yy), not other sets", v);
	o->d.yflag = set == 15 ? 2 : set == 1;
	return 0;
}

/* -e decode-pids=: comm is -Y; pidns: pids in tracees' namespaces translated (user/state/pidns.c) */
static int qual_decode_pids(struct opts *o, const char *v, const char *qual)
{
	static const char *const names[] = { "comm", "pidns" };
	static const unsigned int bits[] = { 1, 2 };
	unsigned int set;

	(void)qual;
	if (parse_nameset(v, "decode-pids", names, bits, 2, 3, &set))
		return -1;
	o->Yflag = set & 1;
	o->pidns = set & 2;
	return 0;
}

static int qual_kvm(struct opts *o, const char *v, const char *qual)
{
	(void)o;
	(void)qual;
	return bad("-e kvm=%s: hytrace does not decode KVM vcpu exits (strace reads them from the "
		   "vcpu's kvm_run mapping)", v);
}

/*
 * -e secontext=, --secontext[=FORMAT]: strace 6.1 prints SELinux contexts (src/secontext.c)
 * only where SELinux is enabled; elsewhere it prints nothing more, and so does hytrace.  Where
 * SELinux is enabled (/sys/fs/selinux/enforce exists) hytrace refuses the option: it does not
 * read contexts, and printing none there would silently differ from strace.
 */
static int qual_secontext(struct opts *o, const char *v, const char *qual)
{
	static const char *const names[] = { "full", "mismatch" };
	static const unsigned int bits[] = { 1, 2 };
	unsigned int set;

	(void)o;
	(void)qual;
	if (parse_nameset(v, "secontext", names, bits, 2, 3, &set))
		return -1;
	if (!access("/sys/fs/selinux/enforce", F_OK))
		return bad("-e secontext=%s: SELinux is enabled here and hytrace does not print "
			   "SELinux contexts", v);
	return 0;
}

/* -e read=, write=: hex dumps of the data on those fds; -e inject=, fault=: tampering */
static int qual_read_write(struct opts *o, const char *v, const char *qual)
{
	return parse_rw_set(o, v, !strcmp(qual, "write"));
}

static int qual_inject(struct opts *o, const char *v, const char *qual)
{
	return parse_inject_rule(o, v, !strcmp(qual, "fault"));
}

/* strace 6.1's qualifiers (filter_qualify.c, qual_options[]): exact names only */
static const struct qual {
	const char *name;
	const char *canon;	/* the name messages use */
	int (*parse)(struct opts *o, const char *value, const char *qual);
} quals[] = {
	{ "trace", "trace", qual_trace }, { "t", "trace", qual_trace },
	{ "abbrev", "abbrev", qual_abbrev }, { "a", "abbrev", qual_abbrev },
	{ "verbose", "verbose", qual_verbose }, { "v", "verbose", qual_verbose },
	{ "raw", "raw", qual_raw }, { "x", "raw", qual_raw },
	{ "signal", "signal", qual_signal }, { "signals", "signal", qual_signal },
	{ "s", "signal", qual_signal },
	{ "status", "status", qual_status },
	{ "quiet", "quiet", qual_quiet }, { "silent", "quiet", qual_quiet },
	{ "silence", "quiet", qual_quiet }, { "q", "quiet", qual_quiet },
	{ "read", "read", qual_read_write }, { "reads", "read", qual_read_write },
	{ "r", "read", qual_read_write },
	{ "write", "write", qual_read_write }, { "writes", "write", qual_read_write },
	{ "w", "write", qual_read_write },
	{ "fault", "fault", qual_inject },
	{ "inject", "inject", qual_inject },
	{ "kvm", "kvm", qual_kvm },
	{ "decode-fd", "decode-fds", qual_decode_fds },
	{ "decode-fds", "decode-fds", qual_decode_fds },
	{ "decode-pid", "decode-pids", qual_decode_pids },
	{ "decode-pids", "decode-pids", qual_decode_pids },
	{ "secontext", "secontext", qual_secontext },
};

/* A qualifier by its canonical name (the long options) with its value. */
static int parse_qual(struct opts *o, const char *canon, const char *value)
{
	for (size_t i = 0; i < sizeof(quals) / sizeof(quals[0]); i++)
		if (!strcmp(quals[i].name, canon))
			return quals[i].parse(o, value, quals[i].canon);
	return -1;
}

/*
 * -e EXPR: QUALIFIER=VALUE with an exact qualifier name; anything else is a trace= set, as
 * strace 6.1's qualify() reads it ("-e tr=x": invalid system call 'tr=x').
 */
static int parse_expr(struct opts *o, const char *expr)
{
	for (size_t i = 0; i < sizeof(quals) / sizeof(quals[0]); i++) {
		size_t n = strlen(quals[i].name);

		if (!strncmp(expr, quals[i].name, n) && expr[n] == '=')
			return quals[i].parse(o, expr + n + 1, quals[i].canon);
	}
	return parse_trace(o, expr);
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
	size_t n = decimal_len(s);
	char *end;

	if (!n || s[n])
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
	size_t n = decimal_len(s);

	if (!n)
		return -1;
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		if (strcmp(s + n, units[u].unit))
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

/* -P PATH: a copy kept in o->paths (freed by opts_free) */
static int add_path(struct opts *o, const char *path)
{
	char **n = realloc(o->paths, (o->npaths + 1) * sizeof(*n));

	if (!n)
		return bad("-P: out of memory");
	o->paths = n;
	o->paths[o->npaths] = strdup(path);
	if (!o->paths[o->npaths])
		return bad("-P: out of memory");
	o->npaths++;
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

/* A time precision (-T, -r, --absolute-timestamps): s, ms, us or ns as digits after the second */
static int parse_precision(const char *s)
{
	static const char *const names[] = { "s", "ms", "us", "ns" };

	for (int i = 0; i < 4; i++)
		if (!strcmp(s, names[i]))
			return 3 * i;
	return -1;
}

/* --absolute-timestamps=[[format:]FORMAT][,[precision:]PRECISION] (strace 6.1's words) */
static int parse_abs_ts(struct opts *o, const char *arg)
{
	int fmt = 1, prec = 0;	/* time, s: the defaults of the option without a value */
	char buf[64], *save = NULL;

	if (arg) {
		if (strlen(arg) >= sizeof(buf))
			return bad("invalid --absolute-timestamps: '%.20s...'", arg);
		strcpy(buf, arg);
		for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			const char *v = t;
			int p;

			if (!strncmp(t, "format:", 7) || !strncmp(t, "precision:", 10))
				v = strchr(t, ':') + 1;
			if (v == t || t[0] == 'f') {
				if (!strcmp(v, "none"))
					fmt = 0;
				else if (!strcmp(v, "time"))
					fmt = 1;
				else if (!strcmp(v, "unix"))
					fmt = 2;
				else if (v != t)
					return bad("invalid --absolute-timestamps format: '%s' (none, "
						   "time or unix)", v);
				else if ((p = parse_precision(v)) >= 0)
					prec = p;
				else
					return bad("invalid --absolute-timestamps: '%s' (a format: "
						   "none, time, unix; a precision: s, ms, us, ns)", v);
				continue;
			}
			p = parse_precision(v);
			if (p < 0)
				return bad("invalid --absolute-timestamps precision: '%s' (s, ms, us "
					   "or ns)", v);
			prec = p;
		}
	}
	o->tflag = fmt == 0 ? 0 : fmt == 2 ? 3 : prec ? 2 : 1;
	o->tprec = prec;
	return 0;
}

/* -O, --summary-syscall-overhead: strace's time format (a number, unit s, ms, us or ns; us
 * when none) */
static int parse_overhead(const char *s, int64_t *ns)
{
	static const struct { const char *unit; double ns; } units[] = {
		{ "", 1e3 }, { "s", 1e9 }, { "ms", 1e6 }, { "us", 1e3 }, { "ns", 1 },
	};
	char *end;
	double v;

	if (!(*s >= '0' && *s <= '9') && *s != '.')
		return -1;
	v = strtod(s, &end);
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++)
		if (!strcmp(end, units[u].unit) && v * units[u].ns < 1e15) {
			*ns = (int64_t)(v * units[u].ns + 0.5);
			return 0;
		}
	return -1;
}

/* strace's -a COLUMN and --columns=COLUMN: the column where "= RESULT" starts */
static int set_align_col(struct opts *o, const char *opt, const char *arg)
{
	unsigned long long n;

	if (!parse_uint(arg, 4096, &n))
		return bad("invalid %s column '%s' (a number of columns, 0 to 4096; hytrace's "
			   "system-wide -a takes no argument)", opt, arg);
	o->align_col = (unsigned int)n;
	return 0;
}

/* -U, --summary-columns: strace 6.1's column names and aliases (the sink reads them) */
static int check_columns(const char *arg)
{
	static const char *const names[] = {
		"time-percent", "time", "total-time", "time-total", "min-time", "shortest",
		"time-min", "max-time", "longest", "time-max", "avg-time", "time-avg", "calls",
		"count", "errors", "error", "name", "syscall", "syscall-name",
	};
	const char *p = arg;

	if (list_has_empty(arg))
		return bad("invalid -U column '' in '%s'", arg);
	while (*p) {
		size_t len = strcspn(p, ","), i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i]) == len && !strncmp(p, names[i], len))
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			return bad("invalid -U column '%.*s'", (int)len, p);
		p += len + (p[len] == ',');
	}
	return 0;
}

enum {
	OPT_BACKEND = 256, OPT_COLOR, OPT_SECCOMP, OPT_NO_SECCOMP, OPT_COMM, OPT_CGROUP,
	OPT_DURATION, OPT_BUFSIZE, OPT_DEBUG, OPT_FORMAT, OPT_TEF, OPT_OTLP, OPT_OTLP_SC,
	OPT_REL_NOW, OPT_LOGS, OPT_INPUT,
	OPT_STACK_DEPTH, OPT_CUDA, OPT_CUDA_ONLY,
	OPT_STACK_MODE, OPT_STACK_SIZE,
	OPT_DEPS, OPT_DEPS_ROOT, OPT_DEPS_ALL, OPT_DEPS_HASH, OPT_DEPS_STAGE,
	OPT_FUNC, OPT_FUNC_EXCLUDE, OPT_FUNC_DEPTH, OPT_FUNC_MIN_TIME, OPT_FUNC_ARGS,
	/* strace 6.1's long forms */
	OPT_TRACE, OPT_SIGNAL, OPT_STATUS, OPT_ABBREV, OPT_VERBOSE, OPT_RAW, OPT_QUIET,
	OPT_DECODE_FDS, OPT_DECODE_PIDS, OPT_PIDNS, OPT_KVM, OPT_SECONTEXT, OPT_ABS_TS, OPT_REL_TS,
	OPT_SC_TIMES, OPT_OUT_SEP, OPT_DAEMONIZE, OPT_STR_HEX, OPT_COLUMNS,
	OPT_INJECT, OPT_FAULT, OPT_READ, OPT_WRITE, OPT_FAIL_LOSS,
};

static const struct option longopts[] = {
	{ "backend", required_argument, NULL, OPT_BACKEND },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "colour", optional_argument, NULL, OPT_COLOR },
	{ "fail-on-loss", no_argument, NULL, OPT_FAIL_LOSS },
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
	/* strace 6.1's long options (strace.c, longopts[]) */
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "signal", required_argument, NULL, OPT_SIGNAL },
	{ "signals", required_argument, NULL, OPT_SIGNAL },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "abbrev", required_argument, NULL, OPT_ABBREV },
	{ "verbose", required_argument, NULL, OPT_VERBOSE },
	{ "raw", required_argument, NULL, OPT_RAW },
	{ "quiet", optional_argument, NULL, OPT_QUIET },
	{ "silent", optional_argument, NULL, OPT_QUIET },
	{ "silence", optional_argument, NULL, OPT_QUIET },
	{ "decode-fds", optional_argument, NULL, OPT_DECODE_FDS },
	{ "decode-pids", required_argument, NULL, OPT_DECODE_PIDS },
	{ "pidns-translation", no_argument, NULL, OPT_PIDNS },
	{ "kvm", required_argument, NULL, OPT_KVM },
	{ "secontext", optional_argument, NULL, OPT_SECONTEXT },
	{ "successful-only", no_argument, NULL, 'z' },
	{ "failed-only", no_argument, NULL, 'Z' },
	{ "string-limit", required_argument, NULL, 's' },
	{ "no-abbrev", no_argument, NULL, 'v' },
	{ "syscall-times", optional_argument, NULL, OPT_SC_TIMES },
	{ "absolute-timestamps", optional_argument, NULL, OPT_ABS_TS },
	{ "timestamps", optional_argument, NULL, OPT_ABS_TS },
	{ "relative-timestamps", optional_argument, NULL, OPT_REL_TS },
	{ "summary-sort-by", required_argument, NULL, 'S' },
	{ "summary-columns", required_argument, NULL, 'U' },
	{ "summary-wall-clock", no_argument, NULL, 'w' },
	{ "summary-syscall-overhead", required_argument, NULL, 'O' },
	{ "output-separately", no_argument, NULL, OPT_OUT_SEP },
	{ "output-append-mode", no_argument, NULL, 'A' },
	{ "attach", required_argument, NULL, 'p' },
	{ "user", required_argument, NULL, 'u' },
	{ "env", required_argument, NULL, 'E' },
	{ "daemonize", optional_argument, NULL, OPT_DAEMONIZE },
	{ "detach-on", required_argument, NULL, 'b' },
	{ "instruction-pointer", no_argument, NULL, 'i' },
	{ "syscall-number", no_argument, NULL, 'n' },
	{ "const-print-style", required_argument, NULL, 'X' },
	{ "strings-in-hex", optional_argument, NULL, OPT_STR_HEX },
	{ "trace-path", required_argument, NULL, 'P' },
	{ "columns", required_argument, NULL, OPT_COLUMNS },
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
	int c, qcount = 0;

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
	memset(o->abbrev_set, 0xff, sizeof(o->abbrev_set));
	memset(o->verbose_set, 0xff, sizeof(o->verbose_set));
	o->tprec = -1;
	o->align_col = 40;
	o->rprec = 6;
	o->Tprec = 6;
	o->overhead_ns = -1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+:a::Ab:cCdDe:E:fhiI:jkno:O:p:P:qrs:S:tTu:U:vVwxX:yYzZ",
				longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			/* hytrace's -a (system-wide) takes no argument; strace's -a COLUMN does:
			 * "-a40" is the column, and so is "-a 40" (system-wide tracing runs no
			 * command, so a number after -a cannot be one) */
			if (!optarg && optind < argc && argv[optind][0] &&
			    strspn(argv[optind], "0123456789") == strlen(argv[optind]))
				optarg = argv[optind++];
			if (optarg) {
				if (set_align_col(o, "-a", optarg))
					return -1;
			} else {
				o->all = true;
			}
			break;
		case 'A': o->append = true; break;
		case 'b':
			if (strcmp(optarg, "execve"))
				return bad("invalid -b/--detach-on: '%s' (only execve, as in strace)",
					   optarg);
			o->detach_on_execve = true;
			break;
		case 'D':
			if (o->daemon < DAEMON_SESSION)
				o->daemon++;
			break;
		case OPT_DAEMONIZE:
			if (!optarg || !strcmp(optarg, "grandchild"))
				o->daemon = DAEMON_GRANDCHILD;
			else if (!strcmp(optarg, "pgroup") || !strcmp(optarg, "pgrp"))
				o->daemon = DAEMON_PGROUP;
			else if (!strcmp(optarg, "session"))
				o->daemon = DAEMON_SESSION;
			else
				return bad("invalid --daemonize: '%s' (grandchild, pgroup, pgrp or "
					   "session)", optarg);
			break;
		case 'i': o->iflag = true; break;
		case 'n': o->nflag = true; break;
		case 'O':
			if (parse_overhead(optarg, &o->overhead_ns))
				return bad("invalid -O/--summary-syscall-overhead: '%s' (a time: a number "
					   "of us, or with a unit s, ms, us, ns)", optarg);
			break;
		case 'P':
			if (!*optarg)
				return bad("%s", "invalid -P: '' (a path)");
			if (add_path(o, optarg))
				return -1;
			break;
		case 'U':
			if (check_columns(optarg))
				return -1;
			o->columns = optarg;
			break;
		case 'w': o->wflag = true; break;
		case 'X':
			if (!strcmp(optarg, "raw"))
				o->xstyle = CONST_RAW;
			else if (!strcmp(optarg, "abbrev"))
				o->xstyle = CONST_ABBREV;
			else if (!strcmp(optarg, "verbose"))
				o->xstyle = CONST_VERBOSE;
			else
				return bad("invalid -X/--const-print-style: '%s' (raw, abbrev or "
					   "verbose)", optarg);
			break;
		case 'Y': o->Yflag = true; break;
		case OPT_TRACE: case OPT_SIGNAL: case OPT_STATUS: case OPT_ABBREV: case OPT_VERBOSE:
		case OPT_RAW: case OPT_DECODE_PIDS: case OPT_KVM: {
			static const char *const qn[] = {
				[OPT_TRACE - OPT_TRACE] = "trace", [OPT_SIGNAL - OPT_TRACE] = "signal",
				[OPT_STATUS - OPT_TRACE] = "status", [OPT_ABBREV - OPT_TRACE] = "abbrev",
				[OPT_VERBOSE - OPT_TRACE] = "verbose", [OPT_RAW - OPT_TRACE] = "raw",
				[OPT_DECODE_PIDS - OPT_TRACE] = "decode-pids",
				[OPT_KVM - OPT_TRACE] = "kvm",
			};

			if (parse_qual(o, qn[c - OPT_TRACE], optarg))
				return -1;
			break;
		}
		case OPT_QUIET:	/* --quiet alone is -q */
			if (!optarg) {
				o->quiet |= QUIET_ATTACH | QUIET_PERSONALITY;
				quiet_set = true;
			} else if (parse_qual(o, "quiet", optarg)) {
				return -1;
			}
			break;
		case OPT_DECODE_FDS:	/* --decode-fds alone is -y */
			if (parse_qual(o, "decode-fds", optarg ? optarg : "path"))
				return -1;
			break;
		case OPT_PIDNS:	/* strace: qualify_decode_pid("pidns"), the set replaced */
			if (parse_qual(o, "decode-pids", "pidns"))
				return -1;
			break;
		case OPT_SECONTEXT:	/* alone: strace's "!full,mismatch" */
			if (parse_qual(o, "secontext", optarg ? optarg : "!full,mismatch"))
				return -1;
			break;
		case OPT_ABS_TS:
			if (parse_abs_ts(o, optarg))
				return -1;
			break;
		case OPT_REL_TS:
			o->rflag = true;
			if (optarg && (o->rprec = parse_precision(optarg)) < 0)
				return bad("invalid --relative-timestamps: '%s' (s, ms, us or ns)",
					   optarg);
			break;
		case OPT_SC_TIMES:
			o->Tflag = true;
			if (optarg && (o->Tprec = parse_precision(optarg)) < 0)
				return bad("invalid --syscall-times: '%s' (s, ms, us or ns)", optarg);
			break;
		case OPT_OUT_SEP:
			o->out_sep = true;
			break;
		case OPT_STR_HEX:
			if (!optarg || !strcmp(optarg, "all"))
				o->d.xflag = 2;
			else if (!strcmp(optarg, "non-ascii"))
				o->d.xflag = 1;
			else if (!strcmp(optarg, "none"))
				o->d.xflag = 0;
			else if (!strcmp(optarg, "non-ascii-chars"))
				o->d.xflag = XFLAG_HEX_CHARS;
			else
				return bad("invalid --strings-in-hex: '%s' (none, non-ascii-chars, "
					   "non-ascii or all)", optarg);
			break;
		case OPT_COLUMNS:
			if (set_align_col(o, "--columns", optarg))
				return -1;
			break;
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
		case 'q':	/* strace 6.1: -q attach,personality; -qq and exit; -qqq all */
			qcount++;
			o->quiet |= qcount == 1 ? QUIET_ATTACH | QUIET_PERSONALITY :
				    qcount == 2 ? QUIET_EXIT : QUIET_ALL;
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
			/* strace 6.1's names and aliases (the man page's -S), and the key used */
			static const char *const keys[][2] = {
				{ "time", "time" }, { "time-percent", "time" }, { "time-total", "time" },
				{ "total-time", "time" }, { "min-time", "min-time" },
				{ "shortest", "min-time" }, { "time-min", "min-time" },
				{ "max-time", "max-time" }, { "longest", "max-time" },
				{ "time-max", "max-time" }, { "avg-time", "avg-time" },
				{ "time-avg", "avg-time" }, { "calls", "calls" }, { "count", "calls" },
				{ "errors", "errors" }, { "error", "errors" }, { "name", "name" },
				{ "syscall", "name" }, { "syscall-name", "name" },
				{ "nothing", "nothing" }, { "none", "nothing" },
			};
			size_t i;

			for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
				if (!strcmp(optarg, keys[i][0]))
					break;
			if (i == sizeof(keys) / sizeof(keys[0]))
				return bad("invalid sortby: '%s'", optarg);
			o->sortby = keys[i][1];
			break;
		}
		case 't': o->tflag++; break;
		case 'T': o->Tflag = true; break;
		case 'u': o->user = optarg; break;
		case 'v':	/* strace 6.1: -v is -e abbrev=none */
			memset(o->abbrev_set, 0, sizeof(o->abbrev_set));
			break;
		case 'V':	/* main.c prints it: what this machine allows is the backends' to say */
			o->show_version = true;
			return 1;
		case 'x': o->d.xflag = o->d.xflag ? 2 : 1; break;	/* -x, -xx (and more: -xx) */
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
		case OPT_COLOR:	/* --color alone: always (as rstrace's, ls's and grep's) */
			/* "--color never": an optional argument needs '=', but no one traces a
			 * command named auto, always or never: the word is the value */
			if (!optarg && optind < argc && (!strcmp(argv[optind], "auto") ||
							 !strcmp(argv[optind], "always") ||
							 !strcmp(argv[optind], "never")))
				optarg = argv[optind++];
			if (!optarg || !strcmp(optarg, "always"))
				o->color = COLOR_ALWAYS;
			else if (!strcmp(optarg, "auto"))
				o->color = COLOR_AUTO;
			else if (!strcmp(optarg, "never"))
				o->color = COLOR_NEVER;
			else
				return bad("invalid --color: '%s' (auto, always or never)", optarg);
			break;
		case OPT_FAIL_LOSS: o->fail_on_loss = true; break;
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
		case OPT_DEBUG:
		case 'd': o->verbose_log++; break;	/* -d: strace's debug switch */
		case OPT_FORMAT:
			if (!sink_format_find(optarg))
				return bad("invalid --format: '%s' (%s)", optarg, sink_format_list());
			o->format = optarg;
			o->format_given = true;
			break;
		case OPT_TEF:
			o->format = "tef";
			o->format_given = true;
			break;
		case OPT_OTLP:
			/* besides any --format: --format=perfetto -o t.pftrace --otlp writes both */
			o->otlp = true;
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
			unsigned long long n;

			if (!parse_uint(optarg, HY_STACK_DEPTH_MAX, &n) || !n)
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
			unsigned long long n;

			if (!parse_uint(optarg, 1024, &n) || !n)
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
	if (o->d.yflag > 2)
		o->d.yflag = 2;
	if (o->follow > 2)
		o->follow = 2;
	if (o->tflag > 3)
		o->tflag = 3;
	if (optind < argc)
		o->argv = argv + optind;
	/* "--otlp URL": an optional argument needs '=', but no command is called http://...:
	 * take it as the URL, as a user writing it meant */
	if (o->otlp && !o->otlp_url && o->argv && (!strncmp(o->argv[0], "http://", 7) ||
						   !strncmp(o->argv[0], "https://", 8))) {
		o->otlp_url = o->argv[0];
		o->argv = o->argv[1] ? o->argv + 1 : NULL;
		pr_info("--otlp %s: taken as --otlp=%s", o->otlp_url, o->otlp_url);
	}
	if (!strcmp(o->format, "otlp"))
		o->otlp = true;
	else if (o->otlp && !o->format_given)
		o->format = "otlp";	/* --otlp alone: spans only, no text */
	if (o->cuda == CUDA_ONLY)
		cuda_only_set(o);
	if (o->input && (o->npids || o->all))
		return bad("%s", "--input reads a trace: no -p or -a with it");
	if (o->input && o->argv) {	/* --input FILE FILE2...: more logs, merged in time order */
		for (int i = 0; o->argv[i]; i++) {
			if (o->argv[i][0] == '-' && o->argv[i][1])
				return bad("options go before the logs (hytrace [OPTIONS] --input FILE "
					   "FILE2...): '%s' came after them", o->argv[i]);
			o->nmore_inputs++;
		}
		o->more_inputs = o->argv;
		o->argv = NULL;
	}
	if (!o->argv && !o->npids && !o->all && !o->input) {
		pr_warn("must have PROG [ARGS], -p PID, -a or --input FILE");
		usage_hint();
		return -1;
	}
	if (o->out_sep) {
		if (!o->follow)
			return bad("%s", "--output-separately without -f: hytrace writes FILE.PID "
				   "files only for -f (-ff)");
		o->follow = 2;
	}
	if (o->follow == 2 && !o->outfile)
		o->follow = 1;	/* -ff without -o is -f, as in strace */
	/* abbreviated unless -v or -e abbrev= says otherwise: the capture is made for the
	 * unabbreviated calls (-v's), the pipeline cuts the others */
	for (int w = 0; w < NR_WORDS; w++)
		if (o->abbrev_set[w] != ~0ull)
			o->d.verbose = true;
	if (o->append && !o->outfile)
		return bad("%s", "-A/--output-append-mode needs -o FILE");
	/* -P: also the path each names after symbolic links (strace 6.1, pathtrace.c) */
	for (int i = 0, n = o->npaths; i < n; i++) {
		char *real = realpath(o->paths[i], NULL);

		if (real && strcmp(real, o->paths[i])) {
			if (!(o->quiet & QUIET_PATH_RESOLUTION))
				pr_warn("Requested path \"%s\" resolved into \"%s\"", o->paths[i],
					real);
			if (add_path(o, real)) {
				free(real);
				return -1;
			}
		}
		free(real);
	}
	if (o->daemon && !o->argv)
		return bad("%s", "-D/--daemonize needs a command to start");
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
			o->quiet |= QUIET_ATTACH;
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
		o->quiet |= QUIET_ATTACH;	/* no "Process N attached": the report is the output */
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
	for (int i = 0; i < o->npaths; i++)
		free(o->paths[i]);
	free(o->paths);
}
