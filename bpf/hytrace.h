/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* hytrace.h: record layout and capture spec shared by the BPF programs and user space. */
/*
 * Append-only: new fields go at the end of a struct, new enum values at the
 * end of an enum.  Both backends (ptrace and BPF) emit exactly these records,
 * so the decoders and sinks never know which backend produced an event.
 *
 * A record is a struct hy_rec followed by nblobs blobs.  Each blob is a
 * struct hy_blob followed by len bytes of data padded to 8 bytes.
 *
 * Additions, in order (docs/raw-format.md "Record additions"): issue 16 added HY_REC_DUMP,
 * HY_ARG_DUMP and HY_BF_RING_FULL (-e read=/write= dumps of whole buffers); a reader that
 * does not know a blob arg skips that blob.
 */
#ifndef HYTRACE_H
#define HYTRACE_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define HY_COMM_LEN	16
#define HY_NARGS	6
#define HY_MAX_BLOBS	64	/* per record; more become a truncation mark */
#define HY_PATH_MAX	4096	/* PATH_MAX, include/uapi/linux/limits.h */
#define HY_STR_MAX	4096	/* the largest -s that the BPF side honours */
#define HY_ARR_MAX	64	/* array elements captured: argv/envp strings, iovec, pollfd... */
#define HY_PTRS_MAX	4096	/* pointers of a string array followed to count it (envp) */
#define HY_CMDLINE_MAX	1024	/* bytes of argv sent with HY_REC_EXEC */
#define HY_NR_MAX	512	/* syscall numbers covered by the capture map */
#define HY_STACK_DEPTH	64	/* frames of a -k stack by default (--stack-depth) */
#define HY_STACK_DEPTH_MAX 1024	/* the largest --stack-depth */

enum hy_rec_type {
	HY_REC_SYSCALL = 1,	/* a completed syscall: entry and exit */
	HY_REC_ENTER = 2,	/* entry of a call that may block; HY_REC_SYSCALL follows */
	HY_REC_SIGNAL = 3,	/* signal delivered: nr = signo, siginfo blob on HY_ARG_SIGINFO */
	HY_REC_EXIT = 4,	/* task exited: nr = code or signal (HY_F_KILLED, HY_F_CORE) */
	HY_REC_FORK = 5,	/* new task (the record is the child's): args[0] = child tid,
				   args[1] = child tgid, args[2] = parent tid, args[3] = parent tgid */
	HY_REC_EXEC = 6,	/* exec done: args[0] = old tid (exec from a thread); blob
				   HY_ARG_EXTRA: the new argv, NUL-separated (at most HY_CMDLINE_MAX) */
	HY_REC_LOST = 7,	/* args[0] = count, args[1] = enum hy_lost_reason, args[2] = the
				   process whose events they were (0: unknown), args[3] = 1 when
				   other processes lost some too */
	HY_REC_DETACH = 8,	/* task detached (-p ends, or tracer stops) */
	HY_REC_SIGSTOP = 9,	/* group-stop: nr = signo ("--- stopped by SIGSTOP ---") */
	HY_REC_MAPS = 10,	/* -k, eBPF: the mappings an exec made (program, interpreter),
				   just before its HY_REC_EXEC: args[0] start_code, args[1]
				   end_code, args[2] interpreter base (AT_BASE, 0: none), args[3]
				   vDSO (AT_SYSINFO_EHDR); blob HY_ARG_EXTRA: the program's path.
				   Consumed by the backend (never reaches the sinks) */
	HY_REC_FUNC_ENTRY = 11,	/* --func: a function was entered: a struct hy_func, not hy_rec */
	HY_REC_FUNC_EXIT = 12,	/* --func: a function returned: struct hy_func, v[0] = the
				   return value when nval is 1 */
	HY_REC_DUMP = 13,	/* eBPF, -e read=/write= (issue 16 addition): one chunk of the
				   buffer of a dumped call, sent just before that call's
				   HY_REC_SYSCALL (same tid, nr and ts_enter); args[0] = the
				   chunk's offset in the buffer, args[1] = the bytes to dump in
				   all, args[2] = the buffer's address; one blob HY_ARG_DUMP (idx:
				   which buffer, as the HY_ARG_DUMP blob it becomes; addr: the
				   chunk's; err when the chunk could not be read: the last one
				   sent).  Consumed by the backend, which joins the chunks into the
				   call's HY_ARG_DUMP blob (never reaches the sinks) */
};

