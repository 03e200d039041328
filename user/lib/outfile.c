// SPDX-License-Identifier: LGPL-2.1-or-later
/* outfile.c: where a sink writes: -o FILE, -o - (stdout), a default stream, or -ff's FILE.ID. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "log.h"
#include "outfile.h"

/*
 * One write(2) per 64 KiB of trace (issue 10: 4 KiB blocks cost the reader a fifth of its
 * time).  Latency stays bounded because the sources say when they go idle (pipeline_idle(),
 * outfile_flush()), not because the buffer is small.
 */
#define OUTF_BUFSIZE (1 << 16)

static int fail(struct outfile *f, int err)
{
	f->cap = f->len = 0;	/* nothing more is buffered: every write is checked, and skipped */
	if (!f->err) {
		f->err = -err;
		pr_warn("cannot write %s: %s", f->name, strerror(err));
	}
	return f->err;
}

/* Whether the folder holding path is shared: sticky, like /tmp (anyone may add names there). */
static bool in_sticky_dir(const char *path, char *dir, size_t dirlen)
{
	const char *slash = strrchr(path, '/');
	struct stat st;

	if (!slash)
		snprintf(dir, dirlen, ".");
	else if (slash == path)
		snprintf(dir, dirlen, "/");
	else
		snprintf(dir, dirlen, "%.*s", (int)(slash - path), path);
	return stat(dir, &st) == 0 && (st.st_mode & S_ISVTX);
}

/*
 * Open path for writing without being led astray in a shared folder: a new file is created
 * O_EXCL|O_NOFOLLOW; an existing name is opened without O_CREAT and O_TRUNC, checked, and
 * only then truncated.  In a sticky folder (/tmp) a symbolic link is never followed, and a
 * regular file is used only if it is ours with one link (what fs.protected_symlinks,
 * protected_regular and protected_hardlinks do, whatever the sysctls say).  Elsewhere a link
 * is followed (-o /dev/stdout, a link in one's own folder).  Devices, FIFOs and sockets are
 * written as they are, and never chmod-ed.  An fd, or -errno with one line printed.
 */
