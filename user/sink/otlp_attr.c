// SPDX-License-Identifier: LGPL-2.1-or-later
/* otlp_attr.c: OTLP attribute lists kept in a neutral form, rendered as JSON or protobuf. */
#include <string.h>
#include "otlp.h"

/*
 * One attribute: a type byte (OTLP_A_*), the key's length (1 byte; keys are short names) and
 * bytes, the value's length (4 bytes, little-endian as the host's: the list never leaves the
 * process) and bytes.  Int values are 8 bytes, bools 1, arrays NUL-separated strings.
 */
static void put(struct sbuf *sb, char type, const char *key, const void *val, size_t len)
{
	size_t klen = strlen(key);
	uint32_t l = (uint32_t)len;
	uint8_t kl = (uint8_t)(klen > 255 ? 255 : klen);

	sb_putc(sb, type);
	sb_putn(sb, (const char *)&kl, 1);
	sb_putn(sb, key, kl);
	sb_putn(sb, (const char *)&l, sizeof(l));
	if (len)
		sb_putn(sb, val, len);
}

void otlp_attr_strn(struct sbuf *sb, const char *key, const char *val, size_t len)
{
	put(sb, OTLP_A_STR, key, val, len);
}

void otlp_attr_str(struct sbuf *sb, const char *key, const char *val)
{
	put(sb, OTLP_A_STR, key, val, strlen(val));
}

void otlp_attr_int(struct sbuf *sb, const char *key, int64_t val)
{
	put(sb, OTLP_A_INT, key, &val, sizeof(val));
}

void otlp_attr_bool(struct sbuf *sb, const char *key, bool val)
{
	uint8_t b = val;

	put(sb, OTLP_A_BOOL, key, &b, 1);
}

void otlp_attr_strv(struct sbuf *sb, const char *key, const char *argv, size_t len)
{
	put(sb, OTLP_A_STRV, key, argv, len);
}

bool otlp_attr_next(const char *buf, size_t len, size_t *pos, struct otlp_attr *a)
{
	size_t p = *pos;
	uint32_t vl;

	if (p + 2 > len)
		return false;
	a->type = buf[p];
	a->klen = (uint8_t)buf[p + 1];
	a->key = buf + p + 2;
	p += 2 + a->klen;
	if (p + sizeof(vl) > len)
		return false;
	memcpy(&vl, buf + p, sizeof(vl));
	p += sizeof(vl);
	if (p + vl > len)
		return false;
	a->val = buf + p;
	a->vlen = vl;
	a->i = 0;
	if (a->type == OTLP_A_INT && vl == sizeof(a->i))
		memcpy(&a->i, a->val, sizeof(a->i));
	else if (a->type == OTLP_A_BOOL && vl == 1)
		a->i = (uint8_t)a->val[0];
	*pos = p + vl;
	return true;
}
