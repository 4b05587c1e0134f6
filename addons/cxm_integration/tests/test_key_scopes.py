# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Least privilege from the UI (issue 19): the key wizard offers exactly the scopes keys can have,
every scope a route requires among them, and a key of one scope opens no other route."""

from odoo.tests import tagged

from ..routers.base import SCOPE_BY_PREFIX
from .common import IntegrationCommon


@tagged("post_install", "-at_install")
class TestKeyScopes(IntegrationCommon):
    def _scopes(self, model):
        return dict(self.env[model]._fields["scope"]._description_selection(self.env))

    def test_wizard_offers_every_scope_a_route_requires(self):
        offered = self._scopes("cxm.integration.api.key.generate")
        self.assertEqual(offered, self._scopes("cxm.integration.api.key"), "the wizard offers the keys' scopes")
        required = set(SCOPE_BY_PREFIX.values())
        self.assertLessEqual(required | {"all"}, set(offered), "every scope a route requires can be issued")
        ApiKey = self.env["cxm.integration.api.key"]
        for scope in sorted(required):
            wizard = self.env["cxm.integration.api.key.generate"].create(
                {"instance_id": self.instance.id, "name": f"only {scope}", "scope": scope}
            )
            wizard.action_generate()
            self.assertEqual(ApiKey._authenticate(wizard.key, scope=scope), self.instance)
            for other in required - {scope}:
                self.assertFalse(ApiKey._authenticate(wizard.key, scope=other), f"a {scope} key opens no {other}")
