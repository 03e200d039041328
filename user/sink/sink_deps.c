// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_deps.c: --deps: what a command tree read and wrote, by path, as text, JSON, Make or DVC. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "digest.h"
#include "log.h"
#include "sink.h"
#include "tidmap.h"

/* what happened to a path (struct dep.flags) */
#define D_READ		0x0001	/* opened for reading (or read-write) */
#define D_EXEC		0x0002	/* executed, or the interpreter of an executed script */
#define D_LIST		0x0004	/* directory listed (getdents) */
#define D_STAT		0x0008	/* looked at: stat, access, readlink */
#define D_MISSING	0x0010	/* looked up and absent (ENOENT) */
#define D_WRITTEN	0x0020	/* opened for writing, created, truncated */
#define D_RENAMED_TO	0x0040	/* a rename's target */
#define D_LINKED	0x0080	/* created as a hard or symbolic link */
#define D_DELETED	0x0100	/* unlinked or removed */
#define D_GONE_BY_RENAME 0x0200	/* a rename's source */
#define D_MKDIR		0x0400	/* created as a directory */
#define D_NEW		0x0800	/* its first event created it: it did not exist before the run */
#define D_INPUT		0x1000	/* read before anything in the run wrote it */

#define D_READS (D_READ | D_EXEC | D_LIST | D_STAT)
#define D_WRITES (D_WRITTEN | D_RENAMED_TO | D_LINKED | D_MKDIR)
#define DEP_PIDS 16	/* processes kept per path (the JSON "pids"); more are counted */

struct dep {
	char *path;		/* absolute, normalised */
	char *origin;		/* D_RENAMED_TO: the first name of what was renamed here, or NULL */
	unsigned int flags;
	unsigned int npids, more_pids;
	pid_t pids[DEP_PIDS];
};

/* per process (thread group): working directory and fd -> path */
struct dproc {
	char *cwd;
	char **fds;
	int nfds;
	bool known;
};

enum op {
	OP_NONE, OP_OPEN, OP_CREAT, OP_OPENAT2, OP_EXEC, OP_CHDIR, OP_FCHDIR, OP_CLOSE, OP_DUP,
	OP_DUP2, OP_FCNTL, OP_LIST, OP_STAT, OP_LSTAT, OP_STATAT, OP_ACCESS, OP_TRUNCATE, OP_RENAME,
	OP_UNLINK, OP_UNLINKAT, OP_RMDIR, OP_MKDIR, OP_LINK, OP_LINKAT, OP_SYMLINK,
};

/*
 * The syscalls --deps reads, by name (looked up in this arch's table at start): the operation,
 * the dirfd argument (-1: relative to the cwd), the path argument, and for two-path calls the
 * second dirfd and path; flags: the flags argument (open flags, AT_* flags), -1 none.
 */
struct dsys {
	const char *name;
	enum op op;
	signed char dirfd, path, dirfd2, path2, flags;
};

static const struct dsys dsys[] = {
	{ "open", OP_OPEN, -1, 0, -1, -1, 1 },
	{ "openat", OP_OPEN, 0, 1, -1, -1, 2 },
	{ "openat2", OP_OPENAT2, 0, 1, -1, -1, -1 },
	{ "creat", OP_CREAT, -1, 0, -1, -1, -1 },
	{ "execve", OP_EXEC, -1, 0, -1, -1, -1 },
	{ "execveat", OP_EXEC, 0, 1, -1, -1, 4 },
	{ "chdir", OP_CHDIR, -1, 0, -1, -1, -1 },
	{ "fchdir", OP_FCHDIR, -1, -1, -1, -1, -1 },
	{ "close", OP_CLOSE, -1, -1, -1, -1, -1 },
	{ "dup", OP_DUP, -1, -1, -1, -1, -1 },
	{ "dup2", OP_DUP2, -1, -1, -1, -1, -1 },
	{ "dup3", OP_DUP2, -1, -1, -1, -1, -1 },
	{ "fcntl", OP_FCNTL, -1, -1, -1, -1, -1 },
	{ "getdents", OP_LIST, -1, -1, -1, -1, -1 },
	{ "getdents64", OP_LIST, -1, -1, -1, -1, -1 },
	{ "stat", OP_STAT, -1, 0, -1, -1, -1 },
	{ "lstat", OP_LSTAT, -1, 0, -1, -1, -1 },
	{ "newfstatat", OP_STATAT, 0, 1, -1, -1, 3 },
	{ "statx", OP_STATAT, 0, 1, -1, -1, 2 },
	{ "access", OP_ACCESS, -1, 0, -1, -1, -1 },
	{ "faccessat", OP_ACCESS, 0, 1, -1, -1, -1 },
	{ "faccessat2", OP_STATAT, 0, 1, -1, -1, 3 },
	{ "readlink", OP_LSTAT, -1, 0, -1, -1, -1 },
	{ "readlinkat", OP_LSTAT, 0, 1, -1, -1, -1 },
	{ "truncate", OP_TRUNCATE, -1, 0, -1, -1, -1 },
	{ "rename", OP_RENAME, -1, 0, -1, 1, -1 },
	{ "renameat", OP_RENAME, 0, 1, 2, 3, -1 },
	{ "renameat2", OP_RENAME, 0, 1, 2, 3, -1 },
	{ "unlink", OP_UNLINK, -1, 0, -1, -1, -1 },
	{ "unlinkat", OP_UNLINKAT, 0, 1, -1, -1, 2 },
	{ "rmdir", OP_RMDIR, -1, 0, -1, -1, -1 },
	{ "mkdir", OP_MKDIR, -1, 0, -1, -1, -1 },
	{ "mkdirat", OP_MKDIR, 0, 1, -1, -1, -1 },
	{ "link", OP_LINK, -1, 0, -1, 1, -1 },
	{ "linkat", OP_LINKAT, 0, 1, 2, 3, 4 },
	{ "symlink", OP_SYMLINK, -1, -1, -1, 1, -1 },
	{ "symlinkat", OP_SYMLINK, -1, -1, 1, 2, -1 },
};

/* the process syscalls --deps also needs (children, exits); FORK/EXEC/EXIT records come anyway */
static const char *const dsys_process[] = { "clone", "clone3", "fork", "vfork", "exit", "exit_group" };

struct dcache {
	char **key, **val;
	size_t cap, n;
};

