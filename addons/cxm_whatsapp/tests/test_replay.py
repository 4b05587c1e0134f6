# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
import random
import time
from concurrent.futures import ThreadPoolExecutor

from odoo.tests import tagged

from ..tools.fake_meta import inbound_payload, sign
from .common import SECRET, WhatsappCase

_logger = logging.getLogger(__name__)

EVENTS = 1000
FORGED = 250


@tagged("post_install", "-at_install")
class TestReplay(WhatsappCase):
    def test_replayed_and_forged_events(self):
        bodies = [
            json.dumps(
                inbound_payload(self.fake.phone_number_id, f"90532{i % 50:07d}", f"wamid.R{i:05d}", f"mesaj {i}")
            ).encode()
            for i in range(EVENTS)
        ]
        deliveries = bodies * 3
        random.Random(11).shuffle(deliveries)
        started = time.monotonic()
        self.env.flush_all()
        with self.allow_requests(all_requests=True), ThreadPoolExecutor(max_workers=4) as pool:
            statuses = list(pool.map(lambda body: self.post(raw=body, allow=False)[0], deliveries))
        elapsed = time.monotonic() - started
        self.assertEqual(set(statuses), {200})
        self.run_jobs()
        Message = self.env["cxm.channel.message"]
        self.env.cr.execute(
            "SELECT count(*), count(DISTINCT external_id) FROM cxm_channel_message WHERE instance_id = %s",
            (self.instance.id,),
        )
        self.assertEqual(self.env.cr.fetchone(), (EVENTS, EVENTS), "each event once, 0 duplicates")
        self.assertEqual(
            self.env["cxm.integration.event"].search_count([("instance_id", "=", self.instance.id)]), EVENTS
        )
        self.assertEqual(
            Message.search_count([("instance_id", "=", self.instance.id), ("state", "=", "received")]), EVENTS
        )
        tickets = self.env["helpdesk.ticket"].search(
            [("channel_id.cxm_code", "=", "whatsapp"), ("team_id", "=", self.team.id)]
        )
        self.assertEqual(len(tickets), 50, "one ticket per customer")
        posted = self.env["mail.message"].search_count(
            [("model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids), ("message_type", "=", "comment")]
        )
        self.assertEqual(posted, EVENTS)
        # forged or tampered: all refused, nothing recorded
        before = self.env["cxm.integration.event"].search_count([])
        forged = []
        for i in range(FORGED):
            body = json.dumps(
                inbound_payload(self.fake.phone_number_id, "905320000001", f"wamid.X{i}", "sahte")
            ).encode()
            kind = i % 5
            if kind == 0:
                forged.append((body, {"X-Hub-Signature-256": sign("wrong-secret", body)}))
            elif kind == 1:
                forged.append((body.replace(b"sahte", b"SAHTE"), {"X-Hub-Signature-256": sign(SECRET, body)}))
            elif kind == 2:
                forged.append((body, {"X-Hub-Signature-256": ""}))
            elif kind == 3:
                forged.append((body, {"X-Hub-Signature-256": "sha256=" + "0" * 64}))
            else:
                forged.append((body, {"X-Hub-Signature-256": sign(SECRET, body).upper()}))
        self.env.flush_all()
        with self.allow_requests(all_requests=True), ThreadPoolExecutor(max_workers=4) as pool:
            refused = list(pool.map(lambda item: self.post(raw=item[0], headers=item[1], allow=False)[0], forged))
        self.assertEqual(refused, [401] * FORGED)
        self.assertEqual(self.env["cxm.integration.event"].search_count([]), before)
        self.assertFalse(Message.search([("external_id", "=like", "wamid.X%")]))
        _logger.info("replay: %s signed deliveries in %.1f s", len(deliveries), elapsed)
