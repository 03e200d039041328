// SPDX-License-Identifier: LGPL-2.1-or-later
/* task.c: what the pipeline knows of each traced thread. */
#include <stdlib.h>
#include <string.h>
#include "task.h"

static void task_fini(void *v)
{
	struct task *t = v;

	free(t->cmdline);
}

void tasks_init(struct tasks *ts)
{
	tidmap_init(&ts->map, sizeof(struct task), task_fini);
}

struct task *tasks_add(struct tasks *ts, pid_t tid, bool *created)
{
	bool fresh;
	struct task *t = tidmap_add(&ts->map, tid, &fresh);

	if (t && fresh)
		t->tid = t->pid = tid;
	if (created)
		*created = t && fresh;
	return t;
}

void tasks_del(struct tasks *ts, pid_t tid)
{
	tidmap_del(&ts->map, tid);
}

void task_set_cmdline(struct task *t, const char *argv, size_t len)
{
	char *c = malloc(len + 1);

	if (!c)
		return;
	if (len)	/* argv may be NULL then */
		memcpy(c, argv, len);
	c[len] = '\0';
	free(t->cmdline);
	t->cmdline = c;
	t->cmdline_len = len;
}

void tasks_free(struct tasks *ts)
{
	tidmap_free(&ts->map);
}
