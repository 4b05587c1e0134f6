# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import logging
import secrets
from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.signatures import constant_time_equals

_logger = logging.getLogger(__name__)

KEY_PREFIX = "cxm_"
SCOPES = [("all", "All routes"), ("events", "Inbound events"), ("cti", "Call centre (CTI)")]


class CxmIntegrationApiKey(models.Model):
    """An API key of one integration instance. Only a SHA-256 hash of the key
    is stored (keys are 32 random bytes, so a fast hash is safe); the key
    itself is shown once, when it is generated."""

    _name = "cxm.integration.api.key"
    _description = "Integration API Key"
    _order = "id desc"

    name = fields.Char(required=True, help="What this key is used for, e.g. 'PBX production'.")
    instance_id = fields.Many2one("cxm.integration.instance", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="instance_id.company_id", store=True)
    scope = fields.Selection(SCOPES, required=True, default="all")
    lookup = fields.Char(required=True, readonly=True, index=True, help="Public part of the key, used to find it.")
    key_hash = fields.Char(required=True, readonly=True, groups="base.group_system")
    active = fields.Boolean(default=True)
    revoked_date = fields.Datetime(readonly=True)
    last_used = fields.Datetime(readonly=True)

    _lookup_unique = models.Constraint("UNIQUE(lookup)", "API key look-up parts must be unique.")

    @api.model
    def _hash(self, key):
        return hashlib.sha256(key.encode()).hexdigest()

    @api.model
    def _generate(self, instance, name, scope="all"):
        """Create a key for ``instance`` and return ``(record, clear key)``;
        the clear key is never stored."""
        lookup = secrets.token_hex(6)
        key = f"{KEY_PREFIX}{lookup}_{secrets.token_urlsafe(32)}"
        record = self.create(
            {"name": name, "instance_id": instance.id, "scope": scope, "lookup": lookup, "key_hash": self._hash(key)}
        )
        return record, key

    def action_revoke(self):
        self.write({"active": False, "revoked_date": fields.Datetime.now()})

    @api.model
    def _authenticate(self, key, scope=None):
        """Return the instance a clear API key belongs to, or an empty
        recordset: unknown, revoked, malformed or out-of-scope keys all fail
        alike. Runs as superuser (a key is a credential, not a record id);
        callers get only the instance back."""
        Instance = self.env["cxm.integration.instance"]
        if not key or not isinstance(key, str) or not key.startswith(KEY_PREFIX) or len(key) > 200:
            return Instance
        lookup = key[len(KEY_PREFIX) :].split("_", 1)[0]
        record = self.sudo().with_context(active_test=True).search([("lookup", "=", lookup)], limit=1)
        if not record or not constant_time_equals(record.key_hash, self._hash(key)):
            return Instance
        if scope and record.scope not in ("all", scope):
            return Instance
        now = fields.Datetime.now()
        if not record.last_used or record.last_used < now - timedelta(minutes=1):
            # at most one write a minute per key; when a concurrent request
            # just wrote it, keep theirs instead of failing this request
            try:
                with self.env.cr.savepoint(flush=False):
                    self.env.cr.execute(
                        SQL("UPDATE cxm_integration_api_key SET last_used = %s WHERE id = %s", now, record.id),
                        log_exceptions=False,
                    )
            except SerializationFailure:
                _logger.debug("last_used of API key %s updated concurrently", record.id)
            record.invalidate_recordset(["last_used"])
        return record.instance_id
