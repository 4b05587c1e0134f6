# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SmsCommon
from .fake_providers import FakeNetgsm, FakeTwilio, FakeVonage, query_url

REPLY = "Merhaba Ayşe Hanım, siparişiniz yarın teslim edilecek."


@tagged("post_install", "-at_install")
class TestConversation(SmsCommon):
    """Inbound SMS -> ticket of the right customer -> agent's reply from the
    chatter -> the fake provider gets the right request -> its delivery report
    moves the conversation message to delivered."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "SMS team", "user_ids": [(6, 0, cls.agent.ids)]})
        (cls.netgsm | cls.vonage | cls.twilio).write({"cxm_team_id": cls.team.id})

    def run_jobs(self, trap, rounds=10):
        """Run the jobs queued so far, those of webhook requests included: their records are bound
        to the request's (closed) cursor, so each job runs on the test's environment."""

        def here(value):
            return value.with_env(self.env) if isinstance(value, models.BaseModel) else value

        for _round in range(rounds):
            jobs, trap.enqueued_jobs = trap.enqueued_jobs, []
            if not jobs:
                return
            for job in jobs:
                method = getattr(here(job.recordset), job.method_name)
                method(*[here(arg) for arg in job.args], **{k: here(v) for k, v in job.kwargs.items()})

    def ticket_of_customer(self):
        return self.env["helpdesk.ticket"].search([("partner_id", "=", self.customer.id)])

    def reply(self, ticket):
        ticket.with_user(self.agent).message_post(body=REPLY, message_type="comment", subtype_xmlid="mail.mt_comment")
        return ticket.cxm_channel_message_ids.filtered(lambda m: m.direction == "out")

    def test_netgsm_round_trip(self):
        with FakeNetgsm(usercode="8503000000", password="netgsm-pass") as fake, trap_jobs() as trap:
            self.netgsm.base_url = fake.url
            hook = self.hook(self.netgsm, "inbound")
            self.assertEqual(fake.inbound(hook, "905321234567", "Siparişim gelmedi").status_code, 200)
            self.assertEqual(fake.inbound(hook, "905321234567", "Siparişim gelmedi").status_code, 200)
            self.run_jobs(trap)
            ticket = self.ticket_of_customer()
            self.assertEqual(len(ticket), 1, "one ticket, on the customer found by phone, despite the redelivery")
            self.assertEqual(ticket.channel_id.cxm_code, "sms")
            self.assertEqual(ticket.cxm_reply_instance_id, self.netgsm)
            self.assertEqual(len(ticket.message_ids.filtered(lambda m: m.author_id == self.customer)), 1)
            out = self.reply(ticket)
            self.assertEqual(len(fake.jobs), 1)
            jobid, job = next(iter(fake.jobs.items()))
            self.assertEqual(
                (job["no"], job["msg"], job["dil"], job["header"]), ("905321234567", REPLY, "TR", "CXMTEST")
            )
            self.assertEqual((out.state, out.external_id), ("sent", jobid))
            job["status"] = "1"
            self.env["sms.tracker"]._cxm_poll_netgsm()
            self.run_jobs(trap)
        self.assertEqual(out.state, "delivered")
        self.assertTrue(out.delivered_date)

    def test_vonage_round_trip_and_failed_report(self):
        with FakeVonage() as fake, trap_jobs() as trap:
            self.vonage.base_url = fake.url
            params = fake.inbound_params("905321234567", "Kargom nerede?")
            response = self.session_get(query_url(self.hook(self.vonage, "inbound"), params))
            self.assertEqual(response.status_code, 200, response.text)
            self.run_jobs(trap)
            ticket = self.ticket_of_customer()
            self.assertEqual(ticket.cxm_reply_instance_id, self.vonage)
            out = self.reply(ticket)
            message_id, form = next(iter(fake.messages.items()))
            self.assertEqual((form["to"], form["text"], form["type"]), ("905321234567", REPLY, "unicode"))
            self.assertEqual(out.external_id, message_id)
            self.assertEqual(fake.receipt(message_id, "rejected", err_code="6").status_code, 200)
            self.assertEqual(fake.receipt(message_id, "rejected", err_code="6").status_code, 200)
            self.run_jobs(trap)
        self.assertEqual((out.state, out.error_code), ("failed", "rejected"))

    def test_twilio_round_trip_through_sms_twilio(self):
        with FakeTwilio() as fake, trap_jobs() as trap:
            self.twilio.base_url = fake.url
            url = self.hook(self.twilio, "inbound")
            self.assertEqual(
                fake.post_signed(url, fake.inbound_params("+905321234567", "Fatura hatalı")).status_code, 200
            )
            self.run_jobs(trap)
            ticket = self.ticket_of_customer()
            out = self.reply(ticket)
            sid, form = next(iter(fake.messages.items()))
            self.assertEqual((form["To"], form["Body"]), ("+905321234567", REPLY))
            self.assertEqual((out.state, out.external_id), ("sent", sid))
            self.assertEqual(fake.status(sid, "delivered").status_code, 200)
            self.run_jobs(trap)
        self.assertEqual(out.state, "delivered")

    def test_provider_down_is_a_clear_failure(self):
        with FakeNetgsm() as fake, trap_jobs() as trap:
            self.netgsm.base_url = fake.url
            fake.inbound(self.hook(self.netgsm, "inbound"), "905321234567", "Merhaba")
            self.run_jobs(trap)
            fake.down = True
            out = self.reply(self.ticket_of_customer())
        self.assertEqual((out.state, out.error_code), ("failed", "sms_server"))
        self.assertFalse(fake.jobs)

    def session_get(self, url):
        import requests

        return requests.get(url, timeout=10)
