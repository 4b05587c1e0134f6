# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.tests import TransactionCase, new_test_user

from odoo.addons.queue_job.tests.common import trap_jobs


class FakeChat:
    """The generic chat platform on 127.0.0.1: ``POST /messages`` with a bearer token answers
    ``{"id": "chat-<n>"}``; ``fail_with`` makes the next sends fail with that status and body."""

    def __init__(self, token="chat-token"):  # noqa: S107 (a fake server's token)
        self.token = token
        self.requests = []
        self.fail_with = None
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with fake.lock:
                    fake.requests.append((self.path, json.loads(body or b"{}"), dict(self.headers)))
                    n = len(fake.requests)
                if self.headers.get("Authorization") != f"Bearer {fake.token}":
                    return self._answer(401, {"error": "bad token", "code": "auth"})
                if fake.fail_with:
                    return self._answer(*fake.fail_with)
                return self._answer(200, {"id": f"chat-{n}"})

            def _answer(self, code, data):
                payload = json.dumps(data).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class ChannelCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.fake = FakeChat()
        cls.fake.__enter__()
        cls.addClassCleanup(cls.fake.__exit__, None, None, None)
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "Chat team"})
        cls.agent = new_test_user(cls.env, "chan_agent", groups="cxm_base.group_cxm_agent", email="agent@example.com")
        cls.team.user_ids = cls.agent
        cls.instance = cls.env["cxm.integration.instance"].create(
            {
                "name": "Chat platform",
                "code": "chat-test",
                "kind": "chat",
                "provider": "generic",
                "state": "active",
                "base_url": cls.fake.url,
                "outbound_token": cls.fake.token,
                "cxm_team_id": cls.team.id,
                "outbox_max_attempts": 2,
            }
        )

    def setUp(self):
        super().setUp()
        self.fake.requests.clear()
        self.fake.fail_with = None

    def receive(self, *items):
        """Deliver ``items`` like a webhook and run the intake job(s); return the results."""
        with trap_jobs() as trap:
            results = self.instance._cxm_channel_receive(list(items))
            self.run_jobs(trap)
        return results

    def run_jobs(self, trap, rounds=10):
        for _round in range(rounds):
            if not trap.enqueued_jobs:
                return
            trap.perform_enqueued_jobs()

    def item(self, external_id, address="user-1", text="Hello", **extra):
        return dict({"external_id": external_id, "address": address, "text": text, "name": "Ayşe"}, **extra)

    def tickets_of(self, address):
        partner = (
            self.env["cxm.partner.identity"].search([("key_type", "=", "external"), ("value", "=", address)]).partner_id
        )
        return self.env["helpdesk.ticket"].search([("partner_id", "in", partner.ids)])
