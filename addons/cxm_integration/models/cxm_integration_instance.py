# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.fields import Domain

SECRET_GROUPS = "cxm_base.group_cxm_integration,cxm_base.group_cxm_manager"  # noqa: S105 (group names, not a password)

KINDS = [
    ("call_center", "Call centre"),
    ("email", "E-mail"),
    ("sms", "SMS"),
    ("whatsapp", "WhatsApp"),
    ("social", "Social / complaint site"),
    ("ecommerce", "E-commerce"),
    ("chat", "Chat / bot"),
    ("website", "Website"),
    ("mobile_app", "Mobile app"),
    ("data_source", "Data source"),
    ("data_target", "Data target"),
]


class CxmIntegrationInstance(models.Model):
    """One connected external system (a call centre, a mailbox, an SMS
    provider account, a website, an ERP...). Every inbound request and
    outbound call of the suite belongs to one instance."""

    _name = "cxm.integration.instance"
    _description = "Integration Instance"
    _inherit = ["mail.thread"]
    _order = "kind, name"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True,
        help="Short technical identifier used in URLs and external keys (e.g. 'pbx-istanbul').",
    )
    kind = fields.Selection(KINDS, required=True, tracking=True)
    provider = fields.Char(
        default="generic",
        required=True,
        help="Supported provider (e.g. 'twilio', 'meta', 'netgsm') or 'generic'.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("failing", "Failing"), ("disabled", "Disabled")],
        default="draft",
        required=True,
        tracking=True,
    )
    active = fields.Boolean(default=True)
    user_id = fields.Many2one(
        "res.users",
        string="Technical User",
        help="User whose access rights apply to what this instance's requests do.",
    )
    base_url = fields.Char(string="Base URL", help="Address of the external system, for outbound calls.")
    note = fields.Text()
    # --- credentials: readable only by the Integration group and managers,
    # shown back in the form as a hint only
    secret = fields.Char(
        groups=SECRET_GROUPS,
        copy=False,
        help="Shared secret of the instance: HMAC key of its signed requests (app secret, auth token...).",
    )
    secret_hint = fields.Char(compute="_compute_secret_hint", string="Stored Secret")
    secret_input = fields.Char(
        string="New Secret",
        compute="_compute_secret_input",
        inverse="_inverse_secret_input",
        groups=SECRET_GROUPS,
        help="Type a new secret to replace the stored one; it is never shown back.",
    )
    outbound_token = fields.Char(groups=SECRET_GROUPS, copy=False, help="Bearer token sent on outbound calls.")
    signature_scheme = fields.Selection(
        [("none", "API key only"), ("generic", "Generic timestamped HMAC"), ("meta", "Meta"), ("twilio", "Twilio")],
        default="none",
        required=True,
        help="How signed inbound requests of this instance are verified.",
    )
    api_key_ids = fields.One2many("cxm.integration.api.key", "instance_id", string="API Keys")
    # --- inbound limits
    rate_limit = fields.Integer(
        string="Inbound Requests per Minute", default=600, help="Above this, requests get HTTP 429. 0: no limit."
    )
    # --- outbox settings
    outbox_max_attempts = fields.Integer(string="Attempts before Dead Letter", default=6)
    outbox_backoff = fields.Integer(string="First Retry Delay (s)", default=30, help="Doubles at each retry.")
    outbox_rate_cap = fields.Integer(string="Outbound Calls per Minute", default=0, help="0: no cap.")
    outbox_window_start = fields.Float(string="Send Window From", help="Hour of day (company time zone); 0-0: always.")
    outbox_window_end = fields.Float(string="Send Window To")
    outbox_timeout = fields.Float(string="Outbound Timeout (s)", default=10.0)
    # --- health over the last 24 hours
    health_calls = fields.Integer(string="Calls (24 h)", compute="_compute_health")
    health_errors = fields.Integer(string="Errors (24 h)", compute="_compute_health")
    health_latency = fields.Integer(string="Avg Latency (ms)", compute="_compute_health")
    health_queue = fields.Integer(string="Queued", compute="_compute_health")
    health_dead = fields.Integer(string="Dead Letters", compute="_compute_health")
    health_last_call = fields.Datetime(string="Last Call", compute="_compute_health")

    _code_company_unique = models.Constraint(
        "UNIQUE(code, company_id)",
        "The code of an integration instance must be unique per company.",
    )

    @api.depends_context("uid")
    def _compute_secret_hint(self):
        values = {rec.id: rec.secret for rec in self.sudo()}  # hint only: last 4 characters
        for rec in self:
            secret = values.get(rec.id)
            rec.secret_hint = (
                ("\u2022" * 8 + secret[-4:]) if secret and len(secret) > 8 else ("\u2022" * 8 if secret else False)
            )

    def _compute_secret_input(self):
        self.secret_input = False

    def _inverse_secret_input(self):
        for rec in self:
            if rec.secret_input:
                rec.secret = rec.secret_input.strip()

    @api.depends_context("uid")
    def _compute_health(self):
        since = fields.Datetime.now() - timedelta(hours=24)
        Log = self.env["cxm.integration.log"].sudo()  # aggregates only, of instances the user can read
        domain = Domain("instance_id", "in", self.ids) & Domain("create_date", ">=", since)
        calls = {
            inst.id: (count, duration, last)
            for inst, count, duration, last in Log._read_group(
                domain, ["instance_id"], ["__count", "duration_ms:avg", "create_date:max"]
            )
        }
        errors = dict(Log._read_group(domain & Domain("state", "=", "error"), ["instance_id"], ["__count"]))
        Outbox = self.env["cxm.integration.outbox"].sudo()
        queue = dict(
            Outbox._read_group(
                Domain("instance_id", "in", self.ids) & Domain("state", "in", ("queued", "retry")),
                ["instance_id"],
                ["__count"],
            )
        )
        dead = dict(
            Outbox._read_group(
                Domain("instance_id", "in", self.ids) & Domain("state", "=", "dead"), ["instance_id"], ["__count"]
            )
        )
        for rec in self:
            count, duration, last = calls.get(rec.id, (0, 0, False))
            rec.health_calls = count
            rec.health_latency = round(duration or 0)
            rec.health_last_call = last
            rec.health_errors = errors.get(rec, 0)
            rec.health_queue = queue.get(rec, 0)
            rec.health_dead = dead.get(rec, 0)

    #: fields that per-worker caches of instance look-ups depend on (e.g. the
    #: source of the continuous upsert, resolved by code; the admission of an
    #: API call, ``_cxm_admission``): changing one clears them
    CACHED_FIELDS = frozenset({"code", "company_id", "state", "active", "rate_limit", "user_id"})
    #: what admitting an inbound call reads (``_cxm_admission``), in this order
    ADMISSION_FIELDS = ("active", "state", "rate_limit", "user_id", "company_id")

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()  # a new code may now resolve for a caller
        return records

    def write(self, vals):
        result = super().write(vals)
        if self.CACHED_FIELDS.intersection(vals):
            self.env.registry.clear_cache()  # e.g. a disabled instance is refused at once, in every worker
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.constrains("rate_limit", "outbox_max_attempts", "outbox_backoff", "outbox_rate_cap", "outbox_timeout")
    def _check_limits(self):
        for rec in self:
            if min(rec.rate_limit, rec.outbox_rate_cap, rec.outbox_backoff) < 0:
                raise ValidationError(self.env._("Limits and delays cannot be negative."))
            if rec.outbox_max_attempts < 1:
                raise ValidationError(self.env._("An outbound message needs at least one attempt."))
            if not 0 < rec.outbox_timeout <= 120:
                raise ValidationError(self.env._("The outbound timeout must be between 0 and 120 seconds."))

    @api.constrains("outbox_window_start", "outbox_window_end")
    def _check_window(self):
        for rec in self:
            if not (0 <= rec.outbox_window_start < 24 and 0 <= rec.outbox_window_end < 24):
                raise ValidationError(self.env._("The send window hours must be between 0 and 24."))

    def action_disable(self):
        self.write({"state": "disabled"})

    def action_activate(self):
        self.write({"state": "active"})

    def action_view_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("cxm_integration.cxm_integration_log_action")
        action["domain"] = [("instance_id", "=", self.id)]
        action["context"] = {"search_default_filter_24h": 1}
        return action

    def action_view_dead_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("cxm_integration.cxm_integration_outbox_action")
        action["domain"] = [("instance_id", "=", self.id), ("state", "=", "dead")]
        return action

    def action_requeue_dead(self):
        dead = self.env["cxm.integration.outbox"].search([("instance_id", "in", self.ids), ("state", "=", "dead")])
        dead.action_requeue()
        return True

    def action_generate_api_key(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Generate API key for %(instance)s", instance=self.name),
            "res_model": "cxm.integration.api.key.generate",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_instance_id": self.id},
        }

    @api.model
    @tools.ormcache("instance_id")
    def _cxm_admission_values(self, instance_id):
        """Values of ``ADMISSION_FIELDS`` of an instance, cached per worker:
        every inbound API call reads them. Changing one of them (or creating
        or deleting an instance) clears the caches of every worker, so a
        disabled instance, a new limit or another technical user applies from
        the next request on."""
        # sudo: the instance an API key or webhook key resolved to, not a request-supplied id
        instance = self.sudo().browse(instance_id)
        return tuple(
            instance[name].id if name in ("user_id", "company_id") else instance[name] for name in self.ADMISSION_FIELDS
        )

    def _cxm_admission(self):
        """This instance with the fields that admitting an inbound call reads
        (state, limit, technical user, company) loaded from the per-worker
        cache: no query for them in the request."""
        self.ensure_one()
        for name, value in zip(self.ADMISSION_FIELDS, self._cxm_admission_values(self.id), strict=True):
            self._fields[name]._insert_cache(self, [value])
        return self

    def _accepts_requests(self):
        """Inbound requests are served for draft (being set up), active and failing instances."""
        self.ensure_one()
        return self.active and self.state != "disabled"

    def _verify_signature(self, body, headers, url=None, params=None):
        """Check the signature of an inbound request with the instance's
        scheme. Return ``None`` when valid, else a short reason."""
        from ..tools import signatures

        self.ensure_one()
        secret = self.sudo().secret  # the secret never leaves this method
        scheme = self.signature_scheme
        if scheme == "none":
            return None
        if not secret:
            return "no secret configured"
        if scheme == "meta":
            return (
                None
                if signatures.meta_signature_valid(secret, body, headers.get("X-Hub-Signature-256"))
                else "mismatch"
            )
        if scheme == "twilio":
            ok = signatures.twilio_signature_valid(secret, url or "", params or {}, headers.get("X-Twilio-Signature"))
            return None if ok else "mismatch"
        return signatures.generic_signature_check(
            secret, headers.get("X-CXM-Timestamp"), body, headers.get("X-CXM-Signature")
        )
