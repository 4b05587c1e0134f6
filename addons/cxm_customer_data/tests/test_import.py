# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from unittest.mock import patch

import openpyxl
import xlsxwriter

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from ..models.cxm_customer_pipeline_writers import CxmCustomerPipelineWriters
from .common import CustomerDataCommon

CSV = """external_key;name;is_company;parent_key;email;phone;national_id;country;tags;attr:segment
CO-1;Anadolu Gida;yes;;info@anadolu.example;0212 555 12 34;;TR;B2B;A
P-1;Ayşe Yilmaz;no;CO-1;ayse@anadolu.example;0532 123 45 67;10000000146;TR;;B
P-2;Bad Phone;no;CO-1;;12;;TR;;
P-3;Orphan;no;NOPE;;;;TR;;
P-4;Mehmet Demir;no;CO-1;mehmet@anadolu.example;+90 533 765 43 21;;TR;VIP;C
"""


class TestImport(CustomerDataCommon):
    def import_file(self, content, filename):
        wizard = (
            self.env["cxm.customer.import.wizard"]
            .with_user(self.manager)
            .create({"source_id": self.source.id, "file": base64.b64encode(content), "filename": filename})
        )
        action = wizard.action_import()
        return self.env["cxm.customer.import"].browse(action["res_id"])

    def test_csv_import_errors_report_and_idempotent_rerun(self):
        job = self.import_file(CSV.encode(), "customers.csv")
        self.assertEqual(job.state, "done")
        self.assertEqual(
            (job.row_count, job.done_count, job.created_count, job.error_count),
            (5, 5, 3, 2),
            job.row_ids.mapped("message"),
        )
        self.assertEqual(job.progress, 100.0)
        self.assertEqual(self.by_key("P-4").parent_id, self.by_key("CO-1"))
        self.assertEqual(self.by_key("P-1").cxm_attribute_ids.value, "B")
        # the error report lists the two bad rows with their row number, reason and data, ready to fix
        report = openpyxl.load_workbook(io.BytesIO(base64.b64decode(job.error_report)))
        sheet = report["Customers"]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:4], ("row", "errors", "external_key", "name"))
        self.assertEqual([(r[0], r[2]) for r in rows[1:]], [(4, "P-2"), (5, "P-3")])
        self.assertIn("phone", rows[1][1])
        self.assertIn("Unknown parent key: NOPE", rows[2][1])
        action = job.with_user(self.manager).action_download_error_report()
        self.assertIn(f"/web/content/cxm.customer.import/{job.id}/error_report/", action["url"])

        partners = self.by_key("CO-1") | self.by_key("P-1") | self.by_key("P-4")
        before = self.row_versions(partners)
        again = self.import_file(CSV.encode(), "customers.csv")
        self.assertEqual(
            (again.created_count, again.updated_count, again.unchanged_count, again.error_count), (0, 0, 3, 2)
        )
        self.assertEqual(self.row_versions(partners), before, "the same file twice writes nothing")

    def test_error_report_fixed_and_imported_again_as_it_is(self):
        wizard = self.env["cxm.customer.import.wizard"].with_user(self.manager)
        self.assertEqual(wizard._fields["source_id"].required, True)
        action = wizard.create(
            {"source_id": self.source.id, "file": base64.b64encode(CSV.encode()), "filename": "customers.csv"}
        ).action_import()
        job = self.env["cxm.customer.import"].browse(action["res_id"])
        self.assertEqual(action["name"], job.name, "the breadcrumb names the import, not 'Tickets'")
        self.assertEqual(job.error_row_ids.mapped("sequence"), [4, 5], "Rows in error: only the failed rows")
        self.assertTrue(all(job.error_row_ids.mapped("message")))
        self.assertGreater(job.rate, 0, "Rows / s of a finished import")
        report = openpyxl.load_workbook(io.BytesIO(base64.b64decode(job.error_report)))
        sheet = report["Customers"]
        header = [cell.value for cell in sheet[1]]
        # the user fixes the two rows in the downloaded report and imports that very file
        sheet.cell(row=2, column=header.index("phone") + 1, value="0532 765 43 21")
        sheet.cell(row=3, column=header.index("parent_key") + 1, value="CO-1")
        buffer = io.BytesIO()
        report.save(buffer)
        fixed = self.import_file(buffer.getvalue(), job.error_report_name)
        self.assertEqual((fixed.state, fixed.row_count, fixed.error_count, fixed.created_count), ("done", 2, 0, 2))
        self.assertEqual(self.by_key("P-3").parent_id, self.by_key("CO-1"))
        self.assertEqual(self.by_key("P-2").phone, "+905327654321")
        self.assertFalse(fixed.error_row_ids)

    def test_xlsx_with_transactions_and_template_round_trip(self):
        wizard = self.env["cxm.customer.import.wizard"].with_user(self.manager).create({"source_id": self.source.id})
        action = wizard.action_download_template()
        self.assertIn("customer-import-template.xlsx", action["url"])
        template = base64.b64decode(wizard.template_file)
        book = openpyxl.load_workbook(io.BytesIO(template))
        self.assertEqual(book.sheetnames, ["Customers", "Transactions", "Notes"])
        # the template's own examples import cleanly
        job = self.import_file(template, "template.xlsx")
        self.assertEqual((job.created_count, job.error_count), (3, 0), job.row_ids.mapped("message"))
        contact = self.by_key("P-1")
        self.assertEqual(contact.parent_id, self.by_key("CO-1"))
        self.assertEqual(contact.cxm_transaction_ids.external_key, "ORD-1001")
        self.assertEqual(contact.cxm_transaction_ids.amount, 1250.5)

    def test_bad_files_change_nothing(self):
        count = self.env["cxm.customer.import"].search_count([])
        with self.assertRaisesRegex(UserError, "not UTF-8"):
            self.import_file(CSV.encode("utf-16"), "customers.csv")
        with self.assertRaisesRegex(UserError, "Unknown column"):
            self.import_file(b"external_key;nam;fax\nA;B;C\n", "customers.csv")
        with self.assertRaisesRegex(UserError, "not a readable XLSX"):
            self.import_file(b"PK\x03\x04garbage", "customers.xlsx")
        with self.assertRaisesRegex(UserError, "no data row"):
            self.import_file(b"external_key;name\n", "customers.csv")
        self.env["ir.config_parameter"].set_param("cxm_customer_data.max_file_mb", "1")
        with self.assertRaisesRegex(UserError, "larger than 1 MB"):
            self.import_file(b"external_key;name\n" + b"K;N\n" * 300000, "customers.csv")
        self.assertEqual(self.env["cxm.customer.import"].search_count([]), count)

    def test_crash_mid_chunk_then_resume(self):
        """A chunk that dies half-way leaves its rows pending: resuming writes
        each row exactly once."""
        lines = ["external_key,name,email"] + [f"K-{i},Customer {i},c{i}@example.com" for i in range(25)]
        wizard = (
            self.env["cxm.customer.import.wizard"]
            .with_user(self.manager)
            .create(
                {"source_id": self.source.id, "file": base64.b64encode("\n".join(lines).encode()), "filename": "x.csv"}
            )
        )
        sheets, columns = wizard._parse("\n".join(lines).encode(), "x.csv")
        job = (
            self.env["cxm.customer.import"]
            .with_user(self.manager)
            .create({"name": "x.csv", "source_id": self.source.id, "company_id": self.company.id, "columns": columns})
        )
        job._stage(sheets)
        self.assertEqual(job._process_chunk(limit=10), 10)
        original = CxmCustomerPipelineWriters._write_keys
        calls = []

        def crash_after_writing(self, derived, pairs, source, company):
            original(self, derived, pairs, source, company)
            calls.append(len(pairs))
            raise RuntimeError("worker killed")

        with (
            patch.object(CxmCustomerPipelineWriters, "_write_keys", crash_after_writing),
            self.assertRaises(RuntimeError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            job._process_chunk(limit=10)
        self.assertEqual(calls, [10], "the second chunk had written its partners when it died")
        self.env.invalidate_all()
        self.assertEqual(job.done_count, 10)
        job._run()
        self.assertEqual((job.state, job.done_count, job.created_count, job.error_count), ("done", 25, 25, 0))
        self.env.cr.execute(
            """SELECT count(*), count(DISTINCT i.value) FROM cxm_partner_identity i
                WHERE i.key_type = 'external' AND i.source_id = %s""",
            (self.source.id,),
        )
        self.assertEqual(self.env.cr.fetchone(), (25, 25), "0 lost, 0 doubled")
        self.assertEqual(
            self.env["res.partner"].search_count(
                [("name", "=like", "Customer %"), ("email", "=like", "c%@example.com")]
            ),
            25,
        )

    def test_xlsx_numbers_and_bad_rows(self):
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer)
        sheet = book.add_worksheet("Customers")
        sheet.write_row(0, 0, ["external_key", "name", "phone", "national_id"])
        sheet.write_row(1, 0, [1001, "Numeric key", 5321234567, 10000000146])
        sheet.write_row(2, 0, [1002, "Bad id", "", 12345678901])
        book.close()
        job = self.import_file(buffer.getvalue(), "numbers.xlsx")
        self.assertEqual((job.created_count, job.error_count), (1, 1))
        partner = self.by_key("1001")
        self.assertEqual((partner.phone, partner.cxm_national_id), ("+905321234567", "10000000146"))
