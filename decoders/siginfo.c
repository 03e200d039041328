// SPDX-License-Identifier: LGPL-2.1-or-later
/* siginfo.c: siginfo_t as strace prints it, for signal lines and rt_sigtimedwait & co. */
#include <signal.h>
#include <string.h>
#include "decode.h"
#include "xlat_gen.h"

/* x86_64 siginfo_t offsets (include/uapi/asm-generic/siginfo.h) */
struct hy_siginfo {
	int32_t signo, err, code, pad;
	union {
		struct { int32_t pid; uint32_t uid; int32_t status; int32_t pad; int64_t utime, stime; } chld;
		/* union sigval: sival_int and sival_ptr share offset 24 */
		struct { int32_t pid; uint32_t uid; union { int32_t sival_int; uint64_t sival_ptr; }; } rt;
		struct { int32_t tid; int32_t overrun; union { int32_t sival_int; uint64_t sival_ptr; }; } timer;
		struct { uint64_t addr; int16_t addr_lsb; int16_t pad[3];
			 union { struct { uint64_t lower, upper; }; uint32_t pkey; }; } fault;
		struct { int64_t band; int32_t fd; } poll;
		struct { uint64_t call_addr; int32_t syscall; uint32_t arch; } sys;
		uint8_t raw[112];
	};
};
_Static_assert(sizeof(struct hy_siginfo) == 128, "siginfo_t is 128 bytes");

static const struct xlat *code_table(int sig)
{
	switch (sig) {
	case SIGCHLD: return &xlat_sigchld_codes;
	case SIGSEGV: return &xlat_sigsegv_codes;
	case SIGBUS: return &xlat_sigbus_codes;
	case SIGILL: return &xlat_sigill_codes;
	case SIGFPE: return &xlat_sigfpe_codes;
	case SIGTRAP: return &xlat_sigtrap_codes;
	case SIGPOLL: return &xlat_sigpoll_codes;
	case SIGSYS: return &xlat_sigsys_codes;
	}
	return NULL;
}

static struct hv *code_node(struct dctx *d, int sig, int code)
{
	/* strace's print_si_code: the generic SI_* names first, then the signal's own */
	const char *name = xlat_name(&xlat_si_codes, (uint64_t)(int64_t)code);
	const struct xlat *x = code_table(sig);

	if (!name && x)
		name = xlat_name(x, (uint64_t)(int64_t)code);
	if (name) {
		struct hv *v = hv_new(d, HV_SYM);

		v->text = name;
		v->u = (uint64_t)(int64_t)code;
		v->flags |= HVF_NUM | HVF_NUM32;
		return v;
	}
	return hv_hex(d, (uint32_t)code);	/* print_xlat_ex of an unsigned int: 0x7, 0xbadc0ded */
}

struct hv *hv_siginfo(struct dctx *d, const void *data, size_t len)
{
	struct hy_siginfo si;
	struct hv *s = hv_struct(d);

