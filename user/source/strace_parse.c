// SPDX-License-Identifier: LGPL-2.1-or-later
/* strace_parse.c: strace's text output (6.x) into the value trees the decoders build. */
/*
 * The grammar is strace's printing code read backwards (facts from strace 6.1's output on
 * this machine): a line is [pid prefix][timestamp]body, where body is a call
 * "name(args) = ret", its halves "name(args <unfinished ...>" and "<... name resumed>args)
 * = ret", a signal "--- SIGX {siginfo} ---", or an exit "+++ exited with N +++".
 * Arguments are values separated by ", ": quoted strings, numbers, NULL, symbols and flag
 * sets (A|B|0x8), {structs}, [arrays], [SIGNAL SETS], fd decorations 3</path>, calls
 * htons(80), "=>" for values changed by the call and comments.  Every scalar is printed
 * back and compared with its text: what would not print the same (and anything the
 * grammar does not know) is kept as an HV_EXPR with the text, so nothing is lost.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "render.h"
#include "sbuf.h"
#include "strace_parse.h"
#include "xlat_gen.h"

/* ASCII classes without the locale's table (hytrace keeps the C locale: the same answers) */
static inline bool sp_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool sp_isalpha(int c)
{
	return (unsigned int)((c | 0x20) - 'a') < 26;
}

static inline bool sp_isalnum(int c)
{
	return sp_isdigit(c) || sp_isalpha(c);
}

/* -- symbol values: one hash of every name in every xlat table ---------------------------- */

/* The tables searched for raw values of symbols: all of them (the first naming a symbol wins). */

#define SYM_HASH_BITS 14	/* 16384 slots: the tables hold about 3000 names */

struct sym_slot {
	const char *name;
	size_t len;
	uint64_t val;
};

static struct sym_slot sym_hash[1u << SYM_HASH_BITS];
static bool sym_ready;

static unsigned int sym_h(const char *s, size_t n)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h & ((1u << SYM_HASH_BITS) - 1);
}

static void sym_init(void)
{
	for (size_t t = 0; t < xlat_all_count; t++) {
		const struct xlat *x = xlat_all[t];

		for (unsigned int i = 0; i < x->n; i++) {
			const char *name = x->e[i].name;
			size_t len = strlen(name);
			unsigned int h = sym_h(name, len);

			while (sym_hash[h].name && strcmp(sym_hash[h].name, name))
				h = (h + 1) & ((1u << SYM_HASH_BITS) - 1);
			if (!sym_hash[h].name) {
				sym_hash[h].name = name;
				sym_hash[h].len = len;
				sym_hash[h].val = x->e[i].val;
			}
		}
	}
	sym_ready = true;
}

static int sym_lookup(const char *s, size_t n, uint64_t *val)
{
	if (!sym_ready)
		sym_init();
	for (unsigned int h = sym_h(s, n); sym_hash[h].name; h = (h + 1) & ((1u << SYM_HASH_BITS) - 1)) {
		/* s may hold any byte, a NUL too: compare lengths first, then bytes */
		if (sym_hash[h].len == n && !memcmp(sym_hash[h].name, s, n)) {
			*val = sym_hash[h].val;
			return 0;
		}
	}
	return -ENOENT;
}

/*
 * sp_symval()'s last answers, by a hash of a text's length and ends (no pass over it): the same
 * flag sets come back on most lines of a log.
 */
#define SYM_MEMO 512
struct sym_memo {
	unsigned char len;	/* 0: empty */
	bool found;
	char text[62];
	uint64_t val;
};
static struct sym_memo sym_memo[SYM_MEMO];

static int symval_parts(const char *s, size_t len, uint64_t *val);

/* A hash of n bytes at s (its first and last 8 bytes and its length), for the tables here. */
static uint64_t name_hash(const char *s, size_t n)
{
	uint64_t a = 0, b = 0;

	memcpy(&a, s, n < 8 ? n : 8);
	memcpy(&b, s + n - (n < 8 ? n : 8), n < 8 ? n : 8);
	return (a ^ (b * 0x9e3779b97f4a7c15ull) ^ n) * 0xff51afd7ed558ccdull;
}

int sp_symval(const char *s, size_t len, uint64_t *val)
{
	uint64_t a;
	struct sym_memo *m;
	int ret;

	if (!len || len >= sizeof(m->text))
		return symval_parts(s, len, val);
	a = name_hash(s, len);
	m = &sym_memo[(a >> 40) & (SYM_MEMO - 1)];
	if (m->len == len && !memcmp(m->text, s, len)) {
		*val = m->val;
		return m->found ? 0 : -ENOENT;
	}
	ret = symval_parts(s, len, val);
	m->len = (unsigned char)len;
	memcpy(m->text, s, len);
	m->val = *val;
	m->found = !ret;
	return ret;
}

static int symval_parts(const char *s, size_t len, uint64_t *val)
{
	uint64_t v = 0;

	*val = 0;
	for (size_t i = 0; i < len; ) {
		size_t j = i;
		uint64_t part;

		while (j < len && s[j] != '|')
			j++;
		if (j == i)
			return -ENOENT;
		if (sp_isdigit((unsigned char)s[i])) {
			char buf[32], *e;

			if (j - i >= sizeof(buf))
				return -ENOENT;
			memcpy(buf, s + i, j - i);
			buf[j - i] = '\0';
			part = strtoull(buf, &e, 0);
			if (*e)
				return -ENOENT;
		} else if (sym_lookup(s + i, j - i, &part)) {
			return -ENOENT;
		}
		v |= part;
		i = j + 1;
	}
	*val = v;
	return 0;
}

#define SIG_HASH 256	/* slots for 64 signal names: a power of two, mostly empty */

