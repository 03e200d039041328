// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_bpf_skel.c: the BPF skeleton opens (no root needed) and agrees with the shared layouts. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "hytrace.bpf.h"
#include "hytrace.skel.h"

int bpf_summary_fetch(struct hy_sum *out, unsigned int n);

static int fails;

static void check(const char *name, int ok)
{
	printf("%sok bpf: %s\n", ok ? "" : "not ", name);
	fails += !ok;
}

static int quiet(enum libbpf_print_level lvl, const char *fmt, va_list ap)
{
	return 0;
}

int main(void)
{
	struct hytrace_bpf *skel;
	struct hy_sum sums[4];
	int n = 0;

	libbpf_set_print(quiet);
	skel = hytrace_bpf__open();
	check("skeleton opens", skel != NULL);
	if (!skel)
		return 1;
	check("capture spec fits the rodata map",
	      sizeof(skel->rodata->cfg_caps) == HY_NR_MAX * sizeof(struct hy_cap_entry) &&
	      sizeof(skel->rodata->cfg_nrflags) == HY_NR_MAX);
	check("comm filter slots", sizeof(skel->rodata->cfg_comms) == HYB_COMMS_MAX * HY_COMM_LEN);
	check("task state layout", bpf_map__value_size(skel->maps.tasks) == sizeof(struct hyb_task));
	check("drop counter layout", bpf_map__value_size(skel->maps.drops) == sizeof(struct hyb_drops));
	check("-c totals layout", bpf_map__value_size(skel->maps.sums) == sizeof(struct hy_sum) &&
				  bpf_map__max_entries(skel->maps.sums) == HY_NR_MAX);
	check("record scratch holds the largest record",
	      bpf_map__value_size(skel->maps.scratch) > 2 * HYB_REC_MAX);
	check("slot below the record size", HYB_SLOT_MAX < HYB_REC_MAX &&
					    !(HYB_REC_MAX & (HYB_REC_MAX - 1)) &&
					    !(HYB_SLOT_MAX & (HYB_SLOT_MAX - 1)));
	struct bpf_program *p;

	bpf_object__for_each_program(p, skel->obj)
		n++;
	check("six programs (sys_enter/exit, fork, exec, exit, signal)", n == 6);
	hytrace_bpf__destroy(skel);
	check("no -c totals without a run", bpf_summary_fetch(sums, 4) == -ENOENT);
	return fails ? 1 : 0;
}
