// SPDX-License-Identifier: LGPL-2.1-or-later
/* ustack.c: unwind the eBPF backend's stack snapshots (HY_ARG_USTACK) with libdwfl. */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "ustack.h"

/* -- per file: PT_LOAD headers, for the load bias of a mapping ------------------------------ */

struct seg {
	uint64_t vaddr, off, filesz;
	uint32_t flags;		/* PF_* */
};

struct file {
	struct file *next;
	char *path;
	dev_t dev;
	ino_t ino;
	int64_t mtime;
	int err;		/* the file could not be read as ELF */
	unsigned int nsegs;
	struct seg *segs;
	char *interp;		/* PT_INTERP, or NULL */
};

#define FILE_BUCKETS 256
#define PROC_BUCKETS 1024

struct vma {
	uint64_t start, end, pgoff;
	unsigned int prot;
	char *path;		/* NULL: anonymous */
	struct file *file;	/* set when reported to libdwfl (executable file mappings) */
	uint64_t bias;		/* its load bias */
};

/*
 * The fast path: per (file, address in the file) the CFI rule that unwinds one frame, as
 * libdw reads it (dwarf_cfi_addrframe) the first time.  The rules of x86-64 code are nearly
 * all "CFA = rsp or rbp + N, return address at CFA + M, rbp same or at CFA + K"; a frame with
 * another rule (an expression, a signal frame, a CFA on another register) sends the whole
 * stack to libdwfl's unwinder, which gives the same frames more slowly.
 */
enum { RULE_EMPTY, RULE_OK, RULE_END, RULE_SLOW };	/* rule kinds: empty slot, simple, outermost, other */

struct rule {
	const struct file *f;
	uint64_t off;		/* address - load bias (+1 marks an activation frame's exact PC) */
	uint8_t kind;
	uint8_t cfa_reg;	/* 7 rsp or 6 rbp */
	uint8_t rbp_saved;	/* 1: rbp of the caller at CFA + rbp_off; 0: unchanged */
	int32_t cfa_off, ra_off, rbp_off;
};

#define RULES	(1u << 16)	/* a cache: a colliding entry is replaced */

/* What the libdwfl callbacks read: the record being unwound. */
struct snap {
	const uint64_t *regs;
	const uint8_t *stack;
	uint64_t sp, len;
	bool outside;		/* a read fell outside the copied stack */
	uint64_t *pcs;
	unsigned int n, max;
	bool cut;
};

struct proc {
	struct proc *next;
	pid_t tgid;
	bool known;		/* maps seeded or followed from the start */
	unsigned int seed_tries;	/* seeds that found no maps */
	struct vma *v;
	size_t n, cap;
	uint64_t gen;		/* bumped when an executable mapping changes */
	Dwfl *dwfl;
	uint64_t dwfl_gen;
	bool attached;
	pid_t tid;
	struct snap snap;
};

struct ustack {
	struct rule *rules;
	bool no_rules;		/* ustack_set_rules(false): libdwfl for every stack */
	struct file *files[FILE_BUCKETS];
	struct proc *procs[PROC_BUCKETS];
	struct ustack_stats st;
};

static char *debuginfo_path;

static const Dwfl_Callbacks dwfl_cbs = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.debuginfo_path = &debuginfo_path,
};

struct ustack *ustack_new(void)
{
	if (elf_version(EV_CURRENT) == EV_NONE) {
		errno = ENOSYS;
		return NULL;
	}
	struct ustack *u = calloc(1, sizeof(struct ustack));

	if (u && !(u->rules = calloc(RULES, sizeof(*u->rules)))) {
		free(u);
		u = NULL;
	}
	if (!u)
		errno = ENOMEM;
	return u;
}

