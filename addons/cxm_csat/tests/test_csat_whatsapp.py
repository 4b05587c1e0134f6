# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import get_db_name

from odoo.addons.cxm_whatsapp.tests.common import WhatsappCase

from .common import csat_process


@tagged("post_install", "-at_install")
class TestCsatWhatsapp(WhatsappCase):
    """CSAT on WhatsApp against the fake Cloud API on 127.0.0.1: the request goes out in the 24-hour
    window, the customer taps a quick-reply button, a low score reopens the ticket."""

    @classmethod
    def setUpClass(cls):
        if "cxm.channel.adapter.whatsapp.meta" not in Registry(get_db_name()):
            raise unittest.SkipTest("cxm_whatsapp is not installed")
        super().setUpClass()
        csat_process(cls)

    def test_request_on_whatsapp_and_button_answer(self):
        self.customer_says("wamid.CSAT1", "Ürün bozuk geldi")
        self.run_jobs()
        ticket = self.ticket_of()
        ticket.cxm_process_id = self.process
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_solve.id)
        self.run_jobs()
        _wamid, request, _headers = self.fake.sent[-1]
        self.assertTrue(request["to"].endswith("905321112233"), request)
        self.assertIn("1 (very bad) to 5 (very good)", request["text"]["body"])
        rating = ticket.rating_ids
        self.assertEqual(rating.cxm_request_instance_id, self.instance)
        button = {"type": "button", "button": {"text": "2", "payload": "CSAT_2"}}
        self.customer_says("wamid.CSAT2", message=button)
        self.run_jobs()
        self.assertEqual((rating.rating, rating.consumed, rating.cxm_answer_channel), (2, True, "reply"))
        self.assertEqual(ticket.cxm_status_id, self.st_progress, "the low rating reopened the ticket")
        self.assertEqual(len(self.ticket_of()), 1, "the answer opened no ticket")
        # the provider redelivers the button tap: nothing changes
        self.customer_says("wamid.CSAT2", message=button)
        self.run_jobs()
        self.assertEqual(rating.rating, 2)
