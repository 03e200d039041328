/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* digest.h: MD5 (RFC 1321) and SHA-256 (FIPS 180-4) of a file, as lower-case hex, for --deps-hash. */
#ifndef HY_DIGEST_H
#define HY_DIGEST_H

#include <stddef.h>
#include <stdint.h>

enum digest_kind { DIGEST_NONE, DIGEST_MD5, DIGEST_SHA256 };

#define DIGEST_HEX_MAX 65	/* SHA-256: 64 hex digits and the NUL */

/* The digest of n bytes at p into hex (DIGEST_HEX_MAX bytes). */
void digest_buf(enum digest_kind k, const void *p, size_t n, char *hex);
/* The digest of the file at path into hex, its size into *size: 0 or -errno. */
int digest_file(enum digest_kind k, const char *path, char *hex, uint64_t *size);

#endif