static unsigned int hash_str(const char *s)
{
	unsigned int h = 2166136261u;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void file_load(struct file *f)
{
	size_t n;
	Elf *e;
	int fd = open(f->path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		f->err = -errno;
		return;
	}
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!e || elf_getphdrnum(e, &n) < 0) {
		f->err = -ENOEXEC;
		goto out;
	}
	f->segs = calloc(n ? n : 1, sizeof(*f->segs));
	if (!f->segs) {
		f->err = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(e, i, &ph))
			continue;
		if (ph.p_type == PT_LOAD) {
			f->segs[f->nsegs++] = (struct seg){ ph.p_vaddr, ph.p_offset, ph.p_filesz,
							    ph.p_flags };
		} else if (ph.p_type == PT_INTERP && ph.p_filesz > 1 && ph.p_filesz < 4096 && !f->interp) {
			size_t sz;
			const char *raw = elf_rawfile(e, &sz);

			if (raw && ph.p_offset + ph.p_filesz <= sz)
				f->interp = strndup(raw + ph.p_offset, ph.p_filesz - 1);
		}
	}
out:
	if (e)
		elf_end(e);
	close(fd);
}

/* The file at path as it is now (a file replaced since is read again). */
static struct file *file_get(struct ustack *u, const char *path)
{
	unsigned int h = hash_str(path) % FILE_BUCKETS;
	struct stat sb;
	struct file *f;

	if (stat(path, &sb) < 0)
		return NULL;
	for (f = u->files[h]; f; f = f->next)
		if (f->dev == sb.st_dev && f->ino == sb.st_ino && f->mtime == sb.st_mtime &&
		    !strcmp(f->path, path))
			return f->err ? NULL : f;
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->path = strdup(path);
	if (!f->path) {
		free(f);
		return NULL;
	}
	f->dev = sb.st_dev;
	f->ino = sb.st_ino;
	f->mtime = sb.st_mtime;
	file_load(f);
	f->next = u->files[h];
	u->files[h] = f;
	return f->err ? NULL : f;
}

/* Load bias of the mapping v of f: address = bias + p_vaddr; false if no PT_LOAD holds it. */
static bool file_bias(const struct file *f, const struct vma *v, uint64_t *bias)
{
	for (unsigned int i = 0; i < f->nsegs; i++) {
		const struct seg *s = &f->segs[i];
		uint64_t pgs = s->off & ~(uint64_t)4095;	/* segments start on page boundaries */

		if (v->pgoff >= pgs && v->pgoff < s->off + (s->filesz ? s->filesz : 1)) {
			*bias = v->start - (s->vaddr - (s->off - pgs)) - (v->pgoff - pgs);
			return true;
		}
	}
	return false;
}

/* -- per process: the mappings -------------------------------------------------------------- */

static struct proc *proc_find(struct ustack *u, pid_t tgid, bool create)
{
	struct proc **pp = &u->procs[(unsigned int)tgid % PROC_BUCKETS], *p;

	for (p = *pp; p; p = p->next)
		if (p->tgid == tgid)
			return p;
	if (!create)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->tgid = tgid;
	p->gen = 1;
	p->next = *pp;
	*pp = p;
	return p;
}

static void vmas_clear(struct proc *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].path);
	p->n = 0;
}

static void proc_drop(struct ustack *u, pid_t tgid)
{
	struct proc **pp = &u->procs[(unsigned int)tgid % PROC_BUCKETS], *p;

	for (; (p = *pp); pp = &p->next)
		if (p->tgid == tgid) {
			*pp = p->next;
			vmas_clear(p);
			free(p->v);
			if (p->dwfl)
				dwfl_end(p->dwfl);
			free(p);
			return;
		}
}

static int vma_insert(struct proc *p, size_t at, const struct vma *v)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 32;
		struct vma *n = realloc(p->v, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		p->v = n;
		p->cap = cap;
	}
	memmove(&p->v[at + 1], &p->v[at], (p->n - at) * sizeof(*p->v));
	p->v[at] = *v;
	p->n++;
	return 0;
}

static bool vma_exec_file(const struct vma *v)
{
	return (v->prot & PROT_EXEC) && v->path && v->path[0] == '/';
}

