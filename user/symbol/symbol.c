// SPDX-License-Identifier: LGPL-2.1-or-later
/* symbol.c: per-process module maps, per-file ELF symbols and line info, the live unwinder. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>
#include "log.h"
#include "symbol.h"
#include "tidmap.h"

/* libstdc++'s demangler (the Itanium C++ ABI's, which also reads Rust's legacy mangling) */
extern char *__cxa_demangle(const char *mangled, char *buf, size_t *len, int *status);

#define DEBUG_DIR	"/usr/lib/debug"	/* where Debian's -dbg/-dbgsym packages install */
#define ADDR_CACHE	1024			/* per-file address cache slots (power of two) */

/* One function symbol. */
struct ssym {
	uint64_t start, size;
	const char *name;	/* in the ELF's string table (mapped while the file is open) */
	char *demangled;	/* NULL until asked; == name when it is not mangled */
	uint32_t order;		/* .dynsym first, then .symtab, each in table order */
};

/* One cached answer: address (vaddr) -> symbol index and line. */
struct acache {
	uint64_t vaddr;		/* + 1, 0: empty slot */
	int32_t sym;		/* index in syms, -1: none */
	bool line_done;
	unsigned int line;
	const char *file;
};

/* A mapped file, shared by every mapping of it in every process. */
struct sfile {
	struct sfile *next;	/* hash chain */
	char *path;
	uint64_t ino;		/* from /proc/PID/maps (0: unknown, stat()ed) */
	bool tried;		/* opened (or failed to) */
	bool ok;
	int fd, dfd;		/* the file, its separate debug file (-1) */
	Elf *elf, *delf;
	uint16_t type;		/* ET_EXEC, ET_DYN */
	unsigned int nload;
	struct { uint64_t off, vaddr, filesz; } load[16];
	struct ssym *syms;
	size_t nsyms;
	char *debug_path;	/* the separate debug file found, or NULL */
	Dwfl *dwfl;		/* line info, made on first SYM_L_LINE */
	bool dwfl_failed;
	struct acache *cache;
};

/* One mapping of a process. */
struct sreg {
	uint64_t start, end, pgoff;
	struct sfile *file;	/* NULL: anonymous or a pseudo file without a path */
	const char *name;	/* what /proc/PID/maps names it ([vdso], a path...), or NULL */
	bool exec;
};

struct sproc {
	struct sreg *regs;
	size_t nregs, cap;
	bool known;		/* regs hold the maps (seeded or tracked) */
	bool stale;		/* read /proc/PID/maps again before the next lookup */
	Dwfl *uw;		/* the live unwinder's view (libdwfl, /proc), made on demand */
	uint64_t nomod_pc;	/* the last address the unwinder found in no module, 0: none */
};

#define FILE_HASH 256

struct symbolizer {
	struct tidmap procs;	/* struct sproc by tgid */
	struct sfile *files[FILE_HASH];
	char **names;		/* interned pseudo names ([vdso], [stack]...) */
	size_t nnames;
	struct sym_stats st;
	char *mapsbuf;
	size_t mapscap;
};

/* -- files ------------------------------------------------------------------------------------ */

static unsigned int str_hash(const char *s)
{
	unsigned int h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct ssym *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Add the function symbols of every symbol table of type sht in elf. */
static int add_symtab(struct sfile *f, Elf *elf, unsigned int sht, uint32_t *order)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != sht || !sh.sh_entsize)
			continue;
		Elf_Data *data = elf_getdata(scn, NULL);

		if (!data)
			continue;
		size_t n = sh.sh_size / sh.sh_entsize;
		struct ssym *ns = realloc(f->syms, (f->nsyms + n) * sizeof(*ns));

		if (!ns)
			return -ENOMEM;
		f->syms = ns;
		for (size_t i = 0; i < n; i++) {
			GElf_Sym s;

			if (!gelf_getsym(data, (int)i, &s))
				break;
			int type = GELF_ST_TYPE(s.st_info);

			if ((type != STT_FUNC && type != STT_GNU_IFUNC) || s.st_shndx == SHN_UNDEF ||
			    !s.st_value)
				continue;
			const char *name = elf_strptr(elf, sh.sh_link, s.st_name);

			if (!name || !*name)
				continue;
			f->syms[f->nsyms++] = (struct ssym){
				.start = s.st_value, .size = s.st_size, .name = name,
				.order = (*order)++,
			};
		}
	}
	return 0;
}

