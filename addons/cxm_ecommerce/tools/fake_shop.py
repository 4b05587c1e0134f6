# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small e-commerce platform on 127.0.0.1, for tests, the demo and the benchmark (standard library only,
no Odoo import): it opens tickets through the suite's REST API (``open_ticket``, ``status``) and receives
the suite's webhook events (``POST /webhooks/cxm``, bearer token; duplicates dropped on the
``Idempotency-Key`` header, as a real idempotent receiver does)."""

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib import error as urlerror
from urllib import request as urlrequest


def http_call(method, url, payload=None, headers=None, timeout=10):
    """``(status, parsed JSON or raw body)`` of one call."""
    data = None if payload is None else payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    request = urlrequest.Request(url, data=data, method=method)  # noqa: S310 (loopback fakes)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urlrequest.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback fakes)
            status, body = response.status, response.read()
    except urlerror.HTTPError as exc:
        status, body = exc.code, exc.read()
    try:
        return status, json.loads(body or b"{}")
    except ValueError:
        return status, body


class FakeShop:
    def __init__(self, token="shop-token", port=0):  # noqa: S107 (a fake's token)
        self.token = token
        self.lock = threading.Lock()
        self.events = []  # webhook events received (first delivery of each Idempotency-Key)
        self.deliveries = 0
        self.keys = set()
        self.fail_next = []
        self.ids = itertools.count(1)
        shop = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path != "/webhooks/cxm":
                    return self._answer(404, {"error": "not found"})
                if self.headers.get("Authorization") != f"Bearer {shop.token}":
                    return self._answer(401, {"error": "bad token"})
                with shop.lock:
                    shop.deliveries += 1
                    if shop.fail_next:
                        return self._answer(shop.fail_next.pop(0), {"error": "try later"})
                    key = self.headers.get("Idempotency-Key")
                    if key not in shop.keys:
                        shop.keys.add(key)
                        shop.events.append(json.loads(body or b"{}"))
                return self._answer(200, {"id": f"evt-{next(shop.ids)}"})

            def _answer(self, code, data):
                payload = json.dumps(data).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @staticmethod
    def order_request(request_id, order_ref, *, customer_id="c-1001", name="Ayşe Yılmaz", email=None, **kw):
        """A ticket request about an order, as a shop sends it."""
        body = {
            "request_id": request_id,
            "kind": kw.pop("kind", "complaint"),
            "subject": kw.pop("subject", f"Sipariş {order_ref} hakkında"),
            "text": kw.pop("text", "Siparişim eksik geldi."),
            "order": {
                "ref": order_ref,
                "date": "2026-12-01T10:15:00Z",
                "lines": [
                    {"sku": "AYK-42", "name": "Kırmızı ayakkabı", "quantity": 1, "price": 899.9},
                    {"sku": "CRP-3", "name": "Çorap (3'lü)", "quantity": 2, "price": 99.5},
                ],
                "amount": 1098.9,
                "currency": "TRY",
            },
            "customer": {"id": customer_id, "name": name, "email": email},
        }
        body.update(kw)
        return body

    @staticmethod
    def open_ticket(api_url, api_key, body, idempotency_key=None):
        headers = {"X-API-Key": api_key}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return http_call("POST", f"{api_url}/v1/ecommerce/tickets", body, headers)

    @staticmethod
    def status(api_url, api_key, path):
        return http_call("GET", f"{api_url}{path}", headers={"X-API-Key": api_key})
