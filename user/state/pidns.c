// SPDX-License-Identifier: LGPL-2.1-or-later
/* pidns.c: --pidns-translation: pids a tracee sees in its pid namespace, in hytrace's. */
/*
 * The rules are strace 6.1's (src/pidns.c): a process's /proc/PID/status lists its ids in every
 * pid namespace from /proc's down to its own (NSpid, NStgid, NSpgid, NSsid), and the chain of
 * its namespaces up to hytrace's comes from ioctl(NS_GET_PARENT) on /proc/PID/ns/pid, which
 * fails (EPERM) above hytrace's own.  An id seen in namespace N is found by looking for a
 * process whose chain holds N with that id at N's level; its id at hytrace's level is the
 * answer.  The /proc entry that answered is cached per (kind, id) and checked again each time.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/nsfs.h>
#include "pidns.h"

#define NS_DEPTH_MAX 32		/* pid namespaces nest at most 32 deep (kernel MAX_PID_NS_LEVEL) */

struct pidns_hit {
	ino_t ns;		/* the namespace the id was seen in */
	int proc_pid;		/* the /proc entry that translated it */
};

/* the /proc/PID/status line of each kind (Linux 4.1+ NSpid/NStgid/NSpgid/NSsid) */
static const char *const ns_keys[HVP_SID + 1] = {
	[HVP_TID] = "NSpid:", [HVP_TGID] = "NStgid:", [HVP_PGID] = "NSpgid:", [HVP_SID] = "NSsid:",
};

void pidns_init(struct pidns *p)
{
	p->our_ns = 0;
	p->proc_ours = -1;
	for (int t = 0; t <= HVP_SID; t++)
		tidmap_init(&p->cache[t], sizeof(struct pidns_hit), NULL);
}

void pidns_fini(struct pidns *p)
{
	for (int t = 0; t <= HVP_SID; t++)
		tidmap_free(&p->cache[t]);
}

/* /proc/PID/FILE, or /proc/self/FILE for pid 0 */
static void proc_path(char *buf, size_t n, int pid, const char *file)
{
	if (pid)
		snprintf(buf, n, "/proc/%d/%s", pid, file);
	else
		snprintf(buf, n, "/proc/self/%s", file);
}

/*
 * The numbers on the line of /proc/PID/status that starts with key ("NSpid:", "PPid:"), at most
 * max (a zombie's too): how many.
 */
static int status_ints(int pid, const char *key, int *ids, int max)
{
	char path[64], line[512];
	size_t klen = strlen(key);
	int n = 0;
	FILE *f;

	proc_path(path, sizeof(path), pid, "status");
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, klen))
			continue;
		for (char *s = line + klen, *end; n < max; s = end) {
			long v = strtol(s, &end, 10);

			if (end == s)
				break;
			ids[n++] = (int)v;
		}
		break;
	}
	fclose(f);
	return n;
}

/* pid's parent (a zombie's too), or 0 */
static int proc_ppid(int pid)
{
	int ppid = 0;

	return status_ints(pid, "PPid:", &ppid, 1) == 1 ? ppid : 0;
}

/* pid's ids of kind t from /proc's namespace down to its own, at most max: how many. */
static int id_list(int pid, enum hv_pid_type t, int *ids, int max)
{
	return status_ints(pid, ns_keys[t], ids, max);
}

/*
 * The inodes of pid's namespace and its parents up to hytrace's, at most max: how many.  A
 * zombie has no ns/pid link any more: its parent's pid_for_children names the namespace it was
 * born in (the eBPF backend decodes a call after it ends, often after the caller has exited).
 */
static int ns_chain(int pid, ino_t *ns, int max)
{
	char path[64];
	struct stat st;
	int fd, n = 0;

	proc_path(path, sizeof(path), pid, "ns/pid");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && pid) {
		int ppid = proc_ppid(pid);

		if (ppid <= 0)
			return 0;
		proc_path(path, sizeof(path), ppid, "ns/pid_for_children");
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return 0;
	while (n < max && !fstat(fd, &st)) {
		int parent;

		ns[n++] = st.st_ino;
		if (n == max)
			break;
		parent = ioctl(fd, NS_GET_PARENT);
		if (parent < 0)		/* EPERM: above hytrace's namespace, or the root */
			break;
		close(fd);
		fd = parent;
	}
	close(fd);
	return n;
}

/* /proc's entry proc_pid seen from namespace from_ns as from_id: its id at our level, or 0 */
static int try_proc(int proc_pid, ino_t from_ns, int from_id, enum hv_pid_type t)
{
	ino_t ns[NS_DEPTH_MAX];
	int ids[NS_DEPTH_MAX], nid, nns, k;

	nid = id_list(proc_pid, t, ids, NS_DEPTH_MAX);
	for (k = 0; k < nid && ids[k] != from_id; k++)	/* the cheap test first */
		;
	if (k == nid)
		return 0;
	nns = ns_chain(proc_pid, ns, NS_DEPTH_MAX);
	if (!nns || nid < nns)
		return 0;
	for (int i = 0; i < nns; i++)
		if (ns[i] == from_ns)
			return ids[nid - 1 - i] == from_id ? ids[nid - nns] : 0;
	return 0;
}

