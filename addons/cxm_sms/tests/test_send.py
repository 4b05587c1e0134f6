# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from urllib.parse import parse_qsl

from odoo.tests import tagged

from .common import SmsCommon
from .fake_providers import FakeNetgsm, FakeTwilio, FakeVonage

TURKISH = "Merhaba Ayşe Hanım, talebiniz çözüldü. Teşekkürler!"


@tagged("post_install", "-at_install")
class TestSend(SmsCommon):
    def test_netgsm_reply_turkish_then_delivery_report(self):
        self.use_company_instance(self.netgsm)
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            message = self.send_from_chatter(self.customer, TURKISH)
            self.assertEqual(len(fake.jobs), 1)
            job = next(iter(fake.jobs.values()))
            self.assertEqual(job["no"], "905321234567")
            self.assertEqual(job["msg"], TURKISH)
            self.assertEqual(job["dil"], "TR", "Turkish letters go with Netgsm's TR encoding")
            self.assertEqual(job["header"], "CXMTEST")
            notification = self.notification(message)
            self.assertEqual(notification.notification_status, "pending")
            tracker = self.env["sms.tracker"].search([("mail_notification_id", "=", notification.id)])
            self.assertEqual(tracker.cxm_provider_ref, next(iter(fake.jobs)))
            # the report API says 0 (waiting): nothing changes; then 1 (delivered)
            self.assertEqual(self.env["sms.tracker"]._cxm_poll_netgsm(), 1)
            self.assertEqual(notification.notification_status, "pending")
            job["status"] = "1"
            self.env["sms.tracker"]._cxm_poll_netgsm()
            self.assertEqual(notification.notification_status, "sent")
            self.assertEqual(tracker.cxm_state, "delivered")
            self.assertEqual(self.env["sms.tracker"]._cxm_poll_netgsm(), 0, "a delivered SMS is not asked about again")
        logs = self.env["cxm.integration.log"].search([("instance_id", "=", self.netgsm.id)])
        self.assertEqual(len(logs), 3, "one send, two report questions")
        self.assertFalse(any("netgsm-pass" in (log.request_excerpt or "") for log in logs), "no password in the log")

    def test_netgsm_plain_text_without_tr_and_report_failure(self):
        self.use_company_instance(self.netgsm)
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            message = self.send_from_chatter(self.customer, "Your request 42 is solved.")
            job = next(iter(fake.jobs.values()))
            self.assertIsNone(job["dil"], "plain GSM-7 text needs no TR encoding")
            job["status"] = "3"  # wrong number
            self.env["sms.tracker"]._cxm_poll_netgsm()
        notification = self.notification(message)
        self.assertEqual(notification.notification_status, "bounce")
        self.assertEqual(notification.failure_type, "sms_invalid_destination")

    def test_netgsm_error_codes_and_timeout_are_clear_failures(self):
        self.use_company_instance(self.netgsm)
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            fake.next_code = "30"
            message = self.send_from_chatter(self.customer, "one")
            notification = self.notification(message)
            self.assertEqual(notification.notification_status, "exception")
            self.assertEqual(notification.failure_type, "sms_acc")
            self.assertIn("code 30", notification.failure_reason)
            self.netgsm.sms_sender = "UNKNOWN"
            message = self.send_from_chatter(self.customer, "two")
            self.assertIn("code 40", self.notification(message).failure_reason)
            self.netgsm.sms_sender = "CXMTEST"
            fake.delay = 1.5  # longer than the instance's 1 s timeout
            message = self.send_from_chatter(self.customer, "three")
            notification = self.notification(message)
            self.assertEqual(notification.failure_type, "sms_server")
            self.assertIn("timeout", notification.failure_reason)
            fake.delay = 0
            # the failed SMS is resent from Odoo's usual "resend" and goes out once
            self.assertEqual(len(fake.jobs), 0)

    def test_vonage_unicode_and_signed_receipt(self):
        self.use_company_instance(self.vonage)
        with FakeVonage() as fake:
            self.vonage.base_url = fake.url
            message = self.send_from_chatter(self.customer, TURKISH)
            self.assertEqual(len(fake.messages), 1)
            message_id, form = next(iter(fake.messages.items()))
            self.assertEqual(form["to"], "905321234567")
            self.assertEqual(form["from"], "CXM")
            self.assertEqual(form["type"], "unicode", "Vonage has no Turkish shift: UCS-2")
            self.assertEqual(form["text"], TURKISH)
            self.assertTrue(form["callback"].endswith("/status"))
            notification = self.notification(message)
            self.assertEqual(notification.notification_status, "pending")
            response = fake.receipt(message_id, "delivered")
            self.assertEqual(response.status_code, 200, response.text)
            self.assertEqual(notification.notification_status, "sent")
            # a late "accepted" or a replay never undoes "delivered"
            self.assertEqual(fake.receipt(message_id, "accepted").status_code, 200)
            self.assertEqual(fake.receipt(message_id, "failed", err_code="5").status_code, 200)
            self.assertEqual(notification.notification_status, "sent")

    def test_vonage_failed_receipt_and_bad_credentials(self):
        self.use_company_instance(self.vonage)
        with FakeVonage() as fake:
            self.vonage.base_url = fake.url
            message = self.send_from_chatter(self.customer, "hello")
            message_id = next(iter(fake.messages))
            fake.receipt(message_id, "rejected", err_code="6", method="POST")
            notification = self.notification(message)
            self.assertEqual((notification.notification_status, notification.failure_type), ("bounce", "sms_rejected"))
            self.vonage.secret = "wrong"
            message = self.send_from_chatter(self.customer, "hello again")
            notification = self.notification(message)
            self.assertEqual(notification.failure_type, "sms_acc")
            self.assertIn("status 4", notification.failure_reason)
            self.assertEqual(len(fake.messages), 1)

    def test_twilio_through_sms_twilio_and_status_callback(self):
        self.env.company.sms_provider = "twilio"
        with FakeTwilio() as fake:
            self.twilio.base_url = fake.url
            message = self.send_from_chatter(self.customer, "Your request is solved")
            self.assertEqual(len(fake.messages), 1)
            sid, form = next(iter(fake.messages.items()))
            self.assertEqual(
                (form["To"], form["From"], form["Body"]), ("+905321234567", "+15005550006", "Your request is solved")
            )
            self.assertIn("/sms_twilio/status/", form["StatusCallback"], "sms_twilio's own status callback")
            notification = self.notification(message)
            self.assertEqual(notification.notification_status, "pending")
            response = fake.status(sid, "delivered")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(notification.notification_status, "sent")
        log = self.env["cxm.integration.log"].search([("instance_id", "=", self.twilio.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.status_code, 201)

    def test_generic_json_bearer_and_status(self):
        generic = self.env["cxm.integration.instance"].create(
            {
                "name": "Generic",
                "code": "sms-generic",
                "kind": "sms",
                "state": "active",
                "user_id": self.tech_user.id,
                "sms_provider": "generic",
                "sms_sender": "CXMGEN",
                "secret": "generic-token",
                "outbox_timeout": 1.0,
                "sms_generic_config": json.dumps(
                    {
                        "method": "form",
                        "send_path": "/api/send",
                        "auth": "header",
                        "auth_header": "X-Api-Key",
                        "send": {"to": "gsm", "text": "body", "sender": "originator", "ref": "ref"},
                        "static": {"route": "premium"},
                        "response_id": "result.0.msgid",
                        "status": {"id": "msgid", "status": "state", "delivered": ["DELIVRD"], "failed": ["UNDELIV"]},
                    }
                ),
            }
        )
        self.use_company_instance(generic)

        class FakeGeneric(FakeVonage):
            def handle(self, method, path, body, headers):
                if headers.get("X-Api-Key") != "generic-token":
                    return 401, "application/json", b'{"error": "auth"}'
                form = dict(parse_qsl(body.decode()))
                self.messages["G1"] = form
                return 200, "application/json", b'{"result": [{"msgid": "G1"}]}'

        with FakeGeneric() as fake:
            generic.base_url = fake.url
            message = self.send_from_chatter(self.customer, "hello")
            form = fake.messages["G1"]
            self.assertEqual(
                (form["gsm"], form["body"], form["originator"], form["route"]),
                ("+905321234567", "hello", "CXMGEN", "premium"),
            )
            response = self.url_open(self.hook(generic, "status"), data={"msgid": "G1", "state": "UNDELIV"})
            self.assertEqual(response.status_code, 200, response.text)
        notification = self.notification(message)
        self.assertEqual(
            (notification.notification_status, notification.failure_type), ("exception", "sms_not_delivered")
        )

    def test_composer_shows_length_before_sending(self):
        self.use_company_instance(self.netgsm)
        composer = (
            self.env["sms.composer"]
            .with_user(self.agent)
            .with_context(active_model="res.partner", active_id=self.customer.id, default_body=TURKISH)
            .create({})
        )
        self.assertIn("GSM-7 with Turkish characters", composer.cxm_sms_info)
        self.assertIn("1 SMS", composer.cxm_sms_info)
        self.use_company_instance(self.vonage)
        composer.body = TURKISH * 2
        composer.invalidate_recordset(["cxm_sms_instance_id", "cxm_sms_info"])
        self.assertIn("UCS-2", composer.cxm_sms_info)
        self.assertIn("2 SMS", composer.cxm_sms_info)
