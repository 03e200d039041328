// SPDX-License-Identifier: LGPL-2.1-or-later
/* time.c: decoders for clocks, sleeps and timers, and the time structure helpers. */
/* Output formats follow strace 6.1 (src/time.c, src/print_timespec.h, src/print_timeval.c). */
#include <string.h>
#include <time.h>
#include "decode.h"
#include "xlat_gen.h"

/* -ERESTARTSYS, -ERESTARTNOINTR, -ERESTARTNOHAND, -ERESTART_RESTARTBLOCK (kernel-internal) */
static bool is_erestart(const struct dctx *d)
{
	int64_t r = d_ret(d);

	return !(d->ev->r.flags & HY_F_NO_EXIT) &&
	       (r == -512 || r == -513 || r == -514 || r == -516);
}

/* -- helpers shared with other areas ------------------------------------------------ */

struct hv *hv_tspec(struct dctx *d, const int64_t ts[2])
{
	struct hv *s = hv_struct(d);

	hv_add(s, "tv_sec", hv_int(d, ts[0]));
	hv_add(s, "tv_nsec", hv_int(d, ts[1]));
	return s;
}

struct hv *hv_tval(struct dctx *d, const int64_t tv[2])
{
	struct hv *s = hv_struct(d);

	hv_add(s, "tv_sec", hv_int(d, tv[0]));
	hv_add(s, "tv_usec", hv_int(d, tv[1]));
	return s;
}

struct hv *hv_clockid(struct dctx *d, int id)
{
	return hv_sym(d, &xlat_clocknames, (unsigned int)id, true);
}

/* The captured object of argument i at when: NULL, the address (unreadable), or NULL return. */
static struct hv *fetch_obj(struct dctx *d, int i, int when, void *buf, size_t size)
{
	const struct event_blob *b = event_blob(d->ev, i, when, 0);

	if (!d_u(d, i))
		return hv_ptr(d, 0);
	if (!b || b->h.err || b->h.len < size)
		return v_ptr(d, i);
	memcpy(buf, b->data, size);
	return NULL;
}

struct hv *v_tspec(struct dctx *d, int i, int when)
{
	int64_t ts[2];
	struct hv *v = fetch_obj(d, i, when, ts, sizeof(ts));

	return v ? v : hv_tspec(d, ts);
}

struct hv *v_tval(struct dctx *d, int i, int when)
{
	int64_t tv[2];
	struct hv *v = fetch_obj(d, i, when, tv, sizeof(tv));

	return v ? v : hv_tval(d, tv);
}

struct hv *v_itspec(struct dctx *d, int i, int when)
{
	int64_t t[4];
	struct hv *v = fetch_obj(d, i, when, t, sizeof(t));

	if (v)
		return v;
	v = hv_struct(d);
	hv_add(v, "it_interval", hv_tspec(d, t));
	hv_add(v, "it_value", hv_tspec(d, t + 2));
	return v;
}

static struct hv *v_itimerval(struct dctx *d, int i, int when)
{
	int64_t t[4];
	struct hv *v = fetch_obj(d, i, when, t, sizeof(t));

	if (v)
		return v;
	v = hv_struct(d);
	hv_add(v, "it_interval", hv_tval(d, t));
	hv_add(v, "it_value", hv_tval(d, t + 2));
	return v;
}

/* An output argument: printed at exit, as its address when the call failed. */
static struct hv *out_at_exit(struct dctx *d, int i, struct hv *(*fn)(struct dctx *, int, int))
{
	if (d_failed(d) && d_u(d, i))
		return v_ptr(d, i);
	return fn(d, i, HY_AT_EXIT);
}

/* -- sleeping ------------------------------------------------------------------------ */

/* The remaining time is only meaningful when the sleep was interrupted (strace). */
static struct hv *sleep_rem(struct dctx *d, int i)
{
	return is_erestart(d) ? v_tspec(d, i, HY_AT_EXIT) : v_ptr(d, i);
}

void dec_nanosleep(struct dctx *d)
{
	arg(d, v_tspec(d, 0, HY_AT_ENTER));
	if (!d->exiting)
		return d_pending(d);
	arg(d, sleep_rem(d, 1));
}

void dec_clock_nanosleep(struct dctx *d)
{
	arg(d, hv_clockid(d, d_i(d, 0)));
	arg(d, hv_flags_or(d, &xlat_timer_flags, d_ui(d, 1), "TIMER_???"));
	arg(d, v_tspec(d, 2, HY_AT_ENTER));
	if (!d->exiting)
		return d_pending(d);
	arg(d, sleep_rem(d, 3));
}

/* -- clocks --------------------------------------------------------------------------- */

void dec_clock_gettime(struct dctx *d)
{
	arg(d, hv_clockid(d, d_i(d, 0)));
	if (!d->exiting)
		return d_pending(d);
	arg(d, out_at_exit(d, 1, v_tspec));
}

void dec_clock_settime(struct dctx *d)
{
	arg(d, hv_clockid(d, d_i(d, 0)));
	arg(d, v_tspec(d, 1, HY_AT_ENTER));
}

static struct hv *v_timezone(struct dctx *d, int i, int when)
{
	int32_t tz[2];
	struct hv *v = fetch_obj(d, i, when, tz, sizeof(tz));

	if (v)
		return v;
	v = hv_struct(d);
	hv_add(v, "tz_minuteswest", hv_int(d, tz[0]));
	hv_add(v, "tz_dsttime", hv_int(d, tz[1]));
	return v;
}

void dec_gettimeofday(struct dctx *d)
{
	if (!d->exiting)
		return d_pending(d);
	arg(d, out_at_exit(d, 0, v_tval));
	arg(d, out_at_exit(d, 1, v_timezone));
}

