// SPDX-License-Identifier: LGPL-2.1-or-later
/* otlp_pb.c: OTLP/protobuf encoding (ExportTraceServiceRequest, ExportLogsServiceRequest). */
/*
 * Field numbers from opentelemetry-proto v1.9.0 (the copy the tests decode with is pinned under
 * tests/proto/): each is noted with its message.  Times are fixed64 Unix ns, ids raw bytes,
 * enums varints.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "options.h"
#include "otlp.h"
#include "protobuf.h"

/* common.proto */
#define ANYVALUE_STRING		1
#define ANYVALUE_BOOL		2
#define ANYVALUE_INT		3
#define ANYVALUE_ARRAY		5
#define ARRAYVALUE_VALUES	1
#define KEYVALUE_KEY		1
#define KEYVALUE_VALUE		2
#define SCOPE_NAME		1
#define SCOPE_VERSION		2
/* resource.proto */
#define RESOURCE_ATTRIBUTES	1
/* trace.proto */
#define RESOURCESPANS_RESOURCE	1
#define RESOURCESPANS_SCOPE_SPANS 2
#define SCOPESPANS_SCOPE	1
#define SCOPESPANS_SPANS	2
#define SPAN_TRACE_ID		1
#define SPAN_SPAN_ID		2
#define SPAN_PARENT_SPAN_ID	4
#define SPAN_NAME		5
#define SPAN_KIND		6
#define SPAN_START		7
#define SPAN_END		8
#define SPAN_ATTRIBUTES		9
#define SPAN_EVENTS		11
#define SPAN_DROPPED_EVENTS	12
#define SPAN_STATUS		15
#define EVENT_TIME		1
#define EVENT_NAME		2
#define EVENT_ATTRIBUTES	3
#define STATUS_MESSAGE		2
#define STATUS_CODE		3
#define SPAN_KIND_INTERNAL	1
/* logs.proto */
#define RESOURCELOGS_RESOURCE	1
#define RESOURCELOGS_SCOPE_LOGS	2
#define SCOPELOGS_SCOPE		1
#define SCOPELOGS_LOG_RECORDS	2
#define LOG_TIME		1
#define LOG_SEVERITY_NUMBER	2
#define LOG_SEVERITY_TEXT	3
#define LOG_BODY		5
#define LOG_ATTRIBUTES		6
#define LOG_TRACE_ID		9
#define LOG_SPAN_ID		10
#define LOG_OBSERVED_TIME	11
/* collector/{trace,logs}/v1: the requests' one field, the responses' partial_success */
#define REQUEST_RESOURCE_DATA	1
#define RESPONSE_PARTIAL	1
#define PARTIAL_REJECTED	1
#define PARTIAL_MESSAGE		2

static void attrs_pb(struct pb *pb, uint32_t field, const char *list, size_t len)
{
	struct otlp_attr a;
	size_t pos = 0, i;

	while (otlp_attr_next(list, len, &pos, &a)) {
		pb_begin(pb, field);
		pb_bytes(pb, KEYVALUE_KEY, a.key, a.klen);
		pb_begin(pb, KEYVALUE_VALUE);
		switch (a.type) {
		case OTLP_A_STR:
			pb_bytes(pb, ANYVALUE_STRING, a.val, a.vlen);
			break;
		case OTLP_A_INT:
			pb_int(pb, ANYVALUE_INT, a.i);
			break;
		case OTLP_A_BOOL:
			/* a false bool is still written: proto3 oneof members always are */
			pb_tag(pb, ANYVALUE_BOOL, PB_VARINT);
			pb_varint(pb, a.i != 0);
			break;
		case OTLP_A_STRV:
			pb_begin(pb, ANYVALUE_ARRAY);
			for (i = 0; i < a.vlen;) {
				const char *e = memchr(a.val + i, '\0', a.vlen - i);
				size_t n = e ? (size_t)(e - (a.val + i)) : a.vlen - i;

				pb_begin(pb, ARRAYVALUE_VALUES);
				pb_tag(pb, ANYVALUE_STRING, PB_LEN);	/* "" too: it is an element */
				pb_varint(pb, n);
				pb_raw(pb, a.val + i, n);
				pb_end(pb);
				i += n + 1;
			}
			pb_end(pb);
			break;
		}
		pb_end(pb);
		pb_end(pb);
	}
}

