/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* render.h: value trees to strace-style text. */
#ifndef HY_RENDER_H
#define HY_RENDER_H

#include "decode.h"
#include "sbuf.h"

/* Quote len bytes as strace does (-x: xflag 1, -xx: 2); escape also lists extra chars. */
void render_quoted(struct sbuf *sb, const char *s, size_t len, int xflag, const char *escape,
		   int quotes);
/*
 * xflag: -x (1) or -xx (2), or'ed with one of these for strace's -X (const print style):
 * named constants (HVF_NUM nodes) as their number, or as the number and the name in a
 * comment; without either, the names (-X abbrev, the default).
 */
#define RENDER_XRAW	0x100
#define RENDER_XVERBOSE	0x200
#define RENDER_XMASK	(RENDER_XRAW | RENDER_XVERBOSE)
void render_value(struct sbuf *sb, const struct hv *v, int xflag);
/* The arguments joined by ", " (no parentheses). */
void render_args(struct sbuf *sb, const struct hv *args, int xflag);
/* "= 3" and the rest after the closing parenthesis (no -T). */
void render_ret(struct sbuf *sb, const struct dctx *d, int xflag);

#endif
