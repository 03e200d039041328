// SPDX-License-Identifier: LGPL-2.1-or-later
/* otlp_http.c: OTLP/HTTP export with libcurl: endpoint, headers, retries with backoff. */
/*
 * libcurl is opened with dlopen() by the first OTLP/HTTP exporter, not linked: the ~35 libraries
 * it pulls in cost every run 15-20 ms of dynamic loading and ~4 MB of RSS (bench/README.md,
 * "startup"), and only --format=otlp with an HTTP endpoint uses them.
 */
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <zlib.h>
#include "log.h"
#include "options.h"
#include "otlp.h"

#define OTLP_DEFAULT_BASE	"http://localhost:4318/"	/* OTLP spec: OTLP/HTTP default port 4318 */

/* Per signal: the path under a base URL and the signal's part of the variables' names. */
static const struct {
	const char *path, *var;
} sigs[] = {
	[OTLP_TRACES] = { "v1/traces", "TRACES" },
	[OTLP_LOGS] = { "v1/logs", "LOGS" },
};
/*
 * Retries (OTLP spec, "Failures" and "Retryable Response Codes" of OTLP/HTTP: 429, 502, 503,
 * 504, honouring Retry-After): at most OTLP_TRIES attempts, waits from OTLP_BACKOFF_MS doubling.
 * One deadline bounds an export, every attempt and wait included: OTEL_EXPORTER_OTLP_TIMEOUT
 * (SDK environment spec: the maximum time the exporter waits for each batch export, in ms,
 * default 10 s).  The connection check at start has a deadline of the same length.
 */
#define OTLP_TRIES		5
#define OTLP_BACKOFF_MS		100
#define OTLP_TIMEOUT_MS		10000	/* OTEL_EXPORTER_OTLP_TIMEOUT's default (SDK env spec) */
#define OTLP_TIMEOUT_MAX_MS	INT32_MAX	/* ~24.8 days: curl's timeouts are longs of ms */
#define OTLP_RESP_MAX		65536	/* bytes of a response body kept */

/* libcurl's entry points, from dlopen(CURL_SONAME) */
#define CURL_SONAME	"libcurl.so.4"	/* the soname of libcurl 7.16 and later */
static struct {
	void *lib;
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *c, CURLoption opt, ...);
	CURLcode (*easy_getinfo)(CURL *c, CURLINFO info, ...);
	CURLcode (*easy_perform)(CURL *c);
	void (*easy_cleanup)(CURL *c);
	const char *(*easy_strerror)(CURLcode rc);
	struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
	void (*slist_free_all)(struct curl_slist *l);
	time_t (*getdate)(const char *s, const time_t *unused);
} cu;

/* Open libcurl once; 0, or -ENOENT with one line saying what is missing. */
static int curl_open(void)
{
	static const struct {
		const char *name;
		size_t off;
	} fn[] = {
#define FN(f)	{ "curl_" #f, offsetof(__typeof__(cu), f) }
		FN(global_init), FN(global_cleanup), FN(easy_init), FN(easy_setopt),
		FN(easy_getinfo), FN(easy_perform), FN(easy_cleanup), FN(easy_strerror),
		FN(slist_append), FN(slist_free_all), FN(getdate),
#undef FN
	};
	void *lib;

	if (cu.lib)
		return 0;
	lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		pr_warn("cannot export OTLP over HTTP: %s (install libcurl, e.g. Debian's libcurl4)",
			dlerror());
		return -ENOENT;
	}
	for (size_t i = 0; i < sizeof(fn) / sizeof(fn[0]); i++) {
		void *f = dlsym(lib, fn[i].name);

		if (!f) {
			pr_warn("cannot export OTLP over HTTP: %s has no %s", CURL_SONAME, fn[i].name);
			dlclose(lib);
			return -ENOENT;
		}
		memcpy((char *)&cu + fn[i].off, &f, sizeof(f));
	}
	cu.lib = lib;
	return 0;
}

