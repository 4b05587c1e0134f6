# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CxmSegment(models.Model):
    _inherit = "cxm.segment"

    def action_cxm_new_mailing(self):
        """A new e-mail campaign to this segment's customers."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New campaign"),
            "res_model": "mailing.mailing",
            "view_mode": "form",
            "context": {
                "default_mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "default_cxm_segment_ids": [(6, 0, self.ids)],
                "default_subject": self.name,
            },
        }

    def action_cxm_campaign_results(self):
        """Results of the campaigns sent to this segment."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxm_segmentation_mass_mailing.mailing_trace_action_cxm_segment"
        )
        action["domain"] = [("cxm_segment_id", "=", self.id)]
        return action
