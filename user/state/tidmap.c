// SPDX-License-Identifier: LGPL-2.1-or-later
/* tidmap.c: a hash map from a thread or process id to a value of fixed size. */
#include <stdlib.h>
#include <string.h>
#include "tidmap.h"

#define TIDMAP_MIN_CAP 64

/* Fibonacci hashing (Knuth, TAOCP 6.4): ids are dense, the multiply spreads them. */
static unsigned int slot_of(pid_t key, unsigned int cap)
{
	return ((unsigned int)key * 2654435761u) & (cap - 1);
}

void tidmap_init(struct tidmap *m, size_t vsize, void (*fini)(void *val))
{
	memset(m, 0, sizeof(*m));
	m->vsize = vsize;
	m->fini = fini;
}

void *tidmap_get(const struct tidmap *m, pid_t key)
{
	if (!m->cap)
		return NULL;
	for (unsigned int h = slot_of(key, m->cap);; h = (h + 1) & (m->cap - 1)) {
		const struct tidmap_slot *s = &m->slots[h];

		if (!s->val)
			return NULL;
		if (s->key == key)
			return s->val;
	}
}

static void place(struct tidmap_slot *slots, unsigned int cap, pid_t key, void *val)
{
	unsigned int h = slot_of(key, cap);

	while (slots[h].val)
		h = (h + 1) & (cap - 1);
	slots[h].key = key;
	slots[h].val = val;
}

static int grow(struct tidmap *m)
{
	unsigned int ncap = m->cap ? m->cap * 2 : TIDMAP_MIN_CAP;
	struct tidmap_slot *ns = calloc(ncap, sizeof(*ns));

	if (!ns)
		return -1;
	for (unsigned int i = 0; i < m->cap; i++)
		if (m->slots[i].val)
			place(ns, ncap, m->slots[i].key, m->slots[i].val);
	free(m->slots);
	m->slots = ns;
	m->cap = ncap;
	return 0;
}

void *tidmap_add(struct tidmap *m, pid_t key, bool *created)
{
	void *v = tidmap_get(m, key);

	if (created)
		*created = !v;
	if (v)
		return v;
	if ((m->n + 1) * 2 > m->cap && grow(m))
		return NULL;
	v = calloc(1, m->vsize ? m->vsize : 1);
	if (!v)
		return NULL;
	place(m->slots, m->cap, key, v);
	m->n++;
	return v;
}

void tidmap_del(struct tidmap *m, pid_t key)
{
	unsigned int mask = m->cap - 1, h;

	if (!m->cap)
		return;
	for (h = slot_of(key, m->cap);; h = (h + 1) & mask) {
		if (!m->slots[h].val)
			return;
		if (m->slots[h].key == key)
			break;
	}
	if (m->fini)
		m->fini(m->slots[h].val);
	free(m->slots[h].val);
	m->slots[h].val = NULL;
	m->n--;
	/* backward shift: move later members of the run into the hole when their home allows */
	for (unsigned int j = (h + 1) & mask; m->slots[j].val; j = (j + 1) & mask) {
		unsigned int home = slot_of(m->slots[j].key, m->cap);

		/* j may move to h unless home lies cyclically in (h, j] */
		if (((j - home) & mask) >= ((j - h) & mask)) {
			m->slots[h] = m->slots[j];
			m->slots[j].val = NULL;
			h = j;
		}
	}
}

void *tidmap_next(const struct tidmap *m, unsigned int *pos, pid_t *key)
{
	for (; *pos < m->cap; (*pos)++) {
		const struct tidmap_slot *s = &m->slots[*pos];

		if (s->val) {
			(*pos)++;
			if (key)
				*key = s->key;
			return s->val;
		}
	}
	return NULL;
}

void tidmap_free(struct tidmap *m)
{
	for (unsigned int i = 0; i < m->cap; i++) {
		if (!m->slots[i].val)
			continue;
		if (m->fini)
			m->fini(m->slots[i].val);
		free(m->slots[i].val);
	}
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
