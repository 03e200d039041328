// SPDX-License-Identifier: LGPL-2.1-or-later
/* sink.c: what every sink shares: per-task state, output file flags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sink.h"

void *sink_task(struct sink *s, struct task *t)
{
	void **slot = &t->sink_state[s->idx];

	if (!*slot) {
		*slot = calloc(1, s->ops->task_size);
		if (!*slot) {
			fputs("hytrace: out of memory\n", stderr);
			abort();
		}
	}
	return *slot;
}

unsigned int sink_outfile_flags(const struct opts *o)
{
	return (o->all || o->private_out ? OUTF_PRIVATE : 0) | (o->append ? OUTF_APPEND : 0);
}

static void put_hex(struct sbuf *sb, uint64_t v)
{
	if (v)
		sb_putx(sb, v);
	else
		sb_puts(sb, "0x0");	/* printf's "0x%lx", as strace prints it */
}

/*
 * As strace 6.1 -k prints frames (src/unwind.c, unwind-libunwind.c): "MODULE(FUNC+0xOFF)
 * [0xFILEOFF]", "MODULE() [0xFILEOFF]" without a symbol, "unexpected_backtracing_error
 * [0xADDR]" outside any executable mapping, "too many stack frames" when cut.  A failed
 * unwind (strace's libunwind build stops silently) says so on a line of its own.
 */
void sink_frame_text(struct sbuf *sb, const struct sym_frame *f)
{
	if (f->flags & SYM_F_TRUNC) {
		sb_puts(sb, "too many stack frames");
		return;
	}
	if (f->flags & SYM_F_ERROR) {
		sb_puts(sb, "backtrace stopped: ");
		sb_puts(sb, sym_strerror(f->err));
		return;
	}
	if (!f->module) {
		sb_puts(sb, "unexpected_backtracing_error [");
		put_hex(sb, f->pc);
		sb_puts(sb, "]");
		return;
	}
	sb_puts(sb, f->module);
	sb_putc(sb, '(');
	if (f->func) {
		sb_puts(sb, f->func);
		sb_putc(sb, '+');
		put_hex(sb, f->func_off);
	}
	sb_puts(sb, ") [");
	put_hex(sb, f->mod_off);
	sb_puts(sb, "]");
}