static bool has_section(Elf *elf, unsigned int sht)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == sht)
			return true;
	return false;
}

/* The GNU build-id of elf into id (at most idmax bytes): its length, or 0. */
static size_t build_id(Elf *elf, uint8_t *id, size_t idmax)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		Elf_Data *data = elf_getdata(scn, NULL);
		size_t off = 0, noff, doff;
		GElf_Nhdr nh;

		while (data && (off = gelf_getnote(data, off, &nh, &noff, &doff)) > 0) {
			if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
			    !memcmp((char *)data->d_buf + noff, "GNU", 4) && nh.n_descsz <= idmax) {
				memcpy(id, (char *)data->d_buf + doff, nh.n_descsz);
				return nh.n_descsz;
			}
		}
	}
	return 0;
}

/* The .gnu_debuglink file name of elf, or NULL. */
static const char *debuglink(Elf *elf)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			continue;
		const char *n = elf_strptr(elf, shstrndx, sh.sh_name);

		if (n && !strcmp(n, ".gnu_debuglink")) {
			Elf_Data *d = elf_getdata(scn, NULL);

			if (d && d->d_size > 4 && memchr(d->d_buf, 0, d->d_size))
				return d->d_buf;
		}
	}
	return NULL;
}

/* Open the separate debug file of f (build-id, then debuglink; never debuginfod). */
static void open_debug(struct sfile *f)
{
	uint8_t id[64];
	size_t idlen = build_id(f->elf, id, sizeof(id));
	char p[4096];
	int fd = -1;

	if (idlen >= 2) {
		int n = snprintf(p, sizeof(p), DEBUG_DIR "/.build-id/%02x/", id[0]);

		for (size_t i = 1; i < idlen && n < (int)sizeof(p) - 8; i++)
			n += snprintf(p + n, sizeof(p) - n, "%02x", id[i]);
		snprintf(p + n, sizeof(p) - n, ".debug");
		fd = open(p, O_RDONLY | O_CLOEXEC);
	}
	const char *link = fd < 0 ? debuglink(f->elf) : NULL;

	if (link && !strchr(link, '/')) {
		const char *slash = strrchr(f->path, '/');
		int dlen = slash ? (int)(slash - f->path) : 0;
		/* gdb's order: beside the file, its .debug/, then under DEBUG_DIR */
		const char *pre[] = { "", "", DEBUG_DIR }, *mid[] = { "/", "/.debug/", "/" };

		for (int i = 0; i < 3 && fd < 0; i++) {
			snprintf(p, sizeof(p), "%s%.*s%s%s", pre[i], dlen, f->path, mid[i], link);
			if (strcmp(p, f->path))
				fd = open(p, O_RDONLY | O_CLOEXEC);
		}
	}
	if (fd < 0)
		return;
	Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	uint8_t did[64];

	/* a debug file of another build would name the wrong functions */
	if (!e || (idlen && build_id(e, did, sizeof(did)) != idlen) ||
	    (idlen && memcmp(id, did, idlen))) {
		if (e)
			elf_end(e);
		close(fd);
		return;
	}
	f->delf = e;
	f->dfd = fd;
	f->debug_path = strdup(p);
}

