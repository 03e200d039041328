/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tidmap.h: a hash map from a thread or process id to a value of fixed size, for every per-task table. */
#ifndef HY_TIDMAP_H
#define HY_TIDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Open addressing with linear probing and backward-shift deletion (no tombstones), power-of-two
 * capacity kept at most half full.  Values are allocated by the map, zeroed, and never move:
 * a pointer stays valid until its key is deleted or the map is freed.
 */
struct tidmap_slot {
	pid_t key;
	void *val;		/* NULL: empty slot */
};

struct tidmap {
	struct tidmap_slot *slots;
	unsigned int cap, n;
	size_t vsize;
	void (*fini)(void *val);	/* called on a value before it is freed, or NULL */
};

/* An empty map of values of vsize bytes; fini (may be NULL) releases what a value owns. */
void tidmap_init(struct tidmap *m, size_t vsize, void (*fini)(void *val));
/* The value of key, or NULL. */
void *tidmap_get(const struct tidmap *m, pid_t key);
/* The value of key, added zeroed if absent (*created says which); NULL when out of memory. */
void *tidmap_add(struct tidmap *m, pid_t key, bool *created);
/* Remove key (fini, then free its value); nothing if absent. */
void tidmap_del(struct tidmap *m, pid_t key);
/*
 * Walk the map: start with *pos = 0; returns the next value (its key in *key if key is not
 * NULL), or NULL at the end.  The map must not change during a walk.
 */
void *tidmap_next(const struct tidmap *m, unsigned int *pos, pid_t *key);
/* Remove everything (fini on each value). */
void tidmap_free(struct tidmap *m);

static inline unsigned int tidmap_count(const struct tidmap *m)
{
	return m->n;
}

#endif
