# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fakes on 127.0.0.1 for tests, the demo and the benchmark (standard library only, no Odoo import):

- ``FakeTrackingPlatform``: a social-media tracking platform. It pushes posts to the suite's REST API
  (``push``), serves media (``GET /media/<name>``) and takes replies (``POST /replies``, bearer token,
  answered ``{"id": ...}``).
- ``FakeComplaintSite``: a Şikayetvar-like complaint site speaking the connector's built-in preset:
  ``GET /complaints?cursor=&limit=`` (bearer token) answers ``{"data": [...], "nextCursor": ...}``,
  ``POST /complaints/<id>/answers`` takes ``{"message"}``; ``push`` sends complaints to the webhook."""

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib import error as urlerror
from urllib import request as urlrequest
from urllib.parse import parse_qs, urlparse


def http_post(url, payload, headers=None, timeout=10):
    """POST JSON (or raw bytes); return ``(status, body bytes)``."""
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    request = urlrequest.Request(url, data=data, method="POST")  # noqa: S310 (loopback fakes)
    request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urlrequest.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback fakes)
            return response.status, response.read()
    except urlerror.HTTPError as exc:
        return exc.code, exc.read()


class _Fake:
    """A threaded HTTP server on 127.0.0.1 calling ``self.handle(method, path, query, headers, body)``."""

    def __init__(self, token="fake-token", port=0):  # noqa: S107 (a fake's token)
        self.token = token
        self.lock = threading.Lock()
        self.requests = []  # (method, path, headers, body) of every request
        self.ids = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method):
                parsed = urlparse(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with fake.lock:
                    fake.requests.append((method, parsed.path, dict(self.headers), body))
                status, data, ctype = fake.handle(method, parsed.path, parse_qs(parsed.query), self.headers, body)
                payload = data if isinstance(data, bytes) else json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", ctype or "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

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

    def authorized(self, headers):
        return headers.get("Authorization") == f"Bearer {self.token}"

    def handle(self, method, path, query, headers, body):
        return 404, {"error": "not found"}, None


class FakeTrackingPlatform(_Fake):
    """A social-media tracking platform (see the module docstring)."""

    def __init__(self, token="tracking-token", port=0):  # noqa: S107
        super().__init__(token, port)
        self.replies = []  # JSON bodies of the replies received
        self.media = {}  # name -> (mimetype, bytes)
        self.fail_next = []  # HTTP statuses to answer the next replies with

    def handle(self, method, path, query, headers, body):
        if method == "GET" and path.startswith("/media/"):
            found = self.media.get(path[len("/media/") :])
            if not found:
                return 404, {"error": "no such media"}, None
            return 200, found[1], found[0]
        if method == "POST" and path == "/replies":
            if not self.authorized(headers):
                return 401, {"error": "bad token"}, None
            if self.fail_next:
                return self.fail_next.pop(0), {"error": "try later"}, None
            reply = json.loads(body or b"{}")
            with self.lock:
                self.replies.append(reply)
            return 200, {"id": f"reply-{next(self.ids)}"}, None
        return super().handle(method, path, query, headers, body)

    def push(self, api_url, api_key, post, idempotency_key=None):
        """Send ``post`` to the suite's social REST API; return ``(status, answer)``."""
        headers = {"X-API-Key": api_key}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        status, body = http_post(api_url, post, headers)
        try:
            return status, json.loads(body or b"{}")
        except ValueError:
            return status, body


class FakeComplaintSite(_Fake):
    """A Şikayetvar-like complaint site (see the module docstring)."""

    def __init__(self, token="complaint-token", port=0):  # noqa: S107
        super().__init__(token, port)
        self.complaints = []  # a feed of versions in publication order; the cursor is the index of the next one
        self.answers = []  # (complaint id, JSON body)
        self.fail_after = None  # pages served before the site answers 503

    def add(self, complaint_id, text, *, member="m-1", name="Ayşe Yılmaz", email=None, phone=None, **kw):
        complaint = {
            "id": complaint_id,
            "title": kw.pop("title", text[:40]),
            "content": text,
            "url": kw.pop("url", f"https://www.sikayetvar.com/acme/{complaint_id}"),
            "status": kw.pop("status", "PUBLISHED"),
            "rating": kw.pop("rating", None),
            "createdAt": kw.pop("created", "2026-12-05T09:30:00Z"),
            "member": {"id": member, "name": name, "email": email, "phone": phone},
        }
        complaint.update(kw)
        with self.lock:
            self.complaints.append(complaint)
        return complaint

    def update(self, complaint_id, **values):
        """Change a published complaint (its status, rating): the feed serves its new version again, after
        the cursor of those who already read it."""
        with self.lock:
            latest = [c for c in self.complaints if c["id"] == complaint_id][-1]
            complaint = dict(latest, **values)
            self.complaints.append(complaint)
        return complaint

    def handle(self, method, path, query, headers, body):
        if not self.authorized(headers):
            return 401, {"error": "bad token"}, None
        if method == "GET" and path == "/complaints":
            if self.fail_after is not None:
                if self.fail_after <= 0:
                    return 503, {"error": "maintenance"}, None
                self.fail_after -= 1
            start = int((query.get("cursor") or ["0"])[0] or 0)
            limit = int((query.get("limit") or ["50"])[0])
            with self.lock:
                page = self.complaints[start : start + limit]
            cursor = str(start + len(page))
            return 200, {"data": page, "nextCursor": cursor}, None
        if method == "POST" and path.startswith("/complaints/") and path.endswith("/answers"):
            complaint_id = path[len("/complaints/") : -len("/answers")]
            if not any(c["id"] == complaint_id for c in self.complaints):
                return 404, {"error": "unknown complaint"}, None
            with self.lock:
                self.answers.append((complaint_id, json.loads(body or b"{}")))
            return 201, {"id": f"answer-{next(self.ids)}"}, None
        return super().handle(method, path, query, headers, body)

    def push(self, webhook_url, complaints, headers=None):
        """Send complaints to the suite's webhook (the preset's ``{"data": [...]}``)."""
        status, body = http_post(webhook_url, {"data": complaints}, headers)
        try:
            return status, json.loads(body or b"{}")
        except ValueError:
            return status, body