struct deps {
	const struct dsys *bynr[HY_NR_MAX];
	struct tidmap procs;		/* struct dproc by pid */
	struct dep **tab;		/* open addressing by path */
	size_t cap, n;
	char *root;			/* --deps-root, resolved; "/" keeps everything */
	char *start_cwd;
	enum digest_kind hash;
	pid_t first_pid;
	int exit_code, exit_sig;	/* of the first process; -1: not seen */
	unsigned long unresolved;	/* relative paths whose directory fd was unknown */
	struct dcache dirs;		/* resolved directories */
	struct outfile out;
};

/* -- the syscall table ---------------------------------------------------------------------- */

/* The syscalls --deps needs, as -e trace= bits (options.c limits the capture to them). */
void deps_trace_set(uint64_t *set)
{
	memset(set, 0, NR_WORDS * sizeof(uint64_t));
	for (size_t i = 0; i < sizeof(dsys) / sizeof(dsys[0]); i++) {
		long nr = sysent_lookup(dsys[i].name);

		if (nr >= 0 && nr < HY_NR_MAX)
			set[nr / 64] |= 1ull << (nr % 64);
	}
	for (size_t i = 0; i < sizeof(dsys_process) / sizeof(dsys_process[0]); i++) {
		long nr = sysent_lookup(dsys_process[i]);

		if (nr >= 0 && nr < HY_NR_MAX)
			set[nr / 64] |= 1ull << (nr % 64);
	}
}

/* -- paths ------------------------------------------------------------------------------------ */

