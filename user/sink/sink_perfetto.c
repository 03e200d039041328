// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink_perfetto.c: a native Perfetto protobuf trace (.pftrace) of decoded events. */
/*
 * The file is a perfetto.protos.Trace: a sequence of `packet` (field 1) TracePacket
 * messages, written with hytrace's protobuf writer (protobuf.h).  Field numbers come
 * from google/perfetto's protos (paths below are under protos/perfetto/); see
 * docs/perfetto.md for what the tracks and slices hold.
 *
 * Records arrive per completed syscall, so a call's BEGIN (its entry time) can be
 * older than events already seen on other threads.  Packets are therefore buffered
 * with their timestamps and written sorted by (timestamp, arrival), so that
 * timestamps never go back on a packet sequence.  To bound memory, a large buffer is
 * written up to one second before the newest timestamp; a packet that arrives
 * older than what was written starts a new packet sequence (fresh incremental
 * state), which keeps every sequence monotonic.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clock.h"
#include "json_value.h"
#include "log.h"
#include "nvcall.h"
#include "protobuf.h"
#include "render.h"
#include "sink.h"

/* trace/trace.proto: message Trace { repeated TracePacket packet = 1; } */
#define TRACE_PACKET		1

/* trace/trace_packet.proto: TracePacket */
#define TP_CLOCK_SNAPSHOT	6
#define TP_TIMESTAMP		8
#define TP_SEQ_ID		10	/* trusted_packet_sequence_id */
#define TP_TRACK_EVENT		11
#define TP_INTERNED_DATA	12
#define TP_SEQ_FLAGS		13	/* sequence_flags */
#define TP_ANDROID_LOG		39
#define TP_CLOCK_ID		58	/* timestamp_clock_id */
#define TP_TRACK_DESCRIPTOR	60
/* TracePacket.SequenceFlags */
#define SEQ_INCREMENTAL_STATE_CLEARED	1
#define SEQ_NEEDS_INCREMENTAL_STATE	2

/* common/builtin_clock.proto: BuiltinClock */
#define CLOCK_REALTIME_ID	1
#define CLOCK_BOOTTIME_ID	6

/* trace/clock_snapshot.proto: ClockSnapshot { clocks = 1 }, Clock { clock_id = 1, timestamp = 2 } */
#define CS_CLOCKS		1
#define CS_PRIMARY		2
#define CK_ID			1
#define CK_TS			2

/* trace/track_event/track_descriptor.proto: TrackDescriptor */
#define TD_UUID			1
#define TD_NAME			2
#define TD_PROCESS		3
#define TD_THREAD		4
#define TD_PARENT		5
/* trace/track_event/process_descriptor.proto: ProcessDescriptor */
#define PD_PID			1
#define PD_CMDLINE		2
#define PD_NAME			6
/* trace/track_event/thread_descriptor.proto: ThreadDescriptor */
#define THD_PID			1
#define THD_TID			2
#define THD_NAME		5

/* trace/track_event/track_event.proto: TrackEvent */
#define TE_CATEGORY_IIDS	3
#define TE_DEBUG_ANN		4
#define TE_TYPE			9
#define TE_NAME_IID		10
#define TE_TRACK_UUID		11
#define TE_NAME			23
/* TrackEvent.Type */
#define TYPE_SLICE_BEGIN	1
#define TYPE_SLICE_END		2
#define TYPE_INSTANT		3

/* trace/track_event/debug_annotation.proto: DebugAnnotation */
#define DA_NAME_IID		1
#define DA_BOOL			2
#define DA_UINT			3
#define DA_INT			4
#define DA_STRING		6
#define DA_POINTER		7
#define DA_NAME			10
#define DA_DICT			11	/* dict_entries: DebugAnnotation with a name (or name_iid) */
#define DA_ARRAY		12	/* array_values: DebugAnnotation without a name */

/* trace/interned_data/interned_data.proto: InternedData; each entry is { iid = 1, name = 2 }
 * (EventCategory, EventName, DebugAnnotationName) */
#define ID_EVENT_CATEGORIES	1
#define ID_EVENT_NAMES		2
#define ID_DEBUG_ANN_NAMES	3
#define IE_IID			1
#define IE_NAME			2

/* trace/android/android_log.proto: AndroidLogPacket { events = 1 }, LogEvent */
#define AL_EVENTS		1
#define LE_PID			2
#define LE_TID			3
#define LE_TIMESTAMP		5	/* CLOCK_REALTIME ns */
#define LE_TAG			6
#define LE_PRIO			7
#define LE_MESSAGE		8
/* common/android_log_constants.proto: AndroidLogPriority */
#define PRIO_INFO		4
#define PRIO_WARN		5

#define SEQ_ID_FIRST	1		/* 0 is not a valid sequence id */
#define GLOBAL_UUID	1		/* the "hytrace" track: lost events */
#ifndef FLUSH_BYTES	/* both overridable with -D to test partial writes */
#define FLUSH_BYTES	(32u << 20)	/* buffered packet bytes before a partial write */
#endif
#ifndef FLUSH_WINDOW
#define FLUSH_WINDOW	1000000000ull	/* a partial write keeps the newest second (ns) */
#endif
#define MAX_REFS	16		/* interned strings one packet may refer to */

enum { T_CAT, T_NAME, T_ANN, T_NR };
static const uint32_t intern_field[T_NR] = { ID_EVENT_CATEGORIES, ID_EVENT_NAMES, ID_DEBUG_ANN_NAMES };

struct intern {
	char **str;		/* by iid - 1 */
	uint32_t *gen;		/* the sequence generation that last emitted it */
	uint32_t n, cap;
	uint32_t *hash;		/* iids by string hash, 0: empty */
	uint32_t hcap;
};

struct item {
	uint64_t ts, order;
	size_t off;		/* body in pf->pend */
	uint32_t len;
	bool desc;		/* a track descriptor: first among packets of the same time */
	uint8_t nrefs;
	uint32_t refs[MAX_REFS];	/* table << 30 | iid */
};

/* Per thread (sink_task()): its track and its open call. */
struct pthr {
	pid_t tid, pid;
	uint64_t uuid;		/* 0: no track yet */
	uint64_t desc_ts;	/* time its descriptor was last written */
	char comm[HY_COMM_LEN];
	bool open;		/* a call's BEGIN was written, its END not yet */
	long open_nr;
	unsigned int nentry;	/* arguments annotated at BEGIN */
};

/* Per process (pf->procs, by pid): its track and slices. */
struct pproc {
	pid_t pid;
	uint64_t uuid;
	uint64_t desc_ts;
	uint64_t begin_ts;	/* of its lifetime slice, 0 once that BEGIN was written */
	uint64_t begin_order[2];	/* the BEGINs of the lifetime and of the first image */
	bool image_open;	/* an image slice (until exec or exit) is open */
};

