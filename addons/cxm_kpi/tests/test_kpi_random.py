# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The set-based SQL against a naive Python computation on seeded random histories."""

import datetime
import math
import random

from odoo.tests import tagged

from .common import TODAY, KpiCommon, days_ago

QUINTILES = (0.2, 0.4, 0.6, 0.8)


def percentile_cont(values, fraction):
    """PostgreSQL's percentile_cont: linear interpolation between the nearest ranks."""
    values = sorted(values)
    position = fraction * (len(values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


@tagged("post_install", "-at_install")
class TestKpiRandom(KpiCommon):
    def _random_history(self, rng, partners, count):
        Transaction = self.env["cxm.customer.transaction"]
        eur = self.env.ref("base.EUR")
        vals = []
        for index in range(count):
            company = self.company_b if rng.random() < 0.1 else self.company
            vals.append(
                {
                    "partner_id": rng.choice(partners).id,
                    "source_id": (self.source_b if company == self.company_b else self.source).id,
                    "company_id": company.id,
                    "external_key": f"R{rng.random()}-{index}",
                    "kind": rng.choice(["purchase", "purchase", "order", "return", "payment"]),
                    "date": days_ago(rng.randint(0, 800)),
                    "amount": rng.randint(100, 500000) / 100,
                    "currency_id": (eur if rng.random() < 0.2 else company.currency_id).id,
                }
            )
        Transaction.create(vals)

    def _naive(self, limits=None):
        """Every KPI of the test company, per customer, computed in Python from the ORM's records;
        the quintile limits from the values, or ``limits`` ({score code: limits}: those a scoped
        run keeps from the last full run)."""
        engine = self.env["cxm.kpi.engine"]
        kpis = self.kpis
        target = engine._cxm_target_rate(kpis["monetary"])
        rates = {}
        facts = {}
        for tx in self.env["cxm.customer.transaction"].search([("company_id", "=", self.company.id)]):
            if tx.kind not in ("purchase", "order", "return") or tx.date > TODAY:
                continue
            if tx.currency_id not in rates:
                rates[tx.currency_id] = tx.currency_id._get_rates(self.company, TODAY).get(tx.currency_id.id) or 1.0
            amount = (-abs(tx.amount) if tx.kind == "return" else tx.amount) * target / rates[tx.currency_id]
            facts.setdefault(tx.partner_id.id, []).append((tx.date, amount, tx.kind != "return"))
        expected = {}

        def put(code, partner_id, value):
            if value is not None:
                expected[kpis[code].id, partner_id] = value

        for partner_id, rows in facts.items():
            for code in ("basket_size", "frequency", "monetary", "recency", "lifetime"):
                kpi = kpis[code]
                since = TODAY - datetime.timedelta(days=kpi.window_days) if kpi.window_days else datetime.date(1, 1, 1)
                window = [row for row in rows if row[0] >= since]
                orders = [row for row in window if row[2]]
                total = sum(row[1] for row in window)
                put(
                    code,
                    partner_id,
                    {
                        "basket_size": total / len(orders) if orders else None,
                        "frequency": len(orders) or None,
                        "monetary": total if window else None,
                        "recency": (TODAY - max(row[0] for row in orders)).days if orders else None,
                        "lifetime": (TODAY - min(row[0] for row in orders)).days if orders else None,
                    }[code],
                )
        tickets = self.env["helpdesk.ticket"].search(
            [("company_id", "=", self.company.id), ("partner_id", "!=", False)]
        )
        for code in ("tickets_90", "complaints_365", "resolution_hours"):
            kpi = kpis[code]
            since = datetime.datetime.combine(TODAY - datetime.timedelta(days=kpi.window_days), datetime.time.min)
            per_partner = {}
            for ticket in tickets:
                if code == "resolution_hours":
                    if ticket.closed_date and ticket.closed_date >= since:
                        hours = (ticket.closed_date - ticket.create_date).total_seconds() / 3600
                        per_partner.setdefault(ticket.partner_id.id, []).append(hours)
                elif ticket.create_date >= since and (code == "tickets_90" or ticket.category_id.cxm_complaint):
                    per_partner.setdefault(ticket.partner_id.id, []).append(1)
            for partner_id, items in per_partner.items():
                put(code, partner_id, sum(items) / len(items) if code == "resolution_hours" else len(items))
        # quintile scores over every customer with the scored value, then the combined score
        values = {code: {p: round(v, 4) for (k, p), v in expected.items() if k == kpis[code].id} for code in kpis}
        population = values["recency"]
        scores = {}
        for code, base in (("rfm_r", "recency"), ("rfm_f", "frequency"), ("rfm_m", "monetary")):
            quintiles = (limits or {}).get(code) or [
                round(percentile_cont(values[base].values(), q), 4) for q in QUINTILES
            ]
            for partner_id in population:
                above = sum(values[base].get(partner_id, 0) > limit for limit in quintiles)
                scores[code, partner_id] = 5 - above if code == "rfm_r" else 1 + above
                put(code, partner_id, scores[code, partner_id])
        for partner_id in population:
            put(
                "rfm",
                partner_id,
                scores["rfm_r", partner_id] * 100 + scores["rfm_f", partner_id] * 10 + scores["rfm_m", partner_id],
            )
        return expected

    def stored(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT kpi_id, partner_id, value FROM cxm_kpi_value WHERE kpi_id = ANY(%s)",
            [[kpi.id for kpi in self.kpis.values()]],
        )
        return {(kpi_id, partner_id): value for kpi_id, partner_id, value in self.env.cr.fetchall()}

    def test_random_histories_match_python(self):
        rng = random.Random(15)
        complaint = self.env["helpdesk.ticket.category"].create({"name": "R complaint", "cxm_complaint": True})
        other = self.env["helpdesk.ticket.category"].create({"name": "R question"})
        partners = self.env["res.partner"].create([{"name": f"Random {n}"} for n in range(40)])
        self._random_history(rng, partners, 400)
        for _n in range(15):
            self._ticket(
                rng.choice(partners),
                rng.randint(0, 400),
                rng.choice([complaint, other]),
                closed_after_hours=rng.choice([None, rng.randint(1, 200)]),
            )
        self.compute()
        self.assertMatches()
        # more purchases for a few customers, recomputed for them only: the same as from scratch,
        # scored against the quintile limits of the full run (they stay until the next full run)
        limits = {code: self.kpis[code]._cxm_thresholds() for code in ("rfm_r", "rfm_f", "rfm_m")}
        changed = self.env["res.partner"].union(*rng.sample(list(partners), 5))
        self._random_history(rng, changed, 30)
        self.compute(scope=("ids", changed.ids), full=False)
        self.assertEqual({code: self.kpis[code]._cxm_thresholds() for code in limits}, limits)
        self.assertMatches(limits)
        # the next full run: new limits, everything as from scratch
        self.compute()
        self.assertMatches()

    def assertMatches(self, limits=None):
        stored, naive = self.stored(), self._naive(limits)
        codes = {kpi.id: code for code, kpi in self.kpis.items()}
        diff = {
            (codes[kpi_id], partner_id): (stored.get((kpi_id, partner_id)), naive.get((kpi_id, partner_id)))
            for kpi_id, partner_id in stored.keys() | naive.keys()
            if (kpi_id, partner_id) not in stored
            or (kpi_id, partner_id) not in naive
            # stored to 4 decimals; sums of floats in another order differ in the last digits
            or abs(stored[kpi_id, partner_id] - naive[kpi_id, partner_id]) > 0.0002
        }
        self.assertFalse(diff, "(KPI, customer): (stored, computed in Python)")
