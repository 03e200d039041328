// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz_raw.c: libFuzzer target: the raw record reader (--input of a raw file), then the sinks. */
/*
 * The input is the file: written to a memfd and opened by path as `hytrace --input` would,
 * its header applied to the options, its records fed to pipeline_feed().  The option set
 * (format, -y, -x, -v, -s, -T, -t, -f, -c...) comes from a hash of the bytes (fuzz_argv()).
 * Truncated and corrupted files must end in an error with an offset, never a crash, a leak
 * or a read past what was read.  The seed is a small capture (ptrace, /bin/true).
 */
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

	if (memfd < 0) {
		memfd = memfd_create("fuzz-raw", MFD_CLOEXEC);
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
	if (!raw_input_detect(path) || raw_input_open(&o)) {
		backend_raw.cleanup(&tr);
		opts_free(&o);
		return 0;
	}
	if (pipeline_init(&pl, &o)) {
		backend_raw.cleanup(&tr);
		opts_free(&o);
		return 0;
	}
	tr.funcs = pl.funcs;	/* a --func capture: the reader names its functions into it */
	pipeline_capture_cfg(&pl, &tr.cfg);
	if (!backend_raw.start(&tr))
		backend_raw.run(&tr);
	backend_raw.cleanup(&tr);
	pipeline_close(&pl);
	opts_free(&o);
	return 0;
}
