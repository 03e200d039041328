/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ioctl_names.h: the request names of the kernel's uapi headers (ioctl_names_gen.c, made by gen-ioctls.sh). */
#ifndef HY_IOCTL_NAMES_H
#define HY_IOCTL_NAMES_H

#include <stdint.h>

struct ioctl_name {
	uint32_t code;
	const char *name;
};

/* sorted by code, then by name (strcmp): the order strace 6.1 prints the names of one code */
extern const struct ioctl_name ioctl_names[];
extern const unsigned int ioctl_names_n;

/* The first of the entries with this code and how many there are (*n), or NULL. */
const struct ioctl_name *ioctl_names_find(uint32_t code, unsigned int *n);

#endif
