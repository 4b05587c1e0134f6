# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSegmentCampaignUi(HttpCase):
    def test_segment_campaign_tour(self):
        """A marketer sends a campaign to a segment from the segment's form; the campaign then shows how many
        of the segment's customers were left out for consent."""
        new_test_user(self.env, "segment_marketer", groups="base.group_user,mass_mailing.group_mass_mailing_user")
        Partner = self.env["res.partner"]
        consenting = Partner.create({"name": "Vip Consenting", "email": "vip.yes@example.com"})
        silent = Partner.create({"name": "Vip Silent", "email": "vip.no@example.com"})
        segmentation = self.env["cxm.segmentation"].create(
            {
                "name": "Tour tiers",
                "segment_ids": [(0, 0, {"name": "VIP", "domain": "[('name', '=like', 'Vip %')]"})],
            }
        )
        segmentation._cxm_recompute((consenting | silent).ids)
        ledger = "cxm.consent.event" in self.env
        if ledger:
            self.env["cxm.consent.event"]._cxm_record(
                [{"partner_id": consenting.id, "channel": "email", "status": "approve", "source": "HS_WEB"}]
            )
        segment = segmentation.segment_ids
        self.start_tour(f"/odoo/cxm.segment/{segment.id}", "cxm_segment_campaign_tour", login="segment_marketer")
        mailing = self.env["mailing.mailing"].search([("contact_list_ids.cxm_segment_id", "=", segment.id)])
        self.assertEqual(mailing.state, "in_queue")
        self.assertEqual(mailing.contact_list_ids.contact_ids.partner_id, consenting | silent)
        # what the mailing queue's scheduled action does
        mailing.action_send_mail()
        if ledger:
            self.assertEqual(mailing.cxm_consent_unknown_count, 1)
            self.start_tour(
                f"/odoo/mailing.mailing/{mailing.id}", "cxm_segment_campaign_excluded_tour", login="segment_marketer"
            )
