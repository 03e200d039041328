// SPDX-License-Identifier: LGPL-2.1-or-later
/* w2_pread_write: N x (pread 4 KiB from a cached temp file + write 4 KiB to /dev/null). */
#include <fcntl.h>
#include <unistd.h>

#include "bench.h"

#define BLK 4096
#define NBLK 256 /* 1 MiB file: stays in the page cache */

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 1, 200000);
	char tmpl[] = "/tmp/hytrace-w2-XXXXXX";
	static char buf[BLK];
	double t0, t1;
	int fd, out;

	fd = mkstemp(tmpl);
	if (fd < 0) {
		perror("w2_pread_write: mkstemp");
		return 1;
	}
	unlink(tmpl);
	memset(buf, 'x', sizeof(buf));
	for (int i = 0; i < NBLK; i++)
		if (write(fd, buf, BLK) != BLK) {
			perror("w2_pread_write: write temp file");
			return 1;
		}
	out = open("/dev/null", O_WRONLY);
	if (out < 0) {
		perror("w2_pread_write: /dev/null");
		return 1;
	}

	t0 = bench_now();
	for (long i = 0; i < n; i++) {
		if (pread(fd, buf, BLK, (off_t)(i % NBLK) * BLK) != BLK ||
		    write(out, buf, BLK) != BLK) {
			perror("w2_pread_write: pread/write");
			return 1;
		}
	}
	t1 = bench_now();
	bench_report("w2_pread_write", t0, t1, n);
	return 0;
}
