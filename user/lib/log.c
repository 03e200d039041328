// SPDX-License-Identifier: LGPL-2.1-or-later
/* log.c: one-line diagnostics on stderr, each prefixed with the program name. */
#include <stdarg.h>
#include <stdio.h>
#include "log.h"

#define PR_PREFIX "hytrace: "

int log_level;

void pr_vmsg(int level, const char *fmt, va_list ap)
{
	if (level > log_level)
		return;
	fputs(PR_PREFIX, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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
	if (level <= log_level)
		vfprintf(stderr, fmt, ap);
}