	memset(&si, 0, sizeof(si));
	memcpy(&si, data, len < sizeof(si) ? len : sizeof(si));
	if (!si.signo)		/* strace prints an empty siginfo as {} */
		return s;
	hv_add(s, "si_signo", hv_signal(d, si.signo));
	hv_add(s, "si_code", code_node(d, si.signo, si.code));
	if (si.err) {
		const char *en = errno_name(si.err);

		struct hv *v = hv_uint(d, (uint32_t)si.err);

		if (en) {	/* -X raw prints the number, -X verbose both (PRINT_FIELD_ERR_U) */
			v->kind = HV_SYM;
			v->text = en;
			v->flags |= HVF_NUM | HVF_NUMUDEC;
		}
		hv_add(s, "si_errno", v);
	}
	if (si.code <= 0) {	/* sent by a process: SI_FROMUSER */
		switch (si.code) {
		case SI_TIMER:
			hv_add(s, "si_timerid", hv_hex(d, (uint32_t)si.timer.tid));
			hv_add(s, "si_overrun", hv_int(d, si.timer.overrun));
			hv_add(s, "si_int", hv_int(d, si.timer.sival_int));
			hv_add(s, "si_ptr", hv_ptr(d, si.timer.sival_ptr));
			break;
		case SI_SIGIO:
			hv_add(s, "si_band", hv_int(d, si.poll.band));
			hv_add(s, "si_fd", hv_fd_num(d, si.poll.fd));	/* -y: a path captured for it */
			break;
		case SI_USER:
		case SI_TKILL:
			hv_add(s, "si_pid", hv_pid(d, si.rt.pid, HVP_TGID));
			hv_add(s, "si_uid", hv_uint(d, si.rt.uid));
			break;
		default:	/* SI_QUEUE, SI_MESGQ, SI_ASYNCIO...: the value only when set */
			hv_add(s, "si_pid", hv_pid(d, si.rt.pid, HVP_TGID));
			hv_add(s, "si_uid", hv_uint(d, si.rt.uid));
			if (si.rt.sival_ptr) {
				hv_add(s, "si_int", hv_int(d, si.rt.sival_int));
				hv_add(s, "si_ptr", hv_ptr(d, si.rt.sival_ptr));
			}
			break;
		}
		return s;
	}
	switch (si.signo) {
	case SIGCHLD:
		hv_add(s, "si_pid", hv_pid(d, si.chld.pid, HVP_TGID));
		hv_add(s, "si_uid", hv_uint(d, si.chld.uid));
		if (si.code == CLD_EXITED)
			hv_add(s, "si_status", hv_int(d, si.chld.status));
		else
			hv_add(s, "si_status", hv_signal(d, si.chld.status));
		hv_add(s, "si_utime", hv_int(d, si.chld.utime));
		hv_add(s, "si_stime", hv_int(d, si.chld.stime));
		break;
	case SIGILL:
	case SIGFPE:
	case SIGTRAP:
		hv_add(s, "si_addr", hv_ptr(d, si.fault.addr));
		break;
	case SIGBUS:
		hv_add(s, "si_addr", hv_ptr(d, si.fault.addr));
		if (si.code == 4 || si.code == 5)	/* BUS_MCEERR_AR, BUS_MCEERR_AO */
			hv_add(s, "si_addr_lsb", hv_hex(d, (uint16_t)si.fault.addr_lsb));
		break;
	case SIGSEGV:
		hv_add(s, "si_addr", hv_ptr(d, si.fault.addr));
		if (si.code == 3) {	/* SEGV_BNDERR */
			hv_add(s, "si_lower", hv_ptr(d, si.fault.lower));
			hv_add(s, "si_upper", hv_ptr(d, si.fault.upper));
		} else if (si.code == 4) {	/* SEGV_PKUERR */
			hv_add(s, "si_pkey", hv_uint(d, si.fault.pkey));
		}
		break;
	case SIGPOLL:
		if (si.code >= 1 && si.code <= 3) {	/* POLL_IN, POLL_OUT, POLL_MSG */
			hv_add(s, "si_band", hv_int(d, si.poll.band));
			hv_add(s, "si_fd", hv_fd_num(d, si.poll.fd));	/* -y: a path captured for it */
		}
		break;
	case SIGSYS: {
		/* the number is named only for x86_64's table (strace: syscall_name_arch), else
		 * printed unsigned; -X raw / verbose print the number (PRINT_FIELD_SYSCALL_NAME) */
		const struct sysent *se = si.sys.arch == 0xc000003e ? sysent_get(si.sys.syscall)
								      : NULL;
		struct hv *nr = hv_uint(d, (uint32_t)si.sys.syscall);

		if (se) {
			nr->kind = HV_EXPR;
			nr->text = arena_printf(d->ar, "__NR_%s", se->name);
			nr->flags |= HVF_NUM | HVF_NUMUDEC;
		}
		hv_add(s, "si_call_addr", hv_ptr(d, si.sys.call_addr));
		hv_add(s, "si_syscall", nr);
		hv_add(s, "si_arch", hv_sym(d, &xlat_audit_arch, si.sys.arch, true));
		break;
	}
	default:	/* e.g. SI_KERNEL: the sender and value only when set */
		if (si.rt.pid || si.rt.uid) {
			hv_add(s, "si_pid", hv_pid(d, si.rt.pid, HVP_TGID));
			hv_add(s, "si_uid", hv_uint(d, si.rt.uid));
		}
		if (si.rt.sival_ptr) {
			hv_add(s, "si_int", hv_int(d, si.rt.sival_int));
			hv_add(s, "si_ptr", hv_ptr(d, si.rt.sival_ptr));
		}
		break;
	}
	return s;
}

void decode_siginfo(struct dctx *d, const struct event *ev)
{
	const struct event_blob *b = event_blob(ev, HY_ARG_SIGINFO, HY_AT_ENTER, 0);

	d->ev = ev;
	d->se = NULL;
	d->exiting = true;
	d->pending = false;
	d->ret = d->ret_note = NULL;
	d->ret_is_error = false;
	d->args = hv_array(d);
	if (b && !b->h.err && b->h.len)
		hv_add(d->args, NULL, hv_siginfo(d, b->data, b->h.len));
}