static void scope_pb(struct pb *pb, uint32_t field)
{
	pb_begin(pb, field);
	pb_string(pb, SCOPE_NAME, "hytrace");
	pb_string(pb, SCOPE_VERSION, HYTRACE_VERSION);
	pb_end(pb);
}

static void resource_pb(struct pb *pb, uint32_t field, const struct sbuf *res)
{
	pb_begin(pb, field);
	attrs_pb(pb, RESOURCE_ATTRIBUTES, res->s, res->len);
	pb_end(pb);
}

void otlp_encode_span_pb(struct pb *pb, const struct otlp_span *sp, const uint8_t trace_id[16],
			 int64_t offset)
{
	pb_bytes(pb, SPAN_TRACE_ID, trace_id, 16);
	pb_bytes(pb, SPAN_SPAN_ID, sp->span_id, 8);
	if (sp->has_parent)
		pb_bytes(pb, SPAN_PARENT_SPAN_ID, sp->parent_id, 8);
	pb_string(pb, SPAN_NAME, sp->name ? sp->name : "");
	pb_uint(pb, SPAN_KIND, SPAN_KIND_INTERNAL);
	pb_fixed64(pb, SPAN_START, otlp_unix_ns(sp->start, offset));
	pb_fixed64(pb, SPAN_END, otlp_unix_ns(sp->end > sp->start ? sp->end : sp->start, offset));
	attrs_pb(pb, SPAN_ATTRIBUTES, sp->attrs.s, sp->attrs.len);
	for (uint32_t i = 0; i < sp->nev; i++) {
		const struct otlp_event *e = &sp->ev[i];

		pb_begin(pb, SPAN_EVENTS);
		pb_fixed64(pb, EVENT_TIME, otlp_unix_ns(e->ts, offset));
		pb_string(pb, EVENT_NAME, e->name);
		attrs_pb(pb, EVENT_ATTRIBUTES, e->attrs, e->attrs_len);
		pb_end(pb);
	}
	if (sp->dropped_ev)
		pb_uint(pb, SPAN_DROPPED_EVENTS, sp->dropped_ev);
	if (sp->status || sp->status_msg) {
		pb_begin(pb, SPAN_STATUS);
		if (sp->status_msg)
			pb_string(pb, STATUS_MESSAGE, sp->status_msg);
		if (sp->status)
			pb_uint(pb, STATUS_CODE, (uint64_t)sp->status);
		pb_end(pb);
	}
}

void otlp_encode_pb(struct pb *pb, const struct sbuf *res, const uint8_t trace_id[16],
		    const struct otlp_span *spans, size_t n, int64_t offset)
{
	pb_begin(pb, REQUEST_RESOURCE_DATA);
	resource_pb(pb, RESOURCESPANS_RESOURCE, res);
	pb_begin(pb, RESOURCESPANS_SCOPE_SPANS);
	scope_pb(pb, SCOPESPANS_SCOPE);
	for (size_t i = 0; i < n && spans; i++, spans = spans->next) {
		pb_begin(pb, SCOPESPANS_SPANS);
		otlp_encode_span_pb(pb, spans, trace_id, offset);
		pb_end(pb);
	}
	pb_end(pb);
	pb_end(pb);
}