/* Normalise an absolute path in place: no "//", "/./", and ".." taken lexically. */
static void path_norm(char *p)
{
	char *out = p, *in = p;

	/* out never passes in: each component is copied down, then its '/' separator */
	while (*in) {
		while (*in == '/')
			in++;
		if (!*in)
			break;
		char *end = strchrnul(in, '/');
		size_t n = (size_t)(end - in);

		if (n == 1 && in[0] == '.') {
			/* nothing */
		} else if (n == 2 && in[0] == '.' && in[1] == '.') {
			while (out > p && *--out != '/')
				;
		} else {
			*out++ = '/';
			memmove(out, in, n);
			out += n;
		}
		in = end;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

/*
 * Directories resolved by realpath(), by their lexical name (struct dcache): most lookups of
 * a build are in a few directories.  Emptied whenever the run renames, removes or links
 * something, since a directory or a symbolic link on the way may then have changed.
 */

static void dcache_clear(struct dcache *c)
{
	for (size_t i = 0; i < c->cap; i++) {
		free(c->key[i]);
		free(c->val[i]);
	}
	free(c->key);
	free(c->val);
	memset(c, 0, sizeof(*c));
}

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a, 64 bits */

	while (*s)
		h = (h ^ (uint8_t)*s++) * 1099511628211ull;
	return h;
}

static const char *dcache_get(const struct dcache *c, const char *k)
{
	if (!c->cap)
		return NULL;
	for (size_t j = str_hash(k) & (c->cap - 1); c->key[j]; j = (j + 1) & (c->cap - 1))
		if (!strcmp(c->key[j], k))
			return c->val[j];
	return NULL;
}

static void dcache_put(struct dcache *c, const char *k, const char *v)
{
	if (c->n * 2 >= c->cap) {
		if (c->cap >= 1 << 16)
			dcache_clear(c);	/* bounded: start again */
		size_t ncap = c->cap ? c->cap * 2 : 256;
		char **nk = calloc(ncap, sizeof(*nk)), **nv = calloc(ncap, sizeof(*nv));

		if (!nk || !nv) {
			free(nk);
			free(nv);
			return;
		}
		for (size_t i = 0; i < c->cap; i++) {
			if (!c->key[i])
				continue;
			size_t j = str_hash(c->key[i]) & (ncap - 1);

			while (nk[j])
				j = (j + 1) & (ncap - 1);
			nk[j] = c->key[i];
			nv[j] = c->val[i];
		}
		free(c->key);
		free(c->val);
		c->key = nk;
		c->val = nv;
		c->cap = ncap;
	}
	size_t j = str_hash(k) & (c->cap - 1);

	while (c->key[j])
		j = (j + 1) & (c->cap - 1);
	c->key[j] = strdup(k);
	c->val[j] = strdup(v);
	if (!c->key[j] || !c->val[j]) {
		free(c->key[j]);
		free(c->val[j]);
		c->key[j] = c->val[j] = NULL;
		return;
	}
	c->n++;
}

/*
 * Resolve symbolic links as the kernel did: the directory part always, the last component
 * when follow is set.  What no longer exists (eBPF records are read after the call) keeps the
 * lexical form of its missing part.  Returns a malloc'd path, or NULL when out of memory.
 */
static char *path_resolve(struct dcache *c, const char *abs, bool follow)
{
	char *lex = strdup(abs), rp[PATH_MAX];
	struct stat st;

	if (!lex)
		return NULL;
	path_norm(lex);
	if (!strcmp(lex, "/"))
		return lex;
	char *slash = strrchr(lex, '/');

	*slash = '\0';
	const char *dir = lex[0] ? lex : "/", *rdir = dcache_get(c, dir);

	if (!rdir && realpath(dir, rp)) {
		dcache_put(c, dir, rp);
		rdir = rp;
	}
	if (!rdir || strlen(rdir) + strlen(slash + 1) + 2 >= sizeof(rp)) {
		*slash = '/';
		return lex;
	}
	size_t dl = strcmp(rdir, "/") ? strlen(rdir) : 0, nl = strlen(slash + 1);
	char *res = malloc(dl + nl + 2);

	if (!res) {
		free(lex);
		return NULL;
	}
	memcpy(res, rdir, dl);
	res[dl] = '/';
	memcpy(res + dl + 1, slash + 1, nl + 1);
	free(lex);
	/* the last component: followed only when it is a link */
	if (follow && !lstat(res, &st) && S_ISLNK(st.st_mode) && realpath(res, rp)) {
		free(res);
		return strdup(rp);
	}
	return res;
}

static char *path_join(const char *base, const char *rel, size_t rlen)
{
	size_t bl = strlen(base);
	char *p = malloc(bl + rlen + 2);

	if (!p)
		return NULL;
	memcpy(p, base, bl);
	p[bl] = '/';
	memcpy(p + bl + 1, rel, rlen);
	p[bl + 1 + rlen] = '\0';
	return p;
}

/* -- per-process state ------------------------------------------------------------------------ */

static void dproc_fini(void *v)
{
	struct dproc *p = v;

	free(p->cwd);
	for (int i = 0; i < p->nfds; i++)
		free(p->fds[i]);
	free(p->fds);
}

static struct dproc *dproc_get(struct deps *d, pid_t pid)
{
	struct dproc *p = tidmap_add(&d->procs, pid, NULL);
	char link[64], buf[PATH_MAX];

	if (!p || p->known)
		return p;
	p->known = true;
	/* a process met before its parent's fork: attached (-p), or the first of the command */
	snprintf(link, sizeof(link), "/proc/%d/cwd", (int)pid);
	ssize_t n = readlink(link, buf, sizeof(buf) - 1);

	if (n > 0 && buf[0] == '/') {
		buf[n] = '\0';
		p->cwd = strdup(buf);
	} else {
		p->cwd = strdup(d->start_cwd);
	}
	return p;
}

static void fd_set_path(struct dproc *p, long fd, const char *path)
{
	if (fd < 0 || fd > 1 << 20)
		return;
	if (fd >= p->nfds) {
		int n = p->nfds ? p->nfds : 16;

		while (n <= fd)
			n *= 2;
		char **nf = realloc(p->fds, (size_t)n * sizeof(*nf));

		if (!nf)
			return;
		memset(nf + p->nfds, 0, (size_t)(n - p->nfds) * sizeof(*nf));
		p->fds = nf;
		p->nfds = n;
	}
	free(p->fds[fd]);
	p->fds[fd] = path ? strdup(path) : NULL;
}

static const char *fd_path(struct dproc *p, long fd)
{
	return fd >= 0 && fd < p->nfds ? p->fds[fd] : NULL;
}

static void dproc_copy(struct deps *d, pid_t child, pid_t parent)
{
	struct dproc *pp = dproc_get(d, parent), *c;
	bool created;

	if (!pp)
		return;
	c = tidmap_add(&d->procs, child, &created);
	if (!c)
		return;
	if (!created)
		dproc_fini(c);
	memset(c, 0, sizeof(*c));
	c->known = true;
	c->cwd = strdup(pp->cwd ? pp->cwd : d->start_cwd);
	for (int i = 0; i < pp->nfds; i++)
		if (pp->fds[i])
			fd_set_path(c, i, pp->fds[i]);
}

/* -- the path table --------------------------------------------------------------------------- */

static struct dep *dep_get(struct deps *d, const char *path)
{
	if (d->n * 2 >= d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 1024;
		struct dep **nt = calloc(ncap, sizeof(*nt));

		if (!nt)
			return NULL;
		for (size_t i = 0; i < d->cap; i++) {
			if (!d->tab[i])
				continue;
			size_t j = str_hash(d->tab[i]->path) & (ncap - 1);

			while (nt[j])
				j = (j + 1) & (ncap - 1);
			nt[j] = d->tab[i];
		}
		free(d->tab);
		d->tab = nt;
		d->cap = ncap;
	}
	size_t j = str_hash(path) & (d->cap - 1);

	while (d->tab[j]) {
		if (!strcmp(d->tab[j]->path, path))
			return d->tab[j];
		j = (j + 1) & (d->cap - 1);
	}
	struct dep *e = calloc(1, sizeof(*e));

	if (!e || !(e->path = strdup(path))) {
		free(e);
		return NULL;
	}
	d->tab[j] = e;
	d->n++;
	return e;
}

/* Record what pid did to path (flags D_*). */
static struct dep *dep_note(struct deps *d, const char *path, unsigned int flags, pid_t pid)
{
	struct dep *e = dep_get(d, path);

	if (!e)
		return NULL;
	/* first written (perhaps after lookups that found nothing): it did not exist before */
	if (!(e->flags & ~D_MISSING) && (flags & D_WRITES) && !(flags & D_READS))
		flags |= D_NEW;
	/* an input is what the run read before it wrote it (or created it) itself */
	if ((flags & D_READS) && !(e->flags & (D_WRITES | D_DELETED | D_GONE_BY_RENAME)))
		flags |= D_INPUT;
	/* a name written again after a rename or delete is a new file there */
	if ((flags & D_WRITES) && (e->flags & (D_DELETED | D_GONE_BY_RENAME))) {
		e->flags &= ~(D_DELETED | D_GONE_BY_RENAME);
		if (!(e->flags & D_INPUT))
			flags |= D_NEW;
	}
	e->flags |= flags;
	for (unsigned int i = 0; i < e->npids; i++)
		if (e->pids[i] == pid)
			return e;
	if (e->npids < DEP_PIDS)
		e->pids[e->npids++] = pid;
	else
		e->more_pids++;
	return e;
}

/* -- events ----------------------------------------------------------------------------------- */

static int arg_str(const struct event *ev, int arg, const char **s, size_t *n)
{
	const struct event_blob *b = event_blob(ev, arg, HY_AT_ENTER, 0);

	if (!b)
		b = event_blob_any(ev, arg, 0);
	if (!b || b->h.err)
		return -1;
	*s = (const char *)b->data;
	*n = strnlen(*s, b->h.len);
	return 0;
}

/* The absolute path of (dirfd, path argument) for ev, malloc'd, or NULL. */
static char *ev_path(struct deps *d, struct dproc *p, const struct event *ev, int dirfd_arg,
		     int path_arg, bool follow, pid_t pid)
{
	const char *s, *base;
	size_t n;
	char *abs, *res, buf[PATH_MAX], link[64];

	if (path_arg < 0 || arg_str(ev, path_arg, &s, &n) || !n)
		return NULL;
	if (s[0] == '/') {
		abs = strndup(s, n);
	} else {
		int dfd = dirfd_arg >= 0 ? (int)ev->r.args[dirfd_arg] : AT_FDCWD;

		base = dfd == AT_FDCWD ? p->cwd : fd_path(p, dfd);
		if (!base) {
			/* an fd opened before we saw it: ask the kernel while it may still be there */
			snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid, dfd);
			ssize_t m = readlink(link, buf, sizeof(buf) - 1);

			if (m <= 0 || buf[0] != '/') {
				d->unresolved++;
				return NULL;
			}
			buf[m] = '\0';
			base = buf;
		}
		abs = path_join(base, s, n);
	}
	if (!abs)
		return NULL;
	res = path_resolve(&d->dirs, abs, follow);
	free(abs);
	return res;
}

