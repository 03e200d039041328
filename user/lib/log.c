// SPDX-License-Identifier: LGPL-2.1-or-later
/* log.c: one-line diagnostics on stderr. */
#include <stdarg.h>
#include <stdio.h>
#include "log.h"

int log_level;

void pr_msg(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
