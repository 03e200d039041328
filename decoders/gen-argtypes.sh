#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# gen-argtypes.sh: print decoders/syscall_types_x86_64.tbl, the print kind of every syscall
# argument, from the running kernel's syscall tracepoint formats (the C type and name of each
# argument); needs tracefs: mount -t tracefs nodev /sys/kernel/tracing.
#
# Kinds (how the generic decoder prints an argument; strace's rules for undecoded arguments):
#   int     signed 32-bit decimal (int, pid_t, key_serial_t, timer_t, mqd_t, ...)
#   uint    unsigned 32-bit decimal (unsigned int, u32, qid_t)
#   long    signed 64-bit decimal (long, off_t, loff_t)
#   ulong   unsigned 64-bit decimal (unsigned long, size_t, __u64)
#   xint    32-bit hex, 0 as 0 (flag words of 32 bits: flags, mask, prot, key_t, rwf_t)
#   xlong   64-bit hex, 0 as 0 (flag words of 64 bits, aio_context_t, and syscalls the kernel
#           no longer implements, which strace prints with printargs)
#   mode    octal mode, at least three digits (umode_t)
#   id      uid_t/gid_t: decimal, (uid_t)-1 as -1
#   clockid clockid_t: CLOCK_* name
#   ptr     an address: NULL or 0x... (every pointer type; unsigned long addr/start/brk/tls)
#   fd      an fd (with its path under -y): int or unsigned int fd, ufd, epfd, pidfd, ...
#   dirfd   AT_FDCWD or an fd: dfd, olddfd, newdfd, from_dfd, to_dfd, mountdirfd
#   path    const char * naming a file (filename, pathname, path, oldname...): "the/path"
#   str     other const char * strings (name, _type, _key...): "text", cut at -s
#           (const char *buf and u_msg_ptr are sized buffers, not strings: ptr)
T=/sys/kernel/tracing/events/syscalls
[ -d "$T" ] || { echo "gen-argtypes.sh: $T missing (mount tracefs)" >&2; exit 1; }
echo "# syscall_types_x86_64.tbl: the print kind of each syscall argument (decoders/gen-argtypes.sh)"
echo "# source: the kernel's syscall tracepoint formats, $T/sys_enter_NAME/format"
echo "# (Linux $(uname -r | cut -d- -f1)); regenerate with: sh decoders/gen-argtypes.sh > decoders/syscall_types_x86_64.tbl"
echo "# NAME	KIND0 KIND1 ...	# the kernel's C types and names"
kinds='
function kind(t, n) {
	if (t == "const char*" && n !~ /^(buf|u_msg_ptr)$/)
		return n ~ /^(filename|pathname|path|specialfile|special|new_root|put_old|from_pathname|to_pathname|oldname|newname|library)$/ ? "path" : "str"
	if (t ~ /\*/ || t ~ /^(const )?cap_user_(header|data)_t$/) return "ptr"
	if (t ~ /clockid_t$/) return "clockid"
	if (t == "umode_t") return "mode"
	if (t ~ /^(uid_t|gid_t)$/) return "id"
	if (t ~ /^(int|unsigned int|unsigned|unsigned long|mqd_t)$/ &&
	    n ~ /^(fd|ufd|epfd|pidfd|oldfd|newfd|fd_in|fd_out|in_fd|out_fd|fdin|fdout|ruleset_fd|group_fd|fs_fd|fildes|fanotify_fd|mqdes|kernel_fd|initrd_fd)$/)
		return "fd"
	if (t ~ /^(int|unsigned int)$/ && n ~ /^(dfd|olddfd|newdfd|from_dfd|to_dfd|mountdirfd)$/) return "dirfd"
	if (t == "unsigned long" && n ~ /^(addr|start|brk|new_addr|newsp|tls)$/) return "ptr"
	if (t == "aio_context_t") return "xlong"
	if (t ~ /^(key_t|rwf_t)$/) return "xint"
	if (n ~ /(^|_)(flags?|mask|prot)$|^(oflag|shmflg|msgflg|semflg)$/)
		return (t ~ /^(unsigned long|__u64|u64)$/) ? "xlong" : "xint"
	if (t ~ /^(const )?(int|pid_t|__s32|key_serial_t|timer_t|mqd_t|enum [a-z_]+)$/) return "int"
	if (t ~ /^(const )?(unsigned int|unsigned|u32|__u32|qid_t)$/) return "uint"
	if (t ~ /^(long|off_t|loff_t)$/) return "long"
	if (t ~ /^(const )?(unsigned long|size_t|__u64|u64)$/) return "ulong"
	printf "gen-argtypes.sh: no kind for %s %s\n", t, n > "/dev/stderr"; bad = 1
	return "?"
}'
# Implemented syscalls that strace 6.1 prints with printargs all the same (src/syscall_dummy.h:
# sys_sysfs): every argument in hex, as strace does.
printargs=" sysfs "
for f in "$T"/sys_enter_*/format; do
	n=$(basename "$(dirname "$f")")
	n=${n#sys_enter_}
	printf '%s' "$n"
	case $printargs in *" $n "*) pa=1 ;; *) pa=0 ;; esac
	awk -F'[;:]' -v pa=$pa "$kinds"'
	/field:/ && !/common_|__syscall_nr/ {
		t = $2; sub(/^[ \t]+/, "", t); k = split(t, a, " "); nm = a[k]; sub(" *" nm "$", "", t)
		while (nm ~ /^\*/) { t = t "*"; nm = substr(nm, 2) }
		sub(/ \*/, "*", t); gsub(/ \*/, "*", t)
		K = K " " (pa ? "xlong" : kind(t, nm)); C = C (C == "" ? "" : ", ") t " " nm
	}
	END { printf "\t%s\t# %s%s\n", substr(K, 2), C, pa ? " (printargs in strace)" : ""; exit bad }' "$f" || exit 1
