// SPDX-License-Identifier: LGPL-2.1-or-later
/* ptrace_func.c: --func on the ptrace backend: the preload library's ring, read in time order. */
/*
 * A program built with -pg or -finstrument-functions calls hooks at each function's entry (and
 * exit); hytrace preloads its library (user/preload/libhyfunc.c) into the command it starts,
 * which writes a struct hy_func per entry and exit into a per-thread ring in a memfd (the
 * protocol is in ptrace_func.h).  The backend drains every ring at each stop of any tracee,
 * before it feeds that stop's records: a thread's function records, written before it stopped
 * at a syscall, reach the pipeline before that syscall, and the rings are merged by time.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "backend.h"
#include "clock.h"
#include "funcs.h"
#include "log.h"
#include "paths.h"
#include "ptrace_func.h"
#include "spawn.h"

#define LIB_NAME "libhytrace-func.so"

static struct {
	struct hyf_hdr *h;
	int fd;
	char *env_preload, *env_fd;	/* the strings put in the command's environment */
	uint64_t lost_seen[HYF_SLOTS];	/* per slot: losses already reported */
	uint64_t noslot_seen;
	unsigned long long fed, bad;
	bool mcount;			/* the program or a library it links is a -pg build */
} F = { .fd = -1 };

bool pfunc_active(void)
{
	return F.h != NULL;
}

/* -- is the program instrumented? ---------------------------------------------------------- */

static const char *const hooks[] = { "mcount", "_mcount", "__cyg_profile_func_enter" };

struct elf_facts {
	bool dynamic;		/* has a dynamic section (else LD_PRELOAD cannot work) */
	bool hooked;		/* needs one of hooks[] from elsewhere */
	bool mcount;		/* ... mcount or _mcount: a -pg build */
	char *needed[64];
	int nneeded;
	char *runpath;		/* DT_RUNPATH or DT_RPATH */
};

static void facts_free(struct elf_facts *ef)
{
	for (int i = 0; i < ef->nneeded; i++)
		free(ef->needed[i]);
	free(ef->runpath);
	memset(ef, 0, sizeof(*ef));
}

/* What path's dynamic symbols and section say; -errno when it cannot be read as ELF. */
static int elf_read(const char *path, struct elf_facts *ef)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf *e;
	Elf_Scn *scn = NULL;

	memset(ef, 0, sizeof(*ef));
	if (fd < 0)
		return -errno;
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF) {
		if (e)
			elf_end(e);
		close(fd);
		return -ENOEXEC;
	}
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || !(d = elf_getdata(scn, NULL)))
			continue;
		if (sh.sh_type == SHT_DYNSYM && sh.sh_entsize) {
			for (size_t i = 0; i < sh.sh_size / sh.sh_entsize && !ef->mcount; i++) {
				GElf_Sym s;
				const char *name;

				if (!gelf_getsym(d, (int)i, &s) || s.st_shndx != SHN_UNDEF ||
				    !(name = elf_strptr(e, sh.sh_link, s.st_name)))
					continue;
				for (size_t k = 0; k < sizeof(hooks) / sizeof(hooks[0]); k++)
					if (!strcmp(name, hooks[k])) {
						ef->hooked = true;
						ef->mcount |= k < 2;
					}
			}
		} else if (sh.sh_type == SHT_DYNAMIC && sh.sh_entsize) {
			ef->dynamic = true;
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
				if (dy.d_tag == DT_NEEDED && ef->nneeded < 64)
					ef->needed[ef->nneeded++] = strdup(s);
				else if (dy.d_tag != DT_NEEDED && !ef->runpath)
					ef->runpath = strdup(s);
			}
		}
	}
	elf_end(e);
	close(fd);
	return 0;
}

