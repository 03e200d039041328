// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_tidmap.c: the per-task hash map (user/state/tidmap.c) against a plain array model. */
#include <stdlib.h>
#include "tidmap.h"
#include "unit.h"

enum { KEYS = 5000 };

static int finis;
static void count_fini(void *v)
{
	finis++;
}

UT_TEST(basics)
{
	struct tidmap m;
	bool created;

	finis = 0;
	tidmap_init(&m, sizeof(int), count_fini);
	UT_CHECK("empty get", !tidmap_get(&m, 1));
	int *v = tidmap_add(&m, 42, &created);

	UT_CHECK("add creates zeroed", v && created && *v == 0);
	*v = 7;
	UT_CHECK("add again finds", tidmap_add(&m, 42, &created) == v && !created);
	tidmap_del(&m, 42);
	UT_CHECK("del then get", !tidmap_get(&m, 42) && finis == 1 && tidmap_count(&m) == 0);
	tidmap_free(&m);
}

UT_TEST(model)
{
	static int model[KEYS];	/* 0: absent, else the value stored */
	struct tidmap m;
	bool created, ok = true;
	unsigned int seed = 12345;
	int *v;

	tidmap_init(&m, sizeof(int), count_fini);
	/* random adds and deletes (with colliding keys: multiples of the capacity) */
	for (int step = 0; step < 200000 && ok; step++) {
		seed = seed * 1103515245 + 12345;
		int k = 1 + (seed >> 8) % (KEYS - 1);

		if (seed & 0x80000000) {
			int *p = tidmap_add(&m, k, &created);

			if (!p || created != !model[k] || (!created && *p != model[k]))
				ok = false;
			else
				*p = model[k] = k * 3 + 1;
		} else {
			tidmap_del(&m, k);
			model[k] = 0;
		}
	}
	unsigned int n = 0;

	for (int k = 1; k < KEYS; k++) {
		int *p = tidmap_get(&m, k);

		if (model[k])
			n++;
		if (model[k] ? !p || *p != model[k] : p != NULL)
			ok = false;
	}
	UT_CHECK("random adds and deletes match the model", ok);
	UT_CHECK("count matches the model", tidmap_count(&m) == n);

	unsigned int pos = 0, walked = 0;
	pid_t key;

	ok = true;
	while ((v = tidmap_next(&m, &pos, &key))) {
		walked++;
		if (*v != model[key])
			ok = false;
	}
	UT_CHECK("walk visits every value once", ok && walked == n);
	finis = 0;
	tidmap_free(&m);
	UT_CHECK("free calls fini on each value", finis == (int)n && !tidmap_get(&m, 1));
}

static const struct ut_case cases[] = {
	UT_ENTRY(basics), UT_ENTRY(model),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
