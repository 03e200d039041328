// SPDX-License-Identifier: LGPL-2.1-or-later
/* otlp_json.c: OTLP/JSON encoding of spans (ExportTraceServiceRequest). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "clock.h"
#include "options.h"
#include "otlp.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 (RFC 3629, section 4). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

void oj_str(struct sbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	sb_putc(sb, '"');
	while (i < len) {
		unsigned char c = p[i];
		size_t n;

		switch (c) {
		case '"': sb_puts(sb, "\\\""); i++; continue;
		case '\\': sb_puts(sb, "\\\\"); i++; continue;
		case '\n': sb_puts(sb, "\\n"); i++; continue;
		case '\t': sb_puts(sb, "\\t"); i++; continue;
		case '\r': sb_puts(sb, "\\r"); i++; continue;
		default: break;
		}
		if (c < 0x20 || c == 0x7f) {
			sb_printf(sb, "\\u%04x", c);
			i++;
			continue;
		}
		n = utf8_len(p + i, len - i);
		if (!n) {
			sb_puts(sb, "\\ufffd");	/* JSON text is UTF-8 (RFC 8259, section 8.1) */
			i++;
			continue;
		}
		sb_putn(sb, s + i, n);
		i += n;
	}
	sb_putc(sb, '"');
}

/* One KeyValue object of an attribute list. */
static void attr_json(struct sbuf *sb, const struct otlp_attr *a)
{
	size_t i = 0;

	sb_puts(sb, "{\"key\":");
	oj_str(sb, a->key, a->klen);
	sb_puts(sb, ",\"value\":{");
	switch (a->type) {
	case OTLP_A_STR:
		sb_puts(sb, "\"stringValue\":");
		oj_str(sb, a->val, a->vlen);
		break;
	case OTLP_A_INT:
		sb_printf(sb, "\"intValue\":\"%" PRId64 "\"", a->i);
		break;
	case OTLP_A_BOOL:
		sb_printf(sb, "\"boolValue\":%s", a->i ? "true" : "false");
		break;
	case OTLP_A_STRV:
		sb_puts(sb, "\"arrayValue\":{\"values\":[");
		while (i < a->vlen) {
			const char *e = memchr(a->val + i, '\0', a->vlen - i);
			size_t n = e ? (size_t)(e - (a->val + i)) : a->vlen - i;

			if (i)
				sb_putc(sb, ',');
			sb_puts(sb, "{\"stringValue\":");
			oj_str(sb, a->val + i, n);
			sb_putc(sb, '}');
			i += n + 1;
		}
		sb_puts(sb, "]}");
		break;
	}
	sb_puts(sb, "}}");
}

void oj_attrs(struct sbuf *sb, const char *list, size_t len)
{
	struct otlp_attr a;
	size_t pos = 0;
	bool first = true;

	while (otlp_attr_next(list, len, &pos, &a)) {
		if (!first)
			sb_putc(sb, ',');
		first = false;
		attr_json(sb, &a);
	}
}

void oj_hex(struct sbuf *sb, const uint8_t *id, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	sb_putc(sb, '"');
	for (size_t i = 0; i < n; i++) {
		sb_putc(sb, hex[id[i] >> 4]);
		sb_putc(sb, hex[id[i] & 15]);
	}
	sb_putc(sb, '"');
}

uint64_t otlp_unix_ns(uint64_t boot, int64_t offset)
{
	int64_t t;

	/*
	 * Record times are signed here: a strace log older than this boot gives times "before
	 * boot" that the shift brings back.  A sum past the year 2262 (only a bad record or
	 * shift) is the largest time, one before 1970 the epoch: never a wrapped value.
	 */
	if (__builtin_add_overflow((int64_t)boot, offset, &t))
		t = offset < 0 ? 0 : INT64_MAX;
	return t > 0 ? (uint64_t)t : 0;
}

/* ,"key":"ns": fixed64 Unix ns as a decimal string.  A key starting with '{' opens an object
 * instead of following a field. */
static void put_time(struct sbuf *sb, const char *key, uint64_t boot, int64_t offset)
{
	uint64_t t = otlp_unix_ns(boot, offset);

	if (key[0] == '{')
		sb_printf(sb, "{\"%s\":\"%" PRIu64 "\"", key + 1, t);
	else
		sb_printf(sb, ",\"%s\":\"%" PRIu64 "\"", key, t);
}

