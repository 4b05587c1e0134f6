# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import ValidationError

KINDS = [
    ("basket_size", "Basket size (average order value)"),
    ("frequency", "Purchase frequency (orders in the window)"),
    ("recency", "Recency (days since the last purchase)"),
    ("monetary", "Monetary value (net total in the window)"),
    ("lifetime", "Customer lifetime (days since the first purchase)"),
    ("rfm_recency", "RFM recency score (1-5)"),
    ("rfm_frequency", "RFM frequency score (1-5)"),
    ("rfm_monetary", "RFM monetary score (1-5)"),
    ("rfm", "RFM score (R x 100 + F x 10 + M)"),
    ("ticket_count", "Tickets in the window"),
    ("complaint_count", "Complaints in the window"),
    ("resolution_hours", "Average resolution time (hours)"),
    ("imported", "Imported (values pushed by a corporate system)"),
]
SALES_KINDS = ("basket_size", "frequency", "recency", "monetary", "lifetime")
TICKET_KINDS = ("ticket_count", "complaint_count", "resolution_hours")
RFM_AXES = {"rfm_recency": "recency", "rfm_frequency": "frequency", "rfm_monetary": "monetary"}
# computation order: per-partner aggregates, then quintile scores, then the combined RFM score
PHASE = dict.fromkeys(SALES_KINDS + TICKET_KINDS, 1) | dict.fromkeys(RFM_AXES, 2) | {"rfm": 3, "imported": 0}
UNITS = {
    "basket_size": "currency",
    "monetary": "currency",
    "frequency": "count",
    "ticket_count": "count",
    "complaint_count": "count",
    "recency": "days",
    "lifetime": "days",
    "resolution_hours": "hours",
    "rfm_recency": "score",
    "rfm_frequency": "score",
    "rfm_monetary": "score",
    "rfm": "score",
    "imported": "number",
}


class CxmKpi(models.Model):
    """A customer KPI: what is measured (kind), over which window, from which source.
    Values live in cxm.kpi.value, one row per partner and KPI."""

    _name = "cxm.kpi"
    _description = "Customer KPI"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable key used by imports and segment rules.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: computed over the data of every company, in the main currency."
    )
    kind = fields.Selection(KINDS, required=True, default="monetary")
    source = fields.Selection(
        selection="_selection_source",
        default="transactions",
        help="Where purchases are read: the customer transaction table fed by integrations, or Odoo's own "
        "confirmed sale orders or posted customer invoices (offered with CXM KPI Sales).",
    )
    window_days = fields.Integer(
        string="Window (days)", default=0, help="Only data of the last N days counts; 0 means all history."
    )
    ticket_category_ids = fields.Many2many(
        "helpdesk.ticket.category", string="Ticket categories", help="Service KPIs: count only these categories."
    )
    base_kpi_id = fields.Many2one(
        "cxm.kpi",
        string="Scored KPI",
        ondelete="restrict",
        help="RFM scores: the recency, frequency or monetary KPI whose quintiles give the score.",
    )
    rfm_thresholds = fields.Char(
        readonly=True, copy=False, help="Quintile limits of the scored KPI at the last full recomputation."
    )
    description = fields.Text(translate=True)
    unit = fields.Selection(
        [
            ("currency", "Currency"),
            ("count", "Count"),
            ("days", "Days"),
            ("hours", "Hours"),
            ("score", "Score"),
            ("number", "Number"),
        ],
        compute="_compute_unit",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_unit")
    value_count = fields.Integer(string="Customers", compute="_compute_value_count")
    last_computed_at = fields.Datetime(readonly=True, copy=False)
    last_changed_count = fields.Integer(
        string="Rows changed", readonly=True, copy=False, help="Rows written or removed by the last computation."
    )

    _code_company_unique = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (code, company_id)", "KPI codes must be unique."
    )

    @api.model
    def _selection_source(self):
        """The sources of purchase KPIs (cxm_kpi_sale adds sale orders and invoices)."""
        return [("transactions", "Customer transactions")]

    # ------------------------------------------------------ extension hooks
    @api.model
    def _cxm_kind_phase(self, kind):
        """When the engine computes a kind: 0 never (imported), 1 per-customer aggregates, 2 quintile
        scores, 3 the combined RFM score. A module adding a kind overrides this (and _cxm_kind_unit)."""
        return PHASE.get(kind, 1)

    @api.model
    def _cxm_kind_unit(self, kind):
        """How values of a kind are shown: currency, count, days, hours, score or number."""
        return UNITS.get(kind, "number")

    def _cxm_phase(self):
        self.ensure_one()
        return self._cxm_kind_phase(self.kind)

    @api.depends("kind", "company_id")
    def _compute_unit(self):
        for kpi in self:
            kpi.unit = self._cxm_kind_unit(kpi.kind)
            kpi.currency_id = kpi._cxm_target_currency() if kpi.unit == "currency" else False

    def _compute_value_count(self):
        counts = dict(self.env["cxm.kpi.value"]._read_group([("kpi_id", "in", self.ids)], ["kpi_id"], ["__count"]))
        for kpi in self:
            kpi.value_count = counts.get(kpi, 0)

    @api.constrains("kind", "base_kpi_id", "window_days", "source")
    def _check_definition(self):
        for kpi in self:
            if kpi.window_days < 0:
                raise ValidationError(self.env._("The window of KPI %(name)s cannot be negative.", name=kpi.name))
            if kpi.kind in RFM_AXES:
                if kpi.base_kpi_id.kind != RFM_AXES[kpi.kind]:
                    raise ValidationError(
                        self.env._(
                            "KPI %(name)s scores quintiles: choose a scored KPI of kind %(kind)s.",
                            name=kpi.name,
                            kind=dict(KINDS)[RFM_AXES[kpi.kind]],
                        )
                    )
            elif kpi.base_kpi_id:
                raise ValidationError(self.env._("Only RFM scores have a scored KPI (%(name)s).", name=kpi.name))
            if kpi.kind in SALES_KINDS and kpi.source not in dict(self._selection_source()):
                raise ValidationError(self.env._("KPI %(name)s reads a source that is not installed.", name=kpi.name))

    def _cxm_target_currency(self):
        self.ensure_one()
        return (self.company_id or self.env.ref("base.main_company")).currency_id

    def _cxm_thresholds(self):
        self.ensure_one()
        return json.loads(self.rfm_thresholds) if self.rfm_thresholds else None

    def _cxm_note_changed(self, changed, reset=False):
        """Record the time of a computation and the rows it changed (``changed``: {kpi: rows})."""
        now = fields.Datetime.now()
        for kpi in self:
            count = changed.get(kpi, 0)
            kpi.write(
                {"last_computed_at": now, "last_changed_count": count if reset else kpi.last_changed_count + count}
            )

    def action_view_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("cxm_kpi.cxm_kpi_value_action")
        action["domain"] = [("kpi_id", "=", self.id)]
        action["context"] = {"search_default_group_kpi": 0}
        return action

    def action_recompute(self):
        """Recompute every active KPI for every customer now (the nightly job does the same in batches)."""
        self.env["cxm.kpi.value"].check_access("write")
        run = self.env["cxm.kpi.run"].sudo()._cxm_run_full()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "KPIs recomputed: %(count)s values changed in %(seconds)s s.",
                    count=run.rows_changed,
                    seconds=round(run.duration, 2),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
