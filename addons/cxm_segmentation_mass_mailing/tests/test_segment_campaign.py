# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSegmentCampaign(TransactionCase):
    """A segment is a dynamic mailing list (OCA mass_mailing_list_dynamic) that follows its membership; a
    campaign to it reaches the segment's customers only (with consent when the consent module is there),
    and its results are counted by the segment each customer was in when it was sent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Partner = cls.env["res.partner"]
        cls.vip_yes = Partner.create({"name": "Vip Consenting", "email": "vip.yes@example.com"})
        cls.vip_no = Partner.create({"name": "Vip Silent", "email": "vip.no@example.com"})
        cls.vip_phone = Partner.create({"name": "Vip Phone Only", "phone": "+905321110009"})
        cls.vip_nothing = Partner.create({"name": "Vip Unreachable"})
        cls.regular = Partner.create({"name": "Regular", "email": "regular@example.com"})
        cls.customers = cls.vip_yes | cls.vip_no | cls.vip_phone | cls.vip_nothing | cls.regular
        cls.segmentation = cls.env["cxm.segmentation"].create(
            {
                "name": "Campaign tiers",
                "segment_ids": [
                    (0, 0, {"name": "VIP", "sequence": 1, "domain": "[('name', '=like', 'Vip %')]"}),
                    (0, 0, {"name": "Others", "sequence": 2, "domain": "[]"}),
                ],
            }
        )
        cls.segmentation._cxm_recompute(cls.customers.ids)
        cls.vip, cls.others = cls.segmentation.segment_ids.sorted("sequence")
        # with the consent module, only the consenting customers may receive the campaign
        cls.ledger = "cxm.consent.event" in cls.env
        if cls.ledger:
            cls.env["cxm.consent.event"]._cxm_record(
                [
                    {"partner_id": p.id, "channel": "email", "status": "approve", "source": "HS_WEB"}
                    for p in (cls.vip_yes | cls.regular)
                ]
                + [{"partner_id": cls.vip_phone.id, "channel": "sms", "status": "approve", "source": "HS_WEB"}]
            )

    def mailing(self, mailing_list, kind="mail"):
        values = {
            "subject": "VIP özel",
            "mailing_type": kind,
            "mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
            "contact_list_ids": [(6, 0, mailing_list.ids)],
        }
        values["body_plaintext" if kind == "sms" else "body_html"] = "<p>VIP</p>" if kind == "mail" else "VIP"
        return self.env["mailing.mailing"].create(values)

    def test_segment_list_follows_membership(self):
        mailing_list = self.vip._cxm_mailing_list()
        self.assertTrue(mailing_list.dynamic)
        self.assertEqual(mailing_list.sync_method, "full")
        self.assertEqual(
            mailing_list.contact_ids.partner_id,
            self.vip_yes | self.vip_no | self.vip_phone,
            "the segment's customers who have an e-mail address or a phone number",
        )
        phone_contact = mailing_list.contact_ids.filtered(lambda c: c.partner_id == self.vip_phone)
        self.assertEqual(phone_contact.mobile, "+905321110009", "SMS campaigns reach the customer's phone")
        self.assertEqual(self.vip._cxm_mailing_list(), mailing_list, "one list per segment")
        # a customer leaves the segment: the recompute takes them off the list, their contact goes
        leaving = mailing_list.contact_ids.filtered(lambda c: c.partner_id == self.vip_no)
        self.vip_no.name = "Was Vip"
        # a new customer enters it
        newcomer = self.env["res.partner"].create({"name": "Vip Newcomer", "email": "new@example.com"})
        self.segmentation._cxm_recompute((self.customers | newcomer).ids)
        self.assertEqual(mailing_list.contact_ids.partner_id, self.vip_yes | self.vip_phone | newcomer)
        self.assertFalse(leaving.exists(), "a contact that is on no list any more is removed")
        self.assertTrue(mailing_list.is_synced)

    def test_segment_list_stays_in_step(self):
        mailing_list = self.vip._cxm_mailing_list()
        with self.assertRaises(ValidationError):
            mailing_list.sync_method = "add"
        with self.assertRaises(ValidationError):
            self.env["mailing.contact"].create(
                {"name": "Manual", "email": "manual@example.com", "list_ids": [(4, mailing_list.id)]}
            )

    def test_segment_list_contacts_follow_their_customer(self):
        mailing_list = self.vip._cxm_mailing_list()
        contact = mailing_list.contact_ids.filtered(lambda c: c.partner_id == self.vip_yes)
        # OCA's matching of contacts to partners writes the partner they already have: not a manual edit
        contact.write({"partner_id": self.vip_yes.id})
        with self.assertRaises(ValidationError):
            contact.write({"partner_id": self.regular.id})
        # the customer may lose their e-mail address: the contact follows, the list keeps them (by phone)
        self.vip_yes.write({"email": False, "phone": "+905321110008"})
        self.assertFalse(contact.email)
        mailing_list.action_sync()
        self.assertIn(self.vip_yes, mailing_list.contact_ids.partner_id)
        # a customer whose contact is also on an ordinary list keeps OCA's rule: the e-mail stays
        other = mailing_list.contact_ids.filtered(lambda c: c.partner_id == self.vip_no)
        self.env["mailing.list"].create({"name": "Newsletter", "contact_ids": [(4, other.id)]})
        self.assertEqual(len(other.list_ids), 2)
        with self.assertRaises(ValidationError):
            self.vip_no.write({"email": False})

    def test_campaign_to_a_segment_with_results_by_segment(self):
        mailing = self.mailing(self.vip._cxm_mailing_list())
        mailing.action_send_mail()
        traces = mailing.mailing_trace_ids
        sent_to = set(traces.filtered(lambda t: t.trace_status != "cancel").mapped("email"))
        expected = {"vip.yes@example.com"} if self.ledger else {"vip.yes@example.com", "vip.no@example.com"}
        self.assertEqual(sent_to, expected, "the segment, and only its consenting customers")
        self.assertEqual(set(traces.mapped("cxm_segment_id")), {self.vip})
        self.assertIn(self.vip_yes, traces.partner_id, "OCA mass_mailing_partner links traces to customers")
        if self.ledger:
            self.assertEqual(mailing.cxm_consent_unknown_count, 1, "the silent VIP is counted as never consented")
        # the customer moves to another segment later: the results keep the segment at send time
        self.vip_yes.name = "Now Regular"
        self.segmentation._cxm_recompute(self.customers.ids)
        self.assertEqual(self.vip_yes.cxm_segment_ids, self.others)
        groups = self.env["mailing.trace"]._read_group(
            [("mass_mailing_id", "=", mailing.id)], ["cxm_segment_id", "trace_status"], ["__count"]
        )
        statuses = {(segment.name, status): count for segment, status, count in groups}
        # the phone-only customer has no e-mail: the e-mail campaign cancels it (stock rule)
        if self.ledger:
            self.assertEqual(statuses, {("VIP", "outgoing"): 1, ("VIP", "cancel"): 2})
        else:
            self.assertEqual(statuses, {("VIP", "outgoing"): 2, ("VIP", "cancel"): 1})

    def test_sms_campaign_to_a_segment(self):
        mailing = self.mailing(self.vip._cxm_mailing_list(), kind="sms")
        mailing.action_send_sms()
        outgoing = mailing.mailing_trace_ids.filtered(lambda t: t.trace_status != "cancel")
        self.assertEqual(outgoing.mapped("sms_number"), ["+905321110009"])
        self.assertEqual(outgoing.cxm_segment_id, self.vip)

    def test_segment_actions(self):
        action = self.vip.action_cxm_new_mailing()
        mailing = self.env["mailing.mailing"].with_context(**action["context"]).create({"subject": "x"})
        self.assertEqual(mailing.contact_list_ids.cxm_segment_id, self.vip)
        self.assertEqual(mailing.mailing_model_real, "mailing.contact")
        self.assertEqual(self.vip.action_cxm_mailing_list()["res_id"], self.vip.mailing_list_ids.id)
        results = self.vip.action_cxm_campaign_results()
        self.assertEqual(results["domain"], [("cxm_segment_id", "=", self.vip.id)])
