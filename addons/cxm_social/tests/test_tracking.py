# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SocialCase


@tagged("post_install", "-at_install")
class TestTrackingPlatform(SocialCase):
    def test_complaint_to_ticket_and_public_reply_back(self):
        """A tracking platform pushes a public complaint: a ticket on a customer found by e-mail, with the
        post's platform, URL and media; the agent's reply goes back to the platform as a public reply."""
        known = self.env["res.partner"].create({"name": "Ayşe Yılmaz", "email": "ayse@example.com"})
        self.platform.media["photo.jpg"] = ("image/jpeg", b"\xff\xd8fake-jpeg")
        self.platform.media["video.mp4"] = ("video/mp4", b"\x00" * (1024 * 1024 + 1))
        self.instance.cxm_social_max_media_mb = 1
        status, answer = self.post(
            "tw-1001",
            url="https://twitter.com/ayse_y/status/1001",
            author={
                "handle": "ayse_y",
                "name": "Ayşe Y.",
                "email": "AYSE@example.com",
                "profile_url": "https://twitter.com/ayse_y",
            },
            media=[
                {"url": f"{self.platform.base_url}/media/photo.jpg"},
                {"url": f"{self.platform.base_url}/media/video.mp4"},
            ],
        )
        self.assertEqual((status, answer), (202, {"event_id": "tw-1001", "status": "accepted"}))
        self.run_jobs()
        ticket = self.tickets()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, known, "found by the e-mail the platform knew")
        self.assertEqual(ticket.channel_id.cxm_code, "social")
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(
            (ticket.cxm_social_platform, ticket.cxm_social_url, ticket.cxm_social_public, ticket.cxm_social_kind),
            ("twitter", "https://twitter.com/ayse_y/status/1001", True, "complaint"),
        )
        self.assertEqual(ticket.cxm_social_author_url, "https://twitter.com/ayse_y")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(attachment.raw, b"\xff\xd8fake-jpeg", "the oversize video is not kept")
        self.assertIn("media larger than 1 MB", ticket.message_ids.filtered("attachment_ids").body)

        # the same author again: a message on the open ticket, found by the handle this time
        self.assertEqual(self.post("tw-1002", "Hâlâ bekliyorum", author={"handle": "ayse_y"})[0], 202)
        self.run_jobs()
        self.assertEqual(self.tickets(), ticket)
        self.assertIn("Hâlâ bekliyorum", ticket.message_ids[0].body)

        self.reply(ticket, "Merhaba Ayşe Hanım, kargonuzu kontrol ediyoruz.")
        self.assertEqual(len(self.platform.replies), 1)
        reply = self.platform.replies[0]
        self.assertEqual(reply["in_reply_to"], "tw-1001")
        self.assertEqual((reply["platform"], reply["to"], reply["public"]), ("twitter", "ayse_y", True))
        self.assertIn("kargonuzu kontrol", reply["text"])
        outbound = ticket.cxm_channel_message_ids.filtered(lambda m: m.direction == "out")
        self.assertEqual((outbound.state, outbound.external_id), ("sent", "reply-1"))

    def test_private_reply_and_failure_tracked(self):
        """A direct message gets a private reply; a refused reply is kept as failed on the ticket."""
        self.post("dm-1", "Sipariş no 123 iptal olsun", type="message", public=False, author={"handle": "mehmet"})
        self.run_jobs()
        ticket = self.tickets()
        self.assertFalse(ticket.cxm_social_reply_public)
        self.platform.fail_next.extend([400])
        self.reply(ticket, "İptal ettik.")
        outbound = ticket.cxm_channel_message_ids.filtered(lambda m: m.direction == "out")
        self.assertEqual(outbound.state, "failed")
        self.assertEqual(self.platform.replies, [])
        outbound.with_user(self.agent).action_retry()
        self.run_jobs()
        self.assertEqual(self.platform.replies[0]["public"], False)
        self.assertEqual(outbound.state, "sent")

    def test_platform_without_replies_says_so(self):
        """An instance whose platform takes no replies: the ticket says replies happen on the platform,
        and the agent's chatter messages stay ordinary e-mail replies."""
        self.instance.cxm_social_reply_mode = "platform"
        self.post("fb-9", "Mağazadaki personel kabaydı", platform="facebook", url="https://facebook.com/p/9")
        self.run_jobs()
        ticket = self.tickets()
        self.assertTrue(ticket.cxm_social_reply_on_platform)
        self.assertFalse(ticket.cxm_reply_instance_id)
        ticket.cxm_reply_instance_id = self.instance
        with self.assertRaisesRegex(UserError, "answer on the platform"):
            ticket.with_user(self.agent).message_post(
                body="Yanıt", message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    def test_replays_and_batch_never_duplicate(self):
        """Event id or Idempotency-Key: a redelivered post answers duplicate and creates nothing."""
        first = self.api(
            "/v1/social/posts",
            {"type": "mention", "platform": "instagram", "text": "@acme teşekkürler", "author": {"handle": "zey"}},
            headers={"Idempotency-Key": "ig-77"},
        )
        again = self.api(
            "/v1/social/posts",
            {"type": "mention", "platform": "instagram", "text": "@acme teşekkürler", "author": {"handle": "zey"}},
            headers={"Idempotency-Key": "ig-77"},
        )
        self.assertEqual([first[1]["status"], again[1]["status"]], ["accepted", "duplicate"])
        posts = [
            {
                "event_id": f"b-{i}",
                "type": "post",
                "platform": "x",
                "text": f"gönderi {i}",
                "author": {"handle": f"u{i}"},
            }
            for i in range(5)
        ]
        status, answer = self.api("/v1/social/posts/batch", {"posts": posts})
        self.assertEqual(status, 202)
        status, answer = self.api("/v1/social/posts/batch", {"posts": posts})
        self.assertEqual({r["status"] for r in answer["results"]}, {"duplicate"})
        self.run_jobs()
        self.assertEqual(len(self.tickets()), 6)
        self.assertEqual(self.env["cxm.channel.message"].search_count([("instance_id", "=", self.instance.id)]), 6)

    def test_bad_input_is_a_clear_4xx_and_changes_nothing(self):
        cti_instance = self.env["cxm.integration.instance"].create(
            {"name": "PBX", "code": "pbx-s", "kind": "call_center", "state": "active", "user_id": self.tech.id}
        )
        _rec, cti_key = self.env["cxm.integration.api.key"]._generate(cti_instance, "cti", "cti")
        _rec, wrong_scope = self.env["cxm.integration.api.key"]._generate(self.instance, "events", "events")
        _rec, other_kind = self.env["cxm.integration.api.key"]._generate(cti_instance, "all", "all")
        good = {"event_id": "e-1", "type": "post", "platform": "twitter", "text": "x", "author": {"handle": "a"}}
        cases = [
            ({}, None, 401, "unauthorized"),  # no key
            (good, "cxm_0123456789ab_forged", 401, "unauthorized"),
            (good, cti_key, 401, "unauthorized"),  # a CTI-scoped key
            (good, wrong_scope, 401, "unauthorized"),  # the instance's own key, wrong scope
            (good, other_kind, 403, "wrong_instance"),  # an all-scope key of a call-centre instance
            (b'{"event_id": "e-1", "type": ', self.key, 400, "invalid_json"),
            (dict(good, text="kötü\u0000bayt"), self.key, 400, None),
            (dict(good, platform="myspace"), self.key, 422, "unknown_platform"),
            (dict(good, event_id=None), self.key, 422, "invalid"),
            (dict(good, type="story"), self.key, 422, "invalid"),
            (dict(good, author={"handle": ""}), self.key, 422, "invalid"),
            (dict(good, media=[{"url": "ftp://x/y"}]), self.key, 422, "invalid"),
            (dict(good, media=[{"data": base64.b64encode(b"x" * 6_000_000).decode()}]), self.key, 413, "too_large"),
        ]
        for payload, key, status, error in cases:
            with self.subTest(status=status, error=error):
                got, answer = self.api("/v1/social/posts", payload, key=key if key else False)
                self.assertEqual(got, status, answer)
                if error:
                    self.assertEqual(answer["error"], error)
                self.assertTrue(answer.get("detail"))
        self.assertFalse(self.env["cxm.channel.message"].search([("instance_id", "=", self.instance.id)]))
        self.assertFalse(self.env["cxm.integration.event"].search([("instance_id", "=", self.instance.id)]))
