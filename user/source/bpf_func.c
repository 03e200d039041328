// SPDX-License-Identifier: LGPL-2.1-or-later
/* bpf_func.c: --func on the eBPF backend: patterns resolved in ELF files, uprobe_multi links. */
/*
 * Before anything runs, the patterns are resolved into (file, offset) lists: the command (found
 * on PATH as exec finds it) and the libraries it needs (DT_NEEDED, searched as ld.so does:
 * DT_RPATH, LD_LIBRARY_PATH, DT_RUNPATH with $ORIGIN, /etc/ld.so.cache, the default dirs), or
 * the executable files mapped by -p's processes, or by the processes -a --comm matches.  Each
 * function gets an id in the function table (funcs_add), which is its uprobe's cookie, and
 * each file two uprobe_multi links (entry, return: one attach each for all its functions).
 *
 * Files mapped later (dlopen, an exec under -f, a process -a starts): bpf/hytrace_func.bpf.c
 * stops a traced task that maps an executable file not resolved yet and tells us; we resolve
 * the files it maps, attach, and let it go on (SIGCONT): uprobes belong to the file (its
 * inode), so they reach every process that maps it, and the new functions are traced from
 * their first call.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <limits.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "bpf_func.h"
#include "funcs.h"
#include "log.h"
#include "options.h"
#include "hytrace.bpf.h"
#include "hytrace_func.skel.h"

/* include/uapi/linux/bpf.h (Linux 6.6); the libbpf and uapi headers here predate them */
#define HYF_TRACE_UPROBE_MULTI		48	/* enum bpf_attach_type */
#define HYF_F_UPROBE_MULTI_RETURN	1u
#define HYF_LINK_CREATE			28	/* enum bpf_cmd */

/* union bpf_attr's link_create with its uprobe_multi member (include/uapi/linux/bpf.h, 6.6) */
struct hyf_link_create {
	uint32_t prog_fd;
	uint32_t target_fd;
	uint32_t attach_type;
	uint32_t flags;
	uint64_t path;
	uint64_t offsets;
	uint64_t ref_ctr_offsets;
	uint64_t cookies;
	uint32_t cnt;
	uint32_t um_flags;
	uint32_t pid;
	uint32_t pad;
};

#define LDSO		"/lib64/ld-linux-x86-64.so.2"	/* the x86-64 psABI's PT_INTERP */
#define STOP_WAIT_MS	2000	/* a task told of as stopped that is not, after this: let go */

struct fsym {
	uint64_t addr, size, off;
	const char *name;
	int rank;
};

static struct {
	struct hytrace_func_bpf *skel;
	struct tracer *tr;
	int *links;
	size_t nlinks, caplinks;
	char **paths;		/* files resolved (real paths) */
	size_t npaths, cappaths;
	unsigned int nbins;	/* ... of which with functions attached */
	pid_t pid_filter;	/* the links' pid (one process, no -f), or 0 */
	bool detached;
	bool started;		/* bfunc_start done: a trace ran */
	uint64_t stops, attach_ns, load_ns;
} F;

/* -- small helpers ---------------------------------------------------------------------------- */

static bool path_known(const char *path)
{
	for (size_t i = 0; i < F.npaths; i++)
		if (!strcmp(F.paths[i], path))
			return true;
	return false;
}

