// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_nvsink.c: NVIDIA driver calls through the pipeline and the sinks (issue 11, output side). */
/*
 * Records built by hand as the backends send them under --cuda: an ioctl on /dev/nvidiactl
 * carries the fd path blob of argument 0 and its top struct (NVOS54_PARAMETERS, the driver's
 * status at offset 28) captured at entry and exit.  Checked: a non-NV_OK status makes the call
 * an error of -c, a failed call for -Z, -z and -e status=, a row of its own per command, and
 * the JSON, TEF and Perfetto members; without --cuda nothing changes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "unit.h"
#include "backend.h"
#include "nvcall.h"
#include "pipeline.h"

#define REQ_RM_CONTROL	0xc020462au	/* _IOWR('F', NV_ESC_RM_CONTROL, NVOS54_PARAMETERS) */
#define CMD_GET_INFO_V2	0x20800102u	/* NV2080_CTRL_CMD_GPU_GET_INFO_V2 */
#define NV_ERR_NOT_SUPPORTED	0x56u

struct nvos54 {
	uint32_t hClient, hObject, cmd, flags;
	uint64_t params;
	uint32_t paramsSize, status;
};

struct feed {
	struct pipeline pl;
	struct opts o;
	struct recbuf rb;
};

/* An RM_CONTROL on fd 3 (/dev/nvidiactl, or path) returning ret with the driver's status. */
static void rm_control(struct recbuf *rb, const char *path, int64_t ret, uint32_t status,
		       uint64_t t0)
{
	struct hy_rec r = { .type = HY_REC_SYSCALL, .pid = 100, .tid = 100, .nr = SYS_ioctl,
			    .ts_enter = t0, .ts_exit = t0 + 500, .ret = ret,
			    .args = { 3, REQ_RM_CONTROL, 0x7ffc0000 } };
	struct nvos54 p = { .hClient = 0xc1d00001, .hObject = 0xcaf00002, .cmd = CMD_GET_INFO_V2,
			    .params = 0x7ffc1000, .paramsSize = 16 };
	void *data;

	snprintf(r.comm, sizeof(r.comm), "prog");
	rb_begin(rb, &r);
	data = rb_blob(rb, 0, HY_AT_ENTER, 0, 3, strlen(path));
	memcpy(data, path, strlen(path));
	rb_blob_done(rb, strlen(path), 0, HY_BF_FDPATH);
	data = rb_blob(rb, 2, HY_AT_ENTER, 0, 0x7ffc0000, sizeof(p));
	memcpy(data, &p, sizeof(p));
	rb_blob_done(rb, sizeof(p), 0, 0);
	if (ret >= 0) {
		p.status = status;
		data = rb_blob(rb, 2, HY_AT_EXIT, 0, 0x7ffc0000, sizeof(p));
		memcpy(data, &p, sizeof(p));
		rb_blob_done(rb, sizeof(p), 0, 0);
	}
}

static void getpid_rec(struct recbuf *rb, uint64_t t0)
{
	struct hy_rec r = { .type = HY_REC_SYSCALL, .pid = 100, .tid = 100, .nr = SYS_getpid,
			    .ts_enter = t0, .ts_exit = t0 + 100, .ret = 100 };

	snprintf(r.comm, sizeof(r.comm), "prog");
	rb_begin(rb, &r);
}

static char dir[] = "/tmp/hyt-nvsink.XXXXXX";

