# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading

from requests import Session

from odoo.tests import HttpCase, new_test_user
from odoo.tests.common import HOST, _super_send


class SmsCommon(HttpCase):
    """Four SMS instances (Netgsm, Vonage, Twilio, generic) of the test
    company, each pointing at its fake provider when a test starts one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.tech_user = new_test_user(cls.env, "sms_tech", groups="cxm_base.group_cxm_integration")
        cls.agent = new_test_user(cls.env, "sms_agent", groups="base.group_user,cxm_base.group_cxm_agent")
        Instance = cls.env["cxm.integration.instance"]
        common = {"kind": "sms", "state": "active", "user_id": cls.tech_user.id, "outbox_timeout": 1.0}
        cls.netgsm = Instance.create(
            dict(
                common,
                name="Netgsm",
                code="sms-netgsm",
                sms_provider="netgsm",
                sms_sender="CXMTEST",
                sms_account="8503000000",
                secret="netgsm-pass",
                sms_allowed_ips="127.0.0.1",
            )
        )
        cls.vonage = Instance.create(
            dict(
                common,
                name="Vonage",
                code="sms-vonage",
                sms_provider="vonage",
                sms_sender="CXM",
                sms_account="vonage-key",
                secret="vonage-secret",
                sms_signature_secret="vonage-sig",
            )
        )
        cls.twilio = Instance.create(dict(common, name="Twilio", code="sms-twilio", sms_provider="twilio"))
        cls.env.company.write(
            {
                "sms_twilio_account_sid": "AC" + "0123456789abcdef" * 2,
                "sms_twilio_auth_token": "twilio-token",
                "sms_twilio_number_ids": [(0, 0, {"number": "+15005550006", "country_id": cls.env.ref("base.us").id})],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Ayşe Yılmaz", "phone": "+90 532 123 45 67", "email": "ayse@example.com"}
        )

    def setUp(self):
        super().setUp()
        type(self)._running = self

    @classmethod
    def _request_handler(cls, s: Session, r, /, **kw):
        # keep our short timeouts against the fake providers on loopback
        if not r.url.startswith(f"http://{HOST}:"):
            return super()._request_handler(s, r, **kw)
        into_odoo = r.url.startswith(cls.base_url()) and threading.current_thread() is threading.main_thread()
        test = getattr(cls, "_running", None)
        if not into_odoo or not test or s is test.opener:
            return _super_send(s, r, **kw)
        # a fake provider calls Odoo from the test thread, without the test cookie (like the test's
        # own opener): what the test wrote is flushed first, and the test reads what the request wrote
        cls.cr.flush()
        cls.cr.clear()
        try:
            with test.allow_requests(all_requests=True):
                response = _super_send(s, r, **kw)
        finally:
            test.http_request_allow_all = False  # allow_requests leaves it set
        cls.cr.clear()
        return response

    def use_company_instance(self, instance):
        self.env.company.write({"sms_provider": "cxm", "cxm_sms_instance_id": instance.id})

    def send_from_chatter(self, record, body, user=None):
        """What an agent does: *Send SMS* in the chatter, then the SMS queue runs."""
        composer = (
            self.env["sms.composer"]
            .with_user(user or self.agent)
            .with_context(active_model=record._name, active_id=record.id, default_body=body)
            .create({})
        )
        composer.action_send_sms()
        self.env["sms.sms"].sudo()._process_queue()
        return self.env["mail.message"].search(
            [("model", "=", record._name), ("res_id", "=", record.id), ("message_type", "=", "sms")], limit=1
        )

    def notification(self, message):
        return message.notification_ids.filtered(lambda n: n.notification_type == "sms")

    def hook(self, instance, kind):
        return (
            self.base_url()
            + "/cxm/api/v1/sms/"
            + instance.sms_provider
            + "/"
            + instance.sudo().cxm_webhook_key
            + "/"
            + kind
        )

    def ledger(self, instance):
        return self.env["cxm.integration.event"].sudo().search_count([("instance_id", "=", instance.id)])
