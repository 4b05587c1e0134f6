# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import json

import openpyxl

from odoo.tests import HttpCase, new_test_user, tagged

from .fake_erp import FakeErpMixin


@tagged("post_install", "-at_install")
class TestUi(FakeErpMixin, HttpCase):
    def _import_as_manager(self, login, tour, lang="en_US"):
        """The import tour as a new manager (source "Tour ERP", national numbers read in Turkey's
        plan); returns the manager and the import job of the tour's CSV (3 created, 2 in error)."""
        self.env.company.cxm_phone_region_id = self.env.ref("base.tr")
        manager = new_test_user(self.env, login, groups="cxm_base.group_cxm_manager", name=login, lang=lang)
        self.env["cxm.integration.instance"].create(
            {"name": "Tour ERP", "code": "tour-erp", "kind": "data_source", "company_id": self.env.company.id}
        )
        self.start_tour("/odoo", tour, login=login)
        job = self.env["cxm.customer.import"].search([("name", "=", "tour_customers.csv")])
        self.assertEqual((job.created_count, job.error_count), (3, 2))
        return manager, job

    def test_import_wizard_tour(self):
        self._import_as_manager("cd_tour_manager", "cxm_customer_data_import_tour")
        partner = self.env["res.partner"].search([("name", "=", "Tour Ayse")])
        self.assertEqual(partner.parent_id.name, "Tour Gida")

    def test_import_wizard_tour_in_turkish(self):
        self.env["res.lang"]._activate_lang("tr_TR")
        modules = self.env["ir.module.module"].search([("name", "in", ["web", "cxm_base", "cxm_customer_data"])])
        modules._update_translations("tr_TR")
        self._import_as_manager("cd_tour_tr", "cxm_customer_data_import_tour_tr", lang="tr_TR")

    def test_error_report_fixed_and_reimported(self):
        """Import -> download the error report the form links -> fix it -> re-import that very file."""
        manager, job = self._import_as_manager("cd_tour_manager3", "cxm_customer_data_import_tour")
        # the file behind the form's "Download error report" button, fetched as the manager
        url = job.with_user(manager).action_download_error_report()["url"]
        self.authenticate("cd_tour_manager3", "cd_tour_manager3")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("tour_customers-errors.xlsx", response.headers["Content-Disposition"])
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = workbook.active
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[:2], ["row", "errors"])
        column = {name: header.index(name) + 1 for name in ("external_key", "parent_key", "phone")}
        fixed = 0
        for line in range(2, sheet.max_row + 1):
            key = sheet.cell(line, column["external_key"]).value
            if key == "TOUR-2":
                sheet.cell(line, column["phone"]).value = "0532 111 22 33"
                fixed += 1
            elif key == "TOUR-3":
                sheet.cell(line, column["parent_key"]).value = "TOUR-CO"
                fixed += 1
        self.assertEqual(fixed, 2, "the report lists the two bad rows")
        buffer = io.BytesIO()
        workbook.save(buffer)
        self.env["ir.attachment"].with_user(manager).create(
            {"name": "tour_customers-errors.xlsx", "datas": base64.b64encode(buffer.getvalue())}
        )
        self.start_tour("/odoo", "cxm_customer_data_reimport_tour", login="cd_tour_manager3")
        again = self.env["cxm.customer.import"].search([("name", "=", "tour_customers-errors.xlsx")])
        self.assertEqual((again.created_count, again.error_count), (2, 0))
        self.assertGreater(again.rate, 0)
        Partner = self.env["res.partner"]
        self.assertEqual(Partner.search([("name", "=", "Tour Orphan")]).parent_id.name, "Tour Gida")
        self.assertEqual(Partner.search([("name", "=", "Tour Bad Phone")]).phone.replace(" ", ""), "+905321112233")

    def test_dedup_and_panel_tours(self):
        self.env.company.cxm_phone_region_id = self.env.ref("base.tr")
        new_test_user(self.env, "cd_tour_manager2", groups="cxm_base.group_cxm_manager", name="Tour Manager 2")
        Partner = self.env["res.partner"]
        kept = Partner.create({"name": "Fatma Tour Kaya", "email": "fatma.tour@example.com"})
        Partner.create({"name": "Fatma Tour Kaya.", "email": "Fatma.Tour@example.com", "phone": "0532 765 11 22"})
        self.start_tour("/odoo", "cxm_customer_data_dedup_tour", login="cd_tour_manager2")
        self.assertEqual(Partner.search_count([("name", "=like", "Fatma Tour Kaya%")]), 1)
        self.assertEqual(kept.phone, "0532 765 11 22")

        base = self.base
        Partner.create({"name": "Panel Tour Customer", "cxm_national_id": "10000000146"})
        for name, path in (("Tour ERP orders", "/orders/{nid}"), ("Tour failing ERP", "/fail/{nid}")):
            self.env["cxm.lookup.connector"].create(
                {
                    "name": name,
                    "kind": "order",
                    "url_template": base + path,
                    "auth_type": "bearer",
                    "auth_secret": "s3cret",
                    "parameter_map": {"nid": "cxm_national_id"},
                    "response_path": "data.orders",
                    "column_map": [{"label": "Order", "path": "number"}, {"label": "Status", "path": "status.label"}],
                }
            )
        new_test_user(self.env, "cd_tour_agent", groups="cxm_base.group_cxm_agent", name="Tour Agent")
        self.start_tour("/odoo", "cxm_customer_data_panel_tour", login="cd_tour_agent")

    def test_ticket_panel_tour(self):
        base = self.base
        agent = new_test_user(self.env, "cd_ticket_tour_agent", groups="cxm_base.group_cxm_agent", name="Ticket Agent")
        team = self.env["helpdesk.ticket.team"].create({"name": "Tour Panel Team", "user_ids": [(6, 0, agent.ids)]})
        holding = self.env["res.partner"].create({"name": "Tour Holding", "is_company": True, "vat": "TR99887766"})
        customer = self.env["res.partner"].create({"name": "Tour Card Holder", "parent_id": holding.id})
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Card blocked", "description": "<p>x</p>", "partner_id": customer.id, "team_id": team.id}
        )
        Connector = self.env["cxm.lookup.connector"]
        common = {"auth_type": "bearer", "auth_secret": "s3cret", "kind": "account"}
        Connector.create(
            {
                **common,
                "name": "Tour accounts",
                "url_template": base + "/accounts/{case}?vat={vat}",
                "parameter_map": {"case": "ticket.number", "vat": "parent_id.vat"},
                "response_path": "accounts",
                "column_map": [{"label": "IBAN", "path": "iban"}, {"label": "Product", "path": "product.name"}],
            }
        )
        Connector.create(
            {
                **common,
                "name": "Tour failing ERP",
                "url_template": base + "/fail/{case}",
                "parameter_map": {"case": "ticket.number"},
            }
        )
        self.start_tour(f"/odoo/helpdesk.ticket/{ticket.id}", "cxm_customer_data_ticket_panel_tour", login=agent.login)
        self.assertEqual(ticket.cxm_reference_ids.mapped("external_id"), ["TR00 0002"])
        self.assertEqual(ticket.cxm_reference_ids.create_uid, agent)

    def test_field_service_tour(self):
        """Visits sent by a field-service app over the REST API show on the
        ticket; a visit closed through the API shows closed on reload."""
        agent = new_test_user(self.env, "cd_fsm_tour_agent", groups="cxm_base.group_cxm_agent", name="FSM Agent")
        tech = new_test_user(self.env, "cd_fsm_tour_tech", groups="cxm_base.group_cxm_integration")
        team = self.env["helpdesk.ticket.team"].create({"name": "Tour FSM Team", "user_ids": [(6, 0, agent.ids)]})
        customer = self.env["res.partner"].create({"name": "Tour Boiler Owner"})
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Boiler makes noise", "description": "<p>x</p>", "partner_id": customer.id, "team_id": team.id}
        )
        app = self.env["cxm.integration.instance"].create(
            {"name": "Tour field app", "code": "tour-fsm", "kind": "data_source", "state": "active", "user_id": tech.id}
        )
        _rec, key = self.env["cxm.integration.api.key"]._generate(app, "tour", scope="field_service")

        def put(external_id, body):
            response = self.url_open(
                f"/cxm/api/v1/field-service/{external_id}",
                data=json.dumps(body),
                headers={"X-API-Key": key, "Content-Type": "application/json"},
                method="PUT",
            )
            self.assertEqual(response.status_code, 200, response.text)
            return response.json()

        put(
            "TOUR-V0",
            {
                "ticket": ticket.number,
                "status": "done",
                "technician": "Tour Technician",
                "scheduled_date": "2026-11-20T10:00:00Z",
                "done_date": "2026-11-20T11:00:00Z",
                "notes": "Worn valve",
            },
        )
        put(
            "TOUR-V1",
            {
                "ticket": ticket.number,
                "technician": "Tour Technician",
                "scheduled_date": "2026-11-24T10:00:00Z",
                "notes": "Bring a new valve",
            },
        )
        url = f"/odoo/helpdesk.ticket/{ticket.id}"
        self.start_tour(url, "cxm_customer_data_field_service_tour", login=agent.login)
        closed = put("TOUR-V1", {"status": "done", "done_date": "2026-11-24T12:30:00Z", "notes": "Valve replaced"})
        self.assertEqual((closed["status"], closed["created"], closed["changed"]), ("done", False, True))
        self.start_tour(url, "cxm_customer_data_field_service_reload_tour", login=agent.login)
        self.assertEqual(ticket.cxm_field_service_ids.mapped("status"), ["done", "done"])
