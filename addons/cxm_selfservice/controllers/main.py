# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json
import logging
import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessDenied
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

_logger = logging.getLogger(__name__)

CODE_RE = re.compile(r"^[\w.\-]{1,64}$")
HONEYPOT = "cxm_hp"
LOGO_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
# The generated embed script: inserts the help centre in a sized iframe after the <script> tag (with
# the host's sign-on token when the tag carries data-sso-token) and follows the height the framed
# page posts; messages from any other window or origin are ignored.
EMBED_SCRIPT = """(function () {
    var script = document.currentScript, base = __BASE__, code = __CODE__;
    if (!script) { return; }
    var token = script.getAttribute("data-sso-token");
    var frame = document.createElement("iframe");
    frame.src = base + (token ? "/help/sso?token=" + encodeURIComponent(token) + "&instance=" : "/help?instance=")
        + encodeURIComponent(code);
    frame.title = script.getAttribute("data-title") || "Help centre";
    frame.className = "cxm-help-frame";
    frame.style.cssText = "width:100%;min-height:400px;height:600px;border:0;display:block";
    script.parentNode.insertBefore(frame, script.nextSibling);
    window.addEventListener("message", function (event) {
        var data = event.data;
        if (event.origin !== base || event.source !== frame.contentWindow || !data || data.type !== "cxm-help-height") {
            return;
        }
        var height = parseInt(data.height, 10);
        if (height > 0 && height < 20000) { frame.style.height = height + "px"; }
    });
})();
"""