/* An executed script's interpreter (#!), read from the file while it is there. */
static void note_interp(struct deps *d, const char *path, pid_t pid)
{
	char buf[256];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0)
		return;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	close(fd);
	if (n < 3 || buf[0] != '#' || buf[1] != '!')
		return;
	buf[n] = '\0';
	char *s = buf + 2;

	while (*s == ' ' || *s == '\t')
		s++;
	s[strcspn(s, " \t\n")] = '\0';
	if (*s != '/')
		return;
	char *res = path_resolve(&d->dirs, s, true);

	if (res)
		dep_note(d, res, D_EXEC, pid);
	free(res);
}

static void deps_syscall(struct sink *s, const struct event *ev, struct dctx *dc, struct task *t)
{
	struct deps *d = s->priv;
	const struct dsys *sy;
	struct dproc *p;
	pid_t pid = ev->r.pid;
	long ret = (long)ev->r.ret;
	bool ok, enoent;
	char *path = NULL, *path2 = NULL;
	unsigned long long fl;

	if (ev->r.type != HY_REC_SYSCALL || ev->r.nr < 0 || ev->r.nr >= HY_NR_MAX)
		return;
	if (!d->first_pid)
		d->first_pid = pid;
	sy = d->bynr[ev->r.nr];
	if (!sy || (ev->r.flags & HY_F_NO_EXIT))
		return;
	p = dproc_get(d, pid);
	if (!p)
		return;
	ok = !(ret < 0 && ret >= -4095);
	enoent = ret == -ENOENT || ret == -ENOTDIR;
	fl = sy->flags >= 0 ? ev->r.args[sy->flags] : 0;

	switch (sy->op) {
	case OP_OPEN:
	case OP_CREAT:
	case OP_OPENAT2: {
		if (sy->op == OP_CREAT) {
			fl = O_WRONLY | O_CREAT | O_TRUNC;
		} else if (sy->op == OP_OPENAT2) {
			const struct event_blob *b = event_blob_any(ev, 2, 0);

			fl = 0;
			if (b && !b->h.err && b->h.len >= 8)
				memcpy(&fl, b->data, 8);
		}
		bool nofollow = (fl & O_NOFOLLOW) || ((fl & O_CREAT) && (fl & O_EXCL));

		path = ev_path(d, p, ev, sy->dirfd, sy->path, !nofollow, pid);
		if (!path)
			break;
		if (ok) {
			unsigned int f;

			if ((fl & O_PATH) == O_PATH)
				f = 0;	/* a handle for *at() calls: no access to the contents */
			else if ((fl & O_ACCMODE) == O_RDONLY)
				f = fl & O_TRUNC ? D_WRITTEN : D_READ;
			else if ((fl & O_ACCMODE) == O_RDWR)	/* w+ (O_TRUNC): nothing read back */
				f = fl & O_TRUNC ? D_WRITTEN : D_READ | D_WRITTEN;
			else
				f = D_WRITTEN;
			if (f & D_WRITTEN && !(fl & (O_CREAT | O_TRUNC)) && !(f & D_READ))
				f |= D_READ;	/* written in place: what was there counted */
			if (f)
				dep_note(d, path, f, pid);
			fd_set_path(p, ret, path);
		} else if (enoent) {
			dep_note(d, path, D_MISSING, pid);
		}
		break;
	}
	case OP_EXEC: {
		path = ev_path(d, p, ev, sy->dirfd, sy->path, true, pid);
		if (!path)
			break;
		if (ok) {
			dep_note(d, path, D_EXEC, pid);
			note_interp(d, path, pid);
		} else if (enoent) {
			dep_note(d, path, D_MISSING, pid);
		}
		break;
	}
	case OP_CHDIR:
		if (!ok)
			break;
		path = ev_path(d, p, ev, -1, sy->path, true, pid);
		if (path) {
			free(p->cwd);
			p->cwd = path;
			path = NULL;
		}
		break;
	case OP_FCHDIR: {
		const char *fp = fd_path(p, (long)ev->r.args[0]);

		if (ok && fp) {
			char *c = strdup(fp);

			if (c) {
				free(p->cwd);
				p->cwd = c;
			}
		}
		break;
	}
	case OP_CLOSE:
		if (ok)
			fd_set_path(p, (long)ev->r.args[0], NULL);
		break;
	case OP_DUP:
	case OP_DUP2:
		if (ok)
			fd_set_path(p, ret, fd_path(p, (long)ev->r.args[0]));
		break;
	case OP_FCNTL:
		if (ok && (ev->r.args[1] == F_DUPFD || ev->r.args[1] == F_DUPFD_CLOEXEC))
			fd_set_path(p, ret, fd_path(p, (long)ev->r.args[0]));
		break;
	case OP_LIST: {
		const char *fp = fd_path(p, (long)ev->r.args[0]);

		if (ok && fp)
			dep_note(d, fp, D_LIST, pid);
		break;
	}
	case OP_STAT:
	case OP_LSTAT:
	case OP_STATAT:
	case OP_ACCESS: {
		bool follow = sy->op != OP_LSTAT &&
			      !(sy->op == OP_STATAT && (fl & AT_SYMLINK_NOFOLLOW));

		path = ev_path(d, p, ev, sy->dirfd, sy->path, follow, pid);
		if (!path)
			break;	/* AT_EMPTY_PATH: the fd itself, already counted when opened */
		if (ok)
			dep_note(d, path, D_STAT, pid);
		else if (enoent)
			dep_note(d, path, D_MISSING, pid);
		break;
	}
	case OP_TRUNCATE:
		path = ev_path(d, p, ev, -1, sy->path, true, pid);
		if (path && ok)
			dep_note(d, path, D_WRITTEN, pid);
		break;
	case OP_UNLINK:
	case OP_UNLINKAT:
	case OP_RMDIR:
		path = ev_path(d, p, ev, sy->dirfd, sy->path, false, pid);
		if (path && ok)
			dep_note(d, path, D_DELETED, pid);
		else if (path && enoent)
			dep_note(d, path, D_MISSING, pid);
		break;
	case OP_MKDIR:
		path = ev_path(d, p, ev, sy->dirfd, sy->path, false, pid);
		if (path && ok)
			dep_note(d, path, D_MKDIR, pid);
		break;
	case OP_RENAME:
	case OP_LINK:
	case OP_LINKAT:
	case OP_SYMLINK: {
		if (!ok)
			break;
		bool follow_old = sy->op == OP_LINKAT && (fl & AT_SYMLINK_FOLLOW);

		if (sy->op != OP_SYMLINK)
			path = ev_path(d, p, ev, sy->dirfd, sy->path, follow_old, pid);
		path2 = ev_path(d, p, ev, sy->dirfd2, sy->path2, false, pid);
		if (!path2)
			break;
		if (sy->op != OP_RENAME) {
			if (path)
				dep_note(d, path, D_STAT, pid);
			dep_note(d, path2, D_LINKED, pid);
			break;
		}
		if (!path)
			break;
		struct dep *from = dep_note(d, path, 0, pid);
		char *origin = from && from->origin ? strdup(from->origin) : strdup(path);
		/* what was renamed keeps what the run did to it under its new name */
		unsigned int carry = from ? from->flags & (D_NEW | D_WRITTEN) : 0;
		struct dep *to = dep_note(d, path2, D_RENAMED_TO | carry, pid);

		if (from) {
			from->flags |= D_GONE_BY_RENAME;
			free(from->origin);
			from->origin = NULL;
		}
		if (to && origin) {
			free(to->origin);
			to->origin = origin;
		} else {
			free(origin);
		}
		break;
	}
	case OP_NONE:
		break;
	}
	if (ok && (sy->op == OP_RENAME || sy->op == OP_UNLINK || sy->op == OP_UNLINKAT ||
		   sy->op == OP_RMDIR || sy->op == OP_SYMLINK || sy->op == OP_LINK || sy->op == OP_LINKAT))
		dcache_clear(&d->dirs);
	free(path);
	free(path2);
	(void)dc;
	(void)t;
}

