# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from urllib import error as urlerror
from urllib import request as urlrequest

from odoo import Command
from odoo.tests import HttpCase, new_test_user


def http_call(method, url, payload=None, headers=None, timeout=10):
    """``(status, parsed JSON or raw body)`` of one call from outside (no browser cookie)."""
    data = None if payload is None else payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    request = urlrequest.Request(url, data=data, method=method)  # noqa: S310 (the test server)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urlrequest.urlopen(request, timeout=timeout) as response:  # noqa: S310 (the test server)
            status, body = response.status, response.read()
    except urlerror.HTTPError as exc:
        status, body = exc.code, exc.read()
    try:
        return status, json.loads(body or b"{}")
    except ValueError:
        return status, body


class ChatbotCase(HttpCase):
    """A helpdesk team with an agent who is also a live-chat operator, and two customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # tickets follow no process unless a test gives one (the company default would)
        cls.env.company.cxm_default_ticket_process_id = False
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "Chat team"})
        cls.agent = new_test_user(
            cls.env,
            "chat_agent",
            groups="cxm_base.group_cxm_agent,im_livechat.im_livechat_group_user",
            email="chat.agent@example.com",
            name="Chat Agent",
        )
        cls.team.user_ids = [Command.link(cls.agent.id)]
        cls.chat = cls.env["helpdesk.ticket.channel"]._cxm_by_code("chat")
        cls.ayse = cls.env["res.partner"].create(
            {"name": "Ayşe Yılmaz", "email": "ayse@example.com", "phone": "+90 532 111 22 33"}
        )
        cls.mehmet = cls.env["res.partner"].create(
            {"name": "Mehmet Kaya", "email": "mehmet@example.com", "phone": "+90 533 444 55 66"}
        )
