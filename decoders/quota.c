// SPDX-License-Identifier: LGPL-2.1-or-later
/* quota.c: decoders for quotactl and quotactl_fd. */
/* Output formats follow strace 6.1 (src/quota.c); values in decoders/xlat/{quota*,if_dq*,xfs_*}.in.
 * Q_XGETQSTAT and Q_XGETQSTATV print their struct's address. */
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

/* include/uapi/linux/quota.h: QCMD(cmd, type) = cmd << 8 | type */
#define SUBCMDSHIFT_V	8
#define SUBCMDMASK_V	0xffu

static struct hv *hv_qcmd(struct dctx *d, uint32_t q)
{
	uint32_t cmd = q >> SUBCMDSHIFT_V, type = q & SUBCMDMASK_V;
	const char *cn = xlat_name(&xlat_quotacmds, cmd), *tn = xlat_name(&xlat_quotatypes, type);
	struct hv *v = hv_expr(d, "QCMD(%s, %s)",
			       cn ? cn : arena_printf(d->ar, "%#x /* Q_??? */", cmd),
			       tn ? tn : arena_printf(d->ar, "%#x /* ???QUOTA */", type));

	v->u = q;
	v->flags |= HVF_NUM;
	return v;
}

/* A uid/gid as strace's printuid: -1 for (uid_t)-1, else unsigned. */
static struct hv *hv_qid(struct dctx *d, uint32_t id)
{
	return id == 0xffffffff ? hv_int(d, -1) : hv_uint(d, id);
}

/* The data struct at when into buf (size bytes): NULL when it can be decoded, else the node. */
static struct hv *qdata(struct dctx *d, int when, void *buf, size_t size)
{
	const struct event_blob *b = d_fetch_at(d, 3, when, 0, buf, size);
	struct hv *v = v_unread(d, 3, b);

	if (!v && when == HY_AT_EXIT && d_failed(d))
		v = v_ptr(d, 3);
	if (!v && b->h.len < size)
		v = v_ptr(d, 3);
	return v;
}

/* struct if_dqblk / if_nextdqblk (packed in strace: 68 / 72 bytes) */
struct k_dqblk {
	uint64_t lim[8];	/* bhardlimit bsoftlimit curspace ihardlimit isoftlimit curinodes btime itime */
	uint32_t valid, id;
};

static struct hv *dqblk(struct dctx *d, int when, bool next)
{
	static const char *const names[8] = { "dqb_bhardlimit", "dqb_bsoftlimit", "dqb_curspace",
		"dqb_ihardlimit", "dqb_isoftlimit", "dqb_curinodes", "dqb_btime", "dqb_itime" };
	struct k_dqblk q;
	struct hv *v = qdata(d, when, &q, next ? 72 : 68);

	if (v)
		return v;
	v = hv_struct(d);
	for (int k = 0; k < 6; k++)
		hv_add(v, names[k], hv_uint(d, q.lim[k]));
	if (d->o->verbose) {
		hv_add(v, names[6], hv_uint(d, q.lim[6]));
		hv_add(v, names[7], hv_uint(d, q.lim[7]));
		hv_add(v, "dqb_valid", hv_flags_or(d, &xlat_if_dqblk_valid, q.valid, "QIF_???"));
		if (next)
			hv_add(v, "dqb_id", hv_uint(d, q.id));
	} else {
		if (next)
			hv_add(v, "dqb_id", hv_uint(d, q.id));
		hv_add(v, NULL, hv_more(d));
	}
	return v;
}

