/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xlat.h: value-to-name tables generated from decoders/xlat/NAME.in. */
#ifndef HY_XLAT_H
#define HY_XLAT_H

#include <stddef.h>
#include <stdint.h>

enum xlat_type { XT_ENUM, XT_FLAGS };

struct xlat_ent {
	uint64_t val;
	const char *name;
};

struct xlat {
	const char *tname;
	enum xlat_type type;
	unsigned int n;
	const struct xlat_ent *e;
	const char *unknown;	/* comment for unknown enum values ("F_???"), or NULL */
};

/* The name of val in an enum table, or NULL. */
const char *xlat_name(const struct xlat *x, uint64_t val);
/* The value of name in a table; 0 when found, -ENOENT otherwise. */
int xlat_value(const struct xlat *x, const char *name, uint64_t *val);

#endif
