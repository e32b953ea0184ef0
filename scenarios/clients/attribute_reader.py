"""A small order service in plain Python: json.loads into objects, then attribute access.

The way a lot of scripts read JSON: `json.loads(body, object_hook=SimpleNamespace)` and then
`order.total`, `order.items[0].qty`. Added members and another order go unnoticed; a member that
is renamed or removed is an AttributeError, a null total a TypeError.

GET /order calls the dependency (DEPENDENCY_URL + ORDER_PATH, forwarding X-Request-Id) and answers
200 with the order's value, or 502 with the error. Env: PORT, DEPENDENCY_URL, ORDER_PATH.
Run: python3 attribute_reader.py
"""
import json
import os
import sys
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

DEPENDENCY = os.environ["DEPENDENCY_URL"]
ORDER_PATH = os.environ.get("ORDER_PATH", "/v1/orders/42")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/health":
            return self.answer(200, "ok")
        if self.path != "/order":
            return self.answer(404, "not found")
        request = urllib.request.Request(DEPENDENCY + ORDER_PATH)
        request_id = self.headers.get("X-Request-Id")
        if request_id:
            request.add_header("X-Request-Id", request_id)
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                order = json.loads(response.read(), object_hook=lambda d: SimpleNamespace(**d))
            value = order.total * order.items[0].qty
            self.answer(200, "order %s worth %.2f" % (order.id, value))
        except (urllib.error.URLError, ValueError, AttributeError, TypeError, IndexError) as e:
            print("could not read the order: %s: %s" % (type(e).__name__, e), file=sys.stderr, flush=True)
            self.answer(502, "could not read the order: " + type(e).__name__)

    def answer(self, status, text):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8080"))), Handler)
    print("attribute reader started", flush=True)
    server.serve_forever()