static void file_open(struct symbolizer *s, struct sfile *f)
{
	GElf_Ehdr eh;
	size_t nph;
	uint32_t order = 0;

	f->tried = true;
	f->fd = f->dfd = -1;
	if (f->path[0] != '/')
		return;
	f->fd = open(f->path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0)
		return;
	s->st.files++;
	f->elf = elf_begin(f->fd, ELF_C_READ_MMAP, NULL);
	if (!f->elf || elf_kind(f->elf) != ELF_K_ELF || !gelf_getehdr(f->elf, &eh) ||
	    elf_getphdrnum(f->elf, &nph))
		return;
	f->type = eh.e_type;
	for (size_t i = 0; i < nph && f->nload < 16; i++) {
		GElf_Phdr ph;

		if (gelf_getphdr(f->elf, (int)i, &ph) && ph.p_type == PT_LOAD)
			f->load[f->nload++] = (typeof(f->load[0])){ ph.p_offset, ph.p_vaddr,
								    ph.p_filesz };
	}
	/* .dynsym names first: they win among aliases of one address, as with strace -k */
	if (add_symtab(f, f->elf, SHT_DYNSYM, &order))
		return;
	if (has_section(f->elf, SHT_SYMTAB)) {
		if (add_symtab(f, f->elf, SHT_SYMTAB, &order))
			return;
	} else {
		open_debug(f);
		if (f->delf && add_symtab(f, f->delf, SHT_SYMTAB, &order))
			return;
	}
	qsort(f->syms, f->nsyms, sizeof(*f->syms), sym_cmp);
	f->cache = calloc(ADDR_CACHE, sizeof(*f->cache));
	f->ok = f->cache != NULL;
}

static void file_free(struct sfile *f)
{
	for (size_t i = 0; i < f->nsyms; i++)
		if (f->syms[i].demangled != f->syms[i].name)
			free(f->syms[i].demangled);
	free(f->syms);
	free(f->cache);
	if (f->dwfl)
		dwfl_end(f->dwfl);
	if (f->delf)
		elf_end(f->delf);
	if (f->elf)
		elf_end(f->elf);
	if (f->dfd >= 0)
		close(f->dfd);
	if (f->fd >= 0)
		close(f->fd);
	free(f->debug_path);
	free(f->path);
	free(f);
}

/* The file record of path (inode ino, 0: unknown), created unopened; NULL: out of memory. */
static struct sfile *file_get(struct symbolizer *s, const char *path, uint64_t ino)
{
	unsigned int h = str_hash(path) % FILE_HASH;
	struct sfile *f;

	if (!ino && path[0] == '/') {
		struct stat sb;

		if (!stat(path, &sb))
			ino = sb.st_ino;
	}
	for (f = s->files[h]; f; f = f->next)
		if (f->ino == ino && !strcmp(f->path, path))
			return f;
	f = calloc(1, sizeof(*f));
	if (!f || !(f->path = strdup(path))) {
		free(f);
		return NULL;
	}
	f->ino = ino;
	f->fd = f->dfd = -1;
	f->next = s->files[h];
	s->files[h] = f;
	return f;
}

/* A pseudo mapping name ([vdso]...), interned. */
static const char *name_get(struct symbolizer *s, const char *name)
{
	for (size_t i = 0; i < s->nnames; i++)
		if (!strcmp(s->names[i], name))
			return s->names[i];
	char **nn = realloc(s->names, (s->nnames + 1) * sizeof(*nn));

	if (!nn)
		return NULL;
	s->names = nn;
	if (!(nn[s->nnames] = strdup(name)))
		return NULL;
	return nn[s->nnames++];
}

/* The file offset off as a virtual address of f's image; false if no PT_LOAD holds it. */
static bool off_to_vaddr(const struct sfile *f, uint64_t off, uint64_t *vaddr)
{
	for (unsigned int i = 0; i < f->nload; i++)
		if (off >= f->load[i].off && off - f->load[i].off < f->load[i].filesz) {
			*vaddr = off - f->load[i].off + f->load[i].vaddr;
			return true;
		}
	return false;
}