enum hy_lost_reason {
	HY_LOST_RING_FULL = 0,		/* ring buffer had no room */
	HY_LOST_TOO_BIG = 1,		/* record exceeded the largest record size */
	HY_LOST_READ_FAILED = 2,	/* user memory could not be read (blob has the error) */
	HY_LOST_TOO_MANY_TASKS = 3,	/* per-thread entry map full */
	HY_LOST_NR = 4,
};

/*
 * A function record (--func): compact, as many more of them come than of syscalls.  Its first
 * 8 bytes are laid out as a struct hy_rec's (type, a count, size), so a reader tells the kinds
 * apart by type before it reads further; it carries no blobs.  Written by the eBPF uprobe
 * programs and by the preload library of the ptrace backend (mcount, -finstrument-functions).
 */
struct hy_func {
	__u16 type;		/* HY_REC_FUNC_ENTRY or HY_REC_FUNC_EXIT */
	__u16 nval;		/* __u64 values in v[]: entry, the first integer arguments
				   (--func-args, at most HY_FUNC_ARGS); exit, 1 (return value) or 0 */
	__u32 size;		/* bytes: sizeof(struct hy_func) + 8 * nval */
	__u32 pid;		/* thread group id */
	__u32 tid;
	__u64 ts;		/* CLOCK_BOOTTIME ns */
	__u64 addr;		/* the function's entry address in the process (0: unknown) */
	__u64 sp;		/* the stack pointer: entry, at the function's first instruction
				   (the return address is at sp); exit, just after the return */
	__u32 fid;		/* index in the function table resolved before attaching, or
				   HY_FUNC_NOID: the reader names addr itself */
	__u32 flags;		/* HY_FF_* */
	__u64 v[];
};

#define HY_FUNC_ARGS	6		/* integer arguments in registers (x86-64 SysV) */

/*
 * User space: a function record with room for its values (h.v[] reaches into bytes[]), for an
 * aligned copy of one read from a ring or a file, or one built by hand.
 */
union hy_func_rec {
	struct hy_func h;
	__u8 bytes[sizeof(struct hy_func) + HY_FUNC_ARGS * sizeof(__u64)];
};
#define HY_FUNC_NOID	0xffffffffu
#define HY_FF_DEPTH_CUT	0x0001		/* the writer dropped calls deeper than --func-depth below */

_Static_assert(sizeof(struct hy_func) == 48, "struct hy_func layout is ABI");

/* struct hy_rec.flags */
#define HY_F_KILLED	0x0001	/* HY_REC_EXIT: killed by signal nr */
#define HY_F_CORE	0x0002	/* HY_REC_EXIT: core dumped */
#define HY_F_NO_EXIT	0x0004	/* HY_REC_SYSCALL: never returned (exit, execve of a dead task) */
#define HY_F_RESTART	0x0008	/* HY_REC_SYSCALL: interrupted, will be restarted */
#define HY_F_BLOBS_CUT	0x0010	/* more blobs than HY_MAX_BLOBS or than the record could hold */
#define HY_F_SIG_BLOCKED 0x0020	/* HY_REC_SIGNAL: reported by a signalfd/sigtimedwait path */
#define HY_F_ENTER_SEEN	0x0040	/* HY_REC_SYSCALL: an HY_REC_ENTER was sent for it */
#define HY_F_THREAD	0x0080	/* HY_REC_FORK: a thread (CLONE_THREAD) */
#define HY_F_INJECTED	0x0100	/* HY_REC_SYSCALL: -e inject= set its return (error or retval) */
#define HY_F_DELAYED	0x0200	/* HY_REC_SYSCALL: -e inject= delayed it (delay_enter/exit) */
#define HY_F_INJ_RETVAL	0x0400	/* HY_REC_SYSCALL: ret is an injected success value, even
				   in -4095..-1 (strace prints "= -1 (INJECTED)") */
