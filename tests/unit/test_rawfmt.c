// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_rawfmt.c: the raw record file's header (user/lib/rawfmt.c): round trip, versions, bounds. */
#include <errno.h>
#include <string.h>
#include "rawfmt.h"
#include "unit.h"

static void sample(struct raw_hdr *h)
{
	memset(h, 0, sizeof(*h));
	h->rec_hdr_size = 112;
	h->flags = RAW_F_TIMES | RAW_F_VERBOSE;
	h->boot_to_real = -1234567890123ll;
	h->strsize = 100;
	h->yflag = 2;
	h->xflag = 1;
	h->follow = 1;
	strcpy(h->version_str, "0.1.0");
	strcpy(h->kernel, "6.1.0-test");
}

UT_TEST(round_trip)
{
	struct raw_hdr in, out;
	uint8_t buf[RAW_HDR_LEN];
	size_t bad;

	sample(&in);
	rawfmt_hdr_encode(&in, buf);
	UT_CHECK("magic", rawfmt_is_raw(buf, sizeof(buf)) && !memcmp(buf, "\x7fHYTRAW\n", 8));
	UT_CHECK("little-endian version at 8", buf[8] == RAW_VERSION && !buf[9] && !buf[10] && !buf[11]);
	UT_CHECK("little-endian length at 12", buf[12] == RAW_HDR_LEN && !buf[13]);
	UT_CHECK("decodes", rawfmt_hdr_decode(&out, buf, sizeof(buf), &bad) == 0);
	UT_CHECK("fields", out.version == RAW_VERSION && out.hdr_len == RAW_HDR_LEN &&
		 out.rec_hdr_size == 112 && out.flags == in.flags &&
		 out.boot_to_real == in.boot_to_real && out.strsize == 100 && out.yflag == 2 &&
		 out.xflag == 1 && out.follow == 1);
	UT_EXPECT("version string", out.version_str, "0.1.0");
	UT_EXPECT("kernel", out.kernel, "6.1.0-test");
}

UT_TEST(long_strings_stay_terminated)
{
	struct raw_hdr in, out;
	uint8_t buf[RAW_HDR_LEN];
	size_t bad;

	sample(&in);
	memset(in.kernel, 'k', sizeof(in.kernel) - 1);
	in.kernel[sizeof(in.kernel) - 1] = '\0';
	rawfmt_hdr_encode(&in, buf);
	UT_CHECK("decodes", rawfmt_hdr_decode(&out, buf, sizeof(buf), &bad) == 0);
	UT_CHECK("terminated", strlen(out.kernel) == RAW_KERNEL_LEN - 1);
	/* a file whose strings have no NUL: still terminated after decoding */
	memset(buf + 40, 'v', RAW_HDR_LEN - 40);
	UT_CHECK("no NUL in the file", rawfmt_hdr_decode(&out, buf, sizeof(buf), &bad) == 0 &&
		 strlen(out.version_str) == RAW_VERSION_STR_LEN - 1 &&
		 strlen(out.kernel) == RAW_KERNEL_LEN - 1);
}

UT_TEST(versions)
{
	struct raw_hdr in, out;
	uint8_t buf[RAW_HDR_LEN + 64];
	size_t bad;

	sample(&in);
	rawfmt_hdr_encode(&in, buf);
	buf[8] = RAW_VERSION + 1;
	UT_CHECK("newer refused", rawfmt_hdr_decode(&out, buf, RAW_HDR_LEN, &bad) ==
		 -EPROTONOSUPPORT && out.version == RAW_VERSION + 1);
	buf[8] = 0;
	UT_CHECK("version 0 corrupt", rawfmt_hdr_decode(&out, buf, RAW_HDR_LEN, &bad) == -EINVAL &&
		 bad == 8);
	/* the same version with a longer header (fields appended later): accepted, extra skipped */
	buf[8] = RAW_VERSION;
	buf[12] = RAW_HDR_LEN + 64;
	memset(buf + RAW_HDR_LEN, 0xee, 64);
	UT_CHECK("longer header read", rawfmt_hdr_decode(&out, buf, sizeof(buf), &bad) == 0 &&
		 out.hdr_len == RAW_HDR_LEN + 64 && out.strsize == 100);
	UT_CHECK("longer header cut short", rawfmt_hdr_decode(&out, buf, RAW_HDR_LEN, &bad) ==
		 -EAGAIN && out.hdr_len == RAW_HDR_LEN + 64);
}