struct otlp_http {
	CURL *c;
	char *url;
	enum otlp_signal sig;
	bool gzip;		/* bodies sent gzip-compressed (Content-Encoding: gzip) */
	z_stream z;
	bool z_ready;
	uint8_t *zbuf;
	size_t zcap;
	struct curl_slist *hdrs;
	long timeout_ms;
	const char *timeout_var;	/* the variable that set timeout_ms, for messages */
	char err[CURL_ERROR_SIZE];
	struct sbuf resp;
	char status_line[128];	/* reason phrase of the last response */
	long retry_after_ms;	/* -1: none */
};

/* --- endpoint and environment ---------------------------------------------------------------- */

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* The value of OTEL_EXPORTER_OTLP_<SIG>_<what>, else of OTEL_EXPORTER_OTLP_<what> (the
 * signal-specific variable takes precedence: OTLP exporter spec); *var names the one used. */
static const char *env_sig(enum otlp_signal sig, const char *what, char *var, size_t varlen)
{
	const char *v;

	snprintf(var, varlen, "OTEL_EXPORTER_OTLP_%s_%s", sigs[sig].var, what);
	v = env(var);
	if (v)
		return v;
	snprintf(var, varlen, "OTEL_EXPORTER_OTLP_%s", what);
	return env(var);
}

char *otlp_endpoint(const char *url, enum otlp_signal sig)
{
	const char *e;
	char *r = NULL, var[64];

	if (url && *url) {
		const char *p = strstr(url, "://"), *t;
		size_t tl = strlen(sigs[OTLP_TRACES].path);

		p = p ? strchr(p + 3, '/') : NULL;
		if (!p || !p[1]) {	/* http://host:4318 or http://host:4318/: the signal's path */
			if (asprintf(&r, "%.*s/%s", (int)(p ? p - url : (int)strlen(url)), url,
				     sigs[sig].path) < 0)
				return NULL;
			return r;
		}
		if (sig == OTLP_TRACES)
			return strdup(url);
		/* --otlp=URL names the traces endpoint: logs go beside it, .../v1/logs */
		t = strlen(url) >= tl ? url + strlen(url) - tl : NULL;
		if (t && !strcmp(t, sigs[OTLP_TRACES].path) && t[-1] == '/') {
			if (asprintf(&r, "%.*s%s", (int)(t - url), url, sigs[sig].path) < 0)
				return NULL;
			return r;
		}
		if (asprintf(&r, "%s%s%s", url, url[strlen(url) - 1] == '/' ? "" : "/",
			     sigs[sig].path) < 0)
			return NULL;
		return r;
	}
	snprintf(var, sizeof(var), "OTEL_EXPORTER_OTLP_%s_ENDPOINT", sigs[sig].var);
	e = env(var);
	if (e)
		return strdup(e);
	e = env("OTEL_EXPORTER_OTLP_ENDPOINT");
	if (!e)
		e = OTLP_DEFAULT_BASE;
	/* OTLP exporter spec: the generic variable is a base URL; the signal path is appended to
	   it, after a '/' if it has none at its end */
	size_t n = strlen(e);

	if (asprintf(&r, "%s%s%s", e, e[n - 1] == '/' ? "" : "/", sigs[sig].path) < 0)
		return NULL;
	return r;
}

int otlp_protocol(enum otlp_signal sig, bool *protobuf, bool *gzip)
{
	char var[64];
	const char *v = env_sig(sig, "PROTOCOL", var, sizeof(var));

	*protobuf = true;	/* http/protobuf: the SDKs' default (SDK environment spec) */
	if (v && !strcmp(v, "http/json")) {
		*protobuf = false;
	} else if (v && !strcmp(v, "grpc")) {
		pr_warn("cannot export OTLP over gRPC (%s=grpc): hytrace speaks OTLP/HTTP; set it to "
			"http/protobuf or http/json and use the collector's HTTP port (4318)", var);
		return -ENOTSUP;
	} else if (v && strcmp(v, "http/protobuf")) {
		pr_warn("ignoring %s=%s (http/protobuf, http/json or grpc)", var, v);
	}
	v = env_sig(sig, "COMPRESSION", var, sizeof(var));
	*gzip = v && !strcmp(v, "gzip");
	if (v && !*gzip && strcmp(v, "none"))
		pr_warn("ignoring %s=%s (gzip or none)", var, v);
	return 0;
}

