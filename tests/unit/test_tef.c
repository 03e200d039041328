// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_tef.c: the Chrome Trace Event Format sink on a fixed event stream (test_json.c's). */
/*
 * The stream goes through the real pipeline into --format=tef and the file is compared with
 * tests/golden/tef/stream.json (HYT_UPDATE_GOLDEN=1 rewrites it).  tests/out_tef.sh checks the
 * golden file's structure (it parses, slices nest per thread, names are there) with the same
 * checker as real traces.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "unit.h"
#include "backend.h"
#include "json_value.h"
#include "pipeline.h"

static struct ut u;

/* -- a fixed stream through the pipeline ----------------------------------------------------- */

#include "stream.h"
{
	char dir[] = "/tmp/hyt-tef.XXXXXX", path[64];
	size_t len;
	char *s;

	if (!mkdtemp(dir)) {
		ut_fail("tef stream: mkdtemp failed");
		return;
	}
	snprintf(path, sizeof(path), "%s/out.json", dir);
	if (run_stream("tef", path, false)) {
		ut_fail("tef stream: the pipeline failed");
	} else {
		golden("tef stream golden", path, "tests/golden/tef/stream.json");
	}
	unlink(path);

	/* -ff still writes one file: a trace is one timeline */
	snprintf(path, sizeof(path), "%s/ff", dir);
	UT_EXPECT("tef -ff runs", run_stream("tef", path, true) ? "failed" : "ok", "ok");
	s = slurp(path, &len);
	UT_EXPECT("tef -ff one file", s && strstr(s, "\"tid\":102,") && strstr(s, "\"tid\":101,") ?
		  "all threads" : "missing", "all threads");
	UT_EXPECT("tef -ff ends", s && len > 3 && !strcmp(s + len - 3, "}}\n") ? "closed" : "open",
		  "closed");
	free(s);
	unlink(path);
	rmdir(dir);
}

static const struct ut_case cases[] = {
	{ "stream", t_stream },
	{ NULL }
};

int main(int argc, char **argv)
{
	int ret = ut_main(argc, argv, cases);

	ut_done(&u);
	return ret;
}
