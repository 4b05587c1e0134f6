# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import binascii
import csv
import datetime
import io

import python_calamine
import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from ..models.customer_records import CUSTOMER_FIELDS, TRANSACTION_FIELDS
from ..models.cxm_customer_import import INLINE_LIMIT

_lt = LazyTranslate(__name__)
DEFAULT_MAX_MB = 50
CUSTOMER_COLUMNS = [
    (
        "external_key",
        _lt("Your id of the customer in the source system (unique per source). Used to match re-imports."),
    ),
    ("name", _lt("Name (required for new customers).")),
    ("is_company", _lt("yes for a company, no for a person.")),
    ("parent_key", _lt("external_key of the company this contact belongs to.")),
    ("email", _lt("E-mail address.")),
    ("phone", _lt("Phone number; national numbers are read in the company's phone region. Stored in E.164.")),
    ("national_id", _lt("National id (e.g. Turkish TCKN), checked for the customer's country.")),
    ("vat", _lt("Tax id (e.g. TR VKN), checked for the country.")),
    ("street", _lt("Street.")),
    ("street2", _lt("Street 2.")),
    ("zip", _lt("Postal code.")),
    ("city", _lt("City.")),
    ("country", _lt("Country ISO code (TR) or name.")),
    ("lang", _lt("Language code, e.g. tr_TR or en_US (must be installed).")),
    ("tags", _lt("Tags separated by ; (replace the customer's tags).")),
    ("attr:segment", _lt("Any column named attr:<name> is stored as a custom attribute <name>.")),
]
TRANSACTION_COLUMNS = [
    ("customer_key", _lt("external_key of the customer.")),
    ("transaction_key", _lt("Your id of the transaction (unique per source).")),
    ("kind", _lt("purchase, order, payment, return or other.")),
    ("date", _lt("YYYY-MM-DD.")),
    ("amount", _lt("Amount (dot or comma decimals).")),
    ("currency", _lt("ISO code (TRY, EUR); default: the company's currency.")),
    ("quantity", _lt("Quantity.")),
    ("description", _lt("Short description.")),
]


#: columns of the error report (row number in the first file, why it failed): ignored on import
REPORT_COLUMNS = {"row", "errors"}


