// SPDX-License-Identifier: LGPL-2.1-or-later
/* dumpio.c: -e read=SET / -e write=SET: hex dumps of the data a call read or wrote. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/socket.h>
#include "dumpio.h"

enum dumpio_dir dumpio_dir(long nr)
{
	switch (nr) {
	case SYS_read: case SYS_pread64: case SYS_recvfrom: case SYS_mq_timedreceive:
	case SYS_readv: case SYS_preadv: case SYS_preadv2: case SYS_recvmsg:
		return DUMPIO_READ;
	case SYS_write: case SYS_pwrite64: case SYS_sendto: case SYS_mq_timedsend:
	case SYS_writev: case SYS_pwritev: case SYS_pwritev2: case SYS_vmsplice: case SYS_sendmsg:
		return DUMPIO_WRITE;
	default:
		return DUMPIO_NONE;
	}
}

/*
 * strace's dumpstr() (src/util.c, 6.1): 16 bytes a line, " | OFFSET  ", the bytes in hex in two
 * groups of 8, then the printable ones (others as '.'), padded, and " |".  The offset has 5 hex
 * digits, or 1 + floor(log2(total - 1)) / 4 when the buffer is longer than 0x100000 bytes
 * (total: the length of the whole buffer, not of the part shown).
 */
static void dump_bytes(struct sbuf *sb, const uint8_t *p, uint64_t n, uint64_t total)
{
	static const char hex[] = "0123456789abcdef";
	int width = 5;

	if (total > 0x100000)
		width = 1 + (63 - __builtin_clzll(total - 1)) / 4;
	for (uint64_t off = 0; off < n; off += 16) {
		char line[128];
		size_t k = 0;

		k += (size_t)snprintf(line, sizeof(line), " | %0*llx  ", width,
				      (unsigned long long)off);
		for (unsigned int i = 0; i < 16; i++) {
			if (off + i < n) {
				line[k++] = hex[p[off + i] >> 4];
				line[k++] = hex[p[off + i] & 15];
				line[k++] = ' ';
			} else {
				memcpy(line + k, "   ", 3);
				k += 3;
			}
			if (i == 7)
				line[k++] = ' ';
		}
		line[k++] = ' ';
		for (unsigned int i = 0; i < 16; i++) {
			uint8_t c = off + i < n ? p[off + i] : ' ';

			line[k++] = off + i < n && (c < 0x20 || c > 0x7e) ? '.' : (char)c;
		}
		memcpy(line + k, " |\n", 3);
		k += 3;
		sb_putn(sb, line, k);
	}
}

/* strace's dumpstr() reads the buffer in chunks of this many bytes (DUMPSTR_BUF_MAXSZ) */
#define DUMP_FETCH	65536u

/*
 * One buffer of want bytes from blob b (NULL: not captured), with a mark if it is short.  A
 * blob whose read stopped at unreadable memory (HY_BF_FAULT, or err) is shown as strace shows
 * it: its 64 KiB chunks read whole, then " | <Cannot fetch N bytes from pid TID @ADDR>" for
 * the chunk that failed; nothing at all when the first chunk failed.
 */
static void dump_blob(struct sbuf *sb, const struct event_blob *b, uint64_t want, const char *limit,
		      uint32_t tid)
{
	if (!b) {
		sb_printf(sb, " | ... no dump: the buffer of %llu bytes was not captured |\n",
			  (unsigned long long)want);
		return;
	}
	if (!want)
		return;
	uint64_t have = b->h.err ? 0 : b->h.len < want ? b->h.len : want;

	if (have < want && (b->h.err || (b->h.flags & HY_BF_FAULT))) {
		uint64_t shown = have / DUMP_FETCH * DUMP_FETCH;
		uint64_t miss = want - shown < DUMP_FETCH ? want - shown : DUMP_FETCH;

		if (!shown)	/* strace: the first chunk unreadable, no dump at all */
			return;
		dump_bytes(sb, b->data, shown, want);
		sb_printf(sb, " | <Cannot fetch %llu byte%s from pid %u @%#llx>\n",
			  (unsigned long long)miss, miss == 1 ? "" : "s", tid,
			  (unsigned long long)(b->h.addr + shown));
		return;
	}
	dump_bytes(sb, b->data, have, want);
	if (have < want)
		sb_printf(sb, " | ... dump cut: %llu of %llu bytes captured (%s) |\n",
			  (unsigned long long)have, (unsigned long long)want,
			  (b->h.flags & HY_BF_RING_FULL) ? "the ring was full: events lost" : limit);
}

