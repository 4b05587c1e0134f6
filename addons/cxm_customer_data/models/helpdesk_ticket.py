# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cxm_field_service_ids = fields.One2many("cxm.field.service", "ticket_id", string="Field Service")
    cxm_reference_ids = fields.One2many("cxm.ticket.reference", "ticket_id", string="External References")
    cxm_reference_count = fields.Integer(compute="_compute_cxm_reference_count")

    def _compute_cxm_reference_count(self):
        for ticket in self:
            ticket.cxm_reference_count = len(ticket.cxm_reference_ids)

    def _cxm_lookup_panels(self):
        """Panels of the look-up connectors for this ticket, raw rows
        included (internal). Parameters may come from the ticket and its
        customer."""
        self.ensure_one()
        self.check_access("read")
        connectors = self.env["cxm.lookup.connector"].search([("company_id", "in", self.env.companies.ids)])
        return connectors._cxm_fetch_all(self.partner_id, ticket=self)

    def cxm_lookup_panels(self):
        """Live panels of the external look-up connectors for this ticket
        (public): a list of {connector_id, name, kind, ok, message, columns,
        rows}. A slow or failing service gives a panel with ok False and a
        message, never an error."""
        panels = self._cxm_lookup_panels()
        for panel in panels:
            panel.pop("raw_rows", None)
        return panels

    def cxm_attach_lookup_row(self, connector_id, row_index):
        """Attach row ``row_index`` of connector ``connector_id``'s panel to
        this ticket as a reference (public). The row is asked again from the
        service (or its cache): the caller only names it. Attaching the same
        row twice returns the existing reference. Returns its id."""
        self.ensure_one()
        self.check_access("write")
        connector = self.env["cxm.lookup.connector"].search(
            [("id", "=", int(connector_id)), ("company_id", "in", self.env.companies.ids)]
        )
        if not connector:
            raise UserError(self.env._("This look-up connector does not exist or is not yours."))
        panel = connector._cxm_fetch(self.partner_id, ticket=self)
        if not panel["ok"]:
            raise UserError(panel["message"])
        if not isinstance(row_index, int) or not 0 <= row_index < len(panel["rows"]):
            raise UserError(self.env._("%(name)s has no such row any more.", name=connector.name))
        values = connector._cxm_row_reference(panel, row_index)
        existing = self.cxm_reference_ids.filtered(
            lambda r: r.connector_id == connector and r.external_id == values["external_id"]
        )
        if existing:
            return existing[:1].id
        return self.env["cxm.ticket.reference"].create({**values, "ticket_id": self.id}).id

    def action_cxm_lookup_panels(self):
        self.ensure_one()
        return self.env["cxm.lookup.panel.wizard"]._cxm_open(self.partner_id, self)
