# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.tools import SQL


class CxmIntegrationEvent(models.Model):
    """Idempotency ledger: one row per (instance, external event id), written
    before the event is processed. A redelivery finds the row and gets the
    first result back instead of being processed again."""

    _name = "cxm.integration.event"
    _description = "Inbound Integration Event"
    _order = "id desc"

    instance_id = fields.Many2one("cxm.integration.instance", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="instance_id.company_id", store=True)
    external_id = fields.Char(string="External Event ID", required=True)
    event_type = fields.Char()
    state = fields.Selection(
        [("processing", "Processing"), ("done", "Done"), ("failed", "Failed")], default="processing", required=True
    )
    result = fields.Text(help="JSON answer given the first time, returned again on redelivery.")

    _instance_external_unique = models.Constraint(
        "UNIQUE(instance_id, external_id)", "An external event is recorded only once per instance."
    )

    @api.model
    def _claim(self, instance, external_id, event_type=None):
        """Record the event before processing. Return ``(event, True)`` when
        this call owns it, ``(event, False)`` for a redelivery. Concurrent
        deliveries block on the unique index; the loser's transaction is
        retried by Odoo (serialization failure) and then sees the first row."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO cxm_integration_event
                    (instance_id, company_id, external_id, event_type, state,
                     create_uid, write_uid, create_date, write_date)
                VALUES (%(inst)s, %(company)s, %(ext)s, %(type)s, 'processing',
                        %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC')
                ON CONFLICT (instance_id, external_id) DO NOTHING
                RETURNING id
                """,
                inst=instance.id,
                company=instance.company_id.id,
                ext=external_id,
                type=event_type,
                uid=self.env.uid,
            ),
            # a concurrent delivery of the same event fails with a serialization
            # error: Odoo retries the request, which then finds the first row
            log_exceptions=False,
        )
        row = self.env.cr.fetchone()
        if row:
            return self.browse(row[0]), True
        self.env.cr.execute(
            SQL(
                "SELECT id FROM cxm_integration_event WHERE instance_id = %s AND external_id = %s",
                instance.id,
                external_id,
            )
        )
        return self.browse(self.env.cr.fetchone()[0]), False

    def _set_result(self, result, state="done"):
        self.ensure_one()
        self.write({"state": state, "result": json.dumps(result, default=str)})

    def _get_result(self):
        self.ensure_one()
        return json.loads(self.result) if self.result else None