static void deps_process(struct sink *s, const struct event *ev, struct task *t)
{
	struct deps *d = s->priv;

	if (!d->first_pid)
		d->first_pid = ev->r.pid;
	switch (ev->r.type) {
	case HY_REC_FORK:
		if (!(ev->r.flags & HY_F_THREAD))
			dproc_copy(d, (pid_t)ev->r.args[1], (pid_t)ev->r.args[3]);
		break;
	case HY_REC_EXIT:
		if ((pid_t)ev->r.tid == d->first_pid && d->exit_code < 0 && d->exit_sig < 0) {
			if (ev->r.flags & HY_F_KILLED)
				d->exit_sig = (int)ev->r.nr;
			else
				d->exit_code = (int)ev->r.nr;
		}
		break;
	default:
		break;
	}
	(void)t;
}

/* -- the report ------------------------------------------------------------------------------- */

enum kind { K_INPUT, K_OUTPUT, K_DELETED, K_RENAMED, K_TEMP, K_MISSING, K_N };
static const char *const kind_names[K_N] = { "inputs", "outputs", "deleted", "renamed",
					     "temporaries", "missing" };

struct item {
	struct dep *e;
	const char *how;	/* the kind of input or output */
	bool hashed;
	char hex[DIGEST_HEX_MAX];
	uint64_t size;
	bool has_size;
};

struct report {
	struct item *v[K_N];
	size_t n[K_N];
};

static bool under(const char *path, const char *root)
{
	size_t n = strlen(root);

	if (!strcmp(root, "/"))
		return true;
	return !strncmp(path, root, n) && (path[n] == '/' || !path[n]);
}

/* /proc, /sys, /dev and the dynamic loader's libraries and caches: left out unless --deps-all */
static bool system_path(const char *p)
{
	static const char *const dirs[] = { "/proc", "/sys", "/dev", "/run" };
	static const char *const files[] = { "/etc/ld.so.cache", "/etc/ld.so.preload",
					     "/etc/ld.so.conf", "/usr/lib/locale/locale-archive" };
	static const char *const libdirs[] = { "/lib", "/lib64", "/usr/lib", "/usr/lib64",
					       "/usr/local/lib", "/usr/lib32", "/lib32" };

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (under(p, dirs[i]))
			return true;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (!strcmp(p, files[i]))
			return true;
	for (size_t i = 0; i < sizeof(libdirs) / sizeof(libdirs[0]); i++) {
		if (!under(p, libdirs[i]))
			continue;
		const char *base = strrchr(p, '/') + 1;

		/* shared libraries (lib*.so, *.so.N) and gconv modules */
		if (strstr(base, ".so") && (strstr(base, ".so.") || !strcmp(strstr(base, ".so"), ".so")))
			return true;
		if (strstr(p, "/gconv/"))
			return true;
	}
	return false;
}

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	return strcmp(x->e->path, y->e->path);
}

static int report_add(struct report *r, enum kind k, struct dep *e, const char *how)
{
	struct item *nv = realloc(r->v[k], (r->n[k] + 1) * sizeof(*nv));

	if (!nv)
		return -ENOMEM;
	r->v[k] = nv;
	memset(&nv[r->n[k]], 0, sizeof(*nv));
	nv[r->n[k]].e = e;
	nv[r->n[k]].how = how;
	r->n[k]++;
	return 0;
}

static const char *input_kind(unsigned int f)
{
	return f & D_EXEC ? "exec" : f & D_READ ? "read" : f & D_LIST ? "list" : "stat";
}

static const char *output_kind(unsigned int f)
{
	return f & D_RENAMED_TO ? "renamed" : f & D_LINKED ? "linked" :
	       f & D_NEW ? "created" : "written";
}

static int report_build(struct deps *d, struct report *r)
{
	for (size_t i = 0; i < d->cap; i++) {
		struct dep *e = d->tab[i];
		struct stat st;
		int err = 0;

		if (!e || !under(e->path, d->root))
			continue;
		bool exists = !lstat(e->path, &st);
		bool dir = exists && S_ISDIR(st.st_mode);
		unsigned int f = e->flags;

		if (f & D_INPUT && (!dir || f & D_LIST) && (exists || !(f & D_GONE_BY_RENAME)))
			err = report_add(r, K_INPUT, e, input_kind(f));
		if (!err && f & D_WRITES && exists && !dir && !(f & D_GONE_BY_RENAME))
			err = report_add(r, K_OUTPUT, e, output_kind(f));
		if (!err && f & D_RENAMED_TO && e->origin && exists)
			err = report_add(r, K_RENAMED, e, NULL);
		if (!err && !exists && !(f & D_GONE_BY_RENAME)) {
			if (f & D_NEW && f & D_WRITES && !(f & D_INPUT) && !dir)
				err = report_add(r, K_TEMP, e, NULL);
			else if (f & D_DELETED)
				err = report_add(r, K_DELETED, e, NULL);
			else if (f & D_MISSING && !(f & (D_READS | D_WRITES)))
				err = report_add(r, K_MISSING, e, NULL);
		}
		if (err)
			return err;
	}
	for (int k = 0; k < K_N; k++)
		if (r->n[k])
			qsort(r->v[k], r->n[k], sizeof(struct item), item_cmp);
	/* sizes and digests of what is there at the end */
	for (int k = K_INPUT; k <= K_OUTPUT; k++)
		for (size_t i = 0; i < r->n[k]; i++) {
			struct item *it = &r->v[k][i];
			struct stat st;

			if (stat(it->e->path, &st) || !S_ISREG(st.st_mode))
				continue;
			it->size = (uint64_t)st.st_size;
			it->has_size = true;
			if (d->hash == DIGEST_NONE)
				continue;
			int herr = digest_file(d->hash, it->e->path, it->hex, &it->size);

			if (herr)
				pr_warn("--deps-hash: cannot read %s: %s", it->e->path, strerror(-herr));
			else
				it->hashed = true;
		}
	return 0;
}