/* The symbol holding vaddr, or -1. */
static int32_t sym_find(const struct sfile *f, uint64_t vaddr)
{
	size_t lo = 0, hi = f->nsyms;

	while (lo < hi) {	/* first symbol starting after vaddr */
		size_t mid = (lo + hi) / 2;

		if (f->syms[mid].start <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return -1;
	size_t i = lo - 1;
	uint64_t start = f->syms[i].start;

	while (i > 0 && f->syms[i - 1].start == start)	/* the first alias: lowest order */
		i--;
	/* a sized symbol must hold the address; any alias at start may be the larger one */
	for (size_t j = i; j < f->nsyms && f->syms[j].start == start; j++)
		if (!f->syms[j].size || vaddr - start < f->syms[j].size)
			return (int32_t)i;
	return -1;
}

static const char *demangle(struct ssym *y)
{
	if (y->demangled)
		return y->demangled;
	y->demangled = (char *)y->name;
	if (y->name[0] != '_' || y->name[1] != 'Z')
		return y->name;
	int status = -1;
	char *d = __cxa_demangle(y->name, NULL, NULL, &status);

	if (!d || status)
		return y->name;
	/* Rust's legacy mangling: a trailing ::h<16 hex digits> hash, which rustfilt drops too */
	size_t n = strlen(d);

	if (n > 19 && !memcmp(d + n - 19, "::h", 3) &&
	    strspn(d + n - 16, "0123456789abcdef") == 16)
		d[n - 19] = 0;
	y->demangled = d;
	return d;
}

/* Separate debug info for libdwfl's line lookups: the file open_debug() found. */
static int find_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname,
			  GElf_Addr base, const char *file_name, const char *debuglink_file,
			  GElf_Word debuglink_crc, char **debuginfo_file_name)
{
	const struct sfile *f = *userdata;

	if (!f || !f->debug_path)
		return -1;
	*debuginfo_file_name = strdup(f->debug_path);
	return open(f->debug_path, O_RDONLY | O_CLOEXEC);
}

static const Dwfl_Callbacks line_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

static void line_of(struct sfile *f, struct acache *c, uint64_t vaddr)
{
	c->line_done = true;
	if (!f->dwfl && !f->dwfl_failed) {
		f->dwfl_failed = true;
		f->dwfl = dwfl_begin(&line_callbacks);
		if (!f->dwfl)
			return;
		dwfl_report_begin(f->dwfl);
		Dwfl_Module *m = dwfl_report_elf(f->dwfl, f->path, f->path, -1, 0, false);

		dwfl_report_end(f->dwfl, NULL, NULL);
		if (!m) {
			dwfl_end(f->dwfl);
			f->dwfl = NULL;
			return;
		}
		void **ud;

		dwfl_module_info(m, &ud, NULL, NULL, NULL, NULL, NULL, NULL);
		*ud = f;
		f->dwfl_failed = false;
	}
	if (!f->dwfl)
		return;
	Dwfl_Module *m = dwfl_addrmodule(f->dwfl, vaddr);
	Dwfl_Line *l = m ? dwfl_module_getsrc(m, vaddr) : NULL;
	int line = 0;
	const char *file = l ? dwfl_lineinfo(l, NULL, &line, NULL, NULL, NULL) : NULL;

	if (file && line > 0) {
		c->file = file;
		c->line = (unsigned int)line;
	}
}

/* -- processes --------------------------------------------------------------------------------- */

static void proc_fini(void *val)
{
	struct sproc *p = val;

	free(p->regs);
	if (p->uw)
		dwfl_end(p->uw);
}

struct symbolizer *sym_new(void)
{
	struct symbolizer *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	elf_version(EV_CURRENT);
	tidmap_init(&s->procs, sizeof(struct sproc), proc_fini);
	return s;
}

void sym_free(struct symbolizer *s)
{
	if (!s)
		return;
	tidmap_free(&s->procs);
	for (int i = 0; i < FILE_HASH; i++)
		while (s->files[i]) {
			struct sfile *f = s->files[i];

			s->files[i] = f->next;
			file_free(f);
		}
	for (size_t i = 0; i < s->nnames; i++)
		free(s->names[i]);
	free(s->names);
	free(s->mapsbuf);
	free(s);
}

void sym_get_stats(const struct symbolizer *s, struct sym_stats *st)
{
	*st = s->st;
}

static int reg_reserve(struct sproc *p, size_t more)
{
	if (p->nregs + more <= p->cap)
		return 0;
	size_t cap = p->cap ? p->cap * 2 : 64;

	while (cap < p->nregs + more)
		cap *= 2;
	struct sreg *r = realloc(p->regs, cap * sizeof(*r));

	if (!r)
		return -ENOMEM;
	p->regs = r;
	p->cap = cap;
	return 0;
}

/* len rounded up to pages, and cut at the top of the address space (a bad record's sizes). */
static uint64_t span(uint64_t start, uint64_t len)
{
	len = len > UINT64_MAX - 4095 ? UINT64_MAX - 4095 : len;
	len = (len + 4095) & ~(uint64_t)4095;
	return len > UINT64_MAX - start ? UINT64_MAX - start : len;
}

/* Cut [start, end) out of p's regions (splitting one that holds it). */
static int reg_cut(struct sproc *p, uint64_t start, uint64_t end)
{
	for (size_t i = 0; i < p->nregs; i++) {
		struct sreg *r = &p->regs[i];

		if (r->end <= start || r->start >= end)
			continue;
		if (r->start < start && r->end > end) {	/* split in two */
			if (reg_reserve(p, 1))
				return -ENOMEM;
			r = &p->regs[i];
			memmove(r + 1, r, (p->nregs - i) * sizeof(*r));
			p->nregs++;
			r[1].pgoff += end - r->start;
			r[1].start = end;
			r->end = start;
			return 0;
		}
		if (r->start < start) {
			r->end = start;
		} else if (r->end > end) {
			r->pgoff += end - r->start;
			r->start = end;
		} else {
			memmove(r, r + 1, (p->nregs - i - 1) * sizeof(*r));
			p->nregs--;
			i--;
		}
	}
	return 0;
}

static int reg_insert(struct sproc *p, const struct sreg *n)
{
	size_t i = 0;

	if (reg_reserve(p, 1))
		return -ENOMEM;
	while (i < p->nregs && p->regs[i].start < n->start)
		i++;
	memmove(&p->regs[i + 1], &p->regs[i], (p->nregs - i) * sizeof(*n));
	p->regs[i] = *n;
	p->nregs++;
	return 0;
}

/* Parse /proc/TGID/maps into p. */
static int maps_read(struct symbolizer *s, pid_t tgid, struct sproc *p)
{
	char path[40];
	size_t len = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)tgid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		if (len + 4096 > s->mapscap) {
			size_t cap = s->mapscap ? s->mapscap * 2 : 65536;
			char *b = realloc(s->mapsbuf, cap);

			if (!b) {
				close(fd);
				return -ENOMEM;
			}
			s->mapsbuf = b;
			s->mapscap = cap;
		}
		ssize_t n = read(fd, s->mapsbuf + len, s->mapscap - len - 1);

		if (n < 0) {
			int err = -errno;

			close(fd);
			return err;
		}
		if (!n)
			break;
		len += (size_t)n;
	}
	close(fd);
	s->st.maps_reads++;
	s->mapsbuf[len] = 0;
	p->nregs = 0;
	p->known = true;
	p->stale = false;
	for (char *line = s->mapsbuf, *nl; line < s->mapsbuf + len; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = s->mapsbuf + len;
		*nl = 0;
		/* start-end perms offset dev inode [name]: proc(5) */
		char *e;
		uint64_t start = strtoull(line, &e, 16), end, off, ino;

		if (*e != '-')
			continue;
		end = strtoull(e + 1, &e, 16);
		if (*e != ' ' || strlen(e) < 6)
			continue;
		bool x = e[3] == 'x';

		off = strtoull(e + 6, &e, 16);
		while (*e == ' ')
			e++;
		while (*e && *e != ' ')	/* dev */
			e++;
		ino = strtoull(e, &e, 10);
		while (*e == ' ')
			e++;
		if (!*e || end <= start)
			continue;	/* anonymous */
		struct sreg r = { .start = start, .end = end, .pgoff = off, .exec = x };

		if (*e == '/')
			r.file = file_get(s, e, ino);
		r.name = r.file ? r.file->path : name_get(s, e);
		if (!r.name)
			return -ENOMEM;
		if (p->nregs && start < p->regs[p->nregs - 1].end)
			continue;	/* [vsyscall] twice, or out of order: keep the first */
		if (reg_reserve(p, 1))
			return -ENOMEM;
		p->regs[p->nregs++] = r;
	}
	return 0;
}

