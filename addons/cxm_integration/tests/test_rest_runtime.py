# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The REST API's runtime: the app run in the request thread, and the rate
counters on their own autocommit connection."""

import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import psycopg2
from fastapi import FastAPI, Request

from odoo.sql_db import connection_info_for
from odoo.tests import BaseCase, TransactionCase
from odoo.tools import SQL

from ..fastapi_dispatcher import run_asgi
from ..models import cxm_integration_rate_bucket as buckets


def _environ(body=b"", method="POST", path="/echo"):
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "a=1",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_X_API_KEY": "k",
        "REMOTE_ADDR": "10.1.2.3",
        "REMOTE_PORT": "5555",
        "wsgi.input": BytesIO(body),
        "wsgi.url_scheme": "http",
    }


class TestRunInThread(BaseCase):
    def setUp(self):
        super().setUp()
        app = FastAPI()

        @app.post("/echo")
        async def echo(request: Request):
            return {
                "body": json.loads(await request.body()),
                "key": request.headers.get("x-api-key"),
                "client": request.client.host,
                "query": dict(request.query_params),
            }

        @app.post("/boom")
        async def boom():
            raise LookupError("boom")

        self.app = app

    def test_request_and_answer_as_sent(self):
        body = json.dumps({"records": [{"name": "Ayşe"}]}).encode()
        status, headers, answer = run_asgi(self.app, _environ(body))
        self.assertEqual(status, 200)
        self.assertIn(("content-type", "application/json"), headers)
        self.assertEqual(
            json.loads(answer),
            {"body": {"records": [{"name": "Ayşe"}]}, "key": "k", "client": "10.1.2.3", "query": {"a": "1"}},
        )
        # the thread's event loop serves the next request too
        self.assertEqual(run_asgi(self.app, _environ(b"[]"))[0], 200)

    def test_concurrent_request_threads(self):
        # threaded servers run each connection in a thread of its own: every one gets its own answer
        bodies = [json.dumps({"n": n}).encode() for n in range(8)]
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(lambda body: run_asgi(self.app, _environ(body)), bodies))
        self.assertEqual([json.loads(a[2])["body"]["n"] for a in answers], list(range(8)))

    def test_an_error_of_the_app_is_raised_to_odoo(self):
        # raised as upstream raises it: Odoo retries serialisation failures and answers the rest
        with self.assertRaises(LookupError):
            run_asgi(self.app, _environ(b"{}", path="/boom"))


class TestCounterConnection(TransactionCase):
    def _hit(self, key):
        query = SQL(
            """INSERT INTO cxm_integration_rate_bucket (key, window_start, hits) VALUES (%s, 0, 1)
               ON CONFLICT (key, window_start) DO UPDATE SET hits = cxm_integration_rate_bucket.hits + 1
               RETURNING hits""",
            key,
        )
        return buckets._counter_execute(self.env.cr.dbname, query)[0][0]

    def test_counts_committed_at_once_and_survive_a_lost_connection(self):
        key = f"test:{uuid.uuid4().hex}"
        self.addCleanup(
            buckets._counter_execute,
            self.env.cr.dbname,
            SQL("DELETE FROM cxm_integration_rate_bucket WHERE key = %s", key),
        )
        self.assertEqual([self._hit(key), self._hit(key)], [1, 2])
        # committed: another connection sees the count, whatever the request's transaction does
        other = psycopg2.connect(**connection_info_for(self.env.cr.dbname)[1])
        try:
            with other.cursor() as cr:
                cr.execute("SELECT hits FROM cxm_integration_rate_bucket WHERE key = %s", [key])
                self.assertEqual(cr.fetchone(), (2,))
        finally:
            other.close()
        cnx = buckets._counter_connection(self.env.cr.dbname)
        buckets._counter_release(self.env.cr.dbname, cnx)
        self.assertTrue(cnx.autocommit)
        # the connection is lost (server restart, terminated backend): the next count opens a new one
        self.env.cr.execute(SQL("SELECT pg_terminate_backend(%s)", cnx.get_backend_pid()))
        self.assertEqual(self._hit(key), 3)
        self.assertTrue(cnx.closed)
