# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import api, fields, models, tools
from odoo.tools import SQL

LOG_COLUMNS = ("create_uid", "write_uid", "create_date", "write_date")


def _param(value):
    """A history value as sent to PostgreSQL: empty as NULL, a datetime as its text (cast back by the
    statement: the same timestamp, much cheaper to adapt than a datetime)."""
    if value is False or value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(" ")
    return value


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
        """The INSERT of ``vals_list``, set-based: a column whose value is the same on every row (the
        transition, the moment, the user...) is one parameter, each other column one typed array, the
        arrays unnested together; so the statement has at most as many parameters as columns whatever
        the number of rows. Dates are sent as text (psycopg2 adapts datetimes one by one, slowly).
        ``condition``: an SQL boolean; when false, nothing is inserted (the engine's own check,
        evaluated in the same statement)."""
        now = fields.Datetime.now()
        columns = tuple(sorted(set().union(*vals_list) - set(LOG_COLUMNS)))
        singles, arrays, varying = [], [], []
        for col in columns:
            values = [_param(vals.get(col)) for vals in vals_list]
            first = values[0]
            vary = any(value != first for value in values)
            varying.append(vary)
            if vary:
                arrays.append(values)
            else:
                singles.append(first)
        stamp = _param(now)
        return SQL(
            self._cxm_insert_code(columns, tuple(varying)),
            *singles,
            self.env.uid,
            self.env.uid,
            stamp,
            stamp,
            *arrays,
            condition or SQL("TRUE"),
        )

    @api.model
    @tools.ormcache("columns", "varying")
    def _cxm_insert_code(self, columns, varying):
        """SQL code of the INSERT of ``columns`` (field names of this model, given by the engine), those
        flagged in ``varying`` as arrays: made once per shape, of quoted identifiers, column types of
        the fields and placeholders only."""
        names = ", ".join(SQL.identifier(col).code for col in (*columns, *LOG_COLUMNS))
        types = [self._fields[col].column_type[1] for col in columns]
        selected = [
            f"u.c{index}" if vary else f"%s::{type_}"
            for index, (vary, type_) in enumerate(zip(varying, types, strict=True))
        ]
        arrays = [f"%s::{type_}[]" for vary, type_ in zip(varying, types, strict=True) if vary]
        aliases = ", ".join(f"c{index}" for index, vary in enumerate(varying) if vary)
        # placeholders in the order of the parameters: single values, log columns, arrays, condition
        code = f"INSERT INTO {SQL.identifier(self._table).code} ({names}) SELECT {', '.join(selected)}"
        code += ", %s::int4, %s::int4, %s::timestamp, %s::timestamp"
        if arrays:
            code += f" FROM unnest({', '.join(arrays)}) AS u({aliases})"
        return code + " WHERE %s"