static int path_add(const char *path)
{
	if (F.npaths == F.cappaths) {
		size_t cap = F.cappaths ? 2 * F.cappaths : 32;
		char **n = realloc(F.paths, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		F.paths = n;
		F.cappaths = cap;
	}
	if (!(F.paths[F.npaths] = strdup(path)))
		return -ENOMEM;
	F.npaths++;
	return 0;
}

static int link_keep(int fd)
{
	if (F.nlinks == F.caplinks) {
		size_t cap = F.caplinks ? 2 * F.caplinks : 16;
		int *n = realloc(F.links, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		F.links = n;
		F.caplinks = cap;
	}
	F.links[F.nlinks++] = fd;
	return 0;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

/* -- attach ----------------------------------------------------------------------------------- */

/* One uprobe_multi link of prog on n offsets of path, the function ids as cookies. */
static int link_multi(const struct bpf_program *prog, const char *path, const uint64_t *offs,
		      const uint64_t *cookies, uint32_t n, bool ret)
{
	union {
		struct hyf_link_create lc;
		char pad[256];	/* the kernel takes the attribute's tail as zeros */
	} a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.lc.prog_fd = bpf_program__fd(prog);
	a.lc.attach_type = HYF_TRACE_UPROBE_MULTI;
	a.lc.path = (uintptr_t)path;
	a.lc.offsets = (uintptr_t)offs;
	a.lc.cookies = (uintptr_t)cookies;
	a.lc.cnt = n;
	a.lc.um_flags = ret ? HYF_F_UPROBE_MULTI_RETURN : 0;
	a.lc.pid = (uint32_t)F.pid_filter;
	fd = (int)syscall(__NR_bpf, HYF_LINK_CREATE, &a, sizeof(struct hyf_link_create));
	if (fd < 0)
		return -errno;
	if (link_keep(fd)) {
		close(fd);
		return -ENOMEM;
	}
	return 0;
}

static int attach_file(const char *path, const uint64_t *offs, const uint64_t *cookies, uint32_t n)
{
	uint64_t t0 = mono_ns();
	int err = link_multi(F.skel->progs.hy_func_entry, path, offs, cookies, n, false);

	if (!err)
		err = link_multi(F.skel->progs.hy_func_exit, path, offs, cookies, n, true);
	F.attach_ns += mono_ns() - t0;
	if (err)
		pr_warn("cannot attach uprobes to %u functions of %s: %s", n, path, strerror(-err));
	return err;
}

/* The dynamic linker's _dl_debug_state (hy_func_dl): the cookie is the distance to _r_debug. */
static int link_dl(const char *path, uint64_t off, uint64_t delta)
{
	int err = link_multi(F.skel->progs.hy_func_dl, path, &off, &delta, 1, false);

	if (err)
		pr_warn("cannot attach a uprobe to _dl_debug_state of %s: %s (libraries loaded "
			"later are not traced)", path, strerror(-err));
	else
		pr_debug("--func: libraries the dynamic linker %s loads are followed", path);
	return 0;
}

/* -- ELF: symbols, program headers, dynamic section ------------------------------------------ */

struct elfinfo {
	char *needed[64];
	unsigned int nneeded;
	char *runpath, *rpath, *interp;
};

static void elfinfo_free(struct elfinfo *ei)
{
	for (unsigned int i = 0; i < ei->nneeded; i++)
		free(ei->needed[i]);
	free(ei->runpath);
	free(ei->rpath);
	free(ei->interp);
	memset(ei, 0, sizeof(*ei));
}

/* Among aliases at one address, the name shown: global before weak before local, then a name
 * without a leading underscore ("write" over "__write" and "__libc_write"), then the shorter. */
static int sym_rank(const GElf_Sym *s, const char *name)
{
	int b = GELF_ST_BIND(s->st_info);
	int r = b == STB_GLOBAL ? 0 : b == STB_WEAK ? 1 : 2;

	return (r * 2 + (name[0] == '_')) * 4096 + (int)(strlen(name) & 4095);
}

static int fsym_cmp(const void *a, const void *b)
{
	const struct fsym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->rank - y->rank;
}

/* Whether an x86-64 ELF executable or shared object */
static bool elf_ours(Elf *e)
{
	GElf_Ehdr eh;

	return elf_kind(e) == ELF_K_ELF && gelf_getehdr(e, &eh) && eh.e_ident[EI_CLASS] == ELFCLASS64 &&
	       eh.e_machine == EM_X86_64 && (eh.e_type == ET_EXEC || eh.e_type == ET_DYN);
}

static bool elf_file_ours(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf *e;
	bool ok;

	if (fd < 0)
		return false;
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	ok = e && elf_ours(e);
	elf_end(e);
	close(fd);
	return ok;
}

/* The file offset of vaddr from the executable segment holding it (the uprobe's offset). */
static uint64_t elf_file_off(Elf *e, size_t nphdr, uint64_t vaddr)
{
	for (size_t j = 0; j < nphdr; j++) {
		GElf_Phdr ph;

		if (gelf_getphdr(e, (int)j, &ph) && ph.p_type == PT_LOAD && (ph.p_flags & PF_X) &&
		    vaddr >= ph.p_vaddr && vaddr < ph.p_vaddr + ph.p_filesz)
			return vaddr - ph.p_vaddr + ph.p_offset;
	}
	return UINT64_MAX;
}

/* -- debug info: how many parameters (--func-args shows that many values) -------------------- */

struct dw_ctx {
	const struct fsym *syms;	/* sorted by address */
	const struct func_info **fns;	/* the function of each, or NULL (an alias) */
	size_t n;
};

static int dw_func(Dwarf_Die *die, void *arg)
{
	struct dw_ctx *c = arg;
	Dwarf_Addr lo;
	Dwarf_Die child;
	size_t a = 0, b = c->n;
	int np = 0;

	if (dwarf_lowpc(die, &lo))
		return DWARF_CB_OK;
	while (a < b) {	/* the first symbol at lo */
		size_t m = (a + b) / 2;

		if (c->syms[m].addr < lo)
			a = m + 1;
		else
			b = m;
	}
	if (a == c->n || c->syms[a].addr != lo || !c->fns[a])
		return DWARF_CB_OK;
	if (dwarf_child(die, &child) == 0) {
		do {
			np += dwarf_tag(&child) == DW_TAG_formal_parameter;
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	/* the table's own entry: funcs.h leaves nparams to the backend that reads debug info */
	((struct func_info *)c->fns[a])->nparams = np > HY_FUNC_ARGS ? HY_FUNC_ARGS : np;
	return DWARF_CB_OK;
}

/* nparams of the functions from the file's own DWARF (.debug_info), when it has some. */
static void dw_nparams(Elf *e, const struct fsym *syms, const struct func_info **fns, size_t n)
{
	struct dw_ctx c = { syms, fns, n };
	Dwarf *dw = dwarf_begin_elf(e, DWARF_C_READ, NULL);
	Dwarf_Off off = 0, next;
	size_t hsize;

	if (!dw)
		return;
	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;

		if (dwarf_offdie(dw, off + hsize, &cu))
			dwarf_getfuncs(&cu, dw_func, &c, 0);
		off = next;
	}
	dwarf_end(dw);
}

/*
 * Resolve the patterns in the ELF file path (a real path): its functions into the table and
 * onto uprobes; what it needs into ei when not NULL.  0 (also: not an ELF file of ours, or no
 * function selected) or -errno.
 */
static int resolve_file(const char *path, struct elfinfo *ei)
{
	struct func_table *ft = F.tr->funcs;
	bool want = funcs_module_wanted(ft, path);
	struct fsym *syms = NULL;
	size_t nsyms = 0, capsyms = 0, nphdr = 0;
	uint64_t *offs = NULL, *cookies = NULL;
	const struct func_info **fns = NULL;
	Elf_Scn *scn = NULL;
	uint64_t dl_state = 0, dl_state_off = UINT64_MAX, r_debug = 0;
	int fd, err = 0;
	Elf *e;

	if (path_known(path))
		return 0;
	err = path_add(path);
	if (err)
		return err;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;	/* gone or unreadable: nothing of it can be traced */
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!e || !elf_ours(e) || elf_getphdrnum(e, &nphdr))
		goto out;
	if (ei) {
		for (size_t i = 0; i < nphdr; i++) {
			GElf_Phdr ph;
			size_t sz;
			char *raw = elf_rawfile(e, &sz);

			if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_INTERP && raw &&
			    ph.p_offset + ph.p_filesz <= sz && ph.p_filesz > 1)
				ei->interp = strndup(raw + ph.p_offset, ph.p_filesz - 1);
		}
	}
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || !(d = elf_getdata(scn, NULL)) || !sh.sh_entsize)
			continue;
		if (sh.sh_type == SHT_DYNAMIC && ei) {
			for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
				GElf_Dyn dy;
				const char *s;

				if (!gelf_getdyn(d, (int)i, &dy))
					break;
				if (dy.d_tag != DT_NEEDED && dy.d_tag != DT_RUNPATH && dy.d_tag != DT_RPATH)
					continue;
				s = elf_strptr(e, sh.sh_link, dy.d_un.d_val);
				if (!s)
					continue;
				if (dy.d_tag == DT_NEEDED && ei->nneeded < 64)
					ei->needed[ei->nneeded++] = strdup(s);
				else if (dy.d_tag == DT_RUNPATH && !ei->runpath)
					ei->runpath = strdup(s);
				else if (dy.d_tag == DT_RPATH && !ei->rpath)
					ei->rpath = strdup(s);
			}
		}
		if (sh.sh_type != SHT_DYNSYM && (sh.sh_type != SHT_SYMTAB || !want))
			continue;
		for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym s;
			const char *name;
			uint64_t off = UINT64_MAX;

			if (!gelf_getsym(d, (int)i, &s))
				break;
			if (s.st_shndx == SHN_UNDEF || !(name = elf_strptr(e, sh.sh_link, s.st_name)))
				continue;
			/* the dynamic linker's hook and list (hy_func_dl) */
			if (sh.sh_type == SHT_DYNSYM && !strcmp(name, "_r_debug"))
				r_debug = s.st_value;
			if (GELF_ST_TYPE(s.st_info) != STT_FUNC)
				continue;
			if (sh.sh_type == SHT_DYNSYM && !strcmp(name, "_dl_debug_state")) {
				dl_state = s.st_value;
				dl_state_off = elf_file_off(e, nphdr, s.st_value);
			}
			if (!want || !s.st_size || !*name || !funcs_match(ft, name, path))
				continue;
			off = elf_file_off(e, nphdr, s.st_value);
			if (off == UINT64_MAX)
				continue;
			if (nsyms == capsyms) {
				size_t cap = capsyms ? 2 * capsyms : 64;
				struct fsym *n = realloc(syms, cap * sizeof(*n));

				if (!n) {
					err = -ENOMEM;
					goto out;
				}
				syms = n;
				capsyms = cap;
			}
			syms[nsyms++] = (struct fsym){ .addr = s.st_value, .size = s.st_size, .off = off,
						       .name = name, .rank = sym_rank(&s, name) };
		}
	}
	if (dl_state_off != UINT64_MAX && r_debug) {
		uint64_t delta = r_debug - dl_state;

		err = link_dl(path, dl_state_off, delta);
		if (err)
			goto out;
	}
	if (!nsyms)
		goto out;
	/* one function per address: .symtab and .dynsym name most twice, aliases more */
	qsort(syms, nsyms, sizeof(*syms), fsym_cmp);
	offs = malloc(nsyms * sizeof(*offs));
	cookies = malloc(nsyms * sizeof(*cookies));
	fns = calloc(nsyms, sizeof(*fns));
	if (!offs || !cookies || !fns) {
		err = -ENOMEM;
		goto out;
	}
	uint32_t n = 0;

	for (size_t i = 0; i < nsyms; i++) {
		const struct func_info *fn;

		if (i && syms[i].addr == syms[i - 1].addr)
			continue;
		fn = funcs_add(ft, syms[i].name, path, syms[i].addr, syms[i].size);
		if (!fn) {
			err = -ENOMEM;
			goto out;
		}
		offs[n] = syms[i].off;
		cookies[n] = fn->id;
		fns[i] = fn;
		n++;
	}
	dw_nparams(e, syms, fns, nsyms);
	pr_debug("--func: %u functions in %s", n, path);
	err = attach_file(path, offs, cookies, n);
	if (!err)
		F.nbins++;
