// SPDX-License-Identifier: LGPL-2.1-or-later
/* xlat_lookup.c: value and name lookups in the generated tables (direct index or binary search). */
#include <errno.h>
#include <string.h>
#include "xlat.h"

const struct xlat_ent *xlat_find(const struct xlat *x, uint64_t val)
{
	uint64_t off = val - x->dense_base;
	unsigned int lo = 0, hi = x->nval;

	if (off < x->ndense)
		return x->dense[off] ? &x->e[x->dense[off] - 1] : NULL;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct xlat_ent *e = &x->e[x->by_val[mid]];

		if (e->val < val)
			lo = mid + 1;
		else if (e->val > val)
			hi = mid;
		else
			return e;
	}
	return NULL;
}

const char *xlat_name(const struct xlat *x, uint64_t val)
{
	const struct xlat_ent *e = xlat_find(x, val);

	return e ? e->name : NULL;
}

int xlat_value(const struct xlat *x, const char *name, uint64_t *val)
{
	unsigned int lo = 0, hi = x->nname;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct xlat_ent *e = &x->e[x->by_name[mid]];
		int c = strcmp(e->name, name);

		if (c < 0) {
			lo = mid + 1;
		} else if (c > 0) {
			hi = mid;
		} else {
			*val = e->val;
			return 0;
		}
	}
	return -ENOENT;
}
