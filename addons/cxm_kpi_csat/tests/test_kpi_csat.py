# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestKpiCsat(TransactionCase):
    def _rated_ticket(self, partner, rate):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Rated", "description": "<p>x</p>", "partner_id": partner.id}
        )
        ticket._cxm_csat_request()
        ticket.sudo().rating_apply(rate, rating=ticket.rating_ids[:1], feedback="kpi test")
        return ticket

    def test_average_of_answered_ratings_per_customer(self):
        kpi = self.env.ref("cxm_kpi_csat.kpi_csat_365")
        ayse = self.env["res.partner"].create({"name": "Ayşe KPI", "email": "ayse.kpi@example.com"})
        can = self.env["res.partner"].create({"name": "Can KPI", "email": "can.kpi@example.com"})
        self._rated_ticket(ayse, 5)
        self._rated_ticket(ayse, 2)
        asked = self.env["helpdesk.ticket"].create({"name": "Asked", "description": "<p>x</p>", "partner_id": can.id})
        asked._cxm_csat_request()  # asked, never answered: no value
        self.env.flush_all()
        self.env["cxm.kpi.engine"]._cxm_compute(kpi, ("ids", [ayse.id, can.id]), full=True)
        values = self.env["cxm.kpi.value"].search([("kpi_id", "=", kpi.id), ("partner_id", "in", [ayse.id, can.id])])
        self.assertEqual({v.partner_id: v.value for v in values}, {ayse: 3.5})
        self.assertEqual(kpi.unit, "score")
