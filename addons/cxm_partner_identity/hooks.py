# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Backfill the identity keys of every existing partner (chunked SQL reads
    and multi-row inserts, no per-partner ORM work)."""
    env["cxm.partner.identity"]._cxm_rebuild_all()
