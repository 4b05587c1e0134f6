# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every context key the suite reads, and why a remote caller gains nothing by sending it.

JSON-RPC, XML-RPC and JSON-2 let a caller set the whole context of a call. A key
read as a plain value must appear in ``PLAIN_KEYS`` with the reason it cannot
widen the caller's rights; a key that skips a check must be an internal flag
(``cxm_base.tools.internal_value``), which a JSON value cannot satisfy.
"""

import re
from pathlib import Path

from odoo.tests import TransactionCase

from odoo.addons.cxm_base.tools import InternalFlag, internal, internal_value

PLAIN_KEYS = {
    "active_test": "Odoo's own switch to include archived records in a search; record rules still apply",
    "lang": "language of the texts returned; changes no right",
    "tz": "timezone of the dates shown; changes no right",
    "cxm_cti_call_id": "the call whose caller the agent picks (cxm_cti): an id only, the call is then read and "
    "written as the agent, with its access rules, and the partner must be one of its matches",
    "sms_api": "Odoo's own key (sms): the provider API object chosen by sms.sms.send(); cxm_sms only checks that "
    "it is set, and a JSON value is not an API object: the SMS then fails to send, nothing is widened",
}
INTERNAL_KEYS = {
    "cxm_process_bypass": "stage writes of the engine itself (initial status, demo data)",
    "cxm_force_reason": "set by cxm_force_stage after its manager check; checked again at the move",
    "cxm_automatic": "automatic transitions fired by the server (customer reply, timers)",
    "cxm_transition_id": "the transition cxm_fire_transition checked",
    "cxm_comment": "the comment given to cxm_fire_transition",
    "cxm_channel_no_send": "a chatter post that must not go out on the ticket's channel (cxm_channel: the "
    "template wizard posts what it already sent)",
    "cxm_consent_recording": "creation of consent events by the ledger's own service (cxm_consent "
    "_cxm_record, after validating every item); the ledger refuses any other creation",
}

_ADDONS = Path(__file__).resolve().parents[2]
_PLAIN_READ = re.compile(
    r"""\b(?:context|ctx)\s*(?:\.get\(\s*|\[\s*)["']([\w.]+)["']"""
    r"""|["']([\w.]+)["']\s+(?:not\s+)?in\s+(?:self\.)?(?:env\.)?(?:context|ctx)\b"""
)
_INTERNAL_READ = re.compile(r"""internal_value\([^,]+,\s*["']([\w.]+)["']""")


def _sources():
    for path in sorted(_ADDONS.glob("cxm_*/**/*.py")):
        rel = path.relative_to(_ADDONS)
        if "tests" in rel.parts or rel.parts[-1] == "internal_context.py":
            continue
        yield rel, path.read_text(encoding="utf-8")


class TestContextKeys(TransactionCase):
    def test_every_key_read_is_listed_with_its_reason(self):
        plain, internal_keys = {}, {}
        for rel, text in _sources():
            for m in _PLAIN_READ.finditer(text):
                plain.setdefault(m.group(1) or m.group(2), []).append(str(rel))
            for m in _INTERNAL_READ.finditer(text):
                internal_keys.setdefault(m.group(1), []).append(str(rel))
        unlisted = {k: v for k, v in plain.items() if k not in PLAIN_KEYS}
        self.assertFalse(
            unlisted,
            "context keys read as plain values, not listed in PLAIN_KEYS: a caller can send them; "
            "read them with internal_value() or list them with the reason they are harmless",
        )
        self.assertFalse({k: v for k, v in internal_keys.items() if k not in INTERNAL_KEYS}, "unlisted internal flags")
        self.assertFalse(set(plain) & set(internal_keys), "an internal flag must never be read as a plain value too")
        self.assertEqual(set(internal_keys), set(INTERNAL_KEYS), "INTERNAL_KEYS lists a flag nobody reads")

    def test_json_values_never_read_as_internal_flags(self):
        for value in (True, 1, "1", "x", [1], {"value": True}, {"__class__": "InternalFlag"}):
            ctx = {"cxm_process_bypass": value}
            self.assertIsNone(internal_value(ctx, "cxm_process_bypass"), value)
        self.assertEqual(internal_value({"k": internal(5)}, "k"), 5)
        self.assertIsInstance(self.env["res.partner"].with_context(k=internal()).env.context["k"], InternalFlag)