done > /tmp/gen-argtypes.$$ || { rm -f /tmp/gen-argtypes.$$; exit 1; }
# Syscalls of the x86_64 table that this kernel has no tracepoint for.
# Implemented upstream (prototypes from Linux 6.18 include/linux/syscalls.h; this kernel is
# built without modules, kexec, shadow stacks; listns is newer): the same kinds as above.
# No longer implemented (ENOSYS): strace prints them with printargs, every argument in hex.
extra() {
	cat <<'EOF'
afs_syscall	xlong xlong xlong xlong xlong	# not implemented: printargs
create_module	xlong xlong	# not implemented: printargs
delete_module	str xint	# const char *name_user, unsigned int flags
epoll_ctl_old	xlong xlong xlong xlong	# not implemented: printargs
epoll_wait_old	xlong xlong xlong xlong	# not implemented: printargs
finit_module	fd str xint	# int fd, const char *uargs, int flags
get_kernel_syms	xlong	# not implemented: printargs
get_thread_area	ptr	# struct user_desc *u_info
getpmsg	xlong xlong xlong xlong xlong	# not implemented: printargs
init_module	ptr ulong str	# void *umod, unsigned long len, const char *uargs
kexec_file_load	fd fd ulong ptr xlong	# int kernel_fd, int initrd_fd, unsigned long cmdline_len, const char *cmdline_ptr, unsigned long flags
kexec_load	xlong ulong ptr xlong	# unsigned long entry, unsigned long nr_segments, struct kexec_segment *segments, unsigned long flags
listns	ptr ptr ulong xint	# const struct ns_id_req *req, u64 *ns_ids, size_t nr_ns_ids, unsigned int flags
lookup_dcookie	ulong ptr ulong	# u64 cookie64, char *buf, size_t len (removed in Linux 6.8)
map_shadow_stack	ptr ulong xint	# unsigned long addr, unsigned long size, unsigned int flags
nfsservctl	xlong xlong xlong	# not implemented: printargs
putpmsg	xlong xlong xlong xlong xlong	# not implemented: printargs
query_module	xlong xlong xlong xlong xlong	# not implemented: printargs
security	xlong xlong xlong	# not implemented: printargs
set_thread_area	ptr	# struct user_desc *u_info
_sysctl	ptr	# struct __sysctl_args *args (removed in Linux 5.5)
tuxcall	xlong xlong xlong	# not implemented: printargs
uselib	path	# const char *library (CONFIG_USELIB, off in this kernel)
vserver	xlong xlong xlong xlong xlong	# not implemented: printargs
EOF
}
extra | while IFS='	' read -r n rest; do
	[ -d "$T/sys_enter_$n" ] || printf '%s\t%s\n' "$n" "$rest"
done >> /tmp/gen-argtypes.$$
LC_ALL=C sort /tmp/gen-argtypes.$$
rm -f /tmp/gen-argtypes.$$