class HelpCentre(http.Controller):
    """Public help-centre pages. Authentication: none (``auth="public"``) or the visitor's own session;
    everything is read as the visitor (record rules apply) and submissions go through
    ``cxm.selfservice.intake``, which checks the category and creates the ticket. POSTs carry Odoo's
    CSRF token; submissions are rate-limited per client address and per website instance."""

    # ------------------------------------------------------------ helpers
    def _help_instance(self, code):
        """The website instance of an embedded help centre (``?instance=<code>``), or an empty recordset."""
        Instance = request.env["cxm.integration.instance"]
        if not code:
            return Instance
        if not CODE_RE.match(code):
            raise NotFound()
        # sudo: visitors cannot read integration instances; only an active website with this code is used
        instance = Instance.sudo().search(
            [("code", "=", code), ("kind", "=", "website"), ("state", "=", "active")], limit=1
        )
        if not instance:
            raise NotFound()
        if instance.cxm_help_lang and request.env.lang != instance.cxm_help_lang:
            request.update_context(lang=instance.cxm_help_lang)  # the site's language for its pages
        return instance

    def _help_values(self, instance, **values):
        query = f"?instance={instance.code}" if instance else ""
        return {"instance": instance, "help_query": query, "page_name": "help", **values}

    def _help_render(self, template, values, status=200):
        """Render a help-centre page; only the instance's allowed origins may frame it (CSP)."""
        response = request.render(template, values, status=status)
        instance = values.get("instance")
        response.headers["Content-Security-Policy"] = (
            instance._cxm_help_frame_ancestors() if instance else "frame-ancestors 'self'"
        )
        if instance:
            response.headers.pop("X-Frame-Options", None)
        return response

    def _help_cors(self, response, instance):
        """Let the instance's allowed origins read this answer from their own pages (CORS)."""
        origin = instance._cxm_help_cors_origin(request.httprequest.headers.get("Origin")) if instance else None
        if origin:
            response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
        return response

    def _help_category(self, category_id, instance):
        category = request.env["cxm.selfservice.intake"]._cxm_visible_categories(instance, category_id)
        if not category:
            raise NotFound()
        return category

    # ------------------------------------------------------------ pages
    @http.route("/help", type="http", auth="public", website=True, sitemap=True, readonly=True)
    def help_home(self, instance=None, **_kw):
        instance = self._help_instance(instance)
        Intake = request.env["cxm.selfservice.intake"]
        tickets = request.env["helpdesk.ticket"]
        user = request.env.user
        if not user._is_public() and tickets.has_access("read"):
            # the customer's own tickets (helpdesk_mgmt's portal rule), also for staff reading more
            commercial = user.commercial_partner_id.id
            domain = ["|", ("partner_id", "child_of", commercial), ("message_partner_ids", "child_of", commercial)]
            tickets = tickets.search(domain, order="create_date desc", limit=5)
        # one query for ids and the two columns shown (not the HTML bodies)
        popular = request.env["cxm.knowledge.article"].search_fetch(
            [("is_published", "=", True), ("lang", "in", [request.env.lang, False])],
            ["name", "body_text"],
            order="view_count desc, id",
            limit=6,
        )
        values = self._help_values(
            instance, categories=Intake._cxm_visible_categories(instance), tickets=tickets, popular=popular
        )
        return self._help_render("cxm_selfservice.help_home", values)

    @http.route(
        "/help/form/<int:category_id>", type="http", auth="public", website=True, methods=["GET"], readonly=True
    )
    def help_form(self, category_id, instance=None, **_kw):
        instance = self._help_instance(instance)
        category = self._help_category(category_id, instance)
        values = self._help_values(instance, category=category, form_values={}, errors={})
        return self._help_render("cxm_selfservice.help_form", values)

    @http.route("/help/form/<int:category_id>", type="http", auth="public", website=True, methods=["POST"])
    def help_submit(self, category_id, instance=None, **params):
        instance = self._help_instance(instance)
        Intake = request.env["cxm.selfservice.intake"]
        allowed, retry_after = Intake._cxm_rate_check(request.httprequest.remote_addr, instance)
        if not allowed:
            values = self._help_values(instance, message=request.env._("Too many requests: try again in a minute."))
            response = self._help_render("cxm_selfservice.help_message", values, status=429)
            response.headers["Retry-After"] = str(retry_after)
            return response
        category = self._help_category(category_id, instance)
        if params.get(HONEYPOT):
            values = self._help_values(instance, message=request.env._("Your request could not be accepted."))
            return self._help_render("cxm_selfservice.help_message", values, status=400)
        files = self._help_files(category)
        result = Intake._cxm_submit(category, params, files, instance=instance)
        if result.get("errors"):
            form_values = {key: value for key, value in params.items() if isinstance(value, str)}
            values = self._help_values(instance, category=category, form_values=form_values, errors=result["errors"])
            return self._help_render("cxm_selfservice.help_form", values, status=400)
        ticket = result["ticket"]
        status_url = ticket.get_base_url() + ticket.get_portal_url() if result.get("show_status_link") else None
        values = self._help_values(
            instance, ticket_number=ticket.number, status_url=status_url, mailed=result.get("mailed")
        )
        return self._help_render("cxm_selfservice.help_ack", values)

    # ------------------------------------------------------------ sender confirmation
    def _help_pending_ticket(self, ticket_id, token):
        """The ticket of a confirmation link. Authentication: the link's token (HMAC of the ticket with the
        database secret, mailed to the customer's known address only); the same 404 for any mismatch."""
        # sudo: the visitor holds no rights on tickets; the token is checked before anything is shown or done
        ticket = request.env["helpdesk.ticket"].sudo().browse(ticket_id).exists()
        if not ticket or not ticket._cxm_check_verify_token(token):
            raise NotFound()
        return ticket

    @http.route("/help/verify/<int:ticket_id>", type="http", auth="public", website=True, methods=["GET"])
    def help_verify(self, ticket_id, token=None, **_kw):
        """The page of the link mailed to the customer: a button confirms (a GET changes nothing, so a
        mail scanner following links confirms nothing)."""
        ticket = self._help_pending_ticket(ticket_id, token)
        if ticket.cxm_sender_state not in ("new", "matched"):
            return request.redirect(ticket.get_portal_url(), 303)
        values = self._help_values(request.env["cxm.integration.instance"], ticket=ticket, token=token)
        return self._help_render("cxm_selfservice.help_verify", values)

    @http.route("/help/verify/<int:ticket_id>", type="http", auth="public", website=True, methods=["POST"])
    def help_verify_confirm(self, ticket_id, token=None, **_kw):
        ticket = self._help_pending_ticket(ticket_id, token)
        ticket._cxm_confirm_sender()
        return request.redirect(ticket.get_portal_url(), 303)

    def _help_files(self, category):
        """Uploaded files of the form's file fields, read up to one byte over the size limit."""
        limit = request.env["cxm.selfservice.intake"]._cxm_setting("max_file_mb") * 1024 * 1024 + 1
        files = {}
        for field in category._cxm_help_fields().filtered(lambda f: f.field_type == "file"):
            uploads = [f for f in request.httprequest.files.getlist(field.key) if f.filename]
            files[field.key] = [(upload.filename, upload.read(limit)) for upload in uploads]
        return files

    # ------------------------------------------------------------ embedding and sign-on
    @http.route("/help/logo", type="http", auth="public", methods=["GET"], readonly=True)
    def help_logo(self, instance=None, **_kw):
        """The logo of a website instance (the one image field of an active website, nothing else)."""
        instance = self._help_instance(instance)
        if not instance or not instance.cxm_help_logo:
            raise NotFound()
        content = base64.b64decode(instance.cxm_help_logo)
        mimetype = guess_mimetype(content)
        if mimetype not in LOGO_TYPES:  # no SVG: it could carry scripts run on this origin
            raise NotFound()
        headers = [
            ("Content-Type", mimetype),
            ("X-Content-Type-Options", "nosniff"),
            ("Cache-Control", "public, max-age=300"),
        ]
        return request.make_response(content, headers)

    @http.route("/help/articles.json", type="http", auth="public", methods=["GET"], readonly=True)
    def help_articles_json(self, instance=None, q="", **_kw):
        """Public articles matching ``q``, for a search box on the host site's own pages (CORS for the
        instance's allowed origins). Authentication: none; read as the visitor (public articles only)."""
        instance = self._help_instance(instance)
        if not instance:
            raise NotFound()
        suffix = f"?instance={instance.code}"
        articles = request.env["cxm.knowledge.article"]._cxm_search(str(q or "")[:200], limit=10)
        rows = [
            {
                "id": a.id,
                "name": a.name,
                "url": f"{a.get_base_url()}{a.website_url}{suffix}",
                "summary": a._cxm_summary(),
            }
            for a in articles
        ]
        response = request.make_json_response(rows)
        return self._help_cors(response, instance)

    @http.route("/help/embed.js", type="http", auth="public", methods=["GET"], readonly=True)
    def help_embed_script(self, instance=None, **_kw):
        """The script a website includes to embed its help centre (generated per instance)."""
        instance = self._help_instance(instance)
        if not instance:
            raise NotFound()
        base = request.httprequest.host_url.rstrip("/")
        script = EMBED_SCRIPT.replace("__BASE__", json.dumps(base)).replace("__CODE__", json.dumps(instance.code))
        headers = [("Content-Type", "text/javascript; charset=utf-8"), ("Cache-Control", "public, max-age=300")]
        return request.make_response(script, headers)

    @http.route("/help/sso", type="http", auth="public", methods=["GET"], website=True)
    def help_sso(self, instance=None, token=None, **_kw):
        """Single sign-on from a host site. Authentication: the HS256 token itself (signed with the
        instance's secret, short-lived, one-time jti); rate-limited per client address and instance."""
        instance = self._help_instance(instance)
        Intake = request.env["cxm.selfservice.intake"]
        allowed, retry_after = Intake._cxm_rate_check(request.httprequest.remote_addr, instance)
        if not allowed:
            values = self._help_values(instance, message=request.env._("Too many requests: try again in a minute."))
            response = self._help_render("cxm_selfservice.help_message", values, status=429)
            response.headers["Retry-After"] = str(retry_after)
            return response
        if not instance:
            raise NotFound()
        try:
            user = request.env["cxm.selfservice.sso"]._cxm_sign_in(instance, token)
            credential = {"type": "cxm_sso", "login": user.login, "token": token, "instance_id": instance.id}
            request.session.authenticate(request.env, credential)
        except AccessDenied as exc:
            _logger.info("Help centre sign-on refused for instance %s: %s", instance.code, exc)
            values = self._help_values(
                instance, message=request.env._("This sign-in link is not valid: %(reason)s", reason=str(exc))
            )
            return self._help_render("cxm_selfservice.help_message", values, status=401)
        return request.redirect(f"/help?instance={instance.code}", 303)