struct pf {
	struct outfile out;
	int err;		/* the first error other than writing (memory, encoding) */
	struct intern tab[T_NR];
	uint32_t gen;		/* sequence generation; interned strings are re-sent per generation */
	uint32_t seq_id;
	bool seq_started;
	uint64_t seq_last_ts;
	bool clock_written, global_desc;
	/* buffered packets */
	struct pb pend;
	struct item *items;
	size_t nitems, cap_items;
	uint64_t order, max_ts;
	size_t flush_at;	/* buffered bytes that start a partial write (FLUSH_BYTES, more
				   while the buffer holds mostly the last second) */
	struct item cur;	/* the packet being built */
	struct pb body;
	/* tracks */
	uint64_t next_uuid;
	struct tidmap procs;	/* struct pproc by pid */
	struct pb pkt;
	struct sbuf sb;		/* annotation values */
	struct sbuf lsb;	/* log lines */
	const struct sym_frame *stack;	/* -k: the frames of the call being written */
	unsigned int nstack;
};

/* -- interning ---------------------------------------------------------------- */

static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static uint32_t intern_get(struct intern *t, const char *s)
{
	if ((t->n + 1) * 2 > t->hcap) {
		uint32_t ncap = t->hcap ? t->hcap * 2 : 256;
		uint32_t *nh = calloc(ncap, sizeof(*nh));

		if (!nh)
			return 0;
		for (uint32_t i = 0; i < t->n; i++) {
			uint32_t h = str_hash(t->str[i]) & (ncap - 1);

			while (nh[h])
				h = (h + 1) & (ncap - 1);
			nh[h] = i + 1;
		}
		free(t->hash);
		t->hash = nh;
		t->hcap = ncap;
	}
	uint32_t h = str_hash(s) & (t->hcap - 1);

	for (; t->hash[h]; h = (h + 1) & (t->hcap - 1))
		if (!strcmp(t->str[t->hash[h] - 1], s))
			return t->hash[h];
	if (t->n == t->cap) {
		uint32_t ncap = t->cap ? t->cap * 2 : 64;
		char **ns = realloc(t->str, ncap * sizeof(*ns));

		if (!ns)
			return 0;
		t->str = ns;
		uint32_t *ng = realloc(t->gen, ncap * sizeof(*ng));

		if (!ng)
			return 0;
		t->gen = ng;
		t->cap = ncap;
	}
	char *c = strdup(s);

	if (!c)
		return 0;
	t->str[t->n] = c;
	t->gen[t->n] = 0;
	t->hash[h] = ++t->n;
	return t->n;
}

static void intern_free(struct intern *t)
{
	for (uint32_t i = 0; i < t->n; i++)
		free(t->str[i]);
	free(t->str);
	free(t->gen);
	free(t->hash);
}

/* An iid for s in table tab, remembered as a reference of the current packet; 0: use s itself. */
static uint32_t ref(struct pf *pf, int tab, const char *s)
{
	if (pf->cur.nrefs >= MAX_REFS)
		return 0;
	uint32_t iid = intern_get(&pf->tab[tab], s);

	if (!iid || iid >= (1u << 30))
		return 0;
	uint32_t r = (uint32_t)tab << 30 | iid;

	for (unsigned int i = 0; i < pf->cur.nrefs; i++)	/* a name used twice: one reference */
		if (pf->cur.refs[i] == r)
			return iid;
	pf->cur.refs[pf->cur.nrefs++] = r;
	return iid;
}

/* -- writing packets ----------------------------------------------------------- */

static void out(struct pf *pf, const struct pb *pb)
{
	if (pb->err) {
		if (!pf->err)
			pf->err = pb->err;
		return;
	}
	outfile_write(&pf->out, pb->buf, pb->len);	/* a failure is reported once, at once */
}

/* Packet header fields: the sequence and its flags. */
static void seq_fields(struct pf *pf, struct pb *pb, bool needs_state)
{
	uint32_t flags = needs_state ? SEQ_NEEDS_INCREMENTAL_STATE : 0;

	pb_uint(pb, TP_SEQ_ID, pf->seq_id);
	if (!pf->seq_started) {
		flags |= SEQ_INCREMENTAL_STATE_CLEARED;
		pf->seq_started = true;
	}
	if (flags)
		pb_uint(pb, TP_SEQ_FLAGS, flags);
}

/* The first packet: how CLOCK_BOOTTIME (ours) maps to CLOCK_REALTIME (Android log entries). */
static void write_clock(struct pf *pf, struct sink *s, uint64_t ts)
{
	struct pb *pb = &pf->pkt;

	pb_reset(pb);
	pb_begin(pb, TRACE_PACKET);
	seq_fields(pf, pb, false);
	pb_begin(pb, TP_CLOCK_SNAPSHOT);
	pb_begin(pb, CS_CLOCKS);
	pb_uint(pb, CK_ID, CLOCK_BOOTTIME_ID);
	pb_uint(pb, CK_TS, ts);
	pb_end(pb);
	pb_begin(pb, CS_CLOCKS);
	pb_uint(pb, CK_ID, CLOCK_REALTIME_ID);
	pb_uint(pb, CK_TS, (uint64_t)ts_shift(ts, s->boot_to_real));
	pb_end(pb);
	pb_uint(pb, CS_PRIMARY, CLOCK_BOOTTIME_ID);
	pb_end(pb);
	pb_end(pb);
	out(pf, pb);
	pf->clock_written = true;
}

static void write_item(struct pf *pf, struct sink *s, const struct item *it)
{
	struct pb *pb = &pf->pkt;

	if (!pf->clock_written)
		write_clock(pf, s, it->ts);
	if (pf->seq_started && it->ts < pf->seq_last_ts) {	/* older than written: new sequence */
		pf->seq_id++;
		pf->gen++;
		pf->seq_started = false;
	}
	pf->seq_last_ts = it->ts;
	pb_reset(pb);
	pb_begin(pb, TRACE_PACKET);
	pb_uint(pb, TP_TIMESTAMP, it->ts);
	pb_uint(pb, TP_CLOCK_ID, CLOCK_BOOTTIME_ID);
	seq_fields(pf, pb, it->nrefs > 0);
	bool open = false;

	for (unsigned int i = 0; i < it->nrefs; i++) {
		int tab = it->refs[i] >> 30;
		uint32_t iid = it->refs[i] & ((1u << 30) - 1);
		struct intern *t = &pf->tab[tab];

		if (t->gen[iid - 1] == pf->gen + 1)
			continue;
		t->gen[iid - 1] = pf->gen + 1;
		if (!open)
			pb_begin(pb, TP_INTERNED_DATA);
		open = true;
		pb_begin(pb, intern_field[tab]);
		pb_uint(pb, IE_IID, iid);
		pb_string(pb, IE_NAME, t->str[iid - 1]);
		pb_end(pb);
	}
	if (open)
		pb_end(pb);
	pb_raw(pb, pf->pend.buf + it->off, it->len);
	pb_end(pb);
	out(pf, pb);
}

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	if (x->desc != y->desc)
		return x->desc ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Write the buffered packets with timestamps up to upto, in order; keep the others. */
