/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* unit.h: named test cases and their runner; build events by hand, decode, render, compare. */
/*
 * A test file is a list of named cases and a main() that hands them to ut_main():
 *
 *	UT_CASE(mmap)			a case with a fresh decoder fixture, `struct ut *u`
 *	{
 *		ut_begin(u, SYS_mmap, ...);
 *		UT_EXPECT("mmap anon", ut_line(u, 0x7f61a0070000), "mmap(NULL, ...) = 0x7f61a0070000");
 *	}
 *	UT_TEST(model) { ... }		a case without the fixture
 *
 *	static const struct ut_case cases[] = { UT_ENTRY(mmap), UT_ENTRY(model), { NULL } };
 *
 *	int main(int argc, char **argv) { return ut_main(argc, argv, cases); }
 *
 * `test_mem` runs every case, `test_mem mmap munmap` only those, `test_mem --list` lists them.
 * Each check prints `ok CASE: CHECK` or `not ok CASE: CHECK` and what differs (tests/unit.sh
 * counts those lines).  A case left out of the table is an unused function: -Wall says so.
 * The runner itself uses no project code, so a test of user/lib or user/state links alone.
 */
#ifndef HY_UNIT_H
#define HY_UNIT_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "decode.h"
#include "render.h"

/* -- cases and checks ------------------------------------------------------------------ */

struct ut_case {
	const char *name;
	void (*run)(void);
};

#define UT_TEST(name) static void ut_case_##name(void)
#define UT_ENTRY(name) { #name, ut_case_##name }

static const char *ut_cur = "-";	/* the case running: every check's name starts with it */
static int ut_failed, ut_passed, ut_skipped;

static inline void ut_pass(const char *check)
{
	printf("ok %s: %s\n", ut_cur, check);
	ut_passed++;
}

/* Print `not ok`; the caller may add lines starting with '#' saying why. */
static inline void ut_fail(const char *check)
{
	printf("not ok %s: %s\n", ut_cur, check);
	ut_failed++;
}

/* A check that cannot run here (no IPv6, no permission): counted as ok, marked as skipped. */
static inline void ut_skip(const char *check, const char *why)
{
	printf("ok %s: %s # skip %s\n", ut_cur, check, why);
	ut_skipped++;
}

static inline void ut_expect(const char *check, const char *got, const char *want)
{
	if (got && want && !strcmp(got, want)) {
		ut_pass(check);
	} else {
		ut_fail(check);
		printf("#  got: %s\n# want: %s\n", got ? got : "(null)", want ? want : "(null)");
	}
}

/* got is evaluated before want, as they may share a static buffer's earlier contents */
#define UT_EXPECT(check, got, want)                                   \
	do {                                                          \
		const char *g_ = (got), *w_ = (want);                 \
		ut_expect((check), g_, w_);                           \
	} while (0)

