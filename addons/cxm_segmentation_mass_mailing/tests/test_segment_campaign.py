# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSegmentCampaign(TransactionCase):
    """A campaign to a segment reaches the segment's customers only, and its results are counted by the
    segment each customer was in when it was sent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Partner = cls.env["res.partner"]
        cls.vip_yes = Partner.create({"name": "Vip Consenting", "email": "vip.yes@example.com"})
        cls.vip_no = Partner.create({"name": "Vip Silent", "email": "vip.no@example.com"})
        cls.regular = Partner.create({"name": "Regular", "email": "regular@example.com"})
        cls.customers = cls.vip_yes | cls.vip_no | cls.regular
        cls.segmentation = cls.env["cxm.segmentation"].create(
            {
                "name": "Campaign tiers",
                "segment_ids": [
                    (0, 0, {"name": "VIP", "sequence": 1, "domain": "[('email', '=ilike', 'vip.%')]"}),
                    (0, 0, {"name": "Others", "sequence": 2, "domain": "[]"}),
                ],
            }
        )
        cls.segmentation._cxm_recompute(cls.customers.ids)
        cls.vip, cls.others = cls.segmentation.segment_ids.sorted("sequence")
        # with the consent module, only the consenting VIP may receive the campaign
        cls.ledger = "cxm.consent.event" in cls.env
        if cls.ledger:
            cls.env["cxm.consent.event"]._cxm_record(
                [
                    {"partner_id": p.id, "channel": "email", "status": "approve", "source": "HS_WEB"}
                    for p in (cls.vip_yes | cls.regular)
                ]
            )

    def mailing(self, segments):
        return self.env["mailing.mailing"].create(
            {
                "subject": "VIP özel",
                "body_html": "<p>VIP</p>",
                "mailing_type": "mail",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "mailing_domain": repr([("id", "in", self.customers.ids)]),
                "cxm_segment_ids": [(6, 0, segments.ids)],
            }
        )

    def test_campaign_to_a_segment_with_results_by_segment(self):
        mailing = self.mailing(self.vip)
        self.assertEqual(mailing._get_remaining_recipients(), (self.vip_yes | self.vip_no).ids)
        mailing.action_send_mail()
        mails = self.env["mail.mail"].sudo().search([("mailing_id", "=", mailing.id)])
        expected = self.vip_yes if self.ledger else self.vip_yes | self.vip_no
        self.assertEqual(mails.recipient_ids, expected, "the segment, and only its consenting customers")
        traces = mailing.mailing_trace_ids
        self.assertEqual(set(traces.mapped("cxm_segment_id")), {self.vip})
        # the customer moves to another segment later: the results keep the segment at send time
        self.vip_yes.email = "now.regular@example.com"
        self.segmentation._cxm_recompute(self.customers.ids)
        self.assertEqual(self.vip_yes.cxm_segment_ids, self.others)
        groups = self.env["mailing.trace"]._read_group(
            [("mass_mailing_id", "=", mailing.id)], ["cxm_segment_id", "trace_status"], ["__count"]
        )
        statuses = {(segment.name, status): count for segment, status, count in groups}
        if self.ledger:
            self.assertEqual(statuses, {("VIP", "outgoing"): 1, ("VIP", "cancel"): 1})
        else:
            self.assertEqual(statuses, {("VIP", "outgoing"): 2})

    def test_segment_actions(self):
        action = self.vip.action_cxm_new_mailing()
        mailing = self.env["mailing.mailing"].with_context(**action["context"]).create({"subject": "x"})
        self.assertEqual(mailing.cxm_segment_ids, self.vip)
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        results = self.vip.action_cxm_campaign_results()
        self.assertEqual(results["domain"], [("cxm_segment_id", "=", self.vip.id)])

    def test_segments_target_customers_only(self):
        with self.assertRaises(ValidationError):
            self.env["mailing.mailing"].create(
                {
                    "subject": "x",
                    "mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
                    "cxm_segment_ids": [(6, 0, self.vip.ids)],
                }
            )

    def test_a_marketing_user_campaigns_to_a_segment(self):
        """A mass-mailing user without customer-experience rights picks segments, sends to them and reads
        them (but cannot change them)."""
        marketer = new_test_user(self.env, "marketer", groups="mass_mailing.group_mass_mailing_user")
        mailing = self.mailing(self.vip).with_user(marketer)
        self.assertEqual(mailing.cxm_segment_ids.name, "VIP")
        mailing.write({"cxm_segment_ids": [(6, 0, (self.vip | self.others).ids)]})
        self.assertEqual(
            sorted(mailing._get_remaining_recipients()), sorted(self.customers.ids), "both segments' customers"
        )
        with self.assertRaises(AccessError):
            self.vip.with_user(marketer).write({"name": "Renamed"})
