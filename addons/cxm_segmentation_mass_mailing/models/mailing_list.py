# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError


class MailingList(models.Model):
    _inherit = "mailing.list"

    cxm_segment_id = fields.Many2one(
        "cxm.segment",
        string="Customer segment",
        index="btree_not_null",
        ondelete="cascade",
        help="A dynamic list of this segment's customers (with an e-mail address or a phone number), kept in "
        "step with the segment: every membership recompute and every campaign launch synchronises it.",
    )

    _cxm_segment_unique = models.Constraint(
        "UNIQUE(cxm_segment_id)", "A segment has one mailing list: use the existing one."
    )

    @api.constrains("cxm_segment_id", "dynamic", "sync_method")
    def _check_cxm_segment_id(self):
        for mailing_list in self.filtered("cxm_segment_id"):
            if not mailing_list.dynamic or mailing_list.sync_method != "full":
                raise ValidationError(
                    self.env._(
                        "The list of segment %(segment)s follows the segment: it stays dynamic and fully synchronised.",
                        segment=mailing_list.cxm_segment_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("cxm_segment_id"):
                vals.update(self._cxm_segment_list_values(vals["cxm_segment_id"]))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("cxm_segment_id"):
            vals = dict(vals, **self._cxm_segment_list_values(vals["cxm_segment_id"]))
        return super().write(vals)

    @api.model
    def _cxm_segment_list_values(self, segment_id):
        return {
            "dynamic": True,
            "sync_method": "full",
            "sync_domain": repr([("cxm_segment_member_ids.segment_id", "=", segment_id)]),
            "is_synced": False,
        }

    def action_sync(self):
        """Segment lists are synchronised here with every customer of the segment who has an e-mail address
        or a phone number (OCA's sync, kept for the other dynamic lists, takes partners with an e-mail
        address only)."""
        segment_lists = self.filtered(lambda mailing_list: mailing_list.dynamic and mailing_list.cxm_segment_id)
        result = super(MailingList, self - segment_lists).action_sync()
        segment_lists._cxm_sync_segment()
        return result

    def _cxm_sync_segment(self):
        """Add the segment's new customers (their existing mailing contact, or a new one), remove the ones
        who left; the contacts keep the customer's e-mail and phone (SMS campaigns use the phone)."""
        Contact = self.env["mailing.contact"].with_context(syncing=True)
        detached = Contact
        for mailing_list in self.with_context(syncing=True):
            # sudo: the list's membership is the segment's, whoever launches the campaign (a marketing
            # user reads segments, not their members)
            members = (
                self.env["cxm.segment.member"]
                .sudo()
                .search_read([("segment_id", "=", mailing_list.cxm_segment_id.id)], ["partner_id"])
            )
            partners = (
                self.env["res.partner"]
                .sudo()
                .browse([member["partner_id"][0] for member in members])
                .filtered(lambda partner: partner.active and (partner.email or partner.phone))
            )
            current = mailing_list.contact_ids
            leaving = current.filtered(lambda contact, wanted=partners: contact.partner_id not in wanted)
            missing = partners - current.partner_id
            existing = Contact.search([("partner_id", "in", missing.ids)], order="id")
            reused = {}
            for contact in existing:
                reused.setdefault(contact.partner_id.id, contact)
            created = Contact.create(
                [
                    {"partner_id": partner.id, "name": partner.name, "email": partner.email, "mobile": partner.phone}
                    for partner in missing
                    if partner.id not in reused
                ]
            )
            joining = created | Contact.browse([contact.id for contact in reused.values()])
            for contact in joining.filtered(lambda c: not c.mobile and c.partner_id.phone):
                contact.mobile = contact.partner_id.phone
            commands = [Command.unlink(contact.id) for contact in leaving]
            commands += [Command.link(contact.id) for contact in joining]
            values = {"is_synced": True}
            if commands:
                values["contact_ids"] = commands
            mailing_list.write(values)
            detached |= leaving
        detached.filtered(lambda contact: not contact.list_ids).unlink()
        self.invalidate_recordset(["contact_count"])