static void flush(struct pf *pf, struct sink *s, uint64_t upto)
{
	size_t keep = 0;

	if (pf->nitems > 1)	/* items is NULL before the first: qsort wants a valid pointer */
		qsort(pf->items, pf->nitems, sizeof(*pf->items), item_cmp);
	size_t i = 0;

	for (; i < pf->nitems && pf->items[i].ts <= upto; i++)
		write_item(pf, s, &pf->items[i]);
	if (i == pf->nitems) {
		pf->nitems = 0;
		pb_reset(&pf->pend);
		return;
	}
	struct pb np = { 0 };

	for (; i < pf->nitems; i++) {
		struct item it = pf->items[i];

		size_t off = np.len;

		pb_raw(&np, pf->pend.buf + it.off, it.len);
		it.off = off;
		pf->items[keep++] = it;
	}
	pb_free(&pf->pend);
	pf->pend = np;
	pf->nitems = keep;
}

/* -- building packets ---------------------------------------------------------- */

static void item_begin(struct pf *pf)
{
	pf->cur.nrefs = 0;
	pf->cur.desc = false;
	pb_reset(&pf->body);
}

static void item_commit(struct pf *pf, struct sink *s, uint64_t ts)
{
	if (pf->body.err) {
		if (!pf->err)
			pf->err = pf->body.err;
		return;
	}
	if (pf->nitems == pf->cap_items) {
		size_t ncap = pf->cap_items ? pf->cap_items * 2 : 1024;
		struct item *n = realloc(pf->items, ncap * sizeof(*n));

		if (!n) {
			pf->err = -ENOMEM;
			return;
		}
		pf->items = n;
		pf->cap_items = ncap;
	}
	struct item *it = &pf->items[pf->nitems++];

	*it = pf->cur;
	it->ts = ts;
	it->order = pf->order++;
	it->off = pf->pend.len;
	it->len = (uint32_t)pf->body.len;
	pb_raw(&pf->pend, pf->body.buf, pf->body.len);
	if (ts > pf->max_ts)
		pf->max_ts = ts;
	if (pf->pend.len > FLUSH_BYTES && pf->pend.len > pf->flush_at &&
	    pf->max_ts > FLUSH_WINDOW) {
		flush(pf, s, pf->max_ts - FLUSH_WINDOW);
		/* what the last second holds stays: without this, a dense trace (--func records
		   millions of events a second) would sort and copy it again at every packet; a
		   buffer that must double first keeps the cost of the writes linear */
		pf->flush_at = 2 * pf->pend.len;
	}
}

/* Start a TrackEvent; name is interned when intern_it, else written as is. */
static void ev_begin(struct pf *pf, int type, uint64_t track, const char *cat, const char *name,
		     bool intern_it)
{
	struct pb *pb = &pf->body;

	pb_begin(pb, TP_TRACK_EVENT);
	pb_uint(pb, TE_TYPE, type);
	pb_uint(pb, TE_TRACK_UUID, track);
	if (type == TYPE_SLICE_END)
		return;
	uint32_t c = ref(pf, T_CAT, cat);

	if (c)
		pb_uint(pb, TE_CATEGORY_IIDS, c);
	uint32_t n = intern_it ? ref(pf, T_NAME, name) : 0;

	if (n)
		pb_uint(pb, TE_NAME_IID, n);
	else
		pb_string(pb, TE_NAME, name);
}

static void ann_name(struct pf *pf, const char *name)
{
	uint32_t n = ref(pf, T_ANN, name);

	if (n)
		pb_uint(&pf->body, DA_NAME_IID, n);
	else
		pb_string(&pf->body, DA_NAME, name);
}

static void ann_str(struct pf *pf, const char *name, const char *v, size_t len)
{
	pb_begin(&pf->body, TE_DEBUG_ANN);
	ann_name(pf, name);
	pb_bytes(&pf->body, DA_STRING, v, len);
	pb_end(&pf->body);
}

static void ann_int(struct pf *pf, const char *name, int64_t v)
{
	pb_begin(&pf->body, TE_DEBUG_ANN);
	ann_name(pf, name);
	pb_int(&pf->body, DA_INT, v);
	pb_end(&pf->body);
}

#define ANN_DEPTH	8	/* deeper values are annotated as their strace text */

/* A dict entry (DebugAnnotation in dict_entries) named name, its value to follow. */
static void ann_entry(struct pf *pf, const char *name)
{
	pb_begin(&pf->body, DA_DICT);
	ann_name(pf, name);
}

/* A raw number: sign-extended 32-bit negatives (AT_FDCWD, -1) negative, as in JSON. */
static void ann_raw(struct pf *pf, uint64_t u)
{
	int64_t i = (int64_t)u;

	if (i >= INT32_MIN)
		pb_int(&pf->body, DA_INT, i);
	else
		pb_uint(&pf->body, DA_UINT, u);
}

/* "A|B|0x40" as the array ["A", "B", "0x40"] into the open DebugAnnotation. */
static void ann_names(struct pf *pf, const char *text)
{
	for (const char *p = text; ; ) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		pb_begin(&pf->body, DA_ARRAY);
		pb_bytes(&pf->body, DA_STRING, p, n);
		pb_end(&pf->body);
		if (!bar)
			break;
		p = bar + 1;
	}
}

/* Whether len bytes can go as a string_value as they are: valid UTF-8 without control
 * characters other than \t, \n, \r (a NUL would also cut the string in trace_processor). */
static bool plain_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c < 0x20 || c == 0x7f)
			return false;
		if (c >= 0x80) {
			size_t n = json_utf8_len((const unsigned char *)s + i, len - i);

			if (!n)
				return false;
			i += n - 1;
		}
	}
	return true;
}

/* A byte string: "text" when it is plain text (the bytes as they are), else {"escaped": its
 * strace text without quotes}; a string cut at -s adds "truncated": true. */
static void ann_str_value(struct pf *pf, const struct hv *v, int xflag)
{
	const char *t = v->text ? v->text : "";
	bool plain = plain_text(t, v->len);

	if (plain && !(v->flags & HVF_TRUNC)) {
		pb_bytes(&pf->body, DA_STRING, t, v->len);
		return;
	}
	ann_entry(pf, plain ? "str" : "escaped");
	if (plain) {
		pb_bytes(&pf->body, DA_STRING, t, v->len);
	} else {
		sb_reset(&pf->sb);
		render_quoted(&pf->sb, t, v->len, xflag, NULL, 0);
		pb_bytes(&pf->body, DA_STRING, pf->sb.s ? pf->sb.s : "", pf->sb.len);
	}
	pb_end(&pf->body);
	if (v->flags & HVF_TRUNC) {
		ann_entry(pf, "truncated");
		pb_bool(&pf->body, DA_BOOL, true);
		pb_end(&pf->body);
	}
}

static void ann_value(struct pf *pf, const struct hv *v, int xflag, int depth);

/* The value of v without its comment into the open DebugAnnotation: the tree as JSON has it
 * (json_value.c, docs/formats.md), in DebugAnnotation's terms (docs/perfetto.md). */
