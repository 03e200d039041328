// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_raw.c: --format=raw: the records exactly as the backends made them, for --input later. */
/*
 * Record now, decode later: a header (user/lib/rawfmt.h, docs/raw-format.md) with what the
 * capture was (clock offset, -s -v -y -x -f -a, kernel, version), then every record as the
 * backend produced it (struct hy_rec + blobs).  The pipeline hands records here before any
 * parsing, filtering or decoding, and skips all of those when this is the only sink.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include "hytrace.h"
#include "log.h"
#include "rawfmt.h"
#include "sink.h"

struct raw {
	struct outfile out;
};

/*
 * Everything any format could show later: times, exec argv, and the fd details -y/-yy ask
 * for (those cost a lookup per fd argument, so they stay opt-in).
 */
static unsigned int raw_needs(const struct opts *o)
{
	return SINK_NEED_TIMES | SINK_NEED_EXEC_ARGV | sink_needs_fds(o);
}

static int raw_open(struct sink *s)
{
	const struct opts *o = s->o;
	struct raw *rw = calloc(1, sizeof(*rw));
	struct raw_hdr h;
	struct utsname u;
	uint8_t buf[RAW_HDR_LEN];
	int err;

	if (!rw)
		return -ENOMEM;
	if (o->cflag) {	/* -C: the summary would be appended to the records */
		pr_warn("--format=raw with -C would write the summary into the raw file: "
			"give -c at replay (--input FILE -c)");
		free(rw);
		return -EINVAL;
	}
	/* one file, even with -ff: the trace holds every task */
	err = outfile_open(&rw->out, o->outfile, stderr, sink_outfile_flags(o));
	if (!err && outfile_isatty(&rw->out)) {
		pr_warn("--format=raw writes a binary trace: give -o FILE (%s is a terminal)",
			rw->out.name);
		outfile_close(&rw->out);
		err = -EINVAL;
	}
	if (err) {
		free(rw);
		return err;
	}
	memset(&h, 0, sizeof(h));
	h.rec_hdr_size = sizeof(struct hy_rec);
	h.flags = RAW_F_TIMES | RAW_F_EXEC_ARGV | (o->d.verbose ? RAW_F_VERBOSE : 0) |
		  (o->all ? RAW_F_ALL : 0);
	h.boot_to_real = s->boot_to_real;
	h.strsize = o->d.strsize < HY_STR_MAX ? o->d.strsize : HY_STR_MAX;	/* as captured */
	h.yflag = (uint8_t)(o->d.yflag > 2 ? 2 : o->d.yflag);
	h.xflag = (uint8_t)(o->d.xflag > 2 ? 2 : o->d.xflag);
	h.follow = (uint8_t)(o->follow > 2 ? 2 : o->follow);
	snprintf(h.version_str, sizeof(h.version_str), "%s", HYTRACE_VERSION);
	if (!uname(&u))
		snprintf(h.kernel, sizeof(h.kernel), "%s", u.release);
	rawfmt_hdr_encode(&h, buf);
	outfile_write(&rw->out, buf, sizeof(buf));	/* a failure is reported at once */
	s->priv = rw;
	return 0;
}

/* Every record, before filtering: len was checked by the pipeline (>= struct hy_rec, size). */
static void raw_record(struct sink *s, const void *rec, size_t len)
{
	struct raw *rw = s->priv;

	outfile_write(&rw->out, rec, len);
}

/* The source went idle: the records so far reach the file (a live capture can be read). */
static void raw_idle(struct sink *s)
{
	struct raw *rw = s->priv;

	if (rw)
		outfile_flush(&rw->out);
}

static int raw_close(struct sink *s)
{
	struct raw *rw = s->priv;
	int err = outfile_close(&rw->out);

	free(rw);
	s->priv = NULL;
	return err;
}

const struct sink_ops sink_raw_ops = {
	.name = "raw",
	.help = "records as captured, for a later --input FILE (needs -o FILE)",
	.needs = raw_needs,
	.open = raw_open,
	.record = raw_record,
	.idle = raw_idle,
	.close = raw_close,
};
