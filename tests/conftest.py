"""Suite-level tests: they drive a running Odoo server from outside, as an
integrator or a user's browser would. scripts/test starts the server and sets
CXM_URL, CXM_DB and CXM_ROOT."""

import os
import subprocess
import uuid

import pytest


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("CXM_URL"):
        skip = pytest.mark.skip(reason="needs a running server: run through scripts/test")
        for item in items:
            item.add_marker(skip)


@pytest.fixture
def browser():
    """A headless Chromium of its own for one test (tests/browser.py), closed after it."""
    from .browser import Browser

    b = Browser()
    yield b
    b.close()


@pytest.fixture(scope="session")
def server():
    return {"url": os.environ["CXM_URL"].rstrip("/"), "db": os.environ["CXM_DB"], "root": os.environ["CXM_ROOT"]}


def odoo_shell(server, code):
    """Run ``code`` in an Odoo shell on the test database; return its stdout."""
    proc = subprocess.run(
        [os.path.join(server["root"], "scripts", "odoo"), "shell", "-d", server["db"], "--no-http", "--log-level=warn"],
        input=code,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if proc.returncode:
        raise RuntimeError(f"odoo shell failed: {proc.stderr[-2000:]}")
    return proc.stdout


@pytest.fixture(scope="session")
def integration_user(server):
    """A fresh Integration user with an API key, made the way an admin would."""
    login = f"suite-integration-{uuid.uuid4().hex[:8]}"
    out = odoo_shell(
        server,
        f"""
user = env["res.users"].create({{
    "name": "Suite integration", "login": "{login}",
    "group_ids": [(6, 0, [env.ref("cxm_base.group_cxm_integration").id])],
}})
key = env["res.users.apikeys"].with_user(user).sudo()._generate(None, "suite tests", None)
env.cr.commit()
print("CXM-UID=%d" % user.id)
print("CXM-KEY=" + key)
""",
    )
    values = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("CXM-"))
    return {"login": login, "uid": int(values["CXM-UID"]), "key": values["CXM-KEY"]}