void dec_settimeofday(struct dctx *d)
{
	arg(d, v_tval(d, 0, HY_AT_ENTER));
	arg(d, v_timezone(d, 1, HY_AT_ENTER));
}

/* strace's sprinttime(): local time as 2026-11-21T20:32:58+0000 */
static const char *time_text(struct dctx *d, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[64];

	if (!localtime_r(&tt, &tm) || !strftime(buf, sizeof(buf), "%FT%T%z", &tm))
		return NULL;
	return arena_strndup(d->ar, buf, strlen(buf));
}

void dec_time(struct dctx *d)
{
	int64_t t;

	if (!d->exiting)
		return d_pending(d);
	if (d_failed(d) || !d_u(d, 0)) {
		arg(d, v_ptr(d, 0));
	} else {
		struct hv *v = fetch_obj(d, 0, HY_AT_EXIT, &t, sizeof(t));

		if (!v) {
			const char *s = time_text(d, t);

			v = hv_array(d);
			hv_add(v, NULL, s ? hv_comment(d, hv_int(d, t), "%s", s) : hv_int(d, t));
		}
		arg(d, v);
	}
	if (!d_failed(d)) {
		const char *s = time_text(d, d_ret(d));

		if (s)
			d->ret_note = hv_expr(d, "%s", s);
	}
}

void dec_times(struct dctx *d)
{
	int64_t t[4];

	if (!d->exiting)
		return d_pending(d);
	struct hv *v = d_failed(d) && d_u(d, 0) ? v_ptr(d, 0) : fetch_obj(d, 0, HY_AT_EXIT, t, sizeof(t));

	if (!v) {
		v = hv_struct(d);
		hv_add(v, "tms_utime", hv_uint(d, t[0]));
		hv_add(v, "tms_stime", hv_uint(d, t[1]));
		hv_add(v, "tms_cutime", hv_uint(d, t[2]));
		hv_add(v, "tms_cstime", hv_uint(d, t[3]));
	}
	arg(d, v);
}

/* -- interval timers ------------------------------------------------------------------ */

void dec_getitimer(struct dctx *d)
{
	arg(d, v_sym(d, 0, &xlat_itimer_which));
	if (!d->exiting)
		return d_pending(d);
	arg(d, out_at_exit(d, 1, v_itimerval));
}

void dec_setitimer(struct dctx *d)
{
	arg(d, v_sym(d, 0, &xlat_itimer_which));
	arg(d, v_itimerval(d, 1, HY_AT_ENTER));
	if (!d->exiting)
		return d_pending(d);
	arg(d, out_at_exit(d, 2, v_itimerval));
}

/* -- POSIX timers --------------------------------------------------------------------- */

#define SIGEV_SIGNAL_V		0	/* include/uapi/asm-generic/siginfo.h */
#define SIGEV_THREAD_V		2
#define SIGEV_THREAD_ID_V	4

struct k_sigevent {
	uint64_t value;
	int32_t signo, notify;
	union {
		int32_t tid;
		struct { uint64_t function, attribute; } thread;
	};
};

static struct hv *v_sigevent(struct dctx *d, int i)
{
	struct k_sigevent sev;
	struct hv *v = fetch_obj(d, i, HY_AT_ENTER, &sev, sizeof(sev));

	if (v)
		return v;
	struct hv *val = hv_struct(d);

	v = hv_struct(d);
	hv_add(val, "sival_int", hv_int(d, (int32_t)sev.value));
	hv_add(val, "sival_ptr", hv_ptr(d, sev.value));
	hv_add(v, "sigev_value", val);
	if (sev.notify == SIGEV_SIGNAL_V || sev.notify == SIGEV_THREAD_ID_V)
		hv_add(v, "sigev_signo", hv_signal(d, sev.signo));
	else
		hv_add(v, "sigev_signo", hv_uint(d, (uint32_t)sev.signo));
	hv_add(v, "sigev_notify", hv_sym(d, &xlat_sigev_notify, (uint32_t)sev.notify, true));
	if (sev.notify == SIGEV_THREAD_ID_V) {
		hv_add(v, "sigev_notify_thread_id", hv_int(d, sev.tid));
	} else if (sev.notify == SIGEV_THREAD_V) {
		hv_add(v, "sigev_notify_function", hv_ptr(d, sev.thread.function));
		hv_add(v, "sigev_notify_attributes", hv_ptr(d, sev.thread.attribute));
	}
	return v;
}

void dec_timer_create(struct dctx *d)
{
	int32_t id;

	arg(d, hv_clockid(d, d_i(d, 0)));
	arg(d, v_sigevent(d, 1));
	if (!d->exiting)
		return d_pending(d);
	struct hv *v = d_failed(d) && d_u(d, 2) ? v_ptr(d, 2) : fetch_obj(d, 2, HY_AT_EXIT, &id, sizeof(id));

	if (!v) {
		v = hv_array(d);
		hv_add(v, NULL, hv_int(d, id));
	}
	arg(d, v);
}

void dec_timer_settime(struct dctx *d)
{
	arg(d, v_int(d, 0));
	arg(d, hv_flags_or(d, &xlat_timer_flags, d_ui(d, 1), "TIMER_???"));
	arg(d, v_itspec(d, 2, HY_AT_ENTER));
	if (!d->exiting)
		return d_pending(d);
	arg(d, out_at_exit(d, 3, v_itspec));
}

void dec_timer_gettime(struct dctx *d)
{
	arg(d, v_int(d, 0));
	if (!d->exiting)
		return d_pending(d);
	arg(d, out_at_exit(d, 1, v_itspec));
}

void dec_timer_id(struct dctx *d)
{
	arg(d, v_int(d, 0));
}