/* Remove [start, end) from the maps, splitting what overlaps its ends. */
static int vmas_cut(struct proc *p, uint64_t start, uint64_t end)
{
	for (size_t i = 0; i < p->n;) {
		struct vma *v = &p->v[i];

		if (v->end <= start || v->start >= end) {
			i++;
			continue;
		}
		if (vma_exec_file(v))
			p->gen++;
		if (v->start < start && v->end > end) {	/* a hole in the middle */
			struct vma tail = *v;

			tail.path = v->path ? strdup(v->path) : NULL;
			if (v->path && !tail.path)
				return -ENOMEM;
			tail.pgoff += end - v->start;
			tail.start = end;
			v->end = start;
			return vma_insert(p, i + 1, &tail);
		}
		if (v->start < start) {
			v->end = start;
			i++;
		} else if (v->end > end) {
			v->pgoff += end - v->start;
			v->start = end;
			i++;
		} else {
			free(v->path);
			memmove(v, v + 1, (p->n - i - 1) * sizeof(*v));
			p->n--;
		}
	}
	return 0;
}

static int vma_add(struct proc *p, uint64_t start, uint64_t end, uint64_t pgoff, unsigned int prot,
		   const char *path)
{
	struct vma v = { start, end, pgoff, prot, NULL };
	size_t at = 0;
	int err = vmas_cut(p, start, end);

	if (err)
		return err;
	if (path) {
		v.path = strdup(path);
		if (!v.path)
			return -ENOMEM;
	}
	while (at < p->n && p->v[at].start < start)
		at++;
	err = vma_insert(p, at, &v);
	if (err) {
		free(v.path);
		return err;
	}
	if (vma_exec_file(&v))
		p->gen++;
	return 0;
}

int ustack_mmap(struct ustack *u, pid_t tgid, uint64_t start, uint64_t len, uint64_t pgoff,
		unsigned int prot, const char *path)
{
	struct proc *p = proc_find(u, tgid, false);

	if (!p || !p->known)	/* read whole from /proc at its next record */
		return 0;
	if (!len || start + len < start)
		return -EINVAL;
	return vma_add(p, start, start + len, pgoff, prot, path);
}

int ustack_munmap(struct ustack *u, pid_t tgid, uint64_t start, uint64_t len)
{
	struct proc *p = proc_find(u, tgid, false);

	if (!p || !p->known || !len || start + len < start)
		return 0;
	return vmas_cut(p, start, start + len);
}

int ustack_mprotect(struct ustack *u, pid_t tgid, uint64_t start, uint64_t len, unsigned int prot)
{
	struct proc *p = proc_find(u, tgid, false);
	uint64_t end = start + len;

	if (!p || !p->known || !len || end < start)
		return 0;
	/* split at both ends, then set prot on what lies inside */
	for (size_t i = 0; i < p->n; i++) {
		struct vma *v = &p->v[i];

		if (v->end <= start || v->start >= end)
			continue;
		uint64_t cut[2] = { start, end };

		for (int k = 0; k < 2; k++) {
			v = &p->v[i];
			if (cut[k] > v->start && cut[k] < v->end) {
				struct vma tail = *v;

				tail.path = v->path ? strdup(v->path) : NULL;
				if (v->path && !tail.path)
					return -ENOMEM;
				tail.pgoff += cut[k] - v->start;
				tail.start = cut[k];
				v->end = cut[k];
				if (vma_insert(p, i + 1, &tail))
					return -ENOMEM;
				if (k == 0) {
					i++;	/* the part inside starts at the tail */
					v = &p->v[i];
				}
			}
		}
		v = &p->v[i];
		if (((v->prot ^ prot) & PROT_EXEC) && v->path)
			p->gen++;
		v->prot = prot;
	}
	return 0;
}

void ustack_exec(struct ustack *u, pid_t tgid)
{
	proc_drop(u, tgid);
}

/* The PT_LOAD segments of f as mappings at bias (each also to fn). */
static int file_map(struct proc *p, const struct file *f, uint64_t bias, ustack_map_fn fn, void *arg)
{
	for (unsigned int i = 0; i < f->nsegs; i++) {
		const struct seg *g = &f->segs[i];
		uint64_t start = (bias + g->vaddr) & ~(uint64_t)4095;
		uint64_t end = (bias + g->vaddr + g->filesz + 4095) & ~(uint64_t)4095;
		unsigned int prot = (g->flags & PF_R ? PROT_READ : 0) | (g->flags & PF_W ? PROT_WRITE : 0) |
				    (g->flags & PF_X ? PROT_EXEC : 0);
		int err;

		if (!g->filesz)
			continue;
		err = vma_add(p, start, end, g->off & ~(uint64_t)4095, prot, f->path);
		if (!err && fn)
			err = fn(arg, start, end - start, g->off & ~(uint64_t)4095, prot, f->path);
		if (err)
			return err;
	}
	return 0;
}

