// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz_common.c: hytrace's logging for the fuzz targets (formatted, then dropped) and options. */
/*
 * user/lib/log.c is not linked: its messages would flood the fuzzer's output.  These format
 * every message into a buffer, so that a bad argument to pr_warn() is still found, and keep
 * nothing.  HYT_FUZZ_LOG=1 prints them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "fuzz.h"
#include "log.h"

int log_level;

void pr_vmsg(int level, const char *fmt, va_list ap)
{
	static int show = -1;
	char buf[512];

	if (show < 0)
		show = getenv("HYT_FUZZ_LOG") != NULL;
	vsnprintf(buf, sizeof(buf), fmt, ap);
	if (show && level <= log_level)
		fprintf(stderr, "hytrace: %s\n", buf);
}

void pr_msg(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pr_vmsg(level, fmt, ap);
	va_end(ap);
}

void pr_raw(int level, const char *fmt, va_list ap)
{
	char buf[512];

	vsnprintf(buf, sizeof(buf), fmt, ap);
}

int fuzz_argv(char **argv, uint32_t sel, const char *input)
{
	static const char *const formats[] = { "--format=text", "--format=json", "--format=tef",
					       "--format=perfetto" };
	static const char *const times[] = { NULL, "-t", "-tt", "-ttt", "-r", NULL, NULL, NULL };
	int argc = 0;

	argv[argc++] = "hytrace";
	argv[argc++] = (char *)formats[sel & 3];
	if (sel & 4)
		argv[argc++] = sel & 8 ? "-c" : "-C";	/* the summary alone, or after the trace */
	if (sel & 0x10)
		argv[argc++] = sel & 0x20 ? "-yy" : "-y";
	if (sel & 0x40)
		argv[argc++] = sel & 0x80 ? "-xx" : "-x";
	if (sel & 0x100)
		argv[argc++] = "-v";
	if (sel & 0x200)
		argv[argc++] = sel & 0x400 ? "-s4" : "-s200";
	if (sel & 0x800)
		argv[argc++] = "-T";
	if (times[sel >> 12 & 7])
		argv[argc++] = (char *)times[sel >> 12 & 7];
	if (sel & 0x8000)
		argv[argc++] = "-f";
	if ((sel & 3) == 3 && sel & 0x10000)
		argv[argc++] = "--logs";
	if (sel & 0x20000)
		argv[argc++] = "-j";
	argv[argc++] = "-o";
	argv[argc++] = "/dev/null";
	if (input) {
		argv[argc++] = "--input";
		argv[argc++] = (char *)input;
	} else {
		argv[argc++] = "prog";
	}
	argv[argc] = NULL;
	return argc;
}
