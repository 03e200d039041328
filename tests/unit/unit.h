/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* unit.h: build events by hand, decode and render them, compare with strace's text. */
#ifndef HY_UNIT_H
#define HY_UNIT_H

#include <stdio.h>
#include <string.h>
#include "decode.h"
#include "render.h"

struct ut {
	struct recbuf rb;
	struct event ev;
	struct dopts o;
	struct arena ar;
	struct dctx d;
	struct sbuf sb;
};

static int ut_failed, ut_passed;

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

#define UT_EXPECT(name, got, want)                                                     \
	do {                                                                           \
		const char *g_ = (got), *w_ = (want);                                  \
		if (strcmp(g_, w_)) {                                                  \
			printf("not ok %s\n#  got: %s\n# want: %s\n", (name), g_, w_); \
			ut_failed++;                                                   \
		} else {                                                               \
			printf("ok %s\n", (name));                                     \
			ut_passed++;                                                   \
		}                                                                      \
	} while (0)

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

static inline int ut_done(struct ut *u)
{
	rb_free(&u->rb);
	arena_free(&u->ar);
	sb_free(&u->sb);
	return ut_failed ? 1 : 0;
}

#endif
