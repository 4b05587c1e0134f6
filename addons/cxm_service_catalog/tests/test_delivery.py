# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CatalogCommon


@tagged("post_install", "-at_install")
class TestDelivery(CatalogCommon):
    """Workshops, specialist days and fixed-price jobs are delivered by what
    happened (sessions held, their days, instances live), never typed."""

    def _confirmed_line(self, product, qty):
        order = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": qty})]}
        )
        order.action_confirm()
        return order.order_line

    def _session(self, product, line, parts, days_ago=20):
        start = fields.Datetime.now() - timedelta(days=days_ago)
        event = self.env["event.event"].create(
            {
                "name": f"{product.name} with {self.customer.name}",
                "date_begin": start,
                "date_end": start + timedelta(days=len(parts)),
                "cxm_product_id": product.id,
                "cxm_sale_line_id": line.id,
                "event_ticket_ids": [(5, 0, 0)],
            }
        )
        self.env["cxm.training.day"].create(
            [
                {"event_id": event.id, "date": fields.Date.to_date(start) + timedelta(days=i), "part": part}
                for i, part in enumerate(parts)
            ]
        )
        return event

    def _held(self, event):
        event.stage_id = self.env.ref("event.event_stage_done")

    def test_specialist_days_are_the_days_of_the_workshop_sessions_held(self):
        line = self._confirmed_line(self.workshop_days, 2.5)
        self.assertEqual(line.qty_delivered_method, "cxm_service", "not typed by hand")
        first = self._session(self.workshop_days, line, ["full", "half"])
        self.assertEqual(line.qty_delivered, 0, "planned is not delivered")
        self._held(first)
        self.assertEqual(line.qty_delivered, 1.5, "a full day and a half-day held")
        second = self._session(self.workshop_days, line, ["full"], days_ago=10)
        self._held(second)
        self.assertEqual(line.qty_delivered, 2.5)
        second.kanban_state = "cancel"
        self.assertEqual(line.qty_delivered, 1.5, "a cancelled session delivers nothing")

    def test_a_fixed_price_job_is_delivered_by_its_session_or_its_live_instances(self):
        line = self._confirmed_line(self.report_fixed, 1)
        self.assertEqual((line.qty_delivered_method, line.qty_delivered), ("cxm_service", 0))
        event = self._session(self.report_fixed, line, ["full"])
        self.assertEqual(line.qty_delivered, 0)
        self._held(event)
        self.assertEqual(line.qty_delivered, 1, "the workshop was held: the job is done")

        # a fixed-price integration job connects instances: done once all of them are live
        job = self.env["product.product"].search(
            [("cxm_service_kind", "=", "integration"), ("cxm_pricing_unit", "=", "fixed")], limit=1
        )
        instances = self.env["cxm.integration.instance"].create(
            [
                {"name": "Shop A", "code": "t-deliv-a", "kind": job.cxm_integration_kind or "data_source"},
                {"name": "Shop B", "code": "t-deliv-b", "kind": job.cxm_integration_kind or "data_source"},
            ]
        )
        integration = self._confirmed_line(job, 1)
        integration.cxm_instance_ids = instances
        self.assertEqual(integration.qty_delivered, 0)
        instances[0].state = "active"
        self.assertEqual(integration.qty_delivered, 0, "one of two instances live")
        instances[1].state = "active"
        self.assertEqual(integration.qty_delivered, 1)

    def test_a_session_delivers_only_a_line_of_its_own_service(self):
        line = self._confirmed_line(self.workshop_days, 1)
        with self.assertRefused(ValidationError, "delivers .* not .*"):
            self._session(self.report_fixed, line, ["full"])
        seats = self._sell_seats(self._training_session(), 1).order_line
        with self.assertRefused(ValidationError, "sold per participant"):
            self._session(self.design, seats, ["half"])
        self.assertFalse(line.cxm_session_event_ids)
        self.assertEqual(line.qty_delivered, 0)

    def test_the_demo_workshop_is_half_delivered(self):
        line = self.env.ref("cxm_service_catalog.sale_order_workshop_line_demo", raise_if_not_found=False)
        if not line:
            self.skipTest("installed without demo data")
        self.assertEqual((line.product_uom_qty, line.qty_delivered), (2, 1), "one of the two workshop days held")
