# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a customer receives follows the customer's language; what a user reads follows the user's."""

from odoo.exceptions import UserError

from .common import ProcessCommon


class TestCustomerLanguage(ProcessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("tr_TR")
        modules = cls.env["ir.module.module"].search([("name", "in", ["cxm_process", "helpdesk_mgmt"])])
        modules._update_translations("tr_TR")
        cls.tr_ask.mail_template_id = cls.env.ref("cxm_process.mail_template_status_update")

    def _status_mail(self, customer):
        ticket = self._ticket(user_id=self.agent.id, partner_id=customer.id)
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        ticket.with_user(self.agent).cxm_fire_transition(self.tr_ask.id, "Yazıcınızın modeli nedir?")
        return self.env["mail.message"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id), ("message_type", "!=", "notification")],
            order="id desc",
            limit=1,
        )

    def test_status_mail_in_the_customers_language(self):
        turkish = self.env["res.partner"].create({"name": "Elif Şahin", "email": "elif@example.com", "lang": "tr_TR"})
        english = self.env["res.partner"].create({"name": "Emma Clarke", "email": "emma@example.com", "lang": "en_US"})
        mail_tr = self._status_mail(turkish)
        self.assertIn("Merhaba Elif Şahin", str(mail_tr.body))
        self.assertIn("Ekibimizden mesaj: Yazıcınızın modeli nedir?", str(mail_tr.body))
        self.assertNotIn("Hello", str(mail_tr.body))
        awaiting_tr = self.stage_awaiting.with_context(lang="tr_TR").name
        self.assertNotEqual(awaiting_tr, "Awaiting", "helpdesk_mgmt translates its stages")
        self.assertIn(awaiting_tr, mail_tr.subject, "the stage in the subject is the customer's word too")
        mail_en = self._status_mail(english)
        self.assertIn("Hello Emma Clarke", str(mail_en.body))
        self.assertIn("Awaiting", mail_en.subject)

    def test_customer_without_language_gets_the_company_language(self):
        self.env.company.partner_id.lang = "tr_TR"
        nobody = self.env["res.partner"].create({"name": "Dil Yok", "email": "dilyok@example.com", "lang": False})
        self.assertIn("Merhaba Dil Yok", str(self._status_mail(nobody).body))

    def test_refusal_in_the_users_language(self):
        self.agent.lang = "tr_TR"
        ticket = self._ticket(user_id=self.agent.id)
        with self.assertRaises(UserError) as refusal:
            ticket.with_user(self.agent).write({"stage_id": self.stage_done.id})
        message = str(refusal.exception)
        self.assertIn("durumuna geçemez", message)
        self.assertIn("izin verilen hedefler", message)
        self.assertIn(self.stage_done.with_context(lang="tr_TR").name, message, "status names in Turkish too")