class CxmCustomerImportWizard(models.TransientModel):
    _name = "cxm.customer.import.wizard"
    _description = "Import Customers"

    source_id = fields.Many2one(
        "cxm.integration.instance",
        required=True,
        domain="[('company_id', 'in', allowed_company_ids)]",
        help="System the file comes from: external keys are unique per source.",
    )
    file = fields.Binary(required=True)
    filename = fields.Char()
    template_file = fields.Binary(readonly=True)

    # ------------------------------------------------------------ parsing
    @api.model
    def _max_bytes(self):
        param = self.env["ir.config_parameter"].sudo().get_param("cxm_customer_data.max_file_mb")
        return int(param or DEFAULT_MAX_MB) * 1024 * 1024

    @api.model
    def _check_header(self, header, kind):
        allowed = CUSTOMER_FIELDS - {"attributes"} if kind == "customer" else TRANSACTION_FIELDS
        # the error report's own columns: a fixed report is imported again as it is
        allowed = allowed | REPORT_COLUMNS
        names = [str(h or "").strip().lower() for h in header]
        while names and not names[-1]:
            names.pop()
        unknown = [n for n in names if n not in allowed and not (kind == "customer" and n.startswith("attr:"))]
        if unknown or not names:
            raise UserError(
                self.env._(
                    "Unknown column(s) %(unknown)s. Expected columns: %(expected)s (and attr:<name> for attributes).",
                    unknown=", ".join(unknown) or "-",
                    expected=", ".join(sorted(allowed)),
                )
            )
        if len(set(names)) != len(names):
            raise UserError(self.env._("A column appears twice in the header."))
        required = {"customer": {"name", "external_key"}, "transaction": {"customer_key", "transaction_key"}}[kind]
        if kind == "customer" and not required & set(names):
            raise UserError(self.env._("The customer sheet needs a name or an external_key column."))
        if kind == "transaction" and not required <= set(names):
            raise UserError(self.env._("The transaction sheet needs customer_key and transaction_key columns."))
        return names

    @api.model
    def _to_record(self, names, values):
        record = {}
        for name, cell in zip(names, values, strict=False):
            if cell is None or name in REPORT_COLUMNS:
                continue
            if isinstance(cell, float) and cell.is_integer():
                cell = int(cell)  # noqa: PLW2901
            elif isinstance(cell, datetime.datetime) and cell.time() == datetime.time():
                cell = cell.date()  # noqa: PLW2901 - a date cell, whichever way the reader types it
            value = cell.isoformat() if hasattr(cell, "isoformat") else str(cell).strip()
            if value == "":
                continue
            if "\x00" in value:  # a spreadsheet cell may hold one (_x0000_); the database cannot
                raise UserError(self.env._("The file contains binary data in a cell."))
            if name.startswith("attr:"):
                record.setdefault("attributes", {})[name[5:]] = value
            else:
                record[name] = value
        return record

    @api.model
    def _parse(self, content, filename):
        """``({kind: [(row number, record)]}, {kind: columns})`` from CSV or XLSX."""
        if len(content) > self._max_bytes():
            raise UserError(
                self.env._(
                    "The file is larger than %(mb)s MB: split it, or send the rows through the API in batches.",
                    mb=self._max_bytes() // 1024 // 1024,
                )
            )
        sheets, columns = {}, {}
        if (filename or "").lower().endswith(".xlsx") or content[:2] == b"PK":
            # python-calamine (Rust) reads the sheets several times faster than openpyxl's
            # read-only mode; scripts/bench/customer_bulk_upsert.py compares the parsers
            try:
                workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
                worksheets = [
                    (meta.name, workbook.get_sheet_by_name(meta.name))
                    for meta in workbook.sheets_metadata
                    if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
                ]
            except (python_calamine.CalamineError, OSError, ValueError) as error:
                raise UserError(self.env._("This is not a readable XLSX file (%(error)s).", error=error)) from error
            for name, worksheet in worksheets:
                title = name.strip().lower()
                kind = "transaction" if title.startswith("transaction") else "customer"
                if title.startswith("note") or kind in sheets:
                    continue
                try:
                    # every row from the first one, empty ones included: row numbers are the sheet's
                    values = worksheet.to_python(skip_empty_area=False)
                except (python_calamine.CalamineError, ValueError) as error:
                    raise UserError(self.env._("This is not a readable XLSX file (%(error)s).", error=error)) from error
                if not values:
                    continue
                names = self._check_header(values[0], kind)
                columns[kind] = names
                sheets[kind] = [
                    (number, record)
                    for number, row in enumerate(values[1:], start=2)
                    if (record := self._to_record(names, row))
                ]
            workbook.close()
        else:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise UserError(
                    self.env._(
                        "The file is not UTF-8 encoded (byte %(position)s): save it as 'CSV UTF-8' and import again.",
                        position=error.start,
                    )
                ) from error
            if "\x00" in text:
                raise UserError(self.env._("The file contains binary data: it is not a CSV file."))
            try:
                dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel
            # strict: an unclosed quote is an error, not the rest of the file read into one cell
            reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
            header = next(reader, None)
            if not header:
                raise UserError(self.env._("The file is empty."))
            kind = "transaction" if "transaction_key" in [h.strip().lower() for h in header] else "customer"
            names = self._check_header(header, kind)
            columns[kind] = names
            try:
                sheets[kind] = [
                    (number, record)
                    for number, values in enumerate(reader, start=2)
                    if (record := self._to_record(names, values))
                ]
            except csv.Error as error:
                raise UserError(
                    self.env._(
                        "This is not a readable CSV file (line %(line)s: %(error)s).", line=reader.line_num, error=error
                    )
                ) from error
        if not any(sheets.values()):
            raise UserError(self.env._("The file has no data row."))
        return sheets, columns

    # ------------------------------------------------------------ actions
    def action_import(self):
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose a file to import."))
        try:
            content = base64.b64decode(self.file)
        except (binascii.Error, ValueError) as error:
            raise UserError(self.env._("The file could not be read.")) from error
        # the whole file is read and checked before anything is stored: a bad file changes nothing
        sheets, columns = self._parse(content, self.filename)
        Import = self.env["cxm.customer.import"]
        vals = {
            "name": self.filename or "import",
            "source_id": self.source_id.id,
            "company_id": self.source_id.company_id.id,
            "columns": {kind: [n for n in names if n] for kind, names in columns.items()},
        }
        if sum(map(len, sheets.values())) > INLINE_LIMIT and Import._cxm_use_queue():
            # staged chunk by chunk, each committed with its job: the workers start on the first ones
            job = Import._cxm_import_queued(vals, sheets, file=self.file)
        else:
            job = Import.create(vals)
            job._stage(sheets)
            if job.row_count <= INLINE_LIMIT:
                job._run()
            else:
                self.env.ref("cxm_customer_data.ir_cron_customer_import")._trigger()
        return {
            "type": "ir.actions.act_window",
            "name": vals["name"],  # committed on a cursor of its own: this transaction may not see the import
            "res_model": "cxm.customer.import",
            "res_id": job.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_download_template(self):
        self.ensure_one()
        self.template_file = base64.b64encode(self._template_content())
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/cxm.customer.import.wizard/{self.id}/template_file/customer-import-template.xlsx"
            "?download=true",
            "target": "self",
        }

    @api.model
    def _template_content(self):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
        examples = {
            "Customers": [
                [
                    "CO-1",
                    "Anadolu Gıda A.Ş.",
                    "yes",
                    "",
                    "info@anadolugida.example",
                    "0212 555 12 34",
                    "",
                    "",
                    "Büyükdere Cd. 1",
                    "",
                    "34394",
                    "İstanbul",
                    "TR",
                    "en_US",
                    "B2B;Gold",
                    "A",
                ],
                [
                    "P-1",
                    "Ayşe Yılmaz",
                    "no",
                    "CO-1",
                    "ayse@anadolugida.example",
                    "0532 123 45 67",
                    "10000000146",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "TR",
                    "en_US",
                    "",
                    "B",
                ],
            ],
            "Transactions": [["P-1", "ORD-1001", "order", "2026-01-15", "1250.50", "TRY", "3", "Winter order"]],
        }
        note_rows = []
        for title, spec in (("Customers", CUSTOMER_COLUMNS), ("Transactions", TRANSACTION_COLUMNS)):
            sheet = workbook.add_worksheet(title)
            for col, (name, note) in enumerate(spec):
                sheet.write(0, col, name, bold)
                note = self.env._(note)  # noqa: PLW2901 - the column's note in the user's language
                sheet.write_comment(0, col, note)
                sheet.set_column(col, col, 18)
                note_rows.append([title, name, note])
            for row, values in enumerate(examples[title], start=1):
                sheet.write_row(row, 0, values)
        notes = workbook.add_worksheet("Notes")
        notes.write_row(0, 0, ["sheet", "column", "note"], bold)
        for row, values in enumerate(note_rows, start=1):
            notes.write_row(row, 0, values)
        notes.set_column(2, 2, 90)
        workbook.close()
        return buffer.getvalue()
