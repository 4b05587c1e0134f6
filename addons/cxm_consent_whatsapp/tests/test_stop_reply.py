# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.cxm_whatsapp.tests.common import WhatsappCase

NUMBER = "+905321112233"


@tagged("post_install", "-at_install")
class TestWhatsappStop(WhatsappCase):
    """A customer answers İPTAL on WhatsApp (a signed Cloud API webhook, as Meta sends it): the consent to
    commercial WhatsApp messages is withdrawn in the ledger at once; a marketing template is refused
    afterwards, a reply on the customer's ticket still goes out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Ayşe Yılmaz", "phone": "+90 532 111 22 33"})
        cls.env["cxm.consent.event"]._cxm_record(
            [
                {"partner_id": cls.customer.id, "channel": channel, "address": NUMBER, "status": "approve"}
                | {"source": "HS_WEB"}
                for channel in ("whatsapp", "sms")
            ]
        )
        cls.campaign = cls.env["cxm.whatsapp.template"].create(
            {
                "instance_id": cls.instance.id,
                "name": "spring_campaign",
                "language": "tr",
                "status": "approved",
                "category": "marketing",
                "body": "Merhaba {{1}}, bahar indirimi başladı!",
            }
        )

    def allowed(self, channel):
        return self.env["cxm.consent.state"]._cxm_allowed(channel, [NUMBER])

    def campaign_wizard(self, ticket, template=None):
        return (
            self.env["cxm.whatsapp.template.send"]
            .with_user(self.agent)
            .create({"ticket_id": ticket.id, "template_id": (template or self.campaign).id, "parameters": "Ayşe"})
        )

    def send_campaign(self, ticket):
        wizard = self.campaign_wizard(ticket)
        self.assertFalse(wizard.cxm_consent_warning, "no warning while the customer approves")
        return wizard.action_send()

    def test_stop_reply_withdraws_whatsapp_consent(self):
        self.customer_says("wamid.STOP1", "Siparişimi iptal etmek istiyorum")
        self.run_jobs()
        ticket = self.env["helpdesk.ticket"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(ticket), 1)
        ticket.user_id = self.agent
        self.assertTrue(self.allowed("whatsapp"), "a sentence with 'iptal' in it is a conversation")
        # before the withdrawal the campaign goes out, as a template
        self.send_campaign(ticket)
        self.run_jobs()
        self.assertEqual(len(self.fake.sent), 1)
        self.assertEqual(self.fake.sent[0][1]["template"]["name"], "spring_campaign")

        self.customer_says("wamid.STOP2", " İPTAL ")
        self.customer_says("wamid.STOP2", " İPTAL ")  # Meta redelivers
        self.run_jobs()
        self.assertFalse(self.allowed("whatsapp"), "withdrawn at once")
        self.assertTrue(self.allowed("sms"), "a WhatsApp STOP withdraws WhatsApp only")
        refusal = self.env["cxm.consent.event"].search(
            [("channel", "=", "whatsapp"), ("address", "=", NUMBER), ("status", "=", "refuse")]
        )
        self.assertEqual(len(refusal), 1, "a redelivered STOP records once")
        self.assertEqual(
            (refusal.partner_id, refusal.source, refusal.evidence_text, refusal.message_ref),
            (self.customer, "HS_MESAJ", "İPTAL", "wamid.STOP2"),
        )
        self.assertIn("İPTAL", ticket.message_ids[0].body, "the STOP reply is also on the customer's ticket")

        # a later campaign to that number is refused, and nothing reaches the provider; the agent is
        # warned before clicking Send (a utility template is not concerned)
        wizard = self.campaign_wizard(ticket)
        self.assertIn("has not approved commercial WhatsApp messages", wizard.cxm_consent_warning)
        self.campaign.category = "utility"
        self.assertFalse(self.campaign_wizard(ticket).cxm_consent_warning)
        self.campaign.category = "marketing"
        with self.assertRaisesRegex(UserError, "has not approved commercial messages"), self.env.cr.savepoint():
            wizard.action_send()
        self.run_jobs()
        self.assertEqual(len(self.fake.sent), 1)
        self.assertFalse(
            ticket.cxm_channel_message_ids.filtered(lambda m: m.direction == "out" and m.state == "queued")
        )

        # a reply on the ticket (transactional) still goes through
        ticket.with_user(self.agent).message_post(
            body=Markup("<p>İptal talebiniz alındı, siparişiniz iptal edildi.</p>"),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.run_jobs()
        self.assertEqual(len(self.fake.sent), 2)
        self.assertEqual(self.fake.sent[1][1]["text"]["body"], "İptal talebiniz alındı, siparişiniz iptal edildi.")
        self.assertEqual(self.fake.sent[1][1]["to"], "905321112233")

    def test_tour_agent_is_warned(self):
        self.customer_says("wamid.T1", "Merhaba")
        self.customer_says("wamid.T2", "İptal")
        self.run_jobs()
        self.assertFalse(self.allowed("whatsapp"))
        ticket = self.env["helpdesk.ticket"].search([("partner_id", "=", self.customer.id)])
        ticket.user_id = self.agent
        self.start_tour(f"/odoo/helpdesk.ticket/{ticket.id}", "cxm_consent_whatsapp_warning_tour", login="wa_agent")
        self.assertEqual(self.fake.sent, [], "nothing sent")