#define HY_F_SIG_INCALL	0x0800	/* HY_REC_SIGNAL seen at generation (ignored, or fatal to the
				   group) while the task was inside a syscall: it belongs after
				   that call's record, where ptrace's signal-delivery-stop is;
				   args[0]: that call's entry time (1 when no times are kept) */
#define HY_F_DUMP_LOST	0x1000	/* HY_REC_SYSCALL, eBPF: a HY_REC_DUMP chunk of its buffer found no
				   room in the ring (counted lost): its dump is cut there */

struct hy_rec {
	__u16 type;		/* enum hy_rec_type */
	__u16 nblobs;
	__u32 size;		/* bytes, this header and all blobs */
	__u32 pid;		/* thread group id */
	__u32 tid;
	__u64 ts_enter;		/* CLOCK_BOOTTIME ns (the record's time if no duration) */
	__u64 ts_exit;		/* CLOCK_BOOTTIME ns, 0 if none */
	char comm[HY_COMM_LEN];
	__s32 nr;		/* syscall number, signal number or exit code */
	__u32 flags;		/* HY_F_* */
	__u64 args[HY_NARGS];
	__s64 ret;
};

/* struct hy_blob.arg values past the six syscall arguments */
#define HY_ARG_RET	6	/* about the return value (e.g. fd path of a returned fd) */
#define HY_ARG_SIGINFO	7	/* siginfo_t of a HY_REC_SIGNAL */
#define HY_ARG_EXTRA	8	/* decoder-specific extra capture (nested pointers) */
#define HY_ARG_STACK	9	/* the call's user stack (-k): __u64 code addresses, innermost
				   first (frame 0: the PC after the syscall instruction; the
				   others: return addresses), idx 0, when HY_AT_ENTER, addr 0;
				   HY_BF_TRUNC: cut at --stack-depth; err = -errno: unwinding
				   failed after the frames given (shown as a marked frame) */
#define HY_ARG_USTACK	10	/* -k --stack=dwarf (eBPF): what user space unwinds into an
				   HY_ARG_STACK (docs/stacks.md), when HY_AT_ENTER: idx 0 the user
				   registers, HY_UREGS_N __u64 in DWARF x86-64 numbering (rax rdx
				   rcx rbx rsi rdi rbp rsp r8-r15 rip), addr = rip; idx 1 the user
				   stack from rsp up (addr = rsp), HY_BF_TRUNC when shorter than
				   --stack-size (the stack mapping ended), err when not even its
				   first page could be read.  On mmap records, when HY_AT_EXIT,
				   idx 2 (HY_BF_FDPATH): the mapped file's path, read at the call */
#define HY_ARG_IP	11	/* -i: the user instruction pointer, one __u64, idx 0, addr 0: at the
				   call's entry (HY_AT_ENTER); HY_AT_EXIT where it differs at the
				   exit (execve: the new program's); on a HY_REC_SIGNAL, where the
				   signal is delivered (HY_AT_ENTER) */
#define HY_ARG_SOCK	12	/* sendto/recvfrom/sendmsg/recvmsg on a netlink socket (user space
				   adds it: ptrace at the exit stop, eBPF when the record arrives):
				   struct hy_sockid of args[0], idx 0, when HY_AT_EXIT */
#define HY_ARG_NLMSG	13	/* the same calls: the message bytes as the netlink decoder needs
				   them whole (up to HY_NLMSG_MAX, HY_BF_TRUNC past it), when
				   HY_AT_EXIT; idx 0 the buffer of sendto/recvfrom, idx k the k-th
				   iovec's bytes of sendmsg/recvmsg; addr: where they were read */
#define HY_NLMSG_MAX	32768
/* extensible structures (open_how, clone_args, mount_attr): bytes captured, so that the ones
 * past the known fields can be shown when not zero (strace's print_nonzero_bytes) */
#define HY_EXT_STRUCT_MAX	256
#define HY_ARG_DUMP	14	/* -e read=/write= (issue 16 addition): the whole buffer of a dumped
				   call (up to HY_DUMP_MAX; the eBPF side sends it as HY_REC_DUMP
				   chunks that the backend joins), idx 0 the buffer of read/write
				   and the like; addr: the buffer's; HY_BF_FAULT: a chunk could not
				   be read, len = the bytes before it; HY_BF_RING_FULL: a chunk
				   found no room in the ring (lost events counted), len = the bytes
				   before it.  Decoders prefer it to the argument's own capture */
