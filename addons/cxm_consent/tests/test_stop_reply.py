# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tests import tagged

from odoo.addons.cxm_sms.tests.fake_providers import FakeNetgsm
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import ConsentCommon


@tagged("post_install", "-at_install")
class TestStopReply(ConsentCommon):
    """A customer answers STOP to an SMS: the consent is withdrawn at once, in the ledger and the phone
    blacklist; any other reply is a conversation."""

    def run_jobs(self, trap):
        def here(value):
            return value.with_env(self.env) if isinstance(value, models.BaseModel) else value

        for _round in range(10):
            jobs, trap.enqueued_jobs = trap.enqueued_jobs, []
            if not jobs:
                return
            for job in jobs:
                getattr(here(job.recordset), job.method_name)(*[here(a) for a in job.args], **job.kwargs)

    def test_stop_reply_withdraws_sms_consent(self):
        self.record("approve")
        self.assertTrue(self.allowed("sms", ["+905321234567"]))
        with FakeNetgsm() as fake, trap_jobs() as trap:
            self.netgsm.base_url = fake.url
            hook = self.hook(self.netgsm, "inbound")
            self.assertEqual(fake.inbound(hook, "905321234567", "Siparişimi iptal edin").status_code, 200)
            self.run_jobs(trap)
            self.assertTrue(self.allowed("sms", ["+905321234567"]), "a sentence is a conversation")
            self.assertEqual(fake.inbound(hook, "905321234567", " İPTAL ").status_code, 200)
            self.assertEqual(fake.inbound(hook, "905321234567", " İPTAL ").status_code, 200)  # redelivered
            self.run_jobs(trap)
            # a service reply on the customer's ticket still goes out: withdrawal stops commercial messages only
            ticket = self.env["helpdesk.ticket"].search([("partner_id", "=", self.customer.id)])
            sent = ticket._cxm_channel_send_text("Talebiniz kapatıldı.")
            self.assertEqual(sent.state, "sent")
            self.assertEqual(list(fake.jobs.values())[-1]["msg"], "Talebiniz kapatıldı.")
        self.assertFalse(self.allowed("sms", ["+905321234567"]), "withdrawn at once")
        refusal = self.customer.cxm_consent_event_ids.filtered(lambda e: e.status == "refuse")
        self.assertEqual(len(refusal), 1, "a redelivered STOP records once")
        self.assertEqual(refusal.source, "HS_MESAJ")
        self.assertEqual(refusal.evidence_text, "İPTAL")
        self.assertTrue(self.env["phone.blacklist"].search([("number", "=", "+905321234567")]))
        self.assertTrue(ticket, "the STOP reply is also on the customer's conversation")
