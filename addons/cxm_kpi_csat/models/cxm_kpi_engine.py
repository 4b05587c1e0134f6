# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.cxm_kpi.models.cxm_kpi_sql import scope_sql


class CxmKpiEngine(models.AbstractModel):
    _inherit = "cxm.kpi.engine"

    @api.model
    def _cxm_aggregate_sql(self, kpi, scope):
        if kpi.kind != "csat":
            return super()._cxm_aggregate_sql(kpi, scope)
        since = datetime.datetime.combine(
            fields.Date.today() - datetime.timedelta(days=kpi.window_days)
            if kpi.window_days
            else datetime.date(1, 1, 1),
            datetime.time.min,
        )
        where = [
            SQL("r.res_model = 'helpdesk.ticket' AND r.consumed AND r.rating > 0"),
            SQL("t.partner_id IS NOT NULL AND t.active"),
            SQL("r.write_date >= %s", since),
            scope_sql(SQL("t.partner_id"), scope),
        ]
        if kpi.company_id:
            where.append(SQL("t.company_id = %s", kpi.company_id.id))
        if kpi.ticket_category_ids:
            where.append(SQL("t.category_id = ANY(%s)", kpi.ticket_category_ids.ids))
        # the answer counts for the ticket's customer (the rating's partner is the one asked: the same)
        return SQL(
            """SELECT t.partner_id, avg(r.rating)::float8 AS value
                 FROM rating_rating r JOIN helpdesk_ticket t ON t.id = r.res_id
                WHERE %s GROUP BY t.partner_id""",
            SQL(" AND ").join(where),
        )