#define HY_DUMP_MAX	(16u << 20)	/* bytes of one dumped buffer, at most (as ptrace) */
#define HY_DUMP_CHUNK	65536u	/* bytes a HY_REC_DUMP carries, at most: strace's dumpstr()
				   reads in chunks of this size (DUMPSTR_BUF_MAXSZ, src/util.c) */

struct hy_sockid {
	__u16 family;		/* AF_NETLINK */
	__u16 pad;
	__s32 protocol;		/* NETLINK_* */
};
#define HY_UREGS_N	17	/* registers in an HY_ARG_USTACK idx 0 blob */
#define HY_USTACK_DEFAULT 8192	/* --stack-size by default: perf record --call-graph=dwarf's */
#define HY_USTACK_MAX	16384	/* the largest --stack-size */

/* struct hy_blob.when */
#define HY_AT_ENTER	1
#define HY_AT_EXIT	2

/* struct hy_blob.flags */
#define HY_BF_TRUNC	0x01	/* the object is longer than what was captured */
#define HY_BF_NUL	0x02	/* string: a NUL was found within len (not counted in len) */
#define HY_BF_FDPATH	0x04	/* data is the path an fd refers to (-y), not user memory */
#define HY_BF_CHILD	0x08	/* element of an array: idx is its position */
#define HY_BF_ARRAY_END	0x10	/* string array: the NULL terminator was found after idx */
#define HY_BF_FDRAW	0x20	/* HY_BF_FDPATH: preformatted socket details (-yy), print as is */
#define HY_BF_FAULT	0x40	/* the read stopped at unreadable memory: only len bytes could be
				   read (decoders print what strace prints for unreadable memory) */
#define HY_BF_PAGE_END	0x80	/* eBPF: the whole read failed, this is the part up to the end of
				   its first page (the next could not be read: unmapped, or not
				   faulted in yet, so user space reads entry captures again) */
#define HY_BF_RING_FULL	0x100	/* HY_ARG_DUMP: cut where the ring had no room for the next chunk */

struct hy_blob {
	__u8 arg;		/* 0-5, or HY_ARG_* */
	__u8 when;		/* HY_AT_ENTER or HY_AT_EXIT */
	__u16 idx;		/* element index inside an array capture, else 0 */
	__s32 err;		/* 0, or -errno of the failed read (data then empty) */
	__u32 len;		/* bytes of data that follow */
	__u32 flags;		/* HY_BF_* */
	__u64 addr;		/* user address that was read */
	/* __u8 data[len], then padding to 8 bytes */
};

#define HY_BLOB_ALIGN(n)	(((n) + 7u) & ~7u)

/*
 * Capture spec: what to copy for one syscall argument.  The table lives in
 * decoders/AREA.tbl, is compiled into user space, and is loaded into a BPF map
 * (index: syscall number) for the BPF backend; the ptrace backend applies the
 * same entries.  Counts come from another argument or from the return value.
 */
