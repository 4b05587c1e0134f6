# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers shared by the demo scripts of this folder (they run as ``python3 scripts/demo/<name>.py``,
so this module is importable as ``demolib``)."""

import importlib.util
import os
import sys
import time


def wait_for(what, probe, timeout=180):
    """Poll ``probe()`` every half second until it returns something truthy (returned), or stop the
    script with a message naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.5)
    sys.exit(f"timed out waiting for {what} (is the server running with its job runner: scripts/run?)")


def load_fake(module, name):
    """The fake provider ``addons/<module>/tools/<name>.py`` (standard library only), loaded without
    importing Odoo."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "addons", module, "tools", f"{name}.py")
    spec = importlib.util.spec_from_file_location(name, path)
    fake = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fake)
    return fake
