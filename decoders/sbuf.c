// SPDX-License-Identifier: LGPL-2.1-or-later
/* sbuf.c: growable string buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sbuf.h"

const unsigned char sb_plain_bytes[256] = {
	[' ' ... '"' - 1] = 1, ['"' + 1 ... '\\' - 1] = 1, ['\\' + 1 ... 0x7e] = 1,	/* GNU C ranges */
};

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

static const char pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* The 8 decimal digits of v < 10^8, zero-padded, written backwards ending at end. */
static char *put8_rev(char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++) {
		unsigned int k = (v % 100) * 2;

		v /= 100;
		*--p = pairs[k + 1];
		*--p = pairs[k];
	}
	return p;
}

/*
 * The decimal digits of u, written backwards ending at end; returns the first.  Eight digits
 * at a time in 32-bit arithmetic (timestamps have 19 digits: 64-bit divisions were a json
 * hot spot, issue 10).
 */
static char *utoa_rev(char *end, uint64_t u)
{
	char *p = end;

	while (u >= 100000000) {
		p = put8_rev(p, (uint32_t)(u % 100000000));
		u /= 100000000;
	}
	uint32_t v = (uint32_t)u;

	while (v >= 100) {
		unsigned int k = (v % 100) * 2;

		v /= 100;
		*--p = pairs[k + 1];
		*--p = pairs[k];
	}
	if (v >= 10) {
		*--p = pairs[v * 2 + 1];
		*--p = pairs[v * 2];
	} else {
		*--p = (char)('0' + v);
	}
	return p;
}

/* Append n bytes with a width: spaces before (right-aligned) or after (left). */
static void put_padded(struct sbuf *sb, const char *p, size_t n, unsigned int width, int left,
		       char fill)
{
	size_t pad = width > n ? width - n : 0;

	if (sb->len + n + pad + 1 > sb->cap)
		sb_grow(sb, n + pad);
	char *o = sb->s + sb->len;

	if (!left) {
		memset(o, fill, pad);
		o += pad;
	}
	memcpy(o, p, n);
	o += n;
	if (left) {
		memset(o, ' ', pad);
		o += pad;
	}
	*o = '\0';
	sb->len = o - sb->s;
}

void sb_putu(struct sbuf *sb, uint64_t u)
{
	char buf[24], *p = utoa_rev(buf + sizeof(buf), u);

	sb_putn(sb, p, buf + sizeof(buf) - p);
}

void sb_puti(struct sbuf *sb, int64_t i)
{
	char buf[24], *p = utoa_rev(buf + sizeof(buf), i < 0 ? -(uint64_t)i : (uint64_t)i);

	if (i < 0)
		*--p = '-';
	sb_putn(sb, p, buf + sizeof(buf) - p);
}

void sb_puti_pad(struct sbuf *sb, int64_t i, unsigned int width, int left)
{
	char buf[24], *p = utoa_rev(buf + sizeof(buf), i < 0 ? -(uint64_t)i : (uint64_t)i);

	if (i < 0)
		*--p = '-';
	put_padded(sb, p, buf + sizeof(buf) - p, width, left, ' ');
}

void sb_put9(struct sbuf *sb, uint32_t u)
{
	sb_room(sb, 9);
	char *end = sb->s + sb->len + 9;

	end[-9] = (char)('0' + u / 100000000 % 10);
	put8_rev(end, u % 100000000);
	sb->len += 9;
	sb->s[sb->len] = '\0';
}

void sb_putu_zero(struct sbuf *sb, uint64_t u, unsigned int width)
{
	char buf[24], *p = utoa_rev(buf + sizeof(buf), u);

	put_padded(sb, p, buf + sizeof(buf) - p, width, 0, '0');
}

void sb_putx(struct sbuf *sb, uint64_t u)
{
	static const char hexd[] = "0123456789abcdef";
	char buf[24], *p = buf + sizeof(buf);

	if (!u) {
		sb_putc(sb, '0');
		return;
	}
	for (; u; u >>= 4)
		*--p = hexd[u & 15];
	*--p = 'x';
	*--p = '0';
	sb_putn(sb, p, buf + sizeof(buf) - p);
}

void sb_free(struct sbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}