enum hy_cap_kind {
	HY_CAP_NONE = 0,
	HY_CAP_STR = 1,		/* NUL-terminated string, up to -s bytes (+1 to see truncation) */
	HY_CAP_PATH = 2,	/* NUL-terminated string, up to HY_PATH_MAX */
	HY_CAP_FIXED = 3,	/* size bytes */
	HY_CAP_BUF = 4,		/* bytes: count from count_src, at most -s */
	HY_CAP_ARRAY = 5,	/* count_src elements of size bytes each, at most HY_ARR_MAX */
	HY_CAP_STRARR = 6,	/* NULL-terminated array of string pointers (argv, envp): the
				   pointers (idx 0, up to HY_PTRS_MAX, HY_BF_ARRAY_END if the NULL
				   was seen), then each string (idx 1+i, up to HY_ARR_MAX of them) */
	HY_CAP_IOVEC = 7,	/* iovec array (blob idx 0) + each buffer (idx 1+i); count from count_src;
				   the bytes are bounded by the iov_len sum (entry) or ret (exit), at most -s */
	HY_CAP_MSGHDR = 8,	/* struct msghdr (idx 0), msg_name (1), msg_control (2), iov array (3),
				   iov buffers (4+i); bytes bounded as for HY_CAP_IOVEC */
	HY_CAP_FDPATH = 9,	/* the path the fd in this argument (or the returned fd) refers to */
	HY_CAP_SIZED = 10,	/* size bytes, but at most the count_src value (sockaddr, optval) */
	HY_CAP_LENPTR = 11,	/* size bytes, at most *(int *)args[count_src] (accept's addr) */
	HY_CAP_IOC = 12,	/* ioctl arg: _IOC_SIZE(args[1]) bytes, at most size */
	HY_CAP_MMSGHDR = 13,	/* mmsghdr array: count from count_src; each header (idx i) */
	HY_CAP_STACK = 14,	/* HY_STACK_LEN(size) bytes at the user stack pointer + HY_STACK_OFF(size),
				   as blob arg HY_ARG_EXTRA (rt_sigreturn's signal frame) */
	HY_CAP_DEREF = 15,	/* a struct of HY_PAIR_A(size) bytes (idx 0) whose first member is a
				   pointer, and HY_PAIR_B(size) bytes at that pointer (idx 1):
				   pselect6's { sigset_t *ss; size_t len; } */
	HY_CAP_OPDESC = 16,	/* the layout depends on an opcode in args[HY_PAIR_A(size)]: the
				   struct hy_op_desc that opcode selects in table HY_PAIR_B(size)
				   (struct hy_op_desc below; io_uring_register's arg) */
	HY_CAP_PTRACE = 17,	/* ptrace's data argument (arg 3): what request args[0] reads or
				   writes there, as hy_ptrace_data_len() says; GETREGSET/SETREGSET:
				   the struct iovec (idx 0, entry and exit) and its buffer (idx 1,
				   HY_BF_CHILD: exit for GET, entry for SET, HY_PT_REGSET_MAX bytes
				   at most); PEEKSIGINFO: also its args struct (blob arg 2, entry) */
	HY_CAP_KIND_NR,
};

#define HY_PAIR(a, b)		((__u32)(a) << 16 | (b))
#define HY_PAIR_A(size)		((size) >> 16)
#define HY_PAIR_B(size)		((size) & 0xffff)
/* HY_CAP_STACK packs its offset and length the same way */
#define HY_STACK(off, len)	HY_PAIR(off, len)
#define HY_STACK_OFF(size)	HY_PAIR_A(size)
#define HY_STACK_LEN(size)	HY_PAIR_B(size)

/* struct hy_cap.count_src values: 0-5 an argument, or */
#define HY_SRC_RET	6	/* the return value (exit captures only) */
#define HY_SRC_NONE	7	/* no count: use size */

/* struct hy_cap.when: HY_AT_ENTER, HY_AT_EXIT or both; exit-only captures are skipped on error */

struct hy_cap {
	__u8 kind;		/* enum hy_cap_kind */
	__u8 when;		/* HY_AT_* mask */
	__u8 count_src;		/* HY_SRC_* or argument index */
	__u8 flags;		/* HY_CF_* */
	__u32 size;		/* fixed size, element size, or cap */
};

#define HY_CF_ALWAYS	0x01	/* exit capture even when the call failed */
#define HY_CF_ENTER_RETRY 0x02	/* BPF: a failed entry read is retried at exit */
#define HY_CF_VERBOSE	0x04	/* HY_CAP_STRARR: the strings only under -v (else the pointers) */
#define HY_CF_FDSET	0x10	/* the capture is an fd_set bitmap of args[0] bits: user space adds
				   the paths of its fds under -y (select) */
#define HY_CF_FDS	0x08	/* the capture holds fds (ints; for HY_CAP_ARRAY the first int of each
				   element): user space adds their paths under -y */

/* struct hy_cap_entry.flags */
#define HY_SC_BLOCKS	0x01	/* may block: send HY_REC_ENTER first */
#define HY_SC_NO_RETURN	0x02	/* exit, exit_group, rt_sigreturn: no exit stop to wait for */
#define HY_SC_EXEC	0x04	/* execve/execveat */

