# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

TODAY = datetime.date(2026, 6, 30)
NOON = datetime.datetime.combine(TODAY, datetime.time(12, 0))


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


@tagged("post_install", "-at_install")
class TestKpiSaleSources(AccountTestInvoicingCommon):
    """Purchase KPIs read from Odoo's sale orders and invoices, hand-computed on 30 June 2026: a
    company in USD, a EUR rate of 0.5 (1 EUR = 2 USD), a one-year window for basket size, frequency
    and monetary value, all history for recency and lifetime."""

    @classmethod
    def get_default_groups(cls):
        # the test user sells, invoices and reads the KPIs
        return (
            super().get_default_groups()
            | cls.env.ref("sales_team.group_sale_manager")
            | cls.env.ref("cxm_base.group_cxm_manager")
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.eur = cls.setup_other_currency("EUR", rates=[("2025-01-01", 0.5)])
        cls.eur_pricelist = cls.env["product.pricelist"].create({"name": "KPI EUR", "currency_id": cls.eur.id})
        Partner = cls.env["res.partner"]
        cls.selin = Partner.create({"name": "Selin Sale"})
        cls.ilker = Partner.create({"name": "İlker Invoice"})
        cls.kpis = {}
        for source in ("sale", "invoice"):
            for kind, window in (
                ("basket_size", 365),
                ("frequency", 365),
                ("monetary", 365),
                ("recency", 0),
                ("lifetime", 0),
            ):
                cls.kpis[source, kind] = (
                    cls.env["cxm.kpi"]
                    .sudo()
                    .create(
                        {
                            "name": f"{source} {kind}",
                            "code": f"{source}_{kind}",
                            "kind": kind,
                            "source": source,
                            "window_days": window,
                            "company_id": cls.company.id,
                        }
                    )
                )
        cls._order(cls.selin, 10, 300)
        cls._order(cls.selin, 40, 100, pricelist=cls.eur_pricelist)  # 100 EUR = 200 USD
        cls._order(cls.selin, 400, 500)  # outside the one-year window
        cls._order(cls.selin, 3, 999, confirm=False)  # a quotation is no purchase
        cls._order(cls.selin, 2, 777).action_cancel()  # nor a cancelled order
        cls._invoice(cls.ilker, 20, 1000)
        cls._invoice(cls.ilker, 30, 100, currency=cls.eur)  # 200 USD at the invoice's rate
        cls._invoice(cls.ilker, 5, 300, move_type="out_refund")  # a refund: deducted, no order
        cls._invoice(cls.ilker, 1, 50, post=False)  # a draft counts for nothing
        cls._invoice(cls.ilker, 500, 400)  # outside the window

    @classmethod
    def _order(cls, partner, ago, amount, pricelist=None, confirm=True):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "pricelist_id": pricelist.id if pricelist else False,
                "order_line": [
                    Command.create(
                        {"product_id": cls.product_a.id, "product_uom_qty": 1, "price_unit": amount, "tax_ids": False}
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        order.date_order = datetime.datetime.combine(days_ago(ago), datetime.time(10, 0))
        return order

    @classmethod
    def _invoice(cls, partner, ago, amount, *, move_type="out_invoice", currency=None, post=True):
        return cls.init_invoice(
            move_type, partner, invoice_date=days_ago(ago), amounts=[amount], taxes=[], currency=currency, post=post
        )

    def compute(self):
        kpis = self.env["cxm.kpi"].sudo().union(*self.kpis.values())
        with freeze_time(NOON):
            return self.env["cxm.kpi.engine"].sudo()._cxm_compute(kpis, None, full=True)

    def values(self, partner, source):
        rows = (
            self.env["cxm.kpi.value"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("kpi_id.source", "=", source),
                    ("kpi_id.company_id", "=", self.company.id),
                ]
            )
        )
        return {row.kpi_id.kind: row.value for row in rows}

    def test_sale_orders_hand_computed(self):
        """300 USD + 100 EUR (200 USD) this year; 500 USD 400 days ago counts only for recency and
        lifetime; the quotation and the cancelled order do not count."""
        self.compute()
        self.assertEqual(
            self.values(self.selin, "sale"),
            {"frequency": 2, "monetary": 500, "basket_size": 250, "recency": 10, "lifetime": 400},
        )
        self.assertEqual(self.values(self.ilker, "sale"), {}, "no order, no value")

    def test_invoices_with_refund_and_currency(self):
        """1000 USD + 100 EUR (200 USD) - 300 USD refunded = 900 over 2 invoices; the refund is not a
        purchase (recency 20, not 5); the draft and the invoice of 500 days ago are out."""
        self.compute()
        self.assertEqual(
            self.values(self.ilker, "invoice"),
            {"frequency": 2, "monetary": 900, "basket_size": 450, "recency": 20, "lifetime": 500},
        )
        self.assertEqual(self.values(self.selin, "invoice"), {}, "sale orders are not invoices")

    def test_window_moves_with_time(self):
        """336 days later the order of 10 days ago is still in the year, the EUR order of 40 days ago
        has left it: recency and lifetime grow with the days."""
        self.compute()
        kpis = self.env["cxm.kpi"].sudo().union(*self.kpis.values())
        with freeze_time(NOON + datetime.timedelta(days=336)):
            self.env["cxm.kpi.engine"].sudo()._cxm_compute(kpis, None, full=True)
        self.assertEqual(
            self.values(self.selin, "sale"),
            {"frequency": 1, "monetary": 300, "basket_size": 300, "recency": 346, "lifetime": 736},
        )

    def test_new_order_reaches_the_incremental_run(self):
        Run = self.env["cxm.kpi.run"].sudo()  # what the scheduled actions do
        with freeze_time(NOON):
            full = Run._cxm_run_full()
        self.env.cr.execute(
            "UPDATE sale_order SET write_date = write_date - interval '1 day';"
            "UPDATE account_move SET write_date = write_date - interval '1 day';"
            "UPDATE cxm_kpi_run SET started_at = started_at - interval '1 hour' WHERE id = %s",
            (full.id,),
        )
        self._order(self.selin, 0, 100)
        with freeze_time(NOON):
            run = Run._cxm_run_incremental()
        self.assertEqual((run.mode, run.state), ("incremental", "done"))
        self.assertEqual(self.values(self.selin, "sale")["frequency"], 3)
        self.assertEqual(self.values(self.selin, "sale")["recency"], 0)

    def test_sources_offered(self):
        sources = dict(self.env["cxm.kpi"].sudo()._fields["source"]._description_selection(self.env))
        self.assertEqual(set(sources), {"transactions", "sale", "invoice"})
