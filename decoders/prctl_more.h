/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* prctl_more.h: prctl options decoded in decoders/prctl_more.c (dec_prctl's other cases). */
#ifndef HY_PRCTL_MORE_H
#define HY_PRCTL_MORE_H

#include <stdbool.h>
#include "decode.h"

/* Decode the arguments after the option for op; false when op is not one of these. */
bool prctl_more(struct dctx *d, unsigned int op);

#endif
