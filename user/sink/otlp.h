/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* otlp.h: OpenTelemetry spans for the otlp sink: the span model, OTLP/JSON encoding, HTTP export. */
#ifndef HY_OTLP_H
#define HY_OTLP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sbuf.h"

struct sink;
struct sink_ops;

/*
 * A span event.  Times are CLOCK_BOOTTIME ns, like every record; they become Unix ns only
 * when a request is encoded, so that --relative-to-now can shift them at the end.
 */
struct otlp_event {
	uint64_t ts;
	char *name;		/* one allocation: name, NUL, attrs */
	const char *attrs;	/* rendered attribute list (KeyValue objects, comma-separated) */
};

struct otlp_span {
	uint8_t span_id[8], parent_id[8];
	bool has_parent;
	uint64_t start, end;	/* CLOCK_BOOTTIME ns */
	char *name;
	struct sbuf attrs;	/* rendered attribute list, as for events */
	struct otlp_event *ev;
	uint32_t nev, ev_cap, dropped_ev;
	int status;		/* Status.code: 0 UNSET, 2 ERROR (trace.proto StatusCode) */
	char *status_msg;
	size_t est;		/* encoded size, about: for batching */
	struct otlp_span *next;	/* in the send queue */
};

void otlp_span_free(struct otlp_span *sp);

/* -- JSON (otlp_json.c) ----------------------------------------------------
 * OTLP/JSON is the proto3 JSON mapping with the changes of the OTLP spec,
 * "JSON Protobuf Encoding" (opentelemetry-proto, docs/specification.md):
 * lowerCamelCase field names, traceId/spanId as hex (not base64), enums as
 * integers, 64-bit integers (intValue, *TimeUnixNano) as decimal strings.
 */

/* A JSON string of len bytes, quoted; invalid UTF-8 becomes U+FFFD. */
void oj_str(struct sbuf *sb, const char *s, size_t len);
/* Attributes (KeyValue objects), appended to a list that may already hold some. */
void oj_attr_str(struct sbuf *sb, const char *key, const char *val);
void oj_attr_strn(struct sbuf *sb, const char *key, const char *val, size_t len);
void oj_attr_int(struct sbuf *sb, const char *key, int64_t val);
void oj_attr_bool(struct sbuf *sb, const char *key, bool val);
/* An arrayValue of strings from len bytes of NUL-separated strings (an argv). */
void oj_attr_strv(struct sbuf *sb, const char *key, const char *argv, size_t len);
void oj_hex(struct sbuf *sb, const uint8_t *id, size_t n);

/*
 * One ExportTraceServiceRequest holding spans (linked by next, n of them) under one resource
 * and scope.  offset_ns turns boottime into Unix ns (boot_to_real plus any --relative-to-now shift).
 */
void otlp_encode(struct sbuf *sb, const char *resource_attrs, const uint8_t trace_id[16],
		 const struct otlp_span *spans, size_t n, int64_t offset_ns);
/* The span alone, as inside a request. */
void otlp_encode_span(struct sbuf *sb, const struct otlp_span *sp, const uint8_t trace_id[16],
		      int64_t offset_ns);

/* -- HTTP (otlp_http.c) ---------------------------------------------------- */

struct otlp_http;

/*
 * The traces endpoint: url (--otlp=URL; a URL without a path gets /v1/traces), else
 * $OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, else $OTEL_EXPORTER_OTLP_ENDPOINT plus
 * "v1/traces" (OTLP exporter spec: the generic variable is a base URL), else
 * http://localhost:4318/v1/traces.  malloc'd.
 */
char *otlp_endpoint(const char *url);
/* A list of k=v pairs as the OTel SDK environment variables have them (values %-encoded):
 * calls fn for each; returns the number of pairs. */
int otlp_parse_kv(const char *list, void (*fn)(void *ctx, const char *k, const char *v), void *ctx);

/*
 * The export deadline, ms: $OTEL_EXPORTER_OTLP_TRACES_TIMEOUT, else $OTEL_EXPORTER_OTLP_TIMEOUT
 * (whole numbers of ms; an invalid one is ignored with a warning), else 10 s.  *var names the
 * variable the value came from (or would have).
 */
long otlp_timeout_ms(const char **var);
/* 0 or -errno (message printed). */
int otlp_http_new(struct otlp_http **hp, const char *url);
/* Can the collector be reached (TCP, and TLS for https)?  0 or -errno, message printed. */
int otlp_http_check(struct otlp_http *h);
/*
 * POST one request body; retried on 429/502/503/504 and connection errors with backoff
 * (honouring Retry-After), all within one deadline (otlp_timeout_ms()).  0, or -errno with why
 * filled in ("Connection refused", "HTTP 400 Bad Request: ...", "no answer within 1000 ms ...").
 */
int otlp_http_post(struct otlp_http *h, const char *body, size_t len, char *why, size_t whylen);
void otlp_http_free(struct otlp_http *h);

/* -- the sink (sink_otlp.c) ------------------------------------------------ */

/* Everything the sink takes from its surroundings, replaceable by tests. */
struct otlp_cfg {
	/* send one request body: 0 or -errno, why filled in; NULL: HTTP to the endpoint */
	int (*post)(void *ctx, const char *body, size_t len, char *why, size_t whylen);
	void *post_ctx;
	/* fill n random bytes; NULL: getrandom */
	void (*random)(void *ctx, uint8_t *buf, size_t n);
	void *random_ctx;
	const char *host;		/* host.name; NULL: gethostname */
	uint64_t now_real;		/* --relative-to-now's "now", Unix ns; 0: the clock */
	uint32_t max_events;		/* per span; 0: $OTEL_SPAN_EVENT_COUNT_LIMIT or 10000 */
	uint32_t batch_spans;		/* per request; 0: $OTEL_BSP_MAX_EXPORT_BATCH_SIZE or 512 */
	size_t batch_bytes;		/* per request (about); 0: 1 MiB */
};

int otlp_sink_open(struct sink *s, const struct otlp_cfg *cfg);
extern const struct sink_ops sink_otlp_ops;	/* --format=otlp, --otlp */

#endif
