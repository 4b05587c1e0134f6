# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.cxm_sms.tests.fake_providers import FakeNetgsm

from ..models.cxm_consent_code import hash_code
from .common import ConsentCommon, code_in


@tagged("post_install", "-at_install")
class TestSmsCode(ConsentCommon):
    """The agent's SMS-code opt-in against the fake Netgsm: the code goes out by SMS, the customer reads it
    back, the consent is recorded with source "call centre"; codes expire, wrong codes are limited and
    every attempt is logged."""

    def wizard(self, **values):
        action = self.customer.with_user(self.agent).action_cxm_consent_optin()
        form = Form(self.env["cxm.consent.optin"].with_user(self.agent).with_context(**action["context"]))
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def send(self, fake, **values):
        wizard = self.wizard(**values)
        wizard.action_send_code()
        job = list(fake.jobs.values())[-1]
        return wizard, job

    def test_code_by_sms_records_call_centre_consent(self):
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            wizard, job = self.send(fake, approve_whatsapp=True)
            self.assertEqual(job["no"], "905321234567", "the code goes to the customer's mobile")
            code = code_in(job["msg"])
            self.assertTrue(code, job["msg"])
            self.assertEqual(wizard.step, "sent")
            record = wizard.code_id.sudo()
            self.assertNotIn(code, (record.code_hash, record.text), "only the hash of the code is kept")
            self.assertEqual(record.message_id.state, "sent", "sent through the conversation layer")
            self.assertFalse(record.message_id.ticket_id, "a code opens no ticket")
            wizard.entered_code = code
            wizard.action_confirm_code()
        self.assertEqual(wizard.step, "done")
        events = self.customer.cxm_consent_event_ids
        self.assertEqual(sorted(events.mapped("channel")), ["sms", "whatsapp"])
        self.assertEqual(set(events.mapped("source")), {"HS_CAGRI_MERKEZI"})
        self.assertEqual(set(events.mapped("code_hash")), {hash_code(record.salt, code)})
        self.assertEqual(set(events.mapped("user_id")), {self.agent})
        self.assertEqual(set(events.mapped("message_ref")), {record.message_id.external_id})
        self.assertTrue(self.allowed("sms", ["+905321234567"]))
        self.assertEqual(record.attempt_ids.mapped("success"), [True])
        # a used code does not record twice
        wizard.action_confirm_code()
        self.assertEqual(len(self.customer.cxm_consent_event_ids), 2)

    def test_wrong_codes_are_limited_and_logged(self):
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            wizard, job = self.send(fake)
            code = code_in(job["msg"])
            wrong = f"{(int(code) + 1) % 10**6:06d}"
            feedback = []
            for _attempt in range(3):
                wizard.entered_code = wrong
                wizard.action_confirm_code()
                feedback.append(wizard.feedback)
            self.assertEqual(feedback[0], "Wrong code: 2 attempt(s) left.")
            self.assertIn("Too many wrong attempts", feedback[2])
            # brute force stops here: even the right code is refused now
            wizard.entered_code = code
            wizard.action_confirm_code()
            self.assertIn("send a new code", wizard.feedback)
        record = wizard.code_id.sudo()
        self.assertEqual(record.state, "blocked")
        self.assertEqual(len(record.attempt_ids), 4, "every attempt is logged")
        self.assertEqual(record.attempt_ids.mapped("success"), [False] * 4)
        self.assertEqual(set(record.attempt_ids.mapped("user_id")), {self.agent})
        self.assertFalse(self.customer.cxm_consent_event_ids)
        self.assertFalse(self.allowed("sms", ["+905321234567"]))

    def test_codes_expire(self):
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            wizard, job = self.send(fake)
            with freeze_time(fields.Datetime.now() + timedelta(minutes=6)):
                wizard.entered_code = code_in(job["msg"])
                wizard.action_confirm_code()
        self.assertEqual(wizard.feedback, "The code has expired: send a new one.")
        self.assertEqual(wizard.code_id.state, "expired")
        self.assertFalse(self.customer.cxm_consent_event_ids)

    def test_new_code_replaces_old_and_sending_is_rate_limited(self):
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            wizard, first = self.send(fake)
            wizard.action_send_code()
            second = list(fake.jobs.values())[-1]
            wizard.entered_code = code_in(first["msg"])
            old = self.env["cxm.consent.code"].sudo().search([("partner_id", "=", self.customer.id)], order="id")[0]
            _events, reason = old._cxm_verify(code_in(first["msg"]))
            self.assertEqual(reason, "A newer code was sent: use that one.")
            wizard.action_send_code()
            with self.assertRaisesRegex(UserError, "3 codes were sent"):
                wizard.action_send_code()
            self.assertEqual(len(fake.jobs), 3, "no fourth SMS within the hour")
            self.assertTrue(code_in(second["msg"]))

    def test_reopening_resumes_the_open_code(self):
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            _wizard, job = self.send(fake)
            again = self.wizard()
            self.assertEqual(again.step, "sent", "a dialog closed by mistake does not need a new SMS")
            again.entered_code = code_in(job["msg"])
            again.action_confirm_code()
            self.assertEqual(again.step, "done")

    def test_provider_failure_is_a_clear_error(self):
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            fake.next_code = "30"
            wizard = self.wizard()
            wizard.action_send_code()
        self.assertEqual(wizard.step, "draft", "nothing to type: the agent may try again")
        self.assertIn("The code could not be sent:", wizard.feedback)
        code = self.env["cxm.consent.code"].sudo().search([("partner_id", "=", self.customer.id)])
        self.assertEqual(code.state, "failed", "kept for the audit trail")
        self.assertEqual(code._cxm_verify("123456")[1], "This code could not be sent: send a new one.")

    def test_invalid_number_and_no_channel(self):
        with self.assertRaisesRegex(UserError, "not a valid mobile number"):
            self.wizard(phone="12").action_send_code()
        with self.assertRaisesRegex(UserError, "at least one channel"):
            self.wizard(approve_sms=False).action_send_code()
