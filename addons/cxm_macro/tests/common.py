# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command
from odoo.tests import new_test_user


class MacroCommon:
    @classmethod
    def _macro_fixtures(cls, login):
        env = cls.env
        cls.agent = new_test_user(env, login, groups="cxm_base.group_cxm_agent", name="Macro Agent")
        cls.team = env["helpdesk.ticket.team"].create(
            {"name": f"Macro {login}", "user_ids": [Command.set(cls.agent.ids)]}
        )
        cls.process = env.ref("cxm_process.template_complaint")._cxm_copy_from_template(f"Macro {login}")
        cls.process.action_activate()
        cls.customer = env["res.partner"].create({"name": "Macro Customer", "email": "macro@example.com"})
        cls.category = env["helpdesk.ticket.category"].create({"name": f"Macro category {login}"})
        cls.tag = env["helpdesk.ticket.tag"].create({"name": f"Replacement offered {login}"})
        cls.canned = env["mail.canned.response"].create(
            {"source": f"repl{login}", "substitution": "We replace it for free.\nA courier comes within 3 days."}
        )
        cls.propose = cls._transition("Propose solution")
        cls.macro = env["cxm.macro"].create(
            {
                "name": "Offer a replacement",
                "team_ids": [Command.set(cls.team.ids)],
                "reply_kind": "canned",
                "canned_response_id": cls.canned.id,
                "priority": "2",
                "tag_ids": [Command.set(cls.tag.ids)],
                "assign": "me",
                "transition_id": cls.propose.id,
            }
        )

    @classmethod
    def _transition(cls, name):
        return cls.process.transition_ids.filtered(lambda t: t.name == name)

    @classmethod
    def _ticket(cls, name, path=("Classify", "Start work"), **vals):
        ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": name,
                "description": "<p>Broken</p>",
                "team_id": cls.team.id,
                "user_id": False,
                "partner_id": cls.customer.id,
                "category_id": cls.category.id,
                "cxm_process_id": cls.process.id,
                "priority": "0",
                **vals,
            }
        )
        for step in path:
            ticket.cxm_fire_transition(cls._transition(step).id)
        return ticket
