/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* decode.h: the value tree and the helpers every syscall decoder uses. */
/*
 * A decoder turns one event (struct event: registers and captured blobs) into
 * a value tree: the list of arguments, the return value and an optional note
 * on the return value.  Decoders are pure: they read only the event, never the
 * traced process, and they never print.  The sinks render the tree.
 *
 * A decoder is called twice for a call that is seen starting before it ends
 * (HY_REC_ENTER, then HY_REC_SYSCALL): first with d->exiting == false, when it
 * adds only the arguments known at entry and then returns (calling
 * d_pending(d) if output arguments follow), then with d->exiting == true for
 * the whole call.  Arguments known at entry must render the same both times.
 */
#ifndef HY_DECODE_H
#define HY_DECODE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "dopts.h"
#include "event.h"
#include "sysent.h"
#include "xlat.h"

enum hv_kind {
	HV_INT,		/* signed decimal (i) */
	HV_UINT,	/* unsigned decimal (u) */
	HV_HEX,		/* 0x... (0 prints as 0) */
	HV_OCT,		/* 0... octal, as strace prints modes (0 prints as 000 when HVF_OCT3) */
	HV_PTR,		/* an address: NULL or 0x... */
	HV_SYM,		/* a named constant or a flag set: text, raw value in u */
	HV_STR,		/* byte string text/len, quoted by the sink; HVF_TRUNC adds "..." */
	HV_FD,		/* fd i; text is its path (-y) or NULL */
	HV_STRUCT,	/* {name=value, ...}: children carry names */
	HV_ARRAY,	/* [a, b, ...] (HVF_SPACES: [A B], as strace prints signal sets) */
	HV_EXPR,	/* verbatim text: htons(80), inet_addr("1.2.3.4"), WIFEXITED(s) && ... */
	HV_MORE,	/* "..." : the rest is abbreviated (no -v) or cut */
	HV_CHANGED,	/* child => child->next: value at entry, then at exit */
	HV_PENDING,	/* not used in trees: see d_pending() */
};