/*
 * The bytes to dump for argument arg's buffer idx: the whole-buffer capture the eBPF side
 * sends for a dumped call (HY_ARG_DUMP, idx: which buffer) when there is one, else the
 * argument's own capture.
 */
static const struct event_blob *dump_src(const struct event *ev, int arg, int when, int idx)
{
	for (unsigned int i = 0; i < ev->nblobs; i++)
		if (ev->b[i].h.arg == HY_ARG_DUMP && ev->b[i].h.idx == idx)
			return &ev->b[i];
	return event_blob(ev, arg, when, idx);
}

/*
 * strace's dumpiov_upto(): each buffer of the iovec array (blob idx iov_idx, the buffers at
 * first + i), at most size bytes in all (-1: all), as " * N bytes in buffer I" and its dump.
 */
static void dump_iov(struct sbuf *sb, const struct event *ev, int arg, int when, int iov_idx,
		     int first, uint64_t size, const char *limit)
{
	const struct event_blob *a = event_blob(ev, arg, when, iov_idx);

	if (!a || a->h.err) {	/* strace: an unreadable iovec array shows nothing */
		if (!a)
			dump_blob(sb, a, size, limit, ev->r.tid);
		return;
	}
	size_t n = a->h.len / sizeof(struct iovec);

	for (size_t i = 0; i < n; i++) {
		struct iovec iov;

		memcpy(&iov, a->data + i * sizeof(iov), sizeof(iov));
		uint64_t len = iov.iov_len < size ? iov.iov_len : size;

		if (!len)	/* strace stops at the first empty buffer */
			break;
		size -= len;
		sb_printf(sb, " * %llu bytes in buffer %zu\n", (unsigned long long)len, i);
		dump_blob(sb, dump_src(ev, arg, when, first + (int)i), len, limit, ev->r.tid);
	}
}

void dumpio_render(struct sbuf *sb, const struct event *ev, const char *limit)
{
	const struct hy_rec *r = &ev->r;
	enum dumpio_dir dir = dumpio_dir(r->nr);
	int when = dir == DUMPIO_READ ? HY_AT_EXIT : HY_AT_ENTER;

	/* as strace: what was to be written is dumped even when the call failed; what was read
	 * only when it succeeded */
	if (dir == DUMPIO_NONE || (r->flags & HY_F_NO_EXIT) ||
	    (dir == DUMPIO_READ && r->ret < 0 && r->ret >= -4095 &&
	     !(r->flags & HY_F_INJ_RETVAL)))
		return;
	switch (r->nr) {
	case SYS_read: case SYS_pread64: case SYS_recvfrom: case SYS_mq_timedreceive:
		if (r->ret > 0)
			dump_blob(sb, dump_src(ev, 1, when, 0), (uint64_t)r->ret, limit, r->tid);
		break;
	case SYS_write: case SYS_pwrite64: case SYS_sendto: case SYS_mq_timedsend:
		if (r->args[2])	/* strace dumps what was asked to be written */
			dump_blob(sb, dump_src(ev, 1, when, 0), r->args[2], limit, r->tid);
		break;
	case SYS_readv: case SYS_preadv: case SYS_preadv2:
		dump_iov(sb, ev, 1, when, 0, 1, r->ret > 0 ? (uint64_t)r->ret : 0, limit);
		break;
	case SYS_writev: case SYS_pwritev: case SYS_pwritev2: case SYS_vmsplice:
		dump_iov(sb, ev, 1, when, 0, 1, UINT64_MAX, limit);
		break;
	case SYS_recvmsg:
		dump_iov(sb, ev, 1, when, 3, 4, r->ret > 0 ? (uint64_t)r->ret : 0, limit);
		break;
	case SYS_sendmsg:
		dump_iov(sb, ev, 1, when, 3, 4, UINT64_MAX, limit);
		break;
	default:
		break;
	}
}
