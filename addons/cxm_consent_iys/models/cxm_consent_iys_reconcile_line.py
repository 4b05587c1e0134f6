# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError

from ..tools import iys
from .cxm_consent_iys_reconcile import KINDS


class CxmConsentIysReconcileLine(models.Model):
    """One difference found by a reconciliation: an address whose effective consent in the ledger is
    not what İYS holds."""

    _name = "cxm.consent.iys.reconcile.line"
    _description = "İYS Reconciliation Difference"
    _order = "reconcile_id desc, id"
    _rec_name = "address"

    reconcile_id = fields.Many2one("cxm.consent.iys.reconcile", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="reconcile_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    iys_type = fields.Char(string="İYS Type", readonly=True)
    recipient_type = fields.Char(readonly=True)
    address = fields.Char(readonly=True)
    ledger_status = fields.Selection([("approve", "Approve"), ("refuse", "Refuse")], readonly=True)
    registry_status = fields.Selection(
        [("approve", "Approve"), ("refuse", "Refuse"), ("none", "Not registered")], readonly=True
    )
    kind = fields.Selection(KINDS, readonly=True)
    applied = fields.Boolean(readonly=True, help="The registry's refusal was recorded in the ledger.")

    def action_apply_registry(self):
        """Make the ledger follow İYS where İYS holds a refusal the ledger does not have (the recipient
        refused on İYS and the change feed missed it): a refusal event with source HS_IYS per channel of
        the İYS type. Differences the other way (İYS approves, or does not know, what the ledger refuses
        or approves) are not applied: the ledger's evidence stands and is pushed to İYS again."""
        if not self.env.user.has_group("cxm_base.group_cxm_manager"):
            raise AccessError(self.env._("Only CXM managers apply İYS differences to the ledger."))
        self.check_access("read")
        lines = self.filtered(lambda line: line.registry_status == "refuse" and not line.applied)
        State = self.env["cxm.consent.state"]
        vals_list = []
        for line in lines:
            company = line.company_id
            for channel in iys.CHANNELS_OF_TYPE.get(line.iys_type, ()):
                if State._cxm_statuses(channel, [line.address], company=company).get(line.address) == "refuse":
                    continue
                vals_list.append(
                    {
                        "partner_id": line.partner_id.id,
                        "channel": channel,
                        "address": line.address,
                        "status": "refuse",
                        "recipient_type": iys.RECIPIENT_TYPE_BACK.get(line.recipient_type, "individual"),
                        "source": "HS_IYS",
                        "evidence_text": self.env._(
                            "Refusal held by İYS, applied from the reconciliation of %(date)s.",
                            date=line.reconcile_id.create_date,
                        ),
                        "company_id": company.id,
                    }
                )
        if vals_list:
            # sudo: the registry is the author; a manager applies its refusal on its behalf
            self.env["cxm.consent.event"].sudo()._cxm_record(vals_list)
        # sudo: the applied mark of the differences just applied (lines are written by the connector only)
        lines.sudo().write({"applied": True})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if lines else "info",
                "message": self.env._(
                    "%(applied)s refusals held by İYS recorded in the ledger; %(left)s differences left to the "
                    "pushes (the ledger's evidence stands).",
                    applied=len(lines),
                    left=len(self) - len(lines),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
