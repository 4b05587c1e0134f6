# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time

from odoo import api, fields, models
from odoo.sql_db import Cursor
from odoo.tools import SQL


class CxmIntegrationRateBucket(models.Model):
    """Fixed-window request counters kept in PostgreSQL, so a limit holds
    across every worker and server of the cluster."""

    _name = "cxm.integration.rate.bucket"
    _description = "Integration Rate Limit Counter"
    _log_access = False

    key = fields.Char(required=True)
    window_start = fields.Integer(required=True, help="Unix time of the window start.")
    hits = fields.Integer(required=True, default=0)

    _key_window_unique = models.Constraint("UNIQUE(key, window_start)", "One counter per key and window.")

    @api.model
    def _hit(self, key, limit, window=60, now=None):
        """Count one hit for ``key``; return ``(allowed, retry_after_seconds)``.

        The counter is incremented in its own short READ COMMITTED transaction,
        committed at once: it counts whatever happens to the request, and
        concurrent workers serialise on the row instead of failing."""
        if not limit or limit <= 0:
            return True, 0
        now = time.time() if now is None else now
        start = int(now // window * window)
        query = SQL(
            """
            INSERT INTO cxm_integration_rate_bucket (key, window_start, hits) VALUES (%s, %s, 1)
            ON CONFLICT (key, window_start) DO UPDATE SET hits = cxm_integration_rate_bucket.hits + 1
            RETURNING hits
            """,
            key,
            start,
        )
        hits = self._autonomous_execute(query)[0][0]
        if hits > limit:
            return False, max(1, int(start + window - now) + 1)
        return True, 0

    @api.model
    def _autonomous_execute(self, query):
        """Run ``query`` in its own short READ COMMITTED transaction, committed
        at once (counters and last-used times that concurrent requests update:
        they wait on the row instead of failing with a serialization error).
        Browser and HTTP tests share one test transaction: run it there."""
        if isinstance(self.env.cr, Cursor):
            with self.env.registry.cursor() as cr:
                cr.execute(SQL("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))
                cr.execute(query)
                return cr.fetchall() if cr.description else []
        self.env.cr.execute(query)
        return self.env.cr.fetchall() if self.env.cr.description else []

    @api.model
    def _count(self, key, window=60, now=None):
        now = time.time() if now is None else now
        start = int(now // window * window)
        self.env.cr.execute(
            SQL("SELECT hits FROM cxm_integration_rate_bucket WHERE key = %s AND window_start = %s", key, start)
        )
        row = self.env.cr.fetchone()
        return row[0] if row else 0

    @api.model
    def _gc(self, older_than=3600):
        self.env.cr.execute(
            SQL("DELETE FROM cxm_integration_rate_bucket WHERE window_start < %s", int(time.time()) - older_than)
        )
