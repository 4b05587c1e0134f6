# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import BadRequest, NotFound

from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class HelpdeskTicketControllerCxm(HelpdeskTicketController):
    @http.route("/ticket/close", type="http", auth="user", methods=["POST"])
    def support_ticket_close(self, **kw):
        """helpdesk_mgmt closes the ticket by id as superuser whoever asks: check first that the user may
        read it (record rules: their own tickets), and accept it only as a POST with the CSRF token.
        Authentication: the user's session."""
        try:
            ticket_id, stage_id = int(kw.get("ticket_id")), int(kw.get("stage_id"))
        except (TypeError, ValueError) as exc:
            raise BadRequest() from exc
        if not request.env["helpdesk.ticket"].browse(ticket_id).exists().has_access("read"):
            raise NotFound()  # the same answer whether the ticket exists or belongs to someone else
        return super().support_ticket_close(ticket_id=ticket_id, stage_id=stage_id)
