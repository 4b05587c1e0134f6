# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
import json

from odoo.tests import HttpCase, new_test_user

from odoo.addons.cxm_channel.tests.jobs import StoredJobsMixin

from ..tools.fake_meta import FakeWhatsApp, inbound_payload

SECRET = "test-app-secret"


class WhatsappCase(StoredJobsMixin, HttpCase):
    """A WhatsApp instance on a fake Cloud API provider on 127.0.0.1; webhooks go through the real HTTP
    stack (signature, ledger, API log) and queue jobs are run by the test, like the job runner would."""

    variant = "meta"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeWhatsApp(app_secret=SECRET, variant=cls.variant)
        cls.fake.__enter__()
        cls.addClassCleanup(cls.fake.__exit__, None, None, None)
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "WhatsApp team"})
        cls.agent = new_test_user(
            cls.env,
            "wa_agent",
            groups="cxm_base.group_cxm_agent",
            email="wa.agent@example.com",
            tz="Europe/Istanbul",
        )
        cls.team.user_ids = cls.agent
        cls.instance = cls.env["cxm.integration.instance"].create(
            {
                "name": "WhatsApp test",
                "code": "wa-test",
                "kind": "whatsapp",
                "provider": cls.variant,
                "state": "active",
                "base_url": cls.fake.base_url,
                "signature_scheme": "meta",
                "secret": SECRET,
                "outbound_token": cls.fake.token,
                "cxm_wa_verify_token": "verify-me",
                "cxm_wa_phone_number_id": cls.fake.phone_number_id,
                "cxm_wa_business_account_id": "2000001",
                "cxm_team_id": cls.team.id,
                "cxm_wa_max_media_mb": 1,
                "outbox_max_attempts": 2,
                "rate_limit": 0,
            }
        )
        cls.env["ir.config_parameter"].sudo().set_param("cxm_integration.ip_rate_limit", 0)

    def setUp(self):
        super().setUp()
        self.fake.sent.clear()
        self.fake.requests.clear()
        self.fake.callbacks.clear()
        self.fake.fail_next.clear()
        self.fake.delay = 0.0
        self.fake.webhook_url = self.webhook_url

    @property
    def webhook_url(self):
        return f"{self.base_url()}/cxm/api/v1/whatsapp/{self.instance.sudo().cxm_webhook_key}/webhook"

    def post(self, payload=None, *, raw=None, secret=None, headers=None, url=None, allow=True):
        if allow:
            # what the test wrote is what the server reads (a caller with its own sender threads flushed
            # before starting them: flushing the shared test cursor from several threads races)
            self.env.flush_all()
        # the provider calls the webhook without the browser's test cookie (``allow=False``: the caller
        # opened the door already, e.g. around a pool of sender threads)
        with self.allow_requests(all_requests=True) if allow else contextlib.nullcontext():
            status, body = self.fake.post_webhook(
                url or self.webhook_url, payload, secret=secret, raw=raw, headers=headers
            )
        try:
            return status, json.loads(body or b"{}")
        except ValueError:
            return status, body

    def customer_says(self, wamid, text="Merhaba", wa_id="905321112233", name="Ayşe Yılmaz", **kw):
        status, answer = self.post(inbound_payload(self.fake.phone_number_id, wa_id, wamid, text, name=name, **kw))
        self.assertEqual(status, 200, answer)
        return answer

    def deliver(self):
        """Let the provider send its waiting status callbacks; return their HTTP statuses."""
        with self.allow_requests(all_requests=True):
            return self.fake.deliver()

    def ticket_of(self, phone="+905321112233"):
        partner = self.env["res.partner"].search([("phone", "=", phone)])
        return self.env["helpdesk.ticket"].search([("partner_id", "in", partner.ids)])