UT_TEST(bounds)
{
	struct raw_hdr in, out;
	uint8_t buf[RAW_HDR_LEN], copy[RAW_HDR_LEN];
	size_t bad;

	sample(&in);
	rawfmt_hdr_encode(&in, buf);
	for (size_t n = 0; n < RAW_HDR_LEN; n++)
		if (rawfmt_hdr_decode(&out, buf, n, &bad) != -EAGAIN) {
			UT_CHECK("every cut is short", false);
			return;
		}
	UT_CHECK("every cut is short", true);
	UT_CHECK("not raw", rawfmt_hdr_decode(&out, "execve(\"/bin/true\"", 18, &bad) == -EPROTO);
	static const struct { size_t off; uint8_t val; } bads[] = {
		{ 12, 7 },	/* hdr_len below the minimum */
		{ 13, 0xff },	/* hdr_len over RAW_HDR_MAX... */
		{ 36, 3 },	/* yflag */
		{ 37, 9 },	/* xflag */
		{ 38, 3 },	/* follow */
	};
	for (size_t i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		memcpy(copy, buf, sizeof(buf));
		copy[bads[i].off] = bads[i].val;
		if (bads[i].off == 13)
			copy[14] = 0xff;
		int err = rawfmt_hdr_decode(&out, copy, sizeof(copy), &bad);

		UT_CHECK("corrupt field named by offset", err == -EINVAL &&
			 bad == (bads[i].off == 13 ? 12 : bads[i].off));
	}
	memcpy(copy, buf, sizeof(buf));
	memset(copy + 32, 0, 4);
	UT_CHECK("strsize 0", rawfmt_hdr_decode(&out, copy, sizeof(copy), &bad) == -EINVAL &&
		 bad == 32);
}

/* RAW_REC_FUNC_INFO (version 2): the layout of docs/raw-format.md, and what a reader refuses. */
UT_TEST(func_info)
{
	struct raw_func_info fi = {
		.fid = 7, .nparams = -1, .offset = 0x1139, .size = 0x27, .pid = 0, .addr = 0,
		.name = "fib", .name_len = 3, .module = "/bin/ft", .module_len = 7,
	}, out;
	uint8_t buf[128];
	size_t len = rawfmt_func_encode(&fi, buf, sizeof(buf));

	UT_CHECK("48 bytes, the name and the module, padded to 8", len == 64);
	UT_CHECK("type, name length and size first, as every record's",
		 buf[0] == 0x01 && buf[1] == 0x80 && buf[2] == 3 && buf[3] == 0 && buf[4] == 64 &&
		 buf[8] == 7 && buf[12] == 0xff && buf[16] == 0x39 && buf[17] == 0x11 &&
		 buf[24] == 0x27 && buf[36] == 7 && !memcmp(buf + 48, "fib/bin/ft", 10) &&
		 !buf[58] && !buf[63]);
	UT_CHECK("decodes", !rawfmt_func_decode(&out, buf, len) && out.fid == 7 &&
		 out.nparams == -1 && out.offset == 0x1139 && out.size == 0x27 &&
		 out.name_len == 3 && !memcmp(out.name, "fib", 3) && out.module_len == 7 &&
		 !memcmp(out.module, "/bin/ft", 7));
	UT_CHECK("too small a buffer: nothing written, the size said",
		 rawfmt_func_encode(&fi, buf, 10) == 64);
	UT_CHECK("a size that is not the record's", rawfmt_func_decode(&out, buf, 56) == -EINVAL);
	buf[2] = 30;	/* the name would overrun the record */
	UT_CHECK("a name past the end", rawfmt_func_decode(&out, buf, len) == -EINVAL);
	buf[2] = 0;
	UT_CHECK("an empty name", rawfmt_func_decode(&out, buf, len) == -EINVAL);
	buf[2] = 3;
	buf[49] = 0;
	UT_CHECK("a NUL inside the name", rawfmt_func_decode(&out, buf, len) == -EINVAL);
	buf[49] = 'i';
	buf[0] = 0x02;
	UT_CHECK("another type", rawfmt_func_decode(&out, buf, len) == -EINVAL);
}

static const struct ut_case cases[] = {
	UT_ENTRY(round_trip), UT_ENTRY(long_strings_stay_terminated), UT_ENTRY(versions),
	UT_ENTRY(bounds), UT_ENTRY(func_info),
	{ NULL }
};

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
