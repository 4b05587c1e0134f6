# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from requests import Session

from odoo.tests import new_test_user
from odoo.tests.common import HOST, TransactionCase, _super_send


class FakeReceiver:
    """A small HTTP server on 127.0.0.1 that stands for an external system:
    it fails a share of requests with HTTP 503, answers another share too
    late (the client times out, but the request *was* received), and
    de-duplicates deliveries on the ``Idempotency-Key`` header like a real
    idempotent API."""

    def __init__(self, fail_rate=0.0, timeout_rate=0.0, delay=1.0, seed=4):
        self.fail_rate, self.timeout_rate, self.delay = fail_rate, timeout_rate, delay
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.received = []  # every delivery, duplicates included
        self.accepted = {}
        self.aborted = 0  # idempotency key -> body, first delivery only
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                key = self.headers.get("Idempotency-Key")
                with receiver.lock:
                    roll = receiver.random.random()
                    receiver.received.append((key, body, dict(self.headers)))
                if roll < receiver.fail_rate:
                    self._answer(503, {"error": "try later"})
                    return
                with receiver.lock:
                    receiver.accepted.setdefault(key, body)
                if roll < receiver.fail_rate + receiver.timeout_rate:
                    time.sleep(receiver.delay)
                self._answer(200, {"ok": True})

            def _answer(self, code, data):
                payload = json.dumps(data).encode()
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    receiver.aborted += 1  # the client gave up (timeout)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class IntegrationCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.manager = new_test_user(cls.env, "int_manager_c", groups="cxm_base.group_cxm_manager")
        cls.agent = new_test_user(cls.env, "int_agent_c", groups="cxm_base.group_cxm_agent")
        cls.tech_user = new_test_user(cls.env, "int_tech_c", groups="cxm_base.group_cxm_integration")
        cls.other_company = cls.env["res.company"].create({"name": "Other Integration Co"})
        cls.instance = cls.env["cxm.integration.instance"].create(
            {
                "name": "Test ERP",
                "code": "test-erp",
                "kind": "data_target",
                "state": "active",
                "user_id": cls.tech_user.id,
                "secret": "s3cr3t-of-the-instance",
            }
        )

    @classmethod
    def _request_handler(cls, s: Session, r, /, **kw):
        # keep our short timeouts against the fake servers on loopback
        # (the default test handler raises every timeout to 10 s)
        if r.url.startswith(f"http://{HOST}:"):
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)