static void ann_bare(struct pf *pf, const struct hv *v, int xflag, int depth)
{
	struct pb *pb = &pf->body;
	unsigned int k = 0;

	switch (v->kind) {
	case HV_INT:
		pb_int(pb, DA_INT, v->i);
		break;
	case HV_UINT:
	case HV_OCT:
		if (v->u <= INT64_MAX)
			pb_int(pb, DA_INT, (int64_t)v->u);
		else
			pb_uint(pb, DA_UINT, v->u);
		break;
	case HV_HEX:
	case HV_PTR:	/* shown in hex by the UI; SQL has it in int_value */
		pb_uint(pb, DA_POINTER, v->u);
		break;
	case HV_SYM:
		ann_entry(pf, "names");
		ann_names(pf, v->text ? v->text : "?");
		pb_end(pb);
		if (v->flags & HVF_NUM) {
			ann_entry(pf, "raw");
			ann_raw(pf, v->u);
			pb_end(pb);
		}
		break;
	case HV_EXPR:
		if (v->flags & HVF_NUM) {
			ann_entry(pf, "expr");
			pb_string(pb, DA_STRING, v->text ? v->text : "?");
			pb_end(pb);
			ann_entry(pf, "raw");
			ann_raw(pf, v->u);
			pb_end(pb);
		} else {
			pb_string(pb, DA_STRING, v->text ? v->text : "?");
		}
		break;
	case HV_STR:
		ann_str_value(pf, v, xflag);
		break;
	case HV_FD:
		if (!v->text && !(v->flags & HVF_ATCWD)) {
			pb_int(pb, DA_INT, v->i);
			break;
		}
		ann_entry(pf, "fd");
		pb_int(pb, DA_INT, v->i);
		pb_end(pb);
		if (v->flags & HVF_ATCWD) {
			ann_entry(pf, "name");
			pb_string(pb, DA_STRING, "AT_FDCWD");
			pb_end(pb);
		}
		if (v->text) {
			size_t n = strlen(v->text);

			ann_entry(pf, (v->flags & HVF_FDRAW) && json_fd_text_is_socket(v->text, n) ?
				      "socket" : "path");
			pb_bytes(pb, DA_STRING, v->text, n);
			pb_end(pb);
		}
		break;
	case HV_STRUCT:
		if (!v->child) {	/* Perfetto has no empty dict: it would vanish */
			pb_string(pb, DA_STRING, "{}");
			break;
		}
		for (const struct hv *c = v->child; c; c = c->next, k++) {
			char pos[16];

			if (c->kind == HV_MORE && !c->comment) {	/* abbreviated: "more": true */
				ann_entry(pf, "more");
				pb_bool(pb, DA_BOOL, true);
				pb_end(pb);
				continue;
			}
			if (!c->name)
				snprintf(pos, sizeof(pos), "_%u", k);	/* unnamed: its position */
			ann_entry(pf, c->name ? c->name : pos);
			ann_value(pf, c, xflag, depth + 1);
			pb_end(pb);
		}
		break;
	case HV_ARRAY:
		if (!v->child) {	/* no empty array either */
			pb_string(pb, DA_STRING, v->flags & HVF_NOT ? "~[]" : "[]");
			break;
		}
		if (v->flags & HVF_NOT)
			ann_entry(pf, "not");
		for (const struct hv *c = v->child; c; c = c->next) {
			pb_begin(pb, DA_ARRAY);
			ann_value(pf, c, xflag, depth + 1);
			pb_end(pb);
		}
		if (v->flags & HVF_NOT)
			pb_end(pb);
		break;
	case HV_MORE:
		pb_string(pb, DA_STRING, "...");
		break;
	case HV_CHANGED:
		if (v->child && v->child->next) {	/* entry => exit: {in, out} */
			ann_entry(pf, "in");
			ann_value(pf, v->child, xflag, depth + 1);
			pb_end(pb);
			ann_entry(pf, "out");
			ann_value(pf, v->child->next, xflag, depth + 1);
			pb_end(pb);
		} else if (v->child) {
			ann_value(pf, v->child, xflag, depth);
		} else {
			pb_string(pb, DA_STRING, "?");
		}
		break;
	default:	/* HV_PENDING never reaches a tree */
		pb_string(pb, DA_STRING, "?");
		break;
	}
}

/* The value of v into the open DebugAnnotation; with a strace comment {value, comment}. */
static void ann_value(struct pf *pf, const struct hv *v, int xflag, int depth)
{
	/* a value opens at most 3 messages before its children (a comment's "value", a
	   complemented set's "not" and its element): deeper than that, or than ANN_DEPTH, it
	   goes as its strace text, so that the writer's nesting limit is never reached */
	if (depth >= ANN_DEPTH || pf->body.depth + 3 > PB_MAX_DEPTH) {
		struct hv bare = *v;	/* without its member name (the dict entry has it) */

		bare.name = NULL;
		sb_reset(&pf->sb);
		render_value(&pf->sb, &bare, xflag);
		pb_bytes(&pf->body, DA_STRING, pf->sb.s ? pf->sb.s : "", pf->sb.len);
		return;
	}
	if (!v->comment) {
		ann_bare(pf, v, xflag, depth);
		return;
	}
	ann_entry(pf, "value");
	ann_bare(pf, v, xflag, depth);
	pb_end(&pf->body);
	ann_entry(pf, "comment");
	pb_string(&pf->body, DA_STRING, v->comment);
	pb_end(&pf->body);
}

static void ev_end(struct pf *pf)
{
	pb_end(&pf->body);
}

/* -- tracks --------------------------------------------------------------------- */

/* The track of a task other than the event's (NULL: none), without creating its state. */
static struct pthr *thr_known(const struct sink *s, const struct task *t)
{
	struct pthr *th = t ? t->sink_state[s->idx] : NULL;

	return th && th->uuid ? th : NULL;
}

/* The program name of a command line: basename of argv[0], or comm. */
static const char *image_name(const struct task *t)
{
	if (t->cmdline && t->cmdline[0]) {
		const char *slash = strrchr(t->cmdline, '/');

		return slash && slash[1] ? slash + 1 : t->cmdline;
	}
	return t->comm[0] ? t->comm : "?";
}

static void cmdline_text(struct sbuf *sb, const struct task *t)
{
	sb_reset(sb);
	for (size_t i = 0; t->cmdline && i < t->cmdline_len; i++)
		sb_putc(sb, t->cmdline[i] ? t->cmdline[i] : ' ');
	while (sb->len && sb->s[sb->len - 1] == ' ')
		sb->s[--sb->len] = '\0';
}

static void proc_desc(struct pf *pf, struct sink *s, struct pproc *pr, const struct task *t,
		      uint64_t ts)
{
	/* the process is named after its leader when the pipeline knows it */
	const struct task *lead = tasks_get(s->tasks, pr->pid);
	struct pb *pb = &pf->body;

	if (!lead)
		lead = t;
	item_begin(pf);
	pf->cur.desc = true;
	pb_begin(pb, TP_TRACK_DESCRIPTOR);
	pb_uint(pb, TD_UUID, pr->uuid);
	pb_begin(pb, TD_PROCESS);
	pb_int(pb, PD_PID, pr->pid);
	for (size_t i = 0; lead->cmdline && i < lead->cmdline_len;) {
		size_t n = strnlen(lead->cmdline + i, lead->cmdline_len - i);

		pb_bytes(pb, PD_CMDLINE, lead->cmdline + i, n);
		i += n + 1;
	}
	if (lead->comm[0])
		pb_bytes(pb, PD_NAME, lead->comm, strnlen(lead->comm, HY_COMM_LEN));
	else if (lead->cmdline && lead->cmdline[0])
		pb_string(pb, PD_NAME, image_name(lead));
	pb_end(pb);
	pb_end(pb);
	item_commit(pf, s, ts);
	pr->desc_ts = ts;
}