int ustack_exec_maps(struct ustack *u, pid_t tgid, const char *exe, uint64_t start_code,
		     uint64_t interp_base, ustack_map_fn fn, void *arg)
{
	struct file *f, *fi;
	struct proc *p;
	uint64_t lo = UINT64_MAX;
	int err;

	proc_drop(u, tgid);
	p = proc_find(u, tgid, true);
	if (!p)
		return -ENOMEM;
	p->known = true;
	f = exe ? file_get(u, exe) : NULL;
	if (!f)
		return -ENOENT;
	/* start_code: the lowest p_vaddr of the executable segments + the load bias
	   (load_elf_binary(), fs/binfmt_elf.c) */
	for (unsigned int i = 0; i < f->nsegs; i++)
		if ((f->segs[i].flags & PF_X) && f->segs[i].vaddr < lo)
			lo = f->segs[i].vaddr;
	if (lo == UINT64_MAX)
		return -ENOEXEC;
	err = file_map(p, f, start_code - lo, fn, arg);
	if (err || !f->interp || !interp_base)
		return err;
	/* the path the maps show (strace -k names modules so): PT_INTERP is often a link */
	char *real = realpath(f->interp, NULL);

	fi = file_get(u, real ? real : f->interp);
	free(real);
	if (!fi || !fi->nsegs)
		return -ENOENT;
	/* AT_BASE: where the interpreter's first segment was mapped (load_elf_interp()) */
	return file_map(p, fi, interp_base - (fi->segs[0].vaddr & ~(uint64_t)4095), fn, arg);
}

void ustack_exit(struct ustack *u, pid_t tgid)
{
	proc_drop(u, tgid);
}

int ustack_fork(struct ustack *u, pid_t parent, pid_t child)
{
	struct proc *pp = proc_find(u, parent, false), *c;

	if (!pp || !pp->known)
		return 0;
	proc_drop(u, child);
	c = proc_find(u, child, true);
	if (!c)
		return -ENOMEM;
	for (size_t i = 0; i < pp->n; i++) {
		const struct vma *v = &pp->v[i];
		int err = vma_add(c, v->start, v->end, v->pgoff, v->prot, v->path);

		if (err)
			return err;
	}
	c->known = true;
	return 0;
}

bool ustack_known(struct ustack *u, pid_t tgid)
{
	struct proc *p = proc_find(u, tgid, false);

	return p && p->known;
}

int ustack_seed(struct ustack *u, pid_t tgid)
{
	char path[64], line[4096 + 256];
	struct proc *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)tgid);
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? -ESRCH : -errno;
	p = proc_find(u, tgid, true);
	if (!p) {
		fclose(f);
		return -ENOMEM;
	}
	u->st.seeds++;
	vmas_clear(p);
	p->gen++;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long s, e, off;
		char perm[8];
		int pos = 0;

		if (sscanf(line, "%llx-%llx %7s %llx %*x:%*x %*u %n", &s, &e, perm, &off, &pos) < 4)
			continue;
		char *name = pos ? line + pos : NULL;

		if (name) {
			name[strcspn(name, "\n")] = '\0';
			if (!*name)
				name = NULL;
		}
		unsigned int prot = (perm[0] == 'r' ? PROT_READ : 0) | (perm[1] == 'w' ? PROT_WRITE : 0) |
				    (perm[2] == 'x' ? PROT_EXEC : 0);

		if (vma_add(p, s, e, off, prot, name)) {
			fclose(f);
			return -ENOMEM;
		}
	}
	fclose(f);
	/*
	 * Empty: read while the process was inside its exec (seen right after the exec record,
	 * Linux 6.18); not known yet, the next record reads it again (a few times at most).
	 */
	if (!p->n) {
		p->seed_tries++;
		p->known = p->seed_tries >= 3;
		return -EAGAIN;
	}
	p->known = true;
	return 0;
}

/* -- libdwfl ------------------------------------------------------------------------------- */

