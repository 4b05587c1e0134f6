# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import content_disposition, request

REPORT = "cxm_implementation.action_report_implementation_document"


class CxmImplementationDocument(http.Controller):
    """Downloads of a document version, for project members and (approved
    versions only) the project's key users on the portal. Each route first
    looks the id up as the requesting user: record rules make another
    project's document, or a key user's unapproved one, a 404. Only the
    document found that way is then rendered as superuser (a key user may not
    read the project itself, whose name the document carries)."""

    def _cxm_document(self, document_id):
        document = request.env["cxm.implementation.document"].search([("id", "=", document_id)])
        if not document:
            raise request.not_found()
        # sudo: only the document the user's own search found (record rules applied above)
        return document.sudo()

    @http.route(
        "/cxm/implementation/document/<int:document_id>/xlsx", type="http", auth="user", methods=["GET"], readonly=True
    )
    def document_xlsx(self, document_id, **kwargs):
        """Download a document version as XLSX (its report_xlsx report, which
        checks again that the requesting user may read the version)."""
        document = self._cxm_document(document_id)
        return request.make_response(
            document._cxm_xlsx(),
            headers=[
                ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("Content-Disposition", content_disposition(document._cxm_xlsx_filename())),
            ],
        )

    @http.route("/cxm/implementation/document/<int:document_id>/pdf", type="http", auth="user", methods=["GET"])
    def document_pdf(self, document_id, **kwargs):
        """Download a document version as PDF (the QWeb report). Not a read-only
        route: printing may build the report's asset bundle (as Odoo's
        /report/download does)."""
        document = self._cxm_document(document_id)
        pdf = document._cxm_pdf()
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", str(len(pdf))),
                ("Content-Disposition", content_disposition(document._cxm_xlsx_filename()[:-5] + ".pdf")),
            ],
        )
