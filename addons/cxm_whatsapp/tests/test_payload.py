# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase

from ..tools.fake_meta import inbound_payload, status_payload
from ..tools.payload import PayloadError, parse


class TestPayload(BaseCase):
    def one(self, message):
        return parse(inbound_payload("1", "905551112233", "wamid.A", message=message))["1"]["messages"][0]

    def test_message_types(self):
        location = self.one({"type": "location", "location": {"latitude": 41.0, "longitude": 29.0, "name": "Ofis"}})
        self.assertIn("Ofis", location["text"])
        self.assertIn("41.0,29.0", location["text"])
        button = self.one({"type": "button", "button": {"text": "Evet", "payload": "YES"}})
        self.assertEqual((button["kind"], button["text"]), ("button", "Evet"))
        listed = self.one(
            {"type": "interactive", "interactive": {"type": "list_reply", "list_reply": {"id": "r1", "title": "İade"}}}
        )
        self.assertEqual((listed["kind"], listed["text"]), ("interactive:list_reply", "İade"))
        image = self.one({"type": "image", "image": {"id": "MEDIA1", "mime_type": "image/jpeg", "caption": "foto"}})
        self.assertEqual(image["attachments"], [{"ref": "MEDIA1", "name": "image-MEDIA1", "mimetype": "image/jpeg"}])
        odd = self.one({"type": "unsupported", "errors": [{"code": 131051, "title": "Message type unknown"}]})
        self.assertIn("unsupported WhatsApp message type", odd["text"])
        self.assertEqual(image["address"], "+905551112233")

    def test_statuses_with_errors(self):
        errors = [{"code": 131047, "title": "Re-engagement message", "error_data": {"details": "24h passed"}}]
        update = parse(status_payload("1", "wamid.B", "failed", "90555", errors=errors))["1"]["statuses"][0]
        self.assertEqual((update["code"], update["reason"]), ("131047", "Re-engagement message - 24h passed"))

    def test_refused_bodies(self):
        for bad in (
            {},
            {"object": "page"},
            {"object": "whatsapp_business_account", "entry": {}},
            inbound_payload("1", "not-a-number", "wamid.C", "x"),
            status_payload("1", "wamid.D", "exploded", "1"),
            # values of the wrong JSON type where Meta sends objects or strings (found by fuzzing: 500s)
            inbound_payload("1", "905321112233", "wamid.E", message={"type": ["text"], "text": {"body": "x"}}),
            inbound_payload("1", "905321112233", "wamid.F", name=["x"]) | {"entry": [{"changes": [{"value": 1}]}]},
            _with_value(
                inbound_payload("1", "905321112233", "wamid.G", "x"), metadata=["1"], contacts=[{"profile": 7}]
            ),
        ):
            with self.assertRaises(PayloadError):
                parse(bad)


def _with_value(payload, **changes):
    payload["entry"][0]["changes"][0]["value"].update(changes)
    return payload
