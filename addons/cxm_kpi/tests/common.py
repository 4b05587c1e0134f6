# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from freezegun import freeze_time

from odoo.tests.common import TransactionCase

from odoo.addons.cxm_base.tests.common import new_company_user

TODAY = datetime.date(2026, 6, 30)


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


class KpiCommon(TransactionCase):
    """A company of its own (currency TRY, a EUR rate of 40 TRY) with the built-in KPIs defined for
    it, five customers with a hand-made purchase and ticket history, 30 June 2026."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True, tracking_disable=True)
        )
        try_ = cls.env.ref("base.TRY")
        eur = cls.env.ref("base.EUR")
        (try_ | eur).active = True
        cls.company = cls.env["res.company"].create({"name": "KPI Co", "currency_id": try_.id})
        cls.company_b = cls.env["res.company"].create({"name": "KPI Other Co", "currency_id": try_.id})
        cls.env["res.currency.rate"].create(
            {"currency_id": eur.id, "company_id": cls.company.id, "name": "2026-06-01", "rate": 0.025}
        )
        cls.source = cls.env["cxm.integration.instance"].create(
            {"name": "KPI POS", "code": "kpi-pos", "kind": "data_source", "company_id": cls.company.id}
        )
        cls.source_b = cls.env["cxm.integration.instance"].create(
            {"name": "KPI POS B", "code": "kpi-pos-b", "kind": "data_source", "company_id": cls.company_b.id}
        )
        cls.integration = new_company_user(cls.env, "kpi_integration", "cxm_base.group_cxm_integration", cls.company)
        cls.agent = new_company_user(cls.env, "kpi_agent", "cxm_base.group_cxm_agent", cls.company)
        cls.manager = new_company_user(cls.env, "kpi_manager", "cxm_base.group_cxm_manager", cls.company)
        Partner = cls.env["res.partner"]
        cls.ayla, cls.burak, cls.cem, cls.deniz, cls.elif_ = (
            Partner.create({"name": name}) for name in ("Ayla", "Burak", "Cem", "Deniz", "Elif")
        )
        cls.kpis = cls._create_kpis(cls.company)
        cls._buy(cls.ayla, 10, 300)
        cls._buy(cls.ayla, 120, 500)
        cls._buy(cls.ayla, 300, 200)
        cls._buy(cls.ayla, 545, 1000)  # outside the one-year window
        cls._buy(cls.ayla, 5, 100, kind="return")
        cls._buy(cls.ayla, 3, 700, kind="payment")  # payments are not purchases
        cls._buy(cls.ayla, 2, 9999, company=cls.company_b)  # another company's sale
        cls._buy(cls.cem, 515, 400)
        cls._buy(cls.deniz, 1, 100, currency=eur)
        cls._buy(cls.elif_, 60, 250)
        cls._buy(cls.elif_, 58, 250, kind="return")
        complaint = cls.env["helpdesk.ticket.category"].create({"name": "KPI complaint", "cxm_complaint": True})
        other = cls.env["helpdesk.ticket.category"].create({"name": "KPI question"})
        cls._ticket(cls.ayla, 20, complaint, closed_after_hours=5)
        cls._ticket(cls.ayla, 60, other)
        cls._ticket(cls.ayla, 180, other, closed_after_hours=10)

    @classmethod
    def _create_kpis(cls, company):
        Kpi = cls.env["cxm.kpi"]
        vals = {"company_id": company.id}
        kpis = {
            code: Kpi.create(dict(vals, name=code, code=code, kind=kind, window_days=window, sequence=seq))
            for seq, (code, kind, window) in enumerate(
                [
                    ("basket_size", "basket_size", 365),
                    ("frequency", "frequency", 365),
                    ("recency", "recency", 0),
                    ("monetary", "monetary", 365),
                    ("lifetime", "lifetime", 0),
                    ("tickets_90", "ticket_count", 90),
                    ("complaints_365", "complaint_count", 365),
                    ("resolution_hours", "resolution_hours", 365),
                ]
            )
        }
        for seq, (code, kind, base) in enumerate(
            [
                ("rfm_r", "rfm_recency", "recency"),
                ("rfm_f", "rfm_frequency", "frequency"),
                ("rfm_m", "rfm_monetary", "monetary"),
            ]
        ):
            kpis[code] = Kpi.create(
                dict(vals, name=code, code=code, kind=kind, base_kpi_id=kpis[base].id, sequence=20 + seq)
            )
        kpis["rfm"] = Kpi.create(dict(vals, name="rfm", code="rfm", kind="rfm", sequence=30))
        return kpis

    @classmethod
    def _buy(cls, partner, ago, amount, *, kind="purchase", currency=None, company=None):
        company = company or cls.company
        cls.env["cxm.customer.transaction"].create(
            {
                "partner_id": partner.id,
                "source_id": (cls.source_b if company == cls.company_b else cls.source).id,
                "company_id": company.id,
                "external_key": f"T{cls.env['cxm.customer.transaction'].search_count([]) + 1}-{partner.id}-{ago}",
                "kind": kind,
                "date": days_ago(ago),
                "amount": amount,
                "currency_id": (currency or company.currency_id).id,
            }
        )

    @classmethod
    def _ticket(cls, partner, ago, category, closed_after_hours=None):
        ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": f"Ticket {ago}",
                "description": "x",
                "partner_id": partner.id,
                "category_id": category.id,
                "company_id": cls.company.id,
            }
        )
        created = datetime.datetime.combine(days_ago(ago), datetime.time(9, 0))
        closed = created + datetime.timedelta(hours=closed_after_hours) if closed_after_hours else None
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s, closed_date = %s WHERE id = %s", (created, closed, ticket.id)
        )
        ticket.invalidate_recordset()
        return ticket

    def compute(self, kpis=None, scope=None, full=True):
        kpis = kpis or self.env["cxm.kpi"].union(*self.kpis.values())
        with freeze_time(datetime.datetime.combine(TODAY, datetime.time(12, 0))):
            return self.env["cxm.kpi.engine"]._cxm_compute(kpis, scope, full=full)

    def values(self, partner):
        rows = self.env["cxm.kpi.value"].search([("partner_id", "=", partner.id), ("company_id", "=", self.company.id)])
        return {row.kpi_id.code: row.value for row in rows}
