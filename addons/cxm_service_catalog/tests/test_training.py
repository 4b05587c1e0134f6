# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CatalogCommon


@tagged("post_install", "-at_install")
class TestTraining(CatalogCommon):
    def test_seats_sold_registered_attended_and_invoiced(self):
        event = self._training_session(price=1500.0)
        self.assertEqual(
            event.cxm_day_ids.mapped("part"), ["half"] * 4 + ["full"] * 2, "4 half-days + 2 full days, in order"
        )
        self.assertTrue(all(d.date.weekday() < 5 for d in event.cxm_day_ids), "training days are working days")
        self.assertTrue(event.cxm_full_attendance, "design trainings require full attendance")
        order = self._sell_seats(event, 2)
        line = order.order_line
        self.assertEqual((line.product_uom_id.name, line.product_uom_qty), ("Participants", 2))
        self.assertEqual(line.price_subtotal, 3000.0)
        self.assertEqual(len(event.registration_ids), 2, "one registration per participant sold")
        registrations = event.registration_ids
        registrations.action_confirm()
        self.assertEqual(line.qty_delivered, 0)

        # attendance: the first participant every day, the second misses the last day
        first, second = registrations
        self._attend(first, event.cxm_day_ids)
        self._attend(second, event.cxm_day_ids[:-1])
        self.assertEqual((first.cxm_days_present, first.cxm_full_attendance, first.state), (6, True, "done"))
        self.assertEqual((second.cxm_days_present, second.cxm_full_attendance, second.state), (5, False, "open"))
        self.assertEqual(line.qty_delivered, 1, "delivered = participants who attended the whole training")

        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.invoice_line_ids.quantity, 2)
        self.assertEqual(invoice.amount_untaxed, 3000.0)
        self.assertEqual(line.qty_invoiced, 2)
        self.assertEqual(order.invoice_status, "invoiced")

    def test_attendance_on_a_cancelled_session_is_refused(self):
        event = self._training_session()
        order = self._sell_seats(event, 1)
        registration = order.order_line.registration_ids
        registration.action_confirm()
        day = event.cxm_day_ids[0]
        present = self.env["cxm.training.attendance"].create({"day_id": day.id, "registration_id": registration.id})
        event.kanban_state = "cancel"
        with self.assertRefused(UserError, "is cancelled: no attendance"):
            present.present = True
        self.assertFalse(present.present)
        with self.assertRefused(UserError, "is cancelled"):
            self.env["cxm.training.attendance"].create(
                {"day_id": event.cxm_day_ids[1].id, "registration_id": registration.id, "present": True}
            )
        with self.assertRefused(UserError, "is cancelled"):
            day.action_take_attendance()
        self.assertEqual(len(event.cxm_day_ids.attendance_ids), 1)

    def test_attendance_of_a_cancelled_registration_or_another_session_is_refused(self):
        event = self._training_session()
        other = self._training_session()
        registration = self._sell_seats(event, 1).order_line.registration_ids
        with self.assertRefused(ValidationError, "is not registered for"):
            self.env["cxm.training.attendance"].create(
                {"day_id": other.cxm_day_ids[0].id, "registration_id": registration.id}
            )
        registration.action_cancel()
        with self.assertRefused(ValidationError, "is cancelled: no attendance"):
            self.env["cxm.training.attendance"].create(
                {"day_id": event.cxm_day_ids[0].id, "registration_id": registration.id, "present": True}
            )

    def test_take_attendance_lists_every_participant(self):
        event = self._training_session()
        self._sell_seats(event, 3).order_line.registration_ids.action_confirm()
        action = event.cxm_day_ids[0].with_user(self.desk).action_take_attendance()
        sheet = self.env["cxm.training.attendance"].search(action["domain"])
        self.assertEqual(len(sheet), 3)
        self.assertFalse(any(sheet.mapped("present")))
        sheet[0].with_user(self.desk).present = True
        self.assertEqual(event.cxm_day_ids[0].present_count, 1)

    def test_session_sold_whole_is_delivered_when_held(self):
        event = self._training_session(self.enduser)
        self.assertFalse(event.cxm_full_attendance, "end-user trainings have no full-attendance rule")
        self.assertEqual(len(event.cxm_day_ids), 1, "one day")
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [(0, 0, {"product_id": self.enduser.id, "product_uom_qty": 1})],
            }
        )
        line = order.order_line
        self.assertEqual(line.product_uom_id.name, "Sessions")
        event.cxm_sale_line_id = line
        order.action_confirm()
        self.assertFalse(event.registration_ids, "a session sold whole sells no seats")
        self.assertEqual(line.qty_delivered, 0)
        event.stage_id = self.env.ref("event.event_stage_done")
        self.assertEqual(line.qty_delivered, 1, "delivered once the session is held")