static struct sproc *proc_get(struct symbolizer *s, pid_t tgid, bool *created)
{
	return tidmap_add(&s->procs, tgid, created);
}

int sym_seed(struct symbolizer *s, pid_t tgid)
{
	struct sproc *p = proc_get(s, tgid, NULL);

	if (!p)
		return -ENOMEM;
	if (p->known && !p->stale)
		return 0;
	return maps_read(s, tgid, p);
}

int sym_mmap(struct symbolizer *s, pid_t tgid, uint64_t start, uint64_t len, uint64_t pgoff,
	     unsigned int prot, const char *path)
{
	struct sproc *p = proc_get(s, tgid, NULL);

	if (!p)
		return -ENOMEM;
	if (!len || start + len < start)
		return -EINVAL;
	len = span(start, len);
	/* first seen: what /proc has now (already with this mapping if it is still there), or
	   nothing when the process is gone, then this call on top */
	if ((!p->known || p->stale) && maps_read(s, tgid, p) == -ENOMEM)
		return -ENOMEM;
	p->known = true;
	if (reg_cut(p, start, start + len))
		return -ENOMEM;
	if (!path)
		return 0;
	struct sreg r = { .start = start, .end = start + len, .pgoff = pgoff,
			  .exec = prot & PROT_EXEC };

	if (path[0] == '/')
		r.file = file_get(s, path, 0);
	r.name = r.file ? r.file->path : name_get(s, path);
	if (!r.name)
		return -ENOMEM;
	return reg_insert(p, &r);
}

