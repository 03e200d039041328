/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* dopts.h: the options that change what decoders produce (-s -v -x -y, raw). */
#ifndef HY_DOPTS_H
#define HY_DOPTS_H

#include <stdbool.h>

/* --strings-in-hex=non-ascii-chars: each byte that is not printed as itself in \xHH, not octal */
#define XFLAG_HEX_CHARS	3

/* Options that change what decoders produce (not how sinks format it). */
struct dopts {
	unsigned int strsize;	/* -s: bytes of strings and buffers shown (default 32) */
	bool verbose;		/* -v: structures in full */
	int xflag;		/* -x 1, -xx 2, XFLAG_HEX_CHARS: set here so decoders may choose hex forms */
	int yflag;		/* -y 1, -yy 2 */
	bool raw;		/* -e raw=: this call undecoded, its return value in hex */
	bool noderef;		/* -e verbose=: not this call: structures as their addresses */
};

#endif
