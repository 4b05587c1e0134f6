# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta
from unittest.mock import patch

import requests
from markupsafe import Markup

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools.fake_meta import inbound_payload, status_payload
from .common import SECRET, WhatsappCase


@tagged("post_install", "-at_install")
class TestWebhook(WhatsappCase):
    def test_round_trip(self):
        """Customer message -> ticket on the right customer -> agent reply from the chatter -> the provider
        gets the right request -> its status callbacks update the message."""
        known = self.env["res.partner"].create({"name": "Ayşe Yılmaz", "phone": "+90 532 111 22 33"})
        answer = self.customer_says("wamid.IN1", "Siparişim gelmedi")
        self.assertEqual(answer["messages"], 1)
        self.assertFalse(self.ticket_of(), "nothing is done on the webhook's request path")
        self.run_jobs()
        ticket = self.env["helpdesk.ticket"].search([("partner_id", "=", known.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(
            (ticket.name, ticket.channel_id.cxm_code, ticket.team_id), ("Siparişim gelmedi", "whatsapp", self.team)
        )
        ticket.user_id = self.agent
        ticket.with_user(self.agent).message_post(
            body=Markup("<p>Kargonuz yarın teslim edilecek.</p>"),  # what the chatter's composer sends
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.run_jobs()
        self.assertEqual(len(self.fake.sent), 1)
        wamid, payload, headers = self.fake.sent[0]
        self.assertEqual(headers["Authorization"], f"Bearer {self.fake.token}")
        self.assertEqual(
            payload,
            {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": "905321112233",
                "type": "text",
                "text": {"preview_url": False, "body": "Kargonuz yarın teslim edilecek."},
            },
        )
        out = ticket.cxm_channel_message_ids.filtered(lambda m: m.direction == "out")
        self.assertEqual((out.state, out.external_id), ("sent", wamid))
        self.assertEqual(self.deliver(), [200, 200, 200])
        self.run_jobs()
        self.assertEqual(out.state, "read")
        self.assertEqual(self.deliver(), [], "nothing left")
        # the API log has the inbound calls and the outbound send
        logs = self.env["cxm.integration.log"].search([("instance_id", "=", self.instance.id)])
        self.assertEqual(sorted(set(logs.mapped("direction"))), ["in", "out"])
        self.assertEqual(len(logs.filtered(lambda log: log.direction == "in")), 4)

    def test_new_customer_media_and_window(self):
        self.fake.media["MEDIA1"] = ("image/jpeg", b"\xff\xd8jpeg-bytes")
        self.fake.media["HUGE"] = ("video/mp4", b"0" * (1024 * 1024 + 1))
        self.customer_says(
            "wamid.M1",
            wa_id="905559998877",
            name="Mehmet",
            message={"type": "image", "image": {"id": "MEDIA1", "mime_type": "image/jpeg", "caption": "kırık ürün"}},
        )
        self.customer_says(
            "wamid.M2",
            wa_id="905559998877",
            message={"type": "video", "video": {"id": "HUGE", "mime_type": "video/mp4"}},
        )
        self.run_jobs()
        ticket = self.ticket_of("+905559998877")
        self.assertEqual(len(ticket), 1, "both messages on one ticket")
        self.assertEqual(ticket.partner_id.name, "Mehmet")
        self.assertEqual(ticket.partner_id.cxm_created_channel_id.cxm_code, "whatsapp")
        self.assertEqual(ticket.message_ids.attachment_ids.mapped("raw"), [b"\xff\xd8jpeg-bytes"])
        refused = ticket.cxm_channel_message_ids.filtered(lambda m: m.external_id == "wamid.M2")
        self.assertIn("too large", refused.error_reason)
        self.assertIn(
            "attachment not kept", ticket.message_ids.filtered(lambda m: m.id == refused.mail_message_id.id).body
        )
        # outside the 24-hour window: a clear refusal, nothing posted, nothing queued
        ticket.cxm_channel_message_ids.sudo().write({"date": fields.Datetime.now() - timedelta(hours=25)})
        count = len(ticket.message_ids)
        with self.assertRaisesRegex(UserError, "24-hour"), self.env.cr.savepoint():
            ticket.message_post(
                body="Hello?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.agent.partner_id.id,
            )
        ticket.invalidate_recordset()
        self.assertEqual(len(ticket.message_ids), count)
        self.assertFalse(ticket.cxm_channel_message_ids.filtered(lambda m: m.direction == "out"))
        # an approved template goes out
        template = self.env["cxm.whatsapp.template"].create(
            {
                "instance_id": self.instance.id,
                "name": "order_update",
                "language": "tr",
                "status": "approved",
                "body": "Merhaba {{1}}, talebiniz {{2}} güncellendi.",
            }
        )
        wizard = (
            self.env["cxm.whatsapp.template.send"]
            .with_user(self.agent)
            .create({"ticket_id": ticket.id, "template_id": template.id, "parameters": "Mehmet\nCX-1"})
        )
        self.assertEqual(wizard.preview, "Merhaba Mehmet, talebiniz CX-1 güncellendi.")
        with self.assertRaises(UserError):
            wizard.parameters = "Mehmet"
            wizard.action_send()
        wizard.parameters = "Mehmet\nCX-1"
        ticket.user_id = self.agent
        wizard.action_send()
        self.run_jobs()
        payload = self.fake.sent[-1][1]
        self.assertEqual(payload["type"], "template")
        self.assertEqual(payload["template"]["name"], "order_update")
        self.assertEqual(payload["template"]["components"][0]["parameters"][1], {"type": "text", "text": "CX-1"})
        self.assertEqual(len(self.fake.sent), 1, "the template's chatter post did not go out a second time")

    def test_provider_failures(self):
        self.customer_says("wamid.F1")
        self.run_jobs()
        ticket = self.ticket_of()
        ticket.user_id = self.agent
        # Meta refuses: failed at once with Meta's code, no retry
        self.fake.fail_next.append(
            (
                400,
                {
                    "error": {
                        "message": "(#131030) Recipient phone number not in allowed list",
                        "type": "OAuthException",
                        "code": 131030,
                        "error_data": {"details": "Add the number to the allowed list"},
                    }
                },
            )
        )
        ticket.with_user(self.agent).message_post(body="Bir", message_type="comment", subtype_xmlid="mail.mt_comment")
        self.run_jobs()
        first = ticket.cxm_channel_message_ids.filtered(lambda m: m.direction == "out")
        self.assertEqual(first.state, "failed")
        self.assertEqual(first.error_code, "131030")
        self.assertIn("allowed list", first.error_reason)
        # a timeout, then a success: retried by the outbox
        with patch.object(requests, "request", side_effect=requests.Timeout):
            first.with_user(self.agent).action_retry()
            self.run_jobs(rounds=1, until_empty=False)
        self.assertEqual(first.state, "queued")
        self.assertIn("timeout", first.error_reason)
        self.run_jobs()
        self.assertEqual(first.state, "sent")
        # a delivery failure reported by the status callback
        self.fake.callbacks.clear()
        errors = [{"code": 131047, "title": "Re-engagement message", "error_data": {"details": "more than 24 hours"}}]
        self.post(status_payload(self.fake.phone_number_id, first.external_id, "failed", "905321112233", errors=errors))
        self.run_jobs()
        self.assertEqual((first.state, first.error_code), ("failed", "131047"))
        self.assertIn("Re-engagement", first.error_reason)

    def test_bad_input(self):
        Message = self.env["cxm.channel.message"]
        payload = inbound_payload(self.fake.phone_number_id, "905321112233", "wamid.BAD", "hi")
        body = json.dumps(payload).encode()
        cases = [
            ("missing signature", {"raw": body, "headers": {"X-Hub-Signature-256": ""}}, 401),
            ("wrong secret", {"raw": body, "secret": "not-the-secret"}, 401),
            ("tampered", {"raw": body.replace(b"hi", b"ho"), "headers": {"X-Hub-Signature-256": self._sig(body)}}, 401),
            ("malformed JSON", {"raw": b'{"object": "whatsapp_business_account", "entry": ['}, 400),
            ("not a notification", {"payload": {"object": "page"}}, 400),
            ("NUL byte", {"raw": body.replace(b"hi", b"h\\u0000i")}, 400),
            ("invalid UTF-8", {"raw": body.replace(b"hi", b"h\xffi")}, 400),
            ("unknown instance", {"raw": body, "url": self.webhook_url.replace("/whatsapp/", "/whatsapp/x")}, 404),
        ]
        for name, kwargs, expected in cases:
            with self.subTest(name):
                status, answer = self.post(**kwargs)
                self.assertEqual(status, expected, (name, answer))
                self.assertIn("error", answer)
        self.run_jobs()
        self.assertFalse(Message.search([("external_id", "=", "wamid.BAD")]))
        self.assertFalse(self.env["cxm.integration.event"].search([("instance_id", "=", self.instance.id)]))
        # another number's change is ignored, not processed by this instance
        status, answer = self.post(inbound_payload("999", "905321112233", "wamid.OTHER", "x"))
        self.assertEqual((status, answer["ignored"]), (200, 1))
        # a disabled instance refuses
        self.instance.action_disable()
        status, _answer = self.post(payload)
        self.assertEqual(status, 403)

    def _sig(self, body):
        from ..tools.fake_meta import sign

        return sign("test-app-secret", body)

    def test_verification_handshake(self):
        url = self.webhook_url
        ok = self.url_open(f"{url}?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444")
        self.assertEqual((ok.status_code, ok.text), (200, "1158201444"))
        for query in (
            "hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
            "hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1",
            "hub.mode=subscribe&hub.challenge=1",
        ):
            self.assertEqual(self.url_open(f"{url}?{query}").status_code, 403, query)

    def test_template_sync(self):
        self.fake.templates = [
            {
                "name": "order_update",
                "language": "tr",
                "status": "APPROVED",
                "category": "UTILITY",
                "id": "T1",
                "components": [{"type": "BODY", "text": "Merhaba {{1}}"}],
            },
            {
                "name": "spring",
                "language": "tr",
                "status": "REJECTED",
                "category": "MARKETING",
                "id": "T2",
                "components": [{"type": "BODY", "text": "İndirim {{1}} {{2}}"}],
            },
        ]
        self.instance.action_cxm_wa_sync_templates()
        templates = self.instance.cxm_wa_template_ids.sorted("name")
        self.assertEqual(
            [(t.name, t.status, t.category, t.param_count) for t in templates],
            [("order_update", "approved", "utility", 1), ("spring", "rejected", "marketing", 2)],
        )
        self.fake.templates = self.fake.templates[:1]
        self.instance.action_cxm_wa_sync_templates()
        self.assertEqual(self.instance.cxm_wa_template_ids.mapped("name"), ["order_update"])
        self.fake.token, token = "other", self.fake.token
        try:
            with self.assertRaisesRegex(UserError, "190"):
                self.instance.action_cxm_wa_sync_templates()
        finally:
            self.fake.token = token


@tagged("post_install", "-at_install")
class TestWebhook360dialog(WhatsappCase):
    variant = "d360"

    def test_round_trip_with_api_key_header(self):
        self.customer_says("wamid.D1", "Merhaba")
        self.run_jobs()
        ticket = self.ticket_of()
        ticket.user_id = self.agent
        ticket.with_user(self.agent).message_post(body="Selam", message_type="comment", subtype_xmlid="mail.mt_comment")
        self.run_jobs()
        _wamid, payload, headers = self.fake.sent[0]
        self.assertEqual(headers["D360-API-KEY"], self.fake.token)
        self.assertNotIn("Authorization", headers)
        self.assertEqual(payload["text"]["body"], "Selam")

    def test_unsigned_webhooks_with_the_custom_header(self):
        """360dialog does not sign: with scheme 'API key only' its custom header authenticates it."""
        self.instance.signature_scheme = "none"
        body = json.dumps(inbound_payload(self.fake.phone_number_id, "905321112233", "wamid.D2", "x")).encode()
        status, _answer = self.post(raw=body, headers={"X-Hub-Signature-256": ""})
        self.assertEqual(status, 401)
        status, _answer = self.post(raw=body, headers={"X-CXM-Webhook-Token": "guess"})
        self.assertEqual(status, 401)
        status, answer = self.post(raw=body, headers={"X-CXM-Webhook-Token": SECRET})
        self.assertEqual((status, answer["messages"]), (200, 1))
