# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""FastAPI requests served in the request's own thread, one app per endpoint.

OCA ``fastapi`` (19.0.1.2.0) runs each request through ``a2wsgi``: the
request thread hands the app to an event loop running in another thread and
the two threads take turns for every ASGI message (start, body, response
head, response body, end), five or more thread switches per request; a plain
``def`` route adds a third thread (Starlette's thread pool) twice. Under
load, on few cores, these switches cost more than a small request itself.
This dispatcher (it replaces the ``fastapi`` one, and behaves the same
otherwise) runs the app to completion on an event loop in the request
thread (loops are pooled per process): the body is already read (Odoo buffers it), the response is
collected whole, as upstream does, and an exception of the app is raised
here, as upstream raises it, for Odoo's retrying and error handling.

It also pools apps by the endpoint's root path, not by the full request path:
upstream builds a new app (about 30 ms) for every distinct URL of a REST
resource (``/cxm/api/v1/field-service/FS-1001``, ``.../FS-1002``, ...) and
keeps it for the life of the worker."""

import asyncio
import os
import queue
from contextlib import contextmanager
from io import BytesIO

from a2wsgi.asgi import build_scope

from odoo.http import request

from odoo.addons.fastapi.fastapi_dispatcher import FastApiDispatcher
from odoo.addons.fastapi.pools import fastapi_app_pool

#: idle event loops of this process: a request takes one and gives it back (threaded servers start a thread
#: per connection: a loop per thread would be left behind with each of them)
_IDLE_LOOPS = queue.SimpleQueue()


@contextmanager
def _event_loop():
    loop = None
    while loop is None:
        try:
            pid, loop = _IDLE_LOOPS.get_nowait()
        except queue.Empty:
            pid, loop = os.getpid(), asyncio.new_event_loop()
        if pid != os.getpid() or loop.is_closed():
            loop = None  # never a loop inherited from a parent process
    try:
        yield loop
    finally:
        if not loop.is_closed():
            _IDLE_LOOPS.put((pid, loop))


def run_asgi(app, environ):
    """Run the ASGI ``app`` on the WSGI ``environ`` in this thread; return
    ``(status, headers, body)``. The request body is passed in one message;
    once the response is complete, a further ``receive`` answers
    ``http.disconnect`` (as a server does when the client is gone)."""
    stream = environ.get("wsgi.input") or BytesIO()
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = stream.read(length) if length else b""
    answer = {"status": 500, "headers": [], "body": BytesIO()}
    state = {"received": False}

    async def main():
        done = asyncio.Event()

        async def receive():
            if not state["received"]:
                state["received"] = True
                return {"type": "http.request", "body": body, "more_body": False}
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message):
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
                answer["headers"] = message.get("headers", [])
            elif message["type"] == "http.response.body":
                answer["body"].write(message.get("body", b""))
                if not message.get("more_body", False):
                    done.set()

        await app(build_scope(environ), receive, send)

    with _event_loop() as loop:
        loop.run_until_complete(main())
    headers = [(name.decode("latin1"), value.decode("latin1")) for name, value in answer["headers"]]
    return answer["status"], headers, answer["body"].getvalue()


class CxmFastApiDispatcher(FastApiDispatcher):
    routing_type = "fastapi"

    def dispatch(self, endpoint, args):
        # as upstream: starlette parses the request stream itself
        self.request.params = {}
        environ = self._get_environ()
        path = environ["PATH_INFO"]
        # routing only: which endpoint serves this URL (cached per path, no query)
        endpoints = request.env["fastapi.endpoint"].sudo()
        root_path = endpoints._cxm_root_path_for(path) or path
        with fastapi_app_pool.get_app(env=request.env, root_path=root_path) as app:
            uid = endpoints.get_uid(path)
            with self._manage_odoo_env(uid):
                # the FastAPI app inside upstream's a2wsgi wrapper, run here
                status, headers, body = run_asgi(getattr(app, "app", app), environ)
            return self.request.make_response(body, headers=headers, status=status)
