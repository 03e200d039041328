// SPDX-License-Identifier: LGPL-2.1-or-later
/* inject.c: -e inject= counting, shared by the ptrace and eBPF backends (strace 6.1's when=). */
#include <errno.h>
#include <stdlib.h>
#include "inject.h"

int inject_pick(uint16_t **counts, long nr, const struct inject_rule *ir)
{
	unsigned int n;

	if (nr < 0 || nr >= HY_NR_MAX || !ir)
		return 0;
	if (!*counts) {
		*counts = calloc(HY_NR_MAX, sizeof(**counts));
		if (!*counts)
			return -ENOMEM;
	}
	n = (*counts)[nr];
	if (n < INJ_WHEN_MAX)	/* the count stops past 65535: when= cannot name more */
		(*counts)[nr] = (uint16_t)++n;
	return n >= ir->first && n <= ir->last && (n - ir->first) % ir->step == 0;
}
