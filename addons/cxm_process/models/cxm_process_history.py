# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class CxmProcessHistory(models.Model):
    _name = "cxm.process.history"
    _description = "Status change of a record following a process"
    _order = "date desc, id desc"
    _rec_name = "to_status_id"

    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", required=True, readonly=True)
    ticket_id = fields.Many2one("helpdesk.ticket", index="btree_not_null", ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    process_id = fields.Many2one("cxm.process", required=True, ondelete="cascade", readonly=True)
    transition_id = fields.Many2one("cxm.process.transition", ondelete="set null", readonly=True)
    from_status_id = fields.Many2one("cxm.process.status", string="From", ondelete="set null", readonly=True)
    to_status_id = fields.Many2one("cxm.process.status", string="To", ondelete="set null", readonly=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    entered_date = fields.Datetime(string="Entered left status", readonly=True)
    comment = fields.Text(readonly=True)
    kind = fields.Selection(
        [("transition", "Transition"), ("automatic", "Automatic"), ("forced", "Forced"), ("reroute", "Re-routed")],
        default="transition",
        required=True,
        readonly=True,
    )
    duration_hours = fields.Float(string="Hours in status", aggregator="sum", readonly=True, digits=(16, 2))
    working_hours = fields.Float(string="Working hours in status", aggregator="sum", readonly=True, digits=(16, 2))
    sla_deadline = fields.Datetime(string="SLA deadline", readonly=True)
    sla_result = fields.Selection(
        [("none", "No SLA"), ("paused", "Paused"), ("met", "Met"), ("breached", "Breached")],
        string="SLA",
        default="none",
        required=True,
        readonly=True,
    )
    sla_met_count = fields.Integer(aggregator="sum", string="SLA met", readonly=True)
    sla_breached_count = fields.Integer(aggregator="sum", string="SLA breached", readonly=True)
    count = fields.Integer(default=1, aggregator="sum", readonly=True, string="Transitions")

    # Few indexes on purpose: every transition inserts a row; reports aggregate with full scans.
    _res_index = models.Index("(res_model, res_id, date)")

    @api.model
    def _cxm_insert(self, vals_list, before=None):
        """Insert history rows in one statement (hot path of every transition); values are trusted,
        built by the engine, never taken from a request. ``before``: an SQL statement of the engine to
        send in the same round trip, ahead of the insert."""
        if not vals_list:
            if before:
                self.env.cr.execute(before)
            return
        now = fields.Datetime.now()
        columns = sorted(set().union(*vals_list))
        params = []
        for vals in vals_list:
            params += [None if vals.get(col) is False else vals.get(col) for col in columns]
            params += [self.env.uid, self.env.uid, now, now]
        columns += ["create_uid", "write_uid", "create_date", "write_date"]
        # one statement with plain placeholders, no SQL object per value (hot path of batch moves):
        # the code is made of "%s" only, every value is a parameter
        placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(vals_list))
        insert = SQL(
            "INSERT INTO %s (%s) VALUES " + placeholders,  # noqa: S608 (placeholders only, see above)
            SQL.identifier(self._table),
            SQL(", ").join(SQL.identifier(col) for col in columns),
            *params,
        )
        self.env.cr.execute(SQL("%s; %s", before, insert) if before else insert)
