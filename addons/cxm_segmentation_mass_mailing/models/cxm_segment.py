# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models


class CxmSegment(models.Model):
    _inherit = "cxm.segment"

    mailing_list_ids = fields.One2many("mailing.list", "cxm_segment_id", string="Mailing list")

    def _cxm_mailing_list(self):
        """The segment's dynamic mailing list, created on first use and synchronised."""
        self.ensure_one()
        mailing_list = self.mailing_list_ids[:1]
        if not mailing_list:
            mailing_list = self.env["mailing.list"].create(
                {"name": self.env._("Segment: %(segment)s", segment=self.display_name), "cxm_segment_id": self.id}
            )
        mailing_list.action_sync()
        return mailing_list

    def action_cxm_new_mailing(self):
        """A new campaign to this segment's mailing list."""
        self.ensure_one()
        mailing_list = self._cxm_mailing_list()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New campaign"),
            "res_model": "mailing.mailing",
            "view_mode": "form",
            "context": {
                "default_mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
                "default_contact_list_ids": [Command.set(mailing_list.ids)],
                "default_subject": self.name,
            },
        }

    def action_cxm_mailing_list(self):
        """The segment's mailing list (its contacts)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.list",
            "view_mode": "form",
            "res_id": self._cxm_mailing_list().id,
        }

    def action_cxm_campaign_results(self):
        """Results of the campaigns sent to this segment."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cxm_segmentation_mass_mailing.mailing_trace_action_cxm_segment"
        )
        action["domain"] = [("cxm_segment_id", "=", self.id)]
        return action
