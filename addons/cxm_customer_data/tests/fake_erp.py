# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A fake corporate system on 127.0.0.1 for the look-up connector tests, and
the mixin that starts it for a test class."""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from odoo.tests.common import _super_send


class FakeErp(BaseHTTPRequestHandler):
    """A corporate system on 127.0.0.1: orders of a customer by national id,
    behind a bearer token; /slow, /fail and /bad misbehave."""

    hits = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        FakeErp.hits.append(self.path)
        if self.headers.get("Authorization") != "Bearer s3cret":
            return self._send(401, b'{"error": "unauthorized"}')
        if self.path.startswith("/slow"):
            time.sleep(1.5)
            return self._send(200, b"[]")
        if self.path.startswith("/fail"):
            return self._send(500, b"Internal Server Error")
        if self.path.startswith("/bad"):
            return self._send(200, b"<html>not json</html>")
        if self.path == "/orders/10000000146":
            body = {"data": {"orders": [{"number": "SO-1", "status": {"label": "Delivered"}, "total": 120.5}]}}
            return self._send(200, json.dumps(body).encode())
        if self.path.startswith("/accounts/"):
            # accounts of a customer asked by ticket number and customer tax id: /accounts/<ticket>?vat=<vat>
            number, _sep, query = self.path[len("/accounts/") :].partition("?vat=")
            body = {
                "accounts": [
                    {"iban": "TR00 0001", "product": {"name": "Current account"}, "case": number, "vat": query},
                    {"iban": "TR00 0002", "product": {"name": "Credit card"}, "case": number, "vat": query},
                ]
            }
            return self._send(200, json.dumps(body).encode())
        return self._send(200, b'{"data": {"orders": []}}')

    def _send(self, code, body):
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        # the connector may have given up waiting (timeout tests): that is the point
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.end_headers()
            self.wfile.write(body)


class FakeErpMixin:
    """Starts a FakeErp for the test class (``cls.base`` is its URL), keeps the
    connectors' real timeouts towards it (Odoo's test harness raises every
    timeout to 10 s), and archives the connectors that exist already (demo
    ones): each test defines the connectors it uses."""

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        if urlsplit(r.url).hostname == "127.0.0.1":
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["cxm.lookup.connector"].search([]).active = False
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeErp)
        cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
