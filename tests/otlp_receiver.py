#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# otlp_receiver.py: a loopback OTLP/HTTP receiver for the tests: records each POST body.
#
#   otlp_receiver.py DIR [--fail N] [--fail-status 503] [--status 200] [--retry-after S]
#                        [--timeout SECONDS] [--hang]
#
# Listens on 127.0.0.1, an ephemeral port, and prints the port on the first line of stdout.
# The first N requests get --fail-status (with Retry-After: S when given); after that every
# request gets --status.  Accepted bodies (2xx) are written to DIR/req-K.json; every request
# is logged to DIR/log as "TIME STATUS PATH CONTENT-TYPE BYTES", its headers to DIR/headers-N.txt.  It exits by itself after
# --timeout seconds (default 60), so that a failed test never leaves it behind.
# --hang: a collector that accepts connections and never answers (nor reads); each accepted
# connection is logged to DIR/log as "TIME accept".
import argparse
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
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    if args.hang:
        return hang(args)
    state = {"n": 0, "saved": 0}
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"	# keep-alive, as collectors do

        def log_message(self, *a):
            pass

        def do_POST(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n)
            with lock:
                state["n"] += 1
                failing = state["n"] <= args.fail
                status = args.fail_status if failing else args.status
                if 200 <= status < 300:
                    state["saved"] += 1
                    with open(os.path.join(args.dir, "req-%d.json" % state["saved"]), "wb") as f:
                        f.write(body)
                with open(os.path.join(args.dir, "headers-%d.txt" % state["n"]), "w") as f:
                    f.write(str(self.headers))
                with open(os.path.join(args.dir, "log"), "a") as f:
                    f.write("%.3f %d %s %s %d\n" % (time.time(), status, self.path,
                                                   self.headers.get("Content-Type"), len(body)))
            if 200 <= status < 300:
                out = b"{}"
            else:
                out = b'{"code":3,"message":"test receiver says %d"}' % status
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
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
