// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_nvcov.c: which of the NVIDIA ioctls CUDA, nvidia-smi and ML programs use hytrace names. */
/*
 * No GPU here, so no real trace: the stand-in for "what CUDA asks the driver" is gVisor's nvproxy
 * allowlist (tests/unit/nv_gvisor_ids.h, generated from google/gvisor by gen-nv-gvisor-ids.sh):
 * the escapes, UVM commands, RM control commands and RM classes it lets a sandboxed program use,
 * each tagged with the container capabilities (compute, utility, graphics, ...) that allow it.
 * For every id: does hytrace's table name it (the xlat tables the decoder prints names from),
 * and, where gVisor names a params struct, does hytrace know its layout (the bindings the decoder
 * prints params with; for classes also the RM_ALLOC capture size).  An id that
 * open-gpu-kernel-modules 595.45.04 defines and hytrace does not name fails the test, unless it
 * is one of the gaps listed below with its cause.  The counts print as '#' lines.
 */
#include "unit.h"
#include "ioctl/ioctl.h"
#include "ioctl/nvidia.h"
#include "ioctl/nvidia_tab.h"
#include "xlat_gen.h"
#include "nv_gvisor_ids.h"

#define NV_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * What hytrace lacks of the allowlist, each with its cause (issue 11; the 18 gaps first listed
 * here were filled by fixes of decoders/ioctl/gen-nvidia.sh, see docs/nvidia.md).  GAP_NAME: an
 * id 595.45.04 defines that hytrace's tables do not name.  GAP_LAYOUT: an id gVisor allows under
 * compute or utility (what CUDA and nvidia-smi use) with a params struct that hytrace has no
 * layout for.  The test fails when another id lacks a name or such a layout, and when a listed
 * gap is filled (then remove it here), so the list stays what the tables lack.
 */
enum nvcov_gap_kind { GAP_NAME, GAP_LAYOUT };

struct nvcov_gap {
	enum nv_role role;
	uint32_t id;
	enum nvcov_gap_kind what;
	const char *why;
};

static const struct nvcov_gap nvcov_gaps[] = {
	/*
	 * none left (gen-nvidia.sh now names the commands its finn comments mark, whatever their
	 * category or name; binds classes by the driver's resource_list.h; lays out arrays of
	 * inline structs); a new gap goes here, before the end marker
	 */
	{ NVB_ESC, 0, GAP_NAME, NULL },		/* end */
};

static const struct nvcov_gap *gap_of(enum nv_role role, uint32_t id, enum nvcov_gap_kind what)
{
	for (size_t i = 0; nvcov_gaps[i].why; i++)
		if (nvcov_gaps[i].role == role && nvcov_gaps[i].id == id &&
		    nvcov_gaps[i].what == what)
			return &nvcov_gaps[i];
	return NULL;
}

/* The struct hytrace decodes (role, key) with (the pinned release's layout), or NULL. */
static const struct nv_struct *layout_of(enum nv_role role, uint32_t key)
{
	const struct nv_struct *s = NULL;

	for (size_t i = 0; i < nv_nbinds; i++)
		if (nv_binds[i].role == role && nv_binds[i].key == key && nv_binds[i].s &&
		    (!s || !nv_binds[i].before))
			s = nv_binds[i].s;
	return s;
}

static bool class_captured(uint32_t hclass)
{
	size_t n;
	const struct nv_class_size *cs = nv_class_sizes(&n);

	for (size_t i = 0; i < n; i++)
		if (cs[i].hclass == hclass)
			return true;
	return false;
}

/* gVisor's capability tags of an id, for the report: "compute|utility", "graphics|video" */
static const char *caps_str(unsigned int caps)
{
	static const char *const names[] = { "compute", "display", "graphics", "ngx", "utility",
					     "video", "compat32", "fabric-imex", "profiling", "rdma" };
	static char buf[128];
	size_t at = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < NV_ARRAY_SIZE(names); i++)
		if (caps & (1u << i))
			at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%s%s", at ? "|" : "",
					       names[i]);
	return buf;
}