static int open_checked(const char *path, unsigned int flags)
{
	int wr = O_WRONLY | O_CLOEXEC | O_NOCTTY | (flags & OUTF_APPEND ? O_APPEND : 0);
	mode_t mode = flags & OUTF_PRIVATE ? 0600 : 0666;
	char dir[PATH_MAX], *real;
	bool followed = false, shared;
	struct stat st;
	int fd = -1, err;

	for (int tries = 0; tries < 8 && fd < 0; tries++) {
		fd = open(path, wr | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
		if (fd >= 0)
			return fd;	/* new, ours, mode set at creation */
		if (errno != EEXIST)
			break;
		fd = open(path, wr | O_NOFOLLOW);
		if (fd < 0 && errno == ELOOP) {	/* a symbolic link */
			if (in_sticky_dir(path, dir, sizeof(dir))) {
				pr_warn("cannot open %s: a symbolic link in the shared folder %s (sticky): not followed",
					path, dir);
				return -ELOOP;
			}
			fd = open(path, wr | O_CREAT, mode);
			followed = true;
		}
		/* ENOENT: removed since the O_EXCL try: try again */
		if (fd < 0 && errno != ENOENT)
			break;
	}
	if (fd < 0) {
		err = errno;
		pr_warn("cannot open %s: %s", path, strerror(err));
		return -err;
	}
	if (fstat(fd, &st) < 0) {
		err = errno;
		goto bad;
	}
	if (!S_ISREG(st.st_mode))
		return fd;	/* /dev/null, a terminal, a FIFO: no mode change, no truncation */
	/* where a link led, the folder of the file itself counts too */
	shared = in_sticky_dir(path, dir, sizeof(dir));
	if (!shared && followed && (real = realpath(path, NULL))) {
		shared = in_sticky_dir(real, dir, sizeof(dir));
		free(real);
	}
	if (shared && (st.st_uid != geteuid() || st.st_nlink > 1)) {
		close(fd);
		pr_warn("cannot open %s: %s in the shared folder %s (sticky): not overwritten", path,
			st.st_uid != geteuid() ? "owned by another user" : "a file with other links",
			dir);
		return -EPERM;
	}
	/* an existing file keeps its mode otherwise */
	if ((flags & OUTF_PRIVATE) && (st.st_mode & 07777) != 0600 && fchmod(fd, 0600) < 0) {
		err = errno;
		goto bad;
	}
	if (!(flags & OUTF_APPEND) && ftruncate(fd, 0) < 0) {
		err = errno;
		goto bad;
	}
	return fd;
bad:
	close(fd);
	pr_warn("cannot open %s: %s", path, strerror(err));
	return -err;
}

static int open_path(struct outfile *f, const char *path, unsigned int flags)
{
	int fd = open_checked(path, flags);

	f->fp = fd < 0 ? NULL : fdopen(fd, flags & OUTF_APPEND ? "a" : "w");
	if (!f->fp) {
		int err = fd < 0 ? -fd : errno;

		if (fd >= 0) {
			close(fd);
			pr_warn("cannot open %s: %s", path, strerror(err));
		}
		free(f->name);
		f->name = NULL;
		return -err;
	}
	/*
	 * A buffer of ours in front of stdio's (whose size glibc sets to st_blksize, 4 KiB): a
	 * full one goes out in one write(2) of its own, after what stdio holds (printf-style
	 * writes: tables at the end).  Without memory for it, stdio buffers everything.
	 */
	f->buf = malloc(OUTF_BUFSIZE);
	f->cap = f->buf ? OUTF_BUFSIZE : 0;
	f->len = 0;
	f->owned = true;
	return 0;
}

/*
 * -o '|CMD' and -o '!CMD' (strace 6.1: the trace piped to "sh -c CMD").  One pipe serves every
 * sink of the run (-C's summary comes after the trace in the same stream) and stays open until
 * hytrace exits, which then waits for CMD to finish.  CMD is not hytrace's child, so that the
 * ptrace backend's waitpid(-1) never takes it for a tracee: a short-lived middle process starts
 * it and exits, and a pidfd (Linux 5.3) tells when it is done.
 */
static struct {
	char *cmd;
	FILE *fp;
	int pidfd;
} out_pipe = { .pidfd = -1 };

static void pipe_finish(void)
{
	if (!out_pipe.fp)
		return;
	if (fclose(out_pipe.fp))
		pr_warn("cannot write to the pipe to '%s': %s", out_pipe.cmd, strerror(errno));
	out_pipe.fp = NULL;
	if (out_pipe.pidfd >= 0) {
		struct pollfd p = { .fd = out_pipe.pidfd, .events = POLLIN };

		while (poll(&p, 1, -1) < 0 && errno == EINTR)
			;
		close(out_pipe.pidfd);
		out_pipe.pidfd = -1;
	}
}

static int open_pipe(struct outfile *f, const char *cmd)
{
	int fds[2], pidp[2];
	pid_t mid, pid = -1;

	if (out_pipe.fp) {
		if (strcmp(out_pipe.cmd, cmd)) {
			pr_warn("cannot pipe to '%s': the trace already goes to '%s'", cmd, out_pipe.cmd);
			return -EBUSY;
		}
		goto done;
	}
	if (pipe2(fds, O_CLOEXEC) < 0 || pipe2(pidp, O_CLOEXEC) < 0) {
		int err = errno;

		pr_warn("cannot pipe to '%s': %s", cmd, strerror(err));
		return -err;
	}
	fflush(NULL);
	mid = fork();
	if (mid == 0) {
		pid_t c = fork();

		if (c == 0) {
			dup2(fds[0], 0);	/* dup2 clears close-on-exec on fd 0 */
			execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
			_exit(127);
		}
		(void)!write(pidp[1], &c, sizeof(c));
		_exit(c < 0);
	}
	close(fds[0]);
	close(pidp[1]);
	if (mid > 0) {
		if (read(pidp[0], &pid, sizeof(pid)) != sizeof(pid))
			pid = -1;
		waitpid(mid, NULL, 0);
	}
	close(pidp[0]);
	if (pid <= 0) {
		close(fds[1]);
		pr_warn("cannot pipe to '%s': cannot start sh", cmd);
		return -ECHILD;
	}
	out_pipe.pidfd = (int)syscall(SYS_pidfd_open, pid, 0);	/* -1 (ESRCH): gone already */
	out_pipe.fp = fdopen(fds[1], "w");
	out_pipe.cmd = strdup(cmd);
	if (!out_pipe.fp || !out_pipe.cmd) {
		pr_warn("cannot pipe to '%s': out of memory", cmd);
		if (out_pipe.fp)
			fclose(out_pipe.fp);
		else
			close(fds[1]);
		out_pipe.fp = NULL;
		return -ENOMEM;
	}
	atexit(pipe_finish);
done:
	f->fp = out_pipe.fp;
	f->name = strdup(cmd);
	return f->name ? 0 : -ENOMEM;
}

int outfile_open(struct outfile *f, const char *path, FILE *dflt, unsigned int flags)
{
	memset(f, 0, sizeof(*f));
	if (path && (path[0] == '|' || path[0] == '!'))
		return open_pipe(f, path + 1);
	if (!path || !strcmp(path, "-")) {
		f->fp = path ? stdout : dflt;
		f->name = strdup(f->fp == stdout ? "standard output" : "standard error");
		return f->name ? 0 : -ENOMEM;
	}
	f->name = strdup(path);
	if (!f->name)
		return -ENOMEM;
	return open_path(f, path, flags);
}

int outfile_open_id(struct outfile *f, const char *path, long id, unsigned int flags)
{
	memset(f, 0, sizeof(*f));
	if (asprintf(&f->name, "%s.%ld", path, id) < 0) {
		f->name = NULL;
		return -ENOMEM;
	}
	return open_path(f, f->name, flags);
}

int outfile_check_dir(const char *path, unsigned int flags)
{
	struct outfile f;
	int err = outfile_open_id(&f, path, (long)getpid(), flags);

	if (err)
		return err;
	unlink(f.name);
	return outfile_close(&f);
}

/*
 * What our buffer holds, to the file: after what stdio holds, in write(2)s of our own (one,
 * but for a short write), since stdio would cut it at its block size.  0 or the first error.
 */
static int drain(struct outfile *f)
{
	size_t n = f->len, done = 0;

	f->len = 0;
	if (f->err || !n)
		return f->err;
	errno = 0;
	if (fflush(f->fp))
		return fail(f, errno ? errno : EIO);
	while (done < n) {
		ssize_t k = write(fileno(f->fp), f->buf + done, n - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return fail(f, k < 0 ? errno : EIO);
		done += (size_t)k;
	}
	return 0;
}

int outfile_write_slow(struct outfile *f, const void *p, size_t n)
{
	if (f->err)
		return f->err;
	if (f->cap) {	/* ours is full: out with it, then this one in it, or whole if larger */
		if (drain(f))
			return f->err;
		if (n <= f->cap) {
			memcpy(f->buf, p, n);
			f->len = n;
			return 0;
		}
	}
	/* standard output or error, a file without our buffer, or more than it holds */
	if (n && fwrite(p, 1, n, f->fp) != n)
		return fail(f, errno ? errno : EIO);
	return 0;
}

int outfile_printf(struct outfile *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (f->err || drain(f))
		return f->err;
	va_start(ap, fmt);
	n = vfprintf(f->fp, fmt, ap);
	va_end(ap);
	return n < 0 ? fail(f, errno ? errno : EIO) : 0;
}

int outfile_flush(struct outfile *f)
{
	/* ferror: writes made straight to f->fp (fprintf by a table printer) count too */
	errno = 0;
	if (f->fp && drain(f))
		return f->err;
	if (!f->err && f->fp && (fflush(f->fp) || ferror(f->fp)))
		return fail(f, errno ? errno : EIO);
	return f->err;
}

int outfile_close(struct outfile *f)
{
	int err = f->fp ? outfile_flush(f) : f->err;

	if (f->owned && f->fp && fclose(f->fp) && !err)
		err = fail(f, errno ? errno : EIO);
	f->fp = NULL;
	f->owned = false;
	free(f->buf);
	f->buf = NULL;
	f->len = f->cap = 0;
	free(f->name);
	f->name = NULL;
	return err;
}

bool outfile_isatty(const struct outfile *f)
{
	return f->fp && isatty(fileno(f->fp));
}