void otlp_encode_logs_pb(struct pb *pb, const struct sbuf *res, const uint8_t trace_id[16],
			 const struct otlp_log *logs, size_t n, int64_t offset)
{
	pb_begin(pb, REQUEST_RESOURCE_DATA);
	resource_pb(pb, RESOURCELOGS_RESOURCE, res);
	pb_begin(pb, RESOURCELOGS_SCOPE_LOGS);
	scope_pb(pb, SCOPELOGS_SCOPE);
	for (size_t i = 0; i < n && logs; i++, logs = logs->next) {
		pb_begin(pb, SCOPELOGS_LOG_RECORDS);
		pb_fixed64(pb, LOG_TIME, otlp_unix_ns(logs->ts, offset));
		pb_fixed64(pb, LOG_OBSERVED_TIME, otlp_unix_ns(logs->ts, offset));
		pb_uint(pb, LOG_SEVERITY_NUMBER, (uint64_t)logs->severity);
		pb_string(pb, LOG_SEVERITY_TEXT, otlp_severity_text(logs->severity));
		pb_begin(pb, LOG_BODY);
		pb_bytes(pb, ANYVALUE_STRING, logs->body, logs->body_len);
		pb_end(pb);
		attrs_pb(pb, LOG_ATTRIBUTES, logs->attrs.s, logs->attrs.len);
		pb_bytes(pb, LOG_TRACE_ID, trace_id, 16);
		pb_bytes(pb, LOG_SPAN_ID, logs->span_id, 8);
		pb_end(pb);
	}
	pb_end(pb);
	pb_end(pb);
}

/* A varint at *p (below end); false when cut or longer than 10 bytes. */
static bool rd_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	*v = 0;
	for (unsigned int shift = 0; shift < 70; shift += 7) {
		if (*p >= end)
			return false;
		uint8_t b = *(*p)++;

		*v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return true;
	}
	return false;
}

/* Skip the value of a field of wire type wt; false when malformed. */
static bool rd_skip(const uint8_t **p, const uint8_t *end, unsigned int wt)
{
	uint64_t v;

	switch (wt) {
	case PB_VARINT:
		return rd_varint(p, end, &v);
	case PB_I64:
		if (end - *p < 8)
			return false;
		*p += 8;
		return true;
	case PB_I32:
		if (end - *p < 4)
			return false;
		*p += 4;
		return true;
	case PB_LEN:
		if (!rd_varint(p, end, &v) || v > (uint64_t)(end - *p))
			return false;
		*p += v;
		return true;
	default:
		return false;
	}
}

int otlp_partial_pb(const void *buf, size_t len, int64_t *rejected, char *msg, size_t msglen)
{
	const uint8_t *p = buf, *end = p + len;
	uint64_t tag, v;

	*rejected = 0;
	if (msglen)
		msg[0] = '\0';
	while (p < end) {
		if (!rd_varint(&p, end, &tag))
			return -EINVAL;
		if (tag >> 3 != RESPONSE_PARTIAL || (tag & 7) != PB_LEN) {
			if (!rd_skip(&p, end, tag & 7))
				return -EINVAL;
			continue;
		}
		if (!rd_varint(&p, end, &v) || v > (uint64_t)(end - p))
			return -EINVAL;
		const uint8_t *q = p, *qend = p + v;

		p = qend;
		while (q < qend) {
			if (!rd_varint(&q, qend, &tag))
				return -EINVAL;
			if (tag >> 3 == PARTIAL_REJECTED && (tag & 7) == PB_VARINT) {
				if (!rd_varint(&q, qend, &v))
					return -EINVAL;
				*rejected = (int64_t)v;
			} else if (tag >> 3 == PARTIAL_MESSAGE && (tag & 7) == PB_LEN) {
				if (!rd_varint(&q, qend, &v) || v > (uint64_t)(qend - q))
					return -EINVAL;
				if (msglen)
					snprintf(msg, msglen, "%.*s", (int)v, (const char *)q);
				q += v;
			} else if (!rd_skip(&q, qend, tag & 7)) {
				return -EINVAL;
			}
		}
	}
	return 0;
}