void otlp_encode_span(struct sbuf *sb, const struct otlp_span *sp, const uint8_t trace_id[16],
		      int64_t offset)
{
	sb_puts(sb, "{\"traceId\":");
	oj_hex(sb, trace_id, 16);
	sb_puts(sb, ",\"spanId\":");
	oj_hex(sb, sp->span_id, 8);
	if (sp->has_parent) {
		sb_puts(sb, ",\"parentSpanId\":");
		oj_hex(sb, sp->parent_id, 8);
	}
	sb_puts(sb, ",\"name\":");
	oj_str(sb, sp->name ? sp->name : "", sp->name ? strlen(sp->name) : 0);
	sb_puts(sb, ",\"kind\":1");	/* SPAN_KIND_INTERNAL */
	put_time(sb, "startTimeUnixNano", sp->start, offset);
	put_time(sb, "endTimeUnixNano", sp->end > sp->start ? sp->end : sp->start, offset);
	sb_puts(sb, ",\"attributes\":[");
	oj_attrs(sb, sp->attrs.s, sp->attrs.len);
	sb_putc(sb, ']');
	if (sp->nev) {
		sb_puts(sb, ",\"events\":[");
		for (uint32_t i = 0; i < sp->nev; i++) {
			const struct otlp_event *e = &sp->ev[i];

			if (i)
				sb_putc(sb, ',');
			put_time(sb, "{timeUnixNano", e->ts, offset);
			sb_puts(sb, ",\"name\":");
			oj_str(sb, e->name, strlen(e->name));
			sb_puts(sb, ",\"attributes\":[");
			oj_attrs(sb, e->attrs, e->attrs_len);
			sb_puts(sb, "]}");
		}
		sb_putc(sb, ']');
	}
	if (sp->dropped_ev)
		sb_printf(sb, ",\"droppedEventsCount\":%" PRIu32, sp->dropped_ev);
	sb_printf(sb, ",\"status\":{\"code\":%d", sp->status);
	if (sp->status_msg) {
		sb_puts(sb, ",\"message\":");
		oj_str(sb, sp->status_msg, strlen(sp->status_msg));
	}
	sb_puts(sb, "}}");
}

void otlp_encode(struct sbuf *sb, const struct sbuf *resource_attrs, const uint8_t trace_id[16],
		 const struct otlp_span *spans, size_t n, int64_t offset)
{
	sb_puts(sb, "{\"resourceSpans\":[{\"resource\":{\"attributes\":[");
	oj_attrs(sb, resource_attrs->s, resource_attrs->len);
	sb_puts(sb, "]},\"scopeSpans\":[{\"scope\":{\"name\":\"hytrace\",\"version\":\""
		HYTRACE_VERSION "\"},\"spans\":[");
	for (size_t i = 0; i < n && spans; i++, spans = spans->next) {
		if (i)
			sb_putc(sb, ',');
		otlp_encode_span(sb, spans, trace_id, offset);
	}
	sb_puts(sb, "]}]}]}");
}

const char *otlp_severity_text(int severity)
{
	return severity >= 17 ? "ERROR" : severity >= 13 ? "WARN" : "INFO";
}

void otlp_encode_logs(struct sbuf *sb, const struct sbuf *resource_attrs,
		      const uint8_t trace_id[16], const struct otlp_log *logs, size_t n,
		      int64_t offset)
{
	sb_puts(sb, "{\"resourceLogs\":[{\"resource\":{\"attributes\":[");
	oj_attrs(sb, resource_attrs->s, resource_attrs->len);
	sb_puts(sb, "]},\"scopeLogs\":[{\"scope\":{\"name\":\"hytrace\",\"version\":\""
		HYTRACE_VERSION "\"},\"logRecords\":[");
	for (size_t i = 0; i < n && logs; i++, logs = logs->next) {
		if (i)
			sb_putc(sb, ',');
		put_time(sb, "{timeUnixNano", logs->ts, offset);
		put_time(sb, "observedTimeUnixNano", logs->ts, offset);
		sb_printf(sb, ",\"severityNumber\":%d,\"severityText\":\"%s\",\"body\":"
			  "{\"stringValue\":", logs->severity, otlp_severity_text(logs->severity));
		oj_str(sb, logs->body, logs->body_len);
		sb_puts(sb, "},\"attributes\":[");
		oj_attrs(sb, logs->attrs.s, logs->attrs.len);
		sb_puts(sb, "],\"traceId\":");
		oj_hex(sb, trace_id, 16);
		sb_puts(sb, ",\"spanId\":");
		oj_hex(sb, logs->span_id, 8);
		sb_putc(sb, '}');
	}
	sb_puts(sb, "]}]}]}");
}

void otlp_log_free(struct otlp_log *l)
{
	if (!l)
		return;
	free(l->body);
	sb_free(&l->attrs);
	free(l);
}

void otlp_span_free(struct otlp_span *sp)
{
	if (!sp)
		return;
	for (uint32_t i = 0; i < sp->nev; i++)
		free(sp->ev[i].name);
	free(sp->ev);
	free(sp->name);
	free(sp->status_msg);
	sb_free(&sp->attrs);
	free(sp);
}
