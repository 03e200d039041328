// SPDX-License-Identifier: LGPL-2.1-or-later
/* digest.c: MD5 (RFC 1321) and SHA-256 (FIPS 180-4), written from the specifications. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "digest.h"

struct dg {
	enum digest_kind k;
	uint32_t h[8];
	uint8_t blk[64];
	size_t fill;
	uint64_t total;
};

static uint32_t rol(uint32_t x, int n) { return x << n | x >> (32 - n); }
static uint32_t ror(uint32_t x, int n) { return x >> n | x << (32 - n); }

/* RFC 1321 section 3.4: per-round shifts, and T[i] = floor(2^32 * abs(sin(i + 1))) */
static const uint8_t md5_s[64] = {
	7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
	5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
	4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
	6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
};
static const uint32_t md5_t[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

/* FIPS 180-4 section 4.2.2: the first 32 bits of the cube roots of the first 64 primes */
static const uint32_t sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static void md5_block(uint32_t *h, const uint8_t *p)
{
	uint32_t m[16], a = h[0], b = h[1], c = h[2], d = h[3];

	for (int i = 0; i < 16; i++)
		m[i] = p[i * 4] | p[i * 4 + 1] << 8 | p[i * 4 + 2] << 16 | (uint32_t)p[i * 4 + 3] << 24;
	for (int i = 0; i < 64; i++) {
		uint32_t f;
		int g;

		if (i < 16) {
			f = (b & c) | (~b & d);
			g = i;
		} else if (i < 32) {
			f = (d & b) | (~d & c);
			g = (5 * i + 1) % 16;
		} else if (i < 48) {
			f = b ^ c ^ d;
			g = (3 * i + 5) % 16;
		} else {
			f = c ^ (b | ~d);
			g = (7 * i) % 16;
		}
		uint32_t t = d;

		d = c;
		c = b;
		b = b + rol(a + f + md5_t[i] + m[g], md5_s[i]);
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
}

static void sha_block(uint32_t *h, const uint8_t *p)
{
	uint32_t w[64], v[8];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[i * 4] << 24 | p[i * 4 + 1] << 16 | p[i * 4 + 2] << 8 | p[i * 4 + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ w[i - 15] >> 3;
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ w[i - 2] >> 10;

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	memcpy(v, h, sizeof(v));
	for (int i = 0; i < 64; i++) {
		uint32_t s1 = ror(v[4], 6) ^ ror(v[4], 11) ^ ror(v[4], 25);
		uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
		uint32_t t1 = v[7] + s1 + ch + sha_k[i] + w[i];
		uint32_t s0 = ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22);
		uint32_t mj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);

		memmove(v + 1, v, 7 * sizeof(v[0]));
		v[4] += t1;
		v[0] = t1 + s0 + mj;
	}
	for (int i = 0; i < 8; i++)
		h[i] += v[i];
}

static void dg_init(struct dg *g, enum digest_kind k)
{
	static const uint32_t md5_h[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	/* FIPS 180-4 section 5.3.3 */
	static const uint32_t sha_h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
					   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };

	memset(g, 0, sizeof(*g));
	g->k = k;
	if (k == DIGEST_MD5)
		memcpy(g->h, md5_h, sizeof(md5_h));
	else
		memcpy(g->h, sha_h, sizeof(sha_h));
}

static void dg_block(struct dg *g, const uint8_t *p)
{
	if (g->k == DIGEST_MD5)
		md5_block(g->h, p);
	else
		sha_block(g->h, p);
}

static void dg_update(struct dg *g, const uint8_t *p, size_t n)
{
	g->total += n;
	while (n) {
		size_t take = 64 - g->fill < n ? 64 - g->fill : n;

		if (!g->fill && n >= 64) {
			dg_block(g, p);
			p += 64;
			n -= 64;
			continue;
		}
		memcpy(g->blk + g->fill, p, take);
		g->fill += take;
		p += take;
		n -= take;
		if (g->fill == 64) {
			dg_block(g, g->blk);
			g->fill = 0;
		}
	}
}

static void dg_final(struct dg *g, char *hex)
{
	uint64_t bits = g->total * 8;
	uint8_t pad[72] = { 0x80 }, len[8], out[32];
	size_t padn = (g->fill < 56 ? 56 : 120) - g->fill;
	int words = g->k == DIGEST_MD5 ? 4 : 8;

	for (int i = 0; i < 8; i++)	/* MD5: little-endian length; SHA-256: big-endian */
		len[i] = (uint8_t)(bits >> (g->k == DIGEST_MD5 ? 8 * i : 56 - 8 * i));
	dg_update(g, pad, padn);
	dg_update(g, len, 8);
	for (int i = 0; i < words; i++)
		for (int j = 0; j < 4; j++)
			out[i * 4 + j] = (uint8_t)(g->h[i] >> (g->k == DIGEST_MD5 ? 8 * j : 24 - 8 * j));
	for (int i = 0; i < words * 4; i++) {
		hex[i * 2] = "0123456789abcdef"[out[i] >> 4];
		hex[i * 2 + 1] = "0123456789abcdef"[out[i] & 15];
	}
	hex[words * 8] = '\0';
}

void digest_buf(enum digest_kind k, const void *p, size_t n, char *hex)
{
	struct dg g;

	dg_init(&g, k);
	dg_update(&g, p, n);
	dg_final(&g, hex);
}

int digest_file(enum digest_kind k, const char *path, char *hex, uint64_t *size)
{
	uint8_t buf[65536];
	struct dg g;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0)
		return -errno;
	dg_init(&g, k);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			int err = -errno;

			close(fd);
			return err;
		}
		if (!n)
			break;
		dg_update(&g, buf, (size_t)n);
	}
	close(fd);
	*size = g.total;
	dg_final(&g, hex);
	return 0;
}
