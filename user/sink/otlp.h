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
	const char *attrs;	/* its attribute list (otlp_attr_*) */
	uint32_t attrs_len;
};

struct otlp_span {
	uint8_t span_id[8], parent_id[8];
	bool has_parent;
	uint64_t start, end;	/* CLOCK_BOOTTIME ns */
	char *name;
	struct sbuf attrs;	/* attribute list (otlp_attr_*) */
	struct otlp_event *ev;
	uint32_t nev, ev_cap, dropped_ev;
	int status;		/* Status.code: 0 UNSET, 2 ERROR (trace.proto StatusCode) */
	char *status_msg;
	size_t est;		/* encoded size, about: for batching */
	struct otlp_span *next;	/* in the send queue */
};

void otlp_span_free(struct otlp_span *sp);

/*
 * A log record (--logs): one trace line as the text output prints it, in the process's span
 * (its span id) of the one trace.  SeverityNumber: 9 INFO, 13 WARN (a failed call), 17 ERROR
 * (a fatal signal, lost events) (logs data model).
 */
struct otlp_log {
	uint64_t ts;		/* CLOCK_BOOTTIME ns */
	int severity;
	uint8_t span_id[8];
	char *body;		/* body_len bytes, malloc'd */
	size_t body_len;
	struct sbuf attrs;	/* attribute list (otlp_attr_*) */
	struct otlp_log *next;	/* in the send queue */
};

void otlp_log_free(struct otlp_log *l);
/* "INFO", "WARN", "ERROR" for those severity numbers. */
const char *otlp_severity_text(int severity);
/* A CLOCK_BOOTTIME time as Unix ns: boot + offset, 0 before the epoch, the largest past 2262. */
uint64_t otlp_unix_ns(uint64_t boot, int64_t offset);

/* -- attribute lists (otlp_attr.c) ------------------------------------------
 * KeyValue lists are built once in a neutral form and rendered by the encoder of the request
 * (JSON or protobuf); an sbuf holds a list, attributes appended in order.
 */
#define OTLP_A_STR	's'
#define OTLP_A_INT	'i'
#define OTLP_A_BOOL	'b'
#define OTLP_A_STRV	'a'	/* an array of strings, NUL-separated (an argv) */

void otlp_attr_str(struct sbuf *sb, const char *key, const char *val);
void otlp_attr_strn(struct sbuf *sb, const char *key, const char *val, size_t len);
void otlp_attr_int(struct sbuf *sb, const char *key, int64_t val);
void otlp_attr_bool(struct sbuf *sb, const char *key, bool val);
void otlp_attr_strv(struct sbuf *sb, const char *key, const char *argv, size_t len);

struct otlp_attr {
	char type;		/* OTLP_A_* */
	const char *key;	/* klen bytes, not NUL-terminated */
	size_t klen;
	const char *val;	/* vlen bytes: a string, an argv */
	size_t vlen;
	int64_t i;		/* OTLP_A_INT, OTLP_A_BOOL */
};

/* The attribute at *pos of the list buf (len bytes), *pos moved past it; false at the end. */
bool otlp_attr_next(const char *buf, size_t len, size_t *pos, struct otlp_attr *a);

/* -- JSON (otlp_json.c) ----------------------------------------------------
 * OTLP/JSON is the proto3 JSON mapping with the changes of the OTLP spec,
 * "JSON Protobuf Encoding" (opentelemetry-proto, docs/specification.md):
 * lowerCamelCase field names, traceId/spanId as hex (not base64), enums as
 * integers, 64-bit integers (intValue, *TimeUnixNano) as decimal strings.
 */

/* A JSON string of len bytes, quoted; invalid UTF-8 becomes U+FFFD. */
void oj_str(struct sbuf *sb, const char *s, size_t len);
/* An attribute list (otlp_attr_*) as KeyValue objects, comma-separated. */
void oj_attrs(struct sbuf *sb, const char *list, size_t len);
void oj_hex(struct sbuf *sb, const uint8_t *id, size_t n);

/*
 * One ExportTraceServiceRequest holding spans (linked by next, n of them) under one resource
 * and scope.  offset_ns turns boottime into Unix ns (boot_to_real plus any --relative-to-now shift).
 */
void otlp_encode(struct sbuf *sb, const struct sbuf *resource_attrs, const uint8_t trace_id[16],
		 const struct otlp_span *spans, size_t n, int64_t offset_ns);
