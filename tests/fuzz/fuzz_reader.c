// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz_reader.c: libFuzzer target: the strace-log reader (--input) on any bytes, then the sinks. */
/*
 * The input is the log, whole: it is written to a memfd that --input reads, as hytrace
 * would read a file, and the events go through the real pipeline to a sink writing to
 * /dev/null.  Which sink and which output options (-y, -x, -T, -C...) is chosen from a hash
 * of the input, so that every byte of it stays part of the log.
 * Seeds: tests/fuzz/corpus/reader/ (real strace logs, see tests/fuzz/gen-seeds.sh).
 * HYT_FUZZ_NO_NUL=1 skips inputs holding a NUL byte: to look past that known bug (issue 9).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz.h"
#include "backend.h"
#include "pipeline.h"

static int memfd = -1;
static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pipeline pl;
	static struct opts o;
	volatile int stop = 0;
	struct tracer tr = { .o = &o, .pl = &pl, .stop = &stop };
	char *argv[32];
	uint32_t hash = 2166136261u;	/* FNV-1a */
	int argc;

	static int no_nul = -1;

	if (no_nul < 0) {
		const char *e = getenv("HYT_FUZZ_NO_NUL");

		no_nul = e && *e && strcmp(e, "0");
	}
	if (no_nul && memchr(data, 0, size))
		return 0;
	if (memfd < 0) {
		memfd = memfd_create("fuzz-log", MFD_CLOEXEC);
		if (memfd < 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", memfd);
	}
	if (ftruncate(memfd, 0) || pwrite(memfd, data, size, 0) != (ssize_t)size)
		abort();
	for (size_t i = 0; i < size; i++)
		hash = (hash ^ data[i]) * 16777619u;
	argc = fuzz_argv(argv, hash, path);
	memset(&o, 0, sizeof(o));
	optind = 1;
	if (opts_parse(&o, argc, argv))
		return 0;
	if (pipeline_init(&pl, &o)) {
		opts_free(&o);
		return 0;
	}
	pipeline_capture_cfg(&pl, &tr.cfg);
	if (!backend_input.start(&tr))
		backend_input.run(&tr);
	backend_input.cleanup(&tr);
	pipeline_close(&pl);
	opts_free(&o);
	return 0;
}