out:
	free(fns);
	free(offs);
	free(cookies);
	free(syms);
	elf_end(e);
	close(fd);
	return err;
}

/* -- library search, as ld.so does it (elf/dl-load.c: _dl_map_object) -------------------------- */

/* dir (one of a colon-separated list, $ORIGIN expanded) / name, when an ELF file of ours. */
static bool search_dirs(const char *list, const char *origin, const char *name, char *out)
{
	const char *p = list;

	while (p && *p) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char dir[PATH_MAX];
		size_t o = 0;

		for (size_t i = 0; i < len && o < sizeof(dir) - 1;) {
			if (!strncmp(p + i, "$ORIGIN", 7) || !strncmp(p + i, "${ORIGIN}", 9)) {
				o += (size_t)snprintf(dir + o, sizeof(dir) - o, "%s", origin);
				i += p[i + 1] == '{' ? 9 : 7;
			} else {
				dir[o++] = p[i++];
			}
			if (o >= sizeof(dir))
				o = sizeof(dir) - 1;
		}
		dir[o] = 0;
		if (o && snprintf(out, PATH_MAX, "%s/%s", dir, name) < PATH_MAX && !access(out, R_OK) &&
		    elf_file_ours(out))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/*
 * /etc/ld.so.cache, glibc's format "glibc-ld.so.cache1.1" (sysdeps/generic/dl-cache.h: a
 * 48-byte header, then 24-byte entries {int32 flags; uint32 key, value; uint32 osversion;
 * uint64 hwcap}, string offsets from the file's start); x86-64 entries: flags 0x0303
 * (FLAG_ELF_LIBC6 | FLAG_X8664_LIB64).
 */
static bool search_cache(const char *name, char *out)
{
	static char *cache;
	static size_t size;
	static bool tried;

	if (!tried) {
		int fd = open("/etc/ld.so.cache", O_RDONLY | O_CLOEXEC);
		struct stat st;

		tried = true;
		if (fd >= 0 && !fstat(fd, &st) && st.st_size > 48 && (cache = malloc(st.st_size)) &&
		    read(fd, cache, st.st_size) == st.st_size)
			size = st.st_size;
		if (fd >= 0)
			close(fd);
		if (size && memcmp(cache, "glibc-ld.so.cache1.1", 20))
			size = 0;
	}
	if (!size)
		return false;
	uint32_t nlibs;

	memcpy(&nlibs, cache + 20, 4);
	for (uint32_t i = 0; i < nlibs && 48 + (size_t)(i + 1) * 24 <= size; i++) {
		const char *ent = cache + 48 + (size_t)i * 24;
		int32_t flags;
		uint32_t key, val;

		memcpy(&flags, ent, 4);
		memcpy(&key, ent + 4, 4);
		memcpy(&val, ent + 8, 4);
		if ((flags & 0xffff) != 0x0303 || key >= size || val >= size ||
		    !memchr(cache + key, 0, size - key) || !memchr(cache + val, 0, size - val))
			continue;
		if (!strcmp(cache + key, name) && strlen(cache + val) < PATH_MAX) {
			strcpy(out, cache + val);
			if (!access(out, R_OK))
				return true;
		}
	}
	return false;
}

static bool find_library(const char *name, const struct elfinfo *ei, const char *origin, char *out)
{
	static const char defaults[] = "/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:/lib64:"
				       "/usr/lib64:/lib:/usr/lib";

	if (strchr(name, '/')) {
		snprintf(out, PATH_MAX, "%s", name);
		return !access(out, R_OK);
	}
	if (!ei->runpath && ei->rpath && search_dirs(ei->rpath, origin, name, out))
		return true;
	if (search_dirs(getenv("LD_LIBRARY_PATH"), origin, name, out))
		return true;
	if (ei->runpath && search_dirs(ei->runpath, origin, name, out))
		return true;
	return search_cache(name, out) || search_dirs(defaults, origin, name, out);
}

/* The program exec would run for argv0: a path, or the first match on PATH (execvp). */
static bool find_command(const char *argv0, char *out)
{
	const char *path = getenv("PATH");

	if (strchr(argv0, '/')) {
		snprintf(out, PATH_MAX, "%s", argv0);
		return true;
	}
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path; p;) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		struct stat st;

		if (snprintf(out, PATH_MAX, "%.*s/%s", (int)len, len ? p : ".", argv0) < PATH_MAX &&
		    !stat(out, &st) && S_ISREG(st.st_mode) && !access(out, X_OK))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* A program and what it needs, breadth first (the order ld.so loads them). */
static int resolve_program(const char *file)
{
	char *queue[256], real[PATH_MAX];
	unsigned int head = 0, tail = 0;
	int err = 0;

	if (!realpath(file, real))
		return 0;	/* exec reports it */
	queue[tail++] = strdup(real);
	while (head < tail && !err) {
		char *path = queue[head++], origin[PATH_MAX], lib[PATH_MAX];
		struct elfinfo ei = { 0 };

		if (!path) {
			err = -ENOMEM;
			break;
		}
		if (path_known(path))
			continue;
		snprintf(origin, sizeof(origin), "%s", path);
		*strrchr(origin, '/') = 0;
		err = resolve_file(path, &ei);
		if (ei.interp && realpath(ei.interp, real))
			err = err ? err : resolve_file(real, NULL);
		for (unsigned int i = 0; i < ei.nneeded && !err; i++) {
			if (!find_library(ei.needed[i], &ei, origin, lib)) {
				pr_info("--func: %s needs %s, not found", path, ei.needed[i]);
				continue;
			}
			if (realpath(lib, real) && !path_known(real) && tail < 256)
				queue[tail++] = strdup(real);
		}
		elfinfo_free(&ei);
	}
	for (unsigned int i = 0; i < tail; i++)
		free(queue[i]);
	return err;
}

/* The executable files pid maps (its /proc/PID/maps); -ESRCH when it is gone. */
static int resolve_maps(pid_t pid)
{
	char path[64], line[PATH_MAX + 256];
	FILE *f;
	int err = 0;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -ESRCH;
	while (!err && fgets(line, sizeof(line), f)) {
		char perms[8], *file = strchr(line, '/');
		size_t len;

		if (sscanf(line, "%*x-%*x %7s", perms) != 1 || perms[2] != 'x' || !file)
			continue;
		len = strlen(file);
		if (len && file[len - 1] == '\n')
			file[--len] = 0;
		if (len > 10 && !strcmp(file + len - 10, " (deleted)"))
			continue;
		err = resolve_file(file, NULL);
	}
	fclose(f);
	return err;
}

/* -a: the processes --comm names (every process without --comm), but hytrace */
static int resolve_all(const struct opts *o)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int err = 0;

	if (!d)
		return -errno;
	while (!err && (de = readdir(d))) {
		char path[64], comm[32] = "";
		pid_t pid = (pid_t)atoi(de->d_name);
		bool in = !o->ncomms;
		FILE *f;

		if (pid <= 0 || pid == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
		if (o->ncomms && (f = fopen(path, "re"))) {
			if (fgets(comm, sizeof(comm), f))
				comm[strcspn(comm, "\n")] = 0;
			fclose(f);
			for (int i = 0; i < o->ncomms; i++)
				in |= !strncmp(comm, o->comms[i], 15);	/* TASK_COMM_LEN - 1 */
		}
		if (in && resolve_maps(pid) == -ENOMEM)
			err = -ENOMEM;
	}
	closedir(d);
	return err;
}

/*
 * Every --func pattern must name some function in the files resolved at start; one limited to
 * a binary not among them may name a library loaded later (PATTERN@libfoo.so).  Under -f and
 * -a, programs run later may have them: the end says when none was ever found.
 */
static int check_patterns(const struct opts *o)
{
	struct func_table *ft = F.tr->funcs;

	for (int i = 0; i < o->nfuncs; i++) {
		const struct func_pattern *p = &o->funcs[i];
		bool hit = false, bin_seen = false;
		regex_t rx;

		if (p->exclude || regcomp(&rx, p->regex, REG_EXTENDED | REG_NOSUB))
			continue;
		for (unsigned int id = 0; id < funcs_count(ft) && !hit; id++) {
			const struct func_info *fn = funcs_get(ft, id);

			hit = (!p->binary || funcs_binary_is(p->binary, fn->module)) &&
			      !regexec(&rx, fn->name, 0, NULL, 0);
		}
		regfree(&rx);
		for (size_t j = 0; p->binary && j < F.npaths; j++)
			bin_seen |= funcs_binary_is(p->binary, F.paths[j]);
		if (hit)
			continue;
		if (p->binary && !bin_seen) {
			pr_info("--func: %s: %s is not loaded yet: its functions are traced when it is",
				p->regex, p->binary);
			continue;
		}
		if (o->follow || o->all) {	/* a program run later may have it */
			pr_info("--func: %s matches no function in the %zu files traced at start",
				p->regex, F.npaths);
			continue;
		}
		pr_warn("--func: %s%s%s matches no function in the %zu files the traced program runs "
			"(for a library it loads later: --func=PATTERN@LIBRARY)", p->regex,
			p->binary ? "@" : "", p->binary ? p->binary : "", F.npaths);
		return -ENOENT;
	}
	return 0;
}

/* -- files mapped later ------------------------------------------------------------------------- */

/* Thread tid's state letter (/proc/PID/task/TID/stat), or 0 when it is gone. */
static char task_state(pid_t pid, pid_t tid)
{
	char path[80], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid, (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	p = strrchr(buf, ')');	/* the comm may hold spaces and parentheses */
	return p && p[1] == ' ' ? p[2] : 0;
}

static int on_newfile(void *ctx, void *data, size_t size)
{
	const struct hyb_newfile *nf = data;
	char st = 0;

	(void)ctx;
	if (size < sizeof(*nf))
		return 0;
	F.stops++;
	/* wait for the stop: it takes effect on the task's way back to user space */
	for (int i = 0; i < STOP_WAIT_MS * 10; i++) {
		st = task_state((pid_t)nf->pid, (pid_t)nf->tid);
		if (!st || st == 'T' || st == 't' || st == 'Z' || st == 'X')
			break;
		usleep(100);
	}
	if (!F.detached && st) {
		int err = resolve_maps((pid_t)nf->pid);

		if (err && err != -ESRCH)
			pr_warn("--func: cannot resolve the files of pid %u: %s", nf->pid, strerror(-err));
	}
	kill((pid_t)nf->pid, SIGCONT);
	return 0;
}

void bfunc_exec(pid_t pid)
{
	int err;

	if (!F.skel || F.detached)
		return;
	err = resolve_maps(pid);
	if (err && err != -ESRCH)
		pr_warn("--func: cannot resolve the files of pid %d: %s", (int)pid, strerror(-err));
}

/* -- start, end --------------------------------------------------------------------------------- */

static int load(const struct opts *o, const struct bfunc_shared *sh)
{
	struct hytrace_func_bpf *s = hytrace_func_bpf__open();
	int err;

	if (!s)
		return errno ? -errno : -ENOMEM;
	F.skel = s;
	s->rodata->cfg_mode = sh->mode;
	s->rodata->cfg_args = o->func_args;
	s->rodata->cfg_ring_size = sh->ring_size;
	s->rodata->cfg_ring_half = sh->ring_half;
	s->rodata->cfg_life_reserve = sh->life_reserve;
	bpf_program__set_expected_attach_type(s->progs.hy_func_entry, HYF_TRACE_UPROBE_MULTI);
	bpf_program__set_expected_attach_type(s->progs.hy_func_exit, HYF_TRACE_UPROBE_MULTI);
	bpf_program__set_expected_attach_type(s->progs.hy_func_dl, HYF_TRACE_UPROBE_MULTI);
	err = bpf_map__reuse_fd(s->maps.rb, sh->rb_fd);
	if (!err)
		err = bpf_map__reuse_fd(s->maps.tasks, sh->tasks_fd);
	if (!err)
		err = bpf_map__reuse_fd(s->maps.drops, sh->drops_fd);
	if (!err)
		err = hytrace_func_bpf__load(s);
	return err;
}

int bfunc_start(struct tracer *tr, const struct bfunc_shared *sh, pid_t child)
{
	const struct opts *o = tr->o;
	char cmd[PATH_MAX], path[PATH_MAX];
	uint64_t t0 = mono_ns();
	int err;

	F.tr = tr;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -EINVAL;
	err = load(o, sh);
	F.load_ns = mono_ns() - t0;
	if (err) {
		pr_warn("cannot load the --func programs: %s (uprobe_multi links need Linux 6.6)",
			strerror(-err));
		return err;
	}
	/* one process and not its children: the kernel puts breakpoints in it alone */
	if (sh->mode == HYB_MODE_TARGET && !o->follow && !!child + o->npids == 1)
		F.pid_filter = child ? child : o->pids[0];
	bool lost_cmd = false;	/* no such command: its exec says so, not the patterns */

	if (child && o->argv) {
		if (find_command(o->argv[0], cmd) && realpath(cmd, path))
			err = resolve_program(path);
		else
			lost_cmd = true;
	}
	for (int i = 0; !err && i < o->npids; i++) {
		err = resolve_maps(o->pids[i]);
		if (err == -ESRCH)
			err = 0;	/* attach_pid says so */
	}
	if (!err && sh->mode == HYB_MODE_ALL)
		err = resolve_all(o);
	/* the system's dynamic linker: programs started later (-f, -a) load their libraries with it */
	if (!err && realpath(LDSO, cmd))
		err = resolve_file(cmd, NULL);
	if (!err && !lost_cmd)
		err = check_patterns(o);
	if (err) {
		if (err != -ENOENT)
			pr_warn("--func: %s", strerror(-err));
		return err;
	}
	err = ring_buffer__add(sh->ring, bpf_map__fd(F.skel->maps.newfiles), on_newfile, tr);
	if (err) {
		pr_warn("cannot read the --func notices: %s", strerror(-err));
		return err;
	}
	F.started = true;
	pr_info("--func: %u functions in %u binaries (%zu files read; %.1f ms: BPF load %.1f, attach %.1f)",
		funcs_count(tr->funcs), F.nbins, F.npaths, (mono_ns() - t0) / 1e6, F.load_ns / 1e6,
		F.attach_ns / 1e6);
	return 0;
}

bool bfunc_own_stop(pid_t tid)
{
	uint32_t key = (uint32_t)tid, n;
	int fd;

	if (!F.skel)
		return false;
	fd = bpf_map__fd(F.skel->maps.stops);
	if (bpf_map_lookup_elem(fd, &key, &n) || !n)
		return false;
	if (--n)
		bpf_map_update_elem(fd, &key, &n, BPF_EXIST);
	else
		bpf_map_delete_elem(fd, &key);
	return true;
}

void bfunc_boot_off(uint64_t off)
{
	if (F.skel && F.skel->bss)
		F.skel->bss->boot_off = off;
}

void bfunc_detach(void)
{
	if (F.detached)
		return;
	for (size_t i = 0; i < F.nlinks; i++)
		close(F.links[i]);
	F.nlinks = 0;
	F.detached = true;
	if (!F.skel)
		return;
	pr_info("--func: %llu tasks stopped for libraries loaded later, %u functions in %u binaries",
		(unsigned long long)F.stops, funcs_count(F.tr->funcs), F.nbins);
	if (F.started && !funcs_count(F.tr->funcs))
		pr_warn("--func: no traced program had a function the patterns select");
}

void bfunc_cleanup(void)
{
	bfunc_detach();
	free(F.links);
	for (size_t i = 0; i < F.npaths; i++)
		free(F.paths[i]);
	free(F.paths);
	hytrace_func_bpf__destroy(F.skel);
	memset(&F, 0, sizeof(F));
}
