# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import random

from odoo import api, fields, models

# (profile, customers): how the demo customers shop; see _cxm_demo_history
PROFILES = [
    ("champion", 8),
    ("loyal", 8),
    ("new", 6),
    ("at_risk", 8),
    ("hibernating", 8),
    ("none", 12),
]


class CxmKpiDemo(models.AbstractModel):
    """Demo data: a sales history for the demo customers, then the KPIs computed on it."""

    _name = "cxm.kpi.demo"
    _description = "KPI demo data"

    @api.model
    def _cxm_demo_history(self, source_xmlid):
        """Two years of store purchases (and a few returns) for the demo customers, shaped so that
        every RFM segment has members; dates are relative to today."""
        source = self.env.ref(source_xmlid)
        partners = self.env["res.partner"].search(
            [("id", "in", [self.env.ref(f"cxm_base.partner_person_{n}_demo").id for n in range(1, 41)])], order="id"
        ) | self.env["res.partner"].search(
            [("id", "in", [self.env.ref(f"cxm_base.partner_company_{n}_demo").id for n in range(1, 11)])], order="id"
        )
        rng = random.Random(15)
        today = fields.Date.today()
        vals, index = [], 0
        for profile, count in PROFILES:
            for partner in partners[index : index + count]:
                for days_ago, amount in self._cxm_demo_orders(profile, rng):
                    vals.append(
                        {
                            "partner_id": partner.id,
                            "source_id": source.id,
                            "company_id": source.company_id.id or self.env.company.id,
                            "external_key": f"POS-{len(vals) + 1:05d}",
                            "kind": "return" if amount < 0 else "purchase",
                            "date": today - datetime.timedelta(days=days_ago),
                            "amount": abs(amount),
                            "description": "Store purchase" if amount > 0 else "Return",
                        }
                    )
            index += count
        self.env["cxm.customer.transaction"].create(vals)
        self.env["cxm.kpi.run"]._cxm_run_full()

    @api.model
    def _cxm_demo_orders(self, profile, rng):
        """(days ago, amount) of the orders of one customer of ``profile`` (negative amount: a return)."""
        if profile == "champion":
            orders = [(rng.randint(1, 20), rng.randint(900, 2500))]
            orders += [(rng.randint(20, 360), rng.randint(600, 2500)) for _i in range(rng.randint(10, 16))]
        elif profile == "loyal":
            orders = [(rng.randint(25, 70), rng.randint(300, 900))]
            orders += [(rng.randint(70, 360), rng.randint(250, 900)) for _i in range(rng.randint(6, 10))]
        elif profile == "new":
            orders = [(rng.randint(1, 12), rng.randint(150, 600))]
        elif profile == "at_risk":
            orders = [(rng.randint(150, 240), rng.randint(400, 1500)) for _i in range(rng.randint(5, 9))]
        elif profile == "hibernating":
            orders = [(rng.randint(280, 700), rng.randint(80, 300)) for _i in range(rng.randint(1, 2))]
        else:
            orders = []
        if orders and rng.random() < 0.25:
            days, amount = orders[-1]
            orders.append((max(days - 3, 0), -round(amount * 0.4)))
        return orders