/* struct fs_disk_quota, include/uapi/linux/dqblk_xfs.h */
struct k_fs_disk_quota {
	int8_t d_version, d_flags;
	uint16_t d_fieldmask;
	uint32_t d_id;
	uint64_t d_blk_hardlimit, d_blk_softlimit, d_ino_hardlimit, d_ino_softlimit, d_bcount, d_icount;
	int32_t d_itimer, d_btimer;
	uint16_t d_iwarns, d_bwarns;
	int8_t d_itimer_hi, d_btimer_hi, d_rtbtimer_hi, d_padding2;
	uint64_t d_rtb_hardlimit, d_rtb_softlimit, d_rtbcount;
	int32_t d_rtbtimer;
	uint16_t d_rtbwarns;
	int16_t d_padding3;
	char d_padding4[8];
};
_Static_assert(sizeof(struct k_fs_disk_quota) == 112, "struct fs_disk_quota");

static struct hv *fs_disk_quota(struct dctx *d, int when)
{
	struct k_fs_disk_quota q;
	struct hv *v = qdata(d, when, &q, sizeof(q));

	if (v)
		return v;
	v = hv_struct(d);
	hv_add(v, "d_version", hv_int(d, q.d_version));
	hv_add(v, "d_flags", hv_flags_or(d, &xlat_xfs_dqblk_flags, (uint8_t)q.d_flags, "FS_???_QUOTA"));
	hv_add(v, "d_fieldmask", hv_hex(d, q.d_fieldmask));
	hv_add(v, "d_id", hv_uint(d, q.d_id));
	hv_add(v, "d_blk_hardlimit", hv_uint(d, q.d_blk_hardlimit));
	hv_add(v, "d_blk_softlimit", hv_uint(d, q.d_blk_softlimit));
	hv_add(v, "d_ino_hardlimit", hv_uint(d, q.d_ino_hardlimit));
	hv_add(v, "d_ino_softlimit", hv_uint(d, q.d_ino_softlimit));
	hv_add(v, "d_bcount", hv_uint(d, q.d_bcount));
	hv_add(v, "d_icount", hv_uint(d, q.d_icount));
	if (!d->o->verbose) {
		hv_add(v, NULL, hv_more(d));
		return v;
	}
	hv_add(v, "d_itimer", hv_int(d, q.d_itimer));
	hv_add(v, "d_btimer", hv_int(d, q.d_btimer));
	hv_add(v, "d_iwarns", hv_uint(d, q.d_iwarns));
	hv_add(v, "d_bwarns", hv_uint(d, q.d_bwarns));
	hv_add(v, "d_rtb_hardlimit", hv_uint(d, q.d_rtb_hardlimit));
	hv_add(v, "d_rtb_softlimit", hv_uint(d, q.d_rtb_softlimit));
	hv_add(v, "d_rtbcount", hv_uint(d, q.d_rtbcount));
	hv_add(v, "d_rtbtimer", hv_int(d, q.d_rtbtimer));
	hv_add(v, "d_rtbwarns", hv_uint(d, q.d_rtbwarns));
	return v;
}

/* A u32 behind the data pointer, as [NAME|NAME] (Q_GETFMT, Q_XQUOTAON/OFF, Q_XQUOTARM). */
static struct hv *qword(struct dctx *d, int when, const struct xlat *x, const char *dflt, bool flags)
{
	uint32_t w;
	struct hv *v = qdata(d, when, &w, sizeof(w));

	if (v)
		return v;
	v = hv_array(d);
	hv_add(v, NULL, flags ? hv_flags_or(d, x, w, dflt) : hv_sym_or(d, x, w, dflt));
	return v;
}

/* Q_QUOTAON's path: from the fixed-size capture, when its NUL is there. */
static struct hv *qpath(struct dctx *d)
{
	const struct event_blob *b = event_blob(d->ev, 3, HY_AT_ENTER, 0);
	struct hv *v = v_unread(d, 3, b);

	if (v)
		return v;
	const char *z = memchr(b->data, '\0', b->h.len);

	if (!z)
		return v_ptr(d, 3);
	v = hv_str(d, b->data, (size_t)(z - (const char *)b->data), false);
	v->flags |= HVF_STRNUL;
	return v;
}

