# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CxmProcess(models.Model):
    _inherit = "cxm.process"

    @api.model
    def _cxm_add_merge_transitions(self):
        """Install and update: every ticket process (templates included, so that new processes copy it)
        gets its merge transition."""
        return (
            self.with_context(active_test=False).search([("model", "=", "helpdesk.ticket")])._cxm_add_merge_transition()
        )

    def _cxm_add_merge_transition(self):
        """Give each ticket process without one a transition "On merge" from every open status to its
        cancelled status (else its first closing status): the way a merged ticket leaves its process."""
        cancelled = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled", raise_if_not_found=False)
        for process in self.filtered(lambda p: p.model == "helpdesk.ticket"):
            if process.transition_ids.filtered(lambda t: t.trigger == "merge"):
                continue
            closing = process.status_ids.filtered("is_closing")
            target = closing.filtered(lambda s, c=cancelled: c and s.ticket_stage_id == c)[:1] or closing[:1]
            sources = process.status_ids.filtered(lambda s: not s.is_closing)
            if not target or not sources:
                continue
            self.env["cxm.process.transition"].create(
                {
                    "process_id": process.id,
                    "name": self.env._("Merged into another ticket"),
                    "sequence": 900,
                    "trigger": "merge",
                    "from_status_ids": [fields.Command.set(sources.ids)],
                    "to_status_id": target.id,
                    "button_type": "secondary",
                }
            )
        return True
