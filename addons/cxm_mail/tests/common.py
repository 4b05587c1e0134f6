# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from email.message import EmailMessage
from email.utils import make_msgid

from odoo.addons.cxm_process.tests.common import ProcessCommon


class MailCommon(ProcessCommon):
    """The test process of cxm_process on a team that receives e-mail at support@cxm-test.example."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {"name": "cxm-test.example", "company_ids": [(4, cls.env.company.id)]}
        )
        cls.env.company.alias_domain_id = cls.alias_domain
        cls.team_service.write({"alias_name": "support", "alias_contact": "everyone"})
        # the team's alias was made with the company's domain of the time (the demo's, if installed)
        cls.team_service.alias_id.alias_domain_id = cls.alias_domain
        cls.support = "support@cxm-test.example"

    def _mail(self, sender, subject, body="Hello", *, to=None, headers=None, msgid=None):
        msg = EmailMessage()
        msg["From"] = sender
        msg["To"] = to or self.support
        msg["Subject"] = subject
        msg["Message-Id"] = msgid or make_msgid(domain="customer.example")
        for name, value in (headers or {}).items():
            msg[name] = value
        msg.set_content(body)
        return msg

    def _receive(self, msg):
        """Odoo's gateway, as fetchmail and the mailgate script call it."""
        return self.env["mail.thread"].sudo().message_process(None, msg.as_bytes())

    def _tickets_from(self, email):
        return self.env["helpdesk.ticket"].search([("partner_email", "ilike", email)])
