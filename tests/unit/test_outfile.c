// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_outfile.c: output files (user/lib/outfile.c): written in large blocks, flushed on demand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "outfile.h"
#include "unit.h"

/*
 * A file is written 64 KiB at a time, not in stdio's default 4 KiB blocks (issue 10: a trace
 * to -o cost one write(2) per 4 KiB): 60000 bytes written in lines stay in the buffer.
 */
UT_TEST(blocks)
{
	char path[] = "/tmp/hyt-outfile-XXXXXX", line[100];
	struct outfile f;
	struct stat st;
	int fd = mkstemp(path);

	UT_CHECK("blocks: a temporary file", fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';
	UT_CHECK("blocks: opened", !outfile_open(&f, path, stderr, 0));
	for (int i = 0; i < 600; i++)
		outfile_write(&f, line, sizeof(line));
	UT_CHECK("blocks: 60000 bytes still buffered", !stat(path, &st) && st.st_size == 0);
	for (int i = 0; i < 100; i++)
		outfile_write(&f, line, sizeof(line));
	/* the buffer goes out whole when the next line does not fit: 655 lines, none cut */
	UT_CHECK("blocks: one 64 KiB write past it", !stat(path, &st) && st.st_size == 65500);
	/* what pipeline_idle() does through the sinks when the source is about to wait */
	UT_CHECK("blocks: flushed", !outfile_flush(&f));
	UT_CHECK("blocks: all of it after the flush", !stat(path, &st) && st.st_size == 70000);
	for (int i = 0; i < 10; i++)
		outfile_write(&f, line, sizeof(line));
	UT_CHECK("blocks: buffered again", !stat(path, &st) && st.st_size == 70000);
	UT_CHECK("blocks: closed", !outfile_close(&f));
	UT_CHECK("blocks: all of it at the close", !stat(path, &st) && st.st_size == 71000);
	unlink(path);
}

static const struct ut_case cases[] = {
	UT_ENTRY(blocks),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
