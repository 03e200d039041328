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
/* Room for more bytes and a NUL after them: inline, sb_grow only when the buffer is short. */
static inline void sb_room(struct sbuf *sb, size_t more)
{
	if (!sb->s || sb->len + more + 1 > sb->cap)
		sb_grow(sb, more);
}
/* 1 for the bytes that sb_plain_copy() copies, 0 for the others */
extern const unsigned char sb_plain_bytes[256];
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
void sb_put9(struct sbuf *sb, uint32_t u);	/* "%09u" of u < 10^9: the ns of a timestamp */

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

/*
 * Copy to o the run at s (at most n bytes; o has room for n) of bytes that a quoted string
 * shows as they are in both strace's text and JSON, and return its length: printable ASCII
 * (0x20-0x7e) but the quote and the backslash.  Eight bytes at a time (the consumer's hot
 * path: most strings are plain): per 64-bit word, a byte below 0x20, above 0x7e, or equal to
 * '"' or '\\' sets its high bit in one of the tests (the bit tricks of "Bit Twiddling Hacks",
 * S. E. Anderson: hasless, hasmore, haszero), exact as to whether any byte of the word is one;
 * a word that fails goes byte by byte up to the byte that ends the run.
 */
static inline size_t sb_plain_copy(char *o, const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t x, q, b;

		memcpy(&x, s + i, 8);
		q = x ^ (ones * '"');
		b = x ^ (ones * '\\');
		if (((x - ones * 0x20) & ~x) & high)		/* a byte < 0x20 (or >= 0x80) */
			break;
		if (((x + ones * (127 - 0x7e)) | x) & high)	/* a byte > 0x7e */
			break;
		if ((((q - ones) & ~q) | ((b - ones) & ~b)) & high)	/* '"' or '\\' */
			break;
		memcpy(o + i, &x, 8);
	}
	for (; i < n && sb_plain_bytes[s[i]]; i++)
		o[i] = (char)s[i];
	return i;
}

static inline void sb_reset(struct sbuf *sb)
{
	sb->len = 0;
	if (sb->s)
		sb->s[0] = '\0';
}

#endif
