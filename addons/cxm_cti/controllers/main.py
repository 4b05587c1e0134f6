# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import time

from odoo import http
from odoo.http import request

from odoo.addons.cxm_integration.tools.masking import mask_text

PARAM_RE = re.compile(r"^[\w+\-.:@ ()/#*]{1,64}$")
POP_LIMIT_PER_MINUTE = 120


class CtiController(http.Controller):
    def _refuse(self, instance, status, error, detail, *, field=None, started=None, params=None):
        request.env["cxm.integration.log"]._record(
            instance,
            "in",
            "/cxm/cti/pop",
            status,
            (time.monotonic() - (started or time.monotonic())) * 1000,
            request=mask_text(str(params or {})),
            error=detail,
            method="GET",
        )
        return request.make_json_response({"error": error, "field": field, "detail": detail}, status=status)

    @http.route("/cxm/cti/pop", type="http", auth="user", methods=["GET"], readonly=False)
    def pop(self, **params):
        """Screen-pop URL opened by the call-centre software in the agent's browser.

        Authentication: the agent's own Odoo session (``auth="user"``: the
        pop-up always runs as the logged-in user) AND the instance's static
        token or an HMAC (``ts``, ``sig``) of ``caller_id|call_id|agent_id|ts``
        with a 5-minute window. ``agent_id`` is only recorded; it never
        changes who acts."""
        started = time.monotonic()
        ctx = {"started": started, "params": params}
        env = request.env
        allowed, retry_after = env["cxm.integration.rate.bucket"]._hit(f"pop:{env.uid}", POP_LIMIT_PER_MINUTE)
        if not allowed:
            response = self._refuse(None, 429, "rate_limited", env._("Too many screen-pops."), **ctx)
            response.headers["Retry-After"] = str(retry_after)
            return response
        for name in ("instance", "caller_id", "call_id"):
            value = params.get(name)
            if not value or not isinstance(value, str) or not PARAM_RE.match(value):
                return self._refuse(
                    None,
                    400,
                    "invalid",
                    env._("Parameter %(name)s is missing or malformed.", name=name),
                    field=name,
                    **ctx,
                )
        agent_id = params.get("agent_id") or ""
        if agent_id and not PARAM_RE.match(agent_id):
            return self._refuse(
                None, 400, "invalid", env._("Parameter agent_id is malformed."), field="agent_id", **ctx
            )
        # the instance is searched as the user: other companies' call centres stay invisible
        instance = env["cxm.integration.instance"].search(
            [("code", "=", params["instance"]), ("kind", "=", "call_center")], limit=1
        )
        if not instance:
            return self._refuse(None, 404, "unknown_instance", env._("Unknown call centre."), field="instance", **ctx)
        if not instance._accepts_requests():
            return self._refuse(instance, 403, "disabled", env._("This call centre is disabled."), **ctx)
        reason = instance._cti_check_pop(
            params["caller_id"],
            params["call_id"],
            agent_id,
            token=params.get("token"),
            ts=params.get("ts"),
            sig=params.get("sig"),
        )
        if reason:
            return self._refuse(instance, 401, "unauthorized", reason.capitalize() + ".", **ctx)
        call = env["cxm.cti.call"]._cti_register(instance, params["call_id"], params["caller_id"], agent_id or None)
        if not call.user_id:
            call.user_id = env.user  # who took the call: the logged-in user, never the AgentID
        env["cxm.integration.log"]._record(
            instance,
            "in",
            "/cxm/cti/pop",
            303,
            (time.monotonic() - started) * 1000,
            request=mask_text(str({k: v for k, v in params.items() if k not in ("token", "sig")})),
            method="GET",
            external_id=params["call_id"],
        )
        return request.redirect(f"/odoo/action-cxm_cti.cxm_cti_call_action/{call.id}", local=True)