static void report_free(struct report *r)
{
	for (int k = 0; k < K_N; k++)
		free(r->v[k]);
}

/* the command as one shell line, each word quoted when it needs to be */
static char *cmd_line(const struct opts *o)
{
	size_t cap = 256, n = 0;
	char *s = malloc(cap);

	if (!s)
		return NULL;
	s[0] = '\0';
	if (!o->argv) {
		/* -p: the processes attached to */
		for (int i = 0; i < o->npids && n + 16 < cap; i++)
			n += (size_t)snprintf(s + n, cap - n, "%s%d", i ? "," : "-p ", (int)o->pids[i]);
		return s;
	}
	for (int i = 0; o->argv[i]; i++) {
		const char *w = o->argv[i];
		bool plain = *w && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					  "0123456789_-./=:,+%@") == strlen(w);
		size_t need = n + 4 * strlen(w) + 4;

		if (need > cap) {
			cap = need * 2;
			char *ns = realloc(s, cap);

			if (!ns) {
				free(s);
				return NULL;
			}
			s = ns;
		}
		if (i)
			s[n++] = ' ';
		if (plain) {
			n += (size_t)sprintf(s + n, "%s", w);
			continue;
		}
		s[n++] = '\'';
		for (; *w; w++) {
			if (*w == '\'') {
				memcpy(s + n, "'\\''", 4);
				n += 4;
			} else {
				s[n++] = *w;
			}
		}
		s[n++] = '\'';
		s[n] = '\0';
	}
	return s;
}

static void json_str(struct outfile *f, const char *s)
{
	outfile_write(f, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			outfile_printf(f, "\\%c", c);
		else if (c < 0x20)
			outfile_printf(f, "\\u%04x", c);
		else
			outfile_write(f, s, 1);
	}
	outfile_write(f, "\"", 1);
}

static const char *hash_name(enum digest_kind k)
{
	return k == DIGEST_MD5 ? "md5" : "sha256";
}

static void write_text(struct deps *d, const struct report *r, const char *cmd)
{
	struct outfile *f = &d->out;

	outfile_printf(f, "hytrace --deps: %s\n", cmd);
	outfile_printf(f, "root: %s\n", d->root);
	if (d->exit_sig >= 0)
		outfile_printf(f, "exit: killed by signal %d\n", d->exit_sig);
	else if (d->exit_code >= 0)
		outfile_printf(f, "exit: %d\n", d->exit_code);
	for (int k = 0; k < K_N; k++) {
		outfile_printf(f, "%s (%zu):\n", kind_names[k], r->n[k]);
		for (size_t i = 0; i < r->n[k]; i++) {
			const struct item *it = &r->v[k][i];

			if (k == K_RENAMED)
				outfile_printf(f, "  %s -> %s\n", it->e->origin, it->e->path);
			else if (it->how)
				outfile_printf(f, "  %-8s %s%s%s\n", it->how, it->e->path,
					       it->hashed ? "  " : "", it->hashed ? it->hex : "");
			else
				outfile_printf(f, "  %s\n", it->e->path);
		}
	}
	if (d->unresolved)
		outfile_printf(f, "unresolved: %lu relative paths (directory fd unknown)\n", d->unresolved);
}

static void write_json(struct deps *d, const struct report *r, const struct opts *o)
{
	struct outfile *f = &d->out;

	outfile_printf(f, "{\"cmd\":[");
	for (int i = 0; o->argv && o->argv[i]; i++) {
		if (i)
			outfile_write(f, ",", 1);
		json_str(f, o->argv[i]);
	}
	outfile_printf(f, "],\"cwd\":");
	json_str(f, d->start_cwd);
	outfile_printf(f, ",\"root\":");
	json_str(f, d->root);
	if (d->exit_sig >= 0)
		outfile_printf(f, ",\"exit\":{\"signal\":%d}", d->exit_sig);
	else if (d->exit_code >= 0)
		outfile_printf(f, ",\"exit\":{\"code\":%d}", d->exit_code);
	else
		outfile_printf(f, ",\"exit\":null");
	outfile_printf(f, ",\"hash\":%s%s%s", d->hash ? "\"" : "", d->hash ? hash_name(d->hash) : "null",
		       d->hash ? "\"" : "");
	for (int k = 0; k < K_N; k++) {
		outfile_printf(f, ",\"%s\":[", kind_names[k]);
		for (size_t i = 0; i < r->n[k]; i++) {
			const struct item *it = &r->v[k][i];

			outfile_printf(f, "%s{\"path\":", i ? "," : "");
			json_str(f, it->e->path);
			if (k == K_RENAMED) {
				outfile_printf(f, ",\"from\":");
				json_str(f, it->e->origin);
			}
			if (it->how)
				outfile_printf(f, ",\"kind\":\"%s\"", it->how);
			if (it->has_size)
				outfile_printf(f, ",\"size\":%llu", (unsigned long long)it->size);
			if (it->hashed)
				outfile_printf(f, ",\"%s\":\"%s\"", hash_name(d->hash), it->hex);
			outfile_printf(f, ",\"pids\":[");
			for (unsigned int j = 0; j < it->e->npids; j++)
				outfile_printf(f, "%s%d", j ? "," : "", (int)it->e->pids[j]);
			outfile_printf(f, "]");
			if (it->e->more_pids)
				outfile_printf(f, ",\"more_pids\":%u", it->e->more_pids);
			outfile_printf(f, "}");
		}
		outfile_printf(f, "]");
	}
	outfile_printf(f, ",\"unresolved\":%lu}\n", d->unresolved);
}