struct hy_cap_entry {
	struct hy_cap arg[HY_NARGS];
	struct hy_cap ret;	/* only HY_CAP_FDPATH is meaningful */
	__u32 flags;		/* HY_SC_* */
	__u32 pad;
};

/* Per-syscall totals kept in the kernel for -c in BPF mode (map value). */
struct hy_sum {
	__u64 calls;
	__u64 errors;
	__u64 ns_total;
	__u64 ns_min;
	__u64 ns_max;
};

/*
 * Device-specific ioctl capture (NVIDIA driver, issue 11).  An ioctl on an fd whose file is a
 * known device (enum hy_dev_kind: the kernel side tells it from the dentry name and its
 * parent's, user space from the fd's path) is captured as the description keyed by
 * HY_IOCD_KEY(kind, request) says (user space fills the map from decoders/ioctl/nvidia*.c;
 * the ptrace backend applies the same descriptions): the top-level struct that args[2]
 * points to (blobs arg 2, idx 0, as HY_CAP_IOC), and up to HY_IOCD_SUBS second-level buffers
 * whose pointer and length lie inside the top struct or inside an earlier sub (blobs
 * HY_ARG_EXTRA, idx 1 + sub index, at the sub's when).  A keyed sub (HY_IOCS_XFER,
 * HY_IOCS_RMCTRL) has a description of its own, found by a u32 in its parent: its buffer is
 * that description's top struct, and its subs k follow one level down.  Levels: the request's
 * description is level 0, a keyed sub's description level 1, a keyed sub of that one's level 2
 * (at most HY_IOCD_LEVELS); sub k of level L goes to HY_ARG_EXTRA idx 1 + L * HY_IOCD_SUBS + k
 * (struct hy_blob.idx is 16 bits: 9 at most here).  So RM_CONTROL's params are idx 1 and their
 * lists idx 4-6; inside NV_ESC_IOCTL_XFER_CMD the wrapped NVOS54 is idx 1, its params idx 4,
 * their lists idx 7-9.
 */
enum hy_dev_kind {
	HY_DEV_NONE = 0,
	HY_DEV_NVIDIACTL = 1,		/* /dev/nvidiactl */
	HY_DEV_NVIDIA = 2,		/* /dev/nvidia[0-9]+ */
	HY_DEV_NVIDIA_UVM = 3,		/* /dev/nvidia-uvm */
	HY_DEV_NVIDIA_UVM_TOOLS = 4,	/* /dev/nvidia-uvm-tools */
	HY_DEV_NVIDIA_MODESET = 5,	/* /dev/nvidia-modeset */
	HY_DEV_NVIDIA_CAPS = 6,		/* /dev/nvidia-caps/ANY */
	HY_DEV_KIND_NR,
	/* key spaces, not devices: descriptions keyed by something other than a request */
	HY_DEV_RMCTRL = 0x80,		/* RM control params by NVOS54.cmd (HY_IOCS_RMCTRL) */
};

#define HY_IOCD_KEY(kind, req)	((__u64)(kind) << 32 | (__u32)(req))
#define HY_IOCD_SUBS	3
#define HY_IOCD_LEVELS	3	/* nesting levels of keyed subs: top, XFER's command, its params */

