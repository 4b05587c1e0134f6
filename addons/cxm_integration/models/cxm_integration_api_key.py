# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import logging
import secrets
import time
from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..tools.signatures import constant_time_equals

_logger = logging.getLogger(__name__)

KEY_PREFIX = "cxm_"
SCOPES = [("all", "All routes"), ("events", "Inbound events"), ("cti", "Call centre (CTI)")]
#: seconds between two writes of ``last_used`` of a key by one worker
TOUCH_EVERY = 60
#: key id: when this worker last wrote its ``last_used`` (time.monotonic())
_TOUCHED = {}


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

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()  # key look-ups are cached per worker (_cxm_lookup)
        return records

    def write(self, vals):
        result = super().write(vals)
        if set(vals) - {"last_used", "name"}:
            self.env.registry.clear_cache()  # e.g. a revoked key must fail at once, in every worker
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

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
    @tools.ormcache("lookup")
    def _cxm_lookup(self, lookup):
        """``(key id, key hash, scope, instance id)`` of the active key with
        this public look-up part, or None. Cached per worker: every request
        with an API key needs it. Creating, changing or deleting a key clears
        the cache of every worker (they check at the start of each request),
        so a revoked key fails from the next request on."""
        self.flush_model(["lookup", "key_hash", "scope", "instance_id", "active"])
        self.env.cr.execute(
            SQL(
                "SELECT id, key_hash, scope, instance_id FROM cxm_integration_api_key WHERE lookup = %s AND active",
                lookup,
            )
        )
        row = self.env.cr.fetchone()
        return tuple(row) if row else None

    @api.model
    def _authenticate(self, key, scope=None):
        """Return the instance a clear API key belongs to, or an empty
        recordset: unknown, revoked, malformed or out-of-scope keys all fail
        alike. The stored SHA-256 of the key is compared in constant time
        (keys are 32 random bytes, so a fast hash is safe); the look-up part
        of the key finds it. Callers get only the instance back."""
        Instance = self.env["cxm.integration.instance"]
        if not key or not isinstance(key, str) or not key.startswith(KEY_PREFIX) or len(key) > 200:
            return Instance
        lookup = key[len(KEY_PREFIX) :].split("_", 1)[0]
        found = self._cxm_lookup(lookup)
        if not found or not constant_time_equals(found[1], self._hash(key)):
            return Instance
        key_id, _key_hash, key_scope, instance_id = found
        if scope and key_scope not in ("all", scope):
            return Instance
        self._cxm_touch(key_id)
        # sudo: the instance the key belongs to (as before: not a request-supplied id); what admitting
        # the call reads next comes from the per-worker cache
        return Instance.sudo().browse(instance_id)._cxm_admission()

    @api.model
    def _cxm_touch(self, key_id):
        """Set ``last_used``, at most about once a minute per key: each worker
        remembers when it last did; the UPDATE skips a row another worker
        has just written, and a concurrent write is kept instead of failing
        this request."""
        now = time.monotonic()
        if _TOUCHED.get(key_id, -TOUCH_EVERY) > now - TOUCH_EVERY:
            return
        _TOUCHED[key_id] = now
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        """UPDATE cxm_integration_api_key SET last_used = now() AT TIME ZONE 'UTC'
                            WHERE id = %s AND (last_used IS NULL OR last_used < now() AT TIME ZONE 'UTC' - %s)""",
                        key_id,
                        timedelta(seconds=TOUCH_EVERY),
                    ),
                    log_exceptions=False,
                )
        except SerializationFailure:
            _logger.debug("last_used of API key %s updated concurrently", key_id)
        self.browse(key_id).invalidate_recordset(["last_used"])
