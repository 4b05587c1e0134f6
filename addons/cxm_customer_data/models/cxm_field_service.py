# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

STATUSES = [
    ("scheduled", "Scheduled"),
    ("in_progress", "In Progress"),
    ("on_hold", "On Hold"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
CLOSED = ("done", "cancelled")


class CxmFieldService(models.Model):
    """A service visit of a field-service application, linked to a ticket.
    The application creates, updates and closes it through the REST API
    (``PUT /cxm/api/v1/field-service/{external_id}``); one record per
    (instance, external id)."""

    _name = "cxm.field.service"
    _description = "Field Service Record"
    _order = "scheduled_date desc, id desc"
    _rec_name = "external_id"

    instance_id = fields.Many2one("cxm.integration.instance", required=True, ondelete="cascade", index=True)
    external_id = fields.Char(string="External ID", required=True, help="Id of the visit in the field-service app.")
    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Customer")
    status = fields.Selection(STATUSES, required=True, default="scheduled")
    technician = fields.Char()
    scheduled_date = fields.Datetime(string="Scheduled")
    done_date = fields.Datetime(string="Done")
    notes = fields.Text()

    _instance_external_unique = models.Constraint(
        "UNIQUE (instance_id, external_id)", "A field-service record is known once per integration instance."
    )

    @api.model
    def _cxm_sync(self, instance, external_id, ticket, values):
        """Create or update the record ``external_id`` of ``instance`` with
        ``values``; writes only what changed. Returns ``(record, created,
        changed)``."""
        values = dict(values)
        if values.get("status") in CLOSED and not values.get("done_date"):
            values.setdefault("done_date", fields.Datetime.now())
        record = self.search([("instance_id", "=", instance.id), ("external_id", "=", external_id)], limit=1)
        if not record:
            vals = {"instance_id": instance.id, "external_id": external_id, "ticket_id": ticket.id, **values}
            return self.create(vals), True, True
        if ticket:
            values["ticket_id"] = ticket.id
        if record.status in CLOSED and values.get("status") in CLOSED and "done_date" in values:
            values.pop("done_date")  # a re-sent close keeps the first close time
        changed = {}
        for name, value in values.items():
            current = record[name]
            current = current.id if isinstance(current, models.BaseModel) else current
            if (current or False) != (value or False):
                changed[name] = value
        if changed:
            record.write(changed)
        return record, False, bool(changed)
