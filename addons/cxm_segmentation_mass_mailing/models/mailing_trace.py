# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MailingTrace(models.Model):
    _inherit = "mailing.trace"

    cxm_segment_id = fields.Many2one(
        "cxm.segment",
        string="Segment",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The segment of the campaign the customer was in when it was sent.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """Stamp each trace of a campaign to segment lists with the customer's segment at send time (one
        query for the batch), so results by segment stay true when customers move later."""
        mailing_ids = {vals.get("mass_mailing_id") for vals in vals_list if vals.get("model") == "mailing.contact"}
        mailings = self.env["mailing.mailing"].sudo().browse(mailing_ids - {None, False})
        segments = {mailing.id: mailing.contact_list_ids.cxm_segment_id.ids for mailing in mailings}
        wanted_segments = {segment for ids in segments.values() for segment in ids}
        if wanted_segments:
            contacts = (
                self.env["mailing.contact"]
                .sudo()
                .browse(
                    [
                        vals["res_id"]
                        for vals in vals_list
                        if vals.get("model") == "mailing.contact" and vals.get("res_id")
                    ]
                )
            )
            partner_of = {contact.id: contact.partner_id.id for contact in contacts.exists()}
            by_partner = {}
            for member in (
                self.env["cxm.segment.member"]
                .sudo()
                .search_read(
                    [("segment_id", "in", list(wanted_segments)), ("partner_id", "in", list(set(partner_of.values())))],
                    ["partner_id", "segment_id"],
                )
            ):
                by_partner.setdefault(member["partner_id"][0], []).append(member["segment_id"][0])
            for vals in vals_list:
                wanted = segments.get(vals.get("mass_mailing_id"))
                partner_id = partner_of.get(vals.get("res_id")) if vals.get("model") == "mailing.contact" else None
                found = [s for s in by_partner.get(partner_id, []) if wanted and s in wanted]
                if found and "cxm_segment_id" not in vals:
                    vals["cxm_segment_id"] = found[0]
        return super().create(vals_list)
