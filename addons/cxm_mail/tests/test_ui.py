# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from email.message import EmailMessage
from email.utils import make_msgid

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMailUi(HttpCase):
    def test_manager_follows_a_filtered_vacation_reply_to_its_ticket(self):
        new_test_user(self.env, "cxm_mail_manager", groups="cxm_base.group_cxm_manager", name="Mail Manager")
        customer = self.env["res.partner"].create({"name": "Tour Customer", "email": "tour.customer@example.com"})
        awaiting = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "CXM tour ticket", "description": "x", "partner_id": customer.id, "stage_id": awaiting.id}
        )
        self.assertEqual(ticket.stage_id, awaiting)
        msg = EmailMessage()
        msg["From"] = "Tour Customer <tour.customer@example.com>"
        msg["To"] = "support@cxm-tour.example"
        msg["Subject"] = f"Out of office: CXM tour [{ticket.number}]"
        msg["Message-Id"] = make_msgid(domain="customer.example")
        msg["Auto-Submitted"] = "auto-replied"
        msg.set_content("Back on Monday.")
        self.env["mail.thread"].sudo().message_process("helpdesk.ticket", msg.as_bytes())
        self.assertEqual(ticket.stage_id, awaiting)
        log = self.env["cxm.mail.autoreply"].search([("message_id", "=", msg["Message-Id"])])
        self.assertEqual(log.ticket_id, ticket)
        self.start_tour(
            "/odoo/action-cxm_mail.cxm_mail_autoreply_action", "cxm_mail_autoreply_tour", login="cxm_mail_manager"
        )
