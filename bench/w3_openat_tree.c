// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * w3_openat_tree: openat/fstat/close over every file of a tree (a build's header scan).
 *
 *   w3_openat_tree --create NFILES DIR   create the tree (the harness does this before timing)
 *   w3_openat_tree NFILES DIR            scan an existing tree (the timed workload)
 *   w3_openat_tree [NFILES]              create a temp tree, scan it, remove it
 *
 * Layout: DIR/dNNN/fNNNNN, PER_DIR files per directory, each 64 bytes; the names are
 * computed, so the scan makes no getdents64 calls.  Default NFILES is 20,000.
 */
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

#define PER_DIR 200

static int create_tree(const char *dir, long n)
{
	char path[4096], data[64];

	memset(data, 'h', sizeof(data));
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -errno;
	for (long i = 0; i < n; i++) {
		int fd;

		if (i % PER_DIR == 0) {
			snprintf(path, sizeof(path), "%s/d%03ld", dir, i / PER_DIR);
			if (mkdir(path, 0755) && errno != EEXIST)
				return -errno;
		}
		snprintf(path, sizeof(path), "%s/d%03ld/f%05ld", dir, i / PER_DIR, i);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			return -errno;
		if (write(fd, data, sizeof(data)) != sizeof(data)) {
			close(fd);
			return -EIO;
		}
		close(fd);
	}
	return 0;
}

static int scan_tree(const char *dir, long n)
{
	int root, dfd = -1, err = 0;
	char name[32];

	root = open(dir, O_RDONLY | O_DIRECTORY);
	if (root < 0)
		return -errno;
	for (long i = 0; i < n && !err; i++) {
		struct stat st;
		int fd;

		if (i % PER_DIR == 0) {
			if (dfd >= 0)
				close(dfd);
			snprintf(name, sizeof(name), "d%03ld", i / PER_DIR);
			dfd = openat(root, name, O_RDONLY | O_DIRECTORY);
			if (dfd < 0) {
				err = -errno;
				break;
			}
		}
		snprintf(name, sizeof(name), "f%05ld", i);
		fd = openat(dfd, name, O_RDONLY);
		if (fd < 0) {
			err = -errno;
			break;
		}
		if (fstat(fd, &st) || st.st_size != 64)
			err = -EIO;
		close(fd);
	}
	if (dfd >= 0)
		close(dfd);
	close(root);
	return err;
}

static int rm_cb(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

int main(int argc, char **argv)
{
	char tmpl[] = "/tmp/hytrace-w3-XXXXXX";
	const char *dir;
	int create = 0, tmp = 0, err;
	double t0, t1;
	long n;

	if (argc > 1 && !strcmp(argv[1], "--create")) {
		create = 1;
		argv++;
		argc--;
	}
	n = bench_count(argc, argv, 1, 20000);
	if (argc > 2) {
		dir = argv[2];
	} else if (create) {
		fprintf(stderr, "usage: w3_openat_tree --create NFILES DIR\n");
		return 2;
	} else {
		dir = mkdtemp(tmpl);
		if (!dir) {
			perror("w3_openat_tree: mkdtemp");
			return 1;
		}
		tmp = 1;
	}

	if (create || tmp) {
		err = create_tree(dir, n);
		if (err) {
			fprintf(stderr, "w3_openat_tree: cannot create tree in %s: %s\n", dir, strerror(-err));
			return 1;
		}
		if (create)
			return 0;
	}

	t0 = bench_now();
	err = scan_tree(dir, n);
	t1 = bench_now();
	if (tmp)
		nftw(dir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
	if (err) {
		fprintf(stderr, "w3_openat_tree: scan of %s failed: %s (created with --create %ld?)\n",
			dir, strerror(-err), n);
		return 1;
	}
	bench_report("w3_openat_tree", t0, t1, n);
	return 0;
}
