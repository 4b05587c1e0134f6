# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import datetime
import io
import os
import random

import openpyxl
import xlsxwriter

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import CustomerDataCommon

SAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "data")
COLUMNS = ["external_key", "name", "is_company", "parent_key", "email", "phone", "national_id", "city", "country"]
COLUMNS += ["tags", "attr:segment"]


def rebind_jobs(trap, env):
    """The trapped jobs of an import staged on a cursor of its own (closed
    since), on ``env``'s cursor, each as the user who enqueued it."""
    for job in trap.enqueued_jobs:
        job._env = env(user=job.env.uid, context=job.env.context)


def perform_staging(test, trap):
    """The trapped queue job that stages the rest of a file, run as a worker
    runs it (each chunk on a cursor of its own)."""
    rebind_jobs(trap, test.env)
    with test.enter_registry_test_mode():
        for job in trap.enqueued_jobs:
            if job.method_name == "_cxm_stage_file":
                job.perform()


def random_rows(seed, count):
    """A seeded file of customers with everything an import meets: Turkish
    letters, phones with a leading 0 or +90 (text), bad phones, e-mails and
    national ids, duplicate keys, contacts before their company, unknown
    parents, parent loops, empty cells."""
    rng = random.Random(seed)
    letters = "abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ "
    keys = [f"R-{i}" for i in range(count)]
    rows = []
    for i in range(count):
        name = "".join(rng.choice(letters) for _n in range(rng.randint(0, 14))).strip()
        rows.append(
            {
                "external_key": keys[i],
                "name": name,
                "is_company": rng.choice(["yes", "no", "", "evet", "maybe"]),
                "parent_key": rng.choice(["", "", "", rng.choice(keys), "NOPE"]),
                "email": rng.choice(["", f"u{i}@example.com", "not-an-email", f"Şule.{i}@Örnek.example"]),
                "phone": rng.choice(["", f"0532 {i:03d} 45 67", f"+90 533 {i:03d} 43 21", "12", f"0212555{i:04d}"]),
                "national_id": rng.choice(["", "", "10000000146", "12345678901"]),
                "city": rng.choice(["", "İstanbul", "Iğdır", "Şanlıurfa", "  Çorum  "]),
                "country": rng.choice(["TR", "TR", "", "XX"]),
                "tags": rng.choice(["", "VIP", "B2B;Gold"]),
                "attr:segment": rng.choice(["", "A", "Ğ"]),
            }
        )
        if i and rng.random() < 0.08:  # the row before sent twice, with another name
            rows[-1].update(external_key=rows[-2]["external_key"], parent_key=rows[-2]["parent_key"])
    return rows