int sym_munmap(struct symbolizer *s, pid_t tgid, uint64_t start, uint64_t len)
{
	struct sproc *p = tidmap_get(&s->procs, tgid);

	if (!p || !p->known)
		return 0;
	len = span(start, len);
	return reg_cut(p, start, start + len);
}

int sym_mprotect(struct symbolizer *s, pid_t tgid, uint64_t start, uint64_t len,
		 unsigned int prot)
{
	struct sproc *p = tidmap_get(&s->procs, tgid);

	if (!p || !p->known)
		return 0;
	len = span(start, len);
	for (size_t i = 0; i < p->nregs; i++) {
		struct sreg *r = &p->regs[i];

		if (r->end <= start || r->start >= start + len)
			continue;
		struct sreg part = *r;

		if (part.start < start) {
			part.pgoff += start - part.start;
			part.start = start;
		}
		if (part.end > start + len)
			part.end = start + len;
		part.exec = prot & PROT_EXEC;
		if (part.exec == r->exec)
			continue;
		if (reg_cut(p, part.start, part.end) || reg_insert(p, &part))
			return -ENOMEM;
	}
	return 0;
}

void sym_exec(struct symbolizer *s, pid_t tgid)
{
	struct sproc *p = tidmap_get(&s->procs, tgid);

	if (!p)
		return;
	p->nregs = 0;
	p->known = false;
	if (p->uw) {
		dwfl_end(p->uw);
		p->uw = NULL;
	}
}

int sym_fork(struct symbolizer *s, pid_t parent, pid_t child)
{
	struct sproc *pp = tidmap_get(&s->procs, parent);
	struct sproc *c;

	if (!pp || !pp->known)
		return 0;
	c = proc_get(s, child, NULL);
	if (!c)
		return -ENOMEM;
	c->nregs = 0;
	if (reg_reserve(c, pp->nregs))
		return -ENOMEM;
	memcpy(c->regs, pp->regs, pp->nregs * sizeof(*c->regs));
	c->nregs = pp->nregs;
	c->known = true;
	c->stale = pp->stale;
	return 0;
}

