# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PROCESS_DOMAIN = "[('model', '=', 'helpdesk.ticket'), ('is_template', '=', False), ('state', '=', 'active')]"


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    cxm_process_id = fields.Many2one(
        "cxm.process",
        string="Default process",
        domain=PROCESS_DOMAIN,
        help="Tickets of this team that no routing rule gives a process follow this one, from its initial "
        "status, whatever screen or API created them. Empty: the company's default process, if any.",
    )

    def _cxm_default_process(self):
        """The process a new ticket of this team follows when no rule chose one."""
        self.ensure_one()
        return (
            self.cxm_process_id
            or self.company_id.cxm_default_ticket_process_id
            or self.env.company.cxm_default_ticket_process_id
        )