static void thr_desc(struct pf *pf, struct sink *s, struct pthr *th, uint64_t proc_uuid, uint64_t ts)
{
	struct pb *pb = &pf->body;

	item_begin(pf);
	pf->cur.desc = true;
	pb_begin(pb, TP_TRACK_DESCRIPTOR);
	pb_uint(pb, TD_UUID, th->uuid);
	pb_uint(pb, TD_PARENT, proc_uuid);
	pb_begin(pb, TD_THREAD);
	pb_int(pb, THD_PID, th->pid);
	pb_int(pb, THD_TID, th->tid);
	if (th->comm[0])
		pb_bytes(pb, THD_NAME, th->comm, strnlen(th->comm, HY_COMM_LEN));
	pb_end(pb);
	pb_end(pb);
	item_commit(pf, s, ts);
	th->desc_ts = ts;
}

static void image_begin(struct pf *pf, struct sink *s, struct pproc *pr, const struct task *t,
			uint64_t ts)
{
	item_begin(pf);
	ev_begin(pf, TYPE_SLICE_BEGIN, pr->uuid, "process", image_name(t), true);
	cmdline_text(&pf->sb, t);
	if (pf->sb.len)
		ann_str(pf, "cmdline", pf->sb.s, pf->sb.len);
	ev_end(pf);
	item_commit(pf, s, ts);
	pr->image_open = true;
}

static void slice_end(struct pf *pf, struct sink *s, uint64_t track, uint64_t ts, const char *why)
{
	item_begin(pf);
	ev_begin(pf, TYPE_SLICE_END, track, NULL, NULL, false);
	if (why)
		ann_str(pf, "end", why, strlen(why));
	ev_end(pf);
	item_commit(pf, s, ts);
}

/*
 * An event of the process older than its lifetime slice arrived (ptrace reports the
 * EXEC before the execve call that caused it): start the slice (and its first image)
 * then, if their BEGINs are still buffered.
 */
static void proc_lower(struct pf *pf, struct pproc *pr, uint64_t ts)
{
	unsigned int found = 0;

	for (size_t i = pf->nitems; i-- > 0 && found < 2;) {
		struct item *it = &pf->items[i];

		if (it->order == pr->begin_order[0] || it->order == pr->begin_order[1]) {
			it->ts = ts;
			found++;
		}
	}
	pr->begin_ts = found ? ts : 0;
}

/* The process of t, its descriptor and lifetime slice written at its first event. */
static struct pproc *proc_get(struct pf *pf, struct sink *s, const struct task *t, uint64_t ts)
{
	struct pproc *pr = tidmap_get(&pf->procs, t->pid);

	if (pr) {
		if (ts < pr->desc_ts)	/* keep the descriptor ahead of every event of the process */
			proc_desc(pf, s, pr, t, ts);
		if (ts < pr->begin_ts)
			proc_lower(pf, pr, ts);
		return pr;
	}
	pr = tidmap_add(&pf->procs, t->pid, NULL);
	if (!pr) {
		pf->err = -ENOMEM;
		return NULL;
	}
	pr->pid = t->pid;
	pr->uuid = pf->next_uuid++;
	proc_desc(pf, s, pr, t, ts);

	/* the lifetime: from the first event (the FORK record for a child) to the exit */
	char name[32];

	snprintf(name, sizeof(name), "pid %d", (int)pr->pid);
	item_begin(pf);
	ev_begin(pf, TYPE_SLICE_BEGIN, pr->uuid, "process", name, false);
	ann_int(pf, "pid", pr->pid);
	if (t->ppid && t->ppid != t->pid)
		ann_int(pf, "ppid", t->ppid);
	ev_end(pf);
	pr->begin_order[0] = pf->order;
	item_commit(pf, s, ts);
	pr->begin_order[1] = pf->order;
	image_begin(pf, s, pr, t, ts);
	pr->begin_ts = ts;
	return pr;
}

/* The track of thread t, its descriptor written at its first event or when it changes. */
static struct pthr *thr_get(struct pf *pf, struct sink *s, struct task *t, uint64_t ts)
{
	struct pproc *pr = proc_get(pf, s, t, ts);
	struct pthr *th = sink_task(s, t);

	if (!pr)
		return NULL;
	if (!th->uuid) {
		th->tid = t->tid;
		th->pid = t->pid;
		th->uuid = pf->next_uuid++;
		memcpy(th->comm, t->comm, sizeof(th->comm));
		thr_desc(pf, s, th, pr->uuid, ts);
	} else if (ts < th->desc_ts || th->pid != t->pid ||
		   (t->comm[0] && memcmp(th->comm, t->comm, sizeof(th->comm)))) {	/* renamed (exec, prctl), or older than its descriptor */
		memcpy(th->comm, t->comm, sizeof(th->comm));
		th->pid = t->pid;
		thr_desc(pf, s, th, pr->uuid, ts);
	}
	return th;
}

/* -- events --------------------------------------------------------------------- */

static const char *syscall_name(struct pf *pf, const struct dctx *d, long nr, char *buf, size_t n)
{
	if (d->se)
		return d->se->name;
	snprintf(buf, n, "syscall_%#lx", (unsigned long)nr);
	return buf;
}

/*
 * The arguments from index from on as one debug annotation "args": a dict by the kernel's
 * argument names (argN when not known), each value structured as ann_value() writes it, so
 * that trace_processor has debug.args.flags.names[0], debug.args.fd...  A call seen starting
 * has the arguments known at entry on its BEGIN and the rest on its END: Perfetto merges
 * them into the slice's args.  Returns the number of arguments.
 */
static unsigned int ann_args(struct pf *pf, struct sink *s, const struct dctx *d, unsigned int from)
{
	static const char *const argn[] = { "arg0", "arg1", "arg2", "arg3", "arg4", "arg5",
					    "arg6", "arg7" };
	unsigned int i = 0;
	bool open = false;

	for (const struct hv *a = d->args ? d->args->child : NULL; a; a = a->next, i++) {
		if (i < from)
			continue;
		const char *name = NULL;
		char buf[16];

		if (d->se && i < HY_NARGS && (int)i < d->se->nargs)
			name = d->se->argnames[i];
		if (!name && i < 8)
			name = argn[i];
		if (!name) {
			snprintf(buf, sizeof(buf), "arg%u", i);
			name = buf;
		}
		if (!open) {
			pb_begin(&pf->body, TE_DEBUG_ANN);
			ann_name(pf, "args");
			open = true;
		}
		ann_entry(pf, name);
		ann_value(pf, a, s->o->d.xflag, 0);
		pb_end(&pf->body);
	}
	if (open)
		pb_end(&pf->body);
	return i;
}