bool otlp_disabled(const char **why)
{
	const char *v = env("OTEL_SDK_DISABLED");

	/* SDK environment spec: a boolean, "true" case-insensitively, anything else false */
	if (v && !strcasecmp(v, "true")) {
		*why = "OTEL_SDK_DISABLED=true";
		return true;
	}
	v = env("OTEL_TRACES_EXPORTER");
	if (v && !strcmp(v, "none")) {
		*why = "OTEL_TRACES_EXPORTER=none";
		return true;
	}
	return false;
}

/*
 * A timeout variable: a whole number of milliseconds, 1 to OTLP_TIMEOUT_MAX_MS.  Anything else
 * is ignored with one warning, as the SDK environment spec asks of unparsable numbers
 * ("generate a warning and gracefully ignore the setting, i.e., treat them as not set").
 */
static bool env_timeout(const char *name, long *ms)
{
	const char *v = env(name);
	unsigned long long n = 0;
	const char *p;

	if (!v)
		return false;
	for (p = v; *p >= '0' && *p <= '9' && n <= OTLP_TIMEOUT_MAX_MS; p++)
		n = n * 10 + (unsigned long long)(*p - '0');
	if (*p || !n || n > OTLP_TIMEOUT_MAX_MS) {
		pr_warn("ignoring %s=%s (not a number of milliseconds from 1 to %d)", name, v,
			OTLP_TIMEOUT_MAX_MS);
		return false;
	}
	*ms = (long)n;
	return true;
}