/* Counts over one kind: all of it, and the part gVisor allows under compute or utility. */
struct nvcov_count {
	unsigned int all, absent, named, gaps, params, layout, decoded, same_struct;
};

struct nvcov_kind {
	const char *what;
	enum nv_role role;
	const struct nvg_id *ids;
	size_t n;
	const struct xlat *x;
};

/* Whether hytrace decodes the params of id (role): its layout, and for classes the capture size. */
static bool decodes(enum nv_role role, uint32_t id, bool *layout)
{
	*layout = layout_of(role, id) != NULL;
	if (role == NVB_CLASS)
		return *layout && class_captured(id);
	if (role == NVB_UVM)
		return *layout && nv_ioc_desc(HY_DEV_NVIDIA_UVM, id);
	return *layout;
}

static void count_kind(const struct nvcov_kind *k, struct nvcov_count *c, unsigned int caps,
		       bool report)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < k->n; i++) {
		const struct nvg_id *g = &k->ids[i];
		const char *name = xlat_name(k->x, g->id);
		bool layout;

		if (caps && !(g->caps & caps))
			continue;
		c->all++;
		if (g->absent) {
			c->absent++;
			if (report)
				printf("#  %s %#x %s: not in %s (%s)\n", k->what, g->id, g->name,
				       NVG_HEADERS, g->absent);
			continue;
		}
		if (name)
			c->named++;
		else if (gap_of(k->role, g->id, GAP_NAME))
			c->gaps++;
		if (!g->params)
			continue;
		c->params++;
		if (decodes(k->role, g->id, &layout))
			c->decoded++;
		c->layout += layout;
		if (layout) {
			const struct nv_struct *s = layout_of(k->role, g->id);

			c->same_struct += !strcmp(s->name, g->params);
			if (report && strcmp(s->name, g->params))
				printf("#  %s %#x %s: params as %s (gVisor: %s)\n", k->what, g->id,
				       name ? name : g->name, s->name, g->params);
		} else if (report) {
			printf("#  %s %#x %s: no params layout (gVisor: %s) [%s]\n", k->what, g->id,
			       name ? name : g->name, g->params, caps_str(g->caps));
		}
	}
}

static const struct nvcov_kind kinds[] = {
	{ "escape", NVB_ESC, nvg_esc, NV_ARRAY_SIZE(nvg_esc), &xlat_nv_escapes },
	{ "UVM command", NVB_UVM, nvg_uvm, NV_ARRAY_SIZE(nvg_uvm), &xlat_nv_uvm_cmds },
	{ "control command", NVB_CTRL, nvg_ctrl, NV_ARRAY_SIZE(nvg_ctrl), &xlat_nv_ctrl_cmds },
	{ "class", NVB_CLASS, nvg_class, NV_ARRAY_SIZE(nvg_class), &xlat_nv_classes },
};

/* Every allowlisted id that 595.45.04 defines is named, but for the listed gaps. */
static void check_named(const struct nvcov_kind *k)
{
	char check[96];
	int bad = 0;

	for (size_t i = 0; i < k->n; i++) {
		const struct nvg_id *g = &k->ids[i];
		const char *name = xlat_name(k->x, g->id);
		const struct nvcov_gap *gap = gap_of(k->role, g->id, GAP_NAME);

		if (g->absent && name) {
			printf("#  %#x %s: named %s although the fixture says %s\n", g->id, g->name,
			       name, g->absent);
			bad = 1;
		} else if (!g->absent && !name && !gap) {
			printf("#  %#x %s: not named\n", g->id, g->name);
			bad = 1;
		} else if (gap && name) {
			printf("#  %#x %s: now named %s, remove it from nvcov_gaps[]\n", g->id,
			       g->name, name);
			bad = 1;
		} else if (gap && g->absent) {
			printf("#  %#x %s: a gap but not in %s\n", g->id, g->name, NVG_HEADERS);
			bad = 1;
		}
	}
	snprintf(check, sizeof(check), "every allowlisted %s of %s named", k->what, NVG_HEADERS);
	UT_CHECK(check, !bad);
}

