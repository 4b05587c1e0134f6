# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

from .fake_erp import FakeErp, FakeErpMixin


@tagged("post_install", "-at_install")
class TestLookupConnector(FakeErpMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(cls.env, "cd_lookup_agent", groups="cxm_base.group_cxm_agent")
        cls.customer = cls.env["res.partner"].create({"name": "Panel Customer", "cxm_national_id": "10000000146"})
        cls.Connector = cls.env["cxm.lookup.connector"]

    def connector(self, path, **vals):
        return self.Connector.create(
            {
                "name": vals.pop("name", "ERP orders"),
                "kind": "order",
                "url_template": self.base + path,
                "auth_type": "bearer",
                "auth_secret": "s3cret",
                "parameter_map": {"nid": "cxm_national_id"},
                "response_path": "data.orders",
                "column_map": [
                    {"label": "Order", "path": "number"},
                    {"label": "Status", "path": "status.label"},
                    {"label": "Total", "path": "total"},
                ],
                "timeout": 0.5,
                **vals,
            }
        )

    def test_success_and_cache(self):
        self.connector("/orders/{nid}")
        FakeErp.hits = []
        panels = self.customer.with_user(self.agent).cxm_lookup_panels()
        self.assertEqual(len(panels), 1)
        self.assertTrue(panels[0]["ok"], panels[0])
        self.assertEqual(panels[0]["columns"], ["Order", "Status", "Total"])
        self.assertEqual(panels[0]["rows"], [["SO-1", "Delivered", 120.5]])
        self.customer.with_user(self.agent).cxm_lookup_panels()
        self.assertEqual(FakeErp.hits, ["/orders/10000000146"], "the second look-up is served from the cache")
        # the panel dialog shows it
        wizard = self.env["cxm.lookup.panel.wizard"].with_user(self.agent).create({"partner_id": self.customer.id})
        self.assertIn("Delivered", wizard.panels_html)

    def test_failures_give_a_message_not_an_error(self):
        self.connector("/slow/{nid}", name="Slow ERP")
        self.connector("/fail/{nid}", name="Failing ERP")
        self.connector("/bad/{nid}", name="Bad ERP")
        self.connector("/orders/{nid}", name="Wrong token", auth_secret="nope")
        started = time.monotonic()
        panels = {p["name"]: p for p in self.customer.with_user(self.agent).cxm_lookup_panels()}
        self.assertLess(time.monotonic() - started, 1.4, "a slow service does not hold the panel past its timeout")
        self.assertFalse(any(p["ok"] for p in panels.values()))
        self.assertIn("did not answer within 0.5 s", panels["Slow ERP"]["message"])
        self.assertIn("HTTP 500", panels["Failing ERP"]["message"])
        self.assertIn("not JSON", panels["Bad ERP"]["message"])
        self.assertIn("HTTP 401", panels["Wrong token"]["message"])

    def test_slow_services_are_asked_at_the_same_time(self):
        for n in range(3):
            self.connector("/slow/{nid}", name=f"Slow ERP {n}")
        self.connector("/orders/{nid}", name="Fast ERP")
        started = time.monotonic()
        panels = self.customer.with_user(self.agent).cxm_lookup_panels()
        elapsed = time.monotonic() - started
        self.assertLess(elapsed, 1.2, "three 0.5 s timeouts in parallel, not one after the other (1.5 s)")
        self.assertEqual([p["name"] for p in panels], ["Slow ERP 0", "Slow ERP 1", "Slow ERP 2", "Fast ERP"])
        self.assertEqual([p["ok"] for p in panels], [False, False, False, True])
        self.assertEqual(panels[3]["rows"], [["SO-1", "Delivered", 120.5]])

    def test_missing_parameter_and_bad_definitions(self):
        self.connector("/orders/{nid}")
        other = self.env["res.partner"].create({"name": "No id"})
        [panel] = other.cxm_lookup_panels()
        self.assertIn("Not enough data", panel["message"])
        with self.assertRaisesRegex(ValidationError, "timeout"):
            self.connector("/orders/{nid}", timeout=120)
        with self.assertRaisesRegex(ValidationError, "http"):
            self.Connector.create({"name": "x", "url_template": "file:///etc/passwd"})
        # the secret is not readable by agents
        connector = self.connector("/orders/{nid}")
        self.assertFalse("auth_secret" in connector.with_user(self.agent).read()[0])