void sym_exit(struct symbolizer *s, pid_t tgid)
{
	tidmap_del(&s->procs, tgid);
}

void sym_invalidate(struct symbolizer *s, pid_t tgid)
{
	struct sproc *p = tidmap_get(&s->procs, tgid);

	if (!p)
		return;
	p->stale = true;
	if (p->uw) {
		dwfl_end(p->uw);
		p->uw = NULL;
	}
}

bool sym_maps_exec(struct symbolizer *s, pid_t tgid, uint64_t start, uint64_t len)
{
	const struct sproc *p = tidmap_get(&s->procs, tgid);

	if (!p || !p->known || p->stale)
		return true;
	len = span(start, len);
	for (size_t i = 0; i < p->nregs; i++)
		if (p->regs[i].exec && p->regs[i].start < start + len && p->regs[i].end > start)
			return true;
	return false;
}

/* -- lookups ----------------------------------------------------------------------------------- */

static const struct sreg *reg_find(const struct sproc *p, uint64_t a)
{
	size_t lo = 0, hi = p->nregs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (p->regs[mid].end <= a)
			lo = mid + 1;
		else if (p->regs[mid].start > a)
			hi = mid;
		else
			return &p->regs[mid];
	}
	return NULL;
}

int sym_lookup(struct symbolizer *s, pid_t tgid, uint64_t pc, unsigned int flags,
	       struct sym_frame *f)
{
	struct sproc *p = tidmap_get(&s->procs, tgid);
	uint64_t a = pc - ((flags & SYM_L_CALLER) && pc ? 1 : 0);

	s->st.lookups++;
	memset(f, 0, sizeof(*f));
	f->pc = pc;
	f->flags = flags & SYM_L_CALLER ? SYM_F_CALLER : 0;
	if (!p || !p->known || p->stale) {
		int err = sym_seed(s, tgid);

		if (err == -ENOMEM)
			return err;
		p = tidmap_get(&s->procs, tgid);
	}
	const struct sreg *r = p ? reg_find(p, a) : NULL;

	/* strace -k names frames in executable mappings only */
	if (!r || !r->exec) {
		f->flags |= SYM_F_NO_MODULE | SYM_F_NO_SYMBOL;
		return 0;
	}
	f->module = r->name;
	f->mod_off = pc - r->start + r->pgoff;
	struct sfile *file = r->file;
	uint64_t vaddr;

	if (file && !file->tried)
		file_open(s, file);
	if (!file || !file->ok || !off_to_vaddr(file, a - r->start + r->pgoff, &vaddr)) {
		f->flags |= SYM_F_NO_SYMBOL;
		return 0;
	}
	struct acache *c = &file->cache[(vaddr ^ (vaddr >> 12)) & (ADDR_CACHE - 1)];

	if (c->vaddr == vaddr + 1) {
		s->st.cache_hits++;
	} else {
		*c = (struct acache){ .vaddr = vaddr + 1, .sym = sym_find(file, vaddr) };
	}
	if (c->sym < 0) {
		f->flags |= SYM_F_NO_SYMBOL;
	} else {
		struct ssym *y = &file->syms[c->sym];

		f->func = demangle(y);
		f->func_off = vaddr + (pc - a) - y->start;
	}
	if (flags & SYM_L_LINE) {
		if (!c->line_done)
			line_of(file, c, vaddr);
		f->file = c->file;
		f->line = c->line;
	}
	return 0;
}

int sym_lookup_stack(struct symbolizer *s, pid_t tgid, const uint64_t *pcs, unsigned int n,
		     bool trunc, int err, unsigned int flags, struct sym_frame *out)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		int e = sym_lookup(s, tgid, pcs[i], flags | (i ? SYM_L_CALLER : 0), &out[i]);

		if (e)
			return e;
	}
	if (err || trunc) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].pc = n ? pcs[n - 1] : 0;
		out[i].flags = err ? SYM_F_ERROR : SYM_F_TRUNC;
		out[i].err = err;
		i++;
	}
	return (int)i;
}

