# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import content_disposition, request


class CxmImplementationDocument(http.Controller):
    @http.route(
        "/cxm/implementation/document/<int:document_id>/xlsx", type="http", auth="user", methods=["GET"], readonly=True
    )
    def document_xlsx(self, document_id, **kwargs):
        """Download a document version as XLSX. Read as the requesting user:
        record rules make another project's document a 404."""
        document = request.env["cxm.implementation.document"].search([("id", "=", document_id)])
        if not document:
            raise request.not_found()
        return request.make_response(
            document._cxm_xlsx(),
            headers=[
                ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("Content-Disposition", content_disposition(document._cxm_xlsx_filename())),
            ],
        )
