/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sbuf.h: a growable string buffer for rendering. */
#ifndef HY_SBUF_H
#define HY_SBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct sbuf {
	char *s;
	size_t len, cap;
};

void sb_grow(struct sbuf *sb, size_t more);
void sb_printf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_free(struct sbuf *sb);

/*
 * Numbers without printf (the consumer's hot path: vfprintf was about a quarter of its time).
 * Each writes exactly what the printf format in its comment writes.
 */
void sb_putu(struct sbuf *sb, uint64_t u);			/* "%" PRIu64 */
void sb_puti(struct sbuf *sb, int64_t i);			/* "%" PRId64 */
void sb_putx(struct sbuf *sb, uint64_t u);			/* "%#" PRIx64: 0x1f, but 0 */
void sb_puti_pad(struct sbuf *sb, int64_t i, unsigned int width, int left);	/* "%5d", "%-5d" */
void sb_putu_zero(struct sbuf *sb, uint64_t u, unsigned int width);	/* "%06" PRIu64 */

/* Inline: a constant string's length is known where it is written (the consumer's hot path). */
static inline void sb_putn(struct sbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		sb_grow(sb, n);
	if (n)	/* s may be NULL then (an empty buffer's): memcpy wants valid pointers even for 0 */
		memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

static inline void sb_puts(struct sbuf *sb, const char *s)
{
	sb_putn(sb, s, strlen(s));
}

static inline void sb_putc(struct sbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		sb_grow(sb, 1);
	sb->s[sb->len++] = c;
	sb->s[sb->len] = '\0';
}

static inline void sb_reset(struct sbuf *sb)
{
	sb->len = 0;
	if (sb->s)
		sb->s[0] = '\0';
}

#endif
