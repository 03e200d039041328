// SPDX-License-Identifier: LGPL-2.1-or-later
/* sbuf.c: growable string buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sbuf.h"

void sb_grow(struct sbuf *sb, size_t more)
{
	size_t cap = sb->cap ? sb->cap : 256;

	while (cap < sb->len + more + 1)
		cap *= 2;
	if (cap == sb->cap)
		return;
	char *n = realloc(sb->s, cap);

	if (!n) {
		fputs("hytrace: out of memory\n", stderr);
		abort();
	}
	sb->s = n;
	sb->cap = cap;
}

void sb_putn(struct sbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		sb_grow(sb, n);
	if (n)	/* s may be NULL then (an empty sbuf's s): memcpy's arguments must not be */
		memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_puts(struct sbuf *sb, const char *s)
{
	sb_putn(sb, s, strlen(s));
}

void sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(sb->s ? sb->s + sb->len : NULL, sb->s ? sb->cap - sb->len : 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (!sb->s || sb->len + n + 1 > sb->cap) {
		sb_grow(sb, n);
		va_start(ap, fmt);
		vsnprintf(sb->s + sb->len, sb->cap - sb->len, fmt, ap);
		va_end(ap);
	}
	sb->len += n;
}

void sb_free(struct sbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}