int sp_signo(const char *name, size_t len)
{
	/*
	 * The names in a hash table, made once (signame() searches a table for each): every
	 * symbol of a flag set that is not a known constant is tried as a signal (SIGCHLD in
	 * clone's flags), which a scan of 64 names made a reader hot spot (issue 10).
	 */
	static struct { const char *name; unsigned char len, sig; } tab[SIG_HASH];
	static bool ready;
	unsigned int h;

	if (!ready) {
		for (int sig = 1; sig <= 64; sig++) {	/* in order: a name given twice finds the first */
			const char *n = signame(sig);

			if (!n || strlen(n) > 32)
				continue;
			for (h = (name_hash(n, strlen(n)) >> 40) & (SIG_HASH - 1); tab[h].name;
			     h = (h + 1) & (SIG_HASH - 1))
				;
			tab[h].name = n;
			tab[h].len = (unsigned char)strlen(n);
			tab[h].sig = (unsigned char)sig;
		}
		ready = true;
	}
	if (len < 4 || len > 32 || memcmp(name, "SIG", 3))
		return 0;
	for (h = (name_hash(name, len) >> 40) & (SIG_HASH - 1); tab[h].name; h = (h + 1) & (SIG_HASH - 1))
		if (tab[h].len == len && !memcmp(tab[h].name, name, len))
			return tab[h].sig;
	return 0;
}

int sp_errno(const char *name, size_t len)
{
	char buf[32];
	uint64_t v;

	if (!len || len >= sizeof(buf))
		return 0;
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (!xlat_value(&xlat_errnos, buf, &v))
		return (int)v;
	return 0;
}

/* -- values --------------------------------------------------------------------------------- */

struct vp {
	struct dctx *d;
	struct sp_state *st;
	const char *p, *end;
};

/* A scalar printed back, to compare with its text: kept from call to call (no allocation). */
static struct sbuf chk;

static bool starts(const struct vp *v, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(v->end - v->p) >= n && !memcmp(v->p, lit, n);
}

/* After a quoted string starting at p (the opening quote): the closing quote + 1, or end. */
static const char *skip_string(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return end;
}

/*
 * The end of a value whose form we do not know: the next ", " or closing bracket at depth 0
 * (or a space, in a space-separated list), skipping quoted strings and nested brackets.
 */
static const char *skip_raw(const char *p, const char *end, bool spaces)
{
	int depth = 0;

	while (p < end) {
		char c = *p;

		if (c == '"') {
			p = skip_string(p, end);
			continue;
		}
		if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if (c == ')' || c == ']' || c == '}') {
			if (!depth)
				return p;
			depth--;
		} else if (!depth && c == ',' && (p + 1 == end || p[1] == ' ')) {
			return p;
		} else if (!depth && spaces && c == ' ') {
			return p;
		}
		p++;
	}
	return p;
}

static bool value_start(int c)
{
	return sp_isalnum(c) || c == '_' || c == '"' || c == '{' || c == '[' || c == '~' || c == '-';
}

/* Is p at the end of a value: end, ", ", a closing bracket, " => ", a comment, or, in an
 * array (spaces), a space before the next element as in [INT QUIT]. */
static bool at_sep(const struct vp *v, bool spaces)
{
	const char *p = v->p;

	if (p >= v->end)
		return true;
	if (*p == ')' || *p == ']' || *p == '}')
		return true;
	if (*p == ',' && (p + 1 == v->end || p[1] == ' '))
		return true;
	if (*p != ' ')
		return false;
	if (starts(v, " => ") || starts(v, " /* "))
		return true;
	return spaces && *p == ' ' && p + 1 < v->end && value_start((unsigned char)p[1]);
}

static struct hv *expr(struct vp *v, const char *s, size_t n)
{
	struct hv *h = hv_new(v->d, HV_EXPR);

	h->text = arena_strndup(v->d->ar, s, n);
	return h;
}

/*
 * Is the text of a number (n bytes at s) the one render_value() prints for h, without
 * printing it: decimal without a leading zero or "-0" (HV_INT, HV_UINT, HV_FD without a path),
 * and "0x" with lowercase digits and no leading zero (HV_HEX).  -1: not known, print it.
 */
static int number_canonical(const struct hv *h, const char *s, size_t n)
{
	size_t i = 0;

	if (h->name || h->comment)
		return -1;
	switch (h->kind) {
	case HV_INT:
	case HV_UINT:
	case HV_FD:
		if ((h->kind == HV_FD && (h->text || (h->flags & HVF_ATCWD))) || !n)
			return -1;
		if (s[0] == '-')
			i = 1;
		if (i == n || (s[i] == '0' && (n > i + 1 || i)))
			return 0;	/* "-", "007", "-0" */
		for (; i < n; i++)
			if (s[i] < '0' || s[i] > '9')
				return 0;
		return 1;
	case HV_HEX:
		if (n < 3 || s[0] != '0' || s[1] != 'x' || s[2] == '0')
			return 0;	/* "0X1", "0x0", "0x01": h prints otherwise */
		for (i = 2; i < n; i++)
			if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
				return 0;
		return 1;
	default:
		return -1;
	}
}

