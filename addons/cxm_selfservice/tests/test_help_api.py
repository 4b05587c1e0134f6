# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json
import time

from odoo.tests import HttpCase, new_test_user, tagged

from ..models.cxm_selfservice_sso import encode_hs256
from .common import PDF, HelpCentreFixture

SECRET = "mobile-app-secret-77"


@tagged("post_install", "-at_install")
class TestHelpApi(HelpCentreFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._help_setup()
        tech = new_test_user(cls.env, "help_app_tech", groups="cxm_base.group_cxm_integration")
        cls.app = cls.env["cxm.integration.instance"].create(
            {
                "name": "Mobile app",
                "code": "help-app",
                "kind": "mobile_app",
                "state": "active",
                "secret": SECRET,
                "user_id": tech.id,
            }
        )
        _rec, cls.key = cls.env["cxm.integration.api.key"]._generate(cls.app, "app", scope="help_centre")

    def _token(self, sub="APP-1", email="app.customer@example.com", **extra):
        claims = {
            "sub": sub,
            "name": "App Customer",
            "email": email,
            "exp": int(time.time()) + 300,
            "jti": f"app-{time.time_ns()}",
            **extra,
        }
        return encode_hs256(claims, SECRET)

    def _call(self, method, path, body=None, token=None, key=None):
        headers = {"X-API-Key": key or self.key, "Content-Type": "application/json"}
        if token:
            headers["X-Customer-Token"] = token
        return self.url_open(
            f"/cxm/api{path}", data=json.dumps(body) if body is not None else None, headers=headers, method=method
        )

    def test_categories_with_forms(self):
        response = self._call("GET", "/v1/help/categories")
        self.assertEqual(response.status_code, 200, response.text)
        category = next(c for c in response.json() if c["id"] == self.category.id)
        other = next(f for f in category["fields"] if f["key"] == "other_reason")
        self.assertEqual((other["visible_when_key"], other["visible_when_value"]), ("reason", "Other"))
        self.assertNotIn(self.hidden_category.id, [c["id"] for c in response.json()])

    def test_submit_and_my_tickets(self):
        token = self._token()
        body = {
            "category_id": self.category.id,
            "answers": {"subject": "From the app", "reason": "Wrong size"},
            "files": [{"field": "receipt", "name": "r.pdf", "content_base64": base64.b64encode(PDF).decode()}],
        }
        created = self._call("POST", "/v1/help/tickets", body, token=token)
        self.assertEqual(created.status_code, 201, created.text)
        ticket = self.env["helpdesk.ticket"].browse(created.json()["id"])
        self.assertEqual(ticket.team_id, self.team, "routed by category")
        self.assertEqual(ticket.attachment_ids.name, "r.pdf")
        self.assertIn("access_token=", created.json()["status_url"])
        other = self.env["helpdesk.ticket"].create(
            {"name": "Someone else's", "description": "x", "partner_id": self.portal_user_b.partner_id.id}
        )
        mine = self._call("GET", "/v1/help/tickets", token=token).json()
        self.assertEqual([t["number"] for t in mine], [ticket.number], "only the customer's own tickets")
        self.assertNotIn(other.number, json.dumps(mine))

    def test_refusals(self):
        body = {"category_id": self.category.id, "answers": {"subject": "x", "reason": "Wrong size"}}
        self.assertEqual(self._call("POST", "/v1/help/tickets", body).status_code, 401, "no customer token")
        forged = encode_hs256({"sub": "X", "exp": int(time.time()) + 60, "jti": "f"}, "wrong")
        self.assertEqual(self._call("POST", "/v1/help/tickets", body, token=forged).status_code, 401)
        expired = self._token(exp=int(time.time()) - 100)
        self.assertEqual(self._call("GET", "/v1/help/tickets", token=expired).status_code, 401)
        hidden = {**body, "category_id": self.hidden_category.id}
        self.assertEqual(self._call("POST", "/v1/help/tickets", hidden, token=self._token()).status_code, 404)
        invalid = {**body, "answers": {"reason": "Nope"}}
        response = self._call("POST", "/v1/help/tickets", invalid, token=self._token())
        self.assertEqual(response.status_code, 422)
        other_scope = self.env["cxm.integration.api.key"]._generate(self.app, "cti", scope="cti")[1]
        self.assertEqual(self._call("GET", "/v1/help/categories", key=other_scope).status_code, 401)
        self.assertFalse(self.env["helpdesk.ticket"].search([("category_id", "in", self.hidden_category.ids)]))

    def test_openapi_documents_the_routes(self):
        spec = self.url_open("/cxm/api/openapi.json").json()
        for path in ("/v1/help/categories", "/v1/help/articles", "/v1/help/tickets"):
            self.assertIn(path, spec["paths"])