long otlp_timeout_ms(enum otlp_signal sig, const char **var)
{
	static const char *const names[][2] = {
		[OTLP_TRACES] = { "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT" },
		[OTLP_LOGS] = { "OTEL_EXPORTER_OTLP_LOGS_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT" },
	};
	long ms = OTLP_TIMEOUT_MS;

	/* the signal-specific variable takes precedence (OTLP exporter spec) */
	*var = names[sig][0];
	if (env_timeout(*var, &ms))
		return ms;
	*var = names[sig][1];
	if (env_timeout(*var, &ms))
		return ms;
	return OTLP_TIMEOUT_MS;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What is left before a deadline for curl: 1 ms at least, as 0 would mean no limit to curl. */
static long left_ms(long deadline)
{
	long left = deadline - now_ms();

	return left > 0 ? left : 1;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Trim spaces and decode %XX in place. */
static char *kv_clean(char *s)
{
	char *e, *w = s;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	w = s;
	for (char *r = s; *r; r++) {
		if (r[0] == '%' && hexval(r[1]) >= 0 && hexval(r[2]) >= 0) {
			*w++ = (char)(hexval(r[1]) << 4 | hexval(r[2]));
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return s;
}

int otlp_parse_kv(const char *list, void (*fn)(void *ctx, const char *k, const char *v), void *ctx)
{
	char *dup, *save = NULL, *item;
	int n = 0;

	if (!list || !(dup = strdup(list)))
		return 0;
	for (item = strtok_r(dup, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '=');

		if (!eq)
			continue;
		*eq = '\0';
		char *k = kv_clean(item), *v = kv_clean(eq + 1);

		if (!*k)
			continue;
		fn(ctx, k, v);
		n++;
	}
	free(dup);
	return n;
}

static void add_header(void *ctx, const char *k, const char *v)
{
	struct otlp_http *h = ctx;
	char *line = NULL;

	if (asprintf(&line, "%s: %s", k, v) < 0)
		return;
	struct curl_slist *n = cu.slist_append(h->hdrs, line);

	if (n)
		h->hdrs = n;
	free(line);
}

/* --- libcurl ------------------------------------------------------------------------------------ */

static size_t on_body(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct otlp_http *h = ctx;
	size_t n = size * nmemb;

	if (h->resp.len < OTLP_RESP_MAX)
		sb_putn(&h->resp, data, n < OTLP_RESP_MAX - h->resp.len ? n : OTLP_RESP_MAX - h->resp.len);
	return n;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct otlp_http *h = ctx;
	size_t n = size * nmemb, l = n;

	while (l && (data[l - 1] == '\n' || data[l - 1] == '\r'))
		l--;
	if (l > 5 && !strncmp(data, "HTTP/", 5)) {	/* a new response: "HTTP/1.1 503 Service Unavailable" */
		const char *sp = memchr(data, ' ', l);

		h->status_line[0] = '\0';
		h->retry_after_ms = -1;
		if (sp) {
			sp = memchr(sp + 1, ' ', l - (size_t)(sp + 1 - data));
			if (sp)
				snprintf(h->status_line, sizeof(h->status_line), "%.*s",
					 (int)(l - (size_t)(sp + 1 - data)), sp + 1);
		}
	} else if (l > 12 && !strncasecmp(data, "Retry-After:", 12)) {
		/* RFC 9110, 10.2.3: delay-seconds or an HTTP-date */
		char v[64];
		char *end;
		long secs;

		snprintf(v, sizeof(v), "%.*s", (int)(l - 12), data + 12);
		secs = strtol(v, &end, 10);
		while (*end == ' ')
			end++;
		if (end != v && !*end && secs >= 0) {
			h->retry_after_ms = secs * 1000;
		} else {
			time_t when = cu.getdate(v, NULL);

			if (when != -1)
				h->retry_after_ms = when > time(NULL) ? (long)(when - time(NULL)) * 1000 : 0;
		}
	}
	return n;
}

int otlp_http_new(struct otlp_http **hp, const char *url, enum otlp_signal sig, bool protobuf,
		  bool gzip)
{
	char var[64];
	struct otlp_http *h;
	const char *e;
	int err;

	*hp = NULL;
	err = curl_open();
	if (err)
		return err;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	if (cu.global_init(CURL_GLOBAL_DEFAULT)) {
		pr_warn("cannot initialise libcurl");
		free(h);
		return -EIO;
	}
	h->url = strdup(url);
	h->c = cu.easy_init();
	if (!h->url || !h->c) {
		otlp_http_free(h);
		return -ENOMEM;
	}
	h->sig = sig;
	h->gzip = gzip;
	h->timeout_ms = otlp_timeout_ms(sig, &h->timeout_var);
	h->hdrs = cu.slist_append(NULL, protobuf ? "Content-Type: application/x-protobuf"
						 : "Content-Type: application/json");
	if (gzip)
		h->hdrs = cu.slist_append(h->hdrs, "Content-Encoding: gzip");
	h->hdrs = cu.slist_append(h->hdrs, "Expect:");	/* no 100-continue round trip */
	e = env_sig(sig, "HEADERS", var, sizeof(var));
	otlp_parse_kv(e, add_header, h);

	cu.easy_setopt(h->c, CURLOPT_URL, h->url);
	cu.easy_setopt(h->c, CURLOPT_NOSIGNAL, 1L);	/* our signal handlers stay ours */
	cu.easy_setopt(h->c, CURLOPT_HTTPHEADER, h->hdrs);
	/* the OTLP exporter spec asks exporters for a User-Agent naming them and their version */
	cu.easy_setopt(h->c, CURLOPT_USERAGENT, "hytrace/" HYTRACE_VERSION);
	cu.easy_setopt(h->c, CURLOPT_ERRORBUFFER, h->err);
	cu.easy_setopt(h->c, CURLOPT_WRITEFUNCTION, on_body);
	cu.easy_setopt(h->c, CURLOPT_WRITEDATA, h);
	cu.easy_setopt(h->c, CURLOPT_HEADERFUNCTION, on_header);
	cu.easy_setopt(h->c, CURLOPT_HEADERDATA, h);
	cu.easy_setopt(h->c, CURLOPT_POST, 1L);
	*hp = h;
	return 0;
}

void otlp_http_free(struct otlp_http *h)
{
	if (!h)
		return;
	if (h->c)
		cu.easy_cleanup(h->c);
	cu.slist_free_all(h->hdrs);
	if (h->z_ready)
		deflateEnd(&h->z);
	free(h->zbuf);
	sb_free(&h->resp);
	free(h->url);
	free(h);
	cu.global_cleanup();
}

static bool retryable_curl(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		return true;
	default:
		return false;
	}
}

/* The cause of a failed transfer: the system's words when there is an errno, else curl's. */
static int curl_why(struct otlp_http *h, CURL *c, CURLcode rc, char *why, size_t whylen)
{
	long oserr = 0;

	cu.easy_getinfo(c, CURLINFO_OS_ERRNO, &oserr);
	if (oserr && rc == CURLE_COULDNT_CONNECT) {
		snprintf(why, whylen, "%s", strerror((int)oserr));
		return -(int)oserr;
	}
	if (rc == CURLE_OPERATION_TIMEDOUT) {
		snprintf(why, whylen, "no answer within %ld ms (%s)", h->timeout_ms, h->timeout_var);
		return -ETIMEDOUT;
	}
	snprintf(why, whylen, "%s", h->err[0] ? h->err : cu.easy_strerror(rc));
	return oserr ? -(int)oserr : -EIO;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * The wait before the next attempt, or -1 when none is left before the deadline: a wait that
 * would leave no time to try again is not worth waiting.
 */
static long next_wait(long *backoff, long deadline, long retry_after)
{
	long w = retry_after >= 0 ? retry_after : *backoff;

	*backoff *= 2;
	if (now_ms() + w >= deadline)
		return -1;
	return w;
}

int otlp_http_check(struct otlp_http *h)
{
	long backoff = OTLP_BACKOFF_MS, deadline = now_ms() + h->timeout_ms;
	char why[256];
	CURL *c = cu.easy_init();
	int err = 0;

	if (!c)
		return -ENOMEM;
	cu.easy_setopt(c, CURLOPT_URL, h->url);
	cu.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	cu.easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);	/* TCP (and TLS): nothing is sent */
	cu.easy_setopt(c, CURLOPT_ERRORBUFFER, h->err);
	for (int attempt = 1;; attempt++) {
		h->err[0] = '\0';
		cu.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, left_ms(deadline));
		CURLcode rc = cu.easy_perform(c);

		if (rc == CURLE_OK) {
			err = 0;
			break;
		}
		err = curl_why(h, c, rc, why, sizeof(why));
		long w = attempt < OTLP_TRIES && retryable_curl(rc) ? next_wait(&backoff, deadline, -1) : -1;

		if (w < 0) {
			pr_warn("cannot send spans to %s: %s", h->url, why);
			break;
		}
		pr_debug("%s: %s; trying again in %ld ms", h->url, why, w);
		sleep_ms(w);
	}
	cu.easy_cleanup(c);
	return err;
}

/* A response body on one line, short: the collector's message (a google.rpc.Status in JSON). */
static void body_snippet(const struct sbuf *b, char *out, size_t n)
{
	size_t j = 0;

	for (size_t i = 0; i < b->len && j + 4 < n && i < 200; i++) {
		char c = b->s[i];

		out[j++] = c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
	}
	while (j && out[j - 1] == ' ')
		j--;
	out[j] = '\0';
}

/*
 * A 2xx response may still report spans or log records it dropped (OTLP spec, "Partial
 * Success"): in JSON {"partialSuccess":{"rejectedSpans":"3","errorMessage":"..."}}
 * (rejectedLogRecords for logs; int64 as a string or a number), in protobuf the response
 * message's partial_success.  Not silent: warn with the count and the collector's message.
 */
static void partial_success(struct otlp_http *h)
{
	const char *what = h->sig == OTLP_LOGS ? "log records" : "spans";
	char msg[256] = "";
	int64_t n = 0;

	if (!h->resp.len)
		return;
	if (h->resp.s[0] == '{') {
		cJSON *root = cJSON_ParseWithLength(h->resp.s, h->resp.len);
		const cJSON *ps = cJSON_GetObjectItemCaseSensitive(root, "partialSuccess");
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(
			ps, h->sig == OTLP_LOGS ? "rejectedLogRecords" : "rejectedSpans");
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(ps, "errorMessage");

		if (!root) {
			pr_warn("the collector at %s answered with a body that is not JSON", h->url);
			return;
		}
		if (cJSON_IsString(r))
			n = strtoll(r->valuestring, NULL, 10);
		else if (cJSON_IsNumber(r))
			n = (int64_t)r->valuedouble;
		if (cJSON_IsString(m))
			snprintf(msg, sizeof(msg), "%s", m->valuestring);
		cJSON_Delete(root);
	} else if (otlp_partial_pb(h->resp.s, h->resp.len, &n, msg, sizeof(msg))) {
		pr_warn("the collector at %s answered with a malformed protobuf body", h->url);
		return;
	}
	if (n > 0)
		pr_warn("the collector at %s rejected %lld %s%s%s", h->url, (long long)n, what,
			msg[0] ? ": " : "", msg);
	else if (msg[0])
		pr_warn("the collector at %s warns: %s", h->url, msg);
}

/* The body gzip-compressed into h->zbuf (RFC 1952, through zlib); its length, or 0 on failure. */
static size_t gzip_body(struct otlp_http *h, const char *body, size_t len)
{
	uLong bound;

	if (!h->z_ready) {
		memset(&h->z, 0, sizeof(h->z));
		/* windowBits 15 + 16: a gzip header and trailer instead of zlib's */
		if (deflateInit2(&h->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
				 Z_DEFAULT_STRATEGY) != Z_OK)
			return 0;
		h->z_ready = true;
	} else if (deflateReset(&h->z) != Z_OK) {
		return 0;
	}
	bound = deflateBound(&h->z, (uLong)len);
	if (bound > h->zcap) {
		uint8_t *n = realloc(h->zbuf, bound);

		if (!n)
			return 0;
		h->zbuf = n;
		h->zcap = bound;
	}
	h->z.next_in = (Bytef *)body;
	h->z.avail_in = (uInt)len;
	h->z.next_out = h->zbuf;
	h->z.avail_out = (uInt)h->zcap;
	if (deflate(&h->z, Z_FINISH) != Z_STREAM_END)
		return 0;
	return h->zcap - h->z.avail_out;
}

int otlp_http_post(struct otlp_http *h, const char *body, size_t len, char *why, size_t whylen)
{
	long backoff = OTLP_BACKOFF_MS, deadline = now_ms() + h->timeout_ms;

	if (h->gzip) {
		size_t zlen = gzip_body(h, body, len);

		if (!zlen) {
			snprintf(why, whylen, "cannot compress the request (zlib)");
			return -ENOMEM;
		}
		body = (const char *)h->zbuf;
		len = zlen;
	}
	cu.easy_setopt(h->c, CURLOPT_POSTFIELDS, body);
	cu.easy_setopt(h->c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	for (int attempt = 1;; attempt++) {
		bool retry;
		long code = 0, w;
		int err;

		sb_reset(&h->resp);
		h->err[0] = '\0';
		h->status_line[0] = '\0';
		h->retry_after_ms = -1;
		cu.easy_setopt(h->c, CURLOPT_TIMEOUT_MS, left_ms(deadline));
		CURLcode rc = cu.easy_perform(h->c);

		if (rc != CURLE_OK) {
			err = curl_why(h, h->c, rc, why, whylen);
			retry = retryable_curl(rc);
		} else {
			char msg[256];

			cu.easy_getinfo(h->c, CURLINFO_RESPONSE_CODE, &code);
			if (code >= 200 && code < 300) {
				partial_success(h);
				return 0;
			}
			body_snippet(&h->resp, msg, sizeof(msg));
			snprintf(why, whylen, "HTTP %ld%s%s%s%s", code, h->status_line[0] ? " " : "",
				 h->status_line, msg[0] ? ": " : "", msg);
			err = -EPROTO;
			retry = code == 429 || code == 502 || code == 503 || code == 504;
		}
		w = retry && attempt < OTLP_TRIES ? next_wait(&backoff, deadline, h->retry_after_ms) : -1;
		if (w < 0)
			return err;
		pr_debug("%s: %s; trying again in %ld ms", h->url, why, w);
		sleep_ms(w);
	}
}