/* Does the node print as exactly the n bytes at s? */
static bool prints_as(struct vp *v, const struct hv *h, const char *s, size_t n)
{
	int canon = number_canonical(h, s, n);

	if (canon >= 0)
		return canon;
	sb_reset(&chk);
	render_value(&chk, h, v->st->xflag);
	return chk.len == n && !memcmp(chk.s, s, n);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Undo strace's quoting of n bytes at s (no quotes) into the arena: C escapes, \xNN, octal.
 * *hex: every byte was written \xNN (-x/-xx).
 */
static char *unquote(struct vp *v, const char *s, size_t n, size_t *outlen, bool *hex)
{
	char *o = arena_alloc(v->d->ar, n + 1), *q = o;
	bool allhex = n > 0;

	for (size_t i = 0; i < n; ) {
		if (s[i] != '\\' || i + 1 == n) {
			*q++ = s[i++];
			allhex = false;
			continue;
		}
		char c = s[i + 1];

		i += 2;
		if (c == 'x' && i < n && hexval(s[i]) >= 0) {
			int b = hexval(s[i++]);

			if (i < n && hexval(s[i]) >= 0)
				b = b * 16 + hexval(s[i++]);
			*q++ = (char)b;
			continue;
		}
		allhex = false;
		if (c >= '0' && c <= '7') {
			int b = c - '0';

			for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
				b = b * 8 + (s[i++] - '0');
			*q++ = (char)b;
			continue;
		}
		switch (c) {
		case 'n': *q++ = '\n'; break;
		case 't': *q++ = '\t'; break;
		case 'r': *q++ = '\r'; break;
		case 'v': *q++ = '\v'; break;
		case 'f': *q++ = '\f'; break;
		default: *q++ = c; break;	/* \\ \" and anything else: the character */
		}
	}
	*q = '\0';
	*outlen = q - o;
	*hex = allhex;
	return o;
}

/* "..." at p: a quoted string, "..." after it when cut at -s. */
static struct hv *parse_string(struct vp *v)
{
	const char *start = v->p, *close = skip_string(v->p, v->end);
	size_t len;
	bool hex;

	if (close[-1] != '"' || close == start + 1)
		return NULL;
	/*
	 * Printable ASCII without a backslash (most strings) is its own text, and prints back
	 * as it is unless -xx: no unquoting, nothing learnt, no printing to compare.
	 */
	const char *q = start + 1, *qend = close - 1;

	while (q < qend && *q >= ' ' && *q <= '~' && *q != '\\')
		q++;
	bool plain = q == qend && v->st->xflag < 2;
	struct hv *h = hv_new(v->d, HV_STR);
	char *text;

	if (plain) {
		len = qend - (start + 1);
		text = arena_strndup(v->d->ar, start + 1, len);
		hex = false;
	} else {
		text = unquote(v, start + 1, close - start - 2, &len, &hex);
	}
	h->text = text;
	h->len = len;
	v->p = close;
	if (starts(v, "...")) {
		h->flags |= HVF_TRUNC;
		v->p += 3;
	}
	if (plain)
		return h;
	if (hex && !v->st->no_xlearn) {	/* learn -x / -xx: -x writes in hex only strings with unprintable bytes */
		int level = 2;

		for (size_t i = 0; i < len; i++) {
			unsigned char c = text[i];

			if (c > 0x7e || (c < ' ' && (unsigned int)(c - 9) >= 5))
				level = 1;
		}
		if (level > v->st->xflag)
			v->st->xflag = level;
	}
	return prints_as(v, h, start, v->p - start) ? h : NULL;
}

/* "<...>" after an fd number at p: the path (-y) or socket details (-yy) into h. */
static bool parse_fdpath(struct vp *v, struct hv *h)
{
	const char *start = v->p, *p = v->p + 1;
	int depth = 1, sq = 0;

	/* "TCP:[1.2.3.4:5->6.7.8.9:10]", "UNIX-STREAM:[1->2,\"path\"]": no '>' counts in [] */
	for (; p < v->end; p++) {
		if (*p == '\\' && p + 1 < v->end)
			p++;
		else if (*p == '"' && sq)
			p = skip_string(p, v->end) - 1;
		else if (*p == '[' && p[-1] == ':')
			sq++;
		else if (*p == ']' && sq)
			sq--;
		else if (*p == '<' && !sq)
			depth++;
		else if (*p == '>' && !sq && !--depth)
			break;
	}
	if (p >= v->end)
		return false;
	const char *in = start + 1;
	size_t n = p - in, len;
	bool hex;

	v->p = p + 1;
	bool deleted = starts(v, "(deleted)");

	if (deleted)
		v->p += 9;
	/* socket details (TCP:[...], UNIX-STREAM:[...]) and nested <...> are printed as is */
	const char *colon = memchr(in, ':', n);
	bool raw = memchr(in, '<', n) || (colon && colon + 1 < p && colon[1] == '[' &&
					   !memchr(in, '/', colon - in));

	if (raw) {	/* printed as is; strace never marks these "(deleted)" */
		if (deleted)
			return false;
		h->text = arena_strndup(v->d->ar, in, n);
		h->flags |= HVF_FDRAW;
		return true;
	}
	char *t = unquote(v, in, n, &len, &hex);

	if (memchr(t, '\0', len))	/* a NUL cannot be kept in a C string */
		return false;
	h->text = deleted ? arena_printf(v->d->ar, "%s (deleted)", t) : t;
	return true;
}

/* A number at p (dec, 0x hex, 0 octal), and an fd's <path> after it. */
static struct hv *parse_number(struct vp *v)
{
	const char *start = v->p, *p = v->p;
	char buf[40];
	struct hv *h;

	if (*p == '-')
		p++;
	while (p < v->end && (sp_isalnum((unsigned char)*p)))
		p++;
	if ((size_t)(p - start) >= sizeof(buf))
		return NULL;
	/* short decimals (most numbers) without strtoll: 18 digits cannot overflow */
	const char *dg = start + (*start == '-');
	size_t nd = p - dg, k;
	int64_t val = 0;

	for (k = 0; k < nd && k < 18 && dg[k] >= '0' && dg[k] <= '9'; k++)
		val = val * 10 + (dg[k] - '0');
	if (nd && k == nd && nd <= 18 && (dg[0] != '0' || nd == 1)) {
		h = hv_int(v->d, *start == '-' ? -val : val);
		v->p = p;
		goto fd;
	}
	/* and "0x" with up to 16 hex digits (addresses) */
	if (p - start > 2 && p - start <= 18 && start[0] == '0' && start[1] == 'x') {
		uint64_t u = 0;
		const char *q;

		for (q = start + 2; q < p && hexval((unsigned char)*q) >= 0; q++)
			u = u << 4 | (uint64_t)hexval((unsigned char)*q);
		if (q == p) {
			h = hv_hex(v->d, u);
			v->p = p;
			goto fd;
		}
	}
	memcpy(buf, start, p - start);
	buf[p - start] = '\0';
	char *e;

	errno = 0;
	if (buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X')) {
		h = hv_hex(v->d, strtoull(buf, &e, 16));
	} else if (buf[0] == '0' && buf[1]) {
		h = hv_oct(v->d, strtoull(buf, &e, 8));
		if (p - start >= 3)
			h->flags |= HVF_OCT3;
	} else if (buf[0] == '-') {
		h = hv_int(v->d, strtoll(buf, &e, 10));
	} else {
		uint64_t u = strtoull(buf, &e, 10);

		h = u > INT64_MAX ? hv_uint(v->d, u) : hv_int(v->d, (int64_t)u);
	}
	if (*e || errno)
		return NULL;
	v->p = p;
fd:
	if (h->kind == HV_INT && v->p < v->end && *v->p == '<') {
		h->kind = HV_FD;
		if (!parse_fdpath(v, h))
			return NULL;
	}
	if (!prints_as(v, h, start, v->p - start))
		return NULL;
	return h;
}

/* [0-9A-Za-z_]: a table, as the identifier scans are a reader hot spot (issue 10) */
static const unsigned char ident_bytes[256] = {
	['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['_'] = 1,	/* GNU C ranges */
};

static inline bool is_ident(int c)
{
	return ident_bytes[c];
}

/* A signal set element name (INT, RTMIN, RT_3) as a signal number, or 0. */
static int set_signo(const char *s, size_t n)
{
	char buf[32];

	if (n + 3 >= sizeof(buf))
		return 0;
	memcpy(buf, "SIG", 3);
	memcpy(buf + 3, s, n);
	return sp_signo(buf, n + 3);
}

static struct hv *parse_value(struct vp *v, bool arr, bool spaces);

/*
 * The elements of a list up to its closing character close (0: up to the end, as in the
 * arguments of an unfinished call).  *pending: the text ended with ", ".
 * false when the list is not closed.
 */
static bool parse_list(struct vp *v, struct hv *list, char close, bool *pending)
{
	bool spaces = false;

	if (pending)
		*pending = false;
	for (;;) {
		if (v->p >= v->end)
			return !close;
		if (*v->p == close) {
			v->p++;
			return true;
		}
		if (close && (*v->p == ')' || *v->p == ']' || *v->p == '}'))
			return false;
		/* a member name: name=value (not ==, not =>) */
		const char *name = NULL, *q = v->p;

		while (q < v->end && (is_ident((unsigned char)*q) || *q == '.' || *q == '[' ||
				      *q == ']') && !(*q == ']' && close == ']'))
			q++;
		if (q > v->p && q + 1 < v->end && *q == '=' && q[1] != '=' && q[1] != '>' &&
		    (sp_isalpha((unsigned char)*v->p) || *v->p == '_')) {
			name = arena_strndup(v->d->ar, v->p, q - v->p);
			v->p = q + 1;
		}
		struct hv *h = parse_value(v, close == ']', spaces);

		h->name = name;
		hv_add(list, NULL, h);
		if (v->p >= v->end)
			return !close;
		if (*v->p == close)
			continue;
		if (*v->p == ',' && (v->p + 1 == v->end || v->p[1] == ' ')) {
			v->p += v->p + 1 == v->end ? 1 : 2;
			if (v->p >= v->end && pending)
				*pending = true;
			continue;
		}
		if (close == ']' && *v->p == ' ' && v->p + 1 < v->end &&
		    value_start((unsigned char)v->p[1])) {
			spaces = true;
			list->flags |= HVF_SPACES;
			v->p++;
			continue;
		}
		return false;
	}
}

/* An element of a [signal set] printed as strace does: a HV_EXPR with the mask. */
static struct hv *as_sigset(struct vp *v, struct hv *a, const char *s, size_t n)
{
	uint64_t mask = 0;

	if (!a->child)
		return a;
	for (struct hv *c = a->child; c; c = c->next) {
		int sig;

		if (c->kind != HV_SYM || c->name || c->comment ||
		    !(sig = set_signo(c->text, strlen(c->text))))
			return a;
		mask |= 1ull << (sig - 1);
	}
	if (a->flags & HVF_NOT)
		mask = ~mask;
	struct hv *h = expr(v, s, n);

	h->u = mask;
	h->flags |= HVF_NUM;
	return h;
}

/* A value whose form we know, or NULL (the caller keeps the text). */
static struct hv *parse_primary(struct vp *v)
{
	const char *start = v->p;
	int c;
	struct hv *h;

	if (v->p >= v->end)	/* "= " and nothing after it */
		return NULL;
	c = (unsigned char)*v->p;
	if (c == '"')
		return parse_string(v);
	if (c == '{') {
		h = hv_struct(v->d);
		v->p++;
		return parse_list(v, h, '}', NULL) ? h : NULL;
	}
	if (c == '[' || (c == '~' && v->p + 1 < v->end && v->p[1] == '[')) {
		h = hv_array(v->d);
		if (c == '~') {
			h->flags |= HVF_NOT;
			v->p++;
		}
		v->p++;
		if (!parse_list(v, h, ']', NULL))
			return NULL;
		return as_sigset(v, h, start, v->p - start);
	}
	if (starts(v, "...")) {
		v->p += 3;
		return hv_more(v->d);
	}
	if (sp_isdigit(c) || (c == '-' && v->p + 1 < v->end && sp_isdigit((unsigned char)v->p[1])))
		return parse_number(v);
	if (!sp_isalpha(c) && c != '_')
		return NULL;
	const char *p = v->p;

	while (p < v->end && is_ident((unsigned char)*p))
		p++;
	if (p < v->end && *p == '(') {	/* htons(80), makedev(0x8, 0x1), inet_addr("...") */
		const char *e = skip_raw(p + 1, v->end, false);

		if (e >= v->end || *e != ')')
			return NULL;
		v->p = e + 1;
		return expr(v, start, v->p - start);
	}
	if (p - start == 4 && !memcmp(start, "NULL", 4)) {
		v->p = p;
		return hv_ptr(v->d, 0);
	}
	if (p - start == 8 && !memcmp(start, "AT_FDCWD", 8) && (p == v->end || *p != '|')) {
		h = hv_fd(v->d, -100, NULL);
		h->flags |= HVF_ATCWD;
		v->p = p;
		if (v->p < v->end && *v->p == '<' && !parse_fdpath(v, h))
			return NULL;
		return prints_as(v, h, start, v->p - start) ? h : NULL;
	}
	/* a symbol or a flag set: A|B|0x8|0644 */
	while (p < v->end && (is_ident((unsigned char)*p) || *p == '|'))
		p++;
	h = hv_new(v->d, HV_SYM);
	h->text = arena_strndup(v->d->ar, start, p - start);
	if (!sp_symval(start, p - start, &h->u))
		h->flags |= HVF_NUM;
	else if (!set_signo(start, p - start))
		v->st->unresolved = true;
	v->p = p;
	return h;
}

/*
 * A value, with the " => new" and " / * comment * /" that may follow it.  arr: an array
 * element (a space may end it); spaces: the array is known to be space-separated.
 */
static struct hv *parse_value(struct vp *v, bool arr, bool spaces)
{
	const char *start = v->p;
	struct hv *h = v->p < v->end ? parse_primary(v) : NULL;

	if (!h || !at_sep(v, arr)) {
		v->p = skip_raw(start, v->end, spaces);
		h = expr(v, start, v->p - start);
	}
	while (v->p < v->end && *v->p == ' ') {
		if (starts(v, " /* ")) {
			const char *c = v->p + 4, *e = c;

			while (e + 1 < v->end && !(e[0] == '*' && e[1] == '/'))
				e++;
			if (e + 1 >= v->end || e == c || e[-1] != ' ')
				break;
			if (h->comment)
				h->comment = arena_printf(v->d->ar, "%s */ /* %.*s", h->comment,
							  (int)(e - 1 - c), c);
			else
				h->comment = arena_strndup(v->d->ar, c, e - 1 - c);
			v->p = e + 2;
			continue;
		}
		if (starts(v, " => ")) {
			v->p += 4;
			h = hv_changed(v->d, h, parse_value(v, arr, spaces));
			continue;
		}
		break;
	}
	return h;
}

static void vp_init(struct vp *v, struct dctx *d, struct sp_state *st, const char *s, size_t len)
{
	memset(v, 0, sizeof(*v));
	v->d = d;
	v->st = st;
	v->p = s;
	v->end = s + len;
}

struct hv *sp_args(struct dctx *d, struct sp_state *st, const char *s, size_t len, bool *pending)
{
	struct vp v;
	struct hv *args = hv_array(d);

	vp_init(&v, d, st, s, len);
	/* the text before " <unfinished ...>" may end with ", " or a space */
	while (v.end > v.p && v.end[-1] == ' ' && !(v.end - v.p >= 2 && v.end[-2] == ','))
		v.end--;
	if (!parse_list(&v, args, 0, pending) || v.p < v.end)
		hv_add(args, NULL, expr(&v, v.p, v.end - v.p));
	return args;
}

struct hv *sp_value(struct dctx *d, struct sp_state *st, const char *s, size_t len)
{
	struct vp v;
	struct hv *h;

	if (!len)
		return NULL;
	vp_init(&v, d, st, s, len);
	h = parse_value(&v, false, false);
	if (v.p < v.end)
		h = expr(&v, s, len);
	return h;
}

/* The result after "= ": ?, -1 ENAME (text), ? ERESTARTSYS (text), 3</path> (note)... */
static int parse_ret(struct vp *v, struct sp_call *c)
{
	/* -e inject=: strace's marks end the line, " (INJECTED)" before " (DELAYED)" */
	static const struct { const char *text; size_t len; uint32_t flag; } marks[] = {
		{ " (DELAYED)", 10, HY_F_DELAYED }, { " (INJECTED)", 11, HY_F_INJECTED },
	};

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if ((size_t)(v->end - v->p) > marks[i].len &&
		    !memcmp(v->end - marks[i].len, marks[i].text, marks[i].len)) {
			v->end -= marks[i].len;
			c->tamper |= marks[i].flag;
		}
	const char *s = v->p;
	size_t n = v->end - v->p;

	if (starts(v, "?") && n == 1) {
		c->no_exit = true;
		return 0;
	}
	if (starts(v, "-1 E") || starts(v, "? E")) {
		const char *name = v->p + (*v->p == '?' ? 2 : 3), *e = name;
		int err;

		while (e < v->end && is_ident((unsigned char)*e))
			e++;
		err = sp_errno(name, e - name);
		if (err && (e == v->end || (*e == ' ' && e + 1 < v->end && e[1] == '(' &&
					    v->end[-1] == ')'))) {
			c->is_error = true;
			c->ret = -err;
			return 0;
		}
	}
	/* a value, then maybe " (note)" */
	const char *start = v->p;
	struct hv *h = parse_primary(v);

	if (h && v->p < v->end && starts(v, " (") && v->end[-1] == ')') {
		c->ret_note = sp_value(v->d, v->st, v->p + 2, v->end - v->p - 3);
		v->p = v->end;
	}
	if (!h || v->p != v->end) {
		char num[32];	/* the text is not NUL-terminated: its number from a copy */
		size_t k = n < sizeof(num) - 1 ? n : sizeof(num) - 1;

		memcpy(num, start, k);
		num[k] = '\0';
		h = expr(v, s, n);
		c->ret = strtoll(num, NULL, 0);
		c->ret_note = NULL;
	} else if (h->kind == HV_HEX || h->kind == HV_OCT || h->kind == HV_UINT) {
		c->ret = (int64_t)h->u;
	} else {
		c->ret = h->i;
	}
	c->retval = h;
	return 0;
}

int sp_call(struct dctx *d, struct sp_state *st, const char *s, size_t len, struct sp_call *c,
	    const char **why)
{
	struct vp v;
	int ret = -EINVAL;

	memset(c, 0, sizeof(*c));
	vp_init(&v, d, st, s, len);
	c->args = hv_array(d);
	if (!parse_list(&v, c->args, ')', NULL)) {
		*why = "no closing parenthesis";
		goto out;
	}
	while (v.p < v.end && *v.p == ' ')
		v.p++;
	if (!starts(&v, "= ")) {
		*why = "no \"= \" after the arguments";
		goto out;
	}
	v.p += 2;
	ret = parse_ret(&v, c);
out:
	return ret;
}

/* -- lines ---------------------------------------------------------------------------------- */

static bool lit(const char **p, const char *end, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(end - *p) < n || memcmp(*p, s, n))
		return false;
	*p += n;
	return true;
}

static bool ends_with(const char *s, const char *end, const char *suffix)
{
	size_t n = strlen(suffix);

	return (size_t)(end - s) >= n && !memcmp(end - n, suffix, n);
}

#define SP_SEC_MAX	9223372035L	/* the last whole second of INT64_MAX ns */

static long digits(const char **p, const char *end, int *ndig)
{
	long v = 0;
	int k = 0;

	while (*p < end && sp_isdigit((unsigned char)**p) && k < 18) {
		v = v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	if (ndig)
		*ndig = k;
	return v;
}

/* A signal printed as a number ("--- 77 ..."), within [s, end): 1..1000, else 0. */
static int sig_number(const char *s, const char *end)
{
	long v = digits(&s, end, NULL);

	return v > 0 && v <= 1000 ? (int)v : 0;
}

/* " <0.000123>" at the end: -T. */
static void take_dur(struct sp_line *l, const char **end)
{
	const char *e = *end, *p;

	if (e - l->body < 4 || e[-1] != '>')
		return;
	p = e - 2;
	while (p > l->body && (sp_isdigit((unsigned char)*p) || *p == '.'))
		p--;
	if (p < l->body + 1 || *p != '<' || p[-1] != ' ')
		return;
	const char *q = p + 1;
	int nd;
	long sec = digits(&q, e, NULL), usec;

	if (!lit(&q, e, ".") || sec > SP_SEC_MAX)	/* ns must fit, as for timestamps */
		return;
	usec = digits(&q, e, &nd);
	if (q != e - 1 || nd != 6)
		return;
	l->has_dur = true;
	l->dur_ns = (uint64_t)sec * 1000000000ull + (uint64_t)usec * 1000;
	*end = p - 1;
}

void sp_line(struct sp_line *l, const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	memset(l, 0, sizeof(*l));
	l->kind = SP_BAD;
	l->why = "not a strace line";
	if (lit(&p, end, "strace: ")) {
		l->kind = SP_MESSAGE;
		if (lit(&p, end, "Process ")) {
			l->pid = (pid_t)digits(&p, end, NULL);
			if (lit(&p, end, " attached") && p == end)
				l->kind = SP_ATTACHED;
			else if (lit(&p, end, " detached") && p == end)
				l->kind = SP_DETACHED;
		}
		return;
	}
	/* pid prefix */
	if (lit(&p, end, "[pid ")) {
		while (p < end && *p == ' ')
			p++;
		l->pid = (pid_t)digits(&p, end, NULL);
		if (!lit(&p, end, "] ")) {
			l->why = "bad [pid N] prefix";
			return;
		}
		l->pidstyle = SP_PID_BRACKET;
	} else if (p < end && sp_isdigit((unsigned char)*p)) {
		const char *q = p;
		long pid = digits(&q, end, NULL);

		if (q < end && *q == ' ') {
			l->pid = (pid_t)pid;
			l->pidstyle = SP_PID_PLAIN;
			while (q < end && *q == ' ')
				q++;
			p = q;
		}
	}
	/* timestamp: -t 12:34:56, -tt 12:34:56.123456, -ttt 1700000000.123456, -r   0.000123 */
	if (p < end && (sp_isdigit((unsigned char)*p) || *p == ' ')) {
		bool pad = *p == ' ';
		int nd;

		while (p < end && *p == ' ')
			p++;
		long a = digits(&p, end, &nd);

		/* past the year 2262 (INT64_MAX ns since the epoch): not a time, and times in ns
		   stay below 2^63 (backend_input.c's line_ts() adds in unsigned arithmetic) */
		if (nd > 10 || a > SP_SEC_MAX) {
			l->why = "bad timestamp";
			return;
		}
		if (p < end && *p == ':') {
			long m, sec;

			p++;
			m = digits(&p, end, NULL);
			if (!lit(&p, end, ":")) {
				l->why = "bad timestamp";
				return;
			}
			sec = digits(&p, end, NULL);
			if (a > 23 || m > 59 || sec > 60) {
				l->why = "bad timestamp";
				return;
			}
			l->ts_sec = a * 3600 + m * 60 + sec;
			l->tstyle = SP_TS_T;
			if (lit(&p, end, ".")) {
				l->ts_usec = digits(&p, end, &nd);
				l->tstyle = SP_TS_TT;
				if (nd != 6) {
					l->why = "bad timestamp";
					return;
				}
			}
		} else if (p < end && *p == '.') {
			p++;
			l->ts_sec = a;
			l->ts_usec = digits(&p, end, &nd);
			if (nd != 6) {
				l->why = "bad timestamp";
				return;
			}
			l->tstyle = pad || a < 100000000 ? SP_TS_R : SP_TS_TTT;
		} else {
			l->why = "bad timestamp";
			return;
		}
		if (!lit(&p, end, " ")) {
			l->why = "bad timestamp";
			return;
		}
		if (l->tstyle == SP_TS_R && p < end && sp_isdigit((unsigned char)*p)) {
			/* -r with -t...: strace 6.1 prints only one, but be lenient */
			l->why = "two timestamps";
			return;
		}
	}
	/*
	 * -n: the syscall number "[  59] ", then -i: the instruction pointer "[00007f3b8b1e2a7b] "
	 * (strace 6.1 prints them in that order, after the time); neither is kept
	 */
	if (p + 2 < end && *p == '[') {
		const char *q = p + 1;

		while (q < end && *q == ' ')
			q++;
		if (q < end && sp_isdigit((unsigned char)*q)) {
			const char *d = q;

			while (q < end && sp_isdigit((unsigned char)*q))
				q++;
			if (q + 1 < end && q[0] == ']' && q[1] == ' ' && q - d <= 4) {
				l->nr_prefix = true;
				p = q + 2;
			}
		}
	}
	if (p + 2 < end && *p == '[') {
		const char *q = p + 1, *h = q;

		/* "[????????????????]" where the IP is not known (exit lines) */
		while (q < end && (isxdigit((unsigned char)*q) || *q == '?'))
			q++;
		if (q - h >= 8 && q - h <= 16 && q + 1 < end && q[0] == ']' && q[1] == ' ') {
			l->ip_prefix = true;
			p = q + 2;
		}
	}
	if (lit(&p, end, "--- ")) {
		if (!ends_with(p, end, " ---")) {
			l->why = "signal line without \" ---\"";
			return;
		}
		end -= 4;
		if (lit(&p, end, "stopped by ")) {
			l->kind = SP_STOPPED;
			l->num = sp_signo(p, end - p);
			if (!l->num) {
				l->kind = SP_BAD;
				l->why = "unknown signal";
			}
			return;
		}
		const char *n = p;

		while (p < end && *p != ' ')
			p++;
		l->num = sp_signo(n, p - n);
		if (!l->num && n < p && sp_isdigit((unsigned char)*n))
			l->num = sig_number(n, p);
		if (!l->num) {
			l->why = "unknown signal";
			return;
		}
		l->kind = SP_SIGNAL;
		if (p < end) {
			l->body = p + 1;
			l->body_len = end - p - 1;
		}
		return;
	}
	if (lit(&p, end, "+++ ")) {
		if (!ends_with(p, end, " +++")) {
			l->why = "exit line without \" +++\"";
			return;
		}
		end -= 4;
		if (lit(&p, end, "exited with ")) {
			int nd;

			l->num = (int)digits(&p, end, &nd);
			if (p == end && nd) {
				l->kind = SP_EXITED;
				return;
			}
		} else if (lit(&p, end, "killed by ")) {
			const char *n = p;

			if (ends_with(p, end, " (core dumped)")) {
				l->core = true;
				end -= 14;
			}
			l->num = sp_signo(n, end - n);
			if (!l->num && n < end && sp_isdigit((unsigned char)*n))
				l->num = sig_number(n, end);
			if (l->num) {
				l->kind = SP_KILLED;
				return;
			}
		} else if (lit(&p, end, "superseded by execve in pid ")) {
			l->kind = SP_MESSAGE;
			return;
		}
		l->why = "unknown +++ line";
		return;
	}
	if (lit(&p, end, "<... ")) {
		const char *n = p;

		while (p < end && is_ident((unsigned char)*p))
			p++;
		l->name = n;
		l->name_len = p - n;
		if (!l->name_len || !lit(&p, end, " resumed>")) {
			l->why = "bad <... resumed> line";
			return;
		}
		l->kind = SP_RESUMED;
		l->body = p;
		take_dur(l, &end);
		l->body_len = end - p;
		return;
	}
	const char *n = p;

	while (p < end && is_ident((unsigned char)*p))
		p++;
	if (p == n || !sp_isalpha((unsigned char)*n) || !lit(&p, end, "(")) {
		l->why = "no syscall name";
		return;
	}
	l->name = n;
	l->name_len = p - n - 1;
	l->body = p;
	if (ends_with(p, end, " <unfinished ...>")) {
		l->kind = SP_UNFINISHED;
		l->body_len = end - p - 17;
		return;
	}
	l->kind = SP_SYSCALL;
	take_dur(l, &end);
	l->body_len = end - p;
}

/* -- reading a log -------------------------------------------------------------------------- */

void sp_reader_init(struct sp_reader *r, int fd, size_t max, size_t skip_max,
		    volatile int *stop)
{
	struct stat st;

	memset(r, 0, sizeof(*r));
	r->fd = fd;
	r->max = max;
	r->skip_max = skip_max;
	r->stop = stop;
	r->may_block = fd >= 0 && (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode));
}

void sp_reader_init_mem(struct sp_reader *r, const void *buf, size_t len, size_t max)
{
	sp_reader_init(r, -1, max, SIZE_MAX, NULL);
	r->mem = buf;
	r->mem_len = len;
}

void sp_reader_free(struct sp_reader *r)
{
	free(r->line);
	r->line = NULL;
	r->cap = 0;
}

/* More bytes into r->rd: 1, 0 at the end, or -errno (-EINTR when *stop is set). */
static int fill(struct sp_reader *r)
{
	ssize_t k;

	r->rpos = r->rend = 0;
	if (r->eof)
		return 0;
	if (r->fd < 0) {
		k = r->mem_len - r->mem_pos < sizeof(r->rd) ? r->mem_len - r->mem_pos : sizeof(r->rd);
		if (k) {
			memcpy(r->rd, r->mem + r->mem_pos, k);
			r->mem_pos += k;
		}
	} else {
		do {
			if (r->stop && *r->stop)
				return -EINTR;
			if (r->may_block && r->idle)
				r->idle(r->idle_arg);
			k = read(r->fd, r->rd, sizeof(r->rd));
		} while (k < 0 && errno == EINTR);	/* a signal: *stop says if it ends us */
		if (k < 0)
			return -errno;
	}
	if (!k) {
		r->eof = true;
		return 0;
	}
	r->rend = k;
	return 1;
}

/*
 * One physical line appended to r->line from r->len: 1 (newline seen or the end of the input
 * after some bytes), 0 (the end, nothing read), -E2BIG (r->max passed: the line is dropped
 * and its rest will be skipped), or -errno.
 */
static int read_physical(struct sp_reader *r)
{
	bool any = false;

	for (;;) {
		if (r->rpos == r->rend) {
			int err = fill(r);

			if (err < 0)
				return err;
			if (!err)
				return any ? 1 : 0;
		}
		if (r->stop && *r->stop)
			return -EINTR;
		any = true;
		const char *p = r->rd + r->rpos;
		size_t avail = r->rend - r->rpos;
		const char *nl = memchr(p, '\n', avail);
		size_t take = nl ? (size_t)(nl - p) : avail;

		if (take > r->max - r->len) {
			r->rpos += nl ? take + 1 : take;
			r->len = 0;
			if (!nl) {
				r->skipping = true;
				r->skipped = 0;
			}
			return -E2BIG;
		}
		if (r->len + take + 1 > r->cap) {
			/* doubling, capped at max + 1: at most max bytes are ever kept */
			size_t nc = r->cap ? r->cap : 256;

			while (nc < r->len + take + 1)
				nc = nc > r->max / 2 ? r->max + 1 : nc * 2;
			char *nb = realloc(r->line, nc);

			if (!nb)
				return -ENOMEM;
			r->line = nb;
			r->cap = nc;
		}
		memcpy(r->line + r->len, p, take);
		r->len += take;
		r->line[r->len] = '\0';
		r->rpos += take;
		if (nl) {
			r->rpos++;
			return 1;
		}
	}
}

/* The rest of a line too long: up to its newline, at most r->skip_max bytes. */
static int skip_rest(struct sp_reader *r)
{
	while (r->skipping) {
		if (r->rpos == r->rend) {
			int err = fill(r);

			if (err <= 0) {
				r->skipping = false;
				return err;
			}
		}
		const char *p = r->rd + r->rpos;
		size_t avail = r->rend - r->rpos;
		const char *nl = memchr(p, '\n', avail);
		size_t take = nl ? (size_t)(nl - p) + 1 : avail;

		r->rpos += take;
		if (nl) {
			r->skipping = false;
			break;
		}
		r->skipped += take;
		if (r->skipped > r->skip_max) {
			r->skipping = false;
			r->dead = true;
			return -EFBIG;
		}
		if (r->stop && *r->stop)
			return -EINTR;
	}
	return 0;
}

int sp_reader_next(struct sp_reader *r, const char **line, size_t *len)
{
	int err;

	if (r->dead)
		return -EFBIG;
	err = skip_rest(r);
	if (err)
		return err;
	r->len = 0;
	/*
	 * Most lines lie whole in the read buffer: returned there, their newline made the NUL,
	 * without a copy (not one that may be cut by "strace: Process N attached", joined below).
	 */
	if (r->rpos < r->rend && !(r->stop && *r->stop)) {
		char *p = r->rd + r->rpos, *nl = memchr(p, '\n', r->rend - r->rpos);
		size_t n = nl ? (size_t)(nl - p) : 0;

		if (nl && n <= r->max && (n < 9 || memcmp(nl - 9, " attached", 9))) {
			*nl = '\0';
			r->rpos += n + 1;
			r->lineno++;
			*line = p;
			*len = n;
			return 1;
		}
	}
	err = read_physical(r);
	if (err == -E2BIG)
		r->lineno++;
	if (err <= 0)
		return err;
	r->lineno++;
	/*
	 * strace -f writing to a terminal cuts a call's line with "strace: Process N attached"
	 * and goes on with the call on the next line: join the two.
	 */
	for (;;) {
		const char *m;
		size_t keep;

		/* the end first: the search through the line only for the rare lines it may cut */
		if (r->len < 9 || memcmp(r->line + r->len - 9, " attached", 9))
			break;
		m = memmem(r->line, r->len, "strace: Process ", 16);
		if (!m || m == r->line)
			break;
		keep = m - r->line;
		r->len = keep;
		err = read_physical(r);
		if (err == 0) {	/* the end: the line as cut */
			r->line[r->len] = '\0';
			break;
		}
		if (err == -E2BIG)
			r->lineno++;
		if (err < 0)
			return err;
		r->lineno++;
	}
	*line = r->line ? r->line : "";
	*len = r->len;
	return 1;
}