/* a path for a Makefile: $ doubled, blanks, # and : escaped */
static void make_path(struct outfile *f, const char *p)
{
	for (; *p; p++) {
		if (*p == '$')
			outfile_write(f, "$$", 2);
		else if (*p == ' ' || *p == '\t' || *p == '#' || *p == ':' || *p == '\\')
			outfile_printf(f, "\\%c", *p);
		else
			outfile_write(f, p, 1);
	}
}

static void write_make(struct deps *d, const struct report *r, const char *cmd)
{
	struct outfile *f = &d->out;

	outfile_printf(f, "# hytrace --deps=make: %s\n", cmd);
	if (!r->n[K_OUTPUT]) {
		outfile_printf(f, "# no outputs\n");
	} else {
		for (size_t i = 0; i < r->n[K_OUTPUT]; i++) {
			outfile_printf(f, i ? " \\\n " : "");
			make_path(f, r->v[K_OUTPUT][i].e->path);
		}
		/* grouped targets (GNU make 4.3): one run of the command makes them all */
		outfile_printf(f, " &:");
		for (size_t i = 0; i < r->n[K_INPUT]; i++) {
			/* a file both read and written is not its own prerequisite */
			if (r->v[K_INPUT][i].e->flags & D_WRITES)
				continue;
			outfile_printf(f, " \\\n ");
			make_path(f, r->v[K_INPUT][i].e->path);
		}
		/* the recipe: make treats a target without one as up to date whatever its inputs */
		outfile_printf(f, "\n\tcd '");
		for (const char *w = d->start_cwd; *w; w++)
			if (*w == '\'')
				outfile_write(f, "'\\''", 4);
			else if (*w == '$')
				outfile_write(f, "$$", 2);
			else
				outfile_write(f, w, 1);
		outfile_printf(f, "' && ");
		for (const char *w = cmd; *w; w++)
			if (*w == '$')
				outfile_write(f, "$$", 2);
			else if (*w == '\n')
				outfile_write(f, " ", 1);
			else
				outfile_write(f, w, 1);
		outfile_printf(f, "\n");
	}
	/* like gcc -MP: an input that goes away does not break the build */
	for (size_t i = 0; i < r->n[K_INPUT]; i++) {
		if (r->v[K_INPUT][i].e->flags & D_WRITES)
			continue;
		outfile_printf(f, "\n");
		make_path(f, r->v[K_INPUT][i].e->path);
		outfile_printf(f, ":\n");
	}
}

/* the path relative to dir (both absolute and normalised) */
static char *rel_path(const char *path, const char *dir)
{
	size_t common = 0, i = 0, ups = 0;

	if (!strcmp(dir, "/"))
		return strdup(path + 1);
	/* the longest common prefix ending at a component boundary */
	for (i = 0; path[i] && dir[i] && path[i] == dir[i]; i++)
		if (path[i] == '/')
			common = i;
	if ((!dir[i] && (path[i] == '/' || !path[i])) || (!path[i] && dir[i] == '/'))
		common = i;
	for (const char *q = dir + common; *q; q++)
		if (*q == '/')
			ups++;
	const char *rest = path[common] == '/' ? path + common + 1 : path + common;
	char *s = malloc(ups * 3 + strlen(rest) + 2);

	if (!s)
		return NULL;
	s[0] = '\0';
	for (size_t u = 0; u < ups; u++)
		strcat(s, "../");
	strcat(s, rest);
	if (!s[0])
		strcpy(s, ".");
	else if (s[strlen(s) - 1] == '/')
		s[strlen(s) - 1] = '\0';
	return s;
}

/* a YAML scalar: plain when it cannot be read as anything else, else single-quoted */
static void yaml_str(struct outfile *f, const char *s)
{
	bool plain = *s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				  "0123456789_./+") == strlen(s) && strchr("abcdefghijklmnopqrstuvwxyz"
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZ_/", s[0]) &&
		     strcmp(s, "true") && strcmp(s, "false") && strcmp(s, "null") &&
		     strcmp(s, "yes") && strcmp(s, "no") && strcmp(s, "on") && strcmp(s, "off");

	if (plain) {
		outfile_printf(f, "%s", s);
		return;
	}
	outfile_write(f, "'", 1);
	for (; *s; s++) {
		if (*s == '\'')
			outfile_write(f, "''", 2);
		else if (*s == '\n')
			outfile_write(f, " ", 1);	/* a single-quoted YAML scalar folds line breaks */
		else
			outfile_write(f, s, 1);
	}
	outfile_write(f, "'", 1);
}

/*
 * DVC's current two-file form (DVC 2.x and 3.x, https://dvc.org/doc/user-guide/project-structure):
 * dvc.yaml holds the stage (cmd, deps, outs: paths relative to the file), dvc.lock the state
 * of each path (DVC 3 lock schema '2.0': path, hash: md5, md5, size).
 */
static void write_dvc_yaml(struct deps *d, const struct report *r, const char *cmd,
			   const char *stage, const char *base)
{
	struct outfile *f = &d->out;

	outfile_printf(f, "stages:\n  ");
	yaml_str(f, stage);
	outfile_printf(f, ":\n    cmd: ");
	yaml_str(f, cmd);
	outfile_printf(f, "\n");
	char *wdir = rel_path(d->start_cwd, base);

	if (wdir && strcmp(wdir, ".")) {
		outfile_printf(f, "    wdir: ");
		yaml_str(f, wdir);
		outfile_printf(f, "\n");
	}
	free(wdir);
	for (int k = K_INPUT; k <= K_OUTPUT; k++) {
		bool any = false;

		for (size_t i = 0; i < r->n[k]; i++) {
			const struct item *it = &r->v[k][i];

			if (!it->has_size || (k == K_INPUT && it->e->flags & D_WRITES))
				continue;
			if (!any)
				outfile_printf(f, "    %s:\n", k == K_INPUT ? "deps" : "outs");
			any = true;
			char *rel = rel_path(it->e->path, d->start_cwd);

			outfile_printf(f, "    - ");
			yaml_str(f, rel ? rel : it->e->path);
			outfile_printf(f, "\n");
			free(rel);
		}
	}
}

