/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* symbol.h: code addresses of traced processes turned into module, function+offset, file:line. */
#ifndef HY_SYMBOL_H
#define HY_SYMBOL_H

/*
 * The symbol layer (user/symbol/), built on elfutils (libelf, libdw, libdwfl):
 *
 * - per process (tgid): a map of its file-backed mappings, seeded from /proc/TGID/maps when the
 *   process is first looked up, and kept current either from the calls a backend sees
 *   (sym_mmap, sym_munmap, sym_mprotect, sym_exec, sym_fork, sym_exit: the eBPF side, whose
 *   records may arrive after the process is gone) or by sym_invalidate, which makes the next
 *   lookup read /proc/TGID/maps again (the ptrace side, whose tracee is stopped and alive);
 * - per file: the ELF image, its build-id, symbols from .symtab/.dynsym and, when installed,
 *   separate debug info (/usr/lib/debug/.build-id/NN/REST.debug, or the .gnu_debuglink under
 *   /usr/lib/debug; debuginfod is never asked), shared by every process and every mapping of
 *   the same file; results cached per (file, address);
 * - the live unwinder for a ptrace-stopped thread (libdwfl's DWARF CFI unwinder, as strace's
 *   libdw unwinder does).
 *
 * Nothing here prints: a failure is a return value, and a frame that could not be named is
 * a frame with flags saying why.  Not thread-safe: one symbolizer per consumer thread.
 */

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* struct sym_frame.flags */
#define SYM_F_NO_MODULE	0x01	/* pc lies in no executable file-backed mapping: module NULL */
#define SYM_F_NO_SYMBOL	0x02	/* module known, no function symbol holds pc: func NULL */
#define SYM_F_CALLER	0x04	/* pc is a return address (named by pc - 1, offsets from pc) */
#define SYM_F_TRUNC	0x08	/* a marker, not a frame: the stack was cut at --stack-depth */
#define SYM_F_ERROR	0x10	/* a marker, not a frame: unwinding failed or stack data was
				   lost here (err says why; pc the last address, or 0) */

struct sym_frame {
	uint64_t pc;		/* the address as captured */
	const char *module;	/* path of the mapped file as the process maps it, or NULL */
	const char *func;	/* function name, demangled (C++, Rust), or NULL */
	uint64_t func_off;	/* pc - start of func */
	uint64_t mod_off;	/* pc's offset in the module's file (strace -k's [0x...]) */
	const char *file;	/* source file from DWARF line info (SYM_L_LINE), or NULL */
	unsigned int line;	/* its line, 0 if none */
	unsigned int flags;	/* SYM_F_* */
	int err;		/* SYM_F_ERROR: -errno of the failure */
};
/* The strings of a sym_frame stay valid until sym_free(). */

/* sym_lookup() flags */
#define SYM_L_CALLER	0x01	/* pc is a return address: name the call instruction before it */
#define SYM_L_LINE	0x02	/* also resolve file:line (DWARF line info, slower) */

struct symbolizer;

/* A new symbolizer, or NULL with errno set. */
struct symbolizer *sym_new(void);
void sym_free(struct symbolizer *s);

/* -- the process maps ------------------------------------------------------------------------ */

/*
 * A mapping of len bytes at start, of file path (NULL: anonymous) from file offset pgoff,
 * with PROT_* prot: replaces whatever tgid had mapped there (as mmap does).  0 or -errno.
 */
int sym_mmap(struct symbolizer *s, pid_t tgid, uint64_t start, uint64_t len, uint64_t pgoff,
	     unsigned int prot, const char *path);
/* munmap(start, len) in tgid.  0 or -errno. */
int sym_munmap(struct symbolizer *s, pid_t tgid, uint64_t start, uint64_t len);
/* mprotect(start, len, prot) in tgid (only PROT_EXEC matters here).  0 or -errno. */
int sym_mprotect(struct symbolizer *s, pid_t tgid, uint64_t start, uint64_t len,
		 unsigned int prot);
/* tgid exec'd: its old maps are gone; the next lookup reads /proc/TGID/maps. */
void sym_exec(struct symbolizer *s, pid_t tgid);
/* child (a new process, not a thread) starts with a copy of parent's maps.  0 or -errno. */
int sym_fork(struct symbolizer *s, pid_t parent, pid_t child);
/* tgid is gone: forget its maps. */
void sym_exit(struct symbolizer *s, pid_t tgid);
/* The maps of tgid may have changed: read /proc/TGID/maps again before the next lookup. */
void sym_invalidate(struct symbolizer *s, pid_t tgid);
/* Read /proc/TGID/maps now (a process first seen).  0 or -errno (-ESRCH: gone). */
int sym_seed(struct symbolizer *s, pid_t tgid);
/* Whether [start, start + len) touches an executable mapping of tgid (true if unknown). */
bool sym_maps_exec(struct symbolizer *s, pid_t tgid, uint64_t start, uint64_t len);

/* -- lookups --------------------------------------------------------------------------------- */

/*
 * Name pc in process tgid (SYM_L_* flags).  0 with *f filled (SYM_F_NO_MODULE or
 * SYM_F_NO_SYMBOL when it could not be named: never a failure), or -errno (-ENOMEM).
 */
int sym_lookup(struct symbolizer *s, pid_t tgid, uint64_t pc, unsigned int flags,
	       struct sym_frame *f);

/*
 * A captured stack (HY_ARG_STACK: pcs[0] the PC, the rest return addresses) into n frames
 * in out, plus one marker frame when trunc (SYM_F_TRUNC) or err (SYM_F_ERROR): out has room
 * for n + 1.  Returns the number of frames written, or -errno.
 */
int sym_lookup_stack(struct symbolizer *s, pid_t tgid, const uint64_t *pcs, unsigned int n,
		     bool trunc, int err, unsigned int flags, struct sym_frame *out);

/* -- unwinding --------------------------------------------------------------------------------- */

/*
 * The user stack of thread tid of process tgid, which must be ptrace-stopped: at most max
 * addresses into pcs, innermost first (pcs[0] the PC, then return addresses).  Returns the
 * number of addresses and sets *err: 0 (the whole stack), -E2BIG (cut at max: more frames
 * remained) or the -errno that ended the walk early: -ENOENT (no unwind information past the
 * last frame), -EIO (not even the first frame), -ESRCH (the process could not be attached).
 */
int sym_unwind_live(struct symbolizer *s, pid_t tgid, pid_t tid, uint64_t *pcs,
		    unsigned int max, int *err);

/* What a SYM_F_ERROR marker's err means, for every output ("no unwind information ..."). */
const char *sym_strerror(int err);

/* -- counters (for --debug and the benchmarks) -------------------------------------------- */

struct sym_stats {
	uint64_t lookups;	/* sym_lookup calls */
	uint64_t cache_hits;	/* answered from the per-file address cache */
	uint64_t maps_reads;	/* /proc/TGID/maps read */
	uint64_t files;		/* ELF files opened */
	uint64_t unwinds;	/* sym_unwind_live calls */
};
void sym_get_stats(const struct symbolizer *s, struct sym_stats *st);

#endif