/* --cuda: an NVIDIA driver call's device, command and status. */
static void ann_nvcall(struct pf *pf, const struct event *ev, const struct nvcall *nc)
{
	char label[192];
	size_t n = nvcall_label(ev, nc, label, sizeof(label));
	const char *dev = nvcall_dev_name(nc->kind);

	ann_str(pf, "nv_device", dev, strlen(dev));
	ann_str(pf, "nv_command", label, n < sizeof(label) ? n : sizeof(label) - 1);
	if (!nc->has_status)
		return;
	if (nc->status_name) {
		ann_str(pf, "nv_status", nc->status_name, strlen(nc->status_name));
	} else {
		char hex[16];

		ann_str(pf, "nv_status", hex, snprintf(hex, sizeof(hex), "%#x", nc->status));
	}
	ann_int(pf, "nv_status_code", nc->status);
}

static void ann_ret(struct pf *pf, struct sink *s, const struct event *ev, const struct dctx *d)
{
	if (ev->r.flags & HY_F_NO_EXIT) {
		ann_str(pf, "result", "?", 1);
		return;
	}
	ann_int(pf, "ret", ev->r.ret);
	if (d->ret_is_error) {
		const char *e = errno_name((int)-ev->r.ret);

		if (e)
			ann_str(pf, "errno", e, strlen(e));
	}
	if (d->ret && !d->ret_is_error) {	/* a decoded return value: flags, a struct... */
		pb_begin(&pf->body, TE_DEBUG_ANN);
		ann_name(pf, "retval");
		ann_value(pf, d->ret, s->o->d.xflag, 0);
		pb_end(&pf->body);
	}
	sb_reset(&pf->sb);
	render_ret(&pf->sb, d, s->o->d.xflag);
	const char *r = pf->sb.s;
	size_t len = pf->sb.len;

	if (len >= 2 && !strncmp(r, "= ", 2)) {
		r += 2;
		len -= 2;
	}
	ann_str(pf, "result", r, len);
}

/* An Android log entry (the UI's log panel) with the strace text of an event. */
static void log_line(struct pf *pf, struct sink *s, const struct task *t, uint64_t ts, int prio,
		     const char *msg, size_t len)
{
	struct pb *pb = &pf->body;

	item_begin(pf);
	pb_begin(pb, TP_ANDROID_LOG);
	pb_begin(pb, AL_EVENTS);
	pb_int(pb, LE_PID, t->pid);
	pb_int(pb, LE_TID, t->tid);
	pb_uint(pb, LE_TIMESTAMP, (uint64_t)ts_shift(ts, s->boot_to_real));
	pb_bytes(pb, LE_TAG, t->comm, strnlen(t->comm, HY_COMM_LEN));
	pb_uint(pb, LE_PRIO, prio);
	pb_bytes(pb, LE_MESSAGE, msg, len);
	pb_end(pb);
	pb_end(pb);
	item_commit(pf, s, ts);
}

/* The sink's state, with the newest time seen moved on to ev's. */
static struct pf *pf_seen(struct sink *s, const struct event *ev)
{
	struct pf *pf = s->priv;

	if (ev->r.ts_exit > pf->max_ts)
		pf->max_ts = ev->r.ts_exit;
	return pf;
}

/* END a call that did not finish, at ts. */
static void close_call(struct pf *pf, struct sink *s, struct pthr *th, uint64_t ts, const char *why)
{
	if (!th || !th->open)
		return;
	slice_end(pf, s, th->uuid, ts, why);
	th->open = false;
}

static void pf_stack(struct sink *s, const struct event *ev, const struct sym_frame *f,
		     unsigned int n, struct task *t)
{
	struct pf *pf = s->priv;

	pf->stack = f;
	pf->nstack = n;
}

/* -k: a debug annotation "stack", an array of strace -k frame strings (+ " FILE:LINE"). */
static void ann_stack(struct pf *pf)
{
	if (!pf->stack)
		return;
	pb_begin(&pf->body, TE_DEBUG_ANN);
	ann_name(pf, "stack");
	for (unsigned int i = 0; i < pf->nstack; i++) {
		const struct sym_frame *f = &pf->stack[i];

		sb_reset(&pf->sb);
		sink_frame_text(&pf->sb, f);
		if (f->file && f->line)
			sb_printf(&pf->sb, " %s:%u", f->file, f->line);
		pb_begin(&pf->body, DA_ARRAY);
		pb_bytes(&pf->body, DA_STRING, pf->sb.s, pf->sb.len);
		pb_end(&pf->body);
	}
	pb_end(&pf->body);
	pf->stack = NULL;
	pf->nstack = 0;
}

static void pf_syscall(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct pf *pf = pf_seen(s, ev);
	uint64_t t0 = ev->r.ts_enter, t1 = ev->r.ts_exit;
	struct pthr *th = thr_get(pf, s, t, t0);
	char nbuf[192];
	const char *name = syscall_name(pf, d, ev->r.nr, nbuf, sizeof(nbuf)), *cat = "syscall";
	struct nvcall nc;
	bool nv = false;

	if (!th)
		return;
	/* --cuda: an NVIDIA driver call is a slice named by its command, in category "nvidia" */
	if (ev->r.type == HY_REC_SYSCALL && s->o->cuda != CUDA_OFF && nvcall_get(ev, &nc)) {
		nv = true;
		nvcall_label(ev, &nc, nbuf, sizeof(nbuf));
		name = nbuf;
		cat = "nvidia";
	}
	if (ev->r.type == HY_REC_ENTER) {
		close_call(pf, s, th, t0, "unfinished");
		item_begin(pf);
		ev_begin(pf, TYPE_SLICE_BEGIN, th->uuid, "syscall", name, true);
		th->nentry = ann_args(pf, s, d, 0);
		ev_end(pf);
		item_commit(pf, s, t0);
		th->open = true;
		th->open_nr = ev->r.nr;
		return;
	}
	unsigned int from = 0;

	if (th->open && th->open_nr == ev->r.nr) {
		from = th->nentry;	/* BEGIN has the entry arguments: END adds the rest */
	} else {
		close_call(pf, s, th, t0, "unfinished");
		item_begin(pf);
		ev_begin(pf, TYPE_SLICE_BEGIN, th->uuid, cat, name, true);
		from = ann_args(pf, s, d, 0);
		ev_end(pf);
		item_commit(pf, s, t0);
	}
	if ((ev->r.flags & HY_F_NO_EXIT) || t1 < t0)	/* never returned: a zero-length slice */
		t1 = t0;
	item_begin(pf);
	ev_begin(pf, TYPE_SLICE_END, th->uuid, NULL, NULL, false);
	ann_args(pf, s, d, from);
	ann_ret(pf, s, ev, d);
	ann_stack(pf);
	if (nv)
		ann_nvcall(pf, ev, &nc);
	ev_end(pf);
	item_commit(pf, s, t1);
	th->open = false;

	if (s->o->logs) {
		struct sbuf *sb = &pf->lsb;

		sb_reset(sb);
		sb_puts(sb, name);
		sb_putc(sb, '(');
		render_args(sb, d->args, s->o->d.xflag);
		sb_puts(sb, ") ");
		render_ret(sb, d, s->o->d.xflag);
		log_line(pf, s, t, t0, d->ret_is_error ? PRIO_WARN : PRIO_INFO, sb->s, sb->len);
	}
}

