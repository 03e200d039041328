/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz.h: what the libFuzzer targets share: a reader of the fuzz input, hytrace's options. */
#ifndef HY_FUZZ_H
#define HY_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fuzz input, consumed from the front; reads past its end give zeros. */
struct fin {
	const uint8_t *p;
	size_t n;
};

static inline uint64_t fin_take(struct fin *f, unsigned int bytes)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < bytes; i++) {
		v |= (uint64_t)(f->n ? *f->p : 0) << (8 * i);
		if (f->n)
			f->p++, f->n--;
	}
	return v;
}

static inline uint8_t fin_u8(struct fin *f)
{
	return (uint8_t)fin_take(f, 1);
}

/* Up to len bytes into a fresh region the caller owns: *got says how many were there. */
static inline const uint8_t *fin_bytes(struct fin *f, size_t len, size_t *got)
{
	const uint8_t *p = f->p;

	*got = len < f->n ? len : f->n;
	f->p += *got;
	f->n -= *got;
	return p;
}

/*
 * argv for hytrace's option parser, from the option bits in sel: a format (text, json, tef,
 * perfetto), the summary (-c, -C, -j), -y/-yy, -x/-xx, -v, -s, -T, -t..-ttt/-r, -f, --logs;
 * output to /dev/null; input (may be NULL: a command) is the --input file.  Returns argc;
 * argv holds 32.
 */
int fuzz_argv(char **argv, uint32_t sel, const char *input);

#endif
