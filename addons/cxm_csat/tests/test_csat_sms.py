# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import get_db_name

from odoo.addons.cxm_sms.tests import test_conversation
from odoo.addons.cxm_sms.tests.fake_providers import FakeNetgsm
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import csat_process


@tagged("post_install", "-at_install")
class TestCsatSms(test_conversation.TestConversation):
    """CSAT by SMS against the fake Netgsm on 127.0.0.1: the rating question goes out as an SMS in Turkish,
    the customer answers with one digit through Netgsm's forwarding, a low score reopens the ticket."""

    @classmethod
    def setUpClass(cls):
        if "cxm.channel.adapter.sms.netgsm" not in Registry(get_db_name()):
            raise unittest.SkipTest("cxm_sms is not installed")
        super().setUpClass()
        csat_process(cls)
        cls.customer.lang = "tr_TR" if cls.env["res.lang"]._lang_get("tr_TR") else cls.customer.lang

    # the conversation tests of the parent class run in their own module
    test_netgsm_round_trip = test_vonage_round_trip_and_failed_report = test_twilio_round_trip_through_sms_twilio = None

    def test_rating_by_sms_reply(self):
        with FakeNetgsm(usercode="8503000000", password="netgsm-pass") as fake, trap_jobs() as trap:
            self.netgsm.base_url = fake.url
            hook = self.hook(self.netgsm, "inbound")
            self.assertEqual(fake.inbound(hook, "905321234567", "Faturam hatalı").status_code, 200)
            self.run_jobs(trap)
            ticket = self.ticket_of_customer()
            ticket.cxm_process_id = self.process
            ticket.with_user(self.agent).cxm_fire_transition(self.tr_solve.id)
            self.run_jobs(trap)
            _jobid, job = list(fake.jobs.items())[-1]
            self.assertEqual(job["no"], "905321234567")
            self.assertRegex(job["msg"], r"/rate/\w+/3")
            self.assertEqual(fake.inbound(hook, "905321234567", "1").status_code, 200)
            self.run_jobs(trap)
        rating = ticket.rating_ids
        self.assertEqual(
            (rating.rating, rating.cxm_answer_channel, rating.cxm_request_instance_id), (1, "reply", self.netgsm)
        )
        self.assertEqual(ticket.cxm_status_id, self.st_progress, "the low score reopened the ticket")
        self.assertEqual(len(self.ticket_of_customer()), 1, "the answer opened no ticket")