/*
 * --func: a function call is a slice on its thread's track, the one its syscalls are on, so
 * that they nest inside it; BEGIN at the entry (category "func", debug annotations "module"
 * and "arg1".. of --func-args), END at the return ("retval"; "no_return" 1 when the return
 * was made up after a longjmp, an exception, the thread's end or a lost record).
 */
static void pf_func(struct sink *s, const struct func_event *fe, struct task *t)
{
	static const char *const argn[HY_FUNC_ARGS] = { "arg1", "arg2", "arg3", "arg4", "arg5",
							 "arg6" };
	struct pf *pf = s->priv;
	struct pthr *th = thr_get(pf, s, t, fe->ts);

	if (!th)
		return;
	if (fe->ts > pf->max_ts)
		pf->max_ts = fe->ts;
	item_begin(pf);
	if (fe->kind == FUNC_EV_ENTRY) {
		unsigned int n = fe->flags & FUNC_EVF_ARGS ? fe->nargs : 0;

		if (fe->fn->nparams >= 0 && (unsigned int)fe->fn->nparams < n)
			n = (unsigned int)fe->fn->nparams;
		ev_begin(pf, TYPE_SLICE_BEGIN, th->uuid, "func", fe->fn->name, true);
		ann_str(pf, "module", fe->fn->module, strlen(fe->fn->module));
		for (unsigned int i = 0; i < n && i < HY_FUNC_ARGS; i++)
			ann_int(pf, argn[i], (int64_t)fe->args[i]);	/* registers, signed */
	} else {
		ev_begin(pf, TYPE_SLICE_END, th->uuid, NULL, NULL, false);
		if (fe->flags & FUNC_EVF_RET)
			ann_int(pf, "retval", fe->ret);
		if (fe->flags & FUNC_EVF_NO_RETURN)
			ann_int(pf, "no_return", 1);
	}
	ev_end(pf);
	item_commit(pf, s, fe->ts);
}

static void pf_signal(struct sink *s, const struct event *ev, struct dctx *d, struct task *t)
{
	struct pf *pf = pf_seen(s, ev);
	uint64_t ts = ev->r.ts_enter;
	struct pthr *th = thr_get(pf, s, t, ts);
	const char *sn = signame(ev->r.nr);
	char name[48];

	if (!th)
		return;
	if (ev->r.type == HY_REC_SIGSTOP)
		snprintf(name, sizeof(name), "stopped by %s", sn ? sn : "?");
	else if (sn)
		snprintf(name, sizeof(name), "%s", sn);
	else
		snprintf(name, sizeof(name), "signal %d", ev->r.nr);
	item_begin(pf);
	ev_begin(pf, TYPE_INSTANT, th->uuid, "signal", name, true);
	ann_int(pf, "signo", ev->r.nr);
	sb_reset(&pf->sb);
	if (ev->r.type == HY_REC_SIGNAL && d->args && d->args->child) {	/* structured */
		pb_begin(&pf->body, TE_DEBUG_ANN);
		ann_name(pf, "siginfo");
		ann_value(pf, d->args->child, s->o->d.xflag, 0);
		pb_end(&pf->body);
		render_value(&pf->sb, d->args->child, s->o->d.xflag);	/* for --logs */
	}
	ev_end(pf);
	item_commit(pf, s, ts);
	if (s->o->logs) {	/* as the text sink prints it */
		struct sbuf *sb = &pf->lsb;

		sb_reset(sb);
		sb_puts(sb, "--- ");
		sb_puts(sb, name);
		if (pf->sb.len) {
			sb_putc(sb, ' ');
			sb_putn(sb, pf->sb.s, pf->sb.len);
		}
		sb_puts(sb, " ---");
		log_line(pf, s, t, ts, PRIO_INFO, sb->s, sb->len);
	}
}

static void pf_exit(struct pf *pf, struct sink *s, const struct event *ev, struct task *t)
{
	uint64_t ts = ev->r.ts_enter;
	struct pthr *th = thr_get(pf, s, t, ts);
	struct pproc *pr = tidmap_get(&pf->procs, t->pid);
	bool detach = ev->r.type == HY_REC_DETACH;
	char what[64];

	if (!th)
		return;
	close_call(pf, s, th, ts, detach ? "detached" : "unfinished");
	if (detach) {
		snprintf(what, sizeof(what), "detached");
	} else if (ev->r.flags & HY_F_KILLED) {
		const char *sn = signame(ev->r.nr);

		if (sn)
			snprintf(what, sizeof(what), "killed by %s%s", sn,
				 ev->r.flags & HY_F_CORE ? " (core dumped)" : "");
		else
			snprintf(what, sizeof(what), "killed by %d%s", ev->r.nr,
				 ev->r.flags & HY_F_CORE ? " (core dumped)" : "");
	} else {
		snprintf(what, sizeof(what), "exited with %d", ev->r.nr);
	}
	item_begin(pf);
	ev_begin(pf, TYPE_INSTANT, th->uuid, "process", detach ? "detach" : "exit", true);
	ann_str(pf, "status", what, strlen(what));
	ev_end(pf);
	item_commit(pf, s, ts);
	if (s->o->logs && !detach) {
		char line[96];
		int n = snprintf(line, sizeof(line), "+++ %s +++", what);

		log_line(pf, s, t, ts, PRIO_INFO, line, (size_t)n);
	}
	/* the thread's state goes with its task, which the pipeline forgets after this event */
	if (!pr || t->tid != t->pid)	/* the process ends with its leader */
		return;
	if (pr->image_open)
		slice_end(pf, s, pr->uuid, ts, NULL);
	item_begin(pf);
	ev_begin(pf, TYPE_SLICE_END, pr->uuid, NULL, NULL, false);
	cmdline_text(&pf->sb, t);
	if (pf->sb.len)
		ann_str(pf, "cmdline", pf->sb.s, pf->sb.len);
	if (!detach && (ev->r.flags & HY_F_KILLED)) {
		const char *sn = signame(ev->r.nr);

		ann_str(pf, "killed_by", sn ? sn : "?", strlen(sn ? sn : "?"));
		if (ev->r.flags & HY_F_CORE)
			ann_int(pf, "core_dumped", 1);
	} else if (!detach) {
		ann_int(pf, "exit_code", ev->r.nr);
	}
	ann_str(pf, "status", what, strlen(what));
	ev_end(pf);
	item_commit(pf, s, ts);
	tidmap_del(&pf->procs, pr->pid);
}

