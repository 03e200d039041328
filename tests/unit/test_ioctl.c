// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_ioctl.c: the _IOC_TYPE dispatch: every named request reaches the family that names it. */
#include <sys/syscall.h>
#include "unit.h"
#include "ioctl/ioctl.h"
#include "xlat_gen.h"

/* Every request of a family's tables has the family's type, and prints by its name. */
static void check_names(struct ut *u, const struct xlat *x, unsigned int type)
{
	char want[128];
	int bad = 0;

	for (unsigned int i = 0; i < x->n; i++) {
		uint32_t req = (uint32_t)x->e[i].val;

		if (HY_IOC_TYPE(req) != type) {
			printf("#  %s: %s has type %#x\n", x->tname, x->e[i].name, HY_IOC_TYPE(req));
			bad = 1;
		}
		ut_begin(u, SYS_ioctl, 3, req, 0, 0, 0, 0);
		snprintf(want, sizeof(want), "ioctl(3, %s", x->e[i].name);
		const char *got = ut_line(u, -25);

		/* TCSETS prints as "SNDCTL_TMR_START or TCSETS" */
		if (strncmp(got, want, strlen(want)) && !strstr(got, x->e[i].name)) {
			printf("#  got: %s\n", got);
			bad = 1;
		}
	}
	printf("%sok ioctl dispatch %s\n", bad ? "not " : "", x->tname);
	if (bad)
		ut_failed++;
	else
		ut_passed++;
}

int main(void)
{
	struct ut u = { 0 };

	check_names(&u, &xlat_ioctl_tty, 0x54);
	check_names(&u, &xlat_ioctl_aliases, 0x54);
	check_names(&u, &xlat_ioctl_noarg, 0x54);
	/* a type with no family, and one unknown 'T' request: generic forms */
	ut_begin(&u, SYS_ioctl, 3, 0x80044600, 0x7ffd0000, 0, 0, 0);
	UT_LINE(&u, "ioctl no family", -25,
		"ioctl(3, _IOC(_IOC_READ, 0x46, 0, 0x4), 0x7ffd0000) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(&u, SYS_ioctl, 3, 0x54ff, 0x10, 0, 0, 0);
	UT_LINE(&u, "ioctl unknown tty request", -25,
		"ioctl(3, _IOC(_IOC_NONE, 0x54, 0xff, 0), 0x10) = -1 ENOTTY (Inappropriate ioctl for device)");
	ut_begin(&u, SYS_ioctl, 3, 0x30000001, 0, 0, 0, 0);	/* nvidia-uvm's UVM_INITIALIZE */
	UT_LINE(&u, "ioctl type 0", -25,
		"ioctl(3, _IOC(_IOC_NONE, 0, 0x1, 0x3000), 0) = -1 ENOTTY (Inappropriate ioctl for device)");
	return ut_done(&u);
}
