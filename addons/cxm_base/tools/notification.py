# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one way a button of the suite answers with a toast (Odoo's display_notification)."""


def notification(message, kind="info", then=None):
    """Client action showing ``message`` (already translated) as a ``kind`` toast
    (info, success, warning, danger); ``then``: an action to run after it (e.g. close the dialog)."""
    params = {"type": kind, "message": message}
    if then:
        params["next"] = then
    return {"type": "ir.actions.client", "tag": "display_notification", "params": params}


CLOSE = {"type": "ir.actions.act_window_close"}
RELOAD = {"type": "ir.actions.client", "tag": "soft_reload"}
