# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.cxm_consent.tests.common import ConsentCommon

NUMBERS = ["+905321110001", "+905321110002", "+905321110003"]


class MailingCommon(ConsentCommon):
    """Three customers with a mobile and an e-mail address, and campaigns to them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env["res.partner"].create(
            [
                {"name": f"Müşteri {i}", "phone": number, "email": f"musteri{i}@example.com"}
                for i, number in enumerate(NUMBERS)
            ]
        )
        cls.partner_model = cls.env["ir.model"]._get("res.partner")

    def mailing(self, kind="sms", partners=None):
        partners = partners if partners is not None else self.customers
        values = {
            "subject": "Kış kampanyası",
            "mailing_type": kind,
            "mailing_model_id": self.partner_model.id,
            "mailing_domain": repr([("id", "in", partners.ids)]),
        }
        if kind == "sms":
            values["body_plaintext"] = "Kış kampanyası: tüm ürünlerde %20 indirim"
        else:
            values["body_html"] = "<p>Kış kampanyası</p>"
        return self.env["mailing.mailing"].create(values)

    def send_queue(self):
        """What the SMS queue's scheduled action does (without its commit)."""
        self.env["sms.sms"].sudo().search([("state", "=", "outgoing")]).send(raise_exception=False)

    def send_sms_campaign(self, fake, partners=None):
        """Send an SMS campaign and run the SMS queue: return the numbers the fake provider received."""
        before = len(fake.jobs)
        mailing = self.mailing("sms", partners)
        mailing.action_send_sms()
        self.send_queue()
        return mailing, {"+" + job["no"] for job in list(fake.jobs.values())[before:]}
