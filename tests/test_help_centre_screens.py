"""The help centre embedded in a "corporate site" on another origin, in real Chromium against the demo:
the host site's customer is signed in by the generated snippet's token, submits a request inside the
frame and sees it among their issues; the form designer shows its live preview (tests/help_screens.py,
also behind scripts/screenshots-help-centre)."""

import os

import pytest

from .browser import find_chromium
from .help_screens import walk
from .screens_tr import installed

pytestmark = pytest.mark.skipif(not find_chromium(), reason="Chromium not installed")


def test_embedded_help_centre_and_designer(server):
    if not installed(server["url"], server["db"], "cxm_selfservice"):
        pytest.skip("cxm_selfservice is not installed")
    outdir = os.path.join(server["root"], ".logs", "suite-help-centre")
    seen, errors = walk(server["url"], server["db"], outdir)
    assert seen["signed_in"], "the host site's customer was signed in inside the iframe"
    assert seen["reference"], "a request was submitted inside the iframe and listed among my issues"
    assert "Order number" in seen["form"]
    assert "Order number" in seen["designer"], "the designer previews the form"
    assert errors == []