def as_csv(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def as_xlsx(rows, transactions=()):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("Customers")
    sheet.write_row(0, 0, COLUMNS)
    for line, row in enumerate(rows, start=1):
        for column, name in enumerate(COLUMNS):
            value = row[name]
            if value == "":
                continue
            if name == "national_id":  # a number cell, as a spreadsheet keeps an 11-digit id
                sheet.write_number(line, column, int(value))
            else:
                sheet.write_string(line, column, value)
    if transactions:
        sheet = book.add_worksheet("Transactions")
        sheet.write_row(0, 0, ["customer_key", "transaction_key", "date", "amount", "quantity"])
        for line, (customer, key, day, amount) in enumerate(transactions, start=1):
            sheet.write_row(line, 0, [customer, key])
            sheet.write_datetime(line, 2, day, date)
            sheet.write_number(line, 3, amount)
            sheet.write_number(line, 4, 1)
    book.close()
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestImportFiles(CustomerDataCommon):
    """Whatever reads the file, the same records; however they are staged,
    the same customers, keys, duplicates and error report."""

    def setUp(self):
        super().setUp()
        self.wizard = self.env["cxm.customer.import.wizard"].with_user(self.manager)

    def openpyxl_parse(self, content):
        """The wizard's former XLSX reader (openpyxl read-only), for comparison."""
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheets = {}
        for worksheet in book.worksheets:
            title = worksheet.title.strip().lower()
            kind = "transaction" if title.startswith("transaction") else "customer"
            if title.startswith("note") or kind in sheets:
                continue
            iterator = worksheet.iter_rows(values_only=True)
            names = self.wizard._check_header(next(iterator), kind)
            sheets[kind] = [
                (number, record)
                for number, values in enumerate(iterator, start=2)
                if (record := self.wizard._to_record(names, values))
            ]
        book.close()
        return sheets

    def test_sample_files_read_alike(self):
        with open(os.path.join(SAMPLES, "customers_sample.csv"), "rb") as handle:
            from_csv, _columns = self.wizard._parse(handle.read(), "customers_sample.csv")
        with open(os.path.join(SAMPLES, "customers_sample.xlsx"), "rb") as handle:
            content = handle.read()
        from_xlsx, _columns = self.wizard._parse(content, "customers_sample.xlsx")
        self.assertEqual(from_xlsx["customer"], from_csv["customer"])
        self.assertEqual(from_xlsx, self.openpyxl_parse(content))
        first = dict(from_xlsx["customer"])[2]
        self.assertEqual(
            (first["name"], first["city"], first["phone"]), ("Anadolu Gıda A.Ş.", "İstanbul", "0212 555 12 34")
        )
        self.assertEqual(dict(from_xlsx["customer"])[5]["phone"], "+90 533 765 43 21")
        self.assertEqual(dict(from_xlsx["customer"])[7]["zip"], "06100", "a leading zero stays")
        self.assertEqual(dict(from_xlsx["transaction"])[2]["date"], "2026-01-15")

    def test_random_file_reads_alike_as_csv_and_xlsx(self):
        rows = random_rows(1905, 300)
        transactions = [("R-1", f"T-{i}", datetime.datetime(2026, 1, 1 + i % 28), 10.5 + i) for i in range(20)]
        content = as_xlsx(rows, transactions)
        from_csv, csv_columns = self.wizard._parse(as_csv(rows), "random.csv")
        from_xlsx, xlsx_columns = self.wizard._parse(content, "random.xlsx")
        self.assertEqual(from_xlsx["customer"], from_csv["customer"])
        self.assertEqual(xlsx_columns["customer"], csv_columns["customer"])
        self.assertEqual(from_xlsx, self.openpyxl_parse(content), "python-calamine reads what openpyxl read")
        self.assertEqual(dict(from_xlsx["transaction"])[2]["date"], "2026-01-01", "a date cell is a date")
        self.assertEqual(dict(from_xlsx["transaction"])[2]["amount"], "10.5")

    def snapshot(self, job):
        """What a user sees of an import: its counts, each row's outcome (the
        customer by name, not id), the source's keys, the error report."""
        self.env.invalidate_all()
        names = {}
        for row in job.row_ids.filtered("partner_id"):
            partner = row.partner_id
            names[row.id] = (partner.name, partner.parent_id.name or "", partner.phone or "", partner.email or "")
        rows = sorted((row.kind, row.sequence, row.state, row.message or "", names.get(row.id)) for row in job.row_ids)
        keys = self.env["cxm.partner.identity"].search([("source_id", "=", self.source.id)])
        report = []
        if job.error_report:
            book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(job.error_report)))
            report = [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
        counts = (job.state, job.row_count, job.created_count, job.updated_count, job.unchanged_count, job.error_count)
        return counts, rows, sorted((k.key_type, k.value, k.partner_id.name) for k in keys), report

    def run_import(self, content, filename, staging, chunk_size=25):
        """Import the file ``content`` through queue jobs (chunks of
        ``chunk_size`` rows) and roll it back; returns its snapshot."""
        sheets, columns = self.wizard._parse(content, filename)
        savepoint = self.env.cr.savepoint()
        try:
            vals = {"name": filename, "source_id": self.source.id, "company_id": self.company.id, "columns": columns}
            Import = self.env["cxm.customer.import"].with_user(self.manager)
            with trap_jobs() as trap:
                if staging == "overlapped":  # the wizard's way: chunk by chunk, each committed with its job
                    with self.enter_registry_test_mode():
                        job = Import._cxm_stage_overlapped(
                            vals, sheets, file=base64.b64encode(content), chunk_size=chunk_size
                        )
                    perform_staging(self, trap)
                    self.assertEqual((job.state, job.staged_count), ("running", job.row_count))
                elif staging == "chunked":  # staged straight into their chunks, in one transaction
                    job = Import.create(vals)
                    job._cxm_stage_queued(sheets, chunk_size=chunk_size)
                else:  # staged first, chunked afterwards
                    job = Import.create(vals)
                    job._stage(sheets)
                    job._cxm_enqueue(chunk_size=chunk_size)
                trap.perform_enqueued_jobs()
            return self.snapshot(job)
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def test_sample_files_same_outcome_overlapped(self):
        for name in ("customers_sample.csv", "customers_sample.xlsx"):
            with open(os.path.join(SAMPLES, name), "rb") as handle:
                content = handle.read()
            with self.subTest(name):
                reference = self.run_import(content, name, "after", chunk_size=2)
                self.assertEqual(reference[0][0], "done")
                self.assertTrue(reference[2], "the sample creates customers with their keys")
                self.assertEqual(self.run_import(content, name, "overlapped", chunk_size=2), reference)

    def test_random_file_same_outcome_whatever_the_format_and_staging(self):
        rows = random_rows(2024, 150)
        reference = self.run_import(as_csv(rows), "random.csv", "after")
        counts = reference[0]
        self.assertEqual(counts[0], "done")
        self.assertEqual(counts[1], 150)
        self.assertTrue(counts[2] and counts[5], "the file creates customers and has errors")
        self.assertTrue(reference[3], "an error report")
        messages = "\n".join(row[3] for row in reference[1])
        for expected in ("appears twice", "Unknown parent key", "phone", "e-mail", "national id", "Unknown country"):
            self.assertIn(expected, messages)
        external = [value for key_type, value, _name in reference[2] if key_type == "external"]
        self.assertEqual(len(external), len(set(external)), "one key, one customer")
        self.assertEqual(self.run_import(as_csv(rows), "random.csv", "chunked"), reference)
        self.assertEqual(self.run_import(as_xlsx(rows), "random.xlsx", "chunked"), reference)
        self.assertEqual(self.run_import(as_csv(rows), "random.csv", "overlapped"), reference)
        self.assertEqual(self.run_import(as_xlsx(rows), "random.xlsx", "overlapped"), reference)

    def test_big_file_through_the_wizard_staged_in_chunks(self):
        rows = [
            {**dict.fromkeys(COLUMNS, ""), "external_key": f"W-{i}", "name": f"Müşteri {i}", "email": f"w{i}@ex.com"}
            for i in range(2100)
        ]
        wizard = self.wizard.create(
            {"source_id": self.source.id, "file": base64.b64encode(as_xlsx(rows)), "filename": "big.xlsx"}
        )
        with trap_jobs() as trap:
            with self.enter_registry_test_mode():  # staged on a cursor of its own, a commit per chunk
                action = wizard.action_import()
            job = self.env["cxm.customer.import"].browse(action["res_id"])
            self.assertEqual(action["name"], "big.xlsx")
            # its first chunks the wizard stages itself (a job stages the others of a bigger file)
            self.assertEqual((job.job_mode, job.state, job.staged_count), ("queue", "running", 2100))
            self.assertFalse([j for j in trap.enqueued_jobs if j.method_name == "_cxm_stage_file"])
            rebind_jobs(trap, self.env)
            self.assertEqual(job.sudo().chunk_ids.mapped("row_count"), [2000, 100])
            self.assertTrue(all(job.sudo().chunk_ids.mapped("staged")))
            self.assertFalse(job.file, "the file is kept only until it is staged")
            self.assertFalse(job.row_ids.filtered(lambda r: not r.chunk_id), "every row staged in its chunk")
            trap.perform_enqueued_jobs()
        self.env.invalidate_all()
        self.assertEqual((job.state, job.created_count, job.error_count), ("done", 2100, 0))
        self.assertEqual(self.by_key("W-2099").name, "Müşteri 2099")

    def test_bad_files_change_nothing(self):
        count = self.env["cxm.customer.import"].search_count([])
        rows = self.env["cxm.customer.import.row"].search_count([])
        cases = [
            (b"external_key;name\nA\x00;B\n", "x.csv", "binary data"),
            ("external_key;name\nA;Ayşe\n".encode("latin-1", "replace") + b"\xff\xfe", "x.csv", "not UTF-8"),
            (as_xlsx(random_rows(1, 50))[:900], "x.xlsx", "not a readable XLSX"),
            (b"PK\x03\x04" + os.urandom(64), "x.xlsx", "not a readable XLSX"),
        ]
        book = io.BytesIO()
        workbook = xlsxwriter.Workbook(book)
        workbook.add_worksheet("Customers").write_row(0, 0, ["external_key", "fax"])
        workbook.close()
        cases.append((book.getvalue(), "x.xlsx", "Unknown column"))
        # big files (staged chunk by chunk, each committed) whose fault is on their last line
        good = as_csv([{**dict.fromkeys(COLUMNS, ""), "external_key": f"B-{i}", "name": f"B {i}"} for i in range(2100)])
        cases += [
            (good + b'B-x;"an unclosed quote\n', "big.csv", "not a readable CSV file"),
            (good + b"B-x;\xff\xfe\n", "big.csv", "not UTF-8"),
            (good + b"B-x;A\x00\n", "big.csv", "binary data"),
            (good.replace(b"external_key;", b"external_key;fax;", 1), "big.csv", "Unknown column"),
            (as_xlsx([*random_rows(3, 2100), {**random_rows(4, 1)[0], "name": "A\x00"}]), "big.xlsx", "binary data"),
        ]
        jobs = self.env["queue.job"].search_count([])
        for content, filename, message in cases:
            wizard = self.wizard.create(
                {"source_id": self.source.id, "file": base64.b64encode(content), "filename": filename}
            )
            with self.subTest(message), self.assertRaisesRegex(UserError, message), self.enter_registry_test_mode():
                wizard.action_import()
        self.env["ir.config_parameter"].set_param("cxm_customer_data.max_file_mb", "0")
        wizard = self.wizard.create({"source_id": self.source.id, "file": base64.b64encode(good), "filename": "b.csv"})
        with self.assertRaisesRegex(UserError, "larger than 0 MB"), self.enter_registry_test_mode():
            wizard.action_import()
        self.assertEqual(self.env["cxm.customer.import"].search_count([]), count)
        self.assertEqual(self.env["cxm.customer.import.row"].search_count([]), rows)
        self.assertEqual(self.env["queue.job"].search_count([]), jobs, "no job")
