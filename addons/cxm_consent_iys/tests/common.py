# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from requests import Session

from odoo.tests import new_test_user
from odoo.tests.common import HOST, TransactionCase, _super_send

from .fake_iys import FakeIys


class IysCommon(TransactionCase):
    """A fake İYS on 127.0.0.1 per test class, an active İYS instance pointing at it, customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.fake = FakeIys(iys_code="700000", brand_code="700001", username="brand-api", password="s3cret")
        cls.fake.__enter__()
        cls.addClassCleanup(cls.fake.__exit__, None, None, None)
        # only the fake of this test: demo instances (pointing at the demo script's fake) stay out
        cls.env["cxm.integration.instance"].search([("kind", "=", "consent_registry")]).write({"state": "disabled"})
        cls.manager = new_test_user(cls.env, "iys_manager", groups="cxm_base.group_cxm_manager")
        cls.agent = new_test_user(cls.env, "iys_agent", groups="cxm_base.group_cxm_agent")
        cls.instance = cls.env["cxm.integration.instance"].create(
            {
                "name": "İYS test",
                "code": "iys-test",
                "kind": "consent_registry",
                "state": "active",
                "base_url": cls.fake.url,
                "cxm_iys_code": "700000",
                "cxm_iys_brand_code": "700001",
                "cxm_iys_username": "brand-api",
                "cxm_iys_password": "s3cret",
                "cxm_iys_batch_min": 3,
                "cxm_iys_status_delay": 0,
                "outbox_backoff": 1,
                "outbox_timeout": 5,
            }
        )
        Partner = cls.env["res.partner"]
        cls.ayse = Partner.create({"name": "Ayşe Yılmaz", "phone": "+90 532 111 22 33", "email": "Ayse@Example.com"})
        cls.mehmet = Partner.create({"name": "Mehmet Öz", "phone": "+90 533 444 55 66", "email": "mehmet@example.com"})

    def setUp(self):
        super().setUp()
        with self.fake.lock:
            self.fake.received.clear()
            self.fake.hits.clear()
            self.fake.consents.clear()
            self.fake.batches.clear()
            self.fake.tokens.clear()
            self.fake.token_count = 0
            self.fake.throttle = 0

    @classmethod
    def _request_handler(cls, s: Session, r, /, **kw):
        # keep our short timeouts against the fake on loopback
        if r.url.startswith(f"http://{HOST}:"):
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    def record(self, partner, channel, status="approve", source="HS_WEB", **extra):
        vals = {"partner_id": partner.id, "channel": channel, "status": status, "source": source, **extra}
        return self.env["cxm.consent.event"]._cxm_record([vals])

    def pushes(self, events):
        return self.env["cxm.consent.iys.push"].search([("event_id", "in", events.ids)])

    def drain(self, trap, rounds=40):
        """Run trapped jobs, and those they queue (retries, status polls, next pages), until none is left."""
        for _round in range(rounds):
            if not trap.enqueued_jobs:
                return
            trap.perform_enqueued_jobs()
        self.fail("jobs kept coming")