static void write_dvc_lock(struct deps *d, const struct report *r, const char *cmd,
			   const char *stage)
{
	struct outfile *f = &d->out;

	outfile_printf(f, "schema: '2.0'\nstages:\n  ");
	yaml_str(f, stage);
	outfile_printf(f, ":\n    cmd: ");
	yaml_str(f, cmd);
	outfile_printf(f, "\n");
	for (int k = K_INPUT; k <= K_OUTPUT; k++) {
		bool any = false;

		for (size_t i = 0; i < r->n[k]; i++) {
			const struct item *it = &r->v[k][i];

			if (!it->has_size || (k == K_INPUT && it->e->flags & D_WRITES))
				continue;
			if (!any)
				outfile_printf(f, "    %s:\n", k == K_INPUT ? "deps" : "outs");
			any = true;
			char *rel = rel_path(it->e->path, d->start_cwd);

			outfile_printf(f, "    - path: ");
			yaml_str(f, rel ? rel : it->e->path);
			free(rel);
			if (it->hashed)
				outfile_printf(f, "\n      hash: md5\n      md5: %s", it->hex);
			outfile_printf(f, "\n      size: %llu\n", (unsigned long long)it->size);
		}
	}
}

static bool is_dir(const char *p)
{
	struct stat st;

	return p && strcmp(p, "-") && !stat(p, &st) && S_ISDIR(st.st_mode);
}

static int write_dvc(struct deps *d, const struct report *r, const struct opts *o, const char *cmd)
{
	const char *stage = o->deps_stage ? o->deps_stage : "hytrace";
	int err = 0;

	if (!is_dir(o->outfile)) {
		/* one stream: dvc.yaml, then dvc.lock as a second YAML document */
		write_dvc_yaml(d, r, cmd, stage, d->start_cwd);
		outfile_printf(&d->out, "---\n");
		write_dvc_lock(d, r, cmd, stage);
		return 0;
	}
	/* -o DIR: DIR/dvc.yaml and DIR/dvc.lock, paths relative to DIR */
	char rp[PATH_MAX];
	char *yml = path_join(o->outfile, "dvc.yaml", 8), *lck = path_join(o->outfile, "dvc.lock", 8);

	if (!yml || !lck || !realpath(o->outfile, rp)) {
		free(yml);
		free(lck);
		return -ENOMEM;
	}
	err = outfile_open(&d->out, yml, stdout, 0);
	if (!err) {
		/* paths are written relative to the stage's directory: DIR, with wdir to the cwd */
		write_dvc_yaml(d, r, cmd, stage, rp);
		err = outfile_close(&d->out);
	}
	if (!err)
		err = outfile_open(&d->out, lck, stdout, 0);
	if (!err) {
		write_dvc_lock(d, r, cmd, stage);
		err = outfile_close(&d->out);
	}
	free(yml);
	free(lck);
	return err;
}

/* -- open and close --------------------------------------------------------------------------- */

static void deps_free(struct sink *s)
{
	struct deps *d = s->priv;

	for (size_t i = 0; i < d->cap; i++) {
		if (!d->tab[i])
			continue;
		free(d->tab[i]->path);
		free(d->tab[i]->origin);
		free(d->tab[i]);
	}
	free(d->tab);
	tidmap_free(&d->procs);
	dcache_clear(&d->dirs);
	free(d->root);
	free(d->start_cwd);
	free(d);
	s->priv = NULL;
}

static unsigned int deps_needs(const struct opts *o)
{
	return 0;
}

static int deps_open(struct sink *s)
{
	const struct opts *o = s->o;
	struct deps *d = calloc(1, sizeof(*d));
	char buf[PATH_MAX];

	if (!d)
		return -ENOMEM;
	s->priv = d;
	d->exit_code = d->exit_sig = -1;
	tidmap_init(&d->procs, sizeof(struct dproc), dproc_fini);
	for (size_t i = 0; i < sizeof(dsys) / sizeof(dsys[0]); i++) {
		long nr = sysent_lookup(dsys[i].name);

		if (nr >= 0 && nr < HY_NR_MAX)
			d->bynr[nr] = &dsys[i];
	}
	if (!getcwd(buf, sizeof(buf))) {
		int err = -errno;

		pr_warn("--deps: cannot read the current directory: %s", strerror(errno));
		deps_free(s);
		return err;
	}
	d->start_cwd = strdup(buf);
	const char *root = o->deps_root ? o->deps_root : buf;

	if (!realpath(root, buf)) {
		int err = -errno;

		pr_warn("cannot use --deps-root %s: %s", root, strerror(errno));
		deps_free(s);
		return err;
	}
	d->root = strdup(buf);
	d->hash = o->deps_hash >= 0 ? (enum digest_kind)o->deps_hash :
		  !strcmp(o->deps, "dvc") ? DIGEST_MD5 : DIGEST_NONE;
	int err = !d->start_cwd || !d->root ? -ENOMEM : 0;

	/* dvc with -o DIR writes two files at the end; anything else opens its output now */
	if (!err && !(!strcmp(o->deps, "dvc") && is_dir(o->outfile)))
		err = outfile_open(&d->out, o->outfile, stdout, sink_outfile_flags(o));
	if (err)
		deps_free(s);
	return err;
}

static int deps_close(struct sink *s)
{
	struct deps *d = s->priv;
	const struct opts *o = s->o;
	struct report r;
	int err = 0;

	if (!d)
		return 0;
	memset(&r, 0, sizeof(r));
	/* filter: under the root, and no system paths unless --deps-all */
	for (size_t i = 0; i < d->cap; i++) {
		struct dep *e = d->tab[i];

		if (e && !o->deps_all && system_path(e->path))
			e->flags = 0;
	}
	bool dvc_dir = !strcmp(o->deps, "dvc") && is_dir(o->outfile);

	err = report_build(d, &r);
	char *cmd = cmd_line(o);

	if (!err && !cmd)
		err = -ENOMEM;
	if (!err) {
		if (!strcmp(o->deps, "json"))
			write_json(d, &r, o);
		else if (!strcmp(o->deps, "make"))
			write_make(d, &r, cmd);
		else if (!strcmp(o->deps, "dvc"))
			err = write_dvc(d, &r, o, cmd);
		else
			write_text(d, &r, cmd);
	}
	if (err == -ENOMEM)
		pr_warn("--deps: out of memory");
	free(cmd);
	report_free(&r);
	if (!dvc_dir) {
		int cerr = outfile_close(&d->out);

		if (cerr && !err)
			err = cerr;
	}
	deps_free(s);
	return err;
}

const struct sink_ops sink_deps_ops = {
	.name = "deps",
	.help = "--deps: the files a command read and wrote (not a trace)",
	.needs = deps_needs,
	.open = deps_open,
	.syscall = deps_syscall,
	.raw_syscalls = true,
	.process = deps_process,
	.close = deps_close,
};
