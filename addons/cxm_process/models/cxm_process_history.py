# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

LOG_COLUMNS = ("create_uid", "write_uid", "create_date", "write_date")


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
    def _cxm_insert(self, vals_list):
        """Insert history rows in one statement (hot path of every transition); values are trusted,
        built by the engine, never taken from a request."""
        if vals_list:
            self.env.cr.execute(self._cxm_insert_query(vals_list))

    @api.model
    def _cxm_insert_query(self, vals_list, condition=None):
        """The INSERT of ``vals_list``, set-based: one typed array per column, unnested, so that the
        statement has as many parameters as columns whatever the number of rows. ``condition``: an SQL
        boolean; when false, nothing is inserted (the engine's own check, evaluated in the same
        statement)."""
        now = fields.Datetime.now()
        columns = tuple(sorted(set().union(*vals_list) - set(LOG_COLUMNS)))
        arrays = [[None if vals.get(col) is False else vals.get(col) for vals in vals_list] for col in columns]
        return SQL(
            self._cxm_insert_code(columns),
            self.env.uid,
            self.env.uid,
            now,
            now,
            *arrays,
            condition or SQL("TRUE"),
        )

    @api.model
    @tools.ormcache("columns")
    def _cxm_insert_code(self, columns):
        """SQL code of the INSERT of ``columns`` (field names of this model, given by the engine): made once
        per set of columns, of quoted identifiers, column types of the fields and placeholders only."""
        names = ", ".join(SQL.identifier(col).code for col in (*columns, *LOG_COLUMNS))
        arrays = ", ".join(f"%s::{self._fields[col].column_type[1]}[]" for col in columns)
        return f"INSERT INTO {SQL.identifier(self._table).code} ({names}) SELECT *, %s, %s, %s, %s FROM unnest({arrays}) WHERE %s"  # noqa: E501, S608 (identifiers and placeholders only)
