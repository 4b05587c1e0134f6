# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import threading
import time

import psycopg2

from odoo import api, fields, models
from odoo.modules import module
from odoo.sql_db import Cursor, connection_info_for
from odoo.tools import SQL

#: {(process id, database): idle autocommit connections of the rate counters}
_IDLE = {}
_IDLE_LOCK = threading.Lock()
#: idle counter connections kept per process and database (threaded servers run requests in many threads)
MAX_IDLE = 4


def _counter_connection(dbname):
    """An idle connection to ``dbname`` for the counters, or a new one:
    autocommit (each statement is its own READ COMMITTED transaction,
    committed at once, so a count stays whatever happens to the request),
    commits without waiting for the disk (``synchronous_commit off``: a crash
    may forget the last fraction of a second of counts, which a rate limit
    can afford). Connections of their own, kept open: a cursor from Odoo's
    pool costs four round trips (reset, BEGIN, the statement, COMMIT)
    instead of one. Hand it back with ``_counter_release``."""
    key = (os.getpid(), dbname)  # never a connection inherited from a parent process
    with _IDLE_LOCK:
        idle = _IDLE.get(key)
        while idle:
            cnx = idle.pop()
            if not cnx.closed:
                return cnx
    cnx = psycopg2.connect(**connection_info_for(dbname)[1])
    cnx.autocommit = True
    with cnx.cursor() as cr:
        cr.execute(
            "SET synchronous_commit TO OFF; SET default_transaction_isolation TO 'read committed';"
            " SET lock_timeout TO '10s'"
        )
    return cnx


def _counter_release(dbname, cnx):
    if cnx.closed:
        return
    with _IDLE_LOCK:
        idle = _IDLE.setdefault((os.getpid(), dbname), [])
        if len(idle) < MAX_IDLE:
            idle.append(cnx)
            return
    cnx.close()


def _counter_execute(dbname, query):
    """Run ``query`` (an ``SQL``) alone, committed at once, on a counter
    connection; return its rows. A connection that was lost (server
    restart, database dropped and re-created) is replaced once."""
    for attempt in (1, 2):
        cnx = _counter_connection(dbname)
        try:
            with cnx.cursor() as cr:
                cr.execute(query.code, query.params)
                return cr.fetchall() if cr.description else []
        except (psycopg2.InterfaceError, psycopg2.OperationalError) as exc:
            # connection exceptions (08) and shutdowns (57P): the statement did not count; others are raised
            lost = cnx.closed or (exc.pgcode or "").startswith(("08", "57P"))
            if lost:
                cnx.close()
            if attempt == 2 or not lost:
                raise
        finally:
            _counter_release(dbname, cnx)
    return []


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
        allowed, retry_after, _refused = self._hit_chain([(key, limit)], window=window, now=now)
        return allowed, retry_after

    @api.model
    def _hit_chain(self, hits, window=60, now=None):
        """Count one hit for each ``(key, limit)`` of ``hits`` in order, all in
        one statement and one short transaction; a key is only counted when
        the ones before it were within their limit (a request refused by its
        client-address limit does not use up its instance's budget). A limit
        of 0 means no limit (nothing counted).

        Return ``(allowed, retry_after_seconds, index of the refusing key or
        None)``."""
        now = time.time() if now is None else now
        start = int(now // window * window)
        chain = [(index, key, limit) for index, (key, limit) in enumerate(hits) if limit and limit > 0]
        if not chain:
            return True, 0, None
        ctes, previous = [], None
        for step, (_index, key, limit) in enumerate(chain):
            name = SQL.identifier(f"h{step}")
            source = (
                SQL("VALUES (%s, %s, 1)", key, start)
                if previous is None
                else SQL("SELECT %s, %s, 1 WHERE (SELECT hits FROM %s) <= %s", key, start, previous[0], previous[1])
            )
            ctes.append(
                SQL(
                    """%s AS (INSERT INTO cxm_integration_rate_bucket (key, window_start, hits) %s
                       ON CONFLICT (key, window_start) DO UPDATE SET hits = cxm_integration_rate_bucket.hits + 1
                       RETURNING hits)""",
                    name,
                    source,
                )
            )
            previous = (name, limit)
        query = SQL(
            "WITH %s SELECT %s",
            SQL(", ").join(ctes),
            SQL(", ").join(SQL("(SELECT hits FROM %s)", SQL.identifier(f"h{step}")) for step in range(len(chain))),
        )
        counts = self._autonomous_execute(query)[0]
        for (index, _key, limit), count in zip(chain, counts, strict=True):
            if count is not None and count > limit:
                return False, max(1, int(start + window - now) + 1), index
        return True, 0, None

    @api.model
    def _autonomous_execute(self, query):
        """Run ``query`` in its own short READ COMMITTED transaction, committed
        at once (counters and last-used times that concurrent requests update:
        they wait on the row instead of failing with a serialization error).
        It runs on a counter connection of this process, in autocommit
        (one round trip, see ``_counter_execute``). Tests run it in their
        own transaction (browser and HTTP tests share one test transaction)."""
        if isinstance(self.env.cr, Cursor) and not module.current_test:
            return _counter_execute(self.env.cr.dbname, query)
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