static void pf_exec(struct pf *pf, struct sink *s, const struct event *ev, struct task *t)
{
	uint64_t ts = ev->r.ts_enter;
	pid_t old = (pid_t)ev->r.args[0];

	if (old && old != t->tid) {	/* exec from a thread: that thread is gone */
		struct pthr *o = thr_known(s, tasks_get(s->tasks, old));

		if (o) {
			close_call(pf, s, o, ts, "exec by another thread");
			memset(o, 0, sizeof(*o));
		}
	}
	/* its first event: all written as new */
	bool fresh = !tidmap_get(&pf->procs, t->pid);
	struct pthr *th = thr_get(pf, s, t, ts);
	struct pproc *pr = tidmap_get(&pf->procs, t->pid);

	if (!th || !pr || fresh)
		return;
	proc_desc(pf, s, pr, t, ts);	/* new name and command line */
	if (pr->image_open)
		slice_end(pf, s, pr->uuid, ts, NULL);
	image_begin(pf, s, pr, t, ts);
}

static void pf_lost(struct sink *s, const struct event *ev, struct task *t)
{
	static const char *const why[HY_LOST_NR] = {
		"ring buffer full", "record too big", "memory read failed", "too many tasks",
	};
	struct pf *pf = pf_seen(s, ev);
	uint64_t ts = ev->r.ts_enter ? ev->r.ts_enter : pf->max_ts;
	struct pb *pb = &pf->body;

	if (!pf->global_desc) {
		item_begin(pf);
		pf->cur.desc = true;
		pb_begin(pb, TP_TRACK_DESCRIPTOR);
		pb_uint(pb, TD_UUID, GLOBAL_UUID);
		pb_string(pb, TD_NAME, "hytrace");
		pb_end(pb);
		item_commit(pf, s, ts);
		pf->global_desc = true;
	}
	item_begin(pf);
	ev_begin(pf, TYPE_INSTANT, GLOBAL_UUID, "hytrace", "events lost", true);
	ann_int(pf, "count", (int64_t)ev->r.args[0]);
	if (ev->r.args[1] < HY_LOST_NR)
		ann_str(pf, "reason", why[ev->r.args[1]], strlen(why[ev->r.args[1]]));
	ev_end(pf);
	item_commit(pf, s, ts);
	if (s->o->logs) {
		char line[64];
		int n = snprintf(line, sizeof(line), "+++ %llu events lost +++",
				 (unsigned long long)ev->r.args[0]);

		log_line(pf, s, t, ts, PRIO_WARN, line, (size_t)n);
	}
}

static void pf_process(struct sink *s, const struct event *ev, struct task *t)
{
	struct pf *pf = pf_seen(s, ev);

	switch (ev->r.type) {
	case HY_REC_FORK:
		thr_get(pf, s, t, ev->r.ts_enter);
		break;
	case HY_REC_EXEC:
		pf_exec(pf, s, ev, t);
		break;
	case HY_REC_EXIT:
	case HY_REC_DETACH:
		pf_exit(pf, s, ev, t);
		break;
	default:
		break;
	}
}

static unsigned int pf_needs(const struct opts *o)
{
	unsigned int n = SINK_NEED_TIMES | SINK_NEED_EXEC_ARGV;

	return n | sink_needs_fds(o) | sink_needs_stacks(o, true);
}

static int pf_open(struct sink *s)
{
	const struct opts *o = s->o;
	struct pf *pf = calloc(1, sizeof(*pf));
	int err;

	if (!pf)
		return -ENOMEM;
	/* one file, even with -ff: the trace holds every task */
	err = outfile_open(&pf->out, o->outfile, stderr, sink_outfile_flags(o));
	if (!err && outfile_isatty(&pf->out)) {
		pr_warn("--format=perfetto writes a binary trace: give -o FILE, or pipe it "
			"(%s is a terminal)",
			pf->out.name);
		outfile_close(&pf->out);
		err = -EINVAL;
	}
	if (err) {
		free(pf);
		return err;
	}
	tidmap_init(&pf->procs, sizeof(struct pproc), NULL);
	pf->seq_id = SEQ_ID_FIRST;
	pf->next_uuid = GLOBAL_UUID + 1;
	s->priv = pf;
	return 0;
}

static int by_tid(const void *a, const void *b)
{
	pid_t x = (*(struct pthr *const *)a)->tid, y = (*(struct pthr *const *)b)->tid;

	return (x > y) - (x < y);
}

static int by_pid(const void *a, const void *b)
{
	pid_t x = (*(struct pproc *const *)a)->pid, y = (*(struct pproc *const *)b)->pid;

	return (x > y) - (x < y);
}

/*
 * Every BEGIN gets its END: calls and processes still open end at the last time seen, by tid
 * then pid, so that the bytes depend on the trace alone, not on how the maps keep it.
 */
static void end_all(struct pf *pf, struct sink *s)
{
	unsigned int nt = tidmap_count(&s->tasks->map), np = tidmap_count(&pf->procs), n = 0;
	void **v = malloc(((nt > np ? nt : np) + 1) * sizeof(*v));
	unsigned int pos = 0;
	struct pthr *th;
	struct pproc *pr;
	struct task *t;

	if (!v) {
		pf->err = -ENOMEM;
		return;
	}
	while ((t = tidmap_next(&s->tasks->map, &pos, NULL)))
		if ((th = thr_known(s, t)) && th->open)
			v[n++] = th;
	qsort(v, n, sizeof(*v), by_tid);
	for (unsigned int i = 0; i < n; i++)
		close_call(pf, s, v[i], pf->max_ts, "tracing stopped");
	pos = n = 0;
	while ((pr = tidmap_next(&pf->procs, &pos, NULL)))
		v[n++] = pr;
	qsort(v, n, sizeof(*v), by_pid);
	for (unsigned int i = 0; i < n; i++) {
		pr = v[i];
		if (pr->image_open)
			slice_end(pf, s, pr->uuid, pf->max_ts, NULL);
		slice_end(pf, s, pr->uuid, pf->max_ts, "tracing stopped");
	}
	free(v);
}

static int pf_close(struct sink *s)
{
	struct pf *pf = s->priv;
	int err;

	if (!pf)
		return 0;
	end_all(pf, s);
	flush(pf, s, UINT64_MAX);
	if (pf->err)	/* out of memory, or a packet the writer refused: the trace is cut */
		pr_warn("cannot write the perfetto trace to %s: %s", pf->out.name,
			strerror(-pf->err));
	err = outfile_close(&pf->out);	/* a write error was reported when it happened */
	if (pf->err)
		err = pf->err;
	tidmap_free(&pf->procs);
	for (int i = 0; i < T_NR; i++)
		intern_free(&pf->tab[i]);
	pb_free(&pf->pend);
	pb_free(&pf->body);
	pb_free(&pf->pkt);
	sb_free(&pf->sb);
	sb_free(&pf->lsb);
	free(pf->items);
	free(pf);
	s->priv = NULL;
	return err;
}

const struct sink_ops sink_perfetto_ops = {
	.name = "perfetto",
	.help = "native Perfetto protobuf (.pftrace)",
	.task_size = sizeof(struct pthr),
	.needs = pf_needs,
	.open = pf_open,
	.syscall = pf_syscall,
	.func = pf_func,
	.stack = pf_stack,
	.signal = pf_signal,
	.process = pf_process,
	.lost = pf_lost,
	.close = pf_close,
};