/* The arguments after the command (and special/fd), as strace's decode_cmd_data. */
static void qargs(struct dctx *d, uint32_t cmd, uint32_t id)
{
	switch (cmd) {
	case HY_Q_QUOTAOFF:
	case HY_Q_SYNC:
	case HY_Q_XQUOTASYNC:
		return;
	case HY_Q_QUOTAON:
		arg(d, hv_sym_or(d, &xlat_quota_formats, id, "QFMT_VFS_???"));
		return arg(d, qpath(d));
	case HY_Q_GETQUOTA:
	case HY_Q_GETNEXTQUOTA:
	case HY_Q_XGETQUOTA:
	case HY_Q_XGETNEXTQUOTA:
		arg(d, hv_qid(d, id));
		if (!d->exiting)
			return d_pending(d);
		if (cmd == HY_Q_GETQUOTA || cmd == HY_Q_GETNEXTQUOTA)
			return arg(d, dqblk(d, HY_AT_EXIT, cmd == HY_Q_GETNEXTQUOTA));
		return arg(d, fs_disk_quota(d, HY_AT_EXIT));
	case HY_Q_SETQUOTA:
		arg(d, hv_qid(d, id));
		return arg(d, dqblk(d, HY_AT_ENTER, false));
	case HY_Q_XSETQLIM:
		arg(d, hv_qid(d, id));
		return arg(d, fs_disk_quota(d, HY_AT_ENTER));
	case HY_Q_GETFMT:
		if (!d->exiting)
			return d_pending(d);
		return arg(d, qword(d, HY_AT_EXIT, &xlat_quota_formats, "QFMT_VFS_???", false));
	case HY_Q_GETINFO:
	case HY_Q_SETINFO: {
		struct { uint64_t bgrace, igrace; uint32_t flags, valid; } q;
		int when = cmd == HY_Q_GETINFO ? HY_AT_EXIT : HY_AT_ENTER;
		struct hv *v;

		if (cmd == HY_Q_GETINFO && !d->exiting)
			return d_pending(d);
		v = qdata(d, when, &q, sizeof(q));
		if (!v) {
			v = hv_struct(d);
			hv_add(v, "dqi_bgrace", hv_uint(d, q.bgrace));
			hv_add(v, "dqi_igrace", hv_uint(d, q.igrace));
			hv_add(v, "dqi_flags", hv_flags_or(d, &xlat_if_dqinfo_flags, q.flags, "DQF_???"));
			hv_add(v, "dqi_valid", hv_flags_or(d, &xlat_if_dqinfo_valid, q.valid, "IIF_???"));
		}
		return arg(d, v);
	}
	case HY_Q_XGETQSTAT:
	case HY_Q_XGETQSTATV:	/* fs_quota_stat(v) is not decoded: its address */
		if (!d->exiting)
			return d_pending(d);
		return arg(d, v_ptr(d, 3));
	case HY_Q_XQUOTAON:
	case HY_Q_XQUOTAOFF:
		return arg(d, qword(d, HY_AT_ENTER, &xlat_xfs_quota_flags, "FS_QUOTA_???", true));
	case HY_Q_XQUOTARM:
		return arg(d, qword(d, HY_AT_ENTER, &xlat_xfs_dqblk_flags, "FS_???_QUOTA", true));
	default:
		arg(d, hv_qid(d, id));
		return arg(d, v_ptr(d, 3));
	}
}

void dec_quotactl(struct dctx *d)
{
	uint32_t q = d_ui(d, 0);

	arg(d, hv_qcmd(d, q));
	arg(d, v_path(d, 1));
	qargs(d, q >> SUBCMDSHIFT_V, d_ui(d, 2));
}

void dec_quotactl_fd(struct dctx *d)
{
	uint32_t q = d_ui(d, 1);

	arg(d, v_fd(d, 0));
	arg(d, hv_qcmd(d, q));
	qargs(d, q >> SUBCMDSHIFT_V, d_ui(d, 2));
}