/* every /proc/N (and /proc/N/task/M for tids) until one translates: its id, *proc_pid set */
static int scan_dir(const char *dir, bool tasks, ino_t from_ns, int from_id, enum hv_pid_type t,
		    int *proc_pid)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int r = 0;

	if (!d)
		return 0;
	while (!r && (e = readdir(d))) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);

		if (*end || pid < 1 || pid > 0x7fffffff)
			continue;
		if (tasks) {
			char sub[64];

			snprintf(sub, sizeof(sub), "/proc/%ld/task", pid);
			r = scan_dir(sub, false, from_ns, from_id, t, proc_pid);
			if (r)
				break;
		}
		r = try_proc((int)pid, from_ns, from_id, t);
		if (r)
			*proc_pid = (int)pid;
	}
	closedir(d);
	return r;
}

static ino_t our_ns(struct pidns *p)
{
	if (!p->our_ns) {
		ino_t ns;
		int ids[NS_DEPTH_MAX];

		if (ns_chain(0, &ns, 1))
			p->our_ns = ns;
		/* /proc is ours when it shows hytrace with one pid (strace: is_proc_ours()) */
		p->proc_ours = id_list(0, HVP_TID, ids, NS_DEPTH_MAX) <= 1;
	}
	return p->our_ns;
}

/* from_id of kind t as namespace from_ns sees it, in ours (0: not found); *proc_pid its entry */
static int translate(struct pidns *p, ino_t from_ns, int from_id, enum hv_pid_type t,
		     int *proc_pid)
{
	struct pidns_hit *h;
	bool created;
	int r, pp = 0;

	if (from_id <= 0 || !from_ns)
		return 0;
	if (from_ns == our_ns(p) && p->proc_ours) {
		*proc_pid = from_id;
		return from_id;
	}
	h = tidmap_get(&p->cache[t], from_id);
	if (h && h->ns == from_ns) {
		r = try_proc(h->proc_pid, from_ns, from_id, t);
		if (r) {
			*proc_pid = h->proc_pid;
			return r;
		}
	}
	r = scan_dir("/proc", t == HVP_TID, from_ns, from_id, t, &pp);
	if (!r)
		return 0;
	h = tidmap_add(&p->cache[t], from_id, &created);
	if (h) {
		h->ns = from_ns;
		h->proc_pid = pp;
	}
	*proc_pid = pp;
	return r;
}

int pidns_translate(struct pidns *p, pid_t tid, int id, enum hv_pid_type t)
{
	int proc_pid = 0;
	ino_t ns;

	if (t < HVP_TID || t > HVP_SID || id <= 0)
		return 0;
	/* the task's /proc entry: its tid as hytrace sees it, in /proc's namespace */
	if (!translate(p, our_ns(p), tid, HVP_TID, &proc_pid) || !ns_chain(proc_pid, &ns, 1))
		return 0;
	if (ns == p->our_ns && p->proc_ours)
		return id;
	return translate(p, ns, id, t, &proc_pid);
}

static void annotate(struct pidns *p, struct dctx *d, pid_t tid, struct hv *v)
{
	for (; v; v = v->next) {
		if (v->pidt != HVP_NONE && v->kind == HV_INT) {
			enum hv_pid_type t = (enum hv_pid_type)v->pidt;
			int64_t id = v->i;

			if (t == HVP_TGID_PGID) {	/* kill(), wait4(): -N is a group */
				t = id > 0 ? HVP_TGID : HVP_PGID;
				id = id > 0 ? id : id < -1 ? -id : 0;
			}
			int ours = id > 0 && id <= 0x7fffffff ? pidns_translate(p, tid, (int)id, t) : 0;

			if (ours && ours != id) {
				const char *c = arena_printf(d->ar, "%d in strace's PID NS", ours);

				v->comment = v->comment ? arena_printf(d->ar, "%s, %s", v->comment, c)
							: c;
			}
		}
		if (v->child)
			annotate(p, d, tid, v->child);
	}
}

void pidns_annotate(struct pidns *p, struct dctx *d, pid_t tid)
{
	const struct event *ev = d->ev;

	if (d->args)
		annotate(p, d, tid, d->args->child);
	/* the calls that return a pid (getpid, fork, wait4...): strace's RVAL_TGID and the like */
	if (!d->ret && d->se && d->exiting && !d->ret_is_error && ev &&
	    !(ev->r.flags & HY_F_NO_EXIT) && d->se->ret >= RV_TGID) {
		static const enum hv_pid_type kinds[] = { HVP_TGID, HVP_TID, HVP_PGID, HVP_SID };

		d->ret = hv_pid(d, ev->r.ret, kinds[d->se->ret - RV_TGID]);
	}
	if (d->ret)
		annotate(p, d, tid, d->ret);
	if (d->ret_note)
		annotate(p, d, tid, d->ret_note);
}