/* struct hv.flags */
#define HVF_TRUNC	0x01	/* HV_STR: longer than shown: "..." follows the closing quote */
#define HVF_SPACES	0x02	/* HV_ARRAY: elements separated by spaces */
#define HVF_NOT		0x04	/* HV_ARRAY: printed as ~[...] (complement of a set) */
#define HVF_OCT3	0x08	/* HV_OCT: at least three digits (modes: 000, 0644) */
#define HVF_NUM		0x10	/* HV_EXPR/HV_SYM: u is meaningful as a number for JSON */
#define HVF_NOQUOTE	0x20	/* HV_STR: print without quotes (paths in -y fd decoration) */
#define HVF_STRNUL	0x40	/* HV_STR: came from a NUL-terminated string */
#define HVF_ATCWD	0x80	/* HV_FD: AT_FDCWD, printed by name (its path is the cwd) */
#define HVF_FDRAW	0x100	/* HV_FD: text is preformatted (-yy socket details): no escaping */
/* how -X raw / -X verbose print the number u of an HVF_NUM node (hex when neither is set) */
#define HVF_NUMDEC	0x200	/* signed decimal (signals, AT_FDCWD, enums strace prints with %d) */
#define HVF_NUMOCT	0x400	/* octal (modes) */
#define HVF_NUMUDEC	0x1000	/* unsigned decimal (sizes: rlimits) */
#define HVF_NUM32	0x2000	/* hex of an int: 0xfffffffa (si_code SI_TKILL) */
#define HVF_GLUE	0x8000	/* printed right after the previous sibling, no separator between
				   (an index's "=value" after "[I]", a trailing comment) */
#define HVF_INDEX	0x10000	/* HV_SYM: "[key]=value" array element (strace's PAF_PRINT_INDICES):
				   key u named text (NULL: unknown, comment says so), value child */
#define HVF_SIGSET	0x800	/* HV_EXPR: a signal set [INT RTMIN]: raw -X prints the numbers */
#define HVF_XCOMMENT	0x4000	/* the comment names the number (strace's verbose xlat), is a
				   table's text for unknown values (IORING_OP_???) or explains the
				   number (clock ticks as seconds): not with -X raw */

/* HV_EXPR: -X raw / -X verbose print child instead (its own name, else this one's; its
 * HVF_XCOMMENT comment with -X verbose; child->next, if any, is the -X verbose form):
 * htons(80) as "\x00\x50", if_nametoindex("lo") as 1 */
#define HVF_XALT	0x20000

/*
 * struct hv.pidt: what kind of pid an integer node is (strace 6.1's enum pid_type), so that
 * --pidns-translation can add the pid in hytrace's namespace after it; HVP_TGID_PGID is
 * kill()'s and wait4()'s: a process when positive, a process group (-N) below -1.
 */
enum hv_pid_type { HVP_NONE, HVP_TID, HVP_TGID, HVP_PGID, HVP_SID, HVP_TGID_PGID };

struct hv {
	uint8_t kind;		/* enum hv_kind */
	uint8_t pidt;		/* enum hv_pid_type: HVP_NONE but for pids */
	uint32_t flags;		/* HVF_* */
	uint32_t len;		/* HV_STR: bytes in text; HV_STRUCT/HV_ARRAY: children */
	const char *name;	/* member name inside a struct, or NULL */
	const char *text;	/* HV_SYM, HV_EXPR, HV_STR bytes, HV_FD path */
	const char *comment;	/* printed after the value as / * comment * /, or NULL */
	union {
		int64_t i;
		uint64_t u;
	};
	struct hv *child, *last, *next;
};

/* A bump allocator for value trees; reset once per event. */
struct arena {
	struct arena_chunk *head, *cur;
	char *next, *end;	/* the free part of cur: arena_alloc's inline path takes from it */
};
void *arena_alloc_slow(struct arena *a, size_t n);
/* n bytes, 16-byte aligned, until arena_reset: inline while cur has room (most calls) */
static inline void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if ((size_t)(a->end - a->next) >= n) {
		void *p = a->next;

		a->next += n;
		return p;
	}
	return arena_alloc_slow(a, n);
}
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "x" sep "y" (as arena_printf "%s|%s", without printf's cost); x and y not NULL. */
char *arena_join(struct arena *a, const char *x, char sep, const char *y);
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

struct dctx {
	const struct event *ev;
	const struct sysent *se;	/* NULL for unknown syscall numbers */
	const struct dopts *o;
	struct arena *ar;
	bool exiting;		/* false: only entry data is there (HY_REC_ENTER) */
	bool pending;		/* set by d_pending(): more arguments follow at exit */
	struct hv *args;	/* HV_ARRAY of the arguments, built by the decoder */
	struct hv *ret;		/* the return value, when the decoder sets one */
	struct hv *ret_note;	/* printed after the return value in parentheses */
	bool ret_is_error;	/* set by d_decode: ret is -errno */
	/*
	 * The NVIDIA driver's major version reported by NV_ESC_CHECK_VERSION_STR in this
	 * process (nv_version_major() in decoders/ioctl/nvidia.h), or 0: set by the pipeline,
	 * it picks struct layouts that changed between driver versions (NVOS47 in 550).
	 */
	unsigned int nv_major;
};

/* Decode ev into d (d->o and d->ar set by the caller).  exiting as for dctx. */
void d_decode(struct dctx *d, const struct event *ev, bool exiting);
/* Decode the siginfo of a HY_REC_SIGNAL record into d->args (one struct), or an empty list. */
void decode_siginfo(struct dctx *d, const struct event *ev);
/* A siginfo_t of len bytes as a struct node (shared with rt_sigtimedwait, waitid...). */
struct hv *hv_siginfo(struct dctx *d, const void *data, size_t len);
/* A signal set of bytes bytes (at most 8 used): [INT QUIT], [], ~[RTMIN RT_1] (signal.c). */
struct hv *hv_sigset(struct dctx *d, const void *mask, size_t bytes);
/* Every argument raw, in hex (strace's printargs): -e raw=, unknown syscall numbers. */
void dec_printargs(struct dctx *d);
/* The decoder of syscalls without one of their own: each argument by its kernel type
 * (d->se->argtypes, from decoders/syscall_types_ARCH.tbl), as strace prints undecoded types. */
void dec_generic(struct dctx *d);
/* Argument i printed as type t (AT_NONE: hex). */
struct hv *v_typed(struct dctx *d, int i, enum arg_type t);

/* -- raw access ------------------------------------------------------------ */
static inline uint64_t d_u(const struct dctx *d, int i) { return d->ev->r.args[i]; }
static inline int64_t d_l(const struct dctx *d, int i) { return (int64_t)d->ev->r.args[i]; }
static inline int d_i(const struct dctx *d, int i) { return (int)d->ev->r.args[i]; }
static inline unsigned int d_ui(const struct dctx *d, int i) { return (unsigned int)d->ev->r.args[i]; }
static inline int64_t d_ret(const struct dctx *d) { return d->ev->r.ret; }
/* True when the call failed (ret is -errno) or did not return. */
bool d_failed(const struct dctx *d);
/*
 * Fetch a fixed-size object captured for argument i (exit capture preferred):
 * copies min(size, captured) bytes into buf, zero-fills the rest.
 * Returns the blob, or NULL when nothing was captured or the read failed.
 */
const struct event_blob *d_fetch(const struct dctx *d, int i, void *buf, size_t size);
struct hv *v_struct_tail(struct dctx *d, const struct event_blob *b, size_t known, uint64_t usize);
/* Same, for a capture made at a given time (HY_AT_ENTER / HY_AT_EXIT), element idx. */
const struct event_blob *d_fetch_at(const struct dctx *d, int i, int when, int idx, void *buf,
				    size_t size);

/* True when the read of b stopped at unreadable memory (HY_BF_FAULT): only b->h.len bytes. */
static inline bool b_fault(const struct event_blob *b)
{
	return b->h.flags & HY_BF_FAULT;
}

/* -- building nodes --------------------------------------------------------- */
struct hv *hv_new(struct dctx *d, enum hv_kind kind);
struct hv *hv_int(struct dctx *d, int64_t v);
struct hv *hv_uint(struct dctx *d, uint64_t v);
struct hv *hv_hex(struct dctx *d, uint64_t v);
struct hv *hv_oct(struct dctx *d, uint64_t v);	/* 0644, 0 prints as 0 */
struct hv *hv_mode(struct dctx *d, uint64_t v);	/* 0644, 0 prints as 000 */
struct hv *hv_ptr(struct dctx *d, uint64_t v);
struct hv *hv_expr(struct dctx *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct hv *hv_str(struct dctx *d, const void *data, size_t len, bool trunc);
/* An enum value: its name, or the number (hex if hex) with the table's unknown comment. */
struct hv *hv_sym(struct dctx *d, const struct xlat *x, uint64_t v, bool hex);
/* An enum value; unknown values print as the number with dflt as comment (NULL: none). */
struct hv *hv_sym_or(struct dctx *d, const struct xlat *x, uint64_t v, const char *dflt);
/* A flag set: A|B|0x40, or "0"; a table entry of value 0 prints when v is 0. */
struct hv *hv_flags(struct dctx *d, const struct xlat *x, uint64_t v);
/* Flags text for v with the names in x, or NULL if v is 0 and x has no zero name. */
char *flags_text(struct dctx *d, const struct xlat *x, uint64_t v);
struct hv *hv_fd(struct dctx *d, int fd, const char *path);
struct hv *hv_struct(struct dctx *d);
struct hv *hv_array(struct dctx *d);
struct hv *hv_more(struct dctx *d);
/* "... / * 0x7f.. * /": array element at addr could not be read (strace's print_array). */
struct hv *hv_more_at(struct dctx *d, uint64_t addr);
struct hv *hv_changed(struct dctx *d, struct hv *before, struct hv *after);
/* Append child to a struct (with member name) or an array (name NULL); returns child. */
struct hv *hv_add(struct hv *parent, const char *name, struct hv *child);
/* Attach a comment: "v / * text * /". Returns v. */
struct hv *hv_comment(struct dctx *d, struct hv *v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* -- arguments ---------------------------------------------------------------
 * v_* build the node for argument i from the event; arg() appends it.
 */
void arg(struct dctx *d, struct hv *v);
/* At entry: stop here; the following arguments are printed at exit. */
void d_pending(struct dctx *d);

struct hv *v_int(struct dctx *d, int i);	/* int */
struct hv *v_pid(struct dctx *d, int i, enum hv_pid_type t);	/* int, a pid of kind t */
struct hv *hv_pid(struct dctx *d, int64_t pid, enum hv_pid_type t);
struct hv *v_uint(struct dctx *d, int i);	/* unsigned int */
struct hv *v_long(struct dctx *d, int i);	/* long */
struct hv *v_ulong(struct dctx *d, int i);	/* unsigned long / size_t */
struct hv *v_hex(struct dctx *d, int i);
struct hv *v_oct(struct dctx *d, int i);	/* mode_t: 0644 / 000 */
struct hv *v_ptr(struct dctx *d, int i);
struct hv *v_fd(struct dctx *d, int i);	/* fd, with its path under -y */
/* The -y path captured for argument i (HY_ARG_RET: the returned fd), element idx
 * (0, or 1+k for the k-th fd of an array captured with !fds); NULL if none. */
const char *d_fdpath(struct dctx *d, int i, int idx);
/* fd as a node, with what -y/-yy captured for argument i, element idx. */
struct hv *hv_fd_at(struct dctx *d, int fd, int i, int idx);
/* fd as a node, with any -y path captured for that fd number in this call (fds inside structs). */
struct hv *hv_fd_num(struct dctx *d, int fd);
struct hv *v_dirfd(struct dctx *d, int i);	/* AT_FDCWD or an fd */
struct hv *v_path(struct dctx *d, int i);	/* NUL-terminated path: "/etc/passwd" or the address */
struct hv *v_str(struct dctx *d, int i);	/* NUL-terminated string cut at -s */
/* A buffer of len bytes captured for argument i: "data"... (cut at -s), or the address. */
struct hv *v_buf(struct dctx *d, int i, uint64_t len);
/* A NULL-terminated string array (argv): at most -s elements unless -v. */
struct hv *v_strarr(struct dctx *d, int i);
/* envp: the array under -v, else the address with a / * N vars * / comment. */
struct hv *v_envp(struct dctx *d, int i);
struct hv *v_flags(struct dctx *d, int i, const struct xlat *x);	/* unsigned int flags */
struct hv *v_sym(struct dctx *d, int i, const struct xlat *x);	/* int enum */
/* An address whose contents could not be read, or NULL: the node to print, else NULL. */
/* open(2) flags: O_RDONLY|O_CLOEXEC (shared by open, openat, fcntl F_GETFL...). */
struct hv *hv_open_flags(struct dctx *d, uint64_t flags);
struct hv *v_unread(struct dctx *d, int i, const struct event_blob *b);

/* A flag set as strace's printflags: like hv_flags, but a value with no known bit prints as
 * 0x... / * dflt * / (dflt NULL: no comment). */
struct hv *hv_flags_or(struct dctx *d, const struct xlat *x, uint64_t v, const char *dflt);
struct hv *v_flags_or(struct dctx *d, int i, const struct xlat *x, const char *dflt);

/* Time structures (decoders/time.c): {tv_sec=1, tv_nsec=2}, {tv_sec=1, tv_usec=2}. */
struct hv *hv_tspec(struct dctx *d, const int64_t ts[2]);
struct hv *hv_tval(struct dctx *d, const int64_t tv[2]);
/* CLOCK_MONOTONIC, or 0x3039 / * CLOCK_??? * / */
struct hv *hv_clockid(struct dctx *d, int id);
/* The struct captured for argument i at when (HY_AT_*): NULL, the address if unreadable. */
struct hv *v_tspec(struct dctx *d, int i, int when);
struct hv *v_tval(struct dctx *d, int i, int when);
struct hv *v_itspec(struct dctx *d, int i, int when);

/* Signal, errno names (used by several areas). */
const char *signame(int sig);		/* "SIGINT", "SIGRT_3", or NULL */
struct hv *hv_signal(struct dctx *d, int sig);	/* SIGINT, or the number */
const char *errno_name(int err);	/* "ENOENT" or NULL */
const char *errno_text(int err);	/* strerror() text, or strace's text for ERESTART* */

/* -- sockets (decoders/sockaddr.c) ------------------------------------------ */
/* Values of 2, 4 and 8 bytes at p in a captured blob, which need not be aligned. */
static inline uint16_t ld16(const void *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint32_t ld32(const void *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint64_t ld64(const void *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Bytes quoted as the text sink would (honours -x/-xx), quotes included: for HV_EXPR text. */
char *quote_str(struct dctx *d, const void *data, size_t len);
/* Bytes as "\x01\x02" whatever -x says (strace's QUOTE_FORCE_HEX); trunc adds "...". */
struct hv *hv_hexstr(struct dctx *d, const void *data, size_t len, bool trunc);
/* An interface index: if_nametoindex("lo") when the host knows the index, else the number. */
struct hv *hv_ifindex(struct dctx *d, unsigned int idx);
/* inet_addr("1.2.3.4") (af 2) or inet_pton(AF_INET6, "::1", &field) (af 10). */
struct hv *hv_inet_addr(struct dctx *d, int af, const void *addr, const char *field);
/* htons(NAME) for a value in network order named by x (ETH_P_ALL...). */
struct hv *hv_htons_sym(struct dctx *d, const struct xlat *x, uint16_t net);
/* A socket address of len bytes (at most 128 are used) as {sa_family=..., ...}. */
struct hv *hv_sockaddr(struct dctx *d, const void *data, int len);
/* A captured socket address, or the address addr when len < 2 or the read failed. */
struct hv *hv_sockaddr_blob(struct dctx *d, uint64_t addr, const struct event_blob *b, int len);
/* The socket address captured for argument i, len bytes long. */
struct hv *v_sockaddr(struct dctx *d, int i, int len);

#endif
