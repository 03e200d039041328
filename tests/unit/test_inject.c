// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_inject.c: -e inject='s when= counting (user/source/inject.c), shared by both backends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "inject.h"
#include "unit.h"

/* The invocations 1..n that rule {first, last, step} picks, as "1 3 5" */
static const char *picks(unsigned int first, unsigned int last, unsigned int step, int n)
{
	static char out[512];
	struct inject_rule ir = { .error = 5, .scno = -1, .first = first, .last = last,
				  .step = step };
	uint16_t *counts = NULL;
	size_t o = 0;

	out[0] = 0;
	for (int i = 1; i <= n; i++)
		if (inject_pick(&counts, 2, &ir) == 1)
			o += snprintf(out + o, sizeof(out) - o, "%s%d", o ? " " : "", i);
	free(counts);
	return out;
}

UT_TEST(when_forms)
{
	/* strace 6.1's forms (src/filter_qualify.c parse_inject_expression, its man page) */
	UT_EXPECT("every call", picks(1, INJ_WHEN_MAX, 1, 6), "1 2 3 4 5 6");
	UT_EXPECT("when=3", picks(3, 3, 1, 6), "3");
	UT_EXPECT("when=2+", picks(2, INJ_WHEN_MAX, 1, 6), "2 3 4 5 6");
	UT_EXPECT("when=2+2", picks(2, INJ_WHEN_MAX, 2, 7), "2 4 6");
	UT_EXPECT("when=2..4", picks(2, 4, 1, 6), "2 3 4");
	UT_EXPECT("when=1..5+2", picks(1, 5, 2, 8), "1 3 5");
}

UT_TEST(counts_apart)
{
	struct inject_rule ir = { .error = 5, .scno = -1, .first = 2, .last = 2, .step = 1 };
	uint16_t *t1 = NULL, *t2 = NULL;

	/* per thread and per syscall: another syscall or thread starts from 1 */
	UT_CHECK("t1 nr 2, 1st", inject_pick(&t1, 2, &ir) == 0);
	UT_CHECK("t1 nr 3, 1st", inject_pick(&t1, 3, &ir) == 0);
	UT_CHECK("t2 nr 2, 1st", inject_pick(&t2, 2, &ir) == 0);
	UT_CHECK("t1 nr 2, 2nd", inject_pick(&t1, 2, &ir) == 1);
	UT_CHECK("t2 nr 2, 2nd", inject_pick(&t2, 2, &ir) == 1);
	UT_CHECK("t1 nr 2, 3rd", inject_pick(&t1, 2, &ir) == 0);
	UT_CHECK("no rule", inject_pick(&t1, 2, NULL) == 0);
	UT_CHECK("bad nr", inject_pick(&t1, -1, &ir) == 0 && inject_pick(&t1, HY_NR_MAX, &ir) == 0);
	free(t1);
	free(t2);
}

UT_TEST(count_stops)
{
	/* past 65535 the count stays there: a rule on the 65535th keeps picking every later one */
	struct inject_rule plus = { .error = 5, .scno = -1, .first = INJ_WHEN_MAX,
				    .last = INJ_WHEN_MAX, .step = 1 };
	uint16_t *c = NULL;
	int n = 0;

	for (int i = 1; i <= INJ_WHEN_MAX + 3; i++)
		n += inject_pick(&c, 7, &plus) == 1;
	UT_CHECK("65535 and later", n == 4 && c[7] == INJ_WHEN_MAX);
	free(c);
}

int main(int argc, char **argv)
{
	static const struct ut_case cases[] = {
		UT_ENTRY(when_forms),
		UT_ENTRY(counts_apart),
		UT_ENTRY(count_stops),
		{ NULL, NULL },
	};

	return ut_main(argc, argv, cases);
}
