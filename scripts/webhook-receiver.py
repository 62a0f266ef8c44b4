#!/usr/bin/env python3
"""A webhook receiver for the example apps (scripts/run.sh): prints each request it takes, with
its idempotency key and whether its Standard Webhooks signature checks out, and answers 200.
Usage: webhook-receiver.py PORT [SECRET]   (SECRET as in signing.secret, whsec_... or plain)"""
import base64
import hashlib
import hmac
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
SECRET = sys.argv[2] if len(sys.argv) > 2 else ""
KEY = base64.b64decode(SECRET[6:]) if SECRET.startswith("whsec_") else SECRET.encode()


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        key = self.headers.get("webhook-id", "")
        signed = f"{key}.{self.headers.get('webhook-timestamp', '')}.".encode() + body
        expected = "v1," + base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
        check = "signature ok" if hmac.compare_digest(expected, self.headers.get("webhook-signature", "")) else "UNSIGNED"
        print(f"webhook {self.path} <- {body.decode(errors='replace')}  ({key}, {check})", flush=True)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


try:
    ThreadingHTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
except KeyboardInterrupt:  # Ctrl-C in scripts/run.sh
    pass
