// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_misc.c: futex, getrandom and ioctl decoders against lines printed by strace 6.1. */
#include <sys/syscall.h>
#include "unit.h"

UT_CASE(futex)
{
	const uint64_t fa = 0x7ffdb3926698, fb = 0x7ffdb3926694;
	int64_t ts[2] = { 0, 1000 };

	ut_begin(u, SYS_futex, fa, 129, 1, 0, 0, 0);
	UT_EXPECT("futex wake", ut_line(u, 0), "futex(0x7ffdb3926698, FUTEX_WAKE_PRIVATE, 1) = 0");
	ut_begin(u, SYS_futex, fa, 128, 1, 0, 0, 0);
	UT_EXPECT("futex wait", ut_line(u, -11),
		  "futex(0x7ffdb3926698, FUTEX_WAIT_PRIVATE, 1, NULL) = -1 EAGAIN (Resource temporarily unavailable)");
	ut_begin(u, SYS_futex, fa, 393, 0, 0x1000, 0, 0xffffffff);
	ut_blob(u, 3, HY_AT_ENTER, 0, ts, 16, 0);
	UT_EXPECT("futex wait bitset", ut_line(u, -110),
		  "futex(0x7ffdb3926698, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=1000}, FUTEX_BITSET_MATCH_ANY) = -1 ETIMEDOUT (Connection timed out)");
	ut_begin(u, SYS_futex, fa, 3, 1, 2, fb, 0);
	UT_EXPECT("futex requeue", ut_line(u, 0),
		  "futex(0x7ffdb3926698, FUTEX_REQUEUE, 1, 2, 0x7ffdb3926694) = 0");
	ut_begin(u, SYS_futex, fa, 132, 1, 2, fb, 7);
	UT_EXPECT("futex cmp_requeue", ut_line(u, -11),
		  "futex(0x7ffdb3926698, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2, 0x7ffdb3926694, 7) = -1 EAGAIN (Resource temporarily unavailable)");
	ut_begin(u, SYS_futex, fa, 5, 1, 2, fb, (1u << 28) | (1 << 12) | (4 << 24));
	UT_EXPECT("futex wake_op", ut_line(u, 0),
		  "futex(0x7ffdb3926698, FUTEX_WAKE_OP, 1, 2, 0x7ffdb3926694, FUTEX_OP_ADD<<28|0x1<<12|FUTEX_OP_CMP_GT<<24|0) = 0");
	ut_begin(u, SYS_futex, fa, 133, 1, 2, fb, (8u << 28) | (1 << 24) | (7 << 12) | 3);
	UT_EXPECT("futex wake_op oparg_shift", ut_line(u, 0),
		  "futex(0x7ffdb3926698, FUTEX_WAKE_OP_PRIVATE, 1, 2, 0x7ffdb3926694, FUTEX_OP_OPARG_SHIFT<<28|FUTEX_OP_SET<<28|0x7<<12|FUTEX_OP_CMP_NE<<24|0x3) = 0");
	ut_begin(u, SYS_futex, fa, 7, 0, 0, 0, 0);
	UT_EXPECT("futex unlock_pi", ut_line(u, 0), "futex(0x7ffdb3926698, FUTEX_UNLOCK_PI)  = 0");
	ut_begin(u, SYS_futex, fa, 13, 0, 0, 0, 0);
	UT_EXPECT("futex lock_pi2", ut_line(u, -35),
		  "futex(0x7ffdb3926698, FUTEX_LOCK_PI2, NULL) = -1 EDEADLK (Resource deadlock avoided)");
	ut_begin(u, SYS_futex, fa, 99, 1, 2, 3, 4);
	UT_EXPECT("futex unknown", ut_line(u, -38),
		  "futex(0x7ffdb3926698, 0x63 /* FUTEX_??? */, 1, 0x2, 0x3, 0x4) = -1 ENOSYS (Function not implemented)");
}

UT_CASE(getrandom)
{
	static const uint8_t rnd[8] = { 0x66, 0x7b, 0x36, 0x7e, 0xfa, 0xc6, 0xbd, 0x70 };

	ut_begin(u, SYS_getrandom, 0x1000, 8, 1, 0, 0, 0);
	ut_blob(u, 0, HY_AT_EXIT, 0, rnd, 8, 0);
	UT_EXPECT("getrandom", ut_line(u, 8),
		  "getrandom(\"\\x66\\x7b\\x36\\x7e\\xfa\\xc6\\xbd\\x70\", 8, GRND_NONBLOCK) = 8");
	UT_EXPECT("getrandom entry", ut_enter(u), "getrandom(");
	ut_begin(u, SYS_getrandom, 0x1000, 0, 0, 0, 0, 0);
	UT_EXPECT("getrandom empty", ut_line(u, 0), "getrandom(\"\", 0, 0)                     = 0");
	ut_begin(u, SYS_getrandom, 8, 4, 0xff00, 0, 0, 0);
	UT_EXPECT("getrandom einval", ut_line(u, -22),
		  "getrandom(0x8, 4, 0xff00 /* GRND_??? */) = -1 EINVAL (Invalid argument)");
}

