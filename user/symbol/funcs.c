// SPDX-License-Identifier: LGPL-2.1-or-later
/* funcs.c: --func patterns, the table of traced functions, and naming by address. */
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "funcs.h"
#include "symbol.h"

struct func_pat {
	regex_t rx;
	char *binary;		/* NULL: every binary */
	bool exclude;
};

/* (tgid, addr) -> function, open addressing; a NULL fn caches "not a function" */
struct addr_slot {
	uint64_t addr;
	pid_t tgid;		/* 0: empty */
	const struct func_info *fn;
};

struct func_table {
	struct func_pat *pats;
	unsigned int npats;
	struct func_info **fns;	/* by id; entries never move */
	unsigned int nfns, capfns;
	struct addr_slot *slots;
	unsigned int nslots, used;	/* nslots a power of two */
};

struct func_table *funcs_new(void)
{
	return calloc(1, sizeof(struct func_table));
}

void funcs_free(struct func_table *ft)
{
	if (!ft)
		return;
	for (unsigned int i = 0; i < ft->npats; i++) {
		regfree(&ft->pats[i].rx);
		free(ft->pats[i].binary);
	}
	free(ft->pats);
	for (unsigned int i = 0; i < ft->nfns; i++) {
		free((char *)ft->fns[i]->name);
		free((char *)ft->fns[i]->module);
		free(ft->fns[i]);
	}
	free(ft->fns);
	free(ft->slots);
	free(ft);
}

