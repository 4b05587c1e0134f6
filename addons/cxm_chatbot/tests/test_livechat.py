# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.mail.tools.discuss import Store

from .common import ChatbotCase


@tagged("post_install", "-at_install")
class TestLivechat(ChatbotCase):
    """Odoo's live chat: the chatbot's *Create Ticket* step, the hand-over to a team's operators, and the
    operator's /ticket command."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.script = cls.env["chatbot.script"].create({"title": "Support test bot"})
        Step = cls.env["chatbot.script.step"]
        cls.step_question, cls.step_email, cls.step_ticket = Step.create(
            [
                {
                    "chatbot_script_id": cls.script.id,
                    "sequence": 1,
                    "step_type": "free_input_single",
                    "message": "How can we help you?",
                },
                {
                    "chatbot_script_id": cls.script.id,
                    "sequence": 2,
                    "step_type": "question_email",
                    "message": "Your e-mail address, please?",
                },
                {
                    "chatbot_script_id": cls.script.id,
                    "sequence": 3,
                    "step_type": "cxm_create_ticket",
                    "cxm_team_id": cls.team.id,
                    "message": "Thank you, a ticket is open.",
                },
            ]
        )
        cls.other_operator = new_test_user(
            cls.env, "chat_other_op", groups="im_livechat.im_livechat_group_user", name="Other Operator"
        )
        cls.livechat = cls.env["im_livechat.channel"].create(
            {
                "name": "Support test channel",
                "user_ids": [Command.set([cls.other_operator.id, cls.agent.id])],
                "rule_ids": [Command.create({"regex_url": "/", "chatbot_script_id": cls.script.id})],
            }
        )

    # ------------------------------------------------------------------ helpers
    def _session(self, chatbot=True):
        data = self.make_jsonrpc_request(
            "/im_livechat/get_session",
            {"channel_id": self.livechat.id, **({"chatbot_script_id": self.script.id} if chatbot else {})},
        )
        return self.env["discuss.channel"].sudo().browse(data["channel_id"])

    def _say(self, channel, body, email=False):
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "discuss.channel",
                "thread_id": channel.id,
                "post_data": {"body": body, "message_type": "comment", "subtype_xmlid": "mail.mt_comment"},
            },
        )
        if email:
            self.make_jsonrpc_request("/chatbot/step/validate_email", {"channel_id": channel.id})
        self.make_jsonrpc_request("/chatbot/step/trigger", {"channel_id": channel.id})

    def _play(self, question, email):
        channel = self._session()
        self._say(channel, question)
        self.assertEqual(channel.chatbot_current_step_id, self.step_email)
        self._say(channel, email, email=True)
        self.assertEqual(channel.chatbot_current_step_id, self.step_ticket)
        return channel

    def _handed_over(self, question="Kargom nerede?", email="ayse@example.com"):
        """A visitor talks to the bot, gives their e-mail and is handed over to the (online) agent."""
        self.step_ticket.write({"step_type": "forward_operator", "message": "Connecting you to an operator."})
        self.env["mail.presence"]._update_presence(self.agent)
        channel = self._play(question, email)
        self.assertEqual(channel.livechat_operator_id, self.agent.partner_id)
        return channel

    def _rpc_create_ticket(self, channel, login):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/discuss.channel/action_cxm_create_ticket",
            {"model": "discuss.channel", "method": "action_cxm_create_ticket", "args": [channel.ids], "kwargs": {}},
        )

    def _ticket_of(self, channel):
        return self.env["helpdesk.ticket"].search([("cxm_livechat_channel_id", "in", channel.ids)])

    # ------------------------------------------------------------------ tests
    def test_bot_opens_ticket_for_the_known_customer(self):
        channel = self._play("Kargom üç gündür gelmedi", "AYSE@example.com")
        ticket = self._ticket_of(channel)
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.ayse, "the identity look-up finds the customer by the e-mail")
        self.assertEqual(ticket.name, "Kargom üç gündür gelmedi")
        self.assertEqual(ticket.channel_id, self.chat)
        self.assertEqual(ticket.team_id, self.team)
        self.assertNotEqual(ticket.user_id, self.env.ref("base.public_user"), "not assigned to the visitor's user")
        self.assertIn("Kargom üç gündür gelmedi", ticket.description, "the transcript is the description")
        self.assertIn("How can we help you?", ticket.description)
        self.assertIn("Thank you, a ticket is open.", channel.message_ids[0].body)
        # the team's agent sees it, as themselves
        self.assertEqual(
            self.env["helpdesk.ticket"].with_user(self.agent).search([("id", "=", ticket.id)]).name,
            "Kargom üç gündür gelmedi",
        )

    def test_unknown_visitor_becomes_a_customer(self):
        before = self.env["res.partner"].search_count([])
        channel = self._play("Fatura sorusu", "new.visitor@example.com")
        ticket = self._ticket_of(channel)
        self.assertEqual(ticket.partner_id.email, "new.visitor@example.com")
        self.assertEqual(ticket.partner_id.cxm_created_channel_id, self.chat)
        self.assertEqual(self.env["res.partner"].search_count([]), before + 1)
        # the same visitor again: the same customer, no second partner
        second = self._ticket_of(self._play("Bir sorum daha var", "new.visitor@example.com"))
        self.assertEqual(second.partner_id, ticket.partner_id)
        self.assertEqual(self.env["res.partner"].search_count([]), before + 1)

    def test_create_ticket_and_forward_to_the_team_operator(self):
        self.step_ticket.step_type = "cxm_create_ticket_forward"
        # both operators are online; only the agent is in the ticket's team
        self.env["mail.presence"]._update_presence(self.agent)
        self.env["mail.presence"]._update_presence(self.other_operator)
        channel = self._play("Ürünüm bozuk geldi", "ayse@example.com")
        ticket = self._ticket_of(channel)
        self.assertEqual(channel.livechat_operator_id, self.agent.partner_id, "handed over to the team's operator")
        self.assertEqual(ticket.user_id, self.agent, "the operator who takes the visitor takes the ticket")
        self.assertIn(self.agent.partner_id, channel.channel_member_ids.partner_id)

    def test_forward_step_with_team_hands_over_to_that_team_only(self):
        self.step_ticket.write({"step_type": "forward_operator", "cxm_team_id": self.team.id})
        self.env["mail.presence"]._update_presence(self.other_operator)
        channel = self._play("Biriyle konuşmak istiyorum", "ayse@example.com")
        # the team's agent is offline: no hand-over to the operator outside the team
        self.assertEqual(channel.livechat_operator_id, self.script.operator_partner_id)
        self.env["mail.presence"]._update_presence(self.agent)
        channel = self._play("Biriyle konuşmak istiyorum", "ayse@example.com")
        self.assertEqual(channel.livechat_operator_id, self.agent.partner_id)
        self.assertFalse(self._ticket_of(channel), "a forward step opens no ticket")

    def test_operator_turns_a_live_chat_into_a_ticket(self):
        portal = new_test_user(self.env, "chat_portal", groups="base.group_portal", name="Portal Visitor")
        self.env["mail.presence"]._update_presence(self.agent)
        self.livechat.rule_ids.chatbot_script_id = False
        self.livechat.user_ids = self.agent
        self.authenticate("chat_portal", "chat_portal")
        channel = self._session(chatbot=False)
        self.assertEqual(channel.livechat_operator_id, self.agent.partner_id)
        self._say(channel, "Siparişimi iptal etmek istiyorum")
        channel.with_user(self.agent).execute_command_ticket(body="/ticket Sipariş iptali")
        ticket = self._ticket_of(channel)
        self.assertEqual(ticket.name, "Sipariş iptali")
        self.assertEqual(ticket.partner_id, portal.partner_id)
        self.assertEqual(ticket.channel_id, self.chat)
        self.assertIn("Siparişimi iptal etmek istiyorum", ticket.description)
        self.assertEqual(ticket.create_uid, self.agent, "opened as the operator")
        self.assertEqual(ticket.user_id, self.agent, "the operator's own ticket")
        # an operator without helpdesk rights is told so, and nothing is opened
        self.other_operator.partner_id  # noqa: B018 (prefetch)
        channel.sudo().add_members(partner_ids=self.other_operator.partner_id.ids)
        channel.with_user(self.other_operator).execute_command_ticket(body="/ticket Başka")
        self.assertEqual(len(self._ticket_of(channel)), 1)

    def test_ticket_command_only_in_live_chats(self):
        group = self.env["discuss.channel"].create({"name": "Team room", "channel_type": "channel"})
        group.add_members(partner_ids=self.agent.partner_id.ids)
        group.with_user(self.agent).execute_command_ticket(body="/ticket Olmaz")
        self.assertFalse(self._ticket_of(group))

    def test_create_ticket_button(self):
        channel = self._handed_over()
        action = self._rpc_create_ticket(channel, "chat_agent")
        ticket = self._ticket_of(channel)
        self.assertEqual(len(ticket), 1)
        self.assertEqual((action["res_model"], action["res_id"]), ("helpdesk.ticket", ticket.id), "the ticket opens")
        self.assertEqual(ticket.partner_id, self.ayse, "the visitor identified by the e-mail given to the bot")
        self.assertEqual(ticket.name, "Kargom nerede?", "titled by the visitor's question")
        self.assertEqual(ticket.channel_id, self.chat)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertIn("ayse@example.com", ticket.description, "the transcript is the description")
        notice = channel.message_ids.filtered(lambda m: m.message_type == "notification" and ticket.number in m.body)
        self.assertEqual(len(notice), 1, "a notice in the conversation gives the ticket's number")
        self.assertEqual(notice.author_id, self.agent.partner_id)

    def test_create_ticket_button_refused(self):
        channel = self._handed_over()
        channel.add_members(partner_ids=self.other_operator.partner_id.ids)
        # a live-chat operator without helpdesk rights: the button is hidden and the server refuses
        self.assertFalse(self._store_value(self.other_operator))
        self.assertTrue(self._store_value(self.agent))
        with self.assertRaisesRegex(JsonRpcException, "AccessError"), mute_logger("odoo.http"):
            self._rpc_create_ticket(channel, "chat_other_op")
        # not a live chat
        group = self.env["discuss.channel"].create({"name": "Team room", "channel_type": "channel"})
        group.add_members(partner_ids=self.agent.partner_id.ids)
        with self.assertRaisesRegex(JsonRpcException, "UserError"), mute_logger("odoo.http"):
            self._rpc_create_ticket(group, "chat_agent")
        self.assertFalse(self._ticket_of(channel | group), "nothing opened")
        self.assertFalse(
            channel.message_ids.filtered(lambda m: m.message_type == "notification" and "Ticket" in m.body)
        )

    def _store_value(self, user):
        store = Store()
        self.env["res.users"].with_user(user)._init_store_data(store)
        return store.get_result()["Store"]["cxm_can_create_ticket"]

    def test_tour_operator_turns_a_chat_into_a_ticket(self):
        channel = self._handed_over()
        self.start_tour(
            f"/odoo/discuss?active_id=discuss.channel_{channel.id}", "cxm_chatbot_operator_tour", login="chat_agent"
        )
        tickets = self._ticket_of(channel).sorted("id")
        self.assertEqual(tickets.mapped("name"), ["Kargom nerede?", "Fatura itirazı"])
        self.assertEqual(tickets.partner_id, self.ayse)
        self.assertEqual(tickets.user_id, self.agent)

    def test_tour_button_hidden(self):
        channel = self._handed_over()
        channel.add_members(partner_ids=self.other_operator.partner_id.ids)
        group = self.env["discuss.channel"].create({"name": "Team room", "channel_type": "channel"})
        group.add_members(partner_ids=self.agent.partner_id.ids)
        for login, thread in (("chat_other_op", channel), ("chat_agent", group)):
            self.start_tour(
                f"/odoo/discuss?active_id=discuss.channel_{thread.id}", "cxm_chatbot_no_ticket_button_tour", login=login
            )

    def test_tour_bot_opens_a_ticket_the_agent_sees(self):
        self.start_tour(f"/im_livechat/support/{self.livechat.id}", "cxm_chatbot_visitor_tour")
        ticket = self.env["helpdesk.ticket"].search([("cxm_livechat_channel_id", "in", self.livechat.channel_ids.ids)])
        self.assertEqual(ticket.name, "Kargom nerede?")
        self.assertEqual(ticket.partner_id, self.ayse)
        self.start_tour(
            "/odoo/action-helpdesk_mgmt.helpdesk_ticket_action", "cxm_chatbot_agent_tour", login="chat_agent"
        )