static pid_t cb_next_thread(Dwfl *dwfl, void *arg, void **thread_argp)
{
	struct proc *p = arg;

	if (*thread_argp)
		return 0;
	*thread_argp = p;
	return p->tid;
}

static bool cb_get_thread(Dwfl *dwfl, pid_t tid, void *arg, void **thread_argp)
{
	*thread_argp = arg;
	return true;
}

static bool cb_memory_read(Dwfl *dwfl, Dwarf_Addr addr, Dwarf_Word *result, void *arg)
{
	struct snap *sn = &((struct proc *)arg)->snap;

	if (addr >= sn->sp && addr - sn->sp + 8 <= sn->len && addr + 8 > addr) {
		memcpy(result, sn->stack + (addr - sn->sp), 8);
		return true;
	}
	sn->outside = true;
	return false;
}

static bool cb_set_initial_registers(Dwfl_Thread *thread, void *arg)
{
	struct snap *sn = &((struct proc *)arg)->snap;

	return dwfl_thread_state_registers(thread, 0, HY_UREGS_N, (const Dwarf_Word *)sn->regs);
}

static const Dwfl_Thread_Callbacks thread_cbs = {
	.next_thread = cb_next_thread,
	.get_thread = cb_get_thread,
	.memory_read = cb_memory_read,
	.set_initial_registers = cb_set_initial_registers,
};

/* Report the executable file mappings of p to its Dwfl (again, when they changed). */
static int proc_report(struct ustack *u, struct proc *p)
{
	if (p->dwfl && p->dwfl_gen == p->gen)
		return 0;
	/*
	 * A new Dwfl rather than dwfl_report_begin() on the old one: libdwfl refuses a module
	 * reported again as overlapping itself (elfutils 0.188), and the maps of a process
	 * change mostly while it starts.
	 */
	if (p->dwfl)
		dwfl_end(p->dwfl);
	p->attached = false;
	p->dwfl = dwfl_begin(&dwfl_cbs);
	if (!p->dwfl)
		return -ENOMEM;
	u->st.reports++;
	dwfl_report_begin(p->dwfl);
	for (size_t i = 0; i < p->n; i++) {
		struct vma *v = &p->v[i];
		struct file *f;
		uint64_t bias;
		bool dup = false;

		v->file = NULL;
		if (!vma_exec_file(v) || !(f = file_get(u, v->path)) || !file_bias(f, v, &bias))
			continue;
		v->file = f;
		v->bias = bias;
		for (size_t j = 0; j < i && !dup; j++)
			dup = vma_exec_file(&p->v[j]) && !strcmp(p->v[j].path, v->path);
		if (dup)
			continue;
		/* a module that overlaps one reported before (a file mapped twice) is refused: fine */
		dwfl_report_elf(p->dwfl, v->path, v->path, -1, bias, false);
	}
	if (dwfl_report_end(p->dwfl, NULL, NULL) != 0)
		return -EINVAL;
	p->dwfl_gen = p->gen;
	return 0;
}

static int cb_frame(Dwfl_Frame *frame, void *arg)
{
	struct snap *sn = arg;
	Dwarf_Addr pc;

	if (!dwfl_frame_pc(frame, &pc, NULL))
		return DWARF_CB_ABORT;
	if (sn->n == sn->max) {
		sn->cut = true;
		return DWARF_CB_ABORT;
	}
	sn->pcs[sn->n++] = pc;
	return DWARF_CB_OK;
}

/*
 * Whether the return address ra lies just past its module's ELF entry point: the outermost
 * frame (ld.so's _start has no CFI that says so); the live unwinder of symbol.c decides so too.
 */
static bool at_entry_point(Dwfl *d, uint64_t ra)
{
	Dwfl_Module *m = dwfl_addrmodule(d, ra - 1);
	GElf_Addr bias;
	Elf *e = m ? dwfl_module_getelf(m, &bias) : NULL;
	GElf_Ehdr eh;

	if (!e || !gelf_getehdr(e, &eh) || !eh.e_entry)
		return false;
	return ra > eh.e_entry + bias && ra - (eh.e_entry + bias) <= 64;
}

static const struct vma *vma_at(const struct proc *p, uint64_t pc)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (pc < p->v[mid].start)
			hi = mid;
		else if (pc >= p->v[mid].end)
			lo = mid + 1;
		else
			return &p->v[mid];
	}
	return NULL;
}