int funcs_add_pattern(struct func_table *ft, const char *regex, const char *binary, bool exclude)
{
	struct func_pat *n = realloc(ft->pats, (ft->npats + 1) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	ft->pats = n;
	n += ft->npats;
	memset(n, 0, sizeof(*n));
	if (regcomp(&n->rx, regex, REG_EXTENDED | REG_NOSUB))
		return -EINVAL;
	if (binary && !(n->binary = strdup(binary))) {
		regfree(&n->rx);
		return -ENOMEM;
	}
	n->exclude = exclude;
	ft->npats++;
	return 0;
}

bool funcs_binary_is(const char *spec, const char *binary)
{
	const char *base = strrchr(binary, '/'), *sbase = strrchr(spec, '/');
	size_t n;

	base = base ? base + 1 : binary;
	if (sbase)	/* a path: that file */
		return !strcmp(spec, binary);
	if (!strcmp(spec, base))
		return true;
	/* "libc.so" or "libc" for libc.so.6: a prefix ending where a version or suffix starts */
	n = strlen(spec);
	return !strncmp(spec, base, n) && (base[n] == '.' || base[n] == '-');
}

static bool pat_binary_ok(const struct func_pat *p, const char *module)
{
	return !p->binary || (module && funcs_binary_is(p->binary, module));
}

bool funcs_match(const struct func_table *ft, const char *name, const char *module)
{
	bool in = false;

	for (unsigned int i = 0; i < ft->npats; i++) {
		const struct func_pat *p = &ft->pats[i];

		if ((p->exclude || !in) && pat_binary_ok(p, module) &&
		    !regexec(&p->rx, name, 0, NULL, 0)) {
			if (p->exclude)
				return false;
			in = true;
		}
	}
	return in;
}

bool funcs_module_wanted(const struct func_table *ft, const char *module)
{
	for (unsigned int i = 0; i < ft->npats; i++)
		if (!ft->pats[i].exclude && pat_binary_ok(&ft->pats[i], module))
			return true;
	return false;
}

const struct func_info *funcs_add(struct func_table *ft, const char *name, const char *module,
				  uint64_t offset, uint64_t size)
{
	struct func_info *f;

	/* the same function again (a library mapped by a second process): the same entry */
	for (unsigned int i = ft->nfns; i-- > 0;)
		if (ft->fns[i]->offset == offset && !strcmp(ft->fns[i]->module, module) &&
		    !strcmp(ft->fns[i]->name, name))
			return ft->fns[i];
	if (ft->nfns == ft->capfns) {
		unsigned int cap = ft->capfns ? 2 * ft->capfns : 64;
		struct func_info **n = realloc(ft->fns, cap * sizeof(*n));

		if (!n)
			return NULL;
		ft->fns = n;
		ft->capfns = cap;
	}
	f = calloc(1, sizeof(*f));
	if (!f || !(f->name = strdup(name)) || !(f->module = strdup(module))) {
		if (f)
			free((char *)f->name);
		free(f);
		errno = ENOMEM;
		return NULL;
	}
	f->offset = offset;
	f->size = size;
	f->nparams = -1;
	f->id = ft->nfns;
	ft->fns[ft->nfns++] = f;
	return f;
}

const struct func_info *funcs_get(const struct func_table *ft, uint32_t id)
{
	return id < ft->nfns ? ft->fns[id] : NULL;
}

unsigned int funcs_count(const struct func_table *ft)
{
	return ft->nfns;
}

static unsigned int slot_hash(pid_t tgid, uint64_t addr)
{
	uint64_t h = (addr ^ ((uint64_t)(uint32_t)tgid << 40)) * 0x9e3779b97f4a7c15ull;

	return (unsigned int)(h >> 32);
}

static int slots_grow(struct func_table *ft)
{
	unsigned int n = ft->nslots ? 2 * ft->nslots : 1024;
	struct addr_slot *s = calloc(n, sizeof(*s));

	if (!s)
		return -ENOMEM;
	for (unsigned int i = 0; i < ft->nslots; i++) {
		const struct addr_slot *o = &ft->slots[i];

		if (!o->tgid)
			continue;
		unsigned int j = slot_hash(o->tgid, o->addr) & (n - 1);

		while (s[j].tgid)
			j = (j + 1) & (n - 1);
		s[j] = *o;
	}
	free(ft->slots);
	ft->slots = s;
	ft->nslots = n;
	return 0;
}

const struct func_info *funcs_by_addr(struct func_table *ft, struct symbolizer *sym, pid_t tgid,
				      uint64_t addr)
{
	struct sym_frame f;
	const struct func_info *fn = NULL;
	unsigned int j;

	if (tgid <= 0) {
		errno = ENOENT;
		return NULL;
	}
	if (ft->nslots) {
		for (j = slot_hash(tgid, addr) & (ft->nslots - 1); ft->slots[j].tgid;
		     j = (j + 1) & (ft->nslots - 1))
			if (ft->slots[j].tgid == tgid && ft->slots[j].addr == addr) {
				if (!ft->slots[j].fn)
					errno = ENOENT;
				return ft->slots[j].fn;
			}
	}
	if (sym_lookup(sym, tgid, addr, 0, &f))
		return NULL;
	/* records of the preload library come for every instrumented function: the patterns
	 * select here, and an unselected function is cached as none */
	if (f.module && f.func && funcs_match(ft, f.func, f.module))
		fn = funcs_add(ft, f.func, f.module, f.mod_off - f.func_off, 0);
	if ((ft->used + 1) * 2 > ft->nslots && slots_grow(ft))
		return fn;	/* not cached: named again next time */
	for (j = slot_hash(tgid, addr) & (ft->nslots - 1); ft->slots[j].tgid;
	     j = (j + 1) & (ft->nslots - 1))
		;
	ft->slots[j] = (struct addr_slot){ .addr = addr, .tgid = tgid, .fn = fn };
	ft->used++;
	if (!fn)
		errno = ENOENT;
	return fn;
}

void funcs_forget_process(struct func_table *ft, pid_t tgid)
{
	bool any = false;

	for (unsigned int i = 0; i < ft->nslots; i++)
		any |= ft->slots[i].tgid == tgid;
	if (!any)
		return;
	/* rebuild without tgid's entries (open addressing has no simple delete) */
	struct addr_slot *old = ft->slots;
	unsigned int n = ft->nslots;

	ft->slots = NULL;
	ft->nslots = ft->used = 0;
	for (unsigned int i = 0; i < n; i++) {
		if (!old[i].tgid || old[i].tgid == tgid)
			continue;
		if ((ft->used + 1) * 2 > ft->nslots && slots_grow(ft))
			break;
		unsigned int j = slot_hash(old[i].tgid, old[i].addr) & (ft->nslots - 1);

		while (ft->slots[j].tgid)
			j = (j + 1) & (ft->nslots - 1);
		ft->slots[j] = old[i];
		ft->used++;
	}
	free(old);
}
