#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# otlp_receiver.py: a loopback OTLP/HTTP receiver for the tests: records each POST body.
#
#   otlp_receiver.py DIR [--fail N] [--fail-status 503] [--status 200] [--retry-after S]
#                        [--timeout SECONDS] [--hang] [--partial N:MESSAGE]
#
# Listens on 127.0.0.1, an ephemeral port, and prints the port on the first line of stdout.
# The first N requests get --fail-status (with Retry-After: S when given); after that every
# request gets --status.  Accepted bodies (2xx) are written to DIR/req-K.json (JSON) or
# DIR/req-K.pb (protobuf) for /v1/traces, DIR/logs-K.json or .pb for /v1/logs, decompressed
# when sent with Content-Encoding: gzip (DIR/gzip-K marks those); every request
# is logged to DIR/log as "TIME STATUS PATH CONTENT-TYPE BYTES", its headers to DIR/headers-N.txt.  It exits by itself after
# --timeout seconds (default 60), so that a failed test never leaves it behind.
# --hang: a collector that accepts connections and never answers (nor reads); each accepted
# connection is logged to DIR/log as "TIME accept".
# --partial N:MESSAGE: a 2xx answer carries partial_success (N rejected, MESSAGE) in the
# request's encoding (OTLP/HTTP: the response is encoded as the request was).
import argparse
import gzip
import http.server
import os
import socket
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--fail", type=int, default=0)
    ap.add_argument("--fail-status", type=int, default=503)
    ap.add_argument("--status", type=int, default=200)
    ap.add_argument("--retry-after", default=None)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--hang", action="store_true")
    ap.add_argument("--partial", default=None)
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    if args.hang:
        return hang(args)
    state = {"n": 0, "saved": 0, "logs": 0}
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"	# keep-alive, as collectors do

        def log_message(self, *a):
            pass

        def do_POST(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n)
            pb = self.headers.get("Content-Type") == "application/x-protobuf"
            zipped = self.headers.get("Content-Encoding") == "gzip"
            with lock:
                state["n"] += 1
                failing = state["n"] <= args.fail
                status = args.fail_status if failing else args.status
                if 200 <= status < 300:
                    kind = "logs" if self.path.endswith("/v1/logs") else "saved"
                    state[kind] += 1
                    name = "%s-%d.%s" % ("logs" if kind == "logs" else "req", state[kind],
                                         "pb" if pb else "json")
                    with open(os.path.join(args.dir, name), "wb") as f:
                        f.write(gzip.decompress(body) if zipped else body)
                    if zipped:
                        open(os.path.join(args.dir, "gzip-%d" % state["n"]), "w").close()
                with open(os.path.join(args.dir, "headers-%d.txt" % state["n"]), "w") as f:
                    f.write(str(self.headers))
                with open(os.path.join(args.dir, "log"), "a") as f:
                    f.write("%.3f %d %s %s %d\n" % (time.time(), status, self.path,
                                                   self.headers.get("Content-Type"), len(body)))
            if 200 <= status < 300 and args.partial:
                rej, msg = args.partial.split(":", 1)
                logs = self.path.endswith("/v1/logs")
                if pb:	# partial_success (1) { rejected (1): varint, error_message (2) }
                    m = msg.encode()
                    inner = b"\x08" + varint(int(rej)) + b"\x12" + varint(len(m)) + m
                    out = b"\x0a" + varint(len(inner)) + inner
                else:
                    out = ('{"partialSuccess":{"%s":"%s","errorMessage":"%s"}}' %
                           ("rejectedLogRecords" if logs else "rejectedSpans", rej, msg)).encode()
            elif 200 <= status < 300:
                out = b"" if pb else b"{}"
            else:
                out = b'{"code":3,"message":"test receiver says %d"}' % status
            self.send_response(status)
            self.send_header("Content-Type", "application/x-protobuf" if pb and 200 <= status < 300
                             else "application/json")
            self.send_header("Content-Length", str(len(out)))
            if failing and args.retry_after is not None:
                self.send_header("Retry-After", args.retry_after)
            self.end_headers()
            self.wfile.write(out)

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    print(srv.server_address[1], flush=True)
    threading.Timer(args.timeout, srv.shutdown).start()
    srv.serve_forever()
    return 0


def varint(v):
    out = b""
    while True:
        b = v & 0x7f
        v >>= 7
        if v:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def hang(args):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    print(srv.getsockname()[1], flush=True)
    conns = []
    end = time.time() + args.timeout
    while time.time() < end:
        srv.settimeout(max(0.01, end - time.time()))
        try:
            c, _ = srv.accept()
        except socket.timeout:
            break
        conns.append(c)	# held open, never read nor answered
        with open(os.path.join(args.dir, "log"), "a") as f:
            f.write("%.3f accept\n" % time.time())
    return 0


if __name__ == "__main__":
    sys.exit(main())
