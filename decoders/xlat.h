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

/*
 * e[] is the table in file order: flag sets print in that order.  The lookups use indexes
 * into e[] that decoders/gen-xlat.awk builds (its values are checked by the compiler):
 * by_val sorted by value, by_name sorted by name (strcmp order), each keeping the first entry
 * in file order of a value or name (so the first name of a duplicated value wins, as a scan
 * would find it), and dense: value dense_base + i is e[dense[i] - 1] (0: no such value).
 */
struct xlat {
	const char *tname;
	enum xlat_type type;
	unsigned int n;
	const struct xlat_ent *e;
	const char *unknown;	/* comment for unknown enum values ("F_???"), or NULL */
	unsigned int nval;
	const uint16_t *by_val;
	unsigned int nname;
	const uint16_t *by_name;
	uint64_t dense_base;
	unsigned int ndense;	/* 0: no dense run */
	const uint16_t *dense;
};

/* The entry of val in a table (the first in file order), or NULL. */
const struct xlat_ent *xlat_find(const struct xlat *x, uint64_t val);
/* The name of val in a table, or NULL. */
const char *xlat_name(const struct xlat *x, uint64_t val);
/* The value of name in a table; 0 when found, -ENOENT otherwise. */
int xlat_value(const struct xlat *x, const char *name, uint64_t *val);

#endif