/* The span alone, as inside a request. */
void otlp_encode_span(struct sbuf *sb, const struct otlp_span *sp, const uint8_t trace_id[16],
		      int64_t offset_ns);
/* One ExportLogsServiceRequest holding n log records linked by next. */
void otlp_encode_logs(struct sbuf *sb, const struct sbuf *resource_attrs,
		      const uint8_t trace_id[16], const struct otlp_log *logs, size_t n,
		      int64_t offset_ns);

/* -- protobuf (otlp_pb.c): the same requests in the binary encoding ------------ */

struct pb;
void otlp_encode_pb(struct pb *pb, const struct sbuf *resource_attrs, const uint8_t trace_id[16],
		    const struct otlp_span *spans, size_t n, int64_t offset_ns);
void otlp_encode_span_pb(struct pb *pb, const struct otlp_span *sp, const uint8_t trace_id[16],
			 int64_t offset_ns);
void otlp_encode_logs_pb(struct pb *pb, const struct sbuf *resource_attrs,
			 const uint8_t trace_id[16], const struct otlp_log *logs, size_t n,
			 int64_t offset_ns);
/*
 * The partial_success of an Export{Trace,Logs}ServiceResponse in protobuf: *rejected (spans or
 * log records) and its error_message in msg.  0, or -EINVAL for a malformed body.
 */
int otlp_partial_pb(const void *buf, size_t len, int64_t *rejected, char *msg, size_t msglen);

/* -- HTTP (otlp_http.c) ---------------------------------------------------- */

struct otlp_http;

enum otlp_signal { OTLP_TRACES, OTLP_LOGS };

/*
 * The endpoint of a signal: url (--otlp=URL, the traces endpoint: a URL without a path gets
 * /v1/traces, and logs go beside traces at .../v1/logs), else
 * $OTEL_EXPORTER_OTLP_{TRACES,LOGS}_ENDPOINT as is, else $OTEL_EXPORTER_OTLP_ENDPOINT plus
 * "v1/traces" or "v1/logs" (OTLP exporter spec: the generic variable is a base URL), else
 * http://localhost:4318/v1/traces or /v1/logs.  malloc'd.
 */
char *otlp_endpoint(const char *url, enum otlp_signal sig);
/*
 * The encoding and compression of a signal's requests: $OTEL_EXPORTER_OTLP_{TRACES,LOGS}_PROTOCOL
 * else $OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf (default) or http/json; grpc is refused
 * (-ENOTSUP, message printed).  ..._COMPRESSION: gzip or none (default).  0 or -ENOTSUP.
 */
int otlp_protocol(enum otlp_signal sig, bool *protobuf, bool *gzip);
/* Whether the environment turns OpenTelemetry export off (OTEL_SDK_DISABLED=true,
 * OTEL_TRACES_EXPORTER=none); *why names the setting. */
bool otlp_disabled(const char **why);
/* A list of k=v pairs as the OTel SDK environment variables have them (values %-encoded):
 * calls fn for each; returns the number of pairs. */
int otlp_parse_kv(const char *list, void (*fn)(void *ctx, const char *k, const char *v), void *ctx);

/*
 * The export deadline, ms: $OTEL_EXPORTER_OTLP_TRACES_TIMEOUT, else $OTEL_EXPORTER_OTLP_TIMEOUT
 * (whole numbers of ms; an invalid one is ignored with a warning), else 10 s.  *var names the
 * variable the value came from (or would have).
 */
long otlp_timeout_ms(enum otlp_signal sig, const char **var);
/* An exporter of sig's requests to url, in protobuf or JSON, gzip'd or not: 0 or -errno
 * (message printed). */
int otlp_http_new(struct otlp_http **hp, const char *url, enum otlp_signal sig, bool protobuf,
		  bool gzip);
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
enum otlp_encoding { OTLP_ENC_ENV = 0, OTLP_ENC_JSON, OTLP_ENC_PROTOBUF };

struct otlp_cfg {
	/* send one request body: 0 or -errno, why filled in; NULL: HTTP to the endpoint */
	int (*post)(void *ctx, const char *body, size_t len, char *why, size_t whylen);
	void *post_ctx;
	/* --logs: the same for log records; NULL: HTTP to the logs endpoint */
	int (*post_logs)(void *ctx, const char *body, size_t len, char *why, size_t whylen);
	void *post_logs_ctx;
	enum otlp_encoding encoding;	/* OTLP_ENC_ENV: OTEL_EXPORTER_OTLP_PROTOCOL and co. */
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