UT_CASE(ioctl)
{
	ut_begin(u, SYS_ioctl, 3, 0x5401, 0x7ffdb3926630, 0, 0, 0);
	UT_EXPECT("ioctl TCGETS enotty", ut_line(u, -25),
		  "ioctl(3, TCGETS, 0x7ffdb3926630)        = -1 ENOTTY (Inappropriate ioctl for device)");
	int32_t five = 5, one = 1;

	ut_begin(u, SYS_ioctl, 4, 0x541B, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, &five, 4, 0);
	UT_EXPECT("ioctl FIONREAD", ut_line(u, 0), "ioctl(4, FIONREAD, [5])                 = 0");
	ut_begin(u, SYS_ioctl, 4, 0x5421, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, &one, 4, 0);
	UT_EXPECT("ioctl FIONBIO", ut_line(u, 0), "ioctl(4, FIONBIO, [1])                  = 0");
	ut_begin(u, SYS_ioctl, 4, 0x5451, 0, 0, 0, 0);
	UT_EXPECT("ioctl FIOCLEX", ut_line(u, 0), "ioctl(4, FIOCLEX)                       = 0");
	ut_begin(u, SYS_ioctl, 3, 0x8010fe42, 0x7ffdb3926670, 0, 0, 0);
	UT_EXPECT("ioctl _IOC read", ut_line(u, -25),
		  "ioctl(3, _IOC(_IOC_READ, 0xfe, 0x42, 0x10), 0x7ffdb3926670) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(u, SYS_ioctl, 3, 0xc008fe43, 0x7ffdb3926670, 0, 0, 0);
	UT_EXPECT("ioctl _IOC rw", ut_line(u, -25),
		  "ioctl(3, _IOC(_IOC_READ|_IOC_WRITE, 0xfe, 0x43, 0x8), 0x7ffdb3926670) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(u, SYS_ioctl, 3, 0xfe44, 0, 0, 0, 0);
	UT_EXPECT("ioctl _IOC none", ut_line(u, -25),
		  "ioctl(3, _IOC(_IOC_NONE, 0xfe, 0x44, 0), 0) = -1 ENOTTY (Inappropriate ioctl for device)");
}

UT_CASE(ioctl_tty)
{
	uint16_t ws[4] = { 24, 80, 0, 0 };

	ut_begin(u, SYS_ioctl, 7, 0x5414, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, ws, 8, 0);
	UT_EXPECT("ioctl TIOCSWINSZ", ut_line(u, 0),
		  "ioctl(7, TIOCSWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0");
	ut_begin(u, SYS_ioctl, 7, 0x540B, 0, 0, 0, 0);
	UT_EXPECT("ioctl TCFLSH", ut_line(u, 0), "ioctl(7, TCFLSH, TCIFLUSH)              = 0");
	ut_begin(u, SYS_ioctl, 7, 0x540E, 0, 0, 0, 0);
	UT_EXPECT("ioctl TIOCSCTTY", ut_line(u, -1), "ioctl(7, TIOCSCTTY, 0)                  = -1 EPERM (Operation not permitted)");

	/* a pty's default termios: iflag ICRNL|IXON, oflag OPOST|ONLCR, cflag B38400|CS8|CREAD */
	uint8_t t[36] = { 0 };
	uint32_t fl[4] = { 02400, 05, 0277, 0105073 };
	static const uint8_t cc[19] = { 3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12,
					0xf, 0x17, 0x16, 0, 0, 0 };

	memcpy(t, fl, 16);
	memcpy(t + 17, cc, 19);
	ut_begin(u, SYS_ioctl, 7, 0x5401, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_EXIT, 0, t, 36, 0);
	UT_EXPECT("ioctl TCGETS", ut_line(u, 0),
		  "ioctl(7, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}) = 0");
	u->o.verbose = true;
	UT_EXPECT("ioctl TCGETS -v", ut_line(u, 0),
		  "ioctl(7, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, c_line=N_TTY, c_cc=[[VINTR]=0x3, [VQUIT]=0x1c, [VERASE]=0x7f, [VKILL]=0x15, [VEOF]=0x4, [VTIME]=0, [VMIN]=0x1, [VSWTC]=0, [VSTART]=0x11, [VSTOP]=0x13, [VSUSP]=0x1a, [VEOL]=0, [VREPRINT]=0x12, [VDISCARD]=0xf, [VWERASE]=0x17, [VLNEXT]=0x16, [VEOL2]=0, [17]=0, [18]=0]}) = 0");
	u->o.verbose = false;
	ut_begin(u, SYS_ioctl, 7, 0x5402, 0x1000, 0, 0, 0);
	ut_blob(u, 2, HY_AT_ENTER, 0, t, 36, 0);
	UT_EXPECT("ioctl TCSETS", ut_line(u, 0),
		  "ioctl(7, SNDCTL_TMR_START or TCSETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}) = 0");
}

static const struct ut_case cases[] = {
	UT_ENTRY(futex), UT_ENTRY(getrandom), UT_ENTRY(ioctl), UT_ENTRY(ioctl_tty),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
