// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_xlat.c: the sorted and dense lookups of every xlat table and sysent_lookup against scans. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "sysent.h"
#include "xlat.h"
#include "xlat_gen.h"

static int failed;

static void report(const char *what, const char *table, int bad)
{
	printf("%sok %s %s\n", bad ? "not " : "", what, table);
	if (bad)
		failed++;
}

/* The reference: the first entry in file order, as the linear lookups found it. */
static const struct xlat_ent *scan_val(const struct xlat *x, uint64_t v)
{
	for (unsigned int i = 0; i < x->n; i++)
		if (x->e[i].val == v)
			return &x->e[i];
	return NULL;
}

static const struct xlat_ent *scan_name(const struct xlat *x, const char *name)
{
	for (unsigned int i = 0; i < x->n; i++)
		if (!strcmp(x->e[i].name, name))
			return &x->e[i];
	return NULL;
}

static int check_val(const struct xlat *x, uint64_t v)
{
	const struct xlat_ent *want = scan_val(x, v);

	if (xlat_find(x, v) == want && xlat_name(x, v) == (want ? want->name : NULL))
		return 0;
	printf("#  %s: value %#llx: want %s, got %s\n", x->tname, (unsigned long long)v,
	       want ? want->name : "none", xlat_name(x, v) ? xlat_name(x, v) : "none");
	return 1;
}

static int check_name(const struct xlat *x, const char *name)
{
	const struct xlat_ent *want = scan_name(x, name);
	uint64_t v = 0xbad;
	int rc = xlat_value(x, name, &v);

	if (want ? (!rc && v == want->val) : rc == -ENOENT)
		return 0;
	printf("#  %s: name \"%s\": want %s, got rc %d value %#llx\n", x->tname, name,
	       want ? "found" : "-ENOENT", rc, (unsigned long long)v);
	return 1;
}

/* The indexes themselves: strictly ascending, and the dense run matches its slots. */
static int check_indexes(const struct xlat *x)
{
	int bad = 0;

	for (unsigned int i = 1; i < x->nval; i++)
		bad |= !(x->e[x->by_val[i - 1]].val < x->e[x->by_val[i]].val);
	for (unsigned int i = 1; i < x->nname; i++)
		bad |= !(strcmp(x->e[x->by_name[i - 1]].name, x->e[x->by_name[i]].name) < 0);
	for (unsigned int i = 0; i < x->ndense; i++) {
		bad |= x->dense[i] > x->n;
		bad |= check_val(x, x->dense_base + i);
	}
	if (x->ndense)
		bad |= check_val(x, x->dense_base - 1) | check_val(x, x->dense_base + x->ndense);
	return bad;
}

static void check_table(const struct xlat *x)
{
	char buf[256];
	int bad = 0;

	bad |= check_val(x, 0) | check_val(x, ~0ULL) | check_val(x, 1ULL << 63);
	for (unsigned int i = 0; i < x->n; i++) {
		uint64_t v = x->e[i].val;
		const char *name = x->e[i].name;

		bad |= check_val(x, v) | check_val(x, v - 1) | check_val(x, v + 1);
		bad |= check_name(x, name);
		snprintf(buf, sizeof(buf), "%sX", name);	/* just after name */
		bad |= check_name(x, buf);
		snprintf(buf, sizeof(buf), "%.*s", (int)strlen(name) - 1, name);	/* just before */
		bad |= check_name(x, buf);
	}
	bad |= check_name(x, "") | check_name(x, "~");
	report("xlat lookups", x->tname, bad);
	report("xlat indexes", x->tname, check_indexes(x));
}

static void check_sysent(void)
{
	int bad = 0;

	for (unsigned int nr = 0; nr < sysent_count; nr++) {
		const char *name = sysent[nr].name;
		long want = -1;
		char buf[64];

		if (!name)
			continue;
		for (unsigned int k = 0; k < sysent_count && want < 0; k++)
			if (sysent[k].name && !strcmp(sysent[k].name, name))
				want = k;
		if (sysent_lookup(name) != want) {
			printf("#  sysent_lookup(\"%s\") = %ld, want %ld\n", name, sysent_lookup(name),
			       want);
			bad = 1;
		}
		snprintf(buf, sizeof(buf), "%s_", name);
		if (sysent_lookup(buf) != -1) {
			printf("#  sysent_lookup(\"%s\") found a call\n", buf);
			bad = 1;
		}
	}
	bad |= sysent_lookup("") != -1 || sysent_lookup("nosuchcall") != -1 ||
	       sysent_lookup("rea") != -1 || sysent_lookup("zzz") != -1;
	report("sysent_lookup", "every name", bad);
	report("sysent_lookup", "openat", sysent_lookup("openat") != 257);
}

int main(void)
{
	for (unsigned int t = 0; t < xlat_all_count; t++)
		check_table(xlat_all[t]);
	check_sysent();
	return failed ? 1 : 0;
}
