/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* render.h: value trees to strace-style text. */
#ifndef HY_RENDER_H
#define HY_RENDER_H

#include "decode.h"
#include "sbuf.h"

/* Quote len bytes as strace does (-x: xflag 1, -xx: 2); escape also lists extra chars. */
void render_quoted(struct sbuf *sb, const char *s, size_t len, int xflag, const char *escape,
		   int quotes);
void render_value(struct sbuf *sb, const struct hv *v, int xflag);
/* The arguments joined by ", " (no parentheses). */
void render_args(struct sbuf *sb, const struct hv *args, int xflag);
/* "= 3" and the rest after the closing parenthesis (no -T). */
void render_ret(struct sbuf *sb, const struct dctx *d, int xflag);

#endif
