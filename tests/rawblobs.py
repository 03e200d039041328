#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# rawblobs.py: the captured memory of a --format=raw file, one line per blob, for tests that
# compare what the backends copy (docs/raw-format.md, bpf/hytrace.h).
#
#   python3 tests/rawblobs.py FILE [NR...]
#
# Prints, for each syscall record (HY_REC_SYSCALL; only the syscall numbers NR if given):
#   "nr=N ret=R" and then per blob "  arg=A when=W idx=I flags=F err=E len=L HEX"
# HY_BF_FDPATH blobs show their text instead of hex; the blob's addr is left out (pids and
# addresses differ from run to run), as are times, pids and the record's flags.
import struct
import sys

HDR_FMT = "<HHIII QQ 16s iI 6Q q"
HDR_LEN = struct.calcsize(HDR_FMT)
BLOB_FMT = "<BBHiIIQ"
BLOB_LEN = struct.calcsize(BLOB_FMT)
HY_REC_SYSCALL = 1
HY_BF_FDPATH = 0x04


def main():
    data = open(sys.argv[1], "rb").read()
    want = {int(x) for x in sys.argv[2:]}
    if data[:8] != b"\x7fHYTRAW\n":
        sys.exit("rawblobs.py: %s: not a raw trace" % sys.argv[1])
    off = struct.unpack_from("<I", data, 12)[0]
    while off + HDR_LEN <= len(data):
        (typ, nblobs, size, _pid, _tid, _t0, _t1, _comm, nr, _fl, *rest) = \
            struct.unpack_from(HDR_FMT, data, off)
        ret = rest[6]
        if size < HDR_LEN:
            sys.exit("rawblobs.py: bad record size %d at %d" % (size, off))
        if typ == HY_REC_SYSCALL and (not want or nr in want):
            print("nr=%d ret=%d" % (nr, ret))
            p = off + HDR_LEN
            for _ in range(nblobs):
                arg, when, idx, err, ln, flags, _addr = struct.unpack_from(BLOB_FMT, data, p)
                body = data[p + BLOB_LEN:p + BLOB_LEN + ln]
                text = body.decode("ascii", "replace") if flags & HY_BF_FDPATH else body.hex()
                print("  arg=%d when=%d idx=%d flags=%#x err=%d len=%d %s" %
                      (arg, when, idx, flags, err, ln, text))
                p += BLOB_LEN + ((ln + 7) & ~7)
        off += size


main()
