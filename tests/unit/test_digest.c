// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_digest.c: MD5 and SHA-256 (user/lib/digest.c) against the vectors of RFC 1321 and FIPS 180-2. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "digest.h"
#include "unit.h"

static const char *md5(const char *s, size_t n)
{
	static char hex[DIGEST_HEX_MAX];

	digest_buf(DIGEST_MD5, s, n, hex);
	return hex;
}

static const char *sha(const char *s, size_t n)
{
	static char hex[DIGEST_HEX_MAX];

	digest_buf(DIGEST_SHA256, s, n, hex);
	return hex;
}

UT_TEST(md5)
{
	/* RFC 1321 appendix A.5 */
	UT_EXPECT("md5 empty", md5("", 0), "d41d8cd98f00b204e9800998ecf8427e");
	UT_EXPECT("md5 a", md5("a", 1), "0cc175b9c0f1b6a831c399e269772661");
	UT_EXPECT("md5 abc", md5("abc", 3), "900150983cd24fb0d6963f7d28e17f72");
	UT_EXPECT("md5 message digest", md5("message digest", 14), "f96b697d7cb7938d525a2f31aaf161d0");
	const char *n80 = "12345678901234567890123456789012345678901234567890123456789012345678901234567890";

	UT_EXPECT("md5 80 digits", md5(n80, 80), "57edf4a22be3c955ac49da2e2107b67a");
}

UT_TEST(sha256)
{
	/* FIPS 180-2 appendix B */
	UT_EXPECT("sha256 empty", sha("", 0),
		  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	UT_EXPECT("sha256 abc", sha("abc", 3),
		  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	UT_EXPECT("sha256 two blocks", sha(two, 56),
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

UT_TEST(file)
{
	/* a million 'a's (FIPS 180-2 B.3), through a file read in 64 KiB pieces */
	char path[] = "/tmp/hyt-digest.XXXXXX", hex[DIGEST_HEX_MAX];
	int fd = mkstemp(path);
	static char buf[1000000];
	uint64_t size = 0;

	memset(buf, 'a', sizeof(buf));
	UT_CHECK("temp file", fd >= 0 && write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf));
	UT_CHECK("sha256 file", !digest_file(DIGEST_SHA256, path, hex, &size) && size == 1000000);
	UT_EXPECT("sha256 million a", hex,
		  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	UT_CHECK("md5 file", !digest_file(DIGEST_MD5, path, hex, &size));
	UT_EXPECT("md5 million a", hex, "7707d6ae4e027c70eea2a935c2296f21");
	unlink(path);
	if (fd >= 0)
		close(fd);
	UT_CHECK("missing file", digest_file(DIGEST_MD5, path, hex, &size) == -ENOENT);
}

static const struct ut_case cases[] = { UT_ENTRY(md5), UT_ENTRY(sha256), UT_ENTRY(file), { NULL } };

int main(int argc, char **argv)
{
	return ut_main(argc, argv, cases);
}
