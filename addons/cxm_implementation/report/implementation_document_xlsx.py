# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ImplementationDocumentXlsx(models.AbstractModel):
    """A document version as an XLSX workbook (OCA report_xlsx): one sheet of
    header facts, then one sheet per section (the diagrams are left to the
    PDF)."""

    _name = "report.cxm_implementation.implementation_document_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Implementation Document (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        # report_xlsx hands the records over as the requesting user (also on its
        # generic /report/xlsx route): they must be readable by that user (record
        # rules: a key user reads approved versions of their project only). Only
        # then are they rendered as superuser, since a key user may not read the
        # project itself, whose name the document carries.
        objs.check_access("read")
        bold = workbook.add_format({"bold": True})
        for document in objs.sudo():
            self._cxm_write_document(workbook, bold, document)

    def _cxm_write_document(self, workbook, bold, document):
        info = workbook.add_worksheet(self.env._("Document")[:31])
        info.write_row(0, 0, [self.env._("Document"), document.name], bold)
        info.write_row(1, 0, [self.env._("Project"), document.project_id.name])
        approved = f"{document.approved_by_id.name} {document.approved_on}" if document.approved_on else ""
        info.write_row(2, 0, [self.env._("Approved"), approved])
        sections = (s for s in document._cxm_sections() if s["key"] != "diagrams")
        for index, section in enumerate(sections):
            sheet = workbook.add_worksheet(f"{index + 1} {section['title']}"[:31].replace("/", "-"))
            sheet.write_row(0, 0, section["columns"], bold)
            for row_index, row in enumerate(section["rows"], start=1):
                sheet.write_row(row_index, 0, row)
