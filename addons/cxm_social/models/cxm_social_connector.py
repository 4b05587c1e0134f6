# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
import time

import requests

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import connector

_logger = logging.getLogger(__name__)

MAX_COMPLAINTS = 500


class CxmSocialConnector(models.AbstractModel):
    """Complaint-site connector (Şikayetvar): polling with a resumable cursor, and the intake of polled or
    pushed complaints. New complaints go to the conversation layer (one ticket each, the author found or
    created by the identity look-up); a complaint seen again with a new public state or rating updates its
    ticket, once per change."""

    _name = "cxm.social.connector"
    _description = "Complaint-site connector"

    @api.model
    def _cxm_cron_poll(self):
        """Scheduled action: poll every active instance that polls complaints."""
        instances = self.env["cxm.integration.instance"].search(
            [("kind", "=", "social"), ("cxm_social_poll", "=", True), ("state", "in", ("draft", "active", "failing"))]
        )
        for instance in instances:
            self._cxm_poll(instance)
            self.env["ir.cron"]._commit_progress(1)

    @api.model
    def _cxm_poll(self, instance):
        """Fetch the complaints published since the instance's cursor, page by page. Each page is handed
        over and the cursor saved before the next one (committed), so a failure resumes where it stopped.
        Return the number of complaints read."""
        config = instance._cxm_social_connector_config()
        poll = config["poll"]
        headers = instance._cxm_social_auth_headers({"Accept": "application/json"}, config.get("auth") or {})
        url = (instance.base_url or "").rstrip("/") + "/" + poll["path"].lstrip("/")
        total = 0
        for _page in range(int(poll.get("max_pages") or 20)):
            params = {poll.get("limit_param") or "limit": poll.get("limit") or 50}
            if instance.cxm_social_cursor:
                params[poll.get("cursor_param") or "cursor"] = instance.cxm_social_cursor
            started = time.monotonic()
            status, body, error = 0, None, None
            try:
                response = requests.request(
                    poll.get("method") or "GET", url, params=params, headers=headers, timeout=instance.outbox_timeout
                )
                status, body = response.status_code, response.text
                if status >= 400:
                    error = f"HTTP {status}"
            except requests.RequestException as exc:
                error = f"connection error: {exc.__class__.__name__}"
            self.env["cxm.integration.log"]._record(
                instance,
                "out",
                url,
                status,
                (time.monotonic() - started) * 1000,
                request=str(params),
                response=body,
                error=error,
                method=poll.get("method") or "GET",
            )
            data = self.env["cxm.channel.adapter"]._cxm_json(body) if not error else {}
            page = connector.dig(data, poll["items"]) if data else None
            if error or not isinstance(page, list):
                error = error or "the answer has no list of complaints"
                instance.write({"cxm_social_last_poll": fields.Datetime.now(), "cxm_social_last_poll_error": error})
                _logger.info("Complaint poll of %s stopped: %s", instance.code, error)
                break
            self._cxm_intake(instance, page, config)
            total += len(page)
            cursor = connector.dig(data, poll.get("next_cursor") or "")
            values = {"cxm_social_last_poll": fields.Datetime.now(), "cxm_social_last_poll_error": False}
            if cursor not in (None, ""):
                values["cxm_social_cursor"] = str(cursor)[:255]
            instance.write(values)
            self.env["ir.cron"]._commit_progress(len(page))
            if not page or cursor in (None, "") or str(cursor) == str(params.get(poll.get("cursor_param") or "cursor")):
                break
        return total

    @api.model
    def _cxm_intake(self, instance, complaints, config=None):
        """Hand raw complaints of the site (polled or pushed) to the conversation layer and apply state
        changes of known ones. Raise ``ValueError`` for a malformed complaint (nothing recorded). Return
        ``{"accepted", "duplicates", "updated"}``."""
        config = config or instance._cxm_social_connector_config()
        if len(complaints) > MAX_COMPLAINTS:
            raise ValueError(f"at most {MAX_COMPLAINTS} complaints per call")
        mapped = [connector.map_complaint(config, raw) for raw in complaints]
        items = [
            {
                "external_id": c["id"],
                "address": f"sikayetvar:{c['handle']}",
                "name": c["name"] or c["handle"],
                "text": c["text"],
                "kind": "complaint",
                "timestamp": c["created"],
                "hints": {k: c[k] for k in ("email", "phone") if c[k]},
                "extra": {
                    "platform": "sikayetvar",
                    "type": "complaint",
                    "url": c["url"],
                    "public": True,
                    "handle": c["handle"],
                    "state": c["state"],
                    "rating": c["rating"],
                },
            }
            for c in mapped
        ]
        results = instance._cxm_channel_receive(items)
        answer = {"accepted": 0, "duplicates": 0, "updated": 0}
        Ledger = self.env["cxm.integration.event"].sudo()  # the instance's ledger
        for complaint, result in zip(mapped, results, strict=True):
            if result["status"] == "accepted":
                answer["accepted"] += 1
                # its first state comes with the message: seeing it again changes nothing
                Ledger._claim(instance, self._cxm_state_key(complaint), "complaint_state")
                continue
            answer["duplicates"] += 1
            answer["updated"] += self._cxm_update(instance, complaint)
        return answer

    @api.model
    def _cxm_state_key(self, complaint):
        return f"state:{complaint['id']}:{complaint['state']}:{complaint['rating']}"[:255]

    @api.model
    def _cxm_update(self, instance, complaint):
        """Apply a known complaint's public state and rating to its ticket, once per (state, rating)."""
        Ledger = self.env["cxm.integration.event"].sudo()  # the instance's ledger
        event, first = Ledger._claim(instance, self._cxm_state_key(complaint), "complaint_state")
        if not first:
            return 0
        message = (
            self.env["cxm.channel.message"]
            .sudo()
            .search(
                [("instance_id", "=", instance.id), ("direction", "=", "in"), ("external_id", "=", complaint["id"])],
                limit=1,
            )
        )
        values = {"cxm_social_public_state": complaint["state"]}
        if complaint["rating"] is not None:
            values["cxm_social_rating"] = str(complaint["rating"])
        if message.ticket_id:
            message.ticket_id.write(values)
        elif message:  # not on its ticket yet: the intake job copies it from the message
            payload = message._cxm_payload()
            payload.setdefault("extra", {}).update(state=complaint["state"], rating=complaint["rating"])
            message.payload = json.dumps(payload)
        event._set_result({"state": complaint["state"], "rating": complaint["rating"]})
        return 1

    # ------------------------------------------------------------------ demo
    @api.model
    def _cxm_public_complaint_process(self, first_answer_hours=2):
        """A process for public complaints, made from the complaint template: the first status (a public
        answer is due) has its own SLA of ``first_answer_hours``; a category routes to it. Return
        ``(process, category)``."""
        template = self.env.ref("cxm_process.template_complaint")
        process = template._cxm_copy_from_template(self.env._("Public complaint"))
        first = process._cxm_initial_status()
        if not first:
            raise UserError(self.env._("The complaint template has no status."))
        first.sla_hours = first_answer_hours
        process.action_activate()
        category = self.env["helpdesk.ticket.category"].create({"name": self.env._("Public complaint")})
        self.env["cxm.helpdesk.routing.rule"].create(
            {"name": self.env._("Public complaints"), "category_id": category.id, "process_id": process.id}
        )
        return process, category

    @api.model
    def _cxm_demo_setup(self, instance_xmlid):
        """Demo data: the public-complaint process routed from the demo Şikayetvar instance's category."""
        _process, category = self._cxm_public_complaint_process()
        self.env.ref(instance_xmlid).cxm_category_id = category
