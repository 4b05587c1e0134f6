# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .test_rest_upsert import RestCommon


@tagged("post_install", "-at_install")
class TestRestFieldService(RestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fsm = cls.env["cxm.integration.instance"].create(
            {"name": "Field App", "code": "fsm-app", "kind": "data_source", "state": "active", "user_id": cls.tech.id}
        )
        _rec, cls.fsm_key = cls.env["cxm.integration.api.key"]._generate(cls.fsm, "fsm", scope="field_service")
        cls.customer = cls.env["res.partner"].create({"name": "Service Customer"})
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {"name": "Boiler broken", "description": "<p>cold</p>", "partner_id": cls.customer.id}
        )
        cls.other_company = cls.env["res.company"].create({"name": "Field Other Co"})
        cls.foreign_ticket = (
            cls.env["helpdesk.ticket"]
            .with_company(cls.other_company)
            .create({"name": "Not yours", "description": "<p>x</p>", "company_id": cls.other_company.id})
        )
        cls.Service = cls.env["cxm.field.service"]

    def put(self, external_id, body, key=None):
        return self._call("PUT", f"/cxm/api/v1/field-service/{external_id}", body, key=key or self.fsm_key)

    def test_create_update_close_and_replay(self):
        created = self.put(
            "V-1",
            {"ticket": self.ticket.number, "technician": "Mehmet", "scheduled_date": "2026-11-24T09:00:00+03:00"},
        )
        self.assertEqual(created.status_code, 200, created.text)
        self.assertTrue(created.json()["created"])
        service = self.Service.search([("external_id", "=", "V-1")])
        self.assertEqual(service.ticket_id, self.ticket)
        self.assertEqual((service.status, service.technician), ("scheduled", "Mehmet"))
        self.assertEqual(str(service.scheduled_date), "2026-11-24 06:00:00", "stored in UTC")
        self.assertEqual(service.create_uid, self.tech)
        # update by ticket id, then close without a date: done now
        moved = self.put("V-1", {"ticket": self.ticket.id, "status": "in_progress", "notes": "on the way"})
        self.assertEqual(moved.status_code, 200, moved.text)
        self.assertEqual((moved.json()["created"], moved.json()["changed"]), (False, True))
        closed = self.put("V-1", {"status": "done", "notes": "replaced the valve"})
        self.assertEqual(closed.json()["status"], "done")
        service.invalidate_recordset()
        self.assertTrue(service.done_date)
        self.assertEqual(service.technician, "Mehmet", "absent values are kept")
        write_date, done_date = service.write_date, service.done_date
        # the same close re-sent: no duplicate, nothing written
        again = self.put("V-1", {"status": "done", "notes": "replaced the valve"})
        self.assertEqual(again.status_code, 200, again.text)
        self.assertFalse(again.json()["changed"])
        service.invalidate_recordset()
        self.assertEqual((service.write_date, service.done_date), (write_date, done_date))
        self.assertEqual(self.Service.search_count([("external_id", "=", "V-1")]), 1)
        # the ticket shows it, to agents of its company
        self.assertEqual(self.ticket.cxm_field_service_ids, service)
        arch = self.env["helpdesk.ticket"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="cxm_field_service_ids"', arch)
        # the same external id of another instance is another record
        self.put(
            "V-1",
            {"ticket": self.ticket.number},
            key=self.env["cxm.integration.api.key"]._generate(self.instance, "erp fsm", scope="field_service")[1],
        )
        self.assertEqual(self.Service.search_count([("external_id", "=", "V-1")]), 2)

    def test_unknown_or_unreadable_ticket_is_404(self):
        for reference in ("HT-NOPE", 999999, self.foreign_ticket.id, self.foreign_ticket.number):
            response = self.put("V-404", {"ticket": reference})
            self.assertEqual(response.status_code, 404, reference)
            self.assertEqual(response.json()["error"], "unknown_ticket")
            self.assertEqual(response.json()["field"], "ticket")
        missing = self.put("V-404", {"status": "done"})
        self.assertEqual(missing.status_code, 422)
        self.assertEqual(self.put("V-404", {"ticket": self.ticket.id, "status": "exploded"}).status_code, 422)
        self.assertEqual(self.put("V-404", {"ticket": self.ticket.id, "notes": "a\x00b"}).status_code, 400)
        late = {"ticket": self.ticket.id, "scheduled_date": "2026-01-02T10:00:00Z", "done_date": "2026-01-01T10:00:00"}
        self.assertEqual(self.put("V-404", late).status_code, 422)
        self.assertEqual(self.put("V-404", {"ticket": "HT\x00"}).status_code, 400)
        self.assertEqual(self.put("V-404", {"ticket": self.ticket.id}, key="cxm_wrong").status_code, 401)
        self.assertEqual(self.put("V-404", {"ticket": self.ticket.id}, key=self.key).status_code, 401, "scope")
        self.assertFalse(self.Service.search([("external_id", "=", "V-404")]))

    def test_record_hidden_from_the_instance_is_not_doubled(self):
        """A record whose ticket moved to a company the instance cannot see is
        not created a second time: a clear refusal, nothing written."""
        self.assertEqual(self.put("V-HID", {"ticket": self.ticket.number}).status_code, 200)
        hidden = self.Service.search([("external_id", "=", "V-HID")])
        moved = self.env["helpdesk.ticket"].create({"name": "Moved", "description": "<p>x</p>"})
        hidden.ticket_id = moved
        moved.company_id = self.other_company
        self.assertEqual(hidden.company_id, self.other_company)
        response = self.put("V-HID", {"ticket": self.ticket.number, "status": "done"})
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("exists already", response.json()["detail"])
        self.assertEqual(self.Service.search_count([("external_id", "=", "V-HID")]), 1)
        self.assertEqual(hidden.status, "scheduled")

    def test_openapi_lists_the_route(self):
        spec = self.url_open("/cxm/api/openapi.json").json()
        self.assertIn("put", spec["paths"]["/v1/field-service/{external_id}"])