/* Feed the session through hytrace ARGS... -o DIR/name; the output, or "" after a failed check. */
static char *run(const char *name, const char *const *args)
{
	static struct feed f;
	char *argv[16], path[96];
	int argc = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	argv[argc++] = "hytrace";
	for (int i = 0; args[i] && argc < 12; i++)
		argv[argc++] = (char *)args[i];
	argv[argc++] = "-o";
	argv[argc++] = path;
	argv[argc++] = "prog";
	argv[argc] = NULL;
	memset(&f, 0, sizeof(f));
	optind = 1;
	if (opts_parse(&f.o, argc, argv) || pipeline_init(&f.pl, &f.o)) {
		ut_fail(name);
		return strdup("");
	}
	getpid_rec(&f.rb, 1000);
	pipeline_feed(&f.pl, f.rb.buf, f.rb.len);
	rm_control(&f.rb, "/dev/nvidiactl", 0, 0, 2000);			/* NV_OK */
	pipeline_feed(&f.pl, f.rb.buf, f.rb.len);
	rm_control(&f.rb, "/dev/nvidiactl", 0, NV_ERR_NOT_SUPPORTED, 3000);	/* failed in RM */
	pipeline_feed(&f.pl, f.rb.buf, f.rb.len);
	rm_control(&f.rb, "/dev/nvidiactl", -22, 0, 4000);			/* EINVAL */
	pipeline_feed(&f.pl, f.rb.buf, f.rb.len);
	rm_control(&f.rb, "/tmp/plain", 0, NV_ERR_NOT_SUPPORTED, 5000);	/* not NVIDIA's */
	pipeline_feed(&f.pl, f.rb.buf, f.rb.len);
	if (pipeline_close(&f.pl))
		ut_fail(name);
	rb_free(&f.rb);
	opts_free(&f.o);

	FILE *fp = fopen(path, "re");
	char *buf = calloc(1, 1 << 16);
	size_t len = fp && buf ? fread(buf, 1, (1 << 16) - 1, fp) : 0;

	if (fp)
		fclose(fp);
	if (!buf)
		abort();
	buf[len] = 0;
	if (getenv("HYT_KEEP"))
		fprintf(stderr, "--- %s\n%s", name, buf);
	unlink(path);
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* The row of name in a -c table: its calls and errors columns (-1 if absent). */
static void row(const char *table, const char *name, long *calls, long *errors)
{
	char line[256];

	*calls = *errors = -1;
	for (const char *p = table; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		double pct, secs;
		long usecs, c, er;
		char nm[200];

		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		if (sscanf(line, "%lf %lf %ld %ld %ld %199s", &pct, &secs, &usecs, &c, &er, nm) == 6 &&
		    !strcmp(nm, name)) {
			*calls = c;
			*errors = er;
		} else if (sscanf(line, "%lf %lf %ld %ld %199s", &pct, &secs, &usecs, &c, nm) == 5 &&
			   !strcmp(nm, name)) {
			*calls = c;
			*errors = 0;
		}
		p += n + (e != NULL);
	}
}

UT_TEST(summary)
{
	static const char *const a[] = { "--cuda", "-c", NULL };
	static const char *const plain[] = { "-c", NULL };
	char *s = run("c", a);
	long calls, errors;

	row(s, "ioctl", &calls, &errors);
	UT_CHECK("-c: the ioctl row counts the driver's failure and EINVAL", calls == 4 && errors == 2);
	row(s, "ioctl:NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2", &calls, &errors);
	UT_CHECK("-c: a row for the command, 3 calls, 2 errors", calls == 3 && errors == 2);
	row(s, "total", &calls, &errors);
	UT_CHECK("-c: the total counts syscalls once", calls == 5 && errors == 2);
	free(s);
	static const char *const cc[] = { "--cuda", "-C", NULL };

	s = run("C", cc);
	row(s, "ioctl:NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2", &calls, &errors);
	UT_CHECK("-C: the trace, then the table with the command row",
		 strstr(s, "ioctl(3, NV_ESC_RM_CONTROL") && calls == 3 && errors == 2);
	free(s);
	s = run("c-plain", plain);
	row(s, "ioctl", &calls, &errors);
	UT_CHECK("-c without --cuda: a status is no error", calls == 4 && errors == 1);
	UT_CHECK("-c without --cuda: no command rows", !strstr(s, "ioctl:"));
	free(s);
}

UT_TEST(summary_json)
{
	static const char *const a[] = { "--cuda", "-c", "-j", NULL };
	char *s = run("j", a);

	UT_CHECK("-j: the command in \"commands\"",
		 strstr(s, "\"commands\":[{\"name\":\"ioctl:NV_ESC_RM_CONTROL:"
			   "NV2080_CTRL_CMD_GPU_GET_INFO_V2\",\"calls\":3,\"errors\":2,"));
	UT_CHECK("-j: the total after them", strstr(s, "],\"total\":{\"calls\":5,\"errors\":2,"));
	free(s);
}

UT_TEST(status_filters)
{
	static const char *const z[] = { "--cuda", "-Z", "-e", "trace=ioctl", NULL };
	static const char *const ok[] = { "--cuda", "-z", "-e", "trace=ioctl", NULL };
	static const char *const st[] = { "--cuda", "-e", "status=failed", NULL };
	static const char *const plain[] = { "-Z", NULL };
	char *s = run("Z", z);

	UT_CHECK("-Z: the failed status and EINVAL, nothing else", count(s, "ioctl(") == 2 &&
		 strstr(s, "NV_ERR_NOT_SUPPORTED") && strstr(s, "EINVAL"));
	free(s);
	s = run("z", ok);
	UT_CHECK("-z: the NV_OK call and the plain file's", count(s, "ioctl(") == 2 &&
		 !strstr(s, "NV_ERR_NOT_SUPPORTED") && !strstr(s, "EINVAL"));
	free(s);
	s = run("status", st);
	UT_CHECK("-e status=failed as -Z", count(s, "ioctl(") == 2 && !strstr(s, "getpid"));
	free(s);
	s = run("Z-plain", plain);
	UT_CHECK("-Z without --cuda: only EINVAL", count(s, "ioctl(") == 1 && strstr(s, "EINVAL"));
	free(s);
}

UT_TEST(json)
{
	static const char *const a[] = { "--cuda", "--format=json", NULL };
	char *s = run("json", a);

	UT_CHECK("json: the command and the failed status",
		 strstr(s, ",\"nv_device\":\"nvidiactl\",\"nv_command\":\"NV_ESC_RM_CONTROL:"
			   "NV2080_CTRL_CMD_GPU_GET_INFO_V2\",\"nv_status\":\"NV_ERR_NOT_SUPPORTED\","
			   "\"nv_status_code\":86,\"nv_failed\":true"));
	UT_CHECK("json: NV_OK is not failed", strstr(s, "\"nv_status\":\"NV_OK\","
						      "\"nv_status_code\":0,\"nv_failed\":false"));
	UT_CHECK("json: no nv_ members for a plain file or without a status",
		 count(s, "\"nv_command\"") == 3 && count(s, "\"nv_status\"") == 2);
	UT_CHECK("json: the argument struct is an object", strstr(s, "\"hClient\":"));
	free(s);
}

UT_TEST(tef)
{
	static const char *const a[] = { "--cuda", "--format=tef", NULL };
	char *s = run("tef", a);

	UT_CHECK("tef: slices named by the command",
		 count(s, "\"name\":\"NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2\"") == 3);
	UT_CHECK("tef: in category nvidia", count(s, "\"cat\":\"nvidia\"") == 3);
	UT_CHECK("tef: the status in args", strstr(s, "\"nv_status\":\"NV_ERR_NOT_SUPPORTED\""));
	free(s);
}

UT_TEST(perfetto)
{
	static const char *const a[] = { "--cuda", "--format=perfetto", NULL };
	char *s = run("pf", a);
	const char *want = "NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2";

	/* protobuf: the interned slice name and the status annotation appear as bytes */
	UT_CHECK("perfetto: the command names a slice", memmem(s, 1 << 16, want, strlen(want)));
	UT_CHECK("perfetto: the status is annotated",
		 memmem(s, 1 << 16, "NV_ERR_NOT_SUPPORTED", 20) && memmem(s, 1 << 16, "nv_status", 9));
	/* the struct as a dict: its members' names are annotation names */
	UT_CHECK("perfetto: the struct's members annotated by name",
		 memmem(s, 1 << 16, "hClient", 7) && memmem(s, 1 << 16, "paramsSize", 10) &&
		 !memmem(s, 1 << 16, "hClient=", 8));
	free(s);
}

UT_TEST(row_names)
{
	struct recbuf rb = { 0 };
	struct event ev;
	struct nvcall nc;
	char buf[16];

	rm_control(&rb, "/dev/nvidiactl", 0, NV_ERR_NOT_SUPPORTED, 1);
	UT_CHECK("parse", !event_parse(&ev, rb.buf, rb.len));
	UT_CHECK("an NVIDIA call", nvcall_get(&ev, &nc) && nc.kind == HY_DEV_NVIDIACTL);
	UT_CHECK("its status", nc.has_status && nc.status == NV_ERR_NOT_SUPPORTED &&
		 !strcmp(nc.status_name, "NV_ERR_NOT_SUPPORTED") && nvcall_failed(&ev, &nc));
	size_t need = nvcall_row(&ev, &nc, buf, sizeof(buf));

	UT_CHECK("a cut row: NUL-terminated, the length it needs",
		 need == strlen("ioctl:NV_ESC_RM_CONTROL:NV2080_CTRL_CMD_GPU_GET_INFO_V2") &&
		 strlen(buf) == sizeof(buf) - 1 && !strncmp(buf, "ioctl:NV_ESC_RM", 15));
	UT_CHECK("a 3-byte buffer", nvcall_row(&ev, &nc, buf, 3) == need && !strcmp(buf, "io"));
	rm_control(&rb, "/dev/null", 0, NV_ERR_NOT_SUPPORTED, 1);
	event_parse(&ev, rb.buf, rb.len);
	UT_CHECK("another device: no NVIDIA call", !nvcall_get(&ev, &nc) && nc.kind == HY_DEV_NONE);
	rm_control(&rb, "/dev/nvidia0", -25, 0, 1);
	event_parse(&ev, rb.buf, rb.len);
	UT_CHECK("ENOTTY: no status, not failed in the driver",
		 nvcall_get(&ev, &nc) && !nc.has_status && !nvcall_failed(&ev, &nc));
	rb_free(&rb);
}

static const struct ut_case cases[] = {
	UT_ENTRY(summary), UT_ENTRY(summary_json), UT_ENTRY(status_filters), UT_ENTRY(json),
	UT_ENTRY(tef), UT_ENTRY(perfetto), UT_ENTRY(row_names), { NULL }
};

int main(int argc, char **argv)
{
	int ret;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	ret = ut_main(argc, argv, cases);
	rmdir(dir);
	return ret;
}