/* struct hy_ioc_sub.flags */
#define HY_IOCS_CLASS	0x01	/* length: the class-size map's value for the u32 at len_off
				   (RM_ALLOC's pAllocParms by hClass), at most max */
#define HY_IOCS_XFER	0x02	/* this sub is a wrapped command (NV_ESC_IOCTL_XFER_CMD): the u32
				   at len_off - 4 of the parent is its request, and that request's
				   own description (same kind) applies to this buffer: its subs
				   follow as further HY_ARG_EXTRA blobs (one level down) */
#define HY_IOCS_RMCTRL	0x04	/* this sub is an RM control's params (NVOS54.params): the u32 at
				   the description's key_off in the parent is the control command,
				   and the description HY_IOCD_KEY(HY_DEV_RMCTRL, cmd) applies to
				   this buffer: its subs (parent 0 = the params) follow one level
				   down */
/* bits 4-6: the length is a count of elements of 1 << shift bytes: the 4 or 8 bytes at len_off
   times the element size (then at most max, and at most HY_IOC_SUB_MAX); shift 0: bytes */
#define HY_IOCS_SHIFT(s)	((__u8)(((s) & 7) << 4))
#define HY_IOCS_SHIFT_OF(f)	(((f) >> 4) & 7)

struct hy_ioc_sub {
	__u16 ptr_off;		/* offset of the 64-bit user pointer inside the parent */
	__u16 len_off;		/* offset of the length inside the parent (unused if len_size 0) */
	__u8 len_size;		/* 0: the length is max; else 4 or 8 bytes at len_off */
	__u8 parent;		/* 0: the top struct; 1 + i: sub i (an earlier one) */
	__u8 when;		/* HY_AT_* mask */
	__u8 flags;		/* HY_IOCS_* */
	__u32 max;		/* at most this many bytes (and at most HY_IOC_SUB_MAX) */
};

struct hy_ioc_desc {
	__u32 top_size;		/* bytes at args[2]; 0: _IOC_SIZE(request) */
	__u8 when;		/* HY_AT_* mask for the top struct */
	__u8 nsubs;
	__u16 key_off;		/* HY_IOCS_RMCTRL sub: offset of the u32 key (NVOS54.cmd) in that
				   sub's parent; else 0 (was a reserved field, always 0) */
	struct hy_ioc_sub sub[HY_IOCD_SUBS];
};

#define HY_IOC_SUB_MAX	4096	/* bytes of one second-level buffer, at most */

/*
 * HY_CAP_OPDESC: the argument of a multiplexed syscall whose layout depends on its opcode
 * (io_uring_register: decoders/iouring.c fills the table, user space loads it into the BPF
 * side as it loads the capture table; the ptrace backend applies the same descriptions).
 * The top object (blob idx 0, at the argument) is base + count * elem bytes, at most max,
 * count being the capture's count_src argument (elem 0: base bytes).  Its subs are arrays a
 * 64-bit pointer inside the top object points to (blob idx HY_OPD_SUB_IDX + j, HY_BF_CHILD),
 * of elem-byte elements, as many as the u32 at cnt_off (HY_OPS_CNT_ARG: the count_src
 * argument), at most HY_ARR_MAX of them, read at entry.  Under -y the ints at fd_off every
 * fd_stride bytes of the top object (fd_stride 0: none) and the ints of the subs flagged
 * HY_OPS_FDS are fds whose paths follow (HY_BF_FDPATH blobs, idx 1 + k, as HY_CF_FDS).
 */
#define HY_OPD_MAX	32	/* opcodes covered; larger ones capture nothing */
#define HY_OPD_SUBS	2
#define HY_OPD_SUB_IDX	0x1000	/* blob idx of the first sub (above the fd path blobs) */
#define HY_OPD_URING_REG 0	/* table: io_uring_register's opcodes */
#define HY_OPD_TABLES	1
#define HY_OPS_CNT_ARG	0xffff	/* cnt_off: the count is the count_src argument */
#define HY_OPS_FDS	0x01	/* the sub's elements are ints that are fds */

struct hy_op_sub {
	__u16 ptr_off;		/* offset of the 64-bit user pointer inside the top object */
	__u16 cnt_off;		/* offset of the u32 element count, or HY_OPS_CNT_ARG */
	__u16 elem;		/* bytes of one element; 0: no sub */
	__u8 flags;		/* HY_OPS_* */
	__u8 pad;
};

struct hy_op_desc {
	__u16 base;		/* bytes of the top object besides its elements */
	__u16 elem;		/* bytes of one element of the top object (count from count_src) */
	__u16 max;		/* top object bytes at most; 0: nothing is captured */
	__u8 when;		/* HY_AT_* mask for the top object */
	__u8 nsubs;
	__u16 fd_off;		/* -y: offset of the first fd inside the top object */
	__u16 fd_stride;	/* bytes between two fds; 0: the top object holds none */
	struct hy_op_sub sub[HY_OPD_SUBS];
};

/*
 * HY_CAP_PTRACE: the bytes at ptrace's data argument that request req reads (entry) or
 * writes (exit, ok: the call succeeded) at when, or 0; addr is args[2], ret the return value.
 * Sizes, x86_64 (include/uapi/linux/ptrace.h, arch/x86/include/asm/user_64.h, Linux 6.1):
 * PEEK* and GETEVENTMSG one word, siginfo_t 128, sigset_t 8 (strace prints only addr == 8),
 * struct user_regs_struct 216, struct user_fpregs_struct 512, PEEKSIGINFO ret siginfos
 * (HY_PT_SIGINFO_MAX at most), struct seccomp_metadata 16 (its filter_off alone at entry),
 * struct ptrace_syscall_info up to seccomp.ret_data (84 bytes), min(addr, ret).  Shared by
 * both backends so that they copy the same.
 */
#define HY_PT_SIGINFO_MAX	32
#define HY_PT_REGSET_MAX	512
#define HY_PT_SYSINFO_MAX	84
static inline __u64 hy_ptrace_data_len(__u64 req, __u64 addr, __s64 ret, __u32 when, int ok)
{
	int in = when == HY_AT_ENTER, out = when == HY_AT_EXIT && ok;
	__u64 n;

	switch (req) {
	case 0x1: case 0x2: case 0x3:	/* PTRACE_PEEKTEXT, PEEKDATA, PEEKUSER */
	case 0x4201:			/* PTRACE_GETEVENTMSG */
		return out ? 8 : 0;
	case 0x4202:			/* PTRACE_GETSIGINFO */
		return out ? 128 : 0;
	case 0x4203:			/* PTRACE_SETSIGINFO */
		return in ? 128 : 0;
	case 0x420a:			/* PTRACE_GETSIGMASK */
		return out && addr == 8 ? 8 : 0;
	case 0x420b:			/* PTRACE_SETSIGMASK */
		return in && addr == 8 ? 8 : 0;
	case 0xc:			/* PTRACE_GETREGS */
		return out ? 216 : 0;
	case 0xd:			/* PTRACE_SETREGS */
		return in ? 216 : 0;
	case 0xe:			/* PTRACE_GETFPREGS */
		return out ? 512 : 0;
	case 0xf:			/* PTRACE_SETFPREGS */
		return in ? 512 : 0;
	case 0x4209:			/* PTRACE_PEEKSIGINFO */
		n = ret > HY_PT_SIGINFO_MAX ? HY_PT_SIGINFO_MAX : ret > 0 ? ret : 0;
		return out ? n * 128 : 0;
	case 0x420d:			/* PTRACE_SECCOMP_GET_METADATA */
		if (in)
			return addr >= 8 ? 8 : 0;
		return out && ret > 8 ? 16 : 0;
	case 0x420e:			/* PTRACE_GET_SYSCALL_INFO */
		n = addr < (__u64)ret ? addr : (__u64)ret;
		return out ? (n < HY_PT_SYSINFO_MAX ? n : HY_PT_SYSINFO_MAX) : 0;
	}
	return 0;
}

/* A siginfo_t whose si_fd (int at HY_PT_SIGINFO_FD) strace prints as an fd: SIGIO (29) with
 * POLL_IN, POLL_OUT, POLL_MSG (1-3), or any signal sent with SI_SIGIO (-5); -y adds its path (blob idx 1). */
#define HY_PT_SIGINFO_FD	24
static inline int hy_si_has_fd(__s32 signo, __s32 code)
{
	return (signo == 29 && code >= 1 && code <= 3) || code == -5;
}

#ifndef __VMLINUX_H__
_Static_assert(sizeof(struct hy_rec) == 112, "struct hy_rec layout is ABI");
_Static_assert(sizeof(struct hy_blob) == 24, "struct hy_blob layout is ABI");
_Static_assert(sizeof(struct hy_sockid) == 8, "struct hy_sockid layout is ABI");
_Static_assert(sizeof(struct hy_cap) == 8, "struct hy_cap layout is ABI");
_Static_assert(sizeof(struct hy_cap_entry) == 64, "struct hy_cap_entry layout is ABI");
_Static_assert(sizeof(struct hy_ioc_sub) == 12, "struct hy_ioc_sub layout is ABI");
_Static_assert(sizeof(struct hy_ioc_desc) == 44, "struct hy_ioc_desc layout is ABI");
_Static_assert(sizeof(struct hy_op_desc) == 28, "struct hy_op_desc layout is ABI");
#endif

#endif /* HYTRACE_H */