const char *sym_strerror(int err)
{
	switch (err) {
	case -ENOENT: return "no unwind information past this frame";
	case -EIO: return "no frame could be unwound";
	case -ESRCH: return "process gone or not attachable";
	case -EFAULT: return "stack memory unreadable";
	case -ENODATA: return "stack data lost";
	default: return strerror(err < 0 ? -err : err);
	}
}

/* -- the live unwinder --------------------------------------------------------------------------- */

/*
 * The unwinder follows .eh_frame, which every x86-64 object has (the psABI's asynchronous
 * unwind tables): opening and decompressing separate debug files for .debug_frame would cost
 * each new process milliseconds for nothing.
 */
static int no_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname, GElf_Addr base,
			const char *file_name, const char *debuglink_file, GElf_Word debuglink_crc,
			char **debuginfo_file_name)
{
	return -1;
}

static const Dwfl_Callbacks proc_callbacks = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = no_debuginfo,
};

struct walk {
	uint64_t *pcs;
	unsigned int max, n;
	bool more;
	bool nomod;	/* stopped at a frame outside every module (JIT code, garbage) */
};

static int frame_cb(Dwfl_Frame *fr, void *arg)
{
	struct walk *w = arg;
	Dwarf_Addr pc;
	bool act;

	if (!dwfl_frame_pc(fr, &pc, &act))
		return -1;
	if (w->n == w->max) {
		w->more = true;
		return DWARF_CB_ABORT;
	}
	w->pcs[w->n++] = pc;
	/* beyond code no module holds, libdwfl's frame-pointer guess gives garbage: stop */
	if (!dwfl_addrmodule(dwfl_thread_dwfl(dwfl_frame_thread(fr)), act || !pc ? pc : pc - 1)) {
		w->nomod = true;
		return DWARF_CB_ABORT;
	}
	return DWARF_CB_OK;
}

/*
 * Whether the return address ra lies just past the ELF entry point of its module: the
 * outermost frame of a process (ld.so's _start has no CFI that says so, unlike glibc's).
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

int sym_unwind_live(struct symbolizer *s, pid_t tgid, pid_t tid, uint64_t *pcs,
		    unsigned int max, int *err)
{
	struct sproc *p = proc_get(s, tgid, NULL);
	struct walk w = { .pcs = pcs, .max = max };

	*err = 0;
	if (!p) {
		*err = -ENOMEM;
		return 0;
	}
	s->st.unwinds++;
again:
	if (!p->uw) {
		Dwfl *d = dwfl_begin(&proc_callbacks);

		if (!d) {
			*err = -ENOMEM;
			return 0;
		}
		dwfl_report_begin(d);
		if (dwfl_linux_proc_report(d, tgid) || dwfl_report_end(d, NULL, NULL) ||
		    dwfl_linux_proc_attach(d, tgid, true)) {
			dwfl_end(d);
			*err = -ESRCH;
			return 0;
		}
		p = tidmap_get(&s->procs, tgid);
		p->uw = d;
	}
	int r = dwfl_getthread_frames(p->uw, tid, frame_cb, &w);

	/*
	 * An address in no module: code mapped by a call not seen (an untraced thread, another
	 * process writing our maps) or JIT code.  Read the maps again once per such address, so a
	 * missed mapping costs one retry and JIT code does not cost one per stack.
	 */
	if (w.nomod && w.pcs[w.n - 1] != p->nomod_pc) {
		p->nomod_pc = w.pcs[w.n - 1];
		sym_invalidate(s, tgid);
		w = (struct walk){ .pcs = pcs, .max = max };
		goto again;
	}
	if (w.more)
		*err = -E2BIG;
	else if (w.nomod)
		*err = -ENOENT;
	else if (r && !(w.n && at_entry_point(p->uw, w.pcs[w.n - 1]))) {
		*err = w.n ? -ENOENT : -EIO;	/* no CFI went further; or no frame at all */
		pr_debug("unwinding tid %d stopped after %u frames: %s", (int)tid, w.n,
			 dwfl_errmsg(-1));
	}
	return (int)w.n;
}
