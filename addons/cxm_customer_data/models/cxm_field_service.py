# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

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
            record = self._cxm_claim(instance, external_id, ticket)
            record.write(values)
            return record, True, True
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
            record._cxm_lock()
            record.write(changed)
        return record, False, bool(changed)

    @api.model
    def _cxm_claim(self, instance, external_id, ticket):
        """Insert the new record ``external_id`` of ``instance`` in one
        statement that a concurrent insert of the same id cannot double.

        The first of two clients creating the same record at the same moment
        inserts it; the insert of the second waits for the first transaction,
        then fails with a serialization failure (repeatable read), not a
        unique violation: Odoo retries the second request, which then finds
        the record and answers as an update (or "unchanged")."""
        ticket.ensure_one()
        self.check_access("create")
        now = self.env.cr.now()
        self.env.cr.execute(
            SQL(
                """INSERT INTO cxm_field_service
                          (instance_id, external_id, ticket_id, company_id, status,
                           create_uid, create_date, write_uid, write_date)
                   VALUES (%(instance)s, %(external_id)s, %(ticket)s, %(company)s, 'scheduled',
                           %(uid)s, %(now)s, %(uid)s, %(now)s)
                   ON CONFLICT (instance_id, external_id) DO NOTHING
                   RETURNING id""",
                instance=instance.id,
                external_id=external_id,
                ticket=ticket.id,
                company=ticket.company_id.id,
                uid=self.env.uid,
                now=now,
            ),
            # the loser of a race fails here with a serialization failure that
            # Odoo retries: not an error worth logging
            log_exceptions=False,
        )
        row = self.env.cr.fetchone()
        if not row:
            # the record exists, committed before this transaction began, but
            # the caller may not see it (its ticket moved to another company)
            raise UserError(
                self.env._(
                    "The field-service record %(external_id)s exists already and is not visible to you.",
                    external_id=external_id,
                )
            )
        record = self.browse(row[0])
        ticket.invalidate_recordset(["cxm_field_service_ids"])
        record.check_access("create")
        return record

    def _cxm_lock(self):
        """Lock these records for the update that follows. When another
        transaction updated them since this one began, PostgreSQL refuses the
        lock (serialization failure, repeatable read) before the update is
        tried: Odoo retries the request, which then compares with the fresh
        values, and no failed UPDATE ends up in the log."""
        self.env.cr.execute(
            SQL("SELECT id FROM cxm_field_service WHERE id = ANY(%s) FOR NO KEY UPDATE", self.ids),
            log_exceptions=False,
        )
