// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_json.c: value trees as JSON (user/sink/json_value.c) and the json sink on a fixed event stream. */
/*
 * The stream test feeds hand-built records through the real pipeline (decoders included)
 * into --format=json and compares the output with tests/golden/json/stream.jsonl.
 * HYT_UPDATE_GOLDEN=1 rewrites the golden file instead (review the diff before committing).
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

/* -- json_value on hand-built trees ------------------------------------------------------- */

static const char *js(const struct hv *v)
{
	sb_reset(&u.sb);
	json_value(&u.sb, v);
	return u.sb.s;
}

static const char *jstr(const char *s, size_t len)
{
	sb_reset(&u.sb);
	json_string(&u.sb, s, len);
	return u.sb.s;
}

static void t_strings(void)
{
	UT_EXPECT("string plain", jstr("abc", 3), "\"abc\"");
	UT_EXPECT("string escapes", jstr("a\"b\\c\n\t\r\b\f", 10), "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\"");
	UT_EXPECT("string controls", jstr("\0\x01\x1f\x7f", 4), "\"\\u0000\\u0001\\u001f\\u007f\"");
	UT_EXPECT("string utf-8 kept", jstr("h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 12),
		  "\"h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
	UT_EXPECT("string invalid bytes", jstr("\xff\xc3(\x80", 4), "\"\\udcff\\udcc3(\\udc80\"");
	UT_EXPECT("string overlong", jstr("\xc0\xaf", 2), "\"\\udcc0\\udcaf\"");
	UT_EXPECT("string surrogate bytes", jstr("\xed\xa0\x80", 3), "\"\\udced\\udca0\\udc80\"");
	UT_EXPECT("string cut sequence", jstr("a\xe2\x82", 3), "\"a\\udce2\\udc82\"");
	UT_EXPECT("string above U+10FFFF", jstr("\xf4\x90\x80\x80", 4),
		  "\"\\udcf4\\udc90\\udc80\\udc80\"");
	UT_EXPECT("string slash kept", jstr("/etc/a b", 8), "\"/etc/a b\"");
}

static void t_values(void)
{
	struct dctx *d = &u.d;
	struct hv *v, *s;

	u.d.ar = &u.ar;
	arena_reset(&u.ar);
	UT_EXPECT("int", js(hv_int(d, -5)), "-5");
	UT_EXPECT("uint", js(hv_uint(d, 18446744073709551615ull)), "18446744073709551615");
	UT_EXPECT("hex", js(hv_hex(d, 0x1f)), "31");
	UT_EXPECT("mode", js(hv_mode(d, 0644)), "420");
	UT_EXPECT("null pointer", js(hv_ptr(d, 0)), "0");
	UT_EXPECT("pointer", js(hv_ptr(d, 0x7ffd0000)), "2147287040");

	v = hv_new(d, HV_SYM);
	v->text = "O_RDONLY|O_CLOEXEC";
	v->u = 02000000;
	v->flags |= HVF_NUM;
	UT_EXPECT("flags", js(v), "{\"names\":[\"O_RDONLY\",\"O_CLOEXEC\"],\"raw\":524288}");
	v->text = "MAP_SHARED|0x40000000";
	v->u = 0x40000001;
	UT_EXPECT("flags with unknown bits", js(v),
		  "{\"names\":[\"MAP_SHARED\",\"0x40000000\"],\"raw\":1073741825}");
	v->text = "RLIM_INFINITY";
	v->u = (uint64_t)-1;
	UT_EXPECT("sym -1", js(v), "{\"names\":[\"RLIM_INFINITY\"],\"raw\":-1}");
	v->flags = 0;
	UT_EXPECT("sym without value", js(v), "{\"names\":[\"RLIM_INFINITY\"]}");

	UT_EXPECT("string", js(hv_str(d, "hi\n", 3, false)), "\"hi\\n\"");
	UT_EXPECT("string truncated", js(hv_str(d, "abc", 3, true)),
		  "{\"str\":\"abc\",\"truncated\":true}");

	UT_EXPECT("fd", js(hv_fd(d, 3, NULL)), "3");
	UT_EXPECT("fd path", js(hv_fd(d, 3, "/etc/passwd")), "{\"fd\":3,\"path\":\"/etc/passwd\"}");
	v = hv_fd(d, 4, "TCP:[127.0.0.1:80->127.0.0.1:5000]");
	v->flags |= HVF_FDRAW;
	UT_EXPECT("fd socket", js(v), "{\"fd\":4,\"socket\":\"TCP:[127.0.0.1:80->127.0.0.1:5000]\"}");
	v = hv_fd(d, -100, NULL);
	v->flags |= HVF_ATCWD;
	UT_EXPECT("AT_FDCWD", js(v), "{\"fd\":-100,\"name\":\"AT_FDCWD\"}");
	v->text = "/tmp";
	UT_EXPECT("AT_FDCWD path", js(v), "{\"fd\":-100,\"name\":\"AT_FDCWD\",\"path\":\"/tmp\"}");

	s = hv_struct(d);
	hv_add(s, "tv_sec", hv_int(d, 1));
	hv_add(s, "tv_nsec", hv_int(d, 2));
	UT_EXPECT("struct", js(s), "{\"tv_sec\":1,\"tv_nsec\":2}");
	hv_add(s, NULL, hv_more(d));
	UT_EXPECT("struct abbreviated", js(s), "{\"tv_sec\":1,\"tv_nsec\":2,\"...\":true}");
	s = hv_struct(d);
	hv_add(s, NULL, hv_int(d, 7));
	UT_EXPECT("struct unnamed member", js(s), "{\"_0\":7}");

	s = hv_array(d);
	UT_EXPECT("empty array", js(s), "[]");
	hv_add(s, NULL, hv_str(d, "a", 1, false));
	hv_add(s, NULL, hv_more(d));
	UT_EXPECT("array with more", js(s), "[\"a\",{\"...\":true}]");
	v = hv_new(d, HV_SYM);
	v->text = "RTMIN";
	s = hv_array(d);
	s->flags |= HVF_NOT | HVF_SPACES;
	hv_add(s, NULL, v);
	UT_EXPECT("complement set", js(s), "{\"not\":[{\"names\":[\"RTMIN\"]}]}");

	UT_EXPECT("expr", js(hv_expr(d, "htons(%d)", 80)), "\"htons(80)\"");
	v = hv_expr(d, "8192*1024");
	v->u = 8192 * 1024;
	v->flags |= HVF_NUM;
	UT_EXPECT("expr with value", js(v), "{\"expr\":\"8192*1024\",\"raw\":8388608}");
	UT_EXPECT("changed", js(hv_changed(d, hv_int(d, 16), hv_int(d, 8))), "{\"in\":16,\"out\":8}");
	UT_EXPECT("comment", js(hv_comment(d, hv_ptr(d, 0x10), "%d vars", 3)),
		  "{\"value\":16,\"comment\":\"3 vars\"}");
	UT_EXPECT("null node", js(NULL), "null");
}

static void t_argv(void)
{
	sb_reset(&u.sb);
	json_argv(&u.sb, "ls\0-l\0", 6);
	UT_EXPECT("argv", u.sb.s, "[\"ls\",\"-l\"]");
	sb_reset(&u.sb);
	json_argv(&u.sb, "ls\0-", 4);
	UT_EXPECT("argv cut", u.sb.s, "[\"ls\",\"-\"]");
	sb_reset(&u.sb);
	json_argv(&u.sb, "", 0);
	UT_EXPECT("argv empty", u.sb.s, "[]");
}

/* -- a fixed stream through the pipeline ----------------------------------------------------- */

#include "stream.h"
{
	char dir[] = "/tmp/hyt-json.XXXXXX", path[64], p2[80];
	size_t len;

	if (!mkdtemp(dir)) {
		ut_fail("json stream: mkdtemp failed");
		return;
	}
	snprintf(path, sizeof(path), "%s/out.jsonl", dir);
	if (run_stream("json", path, false)) {
		ut_fail("json stream: the pipeline failed");
	} else {
		golden("json stream golden", path, "tests/golden/json/stream.jsonl");
	}
	unlink(path);

	/* -ff: a file per thread */
	snprintf(path, sizeof(path), "%s/ff", dir);
	UT_EXPECT("json -ff runs", run_stream("json", path, true) ? "failed" : "ok", "ok");
	static const char *const tids[] = { "100", "101", "102", "0" };
	for (unsigned int i = 0; i < 4; i++) {
		char *s;

		snprintf(p2, sizeof(p2), "%s.%s", path, tids[i]);
		s = slurp(p2, &len);
		char want[32];

		snprintf(want, sizeof(want), "\"tid\":%s,", tids[i]);
		UT_EXPECT(p2 + strlen(dir) + 1, s && strstr(s, want) ? "has its records" : "missing",
			  "has its records");
		free(s);
		unlink(p2);
	}
	rmdir(dir);
}

static const struct ut_case cases[] = {
	{ "strings", t_strings }, { "values", t_values }, { "argv", t_argv }, { "stream", t_stream },
	{ NULL }
};

int main(int argc, char **argv)
{
	int ret = ut_main(argc, argv, cases);

	ut_done(&u);
	return ret;
}
