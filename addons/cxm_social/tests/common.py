# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import HttpCase, new_test_user

from odoo.addons.cxm_channel.tests.jobs import StoredJobsMixin

from ..tools.fake_social import FakeComplaintSite, FakeTrackingPlatform, http_post


class SocialCase(StoredJobsMixin, HttpCase):
    """A tracking-platform instance and a Şikayetvar instance on fakes on 127.0.0.1; requests go through
    the real HTTP stack (API key, ledger, API log), queue jobs are run by the test like the job runner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.platform = FakeTrackingPlatform()
        cls.platform.__enter__()
        cls.addClassCleanup(cls.platform.__exit__, None, None, None)
        cls.site = FakeComplaintSite()
        cls.site.__enter__()
        cls.addClassCleanup(cls.site.__exit__, None, None, None)
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "Social team"})
        cls.agent = new_test_user(cls.env, "social_agent", groups="cxm_base.group_cxm_agent", email="sa@example.com")
        cls.team.user_ids = cls.agent
        cls.tech = new_test_user(cls.env, "social_tech", groups="cxm_base.group_cxm_integration")
        common = {"kind": "social", "state": "active", "user_id": cls.tech.id, "cxm_team_id": cls.team.id}
        common.update(rate_limit=0, outbox_max_attempts=2)
        cls.instance = cls.env["cxm.integration.instance"].create(
            dict(
                common,
                name="Tracking",
                code="tracking",
                provider="generic",
                base_url=cls.platform.base_url,
                outbound_token=cls.platform.token,
            )
        )
        cls.sikayetvar = cls.env["cxm.integration.instance"].create(
            dict(
                common,
                name="Şikayetvar",
                code="sikayetvar",
                provider="sikayetvar",
                base_url=cls.site.base_url,
                outbound_token=cls.site.token,
                cxm_thread_window=0,
                cxm_social_poll=True,
            )
        )
        cls.sikayetvar.action_cxm_social_load_preset()
        _rec, cls.key = cls.env["cxm.integration.api.key"]._generate(cls.instance, "tests", "social")
        cls.env["ir.config_parameter"].sudo().set_param("cxm_integration.ip_rate_limit", 0)

    def setUp(self):
        super().setUp()
        self.platform.replies.clear()
        self.platform.fail_next.clear()
        self.site.answers.clear()
        self.site.complaints.clear()
        self.site.fail_after = None

    # ------------------------------------------------------------------ helpers
    def api(self, path, payload, key=None, headers=None):
        """A call from outside (the tracking platform), without the test browser's cookie."""
        self.env.flush_all()
        headers = dict(headers or {})
        if key is not False:
            headers["X-API-Key"] = key or self.key
        with self.allow_requests(all_requests=True):
            status, body = http_post(f"{self.base_url()}/cxm/api{path}", payload, headers)
        self.env.invalidate_all()
        try:
            return status, json.loads(body or b"{}")
        except ValueError:
            return status, body

    def post(self, event_id, text="Kargom 10 gündür gelmedi", **kw):
        author = kw.pop("author", {"handle": "ayse_y", "name": "Ayşe Yılmaz"})
        payload = {"event_id": event_id, "type": "complaint", "platform": "twitter", "text": text, "author": author}
        payload.update(kw)
        return self.api("/v1/social/posts", payload)

    def reply(self, ticket, text):
        """The agent's public reply in the chatter."""
        ticket.with_user(self.agent).message_post(body=text, message_type="comment", subtype_xmlid="mail.mt_comment")
        self.run_jobs()

    def tickets(self, instance=None):
        instance = instance or self.instance
        messages = self.env["cxm.channel.message"].search([("instance_id", "=", instance.id)])
        return messages.ticket_id