/* A condition that must hold; on failure the condition's text is printed. */
#define UT_CHECK(check, cond)                                         \
	do {                                                          \
		if (cond) {                                           \
			ut_pass(check);                               \
		} else {                                              \
			ut_fail(check);                               \
			printf("#  false: %s\n", #cond);              \
		}                                                     \
	} while (0)

static inline const struct ut_case *ut_find(const struct ut_case *cases, const char *name)
{
	for (const struct ut_case *c = cases; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* Run every case, or those named in argv; `--list` prints the names.  Returns main's status. */
static inline int ut_main(int argc, char **argv, const struct ut_case *cases)
{
	int ran = 0;

	for (const struct ut_case *c = cases; c->name; c++) {
		if (ut_find(cases, c->name) != c) {
			fprintf(stderr, "%s: two cases named '%s'\n", argv[0], c->name);
			return 2;
		}
	}
	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (const struct ut_case *c = cases; c->name; c++)
			printf("%s\n", c->name);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (!ut_find(cases, argv[i])) {
			fprintf(stderr, "%s: no case named '%s' (try --list)\n", argv[0], argv[i]);
			return 2;
		}
	}
	for (const struct ut_case *c = cases; c->name; c++) {
		bool named = argc < 2;
		int checks = ut_passed + ut_failed + ut_skipped;

		for (int i = 1; i < argc && !named; i++)
			named = !strcmp(argv[i], c->name);
		if (!named)
			continue;
		ut_cur = c->name;
		c->run();
		fflush(stdout);
		if (ut_passed + ut_failed + ut_skipped == checks)
			ut_fail("the case ran no check");
		ran++;
	}
	ut_cur = "-";
	printf("# %d cases: %d checks passed, %d failed, %d skipped\n", ran, ut_passed, ut_failed,
	       ut_skipped);
	return ut_failed ? 1 : 0;
}

/* -- the decoder fixture: events built by hand, decoded and rendered as strace prints them -- */

struct ut {
	struct recbuf rb;
	struct event ev;
	struct dopts o;
	struct arena ar;
	struct dctx d;
	struct sbuf sb;
};

/* Start an event for syscall nr with the given arguments; options default to strace's. */
static inline void ut_begin(struct ut *u, long nr, uint64_t a0, uint64_t a1, uint64_t a2,
			    uint64_t a3, uint64_t a4, uint64_t a5)
{
	struct hy_rec r = { .type = HY_REC_SYSCALL, .pid = 100, .tid = 100, .nr = (int)nr,
			    .args = { a0, a1, a2, a3, a4, a5 }, .ts_enter = 1000, .ts_exit = 2000 };

	if (!u->o.strsize)
		u->o.strsize = 32;
	rb_begin(&u->rb, &r);
}

/* Add a captured blob (flags HY_BF_*; for strings pass HY_BF_NUL when the NUL was read). */
static inline void ut_blob(struct ut *u, int arg, int when, int idx, const void *data, size_t len,
			   uint32_t flags)
{
	void *p = rb_blob(&u->rb, arg, when, idx, 0x1000 + arg * 0x100 + idx, len);

	memcpy(p, data, len);
	rb_blob_done(&u->rb, len, 0, flags);
}

/* A NUL-terminated string blob. */
static inline void ut_str(struct ut *u, int arg, int when, const char *s)
{
	ut_blob(u, arg, when, 0, s, strlen(s), HY_BF_NUL);
}

/* A failed read of argument arg. */
static inline void ut_blob_err(struct ut *u, int arg, int when, int err)
{
	rb_blob(&u->rb, arg, when, 0, 0xdead, 0);
	rb_blob_done(&u->rb, 0, -err, 0);
}

/* Decode (exit, with ret) and render as strace prints a line: name(args) = ret. */
static inline const char *ut_line(struct ut *u, int64_t ret)
{
	struct hy_rec *r = rb_rec(&u->rb);

	r->ret = ret;
	event_parse(&u->ev, u->rb.buf, u->rb.len);
	arena_reset(&u->ar);
	u->d.o = &u->o;
	u->d.ar = &u->ar;
	d_decode(&u->d, &u->ev, true);
	sb_reset(&u->sb);
	sb_puts(&u->sb, u->d.se ? u->d.se->name : "?");
	sb_putc(&u->sb, '(');
	render_args(&u->sb, u->d.args, u->o.xflag);
	sb_puts(&u->sb, ") ");
	while (u->sb.len < 40)
		sb_putc(&u->sb, ' ');
	render_ret(&u->sb, &u->d, u->o.xflag);
	return u->sb.s;
}

/* Decode only what is known at entry; render "name(args" as the unfinished half. */
static inline const char *ut_enter(struct ut *u)
{
	event_parse(&u->ev, u->rb.buf, u->rb.len);
	arena_reset(&u->ar);
	u->d.o = &u->o;
	u->d.ar = &u->ar;
	d_decode(&u->d, &u->ev, false);
	sb_reset(&u->sb);
	sb_puts(&u->sb, u->d.se ? u->d.se->name : "?");
	sb_putc(&u->sb, '(');
	render_args(&u->sb, u->d.args, u->o.xflag);
	if (u->d.pending && u->d.args->len)
		sb_puts(&u->sb, ", ");
	return u->sb.s;
}

/* strace pads "= ret" to column 40; ut_nopad keeps one space, for tests written without it. */
static inline const char *ut_nopad(const char *s)
{
	static char buf[8192];
	size_t n = 0;

	for (size_t i = 0; s[i] && n < sizeof(buf) - 1; i++) {
		buf[n++] = s[i];
		if (s[i] == ')' && s[i + 1] == ' ') {
			size_t k = i + 1;

			while (s[k] == ' ')
				k++;
			if (s[k] == '=' && s[k + 1] == ' ')
				i = k - 2;	/* keep one space */
		}
	}
	buf[n] = '\0';
	return buf;
}

#define UT_LINE(u, name, ret, want) UT_EXPECT(name, ut_nopad(ut_line(u, ret)), want)

/* Free the fixture's buffers; returns main's status (for tests without ut_main). */
static inline int ut_done(struct ut *u)
{
	rb_free(&u->rb);
	arena_free(&u->ar);
	sb_free(&u->sb);
	return ut_failed ? 1 : 0;
}

/* A case with a fresh fixture `u`, freed when the case returns. */
#define UT_CASE(name)                                                 \
	static void ut_body_##name(struct ut *u);                     \
	static void ut_case_##name(void)                              \
	{                                                             \
		struct ut fixture = { 0 };                            \
		ut_body_##name(&fixture);                             \
		ut_done(&fixture);                                    \
	}                                                             \
	static void ut_body_##name(struct ut *u)

#endif