static const char *env_get(char **envp, const char *name)
{
	size_t n = strlen(name);

	for (; envp && *envp; envp++)
		if (!strncmp(*envp, name, n) && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

/* Whether library name, looked up in dirs (':'-separated, $ORIGIN is origin), needs a hook
 * (and F.mcount set when it is mcount). */
static bool lib_hooked_in(const char *name, const char *dirs, const char *origin)
{
	while (dirs && *dirs) {
		const char *colon = strchr(dirs, ':');
		size_t n = colon ? (size_t)(colon - dirs) : strlen(dirs);
		char path[PATH_MAX];
		struct elf_facts ef;

		if (n >= 7 && !strncmp(dirs, "$ORIGIN", 7))
			snprintf(path, sizeof(path), "%s%.*s/%s", origin, (int)(n - 7), dirs + 7, name);
		else
			snprintf(path, sizeof(path), "%.*s/%s", (int)n, dirs, name);
		if (n && access(path, R_OK) == 0 && elf_read(path, &ef) == 0) {
			bool hooked = ef.hooked;

			F.mcount |= ef.mcount;
			facts_free(&ef);
			return hooked;	/* the first one found is the one the loader takes */
		}
		dirs += n + (colon ? 1 : 0);
	}
	return false;
}

/*
 * 0 when the program or a library it links needs mcount or __cyg_profile_func_enter (or,
 * with -f, when it may start programs that do: a warning then); -ENOEXEC (static, or no
 * hooks) or -errno, with one line printed.
 */
static int check_program(const char *path, char **envp, bool follow)
{
	struct elf_facts ef;
	int err = elf_read(path, &ef);
	char origin[PATH_MAX];
	const char *slash = strrchr(path, '/');

	if (err && follow) {	/* a script may start instrumented programs */
		pr_info("--func: %s is not an ELF file we can read; its children may be", path);
		return 0;
	}
	if (err) {
		pr_warn("--func: cannot read %s as an ELF file: %s", path,
			err == -ENOEXEC ? "not ELF (a script? add -f to trace the programs it "
			"starts)" : strerror(-err));
		return err;
	}
	if (!ef.dynamic && !follow) {
		facts_free(&ef);
		pr_warn("--func: %s is statically linked: the ptrace backend traces functions "
			"through a library loaded with LD_PRELOAD, which it cannot load; use "
			"--backend=bpf as root", path);
		return -ENOEXEC;
	}
	snprintf(origin, sizeof(origin), "%.*s", slash ? (int)(slash - path) : 1,
		 slash ? path : ".");
	bool hooked = ef.hooked;

	F.mcount = ef.mcount;
	for (int i = 0; i < ef.nneeded && !F.mcount; i++) {
		hooked |= (ef.runpath && lib_hooked_in(ef.needed[i], ef.runpath, origin)) ||
			 lib_hooked_in(ef.needed[i], env_get(envp, "LD_LIBRARY_PATH"), origin) ||
			 lib_hooked_in(ef.needed[i], "/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:"
				       "/lib64:/usr/lib64:/lib:/usr/lib", origin);
	}
	facts_free(&ef);
	if (hooked)
		return 0;
	if (follow) {	/* a shell or make may start instrumented programs */
		pr_warn("--func: %s is not built with -pg or -finstrument-functions: only the "
			"processes it starts that are (-f) will show their functions", path);
		return 0;
	}
	pr_warn("--func: %s is not built with -pg or -finstrument-functions (neither it nor the "
		"libraries it links call mcount or __cyg_profile_func_enter), which the ptrace "
		"backend needs to see its functions: rebuild it with -pg or "
		"-finstrument-functions, or trace it with uprobes: --backend=bpf as root", path);
	return -ENOEXEC;
}

/* -- start ----------------------------------------------------------------------------------- */

static int find_library(char *out, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	/* next to the binary (the build tree), then where make install puts it */
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');

		if (slash) {
			snprintf(out, len, "%.*s/%s", (int)(slash - exe), exe, LIB_NAME);
			if (access(out, R_OK) == 0)
				return 0;
		}
	}
	snprintf(out, len, "%s/%s", HYTRACE_LIBEXECDIR, LIB_NAME);
	if (access(out, R_OK) == 0)
		return 0;
	pr_warn("--func: cannot find %s (next to the hytrace binary or in %s): the ptrace "
		"backend needs it to trace functions", LIB_NAME, HYTRACE_LIBEXECDIR);
	return -ENOENT;
}

int pfunc_start(struct tracer *tr, struct spawn *sp)
{
	const struct opts *o = tr->o;
	char lib[PATH_MAX];
	int err;

	if (o->npids) {
		pr_warn("--func on the ptrace backend cannot attach to a running process (-p): it "
			"needs its library loaded at the program's start (LD_PRELOAD); start the "
			"command under hytrace, or use --backend=bpf as root");
		return -EINVAL;
	}
	err = check_program(sp->path, sp->envp, o->follow);
	if (err)
		return err;
	err = find_library(lib, sizeof(lib));
	if (err)
		return err;
	F.fd = memfd_create("hytrace-func", 0);	/* no CLOEXEC: the command inherits it */
	if (F.fd < 0 || ftruncate(F.fd, HYF_SIZE) < 0) {
		err = -errno;
		pr_warn("--func: cannot create the function ring: %s", strerror(-err));
		goto fail;
	}
	void *p = mmap(NULL, HYF_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, F.fd, 0);

	if (p == MAP_FAILED) {
		err = -errno;
		pr_warn("--func: cannot map the function ring: %s", strerror(-err));
		goto fail;
	}
	F.h = p;
	F.h->nslots = HYF_SLOTS;
	F.h->slot_recs = HYF_SLOT_RECS;
	F.h->slot_size = sizeof(struct hyf_slot);
	F.h->version = HYF_VERSION;
	F.h->magic = HYF_MAGIC;

	const char *old = env_get(sp->envp, "LD_PRELOAD");

	if (old && *old)
		err = asprintf(&F.env_preload, "LD_PRELOAD=%s:%s", old, lib);
	else
		err = asprintf(&F.env_preload, "LD_PRELOAD=%s", lib);
	if (err < 0 || asprintf(&F.env_fd, "%s=%d", HYF_ENV_FD, F.fd) < 0 ||
	    spawn_setenv(sp, F.env_preload) || spawn_setenv(sp, F.env_fd)) {
		err = -ENOMEM;
		pr_warn("--func: cannot set the command's environment: %s", strerror(ENOMEM));
		goto fail;
	}
	F.h->args = o->func_args;
	if (o->func_args && !(o->quiet & QUIET_EXIT) && !F.mcount)
		pr_warn("--func-args: the hooks of -finstrument-functions see no arguments: "
			"entries and exits only (a -pg build has them)");
	pr_info("--func: %s preloaded, ring fd %d", lib, F.fd);
	return 0;
fail:
	pfunc_stop(tr);
	return err;
}

/* -- reading -------------------------------------------------------------------------------- */

static void feed_lost(struct tracer *tr, pid_t pid, pid_t tid, uint64_t n)
{
	struct hy_rec r = {
		.type = HY_REC_LOST,
		.size = sizeof(r),
		.pid = (uint32_t)pid,
		.tid = (uint32_t)tid,
		.ts_enter = boottime_ns(),
		.args = { n, HY_LOST_RING_FULL },
	};

	pipeline_feed(tr->pl, &r, sizeof(r));
}

struct cursor {
	struct hyf_slot *s;
	uint64_t tail, head;
};

static const struct hy_func *rec_at(const struct cursor *c)
{
	return &c->s->recs[c->tail & (HYF_SLOT_RECS - 1)];
}

/*
 * The record at c's tail to the pipeline, with the thread's ids (the library leaves them) and
 * its values (--func-args: in the ring's next place).
 */
static void feed_one(struct tracer *tr, struct cursor *c)
{
	union hy_func_rec r;

	r.h = *rec_at(c);
	c->tail++;
	if (r.h.type != HY_REC_FUNC_ENTRY && r.h.type != HY_REC_FUNC_EXIT) {
		F.bad++;
		return;
	}
	if (r.h.nval > HY_FUNC_ARGS)
		r.h.nval = 0;
	if (r.h.nval) {
		if (c->tail == c->head) {	/* a broken writer */
			F.bad++;
			return;
		}
		memcpy(r.h.v, rec_at(c), r.h.nval * sizeof(r.h.v[0]));
		c->tail++;
	}
	r.h.pid = c->s->pid;
	r.h.tid = c->s->owner;
	r.h.size = (uint32_t)(sizeof(r.h) + r.h.nval * sizeof(r.h.v[0]));
	pipeline_feed(tr->pl, &r, r.h.size);
	F.fed++;
}

void pfunc_drain(struct tracer *tr)
{
	struct hyf_hdr *h = F.h;
	struct cursor c[HYF_SLOTS];
	unsigned int k = 0;

	if (!h)
		return;
	uint32_t used = __atomic_load_n(&h->nused, __ATOMIC_ACQUIRE);

	if (used > HYF_SLOTS)
		used = HYF_SLOTS;
	for (uint32_t i = 0; i < used; i++) {
		struct hyf_slot *s = &h->slots[i];
		uint32_t owner = __atomic_load_n(&s->owner, __ATOMIC_ACQUIRE);
		uint64_t lost;

		if (!owner || owner == HYF_CLAIMING)
			continue;
		lost = __atomic_load_n(&s->lost, __ATOMIC_RELAXED);
		if (lost != F.lost_seen[i]) {
			feed_lost(tr, (pid_t)s->pid, (pid_t)owner, lost - F.lost_seen[i]);
			F.lost_seen[i] = lost;
		}
		c[k] = (struct cursor){ .s = s, .tail = s->tail,
					.head = __atomic_load_n(&s->head, __ATOMIC_ACQUIRE) };
		if (c[k].head - c[k].tail > HYF_SLOT_RECS)	/* a broken writer: skip it all */
			c[k].tail = c[k].head - HYF_SLOT_RECS;
		if (c[k].head != c[k].tail)
			k++;
	}
	uint64_t noslot = __atomic_load_n(&h->lost_noslot, __ATOMIC_RELAXED);

	if (noslot != F.noslot_seen) {
		feed_lost(tr, tr->child, tr->child, noslot - F.noslot_seen);
		F.noslot_seen = noslot;
	}
	/* oldest first across the rings (each ring is in time order) */
	while (k) {
		unsigned int j = 0;

		for (unsigned int i = 1; i < k; i++)
			if (rec_at(&c[i])->ts < rec_at(&c[j])->ts)
				j = i;
		do	/* one ring left: the rest of it in a row */
			feed_one(tr, &c[j]);
		while (k == 1 && c[j].tail != c[j].head);
		if (c[j].tail == c[j].head) {
			__atomic_store_n(&c[j].s->tail, c[j].tail, __ATOMIC_RELEASE);
			c[j] = c[--k];
		}
	}
}

bool pfunc_call(struct tracer *tr, pid_t tid, pid_t pid, const uint64_t args[6])
{
	(void)tr;
	if (!F.h)
		return false;
	if (args[0] == HYF_OP_DRAIN)
		return true;	/* the stop drained the rings already */
	if (args[0] != HYF_OP_CLAIM || args[1] >= HYF_SLOTS)
		return false;
	struct hyf_slot *s = &F.h->slots[args[1]];

	if (__atomic_load_n(&s->owner, __ATOMIC_ACQUIRE) != HYF_CLAIMING)
		return false;
	s->pid = (uint32_t)pid;
	F.lost_seen[args[1]] = s->lost;
	__atomic_store_n(&s->owner, (uint32_t)tid, __ATOMIC_RELEASE);
	return true;
}

static void slot_free(unsigned int i)
{
	struct hyf_slot *s = &F.h->slots[i];

	s->head = s->tail = 0;
	s->lost = 0;
	s->pid = 0;
	F.lost_seen[i] = 0;
	__atomic_store_n(&s->owner, 0, __ATOMIC_RELEASE);
}

void pfunc_task_gone(struct tracer *tr, pid_t tid)
{
	if (!F.h)
		return;
	pfunc_drain(tr);
	uint32_t used = __atomic_load_n(&F.h->nused, __ATOMIC_ACQUIRE);

	for (uint32_t i = 0; i < used && i < HYF_SLOTS; i++)
		if (__atomic_load_n(&F.h->slots[i].owner, __ATOMIC_ACQUIRE) == (uint32_t)tid)
			slot_free(i);
}

void pfunc_exec(struct tracer *tr, pid_t pid)
{
	if (!F.h)
		return;
	pfunc_drain(tr);
	uint32_t used = __atomic_load_n(&F.h->nused, __ATOMIC_ACQUIRE);

	for (uint32_t i = 0; i < used && i < HYF_SLOTS; i++) {
		uint32_t owner = __atomic_load_n(&F.h->slots[i].owner, __ATOMIC_ACQUIRE);

		if (owner && owner != HYF_CLAIMING && F.h->slots[i].pid == (uint32_t)pid)
			slot_free(i);
	}
	/* the same addresses now hold other code */
	if (tr->funcs)
		funcs_forget_process(tr->funcs, pid);
}

void pfunc_stop(struct tracer *tr)
{
	if (F.h) {
		pfunc_drain(tr);
		pr_info("--func: %llu function records read from the ring", F.fed);
		if (F.bad)
			pr_warn("--func: %llu malformed records in the function ring skipped (a "
				"process that wrote to its parent's ring after vfork or clone?)",
				F.bad);
		munmap(F.h, HYF_SIZE);
	}
	if (F.fd >= 0)
		close(F.fd);
	free(F.env_preload);
	free(F.env_fd);
	memset(&F, 0, sizeof(F));
	F.fd = -1;
}
