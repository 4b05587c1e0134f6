# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Every ticket process (templates included, so that new processes copy it) gets its merge transition."""
    env["cxm.process"].search(
        [("model", "=", "helpdesk.ticket"), ("active", "in", (True, False))]
    )._cxm_add_merge_transition()
