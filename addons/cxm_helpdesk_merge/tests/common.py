# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command
from odoo.tests import new_test_user


class MergeCommon:
    @classmethod
    def _merge_fixtures(cls, login):
        env = cls.env
        cls.agent = new_test_user(env, login, groups="cxm_base.group_cxm_agent", name="Merge Agent")
        cls.team = env["helpdesk.ticket.team"].create(
            {"name": f"Merge Team {login}", "user_ids": [Command.set(cls.agent.ids)]}
        )
        cls.process = env.ref("cxm_process.template_complaint")._cxm_copy_from_template(f"Merge {login}")
        cls.process.action_activate()
        cls.customer = env["res.partner"].create({"name": "Merge Customer", "email": "merge@example.com"})
        cls.category = env["helpdesk.ticket.category"].create({"name": f"Merge category {login}"})

    @classmethod
    def _ticket(cls, name, **vals):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": name,
                "description": "<p>It stops</p>",
                "team_id": cls.team.id,
                "user_id": cls.agent.id,
                "partner_id": cls.customer.id,
                "category_id": cls.category.id,
                "cxm_process_id": cls.process.id,
                **vals,
            }
        )
