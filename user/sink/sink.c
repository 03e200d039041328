// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink.c: what every sink shares: per-task state, output file flags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sink.h"

void *sink_task(struct sink *s, struct task *t)
{
	void **slot = &t->sink_state[s->idx];

	if (!*slot) {
		*slot = calloc(1, s->ops->task_size);
		if (!*slot) {
			fputs("hytrace: out of memory\n", stderr);
			abort();
		}
	}
	return *slot;
}

unsigned int sink_outfile_flags(const struct opts *o)
{
	return o->all || o->private_out ? OUTF_PRIVATE : 0;
}
