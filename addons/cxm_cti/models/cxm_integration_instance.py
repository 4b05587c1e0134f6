# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
import time
from urllib.parse import urlencode

from odoo import fields, models

from odoo.addons.cxm_integration.models.cxm_integration_instance import SECRET_GROUPS
from odoo.addons.cxm_integration.tools.signatures import constant_time_equals

POP_WINDOW = 300


def pop_signature(secret, caller_id, call_id, agent_id, ts):
    """HMAC of a screen-pop URL: hex HMAC-SHA256 of
    ``caller_id|call_id|agent_id|ts`` with the instance secret."""
    import hashlib
    import hmac

    message = f"{caller_id}|{call_id}|{agent_id}|{ts}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class CxmIntegrationInstance(models.Model):
    _inherit = "cxm.integration.instance"

    cti_token = fields.Char(
        string="Screen-pop Token",
        groups=SECRET_GROUPS,
        copy=False,
        help="Static token the call-centre software may add to pop URLs (token=...). "
        "Prefer signed URLs (ts + sig) when the software can compute an HMAC.",
    )
    cti_agent_ids = fields.One2many("cxm.cti.agent", "instance_id", string="Agent Mapping")
    cti_call_count = fields.Integer(compute="_compute_cti_call_count", string="Calls")

    def _compute_cti_call_count(self):
        counts = dict(
            self.env["cxm.cti.call"]._read_group([("instance_id", "in", self.ids)], ["instance_id"], ["__count"])
        )
        for rec in self:
            rec.cti_call_count = counts.get(rec, 0)

    def action_cti_new_token(self):
        self.ensure_one()
        self.check_access("write")
        self.sudo().cti_token = secrets.token_urlsafe(24)  # write-only field: the manager checked above
        return True

    def _cti_check_pop(self, caller_id, call_id, agent_id, *, token=None, ts=None, sig=None, now=None):
        """Authenticate a screen-pop URL. Return ``None`` or the reason of refusal."""
        self.ensure_one()
        creds = self.sudo()  # secrets are compared here and never returned
        if token:
            return None if constant_time_equals(creds.cti_token, token) else "invalid token"
        if not (ts and sig):
            return "token or signature (ts, sig) required"
        try:
            ts_int = int(ts)
        except (TypeError, ValueError):
            return "invalid timestamp"
        now = time.time() if now is None else now
        if abs(now - ts_int) > POP_WINDOW:
            return "expired signature"
        if not creds.secret:
            return "no secret configured"
        expected = pop_signature(creds.secret, caller_id, call_id, agent_id, ts_int)
        return None if constant_time_equals(expected, sig) else "invalid signature"

    def _cti_signed_pop_url(self, caller_id, call_id, agent_id):
        """Relative screen-pop URL signed with the instance secret (demo and tests)."""
        self.ensure_one()
        ts = int(time.time())
        sig = pop_signature(self.sudo().secret, caller_id, call_id, agent_id, ts)
        query = {"instance": self.code, "caller_id": caller_id, "call_id": call_id, "agent_id": agent_id}
        return "/cxm/cti/pop?" + urlencode({**query, "ts": ts, "sig": sig})

    def action_cti_simulate_call(self):
        """Demo: ring the logged-in agent with a call from a random customer of the company."""
        self.ensure_one()
        self.check_access("write")
        partner = self.env["res.partner"].search(
            [("phone", "!=", False), ("company_id", "in", [False, self.company_id.id])], limit=1, order="id desc"
        )
        agent = self.cti_agent_ids.filtered(lambda a: a.user_id == self.env.user)[:1]
        url = self._cti_signed_pop_url(
            partner.phone or "+90 212 555 00 00", f"sim-{secrets.token_hex(4)}", agent.agent_code or ""
        )
        return {"type": "ir.actions.act_url", "url": url, "target": "self"}

    def action_view_cti_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("cxm_cti.cxm_cti_call_action")
        action["domain"] = [("instance_id", "=", self.id)]
        return action