/* Read the rule at CFI address a (pc - cfi bias) of module m into r; r->kind says how it went. */
static void rule_derive(Dwfl_Module *m, uint64_t pc, struct rule *r)
{
	Dwarf_Addr cbias;
	Dwarf_CFI *cfi = dwfl_module_eh_cfi(m, &cbias);
	Dwarf_Frame *fr = NULL;
	Dwarf_Op *ops, mem[3];
	size_t nops;
	bool sig = false;

	r->kind = RULE_SLOW;
	if (!cfi || dwarf_cfi_addrframe(cfi, pc - cbias, &fr) != 0) {
		cfi = dwfl_module_dwarf_cfi(m, &cbias);
		if (!cfi || dwarf_cfi_addrframe(cfi, pc - cbias, &fr) != 0)
			return;
	}
	if (dwarf_frame_info(fr, NULL, NULL, &sig) < 0 || sig)
		goto out;
	/* the return address (DWARF column 16) */
	if (dwarf_frame_register(fr, 16, mem, &ops, &nops) != 0)
		goto out;
	if (nops == 0) {
		if (ops)	/* undefined: the outermost frame */
			r->kind = RULE_END;
		goto out;
	}
	if (ops[0].atom != DW_OP_call_frame_cfa || nops > 2 ||
	    (nops == 2 && ops[1].atom != DW_OP_plus_uconst))
		goto out;
	r->ra_off = nops == 2 ? (int32_t)ops[1].number : 0;
	/* rbp (6): the CFA of a later frame may depend on it */
	if (dwarf_frame_register(fr, 6, mem, &ops, &nops) != 0)
		goto out;
	if (nops == 0 && !ops) {
		r->rbp_saved = 0;
	} else if (nops && ops[0].atom == DW_OP_call_frame_cfa && nops <= 2 &&
		   (nops == 1 || ops[1].atom == DW_OP_plus_uconst)) {
		r->rbp_saved = 1;
		r->rbp_off = nops == 2 ? (int32_t)ops[1].number : 0;
	} else {
		goto out;	/* undefined, or another rule */
	}
	if (dwarf_frame_cfa(fr, &ops, &nops) != 0 || nops != 1)
		goto out;
	if (ops[0].atom == DW_OP_bregx) {
		r->cfa_reg = ops[0].number;
		r->cfa_off = (int32_t)ops[0].number2;
	} else if (ops[0].atom >= DW_OP_breg0 && ops[0].atom <= DW_OP_breg31) {
		r->cfa_reg = ops[0].atom - DW_OP_breg0;
		r->cfa_off = (int32_t)ops[0].number;
	} else {
		goto out;
	}
	if (r->cfa_reg == 7 || r->cfa_reg == 6)
		r->kind = RULE_OK;
out:
	free(fr);
}

static bool snap_read(const struct snap *sn, uint64_t addr, uint64_t *v)
{
	if (addr < sn->sp || addr - sn->sp + 8 > sn->len || addr + 8 < addr)
		return false;
	memcpy(v, sn->stack + (addr - sn->sp), 8);
	return true;
}

/*
 * The cached rules walk: the frames count, with *err as ustack_unwind() says; -1 when a frame
 * needs libdwfl (the caller starts over with it).
 */
