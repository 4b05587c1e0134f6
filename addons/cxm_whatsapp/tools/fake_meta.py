# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small WhatsApp Business provider on 127.0.0.1, for tests, the demo and the benchmark: it speaks the
Cloud API's real payloads (``POST /<version>/<phone-number-id>/messages`` with a bearer token, media
look-up and download, message templates) and, with ``variant="d360"``, 360dialog's (``POST /messages``
with ``D360-API-KEY``); it sends status callbacks signed like Meta (``X-Hub-Signature-256``).
Pure standard library: no Odoo import."""

import hashlib
import hmac
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib import request as urlrequest

VERSION = "v21.0"


def sign(app_secret, body):
    """``X-Hub-Signature-256`` of a raw body."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def inbound_payload(phone_number_id, wa_id, wamid, text=None, *, name="Customer", timestamp=None, message=None):
    """A Cloud API webhook with one inbound message (``message`` overrides the text message object)."""
    msg = message or {"type": "text", "text": {"body": text or ""}}
    msg = dict(msg, **{"from": wa_id, "id": wamid, "timestamp": str(int(timestamp or time.time()))})
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "WABA-1",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "908501112233", "phone_number_id": phone_number_id},
                            "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
                            "messages": [msg],
                        },
                    }
                ],
            }
        ],
    }


def status_payload(phone_number_id, wamid, status, recipient, *, errors=None, timestamp=None):
    """A Cloud API webhook with one message status (sent, delivered, read, failed)."""
    item = {"id": wamid, "status": status, "timestamp": str(int(timestamp or time.time())), "recipient_id": recipient}
    if errors:
        item["errors"] = errors
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "WABA-1",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "908501112233", "phone_number_id": phone_number_id},
                            "statuses": [item],
                        },
                    }
                ],
            }
        ],
    }


class FakeWhatsApp:
    """The provider. ``sent`` lists every accepted send; ``callbacks`` the status webhooks waiting to be
    delivered to ``webhook_url`` (:meth:`deliver`, or by itself after ``auto_status`` seconds)."""

    def __init__(
        self,
        *,
        token="wa-token",  # noqa: S107 (a fake provider's credentials)
        app_secret="wa-app-secret",  # noqa: S107
        phone_number_id="1000001",
        variant="meta",
        port=0,
        auto_status=None,
    ):
        self.token, self.app_secret, self.phone_number_id, self.variant = token, app_secret, phone_number_id, variant
        self.auto_status = auto_status
        self.webhook_url = None
        self.sent, self.requests, self.callbacks = [], [], []
        self.media = {}  # id -> (mimetype, bytes)
        self.templates = []
        self.fail_next = []  # [(status, body)] answers of the next sends
        self.aborted = 0
        self.delay = 0.0
        self.lock = threading.Lock()
        self.ids = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _auth_ok(self):
                if fake.variant == "d360":
                    return self.headers.get("D360-API-KEY") == fake.token
                return self.headers.get("Authorization") == f"Bearer {fake.token}"

            def do_GET(self):
                with fake.lock:
                    fake.requests.append(("GET", self.path, None, dict(self.headers)))
                if not self._auth_ok():
                    return self._error(401, 190, "Invalid OAuth access token.")
                path = self.path.split("?")[0].rstrip("/")
                if path.endswith(("/message_templates", "/v1/configs/templates")):
                    key = "waba_templates" if fake.variant == "d360" else "data"
                    return self._json(200, {key: fake.templates, "paging": {}})
                if path.startswith("/download/"):
                    media_id = path.rsplit("/", 1)[1]
                    if media_id not in fake.media:
                        return self._error(404, 100, "Unknown media")
                    mimetype, raw = fake.media[media_id]
                    self.send_response(200)
                    self.send_header("Content-Type", mimetype)
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                    return None
                media_id = path.rsplit("/", 1)[1]
                if media_id in fake.media:
                    mimetype, raw = fake.media[media_id]
                    host = f"http://127.0.0.1:{fake.server.server_address[1]}"
                    return self._json(
                        200,
                        {
                            "messaging_product": "whatsapp",
                            "url": f"{host}/download/{media_id}",
                            "mime_type": mimetype,
                            "sha256": hashlib.sha256(raw).hexdigest(),
                            "file_size": len(raw),
                            "id": media_id,
                        },
                    )
                return self._error(404, 100, "Unsupported get request.")

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with fake.lock:
                    fake.requests.append(("POST", self.path, body, dict(self.headers)))
                if fake.delay:
                    time.sleep(fake.delay)
                if not self._auth_ok():
                    return self._error(401, 190, "Invalid OAuth access token.")
                expected = "/messages" if fake.variant == "d360" else f"/{VERSION}/{fake.phone_number_id}/messages"
                if self.path != expected:
                    return self._error(400, 100, f"Unsupported post request: {self.path}")
                try:
                    data = json.loads(body)
                except ValueError:
                    return self._error(400, 100, "Invalid JSON")
                if data.get("messaging_product") != "whatsapp" or not data.get("to") or not data.get("type"):
                    return self._error(400, 100, "(#100) Invalid parameter")
                with fake.lock:
                    failure = fake.fail_next.pop(0) if fake.fail_next else None
                if failure:
                    return self._json(*failure)
                wamid = f"wamid.FAKE{next(fake.ids):06d}"
                with fake.lock:
                    fake.sent.append((wamid, data, dict(self.headers)))
                    for status in ("sent", "delivered", "read"):
                        fake.callbacks.append(status_payload(fake.phone_number_id, wamid, status, data["to"]))
                if fake.auto_status is not None:
                    threading.Timer(fake.auto_status, fake.deliver).start()
                return self._json(
                    200,
                    {
                        "messaging_product": "whatsapp",
                        "contacts": [{"input": data["to"], "wa_id": data["to"].lstrip("+")}],
                        "messages": [{"id": wamid}],
                    },
                )

            def _error(self, code, meta_code, message):
                return self._json(
                    code,
                    {"error": {"message": message, "type": "OAuthException", "code": meta_code, "fbtrace_id": "FAKE"}},
                )

            def _json(self, code, data):
                payload = json.dumps(data).encode()
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    fake.aborted += 1  # the client gave up (its timeout)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        host = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.base_url = host if variant == "d360" else f"{host}/{VERSION}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def post_webhook(self, url, payload, *, secret=None, raw=None, headers=None, timeout=10):
        """POST a signed webhook (``raw`` bytes sent as they are); return ``(status, body)``."""
        body = raw if raw is not None else json.dumps(payload).encode()
        all_headers = {"Content-Type": "application/json", "X-Hub-Signature-256": sign(secret or self.app_secret, body)}
        all_headers.update(headers or {})
        req = urlrequest.Request(url, data=body, headers=all_headers, method="POST")  # noqa: S310 (loopback only)
        try:
            with urlrequest.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (loopback only)
                return resp.status, resp.read()
        except urlrequest.HTTPError as err:
            return err.code, err.read()

    def deliver(self):
        """Send the waiting status callbacks to ``webhook_url``; return their HTTP statuses."""
        with self.lock:
            todo, self.callbacks = self.callbacks, []
        return [self.post_webhook(self.webhook_url, payload)[0] for payload in todo if self.webhook_url]
