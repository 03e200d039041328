// SPDX-License-Identifier: LGPL-2.1-or-later
/* ioctl_names.c: look a request code up in the generated table of names. */
#include <stddef.h>
#include "ioctl_names.h"

const struct ioctl_name *ioctl_names_find(uint32_t code, unsigned int *n)
{
	unsigned int lo = 0, hi = ioctl_names_n;

	/* the first entry whose code is not below the one sought */
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (ioctl_names[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	unsigned int k = lo;

	while (k < ioctl_names_n && ioctl_names[k].code == code)
		k++;
	*n = k - lo;
	return k > lo ? &ioctl_names[lo] : NULL;
}