static int fast_unwind(struct ustack *u, struct proc *p, int *err)
{
	struct snap *sn = &p->snap;
	uint64_t pc = sn->regs[16], rsp = sn->regs[7], rbp = sn->regs[6];

	for (unsigned int n = 0;; n++) {
		const struct vma *v;
		struct rule *r;
		uint64_t key, cfa, ra;
		unsigned int h;

		if (n == sn->max) {
			*err = -E2BIG;
			return n;
		}
		sn->pcs[n] = pc;
		/* a return address is named by the call before it (pc - 1), as libdwfl does */
		v = vma_at(p, n ? pc - 1 : pc);
		if (!v || !v->file)
			return -1;
		key = (n ? pc - 1 : pc) - v->bias;
		h = (unsigned int)(((uintptr_t)v->file >> 4) * 31 + key * 0x9E3779B1u + (n == 0)) &
		    (RULES - 1);
		r = &u->rules[h];
		if (r->kind == RULE_EMPTY || r->f != v->file || r->off != key * 2 + (n == 0)) {
			Dwfl_Module *m = dwfl_addrmodule(p->dwfl, n ? pc - 1 : pc);

			if (!m)
				return -1;
			memset(r, 0, sizeof(*r));
			rule_derive(m, n ? pc - 1 : pc, r);
			r->f = v->file;
			r->off = key * 2 + (n == 0);
		}
		if (r->kind == RULE_END) {
			*err = 0;
			return n + 1;
		}
		if (r->kind != RULE_OK)
			return -1;
		cfa = (r->cfa_reg == 7 ? rsp : rbp) + (int64_t)r->cfa_off;
		if (!snap_read(sn, cfa + (int64_t)r->ra_off, &ra) ||
		    (r->rbp_saved && !snap_read(sn, cfa + (int64_t)r->rbp_off, &rbp))) {
			*err = -ENODATA;
			return n + 1;
		}
		if (!ra)
			return -1;	/* libdwfl decides what a zero return address means */
		rsp = cfa;
		pc = ra;
	}
}

int ustack_unwind(struct ustack *u, pid_t tgid, pid_t tid, const uint64_t *regs, const void *stack,
		  size_t len, uint64_t sp, uint64_t *pcs, unsigned int max, int *err)
{
	struct proc *p = proc_find(u, tgid, false);
	int r;

	*err = 0;
	if (!max) {
		*err = -E2BIG;
		return 0;
	}
	u->st.unwinds++;
	if (!p || !p->known) {
		r = ustack_seed(u, tgid);
		p = proc_find(u, tgid, false);
		if (r || !p) {
			pcs[0] = regs[16];	/* the PC alone: nothing to unwind with */
			*err = r ? r : -ENOMEM;
			return 1;
		}
	}
	r = proc_report(u, p);
	if (r) {
		pcs[0] = regs[16];
		*err = r;
		return 1;
	}
	p->tid = tid;
	p->snap = (struct snap){ .regs = regs, .stack = stack, .sp = sp, .len = len, .pcs = pcs,
				 .max = max };
	r = u->no_rules ? -1 : fast_unwind(u, p, err);
	if (r > 0) {
		u->st.fast++;
		u->st.frames += r;
		return r;
	}
	*err = 0;
	if (!p->attached) {
		/* the machine (x86_64) from the modules' ELF: none yet, no unwinding */
		if (!dwfl_attach_state(p->dwfl, NULL, tgid, &thread_cbs, p)) {
			pcs[0] = regs[16];
			*err = -ENOENT;
			return 1;
		}
		p->attached = true;
	}
	r = dwfl_getthread_frames(p->dwfl, tid, cb_frame, &p->snap);
	/* libdwfl ends a walk whose return address it cannot read as if it were the outermost
	   frame (0, elfutils 0.188): the snapshot's end tells the two apart */
	if (p->snap.cut)
		*err = -E2BIG;
	else if (p->snap.outside)
		*err = -ENODATA;
	else if (r != 0 && !(p->snap.n && at_entry_point(p->dwfl, pcs[p->snap.n - 1])))
		*err = -ENOENT;
	if (!p->snap.n) {	/* not even the PC: its module is unknown to libdwfl */
		pcs[0] = regs[16];
		p->snap.n = 1;
	}
	u->st.frames += p->snap.n;
	return p->snap.n;
}

void ustack_set_rules(struct ustack *u, bool on)
{
	u->no_rules = !on;
}

void ustack_get_stats(const struct ustack *u, struct ustack_stats *st)
{
	*st = u->st;
}

void ustack_free(struct ustack *u)
{
	if (!u)
		return;
	for (int i = 0; i < PROC_BUCKETS; i++)
		while (u->procs[i])
			proc_drop(u, u->procs[i]->tgid);
	for (int i = 0; i < FILE_BUCKETS; i++)
		for (struct file *f = u->files[i], *n; f; f = n) {
			n = f->next;
			free(f->segs);
			free(f->interp);
			free(f->path);
			free(f);
		}
	free(u->rules);
	free(u);
}