/* Every allowlisted compute|utility id with params has a layout, but for the listed gaps. */
static void check_layouts(const struct nvcov_kind *k)
{
	char check[96];
	int bad = 0;

	for (size_t i = 0; i < k->n; i++) {
		const struct nvg_id *g = &k->ids[i];
		const struct nvcov_gap *gap = gap_of(k->role, g->id, GAP_LAYOUT);
		bool layout, cu = g->caps & (NVG_COMPUTE | NVG_UTILITY);

		decodes(k->role, g->id, &layout);
		if (gap && (!cu || !g->params || g->absent)) {
			printf("#  %#x %s: a layout gap but not compute|utility with params\n", g->id,
			       g->name);
			bad = 1;
		} else if (gap && layout) {
			printf("#  %#x %s: now has a layout, remove it from nvcov_gaps[]\n", g->id,
			       g->name);
			bad = 1;
		} else if (!gap && cu && g->params && !g->absent && !decodes(k->role, g->id, &layout)) {
			printf("#  %#x %s: params %s not decoded\n", g->id, g->name, g->params);
			bad = 1;
		}
	}
	snprintf(check, sizeof(check), "params of every compute|utility %s decoded", k->what);
	UT_CHECK(check, !bad);
}

static void print_counts(const struct nvcov_kind *k)
{
	struct nvcov_count a, cu;

	count_kind(k, &a, 0, true);
	count_kind(k, &cu, NVG_COMPUTE | NVG_UTILITY, false);
	printf("# %s: %u allowlisted (%u not in %s), %u named (%u known gaps); %u with params: "
	       "%u with a layout, %u decoded, %u by gVisor's struct name\n", k->what, a.all,
	       a.absent, NVG_HEADERS, a.named, a.gaps, a.params, a.layout, a.decoded,
	       a.same_struct);
	printf("# %s, compute|utility: %u allowlisted (%u not in %s), %u named; %u with params, "
	       "%u decoded\n", k->what, cu.all, cu.absent, NVG_HEADERS, cu.named, cu.params,
	       cu.decoded);
}

UT_TEST(fixture)
{
	int bad = 0;

	for (size_t k = 0; k < NV_ARRAY_SIZE(kinds); k++)
		for (size_t i = 0; i < kinds[k].n; i++) {
			const struct nvg_id *g = &kinds[k].ids[i];

			if ((i && kinds[k].ids[i - 1].id >= g->id) || !g->caps || !g->name)
				bad = 1;
		}
	UT_CHECK("ids sorted, unique, with capabilities", !bad);
	/* what gVisor's 595 list is known to hold (version.go: base list and the 545 ... 590 edits) */
	UT_CHECK("escapes", NV_ARRAY_SIZE(nvg_esc) >= 20);
	UT_CHECK("UVM commands", NV_ARRAY_SIZE(nvg_uvm) >= 25);
	UT_CHECK("control commands", NV_ARRAY_SIZE(nvg_ctrl) >= 200);
	UT_CHECK("classes", NV_ARRAY_SIZE(nvg_class) >= 90);
	for (size_t i = 0; nvcov_gaps[i].why; i++)
		if (!*nvcov_gaps[i].why)
			bad = 1;
	UT_CHECK("every gap has its cause", !bad);
}

UT_TEST(escapes)
{
	check_named(&kinds[0]);
	check_layouts(&kinds[0]);
	print_counts(&kinds[0]);
}

UT_TEST(uvm)
{
	check_named(&kinds[1]);
	check_layouts(&kinds[1]);
	print_counts(&kinds[1]);
}

UT_TEST(ctrl)
{
	check_named(&kinds[2]);
	check_layouts(&kinds[2]);
	print_counts(&kinds[2]);
}

UT_TEST(classes)
{
	check_named(&kinds[3]);
	check_layouts(&kinds[3]);
	print_counts(&kinds[3]);
}

static const struct ut_case cases[] = {
	UT_ENTRY(fixture), UT_ENTRY(escapes), UT_ENTRY(uvm), UT_ENTRY(ctrl), UT_ENTRY(classes),
	{ NULL },
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
