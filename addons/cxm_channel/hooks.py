# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets


def post_init_hook(env):
    """Instances created before the module: each gets its own random webhook key."""
    env.cr.execute("SELECT id FROM cxm_integration_instance WHERE cxm_webhook_key IS NULL")
    for (instance_id,) in env.cr.fetchall():
        env.cr.execute(
            "UPDATE cxm_integration_instance SET cxm_webhook_key = %s WHERE id = %s",
            (secrets.token_urlsafe(18), instance_id),
        )
